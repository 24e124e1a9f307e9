"""Offline reading: the service worker (sw.js at the site root, from theme/sw.js) and the offline page
(offline.html, from theme/offline.html) that it shows for a page it never kept. The pages load
assets/explainers-offline.js (deferred), which registers the worker with the site's folder as its scope.

While serving (`mkdocs serve`, the editors' preview) sw.js is the preview variant, which deletes what an earlier
worker on that address kept and unregisters: the preview is never cached."""

from __future__ import annotations

from markupsafe import Markup

from ..format.schema import SITE_LANGUAGE
from .lite import STYLE
from ..pages.labels import labels_for
from ..pages.rendering import Renderer

WORKER = "sw.js"
PAGE = "offline.html"
# Part of the caches' names: raise it only when what a cache holds changes shape, since a new name drops what
# readers saved.
VERSION = "1"
_WORDS = ("saved_copy", "back_online")  # what the worker itself writes into a saved copy


def worker_js(renderer: Renderer, preview: bool = False) -> str:
    labels = {lang: {key: labels_for(lang)[key] for key in _WORDS} for lang in ("en", "ar")}
    return renderer.env.get_template(WORKER).render(preview=preview, version=VERSION, labels=labels)


def offline_html(renderer: Renderer) -> str:
    return renderer.env.get_template(PAGE).render(lang=SITE_LANGUAGE, t=labels_for(SITE_LANGUAGE),
                                                  site_name=renderer.site.name, style=Markup(STYLE))


def offline_files(renderer: Renderer, preview: bool = False):
    """(site path, make) for the worker and the offline page."""
    yield WORKER, lambda: worker_js(renderer, preview)
    yield PAGE, lambda: offline_html(renderer)
