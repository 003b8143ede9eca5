"""``sphinx-superoffice`` run in-process (``main([...])``): init, build, serve's command
line, and every user error as one line with exit status 2."""

from __future__ import annotations

import builtins
import tomllib
from pathlib import Path
from typing import Any

import pytest

from sphinx_superoffice.cli import main
from sphinx_superoffice.cli.serve import autobuild_arguments

from ..toolkit import REPO
from .conftest import run


def docset(root: Path, languages: tuple[str, ...] = ("en", "no")) -> Path:
    titles = {"en": "Home", "no": "Hjem", "sv": "Hem"}
    for lang in languages:
        tree = root / "docs" / lang
        tree.mkdir(parents=True)
        (tree / "index.md").write_text(
            f"# {titles[lang]}\n\n[!include[x](../../common/includes/note.md)]\n", "utf-8"
        )
        (tree / "toc.yml").write_text(f"- name: {titles[lang]}\n  href: index.md\n", "utf-8")
    (root / "common" / "includes").mkdir(parents=True)
    (root / "common" / "includes" / "note.md").write_text("Shared text.\n", "utf-8")
    (root / "docs" / "media").mkdir()  # not a language: never taken for one
    return root


def errors(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_init_writes_conf_py_and_readthedocs_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = docset(tmp_path / "product-docs")
    (root / "docfx.json").write_text(
        '{"build": {"globalMetadata": {"_appTitle": "Product \\"X\\" help"}}}', "utf-8"
    )
    assert main(["init", str(root)]) == 0
    conf = (root / "conf.py").read_text("utf-8")
    namespace: dict[str, Any] = {}
    exec(compile(conf, "conf.py", "exec"), namespace)
    assert namespace["project"] == 'Product "X" help'
    assert namespace["extensions"] == ["sphinx_superoffice"]
    assert namespace["html_theme"] == "superoffice"
    assert namespace["superoffice_languages"] == {"en": "../en", "no": "../no"}
    assert namespace["superoffice_root"] == "../.."
    assert namespace["superoffice_docfx_json"] == "docfx.json"
    rtd = (root / ".readthedocs.yaml").read_text("utf-8")
    assert "- sphinx-superoffice build .\n" in rtd
    assert "configuration: conf.py\n" in rtd
    assert errors(capsys) == []


def test_init_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = docset(tmp_path / "d")
    (root / ".readthedocs.yaml").write_text("mine\n", "utf-8")
    assert main(["init", str(root)]) == 2
    assert errors(capsys) == [
        f"sphinx-superoffice: error: {root}: .readthedocs.yaml already there; --force overwrites"
    ]
    assert not (root / "conf.py").exists()  # nothing written
    assert (root / ".readthedocs.yaml").read_text("utf-8") == "mine\n"
    assert main(["init", str(root), "--force"]) == 0
    assert (root / "conf.py").is_file()
    assert (root / ".readthedocs.yaml").read_text("utf-8") != "mine\n"


def test_init_without_language_folders_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs" / "media").mkdir(parents=True)
    assert main(["init", str(tmp_path)]) == 2
    assert errors(capsys) == [
        f"sphinx-superoffice: error: {tmp_path}: no language folder (docs/<lang> holding "
        "Markdown pages) found"
    ]
    assert main(["init", str(tmp_path / "nowhere")]) == 2
    assert errors(capsys) == [f"sphinx-superoffice: error: {tmp_path / 'nowhere'}: no such folder"]


def test_build_with_a_missing_language_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """conf.py names sv, whose folder is not there: en and no are built and linked from
    the root page by their own names, sv is one line on stderr, and the status is 2."""
    root = docset(tmp_path / "d")
    assert main(["init", str(root)]) == 0
    conf = root / "conf.py"
    conf.write_text(
        conf.read_text("utf-8").replace('"no": "../no"}', '"no": "../no", "sv": "../sv"}'),
        "utf-8",
    )
    capsys.readouterr()
    assert main(["build", str(root), "--", "-q"]) == 2
    assert [line for line in errors(capsys) if "error" in line] == [
        f"sphinx-superoffice: error: language folder not found: {root / 'docs' / 'sv'} "
        "('sv' is not built)"
    ]
    site = root / "_build" / "html"
    page = (site / "index.html").read_text("utf-8")
    assert '<a href="en/index.html" hreflang="en" lang="en">English</a>' in page
    assert '<a href="no/index.html" hreflang="nb" lang="nb">Norsk</a>' in page
    assert "sv/" not in page and not (site / "sv").exists()
    assert "Shared text." in (site / "no" / "index.html").read_text("utf-8")
    assert '<html lang="nb"' in (site / "no" / "index.html").read_text("utf-8")
    # only the languages that exist: status 0
    assert main(["build", str(root), "--languages", "no", "--", "-q"]) == 0


def test_build_from_docfx_json_alone(tmp_path: Path) -> None:
    """No conf.py: the one init would write is used (under _build/conf), nothing is
    written into the docset itself."""
    root = docset(tmp_path / "d", ("en",))
    (root / "docfx.json").write_text('{"build": {}}', "utf-8")
    assert main(["build", str(root), "-o", str(tmp_path / "site"), "--", "-q"]) == 0
    assert (tmp_path / "site" / "en" / "index.html").is_file()
    assert not (root / "conf.py").exists()
    assert (root / "_build" / "conf" / "conf.py").is_file()


def test_a_broken_conf_py_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = docset(tmp_path / "d", ("en",))
    (root / "conf.py").write_text("raise RuntimeError('no licence key')\n", "utf-8")
    assert main(["build", str(root)]) == 2
    assert errors(capsys) == [
        f"sphinx-superoffice: error: {root / 'conf.py'}: RuntimeError: no licence key"
    ]
    (root / "conf.py").write_text("project = (\n", "utf-8")
    assert main(["build", str(root)]) == 2
    [line] = errors(capsys)
    assert line.startswith(f"sphinx-superoffice: error: {root / 'conf.py'}: SyntaxError: ")


def test_serve_watches_the_docset_root_on_loopback(tmp_path: Path) -> None:
    root = docset(tmp_path / "d")
    argv = autobuild_arguments(root, language="no", port=8123)
    assert argv[:2] == [str(root / "docs" / "no"), str(root / "_build" / "html" / "no")]
    options = dict(zip(argv[2::2], argv[3::2], strict=False))
    assert options["--host"] == "127.0.0.1"
    assert options["--port"] == "8123"
    assert options["--watch"] == str(root)  # common/includes and every toc.yml
    assert options["-D"] == "language=no"


def test_serve_without_the_extra_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_import = builtins.__import__

    def no_autobuild(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("sphinx_autobuild"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_autobuild)
    assert main(["serve", str(docset(tmp_path / "d"))]) == 2
    assert errors(capsys) == [
        "sphinx-superoffice: error: serve needs sphinx-autobuild: "
        "pip install 'sphinx-superoffice[serve]'"
    ]


def test_console_script_and_module() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["scripts"]["sphinx-superoffice"] == "sphinx_superoffice.cli:main"
    assert any(r.startswith("sphinx-autobuild") for r in project["optional-dependencies"]["serve"])
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("sphinx-superoffice ")
    result = run("build", "--no-such-option")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_docset_without_language_folders_is_one_tree(tmp_path: Path) -> None:
    """``docfx init``'s layout: pages at the root, docfx.json beside them."""
    root = tmp_path / "d"
    (root / "docs").mkdir(parents=True)
    (root / "index.md").write_text("# Welcome\n\n[Intro](docs/introduction.md)\n", "utf-8")
    (root / "toc.yml").write_text("- name: Docs\n  href: docs/\n", "utf-8")
    (root / "docs" / "introduction.md").write_text("# Introduction\n\nHello.\n", "utf-8")
    (root / "docs" / "toc.yml").write_text("- name: Intro\n  href: introduction.md\n", "utf-8")
    (root / "docfx.json").write_text('{"build": {"globalMetadata": {"_appName": "Mine"}}}')
    assert main(["init", str(root)]) == 0
    assert "superoffice_languages" not in (root / "conf.py").read_text("utf-8")
    assert main(["build", str(root), "--", "-q"]) == 0
    page = (root / "_build" / "html" / "docs" / "introduction.html").read_text("utf-8")
    assert "<title>Introduction &#8212; Mine" in page
    assert not (root / "_build" / "html" / "en").exists()  # no language folder
    argv = autobuild_arguments(root)
    assert argv[:2] == [str(root), str(root / "_build" / "html")]
    assert "-D" not in argv
