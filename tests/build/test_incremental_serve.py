"""`mkdocs serve` rebuilds only what a save changed, and what it serves is what a clean build makes.

A real `mkdocs serve` runs on a copy of the sample site (content and theme); a scripted sequence of edits (an
event's text, date, tags; a new, renamed and deleted event file; a registry entry; an explainer's prose and
title; a template; a broken file and its fix) is applied one by one, and after each rebuild every file the
server would serve is compared, byte for byte, with a clean build of the same content.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.build.test_serve import fetch, free_port, wait_for
from tests.support import REPO

SKIP = ("pagefind/", "sitemap.xml.gz",  # the index follows from another process; the gzip holds a time
        "sw.js")  # the preview's service worker caches nothing, by design (generator/outputs/offline.py)


class Server:
    """`mkdocs serve` in a subprocess, its site folder found through TMPDIR, its log read as it comes."""

    def __init__(self, root: Path, engine: str = "mkdocs"):
        self.root, self.port, self.engine = root, free_port(), engine  # engine: mkdocs, or properdocs
        self.tmp = root / "tmp"
        self.tmp.mkdir()
        self.lines: list[str] = []
        env = {**os.environ, "TMPDIR": str(self.tmp)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", engine, "serve", "-a", f"127.0.0.1:{self.port}"], cwd=root, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.port}/"
        wait_for(lambda: "Serving on" in self.log, timeout=120)

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    @property
    def site(self) -> Path:
        (folder,) = self.tmp.glob(f"{self.engine}_*")
        return folder

    def builds(self) -> int:
        """Rebuilds finished: the server reloads browsers after each, or says it failed."""
        return self.log.count("Reloading browsers") + self.log.count("An error happened during the rebuild")

    def after(self, edit) -> None:
        """Apply an edit and wait until the rebuild it causes has finished."""
        before = self.builds()
        edit()
        try:
            wait_for(lambda: self.builds() > before, timeout=120)
        except AssertionError:
            raise AssertionError(f"no rebuild finished; the server said:\n{self.log[-3000:]}") from None
        while True:  # a rename is two events: wait until no build is under way
            time.sleep(0.6)
            if self.log.count("Building documentation") <= self.builds() + 1:  # + 1: the first, before serving
                break

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def clean_build(root: Path, site_url: str, target: Path) -> None:
    """What `mkdocs build` makes of the same content, with the address serve gives the site: a clean build, so
    without the build cache an earlier one left."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    config = (root / "mkdocs.yml").read_text()
    reference = root / "reference.yml"
    reference.write_text(f"site_url: {site_url}\n{config}")
    if target.exists():
        shutil.rmtree(target)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(reference), "-d", str(target)],
                            cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def tree(folder: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not relative.startswith(SKIP):
            files[relative] = path.read_bytes()
    return files


def differences(served: dict, clean: dict) -> list[str]:
    lines = [f"only served: {p}" for p in sorted(set(served) - set(clean))]
    lines += [f"only in the clean build: {p}" for p in sorted(set(clean) - set(served))]
    lines += [f"differs: {p}" for p in sorted(set(served) & set(clean)) if served[p] != clean[p]]
    return lines


@pytest.fixture
def sample(tmp_path):
    root = tmp_path / "site-project"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "theme", root / "theme")
    config = (REPO / "mkdocs.yml").read_text()
    config = re.sub(r"(?m)^site_url: .*\n", "", config)  # served at the root: the clean build is told the port
    # The site's own copy of the templates (its custom_dir), so a template edit is an edit the server sees.
    (root / "mkdocs.yml").write_text(config.replace("  name: material\n", f"  name: material\n  custom_dir: {root / 'theme'}\n"))
    server = Server(root)
    yield root, server
    server.stop()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_edit_serves_what_a_clean_build_makes(sample, tmp_path):
    root, server = sample
    content = root / "content"
    events = content / "events" / "2024"
    first = events / "2024-11-27-offensive-begins.yml"
    hama = sorted(events.glob("*hama*.yml"))[0]
    explainer = content / "explainers" / "fall-of-aleppo-and-hama.md"
    page = server.url + "explainers/fall-of-aleppo-and-hama/"
    new_event = ("date: 2024-12-03\ntitle: Convoy reaches the northern bridge\ntags: [hts-offensive-2024, aleppo]\n"
                 "sources:\n  - title: Field report\n    publisher: Reuters\n")
    steps = [
        ("an event's title", lambda: replace_in(first, "title:\n  en: ", "title:\n  en: Newly worded, ")),
        ("an event's date", lambda: replace_in(hama, "date: 2024-12-01", "date: 2024-12-02")),
        ("an event's tags", lambda: replace_in(hama, "tags: [hts-offensive-2024, ", "tags: [")),
        ("a new event file", lambda: (events / "2024-12-03-convoy.yml").write_text(new_event)),
        ("a renamed event file", lambda: (events / "2024-12-03-convoy.yml").rename(events / "2024-12-03-bridge.yml")),
        ("a deleted event file", lambda: (events / "2024-12-03-bridge.yml").unlink()),
        ("a registry entry", lambda: replace_in(content / "places.yml", "en: Aleppo\n", "en: Aleppo city\n")),
        ("the explainer's prose", lambda: replace_in(explainer, "\n\nRebels led by", "\n\nAn editor's new sentence.\n\nRebels led by")),
        ("the explainer's title", lambda: replace_in(explainer, "title: ", "title: Updated, ")),
        ("a template", lambda: replace_in(root / "theme" / "explainers" / "event.html", "<", "<!-- edited -->\n<")),
    ]
    for what, edit in steps:
        server.after(edit)
        clean_build(root, server.url, tmp_path / "clean")
        assert differences(tree(server.site), tree(tmp_path / "clean")) == [], f"after editing {what}"
    assert "Newly worded," in fetch(page)
    assert "Updated, " in fetch(page)

    # A broken file: the problem shows on the page, the server stays up; mended, the site is clean again.
    server.after(lambda: replace_in(first, "date: ", "date: 2024-13-"))
    assert "ce-problems" in fetch(page) and "2024-11-27-offensive-begins.yml" in fetch(page)
    server.after(lambda: replace_in(first, "date: 2024-13-", "date: "))
    clean_build(root, server.url, tmp_path / "clean")
    assert differences(tree(server.site), tree(tmp_path / "clean")) == [], "after mending the broken file"
    assert server.process.poll() is None


def test_a_save_rebuilds_only_the_pages_it_changes(sample):
    root, server = sample
    site = server.site
    entry = site / "pagefind" / "pagefind-entry.json"
    indexed = wait_for(lambda: entry.exists() and entry.read_bytes(), timeout=60)  # after the first build
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    first = root / "content" / "events" / "2024" / "2024-11-27-offensive-begins.yml"
    server.after(lambda: replace_in(first, "title:\n  en: ", "title:\n  en: Reworded, "))
    started = server.log.count("Building documentation")
    time.sleep(3)  # a build reads the content: that is no save, and must not start another (watching.Changes)
    assert server.log.count("Building documentation") == started, server.log[-2000:]
    changed = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.stat().st_mtime_ns != before.get(p))
    assert "explainers/fall-of-aleppo-and-hama/index.html" in changed
    assert "guide/fields/index.html" not in changed  # nothing on it depends on an event
    assert len(changed) < len(before) / 2, changed
    # The search index follows, from another process: a new index (its files are named by their content).
    wait_for(lambda: entry.read_bytes() != indexed, timeout=60)


def test_a_mistake_and_its_fix_rebuild_only_the_pages_they_change(sample):
    """The problems show in every page as the server sends it (serve_overlay.py), not in the pages on disk: a
    mistake is not a change every page shows, and neither is its fix."""
    root, server = sample
    site = server.site
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    first = root / "content" / "events" / "2024" / "2024-11-27-offensive-begins.yml"
    good = first.read_text(encoding="utf-8")
    server.after(lambda: first.write_text(good.replace("date: ", "date: 2024-13-", 1), encoding="utf-8"))
    changed = [p for p in site.rglob("*.html") if p.stat().st_mtime_ns != before.get(p)]
    assert 0 < len(changed) < len(before) / 2
    assert not any("ce-problems" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    guide = fetch(server.url + "guide/fields/")
    assert "ce-problems" in guide and "2024-11-27-offensive-begins.yml" in guide  # on a page it did not rebuild
    assert (site / "guide/fields/index.html").stat().st_mtime_ns == before[site / "guide/fields/index.html"]
    server.after(lambda: first.write_text(good, encoding="utf-8"))
    assert "ce-problems" not in fetch(server.url + "guide/fields/")
