"""Export the build's uids as a DocFX ``xrefmap.yml`` next to ``objects.inv``.

Every uid of the build (a page's front-matter uid, and each item of an API reference
page) with its ``name``, ``fullName``, ``nameWithType``, ``commentId`` and ``href``
(relative to the output root, with the item's anchor), sorted by uid, as DocFX writes
it: DocFX sites (``xref`` in their docfx.json) link into this site with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from .domain import get_domain, page_title

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: the output file, beside objects.inv
XREFMAP_NAME = "xrefmap.yml"

_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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
    data: dict[str, Any] = {"sorted": True, "references": xrefmap_entries(app)}
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    path = app.builder.outdir / XREFMAP_NAME
    path.write_text("### YamlMime:XRefMap\n" + text, encoding="utf-8")
