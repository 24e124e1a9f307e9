"""What people wait for (issue 12): save-to-preview through `mkdocs serve`, the first search in Chromium, the
site's bytes, a full build beside Hugo, and the timeline filters in Chromium. Usage: benchmarks/README.md.

Each size gets a fresh corpus (corpus.py) in WORK/corpus-ExX; serve edits it last. Raw numbers accumulate in
WORK/results-LABEL.json (a run replaces the sizes and measures it ran); RESULTS.md's section HEADING is rewritten
from them, other sections kept. Every child process runs in WORK, so `python -m` imports the generator that
PYTHONPATH names (an old checkout for a baseline), never the one in the current folder.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import random
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import corpus

CPU_TARGET, MEMORY_TARGET = 5.0, 0.75  # issue 26: a full build's CPU ≤ 5× Hugo's on the same pages, peak memory ≤ 0.75×
CARD_TARGET = 2000  # issue 26: median bytes of an event card on an explainer page
CACHED_TARGET = 1.5  # issue 27: `mkdocs build` with a restored cache, one event changed, ≤ 1.5× Hugo's full build CPU
CACHE = ".cache"  # the plugin's cache_dir (.cache/explainers) and whatever else a build keeps there: gone for a cold build
THEME_COPY = "theme-copy"  # the template edit's custom_dir: a copy of the theme, so the checkout's stays as it is

HERE = Path(__file__).resolve().parent
REPO = corpus.THEME_DIR.parent  # the checkout whose generator Python imports
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
VIEWPORT = {"width": 1280, "height": 900}
# The header search box: Pagefind's default UI until the Material header's own markup is settled; Material's lunr
# search is measured the same way on sites that still have it (before Pagefind). (name, folder, click first, box, result)
SEARCH_UIS = [("Pagefind (header box)", "pagefind", None, "#ce-search pagefind-searchbox input",
               "#ce-search a.pf-searchbox-result[href]"),
              ("Material lunr", "search", None, ".md-search__input", ".md-search-result__item")]
QUERY = "ceasefire"  # in many of the corpus' event titles ("... declare a ceasefire in ...")
# `explainers generate --out DIR/source` writes a Zensical site source; its docs/ (the pages as the plugin makes
# them) is Hugo's content folder, and the rest of it (zensical.toml, theme/) stays out of Hugo's sight.
HUGO = {"hugo.toml": 'baseURL = "http://127.0.0.1/"\ntitle = "Explainers benchmark"\nbuildFuture = true\n'
                     'contentDir = "source/docs"\n'
                     'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'
                     "[markup.goldmark.renderer]\nunsafe = true\n",
        "layouts/_default/baseof.html": "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head>"
                                        '<body>{{ block "main" . }}{{ end }}</body></html>\n',
        "layouts/_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
        "layouts/_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n'}


def measured(cmd: list[str], log: Path, cwd: Path | None = None) -> dict:
    """Run cmd: CPU (user + sys), wall and peak RSS of that very process (os.wait4; RUSAGE_CHILDREN is a max)."""
    with log.open("w") as out:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=ENV)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({child.returncode}); see {log}")
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": time.perf_counter() - start,
            "peak_mib": usage.ru_maxrss / 1024}


def mkdocs_build(project: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]


# 4. Full build beside Hugo ---------------------------------------------------------------------------------------

def build(project: Path, work: Path, key: str, runs: int, profile: bool = False, cache: bool = False) -> dict:
    """Cold builds of each side (the plugin's without its cache); with `cache`, then `runs` builds of the plugin
    with the cache the previous build left, each after one event's title changed."""
    sides = {"plugin": (mkdocs_build(project, work / f"site-{key}"), None, work / f"site-{key}")}
    if shutil.which("hugo"):  # the pages `explainers generate` writes, in a bare Hugo site
        folder = work / f"hugo-{key}"
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "generator.cli", "generate", "--out", str(folder / "source"), "-f",
                        str(project / "mkdocs.yml")], check=True, env=ENV, stdout=subprocess.DEVNULL)
        for index in (folder / "source" / "docs").rglob("index.md"):
            index.rename(index.with_name("_index.md"))  # Hugo's home and section pages
        for name, text in HUGO.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
        sides["hugo"] = (["hugo", "--quiet", "-s", str(folder), "-d", str(folder / "public")], folder, folder / "public")
    out = {name: [] for name in sides}
    for n in range(runs):  # plugin, Hugo, then Hugo, plugin, ...
        for name in list(sides)[::1 if n % 2 == 0 else -1]:
            cmd, cwd, target = sides[name]
            shutil.rmtree(target, ignore_errors=True)
            if name == "plugin":  # cold: no build cache, no share cards kept
                shutil.rmtree(project / CACHE, ignore_errors=True)
            out[name].append(measured(cmd, work / f"{name}-{key}.log", cwd))
            if name == "hugo":  # what a Hugo site with search runs next: Pagefind over what Hugo wrote
                out.setdefault("pagefind", []).append(measured(
                    [sys.executable, "-m", "pagefind", "--site", str(target), "--output-path", str(work / f"pagefind-{key}")],
                    work / f"pagefind-{key}.log"))
    out["pages"] = {name: sum(1 for _ in target.rglob("*.html")) for name, (_, _, target) in sides.items()}
    if cache:
        out["cached"] = cached_builds(project, work, key, runs)
    if profile:
        out["profile"] = profiled(project, work, key)
    return out


def cached_builds(project: Path, work: Path, key: str, runs: int) -> list[dict]:
    """`mkdocs build` with the cache the previous build left (as CI restores it with actions/cache, into a fresh
    checkout: no site folder), after one event's title changed; a run each time another event. `pages_written`:
    the HTML files the build wrote (the others were copied from the cache, their times kept)."""
    site, out = work / f"site-{key}", []
    if not (project / CACHE / "explainers" / "build" / "state.pickle").is_file():
        raise SystemExit(f"--cache: the cold build left no cache under {project / CACHE} (the option cache_dir?)")
    events = sorted((project / "content" / "events").rglob("*.yml"))
    for n in range(runs):
        path = events[(n * 7919) % len(events)]
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^title: (.*)$", lambda m: f"title: {json.dumps(json.loads(m[1]) + f' zqcache{n}')}",
                               text, count=1, flags=re.M), encoding="utf-8")
        shutil.rmtree(site, ignore_errors=True)  # as the cold builds: from an emptied output folder
        started = time.time()
        run = measured(mkdocs_build(project, site), work / f"plugin-cached-{key}.log")
        run["pages_written"] = sum(1 for page in site.rglob("*.html") if page.stat().st_mtime >= started)
        run["event"] = path.stem
        out.append(run)
    return out


def profiled(project: Path, work: Path, key: str, top: int = 40) -> dict:
    """One more plugin build under cProfile (untimed: the profiler slows it 2-3×); the top functions by own time
    and by cumulative time go to WORK/profile-KEY.txt, the first 15 of each into the report."""
    import pstats

    raw, text = work / f"profile-{key}.prof", work / f"profile-{key}.txt"
    site = work / f"site-{key}-profiled"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(project / CACHE, ignore_errors=True)  # a cold build's profile
    cmd = mkdocs_build(project, site)
    measured([cmd[0], "-m", "cProfile", "-o", str(raw), *cmd[1:]], work / f"profile-{key}.log")
    shutil.rmtree(site, ignore_errors=True)
    stats = pstats.Stats(str(raw))
    out = {"total_s": stats.total_tt, "file": str(text)}
    ours = str(REPO / "generator") + os.sep  # by cumulative time, the generator's own functions (MkDocs' wrap them)

    def name(path: str, line: int, function: str) -> str:
        if path == "~":
            return function
        where = Path(path).relative_to(REPO).as_posix() if path.startswith(ours) else "/".join(Path(path).parts[-2:])
        return f"{where}:{line}({function})"

    with text.open("w") as handle:
        stats.stream = handle
        for order in ("tottime", "cumulative"):
            stats.sort_stats(order).print_stats(top)
            chosen = [(key, value) for key, value in stats.stats.items() if order == "tottime" or key[0].startswith(ours)]
            chosen.sort(key=lambda kv: -kv[1][2 if order == "tottime" else 3])
            out[order] = [[name(*key), calls, round(own, 2), round(cumulative, 2)]
                          for key, (_, calls, own, cumulative, _) in chosen[:15]]
    return out


# 3. Site bytes by section ----------------------------------------------------------------------------------------

def site_bytes(site: Path) -> dict:
    sections, largest = {}, ("", 0)
    for path in (p for p in site.rglob("*") if p.is_file()):
        relative, size = path.relative_to(site), path.stat().st_size
        top = relative.parts[0] if len(relative.parts) > 1 else "(top-level files)"
        sections[top] = sections.get(top, 0) + size
        if path.suffix == ".html" and top not in ("explainers", "embed") and size > largest[1]:
            largest = (relative.as_posix(), size)
    cards = sorted(size for page in sorted(site.glob("explainers/*/index.html"))
                   for size in card_sizes(page.read_text(encoding="utf-8")))
    return {"total": sum(sections.values()), "sections": sections, "largest_page": largest[0],
            "largest_page_bytes": largest[1], "cards": len(cards),
            "card_bytes_median": statistics.median(cards) if cards else None}


CARD_START = re.compile(r'<(\w+)\s[^>]*?\bid="event-[^"]*"[^>]*>')
CLAIM_ID = re.compile(r'\bid="event-[^"]*-claim-[^"]*"')


def card_sizes(html: str) -> list[int]:
    """UTF-8 bytes of each event card in a page: the element whose id is `event-ID` (a claim's id, `event-ID-
    claim-N`, is part of its card), from its opening tag to the end tag that closes it."""
    sizes = []
    for start in CARD_START.finditer(html):
        if CLAIM_ID.search(start[0]):
            continue
        depth, tags = 0, re.compile(rf"<(/?){start[1]}\b[^>]*>")
        for tag in tags.finditer(html, start.start()):
            depth += -1 if tag[1] else 1
            if depth == 0:
                sizes.append(len(html[start.start():tag.end()].encode("utf-8")))
                break
    return sizes


# 2. and 5. Chromium ------------------------------------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def in_chromium(site: Path, fn, path: str, *args):
    """fn(browser, url, *args) with site served by a local static server (python -m http.server's handler)."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return fn(browser, f"http://127.0.0.1:{server.server_port}/{path}", *args)
            finally:
                browser.close()
    finally:
        server.shutdown()


WATCH_RESULTS = """([result]) => {
    document.addEventListener('keydown', () => { window.__t0 ??= performance.now(); }, true);
    new MutationObserver(() => { if (window.__t0 && !window.__t1 && document.querySelector(result))
        window.__t1 = performance.now(); }).observe(document.body, {childList: true, subtree: true});
}"""


def body_size(request) -> int:
    """Content-Length (the static server sends it, never compresses); Playwright's sizes() says 0 for workers."""
    length = request.response() and request.response().headers.get("content-length")
    return int(length) if length else request.sizes()["responseBodySize"]


def first_search(browser, url: str, ui: tuple, query: str) -> dict:
    name, _, opener, box, result = ui
    context = browser.new_context(viewport=VIEWPORT)
    page, phase, done = context.new_page(), ["load"], {"load": [], "search": [], "after": []}
    context.on("requestfinished", lambda request: done[phase[0]].append(request))  # workers' fetches too
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate(WATCH_RESULTS, [result])
    phase[0] = "search"  # what focusing the box loads (Pagefind's index) is the first query's cost
    try:
        if opener:
            page.click(opener, timeout=10_000)
        page.click(box, timeout=10_000)
    except Exception:  # noqa: BLE001  (Playwright's TimeoutError)
        return {"ui": name, "note": f"no search box `{box}` on the page (set SEARCH_UIS in bench.py)"}
    phase[0] = "search"
    page.keyboard.type(query, delay=30)
    try:
        page.wait_for_function("() => window.__t1", timeout=60_000)
    except Exception:  # noqa: BLE001  (Playwright's TimeoutError)
        return {"ui": name, "note": f"no {result} within 60 s of typing '{query}'"}
    phase[0] = "after"
    out = {"ui": name, "ms": page.evaluate("() => window.__t1 - window.__t0"), "results": page.locator(result).count()}
    for key in ("load", "search"):
        sizes = [(r.url.split("/", 3)[-1], body_size(r)) for r in done[key]]
        out[f"{key}_bytes"], out[f"{key}_requests"] = sum(s for _, s in sizes), len(sizes)
        out[f"{key}_files"] = sorted(sizes, key=lambda x: -x[1])[:15]
    return out


def search(site: Path, query: str) -> dict:
    ui = next((ui for ui in SEARCH_UIS if (site / ui[1]).is_dir()), None)
    if ui is None:
        return {"note": "skipped: the site has no pagefind/ folder (nor Material's search/)"}
    page = sorted((site / "explainers").glob("*/index.html"))[0].parent.relative_to(site).as_posix() + "/"
    return {**in_chromium(site, first_search, page, ui, query), "page": page, "query": query}


FILTERS = [("type", ".ce-filters select[name=type]", "battle", ""), ("key", ".ce-filters input[name=key]", True, False),
           ("text", ".ce-filters input[name=text]", "Event 1", ""),
           ("status", ".ce-filters select[name=status]", "denied", "")]
MEASURE_FILTER = """async ([selector, value]) => {
    const control = document.querySelector(selector);
    const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    await frame();
    const t0 = performance.now();
    if (control.type === 'checkbox') control.checked = value; else control.value = value;
    control.dispatchEvent(new Event(control.type === 'search' ? 'input' : 'change', {bubbles: true}));
    await frame();
    return performance.now() - t0;
}"""


def long_war(project: Path, events: int, event_yaml, seed: int) -> Path:
    """The corpus in `project` with its events and explainers replaced by one explainer of EVENTS events, about
    six a day (event_yaml(n, date, rng) -> the record), built by the plugin; returns its site folder."""
    rng = random.Random(seed)
    for old in [*(project / "content" / "events").iterdir(), *(project / "content" / "explainers").iterdir()]:
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    for n in range(events):
        day = n // 6
        date = f"{2023 + day // 336}-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"
        (project / "content" / "events" / f"perf-{n:04d}.yml").write_text(event_yaml(n, date, rng))
    (project / "content" / "explainers" / "big.md").write_text(
        '---\ntitle: A long war\ndescription: Many events.\npublished: "2024-12-06T09:15+03:00"\n'
        "events:\n  tags: [perf]\n---\n\nA lede paragraph.\n")
    measured(mkdocs_build(project, project / "site"), project / "build.log")
    return project / "site"


def filter_site(work: Path, events: int, search_plugin: bool) -> Path:
    """One explainer of EVENTS events, about six a day, over the corpus' registries."""
    project = work / f"filters-{events}"
    shutil.rmtree(project, ignore_errors=True)
    corpus.write_corpus(project, 100, 1, search=search_plugin)

    def event_yaml(n: int, date: str, rng: random.Random) -> str:
        return (f"date: {date}\n"
                f"title: Event {n} near place {n % 80} involving several parties\nsummary: >-\n"
                f"  {'Fighters advanced on the town overnight, according to residents and a monitor. ' * 2}\n"
                f"type: {rng.choice(['battle', 'explosion', 'protest', 'strategic-development'])}\nplace: place-{n % 80}\n"
                f"actors: [actor-{n % 40}, actor-{(n * 7 + 1) % 40}]\nkey: {str(rng.random() < 0.1).lower()}\n"
                f"claims:\n  - text: Dozens of fighters were killed.\n    by: actor-{n % 40}\n"
                f"    status: {rng.choice(['confirmed', 'reported', 'denied'])}\ntags: [perf]\n"
                f"sources:\n  - title: Report {n}\n    publisher: Reuters\n    url: https://www.reuters.com/\n")

    return long_war(project, events, event_yaml, seed=6)


def timeline_filters(browser, url: str, runs: int) -> dict:
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("() => document.documentElement.classList.contains('ce-js')")
        timing = page.evaluate("""() => ({
            fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
            ready: performance.getEntriesByName('ce-ready')[0].startTime, init: window.ceTimeline.initMs})""")
        page.evaluate("document.getElementById('timeline').scrollIntoView()")
        for name, selector, on, off in FILTERS:
            timing[f"{name} on"] = page.evaluate(MEASURE_FILTER, [selector, on])
            timing[f"{name} off"] = page.evaluate(MEASURE_FILTER, [selector, off])
        for key, value in timing.items():
            samples.setdefault(key, []).append(value)
        context.close()
    return samples


# 1. Save-to-preview through mkdocs serve ---------------------------------------------------------------------------

def get(url: str, timeout: float) -> str:
    """The page as a browser gets it: MkDocs' server holds a request until the rebuild in progress is over."""
    try:
        with urllib.request.urlopen(url, timeout=max(timeout, 1)) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:  # not up yet, a 404 while the page is gone, a failed rebuild that leaves the server stuck
        return ""


PROBLEMS = "ce-problems"  # the class of the problems banner serve shows on every page (problems-list.html)


def edit_plan(content: Path, n_text: int, kinds: list[str], seed: int, saves: int = 0) -> list[tuple]:
    """(kind, what, change(), page, done(html)): n_text title edits, then one edit of each other kind, then
    `saves` more title edits of one other event (kind "save": serve's memory after many saves)."""
    rng, pages, events = random.Random(seed), {}, []  # pages: story tag -> explainer file
    for md in sorted((content / "explainers").glob("*.md")):
        pages[re.search(r"^events:\n  tags: \[(story-\d+)\]", md.read_text(), re.M)[1]] = md
    for yml in sorted((content / "events").rglob("*.yml")):
        text = yml.read_text()
        stories = [t for t in re.search(r"^tags: \[(.*)\]$", text, re.M)[1].split(", ") if t in pages]
        if stories:
            events.append((yml, text, stories))
    # fix mends the mistake's file; template edits a template: neither takes an event
    picked = rng.sample(events, n_text + len([k for k in kinds if k not in ("fix", "template")]))
    url = lambda tag: f"explainers/{pages[tag].stem}/"  # noqa: E731
    write = lambda path, text: lambda: path.write_text(text, encoding="utf-8")  # noqa: E731
    shows = lambda token: lambda html: token in html  # noqa: E731
    has = lambda id: lambda html: f'id="event-{id}"' in html  # noqa: E731

    def retitle(text: str, token: str) -> str:
        return re.sub(r"^title: (.*)$", lambda m: f"title: {json.dumps(json.loads(m[1])[:40] + ' ' + token)}", text, 1, re.M)

    plan = []
    for k, (path, text, stories) in enumerate(picked[:n_text]):
        token = f"zqtitle{k}x{rng.randrange(10**6)}"
        plan.append(("text", f"title of {path.stem}", write(path, retitle(text, token)), url(stories[0]), shows(token)))
    spare = sorted(picked[n_text:], key=lambda e: len(e[2]))  # the tags edit takes the event on fewest pages
    mended = None  # the file a `mistake` broke, for `fix`: (path, its text, its page)
    for kind in kinds:
        if kind == "fix":  # the file the mistake broke, mended: until the page no longer shows the problem
            if mended is None:
                raise SystemExit("--kinds: fix mends the file of a mistake; list mistake before it")
            path, text, page = mended
            plan.append((kind, f"{path.name} mended", write(path, text), page,
                         lambda html: bool(html) and PROBLEMS not in html))
            continue
        if kind == "template":  # every explainer page shows it (a full rebuild): until the first one does
            template = content.parent / THEME_COPY / "explainers" / "explainer.html"
            token = f"zqtemplatex{len(plan)}"  # not drawn: the later edits stay those of earlier runs
            if not template.is_file():
                raise SystemExit(f"--kinds template: {template} is missing (serve() copies the theme there)")
            plan.append((kind, f"a line added to {THEME_COPY}/explainers/explainer.html",
                         write(template, template.read_text() + f"\n{token} words.\n"), url(sorted(pages)[0]),
                         shows(token)))
            continue
        if kind == "tags" and len(spare[0][2]) == len(pages):  # on every page (a small corpus): one that is not
            spare[0] = min((e for e in events if e not in picked), key=lambda e: len(e[2]), default=spare[0])
        path, text, stories = spare.pop(0 if kind == "tags" else -1)
        token, page = f"zq{kind}x{rng.randrange(10**6)}", url(stories[0])
        if kind == "tags":
            other = next(tag for tag in pages if tag not in stories)
            plan.append((kind, f"{path.stem}: {stories[0]} → {other}", write(path, text.replace(stories[0], other, 1)),
                         url(other), has(path.stem)))
        elif kind == "new":
            new = path.with_name(path.stem + "-new.yml")
            plan.append((kind, f"new {new.name}", write(new, retitle(text, token)), page, shows(token)))
        elif kind == "delete":
            plan.append((kind, f"delete {path.name}", path.unlink, page, lambda html, yes=has(path.stem): bool(html) and not yes(html)))
        elif kind == "registry":
            actor, actors = re.search(r"^actors: \[([\w-]+)", text, re.M)[1], content / "actors.yml"
            renamed = re.sub(rf"^({actor}:\n  name: )\"", lambda m: f'{m[1]}"{token} ', actors.read_text(), 1, re.M)
            plan.append((kind, f"name of {actor} in actors.yml", write(actors, renamed), page, shows(token)))
        elif kind == "mistake":  # a bad date: serve shows the problem on the page the editor looks at
            bad = re.sub(r"^date: .*$", "date: 2024-13-45", text, count=1, flags=re.M)
            plan.append((kind, f"a bad date in {path.name}", write(path, bad), page,
                         lambda html, name=path.name: PROBLEMS in html and name in html))
            mended = (path, text, page)
        elif kind == "prose":
            md = pages[stories[0]]
            plan.append((kind, f"a paragraph at the end of {md.name}", write(md, md.read_text() + f"\n{token} words.\n"),
                         page, shows(token)))
    if saves:  # drawn after the others, so the edits above stay those of earlier runs with the same seed
        path, text, stories = rng.choice([e for e in events if e not in picked])
        for k in range(saves):
            token = f"zqsave{k}x{rng.randrange(10**6)}"
            plan.append(("save", f"title of {path.stem}", write(path, retitle(text, token)), url(stories[0]), shows(token)))
    return plan


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far: on a shared machine a save's CPU moves far less
    than its wall time. Its children (the search index) are not counted."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mib(pid: int) -> dict:
    """The process' resident memory now (VmRSS) and its peak so far (VmHWM), MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return {key: int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M)[1]) / 1024
            for key, field in (("rss", "VmRSS"), ("peak", "VmHWM"))}


def own_theme(project: Path) -> None:
    """The corpus' custom_dir made a copy of the theme in the corpus (the same pages), for the template edit."""
    copy = project / THEME_COPY
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(corpus.THEME_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    config = project / "mkdocs.yml"
    text, line = config.read_text(), f"  custom_dir: {corpus.THEME_DIR.as_posix()}\n"
    if line not in text:
        raise SystemExit(f"--kinds template: {config} has no `{line.strip()}` to replace")
    config.write_text(text.replace(line, f"  custom_dir: {THEME_COPY}\n", 1))


def serve(project: Path, work: Path, key: str, n_text: int, kinds: list[str], timeout: float, seed: int,
          saves: int = 0) -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        base, log = f"http://127.0.0.1:{s.getsockname()[1]}/", work / f"serve-{key}.log"
    if "template" in kinds:
        own_theme(project)
    plan, start = edit_plan(project / "content", n_text, kinds, seed, saves), time.perf_counter()
    result = {"edits": [], "saves": [], "timeout": timeout, "memory": {}}
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a",
                                   base[7:-1]], stdout=out, stderr=subprocess.STDOUT, env=ENV)
    try:
        while not get(base, 5):
            if server.poll() is not None or time.perf_counter() - start > 3 * timeout:
                raise SystemExit(f"mkdocs serve did not come up (exit code {server.poll()}); see {log}")
            time.sleep(0.5)
        result["first_build_s"] = time.perf_counter() - start
        result["memory"]["first build"] = resident_mib(server.pid)
        for n, (kind, what, change, page, done) in enumerate(plan):
            if kind == "save" and n and plan[n - 1][0] != "save":
                result["memory"]["timed edits"] = resident_mib(server.pid)
            time.sleep(2 if kind != "save" else 0.5)  # let the watcher settle
            if done(get(base + page, timeout)):  # the check must fail before the edit, or it measures nothing
                raise SystemExit(f"{kind} edit: {page} already passes its check before the edit; fix edit_plan")
            t0, seconds, cpu = time.perf_counter(), None, None
            cpu0 = cpu_seconds(server.pid)
            change()
            while (left := timeout - (time.perf_counter() - t0)) > 0 and server.poll() is None:
                if done(get(base + page, left)):
                    seconds, cpu = time.perf_counter() - t0, cpu_seconds(server.pid) - cpu0
                    break
                time.sleep(0.2)
            if server.poll() is not None:
                result["exit"] = f"mkdocs serve ended (exit code {server.returncode}) during: {kind}, {what}"
                break
            if kind == "save":
                result["saves"].append(seconds)
                result.setdefault("saves_cpu", []).append(cpu)
                continue
            result["edits"].append({"kind": kind, "what": what, "page": page, "s": seconds, "cpu_s": cpu})
            print(f"  serve {kind}: {what}: {'> %d' % timeout if seconds is None else '%.1f' % seconds} s"
                  f"{'' if cpu is None else f' ({cpu:.1f} s CPU)'}", flush=True)
        if server.poll() is None:
            result["memory"]["last edit" if not result["saves"] else f"{len(result['saves'])} more saves"] = resident_mib(server.pid)
    finally:
        server.send_signal(2)  # SIGINT: MkDocs shuts down and removes its temporary site
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
    result["problems"] = [line for line in log.read_text(errors="replace").splitlines()
                          if re.search(r"ERROR|WARNING|Traceback|Exception", line)][:20]
    return result


# Report ------------------------------------------------------------------------------------------------------------

def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    tools = [(subprocess.run(cmd, capture_output=True, text=True).stdout.split() + ["?", "?"])[1] if shutil.which(cmd[0])
             else "absent" for cmd in (["hugo", "version"], [CHROMIUM, "--version"])]
    return (f"{cpu}, {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB; "
            f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
            f"Hugo {tools[0]}, Chromium {tools[1]}")


def commit() -> str:
    git = ["git", "-C", str(REPO)]
    head = subprocess.run(git + ["rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    if not head:
        return f"{REPO} (not a git checkout)"
    dirty = subprocess.run(git + ["status", "--porcelain", "--untracked-files=no", "generator", "theme"], capture_output=True, text=True).stdout
    return head + (" + uncommitted changes in generator/ or theme/" if dirty.strip() else "")


def table(title: str, head: list[str], rows: list[list], note: str = "") -> list[str]:
    if not rows:
        return []
    return ([f"### {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows] + ["", note, ""][:3 if note else 1])


def section(heading: str, data: dict) -> str:
    def rows(measure: str):
        return [(*key.split("x"), e[measure]) for key, e in sorted(data["sizes"].items(), key=lambda kv: int(kv[0].split("x")[0]))
                if measure in e]

    def serve_row(e, x, s):
        fmt = lambda v: f"> {s['timeout']:.0f}" if v is None else f"{v:.1f}"  # noqa: E731
        text = [d["s"] for d in s["edits"] if d["kind"] == "text"]
        cpu = [d.get("cpu_s") for d in s["edits"] if d["kind"] == "text"]
        notes = [s["exit"]] if "exit" in s else []
        return [e, x, f"{s['first_build_s']:.0f}", fmt(None if None in text or not text else statistics.median(text)),
                "" if None in cpu or not cpu else f"{statistics.median(cpu):.2f}", ", ".join(map(fmt, text)),
                "; ".join(f"{d['kind']} {fmt(d['s'])}" + (f" ({d['cpu_s']:.1f} CPU)" if d.get("cpu_s") is not None else "")
                          for d in s["edits"] if d["kind"] != "text"),
                "; ".join(notes + [f"`{line.strip()[:160]}`" for line in s["problems"][:3]])]

    def memory_row(e, x, s):
        memory, saves = s["memory"], [v for v in s.get("saves", []) if v is not None]
        saves_cpu = [v for v in s.get("saves_cpu", []) if v is not None]
        first = memory["first build"]["rss"]
        last_key = next((k for k in reversed(list(memory)) if k != "first build"), "first build")
        timed = memory.get("timed edits", memory.get("last edit"))
        middle = lambda v: f"{statistics.median(v):.1f}" if v else ""  # noqa: E731
        return [e, x, f"{first:.0f}", f"{timed['rss']:.0f}" if timed else "",
                f"{memory[last_key]['rss']:.0f}" if s.get("saves") else "", len(s.get("saves", [])),
                f"{memory[last_key]['rss'] / first:.2f}× {'PASS' if memory[last_key]['rss'] <= 1.1 * first else 'FAIL'}",
                f"{max(m['peak'] for m in memory.values()):.0f}", f"{middle(saves[:5])} / {middle(saves[-5:])}",
                f"{middle(saves_cpu[:5])} / {middle(saves_cpu[-5:])}"]

    def build_row(e, x, b):
        med = lambda side, key: statistics.median(r[key] for r in b[side]) if b.get(side) else float("nan")  # noqa: E731
        cpu, mem = med("plugin", "cpu_s") / med("hugo", "cpu_s"), med("plugin", "peak_mib") / med("hugo", "peak_mib")
        searched = med("hugo", "cpu_s") + med("pagefind", "cpu_s")
        return [e, x, len(b["plugin"]), f"{b['pages']['plugin']} / {b['pages'].get('hugo', 'no hugo')}",
                *(f"{med(side, key):.1f}" for key in ("cpu_s", "wall_s") for side in ("plugin", "hugo")),
                *(f"{med(side, 'peak_mib'):.0f}" for side in ("plugin", "hugo")),
                f"{cpu:.2f}× {'PASS' if cpu <= CPU_TARGET else 'FAIL'}", f"{mem:.2f}× {'PASS' if mem <= MEMORY_TARGET else 'FAIL'}",
                f"{med('pagefind', 'cpu_s'):.1f}", f"{med('pagefind', 'peak_mib'):.0f}",
                f"{med('plugin', 'cpu_s') / searched:.2f}×"]

    used = sorted({m["run"] for e in [*data["sizes"].values(), {"f": data.get("filters")}] for m in e.values() if m})
    out = [f"## {heading}", "", f"Machine: {data['machine']}.", "", "Runs (load average at the start; above 0.5 "
           "the 2 cores were shared with other people's work):", ""]
    for n in used:
        run = data["runs"][n]
        out.append(f"{n + 1}. {run['date']}, load average {run['load']}, generator {run['commit']}: `{run['command']}`"
                   + "".join(f"; E×X = {k}: {m:.1f} min" for k, m in run["minutes"].items()))
    out += [""] + table(
        "Save to preview through `mkdocs serve` (s from writing the file to the page served with the change)",
        ["E", "X", "first build s", "title edit, median s", "its CPU s, median", "each title edit s",
         "one edit of each other kind, s (CPU s)", "notes"],
        [serve_row(*r) for r in rows("serve")],
        "tags: an event's story tag changed, polled on the explainer it moves to; new: a new event file; delete: an event "
        "file deleted, until the page stops showing it; registry: an actor's name in actors.yml; prose: a paragraph added "
        "to an explainer; mistake: a bad date in an event file, until the page shows the problem; fix: that file "
        "mended, until the problem is gone; template: a line added to the corpus' copy of theme/explainers/explainer.html "
        "(every explainer page), polled on the first explainer. CPU: user + system seconds of the server process from the write to the page served (not "
        "its search index, made by another process). Notes: serve ending early, the first ERROR/WARNING lines of its log.")
    out += table("`mkdocs serve`'s memory (MiB resident, VmRSS of the server process; the search index is made by "
                 "another process)", ["E", "X", "after its first build", "after the timed edits", "after N more saves",
                                      "N", "ratio last / first (≤ 1.1×)", "peak (VmHWM)", "saves: first 5 / last 5, median s",
                                      "their CPU s"],
                 [memory_row(*r) for r in rows("serve") if r[2].get("memory")],
                 "The more saves are title edits of one event, each waited for until served (0.5 s apart).")
    out += table("First search in Chromium", ["E", "X", "search UI", "ms from first key to a result shown",
                 "bytes after the first key (requests)", "bytes at page load (requests)", "results"],
                 [[e, x, s.get("ui", ""), s["note"], "", "", ""] if "ms" not in s else
                  [e, x, s["ui"], f"{s['ms']:.0f}", f"{s['search_bytes']:,} ({s['search_requests']})",
                   f"{s['load_bytes']:,} ({s['load_requests']})", s["results"]] for e, x, s in rows("search")],
                 f"`{QUERY}` typed (30 ms a key) into the header search box of an explainer page after its load and network "
                 "idle; bytes are response bodies, workers' fetches included.")
    sizes = rows("size")
    names = sorted({n for *_, z in sizes for n in z["sections"]}, key=lambda n: -max(z["sections"].get(n, 0) for *_, z in sizes))
    card = lambda z: (f"{z['card_bytes_median']:,.0f} {'PASS' if z['card_bytes_median'] <= CARD_TARGET else 'FAIL'}"  # noqa: E731
                      if z.get("card_bytes_median") else "")
    out += table("Site bytes by top-level folder of site_dir (MB)", ["E", "X", "total", f"bytes per card, median (≤ {CARD_TARGET:,})",
                 *names, "largest page outside explainers/, embed/ (≤ 1 MB)"],
                 [[e, x, f"{z['total'] / 1e6:.1f}", card(z), *(f"{z['sections'].get(n, 0) / 1e6:.2f}" for n in names),
                   f"`{z['largest_page']}` {z['largest_page_bytes'] / 1e6:.2f} {'PASS' if z['largest_page_bytes'] <= 1e6 else 'FAIL'}"]
                  for e, x, z in sizes])
    out += table("Full build: the plugin (`mkdocs build -q`) beside Hugo building the same pages",
                 ["E", "X", "runs", "pages plugin / Hugo", "plugin CPU s", "Hugo CPU s", "plugin wall s", "Hugo wall s",
                  "plugin peak MiB", "Hugo peak MiB", f"CPU plugin/Hugo (≤ {CPU_TARGET}×)",
                  f"memory plugin/Hugo (≤ {MEMORY_TARGET}×)", "Pagefind over Hugo's site, CPU s", "its peak MiB",
                  "CPU plugin / (Hugo + Pagefind)"],
                 [build_row(*r) for r in rows("build")],
                 "Medians; plugin, Hugo, Hugo, plugin, ...; CPU is user + system of the build process (and of the "
                 "processes it waits for: the plugin's Pagefind index), peak its max RSS. "
                 "Hugo runs on both cores (wall below CPU); its extra pages are lists for folders without an index. "
                 "The plugin's build includes its search index; Hugo's does not, so beside it is what a Hugo site with "
                 "search runs next, `python -m pagefind --site public` (the same Pagefind), over every page Hugo wrote.")
    def cached_row(e, x, b):
        med = lambda runs, key="cpu_s": statistics.median(r[key] for r in runs) if runs else float("nan")  # noqa: E731
        cold, cached, hugo = med(b["plugin"]), med(b["cached"]), med(b.get("hugo", []))
        return [e, x, len(b["cached"]), f"{cold:.1f}", f"{cached:.1f}", f"{med(b['cached'], 'wall_s'):.1f}",
                f"{hugo:.1f}", f"{cold / hugo:.2f}×", f"{cached / hugo:.2f}× {'PASS' if cached <= CACHED_TARGET * hugo else 'FAIL'}",
                f"{cached / (hugo + med(b.get('pagefind', []))):.2f}×",
                f"{med(b['cached'], 'pages_written'):.0f} / {b['pages']['plugin']}"]

    out += table("`mkdocs build` with a restored cache (`--cache`), one event's title changed, beside the cold build and Hugo",
                 ["E", "X", "runs", "cold build CPU s", "cached build CPU s", "cached wall s", "Hugo CPU s",
                  "cold / Hugo", f"cached / Hugo (≤ {CACHED_TARGET}×)", "cached / (Hugo + Pagefind)",
                  "HTML files written / all"],
                 [cached_row(*r) for r in rows("build") if r[2].get("cached")],
                 "Medians. Cold: the full build above, with no cache. Cached: `mkdocs build` from an emptied output "
                 "folder (as in CI) with the cache the previous build left under `.cache/explainers` (what CI restores "
                 "with actions/cache), after one event file's title changed (another event each run); the files it did "
                 "not write it copied from the cache.")
    for e, x, b in rows("build"):
        if p := b.get("profile"):
            out += table(f"Profile of one build at E = {e}, X = {x} ({p['total_s']:.0f} s under cProfile; the top 40 of "
                         f"each order in `{Path(p['file']).name}`)", ["by own time: function", "calls", "own s", "cumulative s",
                         "the generator's, by cumulative time", "calls", "own s", "cumulative s"],
                         [[*a, *b] for a, b in zip(p["tottime"], p["cumulative"])])
    if f := data.get("filters"):
        out += table(f"Timeline filters in Chromium (one explainer of {f['events']:,} events, {f['html_bytes'] / 1e6:.1f} MB of HTML)",
                     ["measure", f"median ms of {f['runs']}", "min", "max", "target"],
                     [[k, f"{statistics.median(v):.0f}", f"{min(v):.0f}", f"{max(v):.0f}",
                       1000 if k == "fcp" else (100 if k.endswith(("on", "off")) else "")] for k, v in f["samples"].items()],
                     "fcp: first contentful paint; ready: the filter script set up; init: its own set-up time; `X on`: a "
                     "filter applied, to the next painted frame; `X off`: back to every event.")
    return "\n".join(out)


def write_report(path: Path, heading: str, text: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    kept = [p.rstrip("\n") + "\n\n" for p in re.split(r"(?m)^(?=## )", old) if not p.startswith(f"## {heading}\n")]
    path.write_text("".join(kept) + text, encoding="utf-8")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--sizes", default="1000x20,5000x100,20000x200", help="EVENTSxEXPLAINERS, comma-separated")
    add("--measures", default="build,size,search,serve,filters")
    add("--runs", type=int, default=2, help="builds of each side, alternating")
    add("--edits", type=int, default=5, help="title edits through mkdocs serve (their median is reported)")
    add("--kinds", default="tags,new,delete,registry,prose,mistake,fix,template",
        help="one edit of each; 'none' for none")
    add("--saves", type=int, default=0, help="after the timed edits, this many more title edits (serve's memory)")
    add("--cache", action="store_true", help="build: then `mkdocs build` with the cache, one event changed, --runs times")
    add("--profile", action="store_true", help="one more build under cProfile: WORK/profile-ExX.txt, top in the report")
    add("--timeout", type=float, default=300, help="seconds before an edit is reported as '> timeout'")
    add("--query", default=QUERY)
    add("--filter-events", type=int, default=2000)
    add("--seed", type=int, default=6)
    add("--search-plugin", action="store_true", help="keep Material's lunr search in the corpus (sites before Pagefind)")
    add("--label", default="current", help="raw numbers in WORK/results-LABEL.json")
    add("--heading", help="the section of RESULTS.md to rewrite (default: 'Current (COMMIT)')")
    add("--work", type=Path, default=HERE / "_work")
    add("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    measures, kinds = args.measures.split(","), [k for k in args.kinds.split(",") if k not in ("", "none")]
    work, out = args.work.resolve(), args.out.resolve()
    work.mkdir(parents=True, exist_ok=True)
    os.chdir(work)  # see the module docstring
    child = subprocess.run([sys.executable, "-c", "import generator; print(generator.__file__)"], capture_output=True,
                           text=True, env=ENV).stdout.strip()
    if Path(child).resolve().parent.parent != REPO:
        raise SystemExit(f"children would import {child}, not {REPO}'s generator")
    raw = work / f"results-{args.label}.json"
    data = json.loads(raw.read_text()) if raw.exists() else {"sizes": {}, "runs": []}
    command = shlex.join(["python", "benchmarks/bench.py", *(argv if argv is not None else sys.argv[1:])])
    if os.environ.get("PYTHONPATH"):
        command = f"PYTHONPATH={os.environ['PYTHONPATH']} {command}"
    data["machine"], run = machine(), {"date": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC", "commit": commit(),
                                       "load": ", ".join(f"{x:.2f}" for x in os.getloadavg()), "command": command, "minutes": {}}
    data["runs"].append(run)
    print(f"generator: {REPO} ({run['commit']}); raw numbers: {raw}", flush=True)
    for size in args.sizes.split(",") if set(measures) - {"filters"} else []:
        started, project, site = time.perf_counter(), work / f"corpus-{size}", work / f"site-{size}"
        print(f"E×X = {size}: {', '.join(m for m in measures if m != 'filters')}", flush=True)
        corpus.write_corpus(project, *(int(n) for n in size.split("x")), args.seed, args.search_plugin)
        done = {}
        if "build" in measures:
            done["build"] = build(project, work, size, args.runs, args.profile, args.cache)
        elif {"size", "search"} & set(measures):  # a site to look at, unmeasured
            measured(mkdocs_build(project, site), work / f"plugin-{size}.log")
        if "size" in measures:
            done["size"] = site_bytes(site)
        if "search" in measures:
            done["search"] = search(site, args.query)
            print(f"  search: {done['search'].get('ms', done['search'].get('note'))}", flush=True)
        if "serve" in measures:
            done["serve"] = serve(project, work, size, args.edits, kinds, args.timeout, args.seed, args.saves)
        data["sizes"].setdefault(size, {}).update({k: {**v, "run": len(data["runs"]) - 1} for k, v in done.items()})
        run["minutes"][size] = (time.perf_counter() - started) / 60
        raw.write_text(json.dumps(data, indent=1))
    if "filters" in measures:
        site = filter_site(work, args.filter_events, args.search_plugin)
        data["filters"] = {"events": args.filter_events, "runs": 5, "run": len(data["runs"]) - 1,
                           "html_bytes": (site / "explainers/big/index.html").stat().st_size,
                           "samples": in_chromium(site, timeline_filters, "explainers/big/", 5)}
    raw.write_text(json.dumps(data, indent=1))
    heading = args.heading or f"Current ({run['commit'].split()[0]})"
    write_report(out, heading, section(heading, data))
    print(section(heading, data))


if __name__ == "__main__":
    main()
