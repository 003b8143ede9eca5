"""Languages: DocFX language codes, the language of a build, and page counterparts.

- DocFX trees use ``no`` for Norwegian (bokmål). Sphinx's ``no`` catalog is empty, its
  translations live under ``nb``, and its search stemmer is called ``no``. So a build
  with ``language = "no"`` runs as ``nb`` (``<html lang="nb">``, localised admonition
  titles and interface strings) and searches with the ``no`` stemmer.
- The language comes from ``-D language=…``, else from ``READTHEDOCS_LANGUAGE``, else
  from the language tree being built (``superoffice_languages``), else from ``conf.py``,
  else from the source folder's name when it is a language code (``docs/no``).
- Without ``superoffice_languages`` in conf.py, a tree in a language folder whose
  siblings are language folders inside the docset root (``docs/en``, ``docs/no``) gets
  them all (:func:`sibling_trees`).
- With ``superoffice_languages`` (code -> the language's tree, relative to the source
  directory), every page knows its counterpart in each language: the page with the same
  path in that tree, else the page whose uid is this one's with the language part
  swapped (``help-no-x`` <-> ``help-en-x``), else that language's home page. The theme
  gets them as ``superoffice_languages``; ``<link rel="alternate" hreflang>`` tags are
  added to every page.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from ._sphinx import reload_sphinx_catalogs, set_by_user, set_in_conf_py
from .containment import is_inside
from .langcodes import LANGUAGE_NAMES, SEARCH_LANGUAGE, sphinx_language
from .sitemodel import site_index
from .state import get_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .siteindex import FileTree


def _map_language(app: Sphinx, config: Config) -> None:
    loaded = config.language  # the language Sphinx loaded its catalogs for
    overridden = "language" in config.overrides  # -D language=…
    srcdir = Path(app.srcdir).resolve()
    if not set_by_user(config, "superoffice_languages"):
        root = (srcdir / str(config.superoffice_root)).resolve()
        config.superoffice_languages = sibling_trees(srcdir, root)
    rtd = os.environ.get("READTHEDOCS_LANGUAGE")
    if rtd and not overridden:
        config.language = rtd.replace("-", "_")
    elif not overridden:
        # building one of the configured language trees: that tree's language
        trees = config.superoffice_languages.items()
        tree = next((c for c, f in trees if (srcdir / f).resolve() == srcdir), None)
        if tree is not None:
            config.language = tree
        elif not set_in_conf_py(config, "language") and is_language_folder(srcdir.name):
            config.language = srcdir.name  # docs/no without -D: Norwegian
    # settings that name the language's own folder or URL: `https://host/{lang}/`
    code = (config.language or "en").replace("-", "_")
    if "{lang}" in config.superoffice_site_url:
        config.superoffice_site_url = config.superoffice_site_url.replace("{lang}", code)
    language = sphinx_language(config.language or "en")
    config.language = language
    if language != (loaded or "en"):
        # Sphinx loaded its catalogs for another code before extensions were set up
        reload_sphinx_catalogs(app)
    if not config.html_search_language and language in SEARCH_LANGUAGE:
        config.html_search_language = SEARCH_LANGUAGE[language]


def is_language_folder(name: str) -> bool:
    """Whether a folder name is a language code (``en``, ``no``, ``pt-br``): one of the
    known codes, or a two-letter code with an optional region that babel knows."""
    if name.lower() in LANGUAGE_NAMES:
        return True
    if not re.fullmatch(r"[a-z]{2}(?:[-_][A-Za-z]{2,4})?", name):
        return False
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def sibling_trees(srcdir: Path, root: Path) -> dict[str, str]:
    """``superoffice_languages`` for a tree in a language folder (``docs/no``) whose
    sibling folders are other languages (``docs/en``): code -> ``../<code>``, this tree
    included; ``{}`` when there is no sibling inside the docset root."""
    if not is_language_folder(srcdir.name) or not srcdir.parent.is_relative_to(root):
        return {}
    try:
        names = [
            entry.name
            for entry in os.scandir(srcdir.parent)
            if entry.is_dir() and is_language_folder(entry.name)
        ]
    except OSError:
        return {}
    names = [n for n in names if n == srcdir.name or is_inside(srcdir.parent / n, root)]
    if len(names) < 2:
        return {}
    order = list(LANGUAGE_NAMES)
    names.sort(key=lambda n: (order.index(n.lower()) if n.lower() in order else len(order), n))
    return {name: f"../{name}" for name in names}


def _docutils_knows(code: str) -> bool:
    from importlib.util import find_spec

    candidates = {code.replace("-", "_").lower(), code.split("_")[0].split("-")[0].lower()}
    return any(find_spec(f"docutils.languages.{c}") is not None for c in candidates)


def _docutils_language(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Docutils has no Norwegian: use English for the little text it generates itself.

    Front-matter keys are English in DocFX whatever the page language, so English is
    also the right vocabulary for docutils' bibliographic fields (author, date...).
    Without this, docutils 0.22 warns "Language "nb" not supported" once per build.
    """
    code = env.settings.get("language_code") or "en"
    if not _docutils_knows(code):
        env.settings["language_code"] = "en"


def setup_languages(app: Sphinx) -> None:
    # before Sphinx loads its message catalogs (builder-inited) and its search language
    app.connect("config-inited", _map_language, priority=100)
    app.connect("env-before-read-docs", _docutils_language)
    app.connect("builder-inited", _language_trees)
    app.connect("html-page-context", _page_context)


# --- counterparts in other languages ---------------------------------------------------


@dataclass
class LanguageTree:
    code: str  # the DocFX code, as in the configuration (``no``)
    root: Path  # its source folder
    uids: dict[str, str]  # uid -> docname (without suffix)
    files: FileTree | None = None  # its files (None for this build's own tree)


@dataclass
class LanguageTrees:
    """The configured language trees of this build (a build-state slot)."""

    trees: list[LanguageTree] = field(default_factory=list)
    #: this build's DocFX language code (:func:`current_language_code`), once known
    current: str | None = None


def _language_trees(app: Sphinx) -> None:
    """Index the other configured trees once per build, before pages are written: their
    files, and the uid of each page (from its front matter, with the one YAML reader)."""
    trees = []
    srcdir = Path(app.srcdir)
    current = current_language_code(app)
    index = site_index(app.env)
    for code, folder in app.config.superoffice_languages.items():
        root = (srcdir / folder).resolve()
        if code == current or not root.is_dir():
            trees.append(LanguageTree(code, root, {}))
        else:
            trees.append(LanguageTree(code, root, index.uids(root), index.tree_at(root)))
    get_state(app.env).slot(LanguageTrees).trees = trees


def current_language_code(app: Sphinx) -> str:
    """The DocFX code of this build's language (``no`` for a ``nb`` build), worked out
    once per build (it resolves paths: every page asks twice)."""
    slot = get_state(app.env).slot(LanguageTrees) if app.env is not None else None
    if slot is not None and slot.current is not None:
        return slot.current
    code = _language_code(app)
    if slot is not None:
        slot.current = code
    return code


def _language_code(app: Sphinx) -> str:
    configured: dict[str, str] = getattr(app.config, "superoffice_languages", {})  # theme alone
    srcdir = Path(app.srcdir).resolve()
    for code, folder in configured.items():
        if (srcdir / folder).resolve() == srcdir:
            return code
    language = app.config.language or "en"
    for code in configured:
        if sphinx_language(code) == language:
            return code
    return language


def _swap_uid(uid: str, current: str, other: str) -> str | None:
    pattern = re.compile(rf"(^|[-_.]){re.escape(current)}([-_.]|$)")
    if not pattern.search(uid):
        return None
    return pattern.sub(lambda m: f"{m.group(1)}{other}{m.group(2)}", uid, count=1)


def counterparts(
    app: Sphinx, pagename: str, meta: dict[str, Any], site_root: str | None = None
) -> list[dict[str, Any]]:
    """Each configured language with the URL of this page's counterpart in it: relative
    to the page, or absolute with ``site_root`` (this build's published root URL)."""
    trees = get_state(app.env).slot(LanguageTrees).trees
    if not trees:
        return []
    current = current_language_code(app)
    depth = pagename.count("/")
    uid = str(meta.get("uid") or "")
    suffixes = [*app.config.source_suffix, ".yml"]
    result = []
    for tree in trees:
        is_current = tree.code == current
        docname: str | None = pagename if is_current else None
        if docname is None:
            files = tree.files
            if files is not None and any(files.is_file(pagename + s) for s in suffixes):
                docname = pagename
            elif uid and (swapped := _swap_uid(uid, current, tree.code)):
                docname = tree.uids.get(swapped)
        exact = docname is not None
        target = docname if docname is not None else app.config.root_doc
        base = "" if is_current else app.config.superoffice_language_url.format(lang=tree.code)
        if site_root is not None:
            base = urljoin(site_root, base)
        elif "://" not in base:
            base = "../" * depth + base  # from this page up to its language root
        url = base + app.builder.get_target_uri(target)
        result.append(
            {
                "code": tree.code,
                "lang": sphinx_language(tree.code).replace("_", "-"),
                "name": LANGUAGE_NAMES.get(tree.code, tree.code),
                "url": url,
                "current": is_current,
                "exact": exact,
            }
        )
    return result


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    languages = counterparts(app, pagename, context.get("meta") or {})
    context["superoffice_languages"] = languages
    links = [
        f'<link rel="alternate" hreflang="{lang["lang"]}" href="{lang["url"]}" />'
        for lang in languages
        if lang["exact"]
    ]
    if links:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links) + "\n"
