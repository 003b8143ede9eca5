"""Landing-page icons: copy the Phosphor SVGs in use, and write their CSS block.

Usage::

    python tools/landing_icons.py                 # rewrite the block in superoffice-dfm.css
    python tools/landing_icons.py --check         # exit 1 if the block is stale
    python tools/landing_icons.py --from DIR      # first copy the SVGs (and LICENSE) in
                                                  # use from an unpacked @phosphor-icons/core

Getting the SVGs (once, or to move to a newer Phosphor release; Node is never needed to
build or install)::

    cd /tmp && npm pack @phosphor-icons/core && tar -xzf phosphor-icons-core-*.tgz
    python tools/landing_icons.py --from /tmp/package

The names in use are in ``sphinx_superoffice/landing_icons.py`` (``HUB_ICONS`` and
``IMAGE_ICONS``); ``static/icons/`` holds exactly those, from ``assets/regular/``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sphinx_superoffice.landing_icons import (  # noqa: E402
    CSS_FILE,
    ICON_DIR,
    PHOSPHOR_NAMES,
    css_block,
    replace_block,
)


def copy_icons(package: Path) -> str:
    """Copy the regular-weight SVGs in use and the licence; return the package version."""
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    for old in ICON_DIR.glob("*.svg"):
        old.unlink()
    for name in sorted(PHOSPHOR_NAMES):
        shutil.copyfile(package / "assets" / "regular" / f"{name}.svg", ICON_DIR / f"{name}.svg")
    shutil.copyfile(package / "LICENSE", ICON_DIR / "LICENSE")
    return str(version)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the CSS is stale")
    parser.add_argument("--from", dest="package", type=Path, help="unpacked @phosphor-icons/core")
    args = parser.parse_args(argv)
    if args.package:
        version = copy_icons(args.package)
        print(f"copied {len(PHOSPHOR_NAMES)} icons of @phosphor-icons/core {version}")
        print("  (update the version in sphinx_superoffice/static/icons/README.md)")
    css = CSS_FILE.read_text(encoding="utf-8")
    new = replace_block(css, css_block())
    if args.check:
        if new != css:
            print(f"{CSS_FILE.relative_to(ROOT)} is stale: run python tools/landing_icons.py")
            return 1
        return 0
    if new != css:
        CSS_FILE.write_text(new, encoding="utf-8")
        print(f"wrote {CSS_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
