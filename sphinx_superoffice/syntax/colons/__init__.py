"""Triple-colon blocks (dfm-spec §7): ``:::name attr="value":::``, ``::: name`` … ``::: name-end``.

- containers: ``::: zone pivot="a,b"`` / ``::: zone-end``, ``::: moniker range=">= x"`` /
  ``::: moniker-end``, ``:::row:::`` / ``:::row-end:::``, ``:::column span="2":::`` /
  ``:::column-end:::``, ``:::image type="complex" …:::`` *long description*
  ``:::image-end:::``. Their content is Markdown and may be indented as a whole.
- self-closing blocks: ``:::code …:::`` (a code snippet, :mod:`..snippets`) and
  ``:::video source="…":::`` (the embed of ``> [!Video]``).
- inline: ``:::image type="content|icon" …:::`` and ``:::no-loc text="…":::``.

Attribute values are double-quoted, names are case-insensitive; a duplicate, unknown
or unquoted attribute, a missing required one, or an unknown extension leaves the
line as text and warns (DocFX's ``invalid-<ext>``). The block rule sits before myst's
``colon_fence`` (when a project enables it), so myst never swallows these blocks;
``:::{directive}`` fences still reach myst.

- :mod:`.grammar`: the markdown-it rules, attribute checks and moniker ranges (no Sphinx);
- :mod:`.render`: the token renderers;
- :mod:`.html`: HTML post-transforms (the zone pivot selector, image lightboxes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_colons(app: Sphinx) -> None:
    from .html import ImageLightboxHtmlTransform, ZonePivotHtmlTransform

    app.add_post_transform(ZonePivotHtmlTransform)
    app.add_post_transform(ImageLightboxHtmlTransform)
