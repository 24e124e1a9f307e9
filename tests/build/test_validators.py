"""The built sample, and the hostile corpus's sites (tests/payloads.py), through the validators other people run
on what the site publishes (issue 24): every page through the Nu Html Checker, the Atom feeds through RFC
4287's RELAX NG schema, sitemap.xml through the sitemaps.org XSD, the JSON Feeds against JSON Feed 1.1 and the
GeoJSON against RFC 7946.

The validators are Debian's (Java, jing, xmllint) and npm's `vnu-jar` (pinned in tests/tools/package.json);
the schemas are vendored in tests/validators/ with their sources named, so nothing is fetched. Without a
validator these tests skip, except under CI (CI=true), where they fail: .ci/run installs them all.

Errors that Material's own templates make are listed once, by message, in MATERIAL_ERRORS with the reason we
leave them; any other error fails.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from payloads import sites_once
from support import REPO, Project, copy_project

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SCHEMAS = REPO / "tests" / "validators"
VNU_JAR = REPO / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The Nu Html Checker's errors in Material's own templates (mkdocs-material 9.x), by the start of the message.
# Not ours to fix: overriding base.html or nav-item.html to drop them would fork Material's templates.
MATERIAL_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is":
        "base.html and nav-item.html put autocomplete=\"off\" on the checkboxes of the drawer, the search and "
        "the navigation toggles, so Firefox does not restore their state on reload",
    "Bad value “” for attribute “tabindex” on element “label”":
        "nav-item.html writes tabindex=\"\" on a section's label when the section has no index page",
}


def need(tool: str, path: Path | None = None) -> str:
    """The tool's path; without it the test skips, or fails under CI."""
    found = str(path) if path is not None and path.is_file() else shutil.which(tool) if path is None else None
    if found:
        return found
    message = f"{tool} is not installed (.ci/run installs it: Debian's default-jre-headless, jing, libxml2-utils; " \
              "npm ci in tests/tools)"
    if IN_CI:
        pytest.fail(message + "; CI=true, so this is a failure, not a skip", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The repository's sample, built once for every validator."""
    root = tmp_path_factory.mktemp("validated")
    copy_project(root)
    Project(root).build()
    return root / "site"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> list[Path]:
    """The hostile corpus's sites, built once per session (the same build test_payloads.py checks)."""
    built = sites_once(tmp_path_factory.getbasetemp() / "payloads")
    failed = [f"{b.name}: {b.error}" for b in built.values() if b.error is not None]
    if failed:
        pytest.fail(f"the payload sites did not build: {failed}", pytrace=False)
    return [b.site for b in built.values()]


@pytest.fixture(scope="module")
def sites(sample, hostile) -> list[Path]:
    return [sample, *hostile]


def fail_with(problems: list[str], what: str) -> None:
    if problems:
        shown = "\n".join(f"  {p}" for p in problems[:40])
        more = f"\n  … and {len(problems) - 40} more" if len(problems) > 40 else ""
        pytest.fail(f"{what} ({len(problems)}):\n{shown}{more}", pytrace=False)


# Nu Html Checker ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nu(sites) -> list[dict]:
    """Every error the checker finds in the pages of all the sites, from one Java process (it takes seconds to
    start, and the pages are hundreds)."""
    java = need("java")
    jar = need("vnu.jar", VNU_JAR)
    result = subprocess.run([java, "-jar", jar, "--format", "json", "--stdout", "--exit-zero-always",
                             "--errors-only", "--skip-non-html", *map(str, sites)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    return [m for m in json.loads(result.stdout)["messages"] if m["type"] in ("error", "non-document-error")]


def page_of(message: dict) -> str:
    """The file a message is about: the checker writes file:/tmp/... (or file:///tmp/...)."""
    return re.sub(r"^file:(//)?", "", message.get("url", ""))


def ours_in(site: Path, messages: list[dict]) -> list[str]:
    """The errors in the site's pages that Material's templates do not explain, as `page:line: message`."""
    prefix = f"{site}/"
    return sorted(f"{page_of(m).removeprefix(prefix)}:{m.get('lastLine', '?')}: {m['message']}"
                  for m in messages if page_of(m).startswith(prefix)
                  and not any(m["message"].startswith(known) for known in MATERIAL_ERRORS))


def test_every_page_passes_the_nu_html_checker(sample, nu):
    pages = list(sample.rglob("*.html"))
    assert len(pages) > 50  # the whole site: explainers, editions, entity, archive, guide and embed pages
    assert any(page_of(m).startswith(f"{sample}/") for m in nu)  # checked: Material's errors are on every page
    fail_with(ours_in(sample, nu), "Nu Html Checker errors in our own markup")


def test_every_page_of_the_hostile_corpus_passes_the_nu_html_checker(hostile, nu):
    fail_with([error for site in hostile for error in ours_in(site, nu)],
              "Nu Html Checker errors in our own markup, on hostile content")


# Atom: RFC 4287's RELAX NG schema -------------------------------------------------------------------------------

def test_atom_feeds_pass_rfc_4287s_schema(sample, sites):
    jing = need("jing")
    feeds = sorted(feed for site in sites for feed in site.rglob("*.atom"))
    assert len(list(sample.rglob("*.atom"))) >= 4  # the site's and each explainer's
    result = subprocess.run([jing, "-c", str(SCHEMAS / "atom.rnc"), *map(str, feeds)],
                            capture_output=True, text=True, timeout=300)
    fail_with(result.stdout.splitlines() + result.stderr.splitlines(), "RFC 4287 schema errors")
    assert result.returncode == 0
    assert "<at:deleted-entry" in (sample / "feed.atom").read_text(encoding="utf-8")  # a tombstone was checked


# sitemap.xml: the sitemaps.org XSD --------------------------------------------------------------------------

def test_the_sitemaps_pass_the_sitemaps_xsd(sample, sites):
    xmllint = need("xmllint")
    result = subprocess.run([xmllint, "--noout", "--nonet", "--schema", str(SCHEMAS / "sitemap-hreflang.xsd"),
                             *(str(site / "sitemap.xml") for site in sites)], capture_output=True, text=True,
                            timeout=120)
    fail_with([line for line in result.stderr.splitlines() if not line.endswith(" validates")],
              "sitemap XSD errors")
    assert result.returncode == 0
    text = (sample / "sitemap.xml").read_text(encoding="utf-8")
    # A validator reading the file alone finds the schema of each namespace it uses, xhtml:link's included
    location = re.search(r'xsi:schemaLocation="([^"]+)"', text).group(1).split()
    assert dict(zip(location[::2], location[1::2])) == {
        "http://www.sitemaps.org/schemas/sitemap/0.9": "http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd",
        "http://www.w3.org/1999/xhtml": "http://www.w3.org/2002/08/xhtml/xhtml1-strict.xsd"}
    assert "<xhtml:link " in text


# JSON Feed 1.1 ----------------------------------------------------------------------------------------------

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def json_feed_problems(feed: dict) -> list[str]:
    """What JSON Feed 1.1 (jsonfeed.org/version/1.1) requires, and the types of the fields we write."""
    problems = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"version is {feed.get('version')!r}")
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("no title")
    if not isinstance(feed.get("items"), list):
        return problems + ["items is not an array"]
    for key in ("home_page_url", "feed_url", "description", "language"):
        if key in feed and not isinstance(feed[key], str):
            problems.append(f"{key} is not a string")
    for author in feed.get("authors", []):
        if not isinstance(author, dict) or not {"name", "url", "avatar"} & set(author):
            problems.append(f"author {author!r} has none of name, url, avatar")
    seen = set()
    for n, item in enumerate(feed["items"]):
        where = f"items[{n}]"
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"{where}: id must be a non-empty string")
        elif item["id"] in seen:
            problems.append(f"{where}: id {item['id']} repeated")
        seen.add(item.get("id"))
        if not isinstance(item.get("content_html"), str) and not isinstance(item.get("content_text"), str):
            problems.append(f"{where}: neither content_html nor content_text")
        for key in ("date_published", "date_modified"):
            if key in item and not RFC3339.match(str(item[key])):
                problems.append(f"{where}: {key} {item[key]!r} is not RFC 3339")
        for key in ("url", "title", "language"):
            if key in item and not isinstance(item[key], str):
                problems.append(f"{where}: {key} is not a string")
        if not isinstance(item.get("language"), str):
            problems.append(f"{where}: no language")  # ours: each item says its language (issue 24)
    return problems


def test_json_feeds_have_json_feed_1_1s_required_fields(sample, sites):
    assert len(list(sample.rglob("feed.json"))) >= 4
    problems = []
    for path in sorted(feed for site in sites for feed in site.rglob("feed.json")):
        problems += [f"{path}: {p}" for p in json_feed_problems(json.loads(path.read_text(encoding="utf-8")))]
    fail_with(problems, "JSON Feed 1.1 problems")


def test_the_json_feed_checker_finds_what_it_looks_for():
    assert json_feed_problems({"version": "https://jsonfeed.org/version/1", "items": [
        {"id": 7, "date_modified": "2024-12-08"}, {"id": "a", "content_text": "x", "language": "en"},
        {"id": "a", "content_html": "<p>x</p>", "language": "en"}]}) == [
        "version is 'https://jsonfeed.org/version/1'", "no title",
        "items[0]: id must be a non-empty string", "items[0]: neither content_html nor content_text",
        "items[0]: date_modified '2024-12-08' is not RFC 3339", "items[0]: no language",
        "items[2]: id a repeated"]


# GeoJSON: RFC 7946 ----------------------------------------------------------------------------------------------

GEOMETRIES = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def _position_problems(position, where: str) -> list[str]:
    if not isinstance(position, list) or len(position) not in (2, 3) or not all(
            isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in position):
        return [f"{where}: a position is two or three numbers, not {position!r}"]
    lon, lat = position[0], position[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return [f"{where}: [{lon}, {lat}] is not [longitude, latitude] in WGS 84 degrees"]
    return []


def _coordinates_problems(coordinates, depth: int, where: str) -> list[str]:
    if depth == 0:
        return _position_problems(coordinates, where)
    if not isinstance(coordinates, list):
        return [f"{where}: coordinates nested {depth} deeper expected"]
    return [p for part in coordinates for p in _coordinates_problems(part, depth - 1, where)]


def geojson_problems(data: dict) -> list[str]:
    """RFC 7946's rules for what we write: a FeatureCollection of Features, each with `geometry` (an object or
    null) and `properties` (an object or null), an id that is a string or a number, positions in longitude,
    latitude order within range, and no `crs` member (removed from the format)."""
    if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        return ["not a FeatureCollection with a features array"]
    problems = ["the crs member is not GeoJSON since RFC 7946"] if "crs" in data else []
    for n, feature in enumerate(data["features"]):
        where = f"features[{n}]"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(f"{where}: not a Feature")
            continue
        if "geometry" not in feature or "properties" not in feature:
            problems.append(f"{where}: a Feature has members geometry and properties (null if none)")
        if "id" in feature and not isinstance(feature["id"], (str, int, float)):
            problems.append(f"{where}: id is neither a string nor a number")
        if feature.get("properties") is not None and not isinstance(feature["properties"], dict):
            problems.append(f"{where}: properties is not an object")
        geometry = feature.get("geometry")
        if geometry is None:
            continue
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRIES:
            problems.append(f"{where}: geometry {geometry!r} is not a GeoJSON geometry")
            continue
        problems += _coordinates_problems(geometry.get("coordinates"), GEOMETRIES[geometry["type"]], where)
    return problems


def test_geojson_files_follow_rfc_7946(sample, sites):
    files = sorted(sample.rglob("*.geojson"))
    assert len(files) >= 3
    for path in files:
        assert any(f.get("geometry") for f in json.loads(path.read_text(encoding="utf-8"))["features"]), path
    problems = []
    for path in sorted(file for site in sites for file in site.rglob("*.geojson")):
        problems += [f"{path}: {p}" for p in geojson_problems(json.loads(path.read_text(encoding="utf-8")))]
    fail_with(problems, "RFC 7946 problems")


def test_the_geojson_checker_finds_what_it_looks_for():
    assert geojson_problems({"type": "FeatureCollection", "crs": {}, "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.2, 37.1]}, "properties": {}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.2, 97.1]}, "properties": {}},
        {"type": "Feature", "properties": None},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["1", 2]}, "properties": []}]}) == [
        "the crs member is not GeoJSON since RFC 7946",
        "features[1]: [36.2, 97.1] is not [longitude, latitude] in WGS 84 degrees",
        "features[2]: a Feature has members geometry and properties (null if none)",
        "features[3]: properties is not an object",
        "features[3]: a position is two or three numbers, not ['1', 2]"]
