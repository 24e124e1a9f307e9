"""The locator maps (issue 16), in real builds: where markers sit, how precision is drawn, what links where, what
the exports say about precision, and what an editor is told about a wrong one."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.records.content import load_content
from tests.support import REPO

PLACES = """\
north:
  name: {en: Northtown, ar: الشمال}
  native_name: نورث
  country: SY
  lat: 36.5
  lon: 37.0
southeast:
  name: Southeast City
  country: SY
  lat: 35.0
  lon: 38.5
region:
  name: The Steppe
  country: SY
  lat: 35.6
  lon: 37.6
  precision: 3
outskirts:
  name: Outskirts
  country: SY
  lat: 35.2
  lon: 36.6
  precision: 2
twin-a:
  name: Twin A
  country: SY
  lat: 34.0
  lon: 36.3
twin-b:
  name: Twin B
  country: SY
  lat: 34.0
  lon: 36.3
nowhere:
  name: Nowhere
  country: SY
"""


class Svg(HTMLParser):
    """The map's markers (an <a> each) with their shapes, titles and labels; the places' list."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.markers: dict[str, dict] = {}
        self.list: dict[str, str] = {}
        self.svg: list[dict] = []
        self.current = None
        self.item = None
        self.capture = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.svg.append(a)
        if tag == "a" and "ce-map__marker" in (a.get("class") or ""):
            self.current = self.markers[a["data-place"]] = {"a": a, "shapes": [], "title": "", "texts": []}
        elif tag == "a" and self.current is None and "places/" in (a.get("href") or ""):  # the list's
            self.item = a["href"].rstrip("/").rsplit("/", 1)[-1]
            self.list[self.item] = ""
        elif self.current is not None and tag in ("circle", "path"):
            if tag == "circle" and "class" not in a:
                a["class"] = "dot"  # the marker's dot: the one shape without a class
            self.current["shapes"].append((tag, a))
        elif self.current is not None and tag in ("title", "text"):
            self.capture = (tag, a)
            if tag == "text":
                self.current["texts"].append([a, ""])

    def handle_endtag(self, tag):
        if tag == "a":
            self.current = self.item = None
        if tag in ("title", "text"):
            self.capture = None

    def handle_data(self, data):
        if self.capture and self.current is not None:
            if self.capture[0] == "title":
                self.current["title"] += data
            else:
                self.current["texts"][-1][1] += data
        elif self.item is not None:
            self.list[self.item] += data


def the_map(html: str) -> str:
    found = re.search(r'<figure class="ce-map[^"]*">.*?</figure>', html, re.DOTALL)
    assert found, "no map on the page"
    return found.group(0)


def parsed(html: str) -> Svg:
    svg = Svg()
    svg.feed(the_map(html))
    return svg


def dot(marker: dict) -> tuple[float, float]:
    shapes = {a.get("class"): a for tag, a in marker["shapes"] if tag == "circle"}
    shape = shapes.get("dot") or shapes.get("ce-map__area")
    return float(shape["cx"]), float(shape["cy"])


@pytest.fixture
def mapped(project):
    project.write("places.yml", PLACES)
    for n, (place, count) in enumerate([("north", 3), ("southeast", 1), ("region", 2), ("outskirts", 1),
                                         ("twin-a", 1), ("twin-b", 2), ("nowhere", 1)]):
        for k in range(count):
            project.event(f"{place}-{k}", f"2024-11-{10 + n:02d}", f"Event {k} at {place}", place=place,
                          actors="[hts]")
    project.event("unplaced", "2024-11-20", "An event with no place")
    return project


def test_markers_sit_where_their_coordinates_say(mapped):
    mapped.build()
    svg = parsed(mapped.html("explainers/rebels"))
    m = svg.markers
    assert set(m) == {"north", "southeast", "region", "outskirts", "twin-a", "twin-b"}  # not Nowhere (no lat/lon)
    north, southeast, region = dot(m["north"]), dot(m["southeast"]), dot(m["region"])
    assert north[1] < region[1] < southeast[1]  # north of is above (SVG's y grows downwards)
    assert north[0] < region[0] < southeast[0]  # east of is to the right
    assert dot(m["outskirts"])[0] < north[0] and dot(m["outskirts"])[1] > region[1]
    width, height = map(float, svg.svg[0]["viewbox"].split()[2:])
    assert all(0 < x < width and 0 < y < height for x, y in map(dot, m.values()))
    # Bigger by events: Northtown (3) over Southeast City (1).
    radius = {p: float(next(a["r"] for t, a in m[p]["shapes"] if a.get("class") == "dot"))
              for p in ("north", "southeast")}
    assert radius["north"] > radius["southeast"]


def test_precision_draws_a_dot_a_ring_or_an_area(mapped):
    mapped.build()
    m = parsed(mapped.html("explainers/rebels")).markers
    classes = {p: sorted(a.get("class") for t, a in m[p]["shapes"]) for p in ("north", "outskirts", "region")}
    assert classes["north"] == ["dot"]
    assert classes["outskirts"] == ["ce-map__near", "dot"]
    assert classes["region"] == ["ce-map__area"]  # a region is an area, never a precise dot
    area = float(m["region"]["shapes"][0][1]["r"])
    assert area > 15
    assert "(a region)" in m["region"]["title"] and "(near it)" in m["outskirts"]["title"]


def test_places_at_the_same_spot_are_grouped_never_hidden(mapped):
    mapped.build()
    m = parsed(mapped.html("explainers/rebels")).markers
    a, b = dot(m["twin-a"]), dot(m["twin-b"])
    assert abs(a[0] - b[0]) + abs(a[1] - b[1]) > 10  # drawn apart
    starts = []
    for twin in ("twin-a", "twin-b"):  # each with a line from the true spot (the same one) to its marker
        (leader,) = [s["d"] for t, s in m[twin]["shapes"] if s.get("class") == "ce-map__leader"]
        x, y, dx, dy = map(float, re.fullmatch(r"M(\S+) (\S+)l(\S+) (\S+)", leader).groups())
        assert abs(x + dx - dot(m[twin])[0]) < .15 and abs(y + dy - dot(m[twin])[1]) < .15
        starts.append((x, y))
    assert starts[0] == starts[1]


def test_markers_are_named_links_to_the_places_events(mapped):
    mapped.build()
    html = mapped.html("explainers/rebels")
    svg = parsed(html)
    located = the_map(html)
    assert '<title id="ce-map-title">' in located and '<desc id="ce-map-desc">' in located
    assert svg.svg[0]["aria-labelledby"] == "ce-map-title" and svg.svg[0]["aria-describedby"] == "ce-map-desc"
    north = svg.markers["north"]
    assert north["title"] == "Northtown: 3 events"
    assert north["a"]["href"] == "../../places/north/"  # without JavaScript: the place's page
    assert (mapped.site / "places" / "north" / "index.html").exists()
    assert [t for a, t in north["texts"]] == ["Northtown", "نورث"]  # the label, the native name under it
    # The same for screen readers, after the map: every place, its events and its precision.
    assert list(svg.list) == ["north", "region", "twin-b", "outskirts", "southeast", "twin-a"]  # most events first
    items = re.findall(r"<li>(.*?)</li>", located.split('id="ce-map-places"', 1)[1])
    assert re.sub(r"<[^>]+>", "", items[1]) == "The Steppe (a region): 2 events"
    assert "Events without a location (2) are not on the map." in located  # Nowhere's and the unplaced one
    # The map comes before the timeline, under its own heading.
    assert html.index('id="map"') < html.index('class="ce-map') < html.index('id="timeline"')


def test_the_arabic_page_labels_in_arabic_right_to_left(mapped):
    mapped.write("explainers/rebels-ar.md", mapped.content.joinpath("explainers/rebels.md").read_text()
                 .replace("title: Rebels advance", "title: تقدم الفصائل\nlang: ar"))
    mapped.build()
    svg = parsed(mapped.html("explainers/rebels-ar"))
    north = svg.markers["north"]
    assert north["title"].startswith("الشمال")
    (label, text), (native, native_text) = north["texts"]
    assert (text, native_text) == ("الشمال", "نورث") and "direction" not in label  # the page's own direction
    assert float(label["x"]) < dot(north)[0]  # after the marker in reading order: to its left
    southeast = svg.markers["southeast"]  # not translated: marked as English, written left to right
    (label, text), = [(a, t) for a, t in southeast["texts"]]
    assert text == "Southeast City" and label["lang"] == "en" and label["direction"] == "ltr"
    assert label.get("text-anchor") == "end" and float(label["x"]) < dot(southeast)[0]


def test_actor_and_place_pages_have_a_smaller_map(mapped):
    mapped.build()
    actor = parsed(mapped.html("actors/hts"))
    assert set(actor.markers) == {"north", "southeast", "region", "outskirts", "twin-a", "twin-b"}
    assert 'class="ce-map ce-map--small"' in mapped.html("actors/hts")
    place = parsed(mapped.html("places/north"))
    assert list(place.markers) == ["north"] and place.markers["north"]["a"]["href"] == "#events"
    assert place.markers["north"]["title"] == "Northtown: 3 events"
    assert 'class="ce-map' not in mapped.html("places/nowhere")  # no coordinates, no map


def test_the_map_loads_nothing_and_is_the_same_every_build(mapped, tmp_path):
    mapped.build()
    first = the_map(mapped.html("explainers/rebels"))
    assert not re.search(r'(?:href|src)="(?:https?:)?//', first)
    shutil.rmtree(mapped.site)
    mapped.build()
    assert the_map(mapped.html("explainers/rebels")) == first


def test_the_sample_explainer_has_its_map(tmp_path):
    from tests.support import copy_project, Project

    copy_project(tmp_path)
    Project(tmp_path).build()
    html = (tmp_path / "site" / "explainers" / "fall-of-aleppo-and-hama" / "index.html").read_text(encoding="utf-8")
    svg = parsed(html)
    m = svg.markers
    assert {"aleppo", "hama", "aleppo-countryside"} <= set(m)
    assert dot(m["aleppo"])[1] < dot(m["hama"])[1]  # Aleppo is north of Hama
    assert [t for t, a in m["aleppo-countryside"]["shapes"]] == ["circle"]
    assert m["aleppo-countryside"]["shapes"][0][1]["class"] == "ce-map__area"  # precision 3 in places.yml
    assert 'class="ce-map__inset"' in the_map(html)
    assert len(the_map(html).encode()) < 40_000


# The basemaps: published once, shown as a window (issue 26) --------------------------------------------------------

USE = re.compile(r'<use class="ce-map__(land|borders)" href="([^"#]+)#(\w+)"(?: x="(-\d+)")?(?: y="(-\d+)")?/>')
NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")


def basemaps_shown(site: Path) -> dict[str, set[Path]]:
    """Each page with a map -> the basemap files it shows, resolved from the page's folder as a browser would."""
    shown = {}
    for page in sorted(site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        if 'class="ce-map ' in html:
            uses = USE.findall(the_map(html))
            assert uses and all(cls == ident for cls, _, ident, *_ in uses), uses
            shown[page.parent.relative_to(site).as_posix()] = {(page.parent / href).resolve() for _, href, *_ in uses}
    return shown


def test_basemaps_are_files_published_once_that_every_map_shows(mapped):
    mapped.build()
    shown = basemaps_shown(mapped.site)
    assert {"explainers/rebels", "actors/hts", "places/north", "places/region"} <= set(shown)
    for path, files in shown.items():  # the land and borders are not inline: only the markers' own shapes are
        assert not re.search(r'<path class="ce-map__(land|borders)"', the_map(mapped.html(path)))
    published = set((mapped.site / "assets" / "maps").iterdir())
    assert set().union(*shown.values()) == published  # each file shown, none missing, none extra
    assert len(published) < len(shown)  # shared between pages
    for file in published:
        data = file.read_bytes()
        assert file.name == hashlib.sha256(data).hexdigest()[:16] + ".svg"  # named by its bytes: cached safely
        assert re.search(rb'<path id="land" d="M[-\d.]', data) and b'<path id="borders" d="' in data
        assert b"href" not in data and b"<script" not in data  # loads nothing


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """The absolute points of path data written as map.html's basemaps are: M x y, then l and relative pairs."""
    rings = []
    for start, moves in re.findall(r"M([^lz]*)l([^z]*)z", d):
        x, y = map(float, NUMBER.findall(start))
        ring = [(x, y)]
        steps = [float(n) for n in NUMBER.findall(moves)]
        for dx, dy in zip(steps[::2], steps[1::2]):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def on_land(rings, x: float, y: float) -> bool:
    """Even-odd, as the land is filled."""
    inside = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def test_markers_sit_on_the_right_part_of_the_shared_basemap(tmp_path):
    """The sea west of Syria is sea and its desert land, at the pixels the markers' own positions put them."""
    from tests.support import copy_project, Project

    copy_project(tmp_path)
    Project(tmp_path).build()
    page = tmp_path / "site" / "explainers" / "fall-of-aleppo-and-hama" / "index.html"
    located = the_map(page.read_text(encoding="utf-8"))
    m = parsed(located).markers
    (aleppo_x, aleppo_y), (damascus_x, damascus_y) = dot(m["aleppo"]), dot(m["damascus"])
    aleppo, damascus = (37.1343, 36.2021), (36.2765, 33.5138)  # content/places.yml
    px_per_lon = (aleppo_x - damascus_x) / (aleppo[0] - damascus[0])  # x is linear in longitude

    def pixel(lon, lat):  # y interpolated between the two (near enough over three degrees)
        return (damascus_x + (lon - damascus[0]) * px_per_lon,
                damascus_y + (lat - damascus[1]) * (aleppo_y - damascus_y) / (aleppo[1] - damascus[1]))

    (cls, href, ident, x, y), *_ = USE.findall(located.split('class="ce-map__inset"')[0])
    assert cls == "land"
    sheet = (page.parent / href).resolve().read_text(encoding="utf-8")
    rings = _rings(re.search(r'<path id="land" d="([^"]*)"', sheet).group(1))
    dx, dy = -float(x or 0), -float(y or 0)  # the view's corner in the sheet

    def land(lon, lat):
        px, py = pixel(lon, lat)
        return on_land(rings, px + dx, py + dy)

    assert land(*aleppo) and land(*damascus) and land(38.5, 34.5)  # the cities, the Syrian desert
    assert not land(34.8, 34.0) and not land(35.2, 35.0)  # the sea off Tripoli and off Latakia


def test_the_figure_caption_is_the_figures_last_child(mapped):
    """HTML allows a <figcaption> only as a figure's first or last child (the Nu Html Checker's error on 45
    pages, issue 24)."""
    mapped.build()
    for path in ("explainers/rebels", "actors/hts", "places/north"):
        located = the_map(mapped.html(path))
        body = located[located.index(">") + 1:located.rindex("</figure>")]
        children = re.findall(r"<(svg|ul|figcaption)\b", re.sub(r"<svg\b.*</svg>", "<svg>", body, flags=re.S))
        assert children == ["svg", "ul", "figcaption"], (path, children)


def test_a_build_counts_the_basemaps_it_draws(mapped):
    """`Basemaps.drawn`, the figure tests/build/test_budgets.py guards: the sheets a build shows, whatever
    a previous build in the same process drew."""
    from generator.pages.generated import generated_pages
    from generator.engines.mkdocs.project import open_project

    project = open_project(mapped.root / "mkdocs.yml")
    counts = []
    for _ in range(2):
        build = project.prepare(project.load())
        for explainer in build.site.explainers:
            build.renderer.explainer_markdown(explainer)
        for page in generated_pages(build).values():
            page.body()
        counts.append(build.renderer.basemaps.drawn)
    mapped.build()
    files = len(list((mapped.site / "assets" / "maps").iterdir()))
    assert counts[0] == counts[1] > 1 and files <= counts[0]  # two sheets may draw the same bytes (all land)


# Precision in the schema and the exports ------------------------------------------------------------------------

@pytest.mark.parametrize("value, accepted", [("1", True), ("3", True), ('"2"', True), ("4", False),
                                              ("near", False), ("0", False), ("1.5", False)])
def test_precision_is_1_2_or_3(project, value, accepted):
    project.write("places.yml", f"aleppo:\n  name: Aleppo\n  country: SY\n  lat: 36.2\n  lon: 37.1\n"
                                f"  precision: {value}\nhama:\n  name: Hama\n  country: SY\n")
    content = load_content(project.content, project.root)
    problems = [str(p) for p in content.problems if p.path == "content/places.yml"]
    if accepted:
        assert problems == [] and content.places["aleppo"].precision == int(value.strip('"'))
    else:
        assert len(problems) == 1
        assert problems[0].startswith("content/places.yml:6: "), problems
        assert "1 (the town or site itself)" in problems[0] and "3 (a larger region" in problems[0]


def test_precision_defaults_to_the_town_itself(project):
    content = load_content(project.content, project.root)
    assert content.places["aleppo"].precision == 1


def data(project, name: str) -> str:
    return (project.site / "explainers" / "rebels" / "data" / name).read_text(encoding="utf-8")


def test_geojson_and_csv_carry_the_precision(mapped):
    mapped.event("month-only", "2024-11", "Dated to the month", place="north")
    mapped.event("year-only", "2024", "Dated to the year", place="north")
    mapped.event("a-week", "2024-11-03", "Over five days", place="north", end="2024-11-07")
    mapped.event("a-fortnight", "2024-11-03", "Over two weeks", place="north", end="2024-11-17")
    mapped.event("timed", "2024-11-03T10:00+03:00", "At a time", place="north")
    mapped.build()
    features = {f["id"]: f for f in json.loads(data(mapped, "events.geojson"))["features"]}
    assert features["region-0"]["properties"]["precision"] == 3
    assert features["outskirts-0"]["properties"]["precision"] == 2
    assert features["north-0"]["properties"]["precision"] == 1
    assert features["nowhere-0"]["properties"]["precision"] is None  # no coordinates, no precision
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(data(mapped, "events.csv")))}
    assert (rows["region-0"]["geo_precision"], rows["outskirts-0"]["geo_precision"],
            rows["north-0"]["geo_precision"], rows["nowhere-0"]["geo_precision"]) == ("3", "2", "1", "1")
    # (ACLED's codebook wants a geo_precision on every row: a place without coordinates gives its registry's.)
    # time_precision follows the date as written: a day 1, up to a week 2, a month or coarser 3.
    assert rows["north-0"]["time_precision"] == "1" and rows["timed"]["time_precision"] == "1"
    assert rows["a-week"]["time_precision"] == "2" and rows["a-week"]["event_date"] == "2024-11-05"
    assert rows["a-fortnight"]["time_precision"] == "3"
    assert rows["month-only"]["time_precision"] == "3" and rows["year-only"]["time_precision"] == "3"


# While serving --------------------------------------------------------------------------------------------------

def test_editing_a_places_latitude_while_serving_moves_its_marker(tmp_path):
    from tests.build.test_incremental_serve import Server, replace_in

    root = tmp_path / "site-project"
    shutil.copytree(REPO / "content", root / "content")
    config = re.sub(r"(?m)^site_url: .*\n", "", (REPO / "mkdocs.yml").read_text())
    (root / "mkdocs.yml").write_text(config)
    server = Server(root)
    try:
        page = server.site / "explainers" / "fall-of-aleppo-and-hama" / "index.html"
        before = dot(parsed(page.read_text(encoding="utf-8")).markers["damascus"])
        server.after(lambda: replace_in(root / "content" / "places.yml", "lat: 33.5138", "lat: 34.2"))
        after = dot(parsed(page.read_text(encoding="utf-8")).markers["damascus"])
        assert after[1] < before[1]  # moved north: up
        place = parsed((server.site / "places" / "damascus" / "index.html").read_text(encoding="utf-8"))
        assert place.markers["damascus"]["title"].startswith("Damascus")
        # An edit that rebuilds a few pages: every map, rebuilt or skipped, still finds its basemap.
        event = root / "content" / "events" / "2024" / "2024-12-08-assad-flies-out-of-damascus.yml"
        server.after(lambda: replace_in(event, "en: Assad flies", "en: Reportedly, Assad flies"))
        shown = basemaps_shown(server.site)
        assert "places/aleppo" in shown and all(file.is_file() for files in shown.values() for file in files)
    finally:
        server.stop()
