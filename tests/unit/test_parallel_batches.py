"""``parallel.even_batches`` and ``parallel.weighed_batches``: the pages of a parallel
read and of a parallel write in batches of even weight."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_superoffice.parallel import (
    BATCHES_PER_PROCESS,
    batch_sizes,
    even_batches,
    read_batches,
    weighed_batches,
)


def _batches(order: list[str], jobs: int) -> list[list[str]]:
    return read_batches(order, jobs)


def test_heavy_pages_are_spread_over_the_batches() -> None:
    """Sorted by name, the heavy pages (one folder) would fill one batch."""
    names = [f"a/{n:03}" for n in range(100)] + [f"b/{n:03}" for n in range(400)]
    weights = {name: (50_000 if name.startswith("a/") else 1_000) for name in names}
    before = [sum(weights[n] for n in batch) for batch in _batches(names, 2)]
    order = even_batches(names, 2, weights.__getitem__)
    after = [sum(weights[n] for n in batch) for batch in _batches(order, 2)]
    assert max(before) / min(before) > 10
    assert max(after) / min(after) < 1.1
    assert sorted(order) == sorted(names)
    for batch in _batches(order, 2):  # each batch keeps Sphinx's (name) order
        assert batch == sorted(batch)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=0, max_size=300), st.integers(1, 4))
def test_same_pages_same_batch_sizes(weights: list[int], jobs: int) -> None:
    """Whatever the weights: the same pages, the same batch sizes, each batch in the
    order given (the balance itself is tested above: batches of unequal sizes bound it
    less simply)."""
    names = [f"p{n:04}" for n in range(len(weights))]
    random.Random(len(weights)).shuffle(names)
    weight = dict(zip(names, weights, strict=True))
    order = even_batches(names, jobs, weight.__getitem__)
    assert sorted(order) == sorted(names)
    assert [len(b) for b in _batches(order, jobs)] == [len(b) for b in _batches(names, jobs)]
    position = {name: n for n, name in enumerate(names)}
    for batch in _batches(order, jobs):  # each batch keeps the order it was given
        assert batch == sorted(batch, key=position.__getitem__)


@given(st.integers(0, 5_000), st.integers(1, 16))
def test_batch_sizes_give_each_process_the_same_number_of_batches(pages: int, jobs: int) -> None:
    """Every page in one batch; as many batches per process as can be filled; sizes
    one apart at most."""
    sizes = batch_sizes(pages, jobs)
    assert sum(sizes) == pages
    assert len(sizes) == max(min(pages, jobs * BATCHES_PER_PROCESS), 1)
    assert max(sizes) - min(sizes) <= 1
    assert [len(b) for b in read_batches([str(n) for n in range(pages)], jobs)] == sizes


def test_write_batches_are_even_whatever_the_order_of_heavy_pages() -> None:
    """A parallel write's batches: consecutive runs of the pages, of the same weight
    (the heavy pages of one folder in more, shorter batches)."""
    names = [f"a/{n:03}" for n in range(60)] + [f"b/{n:03}" for n in range(440)]
    weights = {name: (60_000 if name.startswith("a/") else 15_000) for name in names}
    batches = weighed_batches(names, 10, weights.__getitem__)
    totals = [sum(weights[n] for n in batch) for batch in batches]
    assert len(batches) == 10
    assert max(totals) / min(totals) < 1.1
    assert [n for batch in batches for n in batch] == names
    assert len(batches[0]) < len(batches[-1])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=0, max_size=300), st.integers(1, 12))
def test_write_batches_hold_each_page_once(weights: list[int], count: int) -> None:
    """Whatever the weights: the pages in order, cut into at most ``count`` batches, none
    empty, none heavier than an even share plus its heaviest page."""
    names = [f"p{n:04}" for n in range(len(weights))]
    random.Random(len(weights)).shuffle(names)
    weight = dict(zip(names, weights, strict=True))
    batches = weighed_batches(names, count, weight.__getitem__)
    assert [n for batch in batches for n in batch] == names
    assert all(batches) and len(batches) <= count
    share = sum(weights) / count
    for batch in batches:
        assert sum(weight[n] for n in batch) <= share + max(weight[n] for n in batch)
