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
    """Register the DocFX site features: toc.yml, landing pages, redirects, docfx.json."""
    from .config import setup_config
    from .docfx_json import setup_docfx_json
    from .landing import setup_landing
    from .redirects import setup_redirects
    from .toc import setup_toc

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    setup_config(app)
    setup_docfx_json(app)
    setup_landing(app)
    setup_toc(app)
    setup_redirects(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
