"""The plugin on ProperDocs, the maintained fork of MkDocs 1.6 that a site moves to when MkDocs 1.x ends: the
sample builds under `properdocs build --strict` to the same site as under MkDocs, and `properdocs serve`
rebuilds a save without warnings. (Zensical, which runs no plugins: test_zensical.py.)"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.build.test_incremental_serve import Server, clean_build, differences, replace_in, tree
from tests.build.test_serve import fetch, wait_for
from tests.support import REPO

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')  # names the engine: the one difference


def copy_sample(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def build(engine: str, root: Path, target: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", "-d", str(target)],
                          cwd=root, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("platforms") / "site")
    results = {}
    for engine in ("mkdocs", "properdocs"):
        result = build(engine, root, root / f"site-{engine}")
        assert result.returncode == 0, f"{engine}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        results[engine] = root / f"site-{engine}"
    return results


def test_properdocs_builds_the_sample_explainer(both):
    page = (both["properdocs"] / "explainers/fall-of-aleppo-and-hama/index.html").read_text(encoding="utf-8")
    assert page.count('<li class="ce-event') >= 16 and 'id="what-we-know-so-far"' in page
    assert 'content="mkdocs-ProperDocs' in page or "ProperDocs" in page  # it was ProperDocs that built it
    for name in ("events.csv", "events.geojson", "timeline.json", "feed.atom", "feed.json"):
        assert (both["properdocs"] / "explainers/fall-of-aleppo-and-hama/data" / name).stat().st_size > 0
    assert (both["properdocs"] / "pagefind/pagefind.js").is_file()


def files(folder: Path) -> dict[str, bytes]:
    return {k: GENERATOR.sub(b"", v) for k, v in tree(folder).items()}


def test_properdocs_and_mkdocs_make_the_same_site(both):
    assert differences(files(both["properdocs"]), files(both["mkdocs"])) == []


def test_properdocs_strict_fails_on_a_content_problem(tmp_path):
    root = copy_sample(tmp_path / "site")
    replace_in(root / "content/events/2024/2024-11-27-offensive-begins.yml", "\ntitle:", "\ntitel:")
    result = build("properdocs", root, root / "out")
    assert result.returncode == 1
    assert "content/events/2024/2024-11-27-offensive-begins.yml:" in result.stdout + result.stderr
    assert not (root / "out").exists()


def test_properdocs_serve_rebuilds_a_save_quietly(tmp_path):
    root = copy_sample(tmp_path / "site")
    (root / "mkdocs.yml").write_text(re.sub(r"(?m)^site_url: .*\n", "", (root / "mkdocs.yml").read_text()))
    server = Server(root, engine="properdocs")
    try:
        event = root / "content/events/2024/2024-11-27-offensive-begins.yml"
        server.after(lambda: replace_in(event, "\ntitle:\n  en: ", "\ntitle:\n  en: Edited under ProperDocs, "))
        wait_for(lambda: "Edited under ProperDocs" in fetch(server.url + "explainers/fall-of-aleppo-and-hama/"))
        assert "dirty" not in server.log.lower() and "WARNING" not in server.log, server.log[-3000:]
        clean_build(root, server.url, tmp_path / "clean")
        assert differences(files(server.site), files(tmp_path / "clean")) == []
    finally:
        server.stop()
