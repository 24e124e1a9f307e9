"""The same content gives byte-identical output: other folder, other hash seed, other file-system order."""

import os
import subprocess
import sys

from support import copy_project


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
