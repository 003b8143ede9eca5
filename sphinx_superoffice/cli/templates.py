"""The files ``sphinx-superoffice init`` writes: ``conf.py`` and ``.readthedocs.yaml``.

``conf.py`` is also what ``build`` and ``serve`` use when a docset has no ``conf.py`` of
its own (a docfx.json alone): the same text, written under ``_build/conf/``.
"""

from __future__ import annotations

import json
from pathlib import Path

from .project import Docset, global_metadata, read_docfx_json, relative

_CONF_PY = '''\
"""Sphinx configuration of {project_doc}: one conf.py for every language tree.

Written by `sphinx-superoffice init`. `sphinx-superoffice build` builds every language
tree ({trees}) into _build/html/<lang>/; `sphinx-superoffice serve` previews one
language and rebuilds after every edit; on Read the Docs, READTHEDOCS_LANGUAGE picks
the tree (see .readthedocs.yaml).
"""

project = {project}

extensions = ["sphinx_superoffice"]
html_theme = "superoffice"

# The language trees, relative to the tree being built. The language of a build comes
# from `-D language=...` (sphinx-superoffice passes it), READTHEDOCS_LANGUAGE, or the
# folder of the tree being built; `language` below is the fallback.
superoffice_languages = {languages}
language = {first}

# The DocFX docset root, relative to the tree being built: `~/` in includes means this
# folder, and nothing outside it is read (includes, shared media, snippets).
superoffice_root = {docset_root}

# Where the site is published, `{{lang}}` standing for the language's code: maps
# redirect_from paths and absolute links to local pages.
# superoffice_site_url = "https://docs.example.com/{{lang}}/"
{docfx}
exclude_patterns = ["_build"]
'''

_DOCFX = """
# Content, resources and metadata from DocFX's own configuration (relative to this file).
superoffice_docfx_json = {path}
"""

_READTHEDOCS = """\
# Read the Docs: one project per language, all built from this file and {conf}.
# The {first} project is the main one; add each other language ({others}) as a
# project of its own whose Language is the folder's code, and make it a translation
# of the main project (Settings > Translations). Each project builds only the tree
# that READTHEDOCS_LANGUAGE names, into $READTHEDOCS_OUTPUT/html, with the canonical
# URL and the language switcher pointing at its sibling projects.
version: 2

build:
  os: ubuntu-24.04
  tools:
    python: "3.13"
  jobs:
    install:
      - {install}
    build:
      html:
        - sphinx-superoffice build {root}

sphinx:
  configuration: {conf}
"""


def _py(text: str) -> str:
    """A Python string literal (double-quoted, as the rest of conf.py)."""
    return json.dumps(text, ensure_ascii=False)


def project_title(docset: Docset, namespace: dict[str, object] | None = None) -> str:
    """The project's name: conf.py's ``project``, else docfx.json's ``_appName`` /
    ``_appTitle``, else the docset's folder (as the extension names it)."""
    from ..projectname import project_name

    if namespace and isinstance(namespace.get("project"), str) and namespace["project"]:
        return str(namespace["project"])
    meta = global_metadata(read_docfx_json(docset.docfx_json)) if docset.docfx_json else {}
    return project_name(meta, docset.root)


_CONF_PY_SINGLE = '''\
"""Sphinx configuration of {project_doc}.

Written by `sphinx-superoffice init`. `sphinx-superoffice build` builds the site into
_build/html/; `sphinx-superoffice serve` previews it and rebuilds after every edit.
"""

project = {project}

extensions = ["sphinx_superoffice"]
html_theme = "superoffice"
language = {first}
{docfx}
exclude_patterns = ["_build"]
'''


def conf_py(docset: Docset, confdir: Path) -> str:
    """conf.py for ``docset``, to be written into ``confdir``."""
    assert docset.source is not None and docset.languages
    if docset.single:
        project = project_title(docset)
        path = relative(docset.docfx_json, confdir) if docset.docfx_json else ""
        return _CONF_PY_SINGLE.format(
            project=_py(project),
            project_doc=project.replace('"', "'").replace("\\", "/"),
            first=_py(docset.languages[0]),
            docfx=_DOCFX.format(path=_py(path)) if path else "",
        )
    first = docset.languages[0]
    tree = docset.tree(first)
    languages = "{" + ", ".join(f'"{code}": "../{code}"' for code in docset.languages) + "}"
    docfx = (
        _DOCFX.format(path=_py(relative(docset.docfx_json, confdir))) if docset.docfx_json else ""
    )
    project = project_title(docset)
    return _CONF_PY.format(
        project=_py(project),
        project_doc=project.replace('"', "'").replace("\\", "/"),
        trees=", ".join(relative(docset.tree(c), docset.root) for c in docset.languages),
        languages=languages,
        first=_py(first),
        docset_root=_py(relative(docset.root, tree)),
        docfx=docfx,
    )


def readthedocs_yaml(
    docset: Docset, confdir: Path, install: str = "pip install sphinx-superoffice"
) -> str:
    """``.readthedocs.yaml`` for ``docset`` (written at its root, the repository's root)."""
    return _READTHEDOCS.format(
        conf=relative(confdir / "conf.py", docset.root),
        first=docset.languages[0],
        others=", ".join(docset.languages[1:]) or "none yet",
        install=install,
        root=".",
    )
