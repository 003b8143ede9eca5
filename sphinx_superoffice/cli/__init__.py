"""The ``sphinx-superoffice`` command (also ``python -m sphinx_superoffice``).

- ``build [ROOT]``: every language tree into ``_build/html/<lang>/`` with a root page
  (on Read the Docs: the tree of ``READTHEDOCS_LANGUAGE`` into ``$READTHEDOCS_OUTPUT``);
- ``serve [ROOT]``: a live preview of one language (sphinx-autobuild, the ``serve`` extra);
- ``init [ROOT]``: conf.py and .readthedocs.yaml from docfx.json and the language folders.

A problem with the folder or its configuration is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .._version import __version__
from .project import ProjectError

PROG = "sphinx-superoffice"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Build, preview and set up DocFX docsets with Sphinx.",
        epilog="Arguments after -- go to every sphinx-build (build, serve).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "root",
            nargs="?",
            type=Path,
            default=Path(),
            help="the docset root: conf.py and/or docfx.json (default: .)",
        )
        sub.add_argument(
            "--source",
            type=Path,
            help="the folder holding one folder per language (default: ROOT/docs or ROOT)",
        )

    build = commands.add_parser("build", help="build every language into one site")
    common(build)
    build.add_argument("-c", "--conf-dir", type=Path, help="the folder of conf.py")
    build.add_argument("-o", "--output", type=Path, help="the site (default: ROOT/_build/html)")
    build.add_argument("--languages", nargs="+", help="only these languages, in this order")
    build.add_argument("-j", "--jobs", type=int, default=1, help="languages built at once")
    build.add_argument("--title", help="the root page's title (default: the project)")

    serve = commands.add_parser("serve", help="live preview of one language")
    common(serve)
    serve.add_argument("-c", "--conf-dir", type=Path, help="the folder of conf.py")
    serve.add_argument("-o", "--output", type=Path, help="default: ROOT/_build/html")
    serve.add_argument("--language", help="the language to preview (default: the first)")
    serve.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    serve.add_argument("-p", "--port", type=int, default=8000, help="default: 8000")

    init = commands.add_parser("init", help="write conf.py and .readthedocs.yaml")
    common(init)
    init.add_argument("--force", action="store_true", help="overwrite existing files")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        argv, extra = argv[: argv.index("--")], argv[argv.index("--") + 1 :]
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            from .build import build

            return build(
                args.root,
                outdir=args.output,
                confdir=args.conf_dir,
                source=args.source,
                languages=args.languages,
                jobs=args.jobs,
                title=args.title,
                extra=extra,
            )
        if args.command == "serve":
            from .serve import serve

            return serve(
                args.root,
                outdir=args.output,
                confdir=args.conf_dir,
                source=args.source,
                language=args.language,
                host=args.host,
                port=args.port,
                extra=extra,
            )
        from .init import init

        if extra:
            raise ProjectError("init takes no sphinx-build arguments")
        return init(args.root, source=args.source, force=args.force)
    except ProjectError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
