"""Cross-document links: uids, page anchors, other trees, xrefmaps and intersphinx.

Read time (the renderer, ``syntax/links.py`` and ``syntax/xref.py``) turns links
into ``pending_xref`` nodes of the ``superoffice`` domain:

``doc``   a page of this build (``reftarget`` = docname) and an optional ``so_anchor``
``uid``   a DocFX uid (``reftarget``), optional ``so_anchor``
``tree``  a page of another configured tree (``reftarget`` = URL path in that tree)

:class:`SoDomain` keeps, per page, its front-matter uid and every id its HTML
carries (section ids, DocFX slugs, explicit ``<a id>`` anchors, raw-HTML ids), with
``clear_doc``/``merge_domaindata`` so ``-j N`` sees what ``-j 1`` sees.
:class:`SoReferenceResolver` resolves them all after reading, before Sphinx's
own resolver, so that each failure gives one ``superoffice.*`` warning with a
"did you mean" and degrades to text (or to the page, for a missing anchor):
never a dead link.

uids are case-sensitive, as in DocFX. Each is exported to ``objects.inv`` as
``superoffice:uid``, so other Sphinx projects link to it through intersphinx, and
an unknown uid here is looked up, in order, in the imported DocFX xrefmaps
(``superoffice_xrefmaps``), through intersphinx, and in
``superoffice_xref_fallback_url``.

Modules: :mod:`.domain` (what pages declare), :mod:`.resolver` (the post-transform),
:mod:`.xrefmap` (reading xrefmaps), :mod:`.export` (this build's ``xrefmap.yml``); this
one connects them to Sphinx's events.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import containment
from ..state import config_state, get_state
from ..warnings_ import SoWarning, warn
from .domain import SoDomain, collect_page, get_domain, page_title, settle_uid_labels
from .export import write_xrefmap
from .resolver import SoReferenceResolver, reset_uid_table
from .xrefmap import XrefmapFile, Xrefmaps, parse_xrefmap, read_xrefmap, xrefmap_digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = [
    "SoDomain",
    "SoReferenceResolver",
    "get_domain",
    "note_moved_targets",
    "page_title",
    "parse_xrefmap",
    "read_xrefmap",
    "setup_references",
    "xrefmap_digest",
]


def _xrefmap_files(app: Sphinx, config: Config) -> None:
    """Where this build's xrefmaps are (paths in conf.py are relative to its folder).

    A map must be inside the configuration directory or the docset root (its real
    path: symbolic links followed) unless ``superoffice_xrefmaps_anywhere`` is set;
    any other is left out with a warning.
    """
    setting = config.superoffice_xrefmaps
    entries: Iterable[tuple[str, str | None]] = (
        setting.items() if isinstance(setting, dict) else ((p, None) for p in setting)
    )
    confdir = Path(app.confdir).resolve()
    root = (Path(app.srcdir) / config.superoffice_root).resolve()
    files: list[XrefmapFile] = []
    for entry, base in entries:
        path = confdir / entry
        refused = containment.name_problem(path)
        real = containment.real_path(path)
        anywhere = config.superoffice_xrefmaps_anywhere or real is None
        if not refused and not anywhere and not _inside_any(real, (confdir, root)):
            refused = (
                f"is outside the configuration directory and the project root "
                f"(real path {str(real)!r}); set superoffice_xrefmaps_anywhere = True "
                "to read it"
            )
        if refused or real is None:
            warn(f"xrefmap {entry!r} {refused}; not read", SoWarning.XREFMAP, None)
            continue
        files.append(XrefmapFile(entry, real, base))
    config_state(config).slot(Xrefmaps).files = files


def _inside_any(path: Path | None, folders: Iterable[Path]) -> bool:
    return path is not None and any(path.is_relative_to(folder) for folder in folders)


@dataclass
class LinkTargets:
    """What the pages read in this build declared before (a build-state slot)."""

    #: changed or removed page -> its target signature before this build read it
    before: dict[str, tuple[object, ...] | None] = field(default_factory=dict)
    #: pages added and removed in this build
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    #: targets that changed without being read (redirect stubs)
    moved: set[str] = field(default_factory=set)


def note_moved_targets(env: BuildEnvironment, docnames: Iterable[str]) -> None:
    """Link targets that changed in this build without a read (redirect stubs): the
    pages linking to them are written again."""
    get_state(env).slot(LinkTargets).moved.update(docnames)


def _outdated_linkers(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Re-read the pages whose links were classified against pages that now exist.

    Links resolve at write time (:class:`SoReferenceResolver`), so a page linking to a
    changed page is only written again, and only when the target's title, anchors or
    uid changed (:func:`_rewritten_linkers`). What read time decides is whether a path
    is a page at all: a page with a link to a missing path is read again when pages
    were added. An xrefmap is a dependency too: when one changed since the last build,
    the pages that use a uid no page declares are read again.
    """
    domain = get_domain(env)
    slot = get_state(env).slot(LinkTargets)
    slot.before = {doc: domain.target_signature(doc) for doc in changed | removed}
    slot.added, slot.removed = set(added), set(removed)
    touched = added | changed | removed
    outdated: set[str] = set()
    if added:
        outdated = {
            doc for doc, entry in domain.links.items() if entry["missing"] and doc not in touched
        }
    digests = get_state(env).slot(Xrefmaps).digests()
    if digests != domain.xrefmap_digests:
        domain.data["xrefmaps"] = digests
        outdated |= domain.external_uid_users() - touched
    return sorted(outdated)


def _rewritten_linkers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Write again the pages linking to a page whose title, anchors or uid changed."""
    domain = get_domain(env)
    slot = get_state(env).slot(LinkTargets)
    moved = {doc for doc, before in slot.before.items() if domain.target_signature(doc) != before}
    moved |= slot.moved
    if not (moved or slot.added):
        return []
    linkers = domain.linking_docs(slot.added, moved, slot.removed)
    return sorted(doc for doc in linkers if doc in env.found_docs)


def setup_references(app: Sphinx) -> None:
    app.add_domain(SoDomain)
    app.add_post_transform(SoReferenceResolver)
    app.connect("doctree-read", collect_page)
    app.connect("config-inited", _xrefmap_files)
    app.connect("env-get-outdated", _outdated_linkers)
    app.connect("env-get-updated", _rewritten_linkers)
    app.connect("env-updated", reset_uid_table)
    app.connect("env-updated", settle_uid_labels)
    app.connect("build-finished", write_xrefmap)
