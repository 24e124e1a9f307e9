"""MkDocs hook (mkdocs.yml `hooks:`) that records every page exactly as the explainers plugin hands it to MkDocs.

Used once per corpus size by benchmarks/run.py, in an untimed build, to write the plain-Markdown site (b):
every page's final Markdown (explainers, home page and the plugin's generated actor/place/tag/archive/embed
pages), with the front matter keys MkDocs and Material read, and whether the page is in the navigation.
Hooks run after the plugins listed in `plugins:`, so page.markdown is the plugin's output.

    EXPLAINERS_BENCH_CAPTURE=/path/to/plain/docs mkdocs build -f corpus/mkdocs-capture.yml
"""

from __future__ import annotations

import json
import os
from pathlib import Path

# Front matter keys that change what MkDocs/Material output; the plugin's own keys (events, unknowns...) are
# consumed by the plugin and not needed by the plain build.
KEEP = ("title", "description", "template", "search", "hide", "lang", "icon", "status", "subtitle", "social")

_not_in_nav: list[str] = []
_all: list[str] = []


def _out() -> Path:
    return Path(os.environ["EXPLAINERS_BENCH_CAPTURE"])


def on_files(files, config):
    for file in files.documentation_pages():
        _all.append(file.src_uri)
        if not file.inclusion.is_in_nav():
            _not_in_nav.append(file.src_uri)
    return files


def on_page_markdown(markdown, page, config, files):
    # The plugin hands its timelines to Markdown's stash (stash_html); written inline here, as `generate` does.
    inline = config.plugins["explainers"].blocks.expand(markdown, keep=True)
    meta = {k: page.meta[k] for k in KEEP if k in page.meta}
    front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
    target = _out() / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((f"---\n{front}---\n\n" if front else "") + inline, encoding="utf-8")
    return markdown


def on_post_build(config):
    (_out().parent / "capture.json").write_text(json.dumps({"pages": _all, "not_in_nav": _not_in_nav}),
                                               encoding="utf-8")
