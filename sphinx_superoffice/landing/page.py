"""One landing page's doctree: sphinx-design cards, link lists, icons, links.

A value of the wrong shape (``landingContent: 42``, a card that is text, links that
are not a list) warns at its line and is left out; nothing is dropped silently.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from docutils import nodes
from sphinx import addnodes

from .. import containment
from .._sphinx_design import PassthroughTextElement, create_component
from ..config import project_root
from ..i18n import _
from ..landing_icons import (
    LINK_LIST_TYPES,
    glyph_for_image,
    has_glyph,
    icon_class,
    note_unknown_icon,
)
from ..sitemodel import site_files
from ..warnings_ import SoWarning, warn
from ..yamlread import LANDING_MIMES, YamlDict, YamlList, YamlRefused, load_yaml, yaml_mime
from .messages import translatable

if TYPE_CHECKING:
    from collections.abc import Iterator

N = TypeVar("N", bound=nodes.Element)


#: YamlMime types known not to be pages (no warning).
NON_PAGE_MIMES = frozenset({"TableOfContent", "TableOfContents", "XRefMap"})

#: ``typeDesc`` -> label (translated through the ``sphinx_superoffice`` message catalog)
TYPE_LABELS = {
    "architecture": _("Architecture"),
    "concept": _("Concept"),
    "deploy": _("Deploy"),
    "download": _("Download"),
    "get-started": _("Get started"),
    "how-to-guide": _("How-to guide"),
    "learn": _("Learn"),
    "overview": _("Overview"),
    "quickstart": _("Quickstart"),
    "reference": _("Reference"),
    "tutorial": _("Tutorial"),
    "video": _("Video"),
    "whats-new": _("What's new"),
}


class _LinkRegistry(Protocol):
    """What this module uses of the ``superoffice`` domain (the link registry)."""

    def note_link(self, docname: str, kind: str, target: str) -> None: ...


def _line(data: Any, key: str) -> int:
    return data.line_of(key) if isinstance(data, YamlDict) else 0


def _shown(value: Any) -> str:
    """A wrong value as a warning names it: its kind, and a short text if it is one."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    return f"text {text[:40] + '…' if len(text) > 40 else text!r}"


class PageBuilder:
    """The doctree of one landing page, built into ``document``."""

    def __init__(self, document: nodes.document) -> None:
        self.env = document.settings.env
        self.config = self.env.config
        self.document = document
        self.docname = self.env.docname
        self.docdir = posixpath.dirname(self.docname)
        self.source = document["source"]
        self.files = site_files(self.env)
        # links are noted like Markdown links, so that a changed or new target page
        # re-reads this page in an incremental build
        self.registry = cast("_LinkRegistry", self.env.get_domain("superoffice"))

    def warn(self, message: str, line: int = 0) -> None:
        warn(message, SoWarning.LANDING, (self.docname, line or None))

    def message(self, node: N, line: int) -> N:
        """``node`` as a gettext message (its text is its ``rawsource``) at ``line``."""
        return translatable(node, node.rawsource or node.astext(), self.source, line)

    def entries(self, data: Any, key: str, what: str) -> Iterator[dict[str, Any]]:
        """The mappings listed under ``key``: a value that is not a list, or an entry that
        is not a mapping, warns at its line and is left out."""
        value = data.get(key) if isinstance(data, dict) else None
        if value in (None, ""):
            return
        line = _line(data, key)
        if not isinstance(value, list):
            self.warn(f"{key!r} must be a list of {what}, not {_shown(value)}; ignored", line)
            return
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield item
            elif item not in (None, ""):
                at = value.line_of_item(index) if isinstance(value, YamlList) else line
                self.warn(f"an entry of {key!r} must be a mapping, not {_shown(item)}; ignored", at)

    def mapping(self, data: dict[str, Any], key: str) -> dict[str, Any] | None:
        """The mapping under ``key`` (a value of another kind warns and is ignored)."""
        value = data.get(key)
        if isinstance(value, dict) or value in (None, ""):
            return value or None
        self.warn(f"{key!r} must be a mapping, not {_shown(value)}; ignored", _line(data, key))
        return None

    def build(self, text: str) -> None:
        mime = yaml_mime(text)
        if mime not in LANDING_MIMES:
            self.warn(f"unknown YamlMime {mime!r}: skipped (not a page)")
            self.env.metadata[self.docname]["orphan"] = ""
            return
        try:
            data = load_yaml(text)
        except Exception as exc:  # yaml.YAMLError (YamlRefused: a bomb)
            line = exc.line if isinstance(exc, YamlRefused) else 0
            self.warn(f"malformed YAML: {exc}".replace("\n", " "), line)
            self.env.metadata[self.docname]["orphan"] = ""
            return
        if not isinstance(data, dict):
            self.warn("a landing page must be a YAML mapping")
            return
        self._metadata(data, mime)
        extra = data.get("metadata")
        extra_title = extra.get("title") if isinstance(extra, dict) else None
        title = str(data.get("title") or extra_title or self.docname)
        title_line = _line(data, "title") if data.get("title") else _line(extra, "title")
        section = nodes.section(classes=["so-landing", f"so-landing-{mime.lower()}"])
        section["ids"].append(nodes.make_id(title) or "landing")
        section["names"].append(nodes.fully_normalize_name(title))
        section += self.message(nodes.title(title, title), title_line)
        self.document += section
        self.document.note_implicit_target(section, section)
        summary = str(data.get("summary") or "")
        if summary:
            para = nodes.paragraph(summary, summary, classes=["so-landing-summary"])
            section += self.message(para, _line(data, "summary"))
        if mime == "SubCategory":
            cards = [
                self._subcategory_card(c) for c in self.entries(data, "landingContent", "cards")
            ]
            if cards:
                section += self._grid(cards, cols=3)
        else:
            self._category(section, data)

    # -- metadata --------------------------------------------------------------------

    def _metadata(self, data: dict[str, Any], mime: str) -> None:
        meta = self.env.metadata[self.docname]
        meta["layout"] = "landing"
        meta["yamlmime"] = mime
        extra = data.get("metadata")
        if isinstance(extra, dict):
            for key, value in extra.items():
                if isinstance(value, str):
                    meta.setdefault(key, value)
        elif extra not in (None, ""):
            kind = "a list" if isinstance(extra, list) else "text"
            self.warn(f"'metadata' is {kind}, not a mapping; ignored", _line(data, "metadata"))
        for key in ("language", "brand"):
            if isinstance(data.get(key), str):
                meta.setdefault(key, data[key])
        description = meta.get("description")
        if isinstance(description, str) and description:
            self.document += nodes.meta(name="description", content=description)
        # a ``<meta>`` node is a gettext message: the translated one gives the <title>
        title = extra.get("title") if isinstance(extra, dict) else None
        if isinstance(title, str) and title:
            self.document += nodes.meta(name="title", content=title)

    # -- components ------------------------------------------------------------------

    def _grid(self, cards: list[nodes.Element], cols: int) -> nodes.Element:
        row_classes = [
            "sd-row",
            "sd-row-cols-1",
            "sd-row-cols-sm-2",
            f"sd-row-cols-md-{cols}",
            f"sd-row-cols-lg-{cols}",
            "sd-g-3",
        ]
        container = create_component(
            "grid-container", ["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"]
        )
        row = create_component("grid-row", row_classes)
        container += row
        for card in cards:
            item = create_component("grid-item", ["sd-col", "sd-d-flex-row"])
            item += card
            row += item
        return container

    def _card(self, data: dict[str, Any], link: str = "") -> tuple[nodes.Element, nodes.Element]:
        """A card titled by ``data``'s ``title`` (a link to ``link``, if given)."""
        classes = [
            "sd-card",
            "sd-sphinx-override",
            "sd-mb-3",
            "sd-shadow-sm",
            "sd-w-100",
            "so-landing-card",
        ]
        card = create_component("card", classes)
        body = create_component("card-body", ["sd-card-body"])
        card += body
        title = str(data.get("title") or "")
        if title:
            title_node = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"])
            if link:
                text = PassthroughTextElement()
                text += self.link(link, title, _line(data, "url"), _line(data, "title"))
            else:
                text = self.message(PassthroughTextElement(title, title), _line(data, "title"))
            title_node += text
            body += title_node
        return card, body

    def _summary(self, data: dict[str, Any], classes: list[str] | None = None) -> nodes.Node:
        summary = str(data.get("summary") or "")
        para = nodes.paragraph(summary, summary, classes=classes or [])
        return self.message(para, _line(data, "summary"))

    def _icon(self, item_type: str, line: int = 0) -> nodes.raw:
        """The icon of an ``itemType``: a decorative span (HTML only) that the CSS draws;
        a name without a glyph is noted (one warning per name) and stays invisible."""
        name = icon_class(item_type)
        if not has_glyph(name):
            note_unknown_icon(self.env.metadata[self.docname], name, line)
        html = f'<span class="so-icon so-icon-{name}" aria-hidden="true"></span>'
        return nodes.raw("", html, format="html")

    def _type_heading(self, link_list: dict[str, Any]) -> nodes.paragraph | None:
        """A link list's icon and type label: DocFX's ``itemType`` + ``typeDesc``, or
        Learn's ``linkListType`` (which names both); None when it has neither."""
        item_type = str(link_list.get("itemType") or "")
        type_desc = str(link_list.get("typeDesc") or "")
        line = _line(link_list, "itemType")
        learn_type = str(link_list.get("linkListType") or "")
        if learn_type and not (item_type or type_desc):
            line = _line(link_list, "linkListType")
            type_desc, item_type = learn_type, LINK_LIST_TYPES.get(learn_type, "")
            if not item_type:
                known = ", ".join(sorted(LINK_LIST_TYPES))
                self.warn(
                    f"linkListType {learn_type!r} is not one of {known}: shown as a label "
                    "without an icon",
                    line,
                )
        if not (item_type or type_desc):
            return None
        known_label = TYPE_LABELS.get(type_desc)
        label = str(known_label) if known_label else type_desc.replace("-", " ").capitalize()
        para = nodes.paragraph(classes=["so-landing-linklist-type"])
        if item_type:
            para += self._icon(item_type, line)
        if label:
            # the known labels are in the extension's catalog; an author's own is a message
            text: nodes.Node = nodes.Text(label)
            if not known_label:
                text = self.message(
                    PassthroughTextElement(label, label), _line(link_list, "typeDesc")
                )
            para += nodes.inline(label, "", text, classes=["so-landing-type-label"])
        return para

    def _links(self, data: dict[str, Any], with_icons: bool) -> nodes.bullet_list:
        blist = nodes.bullet_list(classes=["so-landing-links"])
        for link in self.entries(data, "links", "links"):
            key = next((k for k in ("text", "title", "url") if link.get(k)), "text")
            text = str(link.get(key) or "")
            para = nodes.paragraph()
            if with_icons and link.get("itemType"):
                para += self._icon(str(link["itemType"]), _line(link, "itemType"))
            url = str(link.get("url") or "")
            para += self.link(url, text, _line(link, "url"), _line(link, key))
            item = nodes.list_item()
            item += para
            blist += item
        return blist

    # -- SubCategory -----------------------------------------------------------------

    def _subcategory_card(self, data: dict[str, Any]) -> nodes.Element:
        card, body = self._card(data)
        for link_list in self.entries(data, "linkLists", "link lists"):
            heading = self._type_heading(link_list)
            if heading is not None:
                body += heading
            body += self._links(link_list, with_icons=False)
        return card

    # -- Category --------------------------------------------------------------------

    def _category(self, section: nodes.Element, data: dict[str, Any]) -> None:
        highlighted = self.mapping(data, "highlightedContent")
        if highlighted is not None:
            cards = []
            for item in self.entries(highlighted, "items", "cards"):
                card, body = self._card(item, str(item.get("url") or ""))
                card["classes"] += ["sd-card-hover", "so-landing-highlight"]
                visual = self._item_visual(item)
                if visual is not None:
                    body.insert(0, visual)
                cards.append(card)
            if isinstance(highlighted.get("items"), list):
                section += self._grid(cards, cols=4)
        for key in ("conceptualContent", "tools"):
            block = self.mapping(data, key)
            if block is None:
                continue
            target = self._subsection(section, block, key)
            cards = []
            for item in self.entries(block, "items", "cards"):
                card, body = self._card(
                    item, "" if item.get("links") else str(item.get("url") or "")
                )
                if item.get("summary"):
                    body += self._summary(item, ["sd-card-text"])
                if item.get("links"):
                    body += self._links(item, with_icons=True)
                cards.append(card)
            target += self._grid(cards, cols=3)
        additional = self.mapping(data, "additionalContent")
        if additional is not None:
            for block in self.entries(additional, "sections", "sections"):
                target = self._subsection(section, block, "additionalContent")
                cards = []
                for item in self.entries(block, "items", "cards"):
                    card, body = self._card(item)
                    if item.get("summary"):
                        body += self._summary(item)
                    body += self._links(item, with_icons=False)
                    cards.append(card)
                target += self._grid(cards, cols=3)
            footer = str(additional.get("footer") or "")
            if footer.strip():
                para = nodes.paragraph(footer, footer, classes=["so-landing-footer"])
                section += self.message(para, _line(additional, "footer"))

    def _subsection(self, section: nodes.Element, block: dict[str, Any], key: str) -> nodes.Element:
        title = str(block.get("title") or "").strip()
        summary = str(block.get("summary") or "").strip()
        if not title:
            if summary:
                section += self.message(nodes.paragraph(summary, summary), _line(block, "summary"))
            return section
        sub = nodes.section(classes=[f"so-landing-{key.lower()}"])
        sub["ids"].append(nodes.make_id(title) or key.lower())
        sub["names"].append(nodes.fully_normalize_name(title))
        sub += self.message(nodes.title(title, title), _line(block, "title"))
        self.document.note_implicit_target(sub, sub)
        if summary:
            sub += self.message(nodes.paragraph(summary, summary), _line(block, "summary"))
        section += sub
        return sub

    def _item_visual(self, item: dict[str, Any]) -> nodes.Element | None:
        """A highlighted card's image or icon: a missing image gives the glyph its file
        name names (``calendar.png``), else nothing."""
        item_type = str(item.get("itemType") or "")
        line = item.line_of("itemType") if isinstance(item, YamlDict) else 0
        if str(item.get("isImage", "")).lower() == "true" and item_type:
            image = self._image(item_type, line)
            if image is not None:
                return image
            glyph = glyph_for_image(item_type)
            return self._icon(glyph) if glyph else None
        return self._icon(item_type, line) if item_type else None

    def _image(self, src: str, line: int) -> nodes.Element | None:
        """An image for a site-absolute (``/media/x.png``) or relative path, if it exists."""
        if "://" in src:
            return nodes.image(uri=src, alt="", classes=["so-landing-image"])
        root = project_root(self.env)
        docdir_abs = (Path(self.env.srcdir) / self.docdir).resolve()
        candidate = (root / src.lstrip("/")) if src.startswith("/") else (docdir_abs / src)
        refused = containment.outside_reason(os.path.normpath(candidate), root)
        real = containment.real_path(candidate)
        if refused or real is None or not containment.is_file(real):
            why = refused or "not found"
            self.warn(f"landing image {src!r} {why}" + ("; not shown" if refused else ""), line)
            return None
        uri = os.path.relpath(real, docdir_abs).replace(os.sep, "/")
        return nodes.image(uri=uri, alt="", classes=["so-landing-image"])

    # -- links -----------------------------------------------------------------------

    def link(self, url: str, text: str, line: int, text_line: int = 0) -> nodes.Element:
        """A link node for ``url`` as a Markdown link in this page would resolve it; its
        ``text`` (from ``text_line``) is a gettext message."""
        # the text is a message in a node that renders nothing, inside the link: it
        # keeps its line when myst's resolver rebuilds the link around it
        label = self.message(PassthroughTextElement(text, text), text_line)
        target = self.files.resolve(url, self.docdir)
        if target.url is not None:
            return nodes.reference("", "", label, refuri=target.url)
        if target.docname is not None:
            self.registry.note_link(self.docname, "docs", target.docname)
            if target.case_fixed:
                self.warn(f"link {url!r} matches {target.path!r} only case-insensitively", line)
            xref = addnodes.pending_xref(
                "",
                refdomain="doc",
                reftarget=target.docname,
                reftargetid=target.anchor or None,
                refdoc=self.docname,
                reftype="myst",
                refexplicit=True,
            )
            xref.source, xref.line = self.source, line or None
            xref += nodes.inline("", "", label, classes=["xref", "myst"])
            return xref
        if target.path is not None and not target.problem:
            download = addnodes.download_reference(
                "",
                refdomain=None,
                reftarget=posixpath.relpath(target.path, self.docdir or "."),
                refdoc=self.docname,
                reftype="myst",
                refexplicit=True,
            )
            download.source, download.line = self.source, line or None
            download += nodes.inline("", "", label, classes=["xref", "download", "myst"])
            return download
        self.registry.note_link(self.docname, "missing", target.path or url)
        self.warn(f"landing link {url!r} does not resolve ({target.problem}); shown as text", line)
        return nodes.inline("", "", label, classes=["so-dead-link"])
