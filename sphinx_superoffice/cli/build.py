"""``sphinx-superoffice build``: every language tree into one site, or, on Read the
Docs, the tree ``READTHEDOCS_LANGUAGE`` names into ``$READTHEDOCS_OUTPUT/html``.

Each language is its own ``sphinx-build`` (``-D language=<code>``) with the one conf.py:
the docset's own, else the one ``init`` would write (under ``_build/conf/``), so a
docset with only a docfx.json builds too.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..multilang import write_root_page
from .project import Docset, ProjectError, ReadTheDocs, find_docset, folder_for
from .templates import conf_py, project_title


@dataclass
class Configured:
    """A docset with the conf.py to build it with and what that conf.py sets."""

    docset: Docset
    confdir: Path
    namespace: dict[str, Any] = field(default_factory=dict)


def read_conf_py(confdir: Path) -> dict[str, Any]:
    """What conf.py sets (evaluated as Sphinx evaluates it)."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    try:
        return dict(eval_config_file(confdir / "conf.py", Tags()))
    except Exception as exc:  # conf.py is the user's code: any error is theirs to see
        cause = exc.__cause__ if exc.__cause__ is not None else exc  # Sphinx's ConfigError
        lines = str(cause).strip().splitlines()
        detail = f"{type(cause).__name__}: {lines[0]}" if lines else type(cause).__name__
        raise ProjectError(f"{confdir / 'conf.py'}: {detail}") from exc


def configure(root: Path, confdir: Path | None, source: Path | None) -> Configured:
    """Find the docset, its conf.py (or write the generated one) and its languages."""
    docset = find_docset(root, confdir, source)
    namespace: dict[str, Any] = {}
    if docset.confdir is not None:
        namespace = read_conf_py(docset.confdir)
        configured = namespace.get("superoffice_languages")
        if isinstance(configured, dict) and configured and not docset.single:
            docset.languages = [str(code) for code in configured]
    if docset.source is None or not docset.languages:
        raise ProjectError(
            f"{docset.root}: no language folder (docs/<lang> holding Markdown pages) found"
        )
    if docset.confdir is not None:
        return Configured(docset, docset.confdir, namespace)
    generated = docset.root / "_build" / "conf"
    text = conf_py(docset, generated)
    path = generated / "conf.py"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        generated.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Configured(docset, generated, read_conf_py(generated))


def sphinx_command(
    confdir: Path,
    tree: Path,
    outdir: Path,
    doctrees: Path,
    defines: dict[str, str],
    extra: list[str],
) -> list[str]:
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(confdir)]
    for name, value in defines.items():
        command += ["-D", f"{name}={value}"]
    return [*command, "-d", str(doctrees), *extra, str(tree), str(outdir)]


def run(command: list[str]) -> int:
    print("+", " ".join(command), flush=True)
    return subprocess.call(command)


def error(message: str) -> None:
    print(f"sphinx-superoffice: error: {message}", file=sys.stderr, flush=True)


def report_missing(docset: Docset, missing: list[str]) -> None:
    for code in missing:
        error(f"language folder not found: {docset.tree(code)} ({code!r} is not built)")


def build(
    root: Path,
    *,
    outdir: Path | None = None,
    confdir: Path | None = None,
    source: Path | None = None,
    languages: list[str] | None = None,
    jobs: int = 1,
    title: str | None = None,
    extra: list[str] | None = None,
    environ: dict[str, str] | None = None,
) -> int:
    """Build the docset at ``root``; the exit status (2: a missing language folder)."""
    extra = list(extra or [])
    configured = configure(root, confdir, source)
    docset = configured.docset
    if languages and not docset.single:
        docset.languages = list(dict.fromkeys(languages))
    rtd = ReadTheDocs.from_environ(os.environ if environ is None else environ)
    if rtd is not None:
        return build_read_the_docs(configured, rtd, extra)
    if docset.single:  # one tree, the root: straight into the output folder
        outdir = (outdir or docset.root / "_build" / "html").resolve()
        doctrees = docset.root / "_build" / "doctrees"
        status = run(sphinx_command(configured.confdir, docset.root, outdir, doctrees, {}, extra))
        if status == 0:
            print(f"built: {outdir / 'index.html'}")
        return 1 if status else 0
    missing = docset.missing()
    present = docset.present()
    if not present:
        report_missing(docset, missing)
        return 2
    outdir = (outdir or docset.root / "_build" / "html").resolve()
    outdir.mkdir(parents=True, exist_ok=True)

    def one(code: str) -> int:
        return run(
            sphinx_command(
                configured.confdir,
                docset.tree(code),
                outdir / code,
                docset.root / "_build" / "doctrees" / code,
                {"language": code},
                extra,
            )
        )

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        codes = list(pool.map(one, present))
    page = write_root_page(outdir, present, title or project_title(docset, configured.namespace))
    failed = [code for code, status in zip(present, codes, strict=True) if status]
    if failed:
        error(f"the build of {', '.join(failed)} failed")
        return 1
    if missing:
        report_missing(docset, missing)
        return 2
    print(f"built {len(present)} language(s): {page}")
    return 0


def build_read_the_docs(configured: Configured, rtd: ReadTheDocs, extra: list[str]) -> int:
    """One translation project's build: the tree of ``READTHEDOCS_LANGUAGE``."""
    docset = configured.docset
    present = docset.present()
    wanted = rtd.language or docset.languages[0]
    code = docset.languages[0] if docset.single else folder_for(wanted, present)
    if code is None:
        raise ProjectError(
            f"READTHEDOCS_LANGUAGE={wanted}: no language folder for it in {docset.source} "
            f"(found: {', '.join(present) or 'none'})"
        )
    # one tree: its conf.py (or READTHEDOCS_LANGUAGE, see languages.py) gives the language
    defines = {} if docset.single else {"language": code}
    namespace = configured.namespace
    if rtd.canonical_url and "html_baseurl" not in namespace:
        defines["html_baseurl"] = rtd.canonical_url
    language_url = rtd.language_url()
    if language_url and "superoffice_language_url" not in namespace:
        defines["superoffice_language_url"] = language_url
    outdir = rtd.output / "html"
    outdir.mkdir(parents=True, exist_ok=True)
    doctrees = docset.root / "_build" / "doctrees" / ("" if docset.single else code)
    return run(
        sphinx_command(configured.confdir, docset.tree(code), outdir, doctrees, defines, extra)
    )
