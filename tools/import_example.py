"""Copy a small, self-contained slice of the SuperOffice DocFX corpus into example-docs/.

The corpus (../shared/corpus/superoffice, MIT, Copyright (c) 2020 SuperOffice Docs) is
copied unchanged except for one thing: a link to a page that is not part of this
slice points at the published page on docs.superoffice.com instead, so the example
has no dead links. Includes, images and the pages listed below keep their layout.

    python tools/import_example.py ../shared/corpus/superoffice
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

PAGES = [
    "learn/getting-started/index.md",
    "learn/getting-started/login.md",
    "learn/getting-started/change-language.md",
    "admin/import/index.md",
    "admin/import/from-erp.md",
    "admin/import/from-excel.md",
    "admin/import/settings.md",
    "document/templates/merge-fields/alternative.md",
]
LANGUAGES = ["en", "no"]
SITE = "https://docs.superoffice.com"

_TARGET_RE = re.compile(
    r"(?P<pre>^\[[^\]]+\]:[ \t]*<?|\]\()(?P<path>[^)\s>#]+?\.(?:md|yml|png|jpe?g|gif|svg))"
    r"(?P<anchor>#[^)\s>]*)?",
    re.IGNORECASE | re.MULTILINE,
)
_INCLUDE_RE = re.compile(r"\[!include[+-]?\s*\[[^\]]*\]\(<?([^)\s>]+)", re.IGNORECASE)


def main(corpus: Path, out: Path) -> None:
    docs = corpus / "docs"
    wanted = {(docs / lang / page).resolve() for lang in LANGUAGES for page in PAGES}
    files: set[Path] = set()
    todo = list(wanted)
    while todo:  # pages and, transitively, their includes
        page = todo.pop()
        if page in files or not page.is_file():
            continue
        files.add(page)
        text = page.read_bytes().decode("utf-8-sig")
        todo.extend((page.parent / m.group(1)).resolve() for m in _INCLUDE_RE.finditer(text))

    for src in sorted(files):
        rel = src.relative_to(corpus)
        text = src.read_bytes().decode("utf-8-sig")

        def fix(m: re.Match[str], src: Path = src) -> str:
            target = (src.parent / m.group("path")).resolve()
            if target.suffix.lower() in {".md", ".yml"} and target not in files:
                web = target.relative_to(docs).with_suffix(".html").as_posix()
                return f"{m.group('pre')}{SITE}/{web}{m.group('anchor') or ''}"
            if target.is_file() and target.suffix.lower() not in {".md", ".yml"}:
                dest = out / target.relative_to(corpus)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(target, dest)
            return m.group(0)

        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(_TARGET_RE.sub(fix, text), encoding="utf-8")
        print(rel)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(__file__).resolve().parents[1] / "example-docs")
