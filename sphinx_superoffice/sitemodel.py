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
from typing import TYPE_CHECKING

from .config import get_config, project_root
from .siteindex import SiteIndex
from .sitepaths import SiteFiles
from .state import BuildState, config_state, get_state

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
            lambda doc: doc in env.found_docs,
            project_root(env),
            index.files,
            get_config(env.config).url_schemes,
        )
    return model.files
