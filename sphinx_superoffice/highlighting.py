"""Code-fence languages of DocFX content that Pygments does not know, and Mermaid.

- ``superoffice_lexer_aliases`` maps a fence language (``http!``, ``crmscript!``, ``dos``…)
  to a Pygments lexer; the built-in table below covers the SuperOffice corpus. Each
  alias gets a *tolerant* lexer: a token the real lexer cannot read is shown as plain
  text instead of making Sphinx warn once per block. The choices are per build (a
  :class:`LexerTable` in the build state, consulted by the builder's highlighter):
  nothing of one build's configuration is written into Sphinx's or Pygments' global
  registries, where it would leak into the next build in the same process. Only the
  fixed built-ins are registered there, once, at setup, for writers that make their
  own highlighter (LaTeX).
- ``crmscript`` gets a small lexer of its own (CRMScript is C-like, with ``#setLanguageLevel``).
- A fence language known neither to Pygments nor to the table warns once per language
  (``superoffice.lexer``) and is shown as plain text.
- Sphinx's highlight-language and doctest-flag post-transforms, which walk every page
  resolved (the first with a visitor called on every node), skip a page without a
  code block (:func:`may_hold_code`): most DocFX pages have none, and resolving runs
  in the main process, which a parallel build's writers wait for.
- ```` ```mermaid ```` fences: nothing is ever loaded from another site. Without
  ``superoffice_mermaid_js`` they show as a source block labelled "Mermaid diagram
  (source)"; with it (a path to a local ``mermaid.min.js``) the file is copied into
  ``_static`` and the fences render as diagrams in the browser.
"""

from __future__ import annotations

import contextlib
import html
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
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
from sphinx import addnodes
from sphinx.highlighting import PygmentsBridge, lexer_classes, lexers
from sphinx.locale import _
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.transforms.post_transforms.code import (
    HighlightLanguageTransform,
    HighlightLanguageVisitor,
    TrimDoctestFlagsTransform,
)

from ._sphinx import replace_post_transform
from .pagetable import PageTableCollector
from .state import config_state, get_state
from .walks import has_nodes, node_kinds
from .warnings_ import SoWarning, warn

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

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


class _LazyTolerantLexer:
    """A lexer factory that builds the tolerant class on first use (keeps setup cheap)."""

    def __init__(self, name: str, **defaults: Any) -> None:
        self.name = name
        self.defaults = defaults

    def __call__(self, **options: Any) -> Lexer:
        return tolerant_lexer(self.name)(**{**self.defaults, **options})


#: what a table holds: a lexer class, or a callable that makes a lexer from options
LexerFactory = Callable[..., Lexer]


@cache
def pygments_aliases() -> frozenset[str]:
    """Every lexer name Pygments knows (its plug-ins' too: read from package metadata)."""
    return frozenset(alias for _name, aliases, _f, _m in get_all_lexers() for alias in aliases)


@cache
def _pygments_knows(language: str) -> bool:
    try:
        get_lexer_by_name(language)
    except ClassNotFound:
        return False
    return True


@dataclass
class LexerTable:
    """Per build: which lexer highlights each fence language.

    ``aliases`` is the one table, :data:`DEFAULT_LEXER_ALIASES` with this build's
    ``superoffice_lexer_aliases`` over it (each also lower-cased), as lexer factories.
    With ``lenient``, any other language Pygments knows gets its tolerant lexer, unless
    Sphinx or another extension registered a lexer of that name. Nothing of it is
    written into Sphinx's or Pygments' registries: :class:`BuildPygmentsBridge`
    consults it, so the next build in the same process starts from the built-ins.
    """

    aliases: dict[str, LexerFactory] = field(default_factory=dict)
    lenient: bool = True
    #: the unknown languages already warned about
    warned: set[str] = field(default_factory=set)

    def lexer(self, language: str) -> LexerFactory | None:
        """This build's lexer for ``language``; None where Sphinx's own lookup decides."""
        factory = self.aliases.get(language)
        if factory is not None:
            return factory
        if self.lenient and language not in lexers and language in pygments_aliases():
            registered = lexer_classes.get(language)
            if registered is None:
                return _LazyTolerantLexer(language)
            if _is_sphinx_own(language, registered):
                # as Sphinx's own: keeping leading and trailing blank lines
                return _LazyTolerantLexer(_SPHINX_LEXERS[language], stripnl=False)
        return None

    def knows(self, language: str) -> bool:
        """Whether ``language``, exactly as written, has a lexer in this build."""
        return (
            language in self.aliases
            or language in lexer_classes
            or (self.lenient and language in pygments_aliases())
        )

    def knows_case_blind(self, language: str) -> bool:
        """Whether the lower-cased ``language`` has a lexer in this build."""
        lower = language.lower()
        return self.knows(lower) or lower in lexers or _pygments_knows(lower)


def lexer_table(config: Config) -> LexerTable:
    """The build's table: the built-ins, then ``superoffice_lexer_aliases`` (warns on a bad one)."""
    table = LexerTable(lenient=bool(config.superoffice_lenient_highlighting))
    for alias, target in DEFAULT_LEXER_ALIASES.items():
        table.aliases[alias] = _LazyTolerantLexer(target)
    for alias, target in config.superoffice_lexer_aliases.items():
        factory: LexerFactory
        try:
            factory = tolerant_lexer(target.lower())
        except ClassNotFound:
            warn(
                f"superoffice_lexer_aliases: {alias!r} -> {target!r}: Pygments has no lexer "
                f"{target!r}; plain text is used",
                SoWarning.CONFIG,
                None,
            )
            factory = lexer_classes["none"]
        table.aliases[alias] = factory
        table.aliases[alias.lower()] = factory
    return table


def _build_lexers(app: Sphinx, config: Config) -> None:
    config_state(config).set_slot(lexer_table(config))


#: the lexers Sphinx registers itself (strict ones: lenient highlighting replaces them,
#: unlike a lexer another extension registered under the same name)
_SPHINX_LEXERS = {"python": "python", "pycon": "pycon", "rest": "rst", "c": "c"}
#: fence languages Sphinx reads as Python; ``default`` and ``guess`` stay Sphinx's (they
#: fall back to plain text silently already)
_PYTHON_NAMES = frozenset({"py", "python", "py3", "python3", "pycon3"})


def _is_sphinx_own(language: str, registered: Any) -> bool:
    """Whether ``registered`` is the lexer Sphinx itself registers for ``language``
    (``partial(PythonLexer, stripnl=False)``), not one of another extension."""
    name = _SPHINX_LEXERS.get(language)
    return (
        name is not None
        and isinstance(registered, partial)
        and registered.func is type(get_lexer_by_name(name))
    )


class BuildPygmentsBridge(PygmentsBridge):
    """The builder's highlighter, with this build's :class:`LexerTable` consulted first,
    and one formatter per set of options.

    Sphinx makes a new Pygments formatter for every code block, and an HTML formatter
    builds its style sheet each time (about half the cost of highlighting a short
    block: 6 s of the API reference's 140 s profile); a formatter is reusable, so one is
    kept per set of options."""

    def __init__(self, bridge: PygmentsBridge, table: LexerTable) -> None:
        # the same style and formatter as the bridge the builder made
        vars(self).update(vars(bridge))
        self.table = table
        self.formatters: dict[str, Any] = {}

    def get_formatter(self, **kwargs: Any) -> Any:
        key = repr(sorted(kwargs.items()))
        formatter = self.formatters.get(key)
        if formatter is None:
            formatter = self.formatters[key] = super().get_formatter(**kwargs)
        return formatter

    def get_lexer(
        self,
        source: str,
        lang: str,
        opts: dict[str, Any] | None = None,
        force: bool = False,
        location: Any = None,
    ) -> Lexer:
        name = lang
        if lang in _PYTHON_NAMES:  # as Sphinx chooses: a console session, or Python
            name = "pycon" if lang == "pycon3" or source.startswith(">>>") else "python"
        factory = None if lang in ("default", "guess") else self.table.lexer(name)
        if factory is None:
            return super().get_lexer(source, lang, opts, force, location)
        lexer = factory(**(opts or {}))
        if not force:
            lexer.add_filter("raiseonerror")  # as Sphinx does: a failed block is retried
        return lexer


def _use_build_lexers(app: Sphinx) -> None:
    """Give the builder's highlighters this build's lexer table."""
    table = get_state(app.env).slot(LexerTable)
    for attribute in ("highlighter", "dark_highlighter"):
        bridge = getattr(app.builder, attribute, None)
        if isinstance(bridge, PygmentsBridge) and not isinstance(bridge, BuildPygmentsBridge):
            setattr(app.builder, attribute, BuildPygmentsBridge(bridge, table))


class UnknownLanguageTransform(SphinxTransform):
    """Unknown fence languages: plain text, and one warning per language (not per block)."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        table = get_state(self.env).slot(LexerTable)
        languages: set[str] = set()
        for block in self.document.findall(nodes.literal_block):
            language = block.get("language")
            if not language or language in ("default", "guess") or table.knows(language):
                if language:
                    languages.add(language)
                continue
            if table.knows_case_blind(language):
                block["language"] = language.lower()  # "XML", "SQL": Pygments is case-blind
                languages.add(block["language"])
                continue
            # once per build (per reading process when parallel), not once per block
            if language not in table.warned:
                table.warned.add(language)
                warn(
                    f"code-fence language {language!r} is not known to Pygments or "
                    f"superoffice_lexer_aliases; shown as plain text (warned once per language)",
                    SoWarning.LEXER,
                    block,
                    once_key=f"lexer:{language}",
                )
            block["language"] = "text"
        if languages:
            code_languages(self.env)[self.env.docname] = frozenset(languages)


class CodeLanguageCollector(PageTableCollector[frozenset[str]]):
    """docname -> the languages of the page's code blocks, as read (pages without a
    language named on a block are left out), kept across parallel reads and incremental
    builds; :class:`UnknownLanguageTransform` fills it, on its walk of the code blocks."""

    attribute = "superoffice_code_languages"


def code_languages(env: BuildEnvironment) -> dict[str, frozenset[str]]:
    """The :class:`CodeLanguageCollector` table of ``env``."""
    return CodeLanguageCollector.table(env)


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


#: the attribute of a document object being resolved: whether it may hold code
_CODE = "_superoffice_code"


def may_hold_code(document: nodes.document) -> bool:
    """Whether ``document`` has a literal or doctest block or a ``highlight``
    directive's node, all the two transforms look at: asked once per document object
    (the two post-transforms of one page share the answer; nothing between them adds
    code)."""
    found: bool | None = getattr(document, _CODE, None)
    if found is None:
        kinds = (nodes.literal_block, nodes.doctest_block, addnodes.highlightlang)
        counted = node_kinds(document)  # the post-transforms' census (walks.py)
        if counted is not None:
            found = any(issubclass(kind, kinds) for kind in counted)
        else:
            found = any(isinstance(node, kinds) for node in document.findall(nodes.Element))
        setattr(document, _CODE, found)
    return found


def build_page_lexers(env: BuildEnvironment, document: nodes.document) -> None:
    """Make, in this process, the lexers of this build's table (:class:`LexerTable`) that
    the code blocks of ``document`` will be highlighted with. A lexer compiles its
    regular expressions once per class and process, on first use: done in a parallel
    build's main process while it resolves a page, the writer that is forked for the
    page inherits them (each writer compiled them again: 2 s over the ``en`` tree's
    writers at ``-j 2``, profiled). Languages this build's table leaves to Sphinx are left alone
    (an unknown one warns where the page is written)."""
    table = get_state(env).peek(LexerTable)
    if table is None or not may_hold_code(document):
        return
    made = get_state(env).slot(_MadeLexers).languages
    for node in document.findall(nodes.literal_block):
        language = node.get("language")
        if not language or language in made:
            continue
        made.add(language)
        factory = table.lexer(language)
        if factory is not None:
            with contextlib.suppress(Exception):  # the writer meets it and says so
                factory()


def build_lexers_of(env: BuildEnvironment, docnames: Iterable[str]) -> None:
    """Make, in this process, the lexers of this build's table for the code-block
    languages the pages ``docnames`` were read with (:func:`code_languages`), and for
    the ``highlight_language`` of blocks without one: before a parallel write forks
    writers that resolve their own pages, which would each make them again."""
    table = get_state(env).peek(LexerTable)
    if table is None:
        return
    found = code_languages(env)
    languages = {env.config.highlight_language}
    for docname in docnames:
        languages.update(found.get(docname, ()))
    made = get_state(env).slot(_MadeLexers).languages
    for language in sorted(languages - made):
        made.add(language)
        factory = table.lexer(language)
        if factory is not None:
            with contextlib.suppress(Exception):  # the writer meets it and says so
                factory()


@dataclass
class _MadeLexers:
    """The code-block languages whose lexers this build made ahead (a state slot)."""

    languages: set[str] = field(default_factory=set)


def _code_only(transform: type[SphinxTransform]) -> type[SphinxTransform]:
    """``transform``, skipped on a page without code: Sphinx's highlight-language and
    doctest-flag transforms change nothing on one."""

    def apply(self: Any, **kwargs: Any) -> None:
        if may_hold_code(self.document):
            transform.apply(self, **kwargs)

    return type(transform.__name__, (transform,), {"apply": apply, "__module__": __name__})


class _HighlightLanguage(HighlightLanguageTransform):
    """Sphinx's transform that gives each literal block its language (the ``highlight``
    directive's before it, else :confval:`highlight_language`), skipped on a page
    without code. Its visitor calls a method for every node of the page (an API page:
    1.4 ms); on a page without a ``highlight`` directive (nor a ``start_of_file`` of a
    single-page build, which starts the default again), as the post-transforms' census
    tells (:mod:`.walks`), every block gets the default, so only the blocks are
    visited, by the same visitor."""

    def apply(self, **kwargs: Any) -> None:
        if not may_hold_code(self.document):
            return
        if has_nodes(self.document, (addnodes.highlightlang, addnodes.start_of_file)):
            super().apply(**kwargs)
            return
        visitor = HighlightLanguageVisitor(self.document, self.config.highlight_language)
        visitor.visit_document(self.document)
        for block in self.document.findall(nodes.literal_block):
            visitor.visit_literal_block(block)


def setup_highlighting(app: Sphinx) -> None:
    # the fixed built-ins, for writers that make their own highlighter (LaTeX); the same
    # in every build, so nothing of one build's configuration leaks into the next
    app.add_lexer("crmscript", tolerant_lexer("crmscript"))
    for alias, target in DEFAULT_LEXER_ALIASES.items():
        app.add_lexer(alias, _LazyTolerantLexer(target))  # type: ignore[arg-type]
    app.connect("config-inited", _build_lexers, priority=810)
    app.connect("builder-inited", _use_build_lexers)
    app.connect("builder-inited", _add_mermaid_js)
    app.add_transform(MermaidTransform)
    app.add_transform(UnknownLanguageTransform)
    app.add_env_collector(CodeLanguageCollector)
    app.add_post_transform(MermaidHtmlTransform)
    replace_post_transform(app, HighlightLanguageTransform, _HighlightLanguage)
    replace_post_transform(app, TrimDoctestFlagsTransform, _code_only(TrimDoctestFlagsTransform))
