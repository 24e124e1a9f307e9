"""The files for readers on a bad network, written beside the pages after a build (the plugin's on_post_build,
and `generate`): the lite editions (lite.py), the share cards (sharecards.py), the service worker and the
offline page (offline.py)."""

from __future__ import annotations

from pathlib import Path

from .lite import lite_files
from .offline import offline_files
from .sharecards import card_files
from ..pages.prepare import Build


def write_reader_files(build: Build, site_dir: str | Path, only=None, preview: bool = False) -> list[str]:
    """Write them into site_dir; returns their site paths, sorted. `only(explainer)`: whether that explainer's
    files must be written again (serve's rebuilds); the indexes always are. `preview`: `mkdocs serve`'s build,
    whose worker caches nothing."""
    site_dir = Path(site_dir)
    written = []
    for path, make in [*lite_files(build.renderer, only), *offline_files(build.renderer, preview)]:
        written.append(path)
        if make is not None:
            _write(site_dir / path, make().encode("utf-8"))
    cards = build.cache_dir / "cards" if build.cache_dir is not None else None
    for path, make in card_files(build.site, cards):  # each named by what it shows: unchanged, not written again
        written.append(path)
        if not (site_dir / path).is_file():
            _write(site_dir / path, make())
    return sorted(written)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
