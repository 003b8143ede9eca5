"""Nothing outside the docset root reaches the output, whatever path form names it.

Each traversal form builds one project in which every path-taking construct names an
outside file through that form; the outside files carry a unique token, and the test
asserts that the token appears nowhere under the output (pages, ``_images``,
``_downloads``, ``_static``, copied resources) and that the build finished. See
``README.md`` for the table of forms and constructs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

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


def test_the_harness_detects_a_leak(tmp_path: Path) -> None:
    """The check above can fail: a file with the token under the output is found."""
    out = tmp_path / "out"
    (out / "_images").mkdir(parents=True)
    (out / "_images" / "x.png").write_text(f"..{TOKEN}..", encoding="utf-8")
    assert _leaks(out, [TOKEN.encode()]) == [f"_images/x.png: {TOKEN.encode()!r}"]


def test_symlinks_are_supported_here() -> None:
    assert hasattr(os, "symlink")
