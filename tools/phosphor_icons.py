"""Phosphor icons: choose the subset a site uses, copy its SVGs, write the stylesheet.

Usage::

    python tools/phosphor_icons.py                      # rewrite superoffice-phosphor.css
    python tools/phosphor_icons.py --check              # exit 1 if it is stale
    python tools/phosphor_icons.py --from DIR --corpus ../shared/corpus/superoffice
        # list every <i class="ph ph-NAME"> of the corpus (plus --names), copy those SVGs
        # (and LICENSE) from an unpacked @phosphor-icons/core into theme/phosphor/,
        # write theme/phosphor/icons.txt and the stylesheet

Getting the package (Node is never needed to build or install)::

    cd /tmp && npm pack @phosphor-icons/core && tar -xzf phosphor-icons-core-*.tgz
    # or: git clone https://github.com/phosphor-icons/core /tmp/package

``--from`` replaces the subset by what the corpus and ``--names`` use; an icon name that
the package does not have (nor as an alias) stops the tool with its name and first use.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sphinx_superoffice.theme.phosphor import (  # noqa: E402
    CSS_FILE,
    EXTRA_ALIASES,
    LIST_FILE,
    PHOSPHOR_DIR,
    Glyph,
    IconUse,
    css_text,
    read_list,
    uses_in_html,
    write_list,
)

SUFFIXES = (".md", ".yml", ".yaml", ".html", ".htm")
_ALIAS = re.compile(
    r'name:\s*"([a-z0-9-]+)"\s*,\s*pascal_name:\s*"[^"]*"\s*,\s*alias:\s*\{\s*name:\s*"([a-z0-9-]+)"'
)


def corpus_uses(folders: list[Path]) -> dict[IconUse, str]:
    """Each icon the corpus names -> its first use (``file:line``), in path order."""
    found: dict[IconUse, str] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in SUFFIXES or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if "ph" not in text:
                continue
            for number, line in enumerate(text.splitlines(), 1):
                for use in uses_in_html(line):
                    found.setdefault(use, f"{path}:{number}")
    return found


def package_aliases(package: Path) -> dict[str, str]:
    """Old name -> current name, from the package's icon catalogue (source or dist)."""
    aliases: dict[str, str] = {}
    for candidate in [package / "src" / "icons.ts", *sorted((package / "dist").glob("*.mjs"))]:
        if candidate.is_file():
            for name, old in _ALIAS.findall(candidate.read_text(encoding="utf-8")):
                aliases.setdefault(old, name)
    return {**aliases, **EXTRA_ALIASES}


def svg_file(package: Path, use: IconUse, aliases: dict[str, str]) -> str | None:
    """``weight/file`` of the SVG that draws ``use``, or None."""
    weight, name = use.weight, aliases.get(use.name, use.name)
    if weight == "regular":
        # Phosphor 1.x named weights by suffix: `ph-circle-fill`
        for other in ("bold", "fill", "light", "thin", "duotone"):
            base = name.removesuffix(f"-{other}")
            if base != name and (package / "assets" / other / f"{name}.svg").is_file():
                weight, name = other, aliases.get(base, base)
                break
    stem = name if weight == "regular" else f"{name}-{weight}"
    return f"{weight}/{stem}" if (package / "assets" / weight / f"{stem}.svg").is_file() else None


def choose(package: Path, uses: dict[IconUse, str]) -> tuple[list[Glyph], list[str]]:
    """The glyphs for ``uses`` and the uses without one (``name (first use)``)."""
    aliases = package_aliases(package)
    selectors: dict[str, list[str]] = {}
    missing = []
    for use, where in sorted(uses.items(), key=lambda item: item[0].selector):
        file = svg_file(package, use, aliases)
        if file is None:
            missing.append(f"{use.selector} ({where})")
        else:
            selectors.setdefault(file, []).append(use.selector)
    return [Glyph(f, tuple(sorted(s))) for f, s in selectors.items()], missing


def copy_subset(package: Path, glyphs: list[Glyph]) -> str:
    """Replace the committed SVGs by ``glyphs``' and copy the licence; return the version."""
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    for old in PHOSPHOR_DIR.glob("*/*.svg"):
        old.unlink()
    for glyph in glyphs:
        target = PHOSPHOR_DIR / f"{glyph.file}.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(package / "assets" / f"{glyph.file}.svg", target)
    shutil.copyfile(package / "LICENSE", PHOSPHOR_DIR / "LICENSE")
    return str(version)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the CSS is stale")
    parser.add_argument("--from", dest="package", type=Path, help="unpacked @phosphor-icons/core")
    parser.add_argument("--corpus", type=Path, nargs="*", default=[], help="folders to scan")
    parser.add_argument("--names", nargs="*", default=[], help="more icon classes: ph-gear")
    args = parser.parse_args(argv)
    if args.package:
        uses = corpus_uses(args.corpus)
        for name in args.names:
            uses.update(dict.fromkeys(uses_in_html(f'<i class="ph {name}">'), "--names"))
        glyphs, missing = choose(args.package, uses)
        if missing:
            print("no Phosphor icon for: " + ", ".join(missing), file=sys.stderr)
            return 1
        version = copy_subset(args.package, glyphs)
        header = (
            f"Phosphor Icons (MIT), @phosphor-icons/core {version}: the icons in use.\n"
            "Written by tools/phosphor_icons.py; one SVG per line, then the classes it draws."
        )
        LIST_FILE.write_text(write_list(glyphs, header), encoding="utf-8")
        print(f"copied {len(glyphs)} icons ({len(uses)} classes) of @phosphor-icons/core {version}")
    css = css_text(read_list(LIST_FILE.read_text(encoding="utf-8")))
    old = CSS_FILE.read_text(encoding="utf-8") if CSS_FILE.is_file() else ""
    if args.check:
        if css != old:
            print(f"{CSS_FILE.relative_to(ROOT)} is stale: run python tools/phosphor_icons.py")
            return 1
        return 0
    if css != old:
        CSS_FILE.write_text(css, encoding="utf-8")
        print(f"wrote {CSS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
