"""DocFX ManagedReference YAML as plain data (pure: no Sphinx, no file system).

A ManagedReference file (``### YamlMime:ManagedReference``) describes one API page: its
``items`` (the type or namespace first, then its members) and the ``references`` they
use (types of parameters and returns, parents, inherited members), each with its
``name``, ``fullName`` and ``nameWithType``, and, for composite names such as
``String[]`` or ``Dictionary<String, Int32>``, a ``spec.<lang>`` list of parts.

:func:`parse_page` turns the mapping read by :func:`..yamlread.load_yaml` (every scalar
a string, with line numbers) into a :class:`MrefPage`; :func:`html_id` is DocFX's
anchor of a uid. What DocFX's templates use is modelled; other keys stay in ``extra``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..yamlread import MREF_MIME

__all__ = ["MREF_MIME", "Item", "MrefError", "MrefPage", "Reference", "html_id", "parse_page"]

#: Page kinds: the type of the first item.
TYPE_KINDS = ("class", "interface", "struct", "enum", "delegate")
#: Member kinds, in DocFX's order of sections on a type page
#: (``templates/common/ManagedReference.common.js``: classItems).
MEMBER_KINDS = ("constructor", "field", "property", "method", "event", "operator")
#: Every object type, as the ``dfapi`` domain names them.
OBJECT_TYPES = ("namespace", *TYPE_KINDS, *MEMBER_KINDS)
#: DocFX's section of a namespace page for each kind of type (its order).
NAMESPACE_KINDS = ("namespace", "class", "struct", "interface", "enum", "delegate")

_NON_WORD = re.compile(r"\W", re.ASCII)


def html_id(uid: str) -> str:
    """DocFX's HTML id of a uid: every non-word character becomes ``_``
    (``getHtmlId`` in DocFX's ``common.js``), so old deep links keep working."""
    return _NON_WORD.sub("_", uid)


def is_toc(data: Any) -> bool:
    """Whether a ManagedReference-headed mapping is really a toc (items without uids)."""
    if not isinstance(data, Mapping):
        return isinstance(data, list)
    items = data.get("items")
    if not isinstance(items, list) or not items:
        return False
    return not any(isinstance(item, Mapping) and item.get("uid") for item in items)


@dataclass
class SpecPart:
    """One part of a composite type name: a linked uid, or text such as ``[]``."""

    name: str
    uid: str = ""
    full_name: str = ""
    name_with_type: str = ""


@dataclass
class Reference:
    """An entry of ``references``: what a uid is called, and how to show composite names."""

    uid: str
    name: str
    full_name: str
    name_with_type: str
    comment_id: str = ""
    href: str = ""
    parent: str = ""
    definition: str = ""
    is_external: bool = False
    #: language -> parts (``spec.csharp``, ``spec.crmscript``...)
    spec: dict[str, list[SpecPart]] = field(default_factory=dict)


@dataclass
class Parameter:
    """A parameter, type parameter or return value of ``syntax``."""

    id: str
    type: str
    description: str
    line: int = 0


@dataclass
class Syntax:
    #: language ("" for the default ``content``) -> declaration
    content: dict[str, str] = field(default_factory=dict)
    parameters: list[Parameter] = field(default_factory=list)
    type_parameters: list[Parameter] = field(default_factory=list)
    returns: Parameter | None = None

    def declaration(self, lang: str) -> str:
        """The declaration in ``lang`` (``content.<lang>``), else the default one."""
        return self.content.get(lang) or self.content.get("", "")


@dataclass
class Item:
    """One documented API object: a namespace, a type or a member."""

    uid: str
    type: str  # lower case: class, method...
    name: str
    full_name: str
    name_with_type: str
    comment_id: str = ""
    parent: str = ""
    namespace: str = ""
    children: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    summary: str = ""
    remarks: str = ""
    examples: list[str] = field(default_factory=list)
    syntax: Syntax | None = None
    inheritance: list[str] = field(default_factory=list)
    implements: list[str] = field(default_factory=list)
    inherited_members: list[str] = field(default_factory=list)
    version: str = ""
    #: 1-based lines in the file: of the item, and of its Markdown fields
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict)
    #: other string-valued keys (``so.intellisense``...)
    extra: dict[str, str] = field(default_factory=dict)

    @cached_property
    def anchor(self) -> str:
        return html_id(self.uid)

    @property
    def lang(self) -> str:
        return self.langs[0] if self.langs else ""

    @property
    def owner(self) -> str:
        """The full name of what holds the item (``CRMScript.Global.Bool`` for a method
        ``CRMScript.Global.Bool.toString()``): dots inside the parameters do not count."""
        return self.full_name.split("(", 1)[0].rpartition(".")[0]

    @property
    def display_name(self) -> str:
        """``owner.name``: the full name with short parameter types, split at its last dot
        by the search index into the owner and the member."""
        return f"{self.owner}.{self.name}" if self.owner else self.name

    def names(self) -> dict[str, str]:
        """The display properties DocFX's ``displayProperty`` may name."""
        return {"name": self.name, "fullName": self.full_name, "nameWithType": self.name_with_type}


@dataclass
class MrefPage:
    """One ManagedReference file: its main item (the page), its members, its references."""

    items: list[Item]
    references: dict[str, Reference]
    #: page-level string keys other than items/references (metadata)
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def main(self) -> Item:
        return self.items[0]

    @property
    def members(self) -> list[Item]:
        return self.items[1:]

    def members_by_kind(self) -> list[tuple[str, list[Item]]]:
        """(kind, members) in DocFX's order; kinds DocFX has no section for come last."""
        groups: dict[str, list[Item]] = {}
        for item in self.members:
            groups.setdefault(item.type, []).append(item)
        order = [k for k in MEMBER_KINDS if k in groups]
        order += sorted(k for k in groups if k not in MEMBER_KINDS)
        return [(kind, groups[kind]) for kind in order]

    def children_by_kind(self, kinds: Mapping[str, str]) -> list[tuple[str, list[Reference]]]:
        """A namespace page: its children grouped by kind, in DocFX's order. ``kinds``
        (uid -> type, from the children's own pages) decides; else ``N:`` is a namespace
        and any other a class."""
        groups: dict[str, list[Reference]] = {}
        for uid in self.main.children:
            ref = self.reference(uid)
            kind = kinds.get(uid) or ("namespace" if ref.comment_id.startswith("N:") else "class")
            groups.setdefault(kind if kind in NAMESPACE_KINDS else "class", []).append(ref)
        return [(k, groups[k]) for k in NAMESPACE_KINDS if k in groups]

    def reference(self, uid: str) -> Reference:
        """The reference of ``uid``; an item of the page, or a bare one named by its uid."""
        ref = self.references.get(uid)
        if ref is not None:
            return ref
        for item in self.items:
            if item.uid == uid:
                return Reference(
                    uid, item.name, item.full_name, item.name_with_type, item.comment_id
                )
        return Reference(uid, uid, uid, uid)


class MrefError(ValueError):
    """The data is no ManagedReference page; ``line`` is where (1-based, 0 if unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v]
    return []


def _line(data: Any, key: str | None = None) -> int:
    if key is not None and hasattr(data, "line_of"):
        return int(data.line_of(key))
    return int(getattr(data, "line", 0))


def _parameter(data: Any) -> Parameter | None:
    if not isinstance(data, Mapping):
        return None
    return Parameter(
        _text(data.get("id")),
        _text(data.get("type")),
        _text(data.get("description")),
        _line(data, "description"),
    )


def _syntax(data: Any) -> Syntax | None:
    if not isinstance(data, Mapping):
        return None
    syntax = Syntax()
    for key, value in data.items():
        if key == "content" or key.startswith("content."):
            text = value if isinstance(value, str) else "\n".join(_strings(value))
            syntax.content[key[len("content.") :] if "." in key else ""] = text
    for key, target in (
        ("parameters", syntax.parameters),
        ("typeParameters", syntax.type_parameters),
    ):
        raw = data.get(key)
        if isinstance(raw, list):
            target.extend(p for p in map(_parameter, raw) if p is not None)
    syntax.returns = _parameter(data.get("return"))
    return syntax


_ITEM_KEYS = {
    "uid", "type", "name", "fullName", "nameWithType", "commentId", "parent", "namespace",
    "children", "langs", "summary", "remarks", "example", "syntax", "inheritance",
    "implements", "inheritedMembers", "so.version",
}  # fmt: skip


def parse_item(data: Any) -> Item:
    """One entry of ``items``; :class:`MrefError` without a uid."""
    if not isinstance(data, Mapping):
        raise MrefError("an item must be a mapping", _line(data))
    uid = _text(data.get("uid")).strip()
    if not uid:
        raise MrefError("an item has no uid", _line(data))
    name = _text(data.get("name")) or uid
    item = Item(
        uid=uid,
        type=(_text(data.get("type")) or "class").strip().lower(),
        name=name,
        full_name=_text(data.get("fullName")) or name,
        name_with_type=_text(data.get("nameWithType")) or name,
        comment_id=_text(data.get("commentId")),
        parent=_text(data.get("parent")),
        namespace=_text(data.get("namespace")),
        children=_strings(data.get("children")),
        langs=_strings(data.get("langs")),
        summary=_text(data.get("summary")),
        remarks=_text(data.get("remarks")),
        examples=_strings(data.get("example")),
        syntax=_syntax(data.get("syntax")),
        inheritance=_strings(data.get("inheritance")),
        implements=_strings(data.get("implements")),
        inherited_members=_strings(data.get("inheritedMembers")),
        version=_text(data.get("so.version")),
        line=_line(data),
        lines={k: _line(data, k) for k in ("summary", "remarks", "example", "syntax")},
        extra={k: v for k, v in data.items() if k not in _ITEM_KEYS and isinstance(v, str)},
    )
    return item


def parse_reference(data: Any) -> Reference | None:
    """One entry of ``references`` (None when it has no uid)."""
    if not isinstance(data, Mapping):
        return None
    uid = _text(data.get("uid")).strip()
    if not uid:
        return None
    name = _text(data.get("name")) or uid
    ref = Reference(
        uid=uid,
        name=name,
        full_name=_text(data.get("fullName")) or name,
        name_with_type=_text(data.get("nameWithType")) or name,
        comment_id=_text(data.get("commentId")),
        href=_text(data.get("href")),
        parent=_text(data.get("parent")),
        definition=_text(data.get("definition")),
        is_external=_text(data.get("isExternal")).lower() == "true",
    )
    for key, value in data.items():
        if key.startswith("spec.") and isinstance(value, list):
            parts = []
            for part in value:
                if isinstance(part, Mapping):
                    parts.append(
                        SpecPart(
                            name=_text(part.get("name")),
                            uid=_text(part.get("uid")),
                            full_name=_text(part.get("fullName")),
                            name_with_type=_text(part.get("nameWithType")),
                        )
                    )
            ref.spec[key[len("spec.") :]] = parts
    return ref


def parse_page(data: Any) -> MrefPage:
    """The page of a ManagedReference mapping; :class:`MrefError` when it has no item."""
    if not isinstance(data, Mapping):
        raise MrefError("a ManagedReference page must be a YAML mapping", _line(data))
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise MrefError("a ManagedReference page needs a list of 'items'", _line(data, "items"))
    items = [parse_item(entry) for entry in raw_items]
    references: dict[str, Reference] = {}
    raw_refs = data.get("references")
    for entry in raw_refs if isinstance(raw_refs, list) else []:
        ref = parse_reference(entry)
        if ref is not None:
            references.setdefault(ref.uid, ref)
    metadata = {
        k: v for k, v in data.items() if k not in ("items", "references") and isinstance(v, str)
    }
    return MrefPage(items, references, metadata)
