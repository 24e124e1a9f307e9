"""A build into a folder beside site_dir, swapped in whole when it succeeded: a build that fails, is killed at any
moment or runs out of disk leaves the previous site as it was, never half written or emptied.

The swap is one rename (Linux's renameat2 RENAME_EXCHANGE exchanges the two folders atomically); where that
call is missing, two renames, with the old site gone only for the moment between them.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging_dir(site_dir: str | os.PathLike) -> Path:
    """Beside site_dir (same file system, so the swap is a rename), hidden, one per site_dir."""
    site = Path(site_dir).absolute()
    return site.parent / f".{site.name}.building"


def begin(site_dir) -> Path:
    """An empty staging folder; whatever an interrupted build left there is removed first."""
    staging = staging_dir(site_dir)
    discard(staging)
    staging.mkdir(parents=True)
    return staging


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, site_dir) -> None:
    """The staged site becomes site_dir; the previous one is removed after."""
    site = Path(site_dir).absolute()
    if not site.exists():
        os.rename(staging, site)
        return
    if not _exchange(staging, site):
        old = site.parent / f".{site.name}.previous"
        shutil.rmtree(old, ignore_errors=True)
        os.rename(site, old)
        os.rename(staging, site)
        staging = old
    discard(staging)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # not glibc 2.28+, or not Linux
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EXDEV):  # a file system or kernel without it
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def out_of_space(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs' strict mode will abort on, after post_build, once the site would be in."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record) -> None:
        self.count += 1


class Staged:
    """One build's staging: `config.site_dir` (MkDocs' config) points at the staging folder until `finish`."""

    def __init__(self, config):
        self.config = config
        self.site_dir = config.site_dir
        self.folder = begin(self.site_dir)
        config.site_dir = str(self.folder)
        self.warnings = _Warnings()
        if config.strict:
            logging.getLogger("mkdocs").addHandler(self.warnings)

    def finish(self) -> bool:
        """Swap the staged site in, unless strict mode is about to abort the build (then False)."""
        if self.warnings.count:
            return False
        self._restore()
        swap_in(self.folder, self.site_dir)
        return True

    def discard(self) -> None:
        self._restore()
        discard(self.folder)

    def _restore(self) -> None:
        self.config.site_dir = self.site_dir
        logging.getLogger("mkdocs").removeHandler(self.warnings)
