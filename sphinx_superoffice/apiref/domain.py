"""The ``dfapi`` domain: every item of the API pages as a Sphinx object.

Its objects feed the general index (each page also carries ``index`` nodes), the search
index (with the object type: "CRMScript.Global.Bool (DocFX API class)") and
``objects.inv`` (``dfapi:method CRMScript.Global.Bool.toInteger()``), so other Sphinx
projects link to them through intersphinx; in this project's own pages the roles
``{dfapi:ref}`` (and one per object type) link to them by uid. Kept per page, with
``clear_doc`` and ``merge_domaindata``.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .model import OBJECT_TYPES

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx import addnodes
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: (uid, display name, object type, anchor)
ApiObject = tuple[str, str, str, str]


class ApiDomain(Domain):
    """The items of DocFX ManagedReference pages."""

    name = "dfapi"
    label = "DocFX API"
    object_types: ClassVar[dict[str, ObjType]] = {
        kind: ObjType(kind, kind, "ref") for kind in OBJECT_TYPES
    }
    roles: ClassVar[dict[str, Any]] = {
        "ref": XRefRole(),
        **{kind: XRefRole() for kind in OBJECT_TYPES},
    }
    initial_data: ClassVar[dict[str, Any]] = {"objects": {}, "external": {}}
    data_version = 2

    @property
    def objects(self) -> dict[str, list[ApiObject]]:
        """docname -> its objects, in page order."""
        objects: dict[str, list[ApiObject]] = self.data["objects"]
        return objects

    @property
    def external(self) -> dict[str, list[str]]:
        """docname -> the type uids its page names that DocFX marks external."""
        external: dict[str, list[str]] = self.data["external"]
        return external

    def note_objects(self, docname: str, objects: list[ApiObject], external: list[str]) -> None:
        self.objects[docname] = objects
        self.external[docname] = external

    def clear_doc(self, docname: str) -> None:
        self.objects.pop(docname, None)
        self.external.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("objects", "external"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for docname in sorted(self.objects):
            for uid, dispname, objtype, anchor in self.objects[docname]:
                yield uid, dispname, objtype, docname, anchor, 1

    def find(self, uid: str) -> tuple[str, ApiObject] | None:
        for docname in sorted(self.objects):
            for obj in self.objects[docname]:
                if obj[0] == uid:
                    return docname, obj
        return None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        found = self.find(target)
        if found is None or (typ != "ref" and found[1][2] != typ):
            return None
        docname, (_uid, dispname, _, anchor) = found
        return make_refnode(builder, fromdocname, docname, anchor, contnode, dispname)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = self.find(target)
        if found is None:
            return []
        ref = self.resolve_xref(env, fromdocname, builder, "ref", target, node, contnode)
        return [(f"dfapi:{found[1][2]}", ref)] if ref is not None else []
