"""The vendored TopoJSON (world-atlas: Natural Earth's countries and land) decoded into arcs in degrees.

TopoJSON stores each boundary once, as an arc that the polygons on both sides name; so a border between two
countries is an arc that two countries use, and the coast is what the `land` object (the countries merged) is
made of. Decoded once per process: the files do not change while it runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SCALES = ("110m", "50m")

Point = tuple[float, float]  # (lon, lat)
Ring = tuple[int, ...]  # arc indexes; ~i (negative) is arc i reversed


@dataclass(frozen=True)
class Atlas:
    arcs: tuple[tuple[Point, ...], ...]
    boxes: tuple[tuple[float, float, float, float], ...]  # each arc's (west, south, east, north)
    land: tuple[Ring, ...]  # every ring of the land (outer rings and holes alike: filled even-odd)
    borders: tuple[int, ...]  # arcs two countries share, in index order


def _decode_arcs(topology: dict) -> list[tuple[Point, ...]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantized and delta-encoded
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(tuple(points))
    return arcs


def _polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    if geometry["type"] == "GeometryCollection":
        return [p for g in geometry["geometries"] for p in _polygons(g)]
    return []


def ring_points(atlas_arcs, ring: Ring) -> list:
    """A ring's points in order, each arc's first point dropped after the first arc (it repeats the last)."""
    points: list = []
    for index in ring:
        arc = atlas_arcs[index] if index >= 0 else atlas_arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


@lru_cache(maxsize=None)
def atlas(scale: str) -> Atlas:
    """The decoded atlas at 1:110m or 1:50m."""
    if scale not in SCALES:
        raise ValueError(f"no atlas at {scale}")
    topology = json.loads((DATA / f"countries-{scale}.json").read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    boxes = tuple((min(p[0] for p in a), min(p[1] for p in a), max(p[0] for p in a), max(p[1] for p in a))
                  for a in arcs)
    land = tuple(tuple(ring) for polygon in _polygons(topology["objects"]["land"]) for ring in polygon)
    users: dict[int, set[int]] = {}
    for number, country in enumerate(topology["objects"]["countries"]["geometries"]):
        for polygon in _polygons(country):
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(number)
    borders = tuple(sorted(index for index, countries in users.items() if len(countries) > 1))
    return Atlas(tuple(arcs), boxes, land, borders)
