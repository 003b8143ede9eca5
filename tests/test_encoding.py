"""Sources in any encoding build, and an unclean one says so (pure functions and a build)."""

from __future__ import annotations

import codecs

import pytest

from sphinx_superoffice.encoding import decode_bytes, sniff_encoding

from .toolkit import Builder

TEXT = "Før du begynner: «sitat» – 5 €\n"


@pytest.mark.parametrize(
    ("data", "codec", "problem"),
    [
        (TEXT.encode("utf-8"), "utf-8", None),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", None),
        (TEXT.encode("utf-16"), "utf-16", None),
        (TEXT.encode("utf-16-le"), "utf-16-le", "UTF-16 without a byte-order mark"),
        (TEXT.encode("utf-16-be"), "utf-16-be", "UTF-16 without a byte-order mark"),
        (TEXT.encode("cp1252"), "utf-8", "not valid UTF-8 (byte 0xf8 at offset 1, line 1)"),
    ],
)
def test_decode_bytes(data: bytes, codec: str, problem: str | None) -> None:
    assert sniff_encoding(data) == codec
    text, found = decode_bytes(data)
    assert text.lstrip("\ufeff") == TEXT
    assert (found is None) if problem is None else (problem in str(found))


def test_binary_and_nul_never_fail() -> None:
    text, problem = decode_bytes(bytes(range(256)))
    assert len(text) == 256
    assert problem is not None and "Windows-1252" in problem and "NUL" in problem
    text, problem = decode_bytes(b"a\x00b")
    assert problem is not None and "NUL character (offset 1)" in problem


def test_unclean_page_warns_and_builds(build_project: Builder) -> None:
    app = build_project(
        files={
            "index.md": b"# Home\n\n[Latin](latin.md)\n",
            "latin.md": "# Latin\n\nFør du begynner\n".encode("cp1252"),
            "utf16.md": "# Sixteen\n\nText\n".encode("utf-16-le"),
        }
    )
    assert app.statuscode == 0
    warnings = app.warnings
    assert [w for w in warnings if "superoffice.encoding" in w] == [
        "<src>/latin.md:1: WARNING: encoding: not valid UTF-8 (byte 0xf8 at offset 10, "
        "line 3); read as Windows-1252 [superoffice.encoding]",
        "<src>/utf16.md:1: WARNING: encoding: UTF-16 without a byte-order mark; read as "
        "UTF-16-LE [superoffice.encoding]",
    ]
    assert "Før du begynner" in (app.outdir / "latin.html").read_text(encoding="utf-8")
    assert "Sixteen" in (app.outdir / "utf16.html").read_text(encoding="utf-8")
