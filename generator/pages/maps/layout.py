"""Markers on a frame: one per place, sized by its events; places at the same spot grouped around it, each still
its own marker; labels where they fit.

Honest precision (ACLED's geo_precision): 1 is a dot, 2 a dot with a ring (near it), 3 an area around the
coordinates (a region, never a precise dot). Sizes, rings and label boxes are in pixels of the frame.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .projection import Frame

MAX_RADIUS = 13.0
AREA_KM = 30.0  # the radius drawn for a region (precision 3): of the order of a district, not a point
RING_SLOTS = 12  # markers shown around a crowded spot; the rest are named in the list under the map
FONT = 11.0  # label size in the frame's pixels (map.css scales with the map)


@dataclass(frozen=True)
class Spot:
    """A place to mark: its id, where it is, how exactly, how many of the page's events happened there."""
    id: str
    lon: float
    lat: float
    precision: int
    count: int
    name: str  # the name shown on this page (its translation, or the original)
    native: str | None  # the name in its own script, when it is not the name shown
    name_lang: str | None = None  # the name's language when it is not the page's (an untranslated name)


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float
    anchor: str  # SVG text-anchor: start or end
    direction: str  # ltr or rtl: the text's own (its first strong character's)


@dataclass(frozen=True)
class Marker:
    spot: Spot
    x: float  # where it is drawn
    y: float
    r: float
    area: float  # radius of the area drawn for a region (precision 3), else 0
    at: tuple[float, float] | None  # the true position, when the marker is drawn beside it (a group)
    label: Label | None
    native: Label | None  # the native name, a line under the label, where it fits


@dataclass(frozen=True)
class Crowd:
    """A spot with more places than RING_SLOTS: the places not drawn, counted, named in the list below."""
    x: float
    y: float
    hidden: int


def radius(count: int) -> float:
    return min(3.5 + 1.7 * math.sqrt(max(count, 1)), MAX_RADIUS)


def direction(text: str, default: str) -> str:
    """The direction of the first strong character, as dir="auto" decides."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return default


@lru_cache(maxsize=8192)  # the same places' names recur on many maps
def _width(text: str) -> float:
    # An estimate (no font metrics at build time): Latin and Arabic letters average a little over half the size.
    return sum(0.3 if c == " " else 0.62 if unicodedata.east_asian_width(c) not in ("W", "F") else 1.0
               for c in text) * FONT


def _groups(spots: list[Spot], frame: Frame) -> list[list[int]]:
    """Spots whose dots would overlap, joined (union-find over the sorted spots: the same groups every build)."""
    points = [frame.point(s.lon, s.lat) for s in spots]
    radii = [radius(s.count) for s in spots]
    parent = list(range(len(spots)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(spots)), key=lambda i: points[i][0])
    for n, i in enumerate(order):  # a sweep along x: only neighbours within reach are compared
        for j in order[n + 1:]:
            if points[j][0] - points[i][0] > radii[i] + MAX_RADIUS + 2:
                break
            if math.dist(points[i], points[j]) < radii[i] + radii[j] + 2:
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(spots)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: min(g))


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class Boxes:
    """The boxes placed so far, in a grid of CELL-pixel cells (a spatial hash): a new label is tested against
    the boxes that share a cell with it, not against every one (a 150-place map: tens of tests, not thousands,
    per label)."""
    CELL = 32.0

    def __init__(self, boxes=()):
        self.cells: dict[tuple[int, int], list] = {}
        for box in boxes:
            self.add(box)

    def _cells(self, box):
        cell = self.CELL
        return (range(int(box[0] // cell), int(box[2] // cell) + 1),
                range(int(box[1] // cell), int(box[3] // cell) + 1))

    def add(self, box) -> None:
        columns, rows = self._cells(box)
        cells = self.cells
        for cx in columns:
            for cy in rows:
                cells.setdefault((cx, cy), []).append(box)

    def hit(self, box, ignore=None) -> bool:
        """Whether `box` overlaps a placed box other than `ignore`."""
        columns, rows = self._cells(box)
        cells = self.cells
        for cx in columns:
            for cy in rows:
                for other in cells.get((cx, cy), ()):
                    if other != ignore and _boxes_overlap(box, other):
                        return True
        return False


def layout(spots: list[Spot], frame: Frame, page_dir: str, *, reserved: tuple = (),
           labels: bool = True) -> tuple[list[Marker], list[Crowd]]:
    """Markers (biggest first, so the reading order is by importance) and crowds. `reserved`: boxes labels must
    keep out of (the inset); without `labels`, where the markers are and nothing else (labels are most of the
    work). Spots must come sorted (by id): the layout is then the same in every build."""
    drawn: list[dict] = []
    crowds: list[Crowd] = []
    for group in _groups(spots, frame):
        members = sorted(group, key=lambda i: (-spots[i].count, spots[i].id))
        if len(members) == 1:
            spot = spots[members[0]]
            x, y = frame.point(spot.lon, spot.lat)
            drawn.append({"spot": spot, "x": x, "y": y, "at": None, "out": None})
            continue
        cx = sum(frame.point(spots[i].lon, spots[i].lat)[0] for i in members) / len(members)
        cy = sum(frame.point(spots[i].lon, spots[i].lat)[1] for i in members) / len(members)
        shown = members if len(members) <= RING_SLOTS else members[:RING_SLOTS - 1]
        slots = len(shown) + (len(members) > RING_SLOTS)
        biggest = max(radius(spots[i].count) for i in shown)
        ring = max(biggest * 2 + 3, slots * (2 * biggest + 3) / (2 * math.pi))
        for n, i in enumerate(shown):
            angle = -math.pi / 2 + 2 * math.pi * n / slots  # from the top, clockwise
            spot = spots[i]
            drawn.append({"spot": spot, "x": cx + ring * math.cos(angle), "y": cy + ring * math.sin(angle),
                          "at": frame.point(spot.lon, spot.lat), "out": (math.cos(angle), math.sin(angle))})
        if len(members) > RING_SLOTS:
            angle = -math.pi / 2 + 2 * math.pi * (slots - 1) / slots
            crowds.append(Crowd(cx + ring * math.cos(angle), cy + ring * math.sin(angle), len(members) - len(shown)))
    drawn.sort(key=lambda d: (-d["spot"].count, d["spot"].id))
    taken = Boxes(reserved)
    for d in drawn:
        r = radius(d["spot"].count)
        taken.add((d["x"] - r, d["y"] - r, d["x"] + r, d["y"] + r))
    markers = []
    for d in drawn:
        spot = d["spot"]
        r = radius(spot.count)
        area = max(AREA_KM * frame.px_per_km, r + 6) if spot.precision == 3 else 0.0
        label, native = _place_label(spot, d["x"], d["y"], r, d["out"], frame, page_dir, taken) if labels \
            else (None, None)
        markers.append(Marker(spot, d["x"], d["y"], r, area, d["at"], label, native))
    return markers, crowds


def _place_label(spot: Spot, x: float, y: float, r: float, out, frame: Frame, page_dir: str, taken: Boxes):
    """The label on the first side where it fits (after the marker in the page's reading direction, then
    before, above, below; a grouped marker's outward side first), and the native name under it if that fits."""
    width = _width(spot.name)
    native_width = _width(spot.native) if spot.native else 0.0
    after = 1 if page_dir == "ltr" else -1
    sides = [(after, 0), (-after, 0), (0, -1), (0, 1)]
    if out is not None:
        sides.sort(key=lambda s: -(s[0] * out[0] + s[1] * out[1]))
    for sx, sy in sides:
        for lines in ((2, 1) if spot.native else (1,)):
            w = max(width, native_width) if lines == 2 else width
            h = FONT * 1.25 * lines
            if sx:
                left = x + r + 3 if sx > 0 else x - r - 3 - w
                top = y - FONT * 0.6
            else:
                left = x - w / 2
                top = y - r - 3 - h if sy < 0 else y + r + 3
            box = (left, top, left + w, top + h)
            if box[0] < 2 or box[1] < 2 or box[2] > frame.width - 2 or box[3] > frame.height - 2:
                continue
            if taken.hit(box, ignore=(x - r, y - r, x + r, y + r)):  # its own marker's box aside
                continue
            taken.add(box)
            baseline = top + FONT * 0.95
            label = _label(spot.name, box, baseline, sx, page_dir)
            native = _label(spot.native, box, baseline + FONT * 1.25, sx, page_dir) if lines == 2 else None
            return label, native
    return None, None


def _label(text: str, box, baseline: float, sx: int, page_dir: str) -> Label:
    """A label whose box is `box`: anchored at the edge next to the marker (or centred above and below),
    whichever way its own script runs."""
    own = direction(text, page_dir)
    if sx == 0:
        return Label(text, (box[0] + box[2]) / 2, baseline, "middle", own)
    left_edge = sx > 0  # the box starts at the marker and runs right
    edge = box[0] if left_edge else box[2]
    anchor = "start" if left_edge == (own == "ltr") else "end"
    return Label(text, edge, baseline, anchor, own)
