"""Bytes to text: UTF-8 (with or without a byte-order mark), refusing binaries with a reason."""

from __future__ import annotations

MAX_BYTES = 20 * 1024 * 1024


class DecodeError(ValueError):
    """The file is not readable article text (the message says why)."""


def decode(data: bytes) -> str:
    """Decode article bytes as UTF-8; raise DecodeError naming the problem."""
    if len(data) > MAX_BYTES:
        raise DecodeError(f"too large: {len(data)} bytes (limit {MAX_BYTES})")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"not UTF-8 text: invalid byte 0x{data[error.start]:02x} at offset {error.start}"
        ) from None
