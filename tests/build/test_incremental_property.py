"""Whatever an editor saves, serve's incremental rebuild serves what a clean build makes, byte for byte.

Hypothesis draws sequences of edits to a small site, over every kind of content file and field the schema has:
an event's fields (title and its translation, summary, date and end, tags, actors, place, claims and who made
them, fatalities, sources, key, era, updates, corrections, retraction), the registries' entries (actors.yml,
places.yml, tags.yml), an explainer's front matter and prose (its selector, a ```timeline block, live coverage,
its Arabic version), the home page; files created, renamed and deleted. After each edit the site is rebuilt as
`mkdocs serve` rebuilds it (the plugin's serve hooks, MkDocs' dirty build, in this process), and every file it
wrote is compared with a clean build of the same content.

The pages' inputs are recorded as they are read (generator/pages/reads.py): a read the recording missed would
leave a page stale here, whichever field it is.
"""

from __future__ import annotations

import gc
import os
import json
import logging
import shutil
import tempfile
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from tests.build.test_incremental_serve import differences, tree
from tests.support import BASE_CONFIG

SITE_URL = "http://127.0.0.1:8000/"
CONFIG = BASE_CONFIG.replace("docs_dir:", f"site_url: {SITE_URL}\ndocs_dir:", 1)  # serve's, with its address
ACTORS = ["hts", "army", "monitor"]
PLACES = ["aleppo", "hama", "idlib"]
TAGS = ["offensive", "aleppo", "talks"]
STATUSES = ["confirmed", "reported", "disputed", "denied", "unverified"]


def q(text) -> str:
    """A YAML scalar (JSON strings are YAML strings), or a translated text as {en, ar}."""
    if isinstance(text, dict):
        return "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in text.items()) + "}"
    return json.dumps(text, ensure_ascii=False)


class Site:
    """The site's content as values, written out as files; every edit changes the values and rewrites what
    changed (or deletes, creates, renames)."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.actors = {"hts": {"name": {"en": "Hayat Tahrir al-Sham", "ar": "هيئة تحرير الشام"}, "kind": "rebel-group"},
                       "army": {"name": "Syrian Arab Army", "kind": "state-forces"},
                       "monitor": {"name": "War monitor", "kind": "organization"}}
        self.places = {"aleppo": {"name": {"en": "Aleppo", "ar": "حلب"}, "country": "SY", "lat": 36.2, "lon": 37.13},
                       "hama": {"name": "Hama", "country": "SY", "lat": 35.13, "lon": 36.75},
                       "idlib": {"name": "Idlib", "country": "SY"}}
        self.tags = {"offensive": {"name": "Offensive"}, "aleppo": {"name": {"en": "Aleppo", "ar": "حلب"}},
                     "talks": {"name": "Talks", "description": "Negotiations."}}
        self.events = {
            "2024-11-27-offensive": {"date": "2024-11-27", "title": {"en": "Rebels launch an offensive",
                                                                    "ar": "هجوم"},
                                     "tags": ["offensive"], "actors": ["hts", "army"], "place": "aleppo", "key": True},
            "2024-11-29-aleppo": {"date": "2024-11-29", "title": "Rebels enter Aleppo", "tags": ["offensive", "aleppo"],
                                  "actors": ["hts"], "place": "aleppo",
                                  "claims": [{"text": "The army withdrew.", "status": "reported", "by": "army"}]},
            "2024-12-05-hama": {"date": "2024-12-05", "title": "Rebels take Hama", "tags": ["offensive"],
                                "place": "hama", "summary": "The city fell.",
                                "acled": {"actor1": "monitor", "inter1": "civilians"}},  # in the CSV alone
            "2011-03-15-protests": {"date": "2011-03", "title": "Protests begin", "tags": ["talks"], "era": "background"},
        }
        self.explainers = {
            "explainers/rebels.md": {"title": "Rebels advance", "published": "2024-12-06T09:15+05:30",
                                     "events": ["offensive"], "description": "What happened.",
                                     "prose": "The lede paragraph.\n\nA second paragraph.\n"},
            "explainers/rebels-ar.md": {"title": "تقدم الفصائل", "published": "2024-12-06T09:15+05:30",
                                        "events": ["offensive"], "lang": "ar", "translation_of": "rebels",
                                        "prose": "فقرة أولى.\n"},
            "explainers/talks.md": {"title": "Talks", "published": "2024-12-07T09:00+03:00", "events": ["talks"],
                                    "prose": "Lede.\n\n```timeline\ntags: [aleppo]\n```\n"},
        }
        self.home = "# Desk\n\nIntro.\n"

    # Files ----------------------------------------------------------------------------------------------------

    def write_all(self) -> None:
        (self.root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
        for name in ("actors", "places", "tags"):
            self.write_registry(name)
        for ident in self.events:
            self.write_event(ident)
        for src in self.explainers:
            self.write_explainer(src)
        self.write_home()
        self.write("guide/notes.md", "# Notes\n\nA page of the guide.\n")

    def write(self, relative: str, text: str) -> None:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def write_registry(self, name: str) -> None:
        lines = []
        for ident, entry in getattr(self, name).items():
            lines.append(f"{ident}:")
            lines += [f"  {key}: {q(value)}" for key, value in entry.items()]
        self.write(f"{name}.yml", "\n".join(lines) + "\n")

    def write_event(self, ident: str) -> None:
        event = self.events[ident]
        lines = []
        for key, value in event.items():
            if key in ("claims", "corrections", "sources"):
                lines.append(f"{key}:")
                for item in value:
                    first = True
                    for k, v in item.items():
                        lines.append(f"  {'- ' if first else '  '}{k}: {q(v)}")
                        first = False
            elif key in ("fatalities", "retracted", "acled"):
                lines.append(f"{key}:")
                lines += [f"  {k}: {q(v)}" for k, v in value.items()]
            elif isinstance(value, list):
                lines.append(f"{key}: [{', '.join(value)}]")
            elif isinstance(value, bool):
                lines.append(f"{key}: {'true' if value else 'false'}")
            else:
                lines.append(f"{key}: {q(value)}")
        if "sources" not in event:
            lines += ["sources:", "  - title: Wire report", "    publisher: Reuters"]
        self.write(f"events/{ident}.yml", "\n".join(lines) + "\n")

    def write_explainer(self, src: str) -> None:
        x = self.explainers[src]
        lines = ["---"]
        for key, value in x.items():
            if key == "prose":
                continue
            if key == "events":
                lines += ["events:", f"  tags: [{', '.join(value)}]"]
            elif key in ("unknowns",):
                lines.append(f"{key}:")
                lines += [f"  - {q(v)}" for v in value]
            elif isinstance(value, bool):
                lines.append(f"{key}: {'true' if value else 'false'}")
            else:
                lines.append(f"{key}: {q(value)}")
        lines.append("---")
        self.write(src, "\n".join(lines) + "\n\n" + x["prose"])

    def write_home(self) -> None:
        self.write("index.md", "---\ntitle: Home\n---\n\n" + self.home)

    def delete(self, relative: str) -> None:
        (self.content / relative).unlink()

    # What keeps the content valid -----------------------------------------------------------------------------

    def valid(self) -> bool:
        used = {tag for e in self.events.values() for tag in e.get("tags", ())}
        for x in self.explainers.values():
            if not set(x["events"]) & used or any(t not in used for t in x["events"]):
                return False
            if x.get("translation_of") and not any(s.endswith(f"/{x['translation_of']}.md") for s in self.explainers):
                return False
        block_tags = {"aleppo"}  # the ```timeline block of talks.md selects it
        if "explainers/talks.md" in self.explainers and not block_tags <= used:
            return False
        for e in self.events.values():
            if any(a not in self.actors for a in e.get("actors", ())):
                return False
            if "acled" in e and e["acled"]["actor1"] not in self.actors:
                return False
            if e.get("place") and e["place"] not in self.places:
                return False
            if any(t not in self.tags for t in e.get("tags", ())):
                return False
            refs = [c.get("by") for c in e.get("claims", ())] + [e.get("fatalities", {}).get("by")]
            if any(r is not None and r not in self.actors and r in ACTORS for r in refs):
                pass  # free text is allowed for `by`
        return True


# Edits ---------------------------------------------------------------------------------------------------------

EVENT_FIELDS = {"text": ["title", "translation", "summary", "sources"], "links": ["tags", "actors", "place", "acled"],
                "claims": ["claims", "claim_by", "fatalities"],
                "state": ["date", "end", "approximate", "key", "era", "updated", "corrections", "retracted"]}


def event_edit(site: Site, data, group: str) -> str:
    ident = data.draw(st.sampled_from(sorted(site.events)))
    event = site.events[ident]
    field = data.draw(st.sampled_from(EVENT_FIELDS[group]))
    word = data.draw(st.sampled_from(["Alpha", "Beta", "Gamma", "Delta"]))
    if field == "title":
        event["title"] = f"{word} {ident}"
    elif field == "translation":
        event["title"] = {"en": str(event["title"]["en"] if isinstance(event["title"], dict) else event["title"]),
                          "ar": f"ترجمة {len(word)}"}
    elif field == "summary":
        event["summary"] = f"{word} happened."
    elif field == "date":
        event["date"] = data.draw(st.sampled_from(["2024-11-28", "2024-12-01", "2024-12", "2011-04-02"]))
        event.pop("end", None)
    elif field == "end":
        if event["date"].count("-") == 2 and event["date"] < "2024-12-09":
            event["end"] = "2024-12-09"
    elif field == "tags":
        event["tags"] = data.draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=2, unique=True))
    elif field == "actors":
        event["actors"] = data.draw(st.lists(st.sampled_from(sorted(site.actors)), max_size=2, unique=True))
    elif field == "place":
        event["place"] = data.draw(st.sampled_from(sorted(site.places)))
    elif field == "acled":  # ACLED's actor 1: the CSV download names it, the card does not
        event["acled"] = {"actor1": data.draw(st.sampled_from(sorted(site.actors))), "inter1": "rebel-group"}
        event.setdefault("place", "idlib")
    elif field == "claims":
        status = data.draw(st.sampled_from(STATUSES))
        event["claims"] = [{"text": f"{word} said so.", "status": status}]
    elif field == "claim_by":
        by = data.draw(st.sampled_from(sorted(site.actors) + ["A spokesman"]))
        event["claims"] = [{"text": "It was said.", "status": "reported", "by": by}]
    elif field == "fatalities":
        event["fatalities"] = {"best": len(word), "by": data.draw(st.sampled_from(sorted(site.actors)))}
    elif field == "sources":
        event["sources"] = [{"title": f"{word} report", "publisher": "AFP", "url": f"https://example.org/{word}"}]
    elif field == "key":
        event["key"] = not event.get("key", False)
    elif field == "era":
        if event.get("era"):
            event.pop("era")
        else:
            event["era"] = "background"
    elif field == "updated":
        event["updated"] = "2024-12-08T10:00+03:00"
    elif field == "corrections":
        event["corrections"] = [{"at": "2024-12-08T10:00+03:00", "text": f"{word} was misspelt."}]
    elif field == "retracted":
        event["retracted"] = {"at": "2024-12-08T10:00+03:00", "reason": "It did not happen."}
    elif field == "approximate":
        event["approximate"] = True
    site.write_event(ident)
    return f"event {ident}: {field}"


def registry_edit(site: Site, data, name: str) -> str:
    """An entry the events name, mostly (an edit that no page shows proves nothing)."""
    entries = getattr(site, name)
    field = {"actors": "actors", "places": "place", "tags": "tags"}[name]
    named = sorted({i for e in site.events.values() for i in ([e[field]] if field == "place" and e.get(field) else
                                                              e.get(field, []) if field != "place" else [])}
                   | ({e["acled"]["actor1"] for e in site.events.values() if "acled" in e} if name == "actors" else set()))
    ident = data.draw(st.sampled_from(named or sorted(entries)))
    word = data.draw(st.sampled_from(["North", "South", "Old"]))
    what = data.draw(st.sampled_from(["name", "name", "translation", "more", "new"]))
    entry = entries[ident]
    if what == "name":
        entry["name"] = f"{word} {ident}"
    elif what == "translation":
        entry["name"] = {"en": f"{ident.title()}", "ar": f"اسم {len(word)}"}
    elif what == "new":
        entries[f"{ident}-{word.lower()}"] = dict(entry, name=f"{word} {ident}")
    elif name == "actors":
        entry["native_name"] = "الاسم"
        entry["description"] = f"{word} description."
    elif name == "places":
        entry["lat"], entry["lon"] = (35.9, 36.6) if word == "North" else (34.7, 36.7)
        entry["admin1"] = f"{word} province"
    else:
        entry["description"] = f"{word} tag."
    site.write_registry(name)
    return f"{name}.yml {ident}: {what}"


EXPLAINER_PARTS = {"front": ["title", "description", "selector", "updated", "unknowns", "live"],
                   "prose": ["prose", "block"]}


def explainer_edit(site: Site, data, part: str) -> str:
    src = data.draw(st.sampled_from(sorted(site.explainers)))
    x = site.explainers[src]
    what = data.draw(st.sampled_from(EXPLAINER_PARTS[part]))
    word = data.draw(st.sampled_from(["first", "second"]))
    if what == "title":
        x["title"] = f"{x['title']} {word}"
    elif what == "description":
        x["description"] = f"About the {word} week."
    elif what == "selector":
        x["events"] = data.draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=2, unique=True))
    elif what == "updated":
        x["updated"] = "2024-12-09T10:00+03:00"
    elif what == "unknowns":
        x["unknowns"] = [f"What happens {word}."]
    elif what == "prose":
        x["prose"] += f"\nA {word} paragraph.\n"
    elif what == "block":
        x["prose"] += "\n```timeline\ntags: [offensive]\n```\n"
    elif what == "live":
        x["live"] = True
        x["coverage_end"] = "2024-12-10T12:00+00:00" if word == "first" else "2099-01-01T00:00+00:00"
    site.write_explainer(src)
    return f"{src}: {what}"


def home_edit(site: Site, data) -> str:
    site.home += f"\nA {data.draw(st.sampled_from(['new', 'later']))} line.\n"
    site.write_home()
    return "index.md"


FILES = {"events": ["new event", "renamed event", "deleted event"], "explainers": ["new explainer", "deleted explainer"]}


def file_edit(site: Site, data, kind: str) -> str:
    what = data.draw(st.sampled_from(FILES[kind]))
    if what == "new event":
        ident = data.draw(st.sampled_from(["2024-12-02-convoy", "2024-12-03-bridge", "2012-07-19-battle"]))
        site.events[ident] = {"date": ident[:10], "title": f"New {ident}",
                              "tags": data.draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=2, unique=True)),
                              "actors": ["monitor"], "place": "idlib"}
        site.write_event(ident)
        return f"new event {ident}"
    if what == "renamed event":
        ident = data.draw(st.sampled_from(sorted(site.events)))
        new = f"{ident}-renamed"
        site.events[new] = site.events.pop(ident)
        site.delete(f"events/{ident}.yml")
        site.write_event(new)
        return f"renamed {ident}"
    if what == "deleted event":
        ident = data.draw(st.sampled_from(sorted(site.events)))
        site.events.pop(ident)
        site.delete(f"events/{ident}.yml")
        return f"deleted {ident}"
    if what == "new explainer":
        src = "explainers/later.md"
        site.explainers[src] = {"title": "Later", "published": "2024-12-10T09:00+03:00", "events": ["aleppo"],
                                "prose": "A new story.\n"}
        site.write_explainer(src)
        return "new explainer"
    src = data.draw(st.sampled_from(sorted(site.explainers)))
    site.explainers.pop(src)
    site.delete(src)
    return f"deleted {src}"


# Every kind of edit once in each example, in an order drawn: a read the recording misses shows in any example.
EDITS = ([partial(event_edit, group=group) for group in EVENT_FIELDS]
         + [partial(registry_edit, name=name) for name in ("actors", "places", "tags")]
         + [partial(explainer_edit, part=part) for part in EXPLAINER_PARTS]
         + [home_edit] + [partial(file_edit, kind=kind) for kind in FILES])


# Builds --------------------------------------------------------------------------------------------------------

class Served:
    """`mkdocs serve`'s builds in this process: the first clean, then dirty ones (the plugin's on_serve turns
    them on), each with a fresh config as serve's builder loads it (the plugin instance stays). MkDocs' own
    server answers `get`, without a socket: a page a save left owed is made when it is asked for."""

    def __init__(self, root: Path):
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.livereload import LiveReloadServer

        self.root, self.site_dir = root, root / "served"
        self._build, self._load = build, load_config
        self.is_dirty = False
        self.owed: list[int] = []  # how many pages each build left to make after it
        config = self.config()
        self.plugin = config.plugins["explainers"]
        self.plugin.search.request = lambda found, site_dir: None  # the index: another process's work
        config.plugins.on_startup(command="serve", dirty=False)
        self.build(config)
        self.server = LiveReloadServer(builder=self.builder(), host="127.0.0.1", port=0, root=str(self.site_dir))
        self.server.watch(str(root / "content"))  # it sends pages with its reload script only when it watches
        config.plugins.on_serve(self.server, config=config, builder=self._builder)

    def get(self, path: str) -> str:
        """The page at `path` (under the site's root) as the server sends it."""
        answer = {}
        body = self.server._serve_request({"PATH_INFO": "/" + path}, lambda status, headers: answer.update(status=status))
        assert answer.get("status") == "200 OK", (path, answer)
        return b"".join(body).decode("utf-8")

    def config(self):
        config = self._load(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = SITE_URL
        return config

    def builder(self):
        is_dirty = False  # serve's builder keeps it in a closure cell; the plugin turns it on after the first build

        def builder(config=None):
            self.build(config or self.config(), dirty=is_dirty)
        self._builder = builder
        return builder

    def build(self, config, dirty: bool = False) -> None:
        self._build(config, serve_url=SITE_URL, dirty=dirty)
        self.owed.append(len(self.plugin.rebuilds.owed))
        self.plugin.soon.now()  # the owed pages and the data files, which serve makes once the page is served

    def rebuild(self) -> None:
        self._builder()


def clean_build(root: Path, target: Path) -> None:
    """`mkdocs build` of a copy of the project (so no build cache of an earlier build is there to reuse), with
    plugin instances of its own: MkDocs keeps one instance of each plugin per process (serve's rebuilds rely on
    it), which this build would otherwise reset."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    source = target.with_name(target.name + "-project")
    for folder in (target, source):
        if folder.exists():
            shutil.rmtree(folder)
    shutil.copytree(root / "content", source / "content")
    shutil.copy(root / "mkdocs.yml", source / "mkdocs.yml")
    option = MkDocsConfig.plugins
    served, option.plugin_cache = option.plugin_cache, {}
    try:
        config = load_config(config_file=str(source / "mkdocs.yml"), site_dir=str(target))
        assert config.plugins["explainers"] is not served["explainers"]
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        option.plugin_cache = served


@pytest.fixture
def no_search_index(monkeypatch):
    """The clean builds write no Pagefind index (its own process, compared nowhere here)."""
    monkeypatch.setattr("generator.engines.mkdocs.plugin.write_index", lambda site, site_dir: None)
    yield
    gc.unfreeze()  # the plugin froze the loaded records out of the collector's sight (incremental.settle)


@settings(max_examples=int(os.environ.get("INPUTS_EXAMPLES", 2)), deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate],  # no shrinking: each step is two builds; the steps are in the message
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_sequence_of_edits_serves_what_a_clean_build_makes(no_search_index, data):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        site = Site(root)
        site.write_all()
        served = Served(root)
        done = []
        for edit in data.draw(st.permutations(EDITS), label="edits"):
            for _ in range(10):  # an edit that would make the content invalid is not made, another is drawn
                before = {k: json.dumps(getattr(site, k), sort_keys=True) for k in
                          ("actors", "places", "tags", "events", "explainers", "home")}
                snapshot = {k: json.loads(v) for k, v in before.items()}
                what = edit(site, data)
                if site.valid():
                    break
                for key, value in snapshot.items():  # undo it: the files too
                    setattr(site, key, value)
                shutil.rmtree(site.content)
                site.write_all()
                what = None
            if what is None:
                continue
            done.append(what)
            served.rebuild()
            assert not served.plugin.content.problems, (done, [str(p) for p in served.plugin.content.problems])
            clean_build(root, root / "clean")
            assert differences(tree(served.site_dir), tree(root / "clean")) == [], f"after: {done}"
            assert served.plugin.rebuilds.active  # serve's dirty builds, not clean ones
        assert any(served.owed), "no edit left a page to make after its build"


def test_an_entry_only_a_download_names_rebuilds_the_download(no_search_index, tmp_path):
    """An actor named in an event's `acled:` block alone is on no card, but the explainer's CSV names it: the
    explainer's other files are written when its page is, so the page reads what they read."""
    site = Site(tmp_path)
    site.write_all()
    served = Served(tmp_path)
    site.actors["monitor"]["name"] = "Renamed monitor"
    site.write_registry("actors")
    served.rebuild()
    assert "explainers/rebels.md" not in served.plugin.rebuilds.skipped
    assert "Renamed monitor" in (tmp_path / "served" / "explainers" / "rebels" / "data" / "events.csv").read_text()
    clean_build(tmp_path, tmp_path / "clean")
    assert differences(tree(tmp_path / "served"), tree(tmp_path / "clean")) == []
    assert "explainers/talks.md" in served.plugin.rebuilds.skipped  # it shows no event naming the actor


def test_a_save_asks_again_only_the_reads_of_the_events_it_changed(no_search_index, tmp_path, monkeypatch):
    """Of what the pages read of each event (its record, the entries it names, where its card is), the plan
    asks again only what the events the save changed answer; the rest is what the last plan found
    (incremental._moved: at 20,000 events, asking all 80,000 keys again was a tenth of a save's build). The
    served site is still a clean build's."""
    from generator.engines.mkdocs import incremental

    site = Site(tmp_path)
    site.write_all()
    served = Served(tmp_path)
    asked = []
    monkeypatch.setattr(incremental, "current", lambda key, *args, real=incremental.current: (
        asked.append(key), real(key, *args))[1])
    ident = next(i for i, e in site.events.items() if isinstance(e["title"], str))
    site.events[ident]["title"] = "Renamed event"
    site.write_event(ident)
    served.rebuild()
    assert asked and {key[1] for key in asked if len(key) == 2 and key[0] in ("events", "named", "event_path", "shown")} == {ident}
    clean_build(tmp_path, tmp_path / "clean")
    assert differences(tree(tmp_path / "served"), tree(tmp_path / "clean")) == []


def test_an_event_whose_card_moves_is_listed_at_its_new_address(no_search_index, tmp_path):
    """An explainer that stops showing an event moves the event's card (here to its line in the archive)
    though the record is the same: the lists' lines of that event follow it, while the other events' lines
    are the last build's (generated._all_lines)."""
    site = Site(tmp_path)
    site.write_all()
    served = Served(tmp_path)
    card = "#event-2011-03-15-protests"
    assert f"explainers/talks/{card}" in served.get("tags/talks/")
    site.explainers["explainers/talks.md"]["events"] = ["aleppo"]
    site.write_explainer("explainers/talks.md")
    served.rebuild()
    listed = served.get("tags/talks/")
    assert card in listed and f"explainers/talks/{card}" not in listed
    clean_build(tmp_path, tmp_path / "clean")
    assert differences(tree(tmp_path / "served"), tree(tmp_path / "clean")) == []


def test_a_save_s_data_files_follow_its_page_and_a_failure_there_is_one_line(no_search_index, tmp_path, caplog):
    """While serving, a save's feeds and data files are written once the build has returned (the page the
    editor waits for is served first), by the next build at the latest; when that fails, the editor reads one
    line and the next save rebuilds everything."""
    site = Site(tmp_path)
    site.write_all()
    served = Served(tmp_path)
    csv = tmp_path / "served" / "explainers" / "rebels" / "data" / "events.csv"
    ident = next(i for i, e in site.events.items() if isinstance(e["title"], str) and e["title"] in csv.read_text())
    site.events[ident]["title"] = "Renamed event"
    site.write_event(ident)
    plugin = served.plugin
    plugin.soon.after = 60  # the thread waits: the page is made when the server is asked for it
    served._build(served.config(), serve_url=SITE_URL, dirty=True)
    page = tmp_path / "served" / "explainers" / "rebels" / "index.html"
    assert "explainers/rebels.md" in plugin.rebuilds.owed and "Renamed event" not in page.read_text()
    assert "Renamed event" in served.get("explainers/rebels/")
    assert "Renamed event" in page.read_text() and "Renamed event" not in csv.read_text()
    plugin.soon.now()
    assert "Renamed event" in csv.read_text()

    def fails(*outputs):
        raise OSError(28, "No space left on device")

    plugin.write_outputs = fails
    site.events[ident]["title"] = "Renamed again"
    site.write_event(ident)
    served._build(served.config(), serve_url=SITE_URL, dirty=True)
    with caplog.at_level(logging.ERROR):
        plugin.soon.now()
    (line,) = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert "the data files and reader files were not all written (OSError" in line and "save again" in line
    assert plugin.rebuilds.world is None  # the next save rebuilds everything
    del plugin.write_outputs
    served.rebuild()
    assert not plugin.rebuilds.skipped
    clean_build(tmp_path, tmp_path / "clean")
    assert differences(tree(tmp_path / "served"), tree(tmp_path / "clean")) == []


def test_a_registry_edit_serves_its_pages_first_and_a_save_before_the_rest_leaves_them_to_its_build(
        no_search_index, tmp_path):
    """A registry entry on many pages: the build writes none of them (each is stale only by what it shows); the
    one the editor asks for is made then; a save before the rest are made stops that, and its build makes
    (or leaves owed again) those still stale, so the site ends up as a clean build makes it."""
    site = Site(tmp_path)
    site.write_all()
    served = Served(tmp_path)
    plugin = served.plugin
    plugin.soon.after = 60  # the background waits: the next save comes first
    actor = next(a for a in sorted(site.actors) if sum(
        a in str(e.get("actors", "")) for e in site.events.values()) > 1)
    site.actors[actor]["name"] = "Zq renamed"
    site.write_registry("actors")
    served._build(served.config(), serve_url=SITE_URL, dirty=True)
    owed = sorted(plugin.rebuilds.owed)
    assert len(owed) > 1, owed
    first = next(uri for uri in owed if uri.startswith("explainers/"))
    path = first.removesuffix(".md") + "/"
    on_disk = tmp_path / "served" / path / "index.html"
    assert "Zq renamed" not in on_disk.read_text()
    assert "Zq renamed" in served.get(path)
    assert first not in plugin.rebuilds.owed and "Zq renamed" in on_disk.read_text()
    site.events[next(iter(sorted(site.events)))]["title"] = "Another save"
    site.write_event(next(iter(sorted(site.events))))
    served.rebuild()  # its on_config stops the background before any other owed page is made
    clean_build(tmp_path, tmp_path / "clean")
    assert differences(tree(tmp_path / "served"), tree(tmp_path / "clean")) == []
