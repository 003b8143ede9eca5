"""Code-fence languages of DocFX content that Pygments does not know, and Mermaid.

- ``superoffice_lexer_aliases`` maps a fence language (``http!``, ``crmscript!``, ``dos``…)
  to a Pygments lexer; the built-in table below covers the SuperOffice corpus. Each
  alias is registered as a *tolerant* lexer: a token the real lexer cannot read is
  shown as plain text instead of making Sphinx warn once per block.
- ``crmscript`` gets a small lexer of its own (CRMScript is C-like, with ``#setLanguageLevel``).
- A fence language known neither to Pygments nor to the table warns once per language
  (``superoffice.lexer``) and is shown as plain text.
- ```` ```mermaid ```` fences: nothing is ever loaded from another site. Without
  ``superoffice_mermaid_js`` they show as a source block labelled "Mermaid diagram
  (source)"; with it (a path to a local ``mermaid.min.js``) the file is copied into
  ``_static`` and the fences render as diagrams in the browser.
"""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from pygments.lexer import Lexer, RegexLexer, words  # type: ignore[import-untyped]
from pygments.lexers import (  # type: ignore[import-untyped]
    get_all_lexers,
    get_lexer_by_name,
)
from pygments.token import (  # type: ignore[import-untyped]
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)
from pygments.util import ClassNotFound  # type: ignore[import-untyped]
from sphinx.highlighting import lexer_classes, lexers
from sphinx.locale import _
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .state import get_state
from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Fence languages of the SuperOffice corpus → Pygments lexers (``text`` = plain).
DEFAULT_LEXER_ALIASES: dict[str, str] = {
    "http!": "http",
    "http_": "http",
    "https": "http",
    "http": "http",
    "crmscript!": "crmscript",
    "dos": "batch",
    "cmd": "batch",
    "bat": "batch",
    "txt": "text",
    "plaintext": "text",
    "plain": "text",
    "serilog": "text",
    "c#": "csharp",
    "cs": "csharp",
    "vb": "vbnet",
    "mermaid": "text",
}


class CrmScriptLexer(RegexLexer):
    """CRMScript, SuperOffice's C-like scripting language."""

    name = "CRMScript"
    aliases: ClassVar[list[str]] = ["crmscript"]
    filenames: ClassVar[list[str]] = ["*.crmscript"]

    _keywords = [
        "if",
        "else",
        "for",
        "while",
        "do",
        "return",
        "break",
        "continue",
        "switch",
        "case",
        "default",
        "struct",
        "class",
        "new",
        "foreach",
        "in",
        "try",
        "catch",
        "throw",
    ]
    _types = [
        "Integer",
        "String",
        "Bool",
        "Float",
        "Date",
        "DateTime",
        "Time",
        "TimeSpan",
        "Void",
        "Byte",
        "Map",
        "HTTP",
        "JSONBuilder",
        "XMLNode",
        "SearchEngine",
        "Parser",
        "NSStream",
        "Vector",
        "int",
        "float",
        "bool",
        "void",
    ]
    tokens: ClassVar[dict[str, Any]] = {
        "root": [
            (r"\s+", Whitespace),
            (r"//.*?$", Comment.Single),
            (r"/\*[\s\S]*?\*/", Comment.Multiline),
            (r"#\w+", Comment.Preproc),
            (r'"(\\\\|\\[^\\]|[^"\\])*"', String.Double),
            (r"'(\\\\|\\[^\\]|[^'\\])*'", String.Single),
            (words(_keywords, suffix=r"\b"), Keyword),
            (words(_types, suffix=r"\b"), Keyword.Type),
            (r"(true|false|NULL|null)\b", Keyword.Constant),
            (r"\d+(\.\d+)?", Number),
            (r"[A-Za-z_]\w*(?=\s*\()", Name.Function),
            (r"[A-Za-z_]\w*", Name),
            (r"[-+*/%=<>!&|^~?]", Operator),
            (r"[.,;:()\[\]{}]", Punctuation),
            (r".", Text),
        ]
    }


@cache
def tolerant_lexer(name: str) -> type[Lexer]:
    """A lexer class for ``name`` whose unreadable tokens become plain text, not errors."""
    base: type[Lexer]
    if name == "crmscript":
        base = CrmScriptLexer
    elif name in ("text", "none"):
        return cast("type[Lexer]", lexer_classes["none"])
    else:
        base = type(get_lexer_by_name(name))

    def get_tokens_unprocessed(
        self: Lexer, text: str, *args: Any, **kwargs: Any
    ) -> Iterator[tuple[int, Any, str]]:
        tokens = base.get_tokens_unprocessed(self, text, *args, **kwargs)
        for index, token, value in tokens:
            yield index, (Text if token in Error else token), value

    return type(
        f"Tolerant{base.__name__}",
        (base,),
        {"get_tokens_unprocessed": get_tokens_unprocessed, "__module__": __name__},
    )


def lexer_aliases(config: Config) -> dict[str, str]:
    return {**DEFAULT_LEXER_ALIASES, **config.superoffice_lexer_aliases}


class _LazyTolerantLexer:
    """Stands in ``sphinx.highlighting.lexer_classes``; builds the tolerant class on first use."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, **options: Any) -> Lexer:
        return tolerant_lexer(self.name)(**options)


def _register_lexers(app: Sphinx, config: Config) -> None:
    if config.superoffice_lenient_highlighting:
        # DocFX highlights in the browser and never fails; Sphinx warns once per block that
        # Pygments cannot read (ASP.NET tags in "html", "..." in "json"). Lenient lexers show
        # such tokens as plain text instead.
        for _name, aliases, _files, _mimes in get_all_lexers():
            for alias in aliases:
                lexer_classes.setdefault(alias, _LazyTolerantLexer(alias))  # type: ignore[arg-type]
    lexer_classes["crmscript"] = tolerant_lexer("crmscript")
    for alias, target in lexer_aliases(config).items():
        try:
            cls = tolerant_lexer(target.lower())
        except ClassNotFound:
            warn(
                f"superoffice_lexer_aliases: {alias!r} -> {target!r}: Pygments has no lexer "
                f"{target!r}; plain text is used",
                SoWarning.CONFIG,
                None,
            )
            cls = cast("type[Lexer]", lexer_classes["none"])
        lexer_classes[alias] = cls
        lexer_classes[alias.lower()] = cls


@cache
def _known(language: str) -> bool:
    if language in lexers or language in lexer_classes:
        return True
    try:
        get_lexer_by_name(language)
    except ClassNotFound:
        return False
    return True


@dataclass
class WarnedLanguages:
    """Per build: the unknown fence languages already warned about."""

    languages: set[str] = field(default_factory=set)


class UnknownLanguageTransform(SphinxTransform):
    """Unknown fence languages: plain text, and one warning per language (not per block)."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        for block in self.document.findall(nodes.literal_block):
            language = block.get("language")
            if not language or language in ("default", "guess") or language in lexer_classes:
                continue
            if language.lower() in lexer_classes or _known(language.lower()):
                block["language"] = language.lower()  # "XML", "SQL": Pygments is case-blind
                continue
            # once per build (per reading process when parallel), not once per block
            warned = get_state(self.env).slot(WarnedLanguages).languages
            if language not in warned:
                warned.add(language)
                warn(
                    f"code-fence language {language!r} is not known to Pygments or "
                    f"superoffice_lexer_aliases; shown as plain text (warned once per language)",
                    SoWarning.LEXER,
                    block,
                )
            block["language"] = "text"


# --- Mermaid ---------------------------------------------------------------------------------


class MermaidTransform(SphinxTransform):
    """Label ``mermaid`` fences: a source block titled "Mermaid diagram (source)"."""

    default_priority = 790

    def apply(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.literal_block)):
            if str(block.get("language", "")).lower() != "mermaid":
                continue
            wrapper = nodes.container(classes=["dfm-mermaid"])
            wrapper.source, wrapper.line = block.source, block.line
            caption = nodes.paragraph(classes=["dfm-mermaid-caption"])
            caption += nodes.strong("", _("Mermaid diagram (source)"))
            wrapper += caption
            block.replace_self(wrapper)
            block["language"] = "text"
            block["dfm_mermaid"] = True
            wrapper += block


class MermaidHtmlTransform(SphinxPostTransform):
    """With a local ``mermaid.min.js``: render the diagrams in the browser instead."""

    default_priority = 230
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if not self.config.superoffice_mermaid_js:
            return
        for block in list(self.document.findall(nodes.literal_block)):
            if not block.get("dfm_mermaid"):
                continue
            wrapper = block.parent
            raw = nodes.raw(
                "",
                f'<pre class="mermaid">{html.escape(block.astext())}</pre>\n',
                format="html",
            )
            wrapper.replace_self(raw)


def _add_mermaid_js(app: Sphinx) -> None:
    path = app.config.superoffice_mermaid_js
    if not path or app.builder.format != "html":
        return
    source = Path(app.confdir, path)
    if not source.is_file():
        warn(
            f"superoffice_mermaid_js: {str(source)!r} does not exist; mermaid fences stay source",
            SoWarning.CONFIG,
            None,
        )
        app.config.superoffice_mermaid_js = ""
        return
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, static / "mermaid.min.js")
    app.add_js_file("mermaid.min.js")
    app.add_js_file(None, body="mermaid.initialize({startOnLoad: true});")


def setup_highlighting(app: Sphinx) -> None:
    app.connect("config-inited", _register_lexers, priority=810)
    app.connect("builder-inited", _add_mermaid_js)
    app.add_transform(MermaidTransform)
    app.add_transform(UnknownLanguageTransform)
    app.add_post_transform(MermaidHtmlTransform)
