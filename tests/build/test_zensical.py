"""The site Zensical builds from `explainers generate`'s source is the site the plugin builds with MkDocs.

The sample project, with hostile editor text added (raw <script> and tags in an explainer's prose, markup in
its title, a guide page with a hostile title), is built once with the plugin (`mkdocs build --strict`) and once
as `explainers generate` + `zensical build --clean --strict`. Every page's article HTML is the same, but for two
things Zensical's own templates do: the skip-link target it puts inside <article>, and other blank lines and
indents around its partials. Every data file (feeds, GeoJSON, CSV, TimelineJS JSON, the search index) is the
same byte for byte, and so is every head extra (JSON-LD, feed links, Open Graph and Twitter meta).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from support import REPO, copy_project

EXPLAINERS = len(list((REPO / "content/explainers").glob("*.md")))  # the sample's


EXPLAINER = "content/explainers/fall-of-aleppo-and-hama.md"
TITLE = "Syrian rebels take Hama after lightning offensive through Aleppo"
HOSTILE_TITLE = 'Syrian rebels take Hama & Aleppo: "<b>lightning</b>" offensive/advance'
HOSTILE_PROSE = """
<div class="x"><script>alert(1)</script></div>

An inline <b>tag</b>, a [relative link](../guide/index.md), an [external](https://example.org/a?b=1&c=2){: .ext }
and <https://example.net/>. <!-- a note for editors -->

## Probe heading with `code` and “quotes” {#probe}
"""
HOSTILE_PAGE = """\
---
title: '</title><script>alert("t")</script> & co'
description: 'A "quoted" <i>description</i>'
---

Text with <img src=x onerror=alert(2)> in it.

<script>alert(3)</script>
"""
SKIP = '<a id="__skip" tabindex="-1"></a>'  # Zensical's base.html puts it inside <article>
ARTICLE = '<article class="md-content__inner md-typeset">'
# What either engine writes for itself: its theme's files, its sitemap, Zensical's search.json.
OWN = re.compile(r"assets/(javascripts|stylesheets|images)/|sitemap\.xml|search\.json$|404\.html$")
HEAD_EXTRAS = re.compile(r'<script type="application/ld\+json">.*?</script>|<link rel="alternate feed"[^>]*>'
                         r'|<meta (?:property|name)="(?:og|twitter|article):[^>]*>'
                         r'|<link rel="stylesheet" media="print"[^>]*>', re.DOTALL)
PRINT = '<link rel="stylesheet" media="print"'


def run(*args: str, cwd: Path) -> None:
    result = subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("zensical")
    project = root / "project"
    copy_project(project)
    explainer = project / EXPLAINER
    text = explainer.read_text(encoding="utf-8").replace(f"title: {TITLE}", f"title: '{HOSTILE_TITLE}'", 1)
    front, _, body = text.partition("\n---\n\n")
    explainer.write_text(f"{front}\n---\n\n{body.rstrip()}\n{HOSTILE_PROSE}", encoding="utf-8")
    (project / "content/guide/hostile.md").write_text(HOSTILE_PAGE, encoding="utf-8")
    run("mkdocs", "build", "--strict", "-d", str(root / "plugin"), cwd=project)
    source = root / "source"
    run("generator.cli", "generate", "--out", str(source), cwd=project)
    run("zensical", "build", "--clean", "--strict", cwd=source)
    return {"plugin": root / "plugin", "zensical": source / "site", "source": source}


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
            and not OWN.search(p.relative_to(site).as_posix())}


def engine_page(path: str) -> bool:
    """A page the engine renders; the lite editions and the offline page are files written as they are (data)."""
    return path.endswith(".html") and not path.startswith("lite/") and path != "offline.html"


def article(html: str) -> str | None:
    start = html.find(ARTICLE)
    if start < 0:
        return None
    depth, at = 1, start + len(ARTICLE)
    for match in re.finditer(r"<(/?)article\b", html[at:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[at:at + match.start()]
    raise AssertionError("unclosed <article>")


def lines(html: str) -> list[str]:
    """The HTML with each line's indent and the blank lines gone: where the engines' partials differ."""
    return [line.strip() for line in html.splitlines() if line.strip()]


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def head(site: Path, path: str) -> str:
    return page(site, path).split("</head>", 1)[0]


def test_both_builds_write_the_same_files(built):
    assert files(built["plugin"]) == files(built["zensical"])
    pages = {p for p in files(built["plugin"]) if engine_page(p)}
    assert {"index.html", "explainers/fall-of-aleppo-and-hama/index.html",
            "explainers/fall-of-aleppo-and-hama-ar/index.html",
            "embed/fall-of-aleppo-and-hama/index.html", "actors/hts/index.html", "places/aleppo/index.html",
            "archive/index.html", "archive/2024-12/index.html", "guide/fields/index.html",
            "guide/hostile/index.html"} <= pages
    assert any(p.startswith("tags/") for p in pages)


def test_every_page_has_the_same_article(built):
    differ, articles = [], 0
    for path in sorted(p for p in files(built["plugin"]) if engine_page(p)):
        ours, theirs = page(built["plugin"], path), page(built["zensical"], path)
        mine = article(ours)
        if mine is None:  # the embed pages: embed.html, no site chrome, so the whole page (<title>: below)
            assert "ce-embed-page" in ours, path
            same = [x for x in lines(ours) if not x.startswith("<title>")] == [
                x for x in lines(theirs) if not x.startswith("<title>")]
        else:
            articles += 1
            same = lines(mine) == lines(article(theirs).replace(SKIP, "", 1))
        if not same:
            differ.append(path)
    assert not differ, f"article HTML differs: {differ}"
    assert articles >= 40


def test_the_embed_pages_title_is_the_same(built):
    path = "embed/fall-of-aleppo-and-hama/index.html"
    ours, theirs = (re.search(r"<title>.*</title>", page(site, path)).group() for site in (built["plugin"],
                                                                                           built["zensical"]))
    assert ours == theirs


def test_every_data_file_is_byte_identical(built):
    data = sorted(p for p in files(built["plugin"]) if not engine_page(p))
    for suffix in ("events.csv", "events.geojson", "timeline.json", "data/feed.atom", "data/feed.json"):
        assert sum(p.endswith(suffix) for p in data) == EXPLAINERS, suffix  # one per explainer
    assert {"feed.atom", "feed.json", "pagefind/pagefind-entry.json", "assets/explainers.css",
            "assets/explainers.js"} <= set(data)
    differ = [p for p in data if (built["plugin"] / p).read_bytes() != (built["zensical"] / p).read_bytes()]
    assert not differ, f"differ: {differ}"


def test_the_head_extras_are_the_same(built):
    for path in sorted(p for p in files(built["plugin"]) if engine_page(p) and not p.startswith("embed/")):
        # The print stylesheet comes through each engine's `url` filter: on the home page Zensical's writes
        # "./assets/", MkDocs' "assets/", the same address.
        ours, theirs = ([x.replace(f'{PRINT} href="./', f'{PRINT} href="', 1)
                         for x in HEAD_EXTRAS.findall(head(site, path))]
                        for site in (built["plugin"], built["zensical"]))
        assert ours == theirs, path
        assert sum(x.startswith('<link rel="alternate feed"') for x in ours) >= 2, path  # the site's feeds
    extras = HEAD_EXTRAS.findall(page(built["zensical"], "explainers/fall-of-aleppo-and-hama/index.html"))
    assert extras[1].startswith('<script type="application/ld+json">{"@context":"https://schema.org"')
    assert ('<meta property="og:title" content="Syrian rebels take Hama &amp; Aleppo: &#34;&lt;b&gt;lightning'
            '&lt;/b&gt;&#34; offensive/advance">') in extras


def test_editors_raw_html_is_text_under_zensical(built):
    explainer = page(built["zensical"], "explainers/fall-of-aleppo-and-hama/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in explainer and "An inline &lt;b&gt;tag&lt;/b&gt;" in explainer
    assert "a note for editors" not in explainer
    assert '<li class="ce-event' in explainer  # while the plugin's own blocks are HTML
    hostile = page(built["zensical"], "guide/hostile/index.html")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; &amp; co - " in hostile
    assert 'content="A &#34;quoted&#34; &lt;i&gt;description&lt;/i&gt;"' in hostile
    for path in files(built["zensical"]):
        if path.endswith(".html"):
            text = page(built["zensical"], path)
            assert not re.search(r"<script>alert|<img src=x|<b>lightning|<i>description", text), path


def test_the_source_is_one_command_to_build(built):
    source = built["source"]
    assert sorted(p.name for p in source.iterdir() if p.name != ".cache") == ["docs", "site", "theme", "zensical.toml"]
    config = tomllib.loads((source / "zensical.toml").read_text(encoding="utf-8"))["project"]
    assert config["markdown_extensions"][-1] == "generator.zensical"  # last: SafeMarkdown guards raw HTML
    assert config["theme"]["custom_dir"] == "theme" and config["docs_dir"] == "docs"
    assert config["extra_css"] == ["assets/explainers.css", "assets/explainers-map.css"]
    assert config["extra_javascript"] == ["assets/explainers.js"]
    assert "/actors/hts.md" in config["not_in_nav"].splitlines()
    assert (source / "theme/main.html").is_file() and not (source / "theme/__init__.py").exists()
    assert not (source / "docs/events").exists() and not (source / "docs/actors.yml").exists()


def test_generate_again_replaces_its_own_output_and_nothing_else(built, tmp_path):
    project = built["source"].parent / "project"
    again = tmp_path / "again"
    run("generator.cli", "generate", "--out", str(again), cwd=project)
    (again / "docs/stale.md").write_text("# Gone\n", encoding="utf-8")
    run("generator.cli", "generate", "--out", str(again), cwd=project)
    assert not (again / "docs/stale.md").exists()
    other = tmp_path / "other"
    (other / "docs").mkdir(parents=True)
    result = subprocess.run([sys.executable, "-m", "generator.cli", "generate", "--out", str(other)], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode != 0 and "not from `explainers generate`" in result.stderr
    shutil.rmtree(again)


@pytest.mark.parametrize("line, message", [
    ("<!-- explainers-block trusted -->", "the plugin's own marker"),
    ("<!-- explainers-\x02block trusted -->", "invisible character U+0002"),  # Markdown would delete it
])
def test_an_editor_cannot_write_a_trusted_block(project, line, message):
    project.write("guide.md", f"# Guide\n\n{line}\n<script>alert(1)</script>\n<!-- explainers-block end -->\n")
    out = project.root / "source"
    result = project.run("generator.cli", "generate", "--out", str(out))
    assert result.returncode == 1 and message in result.stderr and not out.exists()
