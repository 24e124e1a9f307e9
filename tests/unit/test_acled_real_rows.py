"""The ACLED importer on real ACLED rows (tests/fixtures/acled/, see its README), imported into the sample's own
registries: nothing merged silently, nothing of ACLED's lost, and the CSV export gives the rows back."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml

from generator.records.content import load_content
from generator.outputs import acled_csv
from generator.outputs.geojson import feature
from generator.pages.prepare import prepare
from generator.importers.acled import ACLED_DATA_URL, import_acled

ROOT = Path(__file__).resolve().parents[2]
ROWS = ROOT / "tests/fixtures/acled/acled-2022-rows.csv"
HEADER = ROWS.read_text(encoding="utf-8").split("\n", 1)[0].split(",")


def real_rows() -> list[dict]:
    return list(csv.DictReader(io.StringIO(ROWS.read_text(encoding="utf-8"))))


def write_rows(path: Path, rows: list[dict]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def sample(tmp_path) -> Path:
    """The sample's registries (actors, places in English and Arabic; tags), without its pages and events."""
    docs = tmp_path / "content"
    docs.mkdir()
    for name in ("actors.yml", "places.yml", "tags.yml"):
        shutil.copy(ROOT / "content" / name, docs / name)
    return docs


@pytest.fixture
def empty(tmp_path) -> Path:
    docs = tmp_path / "empty"
    docs.mkdir()
    return docs


def loaded(docs: Path):
    content = load_content(docs, docs.parent)
    assert content.problems == []
    return content


def test_namesakes_in_other_provinces_are_different_places(empty):
    report = import_acled(ROWS, empty)
    content = loaded(empty)
    rows = {row["event_id_cnty"]: row for row in real_rows()}
    for ident in ("MMR35281", "MMR28186", "TUR25894", "TUR25476"):
        place = content.places[content.events[ident.lower()].place]
        assert (place.lat, place.lon) == (float(rows[ident]["latitude"]), float(rows[ident]["longitude"])), ident
        assert (place.admin1, place.admin2) == (rows[ident]["admin1"], rows[ident]["admin2"])
    # the second of each name is told apart by its area, in its id
    assert content.events["mmr28186"].place == "myo-haung-kawkareik"
    assert content.events["tur25476"].place == "yenisehir-diyarbakir"
    assert "Myo Haung, Yenisehir" in "\n".join(report.notes)


def test_names_written_in_two_languages_match_and_nothing_is_numbered(sample):
    report = import_acled(ROWS, sample)
    content = loaded(sample)
    # "Protesters (Syria)" is the English name of the sample's syrian-protesters ({en: ..., ar: ...})
    assert content.events["syr100339"].actors == ("syrian-protesters",)
    assert content.events["syr102635"].place == "homs"  # Homs, within geo_precision 2 of the sample's
    assert not [i for i in report.actors_added + report.places_added if i.rsplit("-", 1)[-1].isdigit()
                and i.rsplit("-", 1)[0] in content.places.keys() | content.actors.keys()]


def test_a_near_miss_waits_for_the_editor(sample, tmp_path):
    report = import_acled(ROWS, sample)
    assert report.refused == {"a place that looks like one of the site's (near miss)": report.problems}
    assert [p.split(": ", 2)[1] for p in report.problems] == ["row 2", "row 3"]  # the two Dar'a rows
    assert "looks like 'daraa' (Daraa)" in report.problems[0] and "--map FILE" in report.problems[0]
    assert "dar-a" not in loaded(sample).places and "syr101354" not in loaded(sample).events
    assert "refused, a place that looks like one of the site's (near miss): 2 row(s)" in str(report)

    mapping = tmp_path / "answers.yml"
    mapping.write_text("places:\n  \"Dar'a\": daraa\n", encoding="utf-8")
    again = import_acled(ROWS, sample, mapping=mapping)
    assert again.ok and again.added == ["syr101354", "syr98584"] and again.review == []
    assert loaded(sample).events["syr98584"].place == "daraa"


def test_accepted_near_misses_are_listed_for_review_and_new_keeps_them_apart(sample, tmp_path):
    report = import_acled(ROWS, sample, accept_near_misses=True)
    assert report.ok and report.review == ["row 2: place 'Dar'a' taken as 'daraa' (Daraa)",
                                           "row 3: place 'Dar'a' taken as 'daraa' (Daraa)"]
    assert "2 merged for review" in str(report)
    other = tmp_path / "other"
    shutil.copytree(sample.parent / "content", other, ignore=shutil.ignore_patterns("events"))
    (other / "actors.yml").write_bytes((ROOT / "content/actors.yml").read_bytes())
    (other / "places.yml").write_bytes((ROOT / "content/places.yml").read_bytes())
    mapping = tmp_path / "answers.yml"
    mapping.write_text("places:\n  \"Dar'a\": new\n", encoding="utf-8")
    assert import_acled(ROWS, other, mapping=mapping).ok
    assert load_content(other, tmp_path).events["syr101354"].place == "dar-a"


def test_geo_precision_is_kept_per_event(empty):
    import_acled(ROWS, empty, accept_near_misses=True)
    events = loaded(empty).events
    # one place, Kadugli, given at precision 1 by one row and 2 by another; Dar'a at 2 and 3
    assert events["sud17399"].place == events["sud17509"].place == "kadugli"
    assert (events["sud17399"].acled.geo_precision, events["sud17509"].acled.geo_precision) == (1, 2)
    assert events["syr101354"].place == events["syr98584"].place
    assert (events["syr101354"].acled.geo_precision, events["syr98584"].acled.geo_precision) == (2, 3)
    assert loaded(empty).places["aroma"].precision == 2  # a new place takes its first row's


def test_the_geojson_places_each_event_as_precisely_as_its_row_says(empty):
    import_acled(ROWS, empty, accept_near_misses=True)
    content = loaded(empty)
    site = prepare(content, {"site_url": "https://example.org/"}, [], {}).site
    kadugli = content.places["kadugli"]
    assert kadugli.precision == 1
    # the same town: one row placed its event in the town, the other only near it
    assert [feature(site, content.events[e])["properties"]["precision"] for e in ("sud17399", "sud17509")] == [1, 2]


def test_acled_timestamp_is_provenance_not_an_update(empty):
    import_acled(ROWS, empty)
    event = loaded(empty).events["sud17003"]
    row = next(row for row in real_rows() if row["event_id_cnty"] == "SUD17003")
    assert event.updated is None  # no "Changes to this page" entry, no data-changed on the card
    stamp = datetime.fromtimestamp(int(row["timestamp"]), timezone.utc)
    assert event.acled.timestamp.instant() == stamp


def test_who_did_what_to_whom(empty):
    report = import_acled(ROWS, empty)
    content = loaded(empty)
    clash = content.events["sud16891"].acled  # the same militia on both sides
    assert clash.actor1 == clash.actor2 == "unidentified-clan-militia-sudan"
    assert (clash.inter1, clash.inter2) == ("identity-militia", "identity-militia")
    russia = content.events["ukr60537"].acled
    assert (russia.actor1, russia.inter1) == ("military-forces-of-russia-2000", "external-forces")
    assert (russia.actor2, russia.inter2) == ("military-forces-of-ukraine-2019", "state-forces")
    singa = content.events["sud17119"].acled
    assert singa.assoc_actor_1 == ("resistance-committees-sudan", "lawyers-sudan")
    # associated actors have no inter code: not their main actor's kind (protesters), but their own
    assert content.actors["lawyers-sudan"].kind == "organization"
    assert content.actors["military-forces-of-syria-2000-8th-brigade"].kind == "state-forces"
    # ACLED types Russia's army 8 in Ukraine and Syria, 1 in Russia: reported; each event keeps its own
    assert content.events["rus8195"].acled.inter2 == "state-forces"
    assert any("military-forces-of-russia-2000" in note and "state-forces in row 9" in note for note in report.notes)


def test_dates_as_excel_and_r_write_them_and_the_country_filter_first(empty, tmp_path):
    rows = real_rows()
    excel, r = [], []
    for row in rows:
        day = date.fromisoformat(row["event_date"])
        excel.append({**row, "event_date": f"{day.day}-{day.strftime('%b')}-{day.strftime('%y')}"})
        # R writes date-times, and NA in every empty cell
        r.append({**{k: v or "NA" for k, v in row.items()}, "event_date": f"{day.isoformat()}T00:00:00Z"})
    excel[5]["event_date"] = "not a date"  # a row of Syria: left out by --country before its date is read
    for rows_written, name in ((excel, "excel.csv"), (r, "r.csv")):
        report = import_acled(write_rows(tmp_path / name, rows_written), empty, country="Sudan")
        assert report.ok, report.problems
        assert report.filtered == len(rows) - 5
    events = loaded(empty).events
    assert events["sud17003"].date.iso() == rows[10]["event_date"] == "2022-04-05"
    assert events["sud17003"].acled.actor2 is None and events["sud17003"].acled.tags is None  # not an actor "NA"


def test_every_country_acled_covers_imports(empty):
    report = import_acled(ROWS, empty)
    assert report.ok, report.problems
    content = loaded(empty)
    countries = {content.places[e.place].country for e in content.events.values()}
    assert {"MM", "SS", "MX", "IN", "BR", "CO", "SY", "SD", "TR", "UA", "RU"} <= countries


def test_drafts_an_editor_can_finish(empty):
    import_acled(ROWS, empty)
    events = loaded(empty).events
    assert events["tur25262"].title.startswith("Turkish Gendarmerie forces launched a ground operation")
    assert events["col9978"].title.startswith("In the rural area of Guapi municipality (Cauca)")
    for event in events.values():
        assert "[size=" not in (event.summary or "") and not event.title.startswith("On ")
        assert len(event.title) <= 120 and event.title.count("(") == event.title.count(")"), event.title
        assert all(s.url == ACLED_DATA_URL and s.title != s.publisher and "via ACLED" in s.title
                   for s in event.sources)
    assert events["sud17003"].acled.annotations == "[size=no report]"
    assert (events["sud17003"].fatalities.best, events["sud17003"].fatalities.by) == (0, "ACLED")
    assert [s.publisher for s in events["sud16891"].sources] == ["Radio Dabanga"]


def test_import_then_export_gives_acled_rows_back(empty):
    import_acled(ROWS, empty)
    content = loaded(empty)
    names = dict(enumerate(["", *acled_csv.INTER.values()]))
    for row in real_rows():
        out = acled_csv.row(content, content.events[row["event_id_cnty"].lower()])
        for column in HEADER:
            want, got = row[column], str(out[column])
            if column in ("inter1", "inter2"):  # older files write ACLED's codes, the export today's names
                want = names[int(want)]
            elif column == "interaction":
                codes = sorted(int(c) for c in want if c != "0")
                want = (f"{names[codes[0]]} only" if len(codes) == 1 else f"{names[codes[0]]}-{names[codes[1]]}")
            elif column in ("latitude", "longitude"):
                want, got = float(want), float(got)
            elif column == "disorder_type":
                want = want.replace("Demostrations", "Demonstrations")  # ACLED's 2022 misspelling
            assert got == want, (row["event_id_cnty"], column)


def test_tag_must_be_in_tags_yml_and_a_dry_run_writes_nothing(sample):
    before = {p.name: p.read_bytes() for p in sample.iterdir()}
    report = import_acled(ROWS, sample, tag="sudan-2023")
    assert not report.ok and report.problems[0].startswith("--tag 'sudan-2023' is not in ")
    dry = import_acled(ROWS, sample, tag="aleppo", dry_run=True, accept_near_misses=True)
    assert dry.ok and len(dry.added) == 24 and "dry run: nothing was written" in str(dry)
    assert {p.name: p.read_bytes() for p in sample.iterdir()} == before


def test_rows_that_would_not_validate_are_refused_with_their_row(empty, tmp_path):
    rows = real_rows()[:4]
    rows[0]["location"] = "Dar'a\nTown"
    rows[1]["actor1"] = "Military\tForces"
    rows[2]["notes"] = "word " * 5000
    rows[3]["fatalities"] = "9" * 5000
    report = import_acled(write_rows(tmp_path / "bad.csv", rows), empty)
    assert report.added == []
    assert [p.split(": ")[1] for p in report.problems] == ["row 2", "row 3", "row 4", "row 5"]
    assert report.problems[0].endswith("row 2: place 'Dar'a\\x0aTown' would not pass `explainers validate`: "
                                       "name must be one line; shorten it or move detail to the summary; correct "
                                       "the cell")
    assert "would not pass `explainers validate`" in report.problems[1]
    assert "summary is 24,999 characters long; at most 20,000 are allowed" in report.problems[2]
    assert "fatalities has 5,000 digits" in report.problems[3]
    assert not (empty / "actors.yml").exists() and not (empty / "places.yml").exists()


@pytest.mark.parametrize("cell", ["\uff1dcmd|' /C calc'!A0", "\ufe66SUM(1)", "\u200b=SUM(1)", "\ufeff@SUM(1)"])
def test_formula_look_alikes_are_refused(empty, tmp_path, cell):
    rows = real_rows()[:1]
    rows[0]["actor1"] = cell
    report = import_acled(write_rows(tmp_path / "f.csv", rows), empty)
    assert report.added == [] and "so a spreadsheet would run" in report.problems[0]
    assert yaml.safe_load((empty / "actors.yml").read_text()) if (empty / "actors.yml").exists() else True


@pytest.mark.parametrize("text", ["\uff1d1+1", "\ufe66SUM(A1)", "\u200b=SUM(1)", "\u2060+1", "\ufeff@A1", "\uff20A1"])
def test_formula_look_alikes_are_marked_as_text_in_the_csv(text):
    # LibreOffice and Excel fold these into = + @ (or skip the invisible character) and run the cell
    escaped = acled_csv.escape_text(text)
    assert escaped == "'" + text and acled_csv.unescape_text(escaped) == text
    assert acled_csv.escape_text("Reuters; \uff1d1") == "Reuters;' \uff1d1"


def test_numbered_places_are_not_near_misses(sample, tmp_path):
    with (sample / "places.yml").open("a", encoding="utf-8") as places:
        places.write("camp-1:\n  name: Camp 1\n  country: SD\n  lat: 11.0142\n  lon: 29.7294\n")
    rows = [row for row in real_rows() if row["event_id_cnty"] == "SUD17399"]
    rows[0]["location"] = "Camp 2"  # beside the site's Camp 1, one character apart: another camp
    report = import_acled(write_rows(tmp_path / "camps.csv", rows), sample)
    assert report.ok and report.places_added == ["camp-2"]


def test_actors_one_letter_apart_are_other_actors_but_another_spelling_is_asked(sample, tmp_path):
    with (sample / "actors.yml").open("a", encoding="utf-8") as actors:
        actors.write("farmers-iran:\n  name: Farmers (Iran)\n  kind: protesters\n")
    rows = [row for row in real_rows() if row["event_id_cnty"] in ("SUD17399", "SUD17509")]
    rows[0]["actor1"], rows[1]["actor1"] = "Farmers (Iraq)", "Farmers - Iran"
    report = import_acled(write_rows(tmp_path / "farmers.csv", rows), sample)
    assert report.added == ["sud17399"] and "farmers-iraq" in report.actors_added
    assert report.problems[0].split(": ", 2)[2].startswith(
        "actor 'Farmers - Iran' is not in actors.yml but looks like 'farmers-iran' (Farmers (Iran))")


def test_a_town_one_letter_from_another_a_few_kilometres_away_is_not_a_near_miss(sample, tmp_path):
    # ACLED's Muea (CAO5813) and Buea (CAO5823), Fako, Cameroon: 6 km apart
    with (sample / "places.yml").open("a", encoding="utf-8") as places:
        places.write("muea:\n  name: Muea\n  country: CM\n  admin1: Sud-Ouest\n  lat: 4.1749\n  lon: 9.3044\n")
    row = dict(real_rows()[0], event_id_cnty="CAO5823", country="Cameroon", iso="120", admin1="Sud-Ouest",
               admin2="Fako", admin3="Buea", location="Buea", latitude="4.1527", longitude="9.241", geo_precision="1")
    report = import_acled(write_rows(tmp_path / "buea.csv", [row]), sample)
    assert report.ok and report.places_added == ["buea"]
