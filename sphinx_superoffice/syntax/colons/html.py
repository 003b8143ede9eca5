"""HTML post-transforms of ``:::`` blocks: the zone pivot selector and image lightboxes."""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ...i18n import _
from ...state import get_state
from ...walks import has_nodes

# --- HTML: the zone pivot selector ----------------------------------------------------------


class ZonePivotHtmlTransform(SphinxPostTransform):
    """Put a pivot selector before the first pivot zone of a page (``superoffice-dfm.js``)."""

    default_priority = 220
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        zones = [
            z
            for z in self.document.findall(nodes.container)
            if "dfm-zone" in z["classes"] and z.get("dfm_pivots")
        ]
        if not zones:
            return
        pivots: list[str] = []
        for zone in zones:
            for pivot in zone["dfm_pivots"].split():
                if pivot not in pivots:
                    pivots.append(pivot)
        names: dict[str, str] = self.config.superoffice_zone_pivot_names
        buttons = "".join(
            f'<button type="button" class="dfm-pivot-option" data-pivot="{p}" '
            f'aria-pressed="{"true" if i == 0 else "false"}">'
            f"{_html_escape(names.get(p, p))}</button>"
            for i, p in enumerate(pivots)
        )
        aria_label = _html_escape(_("Choose a version"))
        selector = nodes.raw(
            "",
            f'<div class="dfm-pivot-selector" role="group" aria-label="{aria_label}" '
            f'data-pivots="{" ".join(pivots)}" hidden="hidden">{buttons}</div>\n',
            format="html",
        )
        first = zones[0]
        first.parent.insert(first.parent.index(first), selector)
        for zone in zones:
            label = ", ".join(names.get(p, p) for p in zone["dfm_pivots"].split())
            zone.insert(
                0,
                nodes.raw(
                    "",
                    f'<p class="dfm-zone-label">{_html_escape(label)}</p>\n',
                    format="html",
                ),
            )


class ImageLightboxHtmlTransform(SphinxPostTransform):
    """``:::image lightbox="…"``: the image links to its full-size copy (DocFX's lightbox)."""

    default_priority = 225
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        from sphinx.util.osutil import relative_uri

        if not has_nodes(self.document, nodes.image):
            return
        builder = get_state(self.env).builder
        assert builder is not None  # set at builder-inited
        images_dir = relative_uri(builder.get_target_uri(self.env.docname), "_images")
        for image in list(self.document.findall(nodes.image)):
            if "dfm-lightbox" not in image["classes"] or isinstance(image.parent, nodes.reference):
                continue
            uri = image["candidates"].get("*", image["uri"])
            if uri not in self.env.images:
                continue  # a missing image: nothing to link to
            target = f"{images_dir}/{self.env.images[uri][1]}"
            reference = nodes.reference("", "", internal=True, refuri=target)
            reference["classes"].append("dfm-lightbox-link")
            image.replace_self(reference)
            reference.append(image)


def _html_escape(text: str) -> str:
    return html.escape(text, quote=True)
