"""The name sites' zensical.toml gives the Markdown extension (`explainers generate` writes it there): kept, so a
site source written before the engines moved still builds. The extension is engines/zensical/markdown.py."""

from .engines.zensical.markdown import makeExtension  # noqa: F401  (Markdown looks the name up here)
