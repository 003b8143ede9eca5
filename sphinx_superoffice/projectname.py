"""The project's name when ``conf.py`` gives none, instead of Sphinx's placeholder.

Sphinx calls a project without ``project = "…"`` "Project name not set", and the
header, the ``<title>`` of every page and the search page show it. A DocFX docset names
itself in ``docfx.json``'s ``globalMetadata``: ``_appName`` (DocFX's header) or
``_appTitle`` (its ``<title>`` suffix). So, at ``config-inited`` (after
:mod:`.docfx_json` has read the file): ``project`` from ``conf.py`` or ``-D`` wins, then
``_appName``, then ``_appTitle``, then the name of the docset's folder
(``superoffice_root``, leaving out language-code folders and ``docs``: ``docs/no`` of
the ``superoffice`` repository gives ``superoffice``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ._sphinx import set_by_user
from .docfx_json import DocfxSettings
from .langcodes import LANGUAGE_NAMES
from .state import config_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: folder names that name no project: the folder of the language trees and the like
GENERIC_FOLDERS = frozenset({"docs", "doc", "documentation", "src", "source", "content"})


def setup_project_name(app: Sphinx) -> None:
    app.connect("config-inited", _project_name, priority=815)


def folder_name(folder: Path) -> str:
    """The name a docset folder gives the project: the first folder, going up, whose name
    is neither a language code nor generic (``docs``), else the folder's own name."""
    for candidate in (folder, *folder.parents):
        name = candidate.name
        if not name:
            break
        if name.lower() not in LANGUAGE_NAMES and name.lower() not in GENERIC_FOLDERS:
            return name
    return folder.name or "Documentation"


def project_name(global_metadata: dict[str, str], docset_root: Path) -> str:
    """The name from docfx.json's ``_appName`` / ``_appTitle``, else the docset folder."""
    for key in ("_appName", "_appTitle"):
        value = global_metadata.get(key, "").strip()
        if value:
            return value
    return folder_name(docset_root)


def _project_name(app: Sphinx, config: Config) -> None:
    if set_by_user(config, "project"):
        return
    settings = config_state(config).peek(DocfxSettings)
    root = (Path(app.srcdir) / str(config.superoffice_root or ".")).resolve()
    config.project = project_name(settings.global_metadata if settings else {}, root)
