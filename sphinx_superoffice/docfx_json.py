"""``docfx.json`` as configuration (``superoffice_docfx_json = "docfx.json"``).

Read at ``config-inited`` (before landing pages and toc.yml look at the file set):

- ``build.content[].files`` / ``exclude`` (relative to ``src``) → ``include_patterns`` /
  ``exclude_patterns``;
- ``build.resource[].files`` / ``exclude`` → copied as they are into the output folder
  at the end of an HTML build (DocFX copies every resource, referenced or not); a
  resource that is a symbolic link leading outside the project root is not copied, and
  a glob that is absolute or climbs with ``..`` is ignored, each with a warning;
- ``build.globalMetadata`` and ``build.fileMetadata`` (``{key: {glob: value}}``, later
  globs win) → page metadata, below front matter: front matter > fileMetadata >
  globalMetadata. Non-string values are stored as JSON (``true``, ``["a"]``).
  ``_appTitle`` also sets ``html_title`` unless conf.py sets it.

Keys that only concern DocFX's own output (``dest``, ``template``...) are ignored
silently; any other key gets one warning naming it.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.transforms import SphinxTransform
from sphinx.util.matching import compile_matchers

from . import containment
from ._sphinx import set_in_conf_py
from .sitemodel import site_index
from .state import config_state, get_state
from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

#: ``build`` keys used here.
USED_BUILD_KEYS = frozenset({"content", "resource", "globalMetadata", "fileMetadata"})
#: ``build`` keys about DocFX's own output or engine: nothing to do in Sphinx.
IGNORED_BUILD_KEYS = frozenset(
    {
        "dest",
        "output",
        "template",
        "theme",
        "postProcessors",
        "markdownEngineName",
        "markdownEngineProperties",
        "cleanupCacheHistory",
        "disableGitFeatures",
        "keepFileLink",
        "sitemap",
        "noLangKeyword",
        "serve",
        "exportRawModel",
        "exportViewModel",
        "rawModelOutputFolder",
        "viewModelOutputFolder",
        "maxParallelism",
        "intermediateFolder",
        "changesFile",
        "lruSize",
        "customLinkResolver",
        "debug",
        "debugOutput",
        "force",
        "forcePostProcess",
        "templateFolder",
    }
)
USED_TOP_KEYS = frozenset({"build", "$schema"})
IGNORED_TOP_KEYS = frozenset({"pdf", "rules"})
FILE_ENTRY_KEYS = frozenset(
    {"files", "exclude", "src", "dest", "version", "group", "case", "rootTocPath", "caseSensitive"}
)


@dataclass
class DocfxSettings:
    """What a docfx.json contributes to a build."""

    base: str = ""
    """The docfx.json folder relative to the source directory (``""`` when it is it)."""
    resources: list[tuple[list[str], list[str]]] = field(default_factory=list)
    global_metadata: dict[str, str] = field(default_factory=dict)
    file_metadata: list[tuple[Callable[[str], Any], str, str]] = field(default_factory=list)


def setup_docfx_json(app: Sphinx) -> None:
    app.connect("config-inited", _read_docfx_json, priority=810)
    app.add_transform(DocfxMetadataTransform)
    app.connect("build-finished", _copy_resources)


def _as_str(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _globs(patterns: Any, base: str, location: str | None = None) -> list[str]:
    """DocFX globs (relative to ``base``) as Sphinx patterns relative to the source dir.

    A glob that is absolute or climbs with ``..`` is left out (with a warning at
    ``location``, if given): nothing outside the source directory is a page or resource.
    """
    if isinstance(patterns, str):
        patterns = [patterns]
    out: list[str] = []
    for pattern in patterns if isinstance(patterns, list) else []:
        pattern = str(pattern).replace("\\", "/").removeprefix("./") if pattern != "." else "**"
        if pattern.startswith("/") or ".." in pattern.split("/"):
            if location is not None:
                warn(
                    f"docfx.json: glob {pattern!r} leaves the source directory; ignored",
                    SoWarning.DOCFX_JSON,
                    location,
                )
            continue
        full = posixpath.join(base, pattern) if base else pattern
        out.append(full)
        if "**/" in pattern:  # DocFX's ``**/`` also matches zero folders
            out.append(full.replace("**/", "", 1))
    return out


def _entry_base(entry: dict[str, Any], base: str, location: str) -> str | None:
    src = str(entry.get("src", "") or "").replace("\\", "/").strip("/")
    joined = posixpath.normpath(posixpath.join(base, src)) if (base or src) else ""
    if joined in (".", ""):
        return ""
    if joined.startswith(".."):
        warn(
            f"docfx.json: src {src!r} is outside the source directory; entry skipped",
            SoWarning.DOCFX_JSON,
            location,
        )
        return None
    return joined


def _read_docfx_json(app: Sphinx, config: Config) -> None:
    name = config.superoffice_docfx_json
    if not name:
        return
    path = (Path(app.confdir) / name).resolve()
    location = f"{path}:1"
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        warn(f"cannot read docfx.json: {exc}", SoWarning.DOCFX_JSON, location)
        return
    if not isinstance(data, dict):
        warn("docfx.json is not a JSON object", SoWarning.DOCFX_JSON, location)
        return
    srcdir = Path(app.srcdir).resolve()
    try:
        base = path.parent.relative_to(srcdir).as_posix()
    except ValueError:
        warn(
            "docfx.json must be inside the source directory; ignored",
            SoWarning.DOCFX_JSON,
            location,
        )
        return
    base = "" if base == "." else base
    settings = DocfxSettings(base=base)
    warned: set[str] = set()

    def unknown(key: str, where: str) -> None:
        if key not in warned:
            warned.add(key)
            warn(
                f"docfx.json: key {where}{key!r} is not supported; ignored",
                SoWarning.DOCFX_JSON,
                location,
            )

    for key in data:
        if key not in USED_TOP_KEYS and key not in IGNORED_TOP_KEYS:
            unknown(key, "")
    build = data.get("build") or {}
    if not isinstance(build, dict):
        warn("docfx.json: 'build' is not an object", SoWarning.DOCFX_JSON, location)
        return
    for key in build:
        if key not in USED_BUILD_KEYS and key not in IGNORED_BUILD_KEYS:
            unknown(key, "build.")

    def file_entries(section: str) -> Iterator[tuple[list[str], list[str]]]:
        """``(files, exclude)`` globs of each usable entry of ``build.<section>``."""
        for entry in build.get(section) or []:
            if not isinstance(entry, dict):
                continue
            for key in entry:
                if key not in FILE_ENTRY_KEYS:
                    unknown(key, f"build.{section}[].")
            entry_base = _entry_base(entry, base, location)
            if entry_base is not None:
                yield (
                    _globs(entry.get("files"), entry_base, location),
                    _globs(entry.get("exclude"), entry_base, location),
                )

    include: list[str] = []
    exclude: list[str] = []
    for files, excluded in file_entries("content"):
        include += files
        exclude += excluded
    if include:
        config.include_patterns = include
    if exclude:
        patterns = list(config.exclude_patterns)
        config.exclude_patterns = patterns + [p for p in exclude if p not in patterns]

    settings.resources.extend(file_entries("resource"))

    global_meta = build.get("globalMetadata") or {}
    if isinstance(global_meta, dict):
        settings.global_metadata = {str(k): _as_str(v) for k, v in global_meta.items()}
        title = global_meta.get("_appTitle")
        if isinstance(title, str) and not set_in_conf_py(config, "html_title"):
            config.html_title = title
    file_meta = build.get("fileMetadata") or {}
    if isinstance(file_meta, dict):
        for key, globs in file_meta.items():
            if not isinstance(globs, dict):
                warn(
                    f"docfx.json: fileMetadata {key!r} is not a {{glob: value}} object",
                    SoWarning.DOCFX_JSON,
                    location,
                )
                continue
            for glob, value in globs.items():
                for matcher in compile_matchers(_globs(glob, base)):
                    settings.file_metadata.append((matcher, str(key), _as_str(value)))
    config_state(config).set_slot(settings)


class DocfxMetadataTransform(SphinxTransform):
    """Apply ``fileMetadata`` and ``globalMetadata`` below the page's front matter."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        settings = get_state(self.env).peek(DocfxSettings)
        if settings is None:
            return
        docname = self.env.docname
        relpath = Path(self.env.doc2path(docname)).resolve()
        try:
            rel = relpath.relative_to(Path(self.env.srcdir).resolve()).as_posix()
        except ValueError:
            return
        values: dict[str, str] = dict(settings.global_metadata)
        for matcher, key, value in settings.file_metadata:  # later globs win
            if matcher(rel):
                values[key] = value
        meta = self.env.metadata[docname]
        for key, value in values.items():
            meta.setdefault(key, value)


def _copy_resources(app: Sphinx, exception: BaseException | None) -> None:
    settings = get_state(app.env).peek(DocfxSettings)
    if exception is not None or settings is None or not settings.resources:
        return
    if app.builder.format != "html":
        return
    index = site_index(app.env)
    outdir = Path(app.outdir).resolve()
    rules = [(compile_matchers(inc), compile_matchers(exc)) for inc, exc in settings.resources]
    for rel in index.source_files():
        if not any(any(m(rel) for m in inc) and not any(m(rel) for m in exc) for inc, exc in rules):
            continue
        source = index.srcdir / rel
        refused = containment.outside_reason(source, index.root)
        if refused:
            # as copy2(follow_symlinks=False) would not copy the file either
            warn(f"resource {rel!r} {refused}; not copied", SoWarning.DOCFX_JSON, f"{source}:1")
            continue
        dest = outdir / rel
        if dest.exists() and dest.stat().st_mtime >= source.stat().st_mtime:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
