"""Search: the Pagefind index a real build writes (one record per explainer and per event, in its page's
language, each at an address the site has), the header's search box, and no trace of Material's lunr index."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from generator.engines.pagefind import index as pagefind
from generator.outputs import search
from generator.records.content import load_content
from generator.pages.site import Site
import pytest

from support import REPO, Project, copy_project

ENGLISH_TOO = """\
---
title: Second look
description: The same events, again.
published: "2024-12-07T09:00+00:00"
events:
  tags: [offensive]
---

Another take.
"""

ARABIC = """\
---
lang: ar
title: الجنوب
description: ما جرى في الجنوب.
published: "2024-12-07T09:00+00:00"
events:
  tags: [south]
unknowns:
  - كم عدد القتلى.
---

مقدمة قصيرة عن الجنوب.
"""


def entry(site_dir: Path) -> dict:
    return json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


def fragments(site_dir: Path) -> list[dict]:
    """Every record Pagefind stored (its fragment files: gzip, a "pagefind_dcd" signature, then JSON)."""
    found = []
    for path in sorted((site_dir / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        found.append(json.loads(data[len(b"pagefind_dcd"):]))
    return found


def test_one_record_per_explainer_and_per_event_in_its_pages_language(project):
    project.event("advance", "2024-11-27", "Rebels advance on Aleppo", place="aleppo", actors="[hts]",
                  summary="Fighters crossed the *front line*.",
                  claims='[{text: "The town fell overnight.", by: hts, status: reported}]',
                  sources='[{title: "Wire dispatch", publisher: "Agence Wire", url: "https://wire.example/a"}]')
    project.event("shelling", "2024-11-28", "Shelling of the city")
    project.event("south-clash", "2024-11-29", "Clashes in the south", tags="[south]")
    project.event("unlisted", "2024-11-30", "An event no explainer shows", tags="[elsewhere]")
    project.write("explainers/second.md", ENGLISH_TOO)
    project.write("explainers/south.md", ARABIC)
    project.build()

    languages = entry(project.site)["languages"]
    # English: two explainers; advance and shelling (shown by both: once each); unlisted (the archive's).
    # Arabic: its explainer and the one event only it shows.
    # And a record per actor and place page (test_entity_pages_are_found_by_name): four in English.
    assert {lang: facts["page_count"] for lang, facts in languages.items()} == {"en": 5 + 4, "ar": 2}
    records = [r for r in fragments(project.site) if not r["url"].startswith(("/actors/", "/places/"))]
    urls = sorted(record["url"] for record in records)
    assert urls == sorted([
        "/explainers/rebels/", "/explainers/second/", "/explainers/south/",
        "/explainers/rebels/#event-advance", "/explainers/rebels/#event-shelling",
        "/explainers/south/#event-south-clash", "/archive/2024-11/#event-unlisted",
    ]), urls
    by_url = {record["url"]: record for record in records}
    # An event: what readers search (issue 25): its headline (the title, which Pagefind searches too), summary
    # and claims; not its date, place, actors or sources, nor the headline again in the excerpt's text.
    advance = by_url["/explainers/rebels/#event-advance"]
    assert advance["meta"]["title"] == "Rebels advance on Aleppo"
    assert advance["content"] == "Fighters crossed the front line. The town fell overnight.", advance["content"]
    for text in ("November", "2024", "Aleppo", "حلب", "Hayat Tahrir", "هيئة", "Wire", "wire.example", "Reuters"):
        assert text not in advance["content"], text
    assert "*" not in advance["content"] and "<em>" not in advance["content"]  # Markdown as plain text
    # An event with no summary or claims: its headline is its text (Pagefind drops a record with none).
    assert by_url["/explainers/rebels/#event-shelling"]["content"] == "Shelling of the city"
    rebels = by_url["/explainers/rebels/"]
    assert rebels["meta"]["title"] == "Rebels advance"
    for text in ("What happened in the north.", "The lede paragraph", "How many people"):
        assert text in rebels["content"], text
    south = by_url["/explainers/south/"]
    assert "كم عدد القتلى" in south["content"] and "مقدمة قصيرة" in south["content"]

    # Every record's address is a page of the site, and its #event- fragment an id on that page.
    for url in urls:
        path, _, fragment = url.partition("#")
        page = (project.site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        if fragment:
            assert f'id="{fragment}"' in page, url


def test_editors_text_is_escaped_text_in_the_index(project):
    """The UI inserts excerpts as HTML: markup an editor wrote stays text, and Pagefind's own instructions
    (___PAGEFIND_WEIGHT___ words) are not taken from editors' text."""
    payload = "<img src=x onerror=alert(1)>"
    project.event("hostile", "2024-11-27", "'Title " + payload + "'",
                  summary="'Summary " + payload + " ___PAGEFIND_WEIGHT___0 hidden'")
    project.build()
    (record,) = [r for r in fragments(project.site) if r["url"].endswith("#event-hostile")]
    assert "<img" not in record["content"] and "&lt;img src=x onerror=alert(1)&gt;" in record["content"]
    assert "___PAGEFIND" not in record["content"] and "hidden" in record["content"]
    assert record["meta"]["title"] == "Title " + payload  # a title is text: the UI escapes it


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("sample")
    copy_project(root)
    project = Project(root)
    project.build()
    return project


def test_the_sample_site_has_pagefind_and_no_lunr(sample):
    project, tmp_path = sample, sample.root
    site = project.site
    assert not (site / "search").exists(), "Material's search plugin still writes search/"
    content = load_content(project.content, tmp_path)
    model = Site(content=content)
    expected: dict[str, int] = {}
    for record in search.records(model):
        expected[record.language] = expected.get(record.language, 0) + 1
    assert expected["en"] == (len([x for x in model.explainers if x.lang == "en"]) + len(content.events)
                              + len(content.actors) + len(content.places))  # an English page each
    assert {lang: facts["page_count"] for lang, facts in entry(site)["languages"].items()} == expected
    assert (site / "pagefind" / "pagefind-component-ui.js").is_file()
    assert not list(site.glob(".pagefind-*")), "a staging folder was left in the site"
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "search_index" not in html, page
        assert 'name="search"' not in html, page  # Material's script fetches the lunr index for such a form
        if 'class="md-header' in html:
            assert html.count('id="ce-search"') == 1, page


def test_the_box_takes_the_pages_language_and_loads_the_ui_by_a_relative_path(sample):
    project = sample
    box = re.compile(r'<div class="ce-search" id="ce-search" data-bundle="([^"]*)" hidden([^>]*)>')
    english = box.search(project.html("explainers/fall-of-aleppo-and-hama"))
    assert english.groups() == ("../../pagefind/", "")
    arabic = box.search(project.html("explainers/fall-of-aleppo-and-hama-ar"))
    assert arabic.groups() == ("../../pagefind/", ' lang="ar" dir="rtl"')
    assert '<pagefind-config lang="ar" excerpt-length="10">' in project.html("explainers/fall-of-aleppo-and-hama-ar")
    assert box.search(project.html("")).group(1) == "./pagefind/"
    missing = (project.site / "404.html").read_text(encoding="utf-8")  # served at any depth: site_url's path
    assert box.search(missing).group(1) == "/conflict-explainers/pagefind/"


def test_the_index_names_the_terms_the_box_searches_after_a_pause(tmp_path, monkeypatch):
    """common-terms.json: per language, the 3-5 letter beginnings of words found in more than COMMON_RECORDS
    records (5,000: none on a small site), which the box searches only once the reader pauses."""
    def record(n: int, text: str, lang: str = "en") -> search.Record:
        return search.Record(f"/{lang}/page-{n}/", lang, f"Page {n}", text)

    found = [record(n, f"The forces of &lt;north&gt; number {n}") for n in range(3)]
    found += [record(3, "Forward"), record(4, "نص عربي", "ar")]
    pagefind.write_records(found, tmp_path)
    assert json.loads((tmp_path / "pagefind" / "common-terms.json").read_bytes()) == {"ar": [], "en": []}
    monkeypatch.setattr(search, "COMMON_RECORDS", 2)
    pagefind.write_records(found, tmp_path)
    terms = json.loads((tmp_path / "pagefind" / "common-terms.json").read_bytes())
    assert terms == {"ar": [], "en": ["for", "forc", "force", "nor", "nort", "north", "num", "numb", "numbe", "pag",
                                      "page", "the"]}, terms


def test_write_index_replaces_the_index_in_place(tmp_path):
    def record(n: int, word: str) -> search.Record:
        return search.Record(f"/page-{n}/", "en", f"Page {n}", f"{word} number {n}")

    first = pagefind.write_records([record(n, "alpha") for n in range(3)], tmp_path)
    assert first == {"en": 3}
    before = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    second = pagefind.write_records([record(n, "beta") for n in range(5)] + [
        search.Record("/ar/", "ar", "صفحة", "نص عربي")], tmp_path)
    assert second == {"ar": 1, "en": 5}
    after = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    assert [p for p in tmp_path.iterdir()] == [tmp_path / "pagefind"]  # no staging folder left
    assert before - after, "the first index's files were not removed"
    bundle = tmp_path / "pagefind"
    languages = entry(tmp_path)["languages"]
    for facts in languages.values():  # the entry file names the index files that are there
        assert (bundle / f"pagefind.{facts['hash']}.pf_meta").is_file()
    assert len(list(bundle.glob("*.pf_meta"))) == len(languages)
    assert len(fragments(tmp_path)) == 6


def test_header_override_is_materials_but_for_the_search_box():
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text()
    ours = (REPO / "theme" / "partials" / "header.html").read_text()
    block = re.compile(r'\n    \{% if "material/search" in config\.plugins %\}.*?\n    \{% endif %\}\n', re.DOTALL)
    assert len(block.findall(theirs)) == 1, "Material's header changed: update theme/partials/header.html"
    expected = block.sub('\n    {% include "partials/search.html" %}\n', theirs).split("-#}\n", 1)[1]
    assert ours.split("-#}\n", 1)[1] == expected


def test_an_index_whose_files_are_megabytes_comes_back_whole(tmp_path):
    """Pagefind hands the bundle back in one reply (here megabytes, more than its own client reads at once) and
    the files are written here, complete: none is empty or cut short."""
    import random

    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8)) for _ in range(4000)]
    found = [search.Record(f"/page-{n}/", "en", f"Page {n}", " ".join(rng.choice(words) for _ in range(600)))
             for n in range(400)]
    assert pagefind.write_records(found, tmp_path) == {"en": 400}
    files = [path for path in (tmp_path / "pagefind").rglob("*") if path.is_file()]
    assert sum(path.stat().st_size for path in files) > 2 * 2 ** 20  # base64 twice over: a reply of 3.5 MiB
    assert all(path.stat().st_size > 0 for path in files)
    stored = fragments(tmp_path)  # each one decompresses and parses
    assert sorted(record["url"] for record in stored) == sorted(record.url for record in found)


def test_entity_pages_are_found_by_name(project):
    """An event's record leaves out the names of its places and actors (they were in thousands of records): a
    reader who types a name finds the place's or actor's page, which lists its events, in each language it has
    a page in."""
    project.event("advance", "2024-11-27", "Rebels advance", place="aleppo", actors="[hts]")
    project.event("south-clash", "2024-11-29", "Clashes in the south", tags="[south]", place="hama")
    project.write("explainers/south.md", ARABIC)
    project.build()
    by_url = {record["url"]: record for record in fragments(project.site)}
    aleppo, hts = by_url["/places/aleppo/"], by_url["/actors/hts/"]
    assert aleppo["meta"]["title"] == "Aleppo" and "حلب" in aleppo["content"]
    assert hts["meta"]["title"] == "Hayat Tahrir al-Sham" and "هيئة تحرير الشام" in hts["content"]
    assert {"/places/hama/", "/actors/syrian-army/"} <= set(by_url)  # every entity has an English page
    # In Arabic, only the entities the Arabic explainer's events name have a page (generated.py), so a record
    assert "/ar/places/hama/" in by_url and (project.site / "ar/places/hama/index.html").is_file()
    assert "/ar/places/aleppo/" not in by_url and not (project.site / "ar/places/aleppo").exists()
    assert entry(project.site)["languages"]["ar"]["page_count"] == 3  # the explainer, its event, Hama's page
    for url in by_url:  # no record without its page
        assert (project.site / url.strip("/").split("#")[0] / "index.html").is_file() or "#" in url, url
