"""``sphinx-superoffice init``: conf.py and .readthedocs.yaml for an existing docset.

It finds docfx.json (if any) and the language folders at the docset root and writes the
two files there; the result builds with ``sphinx-superoffice build`` and no edit. It
never overwrites either file without ``--force``.
"""

from __future__ import annotations

from pathlib import Path

from .project import ProjectError, find_docset, relative
from .templates import conf_py, readthedocs_yaml


def init(root: Path, *, source: Path | None = None, force: bool = False) -> int:
    docset = find_docset(root, source=source)
    if docset.source is None or not docset.languages:
        raise ProjectError(
            f"{docset.root}: no language folder (docs/<lang> holding Markdown pages) found"
        )
    files = {
        docset.root / "conf.py": conf_py(docset, docset.root),
        docset.root / ".readthedocs.yaml": readthedocs_yaml(docset, docset.root),
    }
    existing = [path for path in files if path.exists()]
    if existing and not force:
        names = ", ".join(path.name for path in existing)
        raise ProjectError(f"{docset.root}: {names} already there; --force overwrites")
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    where = relative(docset.source, docset.root)
    docfx = f", {docset.docfx_json.name}" if docset.docfx_json else ""
    print(
        f"languages: {', '.join(docset.languages)} (in {where}{docfx})\n"
        f"next: sphinx-superoffice build {root}   or   sphinx-superoffice serve {root}"
    )
    return 0
