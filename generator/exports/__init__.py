"""Machine-readable outputs of the content: JSON-LD, feeds, GeoJSON, ACLED CSV, TimelineJS JSON.

Each module is a pure function of the model (and `Site`, the site-level facts from mkdocs.yml); `write_all`
is the one place that writes files, called from the plugin's on_post_build. Everything is deterministic.
"""

from __future__ import annotations

from .writing import write_all

__all__ = ["write_all"]
