"""Scan built HTML for dead local links: ``<a href>`` to a missing file, or to a
``#fragment`` that no element of the target page carries (``id=`` or ``<a name=>``),
and ``<img src>`` to a missing file.

Usage::

    python benchmarks/check_links.py BUILD_DIR [--site-root DIR] [--show N] [--json]

``--site-root`` is the folder that links may reach outside ``BUILD_DIR`` (for
language builds side by side: ``_build/html`` holding ``no/`` and ``en/``); by
default only ``BUILD_DIR``. External URLs (any ``scheme:``) are not checked.
Exit status 1 if anything is broken. Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import json
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import unquote

_A_HREF = re.compile(r"""<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_IMG_SRC = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_ID = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
#: what sphinx-superoffice renders, as text, for a link it could not resolve (one warning each)
_UNRESOLVED = re.compile(r'class="[^"]*\bunresolved\b[^"]*"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
#: Sphinx's generated pages, and the 404 page, whose links are site-absolute by design (it
#: is served at any missing URL; tests/browser/test_notfound.py follows them)
_SKIP_PAGES = ("genindex.html", "search.html", "py-modindex.html", "404.html")


def _unescape(value: str) -> str:
    return value.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", '"')


class Checker:
    def __init__(self, build: Path, site_root: Path) -> None:
        self.build = build.resolve()
        self.site_root = site_root.resolve()
        self._ids: dict[Path, set[str]] = {}

    def ids_of(self, page: Path) -> set[str]:
        ids = self._ids.get(page)
        if ids is None:
            text = page.read_text(encoding="utf-8", errors="replace")
            ids = {_unescape(a or b) for a, b in _ID.findall(text)}
            self._ids[page] = ids
        return ids

    def check(self) -> dict[str, list[tuple[str, str]]]:
        broken: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
        counts: collections.Counter[str] = collections.Counter()
        for page in sorted(self.build.rglob("*.html")):
            rel_page = page.relative_to(self.build).as_posix()
            if rel_page.startswith(("_static/", "_sources/", "_downloads/")):
                continue
            if rel_page in _SKIP_PAGES:
                continue
            text = page.read_text(encoding="utf-8", errors="replace")
            counts["unresolved (text)"] += len(_UNRESOLVED.findall(text))
            for kind, regex in (("a", _A_HREF), ("img", _IMG_SRC)):
                for a, b in regex.findall(text):
                    href = _unescape(a or b)
                    if not href or _SCHEME.match(href) or href.startswith("//"):
                        continue
                    counts[kind] += 1
                    problem = self._problem(page, href, kind)
                    if problem:
                        broken[problem].append((rel_page, href))
        self.counts = counts
        return broken

    def _problem(self, page: Path, href: str, kind: str) -> str | None:
        path, _, fragment = href.partition("#")
        path = path.partition("?")[0]
        if not path:
            target = page
        elif path.startswith("/"):
            target = self.site_root / unquote(path).lstrip("/")
        else:
            target = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), unquote(path))))
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return "img: missing file" if kind == "img" else "a: missing file"
        if (
            kind == "a"
            and fragment
            and target.suffix == ".html"
            and unquote(fragment) not in self.ids_of(target)
        ):
            return "a: missing #fragment"
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--site-root", type=Path, default=None)
    parser.add_argument("--show", type=int, default=10, help="examples per problem")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    checker = Checker(args.build, args.site_root or args.build)
    broken = checker.check()
    if args.json:
        print(
            json.dumps(
                {"checked": dict(checker.counts), "broken": dict(broken)},
                indent=1,
                ensure_ascii=False,
            )
        )
    else:
        print(f"checked: {dict(checker.counts)}")
        for problem, items in sorted(broken.items()):
            print(f"{problem}: {len(items)}")
            for page, href in items[: args.show]:
                print(f"    {page}: {href}")
        if not broken:
            print("no dead local links")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
