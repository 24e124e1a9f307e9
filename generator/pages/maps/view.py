"""One map as plain values for theme/explainers/map.html: frame, the basemap sheet and the view's corner in it,
inset, markers, crowds and the places in list order. Nothing here is HTML: the template writes (and escapes)
all of it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .basemap import Basemap, Basemaps, scale_for
from .layout import AREA_KM, Crowd, Marker, Spot, layout
from .projection import Frame, around, cos_of, fit, sheet_of

SIZES = {"page": (640, 400), "small": (480, 300)}  # an explainer's map, an actor's or place's
INSET = (132, 96)
INSET_GAP = 6
# Sheets (projection.Sheet) twice the largest view a side: fewer, larger files would serve more pages each,
# but every reader of a page downloads its whole sheet.
SHEET = 1280  # the maps (at most 640 by 576)
INSET_SHEET = 512  # the insets


@dataclass(frozen=True)
class Inset:
    x: float  # where the inset sits in the map
    y: float
    frame: Frame
    basemap: Basemap
    at: tuple[int, int]  # the inset's corner in its basemap's sheet
    box: tuple[float, float, float, float]  # the map's area in the inset: x, y, width, height


@dataclass(frozen=True)
class MapView:
    frame: Frame
    basemap: Basemap
    at: tuple[int, int]  # the view's corner in its basemap's sheet
    markers: tuple[Marker, ...]
    crowds: tuple[Crowd, ...]
    inset: Inset | None
    places: tuple[Spot, ...]  # the list under the map: most events first, then by id
    events: int  # events on the map
    unmapped: int  # events of the page without coordinates

    @property
    def scale(self) -> str:
        return "1:" + scale_for(self.frame.zoom)


def _inset(frame: Frame, markers: list[Marker], basemaps: Basemaps) -> Inset | None:
    """The wider region in the corner no marker is in (bottom start first); none when every corner has one."""
    w, h = INSET
    corners = [(INSET_GAP, frame.height - h - INSET_GAP), (frame.width - w - INSET_GAP, frame.height - h - INSET_GAP),
               (INSET_GAP, INSET_GAP), (frame.width - w - INSET_GAP, INSET_GAP)]
    wide = around(frame, w, h)
    for x, y in corners:
        if all(not (x - m.r - m.area <= m.x <= x + w + m.r + m.area and y - m.r - m.area <= m.y <= y + h + m.r + m.area)
               for m in markers):
            left, top = wide.point(frame.west, frame.north)
            right, bottom = wide.point(frame.east, frame.south)
            sheet, *at = sheet_of(wide, INSET_SHEET)
            return Inset(x, y, wide, basemaps.get(sheet), tuple(at), (left, top, right - left, bottom - top))
    return None


def _height(points, width: int, height: int) -> int:
    """A taller box for an area that runs north to south (Syria's west), down to a wide one; steps of 20 px."""
    lats = [p[1] for p in points]
    lons = [p[0] for p in points]
    tall = (max(lats) - min(lats)) * 1.0
    wide = (max(lons) - min(lons)) * cos_of((max(lats) + min(lats)) / 2)
    if tall <= 0:
        return height
    natural = width * tall / max(wide, 1e-6)
    return int(min(max(natural, height * 0.9), width * 0.9) // 20 * 20)


def map_view(spots: list[Spot], page_dir: str, basemaps: Basemaps, *, size: str = "page",
             unmapped: int = 0) -> MapView | None:
    """The map of these spots (sorted by id), or None without any. The same spots make the same map, laid out
    once per process: a save while serving lays out again only the maps whose places or counts it changed."""
    if not spots:
        return None
    view, sheets = _view(tuple(spots), page_dir, size, unmapped)
    for sheet in sheets:
        basemaps.get(sheet)  # shown in this build, so published with it
    return view


@lru_cache(maxsize=128)  # a save while serving lays out a few dozen maps; a build's are each different
def _view(spots: tuple[Spot, ...], page_dir: str, size: str, unmapped: int) -> tuple[MapView, tuple]:
    basemaps = Basemaps()  # the sheets this map shows
    width, height = SIZES[size]
    points = [(s.lon, s.lat) for s in spots]
    height = _height(points, width, height)
    regions = any(s.precision == 3 for s in spots)
    frame = fit(points, width, height, pad_km=AREA_KM * 1.2 if regions else 12.0)
    inset = _inset(frame, layout(spots, frame, page_dir, labels=False)[0], basemaps) if size == "page" else None
    reserved = ((inset.x, inset.y, inset.x + INSET[0], inset.y + INSET[1]),) if inset is not None else ()
    markers, crowds = layout(spots, frame, page_dir, reserved=reserved)  # labels keep out of the inset
    places = tuple(sorted(spots, key=lambda s: (-s.count, s.id)))
    sheet, *at = sheet_of(frame, SHEET)
    view = MapView(frame, basemaps.get(sheet), tuple(at), tuple(markers), tuple(crowds), inset, places,
                   sum(s.count for s in spots), unmapped)
    return view, tuple(basemaps.shown)
