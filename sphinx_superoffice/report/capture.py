"""Catch every ``superoffice`` warning for the build report, in any process, and keep the
site's warnings across parallel and incremental builds.

- :class:`StampFilter`, on the extension's logger, sees each warning where it is created
  (a parallel reader or writer too: the logger's filters run before any handler, and
  the processes are forked with it). It turns the record into an :class:`Entry` (its
  location as Sphinx prints it) and notes whose it is: a warning made while a page is
  read belongs to that page and goes straight into the environment
  (:class:`WarningCollector`: ``clear_doc`` when the page is read again, ``merge_other``
  for ``-j N``, pickled with the environment, so an incremental build keeps the warnings
  of the pages it does not read). Every other warning carries its entry on the record.
- :class:`CaptureHandler`, on Sphinx's logger in the main process, receives every record
  (the ones parallel readers and writers send back too) and keeps the entries of the
  warnings made while a page was resolved (post-transforms: links, uids, anchors) per
  page, and the build's own (configuration, consistency checks) apart.
- The pages' write-time warnings are kept for the next build in the doctree folder
  (the environment is pickled before pages are written): a page not written again keeps
  them, as its HTML keeps what they describe.
"""

from __future__ import annotations

import json
import logging as _stdlib_logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from ..pagetable import PageTableCollector
from ..state import config_state, get_state
from ..warnings_ import LOGGER, ONCE_ATTRIBUTE, SUGGESTION_ATTRIBUTE
from .model import Entry, split_location

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the log record attribute that carries ``(phase, docname, entry)``
STAMP_ATTRIBUTE = "superoffice_report"
#: the environment attribute holding the read-time warnings, docname -> entries
ENV_ATTRIBUTE = "superoffice_warnings"


@dataclass
class ReportState:
    """This build's warnings that are not kept in the environment."""

    #: between ``env-before-read-docs`` and ``env-updated``
    reading: bool = False
    #: ``env-get-outdated`` has run: the build itself started
    started: bool = False
    #: warnings of no page from before the build started (configuration) and after
    early: set[Entry] = field(default_factory=set)
    late: set[Entry] = field(default_factory=set)
    #: warnings made while a page was resolved for writing, per page
    written: dict[str, set[Entry]] = field(default_factory=dict)
    #: the pages resolved (written) in this build
    resolved: set[str] = field(default_factory=set)
    #: the consistency checks ran (a build with nothing to read stops before them)
    checked: bool = False
    #: the write-time warnings of the previous build, per page, and its own late ones
    previous: dict[str, list[Entry]] = field(default_factory=dict)
    previous_late: list[Entry] = field(default_factory=list)


def read_store(env: BuildEnvironment) -> dict[str, list[Entry]]:
    """docname -> the warnings made while the page was read (kept in the environment)."""
    return WarningCollector.table(env)


def _current_docname(env: BuildEnvironment | None) -> str | None:
    if env is None:
        return None
    try:
        return env.docname or None
    except (KeyError, AttributeError):  # Sphinx 8: no docname in temp_data
        return None


def _location(env: BuildEnvironment | None, location: Any) -> tuple[str | None, int | None]:
    """``(absolute path, line)`` of a warning's location, as Sphinx prints it."""
    if location is None:
        return None, None
    if isinstance(location, tuple):
        docname, line = location
        if not docname or env is None:
            return None, None
        return str(env.doc2path(docname)), line
    if isinstance(location, nodes.Node):
        return split_location(logging.get_node_location(location))
    text = str(location)
    if ":" not in text:  # a docname
        return (str(env.doc2path(text)) if env is not None else text), None
    return split_location(text)


class StampFilter(_stdlib_logging.Filter):
    """Turns each ``superoffice`` warning into a report entry where it is made."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self._app = app

    def filter(self, record: _stdlib_logging.LogRecord) -> bool:
        if record.levelno < _stdlib_logging.WARNING or getattr(record, "type", "") != "superoffice":
            return True
        try:
            self._stamp(record)
        except Exception:  # the report must never break a build, nor hide a warning
            pass
        return True

    def _stamp(self, record: _stdlib_logging.LogRecord) -> None:
        app = self._app
        subtype = str(getattr(record, "subtype", "") or "")
        if logging.is_suppressed_warning("superoffice", subtype, app.config.suppress_warnings):
            return
        env: BuildEnvironment | None = getattr(app, "env", None)
        path, line = _location(env, getattr(record, "location", None))
        entry = Entry(
            path,
            line,
            subtype,
            record.getMessage(),
            getattr(record, SUGGESTION_ATTRIBUTE, None),
            getattr(record, ONCE_ATTRIBUTE, None),
        )
        docname = _current_docname(env)
        if env is not None and docname and get_state(env).slot(ReportState).reading:
            read_store(env).setdefault(docname, []).append(entry)
            setattr(record, STAMP_ATTRIBUTE, ("read", docname, tuple(entry)))
        else:
            setattr(record, STAMP_ATTRIBUTE, ("build", docname, tuple(entry)))


class CaptureHandler(_stdlib_logging.Handler):
    """In the main process: keeps the entries of every warning that is not a page's
    read-time warning (those are in the environment already)."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(_stdlib_logging.WARNING)
        self._app = app

    def emit(self, record: _stdlib_logging.LogRecord) -> None:
        stamp = getattr(record, STAMP_ATTRIBUTE, None)
        if stamp is None or stamp[0] == "read":
            return
        _, docname, values = stamp
        entry = Entry(*values)
        report = config_state(self._app.config).slot(ReportState)
        if docname:
            report.written.setdefault(docname, set()).add(entry)
        else:
            (report.late if report.started else report.early).add(entry)


class WarningCollector(PageTableCollector[list[Entry]]):
    """The read-time warnings of each page, in the environment."""

    attribute = ENV_ATTRIBUTE


# -- installing, the build's phases --------------------------------------------------


def install(app: Sphinx) -> None:
    """The filter on the extension's logger and the handler on Sphinx's, this app's only
    (a later app in the same process replaces them: logging is process-wide)."""
    logger = LOGGER.logger
    for old_filter in [f for f in logger.filters if isinstance(f, StampFilter)]:
        logger.removeFilter(old_filter)
    logger.addFilter(StampFilter(app))
    sphinx_logger = _stdlib_logging.getLogger("sphinx")
    for old_handler in [h for h in sphinx_logger.handlers if isinstance(h, CaptureHandler)]:
        sphinx_logger.removeHandler(old_handler)
    sphinx_logger.addHandler(CaptureHandler(app))


def uninstall(app: Sphinx) -> None:
    logger = LOGGER.logger
    for old_filter in [f for f in logger.filters if isinstance(f, StampFilter)]:
        if old_filter._app is app:
            logger.removeFilter(old_filter)
    sphinx_logger = _stdlib_logging.getLogger("sphinx")
    for old_handler in [h for h in sphinx_logger.handlers if isinstance(h, CaptureHandler)]:
        if old_handler._app is app:
            sphinx_logger.removeHandler(old_handler)


def build_started(app: Sphinx, env: BuildEnvironment, *changes: Any) -> list[str]:
    """A build (``app.build()``, again too) starts: its page warnings start over."""
    report = get_state(env).slot(ReportState)
    report.started = True
    report.checked = False
    report.late.clear()
    report.written.clear()
    report.resolved.clear()
    return []


def reading_started(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    get_state(env).slot(ReportState).reading = True


def reading_finished(app: Sphinx, env: BuildEnvironment) -> list[str]:
    get_state(env).slot(ReportState).reading = False
    return []


def checking(app: Sphinx, env: BuildEnvironment) -> None:
    get_state(env).slot(ReportState).checked = True


def page_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    get_state(app.env).slot(ReportState).resolved.add(docname)


def pages_to_resolve(app: Sphinx, builder: object, docnames: list[str]) -> None:
    """The pages the writing processes of a parallel write resolve (``doctree-resolved``
    is not seen in the main process then)."""
    get_state(app.env).slot(ReportState).resolved.update(docnames)


# -- what the previous build said and this one does not say again ------------------------


def _kept_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"superoffice-warnings.{app.builder.name}.json"


def load_previous(app: Sphinx) -> None:
    """The previous build's write-time warnings, for the pages this build leaves as they
    are, and its late ones, for a build that stops before its consistency checks."""
    report = get_state(app.env).slot(ReportState)
    try:
        data = json.loads(_kept_file(app).read_text(encoding="utf-8"))
        pages = {str(doc): [Entry(*row) for row in rows] for doc, rows in data["pages"].items()}
        late = [Entry(*row) for row in data["build"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pages, late = {}, []
    report.previous, report.previous_late = pages, late


def page_entries(app: Sphinx) -> dict[str, set[Entry]]:
    """Write-time warnings per page: this build's for the pages it resolved, the previous
    build's for the others (pages that are gone left out)."""
    report = get_state(app.env).slot(ReportState)
    docs = app.env.all_docs
    kept = {
        docname: set(entries)
        for docname, entries in report.previous.items()
        if docname in docs and docname not in report.resolved
    }
    for docname in report.resolved:
        kept[docname] = set(report.written.get(docname, ()))
    for docname, entries in report.written.items():  # resolved outside a page's write
        kept.setdefault(docname, set()).update(entries)
    return {docname: entries for docname, entries in kept.items() if entries}


def late_entries(app: Sphinx) -> set[Entry]:
    """The warnings of no page made once the build started: this build's, and the previous
    build's when this one stopped before the consistency checks (nothing to read)."""
    report = get_state(app.env).slot(ReportState)
    if report.checked:
        return set(report.late)
    return report.late | set(report.previous_late)


def save(app: Sphinx, written: dict[str, set[Entry]], late: set[Entry]) -> None:
    """Keep the write-time and late warnings for the next build."""
    data = {
        "pages": {
            docname: [list(e) for e in sorted(entries, key=Entry.sort_key)]
            for docname, entries in sorted(written.items())
        },
        "build": [list(e) for e in sorted(late, key=Entry.sort_key)],
    }
    try:
        _kept_file(app).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # the next build then re-reports only what it writes; never a crash


def all_entries(app: Sphinx, written: dict[str, set[Entry]], late: set[Entry]) -> list[Entry]:
    """Every warning of the site: read-time per page, write-time per page, the build's."""
    entries: set[Entry] = get_state(app.env).slot(ReportState).early | late
    docs = app.env.all_docs
    for docname, found in read_store(app.env).items():
        if docname in docs:
            entries.update(found)
    for found_set in written.values():
        entries.update(found_set)
    return list(entries)
