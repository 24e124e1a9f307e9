"""Real ACLED rows imported into a site and built: cards show who was on which side, place pages name the
country, and the site builds with the imported records as they are."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.importers.acled import import_acled

ROWS = Path(__file__).resolve().parents[2] / "tests/fixtures/acled/acled-2022-rows.csv"


def some_rows(folder: Path, ids: set[str]) -> Path:
    text = ROWS.read_text(encoding="utf-8")
    rows = [row for row in csv.DictReader(io.StringIO(text)) if row["event_id_cnty"] in ids]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = folder / "rows.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_cards_show_the_two_sides_and_place_pages_the_country(project):
    report = import_acled(some_rows(project.root, {"UKR60537", "SUD16891", "SUD17119"}), project.content,
                          tag="offensive")
    assert report.ok, report.problems
    project.build()
    page = project.html("explainers/rebels")
    # Russia's army, then Ukraine's: actor 1 and actor 2, apart
    assert ('>Military Forces of Russia (2000-)</a> – <a href="../../actors/military-forces-of-ukraine-2019/">'
            'Military Forces of Ukraine (2019-)</a></dd>') in page
    # one militia on both sides: shown on each
    assert ('>Unidentified Clan Militia (Sudan)</a> – <a href="../../actors/unidentified-clan-militia-sudan/">'
            'Unidentified Clan Militia (Sudan)</a></dd>') in page
    # a protest: one side, with its associates
    assert ">Protesters (Sudan)</a>, <a" in page and ">Lawyers (Sudan)</a></dd>" in page
    assert '<p class="ce-fatalities">Fatalities: <data value="0">0</data>' in page  # none reported, by ACLED
    place = project.html("places/aroma")
    assert '<p class="ce-entity__facts">Sudan, Kassala' in place  # the country's name, not SD


def test_the_command_reads_a_mapping_file_and_a_dry_run_writes_nothing(project):
    rows = some_rows(project.root, {"SYR101354", "SUD17003"})
    (project.content / "places.yml").write_text(
        "daraa:\n  name: {en: Daraa, ar: درعا}\n  country: SY\n  lat: 32.6189\n  lon: 36.1021\n", encoding="utf-8")
    before = sorted(p.as_posix() for p in project.content.rglob("*"))
    dry = project.run("generator.cli", "import", "acled", str(rows), "--dry-run")
    assert dry.returncode == 1 and "1 would be added" in dry.stdout and "dry run: nothing was written" in dry.stdout
    assert "refused, a place that looks like one of the site's (near miss): 1 row(s)" in dry.stdout
    assert sorted(p.as_posix() for p in project.content.rglob("*")) == before
    (project.root / "answers.yml").write_text("places:\n  \"Dar'a\": daraa\n", encoding="utf-8")
    done = project.run("generator.cli", "import", "acled", str(rows), "--map", "answers.yml")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "place: daraa" in (project.content / "events/acled/syr101354.yml").read_text(encoding="utf-8")
