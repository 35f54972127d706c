"""Bytes to text, or a clear reason why the bytes are not an article.

UTF-8 first (with or without a byte-order mark), UTF-16 and UTF-32 by their
byte-order marks or, without one, by the zero bytes of ASCII text in UTF-16;
anything else that is not UTF-8 is read as Windows-1252 (the superset of
Latin-1 that web and wire text in English and Indonesian uses). Binary files
and oversized files are refused.
"""

from __future__ import annotations

import codecs
import re

MAX_BYTES = 2 * 1024 * 1024  # a long article is 50 KB; 2 MB is no article
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, line ends and form feed: text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01


class DecodeError(ValueError):
    """The file is not readable article text (the message says why)."""


def decode(data: bytes, limit: int = MAX_BYTES) -> str:
    """Decode article bytes (an export of many articles may pass a higher ``limit``);
    raise DecodeError naming the problem."""
    if len(data) > limit:
        raise DecodeError(f"too large for an article: {len(data)} bytes (limit {limit})")
    text = _decode(data)
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) * _MAX_CONTROL_SHARE):
        raise DecodeError("binary data, not text")
    return text


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise DecodeError(f"invalid {encoding} text at byte {error.start}") from None
    utf16 = _utf16_without_bom(data)  # before UTF-8: ASCII in UTF-16 is valid UTF-8 with NULs
    if utf16 is not None:
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined; Latin-1 reads those as control codes.
    return data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")


def _is_cp1252(data: bytes) -> bool:
    return not any(byte in data for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly ASCII letters has a zero byte in every other position."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    encoding = "utf-16-le" if odd_zeros > 0.6 > even_zeros else None
    encoding = encoding or ("utf-16-be" if even_zeros > 0.6 > odd_zeros else None)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None
