"""Read DocFX sources whatever their encoding: UTF-8 (with or without BOM) or UTF-16 with a BOM.

Sphinx decodes every source with one ``source_encoding``. The SuperOffice corpus
has UTF-16 pages, which abort a plain build with "Encoding error!". We register a
codec, ``docfx-sniff``, that picks UTF-16 or UTF-8 from the byte-order mark, and
point the environment's ``input_encoding`` at it. Line endings are normalised by
Python's universal newlines when Sphinx reads the file.
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


def sniff_encoding(head: bytes) -> str:
    """The codec for a file that starts with ``head`` (at least 3 bytes, or the whole file)."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return "utf-8"


def decode_source(data: bytes) -> str:
    """Decode a whole source file, normalising CRLF/CR line endings to LF."""
    text = data.decode(sniff_encoding(data[:3]))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_source(path: str | Path) -> str:
    """Read one source file (a page, an include or a snippet) like Sphinx reads a page."""
    return decode_source(Path(path).read_bytes())


class _IncrementalDecoder(codecs.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self._buffer = b""
        self._inner: codecs.IncrementalDecoder | None = None

    def decode(self, input: Any, final: bool = False) -> str:
        if self._inner is None:
            self._buffer += bytes(input)
            if len(self._buffer) < 3 and not final:
                return ""
            self._inner = codecs.getincrementaldecoder(sniff_encoding(self._buffer))(self.errors)
            input, self._buffer = self._buffer, b""
        return self._inner.decode(input, final)

    def reset(self) -> None:
        self._buffer = b""
        self._inner = None

    def getstate(self) -> tuple[bytes, int]:
        return (self._buffer, 0)

    def setstate(self, state: tuple[bytes, int]) -> None:
        self._buffer = state[0]


def _decode(data: Any, errors: str = "strict") -> tuple[str, int]:
    data = bytes(data)
    return data.decode(sniff_encoding(data[:3]), errors), len(data)


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


def setup_encoding(app: Sphinx) -> None:
    app.connect("env-before-read-docs", _use_sniffing_codec)
