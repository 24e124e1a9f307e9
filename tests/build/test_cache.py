"""The build cache (option `cache_dir`): `mkdocs build` with the previous build's cache writes only what changed,
and its site/ is byte for byte a clean build's; a corrupt or stale cache means a full build, never a wrong one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import copy_project

EVENT = "events/2024/2024-12-08-assad-flies-out-of-damascus.yml"
STATE = Path(".cache/explainers/build/state.pickle")
FOOTER = "{#- every page's footer -#}\n<div class=\"md-copyright\">{{ config.copyright }} {note}</div>\n"


def build(folder: Path, engine: str = "mkdocs", *, strict: bool = False) -> str:
    """A build as an editor's machine runs it (a strict build takes only the records from the cache: its pages
    are all converted, so that every link is checked again)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", engine, "build", *(["--strict"] if strict else [])], cwd=folder,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stderr


def site_files(folder: Path) -> dict[str, bytes]:
    site = folder / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def page_times(folder: Path) -> dict[str, int]:
    """When each page MkDocs writes (an index.html; lite/index.html is the lite editions' list, written after)
    was last written."""
    site = folder / "site"
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("index.html")
            if not p.relative_to(site).as_posix().startswith("lite/")}


def clean_build(project: Path, into: Path, engine: str = "mkdocs") -> dict[str, bytes]:
    """The same content built in another folder with no cache."""
    shutil.copytree(project, into, ignore=shutil.ignore_patterns(".cache", "site", ".site*"))
    build(into, engine)
    return site_files(into)


def assert_same_site(built: dict[str, bytes], clean: dict[str, bytes]) -> None:
    assert sorted(built) == sorted(clean)
    assert [name for name in built if built[name] != clean[name]] == []


def edit(project: Path, old: str, new: str, relative: str = EVENT) -> None:
    path = project / "content" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def checkout(root: Path) -> None:
    """The sample, with a custom_dir of its own whose footer every page prints."""
    copy_project(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1))
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "partials" / "copyright.html").write_text(FOOTER.replace("{note}", "first"))


@pytest.fixture
def project(tmp_path) -> Path:
    """The checkout, built once (cache written)."""
    root = tmp_path / "project"
    checkout(root)
    log = build(root)
    assert "No build cache yet: a full build" in log
    assert (root / STATE).is_file()
    return root


def test_a_cached_build_after_one_edit_equals_a_clean_build_and_writes_only_what_changed(project, tmp_path):
    before = page_times(project)
    edit(project, "Assad", "President Assad")
    log = build(project)
    assert "build cache" not in log  # restored, nothing to say
    built = site_files(project)
    assert_same_site(built, clean_build(project, tmp_path / "clean"))
    assert "President Assad" in built["explainers/fall-of-damascus/index.html"].decode()

    after = page_times(project)
    kept = sorted(name for name in before if after.get(name) == before[name])
    assert "explainers/fall-of-damascus/index.html" not in kept
    assert "guide/index.html" in kept  # a page the event is not on was copied from the cache, not written


def test_the_search_index_after_cached_builds_is_a_clean_builds_after_each_kind_of_edit(project, tmp_path):
    # The search index is made again whole in a cached build, from records of the records the cache kept: after
    # an event's translation, its title, a registry's entry, each cached build's index is a clean build's
    tv = "events/2024/2024-12-08-rebels-declare-end-of-assad-rule-on-state-tv.yml"
    edits = [("الفصائل تعلن", "الفصائل المسلحة تعلن", tv),
             ("Rebels declare on state television", "Fighters declare on state television", tv),
             ("native_name: هيئة تحرير الشام", "native_name: هيئة تحرير الشام (هتش)", "actors.yml")]
    for n, (old, new, relative) in enumerate(edits):
        edit(project, old, new, relative)
        build(project)
        built = site_files(project)
        clean = clean_build(project, tmp_path / f"clean-{n}")
        index = sorted(name for name in clean if name.startswith("pagefind/"))
        assert index and [name for name in built if name.startswith("pagefind/")] == index
        assert [name for name in index if built[name] != clean[name]] == []
    assert_same_site(built, clean)


def test_properdocs_builds_with_the_cache_too(project, tmp_path):
    """ProperDocs (the MkDocs 1.6 fork) has its own build module: its page functions are the ones made dirty."""
    pytest.importorskip("properdocs")
    assert "The build cache is stale (engine" in build(project, "properdocs")  # its templates too
    before = page_times(project)
    edit(project, "Assad", "President Assad")
    assert "build cache" not in build(project, "properdocs")
    assert_same_site(site_files(project), clean_build(project, tmp_path / "clean", "properdocs"))
    after = page_times(project)
    assert "guide/index.html" in [name for name in before if after.get(name) == before[name]]


def test_a_fresh_checkout_with_the_cache_restored_builds_only_what_changed(project, tmp_path):
    """As in CI: the same place, every file new (other times, other inodes), no site/, the cache put back
    (actions/cache)."""
    before = page_times(project)
    shutil.move(project / ".cache", tmp_path / "kept")
    shutil.rmtree(project)
    checkout(project)
    shutil.move(tmp_path / "kept", project / ".cache")
    edit(project, "Assad", "President Assad")
    log = build(project)
    assert "build cache" not in log
    assert_same_site(site_files(project), clean_build(project, tmp_path / "clean"))
    after = page_times(project)
    assert "guide/index.html" in [name for name in before if after.get(name) == before[name]]  # from the cache


def test_a_second_build_with_nothing_changed_writes_no_page(project):
    before, site = page_times(project), site_files(project)
    build(project)
    assert page_times(project) == before
    assert site_files(project) == site


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_corrupt_cache_gives_a_full_correct_build(project, tmp_path, damage):
    state = project / STATE
    data = state.read_bytes()
    state.write_bytes({"truncated": data[: len(data) // 2], "garbage": b"not a pickle\n", "empty": b""}[damage])
    edit(project, "Assad", "President Assad")
    log = build(project)
    assert "The build cache is unreadable" in log
    assert_same_site(site_files(project), clean_build(project, tmp_path / "clean"))
    assert (project / STATE).is_file()  # written again, whole


def test_a_file_missing_from_the_cached_site_gives_a_full_correct_build(project, tmp_path):
    os.remove(project / ".cache/explainers/build/site/guide/index.html")
    log = build(project)
    assert "copy of the site is incomplete (guide/index.html)" in log
    assert_same_site(site_files(project), clean_build(project, tmp_path / "clean"))


def test_a_changed_template_gives_a_full_correct_build(project, tmp_path):
    before = page_times(project)
    (project / "overrides" / "partials" / "copyright.html").write_text(FOOTER.replace("{note}", "second"))
    log = build(project)
    assert "The build cache is stale (templates changed): a full build" in log
    built = site_files(project)
    assert_same_site(built, clean_build(project, tmp_path / "clean"))
    after = page_times(project)
    assert [name for name in before if after[name] == before[name]] == []
    assert all(b"second" in built[name] for name in after if not name.startswith("embed/"))  # embeds: no footer


def test_a_changed_mkdocs_yml_gives_a_full_correct_build(project, tmp_path):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: What We Know So Far", "site_name: What We Know"))
    log = build(project)
    assert "The build cache is stale (configuration, mkdocs.yml changed): a full build" in log
    assert_same_site(site_files(project), clean_build(project, tmp_path / "clean"))


def test_a_site_with_hooks_builds_with_the_cache_and_a_changed_hook_gives_a_full_correct_build(project, tmp_path):
    # A hook (mkdocs.yml `hooks:`) sits among the plugins without options: its code is in the cache's key
    hook = project / "hooks.py"
    hook.write_text("config = None\n\ndef on_config(settings):\n    global config\n    config = settings\n\n"  # kept, as some do
                    "def on_post_page(output, page, config):\n    return output.replace('</body>', '<!-- a -->\\n</body>')\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - hooks.py\n")
    build(project)
    hook.write_text(hook.read_text().replace("<!-- a -->", "<!-- b -->"))
    log = build(project)
    assert "The build cache is stale (configuration changed): a full build" in log
    built = site_files(project)
    assert_same_site(built, clean_build(project, tmp_path / "clean"))
    assert b"<!-- b -->" in built["index.html"] and not any(b"<!-- a -->" in data for data in built.values())


def test_an_empty_cache_dir_option_keeps_no_cache(tmp_path):
    root = tmp_path / "project"
    copy_project(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - explainers:\n", "  - explainers:\n      cache_dir: ''\n", 1))
    log = build(root)
    assert "build cache" not in log and not (root / ".cache").exists()


def test_records_are_read_again_only_when_their_text_or_a_future_date_asks(tmp_path, monkeypatch):
    """In CI the build cache lands in a fresh checkout, a day later: every file is new to the file system. An
    event file whose text is the same is not read again, unless a date of it was in the future then."""
    from datetime import date

    from generator.records import content as records

    parsed, compose = [], records.compose  # the pages' front matter is read every time: only events count
    monkeypatch.setattr(records, "compose", lambda text, where, problems, **more: parsed.append(where) or compose(
        text, where, problems, **more))
    one, two, three = tmp_path / "one", tmp_path / "two", tmp_path / "three"
    for folder in (one, two, three):
        copy_project(folder)
    cache: dict = {}
    first = records.load_content(one / "content", one, cache=cache, today=date(2024, 12, 5))
    assert len([where for where in parsed if "/events/" in where]) == len(first.events) > 10
    assert first.warnings  # some dates were after 5 December 2024

    parsed.clear()
    edit(two, "Assad", "President Assad")
    second = records.load_content(two / "content", two, cache=cache, today=date(2024, 12, 5))
    assert [where for where in parsed if "/events/" in where] == ["content/" + EVENT]  # one text changed
    assert "President Assad" in str(second.events["2024-12-08-assad-flies-out-of-damascus"].title)

    parsed.clear()
    third = records.load_content(three / "content", three, cache=cache, today=date(2025, 1, 1))
    warned = {warning.path for warning in first.warnings if "/events/" in warning.path}
    again = {where for where in parsed if "/events/" in where}
    assert warned and again == warned | {"content/" + EVENT}  # the future dates judged again; the edit undone
    assert not third.warnings and third.events.keys() == first.events.keys()


def test_a_strict_build_converts_every_page_and_still_equals_a_clean_build(project, tmp_path):
    """A strict build with a cache: MkDocs checks the links of the pages it converts, so every page is
    converted (a change elsewhere may have broken an anchor an unchanged page links to); records are reused."""
    build(project, strict=True)  # strict is in the key: the cache of a strict build
    edit(project, "Assad", "President Assad")
    before = page_times(project)
    log = build(project, strict=True)
    assert "A strict build: every page is built again" in log
    after = page_times(project)
    assert [page for page in before if after.get(page) == before[page]] == []  # each page written again
    assert_same_site(site_files(project), clean_build(project, tmp_path / "clean"))


def test_a_committed_cache_is_never_unpickled(project, tmp_path):
    """The state is a pickle, which runs code when read: one a commit brought (a pull request adding
    .cache/explainers/...) is refused, and the build is a full one."""
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-f", str(STATE)], cwd=project, check=True)
    (project / STATE).write_bytes(b"cos\nsystem\n(S'touch pwned'\ntR.")  # what a forged state would hold
    log = build(project)
    assert "is in the repository" in log and not (project / "pwned").exists()
    assert_same_site(site_files(project), clean_build(project, tmp_path / "clean"))
