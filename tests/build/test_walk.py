"""MkDocs' walk of docs_dir is made from the content's scan (engines/mkdocs/files.py, hand_over_scan): the same
files in the same order with the same inclusion as MkDocs' own get_files, less the records on_files drops."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

from generator.engines.mkdocs import files as mkdocs_files
from generator.records.content import load_content
from support import REPO


def _walks(root: Path, engine: str = "mkdocs"):
    config_module = importlib.import_module(f"{engine}.config")
    build = importlib.import_module(f"{engine}.commands.build")
    structure = importlib.import_module(f"{engine}.structure.files")
    config = config_module.load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    content = load_content(Path(config["docs_dir"]), root)
    assert not content.unsafe_tree
    theirs = [f for f in structure.get_files(config)
              if f.src_uri not in content.data_files | content.reserved]
    mkdocs_files.hand_over_scan(config, content)
    ours = list(build.get_files(config))
    again = build.get_files(config)  # handed over once: a second walk is MkDocs' own
    assert len(again) == len(theirs) + len([f for f in again if f.src_uri in content.data_files])
    return theirs, ours


def test_the_walk_from_the_scan_is_mkdocs_walk_without_the_records(tmp_path):
    """Under MkDocs, in process (ProperDocs loads the plugin in its own command only: its get_files is pinned
    to MkDocs' in test_engine_surfaces, and test_platforms compares the two engines' sites)."""
    root = tmp_path / "site-source"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    docs = root / "content"
    # what MkDocs' walk decides besides listing: README beside index, dot files, folders after files, a
    # folder named like a file's stem, exclude_docs
    (docs / "about").mkdir(exist_ok=True)
    (docs / "about" / "README.md").write_text("# Readme\n", encoding="utf-8")
    (docs / "about" / "index.md").write_text("# About\n", encoding="utf-8")
    (docs / "about" / "a-b.md").write_text("# A-b\n", encoding="utf-8")
    (docs / "about" / "a").mkdir()
    (docs / "about" / "a" / "z.md").write_text("# Z\n", encoding="utf-8")
    (docs / "about" / "Zeta.md").write_text("# Zeta\n", encoding="utf-8")
    (docs / ".notes.md").write_text("# Hidden\n", encoding="utf-8")
    (docs / "about" / "draft.md").write_text("# Draft\n", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config + "\nexclude_docs: |\n  about/draft.md\n", encoding="utf-8")

    theirs, ours = _walks(root)
    assert [f.src_uri for f in ours] == [f.src_uri for f in theirs]
    assert [(f.dest_uri, f.url, f.abs_src_path, f.inclusion) for f in ours] == [
        (f.dest_uri, f.url, f.abs_src_path, f.inclusion) for f in theirs]
    uris = [f.src_uri for f in ours]
    assert "about/README.md" not in uris and "about/index.md" in uris
    assert not any(uri.startswith("events/") and uri.endswith(".yml") for uri in uris)


def test_the_theme_s_static_files_are_those_mkdocs_finds(tmp_path):
    """files._theme_listed: the installed themes' folders listed once per process, without their root's dot
    folders (Material's 14,348 icons, which MkDocs' filter drops): the same static files, in the same order."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from generator.engines.mkdocs.files import _theme_listed

    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    found = []
    for kind in (Files, _theme_listed(Files), _theme_listed(Files)):  # the second listing from the first's
        files = kind([])
        files.add_files_from_theme(config.theme.get_env(), config)
        found.append([(f.src_uri, f.abs_src_path) for f in files])
    assert found[0] and found[1] == found[0] and found[2] == found[0]
    assert any(uri.startswith("assets/") for uri, _ in found[0])
