"""Translated landing pages: gettext -> sphinx-intl -> a translated build (issue 16).

Sphinx re-parses each msgstr with the page's own parser, which for a ``.yml`` page is
the landing parser: it must give the translated text back, not read it as a page.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po

from ..toolkit import ROOTS

MARK = "NB:"
CONF = 'locale_dirs = ["locale"]\ngettext_compact = False\n'


@pytest.fixture(scope="module")
def round_trip(build_root: Any) -> tuple[Any, Any]:
    conf = (ROOTS / "test-site-toc" / "conf.py").read_text(encoding="utf-8") + CONF
    pot_app = build_root("test-site-toc", buildername="gettext", files={"conf.py": conf})
    src = Path(pot_app.srcdir)
    locale = src / "locale"
    intl = [sys.executable, "-m", "sphinx_intl", "update", "-p", str(pot_app.outdir)]
    subprocess.run(
        [*intl, "-d", str(locale), "-l", "nb"],
        check=True,
        capture_output=True,
    )
    pos = sorted(locale.rglob("*.po"))
    assert pos
    for po in pos:
        with po.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            if message.id:
                message.string = f"{MARK} {message.id}"
                message.flags.discard("fuzzy")
        with po.open("wb") as f:
            write_po(f, catalog)
    app = pot_app.again(buildername="html", confoverrides={"language": "nb"}, freshenv=True)
    return pot_app, app


def _messages(pot_app: Any, name: str) -> dict[str, str]:
    """msgid -> its first location, of one extracted catalog."""
    text = (Path(pot_app.outdir) / name).read_text(encoding="utf-8")
    found = re.findall(r'#: ([^\n]+)\n(?:#[^\n]*\n)*msgid "(.*)"', text)
    return {msgid: where for where, msgid in found}


def test_every_visible_landing_string_is_extracted(round_trip: tuple[Any, Any]) -> None:
    pot_app, _ = round_trip
    learn = _messages(pot_app, "learn/index.pot")
    # title, summary, card titles, link texts (internal, external, dead), <title>, meta
    for msgid, line in [
        ("Learn overview", 4),
        ("Everything about the test site.", 5),
        ("Basics", 14),
        ("More", 29),
        ("Group B anchor", 21),
        ("A video", 26),
        ("Hub page", 34),
        ("Dead link", 36),
        ("Sub folder", 38),
    ]:
        assert learn.get(msgid, "").endswith(f"learn/index.yml:{line}"), msgid
    assert "Learn overview | Test" in learn
    assert "The landing page of the test site." in learn
    hub = _messages(pot_app, "sub/hub.pot")
    for msgid in ["Hub", "A category page.", "Intro card", "Missing image card", "Concepts"]:
        assert msgid in hub
    for msgid in ["Some concepts.", "Concept card", "Card summary.", "Additional"]:
        assert msgid in hub
    for msgid in ["More things.", "Extra", "External", "Footer text."]:
        assert msgid in hub


def _body(html: str) -> str:
    return html.split('<div class="body" role="main">', 1)[1].split('<div class="sphinxsidebar"')[0]


def test_landing_page_is_translated(round_trip: tuple[Any, Any]) -> None:
    _, app = round_trip
    html = (Path(app.outdir) / "learn" / "index.html").read_text(encoding="utf-8")
    body = _body(html)
    assert f"<h1>{MARK} Learn overview<a" in body
    assert f'<p class="so-landing-summary">{MARK} Everything about the test site.</p>' in body
    titles = re.findall(r'<div class="sd-card-title[^"]*">\s*(.*?)</div>', body, re.S)
    assert titles == [f"{MARK} Basics", f"{MARK} More"]
    links = re.findall(r"<li><p>(.*?)</p></li>", body)
    texts = [re.sub(r"<[^>]+>", "", link) for link in links]
    assert texts and all(text.startswith(MARK) for text in texts), texts
    # the links still go where they went
    assert f'href="group-b.html#anchor"><span class="std std-ref">{MARK} Group B anchor' in body
    assert f'href="https://www.youtube.com/watch?v=abc">{MARK} A video</a>' in body
    assert f'<span class="so-dead-link">{MARK} Dead link</span>' in body
    # the page's <title> and description
    assert f"<title>{MARK} Learn overview | Test" in html
    assert f'content="{MARK} The landing page of the test site."' in html
    # the extension's own labels come from its catalog, not the project's
    assert '<span class="so-landing-type-label">Lær</span>' in body


def test_category_page_is_translated(round_trip: tuple[Any, Any]) -> None:
    _, app = round_trip
    body = _body((Path(app.outdir) / "sub" / "hub.html").read_text(encoding="utf-8"))
    for text in ["Hub<a", "A category page.", "Intro card", "Concepts<a", "Some concepts."]:
        assert f"{MARK} {text}" in body, text
    for text in ["Concept card", "Card summary.", "Additional<a", "Extra", "External</a>"]:
        assert f"{MARK} {text}" in body, text
    assert f"{MARK} Footer text." in body


def test_the_reparse_is_not_read_as_a_page(round_trip: tuple[Any, Any]) -> None:
    _, app = round_trip
    assert not [w for w in app.warnings if "YamlMime None" in w or "i18n" in w]
    assert "orphan" not in app.env.metadata["learn/index"]
