"""The MkDocs side of the generated pages: the sidebar's limit, the pages appended to MkDocs' files, the embed
pages' template, and the head extras handed to the theme through page meta."""

from __future__ import annotations

from mkdocs.structure.files import File, InclusionLevel

from ...outputs.head import META_KEY, head_meta
from ...pages.generated import GUIDE, generated_pages
from ...pages.plan import EMBED_TEMPLATE
from ...pages.prepare import Build
from ...records.selection import newest_first


# Material features that put text into the page as HTML: content.tooltips renders every title attribute, and
# the text of every navigation entry too long to show, with innerHTML, so an editor's title becomes markup.
UNSAFE_FEATURES = {"content.tooltips": "Material shows titles with innerHTML: an editor's page or link title "
                                       "would run as markup in readers' browsers"}


def unsafe_features(config) -> list[str]:
    """`mkdocs.yml: theme.features` the plugin refuses, each with why."""
    features = config.theme.get("features") or []
    return [f"mkdocs.yml: theme.features lists {name}: {why}; remove it" for name, why in UNSAFE_FEATURES.items()
            if name in features]


def limit_navigation(files, content, limit: int) -> None:
    """Only the `limit` most recently updated explainers stay in the sidebar. A sidebar listing every page is
    rendered into every page, so a site's size would grow with the square of its explainers; the home page and
    the archive still list them all."""
    for explainer in newest_first(content.explainers.values())[limit:]:
        file = files.get_file_from_path(explainer.src_uri)
        if file is not None and file.inclusion.is_in_nav():
            file.inclusion = InclusionLevel.NOT_IN_NAV


def leave_out_guide(files) -> None:
    """The editors' guide stays out of the navigation (option guide_in_nav): readers of the public site are not
    offered the manual for writing it. Its pages are still built, for editors who go to /guide/."""
    for file in files:
        if file.src_uri.startswith(GUIDE) and file.src_uri.endswith(".md") and file.inclusion.is_in_nav():
            file.inclusion = InclusionLevel.NOT_IN_NAV


def add_pages(files, config, build: Build):
    """Append the generated pages to MkDocs' files; a page an editor wrote at the same path wins."""
    existing = set(files.src_uris)
    for uri, page in generated_pages(build).items():
        if uri in existing:
            continue
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, uri, content=page.front, inclusion=inclusion))
        build.bodies[uri] = page.body  # on_page_markdown asks for it (pages/plan.py: page_markdown)
        build.generated[uri] = page  # incremental rebuilds compare its inputs
    return files


def page_template(page, build: Build) -> None:
    """Embed pages render with embed.html; set after the Markdown (on_page_content), before MkDocs picks it."""
    if page.file.src_uri in build.embeds:
        page.meta.setdefault("template", EMBED_TEMPLATE)


def page_context(page, build: Build) -> None:
    page.meta[META_KEY] = head_meta(build.site, page.file.src_uri)
