"""Export the build's uids as a DocFX ``xrefmap.yml`` next to ``objects.inv``.

Every uid of the build (a page's front-matter uid, and each item of an API reference
page) with its ``name``, ``fullName``, ``nameWithType``, ``commentId`` and ``href``
(relative to the output root, with the item's anchor), sorted by uid, as DocFX writes
it: DocFX sites (``xref`` in their docfx.json) link into this site with it.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import yaml

from .domain import get_domain, page_title

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: the output file, beside objects.inv
XREFMAP_NAME = "xrefmap.yml"

#: a scalar written as it is (DocFX's own xrefmaps are written so): no space, quote,
#: colon or line break, and not starting with one of YAML's indicators
_PLAIN = re.compile(r"[A-Za-z_][\w.()\[\]{}<>,#/=+*~`'@$%^&|!?-]*", re.ASCII)
#: what JSON leaves unescaped but YAML does not read as itself in double quotes: DEL,
#: the C1 controls (``\x85`` is a line break), the Unicode line and paragraph
#: separators, surrogates and the two non-characters
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


def xrefmap_entries(app: Sphinx) -> list[dict[str, str]]:
    """One entry per uid of the build, sorted by uid (ordinal, as DocFX sorts)."""
    env = app.env
    domain = get_domain(env)
    builder = app.builder
    entries: list[dict[str, str]] = []
    for uid, docname in sorted(domain.uids.items()):
        href = builder.get_target_uri(docname)
        target = domain.uid_target(uid, docname)
        if target is None:
            title = page_title(env, docname)
            entries.append({"uid": uid, "name": title, "href": href})
            continue
        anchor, name, full_name, name_with_type, comment_id = target
        entry = {"uid": uid, "name": name, "href": href + (f"#{anchor}" if anchor else "")}
        if comment_id:
            entry["commentId"] = comment_id
        entry["fullName"] = full_name
        entry["nameWithType"] = name_with_type
        entries.append(entry)
    return entries


def write_xrefmap(app: Sphinx, exception: BaseException | None) -> None:
    """At build-finished of an HTML build: ``<outdir>/xrefmap.yml``."""
    if exception is not None or app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    path = app.builder.outdir / XREFMAP_NAME
    path.write_text(render_xrefmap(xrefmap_entries(app)), encoding="utf-8")


def render_xrefmap(entries: list[dict[str, str]]) -> str:
    """The ``xrefmap.yml`` text of ``entries``, as PyYAML's dumper would write it, in a
    fraction of its time (its representer took 2 s for the 12,000 uids of the CRMScript
    reference): plain scalars where YAML reads them back as the same string, JSON's
    double quotes (valid YAML) elsewhere."""
    lines = ["### YamlMime:XRefMap", "sorted: true", "references:" if entries else "references: []"]
    for entry in entries:
        lead = "- "
        for key, value in entry.items():
            lines.append(f"{lead}{key}: {_scalar(value)}")
            lead = "  "
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    if _PLAIN.fullmatch(value) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR:
        return value
    return _UNSAFE.sub(_escape, json.dumps(value, ensure_ascii=False))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
