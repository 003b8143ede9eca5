"""API reference pages: DocFX's own ManagedReference sample (CatLibrary) built as pages
of ``dfapi`` objects, linked from a Markdown page, in objects.inv and xrefmap.yml."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from docutils import nodes
from sphinx import addnodes

from sphinx_superoffice.apiref.model import html_id
from sphinx_superoffice.apiref.page import term as api_term

CAT = "CatLibrary.Cat`2"


@pytest.fixture(scope="module")
def app(build_root: Any) -> Any:
    return build_root("test-apiref")


def test_members_are_dfapi_objects_with_docfx_anchors(app: Any) -> None:
    doctree = app.env.get_doctree("api/CatLibrary.Cat-2")
    descs = list(doctree.findall(addnodes.desc))
    kinds = sorted({d["objtype"] for d in descs})
    assert kinds == ["constructor", "event", "field", "method", "operator", "property"]
    assert all(d["domain"] == "dfapi" for d in descs)
    objects = {o[0]: o for o in app.env.get_domain("dfapi").get_objects()}
    age = objects[f"{CAT}.Age"]
    assert age[2:] == ("property", "api/CatLibrary.Cat-2", "CatLibrary_Cat_2_Age", 1)
    assert objects[CAT][2:5] == ("class", "api/CatLibrary.Cat-2", "")
    # DocFX's ids: every non-word character of the uid becomes "_"
    assert html_id(f"{CAT}.#ctor(`0)") == "CatLibrary_Cat_2__ctor__0_"
    html = app.html("api/CatLibrary.Cat-2.html")
    for uid in (f"{CAT}.#ctor(`0)", f"{CAT}.CalculateFood(System.DateTime)", f"{CAT}.ownEat"):
        assert f'id="{html_id(uid)}"' in html
    # DocFX's order of member groups
    order = [
        html.index(f'id="{g}"')
        for g in ("constructors", "fields", "properties", "methods", "events", "operators")
    ]
    assert order == sorted(order)
    assert "<h1>Cat&lt;T, K&gt; class" in html


def test_parameter_types_and_inheritance(app: Any) -> None:
    html = app.html("api/CatLibrary.Cat-2.html")
    # a parameter of a type documented in this build links to its page
    # (the link holds the name alone: no ``<span class="xref">`` inside, one node less)
    assert '<a class="reference internal" href="System.String.html">String</a>' in html
    # a composite name (Dictionary<String, List<Int32>>): each part on its own
    assert "Dictionary" in html and "List" in html
    # System.Object (external, undocumented here): text, no warning
    assert '<span class="xref superoffice unresolved">Object</span>' in html
    assert not any("'System.Object'" in w for w in app.warnings)
    doctree = app.env.get_doctree("api/CatLibrary.Cat-2")
    sig = next(
        s for s in doctree.findall(addnodes.desc_signature)
        if "CalculateFood(" in s.astext()
    )  # fmt: skip
    assert sig.astext() == "public Dictionary<string, List<int>> CalculateFood(DateTime date)"
    # the types are linked on the lines below the signature
    returns = sig.parent.next_node(
        lambda n: isinstance(n, nodes.paragraph) and "so-api-returns" in n["classes"]
    )
    assert returns.astext().startswith("Returns: Dictionary<String, List<Int32>>")
    # a one-line description ends the return line, once
    item = html[html.index('id="CatLibrary_Cat_2_Item_System_String_"') :]
    item = item[: item.index("</section>")]
    assert (
        '<p class="so-api-returns">Property value: <span class="xref superoffice unresolved">'
        "Int32</span>"
        " – Cat's number.</p>" in item
    )
    assert item.count("Cat's number.") == 1
    # parameters as DocFX's modern template lists them: name, linked type, description
    params = sig.parent.next_node(
        lambda n: isinstance(n, nodes.definition_list) and "so-api-parameters" in n["classes"]
    )
    # a term to every writer, but not a docutils term (Sphinx serialises each of those)
    term = params.next_node(api_term)
    assert term.astext() == "date DateTime" and term.source and term.line
    assert term.tagname == "term" and not isinstance(term, nodes.term)
    assert isinstance(term[0], nodes.Text) and term[0] == "date "  # the name, then the type
    assert term.next_node(addnodes.pending_xref)["reftarget"] == "System.DateTime"
    assert params.next_node(nodes.definition).astext() == "Date time to now."
    # (type parameters: the name alone; parameters: the name, then the type)
    assert '<dl class="simple so-api-parameters">\n<dt>T</dt><dd><p>This type' in html
    assert '<dt>date <span class="xref superoffice unresolved">DateTime</span></dt>' in html
    assert "Inheritance:" in html
    # the class's remarks are an empty <xref href=''/>: no "Remarks" heading for nothing
    assert ">Remarks<" not in html
    # <xref href> inside the summary's raw HTML becomes a (quiet, unresolved) xref, not a tag
    assert "&lt;xref" not in html and "<xref" not in html
    # a <pre><code> example is a highlighted code block
    assert 'class="highlight-csharp' in html and "GetFeetLength" in html


def test_xref_from_markdown_resolves_to_the_member_anchor(app: Any) -> None:
    html = app.html("index.html")
    assert (
        '<a class="reference internal" href="api/CatLibrary.Cat-2.html">'
        '<span class="xref superoffice">CatLibrary.Cat&lt;T, K&gt;</span></a>'
    ) in html  # displayProperty=fullName
    assert (
        'href="api/CatLibrary.Cat-2.html#CatLibrary_Cat_2__ctor__0_">'
        '<span class="xref superoffice">Cat(T)</span>' in html
    )
    assert (
        'href="api/CatLibrary.Cat-2.html#CatLibrary_Cat_2_CalculateFood_System_DateTime_"' in html
    )
    assert '<span class="xref superoffice">Cat&lt;T, K&gt;.Age</span>' in html  # nameWithType
    # toc.yml: a uid entry and href entries to .yml pages are nav entries
    assert app.env.toctree_includes["index"] == [
        "api/CatLibrary.Cat-2", "api/Namespace1.Class1`2", "api/System.String",
    ]  # fmt: skip
    assert not [w for w in app.warnings if "toc" in w]
    # a Markdown link to a member's anchor on the .yml page
    assert (
        'href="api/CatLibrary.Cat-2.html#CatLibrary_Cat_2_Age"><span class="xref superoffice">age<'
        in html
    )
    assert not [w for w in app.warnings if "anchor" in w]


def test_warnings_are_the_samples_dangling_uids(app: Any) -> None:
    def uids(subtype: str) -> list[str]:
        return sorted(
            w.split("uid not found: ")[1].split("'")[1]
            for w in app.warnings
            if "uid not found" in w and f"[superoffice.{subtype}]" in w
        )

    # the sample names types of its library that are not in it (isExternal: false): the
    # YAML's own data, one superoffice.api warning per use, at its file:line
    assert uids("api") == ["CatLibrary.IAnimal", "CatLibrary.ICat", "CatLibrary.Tom"]
    # cross-references in its Markdown text: the xref warnings
    assert uids("uid_shorthand") == ["CatLibrary.ICatExtension"]
    assert uids("uid_missing") == ["Namespace1.Class1`2.#ctor"]
    assert all(re.search(r"\.yml:\d+: WARNING", w) for w in app.warnings if "uid not found" in w)
    # what DocFX marks external and nothing documents (System.*): one summary, no link
    (summary,) = [w for w in app.warnings if "marks external" in w]
    assert "[superoffice.api]" in summary
    assert "API pages name 14 uid(s) that DocFX marks external" in summary
    assert "System.Boolean, System.Collections.Generic.Dictionary`2" in summary


def test_inventory_lists_classes_and_members(app: Any) -> None:
    inv = Path(app.outdir) / "objects.inv"
    out = subprocess.run(
        [sys.executable, "-m", "sphinx.ext.intersphinx", str(inv)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "dfapi:class" in out and "dfapi:method" in out and "dfapi:property" in out
    assert "CatLibrary.Cat`2.CalculateFood(System.DateTime)" in out
    assert "api/CatLibrary.Cat-2.html#CatLibrary_Cat_2_Age" in out


def test_xrefmap_is_exported_and_every_href_exists(app: Any) -> None:
    outdir = Path(app.outdir)
    text = (outdir / "xrefmap.yml").read_text(encoding="utf-8")
    assert text.startswith("### YamlMime:XRefMap\n")
    data = yaml.safe_load(text)
    refs = {r["uid"]: r for r in data["references"]}
    assert refs[f"{CAT}.Age"] == {
        "uid": f"{CAT}.Age",
        "name": "Age",
        "href": "api/CatLibrary.Cat-2.html#CatLibrary_Cat_2_Age",
        "commentId": f"P:{CAT}.Age",
        "fullName": "CatLibrary.Cat<T, K>.Age",
        "nameWithType": "Cat<T, K>.Age",
    }
    assert [r["uid"] for r in data["references"]] == sorted(refs)
    for ref in data["references"]:
        page, _, anchor = ref["href"].partition("#")
        html = (outdir / unquote(page)).read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in html, ref


def test_search_index_has_the_objects(app: Any) -> None:
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    # objects by prefix, each with its object type
    # the owner and the member, split at the right dot (not inside the parameters)
    assert '"CatLibrary_Cat_2_CalculateFood_System_DateTime_","CalculateFood(DateTime)"]' in text
    assert '["dfapi","method","DocFX API method"]' in text
    # listed once as an object: its superoffice:uid twin is for objects.inv only
    assert text.count(',"CatLibrary_Cat_2_CalculateFood_System_DateTime_","') == 1
    genindex = (Path(app.outdir) / "genindex.html").read_text()
    assert "CalculateFood(DateTime)" in genindex
    # the general index links each member's anchor (the page's one index node)
    assert 'href="api/CatLibrary.Cat-2.html#CatLibrary_Cat_2_CalculateFood_System_DateTime_"' in (
        genindex
    )
    doctree = app.env.get_doctree("api/CatLibrary.Cat-2")
    (index,) = doctree.findall(addnodes.index)
    assert len(index["entries"]) == len(list(doctree.findall(addnodes.desc))) + 1


def test_gettext_extracts_api_text(build_root: Any) -> None:
    app = build_root("test-apiref", buildername="gettext")
    pot = (Path(app.outdir) / "api.pot").read_text(encoding="utf-8")
    assert 'msgid "Constructor with one generic parameter."' in pot
    assert 'msgid "Methods"' in pot


def test_unreadable_and_toc_shaped_files(build_project: Any) -> None:
    page = (
        "### YamlMime:ManagedReference\nitems:\n"
        "- uid: A.B\n  type: Class\n  name: B\n  summary: x\x7fy\n"
    )
    app = build_project(
        "# Home\n\n<xref:A.B>\n",
        files={
            "api/A.B.yml": page,
            "api/Broken.yml": "### YamlMime:ManagedReference\nitems:\n- uid: [unclosed\n",
            "api/Menu.yml": "### YamlMime:ManagedReference\nitems:\n- name: X\n  href: A.B.yml\n",
        },
        conf="suppress_warnings = ['superoffice.toc_not_included', 'toc.not_included']\n",
    )
    warnings = [w for w in app.warnings if "superoffice.api" in w]
    assert any("A.B.yml:6" in w and "1 control character removed" in w for w in warnings)
    assert any("Broken.yml:4" in w and "API page skipped: malformed YAML" in w for w in warnings)
    assert any("Menu.yml:1" in w and "toc" in w for w in warnings)
    assert len(warnings) == 3
    assert "<p>xy</p>" in app.html("api/A.B.html")
    assert 'href="api/A.B.html"' in app.html()


def test_member_page_links_its_type(build_project: Any) -> None:
    """DocFX's class.memberpage: a member in a file of its own (as Namespace1.Class1`2.#ctor)."""
    type_page = (
        "### YamlMime:ManagedReference\nitems:\n"
        "- uid: A.B\n  type: Class\n  name: B\n  fullName: A.B\n  langs: [crmscript]\n"
    )
    member_page = (
        "### YamlMime:ManagedReference\nitems:\n"
        "- uid: A.B.run(Integer)\n  type: Method\n  name: run(Integer)\n"
        "  fullName: A.B.run(Integer)\n  parent: A.B\n  langs: [crmscript]\n"
        "  summary: Runs.\n  syntax:\n    content: Void run(Integer n)\n"
    )
    app = build_project(
        "# Home\n\n<xref:A.B.run(Integer)>\n",
        files={"api/A.B.yml": type_page, "api/A.B.run.yml": member_page},
        conf="suppress_warnings = ['superoffice.toc_not_included', 'toc.not_included']\n",
    )
    assert app.warnings == []
    html = app.html("api/A.B.run.html")
    assert '<strong>Parent:</strong> <a class="reference internal" href="A.B.html">' in html
    assert "<h1>run(Integer) method" in html
    assert '<span class="pre">run(Integer</span> <span class="pre">n)</span>' in html
    doctree = app.env.get_doctree("api/A.B.run")
    (desc,) = doctree.findall(addnodes.desc)
    assert desc["objtype"] == "method"
    assert (
        'href="api/A.B.run.html"><span class="xref superoffice">run(Integer)</span>' in app.html()
    )


PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Methods"
msgstr "Metoder"

msgid "Constructor with one generic parameter."
msgstr "Konstruktør med én generisk parameter."
"""


def test_translated_api_page(build_root: Any) -> None:
    """A msgstr of an API page is re-parsed as Markdown (not as a YAML page)."""
    app = build_root(
        "test-apiref",
        files={"locales/nb/LC_MESSAGES/api.po": PO},
        confoverrides={"language": "nb", "locale_dirs": ["locales"]},
    )
    html = app.html("api/CatLibrary.Cat-2.html")
    assert "<h2>Metoder<a" in html
    assert "<p>Konstruktør med én generisk parameter.</p>" in html
    assert not [w for w in app.warnings if "YamlMime" in w or "skipped" in w]
