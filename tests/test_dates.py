"""Dates in Indonesian and English; years inferred from the reference date and weekday."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdigest.extract.dates import extract_date, find_dates
from newsdigest.parse import parse_text

REFERENCE = dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Selasa (14/11)", "2023-11-14"),  # Tuesday 14 November: 2023, not 2025
        ("Kamis (5/9/2024)", "2024-09-05"),
        ("Senin (20/10/2025)", "2025-10-20"),
        ("Bekasi, 4 Maret 2025 –", "2025-03-04"),
        ("Rabu, 16 Oktober 2024", "2024-10-16"),
        ("March 9", "2025-03-09"),
        ("Nov 6", "2025-11-06"),
        ("Oct. 16, 2024", "2024-10-16"),
        ("Tuesday, Oct. 16", "2018-10-16"),
        ("16/10/2024", "2024-10-16"),
        ("2024-10-16", "2024-10-16"),
        ("29 Februari", "2024-02-29"),  # leap day: the last year that had one
        ("Selasa (7/10/2024)", "2025-10-07"),  # 7/10/2024 was a Monday: the year is the typo
        ("Senin (7/10/2024)", "2024-10-07"),
    ],
)
def test_date_forms(text: str, expected: str) -> None:
    (_, mention), *_ = find_dates(text)
    assert str(mention.resolve(REFERENCE)) == expected


def test_year_is_never_after_the_reference_date() -> None:
    (_, mention), *_ = find_dates("Dec 30")
    assert mention.resolve(dt.date(2025, 6, 1)) == dt.date(2024, 12, 30)


@pytest.mark.parametrize("text", ["we may 5 times", "in march 12 people", "pada 45/13/2024"])
def test_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def _date(text: str, reference: dt.date = REFERENCE) -> dt.date:
    return extract_date(parse_text(text), reference)[0]


def test_dateline_date_comes_before_dates_in_the_text() -> None:
    text = "Headline\n\nLONDON, Nov 6 (Reuters) - The vote on Dec. 12, 2024 was delayed."
    assert _date(text) == dt.date(2025, 11, 6)


def test_lead_date_comes_before_later_mentions() -> None:
    text = "Judul\n\nJakarta - Presiden berbicara Kamis (5/9/2024).\n\nSejak 12 Mei 2019 aturan berlaku."
    assert _date(text) == dt.date(2024, 9, 5)


def test_a_date_with_its_weekday_beats_a_bare_date_earlier() -> None:
    text = "Judul\n\nAturan sejak 12 Mei 2019 diubah.\n\nHal itu disampaikan Senin (20/10/2025)."
    assert _date(text) == dt.date(2025, 10, 20)


def test_dates_after_the_reference_come_last() -> None:
    text = "Judul\n\nTenggat 31 Maret 2026 ditetapkan pada 4 Maret 2025."
    assert _date(text) == dt.date(2025, 3, 4)


def test_a_weekday_alone_gives_the_last_such_day() -> None:
    # 31 December 2025 is a Wednesday; "on Tuesday" is the day before.
    assert _date("Headline\n\nTOKYO (AP) — Officials said on Tuesday that ...") == dt.date(
        2025, 12, 30
    )


def test_no_date_in_the_text_gives_the_reference_date() -> None:
    assert _date("Headline\n\nNo date here at all.") == REFERENCE


@pytest.mark.parametrize(
    "text",
    [
        "Jakarta, Senin (20/10/2025) - Rapat digelar Selasa, 21 Oktober 2025 dan Rabu 22/10/2025.",
        "WASHINGTON, Tuesday, Oct. 16, 2024 - on March 9 and 2024-10-16; Sept 3rd, 2023.",
        "Jum'at (5/9) x5 Oktober, 12 Mei2024, Senin(3/3), mon 4 may, MONDAY (1/12/24)",
        "",
    ],
)
def test_date_patterns_tried_at_word_starts_find_what_finditer_finds(text: str) -> None:
    """Trying the patterns only where a weekday, a month or a number starts (the fast
    path) finds the same matches as scanning every character."""
    from newsdigest.extract.dates import _candidates, _matches, _vocabulary

    vocabulary = _vocabulary()
    for pattern, starts in zip(vocabulary.patterns, _candidates(text, vocabulary), strict=True):
        fast = [m.span() for m in _matches(pattern, text, starts)]
        assert fast == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Jakarta, Senin (20/10/2025) - Rapat digelar Selasa, 21 Oktober 2025 dan Rabu 22/10/2025.",
        "WASHINGTON, Tuesday, Oct. 16, 2024 - on March 9 and 2024-10-16; Sept 3rd, 2023.",
        # case-blind look-ups of the first letters (long s, dotted I, Kelvin sign), digits
        # inside words, a weekday's letters inside a word or after an underscore
        "ſenin (1/2), İmlek 3 Maret, \u212aamis (4/5), a1 2/3/2024, pasenin (6/7) _Selasa (8/9)",
        "",
    ],
)
def test_date_pattern_starts_are_every_word_start_a_weekday_or_month_or_digit_opens(
    text: str,
) -> None:
    """The places to try, found by patterns of the weekdays' and months' first letters,
    are those a look at every word's first three letters (in lower case) finds."""
    import re

    from newsdigest.extract.dates import _candidates, _vocabulary

    vocabulary = _vocabulary()
    weekdays, months, digits = [], [], []
    for match in re.finditer(r"\b[^\W\d_]{3}|\b\d", text):
        word = match.group(0)
        if word[0].isdigit():
            digits.append(match.start())
            continue
        if word.lower() in vocabulary.weekday_starts:
            weekdays.append(match.start())
        if word.lower() in vocabulary.month_starts:
            months.append(match.start())
    expected = (weekdays, digits, sorted(weekdays + digits), sorted(weekdays + months), digits)
    assert _candidates(text, vocabulary) == expected
