"""Output assets: the CSS and JavaScript this extension ships, and stable image names.

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

from ._sphinx import set_taken_image_names

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


def stable_image_names(names: list[str]) -> dict[str, str]:
    """Source path -> output name for images, in source-path order: ``x.png``, then
    ``x1.png``, ``x2.png`` for the next files named ``x.png`` (skipping names taken by
    other files). Linear: each base name keeps its next number."""
    taken: set[str] = set()
    next_number: dict[tuple[str, str], int] = {}
    result: dict[str, str] = {}
    for filename in sorted(names):
        base, ext = Path(filename).stem, Path(filename).suffix
        unique, i = base + ext, next_number.get((base, ext), 0)
        if i or unique in taken:
            i = max(i, 1)
            while (unique := f"{base}{i}{ext}") in taken:
                i += 1
        next_number[(base, ext)] = i + 1
        taken.add(unique)
        result[filename] = unique
    return result


def _stable_image_names(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Name copied images in source-path order, whatever order ``-j N`` merged them in.

    Sphinx names two images with one file name ``x.png`` and ``x1.png`` in the order
    it meets them; with ``-j N`` that is the order worker processes finish, so pages
    sharing a name (the corpus has some) would swap images between builds. Pages
    whose images get another name are written again.
    """
    images = env.images
    names = stable_image_names(list(images))
    renamed: set[str] = set()
    for filename, unique in names.items():
        docnames, old = images[filename]
        if unique != old:
            images[filename] = (docnames, unique)
            renamed |= docnames
    set_taken_image_names(images, set(names.values()))
    return sorted(renamed)


def setup_assets(app: Sphinx) -> None:
    app.connect("env-get-updated", _stable_image_names)
    app.connect("env-updated", _copy_assets)
    app.add_css_file("superoffice-dfm.css")
    app.add_js_file("superoffice-dfm.js", loading_method="defer")
