"""The doctree of one API page, following DocFX's templates (``partials/class``, ``enum``,
``namespace`` of the default and modern templates).

- **type** (class, interface, struct, delegate): title ("Bool class"), namespace and
  parent links, summary, inheritance and implemented interfaces, the declaration
  highlighted in the item's language, type parameters, remarks, examples, then one H2
  section per member kind in DocFX's order (constructors, fields, properties, methods,
  events, operators), each member an H3 section whose id is DocFX's (:func:`.model.html_id`)
  holding a ``dfapi`` desc node: the declaration as its signature, summary, the
  parameters (as the modern template's list: name, linked type, description), a return
  line with linked type, remarks, examples, ``so.version``.
- **enum**: the same head, then its fields as a table (name, summary), each row with its id.
- **namespace**: its types by kind, each linked, with its summary (read from its page).

Every item is an object of the ``dfapi`` domain (index entry, search, ``objects.inv``)
and a uid of the ``superoffice`` domain (``<xref:uid>`` and friends resolve to its anchor).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from docutils import nodes
from sphinx import addnodes

from ..warnings_ import SoWarning
from .fragments import Fragments
from .model import MEMBER_KINDS, TYPE_KINDS, Item, MrefPage, Parameter

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: kind -> its title word and its section heading
KIND_TITLES = {
    "namespace": ("namespace", "Namespaces"),
    "class": ("class", "Classes"),
    "interface": ("interface", "Interfaces"),
    "struct": ("struct", "Structs"),
    "enum": ("enum", "Enums"),
    "delegate": ("delegate", "Delegates"),
    "constructor": ("constructor", "Constructors"),
    "field": ("field", "Fields"),
    "property": ("property", "Properties"),
    "method": ("method", "Methods"),
    "event": ("event", "Events"),
    "operator": ("operator", "Operators"),
}


_E = TypeVar("_E", bound=nodes.Element)

_ARRAY = re.compile(r"(.+?)((?:\[\])+)")
_MAX_DEPTH = 8

#: the heading of ``syntax.return`` by kind (DocFX: fieldValue, propertyValue, eventType)
_RETURNS = {"field": "Field value", "property": "Property value", "event": "Event type"}


class term(nodes.Part, nodes.TextElement):
    """The term of a parameter or of a namespace's type: docutils' ``term`` by name, not
    by class.

    Writers and visitors choose their method by a node's class name (``visit_term``),
    so every writer draws it as a term, and the HTML writer still finds a list of
    one-paragraph definitions compact (``<dl class="simple">``). What tests the class
    passes it by: on every :class:`docutils.nodes.term` Sphinx's ApplySourceWorkaround
    serialises the node to XML for a debug message, logged or not (1.5 ms on an API
    page of eleven parameters), and the rest concerns glossaries and labelled lists."""


def kind_word(kind: str) -> str:
    return KIND_TITLES.get(kind, (kind, kind.title()))[0]


def kind_heading(kind: str) -> str:
    return KIND_TITLES.get(kind, (kind, kind.title() + "s"))[1]


class PageBuilder:
    """Builds one page's doctree; ``note`` records each object (item, anchor) it places."""

    def __init__(
        self,
        document: nodes.document,
        page: MrefPage,
        note: Callable[[Item, str], None],
        note_uid: Callable[[str], None],
        types: Callable[[str], Item | None],
        note_external: Callable[[str], None],
    ) -> None:
        self.document = document
        self.env: BuildEnvironment = document.settings.env
        self.page = page
        self.note = note
        self.note_uid = note_uid
        self.types = types
        self.note_external = note_external
        self.lang = page.main.lang
        self.fragments = Fragments(document, self.lang or "none")
        #: uids of the page's own product are expected in this build (warn when missing)
        self.home = page.main.uid.split(".")[0] + "."
        #: the line of the item being rendered (warnings of its links point there)
        self.line = page.main.line
        #: the page's one index node (:meth:`index`)
        self.page_index = addnodes.index(entries=[])

    # -- small pieces

    def xref(self, uid: str, text: str, quiet: bool | None = None) -> nodes.Node:
        """A link to ``uid`` showing ``text``: resolved (to its anchor) after reading."""
        if not uid or uid.startswith("{") or uid.startswith("!:"):
            return nodes.Text(text)
        ref = self.page.references.get(uid)
        if quiet is None:
            # DocFX's ``isExternal: true`` (System.Object, or a type the metadata step did
            # not find): text when nothing knows it, counted in one summary warning
            quiet = ref.is_external if ref is not None else not uid.startswith(self.home)
            if quiet:
                self.note_external(uid)
        node = addnodes.pending_xref(
            "",
            refdomain="superoffice",
            reftype="uid",
            reftarget=uid,
            refdoc=self.env.docname,
            refexplicit=True,
            so_raw=uid,
        )
        if quiet:
            node["so_quiet"] = True
        else:
            # a uid of the page's own data that resolves nowhere: the YAML's error, reported
            # as such (superoffice.api), not as a cross-reference of the text (uid_missing)
            node["so_subtype"] = SoWarning.API.value
        node.source, node.line = self.document["source"], self.line
        # the text alone, no ``inline`` around it: the link shows it as it is (an API
        # page has a few dozen links, each node visited by every transform and writer)
        node += nodes.Text(text)
        self.note_uid(uid)
        return node

    def type_nodes(self, uid: str, depth: int = 0) -> list[nodes.Node]:
        """A type name with each part of a composite name linked (``String[]``, and
        ``String[][]`` whose parts are composite themselves)."""
        if not uid:
            return []
        ref = self.page.references.get(uid)
        array = _ARRAY.fullmatch(uid) if "[" in uid and (ref is None or not ref.spec) else None
        if array and depth < _MAX_DEPTH:
            # an array type without a spec (or a reference): its element type, the brackets
            return [*self.type_nodes(array.group(1), depth + 1), nodes.Text(array.group(2))]
        ref = ref or self.page.reference(uid)
        parts = ref.spec.get(self.lang) or next(iter(ref.spec.values()), None)
        if not parts or depth >= _MAX_DEPTH:
            return [self.xref(uid, ref.name)]
        out: list[nodes.Node] = []
        for part in parts:
            if not part.uid:
                out.append(nodes.Text(part.name))
            elif part.uid != uid and self._composite(part.uid, part.name):
                out.extend(self.type_nodes(part.uid, depth + 1))
            else:
                out.append(self.xref(part.uid, part.name))
        return out

    def _composite(self, uid: str, name: str) -> bool:
        """Whether a part (``String[]`` in ``String[][]``) is itself a composite name that
        spells the same text (``Dictionary`` of ``Dictionary<TKey, TValue>`` is not)."""
        ref = self.page.references.get(uid)
        parts = (ref.spec.get(self.lang) or next(iter(ref.spec.values()), None)) if ref else None
        return bool(parts) and "".join(p.name for p in parts or ()) == name

    def rubric(self, text: str) -> nodes.rubric:
        return self._located(nodes.rubric(text, text, classes=["so-api-rubric"]))

    def _located(self, node: _E) -> _E:
        """``node`` with its source and line: Sphinx's ApplySourceWorkaround otherwise
        patches each title and rubric, with a debug message that serialises the node to
        XML whether or not anything is logged."""
        node.source, node.line = self.document["source"], self.line
        return node

    def code(self, text: str, line: int) -> nodes.literal_block:
        block = nodes.literal_block(text, text, language=self.lang or "none")
        block.source, block.line = self.document["source"], line
        return block

    def section(self, title: str, ids: list[str], classes: list[str]) -> nodes.section:
        # (no ``names``: nothing registers an API section's name, its id is its target)
        section = nodes.section(ids=ids, classes=classes)
        self._note_ids(section)
        section += self._located(nodes.title(title, title))
        return section

    def index(self, item: Item, anchor: str) -> None:
        """The general index's entry for ``item``, in the page's one index node.

        One node for the page rather than one per member: an index node shows nothing
        in HTML (its entries point at the anchors), and a node per member was 3 % of an
        API page's nodes, each visited by every transform. (LaTeX places the entries at
        the page's start.)"""
        owner = item.owner
        label = f"{item.name} ({owner} {kind_word(item.type)})" if owner else item.name
        label = f"{item.name} ({kind_word(item.type)})" if item.type == "namespace" else label
        self.page_index["entries"].append(("single", label, anchor, "", None))

    # -- the page

    def build(self) -> None:
        try:
            self.build_page()
        finally:
            self.fragments.close()

    def _note_ids(self, node: nodes.Element) -> None:
        """Make ``node``'s ids known to the document (links to a page's #anchor check
        them), as it is made: parents before children, so the first in the page wins."""
        for node_id in node["ids"]:
            self.document.ids.setdefault(node_id, node)

    def build_page(self) -> None:
        main = self.page.main
        title = f"{main.name} {kind_word(main.type)}"
        top = self.section(title, [main.anchor], ["so-api", f"so-api-{main.type}"])
        self.document += top
        top.insert(1, self.page_index)
        self.index(main, main.anchor)
        self.note(main, main.anchor)
        if main.type in MEMBER_KINDS:
            # a member page (DocFX's class.memberpage: one member in its own file)
            self.context(top, main)
            top += self.description(main)
            return
        self.head(top, main)
        if main.type == "namespace":
            self.namespace(top)
        elif main.type == "enum":
            self.enum(top)
        else:
            for kind, members in self.page.members_by_kind():
                group = self.section(
                    kind_heading(kind), [nodes.make_id(kind_heading(kind))], ["so-api-group"]
                )
                for item in members:
                    group += self.member(item)
                top += group

    def head(self, top: nodes.section, main: Item) -> None:
        self.context(top, main)
        self.fragments.render(main.summary, main.lines.get("summary", main.line), top)
        self.type_head(top, main)

    def context(self, top: nodes.section, main: Item) -> None:
        """Where the page's item lives: its namespace and its parent type, linked."""
        context = nodes.paragraph(classes=["so-api-context"])
        namespace = main.namespace
        if not namespace and main.type in TYPE_KINDS:
            namespace = main.owner
        if namespace:
            context += nodes.strong("Namespace:", "Namespace:")
            context += nodes.Text(" ")
            context += self.xref(namespace, namespace, quiet=True)
        parent = main.parent if main.parent and main.parent != namespace else ""
        if main.type in MEMBER_KINDS and not parent and main.owner != namespace:
            parent = main.owner
        if parent:
            context += nodes.Text(" · ")
            context += nodes.strong("Parent:", "Parent:")
            context += nodes.Text(" ")
            context += self.xref(parent, self.page.reference(parent).full_name)
        if context.children:
            top += context

    def type_head(self, top: nodes.section, main: Item) -> None:
        """Inheritance, interfaces, declaration, type parameters, notes, inherited members."""
        if main.inheritance:
            para = nodes.paragraph(classes=["so-api-inheritance"])
            para += nodes.strong("Inheritance:", "Inheritance:")
            for uid in main.inheritance:
                para += nodes.Text(" ")
                para.extend(self.type_nodes(uid))
                para += nodes.Text(" →")
            para += nodes.Text(" ")
            para += nodes.literal(main.name, main.name)
            top += para
        if main.implements:
            para = nodes.paragraph(classes=["so-api-implements"])
            para += nodes.strong("Implements:", "Implements:")
            for n, uid in enumerate(main.implements):
                para += nodes.Text(", " if n else " ")
                para.extend(self.type_nodes(uid))
            top += para
        if main.syntax and main.syntax.declaration(self.lang) and main.type != "namespace":
            top += self.rubric("Syntax")
            top += self.code(main.syntax.declaration(self.lang), main.lines.get("syntax", 0))
            if main.syntax.type_parameters:
                top += self.rubric("Type parameters")
                top += self.parameters(main.syntax.type_parameters, typed=False)
        self.notes(top, main)
        if main.inherited_members:
            top += self.rubric("Inherited members")
            items = nodes.bullet_list(classes=["so-api-inherited"])
            for uid in main.inherited_members:
                ref = self.page.reference(uid)
                items += nodes.list_item(
                    "", nodes.paragraph("", "", self.xref(uid, ref.name_with_type))
                )
            top += items

    def notes(self, into: nodes.Element, item: Item) -> None:
        """Remarks, examples and the version of an item."""
        remarks = nodes.container()
        if item.remarks.strip():
            self.fragments.render(item.remarks, item.lines.get("remarks", item.line), remarks)
        if remarks.children and remarks.astext().strip():  # not for ``<xref href=''/>``
            into += self.rubric("Remarks")
            into.extend(remarks.children)
        examples = [e for e in item.examples if e.strip()]
        if examples:
            into += self.rubric("Examples" if len(examples) > 1 else "Example")
            for example in examples:
                self.fragments.render(example, item.lines.get("example", item.line), into)
        if item.version:
            # one line of text (no bold label): most members of the CRMScript reference
            # have a version, and a label would be two nodes more on each
            text = "Version: " + item.version
            into += nodes.paragraph(text, text, classes=["so-api-version"])

    def parameters(self, rows: list[Parameter], typed: bool) -> nodes.definition_list:
        """Parameters (or type parameters) as DocFX's modern template lists them
        (``<dl class="parameters">``): the name and its linked type, then the description.

        A list, not the default template's table: a table's header row, column specs and
        one paragraph per cell made half of an API page's nodes, each visited by every
        transform. The term is the name and the type as text and a link (the theme sets
        it in the code font), not the name in a ``literal`` and a space apart: two nodes
        fewer a parameter."""
        listing = nodes.definition_list(classes=["so-api-parameters"])
        for param in rows:
            if typed and param.type:
                name = self._located(term("", "", nodes.Text(param.id + " ")))
                name.extend(self.type_nodes(param.type))
            else:
                name = self._located(term("", "", nodes.Text(param.id)))
            description = nodes.definition()
            self.fragments.render(param.description, param.line, description)
            listing += nodes.definition_list_item("", name, description)
        return listing

    # -- a member

    def signature(self, item: Item) -> addnodes.desc_signature:
        """The member's declaration in its language (DocFX's "Declaration"), else its name;
        the types are linked in the parameter and return lines below."""
        sig = addnodes.desc_signature("", "", classes=["so-api-signature"])
        declaration = item.syntax.declaration(self.lang) if item.syntax is not None else ""
        text = " ".join(declaration.split()) or item.name
        # the declaration as the signature's own text: a ``desc_name`` around it would
        # add a node per member and say nothing more (the whole line is the declaration)
        sig += nodes.Text(text)
        return sig

    def member(self, item: Item) -> nodes.section:
        self.line = item.line
        section = self.section(item.name, [item.anchor], ["so-api-member"])
        self.index(item, item.anchor)
        self.note(item, item.anchor)
        section += self.description(item)
        return section

    def description(self, item: Item) -> addnodes.desc:
        """A member's desc node: signature, summary, declaration, tables, notes."""
        desc = addnodes.desc(
            domain="dfapi", objtype=item.type, desctype=item.type, no_index=True, noindex=True
        )
        desc += self.signature(item)
        content = addnodes.desc_content()
        desc += content
        self.fragments.render(item.summary, item.lines.get("summary", item.line), content)
        syntax = item.syntax
        if syntax is not None:
            if syntax.parameters:
                content += self.rubric("Parameters")
                content += self.parameters(syntax.parameters, typed=True)
            if syntax.type_parameters:
                content += self.rubric("Type parameters")
                content += self.parameters(syntax.type_parameters, typed=False)
            if syntax.returns is not None and syntax.returns.type:
                content.extend(self.returns(item, syntax.returns))
        self.notes(content, item)
        return desc

    def returns(self, item: Item, value: Parameter) -> list[nodes.Node]:
        """``Returns: <type> – description`` (a field's, property's value, an event's
        type); a description of several blocks follows the line. The label is text, as
        the version's: nearly every member has the line, and a bold label was two nodes
        more on each."""
        label = _RETURNS.get(item.type, "Returns") + ": "
        para = nodes.paragraph(classes=["so-api-returns"])
        para += nodes.Text(label)
        para.extend(self.type_nodes(value.type))
        described = self.fragments.inline(value.description, value.line)
        if len(described) == 1 and isinstance(described[0], nodes.Text):
            para += nodes.Text(" – " + described[0])  # one Text node, not two
            return [para]
        if described and all(isinstance(n, nodes.Text | nodes.Inline) for n in described):
            para += nodes.Text(" – ")
            para.extend(described)
            return [para]
        return [para, *described]

    # -- enum and namespace

    def enum(self, top: nodes.section) -> None:
        fields = self.page.members
        if not fields:
            return
        group = self.section("Fields", ["fields"], ["so-api-group"])
        table = nodes.table(classes=["so-api-table", "so-api-enum"])
        tgroup = nodes.tgroup(cols=2)
        tgroup += nodes.colspec(colwidth=1)
        tgroup += nodes.colspec(colwidth=3)
        tgroup += nodes.thead(
            "",
            nodes.row(
                "",
                nodes.entry("", nodes.paragraph("Name", "Name")),
                nodes.entry("", nodes.paragraph("Description", "Description")),
            ),
        )
        body = nodes.tbody()
        for item in fields:
            self.note(item, item.anchor)
            self.index(item, item.anchor)
            name = nodes.entry("", nodes.paragraph("", "", nodes.literal(item.name, item.name)))
            description = nodes.entry()
            self.fragments.render(item.summary, item.lines.get("summary", item.line), description)
            self.notes(description, item)
            row = nodes.row("", name, description, ids=[item.anchor])
            self._note_ids(row)
            body += row
        tgroup += body
        table += tgroup
        group += table
        top += group

    def namespace(self, top: nodes.section) -> None:
        kinds: dict[str, str] = {}
        summaries: dict[str, Item] = {}
        for uid in self.page.main.children:
            found = self.types(uid)
            if found is not None:
                kinds[uid] = found.type
                summaries[uid] = found
        for kind, refs in self.page.children_by_kind(kinds):
            group = self.section(
                kind_heading(kind), [nodes.make_id(kind_heading(kind))], ["so-api-group"]
            )
            items = nodes.definition_list(classes=["so-api-types"])
            for ref in refs:
                name = self._located(term("", "", self.xref(ref.uid, ref.name)))
                definition = nodes.definition()
                child = summaries.get(ref.uid)
                if child is not None:
                    self.fragments.render(child.summary, 0, definition)
                items += nodes.definition_list_item("", name, definition)
            group += items
            top += group
