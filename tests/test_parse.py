"""Raw text to headline, paragraphs, dateline; page leftovers removed."""

from __future__ import annotations

import pytest

from newsdigest.parse import DecodeError, ParseError, decode, parse_text
from newsdigest.parse.dateline import find_dateline

WIRE = """BAHIA COCOA REVIEW

SALVADOR, Feb 26 - Showers continued throughout the week in
the Bahia cocoa zone, alleviating the drought since early
January and improving prospects for the coming temporao.
    Comissaria Smith said total Bahia sales are currently
estimated at 6.13 mln bags.
 Reuter
"""


def test_headline_and_one_paragraph_per_line() -> None:
    parsed = parse_text("Judul Berita\n\nParagraf satu.\nParagraf dua yang panjang.\n")
    assert parsed.headline == "Judul Berita"
    assert parsed.paragraphs == ("Paragraf satu.", "Paragraf dua yang panjang.")


def test_hard_wrapped_wire_copy_is_unwrapped_at_indented_lines() -> None:
    parsed = parse_text(WIRE)
    assert parsed.headline == "BAHIA COCOA REVIEW"
    assert len(parsed.paragraphs) == 2
    assert parsed.paragraphs[0].startswith("SALVADOR, Feb 26 - Showers continued")
    assert parsed.paragraphs[0].endswith("the coming temporao.")
    assert parsed.paragraphs[1] == (
        "Comissaria Smith said total Bahia sales are currently estimated at 6.13 mln bags."
    )
    assert "Reuter" in parsed.removed


@pytest.mark.parametrize(
    "leftover",
    [
        "KOMENTAR",
        "Baca juga: Harga Beras Naik Lagi",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        'Simak Video "Banjir di Bekasi"',
        "Reuter",
        "(ant)",
        "(Reporting by Jane Doe; Editing by John Roe)",
    ],
)
def test_page_leftovers_never_reach_the_text(leftover: str) -> None:
    parsed = parse_text(f"Headline\n\nFirst paragraph of the story.\n\n{leftover}\n\nLast one.")
    assert leftover not in parsed.body
    assert parsed.paragraphs == ("First paragraph of the story.", "Last one.")


@pytest.mark.parametrize(
    ("paragraph", "place", "date_text", "agency", "region"),
    [
        ("LONDON, Nov 6 (Reuters) - Britain's ...", "LONDON", "Nov 6", "Reuters", None),
        ("TOKYO (AP) — Japanese authorities ...", "TOKYO", None, "AP", None),
        ("Bekasi, 4 Maret 2025 – Banjir merendam ...", "Bekasi", "4 Maret 2025", None, None),
        ("JAKARTA, KOMPAS.com - Ribuan buruh ...", "JAKARTA", None, "KOMPAS.com", None),
        ("NEW YORK, March 9 - Shares rose ...", "NEW YORK", "March 9", None, None),
        (
            "VANCOUVER, British Columbia (AP) — Fire ...",
            "VANCOUVER",
            None,
            "AP",
            "British Columbia",
        ),
        ("LAWRENCEVILLE, Ga. (AP) — One of ...", "LAWRENCEVILLE", None, "AP", "Ga."),
    ],
)
def test_datelines(
    paragraph: str, place: str, date_text: str | None, agency: str | None, region: str | None
) -> None:
    dateline = find_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.date_text, dateline.agency, dateline.region) == (
        place,
        date_text,
        agency,
        region,
    )


@pytest.mark.parametrize(
    "paragraph",
    ["Presiden Prabowo - yang baru dilantik - berkata", "The minister said on Tuesday that"],
)
def test_sentences_are_not_datelines(paragraph: str) -> None:
    assert find_dateline(paragraph) is None


def test_lead_is_the_first_paragraph_without_its_dateline() -> None:
    parsed = parse_text("H\n\nLONDON, Nov 6 (Reuters) - Prices rose.\n")
    assert parsed.lead == "Prices rose."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no text"),
        ("  \n\t\n", "no text"),
        ("KOMENTAR\n", "no text"),
        ("Only a headline\n", "no body"),
    ],
)
def test_texts_without_an_article_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_text(text)


def test_decode_reads_utf8_with_a_byte_order_mark_and_crlf() -> None:
    text = decode("\ufeffJudul\r\n\r\nIsi berita.\r\n".encode())
    assert parse_text(text).headline == "Judul"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café “déjà vu” – naïve".encode("cp1252"), "Café “déjà vu” – naïve"),
        ("Résumé à Paris".encode("latin-1"), "Résumé à Paris"),
        ("Judul\n\nIsi".encode("utf-16"), "Judul\n\nIsi"),  # with its byte-order mark
        ("Judul\n\nIsi berita.".encode("utf-16-le"), "Judul\n\nIsi berita."),
        ("Judul\n\nIsi berita.".encode("utf-16-be"), "Judul\n\nIsi berita."),
        ("\ufeffJudul".encode(), "Judul"),
    ],
)
def test_decode_reads_the_encodings_editors_have(data: bytes, expected: str) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"x" * (3 * 1024 * 1024), "too large"),
    ],
)
def test_decode_refuses_what_is_not_an_article(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode(data)


def test_invisible_characters_are_dropped() -> None:
    parsed = parse_text("Head\u200bline\x00\n\nBody\u200d text.")
    assert parsed.headline == "Headline"
    assert parsed.paragraphs == ("Body text.",)
