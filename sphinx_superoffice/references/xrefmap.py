"""DocFX xrefmaps (``xrefmap.yml``, YAML or JSON, optionally gzipped): read them. Pure.

An xrefmap lists uids of another DocFX site with their URLs. The build keeps its
configured files and, once read, their merged table in the :class:`Xrefmaps` slot
of the per-build state. Which files may be read is decided where they are configured
(inside the configuration directory or the docset root, see
``superoffice_xrefmaps_anywhere``); hrefs are kept as written, and the resolver
refuses an unsafe scheme (``javascript:``) when it would write one.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

import yaml

from ..sitepaths import load_yaml


class XrefEntry(NamedTuple):
    """One uid of a map: its href (absolute or site-relative; ``""`` when the map gives
    none), its ``name``, and its other text properties (``fullName``, ``nameWithType``…),
    which ``displayProperty`` / ``altProperty`` pick."""

    href: str
    name: str
    props: tuple[tuple[str, str], ...] = ()

    def prop(self, key: str) -> str:
        """The property ``key`` (``name`` included), ``""`` when the entry has none."""
        if key == "name":
            return self.name
        return next((v for k, v in self.props if k == key), "")


#: uid -> its entry
XrefTable = dict[str, XrefEntry]


def parse_xrefmap(text: str, base: str | None) -> XrefTable:
    """uid -> :class:`XrefEntry` of one DocFX xrefmap's text (YAML or JSON).

    Every scalar stays a string, as DocFX reads it: a uid ``1.10`` or ``no`` is that
    text, not a number or a boolean. ``base`` (None: the map's own ``baseUrl``)
    makes relative hrefs absolute. Raises :class:`ValueError` (or
    :class:`yaml.YAMLError`) on a map that is not one.
    """
    data = load_yaml(text) or {}
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    base_url = base if base is not None else str(data.get("baseUrl") or "")
    references = data.get("references") or []
    if not isinstance(references, list):
        raise ValueError("'references' is not a list")
    table: XrefTable = {}
    for ref in references:
        if not isinstance(ref, dict):
            raise ValueError(f"reference {ref!r} is not a mapping")
        uid, href = str(ref.get("uid") or ""), str(ref.get("href") or "")
        if not uid:
            continue
        if base_url and href:
            href = urljoin(base_url, href)
        props = tuple(
            (str(k), v)
            for k, v in ref.items()
            if isinstance(v, str) and v and k not in ("uid", "href", "name")
        )
        table.setdefault(uid, XrefEntry(href, str(ref.get("name") or uid), props))
    return table


def read_xrefmap(path: Path, base: str | None) -> XrefTable:
    """:func:`parse_xrefmap` of a file, gzipped when its name ends in ``.gz``."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return parse_xrefmap(raw.decode("utf-8-sig"), base)


def xrefmap_digest(path: Path) -> str:
    """What changes when the file does ("" for a file that cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


class XrefmapFile(NamedTuple):
    """One configured xrefmap."""

    #: the path as ``superoffice_xrefmaps`` gives it (relative to conf.py's folder)
    entry: str
    path: Path
    #: the base URL for its relative hrefs; None for the map's own ``baseUrl``
    base: str | None


@dataclass
class Xrefmaps:
    """Per build: the configured xrefmap files, and their merged table once read."""

    files: list[XrefmapFile] = field(default_factory=list)
    _table: XrefTable | None = None

    def table(self, unreadable: Callable[[str, Exception], None]) -> XrefTable:
        """All the maps, merged (the first map that defines a uid wins); read once.

        A map that cannot be read is reported to ``unreadable`` (its path, the error)
        and left out.
        """
        if self._table is None:
            merged: XrefTable = {}
            for file in self.files:
                try:
                    table = read_xrefmap(file.path, file.base)
                except (OSError, ValueError, yaml.YAMLError) as exc:
                    unreadable(str(file.path), exc)
                    continue
                for uid, value in table.items():
                    merged.setdefault(uid, value)
            self._table = merged
        return self._table

    def digests(self) -> dict[str, str]:
        """Configured path -> :func:`xrefmap_digest` of the file now."""
        return {file.entry: xrefmap_digest(file.path) for file in self.files}
