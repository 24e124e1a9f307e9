"""Hostile content, second round (issue 23): what the first payload corpus did not think of. Each case failed
on the code before it (a script ran, the build died after site/ was emptied, or a traceback), and each now is a
problem at its file and line, or inert, and the previous site stays whole."""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import time

import markdown
import pytest

from generator.format.safe_html import SafeMarkdown
from support import project  # noqa: F401 (fixture)
from test_untrusted_content import failed_build_keeps_the_site, problems


def _validate(project) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "generator.cli", "validate"], cwd=project.root,
                            capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def _built(project):
    project.event("a", "2024-11-27", "Alpha")
    assert project.mkdocs_build().returncode == 0
    return project


# 1. Material's config, clobbered by an editor's id --------------------------------------------------------------

def test_an_editor_cannot_give_an_element_material_s_config_id(project):
    _built(project)
    page = project.content / "explainers/rebels.md"
    page.write_text(page.read_text() + '\n{"base":"../../v/x/","features":[],"version":{"provider":"mike"}}\n'
                                       "{: #__config }\n", encoding="utf-8")
    project.write("v/versions.json", '[{"version":"x","aliases":[],"title":"<img src=x onerror=alert(1)>"}]')
    stderr = failed_build_keeps_the_site(project)
    assert "content/explainers/rebels.md:17: the text sets the id '__config', which the site keeps" in stderr
    assert "content/v/versions.json: is a file of a kind the site does not publish from content/ (.json)" in stderr


def test_ids_in_the_site_s_namespaces_are_renamed_in_any_page_markdown_converts():
    md = markdown.Markdown(extensions=["attr_list", "toc", SafeMarkdown()])
    html = md.convert("# __config\n\n## Event A\n\n## Sources\n\ntext\n{: #__config name=__md_scope }\n\n"
                      "more\n{: #event-a }\n\n## Where next\n\nlast\n{: #my-note }\n")
    assert 'id="__config"' not in html and 'name="__md_scope"' not in html
    assert 'id="event-a"' not in html and '<h2 id="sources">Sources' in html  # no section here to collide with
    assert '<h2 id="where-next">' in html and 'id="my-note"' in html  # editors' own ids are theirs to give
    assert [t["id"] for t in md.toc_tokens[0]["children"]][-1] == "where-next"


def test_a_heading_cannot_take_an_event_card_s_permalink(project):
    project.event("a", "2024-11-27", "Alpha")
    page = project.content / "explainers/rebels.md"
    text = page.read_text().replace("The lede paragraph", "## Event A\n\n## __config\n\nThe lede paragraph")
    page.write_text(text, encoding="utf-8")
    project.build()
    html = project.html("explainers/rebels")
    assert html.count('id="event-a"') == 1 and '<h2 id="section-event-a">Event A' in html
    assert html.index("Event A</h2>") < html.index('id="event-a"')  # the heading came first; the card keeps it
    assert html.count('id="__config"') == 1 and '<h2 id="section-config">__config' in html  # Material's own


def test_link_titles_carry_no_markup_for_material_s_tooltips(project):
    project.event("a", "2024-11-27", "Alpha")
    page = project.content / "explainers/rebels.md"
    page.write_text(page.read_text() + '\n[x](https://example.org "<img src=x onerror=alert(1)>")\n',
                    encoding="utf-8")
    project.build()
    html = project.html("explainers/rebels")
    assert 'title="img src=x onerror=alert(1)"' in html and "&lt;img src=x" not in html


# 2. YAML aliases ------------------------------------------------------------------------------------------------

def test_alias_amplification_is_a_problem_at_the_alias(project):
    _built(project)
    unknowns = ", ".join(["*u"] * 20000)
    project.write("explainers/rebels.md", project.content.joinpath("explainers/rebels.md").read_text().replace(
        "unknowns:\n  - How many people were killed.\n", f'unknowns: [&u "{"x" * 19000}", {unknowns}]\n'))
    claims = ["claims:", "  - &c {text: It fell., by: hts, status: claimed}"] + ["  - *c"] * 3000
    project.write("events/b.yml", "date: 2024-11-28\ntitle: Beta\ntags: [offensive]\nsources:\n"
                                  "  - title: Wire\n    publisher: Reuters\n" + "\n".join(claims) + "\n")
    started = time.monotonic()
    stderr = failed_build_keeps_the_site(project)
    assert "content/explainers/rebels.md:8: holds more than 1,048,576 characters once its * aliases are written out" \
           in stderr
    assert "content/events/b.yml:1009: repeats values by alias more than 1,000 times" in stderr
    assert time.monotonic() - started < 60  # minutes before: a bound, not a benchmark


# 3 and 4. Markdown that recursed or took minutes, after site/ was emptied --------------------------------------

@pytest.mark.parametrize("body, expected", [
    ("- 1. " * 260 + "x", "content/notes.md:1: the text nests lists, quotes or emphasis too deeply for Markdown"),
    ("**" * 1000 + "a" + "**" * 1000, "content/notes.md:3: the text nests lists, quotes or indentation more than 40"),
    ("<a " * 60000, "content/notes.md:1: the text takes Markdown more than 1 s to read"),
    ("`" * 1_000_000, ""),  # linear after all: converted within its deadline, and built
], ids=["nested-list-items", "nested-emphasis", "open-tags", "backticks"])
def test_markdown_that_would_stall_or_crash_is_a_problem_before_anything_is_built(project, body, expected):
    _built(project)
    project.write("notes.md", "# Notes\n\n" + body + "\n")
    if not expected:
        assert project.mkdocs_build().returncode == 0
        return
    stderr = failed_build_keeps_the_site(project)
    assert expected in stderr
    assert "RecursionError" not in stderr


def test_a_summary_nested_too_deeply_is_refused_by_validate(project):
    project.event("a", "2024-11-27", "Alpha", summary='"' + "- 1. " * 260 + 'x"')
    result = _validate(project)
    assert result.returncode == 1
    assert "content/events/a.yml:3: summary nests lists, quotes or emphasis too deeply for Markdown to read" \
           in result.stdout


# 5. Templates a page may name -------------------------------------------------------------------------------------

@pytest.mark.parametrize("template", ["explainers/event.html", "partials/header.html", "embed.html",
                                      "explainers/map.html"])
def test_template_names_only_page_templates(project, template):
    _built(project)
    project.write("guide.md", f"---\ntitle: Guide\ntemplate: {template}\n---\n\n# Guide\n")
    stderr = failed_build_keeps_the_site(project)
    assert f"content/guide.md:3: template '{template}' is not one of the theme's page templates; use one of: " \
           "main.html" in stderr


def test_a_site_s_own_page_template_may_be_named(project):
    overrides = project.root / "overrides"
    overrides.mkdir()
    (overrides / "wide.html").write_text('{% extends "main.html" %}\n', encoding="utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"))
    project.event("a", "2024-11-27", "Alpha")
    project.write("guide.md", "---\ntitle: Guide\ntemplate: wide.html\n---\n\n# Guide\n")
    assert project.mkdocs_build().returncode == 0


# 6. Tracebacks ------------------------------------------------------------------------------------------------------

def test_unparseable_urls_and_huge_numbers_are_problems(project):
    project.write("events/a.yml", "date: 2024-11-27\ntitle: Alpha\ntags: [offensive]\nsources:\n"
                                  "  - title: Wire\n    publisher: Reuters\n    url: https://[::1/x\n"
                                  "    archived_url: http://[x\nfatalities: {best: " + "9" * 5000 + "}\n")
    result = _validate(project)
    assert "content/events/a.yml:7: sources[1].url 'https://[::1/x' is not a web address" in result.stdout
    assert "content/events/a.yml:8: sources[1].archived_url 'http://[x' is not a web address" in result.stdout
    assert "content/events/a.yml:9: fatalities.best has 5,000 digits; write a number of at most 15 digits" \
           in result.stdout


# 7 and 9. What content/ may publish ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path, what", [
    ("actors/hts.md", "the actor pages"), ("places/aleppo.md", "the place pages"), ("tags/offensive.md", "the tag pages"),
    ("archive.md", "the archive"), ("archive/2024-11.md", "the archive"), ("embed/rebels.md", "the embeddable timelines"),
    ("guide/fields.md", "the editors' field reference"), ("ar/actors/hts.md", "the actor pages"),
])
def test_an_editor_s_page_cannot_replace_a_generated_one(project, path, what):
    _built(project)
    project.write(path, "# Mine\n\n<p>replaced</p>\n")
    stderr = failed_build_keeps_the_site(project)
    assert f"content/{path}: is where the site puts its own generated page ({what}" in stderr


def test_hard_links_are_not_published(project, tmp_path):
    project.event("a", "2024-11-27", "Alpha")
    outside = tmp_path / "secret.txt"
    outside.write_text("SECRET", encoding="utf-8")
    os.link(outside, project.content / "notes.txt")
    assert "content/notes.txt: is a hard link to a file that is also somewhere else, which the build does not " \
           "publish; copy the file into content/ instead of linking it" in problems(project)


def test_a_site_may_publish_json_when_it_says_so(project):
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - explainers\n", "  - explainers:\n"
                                                 "      published_suffixes: [.json]\n"))
    project.event("a", "2024-11-27", "Alpha")
    project.write("data/figures.json", "[1, 2]\n")
    assert project.mkdocs_build().returncode == 0
    assert (project.site / "data/figures.json").read_text() == "[1, 2]\n"


# The build is atomic ------------------------------------------------------------------------------------------------

def _files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_build_killed_at_any_moment_leaves_the_previous_site_whole(project):
    for n in range(40):
        project.event(f"e{n:02d}", f"2024-11-{1 + n % 28:02d}", f"Event {n}", summary=f'"Summary {n}."')
    assert project.mkdocs_build().returncode == 0
    before = _files(project.site)
    project.event("late", "2024-11-29", "A new event")  # the next build's site differs from the previous one
    command = [sys.executable, "-m", "mkdocs", "build", "-q"]
    started = time.monotonic()
    assert subprocess.run(command, cwd=project.root, capture_output=True).returncode == 0
    whole = time.monotonic() - started
    after = _files(project.site)
    assert after != before
    project.site.rename(project.root / "new-site")
    (project.root / "new-site").rename(project.root / "kept")
    project.site.mkdir()
    for name, data in before.items():
        (project.site / name).parent.mkdir(parents=True, exist_ok=True)
        (project.site / name).write_bytes(data)
    moments = random.Random(23).sample(range(1, 100), 10)
    for moment in moments:
        process = subprocess.Popen(command, cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(whole * moment / 100)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = _files(project.site)
        assert now in (before, after), f"killed at {moment}% of a build: site/ is neither the old site nor the new"
        if now == after:  # the build finished first: put the old site back for the next moment
            for name in set(now) - set(before):
                (project.site / name).unlink()
            for name, data in before.items():
                (project.site / name).write_bytes(data)


def test_a_full_disk_is_a_problem_and_the_previous_site_stays(project):
    _built(project)
    before = _files(project.site)

    def small_disk():  # files over 16 KB cannot be written, as on a full disk (EFBIG instead of ENOSPC)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project.root, capture_output=True,
                            text=True, preexec_fn=small_disk, timeout=300)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "the disk is full" in result.stderr and "the previous site is as it was" in result.stderr
    assert _files(project.site) == before
    assert not any(p.name.startswith(".site.") for p in project.root.iterdir())


def test_strict_mode_warnings_keep_the_previous_site(project):
    _built(project)
    before = _files(project.site)
    project.write("notes.md", "# Notes\n\nSee [the missing page](missing.md).\n")
    result = project.mkdocs_build("--strict")
    assert result.returncode == 1 and "contains a link 'missing.md'" in result.stderr
    assert _files(project.site) == before


def test_material_s_tooltips_which_render_titles_as_html_are_refused(project):
    _built(project)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n  features: [content.tooltips]\n"))
    stderr = failed_build_keeps_the_site(project)
    assert "mkdocs.yml: theme.features lists content.tooltips: Material shows titles with innerHTML" in stderr


def test_an_element_an_editor_never_closes_does_not_swallow_the_page(project):
    project.event("a", "2024-11-27", "Alpha")
    page = project.content / "explainers/rebels.md"
    page.write_text(page.read_text().replace("The lede paragraph", "<details open ontoggle=alert(1)>\n\nThe lede "
                                                                   "paragraph"), encoding="utf-8")
    project.build()
    html = project.html("explainers/rebels")
    assert "<p>&lt;details open ontoggle=alert(1)&gt;</p>" in html
    assert '<h2 id="timeline">' in html and 'id="event-a"' in html  # the sections after it are still sections
