"""The per-page environment tables' collector (:mod:`sphinx_superoffice.pagetable`)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from sphinx_superoffice.highlighting import CodeLanguageCollector, code_languages
from sphinx_superoffice.pagetable import PageTableCollector
from sphinx_superoffice.report.capture import WarningCollector, read_store


class _Numbers(PageTableCollector[int]):
    attribute = "test_numbers"


def _env() -> Any:
    return SimpleNamespace()


def test_the_table_is_created_once_on_the_environment() -> None:
    env = _env()
    table = _Numbers.table(env)
    assert table == {} and env.test_numbers is table
    table["a"] = 1
    assert _Numbers.table(env) == {"a": 1}


def test_clear_doc_forgets_only_that_page() -> None:
    env = _env()
    _Numbers.table(env).update(a=1, b=2)
    _Numbers().clear_doc(cast("Any", None), env, "a")
    _Numbers().clear_doc(cast("Any", None), env, "never-read")
    assert _Numbers.table(env) == {"b": 2}


def test_merge_other_takes_the_pages_the_other_read() -> None:
    env, other = _env(), _env()
    _Numbers.table(env).update(a=1, b=2)
    _Numbers.table(other).update(b=20, c=30, d=40)
    # the pages a parallel reader read: c has a value there, e has none
    _Numbers().merge_other(cast("Any", None), env, {"b", "c", "e"}, other)
    assert _Numbers.table(env) == {"a": 1, "b": 20, "c": 30}


def test_each_concern_has_its_own_table() -> None:
    env = _env()
    code_languages(env)["page"] = frozenset({"python"})
    read_store(env)["page"] = []
    assert CodeLanguageCollector.table(env) == {"page": frozenset({"python"})}
    assert WarningCollector.table(env) == {"page": []}
    assert env.superoffice_code_languages is not env.superoffice_warnings
