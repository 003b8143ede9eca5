"""The search index's stemmer, remembered for the whole build.

Sphinx's HTML builder feeds every written page to its search index in the main
process (``IndexBuilder.feed``), and stems each word of the page; it remembers the
stems of one page only (a cache made anew in each call). A site's pages share most of
their words: on the SuperOffice ``en`` tree 222,000 stemmer calls for its 1,200 pages.
The stemmer is a pure function of the word, so the build's search language gets a
cache of its own (an instance attribute in front of its ``stem`` method), of the
:data:`REMEMBERED` most recently used words (a site's common words are most of its
words; a bound keeps the main process's memory flat), when the first page is
resolved for writing, after the builder made the index
(``prepare_writing``). The index it writes is the same. In a parallel write the main
process feeds the index while the writers wait for resolved pages.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .state import get_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: how many words' stems the build remembers (about 1.5 MB)
REMEMBERED = 10_000

#: the attribute on the search language object that marks its stemmer as remembered
_MARK = "_superoffice_stem_cache"


def _remember_stems(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    indexer = getattr(get_state(app.env).builder, "indexer", None)
    lang = getattr(indexer, "lang", None)
    if lang is None or getattr(lang, _MARK, False):
        return
    lang.stem = functools.lru_cache(maxsize=REMEMBERED)(lang.stem)
    setattr(lang, _MARK, True)


def setup_search_stems(app: Sphinx) -> None:
    app.connect("doctree-resolved", _remember_stems)
