"""The editors' guide ships in the site, and its field reference is the schema itself."""

import html
import re

import pytest
import yaml

from support import REPO
from generator.format import reference, schema
from generator.records.loading import split_front_matter
from generator.engines.mkdocs.project import open_project
from generator.records.validation import Checker


def test_field_reference_lists_every_field_of_every_record(project):
    project.event("a", "2024-11-27", "Alpha")
    project.build()
    page = project.html("guide/fields")
    for record in (schema.EVENT, schema.SOURCE, schema.CLAIM, schema.FATALITIES, schema.CORRECTION, schema.ACTOR,
                   schema.PLACE, schema.EXPLAINER, schema.SELECTOR):
        for field in record.fields:
            assert f"<code>{field.name}</code>" in page, (record.name, field.name)
    rows = re.findall(r"<tr>\s*<td><code>([a-z_]+)</code></td>", page)
    assert len(rows) >= sum(len(r.fields) for r in (schema.EVENT, schema.ACTOR, schema.PLACE, schema.EXPLAINER))
    for status, meaning in schema.CLAIM_STATUSES.items():
        assert meaning in page


def test_sample_site_has_the_guide_pages(tmp_path):
    import subprocess, sys
    from support import REPO
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path)], cwd=REPO, check=True,
                   capture_output=True)
    assert "The daily loop" in (tmp_path / "guide/index.html").read_text()
    assert "duplicate key" in (tmp_path / "guide/errors/index.html").read_text()
    assert "non-state-actor-overtakes-territory" in (tmp_path / "guide/fields/index.html").read_text()



@pytest.fixture(scope="module")
def sample_ids():
    """What the examples may name: the sample's actors, places and events, the sample site's theme."""
    project = open_project(REPO / "mkdocs.yml")
    content = project.load()
    return {"actors": set(content.actors), "places": set(content.places), "events": set(content.events),
            "theme_dirs": project.theme_dirs}


@pytest.mark.parametrize("title, where, record", reference.SECTIONS, ids=[s[0] for s in reference.SECTIONS])
def test_each_example_in_the_field_reference_validates_clean(sample_ids, title, where, record):
    text = reference.example_yaml(record)
    if record in reference.FRONT_MATTER:
        text = split_front_matter(text)[0]
    node = yaml.compose(text)
    context = reference.where_written(record)
    problems = []
    checker = Checker(f"example of {title}", problems, sample_ids)
    if len(context) == 1:  # an entry of a registry, under its id
        assert len(checker.registry(node, context[0])) == 1
    else:
        if context:  # under the field of the record that holds it: `sources:` for a source
            (key, node), = [(k.value, v) for k, v in node.value]
            assert key == context[1].name
            node = node.value[0] if isinstance(context[1].type, schema.ListOf) else node
        assert checker.record(node, record) is not None
    assert problems == []
    assert all(re.search(rf"^\s*-? ?{f.name}:", text, re.MULTILINE) for f in record.fields if f.required)


def test_field_reference_shows_the_examples_and_marks_its_tables(project):
    project.event("a", "2024-11-27", "Alpha")
    project.build()
    page = project.html("guide/fields")
    for _, _, record in reference.SECTIONS:
        assert reference.example_yaml(record) in html.unescape(page), record.name
    # The class the stylesheet keeps field names whole by ("approximat e" in a narrow column otherwise).
    assert page.count('<div class="ce-fields">') == len(reference.SECTIONS) + 3  # and the vocabularies' tables
