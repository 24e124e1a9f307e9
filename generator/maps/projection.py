"""The frame a map shows: an area in degrees fitted to a box in pixels, north up and east to the right.

An equirectangular projection with its standard parallel at the frame's middle: at the scale of a region (a few
hundred kilometres) it keeps shapes and distances as well as any, and it is a line of arithmetic, so a marker's
position can be checked by hand. Frames are rounded to fixed steps, so every page whose places span nearly the
same area shares one frame, and one basemap (basemap.Basemaps).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

KM_PER_DEGREE = 111.32
STEP = 0.05  # degrees: frames snap to this grid (shared basemaps, byte-identical output)


@dataclass(frozen=True)
class Frame:
    west: float
    south: float
    east: float
    north: float
    width: int  # pixels (the SVG's viewBox)
    height: int

    @property
    def x_scale(self) -> float:  # pixels per degree of longitude
        return self.width / (self.east - self.west)

    @property
    def y_scale(self) -> float:  # pixels per degree of latitude
        return self.height / (self.north - self.south)

    @property
    def px_per_km(self) -> float:
        return self.y_scale / KM_PER_DEGREE

    @property
    def span(self) -> float:
        """The larger side in degrees of latitude (what picks the atlas' scale)."""
        return max(self.north - self.south, (self.east - self.west) * cos_of(self.middle))

    @property
    def middle(self) -> float:
        return (self.north + self.south) / 2

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.x_scale, (self.north - lat) * self.y_scale

    def degrees(self, x: float, y: float) -> tuple[float, float]:
        """The inverse of `point`: (lon, lat) at a pixel."""
        return self.west + x / self.x_scale, self.north - y / self.y_scale


def cos_of(lat: float) -> float:
    return max(math.cos(math.radians(lat)), 0.2)  # near the poles a regional frame would not be one


def _snap(value: float, up: bool) -> float:
    steps = value / STEP
    return round((math.ceil(steps - 1e-9) if up else math.floor(steps + 1e-9)) * STEP, 6)


def fit(points: list[tuple[float, float]], width: int, height: int, *, margin: float = 0.18,
        min_span: float = 1.2, pad_km: float = 0.0) -> Frame:
    """The frame showing every (lon, lat) with `margin` (a share of the span) around them, at least `min_span`
    degrees of latitude high (one place alone still shows its region), `pad_km` more on every side (the areas
    drawn for regions), widened to the box's proportions."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    middle = (max(lats) + min(lats)) / 2
    cos = cos_of(middle)
    pad = pad_km / KM_PER_DEGREE
    half_h = (max(lats) - min(lats)) / 2 * (1 + 2 * margin) + pad
    half_w = (max(lons) - min(lons)) / 2 * (1 + 2 * margin) + pad / cos  # degrees of longitude
    half_h = max(half_h, min_span / 2, half_w * cos * height / width)
    half_w = half_h / cos * width / height
    centre_lon = (max(lons) + min(lons)) / 2
    south, north = max(middle - half_h, -85.0), min(middle + half_h, 85.0)
    west, east = centre_lon - half_w, centre_lon + half_w
    # Snapped outwards, then the width follows the height again, so the proportions stay the box's.
    south, north = _snap(south, False), _snap(north, True)
    cos = cos_of((north + south) / 2)
    half_w = (north - south) / 2 / cos * width / height
    west = _snap(centre_lon - half_w, False)
    east = round(west + 2 * half_w, 6)
    return Frame(west, south, east, north, width, height)


def around(frame: Frame, width: int, height: int, *, factor: float = 6.0, min_span: float = 14.0) -> Frame:
    """A wider frame centred on `frame` (the inset that shows where the map is)."""
    lon = (frame.west + frame.east) / 2
    span = max((frame.north - frame.south) * factor, min_span)
    return fit([(lon, frame.middle - span / 2), (lon, frame.middle + span / 2)], width, height, margin=0,
               min_span=span)
