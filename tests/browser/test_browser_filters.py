"""The timeline's filters: each one, the count, the URL state, clearing, and the collapsed background."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import AR, EN

pytestmark = pytest.mark.browser

TIMELINE = ".ce-timeline--timeline"


def shown_ids(page) -> list[str]:
    return page.eval_on_selector_all(f"{TIMELINE} li.ce-event",
                                     "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")


def expected(page, predicate: str) -> list[str]:
    """Ids of the events that satisfy a JS predicate on `d` (the element's dataset) or `e` (the element)."""
    return page.eval_on_selector_all(f"{TIMELINE} li.ce-event",
                                     f"els => els.filter(e => {{ const d = e.dataset; return {predicate}; }}).map(e => e.id)")


URL_CAUGHT_UP = "() => !(window.ceTimeline && window.ceTimeline.urlPending())"


def query(page) -> dict:
    """The filter state in the address, once it has caught up (explainers.js writes it just after the paint)."""
    page.wait_for_function(URL_CAUGHT_UP)
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def count_text(page) -> str:
    return page.locator(".ce-filters__count").inner_text()


def test_controls_are_built_from_the_page(visit):
    v = visit(EN)
    page = v.page
    total = int(page.locator(TIMELINE).get_attribute("data-count"))
    assert count_text(page) == f"{total} of {total} events"
    assert len(shown_ids(page)) == total
    for name in ("actor", "place", "type", "status"):
        options = page.locator(f".ce-filters select[name={name}] option")
        assert options.count() > 2, name
    # labels are the page's own words, with how many events each would show
    assert page.locator(".ce-filters select[name=type] option[value=battle]").inner_text().startswith("Battle (")
    assert page.locator(".ce-filters select[name=status] option[value=reported]").inner_text().startswith("Reported (")
    assert page.locator(".ce-filters select[name=place] option[value=aleppo]").inner_text().startswith("Aleppo")


@pytest.mark.parametrize("name, value, predicate", [
    ("actor", "syrian-army", "d.actors.split(' ').includes('syrian-army')"),
    ("place", "hama", "d.place === 'hama'"),
    ("type", "battle", "d.type === 'battle'"),
    ("status", "unverified", "e.querySelector('.ce-claims .ce-badge--unverified') !== null"),  # the badges
])
def test_each_select_filters_and_goes_into_the_url(visit, name, value, predicate):
    v = visit(EN)
    page = v.page
    total = len(shown_ids(page))
    want = expected(page, predicate)
    assert 0 < len(want) < total
    page.select_option(f".ce-filters select[name={name}]", value)
    assert shown_ids(page) == want
    assert count_text(page) == f"{len(want)} of {total} {'event' if total == 1 else 'events'}"
    assert query(page) == {name: value}
    # days with nothing left are hidden with their events
    assert page.eval_on_selector_all(f"{TIMELINE} .ce-day", "els => els.every(s => "
                                     "(s.offsetParent !== null) === [...s.querySelectorAll('li.ce-event')]"
                                     ".some(e => e.offsetParent !== null))")
    # and back
    page.select_option(f".ce-filters select[name={name}]", "")
    assert len(shown_ids(page)) == total
    assert query(page) == {}
    assert v.real_errors() == []


def test_key_events_switch_and_text_filter_combine(visit):
    v = visit(EN)
    page = v.page
    page.check(".ce-filters input[name=key]")
    key = expected(page, "e.classList.contains('ce-event--key')")
    assert shown_ids(page) == key
    assert query(page) == {"key": "1"}
    page.fill(".ce-filters input[name=text]", "Temporary")
    both = [i for i in key if "temporary" in page.locator(f"#{i}").text_content().lower()]
    assert shown_ids(page) == both and 0 < len(both) < len(key)
    assert query(page) == {"key": "1", "text": "Temporary"}
    page.fill(".ce-filters input[name=text]", "no such words anywhere")
    assert shown_ids(page) == []
    assert page.locator(".ce-timeline__empty").is_visible()
    page.click(".ce-filters__reset")
    assert len(shown_ids(page)) == int(page.locator(TIMELINE).get_attribute("data-count"))
    assert not page.locator(".ce-timeline__empty").is_visible()
    assert query(page) == {}
    assert page.locator(".ce-filters input[name=key]").is_checked() is False


def test_a_shared_filtered_url_opens_filtered(visit):
    v = visit(EN + "?type=battle&key=1&text=aleppo")
    page = v.page
    want = [i for i in expected(page, "d.type === 'battle' && e.classList.contains('ce-event--key')")
            if "aleppo" in page.locator(f"#{i}").text_content().lower()]
    assert want and shown_ids(page) == want
    assert page.locator(".ce-filters select[name=type]").input_value() == "battle"
    assert page.locator(".ce-filters input[name=key]").is_checked()
    assert page.locator(".ce-filters input[name=text]").input_value() == "aleppo"
    # an unknown value (an old or hand-edited link) is ignored rather than hiding everything
    page.goto(v.base_url + EN + "?place=atlantis")
    v.ready()
    assert len(shown_ids(page)) == int(page.locator(TIMELINE).get_attribute("data-count"))


def test_text_filter_ignores_case_and_arabic_vowel_marks(visit):
    v = visit(AR)
    page = v.page
    page.fill(".ce-filters input[name=text]", "حَمَاة")  # with vowel marks; the page has حماة
    ids = shown_ids(page)
    assert ids and all("حماة" in page.locator(f"#{i}").text_content() for i in ids)
    assert page.locator(".ce-filters__count").inner_text().startswith("الأحداث المعروضة: ")


def test_background_is_collapsed_until_asked_for(visit):
    v = visit(EN)
    page = v.page
    background = page.locator(".ce-timeline--background")
    toggle = page.locator("button.ce-toggle")
    assert not background.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == background.get_attribute("id")
    toggle.click()
    background.wait_for(state="visible", timeout=5_000)  # the click's handler runs after the click returns
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    background.wait_for(state="hidden", timeout=5_000)
