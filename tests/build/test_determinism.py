"""The same content gives byte-identical output: other folder, other hash seed, other file-system order."""

import os
import shutil
import subprocess
import sys

from support import REPO


def copy_project(target, reverse: bool):
    """Copy the sample project, creating files in the given order (directory listing order follows it)."""
    sources = sorted((p for p in (REPO / "content").rglob("*") if p.is_file()), reverse=reverse)
    for path in sources:
        destination = target / "content" / path.relative_to(REPO / "content")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    config = (REPO / "mkdocs.yml").read_text().replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    (target / "mkdocs.yml").write_text(config)


def build(folder, seed: str) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=folder, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    site = folder / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "one", tmp_path / "elsewhere" / "two"
    copy_project(first, reverse=False)
    copy_project(second, reverse=True)
    a, b = build(first, "1"), build(second, "4242")
    assert sorted(a) == sorted(b)
    differing = sorted(name for name in a if a[name] != b[name])
    assert differing == []
