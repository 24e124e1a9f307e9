"""Test support: a small content tree written into a temporary project, built with MkDocs."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
THEME = REPO / "theme"

BASE_CONFIG = f"""\
site_name: Test desk
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - explainers
markdown_extensions:
  - attr_list
"""

ACTORS = """\
hts:
  name: Hayat Tahrir al-Sham
  native_name: هيئة تحرير الشام
  kind: rebel-group
syrian-army:
  name: Syrian Arab Army
  kind: state-forces
"""

PLACES = """\
aleppo:
  name: Aleppo
  native_name: حلب
  country: SY
  lat: 36.2021
  lon: 37.1343
hama:
  name: Hama
  country: SY
"""


def event_yaml(date: str, title: str, **fields) -> str:
    lines = [f"date: {date}", f"title: {title}"]
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    if "sources" not in fields:
        lines += ["sources:", "  - title: Wire report", "    publisher: Reuters"]
    return "\n".join(lines) + "\n"


EXPLAINER = """\
---
title: Rebels advance
description: What happened in the north.
published: "2024-12-06T09:15+05:30"
updated: "2024-12-06T10:32+05:30"
events:
  tags: [offensive]
unknowns:
  - How many people were killed.
---

The lede paragraph of the story.

A second paragraph.
"""


@dataclass
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def event(self, ident: str, date: str, title: str, folder: str = "events", **fields) -> Path:
        fields.setdefault("tags", "[offensive]")
        return self.write(f"{folder}/{ident}.yml", event_yaml(date, title, **fields))

    def build(self) -> None:
        """Build in-process (fast); raises what MkDocs raises."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()

    def run(self, *args: str) -> subprocess.CompletedProcess:
        """Run a command in the project as an editor would, capturing what they would read."""
        return subprocess.run([sys.executable, "-m", *args], cwd=self.root, capture_output=True, text=True,
                              timeout=300)

    def mkdocs_build(self, *extra: str) -> subprocess.CompletedProcess:
        return self.run("mkdocs", "build", *extra)

    def html(self, url_path: str) -> str:
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Project:
    """A small valid project: registries, an explainer selecting tag `offensive`, no events yet."""
    proj = Project(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(BASE_CONFIG, encoding="utf-8")
    proj.write("index.md", "---\ntitle: Home\n---\n\n# Desk\n\nIntro.\n")
    proj.write("actors.yml", ACTORS)
    proj.write("places.yml", PLACES)
    proj.write("explainers/rebels.md", EXPLAINER)
    return proj


@pytest.fixture
def problems_logged(caplog):
    """The error lines a failed in-process build logged, as an editor reads them."""
    caplog.set_level(logging.ERROR)

    def lines() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]

    return lines


def copy_project(target, reverse: bool = False):
    """Copy the sample project, creating files in the given order (directory listing order follows it)."""
    sources = sorted((p for p in (REPO / "content").rglob("*") if p.is_file()), reverse=reverse)
    for path in sources:
        destination = target / "content" / path.relative_to(REPO / "content")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    config = (REPO / "mkdocs.yml").read_text().replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    (target / "mkdocs.yml").write_text(config)
