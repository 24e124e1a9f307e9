"""Read a content tree (registries, event records, explainer pages) into the model, collecting every problem."""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date
from pathlib import Path

import yaml

from ..format import schema as s
from ..format.characters import quote
from ..format.markdown_limits import PAGE, Trials
from ..format.problems import Problem, sort_problems
from ..format.reserved import BLOCK_MARKER_PREFIX, SECTION_IDS, SITE_PREFIXES, explicit_ids, generated_at, is_editors
from ..format.safe_html import is_safe_link
from .files import hidden, scan
from .loading import compose, read_text, split_front_matter
from .model import (Acled, Actor, Claim, ClaimState, Content, Correction, EmbeddedTimeline, Event, Explainer,
                    Fatalities, Place, Retraction, Selector, Source, Tag)
from .selection import EventIndex
from .validation import MARKDOWN_LINK, Checker, SLUG, markdown_too_hard, suggest

# MkDocs' MultiMarkdown-style meta (mkdocs.utils.meta.META_RE): a first line like this makes settings of the
# lines up to the first blank one.
MKDOCS_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*")
_REGISTRY = "\0registry:"  # cache keys of the registries, apart from the event files' paths
_PAGES = "\0pages"  # the cache's entry for the pages (Markdown files): path below docs_dir -> their reading
TIMELINE_FENCE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[ \t]*timeline[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL
)


def load_content(docs_dir: Path, root: Path, *, events_dir: str = "events", actors_file: str = "actors.yml",
                 places_file: str = "places.yml", tags_file: str = "tags.yml", max_file_kb: int = 1024,
                 theme_dirs=None, cache: dict | None = None, today: date | None = None,
                 published_suffixes: tuple[str, ...] = ()) -> Content:
    """`theme_dirs`: where a page's `template` and `icon` must exist (unchecked when None). `cache`: a dict the
    caller keeps between loads (`mkdocs serve`): a record file or page whose stamp and whose ids it may refer
    to are unchanged is not read again, and its Event or Explainer is the same object as last time (pages
    compare them).
    `today`: dates after it are warnings (content.warnings); the machine's date when not given."""
    docs_dir, root = Path(docs_dir).resolve(), Path(root).resolve()
    content = Content()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    today = today or date.today()

    def shown(path: Path) -> str:
        return _below(path, root) or path.as_posix()

    # Before anything is read: no link is followed out.
    tree = scan(docs_dir, shown, max_file_kb * 1024, tuple(published_suffixes))
    problems += tree.problems
    content.unsafe_tree = bool(tree.problems)
    content.stamps = tree.stamps
    cache = {} if cache is None else cache
    trials = Trials()  # every editor's Markdown converted once, under limits (markdown_limits.py)
    known: dict[str, object] = {"theme_dirs": [Path(d) for d in theme_dirs] if theme_dirs is not None else None,
                                "trials": trials}
    emptied: dict[str, str] = {}  # registry name -> its file, when it holds no entries
    for registry, filename, build in ((s.ACTORS, actors_file, _actor), (s.PLACES, places_file, _place)):
        key = (filename in tree.refused, tree.stamps.get(filename))
        cached = cache.get(_REGISTRY + filename)
        if cached is None or cached[0] != key:
            before = len(problems)
            entries, ok = ({}, False) if key[0] else _load_registry(docs_dir / filename, shown, registry, problems,
                                                                            trials)
            built = {ident: build(ident, values) for ident, values in sorted(entries.items())}
            cached = cache[_REGISTRY + filename] = (key, problems[before:], built, ok)
        else:
            problems += cached[1]
        _, _, built, ok = cached
        # An emptied registry is one mistake, said once below, not one per event that names an entry of it.
        known[registry.name] = set(built) if ok and built else None
        if ok and not built:
            emptied[registry.name] = filename
        setattr(content, registry.name, built)
        content.data_files.add(filename)

    content.tags, tag_ids = _load_tags(docs_dir, tags_file, tree, shown, cache, problems, trials)
    content.data_files.add(tags_file)

    events_root = docs_dir / events_dir
    events_prefix = f"{_below(events_root, docs_dir)}/"
    # How problems name a record file: shown(path) for thousands of files, as string work on `below`.
    prefix = _below(docs_dir, root)
    prefix = docs_dir.as_posix() if prefix is None else prefix
    base = f"{prefix}/" if prefix else ""
    event_files, pages = [], []  # event files as (path below docs_dir, full path): thousands, kept as strings
    for below, path in tree.files:
        if below.startswith(events_prefix):
            if below.endswith((".yml", ".yaml")):
                event_files.append((below, path))
        elif below.endswith(".md") and not hidden(below):
            generated = generated_at(below)
            if generated is None:
                pages.append(Path(path))
            else:  # never published: the site's own page goes there
                content.reserved.add(below)
                problems.append(Problem(base + below, 0, f"is where the site puts its own generated page "
                                        f"({generated}), which this file would replace",
                                        "move your page to another folder, e.g. content/about/"))
    first_seen: dict[str, str] = {}
    for below, _ in event_files:
        content.data_files.add(below)
        if hidden(below):
            problems.append(Problem(base + below, 0, "is hidden (its name or a folder's starts with a dot), so the "
                                    "build would skip it", "rename it without the leading dot"))
    event_files = [(below, path) for below, path in event_files if not hidden(below)]
    for below, _ in event_files:
        if below.endswith(".yaml"):
            stem = below.rsplit("/", 1)[-1][:-5]
            problems.append(Problem(base + below, 0, "event files end in .yml", f"rename it to {stem}.yml"))
    event_files = [(below, path, below.rsplit("/", 1)[-1][:-4]) for below, path in event_files
                   if below.endswith(".yml")]
    for below, _, ident in event_files:
        if not SLUG.match(ident):
            problems.append(Problem(base + below, 0, f"'{ident}.yml' is not a valid event id",
                                    "name the file with lowercase letters, digits and hyphens, e.g. 2024-12-05-hama-falls.yml"))
        elif ident in first_seen:
            problems.append(Problem(base + below, 0, f"duplicate event id '{ident}' (also {first_seen[ident]})",
                                    "event ids are file names and must be unique: rename one"))
        else:
            first_seen[ident] = base + below
    known["events"] = set(first_seen)

    events = []
    # What an event record's checks depend on besides its own text: the registries' ids.
    refers_to = _same_as_before(cache, "ids", (_frozen(known["actors"]), _frozen(known["places"]), _frozen(tag_ids)))
    for below, path, ident in event_files:
        where = base + below
        if first_seen.get(ident) != where:
            continue
        key = (tree.stamps[below], refers_to, today)
        cached = _still_good(cache, below, key, path, where)
        if cached is not None and cached[0] == key:
            problems += cached[1]
            warnings += cached[3]
            if cached[2] is not None:
                events.append(cached[2])
            continue
        before, warned = len(problems), len(warnings)
        event = None
        text = read_text(Path(path), where, problems)
        node = compose(text, where, problems) if text is not None else None
        if node is None and len(problems) == before:
            problems.append(Problem(where, 1, "the file is empty", "every event needs date, title and sources"))
        if node is not None:
            values = Checker(where, problems, known, warnings=warnings, today=today).record(node, s.EVENT)
            _unregistered_tags(node, where, tag_ids, shown(docs_dir / tags_file), problems)
            if values is not None:
                event = _event(ident, where, values)
                events.append(event)
        if cached is not None and event is not None and cached[2] == event:
            events[-1] = event = cached[2]  # saved without a change: the pages that show it need not change
        cache[below] = (key, problems[before:], event, warnings[warned:], _text_digest(text))
    for gone in set(cache) - {below for below, _, _ in event_files}:
        if not gone.startswith(_REGISTRY) and gone != _PAGES:
            del cache[gone]
    events.sort(key=Event.sort_key)
    content.events = {event.id: event for event in events}

    for name, filename in emptied.items():
        naming = [e for e in events if (e.actors if name == "actors" else e.place)]
        if naming:
            state = "holds no entries" if (docs_dir / filename).exists() else "is missing"
            problems.append(Problem(shown(docs_dir / filename), 0, f"{state}, but {len(naming)} event(s) name "
                                    f"{name} from it (the first: {naming[0].path})", "restore its entries (was it "
                                    "emptied or deleted by mistake?), or remove the ids from the events"))

    tags_in_use = {tag for event in events for tag in event.tags}
    # What a page's checks depend on besides its own text: the registries' ids, the day, the template folders,
    # and what it asked of the event ids and the tags in use (a new event file is no reason to read every page).
    reads = (refers_to, today, None if known["theme_dirs"] is None else tuple(known["theme_dirs"]))
    ids_now = _same_as_before(cache, "events", frozenset(known["events"]))
    tags_now = _same_as_before(cache, "tags", frozenset(tags_in_use))
    read_before, read_now = cache.get(_PAGES, {}), {}
    for path in pages:
        below = _below(path, docs_dir)
        key = (tree.stamps.get(below), reads)
        cached = read_before.get(below)
        # compared by identity but for the stamp and the day
        if cached is None or cached[0] != key or not _answers_same(cached[5], (ids_now, tags_now)):
            before, warned = len(problems), len(warnings)
            asked = known["events"], known["tags"] = Asked(ids_now), Asked(tags_now)
            explainer = _load_page(path, docs_dir, shown(path), known, asked[1], problems, content, warnings, today)
            cached = (key, problems[before:], warnings[warned:], explainer, below in content.unreadable,
                      tuple(found.answers() for found in asked))
        else:
            problems += cached[1]
            warnings += cached[2]
            if cached[4]:
                content.unreadable.add(below)
        read_now[below] = cached
        explainer = cached[3]
        if explainer is not None:
            content.explainers[explainer.src_uri] = explainer
    cache[_PAGES] = read_now  # a page gone is forgotten
    _check_translations(content.explainers, problems)
    trials.close()  # a daemon process: were this never reached, it would end with ours
    content.problems = sort_problems(problems)
    content.warnings = sort_problems(warnings)
    return content


class Asked:
    """A set of ids, noting what a page's checks ask of it: whether each id they look up is in it, or, when they
    go through it whole (a suggestion for a misspelt id), all of it."""

    def __init__(self, ids: frozenset):
        self.ids, self.asked, self.whole = ids, {}, False

    def __contains__(self, ident) -> bool:
        found = self.asked[ident] = ident in self.ids
        return found

    def __iter__(self):
        self.whole = True
        return iter(self.ids)

    def __len__(self) -> int:
        self.whole = True
        return len(self.ids)

    def answers(self):
        """What the checks learned: the set itself when they went through it, else (id, in it) pairs."""
        return self.ids if self.whole else tuple(sorted(self.asked.items()))


def _answers_same(answers: tuple, now: tuple) -> bool:
    """Whether each set a page's checks asked (Asked.answers) would answer them the same now."""
    for found, ids in zip(answers, now):
        if isinstance(found, frozenset):
            if found is not ids and found != ids:
                return False
        elif any((ident in ids) != was for ident, was in found):
            return False
    return True


def _same_as_before(cache: dict, name: str, value):
    """`value`, or the equal one the last load kept under `name`: the same object, so that keys holding it
    compare by identity (thousands of ids, compared once here rather than once a file)."""
    key = _REGISTRY + "\0" + name
    if cache.get(key) == value:
        return cache[key]
    cache[key] = value
    return value


def _still_good(cache: dict, below: str, key: tuple, path, where: str) -> tuple | None:
    """The cached record of an event file, under this load's key when only what cannot change it moved: the
    file's stamp, when its text is the same (a fresh checkout, as in CI with the build cache: every file is new to
    the file system), and the day, when the record has no date that was in the future (the only check that
    depends on the day, and such a date stays past)."""
    cached = cache.get(below)
    if cached is None or cached[0] == key or cached[0][1] != key[1] or len(cached) < 5:
        return cached
    (stamp, _, day), (now_stamp, _, today) = cached[0], key
    if day != today and (cached[3] or day is None or today is None or day > today):
        return cached
    if stamp != now_stamp and (cached[4] is None or _text_digest(read_text(Path(path), where, [])) != cached[4]):
        return cached
    cached = cache[below] = (key, *cached[1:])
    return cached


def _text_digest(text: str | None) -> bytes | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).digest()


def _check_translations(explainers: dict[str, Explainer], problems: list[Problem]) -> None:
    """translation_of names an explainer there is, in another language, that is not itself a translation (one
    original per group of versions, so every version finds all the others)."""
    by_slug = {x.slug: x for x in explainers.values()}
    for explainer in explainers.values():
        target = explainer.translation_of
        if target is None:
            continue
        original = by_slug.get(target)
        line = explainer.translation_line
        if original is None or original is explainer:
            hint = suggest(target, [s for s in by_slug if s != explainer.slug])
            problems.append(Problem(explainer.path, line, f"translation_of '{target}' is not another explainer",
                                    hint or "give the file name, without .md, of the page this one translates"))
        elif original.translation_of is not None:
            problems.append(Problem(explainer.path, line, f"translation_of '{target}' is itself a translation",
                                    f"name the original instead: {original.translation_of}"))
        elif original.lang == explainer.lang:
            problems.append(Problem(explainer.path, line, f"translation_of '{target}' is in the same language "
                                    f"({explainer.lang})", "set this page's lang: to the language it is in"))


def all_warnings(content: Content, *, unlinked_sources: bool = False) -> list[Problem]:
    """What `explainers validate` warns about: the warnings found while reading (dates in the future), the
    events no explainer shows and, when asked (the option `warn_unlinked_sources`), the sources readers cannot
    follow. The unshown events are asked for here rather than in every build (a selection per explainer: 0.2 s
    of a serve rebuild at 20,000 events), and only when nothing failed to load, since an unread page or record
    changes what the pages show."""
    unlinked = _unlinked(content) if unlinked_sources else []
    return sort_problems(content.warnings + unlinked + ([] if content.problems else _unshown(content)))


def _unlinked(content: Content) -> list[Problem]:
    return [Problem(event.path, event.line, f"sources[{number}] has neither url nor archived_url",
                    "add a link to it, or to an archived copy, so readers can check it", severity="warning")
            for event in sorted(content.events.values(), key=lambda e: e.path)
            for number, source in enumerate(event.sources, 1) if not source.url and not source.archived_url]


def _unshown(content: Content) -> list[Problem]:
    """Events no explainer shows, in its timeline, its background or a ```timeline block: kept for later, or a
    tag that does not match."""
    if not content.explainers:
        return []
    index = EventIndex(content.events)
    shown: set[str] = set()
    selected_tags: set[str] = set()
    for explainer in content.explainers.values():
        for selector in (explainer.selector, *(block.selector for block in explainer.embedded)):
            shown.update(event.id for event in index.select(selector))
            selected_tags.update(selector.tags)
    tags = f" (tags: {', '.join(sorted(selected_tags)[:5])})" if selected_tags else ""
    return [Problem(event.path, event.line, "no explainer shows this event",
                    f"give it what an explainer selects{tags}, or leave it for a later explainer", severity="warning")
            for event in index.ordered if event.id not in shown]


def _frozen(ids) -> frozenset | None:
    return None if ids is None else frozenset(ids)


def _below(path: Path, base: Path) -> str | None:
    """`path` relative to `base` as a POSIX string ('' for base itself), None if it is not below it. What
    Path.relative_to gives, as string work: it runs for every one of thousands of files."""
    text, start = str(path), str(base)
    if text == start:
        return ""
    start = start if start.endswith(os.sep) else start + os.sep
    if not text.startswith(start):
        return None
    return text[len(start):].replace(os.sep, "/")


def _load_registry(path: Path, shown, registry: s.Registry, problems: list[Problem],
                   trials: Trials) -> tuple[dict, bool]:
    if not path.exists():
        return {}, True
    where = shown(path)
    text = read_text(path, where, problems)
    if text is None:
        return {}, False
    before = len(problems)
    node = compose(text, where, problems)
    if node is None:  # no document (blank, or comments only: an emptied file), or a syntax error reported
        return {}, len(problems) == before
    return Checker(where, problems, {"trials": trials}).registry(node, registry), True


def _load_page(path: Path, docs_dir: Path, where: str, known: dict, tags_in_use: set,
               problems: list[Problem], content: Content, warnings: list[Problem], today: date) -> Explainer | None:
    """A page's front matter checked (MkDocs and Material read it too, and drop front matter they cannot
    read without a word); an explainer (front matter with `events`) read into the model."""
    src_uri = _below(path, docs_dir)
    text = read_text(path, where, problems)
    if text is None:
        content.unreadable.add(src_uri)
        return None
    front, front_line, body, body_line = split_front_matter(text)
    _check_prose(body, body_line, where, problems, known["trials"])
    if front is None:
        if MKDOCS_META.match(text):  # MkDocs would read these lines as settings, without any check
            problems.append(Problem(where, 1, "the page starts with 'key: value' lines, which MkDocs reads as the "
                                    "page's settings", "put settings between two '---' lines (front matter), or "
                                    "start the page with a heading or a sentence"))
        return None
    node = compose(front, where, problems, line_offset=front_line - 1)
    if node is None:
        return None
    checker = Checker(where, problems, known, line_offset=front_line - 1, warnings=warnings, today=today)
    if not isinstance(node, yaml.MappingNode) or not any(
            isinstance(k, yaml.ScalarNode) and k.value == "events" for k, _ in node.value):
        checker.record(node, s.PAGE, "page front matter")
        return None
    named_ok = SLUG.match(path.stem) is not None  # it is the page's URL, and the embed snippet's
    if not named_ok:
        problems.append(Problem(where, 0, f"the explainer's file name '{path.name}' is not a slug",
                                "name it with lowercase letters, digits and hyphens, e.g. fall-of-hama.md"))
    values = checker.record(node, s.EXPLAINER)
    embedded = []
    for match in TIMELINE_FENCE.finditer(body):
        block_line = body_line + body[: match.start("body")].count("\n")
        block = compose(match.group("body"), where, problems, line_offset=block_line - 1)
        if block is None:
            problems.append(Problem(where, block_line, "the timeline block is empty",
                                    "give a selector such as 'tags: [hama]'"))
            continue
        selector = Checker(where, problems, known, line_offset=block_line - 1).record(block, s.SELECTOR,
                                                                                     "timeline block")
        if selector is not None:
            _check_tags(selector, where, tags_in_use, content.tags, problems)
            embedded.append(EmbeddedTimeline(match.group("body"), _selector(selector)))
    if values is None or not named_ok:
        return None
    _check_tags(values["events"], where, tags_in_use, content.tags, problems)
    return Explainer(
        src_uri=src_uri,
        path=where,
        title=values["title"],
        published=values["published"],
        selector=_selector(values["events"]),
        body=body,
        description=values.get("description"),
        updated=values.get("updated"),
        unknowns=tuple(values.get("unknowns", ())),
        corrections=tuple(_corrections(values)),
        lang=values.get("lang", "en"),
        embedded=tuple(embedded),
        translation_of=values.get("translation_of"),
        live=values.get("live", False),
        coverage_end=values.get("coverage_end"),
        translation_line=next((front_line - 1 + k.start_mark.line + 1 for k, _ in node.value
                               if isinstance(k, yaml.ScalarNode) and k.value == "translation_of"), 0),
    )


def _check_prose(body: str, body_line: int, where: str, problems: list[Problem], trials: Trials) -> None:
    """Links in the prose that the page would drop (javascript:, data:), the plugin's own block markers, and
    Markdown that would stall the build: said here, at their line."""
    def problem(offset: int, message: str, hint: str) -> None:
        problems.append(Problem(where, body_line + body.count("\n", 0, offset), message, hint))

    too_hard = markdown_too_hard(body)
    if too_hard:
        problem(too_hard[1], f"the text {too_hard[0]}", "simplify it")
    else:
        stalls = trials.problem(PAGE, body)
        if stalls:
            problem(0, f"the text {stalls}", "simplify it")
    for offset, given in explicit_ids(body):
        if not is_editors(given):
            problem(offset, f"the text sets the id '{quote(given)}', which the site keeps for its own elements",
                    "choose an id that starts with a letter or digit, does not start with "
                    f"{', '.join(SITE_PREFIXES)} and is not a section's ({', '.join(sorted(SECTION_IDS))})")
    marker = body.find(BLOCK_MARKER_PREFIX)
    if marker >= 0:
        problem(marker, "the text holds the plugin's own marker '<!-- explainers-block', which stands for "
                        "generated HTML", "remove it")
    for match in MARKDOWN_LINK.finditer(body):
        target = match.group(1) or match.group(2) or match.group(3)
        if not is_safe_link(target, relative=True):
            problem(match.start(), f"the text links to '{quote(target)}'",
                    "only http(s), mailto, relative and #anchor links are allowed")


def _check_tags(selector: dict, where: str, tags_in_use: set, registered, problems: list[Problem]) -> None:
    """A selector's tag that no event carries; a misspelt one is named, from the events' tags first (those
    would match), then from tags.yml's."""
    for tag in selector.get("tags", ()):
        if tag not in tags_in_use:
            hint = suggest(tag, tags_in_use) or suggest(tag, registered)
            if not hint:
                hint = f"no event has it; {', '.join(sorted(tags_in_use)[:8])}" if tags_in_use else "no event has tags yet"
            problems.append(Problem(where, selector["__line__"], f"the selector's tag '{tag}' matches no event", hint))


# Validated values -> model ------------------------------------------------------------------------------------

def _corrections(values: dict) -> list[Correction]:
    return sorted((Correction(c["at"], c["text"]) for c in values.get("corrections", ())),
                  key=lambda c: c.at.sort_key())


def _event(ident: str, where: str, v: dict) -> Event:
    fatalities = v.get("fatalities")
    return Event(
        id=ident, path=where, line=v["__line__"], date=v["date"], title=v["title"],
        sources=tuple(Source(x["title"], x.get("publisher"), x.get("url"), x.get("published"), x.get("archived_url"),
                             x.get("captured_at"), x.get("sha256")) for x in v["sources"]),
        end=v.get("end"), approximate=v.get("approximate", False), summary=v.get("summary"),
        type=v.get("type"), subtype=v.get("subtype"), place=v.get("place"),
        actors=tuple(dict.fromkeys(v.get("actors", ()))), key=v.get("key", False), era=v.get("era"),
        claims=tuple(Claim(c["text"], c["status"], c.get("by"),
                           tuple(ClaimState(h["at"], h["status"], h.get("note")) for h in c.get("history", ())))
                     for c in v.get("claims", ())),
        fatalities=Fatalities(fatalities["best"], fatalities.get("low"), fatalities.get("high"),
                              fatalities.get("by")) if fatalities else None,
        tags=tuple(dict.fromkeys(v.get("tags", ()))), updated=v.get("updated"), corrections=tuple(_corrections(v)),
        retracted=Retraction(v["retracted"]["at"], v["retracted"]["reason"]) if v.get("retracted") else None,
        acled=_acled(v["acled"]) if v.get("acled") else None,
    )


def _acled(v: dict) -> Acled:
    return Acled(**{key: tuple(value) if isinstance(value, list) else value for key, value in v.items()
                    if key != "__line__" and key != "geo_precision"},
                 geo_precision=int(v["geo_precision"]) if "geo_precision" in v else None)


def _actor(ident: str, v: dict) -> Actor:
    return Actor(ident, v["name"], v["kind"], v.get("native_name"), v.get("description"))


def _place(ident: str, v: dict) -> Place:
    return Place(ident, v["name"], v["country"], v.get("native_name"), v.get("admin1"), v.get("lat"), v.get("lon"),
                 int(v.get("precision", 1)), v.get("admin2"), v.get("admin3"))


def _load_tags(docs_dir: Path, filename: str, tree, shown, cache: dict,
               problems: list[Problem], trials: Trials) -> tuple[dict[str, Tag], set[str] | None]:
    """tags.yml (optional) read as the other registries are, cached the same way; with the ids every event's
    tags must be among, or None when there is no file or it names no tag (any slug is a tag, named by itself)."""
    key = (filename in tree.refused, tree.stamps.get(filename))
    cached = cache.get(_REGISTRY + filename)
    if cached is None or cached[0] != key:
        before = len(problems)
        entries, _ = ({}, False) if key[0] else _load_registry(docs_dir / filename, shown, s.TAGS, problems,
                                                                        trials)
        built = {ident: Tag(ident, v["name"], v.get("description")) for ident, v in sorted(entries.items())}
        cached = cache[_REGISTRY + filename] = (key, problems[before:], built)
    else:
        problems += cached[1]
    built = cached[2]
    return built, set(built) if built else None


def _unregistered_tags(node: yaml.Node, where: str, tag_ids: set[str] | None, registry: str,
                       problems: list[Problem]) -> None:
    """An event's tags that tags.yml lacks, each at its line: a misspelt tag would quietly split a story, its
    events missing from the explainer that selects the right spelling."""
    if tag_ids is None or not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        if not (isinstance(key, yaml.ScalarNode) and key.value == "tags" and isinstance(value, yaml.SequenceNode)):
            continue
        for item in value.value:
            tag = item.value.strip() if isinstance(item, yaml.ScalarNode) else None
            if tag and SLUG.match(tag) and tag not in tag_ids:  # a malformed one is the Checker's to report
                problems.append(Problem(where, item.start_mark.line + 1, f"tags '{quote(tag)}' is not in {registry}",
                                        suggest(tag, tag_ids) or f"add it to {registry} or fix the tag"))


def _selector(v: dict) -> Selector:
    return Selector(tuple(v.get("tags", ())), tuple(v.get("actors", ())), tuple(v.get("places", ())),
                    tuple(v.get("ids", ())), v.get("from"), v.get("to"))
