"""Every use of myst-parser's private API, in one place.

myst-parser is pinned to ``>=5.2,<5.3``; an upgrade should only touch this file.
"""

from __future__ import annotations

from typing import Any

from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import MystWarnings, create_warning


def add_front_matter_metadata(renderer: SphinxRenderer, field_list: Any) -> None:
    """Seed ``env.metadata`` with front-matter fields during the read (myst's private
    ``_add_fm_env_metadata``), so transforms already see them."""
    renderer._add_fm_env_metadata(field_list, renderer.document.settings.language_code)


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
    "token_line",
]
