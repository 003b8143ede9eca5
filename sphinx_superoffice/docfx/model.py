"""The ``build`` section of a ``docfx.json``, as DocFX's ``BuildJsonConfig`` reads it.

- ``content`` / ``resource``: a string, an object or a list of both (``FileMapping``);
  a string is ``{"files": [that string]}``; ``files``/``exclude`` are a string or a list
  (``FileItems``); ``src`` is the folder the globs are relative to and ``dest`` the output
  folder of its files: ``src/a/b.md`` is written to ``dest/a/b.html``
  (``FileCollection.Add``). ``case``, ``dot``, ``noNegate``, ``noExpand``, ``noEscape``,
  ``noGlobStar`` set the glob options (``GlobUtility.GetMatchOptionsFromItem``).
- ``globalMetadata`` (``globalMetadataFiles`` win over it, the first file listed over
  later ones, as ``BuildCommand`` reverses the list); ``fileMetadata`` (``{key: {glob:
  value}}``, ``fileMetadataFiles`` after it): for each key the last glob that matches the
  file's path relative to the docfx.json folder wins (``HostServiceCreator``).

Every key is classified: used, DocFX-only (nothing to do outside DocFX: silent) or not
supported (one issue at the key's line). Pure.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from .glob import DEFAULT_OPTIONS, GlobMatcher, GlobOptions, matchers
from .jsonread import Path_

#: ``build`` keys this package reads.
USED_BUILD_KEYS = frozenset(
    {
        "content",
        "resource",
        "globalMetadata",
        "fileMetadata",
        "globalMetadataFiles",
        "fileMetadataFiles",
        "sitemap",
        "markdownEngineProperties",
    }
)
#: ``build`` keys about DocFX's own engine or output: nothing to do in Sphinx.
DOCFX_ONLY_BUILD_KEYS = frozenset(
    {
        "dest",
        "output",
        "template",
        "theme",
        "postProcessors",
        "markdownEngineName",
        "cleanupCacheHistory",
        "disableGitFeatures",
        "keepFileLink",
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
        "dryRun",
    }
)
USED_TOP_KEYS = frozenset({"build", "$schema"})
DOCFX_ONLY_TOP_KEYS = frozenset({"pdf", "rules"})
#: keys of a ``content`` / ``resource`` item this package reads, and those without effect
FILE_ITEM_KEYS = frozenset(
    {"files", "exclude", "src", "dest", "case", "dot", "noNegate", "noExpand", "noEscape"}
    | {"noGlobStar", "name"}
)
DOCFX_ONLY_ITEM_KEYS = frozenset({"version", "group", "rootTocPath", "caseSensitive"})
#: keys of ``markdownEngineProperties`` read here
USED_MARKDOWN_KEYS = frozenset({"alerts"})
#: what DocFX keys mean that nothing here implements, for the warning
_UNSUPPORTED_WHY = {
    "metadata": ".NET API reference generation",
    "merge": "merging API metadata",
    "overwrite": "overwrite files",
    "xref": "xrefmap files (use superoffice_xrefmaps)",
    "groups": "groups",
}


@dataclass
class Issue:
    """A problem in the file: its message and the line it is about (1-based)."""

    message: str
    line: int


@dataclass
class FileMapping:
    """One ``content`` or ``resource`` item."""

    files: list[str]
    exclude: list[str]
    src: str  # relative to the docfx.json folder, normalised ("" for the folder itself)
    dest: str  # the output folder, normalised ("" for the output root)
    options: GlobOptions = DEFAULT_OPTIONS
    line: int = 1
    dest_line: int = 1
    globs: list[GlobMatcher] = field(default_factory=list, repr=False)
    excludes: list[GlobMatcher] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.globs = matchers(self.files, self.options)
        self.excludes = matchers(self.exclude, self.options)

    def output_path(self, rel: str) -> str:
        """Where DocFX writes the file ``rel`` (relative to ``src``), before the ``.md``
        -> ``.html`` change: ``dest/rel``."""
        return posixpath.join(self.dest, rel) if self.dest else rel


@dataclass
class FileMetadataItem:
    key: str
    glob: GlobMatcher
    value: Any


@dataclass
class DocfxConfig:
    """What a docfx.json says, as far as a Sphinx build can use it."""

    content: list[FileMapping] = field(default_factory=list)
    resource: list[FileMapping] = field(default_factory=list)
    global_metadata: dict[str, Any] = field(default_factory=dict)
    file_metadata: list[FileMetadataItem] = field(default_factory=list)
    global_metadata_files: list[tuple[str, int]] = field(default_factory=list)
    file_metadata_files: list[tuple[str, int]] = field(default_factory=list)
    sitemap: dict[str, Any] = field(default_factory=dict)
    alerts: dict[str, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def add_global_metadata_file(self, data: Any) -> None:
        """Merge a ``globalMetadataFiles`` file: its values win over ``globalMetadata``
        and over files read after it."""
        if isinstance(data, dict):
            self.global_metadata.update(data)

    def add_file_metadata(self, data: Any, line: int = 1) -> None:
        """Append ``{key: {glob: value}}`` (``fileMetadata`` or one of its files)."""
        if not isinstance(data, dict):
            return
        for key, pairs in data.items():
            if not isinstance(pairs, dict):
                self.issues.append(
                    Issue(f"fileMetadata {key!r} is not a {{glob: value}} object; ignored", line)
                )
                continue
            for glob, value in pairs.items():
                self.file_metadata.append(FileMetadataItem(str(key), GlobMatcher(glob), value))

    def metadata_for(self, path: str) -> dict[str, Any]:
        """``globalMetadata`` with ``fileMetadata`` over it, for the file at ``path``
        (relative to the docfx.json folder)."""
        values = dict(self.global_metadata)
        for item in self.file_metadata:  # later items win
            if item.glob.match(path):
                values[item.key] = item.value
        return values


def _str_list(value: Any) -> list[str]:
    """``FileItems`` / ``ListWithStringFallback``: one string or a list of strings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int | float)]
    return []


def _folder(value: Any) -> str:
    text = str(value or "").replace("\\", "/").strip()
    normal = posixpath.normpath(text) if text else ""
    return "" if normal in (".", "") else normal.rstrip("/")


def _options(item: dict[str, Any]) -> GlobOptions:
    options = GlobOptions.NONE if item.get("case") else GlobOptions.IGNORE_CASE
    if item.get("dot"):
        options |= GlobOptions.ALLOW_DOT_MATCH
    for key, flag in (
        ("noEscape", GlobOptions.ALLOW_ESCAPE),
        ("noExpand", GlobOptions.ALLOW_EXPAND),
        ("noGlobStar", GlobOptions.ALLOW_GLOBSTAR),
        ("noNegate", GlobOptions.ALLOW_NEGATE),
    ):
        if not item.get(key):
            options |= flag
    return options


class _Reader:
    def __init__(self, lines: dict[Path_, int]) -> None:
        self.lines = lines
        self.config = DocfxConfig()

    def line(self, *path: str | int) -> int:
        return self.lines.get(path, 1)

    def issue(self, message: str, *path: str | int) -> None:
        self.config.issues.append(Issue(message, self.line(*path)))

    def unsupported(self, key: str, *path: str | int) -> None:
        where = "".join(f".{p}" if isinstance(p, str) else "[]" for p in path[:-1])
        name = f"{where}.{key}".lstrip(".")
        why = f" ({_UNSUPPORTED_WHY[key]})" if key in _UNSUPPORTED_WHY else ""
        self.issue(f"key {name!r}{why} is not supported; ignored", *path)

    def mappings(self, section: str, value: Any) -> list[FileMapping]:
        items = value if isinstance(value, list) else [value] if value else []
        out = []
        for index, item in enumerate(items):
            path: tuple[str | int, ...] = ("build", section, index)
            if not isinstance(value, list):
                path = ("build", section)
            if isinstance(item, str):
                item = {"files": [item]}
            if not isinstance(item, dict):
                self.issue(f"{section} item is neither a string nor an object; ignored", *path)
                continue
            for key in item:
                if key not in FILE_ITEM_KEYS and key not in DOCFX_ONLY_ITEM_KEYS:
                    self.unsupported(key, *path, key)
            files = _str_list(item.get("files"))
            if not files:
                self.issue(f"{section} item has no 'files'; ignored", *path)
                continue
            out.append(
                FileMapping(
                    files=files,
                    exclude=_str_list(item.get("exclude")),
                    src=_folder(item.get("src")),
                    dest=_folder(item.get("dest")),
                    options=_options(item),
                    line=self.line(*path),
                    dest_line=self.line(*path, "dest") if "dest" in item else self.line(*path),
                )
            )
        return out

    def read(self, data: Any) -> DocfxConfig:
        config = self.config
        if not isinstance(data, dict):
            self.issue("docfx.json is not a JSON object")
            return config
        for key in data:
            if key not in USED_TOP_KEYS and key not in DOCFX_ONLY_TOP_KEYS:
                self.unsupported(key, key)
        build = data.get("build") or {}
        if not isinstance(build, dict):
            self.issue("'build' is not an object", "build")
            return config
        for key in build:
            if key not in USED_BUILD_KEYS and key not in DOCFX_ONLY_BUILD_KEYS:
                self.unsupported(key, "build", key)
        config.content = self.mappings("content", build.get("content"))
        config.resource = self.mappings("resource", build.get("resource"))
        meta = build.get("globalMetadata")
        if isinstance(meta, dict):
            config.global_metadata = dict(meta)
        elif meta is not None:
            self.issue("'globalMetadata' is not an object; ignored", "build", "globalMetadata")
        config.add_file_metadata(build.get("fileMetadata"), self.line("build", "fileMetadata"))
        for key, target in (
            ("globalMetadataFiles", config.global_metadata_files),
            ("fileMetadataFiles", config.file_metadata_files),
        ):
            for index, name in enumerate(_str_list(build.get(key))):
                line = self.line("build", key, index) if isinstance(build[key], list) else 1
                target.append((name, line if line > 1 else self.line("build", key)))
        sitemap = build.get("sitemap")
        if isinstance(sitemap, dict):
            config.sitemap = dict(sitemap)
        engine = build.get("markdownEngineProperties")
        if isinstance(engine, dict):
            for key in engine:
                if key not in USED_MARKDOWN_KEYS:
                    self.unsupported(key, "build", "markdownEngineProperties", key)
            alerts = engine.get("alerts")
            if isinstance(alerts, dict):
                config.alerts = {str(k): str(v) for k, v in alerts.items()}
        config.issues.sort(key=lambda issue: issue.line)
        return config


def read_config(data: Any, lines: dict[Path_, int] | None = None) -> DocfxConfig:
    """The :class:`DocfxConfig` of a parsed docfx.json (``lines``: from ``read_json``)."""
    return _Reader(lines or {}).read(data)
