"""What editors meet first: the records `explainers new` writes, the messages `explainers validate` gives for
them, warnings that do not stop a build, and the JSON Schema a fresh clone offers VS Code."""

import json
import shutil
import subprocess
import sys
from datetime import date

import pytest

from support import REPO
from generator.cli import write_schemas
from generator.records.content import all_warnings, load_content
from generator.format.jsonschema import schema_comment
from generator.engines.mkdocs.project import open_project


def explainers(project, *args: str) -> subprocess.CompletedProcess:
    return project.run("generator.cli", *args)


def line_of(text: str, start: str) -> int:
    """The 1-based line of the file that starts with `start`: the test follows the skeleton's layout."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(start))


# explainers new event --------------------------------------------------------------------------------------

def test_a_new_event_without_a_date_is_not_taken_for_a_real_one(project):
    result = explainers(project, "new", "event", "hama-falls")
    assert result.returncode == 0, result.stderr
    path = project.content / "events/hama-falls.yml"
    text = path.read_text()
    assert "Rebels launch offensive on Aleppo" not in text and "2024-11-27" not in text  # the schema's examples
    project.event("a", "2024-11-27", "Alpha")  # the fixture's explainer selects its tag
    check = explainers(project, "validate")
    assert check.returncode == 1
    where = "content/events/hama-falls.yml"
    assert check.stdout.splitlines() == [
        f"{where}:{line_of(text, 'date:')}: date is empty; fill it in: When it happened: YYYY, YYYY-MM, YYYY-MM-DD "
        "or a date-time with offset.",
        f"{where}:{line_of(text, 'title:')}: title is empty; fill it in: One-line headline of the event.",
        f"{where}:{line_of(text, '- title:')}: sources[1].title is empty; fill it in: Headline or name of the source "
        "document.",
        f"{where}:{line_of(text, 'publisher:')}: sources[1].publisher is empty; fill it in or delete the line: Who "
        "published it.",
        "4 problem(s) in 1 file(s)",
    ]


@pytest.mark.parametrize("ident, written, date_line", [
    ("2024-12-05-hama-falls", "events/2024/2024-12-05-hama-falls.yml", 'date: "2024-12-05"'),
    ("2011-03-protests-begin", "events/2011/2011-03-protests-begin.yml", 'date: "2011-03"'),
    ("1000-killed-in-raid", "events/1000-killed-in-raid.yml", 'date: ""'),  # a number, not a year
    ("2024-13-05-typo", "events/2024-13-05-typo.yml", 'date: ""'),  # no such month: not guessed
])
def test_a_new_event_takes_its_date_from_an_id_that_starts_with_one(project, ident, written, date_line):
    result = explainers(project, "new", "event", ident)
    assert result.returncode == 0, result.stderr
    lines = (project.content / written).read_text().splitlines()
    assert lines[1].startswith(f"{date_line}  # When it happened"), lines[1]
    taken = date_line.split('"')[1]
    assert (f"date {taken} taken from the id" in result.stdout) == bool(taken)


def test_a_given_date_wins_over_the_one_in_the_id(project):
    assert explainers(project, "new", "event", "2024-12-05-hama-falls", "--date", "2024-12-06").returncode == 0
    assert 'date: "2024-12-06"' in (project.content / "events/2024/2024-12-05-hama-falls.yml").read_text()


# explainers new explainer ----------------------------------------------------------------------------------

def test_a_new_explainer_must_say_which_events_it_shows_and_its_marker_sits_between_paragraphs(project):
    project.event("a", "2024-11-27", "Alpha", key="true")
    result = explainers(project, "new", "explainer", "hama")
    assert result.returncode == 0, result.stderr
    path = project.content / "explainers/hama.md"
    text = path.read_text()
    body = text.split("\n---\n", 1)[1]
    assert "\n\n<!-- what-we-know-so-far -->\n\n" in body
    check = explainers(project, "validate")
    assert check.returncode == 1
    assert check.stdout.splitlines() == [
        f"content/explainers/hama.md:{line_of(text, 'title:')}: title is empty; fill it in: Headline.",
        f"content/explainers/hama.md:{line_of(text, 'tags:')}: events is empty, so it would show every event, "
        "background included; say which events it shows, e.g. tags: [offensive]",
        "2 problem(s) in 1 file(s)",
    ]
    path.write_text(text.replace('title: ""', "title: Hama").replace("tags: []", "tags: [offensive]"))
    assert explainers(project, "validate").returncode == 0
    project.build()
    page = project.html("explainers/hama")
    lede = page.index("<p>The lede: one paragraph saying what happened.</p>")
    assert lede < page.index('id="what-we-know-so-far"') < page.index("<p>The story goes on here.")


def test_an_empty_timeline_block_is_a_problem_too(project):
    project.event("a", "2024-11-27", "Alpha")
    project.write("explainers/rebels.md", "---\ntitle: T\npublished: \"2024-12-06T09:15+05:30\"\nevents:\n"
                  "  tags: [offensive]\n---\n\nLede.\n\n```timeline\n{}\n```\n")
    assert [str(p) for p in load_content(project.content, project.root).problems] == [
        "content/explainers/rebels.md:11: timeline block is empty, so it would show every event, background "
        "included; say which events it shows, e.g. tags: [offensive]"]


# validate: one message for an emptied registry --------------------------------------------------------------

@pytest.mark.parametrize("emptied", ["", "# all gone\n", None], ids=["empty", "comments only", "deleted"])
def test_an_emptied_registry_is_one_message_not_one_per_event(project, emptied):
    for n in range(5):
        project.event(f"e{n}", "2024-11-27", f"Event {n}", actors="[hts, syrian-army]", place="hama",
                      claims="[{text: Said, by: hts, status: reported}]")
    actors = project.content / "actors.yml"
    actors.unlink() if emptied is None else actors.write_text(emptied)
    result = explainers(project, "validate")
    assert result.returncode == 1
    state = "is missing" if emptied is None else "holds no entries"
    assert result.stdout.splitlines() == [
        f"content/actors.yml: {state}, but 5 event(s) name actors from it (the first: content/events/e0.yml); "
        "restore its entries (was it emptied or deleted by mistake?), or remove the ids from the events",
        "1 problem(s) in 1 file(s)",
    ]


# warnings -------------------------------------------------------------------------------------------------

def test_warnings_are_listed_but_validate_and_a_strict_build_pass(project):
    project.event("ahead", "2999-01-01", "Dated a thousand years ahead")
    project.event("unshown", "2024-11-28", "Tagged for no explainer", tags="[later]")
    result = explainers(project, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "content/events/ahead.yml:1: warning: date 2999-01-01 is in the future; check the year and the month; "
        "a record says what has happened",
        "content/events/unshown.yml:1: warning: no explainer shows this event; give it what an explainer selects "
        "(tags: offensive), or leave it for a later explainer",
        "OK: 2 events, 2 actors, 2 places, 1 explainers; 2 warning(s)",
    ]
    github = explainers(project, "validate", "--format", "github")
    assert github.returncode == 0
    assert github.stdout.splitlines()[0] == (
        "::warning file=content/events/ahead.yml,line=1,title=content warning::date 2999-01-01 is in the future; "
        "check the year and the month; a record says what has happened")
    listed = json.loads(explainers(project, "validate", "--format", "json").stdout)
    assert [(w["path"], w["severity"]) for w in listed] == [("content/events/ahead.yml", "warning"),
                                                            ("content/events/unshown.yml", "warning")]
    # CI builds with --strict, where a logged warning fails the build: the build says the date at INFO, and the
    # unshown event (worked out over the whole site, too slow for every rebuild) is validate's alone.
    build = project.mkdocs_build("--strict")
    assert build.returncode == 0, build.stderr
    assert "INFO    -  explainers: content/events/ahead.yml:1: warning: date 2999-01-01 is in the future" in build.stderr
    assert "WARNING" not in build.stderr and "no explainer shows" not in build.stderr


def test_only_dates_after_today_are_warned_about_and_selector_bounds_never(project):
    project.event("a", "2024-12-05T23:30-05:00", "Late in the day, in its own offset",
                  sources="[{title: S, published: 2024-12-07}]")
    project.write("explainers/rebels.md", "---\ntitle: T\npublished: \"2024-12-06T09:15+05:30\"\nevents:\n"
                  "  tags: [offensive]\n  to: \"2999\"\n---\n\nLede.\n")

    def warned(today):
        return [str(w) for w in load_content(project.content, project.root, today=today).warnings]

    assert warned(date(2024, 12, 7)) == []
    # A day's grace: on the 4th it is already the 5th somewhere, so the event's date is not called ahead.
    assert warned(date(2024, 12, 4)) == [
        "content/events/a.yml:3: warning: sources[1].published 2024-12-07 is in the future; check the year and the "
        "month; a record says what has happened",
        "content/explainers/rebels.md:3: warning: published 2024-12-06T09:15+05:30 is in the future; check the "
        "year and the month; a record says what has happened"]


def test_events_are_not_called_unshown_while_a_page_has_problems(project):
    project.event("a", "2024-11-27", "Alpha", tags="[elsewhere]")
    project.write("explainers/rebels.md", "---\ntitle: T\npublished: nope\nevents: {tags: [elsewhere]}\n---\n")
    content = load_content(project.content, project.root)
    assert content.problems and all_warnings(content) == []
    project.write("explainers/rebels.md", "---\ntitle: T\npublished: \"2024-12-06T09:15+05:30\"\nevents: {tags: [x]}\n"
                  "---\n")
    project.event("b", "2024-11-27", "Beta", tags="[x]")
    content = load_content(project.content, project.root)
    assert [str(w) for w in all_warnings(content)] == [
        "content/events/a.yml:1: warning: no explainer shows this event; give it what an explainer selects "
        "(tags: x), or leave it for a later explainer"]


# The JSON Schema in a fresh clone ---------------------------------------------------------------------------

def test_the_committed_schemas_are_what_explainers_schema_writes(tmp_path):
    written = write_schemas(open_project(REPO / "mkdocs.yml"), tmp_path)
    assert sorted(p.name for p in (REPO / "schemas").iterdir()) == sorted(p.name for p in written)
    for path in written:
        assert (REPO / "schemas" / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), \
            f"schemas/{path.name} is out of date: run `explainers schema` and commit it"


def _clone_files() -> list[str]:
    """The files a clone of this checkout gets: those git tracks, and new ones it does not ignore."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout
    return [name for name in listed.split("\0") if name and (REPO / name).is_file()]


def test_a_fresh_clone_has_the_schema_that_new_event_files_point_at(tmp_path):
    clone = tmp_path / "clone"
    for name in _clone_files():
        if name == "mkdocs.yml" or name.startswith(("content/", "schemas/")):
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(REPO / name, clone / name)
    schema = clone / "schemas/event.schema.json"
    assert schema.is_file(), "schemas/ is not in a clone: VS Code would find no schema for new event files"
    before = schema.read_bytes()
    result = subprocess.run([sys.executable, "-m", "generator.cli", "new", "event", "2024-12-08-clone-test"],
                            cwd=clone, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    new_file = clone / "content/events/2024/2024-12-08-clone-test.yml"
    first_line = new_file.read_text().splitlines()[0]
    assert first_line == schema_comment(clone / "schemas", new_file.parent)
    assert (new_file.parent / first_line.split("$schema=", 1)[1]).resolve() == schema.resolve()
    assert schema.read_bytes() == before  # the clone's own file, not one `new` had to write


def test_a_misspelt_selector_tag_is_named_from_the_events_tags_then_from_tags_yml(project):
    project.event("a", "2024-11-27", "Alpha", tags="[offensive, fall-of-hama]")
    project.write("tags.yml", "offensive:\n  name: Offensive\nfall-of-hama:\n  name: Fall of Hama\n"
                  "siege-of-homs:\n  name: Siege of Homs\n")
    project.write("explainers/rebels.md", "---\ntitle: T\npublished: \"2024-12-06T09:15+05:30\"\nevents:\n"
                  "  tags: [fall-of-hamma, siege-of-homms]\n---\n")
    assert [str(p) for p in load_content(project.content, project.root).problems] == [
        "content/explainers/rebels.md:5: the selector's tag 'fall-of-hamma' matches no event; did you mean "
        "'fall-of-hama'?",
        "content/explainers/rebels.md:5: the selector's tag 'siege-of-homms' matches no event; did you mean "
        "'siege-of-homs'?"]
