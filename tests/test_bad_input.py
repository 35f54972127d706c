"""Messy inputs through the real command: every file accounted for, with a reason where it fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli

ARTICLE = "Banjir di Bekasi\n\nBekasi, 4 Maret 2025 – Banjir merendam ribuan rumah warga.\n"


def ingest(tmp_path: Path, *paths: str, flags: tuple[str, ...] = ()) -> tuple[int, str, list[dict]]:
    """Run ingest on ``paths`` (after ``--``, so a name may start with a dash)."""
    report = tmp_path / "report.jsonl"
    done = run_cli(
        "ingest", "--output", str(tmp_path / "posts"), "--report", str(report),
        "--reference-date", "2025-12-31", "--jobs", "1", *flags, "--", *paths,
    )  # fmt: skip
    rows = [json.loads(line) for line in report.read_text().splitlines()]
    return done.returncode, done.stderr, rows


@pytest.mark.parametrize(
    ("name", "data", "headline"),
    [
        (
            "cp1252.txt",
            "Café “déjà vu”\n\nIsi berita di Jakarta.".encode("cp1252"),
            "Café “déjà vu”",
        ),
        ("latin1.txt", "Résumé à Paris\n\nLe texte.".encode("latin-1"), "Résumé à Paris"),
        ("invalid-utf8.txt", b"Harga \xe9lpiji naik\n\nIsi \xff berita.", "Harga élpiji naik"),
        ("bom.txt", ("\ufeff" + ARTICLE).encode(), "Banjir di Bekasi"),
        ("utf16.txt", ARTICLE.encode("utf-16"), "Banjir di Bekasi"),
        ("crlf.txt", ARTICLE.replace("\n", "\r\n").encode(), "Banjir di Bekasi"),
        ("cr.txt", ARTICLE.replace("\n", "\r").encode(), "Banjir di Bekasi"),
        (
            "nul.txt",
            ARTICLE.replace("Banjir di", "Banjir\x00 di\u200b").encode(),
            "Banjir di Bekasi",
        ),
        ("with space ünïcödé.txt", ARTICLE.encode(), "Banjir di Bekasi"),
        ("-leading-dash.txt", ARTICLE.encode(), "Banjir di Bekasi"),
        ("berita-日本.txt", ARTICLE.encode(), "Banjir di Bekasi"),
    ],
)
def test_readable_inputs_are_published(tmp_path: Path, write_article, name, data, headline) -> None:
    path = write_article(name, data)
    code, stderr, rows = ingest(tmp_path, str(path))
    assert code == 0, stderr
    (row,) = rows
    assert row["status"] == "ok" and row["metadata"]["title"] == headline
    post = Path(row["output"]).read_text(encoding="utf-8")
    assert post.startswith(f"Title: {headline}\n") and "\x00" not in post and "\r" not in post


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "no text"),
        ("blank.txt", b"  \n\t\n ", "no text"),
        ("binary.txt", bytes(range(256)) * 16, "binary"),
        ("headline-only.txt", b"Just a headline\n", "no body"),
        ("no-headline.txt", ("Lorem ipsum dolor sit amet. " * 20).encode(), "no headline"),
        ("huge.txt", b"Headline\n\n" + b"word " * (5 * 1024 * 1024), "too large"),
    ],
)
def test_unreadable_inputs_fail_with_the_file_and_reason(
    tmp_path: Path, write_article, name, data, reason
) -> None:
    good = write_article("good.txt", ARTICLE)
    bad = write_article(name, data)
    code, stderr, rows = ingest(tmp_path, str(good), str(bad))
    assert code == 1
    assert "1 ok, 0 skipped, 1 failed" in stderr
    failed = next(r for r in rows if r["status"] == "error")
    assert name in failed["reason"] and reason in failed["reason"]
    assert name in stderr and reason in stderr
    assert failed["output"] is None
    assert [p.name for p in (tmp_path / "posts").iterdir()] == ["banjir-di-bekasi.md"]


def test_a_one_megabyte_line_is_handled(tmp_path: Path, write_article) -> None:
    path = write_article("long-line.txt", "Headline\n\n" + "Kata demi kata di Jakarta. " * 40_000)
    code, stderr, rows = ingest(tmp_path, str(path))
    assert code == 0, stderr
    assert rows[0]["metadata"]["countries"] == ["ID"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # An event to come is no evidence of the article's date: the reference date.
        ("Jakarta - KTT digelar Senin (5/1/2026).", "2025-12-31"),
        ("Jakarta - Rapat dijadwalkan pada 4 Maret 2027.", "2025-12-31"),
        # ... nor is it preferred to a date the text gives up to the reference.
        ("Jakarta - Rapat 4 Maret 2027 dibahas Kamis (6/11/2025).", "2025-11-06"),
        # A typo year with its weekday: the weekday finds the year.
        ("Jakarta - Warga berkumpul Senin (13/10/3025) di alun-alun.", "2025-10-13"),
        ("Jakarta - Warga berkumpul Kamis (11/12/2026) di alun-alun.", "2025-12-11"),
    ],
)
def test_no_date_after_the_reference_date(tmp_path: Path, write_article, text, date) -> None:
    path = write_article("future.txt", f"Jadwal\n\n{text}")
    code, _, rows = ingest(tmp_path, str(path))
    assert code == 0 and rows[0]["metadata"]["date"] == date


def test_a_post_edited_by_hand_is_kept_unless_forced(tmp_path: Path, write_article) -> None:
    path = write_article("a.txt", ARTICLE)
    _, _, rows = ingest(tmp_path, str(path))
    post = Path(rows[0]["output"])
    edited = post.read_text().replace("Countries: ID", "Countries: ID, MY")
    post.write_text(edited)
    code, stderr, rows = ingest(tmp_path, str(path))
    assert code == 0 and "edited by hand" in stderr
    assert rows[0]["status"] == "skipped" and "edited by hand" in rows[0]["reason"]
    assert post.read_text() == edited
    code, _, rows = ingest(tmp_path, str(path), flags=("--force",))
    assert rows[0]["status"] == "ok" and "MY" not in post.read_text()


def test_a_deleted_input_loses_its_post_only_with_prune(tmp_path: Path, write_article) -> None:
    keep = write_article("keep.txt", ARTICLE)
    gone = write_article("gone.txt", "Harga beras naik\n\nHarga beras naik di Surabaya.")
    ingest(tmp_path, str(keep), str(gone))
    gone.unlink()
    ingest(tmp_path, str(keep))
    assert len(list((tmp_path / "posts").iterdir())) == 2
    code, stderr, rows = ingest(tmp_path, str(keep), flags=("--prune",))
    assert code == 0 and "1 pruned" in stderr
    assert [p.name for p in (tmp_path / "posts").iterdir()] == ["banjir-di-bekasi.md"]
    assert rows[-1]["status"] == "pruned" and "gone.txt" in rows[-1]["reason"]


def test_a_corrected_headline_replaces_the_old_post(tmp_path: Path, write_article) -> None:
    path = write_article("a.txt", ARTICLE)
    ingest(tmp_path, str(path))
    path.write_text(ARTICLE.replace("Banjir di Bekasi", "Banjir besar di Bekasi"))
    ingest(tmp_path, str(path))
    assert [p.name for p in (tmp_path / "posts").iterdir()] == ["banjir-besar-di-bekasi.md"]
