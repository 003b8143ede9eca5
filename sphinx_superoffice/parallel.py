"""Writing a parallel build: ``-j N`` writes with N processes, not N-1.

Sphinx writes the pages of a parallel build in ``N - 1`` forked processes, because its
main process is busy meanwhile: it resolves each page (the post-transforms) and feeds
the search index before it hands a batch of pages to a writer. On a DocFX site that
is about 40 % of the write phase, and the writers' part (HTML translation, templates,
files) the other 60 %, so at ``-j 2`` the one writer is the bottleneck while a core
waits: on the SuperOffice ``no`` tree the write phase took 8.2 s at ``-j 2`` against
10.1 s at ``-j 1``, and 5.8 s with two writers (``benchmarks/``). So from
``write-started`` the build counts one process more, and ``build-finished`` puts the
count back. ``superoffice_parallel_write = False`` keeps Sphinx's count.

The pages, their order in each batch and what each writer does are Sphinx's own: the
output is the same byte for byte (``tests/security/test_determinism.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._sphinx import set_parallel
from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


@dataclass
class _Jobs:
    """The ``-j`` of the build while its write phase counts one process more."""

    jobs: int = 0


def setup_parallel(app: Sphinx) -> None:
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
