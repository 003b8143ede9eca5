"""Scan a built corpus for unrendered DFM syntax, and check code snippets against their files.

Usage: ``python tests/rich/corpus_scan.py <source dir> <html dir>``; prints figures and
exits non-zero when raw syntax is found or a snippet shows the wrong lines.

- Raw syntax: ``#tab/``, ``[!code-``, ``[!Video``, ``[!div`` and ``:::`` in the visible
  text of every page (scripts, styles, hidden inputs and code blocks excluded, since
  a code block may legitimately *show* DFM syntax).
- Snippets: for every ``[!code-…](path?range=…)`` statement of a page, the expected text
  is computed here, independently of the extension (whole file or ``?range=`` lists,
  the only forms this corpus uses; common indentation removed), and compared with the
  page's snippet blocks in order.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

RAW_PATTERNS = ("#tab/", "[!code-", "[!video", "[!div", ":::")
STATEMENT_RE = re.compile(
    r"^[ \t]*(?:\d+\.|[-*])?[ \t]*\[!code-[A-Za-z]+\[[^\]]*\]\((?P<path>[^)#?\s]+)"
    r"(?:\?(?P<query>[^)#\s]*))?\)\]\s*$",
    re.M | re.I,
)


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "pre", "head", "input"]):
        tag.decompose()
    body = soup.find("body") or soup
    return body.get_text(" ")


def scan_raw(html_dir: Path) -> tuple[int, dict[str, list[str]]]:
    """Pages scanned, and per pattern the pages whose visible text still shows it."""
    found: dict[str, list[str]] = {p: [] for p in RAW_PATTERNS}
    pages = sorted(html_dir.rglob("*.html"))
    for page in pages:
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        text = visible_text(page.read_text(encoding="utf-8", errors="replace")).lower()
        for pattern in RAW_PATTERNS:
            if pattern in text:
                found[pattern].append(str(page.relative_to(html_dir)))
    return len(pages), found


def expected_snippet(source: Path, query: str | None) -> str:
    """Whole file, or ``range=`` lines; any other query shows the whole file (as in DocFX)."""
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    range_text = query[len("range=") :] if query and query.startswith("range=") else ""
    if not re.fullmatch(r"\d+(-\d*)?(,\d+(-\d*)?)*", range_text):
        range_text = ""
    if range_text:
        picked: list[str] = []
        for item in range_text.split(","):
            start_s, dash, end_s = item.partition("-")
            start = int(start_s)
            end = (int(end_s) if end_s else len(lines)) if dash else start
            picked.extend(lines[start - 1 : end])
        lines = picked
    lines = [line.expandtabs(4).rstrip() for line in lines]
    indent = min((len(x) - len(x.lstrip(" ")) for x in lines if x.strip()), default=0)
    return "\n".join(line[indent:] for line in lines).strip("\n")


def check_snippets(src_dir: Path, html_dir: Path) -> tuple[int, list[str]]:
    """Snippet statements checked, and the mismatches found."""
    checked = 0
    problems: list[str] = []
    for md in sorted(src_dir.rglob("*.md")):
        if not md.is_file() or "includes" in md.relative_to(src_dir).parts:
            continue
        text = md.read_text(encoding="utf-8-sig", errors="replace")
        statements = list(STATEMENT_RE.finditer(text))
        if not statements:
            continue
        page = html_dir / md.relative_to(src_dir).with_suffix(".html")
        if not page.is_file():
            problems.append(f"{md}: no HTML page")
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        blocks = soup.select("div.dfm-snippet pre, div.dfm-snippet-missing")
        if len(blocks) != len(statements):
            problems.append(f"{page}: {len(statements)} statements but {len(blocks)} blocks")
            continue
        for m, block in zip(statements, blocks, strict=True):
            checked += 1
            target = (md.parent / m.group("path")).resolve()
            if not target.is_file() and target.parent.is_dir():
                # DocFX ran on Windows: file names match case-insensitively
                same = [p for p in target.parent.iterdir() if p.name.lower() == target.name.lower()]
                target = same[0] if len(same) == 1 else target
            if not target.is_file():
                if "dfm-snippet-missing" not in (block.get("class") or []):
                    problems.append(f"{md}: {m.group('path')} is missing but code is shown")
                continue
            want = expected_snippet(target, m.group("query"))
            got = block.get_text().strip("\n")
            if got != want:
                problems.append(f"{md}: {m.group(0).strip()} shows other lines")
    return checked, problems


def main(argv: list[str]) -> int:
    src_dir, html_dir = Path(argv[1]), Path(argv[2])
    pages, raw = scan_raw(html_dir)
    print(f"pages scanned: {pages}")
    for pattern, where in raw.items():
        print(f"raw {pattern!r}: {len(where)} pages {where[:5]}")
    checked, problems = check_snippets(src_dir, html_dir)
    print(f"snippets checked against their files: {checked}, problems: {len(problems)}")
    for problem in problems:
        print("  " + problem)
    return 1 if problems or any(raw.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
