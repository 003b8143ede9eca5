"""The CRMScript guide and reference of the real English tree (read-only, ../shared/corpus):
every ManagedReference file is a page, every CRMScript uid resolves, the reference's
toc.yml has no dead entry, every ``<xref href>`` inside the YAML resolves or warns once.

Builds ``docs/en/automation/crmscript`` (166 Markdown pages, 673 API pages) with ``-j 2``:
a few minutes, so ``slow`` as well as ``corpus``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

from sphinx_superoffice.apiref.reader import read_page
from tests.toolkit import CORPUS, run_build

TREE = CORPUS / "docs" / "en" / "automation" / "crmscript"
REFERENCE = TREE / "reference"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.slow,
    pytest.mark.skipif(not TREE.is_dir(), reason="corpus not available"),
]

CONF = """
extensions = ["sphinx_superoffice"]
html_theme = "basic"
superoffice_root = "../../../.."
"""


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("crmscript")
    (work / "conf.py").write_text(CONF, encoding="utf-8")
    return run_build(TREE, builddir=work / "_build", confdir=work, parallel=2)


def _api_files() -> list[Path]:
    mime = "### YamlMime:ManagedReference"
    return sorted(
        p for p in REFERENCE.glob("*.yml")
        if p.name != "toc.yml" and p.read_text(encoding="utf-8-sig").startswith(mime)
    )  # fmt: skip


def test_every_reference_file_is_a_page(build: Any) -> None:
    files = _api_files()
    assert len(files) > 600
    outdir = Path(build.outdir)
    missing = [p.name for p in files if not (outdir / "reference" / (p.stem + ".html")).is_file()]
    assert missing == []
    objects = list(build.env.get_domain("dfapi").get_objects())
    kinds = Counter(o[2] for o in objects)
    assert kinds["class"] > 400 and kinds["enum"] > 200 and kinds["namespace"] >= 3
    assert kinds["method"] > 8000 and kinds["constructor"] > 400 and kinds["field"] > 2000
    # no page skipped or read with removed bytes (the api warnings of the YAML's data are
    # checked below)
    assert not [w for w in build.warnings if "[superoffice.api]" in w and "skipped" in w]
    assert not [w for w in build.warnings if "[superoffice.api]" in w and "removed" in w]
    # a member's so.version: one line of text
    string = (outdir / "reference" / "CRMScript.Global.String.html").read_text(encoding="utf-8")
    assert '<p class="so-api-version">Version: 8.5R08</p>' in string


def test_no_crmscript_uid_is_missing(build: Any) -> None:
    missing = [
        w for w in build.warnings if "uid not found: 'CRMScript." in w and "[superoffice.uid_" in w
    ]
    assert missing == []
    # type uids that the YAML itself gets wrong (documented nowhere, not marked external)
    # are the data's errors: superoffice.api at their file:line, with a "did you mean"
    data = [w for w in build.warnings if "uid not found" in w and "[superoffice.api]" in w]
    assert all(re.search(r"reference/CRMScript\.[\w.]+\.yml:\d+: WARNING", w) for w in data)
    assert any("'CRMScript.Global.EventDataDialogDefinition'; did you mean" in w for w in data)
    # and the guide's .md links to reference/CRMScript.*.yml pages are links
    # (out of tree: a link into automation/trigger/, which this build leaves out)
    links = [w for w in build.warnings if "CRMScript." in w and "[superoffice.link" in w]
    assert [w for w in links if "link_out_of_tree" not in w] == []
    # the guide's <xref:CRMScript...> links reach the reference
    # (<xref:CRMScript.Native.EventData.getType()>: the member's anchor on the type's page)
    text = (Path(build.outdir) / "datatypes" / "eventdata-type.html").read_text("utf-8")
    assert (
        'href="../reference/CRMScript.Native.EventData.html#CRMScript_Native_EventData_getType__"'
        in text
    )


def _used_types(page: Any) -> set[str]:
    """Every type uid a page's signatures name, composite names taken apart."""
    found: set[str] = set()

    def add(uid: str) -> None:
        if not uid or uid in found:
            return
        found.add(uid)
        ref = page.references.get(uid)
        for part in ref.spec.get("crmscript", []) if ref else []:
            add(part.uid)
        if uid.endswith("[]"):
            add(uid.rstrip("[]"))

    for item in page.items:
        if item.syntax is not None:
            for param in item.syntax.parameters:
                add(param.type)
            if item.syntax.returns is not None:
                add(item.syntax.returns.type)
    return found


def test_every_documented_type_is_linked(build: Any) -> None:
    """A type that the build documents is a link wherever a signature names it; what no
    page documents is listed once, in one summary warning (not a uid_missing per use)."""
    outdir = Path(build.outdir)
    xrefmap = yaml.safe_load((outdir / "xrefmap.yml").read_text(encoding="utf-8"))
    pages = {r["uid"]: r["href"].split("#")[0] for r in xrefmap["references"]}
    unlinked = []
    for path in _api_files():
        page = read_page(path.read_text(encoding="utf-8-sig")).page
        assert page is not None
        html = (outdir / "reference" / (path.stem + ".html")).read_text("utf-8")
        for uid in sorted(_used_types(page)):
            href = pages.get(uid)
            own = href == f"reference/{path.stem}.html"
            if href and not own and f'href="{href.removeprefix("reference/")}' not in html:
                unlinked.append((path.name, uid))
    assert unlinked == []
    summary = [w for w in build.warnings if "that DocFX marks external" in w]
    assert len(summary) == 1
    assert re.search(r"API pages name \d+ uid\(s\)", summary[0])
    assert "CRMScript.NetServer.Map" in summary[0]  # a type the corpus never documents


def test_reference_toc_has_no_dead_entry(build: Any) -> None:
    dead = [w for w in build.warnings if "reference/toc.yml" in w]
    assert dead == []
    html = (Path(build.outdir) / "reference" / "CRMScript.Global.Bool.html").read_text("utf-8")
    assert "Bool class" in html


def test_every_yaml_xref_resolves_or_warns_once(build: Any) -> None:
    tags = 0
    for path in _api_files():
        tags += path.read_text(encoding="utf-8-sig").count("<xref href=")
    assert tags > 0
    warned = [w for w in build.warnings if "reference/" in w and "[superoffice.uid_" in w]
    assert len(warned) == len(set(warned))
    assert all(re.search(r"\.yml:\d+: WARNING", w) for w in warned)
    outdir = Path(build.outdir) / "reference"
    raw = [p.name for p in outdir.glob("*.html") if "&lt;xref" in p.read_text("utf-8")]
    assert raw == []


def test_xrefmap_hrefs_exist(build: Any) -> None:
    outdir = Path(build.outdir)
    data = yaml.safe_load((outdir / "xrefmap.yml").read_text(encoding="utf-8"))
    refs = data["references"]
    assert len(refs) > 12000
    ids: dict[str, set[str]] = {}
    for ref in refs:
        page, _, anchor = ref["href"].partition("#")
        if page not in ids:
            ids[page] = set(
                re.findall(r'id="([^"]+)"', (outdir / unquote(page)).read_text("utf-8"))
            )
        assert not anchor or anchor in ids[page], ref
