"""The land and borders of one frame as SVG path data: projected, simplified to what a pixel shows, clipped.

Made once per build for each frame (`Basemaps`): an explainer and its translation, or every place page of one
region, draw the same area. Arcs are simplified before rings are assembled from them, so the border two
polygons share stays one line. Polygons are clipped to a rectangle a little larger than the view, so the cuts
along its edges are never seen; the land's outline is then the coast (stroked by the stylesheet).
"""

from __future__ import annotations

from dataclasses import dataclass

from .projection import Frame
from .topojson import Atlas, atlas, ring_points

TOLERANCE = 0.6  # pixels: a point closer than this to the line its neighbours make changes nothing seen
PAD = 8.0  # pixels around the view that clipping keeps, so its cuts fall outside
DETAILED_BELOW = 12.0  # degrees: areas smaller than this use Natural Earth's 1:50m, larger ones 1:110m


@dataclass(frozen=True)
class Basemap:
    land: str  # path data, even-odd filled
    borders: str  # path data, stroked


def scale_for(frame: Frame) -> str:
    return "50m" if frame.span < DETAILED_BELOW else "110m"


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


def draw(frame: Frame, scale: str | None = None) -> Basemap:
    """The frame's land (with its coast) and borders."""
    source: Atlas = atlas(scale or scale_for(frame))
    west, north = frame.degrees(-PAD, -PAD)
    east, south = frame.degrees(frame.width + PAD, frame.height + PAD)
    left, top, right, bottom = -PAD, -PAD, frame.width + PAD, frame.height + PAD
    projected: dict[int, list] = {}

    def arc(index: int) -> list:
        found = projected.get(index)
        if found is None:
            found = projected[index] = simplify([frame.point(lon, lat) for lon, lat in source.arcs[index]])
        return found

    land = []
    for ring in source.land:
        arcs = [i if i >= 0 else ~i for i in ring]
        box = (min(source.boxes[i][0] for i in arcs), min(source.boxes[i][1] for i in arcs),
               max(source.boxes[i][2] for i in arcs), max(source.boxes[i][3] for i in arcs))
        if not _overlaps(box, west, south, east, north):
            continue
        simplified = {i: arc(i) for i in arcs}
        clipped = _clip_polygon(ring_points(simplified, ring), left, top, right, bottom)
        if len(clipped) >= 3:
            land.append(clipped)
    borders = []
    for index in source.borders:
        if _overlaps(source.boxes[index], west, south, east, north):
            borders += _clip_line(arc(index), left, top, right, bottom)
    return Basemap(path_data(land, closed=True), path_data(borders, closed=False))


class Basemaps:
    """A build's basemaps by frame: each drawn once, however many pages show that area."""

    def __init__(self):
        self._made: dict[tuple[Frame, str | None], Basemap] = {}

    def get(self, frame: Frame, scale: str | None = None) -> Basemap:
        key = (frame, scale)
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = draw(frame, scale)
        return found
