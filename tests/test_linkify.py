"""Bare URLs become links, as DocFX (Markdig's auto-links) makes them, outside code."""

from __future__ import annotations

from collections.abc import Callable

from .toolkit import QUIET_TOC, Build

PAGE = """\
# Links

See https://example.com/a?b=1 and www.superoffice.com, not example.com or me@example.com.

Code stays: `https://in.code/x`.

```text
https://in.fence/y
```

[Named](https://named.example/) and <https://angle.example/> stay as they were.

> [!Video https://www.youtube.com/embed/abc]

> [!NOTE]
> Read https://note.example/page.

[!include[fragment](includes/part.md)]
"""

FILES = {"includes/part.md": "Included https://include.example/ text.\n"}


def test_bare_urls_are_links_outside_code(build_project: Callable[..., Build]) -> None:
    site = build_project(PAGE, files=FILES, conf=QUIET_TOC)
    assert site.warnings == []
    html = site.html()
    for url in (
        "https://example.com/a?b=1",
        "http://www.superoffice.com",
        "https://named.example/",
        "https://angle.example/",
        "https://note.example/page",
        "https://include.example/",
    ):
        assert f'href="{url.replace("&", "&amp;")}"' in html, url
    assert 'href="http://example.com' not in html  # no fuzzy links: DocFX needs www. or a scheme
    assert "mailto:" not in html
    assert (
        '<code class="docutils literal notranslate"><span class="pre">https://in.code/x</span>'
        in html
    )
    assert "https://in.fence/y" in html and 'href="https://in.fence' not in html
    assert 'src="https://www.youtube-nocookie.com/embed/abc?rel=0"' in html
    assert "[!Video" not in html and "[!include" not in html


def test_a_conf_py_choice_wins(build_project: Callable[..., Build]) -> None:
    site = build_project(
        "# Links\n\nSee https://example.com/a and example.org.\n",
        conf=QUIET_TOC + 'myst_enable_extensions = ["colon_fence"]\n',
    )
    assert 'href="https://example.com/a"' not in site.html()
    fuzzy = build_project(
        "# Links\n\nSee example.org.\n", conf=QUIET_TOC + "myst_linkify_fuzzy_links = True\n"
    )
    assert 'href="http://example.org"' in fuzzy.html()
