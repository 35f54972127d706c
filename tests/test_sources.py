"""Sources from any outlet's credit, known to the outlet table or not.

The story's own credit (dateline, lead credit, closing line) names the source; a
credit phrase in the text comes next; a quote attribution ("told Reuters") last.
Most outlets below are made up or missing from the table on purpose.
"""

from __future__ import annotations

import pytest

from newsdigest.extract.sources import extract_source
from newsdigest.parse import parse_text

BODY_ID = "Harga beras naik di pasar tradisional pada Senin pagi."
BODY_EN = "Prices rose at the markets on Monday morning."


def source(text: str) -> str | None:
    return extract_source(parse_text(f"Headline\n\n{text}"))[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a credit in the lead, alone or with a place, known or not
        (f"(CNN) — {BODY_EN}", "CNN"),
        (f"(CNN){BODY_EN}", "CNN"),
        (f"WASHINGTON (CNN) — {BODY_EN}", "CNN"),
        (f"(AFP) - {BODY_EN}", "AFP"),
        (f"(NYTIMES) - {BODY_EN}", "The New York Times"),
        (f"(The Guardian) {BODY_EN}", "The Guardian"),
        (f"KUALA LUMPUR (THE STAR/ASIA NEWS NETWORK) - {BODY_EN}", "The Star/Asia News Network"),
        (
            f"(THE DAILY HARBOUR/ASIA NEWS NETWORK) - {BODY_EN}",
            "The Daily Harbour/Asia News Network",
        ),
        (f"NEW DELHI (PTI) - {BODY_EN}", "PTI"),
        (f"(TIMES OF THE NORTH) - {BODY_EN}", "Times of the North"),
        (f"MANILA, Jan 5 (PNA) -- {BODY_EN}", "PNA"),
        (f"March 3 (Reuters) - {BODY_EN}", "Reuters"),
        (f"Washington (CNN){BODY_EN}", "CNN"),
        (f"Hong Kong (CNN) {BODY_EN}", "CNN"),
        (f"New York (CNN Business) — {BODY_EN}", "CNN"),
        (f"(Bloomberg) -- {BODY_EN}", "Bloomberg"),
        (f"LOS ANGELES (KHBR) -- {BODY_EN}", "KHBR"),
        (f"By Jane Doe, CNN\n\nWASHINGTON — Officials told Reuters that {BODY_EN}", "CNN"),
        (f"By Jane Doe and John Roe, The Harbour Times\n\n{BODY_EN}", "The Harbour Times"),
        (f"LONDON (Harbour Wire Service) - {BODY_EN}", "Harbour Wire Service"),
        # Indonesian sites before or after the place, in any case
        (f"Bisnis.com, JAKARTA - {BODY_ID}", "Bisnis.com"),
        (f"JAKARTA, KOMPAS.com - {BODY_ID}", "Kompas"),
        (f"jpnn.com - JAKARTA - {BODY_ID}", "JPNN.com"),
        (f"jpnn.com, JAKARTA - {BODY_ID}", "JPNN.com"),
        (f"Tempo.co, JAKARTA - {BODY_ID}", "Tempo"),
        (f"TEMPO.CO, Jakarta - {BODY_ID}", "Tempo"),
        (f"SURABAYA, suarasurabaya.net - {BODY_ID}", "Suarasurabaya.net"),
        (f"REPUBLIKA.CO.ID, JAKARTA -- {BODY_ID}", "Republika.co.id"),
        (f"Liputan6.com, Jakarta - {BODY_ID}", "Liputan6.com"),
        (f"Beritapagi.id - {BODY_ID}", "Beritapagi.id"),
        (f"MEDAN, kabarsumut.com - {BODY_ID}", "Kabarsumut.com"),
        (f"Jakarta, CNN Indonesia -- {BODY_ID}", "CNN Indonesia"),
        (f"Jakarta, Warta Nusantara Online - {BODY_ID}", "Warta Nusantara Online"),
        (f"Jakarta (ANTARA) - {BODY_ID}", "Antara"),
        (f"JAKARTA, KOMPAS.TV - {BODY_ID}", "Kompas"),
        (f"KONTAN.CO.ID - JAKARTA. {BODY_ID}", "Kontan.co.id"),
        (f"Jakarta, InfoNusa - {BODY_ID}", "InfoNusa"),
        (f"Laporan Wartawan Koranpagi.com, Budi Santoso\n\nJAKARTA - {BODY_ID}", "Koranpagi.com"),
        # closing credits
        (f"{BODY_ID}\n\nPasar ramai.\n\n— Detik.com", "Detik"),
        (f"{BODY_ID}\n\nPasar ramai.\n\n— Koranpagi.com", "Koranpagi.com"),
        (f"{BODY_EN}\n\nTraders were busy.\n\n-- BERNAMA", "Bernama"),
        (f"{BODY_EN}\n\nTraders were busy.\n\n(The Harbour Times)", "The Harbour Times"),
        (f"{BODY_EN}\n\nSource: Al Jazeera and news agencies", "Al Jazeera"),
        (f"{BODY_ID}\n\nSumber: Koranpagi.com", "Koranpagi.com"),
        (f"{BODY_ID} (ant)", "Antara"),
        (f"{BODY_EN}\n\nCopyright 2024 The Associated Press. All rights reserved.", "AP"),
        (f"{BODY_ID}\n\nHak Cipta © Koranpagi.com 2024", "Koranpagi.com"),
        (f"By Jane Doe | Harbour News\n\n{BODY_EN}", "Harbour News"),
        (f"{BODY_ID} (AFP)", "AFP"),
        (
            f"{BODY_ID}\n\nArtikel ini telah tayang di Koranpagi.com dengan judul Harga Naik.",
            "Koranpagi.com",
        ),
        # credit phrases in the text
        ("Harga naik, seperti dikutip dari detikBali.", "Detik"),
        ("Harga naik, dilansir dari South China Morning Post.", "South China Morning Post"),
        ("Harga naik, dilansir dari Harian Nusa Post, Senin.", "Harian Nusa Post"),
        ("Harga naik, dikutip dari laman Koranpagi.com.", "Koranpagi.com"),
        ("Harga naik, lapor kantor berita AFP.", "AFP"),
        ("Prices rose, according to the Harbour Times.", "Harbour Times"),
    ],
)
def test_the_credit_names_the_source(text: str, expected: str) -> None:
    assert source(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the story's own credit beats a quote attribution
        (f"(CNN) — The minister told Reuters that {BODY_EN.lower()}", "CNN"),
        (f"WASHINGTON (CNN) — Officials told Reuters that {BODY_EN.lower()}", "CNN"),
        (f"JAKARTA, KOMPAS.com - Menteri mengatakan kepada Reuters {BODY_ID.lower()}", "Kompas"),
        (f"Bisnis.com, JAKARTA - Dia berkata kepada Bloomberg {BODY_ID.lower()}", "Bisnis.com"),
        (f"{BODY_EN} The mayor said in an interview with CNN.\n\n-- BERNAMA", "Bernama"),
        # and a credit phrase beats it too
        ("Menteri mengatakan kepada Reuters bahwa harga naik, seperti dilansir AFP.", "AFP"),
        # with nothing else, the outlet someone spoke to is all there is
        ("Prices rose, an official told Reuters.", "Reuters"),
        ("Harga naik, kata dia kepada Reuters.", "Reuters"),
        ("The minister said in an interview with CNN that prices rose.", "CNN"),
    ],
)
def test_a_quote_attribution_is_the_weakest_evidence(text: str, expected: str) -> None:
    assert source(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ministers Meet In Paris - Talks began on Monday.",  # a capitalised sentence, no credit
        "JAKARTA - Presiden Prabowo Subianto meresmikan jembatan.",  # a place, no credit
        "Bandung, Jawa Barat - Hujan deras merendam rumah warga.",  # a region, not an outlet
        "(Updated) The president said talks would resume.",
        "(Adds details) The president said talks would resume.",
        "(Yemen) - Fighting continued in the port city.",
        "(UPDATE 1) Shares fell.",
        "Bank Indonesia (BI) Senin lalu menaikkan suku bunga acuan.",  # an acronym, no credit
        "Prime Minister (Retired) Smith said talks would resume.",
        "By Jane Doe, Staff Writer\n\nPrices rose on Monday.",
        "Harga naik, dikutip dari Instagram resminya.",  # a platform, not an outlet
        "Harga naik, mengutip Menteri Keuangan Sri Mulyani.",  # a person
        "Prices rose, according to the Ministry of Trade.",  # a ministry
        "Prices rose, the minister told reporters.",
        "Prices rose.\n\nThe market closes at noon.",  # a short last line is no credit
        # page furniture dropped from the text names nothing, whatever its words
        "Harga naik.\n\nSimak juga Video 'Seimbang antara Stabilitas dan Pertumbuhan'",
        "Harga naik.\n\nBaca juga: Kata Reuters soal harga minyak dunia",
    ],
)
def test_what_is_no_credit_gives_no_source(text: str) -> None:
    assert source(text) is None


def test_evidence_says_where_the_credit_was() -> None:
    _, evidence = extract_source(parse_text(f"H\n\njpnn.com - JAKARTA - {BODY_ID}"))
    assert evidence is not None
    assert evidence.matches == ("dateline: jpnn.com",)


@pytest.mark.parametrize(
    "text",
    [
        "Seperti dilansir dari kantor berita Antara, harga naik. DILANSIR Reuters.",
        "The minister told Reuters on Monday, AFP reported, according to the Jakarta Post.",
        "İstanbul dikutip dari AP; Mengutip detikcom",
        "",
    ],
)
def test_credit_phrases_found_by_str_find_match_what_finditer_finds(text: str) -> None:
    """The credit, quote and 'reported' patterns tried only where a phrase opens find
    what scanning every character finds."""
    from newsdigest.extract.sources import _matches, _sources

    sources = _sources()
    folded = text.lower()
    for pattern, searched, openings in (
        (sources.credit, folded, sources.credit_words),
        (sources.quote, folded, sources.quote_words),
        (sources.reported, text, sources.reported_words),
    ):
        fast = [m.span() for m in _matches(pattern, text, searched, openings)]
        assert fast == [m.span() for m in pattern.finditer(text)]
