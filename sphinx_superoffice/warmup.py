"""What every forked process of a parallel build would make again, made once before.

A parallel build forks a process for each batch of pages it reads or writes (about 20
on the ``no`` tree at ``-j 2``, 30 on ``en``), and each starts from the main process's
memory. Whatever this extension (or the standard library under it) makes on first use
was made again in each of them whenever the main process had not made it yet; on the
``en`` tree at ``-j 2`` the first page of a reading process took 100 ms of CPU against
20 ms for the others, 1.3 s over the build. So, in the main process, only when the
phase runs in parallel (a serial build keeps making each on first use, or never):

- before the reading processes are forked (``env-before-read-docs``, after
  :mod:`.parallel` ordered the pages): the build's shared MarkdownIt (its rules and
  linkify's regular expressions, compiled once) and the docset root's case-insensitive
  file index (every folder of the root listed: a link that is not found as written
  looks there);
- before the writing processes are forked (``write-started``): the list of Pygments'
  lexer names (read from package metadata) and the table of MIME types (read from the
  system's files; docutils asks it for each image);
- the lexers of the code blocks' languages (each compiles its regular expressions once
  per process): when the writers resolve their own pages (:mod:`.parallel`), those of
  every page to write, by the languages each page was read with, before the first
  writer is forked (``superoffice-writers-fork``,
  :func:`.highlighting.build_lexers_of`); when the main process resolves the pages, those
  of each page as it is resolved, before its batch is handed to a writer
  (``doctree-resolved``, :func:`.highlighting.build_page_lexers`).
"""

from __future__ import annotations

import mimetypes
from typing import TYPE_CHECKING

from .highlighting import build_lexers_of, build_page_lexers, pygments_aliases
from .parallel import WRITERS_FORK, main_resolves_for_writers, reads_in_parallel
from .parser import docfx_parser
from .sitemodel import site_index

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: a line that takes the parser through its lazily compiled paths (autolinks)
_SAMPLE = "A [link](page.md), <https://example.com> and www.example.com.\n"


def setup_warmup(app: Sphinx) -> None:
    # after .parallel's own listener (priority 900), which decides whether reads fork
    app.connect("env-before-read-docs", _before_reading_forks, priority=950)
    app.connect("write-started", _before_writing_forks)
    app.connect("doctree-resolved", _before_writing_fork)
    app.connect(WRITERS_FORK, _before_resolving_writers_fork)


def _before_reading_forks(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if not reads_in_parallel(env):
        return
    config = getattr(env, "myst_config", None)
    if config is not None:
        with docfx_parser(env, config) as md:
            md.parse(_SAMPLE)
    site_index(env).case_index()


def _before_writing_forks(app: Sphinx, builder: Builder) -> None:
    if not builder.parallel_ok:
        return
    pygments_aliases()
    if not mimetypes.inited:  # what the first guess_type() would do
        mimetypes.init()


def _before_writing_fork(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if main_resolves_for_writers(app.env):
        build_page_lexers(app.env, doctree)


def _before_resolving_writers_fork(app: Sphinx, builder: Builder, docnames: list[str]) -> None:
    build_lexers_of(app.env, docnames)
