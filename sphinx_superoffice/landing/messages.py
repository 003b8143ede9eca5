"""A landing page's strings as gettext messages, and their translated re-parse.

Every string a reader sees (title, summary, card and section titles, link texts,
footer) is a node that Sphinx extracts as a message: it carries the YAML line and the
string as ``rawsource`` (:func:`translatable`). In a translated build Sphinx re-parses
each msgstr with the page's own parser; :func:`parse_translated` gives it what it
expects of any parser, the text as a paragraph (or a section title), never a landing
page (which would warn "unknown YamlMime" and make the page an orphan).
"""

from __future__ import annotations

from typing import TypeVar

from docutils import nodes

from .._sphinx import translated_message

N = TypeVar("N", bound=nodes.Element)


def translatable(node: N, text: str, source: str, line: int) -> N:
    """``node`` (a text element holding ``text``) as a gettext message at ``line``.

    Not an inline node: Sphinx extracts those only when marked ``translatable``, and
    then removes them from the page (``RemoveTranslatableInline``). Link texts and
    labels are a ``PassthroughTextElement`` (which renders nothing) inside theirs.
    """
    assert not isinstance(node, nodes.Inline), node
    node.rawsource = text
    node.source, node.line = source, line or None
    return node


def parse_translated(text: str, document: nodes.document) -> None:
    """A translated landing string as Sphinx's ``Locale`` transform wants it back: plain
    text (landing strings are not Markdown) in a paragraph, or a section's title."""
    message, is_title = translated_message(text)
    message = message.strip()
    if is_title:
        section = nodes.section()
        section += nodes.title(message, message)
        document += section
    else:
        document += nodes.paragraph(message, message)
