"""The one URL-scheme test: is a link a URL, or a path to resolve?

Pure (no Sphinx). A scheme is RFC 3986's ``letter *(letter / digit / "+" / "-" / ".")``
followed by ``:``; links use :func:`has_scheme` and :func:`is_absolute`, while
:func:`url_scheme` (for redirects and site URLs) treats a one-letter scheme as a
Windows drive (``C:``).
"""

from __future__ import annotations

import re

SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


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
