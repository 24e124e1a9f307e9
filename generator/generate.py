"""Write the Markdown pages the plugin would hand MkDocs, for engines that cannot run MkDocs plugins."""

from __future__ import annotations

import shutil
from pathlib import Path

from .loading import split_front_matter
from .model import Content
from .rendering import Renderer

HOME_PAGE = "index.md"
HOME_STUB = "---\ntitle: Explainers\n---\n\n# Explainers\n"  # the home page when the site has none


def page_markdown(renderer: Renderer, content: Content, src_uri: str, markdown: str, home_list: bool = True) -> str:
    """What the plugin returns from on_page_markdown for a page; one function serves both."""
    explainer = content.explainers.get(src_uri)
    generated = renderer.reuse.bodies.get(src_uri) if renderer.reuse is not None else None
    if generated is not None:  # a page the plugin added: only its front matter was in the file
        return generated()
    if explainer is not None:
        return renderer.explainer_markdown(explainer, markdown)
    if src_uri == HOME_PAGE and home_list:
        return renderer.home_markdown(markdown, src_uri)
    return markdown


def write_pages(renderer: Renderer, content: Content, docs_dir: Path, out: Path, home_list: bool = True) -> list[Path]:
    """Every page under docs_dir, rendered, into out (front matter kept); data files left out."""
    written = []
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if not path.is_file() or relative in content.data_files or any(p.startswith(".") for p in relative.split("/")):
            continue
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8-sig")
            front, _, body, _ = split_front_matter(text)
            rendered = page_markdown(renderer, content, relative, body, home_list)
            head = f"---\n{front}---\n\n" if front is not None else ""
            target.write_text(head + rendered, encoding="utf-8")
        else:
            shutil.copyfile(path, target)
        written.append(target)
    if home_list and not (docs_dir / HOME_PAGE).exists():
        front, _, body, _ = split_front_matter(HOME_STUB)
        (out / HOME_PAGE).write_text(f"---\n{front}---\n\n" + page_markdown(renderer, content, HOME_PAGE, body),
                                     encoding="utf-8")
        written.append(out / HOME_PAGE)
    written += _write_generated(renderer, docs_dir, out)
    return written


def _write_generated(renderer: Renderer, docs_dir: Path, out: Path) -> list[Path]:
    """The pages the plugin adds (field reference, actors, places, tags, archive, embeds), unless the editor wrote one there."""
    from .pages import generated_pages, setup_without_config

    written = []
    reuse = renderer.reuse or setup_without_config(renderer)  # the plugin's set-up, when the caller made one
    for src_uri, page in generated_pages(reuse).items():
        if (docs_dir / src_uri).exists():
            continue
        target = out / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown(), encoding="utf-8")
        written.append(target)
    return written
