"""The build's shared MarkdownIt (``parser.docfx_parser``) and myst's ``setup_render``
without its throw-away document (``_myst.setup_render``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import new_document
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer

from sphinx_superoffice._myst import setup_render
from sphinx_superoffice.parser import docfx_parser
from sphinx_superoffice.state import ENV_ATTRIBUTE, BuildState


def _env(config: MdParserConfig) -> Any:
    env = SimpleNamespace(myst_config=config, config=SimpleNamespace(superoffice_alerts={}))
    setattr(env, ENV_ATTRIBUTE, BuildState())
    return env


def test_pages_share_one_parser_unless_nested_or_configured_otherwise() -> None:
    config = MdParserConfig()
    env = _env(config)
    with docfx_parser(env, config) as first:
        first.options["document"] = "page one"
        with docfx_parser(env, config) as nested:
            assert nested is not first  # a page parsed inside another's parse
    assert "document" not in first.options  # the page is let go
    with docfx_parser(env, config) as second:
        assert second is first
    with docfx_parser(env, MdParserConfig(heading_anchors=2)) as own:
        assert own is not first  # file-level `myst:` settings


def _document() -> Any:
    return new_document("page.md", get_default_settings(RSTParser))


def test_setup_render_sets_what_myst_sets() -> None:
    """The same attributes, with the same values, as myst's own ``setup_render``."""
    config = MdParserConfig()
    document = _document()
    options = {"myst_config": config, "document": document}
    ours, theirs = DocutilsRenderer(None), DocutilsRenderer(None)  # type: ignore[arg-type]
    setup_render(ours, options, {"k": 1})
    DocutilsRenderer.setup_render(theirs, options, {"k": 1})
    assert vars(ours).keys() == vars(theirs).keys()
    for name, value in vars(theirs).items():
        if name == "rules":  # set by the constructor, bound to each renderer
            continue
        assert vars(ours)[name] == value, name


def test_setup_render_without_a_document_is_myst_s() -> None:
    renderer = DocutilsRenderer(None)  # type: ignore[arg-type]
    setup_render(renderer, {"myst_config": MdParserConfig()}, {})
    assert renderer.document["source"] == "notset"
