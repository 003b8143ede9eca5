"""The ``superoffice`` HTML theme: registration, message catalog and page-context hooks.

This module is the ``sphinx.html_themes`` entry point, so ``html_theme = "superoffice"``
works on its own; the package's ``setup()`` calls :func:`setup_theme` too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .hooks import uses_superoffice_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

THEME_DIR = Path(__file__).parent / "superoffice"


def setup_theme(app: Sphinx) -> None:
    """Register the theme, its interface-string catalog and its page-context hooks."""
    from .a11y import setup_a11y
    from .docfxkeys import setup_docfxkeys
    from .i18n import setup_i18n
    from .icons import setup_icons
    from .nav import setup_nav
    from .pagemeta import setup_pagemeta
    from .toctree import setup_toctree

    if "superoffice" in getattr(app.registry, "html_themes", {}):
        return  # already set up (entry point and package setup() both ran)
    app.add_html_theme("superoffice", str(THEME_DIR))
    app.connect("builder-inited", _add_script)
    setup_a11y(app)
    setup_i18n(app)
    setup_icons(app)
    setup_nav(app)
    setup_pagemeta(app)
    setup_toctree(app)
    setup_docfxkeys(app)


def _add_script(app: Sphinx) -> None:
    """Load superoffice.js (deferred, cache-busted by Sphinx) only when the theme is in use."""
    if uses_superoffice_theme(app):
        app.add_js_file("superoffice.js", priority=900, defer="defer")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Entry point used when the theme is loaded on its own."""
    from .._version import __version__

    setup_theme(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
