"""``sphinx-superoffice serve``: a live preview of one language tree.

It runs sphinx-autobuild (the ``serve`` extra) on the tree, with the docset's conf.py,
watching the whole docset root, so that an edit to a shared include
(``common/includes/*.md``), a toc.yml or a page of another language rebuilds too; the
build is incremental (an include edit re-reads the pages that use it). It serves on
127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .build import configure
from .project import ProjectError, folder_for

INSTALL_HINT = "pip install 'sphinx-superoffice[serve]'"


def autobuild_arguments(
    root: Path,
    *,
    outdir: Path | None = None,
    confdir: Path | None = None,
    source: Path | None = None,
    language: str | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    extra: list[str] | None = None,
) -> list[str]:
    """sphinx-autobuild's command line for the preview of ``root``."""
    configured = configure(root, confdir, source)
    docset = configured.docset
    present = docset.present()
    wanted = language or (present[0] if present else docset.languages[0])
    code = docset.languages[0] if docset.single else folder_for(wanted, present)
    if code is None:
        raise ProjectError(
            f"language folder not found: {docset.tree(wanted)} "
            f"(found: {', '.join(present) or 'none'})"
        )
    outroot = (outdir or docset.root / "_build" / "html").resolve()
    build_dir = docset.root / "_build"
    sub = "" if docset.single else code  # one tree: straight into the output folder
    define = [] if docset.single else ["-D", f"language={code}"]
    return [
        str(docset.tree(code)),
        str(outroot / sub),
        "-c",
        str(configured.confdir),
        *define,
        "-d",
        str(build_dir / "doctrees" / sub),
        "--host",
        host,
        "--port",
        str(port),
        "--watch",
        str(docset.root),
        "--ignore",
        str(build_dir),
        "--ignore",
        str(outroot),
        *(extra or []),
    ]


def serve(root: Path, **options: Any) -> int:
    try:
        from sphinx_autobuild.__main__ import main as autobuild  # the console script's main
    except ImportError as exc:
        raise ProjectError(f"serve needs sphinx-autobuild: {INSTALL_HINT}") from exc
    argv = autobuild_arguments(root, **options)
    print("+ sphinx-autobuild", " ".join(argv), flush=True)
    autobuild(argv)
    return 0
