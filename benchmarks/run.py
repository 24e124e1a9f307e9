"""Benchmark the explainers plugin against plain MkDocs + Material building the very same pages.

    python benchmarks/run.py [--quick]

Full run: E = 1,000 / 5,000 / 20,000 events with X = 20 / 100 / 200 explainers, 3 alternating runs each;
writes benchmarks/RESULTS.md. --quick: E = 200/X = 4 and E = 500/X = 10, 1 run, no prune comparison;
writes benchmarks/RESULTS-quick.md. See benchmarks/README.md for what every number means.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import mkdocs_yml, write_corpus  # noqa: E402

FULL_SIZES = [(1000, 20), (5000, 100), (20000, 200)]
QUICK_SIZES = [(200, 4), (500, 10)]
INLINE_PLUGINS = "  - search\n  - explainers:\n      stash_html: false\n      zone_names:\n        \"+05:30\": IST\n"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# Child processes ---------------------------------------------------------------------------------------------

def _popen_wait4(command: list[str], cwd: Path | None = None) -> tuple[float, int, float]:
    """A build: wall time, its own max RSS (KiB) and CPU seconds (user + system), all from os.wait4 on its pid
    (RUSAGE_CHILDREN would report the maximum over all earlier children). Output goes to a log file so no pipe can fill up."""
    logfile = (cwd or HERE) / "build.log"
    with open(logfile, "w") as handle:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=handle, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}); see {logfile}:\n"
                           + logfile.read_text()[-3000:])
    return wall, usage.ru_maxrss, cpu


def mkdocs_build(project: Path, config: str, site: Path) -> tuple[float, int, float]:
    return _popen_wait4([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(site)], cwd=project)


def inprocess(*args: str) -> dict:
    done = subprocess.run([sys.executable, str(HERE / "inprocess.py"), *args], env=ENV, capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise RuntimeError(f"inprocess.py {' '.join(args)} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


# Site inspection ---------------------------------------------------------------------------------------------

def site_stats(site: Path) -> dict:
    html = list(site.rglob("*.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"html_pages": len(html), "site_bytes": total, "html_bytes": sum(p.stat().st_size for p in html)}


def nav_links(page: Path) -> int:
    """Links in the primary (left) navigation of one built page."""
    text = page.read_text(encoding="utf-8")
    start = text.find("md-nav--primary")
    end = text.find("md-sidebar--secondary", start)
    return text[start:end].count('class="md-nav__link') if start >= 0 else 0


def first_explainer_page(site: Path) -> Path | None:
    pages = sorted((site / "explainers").glob("*/index.html"))
    return pages[0] if pages else None


# Statistics ---------------------------------------------------------------------------------------------------

def median(values):
    return statistics.median(values) if values else float("nan")


FIT_TOLERANCE = 0.15


def fit_two(events: list, shown: list, ys: list) -> tuple[float, float, float]:
    """ys ≈ a·events + b·shown with a, b ≥ 0 (least squares, no constant): (a, b, largest relative miss)."""
    see, sss, ses = (sum(x * x for x in events), sum(x * x for x in shown), sum(e * s for e, s in zip(events, shown)))
    sey, ssy = sum(e * y for e, y in zip(events, ys)), sum(s * y for s, y in zip(shown, ys))
    det = see * sss - ses * ses
    a, b = ((sey * sss - ssy * ses) / det, (ssy * see - sey * ses) / det) if det else (-1.0, -1.0)
    if a < 0 or b < 0:  # one term alone, whichever fits better
        candidates = [(sey / see, 0.0), (0.0, ssy / sss)]
        a, b = min(candidates, key=lambda ab: _miss(ab, events, shown, ys))
    return a, b, _miss((a, b), events, shown, ys)


def _miss(ab, events, shown, ys) -> float:
    a, b = ab
    return max(abs(a * e + b * s - y) / y for e, s, y in zip(events, shown, ys))


def slope(xs, ys) -> float:
    """Least-squares exponent k of y ~ x^k (log-log)."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    den = sum((a - mx) ** 2 for a in lx)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / den if den else float("nan")


# The run ------------------------------------------------------------------------------------------------------

def bench_size(work: Path, events: int, explainers: int, runs: int, seed: int, plain_source: str) -> dict:
    corpus = work / f"corpus-{events}x{explainers}"
    plain = work / f"plain-{events}x{explainers}"
    summary_file = corpus / "corpus.json"
    want = {"events": events, "explainers": explainers, "seed": seed}
    summary = json.loads(summary_file.read_text()) if summary_file.exists() else {}
    if any(summary.get(k) != v for k, v in want.items()):
        log(f"writing corpus E={events} X={explainers}")
        corpus.mkdir(parents=True, exist_ok=True)
        summary = write_corpus(corpus, events, explainers, seed)
    (corpus / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")  # the default configuration
    # (a') the same with the HTML blocks inline in page.markdown, so MkDocs converts exactly (b)'s Markdown
    (corpus / "mkdocs-inline.yml").write_text(mkdocs_yml(plugins=INLINE_PLUGINS), encoding="utf-8")

    log(f"E={events}: capturing the plugin's pages ({plain_source}) and timing its hooks")
    captures = [inprocess("capture", str(corpus), str(plain), "0")]
    if plain_source == "cli":  # editor-written pages only, through `explainers generate` (or the Python API)
        captures[0]["generated_by"] = inprocess("plain", str(corpus), str(plain))["generated_by"]

    results = {"a": [], "a_inline": [], "b": []}
    builds = {"a": (corpus, "mkdocs.yml", corpus / "site"), "a_inline": (corpus, "mkdocs-inline.yml", corpus / "site-inline"),
              "b": (plain, "mkdocs.yml", plain / "site")}
    for run in range(runs):
        if run:  # the hooks timed once per run too, beside the builds: one capture build is as noisy as one build
            captures.append(inprocess("capture", str(corpus), str(work / "capture-again"), "0"))  # (b)'s stay
        order = ("a", "a_inline", "b") if run % 2 == 0 else ("b", "a_inline", "a")
        for which in order:
            wall, rss, cpu = mkdocs_build(*builds[which])
            results[which].append({"wall": wall, "rss_kib": rss, "cpu": cpu})
            log(f"E={events} run {run + 1}/{runs} ({which}) {wall:.1f}s wall {cpu:.1f}s cpu {rss / 1024:.0f} MiB")
    capture = dict(captures[0])
    capture["plugin_hooks_total"] = median([c["plugin_hooks_total"] for c in captures])
    capture["hook_seconds"] = {hook: median([c["hook_seconds"].get(hook, 0.0) for c in captures])
                               for hook in captures[0]["hook_seconds"]}
    capture["hooks_totals"] = [c["plugin_hooks_total"] for c in captures]
    stats_a, stats_b = site_stats(corpus / "site"), site_stats(plain / "site")
    explainer_page = first_explainer_page(corpus / "site")
    nav = {"explainer_page_nav_links": nav_links(explainer_page) if explainer_page else 0,
           "home_nav_links": nav_links(corpus / "site" / "index.html")}

    measures, inproc = measure_inprocess(corpus, runs)
    return {"events": events, "explainers": explainers, "corpus": summary, "capture": capture,
            "a": results["a"], "b": results["b"], "a_inline": results["a_inline"],
            "ai_cpu": median([r["cpu"] for r in results["a_inline"]]),
            "ai_rss": median([r["rss_kib"] for r in results["a_inline"]]),
            "a_wall": median([r["wall"] for r in results["a"]]), "b_wall": median([r["wall"] for r in results["b"]]),
            "a_cpu": median([r["cpu"] for r in results["a"]]), "b_cpu": median([r["cpu"] for r in results["b"]]),
            "a_rss": median([r["rss_kib"] for r in results["a"]]), "b_rss": median([r["rss_kib"] for r in results["b"]]),
            "site_a": stats_a, "site_b": stats_b, "nav": nav, "inprocess": inproc, "measures": measures}


def measure_inprocess(corpus: Path, runs: int) -> tuple[list[dict], dict]:
    """In fresh interpreters (at least 3), the plugin's phases against the LibYAML floor; medians."""
    measures = [inprocess("measure", str(corpus)) for _ in range(max(runs, 3))]
    log(f"{corpus.name}: in-process plugin work measured")
    keys = ("load", "index", "select", "render", "plugin", "floor")
    inproc = {k: median([m[k] for m in measures]) for k in keys}
    inproc.update({k: measures[0][k] for k in ("events", "explainers", "events_shown", "markdown_chars",
                                               "yaml_files", "yaml_chars", "problems")})
    return measures, inproc


def prune_check(work: Path, size: dict, runs: int) -> dict:
    """The largest corpus through the plugin without navigation.prune, against the default (with it)."""
    corpus = work / f"corpus-{size['events']}x{size['explainers']}"
    config = corpus / "mkdocs-noprune.yml"
    config.write_text(mkdocs_yml(features=("navigation.sections", "toc.follow")), encoding="utf-8")
    walls, rss, cpus = [], [], []
    for run in range(runs):
        wall, peak, cpu = mkdocs_build(corpus, config.name, corpus / "site-noprune")
        walls.append(wall)
        cpus.append(cpu)
        rss.append(peak)
        log(f"no prune run {run + 1}/{runs}: {wall:.1f}s")
    page = first_explainer_page(corpus / "site-noprune")
    return {"wall": median(walls), "cpu": median(cpus), "rss_kib": median(rss), "site": site_stats(corpus / "site-noprune"),
            "explainer_page_nav_links": nav_links(page) if page else 0,
            "home_nav_links": nav_links(corpus / "site-noprune" / "index.html")}


# Machine -------------------------------------------------------------------------------------------------------

def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    from importlib.metadata import version
    import yaml

    def v(name):
        try:
            return version(name)
        except Exception:
            return "?"

    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "python": platform.python_version(),
            "mkdocs": v("mkdocs"), "material": v("mkdocs-material"), "markdown": v("markdown"),
            "pyyaml": f"{v('pyyaml')} (LibYAML {'yes' if yaml.__with_libyaml__ else 'no'})", "jinja2": v("jinja2"),
            "os": platform.platform(), "load_at_start": os.getloadavg()}


def git_state() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "generator", "theme"], cwd=REPO, capture_output=True,
                               text=True).stdout.strip()
        return f"{head}{' + uncommitted changes in generator/ or theme/' if dirty else ''}"
    except OSError:
        return "?"


# Report --------------------------------------------------------------------------------------------------------

def ok(flag: bool) -> str:
    return "PASS" if flag else "FAIL"


def report(data: dict) -> str:
    sizes = data["sizes"]
    m = data["machine"]
    lines = [f"# Benchmark results{' (quick)' if data['quick'] else ''}", "",
             f"Run {data['started']} for {data['elapsed'] / 60:.1f} min, `{data['command']}`, "
             f"{', '.join(str(len(s['a'])) for s in sizes)} run(s) per build for the sizes below (medians), generator at "
             f"{data['git']}. Pages of (b): {sizes[0]['capture']['generated_by']}."
             + (f" The in-process part (per event, against the LibYAML floor) measured again {data['remeasured']['at']} "
                f"with `{data['remeasured']['command']}`, generator at {data['remeasured']['git']}."
                if data.get("remeasured") else ""), "",
             "## Machine", "",
             f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory']}; {m['os']}",
             f"- Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}, Markdown {m['markdown']}, "
             f"Jinja2 {m['jinja2']}, PyYAML {m['pyyaml']}",
             f"- Load average at start: {', '.join(f'{x:.2f}' for x in m['load_at_start'])} (other work on the "
             "machine shows up as noise; the builds alternate a/b so both sides see it)", "",
             "## Whole build: (a) plugin vs (b) plain MkDocs + Material on the same pages", "",
             "Time is CPU seconds (user + system) of the build process, which other work on a shared machine "
             "barely moves; wall seconds beside it. MkDocs builds on one core, so uncontended they agree. "
             "(a) is the default configuration: the plugin hands its pre-rendered timelines and event lists to "
             "Markdown's stash (`stash_html`), so MkDocs does not parse that HTML again; the page HTML is byte for "
             "byte the same (tests/build/test_html_blocks.py). (a′) is the plugin with `stash_html: false`: "
             "MkDocs then converts exactly (b)'s Markdown, so a′ − b is the plugin's own work measured from "
             "outside. *own work* is the plugin's hook CPU time (and its Markdown preprocessor) in the capture "
             "builds (one per run, median), divided by (b): the issue's \"plugin's own work under 10%\".", "",
             "| E events | X explainers | events shown | pages | (a) CPU s | (a′) CPU s | (b) CPU s | a/b time | ≤1.10× | "
             "a′/b time | own work / (b) | ≤10% | (a) peak MiB | (a′) peak MiB | (b) peak MiB | a/b memory | ≤1.2× | "
             "a′/b memory | (a) wall s | (b) wall s | (a) site MiB | (b) site MiB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|:--:|---:|---:|:--:|---:|---:|---:|---:|:--:|---:|---:|---:|---:|---:|"]
    for s in sizes:
        tr, mr = s["a_cpu"] / s["b_cpu"], s["a_rss"] / s["b_rss"]
        own = s["capture"]["plugin_hooks_total"] / s["b_cpu"]
        s["time_ratio"], s["mem_ratio"], s["own_share"] = tr, mr, own
        lines.append(f"| {s['events']:,} | {s['explainers']} | {s['inprocess']['events_shown']:,} | "
                     f"{s['capture']['pages']} | {s['a_cpu']:.1f} | {s['ai_cpu']:.1f} | {s['b_cpu']:.1f} | {tr:.2f}× | "
                     f"{ok(tr <= 1.10)} | {s['ai_cpu'] / s['b_cpu']:.2f}× | {100 * own:.1f} % | {ok(own <= 0.10)} | "
                     f"{s['a_rss'] / 1024:.0f} | {s['ai_rss'] / 1024:.0f} | {s['b_rss'] / 1024:.0f} | {mr:.2f}× | "
                     f"{ok(mr <= 1.2)} | {s['ai_rss'] / s['b_rss']:.2f}× | {s['a_wall']:.1f} | {s['b_wall']:.1f} | "
                     f"{s['site_a']['site_bytes'] / 2**20:.0f} | {s['site_b']['site_bytes'] / 2**20:.0f} |")
    lines += ["", "Every run (CPU s / wall s / peak MiB): " + "; ".join(
        f"E={s['events']:,}: a " + ", ".join(f"{r['cpu']:.1f}/{r['wall']:.1f}/{r['rss_kib'] / 1024:.0f}" for r in s["a"])
        + " — a′ " + ", ".join(f"{r['cpu']:.1f}/{r['wall']:.1f}/{r['rss_kib'] / 1024:.0f}" for r in s["a_inline"])
        + " — b " + ", ".join(f"{r['cpu']:.1f}/{r['wall']:.1f}/{r['rss_kib'] / 1024:.0f}" for r in s["b"])
        + " — plugin hooks CPU s " + ", ".join(f"{t:.2f}" for t in s["capture"].get("hooks_totals", []))
        for s in sizes), "",
        "browser: a 2,000-event timeline in Chromium is measured by `python benchmarks/browser.py` (RESULTS-browser.md)", ""]

    lines += ["## The plugin's own work per event, against the LibYAML floor", "",
              "In-process, fresh interpreters (at least 3), medians; in each, the least of two rounds, floor and plugin "
              "side by side. *floor*: read + `yaml.load(text, Loader=yaml.CSafeLoader)` of "
              "the same YAML files (events, actors.yml, places.yml). *load*: `load_content` (walk, read, compose, "
              "validate, model). *render*: `explainer_markdown` for every explainer + `home_markdown` (selection "
              "included; *select* alone shown apart). *hooks*: all explainers-plugin hooks in a real build (adds the "
              "generated actor/place/tag/archive/embed pages, head extras, exports), from the capture builds (median).", "",
              "| E | floor ms/event | load ms/event | load/floor | render ms/event | render ms/shown event | "
              "load+render ms/event | (load+render)/floor | ≤2× | hooks ms/event | hooks/floor | ≤2× | select ms total |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|:--:|---:|---:|:--:|---:|"]
    for s in sizes:
        p, e = s["inprocess"], s["events"]
        per = lambda x: 1000 * x / e  # noqa: E731
        own = p["load"] + p["index"] + p["render"]
        hooks = s["capture"]["plugin_hooks_total"]
        s["own_ratio"], s["hooks_ratio"] = own / p["floor"], hooks / p["floor"]
        lines.append(f"| {e:,} | {per(p['floor']):.3f} | {per(p['load']):.3f} | {p['load'] / p['floor']:.2f}× | "
                     f"{per(p['render']):.3f} | {1000 * p['render'] / p['events_shown']:.3f} | {per(own):.3f} | "
                     f"{s['own_ratio']:.2f}× | {ok(s['own_ratio'] <= 2)} | {per(hooks):.3f} | {s['hooks_ratio']:.2f}× | "
                     f"{ok(s['hooks_ratio'] <= 2)} | {1000 * p['select']:.1f} |")
    lines += ["", "Plugin hook seconds in the capture builds (CPU, median per hook; markdown_stash is the plugin's "
              "Markdown preprocessor): "
              + "; ".join(f"E={s['events']:,}: " + ", ".join(f"{k} {v:.2f}" for k, v in s["capture"]["hook_seconds"].items()
                                                            if v >= 0.005) for s in sizes), ""]

    lines += ["## How cost grows", ""]
    if len(sizes) >= 2:
        es = [s["events"] for s in sizes]
        shown = [s["inprocess"]["events_shown"] for s in sizes]
        ex = [s["events"] * s["explainers"] for s in sizes]
        series = {"(a) build CPU": [s["a_cpu"] for s in sizes], "(b) build CPU": [s["b_cpu"] for s in sizes],
                  "(a) peak memory": [s["a_rss"] for s in sizes],
                  "load_content": [s["inprocess"]["load"] for s in sizes],
                  "render (all explainers)": [s["inprocess"]["render"] for s in sizes],
                  "plugin hooks (build)": [s["capture"]["plugin_hooks_total"] for s in sizes],
                  "LibYAML floor": [s["inprocess"]["floor"] for s in sizes]}
        head = " → ".join(f"{s['events']:,}/{s['explainers']}" for s in sizes)
        lines += [f"Sizes E/X: {head}. Ratios between consecutive sizes: E ×"
                  + ", ×".join(f"{b / a:.1f}" for a, b in zip(es, es[1:]))
                  + "; events shown ×" + ", ×".join(f"{b / a:.1f}" for a, b in zip(shown, shown[1:]))
                  + "; E×X ×" + ", ×".join(f"{b / a:.1f}" for a, b in zip(ex, ex[1:])) + ".", "",
                  "| measure | ratios between sizes | exponent vs E | grows with | exponent vs that | marginal cost per unit of it | linear? |",
                  "|---|---|---:|---|---:|---|:--:|"]
        units = [e + s for e, s in zip(es, shown)]
        floor = series["LibYAML floor"]
        # What each measure should grow with: loading reads the YAML (its driver is the LibYAML parse of the same
        # files, which also varies with how much each event holds); everything else with events + events shown.
        drivers = {"load_content": ("the LibYAML floor", floor, 1.0, "s per s")}
        linear_all = True
        fits: dict[str, tuple[float, float, float]] = {}
        for name, ys in series.items():
            label, xs, scale, unit_name = drivers.get(name, ("E + events shown", units, 1e6, "µs"))
            if "memory" in name:
                scale, unit_name = 1.0, "KiB"
            ratios = ", ".join(f"×{b / a:.2f}" for a, b in zip(ys, ys[1:]))
            marg = [(y2 - y1) / (x2 - x1) for (y1, y2, x1, x2) in zip(ys, ys[1:], xs, xs[1:])]
            marg_text = ", ".join(f"{m * scale:.2f}" if scale == 1.0 else f"{m * scale:.1f}" for m in marg) + f" {unit_name}"
            exponent = slope(xs, ys)
            linear = exponent <= 1.15 and (len(marg) < 2 or max(marg) <= 1.5 * max(min(marg), 1e-12))
            if label == "E + events shown" and "memory" not in name and len(ys) >= 3:
                # A cost per event plus a cost per shown event weighs the two differently from E + shown; the
                # fit says whether such a cost explains every size (an E×X cost does not: exx_miss below).
                per_event, per_shown, miss = fit_two(es, shown, ys)
                fits[name] = (per_event, per_shown, miss)
                linear = linear or miss <= FIT_TOLERANCE
            if name in ("(a) build CPU", "load_content", "render (all explainers)", "plugin hooks (build)"):
                linear_all &= linear
            lines.append(f"| {name} | {ratios} | {slope(es, ys):.2f} | {label} | {exponent:.2f} | {marg_text} | {ok(linear)} |")
        data["linear"] = linear_all
        lines += ["", "An exponent near 1 against what a measure grows with, with a steady marginal cost, is linear "
                  "growth; growth with E×X would show exponents near "
                  f"{slope(units, ex):.2f} against E + shown. *linear?* passes at an exponent ≤ 1.15 and marginal "
                  "costs within 1.5× of each other. Loading is set against the LibYAML parse of the same files "
                  "rather than E: the corpora's events differ in size between E, which moves the floor itself.", ""]
        if fits:
            exx_miss = fit_two(es, shown, ex)[2]
            lines += ["Fitted as a cost per event plus a cost per shown event, least squares over the sizes (what "
                      "\"linear in E and in the events shown\" means when the two weigh differently; *linear?* "
                      f"also passes when this fit is within {FIT_TOLERANCE:.0%} at every size; a cost growing with "
                      f"E×X misses by {exx_miss:.0%}):", "",
                      "| measure | µs per event | µs per shown event | largest miss |", "|---|---:|---:|---:|"]
            lines += [f"| {name} | {1e6 * a:.1f} | {1e6 * b:.1f} | {miss:.1%} |" for name, (a, b, miss) in fits.items()]
            lines.append("")
    else:
        lines += ["(one size only: no growth figures)", ""]

    lines += ["## Navigation", ""]
    largest = sizes[-1]
    nav = largest["nav"]
    lines += [f"MkDocs builds its navigation from the files (no `nav:` in mkdocs.yml): Home, the Explainers section "
              f"with all {largest['explainers']} explainer pages, and the archive page; the plugin's actor, place, tag "
              f"and embed pages ({largest['capture']['not_in_nav']} pages) are kept out of it. "
              f"With the default features (navigation.sections + navigation.prune) an explainer page of the largest "
              f"corpus carries {nav['explainer_page_nav_links']} navigation links and the home page "
              f"{nav['home_nav_links']}.", ""]
    prune = data.get("prune")
    if prune:
        with_links = nav["explainer_page_nav_links"]
        lines += ["| E=%s, X=%s | CPU s | wall s | peak MiB | site MiB | HTML MiB | nav links on an explainer page |" % (
            f"{largest['events']:,}", largest["explainers"]), "|---|---:|---:|---:|---:|---:|---:|",
            f"| with navigation.prune (default) | {largest['a_cpu']:.1f} | {largest['a_wall']:.1f} | {largest['a_rss'] / 1024:.0f} | "
            f"{largest['site_a']['site_bytes'] / 2**20:.0f} | {largest['site_a']['html_bytes'] / 2**20:.0f} | {with_links} |",
            f"| without navigation.prune | {prune['cpu']:.1f} | {prune['wall']:.1f} | {prune['rss_kib'] / 1024:.0f} | "
            f"{prune['site']['site_bytes'] / 2**20:.0f} | {prune['site']['html_bytes'] / 2**20:.0f} | "
            f"{prune['explainer_page_nav_links']} |", ""]
    else:
        lines += ["(prune comparison not run in this mode)", ""]
    navigation_linear = nav["explainer_page_nav_links"] < largest["explainers"]
    data["nav_linear"] = navigation_linear

    def each(key):
        return ", ".join(f"{s[key]:.2f}×" for s in sizes)

    shares = ", ".join(f"{100 * s['own_share']:.1f} %" for s in sizes)

    lines += ["## Targets", "", "| target | result |", "|---|:--:|",
              f"| whole build ≤ 1.10× plain, every size | {ok(all(s['time_ratio'] <= 1.10 for s in sizes))} "
              f"({each('time_ratio')}) |",
              f"| the plugin's own work ≤ 10 % of the plain build, every size | "
              f"{ok(all(s['own_share'] <= 0.10 for s in sizes))} ({shares}) |",
              f"| peak memory ≤ 1.2× plain, every size | {ok(all(s['mem_ratio'] <= 1.2 for s in sizes))} "
              f"({each('mem_ratio')}) |",
              f"| plugin cost per event ≤ 2× LibYAML parse (load + render) | {ok(all(s['own_ratio'] <= 2 for s in sizes))} "
              f"({each('own_ratio')}) |",
              f"| plugin cost per event ≤ 2× LibYAML parse (all hooks) | {ok(all(s['hooks_ratio'] <= 2 for s in sizes))} "
              f"({each('hooks_ratio')}) |",
              f"| cost linear in E and events shown, never E×X | {ok(data.get('linear', False)) if len(sizes) > 1 else 'n/a'} |",
              f"| default config does not put every page's link in every page | {ok(navigation_linear)} "
              f"({nav['explainer_page_nav_links']} nav links per explainer page, X={largest['explainers']}) |", ""]

    prof = data.get("profile")
    if prof:
        lines += ["## Profile", "",
                  f"cProfile of the explainers plugin's hooks only (enabled while one runs) in a build of the largest "
                  f"corpus (E={largest['events']:,}, X={largest['explainers']}); {prof['profiled_seconds']:.1f} s "
                  "profiled (profiling slows it). Top 15 by cumulative time:", "",
                  "| cumulative s | own s | calls | function |", "|---:|---:|---:|---|"]
        lines += [f"| {r['cumtime']:.2f} | {r['tottime']:.2f} | {r['ncalls']:,} | `{r['function']}` |" for r in prof["cumulative"]]
        lines += ["", "Top 15 by own time:", "", "| cumulative s | own s | calls | function |", "|---:|---:|---:|---|"]
        lines += [f"| {r['cumtime']:.2f} | {r['tottime']:.2f} | {r['ncalls']:,} | `{r['function']}` |" for r in prof["tottime"]]
        lines += ["", "Top 15 functions in generator/ by cumulative time:", "",
                  "| cumulative s | own s | calls | function |", "|---:|---:|---:|---|"]
        lines += [f"| {r['cumtime']:.2f} | {r['tottime']:.2f} | {r['ncalls']:,} | `{r['function']}` |"
                  for r in prof["generator_cumulative"]]
        lines.append("")
    return "\n".join(lines)


def parse_size(text: str, runs: int) -> tuple[int, int, int]:
    size, _, size_runs = text.partition(":")
    events, explainers = (int(x) for x in size.split("x"))
    return events, explainers, int(size_runs) if size_runs else runs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, 1 run, no prune comparison (< 3 min)")
    parser.add_argument("--runs", type=int, help="builds of each side per size (default 3; 1 with --quick)")
    parser.add_argument("--sizes", help="comma-separated EVENTSxEXPLAINERS[:RUNS], e.g. 1000x20,5000x100:1 "
                                        "(RUNS overrides --runs for that size)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--work", type=Path, default=HERE / "_work", help="corpora and sites (git-ignored)")
    parser.add_argument("--out", type=Path, help="report file (default RESULTS.md, RESULTS-quick.md with --quick)")
    parser.add_argument("--plain", choices=("capture", "cli"), default="capture",
                        help="how (b)'s pages are made: capture the plugin's own output (default) or "
                             "`explainers generate` (editor-written pages only)")
    parser.add_argument("--no-prune", action="store_true", help="skip the build without navigation.prune")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--remeasure", action="store_true",
                        help="keep the builds of the last run (_work/results.json), measure the in-process part "
                             "again and rewrite the report")
    args = parser.parse_args(argv)
    if args.remeasure:
        return remeasure(args, argv)
    runs = args.runs or (1 if args.quick else 3)
    sizes = ([parse_size(s, runs) for s in args.sizes.split(",")] if args.sizes
             else [(e, x, runs) for e, x in (QUICK_SIZES if args.quick else FULL_SIZES)])
    out = args.out or HERE / ("RESULTS-quick.md" if args.quick else "RESULTS.md")
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    data = {"quick": args.quick, "runs": runs, "started": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(), "git": git_state(), "sizes": [],
            "command": " ".join(["python benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])}
    for events, explainers, size_runs in sizes:
        data["sizes"].append(bench_size(args.work, events, explainers, size_runs, args.seed, args.plain))
        (args.work / "results.json").write_text(json.dumps(data, indent=1, default=str))
    largest = data["sizes"][-1]
    corpus = args.work / f"corpus-{largest['events']}x{largest['explainers']}"
    if not args.quick and not args.no_prune:
        data["prune"] = prune_check(args.work, largest, 1)
    if not args.no_profile:
        log("profiling the plugin's hooks on the largest corpus")
        prof = inprocess("capture", str(corpus), str(args.work / "profile-pages"), "15")
        shutil.rmtree(args.work / "profile-pages", ignore_errors=True)
        data["profile"] = prof
    data["elapsed"] = time.perf_counter() - started
    text = report(data)
    out.write_text(text + "\n", encoding="utf-8")
    (args.work / "results.json").write_text(json.dumps(data, indent=1, default=str))
    print(text)
    log(f"wrote {out} in {data['elapsed'] / 60:.1f} min")
    return 0


def remeasure(args, argv) -> int:
    data = json.loads((args.work / "results.json").read_text())
    for size in data["sizes"]:
        corpus = args.work / f"corpus-{size['events']}x{size['explainers']}"
        size["measures"], size["inprocess"] = measure_inprocess(corpus, len(size["a"]))
    data["remeasured"] = {"at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "git": git_state(),
                          "command": " ".join(["python benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])}
    (args.work / "results.json").write_text(json.dumps(data, indent=1, default=str))
    out = args.out or HERE / ("RESULTS-quick.md" if data["quick"] else "RESULTS.md")
    out.write_text(report(data) + "\n", encoding="utf-8")
    log(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
