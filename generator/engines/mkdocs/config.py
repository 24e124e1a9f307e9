"""The plugin's typed configuration (`plugins: - explainers: {...}` in mkdocs.yml), and its defaults for the
`explainers` command when mkdocs.yml does not list the plugin: one class, so both read the same values."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

_OFFSET = re.compile(r"[+-](0\d|1[0-4]):[0-5]\d")  # as dates.offset_text writes it: +05:30, -03:00


class ZoneNames(c.DictOfItems):
    """UTC offset -> the name shown beside it. A key not written as the pages write offsets would never match."""

    def __init__(self):
        super().__init__(c.Type(str), default={})

    def run_validation(self, value):
        value = super().run_validation(value)
        for key in value:
            if not _OFFSET.fullmatch(key):
                raise c.ValidationError(f"{key!r} is not a UTC offset; write it as +05:30 or -03:00, in quotes")
        return value


class AtLeastOne(c.Type):
    """A count of at least 1."""

    def __init__(self, default: int):
        super().__init__(int, default=default)

    def run_validation(self, value):
        value = super().run_validation(value)
        if isinstance(value, bool) or value < 1:
            raise c.ValidationError(f"{value!r} is not a count; write a whole number of at least 1, e.g. 200")
        return value


class ExplainersConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. `enabled: !ENV [EXPLAINERS, true]`): the site builds as plain MkDocs pages."""
    events_dir = c.Type(str, default="events")
    """Folder under docs_dir holding one YAML file per event."""
    actors_file = c.Type(str, default="actors.yml")
    places_file = c.Type(str, default="places.yml")
    tags_file = c.Type(str, default="tags.yml")
    """Tag slug -> name (optional): with it every tag an event gives must be there, and pages name tags by it."""
    zone_names = ZoneNames()
    """Names to show beside UTC offsets, e.g. {"+05:30": "IST"}: an offset alone cannot name its zone."""
    home_list = c.Type(bool, default=True)
    """List the explainers on the home page (at `<!-- explainers -->`, or at its end)."""
    stylesheet = c.Type(str, default="assets/explainers.css")
    """The stylesheet the plugin adds to extra_css; point it at a site's own copy to restyle the pages."""
    guide_in_nav = c.Type(bool, default=False)
    """List the editors' guide (the pages under guide/) in the navigation. Its pages are built either way: off,
    the public site's readers are not offered the editors' manual, which editors still find at /guide/."""
    nav_explainers = c.Type(int, default=20)
    """How many explainers (the most recently updated) the sidebar lists; the home page lists them all."""
    warn_unlinked_sources = c.Type(bool, default=False)
    """`explainers validate` warns about a source with neither `url` nor `archived_url`, which readers cannot
    check: on for a newsroom whose sources are all online; off by default (an interview or a phone call has no
    link)."""
    max_file_kb = c.Type(int, default=1024)
    """The largest event file, registry or page the build reads, in KB: a record is a few KB, and a file of
    millions of lines (by mistake or on purpose) should stop with a message, not exhaust the machine."""
    published_suffixes = c.ListOfItems(c.Type(str), default=[])
    """File types content/ may publish besides pages, records and media (e.g. [".json", ".geojson"]). JSON is
    not published by default: Material's script fetches JSON from the site and trusts what it says."""
    embed_events = AtLeastOne(200)
    """How many events an embed page shows: the explainer's newest, with a link to its full timeline. An
    embed is a second copy of the timeline on another site's page: a thousand cards there help no reader."""
    cache_dir = c.Type(str, default=".cache/explainers")
    """Where builds keep what the next build can reuse (parsed records, share cards, ...), relative to mkdocs.yml's
    folder; empty for none. Keyed by what invalidates it: a missing, stale or corrupt cache means a full build,
    never a wrong one. The Pages workflow keeps it between runs with actions/cache."""
    watcher = c.Choice(("auto", "polling"), default="auto")
    """How `mkdocs serve` sees a save: `auto` watches folders on a local disk by the system's notifications (a
    save is seen at once, and nothing runs between saves) and polls the rest, as MkDocs does; `polling` polls
    everything, for a folder whose changes the system does not report (some shared or network folders)."""
    stash_html = c.Type(bool, default=True)
    """Hand the pre-rendered timelines and event lists to Markdown's stash instead of inline in page.markdown,
    so Markdown does not parse them again (the page HTML is the same; builds are several times faster). Turn
    off only for another plugin that must find that HTML in page.markdown."""


def cache_dir(config_file: str | None, option: str) -> Path | None:
    """The option `cache_dir` as a folder: relative to mkdocs.yml's (the current folder without one); None when
    the option is empty."""
    if not option:
        return None
    return (Path(config_file).parent if config_file else Path.cwd()) / option


def defaults() -> ExplainersConfig:
    """The options of a site whose mkdocs.yml does not list the plugin."""
    config = ExplainersConfig()
    config.load_dict({})
    errors, _ = config.validate()
    assert not errors, errors  # every option has a default
    return config
