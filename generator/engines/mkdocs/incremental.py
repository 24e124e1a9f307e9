"""Rebuild only what a save changed while `mkdocs serve` runs, with the same bytes a clean build would write.

Every page gets its *inputs*: what it is handed (a page's file, by the digest of its text; a generated page:
its front matter and the values its body is made from, digested) and what it read while it was made, recorded
as it was read (pages/reads.py: records and registry entries by id and digest, selections' results, where an
event's card is, the versions of an explainer, a live page's banner). A page is skipped when what it is handed
is the same and every key it read gives the value it gave then. What every page shows (the problems banner,
mkdocs.yml, the templates, the navigation) is the *world*: when it changes, everything is rebuilt. The inputs and
the world are plain values (digests, ids, strings, tuples), the same in any process.

MkDocs skips a page in a "dirty" build when `file.is_modified()` says so; `force_dirty` makes serve's later
builds dirty (MkDocs 1.x offers no other way), `plan` answers is_modified for each page, `keep_titles` gives
the skipped pages the title and meta the navigation shows, `check_navigation` rebuilds everything after all
when a rebuilt page's title or nav entry moved, and `finish` removes what a clean build would no longer write.
"""

from __future__ import annotations

import dataclasses
import ctypes
import gc
import hashlib
import logging
import operator
import os
import re
import threading
from dataclasses import dataclass, field
from functools import partial

import jinja2
import material
from mkdocs.commands import build as mkdocs_build

from ...pages.prepare import Build
from ...pages.reads import Current, current, digest

DIRTY_WARNING = "A 'dirty' build is being performed"
NAV_META = ("icon", "status", "subtitle")  # what Material's navigation and footer print of other pages
PACKAGES = (os.path.dirname(material.__file__), os.path.dirname(mkdocs_build.__file__).rsplit(os.sep, 1)[0])  # the themes' own folders do not change while serving


@dataclass
class Seen:
    """A page as the previous build left it."""
    inputs: tuple  # (what it was handed, a digest; what it read: key -> value)
    markdown_read: bool
    meta: dict
    title_from_render: str | None


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates kept between builds (each build makes a new Environment and would compile
    Material's templates and ours again: most of a small rebuild). Jinja checks each template's source
    against its checksum, so an edited template is compiled afresh."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Rebuilds:
    active: bool = False  # serve's builds after the first are dirty: pages can be skipped
    overlay: bool = False  # serve shows content problems in the pages it sends, not in the pages built
    records: dict = field(default_factory=dict)  # load_content's cache
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    search_records: dict = field(default_factory=dict)  # search.records' cache
    world: object = None
    seen: dict[str, Seen] = field(default_factory=dict)  # src_uri -> the page last built
    outputs: set[str] = field(default_factory=set)  # every file the last build wrote, relative to site_dir
    sheets: dict[str, frozenset] = field(default_factory=dict)  # src_uri -> the basemap files its page shows
    navigation: tuple = ()
    made: dict = field(default_factory=dict)  # src_uri -> (a generated page's body arguments, their digest)
    # This build
    inputs: dict[str, object] = field(default_factory=dict)  # src_uri -> what the page is handed (a digest)
    recorder: object = None  # the build's pages/reads.Recorder: what each page it makes reads
    fragments: dict = field(default_factory=dict)  # the cards earlier builds made, with their reads (Recorder.kept)
    skipped: set[str] = field(default_factory=set)
    let_go: int = 0  # serve builds let go of, not collected yet (forget, collect)
    frozen: bool = False  # settle froze what was alive (while serving, once)
    refreeze: bool = False  # a build let go of made every page: what builds carry is frozen anew (collect)
    known: dict = field(default_factory=dict)  # every key a remembered page read -> its value at the last plan
    planned: tuple | None = None  # what the last plan read `known`'s values from (_moved)
    serving: bool = False  # `mkdocs serve`: later builds in this process plan from `known`
    defer: bool = False  # the server makes a page it is asked for that is still owed (deferred.py)
    owed: set[str] = field(default_factory=set)  # stale only by what they read (or show in a generated body): made after the build
    everything: bool = True
    # What a build made that the next may take when it would make the same (carry): the lists' lines, and
    # the registry entries each event names with the registries they were read from
    lines: tuple = ({}, None)  # and what they were made from (_snapshot)
    named: tuple = ((), None)
    sitemap: dict = field(default_factory=dict)  # url -> the last build's sitemap entry and its events' ids
    sitemap_events: dict = field(default_factory=dict)  # the records those were dated from

    def reset(self) -> None:
        self.__init__()


def carry(state: Rebuilds, build: Build) -> None:
    """Serve's build starting: what the previous one made that this one may take (each checked where it is
    taken: a line when it says the same, the names an event reads when the registries are the same objects,
    which load_content keeps while their files are unchanged; the lines of the events that did not move since
    they were made, whole)."""
    content = build.site.content
    build.lines_before, made_from = state.lines
    build.lines_moved = _moved(made_from, content, build.site)[0] if build.lines_before else None
    build.site.reads.carry = True
    registries, named = state.named
    if len(registries) == 3 and all(a is b for a, b in zip(registries, (content.actors, content.places, content.tags))):
        build.site.named_before = named


def keep(state: Rebuilds, build: Build) -> None:
    """Serve's build done: what the next may take (carry)."""
    content = build.site.content
    state.lines = (build.lines, state.planned)  # what this build's plan read them from (_snapshot)
    state.named = ((content.actors, content.places, content.tags), build.site._named)


def kept_entries(state: Rebuilds, site) -> dict:
    """The sitemap entries of the pages this rebuild skips, as the last build made them, where none of the
    events an entry was dated from is another record now (a list page's lines need not change with an event's
    correction, but its lastmod does)."""
    if not state.active or state.everything:
        return {}
    events, before = site.content.events, state.sitemap_events
    changed = {i for i, event in events.items() if before.get(i) is not event} | (before.keys() - events.keys())
    urls = {site.page(src_uri) for src_uri in state.skipped}
    return {url: entry for url, (entry, ids) in state.sitemap.items() if url in urls and changed.isdisjoint(ids)}


def keep_entries(state: Rebuilds, site, found: dict, listed: dict) -> None:
    """This build's sitemap entries, with the events each was dated from, for the next (kept_entries)."""
    state.sitemap = {url: (entry, listed[url] if url in listed else state.sitemap[url][1])
                     for url, entry in found.items() if url in listed or url in state.sitemap}
    state.sitemap_events = site.content.events


def drop_fragments(state: Rebuilds, build: Build) -> None:
    """A build that no other follows in this process (`mkdocs build`): the cards its pages were made of go once
    the pages are, and the exports' pieces before the search index is made (none is in the build cache)."""
    build.site.reads.made.clear()
    state.fragments = {}


def force_dirty(builder) -> bool:
    """Make serve's builder run dirty builds from now on (its first, clean build has run). MkDocs 1.x is
    frozen, so the closure it keeps `is_dirty` in stays where it is; without it every save rebuilds all."""
    code = getattr(builder, "__code__", None)
    if code is None or "is_dirty" not in code.co_freevars or builder.__closure__ is None:
        return False
    builder.__closure__[code.co_freevars.index("is_dirty")].cell_contents = True
    mkdocs_build.log.addFilter(_quiet_dirty)  # its own logger: under ProperDocs, "properdocs.commands.build"
    return True


def _quiet_dirty(record: logging.LogRecord) -> bool:
    # MkDocs warns that a dirty build gives stale navigation: these builds rebuild whatever it would be stale
    # in (and a warning would stop `mkdocs serve --strict`).
    return not record.getMessage().startswith(DIRTY_WARNING)


IDLE_AFTER = 1.0  # seconds: the browser has reloaded the page by then (serve answers it as soon as it is built)


class Idle:
    """What a serve build leaves for after its page is served (`after` seconds later, in a thread of its own),
    or for the next build to do first when a save comes sooner: the files no one is looking at yet (the
    plugin's `write_outputs`), at once; letting go of the build (`collect`), a second later, while the editor
    reads."""

    def __init__(self, after: float = IDLE_AFTER):
        self.after = after
        self._lock = threading.Lock()
        self._work = None
        self._timer: threading.Timer | None = None

    def later(self, work) -> None:
        with self._lock:
            self._work = work
            self._timer = threading.Timer(self.after, self.now)
            self._timer.daemon = True
            self._timer.start()

    def now(self, *args) -> None:
        """Do what is left, here (with `args`): the next build is starting (or the timer fired). Work that is
        under way in the timer's thread is waited for."""
        with self._lock:
            work, self._work = self._work, None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if work is not None:
                work(*args)


def give_back() -> None:
    """After a rebuild while serving: the memory the C allocator holds free (the previous build's, collected by
    `collect`) returned to the system. glibc keeps freed pages for reuse, scattered between live objects, so a
    rebuild that made many pages left serve about 150 MB larger at 5,000 events, for good; malloc_trim gives
    back every whole free page (tens of milliseconds). Elsewhere than glibc: nothing to do."""
    if _TRIM is not None:
        _TRIM(0)


def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return None


_TRIM = _malloc_trim()


def settle(serving: bool, state: Rebuilds) -> None:
    """The records just loaded live until the build ends (while serving, across builds): out of the garbage
    collector's sight, its full passes stop walking millions of objects that cannot be garbage (at 20,000
    events they were a third of a rebuild). Called before the build is made from them, so no build is frozen.

    While serving, only once here (and in `collect`, with no build alive, after a build that made every page):
    frozen objects are never collected, so what was alive then and later goes (a record replaced by its edit,
    that build's config) stays until the next such freeze, but no more than that. A freeze here would also keep
    a build a save stopped, for good (each save kept a whole build: issue 26), so a save's build neither
    freezes nor collects (which cost it 0.3 s at 20,000 events): the collector's full passes wait (`hold`, from
    the save's start) and each build is collected once it is let go of (`collect`)."""
    if serving and state.frozen:  # (gc.get_freeze_count() walks every frozen object: 0.15 s at 20,000 events)
        return
    gc.freeze()
    state.frozen = True


FULL_PASS = gc.get_threshold()[2]


def hold() -> None:
    """No full pass of the collector until `resume` (at serve's end). One during a save's build (or just before:
    reading the content allocates enough to start one) walks the previous build too, 0.3 s at 20,000 events;
    while serving each build is collected once it is let go of (`collect`)."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 2**30)


def resume() -> None:
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASS)


def forget(state: Rebuilds) -> None:
    """Serve's build let go of, to be collected (`collect`): the recorder of its pages' reads (which holds its
    Site) goes too."""
    state.recorder = None
    state.let_go += 1
    state.refreeze = state.refreeze or state.everything


def collect(state: Rebuilds, between: bool = False) -> None:
    """The builds let go of since the last call collected (they are in reference cycles: the Renderer and its
    bound methods in Jinja's globals, pages and their files, MkDocs' config), what is not frozen only, and the
    memory they held given back: serve's memory stays flat. Without it each save kept a whole build.

    `between`: no build is alive (let go of, the next not started). After a build that made every page (serve's
    first, or a template's edit), what builds carry to the next (a million objects at 20,000 events: the cards,
    the lists' lines, the search records, what each page read) is frozen too, once collected whole: otherwise
    each collection walks it, 0.9 s at 20,000 events, which a save that came meanwhile waited for. Bounded:
    what the next such build replaces is frozen garbage until then."""
    if not state.let_go:
        return
    state.let_go = 0
    if between and state.refreeze:
        state.refreeze = False
        gc.unfreeze()
        gc.collect()
        gc.freeze()
    else:
        gc.collect()
    give_back()


def watch(server, config) -> None:
    """The templates a site or the plugin brings: MkDocs watches them only with --watch-theme."""
    for folder in _theme_dirs(config):
        server.watch(folder)


def _theme_dirs(config) -> list[str]:
    return [d for d in config.theme.dirs if not d.startswith(PACKAGES)]


_SHEET = re.compile(r"assets/maps/[0-9a-f]{16}\.svg")  # maps.basemap.FOLDER, as pages link its files
_SHEET_BYTES = re.compile(_SHEET.pattern.encode())


def record_sheets(state: Rebuilds, src_uri: str, html: str, blocks: list[str | bytes] = ()) -> None:
    """The basemap files a page just converted shows (its map's <use href>), in its HTML or in the blocks
    that wait to be put into it (blocks.py: `deferred_in`)."""
    shown = set(_SHEET.findall(html)) if "assets/maps/" in html else set()
    for block in blocks:
        if isinstance(block, bytes):
            shown.update(name.decode() for name in _SHEET_BYTES.findall(block))
        else:
            shown.update(_SHEET.findall(block))
    state.sheets[src_uri] = frozenset(shown)


def kept_sheets(state: Rebuilds) -> set[str]:
    """The basemap files the pages this rebuild skipped still show: those stay; any other a rebuilt page no
    longer shows goes with the stale-file sweep, as a clean build would not write it."""
    return set().union(*(state.sheets.get(uri, ()) for uri in state.skipped | state.owed))


def world(config, content, overlay: bool = False) -> tuple:
    """What every page depends on besides its own inputs, as digests of what the files say (not their times: a
    fresh checkout has new ones). `overlay`: serve shows the problems as it sends the pages (serve_overlay.py),
    so they are in no page."""
    templates = []
    for folder in _theme_dirs(config):
        for base, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(base, name)
                templates.append((os.path.relpath(path, folder), _file_digest(path)))
    config_file = config.config_file_path
    config_text = _file_digest(config_file) if config_file and os.path.exists(config_file) else None
    return (config_file, config_text, config.site_url, tuple(templates),
            digest(tuple(str(problem) for problem in content.problems)) if content.problems and not overlay else ())


def _file_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.blake2b(handle.read(), digest_size=16).hexdigest()


def handed(file, generated: dict, shared: dict | None = None, made: dict | None = None,
           before: dict | None = None) -> str:
    """What a page is handed, as a digest: a generated page's front matter and the values its body is made
    from (everything its partial holds but the build, which the page reads through recorded accessors); any
    other page's file (an explainer's front matter and prose, the home page's text). `before`: the previous
    build's arguments and digests (`made`, filled for the next): while serving, unchanged records are the same
    objects from build to build, so arguments that are `_same` as then have the digest they had, not written
    out again (digesting every list page's lines was a fifth of a rebuild at 5,000 events)."""
    page = generated.get(file.src_uri)
    if page is None:
        return hashlib.blake2b(file.content_bytes, digest_size=16).hexdigest()
    body = page.body
    if isinstance(body, partial):
        values = (body.func.__qualname__, tuple(a for a in body.args if not isinstance(a, Build)), body.keywords)
    else:
        values = getattr(body, "__qualname__", None) or type(body).__qualname__  # a method: made from code alone
    values = (page.front, values)
    previous = before.get(file.src_uri) if before else None
    if previous is not None and _same(previous[0], values):
        found = previous[1]
    else:
        found = digest(values, shared)
    if made is not None:
        made[file.src_uri] = (values, found)
    return found


_PLAIN = (str, int, bool, bytes, type(None))


def _same(a, b) -> bool:
    """Whether two arguments have the same digest for certain: the same objects, or plain values (strings,
    numbers, tuples, lists, dicts of them, dataclasses: what `digest` writes out) equal with the same types
    throughout. Anything else (a Localized string, a Markup) only when it is the very same object."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind in _PLAIN:
        return a == b
    if kind is float:
        return repr(a) == repr(b)
    if issubclass(kind, (tuple, list)):
        return len(a) == len(b) and (all(map(operator.is_, a, b)) or all(map(_same, a, b)))
    if kind is dict:
        return len(a) == len(b) and all(_same(k, j) and _same(v, w) for (k, v), (j, w) in zip(a.items(), b.items()))
    if dataclasses.is_dataclass(kind):  # made again each build (an explainer, a tag no registry lists): its fields
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(kind))
    return False


def plan(state: Rebuilds, files, config, content, site, generated: dict) -> None:
    """Each page's inputs; in a dirty build, pages whose world, what they are handed and what they read are
    unchanged are skipped."""
    shown = world(config, content, state.overlay)
    state.everything = not state.active or shown != state.world
    state.world = shown
    state.inputs, state.skipped, state.owed = {}, set(), set()
    state.recorder = site.reads
    reread, shared = Current(content, site), {}  # the lines list pages share, written out once
    before, state.made = state.made, {}
    site.reads.current = reread
    site.reads.carried = {} if state.everything else state.fragments  # the templates may have changed
    if state.everything:
        state.known = {}
    moved = _moved(state.planned, content, site)
    state.planned = _snapshot(content, site)
    changed = _changed(state.known, reread, *moved) if state.known else None
    for file in _pages(files):
        uri = file.src_uri
        inputs = state.inputs[uri] = handed(file, generated, shared, state.made, before)
        seen = state.seen.get(uri)
        if state.everything or seen is None:
            file.is_modified = _yes
        elif seen.inputs[0] == inputs and _still(seen.inputs[1], changed, reread):
            file.is_modified = _no
            state.skipped.add(uri)
        elif state.defer and seen.markdown_read and (seen.inputs[0] == inputs or _same_front(uri, generated, before)):
            file.is_modified = _no  # its title and place in the navigation are what they were: made after the build
            state.owed.add(uri)
        else:
            file.is_modified = _yes


_BY_EVENT = frozenset({"events", "named", "event_path", "shown"})  # the reads keyed (kind, an event's id)


def _snapshot(content, site) -> tuple:
    """What the reads keyed by an event (_BY_EVENT) and the event lists' lines are made from (_moved)."""
    return content.events, (content.actors, content.places, content.tags), _addresses(site), site.selected


def _addresses(site) -> tuple:
    """What the address of an event's card is made from, but the explainers' choices of events."""
    return site.use_directory_urls, [(x.src_uri, x.lang) for x in site.explainers]


def _moved(planned: tuple | None, content, site) -> tuple[set | None, bool]:
    """Which events' reads (_BY_EVENT) may answer otherwise than at the last plan (`planned`: what it read
    from): those whose record is another object or gone, and those some explainer took or dropped; None when
    the explainers' addresses moved (every card's address may have). With it, whether the registries are other
    objects (every event's names may have changed)."""
    if planned is None:
        return None, True
    events, registries, explainers, selected = planned
    if explainers != _addresses(site):
        return None, True
    now = content.events
    moved = {ident for ident, event in now.items() if events.get(ident) is not event}
    moved.update(events.keys() - now.keys())
    for uri, chosen in site.selected.items():
        was = selected.get(uri)
        if was is None or was != chosen:  # compared in C, by identity first
            moved.update({event.id for event in chosen} ^ {event.id for event in was or ()})
    return moved, any(a is not b for a, b in zip(registries, (content.actors, content.places, content.tags)))


def _changed(known: dict, reread: Current, moved: set | None = None, registries: bool = True) -> set:
    """The keys whose value moved since the last plan, each answered again now (which the cards' reuse then
    finds answered); `known` takes the new values. `moved` (_moved): only the events named there are asked
    again, the other events' reads being what `known` holds (at 20,000 events, 80,000 keys asked again were a
    tenth of a save's build); `registries`: the registries changed, so every event's names are asked again."""
    values, content, site = reread.values, reread.content, reread.site
    changed = set()
    asked = known.items()
    if moved is not None:
        values.update(known)
        asked = [(key, before) for key, before in asked if len(key) != 2 or key[0] not in _BY_EVENT
                 or key[1] in moved or (registries and key[0] == "named")]
    for key, before in asked:
        now = values[key] = current(key, content, site)
        if now != before:
            changed.add(key)
            known[key] = now
    return changed


def _still(reads: dict, changed: set | None, reread: Current) -> bool:
    """Whether every key a page read gives what it gave then. A page remembered holds the values of the plan it
    was made after (or skipped at, unchanged), which `known` held then: it is current unless it read a key that
    moved since (a set lookup per changed key, in C, instead of comparing the thousands of keys an explainer
    reads, most of a rebuild's plan at 20,000 events). Without `known` (the first plan after a full build, or
    a page left owed by a save), each key is answered again and compared."""
    if changed is None or reads is _NEVER:
        return reread.unchanged(reads)
    return reads.keys().isdisjoint(changed)


def _same_front(src_uri: str, generated: dict, before: dict) -> bool:
    """Whether a generated page's front matter (its title, what the navigation shows) is what it was: only its
    body's values changed."""
    page, previous = generated.get(src_uri), before.get(src_uri)
    return page is not None and previous is not None and _same(previous[0][0], page.front)


def _pages(files) -> list:
    return [file for file in files if file.is_documentation_page()]  # drafts too: serve builds them


def rebuilt(state: Rebuilds, src_uri: str) -> bool:
    """Whether the page is made by this build (an owed one after it): its data files are written."""
    return src_uri not in state.skipped


def made_later(state: Rebuilds, file, entry: tuple) -> None:
    """An owed page made after the build (deferred.py), remembered as `finish` remembers the others. `entry`: its
    title and navigation meta before, as the previous build left them: if making it moved them, every page
    shows the change, so the next save rebuilds all."""
    state.owed.discard(file.src_uri)
    _remember(state, file)
    if nav_entry(file.page) != entry:
        state.world = None


_NEVER = {("events",): None}  # a read no content gives: the page is stale at every plan


def after_owed(state: Rebuilds, site_dir: str, sheets: list[str]) -> None:
    """The owed pages made, or left by a save that stopped them. A page left is remembered as never current, so
    the next build makes it (its data files were written from this build's records). The basemap files the
    pages show now (`sheets`) are the outputs; those no page shows any longer go, as a clean build would not
    write them. The cards the owed pages made are kept for the next build."""
    for src_uri in state.owed:
        seen = state.seen[src_uri]
        state.seen[src_uri] = dataclasses.replace(seen, inputs=(seen.inputs[0], _NEVER))
    shown = set(sheets)
    for gone in sorted(path for path in state.outputs if _SHEET.fullmatch(path) and path not in shown):
        path = os.path.join(site_dir, gone)
        if os.path.isfile(path):
            os.remove(path)
    state.outputs = {path for path in state.outputs if not _SHEET.fullmatch(path)} | shown
    if state.recorder is not None:
        state.fragments = state.recorder.kept()


def nav_entry(page) -> tuple:
    """What the navigation and the footers print of a page."""
    return str(page.title), tuple(str(page.meta.get(k, "")) for k in NAV_META)


def _yes() -> bool:
    return True


def _no() -> bool:
    return False


def keep_titles(state: Rebuilds, files) -> None:
    """A skipped page is not read, so MkDocs would not know its title: the navigation and the footers of the
    pages that are rebuilt print it. It gets what it had."""
    for src_uri in state.skipped | state.owed:
        page = files.get_file_from_path(src_uri).page
        seen = state.seen[src_uri]
        if page is not None and seen.markdown_read:
            page.markdown, page.content = "", ""
            page.meta = dict(seen.meta)
            page._title_from_render = seen.title_from_render


def navigation(nav) -> tuple:
    return tuple((page.file.src_uri, *nav_entry(page)) for page in nav.pages)


def check_navigation(state: Rebuilds, nav, files, config) -> None:
    """Run between reading pages and writing them: if a rebuilt page's place in the navigation changed (its
    title, icon, a page added or gone), every page shows it, so the skipped ones are read now after all."""
    current = navigation(nav)
    if (state.skipped or state.owed) and current != state.navigation:
        for src_uri in sorted(state.skipped | state.owed):
            file = files.get_file_from_path(src_uri)
            file.is_modified = _yes
            mkdocs_build._populate_page(file.page, config, files)  # what the build's own loop does per page
        state.skipped, state.owed = set(), set()
    state.navigation = current


def finish(state: Rebuilds, files, site_dir: str, exports: list[str]) -> None:
    """Remember each page as built; delete the files the previous build wrote that this one would not."""
    for file in _pages(files):
        page = file.page
        if page is None:
            continue
        if file.src_uri in state.skipped or file.src_uri in state.owed:
            continue
        _remember(state, file)
    for gone in set(state.seen) - set(state.inputs):
        del state.seen[gone]
    if state.recorder is not None:  # a save while serving re-renders only the cards it changed
        state.fragments = state.recorder.kept()
    outputs = {file.dest_uri for file in files} | set(exports)
    for gone in sorted(state.outputs - outputs):
        path = os.path.join(site_dir, gone)
        if os.path.isfile(path):
            os.remove(path)
            _prune(os.path.dirname(path), site_dir)
    state.outputs = outputs


def _remember(state: Rebuilds, file) -> None:
    page = file.page
    reads = state.recorder.pages.get(file.src_uri, {}) if state.recorder is not None else {}
    if state.serving:  # the values of this build's plan, as `known` holds for the keys it had
        state.known.update(reads)
    state.seen[file.src_uri] = Seen((state.inputs[file.src_uri], reads), page.markdown is not None,
                                    dict(page.meta), page._title_from_render)


def _prune(folder: str, site_dir: str) -> None:
    """Empty folders left by removed pages go too: a clean build would not make them."""
    site_dir = os.path.abspath(site_dir)
    folder = os.path.abspath(folder)
    while folder.startswith(site_dir + os.sep) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
