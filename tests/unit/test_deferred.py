"""deferred.py: which file a request names, as MkDocs' server finds it (an owed page is made before it is sent),
and an owed page is made once, by whichever of the request and the background comes first."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from generator.engines.mkdocs.deferred import Owed, site_path


def test_a_request_names_the_file_the_server_sends():
    assert site_path("/explainers/fall-of-damascus/", "/") == "explainers/fall-of-damascus/index.html"
    assert site_path("/conflict-explainers/explainers/x/", "/conflict-explainers/") == "explainers/x/index.html"
    assert site_path("/conflict-explainers/", "/conflict-explainers/") == "index.html"
    assert site_path("/explainers/x.html", "/") == "explainers/x.html"
    assert site_path("/a/../../etc/passwd", "/") == "etc/passwd"  # a key among the owed pages, never opened as such
    assert site_path("/ar/%D8%A7/".encode().decode("latin-1"), "/") == "ar/%D8%A7/index.html"


def test_an_owed_page_is_made_once_for_a_request_and_the_rest_by_the_background(tmp_path):
    made = []
    files = []
    for name in ("a", "b", "c"):
        path = tmp_path / name / "index.html"
        path.parent.mkdir()
        path.write_text(f"stale {name}")
        files.append(SimpleNamespace(src_uri=f"{name}.md", dest_uri=f"{name}/index.html", abs_dest_path=str(path)))

    def make(file):
        made.append(file.src_uri)
        with open(file.abs_dest_path, "w") as out:
            out.write(f"fresh {file.src_uri}")

    owed = Owed()
    owed.hold(files, make)
    assert owed.fresh("b/index.html", b"stale b") == b"fresh b.md"
    assert owed.fresh("b/index.html", b"stale b") == b"fresh b.md" and made == ["b.md"]
    assert owed.fresh("elsewhere/index.html", b"as read") == b"as read"
    assert owed.run() is True
    assert made == ["b.md", "a.md", "c.md"]


def test_a_save_stops_the_background_and_no_page_is_made_after(tmp_path):
    path = tmp_path / "index.html"
    path.write_text("stale")
    files = [SimpleNamespace(src_uri=f"{n}.md", dest_uri=f"{n}/index.html", abs_dest_path=str(path)) for n in "ab"]
    made, stopping = [], []

    def make(file):
        made.append(file.src_uri)
        stopping.append(threading.Thread(target=owed.stop))  # a save comes while the first page is being made:
        stopping[0].start()  # its build waits for that page
        stopping[0].join(0.2)
        assert stopping[0].is_alive()

    owed = Owed()
    owed.hold(files, make)
    assert owed.run() is False
    stopping[0].join(5)
    assert made == ["a.md"]
    assert owed.fresh("b/index.html", b"stale") == b"stale"  # the next build decides about it
