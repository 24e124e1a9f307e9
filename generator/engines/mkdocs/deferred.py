"""While serving, a save's build writes only the pages whose own file or front matter changed; the pages that
are stale only because a record they show changed (every explainer that shows a renamed actor, the lists an
event's title is on) are *owed*: each is made when the server is asked for it, and the rest one by one in the
background once the build has returned, as Hugo's server does with the pages no browser has open ("fast render").
A registry edit at 5,000 events made 96 explainers and their embeds before the page was served: 7 s.

What is served is still what a clean build makes: the server makes an owed page before it sends it (it asks
only after the build has returned: MkDocs' server holds every request until then), and the next save's build
starts only once the background has stopped. The data files are written first, from the build's records. A save
that comes before the background is done stops it; the pages left are remembered as never current
(incremental.after_owed), so that build's plan makes them, and their data files, again.

It relies on two methods of MkDocs' LiveReloadServer (and ProperDocs'), pinned by
tests/unit/test_engine_surfaces.py: `_serve_request(environ, start_response)`, which maps the request to a file,
and `_inject_js_into_html(content, epoch)`, which it calls with an HTML file's bytes once no build is under
way. Without them nothing is owed: every stale page is made in the build, as before.
"""

from __future__ import annotations

import posixpath
import threading
from contextlib import contextmanager
from typing import Callable

from mkdocs.commands import build as mkdocs_build
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import InclusionLevel

log = get_plugin_logger("explainers")  # the plugin's lines, "explainers: ..."

ASKED_FIRST = 0.2  # seconds the work after the build waits: the browser's reload of its page comes first


def install(server, owed: "Owed") -> bool:
    """Have `server` make an owed page before it sends it. False when the server lacks the methods it needs."""
    serve, inject = getattr(server, "_serve_request", None), getattr(server, "_inject_js_into_html", None)
    if serve is None or inject is None or not getattr(server, "_watched_paths", None):
        return False  # without live reload the server sends pages as they are on disk (it injects nothing)
    if getattr(serve, "explainers_owed", False):
        return True
    asked = threading.local()  # each request has a thread of its own (the server is a ThreadingMixIn)

    def serve_request(environ, start_response):
        asked.path = environ.get("PATH_INFO", "")
        try:
            return serve(environ, start_response)
        finally:
            asked.path = None

    def inject_fresh(content: bytes, *args, **kwargs) -> bytes:
        path = getattr(asked, "path", None)
        if path:
            content = owed.fresh(site_path(path, getattr(server, "mount_path", "/")), content)
        return inject(content, *args, **kwargs)

    serve_request.explainers_owed = True
    server._serve_request = serve_request
    server._inject_js_into_html = inject_fresh
    return True


def site_path(path: str, mount_path: str) -> str:
    """The file under site_dir a request's path names, as MkDocs' server finds it."""
    path = path.encode("latin-1", "replace").decode("utf-8", "ignore")
    relative = path[len(mount_path):] if (path + "/").startswith(mount_path) else path.lstrip("/")
    if path.endswith("/"):
        relative += "index.html"
    return posixpath.normpath("/" + relative).lstrip("/")


class Owed:
    """The pages a build left to make, by the path each is written to. One page is made at a time (the build's
    renderer, Markdown stash and read recorder are shared), a page asked for before the background's next."""

    def __init__(self):
        self._lock = threading.Lock()
        self._quiet = threading.Condition()
        self._asked = 0  # requests waiting for a page: the background makes none meanwhile
        self._stop = threading.Event()
        self._pages: dict = {}  # dest_uri -> File, each owed page not made yet
        self._paths: dict = {}  # dest_uri -> where it is written, for every page owed by this build
        self._make: Callable | None = None

    def hold(self, files, make: Callable) -> None:
        """The build's owed pages, and how one is made (`make(file)`)."""
        with self._lock:
            self._pages = {file.dest_uri: file for file in files}
            self._paths = {file.dest_uri: file.abs_dest_path for file in files}
            self._make = make if files else None
            self._stop.clear()

    def stop(self) -> None:
        """A build is starting: no page of the previous one is made from now on, nor kept alive."""
        self._stop.set()
        with self._lock:
            self._make = None
            self._pages, self._paths = {}, {}

    def fresh(self, dest_uri: str, content: bytes) -> bytes:
        """What the server read, or, for a page owed in this build, the page as made (now, if it is not yet)."""
        if dest_uri not in self._paths:
            return content
        with self._quiet:
            self._asked += 1
        try:
            with self._lock:
                file = self._pages.get(dest_uri)
                if file is not None and (self._make is None or not self._make_one(file)):
                    return content  # stopped (the next build is under way) or failed: the page as it was
            with open(self._paths[dest_uri], "rb") as made:
                return made.read()
        finally:
            with self._quiet:
                self._asked -= 1
                self._quiet.notify_all()

    @contextmanager
    def aside(self):
        """For other work on the build's shared state (its data files): a page asked for just after the build
        is made first, and none is made meanwhile (the renderer and the read recorder serve one page at a time)."""
        if self._pages:
            self._stop.wait(ASKED_FIRST)
        with self._quiet:
            self._quiet.wait_for(lambda: not self._asked)
        with self._lock:
            yield

    def run(self) -> bool:
        """Make what is owed, in order, each after any page a request waits for; until done (True) or stopped."""
        for dest_uri in list(self._pages):
            with self._quiet:
                self._quiet.wait_for(lambda: not self._asked)
            with self._lock:
                if self._make is None or self._stop.is_set():
                    return False
                file = self._pages.get(dest_uri)
                if file is not None and not self._make_one(file):
                    return False
        return True

    def _make_one(self, file) -> bool:
        try:
            self._make(file)
        except Exception as error:  # noqa: BLE001  (a request's or the background's thread: one line, not a traceback)
            log.error(f"{file.src_uri}: the page could not be made ({type(error).__name__}: {error}); save again")
            self._make = None
            return False
        del self._pages[file.dest_uri]
        return True


def make_page(file, config, files, doc_files, nav, env) -> None:
    """What MkDocs' build does for one page (its two loops), for this page alone: read and convert it, then
    render it through the theme and write it."""
    mkdocs_build._populate_page(file.page, config, files)
    mkdocs_build._build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())


def documentation_pages(files) -> list:
    """The pages MkDocs' serve builds render (the `pages` each page's context lists), drafts included."""
    return files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
