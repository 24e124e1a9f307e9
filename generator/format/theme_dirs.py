"""Where the plugin's templates and assets are, and where they go on the theme's search path."""

from __future__ import annotations

from pathlib import Path

from .. import theme

THEME_DIR = Path(theme.__file__).resolve().parent  # theme/ in a checkout; generator/theme/ in an installed wheel
SCRIPT = "assets/explainers.js"
MAP_STYLESHEET = "assets/explainers-map.css"  # the locator maps' styles, beside the `stylesheet` option's


def page_templates(dirs) -> frozenset[str]:
    """The templates a page's `template:` may name: Material's page template and the site's own top-level ones.
    Partials, the plugin's fragments and its embed page expect variables a page does not give them: naming one
    would stop the build halfway with Jinja's UndefinedError."""
    names = {"main.html"}
    for folder in map(Path, dirs):
        resolved = folder.resolve()
        if resolved == THEME_DIR or (resolved.parent.name == "material" and resolved.name == "templates") \
                or resolved.name == "mkdocs" and resolved.parent.name == "themes":
            continue  # ours, Material's and MkDocs' own: only their main.html (above) is a page template
        if folder.is_dir():
            names.update(p.name for p in folder.glob("*.html") if p.is_file())
    return frozenset(names)


def with_plugin_theme(dirs: list[str], custom_dir: str | None) -> list[str]:
    """The search path with the plugin's folder right after the site's custom_dir (or first, without one), so a
    site overrides one template by adding that one file, and Material's and MkDocs' folders stay the fallback."""
    ours = str(THEME_DIR)
    if any(Path(d).resolve() == THEME_DIR for d in dirs):
        return list(dirs)  # a site that still names our folder as its custom_dir
    at = 1 if custom_dir and dirs and Path(dirs[0]).resolve() == Path(custom_dir).resolve() else 0
    return [*dirs[:at], ours, *dirs[at:]]
