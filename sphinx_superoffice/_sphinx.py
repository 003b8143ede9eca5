"""Every use of Sphinx's private API, in one place, each with the reason.

Sphinx is supported from 8.2 to 9.x; an upgrade that breaks one of these should only
touch this file. (myst-parser's private API is in ``_myst.py``, markdown-it's in
``_markdown_it.py``.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def set_in_conf_py(config: Config, name: str) -> bool:
    """Whether ``conf.py`` itself assigns the configuration value ``name``.

    Sphinx has no public API for this: ``Config`` only tells the current value, which
    for ``html_title`` is a computed default (``"<project> <release> documentation"``)
    that cannot be told apart from the same text set on purpose. So this reads the
    private ``Config._raw_config`` (the ``conf.py`` namespace).
    """
    raw: dict[str, Any] = getattr(config, "_raw_config", {})
    return name in raw


def set_by_user(config: Config, name: str) -> bool:
    """Whether ``conf.py`` or the command line (``-D name=…``) sets ``name``.

    Like :func:`set_in_conf_py`, plus the public ``Config.overrides`` (the ``-D``
    values): a default such as ``project``'s "Project name not set" cannot be told
    apart from the same text set on purpose.
    """
    return set_in_conf_py(config, name) or name in config.overrides


def reload_sphinx_catalogs(app: Sphinx) -> None:
    """Load Sphinx's own message catalogs again after ``config.language`` changed.

    Sphinx loads them (``Sphinx._init_i18n``: its bundled catalogs, the project's
    ``locale_dirs``, compiling stale ``sphinx.po`` files) before extensions are set up,
    for the language then known; DocFX's ``no`` becomes Sphinx's ``nb`` only at
    ``config-inited``. There is no public way to redo that.
    """
    app._init_i18n()


def set_taken_image_names(images: Any, names: set[str]) -> None:
    """Tell ``env.images`` (a ``FilenameUniqDict``) which output names are taken, after
    its names were reassigned in source-path order (``assets.stable_image_names``).

    Its private ``_existing`` set is what it checks when a later incremental build adds
    an image; there is no public setter.
    """
    images._existing = names


def take_out_of_found_docs(
    env: BuildEnvironment, docnames: Set[str], outdated: tuple[set[str], set[str], set[str]]
) -> None:
    """Keep ``docnames`` out of the pages Sphinx reads and writes, as found at
    ``env-get-outdated``: out of ``env.found_docs`` and of the ``added`` and ``changed``
    sets the event passes; a page read before goes into ``removed`` (its data is purged).

    Used for redirect stubs (:mod:`.stubpages`): they are known from the source scan,
    and written as small redirect pages at the end of the build. Sphinx's public way to
    leave files out is ``exclude_patterns``, a configuration value: one pattern per stub
    (1,000 in one SuperOffice tree) would make every ``Matcher`` call test them all, and
    turning a page into a stub would count as a configuration change that re-reads
    every page. ``env.found_docs`` is the project's ``docnames`` set; the event's sets
    are the ones Sphinx goes on with (mutating them is not documented).
    """
    added, changed, removed = outdated
    env.project.docnames.difference_update(docnames)
    added.difference_update(docnames)
    changed.difference_update(docnames)
    removed.update(env.all_docs.keys() & docnames)
