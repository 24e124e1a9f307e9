"""Timelines and event lists go to Markdown's stash instead of being parsed again (stash_html, on by default):
the site must come out byte for byte as when the same HTML is written inline, and MkDocs must still know the
anchors inside it."""

import os
import subprocess
import sys

from support import copy_project

STASH_OFF = "  - explainers:\n      stash_html: false\n"


def build(folder) -> dict:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=folder,
                            env=dict(os.environ, PYTHONHASHSEED="0"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    site = folder / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_sample_site_is_byte_identical_with_the_blocks_inline(tmp_path):
    stashed, inline = tmp_path / "stashed", tmp_path / "inline"
    copy_project(stashed)
    copy_project(inline)
    config = inline / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - explainers:\n", STASH_OFF, 1))
    assert "stash_html: false" in config.read_text()
    a, b = build(stashed), build(inline)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    page = a["explainers/fall-of-aleppo-and-hama/index.html"].decode()
    assert page.count('<li class="ce-event') >= 10 and "explainers-block" not in page
    assert "explainers-block" not in a["archive/index.html"].decode()


def test_tabs_and_blank_lines_in_records_come_out_as_markdown_would_write_them(project):
    # Markdown expands tabs and empties space-only lines in everything it reads; a stashed block skipped that
    # step, so blocks.py does it. A tab in a claim and a multi-line summary with a space-only line (one-line
    # texts such as titles may not hold tabs).
    project.event("a", "2024-12-01", "Tabs", summary='"First line\\n \\nthird\\tline"',
                  claims='[{text: "Tab\\there", status: reported}]')
    project.write("explainers/rebels.md", project.content.joinpath("explainers/rebels.md").read_text()
                  + "\n```timeline\ntags: [offensive]\n```\n")
    sites = {}
    for mode in ("stashed", "inline"):
        if mode == "inline":
            config = project.root / "mkdocs.yml"
            config.write_text(config.read_text().replace("  - explainers\n", STASH_OFF))
        project.build()
        sites[mode] = {p.relative_to(project.site).as_posix(): p.read_bytes()
                       for p in project.site.rglob("*") if p.is_file()}
    assert "stash_html: false" in (project.root / "mkdocs.yml").read_text()
    assert sites["stashed"] == sites["inline"]
    page = project.html("explainers/rebels")
    assert "Tab here" in page and "\t" not in page  # expanded to the next tab stop, as Markdown does


def test_links_to_event_anchors_are_still_checked(project):
    project.event("a", "2024-12-01", "Rebels enter Aleppo")
    project.write("explainers/rebels.md", project.content.joinpath("explainers/rebels.md").read_text()
                  + "\nSee [the entry](#event-a) and [the list](#sources).\n")
    project.write("other.md", "# Other\n\n[Aleppo](explainers/rebels.md#event-a), "
                              "[archive](archive/2024-12.md#event-a).\n")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text() + "validation:\n  anchors: warn\n")
    ok = project.mkdocs_build("--strict")
    assert ok.returncode == 0, ok.stderr
    project.write("other.md", "# Other\n\n[Nowhere](explainers/rebels.md#event-nope).\n")
    broken = project.mkdocs_build("--strict")
    assert broken.returncode == 1
    assert "'#event-nope'" in broken.stderr or "event-nope" in broken.stderr


def hook(project, text: str) -> None:
    (project.root / "hooks.py").write_text("from pathlib import Path\n\n" + text, encoding="utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - hooks.py\n")


SAVE = "    if page.file.src_uri == 'explainers/rebels.md':\n" \
       "        Path(config.config_file_path).with_name('{name}').write_text({what}, encoding='utf-8')\n"


def test_another_plugin_sees_each_page_whole_when_it_is_written(project):
    # A page's timeline waits outside its HTML until the page is written (blocks.py: defer), and is put in before
    # any other plugin's on_post_page: a site's hook (a minifier, a link checker) reads the page as published.
    project.event("a", "2024-12-01", "Rebels enter Aleppo", summary="Fighting in *the north*.")
    hook(project, "def on_post_page(output, page, config):\n" + SAVE.format(name="seen.html", what="output")
         + SAVE.format(name="kept.html", what="page.content") + "    return output\n")
    project.build()
    # What MkDocs keeps of the page until the build ends: its prose, and a stand-in where the timeline goes
    kept = (project.root / "kept.html").read_text(encoding="utf-8")
    assert 'id="event-a"' not in kept and "explainers-block deferred" in kept
    seen = (project.root / "seen.html").read_text(encoding="utf-8")
    assert 'id="event-a"' in seen and "Fighting in <em>the north</em>" in seen
    assert "explainers-block" not in seen
    assert seen == project.html("explainers/rebels")


def test_a_plugin_that_reads_pages_before_they_are_written_finds_the_timelines_in_them(project):
    # Material's and MkDocs' search index page.content in on_page_context; a hook may rewrite links in
    # on_page_content: while any does, the blocks stay in the pages' HTML
    project.event("a", "2024-12-01", "Rebels enter Aleppo")
    hook(project, "def on_page_content(html, page, config, files):\n" + SAVE.format(name="kept.html", what="html")
         + "    return html.replace('Rebels enter Aleppo', 'Rebels enter Aleppo city')\n")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:\n", "plugins:\n  - search\n", 1))
    project.build()
    assert 'id="event-a"' in (project.root / "kept.html").read_text(encoding="utf-8")
    assert "Rebels enter Aleppo city" in project.html("explainers/rebels")
    index = (project.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Rebels enter Aleppo" in index


def test_a_markdown_extension_that_rewrites_the_html_still_sees_the_timelines(project):
    # pymdownx.striphtml drops HTML comments after Markdown has put the stash back: the stand-ins would go with
    # them, so with such an extension the blocks stay in the page as Markdown makes it
    project.event("a", "2024-12-01", "Rebels enter Aleppo")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.striphtml\n", 1))
    assert "pymdownx.striphtml" in config.read_text()
    project.build()
    page = project.html("explainers/rebels")
    assert 'id="event-a"' in page and "explainers-block" not in page
