"""No live script URL in what the extension writes, and no redirect page where it may not be.

Each URL-writing attribute is given each unsafe variant (``javascript:`` as a browser
would still read it: leading space or control character, mixed case, a tab inside;
``data:``; ``vbscript:``). The output must hold no ``href``/``src`` (nor a meta refresh)
that a browser would run, and each use gives exactly one warning at its line. See
``README.md`` for the table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from sphinx_superoffice.urls import browser_url, is_safe_url

#: the unsafe URL variants: id -> URL
VARIANTS: dict[str, str] = {
    "javascript": "javascript:alert(1)",
    "leading-space": " javascript:alert(1)",
    "leading-control": "\x01javascript:alert(1)",
    "mixed-case": "JaVaScRiPt:alert(1)",
    "tab-inside": "java\tscript:alert(1)",
    "data-html": "data:text/html,alert(1)",
    "data-base64": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript": "vbscript:msgbox(1)",
    "vbscript-mixed-case": "VbScript:msgbox(1)",
}
UNSAFE = ("javascript", "data", "vbscript")


class _Urls(HTMLParser):
    """Every URL-valued attribute of an HTML page, with the tag and attribute name."""

    ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "xlink:href"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name in self.ATTRIBUTES and value is not None:
                self.urls.append((tag, name, value))
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            content = values.get("content") or ""
            url = re.split(r";\s*url=", content, maxsplit=1, flags=re.IGNORECASE)
            if len(url) == 2:
                self.urls.append((tag, "refresh", url[1]))


def live_unsafe_urls(outdir: Path) -> list[str]:
    """``page: <tag attr="url">`` for every URL a browser would run as script."""
    found = []
    for page in sorted(outdir.rglob("*.html")):
        parser = _Urls()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, name, url in parser.urls:
            if tag == "link" and url == "data:,":
                continue  # the theme's empty favicon
            scheme = browser_url(url).partition(":")[0].lower()
            if ":" in browser_url(url) and scheme in UNSAFE:
                found.append(f"{page.relative_to(outdir)}: <{tag} {name}={url!r}>")
    return found


def _quoted(url: str) -> str:
    """``url`` as a YAML/JSON double-quoted scalar (control characters escaped)."""
    return json.dumps(url)


def _project(tmp_path: Path) -> tuple[Path, dict[str, list[str]]]:
    """Every URL-writing attribute with every variant; returns the source dir and, per
    attribute, the ``file:line`` of each use (where its one warning must be)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    uses: dict[str, list[str]] = {}

    def use(attribute: str, file: str, line: int) -> None:
        uses.setdefault(attribute, []).append(f"{docs / file}:{line}")

    lines = ["# Home", ""]
    references = []
    for i, (name, url) in enumerate(VARIANTS.items()):
        attr = url.replace('"', '\\"')
        lines += [f"## {name}", ""]
        lines += [f':::image type="content" source="pic.png" alt-text="x{i}" link="{attr}":::', ""]
        use(":::image link", "index.md", len(lines) - 1)
        lines += [f':::image type="content" source="{attr}" alt-text="s{i}":::', ""]
        use(":::image source", "index.md", len(lines) - 1)
        lines += [f"<xref:Unsafe.U{i}>", ""]
        use("xrefmap href (<xref:uid>)", "index.md", len(lines) - 1)
        lines += [f"@Unsafe.U{i}", ""]
        use("xrefmap href (@uid)", "index.md", len(lines) - 1)
        lines += [f"[x{i}](xref:Unsafe.U{i})", ""]
        use("xrefmap href ([x](xref:uid))", "index.md", len(lines) - 1)
        references.append({"uid": f"Unsafe.U{i}", "href": url, "name": f"U{i}"})
        (docs / f"moved-{i}.md").write_text(
            f"---\nredirect_url: {_quoted(url)}\n---\n\n# Moved {i}\n", encoding="utf-8"
        )
        use("redirect_url", f"moved-{i}.md", 2)
    (docs / "index.md").write_text("\n".join(lines), encoding="utf-8")
    (docs / "xrefmap.yml").write_text(json.dumps({"references": references}), encoding="utf-8")

    landing = ["### YamlMime:SubCategory", "title: Landing", "landingContent:", "- title: Card"]
    landing += ["  linkLists:", "  - linkListType: overview", "    links:"]
    toc = ["- name: Home", "  href: index.md", "- name: Landing", "  href: landing.yml"]
    for i, url in enumerate(VARIANTS.values()):
        landing += [f"    - text: L{i}", f"      url: {_quoted(url)}"]
        use("landing url", "landing.yml", len(landing))
        toc += [f"- name: T{i}", f"  href: {_quoted(url)}"]
        use("toc.yml href", "toc.yml", len(toc))
    (docs / "landing.yml").write_text("\n".join(landing) + "\n", encoding="utf-8")
    (docs / "toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    (docs / "conf.py").write_text(
        'extensions = ["sphinx_superoffice"]\nsuperoffice_xrefmaps = ["xrefmap.yml"]\n',
        encoding="utf-8",
    )
    return docs, uses


def _warnings_at(app: Any) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line]


def test_no_live_script_url(make_app: Callable[..., Any], tmp_path: Path) -> None:
    docs, uses = _project(tmp_path)
    app = make_app("html", srcdir=docs, freshenv=True)
    app.build()
    assert app.statuscode == 0
    assert live_unsafe_urls(Path(app.outdir)) == []
    warnings = _warnings_at(app)
    for attribute, locations in uses.items():
        for location in locations:
            at = [w for w in warnings if w.startswith(location + ":")]
            assert len(at) == 1, (attribute, location, at)
    assert (Path(app.outdir) / "landing.html").is_file()


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_fallback_url_template(make_app: Callable[..., Any], tmp_path: Path, variant: str) -> None:
    """``superoffice_xref_fallback_url`` set to an unsafe template: no live link."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text(
        'extensions = ["sphinx_superoffice"]\n'
        f"superoffice_xref_fallback_url = {VARIANTS[variant] + '{uid}'!r}\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text("# Home\n\n<xref:Some.Uid>\n", encoding="utf-8")
    app = make_app("html", srcdir=docs, freshenv=True)
    app.build()
    assert live_unsafe_urls(Path(app.outdir)) == []
    warnings = [w for w in _warnings_at(app) if "index.md:3:" in w]
    assert len(warnings) == 1, warnings
    assert "url_refused" in warnings[0]


#: redirect_from entries that may not become pages
REDIRECT_FROM = {
    "genindex": "/en/genindex",
    "genindex-html": "/en/genindex.html",
    "search": "/en/search",
    "py-modindex": "/en/py-modindex",
    "objects.inv": "/en/objects.inv",
    "_static": "/en/_static/basic",
    "_images": "_images/x",
    "_sources": "/en/_sources/index",
    "_downloads": "/en/_downloads/x",
    "javascript": "javascript:alert(1)",
    "html-injection": '"><script>alert(1)</script>',
    "space": "/en/a b",
}


def test_redirect_from_refusals(make_app: Callable[..., Any], tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text(
        'extensions = ["sphinx_superoffice"]\n'
        'superoffice_site_url = "https://docs.example.com/en/"\n',
        encoding="utf-8",
    )
    front = ["---", "redirect_from:"] + [f"  - {_quoted(v)}" for v in REDIRECT_FROM.values()]
    front += ["  - /en/old/page", "---", "", "# Target", ""]
    (docs / "index.md").write_text("\n".join(front), encoding="utf-8")
    app = make_app("html", srcdir=docs, freshenv=True)
    app.build()
    out = Path(app.outdir)
    assert (out / "old" / "page.html").is_file()  # an allowed one is still written
    genindex = (out / "genindex.html").read_text(encoding="utf-8")
    assert "http-equiv" not in genindex
    assert not (out / "_static" / "basic.html").exists()
    assert not (out / "_images" / "x.html").exists()
    assert not (out / "_downloads" / "x.html").exists()
    names = {p.name for p in out.rglob("*")}
    assert not any(":" in n or "<" in n or '"' in n or " " in n for n in names), names
    warnings = [w for w in _warnings_at(app) if "superoffice.redirect" in w]
    for line, value in enumerate(REDIRECT_FROM.values(), start=3):
        at = [w for w in warnings if f"index.md:{line}:" in w]
        assert len(at) == 1, (value, at)
    assert live_unsafe_urls(out) == []


@pytest.mark.parametrize("url", sorted(VARIANTS.values()))
def test_every_variant_is_unsafe(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    ["https://example.com/a", "http://x", "mailto:a@b.c", "tel:+47", "ftp://x", "a/b.html",
     "#frag", "//cdn.example.com/x", "../x.html?q=1#y", "a/b:c"],
)  # fmt: skip
def test_safe_urls_pass(url: str) -> None:
    assert is_safe_url(url)


def test_the_checker_finds_a_live_script_url(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<p><a href=" java&#9;script:alert(1)">x</a><img src="data:,x">'
        '<meta http-equiv="refresh" content="0; url=javascript:alert(1)"></p>',
        encoding="utf-8",
    )
    assert len(live_unsafe_urls(tmp_path)) == 3
