"""Nothing outside the docset root reaches the output, whatever path form names it.

Each traversal form builds one project in which every path-taking construct names an
outside file through that form; the outside files carry a unique token, and the test
asserts that the token appears nowhere under the output (pages, ``_images``,
``_downloads``, ``_static``, copied resources) and that the build finished. See
``README.md`` for the table of forms and constructs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

TOKEN = "SUPEROFFICE-SECRET-7f3a9c"
#: the outside files, one per kind of construct
OUTSIDE = {
    "md": f"# Secret\n\n{TOKEN} page\n",
    "cs": f"// {TOKEN} code\nclass A {{}}\n",
    "png": f"{TOKEN} image",
    "txt": f"{TOKEN} download",
}

#: form name -> function(root, outside) giving the path text for a file ``secret.<ext>``
#: (``{ext}`` is replaced per construct); the project's docs live in ``<root>/docs``
FORMS: dict[str, Callable[[Path, Path], str]] = {
    "dotdot": lambda root, out: "../../outside/secret.{ext}",
    "tilde-dotdot": lambda root, out: "~/../outside/secret.{ext}",
    "dot-dotdot": lambda root, out: "./../../outside/secret.{ext}",
    "absolute": lambda root, out: f"{out}/secret.{{ext}}",
    "file-url": lambda root, out: f"file://{out}/secret.{{ext}}",
    "percent-encoded": lambda root, out: "%2e%2e/%2e%2e/outside/secret.{ext}",
    "percent-slash": lambda root, out: "..%2F..%2Foutside%2Fsecret.{ext}",
    "double-encoded": lambda root, out: "%252e%252e/%252e%252e/outside/secret.{ext}",
    "backslashes": lambda root, out: "..\\..\\outside\\secret.{ext}",
    "mixed-case": lambda root, out: "../../OUTSIDE/Secret.{ext}",
    "file-symlink": lambda root, out: "linked.{ext}",
    "folder-symlink": lambda root, out: "linkdir/secret.{ext}",
    "tilde-folder-symlink": lambda root, out: "~/linkdir/secret.{ext}",
    "long-component": lambda root, out: "x" * 300 + "/../../../outside/secret.{ext}",
    "nul": lambda root, out: "../../outside/secret.{ext}\x00.md",
    "proc-environ": lambda root, out: "environ-link",
}

#: construct -> (file extension, Markdown that names ``{path}``)
CONSTRUCTS: dict[str, tuple[str, str]] = {
    "block include": ("md", "[!include[t]({path})]"),
    "inline include": ("md", "Text [!include[t]({path})] text."),
    "nested include": ("md", "[!include[t](nested.md)]"),
    "code snippet": ("cs", "[!code-csharp[t]({path})]"),
    ":::code": ("cs", ':::code language="csharp" source="{path}":::'),
    ":::image": ("png", ':::image type="content" source="{path}" alt-text="x":::'),
    "markdown image": ("png", "![x]({path})"),
    "download link": ("txt", "[file]({path})"),
    "raw a download": ("txt", '<a href="{path}" download>file</a>'),
    "raw img": ("png", '<img src="{path}" alt="x">'),
}


def _project(tmp_path: Path, form: str) -> tuple[Path, Path]:
    """A docset ``<tmp>/site`` (root; pages in ``site/docs``) and ``<tmp>/outside``."""
    outside = tmp_path / "outside"
    outside.mkdir()
    for ext, text in OUTSIDE.items():
        (outside / f"secret.{ext}").write_text(text, encoding="utf-8")
    root = tmp_path / "site"
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "linkdir").symlink_to(outside, target_is_directory=True)
    (docs / "linkdir").symlink_to(outside, target_is_directory=True)
    for ext in OUTSIDE:
        (docs / f"linked.{ext}").symlink_to(outside / f"secret.{ext}")
    (docs / "environ-link").symlink_to("/proc/self/environ")
    path_of = FORMS[form](root, outside)
    (docs / "conf.py").write_text(
        'extensions = ["sphinx_superoffice"]\nsuperoffice_root = ".."\n', encoding="utf-8"
    )
    pages = ["# Home", ""]
    for name, (ext, markdown) in CONSTRUCTS.items():
        target = path_of.replace("{ext}", ext) if form != "proc-environ" else path_of
        pages += [f"## {name}", "", markdown.format(path=target), ""]
    (docs / "index.md").write_text("\n".join(pages), encoding="utf-8")
    nested_target = path_of.replace("{ext}", "md") if form != "proc-environ" else path_of
    (docs / "nested.md").write_text(f"[!include[t]({nested_target})]\n", encoding="utf-8")
    return docs, outside


#: the site-level constructs (a second project per form): construct -> file name the form's
#: path names in ``<tmp>/outside`` (see :func:`_site_project`)
SITE_CONSTRUCTS: dict[str, str] = {
    "toc.yml href": "toc.yml",
    "landing url": "secret.txt",
    "landing image": "secret.png",
    "docfx.json resource": "secret.txt",
    "redirect_url": "secret.md",
    "xrefmap path": "secret.yml",
    "toc.yml symlink": "toc.yml",
}
#: what the outside files of the site project hold (each would show the token if read)
SITE_OUTSIDE = {
    "toc.yml": f"- name: {TOKEN} toc\n  href: https://example.com/{TOKEN}\n",
    "secret.yml": (
        "references:\n"
        f"- uid: Secret.Uid\n  href: https://example.com/{TOKEN}.html\n  name: {TOKEN} uid\n"
    ),
}


def _site_path(form: str, root: Path, outside: Path, filename: str) -> str:
    """The form's path to ``<outside>/<filename>`` (a symlink form: to the link made for it)."""
    if form == "proc-environ":
        return "environ-link"
    path = FORMS[form](root, outside)
    if form == "file-symlink":
        return f"linked-{filename}"
    stem, _, ext = filename.rpartition(".")
    if form == "mixed-case":
        return path.replace("Secret.{ext}", filename[0].upper() + filename[1:])
    return path.replace("secret.{ext}", f"{stem}.{ext}")


def _site_project(tmp_path: Path, form: str) -> Path:
    """A docset whose toc.yml, landing page, docfx.json, redirect page and xrefmap setting
    each name an outside file through ``form`` (pages in ``<tmp>/site/docs``)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    for ext, text in OUTSIDE.items():
        (outside / f"secret.{ext}").write_text(text, encoding="utf-8")
    for name, text in SITE_OUTSIDE.items():
        (outside / name).write_text(text, encoding="utf-8")
    root = tmp_path / "site"
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "linkdir").symlink_to(outside, target_is_directory=True)
    (docs / "linkdir").symlink_to(outside, target_is_directory=True)
    for name in {*SITE_CONSTRUCTS.values()}:
        (docs / f"linked-{name}").symlink_to(outside / name)
    (docs / "environ-link").symlink_to("/proc/self/environ")
    (docs / "tocs").mkdir()
    (docs / "tocs" / "toc.yml").symlink_to(outside / "toc.yml")  # "toc.yml symlink"

    def path(construct: str) -> str:
        return _site_path(form, root, outside, SITE_CONSTRUCTS[construct])

    (docs / "conf.py").write_text(
        "\n".join(
            [
                'extensions = ["sphinx_superoffice"]',
                'superoffice_root = ".."',
                'superoffice_docfx_json = "docfx.json"',
                f"superoffice_xrefmaps = [{path('xrefmap path')!r}]",
                'superoffice_toc_root = ["toc.yml"]',
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    (docs / "docfx.json").write_text(
        json.dumps(
            {
                "build": {
                    "content": [{"files": ["**/*.md", "**/*.yml"]}],
                    "resource": [{"files": [path("docfx.json resource"), "**/*.txt", "*.txt"]}],
                }
            }
        ),
        encoding="utf-8",
    )
    (docs / "index.md").write_text(
        "# Home\n\n<xref:Secret.Uid> and @Secret.Uid and [x](xref:Secret.Uid)\n",
        encoding="utf-8",
    )
    (docs / "moved.md").write_text(
        f"---\nredirect_url: {json.dumps(path('redirect_url'))}\n---\n\n# Moved\n",
        encoding="utf-8",
    )
    (docs / "landing.yml").write_text(
        "### YamlMime:Category\n"
        + yaml.safe_dump(
            {
                "title": "Landing",
                "highlightedContent": {
                    "items": [
                        {
                            "title": "Picture",
                            "itemType": path("landing image"),
                            "isImage": "true",
                            "url": path("landing url"),
                        }
                    ]
                },
                "conceptualContent": {
                    "items": [
                        {"title": "File", "links": [{"text": "f", "url": path("landing url")}]}
                    ]
                },
            }
        ),
        encoding="utf-8",
    )
    (docs / "toc.yml").write_text(
        "- name: Home\n  href: index.md\n"
        "- name: Landing\n  href: landing.yml\n"
        f"- name: Outside\n  href: {json.dumps(path('toc.yml href'))}\n"
        "- name: Linked\n  href: tocs/\n",
        encoding="utf-8",
    )
    return docs


def _needles(form: str) -> list[bytes]:
    if form != "proc-environ":
        return [TOKEN.encode()]
    # the environment of the build (HOME, PATH…) as /proc/self/environ holds it
    needles = [item for item in Path("/proc/self/environ").read_bytes().split(b"\0") if item]
    return [n for n in needles if n.startswith((b"PATH=", b"HOME="))]


def _leaks(out: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in out.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            found += [f"{path.relative_to(out)}: {n!r}" for n in needles if n in data]
    return found


@pytest.mark.parametrize("form", sorted(FORMS))
def test_no_outside_file_reaches_the_output(
    make_app: Callable[..., Any], tmp_path: Path, form: str
) -> None:
    docs, _ = _project(tmp_path, form)
    app = make_app("html", srcdir=docs, freshenv=True)
    app.build()
    assert app.statuscode == 0
    needles = [TOKEN.encode()]
    if form == "proc-environ":
        # the environment of the build (HOME, PATH…) as /proc/self/environ holds it
        needles = [item for item in Path("/proc/self/environ").read_bytes().split(b"\0") if item]
        needles = [n for n in needles if n.startswith((b"PATH=", b"HOME="))]
    leaks = _leaks(Path(app.outdir), needles)
    assert not leaks, "\n".join(leaks)
    assert (Path(app.outdir) / "index.html").is_file()


@pytest.mark.parametrize("form", sorted(FORMS))
def test_no_outside_file_reaches_the_site(
    make_app: Callable[..., Any], tmp_path: Path, form: str
) -> None:
    """toc.yml hrefs (and a toc.yml that is a link), landing-page urls and images,
    docfx.json resources, redirect_url and xrefmap paths: nothing outside is read."""
    docs = _site_project(tmp_path, form)
    app = make_app("html", srcdir=docs, freshenv=True)
    app.build()
    assert app.statuscode == 0
    leaks = _leaks(Path(app.outdir), _needles(form))
    assert not leaks, "\n".join(leaks)
    assert (Path(app.outdir) / "landing.html").is_file()
    assert "Traceback" not in app.warning.getvalue()


def test_the_harness_detects_a_leak(tmp_path: Path) -> None:
    """The check above can fail: a file with the token under the output is found."""
    out = tmp_path / "out"
    (out / "_images").mkdir(parents=True)
    (out / "_images" / "x.png").write_text(f"..{TOKEN}..", encoding="utf-8")
    assert _leaks(out, [TOKEN.encode()]) == [f"_images/x.png: {TOKEN.encode()!r}"]


def test_symlinks_are_supported_here() -> None:
    assert hasattr(os, "symlink")


def test_links_that_stay_inside_still_work(make_app: Callable[..., Any], tmp_path: Path) -> None:
    """A symbolic link whose real path is inside the root is followed as before."""
    root = tmp_path / "site"
    docs = root / "docs"
    (root / "shared").mkdir(parents=True)
    docs.mkdir()
    (root / "shared" / "part.md").write_text("Shared INSIDE-PART text.\n", encoding="utf-8")
    (root / "shared" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\nINSIDE-PIC")
    (root / "shared" / "notes.txt").write_text("INSIDE-NOTES", encoding="utf-8")
    (docs / "part.md").symlink_to(root / "shared" / "part.md")
    (docs / "media").symlink_to(root / "shared", target_is_directory=True)
    (docs / "conf.py").write_text(
        'extensions = ["sphinx_superoffice"]\nsuperoffice_root = ".."\n'
        'exclude_patterns = ["part.md", "media"]\n',
        encoding="utf-8",
    )
    (docs / "index.md").write_text(
        "# Home\n\n[!include[t](part.md)]\n\n![pic](media/pic.png)\n\n[notes](media/notes.txt)\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=docs, freshenv=True)
    app.build()
    out = Path(app.outdir)
    assert "refused" not in app.warning.getvalue()
    assert "INSIDE-PART" in (out / "index.html").read_text(encoding="utf-8")
    assert _leaks(out, [b"INSIDE-PIC", b"INSIDE-NOTES"]) == [
        "_images/pic.png: b'INSIDE-PIC'",
        f"_downloads/{next((out / '_downloads').iterdir()).name}/notes.txt: b'INSIDE-NOTES'",
    ]


def test_xrefmaps_anywhere_opts_out(make_app: Callable[..., Any], tmp_path: Path) -> None:
    """``superoffice_xrefmaps_anywhere = True`` reads a map outside the root."""
    outside = tmp_path / "maps"
    outside.mkdir()
    (outside / "xrefmap.yml").write_text(
        "references:\n- uid: A.Uid\n  href: https://example.com/a.html\n  name: A\n",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n<xref:A.Uid>\n", encoding="utf-8")
    conf = 'extensions = ["sphinx_superoffice"]\nsuperoffice_xrefmaps = ["../maps/xrefmap.yml"]\n'
    (docs / "conf.py").write_text(conf, encoding="utf-8")
    app = make_app("html", srcdir=docs, freshenv=True)
    app.build()
    assert "superoffice.xrefmap" in app.warning.getvalue()
    assert "https://example.com/a.html" not in (Path(app.outdir) / "index.html").read_text()
    (docs / "conf.py").write_text(conf + "superoffice_xrefmaps_anywhere = True\n", encoding="utf-8")
    app = make_app("html", srcdir=docs, freshenv=True)
    app.build()
    assert "superoffice.xrefmap" not in app.warning.getvalue()
    assert "https://example.com/a.html" in (Path(app.outdir) / "index.html").read_text()
