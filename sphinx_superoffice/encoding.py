"""Read DocFX sources whatever their encoding, and say so when one is not clean.

Sphinx decodes every source with one ``source_encoding``. The SuperOffice corpus
has UTF-16 pages, which abort a plain build with "Encoding error!". We register a
codec, ``docfx-sniff``, and point the environment's ``input_encoding`` at it. It
decodes, in this order:

- by the byte-order mark: UTF-8, UTF-16 LE/BE;
- UTF-16 without a mark, recognised by the zero bytes of its ASCII characters;
- UTF-8;
- and what is not valid UTF-8 (a Latin-1 or Windows-1252 file, a binary file) as
  Windows-1252, so the page still builds.

The codec never fails. :func:`decode_bytes` tells what was not clean, and
``source-read`` (pages) and the readers of includes, snippets, toc.yml and landing
pages turn that into one ``superoffice.encoding`` warning naming the file and the byte
offset. NUL bytes are reported too. Line endings are normalised by Python's universal
newlines when Sphinx reads the file.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

CODEC_NAME = "docfx-sniff"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: how much of a file the UTF-16 guess looks at
_SNIFF_BYTES = 512


def _cp1252_or_latin1(error: UnicodeError) -> tuple[str, int]:
    # the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("superoffice-latin1", _cp1252_or_latin1)


def sniff_encoding(head: bytes) -> str:
    """The codec for a file that starts with ``head``: by its byte-order mark, else
    UTF-16 when every other byte of its start is zero, else UTF-8."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    sample = head[:_SNIFF_BYTES]
    if len(sample) >= 4 and b"\x00" in sample:
        half = len(sample) // 2
        even, odd = sample[0 : half * 2 : 2].count(0), sample[1 : half * 2 : 2].count(0)
        if odd >= half * 0.4 and even == 0:
            return "utf-16-le"
        if even >= half * 0.4 and odd == 0:
            return "utf-16-be"
    return "utf-8"


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode a whole source file: ``(text, problem)``; ``problem`` says, with a byte
    offset and its line, what was not clean UTF-8/UTF-16 (None when all was)."""
    encoding = sniff_encoding(data)
    problem = None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
        line = data.count(b"\n", 0, exc.start) + 1
        problem = (
            f"not valid {label} (byte 0x{data[exc.start]:02x} at offset {exc.start}, line {line})"
        )
        if label == "UTF-16":
            # a cut or damaged UTF-16 file: the rest is still UTF-16, not Windows-1252
            problem += "; what does not decode is shown as U+FFFD"
            text = data.decode(encoding, errors="replace")
        else:
            problem += "; read as Windows-1252"
            text = data.decode("cp1252", errors="superoffice-latin1")
    else:
        if encoding in ("utf-16-le", "utf-16-be"):
            problem = f"UTF-16 without a byte-order mark; read as {encoding.upper()}"
    if "\x00" in text:
        offset = data.find(b"\x00") if encoding.startswith("utf-8") else text.find("\x00")
        problem = f"{problem}; " if problem else ""
        problem += f"contains a NUL character (offset {offset}), shown as U+FFFD"
    return text, problem


def decode_head(data: bytes) -> str:
    """The first bytes of a file as text, to look at its first lines (a ``### YamlMime``
    header, front matter): by its byte-order mark or UTF-16 zero bytes, else UTF-8; what
    does not decode (a character cut at the end) is replaced. Never fails."""
    encoding = sniff_encoding(data)
    text = data.decode(encoding, errors="replace").lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode_source(data: bytes) -> str:
    """Decode a whole source file, normalising CRLF/CR line endings to LF."""
    text = decode_bytes(data)[0]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_source(path: str | Path) -> str:
    """Read one source file (a page, an include or a snippet) like Sphinx reads a page."""
    return decode_source(Path(path).read_bytes())


def read_source_checked(path: str | Path) -> tuple[str, str | None]:
    """:func:`read_source`, plus the encoding problem of the file (None when clean)."""
    text, problem = decode_bytes(Path(path).read_bytes())
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problem


def warn_encoding(path: str | Path, problem: str | None) -> None:
    """One ``superoffice.encoding`` warning for a file that was not clean."""
    from .warnings_ import SoWarning, warn  # here: the decoding above needs no Sphinx

    if problem:
        warn(f"encoding: {problem}", SoWarning.ENCODING, f"{path}:1")


class _IncrementalDecoder(codecs.IncrementalDecoder):
    """Collects the whole file, then decodes it with :func:`decode_bytes` (sources are
    small, and the encoding can only be told from the whole)."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self._buffer = b""

    def decode(self, input: Any, final: bool = False) -> str:
        self._buffer += bytes(input)
        if not final:
            return ""
        data, self._buffer = self._buffer, b""
        return decode_bytes(data)[0]

    def reset(self) -> None:
        self._buffer = b""

    def getstate(self) -> tuple[bytes, int]:
        return (self._buffer, 0)

    def setstate(self, state: tuple[bytes, int]) -> None:
        self._buffer = state[0]


def _decode(data: Any, errors: str = "strict") -> tuple[str, int]:
    data = bytes(data)
    return decode_bytes(data)[0], len(data)


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return text.encode("utf-8", errors), len(text)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC_NAME:
        return None
    return codecs.CodecInfo(
        name=CODEC_NAME,
        encode=_encode,
        decode=_decode,
        incrementaldecoder=_IncrementalDecoder,
        incrementalencoder=codecs.getincrementalencoder("utf-8"),
    )


codecs.register(_search)


def _use_sniffing_codec(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    env.settings["input_encoding"] = CODEC_NAME


def _check_page(app: Sphinx, docname: str, source: list[str]) -> None:
    """Warn about a page that was not clean UTF-8/UTF-16 (it has been read anyway)."""
    path = app.env.doc2path(docname)
    warn_encoding(path, decode_bytes(Path(path).read_bytes())[1])


def setup_encoding(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _use_sniffing_codec)
    app.connect("source-read", _check_page)
