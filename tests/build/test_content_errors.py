"""Every content mistake comes back as `path:line: message; hint`, all at once, and nothing is built."""

import pytest
from mkdocs.exceptions import Abort


def failed_build(project, problems_logged) -> list[str]:
    with pytest.raises(Abort):
        project.build()
    lines = problems_logged()
    assert any("problem(s) in the content; nothing was built" in line for line in lines), lines
    return lines


@pytest.mark.parametrize("relative, text, expected", [
    ("events/a.yml", "date: 2024-11-27\ntitel: Typo\ntitle: T\nsources: [{title: S}]\n",
     "content/events/a.yml:2: unknown field 'titel' in event; did you mean 'title'?"),
    ("events/a.yml", "date: 2024-02-30\ntitle: T\nsources: [{title: S}]\n",
     "content/events/a.yml:1: date: '2024-02-30' is an impossible date: February 2024 has 29 days"),
    ("events/a.yml", "date: 2024-12-05T14:30\ntitle: T\nsources: [{title: S}]\n",
     "content/events/a.yml:1: date: '2024-12-05T14:30' has a time but no UTC offset"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\nactors: [hts, isis]\nsources: [{title: S}]\n",
     "content/events/a.yml:3: actors 'isis' is not in content/actors.yml; add it to content/actors.yml or fix the id"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\nplace: alepo\nsources: [{title: S}]\n",
     "content/events/a.yml:3: place 'alepo' is not in content/places.yml; did you mean 'aleppo'?"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\ntitle: U\nsources: [{title: S}]\n",
     "content/events/a.yml:3: duplicate key 'title' in event (first at line 2)"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\nsources:\n  - title: S\n    url: javascript:alert(1)\n",
     "content/events/a.yml:5: url 'javascript:alert(1)' is not a web address; only http:// and https://"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\nsources:\n  - title: S\n   publisher: P\n",
     "content/events/a.yml:5: YAML syntax error"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\nkey: yes please\nsources: [{title: S}]\n",
     "content/events/a.yml:3: key must be true or false, not 'yes please'"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\ntype: batle\nsources: [{title: S}]\n",
     "content/events/a.yml:3: type 'batle' is not allowed; did you mean 'battle'?"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\nsources: []\n",
     "content/events/a.yml:3: sources needs at least 1 item(s)"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\n",
     "content/events/a.yml:1: event has no 'sources'"),
    ("events/a.yml", "date: 2024-11-27\ntitle: [a, b]\nsources: [{title: S}]\n",
     "content/events/a.yml:2: title must be a single value, not a list"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\nfatalities: {best: 10, low: 20}\nsources: [{title: S}]\n",
     "content/events/a.yml:3: fatalities: low (20) is above best (10)"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\nfatalities: {best: dozens}\nsources: [{title: S}]\n",
     "content/events/a.yml:3: best must be a whole number, not 'dozens'"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\nclaims:\n  - text: X\n    by: syrian-armyy\n    status: reported\nsources: [{title: S}]\n",
     "content/events/a.yml:5: by 'syrian-armyy' is not an actor id in content/actors.yml; did you mean 'syrian-army'?"),
    ("events/a.yml", "date: 2024-11-27\ntitle: T\nsummary: '[x](javascript:alert(1))'\nsources: [{title: S}]\n",
     "content/events/a.yml:3: summary links to 'javascript:alert(1'; only http(s) and mailto links are allowed"),
    ("events/Bad_Name.yml", "date: 2024-11-27\ntitle: T\nsources: [{title: S}]\n",
     "content/events/Bad_Name.yml: 'Bad_Name.yml' is not a valid event id"),
    ("actors.yml", "hts:\n  name: HTS\n  kind: rebels\n",
     "content/actors.yml:3: kind 'rebels' is not allowed"),
    ("places.yml", "hama:\n  name: Hama\n  country: Syria\n  lat: 95\n",
     "content/places.yml:3: country 'Syria' is not an ISO 3166-1 alpha-2 code"),
    ("explainers/rebels.md", "---\ntitle: T\npublished: 2024-12-06\nevents: {tags: [offensive]}\n---\n\nLede.\n",
     "content/explainers/rebels.md:3: published: '2024-12-06' has no time"),
    ("explainers/rebels.md", "---\ntitle: T\npublished: \"2024-12-06T09:15+05:30\"\nevents:\n  tag: [offensive]\n---\n",
     "content/explainers/rebels.md:5: unknown field 'tag' in events; did you mean 'tags'?"),
    ("explainers/rebels.md", "---\ntitle: T\npublished: \"2024-12-06T09:15+05:30\"\nevents:\n  tags: [ofensive]\n---\n",
     "content/explainers/rebels.md:5: the selector's tag 'ofensive' matches no event"),
    ("explainers/rebels.md", "---\ntitle: T\npublished: \"2024-12-06T09:15+05:30\"\nevents: {}\n---\n\nLede.\n\n```timeline\nplace: [hama]\n```\n",
     "content/explainers/rebels.md:10: unknown field 'place' in timeline block; did you mean 'places'?"),
])
def test_each_mistake_is_named_with_its_file_and_line(project, problems_logged, relative, text, expected):
    project.event("ok", "2024-11-27", "A valid event")
    project.write(relative, text)
    lines = failed_build(project, problems_logged)
    assert any(line.startswith(f"explainers: {expected}") for line in lines), lines


def test_duplicate_event_ids_across_folders(project, problems_logged):
    project.event("same", "2024-11-27", "First", folder="events/2024")
    project.event("same", "2024-11-28", "Second", folder="events/later")
    lines = failed_build(project, problems_logged)
    assert "explainers: content/events/later/same.yml: duplicate event id 'same' (also content/events/2024/same.yml)" \
           "; event ids are file names and must be unique: rename one" in lines


def test_all_problems_are_reported_at_once_sorted_by_file_and_line(project, problems_logged):
    project.write("events/b.yml", "date: 2024-13-01\ntitle: T\nsources: [{title: S}]\n")
    project.write("events/a.yml", "date: 2024-11-27\ntitle: T\nplace: nowhere\nwhat: x\nsources: [{title: S}]\n")
    lines = [line for line in failed_build(project, problems_logged) if line.startswith("explainers: content/events/")]
    assert [line.split(": ", 2)[1] for line in lines] == [
        "content/events/a.yml:3", "content/events/a.yml:4", "content/events/b.yml:1"]


def test_a_failed_build_leaves_the_previous_site_and_the_files_untouched(project):
    project.event("ok", "2024-11-27", "A valid event")
    assert project.mkdocs_build().returncode == 0
    before = {p: p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    broken = project.write("events/broken.yml", "date: 2024-11-27\ntitle: T\ntitle: again\nsources: [{title: S}]\n")
    source_before = broken.read_bytes()
    result = project.mkdocs_build()
    assert result.returncode == 1
    assert "content/events/broken.yml:3: duplicate key 'title'" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    after = {p: p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert after == before
    assert broken.read_bytes() == source_before


def test_garbage_files_never_give_a_traceback(project):
    project.write("events/binary.yml", "date: \x00\x01\n")
    (project.content / "events/latin1.yml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    project.write("events/list.yml", "- just\n- a list\n")
    project.write("events/empty.yml", "")
    project.write("events/tabs.yml", "date: 2024-11-27\ntitle: T\nsources:\n\t- title: S\n")
    result = project.mkdocs_build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for name, message in [("binary", "YAML error"), ("latin1", "is not UTF-8"),
                          ("list", "event must be a mapping"), ("empty", "the file is empty"),
                          ("tabs", "YAML syntax error")]:
        assert f"content/events/{name}.yml:" in result.stderr and message in result.stderr, name
