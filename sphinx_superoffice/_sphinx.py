"""Every use of Sphinx's private API, in one place, each with the reason.

Sphinx is supported from 8.2 to 9.x; an upgrade that breaks one of these should only
touch this file. (myst-parser's private API is in ``_myst.py``, markdown-it's in
``_markdown_it.py``.)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence, Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def set_in_conf_py(config: Config, name: str) -> bool:
    """Whether ``conf.py`` itself assigns the configuration value ``name``.

    Sphinx has no public API for this: ``Config`` only tells the current value, which
    for ``html_title`` is a computed default (``"<project> <release> documentation"``)
    that cannot be told apart from the same text set on purpose. So this reads the
    private ``Config._raw_config`` (the ``conf.py`` namespace).
    """
    raw: dict[str, Any] = getattr(config, "_raw_config", {})
    return name in raw


def set_by_user(config: Config, name: str) -> bool:
    """Whether ``conf.py`` or the command line (``-D name=…``) sets ``name``.

    Like :func:`set_in_conf_py`, plus the public ``Config.overrides`` (the ``-D``
    values): a default such as ``project``'s "Project name not set" cannot be told
    apart from the same text set on purpose.
    """
    return set_in_conf_py(config, name) or name in config.overrides


def reload_sphinx_catalogs(app: Sphinx) -> None:
    """Load Sphinx's own message catalogs again after ``config.language`` changed.

    Sphinx loads them (``Sphinx._init_i18n``: its bundled catalogs, the project's
    ``locale_dirs``, compiling stale ``sphinx.po`` files) before extensions are set up,
    for the language then known; DocFX's ``no`` becomes Sphinx's ``nb`` only at
    ``config-inited``. There is no public way to redo that.
    """
    app._init_i18n()


def set_taken_image_names(images: Any, names: set[str]) -> None:
    """Tell ``env.images`` (a ``FilenameUniqDict``) which output names are taken, after
    its names were reassigned in source-path order (``assets.stable_image_names``).

    Its private ``_existing`` set is what it checks when a later incremental build adds
    an image; there is no public setter.
    """
    images._existing = names


def take_out_of_found_docs(
    env: BuildEnvironment, docnames: Set[str], outdated: tuple[set[str], set[str], set[str]]
) -> None:
    """Keep ``docnames`` out of the pages Sphinx reads and writes, as found at
    ``env-get-outdated``: out of ``env.found_docs`` and of the ``added`` and ``changed``
    sets the event passes; a page read before goes into ``removed`` (its data is purged).

    Used for redirect stubs (:mod:`.stubpages`): they are known from the source scan,
    and written as small redirect pages at the end of the build. Sphinx's public way to
    leave files out is ``exclude_patterns``, a configuration value: one pattern per stub
    (1,000 in one SuperOffice tree) would make every ``Matcher`` call test them all, and
    turning a page into a stub would count as a configuration change that re-reads
    every page. ``env.found_docs`` is the project's ``docnames`` set; the event's sets
    are the ones Sphinx goes on with (mutating them is not documented).
    """
    added, changed, removed = outdated
    env.project.docnames.difference_update(docnames)
    added.difference_update(docnames)
    changed.difference_update(docnames)
    removed.update(env.all_docs.keys() & docnames)


def changed_only_by_missing_files(env: BuildEnvironment, docname: str) -> bool:
    """Whether Sphinx counts ``docname`` as changed only because a file it depends on
    (an image, an include) is missing, as it was when the page was last read.

    Sphinx reads such a page on every build (its check, ``_has_doc_changed``, treats a
    missing dependency as a change, so that creating the file is noticed). Creating the
    file gives it a modification time after the page's read time, which this test still
    counts as a change. It repeats Sphinx's check with its private
    ``_last_modified_time`` (microseconds, rounded as ``env.all_docs`` stores them).
    """
    from sphinx.util.osutil import _last_modified_time

    if docname in env.reread_always or docname not in env.all_docs:
        return False
    if not (Path(env.doctreedir) / f"{docname}.doctree").is_file():
        return False
    read_at = env.all_docs[docname]
    try:
        if _last_modified_time(env.doc2path(docname)) > read_at:
            return False
        missing = False
        for dep in env.dependencies.get(docname, ()):
            path = Path(env.srcdir) / dep
            if not path.is_file():
                missing = True
            elif _last_modified_time(path) > read_at:
                return False
    except OSError:
        return False
    return missing


def drop_empty_search_terms(indexer: Any) -> None:
    """Remove the words no page has any more from the HTML builder's search index.

    An incremental build prunes the pages it writes again from each word's set of pages
    (``IndexBuilder.prune``) and feeds them anew, but keeps words whose set became empty:
    ``searchindex.js`` then lists ``"word": []`` where a clean build has no entry. The
    word maps are the private ``_mapping`` and ``_title_mapping``.
    """
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]


def release_read_doctrees(env: BuildEnvironment) -> None:
    """Drop the doctrees a serial build keeps in memory from reading to writing.

    Since Sphinx 7.2 a ``-j 1`` build keeps every page it read in the private
    ``env._write_doc_doctree_cache`` until the page is written, so that the write phase
    does not load it from its pickle (a ``-j 2`` build never keeps them). Each doctree
    is already pickled to the doctree folder when it is kept. There is no setting to
    turn the cache off.
    """
    cache = getattr(env, "_write_doc_doctree_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def release_pickled_doctree(env: BuildEnvironment, docname: str) -> None:
    """Drop the pickled bytes of ``docname`` that ``env.get_doctree`` keeps.

    ``BuildEnvironment.get_doctree`` keeps the bytes of every doctree file it read in
    the private ``env._pickled_doctree_cache`` for the rest of the build; the write
    phase reads each page once, so by the end of it the whole doctree folder is in
    memory. A later ``get_doctree`` of the page reads the file again.
    """
    cache = getattr(env, "_pickled_doctree_cache", None)
    if isinstance(cache, dict):
        cache.pop(docname, None)


#: the per-page tables of Sphinx's title, toctree and dependency collectors: docutils
#: nodes and paths, the slowest parts of an environment to unpickle
_COLLECTED_PER_PAGE = ("tocs", "toc_num_entries", "titles", "longtitles", "dependencies")


def forget_merged_pages(env: BuildEnvironment) -> None:
    """In a process forked to read a batch of a parallel build, before its first page:
    empty the per-page tables of Sphinx's title, toctree and dependency collectors. They
    hold only pages the main process has already.

    Each reading process sends its whole environment back to the main process, pickled
    (``Builder._read_parallel``), and the main process unpickles all of it to merge the
    batch's pages, which is all the collectors' ``merge_other`` copies. Those tables
    hold doctree fragments and paths for every page read so far, so every batch sent
    more than the one before, all unpickled in the main process while the readers
    needed the cores (on the SuperOffice ``en`` tree at ``-j 2``: 4.0 s of the main
    process's CPU time during reading; 1.5 s with them left out). What a page reads
    cannot depend on other pages' entries anyway: which pages a reader has seen depends
    on the batches, and ``-j 1`` and ``-j 2`` builds write the same bytes (tested).
    """
    for name in _COLLECTED_PER_PAGE:
        table = getattr(env, name, None)
        if isinstance(table, dict):
            table.clear()


def replace_transform(app: Sphinx, old: type, new: type) -> None:
    """Put the transform class ``new`` where ``old`` was registered (read phase).

    As :func:`replace_post_transform`: the classes live in the private
    ``SphinxComponentRegistry.transforms`` list. Nothing happens if ``old`` is not
    registered (Sphinx drops ``SphinxDanglingReferences`` with docutils 1.0).
    """
    transforms: list[type] = app.registry.transforms
    for index, registered in enumerate(transforms):
        if registered is old:
            transforms[index] = new


def replace_post_transform(app: Sphinx, old: type, new: type) -> None:
    """Put the post-transform class ``new`` where ``old`` was registered.

    Sphinx has ``add_post_transform`` but no way to replace or remove one; the classes
    live in the private ``SphinxComponentRegistry.post_transforms`` list.
    """
    transforms: list[type] = app.registry.post_transforms
    for index, registered in enumerate(transforms):
        if registered is old:
            transforms[index] = new


def replace_listener(app: Sphinx, event: str, old: Any, new: Any) -> bool:
    """Connect ``new`` to ``event`` in place of the listener ``old`` (at its priority);
    whether ``old`` was connected.

    An extension's listener can only be disconnected by the id ``app.connect`` gave
    the extension; the listeners are in the undocumented ``app.events.listeners``.
    """
    for listener in list(app.events.listeners.get(event, ())):
        if listener.handler is old:
            app.disconnect(listener.id)
            app.connect(event, new, priority=listener.priority)
            return True
    return False


def set_parallel(app: Sphinx, jobs: int) -> None:
    """Set the build's number of parallel processes (``-j``).

    ``Builder.write_documents`` writes a parallel build with ``app.parallel - 1``
    processes besides the main one, read when writing starts; no setting or API chooses
    that number. ``app.parallel`` is an undocumented attribute.
    """
    app.parallel = jobs


#: what Sphinx's ``Locale`` transform appends to a msgstr ending in ``::`` (so that its
#: reStructuredText re-parse does not warn "Literal block expected")
_DUMMY_LITERAL = "\n\n   dummy literal"


def translated_message(text: str) -> tuple[str, bool]:
    """The msgstr Sphinx's ``Locale`` transform gave a source parser, and whether it is a
    section title.

    ``sphinx/transforms/i18n.py`` re-parses each msgstr with the page's own parser and
    dresses it for reStructuredText: a title gets an underline of ``=`` (then the first
    node under the result's first child is taken as the title), a msgstr ending in
    ``::`` gets a dummy literal block. A parser that is not reStructuredText (the
    landing pages') undoes both here.
    """
    text = text.removesuffix(_DUMMY_LITERAL)
    head, newline, last = text.rpartition("\n")
    if newline and last and set(last) == {"="}:
        return head, True
    return text, False


def write_page(builder: Builder, docname: str) -> None:
    """Resolve ``docname``, hand it to the builder's ``write_doc_serialized`` and write it:
    what Sphinx's write loops do for each page.

    Sphinx 9 has the steps as the private function ``sphinx.builders._write_docname``
    (the phase on the builder); Sphinx 8.2 has them inline in ``Builder._write_serial``
    (the phase on the app). There is no public way to write one page.
    """
    try:
        from sphinx.builders import _write_docname
    except ImportError:  # Sphinx 8.2
        from sphinx.util.build_phase import BuildPhase

        app: Any = builder.app  # Sphinx 8.2's phase is a plain attribute of the app
        app.phase = BuildPhase.RESOLVING
        doctree = builder.env.get_and_resolve_doctree(docname, builder)
        app.phase = BuildPhase.WRITING
        builder.write_doc_serialized(docname, doctree)
        builder.write_doc(docname, doctree)
        return
    _write_docname(docname, env=builder.env, builder=builder, tags=builder.tags)


def use_write_parallel(builder: Builder, write: Callable[[Sequence[str], int], None]) -> None:
    """Make ``write(docnames, nproc)`` the parallel write loop of this builder.

    ``Builder.write_documents`` calls the private ``Builder._write_parallel(docnames,
    nproc)`` for a parallel write; no event or setting chooses how the pages are
    resolved and handed to the writing processes. Set on the builder object: its class,
    and the next build's builder, keep Sphinx's.
    """
    builder._write_parallel = write  # type: ignore[method-assign,assignment]


def use_read_batches(
    builder: Builder, batches: Callable[[Sequence[str], int], list[list[str]]]
) -> None:
    """Make ``batches(docnames, nproc)`` cut the pages of this builder's parallel read.

    ``Builder._read_parallel`` (Sphinx 8.2 to 9.x) cuts them with the function
    ``make_chunks`` of ``sphinx.builders``' namespace (about ``sqrt(10 * pages / nproc)``
    pages a batch); no event or setting chooses the batches. Set on the builder object:
    its class, and the next build's builder, keep Sphinx's; the module's
    ``make_chunks`` is replaced for the call only.
    """
    import sphinx.builders

    read_parallel = type(builder)._read_parallel

    def read_in_batches(docnames: list[str], nproc: int) -> None:
        def make_chunks(arguments: Sequence[str], nproc: int, maxbatch: int = 10) -> list[Any]:
            return batches(arguments, nproc)

        original = sphinx.builders.make_chunks
        sphinx.builders.make_chunks = make_chunks
        try:
            read_parallel(builder, docnames, nproc)
        finally:
            sphinx.builders.make_chunks = original

    builder._read_parallel = read_in_batches  # type: ignore[method-assign]


def sphinx_write_parallel(builder: Builder, docnames: Sequence[str], nproc: int) -> None:
    """Sphinx's own parallel write loop (see :func:`use_write_parallel`)."""
    type(builder)._write_parallel(builder, docnames, nproc)


#: the tables ``IndexBuilder.feed`` fills: per page, and per word (a set of pages each)
_SEARCH_PAGE_TABLES = ("_titles", "_filenames", "_all_titles", "_index_entries")
_SEARCH_WORD_TABLES = ("_mapping", "_title_mapping")


def empty_search_tables(indexer: Any) -> None:
    """In a writing process, before its first page: give the search index empty tables,
    so that :func:`search_tables` later holds only the pages this process fed.

    ``IndexBuilder`` keeps what ``feed`` adds in private dicts (shared with the
    environment's ``_search_index_*`` attributes, which this process never sends back);
    there is no public way to take one page's entries out of it or to merge two.
    """
    for name in (*_SEARCH_PAGE_TABLES, *_SEARCH_WORD_TABLES):
        setattr(indexer, name, {})


def search_tables(indexer: Any) -> dict[str, dict[str, Any]]:
    """The tables of a writing process's search index (see :func:`empty_search_tables`)."""
    return {name: getattr(indexer, name) for name in (*_SEARCH_PAGE_TABLES, *_SEARCH_WORD_TABLES)}


def merge_search_tables(indexer: Any, tables: dict[str, dict[str, Any]]) -> None:
    """Add what a writing process fed (:func:`search_tables`) to this process's index,
    as if its pages had been fed here."""
    for name in _SEARCH_PAGE_TABLES:
        getattr(indexer, name).update(tables[name])
    for name in _SEARCH_WORD_TABLES:
        mapping: dict[str, set[str]] = getattr(indexer, name)
        for word, pages in tables[name].items():
            mapping.setdefault(word, set()).update(pages)


def post_transform_packages(app: Sphinx) -> set[str]:
    """The top-level packages of the registered post-transforms (their classes'
    ``__module__``), from the private ``SphinxComponentRegistry.post_transforms`` list
    (as for :func:`replace_post_transform`)."""
    transforms: list[type] = app.registry.post_transforms
    return {(transform.__module__ or "?").partition(".")[0] for transform in transforms}


def reading_packages(app: Sphinx) -> set[str]:
    """The top-level packages of the registered read transforms and domains (their
    classes' ``__module__``), from the private ``SphinxComponentRegistry.transforms``
    list and ``domains`` dict (as for :func:`replace_transform`)."""
    classes: list[type] = [*app.registry.transforms, *app.registry.domains.values()]
    return {(cls.__module__ or "?").partition(".")[0] for cls in classes}


def listener_packages(app: Sphinx, event: str) -> set[str]:
    """The top-level packages of the functions connected to ``event`` (their
    ``__module__``; ``"?"`` where there is none).

    The listeners are in the undocumented ``app.events.listeners`` (as for
    :func:`replace_listener`).
    """
    found: set[str] = set()
    for listener in app.events.listeners.get(event, ()):
        module = getattr(listener.handler, "__module__", None) or "?"
        found.add(module.partition(".")[0])
    return found
