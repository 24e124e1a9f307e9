"""zensical.toml for the site source `explainers generate` writes, from the site's mkdocs.yml: the same site,
theme and Markdown settings, with what the plugin adds to them at build time written out.

mkdocs.yml comes as written (engines/mkdocs/settings.py), not as MkDocs' config object. What only MkDocs reads
(plugins, hooks, validation, ...) is left out, and the file's opening comment says which of those the site had.
"""

from __future__ import annotations

from . import toml_text

EXTENSION = "generator.zensical"  # trusted blocks, then SafeMarkdown (generator/engines/zensical/markdown.py)
THEME = "theme"  # the custom_dir generate writes beside docs/
HEADER = "Zensical's configuration for this site source, written by `explainers generate` from mkdocs.yml."
DOCS = "docs"
SITE = "site"
# Settings both engines read the same way, copied as written.
KEPT = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
        "edit_uri", "edit_uri_template", "remote_branch", "remote_name", "use_directory_urls", "nav",
        "exclude_docs", "draft_docs")
# Settings the source has by construction, or that generate writes itself.
REPLACED = ("docs_dir", "site_dir", "theme", "extra", "extra_css", "extra_javascript", "markdown_extensions",
            "not_in_nav")


def zensical_config(mkdocs: dict, *, extra_css: list[str], extra_javascript: list[str],
                    not_in_nav: list[str]) -> dict:
    """The [project] of zensical.toml for mkdocs.yml's settings `mkdocs`; the lists are what the plugin adds
    (extra_css, extra_javascript) and the pages it keeps out of the navigation."""
    project = {key: mkdocs[key] for key in KEPT if mkdocs.get(key) is not None}
    project.update(docs_dir=DOCS, site_dir=SITE)
    project["theme"] = _theme(mkdocs.get("theme"))
    project["markdown_extensions"] = _extensions(mkdocs.get("markdown_extensions"))
    project["extra_css"] = _added(mkdocs.get("extra_css"), extra_css)
    project["extra_javascript"] = _added(mkdocs.get("extra_javascript"), extra_javascript)
    lines = [line for line in (mkdocs.get("not_in_nav") or "").splitlines() if line.strip()]
    lines += [pattern for pattern in not_in_nav if pattern not in lines]
    if lines:
        project["not_in_nav"] = "\n".join(lines) + "\n"
    if mkdocs.get("extra"):
        project["extra"] = mkdocs["extra"]
    return {"project": project}


def zensical_toml(mkdocs: dict, **added) -> str:
    dropped = sorted(key for key in mkdocs if key not in KEPT and key not in REPLACED)
    comment = (f"{HEADER}\n"
               "Generated: change mkdocs.yml and generate again. Build with: zensical build --clean --strict")
    if dropped:
        comment += f"\nNot carried over from mkdocs.yml (MkDocs-only settings): {', '.join(dropped)}"
    return toml_text.dumps(zensical_config(mkdocs, **added), comment=comment)


def _theme(theme) -> dict:
    theme = {"name": theme} if isinstance(theme, str) else dict(theme or {"name": "material"})
    theme["custom_dir"] = THEME  # the site's own custom_dir is copied into it, over the plugin's templates
    if theme.get("name") == "material":
        theme.setdefault("variant", "classic")  # Zensical's Material look; its default is its own
    return theme


def _extensions(extensions) -> list:
    """In mkdocs.yml's order (an array: a table's order is not its meaning), attr_list added as the plugin
    adds it, and ours last."""
    if isinstance(extensions, dict):
        extensions = [{name: config} for name, config in extensions.items()]
    entries = []
    for entry in extensions or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name != EXTENSION:
            entries.append(entry if isinstance(entry, str) or entry[name] else name)
    names = [entry if isinstance(entry, str) else next(iter(entry)) for entry in entries]
    if "attr_list" not in names:
        entries.append("attr_list")  # the sections' fixed anchors need it (plugin.on_config)
    return [*entries, EXTENSION]


def _added(listed, ours: list) -> list:
    listed = list(listed or [])
    paths = [item.get("path") if isinstance(item, dict) else item for item in listed]  # `- path: x.js, defer: true`
    return listed + [item for item in ours if item not in paths]
