"""The plugin's typed configuration (`plugins: - explainers: {...}` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ExplainersConfig(base.Config):
    events_dir = c.Type(str, default="events")
    """Folder under docs_dir holding one YAML file per event."""
    actors_file = c.Type(str, default="actors.yml")
    places_file = c.Type(str, default="places.yml")
    zone_names = c.Type(dict, default={})
    """Names to show beside UTC offsets, e.g. {"+05:30": "IST"}: an offset alone cannot name its zone."""
    home_list = c.Type(bool, default=True)
    """List the explainers on the home page (at `<!-- explainers -->`, or at its end)."""
    stylesheet = c.Type(str, default="assets/explainers.css")
    nav_explainers = c.Type(int, default=20)
    """How many explainers (the most recently updated) the sidebar lists; the home page lists them all."""
    max_file_kb = c.Type(int, default=1024)
    """The largest event file, registry or page the build reads, in KB: a record is a few KB, and a file of
    millions of lines (by mistake or on purpose) should stop with a message, not exhaust the machine."""
    stash_html = c.Type(bool, default=True)
    """Hand the pre-rendered timelines and event lists to Markdown's stash instead of inline in page.markdown,
    so Markdown does not parse them again (the page HTML is the same; builds are several times faster). Turn
    off only for another plugin that must find that HTML in page.markdown."""
