"""Content from people the newsroom does not fully trust (freelancers, outside pull requests): what they write
is text wherever it lands, the build never reads outside content/, and every mistake is a `path:line` problem
found before MkDocs empties site/. (tests/build/test_payloads.py throws a whole corpus at every field.)"""

import os
import re
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.format import schema

from generator.records.content import load_content
from test_search import fragments  # the records of a built site's Pagefind index


def problems(project) -> list[str]:
    return [str(p) for p in load_content(project.content, project.root, theme_dirs=theme_dirs()).problems]


def theme_dirs():
    import material
    from support import THEME

    return [THEME, os.path.join(os.path.dirname(material.__file__), "templates")]


def failed_build_keeps_the_site(project) -> str:
    """Build once cleanly first; then the broken build must fail with messages and change nothing in site/."""
    before = {p: p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert before, "build a valid site first"
    result = project.mkdocs_build()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert {p: p.read_bytes() for p in project.site.rglob("*") if p.is_file()} == before
    return result.stderr


# Markup in what editors write ----------------------------------------------------------------------------------

def test_prose_raw_html_is_shown_as_text_and_its_tricks_are_dropped(project):
    project.event("a", "2024-11-27", "Alpha")
    project.write("explainers/rebels.md", project.content.joinpath("explainers/rebels.md").read_text() + """
<div onclick="alert(1)">block <b>html</b></div>

Inline <img src=x onerror=alert(2)> and <!-- an editor's private note -->.

A paragraph with handlers
{: onclick="alert(3)" style="position:fixed" .keep-class }

[a relative link](../../archive/) and [mail](mailto:desk@example.org) and ![map](map.png) ![far](https://t.example/p.png)
""")
    project.build()
    page = project.html("explainers/rebels")
    assert "&lt;div onclick=&quot;alert(1)&quot;&gt;" in page or "&lt;div onclick=\"alert(1)\"&gt;" in page
    assert "<div onclick" not in page and "<img src=x" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "private note" not in page
    assert 'onclick="alert(3)"' not in page and "position:fixed" not in page and 'class="keep-class"' in page
    assert '<a href="../../archive/">a relative link</a>' in page
    assert '<a href="mailto:desk@example.org" rel="noopener noreferrer">mail</a>' in page
    assert '<img alt="map" src="map.png"' in page  # the site's own image
    assert "t.example" not in page and "<span>far</span>" in page  # nobody else's


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java&#x09;script:alert(1)",
                                  "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"])
def test_unsafe_links_in_prose_are_problems_at_their_line(project, link):
    project.event("a", "2024-11-27", "Alpha")
    project.write("explainers/rebels.md", project.content.joinpath("explainers/rebels.md").read_text()
                  + f"\n[click]({link})\n")
    found = [p for p in problems(project) if "links to" in p]
    assert found and found[0].startswith("content/explainers/rebels.md:16: the text links to"), found


def test_reference_style_links_are_checked_and_dropped(project):
    project.event("a", "2024-11-27", "Alpha")
    project.write("guide.md", "# Guide\n\nSee [this][1].\n\n[1]: javascript:alert(1)\n")
    assert any(p.startswith("content/guide.md:5: the text links to 'javascript:alert(1)'") for p in problems(project))


def test_titles_names_and_descriptions_are_text_in_materials_templates(project):
    payload = '"><img src=x onerror=alert(1)></title><script>alert(2)</script>'
    project.event("a", "2024-11-27", "Alpha", actors="[hts, syrian-army]", place="aleppo",
                  summary="'Witnesses named <svg onload=alert(3)> in the crowd.'")
    text = project.content.joinpath("explainers/rebels.md").read_text()
    text = text.replace("title: Rebels advance", f"title: '{payload}'")
    text = text.replace("description: What happened in the north.", f"description: '{payload}'")
    project.write("explainers/rebels.md", text.replace("---\n\nThe lede", f"subtitle: '{payload}'\n---\n\nThe lede"))
    project.write("actors.yml", project.content.joinpath("actors.yml").read_text().replace(
        "name: Syrian Arab Army", "name: '<svg onload=alert(3)>'"))
    project.build()
    for page in (project.html("explainers/rebels"), project.html(""), project.html("actors/syrian-army")):
        assert "<img src=x" not in page and "<script>alert" not in page and "<svg onload" not in page
    page = project.html("explainers/rebels")
    assert "<title>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/title&gt;" in page
    assert '<meta name="description" content="&#34;&gt;&lt;img' in page
    # The search index (Pagefind's records): the UI inserts a record's excerpt as HTML, so its text is escaped;
    # the title is set as text, so it is stored as written.
    records = {record["url"]: record for record in fragments(project.site)}
    for record in records.values():
        assert "<img src=x" not in record["content"] and "<script>alert" not in record["content"]
        assert "<svg onload" not in record["content"]
    explainer, event = records["/explainers/rebels/"], records["/explainers/rebels/#event-a"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in explainer["content"]  # its title and description
    assert explainer["meta"]["title"] == payload
    assert "&lt;svg onload=alert(3)&gt;" in event["content"]  # its summary (an event's record: headline, summary, claims)


def test_an_explainer_file_name_must_be_a_slug(project):
    project.write('explainers/hama" onload="alert(1).md', project.content.joinpath("explainers/rebels.md").read_text())
    found = problems(project)
    assert any("the name 'hama\" onload=\"alert(1).md' holds characters" in p for p in found), found
    project.write("explainers/Hama_Falls.md", project.content.joinpath("explainers/rebels.md").read_text())
    assert any(p.startswith("content/explainers/Hama_Falls.md: the explainer's file name 'Hama_Falls.md' is not "
                            "a slug") for p in problems(project))


# Characters and sizes ---------------------------------------------------------------------------------------

def test_control_and_bidi_characters_are_refused_at_their_line(project):
    project.event("raw", "2024-11-27", "Alpha")
    project.write("events/raw.yml", "date: 2024-11-27\ntitle: Alpha\nsummary: bad \x01 byte\nsources: [{title: S}]\n")
    project.write("events/escaped.yml", 'date: 2024-11-27\ntitle: "Alpha\\u0001"\nsources: [{title: S}]\n')
    project.write("events/bidi.yml", 'date: 2024-11-27\ntitle: "evil \\u202etxt.exe"\nsources: [{title: S}]\n')
    project.write("events/tab.yml", 'date: 2024-11-27\ntitle: "a\\tb"\nsummary: "tabs\\tare fine here"\n'
                                     "sources: [{title: S}]\n")
    found = problems(project)
    assert "content/events/raw.yml:3: column 14 holds the invisible character U+0001 (control character); " \
           "delete it (it is invisible: retype the text around it if in doubt)" in found
    assert any(p.startswith("content/events/escaped.yml:2: title holds the invisible character U+0001") for p in found)
    assert any(p.startswith("content/events/bidi.yml:2: title holds the invisible character U+202E "
                            "(RIGHT-TO-LEFT OVERRIDE); delete it") for p in found)
    assert [p for p in found if "tab.yml" in p] == [
        "content/events/tab.yml:2: title holds the invisible character U+0009 (TAB); use a space instead of the tab"]


def test_size_caps_and_bounded_work(project):
    project.event("a", "2024-11-27", "Alpha")
    project.write("events/huge.yml", "date: 2024-11-27\ntitle: " + "x" * 1100 * 1024 + "\nsources: [{title: S}]\n")
    project.write("events/long.yml", "date: 2024-11-27\ntitle: " + "y" * 400 + "\nsources: [{title: S}]\n")
    project.write("events/keys.yml", "date: 2024-11-27\ntitle: T\nsources: [{title: S}]\n"
                  + "".join(f"unknown{n}: {n}\n" for n in range(20000)))
    started = time.process_time()
    found = problems(project)
    assert time.process_time() - started < 20  # not a timing test: 20,000 hints took minutes before the cap
    assert any(p.startswith("content/events/huge.yml: is 1,100 KB; content files may be at most 1,024 KB") for p in found)
    assert "content/events/long.yml:2: title is 400 characters long; at most 300 are allowed; shorten it or move " \
           "detail to the summary" in found
    keys = [p for p in found if "keys.yml" in p]
    assert len(keys) == 51 and "more than 50 problems in this file" in keys[-1] or \
        any("more than 50 problems" in p for p in keys), keys[-3:]


def test_utc_offsets_outside_the_real_range_are_refused(project):
    project.write("events/late.yml", 'date: "2024-11-27T10:00+14:59"\ntitle: T\nsources: [{title: S}]\n')
    project.write("events/early.yml", 'date: "2024-11-27T10:00-12:30"\ntitle: T\nsources: [{title: S}]\n')
    found = problems(project)
    for name, offset in (("late", "+14:59"), ("early", "-12:30")):
        assert any(p.startswith(f"content/events/{name}.yml:1: date: '2024-11-27T10:00{offset}' has an impossible "
                                "UTC offset") for p in found), found


def test_a_wrong_claim_status_lists_the_statuses_instead_of_guessing(project):
    for status in ("verified", "unconfirmed", "claimed"):
        project.write(f"events/{status}.yml", f"date: 2024-11-27\ntitle: T\nclaims: [{{text: X, status: {status}}}]\n"
                                             "sources: [{title: S}]\n")
    found = [p for p in problems(project) if "claim" in p or "status" in p]
    assert len(found) == 3
    for problem in found:
        assert "did you mean" not in problem
        assert "use one of: confirmed (independently verified); reported (attributed to a source" in problem


# Files that are not what they seem ---------------------------------------------------------------------------

def test_links_out_of_content_devices_and_loops_are_problems_and_nothing_is_read(project, tmp_path_factory):
    project.event("a", "2024-11-27", "Alpha")
    project.build()
    outside = tmp_path_factory.mktemp("outside")
    secret = outside / "secret.yml"
    secret.write_text("date: 2024-11-27\ntitle: SECRET-TEXT\nnot_a_field: SECRET-KEY\nsources: [{title: S}]\n")
    (project.content / "events/linked.yml").symlink_to(secret)
    (project.content / "passwd.txt").symlink_to("/etc/passwd")
    (project.content / "root").symlink_to("/")
    (project.content / "loop-a.md").symlink_to(project.content / "loop-b.md")
    (project.content / "loop-b.md").symlink_to(project.content / "loop-a.md")
    os.mkfifo(project.content / "events/pipe.yml")
    (project.content / "inside.md").symlink_to(project.content / "index.md")  # a link inside is fine
    stderr = failed_build_keeps_the_site(project)
    assert "SECRET" not in stderr and "root:x:0" not in stderr
    for line in ("content/events/linked.yml: is a link to something outside the content folder",
                 "content/passwd.txt: is a link to something outside the content folder",
                 "content/root: is a link to something outside the content folder",
                 "content/loop-a.md: is a link that leads nowhere (it is broken or loops)",
                 "content/events/pipe.yml: is not a regular file (a device, pipe or socket)"):
        assert line in stderr, line
    assert "inside.md" not in stderr


def test_hidden_record_files_are_not_skipped_silently(project):
    project.event("a", "2024-11-27", "Alpha")
    for name in (".x.yml", "..yml", ".drafts/b.yml"):
        project.write(f"events/{name}", "date: broken\n")
    found = problems(project)
    for name in (".x.yml", "..yml", ".drafts/b.yml"):
        assert f"content/events/{name}: is hidden (its name or a folder's starts with a dot), so the build would " \
               "skip it; rename it without the leading dot" in found


# Front matter that MkDocs and Material read -----------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("hide: 5", "content/guide.md:3: hide must be a list"),
    ("hide: [toc, sidebar]", "content/guide.md:3: hide[2] 'sidebar' is not allowed"),
    ("icon: material/no-such-icon", "content/guide.md:3: icon 'material/no-such-icon' is not one of the theme's icons"),
    ("icon: ../../main", "content/guide.md:3: icon '../../main' is not a name of the theme's"),
    ("icon: material/" + "x" * 290, "content/guide.md:3: icon 'material/xxxx"),  # longer than a file name can be
    ("template: ../../../etc/passwd", "content/guide.md:3: template '../../../etc/passwd' is not a name of the theme's"),
    ("template: nothere.html", "content/guide.md:3: template 'nothere.html' is not one of the theme's page templates"),
    ("status: <b>new</b>", "content/guide.md:3: status '<b>new</b>' is not a slug"),
    ("search: {exclude: maybe}", "content/guide.md:3: search.exclude must be true or false"),
    ("subtitle: !!python/object/apply:os.system [echo hi]",
     "content/guide.md:3: subtitle carries the YAML tag '!!python/object/apply:os.system'"),
    ("colour: red", "content/guide.md:3: unknown field 'colour' in page front matter"),
])
def test_front_matter_mistakes_stop_the_build_before_site_is_emptied(project, line, expected):
    project.event("a", "2024-11-27", "Alpha")
    assert project.mkdocs_build().returncode == 0
    project.write("guide.md", f"---\ntitle: Guide\n{line}\n---\n\n# Guide\n")
    stderr = failed_build_keeps_the_site(project)
    assert expected in stderr, stderr


def test_valid_front_matter_keys_still_work(project):
    project.event("a", "2024-11-27", "Alpha")
    project.write("guide.md", "---\ntitle: Guide\nhide: [toc]\nicon: material/map\nstatus: new\n"
                              "search: {exclude: true}\nsubtitle: For editors\ntemplate: main.html\n---\n\n# Guide\n")
    assert problems(project) == []
    project.build()
    assert "For editors" in project.html("")


# Links the strict build must catch ------------------------------------------------------------------------------

def test_the_sites_config_fails_a_strict_build_on_a_missing_event_anchor(project):
    from support import REPO

    validation = re.search(r"^validation:\n(?:  .*\n)+", (REPO / "mkdocs.yml").read_text(), re.MULTILINE).group(0)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text() + validation)
    project.event("alpha", "2024-11-27", "Alpha")
    body = project.content.joinpath("explainers/rebels.md").read_text()
    project.write("explainers/rebels.md", body + "\nSee [the entry](#event-alpha).\n")
    assert project.mkdocs_build("--strict").returncode == 0
    project.write("explainers/rebels.md", body + "\nSee [the entry](#event-alhpa).\n")
    result = project.mkdocs_build("--strict")
    assert result.returncode == 1 and "#event-alhpa" in result.stderr


def test_files_that_would_run_script_on_the_sites_origin_are_not_published(project):
    project.event("a", "2024-11-27", "Alpha")
    for name in ("page.html", "assets/explainers.js", "logo.svg", "style.css", "feed.atom", "README"):
        project.write(name, "<script>alert(1)</script>\n")
    project.write("images/map.png", "not really a png\n")
    project.write(".nojekyll", "")
    found = problems(project)
    for name in ("page.html", "assets/explainers.js", "logo.svg", "style.css", "feed.atom", "README"):
        assert any(p.startswith(f"content/{name}: is a file of a kind the site does not publish from content/")
                   for p in found), (name, found)
    assert not any("map.png" in p or "nojekyll" in p for p in found)


# Whatever value a front matter key MkDocs or Material reads is given, validation refuses it or the build works.
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False, width=32),
                     st.sampled_from(["toc", "navigation", "main.html", "material/map", "new", "../x", "a/b", "",
                                      "embed.html", "404.html", "material/../../x", "<b>x</b>", "2024-12-01"]),
                     st.text(max_size=12))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.sampled_from(["exclude", "boost", "cards", "x"]), inner, max_size=2),
                       max_leaves=5)


@pytest.mark.parametrize("record", ["page", "explainer"])
def test_fuzzed_front_matter_is_refused_or_builds(tmp_path_factory, record):
    from support import BASE_CONFIG, EXPLAINER, Project

    valid = {"template": ["main.html", "404.html"], "hide": [["toc"], ["navigation", "footer"]],
             "icon": ["material/map", "fontawesome/solid/flag"], "status": ["new", "deprecated"],
             "subtitle": ["For editors", "<i>x</i> & y"], "search": [{"exclude": True}, {"boost": 2}],
             "social": [{"cards": False}], "title": ["A title", "2024-12-01"], "description": ["A dek."],
             "lang": ["ar", "en"]}
    assert set(valid) >= {f.name for f in schema.PAGE_FIELDS}  # every key MkDocs or Material reads is fuzzed
    value = {key: st.one_of(st.sampled_from(examples), _VALUES) for key, examples in valid.items()}

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(sorted(valid)).flatmap(lambda k: st.fixed_dictionaries({k: value[k]}))
           | st.fixed_dictionaries({}, optional={k: v for k, v in value.items()}))
    def check(front):
        project = Project(tmp_path_factory.mktemp("fuzz"))
        (project.root / "mkdocs.yml").write_text(BASE_CONFIG, encoding="utf-8")
        project.event("a", "2024-11-27", "Alpha")
        head = yaml.safe_dump(front, allow_unicode=True)
        if record == "page":
            project.write("explainers/rebels.md", EXPLAINER)
            project.write("guide.md", f"---\n{head}---\n\n# Guide\n")
        else:
            base = yaml.safe_load(EXPLAINER.split("---")[1])
            project.write("explainers/rebels.md", f"---\n{yaml.safe_dump({**base, **front}, allow_unicode=True)}---\n\nLede.\n")
        if not problems(project):
            project.build()  # raises (the test fails) if MkDocs or Material trips over what validation let through

    check()


# Found by trying to break the above (a reviewer playing the attacker) --------------------------------------

def test_a_title_taken_from_the_first_heading_stays_text_in_the_title_tag(project):
    project.event("a", "2024-11-27", "Alpha")
    project.write("guide.md", "# </title><script>alert(1)</script>\n\nText.\n")
    project.build()
    page = project.html("guide")
    assert "<script>alert(1)" not in page
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - Test desk</title>" in page


def test_multimarkdown_meta_lines_are_refused(project):
    project.write("guide.md", 'lang: x" onmouseover="alert(3)\n\nText.\n')
    assert any(p.startswith("content/guide.md:1: the page starts with 'key: value' lines") for p in problems(project))


def test_images_from_other_hosts_spelt_scheme_relative_are_dropped(project):
    project.event("a", "2024-11-27", "Alpha")
    project.write("guide.md", "# Guide\n\n![a](//127.0.0.2/t.png) ![b](/\\127.0.0.3/t.png) [c](//example.org/)\n")
    project.build()
    page = project.html("guide")
    assert "127.0.0.2" not in page and "127.0.0.3" not in page and "<span>a</span>" in page
    assert '<a href="//example.org/" rel="noopener noreferrer">c</a>' in page


@pytest.mark.parametrize("body, expected", [
    ("[" * 2000 + "\n", "content/guide.md:3: the text has a paragraph with more than 1,000 '['"),
    ("".join(" " * 4 * i + "- a\n" for i in range(60)), "content/guide.md:43: the text nests lists"),
    ("<!-- explainers-block 3 -->\n", "content/guide.md:3: the text holds the plugin's own marker"),
])
def test_markdown_that_would_stall_or_confuse_the_build_is_refused(project, body, expected):
    project.write("guide.md", "# Guide\n\n" + body)
    assert any(p.startswith(expected) for p in problems(project)), problems(project)
