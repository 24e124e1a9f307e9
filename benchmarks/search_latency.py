"""Search on real word frequencies (issue 25, item 4): key-to-result in Chromium for 20 queries drawn across a
corpus' word-frequency range, plus its single most common content word.

    python benchmarks/corpus.py real20k --events 20000 --explainers 200 --words real
    (cd real20k && mkdocs build -d site)
    python benchmarks/search_latency.py real20k [--site real20k/site] [--runs 3] [--out latency.json]

The queries: every word of the events' headlines, summaries and claims, counted by the events it occurs in;
wordfreq's 150 most common English words ("the", "of", "said": not what readers search for) and words under
three letters left out. The most common remaining word, reported on its own, then 20 at log-spaced ranks of
that list (so rare words count as much as common ones), whose median is the figure.

Each query, in a fresh browser context (empty cache; the site's service worker blocked, since its copies of what
the page loaded would otherwise be counted as search bytes), is typed at 30 ms a key into the header box of the
first explainer page after the page has loaded. Measured: ms from the first key and from the last key to the
first result shown (a result link, i.e. its fragment loaded and drawn); where that time went (Pagefind's search
itself: from the UI's "search" event to its "results" event; then the first result's fragment); the bytes and
requests the box loads from focus to the first result (Pagefind's JS, WebAssembly, metadata, index chunks,
fragments). Same static server and Chromium as bench.py (`first_search`), whose functions it reuses.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (beside this file)

KEY_DELAY = 30  # ms between keys, as bench.py types
BOX = "#ce-search pagefind-searchbox input"
RESULT = "#ce-search a.pf-searchbox-result[href]"

WATCH = """([result]) => {
    const w = window.__watch = {first: null, last: null, shown: null, searches: [], results: []};
    document.addEventListener('keydown', () => { const t = performance.now(); w.first ??= t; w.last = t; }, true);
    new MutationObserver(() => { if (w.first !== null && w.shown === null && document.querySelector(result))
        w.shown = performance.now(); }).observe(document.body, {childList: true, subtree: true});
    customElements.whenDefined('pagefind-searchbox').then(() => {
        const ui = window.PagefindComponents.getInstanceManager().getInstance('default');
        ui.on('search', (term) => w.searches.push([term, performance.now()]));
        ui.on('results', (r) => w.results.push([r && r.results ? r.results.length : 0, performance.now()]));
    });
}"""


def queries(corpus: Path, n: int = 20) -> list[tuple[str, int]]:
    """(word, events it occurs in): the most common content word, then n more at log-spaced ranks after it."""
    import yaml
    from wordfreq import top_n_list

    docs: Counter = Counter()
    for path in sorted((corpus / "content" / "events").rglob("*.yml")):
        record = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        text = " ".join([record.get("title") or "", record.get("summary") or ""]
                        + [claim.get("text") or "" for claim in record.get("claims") or []])
        text = re.sub(r"\]\([^)]*\)", "]", text)  # a link's address is not text a reader sees
        docs.update(set(re.findall(r"[a-z]+", text.lower())))
    common = set(top_n_list("en", 150))
    content = [w for w, c in docs.most_common() if w not in common and len(w) > 2 and c >= 3]
    ranks = {round(math.exp(math.log(len(content) - 1) * i / (n - 1))) for i in range(n)} - {0}
    while len(ranks) < n:  # log spacing repeats the low ranks: fill in after them
        ranks.add(next(r for r in range(1, len(content)) if r not in ranks))
    return [(content[r], docs[content[r]]) for r in [0] + sorted(ranks)]


def measure(browser, url: str, query: str) -> dict:
    context = browser.new_context(viewport=bench.VIEWPORT, service_workers="block")
    try:
        page, phase, done = context.new_page(), ["load"], {"load": [], "search": [], "after": []}
        context.on("requestfinished", lambda request: done[phase[0]].append(request))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.evaluate(WATCH, [RESULT])
        phase[0] = "search"
        page.click(BOX, timeout=10_000)
        page.keyboard.type(query, delay=KEY_DELAY)
        try:
            page.wait_for_function("() => window.__watch.shown", timeout=60_000)
        except Exception:  # noqa: BLE001  (Playwright's TimeoutError)
            return {"query": query, "note": f"no result within 60 s of typing '{query}'"}
        phase[0] = "after"
        w = page.evaluate("() => window.__watch")
        sizes = [(r.url.split("/pagefind/", 1)[-1], bench.body_size(r)) for r in done["search"]]
        search = next((t for term, t in w["searches"] if term == query), None)
        found = next(((n, t) for n, t in w["results"] if search is not None and t >= search), (None, None))
        return {"query": query, "from_first_key": w["shown"] - w["first"], "from_last_key": w["shown"] - w["last"],
                "pagefind_search": found[1] - search if found[1] is not None else None,
                "first_fragment": w["shown"] - found[1] if found[1] is not None else None,
                "results": found[0], "bytes": sum(s for _, s in sizes), "requests": len(sizes),
                "files": sorted(sizes, key=lambda x: -x[1])[:8]}
    finally:
        context.close()


def run(browser, url: str, chosen: list[tuple[str, int]], runs: int) -> list[dict]:
    out = []
    for query, count in chosen:
        tries = [measure(browser, url, query) for _ in range(runs)]
        good = [t for t in tries if "note" not in t]
        if not good:
            out.append({"query": query, "events": count, "note": tries[-1]["note"]})
            continue
        row = {"query": query, "events": count, "runs": len(good)}
        for key in ("from_first_key", "from_last_key", "pagefind_search", "first_fragment"):
            values = [t[key] for t in good if t[key] is not None]
            row[key] = round(statistics.median(values)) if values else None
            row[key + "_each"] = [round(v) for v in values]
        row.update(results=good[0]["results"], bytes=max(t["bytes"] for t in good),
                   requests=good[0]["requests"], files=good[0]["files"])
        out.append(row)
        print(f"{query:>16} {count:>6} events: {row['from_first_key']:>5} ms from first key, "
              f"{row['from_last_key']:>5} from last (search {row['pagefind_search']}, fragment "
              f"{row['first_fragment']}), {row['bytes']:,} B in {row['requests']}", flush=True)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="corpus.py's output folder (its content/ picks the queries)")
    parser.add_argument("--site", type=Path, help="the built site (default CORPUS/site)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each query (each in a fresh context)")
    parser.add_argument("--queries", help="comma-separated words instead of the corpus' 20")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    site = args.site or args.corpus / "site"
    if args.queries:
        chosen = [(q, 0) for q in args.queries.split(",")]
    else:
        chosen = queries(args.corpus)
    page = sorted((site / "explainers").glob("*/index.html"))[0].parent.relative_to(site).as_posix() + "/"
    rows = bench.in_chromium(site, run, page, chosen, args.runs)
    timed = [r for r in rows[1:] if "note" not in r]  # the 20; the most common word is reported on its own
    summary = {"page": page, "runs": args.runs, "most_common": rows[0],
               "median_from_first_key": statistics.median(r["from_first_key"] for r in timed),
               "median_from_last_key": statistics.median(r["from_last_key"] for r in timed),
               "median_pagefind_search": statistics.median(r["pagefind_search"] for r in timed
                                                           if r["pagefind_search"] is not None),
               "largest_first_query_bytes": max(r["bytes"] for r in timed), "queries": rows}
    print(json.dumps({k: v for k, v in summary.items() if k not in ("queries", "most_common")}))
    if args.out:
        args.out.write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
