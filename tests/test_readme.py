"""The README stays true: it lists every setting and every warning subtype."""

from __future__ import annotations

import dataclasses as dc

from sphinx_superoffice.config import SuperOfficeConfig
from sphinx_superoffice.warnings_ import SoWarning

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    missing = [
        f.name for f in dc.fields(SuperOfficeConfig) if f"`superoffice_{f.name}`" not in README
    ]
    assert missing == []


def test_every_warning_subtype_is_documented():
    warnings = README.split("### Warnings", 1)[1].split("##", 1)[0]
    assert [w.value for w in SoWarning if f"`{w.value}`" not in warnings] == []


def test_the_two_setup_commands_are_tox():
    setup = README.split("## Set up (two commands)", 1)[1].split("##", 1)[0]
    assert "tox -e example" in setup
    assert "$ tox " in setup
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "\ntox\n" in ci
