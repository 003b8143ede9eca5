"""The Sphinx side of the toc: read the model at ``config-inited``, keep pages current,
place each page in its hidden toctree and report pages in no toc."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.matching import Matcher

from ..config import get_config
from ..redirects import is_redirect_from_page, redirect_page, write_redirect_pages
from ..sitemodel import app_site_index
from ..sitepaths import SiteFiles
from ..state import config_state, get_state
from ..warnings_ import SoWarning, warn
from .incremental import (
    CHILDREN_ATTRIBUTE,
    hidden_toctree,
    mark_not_in_toc,
    note_toc_edit,
    pages_to_write,
    update_toctrees,
)
from .model import TocModel
from .reader import build_model, is_redirect_stub

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

LOGGER = logging.getLogger(__name__)


def get_model(env: BuildEnvironment) -> TocModel | None:
    """The navigation model of the build of ``env`` (``None`` before ``config-inited``)."""
    return get_state(env).peek(TocModel)


def config_inited(app: Sphinx, config: Config) -> None:
    """Read every toc.yml into the model; change ``root_doc`` if there is no such page."""
    settings = get_config(config)
    index = app_site_index(app)
    srcdir = index.srcdir
    excluded = Matcher(list(config.exclude_patterns))
    # the landing module excludes every toc.yml from the page set; we still read them
    toc_excluded = Matcher([p for p in config.exclude_patterns if not p.endswith("toc.yml")])
    included = Matcher(list(config.include_patterns))
    suffixes = list(config.source_suffix) or [".md"]

    def is_doc(docname: str) -> bool:
        for suffix in suffixes:
            rel = docname + suffix
            if index.files.is_file(rel):
                return included(rel) and not excluded(rel)
        return False

    files = SiteFiles(
        srcdir,
        suffixes,
        settings.site_url,
        is_doc,
        index.root,
        index.files,
        settings.url_schemes,
    )
    toc_files = [rel for rel in index.toc_files() if not toc_excluded(rel)]
    root_doc = config.root_doc
    model = build_model(
        index,
        files,
        toc_files,
        settings.toc_root,
        root_doc,
        is_doc(root_doc),
        lambda docname: is_redirect_stub(index, docname),
    )
    if model.root_doc != root_doc:
        LOGGER.info(
            "superoffice: no %r page; using %r (the first page of the navigation) as root_doc",
            root_doc,
            model.root_doc,
        )
        config.root_doc = model.root_doc
    config_state(config).set_slot(model)


def env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Every page, when the navigation changed (a toc.yml, a listed page appeared...)."""
    model = get_model(env)
    if model is None:
        return []
    previous = getattr(env, "superoffice_toc_digest", None)
    env.superoffice_toc_digest = model.digest  # type: ignore[attr-defined]
    children = getattr(env, CHILDREN_ATTRIBUTE, None)
    setattr(env, CHILDREN_ATTRIBUTE, dict(model.toctree_children))
    if previous is not None and previous != model.digest:
        if children is None:  # an environment pickled before the toctrees were kept
            LOGGER.info("superoffice: toc.yml navigation changed; re-reading every page")
            return sorted(env.found_docs - added - changed)
        LOGGER.info("superoffice: toc.yml navigation changed; re-writing every page")
        note_toc_edit(env, children)
    return []


def env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After a toc edit (the pages not read get the new toctrees here) or a change of a
    title the toc shows, write again the pages whose toc-drawn parts changed."""
    model = get_model(env)
    if model is None:
        return []
    edited = update_toctrees(app, env, model)
    return pages_to_write(app, env, model, edited)


class TocTreeTransform(SphinxTransform):
    """Append the page's hidden toctree (its children in toc.yml); mark unlisted pages."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        model = get_model(self.env)
        if model is None:
            return
        docname = self.env.docname
        entries = model.toctree_children.get(docname)
        if entries:
            self.document += hidden_toctree(docname, entries)
        if docname not in model.occurrences and docname != model.root_doc:
            # an author's own `orphan:` needs no summary line
            mark_not_in_toc(self.env.metadata[docname], listed=False)


def home_page(app: Sphinx) -> str | None:
    """The page written at the configured ``root_doc`` (``index``) when the tree has none,
    or None: a redirect page to the first page of the navigation, the new ``root_doc``."""
    model = get_model(app.env)
    if model is None or model.home is None or model.home in app.env.all_docs:
        return None
    if is_redirect_from_page(app, model.home):
        return None  # a page's redirect_from already writes it
    return model.home


def collect_home_page(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the home page of a tree without a root page (written)."""
    home = home_page(app)
    if home is not None:
        write_redirect_pages(app, [redirect_page(app, home, app.config.root_doc)])
    return []


def check_not_included(app: Sphinx, env: BuildEnvironment) -> None:
    """One summary warning naming the pages that are in no toc.yml."""
    model = get_model(env)
    if model is None:
        return
    missing = sorted(
        doc
        for doc in env.all_docs
        if doc not in model.occurrences
        and doc != model.root_doc
        and "redirect_url" not in env.metadata.get(doc, {})
        and env.metadata.get(doc, {}).get("superoffice_not_in_toc") == "1"
    )
    if missing:
        shown = ", ".join(missing[:50]) + (", ..." if len(missing) > 50 else "")
        warn(
            f"{len(missing)} page(s) are in no toc.yml (reachable only by links): {shown}",
            SoWarning.TOC_NOT_INCLUDED,
            None,
        )
