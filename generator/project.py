"""Find a project's content and the plugin's settings from its mkdocs.yml, for commands run outside MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .content import load_content
from .model import Content
from .rendering import Renderer


@dataclass
class Project:
    root: Path
    docs_dir: Path
    theme_dirs: list[Path]
    options: dict = field(default_factory=dict)
    use_directory_urls: bool = True
    config: object = None  # MkDocs' config: site_url, extra (publisher) and the rest, as the build sees them

    def load(self) -> Content:
        return load_content(self.docs_dir, self.root, events_dir=self.options.get("events_dir", "events"),
                            actors_file=self.options.get("actors_file", "actors.yml"),
                            places_file=self.options.get("places_file", "places.yml"),
                            max_file_kb=self.options.get("max_file_kb", 1024), theme_dirs=self.theme_dirs)

    def renderer(self, content: Content) -> Renderer:
        """A Renderer set up exactly as the plugin sets it up, so pages come out the same."""
        from .pages import prepare_renderer

        config = self.config if self.config is not None else {"use_directory_urls": self.use_directory_urls}
        return prepare_renderer(content, self.theme_dirs, self.options.get("zone_names", {}), config)

    @property
    def events_dir(self) -> Path:
        return self.docs_dir / self.options.get("events_dir", "events")

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"


def open_project(config_file: str | Path = "mkdocs.yml") -> Project:
    """Read mkdocs.yml the way MkDocs does, so the commands and the build see the same settings."""
    from mkdocs.config import load_config  # MkDocs resolves docs_dir, theme dirs and !ENV tags for us

    config_file = Path(config_file).resolve()
    config = load_config(config_file=str(config_file))
    plugin = config.plugins.get("explainers")
    options = dict(plugin.config) if plugin is not None else {}
    return Project(config_file.parent, Path(config.docs_dir), [Path(d) for d in config.theme.dirs], options,
                   config.use_directory_urls, config)
