"""``DocfxParser``: myst-parser's Sphinx parser with DocFX's Markdown rules added."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MethodType
from typing import TYPE_CHECKING, Any

import yaml

from ._myst import (
    MystParser,
    TopmatterReadError,
    create_md_parser,
    create_warning,
    merge_file_level,
    read_topmatter,
)
from ._sphinx import set_by_user
from ._sphinx_design import setup_design_walks
from .renderer import DocfxRenderer
from .state import get_state
from .syntax.registry import SYNTAX_PLUGINS
from .translation import is_translated, translated_env
from .yamlread import YamlRefused, load_front_matter, split_front_matter

if TYPE_CHECKING:
    from docutils import nodes
    from markdown_it import MarkdownIt
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ._myst import MdParserConfig, MystWarnings


def create_docfx_parser(config: MdParserConfig, extra_alerts: dict[str, str]) -> MarkdownIt:
    """A MarkdownIt with myst's configuration plus the DocFX rules and their renderers."""
    md = create_md_parser(config, DocfxRenderer)
    if md.linkify is not None and not config.linkify_fuzzy_links:
        _markdig_autolinks(md.linkify)
    md.options["superoffice_extra_alerts"] = extra_alerts
    renderer = md.renderer
    assert isinstance(renderer, DocfxRenderer)
    for syntax in SYNTAX_PLUGINS:
        md.use(syntax.plugin)
        renderer.add_renderers(syntax.renderers)
    return md


@dataclass
class _SharedParser:
    """The build's MarkdownIt for pages that use the build's myst configuration: making
    one (markdown-it's rules, linkify, the DocFX plugins) cost 2 ms a page."""

    md: MarkdownIt | None = None
    busy: bool = False


@contextmanager
def docfx_parser(env: BuildEnvironment, config: MdParserConfig) -> Iterator[MarkdownIt]:
    """A MarkdownIt for one page: the build's shared one, or a new one for a page with
    its own (file-level) configuration or while the shared one is busy (a page parsed
    inside another's parse, as an ``{include}`` with a ``:parser:`` does).

    Each render sets the renderer up afresh (``setup_render``: the document, the
    include stack, the page's slots); plugins keep only configuration in ``md.options``.
    The page's document is let go afterwards."""
    slot = get_state(env).slot(_SharedParser)
    if slot.busy or config is not getattr(env, "myst_config", None):
        yield create_docfx_parser(config, env.config.superoffice_alerts)
        return
    if slot.md is None:
        slot.md = create_docfx_parser(config, env.config.superoffice_alerts)
    slot.busy = True
    try:
        yield slot.md
    finally:
        slot.busy = False
        slot.md.options.pop("document", None)


def _www_normalize(linkify: Any, match: Any) -> None:
    match.url = "http://" + match.url


def _markdig_autolinks(linkify: Any) -> None:
    """Link what Markdig's auto-links link: a scheme (linkify's own rules) or ``www.``,
    never a bare domain or ``user@host`` (linkify-it's fuzzy links and e-mails)."""
    host_and_path = "^(?:" + linkify.re["src_host_port_strict"] + linkify.re["src_path"] + ")"
    linkify.add(
        "www.",
        {
            "validate": re.compile(host_and_path, re.IGNORECASE),
            "normalize": MethodType(_www_normalize, linkify),
        },
    )
    linkify.set({"fuzzy_email": False})


class DocfxParser(MystParser):
    """Parse DocFX-flavoured Markdown (``.md``) into a docutils document."""

    supported = ("docfx", "md", "markdown")

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        config: MdParserConfig = env.myst_config
        # myst reads the front matter twice; its first read only serves file-level
        # `myst:` settings, so skip that YAML parse when there are none
        head = inputstring[: inputstring.find("\n---", 3) + 1] if inputstring[:3] == "---" else ""
        try:
            topmatter = read_topmatter(inputstring) if "myst" in head and _bounded(head) else None
        except TopmatterReadError:
            pass  # reported (with its line) when the front matter is rendered
        else:
            if topmatter:

                def warning(wtype: MystWarnings, msg: str) -> None:
                    create_warning(document, msg, wtype, line=1, append_to=document)

                config = merge_file_level(config, topmatter, warning)
        md_env: dict[str, Any] = {}
        if is_translated(document["source"]):
            page = Path(env.doc2path(env.docname)).resolve()
            md_env = translated_env(env, page, document["source"], inputstring)
        with docfx_parser(env, config) as md:
            md.options["document"] = document
            md.render(inputstring, md_env)


def _bounded(head: str) -> bool:
    """Whether the front matter passes the bounded YAML reader (myst reads it with PyYAML's
    own loader, which would hand an alias bomb on); a refused one is reported when the
    front matter is rendered."""
    found = split_front_matter(head + "---\n")
    if found is None or "*" not in found[0]:
        return True
    try:
        load_front_matter(found[0])
    except YamlRefused:
        return False
    except yaml.YAMLError:
        return True  # malformed: myst says so
    return True


def setup_parser(app: Sphinx) -> None:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    setup_design_walks(app)
    app.add_source_parser(DocfxParser, override=True)
    app.add_source_suffix(".md", "docfx", override=True)
    app.connect("config-inited", _myst_defaults, priority=10)


def _myst_defaults(app: Sphinx, config: Config) -> None:
    """Markdig's defaults as DocFX turns them on, unless conf.py (or ``-D``) says otherwise:
    anchors for H1-H6 (DocFX links to headings of every level), ``$…$``/``$$…$$`` math
    (Markdig's Mathematics), straight quotes (DocFX has no SmartyPants: Sphinx's
    ``smartquotes`` would curl every quote and turn ``--`` into a dash), and bare
    ``http://``, ``https://``, ``ftp://`` and ``www.`` URLs in text linked, never in code
    (Markdig's auto-links; myst's ``linkify`` with linkify-it-py, without fuzzy links:
    ``example.com`` alone stays text)."""
    if not config.myst_heading_anchors:
        config.myst_heading_anchors = 6
    if not set_by_user(config, "myst_enable_extensions"):
        extensions = config.myst_enable_extensions  # a set or a list
        added = [name for name in ("dollarmath", "linkify") if name not in extensions]
        config.myst_enable_extensions = [*sorted(extensions), *added]
    if not set_by_user(config, "myst_linkify_fuzzy_links"):
        config.myst_linkify_fuzzy_links = False
    if not set_by_user(config, "myst_update_mathjax"):
        # myst would mark every H1 section `mathjax_ignore` (a class on every page, math or
        # not); MathJax is only loaded on pages with math, and DocFX marks nothing
        config.myst_update_mathjax = False
    if not set_by_user(config, "smartquotes"):
        config.smartquotes = False
