"""The MkDocs side of the generated pages: the sidebar's limit, the pages appended to MkDocs' files, the embed
pages' template, and the head extras handed to the theme through page meta."""

from __future__ import annotations

import importlib
import os
from functools import partial

import jinja2

from mkdocs.structure.files import File, InclusionLevel

from . import incremental

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


# Events in which a plugin (or a site's hook) can read a page's HTML before the page is written: the search
# plugins index page.content in on_page_context, others rewrite it in on_page_content or read every page's in on_env
_READ_PAGE_HTML = ("on_page_content", "on_page_context", "on_env")


def page_html_readers(config, own) -> list[str]:
    """The other plugins and hooks that can read a converted page's HTML before it is written: while there are
    any, the timelines stay in it (blocks.py: `defer`)."""
    return [name for name, plugin in config.plugins.items()
            if plugin is not own and any(hasattr(plugin, event) for event in _READ_PAGE_HTML)]


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


class _FromScan:
    """MkDocs' `get_files`, walking docs_dir again after the content's scan has (on_pre_build comes first),
    makes a File for every event record (20,000 at a newsroom's scale: half a second a save) that on_files then
    drops. Handed this build's scan, it makes MkDocs' Files from it instead, without the records; any other
    call (another site's build in the process, a build the plugin did not prepare) is MkDocs' own walk."""

    def __init__(self, original, engine: str):
        self.original, self.engine = original, engine
        self.pending: dict[str, list[str]] = {}  # docs_dir -> the files its next walk finds, once

    def __call__(self, config):
        found = self.pending.pop(config["docs_dir"], None)
        return self.original(config) if found is None else _files(config, found, self.engine)


def hand_over_scan(config, content) -> None:
    """The next walk of docs_dir in this build (MkDocs' `get_files`, right after on_pre_build) takes the files
    the content's scan found, less the data files and reserved pages on_files would drop."""
    engine = type(config).__module__.split(".")[0]  # mkdocs, or properdocs
    module = importlib.import_module(f"{engine}.commands.build")
    if not isinstance(module.get_files, _FromScan):
        module.get_files = _FromScan(module.get_files, engine)
    dropped = content.data_files | content.reserved
    module.get_files.pending[config["docs_dir"]] = [below for below in content.stamps if below not in dropped]


def _files(config, found: list[str], engine: str):
    """What MkDocs' get_files returns for these files (paths below docs_dir): its order (a folder's files,
    index and README first, then its folders, by name), its README.md beside index.md rule, its exclusions."""
    structure = importlib.import_module(f"{engine}.structure.files")

    def order(below: str):
        folder, _, name = below.rpartition("/")
        return (tuple(folder.split("/")) if folder else (), (os.path.splitext(name)[0] not in ("index", "README"), name))

    files, conflicting, by_dest, folder = [], [], {}, None
    for below in sorted(found, key=order):
        here = below.rpartition("/")[0]
        if here != folder:
            folder, by_dest = here, {}
        file = structure.File(below, config["docs_dir"], config["site_dir"], config["use_directory_urls"])
        first = by_dest.setdefault(file.dest_uri, file)
        if first is not file:
            conflicting.append((first, file))
        files.append(file)
    structure.set_exclusions(files, config)
    for a, b in conflicting:  # as get_files: the README goes when an index is there (it warns as MkDocs does)
        if b.inclusion.is_included():
            if a.inclusion.is_included():
                structure.log.warning(f"Excluding '{a.src_uri}' from the site because it conflicts with '{b.src_uri}'.")
            if a in files:
                files.remove(a)
        elif b in files:
            files.remove(b)
    return _theme_listed(structure.Files)(files)


_LISTED: dict[str, list[str]] = {}  # a package's theme folder -> its files, but the dot folders at its root


def _theme_listed(files_class):
    """MkDocs' Files, finding the theme's static files (add_files_from_theme) from a listing of each installed
    theme's folder made once per process. MkDocs lists every file of the theme folders at each build, and
    Material's holds 14,348 icons under `.icons/`, each then matched against a dozen patterns, the first of
    which ('.*') drops them all: 0.19 s a save at any size. An installed package does not change while serving;
    the site's and the plugin's template folders are listed at each build."""

    class Files(files_class):
        def add_files_from_theme(self, env, config) -> None:
            env.list_templates = partial(_list_templates, env)
            try:
                super().add_files_from_theme(env, config)
            finally:
                del env.list_templates

    return Files


def _list_templates(env, extensions=None, filter_func=None) -> list[str]:
    """jinja2.Environment.list_templates, the installed themes' folders listed once, without their root's dot
    folders (MkDocs' filter drops those: tests/unit/test_engine_surfaces.py)."""
    loader = env.loader
    if not isinstance(loader, jinja2.FileSystemLoader) or extensions is not None or filter_func is None:
        return jinja2.Environment.list_templates(env, extensions, filter_func)
    names: set[str] = set()
    for folder in loader.searchpath:
        listed = _LISTED.get(folder)
        if listed is None:
            listed = jinja2.FileSystemLoader(folder, followlinks=loader.followlinks).list_templates()
            if folder.startswith(incremental.PACKAGES):
                listed = _LISTED[folder] = [name for name in listed if not name.startswith(".")]
        names.update(listed)
    return [name for name in sorted(names) if filter_func(name)]


def page_template(page, build: Build) -> None:
    """Embed pages render with embed.html; set after the Markdown (on_page_content), before MkDocs picks it."""
    if page.file.src_uri in build.embeds:
        page.meta.setdefault("template", EMBED_TEMPLATE)


def page_context(page, build: Build) -> None:
    page.meta[META_KEY] = head_meta(build.site, page.file.src_uri)
