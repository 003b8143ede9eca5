"""Per-build state: what this extension computes once per build, reached through ``env``.

One :class:`BuildState` is created when the configuration is read (``config-inited``,
where the toc model may still change ``root_doc``) and moved onto the environment at
``builder-inited``, as sphinx-external-toc keeps its site map on ``env``. Each concern
keeps its own typed slot in it: a class with a no-argument constructor, created on
first use::

    @dataclass
    class RedirectCache:
        claims: dict[str, str] = field(default_factory=dict)

    get_state(env).slot(RedirectCache).claims[...] = ...

Nothing here survives the build: the state is never pickled with the environment (a
cached environment comes back with an empty one, replaced at ``builder-inited``) and no
module keeps per-build data in a global. Cross-document data that must survive
incremental builds lives in ``SoDomain`` instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

T = TypeVar("T")

#: the attribute of ``env`` that holds the state (public, like ``external_site_map``)
ENV_ATTRIBUTE = "superoffice_state"
#: where the state waits between ``config-inited`` and ``builder-inited``; Sphinx never
#: pickles a ``Config`` attribute whose name starts with ``_``
_CONFIG_ATTRIBUTE = "_superoffice_state"


class BuildState:
    """The per-build data of every concern, one typed slot each."""

    __slots__ = ("_slots", "builder")

    def __init__(self) -> None:
        self._slots: dict[type, Any] = {}
        #: the builder of this build (post-transforms need it for relative URIs)
        self.builder: Builder | None = None

    def slot(self, kind: type[T]) -> T:
        """The instance of ``kind`` for this build, created on first use."""
        try:
            found: T = self._slots[kind]
            return found
        except KeyError:
            item = self._slots[kind] = kind()
            return item

    def set_slot(self, item: object) -> None:
        """Store ``item`` as the slot of its own class."""
        self._slots[type(item)] = item

    def peek(self, kind: type[T]) -> T | None:
        """The instance of ``kind`` if one was created, else None."""
        return self._slots.get(kind)

    def __reduce__(self) -> tuple[type[BuildState], tuple[()]]:
        # per build: a pickled environment (the cache, a parallel reader's result)
        # carries an empty state, never this build's data
        return (BuildState, ())


@dataclass
class Forks:
    """A build's main process, and the last process forked from it that asked
    :meth:`first_in_fork` (a slot's part: each forked process has its own copy)."""

    #: the main process's id (0: no process counts as forked)
    main: int = 0
    last: int = 0

    def first_in_fork(self) -> bool:
        """Whether this process was forked from :attr:`main` and asks for the first time."""
        pid = os.getpid()
        if not self.main or pid in (self.main, self.last):
            return False
        self.last = pid
        return True


def config_state(config: Config) -> BuildState:
    """The state of the build that ``config`` configures (for ``config-inited`` handlers)."""
    state = getattr(config, _CONFIG_ATTRIBUTE, None)
    if state is None:
        state = BuildState()
        setattr(config, _CONFIG_ATTRIBUTE, state)
    return state


def get_state(env: BuildEnvironment) -> BuildState:
    """The state of the build that ``env`` belongs to."""
    state: BuildState | None = getattr(env, ENV_ATTRIBUTE, None)
    if state is None:  # before builder-inited
        state = config_state(env.config)
        setattr(env, ENV_ATTRIBUTE, state)
    return state


def setup_state(app: Sphinx) -> None:
    app.connect("config-inited", _new_state, priority=0)
    app.connect("builder-inited", _attach_state, priority=0)


def _new_state(app: Sphinx, config: Config) -> None:
    setattr(config, _CONFIG_ATTRIBUTE, BuildState())


def _attach_state(app: Sphinx) -> None:
    state = config_state(app.config)
    state.builder = app.builder
    setattr(app.env, ENV_ATTRIBUTE, state)
