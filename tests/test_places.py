"""Place names that are places: common words, club and company names, people, ethnonyms.

A gazetteer name counts as a country's evidence only where the text uses it as a
place; each case below pairs a trap with a text where the same word is the place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdigest.extract import gazetteer
from newsdigest.extract.countries import extract_countries
from newsdigest.extract.gazetteer import SUPPORTED_LANGUAGES, load_gazetteer
from newsdigest.parse import parse_text


def countries(text: str, lang: str) -> set[str]:
    return set(extract_countries(parse_text(text), lang)[0])


@pytest.mark.parametrize(
    ("text", "lang", "absent"),
    [
        # common words at a sentence's start or in a title-case headline
        ("Kita Harus Bersatu\n\nKita harus bekerja keras untuk bangsa, kata dia.", "id", "JP"),
        ("Mendagri: Kita Perlu Genjot Produksi\n\nKita perlu menambah produksi.", "id", "JP"),
        ("Bursa Cawapres Memanas\n\nNama-nama di bursa cawapres mulai bermunculan.", "id", "TR"),
        ("RUU Prioritas\n\nAda lima RUU prioritas. Lima, RUU Perampasan Aset.", "id", "PE"),
        # a common word opening a longer capitalised name
        (
            "SBN Terjual\n\nPemerintah menjual Surat Berharga Negara senilai Rp 10 triliun.",
            "id",
            "IN",
        ),
        ("Bursa Efek Indonesia Cetak Rekor\n\nIndeks di Bursa Efek Indonesia naik.", "id", "TR"),
        (
            "SALE TILNEY BUYS STAKE\n\nLONDON, March 2 - <Sale Tilney Plc> said it bought a "
            "stake; the sale closes in April.",
            "en",
            "MA",
        ),
        # a city before a club, hospital or company word
        ("Newcastle United win\n\nNewcastle United beat Arsenal 2-0 on Saturday.", "en", "GB"),
        ("Newcastle United win\n\nNewcastle United beat Arsenal 2-0 on Saturday.", "en", "AU"),
        (
            "Cleveland Clinic Opens Ward\n\nThe Cleveland Clinic opened a ward in Abu Dhabi.",
            "en",
            "US",
        ),
        # a city inside a person's name
        (
            "Harga Beras\n\nAgus Hebi Djuniantoro mengatakan harga beras di Surabaya stabil.",
            "id",
            "CN",
        ),
        ("Pangan\n\nKepala Dinas Agus Hebi Djuniantoro menyebut stok aman.", "id", "CN"),
        (
            "Pangan\n\nAgus Hebi Djuniantoro, Kepala Dinas Pangan, memastikan stok beras aman.",
            "id",
            "CN",
        ),
        (
            "Profit Up\n\nCHICAGO, March 3 - Chairman Kenneth Douglas told analysts "
            "sales would rise. Douglas said margins were steady.",
            "en",
            "IM",
        ),
        # ethnonyms: two demonyms together, a demonym naming an ocean
        ("Tribes\n\nThe American Indian community gathered in Oklahoma.", "en", "IN"),
        ("Award\n\nThe Chinese American scientist works in California.", "en", "CN"),
        ("Shipping\n\nShips crossed the Indian Ocean toward Kenya on Monday.", "en", "IN"),
    ],
)
def test_a_word_that_is_not_the_place_is_no_evidence(text: str, lang: str, absent: str) -> None:
    assert absent not in countries(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "present"),
    [
        ("Inflasi\n\nWali Kota Malang Wahyu Hidayat menyebut inflasi terkendali.", "id", "ID"),
        ("Gempa\n\nGempa mengguncang Bursa, Turki barat, pada Senin.", "id", "TR"),
        ("Demo\n\nRibuan orang berunjuk rasa di Lima, ibu kota Peru.", "id", "PE"),
        ("Pencurian Motor di Bogor\n\nPelaku ditangkap polisi.", "id", "ID"),
        ("Rapat\n\nRapat digelar di Kompleks Istana, Jakarta Pusat, Senin.", "id", "ID"),
        ("Floods\n\nFloods hit Newcastle on Monday, officials said.", "en", "AU"),
        ("Hebi\n\nWarga Kota Hebi di Henan, Tiongkok, merayakan festival.", "id", "CN"),
        ("Talks\n\nThe Chinese delegation met American officials in Geneva.", "en", "CN"),
        ("Talks\n\nThe Israeli-Palestinian talks resumed in Cairo on Monday.", "en", "PS"),
        (
            "TAIWAN RESERVES RISE\n\nTAIPEI, March 2 - Reserves rose to 50 billion taiwan "
            "dlrs, the central bank said.",
            "en",
            "TW",
        ),
        ("Bank\n\nThe U.S. Agriculture Department said exports rose.", "en", "US"),
        ("Exchange\n\nTOKYO, Feb 27 - The Tokyo Grain Exchange said it will open.", "en", "JP"),
    ],
)
def test_the_same_word_used_as_a_place_still_counts(text: str, lang: str, present: str) -> None:
    assert present in countries(text, lang)


def test_common_words_are_decided_per_language() -> None:
    gazetteer = load_gazetteer()
    assert {"kita", "surat", "lima"} <= gazetteer.common_words("id")
    assert "kita" not in gazetteer.common_words("en")
    assert "sale" in gazetteer.common_words("en")
    assert "jepang" not in gazetteer.common_words("id")  # a country's name is not a city


def test_the_short_place_names_kept_beside_the_gazetteer_are_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tables = [load_gazetteer().lookup(lang) for lang in SUPPORTED_LANGUAGES]
    expected = {words for table in tables for words in table if len(words) <= 2}
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    try:
        gazetteer.short_place_names.cache_clear()
        made = gazetteer.short_place_names()
        assert made == expected
        (kept,) = (tmp_path / "newsdigest").glob("short-place-names-*.pickle")
        gazetteer.short_place_names.cache_clear()
        assert gazetteer.short_place_names() == made  # read back from the file
        kept.write_bytes(b"damaged")
        gazetteer.short_place_names.cache_clear()
        assert gazetteer.short_place_names() == made  # made again
    finally:
        gazetteer.short_place_names.cache_clear()
