"""The JSON Schema editors get in VS Code and the validator the build runs agree, sample by sample."""

from pathlib import Path

import jsonschema
import pytest
import yaml

from support import REPO
from generator.records.content import load_content
from generator.format.jsonschema import schemas
from generator.records.loading import split_front_matter
from mistakes import MISTAKES, NOT_FOR_JSON_SCHEMA


class EditorLoader(yaml.SafeLoader):
    """YAML as the editor's language server reads it (YAML 1.2 core: dates stay strings)."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_for(relative: str) -> str:
    if relative.startswith("events/"):
        return "event.schema.json"
    if relative.endswith(".md"):
        return "explainer.schema.json"
    return relative.replace(".yml", ".schema.json")


def document(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = split_front_matter(text)[0]
    return yaml.load(text, Loader=EditorLoader)


def json_schema_accepts(content_dir: Path, relative: str, content) -> bool:
    ids = {"actors": sorted(content.actors), "places": sorted(content.places), "events": sorted(content.events)}
    schema = schemas(ids)[schema_for(relative)]
    return jsonschema.Draft202012Validator(schema).is_valid(document(content_dir / relative))


def sample_files():
    content = REPO / "content"
    files = ["actors.yml", "places.yml", "tags.yml"]
    files += sorted(p.relative_to(content).as_posix() for p in (content / "events").rglob("*.yml"))
    files += sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md")
                    if "events:" in (split_front_matter(p.read_text(encoding="utf-8"))[0] or ""))
    return files


@pytest.fixture(scope="module")
def sample_content():
    return load_content(REPO / "content", REPO)


@pytest.mark.parametrize("relative", sample_files())
def test_both_accept_every_sample_file(sample_content, relative):
    assert not [p for p in sample_content.problems if p.path == f"content/{relative}"]
    assert json_schema_accepts(REPO / "content", relative, sample_content)


@pytest.mark.parametrize("relative, text, expected", [
    m for m in MISTAKES if not any(key in m[2] for key in NOT_FOR_JSON_SCHEMA)])
def test_both_reject_every_mistake(project, relative, text, expected):
    project.event("ok", "2024-11-27", "A valid event")
    project.write(relative, text)
    content = load_content(project.content, project.root)
    assert [p for p in content.problems if p.path == f"content/{relative}"], "validator accepted it"
    assert not json_schema_accepts(project.content, relative, content), "JSON Schema accepted it"


def test_the_fixture_itself_is_accepted_by_both(project):
    project.event("ok", "2024-11-27", "A valid event", place="hama", actors="[hts]")
    content = load_content(project.content, project.root)
    assert content.problems == []
    for relative in ("events/ok.yml", "actors.yml", "places.yml", "explainers/rebels.md"):
        assert json_schema_accepts(project.content, relative, content), relative
