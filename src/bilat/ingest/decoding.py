"""Bytes to text, without touching newlines or whitespace."""

from __future__ import annotations

import codecs

import charset_normalizer

from bilat.errors import IngestError

BINARY_SNIFF_BYTES = 8192
"""A NUL byte within this many leading bytes marks a file as binary."""

# Checked in this order: the UTF-32 LE mark starts with the UTF-16 LE mark.
_UNICODE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(text, encoding)``.

    The text is exactly what ``open(path, encoding=encoding, newline='')`` would
    read: newlines and whitespace are left as they are. UTF-8 is tried first (a
    leading BOM is kept as U+FEFF, as ``open(path, encoding='utf-8')`` keeps it,
    so that offsets agree with any tool reading the file as UTF-8); UTF-16/32
    files are recognised by their BOM; anything else is handed to
    charset_normalizer.

    Raises:
        IngestError: the data looks binary or cannot be decoded.
    """
    for bom, codec in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as err:
                raise IngestError(source, f"cannot decode text: {err}") from None
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise IngestError(source, "looks like a binary file")
    codec = "utf-8"
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as err:
        utf8_problem = str(err)
    try:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise IngestError(source, f"cannot decode text: no encoding fits ({utf8_problem})")
        return str(best), best.encoding
    except (UnicodeDecodeError, LookupError) as err:
        raise IngestError(source, f"cannot decode text: {err}") from None
