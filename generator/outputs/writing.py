"""The one place that writes export files, called from the plugin's on_post_build and from `generate`."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from . import acled_csv, feeds, geojson, timelinejs
from ..pages.site import Site


def write_all(site: Site, site_dir: str | Path, only=None) -> list[str]:
    """Every export file, written into site_dir; returns their site paths, sorted. `only(explainer)`: whether
    that explainer's files must be written again (serve's rebuilds); the site-wide feeds always are."""
    site_dir = Path(site_dir)
    written: list[str] = []

    def write(path: str, make) -> None:  # one file at a time: exports never sit in memory together
        written.append(path)
        if make is None:
            return
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(make().encode("utf-8"))

    for explainer in site.explainers:
        events = site.selected[explainer.src_uri]
        data = site.data_dir(explainer)
        fresh = only is None or only(explainer)
        items = feeds.entries(site, [explainer]) if fresh else None

        def make(function, *args):
            return partial(function, *args) if fresh else None

        write(data + "events.geojson", make(geojson.dumps_collection, site, events, explainer))
        write(data + "events.csv", make(acled_csv.to_csv, site.content, events, lambda e: site.per_event(
            "csv", e, partial(acled_csv.line, site.content))))
        write(data + "timeline.json", make(timelinejs.dumps_timeline, site, explainer, events))
        write(data + "feed.atom", make(feeds.atom, site, [explainer], data + "feed.atom", items))
        write(data + "feed.json", make(feeds.json_feed, site, [explainer], data + "feed.json", items))
    items = feeds.entries(site, site.explainers)
    write("feed.atom", partial(feeds.atom, site, site.explainers, "feed.atom", items))
    write("feed.json", partial(feeds.json_feed, site, site.explainers, "feed.json", items))
    return sorted(written)
