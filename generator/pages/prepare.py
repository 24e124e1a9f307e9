"""One build's set-up, the same for the plugin, the `explainers` command and the tests: the site's facts from
mkdocs.yml, the Renderer, and what the generated pages share while the build runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .blocks import HtmlBlocks
from .rendering import Renderer
from .site import Site
from ..records.model import Content


@dataclass
class Build:
    site: Site
    renderer: Renderer
    entries: dict = field(default_factory=dict)  # (event id, link root, anchored) -> its line in event lists
    lines: dict = field(default_factory=dict)  # event id -> its Line
    lines_before: dict = field(default_factory=dict)  # serve's previous build's `lines` (incremental.carry)
    # The events whose lines may differ from lines_before's (their record, or where their card is); None: any
    lines_moved: set | None = None
    bodies: dict = field(default_factory=dict)  # src_uri -> GeneratedPage.body, for the pages the plugin added
    generated: dict = field(default_factory=dict)  # src_uri -> GeneratedPage, the same pages (incremental.py)
    embed_events: int = 200  # the newest events an embed page shows (the plugin's option `embed_events`)
    cache_dir: Path | None = None  # where builds keep what the next one can reuse (the option `cache_dir`); None: none

    @cached_property
    def embeds(self) -> set[str]:
        return {self.site.embed_source(x) for x in self.site.explainers}


def prepare(content: Content, config, theme_dirs, zone_names: dict[str, str],
            blocks: HtmlBlocks | None = None) -> Build:
    """`config`: MkDocs' config, or any mapping with its keys (site_url, site_name, extra, use_directory_urls);
    `theme_dirs`: the theme's search path, the site's custom_dir first."""
    site = Site.from_config(content, config, zone_names)
    renderer = Renderer(content, site, [Path(d) for d in theme_dirs], dict(zone_names), blocks)
    return Build(site, renderer)
