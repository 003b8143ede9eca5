"""Build DocFX-flavoured Markdown sites with Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bump when the shape of the data this extension stores in the environment changes.
ENV_VERSION = 2  # 2: superoffice_warnings (issue 18)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the DocFX Markdown parser, the site structure, languages and the theme."""
    from .apiref import setup_apiref
    from .assets import setup_assets
    from .config import setup_config
    from .confine import setup_confine
    from .docfx_json import setup_docfx_json
    from .encoding import setup_encoding
    from .epub import setup_epub
    from .frontmatter import setup_frontmatter
    from .highlighting import setup_highlighting
    from .landing import setup_landing
    from .languages import setup_languages
    from .mathtext import setup_math
    from .memory import setup_memory
    from .notfound import setup_notfound
    from .parallel import WRITERS_FORK, setup_parallel
    from .parser import setup_parser
    from .projectname import setup_project_name
    from .redirects import setup_redirects
    from .references import setup_references
    from .report import setup_report
    from .rereads import setup_rereads
    from .robots import setup_robots
    from .searchstem import setup_search_stems
    from .sitemap import setup_sitemap
    from .state import setup_state
    from .stubpages import setup_stub_pages
    from .syntax.anchors import setup_anchors
    from .syntax.colons import setup_colons
    from .syntax.tabs import setup_tabs
    from .theme import setup_theme
    from .toc import setup_toc
    from .translation import setup_translation
    from .walks import setup_walks
    from .warmup import setup_warmup
    from .warnings_ import setup_warnings

    setup_state(app)
    app.add_event(WRITERS_FORK)  # this extension's event, before its listeners connect
    setup_config(app)
    setup_warnings(app)
    setup_report(app)
    setup_docfx_json(app)
    setup_project_name(app)
    setup_encoding(app)
    setup_languages(app)
    setup_parser(app)
    setup_math(app)
    setup_frontmatter(app)
    setup_references(app)
    setup_anchors(app)
    setup_translation(app)
    setup_landing(app)
    setup_apiref(app)
    setup_toc(app)
    setup_redirects(app)
    setup_stub_pages(app)
    setup_rereads(app)
    setup_memory(app)
    setup_parallel(app)
    setup_warmup(app)
    setup_robots(app)
    setup_sitemap(app)
    setup_notfound(app)
    setup_theme(app)
    setup_tabs(app)
    setup_colons(app)
    setup_confine(app)
    setup_highlighting(app)
    setup_walks(app)
    setup_search_stems(app)
    setup_assets(app)
    setup_epub(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
