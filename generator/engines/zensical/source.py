"""A whole site source for an engine that cannot run MkDocs plugins (Zensical), written by `explainers generate`:

    OUT/zensical.toml   the site's mkdocs.yml settings for Zensical, with what the plugin adds (config.py)
    OUT/docs/           the pages, the pages the plugin adds, the data files and feeds, the search index
                        (pagefind/) and the plugin's assets; event records and registries left out
    OUT/theme/          the custom_dir: the plugin's templates, with the site's own custom_dir copied over them

`cd OUT && zensical build --clean --strict` then writes the site the plugin writes: the same explainer and
generated pages' article HTML, the same data files (tests/build/test_zensical.py).

A page's Markdown is what the plugin hands MkDocs for it (page_markdown), with two differences:

- Each HTML block the templates made (timelines, lists) stands between trusted-block lines (blocks.py), so that
  the Markdown extension in zensical.toml (generator/engines/zensical/markdown.py) stashes it as the plugin does and escapes
  editors' raw HTML around it.
- The links in those blocks are relative to the page's file, not to its URL: Zensical rewrites relative links in
  raw HTML as it does Markdown links (from the .md file; one "../" more on a page not named index.md, with
  directory URLs), where MkDocs leaves them alone. Under plain MkDocs (no plugin, e.g. MkDocs 1.x or a fork) the
  source builds too, but those links then resolve one folder too deep on such pages.

What the plugin passes the templates at build time goes into each page's front matter, which both engines give
the templates as page meta: the head extras (`explainers_head`), `template: embed.html` on embed pages. Front
matter values the theme prints as they are (title, description, subtitle) are written escaped, as the plugin
escapes them in page meta (page_meta.py): neither engine's templates escape.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path, PurePosixPath
from typing import Callable

import yaml
from markupsafe import escape

from ..pagefind.index import BUNDLE, write_index
from .config import DOCS, HEADER, THEME, zensical_toml
from ...format.theme_dirs import MAP_STYLESHEET, SCRIPT, THEME_DIR
from ...outputs.head import META_KEY, head_meta
from ...outputs.reader_files import write_reader_files
from ...outputs.writing import write_all
from ...pages.blocks import HtmlBlocks
from ...pages.generated import GUIDE, generated_pages
from ...pages.maps.basemap import write_basemaps
from ...pages.page_meta import PRINTED
from ...pages.plan import EMBED_TEMPLATE, HOME_PAGE, HOME_STUB, page_markdown
from ...pages.prepare import Build
from ...pages.site import page_url
from ...records.loading import split_front_matter
from ...records.model import Content
from ...records.selection import newest_first

ASSETS = "assets"
CONFIG = "zensical.toml"
# Assets go to docs/; sitemap.xml is MkDocs' template (with hreflang entries), which Zensical writes its own way;
# partials/toc.html is Material 9's with one fix for MkDocs (its label where the TOC toggle is), and Zensical's
# templates render their own table of contents.
_NOT_THEME = shutil.ignore_patterns("__init__.py", "__pycache__", "*.pyc", ASSETS, "sitemap.xml", "toc.html")
# Template output: every "<" opens a tag (text is escaped) and attribute values are in double quotes, with
# quotes and angle brackets escaped, so these find every link and nothing else.
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)"')
_NOT_RELATIVE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|[/#?]|$")  # a scheme, the root, a fragment, empty


def write_site(build: Build, content: Content, docs_dir: Path, out: Path, options,
               settings: dict | None = None) -> list[Path]:
    """The site source under `out` (see above); returns the files written. `options`: the plugin's (its config
    object, or anything with the same attributes); `settings`: mkdocs.yml as written, carried over (default: the
    build's site facts alone). A previous `generate`'s docs/ and theme/ are replaced; `out` holding other ones is
    refused (FileExistsError)."""
    out = Path(out)
    mkdocs = settings if settings is not None else _site_facts(build)
    _clear(out)
    if build.renderer.blocks is None:  # before anything is rendered: each block to its marker, then trusted
        build.renderer.blocks = HtmlBlocks()
    docs = out / DOCS
    docs.mkdir(parents=True)
    written = []
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if not path.is_file() or relative in content.data_files or any(p.startswith(".") for p in relative.split("/")):
            continue
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            front, _, body, _ = split_front_matter(path.read_text(encoding="utf-8-sig"))
            target.write_text(_page(build, relative, front, page_markdown(build, content, relative, body,
                                                                          options.home_list)), encoding="utf-8")
        else:
            shutil.copyfile(path, target)
        written.append(target)
    if options.home_list and not (docs_dir / HOME_PAGE).exists():
        front, _, body, _ = split_front_matter(HOME_STUB)
        (docs / HOME_PAGE).write_text(_page(build, HOME_PAGE, front, page_markdown(build, content, HOME_PAGE, body)),
                                      encoding="utf-8")
        written.append(docs / HOME_PAGE)
    hidden = [explainer.src_uri for explainer in newest_first(content.explainers.values())[options.nav_explainers:]]
    for src_uri, page in generated_pages(build).items():
        if (docs_dir / src_uri).exists():
            continue  # an editor's page at that path wins, as in the plugin's build
        front, _, _, _ = split_front_matter(page.front)
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(build, src_uri, front, page.body()), encoding="utf-8")
        written.append(target)
        if not page.in_nav:
            hidden.append(src_uri)
    if not options.guide_in_nav:  # as the plugin leaves the guide out (engines/mkdocs/files.py: leave_out_guide)
        hidden.append(GUIDE)
    written += [docs / path for path in write_all(build.site, docs)]  # feeds, GeoJSON, CSV, TimelineJS JSON
    written += [docs / path for path in write_reader_files(build, docs)]  # lite editions
    written += [docs / path for path in write_basemaps(build.renderer.basemaps, docs)]  # the maps' basemaps
    write_index(build.site, docs)  # the search box's index, as the plugin writes it into site_dir
    written += sorted(p for p in (docs / BUNDLE).rglob("*") if p.is_file())
    written += _theme(build, out / THEME, docs)
    (out / CONFIG).write_text(zensical_toml(mkdocs, extra_css=[options.stylesheet, MAP_STYLESHEET], extra_javascript=[SCRIPT],
                                            not_in_nav=[_pattern(src_uri) for src_uri in hidden]), encoding="utf-8")
    written.append(out / CONFIG)
    return written


def _clear(out: Path) -> None:
    config = out / CONFIG
    ours = config.is_file() and config.read_text(encoding="utf-8").startswith(f"# {HEADER}\n")
    for name in (DOCS, THEME):
        if (out / name).exists():
            if not ours:
                raise FileExistsError(f"{out / name} is not from `explainers generate`; choose another folder")
            shutil.rmtree(out / name)  # what the last run wrote: a page since removed must not stay


def _theme(build: Build, theme: Path, docs: Path) -> list[Path]:
    """The theme's folders above MkDocs' and Material's own (the site's custom_dir, then ours), merged into one
    custom_dir, the site's files over ours; their assets go to docs/ unless a page's folder has the same file
    (MkDocs' order: docs_dir, then the theme)."""
    dirs = [Path(d).resolve() for d in build.renderer.theme_dirs]
    ours = dirs[: dirs.index(THEME_DIR) + 1] if THEME_DIR in dirs else [THEME_DIR]
    written = []
    for folder in reversed(ours):
        shutil.copytree(folder, theme, ignore=_NOT_THEME, dirs_exist_ok=True)
    for asset in sorted({p.relative_to(d / ASSETS) for d in ours if (d / ASSETS).is_dir()
                         for p in (d / ASSETS).rglob("*") if p.is_file()}):
        target = docs / ASSETS / asset
        if not target.exists():
            source = next(d / ASSETS / asset for d in ours if (d / ASSETS / asset).is_file())
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written.append(target)
    return written + sorted(p for p in theme.rglob("*") if p.is_file())


def _site_facts(build: Build) -> dict:
    """mkdocs.yml's settings as far as the site knows them, for options not read from a file."""
    site = build.site
    extra = {"publisher": site.publisher or None, "author": site.author or None, "image": site.image}
    return {"site_name": site.name, "site_url": site.url, "site_description": site.description,
            "use_directory_urls": site.use_directory_urls, "extra": {k: v for k, v in extra.items() if v}}


def _pattern(src_uri: str) -> str:
    """A not_in_nav line (gitignore syntax) matching that one file."""
    return "/" + re.sub(r"([\\*?\[\]!# ])", r"\\\1", src_uri)


def _page(build: Build, src_uri: str, front: str | None, markdown: str) -> str:
    """The page's file: its front matter with what the plugin's hooks would have added, then the Markdown.
    JSON is YAML, so the added keys are one line each, whatever their text."""
    extra = {META_KEY: head_meta(build.site, src_uri)}
    if src_uri in build.embeds:
        extra["template"] = EMBED_TEMPLATE
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}\n" for key, value in extra.items())
    body = build.renderer.blocks.expand_trusted(markdown, links_from_file(src_uri, build.site.use_directory_urls))
    return f"---\n{_printed_escaped(front or '')}{lines}---\n\n{body}"


def links_from_file(src_uri: str, use_directory_urls: bool) -> Callable[[str], str]:
    """A block's HTML with its relative links (page-URL relative, as the plugin writes them) made relative to
    the page's file, which is what Zensical resolves them from."""
    if page_url(src_uri, use_directory_urls).count("/") == src_uri.count("/"):
        return str  # the page's URL is in its file's folder (index.md, or no directory URLs)
    into_page = f"{escape(PurePosixPath(src_uri).stem)}/"  # the page's URL folder, seen from its file's

    def link(match: re.Match) -> str:
        value = match.group(2)
        if not _NOT_RELATIVE.match(value):
            value = value[3:] if value.startswith("../") else into_page + value
        return f'{match.group(1)}{value}"'

    return lambda html: _TAG.sub(lambda tag: _LINK.sub(link, tag.group(0)), html)


def _printed_escaped(front: str) -> str:
    """Front matter with the values the theme prints as they are (title, description, subtitle) escaped in
    place, each one a JSON string; everything else as the editor wrote it."""
    if not any(f"{key}:" in front for key in PRINTED):
        return front
    try:
        root = yaml.compose(front, Loader=yaml.SafeLoader)
    except yaml.YAMLError:  # validation has said so already; the engine will too
        return front
    if not isinstance(root, yaml.MappingNode):
        return front
    for key, value in reversed(root.value):
        if key.value in PRINTED and isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:str":
            escaped = str(escape(value.value))
            if escaped != value.value:
                start, end = value.start_mark.index, value.end_mark.index
                tail = "\n" if front[start:end].endswith("\n") else ""  # a block scalar ends after its newline
                front = f"{front[:start]}{json.dumps(escaped, ensure_ascii=False)}{tail}{front[end:]}"
    return front
