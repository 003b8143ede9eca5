"""YAML landing pages (``### YamlMime:SubCategory`` / ``Category``) as real pages.

The ``.yml`` source parser of the build: a ``### YamlMime:ManagedReference`` file goes to
:mod:`.apiref` (API reference pages), a translated message (a msgstr re-parsed by
Sphinx's ``Locale`` transform) to the Markdown parser.

``.yml`` is a source suffix handled by :class:`LandingParser`, which builds the doctree
from sphinx-design components: a grid of cards, each with link lists whose ``itemType``
becomes an icon (``<span class="so-icon so-icon-<itemType>" aria-hidden="true">``, drawn by
``superoffice-dfm.css``: :mod:`.landing_icons`).
Links resolve like Markdown links: a local page becomes the same ``pending_xref`` that
myst-parser makes for ``[text](page.md#anchor)``, so one resolver handles both.

Only landing pages become documents: at ``config-inited`` every ``.yml`` file is
classified by its first line; ``toc.yml`` and every other YAML file are added to
``exclude_patterns``. An unknown ``YamlMime`` gets one warning per type and is skipped.
"""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.parsers import Parser
from sphinx.util.matching import Matcher
from sphinx_design.shared import PassthroughTextElement, create_component

from . import containment
from .apiref import parse_api_page
from .config import project_root
from .i18n import _
from .landing_icons import glyph_for_image, has_glyph, icon_class, note_unknown_icon, unknown_icons
from .parser import DocfxParser
from .sitemodel import app_site_index, site_files
from .translation import is_translated
from .warnings_ import SoWarning, warn
from .yamlread import LANDING_MIMES, MREF_MIME, YamlDict, YamlRefused, load_yaml, yaml_mime

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


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


def setup_landing(app: Sphinx) -> None:
    app.add_source_suffix(".yml", "superoffice-landing")
    app.add_source_parser(LandingParser)
    app.connect("config-inited", _exclude_non_landing_yaml, priority=850)
    app.connect("env-check-consistency", _warn_unknown_icons)


def _exclude_non_landing_yaml(app: Sphinx, config: Config) -> None:
    """Keep every .yml that is not a landing page out of the page set."""
    index = app_site_index(app)
    patterns = list(config.exclude_patterns)
    excluded = Matcher(patterns)
    per_dir: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    unknown: dict[str, list[str]] = defaultdict(list)
    for rel in index.yaml_files():
        if posixpath.basename(rel).lower() in ("toc.yml",) or excluded(rel):
            continue
        mime = index.yaml_mime(rel)
        is_page = mime in LANDING_MIMES or mime == MREF_MIME
        if mime and not is_page and mime not in NON_PAGE_MIMES:
            unknown[mime].append(rel)
        per_dir[posixpath.dirname(rel)].append((rel, is_page))
    new = ["**/toc.yml", "toc.yml"]
    for folder, entries in sorted(per_dir.items()):
        skipped = [rel for rel, is_page in entries if not is_page]
        if skipped and len(skipped) == len(entries) and len(skipped) > 3:
            new.append(posixpath.join(folder, "*.yml") if folder else "*.yml")
        else:
            new.extend(skipped)
    for mime, rels in sorted(unknown.items()):
        more = f" and {len(rels) - 1} more" if len(rels) > 1 else ""
        warn(
            f"unknown YamlMime {mime!r} in {rels[0]}{more}: skipped (not a page)",
            SoWarning.LANDING,
            f"{index.srcdir / rels[0]}:1",
        )
    config.exclude_patterns = patterns + [p for p in new if p not in patterns]


def _warn_unknown_icons(app: Sphinx, env: BuildEnvironment) -> None:
    """One warning per icon name without a glyph (hidden on the page), at its first use;
    in the main process, so ``-j N`` warns once too."""
    for name, (docname, line, uses) in sorted(unknown_icons(env.metadata).items()):
        more = f" ({uses} uses)" if uses > 1 else ""
        warn(
            f"landing icon {name!r} has no glyph: hidden{more}",
            SoWarning.LANDING,
            (docname, line or None),
        )


class _LinkRegistry(Protocol):
    """What this module uses of the ``superoffice`` domain (the link registry)."""

    def note_link(self, docname: str, kind: str, target: str) -> None: ...


class LandingParser(Parser):
    """Parse a ``YamlMime:SubCategory`` / ``Category`` landing page into a doctree."""

    supported = ("superoffice-landing",)

    def parse(self, inputstring: str, document: nodes.document) -> None:
        if is_translated(document["source"]):
            # a msgstr of the page's text, re-parsed by Sphinx's Locale transform: Markdown
            DocfxParser().parse(inputstring, document)
            return
        self.setup_parse(inputstring, document)
        if yaml_mime(inputstring) == MREF_MIME:
            parse_api_page(inputstring, document)  # an API reference page (apiref/)
        else:
            builder = _LandingBuilder(document)
            builder.build(inputstring)
        self.finish_parse()


class _LandingBuilder:
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
        section = nodes.section(classes=["so-landing", f"so-landing-{mime.lower()}"])
        section["ids"].append(nodes.make_id(title) or "landing")
        section["names"].append(nodes.fully_normalize_name(title))
        section += nodes.title(title, title)
        self.document += section
        self.document.note_implicit_target(section, section)
        summary = str(data.get("summary") or "")
        if summary:
            section += nodes.paragraph(summary, summary, classes=["so-landing-summary"])
        if mime == "SubCategory":
            cards = data.get("landingContent") or []
            if isinstance(cards, list) and cards:
                section += self._grid([self._subcategory_card(c) for c in cards], cols=3)
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
            line = data.line_of("metadata") if isinstance(data, YamlDict) else 0
            self.warn(f"'metadata' is {kind}, not a mapping; ignored", line)
        for key in ("language", "brand"):
            if isinstance(data.get(key), str):
                meta.setdefault(key, data[key])
        description = meta.get("description")
        if isinstance(description, str) and description:
            self.document += nodes.meta(name="description", content=description)

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

    def _card(
        self, title: str, link: str = "", line: int = 0
    ) -> tuple[nodes.Element, nodes.Element]:
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
        if title:
            title_node = create_component("card-title", ["sd-card-title", "sd-font-weight-bold"])
            text = PassthroughTextElement()
            if link:
                text += self.link(link, [nodes.Text(title)], line)
            else:
                text += nodes.Text(title)
            title_node += text
            body += title_node
        return card, body

    def _icon(self, item_type: str, line: int = 0) -> nodes.raw:
        """The icon of an ``itemType``: a decorative span (HTML only) that the CSS draws;
        a name without a glyph is noted (one warning per name) and stays invisible."""
        name = icon_class(item_type)
        if not has_glyph(name):
            note_unknown_icon(self.env.metadata[self.docname], name, line)
        html = f'<span class="so-icon so-icon-{name}" aria-hidden="true"></span>'
        return nodes.raw("", html, format="html")

    def _type_heading(self, item_type: str, type_desc: str, line: int = 0) -> nodes.paragraph:
        known = TYPE_LABELS.get(type_desc)
        label = str(known) if known else type_desc.replace("-", " ").capitalize()
        para = nodes.paragraph(classes=["so-landing-linklist-type"])
        if item_type:
            para += self._icon(item_type, line)
        if label:
            para += nodes.inline(label, label, classes=["so-landing-type-label"])
        return para

    def _links(self, links: Any, with_icons: bool) -> nodes.bullet_list:
        blist = nodes.bullet_list(classes=["so-landing-links"])
        for link in links if isinstance(links, list) else []:
            if not isinstance(link, dict):
                continue
            text = str(link.get("text") or link.get("title") or link.get("url") or "")
            line = link.line_of("url") if isinstance(link, YamlDict) else 0
            para = nodes.paragraph()
            if with_icons and link.get("itemType"):
                icon_line = link.line_of("itemType") if isinstance(link, YamlDict) else 0
                para += self._icon(str(link["itemType"]), icon_line)
            para += self.link(str(link.get("url") or ""), [nodes.Text(text)], line)
            item = nodes.list_item()
            item += para
            blist += item
        return blist

    # -- SubCategory -----------------------------------------------------------------

    def _subcategory_card(self, data: Any) -> nodes.Element:
        if not isinstance(data, dict):
            card, _ = self._card("")
            return card
        card, body = self._card(str(data.get("title") or ""))
        for link_list in data.get("linkLists") or []:
            if not isinstance(link_list, dict):
                continue
            body += self._type_heading(
                str(link_list.get("itemType") or ""),
                str(link_list.get("typeDesc") or ""),
                link_list.line_of("itemType") if isinstance(link_list, YamlDict) else 0,
            )
            body += self._links(link_list.get("links"), with_icons=False)
        return card

    # -- Category --------------------------------------------------------------------

    def _category(self, section: nodes.Element, data: dict[str, Any]) -> None:
        highlighted = data.get("highlightedContent")
        if isinstance(highlighted, dict) and isinstance(highlighted.get("items"), list):
            cards = []
            for item in highlighted["items"]:
                if not isinstance(item, dict):
                    continue
                card, body = self._card(
                    str(item.get("title") or ""),
                    str(item.get("url") or ""),
                    item.line_of("url") if isinstance(item, YamlDict) else 0,
                )
                card["classes"] += ["sd-card-hover", "so-landing-highlight"]
                visual = self._item_visual(item)
                if visual is not None:
                    body.insert(0, visual)
                cards.append(card)
            section += self._grid(cards, cols=4)
        for key in ("conceptualContent", "tools"):
            block = data.get(key)
            if not isinstance(block, dict):
                continue
            target = self._subsection(section, block, key)
            cards = []
            for item in block.get("items") or []:
                if not isinstance(item, dict):
                    continue
                card, body = self._card(
                    str(item.get("title") or ""),
                    "" if item.get("links") else str(item.get("url") or ""),
                    item.line_of("url") if isinstance(item, YamlDict) else 0,
                )
                if item.get("summary"):
                    body += nodes.paragraph(
                        str(item["summary"]), str(item["summary"]), classes=["sd-card-text"]
                    )
                if item.get("links"):
                    body += self._links(item["links"], with_icons=True)
                cards.append(card)
            target += self._grid(cards, cols=3)
        additional = data.get("additionalContent")
        if isinstance(additional, dict):
            for block in additional.get("sections") or []:
                if not isinstance(block, dict):
                    continue
                target = self._subsection(section, block, "additionalContent")
                cards = []
                for item in block.get("items") or []:
                    if not isinstance(item, dict):
                        continue
                    card, body = self._card(str(item.get("title") or ""))
                    if item.get("summary"):
                        body += nodes.paragraph(str(item["summary"]), str(item["summary"]))
                    body += self._links(item.get("links"), with_icons=False)
                    cards.append(card)
                target += self._grid(cards, cols=3)
            footer = str(additional.get("footer") or "")
            if footer.strip():
                section += nodes.paragraph(footer, footer, classes=["so-landing-footer"])

    def _subsection(self, section: nodes.Element, block: dict[str, Any], key: str) -> nodes.Element:
        title = str(block.get("title") or "").strip()
        summary = str(block.get("summary") or "").strip()
        if not title:
            if summary:
                section += nodes.paragraph(summary, summary)
            return section
        sub = nodes.section(classes=[f"so-landing-{key.lower()}"])
        sub["ids"].append(nodes.make_id(title) or key.lower())
        sub["names"].append(nodes.fully_normalize_name(title))
        sub += nodes.title(title, title)
        self.document.note_implicit_target(sub, sub)
        if summary:
            sub += nodes.paragraph(summary, summary)
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

    def link(self, url: str, children: list[nodes.Node], line: int) -> nodes.Element:
        """A link node for ``url`` as a Markdown link in this page would resolve it."""
        target = self.files.resolve(url, self.docdir)
        if target.url is not None:
            ref = nodes.reference("", "", *children, refuri=target.url)
            return ref
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
            xref += nodes.inline("", "", *children, classes=["xref", "myst"])
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
            download += nodes.inline("", "", *children, classes=["xref", "download", "myst"])
            return download
        self.registry.note_link(self.docname, "missing", target.path or url)
        self.warn(f"landing link {url!r} does not resolve ({target.problem}); shown as text", line)
        return nodes.inline("", "", *children, classes=["so-dead-link"])
