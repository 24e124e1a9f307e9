"""The Markdown extension a site source from `explainers generate` names in its zensical.toml: what the plugin
adds to every page's Markdown, for an engine that runs Markdown extensions but not MkDocs plugins.

- The timelines and lists the templates made arrive in the pages between trusted-block lines (blocks.py); they
  go to Markdown's stash as `Trusted`, as the plugin's HtmlBlocksExtension puts them there.
- Then SafeMarkdown, as the plugin adds it: editors' raw HTML is text, their links and attributes checked.

List it last in markdown_extensions (generate does): an extension loaded after it could put back the raw-HTML
preprocessor that SafeMarkdown guards.
"""

from __future__ import annotations

from markdown.extensions import Extension

from ...format.safe_html import SafeMarkdown
from ...pages.blocks import MarkedBlocksExtension


class GeneratedPages(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
        MarkedBlocksExtension().extendMarkdown(md)
        SafeMarkdown().extendMarkdown(md)


def makeExtension(**kwargs):  # noqa: N802 (how Markdown loads an extension by its module name)
    return GeneratedPages(**kwargs)
