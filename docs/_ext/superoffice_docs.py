"""The reference pages of the project's own docs, generated from the code.

Directives used by the pages (each renders Markdown and parses it as the page's own
Markdown, so nothing is copied by hand: a new setting, warning or option appears in the
docs with its description):

- ``superoffice-settings``: a section per field of
  :class:`sphinx_superoffice.config.SuperOfficeConfig` (name, type, default, help text);
- ``superoffice-warnings``: one row per :class:`sphinx_superoffice.warnings_.SoWarning`
  member (its ``suppress_warnings`` name and its docstring);
- ``superoffice-theme-options``: the options of the ``superoffice`` theme, from its
  ``theme.toml`` (the default, and the comment above each option);
- ``superoffice-cli``: the ``--help`` of the ``sphinx-superoffice`` command and of each
  sub-command, from its argparse parser;
- ``superoffice-module-doc PATH``: the docstring of a script of the repository (the
  benchmarks), as Markdown.

A setting without help text or a warning without a docstring stops the build (an
``ExtensionError``).
"""

from __future__ import annotations

import argparse
import ast
import dataclasses as dc
import os
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.errors import ExtensionError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

import sphinx_superoffice.theme
from sphinx_superoffice import cli
from sphinx_superoffice.config import SuperOfficeConfig
from sphinx_superoffice.warnings_ import SoWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: the repository: the folder above docs/
REPOSITORY = Path(__file__).resolve().parents[2]


def _cell(text: str) -> str:
    """One line of Markdown for a table cell: no line breaks, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    """``text`` as a Markdown code span, however many backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _rst_to_markdown(text: str) -> str:
    """A docstring's reStructuredText literals (````x````) and roles as Markdown code."""
    text = re.sub(r":(?:class|mod|func|meth|attr):`~?\.?([^`]+)`", r"`\1`", text)
    return text.replace("``", "`")


def _default(field: dc.Field[Any]) -> Any:
    if field.default is not dc.MISSING:
        return field.default
    return field.default_factory()  # type: ignore[misc]


def setting_rows() -> list[tuple[str, str, str, str]]:
    """``(name, type, default, help)`` of every setting, in declaration order."""
    rows = []
    for field in dc.fields(SuperOfficeConfig):
        help_text = field.metadata.get("help", "").strip()
        if not help_text:
            raise ExtensionError(f"superoffice_{field.name} has no help text in config.py")
        rows.append(
            (f"superoffice_{field.name}", str(field.type), repr(_default(field)), help_text)
        )
    return rows


def warning_rows() -> list[tuple[str, str, str]]:
    """``(subtype, qualified name, description)`` of every warning subtype, in order."""
    analyzer = ModuleAnalyzer.for_module(SoWarning.__module__)
    docs = analyzer.find_attr_docs()
    rows = []
    for member in SoWarning:
        lines = docs.get((SoWarning.__qualname__, member.name))
        text = " ".join(line.strip() for line in lines or ()).strip()
        if not text:
            raise ExtensionError(
                f"{SoWarning.__qualname__}.{member.name} has no docstring in warnings_.py"
            )
        rows.append((member.value, member.qualified, _rst_to_markdown(text)))
    return rows


class _TableDirective(SphinxDirective):
    has_content = False

    def markdown(self) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(__file__)
        container = nodes.container(classes=["superoffice-reference"])
        # match_titles: a generated "## heading" is a section of the page
        self.state.nested_parse(
            StringList(self.markdown(), self.get_source_info()[0]), 0, container, match_titles=True
        )
        return container.children


class SettingsDirective(_TableDirective):
    """A section per ``superoffice_*`` setting: its name, type, default and help text."""

    def markdown(self) -> list[str]:
        lines: list[str] = []
        for name, type_, default, help_text in setting_rows():
            lines += [
                f"## {name}",  # its id: superoffice-root (DocFX's heading slug)
                "",
                f"Type {_code(type_)}, default {_code(default)}.",
                "",
                help_text,
                "",
            ]
        return lines


class WarningsDirective(_TableDirective):
    """The table of every ``superoffice`` warning subtype."""

    def markdown(self) -> list[str]:
        lines = ["| Warning | When |", "| --- | --- |"]
        for subtype, qualified, text in warning_rows():
            anchor = f'<a id="{subtype.replace("_", "-")}"></a>'
            lines.append(f"| {anchor}{_code(qualified)} | {_cell(text)} |")
        return lines


def theme_options() -> list[tuple[str, str, str]]:
    """``(option, default, the comment above it)`` of each option in ``theme.toml``."""
    path = Path(sphinx_superoffice.theme.__file__).parent / "superoffice" / "theme.toml"
    text = path.read_text(encoding="utf-8")
    defaults = tomllib.loads(text).get("options", {})
    comments: dict[str, str] = {}
    above: list[str] = []
    in_options = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            in_options = stripped == "[options]"
            above = []
        elif stripped.startswith("#"):
            above.append(stripped.lstrip("#").strip())
        elif in_options and "=" in stripped:
            comments[stripped.split("=", 1)[0].strip()] = " ".join(above)
            above = []
    rows = []
    for name, default in defaults.items():
        if not comments.get(name):
            raise ExtensionError(f"theme option {name!r} has no comment in {path.name}")
        rows.append((name, repr(default), comments[name]))
    return rows


class ThemeOptionsDirective(_TableDirective):
    """The table of the theme's ``html_theme_options``."""

    def markdown(self) -> list[str]:
        lines = ["| Option | Default | Meaning |", "| --- | --- | --- |"]
        for name, default, text in theme_options():
            lines.append(f"| {_code(name)} | {_cell(_code(default))} | {_cell(text)} |")
        return lines


def cli_help() -> list[tuple[str, str]]:
    """``(command line, --help text)`` of the command and of each sub-command."""
    # argparse wraps to the terminal's width: the same text on every machine
    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "88"
    try:
        parser = cli._parser()
        found = [(cli.PROG, parser.format_help())]
        # argparse has no public accessor for its sub-parsers
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found.append((f"{cli.PROG} {name}", sub.format_help()))
    finally:
        if columns is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = columns
    return found


class CliDirective(_TableDirective):
    """The ``--help`` of ``sphinx-superoffice`` and of each sub-command."""

    def markdown(self) -> list[str]:
        self.env.note_dependency(cli.__file__)
        lines: list[str] = []
        for command, text in cli_help():
            lines += [f"### `{command}`", "", "```text", *text.rstrip().splitlines(), "```", ""]
        return lines


def module_doc(path: Path) -> str:
    """The docstring of a Python file, its reStructuredText literals as Markdown."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    if not doc:
        raise ExtensionError(f"{path} has no docstring")
    return _rst_to_markdown(doc.replace("::\n", ":\n"))


class ModuleDocDirective(_TableDirective):
    """The docstring of a repository file (argument: its path from the repository root)."""

    required_arguments = 1

    def markdown(self) -> list[str]:
        path = REPOSITORY / self.arguments[0]
        self.env.note_dependency(str(path))
        return module_doc(path).splitlines()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("superoffice-settings", SettingsDirective)
    app.add_directive("superoffice-warnings", WarningsDirective)
    app.add_directive("superoffice-theme-options", ThemeOptionsDirective)
    app.add_directive("superoffice-cli", CliDirective)
    app.add_directive("superoffice-module-doc", ModuleDocDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
