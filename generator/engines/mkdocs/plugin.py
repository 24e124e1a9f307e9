"""The MkDocs plugin: wires MkDocs events to the content core; nothing else lives here."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import cache as build_cache, deferred, files as mkdocs_files, incremental, serve_overlay, staging, watching
from .config import ExplainersConfig, cache_dir
from ..pagefind.index import Refresh, write_index
from ...format.safe_html import SafeMarkdown
from ...format.theme_dirs import MAP_STYLESHEET, SCRIPT, with_plugin_theme
from ...outputs import sitemap
from ...outputs.reader_files import write_reader_files
from ...outputs.search import records
from ...outputs.writing import write_all
from ...pages.blocks import HtmlBlocks, HtmlBlocksExtension
from ...pages.maps.basemap import write_basemaps
from ...pages.page_meta import escape_printed
from ...pages.plan import HOME_PAGE, HOME_STUB, page_markdown
from ...pages.prepare import Build, prepare
from ...records.content import load_content
from ...records.model import Content

log = get_plugin_logger("explainers")



class ExplainersPlugin(BasePlugin[ExplainersConfig]):
    def __init__(self):
        self.serving = False
        self.content: Content | None = None
        self.build: Build | None = None  # this build's site facts, renderer and generated pages
        self.blocks = HtmlBlocks()
        self.rebuilds = incremental.Rebuilds()  # while serving: what the last build made, to rebuild only changes
        self.nav = None
        self.files = None
        self.env = None
        self.search = Refresh()
        self.atomic = False  # `mkdocs build`: build beside site_dir, swap it in whole (staging.py)
        self.staged = None  # staging.Staged while a build writes into the staging folder
        self.cache = None  # `mkdocs build`: the previous build's state and files (cache.py), under cache_dir
        self.page = None  # the page being converted, to name it if Markdown fails on it
        self.banner = ""  # while serving: the content's problems as HTML, for serve's overlay
        self.soon = incremental.Idle(after=0)  # while serving: the files written once the page is served
        self.idle = incremental.Idle()  # while serving: letting go of the build, a second later
        self.owed = deferred.Owed()  # while serving: the pages a save made stale by what they show, made after it

    def on_startup(self, *, command, dirty):
        self.owed.stop()
        self.soon.now()  # a serve earlier in this process (MkDocs keeps one plugin instance): its last work done
        self.idle.now()  # now, not in the middle of this command's build
        incremental.resume()
        self.serving = command == "serve"
        self.atomic = command in ("build", "gh-deploy") and not dirty
        self.rebuilds.reset()
        self.rebuilds.serving = self.serving

    def on_shutdown(self):
        self.owed.stop()  # serve removes site_dir next: nothing may be writing into it
        self.soon.now()
        self.idle.now()
        incremental.resume()  # the collector's full passes, held while serving (incremental.hold)
        self.search.stop()

    def on_serve(self, server, *, config, builder):
        if not self.config.enabled:
            return server
        incremental.watch(server, config)
        watching.install(server, polling=self.config.watcher == "polling")  # a save seen at once, no polling
        self.rebuilds.active = incremental.force_dirty(builder)  # from now on a save rebuilds what it changed
        self.rebuilds.overlay = serve_overlay.install(server, lambda: self.banner)  # not in every page's HTML
        self.rebuilds.defer = deferred.install(server, self.owed)  # a page asked for is made first, the rest after
        return server

    def let_go(self, collect: bool = True) -> None:
        """Serve's previous build collected, and the pages it held handed back to the system. Not `collect`: a
        save is starting; the build is collected after that save's page and data files (after_page)."""
        self.build = self.files = self.nav = self.env = None
        incremental.forget(self.rebuilds)
        if collect:
            incremental.collect(self.rebuilds, between=True)

    def on_config(self, config):
        if not self.config.enabled:
            return config
        if self.serving:  # the last build's data files first (the next build's plan needs what they record);
            self.owed.stop()  # its pages no one asked for are left to this build's plan
            self.soon.now()
            if self.rebuilds.active:  # no full pass of the collector while serving: each build is collected
                incremental.hold()  # once it is let go of, off the save's path (incremental.settle)
        refused = mkdocs_files.unsafe_features(config)
        if refused:
            raise PluginError("\n".join(refused))
        if self.atomic:  # MkDocs empties and fills site_dir as it goes: it gets the staging folder instead
            self.staged = staging.Staged(config)
        config.theme.dirs = with_plugin_theme(config.theme.dirs, config.theme.custom_dir)  # after the site's own
        if SCRIPT not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(ExtraScriptValue(SCRIPT))
            config.extra_javascript[-1].defer = True  # runs once the page is parsed: it never holds up reading
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")  # the sections' fixed anchors need it
        if self.config.stylesheet not in config.extra_css:
            config.extra_css.append(self.config.stylesheet)
        if MAP_STYLESHEET not in config.extra_css:
            config.extra_css.append(MAP_STYLESHEET)
        self.blocks.inline = not self.config.stash_html
        # Out of the pages' HTML until each is written (on_post_page), unless something else reads that HTML
        self.blocks.defer = self.config.stash_html and not mkdocs_files.page_html_readers(config, self)
        if not any(isinstance(e, HtmlBlocksExtension) for e in config.markdown_extensions):
            config.markdown_extensions.append(HtmlBlocksExtension(self.blocks))  # timelines skip Markdown's parser
        if not any(isinstance(e, SafeMarkdown) for e in config.markdown_extensions):
            config.markdown_extensions.append(SafeMarkdown())  # editors' raw HTML is text, links checked
        return config

    def on_pre_build(self, *, config):
        if not self.config.enabled:
            return
        if self.serving:  # the previous build let go of before the next is made: serve's memory stays flat
            self.idle.now(False)  # collected after this save's page and data files
        self.cache = build_cache.restore(self.rebuilds, config, self.config) if self.atomic else None
        # Loaded before MkDocs cleans site_dir, so a content error leaves the previous site as it was.
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.content = load_content(Path(config.docs_dir), root, events_dir=self.config.events_dir,
                                    actors_file=self.config.actors_file, places_file=self.config.places_file,
                                    tags_file=self.config.tags_file,
                                    max_file_kb=self.config.max_file_kb, theme_dirs=config.theme.dirs,
                                    cache=self.rebuilds.records if self.serving or self.cache is not None else None,
                                    published_suffixes=self.config.published_suffixes)
        incremental.settle(self.serving, self.rebuilds)  # the records out of the collector's sight, not the build
        self.blocks.clear()
        self.build = prepare(self.content, config, config.theme.dirs, self.config.zone_names, self.blocks)
        self.build.embed_events = self.config.embed_events
        self.build.cache_dir = cache_dir(config.config_file_path, self.config.cache_dir)
        self.build.renderer.env.bytecode_cache = self.rebuilds.templates
        if self.serving:
            incremental.carry(self.rebuilds, self.build)
        else:  # one build in this process: what it is made of goes out of the collector's sight too
            incremental.settle(False, self.rebuilds)
        problems = self.content.problems
        for problem in problems:
            log.error(str(problem))
        for warning in self.content.warnings:  # INFO: a future date must not fail `mkdocs build --strict`
            log.info(str(warning))
        # While serving, problems show on the pages, unless MkDocs must not even walk docs_dir (a link out of it).
        if problems and (not self.serving or self.content.unsafe_tree):
            raise PluginError(f"{len(problems)} problem(s) in the content; nothing was built. "
                              "Fix them and build again (each line above says where and how).")
        mkdocs_files.hand_over_scan(config, self.content)  # MkDocs' walk of docs_dir, without the records

    def on_files(self, files: Files, *, config):
        if not self.config.enabled:
            return files
        for file in list(files):
            if file.src_uri in self.content.data_files or file.src_uri in self.content.reserved:
                files.remove(file)  # event records and registries are data, not pages to publish
            elif file.src_uri in self.content.unreadable:  # while serving: MkDocs would stop on it, the page waits
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content="# Not UTF-8\n"))
        if self.config.home_list and HOME_PAGE not in files.src_uris:
            files.append(File.generated(config, HOME_PAGE, content=HOME_STUB))
        mkdocs_files.limit_navigation(files, self.content, self.config.nav_explainers)  # page size flat in X
        files = mkdocs_files.add_pages(files, config, self.build)  # field reference; entity, tag, archive, embeds
        if not self.config.guide_in_nav:
            mkdocs_files.leave_out_guide(files)  # the public site's readers are not offered the editors' manual
        incremental.plan(self.rebuilds, files, config, self.content, self.build.site, self.build.generated)
        if self.cache is not None:  # the pages this build skips, as the previous build wrote them
            self.cache.stage(self.rebuilds, files, config.site_dir)
        self.files = files
        return files

    def on_nav(self, nav, *, config, files):
        if not self.config.enabled:
            return nav
        incremental.keep_titles(self.rebuilds, files)  # pages a rebuild skips keep their place in the navigation
        self.nav = nav
        return nav

    def on_env(self, env, *, config, files):
        if not self.config.enabled:
            return env
        env.bytecode_cache = self.rebuilds.templates  # the theme's templates compiled once per serve, not per save
        self.env = env
        listed = {} if self.serving else None  # what the next serve build may keep of the sitemap
        entries = sitemap.entries(self.build, incremental.kept_entries(self.rebuilds, self.build.site), listed)
        env.globals["explainers_sitemap"] = entries  # sitemap.xml: listed, lastmod, hreflang
        if listed is not None:
            incremental.keep_entries(self.rebuilds, self.build.site, entries, listed)
        incremental.check_navigation(self.rebuilds, self.nav, files, config)  # a moved nav entry: all pages after all
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled:
            return markdown
        escape_printed(page.meta)  # Material prints title, description and subtitle unescaped
        self.page = page.file.src_uri
        markdown = page_markdown(self.build, self.content, page.file.src_uri, markdown, self.config.home_list)
        if self.content.problems and not self.rebuilds.overlay:  # while serving, without serve's overlay
            markdown = f"{self.build.renderer.problems_markdown(self.content.problems)}\n\n{markdown}"
        return markdown

    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled:
            return html
        mkdocs_files.page_template(page, self.build)  # embed pages: embed.html, the timeline without site chrome
        page.present_anchor_ids |= self.blocks.take_anchor_ids()  # MkDocs checks links to them; it did not see them
        if self.serving or self.cache is not None:  # for the rebuilds that skip it
            incremental.record_sheets(self.rebuilds, page.file.src_uri, html, self.blocks.deferred_in(html))
        return html

    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled:
            return context
        mkdocs_files.page_context(page, self.build)  # JSON-LD, feeds, social cards: partials/explainers-head.html
        return context

    @event_priority(100)  # first: every other plugin sees the whole page
    def on_post_page(self, output, *, page, config):
        if not self.config.enabled:
            return output
        return self.blocks.fill(output)  # the page's timelines and lists, kept out of its HTML until now

    def on_build_error(self, *, error):
        self.rebuilds.world = None  # pages may be half written: the next build rebuilds them all
        self.blocks.clear()
        if self.cache is not None:
            self.cache.close()  # MkDocs' page functions as they were; the cache as the last good build left it
        if self.staged is not None:
            self.staged, staged = None, self.staged
            staged.discard()  # the previous site is as it was
            if staging.out_of_space(error):
                raise PluginError(f"{staged.site_dir}: the disk is full ({error.strerror}); nothing was changed, "
                                  "the previous site is as it was. Free some space and build again.") from None
        if isinstance(error, RecursionError) and self.page is not None:
            raise PluginError(f"{self.page}: Markdown nests too deeply to read; simplify the page") from None

    @event_priority(-100)  # last, so every plugin has written its files before the staged site is swapped in
    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        if not self.serving:  # the pages are made: their cards go (no later build here takes them)
            incremental.drop_fragments(self.rebuilds, self.build)
            self.blocks.clear()  # and any block a page's template did not print
        sheets = write_basemaps(self.build.renderer.basemaps, config.site_dir,  # the maps' shared basemaps, and
                                previous=incremental.kept_sheets(self.rebuilds))  # those skipped pages show
        outputs = (self.build, self.files, config.site_dir, sheets)
        if self.serving:
            problems = self.content.problems
            self.banner = self.build.renderer.problems_html(problems) if problems else ""
            if self.rebuilds.active:  # a save: its page is served as soon as the build returns; these follow
                owed = [self.files.get_file_from_path(src_uri) for src_uri in sorted(self.rebuilds.owed)]
                self.owed.hold(owed, partial(self.make_owed, config, deferred.documentation_pages(self.files)))
                self.soon.later(partial(self.after_page, *outputs))
            else:  # serve's first build: nothing is served before it ends
                self.write_outputs(*outputs)
                self.idle.later(self.let_go)
            return
        self.write_outputs(*outputs)
        incremental.drop_fragments(self.rebuilds, self.build)  # and the exports' pieces, before the index
        write_index(self.build.site, config.site_dir)  # Pagefind: site_dir/pagefind/, its index and UI
        if self.staged is not None and self.staged.finish():  # the whole site, in one rename
            self.staged = None
            if self.cache is not None:  # for the next build, here or in CI (actions/cache)
                incremental.give_back()  # what the index's records and Pagefind's reply held, before the pickler's
                self.cache.save(self.rebuilds, config.site_dir)

    def write_outputs(self, build: Build, files, site_dir: str, sheets: list[str]) -> None:
        """Feeds, GeoJSON, ACLED CSV, TimelineJS JSON, lite editions, share cards, the offline files (while
        serving, only the changed explainers'); then what the previous build wrote and this one would not goes.
        While serving: the search records, to the index's process, and what the next build may keep."""
        changed = partial(incremental.rebuilt, self.rebuilds)
        exports = write_all(build.site, site_dir, only=lambda x: changed(x.src_uri))
        exports += write_reader_files(build, site_dir, lambda x: changed(x.src_uri), self.serving)
        incremental.finish(self.rebuilds, files, site_dir, exports + sheets)
        if self.serving:
            self.search.request(records(build.site, self.rebuilds.search_records), site_dir)
            incremental.keep(self.rebuilds, build)

    def make_owed(self, config, pages, file) -> None:
        """A page the build left stale (deferred.py), made as the build would have, with its map's sheets."""
        entry = incremental.nav_entry(file.page)
        deferred.make_page(file, config, self.files, pages, self.nav, self.env)
        incremental.made_later(self.rebuilds, file, entry)
        write_basemaps(self.build.renderer.basemaps, config.site_dir, only=self.rebuilds.sheets.get(file.src_uri, frozenset()))

    def after_page(self, build: Build, files, site_dir: str, sheets: list[str]) -> None:
        """write_outputs, then the owed pages, in serve's own time (a save stops them); a failure there is one
        line, and the next save rebuilds all."""
        try:
            with self.owed.aside():
                self.write_outputs(build, files, site_dir, sheets)
            incremental.collect(self.rebuilds)  # the builds saves let go of: after the files a save waits for
            made = None
            if self.rebuilds.owed:
                made = self.owed.run()
                incremental.after_owed(self.rebuilds, site_dir, write_basemaps(  # the sheets pages show now
                    build.renderer.basemaps, site_dir, previous=incremental.kept_sheets(self.rebuilds)))
        except Exception as error:  # noqa: BLE001  (a thread of ours: a traceback would be all the editor saw)
            made, self.rebuilds.world = None, None
            log.error(f"the data files and reader files were not all written ({type(error).__name__}: {error}); "
                      "save again to write them")
        if made is None:
            self.idle.later(self.let_go)
        elif made:  # the browser has long reloaded its page: the build goes now, not at the next save
            self.let_go()
        else:  # a save stopped them: it is starting; this build is collected after its files
            self.let_go(collect=False)
