"""The build cache: what one `mkdocs build` leaves for the next (on an editor's machine, or in CI through
actions/cache), so that a build after a small change writes only the pages whose inputs changed.

It holds serve's state between builds (`incremental.Rebuilds`: the parsed records, each page's inputs, the world,
the outputs, the basemap sheets, the navigation, Jinja's compiled templates) and a copy of the files the build
wrote. A build that finds a cache made under the same key (this package's version and source, Python, MkDocs or
ProperDocs, Material, Jinja, mkdocs.yml and its INHERIT parents, the loaded configuration, the templates) copies
those files into its staging folder and builds dirty, as serve's rebuilds do: `incremental.plan` decides which
pages are written. Anything else (no cache, another key, a file missing or of another size, an unreadable or
truncated pickle) is a full build and one line of the log, never a wrong site.

Layout under the option `cache_dir` (its `cards/` belongs to the share cards):

    build/state.pickle   the key and the state, replaced whole (temp file + os.replace)
    build/site/          the last build's outputs (copies: a later build writes its files in place)

The state is removed before `site/` is brought up to date and written again after, so a build killed in between
leaves no state, and the next build is a full one.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.metadata
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import types
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jinja2
import material
from mkdocs.plugins import get_plugin_logger

from . import incremental
from .config import cache_dir

log = get_plugin_logger("explainers")

FOLDER = "build"
STATE = "state.pickle"
SITE = "site"
FORMAT = 1  # the layout of the pickled state; a change makes every older cache stale
_PACKAGE = Path(__file__).resolve().parents[2]  # generator/
_HELD = ("records", "templates", "world", "seen", "outputs", "sheets", "navigation")  # Rebuilds' fields kept
_RECORDS_ONLY = ("records", "templates")  # what a strict build takes: parsed records and compiled templates
_INHERIT = re.compile(rb"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)
# In the key otherwise, or not at all: site_dir is the staging folder now, config_file_path as typed (-f).
_LEFT_OUT = frozenset({"site_dir", "config_file_path", "plugins", "theme"})


@dataclass
class BuildCache:
    """One `mkdocs build`'s use of the cache: restored in on_pre_build, staged in on_files, saved after the swap."""
    folder: Path
    key: dict
    restored: bool = False
    sizes: dict[str, int] = field(default_factory=dict)  # the cached files, relative to site/, by size
    module: object = None  # MkDocs' (or ProperDocs') build module while its page functions are made dirty
    originals: tuple = ()

    @property
    def site(self) -> Path:
        return self.folder / SITE

    @property
    def state(self) -> Path:
        return self.folder / STATE

    def stage(self, rebuilds: incremental.Rebuilds, files, site_dir: str) -> None:
        """Copy the previous build's outputs into the (just emptied) staging folder, but for the pages this
        build writes again. Run after `incremental.plan`, before any page is written."""
        if not self.restored or rebuilds.everything:
            return
        written = {file.dest_uri for file in files if file.is_documentation_page()
                   and incremental.rebuilt(rebuilds, file.src_uri)}
        for relative in sorted(rebuilds.outputs - written):
            source = self.site / relative
            if source.is_file():  # checked in restore; a file gone since is written by this build or absent
                target = Path(site_dir, relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)  # its mtime too: save() sees it unchanged

    def save(self, rebuilds: incremental.Rebuilds, site_dir: str) -> None:
        """After a build that succeeded: the cache's site brought up to date with site_dir's outputs (only the files
        whose size or mtime differ), then the state, each file written whole."""
        self.close()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.state.unlink(missing_ok=True)  # from here until the state is written again, no cache
            sizes = _sync(Path(site_dir), self.site, rebuilds.outputs)
            state = {"format": FORMAT, "key": self.key, "sizes": sizes,
                     "rebuilds": {name: getattr(rebuilds, name) for name in _HELD}}
            # Pickled into the file as it goes: a copy of it in memory first was 63 MB at 20,000 events, at the
            # build's peak (the state and the pickler's memo of it are alive then, and every page's reads).
            _write_whole(self.state, partial(pickle.dump, state, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError) as error:
            with contextlib.suppress(OSError):
                self.state.unlink(missing_ok=True)
            log.info(f"The build cache could not be saved ({_said(error)}); the next build is a full one")

    def close(self) -> None:
        """MkDocs' page functions as they were."""
        if self.module is not None:
            self.module._populate_page, self.module._build_page = self.originals
            self.module = None


def restore(rebuilds: incremental.Rebuilds, config, options) -> BuildCache | None:
    """The cache for this build (None when the option `cache_dir` is empty). When it holds a build made under the
    same key, its state goes into `rebuilds`, which then plans a dirty build; else the build is a full one."""
    folder = cache_dir(config.config_file_path, options.cache_dir)
    if folder is None:
        return None
    cache = BuildCache(folder / FOLDER, key(config, options))
    state = _load(cache)
    if state is None:
        return cache
    if config.strict:
        # A page the cache would copy is not converted, so MkDocs would not check its links again, and a change
        # elsewhere (an anchor gone) must still fail a strict build: every page is built; records are reused.
        log.info("A strict build: every page is built again, so every link is checked (records from the cache)")
        for name in _RECORDS_ONLY:
            setattr(rebuilds, name, state["rebuilds"][name])
        return cache
    for name in _HELD:
        setattr(rebuilds, name, state["rebuilds"][name])
    cache.sizes = state["sizes"]
    cache.restored = rebuilds.active = True
    _build_dirty(cache, config)
    return cache


def _committed(path: Path) -> bool:
    """Whether git tracks the file: a commit (a pull request) must not bring the pickle a build unpickles."""
    try:
        found = subprocess.run(["git", "ls-files", "--", path.name], cwd=path.parent, capture_output=True,
                               text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False  # no git: no repository to bring it
    return found.returncode == 0 and bool(found.stdout.strip())


def _load(cache: BuildCache) -> dict | None:
    try:
        data = cache.state.read_bytes()
    except FileNotFoundError:
        log.info("No build cache yet: a full build")
        return None
    except OSError as error:
        log.info(f"The build cache is unreadable ({_said(error)}): a full build")
        return None
    if _committed(cache.state):
        log.warning(f"{cache.state} is in the repository: the build cache is read only when a build wrote it "
                    "(unpickling runs code), so this build is a full one; remove it with `git rm -r --cached` "
                    "and keep the folder in .gitignore")
        return None
    try:
        state = pickle.loads(data)
        if not isinstance(state, dict) or state.get("format") != FORMAT:
            raise ValueError("another format")
        held, sizes, saved = state["rebuilds"], state["sizes"], state["key"]
        if not isinstance(held, dict) or set(held) != set(_HELD) or not isinstance(sizes, dict):
            raise ValueError("incomplete")
    except Exception as error:  # a truncated or foreign pickle can raise nearly anything: it is only a cache
        log.info(f"The build cache is unreadable ({_said(error)}): a full build")
        return None
    if saved != cache.key:
        changed = sorted(part for part in set(saved) | set(cache.key) if saved.get(part) != cache.key.get(part))
        log.info(f"The build cache is stale ({', '.join(changed)} changed): a full build")
        return None
    for relative, size in sizes.items():
        try:
            if (cache.site / relative).stat().st_size != size:
                raise OSError(f"{relative} changed")
        except OSError:
            log.info(f"The build cache's copy of the site is incomplete ({relative}): a full build")
            return None
    return state


def key(config, options) -> dict:
    """What the cache is only good for: each part named, so that the log can say which one changed."""
    engine = type(config).__module__.split(".")[0]  # mkdocs, or properdocs
    return {
        "package": f"{_version('conflict-explainers')} {_digest_tree(_PACKAGE)}",  # an editable checkout changes
        "python": sys.version,
        "engine": f"{engine} {_version(engine)}",
        "material": _version("mkdocs-material") or getattr(material, "__version__", ""),
        "jinja": jinja2.__version__,
        "packages": _installed(),  # Markdown's extensions, Pygments, other plugins: any of them may change a page
        "mkdocs.yml": _config_files_digest(config.config_file_path),
        "configuration": _configuration_digest(config, options),
        "templates": _templates_digest(config),
    }


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _installed() -> str:
    """Every distribution installed where Python imports from, by its metadata folder's name (name-version): a
    listing of each site-packages folder (not the current one, which moves), not a read of each one's metadata."""
    names = []
    for folder in sys.path:
        if os.path.basename(folder) not in ("site-packages", "dist-packages"):
            continue
        try:
            names += [f"{folder}/{name}" for name in os.listdir(folder) if name.endswith((".dist-info", ".egg-info"))]
        except OSError:  # a zip, or a folder that is not there
            continue
    return hashlib.sha256("\n".join(sorted(names)).encode()).hexdigest()


def _digest_tree(folder: Path, digest=None) -> str:
    digest = digest or hashlib.sha256()
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(base, name)
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            try:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                digest.update(b"unreadable")
    return digest.hexdigest()


def _config_files_digest(config_file: str | None) -> str:
    """mkdocs.yml's bytes and its INHERIT parents'."""
    digest = hashlib.sha256()
    seen = set()
    path = Path(config_file).resolve() if config_file else None
    while path is not None and path not in seen:
        seen.add(path)
        try:
            data = path.read_bytes()
        except OSError:
            digest.update(b"missing")
            break
        digest.update(hashlib.sha256(data).digest())
        parent = _INHERIT.search(data)
        path = (path.parent / parent.group(1).decode(errors="replace")).resolve() if parent else None
    return digest.hexdigest()


def _configuration_digest(config, options) -> str:
    """The configuration as loaded (!ENV values included): every plain value, objects by their type's name."""
    values = {name: value for name, value in config.items() if name not in _LEFT_OUT}
    values["theme"] = {name: value for name, value in config.theme.items() if name != "dirs"} \
        if hasattr(config.theme, "items") else str(config.theme.name)
    values["plugins"] = {name: _hook_digest(plugin) if isinstance(plugin, types.ModuleType) else dict(plugin.config)
                         for name, plugin in config.plugins.items()}
    values["explainers"] = dict(options)
    text = json.dumps(values, sort_keys=True, default=_plain)
    return hashlib.sha256(text.encode()).hexdigest()


def _hook_digest(module) -> str:
    """A site's hook (mkdocs.yml `hooks:`, a module among the plugins, with no options): its file's code, which
    may change any page. (What it imports or reads is not in it: edit the hook, or delete the cache.)"""
    try:
        return hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest()
    except (AttributeError, TypeError, OSError):
        return type(module).__qualname__


def _plain(value):
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if hasattr(value, "items"):  # MkDocs' sub-configs (extra, validation, a script's options)
        return dict(value.items())
    if isinstance(value, Path) or type(value).__str__ is not object.__str__:  # a path, a Locale
        return str(value)
    return type(value).__qualname__  # never the default repr, which holds an address


def _templates_digest(config) -> str:
    """Every file of every theme folder but Material's and MkDocs' own (their versions are in the key)."""
    digest = hashlib.sha256()
    packages = tuple(os.path.dirname(importlib.import_module(name).__file__) for name in ("material", "mkdocs"))
    for folder in config.theme.dirs:
        digest.update(folder.encode() + b"\0")
        if not os.path.abspath(folder).startswith(packages):
            _digest_tree(Path(folder), digest)
    return digest.hexdigest()


def _build_dirty(cache: BuildCache, config) -> None:
    """`mkdocs build` cleans site_dir and reads and writes every page; given the previous site, it should skip
    those `incremental.plan` found unchanged, as serve's dirty rebuilds do. MkDocs offers no option for that
    (`--dirty` keeps stale files and warns), so its two page functions are given dirty=True for this build."""
    module = importlib.import_module(f"{type(config).__module__.split('.')[0]}.commands.build")
    populate, build_page = module._populate_page, module._build_page

    def _populate_page(page, config, files, dirty=False):
        return populate(page, config, files, True)

    def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        return build_page(page, config, doc_files, nav, env, True, excluded=excluded)

    cache.module, cache.originals = module, (populate, build_page)
    module._populate_page, module._build_page = _populate_page, _build_page


def _sync(source: Path, target: Path, outputs: set[str]) -> dict[str, int]:
    """target holds exactly `outputs`, as in source: a file copied only when its size or mtime differ."""
    sizes = {}
    for relative in sorted(outputs):
        path = source / relative
        try:
            info = path.stat()
        except OSError:
            continue  # e.g. a file another plugin removed after us
        copy = target / relative
        try:
            kept = copy.stat()
            same = (kept.st_size, kept.st_mtime_ns) == (info.st_size, info.st_mtime_ns)
        except OSError:
            same = False
        if not same:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
        sizes[relative] = info.st_size
    if target.is_dir():
        for base, dirs, names in os.walk(target, topdown=False):
            for name in names:
                relative = Path(base, name).relative_to(target).as_posix()
                if relative not in sizes:
                    os.remove(os.path.join(base, name))
            if base != str(target) and not os.listdir(base):
                os.rmdir(base)
    return sizes


def _write_whole(path: Path, write) -> None:
    """`write(file)` into a temporary file beside `path`, which then replaces it: a reader finds the old file
    or the new one, whole."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb", buffering=1 << 20) as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _said(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
