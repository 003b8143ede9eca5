"""Read the Docs, simulated: the build command of the repository's ``.readthedocs.yaml``
run with the environment Read the Docs gives a translation project's build."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from ..toolkit import REPO

CANONICAL = "https://example-docs.readthedocs.io/no/latest/"


def html_commands() -> list[list[str]]:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text("utf-8"))
    assert config["version"] == 2
    assert config["sphinx"]["configuration"] == "example-docs/conf.py"
    commands = [shlex.split(line) for line in config["build"]["jobs"]["build"]["html"]]
    assert commands and all(c[0] == "sphinx-superoffice" for c in commands)
    return [[sys.executable, "-m", "sphinx_superoffice", *c[1:]] for c in commands]


def test_a_translation_project_builds_its_own_tree(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"  # what Read the Docs clones
    shutil.copytree(
        REPO / "example-docs", checkout / "example-docs", ignore=shutil.ignore_patterns("_build")
    )
    output = tmp_path / "_readthedocs"
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_LANGUAGE": "no",
        "READTHEDOCS_VERSION": "latest",
        "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
    }
    for command in html_commands():
        result = subprocess.run(
            command, cwd=checkout, env=env, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = output / "html"
    # one language tree, at the root of the output: no en/ or no/ folder, no root page
    assert not (html / "en").exists() and not (html / "no").exists()
    index = (html / "index.html").read_text("utf-8")
    assert '<html lang="nb"' in index  # READTHEDOCS_LANGUAGE picked the tree and language
    assert f'<link rel="canonical" href="{CANONICAL}index.html" />' in index
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="https://example-docs.readthedocs.io/en/latest/index.html" />'
    ) in index
    # a page in a folder: canonical and the English sibling project by absolute URL
    pages = [p for p in html.glob("*/**/*.html") if not p.name.startswith("_")]
    page = next(p for p in pages if 'hreflang="en"' in p.read_text("utf-8"))
    text = page.read_text("utf-8")
    rel = page.relative_to(html).as_posix()
    assert f'<link rel="canonical" href="{CANONICAL}{rel}" />' in text
    alternates = dict(re.findall(r'hreflang="([\w-]+)" href="([^"]*)"', text))
    assert alternates["en"].startswith("https://example-docs.readthedocs.io/en/latest/")
