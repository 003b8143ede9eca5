"""``state.Forks``: the first call in a forked process, and only there."""

from __future__ import annotations

import os

from sphinx_superoffice.state import Forks


def test_first_in_fork_once_per_process_not_in_the_main_one() -> None:
    assert not Forks().first_in_fork()  # no main process noted: nothing counts as forked
    assert not Forks(main=os.getpid()).first_in_fork()  # the main process itself
    forked = Forks(main=os.getpid() + 1)  # as a process forked from another sees it
    assert forked.first_in_fork()
    assert not forked.first_in_fork()
    assert forked.last == os.getpid()
