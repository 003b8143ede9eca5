"""The one containment rule: nothing outside the docset root is read, copied or linked.

Pure (no Sphinx). A path is *inside* only if its fully resolved real path (every
symbolic link followed, as the operating system follows them when the file is
opened) is under the resolved root. Every construct that reads, copies or links a
file an author names (includes, snippets, ``:::code``, images, downloads, toc.yml,
landing pages, docfx.json resources, redirects, xrefmaps) asks :func:`outside_reason`
before touching the file, and turns a refusal into its own ``*_refused`` warning.

A path an author writes may also be no file name at all: a NUL byte, a character the
file system cannot encode (a lone surrogate), a component over 255 bytes. ``open``,
``stat`` and ``Path.is_file`` raise on those (``ENAMETOOLONG``, ``ValueError``);
:func:`name_problem` says so instead, and :func:`is_file`, :func:`exists`,
:func:`is_dir` and :func:`real_path` never raise.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePath

#: The longest file or folder name (bytes) the usual file systems accept.
NAME_MAX = 255
#: The longest path (bytes) Linux accepts.
PATH_MAX = 4096

StrPath = str | os.PathLike[str]


def name_problem(path: StrPath) -> str:
    """Why ``path`` cannot name a file ("" when it can), e.g. ``"contains a NUL byte"``."""
    text = os.fspath(path)
    if "\x00" in text:
        return "contains a NUL byte"
    try:
        encoded = os.fsencode(text)
    except UnicodeError:
        return "contains characters that are no file name"
    if len(encoded) > PATH_MAX:
        return f"is longer than {PATH_MAX} bytes"
    if any(len(part) > NAME_MAX for part in encoded.split(b"/")):
        return f"has a file or folder name longer than {NAME_MAX} bytes"
    return ""


def real_path(path: StrPath) -> Path | None:
    """``path`` with every symbolic link followed (None if it is no file name)."""
    if name_problem(path):
        return None
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return None


def _safe_test(path: StrPath, test: Callable[[Path], bool]) -> bool:
    """``test(Path(path))``, False for a path that is no file name or cannot be asked."""
    try:
        return not name_problem(path) and test(Path(path))
    except (OSError, ValueError):
        return False


def is_file(path: StrPath) -> bool:
    """Whether ``path`` is a file (links followed); never raises."""
    return _safe_test(path, Path.is_file)


def is_dir(path: StrPath) -> bool:
    """Whether ``path`` is a folder (links followed); never raises."""
    return _safe_test(path, Path.is_dir)


def exists(path: StrPath) -> bool:
    """Whether ``path`` exists (links followed); never raises."""
    return _safe_test(path, Path.exists)


def is_inside(path: StrPath, root: Path) -> bool:
    """Whether the real path of ``path`` is ``root`` or below it (``root`` is resolved)."""
    real = real_path(path)
    return real is not None and real.is_relative_to(root)


def outside_reason(path: StrPath, root: Path) -> str:
    """Why ``path`` (absolute, normalised) may not be read: "" when it is inside ``root``.

    ``root`` must be resolved. The reason names the symbolic link that leads out::

        is outside the project root '/site'
        leads outside the project root through the symbolic link 'docs/a.md' (-> '/etc/passwd')
    """
    problem = name_problem(path)
    if problem:
        return problem
    pure = PurePath(path)
    if not pure.is_absolute() or not pure.is_relative_to(root):
        return f"is outside the project root {str(root)!r}"
    if is_inside(path, root):
        return ""
    link = outside_link(Path(path), root)
    if link is None:
        return f"is outside the project root {str(root)!r}"
    try:
        target = str(link.readlink())
    except OSError:
        target = "?"
    shown = link.relative_to(root).as_posix()
    return f"leads outside the project root through the symbolic link {shown!r} (-> {target!r})"


def outside_link(path: Path, root: Path) -> Path | None:
    """The first symbolic link on the way from ``root`` to ``path`` whose real path is
    outside ``root`` (None if there is none)."""
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink() and not is_inside(current, root):
            return current
    return None


def relative_display(path: StrPath, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` (the path itself when it is not below)."""
    pure = PurePath(path)
    if pure.is_relative_to(root):
        return pure.relative_to(root).as_posix()
    return os.fspath(path)
