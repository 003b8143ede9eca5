"""API reference pages: DocFX ManagedReference YAML as pages of real API objects.

- :mod:`.model` (pure): the YAML mapping -> items, references, syntax, parameters;
- :mod:`.reader` (pure): Norway-safe reading with lines, tolerant of control bytes;
- :mod:`.fragments`: the DocFX Markdown inside (summaries, remarks, examples);
- :mod:`.page`: the doctree, following DocFX's class/enum/namespace templates;
- :mod:`.domain`: the ``dfapi`` domain (general index, search, ``objects.inv``).

This module is the glue: :func:`parse_api_page` is what the ``.yml`` source parser
(:mod:`..landing`) calls for a ``### YamlMime:ManagedReference`` file. Each item goes
into the ``dfapi`` domain and into the uid registry of the ``superoffice`` domain, with
its anchor and names, so every xref form and toc ``uid:`` reach it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..encoding import decode_source
from ..references import get_domain
from ..references.xrefmap import Xrefmaps
from ..sitemodel import site_index
from ..state import get_state
from ..warnings_ import SoWarning, warn
from .domain import ApiDomain, ApiObject
from .model import MREF_MIME, Item, MrefError
from .page import PageBuilder
from .reader import first_item, read_page

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["MREF_MIME", "ApiDomain", "parse_api_page", "setup_apiref"]


@dataclass
class ApiPages:
    """uid -> source path of every page with a uid (front matter, or an API page's first
    item), found once per build when a namespace page needs its types."""

    by_uid: dict[str, str] | None = None


def parse_api_page(text: str, document: nodes.document) -> None:
    """Build the page of a ManagedReference file into ``document``; a file that cannot
    be read warns at file:line and becomes an orphan page without content."""
    env = document.settings.env
    docname = env.docname
    meta = env.metadata[docname]
    meta["yamlmime"] = MREF_MIME
    try:
        result = read_page(text)
    except MrefError as exc:
        warn(f"API page skipped: {exc}", SoWarning.API, (docname, exc.line or 1))
        meta["orphan"] = ""
        return
    for message, line in result.notes:
        warn(message, SoWarning.API, (docname, line or 1))
    if result.page is None:
        warn(
            "a toc with the ManagedReference header is no page: skipped",
            SoWarning.API,
            (docname, 1),
        )
        meta["orphan"] = ""
        return
    page = result.page
    # generated text, shown as DocFX shows it: no typographic quotes ("true" stays "true")
    document.settings.smart_quotes = False
    for key, value in page.metadata.items():
        meta.setdefault(key, value)
    targets: dict[str, list[str]] = {}
    objects: list[ApiObject] = []
    main_uid = page.main.uid
    registry = get_domain(env)

    def note(item: Item, anchor: str) -> None:
        anchor = "" if item.uid == main_uid else anchor
        targets.setdefault(
            item.uid, [anchor, item.name, item.full_name, item.name_with_type, item.comment_id]
        )
        objects.append((item.uid, item.display_name, item.type, anchor))

    def note_uid(uid: str) -> None:
        registry.note_link(docname, "uids", uid)

    def types(uid: str) -> Item | None:
        """A type of a namespace page, from its own page (its kind and summary)."""
        pages = get_state(env).slot(ApiPages)
        if pages.by_uid is None:
            pages.by_uid = site_index(env).uids(docname=lambda path: path)
        rel = pages.by_uid.get(uid)
        if rel is None or not rel.endswith(".yml"):
            return None
        path = site_index(env).srcdir / rel
        env.note_dependency(str(path))
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        return first_item(decode_source(raw))

    external: set[str] = set()
    PageBuilder(document, page, note, note_uid, types, external.add).build()
    registry.declare_targets(docname, targets)
    domain = env.get_domain("dfapi")
    assert isinstance(domain, ApiDomain)
    domain.note_objects(docname, objects, sorted(external))


def _undocumented_types(app: Sphinx, env: BuildEnvironment) -> None:
    """One warning for the uids (types, inherited members) API pages name that DocFX marks
    external and that no page of this build or imported xrefmap documents (shown as text,
    or linked through intersphinx): a warning per use would flood the log, none would
    hide them."""
    domain = env.get_domain("dfapi")
    assert isinstance(domain, ApiDomain)
    known = get_domain(env).uids
    table = get_state(env).slot(Xrefmaps).table(lambda path, exc: None)
    users: dict[str, list[str]] = {}
    for docname in sorted(domain.external):
        for uid in domain.external[docname]:
            if uid not in known and uid not in table:
                users.setdefault(uid, []).append(docname)
    if not users:
        return
    names = sorted(users)
    shown = ", ".join(names[:_SHOWN]) + (
        f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    )
    first = users[names[0]][0]
    warn(
        f"API pages name {len(names)} uid(s) that DocFX marks external and that nothing "
        f"in this build documents (shown as text): {shown}",
        SoWarning.API,
        (first, None),
    )


#: how many undocumented types the summary warning names
_SHOWN = 12


def setup_apiref(app: Sphinx) -> None:
    app.add_domain(ApiDomain)
    app.connect("env-check-consistency", _undocumented_types)
