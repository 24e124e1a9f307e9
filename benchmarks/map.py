"""What the locator map (issue 16) costs a reader: its bytes with 150 places, and first paint in Chromium at
2,000 events with and without it, in the same run.

    python benchmarks/map.py [--runs 7] [--work _work] [--places 150] [--events 2000]

One explainer of EVENTS events over PLACES places (the corpus' registries: names, native names, coordinates over
the Middle East and North Africa), built by the plugin. "Without the map" is the same page with the map's heading
and <figure> cut out (a copy beside it), so the two differ by the map alone. Each run opens both in a fresh
context, alternating; first paint and first contentful paint from the page's own Performance entries, medians.
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
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    site = map_site(args.work, args.events, args.places)
    page = (site / "explainers" / "big" / "index.html").read_text(encoding="utf-8")
    located = MAP.search(page).group(0).encode()
    markers = located.count(b'class="ce-map__marker"')
    timing = bench.in_chromium(site, lambda browser, url: paints(browser, url, args.runs), "")
    print(f"machine: {bench.machine()}")
    print(f"page: {len(page.encode()):,} bytes; the map {len(located):,} bytes ({len(gzip.compress(located)):,} "
          f"gzipped) with {markers} markers of {args.places} places")
    for key in ("fp", "fcp"):
        with_map, without = timing[f"{key} with"], timing[f"{key} without"]
        print(f"{key}: {with_map:.0f} ms with the map, {without:.0f} ms without: +{with_map - without:.0f} ms, "
              f"ratio {with_map / without:.3f} (median of {args.runs})")


if __name__ == "__main__":
    main()
