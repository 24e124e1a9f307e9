"""Permalinks and copy-link, keyboard-only use, axe-core, right-to-left, print and dark mode."""

from __future__ import annotations

import pytest

from conftest import AR, EN, HOME, describe, run_axe

pytestmark = pytest.mark.browser

TARGET = "event-2024-12-01-russian-syrian-air-strikes"  # not a key event: the "key only" switch hides it


def in_view(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """e => { const r = e.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.top < innerHeight; }""")


# Permalinks --------------------------------------------------------------------------------------------------

def test_arriving_at_a_permalink_scrolls_to_and_highlights_the_event(visit):
    v = visit(EN + "#" + TARGET, reduced_motion="reduce")
    page = v.page
    page.wait_for_timeout(200)
    assert in_view(page, f"#{TARGET}")
    assert "ce-event--highlight" in page.get_attribute(f"#{TARGET}", "class")
    assert page.evaluate("document.activeElement.id") == TARGET
    assert v.real_errors() == []


def test_a_link_to_a_filtered_out_event_clears_the_filters(visit):
    v = visit(EN + "?key=1", reduced_motion="reduce")
    page = v.page
    assert not page.is_visible(f"#{TARGET}")
    page.evaluate(f"location.hash = '#{TARGET}'")
    page.wait_for_timeout(200)
    assert page.is_visible(f"#{TARGET}") and in_view(page, f"#{TARGET}")
    assert "key=" not in page.url
    assert not page.is_checked(".ce-filters input[name=key]")


def test_a_link_into_the_background_opens_it(visit):
    v = visit(EN, reduced_motion="reduce")
    page = v.page
    target = page.eval_on_selector(".ce-timeline--background li.ce-event", "e => e.id")
    assert not page.is_visible(f"#{target}")
    page.evaluate(f"location.hash = '#{target}'")
    page.wait_for_timeout(200)
    assert page.is_visible(f"#{target}") and in_view(page, f"#{target}")
    assert page.get_attribute("button.ce-toggle", "aria-expanded") == "true"


def test_copy_link_button_copies_the_events_permalink(visit):
    v = visit(EN, permissions=["clipboard-read", "clipboard-write"])
    page = v.page
    # nothing of it is in the page until the reader points at a card (or tabs into one)
    assert page.locator("button.ce-copy, a.ce-permalink").count() == 0
    # The page laid out and the card in view first: the button follows the pointer, so a click that scrolled,
    # or a late shift of the layout, would leave the pointer over (and the button on) another card.
    page.evaluate("document.fonts.ready")
    page.locator(f"#{TARGET}").scroll_into_view_if_needed()
    page.hover(f"#{TARGET} > article > h4")
    button = page.locator(f"#{TARGET} button.ce-copy")
    button.scroll_into_view_if_needed()
    page.hover(f"#{TARGET} > article > h4")  # the pointer back on the card, now that nothing will scroll
    assert button.text_content() == "Copy link"
    assert "Copy link" in button.get_attribute("aria-label")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == v.base_url + EN + "#" + TARGET
    assert button.text_content() == "Link copied"
    page.wait_for_function("document.getElementById('ce-announcer').textContent === 'Link copied'")
    # one button, which goes to the card the reader tabs into, with that card's claims' links
    other = page.locator(f"li.ce-event[id]:not(#{TARGET}):has(.ce-claims)").first
    other.locator(":scope > article > h4 > a").focus()
    assert page.locator("button.ce-copy").count() == 1 and other.locator("button.ce-copy").count() == 1
    assert other.locator("a.ce-permalink--claim").count() == other.locator(".ce-claims > li").count() > 0
    # a claim's badge says what its label means, as the legend does
    badge = page.locator(f"#{TARGET} .ce-claims .ce-badge").first
    badge.hover()
    status = badge.get_attribute("class").split("ce-badge--")[1].split()[0]
    legend = page.locator(f".ce-legend .ce-badge--{status}").locator("xpath=ancestor::div[1]/dd").text_content()
    assert badge.get_attribute("title") == legend.strip() != ""


def test_a_list_line_leads_to_the_card_and_the_archive_parts_to_each_other(visit):
    v = visit("actors/hts/", reduced_motion="reduce")
    page = v.page
    link = page.locator("ol.ce-entries > li a").first
    assert page.locator("ol.ce-entries > li").first.locator("a").count() == 1  # one link a line
    href = link.get_attribute("href")
    link.click()
    page.wait_for_function("() => document.documentElement.classList.contains('ce-js')")
    page.wait_for_timeout(200)
    target = href.rsplit("#", 1)[1]
    assert page.url.endswith("#" + target) and "/explainers/" in page.url
    assert in_view(page, f"#{target}") and "ce-event--highlight" in page.get_attribute(f"#{target}", "class")
    page.goto(v.base_url + "archive/2024-11/")
    page.click("nav.ce-archive-nav a[rel=next]")
    page.wait_for_load_state()
    assert page.url.endswith("/archive/2024-12/")
    page.click("nav.ce-archive-nav a[rel=prev]")
    page.wait_for_load_state()
    assert page.url.endswith("/archive/2024-11/")
    assert v.real_errors() == []


# Keyboard ----------------------------------------------------------------------------------------------------

def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return {tag: e.tagName.toLowerCase(), name: e.getAttribute('name'), cls: e.className,
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0}; }""")


def test_every_control_works_from_the_keyboard_with_visible_focus(visit):
    v = visit(EN, permissions=["clipboard-read", "clipboard-write"], reduced_motion="reduce")
    page = v.page
    page.focus(".ce-filters input[name=text]")
    seen = []
    for _ in range(12):
        state = focused(page)
        if ".ce-filters" and not page.evaluate("!!document.activeElement.closest('.ce-filters')"):
            break
        seen.append(state["name"] or state["cls"])
        assert state["outline"], f"no visible focus on {state}"
        page.keyboard.press("Tab")
    assert seen[:5] == ["text", "actor", "place", "type", "status"]
    assert "key" in seen
    # text filter by typing
    page.focus(".ce-filters input[name=text]")
    page.keyboard.type("withdrawal")
    total = int(page.get_attribute(".ce-timeline--timeline", "data-count"))
    assert not page.locator(".ce-filters__count").inner_text().startswith(f"{total} of")
    # a select by arrow keys
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    assert page.input_value(".ce-filters select[name=actor]") != ""
    # the switch by Space
    page.focus(".ce-filters input[name=key]")
    page.keyboard.press("Space")
    assert page.is_checked(".ce-filters input[name=key]")
    page.wait_for_function("() => !window.ceTimeline.urlPending()")  # the address follows just after the paint
    assert "key=1" in page.url
    # clear by Enter on the button
    page.focus(".ce-filters__reset")
    page.keyboard.press("Enter")
    assert page.locator(".ce-filters__count").inner_text() == f"{total} of {total} events"
    # background toggle and copy link by keyboard
    page.focus("button.ce-toggle")
    assert focused(page)["outline"]
    page.keyboard.press("Enter")
    assert page.get_attribute("button.ce-toggle", "aria-expanded") == "true"
    page.focus(f"#{TARGET} > article > h4 > a")  # tabbing into a card brings its copy button and claims' links
    page.focus(f"#{TARGET} button.ce-copy")
    assert focused(page)["outline"]
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()").endswith("#" + TARGET)
    # permalinks are reachable and followable: the headline is the card's
    page.focus(f"#{TARGET} > article > h4 > a")
    assert focused(page)["outline"]
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    assert page.url.endswith("#" + TARGET)
    # and so is each claim's own
    page.focus(f"#{TARGET} a.ce-permalink--claim")
    assert focused(page)["outline"]
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    assert page.url.endswith(f"#{TARGET}-claim-1")
    assert v.real_errors() == []


# axe-core ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, filters", [
    (HOME, None), (EN, None), (EN, "?type=battle&key=1"), (EN, "?text=no-such-thing"),
    (AR, None), (AR, "?status=reported"),
    ("actors/hts/", None), ("places/hama/", None), ("archive/", None), ("archive/2024-12/", None),
    ("embed/fall-of-aleppo-and-hama/", None),
])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(visit, axe_path, path, filters, scheme):
    v = visit(path + (filters or ""), color_scheme=scheme)
    page = v.page
    page.add_style_tag(content=".ce-day{content-visibility:visible!important}")  # check every day, not just the first
    if path in (EN, AR) and not filters:
        page.click("button.ce-toggle")  # the background too
    violations = run_axe(page, axe_path)
    assert violations == [], describe(violations)


# Right-to-left ------------------------------------------------------------------------------------------------

def test_arabic_page_is_right_to_left_with_arabic_dates(visit):
    v = visit(AR)
    page = v.page
    holder = page.locator(".md-content__inner [lang=ar][dir=rtl]")
    assert holder.count() == 1
    assert page.eval_on_selector(".ce-timeline--timeline", "e => getComputedStyle(e).direction") == "rtl"
    day = page.locator(".ce-day__date").first.text_content()
    assert day.split()[0].rstrip("،") in ("الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "الاثنين", "الثلاثاء"), day
    assert "نوفمبر" in day or "ديسمبر" in day, day
    # the timeline's rule and the key-event bar are on the right, the badge starts at the right
    line = page.eval_on_selector(".ce-timeline--timeline", """e => { const s = getComputedStyle(e);
        return [parseFloat(s.borderRightWidth), parseFloat(s.borderLeftWidth)]; }""")
    assert line[0] > 0 and line[1] == 0
    key = page.eval_on_selector("li.ce-event--key", "e => parseFloat(getComputedStyle(e).borderRightWidth)")
    assert key >= 4
    card = page.locator(".ce-timeline--timeline li.ce-event").first.bounding_box()
    when = page.locator(".ce-timeline--timeline li.ce-event > article > p:first-child time").first.bounding_box()
    assert when["x"] + when["width"] > card["x"] + card["width"] * 0.6  # the date sits on the right
    # the controls speak Arabic
    assert page.locator(".ce-filters label[for^=ce-filter-key]").inner_text() == "الأحداث الرئيسية فقط"
    page.locator(".ce-timeline--timeline li.ce-event[id] > article > h4").first.hover()
    assert page.locator("li.ce-event[id] button.ce-copy").first.text_content() == "نسخ الرابط"


def test_english_page_stays_left_to_right(visit):
    v = visit(EN)
    page = v.page
    assert page.locator(".md-content__inner [dir=rtl]").count() == 0
    assert page.eval_on_selector(".ce-timeline--timeline", "e => getComputedStyle(e).direction") == "ltr"
    line = page.eval_on_selector(".ce-timeline--timeline", """e => { const s = getComputedStyle(e);
        return [parseFloat(s.borderLeftWidth), parseFloat(s.borderRightWidth)]; }""")
    assert line[0] > 0 and line[1] == 0
    assert page.locator(".ce-day__date").first.text_content().split()[0] in (
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# Print --------------------------------------------------------------------------------------------------------

def test_print_is_a_clean_document(visit, screenshots_dir):
    v = visit(EN + "?key=1")  # filtered on screen: the print still has every event
    page = v.page
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".ce-filters",
                   "button.ce-copy", "button.ce-toggle", "a.ce-permalink"):
        assert page.eval_on_selector_all(chrome, "els => els.every(e => e.offsetParent === null)"), chrome
    all_events = page.locator("li.ce-event")
    assert all_events.evaluate_all("els => els.every(e => getComputedStyle(e).display !== 'none' "
                                   "&& e.closest('[hidden]') === null || getComputedStyle(e.closest('[hidden]')).display !== 'none')")
    assert page.eval_on_selector(".ce-timeline--background", "e => getComputedStyle(e).display") != "none"
    # sources' addresses written out
    links = page.locator(".ce-source-list a[href^=http]")
    assert links.count() > 0
    href = links.first.get_attribute("href")
    after = links.first.evaluate("a => getComputedStyle(a, '::after').content")
    assert href in after
    page.pdf(path=str(screenshots_dir / "explainer-en-print.pdf"))
    page.screenshot(path=str(screenshots_dir / "explainer-en-print.png"), full_page=True)


# Dark mode ----------------------------------------------------------------------------------------------------

def test_palette_toggle_switches_scheme_and_badges_follow(visit):
    v = visit(EN, color_scheme="light")
    page = v.page
    before = page.eval_on_selector(".ce-badge--reported", "e => getComputedStyle(e).backgroundColor")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_timeout(400)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    after = page.eval_on_selector(".ce-badge--reported", "e => getComputedStyle(e).backgroundColor")
    assert before != after
