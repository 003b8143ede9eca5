"""No read for a page whose files did not change.

Sphinx reads a page again on every build when a file it depends on is missing (an
image or an include that does not exist), so that creating the file is noticed. On
the SuperOffice ``no`` tree one page with a missing image was read and written on every
build, and the pages linking to it were read again too (their links may resolve
differently when a page changes), 84 pages for a build with no change.

Here such a page is not read again while its source and its existing dependencies are
older than its last read and the missing files are still missing; creating a missing
file (newer than the read) still reads it again. Its warnings were shown by the build
that read it.

And what an incremental build writes equals a clean build's: Sphinx keeps, in the
search index, words that only the pages written again had (``"word": []`` in
``searchindex.js``); they are dropped before the index is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.environment import CONFIG_OK

from ._sphinx import changed_only_by_missing_files, drop_empty_search_terms

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def setup_rereads(app: Sphinx) -> None:
    # before the handlers that read more pages because these changed (references)
    app.connect("env-get-outdated", _skip_unchanged, priority=20)
    # the HTML builder writes its search index after the extensions' pages
    app.connect("html-collect-pages", _clean_search_index)


def _clean_search_index(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    indexer = getattr(app.builder, "indexer", None)
    if indexer is not None:
        drop_empty_search_terms(indexer)
    return []


def _skip_unchanged(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    if env.config_status != CONFIG_OK:  # every page is read on purpose
        return []
    for docname in sorted(changed):
        if changed_only_by_missing_files(env, docname):
            changed.discard(docname)
    return []
