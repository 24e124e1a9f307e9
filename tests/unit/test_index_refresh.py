"""While serving, the search index is written by another process (pagefind/index.py's Refresh); when serve
shuts down it removes its site folder, so the index being written is stopped first (MkDocs' rmtree failed on
the files that process was still writing: a traceback at every Ctrl-C)."""

from __future__ import annotations

import sys
import time

from generator.engines.pagefind import index


def test_stop_ends_the_index_being_written_and_starts_no_other(monkeypatch, tmp_path):
    started = []

    def slow(arguments, **options):  # the indexing process, taking its time
        process = real([sys.executable, "-c", "import time; time.sleep(60)"])
        started.append(process)
        return process

    real = index.subprocess.Popen
    monkeypatch.setattr(index.subprocess, "Popen", slow)
    refresh = index.Refresh()
    refresh.request([], tmp_path)
    deadline = time.monotonic() + 20
    while not started and time.monotonic() < deadline:
        time.sleep(0.05)
    refresh.request([], tmp_path)  # waits for the first to finish
    began = time.monotonic()
    refresh.stop()
    assert time.monotonic() - began < 10
    assert started[0].poll() is not None  # ended, not left writing into the folder serve removes
    time.sleep(0.5)
    assert len(started) == 1 and not refresh.running
