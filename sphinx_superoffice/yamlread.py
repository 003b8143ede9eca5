"""The one YAML reader: Norway-safe, with line numbers.

DocFX sites are YAML 1.1 files read by a YAML 1.2-minded tool: ``language: no`` is
the string ``"no"``, not ``False``, and ``date: 2024-05-01`` or ``version: 1.10`` stay
as written. One loader class, :class:`NorwaySafeLoader` (libyaml when available),
resolves only ``true``/``false`` as booleans and never makes dates or floats. It
reads two schemas:

- :func:`load_yaml`: every scalar a string, null an empty string (toc.yml, landing
  pages: DocFX reads them as text);
- :func:`load_front_matter`: typed like myst's front matter (booleans, integers,
  null), for page metadata.

Both give :class:`YamlDict` / :class:`YamlList`, which remember their 1-based source
lines (of the mapping, of each key, of each value, of each list item), for warning
locations. :func:`split_front_matter` finds a page's front matter the way myst does.

Both are bounded (:func:`check_bounds`): anchors and aliases are allowed, but a
document whose aliases expand to more than :data:`ALIAS_EXPANSION_LIMIT` characters
beyond its own text (a "billion laughs" bomb), refers to itself, or nests deeper than
:data:`MAX_DEPTH` levels is refused with :class:`YamlRefused`, a
:class:`yaml.YAMLError` with the line, before anything walks it. Callers treat it as
malformed YAML.
Pure: no Sphinx, no file system.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast

import yaml

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = "tag:yaml.org,2002:null"


class YamlDict(dict[str, Any]):
    """A YAML mapping that remembers its (1-based) line, and the lines of its entries."""

    line: int = 0
    #: key -> line where its value starts
    key_lines: dict[str, int]
    #: key -> line of the key itself
    name_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line where the value of ``key`` starts (the mapping's line if unknown)."""
        return getattr(self, "key_lines", {}).get(key, self.line)

    def key_line(self, key: str) -> int:
        """The line of ``key`` itself (the mapping's line if unknown)."""
        return getattr(self, "name_lines", {}).get(key, self.line)


class YamlList(list[Any]):
    """A YAML sequence that remembers its (1-based) line and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of_item(self, index: int) -> int:
        lines = getattr(self, "item_lines", [])
        return lines[index] if 0 <= index < len(lines) else self.line


class NorwaySafeLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader with YAML 1.2 booleans and no implicit dates or floats;
    mappings and sequences keep their lines."""


NorwaySafeLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag
        not in (
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:timestamp",
            "tag:yaml.org,2002:float",
        )
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
NorwaySafeLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Iterator[YamlDict]:
    data = YamlDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    data.name_lines = {}
    yield data
    data.update(cast("dict[str, Any]", loader.construct_mapping(node)))
    for key_node, value_node in node.value:  # merged (``<<``) entries included
        key = loader.construct_object(key_node)
        data.key_lines[key] = value_node.start_mark.line + 1
        data.name_lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> Iterator[YamlList]:
    data = YamlList()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_sequence(node))


NorwaySafeLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
NorwaySafeLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _StringsLoader(NorwaySafeLoader):
    """The same loader, every scalar a string whatever its tag.

    Only two tags matter when every scalar is a string: null (an empty string) and the
    merge key ``<<``; the resolver looks for those alone (the full set of implicit
    resolvers is a regular-expression match per scalar)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value in _NULLS:
                return _NULL
            return _MERGE if implicit[0] and value == "<<" else _STR
        return str(super().resolve(kind, value, implicit))

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None  # no path resolvers

    def ascend_resolver(self) -> None:
        return None


def _scalar(node: yaml.Node) -> str:
    """A scalar node's string (null is ``""``)."""
    value = str(node.value)
    return "" if node.tag == _NULL and value in ("", "~", "null") else value


def _construct_any(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return _construct_map(loader, node)
    if isinstance(node, yaml.SequenceNode):
        return _construct_seq(loader, node)
    return _scalar(node)


_StringsLoader.yaml_constructors = {None: _construct_any}


def _strings(loader: yaml.SafeLoader, root: yaml.Node, aliases: bool, merges: bool) -> Any:
    """What ``loader.construct_document(root)`` gives with :func:`_construct_any`, built
    in one direct walk (PyYAML's constructor machinery, generators and all, was most of
    the time an API page's YAML took). The walk refuses nesting deeper than
    :data:`MAX_DEPTH` itself, as :func:`check_bounds` does (a document without aliases
    does not go through that); an alias gives the same object, as in PyYAML.

    ``aliases``: the document may have aliases (each node built is then remembered, so
    an alias gives the object already built); ``merges``: it may have ``<<`` merge keys.
    Without either (a generated API page) the walk skips that bookkeeping per node."""
    built: dict[int, Any] = {}

    def build(node: yaml.Node, depth: int = 1) -> Any:
        key = id(node) if aliases else 0
        if aliases and key in built:
            return built[key]
        if depth > MAX_DEPTH:
            raise YamlRefused(f"nested deeper than {MAX_DEPTH} levels; not read", node)
        if isinstance(node, yaml.MappingNode):
            data = YamlDict()
            data.line = node.start_mark.line + 1
            data.key_lines = {}
            data.name_lines = {}
            if aliases:
                built[key] = data
            if merges:
                loader.flatten_mapping(node)  # ``<<`` merge keys, as PyYAML's safe loader
            # scalars (nearly every key and most values) are built in line
            inline = depth < MAX_DEPTH
            for key_node, value_node in node.value:
                if inline and type(key_node) is yaml.ScalarNode:
                    name = _scalar(key_node)
                else:
                    name = build(key_node, depth + 1)
                if isinstance(name, dict | list):  # a mapping or list as a key
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        "found unhashable key",
                        key_node.start_mark,
                    )
                if inline and type(value_node) is yaml.ScalarNode:
                    data[name] = _scalar(value_node)
                else:
                    data[name] = build(value_node, depth + 1)
                data.key_lines[name] = value_node.start_mark.line + 1
                data.name_lines[name] = key_node.start_mark.line + 1
            return data
        if isinstance(node, yaml.SequenceNode):
            items = YamlList()
            items.line = node.start_mark.line + 1
            items.item_lines = [child.start_mark.line + 1 for child in node.value]
            if aliases:
                built[key] = items
            items.extend(build(child, depth + 1) for child in node.value)
            return items
        return _scalar(node)

    return build(root)


#: how many characters aliases may add to a document, beyond the text of what they name
ALIAS_EXPANSION_LIMIT = 100_000
#: how deeply mappings and sequences may nest
MAX_DEPTH = 100


class YamlRefused(yaml.MarkedYAMLError):
    """A YAML document refused before it is used: an alias bomb, a self-reference, or
    nesting too deep. ``problem_mark`` is where (0-based line, as PyYAML's marks)."""

    def __init__(self, problem: str, node: yaml.Node) -> None:
        super().__init__(problem=problem, problem_mark=node.start_mark)

    @property
    def line(self) -> int:
        """The 1-based line of the problem."""
        mark = self.problem_mark
        return mark.line + 1 if mark is not None else 0


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_bounds(root: yaml.Node, limit: int = ALIAS_EXPANSION_LIMIT) -> None:
    """Refuse a composed document whose aliases expand beyond ``limit`` characters, that
    refers to itself, or that nests deeper than :data:`MAX_DEPTH`; linear in its nodes.

    An alias is the same node reached a second time; its expanded size (scalars count
    their characters, collections one plus their children) is counted again each time.
    """
    size: dict[int, int] = {}  # id(node) -> expanded size, once finished
    open_nodes: set[int] = set()
    extra = 0
    # (node, parent, depth, children left to visit); iterative, for deep documents
    stack: list[tuple[yaml.Node, yaml.Node, int, list[yaml.Node] | None]] = [(root, root, 1, None)]
    while stack:
        node, parent, depth, pending = stack.pop()
        key = id(node)
        if pending is None:
            if key in size:  # an alias of a finished node: its whole expansion again
                extra += size[key]
                if extra > limit:
                    raise YamlRefused(
                        f"aliases expand to more than {limit} characters; not read", parent
                    )
                continue
            if key in open_nodes:
                raise YamlRefused("an alias refers to a node that contains it; not read", parent)
            if depth > MAX_DEPTH:
                raise YamlRefused(f"nested deeper than {MAX_DEPTH} levels; not read", node)
            if isinstance(node, yaml.ScalarNode):
                size[key] = len(str(node.value)) + 1
                continue
            open_nodes.add(key)
            pending = _children(node)
        if pending:
            child = pending.pop()
            stack.append((node, parent, depth, pending))
            stack.append((child, node, depth + 1, None))
            continue
        open_nodes.discard(key)
        size[key] = 1 + sum(size[id(child)] for child in _children(node))


#: where an anchor (``&name``) could start: at a line's start or after a space, ``[``,
#: ``{``, ``,`` or ``:`` (a node's properties come first in it). Without one a document has no
#: alias, so no bomb and no self-reference (``&amp;`` in a word does not match)
_MAY_HAVE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&\S", re.MULTILINE)


def _load(text: str, loader_class: type[yaml.SafeLoader]) -> Any:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if isinstance(loader, _StringsLoader):
            aliases = _MAY_HAVE_ANCHOR.search(text) is not None
            if aliases:
                check_bounds(node)
            # a merge key is a plain ``<<`` (quoted, it is a string)
            return _strings(loader, node, aliases, "<<" in text)
        check_bounds(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_yaml(text: str) -> Any:
    """Load YAML keeping every scalar a string (``language: no`` stays ``"no"``; null
    is ``""``). Raises :class:`yaml.YAMLError` on malformed input, and
    :class:`YamlRefused` on a bomb (see :func:`check_bounds`)."""
    return _load(text, _StringsLoader)


def load_front_matter(text: str) -> Any:
    """Load front-matter YAML without the Norway problem: ``true``/``false`` are
    booleans, integers integers, anything else that is not null a string (no dates,
    no floats). Raises :class:`yaml.YAMLError` on malformed input, and
    :class:`YamlRefused` on a bomb (see :func:`check_bounds`)."""
    return _load(text, NorwaySafeLoader)


def metadata_text(value: Any) -> str:
    """A front-matter value as the page's metadata holds it (as myst renders it)."""
    import datetime as dt
    import json

    if isinstance(value, str | int | float | dt.date):
        return str(value)
    return json.dumps(value, default=str)


#: The YamlMime types of landing pages (:mod:`.landing`).
LANDING_MIMES = frozenset({"SubCategory", "Category"})
#: The YamlMime of API reference pages (:mod:`.apiref`).
MREF_MIME = "ManagedReference"
#: Every YamlMime type that makes a ``.yml`` file a page.
YAML_PAGE_MIMES = LANDING_MIMES | {MREF_MIME}


_PLAIN_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
#: words YAML 1.1 may read as something other than a string
_TYPED_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "null"})


def simple_value(yaml_text: str, key: str) -> str | None:
    """The value of the top-level ``key`` of a front matter when one look at its line is
    enough: the key once, at the start of a line, holding one plain word that every YAML
    schema reads as that string (``help-en-intro``); else None (read the whole YAML).

    Reading another language tree's uids this way skips a YAML parse per page. It does
    not notice malformed YAML elsewhere in the front matter, which the page's own build
    reports."""
    prefix = key + ":"
    found = None
    after_key = False  # in the lines under the key's (a plain value may go on there)
    for line in yaml_text.split("\n"):
        if line.startswith(prefix):
            if found is not None or line[len(prefix) : len(prefix) + 1] not in (" ", "\t"):
                return None
            found = line[len(prefix) :].strip(" \t\r")
            after_key = True
        elif after_key and line.strip(" \t\r"):
            if line[0] in (" ", "\t"):
                return None  # ``uid: X`` then `` 0``: one value, "X 0"
            after_key = False
    if not found or not _PLAIN_WORD.fullmatch(found) or found.lower() in _TYPED_WORDS:
        return None
    return found


_FIRST_UID = re.compile(r"^-[ \t]+uid:[ \t]*(\S.*?)[ \t]*\r?$", re.MULTILINE)


def first_uid(text: str) -> str | None:
    """The uid of the first item of a ManagedReference file (its page's type or
    namespace): the first ``- uid:`` at the start of a line, read as YAML."""
    match = _FIRST_UID.search(text)
    if match is None:
        return None
    try:
        value = load_yaml("uid: " + match.group(1))
    except yaml.YAMLError:
        return None
    uid = value.get("uid") if isinstance(value, dict) else None
    return str(uid) if uid else None


def api_page_uid(head: str) -> str | None:
    """The uid of a ManagedReference page (its first item's), from the head of its text."""
    return first_uid(head) if yaml_mime(head) == MREF_MIME else None


def yaml_mime(text: str) -> str | None:
    """The ``### YamlMime:Xxx`` marker on the first line, if any."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    match = re.match(r"^###\s*YamlMime\s*:\s*(\S+)", first)
    return match.group(1) if match else None


def _indent(line: str) -> tuple[int, int]:
    """(columns, characters) of a line's leading spaces and tabs (tabs stop at 4)."""
    columns = chars = 0
    for char in line:
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            break
        chars += 1
    return columns, chars


def split_front_matter(text: str) -> tuple[str, int] | None:
    """The front matter of a Markdown page: ``(yaml text, line of its first line)``.

    Found as myst (markdown-it's front-matter rule) finds it: the first line starts
    with at least three dashes; the block ends at a line of at least as many dashes
    (indented less than four columns) or at a ``...`` line; without an end there is no
    front matter. ``text`` has ``\\n`` line ends.
    """
    found = front_matter_parts(text)
    return None if found is None else (found[0], found[1])


def front_matter_parts(text: str) -> tuple[str, int, str] | None:
    """``(yaml text, line of its first line, what follows the front matter)``, or None
    without front matter (see :func:`split_front_matter`)."""
    found = _front_matter_lines(text)
    if found is None:
        return None
    lines, end = found
    return "\n".join(lines[1:end]), 2, "\n".join(lines[end + 1 :])


def _front_matter_lines(text: str) -> tuple[list[str], int] | None:
    """The page's lines and the index of the line that closes its front matter."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # markdown-it counts no line after the last line end
    opening = len(lines[0]) - len(lines[0].lstrip("-")) if lines else 0
    if opening < 3:
        return None
    for number in range(1, len(lines)):
        line = lines[number]
        columns, chars = _indent(line)
        rest = line[chars:]
        if columns == 0 and rest.startswith("...") and not rest[3:].strip(" \t"):
            return lines, number
        if columns >= 4 or not rest.startswith("-"):
            continue
        dashes = len(rest) - len(rest.lstrip("-"))
        if dashes >= opening and not rest[dashes:].strip(" \t"):
            return lines, number
    return None
