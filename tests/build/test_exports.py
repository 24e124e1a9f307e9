"""Machine outputs of a real build: JSON-LD, Atom, JSON Feed, GeoJSON, ACLED CSV, TimelineJS JSON."""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser
import pytest

from generator.exports.acled_csv import COLUMNS
from generator.importers.acled import import_acled

SITE_URL = "https://news.example.org/explainers-site/"
EXTRA = f"""\
site_url: {SITE_URL}
extra:
  publisher: {{name: Example News, url: https://news.example.org/}}
  author: {{name: Example desk}}
"""


@pytest.fixture
def story(project):
    with (project.root / "mkdocs.yml").open("a", encoding="utf-8") as out:
        out.write(EXTRA)
    project.event("offensive-begins", "2024-11-27", "Offensive begins", key="true", actors="[hts, syrian-army]",
                  place="aleppo", type="battle", subtype="armed-clash",
                  fatalities="{best: 20, low: 12, high: 40}")
    project.write("events/hama-falls.yml", """\
        date: "2024-12-05T14:30+03:00"
        title: "Rebels take Hama </script><!-- & more"
        summary: The army withdrew <b>overnight</b>.
        type: strategic-development
        place: hama
        tags: [offensive]
        sources:
          - {title: Wire, publisher: Reuters}
          - {title: Monitor, publisher: SOHR}
        updated: "2024-12-06T10:00+03:00"
        corrections:
          - at: "2024-12-06T10:00+03:00"
            text: An earlier version gave the wrong day.
        """)
    project.event("statement", "2024-12", "Statement without a place", type="statement")
    project.event("war-begins", "2011", "Protests turn to war", era="background", approximate="true")
    project.build()
    return project


def jsonld_of(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def nodes_of(html: str) -> dict:
    """The page's JSON-LD graph by node type: {'NewsArticle': {...}, 'Dataset': {...}}."""
    graph = jsonld_of(html)
    assert graph["@context"] == "https://schema.org" and set(graph) == {"@context", "@graph"}
    nodes = {node["@type"]: node for node in graph["@graph"]}
    assert len(nodes) == len(graph["@graph"])
    return nodes


# The properties schema.org defines for each type we write (schema.org/NewsArticle and its CreativeWork and Thing
# properties, /Dataset, /DataDownload, /Event, /Place...): a misspelt or invented property fails here.
SCHEMA_ORG = {
    "NewsArticle": {"headline", "datePublished", "dateModified", "inLanguage", "publisher", "author", "url",
                    "mainEntityOfPage", "image", "description", "correction", "about", "isBasedOn"},
    "Dataset": {"@id", "name", "description", "url", "isAccessibleForFree", "creator", "distribution",
                "temporalCoverage"},
    "DataDownload": {"encodingFormat", "contentUrl"},
    "Event": {"name", "startDate", "endDate", "description", "url", "location"},
    "Place": {"name", "address", "geo"},
    "PostalAddress": {"addressCountry", "addressRegion"},
    "GeoCoordinates": {"latitude", "longitude"},
    "Organization": {"name", "url"},
    "WebPage": {"@id"},
    "CorrectionComment": {"datePublished", "text"},
}


def check_schema_org(node) -> None:
    if isinstance(node, list):
        for item in node:
            check_schema_org(item)
    elif isinstance(node, dict):
        if "@type" in node:
            assert set(node) - {"@type"} <= SCHEMA_ORG[node["@type"]], (node["@type"], set(node))
        for key, value in node.items():
            if key != "@context":
                check_schema_org(value)


def data(project, name: str) -> str:
    return (project.site / "explainers/rebels/data" / name).read_text(encoding="utf-8")


def test_jsonld_on_the_page_is_the_graph_encoded_at_once(story):
    from generator.exports.jsonld import page_graph, script_json
    from generator.project import open_project
    from generator.sharecards import card_path

    project = open_project(story.root / "mkdocs.yml")
    site = project.prepare(project.load()).site
    [explainer] = site.explainers
    html = story.html("explainers/rebels")
    image = site.absolute(card_path(site, explainer))  # the share card (sharecards.py)
    assert f'<script type="application/ld+json">{script_json(page_graph(site, explainer, image))}</script>' in html


def test_jsonld_news_article_with_key_events_corrections_and_its_dataset(story):
    html = story.html("explainers/rebels")
    nodes = nodes_of(html)
    assert set(nodes) == {"NewsArticle", "Dataset"}
    check_schema_org(jsonld_of(html)["@graph"])
    article, dataset = nodes["NewsArticle"], nodes["Dataset"]
    assert article["headline"] == "Rebels advance" and article["description"] == "What happened in the north."
    assert article["datePublished"] == "2024-12-06T09:15+05:30"
    assert article["dateModified"] == "2024-12-06T10:32+05:30"
    assert article["publisher"] == {"@type": "Organization", "name": "Example News", "url": "https://news.example.org/"}
    assert article["author"]["name"] == "Example desk"
    assert article["url"] == SITE_URL + "explainers/rebels/"
    # Inline: the key events only, each pointing at its card on this page.
    [aleppo] = article["about"]
    assert aleppo["@type"] == "Event" and aleppo["name"] == "Offensive begins" and aleppo["startDate"] == "2024-11-27"
    assert aleppo["url"] == SITE_URL + "explainers/rebels/#event-offensive-begins"
    assert aleppo["location"]["@type"] == "Place"
    assert aleppo["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 36.2021, "longitude": 37.1343}
    [correction] = article["correction"]
    assert correction["@type"] == "CorrectionComment" and correction["datePublished"] == "2024-12-06T10:00+03:00"
    assert correction["text"].startswith("Rebels take Hama </script><!-- & more: ")  # round-trips, never closed the block
    # Every event: in the downloads the Dataset describes (what Google's Dataset needs: name, a description of
    # 50 to 5,000 characters, DataDownloads with contentUrl and encodingFormat).
    assert article["isBasedOn"] == {"@id": dataset["@id"]} and dataset["@id"] == SITE_URL + "explainers/rebels/#data"
    assert 'id="data"' in html  # the Data section the id names
    assert dataset["name"] == "Rebels advance: the events" and 50 <= len(dataset["description"]) <= 5000
    assert "4 event records" in dataset["description"]
    assert dataset["url"] == SITE_URL + "explainers/rebels/" and dataset["isAccessibleForFree"] is True
    assert dataset["creator"] == article["publisher"]
    assert dataset["temporalCoverage"] == "2011/2024-12-05T14:30+03:00"
    downloads = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
    assert downloads == {"text/csv": SITE_URL + "explainers/rebels/data/events.csv",
                         "application/geo+json": SITE_URL + "explainers/rebels/data/events.geojson",
                         "application/json": SITE_URL + "explainers/rebels/data/timeline.json"}
    for url in downloads.values():
        assert (story.site / url.removeprefix(SITE_URL)).is_file()
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "&" not in block


def test_jsonld_stays_small_however_long_the_page(project):
    """A 2,000-event explainer's structured data is the article, its newest key events and a link to the data:
    the same size with 40 events or 400."""
    from generator.exports.jsonld import KEY_EVENTS

    sizes = {}
    for count in (40, 400):
        for n in range(count):
            project.event(f"e{n:04d}", f"{2020 + n // 336}-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}",
                          f"Event {n} with a headline of a usual length for a wire report", key="true",
                          summary="A summary of two sentences, as the desk writes them. It says what happened.",
                          place="aleppo")
        project.build()
        html = project.html("explainers/rebels")
        block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        article = nodes_of(html)["NewsArticle"]
        assert len(article["about"]) == KEY_EVENTS
        assert article["about"][-1]["name"].startswith(f"Event {count - 1} ")  # the newest
        sizes[count] = len(block.encode())
    assert sizes[400] < 20_000 and sizes[400] < sizes[40] * 1.05


def test_jsonld_without_site_url_links_the_data_relative_to_the_page(project):
    from urllib.parse import urljoin

    project.event("a", "2024-11-27", "Alpha", key="true")
    project.build()
    nodes = nodes_of(project.html("explainers/rebels"))
    assert "url" not in nodes["NewsArticle"] and nodes["NewsArticle"]["about"][0]["url"] == "#event-a"
    assert nodes["Dataset"]["@id"] == "#data" and nodes["Dataset"]["temporalCoverage"] == "2024-11-27"
    for download in nodes["Dataset"]["distribution"]:
        assert (project.site / urljoin("explainers/rebels/", download["contentUrl"])).is_file()


def test_head_links_feeds_and_social_cards(story):
    head = story.html("explainers/rebels").split("</head>", 1)[0]
    assert '<link rel="alternate feed" type="application/atom+xml" title="Rebels advance (Atom)" href="../../explainers/rebels/data/feed.atom">' in head
    assert 'type="application/feed+json"' in head and 'href="../../feed.json"' in head
    assert '<meta property="og:type" content="article">' in head
    assert '<meta property="og:title" content="Rebels advance">' in head
    assert f'<meta property="og:url" content="{SITE_URL}explainers/rebels/">' in head
    assert '<meta name="twitter:card" content="summary_large_image">' in head  # the share card
    home = (story.site / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert 'href="feed.atom"' in home and "ld+json" not in home


@pytest.mark.parametrize("path", ["explainers/rebels/data/feed.atom", "feed.atom"])
def test_atom_feeds_parse_with_stable_ids(story, path):
    parsed = feedparser.parse((story.site / path).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    feed = parsed.feed
    assert feed.id.startswith("tag:news.example.org,2024:explainers-site/") and feed.title and feed.updated
    assert any(link.rel == "self" and link.href == SITE_URL + path for link in feed.links)
    ids = [entry.id for entry in parsed.entries]
    assert len(ids) == len(set(ids))
    for entry in parsed.entries:
        assert entry.id.startswith("tag:") and entry.title and entry.updated
        assert entry.link.startswith(SITE_URL)
    assert "tag:news.example.org,2024:explainers-site/event/hama-falls" in ids
    assert "tag:news.example.org,2024:explainers-site/event/hama-falls/correction/2024-12-06T10:00+03:00" in ids
    assert "tag:news.example.org,2024:explainers-site/explainer/rebels/updated/2024-12-06T10:32+05:30" in ids
    titles = [entry.title for entry in parsed.entries]
    assert "Rebels take Hama </script><!-- & more" in titles


def test_json_feed(story):
    for path in ("explainers/rebels/data/feed.json", "feed.json"):
        feed = json.loads((story.site / path).read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["title"] and feed["items"] and feed["feed_url"] == SITE_URL + path
        for item in feed["items"]:
            assert isinstance(item["id"], str) and item["id"].startswith("tag:") and item["content_html"]


def test_geojson_positions_are_lon_lat(story):
    collection = json.loads(data(story, "events.geojson"))
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert features["offensive-begins"]["geometry"] == {"type": "Point", "coordinates": [37.1343, 36.2021]}
    assert features["hama-falls"]["geometry"] is None  # Hama has no coordinates in places.yml
    assert features["statement"]["geometry"] is None  # no place at all
    assert features["offensive-begins"]["properties"]["type"] == "battle"


def test_csv_has_acled_columns_and_conventions(story):
    rows = list(csv.DictReader(io.StringIO(data(story, "events.csv"))))
    assert tuple(csv.reader(io.StringIO(data(story, "events.csv"))).__next__()) == COLUMNS
    by_id = {row["event_id_cnty"]: row for row in rows}
    offensive = by_id["offensive-begins"]
    assert offensive["event_type"] == "Battles" and offensive["sub_event_type"] == "Armed clash"
    assert offensive["fatalities"] == "12"  # ACLED keeps the lowest figure
    assert (offensive["latitude"], offensive["longitude"]) == ("36.2021", "37.1343")
    assert (offensive["iso"], offensive["country"], offensive["region"]) == ("760", "Syria", "Middle East")
    assert offensive["interaction"] == "State forces-Rebel group" and offensive["time_precision"] == "1"  # lower code first
    assert by_id["hama-falls"]["source"] == "Reuters; SOHR"
    assert by_id["hama-falls"]["timestamp"] == "1733468400"  # `updated` as Unix time
    assert "statement" not in by_id and "war-begins" not in by_id  # no place: ACLED has no row without one


def test_csv_round_trips_through_the_importer(story, tmp_path):
    docs = tmp_path / "imported"
    docs.mkdir()
    csv_path = story.site / "explainers/rebels/data/events.csv"
    report = import_acled(csv_path, docs)
    assert report.ok, report.problems
    from generator.content import load_content

    imported = load_content(docs, tmp_path)
    assert imported.problems == []
    assert set(imported.events) == {"offensive-begins", "hama-falls"}  # the events with a place
    offensive = imported.events["offensive-begins"]
    assert (offensive.type, offensive.subtype, offensive.date.iso()) == ("battle", "armed-clash", "2024-11-27")
    place = imported.places[offensive.place]
    assert (place.name, place.country, place.lat, place.lon) == ("Aleppo", "SY", 36.2021, 37.1343)
    assert {imported.actors[a].name for a in offensive.actors} == {"Hayat Tahrir al-Sham", "Syrian Arab Army"}


def test_timelinejs(story):
    timeline = json.loads(data(story, "timeline.json"))
    assert timeline["title"]["text"]["headline"] == "Rebels advance"
    for slide in timeline["events"]:
        assert isinstance(slide["start_date"]["year"], int) and slide["text"]["headline"]
    hama = next(s for s in timeline["events"] if s["unique_id"] == "event-hama-falls")
    assert hama["start_date"] == {"year": 2024, "month": 12, "day": 5, "hour": 14, "minute": 30,
                                  "display_date": "14:30 UTC+03:00, 5 December 2024"}  # as its card says


def test_outputs_are_byte_identical_across_builds(story):
    names = ["feed.atom", "feed.json"] + [f"explainers/rebels/data/{n}" for n in
                                          ("events.csv", "events.geojson", "timeline.json", "feed.atom", "feed.json")]
    first = {n: (story.site / n).read_bytes() for n in names}
    story.build()
    assert {n: (story.site / n).read_bytes() for n in names} == first


def test_without_site_url_ids_are_tag_uris_and_links_relative(project):
    project.event("offensive-begins", "2024-11-27", "Offensive begins", place="aleppo")
    project.build()
    parsed = feedparser.parse((project.site / "explainers/rebels/data/feed.atom").read_bytes())
    assert parsed.feed.id == "tag:test-desk,2024:explainer/rebels/feed"
    assert parsed.entries[0].id.startswith("tag:test-desk,2024:")
    text = (project.site / "explainers/rebels/data/feed.atom").read_text(encoding="utf-8")
    assert 'href="../../../explainers/rebels/#event-offensive-begins"' in text
    assert "og:url" not in project.html("explainers/rebels")


def test_feeds_carry_the_newest_entries_only(project):
    from generator.exports.feeds import FEED_LIMIT

    for n in range(FEED_LIMIT + 5):
        project.event(f"e{n:03d}", f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}", f"Event {n}")
    project.build()
    feed = json.loads((project.site / "feed.json").read_text(encoding="utf-8"))
    assert len(feed["items"]) == FEED_LIMIT
    titles = [item["title"] for item in feed["items"]]
    assert titles[0] == "Updated: Rebels advance" and "Event 104" in titles and "Event 0" not in titles


def test_timelinejs_and_feeds_escape_plain_titles(project):
    project.write("events/x.yml", 'date: 2024-11-27\ntitle: "<img src=x onerror=alert(1)>"\n'
                                  "tags: [offensive]\nsources: [{title: S}]\n")
    project.build()
    timeline = json.loads((project.site / "explainers/rebels/data/timeline.json").read_text(encoding="utf-8"))
    assert timeline["events"][0]["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;"
    feed = json.loads((project.site / "feed.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["title"].startswith("<img"))
    assert item["content_html"] == "<p>&lt;img src=x onerror=alert(1)&gt;</p>"
