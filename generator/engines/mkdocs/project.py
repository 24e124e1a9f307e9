"""Find a project's content and the plugin's settings from its mkdocs.yml, for commands run outside MkDocs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config  # MkDocs resolves docs_dir, theme dirs and !ENV tags for us

from .config import ExplainersConfig, cache_dir, defaults
from ...format.theme_dirs import with_plugin_theme
from ...pages.prepare import Build, prepare
from ...records.content import load_content
from ...records.model import Content


@dataclass
class Project:
    root: Path
    docs_dir: Path
    theme_dirs: list[Path]
    options: ExplainersConfig
    config: object  # MkDocs' config: site_url, extra (publisher) and the rest, as the build sees them

    def load(self) -> Content:
        o = self.options
        return load_content(self.docs_dir, self.root, events_dir=o.events_dir, actors_file=o.actors_file,
                            places_file=o.places_file, tags_file=o.tags_file, max_file_kb=o.max_file_kb,
                            theme_dirs=self.theme_dirs, published_suffixes=o.published_suffixes)

    def prepare(self, content: Content) -> Build:
        """The build's set-up exactly as the plugin makes it, so pages come out the same."""
        build = prepare(content, self.config, self.theme_dirs, self.options.zone_names)
        build.embed_events = self.options.embed_events
        build.cache_dir = cache_dir(self.config.config_file_path, self.options.cache_dir)
        return build

    @property
    def events_dir(self) -> Path:
        return self.docs_dir / self.options.events_dir

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"


def open_project(config_file: str | Path = "mkdocs.yml") -> Project:
    """Read mkdocs.yml the way MkDocs does, so the commands and the build see the same settings."""
    config_file = Path(config_file).resolve()
    config = load_config(config_file=str(config_file))
    plugin = config.plugins.get("explainers")
    options = plugin.config if plugin is not None else defaults()
    dirs = with_plugin_theme(list(config.theme.dirs), config.theme.custom_dir)  # as the plugin's on_config does
    return Project(config_file.parent, Path(config.docs_dir), [Path(d) for d in dirs], options, config)
