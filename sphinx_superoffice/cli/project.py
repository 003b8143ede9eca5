"""What the ``sphinx-superoffice`` commands find in a docset folder (pure, no Sphinx).

A DocFX docset as the commands see it::

    <root>/                 the docset root: docfx.json and/or conf.py, common/includes/
      docs/en/ docs/no/     one folder per language (the "source" folder holds them)

- the language folders are the folders named with a language code (``en``, ``no``,
  ``pt-br``) that hold Markdown pages or a ``toc.yml``, found in ``<root>/docs``, else
  ``<root>``, else the first other folder of ``<root>`` that has any; a docset without
  any whose root holds pages (``docfx init``'s layout) is one tree, the root itself;
- Read the Docs is recognised by its environment variables (``READTHEDOCS=True``,
  ``READTHEDOCS_LANGUAGE``, ``READTHEDOCS_OUTPUT``, ``READTHEDOCS_CANONICAL_URL``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..langcodes import LANGUAGE_NAMES, sphinx_language

#: A folder name shaped like a language code: ``en``, ``nb``, ``pt-br``, ``zh_Hant``.
_CODE = re.compile(r"^[a-z]{2,3}([-_][a-z0-9]{2,4})?$", re.IGNORECASE)
#: Folders never searched for language trees.
_SKIP = frozenset({"_build", "_site", "node_modules", "obj", "bin"})
#: Where the language folders usually are, relative to the root, in this order.
SOURCE_CANDIDATES = ("docs", ".")
#: The language of a docset without language folders (its conf.py may say otherwise).
SINGLE_LANGUAGE = "en"


class ProjectError(Exception):
    """A problem with the folder the user named: shown as one line, exit status 2."""


def is_language_code(name: str) -> bool:
    """Whether a folder name is a language code that babel (or our table) knows."""
    if not _CODE.match(name):
        return False
    if name.lower() in LANGUAGE_NAMES:
        return True
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def has_pages(folder: Path) -> bool:
    """Whether a folder holds a Markdown page or a toc.yml anywhere below it."""
    for _dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith((".", "_"))]
        if any(f.lower().endswith(".md") or f.lower() == "toc.yml" for f in filenames):
            return True
    return False


def language_folders(folder: Path) -> list[str]:
    """The language folders directly in ``folder``: English first, then by name."""
    if not folder.is_dir():
        return []
    found = [
        child.name
        for child in folder.iterdir()
        if child.is_dir() and is_language_code(child.name) and has_pages(child)
    ]
    return sorted(found, key=lambda code: (code != "en", code))


def find_source(root: Path) -> Path | None:
    """The folder that holds the language folders: ``<root>/docs``, ``<root>``, else the
    first other folder of ``<root>`` (by name) that holds one."""
    candidates = [root / name for name in SOURCE_CANDIDATES]
    if root.is_dir():
        candidates += sorted(
            child
            for child in root.iterdir()
            if child.is_dir() and not child.name.startswith(".") and child.name not in _SKIP
        )
    for candidate in candidates:
        if language_folders(candidate):
            return candidate.resolve()
    return None


def folder_for(code: str, available: Iterable[str]) -> str | None:
    """The language folder for a code as Read the Docs spells it: the same folder, else
    one differing in case or ``-``/``_``, else the same base language (``nb-no`` ->
    ``no``, since Sphinx calls DocFX's ``no`` ``nb``)."""
    available = list(available)

    def norm(c: str) -> str:
        return c.lower().replace("_", "-")

    for folder in available:
        if norm(folder) == norm(code):
            return folder
    base = norm(code).split("-")[0]
    for folder in available:
        if sphinx_language(norm(folder).split("-")[0]) == sphinx_language(base):
            return folder
    return None


@dataclass
class ReadTheDocs:
    """A build on Read the Docs: one language tree into ``<output>/html``."""

    language: str
    output: Path
    canonical_url: str = ""

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> ReadTheDocs | None:
        if environ.get("READTHEDOCS") != "True" or not environ.get("READTHEDOCS_OUTPUT"):
            return None
        return cls(
            language=environ.get("READTHEDOCS_LANGUAGE", ""),
            output=Path(environ["READTHEDOCS_OUTPUT"]),
            canonical_url=environ.get("READTHEDOCS_CANONICAL_URL", ""),
        )

    def language_url(self) -> str:
        """Where the other translation projects are: the canonical URL with this
        project's language swapped for ``{lang}`` (``…/no/latest/`` -> ``…/{lang}/latest/``);
        empty when the URL does not show the language."""
        marker = f"/{self.language}/"
        if not self.language or marker not in self.canonical_url:
            return ""
        head, _, tail = self.canonical_url.rpartition(marker)
        return f"{head}/{{lang}}/{tail}"


@dataclass
class Docset:
    """A docset folder: its root, conf.py and docfx.json, and its language trees."""

    root: Path
    confdir: Path | None  # the folder of conf.py; None: the commands write one
    docfx_json: Path | None
    source: Path | None  # the folder holding one folder per language
    languages: list[str] = field(default_factory=list)  # codes, in build order
    single: bool = False  # one tree, the root itself (``docfx init``'s layout)

    def tree(self, code: str) -> Path:
        assert self.source is not None
        return self.source if self.single else self.source / code

    def present(self) -> list[str]:
        return [code for code in self.languages if self.tree(code).is_dir()]

    def missing(self) -> list[str]:
        return [code for code in self.languages if not self.tree(code).is_dir()]


def read_docfx_json(path: Path) -> dict[str, Any]:
    """docfx.json as a dict (an unreadable file reads as ``{}``: the build warns)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def global_metadata(docfx: Mapping[str, Any]) -> dict[str, str]:
    build = docfx.get("build")
    meta = build.get("globalMetadata") if isinstance(build, dict) else None
    if not isinstance(meta, dict):
        return {}
    return {str(k): v for k, v in meta.items() if isinstance(v, str)}


def find_docset(root: Path, confdir: Path | None = None, source: Path | None = None) -> Docset:
    """The docset at ``root``: conf.py there (or in ``confdir``), docfx.json there, and
    the language folders (in ``source`` if given)."""
    root = root.resolve()
    if not root.is_dir():
        raise ProjectError(f"{root}: no such folder")
    if confdir is not None:
        confdir = confdir.resolve()
        if not (confdir / "conf.py").is_file():
            raise ProjectError(f"{confdir / 'conf.py'}: no such file")
    elif (root / "conf.py").is_file():
        confdir = root
    docfx = root / "docfx.json"
    if source is not None:
        source = source.resolve()
        if not source.is_dir():
            raise ProjectError(f"{source}: no such folder")
    else:
        source = find_source(root)
    languages = language_folders(source) if source is not None else []
    docset = Docset(root, confdir, docfx if docfx.is_file() else None, source, languages)
    if source is None and has_pages(root):  # no language folders: the root is the tree
        docset.source, docset.languages, docset.single = root, [SINGLE_LANGUAGE], True
    return docset


def relative(path: Path, start: Path) -> str:
    """``path`` relative to ``start`` in POSIX form (``..`` where needed)."""
    return Path(os.path.relpath(path, start)).as_posix()
