"""Build every language tree of a DocFX docset into one site: ``<out>/<lang>/…``.

One ``conf.py`` serves all languages; each language is its own Sphinx build (the
language, the interface strings and the search index are global to a build), which
is also how Read the Docs translation projects work::

    python -m sphinx_superoffice.multilang -c example-docs example-docs/docs \\
        example-docs/_build/html --languages en no -- -W --keep-going

The site root gets an ``index.html`` that sends readers to the first language.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .langcodes import native_name, sphinx_language

_ROOT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={first}/index.html">
<link rel="canonical" href="{first}/index.html">
<meta name="robots" content="noindex">
</head>
<body>
<main>
<h1>{title}</h1>
<ul>
{links}
</ul>
</main>
</body>
</html>
"""


def build_language(
    confdir: Path, source: Path, outdir: Path, language: str, extra: list[str]
) -> int:
    """Run one ``sphinx-build`` for ``source/<language>`` into ``outdir/<language>``."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-c",
        str(confdir),
        "-D",
        f"language={language}",
        "-d",
        str(outdir.parent / "doctrees" / language),
        *extra,
        str(source / language),
        str(outdir / language),
    ]
    print("+", " ".join(command), flush=True)
    return subprocess.call(command)


def _bcp47(code: str) -> str:
    return html.escape(sphinx_language(code).replace("_", "-"))


def write_root_page(outdir: Path, languages: list[str], title: str) -> Path:
    """The site's ``index.html``: a link to each language, named in its own language
    (``Norsk``), and a redirect to the first."""
    links = "\n".join(
        f'<li><a href="{html.escape(lang)}/index.html" hreflang="{_bcp47(lang)}" '
        f'lang="{_bcp47(lang)}">{html.escape(native_name(lang))}</a></li>'
        for lang in languages
    )
    page = outdir / "index.html"
    page.write_text(
        _ROOT_PAGE.format(
            lang=_bcp47(languages[0]),
            first=html.escape(languages[0]),
            title=html.escape(title),
            links=links,
        ),
        encoding="utf-8",
    )
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sphinx_superoffice.multilang",
        epilog="Arguments after -- are passed to every sphinx-build.",
    )
    parser.add_argument("source", type=Path, help="the folder that holds one folder per language")
    parser.add_argument("outdir", type=Path, help="the site: one folder per language")
    parser.add_argument("-c", "--confdir", type=Path, required=True, help="the shared conf.py")
    parser.add_argument("--languages", nargs="+", required=True, help="DocFX language codes")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="languages built at once")
    parser.add_argument("--title", default="Documentation")
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:  # everything after -- goes to sphinx-build
        argv, extra = argv[: argv.index("--")], argv[argv.index("--") + 1 :]
    args = parser.parse_args(argv)

    args.outdir.mkdir(parents=True, exist_ok=True)
    languages = present_languages(args.source, args.languages)
    if not languages:
        print("no language folder to build", file=sys.stderr)
        return 1
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        codes = list(
            pool.map(
                lambda lang: build_language(args.confdir, args.source, args.outdir, lang, extra),
                languages,
            )
        )
    page = write_root_page(args.outdir, languages, args.title)
    failed = [lang for lang, code in zip(languages, codes, strict=True) if code]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    if len(languages) < len(args.languages) and any(
        a in ("-W", "--fail-on-warning") for a in extra
    ):
        return 1  # the missing folder's warning, as sphinx-build -W treats a warning
    print(f"built {len(languages)} languages: {page.resolve()}")
    return 0


def present_languages(source: Path, languages: list[str]) -> list[str]:
    """The languages whose folder exists; one ``superoffice.config`` warning for each
    other (it is skipped, and the root page does not link it)."""
    present = []
    for lang in languages:
        folder = source / lang
        if folder.is_dir():
            present.append(lang)
        else:
            print(
                f"{folder}: WARNING: language folder not found; {lang!r} is skipped "
                "[superoffice.config]",
                file=sys.stderr,
                flush=True,
            )
    return present


if __name__ == "__main__":
    raise SystemExit(main())
