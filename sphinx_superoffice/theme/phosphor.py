"""Phosphor icon tags (``<i class="ph ph-gear" aria-hidden="true"></i>``): the glyphs.

Pure (no Sphinx). DocFX sites load Phosphor's web font from a CDN; the theme ships the
icons a site uses instead, as CSS masks with ``data:`` URLs in one generated file,
``superoffice/static/superoffice-phosphor.css`` (no font, no request to another host;
pages opened from disk show them too). The glyph is painted with ``currentColor``, 1em
square, and the tag keeps its own attributes (``aria-hidden``, ``aria-label``).

The subset is listed in ``theme/phosphor/icons.txt``: one line per SVG, ``weight/file``
followed by the icon classes drawn with it::

    regular/gear ph-gear
    regular/target ph-target ph-bullseye
    fill/circle ph-fill.ph-circle ph-circle-fill

(``ph-fill.ph-circle``: both classes on one tag, the fill weight; ``ph-bullseye`` and
``ph-circle-wavy-warning`` are names of older Phosphor releases.) The SVGs are committed
beside it; ``tools/phosphor_icons.py`` rebuilds the list from a corpus and a Phosphor
package, and :func:`css_text` writes the CSS (``--check`` tells whether it is stale).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..landing_icons import svg_data_url

#: where the committed SVGs, their list and Phosphor's LICENSE live (not a static folder:
#: only the stylesheet is published)
PHOSPHOR_DIR = Path(__file__).parent / "phosphor"
#: the list of the subset
LIST_FILE = PHOSPHOR_DIR / "icons.txt"
#: the generated stylesheet (a theme static file, linked from pages with an icon)
CSS_NAME = "superoffice-phosphor.css"
CSS_FILE = Path(__file__).parent / "superoffice" / "static" / CSS_NAME

#: Phosphor's weights, as classes (``ph`` is the regular weight)
WEIGHTS: dict[str, str] = {
    "ph": "regular",
    "ph-bold": "bold",
    "ph-fill": "fill",
    "ph-light": "light",
    "ph-thin": "thin",
    "ph-duotone": "duotone",
}
#: names used by older Phosphor releases (and the corpus) that are not files of 2.x;
#: the package's own aliases (``circle-wavy-warning`` -> ``seal-warning``) come from
#: its icon catalogue
EXTRA_ALIASES: dict[str, str] = {"bullseye": "target"}

_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_I_TAG = re.compile(r"<i\b[^>]*>", re.IGNORECASE)
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class IconUse:
    """One icon as a tag names it: its weight and its name (``fill``, ``circle``)."""

    weight: str
    name: str

    @property
    def selector(self) -> str:
        """The classes that select it (``ph-fill.ph-circle``; ``ph-gear`` for regular)."""
        if self.weight == "regular":
            return f"ph-{self.name}"
        return f"ph-{self.weight}.ph-{self.name}"


def icon_uses(classes: str) -> list[IconUse]:
    """The icons one tag's ``class`` value names: ``"ph ph-gear"`` -> regular ``gear``;
    ``"ph ph-fill ph-circle"`` -> fill ``circle``; none if no Phosphor class is there."""
    tokens = classes.split()
    weights = [WEIGHTS[t] for t in tokens if t in WEIGHTS]
    if not weights:
        return []
    weight = next((w for w in weights if w != "regular"), "regular")
    names = [t[3:] for t in tokens if t.startswith("ph-") and t not in WEIGHTS]
    return [IconUse(weight, n) for n in names if _NAME.fullmatch(n)]


def uses_in_html(html: str) -> list[IconUse]:
    """Every icon the ``<i>`` tags of an HTML fragment name, in order."""
    found = []
    for tag in _I_TAG.findall(html):
        for match in _CLASS_ATTR.finditer(tag):
            found.extend(icon_uses(match.group(1) or match.group(2) or ""))
    return found


@dataclass(frozen=True)
class Glyph:
    """One committed SVG (``fill/circle``) and the selectors drawn with it."""

    file: str
    selectors: tuple[str, ...]


def read_list(text: str) -> list[Glyph]:
    """Parse ``icons.txt`` (blank lines and ``#`` comments ignored)."""
    glyphs = []
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2:
            glyphs.append(Glyph(parts[0], tuple(parts[1:])))
    return glyphs


def write_list(glyphs: list[Glyph], header: str = "") -> str:
    """``icons.txt`` for ``glyphs`` (sorted), after ``header`` (comment lines)."""
    lines = [f"# {h}".rstrip() for h in header.splitlines()]
    lines += [" ".join([g.file, *g.selectors]) for g in sorted(glyphs, key=lambda g: g.file)]
    return "\n".join(lines) + "\n"


def drawn_selectors(glyphs: list[Glyph]) -> frozenset[str]:
    """Every selector that has a glyph."""
    return frozenset(s for g in glyphs for s in g.selectors)


def has_glyph(use: IconUse, selectors: frozenset[str]) -> bool:
    """Whether ``use`` is drawn (a weight without its own glyph falls back to regular)."""
    return use.selector in selectors or f"ph-{use.name}" in selectors


BASE_RULE = (
    "i:is(.ph, .ph-bold, .ph-fill, .ph-light, .ph-thin, .ph-duotone) "
    "{ display: none; width: 1em; height: 1em; vertical-align: -0.125em; "
    "font-style: normal; background-color: currentColor; "
    "-webkit-mask: var(--ph) center / contain no-repeat; "
    "mask: var(--ph) center / contain no-repeat; }"
)
HEADER = (
    "/* Phosphor Icons (MIT, https://phosphoricons.com; LICENSE in theme/phosphor/): the\n"
    "   icons this site uses, as CSS masks. Generated by tools/phosphor_icons.py from\n"
    "   theme/phosphor/ (do not edit). */"
)


def css_text(glyphs: list[Glyph], icon_dir: Path = PHOSPHOR_DIR) -> str:
    """The stylesheet: the base rule (hidden), the rule that shows every name with a
    glyph, then one ``--ph`` mask per SVG for its selectors. A tag whose name has no
    glyph stays hidden, as it would be in DocFX without the font."""
    ordered = sorted(glyphs, key=lambda g: g.file)
    known = sorted(drawn_selectors(ordered))
    lines = [HEADER, BASE_RULE]
    lines.append(f"i:is({', '.join(f'.{s}' for s in known)}) {{ display: inline-block; }}")
    for glyph in ordered:
        svg = (icon_dir / f"{glyph.file}.svg").read_text(encoding="utf-8")
        selectors = ", ".join(f".{s}" for s in glyph.selectors)
        lines.append(f"{selectors} {{ --ph: {svg_data_url(svg)}; }}")
    return "\n".join(lines) + "\n"
