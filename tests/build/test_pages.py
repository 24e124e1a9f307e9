"""Generated pages of a real build: actors, places, tags, the archive and the embeds, and the links to them."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

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


class _Lines(HTMLParser):
    """The items of a page's event lists (ol.ce-entries): id, text, links and <time>s of each."""

    def __init__(self):
        super().__init__()
        self.items, self.depth, self.item = [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and "ce-entries" in (attrs.get("class") or "").split():
            self.depth += 1
        elif self.depth and tag == "li":
            self.item = {"id": attrs.get("id"), "attrs": attrs, "text": "", "links": [], "times": []}
            self.items.append(self.item)
        elif self.item is not None and tag == "a":
            self.item["links"].append(attrs.get("href"))
        elif self.item is not None and tag == "time":
            self.item["times"].append(attrs.get("datetime"))
        elif self.item is not None:
            self.item.setdefault("other", []).append(tag)

    def handle_endtag(self, tag):
        if tag == "li":
            self.item = None
        elif tag == "ol" and self.depth and self.item is None:
            self.depth -= 1

    def handle_data(self, data):
        if self.item is not None:
            self.item["text"] += data


def lines_of(html: str) -> list[dict]:
    parser = _Lines()
    parser.feed(html)
    return parser.items


def test_actor_place_and_tag_pages_list_one_line_per_event_linking_to_its_card(story):
    hts = story.html("actors/hts")
    assert '<h1 class="ce-headline">Hayat Tahrir al-Sham <bdi class="ce-native">هيئة تحرير الشام</bdi></h1>' in hts
    lines = lines_of(hts)
    # date, headline, one link to the card in the explainer's timeline: nothing more per line
    assert lines == [
        {"id": None, "attrs": {}, "text": "27 November 2024: Offensive begins", "times": ["2024-11-27"],
         "links": ["../../explainers/rebels/#event-offensive-begins"]},
        {"id": None, "attrs": {}, "text": "5 December 2024: Hama falls", "times": ["2024-12-05"],
         "links": ["../../explainers/rebels/#event-hama-falls"]},
    ]
    hama = lines_of(story.html("places/hama"))
    assert [line["text"] for line in hama] == ["28 November 2024: Something else", "5 December 2024: Hama falls"]
    # An event no explainer shows links to its line in the archive's part for its month.
    assert hama[0]["links"] == ["../../archive/2024-11/#event-unrelated"]
    assert len(lines_of(story.html("actors/syrian-army"))) == 1
    assert lines_of(story.html("places/aleppo"))[0]["links"] == ["../../explainers/rebels/#event-offensive-begins"]
    offensive = lines_of(story.html("tags/offensive"))
    assert [line["text"] for line in offensive] == ["27 November 2024: Offensive begins",
                                                    "5 December 2024: Hama falls"]
    assert all(len(line["links"]) == 1 and len(line["times"]) == 1 for line in offensive)
    assert [line["text"] for line in lines_of(story.html("tags/elsewhere"))] == ["28 November 2024: Something else"]


def test_every_line_links_where_site_event_path_says(story):
    from generator.engines.mkdocs.project import open_project

    project = open_project(story.root / "mkdocs.yml")
    site = project.prepare(project.load()).site
    for page in ("actors/hts", "actors/syrian-army", "places/hama", "places/aleppo", "tags/offensive"):
        for line in lines_of(story.html(page)):
            [link] = line["links"]
            event = site.content.events[link.rsplit("#event-", 1)[1]]
            assert link == "../../" + site.event_path(event)


def archive_parts(site: Path) -> dict[str, str]:
    return {p.parent.name: p.read_text(encoding="utf-8") for p in sorted((site / "archive").glob("*/index.html"))}


def test_archive_is_split_by_month_with_an_index_and_links_between_the_parts(story):
    index = story.html("archive")
    assert "(3 events)" in index
    assert '<a href="../archive/2024-11/">November</a> (2)' in index
    assert '<a href="../archive/2024-12/">December</a> (1)' in index
    nav = nav_of(story.html("explainers/rebels"))
    assert "archive/" in nav and "archive/2024-11/" not in nav  # the index is in the navigation, its parts are not
    parts = archive_parts(story.site)
    assert list(parts) == ["2024-11", "2024-12"]
    november, december = parts["2024-11"], parts["2024-12"]
    assert '<h1 class="ce-headline">November 2024</h1>' in november
    assert "<title>All events: November 2024" in november
    assert 'rel="next" href="../../archive/2024-12/"' in november and 'rel="prev"' not in november
    assert 'rel="prev" href="../../archive/2024-11/"' in december and 'rel="next"' not in december
    assert 'href="../../archive/"' in november  # back to the index
    lines = lines_of(november)
    assert [line["id"] for line in lines] == ["event-offensive-begins", "event-unrelated"]  # in order, anchored
    assert lines[0]["links"] == ["../../explainers/rebels/#event-offensive-begins"]
    assert lines[1]["links"] == []  # shown by no explainer: this line is where its address points
    assert lines[1]["text"] == "28 November 2024: Something else"


def test_every_event_is_in_exactly_one_archive_part_and_prev_next_walk_them_all(project):
    for n, date in enumerate(["2011", "2011-03", "2011-03-05", "2016-12", "2024-11-27", "2024-11-30T23:30-05:00",
                              "2024-12-01"]):
        project.event(f"e{n}", date, f"Event {n}", tags="[elsewhere]" if n % 2 else "[offensive]")
    project.build()
    parts = archive_parts(project.site)
    assert list(parts) == ["2011", "2011-03", "2016-12", "2024-11", "2024-12"]
    assert '<h1 class="ce-headline">2011, month not given</h1>' in parts["2011"]
    seen = [line["id"] for html in parts.values() for line in lines_of(html)]
    assert sorted(seen) == sorted(f"event-e{n}" for n in range(7)) and len(seen) == len(set(seen))
    assert [line["id"] for line in lines_of(parts["2024-11"])] == ["event-e4", "event-e5"]  # the date as written
    # previous/next: a chain through every part, in order, each link to a page that exists
    keys = list(parts)
    for n, key in enumerate(keys):
        html = parts[key]
        following = re.search(r'rel="next" href="\.\./\.\./archive/([0-9-]+)/"', html)
        previous = re.search(r'rel="prev" href="\.\./\.\./archive/([0-9-]+)/"', html)
        assert (following.group(1) if following else None) == (keys[n + 1] if n + 1 < len(keys) else None)
        assert (previous.group(1) if previous else None) == (keys[n - 1] if n else None)
    index = project.html("archive")
    for key, html in parts.items():
        assert f'href="../archive/{key}/"' in index
        assert f"({len(lines_of(html))})" in index
    # an event no explainer shows is linked from its place and tag pages to its part
    tag = lines_of(project.html("tags/elsewhere"))
    assert tag[0]["links"] == ["../../archive/2011-03/#event-e1"]


def test_generated_pages_say_what_they_are_made_of(project):
    """GeneratedPage.inputs: equal between two builds exactly when the page would come out the same."""
    from generator.pages.generated import generated_pages
    from generator.engines.mkdocs.project import open_project

    project.event("a", "2024-11-27", "Alpha", actors="[hts]", place="aleppo")
    project.event("b", "2024-11-28", "Bravo", actors="[syrian-army]", summary="First.")
    project.event("c", "2024-11-29", "Charlie", tags="[elsewhere]", actors="[hts]")

    def inputs():
        opened = open_project(project.root / "mkdocs.yml")
        return {uri: page.inputs for uri, page in generated_pages(opened.prepare(opened.load())).items()}

    before = inputs()
    assert before == inputs()  # two builds of the same content
    assert all(page is not None for page in before.values())
    project.event("b", "2024-11-28", "Bravo", actors="[syrian-army]", summary="Second.")  # not on any list line
    after = inputs()
    changed = {uri for uri in before if before[uri] != after[uri]}
    assert changed == {"embed/rebels.md"}  # the card changed; the lines (date, headline, link) did not
    project.event("b", "2024-11-28", "Bravo renamed", actors="[syrian-army]", summary="Second.")
    renamed = inputs()
    changed = {uri for uri in after if after[uri] != renamed[uri]}
    assert changed == {"embed/rebels.md", "actors/syrian-army.md", "tags/offensive.md", "archive/2024-11.md"}
    project.write("explainers/other.md", "---\ntitle: Other\npublished: \"2024-12-06T09:15+05:30\"\nevents:\n  tags: [elsewhere]\n"
                                         "---\n\nLede.\n")
    moved = inputs()  # c's card is now in an explainer: its lines link there
    changed = {uri for uri in renamed if uri in moved and renamed[uri] != moved[uri]}
    assert changed == {"actors/hts.md", "tags/elsewhere.md", "archive/2024-11.md"}


def test_generated_pages_stay_out_of_the_navigation(story):
    nav = nav_of(story.html("explainers/rebels"))
    assert "archive/" in nav
    assert "actors/" not in nav and "places/" not in nav and "tags/" not in nav and "embed/" not in nav


def test_events_link_to_their_actor_and_place_pages(story):
    page = story.html("explainers/rebels")
    event = page.split('id="event-offensive-begins"', 1)[1].split("</article>", 1)[0]
    assert '<a href="../../places/aleppo/">Aleppo <bdi>حلب</bdi></a>' in event
    assert '<a href="../../actors/hts/">Hayat Tahrir al-Sham <bdi>هيئة تحرير الشام</bdi></a>' in event
    assert '<a href="../../actors/syrian-army/">Syrian Arab Army</a>' in event
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


def test_an_editors_page_at_a_generated_path_is_a_problem_not_a_replacement(project):
    project.event("offensive-begins", "2024-11-27", "Offensive begins", actors="[hts]")
    project.write("actors/hts.md", "---\ntitle: HTS\n---\n\n# Our own HTS page\n")
    result = project.mkdocs_build()
    assert result.returncode == 1
    assert "content/actors/hts.md: is where the site puts its own generated page (the actor pages" in result.stderr


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
    # The navigation is headed by the site's name; its first entry, the home page, must not say it again.
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home.split('<nav class="md-nav md-nav--primary"', 1)[1].split('<div class="md-sidebar', 1)[0]
    entries = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", entry)).strip()
               for entry in re.findall(r'<a href="[^"#]*" class="md-nav__link[^"]*">(.*?)</a>', nav, re.DOTALL)]
    assert entries[0] == "Home" and "What We Know So Far" not in entries, entries
    assert "<title>What We Know So Far</title>" in home  # the tab: the site's name alone, not "Home - ..."
    assert '<h1 id="what-we-know-so-far">What We Know So Far' in home  # the page's own heading
    assert "guide/" not in nav  # the editors' guide is not offered to readers (guide_in_nav)


def test_cards_carry_nothing_twice(story):
    """A card is repeated on every timeline and embed that shows it: no attribute that repeats another (the id in
    data-event, the key in data-key), none that nothing reads (data-tags), none empty, no newline between its
    blocks; still a list item holding an <article>, dates in <time datetime>, claims and sources as lists."""
    page = story.html("explainers/rebels")
    cards = re.findall(r'<li class="ce-event[^"]*".*?</article></li>', page, re.DOTALL)
    assert len(cards) == 2
    for card in cards:
        assert "\n" not in card
        assert not re.search(r' data-(event|tags|key)=| data-[a-z]+=""', card)
        assert card.count("<article>") == 1 and re.search(r'<time datetime="[^"]+">', card)
        assert '<ul class="ce-sources" aria-label="Sources"><li>' in card
    offensive = next(c for c in cards if 'id="event-offensive-begins"' in c)
    assert offensive.startswith('<li class="ce-event ce-event--key" id="event-offensive-begins" data-type="battle" '
                                'data-place="aleppo" data-actors="hts syrian-army">')
    hama = next(c for c in cards if 'id="event-hama-falls"' in c)
    assert ' data-type=' not in hama  # no type: no attribute
    # the embed shows the very same cards
    embed = story.html("embed/rebels")
    assert all(card in embed for card in cards)


TAGS = """\
offensive:
  name: Rebel offensive, 2024
  description: The push from Idlib that took **Aleppo**.
elsewhere:
  name: Elsewhere in Syria
"""


def test_tags_yml_names_the_tag_pages_and_the_cards_link_to_them(project):
    project.write("tags.yml", TAGS)
    project.event("offensive-begins", "2024-11-27", "Offensive begins", place="aleppo",
                  tags="[offensive, elsewhere]")
    project.build()
    tag = project.html("tags/offensive")
    assert '<h1 class="ce-headline">Rebel offensive, 2024</h1>' in tag  # the name, not the slug
    assert "<title>Tag: Rebel offensive, 2024 - Test desk</title>" in tag
    assert '<div class="ce-entity__description"><p>The push from Idlib that took <strong>Aleppo</strong>.</p></div>' in tag
    assert [line["text"] for line in lines_of(tag)] == ["27 November 2024: Offensive begins"]
    links = ('<dt>Tags</dt><dd><a href="../../tags/offensive/">Rebel offensive, 2024</a>, '
             '<a href="../../tags/elsewhere/">Elsewhere in Syria</a></dd>')
    for page in (project.html("explainers/rebels"), project.html("embed/rebels")):
        card = page.split('id="event-offensive-begins"', 1)[1].split("</article>", 1)[0]
        assert links in card
    assert not (project.site / "tags.yml").exists()  # a registry is data, not a page


def test_without_tags_yml_a_tag_is_named_by_its_slug(project):
    project.event("offensive-begins", "2024-11-27", "Offensive begins")
    project.build()
    assert '<h1 class="ce-headline">offensive</h1>' in project.html("tags/offensive")
    card = project.html("explainers/rebels").split('id="event-offensive-begins"', 1)[1].split("</article>", 1)[0]
    assert '<dt>Tags</dt><dd><a href="../../tags/offensive/">offensive</a></dd>' in card


def test_with_tags_yml_a_tag_it_lacks_is_a_problem_at_its_line(project, problems_logged):
    """A misspelt tag would quietly leave its event out of the explainer that selects the right spelling."""
    project.write("tags.yml", TAGS)
    project.write("events/a.yml", "date: 2024-11-27\ntitle: Alpha\ntags:\n  - offensive\n  - ofensive\n"
                                  "sources: [{title: Wire}]\n")
    with pytest.raises(Abort):
        project.build()
    expected = "content/events/a.yml:5: tags 'ofensive' is not in content/tags.yml; did you mean 'offensive'?"
    assert f"explainers: {expected}" in problems_logged()
    result = project.run("generator.cli", "validate")  # the command says the same
    assert result.returncode == 1 and expected in result.stdout + result.stderr
    project.write("tags.yml", TAGS + "ofensive:\n  name: Misspelt on purpose\n")
    result = project.run("generator.cli", "validate")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_card_links_to_itself_and_its_claims_have_ids_but_no_link_each(project):
    """Permalinks without a link element per claim: the headline links to its card; each claim has its own id
    (the address works without the script), and what the script reads is not repeated in the markup: no claim
    statuses beside the badges, no tooltip the legend gives, no dir="auto" the stylesheet gives."""
    project.event("offensive-begins", "2024-11-27", "Offensive begins", place="aleppo", actors="[hts]",
                  claims="[{text: Dozens of villages were taken., status: reported, by: hts}, "
                         "{text: The army withdrew., status: disputed}]",
                  sources="[{title: Army statement, publisher: SANA, url: 'https://sana.sy/en/'}, {title: A tally}]")
    project.build()
    for url in ("explainers/rebels", "embed/rebels"):
        page = project.html(url)
        card = re.search(r'<li class="ce-event[^"]*" id="event-offensive-begins".*?</article></li>', page).group(0)
        assert '<h4><a href="#event-offensive-begins">Offensive begins</a></h4>' in card
        assert re.findall(r'<li id="(event-offensive-begins-claim-\d)"><span class="ce-badge ce-badge--(\w+)">',
                          card) == [("event-offensive-begins-claim-1", "reported"),
                                    ("event-offensive-begins-claim-2", "disputed")]
        assert page.count('id="event-offensive-begins-claim-1"') == 1  # an address that leads to one place
        assert "ce-permalink" not in card and "data-statuses" not in card and " title=" not in card
        assert ('<a href="https://sana.sy/en/" rel="noreferrer">Army statement</a>, '
                '<span>SANA</span></li><li><cite>A tally</cite></li>') in card
        assert 'dir="auto"' not in card
        # the legend beside the timeline says what each label means, for the script's tooltips too
        assert re.search(r'<div class="ce-legend">.*ce-badge--disputed">Disputed</span></dt><dd>Contested by '
                         r'another party</dd>', page, re.S)


def test_an_editions_entity_pages_list_only_the_events_it_shows(project):
    """Arabic actor, place and tag pages list the events an Arabic explainer shows (only they have an Arabic card
    to link to), and an entity with none has no Arabic page; every link on the Arabic pages leads somewhere."""
    project.event("offensive-begins", "2024-11-27", "Offensive begins", place="aleppo", actors="[hts]",
                  tags="[offensive, north]")
    project.event("hama-falls", "2024-12-05", "Hama falls", place="hama", actors="[syrian-army]")
    english = (project.content / "explainers/rebels.md").read_text(encoding="utf-8")
    project.write("explainers/rebels-ar.md", english.replace("title: Rebels advance", "title: تقدم الفصائل\nlang: ar")
                  .replace("tags: [offensive]", "tags: [north]"))
    project.build()
    site = project.site
    assert sorted(p.relative_to(site / "ar").parent.as_posix() for p in (site / "ar").rglob("index.html")) == [
        "actors/hts", "places/aleppo", "tags/north", "tags/offensive"]
    assert [line["links"] for line in lines_of(project.html("ar/tags/offensive"))] == [
        ["../../../explainers/rebels-ar/#event-offensive-begins"]]  # hama-falls has no Arabic card
    assert (site / "actors/syrian-army/index.html").exists() and (site / "places/hama/index.html").exists()
    pages = [site / "explainers/rebels-ar/index.html", *(site / "ar").rglob("index.html")]
    for page in pages:
        for href in re.findall(r'href="([^"#:]+/)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve()
            assert (target / "index.html").exists() or target.is_file(), (page, href)
