"""Build DocFX-flavoured Markdown sites with Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0.dev0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bump when the shape of the data this extension stores in the environment changes.
ENV_VERSION = 1


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the DocFX Markdown parser, its transforms and the theme."""
    from .config import setup_config
    from .frontmatter import setup_frontmatter
    from .parser import setup_parser
    from .syntax.includes import setup_includes
    from .theme import setup_theme

    setup_config(app)
    setup_parser(app)
    setup_frontmatter(app)
    setup_includes(app)
    setup_theme(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
