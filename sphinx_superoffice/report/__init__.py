"""The build report: what a docs team needs to act on the ``superoffice`` warnings.

At the end of each build (``build-finished``), for the whole site (the warnings of pages
an incremental build did not read again are kept, see :mod:`.capture`):

- one log line per subtype with its count, in the language of the build's catalog;
- ``superoffice-report.json`` in the output folder (``superoffice_report = False`` turns
  it off): every warning once, with subtype, file (relative to the docset root), line,
  message and the "did you mean" suggestion where there is one, sorted, so that ``-j 1``
  and ``-j 2`` builds write the same file;
- with ``superoffice_annotations = "github"`` (or by itself on GitHub Actions, where
  ``GITHUB_ACTIONS=true``), each warning once as a ``::warning file=…,line=…::``
  workflow command on standard output, which GitHub shows on the pull request.

Modules: :mod:`.model` (entries, JSON, workflow commands; pure) and :mod:`.capture`
(catching the warnings in every process, keeping them across builds).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..config import project_root
from ..i18n import _
from ..parallel import WRITERS_FORK
from . import capture
from .model import REPORT_NAME, Entry, annotation_path, counts, github_command, ordered, report_json

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

LOGGER = logging.getLogger(__name__)


def setup_report(app: Sphinx) -> None:
    app.add_env_collector(capture.WarningCollector)
    # after the state exists (priority 0), before the settings are checked (50)
    app.connect("config-inited", _install, priority=1)
    app.connect("builder-inited", capture.load_previous)
    app.connect("env-get-outdated", capture.build_started, priority=0)
    app.connect("env-before-read-docs", capture.reading_started, priority=0)
    app.connect("env-updated", capture.reading_finished, priority=0)
    app.connect("env-check-consistency", capture.checking, priority=0)
    app.connect("doctree-resolved", capture.page_resolved)
    app.connect(WRITERS_FORK, capture.pages_to_resolve)
    # after every other build-finished handler, which may still warn
    app.connect("build-finished", _finish, priority=900)


def _install(app: Sphinx, config: Config) -> None:
    capture.install(app)


def annotations_wanted(mode: str) -> bool:
    """``superoffice_annotations``: ``github``, ``none``, or empty (on GitHub Actions)."""
    if mode == "github":
        return True
    if mode == "none":
        return False
    return os.environ.get("GITHUB_ACTIONS", "").lower() == "true"


def _finish(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None:
        return
    written, late = capture.page_entries(app), capture.late_entries(app)
    capture.save(app, written, late)
    root = project_root(app.env)
    found = ordered(e.relative_to(root) for e in capture.all_entries(app, written, late))
    if app.config.superoffice_report:
        path = Path(app.outdir) / REPORT_NAME
        path.write_text(report_json(found), encoding="utf-8")
    _summary(found, app.config.superoffice_report)
    if annotations_wanted(app.config.superoffice_annotations):
        _annotate(found, root)


def _summary(found: list[Entry], written: bool) -> None:
    """One line per subtype with its count (nothing when there is no warning)."""
    if not found:
        return
    LOGGER.info(str(_("superoffice warnings: %(count)d in all")) % {"count": len(found)})
    for subtype, count in counts(found).items():
        LOGGER.info(
            "  "
            + str(_("warnings of type %(subtype)s: %(count)d"))
            % {"subtype": f"superoffice.{subtype}", "count": count}
        )
    if written:
        LOGGER.info(
            str(_("every warning, with its file and line: %(path)s")) % {"path": REPORT_NAME}
        )


def _annotate(found: list[Entry], root: Path) -> None:
    """Each warning once as a GitHub workflow command, on standard output."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    cwd = str(Path.cwd())
    lines = []
    for entry in found:
        path = None
        if entry.file is not None:
            absolute = entry.file if Path(entry.file).is_absolute() else str(root / entry.file)
            path = annotation_path(absolute, workspace, cwd)
        lines.append(github_command(entry, path))
    sys.stdout.write("".join(line + "\n" for line in lines))
    sys.stdout.flush()
