"""Deterministic synthetic articles for benchmarks: both languages, many countries and topics.

    .venv/bin/python bench/synthetic.py 1000 /tmp/articles [--seed 7]

The same count and seed always give the same files. Texts are assembled from
wire-style sentence templates with datelines, dates, countries, people and
topic words, at varied lengths (3 to 14 paragraphs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

PLACES_EN = [
    ("LONDON", "Britain"), ("TOKYO", "Japan"), ("NAIROBI", "Kenya"), ("BERLIN", "Germany"),
    ("NEW DELHI", "India"), ("SYDNEY", "Australia"), ("LAGOS", "Nigeria"), ("PARIS", "France"),
    ("CAIRO", "Egypt"), ("MEXICO CITY", "Mexico"), ("MANILA", "the Philippines"),
    ("KYIV", "Ukraine"), ("OTTAWA", "Canada"), ("HANOI", "Vietnam"), ("ANKARA", "Turkey"),
    ("BRASILIA", "Brazil"), ("SEOUL", "South Korea"), ("JAKARTA", "Indonesia"),
    ("WASHINGTON", "the United States"), ("BEIJING", "China"),
]  # fmt: skip
PLACES_ID = [
    ("Jakarta", "Indonesia"), ("Surabaya", "Indonesia"), ("Bekasi", "Indonesia"),
    ("Tokyo", "Jepang"), ("Seoul", "Korea Selatan"), ("Beijing", "Tiongkok"),
    ("Kuala Lumpur", "Malaysia"), ("Singapura", "Singapura"), ("Canberra", "Australia"),
    ("Riyadh", "Arab Saudi"), ("Kairo", "Mesir"), ("Berlin", "Jerman"), ("Paris", "Prancis"),
    ("London", "Inggris"), ("Washington", "Amerika Serikat"), ("Bangkok", "Thailand"),
]  # fmt: skip
TOPICS_EN = {
    "economy": ["shares", "profit", "inflation", "central bank", "exports", "investors"],
    "politics": ["parliament", "election", "minister", "coalition", "opposition", "vote"],
    "sport": ["coach", "match", "league", "goal", "tournament", "striker"],
    "disaster": ["flood", "earthquake", "evacuated", "rescue teams", "landslide", "victims"],
    "health": ["hospital", "vaccine", "patients", "outbreak", "doctors", "disease"],
    "tech": ["software", "satellite", "internet", "researchers", "chip", "launch"],
}
TOPICS_ID = {
    "ekonomi": ["harga", "inflasi", "rupiah", "investasi", "ekspor", "saham"],
    "politik": ["DPR", "pemilu", "partai", "menteri", "koalisi", "kabinet"],
    "olahraga": ["pelatih", "laga", "timnas", "gol", "liga", "pemain"],
    "bencana": ["banjir", "gempa", "evakuasi", "korban", "longsor", "BNPB"],
    "kesehatan": ["rumah sakit", "pasien", "vaksin", "dokter", "penyakit", "puskesmas"],
}
PEOPLE = ["Ana Lima", "Budi Santoso", "Chen Wei", "David Okafor", "Eva Schmidt", "Farah Khan",
          "Gita Pratama", "Hiro Tanaka", "Irina Petrova", "Joko Susilo"]  # fmt: skip
MONTHS_EN = [
    "Jan",
    "Feb",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
]
DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


FIRST_DAY = dt.date(2024, 1, 1)
DAYS = 700
NEWEST_DAY = FIRST_DAY + dt.timedelta(days=DAYS - 1)


def article(number: int, rng: random.Random, day: dt.date | None = None) -> str:
    drawn = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    day = day or drawn
    person = rng.choice(PEOPLE)
    if number % 2:
        place, country = rng.choice(PLACES_EN)
        topic = rng.choice(list(TOPICS_EN))
        words = TOPICS_EN[topic]
        other = rng.choice(PLACES_EN)[1]
        head = f"{country.removeprefix('the ').title()} {rng.choice(words)} report {number}"
        lead = (
            f"{place}, {MONTHS_EN[day.month - 1]} {day.day} (Reuters) - Officials in {country} "
            f"said on {day:%A} that {rng.choice(words)} and {rng.choice(words)} would shape "
            f"the coming months, {person} told reporters."
        )
        body = [
            f"The {rng.choice(words)} figures, published by the statistics office, compared with "
            f"{rng.randrange(2, 90)} last year, while talks with {other} continued."
            for _ in range(rng.randrange(2, 13))
        ]
        return "\n\n".join([head, lead, *body, "Reuter"]) + "\n"
    place, country = rng.choice(PLACES_ID)
    topic = rng.choice(list(TOPICS_ID))
    words = TOPICS_ID[topic]
    weekday = DAYS_ID[day.weekday()]
    head = f"{country} Catat {rng.choice(words).title()} Baru, Laporan {number}"
    lead = (
        f"{place} - Pemerintah {country} mencatat {rng.choice(words)} dan {rng.choice(words)} "
        f"meningkat, kata {person} di {place}, {weekday} ({day.day}/{day.month}/{day.year})."
    )
    body = [
        f"Menurut data terbaru, {rng.choice(words)} naik {rng.randrange(2, 60)} persen "
        f"dibandingkan tahun lalu, seperti dikutip kantor berita Antara."
        for _ in range(rng.randrange(2, 13))
    ]
    return "\n\n".join([head, lead, *body, "Baca juga: Berita lain", "KOMENTAR"]) + "\n"


def generate(count: int, folder: Path, seed: int = 7) -> list[Path]:
    """Write ``count`` articles into ``folder`` (created); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:06d}.txt"
        path.write_text(article(number, rng), encoding="utf-8")
        paths.append(path)
    return paths


def generate_day(count: int, folder: Path, day: dt.date, first: int, seed: int = 11) -> list[Path]:
    """Write ``count`` articles all dated ``day`` (numbered from ``first``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(first, first + count):
        path = folder / f"article-{number:06d}.txt"
        path.write_text(article(number, rng, day), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.count, args.folder, args.seed)


if __name__ == "__main__":
    main()
