"""A developing story in Chromium (issue 17): "new since your last visit" from this browser's own storage (nothing
on a first visit, no cookie, no request anywhere), the live banner turning when coverage ends, and the page with
its retracted card, claim histories and changes log free of axe violations in both schemes."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

from tests.browser.conftest import ROOT, build_site, run_axe, serve

DAMASCUS = "explainers/fall-of-damascus/"


def describe(violations) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}: {v['nodes']}" for v in violations)


def test_a_first_visit_marks_nothing_and_a_return_marks_what_changed_since(visit):
    v = visit(DAMASCUS)
    page = v.page
    assert page.locator(".ce-event--new").count() == 0 and page.locator(".ce-new-notice").count() == 0
    newest = page.evaluate("""() => Math.max(...[...document.querySelectorAll('li.ce-event[data-changed]')]
                                  .map(li => Date.parse(li.dataset.changed)))""")
    assert page.evaluate(f"() => localStorage.getItem('ce-seen:/{DAMASCUS}')") == str(newest)

    # The reader was last here at 14:00 on 8 December: every card changed after that is marked.
    last = int(datetime.fromisoformat("2024-12-08T14:00+03:00").timestamp() * 1000)
    page.evaluate(f"() => localStorage.setItem('ce-seen:/{DAMASCUS}', '{last}')")
    page.reload()
    v.ready()
    expected = page.evaluate(f"""() => [...document.querySelectorAll('li.ce-event[data-changed]')]
                                 .filter(li => Date.parse(li.dataset.changed) > {last}).map(li => li.id)""")
    marked = page.evaluate("() => [...document.querySelectorAll('li.ce-event--new')].map(li => li.id)")
    assert marked == expected and len(marked) >= 2
    assert page.locator(".ce-event--new .ce-new-badge").first.text_content() == "Changed since your last visit"
    notice = page.locator(".ce-new-notice")
    assert notice.inner_text().startswith(f"{len(marked)} events changed since your last visit")
    assert notice.locator("a").get_attribute("href") == f"#{marked[0]}"
    # And now the page has been seen as it is: the next visit marks nothing.
    page.reload()
    v.ready()
    assert page.locator(".ce-event--new").count() == 0
    assert v.context.cookies() == [] and v.third_party() == []


def test_the_mark_does_not_move(visit):
    v = visit(DAMASCUS, reduced_motion="reduce")
    v.page.evaluate(f"() => localStorage.setItem('ce-seen:/{DAMASCUS}', '0')")
    v.page.reload()
    v.ready()
    card = v.page.locator(".ce-event--new").first
    assert card.evaluate("el => getComputedStyle(el).animationName") == "none"
    assert card.evaluate("el => getComputedStyle(el.querySelector('article')).outlineStyle") == "solid"


@pytest.fixture(scope="module")
def built_while_live(tmp_path_factory):
    """The sample built at noon on 8 December 2024, while the Damascus page was still live."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.fromisoformat("2024-12-08T15:00+03:00").timestamp()))
    try:
        site = build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("live-site"))
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    url, server = serve(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("javascript", [False, True])
def test_a_page_built_while_live_says_coverage_ended_once_it_has(browser, built_while_live, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(built_while_live + DAMASCUS)
        page.wait_for_load_state("load")
        if javascript:
            page.wait_for_function("() => document.documentElement.classList.contains('ce-js')")
        on, off = page.locator(".ce-live__on"), page.locator(".ce-live__off")
        # Without the script the build's view stands (live); with it, the reader's clock (after 9 December 2024).
        assert on.is_visible() is not javascript and off.is_visible() is javascript
        assert "Developing story" in on.inner_text() if not javascript else "Live coverage ended" in off.inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_a_developing_story(visit, axe_path, scheme):
    v = visit(DAMASCUS, color_scheme=scheme)
    v.page.add_style_tag(content=".ce-day{content-visibility:visible!important}")
    v.page.evaluate(f"() => localStorage.setItem('ce-seen:/{DAMASCUS}', '0')")
    v.page.reload()
    v.ready()
    assert v.page.locator("li.ce-event[data-retracted]").count() == 1 and v.page.locator(".ce-event--new").count() > 0
    violations = run_axe(v.page, axe_path)
    assert violations == [], describe(violations)
