"""Translated messages (gettext ``.po``) re-parsed with what their source text had.

Sphinx translates a page by re-parsing each msgstr on its own, as if it stood in the
page (``sphinx/transforms/i18n.py``). Two things a paragraph relied on are lost there:

- the reference-link definitions of its file (``[text][1]`` with ``[1]: x.md`` at the
  bottom of the page; myst-parser issue 690), and
- for text from an include, the include's folder, against which its relative links
  resolve.

While a page is read we remember the definitions of the page and of its includes, and
seed every translated re-parse with them. Right before Sphinx's ``Locale`` transform,
:class:`RecordMessageOrigins` notes which messages came from an include, so their
re-parse resolves links and images from the include's folder, like the original.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The suffix Sphinx gives the source of a re-parsed msgstr: ``path:line:<translated>``.
TRANSLATED = ":<translated>"


@dataclass
class TranslationSources:
    """What the translated re-parses of a page need from its read (one per build)."""

    #: page path -> (its own reference definitions, those of its includes); filled while
    #: the page is read, used by the translated re-parses of the same read
    references: dict[str, tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=dict)
    #: page source -> {(line, translated text): the include it came from}
    origins: dict[str, dict[tuple[int | None, str], str]] = field(default_factory=dict)


def _sources(env: BuildEnvironment) -> TranslationSources:
    return get_state(env).slot(TranslationSources)


def is_translated(source: str) -> bool:
    return source.endswith(TRANSLATED)


def start_page(env: BuildEnvironment, page: Path) -> None:
    """A page is read again: forget what its previous read remembered."""
    _sources(env).references[str(page)] = ({}, {})


def remember_references(
    env: BuildEnvironment, page: Path, md_env: Mapping[str, Any], *, include: bool
) -> None:
    """Keep a file's reference definitions for the translated re-parses of ``page``."""
    own, included = _sources(env).references.setdefault(str(page), ({}, {}))
    for label, ref in (md_env.get("references") or {}).items():
        (included if include else own).setdefault(label, ref)


def translated_env(env: BuildEnvironment, page: Path, source: str, text: str) -> dict[str, Any]:
    """The markdown-it env for re-parsing the msgstr ``text`` of ``page``.

    ``source`` is the re-parse's document source, ``<page>:<line>:<translated>``.
    """
    sources = _sources(env)
    own, included = sources.references.get(str(page), ({}, {}))
    md_env: dict[str, Any] = {"references": {**included, **own}}
    head, _, line = source[: -len(TRANSLATED)].rpartition(":")
    origins = sources.origins.get(head, {})
    origin = origins.get((int(line) if line.isdigit() else None, text.strip()))
    if origin is not None:
        md_env["references"] = {**own, **included}
        origin_dir = Path(origin).parent
        md_env["relative-images"] = os.path.relpath(origin_dir, page.parent)
        md_env["relative-docs"] = ("", str(page.parent), str(origin_dir))
        md_env["superoffice_origin"] = origin
    return md_env


class RecordMessageOrigins(SphinxTransform):
    """Before Sphinx translates a page, note which file each included message came from.

    Sphinx re-parses every msgstr as if it stood in the page, so the parser needs to
    be told that a message came from an include, to resolve its relative links from
    the include's folder. Messages are keyed by line and translated text, which is
    exactly what the re-parse sees.
    """

    default_priority = 19  # right before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs: Any) -> None:
        page = self.document["source"]
        recorded = _sources(self.env).origins
        recorded.pop(page, None)
        textdomain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [self.env.srcdir / directory for directory in self.config.locale_dirs]
        catalog, has_catalog = init_locale(dirs, self.config.language, textdomain)
        if not has_catalog:
            return
        from_includes = [
            (node, msg)
            for node, msg in extract_messages(self.document)
            if node.source and node.source != page
        ]
        origins: dict[tuple[int | None, str], str] = {}
        for node, msg in from_includes:
            origins[(node.line, catalog.gettext(msg).strip())] = str(node.source)
        recorded[page] = origins


def setup_translation(app: Sphinx) -> None:
    app.add_transform(RecordMessageOrigins)
