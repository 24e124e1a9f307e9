"""The MkDocs internals the plugin leans on while serving, pinned for MkDocs 1.6 and ProperDocs (its fork): when
one changes, this fails by name, instead of serve quietly rebuilding everything (incremental.force_dirty's
fallback) or losing its problems overlay. And with `enabled: false` the plugin patches nothing."""

from __future__ import annotations

import importlib
import inspect
import types

import pytest

from generator.engines.mkdocs.plugin import ExplainersPlugin

ENGINES = ["mkdocs", "properdocs"]


def _nested(function, name: str) -> types.CodeType:
    (code,) = [c for c in function.__code__.co_consts if isinstance(c, types.CodeType) and c.co_name == name]
    return code


@pytest.mark.parametrize("engine", ENGINES)
def test_serve_keeps_is_dirty_in_its_builder_s_closure(engine):
    serve = importlib.import_module(f"{engine}.commands.serve").serve
    assert "is_dirty" in _nested(serve, "builder").co_freevars  # incremental.force_dirty sets that cell


@pytest.mark.parametrize("engine", ENGINES)
def test_the_live_reload_server_injects_into_each_html_response(engine):
    server = importlib.import_module(f"{engine}.livereload").LiveReloadServer
    assert list(inspect.signature(server._inject_js_into_html).parameters) == ["self", "content", "epoch"]
    assert "self._inject_js_into_html(content, epoch)" in inspect.getsource(server._serve_request)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_live_reload_server_maps_a_request_to_a_file_then_injects_into_it(engine):
    """deferred.install: the request's path is known in `_serve_request`, and the HTML is handed to
    `_inject_js_into_html` only once no build is under way (an owed page is made there)."""
    server = importlib.import_module(f"{engine}.livereload").LiveReloadServer
    assert list(inspect.signature(server._serve_request).parameters) == ["self", "environ", "start_response"]
    source = inspect.getsource(server._serve_request)
    waits = source.index("self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)")
    assert waits < source.index("self._inject_js_into_html(content, epoch)")
    assert 'rel_file_path = path[len(self.mount_path) :]' in source and 'rel_file_path += "index.html"' in source


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_is_built_as_the_build_s_loops_build_it(engine):
    """deferred.make_page calls the two functions MkDocs' build calls for each page."""
    build = importlib.import_module(f"{engine}.commands.build")
    assert list(inspect.signature(build._build_page).parameters) == [
        "page", "config", "doc_files", "nav", "env", "dirty", "excluded"]
    source = " ".join(inspect.getsource(build.build).split())
    assert "_populate_page(file.page, config, files, dirty)" in source
    assert "_build_page( file.page, config, doc_files, nav, env, dirty, excluded=file.inclusion.is_excluded() )" in source
    assert "doc_files = files.documentation_pages(inclusion=inclusion)" in source


@pytest.mark.parametrize("engine", ENGINES)
def test_dirty_builds_ask_each_file_and_populate_pages_as_the_plugin_does(engine):
    build = importlib.import_module(f"{engine}.commands.build")
    assert list(inspect.signature(build._populate_page).parameters)[:3] == ["page", "config", "files"]
    source = inspect.getsource(build)
    assert "page.file.is_modified()" in source  # a skipped page is one whose file says it is not modified
    page = importlib.import_module(f"{engine}.structure.pages").Page
    assert "_title_from_render" in inspect.getsource(page)  # keep_titles restores it for skipped pages


def test_with_enabled_false_serve_is_not_patched():
    plugin = ExplainersPlugin()
    plugin.load_config({"enabled": False})
    is_dirty = False

    def builder():
        return is_dirty

    class Server:
        def _inject_js_into_html(self, content, epoch):
            return content

    server = Server()
    original = server._inject_js_into_html
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.on_serve(server, config=None, builder=builder) is server
    assert builder() is False and builder.__closure__[0].cell_contents is False
    assert server._inject_js_into_html == original


@pytest.mark.parametrize("engine", ENGINES)
def test_the_server_polls_with_an_observer_it_starts_in_serve(engine):
    """watching.install swaps the observer before serve() starts it, moving what watch() recorded."""
    livereload = importlib.import_module(f"{engine}.livereload")
    source = inspect.getsource(livereload.LiveReloadServer)
    assert "self.observer = watchdog.observers.polling.PollingObserver(" in source
    assert "self.observer.start()" in inspect.getsource(livereload.LiveReloadServer.serve)
    assert "self._watched_paths: dict[str, int] = {}" in source
    assert list(inspect.signature(livereload.LiveReloadServer.unwatch).parameters) == ["self", "path"]


def test_properdocs_walks_docs_dir_as_mkdocs_does():
    """files.hand_over_scan makes MkDocs' Files from the content's scan, as MkDocs' get_files would; ProperDocs'
    is the same function (tests/build/test_walk.py compares the result with MkDocs' own walk)."""
    sources = [inspect.getsource(importlib.import_module(f"{engine}.structure.files").get_files)
               .replace("ProperDocsConfig", "MkDocsConfig") for engine in ENGINES]
    assert sources[0] == sources[1]
    for engine in ENGINES:
        assert "files = get_files(config)" in inspect.getsource(importlib.import_module(f"{engine}.commands.build"))


@pytest.mark.parametrize("engine", ENGINES)
def test_the_theme_s_static_files_are_found_by_listing_its_templates_then_filtering(engine):
    """files._theme_listed leaves out the dot folders at an installed theme's root, which MkDocs' filter drops
    (its first pattern), and lists such a folder once per process: the build calls add_files_from_theme on the
    Files that get_files returned (the plugin's), with the theme's Jinja environment."""
    files = importlib.import_module(f"{engine}.structure.files").Files
    source = inspect.getsource(files.add_files_from_theme)
    assert "patterns = ['.*', '*/.*'," in source and "env.list_templates(filter_func=filter)" in source
    build = " ".join(inspect.getsource(importlib.import_module(f"{engine}.commands.build").build).split())
    assert "files = get_files(config) env = config.theme.get_env() files.add_files_from_theme(env, config)" in build


@pytest.mark.parametrize("engine", ENGINES)
def test_a_plugin_has_only_the_events_it_defines_and_each_page_is_converted_before_any_is_written(engine):
    """blocks.py's `defer`: files.page_html_readers tells a plugin that reads pages' HTML by the events it has
    (the base class defines none: else every plugin would look like one, and no block would wait); the blocks
    wait only while MkDocs converts every page first, then writes each through on_post_page."""
    plugins = importlib.import_module(f"{engine}.plugins")
    assert not any(hasattr(plugins.BasePlugin, event) for event in ("on_page_content", "on_page_context", "on_env"))
    source = " ".join(inspect.getsource(importlib.import_module(f"{engine}.commands.build")._build_page).split())
    assert "config.plugins.on_post_page(output, page=page, config=config)" in source


def test_markdown_puts_the_stash_back_in_raw_html_and_tells_a_block_level_element():
    """blocks.py stores a stand-in where Markdown's `raw_html` postprocessor would put a block-level block."""
    import markdown
    md = markdown.Markdown()
    raw_html = md.postprocessors["raw_html"]
    assert raw_html.isblocklevel("<div>x</div>") and raw_html.isblocklevel("<!-- x -->")
    assert not raw_html.isblocklevel("<span>x</span>")
    assert md.postprocessors.get_index_for_name("raw_html") == 0
