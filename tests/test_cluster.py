"""Ingest on a Dask distributed cluster writes the same posts as a local run."""

from __future__ import annotations

from pathlib import Path

from distributed import LocalCluster

from conftest import FIXTURES, run_cli


def test_ingest_on_a_local_dask_cluster_matches_a_local_run(tmp_path: Path) -> None:
    articles = sorted((FIXTURES / "labelled" / "articles").glob("*.txt"))
    (tmp_path / "broken.txt").write_bytes(b"")  # failures come back from workers too
    inputs = [*map(str, articles), str(tmp_path / "broken.txt")]
    common = ["--reference-date", "2025-12-31"]
    local = run_cli("ingest", *inputs, "--output", str(tmp_path / "local"), "--jobs", "1", *common)
    with LocalCluster(
        n_workers=3, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = run_cli(
            "ingest", *inputs, "--output", str(tmp_path / "cluster"),
            "--scheduler", cluster.scheduler_address, *common,
        )  # fmt: skip
    assert local.returncode == remote.returncode == 1  # the empty file failed in both
    assert (
        local.stderr.splitlines()[-1].split(" -> ")[0]
        == remote.stderr.splitlines()[-1].split(" -> ")[0]
    )
    one = {p.name: p.read_bytes() for p in (tmp_path / "local").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "cluster").iterdir()}
    assert len(one) == len(articles) and one == two


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    article = FIXTURES / "labelled" / "articles" / "en-001.txt"
    done = run_cli(
        "ingest", str(article), "--output", str(tmp_path / "posts"),
        "--scheduler", "tcp://127.0.0.1:9", "--reference-date", "2025-12-31",
    )  # fmt: skip
    assert done.returncode == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "posts").exists()
