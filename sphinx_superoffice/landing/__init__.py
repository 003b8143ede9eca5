"""YAML landing pages (``### YamlMime:SubCategory`` / ``Category``) as real pages.

The ``.yml`` source parser of the build: a ``### YamlMime:ManagedReference`` file goes to
:mod:`..apiref` (API reference pages).

``.yml`` is a source suffix handled by :class:`LandingParser`, which builds the doctree
from sphinx-design components (:mod:`.page`): a grid of cards, each with link lists whose
``itemType`` becomes an icon (``<span class="so-icon so-icon-<itemType>"
aria-hidden="true">``, drawn by ``superoffice-dfm.css``: :mod:`..landing_icons`).
Links resolve like Markdown links: a local page becomes the same ``pending_xref`` that
myst-parser makes for ``[text](page.md#anchor)``, so one resolver handles both.

Every visible string is a gettext message (:mod:`.messages`): Sphinx re-parses each
msgstr with this same parser, which then returns the translated text as a paragraph or
a title instead of reading it as a landing page.

Only landing pages become documents: at ``config-inited`` every ``.yml`` file is
classified by its first line; ``toc.yml`` and every other YAML file are added to
``exclude_patterns``. An unknown ``YamlMime`` gets one warning per type and is skipped.
"""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.parsers import Parser
from sphinx.util.matching import Matcher

from ..apiref import parse_api_page
from ..landing_icons import unknown_icons
from ..parser import DocfxParser
from ..sitemodel import app_site_index, site_index
from ..translation import TRANSLATED, is_translated
from ..warnings_ import SoWarning, warn
from ..yamlread import LANDING_MIMES, MREF_MIME, yaml_mime
from .messages import parse_translated
from .page import NON_PAGE_MIMES, PageBuilder

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = ["LANDING_MIMES", "NON_PAGE_MIMES", "LandingParser", "setup_landing"]


def setup_landing(app: Sphinx) -> None:
    app.add_source_suffix(".yml", "superoffice-landing")
    app.add_source_parser(LandingParser)
    app.connect("config-inited", _exclude_non_landing_yaml, priority=850)
    app.connect("env-check-consistency", _warn_unknown_icons)


def _exclude_non_landing_yaml(app: Sphinx, config: Config) -> None:
    """Keep every .yml that is not a landing page out of the page set."""
    index = app_site_index(app)
    patterns = list(config.exclude_patterns)
    excluded = Matcher(patterns)
    per_dir: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    unknown: dict[str, list[str]] = defaultdict(list)
    for rel in index.yaml_files():
        if posixpath.basename(rel).lower() in ("toc.yml",) or excluded(rel):
            continue
        mime = index.yaml_mime(rel)
        is_page = mime in LANDING_MIMES or mime == MREF_MIME
        if mime and not is_page and mime not in NON_PAGE_MIMES:
            unknown[mime].append(rel)
        per_dir[posixpath.dirname(rel)].append((rel, is_page))
    new = ["**/toc.yml", "toc.yml"]
    # the build's own output inside the source folder (its xrefmap.yml) is never a page
    for output in (app.outdir, app.doctreedir):
        inside = Path(output).resolve()
        if inside.is_relative_to(index.srcdir) and inside != index.srcdir:
            new.append(inside.relative_to(index.srcdir).as_posix() + "/**")
    for folder, entries in sorted(per_dir.items()):
        skipped = [rel for rel, is_page in entries if not is_page]
        if skipped and len(skipped) == len(entries) and len(skipped) > 3:
            new.append(posixpath.join(folder, "*.yml") if folder else "*.yml")
        else:
            new.extend(skipped)
    for mime, rels in sorted(unknown.items()):
        more = f" and {len(rels) - 1} more" if len(rels) > 1 else ""
        warn(
            f"unknown YamlMime {mime!r} in {rels[0]}{more}: skipped (not a page)",
            SoWarning.LANDING,
            f"{index.srcdir / rels[0]}:1",
        )
    config.exclude_patterns = patterns + [p for p in new if p not in patterns]


def _warn_unknown_icons(app: Sphinx, env: BuildEnvironment) -> None:
    """One warning per icon name without a glyph (hidden on the page), at its first use;
    in the main process, so ``-j N`` warns once too."""
    for name, (docname, line, uses) in sorted(unknown_icons(env.metadata).items()):
        more = f" ({uses} uses)" if uses > 1 else ""
        warn(
            f"landing icon {name!r} has no glyph: hidden{more}",
            SoWarning.LANDING,
            (docname, line or None),
        )


class LandingParser(Parser):
    """Parse a ``YamlMime:SubCategory`` / ``Category`` landing page into a doctree (or,
    in a translated build, one of its translated strings)."""

    supported = ("superoffice-landing",)

    def parse(self, inputstring: str, document: nodes.document) -> None:
        source = document["source"]
        if is_translated(source) and _is_api_page(document, source[: -len(TRANSLATED)]):
            # a msgstr of an API page's text (rendered from DocFX Markdown): Markdown
            DocfxParser().parse(inputstring, document)
            return
        self.setup_parse(inputstring, document)
        if is_translated(source):
            parse_translated(inputstring, document)
        elif yaml_mime(inputstring) == MREF_MIME:
            parse_api_page(inputstring, document)  # an API reference page (apiref/)
        else:
            PageBuilder(document).build(inputstring)
        self.finish_parse()


def _is_api_page(document: nodes.document, path: str) -> bool:
    """Whether the page at ``path`` (a translated message's page) is an API page."""
    env = document.settings.env
    try:
        rel = os.path.relpath(path, env.srcdir)
    except ValueError:
        return False
    return site_index(env).yaml_mime(rel.replace(os.sep, "/")) == MREF_MIME
