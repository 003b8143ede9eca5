"""The one URL-scheme test: is a link a URL, or a path to resolve? And is a URL safe?

Pure (no Sphinx). A scheme is RFC 3986's ``letter *(letter / digit / "+" / "-" / ".")``
followed by ``:``; links use :func:`has_scheme` and :func:`is_absolute`, while
:func:`url_scheme` (for redirects and site URLs) treats a one-letter scheme as a
Windows drive (``C:``).

:func:`is_safe_url` is the test every ``href``/``src`` this extension writes passes:
read as a browser reads it (leading and trailing spaces and control characters
stripped, tabs and line breaks removed anywhere, so `` java\\tscript:`` is
``javascript:``), a URL may only be relative, a ``#fragment``, or use one of the
allowed schemes (``superoffice_url_schemes``, default :data:`DEFAULT_URL_SCHEMES`).
"""

from __future__ import annotations

import re
from collections.abc import Collection

SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")

#: The schemes a written URL may use unless ``superoffice_url_schemes`` says otherwise.
DEFAULT_URL_SCHEMES = ("http", "https", "mailto", "ftp", "tel")

#: What a browser strips from both ends of a URL: C0 controls and the space (WHATWG URL).
_EDGES = "".join(chr(c) for c in range(0x21))
#: What a browser removes anywhere in a URL: ASCII tab and line breaks.
_TAB_OR_NEWLINE_RE = re.compile("[\t\n\r]")


def has_scheme(href: str) -> bool:
    """Whether ``href`` starts with a URL scheme (``https:``, ``mailto:``, ``xref:``, ``C:``)."""
    return SCHEME_RE.match(href) is not None


def is_absolute(href: str) -> bool:
    """A URL, a protocol-relative ``//host`` or a site-absolute ``/path``: not a relative link."""
    return has_scheme(href) or href.startswith("/")


def url_scheme(url: str) -> str | None:
    """The lower-cased scheme of ``url`` (None for a relative path or a ``C:`` drive)."""
    match = SCHEME_RE.match(url.strip())
    if not match or len(match.group(1)) == 1:
        return None
    return match.group(1).lower()


def browser_url(url: str) -> str:
    """``url`` as a browser parses it: ends stripped of controls and spaces, no tab or
    line break inside."""
    return _TAB_OR_NEWLINE_RE.sub("", url.strip(_EDGES))


def refused_scheme(url: str, schemes: Collection[str] = DEFAULT_URL_SCHEMES) -> str | None:
    """The scheme that makes ``url`` unsafe to write (lower-cased), or None if it is safe:
    relative, a fragment, protocol-relative, or with a scheme in ``schemes``."""
    match = SCHEME_RE.match(browser_url(url))
    if match is None:
        return None
    scheme = match.group(1).lower()
    return None if scheme in {s.lower() for s in schemes} else scheme


def is_safe_url(url: str, schemes: Collection[str] = DEFAULT_URL_SCHEMES) -> bool:
    """Whether ``url`` may be written as an ``href`` or ``src`` (see :func:`refused_scheme`)."""
    return refused_scheme(url, schemes) is None
