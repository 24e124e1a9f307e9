"""The files for readers on a bad network, written beside the pages after a build (the plugin's on_post_build,
and `generate`): the lite editions (lite.py)."""

from __future__ import annotations

from pathlib import Path

from .lite import lite_files
from .prepare import Build


def write_reader_files(build: Build, site_dir: str | Path, only=None) -> list[str]:
    """Write them into site_dir; returns their site paths, sorted. `only(explainer)`: whether that explainer's
    files must be written again (serve's rebuilds); the indexes always are."""
    site_dir = Path(site_dir)
    written = []
    for path, make in lite_files(build.renderer, only):
        written.append(path)
        if make is not None:
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(make().encode("utf-8"))
    return sorted(written)
