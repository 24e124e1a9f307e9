"""The payload sites (tests/payloads.py) in Chromium: no payload runs, on any page, or when a reader searches.

Every HTML page is opened (of the plain pages, one per folder) while Playwright listens for dialogs: payloads
call alert('<marker>') or set window.__pwned. Pages load ten at a time as same-origin frames of one page: their
scripts, handlers and dialogs work there as in a tab, at a fraction of the cost of a navigation each. After
loading, the live DOM of each page is searched for what the static checks look for in the files, since scripts
may build DOM the files do not have. (The header search, fed the words in payloads, is in test_browser_search.py,
which uses SEARCH_WORDS, SEARCH_MARKERS, LIVE_DOM_CHECK and the served sites from here.)
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from conftest import serve
from payloads import OWN_SCRIPT, SEARCH_LOADER, SITES, describe_marker, markers_in, sites_once

pytestmark = pytest.mark.browser

PREFIX = "desk/"  # the path of site_url (payloads.SITE_URL): 404.html links to /desk/assets/...
FRAMES = 10  # pages loaded at once
SEARCH_WORDS = ["onerror", "script", "alert", "svg", "img", "onload", "javascript", "iframe", "pwned"]
SEARCH_MARKERS = ["P001XT", "P002AN", "P021PN", "P101ET"]

# In the live DOM of a page: what no payload may have made (the site's own markup has none of it). Scripts: those
# payloads.py allows in the files (OWN_SCRIPT's sources, Material's inline ones, the search loader exactly as
# theme/partials/search.html has it); the loader's <script> for Pagefind's UI comes from OWN_SCRIPT too.
LIVE_DOM_CHECK = r"""(doc) => {
  const bad = [];
  const own = new RegExp(__OWN_SCRIPT__);
  const loader = __SEARCH_LOADER__;
  const scheme = (v) => (v || '').replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]+/g, '')
                                 .toLowerCase().match(/^([a-z][a-z0-9+.\-]*):/);
  for (const el of doc.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) bad.push(`${a.name}= on <${tag}>: ${el.outerHTML.slice(0, 160)}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(a.name)) {
        const s = scheme(a.value);
        if (a.name === 'srcdoc' || (s && ['javascript', 'data', 'vbscript'].includes(s[1])))
          bad.push(`${a.name}=${a.value.slice(0, 100)} on <${tag}>`);
      }
    }
    if (['iframe', 'object', 'embed', 'frame', 'math'].includes(tag) || (tag === 'base' && el.hasAttribute('href')))
      bad.push(`<${tag}>: ${el.outerHTML.slice(0, 160)}`);
    if (tag === 'script') {
      const src = el.getAttribute('src');
      const type = (el.getAttribute('type') || '').toLowerCase();
      const text = el.textContent || '';
      if (src !== null ? !own.test(new URL(src, doc.baseURI).pathname)
                       : !(type === 'application/ld+json' || type === 'application/json' || text.trim() === loader
                           || /^\s*(__md_scope=|var (palette|target|tabs|el|consent)=)/.test(text)))
        bad.push(`<script>: ${el.outerHTML.slice(0, 160)}`);
    }
  }
  return bad;
}""".replace("__OWN_SCRIPT__", json.dumps(OWN_SCRIPT.pattern)).replace("__SEARCH_LOADER__", json.dumps(SEARCH_LOADER))

NO_SEARCH_WORKER = """window.Worker = class {
  postMessage() {} terminate() {} addEventListener() {} removeEventListener() {} dispatchEvent() { return true; }
};"""

LOAD_FRAMES = """async ([urls, check]) => {
  const inspect = eval(check);
  document.body.textContent = '';
  await Promise.all(urls.map(url => new Promise(done => {
    const frame = document.createElement('iframe');
    frame.width = 1280; frame.height = 900;
    frame.onload = () => done();
    frame.src = url;
    document.body.appendChild(frame);
  })));
  await new Promise(r => setTimeout(r, 60));  // handlers that fire just after load (ontoggle, onfocus)
  return [...document.querySelectorAll('iframe')].map(frame => {
    const win = frame.contentWindow;
    return {url: frame.src, pwned: win.__pwned === undefined ? null : String(win.__pwned),
            ready: win.document.documentElement.classList.contains('ce-js') || !win.document.querySelector(
                'script[src$="explainers.js"]'),
            bad: inspect(win.document)};
  });
}"""


@dataclass
class Watch:
    """Everything a page did that a payload could have caused."""
    base: str
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    loading: str = ""  # the pages being loaded (dialogs in frames do not say which frame)

    def attach(self, context, page):
        def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}({dialog.message!r}) while loading {self.loading}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text} [{m.location.get('url', '')}]"))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        context.on("request", lambda request: self.requests.append(request.url))

    def problems(self) -> list[str]:
        found = [f"dialog: {d}" for d in self.dialogs]
        found += [f"uncaught error: {e}" for e in self.errors]
        # Console errors, except a missing image: the prose may hold Markdown images (a payload's `![x](x" …)`
        # asks for a file named `x" …`, which is text in a src, not code).
        found += [f"console {c}" for c in self.console if markers_in(c) or "pwned" in c
                  or (c.startswith("error") and "Failed to load resource" not in c)]
        found += [f"request left 127.0.0.1: {u}" for u in self.requests
                  if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).hostname != "127.0.0.1"]
        found += [f"a request for a payload: {u}" for u in self.requests if markers_in(unquote(u))
                  and not urlsplit(u).path.endswith((".html", "/"))]
        return found


def explain(lines: list[str], limit: int = 40) -> str:
    out = []
    for line in lines[:limit]:
        markers = markers_in(line)
        out.append(f"  - {line[:300]}" + (f"\n      {'; '.join(describe_marker(m) for m in markers[:2])}"
                                          if markers else ""))
    if len(lines) > limit:
        out.append(f"  … and {len(lines) - limit} more")
    return "\n".join(out)


@pytest.fixture(scope="module")
def payload_sites(tmp_path_factory):
    sites = sites_once(tmp_path_factory.getbasetemp() / "payloads")
    if sites["main"].error is not None:
        pytest.fail(f"the main payload site did not build: {sites['main'].error}", pytrace=False)
    return sites


@pytest.fixture(scope="module")
def served(payload_sites, tmp_path_factory):
    """Each built site served under /desk/, as site_url says; the frame harness page at the root."""
    servers, urls = [], {}
    for name in SITES:
        built = payload_sites[name]
        if built.error is not None:
            continue  # tests/build/test_payloads.py reports it
        top = tmp_path_factory.mktemp(f"served-{name}")
        os.symlink(built.site, top / PREFIX.rstrip("/"))
        (top / "harness.html").write_text("<!doctype html><title>frames</title><body></body>", encoding="utf-8")
        url, server = serve(top)
        servers.append(server)
        urls[name] = url
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


def page_paths(site: Path) -> list[str]:
    """Every page, but of the plain pages (pages/gNN/pNNN: a page title and description each) one per folder:
    its sidebar lists the titles of the whole folder, and the files of all of them passed the static checks;
    each costs a tenth of a second in Chromium."""
    paths, folders = [], set()
    for path in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
        folder = path.rsplit("/", 2)[0]
        if path.startswith("pages/"):
            if folder in folders:
                continue
            folders.add(folder)
        paths.append(quote(path))
    return paths


@pytest.mark.parametrize("name", SITES)
def test_no_payload_runs_on_any_page(browser, payload_sites, served, name):
    if name not in served:
        pytest.skip(f"the {name} site did not build (tests/build/test_payloads.py says why)")
    base = served[name]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    # Material's bundle starts its search worker on every page, idle now (no lunr index), and Pagefind's UI starts
    # one when a reader searches (test_browser_search.py does): none is of use here.
    context.add_init_script(NO_SEARCH_WORKER)
    page = context.new_page()
    watch = Watch(base)
    watch.attach(context, page)
    found: list[str] = []
    try:
        page.goto(base + "harness.html")
        paths = page_paths(payload_sites[name].site)
        assert len(paths) > (100 if name == "main" else 0)
        for start in range(0, len(paths), FRAMES):
            urls = [f"{base}{PREFIX}{path}" for path in paths[start:start + FRAMES]]
            watch.loading = f"{paths[start]} … {paths[min(start + FRAMES, len(paths)) - 1]}"
            for frame in page.evaluate(LOAD_FRAMES, [urls, LIVE_DOM_CHECK]):
                where = frame["url"].removeprefix(base + PREFIX)
                if frame["pwned"] is not None:
                    found.append(f"window.__pwned = {frame['pwned']!r} on {where}")
                if not frame["ready"]:
                    found.append(f"explainers.js did not run on {where} (a payload broke the page's scripts?)")
                found += [f"{where}: live DOM: {bad}" for bad in frame["bad"]]
    finally:
        context.close()
    found = watch.problems() + found  # dialogs first
    if found:
        pytest.fail(f"{len(found)} sign(s) of a payload at work in the {name} site:\n{explain(found)}", pytrace=False)
