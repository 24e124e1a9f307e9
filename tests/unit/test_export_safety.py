"""Exports are safe whatever text they are given: CSV cells open as text in a spreadsheet, feeds stay well-formed.

These tests hand the exports text the content checks may refuse (control characters, lone surrogates): the
exports must not rely on those checks (defence in depth), so the model is changed after loading.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from hypothesis import given, strategies as st

from generator.records.content import load_content
from generator.outputs.writing import write_all
from generator.pages.site import Site
from generator.outputs import acled_csv, feeds
from generator.outputs.acled_csv import COLUMNS, escape_text, looks_like_formula, unescape_text
from generator.records.model import Correction

ATOM = "{http://www.w3.org/2005/Atom}"


def runs_as_formula(cell: str) -> bool:
    """What a spreadsheet does with a cell it reads (OWASP's list): a leading ' makes it text; otherwise a first
    = + - @ (spaces, or a quote that opens a quoted cell, skipped) or a first tab or carriage return is a formula."""
    if cell.startswith("'"):
        return False
    return cell[:1] in ("\t", "\r", "\0") or cell.lstrip(" \t\r\n\"")[:1] in ("=", "+", "-", "@")


@pytest.mark.parametrize("text, cell", [
    ("=1+1", "'=1+1"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\rx", "'\rx"),
    ("  =1", "'  =1"),
    ('"=1', "'\"=1"),
    ("'=1", "''=1"),  # already starts with the mark: one more, so the importer can remove exactly one
    ("Reuters; =1", "Reuters;' =1"),  # a spreadsheet splitting on ';' sees ' =1' as a cell
    ("Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham"),
    ("'Hama' district", "'Hama' district"),
    ("Rebels took Hama - the army left", "Rebels took Hama - the army left"),
    ("", ""),
])
def test_escape_text_marks_owasp_formula_starts(text, cell):
    assert escape_text(text) == cell
    assert unescape_text(cell) == text


@given(st.text(alphabet=st.sampled_from("=+-@'\"; \t\rab1"), max_size=12) | st.text(max_size=30))
def test_escaping_is_reversible_and_never_leaves_a_formula(text):
    cell = escape_text(text)
    assert unescape_text(cell) == text
    assert not runs_as_formula(cell) and not looks_like_formula(cell)
    for piece in cell.split(";"):  # as a spreadsheet splitting cells on ';' reads it
        assert not runs_as_formula(piece)


@pytest.fixture
def loaded(project):
    project.write("places.yml", "aleppo:\n  name: Aleppo\n  country: SY\n  lat: 36.2021\n  lon: 37.1343\n"
                                "west:\n  name: Somewhere west\n  country: SY\n  lat: -12.5\n  lon: -45.25\n")
    project.event("strike", "2024-11-28", "Air strike", place="west", actors="[hts, syrian-army]",
                  summary="Strikes hit the town.", fatalities="{best: 3}",
                  corrections='[{at: "2024-11-29T10:00+03:00", text: "An earlier version had the wrong town."}]')
    project.event("advance", "2024-11-27", "Rebels advance", place="aleppo")
    content = load_content(project.content, project.root)
    assert content.problems == []
    return content


def hostile(content, **event_fields):
    """The content with the strike event's fields replaced, bypassing validation."""
    events = dict(content.events)
    events["strike"] = dataclasses.replace(events["strike"], **event_fields)
    return dataclasses.replace(content, events=events)


def test_csv_cells_open_as_text_and_numbers_stay_numbers(loaded):
    content = dataclasses.replace(loaded, actors={
        **loaded.actors, "hts": dataclasses.replace(loaded.actors["hts"], name='=HYPERLINK("http://x.example")')})
    content = hostile(content, summary="@SUM(1+1) and then; -2+3",
                      sources=(dataclasses.replace(loaded.events["strike"].sources[0], publisher="+cmd"),))
    text = acled_csv.to_csv(content, [content.events["strike"], content.events["advance"]])
    rows = list(csv.DictReader(io.StringIO(text)))
    strike = rows[0]
    assert strike["actor1"] == "'=HYPERLINK(\"http://x.example\")"
    assert strike["notes"] == "'@SUM(1+1) and then;' -2+3"
    assert strike["source"] == "'+cmd"
    assert (strike["latitude"], strike["longitude"]) == ("-12.5000", "-45.2500")  # numbers, not text
    assert "-12.5000,-45.2500" in text
    for row in rows:
        for column in COLUMNS:
            if column not in acled_csv.NUMERIC:
                assert not runs_as_formula(row[column]), (column, row[column])
    for line in text.splitlines():  # a spreadsheet whose list separator is ';' splits the lines there
        for cell in next(csv.reader([line], delimiter=";"))[1:]:
            assert not runs_as_formula(cell), cell


def test_csv_of_ordinary_content_is_unchanged(loaded):
    # No cell starts like a formula: the record is byte for byte what csv.DictWriter writes of the row.
    event = loaded.events["advance"]
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n").writerow(acled_csv.row(loaded, event))
    assert acled_csv.line(loaded, event) == buffer.getvalue()


CONTROLS = "".join(chr(c) for c in range(0x20) if c not in (9, 10, 13)) + "\x7f\x85\x9f\ufffe\uffff"


def test_feeds_stay_well_formed_with_characters_xml_cannot_hold(loaded, tmp_path):
    content = hostile(loaded, title=f"Air{CONTROLS}strike", summary="Strikes\x01 hit\x0b the \x02town\x03.",
                      corrections=(Correction(loaded.events["strike"].corrections[0].at, "Wrong\x1b[2J town."),))
    site = Site(content, url="https://news.example.org/")
    written = write_all(site, tmp_path)
    assert "feed.atom" in written
    for path in ("feed.atom", "explainers/rebels/data/feed.atom"):
        data = (tmp_path / path).read_bytes()
        root = ET.fromstring(data)  # raises on anything not well-formed
        titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
        assert "Air\ufffd\ufffdstrike" in titles  # controls removed; U+FFFE/U+FFFF shown as lost characters
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.bozo_exception
        strike = next(e for e in parsed.entries if e.id.endswith("event/strike"))
        assert strike.summary == "<p>Strikes hit the town.</p>"
        correction = next(e for e in parsed.entries if "/correction/" in e.id and "strike" in e.id)
        assert correction.summary == "<p>Wrong[2J town.</p>"
    for path in ("feed.json", "explainers/rebels/data/feed.json"):
        feed = json.loads((tmp_path / path).read_text(encoding="utf-8"))
        assert "Air\ufffd\ufffdstrike" in [item["title"] for item in feed["items"]]
        assert not any(c in (tmp_path / path).read_text(encoding="utf-8") for c in "\x01\x02\x0b\x1b")


def test_feeds_encode_lone_surrogates(loaded):
    content = hostile(loaded, title="Air \ud800 strike", summary="Half \udc80 a pair")
    site = Site(content)
    [explainer] = site.explainers
    atom = feeds.atom(site, [explainer], "explainers/rebels/data/feed.atom").encode("utf-8")
    assert not feedparser.parse(atom).bozo
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(atom).iter(f"{ATOM}entry")]
    assert "Air \ufffd strike" in titles
    feed = json.loads(feeds.json_feed(site, [explainer], "explainers/rebels/data/feed.json").encode("utf-8"))
    assert "<p>Half \ufffd a pair</p>" in [item["content_html"] for item in feed["items"]]


def test_markup_like_text_cannot_break_out_of_the_feeds(loaded):
    title = "A ]]> B </script><script>alert(1)</script> <![CDATA[ C & <entry>"
    content = hostile(loaded, title=title, summary=None)
    site = Site(content, url="https://news.example.org/")
    text = feeds.atom(site, site.explainers, "feed.atom")
    assert "<script>" not in text and "]]>" not in text and "<entry>" not in text.replace("<entry>\n", "")
    parsed = feedparser.parse(text.encode("utf-8"))
    assert not parsed.bozo
    entry = next(e for e in parsed.entries if e.id.endswith("event/strike"))
    assert entry.title == title
    assert entry.summary == "<p>A ]]&gt; B &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;![CDATA[ C " \
                            "&amp; &lt;entry&gt;</p>"  # the HTML readers render shows the text, runs nothing
    feed = json.loads(feeds.json_feed(site, site.explainers, "feed.json"))
    assert title in [item["title"] for item in feed["items"]]
