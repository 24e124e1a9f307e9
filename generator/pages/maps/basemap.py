"""The land and borders of one sheet (projection.Sheet) as an SVG file that pages show a window of.

A page's map is a few hundred pixels of one zoom level's plane, and that plane is cut into a few sheets, so
most pages of a build share a handful of basemaps: each is drawn once per process and published once, as
`assets/maps/<digest>.svg` (its name from its bytes), which pages reference with `<use href>` (cached by the
browser; the page's stylesheet colours it, in either scheme and in print). Markers stay inline in the page.

Each zoom level's arcs are projected and simplified once (to what a pixel of that level shows), before rings
are assembled from them, so the border two polygons share stays one line; a sheet is then only clipped: to a
rectangle a little larger than itself, so the cuts along its edges are never seen; the land's outline is the
coast (stroked by the stylesheet).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .projection import Frame, Sheet
from .topojson import Atlas, atlas, ring_points

TOLERANCE = 0.6  # pixels: a point closer than this to the line its neighbours make changes nothing seen
PAD = 8.0  # pixels around the view that clipping keeps, so its cuts fall outside
DETAILED_FROM = 20  # zoom level (32 px a degree of longitude: a page's map under 20 degrees wide) from which Natural
# Earth's 1:50m is drawn; 1:110m below
FOLDER = "assets/maps/"  # where the sheets are published, under the site


@dataclass(frozen=True)
class Basemap:
    land: str  # path data, even-odd filled
    borders: str  # path data, stroked
    size: int

    @cached_property
    def svg(self) -> str:
        """The file. Pages `<use>` its two paths, which then take their colours from the `<use>` (the page's
        stylesheet); the groups' colours are only for the file opened on its own."""
        s = self.size
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{s}" height="{s}" viewBox="0 0 {s} {s}">'
                f'<g fill="#f5f2ea" fill-rule="evenodd" stroke="#5f7387" stroke-width=".7"><path id="land" '
                f'd="{self.land}"/></g><g fill="none" stroke="#8a8275" stroke-width=".8" stroke-dasharray="3 2">'
                f'<path id="borders" d="{self.borders}"/></g></svg>\n')

    @cached_property
    def path(self) -> str:
        """Its site path: named by its bytes, so a changed drawing is a new file, never a stale cached one."""
        return f"{FOLDER}{hashlib.sha256(self.svg.encode()).hexdigest()[:16]}.svg"


def scale_for(zoom: int) -> str:
    return "50m" if zoom >= DETAILED_FROM else "110m"


def fmt(value: float) -> str:
    """A coordinate with one decimal, without what it need not write ('12', '-.5')."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    if text in ("-0", "-0.0"):
        return "0"
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text


def _join(numbers: list[str]) -> str:
    out = []
    for number in numbers:
        # A minus sign, or a second decimal point, starts a new number without a space.
        if out and not number.startswith("-") and not (number.startswith(".") and "." in out[-1]):
            out.append(" ")
        out.append(number)
    return "".join(out)


def path_data(parts: list[list[tuple[float, float]]], closed: bool) -> str:
    """Absolute start, then relative moves, in tenths of a pixel: about half the bytes of absolute pairs."""
    commands = []
    for points in parts:
        tenths = []
        for x, y in points:
            point = (round(x * 10), round(y * 10))
            if not tenths or point != tenths[-1]:
                tenths.append(point)
        if len(tenths) < (3 if closed else 2):
            continue
        numbers = []
        for (x0, y0), (x1, y1) in zip(tenths, tenths[1:]):
            numbers += [fmt((x1 - x0) / 10), fmt((y1 - y0) / 10)]
        start = tenths[0]
        commands.append(f"M{_join([fmt(start[0] / 10), fmt(start[1] / 10)])}l{_join(numbers)}{'z' if closed else ''}")
    return "".join(commands)


def simplify(points: list[tuple[float, float]], tolerance: float = TOLERANCE) -> list[tuple[float, float]]:
    """Douglas-Peucker, iteratively (a coast has thousands of points); the ends are kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    limit = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        worst, at = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = (px - ax) ** 2 + (py - ay) ** 2
            else:
                cross = (px - ax) * dy - (py - ay) * dx
                distance = cross * cross / length
            if distance > worst:
                worst, at = distance, i
        if worst > limit:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, k in zip(points, keep) if k]


def _clip_polygon(points, left, top, right, bottom):
    """Sutherland-Hodgman against the rectangle (convex, so one pass per edge is exact)."""
    def cut(points, inside, cross):
        out = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        return out

    def at_x(x):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    for inside, cross in ((lambda p: p[0] >= left, at_x(left)), (lambda p: p[0] <= right, at_x(right)),
                          (lambda p: p[1] >= top, at_y(top)), (lambda p: p[1] <= bottom, at_y(bottom))):
        if not points:
            break
        points = cut(points, inside, cross)
    return points


def _clip_line(points, left, top, right, bottom):
    """The runs of a line whose segments may cross the rectangle (by their boxes: a few extra are harmless)."""
    runs, run = [], []
    for p, q in zip(points, points[1:]):
        if max(p[0], q[0]) < left or min(p[0], q[0]) > right or max(p[1], q[1]) < top or min(p[1], q[1]) > bottom:
            if run:
                runs.append(run)
                run = []
            continue
        if not run:
            run.append(p)
        run.append(q)
    if run:
        runs.append(run)
    return runs


def _overlaps(box, west, south, east, north) -> bool:
    return not (box[2] < west or box[0] > east or box[3] < south or box[1] > north)


class _Plane:
    """One zoom level's arcs at one scale, projected into its plane and simplified, each when first needed."""

    def __init__(self, scale: str, zoom: int):
        self.source: Atlas = atlas(scale)
        self.frame = Frame(zoom, 0, 0, 0, 0)
        self.arcs: dict[int, list] = {}

    @cached_property
    def rings(self) -> list[tuple]:
        """Each ring of the land with its arcs' indexes and its box (west, south, east, north)."""
        boxes, out = self.source.boxes, []
        for ring in self.source.land:
            arcs = [i if i >= 0 else ~i for i in ring]
            out.append((ring, arcs, (min(boxes[i][0] for i in arcs), min(boxes[i][1] for i in arcs),
                                     max(boxes[i][2] for i in arcs), max(boxes[i][3] for i in arcs))))
        return out

    def arc(self, index: int) -> list:
        found = self.arcs.get(index)
        if found is None:
            point = self.frame.point
            found = self.arcs[index] = simplify([point(lon, lat) for lon, lat in self.source.arcs[index]])
        return found


@lru_cache(maxsize=16)
def _plane(scale: str, zoom: int) -> _Plane:
    return _Plane(scale, zoom)


def _outlines(plane: _Plane, frame: Frame, pad: float) -> tuple[list, list]:
    """The land's rings that reach the frame (`pad` pixels around it included) and the borders that do, as
    points of the plane, unclipped."""
    source = plane.source
    west, north = frame.degrees(-pad, -pad)
    east, south = frame.degrees(frame.width + pad, frame.height + pad)
    point = plane.frame.point

    def part(index: int) -> list:
        """The arc as this frame needs it: one wholly beyond a side of the padded frame becomes its chord, which
        lies beyond that side too, so the land inside is the same, and a coast across the world costs two
        points, not thousands."""
        w, s, e, n = source.boxes[index]
        if e < west or w > east or n < south or s > north:
            arc = source.arcs[index]
            return [point(*arc[0]), point(*arc[-1])]
        return plane.arc(index)

    land = []
    for ring, arcs, box in plane.rings:
        if _overlaps(box, west, south, east, north):
            land.append(ring_points({i: part(i) for i in arcs}, ring))
    borders = [plane.arc(index) for index in source.borders if _overlaps(source.boxes[index], west, south, east, north)]
    return land, borders


@lru_cache(maxsize=256)
def draw(sheet: Sheet) -> Basemap:
    """The sheet's land (with its coast) and borders, in the sheet's own pixels. Cached for the process: the
    atlas does not change while it runs."""
    frame = sheet.frame
    rings, lines = _outlines(_plane(scale_for(sheet.zoom), sheet.zoom), frame, PAD)
    left, top = frame.x0 - PAD, frame.y0 - PAD
    right, bottom = frame.x0 + frame.width + PAD, frame.y0 + frame.height + PAD

    def shifted(parts):  # from the plane's pixels to the sheet's
        return [[(x - frame.x0, y - frame.y0) for x, y in points] for points in parts]

    land = []
    for points in rings:
        clipped = _clip_polygon(points, left, top, right, bottom)
        if len(clipped) >= 3:
            land.append(clipped)
    borders = []
    for points in lines:
        borders += _clip_line(points, left, top, right, bottom)
    return Basemap(path_data(shifted(land), closed=True), path_data(shifted(borders), closed=False), sheet.size)


def outlines(frame: Frame, scale: str, pad: float) -> tuple[list, list]:
    """The land's rings and the borders around a frame in its own pixels, unclipped, for a picture drawn
    elsewhere (the share cards): from the same projected and simplified arcs as the sheets, so a card costs no
    projection of its own."""
    rings, lines = _outlines(_plane(scale, frame.zoom), frame, pad)
    x0, y0 = frame.x0, frame.y0
    return ([[(x - x0, y - y0) for x, y in points] for points in rings],
            [[(x - x0, y - y0) for x, y in points] for points in lines])


@dataclass
class Basemaps:
    """The sheets a build shows: each drawn once per process, published once per build however many pages
    show a window of it. `drawn`: how many this build needs (a budget in tests/build/test_budgets.py)."""
    shown: dict[Sheet, Basemap] = field(default_factory=dict)

    def get(self, sheet: Sheet) -> Basemap:
        found = self.shown.get(sheet)
        if found is None:
            found = self.shown[sheet] = draw(sheet)
        return found

    @property
    def drawn(self) -> int:
        return len(self.shown)

    def files(self) -> dict[str, str]:
        """Site path -> the file's text, sorted by path."""
        return dict(sorted((basemap.path, basemap.svg) for basemap in self.shown.values()))


def write_basemaps(basemaps: Basemaps, site_dir: str | Path, previous=(), only=None) -> list[str]:
    """Publish the build's sheets into site_dir; returns their site paths, sorted, for the stale-file sweep
    (incremental.finish). `previous`: the sheets the pages a serve rebuild skipped still show
    (incremental.kept_sheets): they stay, and no other. `only`: these sheets alone (one page's, made after the
    build)."""
    written = {path for path in previous if path.startswith(FOLDER)}
    for path, text in basemaps.files().items():
        if only is not None and path not in only:
            continue
        target = Path(site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        if not (target.is_file() and target.read_bytes() == data):
            target.write_bytes(data)
        written.add(path)
    return sorted(written)
