"""Every content mistake comes back as `path:line: message; hint`, all at once, and nothing is built."""

import pytest
from mkdocs.exceptions import Abort

from mistakes import MISTAKES


def failed_build(project, problems_logged) -> list[str]:
    with pytest.raises(Abort):
        project.build()
    lines = problems_logged()
    assert any("problem(s) in the content; nothing was built" in line for line in lines), lines
    return lines


@pytest.mark.parametrize("relative, text, expected", MISTAKES)
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
    for name, message in [("binary", "binary.yml:1: column 7 holds the invisible character U+0000"),
                          ("latin1", "is not UTF-8"),
                          ("list", "event must be a mapping"), ("empty", "the file is empty"),
                          ("tabs", "YAML syntax error")]:
        assert f"content/events/{name}.yml:" in result.stderr and message in result.stderr, name


def test_a_page_read_again_from_the_cache_has_the_problems_a_fresh_read_finds(project):
    """Serve's loads keep each page's reading while its file and every id it may name are unchanged
    (records/content.py): adding the event it names, or a registry entry, is a change to what it is checked
    against, and its problems follow, as a fresh load's would."""
    from generator.records.content import load_content

    page = project.write("explainers/named.md", "---\ntitle: Named\npublished: 2024-12-06T09:15+03:00\n"
                         "events:\n  ids: [later]\n  actors: [militia]\n---\n\nProse.\n")
    (project.content / "broken.md").write_bytes(b"# \xff\xfe not UTF-8\n")
    project.event("first", "2024-11-26", "Already there")  # the tags in use stay the same below
    cache = {}

    def load():
        content = load_content(project.content, project.root, cache=cache)
        fresh = load_content(project.content, project.root)
        assert [str(p) for p in content.problems] == [str(p) for p in fresh.problems]
        assert content.unreadable == fresh.unreadable == {"broken.md"}
        assert content.explainers == fresh.explainers
        return [str(p) for p in content.problems if p.path == "content/explainers/named.md"]

    first = load()
    assert any("'later'" in p for p in first) and any("'militia'" in p for p in first)
    project.event("later", "2024-11-27", "Named at last")
    second = load()
    assert not any("'later'" in p for p in second) and any("'militia'" in p for p in second)
    project.write("actors.yml", (project.content / "actors.yml").read_text(encoding="utf-8")
                  + "militia:\n  name: A militia\n  kind: rebel-group\n")
    assert load() == []
    assert load_content(project.content, project.root, cache=cache).explainers["explainers/named.md"] is \
        load_content(project.content, project.root, cache=cache).explainers["explainers/named.md"]
    page.write_text(page.read_text(encoding="utf-8").replace("ids: [later]", "ids: [sooner]"), encoding="utf-8")
    assert any("'sooner'" in p for p in load())


def test_a_new_event_file_is_read_with_only_the_pages_that_asked_about_it(project):
    """A page's reading is kept while the event ids and tags in use answer what its checks asked of them the
    same: a page whose selector's tag no event had is read again when an event brings it (its problem goes),
    and a page that asked nothing of the new event is not read again (at 20,000 events, reading every page
    again was a tenth of a save's build). The problems are a fresh load's."""
    from generator.records.content import load_content

    header = "---\ntitle: {}\npublished: 2024-12-06T09:15+03:00\nevents:\n  tags: [{}]\n---\n\nProse.\n"
    project.write("explainers/plain.md", header.format("Plain", "offensive"))
    project.write("explainers/asks.md", header.format("Asks", "siege"))
    project.event("first", "2024-11-26", "Already there")
    cache = {}

    def load():
        content = load_content(project.content, project.root, cache=cache)
        assert [str(p) for p in content.problems] == [str(p) for p in load_content(project.content, project.root).problems]
        return content, [str(p) for p in content.problems if p.path == "content/explainers/asks.md"]

    first, problems = load()
    assert any("'siege' matches no event" in p for p in problems)
    project.event("second", "2024-11-27", "Unrelated")
    second, problems = load()
    assert any("'siege' matches no event" in p for p in problems)
    for uri in ("explainers/plain.md", "explainers/asks.md"):
        assert second.explainers[uri] is first.explainers[uri], uri  # neither read again
    project.event("third", "2024-11-28", "Besieged", tags="[siege]")
    third, problems = load()
    assert problems == []
    assert third.explainers["explainers/plain.md"] is first.explainers["explainers/plain.md"]
    (project.content / "events" / "third.yml").unlink()
    assert any("'siege' matches no event" in p for p in load()[1])
