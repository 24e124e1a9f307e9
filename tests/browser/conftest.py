"""Browser tests: the built site served on 127.0.0.1, driven by Playwright through Debian's Chromium.

Nothing is downloaded at test time: .ci/browser-deps.sh installs Chromium (apt), Playwright (pip, the client
only; `playwright install` is never run) and axe-core (npm, into tests/browser/node_modules). Without them the
tests skip, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = HERE / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

EN = "explainers/fall-of-aleppo-and-hama/"
AR = "explainers/fall-of-aleppo-and-hama-ar/"
HOME = ""

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _missing(what: str):
    message = f"browser tests need {what} (run .ci/browser-deps.sh as root)"
    if IN_CI:
        pytest.fail(message + "; CI=true, so this is a failure, not a skip", pytrace=False)
    pytest.skip(message)


# The site ------------------------------------------------------------------------------------------------------

def build_site(config_file: Path, site_dir: Path) -> Path:
    """`mkdocs build --strict` into site_dir (never the repository's own site/, which others may be serving)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        cwd=config_file.parent, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(directory: Path):
    """A ThreadingHTTPServer on a free port of 127.0.0.1; returns (base URL, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_port}/", server


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    url, server = serve(site_dir)
    yield url
    server.shutdown()
    server.server_close()


# The browser ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def playwright_instance():
    if not CHROMIUM.exists():
        _missing(str(CHROMIUM))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright Python package")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe_path() -> Path:
    if not AXE.exists():
        _missing(f"axe-core at {AXE.relative_to(ROOT)}")
    return AXE


@dataclass
class Visit:
    """A page in its own browser context, with every request it made and every console error it logged."""
    page: object
    context: object
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def goto(self, path: str = "", **kwargs):
        response = self.page.goto(self.base_url + path, **kwargs)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        self.page.wait_for_load_state("load")
        return response

    def ready(self):
        """Wait until explainers.js has enhanced the page."""
        self.page.wait_for_function("() => document.documentElement.classList.contains('ce-js')")

    def third_party(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).scheme not in ("data", "blob", "about")
                and urlsplit(url).hostname != "127.0.0.1"]

    def real_errors(self) -> list[str]:
        """Console errors. (Feed links use rel="alternate feed": Material fetches a sitemap.xml beside every
        link whose rel is exactly "alternate", which for a feed would be a 404.)"""
        return list(self.errors)




def settle(page):
    """Let Material's palette switch (a 250 ms colour transition when the dark scheme applies) finish."""
    page.wait_for_timeout(400 if page.evaluate("document.body.dataset.mdColorScheme === 'slate'") else 0)


def new_visit(browser, base: str, contexts: list, *, viewport=DESKTOP, color_scheme="light",
              reduced_motion="no-preference", javascript=True, permissions=()) -> Visit:
    """A fresh browser context on `base`, recording requests, console errors and failed responses."""
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme, reduced_motion=reduced_motion,
                                  java_script_enabled=javascript, locale="en-GB")
    if permissions:
        context.grant_permissions(list(permissions), origin=base.rstrip("/"))
    contexts.append(context)
    page = context.new_page()
    v = Visit(page, context, base)
    context.on("request", lambda request: v.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and v.errors.append(
        f"{message.text} [{message.location.get('url', '')}]"))
    page.on("pageerror", lambda error: v.errors.append(f"uncaught: {error}"))
    page.on("response", lambda response: response.status >= 400 and v.failed.append(response.url))
    return v


@pytest.fixture
def visit(browser, base_url):
    contexts = []

    def open_page(path: str | None = HOME, *, javascript=True, go=True, **options) -> Visit:
        v = new_visit(browser, base_url, contexts, javascript=javascript, **options)
        if go and path is not None:
            v.goto(path)
            if javascript:
                v.ready()
                settle(v.page)
        return v

    yield open_page
    for context in contexts:
        context.close()


def run_axe(page, axe_path: Path, include: str | None = None) -> list[dict]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is (or on the `include` selector's part of
    it); returns the violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path))
    return page.evaluate("""async (include) => {
        const r = await axe.run(include ? {include: [[include]]} : document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
            resultTypes: ['violations'],
        });
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""", include)


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"]) for v in violations)


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
