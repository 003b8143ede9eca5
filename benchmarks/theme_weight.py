"""Print the gzip size of the superoffice theme's own CSS and JS (the 50 KB budget).

Run: ``python benchmarks/theme_weight.py``. Counts the hand-written static files and the
inline theme-init script; Sphinx's own scripts, sphinx-design and Pygments CSS are not
the theme's and are listed separately for information.
"""

from __future__ import annotations

import gzip
from pathlib import Path

THEME = Path(__file__).resolve().parent.parent / "sphinx_superoffice" / "theme" / "superoffice"
OWN = [
    THEME / "static" / "superoffice.css",
    THEME / "static" / "superoffice.js",
    THEME / "so-theme-init.js",
    # the Phosphor icons in use (tools/phosphor_icons.py); linked only by pages with an icon
    THEME / "static" / "superoffice-phosphor.css",
]
BUDGET = 50 * 1024


def gzip_size(data: bytes) -> int:
    """Size of ``data`` after gzip at the level web servers typically use (9 = worst case)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def theme_weight() -> dict[str, tuple[int, int]]:
    """``{file name: (raw bytes, gzip bytes)}`` for each of the theme's own assets."""
    return {p.name: (len(p.read_bytes()), gzip_size(p.read_bytes())) for p in OWN}


def total_gzip() -> int:
    """The gzip size of all own assets, each compressed on its own (as served)."""
    return sum(gz for _raw, gz in theme_weight().values())


def main() -> None:
    for name, (raw, gz) in theme_weight().items():
        print(f"{name:24} {raw:8,d} B raw {gz:8,d} B gzip")
    total = total_gzip()
    print(f"{'total':24} {'':8} {'':6} {total:8,d} B gzip  (budget {BUDGET:,d} B)")


if __name__ == "__main__":
    main()
