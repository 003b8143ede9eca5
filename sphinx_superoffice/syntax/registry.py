"""The DocFX syntax modules, as the parser installs them.

Each entry is one module's markdown-it plugin and its token renderers
(:class:`.contract.SyntaxPlugin`), in the order the rules are installed: a later
rule placed ``before`` the same markdown-it rule runs after an earlier one.
"""

from __future__ import annotations

from . import alerts, anchors, colons, includes, leftovers, links, snippets, tabs, xref
from .contract import SyntaxPlugin

SYNTAX_PLUGINS: tuple[SyntaxPlugin, ...] = (
    SyntaxPlugin(includes.includes_plugin, includes.RENDERERS),
    SyntaxPlugin(alerts.quote_sections_plugin, alerts.RENDERERS),
    SyntaxPlugin(leftovers.leftovers_plugin, leftovers.RENDERERS),
    SyntaxPlugin(anchors.anchors_plugin, anchors.RENDERERS),
    SyntaxPlugin(xref.xref_plugin, xref.RENDERERS),
    # raw <a href> becomes myst link tokens: DocfxRenderer.render_link_unknown renders them
    SyntaxPlugin(links.html_links_plugin, {}),
    SyntaxPlugin(snippets.snippets_plugin, snippets.RENDERERS),
    SyntaxPlugin(colons.colons_plugin, colons.RENDERERS),
    SyntaxPlugin(tabs.tabs_plugin, tabs.RENDERERS),
)
