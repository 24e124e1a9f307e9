"""Every page kind loads cleanly, asks nothing of third parties, and reads well at phone and desktop widths."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import AR, DESKTOP, EN, HOME, PHONE

pytestmark = pytest.mark.browser

PAGES = {"home": HOME, "explainer-en": EN, "explainer-ar": AR}
# Full-page screenshots lay out everything (content-visibility would otherwise leave off-screen days blank).
SHOW_ALL = "<style>.ce-day{content-visibility:visible!important}</style>"


@pytest.mark.parametrize("name", PAGES)
def test_no_console_errors_and_no_third_party_requests(visit, name):
    v = visit(PAGES[name])
    v.page.mouse.wheel(0, 4000)  # lazy work (if any) happens on scroll
    v.page.wait_for_timeout(300)
    assert v.real_errors() == []
    assert v.requests, "no request was recorded"
    assert v.third_party() == [], "requests left 127.0.0.1"


def test_search_and_palette_stay_on_the_site(visit):
    """Search (Pagefind's UI, its worker and index) and the dark-mode toggle load nothing from elsewhere either."""
    v = visit(EN)
    v.page.wait_for_selector("#ce-search:not([hidden]) pagefind-searchbox input")  # the UI has loaded
    v.page.keyboard.press("/")  # the search shortcut
    v.page.keyboard.type("Hama")
    v.page.wait_for_selector("#ce-search a.pf-searchbox-result[href]", timeout=10000)
    v.page.keyboard.press("Escape")
    v.page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    v.page.wait_for_timeout(200)
    assert v.real_errors() == []
    assert any("/pagefind/" in urlsplit(url).path for url in v.requests), "no request for Pagefind's files"
    assert v.third_party() == []


def test_the_page_is_complete_without_javascript(visit):
    v = visit(EN, javascript=False)
    page = v.page
    events = page.locator(".ce-timeline--timeline li.ce-event")
    assert events.count() == int(page.locator(".ce-timeline--timeline").get_attribute("data-count")) > 0
    assert events.evaluate_all("els => els.every(e => e.getBoundingClientRect().height > 0 || "
                               "getComputedStyle(e).display !== 'none')")
    assert page.locator(".ce-timeline--background li.ce-event").first.is_visible()
    assert page.locator(".ce-filters").count() == 0
    # Every card's headline is its permalink; each claim of the anchored cards has its own id, whose link the
    # script adds where the reader points (no element per claim in the page).
    links = page.locator("li.ce-event[id] > article > h4 > a")
    assert links.count() == events.count() + page.locator(".ce-timeline--background li.ce-event").count()
    assert links.evaluate_all("els => els.every(a => a.getAttribute('href') === '#' + a.closest('li').id)")
    claims = page.locator("li.ce-event[id] .ce-claims > li")
    assert claims.count() > 0 and claims.evaluate_all(
        "els => els.every((c, n) => c.id === c.closest('li.ce-event').id + '-claim-' + "
        "(Array.prototype.indexOf.call(c.parentNode.children, c) + 1))")
    assert page.locator(".ce-permalink").count() == 0


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_screenshots(visit, screenshots_dir, name, width, scheme):
    v = visit(PAGES[name], viewport=PHONE if width == "phone" else DESKTOP, color_scheme=scheme)
    page = v.page
    page.add_style_tag(content=SHOW_ALL[7:-8])
    page.screenshot(path=str(screenshots_dir / f"{name}-{width}-{scheme}.png"), full_page=True)
    # and the first screen of the timeline, the part most worth a look
    if page.locator("#timeline").count():
        page.locator("#timeline").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('timeline').scrollIntoView()")
        page.wait_for_timeout(100)
        page.screenshot(path=str(screenshots_dir / f"{name}-{width}-{scheme}-timeline.png"))
    assert v.real_errors() == []
    # nothing wider than the screen: no sideways scrolling on a phone
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
