"""The CSS and JavaScript this extension ships for DFM blocks, in any HTML theme.

``static/superoffice-dfm.css`` styles the DocFX-specific blocks (``[!div]`` classes such as
``nextstepaction``/``checklist``/``op_single_selector``, videos, zones, monikers, rows,
dependent tabs); ``static/superoffice-dfm.js`` drives dependent tabs and the zone pivot
selector. Alerts and the look of tabs belong to the theme.

The files are copied into ``_static`` once the pages are read and before any page is
written (``env-updated``), so the ``?v=`` checksum Sphinx adds to each link is the one of
the file being published. A folder in ``html_static_path`` would do the same, but changing
that setting would make every later build see a configuration change.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

STATIC_DIR = Path(__file__).parent / "static"
FILES = ("superoffice-dfm.css", "superoffice-dfm.js")


def _copy_assets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if app.builder.format != "html":
        return []
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        target = static / name
        content = (STATIC_DIR / name).read_bytes()
        if not target.is_file() or target.read_bytes() != content:
            target.write_bytes(content)
    return []


def setup_assets(app: Sphinx) -> None:
    app.connect("env-updated", _copy_assets)
    app.add_css_file("superoffice-dfm.css")
    app.add_js_file("superoffice-dfm.js", loading_method="defer")
