"""Every use of myst-parser's private API, in one place.

myst-parser is pinned to ``>=5.2,<5.3``; an upgrade should only touch this file.
"""

from __future__ import annotations

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

__all__ = [
    "MdParserConfig",
    "MystParser",
    "MystWarnings",
    "SphinxRenderer",
    "TopmatterReadError",
    "create_md_parser",
    "create_warning",
    "merge_file_level",
    "read_topmatter",
    "token_line",
]
