"""Parallel builds: batches of pages of even weight, readers that send back only
their own pages, and ``-j N`` writes with N processes, not N-1.

**Reading.** Sphinx reads a parallel build's pages in batches of equal counts (about
50 pages at ``-j 2`` on a site of 500), each in a forked process, in the order of their
names; a batch of long pages takes twice as long as one of short pages, and the last
batch to run leaves a core idle while it finishes. The ``env-before-read-docs``
event lets an extension reorder the pages to read: each batch is given pages of about
the same total size (the source files' sizes, greatest first into the lightest
batch), and the pages of a batch keep their order. Only when the read is parallel: a
serial build reads in Sphinx's order.

**What a reader sends back.** Each reading process sends its whole environment back
to the main process, pickled, and the main process unpickles it to merge the batch's
pages. Inherited at the fork, the environment holds every page merged before: each
batch sent more than the one before, and unpickling it took the main process's CPU
time while the readers needed the cores (4.0 s on the SuperOffice ``en`` tree at ``-j
2``). Before its first page a reader empties the per-page tables of Sphinx's title,
toctree and dependency collectors, the slowest to unpickle: the main process has
those pages' entries, and it merges only the batch's (1.5 s). It also leaves out the
front matter and the ``superoffice`` domain's tables of the pages the main process
has (:func:`_forget_merged_front_matter`).

**Writing.** Sphinx writes the pages of a parallel build in ``N - 1`` forked processes, because its
main process is busy meanwhile: it resolves each page (the post-transforms) and feeds
the search index before it hands a batch of pages to a writer. On a DocFX site that
is about 40 % of the write phase, and the writers' part (HTML translation, templates,
files) the other 60 %, so at ``-j 2`` the one writer is the bottleneck while a core
waits: on the SuperOffice ``no`` tree the write phase took 8.2 s at ``-j 2`` against
10.1 s at ``-j 1``, and 5.8 s with two writers (``benchmarks/``). So from
``write-started`` the build counts one process more, and ``build-finished`` puts the
count back. ``superoffice_parallel_write = False`` keeps Sphinx's count.

What each reading and writing process does is Sphinx's own; only the order of the
pages to read and the number of writers change. The output is the same as a serial
build's, byte for byte (``tests/security/test_determinism.py``).
"""

from __future__ import annotations

import heapq
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.parallel import make_chunks, parallel_available

from ._sphinx import forget_merged_pages, set_parallel
from .references import get_domain
from .state import Forks, get_state

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


@dataclass
class _Reading:
    """Which process started a parallel read (``forks.main``; 0: the read is serial or
    over), and which reader last left out the merged pages."""

    forks: Forks = field(default_factory=Forks)


@dataclass
class _Jobs:
    """The ``-j`` of the build while its write phase counts one process more."""

    jobs: int = 0


def setup_parallel(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _even_batches, priority=900)
    app.connect("source-read", _reading_process, priority=0)
    app.connect("env-updated", _reading_done)
    app.connect("write-started", _writing_starts)
    app.connect("build-finished", _build_finished)


def _writing_starts(app: Sphinx, builder: Builder) -> None:
    if not (app.config.superoffice_parallel_write and builder.parallel_ok):
        return
    slot = get_state(app.env).slot(_Jobs)
    if slot.jobs == 0 and app.parallel > 1:
        slot.jobs = app.parallel
        set_parallel(app, app.parallel + 1)


def _build_finished(app: Sphinx, exception: BaseException | None) -> None:
    slot = get_state(app.env).slot(_Jobs)
    if slot.jobs:
        set_parallel(app, slot.jobs)
        slot.jobs = 0


def even_batches(docnames: Sequence[str], jobs: int, weight: Callable[[str], int]) -> list[str]:
    """``docnames`` reordered so that each of the batches Sphinx cuts (its
    ``make_chunks``: consecutive slices) has about the same total ``weight``."""
    sizes = [len(chunk) for chunk in make_chunks(list(docnames), jobs)]
    if len(sizes) < 2:
        return list(docnames)
    batches: list[list[str]] = [[] for _ in sizes]
    lightest = [(0, index) for index in range(len(sizes))]  # (total weight, batch)
    weighed = sorted(((weight(name), name) for name in docnames), key=lambda wn: (-wn[0], wn[1]))
    for size, name in weighed:
        total, index = heapq.heappop(lightest)
        batches[index].append(name)
        if len(batches[index]) < sizes[index]:
            heapq.heappush(lightest, (total + size, index))
    order = {name: n for n, name in enumerate(docnames)}
    return [name for batch in batches for name in sorted(batch, key=order.__getitem__)]


def _even_batches(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    parallel_read = (
        parallel_available
        and app.parallel > 1
        and len(docnames) > 5
        and all(ext.parallel_read_safe for ext in app.extensions.values())
    )
    if parallel_read:

        def weight(docname: str) -> int:
            try:
                return Path(env.doc2path(docname)).stat().st_size
            except OSError:
                return 0

        docnames[:] = even_batches(docnames, app.parallel, weight)
    get_state(env).slot(_Reading).forks.main = os.getpid() if parallel_read else 0


def reads_in_parallel(env: BuildEnvironment) -> bool:
    """Whether this build reads its pages in forked processes (known from
    ``env-before-read-docs``, priority 900, until ``env-updated``)."""
    return get_state(env).slot(_Reading).forks.main != 0


def writes_in_parallel(env: BuildEnvironment) -> bool:
    """Whether this build writes its pages in forked processes (its main process
    resolves them meanwhile): known from ``write-started``."""
    builder = get_state(env).builder
    return builder is not None and builder.parallel_ok


def _reading_process(app: Sphinx, docname: str, content: list[str]) -> None:
    """The first page a forked reading process reads: what it will send back to the
    main process leaves out the pages the main process has (see
    :func:`._sphinx.forget_merged_pages`)."""
    if get_state(app.env).slot(_Reading).forks.first_in_fork():
        forget_merged_pages(app.env)
        _forget_merged_front_matter(app.env)


def _forget_merged_front_matter(env: BuildEnvironment) -> None:
    """In a reading process, before its first page: leave out of what it sends back the
    front matter (``env.metadata``) and the ``superoffice`` domain's tables (uids,
    anchors, links, targets) of the pages the main process has: those merged from
    earlier batches and those not read again. They were most of a late batch's
    environment (on the ``en`` tree at ``-j 2``, 1.6 of 2.4 MB); the main process merges
    only the batch's pages. The batch's own pages are not among them (Sphinx takes the
    pages to read out of ``all_docs`` before it forks), and what a page reads never
    depends on another page's entries (which pages a reader has seen depends on the
    batches)."""
    merged = env.all_docs
    for docname in [name for name in env.metadata if name in merged]:
        del env.metadata[docname]
    domain = get_domain(env)
    for docname in merged:
        domain.clear_doc(docname)


def _reading_done(app: Sphinx, env: BuildEnvironment) -> None:
    """No process forked from now on is a reader (a writer needs every page's titles
    and tocs, whatever it might read)."""
    get_state(env).slot(_Reading).forks.main = 0
