"""The one page plan both engines use: what Markdown each page is handed (the MkDocs plugin's on_page_markdown,
and `explainers generate`'s site source): a generated page's body, an explainer's rendered page, the home page's
list of explainers, or the editor's page as written. Which generated pages exist is generated.py's."""

from __future__ import annotations

from .prepare import Build
from ..records.model import Content

HOME_PAGE = "index.md"
HOME_STUB = "---\ntitle: Explainers\n---\n\n# Explainers\n"  # the home page when the site has none
EMBED_TEMPLATE = "embed.html"


def page_markdown(build: Build, content: Content, src_uri: str, markdown: str, home_list: bool = True) -> str:
    """What the plugin returns from on_page_markdown for a page; one function serves both. What the page reads
    of the content while it is made is recorded in `build.site.reads` (reads.py), for incremental rebuilds."""
    with build.site.reads.page(src_uri):
        generated = build.bodies.get(src_uri)
        if generated is not None:  # a page the plugin added: only its front matter was in the file
            return generated()
        explainer = build.renderer.content.explainers.get(src_uri)  # recorded: an explainer reads its record
        if explainer is not None:
            return build.renderer.explainer_markdown(explainer, markdown)
        if src_uri == HOME_PAGE and home_list:
            return build.renderer.home_markdown(markdown, src_uri)
        return markdown
