"""The site model of a build: one :class:`~.siteindex.SiteIndex` and one link resolver.

Both live in the build state (:mod:`.state`), created on first use: the index at
``config-inited`` (the toc model and the landing-page exclusions need it before any
page is read), the resolver once the page set is known. Every module that looks at
the source tree asks here, so the tree is walked once per build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util.nodes import clean_astext

from .config import get_config, project_root
from .siteindex import FrontMatter, SiteIndex
from .sitepaths import SiteFiles
from .state import BuildState, config_state, get_state
from .yamlread import metadata_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


@dataclass
class SiteModel:
    """The build-state slot of the site model."""

    index: SiteIndex | None = None
    #: links resolved against the pages of the build (``env.found_docs``)
    files: SiteFiles | None = None


def _index(
    state: BuildState, srcdir: str | os.PathLike[str], config: Config, skip: list[Path]
) -> SiteIndex:
    model = state.slot(SiteModel)
    if model.index is None:
        root = Path(srcdir) / config.superoffice_root
        model.index = SiteIndex(srcdir, root, skip)
    return model.index


def app_site_index(app: Sphinx) -> SiteIndex:
    """The site index, for ``config-inited`` handlers (before the environment exists)."""
    skip = [Path(app.outdir), Path(app.doctreedir)]
    return _index(config_state(app.config), app.srcdir, app.config, skip)


def site_index(env: BuildEnvironment) -> SiteIndex:
    """The site index of the build of ``env``."""
    state = get_state(env)
    skip = [Path(env.doctreedir)]
    if state.builder is not None:
        skip.append(Path(state.builder.outdir))
    return _index(state, env.srcdir, env.config, skip)


def site_files(env: BuildEnvironment) -> SiteFiles:
    """Site paths and URLs resolved to the pages of this build (once every page is
    known: redirects, landing pages)."""
    model = get_state(env).slot(SiteModel)
    if model.files is None:
        index = site_index(env)
        model.files = SiteFiles(
            env.srcdir,
            list(env.config.source_suffix),
            get_config(env.config).site_url,
            lambda doc: is_page(env, doc),
            project_root(env),
            index.files,
            get_config(env.config).url_schemes,
        )
    return model.files


# --- redirect stubs -----------------------------------------------------------------------


@dataclass(frozen=True)
class StubPage:
    """A redirect stub: a Markdown page whose only content is front matter with
    ``redirect_url``. It is found when the tree is scanned and never read as a page
    (:mod:`.stubpages` writes its redirect page at the end of the build)."""

    meta: dict[str, str]
    """Its front matter, as page metadata would hold it."""

    @property
    def title(self) -> str:
        return self.meta.get("title", "").strip()


#: the attribute of ``env`` holding ``docname -> StubPage`` of the build (pickled with
#: the environment: a parallel reader has it, and the next build compares with it)
STUBS_ATTRIBUTE = "superoffice_stubs"


def stub_page(head: FrontMatter) -> StubPage | None:
    """The stub a page's front matter makes, or None when the page is a page."""
    if head.body or head.error or not (head.text("redirect_url") or "").strip():
        return None
    return StubPage({key: metadata_text(value) for key, value in head.data.items()})


#: the template of every redirect page (``redirect_url``, ``redirect_from``, stubs): it
#: draws no theme; the extra redirect pages are rendered with it directly
#: (:func:`.redirects.write_redirect_pages`), without the theme's and the nav's context
REDIRECT_TEMPLATE = "superoffice-redirect.html"


def stub_pages(env: BuildEnvironment) -> dict[str, StubPage]:
    """``docname -> StubPage`` of this build (empty before the pages are found)."""
    stubs: dict[str, StubPage] = getattr(env, STUBS_ATTRIBUTE, {})
    return stubs


def is_page(env: BuildEnvironment, docname: str) -> bool:
    """Whether ``docname`` is a page of the build: a source page or a redirect stub."""
    return docname in env.found_docs or docname in stub_pages(env)


def page_metadata(env: BuildEnvironment, docname: str) -> dict[str, Any]:
    """The metadata of a page or of a redirect stub."""
    stub = stub_pages(env).get(docname)
    if stub is not None:
        return stub.meta
    return env.metadata.get(docname, {})


def heading_text(env: BuildEnvironment, docname: str) -> str:
    """A page's first heading as text, as readers see it: raw HTML in it (DocFX pages
    put icon tags in headings, ``# Search <i class="ph ph-…"></i>``) is left out, where
    ``astext()`` would show the tag. Empty for a page without a heading."""
    title = env.titles.get(docname)
    return clean_astext(title).strip() if title is not None else ""
