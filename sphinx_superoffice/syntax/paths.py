"""Resolving a file named by a statement (include, code snippet) the way DocFX does.

Relative to the file that holds the statement, ``~/`` from the docset root (the folder
of the nearest ``docfx.json`` above that file, as in DocFX, else ``superoffice_root``); URLs,
absolute paths, paths that are no file name (a NUL byte, a name over 255 bytes) and
anything outside ``superoffice_root`` (symbolic links followed: :mod:`..containment`)
are refused without being read; the file becomes a dependency of the page even when
it is missing, so creating it re-reads the page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import containment
from ..config import project_root
from ..encoding import read_source_checked
from ..urls import has_scheme
from ..warnings_ import SoWarning

if TYPE_CHECKING:
    from .contract import Renderer


def resolve_statement_file(
    renderer: Renderer,
    path: str,
    location: str,
    *,
    noun: str,
    refused: SoWarning,
    missing: SoWarning,
    fallback: Callable[[Path, Path], Path | None] | None = None,
) -> Path | None:
    """The file ``path`` names, or None after one warning.

    :param noun: how warnings name the statement (``"include"``, ``"code snippet"``)
    :param fallback: ``(target, root) -> file`` tried when ``target`` does not exist
    """
    here = renderer.current_source_path()
    root = project_root(renderer.sphinx_env)
    if not path or has_scheme(path) or path.startswith(("/", "\\")) or Path(path).is_absolute():
        renderer.so_warning(
            f"{noun} target {path!r} is not a relative path; not read", refused, location
        )
        return None
    problem = containment.name_problem(path)
    if problem:
        renderer.so_warning(f"{noun} target {path!r} {problem}; not read", refused, location)
        return None
    base = docset_root(here, root) if path.startswith("~/") else here.parent
    target = Path(os.path.normpath(base / path.removeprefix("~/")))
    if not target.is_relative_to(root):
        renderer.so_warning(
            f"{noun} target {path!r} is outside the project root {str(root)!r}; not read",
            refused,
            location,
        )
        return None
    if fallback is not None and not containment.is_file(target):
        target = fallback(target, root) or target
    reason = containment.outside_reason(target, root)
    if reason:
        renderer.so_warning(f"{noun} target {path!r} {reason}; not read", refused, location)
        return None
    # a dependency even when missing: creating the file must re-read the page
    renderer.sphinx_env.note_dependency(str(target))
    if not containment.is_file(target):
        renderer.so_warning(
            f"{noun} file not found: {path!r} (resolved to {str(target)!r})", missing, location
        )
        return None
    return target


def docset_root(here: Path, root: Path) -> Path:
    """What ``~/`` means in ``here``: the folder of the nearest ``docfx.json`` above it
    (within ``root``), else ``root`` (DocFX resolves ``~/`` against the docset's folder)."""
    folder = here.parent
    while folder.is_relative_to(root) and folder != root:
        if (folder / "docfx.json").is_file():
            return folder
        folder = folder.parent
    return root


def read_statement_file(
    renderer: Renderer, target: Path, location: str, *, noun: str, unreadable: SoWarning
) -> str | None:
    """The text of a file a statement names, or None after one warning; a file that is
    not clean UTF-8/UTF-16 is read anyway, with one ``superoffice.encoding`` warning."""
    try:
        text, problem = read_source_checked(target)
    except (OSError, UnicodeError) as exc:
        renderer.so_warning(f"{noun} {str(target)!r} cannot be read: {exc}", unreadable, location)
        return None
    if problem:
        renderer.so_warning(f"encoding: {problem}", SoWarning.ENCODING, f"{target}:1")
    return text
