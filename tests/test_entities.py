"""People, organisations and tags: the rules that keep non-entities and fragments out.

Each case is a made-up sentence in the shape news copy uses; the rule it checks
is named beside it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsdigest.extract import extract_metadata
from newsdigest.extract.entities import extract_entities
from newsdigest.parse import parse_text


def entities(body: str, lang: str = "id") -> tuple[tuple[str, ...], tuple[str, ...]]:
    return extract_entities(parse_text(f"Judul\n\n{body}"), lang)


def tags(body: str) -> tuple[str, ...]:
    return extract_metadata(parse_text(f"Judul\n\n{body}"), dt.date(2025, 12, 31)).tags


@pytest.mark.parametrize(
    ("body", "person", "organisation"),
    [
        (  # a title, a body, then the person who speaks
            "Kepala Otorita IKN Rahmat Sudrajat menyatakan lahan siap.",
            "Rahmat Sudrajat",
            "Otorita IKN",
        ),
        (  # a party after the title of its deputy chair
            "Waketum Partai PLR Sandi Permadi mengatakan koalisi solid.",
            "Sandi Permadi",
            "Partai PLR",
        ),
        (  # a title, then a name, a comma: apposition
            "Kepala Desa Sukamaju, Tarmiji Wiryo, menyambut bantuan itu.",
            "Tarmiji Wiryo",
            None,
        ),
        (  # one word after a body is a name with a title before and a speech verb after
            "Waketum Partai Lumbung Habiburahman mengatakan koalisi solid.",
            "Habiburahman",
            "Partai Lumbung",
        ),
        (  # apposition to a title a few words back
            "Hal itu disebut Kepala Otorita IKN, Basuki Hartono dalam acara itu.",
            "Basuki Hartono",
            None,
        ),
        (  # named again by the first name
            "Rangga Adiwilaga memimpin rapat. Menurut Rangga, anggaran cukup.",
            "Rangga Adiwilaga",
            None,
        ),
        (  # the town after a regional head's title is not part of the name
            "Bupati Sukamaju Surya Atmaja Putra mengatakan jalan rusak.",
            "Surya Atmaja Putra",
            None,
        ),
    ],
)
def test_people_and_bodies_in_one_run(body: str, person: str, organisation: str | None) -> None:
    people, organizations = entities(body)
    assert person in people
    if organisation:
        assert organisation in organizations
    assert not any(person in org for org in organizations)


@pytest.mark.parametrize(
    ("body", "not_a_name"),
    [
        (
            "Kemarin rapat dipimpin Budi Hartanto. Dana desa cair, kata Budi Hartanto.",
            "Hartanto Dana",
        ),
        ("Warga di Tanjung Mulia mengungsi, kata Camat Joko Susilo.", "Tanjung Mulia"),
        ("Penghargaan Nusantara Awards diterima Rina Wulan, kata panitia.", "Nusantara Awards"),
        ("Awalnya Sutrisno Bakti menolak, ujar Sutrisno Bakti.", "Awalnya Sutrisno Bakti"),
    ],
)
def test_fragments_places_and_events_are_not_people(body: str, not_a_name: str) -> None:
    people, organizations = entities(body)
    assert not_a_name not in people and not_a_name not in organizations


def test_two_bodies_joined_by_dan_are_two() -> None:
    _, organizations = entities(
        "Polres Lembah Hijau dan Polsek Sukamaju menangkap pelaku. Polres Lembah Hijau "
        "dan Polsek Sukamaju berjaga."
    )
    assert "Polres Lembah Hijau" in organizations and "Polsek Sukamaju" in organizations


@pytest.mark.parametrize(
    ("body", "organisation", "expected"),
    [
        # Expanded with an organisation word: an organisation.
        ("Badan Pangan Desa (BPD) menyalurkan beras. BPD mencatat stok.", "BPD", True),
        # Expanded into a programme: not one.
        ("Bantuan Tunai Desa (BTD) cair. BTD diterima warga. BTD lagi.", "BTD", False),
        # Never expanded, no title before it: a programme or a card, not a body.
        ("Warga membawa KTP dan KK. Tanpa KTP dan KK, bantuan tak cair.", "KTP", False),
        # Headed by a title: a body.
        ("Ketua LPKD Sari Dewi menegaskan aturan. LPKD akan memeriksa.", "LPKD", True),
        # A known body.
        ("KPK memeriksa saksi. KPK menyita dokumen.", "KPK", True),
        # Roman numerals, laws and currencies are never bodies.
        ("Komisi II membahas UU Pemilu. UU itu dan Komisi II menjadi sorotan.", "II", False),
        ("Harga naik Rp 5.000. Kenaikan Rp itu dibahas UU dan UU lagi.", "UU", False),
    ],
)
def test_an_acronym_is_a_body_only_with_evidence(
    body: str, organisation: str, expected: bool
) -> None:
    _, organizations = entities(body)
    found = any(o == organisation or o.endswith(f"({organisation})") for o in organizations)
    assert found is expected


def test_tags_hold_no_place_law_month_or_currency() -> None:
    found = tags(
        "Jakarta - Presiden Prabowo Subianto meneken UU APBN di Jakarta pada Januari. "
        "Menteri Keuangan Purbaya Yudhi Sadewa mengatakan dana Rp 10 triliun siap. "
        "Kementerian Keuangan (Kemenkeu) mencatat defisit. Kemenkeu memantau AS dan RI."
    )
    assert "Prabowo Subianto" in found and "Purbaya Yudhi Sadewa" in found
    assert "Kementerian Keuangan" in found
    for junk in ("UU", "APBN", "Jakarta", "Januari", "Rp", "AS", "RI", "Kemenkeu"):
        assert junk not in found


@pytest.mark.parametrize(
    ("body", "lang", "person", "organisation", "not_an_entity"),
    [
        (  # a name with a particle is one name
            "President Luiz Inacio Lula da Silva said the plan would work.",
            "en",
            "Luiz Inacio Lula da Silva",
            None,
            "Luiz Inacio Lula",
        ),
        (  # a titled word after "in" is a place
            "Evacuees went to centres in Prince Rupert, officials said.",
            "en",
            None,
            None,
            "Rupert",
        ),
        (  # an event's name is not part of the body's
            "The city will host the COP30 United Nations climate conference next year.",
            "en",
            None,
            "United Nations",
            "COP30 United Nations",
        ),
        (  # a ministry's office is the ministry; a short name ends a department's title
            "Buruh berunjuk rasa di depan Kantor Kementerian Sosial (Kemensos), Jakarta. Direktur "
            "Pengendalian Penyakit Kemenkes, Siti Rahma, mengatakan kasus naik.",
            "id",
            "Siti Rahma",
            "Kementerian Sosial (Kemensos)",
            "Pengendalian Penyakit Kemenkes",
        ),
    ],
)
def test_names_with_particles_places_events_and_offices(
    body: str, lang: str, person: str | None, organisation: str | None, not_an_entity: str
) -> None:
    people, organizations = entities(body, lang)
    if person:
        assert person in people
    if organisation:
        assert organisation in organizations
    assert not_an_entity not in people and not_an_entity not in organizations


def test_a_regional_office_keeps_its_region_past_the_acronym() -> None:
    _, organizations = entities(
        "Dinas Kesehatan (Dinkes) Kota Bandung mencatat kasus. Kepala Badan Gizi "
        "Nasional (BGN) Dadan Hindayana mengatakan program berjalan."
    )
    assert "Dinas Kesehatan Kota Bandung (Dinkes Kota Bandung)" in organizations
    assert "Badan Gizi Nasional (BGN)" in organizations  # a person after it, not a region
    _, organizations = entities(
        "Kejaksaan Negeri (Kejari) Jayawijaya menetapkan tersangka. Kejari Jayawijaya "
        "memeriksa saksi."
    )
    assert "Kejaksaan Negeri Jayawijaya (Kejari Jayawijaya)" in organizations
    assert "Kejari Jayawijaya" not in organizations


@pytest.mark.parametrize(
    ("body", "lang", "person"),
    [
        # one word with a speech verb after or before it names a person
        (
            "Inflasi terkendali. Sutarjo mengatakan harga stabil, kata Sutarjo lagi.",
            "id",
            "Sutarjo",
        ),
        # a title in lower case before the name, as English copy writes it
        ("Shares may rise, according to economist Alain Marchetti.", "en", "Alain Marchetti"),
        # a name, "of" and a body: a person who works there
        (
            "Larry Eckwood of Prudence Securities Inc thinks it will.",
            "en",
            "Larry Eckwood",
        ),
        # a title, a short name of a body, then the person
        (
            "Ini langkah awal, kata Kapuspenkum Kejagung Anang Sutrisno kepada wartawan.",
            "id",
            "Anang Sutrisno",
        ),
    ],
)
def test_people_named_by_speech_lower_case_titles_and_employers(
    body: str, lang: str, person: str
) -> None:
    people, organizations = entities(body, lang)
    assert person in people
    assert not any(person in org for org in organizations)


@pytest.mark.parametrize(
    ("body", "lang", "not_a_person"),
    [
        # a frequent word of the language is a common noun, not a one-word name
        ("Polisi mengatakan pelaku kabur. Warga menuturkan hal yang sama.", "id", "Polisi"),
        # a word of a body the text names is that body speaking
        ("Qantas Airways Ltd will buy jets. Qantas said the deal was done.", "en", "Qantas"),
    ],
)
def test_one_word_speakers_that_are_bodies_or_common_words(
    body: str, lang: str, not_a_person: str
) -> None:
    people, _ = entities(body, lang)
    assert not_a_person not in people


def test_short_and_misspelt_forms_of_one_person_are_one() -> None:
    people, _ = entities(
        "Direktur Eksekutif Hanta Yuda Rasyid memaparkan survei. Yuda mengatakan hasilnya "
        "baik. Korban bernama Memet, kata Sutrisno. Mamet mengatakan ia lelah, ujar Memet."
    )
    assert "Hanta Yuda Rasyid" in people and "Yuda" not in people
    assert ("Memet" in people) != ("Mamet" in people)


def test_names_of_one_body_in_one_text_are_counted_as_one() -> None:
    _, organizations = entities(
        "Pemerintah Kota Sukamaju menyalurkan hibah. Pemkot Sukamaju mencatat dana. "
        "Pemkot Sukamaju juga mengawasi. Swiss National Bank said. National Bank added."
    )
    assert "Pemkot Sukamaju" not in organizations
    assert organizations[0] == "Pemerintah Kota Sukamaju"
    assert "Swiss National Bank" in organizations and "National Bank" not in organizations


def test_bodies_and_people_in_the_headline_come_first() -> None:
    parsed = parse_text(
        "Jurus Pemkot Sukamaju Tekan Inflasi\n\nDinas Pangan Daerah mencatat harga. Dinas "
        "Pangan Daerah memantau pasar. Dinas Pangan Daerah lapor. Pemerintah Kota Sukamaju "
        "menyiapkan dana."
    )
    _, organizations = extract_entities(parsed, "id")
    assert organizations[0] == "Pemerintah Kota Sukamaju"


def test_a_legal_form_in_brackets_is_no_acronym() -> None:
    _, organizations = entities(
        "Obligasi diterbitkan PT Bank Rakyat Sejahtera (Persero) Tbk senilai Rp 5 triliun."
    )
    assert "PT Bank Rakyat Sejahtera" in organizations
    assert not any("(Persero" in o for o in organizations)


def test_initials_inside_names_and_subheadings() -> None:
    people, organizations = entities(
        "Hadir Dirjen Bina Desa pada Kementerian Dalam Negeri La Ode Ahmad P. Bolombo, "
        "dan warga.\nBank Sejahtera Raih Mandat Pertama sebagai Koordinator Utama\n"
        "Bank Sejahtera mencatat laba. Bank Sejahtera tumbuh."
    )
    assert "La Ode Ahmad P. Bolombo" in people
    assert "Kementerian Dalam Negeri" in organizations
    assert not any("Mandat" in o for o in organizations)


def test_a_comma_parts_a_regional_office_from_its_titled_head() -> None:
    people, organizations = entities(
        "Kepala Balai Pelaksanaan Jalan Nasional (BPJN) Sukamaju, Heri Wiyono mengatakan "
        "jalan dibuka."
    )
    assert "Balai Pelaksanaan Jalan Nasional Sukamaju (BPJN Sukamaju)" in organizations
    assert "Heri Wiyono" in people


def test_a_name_that_opens_a_body_is_that_body() -> None:
    people, organizations = entities(
        "Scientific Micro Systems Inc bought Supermac. Scientific Micro said the deal "
        "closed, said Scientific Micro.",
        "en",
    )
    assert "Scientific Micro Systems Inc" in organizations
    assert "Scientific Micro" not in people


def test_a_one_word_speaker_only_at_sentence_starts_is_a_common_noun() -> None:
    people, _ = entities(
        "Prices rose. Officials said the rise was brief. Officials added more.", "en"
    )
    assert "Officials" not in people


def test_bodies_named_in_mixed_case_rank_the_same_whatever_the_hash_seed() -> None:
    """Acronyms written in mixed case (Dinkes, Bapanas) are counted in the text's order:
    a set's order changed with each process's hash seed, and so did the order of tied
    bodies (and tags) between two ingest runs or two workers."""
    import os
    import subprocess
    import sys

    body = (
        "Kepala Dinas Kesehatan (Dinkes) Sukamaju, Rina Wulan, mengatakan stok cukup. "
        "Badan Pangan Nasional (Bapanas) dan Forum Koordinasi Daerah (Forkoda) rapat. "
        "Dinas Sosial (Dinsos) mendata warga."
    )
    script = (
        "from newsdigest.extract.entities import extract_entities\n"
        "from newsdigest.parse import parse_text\n"
        f"print(extract_entities(parse_text('Judul\\n\\n' + {body!r}), 'id')[1])\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(8)
    }
    assert len(runs) == 1, runs


@pytest.mark.parametrize(
    "text",
    [
        "Aceh dan di Aceh, kota Aceh-Besar; xdi Aceh di Acehnya di Aceh",
        "Ketua KPK, Wakil KPK2 ketua KPK KPK_ Ketua  KPK",
        "Blinken said; Blinkens, -Blinken Blinken-x Blinken. Blinken Smith (Blinken)",
        "",
        "Sri Mulyani mengatakan, Sri Mulyani, Sri Mulyani Indrawati",
    ],
)
def test_finding_a_name_without_a_regular_expression_finds_what_one_would(text: str) -> None:
    """The str.find look-ups (kept fast: a pattern per name cost more to compile than to
    run) agree with the regular expressions they replace."""
    import re

    from newsdigest.extract.entities import _count_word, _inside_a_sentence, _words_before

    for word in ("Aceh", "KPK", "Blinken", "Sri Mulyani", "Mulyani", "di"):
        pattern = re.escape(word)
        assert _words_before(word, (text,)) == re.findall(rf"(\w+) {pattern}\b", text)
        assert _count_word(text, word) == len(re.findall(rf"\b{pattern}\b", text))
        assert _count_word(text, word, "-") == len(
            re.findall(rf"(?<![\w-]){pattern}(?![\w-])", text)
        )
        assert bool(_count_word(text, word, "-", before_capital=False, limit=1)) == bool(
            re.search(rf"(?<![\w-]){pattern}(?! [A-Z])(?![\w-])", text)
        )
        assert _inside_a_sentence(word, (text,)) == bool(re.search(rf"[\w,] {pattern}\b", text))


def test_another_things_name_before_a_person_is_not_part_of_the_name() -> None:
    """The text writes the developer and the person on their own: the person is the rest."""
    people, _ = entities(
        "Warga memprotes pengembang Balboa Estate. Manajer Balboa Estate Yohanes Setiawan "
        'mengatakan jembatan aman. "Sudah lama," ujar Yohanes.'
    )
    assert "Yohanes Setiawan" in people
    assert not any(p.startswith("Balboa") for p in people)


def test_a_persons_first_names_alone_do_not_cut_the_name() -> None:
    """ "ujar Jhon Franky" names the same person: the rest is never named on its own."""
    people, _ = entities(
        "Kasi Pidsus Kejari Sidoarjo Jhon Franky Yanafia Ariandi mengatakan ada empat "
        'tersangka. "Mereka kooperatif," ujar Jhon Franky.'
    )
    assert "Jhon Franky Yanafia Ariandi" in people


def test_a_name_read_from_weak_evidence_ending_in_a_frequent_word_is_no_name() -> None:
    """Named again ("RPJM Nasional") but ending in a frequent Indonesian word: a plan."""
    people, _ = entities(
        "Proyek ini bagian dari Rencana Pembangunan Jangka Menengah Nasional (RPJM Nasional) "
        "Tahun 2025-2029."
    )
    assert "Jangka Menengah Nasional" not in people


def test_a_programme_typed_by_a_thing_word_is_no_body_or_person() -> None:
    """ "program Sekolah Rakyat dan Kopdes Merah Putih", "unit SPPG": programmes and
    facilities, wherever else the text names them."""
    people, organisations = entities(
        "Menurut survei, program Sekolah Rakyat dan Kopdes Merah Putih belum optimal. "
        "Sekolah Rakyat dibuka di 166 titik. Satuan Pelayanan Pemenuhan Gizi (SPPG) "
        "tersedia 12.508 unit SPPG. Lalu Kopdes Merah Putih dinilai baik, kata Budi Santoso."
    )
    assert not any("Sekolah Rakyat" in o or "SPPG" in o for o in organisations)
    assert not any("Kopdes" in p for p in people)
    assert "Budi Santoso" in people


def test_a_known_bodys_programme_leaves_the_body() -> None:
    """ "program Kementerian Keuangan (Kemenkeu)": the ministry's programme."""
    _, organisations = entities(
        "Kementerian Keuangan (Kemenkeu) mengusulkan pagu. Rapat membahas program "
        "Kementerian Keuangan pada 2026. Kemenkeu juga menyiapkan anggaran."
    )
    assert any(o.startswith("Kementerian Keuangan") for o in organisations)


def test_a_word_derived_from_a_frequent_word_does_not_open_a_name() -> None:
    """ "Daerah Tertinggal" (ter + tinggal) ends a ministry's name: the deputy minister
    is Ahmad Riza Patria; a name that only looks derived stays whole (Diputra)."""
    people, _ = entities(
        "Acara dihadiri Wakil Menteri Desa dan Pembangunan Daerah Tertinggal Ahmad Riza "
        "Patria, Gubernur Bali Wayan Koster. Kasi Intel Kejari Sidoarjo Agus Riwayanto Diputra mengatakan berkas lengkap."
    )
    assert "Ahmad Riza Patria" in people
    assert "Agus Riwayanto Diputra" in people


@pytest.mark.parametrize(
    ("body", "government"),
    [
        ("Pemerintah Pakistan menandatangani kerja sama dengan BNN.", "Pemerintah Pakistan"),
        ("Pemerintah RI dan Pemerintah Arab Saudi sepakat.", "Pemerintah Arab Saudi"),
        ("Pemerintah Republik Indonesia menerima hibah.", "Pemerintah Republik Indonesia"),
        (
            "Pemerintah Pakistan untuk Program Hibah menyerahkan dana.",
            "Pemerintah Pakistan untuk Program Hibah",
        ),
    ],
)
def test_a_countrys_government_is_no_organisation(body: str, government: str) -> None:
    """A country's government is the country (never a tag); a region's is a body."""
    _, organisations = entities(f"{body} Pemerintah Kota Bandung (Pemkot Bandung) hadir.")
    assert government not in organisations
    assert any(o.startswith("Pemerintah Kota Bandung") for o in organisations)


def test_a_known_bodys_short_name_is_no_part_of_a_persons_name() -> None:
    """ "Corporate Communication Pertamina Mochamad Iriawan": Pertamina is the body."""
    people, _ = entities(
        "Vice President Corporate Communication Pertamina Mochamad Iriawan mengatakan stok aman."
    )
    assert "Mochamad Iriawan" in people
    assert not any("Pertamina" in p for p in people)


def test_a_nickname_the_text_introduces_is_the_person_named_before_it() -> None:
    """ "Perempuan yang disapa Leni", then "kata Leni": one person, one tag page."""
    people, _ = entities(
        "Ketua Bawaslu Manggarai Barat Maria Magdalena S Seriang mengatakan lembaga siap. "
        'Perempuan yang disapa Leni ini menegaskan kerja belum selesai. "Kita siap," kata Leni.'
    )
    assert "Maria Magdalena S Seriang" in people
    assert "Leni" not in people


@pytest.mark.parametrize(
    ("body", "kept", "dropped"),
    [
        (  # a singular possessive inside a company's name is part of it
            "Oliver's Stores Inc said it agreed to sell its stores.",
            "Oliver's Stores Inc",
            "Oliver Stores Inc",
        ),
        (  # a country's possessive before a ministry: the country, not the name
            "BANGKOK - Thailand's Commerce Ministry announced a new rice price.",
            "Commerce Ministry",
            "Thailand Commerce Ministry",
        ),
        (  # a company's unit: the body is the unit
            "Mobil Corp's Mobil Chemical Co said it raised prices.",
            "Mobil Chemical Co",
            "Mobil Corp Mobil Chemical Co",
        ),
        (  # a day's possessive before a competition
            "He will miss Saturday's Six Nations Union match.",
            "Six Nations Union",
            "Saturday's Six Nations Union",
        ),
        (  # 'of' and a place after a legal form: where the company is
            "Renouf Corp of New Zealand said it holds 20 pct of the shares.",
            "Renouf Corp",
            "Renouf Corp of New Zealand",
        ),
    ],
)
def test_possessives_and_places_around_a_body_s_name(body: str, kept: str, dropped: str) -> None:
    _, organisations = entities(body, "en")
    assert kept in organisations
    assert dropped not in organisations


def test_a_plural_possessive_stays_in_the_name() -> None:
    """ "Seafarers' International Union": no owner, the union's own name."""
    _, organisations = entities("The Seafarers' International Union said it would strike.", "en")
    assert "Seafarers' International Union" in organisations


def test_an_english_phrase_in_an_indonesian_text_is_no_body() -> None:
    """Organisation words only inside the name ("Second Party Opinion", "Best Corporate
    Trust Mandate"): an English phrase the text quotes; a body opens or ends with one."""
    _, organisations = entities(
        "Bank DBS Indonesia meraih Best Corporate Trust Mandate dan memperoleh Second Party "
        "Opinion (SPO) dari pemeringkat. Economic Development Board Singapore ikut hadir."
    )
    assert not any("Opinion" in o or "Mandate" in o for o in organisations)
    assert "Bank DBS Indonesia" in organisations
    assert "Economic Development Board Singapore" in organisations


def test_an_association_opens_its_name_and_a_meeting_is_no_body() -> None:
    """Himpunan, Ikatan open an association's name; a Rapat (meeting) is an event."""
    _, organisations = entities(
        "Himpunan Pengusaha Muda Indonesia (HIPMI) hadir dalam Rapat Dewan Gubernur (RDG) "
        "yang digelar Bank Indonesia."
    )
    assert any(o.startswith("Himpunan Pengusaha Muda Indonesia") for o in organisations)
    assert not any(o.startswith("Rapat") for o in organisations)


def test_a_titles_word_inside_a_titled_name_is_the_names() -> None:
    """ "KH Abdul Hakim Mahfudz": Hakim (judge) is a given name here; a place after a
    regional title is not a name ("Kapolsek Kuta Kompol Agus Riwayanto")."""
    people, _ = entities(
        "Seminar dihadiri Pengasuh PP Tebuireng KH Abdul Hakim Mahfudz, kata panitia. "
        "Kapolsek Kuta Kompol Agus Riwayanto mengatakan acara aman."
    )
    assert "Abdul Hakim Mahfudz" in people
    assert "Agus Riwayanto" in people


def test_a_region_or_a_bodys_word_before_a_persons_name_is_not_the_name() -> None:
    """ "Ketua DPD Sumsel Yulianto" with "di Sumsel" elsewhere; "Ketua DPD Golkar Riswan
    Tony" with "Partai Golkar" named; "dari Prabowo" makes no place of Prabowo."""
    people, _ = entities(
        "Ketua DPD Partai Golkar Sumsel Yulianto mengatakan kader solid di Sumsel. "
        "Sekretaris DPD Golkar Riswan Tony menegaskan hal itu. Pesan dari Prabowo "
        "disampaikan Presiden Prabowo Subianto, kata Riswan."
    )
    assert "Yulianto" in people
    assert "Riswan Tony" in people
    assert "Prabowo Subianto" in people


def test_a_place_is_never_a_body_or_a_person() -> None:
    """A run read as a body whose whole name is a place's: "Kantor Gubernur Jawa Tengah"
    less the office and the title is a place."""
    text = (
        "Pemprov Jateng & BKHIT Perkuat Sinergi\n\n"
        "Kepala Balai Karantina Hewan, Ikan, dan Tumbuhan Jawa Tengah Willy Indra Yunani "
        "mengatakan perhatian Gubernur Jawa Tengah Ahmad Luthfi sangat besar. Hal itu "
        "diungkapkan usai bertemu Gubernur di Kantor Gubernur Jawa Tengah, Semarang."
    )
    _, organisations = extract_entities(parse_text(text), "id")
    assert "Jawa Tengah" not in organisations


@pytest.mark.parametrize(
    ("body", "lang", "person", "not_person"),
    [
        (  # the end of a phrase of common words the text also writes in lower case
            "S&P Global Ratings menyatakan kerangka itu kuat. Pasar global menyambutnya.",
            "id",
            None,
            "Ratings",
        ),
        ("But Ferguson said the club would wait.", "en", "Ferguson", None),
        ("De Graaf said the bank would act, de facto at once.", "en", "Graaf", None),
        ("Archbishop Tutu told reporters the bishop had left.", "en", "Tutu", None),
    ],
)
def test_a_one_word_speaker_after_a_common_word_of_the_text(
    body: str, lang: str, person: str | None, not_person: str | None
) -> None:
    people, _ = entities(body, lang)
    if person:
        assert person in people
    if not_person:
        assert not_person not in people


def test_a_regional_office_without_its_region_is_no_tag() -> None:
    """ "DPRD" alone is a kind of body; "Pemerintah Kota" joins the one with its region."""
    _, organisations = entities(
        "Pemerintah Kota Pekanbaru menggelar operasi pasar. Pemerintah Kota melalui "
        "Disperindag ikut memantau, sementara anggota DPRD meninjau pasar."
    )
    assert "DPRD" not in organisations
    assert "Pemerintah Kota" not in organisations
    assert "Pemerintah Kota Pekanbaru" in organisations


@pytest.mark.parametrize(
    "tokens",
    [
        ["Kemenkeu"],
        ["Bank", "Indonesia"],
        ["Joko", "Widodo"],
        ["Pemkot", "Bandung"],
        ["Ketua", "Polres"],
        ["Ketua", "PolresX"],
        ["XKemen", "Jaya"],
        ["Bandung"],
        [],
    ],
)
def test_a_run_has_an_organisation_word_when_one_of_its_words_is_one(tokens: list[str]) -> None:
    """has_org_word (one set test, one search) says what is_org_word says of the words."""
    from newsdigest.extract.entities import _words

    words = _words()
    assert words.has_org_word(tokens) == any(words.is_org_word(t) for t in tokens)
