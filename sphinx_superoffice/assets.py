"""Output assets: the CSS and JavaScript this extension ships, and stable image names.

``static/superoffice-dfm.css`` styles the DocFX-specific blocks (``[!div]`` classes such as
``nextstepaction``/``checklist``/``op_single_selector``, videos, zones, monikers, rows,
dependent tabs); ``static/superoffice-dfm.js`` drives dependent tabs and the zone pivot
selector. Alerts and the look of tabs belong to the theme.

The files are copied into ``_static`` once the pages are read and before any page is
written (``env-updated``), so the ``?v=`` checksum Sphinx adds to each link is the one of
the file being published. A folder in ``html_static_path`` would do the same, but changing
that setting would make every later build see a configuration change.

sphinx-design's own files get the same treatment: sphinx-design appends its static folder
to ``html_static_path`` at ``builder-inited``, after Sphinx has compared the configuration
with the pickled one, so every rebuild saw that setting change ("The configuration has
changed (1 option: 'html_static_path')"). :func:`_stable_static_path` takes the folder out
again and :func:`_copy_assets` copies its files with ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._sphinx import set_taken_image_names
from ._sphinx_design import design_static_dir
from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

STATIC_DIR = Path(__file__).parent / "static"
FILES = ("superoffice-dfm.css", "superoffice-dfm.js")


def _stable_static_path(app: Sphinx) -> None:
    """Undo sphinx-design's ``html_static_path`` append (runs after its handler), so
    the setting the environment pickles is the one ``conf.py`` gives."""
    design = design_static_dir()
    paths = app.config.html_static_path
    kept = [entry for entry in paths if Path(entry) != design]
    if len(kept) != len(paths):
        app.config.html_static_path = kept
        get_state(app.env).slot(DesignStatic).copy = True


@dataclass
class DesignStatic:
    """Whether sphinx-design's static files are ours to copy in this build."""

    copy: bool = False


def _copy_file(source: Path, target: Path) -> None:
    content = source.read_bytes()
    if not target.is_file() or target.read_bytes() != content:
        target.write_bytes(content)


def _copy_assets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if app.builder.format != "html":
        return []
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        _copy_file(STATIC_DIR / name, static / name)
    if get_state(env).slot(DesignStatic).copy:
        design = design_static_dir()
        for source in sorted(design.iterdir()):
            if source.is_file():
                _copy_file(source, static / source.name)
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
    app.connect("builder-inited", _stable_static_path, priority=900)
    app.add_css_file("superoffice-dfm.css")
    app.add_js_file("superoffice-dfm.js", loading_method="defer")
