"""The frame a map shows: a window of a few hundred pixels onto the world drawn at one of a few zoom levels,
north up and east to the right.

Web Mercator (the projection every web map uses): conformal, so a region keeps its shape at any latitude, and
the whole world is one plane of pixels at each zoom level, so any two views at that level line up. That is
what lets pages share basemaps: the plane is cut into square sheets, overlapping by half (`Sheet`), every
view lies inside one of them, and a page shows its window of that sheet (basemap.py draws each sheet once and
publishes it as a file). Zoom levels are powers of 2^¼ (`k`: pixels per degree of longitude), so a map is at
most 19 % smaller than a fit to the pixel would make it; a view is fitted at the largest level that shows all
its places, and its corner is a whole pixel of the plane, so the same places give the same frame, and the same
bytes, in every build.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

KM_PER_DEGREE = 111.32
LIMIT = 85.0  # degrees of latitude: Mercator's plane stops short of the poles


def _merc(lat: float) -> float:
    """Mercator's y of a latitude, in degrees (equal to the latitude near the equator)."""
    lat = max(min(lat, LIMIT), -LIMIT)
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _lat(merc: float) -> float:
    return math.degrees(math.atan(math.sinh(math.radians(merc))))


TOP = _merc(LIMIT)


def k(zoom: int) -> float:
    """Pixels per degree of longitude at a zoom level."""
    return 2 ** (zoom / 4)


@dataclass(frozen=True)
class Frame:
    zoom: int
    x0: int  # the view's top left corner in the zoom level's plane, whole pixels
    y0: int
    width: int  # pixels (the SVG's viewBox)
    height: int

    @property
    def k(self) -> float:
        return k(self.zoom)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        scale = self.k
        return (lon + 180.0) * scale - self.x0, (TOP - _merc(lat)) * scale - self.y0

    def degrees(self, x: float, y: float) -> tuple[float, float]:
        """The inverse of `point`: (lon, lat) at a pixel."""
        scale = self.k
        return (x + self.x0) / scale - 180.0, _lat(TOP - (y + self.y0) / scale)

    @property
    def west(self) -> float:
        return self.degrees(0, 0)[0]

    @property
    def east(self) -> float:
        return self.degrees(self.width, 0)[0]

    @property
    def north(self) -> float:
        return self.degrees(0, 0)[1]

    @property
    def south(self) -> float:
        return self.degrees(0, self.height)[1]

    @property
    def middle(self) -> float:
        return self.degrees(0, self.height / 2)[1]

    @property
    def px_per_km(self) -> float:
        """At the frame's middle (Mercator's scale grows with the latitude)."""
        return self.k / (KM_PER_DEGREE * cos_of(self.middle))


@dataclass(frozen=True)
class Sheet:
    """A square of the plane at one zoom level, `size` pixels a side, on a grid of half that: a view at most
    half as wide and high always lies inside one. One basemap file each (basemap.py)."""
    zoom: int
    col: int
    row: int
    size: int

    @property
    def frame(self) -> Frame:
        half = self.size // 2
        return Frame(self.zoom, self.col * half, self.row * half, self.size, self.size)


def sheet_of(frame: Frame, size: int) -> tuple[Sheet, int, int]:
    """The sheet a view lies in, and the view's corner in it."""
    half = size // 2
    assert frame.width <= half and frame.height <= half, "a view must be at most half a sheet"
    sheet = Sheet(frame.zoom, frame.x0 // half, frame.y0 // half, size)
    return sheet, frame.x0 - sheet.col * half, frame.y0 - sheet.row * half


def cos_of(lat: float) -> float:
    return max(math.cos(math.radians(lat)), 0.2)  # near the poles a regional frame would not be one


MIN_ZOOM = 0
MAX_ZOOM = 48  # about 4,000 pixels per degree: closer than any locator map needs


def fit(points: list[tuple[float, float]], width: int, height: int, *, margin: float = 0.18,
        min_span: float = 1.2, pad_km: float = 0.0) -> Frame:
    """The frame showing every (lon, lat) with `margin` (a share of the span) around them, at least `min_span`
    degrees of latitude high (one place alone still shows its region), `pad_km` more on every side (the areas
    drawn for regions): at the largest zoom level where that fits, centred on the places."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    middle = (max(lats) + min(lats)) / 2
    pad = pad_km / KM_PER_DEGREE
    half_h = max((max(lats) - min(lats)) / 2 * (1 + 2 * margin) + pad, min_span / 2)  # degrees of latitude
    half_w = (max(lons) - min(lons)) / 2 * (1 + 2 * margin) + pad / cos_of(middle)  # degrees of longitude
    # Pixels per degree of longitude that fit: Mercator's degree of latitude is 1/cos longer.
    tall = (_merc(middle + half_h) - _merc(middle - half_h)) or 1e-9
    needed = min(height / tall, width / (2 * half_w) if half_w > 0 else math.inf)
    zoom = max(MIN_ZOOM, min(MAX_ZOOM, math.floor(4 * math.log2(needed) + 1e-9)))
    centre_lon = (max(lons) + min(lons)) / 2
    scale = k(zoom)
    x = (centre_lon + 180.0) * scale - width / 2
    y = (TOP - (_merc(middle + half_h) + _merc(middle - half_h)) / 2) * scale - height / 2
    return Frame(zoom, math.floor(x + 0.5), math.floor(y + 0.5), width, height)


def around(frame: Frame, width: int, height: int, *, factor: float = 6.0, min_span: float = 14.0) -> Frame:
    """A wider frame centred on `frame` (the inset that shows where the map is)."""
    lon = (frame.west + frame.east) / 2
    middle = frame.middle
    span = max((frame.north - frame.south) * factor, min_span)
    return fit([(lon, middle - span / 2), (lon, middle + span / 2)], width, height, margin=0, min_span=span)
