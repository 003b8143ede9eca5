"""gettext round trip: extract, fill every msgstr automatically, build translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

MARK = "Oversatt:"


@pytest.fixture(scope="module")
def translated(build_root):
    pot_app = build_root("test-i18n", buildername="gettext")
    src = Path(pot_app.srcdir)
    for pot in Path(pot_app.outdir).rglob("*.pot"):
        with pot.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            if message.id:
                message.string = f"{MARK} {message.id}"
        po = src / "locale" / "nb" / "LC_MESSAGES" / pot.relative_to(pot_app.outdir)
        po = po.with_suffix(".po")
        po.parent.mkdir(parents=True, exist_ok=True)
        with po.open("wb") as f:
            write_po(f, catalog)
    app = pot_app.again(buildername="html", confoverrides={"language": "no"}, freshenv=True)
    return pot_app, app


def _body(app, page: str) -> str:
    html = (Path(app.outdir) / page).read_text(encoding="utf-8")
    return html.split('<div class="body" role="main">', 1)[1].split(
        '<div class="sphinxsidebar"', 1
    )[0]


def test_extraction_covers_alerts_includes_and_front_matter(translated):
    pot_app, _ = translated
    pot = (Path(pot_app.outdir) / "index.pot").read_text(encoding="utf-8")
    assert 'msgid "An alert with a [reference link][2]."' in pot
    assert "Fragment text with a [relative link](../deep.md)" in pot
    assert 'msgid "Front page description."' in pot


def test_every_paragraph_is_translated_and_links_resolve(translated):
    _, app = translated
    body = _body(app, "index.html")
    paragraphs = re.findall(r"<p>(.*?)</p>", body, flags=re.S)
    assert paragraphs
    untranslated = [p for p in paragraphs if MARK not in p]
    assert untranslated == []
    # reference-style links keep their definitions in the translated paragraph
    assert 'href="other.html"><span class="xref superoffice">reference link' in body
    assert 'href="sub/deep.html"><span class="xref superoffice">reference link' in body
    # relative links in translated text from an include resolve from the include's folder
    assert 'href="sub/deep.html"><span class="xref superoffice">relative link' in body
    assert 'href="other.html"><span class="xref superoffice">fragment reference' in body
    assert not [w for w in app.warnings if "xref" in w or "reference" in w]


def test_title_and_description_are_translated(translated):
    _, app = translated
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert f'content="{MARK} Front page description."' in html
    assert f"<title>{MARK} Front page title" in html


def test_tab_labels_are_translated(translated):
    _, app = translated
    body = _body(app, "index.html")
    labels = re.findall(r'<label [^>]*class="sd-tab-label"[^>]*>\s*(.*?)\s*</label>', body, re.S)
    assert labels == [f"{MARK} Windows", f"{MARK} Linux"]


def test_what_the_reparses_need_is_per_build_state(translated):
    """The page references and message origins live in the build's state, not in globals."""
    import sphinx_superoffice.translation as translation
    from sphinx_superoffice.state import BuildState, get_state

    _, app = translated
    sources = get_state(app.env).peek(translation.TranslationSources)
    assert sources is not None
    page = str((Path(app.srcdir) / "index.md").resolve())
    own, included = sources.references[page]
    assert own and included  # the page's and its includes' reference definitions
    assert any(sources.origins.values())  # messages that came from an include
    globals_ = [k for k, v in vars(translation).items() if isinstance(v, dict) and k[:2] != "__"]
    assert globals_ == []
    # a new build starts empty
    assert BuildState().peek(translation.TranslationSources) is None


def _read_pages(build) -> dict[str, tuple[str, object]]:
    """Each page's doctree as read, and its translation count."""
    return {
        docname: (build.dump(docname), build.doctree(docname).get("translation_progress"))
        for docname in sorted(build.app.env.found_docs)
    }


def test_faster_read_walks_give_what_sphinxs_transforms_give(translated, monkeypatch):
    """Sphinx's four read transforms that walk with a ``NodeMatcher`` and their
    replacements (``walks.py``) make the same doctrees, translated or not: the
    translatable nodes kept, the count of translated messages, footnotes' docnames,
    translatable inlines unwrapped."""
    from sphinx_superoffice import walks

    _, app = translated
    pages: dict[bool, dict[str, tuple[str, object]]] = {}
    for faster in (True, False):
        if not faster:
            monkeypatch.setattr(walks, "_READ_FASTER", ())
        build = app.again(freshenv=True)
        pages[faster] = _read_pages(build)
    assert pages[True] == pages[False]
    progress = {docname: count for docname, (_text, count) in pages[True].items()}
    assert all(count["total"] and count["translated"] for count in progress.values()), progress
