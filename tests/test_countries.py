"""Countries from names in both languages, with the hard cases of the brief."""

from __future__ import annotations

import pytest

from newsdigest.extract.countries import extract_countries
from newsdigest.extract.gazetteer import load_gazetteer
from newsdigest.parse import parse_text


def countries(text: str, lang: str) -> tuple[str, ...]:
    return extract_countries(parse_text(text), lang)[0]


@pytest.mark.parametrize(
    ("text", "lang", "present", "absent"),
    [
        ("AS dan Jepang\n\nAmerika Serikat dan Jepang sepakat.", "id", {"US", "JP"}, set()),
        ("Talks\n\nThe U.S. and Britain met in the UK capital.", "en", {"US", "GB"}, set()),
        ("Tiongkok\n\nCina dan RRT adalah nama lain Tiongkok.", "id", {"CN"}, set()),
        ("Gaza\n\nBantuan masuk ke Jalur Gaza dan Tepi Barat, Palestina.", "id", {"PS"}, set()),
        ("Korsel\n\nKorsel dan Korut kembali tegang.", "id", {"KR", "KP"}, set()),
        (
            "Deal\n\nJapanese and Kenyan officials met Dutch envoys.",
            "en",
            {"JP", "KE", "NL"},
            set(),
        ),
        ("Flood\n\nBekasi, 4 Maret 2025 – Banjir merendam Bekasi.", "id", {"ID"}, set()),
        ("Storm\n\nATLANTA — Storms hit Atlanta, Georgia, on Monday.", "en", {"US"}, {"GE"}),
        ("Game\n\nMichael Jordan watched as Jordan Poole scored.", "en", set(), {"JO"}),
        ("Feast\n\nThe price of a turkey fell before Thanksgiving.", "en", set(), {"TR"}),
        ("Guru\n\nGuru bahasa Inggris di Yogyakarta dilatih.", "id", {"ID"}, {"GB"}),
        ("Rupiah\n\nRupiah melemah terhadap dolar AS di Jakarta.", "id", {"ID"}, {"US"}),
        ("Burma\n\nRANGOON, March 3 - Burma said rice exports rose.", "en", {"MM"}, set()),
        ("Israel\n\nPerdana Menteri Israel Benjamin Netanyahu berbicara.", "id", {"IL"}, set()),
        # a lead opening with a known place and a dash names where it was written
        ("Sabu\n\nTangerang - Petugas menangkap warga Malaysia di bandara.", "id", {"ID"}, set()),
        ("Pidato\n\nPresiden Joko - yang baru pulang - berbicara.", "id", set(), {"ID"}),
    ],
)
def test_countries(text: str, lang: str, present: set[str], absent: set[str]) -> None:
    found = set(countries(text, lang))
    assert present <= found
    assert not (absent & found)


def test_headline_and_dateline_rank_first() -> None:
    text = "Japan raises rates\n\nTOKYO, Nov 6 (Reuters) - The bank, unlike Britain's, raised."
    assert countries(text, "en")[0] == "JP"


def test_evidence_says_which_words_matched_where() -> None:
    _, evidence = extract_countries(parse_text("Jepang\n\nTOKYO - Warga Jepang."), "id")
    assert any("headline: Jepang" in m for m in evidence[0].matches)
    assert evidence[0].value == "JP"


def test_country_names_come_from_cldr_for_every_country() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer.country_names["id"]) >= 240
    assert gazetteer.country_names["id"]["DE"] == "Jerman"
    assert gazetteer.country_names["en"]["CI"] == "Côte d’Ivoire"
    # A country no alias file mentions is still found, in both languages.
    assert countries("News\n\nBhutan and Eswatini signed.", "en") == ("BT", "SZ")


@pytest.mark.parametrize(
    "text",
    [
        "U.S. and U.K. officials met in São Paulo; Guinea-Bissau's A. B. said _x_ 1,5 ...",
        "",
        "  Jakarta  - Kota Bekasi, Jawa Barat (14/11).  ",
        "A. A.B. U.S.A. x.Y. __ é ß ΣΑΣ 3rd",
    ],
)
def test_tokens_are_the_patterns_matches_with_their_offsets(text: str) -> None:
    """tokenize (found with findall and str.find, faster) gives the pattern's matches."""
    from newsdigest.extract.tokens import _TOKEN, tokenize

    expected = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    assert [tuple(t) for t in tokenize(text)] == expected
