"""Tags joined into one page per entity (newsdigest.tags), and the tags one article gets."""

from __future__ import annotations

import pytest

from newsdigest.extract import make_tags
from newsdigest.tags import TagNames, abbreviates, tag_key


def resolve(*articles: tuple[list[str], list[str], list[str]]):
    names = TagNames()
    for tags, people, organizations in articles:
        names.add(tags, people, organizations)
    return names.resolve()


def test_an_acronym_and_its_expansion_in_one_post_are_one_page_for_every_post() -> None:
    entities = resolve(
        (["BGN"], [], ["BGN"]),
        (["Badan Gizi Nasional"], [], ["Badan Gizi Nasional (BGN)"]),
    )
    assert entities["BGN"] is entities["Badan Gizi Nasional"]
    assert entities["BGN"].name == "Badan Gizi Nasional"
    assert entities["BGN"].aliases == ["BGN"]


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Sri Mulyani", "Sri Mulyani Indrawati"),
        ("Prabowo", "Prabowo Subianto"),
        ("Blinken", "Antony Blinken"),
    ],
)
def test_a_short_name_of_one_person_joins_the_full_name(short: str, full: str) -> None:
    entities = resolve(([short], [short], []), ([full], [full], []))
    assert entities[short].name == full and entities[short].slug == entities[full].slug


def test_a_short_name_that_fits_two_people_stays_apart() -> None:
    entities = resolve(
        (["Agung"], ["Agung"], []), (["Agung Nugroho", "Agung Laksono"],) * 2 + ([],)
    )
    assert entities["Agung"].slug == "agung"


def test_a_chain_of_longer_names_is_one_person() -> None:
    entities = resolve(
        (["Prabowo"], ["Prabowo"], []),
        (["Prabowo Subianto"], ["Prabowo Subianto"], []),
        (["Prabowo Subianto Djojohadikusumo"], ["Prabowo Subianto Djojohadikusumo"], []),
    )
    assert len({entities[t].slug for t in entities}) == 1


def test_nicknames_from_the_alias_table() -> None:
    entities = resolve((["Gus Ipul"], ["Gus Ipul"], []), (["Saifullah Yusuf"], [], []))
    assert entities["Gus Ipul"].name == "Saifullah Yusuf"
    assert "Gus Ipul" in entities["Gus Ipul"].aliases


def test_legal_forms_and_case_do_not_make_another_page() -> None:
    entities = resolve((["Burdett Publications Inc"], [], []), (["BURDETT PUBLICATIONS"], [], []))
    assert entities["Burdett Publications Inc"] is entities["BURDETT PUBLICATIONS"]
    assert tag_key("PT Pos Indonesia") == tag_key("Pos Indonesia")


def test_organisations_are_not_joined_by_their_first_words() -> None:
    entities = resolve(
        (["National Bank"], [], ["National Bank"]),
        (["National Bank of Canada"], [], ["National Bank of Canada"]),
    )
    assert entities["National Bank"].slug != entities["National Bank of Canada"].slug


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("bri", "bank rakyat indonesia", True),
        ("kemensos", "kementerian sosial", True),
        ("kementerian pu", "kementerian pekerjaan umum", True),
        ("oecd", "organisation for economic cooperation and development", True),
        ("kemenkes", "kementerian sosial", False),
        ("bank", "bank rakyat indonesia", False),
        ("nasdem", "partai nasdem", False),
    ],
)
def test_abbreviations(short: str, long: str, expected: bool) -> None:
    assert abbreviates(short, long) is expected


def test_an_abbreviation_that_fits_two_organisations_stays_apart() -> None:
    entities = resolve(
        (["PU"], [], ["PU"]),
        (["Pekerjaan Umum"], [], ["Pekerjaan Umum"]),
        (["Partai Umat"], [], ["Partai Umat"]),
    )
    assert entities["PU"].slug == "pu"


def test_an_articles_tags_name_each_entity_once_by_its_fullest_name() -> None:
    tags = make_tags(
        ("Gus Ipul", "Saifullah Yusuf"),
        ("Kementerian Sosial (Kemensos)", "PT Pos Indonesia"),
    )
    assert tags == ("Saifullah Yusuf", "Kementerian Sosial", "PT Pos Indonesia")


def test_an_acronym_in_capitals_takes_one_letter_a_word() -> None:
    entities = resolve(
        (["MPR"], [], ["MPR"]), (["PT Melanton Pratama"], [], ["PT Melanton Pratama"])
    )
    assert entities["MPR"].slug == "mpr"
    assert abbreviates("bri", "bank rakyat indonesia", initials=True)
    assert not abbreviates("mpr", "melanton pratama", initials=True)


def test_a_first_name_goes_to_the_name_it_opens() -> None:
    entities = resolve(
        (["Prabowo"], ["Prabowo"], []),
        (["Prabowo Subianto"], ["Prabowo Subianto"], []),
        (["Listyo Sigit Prabowo"], ["Listyo Sigit Prabowo"], []),
    )
    assert entities["Prabowo"].name == "Prabowo Subianto"
    assert entities["Listyo Sigit Prabowo"].name == "Listyo Sigit Prabowo"


def test_the_name_of_a_page_is_the_spelling_most_used() -> None:
    entities = resolve(
        (["BMKG"], [], ["Badan Meteorologi Klimatologi dan Geofisika (BMKG)"]),
        (["BMKG"], [], ["Badan Meteorologi Klimatologi dan Geofisika (BMKG)"]),
        (
            ["Badan Metereologi Klimatologi dan Geofisika"],
            [],
            ["Badan Metereologi Klimatologi dan Geofisika (BMKG)"],
        ),
        (["Badan Meteorologi Klimatologi dan Geofisika"], [], []),
    )
    assert entities["BMKG"].name == "Badan Meteorologi Klimatologi dan Geofisika"


def test_a_body_with_and_without_its_country_is_one_tag() -> None:
    names = TagNames()
    for body in ("U.S. Agriculture Department", "Agriculture Department", "National Bank"):
        names.add([body], [], [body])
    for body in ("Swiss National Bank", "Polish National Bank"):
        names.add([body], [], [body])
    entities = names.resolve()
    assert entities["Agriculture Department"].name == "U.S. Agriculture Department"
    # two countries' national banks: the bare name is neither
    assert entities["National Bank"].name == "National Bank"


def test_a_name_that_opens_one_name_and_ends_another_goes_to_the_more_tagged() -> None:
    """ "Wenger" ends Arsene Wenger (tagged on two posts) and opens a stray one-post
    "Wenger Bayern": the manager's page; on a tie the first name wins (test above)."""
    names = TagNames()
    names.add(["Arsene Wenger"], ["Arsene Wenger"])
    names.add(["Arsene Wenger"], ["Arsene Wenger"])
    names.add(["Wenger Bayern"], ["Wenger Bayern"])
    names.add(["Wenger"], ["Wenger"])
    entities = names.resolve()
    assert entities["Wenger"].name == "Arsene Wenger"


def test_a_body_with_its_countrys_abbreviation_after_it_is_one_tag() -> None:
    """ "DPR RI" and "DPR" (and the Fed, by the alias table) are one page each."""
    names = TagNames()
    names.add(["DPR RI"], [], ["DPR RI"])
    names.add(["DPR"], [], ["DPR"])
    names.add(["Fed"], [], ["Fed"])
    names.add(["Federal Reserve"], [], ["Federal Reserve"])
    entities = names.resolve()
    assert entities["DPR"].slug == entities["DPR RI"].slug
    assert entities["Fed"].slug == entities["Federal Reserve"].slug
