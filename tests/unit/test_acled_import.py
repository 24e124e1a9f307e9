"""The ACLED importer on CSV files the tests write: quoting, empty fields, non-Latin names, bad rows, re-runs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.content import load_content
from generator.exports.acled_csv import COLUMNS
from generator.importers.acled import HASH_PREFIX, edited_since_import, import_acled

EXISTING_ACTORS = """\
# The desk's actors
syrian-army:
  name: Syrian Arab Army
  kind: state-forces
"""
EXISTING_PLACES = "aleppo:\n  name: Aleppo\n  country: SY\n  lat: 36.2021\n  lon: 37.1343\n"


def acled_row(**values) -> dict:
    row = {column: "" for column in COLUMNS}
    row.update({"event_id_cnty": "SYR1001", "event_date": "2024-12-05", "year": "2024", "time_precision": "1",
                "disorder_type": "Political violence", "event_type": "Battles",
                "sub_event_type": "Non-state actor overtakes territory", "actor1": "Hayat Tahrir al-Sham",
                "inter1": "Rebel group", "actor2": "Syrian Arab Army", "inter2": "State forces",
                "interaction": "Rebel group-State forces", "iso": "760", "region": "Middle East",
                "country": "Syria", "admin1": "Hama", "location": "Hama", "latitude": "35.1318",
                "longitude": "36.7578", "geo_precision": "1", "source": "Reuters; SOHR",
                "notes": 'On 5 December 2024, HTS-led rebels took Hama, saying "the city is liberated", after '
                         "the army withdrew.",
                "fatalities": "12", "timestamp": "1733400000"})
    row.update(values)
    return row


def write_csv(path: Path, rows: list[dict], columns=COLUMNS) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def docs(tmp_path) -> Path:
    docs = tmp_path / "content"
    docs.mkdir()
    (docs / "actors.yml").write_text(EXISTING_ACTORS, encoding="utf-8")
    (docs / "places.yml").write_text(EXISTING_PLACES, encoding="utf-8")
    return docs


def test_import_writes_valid_event_files_and_appends_registries(tmp_path, docs):
    source = write_csv(tmp_path / "acled.csv", [
        acled_row(),
        acled_row(event_id_cnty="SYR1002", event_date="01 December 2024", time_precision="2",
                  event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                  actor1="القوات الجوية الروسية", inter1="External/Other forces", actor2="", inter2="",
                  location="Aleppo", admin1="Aleppo", latitude="36.2021", longitude="37.1343",
                  source="", fatalities="0", notes="Air strikes hit Aleppo, killing, injuring, displacing."),
        acled_row(event_id_cnty="SYR1003", event_date="2024-11-15", time_precision="3", location="",
                  latitude="", longitude="", actor2="", notes="", event_type="Strategic developments",
                  sub_event_type="Other"),
    ])
    report = import_acled(source, docs, tag="hts-offensive-2024")
    assert report.ok, report.problems
    assert report.added == ["syr1001", "syr1002", "syr1003"]
    text = (docs / "events/acled/syr1001.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/event.schema.json\n" + HASH_PREFIX)
    assert not edited_since_import(text)

    content = load_content(docs, tmp_path)
    assert content.problems == []
    hama = content.events["syr1001"]
    assert (hama.type, hama.subtype, hama.place) == ("battle", "non-state-actor-overtakes-territory", "hama")
    assert hama.summary.startswith('On 5 December 2024, HTS-led rebels took Hama, saying "the city is liberated"')
    assert [s.publisher for s in hama.sources] == ["Reuters", "SOHR"]
    assert hama.fatalities.best == 12 and hama.tags == ("hts-offensive-2024",)
    assert "syrian-army" in hama.actors  # matched the existing entry by name, not duplicated
    strike = content.events["syr1002"]
    assert strike.approximate and strike.date.iso() == "2024-12-01" and strike.place == "aleppo"
    assert strike.fatalities is None and strike.sources[0].publisher == "ACLED"
    russian = content.actors[strike.actors[0]]
    assert russian.name == "القوات الجوية الروسية" and russian.kind == "external-forces"
    assert content.events["syr1003"].date.iso() == "2024-11"  # time_precision 3: the month only
    # Registries: new entries appended, the editors' text untouched.
    actors_text = (docs / "actors.yml").read_text(encoding="utf-8")
    assert actors_text.startswith(EXISTING_ACTORS)
    assert (docs / "places.yml").read_text(encoding="utf-8").startswith(EXISTING_PLACES)
    assert "hama" in report.places_added and "aleppo" not in report.places_added


def test_rerun_adds_only_new_rows_and_keeps_edited_files(tmp_path, docs):
    source = write_csv(tmp_path / "acled.csv", [acled_row(), acled_row(event_id_cnty="SYR1002")])
    assert import_acled(source, docs).added == ["syr1001", "syr1002"]
    actors_before = (docs / "actors.yml").read_text(encoding="utf-8")

    edited = docs / "events/acled/syr1001.yml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("title:", "title: Edited", 1), encoding="utf-8")
    write_csv(source, [acled_row(fatalities="20"), acled_row(event_id_cnty="SYR1002", fatalities="30"),
                       acled_row(event_id_cnty="SYR1003")])
    report = import_acled(source, docs)
    assert report.added == ["syr1003"]
    assert report.kept == ["events/acled/syr1001.yml"]  # an editor changed it: not overwritten
    assert report.updated == ["syr1002"]  # unedited: refreshed from the newer row
    assert "Edited" in edited.read_text(encoding="utf-8")
    assert (docs / "actors.yml").read_text(encoding="utf-8") == actors_before  # no duplicate actors
    again = import_acled(source, docs)
    assert again.added == [] and again.updated == [] and sorted(again.unchanged) == ["syr1002", "syr1003"]
    assert len(list((docs / "events/acled").glob("*.yml"))) == 3


def test_an_event_written_by_an_editor_elsewhere_is_not_duplicated(tmp_path, docs):
    (docs / "events/2024").mkdir(parents=True)
    (docs / "events/2024/syr1001.yml").write_text("date: 2024-12-05\ntitle: Mine\nsources: [{title: S}]\n")
    report = import_acled(write_csv(tmp_path / "a.csv", [acled_row()]), docs)
    assert report.existing == ["syr1001"] and not (docs / "events/acled").exists()


def test_malformed_rows_are_reported_with_file_and_line(tmp_path, docs):
    path = tmp_path / "broken.csv"
    write_csv(path, [acled_row(notes="First line\nsecond line, quoted"),  # a quoted field over two lines
                     acled_row(event_id_cnty="SYR1002", event_date="2024-13-45"),
                     acled_row(event_id_cnty="SYR1003", latitude="north"),
                     acled_row(event_id_cnty="SYR1004", country="Atlantis", iso="999")])
    with path.open("a", encoding="utf-8") as out:
        out.write("SYR1005,2024-12-05,too,few\n")
    report = import_acled(path, docs)
    assert report.added == ["syr1001"]
    shown = path.as_posix()
    # file:line for the editor's jump, then the row as a spreadsheet numbers it (row 2 spans lines 2-3)
    assert report.problems[0].startswith(f"{shown}:4: row 3: event_date '2024-13-45' is not a date")
    assert report.problems[1].startswith(f"{shown}:5: row 4: latitude 'north' is not a number")
    assert report.problems[2].startswith(f"{shown}:6: row 5: country 'Atlantis'")
    assert report.problems[3].startswith(f"{shown}:7: row 6: has 4 fields")
    assert "Traceback" not in str(report)


def test_not_an_acled_file(tmp_path, docs):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    report = import_acled(path, docs)
    assert report.problems == [f"{path.as_posix()}:1: not an ACLED export: missing column(s) event_id_cnty, "
                               "event_date, event_type, notes"]
    assert import_acled(tmp_path / "missing.csv", docs).problems[0].endswith("cannot be read: No such file or directory")


def test_filters_by_country_and_dates(tmp_path, docs):
    source = write_csv(tmp_path / "a.csv", [
        acled_row(), acled_row(event_id_cnty="SYR1002", event_date="2024-11-01"),
        acled_row(event_id_cnty="LBN1", country="Lebanon", iso="422", location="Beirut", latitude="33.8938",
                  longitude="35.5018", admin1="Beirut")])
    report = import_acled(source, docs, country="Syria", start="2024-12-01", end="2024-12-31")
    assert report.added == ["syr1001"] and report.filtered == 2
    report = import_acled(source, docs, country="LB")
    assert report.added == ["lbn1"]


def test_impossible_values_are_row_problems_not_crashes(tmp_path, docs):
    path = write_csv(tmp_path / "odd.csv", [
        acled_row(event_id_cnty="SYR2001", event_date="31 February 2024"),
        acled_row(event_id_cnty="SYR2002", fatalities="\u00b2"),
        acled_row(event_id_cnty="SYR2003", timestamp="9" * 30),
    ])
    report = import_acled(path, docs)
    assert report.added == []
    assert [p.split(": ", 2)[2].split(" '")[0] for p in report.problems] == ["event_date", "fatalities", "timestamp"]
