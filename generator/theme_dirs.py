"""Where the plugin's templates and assets are, and where they go on the theme's search path."""

from __future__ import annotations

from pathlib import Path

from . import theme

THEME_DIR = Path(theme.__file__).resolve().parent  # theme/ in a checkout; generator/theme/ in an installed wheel
SCRIPT = "assets/explainers.js"
MAP_STYLESHEET = "assets/explainers-map.css"  # the locator maps' styles, beside the `stylesheet` option's


def with_plugin_theme(dirs: list[str], custom_dir: str | None) -> list[str]:
    """The search path with the plugin's folder right after the site's custom_dir (or first, without one), so a
    site overrides one template by adding that one file, and Material's and MkDocs' folders stay the fallback."""
    ours = str(THEME_DIR)
    if any(Path(d).resolve() == THEME_DIR for d in dirs):
        return list(dirs)  # a site that still names our folder as its custom_dir
    at = 1 if custom_dir and dirs and Path(dirs[0]).resolve() == Path(custom_dir).resolve() else 0
    return [*dirs[:at], ours, *dirs[at:]]
