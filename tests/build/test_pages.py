"""Generated pages of a real build: actors, places, tags, the archive and the embeds, and the links to them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def story(project):
    project.event("offensive-begins", "2024-11-27", "Offensive begins", key="true", actors="[hts, syrian-army]",
                  place="aleppo", type="battle")
    project.event("hama-falls", "2024-12-05", "Hama falls", place="hama", actors="[hts]")
    project.event("unrelated", "2024-11-28", "Something else", tags="[elsewhere]", place="hama")
    project.build()
    return project


def nav_of(html: str) -> str:
    return html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]


def test_actor_and_place_pages_list_events_with_links_into_the_timelines(story):
    hts = story.html("actors/hts")
    assert '<h1 class="ce-headline">Hayat Tahrir al-Sham <bdi class="ce-native">هيئة تحرير الشام</bdi></h1>' in hts
    assert 'href="../../explainers/rebels/#event-offensive-begins"' in hts
    assert 'href="../../explainers/rebels/#event-hama-falls"' in hts
    assert hts.index("Offensive begins") < hts.index("Hama falls")  # chronological
    hama = story.html("places/hama")
    assert 'href="../../explainers/rebels/#event-hama-falls"' in hama
    # An event no explainer shows links to its line in the archive.
    assert 'href="../../archive/#event-unrelated"' in hama
    assert story.html("actors/syrian-army").count('class="ce-entry"') == 1
    assert (story.site / "places/aleppo/index.html").exists()


def test_archive_and_tag_pages(story):
    archive = story.html("archive")
    for ident in ("offensive-begins", "unrelated", "hama-falls"):
        assert f'id="event-{ident}"' in archive
    assert archive.index('id="event-offensive-begins"') < archive.index('id="event-unrelated"') \
        < archive.index('id="event-hama-falls"')
    assert 'href="../explainers/rebels/#event-hama-falls"' in archive
    offensive = story.html("tags/offensive")
    assert "Offensive begins" in offensive and "Something else" not in offensive
    assert "Something else" in story.html("tags/elsewhere")


def test_generated_pages_stay_out_of_the_navigation(story):
    nav = nav_of(story.html("explainers/rebels"))
    assert "archive/" in nav
    assert "actors/" not in nav and "places/" not in nav and "tags/" not in nav and "embed/" not in nav


def test_events_link_to_their_actor_and_place_pages(story):
    page = story.html("explainers/rebels")
    event = page.split('id="event-offensive-begins"', 1)[1].split("</article>", 1)[0]
    assert '<a class="ce-entity-link" href="../../places/aleppo/">Aleppo <bdi class="ce-native">حلب</bdi></a>' in event
    assert '<a class="ce-entity-link" href="../../actors/hts/">' in event
    assert '<a class="ce-entity-link" href="../../actors/syrian-army/">Syrian Arab Army</a>' in event
    assert 'data-place="aleppo" data-actors="hts syrian-army"' in event  # the data-* attributes stay


def test_embed_page_is_the_timeline_alone(story):
    embed = story.html("embed/rebels")
    assert embed.startswith("<!doctype html>")
    assert "md-header" not in embed and "md-sidebar" not in embed  # no site chrome
    assert '<link rel="stylesheet" href="../../assets/explainers.css">' in embed
    assert 'id="event-offensive-begins"' in embed and 'id="event-unrelated"' not in embed
    assert 'href="../../explainers/rebels/"' in embed  # back to the full story
    page = story.html("explainers/rebels")
    assert 'id="data"' in page
    assert "&lt;iframe src=&#34;../../embed/rebels/&#34;" in page  # copy-ready snippet, shown as text
    assert 'href="../../explainers/rebels/data/events.csv"' in page


def test_an_editors_page_at_a_generated_path_wins(project):
    project.event("offensive-begins", "2024-11-27", "Offensive begins", actors="[hts]")
    project.write("actors/hts.md", "---\ntitle: HTS\n---\n\n# Our own HTS page\n")
    project.build()
    assert "Our own HTS page" in project.html("actors/hts")


def test_sample_site_builds_strict_without_warnings(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    site = tmp_path / "site"
    for path in ("actors/hts/index.html", "places/aleppo/index.html", "archive/index.html", "feed.atom",
                 "embed/fall-of-aleppo-and-hama/index.html", "tags/hts-offensive-2024/index.html",
                 "explainers/fall-of-aleppo-and-hama/data/events.csv"):
        assert (site / path).exists(), path
