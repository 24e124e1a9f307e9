"""The data downloads and embeds of a long story, as issue 26 decided them: the TimelineJS file holds the key
events and the newest 200, the embed page the newest `embed_events` (200) with a link to the full timeline,
GeoJSON features only what a map needs; the page, the CSV and the GeoJSON keep every event."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta

import pytest

from tests.support import ACTORS, BASE_CONFIG, EXPLAINER, PLACES, Project

CURRENT = 230  # more than the 200 each limit keeps
OLD_KEYS = ("e005", "e020")  # key events older than the newest 200: TimelineJS keeps them, the embed does not


@pytest.fixture(scope="module")
def long_story(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("long"))
    (project.root / "mkdocs.yml").write_text(BASE_CONFIG, encoding="utf-8")
    project.write("index.md", "---\ntitle: Home\n---\n\n# Desk\n")
    project.write("actors.yml", ACTORS)
    project.write("places.yml", PLACES)
    project.write("explainers/rebels.md", EXPLAINER)
    first = date(2024, 1, 1)
    for n in range(CURRENT):
        extra = {"key": "true"} if f"e{n:03d}" in (*OLD_KEYS, "e220") else {}
        project.event(f"e{n:03d}", (first + timedelta(days=n)).isoformat(), f"Event {n}", place="aleppo",
                      actors="[hts]", summary=f"A summary of event {n}.", **extra)
    project.event("war-begins", "2011-03", "Protests turn to war", era="background", place="hama")
    project.event("siege", "2016-07", "Siege of Aleppo", era="background", place="aleppo")
    project.build()
    return project


def data(project: Project, name: str) -> str:
    return (project.site / "explainers/rebels/data" / name).read_text(encoding="utf-8")


def card_ids(html: str) -> list[str]:
    return re.findall(r'<li class="ce-event[^"]*" id="event-([a-z0-9-]+)"', html)


def test_timelinejs_holds_the_key_events_and_the_newest_200(long_story):
    timeline = json.loads(data(long_story, "timeline.json"))
    ids = [s["unique_id"].removeprefix("event-") for s in timeline["events"]]
    everything = ["war-begins", "siege"] + [f"e{n:03d}" for n in range(CURRENT)]  # the page's order
    assert ids == [*OLD_KEYS, *everything[-200:]]
    title = timeline["title"]["text"]["text"]
    assert "The key events and the newest 200 of 232 events." in title
    assert '<a href="explainers/rebels/#timeline">The full timeline</a>' in title


def test_the_embed_shows_the_newest_200_and_links_to_the_full_timeline(long_story):
    embed = long_story.html("embed/rebels")
    assert card_ids(embed) == [f"e{n:03d}" for n in range(CURRENT - 200, CURRENT)]
    assert ('<p class="ce-embed__more">The newest 200 of 230 events. <a href="../../explainers/rebels/#timeline" '
            'target="_blank" rel="noopener">The full timeline</a></p>') in embed
    page = long_story.html("explainers/rebels")  # the page itself keeps every event
    assert len(card_ids(page.split('id="timeline"', 1)[1].split('id="background"', 1)[0])) == CURRENT


def test_geojson_features_carry_what_a_map_needs_and_the_csv_every_event(long_story):
    features = json.loads(data(long_story, "events.geojson"))["features"]
    assert len(features) == CURRENT + 2  # every event, the background's too
    feature = next(f for f in features if f["id"] == "e005")
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.1343, 36.2021]}
    assert feature["properties"] == {"title": "Event 5", "date": "2024-01-06", "type": None, "place": "aleppo",
                                     "place_name": "Aleppo", "precision": 1,
                                     "url": "explainers/rebels/#event-e005", "retracted": None}
    assert "summary" not in data(long_story, "events.geojson")
    rows = list(csv.DictReader(io.StringIO(data(long_story, "events.csv"))))
    assert len(rows) == CURRENT + 2 and rows[-1]["notes"].startswith("A summary of event")


def test_embed_events_sets_how_many_and_a_short_timeline_has_no_note(project):
    config = project.root / "mkdocs.yml"
    config.write_text(BASE_CONFIG.replace("  - explainers\n", "  - explainers:\n      embed_events: 3\n"),
                      encoding="utf-8")
    for n in range(5):
        project.event(f"e{n}", f"2024-11-0{n + 1}", f"Event {n}")
    project.build()
    embed = project.html("embed/rebels")
    assert card_ids(embed) == ["e2", "e3", "e4"] and "The newest 3 of 5 events." in embed
    config.write_text(BASE_CONFIG.replace("  - explainers\n", "  - explainers:\n      embed_events: 10\n"),
                      encoding="utf-8")
    project.build()
    embed = project.html("embed/rebels")
    assert card_ids(embed) == ["e0", "e1", "e2", "e3", "e4"] and "ce-embed__more" not in embed


def test_embed_events_must_be_a_count(project):
    config = project.root / "mkdocs.yml"
    config.write_text(BASE_CONFIG.replace("  - explainers\n", "  - explainers:\n      embed_events: 0\n"),
                      encoding="utf-8")
    result = project.mkdocs_build()
    assert result.returncode != 0
    assert "embed_events" in result.stderr and "0 is not a count; write a whole number of at least 1" in result.stderr
    assert "Traceback" not in result.stderr
