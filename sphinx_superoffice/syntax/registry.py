"""The DocFX syntax modules, as the parser installs them.

Each entry is one module's markdown-it plugin and its token renderers
(:class:`.contract.SyntaxPlugin`), in the order the rules are installed: a later
rule placed ``before`` the same markdown-it rule runs after an earlier one.
"""

from __future__ import annotations

from . import alerts, anchors, emoji, includes, leftovers, linear, lines, links, tabs, xref
from .colons import grammar as colon_grammar
from .colons import render as colon_render
from .contract import SyntaxPlugin
from .snippets import grammar as snippet_grammar
from .snippets import render as snippet_render

SYNTAX_PLUGINS: tuple[SyntaxPlugin, ...] = (
    SyntaxPlugin(includes.includes_plugin, includes.RENDERERS),
    SyntaxPlugin(alerts.quote_sections_plugin, alerts.RENDERERS),
    SyntaxPlugin(leftovers.leftovers_plugin, leftovers.RENDERERS),
    SyntaxPlugin(anchors.anchors_plugin, anchors.RENDERERS),
    SyntaxPlugin(xref.xref_plugin, xref.RENDERERS),
    # raw <a href> becomes myst link tokens: DocfxRenderer.render_link_unknown renders them
    SyntaxPlugin(links.html_links_plugin, {}),
    SyntaxPlugin(snippet_grammar.snippets_plugin, snippet_render.RENDERERS),
    SyntaxPlugin(colon_grammar.colons_plugin, colon_render.RENDERERS),
    SyntaxPlugin(tabs.tabs_plugin, tabs.RENDERERS),
    SyntaxPlugin(emoji.emoji_plugin, {}),
    # a paragraph's parse stays linear (markdown-it's and myst's rules on long lines)
    SyntaxPlugin(linear.linear_plugin, {}),
    # last: the line of each inline token, once per paragraph (links.token_line)
    SyntaxPlugin(lines.token_lines_plugin, {}),
)
