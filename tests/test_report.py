"""The build report (issue 18): superoffice-report.json describes the whole site, the same
for -j 1 and -j 2 and after an incremental build; the summary lines; GitHub annotations."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sphinx.util.console import strip_colors

from .conftest import CORPUS_CONF
from .toolkit import CORPUS, REPO, run_build, write_files

REPORT = "superoffice-report.json"
PAGES = [f"page{i}" for i in range(1, 13)]  # enough pages for -j 2 to fork readers

SHARED = "Shared: a [link](../nothere.md) and a [uid](xref:Shared.Uid).\n"


def _files() -> dict[str, str]:
    """A project that warns at every phase: configuration (a bad setting), reading
    (missing links, also in an include shared by two pages; a bad date), resolving (uids
    and anchors, with "did you mean"), consistency checks (a duplicate uid, a page in no
    toc.yml). Only pages 9-12, 6, index and page1 have an unresolved link or uid (pages that
    Sphinx reads again whenever a page changes)."""
    files = {
        "conf.py": 'extensions = ["sphinx_superoffice"]\nsuperoffice_include_depth = -1\n',
        "includes/shared.md": SHARED,
        "index.md": "# Home\n\n[!include[](includes/shared.md)]\n",
        "toc.yml": "items:\n- name: Home\n  href: index.md\n"
        + "".join(f"- name: {p}\n  href: {p}.md\n" for p in PAGES[:-1]),
    }
    for page in PAGES:
        files[f"{page}.md"] = f"# {page}\n\n## Section one\n\nText of {page}.\n"
    files["page1.md"] += "\n[!include[](includes/shared.md)]\n"
    files["page2.md"] += "\nAn [anchor](page1.md#sectoin-one) with a typo.\n"
    files["page4.md"] = "---\ntitle: Four\ndate:\nkeywords:\n---\n" + files["page4.md"]
    files["page5.md"] = "---\ndate: 31.31.2020\n---\n" + files["page5.md"]
    files["page6.md"] += "\nA uid: <xref:No.Such.Six>.\n"
    files["page7.md"] = "---\nuid: twice\n---\n" + files["page7.md"]
    files["page8.md"] = "---\nuid: twice\n---\n" + files["page8.md"]
    for page in ("page5", "page7", "page10"):  # once per build (per parallel reader)
        files[f"{page}.md"] += "\n```nosuchlanguage\ncode\n```\n"
    for page in PAGES[8:]:
        files[f"{page}.md"] += f"\nA [missing page](missing-{page}.md).\n"
    return files


def _project(tmp_path: Path, name: str = "src") -> Path:
    src = tmp_path / name
    write_files(src, _files())
    return src


def _build(src: Path, out: Path, **kwargs: Any) -> Any:
    return run_build(src, builddir=out, **kwargs)


def _report(build: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((Path(build.outdir) / REPORT).read_text("utf-8"))
    return data


def _console(build: Any) -> set[tuple[str | None, int | None, str, str]]:
    """The build's superoffice warnings as printed: (file, line, subtype, message)."""
    return _printed(build.warning.getvalue(), Path(build.srcdir))


def _printed(log: str, root: Path) -> set[tuple[str | None, int | None, str, str]]:
    """The superoffice warnings of a log: (file relative to ``root``, line, subtype, message)."""
    found = set()
    for line in strip_colors(log).splitlines():
        # "file:line: WARNING", "file: WARNING" (a whole file) or "WARNING"
        m = re.match(r"^(?:(.+?)(?::(\d+))?: )?WARNING: (.*) \[superoffice\.(\w+)\]$", line)
        if m:
            path, number, message, subtype = m.groups()
            file = Path(path).relative_to(root).as_posix() if path else None
            found.add((file, int(number) if number else None, subtype, message))
    return found


def _rows(data: dict[str, Any]) -> set[tuple[str | None, int | None, str, str]]:
    return {(w["file"], w["line"], w["subtype"], w["message"]) for w in data["warnings"]}


def test_the_report_of_j1_equals_j2_and_lists_every_warning(tmp_path):
    src = _project(tmp_path)
    serial = _build(src, tmp_path / "j1")
    parallel = _build(src, tmp_path / "j2", parallel=2)
    text = (Path(serial.outdir) / REPORT).read_text("utf-8")
    assert (Path(parallel.outdir) / REPORT).read_text("utf-8") == text
    data = json.loads(text)
    # every warning the log shows is in the report, once, and nothing else; of the
    # warnings given once per build, the first (the -j 2 log has one per reader)
    assert _rows(data) == _console(serial)
    lexer = {w for w in _console(parallel) if w[2] == "lexer"}
    assert len(lexer) > 1  # one from each reader that met the language
    assert _rows(data) == (_console(parallel) - lexer) | {min(lexer)}
    assert data["total"] == len(data["warnings"]) == len(_rows(data))
    assert data["counts"] == {
        "anchor_missing": 1,  # resolving
        "config": 1,  # configuration
        "date": 1,  # reading (page5: 31.31.2020)
        "duplicate_uid": 1,  # consistency check
        "lexer": 1,  # reading, once per build: the first page (page10)
        "link_missing": 5,  # reading: 4 pages and the shared include (once)
        "toc_not_included": 1,
        "uid_missing": 2,  # resolving: page6 and the shared include (once)
    }
    anchor = next(w for w in data["warnings"] if w["subtype"] == "anchor_missing")
    assert anchor["file"] == "page2.md"
    assert anchor["suggestion"] == "#section-one"
    assert "did you mean 'section-one'?" in anchor["message"]
    shared = [w for w in data["warnings"] if w["file"] == "includes/shared.md"]
    assert [w["subtype"] for w in shared] == ["link_missing", "uid_missing"]
    # the empty `date:` and `keywords:` of page4 are no values: no warning, no "null"
    assert [w for w in data["warnings"] if w["file"] == "page4.md"] == []
    assert "date" not in serial.app.env.metadata["page4"]
    assert "keywords" not in serial.app.env.metadata["page4"]


@pytest.mark.parametrize("parallel", [0, 2])
def test_an_incremental_build_reports_what_a_clean_build_reports(tmp_path, parallel):
    src = _project(tmp_path)
    out = tmp_path / "out"
    first = _build(src, out, parallel=parallel)
    assert any(w["file"] == "page5.md" for w in _report(first)["warnings"])
    # one page edited: it gains a missing link and a missing uid
    page3 = _files()["page3.md"] + "\nA [link](gone-too.md).\n\n<xref:Three.Uid>\n"
    write_files(src, {"page3.md": page3}, mtime=time.time() + 10)
    read: list[str] = []
    resolved: list[str] = []
    events = {
        "env-before-read-docs": lambda app, env, docnames: read.extend(docnames),
        "doctree-resolved": lambda app, doctree, docname: resolved.append(docname),
    }
    again = _build(src, out, parallel=parallel, freshenv=False, events=events)
    # page5 (a bad date: a read-time warning) is not read again, page2 (an anchor with a
    # typo: a write-time warning) neither read nor written again: both keep theirs
    assert "page3" in read
    assert "page5" not in read
    assert "page2" not in read
    assert "page2" not in resolved
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src)
    clean = _build(clean_src, tmp_path / "clean-out", parallel=parallel)
    incremental = _report(again)
    # the same report (the duplicate uid's message names both pages' absolute paths)
    clean_text = (Path(clean.outdir) / REPORT).read_text("utf-8")
    assert incremental == json.loads(clean_text.replace(str(clean_src), str(src)))
    found = {(w["file"], w["line"], w["subtype"]) for w in incremental["warnings"]}
    assert {("page3.md", 7, "link_missing"), ("page3.md", 9, "uid_missing")} <= found
    assert {("page5.md", 1, "date"), ("page2.md", 7, "anchor_missing")} <= found
    assert incremental["total"] == 15
    # a build with nothing to do stops before the consistency checks: the duplicate uid
    # and the pages in no toc.yml are still reported
    idle = _build(src, out, parallel=parallel, freshenv=False)
    assert _report(idle) == incremental


def test_summary_lines_per_subtype_in_the_language_of_the_build(tmp_path):
    src = _project(tmp_path)
    english = _build(src, tmp_path / "en")
    status = english.app._status.getvalue()
    assert "superoffice warnings: 13 in all" in status
    assert "warnings of type superoffice.link_missing: 5" in status
    assert "warnings of type superoffice.uid_missing: 2" in status
    assert f"every warning, with its file and line: {REPORT}" in status
    norwegian = _build(src, tmp_path / "nb", confoverrides={"language": "nb"})
    status = norwegian.app._status.getvalue()
    assert "superoffice-advarsler: 13 i alt" in status
    assert "advarsler av typen superoffice.link_missing: 5" in status
    assert f"alle advarsler, med fil og linje: {REPORT}" in status


def test_the_report_can_be_turned_off_and_leaves_suppressed_warnings_out(tmp_path):
    src = _project(tmp_path)
    off = _build(src, tmp_path / "off", confoverrides={"superoffice_report": False})
    assert not (Path(off.outdir) / REPORT).exists()
    assert "warnings of type superoffice.link_missing: 5" in off.app._status.getvalue()
    assert REPORT not in off.app._status.getvalue()
    quiet = _build(
        src, tmp_path / "quiet", confoverrides={"suppress_warnings": ["superoffice.link_missing"]}
    )
    assert "link_missing" not in _report(quiet)["counts"]
    assert _report(quiet)["counts"]["uid_missing"] == 2


def test_github_actions_gets_each_warning_once_as_an_annotation(tmp_path, monkeypatch, capsys):
    src = _project(tmp_path)
    write_files(src, {"page9.md": "# Nine\n\nA [link](50%25-off,now.md).\n"})
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    capsys.readouterr()
    build = _build(src, tmp_path / "gh", parallel=2)
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    assert len(lines) == len(set(lines)) == _report(build)["total"] == 13
    assert (
        "::warning file=src/includes/shared.md,line=1,title=superoffice.link_missing"
        "::link target '../nothere.md' not found (rendered as text)"
    ) in lines
    assert (
        "::warning title=superoffice.config::invalid value for 'superoffice_include_depth': "
        "-1; using the default"
    ) in lines
    # the message's % escaped ('50%25-off' as written -> 50%2525-off); ':' and ',' are
    # escaped in properties only
    assert (
        "::warning file=src/page9.md,line=3,title=superoffice.link_missing"
        "::link target '50%2525-off,now.md' not found (rendered as text)"
    ) in lines
    # "none" turns them off on GitHub too; "github" turns them on anywhere
    _build(src, tmp_path / "none", confoverrides={"superoffice_annotations": "none"})
    assert "::warning" not in capsys.readouterr().out
    monkeypatch.delenv("GITHUB_ACTIONS")
    _build(src, tmp_path / "plain")
    assert "::warning" not in capsys.readouterr().out
    _build(src, tmp_path / "forced", confoverrides={"superoffice_annotations": "github"})
    assert len([x for x in capsys.readouterr().out.splitlines() if x.startswith("::")]) == 13


# -- the shared corpus: no warning about an empty front-matter value ---------------------

NULL_DATE = "cannot parse date: 'null'"


def _check_corpus_report(log: str, outdir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((outdir / REPORT).read_text("utf-8"))
    assert NULL_DATE not in log
    assert [w for w in data["warnings"] if "'null'" in w["message"]] == []
    # the report lists what the log shows (files relative to the docset root)
    assert _rows(data) == _printed(log, CORPUS)
    return data


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "docs" / "no").is_dir(), reason="no ../shared/corpus")
def test_the_norwegian_tree_reports_no_empty_front_matter_value(corpus_no):
    data = _check_corpus_report(corpus_no.warning.getvalue(), Path(corpus_no.outdir))
    # the tree's one bad date ('01.321.2025') is in a redirect stub, which is never read
    # (a stub's date is never shown): no date warning at all
    assert "date" not in data["counts"]


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "docs" / "en").is_dir(), reason="no ../shared/corpus")
def test_the_english_tree_reports_no_empty_front_matter_value(tmp_path):
    """145 pages of the English tree have `date:` with nothing after it."""
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "conf.py").write_text(
        CORPUS_CONF.replace('language = "no"', 'language = "en"').replace(
            '{"../en": "https://docs.superoffice.com/en/"}',
            '{"../no": "https://docs.superoffice.com/no/"}',
        ),
        encoding="utf-8",
    )
    src, out = CORPUS / "docs" / "en", tmp_path / "html"
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-j", "2", "-q", "-c", str(conf)]
    result = subprocess.run(
        [*cmd, str(src), str(out)], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = _check_corpus_report(result.stderr, out)
    assert data["counts"]["date"] == 8  # '2007' (7 pages), '.04.17.2018'


def test_a_parallel_rebuild_drops_the_warnings_of_pages_fixed_in_its_writers(tmp_path):
    """At ``-j 2`` the writers resolve the pages (``parallel.py``): a page whose
    write-time warning was fixed and that a writer (not the main process) resolved
    again leaves the report, as after a serial rebuild."""
    pages = {f"page{n}.md": f"# Page {n}\n\nA uid: <xref:No.Such.{n}>.\n" for n in range(8)}
    files = {
        "conf.py": 'extensions = ["sphinx_superoffice"]\n',
        "index.md": "# Home\n\n" + "".join(f"- [P{n}](page{n}.md)\n" for n in range(8)),
        **pages,
    }
    src = tmp_path / "src"
    write_files(src, files)
    out = tmp_path / "out"
    first = _report(_build(src, out, parallel=2))
    assert {w["file"] for w in first["warnings"] if w["subtype"] == "uid_missing"} == set(pages)
    fixed = {f"page{n}.md": f"# Page {n}\n\nNo uid now.\n" for n in (5, 6, 7)}
    write_files(src, fixed, mtime=time.time() + 10)
    again = _report(_build(src, out, parallel=2, freshenv=False))
    left = {w["file"] for w in again["warnings"] if w["subtype"] == "uid_missing"}
    assert left == set(pages) - set(fixed)
