"""The header's search (Pagefind) in Chromium: a word from an event's title finds its card, at the site root and
under a sub-path as on GitHub Pages; the index loads only when the reader searches, and only from the site; the
open search passes axe in both schemes; the Arabic page searches right to left; without JavaScript there is no
box."""

from __future__ import annotations

import re

import pytest

from conftest import AR, DESKTOP, EN, PHONE, ROOT, Visit, describe, new_visit, run_axe, serve, settle
from test_browser_payloads import (LIVE_DOM_CHECK, PREFIX, SEARCH_MARKERS, SEARCH_WORDS, Watch, explain,  # noqa: F401
                                   payload_sites, served)
from generator.outputs import search
from generator.records.content import load_content
from generator.pages.site import Site
from generator.records.model import Event

pytestmark = pytest.mark.browser

INPUT = "#ce-search pagefind-searchbox input"
RESULT = "#ce-search a.pf-searchbox-result"
READY = "#ce-search:not([hidden]) pagefind-searchbox input"  # the UI's styles have loaded: the box shows
INDEX_FILE = re.compile(r"/pagefind/(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|.*\.pf_(meta|index|fragment)"
                        r"|wasm\.)")


@pytest.fixture(scope="session")
def target() -> tuple[str, str]:
    """(a word of an event's title, the event's id): an event whose card is on the English sample page, and the
    word of its title that the fewest records hold, so its result is near the top."""
    content = load_content(ROOT / "content", ROOT)
    site = Site(content=content)
    texts = [record.content.lower() for record in search.records(site)]
    best = None
    for event in sorted(content.events.values(), key=Event.sort_key):
        if not site.event_path(event).startswith(EN + "#"):
            continue
        for word in re.findall(r"[A-Za-z]{5,}", event.title):
            rank = (sum(word.lower() in text for text in texts), word, event.id)
            best = min(best or rank, rank)
    assert best, "no event of the sample has its card on the English page"
    return best[1], best[2]


@pytest.fixture(scope="session")
def subpath_url(site_dir, tmp_path_factory):
    """The same site served under /conflict-explainers/, the path of site_url, as GitHub Pages serves it."""
    root = tmp_path_factory.mktemp("served")
    (root / "conflict-explainers").symlink_to(site_dir, target_is_directory=True)
    url, server = serve(root)
    yield url + "conflict-explainers/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def visit_at(browser):
    """Like conftest's `visit`, at any base URL."""
    contexts = []

    def open_page(base: str, path: str, *, javascript=True, **options) -> Visit:
        v = new_visit(browser, base, contexts, javascript=javascript, **options)
        v.goto(path)
        if javascript:
            v.ready()
            settle(v.page)
            v.page.wait_for_selector(READY)
        return v

    yield open_page
    for context in contexts:
        context.close()


def axe_in_search(page, axe_path) -> list[dict]:
    """conftest.run_axe's rules on the search box and its open results. (On the whole page, the open results
    cover part of the table of contents, which axe then counts as targets too small to hit.)"""
    return run_axe(page, axe_path, "#ce-search")


def search_for(v: Visit, word: str, key: str = "/"):
    v.page.keyboard.press(key)
    assert v.page.evaluate("document.activeElement.matches('#ce-search input')"), f"{key!r} did not focus the box"
    v.page.keyboard.type(word)
    v.page.wait_for_selector(RESULT, timeout=10000)


@pytest.mark.parametrize("where", ["site root", "sub-path"])
def test_a_word_from_an_events_title_finds_its_card(visit_at, base_url, subpath_url, target, where):
    word, ident = target
    base = base_url if where == "site root" else subpath_url
    v = visit_at(base, EN)
    page = v.page
    assert [u for u in v.requests if INDEX_FILE.search(u)] == [], "the index loaded before anyone searched"
    search_for(v, word)
    link = page.locator(f'{RESULT}[href$="#event-{ident}"]')
    link.wait_for(timeout=10000)
    prefix = "/" if where == "site root" else "/conflict-explainers/"
    assert link.get_attribute("href") == f"{prefix}{EN}#event-{ident}"
    assert word.lower() in link.inner_text().lower()
    link.click()
    page.wait_for_function("id => location.hash === '#event-' + id", arg=ident)
    page.wait_for_timeout(200)
    card = page.locator(f"#event-{ident}")
    assert card.evaluate("e => e.matches(':target')")
    top = card.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"], f"the card is not on screen (top {top})"
    assert v.real_errors() == [] and v.failed == []
    assert v.third_party() == [], "requests left 127.0.0.1"
    assert not [u for u in v.requests if "search_index" in u or "/search/" in u]
    assert [u for u in v.requests if INDEX_FILE.search(u)], "no index file was fetched"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [EN, AR])
def test_the_open_search_passes_axe(visit, axe_path, target, scheme, path):
    v = visit(path, color_scheme=scheme)
    v.page.wait_for_selector(READY)
    search_for(v, target[0] if path == EN else "حلب", key="s")  # Material's other shortcut
    v.page.wait_for_timeout(500)  # results fill in as they scroll into view
    assert v.page.locator(INPUT).get_attribute("aria-expanded") == "true"
    ring = v.page.locator(INPUT).evaluate("e => getComputedStyle(e).boxShadow")
    assert ring and ring != "none", "the focused box shows no focus ring"
    violations = axe_in_search(v.page, axe_path)
    assert violations == [], describe(violations)
    v.page.keyboard.press("Escape")
    assert v.page.locator(INPUT).get_attribute("aria-expanded") == "false"
    assert v.real_errors() == [] and v.third_party() == []


def test_the_arabic_page_searches_right_to_left(visit):
    v = visit(AR, viewport=PHONE)
    page = v.page
    page.wait_for_selector(READY)
    box = page.locator("#ce-search")
    assert box.get_attribute("lang") == "ar" and box.get_attribute("dir") == "rtl"
    field = page.locator(INPUT)
    assert field.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert field.get_attribute("placeholder") == "بحث"  # Pagefind's Arabic
    assert field.get_attribute("aria-label") == "ابحث في هذا الموقع"
    search_for(v, "حلب")  # Aleppo's Arabic name, in the Arabic edition's headlines and summaries
    page.wait_for_timeout(300)
    dropdown = page.locator("#ce-search .pf-searchbox-dropdown")
    assert dropdown.evaluate("e => getComputedStyle(e).direction") == "rtl"
    left, right = dropdown.evaluate("e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; }")
    assert 0 <= left and right <= PHONE["width"], "the results overflow the screen"
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert v.real_errors() == [] and v.third_party() == []


SEARCHED = """() => { window.__searched = [];
  return customElements.whenDefined('pagefind-searchbox').then(() => window.PagefindComponents
      .getInstanceManager().getInstance('default').on('search', term => window.__searched.push(term))); }"""


def test_first_letters_wait_for_a_pause_and_excerpts_show_the_match(visit):
    """Typed on the way to a word, its first one or two letters are not searched (on a big site each matches most
    records, and the word would wait for that search); stopped at, two letters are searched. The one-line
    excerpt is ten words, with the match among them (Pagefind centres it)."""
    v = visit(EN)
    page = v.page
    page.wait_for_selector(READY)
    page.evaluate(SEARCHED)
    page.keyboard.press("/")
    page.keyboard.type("Hama")
    page.wait_for_selector(f"{RESULT}[href] mark", timeout=10000)
    searched = page.evaluate("window.__searched")
    assert searched and searched[-1] == "Hama" and not [t for t in searched if len(t) < 3], searched
    excerpts = page.locator(f"{RESULT}[href] .pf-searchbox-result-excerpt").all_inner_texts()
    assert excerpts and all(len(text.split()) <= 10 for text in excerpts), excerpts
    marked = page.locator(f"{RESULT}[href] .pf-searchbox-result-excerpt mark").all_inner_texts()
    assert marked and all(text.lower().startswith("hama") for text in marked), marked
    page.locator(INPUT).fill("")
    page.keyboard.type("Ha")
    page.wait_for_function("window.__searched.includes('Ha')", timeout=10000)
    page.wait_for_selector(f"{RESULT}[href]", timeout=10000)
    assert v.real_errors() == [] and v.failed == []


def test_without_javascript_there_is_no_box_and_no_request(visit):
    v = visit(EN, javascript=False)
    assert not v.page.locator("#ce-search").is_visible()
    assert [u for u in v.requests if "/pagefind/" in u] == []


def test_searching_for_payload_words_runs_nothing(browser, served):
    """tests/payloads.py's hostile strings are in every field of the payload site: the words in them, and the
    payload markers, typed into the header search as a reader would, run nothing and put no markup of theirs
    into the results (the records hold escaped text; titles are set as text)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # not at module level: without it, skip

    base = served["main"]
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    watch = Watch(base)
    watch.attach(context, page)
    found: list[str] = []
    counts = {}
    try:
        page.goto(f"{base}{PREFIX}")
        page.wait_for_selector(READY)
        for word in SEARCH_WORDS + SEARCH_MARKERS:
            watch.loading = f"the search results for {word!r}"
            page.locator(INPUT).fill("")
            page.locator(INPUT).press_sequentially(word, delay=5)
            try:
                page.wait_for_function(SHOWN_FOR, arg=word, timeout=15000)
            except PlaywrightTimeout:
                found.append(f"searching {word!r}: no results appeared (did a payload break the page?)")
            page.wait_for_timeout(300)  # the visible results' data
            counts[word] = page.locator(f"{RESULT}[href]").count()
            found += [f"searching {word!r}: {bad}"
                      for bad in page.evaluate(f"({LIVE_DOM_CHECK})(document)")]
            pwned = page.evaluate("() => window.__pwned")
            if pwned is not None:
                found.append(f"searching {word!r}: window.__pwned = {pwned!r}")
    finally:
        context.close()
    found = watch.problems() + found
    if found:
        pytest.fail(f"{len(found)} sign(s) of a payload at work in search:\n{explain(found)}", pytrace=False)
    assert counts["onerror"] > 0 and counts["script"] > 0, f"search found nothing to show: {counts}"


# True once the results for `word` are drawn (one holds it: in a <mark> of its excerpt, or in its title, which
# Pagefind searches but does not mark), or the box says there are none.
SHOWN_FOR = """(word) => {
  const box = document.getElementById('ce-search');
  if (box.querySelector('.pf-searchbox-empty')) return true;
  const start = word.toLowerCase().slice(0, 4);
  return [...box.querySelectorAll('a.pf-searchbox-result[href] :is(mark, .pf-searchbox-result-title)')]
      .some(m => m.textContent.toLowerCase().includes(start));
}"""
