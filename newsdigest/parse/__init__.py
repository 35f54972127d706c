"""Stage 1: raw article bytes to a ParsedText (headline, paragraphs, dateline)."""

from newsdigest.parse.decode import DecodeError, decode
from newsdigest.parse.text import ParseError, parse_text

__all__ = ["DecodeError", "ParseError", "decode", "parse_text"]
