"""``newsdigest ingest`` end to end: posts, the JSON Lines report, the summary and exit status."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEED, run_cli

REPORT_KEYS = {"input", "item", "status", "output", "reason", "metadata"}
METADATA_KEYS = {
    "title", "date", "countries", "topics", "source", "lang", "people", "organizations",
    "summary", "tags", "slug", "url", "origin",
}  # fmt: skip


def ingest(tmp_path: Path, *paths: Path, jobs: int = 1, output: str = "posts"):
    report = tmp_path / f"report-{output}.jsonl"
    done = run_cli(
        "ingest", *map(str, paths), "--output", str(tmp_path / output),
        "--report", str(report), "--reference-date", "2025-12-31", "--jobs", str(jobs),
    )  # fmt: skip
    rows = [json.loads(line) for line in report.read_text().splitlines()]
    return done, rows


def test_seed_article_metadata(tmp_path: Path) -> None:
    done, rows = ingest(tmp_path, SEED)
    assert done.returncode == 0, done.stderr
    assert "1 ok, 0 skipped, 0 failed" in done.stderr
    (row,) = rows
    assert set(row) == REPORT_KEYS and set(row["metadata"]) == METADATA_KEYS
    meta = row["metadata"]
    assert meta["date"] == "2023-11-14"
    assert {"US", "JP", "KR", "KP", "CN", "RU", "UA", "IL", "PS"} <= set(meta["countries"])
    assert meta["source"] == "Kyodo News"
    assert meta["lang"] == "id"
    assert meta["topics"][0] in ("politics", "conflict-war-peace")
    assert {"Antony Blinken", "Yoko Kamikawa"} <= set(meta["people"])
    post = Path(row["output"]).read_text()
    assert "KOMENTAR" not in post
    assert post.startswith("Title: AS, Jepang dan Korea Selatan")
    assert f"Slug: {meta['slug']}\n" in post


def test_bad_inputs_are_reported_and_the_rest_is_published(tmp_path: Path, write_article) -> None:
    good = write_article("good.txt", "Banjir di Bekasi\n\nBekasi, 4 Maret 2025 – Banjir merendam.")
    empty = write_article("empty.txt", "   \n")
    binary = write_article("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xd8")
    done, rows = ingest(tmp_path, good, empty, binary, tmp_path / "missing.txt")
    assert done.returncode == 1
    assert "1 ok, 0 skipped, 3 failed" in done.stderr
    by_name = {Path(r["input"]).name: r for r in rows}
    assert by_name["good.txt"]["status"] == "ok"
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert by_name[name]["status"] == "error"
        assert name in by_name[name]["reason"]
        assert by_name[name]["output"] is None
    assert [p.name for p in (tmp_path / "posts").iterdir()] == ["banjir-di-bekasi.md"]


def test_duplicates_are_skipped_and_same_headlines_get_distinct_slugs(
    tmp_path: Path, write_article
) -> None:
    a = write_article("a.txt", "Harga beras naik\n\nHarga beras naik di Jakarta.")
    b = write_article("b.txt", "Harga beras naik\n\nHarga beras naik di Jakarta.")
    c = write_article("c.txt", "Harga beras naik\n\nHarga beras juga naik di Surabaya.")
    done, rows = ingest(tmp_path, a, b, c)
    assert done.returncode == 0
    assert [r["status"] for r in rows] == ["ok", "skipped", "ok"]
    assert "duplicate of" in rows[1]["reason"] and "a.txt" in rows[1]["reason"]
    assert [r["metadata"]["slug"] for r in (rows[0], rows[2])] == [
        "harga-beras-naik",
        "harga-beras-naik-2",
    ]


def test_parallel_ingest_writes_the_same_bytes(tmp_path: Path) -> None:
    articles = sorted((Path(__file__).parent / "fixtures" / "labelled" / "articles").glob("*.txt"))
    ingest(tmp_path, *articles[:16], jobs=1, output="one")
    ingest(tmp_path, *articles[:16], jobs=2, output="two")
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert len(one) == 16 and one == two


def test_rerun_on_unchanged_inputs_rewrites_nothing(tmp_path: Path) -> None:
    ingest(tmp_path, SEED)
    (post,) = (tmp_path / "posts").iterdir()
    before = post.stat().st_mtime_ns
    ingest(tmp_path, SEED)
    assert post.stat().st_mtime_ns == before


def test_inspect_shows_evidence() -> None:
    done = run_cli("inspect", str(SEED), "--reference-date", "2025-12-31", "--json")
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert result["metadata"]["date"] == "2023-11-14"
    assert any("Selasa (14/11)" in m for m in result["evidence"]["date"][0]["matches"])
    assert result["evidence"]["countries"][0]["matches"]
