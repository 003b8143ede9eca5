"""The test toolkit: build a project or a copy of a test root, and normalise what it says.

``conftest.py`` turns :class:`Builder` into the suite's two build fixtures,
``build_project`` (pages and files written into a fresh folder) and ``build_root`` (a copy
of a folder under ``tests/roots``). Each build runs in its own temporary folder and
returns a :class:`Build`: the Sphinx application (its attributes pass through) plus
accessors for doctrees, HTML and warnings, all normalised by :func:`normalise`.

Parameter-file tests pass ``reuse=True``: one application then serves every case with
the same configuration, and each case is an incremental build that reads just the pages
that changed (the ``sphinx_pytest`` idea of one app and one read per case, through
Sphinx's public ``build()``, so every warning of a whole build is still there).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable, Mapping
from io import StringIO
from pathlib import Path
from typing import Any

from docutils import nodes

TESTS = Path(__file__).parent
ROOTS = TESTS / "roots"
REPO = TESTS.parent
CORPUS = REPO.parent / "shared" / "corpus" / "superoffice"
CHROMIUM = Path("/usr/bin/chromium")

#: What ``build_project`` writes to conf.py before the test's own lines.
EXTENSION_CONF = 'extensions = ["sphinx_superoffice"]\n'
#: conf.py lines for one-page projects, whose pages are in no toctree and no toc.yml.
QUIET_TOC = 'suppress_warnings = ["toc.not_included", "superoffice.toc_not_included"]\n'

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SOURCE_ATTRIBUTE = re.compile(r' source="[^"]*"')

#: File contents by path: text (written as UTF-8), bytes, or ``None`` to remove the file.
Files = Mapping[str, str | bytes | None]
Events = Mapping[str, Callable[..., Any]]


#: docutils 0.22 writes boolean attributes as 1/0, 0.21 (Sphinx 8.2's) as True/False
_BOOLEAN_ATTRIBUTE = re.compile(r'(\s[\w:-]+)="(True|False)"')


def doctree_text(doctree: Any) -> str:
    """``doctree.pformat()`` the same on every supported docutils (booleans as 1/0)."""
    return _BOOLEAN_ATTRIBUTE.sub(
        lambda m: f'{m.group(1)}="{1 if m.group(2) == "True" else 0}"', doctree.pformat()
    )


def normalise(text: str, paths: Mapping[str, Path | str] | None = None) -> str:
    """The one normaliser: ANSI colours removed and each path replaced by its placeholder
    (``{"<site>": ..., "<src>": ...}``, in that order, so an outer folder wins)."""
    text = _ANSI.sub("", text)
    for placeholder, path in (paths or {}).items():
        text = text.replace(str(path), placeholder)
    return text


def placeholders(app: Any) -> dict[str, Path]:
    """``<site>`` for the copy of a multi-tree root (a :class:`Build`'s ``site``), then
    ``<src>`` for the source folder."""
    site = getattr(app, "site", None)
    return {**({"<site>": site} if site else {}), "<src>": Path(app.srcdir)}


def warning_lines(text: str) -> list[str]:
    """The warning and error lines of a build's (normalised) warning stream."""
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def warnings_of(app: Any) -> list[str]:
    """The warnings of a build (a :class:`Build` or a Sphinx app), one per line, without
    colours, with its folders shown as ``<site>`` and ``<src>``."""
    return warning_lines(normalise(app.warning.getvalue(), placeholders(app)))


class Build:
    """One finished build: the Sphinx application, whose attributes pass through
    (``outdir``, ``srcdir``, ``env``, ``config``, ``builder``, ``status`` ...), and
    accessors for what tests look at."""

    def __init__(
        self, app: Any, params: dict[str, Any], *, site: Path | None, stream: StringIO, start: int
    ) -> None:
        self.app = app
        self.site = site
        self._params = params
        self._stream = stream
        self._start = start

    def __getattr__(self, name: str) -> Any:
        if name == "app":  # not set yet
            raise AttributeError(name)
        return getattr(self.app, name)

    def __repr__(self) -> str:
        return f"<Build {self._params['buildername']} of {self.app.srcdir}>"

    @property
    def warning(self) -> StringIO:
        """This build's warning stream (a reused app's earlier builds left out)."""
        return StringIO(self._stream.getvalue()[self._start :])

    @property
    def warning_text(self) -> str:
        """This build's warning stream, normalised."""
        return normalise(self.warning.getvalue(), placeholders(self))

    @property
    def warnings(self) -> list[str]:
        """This build's warnings, one per line, normalised (as :func:`warnings_of`)."""
        return warning_lines(self.warning_text)

    @property
    def source_warnings(self) -> list[str]:
        """This build's warnings located in its sources (starting with ``<site>`` or
        ``<src>``): summaries without a location, such as the pages in no toc.yml, left
        out."""
        return [w for w in self.warnings if w.startswith(tuple(placeholders(self)))]

    def doctree(self, docname: str = "index") -> nodes.document:
        """The page's doctree as read (before references are resolved)."""
        return self.app.env.get_doctree(docname)

    def dump(self, docname: str = "index", *, sources: bool = True) -> str:
        """The read doctree's ``pformat()``, normalised; ``sources=False`` drops the
        ``source`` attributes."""
        text = doctree_text(self.doctree(docname))
        if not sources:
            text = _SOURCE_ATTRIBUTE.sub("", text)
        return normalise(text, placeholders(self))

    def html(self, page: str = "index.html") -> str:
        """The text of one output file."""
        return (Path(self.app.outdir) / page).read_text(encoding="utf-8")

    def again(self, **overrides: Any) -> Build:
        """Build the same sources again into the same folders: incrementally, unless
        ``freshenv=True`` is passed; another ``tree`` of the same copy builds that tree
        (into ``<copy>/_build/<tree name>``). Keyword arguments override the first
        build's (``buildername``, ``confoverrides`` ...); ``events`` are not carried."""
        params = {k: v for k, v in self._params.items() if k not in ("events", "freshenv")}
        tree = overrides.pop("tree", None)
        if tree is not None:
            assert self.site is not None, "again(tree=...) needs a build of a tree"
            conf_in_tree = params["confdir"] == params["srcdir"]
            params["srcdir"] = self.site / tree
            params["builddir"] = self.site / "_build" / Path(tree).name
            if conf_in_tree:
                params["confdir"] = params["srcdir"]
        params.update(overrides)
        params.setdefault("freshenv", False)
        return run_build(site=self.site, **params)


def run_build(
    srcdir: Path,
    *,
    builddir: Path,
    confdir: Path | None = None,
    buildername: str = "html",
    site: Path | None = None,
    events: Events | None = None,
    freshenv: bool = True,
    keep: bool = False,
    **kwargs: Any,
) -> Build:
    """Build ``srcdir`` into ``builddir/<buildername>`` and return the :class:`Build`.

    With ``confdir`` elsewhere than ``srcdir`` (a conf.py outside the tree, as DocFX
    language trees have) the build is a plain ``Sphinx`` inside ``docutils_namespace()``;
    otherwise a ``SphinxTestApp``, cleaned up after its build unless ``keep``.
    """
    params = {
        "srcdir": srcdir,
        "builddir": builddir,
        "confdir": confdir if confdir is not None else srcdir,
        "buildername": buildername,
        "events": events,
        "freshenv": freshenv,
        **kwargs,
    }
    if confdir is not None and Path(confdir) != Path(srcdir):
        return _build_outside_conf(params, site)
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(buildername, srcdir=srcdir, builddir=builddir, freshenv=freshenv, **kwargs)
    try:
        for event, handler in (events or {}).items():
            app.connect(event, handler)
        app.build()
    finally:
        if not keep:
            app.cleanup()
    return Build(app, params, site=site, stream=app.warning, start=0)


def _build_outside_conf(params: dict[str, Any], site: Path | None) -> Build:
    from sphinx import locale
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    p = dict(params)
    srcdir, confdir, builddir = p.pop("srcdir"), p.pop("confdir"), p.pop("builddir")
    buildername, events, freshenv = p.pop("buildername"), p.pop("events"), p.pop("freshenv")
    warning = StringIO()
    # restore docutils' global registries afterwards, as SphinxTestApp.cleanup does
    with docutils_namespace():
        app = Sphinx(
            srcdir,
            confdir,
            builddir / buildername,
            builddir / "doctrees",
            buildername,
            status=StringIO(),
            warning=warning,
            freshenv=freshenv,
            **p,
        )
        app.warning = warning  # type: ignore[attr-defined]  (as SphinxTestApp has it)
        for event, handler in (events or {}).items():
            app.connect(event, handler)
        app.build()
    locale.translators.clear()  # the message catalogs it loaded (SphinxTestApp clears them)
    return Build(app, params, site=site, stream=warning, start=0)


def write_files(folder: Path, files: Files, *, mtime: float | None = None) -> None:
    """Write text (UTF-8) or bytes files under ``folder``, making their folders; a file
    whose content is ``None`` is removed."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            path.unlink(missing_ok=True)
            continue
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        if mtime is not None:
            os.utime(path, (mtime, mtime))


def _on_disk(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _forget_warnings_shown() -> None:
    """Give the next build of a kept app the duplicate-warning filter of a new build: the
    package's filter (installed once per app, at ``builder-inited``) would otherwise hide
    a case's warning that an earlier case gave at the same file:line."""
    import logging

    from sphinx_superoffice.warnings_ import DuplicateWarningFilter

    for handler in logging.getLogger("sphinx").handlers:
        handler.filters = [
            DuplicateWarningFilter() if isinstance(f, DuplicateWarningFilter) else f
            for f in handler.filters
        ]


class _Reused:
    """The one application kept alive for ``reuse=True`` builds, and the files the last
    case wrote over (or next to) the project's own."""

    def __init__(self, key: str, build: Build, folder: Path, base: Path | None) -> None:
        self.key = key
        self.build = build
        self.folder = folder  # where the case's files go (the project or the copy)
        self.base = base  # the test root the copy came from, to restore overwritten files
        self.written: set[str] = set()

    def run(self, files: Files) -> Build:
        """One case: put back what the last case changed, write this case's files (only
        those that differ, so Sphinx reads just the pages that changed), build."""
        wanted: dict[str, bytes | None] = {}
        for name in self.written - set(files):
            original = self.base / name if self.base else None
            wanted[name] = original.read_bytes() if original and original.is_file() else None
        for name, content in files.items():
            wanted[name] = content.encode("utf-8") if isinstance(content, str) else content
        changed = {
            name: data for name, data in wanted.items() if _on_disk(self.folder / name) != data
        }
        # an mtime after any read time: Sphinx reads a page again when it is newer than
        # its last read, and a file's mtime can lag the clock by a few milliseconds; a case
        # identical to the last one is written again, so that its page is read again
        mtime = time.time() + 10
        write_files(self.folder, changed or {n: wanted[n] for n in files}, mtime=mtime)
        self.written = set(files)
        app = self.build.app
        _forget_warnings_shown()
        start = len(app.warning.getvalue())
        app.build()
        return Build(app, self.build._params, site=self.build.site, stream=app.warning, start=start)

    def close(self) -> None:
        self.build.app.cleanup()


class Builder:
    """The machinery of both build fixtures: every build in a fresh temporary folder,
    its app cleaned up once built (so later builds in the process see no leftovers)."""

    def __init__(self, mktemp: Callable[[str], Path]) -> None:
        self._mktemp = mktemp
        self._reused: _Reused | None = None

    def project(
        self,
        page: str | None = None,
        *,
        files: Files | None = None,
        docname: str = "index",
        conf: str | None = "",
        tree: str | None = None,
        confdir: str | None = None,
        buildername: str = "html",
        reuse: bool = False,
        **kwargs: Any,
    ) -> Build:
        """Build a project made of ``page`` (``<docname>.md`` in the source folder) and
        ``files`` (paths relative to the project folder; ``str`` or ``bytes``).

        conf.py is :data:`EXTENSION_CONF` plus ``conf`` (``None``: no conf.py is
        written, ``files`` has one), in ``confdir`` if given (a conf.py outside the
        source tree ``tree``), else in the source folder. Other keyword arguments go to
        the application (``confoverrides``, ``parallel``, ``warningiserror``) or are
        ``events``: ``{event: handler}`` connected before the build.
        """
        pages = dict(files or {})
        if page is not None:
            pages[f"{tree}/{docname}.md" if tree else f"{docname}.md"] = page
        if reuse:
            key = json.dumps(
                [conf, tree, confdir, buildername, kwargs], sort_keys=True, default=repr
            )
            if self._reused is not None and self._reused.key == key:
                return self._reused.run(pages)
        self.close()
        project = self._mktemp("project") / "src"
        srcdir = project / tree if tree else project
        conf_folder = project / confdir if confdir else srcdir
        if conf is not None:
            write_files(conf_folder, {"conf.py": EXTENSION_CONF + conf})
        write_files(project, pages)
        build = run_build(
            srcdir,
            builddir=project.parent / "_build",
            confdir=conf_folder,
            buildername=buildername,
            keep=reuse,
            **kwargs,
        )
        if reuse:
            self._reused = _Reused(key, build, project, None)
            self._reused.written = set(pages)
        return build

    __call__ = project

    def root(
        self,
        root: str | Path,
        *,
        files: Files | None = None,
        tree: str | None = None,
        confdir: str | None = None,
        buildername: str = "html",
        reuse: bool = False,
        **kwargs: Any,
    ) -> Build:
        """Build a copy of a test root (``"test-x"`` under ``tests/roots``, or any
        folder), with ``files`` written over it (paths relative to the copy).

        ``tree`` builds one source tree of the copy (``"docs/no"``) into
        ``<copy>/_build/<tree name>``; then the copy is ``Build.site`` (``<site>`` in
        warnings) and ``Build.again(tree=...)`` builds its other trees. ``confdir``
        (relative to the copy) is a conf.py outside the tree. Other keyword arguments as
        for :meth:`project`.
        """
        source = ROOTS / root if isinstance(root, str) else Path(root)
        if reuse:
            key = json.dumps(
                [str(source), tree, confdir, buildername, kwargs], sort_keys=True, default=repr
            )
            if self._reused is not None and self._reused.key == key:
                return self._reused.run(dict(files or {}))
        self.close()
        base = self._mktemp(source.name)
        copy = base / source.name
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("_build", "__pycache__"))
        write_files(copy, files or {})
        srcdir = copy / tree if tree else copy
        build = run_build(
            srcdir,
            builddir=copy / "_build" / Path(tree).name if tree else base / "_build",
            confdir=copy / confdir if confdir else srcdir,
            buildername=buildername,
            site=copy if tree else None,
            keep=reuse,
            **kwargs,
        )
        if reuse:
            self._reused = _Reused(key, build, copy, source)
            self._reused.written = set(files or {})
        return build

    def close(self) -> None:
        """Clean up the application kept for ``reuse=True`` builds, if any."""
        if self._reused is not None:
            self._reused.close()
            self._reused = None
