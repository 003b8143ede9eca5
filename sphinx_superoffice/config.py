"""The ``superoffice_*`` configuration values, declared once in a dataclass."""

from __future__ import annotations

import dataclasses as dc
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .urls import DEFAULT_URL_SCHEMES
from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _is_str_dict(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _is_str_list_or_dict(value: Any) -> bool:
    return _is_str_list(value) or (
        isinstance(value, dict)
        and all(isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in value.items())
    )


def _is_moniker_mode(value: Any) -> bool:
    return value in ("hide", "mark")


def _is_annotations_mode(value: Any) -> bool:
    return value in ("", "github", "none")


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _field(
    default: Any,
    validator: Callable[[Any], bool],
    help: str,
    types: tuple[type, ...] = (),
    rebuild: str = "env",
) -> Any:
    """A setting: its default, its validator, its help text, the types Sphinx accepts
    without a type warning (default: the default's type) and what a change re-does."""
    factory = (lambda: type(default)(default)) if isinstance(default, list | dict) else None
    if not types:
        types = (list, tuple) if isinstance(default, list) else (type(default),)
    meta = {"validator": validator, "help": help, "types": types, "rebuild": rebuild}
    if factory is not None:
        return dc.field(default_factory=factory, metadata=meta)
    return dc.field(default=default, metadata=meta)


#: Where DocFX keeps include fragments; they are not pages (Sphinx's ``**`` needs a
#: directory before it, so the top-level folder is listed separately).
INCLUDE_PATTERNS = ("includes/**", "**/includes/**")


@dc.dataclass
class SuperOfficeConfig:
    """Settings of sphinx-superoffice; each is ``superoffice_<name>`` in ``conf.py``."""

    root: str = _field(
        "",
        _is_str,
        "The DocFX docset root, relative to the source directory (default: the source "
        "directory). `~/` in includes means this folder, and no include or link may "
        "read outside it (symbolic links are followed before that check).",
    )
    exclude_includes: bool = _field(
        True,
        _is_bool,
        "Keep include fragments (`**/includes/**`) out of the page set.",
    )
    include_depth: int = _field(
        64,
        _is_positive_int,
        "How deeply includes may nest (an include in an include… counts each level); a "
        "deeper include gets one `superoffice.include_limit` warning with its chain and is "
        "left out.",
    )
    include_limit: int = _field(
        10_000,
        _is_positive_int,
        "How many includes one page may render in all (includes that include others "
        "multiply); past it, one `superoffice.include_limit` warning with the chain, and "
        "the page's remaining includes are left out.",
    )
    alerts: dict[str, str] = _field(
        {},
        _is_str_dict,
        "Extra alert types: marker (for example `TODO`) -> title shown in the box.",
    )
    languages: dict[str, str] = _field(
        {},
        _is_str_dict,
        "Language trees: DocFX code -> folder, relative to the source directory "
        '(`{"en": "../en", "no": "../no"}`). Gives the language switcher, hreflang '
        "links and cross-language links.",
    )
    language_url: str = _field(
        "../{lang}/",
        _is_str,
        "Where each language's build is published, relative to this build's root "
        "(or absolute); `{lang}` is the DocFX code.",
    )
    date_formats: list[str] = _field(
        ["%m.%d.%Y", "%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%dT%H:%M:%S", "%d.%m.%Y"],
        _is_str_list,
        "`strptime` formats tried in order to parse `date` / `so.date` front matter.",
    )
    toc_root: list[str] = _field(
        [],
        _is_str_list,
        "The `toc.yml` files (paths relative to the source directory) whose items form the "
        "top of the navigation, in this order. Default: `toc.yml` in the source directory "
        "if there is one, else every `toc.yml` that no other toc.yml references, sorted by "
        "path (one toc: its items are the top level; several: one group per toc, named "
        "after its folder).",
    )
    site_url: str = _field(
        "",
        _is_str,
        "The published URL of this build's root, for example "
        "`https://docs.superoffice.com/no/`. Absolute links and `redirect_url` values under "
        "it, and site-absolute paths under its path (`/no/...`, as in `redirect_from`), "
        "resolve to local pages.",
    )
    docfx_json: str = _field(
        "",
        _is_str,
        "The `docfx.json` to read as DocFX does (relative to the configuration "
        "directory): `build.content`/`resource` globs with `src`/`dest`, "
        "`globalMetadata`, `fileMetadata` and their files, the `_app*`/`_disable*` keys. "
        "Default: the first `docfx.json` in the source directory or a folder above it, up "
        "to the configuration directory or `superoffice_root`; `none` reads none.",
    )
    xrefmaps: list[str] | dict[str, str | None] = _field(
        [],
        _is_str_list_or_dict,
        "DocFX `xrefmap.yml` files (YAML or JSON, `.gz` allowed; paths relative to the "
        "configuration directory) whose uids links may use. A dict maps each file to the "
        "base URL of its relative hrefs (default: the map's `baseUrl`).",
        (list, tuple, dict),
    )
    xrefmaps_anywhere: bool = _field(
        False,
        _is_bool,
        "Read `superoffice_xrefmaps` files wherever they are. By default a map must be "
        "inside the configuration directory or the docset root (symbolic links followed); "
        "any other is refused with a warning.",
    )
    xref_fallback_url: str = _field(
        "",
        _is_str,
        "URL template for a uid found nowhere else, e.g. "
        "`https://docs.example.com/api/{uid}.html`; empty: render the uid as text and warn.",
    )
    external_trees: dict[str, str] = _field(
        {},
        _is_str_dict,
        "Other source trees links may lead into: folder (relative to the source "
        "directory, e.g. `../en`) -> base URL of its build (`https://host/en/`, or "
        "`../en/` relative to this build's output root for builds side by side).",
    )
    lexer_aliases: dict[str, str] = _field(
        {},
        _is_str_dict,
        "Extra code-fence languages: name (for example `http!`) -> Pygments lexer name "
        "(`text` for plain). Merged over the built-in table (`http!`, `crmscript`, `dos`…).",
    )
    moniker: str = _field(
        "",
        _is_str,
        'The current moniker (product version) for `::: moniker range="…"` blocks; empty '
        "shows every moniker block.",
    )
    monikers: list[str] = _field(
        [],
        _is_str_list,
        "All monikers, oldest first, so that ranges like `>= product-2` can be evaluated.",
    )
    moniker_out_of_range: str = _field(
        "hide",
        _is_moniker_mode,
        "What happens to a moniker block outside the current moniker: `hide` drops it, "
        "`mark` keeps it with a label.",
    )
    zone_pivot_names: dict[str, str] = _field(
        {},
        _is_str_dict,
        'Display names of `::: zone pivot="…"` ids in the pivot selector (default: the id).',
    )
    lenient_highlighting: bool = _field(
        True,
        _is_bool,
        "Show what Pygments cannot read in a code block as plain text, instead of one "
        "`misc.highlighting_failure` warning per block (DocFX never failed a code block).",
    )
    url_schemes: list[str] = _field(
        list(DEFAULT_URL_SCHEMES),
        _is_str_list,
        "The URL schemes a link, image link, redirect, landing-page or toc.yml URL and an "
        "xrefmap or fallback href may use; relative and `#fragment` URLs are always "
        "allowed. Any other (`javascript:`, `data:`, `vbscript:`...) is refused with a "
        "warning and shown as text.",
    )
    mermaid_js: str = _field(
        "",
        _is_str,
        "Path (relative to conf.py) of a local `mermaid.min.js`. When set, ```` ```mermaid ```` "
        "fences render as diagrams in the browser with that file; otherwise they show as a "
        "labelled source block. Nothing is ever loaded from another site.",
    )
    report: bool = _field(
        True,
        _is_bool,
        "Write `superoffice-report.json` in the output folder at the end of each build: "
        "every `superoffice` warning of the site once, with subtype, file (relative to the "
        "docset root), line, message and suggestion, sorted.",
        rebuild="",
    )
    annotations: str = _field(
        "",
        _is_annotations_mode,
        "`github`: also print each warning once as a GitHub Actions `::warning "
        "file=…,line=…::` command at the end of the build; `none`: never; empty: `github` "
        "when the environment variable `GITHUB_ACTIONS` is `true`.",
        rebuild="",
    )
    parallel_write: bool = _field(
        True,
        _is_bool,
        "At `-j N`, write pages in N processes, each resolving its own pages (Sphinx "
        "resolves every page in the main process and writes in N-1, one writer at "
        "`-j 2`). `False`: Sphinx's way.",
        rebuild="",
    )
    sitemap: bool = _field(
        True,
        _is_bool,
        "Write `sitemap.xml` (every page once, with `hreflang` alternates in the other "
        "language trees; not redirect or `noindex` pages) when `superoffice_site_url` (or "
        "`html_baseurl`) gives the site's address.",
    )


def setup_config(app: Sphinx) -> None:
    for field in dc.fields(SuperOfficeConfig):
        app.add_config_value(
            f"superoffice_{field.name}",
            _default(field),
            field.metadata["rebuild"],
            types=frozenset(field.metadata["types"]),
            description=field.metadata["help"],
        )
    # before every handler that reads the values (languages: 100, docfx.json: 810), so
    # a bad value warns and falls back instead of crashing its reader
    app.connect("config-inited", _validate_config, priority=50)
    app.connect("config-inited", _own_source_suffix, priority=700)


def _own_source_suffix(app: Sphinx, config: Config) -> None:
    """Give this build its own ``source_suffix`` dict before Sphinx merges the extensions'
    suffixes into it (priority 800).

    Without a ``source_suffix`` in conf.py, Sphinx hands out its class-level default dict and
    then adds ``.md`` to it in place, so every later build in the same process (tests,
    ``multilang``) would inherit this build's ``.md -> docfx``.
    """
    from sphinx.config import Config as SphinxConfig

    if config.source_suffix is SphinxConfig.config_values["source_suffix"].default:
        config.source_suffix = {".rst": "restructuredtext"}


def _default(field: dc.Field[Any]) -> Any:
    if field.default is dc.MISSING:
        return field.default_factory()  # type: ignore[operator]
    return field.default


def _validate_config(app: Sphinx, config: Config) -> None:
    """Replace every invalid value by its default, with one warning each."""
    for field in dc.fields(SuperOfficeConfig):
        name = f"superoffice_{field.name}"
        value = getattr(config, name)
        if not field.metadata["validator"](value):
            warn(
                f"invalid value for {name!r}: {value!r}; using the default", SoWarning.CONFIG, None
            )
            setattr(config, name, _default(field))
    if config.superoffice_exclude_includes:
        patterns = list(config.exclude_patterns)
        extra = [p for p in INCLUDE_PATTERNS if p not in patterns]
        config.exclude_patterns = [*patterns, *extra]


def get_config(config: Config) -> SuperOfficeConfig:
    """The validated settings as one typed object: the one accessor to read them."""
    return SuperOfficeConfig(
        **{f.name: getattr(config, f"superoffice_{f.name}") for f in dc.fields(SuperOfficeConfig)}
    )


def project_root(env: BuildEnvironment) -> Path:
    """The absolute docset root: ``superoffice_root`` resolved against the source dir."""
    return _resolved(str(env.srcdir), env.config.superoffice_root)


def source_dir(env: BuildEnvironment) -> Path:
    """The absolute, resolved source directory."""
    return _resolved(str(env.srcdir), ".")


@functools.lru_cache(maxsize=16)
def _resolved(srcdir: str, root: str) -> Path:
    # asked for on every link and include; resolving walks the file system each time
    return (Path(srcdir) / root).resolve()
