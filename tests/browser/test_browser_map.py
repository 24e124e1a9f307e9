"""The locator map in Chromium: it asks nothing of anyone, passes axe in both schemes and both languages, is
reachable by keyboard, filters the timeline by place (in the address) and follows the filters and the events."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import AR, EN, describe, run_axe

pytestmark = pytest.mark.browser

MAP = "figure.ce-map"


def test_the_map_draws_without_javascript_and_loads_nothing(visit):
    v = visit(EN, javascript=False)
    svg = v.page.locator(f"{MAP} svg.ce-map__svg")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    aleppo = v.page.locator('a.ce-map__marker[data-place="aleppo"] circle:not([class])').bounding_box()
    hama = v.page.locator('a.ce-map__marker[data-place="hama"] circle:not([class])').bounding_box()
    damascus = v.page.locator('a.ce-map__marker[data-place="damascus"] circle:not([class])').bounding_box()
    assert aleppo["y"] < hama["y"] < damascus["y"]  # north to south, as drawn on screen
    assert v.page.locator('a.ce-map__marker[data-place="aleppo"]').get_attribute("href").endswith("places/aleppo/")
    assert v.third_party() == [] and v.real_errors() == []


@pytest.mark.parametrize("path", [EN, AR])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_in_the_map(visit, axe_path, path, scheme):
    v = visit(path, color_scheme=scheme)
    violations = run_axe(v.page, axe_path, include=MAP)
    assert violations == [], describe(violations)
    assert v.third_party() == []


def test_markers_are_keyboard_links_that_filter_the_timeline_by_place(visit):
    v = visit(EN)
    page = v.page
    marker = page.locator('a.ce-map__marker[data-place="hama"]')
    assert marker.get_attribute("href") == "?place=hama#timeline"  # with the script: the timeline, filtered
    page.locator('a.ce-map__marker').first.focus()
    for _ in range(20):  # Tab through the markers until Hama's has the focus
        if page.evaluate("document.activeElement.getAttribute('data-place')") == "hama":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-place')") == "hama"
    assert "Hama" in page.evaluate("document.activeElement.querySelector('title').textContent")
    page.keyboard.press("Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('place') === 'hama'")
    assert parse_qs(urlsplit(page.url).query)["place"] == ["hama"]
    shown = page.locator(".ce-timeline--timeline li.ce-event:not(.ce-out)").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.place)")
    assert shown and set(shown) == {"hama"}
    # The map shows only the markers of the events the filters leave.
    visible = page.locator("a.ce-map__marker").evaluate_all(
        "els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.place)")
    assert visible == ["hama"]
    page.locator(".ce-filters__reset").click()
    assert page.locator("a.ce-map__marker.ce-map__marker--out").count() == 0


def test_an_event_under_the_pointer_or_in_focus_highlights_its_marker(visit):
    v = visit(EN)
    page = v.page
    event = page.locator('.ce-timeline--timeline li.ce-event[data-place="aleppo"]').first
    event.scroll_into_view_if_needed()
    event.hover()
    assert page.locator('a.ce-map__marker--active[data-place="aleppo"]').count() == 1
    page.locator('.ce-timeline--timeline li.ce-event[data-place="hama"] > article > h4 > a').first.focus()
    assert page.locator("a.ce-map__marker--active").evaluate_all("els => els.map(e => e.dataset.place)") == ["hama"]


def test_a_link_with_a_place_opens_the_timeline_filtered(visit):
    v = visit(EN + "?place=aleppo")
    assert v.page.locator("a.ce-map__marker:not(.ce-map__marker--out)").evaluate_all(
        "els => els.map(e => e.dataset.place)") == ["aleppo"]


def test_arabic_labels_run_right_to_left_left_of_their_markers(visit):
    v = visit(AR)
    page = v.page
    label = page.locator('a.ce-map__marker[data-place="damascus"] text').first
    assert label.text_content() == "دمشق"
    dot = page.locator('a.ce-map__marker[data-place="damascus"] circle:not([class])').bounding_box()
    box = label.bounding_box()
    assert box["x"] + box["width"] <= dot["x"] + 1  # the label ends where the marker begins
    assert page.evaluate("getComputedStyle(document.querySelector('.ce-map__svg text')).direction") == "rtl"


def test_the_map_prints(visit):
    v = visit(EN)
    v.page.emulate_media(media="print")
    assert v.page.locator(f"{MAP} svg.ce-map__svg").is_visible()
    box = v.page.locator(f"{MAP} svg.ce-map__svg").bounding_box()
    assert box["width"] > 300 and box["height"] > 150
    pdf = v.page.pdf()
    assert len(pdf) > 10_000
