"""Compile every ``sphinx_superoffice/locale/*/LC_MESSAGES/*.po`` into its ``.mo``.

python tools/compile_catalogs.py          # write the .mo files
python tools/compile_catalogs.py --check  # exit 1 if a committed .mo is stale
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
LOCALE = Path(__file__).resolve().parent.parent / "sphinx_superoffice" / "locale"


def compiled(po: Path) -> bytes:
    with po.open("rb") as fh:
        catalog = read_po(fh)
    # babel stamps the header with "now"; fix it so the output is reproducible
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main(check: bool) -> int:
    stale = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        data = compiled(po)
        if check:
            if not mo.exists() or mo.read_bytes() != data:
                stale.append(mo)
        else:
            mo.write_bytes(data)
    for mo in stale:
        print(f"stale: {mo}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
