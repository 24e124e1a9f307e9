"""Bidirectional text, checked by where Chromium puts the glyphs (issue 15): a date, a date-time with its zone,
an attribution or a name in the other script is one visual run, on one line, its pieces in reading order, on
the Arabic page and on the English one. Markup alone proves nothing here: the same tags read right or wrong
depending on what surrounds them.

The site is the sample plus one probe event in both editions: a claim attributed to an English name nobody
has translated, and a source with an Arabic title and publisher. Each check runs at a range of widths, so that
somewhere the run meets the end of a line.
"""

from __future__ import annotations

import pytest

from conftest import AR, EN, build_site, new_visit, serve
from support import copy_project

pytestmark = pytest.mark.browser

WIDTHS = range(760, 1441, 40)
PROBE = "2024-11-28-bidi-probe"
PROBE_EVENT = """\
date: 2024-11-28
title:
  en: Monitor reports clashes near Saraqib through the night
  ar: المرصد يفيد باشتباكات قرب سراقب طوال الليل
tags: [hts-offensive-2024]
claims:
  - text:
      en: Clashes continued through the night on the roads east of the town, with heavy losses on both sides.
      ar: تواصلت الاشتباكات طوال الليل على الطرق شرقي البلدة، مع خسائر كبيرة في صفوف الطرفين.
    status: reported
    by: Syrian Observatory for Human Rights
sources:
  - title: بيان المرصد السوري
    publisher: الجزيرة
    published: 2024-11-28
"""

# Each piece's client rectangles, found in order through the element's text (one rectangle: not split across
# lines). Ranges over text nodes: what the reader sees, not the boxes of the tags.
PIECES = """([root, pieces]) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    let at = 0, offset = 0;
    return pieces.map(piece => {
        for (; at < nodes.length; at++, offset = 0) {
            const found = nodes[at].data.indexOf(piece, offset);
            if (found < 0) continue;
            const range = document.createRange();
            range.setStart(nodes[at], found);
            range.setEnd(nodes[at], found + piece.length);
            offset = found + piece.length;
            return [...range.getClientRects()].filter(r => r.width > 0)
                .map(r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom}));
        }
        return null;
    });
}"""


@pytest.fixture(scope="module")
def bidi_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("bidi")
    copy_project(root)
    (root / "content" / "events" / "2024" / f"{PROBE}.yml").write_text(PROBE_EVENT, encoding="utf-8")
    url, server = serve(build_site(root / "mkdocs.yml", root / "site"))
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_at(browser, bidi_url):
    contexts = []

    def open_page(path: str):
        v = new_visit(browser, bidi_url, contexts, viewport={"width": max(WIDTHS), "height": 900})
        v.goto(path)
        v.ready()
        # every day laid out, not only those on screen (explainers.css skips the others)
        v.page.add_style_tag(content=".ce-day,.ce-source-list{content-visibility:visible!important}")
        return v.page

    yield open_page
    for context in contexts:
        context.close()


def measure(page, selector: str, pieces: list[str]) -> list[dict]:
    """The pieces' rectangles in the first element matching `selector`; each must be one rectangle."""
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    found = page.evaluate(PIECES, [element.element_handle(), pieces])
    for piece, rects in zip(pieces, found):
        assert rects is not None, f"{piece!r} not in {selector}"
        assert len(rects) == 1, f"{piece!r} split into {len(rects)} boxes in {selector}: {rects}"
    return [rects[0] for rects in found]


def one_line(boxes: list[dict]) -> bool:
    return max(box["top"] for box in boxes) < min(box["bottom"] for box in boxes)


def right_to_left(boxes: list[dict]) -> bool:
    """Each box wholly to the left of the one before it (a little overlap for kerning)."""
    return all(later["right"] <= earlier["left"] + 1 for earlier, later in zip(boxes, boxes[1:]))


def left_to_right(boxes: list[dict]) -> bool:
    return all(later["left"] >= earlier["right"] - 1 for earlier, later in zip(boxes, boxes[1:]))


def at_widths(page, check) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        check(width)


# The Arabic page -----------------------------------------------------------------------------------------------

def test_arabic_dates_read_day_month_year_from_the_right_on_one_line(open_at):
    page = open_at(AR)
    # a day's heading; a source's date after an English publisher (the run that once came out "27 2024 نوفمبر")
    heading = ".ce-day:first-child .ce-day__date time"
    source = "#event-2024-11-27-offensive-begins .ce-sources li:first-child"

    def check(width):
        day = measure(page, heading, ["الأربعاء", "27", "نوفمبر", "2024"])
        assert one_line(day) and right_to_left(day), (width, day)
        title, publisher, *date = measure(page, source, ["Report", "Reuters", "27", "نوفمبر", "2024"])
        assert one_line(date) and right_to_left(date), (width, date)
        # read from the right: the title, its publisher, then the date
        if one_line([publisher, *date]):
            assert right_to_left([publisher, date[0]]), (width, publisher, date)
        if one_line([title, publisher]):
            assert title["left"] >= publisher["right"] - 1, (width, title, publisher)

    at_widths(page, check)


def test_an_arabic_range_and_a_time_with_its_zone_are_one_run_each(open_at):
    page = open_at(AR)
    card = "#event-2024-12-01-russian-syrian-air-strikes > article > p:first-child"  # 1–2 December
    stamp = ".ce-stamps .ce-stamp:first-child time"  # 6 December, 09:15 IST (UTC+05:30)

    def check(width):
        days = measure(page, card, ["1", "2", "ديسمبر", "2024"])
        assert one_line(days) and right_to_left(days), (width, days)
        *date, clock, zone, offset = measure(page, stamp, ["6", "ديسمبر", "2024", "09:15", "IST", "UTC+05:30"])
        assert one_line([*date, clock, zone, offset]), (width, date, clock, zone, offset)
        assert right_to_left(date), (width, date)
        assert left_to_right([clock, zone, offset]), (width, clock, zone, offset)  # the clock as written
        assert offset["right"] <= date[-1]["left"] + 1, (width, offset, date)  # after the date, to its left

    at_widths(page, check)


def test_an_attribution_to_an_english_name_is_one_run_on_one_line(open_at):
    page = open_at(AR)
    attribution = f"#event-{PROBE} .ce-attribution"
    words = ["Syrian", "Observatory", "for", "Human", "Rights"]

    def check(width):
        according, *name = measure(page, attribution, ["بحسب", *words])
        assert one_line([according, *name]), (width, according, name)
        assert left_to_right(name), (width, name)
        gap = according["left"] - name[-1]["right"]  # "بحسب", then, to its left, the name read left to right
        assert 0 <= gap + 1 < 0.6 * (according["bottom"] - according["top"]), (width, gap)

    at_widths(page, check)


def test_the_arabic_page_names_each_actor_once(open_at):
    page = open_at(AR)
    natives = page.locator(".ce-place bdi, .ce-actors bdi, .ce-attribution bdi").all_inner_texts()
    assert natives and not any("\u0600" <= c <= "\u06ff" for name in natives for c in name), natives  # Russian, Turkish
    names = page.locator("#event-2024-11-27-offensive-begins .ce-actors a").all_inner_texts()
    assert names == ["هيئة تحرير الشام", "إدارة العمليات العسكرية", "الجيش العربي السوري"]


# The English page ----------------------------------------------------------------------------------------------

def test_english_names_keep_their_arabic_native_names_beside_them(open_at):
    page = open_at(EN)
    actors = "#event-2024-11-27-offensive-begins .ce-actors"
    place = "#event-2024-11-27-offensive-begins .ce-place"

    def check(width):
        english, *native = measure(page, place, ["Western", "ريف", "حلب", "الغربي"])
        assert one_line([english, *native]) and right_to_left(native), (width, native)
        assert english["right"] <= min(box["left"] for box in native) + 1, (width, english, native)
        boxes = measure(page, actors, ["Hayat", "هيئة", "Military", "إدارة", "Syrian", "الجيش"])
        for n in range(0, len(boxes) - 2, 2):  # each name's native name after it, before the next name
            name, its_native, following = boxes[n], boxes[n + 1], boxes[n + 2]
            if one_line([name, its_native, following]):
                assert name["right"] <= its_native["left"] + 1 <= following["left"] + 1, (width, boxes)

    at_widths(page, check)


def test_an_arabic_title_and_publisher_leave_the_english_date_whole(open_at):
    page = open_at(EN)
    source = f"#event-{PROBE} .ce-sources li"

    def check(width):
        first, second, publisher, *date = measure(page, source, ["بيان", "المرصد", "الجزيرة", "28", "November", "2024"])
        assert right_to_left([first, second]), (width, first, second)  # the title reads as Arabic
        assert one_line(date) and left_to_right(date), (width, date)
        if one_line([first, second, publisher, *date]):
            assert left_to_right([{"left": min(first["left"], second["left"]), "right": max(first["right"], second["right"])},
                                  publisher, date[0]]), (width, first, second, publisher, date)

    at_widths(page, check)
