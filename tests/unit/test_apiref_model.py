"""The ManagedReference model and reader, without Sphinx: DocFX's CatLibrary sample and
the shapes of the CRMScript reference (Norway-safe values, composite types, tocs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_superoffice.apiref.model import MrefError, html_id, is_toc, parse_page
from sphinx_superoffice.apiref.reader import clean_text, first_item, read_page
from sphinx_superoffice.yamlread import first_uid, load_yaml

ROOT = Path(__file__).parents[1] / "roots" / "test-apiref" / "api"
CAT = "CatLibrary.Cat`2"

CRMSCRIPT = """\
### YamlMime:ManagedReference
items:
- uid: CRMScript.Global.String
  commentId: T:CRMScript.Global.String
  langs:
  - crmscript
  children:
  - CRMScript.Global.String.split(String)
  name: String
  nameWithType: String
  fullName: CRMScript.Global.String
  type: Class
  summary: "\\nRepresents text.\\n"
- uid: CRMScript.Global.String.split(String)
  parent: CRMScript.Global.String
  langs:
  - crmscript
  name: split(String)
  nameWithType: String.split(String)
  fullName: CRMScript.Global.String.split(String)
  type: Method
  so.version: 10.1
  summary: "Splits. See <xref href=\\"CRMScript.Global.Integer\\"></xref>."
  syntax:
    content: String[] split(String delimiter)
    parameters:
    - id: delimiter
      type: CRMScript.Global.String
      description: no
    return:
      type: CRMScript.Global.String[]
      description: The parts.
references:
- uid: CRMScript.Global.String[]
  isExternal: true
  name: String[]
  nameWithType: String[]
  fullName: CRMScript.Global.String[]
  spec.crmscript:
  - uid: CRMScript.Global.String
    name: String
    nameWithType: String
    fullName: CRMScript.Global.String
    isExternal: true
  - name: '[]'
    nameWithType: '[]'
    fullName: '[]'
"""


def test_html_id_is_docfx_get_html_id() -> None:
    assert html_id("CRMScript.Global.Bool.#ctor(Bool)") == "CRMScript_Global_Bool__ctor_Bool_"
    assert (
        html_id(f"{CAT}.Jump(`0,`1,System.Boolean@)")
        == "CatLibrary_Cat_2_Jump__0__1_System_Boolean__"
    )
    assert html_id("Ünïcode.X") == "_n_code_X"  # ASCII \\W, as JavaScript's


def test_crmscript_page() -> None:
    result = read_page(CRMSCRIPT)
    assert result.notes == []
    page = result.page
    assert page is not None
    main, (split,) = page.main, page.members
    assert (main.type, main.lang, main.name, main.summary) == (
        "class",
        "crmscript",
        "String",
        "\nRepresents text.\n",
    )
    assert split.version == "10.1"  # a string, not the float 10.1
    assert split.owner == "CRMScript.Global.String"
    assert split.display_name == "CRMScript.Global.String.split(String)"
    assert split.syntax is not None
    assert split.syntax.declaration("crmscript") == "String[] split(String delimiter)"
    (param,) = split.syntax.parameters
    assert (param.id, param.type, param.description) == (
        "delimiter",
        "CRMScript.Global.String",
        "no",
    )
    assert (
        split.syntax.returns is not None
        and split.syntax.returns.type == "CRMScript.Global.String[]"
    )
    spec = page.reference("CRMScript.Global.String[]").spec["crmscript"]
    assert [(p.uid, p.name) for p in spec] == [("CRMScript.Global.String", "String"), ("", "[]")]
    # an item of the page is its own reference
    assert page.reference(split.uid).name_with_type == "String.split(String)"
    assert page.reference("Unknown.Uid").name == "Unknown.Uid"
    assert split.line == 14 and split.lines["summary"] == 23
    assert [k for k, _ in page.members_by_kind()] == ["method"]


def test_catlibrary_sample() -> None:
    page = read_page((ROOT / "CatLibrary.Cat-2.yml").read_text(encoding="utf-8")).page
    assert page is not None
    assert page.main.uid == CAT and page.main.type == "class"
    assert page.main.inheritance == ["System.Object"]
    assert page.main.implements == ["CatLibrary.ICat", "CatLibrary.IAnimal"]
    assert [k for k, _ in page.members_by_kind()] == [
        "constructor", "field", "property", "method", "event", "operator",
    ]  # fmt: skip
    assert page.main.syntax is not None
    assert page.main.syntax.content["vb"].startswith("<Serializable>")
    assert [p.id for p in page.main.syntax.type_parameters] == ["T", "K"]
    assert page.metadata["anotherMeta"].startswith("page level metadata")
    dictionary = next(
        r
        for uid, r in page.references.items()
        if uid.startswith("System.Collections.Generic.Dictionary{")
    )
    assert "".join(p.name for p in dictionary.spec["csharp"]) == "Dictionary<String, List<Int32>>"


def test_namespace_children_by_kind() -> None:
    text = (
        "### YamlMime:ManagedReference\nitems:\n- uid: N\n  type: Namespace\n  name: N\n"
        "  children:\n  - N.A\n  - N.E\n  - N.Sub\n"
        "references:\n- uid: N.Sub\n  commentId: N:N.Sub\n"
    )
    page = read_page(text).page
    assert page is not None
    groups = page.children_by_kind({"N.E": "enum"})
    assert [(k, [r.uid for r in refs]) for k, refs in groups] == [
        ("namespace", ["N.Sub"]), ("class", ["N.A"]), ("enum", ["N.E"]),
    ]  # fmt: skip


def test_control_characters_are_removed_lines_kept() -> None:
    text, count, line = clean_text("a\nb\x7fc\x01\nd")
    assert (text, count, line) == ("a\nbc\nd", 2, 2)
    result = read_page("### YamlMime:ManagedReference\nitems:\n- uid: A\n  summary: x\x7f\n")
    assert result.page is not None and result.page.main.summary == "x"
    assert result.notes == [("1 control character removed (YAML refuses them)", 4)]


def test_broken_files_raise_with_a_line() -> None:
    with pytest.raises(MrefError) as err:
        read_page("### YamlMime:ManagedReference\nitems:\n- uid: [x\n")
    assert err.value.line == 4
    with pytest.raises(MrefError, match="needs a list of 'items'"):
        read_page("### YamlMime:ManagedReference\nreferences: []\n")
    with pytest.raises(MrefError, match="no uid"):
        parse_page(load_yaml("items:\n- name: x\n  type: Class\n"))
    with pytest.raises(MrefError, match="not a ManagedReference"):
        read_page("### YamlMime:SubCategory\nitems: []\n")


def test_a_toc_with_the_header_stays_a_toc() -> None:
    toc = "### YamlMime:ManagedReference\nitems:\n- name: Bool\n  href: CRMScript.Global.Bool.yml\n"
    assert read_page(toc).page is None
    assert is_toc(load_yaml(toc)) and not is_toc(load_yaml(CRMSCRIPT))


def test_first_item_and_first_uid() -> None:
    item = first_item(CRMSCRIPT)
    assert item is not None and (item.uid, item.type, item.summary) == (
        "CRMScript.Global.String",
        "class",
        "\nRepresents text.\n",
    )
    assert first_uid(CRMSCRIPT) == "CRMScript.Global.String"
    assert first_uid("items:\n- uid: 'CatLibrary.Cat`2'\n") == "CatLibrary.Cat`2"
    assert first_uid("items:\n- name: x\n") is None
    assert first_item("nothing here") is None
