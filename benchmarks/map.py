"""What the locator map (issues 16, 26) costs: its bytes on a page with 150 places and the basemap files it
shows, the build's time in the maps and the basemaps it draws, and first paint in Chromium at 2,000 events with
and without it, in the same run.

    python benchmarks/map.py [--runs 7] [--work _work] [--places 150] [--events 2000] [--no-paint]
    python benchmarks/map.py --cost-only PROJECT   # the build cost alone, of any project (corpus.py's)

One explainer of EVENTS events over PLACES places (the corpus' registries: names, native names, coordinates over
the Middle East and North Africa), built by the plugin. "Without the map" is the same page with the map's heading
and <figure> cut out (a copy beside it), so the two differ by the map alone. Each run opens both in a fresh
context, alternating; first paint and first contentful paint from the page's own Performance entries, medians
(skipped with --no-paint, or without Playwright). The cost: every page of the project rendered in this process,
CPU in `Renderer.map_html` and in all the pages, maps made, basemap sheets drawn (`Basemaps.drawn`).
Targets: the map <= 60 KB before gzip; first paint <= 50 ms later than without it.
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402  (the benchmarks' own helpers: building, serving, Chromium)
import corpus  # noqa: E402

PAINT = """() => {
    const entry = (name) => (performance.getEntriesByName(name)[0] || {}).startTime;
    return {fp: entry('first-paint'), fcp: entry('first-contentful-paint')};
}"""
MAP = re.compile(r'<h2 id="map">.*?</h2>\s*<figure class="ce-map[^"]*">.*?</figure>\s*', re.DOTALL)


def map_site(work: Path, events: int, places: int) -> Path:
    project = work / f"map-{events}x{places}"
    shutil.rmtree(project, ignore_errors=True)
    corpus.write_corpus(project, places * 20, 1)  # E/20 places: `places` of them

    def event_yaml(n: int, date: str, rng: random.Random) -> str:
        return (f"date: {date}\ntitle: Event {n} at place {n % places}\n"
                f"type: {rng.choice(['battle', 'explosion', 'protest', 'strategic-development'])}\n"
                f"place: place-{n % places}\nactors: [actor-{n % 40}]\ntags: [perf]\n"
                f"sources:\n  - title: Report {n}\n    publisher: Reuters\n    url: https://www.reuters.com/\n")

    bench.long_war(project, events, event_yaml, seed=16)
    site = project / "site"
    page = (site / "explainers" / "big" / "index.html").read_text(encoding="utf-8")
    without = MAP.sub("", page, count=1)
    assert without != page, "no map found on the page (has map.html changed?)"
    (site / "explainers" / "big-nomap").mkdir(exist_ok=True)
    (site / "explainers" / "big-nomap" / "index.html").write_text(without, encoding="utf-8")
    return site


def cost(project: Path) -> dict:
    """Every page's Markdown rendered in this process, as a build does: CPU in map_html and in all pages."""
    from generator.pages.generated import generated_pages
    from generator.engines.mkdocs.project import open_project

    opened = open_project(project / "mkdocs.yml")
    build = opened.prepare(opened.load())
    renderer = build.renderer
    spent = {"map_s": 0.0, "maps": 0}
    inner = renderer.map_html

    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent["map_s"] += time.process_time() - start
            spent["maps"] += 1

    renderer.map_html = timed
    start = time.process_time()
    for explainer in build.site.explainers:
        renderer.explainer_markdown(explainer)
    pages = generated_pages(build)
    for page in pages.values():
        page.body()
    basemaps = renderer.basemaps
    drawn = basemaps.drawn if hasattr(basemaps, "drawn") else len(basemaps._made)  # before issue 26: per frame
    return {**spent, "pages_s": time.process_time() - start, "pages": len(build.site.explainers) + len(pages),
            "drawn": drawn}


def print_cost(project: Path) -> None:
    c = cost(project)
    print(f"cost: {c['pages']} pages rendered in {c['pages_s']:.2f} s CPU, of which map_html {c['map_s']:.2f} s "
          f"({c['maps']} calls); basemaps drawn: {c['drawn']}")


def site_bytes(site: Path, page: str, located: bytes) -> None:
    """The map's bytes on the page, the basemap files it shows, every basemap file and the whole site."""
    folder = site / "assets" / "maps"
    shown = sorted({(site / page).parent.joinpath(href.decode()).resolve()
                    for href in re.findall(rb'<use [^>]*href="([^"#]+)#', located)})
    sheets = sorted(folder.glob("*.svg")) if folder.is_dir() else []
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"basemap files the page shows: {len(shown)}, {sum(p.stat().st_size for p in shown):,} bytes "
          f"({sum(len(gzip.compress(p.read_bytes())) for p in shown):,} gzipped, cached across pages); "
          f"all basemap files: {len(sheets)}, {sum(p.stat().st_size for p in sheets):,} bytes; site {total:,} bytes")


def paints(browser, url: str, runs: int) -> dict:
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        for kind, path in (("with", "explainers/big/"), ("without", "explainers/big-nomap/")):
            context = browser.new_context(viewport=bench.VIEWPORT)
            page = context.new_page()
            page.goto(url + path, wait_until="load")
            page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length")
            for key, value in page.evaluate(PAINT).items():
                samples.setdefault(f"{key} {kind}", []).append(value)
            context.close()
    return {key: statistics.median(values) for key, values in samples.items()}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--places", type=int, default=150)
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent.parent / "_work")
    parser.add_argument("--no-paint", action="store_true", help="no Chromium: bytes and build cost only")
    parser.add_argument("--cost-only", type=Path, metavar="PROJECT", help="the build cost of this project alone")
    args = parser.parse_args(argv)
    print(f"machine: {bench.machine()}")
    if args.cost_only:
        print_cost(args.cost_only)
        return
    args.work.mkdir(parents=True, exist_ok=True)
    site = map_site(args.work, args.events, args.places)
    page = (site / "explainers" / "big" / "index.html").read_text(encoding="utf-8")
    located = MAP.search(page).group(0).encode()
    markers = located.count(b'class="ce-map__marker"')
    print(f"page: {len(page.encode()):,} bytes; the map {len(located):,} bytes ({len(gzip.compress(located)):,} "
          f"gzipped) with {markers} markers of {args.places} places")
    site_bytes(site, "explainers/big/index.html", located)
    print_cost(args.work / f"map-{args.events}x{args.places}")
    try:
        import playwright  # noqa: F401
    except ImportError:
        args.no_paint = True
        print("paint: skipped (no Playwright)")
    if args.no_paint:
        return
    timing = bench.in_chromium(site, lambda browser, url: paints(browser, url, args.runs), "")
    for key in ("fp", "fcp"):
        with_map, without = timing[f"{key} with"], timing[f"{key} without"]
        print(f"{key}: {with_map:.0f} ms with the map, {without:.0f} ms without: +{with_map - without:.0f} ms, "
              f"ratio {with_map / without:.3f} (median of {args.runs})")


if __name__ == "__main__":
    main()
