"""While `mkdocs serve` runs, content problems are shown in every page as the server sends it, not written
into the pages: a mistake, and its fix, rebuild only the pages whose records changed, and the site on disk is
what a clean build makes.

The server's own hook for this is the method that adds the live-reload script to each HTML response (MkDocs
1.6 and ProperDocs: `LiveReloadServer._inject_js_into_html(content, epoch)`). Where it is missing (another
server, `--no-livereload`), `install` says so and the plugin puts the banner into the pages as before.
"""

from __future__ import annotations

import re
from typing import Callable

_ARTICLE = re.compile(rb"<article\b[^>]*>")
_BODY = re.compile(rb"<body\b[^>]*>")


def install(server, banner: Callable[[], str]) -> bool:
    """Show `banner()` (HTML; '' when there is nothing to say) at the top of every page `server` sends."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None or getattr(inject, "explainers_overlay", False):
        return inject is not None

    def with_banner(content: bytes, *args, **kwargs) -> bytes:
        content = inject(content, *args, **kwargs)
        html = banner()
        return insert(content, html.encode()) if html else content

    with_banner.explainers_overlay = True
    server._inject_js_into_html = with_banner
    return True


def insert(page: bytes, banner: bytes) -> bytes:
    """The banner first in the article (where the editor reads), else first in the body."""
    found = _ARTICLE.search(page) or _BODY.search(page)
    at = found.end() if found else 0
    return page[:at] + banner + page[at:]
