"""Machine outputs of a real build: JSON-LD, Atom, JSON Feed, GeoJSON, ACLED CSV, TimelineJS JSON."""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser
import pytest

from generator.outputs.acled_csv import COLUMNS
from generator.importers.acled import import_acled

SITE_URL = "https://news.example.org/explainers-site/"
EXTRA = f"""\
site_url: {SITE_URL}
extra:
  publisher: {{name: Example News, url: https://news.example.org/}}
  author: {{name: Example desk}}
  license: https://creativecommons.org/licenses/by/4.0/
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
                "temporalCoverage", "license", "spatialCoverage", "keywords"},
    "GeoShape": {"box"},
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
    from generator.outputs.jsonld import page_graph, script_json
    from generator.engines.mkdocs.project import open_project
    from generator.outputs.sharecards import card_path

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
    # The desk names no url: it is the site's, at its home (Google recommends author.url)
    assert article["author"] == {"@type": "Organization", "name": "Example desk", "url": SITE_URL}
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
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"  # extra.license
    # The box around the events' places (only Aleppo has coordinates) and their tags, most used first
    assert dataset["spatialCoverage"] == {"@type": "Place",
                                          "geo": {"@type": "GeoShape", "box": "36.2021 37.1343 36.2021 37.1343"}}
    assert dataset["keywords"] == ["offensive"]
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
    from generator.outputs.jsonld import KEY_EVENTS

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
    from generator.records.content import load_content

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
    from generator.outputs.feeds import FEED_LIMIT

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


# Issue 24: what other people's validators and readers expect -------------------------------------------------

ATOM_NS = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def arabic_edition(project) -> None:
    english = (project.content / "explainers/rebels.md").read_text(encoding="utf-8")
    project.write("explainers/rebels-ar.md", english.replace("title: Rebels advance", "title: تقدم الفصائل\nlang: ar"))


def test_the_site_wide_feeds_say_each_entrys_language(project):
    import xml.etree.ElementTree as ET

    project.event("a", "2024-11-27", "Offensive begins")
    arabic_edition(project)
    project.build()
    feed = ET.parse(project.site / "feed.atom").getroot()
    assert feed.get(XML_LANG) == "en"  # the feed's own language, which its entries inherit
    langs = {e.findtext(f"{ATOM_NS}title"): e.get(XML_LANG) for e in feed.iter(f"{ATOM_NS}entry")}
    # The Arabic page's entries in its words, said so, with its words around them ("حُدّث:", not "Updated:")
    assert langs == {"تقدم الفصائل": "ar", "حُدّث: تقدم الفصائل": "ar", "Rebels advance": None,
                     "Updated: Rebels advance": None, "Offensive begins": None}
    items = json.loads((project.site / "feed.json").read_text(encoding="utf-8"))
    assert items["language"] == "en"
    assert {i["title"]: i["language"] for i in items["items"]} == {
        "تقدم الفصائل": "ar", "حُدّث: تقدم الفصائل": "ar", "Rebels advance": "en", "Updated: Rebels advance": "en",
        "Offensive begins": "en"}
    own = json.loads((project.site / "explainers/rebels-ar/data/feed.json").read_text(encoding="utf-8"))
    assert own["language"] == "ar" and {i["language"] for i in own["items"]} == {"ar"}


def test_tombstones_come_before_the_first_entry_and_same_moment_changes_keep_distinct_ids(project):
    project.write("events/a.yml", """\
        date: 2024-11-27
        title: Offensive begins
        tags: [offensive]
        sources: [{title: Wire}]
        corrections:
          - {at: "2024-12-01T10:00+03:00", text: The first correction at this minute.}
          - {at: "2024-12-01T10:00+03:00", text: The second correction at this minute.}
        """)
    project.write("events/b.yml", """\
        date: 2024-11-28
        title: Withdrawn report
        tags: [offensive]
        sources: [{title: Wire}]
        retracted: {at: "2024-12-02T10:00+03:00", reason: It did not happen.}
        """)
    project.build()
    text = (project.site / "feed.atom").read_text(encoding="utf-8")
    # RFC 4287's schema takes extension elements among the feed's metadata only, before the first entry
    assert text.index("<at:deleted-entry") < text.index("<entry")
    parsed = feedparser.parse(text.encode())
    ids = [e.id for e in parsed.entries]
    corrections = [i for i in ids if ":event/a/correction/" in i]
    # Two changes of one record at the same moment: two entries, the second id told apart, in record order
    key = "tag:test-desk,2024:event/a/correction/2024-12-01T10:00+03:00"
    assert sorted(corrections) == [key, key + "/2"]
    bodies = {e.id: e.content[0].value for e in parsed.entries}
    assert "first correction" in bodies[key] and "second correction" in bodies[key + "/2"]


def test_feeds_that_leave_entries_out_say_where_the_rest_is(project):
    from generator.outputs.feeds import EXPLAINER_FEED_LIMIT, FEED_LIMIT

    assert (EXPLAINER_FEED_LIMIT, FEED_LIMIT) == (50, 100)  # issue 26: decided
    for n in range(60):
        project.event(f"e{n:03d}", f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}", f"Event {n}")
    project.build()
    own = json.loads(data(project, "feed.json"))
    titles = [item["title"] for item in own["items"]]
    assert len(titles) == 50 and titles[:3] == ["Updated: Rebels advance", "Rebels advance", "Event 59"]
    assert own["description"] == ("What happened in the north. The newest 50 of 62 entries; every event is at "
                                  "../../../explainers/rebels/#data")
    atom = feedparser.parse(data(project, "feed.atom").encode())
    assert len(atom.entries) == 50 and atom.feed.subtitle == own["description"]
    site = json.loads((project.site / "feed.json").read_text(encoding="utf-8"))
    assert len(site["items"]) == 62 and "description" not in site  # all there: nothing to say


def test_sitemap_dates_pages_by_their_records_and_leaves_out_embeds(story):
    from datetime import date

    sitemap = (story.site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>([^<]+)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?", sitemap))
    assert SITE_URL + "explainers/rebels/" in lastmod
    assert not [url for url in lastmod if "/embed/" in url]  # pages that say noindex
    # The explainer: its `updated` (10:32+05:30), unless an event it shows changed later: hama-falls was
    # corrected at 10:00+03:00, 12:30+05:30
    assert lastmod[SITE_URL + "explainers/rebels/"] == "2024-12-06T10:00:00+03:00"
    assert lastmod[SITE_URL + "actors/hts/"] == "2024-11-27"  # its one event's day
    assert lastmod[SITE_URL + "places/hama/"] == lastmod[SITE_URL + "archive/"] == "2024-12-06T10:00:00+03:00"
    assert lastmod[SITE_URL] == lastmod[SITE_URL + "guide/fields/"] == ""  # no record dates them
    assert date.today().isoformat() not in sitemap and "<lastmod>20" in sitemap  # never the day of the build


def test_live_updates_have_author_and_date_modified_and_claim_ratings_are_names_only(project):
    from support import EXPLAINER

    project.write("explainers/rebels.md", EXPLAINER.replace("events:", "live: true\nevents:"))
    project.write("events/left.yml", """\
        date: "2024-12-08T08:00+03:00"
        title: The president leaves the capital
        key: true
        tags: [offensive]
        claims:
          - text: He has left the country
            by: syrian-army
            status: confirmed
            history:
              - {at: "2024-12-08T13:00+03:00", status: unverified}
        sources: [{title: Wire}]
        """)
    with (project.root / "mkdocs.yml").open("a", encoding="utf-8") as out:
        out.write(EXTRA)
    project.build()
    article = nodes_of(project.html("explainers/rebels"))["LiveBlogPosting"]
    updates = article["liveBlogUpdate"]
    assert updates and all(u["@type"] == "BlogPosting" for u in updates)
    for update in updates:
        assert update["dateModified"] == update["datePublished"]  # a change is one moment
        assert update["author"] == {"@type": "Organization", "name": "Example desk", "url": SITE_URL}
    [review] = article["review"]
    # The status is how far the claim is attributed and corroborated, not a verdict: a name, no scale
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Confirmed"}
