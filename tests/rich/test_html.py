"""HTML output of the rich DFM blocks: highlighting, assets, tabs markup, mermaid, gettext."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from ..toolkit import Build, normalise, placeholders

BuildRoot = Callable[..., Build]
ROOT = "test-rich-syntax"

LEXER_PAGE = """\
# Fences

```http!
GET /api/v1/Contact/1 HTTP/1.1
Authorization: Bearer {{token}}
```

```crmscript
#setLanguageLevel 3;
String s = "x"; // comment
```

```crmscript!
print("y");
```

```dos
dir C:\\
```

```cmd
echo on
```

```txt
plain
```

```plaintext
plain
```

```XML
<SOAP-ENV:Envelope namespaces left out for brevity>
</SOAP-ENV:Envelope>
```

```html
<%@ Page Language="C#" %>
```

```mermaid
graph TD; A-->B;
```
"""


def _build_page(build_root: BuildRoot, page: str, **kwargs: object) -> Build:
    """Build ``page`` as ``index.md`` in a copy of the rich test root."""
    return build_root(ROOT, files={"index.md": page}, **kwargs)


def test_corpus_fence_languages_highlight_without_warnings(build_root: BuildRoot) -> None:
    app = _build_page(build_root, LEXER_PAGE)
    assert app.warning_text == ""
    html = app.html()
    # http! -> the HTTP lexer: the method is a function name token
    assert '<span class="nf">GET</span>' in html
    # crmscript -> our lexer: types, preprocessor lines and comments
    assert '<span class="kt">String</span>' in html
    assert '<span class="cp">#setLanguageLevel</span>' in html
    assert '<span class="c1">// comment</span>' in html
    # dos/cmd -> batch lexer
    assert re.search(r'<span class="k">echo</span>', html)
    # what a lexer cannot read is plain text, not a "Retrying in relaxed mode" warning
    assert "highlight-xml" in html or "highlight-XML" in html
    # mermaid without a local mermaid.js: a labelled source block, nothing loaded
    assert "Mermaid diagram (source)" in html
    assert "mermaid.min.js" not in html
    assert 'class="mermaid"' not in html


def test_mermaid_with_local_js(build_root: BuildRoot, tmp_path: Path) -> None:
    js = tmp_path / "mermaid.min.js"
    js.write_text("window.mermaid = {initialize: function () {}};\n", encoding="utf-8")
    app = _build_page(
        build_root,
        "# M\n\n```mermaid\ngraph TD; A-->B;\n```\n",
        confoverrides={"superoffice_mermaid_js": str(js)},
    )
    html = app.html()
    assert '<pre class="mermaid">graph TD; A--&gt;B;\n</pre>' in html
    assert 'src="_static/mermaid.min.js' in html
    assert (app.outdir / "_static" / "mermaid.min.js").is_file()
    assert "Mermaid diagram (source)" not in html
    # no request leaves the site: every script is local
    assert not re.search(r'<script[^>]+src="(https?:)?//', html)


def test_assets_are_shipped_and_linked(build_root: BuildRoot) -> None:
    app = _build_page(build_root, '# A\n\n> [!div class="nextstepaction"]\n> [Next](index.md)\n')
    html = app.html()
    assert 'href="_static/superoffice-dfm.css' in html
    assert 'src="_static/superoffice-dfm.js' in html
    css = (app.outdir / "_static" / "superoffice-dfm.css").read_text(encoding="utf-8")
    for selector in (".nextstepaction a", ".checklist ul", ".op_single_selector ul", ".so-video"):
        assert selector in css
    assert '<div class="dfm-div nextstepaction docutils container">' in html


def test_tab_html_is_synced_by_id_and_marks_dependent_tabs(build_root: BuildRoot) -> None:
    app = _build_page(
        build_root,
        "# T\n\n### [Linux](#tab/linux)\n\nL\n\n### [Windows](#tab/windows)\n\nW\n\n***\n\n"
        "### [A](#tab/app/linux)\n\nAL\n\n### [A](#tab/app/windows)\n\nAW\n\n***\n",
    )
    html = app.html()
    labels = re.findall(r"<label[^>]*>", html)
    assert len(labels) == 4
    assert all('data-sync-group="tabs"' in label for label in labels)
    assert 'data-sync-id="linux"' in labels[0] and 'data-sync-id="windows"' in labels[1]
    # the first tab of each group is checked; the dependent tab for the unselected
    # condition is hidden on its input and its label
    inputs = re.findall(r"<input[^>]*>", html)
    assert 'checked="checked"' in inputs[0] and 'checked="checked"' in inputs[2]
    assert "dfm-tab-hidden" in inputs[3] and "dfm-tab-hidden" in labels[3]
    assert "dfm-tab-hidden" not in inputs[2]


def test_zone_pivot_selector(build_root: BuildRoot) -> None:
    app = _build_page(
        build_root,
        '# Z\n\n::: zone pivot="web"\nWeb text.\n::: zone-end\n\n'
        '::: zone pivot="win,mac"\nDesktop text.\n::: zone-end\n',
        confoverrides={"superoffice_zone_pivot_names": {"web": "Web client"}},
    )
    html = app.html()
    selector = re.search(r'<div class="dfm-pivot-selector".*?</div>', html, re.S)
    assert selector is not None
    assert 'data-pivots="web win mac"' in selector.group(0)
    assert ">Web client</button>" in selector.group(0)
    assert html.index("dfm-pivot-selector") < html.index("Web text.")


def test_noloc_stays_in_the_message_catalog_as_markup(build_root: BuildRoot) -> None:
    app = _build_page(
        build_root, '# N\n\nClick :::no-loc text="Find"::: now.\n', buildername="gettext"
    )
    pot = (app.outdir / "index.pot").read_text(encoding="utf-8")
    # the message keeps the markup, so translators copy it and "Find" is never translated
    assert 'msgid "Click :::no-loc text=\\"Find\\"::: now."' in pot
    assert 'msgid "Find"' not in pot


def test_noloc_survives_translation(build_root: BuildRoot) -> None:
    from babel.messages import pofile  # shipped with Sphinx
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="nb")
    catalog.add('Click :::no-loc text="Find"::: now.', 'Klikk :::no-loc text="Find"::: nå.')
    po = BytesIO()
    pofile.write_po(po, catalog)
    app = build_root(
        ROOT,
        files={
            "index.md": '# N\n\nClick :::no-loc text="Find"::: now.\n',
            "locale/nb/LC_MESSAGES/index.po": po.getvalue(),
        },
        confoverrides={"language": "nb", "locale_dirs": ["locale"]},
    )
    html = app.html()
    assert 'Klikk <span class="no-loc">Find</span> nå.' in html


def test_snippet_file_change_rebuilds_the_page(build_root: BuildRoot) -> None:
    def text_and_status(app: Build) -> tuple[str, str]:
        html = re.sub(r"<[^>]+>", "", app.html())
        return html, normalise(app.status.getvalue(), placeholders(app))

    first = build_root(
        ROOT,
        files={
            "index.md": "# S\n\n[!code-csharp[CS](includes/Program.cs#L1)]\n\n"
            ':::code source="includes/new.cs" language="csharp":::\n',
            "other.md": "# Other\n",
        },
    )
    html, _status = text_and_status(first)
    assert "using System;" in html
    assert "It looks like the sample you are looking for does not exist." in html

    src = Path(first.srcdir)
    program = src / "includes" / "Program.cs"
    program.write_text("using Changed;\n", encoding="utf-8")
    (src / "includes" / "new.cs").write_text("int created = 1;\n", encoding="utf-8")
    html, status = text_and_status(first.again())
    # exactly the page that uses the snippets is read again, and shows the new lines
    assert "0 added, 1 changed, 0 removed" in status, status
    assert "reading sources... [100%] index" in status, status
    assert "Changed" in html and "created" in html
    assert "does not exist" not in html


def test_image_lightbox_links_to_the_full_size_copy(build_root: BuildRoot) -> None:
    app = _build_page(
        build_root,
        '# I\n\n:::image type="content" source="media/screen.png" alt-text="The screen" '
        'lightbox="media/screen.png":::\n\n'
        ':::image type="content" source="media/screen.png" alt-text="No box":::\n',
    )
    html = app.html()
    assert app.warning_text == ""
    linked = re.search(r'<a class="[^"]*dfm-lightbox-link[^"]*" href="([^"]+)"><img ([^>]+)>', html)
    assert linked is not None
    assert linked.group(1) == "_images/screen.png"
    assert 'alt="The screen"' in linked.group(2)
    assert (app.outdir / "_images" / "screen.png").is_file()
    assert re.search(r'(?<!">)<img alt="No box" class="dfm-image mx-imgBorder"', html)
