"""The benchmark runs (issue 26: its Hugo side broke and nobody saw): `benchmarks/bench.py` at a tiny size, every
measure and edit kind, untimed. What is checked is that each measure produced its figures, never how fast."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO

BENCH = REPO / "benchmarks" / "bench.py"
SIZE = "120x6"  # the smallest corpus where some event is not on every explainer (the tags edit moves one)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def bench(tmp_path: Path, *args: str) -> tuple[dict, str]:
    """Run bench.py as its README says, into tmp_path; (its raw numbers, the report it wrote)."""
    work, out = tmp_path / "work", tmp_path / "RESULTS.md"
    result = subprocess.run([sys.executable, str(BENCH), "--sizes", SIZE, "--runs", "1", "--timeout", "120",
                             "--work", str(work), "--out", str(out), *args],
                            capture_output=True, text=True, timeout=900, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads((work / "results-current.json").read_text()), out.read_text(encoding="utf-8")


def test_the_benchmark_builds_serves_and_measures_the_site(tmp_path):
    data, report = bench(tmp_path, "--measures", "build,size,serve", "--edits", "1", "--saves", "2", "--profile",
                         "--cache")
    measured = data["sizes"][SIZE]

    build = measured["build"]
    assert [run["cpu_s"] > 0 and run["peak_mib"] > 0 for run in build["plugin"]] == [True]
    if shutil.which("hugo"):  # CI installs it (.ci/browser-deps.sh); without it the Hugo side is left out
        assert len(build["hugo"]) == 1 and build["pages"]["hugo"] >= build["pages"]["plugin"] > 100
    cached = build["cached"]  # --cache: a build with the cache the cold one left, one event changed
    assert [run["cpu_s"] > 0 and 0 < run["pages_written"] < build["pages"]["plugin"] for run in cached] == [True]
    profile = build["profile"]
    assert profile["tottime"] and any(row[0].startswith("generator/") for row in profile["cumulative"])
    assert "Ordered by: internal time" in Path(profile["file"]).read_text()

    size = measured["size"]
    assert size["total"] > 1_000_000 and size["sections"]["explainers"] > 0
    assert size["cards"] >= 6 * 100 and 500 < size["card_bytes_median"] < 20_000  # every card on 6 explainers

    serve = measured["serve"]
    assert "exit" not in serve, serve["exit"]
    seen = {edit["kind"]: edit["s"] for edit in serve["edits"]}
    assert sorted(seen) == ["delete", "fix", "mistake", "new", "prose", "registry", "tags", "template", "text"]
    assert [kind for kind, seconds in seen.items() if seconds is None] == [], "edits never seen in the served page"
    assert all(edit["cpu_s"] > 0 for edit in serve["edits"]) and len(serve["saves_cpu"]) == 2
    assert len(serve["saves"]) == 2 and None not in serve["saves"]
    assert list(serve["memory"]) == ["first build", "timed edits", "2 more saves"]
    assert all(m["rss"] > 30 and m["peak"] >= m["rss"] for m in serve["memory"].values())

    for heading in ("Save to preview", "`mkdocs serve`'s memory", "Site bytes", "Full build",
                    "`mkdocs build` with a restored cache", "Profile of one build"):
        assert f"### {heading}" in report
    assert "bytes per card, median" in report


@pytest.mark.browser
def test_the_benchmark_searches_and_filters_in_chromium(tmp_path):
    missing = [what for what, there in (("/usr/bin/chromium", Path("/usr/bin/chromium").exists()),
                                        ("playwright", _importable("playwright"))) if not there]
    if missing:
        message = f"the benchmark's browser measures need {', '.join(missing)} (.ci/browser-deps.sh)"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    data, report = bench(tmp_path, "--measures", "search,filters", "--filter-events", "60")
    search = data["sizes"][SIZE]["search"]
    assert "note" not in search, search["note"]
    assert search["ms"] > 0 and search["results"] > 0
    filters = data["filters"]["samples"]
    assert {"fcp", "ready", "type on", "status off"} <= set(filters) and len(filters["type on"]) == 5
    assert "### First search in Chromium" in report and "### Timeline filters in Chromium" in report


def _importable(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True
