"""The package as another newsroom gets it: the wheel, installed into a clean virtual environment (not this
editable checkout), builds a brand-new site that has only a mkdocs.yml and content; a site overrides one
template by adding that one file; the published pre-commit hook runs from another repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import REPO

SAMPLE = REPO / "content"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def run(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env or ENV, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("source") / "repo"  # the files a clone would have (and new ones not ignored)
    files = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO).stdout.split("\0")
    for name in filter(None, files):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", out, source)
    return next(out.glob("conflict_explainers-*.whl"))


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    """A clean virtual environment with the wheel and what it depends on, nothing else."""
    folder = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", folder)
    run(folder / "bin" / "python", "-m", "pip", "install", "-q", wheel)
    return folder / "bin"


def new_site(root: Path, theme: str = "") -> Path:
    """A newsroom's repository: mkdocs.yml naming Material and the plugin, and content; no theme folder."""
    shutil.copytree(SAMPLE, root / "docs", ignore=shutil.ignore_patterns("guide", "index.md"))
    (root / "mkdocs.yml").write_text(
        f"site_name: Newsroom\ndocs_dir: docs\ntheme:\n  name: material\n{theme}plugins:\n  - explainers\n",
        encoding="utf-8")
    return root


def test_the_wheel_holds_every_module_and_the_theme(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in sorted((REPO / "generator").rglob("*.py")):
        assert module.relative_to(REPO).as_posix() in names
    for asset in sorted(p for p in (REPO / "theme").rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        assert "generator/" + asset.relative_to(REPO).as_posix() in names


def test_the_installed_wheel_builds_a_brand_new_site(venv, tmp_path):
    site = new_site(tmp_path / "newsroom")
    run(venv / "explainers", "validate", cwd=site)
    run(venv / "mkdocs", "build", "--strict", cwd=site)
    page = (site / "site/explainers/fall-of-aleppo-and-hama/index.html").read_text(encoding="utf-8")
    assert page.count('id="event-') >= 16 and 'id="what-we-know-so-far"' in page
    assert '<link rel="stylesheet" href="../../assets/explainers.css">' in page
    assert '<script src="../../assets/explainers.js" defer></script>' in page
    assert '<script type="application/ld+json">' in page and 'media="print"' in page
    for path in ("assets/explainers.css", "assets/explainers.js", "assets/explainers-print.css", "feed.atom",
                 "explainers/fall-of-aleppo-and-hama/data/events.csv", "pagefind/pagefind.js", "archive/index.html"):
        assert (site / "site" / path).is_file(), path
    assert not (site / "site/__init__.py").exists()


def test_a_site_overrides_one_template_with_one_file(venv, tmp_path):
    site = new_site(tmp_path / "newsroom", theme="  custom_dir: overrides\n")
    (site / "overrides/explainers").mkdir(parents=True)
    (site / "overrides/explainers/timeline-section.html").write_text(
        '## Our own timeline heading {: #timeline }\n\n{{ timeline }}\n', encoding="utf-8")
    run(venv / "mkdocs", "build", cwd=site)
    page = (site / "site/explainers/fall-of-aleppo-and-hama/index.html").read_text(encoding="utf-8")
    assert "Our own timeline heading" in page  # the site's file
    assert 'id="what-we-know-so-far"' in page and page.count('id="event-') >= 16  # every other one is ours


def test_the_pre_commit_hook_runs_from_another_repository(tmp_path):
    """As a newsroom's repository uses it: pre-commit installs the hook from our repository (its own
    environment, a non-editable install) and runs it on their content."""
    site = new_site(tmp_path / "newsroom")
    env = {**ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    run("git", "init", "-q", cwd=site, env=env)
    run("git", "add", "-A", cwd=site, env=env)
    hook = [sys.executable, "-m", "pre_commit", "try-repo", REPO, "explainers-validate", "--all-files"]
    result = run(*hook, cwd=site, env=env)
    assert "explainers validate" in result.stdout and "Passed" in result.stdout
    (site / "docs/events/2024/2024-11-27-offensive-begins.yml").write_text(
        "date: 2024-11-27\ntitel: typo\n", encoding="utf-8")
    run("git", "add", "-A", cwd=site, env=env)
    failed = subprocess.run([str(a) for a in hook], cwd=site, env=env, capture_output=True, text=True)
    assert failed.returncode == 1
    assert "docs/events/2024/2024-11-27-offensive-begins.yml:2: unknown field 'titel' in event" in failed.stdout
