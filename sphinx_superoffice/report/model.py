"""The build report's data, pure (no Sphinx): entries, their order, the JSON file, the
per-subtype counts and GitHub's workflow commands.

An :class:`Entry` is one warning as the report shows it. Its ``file`` is absolute while
the build runs (parallel readers and writers agree on it) and made relative to the
docset root when the report is written, so two builds of the same sources in different
folders write the same file.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

#: the report's file name, in the output folder
REPORT_NAME = "superoffice-report.json"
#: bump when the shape of the JSON changes
REPORT_VERSION = 1


class Entry(NamedTuple):
    """One warning: where (file, line), what (subtype, message) and the "did you mean"."""

    file: str | None
    line: int | None
    subtype: str
    message: str
    suggestion: str | None = None
    #: warnings given once per build (per parallel process) share a key: one is reported
    once: str | None = None

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.file or "", self.line or 0, self.subtype, self.message, self.suggestion or "")

    def relative_to(self, root: Path) -> Entry:
        """The entry with its file relative to ``root`` ("/"-separated) when it is in it."""
        if self.file is None:
            return self
        return self._replace(file=relative_file(self.file, root))


def relative_file(path: str, root: Path) -> str:
    """``path`` relative to ``root`` ("/"-separated), or as it is when outside it."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def split_location(location: str | None) -> tuple[str | None, int | None]:
    """``path:line`` (Sphinx's printed location; ``path:`` or ``<unknown>:12`` too) ->
    ``(path, line)``."""
    if not location:
        return None, None
    path, sep, tail = location.rpartition(":")
    if not sep or not (tail.isdigit() or tail == ""):
        return location, None
    line = int(tail) if tail else None
    if path in ("", "<unknown>"):
        return None, line
    return path, line


def ordered(entries: Iterable[Entry]) -> list[Entry]:
    """The entries once each, in the report's order (file, line, subtype, message); of
    the entries sharing a ``once`` key, the first only."""
    kept: list[Entry] = []
    firsts: dict[str, Entry] = {}
    for entry in set(entries):
        if entry.once is None:
            kept.append(entry)
        elif entry.once not in firsts or entry.sort_key() < firsts[entry.once].sort_key():
            firsts[entry.once] = entry
    return sorted([*kept, *firsts.values()], key=Entry.sort_key)


def counts(entries: Iterable[Entry]) -> dict[str, int]:
    """Subtype -> number of warnings, by subtype name."""
    return dict(sorted(Counter(e.subtype for e in entries).items()))


def report_json(entries: list[Entry]) -> str:
    """The report file: every warning (relative paths, in order) and the counts."""
    rows = []
    for entry in entries:
        row: dict[str, object] = {
            "subtype": entry.subtype,
            "file": entry.file,
            "line": entry.line,
            "message": entry.message,
        }
        if entry.suggestion is not None:
            row["suggestion"] = entry.suggestion
        rows.append(row)
    data = {
        "version": REPORT_VERSION,
        "total": len(entries),
        "counts": counts(entries),
        "warnings": rows,
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


# -- GitHub Actions workflow commands ---------------------------------------------------


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does (``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (``escapeProperty``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str, workspace: str | None, cwd: str) -> str:
    """The file as GitHub wants it: relative to the workspace (the checkout), else to the
    current folder, else as it is."""
    for base in (workspace, cwd):
        if base and Path(path).is_absolute():
            try:
                return Path(path).relative_to(os.path.realpath(base)).as_posix()
            except ValueError:
                try:
                    return Path(path).relative_to(base).as_posix()
                except ValueError:
                    continue
    return Path(path).as_posix()


def github_command(entry: Entry, path: str | None) -> str:
    """``::warning file=…,line=…,title=…::message`` for one warning (``path`` as GitHub
    should show it; the entry's own file when None)."""
    properties = []
    file = path if path is not None else entry.file
    if file:
        properties.append(f"file={escape_property(file)}")
        if entry.line:
            properties.append(f"line={entry.line}")
    properties.append(f"title={escape_property('superoffice.' + entry.subtype)}")
    return f"::warning {','.join(properties)}::{escape_data(entry.message)}"
