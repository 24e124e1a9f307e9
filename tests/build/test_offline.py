"""The service worker and the offline page as files (their behaviour is tests/browser/test_browser_offline.py):
written at the site root, never caching the editors' preview."""

from __future__ import annotations

from generator.outputs.offline import offline_files
from generator.engines.mkdocs.project import open_project


def test_the_build_writes_the_worker_and_the_offline_page_at_the_root(project):
    project.event("one", "2024-11-27", "One")
    project.build()
    worker = (project.site / "sw.js").read_text(encoding="utf-8")
    assert "caches.open(PAGES)" in worker and "unregister" not in worker
    assert 'var SCOPE = new URL(self.registration.scope);' in worker
    offline = (project.site / "offline.html").read_text(encoding="utf-8")
    assert '<ul id="ce-saved-list"' in offline and '<script src="assets/explainers-offline.js" defer>' in offline
    page = project.html("explainers/rebels")
    assert '<script src="../../assets/explainers-offline.js" defer></script>' in page
    assert (project.site / "assets" / "explainers-offline.js").is_file()


def test_the_previews_worker_keeps_nothing_and_unregisters(project):
    build = open_project(project.root / "mkdocs.yml")
    prepared = build.prepare(build.load())
    files = dict(offline_files(prepared.renderer, preview=True))
    worker = files["sw.js"]()
    assert "self.registration.unregister()" in worker and "caches.delete" in worker
    assert "caches.open" not in worker and "cache.put" not in worker and "fetch" not in worker
