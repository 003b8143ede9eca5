"""``docfx.json`` as configuration, read as DocFX reads it (the model: :mod:`.docfx`).

Which file: ``superoffice_docfx_json`` (relative to the configuration directory), else the
first ``docfx.json`` found in the source directory or a folder above it, up to the
configuration directory or the docset root, whichever is higher (only up to the docset
root when conf.py sets ``superoffice_root``; ``"none"`` reads none). DocFX's ``~/`` is the
docfx.json folder, so when it sits above the source folder (a repository's root docfx.json
with ``docs/<lang>`` trees) and ``superoffice_root`` is not set, that folder becomes the
docset root. Nothing outside the docset root is read (docfx.json, metadata files,
resources).

At ``config-inited``:

- ``_read`` (priority 60, before the language and the site index are settled): the file,
  ``globalMetadataFiles``, ``fileMetadataFiles``; ``_appTitle`` -> ``html_title`` and
  ``markdownEngineProperties.alerts`` -> ``superoffice_alerts`` unless conf.py sets
  them (``_appName``/``_appTitle`` -> ``project``: :mod:`.projectname`); every key
  nothing here implements gets one ``superoffice.docfx_json`` warning at its own line;
- ``_select_pages`` (810, once the source suffixes are known): the pages are exactly the
  files ``build.content`` selects with DocFX's globs (:mod:`.docfx.glob`), given to
  Sphinx as ``exclude_patterns``. A page's URL below the build's output folder is its
  path below the content item's ``src``, so a tree built into ``<site>/<dest>`` has
  DocFX's URLs; an item whose ``dest`` cannot match that gets a warning at ``dest``.

Then the ``DocfxMetadataTransform`` gives each page ``globalMetadata`` and the
``fileMetadata`` whose glob matches its path (relative to the docfx.json folder), below
its front matter, and ``build-finished`` copies ``build.resource`` files to the place
DocFX would (relative to this build's output folder). The theme reads the DocFX keys
(``_appName``, ``_disableToc``...) per page: :mod:`.theme.docfxkeys`.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.transforms import SphinxTransform
from sphinx.util.matching import get_matching_files

from . import containment
from ._sphinx import set_by_user, set_in_conf_py
from .docfx.glob import get_files
from .docfx.jsonread import JsonError, read_json
from .docfx.model import DocfxConfig, FileMapping, read_config
from .state import config_state, get_state
from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

#: ``superoffice_docfx_json`` value that turns the search for a docfx.json off
NO_DOCFX_JSON = "none"


@dataclass
class DocfxSettings:
    """What a docfx.json contributes to a build (a build-state slot)."""

    path: Path | None = None
    """The docfx.json file (resolved)."""
    config: DocfxConfig = field(default_factory=DocfxConfig)
    global_metadata: dict[str, str] = field(default_factory=dict)
    """``globalMetadata`` (with its files) as page-metadata strings (JSON for others)."""
    read_files: list[Path] = field(default_factory=list)
    """docfx.json and the metadata files read with it."""
    prefix: str = ""
    """Where this build's output folder sits in DocFX's output (``en`` for ``src: docs/en,
    dest: en``; without a content item for the source directory: its path below the
    docfx.json folder)."""

    @property
    def folder(self) -> Path:
        assert self.path is not None
        return self.path.parent

    def metadata_for(self, source: Path) -> dict[str, Any]:
        """The typed ``globalMetadata`` + ``fileMetadata`` of the file at ``source``."""
        try:
            rel = source.relative_to(self.folder).as_posix()
        except ValueError:
            return dict(self.config.global_metadata)
        return self.config.metadata_for(rel)


def setup_docfx_json(app: Sphinx) -> None:
    app.connect("config-inited", _read, priority=60)
    app.connect("config-inited", _select_pages, priority=810)
    app.add_transform(DocfxMetadataTransform)
    app.connect("build-finished", _copy_resources)


def as_meta_string(value: Any) -> str:
    """A docfx.json value as a page-metadata string (strings as they are, others JSON)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def docfx_settings(config: Config) -> DocfxSettings | None:
    """The build's docfx.json settings, from ``config-inited`` on (None: no docfx.json)."""
    settings = config_state(config).peek(DocfxSettings)
    return settings if settings is not None and settings.path is not None else None


# --- finding and reading the file --------------------------------------------------------


def _find(app: Sphinx, config: Config) -> Path | None:
    name = str(config.superoffice_docfx_json or "")
    if name.lower() == NO_DOCFX_JSON:
        return None
    if name:
        return (Path(app.confdir) / name).resolve()
    srcdir = Path(app.srcdir).resolve()
    stops = [(srcdir / str(config.superoffice_root)).resolve()]
    if not set_by_user(config, "superoffice_root"):  # else never above the set root
        stops.append(Path(app.confdir).resolve())
    tops = [s for s in stops if srcdir.is_relative_to(s)]
    top = min(tops, key=lambda p: len(p.parts)) if tops else srcdir
    for folder in (srcdir, *srcdir.parents):
        if (folder / "docfx.json").is_file():
            return folder / "docfx.json"
        if folder == top or not folder.is_relative_to(top):
            break
    return None


def _read_json_file(path: Path, root: Path, line_of: str, read: list[Path]) -> Any:
    """A JSON file under ``root`` (else a warning at ``line_of`` and None)."""
    read.append(path)
    refused = containment.outside_reason(path, root)
    if refused:
        warn(f"docfx.json: {path.name!r} {refused}; not read", SoWarning.DOCFX_JSON, line_of)
        return None
    try:
        value, _ = read_json(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, JsonError) as exc:
        warn(f"docfx.json: cannot read {path.name!r}: {exc}", SoWarning.DOCFX_JSON, line_of)
        return None
    return value


def _read(app: Sphinx, config: Config) -> None:
    path = _find(app, config)
    if path is None:
        return
    srcdir = Path(app.srcdir).resolve()
    if (
        not set_by_user(config, "superoffice_root")
        and srcdir.is_relative_to(path.parent)
        and path.parent != srcdir
    ):
        # DocFX's docset root (``~/``) is the docfx.json folder
        config.superoffice_root = (
            srcdir.relative_to(path.parent).as_posix().count("/") * "../" + ".."
        )
    root = (srcdir / str(config.superoffice_root)).resolve()
    refused = containment.outside_reason(path, root)
    if refused:
        warn(f"docfx.json {refused}; not read", SoWarning.DOCFX_JSON, f"{path}:1")
        return
    try:
        data, lines = read_json(path.read_text(encoding="utf-8-sig"))
    except JsonError as exc:
        warn(f"cannot read docfx.json: {exc}", SoWarning.DOCFX_JSON, f"{path}:{exc.line}")
        return
    except (OSError, UnicodeDecodeError) as exc:
        warn(f"cannot read docfx.json: {exc}", SoWarning.DOCFX_JSON, f"{path}:1")
        return
    model = read_config(data, lines)
    read = [path]
    # globalMetadataFiles win over globalMetadata, the first listed over later ones
    for name, line in reversed(model.global_metadata_files):
        file = (path.parent / name).resolve()
        model.add_global_metadata_file(_read_json_file(file, root, f"{path}:{line}", read))
    for name, line in model.file_metadata_files:
        file = (path.parent / name).resolve()
        model.add_file_metadata(_read_json_file(file, root, f"{path}:{line}", read), line)
    for issue in model.issues:
        warn(f"docfx.json: {issue.message}", SoWarning.DOCFX_JSON, f"{path}:{issue.line}")
    settings = DocfxSettings(
        path=path,
        config=model,
        read_files=[p for p in read if containment.is_inside(p, root)],
        global_metadata={str(k): as_meta_string(v) for k, v in model.global_metadata.items()},
    )
    settings.prefix = _own_prefix(settings, srcdir)  # until a content item says otherwise
    config_state(config).set_slot(settings)
    title = model.global_metadata.get("_appTitle")
    if isinstance(title, str) and title and not set_in_conf_py(config, "html_title"):
        config.html_title = title
    if model.alerts and not set_by_user(config, "superoffice_alerts"):
        # DocFX maps a marker to its CSS class; the box is titled with the marker
        config.superoffice_alerts = {marker.upper(): marker for marker in model.alerts}


# --- the page set --------------------------------------------------------------------------


_SPHINX_SPECIAL = re.compile(r"([*?\[])")


def _exact(rel: str) -> str:
    """An ``exclude_patterns`` entry that matches exactly the path ``rel``."""
    return _SPHINX_SPECIAL.sub(r"[\1]", rel)


@dataclass
class _Selection:
    pages: set[str] = field(default_factory=set)  # relative to the source directory
    prefixes: dict[str, FileMapping] = field(default_factory=dict)
    covered: bool = False


def _select(
    settings: DocfxSettings, srcdir: Path, root: Path, inside: Callable[[Path], bool]
) -> _Selection:
    """The files ``build.content`` selects under the source directory, and where each
    item puts this build in DocFX's output."""
    selection = _Selection()
    location = f"{settings.path}"
    for item in settings.config.content:
        src = (settings.folder / item.src).resolve()
        if not src.is_relative_to(root):
            warn(
                f"docfx.json: src {item.src!r} is outside the project root; item skipped",
                SoWarning.DOCFX_JSON,
                f"{location}:{item.line}",
            )
            continue
        if srcdir.is_relative_to(src):  # this tree is src or below it
            start = srcdir.relative_to(src).as_posix()
            start = "" if start == "." else start
            for rel in get_files(src, item.globs, item.excludes, start, inside):
                selection.pages.add(rel[len(start) + 1 :] if start else rel)
            prefix = posixpath.normpath(posixpath.join(item.dest, start or "."))
        elif src.is_relative_to(srcdir):  # src is a folder of this tree
            sub = src.relative_to(srcdir).as_posix()
            for rel in get_files(src, item.globs, item.excludes, "", inside):
                selection.pages.add(f"{sub}/{rel}")
            # DocFX writes src/x to dest/x; this build writes it to sub/x
            if item.dest != sub and not item.dest.endswith("/" + sub):
                warn(
                    f"docfx.json: DocFX writes the pages of {item.src!r} under "
                    f"{item.dest or '.'!r}; this build writes them under {sub!r} (build "
                    f"{item.src!r} as the source folder to keep DocFX's URLs)",
                    SoWarning.DOCFX_JSON,
                    f"{location}:{item.dest_line}",
                )
                selection.covered = True  # its pages are built, at their own paths
                continue
            prefix = posixpath.normpath(item.dest[: -len(sub)] or ".")
        else:
            continue  # another tree's item (another language)
        selection.covered = True
        selection.prefixes.setdefault("" if prefix == "." else prefix, item)
    return selection


def _select_pages(app: Sphinx, config: Config) -> None:
    """Make Sphinx's page set the one DocFX's ``build.content`` globs select."""
    settings = docfx_settings(config)
    if settings is None or not settings.config.content:
        return
    srcdir = Path(app.srcdir).resolve()
    root = (srcdir / str(config.superoffice_root)).resolve()
    skip = [Path(app.outdir).resolve(), Path(app.doctreedir).resolve()]
    selection = _select(settings, srcdir, root, _walkable(root, skip))
    if not selection.covered:
        warn(
            f"docfx.json: no build.content item covers the source directory {str(srcdir)!r}; "
            "every page is built",
            SoWarning.DOCFX_JSON,
            f"{settings.path}:{settings.config.content[0].line}",
        )
        return
    prefixes = sorted(selection.prefixes) or [settings.prefix]
    if len(prefixes) > 1:
        item = selection.prefixes[prefixes[1]]
        warn(
            f"docfx.json: the content items put this tree's pages under different output "
            f"folders ({', '.join(repr(p) for p in prefixes)}); URLs follow {prefixes[0]!r}",
            SoWarning.DOCFX_JSON,
            f"{settings.path}:{item.dest_line}",
        )
    settings.prefix = prefixes[0]
    # Sphinx's candidates (its own and conf.py's patterns), less those DocFX leaves out
    suffixes = tuple(str(s) for s in config.source_suffix)
    candidates = [
        rel
        for rel in get_matching_files(srcdir, config.include_patterns, config.exclude_patterns)
        if rel.endswith(suffixes)
    ]
    pages = {unicodedata.normalize("NFC", rel) for rel in selection.pages}  # as Sphinx's
    left_out = [rel for rel in candidates if rel not in pages]
    patterns = _folder_patterns(left_out, pages)
    if patterns:
        config.exclude_patterns = [*config.exclude_patterns, *patterns]


def _folder_patterns(left_out: list[str], pages: set[str]) -> list[str]:
    """Exclude patterns for ``left_out``: a whole folder (``a/b/**``) where none of the
    folder's files is a page, else the file itself."""
    page_folders: set[str] = set()
    for page in pages:
        parts = page.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            page_folders.add("/".join(parts[:i]))
    out: list[str] = []
    done: set[str] = set()
    for rel in left_out:
        parts = rel.split("/")[:-1]
        folder = next(
            (
                "/".join(parts[:i])
                for i in range(1, len(parts) + 1)
                if "/".join(parts[:i]) not in page_folders
            ),
            None,
        )
        if folder is None:
            out.append(_exact(rel))
        elif folder not in done:
            done.add(folder)
            out.append(_exact(folder) + "/**")
    return out


def _walkable(root: Path, skip: list[Path]) -> Callable[[Path], bool]:
    """Folders a walk may enter: inside the docset root, not the output folders."""

    def allowed(folder: Path) -> bool:
        return containment.is_inside(folder, root) and Path(folder).resolve() not in skip

    return allowed


# --- page metadata -----------------------------------------------------------------------


class DocfxMetadataTransform(SphinxTransform):
    """Apply ``fileMetadata`` and ``globalMetadata`` below the page's front matter."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        settings = get_state(self.env).peek(DocfxSettings)
        if settings is None or settings.path is None:
            return
        docname = self.env.docname
        source = Path(self.env.doc2path(docname)).resolve()
        for path in settings.read_files:  # an edit re-reads every page, as in DocFX
            self.env.note_dependency(str(path))
        meta = self.env.metadata[docname]
        for key, value in settings.metadata_for(source).items():
            meta.setdefault(key, as_meta_string(value))


# --- resources -----------------------------------------------------------------------------


def _resource_files(
    settings: DocfxSettings, item: FileMapping, allowed: Callable[[Path], bool]
) -> Iterator[tuple[Path, str]]:
    """``(source, path below this build's output folder)`` of the files of one resource
    item that DocFX writes below this build's place in its output (``prefix``)."""
    prefix = settings.prefix
    src = (settings.folder / item.src).resolve()
    dest = item.dest
    if not prefix or dest == prefix or dest.startswith(prefix + "/"):
        start = ""
    elif not dest or prefix.startswith(dest + "/"):
        start = prefix[len(dest) + 1 :] if dest else prefix  # only src/<start> lands here
    else:
        return  # another tree's resources
    if not allowed(src) or (start and not (src / start).is_dir()):
        return
    for rel in get_files(src, item.globs, item.excludes, start, allowed):
        target = item.output_path(rel)
        yield src / rel, target[len(prefix) + 1 :] if prefix else target


def _copy_resources(app: Sphinx, exception: BaseException | None) -> None:
    """Copy ``build.resource`` files (every one, as DocFX does, referenced or not)."""
    settings = get_state(app.env).peek(DocfxSettings)
    if exception is not None or settings is None or settings.path is None:
        return
    if app.builder.format != "html" or not settings.config.resource:
        return
    root = (Path(app.srcdir) / str(app.config.superoffice_root)).resolve()
    outdir = Path(app.outdir).resolve()
    allowed = _walkable(root, [outdir, Path(app.doctreedir).resolve()])
    for item in settings.config.resource:
        for source, target in _resource_files(settings, item, allowed):
            refused = containment.outside_reason(source, root)
            if refused:  # as copy2(follow_symlinks=False) would not copy the file either
                warn(
                    f"resource {target!r} {refused}; not copied",
                    SoWarning.DOCFX_JSON,
                    f"{source}:1",
                )
                continue
            dest = outdir / target
            if dest.exists() and dest.stat().st_mtime >= source.stat().st_mtime:
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)


def _own_prefix(settings: DocfxSettings, srcdir: Path) -> str:
    """The source directory's place below the docfx.json folder (no content item)."""
    try:
        rel = srcdir.relative_to(settings.folder).as_posix()
    except ValueError:
        return ""
    return "" if rel == "." else rel
