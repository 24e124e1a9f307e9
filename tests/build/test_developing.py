"""Developing stories and the record of change (issue 17): a live page's banner and "Latest" list, retractions
that stay on the page but leave the summary, the counts and the feeds (RFC 6721 tombstones), claim histories with
their own anchors and ClaimReviews, preserved sources, and the "Changes to this page" log, in the built site."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
TOMBSTONE = "{http://purl.org/atompub/tombstones/1.0}"
SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

LIVE_EXPLAINER = """\
---
title: Rebels advance
description: What happened in the north.
published: "2024-12-08T09:00+03:00"
updated: "2024-12-08T12:00+03:00"
live: true
coverage_end: "{end}"
events:
  tags: [offensive]
corrections:
  - at: "2024-12-08T11:30+03:00"
    text: An earlier version misnamed the city.
---

The lede paragraph of the story.
"""


@pytest.fixture
def story(project):
    """A live page with a retracted event, a claim whose status changed twice, and a preserved source."""
    project.write("explainers/rebels.md", LIVE_EXPLAINER.format(end="2099-01-01T00:00+00:00"))
    project.write("events/plane.yml", f"""\
        date: "2024-12-08T10:00+03:00"
        title: Reports say the plane crashed
        key: true
        place: aleppo
        tags: [offensive]
        claims:
          - text: The plane crashed
            by: Syrian sources
            status: unverified
        sources:
          - title: Wire report
            publisher: Reuters
        retracted:
          at: "2024-12-08T21:00+03:00"
          reason: Russian state media said he had **arrived** in Moscow.
        """)
    project.write("events/left.yml", f"""\
        date: "2024-12-08T08:00+03:00"
        title: The president leaves the capital
        key: true
        tags: [offensive]
        claims:
          - text: He has left the country
            by: syrian-army
            status: confirmed
            history:
              - at: "2024-12-08T13:00+03:00"
                status: unverified
                note: Two officers confirmed it.
              - at: "2024-12-08T20:00+03:00"
                status: reported
                note: State media said he was in Moscow.
        sources:
          - title: Officers say he has left
            publisher: Reuters
            url: https://www.reuters.com/world/example
            archived_url: https://web.archive.org/web/2024/https://www.reuters.com/world/example
            captured_at: "2024-12-08T14:00+03:00"
            sha256: {SHA.upper()}
        """)
    project.event("older", "2024-12-01", "Rebels enter the city")
    return project


def card(html: str, ident: str) -> str:
    match = re.search(rf'<li class="ce-event[^"]*" id="event-{ident}".*?</article></li>', html, re.S)
    assert match, ident
    return match.group(0)


def test_a_live_page_says_so_and_lists_the_latest_changes_newest_first_each_linking_to_its_card(story):
    story.build()
    html = story.html("explainers/rebels")
    banner = re.search(r'<aside class="ce-live".*?</aside>', html, re.S).group(0)
    on = re.search(r'<span class="ce-live__on">(.*?)</span><span class="ce-live__off" hidden>', banner).group(1)
    # The newest change (the retraction at 21:00) is the page's last update, though `updated` says 12:00.
    assert "Developing story" in on and "21:00 UTC+03:00" in on
    items = re.findall(r'<li class="ce-change ce-change--([a-z-]+)"><time datetime="([^"]+)">(.*?)</li>', banner)
    latest = [(kind, when, (re.findall(r'href="#([^"]+)"', rest) or [None])[0]) for kind, when, rest in items]
    assert latest == [("retracted", "2024-12-08T21:00+03:00", "event-plane"),
                      ("status", "2024-12-08T20:00+03:00", "event-left-claim-1"),
                      ("status", "2024-12-08T13:00+03:00", "event-left-claim-1"),
                      ("page-corrected", "2024-12-08T11:30+03:00", None),
                      ("added", "2024-12-08T10:00+03:00", "event-plane")]
    # Every link of the list lands on an element of the page.
    for anchor in re.findall(r'href="#([^"]+)"', banner):
        assert f'id="{anchor}"' in html
    # An event dated before the page was published was not "added" since.
    assert "Rebels enter the city" not in banner


def test_coverage_that_has_ended_says_so_and_the_script_can_turn_the_banner_later(story):
    story.write("explainers/rebels.md", LIVE_EXPLAINER.format(end="2024-12-09T12:00+03:00"))
    story.build()
    banner = re.search(r'<aside class="ce-live[^"]*".*?</aside>', story.html("explainers/rebels"), re.S).group(0)
    assert 'class="ce-live ce-live--ended"' in banner
    assert re.search(r'<span class="ce-live__on" hidden>', banner)
    assert re.search(r'<span class="ce-live__off"><strong>Live coverage ended</strong> <time datetime='
                     r'"2024-12-09T12:00\+03:00">', banner)
    assert 'data-coverage-end="2024-12-09T12:00+03:00"' in banner


def test_a_page_that_is_not_live_has_no_banner_but_its_changes_log(story):
    text = (story.content / "explainers/rebels.md").read_text()
    story.write("explainers/rebels.md", text.replace("live: true\n", "").replace(
        'coverage_end: "2099-01-01T00:00+00:00"\n', ""))
    story.build()
    html = story.html("explainers/rebels")
    assert "ce-live" not in html
    log = re.search(r'<h2 id="changes">Changes to this page.*?</ol>', html, re.S).group(0)
    kinds = re.findall(r'ce-change--([a-z-]+)"', log)
    assert kinds == ["retracted", "status", "status", "page-corrected", "added"]
    assert '(Unverified → Reported): <a href="#event-left-claim-1">He has left the country</a> — Two officers confirmed it.' in log
    assert "(Reported → Confirmed): " in log and "— State media said he was in Moscow." in log
    assert "Russian state media said he had <strong>arrived</strong> in Moscow." in log


def test_a_retracted_event_stays_marked_and_leaves_the_summary_and_the_counts(story):
    story.build()
    html = story.html("explainers/rebels")
    plane = card(html, "plane")
    assert 'ce-event--retracted' not in plane and ' data-retracted=""' in plane  # one mark, which CSS reads
    assert re.search(r'<p class="ce-retracted"><strong>Retracted</strong> <time datetime="2024-12-08T21:00\+03:00">'
                     r'.*?</time>: Russian state media said he had <strong>arrived</strong> in Moscow\.', plane)
    assert '<h4><a href="#event-plane">Reports say the plane crashed</a></h4>' in plane  # still there, as published
    summary = re.search(r'<ol class="ce-summary">.*?</ol>', html, re.S).group(0)
    assert "The president leaves the capital" in summary and "plane" not in summary


def test_a_claim_shows_how_its_status_changed_and_has_its_own_anchor_and_link(story):
    story.build()
    left = card(story.html("explainers/rebels"), "left")
    claim = re.search(r'<li id="event-left-claim-1">.*?</li></ul>', left, re.S).group(0)
    assert 'ce-badge--confirmed' in claim
    steps = re.findall(r'<li><time datetime="([^"]+)">[^<]*</time>: (\w+) → (\w+)\.', claim)
    assert steps == [("2024-12-08T13:00+03:00", "Unverified", "Reported"),
                     ("2024-12-08T20:00+03:00", "Reported", "Confirmed")]
    assert "ce-permalink" not in claim  # its link is the script's, made where the reader points (explainers.js)


def test_a_preserved_source_links_its_archived_copy_and_gives_its_checksum_in_the_sources_list(story):
    story.build()
    html = story.html("explainers/rebels")
    left = card(html, "left")
    assert ('(<a class="ce-archived" href="https://web.archive.org/web/2024/https://www.reuters.com/world/example" '
            'rel="noreferrer">archived copy</a>, captured <time datetime="2024-12-08T14:00+03:00">') in left
    sources = re.search(r'<ol class="ce-source-list".*?</ol>', html, re.S).group(0)
    assert f"<code>{SHA}</code>" in sources  # written as sha256sum prints it, lowercase


def test_the_card_says_when_it_last_changed_for_new_since_your_last_visit(story):
    story.build()
    html = story.html("explainers/rebels")
    assert 'data-changed="2024-12-08T20:00+03:00"' in card(html, "left")
    assert 'data-changed="2024-12-08T21:00+03:00"' in card(html, "plane")
    assert "data-changed" not in card(html, "older")


def test_structured_data_is_a_live_blog_with_an_update_per_change_and_a_claim_review_per_claim(story):
    story.build()
    html = story.html("explainers/rebels")
    graph = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    article = graph["@graph"][0]
    assert article["@type"] == "LiveBlogPosting"
    assert article["coverageStartTime"] == "2024-12-08T09:00+03:00"
    assert article["coverageEndTime"] == "2099-01-01T00:00+00:00"
    updates = article["liveBlogUpdate"]
    assert [u["datePublished"] for u in updates][:3] == ["2024-12-08T21:00+03:00", "2024-12-08T20:00+03:00",
                                                         "2024-12-08T13:00+03:00"]
    assert updates[0]["headline"] == "Retracted: Reports say the plane crashed"
    assert updates[0]["url"].endswith("#event-plane")
    # The retracted event is not among what the article is about; the other key event's claim is reviewed.
    assert [e["name"] for e in article["about"]] == ["The president leaves the capital"]
    review, = article["review"]
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == "He has left the country"
    assert review["reviewRating"]["alternateName"] == "Confirmed"
    assert review["itemReviewed"] == {"@type": "Claim", "author": {"@type": "Organization",
                                                                   "name": "Syrian Arab Army"}}
    assert review["url"].endswith("#event-left-claim-1")
    assert review["datePublished"] == "2024-12-08T20:00+03:00"


def test_feeds_carry_a_tombstone_for_a_retraction_and_an_entry_per_status_change(story):
    story.build()
    for path in ("feed.atom", "explainers/rebels/data/feed.atom"):
        feed = ET.fromstring((story.site / path).read_bytes())
        ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
        tombstone, = feed.findall(f"{TOMBSTONE}deleted-entry")
        assert tombstone.get("ref").endswith(":event/plane") and tombstone.get("ref") not in ids
        assert tombstone.get("when") == "2024-12-08T21:00:00+03:00"
        assert "arrived" in tombstone.findtext(f"{TOMBSTONE}comment")
        titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
        assert titles.count("Claim status changed: The president leaves the capital") == 2
    own = ET.fromstring((story.site / "explainers/rebels/data/feed.atom").read_bytes())
    links = [e.find(f"{ATOM}link").get("href") for e in own.findall(f"{ATOM}entry")
             if e.findtext(f"{ATOM}title").startswith("Claim status")]
    assert links and all(link.endswith("explainers/rebels/#event-left-claim-1") for link in links)
    items = json.loads((story.site / "feed.json").read_text())["items"]
    retracted, = [i for i in items if i.get("_conflict_explainers", {}).get("retracted")]
    assert retracted["title"] == "Retracted: Reports say the plane crashed"
    assert retracted["_conflict_explainers"]["retracted_at"] == "2024-12-08T21:00:00+03:00"


def test_every_export_flags_the_retracted_event(story):
    story.build()
    data = story.site / "explainers/rebels/data"
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO((data / "events.csv").read_text()))}
    assert rows["plane"]["retracted"] == "2024-12-08T21:00+03:00"
    assert "left" not in rows  # a statement with no place: ACLED has no row without a location
    features = {f["id"]: f["properties"] for f in json.loads((data / "events.geojson").read_text())["features"]}
    assert features["plane"]["retracted"]["at"] == "2024-12-08T21:00+03:00"
    assert features["left"]["retracted"] is None
    slides = {s["unique_id"]: s for s in json.loads((data / "timeline.json").read_text())["events"]}
    assert slides["event-plane"]["retracted"]["at"] == "2024-12-08T21:00+03:00"
    assert slides["event-plane"]["text"]["headline"] == "Retracted: Reports say the plane crashed"
    assert "retracted" not in slides["event-left"]


def test_the_new_fields_are_checked_with_file_and_line(project):
    project.write("explainers/rebels.md", LIVE_EXPLAINER.format(end="2024-12-01T00:00+03:00").replace(
        "live: true\n", ""))
    project.write("events/bad.yml", """\
        date: 2024-12-05
        title: Bad
        tags: [offensive]
        claims:
          - text: T
            status: confirmed
            history:
              - at: "2024-12-08T20:00+03:00"
                status: reported
              - at: "2024-12-08T13:00+03:00"
                status: confirmed
        sources:
          - title: S
            sha256: abc
            archived_url: javascript:alert(1)
        retracted:
          at: 2024-12-08
        """)
    result = project.run("generator.cli", "validate")
    assert result.returncode == 1
    out = result.stdout
    assert "content/explainers/rebels.md:6: 'coverage_end' is set but the page is not live; add live: true" in out
    assert "'coverage_end' is before 'published'" in out
    assert "content/events/bad.yml:7: claims[1].history[2] is earlier than history[1]" in out
    assert "claims[1].history[2] has status 'confirmed', the same as the status after it" in out
    assert "content/events/bad.yml:14: sources[1].sha256 is not a SHA256 checksum; 64 hexadecimal digits" in out
    assert "content/events/bad.yml:15: sources[1].archived_url 'javascript:alert(1)' is not a web address" in out
    assert "retracted has no 'reason'" in out and "retracted.at: '2024-12-08' has no time" in out
    assert "Traceback" not in result.stderr


def test_unlinked_sources_are_a_warning_only_when_the_site_asks(project):
    project.event("a", "2024-11-27", "Rebels launch offensive")  # its source has no url
    assert "neither url nor archived_url" not in project.run("generator.cli", "validate").stdout
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - explainers\n", "  - explainers:\n      warn_unlinked_sources: true\n"))
    result = project.run("generator.cli", "validate")
    assert result.returncode == 0  # a warning, not a problem
    assert "content/events/a.yml:1: warning: sources[1] has neither url nor archived_url" in result.stdout
