"""Locator maps drawn at build time as inline SVG: Natural Earth's land and borders (world-atlas' TopoJSON, in
data/) projected to the area a page's places span, and a marker per place. No tiles, no script, no request.

topojson.py decodes the vendored files; projection.py fits a frame to the places; basemap.py clips and simplifies
the land and borders for a frame (once per build and frame: `Basemaps`); layout.py places markers, groups the
ones at the same spot and fits labels; view.py puts them together as the plain values map.html prints.
"""
