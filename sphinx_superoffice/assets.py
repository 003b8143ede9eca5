"""The CSS and JavaScript this extension ships for DFM blocks, in any HTML theme.

``static/superoffice-dfm.css`` styles the DocFX-specific blocks (``[!div]`` classes such as
``nextstepaction``/``checklist``/``op_single_selector``, videos, zones, monikers, rows,
dependent tabs); ``static/superoffice-dfm.js`` drives dependent tabs and the zone pivot
selector. Alerts and the look of tabs belong to the theme.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx, config: Config) -> None:
    if str(STATIC_DIR) not in map(str, config.html_static_path):
        config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def setup_assets(app: Sphinx) -> None:
    app.connect("config-inited", _add_static_path)
    app.add_css_file("superoffice-dfm.css")
    app.add_js_file("superoffice-dfm.js", loading_method="defer")
