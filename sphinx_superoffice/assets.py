"""The CSS and JavaScript this extension ships for DFM blocks, in any HTML theme.

``static/superoffice-dfm.css`` styles the DocFX-specific blocks (``[!div]`` classes such as
``nextstepaction``/``checklist``/``op_single_selector``, videos, zones, monikers, rows,
dependent tabs); ``static/superoffice-dfm.js`` drives dependent tabs and the zone pivot
selector. Alerts and the look of tabs belong to the theme.

The files are copied into ``_static`` when an HTML build finishes, rather than by adding
a folder to ``html_static_path``: changing that setting would make every later build
see a configuration change.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / "static"
FILES = ("superoffice-dfm.css", "superoffice-dfm.js")


def _copy_assets(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(STATIC_DIR / name, static / name)


def setup_assets(app: Sphinx) -> None:
    app.connect("build-finished", _copy_assets)
    app.add_css_file("superoffice-dfm.css")
    app.add_js_file("superoffice-dfm.js", loading_method="defer")
