"""Every use of myst-parser's private API, in one place.

myst-parser is pinned to ``>=5.2,<5.3``; an upgrade should only touch this file.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from docutils.parsers.rst.languages import get_language as get_language_rst
from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.mdit_to_docutils.base import DocutilsRenderer, token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import MystWarnings, create_warning


def add_front_matter_metadata(renderer: SphinxRenderer, field_list: Any) -> None:
    """Seed ``env.metadata`` with front-matter fields during the read (myst's private
    ``_add_fm_env_metadata``), so transforms already see them."""
    renderer._add_fm_env_metadata(field_list, renderer.document.settings.language_code)


def setup_render(
    renderer: DocutilsRenderer, options: dict[str, Any], env: MutableMapping[str, Any]
) -> None:
    """myst's ``DocutilsRenderer.setup_render``, without its fallback document when the
    render brings one: myst writes ``options.get("document", make_document())``, which
    builds a docutils settings object (2 ms) on every render, used or not. The same
    attributes as myst 5.2 sets (a test compares them)."""
    document = options.get("document")
    if document is None:
        DocutilsRenderer.setup_render(renderer, options, env)
        return
    renderer.md_env = env
    renderer.md_options = options
    renderer.md_config = options["myst_config"]
    renderer.document = document
    renderer.current_node = options.get("current_node", document)
    renderer.reporter = document.reporter
    renderer.language_module_rst = get_language_rst(document.settings.language_code)
    renderer._heading_offset = 0
    renderer._level_to_section = {0: document}
    renderer._heading_slugs = {}


__all__ = [
    "MdParserConfig",
    "MystParser",
    "MystWarnings",
    "SphinxRenderer",
    "TopmatterReadError",
    "add_front_matter_metadata",
    "create_md_parser",
    "create_warning",
    "merge_file_level",
    "read_topmatter",
    "setup_render",
    "token_line",
]
