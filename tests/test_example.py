"""example-docs builds, with zero warnings, in every language, and shows no raw DFM."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .toolkit import REPO

EXAMPLE = REPO / "example-docs"
RAW = re.compile(r"\[!(include|INCLUDE|NOTE|TIP|IMPORTANT|WARNING|CAUTION|Video|div)", re.I)


def visible_text(html: str) -> str:
    """The text a reader sees: no tags, scripts, styles or code blocks."""
    html = re.sub(r"<(script|style|pre)\b.*?</\1>", "", html, flags=re.S | re.I)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture(scope="module", params=["en", "no"])
def example(request, build_root):
    lang = request.param
    return build_root(EXAMPLE, tree=f"docs/{lang}", confdir=".", confoverrides={"language": lang})


def test_builds_without_warnings(example):
    assert example.warnings == []


def test_no_raw_dfm_syntax(example):
    pages = list(Path(example.outdir).rglob("*.html"))
    assert len(pages) >= 9
    raw = {p.name: RAW.findall(visible_text(p.read_text(encoding="utf-8"))) for p in pages}
    assert {k: v for k, v in raw.items() if v} == {}


def test_includes_alerts_images_and_seed(example):
    out = Path(example.outdir)
    erp = (out / "admin" / "import" / "from-erp.html").read_text(encoding="utf-8")
    assert "admonition caution" in erp  # an alert that comes from an include
    assert "admonition note" in erp
    seed = (out / "learn" / "getting-started" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<img alt="[^"]*-screenshot" src="../../_images/[^"]+\.png"', seed)
    assert list((out / "_images").glob("*.png"))
    if example.config.language == "nb":
        assert "<title>Komme i gang" in seed
        assert '<p class="admonition-title">Advarsel</p>' in erp
        assert example.env.metadata["learn/getting-started/index"]["language"] == "no"
    # the shared fragment from common/includes, outside the language tree
    merge = (out / "document" / "templates" / "merge-fields" / "alternative.html").read_text(
        encoding="utf-8"
    )
    assert "<table" in merge
