"""The reader's side at scale (issue 6): a 2,000-event timeline in headless Chromium.

    python benchmarks/browser.py [--events 2000] [--runs 5] [--out benchmarks/RESULTS-browser.md]

Builds a site with one explainer of EVENTS events (through the plugin, into a temporary folder), serves it on
127.0.0.1 and measures, in Debian's Chromium driven by Playwright: first contentful paint, when the filter
script is ready, the script's own set-up time, and for each filter the time from the change to the next frame
painted (style, layout and paint included), filtering down ("on") and showing everything again ("off").
Medians over RUNS; the targets are 1 s to paint and 100 ms a filter. A measurement, not a test: numbers vary
with the machine's load, which is recorded beside them.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, build_site, serve  # noqa: E402  (the tests' own helpers)

TYPES = ["battle", "explosion", "violence-against-civilians", "protest", "strategic-development", "statement"]
STATUSES = ["confirmed", "reported", "unverified", "disputed", "denied"]
FILTERS = [("type", ".ce-filters select[name=type]", "battle", ""),
           ("key", ".ce-filters input[name=key]", True, False),
           ("text", ".ce-filters input[name=text]", "Event 1", ""),
           ("status", ".ce-filters select[name=status]", "denied", "")]
MEASURE = """async ([selector, value]) => {
    const control = document.querySelector(selector);
    const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    await frame();
    const t0 = performance.now();
    if (control.type === 'checkbox') control.checked = value; else control.value = value;
    control.dispatchEvent(new Event(control.type === 'search' ? 'input' : 'change', {bubbles: true}));
    await frame();
    return performance.now() - t0;
}"""


def write_project(project: Path, events: int) -> Path:
    content = project / "content"
    (content / "events").mkdir(parents=True)
    (content / "explainers").mkdir()
    for name in ("actors.yml", "places.yml"):
        shutil.copy(ROOT / "content" / name, content / name)
    actors = list(yaml.safe_load((content / "actors.yml").read_text()))
    places = list(yaml.safe_load((content / "places.yml").read_text()))
    rng = random.Random(6)
    for n in range(events):
        day = 1 + n // 6  # about six events a day
        month, dom = 1 + (day - 1) // 28 % 12, 1 + (day - 1) % 28
        year = 2023 + (day - 1) // (28 * 12)
        event = {
            "date": f"{year}-{month:02d}-{dom:02d}",
            "title": f"Event {n} near {rng.choice(places)} involving several parties",
            "summary": "Fighters advanced on the town overnight, according to residents and a monitor. " * 2,
            "type": rng.choice(TYPES), "place": rng.choice(places), "actors": rng.sample(actors, 2),
            "key": rng.random() < 0.1,
            "claims": [{"text": "Dozens of fighters were killed.", "by": rng.choice(actors),
                        "status": rng.choice(STATUSES)}],
            "tags": ["perf"],
            "sources": [{"title": f"Report {n}", "publisher": "Reuters", "url": "https://www.reuters.com/"}],
        }
        (content / "events" / f"perf-{n:04d}.yml").write_text(yaml.safe_dump(event, allow_unicode=True))
    (content / "explainers" / "big.md").write_text(
        "---\ntitle: A long war\ndescription: Many events.\npublished: \"2024-12-06T09:15+03:00\"\n"
        "events:\n  tags: [perf]\n---\n\nA lede paragraph.\n")
    (content / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n")
    # Edited as text: mkdocs.yml holds a !!python tag (the toc slugify) that safe YAML loaders refuse.
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("docs_dir: content", f"docs_dir: {content}").replace(
        "custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    config = "\n".join(line for line in config.splitlines() if not line.startswith("site_url:")) + "\n"
    (project / "mkdocs.yml").write_text(config)
    return build_site(project / "mkdocs.yml", project / "site")


def measure(url: str, runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport=DESKTOP)
            page = context.new_page()
            page.goto(url)
            page.wait_for_function("() => document.documentElement.classList.contains('ce-js')")
            timing = page.evaluate("""() => ({
                fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
                ready: performance.getEntriesByName('ce-ready')[0].startTime,
                init: window.ceTimeline.initMs})""")
            page.evaluate("document.getElementById('timeline').scrollIntoView()")
            for name, selector, on, off in FILTERS:
                timing[f"{name} on"] = page.evaluate(MEASURE, [selector, on])
                timing[f"{name} off"] = page.evaluate(MEASURE, [selector, off])
            for key, value in timing.items():
                samples.setdefault(key, []).append(value)
            context.close()
        browser.close()
    return samples


def report(samples: dict[str, list[float]], events: int, runs: int, html_bytes: int) -> str:
    targets = {"fcp": 1000}
    lines = [f"# Browser benchmark: a {events:,}-event timeline",
             "",
             f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, `python benchmarks/browser.py --events {events} "
             f"--runs {runs}`; Chromium {CHROMIUM}, {os.cpu_count()} cores, load average "
             f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}; {platform.python_version()}. The explainer's HTML "
             f"is {html_bytes / 1e6:.1f} MB.",
             "",
             "| measure | median ms | min ms | max ms | target | |",
             "|---|---:|---:|---:|---:|:--:|"]
    for key, values in samples.items():
        target = targets.get(key, 100 if key.endswith((" on", " off")) else None)
        median = statistics.median(values)
        verdict = "" if target is None else ("PASS" if median < target else "FAIL")
        lines.append(f"| {key} | {median:.0f} | {min(values):.0f} | {max(values):.0f} | "
                     f"{target if target else ''} | {verdict} |")
    lines += ["", "fcp: first contentful paint; ready: when explainers.js has set up the filters; init: the "
              "script's own set-up time; `X on`: a filter applied, to the next painted frame; `X off`: "
              "back to every event."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS-browser.md"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = write_project(Path(folder), args.events)
        page = site / "explainers" / "big" / "index.html"
        url, server = serve(site)
        try:
            samples = measure(url + "explainers/big/", args.runs)
        finally:
            server.shutdown()
            server.server_close()
        text = report(samples, args.events, args.runs, page.stat().st_size)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
