"""The TimelineJS JSON of a real build says what the page says: dates as the cards write them, groups in words,
the claims and sources in each slide, headlines escaped once."""

from __future__ import annotations

import json
import re

import pytest

ZONES = '  - explainers:\n      zone_names:\n        "+05:30": IST\n'


@pytest.fixture
def story(project):
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - explainers\n", ZONES), encoding="utf-8")
    project.write("events/deaths.yml", """\
        date: "2024-11-30T18:00+05:30"
        end: 2024-12-02
        approximate: true
        title: Army says "dozens" of soldiers killed in Hama's north
        type: battle
        claims:
          - text: Dozens of soldiers were **killed**
            by: syrian-army
            status: reported
          - text: Hundreds of fighters were killed
            by: Rebel commanders
            status: unverified
        fatalities: {best: 12, low: 12, high: 40, by: syrian-army}
        tags: [offensive]
        sources:
          - {title: Army statement, publisher: SANA, url: "https://sana.sy/en/", published: 2024-11-30}
          - {title: Monitor's tally, published: "2024-12-01T09:15+05:30"}
        """)
    project.event("statement", "2024-12-01", "Assad speaks", type="statement")
    project.event("war-begins", "2011-03", "Protests turn to war", era="background")
    project.event("siege", "2016-07", "Siege of Aleppo", era="background")
    arabic = (project.content / "explainers/rebels.md").read_text(encoding="utf-8")
    project.write("explainers/rebels-ar.md", arabic.replace("title: Rebels advance", "title: تقدم الفصائل\nlang: ar"))
    project.build()
    return project


def timeline(project, slug: str) -> dict:
    return json.loads((project.site / f"explainers/{slug}/data/timeline.json").read_text(encoding="utf-8"))


def slide(data: dict, ident: str) -> dict:
    return next(s for s in data["events"] if s["unique_id"] == f"event-{ident}")


def card_dates(html: str) -> dict[str, str]:
    """Each card's date line as a reader reads it (the first <p> of its <article>, less the key event mark)."""
    found = {}
    for ident, line in re.findall(r'<li class="ce-event[^"]*" id="event-([^"]+)"[^>]*><article><p>(.*?)</p>', html):
        line = re.sub(r'<span class="ce-key">.*?</span>', "", line)
        found[ident] = re.sub(r"<[^>]+>", "", line).strip()
    return found


@pytest.mark.parametrize("slug", ["rebels", "rebels-ar"])
def test_display_dates_are_the_cards_dates(story, slug):
    data = timeline(story, slug)
    cards = card_dates(story.html(f"explainers/{slug}"))
    assert set(cards) == {s["unique_id"].removeprefix("event-") for s in data["events"]}
    for item in data["events"]:
        assert item["display_date"] == cards[item["unique_id"].removeprefix("event-")], item["unique_id"]


def test_a_slide_has_the_time_zone_circa_and_range_as_written(story):
    deaths = slide(timeline(story, "rebels"), "deaths")
    assert deaths["display_date"] == "c. 18:00 IST (UTC+05:30), 30 November 2024 – 2 December 2024"
    assert deaths["start_date"] == {"year": 2024, "month": 11, "day": 30, "hour": 18, "minute": 0,
                                    "display_date": "c. 18:00 IST (UTC+05:30), 30 November 2024"}
    assert deaths["end_date"] == {"year": 2024, "month": 12, "day": 2, "display_date": "2 December 2024"}
    arabic = slide(timeline(story, "rebels-ar"), "deaths")
    assert arabic["display_date"] == "نحو 30 نوفمبر 2024، 18:00 IST (UTC+05:30) – 2 ديسمبر 2024"


def test_groups_are_words_in_the_pages_language(story):
    english, arabic = timeline(story, "rebels"), timeline(story, "rebels-ar")
    assert [slide(english, i)["group"] for i in ("deaths", "statement", "war-begins")] == [
        "Battle", "Statement", "Background"]
    assert [slide(arabic, i)["group"] for i in ("deaths", "statement", "war-begins")] == ["معركة", "تصريح", "الخلفية"]
    assert english["eras"][0]["text"]["headline"] == "Background"
    assert arabic["eras"][0]["text"]["headline"] == "الخلفية"


def test_a_slides_text_holds_its_claims_fatalities_and_sources(story):
    text = slide(timeline(story, "rebels"), "deaths")["text"]["text"]
    assert ("<ul><li><strong>Reported</strong>: Dozens of soldiers were <strong>killed</strong> "
            "<em>according to Syrian Arab Army</em></li>"
            "<li><strong>Unverified</strong>: Hundreds of fighters were killed <em>according to Rebel commanders</em>"
            "</li></ul>") in text
    assert "<p>Fatalities: 12 (range 12–40), <em>according to Syrian Arab Army</em></p>" in text
    # Titles and publishers keep their own direction, as on the cards (in any script, among the page's words).
    assert ('<p>Sources:</p><ul><li><a href="https://sana.sy/en/" rel="noopener noreferrer" dir="auto">Army '
            'statement</a>, <i dir="auto">SANA</i>, 30 November 2024</li><li><cite dir="auto">Monitor&#39;s tally</cite>, '
            "09:15 IST (UTC+05:30), 1 December 2024</li></ul>") in text
    arabic = slide(timeline(story, "rebels-ar"), "deaths")["text"]["text"]
    assert '<strong>منسوب</strong>: <span lang="en" dir="auto">Dozens of soldiers' in arabic
    assert "<p>المصادر:</p>" in arabic and "بحسب Syrian Arab Army" in arabic


def test_headlines_are_escaped_once_and_quotes_left_as_written(story):
    """TimelineJS inserts headlines as HTML: markup escaped, but an apostrophe is no markup, and `&#x27;` is
    what a reader of the JSON as data would see."""
    assert slide(timeline(story, "rebels"), "deaths")["text"]["headline"] == \
        "Army says \"dozens\" of soldiers killed in Hama's north"
    story.write("events/deaths.yml", (story.content / "events/deaths.yml").read_text(encoding="utf-8").replace(
        "title: Army says \"dozens\" of soldiers killed in Hama's north", "title: \"Rock & roll <b>\""))
    story.build()
    assert slide(timeline(story, "rebels"), "deaths")["text"]["headline"] == "Rock &amp; roll &lt;b&gt;"
