"""In-process pieces of the benchmark, each run by benchmarks/run.py in a fresh interpreter.

    python benchmarks/inprocess.py measure CORPUS_DIR          # JSON: plugin phases vs the LibYAML floor
    python benchmarks/inprocess.py plain CORPUS_DIR PLAIN_DIR  # the same pages as plain Markdown + mkdocs.yml
    python benchmarks/inprocess.py profile CORPUS_DIR [N]      # cProfile of load + render only, top N cumulative
    python benchmarks/inprocess.py capture CORPUS_DIR PLAIN_DIR [N]
        # a build through the plugin with benchmarks/capture_hook.py: writes every page the plugin hands MkDocs
        # into PLAIN_DIR/docs (plus PLAIN_DIR/mkdocs.yml), times each plugin hook, and with N > 0 profiles the
        # plugin's hooks (cProfile enabled only while a hook of the explainers plugin runs), top N entries.
        # The hook returns empty Markdown to MkDocs, so this build skips MkDocs' own page conversion.

`measure` times CPU seconds (time.process_time; wall time is at the mercy of other work on a shared machine),
the least of two rounds of each, floor and plugin side by side:
  floor   reading and yaml.load(..., Loader=yaml.CSafeLoader) of every YAML file the plugin reads
          (events and both registries): the cost of merely parsing the content with LibYAML;
  load    generator.content.load_content: walking, reading, composing, validating, building the model;
  index   Renderer(...) set-up: the Jinja environment, its templates compiled, and the event index;
  select  EventIndex.select for every explainer's selector (also part of render, shown apart);
  render  Renderer.explainer_markdown for every explainer plus home_markdown for the home page, with the
          plugin's default stash_html (each timeline handed over as one block, not copied through the page).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402

from corpus import THEME_DIR, mkdocs_yml  # noqa: E402

ZONE_NAMES = {"+05:30": "IST"}  # as in the corpus's mkdocs.yml


def yaml_files(docs: Path) -> list[Path]:
    files = [docs / "actors.yml", docs / "places.yml"]
    for folder, dirs, names in os.walk(docs / "events"):
        dirs.sort()
        files += [Path(folder, n) for n in sorted(names) if n.endswith(".yml")]
    return files


def libyaml_floor(docs: Path) -> tuple[float, int, int]:
    files = yaml_files(docs)
    start = time.process_time()
    size = 0
    for path in files:
        text = path.read_bytes().decode("utf-8-sig")
        size += len(text)
        yaml.load(text, Loader=yaml.CSafeLoader)
    return time.process_time() - start, len(files), size


def plugin_work(corpus: Path) -> dict:
    from generator.blocks import HtmlBlocks
    from generator.content import load_content
    from generator.loading import split_front_matter
    from generator.rendering import Renderer

    docs = corpus / "content"
    t0 = time.process_time()
    content = load_content(docs, corpus)
    t1 = time.process_time()
    renderer = Renderer(content, [THEME_DIR], ZONE_NAMES, True)
    renderer.blocks = HtmlBlocks()  # as the plugin sets it by default (stash_html): blocks become markers
    for name in renderer.env.list_templates(filter_func=lambda n: n.startswith("explainers/")):
        renderer.env.get_template(name)  # compiled once per build, whatever its size: set-up, not per event
    t2 = time.process_time()
    shown = sum(len(renderer.select(e.selector)) for e in content.explainers.values())
    t3 = time.process_time()
    size = 0
    for explainer in content.explainers.values():
        size += len(renderer.explainer_markdown(explainer))
    home = (docs / "index.md").read_text(encoding="utf-8")
    size += len(renderer.home_markdown(split_front_matter(home)[2], "index.md"))
    t4 = time.process_time()
    return {"load": t1 - t0, "index": t2 - t1, "select": t3 - t2, "render": t4 - t3,
            "problems": len(content.problems), "events": len(content.events),
            "explainers": len(content.explainers), "events_shown": shown, "markdown_chars": size}


TIMED = ("floor", "load", "index", "select", "render")


def measure(corpus: Path, repeat: int = 2) -> dict:
    """The floor and the plugin's phases, each the least of `repeat` rounds: the floor and the plugin's work
    measured side by side, so a slow spell of a shared machine moves both (one round alone moved the floor by
    40 % between runs)."""
    import generator.content  # noqa: F401  imports are not the plugin's per-event cost
    best: dict = {}
    for _ in range(repeat):
        floor, files, chars = libyaml_floor(corpus / "content")
        result = plugin_work(corpus)  # its model and pages are garbage once it returns
        result.update(floor=floor, yaml_files=files, yaml_chars=chars)
        best = {k: min(v, best[k]) if k in TIMED and k in best else v for k, v in result.items()}
        gc.collect()
    best["plugin"] = best["load"] + best["index"] + best["render"]  # select is inside render
    return best


# Plain Markdown (the comparison build) -----------------------------------------------------------------------

def generate_with_cli(corpus: Path, out: Path) -> str | None:
    """`explainers generate --out DIR` when the lead's CLI exists; None (use the API) otherwise."""
    try:
        import generator.cli  # noqa: F401
    except ImportError:
        return None
    docs = out / "docs"
    for command in (["explainers", "generate", "--out", str(docs)],
                    [sys.executable, "-m", "generator.cli", "generate", "--out", str(docs)]):
        try:
            done = subprocess.run(command, cwd=corpus, capture_output=True, text=True, timeout=1800)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0 and any(docs.rglob("*.md")):
            return " ".join(command[:2] if command[0] == "explainers" else command[1:4])
    return None


def generate_with_api(corpus: Path, out: Path) -> None:
    from generator.content import load_content
    from generator.loading import split_front_matter
    from generator.rendering import Renderer

    docs = out / "docs"
    content = load_content(corpus / "content", corpus)
    if content.problems:
        raise SystemExit(f"{len(content.problems)} content problem(s) in {corpus}")
    renderer = Renderer(content, [THEME_DIR], ZONE_NAMES, True)
    for explainer in content.explainers.values():
        target = docs / explainer.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        front = f"title: {json.dumps(explainer.title, ensure_ascii=False)}\n"
        if explainer.description:  # Material's <meta name="description"> comes from it, as in the plugin build
            front += f"description: {json.dumps(explainer.description, ensure_ascii=False)}\n"
        target.write_text(f"---\n{front}---\n\n{renderer.explainer_markdown(explainer)}", encoding="utf-8")
    home = (corpus / "content" / "index.md").read_text(encoding="utf-8")
    front, _, body, _ = split_front_matter(home)
    (docs / "index.md").write_text(f"---\n{front}---\n\n{renderer.home_markdown(body, 'index.md')}", encoding="utf-8")


def plain(corpus: Path, out: Path) -> dict:
    import shutil
    captured = out / "capture.json"  # from a capture build: which pages the plugin keeps out of the navigation
    captured = json.loads(captured.read_text(encoding="utf-8")) if captured.exists() else None
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    how = generate_with_cli(corpus, out)
    if how is None:
        generate_with_api(corpus, out)
        how = "Python API (generator.content.load_content + generator.rendering.Renderer)"
    # Same theme and custom_dir, the plugin's stylesheet by hand, no explainers plugin.
    extra = _plain_extra(captured) if captured else "extra_css:\n  - assets/explainers.css\n"
    (out / "mkdocs.yml").write_text(mkdocs_yml(plugins="  - search\n", docs_dir="docs", extra=extra), encoding="utf-8")
    pages = sorted(p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*.md"))
    return {"generated_by": how, "pages": len(pages)}


# Capture build: the plugin's exact pages, per-hook times, profile of the hooks -------------------------------

def capture(corpus: Path, out: Path, top: int = 0) -> dict:
    import cProfile
    import shutil
    import tempfile

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    os.environ["EXPLAINERS_BENCH_CAPTURE"] = str(out / "docs")
    hook = Path(__file__).resolve().parent / "capture_hook.py"
    site_dir = tempfile.mkdtemp(prefix="capture-site-")
    config = load_config(config_file=str(corpus / "mkdocs.yml"), hooks=[str(hook)], site_dir=site_dir)
    plugin = config.plugins["explainers"]
    profiler = cProfile.Profile() if top else None
    hook_times: dict[str, float] = {}

    def wrap(name, method):
        def timed(*args, **kwargs):
            if profiler:
                profiler.enable()
            start = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                hook_times[name] = hook_times.get(name, 0.0) + time.process_time() - start
                if profiler:
                    profiler.disable()
        return timed

    for name, methods in config.plugins.events.items():
        methods[:] = [wrap(name, m) if getattr(m, "__self__", None) is plugin else m for m in methods]
    # The plugin's Markdown preprocessor (stash_html) runs inside MkDocs' conversion, not in a hook: timed too.
    from generator import blocks
    blocks._StashBlocks.run = wrap("markdown_stash", blocks._StashBlocks.run)
    start = time.perf_counter()
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    total = time.perf_counter() - start
    shutil.rmtree(site_dir, ignore_errors=True)
    captured = json.loads((out / "capture.json").read_text(encoding="utf-8"))
    (out / "mkdocs.yml").write_text(mkdocs_yml(plugins="  - search\n", docs_dir="docs",
                                               extra=_plain_extra(captured)), encoding="utf-8")
    result = {"hook_seconds": hook_times, "plugin_hooks_total": sum(hook_times.values()), "build_total": total,
              "pages": len(captured["pages"]), "not_in_nav": len(captured["not_in_nav"]),
              "events": len(plugin.content.events), "profiled": bool(profiler),
              "generated_by": "capture: every page as the plugin hands it to MkDocs (benchmarks/capture_hook.py)"}
    if profiler:
        result.update(_tables(profiler, top))
    return result


def _plain_extra(captured: dict) -> str:
    """extra_css as the plugin adds it, and not_in_nav for the pages the plugin keeps out of the navigation."""
    pages, hidden = captured["pages"], set(captured["not_in_nav"])
    patterns = []
    by_top: dict[str, list[str]] = {}
    for uri in pages:
        by_top.setdefault(uri.split("/", 1)[0] if "/" in uri else "", []).append(uri)
    for top, uris in sorted(by_top.items()):
        if top and all(u in hidden for u in uris):
            patterns.append(f"/{top}/")
        else:
            patterns += [f"/{u}" for u in uris if u in hidden]
    extra = "extra_css:\n  - assets/explainers.css\n"
    if patterns:
        extra += "not_in_nav: |\n" + "".join(f"  {p}\n" for p in patterns)
    return extra


def _tables(profiler, top: int) -> dict:
    import pstats

    stats = pstats.Stats(profiler)
    rows = [(ct, tt, nc, func) for func, (cc, nc, tt, ct, callers) in stats.stats.items()]

    def table(key, only_ours=False):
        chosen = [r for r in rows if not only_ours or "/generator/" in r[3][0]]
        chosen.sort(key=key)
        return [{"cumtime": ct, "tottime": tt, "ncalls": nc, "function": f"{_short(f[0])}:{f[1]}({f[2]})"}
                for ct, tt, nc, f in chosen[:top]]

    return {"cumulative": table(lambda r: -r[0]), "tottime": table(lambda r: -r[1]),
            "generator_cumulative": table(lambda r: -r[0], only_ours=True),
            "profiled_seconds": sum(r[1] for r in rows)}


# Profile ------------------------------------------------------------------------------------------------------

def profile(corpus: Path, top: int = 15) -> str:
    import cProfile
    import io
    import pstats
    import generator.content  # noqa: F401

    profiler = cProfile.Profile()
    profiler.enable()
    result = plugin_work(corpus)
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(top)
    rows = []
    for func, (cc, nc, tt, ct, callers) in stats.stats.items():
        rows.append((ct, tt, nc, func))
    rows.sort(key=lambda r: -r[0])
    table = [{"cumtime": ct, "tottime": tt, "ncalls": nc,
              "function": f"{_short(func[0])}:{func[1]}({func[2]})"} for ct, tt, nc, func in rows[:top]]
    by_tottime = sorted(rows, key=lambda r: -r[1])[:top]
    self_table = [{"cumtime": ct, "tottime": tt, "ncalls": nc,
                   "function": f"{_short(func[0])}:{func[1]}({func[2]})"} for ct, tt, nc, func in by_tottime]
    return json.dumps({"work": result, "cumulative": table, "tottime": self_table}, indent=1)


def _short(path: str) -> str:
    path = path.replace(str(REPO) + "/", "")
    marker = "site-packages/"
    return path[path.index(marker) + len(marker):] if marker in path else path


def main(argv: list[str]) -> None:
    command, corpus = argv[0], Path(argv[1]).resolve()
    if command == "measure":
        print(json.dumps(measure(corpus)))
    elif command == "plain":
        print(json.dumps(plain(corpus, Path(argv[2]).resolve())))
    elif command == "capture":
        print(json.dumps(capture(corpus, Path(argv[2]).resolve(), int(argv[3]) if len(argv) > 3 else 0)))
    elif command == "profile":
        print(profile(corpus, int(argv[2]) if len(argv) > 2 else 15))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
