"""Every option of the plugin (`plugins: - explainers: {...}`), each in a real build: what it changes in the
site, and the message a wrong value gets. (nav_explainers and home_list: test_explainer_page.py; stash_html:
test_html_blocks.py.)"""

from __future__ import annotations

import re

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from generator.engines.mkdocs.config import ExplainersConfig, defaults
from tests.support import ACTORS, PLACES


def configure(project, options: str) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - explainers\n" in text
    config.write_text(text.replace("  - explainers\n", f"  - explainers:\n{options}"), encoding="utf-8")


def test_enabled_false_builds_the_pages_as_plain_mkdocs(project):
    project.event("a", "2024-11-27", "Alpha", key="true", place="aleppo")
    configure(project, "      enabled: false\n")
    project.build()
    page = project.html("explainers/rebels")
    assert "The lede paragraph of the story." in page
    assert 'id="event-a"' not in page and "explainers.js" not in page and "explainers_head" not in page
    assert not (project.site / "feed.atom").exists() and not (project.site / "actors").exists()


def test_enabled_is_on_by_default(project):
    project.event("a", "2024-11-27", "Alpha", key="true", place="aleppo")
    project.build()
    assert 'id="event-a"' in project.html("explainers/rebels") and (project.site / "feed.atom").is_file()


def test_events_dir_and_registry_files_can_be_named(project):
    (project.content / "actors.yml").rename(project.content / "who.yml")
    (project.content / "places.yml").rename(project.content / "where.yml")
    project.event("a", "2024-11-27", "Alpha", folder="records", key="true", place="aleppo", actors="[hts]")
    configure(project, "      events_dir: records\n      actors_file: who.yml\n      places_file: where.yml\n")
    project.build()
    page = project.html("explainers/rebels")
    assert 'id="event-a"' in page and "Hayat Tahrir al-Sham" in page and "Aleppo" in page
    assert (project.site / "actors/hts/index.html").is_file()
    assert not (project.site / "records").exists() and not (project.site / "who.yml").exists()  # data, not pages
    result = project.run("generator.cli", "validate")  # the command reads the same options
    assert result.returncode == 0 and result.stdout.startswith("OK: 1 events, 2 actors, 2 places"), result.stdout


def test_tags_file_can_be_named(project):
    project.write("topics.yml", "offensive:\n  name: Rebel offensive\n")
    project.event("a", "2024-11-27", "Alpha", tags="[offensive]")
    configure(project, "      tags_file: topics.yml\n")
    project.build()
    assert '<h1 class="ce-headline">Rebel offensive</h1>' in project.html("tags/offensive")
    assert not (project.site / "topics.yml").exists()  # data, not a page
    project.event("b", "2024-11-28", "Bravo", tags="[ofensive]")
    result = project.run("generator.cli", "validate")  # the command reads the same option
    assert result.returncode == 1 and "tags 'ofensive' is not in content/topics.yml" in result.stdout, result.stdout


def _guide(project) -> None:
    project.write("guide/index.md", "---\ntitle: Editors' guide\n---\n\n# Editors' guide\n\nHow we work.\n")
    project.event("a", "2024-11-27", "Alpha")


def _nav_links(html: str) -> list[str]:
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split('<div class="md-sidebar', 1)[0]
    return re.findall(r'<a href="([^"]+)" class="md-nav__link', nav)


def test_guide_in_nav_is_off_by_default_and_the_guide_is_still_built(project):
    """The public site's readers are not offered the editors' manual; editors still find it at /guide/."""
    _guide(project)
    project.build()
    links = _nav_links(project.html(""))
    assert links and not any("guide/" in link for link in links), links
    assert "How we work." in project.html("guide")
    assert "Field reference" in project.html("guide/fields")


def test_guide_in_nav_true_lists_the_guide(project):
    _guide(project)
    configure(project, "      guide_in_nav: true\n")
    project.build()
    links = _nav_links(project.html(""))
    assert "guide/" in links and "guide/fields/" in links, links


def test_zone_names_name_the_offsets(project):
    configure(project, '      zone_names:\n        "+05:30": IST\n')
    project.event("a", "2024-11-27", "Alpha", key="true")
    project.build()
    assert "09:15 IST (UTC+05:30), 6 December 2024" in project.html("explainers/rebels")


@pytest.mark.parametrize("options, message", [
    ('      zone_names:\n        IST: "+05:30"\n', "'IST' is not a UTC offset; write it as +05:30"),
    ('      zone_names:\n        "+05:30": 5\n', "Expected type: <class 'str'> but received: <class 'int'>"),
    ("      zone_names: IST\n", "Expected a dict of items"),
    ("      enabled: maybe\n", "Expected type: <class 'bool'>"),
    ("      stylesheet_url: x.css\n", "stylesheet_url"),  # a misspelt option is not silently ignored
])
def test_a_wrong_option_is_named(project, options, message):
    configure(project, options)
    result = project.mkdocs_build("--strict")
    assert result.returncode == 1
    assert message in result.stdout + result.stderr, result.stderr[-2000:]


def test_stylesheet_replaces_ours(project):
    """A site's own stylesheet, from its custom_dir (content/ publishes no styles: files.py)."""
    (project.root / "overrides/assets").mkdir(parents=True)
    (project.root / "overrides/assets/desk.css").write_text(".ce-event { color: teal; }\n", encoding="utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    project.event("a", "2024-11-27", "Alpha", key="true")
    configure(project, "      stylesheet: assets/desk.css\n")
    project.build()
    page = project.html("explainers/rebels")
    assert '<link rel="stylesheet" href="../../assets/desk.css">' in page
    assert 'href="../../assets/explainers.css"' not in page
    assert (project.site / "assets/desk.css").read_text() == ".ce-event { color: teal; }\n"


def test_max_file_kb_caps_what_the_build_reads(project):
    project.event("a", "2024-11-27", "Alpha", summary="x" * 3000)
    configure(project, "      max_file_kb: 2\n")
    result = project.mkdocs_build()
    assert result.returncode == 1
    assert "content/events/a.yml: is 3 KB; content files may be at most 2 KB" in result.stdout + result.stderr


def test_the_command_reads_the_same_defaults_as_the_plugin(project):
    """Without the plugin in mkdocs.yml, the commands take the config class's defaults, not copies of them."""
    plugin = load_config(config_file=str(project.root / "mkdocs.yml")).plugins["explainers"].config
    assert dict(defaults()) == dict(plugin)
    assert set(dict(defaults())) == {key for key, _ in ExplainersConfig._schema}


def test_a_config_error_is_not_a_traceback(project):
    configure(project, "      nav_explainers: many\n")
    with pytest.raises((ConfigurationError, SystemExit)):  # MkDocs aborts after logging the error
        load_config(config_file=str(project.root / "mkdocs.yml"))
    result = project.mkdocs_build()
    assert "Traceback" not in result.stderr and "nav_explainers" in result.stderr
