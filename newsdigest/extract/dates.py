"""Publication dates from the text: explicit dates in Indonesian and English, years inferred.

Rule when several dates appear: the dateline's date, else the first date in the
headline and the first two paragraphs, else the first date anywhere, else a
weekday named in the lead ("on Tuesday", "pada Selasa": the last such day up to
the reference date), else the reference date.

A date without a year takes the most recent year not after the reference date;
when the text names the weekday, the most recent such year in which that
weekday is right.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from newsdigest.model import Evidence, ParsedText
from newsdigest.vocabulary import load_json

# The calendar repeats every 400 years; weekday and date agree again within 28 years
# except across century leap-year exceptions, so look back far enough for both.
_YEARS_BACK = 40
# A future year with the weekday written is a typo of one of the last few years.
_TYPO_YEARS_BACK = 3
_LEAD_PARAGRAPHS = 2


@dataclass(frozen=True)
class DateMention:
    """A date written in the text; ``year`` or ``weekday`` may be missing."""

    text: str
    day: int
    month: int
    year: int | None
    weekday: int | None

    def resolve(self, reference: dt.date) -> dt.date | None:
        """The calendar date meant, given the day the text was collected; None if none.

        Never a day after the reference. A stated date in the future is a typo when
        the weekday is written and the year is far off (``Senin (13/10/3025)``) or
        the weekday is wrong in it: the day, month and weekday then find the year
        among the last few. Otherwise it is an event to come, no evidence of the
        article's date.
        """
        if self.year is None:
            return self._latest_fitting(reference, _YEARS_BACK)
        try:
            stated = dt.date(self.year, self.month, self.day)
        except ValueError:
            return None
        if stated > reference:
            typo = self.weekday is not None and (
                self.year > reference.year + 1 or stated.weekday() != self.weekday
            )
            found = self._latest_fitting(reference, _TYPO_YEARS_BACK) if typo else None
            return found if found is None or found.weekday() == self.weekday else None
        if self.weekday is None or stated.weekday() == self.weekday:
            return stated
        # "Selasa (7/10/2024)" was a Monday: the year is the typo when the
        # weekday is right in the year before or after.
        for year in (self.year + 1, self.year - 1):
            try:
                corrected = dt.date(year, self.month, self.day)
            except ValueError:
                continue
            if corrected.weekday() == self.weekday and corrected <= reference:
                return corrected
        return stated

    def _latest_fitting(self, reference: dt.date, years_back: int) -> dt.date | None:
        """The most recent day and month up to the reference, within ``years_back`` years,
        whose weekday (if written) is right; failing the weekday, the most recent one."""
        fallback = None
        for year in range(reference.year, reference.year - years_back, -1):
            try:
                candidate = dt.date(year, self.month, self.day)
            except ValueError:
                continue  # 29 February in a common year
            if candidate > reference:
                continue
            if self.weekday is None or candidate.weekday() == self.weekday:
                return candidate
            fallback = fallback or candidate
        return fallback


@dataclass(frozen=True)
class _Vocabulary:
    months: dict[str, int]
    weekdays: dict[str, int]
    patterns: tuple[re.Pattern[str], ...]
    weekday_only: re.Pattern[str]
    # The first three letters of the weekdays and of the months: where a pattern that opens
    # with one (or with the day's digits) may match.
    weekday_starts: frozenset[str]
    month_starts: frozenset[str]
    # \b and one of those (case-blind): the places to try, found without a look at every
    # other word
    weekday_pattern: re.Pattern[str]
    month_pattern: re.Pattern[str]


def _alternation(words: dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _vocabulary() -> _Vocabulary:
    data = load_json(__package__, "dates.json", {"months": dict, "weekdays": dict})
    months = {w: n for lang in data["months"].values() for w, n in lang.items()}
    weekdays = {w: n for lang in data["weekdays"].values() for w, n in lang.items()}
    mon, wd = _alternation(months), _alternation(weekdays)
    year = r"(?P<y>(?:19|20)\d\d)"
    patterns = (
        # Selasa (14/11), Kamis (5/9/2024)
        rf"\b(?P<wd>{wd})\s*,?\s*\(\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})"
        rf"(?:\s*/\s*(?P<y>\d{{2}}|\d{{4}}))?\s*\)",
        # 2024-10-16
        rf"\b{year}-(?P<m>\d\d)-(?P<d>\d\d)\b",
        # Rabu, 16 Oktober 2024 / 4 Maret 2025 / 6 November
        rf"\b(?:(?P<wd>{wd})\.?\s*,?\s*)?(?P<d>\d{{1,2}})\s+(?P<mon>{mon})\.?(?:,?\s+{year})?\b",
        # Tuesday, Oct. 16, 2024 / March 9 / Nov 6
        rf"\b(?:(?P<wd>{wd})\.?\s*,?\s*)?(?P<mon>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
        rf"(?:,?\s+{year}\b)?",
        # 16/10/2024 (day first, as Indonesian and most non-US copy writes it)
        rf"\b(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/{year}\b",
    )
    weekday_only = re.compile(rf"\b(?:on|pada|hari|last)\s+(?P<wd>{wd})\b", re.IGNORECASE)
    compiled = tuple(re.compile(p, re.IGNORECASE) for p in patterns)
    weekday_starts = frozenset(w[:3] for w in weekdays)
    month_starts = frozenset(w[:3] for w in months)
    return _Vocabulary(
        months,
        weekdays,
        compiled,
        weekday_only,
        weekday_starts,
        month_starts,
        _openings(weekday_starts),
        _openings(month_starts),
    )


def _openings(starts: frozenset[str]) -> re.Pattern[str]:
    """\b and one of ``starts``, any case (a shorter one than three letters never is a
    word's first three letters: left out)."""
    kept = sorted(w for w in starts if _THREE_LETTERS.fullmatch(w))
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, kept))})", re.IGNORECASE)


# A word's first three letters (a weekday's or a month's) or a number's first digit, at a
# word's start: every place a date pattern can start. Trying the patterns only there gives
# finditer's matches at a fifth of the cost (a case-blind alternation of words is tried at
# every word otherwise).
_THREE_LETTERS = re.compile(r"[^\W\d_]{3}")
_DIGIT = re.compile(r"\b\d")


def _candidates(text: str, vocabulary: _Vocabulary) -> tuple[list[int], ...]:
    """Offsets where each of the five patterns may match, in order."""
    # case-blind matching finds a little more than lower() gives ("ſ" for "s"): the
    # look-ups drop it
    weekdays = [
        m.start()
        for m in vocabulary.weekday_pattern.finditer(text)
        if m.group(0).lower() in vocabulary.weekday_starts
    ]
    months = [
        m.start()
        for m in vocabulary.month_pattern.finditer(text)
        if m.group(0).lower() in vocabulary.month_starts
    ]
    digits = [m.start() for m in _DIGIT.finditer(text)]
    return (
        weekdays,
        digits,
        sorted(weekdays + digits),
        sorted(weekdays + months),
        digits,
    )


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """pattern.finditer(text), trying only ``starts`` (every offset a match may start at)."""
    found: list[re.Match[str]] = []
    until = 0
    for start in starts:
        if start < until:
            continue
        match = pattern.match(text, start)
        if match is not None:
            found.append(match)
            until = match.end()
    return found


def find_dates(text: str, any_case: bool = False) -> list[tuple[int, DateMention]]:
    """Every date written in ``text`` with its offset, in reading order.

    Month names must be capitalised ("may" and "march" are verbs) unless
    ``any_case``, for text known to be a date (a dateline's).
    """
    vocabulary = _vocabulary()
    found: list[tuple[int, int, DateMention]] = []
    for pattern, starts in zip(vocabulary.patterns, _candidates(text, vocabulary), strict=True):
        for match in _matches(pattern, text, starts):
            mention = _mention(match, vocabulary, any_case)
            if mention is not None:
                found.append((match.start(), match.end(), mention))
    found.sort(key=lambda item: (item[0], -item[1]))
    result: list[tuple[int, DateMention]] = []
    covered_until = -1
    for start, end, mention in found:
        if start >= covered_until:  # overlapping matches: the longest, earliest wins
            result.append((start, mention))
            covered_until = end
    return result


def _mention(match: re.Match[str], vocabulary: _Vocabulary, any_case: bool) -> DateMention | None:
    groups = match.groupdict()
    month_word = groups.get("mon")
    if month_word is not None:
        if not (any_case or month_word[0].isupper()):
            return None  # "may", "march" as verbs
        month = vocabulary.months[month_word.lower()]
    else:
        month = int(groups["m"])
    day = int(groups["d"])
    year = int(groups["y"]) if groups.get("y") else None
    if year is not None and year < 100:
        year += 2000
    if month > 12 and day <= 12 and month_word is None:
        day, month = month, day  # 10/16/2024 written month first
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    weekday_word = groups.get("wd")
    weekday = vocabulary.weekdays[weekday_word.lower()] if weekday_word else None
    return DateMention(match.group(0), day, month, year, weekday)


def extract_date(parsed: ParsedText, reference: dt.date) -> tuple[dt.date, Evidence]:
    """The article's date and where it was read from.

    Candidates in order: the dateline's date; a date written with its weekday
    (news copy dates events so: "Senin (20/10/2025)"), lead before body; any
    other date, lead before body; a bare weekday in the lead. A date after the
    reference date is never the article's (DateMention.resolve).
    """
    # zone -> (priority with a weekday, priority without one); lower wins.
    lead = " ".join((parsed.headline, *parsed.paragraphs[:_LEAD_PARAGRAPHS]))
    zones = [
        ("lead", lead, (1, 3)),
        ("body", " ".join(parsed.paragraphs[_LEAD_PARAGRAPHS:]), (2, 4)),
    ]
    if parsed.dateline is not None and parsed.dateline.date_text:
        zones.insert(0, ("dateline", parsed.dateline.date_text, (0, 0)))
    best = None
    for zone, text, priorities in zones:
        if best is not None and best[0] <= min(priorities):
            break  # nothing later can beat what is found: skip scanning the body
        for _, mention in find_dates(text, any_case=zone == "dateline"):
            resolved = mention.resolve(reference)
            if resolved is None:
                continue
            priority = priorities[mention.weekday is None]
            candidate = (priority, zone, mention, resolved)
            if best is None or candidate[0] < best[0]:
                best = candidate
    if best is not None:
        _, zone, mention, resolved = best
        return resolved, Evidence(resolved.isoformat(), (f"{zone}: {mention.text}",))
    vocabulary = _vocabulary()
    for match in vocabulary.weekday_only.finditer(lead):
        if match["wd"][0].isupper():
            weekday = vocabulary.weekdays[match["wd"].lower()]
            day = reference - dt.timedelta(days=(reference.weekday() - weekday) % 7)
            return day, Evidence(
                day.isoformat(), (f"lead: {match.group(0)} (before the reference)",)
            )
    return reference, Evidence(
        reference.isoformat(), ("no date up to the reference in the text: reference date",)
    )
