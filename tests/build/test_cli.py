"""The `explainers` command as editors and CI run it: exit codes, output, files written, refusals."""

import json
import re
import subprocess
import sys

import pytest
import yaml

from generator.cli import github_annotation
from generator.format.problems import Problem


def explainers(project, *args: str) -> subprocess.CompletedProcess:
    return project.run("generator.cli", *args)


@pytest.fixture
def valid(project):
    project.event("a", "2024-11-27", "Alpha", key="true", place="aleppo")
    return project


def snapshot(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_validate_ok_exits_zero_and_changes_nothing(valid):
    before = snapshot(valid.content)
    result = explainers(valid, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "OK: 1 events, 2 actors, 2 places, 1 explainers"
    assert snapshot(valid.content) == before


def test_validate_text_lists_every_problem_and_exits_one(valid):
    valid.write("events/b.yml", "date: 2024-11-27\ntitel: x\ntitle: y\nplace: hamma\nsources: [{title: S}]\n")
    result = explainers(valid, "validate")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/events/b.yml:2: unknown field 'titel' in event; did you mean 'title'?",
        "content/events/b.yml:4: place 'hamma' is not in content/places.yml; did you mean 'hama'?",
        "2 problem(s) in 1 file(s)",
    ]


def test_validate_github_prints_workflow_annotations(valid):
    valid.write("events/b.yml", "date: 2024-11-27\ntitle: y\nplace: hamma\nsources: [{title: S}]\n")
    result = explainers(valid, "validate", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/events/b.yml,line=3,title=content problem::"
        "place 'hamma' is not in content/places.yml; did you mean 'hama'?"]


def test_github_annotation_escapes_its_separators():
    line = github_annotation(Problem("content/a,b:c.yml", 2, "bad 100%\nvalue", "fix: it"))
    assert line == "::error file=content/a%2Cb%3Ac.yml,line=2,title=content problem::bad 100%25%0Avalue; fix: it"


def test_validate_json_is_for_tools(valid):
    valid.write("events/b.yml", "date: 2024-11-27T10:00\ntitle: y\nsources: [{title: S}]\n")
    result = explainers(valid, "validate", "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert problems == [{"path": "content/events/b.yml", "line": 1,
                         "message": "date: '2024-11-27T10:00' has a time but no UTC offset, so it is ambiguous",
                         "hint": "add the offset of the place the time was read in, e.g. 2024-11-27T10:00+03:00 for Syria"}]


def test_new_event_writes_every_field_and_refuses_to_overwrite(valid):
    result = explainers(valid, "new", "event", "2024-12-05-hama-falls", "--date", "2024-12-05", "--place", "hama",
                        "--title", "Rebels take Hama")
    assert result.returncode == 0, result.stderr
    path = valid.content / "events/2024/2024-12-05-hama-falls.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/event.schema.json\n")
    assert (path.parent / "../../../schemas/event.schema.json").resolve().is_file()  # the link leads somewhere
    data = yaml.safe_load(text)
    assert data["title"] == "Rebels take Hama" and data["place"] == "hama" and data["date"] == "2024-12-05"
    from generator.format import schema
    for field in schema.EVENT.fields:  # every field present, optional ones commented with their help
        assert re.search(rf"^#? ?{field.name}:.*", text, re.MULTILINE), field.name
        assert field.help in text
    path.write_text(text + "# edited\n")
    again = explainers(valid, "new", "event", "2024-12-05-hama-falls")
    assert again.returncode == 1
    assert "already exists" in again.stderr and "nothing was written" in again.stderr
    assert path.read_text().endswith("# edited\n")


def test_new_event_rejects_bad_ids_and_dates(valid):
    assert "not a valid event id" in explainers(valid, "new", "event", "Bad Id").stderr
    result = explainers(valid, "new", "event", "ok-id", "--date", "2024-12-05T10:00")
    assert result.returncode == 1 and "no UTC offset" in result.stderr
    assert not list(valid.content.rglob("ok-id.yml"))


def test_new_explainer_then_fill_it_in_and_it_builds(valid):
    result = explainers(valid, "new", "explainer", "hama")
    assert result.returncode == 0, result.stderr
    path = valid.content / "explainers/hama.md"
    text = path.read_text()
    assert text.startswith("---\n") and "events:" in text and "<!-- what-we-know-so-far -->" in text
    assert explainers(valid, "new", "explainer", "hama").returncode == 1
    path.write_text(text.replace('title: ""', "title: Hama").replace("tags: []", "tags: [offensive]"))
    assert explainers(valid, "validate").returncode == 0


def test_schema_command_writes_json_schemas_with_the_registries_ids(valid):
    result = explainers(valid, "schema")
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (valid.root / "schemas").iterdir())
    assert names == ["actors.schema.json", "event.schema.json", "explainer.schema.json", "page.schema.json",
                     "places.schema.json", "tags.schema.json"]
    event = json.loads((valid.root / "schemas/event.schema.json").read_text())
    assert event["properties"]["place"]["enum"] == ["aleppo", "hama"]
    assert event["required"] == ["date", "title", "sources"]


def as_the_plugin_feeds_it(markdown: str, src_uri: str) -> str:
    """A page body `generate` wrote, as the plugin hands it to MkDocs: without the trusted-block lines, and the
    blocks' relative links as Zensical reads them (from the page's file: one "../" more on a page not named
    index.md, with directory URLs)."""
    from generator.pages.blocks import TRUSTED_BEGIN, TRUSTED_END

    deeper = not src_uri.endswith("index.md")

    def block(match: re.Match) -> str:
        html = match.group(1)
        if deeper:
            html = re.sub(r'(<[a-z][^<>]*\s(?:href|src)=")(?![a-z]+:|[/#"])', r"\1../", html)
        return html

    return re.sub(f"{re.escape(TRUSTED_BEGIN)}\n(.*?)\n{re.escape(TRUSTED_END)}", block, markdown, flags=re.DOTALL)


def test_generate_writes_what_the_plugin_feeds_mkdocs(valid, monkeypatch):
    from generator.engines.mkdocs.plugin import ExplainersPlugin

    fed = {}
    original = ExplainersPlugin.on_page_markdown

    def spy(self, markdown, *, page, config, files):
        result = original(self, markdown, page=page, config=config, files=files)
        fed[page.file.src_uri] = self.blocks.expand(result, keep=True)  # the timelines go to Markdown's stash
        return result

    monkeypatch.setattr(ExplainersPlugin, "on_page_markdown", spy)
    config = valid.root / "mkdocs.yml"  # site facts (absolute embed links, feed ids) must reach both paths
    config.write_text(config.read_text() + "site_url: https://news.example/desk/\n")
    valid.build()
    out = valid.root / "generated"
    result = explainers(valid, "generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    docs = out / "docs"
    for src_uri, markdown in fed.items():
        written = (docs / src_uri).read_text(encoding="utf-8")
        body = written.split("\n---\n\n", 1)[1] if written.startswith("---\n") else written
        assert as_the_plugin_feeds_it(body, src_uri) == markdown, src_uri
    assert "<!-- explainers-block trusted -->\n" in (docs / "explainers/rebels.md").read_text()
    assert not (docs / "events").exists() and not (docs / "actors.yml").exists()
    assert 'id="event-a"' in (docs / "explainers/rebels.md").read_text()
    assert "https://news.example/desk/embed/rebels/" in (docs / "explainers/rebels.md").read_text()
    assert {"actors/hts.md", "places/aleppo.md", "archive.md", "guide/fields.md"} <= set(fed)
    assert (out / "zensical.toml").is_file() and (out / "theme/main.html").is_file()


def test_generated_pages_build_with_plain_mkdocs(valid):
    """No plugin: MkDocs and Material with the source's theme folder and its Markdown extension."""
    out = valid.root / "plain"
    assert explainers(valid, "generate", "--out", str(out)).returncode == 0
    config = out / "mkdocs.yml"
    config.write_text("site_name: Plain\ndocs_dir: docs\ntheme: {name: material, custom_dir: theme}\n"
                      "markdown_extensions: [attr_list, generator.zensical]\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=out,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = (out / "site/explainers/rebels/index.html").read_text()
    assert 'id="event-a"' in page and '<li class="ce-event' in page and "explainers-block" not in page
    assert '<script type="application/ld+json">' in page  # the head extras, from page meta
    assert "ce-embed-page" in (out / "site/embed/rebels/index.html").read_text()  # template: embed.html


def test_generate_refuses_broken_content(valid):
    valid.write("events/b.yml", "date: nope\ntitle: y\nsources: [{title: S}]\n")
    out = valid.root / "generated"
    result = explainers(valid, "generate", "--out", str(out))
    assert result.returncode == 1
    assert "content/events/b.yml:1: date: 'nope' is not a date" in result.stderr
    assert not out.exists()


def test_missing_config_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator.cli", "validate"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "mkdocs.yml not found" in result.stderr and "Traceback" not in result.stderr


def test_import_acled_command_adds_then_skips_and_the_result_validates(valid):
    import csv
    from generator.outputs.acled_csv import COLUMNS

    row = {column: "" for column in COLUMNS}
    row.update({"event_id_cnty": "SYR9001", "event_date": "2024-12-05", "year": "2024", "time_precision": "1",
                "disorder_type": "Political violence", "event_type": "Battles",
                "sub_event_type": "Armed clash", "actor1": "Hayat Tahrir al-Sham", "inter1": "Rebel group",
                "iso": "760", "country": "Syria", "admin1": "Hama", "location": "Hama", "latitude": "35.1318",
                "longitude": "36.7578", "geo_precision": "1", "source": "Reuters",
                "notes": "Clashes near Hama.", "fatalities": "3", "timestamp": "1733400000"})
    path = valid.root / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerow(row)
    first = explainers(valid, "import", "acled", str(path), "--tag", "offensive")
    assert first.returncode == 0, first.stdout + first.stderr
    written = sorted(p.relative_to(valid.content).as_posix() for p in (valid.content / "events").rglob("*.yml"))
    assert "events/acled/syr9001.yml" in written
    again = explainers(valid, "import", "acled", str(path), "--tag", "offensive")
    assert again.returncode == 0
    assert sorted(p.relative_to(valid.content).as_posix() for p in (valid.content / "events").rglob("*.yml")) == written
    assert explainers(valid, "validate").returncode == 0


def test_no_command_but_new_and_import_touches_the_editors_files(valid):
    before = snapshot(valid.content)
    for args in (("validate",), ("validate", "--format", "json"), ("schema",),
                 ("generate", "--out", str(valid.root / "out"))):
        assert explainers(valid, *args).returncode == 0, args
    assert valid.mkdocs_build("--strict").returncode == 0
    assert snapshot(valid.content) == before


def test_import_refuses_while_a_registry_is_broken(valid):
    (valid.content / "actors.yml").write_text("hts:\n  name: [unclosed\n", encoding="utf-8")
    csv_file = valid.root / "acled.csv"
    csv_file.write_text("event_id_cnty,event_date,event_type,notes\n", encoding="utf-8")
    result = explainers(valid, "import", "acled", str(csv_file))
    assert result.returncode == 1
    assert "content/actors.yml:3: YAML syntax error" in result.stderr and "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert (valid.content / "actors.yml").read_text(encoding="utf-8") == "hts:\n  name: [unclosed\n"
