"""The `explainers` command: validate, new, schema, generate (and import) for editors and CI."""

from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime
from pathlib import Path

import click

from .engines.mkdocs.project import open_project
from .engines.mkdocs.settings import read_mkdocs_yml
from .engines.zensical.source import write_site
from .format import schema as s
from .format.jsonschema import schema_comment, schemas
from .format.problems import Problem
from .format.skeletons import skeleton
from .importers.acled import import_acled
from .records.content import all_warnings
from .records.dates import DateError, parse_date
from .records.translations import untranslated
from .records.validation import SLUG

CONFIG = click.option("--config", "-f", "config_file", default="mkdocs.yml", show_default=True,
                      type=click.Path(dir_okay=False), help="The site's mkdocs.yml.")


def _project(config_file: str):
    if not Path(config_file).is_file():
        raise click.ClickException(f"{config_file} not found; run this in the project folder or pass --config")
    try:
        return open_project(config_file)
    except Exception as error:  # MkDocs' own config errors, e.g. a typo in mkdocs.yml
        raise click.ClickException(f"{config_file}: {error}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Write, check and publish "What We Know So Far" explainers."""


# validate ----------------------------------------------------------------------------------------------------

def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the line on the pull request's diff."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    message = f"{problem.message}; {problem.hint}" if problem.hint else problem.message
    command, title = ("warning", "content warning") if problem.is_warning else ("error", "content problem")
    return f"::{command} file={prop(problem.path)},line={max(problem.line, 1)},title={prop(title)}::{data(message)}"


@main.command()
@click.option("--format", "output", type=click.Choice(["text", "github", "json"]), default="text",
              show_default=True, help="text for people, github for workflow annotations, json for tools.")
@click.option("--missing", "missing", type=click.Choice([lang for lang in s.LANGUAGES if lang != s.SITE_LANGUAGE]),
              help="Also list the texts not yet translated into this language (never an error).")
@CONFIG
def validate(output: str, config_file: str, missing: str | None):
    """Run the build's checks without building; exit 1 on any problem (warnings alone exit 0)."""
    project = _project(config_file)
    content = project.load()
    if missing and output == "text":
        registries = {name: (project.docs_dir / getattr(project.options, f"{name}_file")).relative_to(project.root)
                      .as_posix() for name in ("actors", "places", "tags")}
        gaps = untranslated(content, missing, registries)
        for path, fields in gaps:
            click.echo(f"{path}: not yet in {missing}: {', '.join(fields)}")
        click.echo(f"{sum(len(f) for _, f in gaps)} text(s) in {len(gaps)} file(s) not yet translated into {missing}"
                   if gaps else f"everything is translated into {missing}")
    problems, warnings = content.problems, all_warnings(content, unlinked_sources=project.options.warn_unlinked_sources)
    if output == "json":
        # Problems keep the four keys tools already read; a warning says so in a fifth.
        click.echo(json.dumps([{"path": p.path, "line": p.line, "message": p.message, "hint": p.hint}
                               for p in problems] +
                              [{"path": w.path, "line": w.line, "message": w.message, "hint": w.hint,
                                "severity": "warning"} for w in warnings], ensure_ascii=False, indent=2))
    else:
        for problem in sorted(problems + warnings, key=lambda p: (p.path, p.line, p.is_warning, p.message)):
            click.echo(github_annotation(problem) if output == "github" else str(problem))
        summary = (f"{len(problems)} problem(s) in {len({p.path for p in problems})} file(s)" if problems else
                   f"OK: {len(content.events)} events, {len(content.actors)} actors, {len(content.places)} places, "
                   f"{len(content.explainers)} explainers")
        if warnings:
            summary += f"; {len(warnings)} warning(s)"
        click.echo(summary, err=output == "github")
    sys.exit(1 if problems else 0)


# new ---------------------------------------------------------------------------------------------------------

def _write_new(path: Path, text: str, root: Path) -> None:
    if path.exists():
        raise click.ClickException(f"{path.relative_to(root).as_posix()} already exists; nothing was written "
                                   "(choose another name, or edit that file)")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    click.echo(f"wrote {path.relative_to(root).as_posix()}")


@main.group()
def new():
    """Start a new event record or explainer page."""


@new.command("event")
@click.argument("ident")
@click.option("--date", help="YYYY-MM-DD, or a date-time with offset such as 2024-12-05T14:30+03:00.")
@click.option("--place", help="A place id from places.yml.")
@click.option("--title", help="One-line headline.")
@CONFIG
def new_event(ident: str, date: str | None, place: str | None, title: str | None, config_file: str):
    """Write content/events/[YEAR/]IDENT.yml with every field present."""
    project = _project(config_file)
    if not SLUG.match(ident):
        raise click.ClickException(f"'{ident}' is not a valid event id: use lowercase letters, digits and hyphens")
    existing = {p.stem: p for p in project.events_dir.rglob("*.yml")} if project.events_dir.exists() else {}
    if ident in existing:
        raise click.ClickException(f"an event '{ident}' already exists: "
                                   f"{existing[ident].relative_to(project.root).as_posix()}; nothing was written")
    values = {}
    folder = project.events_dir
    if date:
        try:
            parsed = parse_date(date)
        except DateError as error:
            raise click.ClickException(f"--date: {error.message}; {error.hint}") from None
    else:
        date, parsed = date_in_id(ident)  # otherwise `date: ""`, which validate asks to fill in
        if date:
            click.echo(f"date {date} taken from the id (--date gives another)")
    if date:
        values["date"] = f'"{date}"'
        folder = folder / f"{parsed.year:04d}"
    if place:
        values["place"] = place
    if title:
        values["title"] = json.dumps(title, ensure_ascii=False)
    target = folder / f"{ident}.yml"
    _write_new(target, schema_comment(project.schemas_dir, target.parent) + "\n" + skeleton(s.EVENT, values),
               project.root)
    if not (project.schemas_dir / "event.schema.json").exists():  # so the $schema line points at a file
        write_schemas(project, project.schemas_dir)
        click.echo(f"wrote {project.schemas_dir.relative_to(project.root).as_posix()}/ (commit it: other clones' "
                   "editors read the $schema line's file from it)")


def date_in_id(ident: str):
    """The date an id such as 2024-12-05-hama-falls starts with (day or month), and its parsed form; (None, None)
    when it starts with none. A bare year is not taken: "1000-killed-in-raid" does not start with a date."""
    match = _ID_DATE.match(ident)
    if match:
        try:
            return match.group(1), parse_date(match.group(1))
        except DateError:  # 2024-13-...: leave it to the editor rather than guess
            pass
    return None, None


_ID_DATE = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)(?=-|$)")


@new.command("explainer")
@click.argument("slug")
@CONFIG
def new_explainer(slug: str, config_file: str):
    """Write content/explainers/SLUG.md with its front matter and a lede to replace."""
    project = _project(config_file)
    if not SLUG.match(slug):
        raise click.ClickException(f"'{slug}' is not a valid slug: use lowercase letters, digits and hyphens")
    target = project.docs_dir / "explainers" / f"{slug}.md"
    now = datetime.now().astimezone().strftime("%Y-%m-%dT%H:%M%z")
    now = f"{now[:-2]}:{now[-2:]}"  # the editor's own clock and offset: the moment they start writing
    front = skeleton(s.EXPLAINER, {"title": '""', "published": f'"{now}"',
                                   "events": "\n  tags: []  # fill in the tags of the events it shows (or actors, places, ids, from, to)"})
    # The marker on a line of its own between paragraphs: inside a sentence, the summary would split it.
    body = ("\nThe lede: one paragraph saying what happened.\n\n"
            "<!-- what-we-know-so-far -->\n\n"
            "The story goes on here. \"What We Know So Far\" is shown where the line above is; without that line,\n"
            "it follows the first paragraph.\n")
    _write_new(target, f"---\n{front}---\n{body}", project.root)


# schema ------------------------------------------------------------------------------------------------------

@main.command("schema")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder for the schema files [default: schemas/ beside mkdocs.yml].")
@CONFIG
def schema_command(out: str | None, config_file: str):
    """Write JSON Schema files for events, actors.yml, places.yml and explainer front matter."""
    project = _project(config_file)
    for path in write_schemas(project, Path(out) if out else project.schemas_dir):
        click.echo(f"wrote {path.as_posix()}")


def write_schemas(project, folder: Path) -> list[Path]:
    """The JSON Schema files, with the registries' current ids; generated files, never editors' own."""
    content = project.load()
    ids = {"actors": sorted(content.actors), "places": sorted(content.places), "events": sorted(content.events)}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, document in schemas(ids).items():
        (folder / name).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(folder / name)
    return written


# generate ----------------------------------------------------------------------------------------------------

@main.command()
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder for the site source: zensical.toml, docs/ and theme/.")
@CONFIG
def generate(out: str, config_file: str):
    """Write a whole site source that Zensical builds without this plugin: `cd OUT && zensical build`."""
    project = _project(config_file)
    content = project.load()
    if content.problems:
        for problem in content.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(content.problems)} problem(s) in the content; nothing was written")
    try:
        settings = read_mkdocs_yml(project.config.config_file_path)  # its errors before any writing
        written = write_site(project.prepare(content), content, project.docs_dir, Path(out), project.options,
                             settings)
    except (FileExistsError, ValueError) as error:  # a folder not ours; a mkdocs.yml setting TOML cannot hold
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {len(written)} files to {out}; build them with: cd {out} && zensical build --clean")


# import ------------------------------------------------------------------------------------------------------

@main.group("import")
def import_group():
    """Bring records in from other data sets."""


@import_group.command("acled")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--country", help="Only rows of this country (as ACLED names it, e.g. Syria).")
@click.option("--from", "start", help="Only events on or after YYYY-MM-DD.")
@click.option("--to", "end", help="Only events on or before YYYY-MM-DD.")
@click.option("--tag", help="A tag slug added to every imported event, for an explainer to select (one of tags.yml).")
@click.option("--map", "mapping", type=click.Path(exists=True, dir_okay=False),
              help="A YAML file answering near misses: 'places:' and 'actors:', each ACLED's name: an id (or new).")
@click.option("--accept-near-misses", is_flag=True,
              help="Take a name that only looks like one entry (Dar'a, daraa) as it; listed for review.")
@click.option("--dry-run", is_flag=True, help="Read and check everything, report, write nothing.")
@CONFIG
def import_acled_command(csv_file: str, country, start, end, tag, mapping, accept_near_misses, dry_run,
                         config_file: str):
    """Turn an ACLED CSV export into event files and registry entries; re-running adds only what is new."""
    for name, value in (("--from", start), ("--to", end)):
        try:
            date.fromisoformat(value) if value else None
        except ValueError:
            raise click.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD", param_hint=name) from None
    project = _project(config_file)
    registries = {project.options.actors_file, project.options.places_file}
    broken = [p for p in project.load().problems if p.path.rsplit("/", 1)[-1] in registries]
    if broken:  # new entries are appended to these files: they must read cleanly first
        for problem in broken:
            click.echo(str(problem), err=True)
        raise click.ClickException("fix the registries first; nothing was imported")
    report = import_acled(csv_file, project.docs_dir, country=country, start=start, end=end, tag=tag,
                          events_dir=project.options.events_dir, actors_file=project.options.actors_file,
                          places_file=project.options.places_file, tags_file=project.options.tags_file,
                          schemas_dir=project.schemas_dir, mapping=mapping,
                          accept_near_misses=accept_near_misses, dry_run=dry_run)
    click.echo(str(report))
    sys.exit(0 if report.ok else 1)


if __name__ == "__main__":
    main()
