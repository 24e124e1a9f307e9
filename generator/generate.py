"""A whole site source for engines that cannot run MkDocs plugins (Zensical, plain MkDocs): the pages as the
plugin hands them to MkDocs, the pages it adds, the data files and feeds, and the theme's assets. What the
plugin passes to the templates at build time (head extras, the embed pages' template) is written into each
page's front matter, which any Material-like theme reads as page meta."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .config import ExplainersConfig
from .exports import write_all
from .generated import generated_pages
from .head import META_KEY, head_meta
from .loading import split_front_matter
from .model import Content
from .prepare import Build
from .theme_dirs import THEME_DIR

HOME_PAGE = "index.md"
HOME_STUB = "---\ntitle: Explainers\n---\n\n# Explainers\n"  # the home page when the site has none
EMBED_TEMPLATE = "embed.html"
ASSETS = "assets"


def page_markdown(build: Build, content: Content, src_uri: str, markdown: str, home_list: bool = True) -> str:
    """What the plugin returns from on_page_markdown for a page; one function serves both."""
    generated = build.bodies.get(src_uri)
    if generated is not None:  # a page the plugin added: only its front matter was in the file
        return generated()
    explainer = content.explainers.get(src_uri)
    if explainer is not None:
        return build.renderer.explainer_markdown(explainer, markdown)
    if src_uri == HOME_PAGE and home_list:
        return build.renderer.home_markdown(markdown, src_uri)
    return markdown


def write_site(build: Build, content: Content, docs_dir: Path, out: Path, options: ExplainersConfig) -> list[Path]:
    """Everything under out: pages (front matter kept, the head extras added), the generated pages, the data
    files and feeds, and the plugin's assets; event records and registries left out. Returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if not path.is_file() or relative in content.data_files or any(p.startswith(".") for p in relative.split("/")):
            continue
        target = out / relative
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
        (out / HOME_PAGE).write_text(_page(build, HOME_PAGE, front, page_markdown(build, content, HOME_PAGE, body)),
                                     encoding="utf-8")
        written.append(out / HOME_PAGE)
    for src_uri, page in generated_pages(build).items():
        if (docs_dir / src_uri).exists():
            continue  # an editor's page at that path wins, as in the plugin's build
        front, _, _, _ = split_front_matter(page.front)
        target = out / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_page(build, src_uri, front, page.body()), encoding="utf-8")
        written.append(target)
    written += [out / path for path in write_all(build.site, out)]
    for asset in sorted((THEME_DIR / ASSETS).iterdir()):
        if not (out / ASSETS / asset.name).exists():
            (out / ASSETS).mkdir(exist_ok=True)
            shutil.copyfile(asset, out / ASSETS / asset.name)
            written.append(out / ASSETS / asset.name)
    return written


def _page(build: Build, src_uri: str, front: str | None, markdown: str) -> str:
    """The page's file: its front matter with what the plugin's hooks would have added, then the Markdown.
    JSON is YAML, so the added keys are one line each, whatever their text."""
    extra = {META_KEY: head_meta(build.site, src_uri)}
    if src_uri in build.embeds:
        extra["template"] = EMBED_TEMPLATE
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}\n" for key, value in extra.items())
    return f"---\n{front or ''}{lines}---\n\n{markdown}"
