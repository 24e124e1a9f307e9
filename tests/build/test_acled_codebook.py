"""Every row of every ACLED CSV the sample publishes holds values ACLED's codebook allows (issue 24): an outside
researcher's ACLED tools read it as ACLED data. The codebook's tables are written out here, apart from the
exporter's own, so a mistake in one is not repeated in the check."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from generator.format import countries
from generator.outputs.acled_csv import COLUMNS
from generator.outputs.writing import write_all
from generator.engines.mkdocs.project import open_project

REPO = Path(__file__).resolve().parents[2]

# ACLED's event types, their sub-event types and each one's disorder type (the codebook's event categories).
PV, DEM, SD = "Political violence", "Demonstrations", "Strategic developments"
CATEGORIES = {
    "Battles": {"Armed clash": PV, "Government regains territory": PV, "Non-state actor overtakes territory": PV},
    "Explosions/Remote violence": {s: PV for s in ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                                   "Shelling/artillery/missile attack",
                                                   "Remote explosive/landmine/IED", "Grenade")},
    "Violence against civilians": {s: PV for s in ("Sexual violence", "Attack", "Abduction/forced disappearance")},
    "Protests": {"Peaceful protest": DEM, "Protest with intervention": DEM,
                 "Excessive force against protesters": f"{PV}; {DEM}"},
    "Riots": {"Violent demonstration": DEM, "Mob violence": PV},
    "Strategic developments": {s: SD for s in (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory",
        "Other")},
}
ACTOR_TYPES = ("State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
               "Civilians", "External/Other forces")  # inter codes 1-8
REGIONS = {"Antarctica", "Caribbean", "Caucasus and Central Asia", "Central America", "East Asia",
           "Eastern Africa", "Europe", "Middle Africa", "Middle East", "North America", "Northern Africa", "Oceania",
           "South America", "South Asia", "Southeast Asia", "Southern Africa", "Western Africa"}
SCALE = re.compile(r"(Local partner|Subnational|National|Regional|International|New media|Other)"
                   r"(-(Local partner|Subnational|National|Regional|International|New media|Other))*")


def codebook_problems(row: dict) -> list[str]:
    """What in one row ACLED's codebook does not allow."""
    wrong = []

    def need(ok: bool, column: str) -> None:
        if not ok:
            wrong.append(f"{column}={row[column]!r}")

    need(bool(row["event_id_cnty"]), "event_id_cnty")
    need(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["event_date"]) is not None, "event_date")
    need(row["year"] == row["event_date"][:4], "year")
    need(row["time_precision"] in ("1", "2", "3"), "time_precision")
    subtypes = CATEGORIES.get(row["event_type"])
    need(subtypes is not None, "event_type")
    need(subtypes is not None and row["sub_event_type"] in subtypes, "sub_event_type")
    need(subtypes is not None and subtypes.get(row["sub_event_type"]) == row["disorder_type"], "disorder_type")
    need(bool(row["actor1"]), "actor1")
    codes = []
    for side in ("1", "2"):
        named = bool(row[f"actor{side}"])
        need(row[f"inter{side}"] in ACTOR_TYPES if named else row[f"inter{side}"] == "", f"inter{side}")
        need(named or not row[f"assoc_actor_{side}"], f"assoc_actor_{side}")
        if row[f"inter{side}"] in ACTOR_TYPES:
            codes.append(ACTOR_TYPES.index(row[f"inter{side}"]))
    codes.sort()
    expected = (f"{ACTOR_TYPES[codes[0]]} only" if len(codes) == 1 else
                "-".join(ACTOR_TYPES[c] for c in codes))  # the lower code first
    need(row["interaction"] == expected, "interaction")
    need(row["civilian_targeting"] in ("", "Civilian targeting"), "civilian_targeting")
    need(row["iso"].isdigit() and countries.lookup(row["iso"]) == countries.lookup(None, row["country"]), "iso")
    need(row["region"] in REGIONS and countries.region(countries.lookup(None, row["country"]) or "") == row["region"],
         "region")
    need(bool(row["location"]), "location")
    for column, limit in (("latitude", 90), ("longitude", 180)):
        need(re.fullmatch(r"-?\d{1,3}\.\d{1,4}", row[column]) is not None and abs(float(row[column])) <= limit,
             column)
    need(row["geo_precision"] in ("1", "2", "3"), "geo_precision")
    need(bool(row["source"]), "source")
    need(SCALE.fullmatch(row["source_scale"]) is not None, "source_scale")
    need(bool(row["notes"]), "notes")
    need(row["fatalities"].isdigit(), "fatalities")
    day = datetime.combine(date.fromisoformat(row["event_date"]), datetime.min.time(), timezone.utc) \
        if not wrong or "event_date" not in wrong[0] else None
    need(row["timestamp"].isdigit() and (day is None or int(row["timestamp"]) >= day.timestamp()), "timestamp")
    return wrong


@pytest.fixture(scope="module")
def sample_csvs(tmp_path_factory) -> dict[str, list[dict]]:
    """Every events.csv the sample writes (the same files `mkdocs build` puts in site/), as rows."""
    project = open_project(REPO / "mkdocs.yml")
    content = project.load()
    assert content.problems == []
    out = tmp_path_factory.mktemp("sample-data")
    written = write_all(project.prepare(content).site, out)
    files = [path for path in written if path.endswith(".csv")]
    assert files
    return {path: list(csv.DictReader(io.StringIO((out / path).read_text(encoding="utf-8")))) for path in files}


def test_every_csv_row_of_the_sample_is_valid_acled(sample_csvs):
    problems = {(path, row["event_id_cnty"]): codebook_problems(row)
                for path, rows in sample_csvs.items() for row in rows}
    assert sum(len(rows) for rows in sample_csvs.values()) > 20
    assert {key: wrong for key, wrong in problems.items() if wrong} == {}


def test_the_check_finds_what_issue_24_found(sample_csvs):
    # The mistakes the issue reports, put back into a real row of the sample: each one is caught.
    row = next(iter(sample_csvs.values()))[0]
    assert codebook_problems(row) == []
    cases = {"sub_event_type": "", "event_type": "", "source_scale": "", "geo_precision": "",
             "interaction": "External/Other forces-State forces", "timestamp": "0", "civilian_targeting": "Yes"}
    for column, value in cases.items():
        assert any(w.startswith(column) for w in codebook_problems({**row, column: value})), column
    assert list(row) == list(COLUMNS)
