"""`mkdocs serve` while an editor breaks and mends a file: errors printed, server alive, page shows them."""

import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


@pytest.fixture
def served(project):
    project.event("a", "2024-11-27", "Alpha")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                               cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/explainers/rebels/"
    try:
        wait_for(lambda: "Alpha" in fetch(url))
        yield project, process, url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_broken_file_shows_in_the_page_and_the_server_stays_up(served):
    project, process, url = served
    project.write("events/b.yml", "date: 2024-11-31\ntitle: Bravo\nsources: [{title: S}]\n")
    page = wait_for(lambda: (lambda html: html if "ce-problems" in html else None)(fetch(url)))
    assert "content/events/b.yml:1: date: &#39;2024-11-31&#39; is an impossible date" in page
    assert "Alpha" in page  # what is valid is still shown
    project.write("events/b.yml", "date: 2024-11-30\ntitle: Bravo\ntags: [offensive]\nsources: [{title: S}]\n")
    page = wait_for(lambda: (lambda html: html if "Bravo" in html and "ce-problems" not in html else None)(fetch(url)))
    assert 'id="event-b"' in page
    assert process.poll() is None
    process.terminate()
    output = process.communicate(timeout=20)[0]
    assert "content/events/b.yml:1: date: '2024-11-31' is an impossible date" in output
    assert "Traceback" not in output


def test_registries_are_watched_too(served):
    project, process, url = served
    project.write("places.yml", "aleppo:\n  name: Aleppo\n  country: SY\n  lat: 36.2\n  lon: 37.1\n"
                                "hama:\n  name: Hama city\n  country: SY\n")
    project.event("c", "2024-11-28", "Charlie", place="hama")
    wait_for(lambda: "Hama city" in fetch(url))


def test_a_page_that_is_not_utf8_shows_as_a_problem_and_serve_keeps_answering(served):
    project, process, url = served
    (project.content / "notes.md").write_bytes("# Caf\xe9 notes\n".encode("latin-1"))
    page = wait_for(lambda: (lambda html: html if "ce-problems" in html else None)(fetch(url)))
    assert "content/notes.md:1: is not UTF-8 text; save the file as UTF-8" in page
    base = url.rsplit("/explainers/", 1)[0]
    assert "is not UTF-8 text" in wait_for(lambda: fetch(f"{base}/notes/"))  # the page itself answers too
    (project.content / "notes.md").write_text("# Café notes\n", encoding="utf-8")
    wait_for(lambda: "ce-problems" not in fetch(url))
    assert "Café notes" in fetch(f"{base}/notes/")
    assert process.poll() is None
