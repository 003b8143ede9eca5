"""YAML front matter: read it Norway-safely, and turn uid/title/meta/date into Sphinx data.

- ``language: no``, ``yes``, ``on``, ``off`` stay strings (YAML 1.2 booleans are only
  ``true``/``false``); dates and version numbers stay strings until parsed.
- Every key reaches templates through ``env.metadata`` (Sphinx's ``meta``).
- ``title`` becomes the HTML ``<title>`` without adding a heading; a page with no heading
  takes it as its document title (``env.titles``: nav, breadcrumbs, toctree, search), as
  in DocFX, instead of Sphinx's ``<no title>`` and a ``toc.no_title`` warning per page.
- ``description``, ``keywords`` and ``author`` become ``<meta>`` tags.
- ``date`` / ``so.date`` / ``ms.date`` are parsed with ``superoffice_date_formats``
  and exposed to templates as ``superoffice_date`` (a :class:`datetime.date`).
- ``uid`` is registered as a cross-reference target by :mod:`.references`.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

import yaml
from docutils import nodes
from sphinx import addnodes

from .warnings_ import SoWarning, warn
from .yamlread import load_front_matter

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx

    from .syntax.contract import Renderer

#: Front-matter keys that carry the page date, in order of preference.
DATE_KEYS = ("date", "so.date", "ms.date")
#: Front-matter keys that become ``<meta name=…>`` tags (``title`` too, so that gettext
#: extracts and translates it; the translated one then gives the page its ``<title>``).
META_KEYS = ("title", "description", "keywords", "author")


def _yaml_kind(data: Any) -> str:
    """What a YAML value is, in YAML's words (the reader's list and dict subclasses carry
    line numbers; their class names mean nothing to an author)."""
    for kind, name in ((list, "list"), (dict, "mapping"), (str, "string"), (bool, "boolean")):
        if isinstance(data, kind):
            return name
    return type(data).__name__


def _as_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_as_text(v) for v in value)
    return str(value)


def render_front_matter(renderer: Renderer, token: SyntaxTreeNode) -> nodes.field_list | None:
    """The page's front matter → docinfo fields and ``<meta>`` tags.

    Returns the field list appended (the renderer adds it to ``env.metadata``), if any.
    """
    first_line = token.map[0] if token.map else 1
    if len(renderer.include_stack) > 1:
        return None  # DocFX drops the front matter of an included file
    try:
        data = load_front_matter(str(token.content))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + 1 + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        renderer.so_warning(
            f"malformed YAML front matter ({problem}); its keys are ignored",
            SoWarning.FRONT_MATTER,
            f"{renderer.current_source_path()}:{line}",
        )
        return None
    if data is None:
        return None
    if not isinstance(data, dict):
        renderer.so_warning(
            f"YAML front matter is a {_yaml_kind(data)}, not a mapping; ignored",
            SoWarning.FRONT_MATTER,
            f"{renderer.current_source_path()}:{first_line}",
        )
        return None

    field_list = None
    # an empty value (`date:` with nothing after it, YAML null) is no value: DocFX skips
    # it, and myst would store the text "null" (then "cannot parse date: 'null'")
    fields = {
        str(k): v for k, v in data.items() if k not in ("myst", "html_meta") and v is not None
    }
    if fields:
        field_list = renderer.dict_to_fm_field_list(
            fields, language_code=renderer.document.settings.language_code, line=first_line
        )
        renderer.current_node.append(field_list)
    for key in META_KEYS:
        if data.get(key) not in (None, ""):
            meta = nodes.meta(name=key, content=_as_text(data[key]))
            renderer.document.append(meta)
    return field_list


def parse_date(value: str, formats: list[str]) -> dt.date | None:
    """The first format that parses ``value``, as a date."""
    value = value.strip()
    for fmt in formats:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _collect_date(app: Sphinx, doctree: nodes.document) -> None:
    """Parse the page date once, at read time, so a bad one warns at the right file."""
    env = app.env
    meta = env.metadata.get(env.docname, {})
    for key in DATE_KEYS:
        raw = meta.get(key)
        if not raw:
            continue
        parsed = parse_date(str(raw), list(app.config.superoffice_date_formats))
        if parsed is None:
            warn(
                f"cannot parse {key}: {raw!r} with superoffice_date_formats",
                SoWarning.DATE,
                (env.docname, 1),
            )
        else:
            meta["superoffice_date"] = parsed.isoformat()
        break


def _front_matter_title(doctree: nodes.document, meta: dict[str, Any]) -> str | None:
    """The page's front-matter ``title`` (translated, in a translated build), if any."""
    title = meta.get("title")
    if not title:
        return None
    # the meta node carries the translated title in a translated build
    for node in doctree.findall(nodes.meta):
        if node.get("name") == "title" and node.get("content"):
            return str(node["content"])
    return str(title)


def _title_from_front_matter(app: Sphinx, doctree: nodes.document) -> None:
    """A page without a heading is titled by its front matter (after Sphinx's title and
    toctree collectors, which found no section): ``env.titles``/``longtitles`` and the
    page's own entry in ``env.tocs``, like the entry of an H1."""
    env = app.env
    docname = env.docname
    if next(iter(doctree.findall(nodes.section)), None) is not None:
        return
    title = _front_matter_title(doctree, env.metadata.get(docname, {}))
    if title is None:
        return
    titlenode = nodes.title("", title)
    env.titles[docname] = titlenode
    if "title" not in doctree:  # no explicit <title>: the long title is the title
        env.longtitles[docname] = titlenode
    reference = nodes.reference(
        "", "", nodes.Text(title), internal=True, refuri=docname, anchorname=""
    )
    entry = nodes.list_item("", addnodes.compact_paragraph("", "", reference))
    toc = env.tocs.get(docname)
    if toc is None:
        env.tocs[docname] = nodes.bullet_list("", entry)
    else:
        toc.insert(0, entry)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    meta = context.get("meta") or {}
    title = meta.get("title")
    if doctree is not None and title:
        title = _front_matter_title(doctree, meta)
    if title:
        context["title"] = html.escape(str(title))
    iso = meta.get("superoffice_date")
    context["superoffice_date"] = dt.date.fromisoformat(iso) if iso else None


def setup_frontmatter(app: Sphinx) -> None:
    app.connect("doctree-read", _collect_date)
    # after Sphinx's title and toctree collectors (doctree-read, priority 500)
    app.connect("doctree-read", _title_from_front_matter, priority=700)
    app.connect("html-page-context", _page_context)
