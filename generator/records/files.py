"""The content tree as the build may read it: the plain files inside docs_dir, and a problem for anything else.

It runs before anything is read, and before MkDocs walks docs_dir (on_pre_build comes first). MkDocs follows
links: a link out of content/ would publish (or, through an error message, quote) what it points at, a link to
/ would never finish walking, a device such as /dev/zero would never finish reading. Each such entry is a
problem that names only its own path, never what it points at.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..format.characters import INVISIBLE, quote
from ..format.problems import Problem

# Names end up in URLs, navigation labels and the copy-ready embed snippet; quotes and angle brackets there are
# markup, and invisible characters hide what a name says.
UNSAFE_NAME = re.compile(f"[<>&\"'`\\\\\t\n\r{INVISIBLE}]")
READ_SUFFIXES = (".yml", ".yaml", ".md")  # the files the build reads; their size is capped
# MkDocs publishes every other file as it is, on the site's own origin: an .html, .js, .css or .svg file there
# runs in readers' browsers (and content/assets/explainers.js would replace the site's own script). Editors get
# pages, records and media; code and styles belong to the theme (custom_dir), which the site's owners keep.
# JSON is left out: Material's script fetches JSON from the site's own origin (versions.json, whose titles it
# inserts as HTML) and trusts it; a site that publishes data files of its own names the suffix in the plugin's
# `published_suffixes`.
PUBLISHED_SUFFIXES = READ_SUFFIXES + (
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".pdf", ".txt", ".csv",
    ".mp3", ".mp4", ".m4a", ".webm", ".ogg", ".vtt", ".zip")


@dataclass
class Tree:
    files: list[tuple[str, str]] = field(default_factory=list)  # (path below docs_dir, full path), sorted
    problems: list[Problem] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)  # paths below docs_dir that must not be read or published
    # path below docs_dir -> (size, mtime in ns, inode): what tells a rebuild that a file changed, from the
    # stat this scan makes anyway
    stamps: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def scan(docs_dir: Path, shown, max_bytes: int, published: tuple[str, ...] = ()) -> Tree:
    """Every entry under docs_dir, without following a link anywhere; `shown(path)` names a path in messages;
    `published`: suffixes the site publishes besides PUBLISHED_SUFFIXES (the plugin's `published_suffixes`)."""
    docs_dir = Path(docs_dir).resolve()
    suffixes = PUBLISHED_SUFFIXES + tuple(s.lower() for s in published)
    tree = Tree()
    base = str(docs_dir)
    pending = [("", base)]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            tree.problems.append(Problem(shown(Path(folder)), 0, f"cannot be read: {error.strerror}",
                                         "check the folder's permissions"))
            continue
        for entry in entries:
            below = prefix + entry.name

            def refuse(message: str, hint: str) -> None:
                tree.problems.append(Problem(shown(Path(entry.path)), 0, message, hint))
                tree.refused.add(below)

            if UNSAFE_NAME.search(entry.name):
                refuse(f"the name '{quote(entry.name)}' holds characters that file and folder names may not "
                       "have (< > & \" ' ` \\ or invisible characters)", "rename it with letters, digits, hyphens and dots")
                continue
            try:
                if entry.is_symlink():
                    target = os.path.realpath(entry.path, strict=True)
                    if not (target + os.sep).startswith(base + os.sep):
                        refuse("is a link to something outside the content folder, which the build does not follow",
                               "put the file itself in content/ instead of a link")
                        continue
                    info = os.stat(target)
                    if stat.S_ISDIR(info.st_mode):
                        refuse("is a link to a folder, which the build does not follow (MkDocs would read it twice "
                               "or forever)", "move the folder here instead of linking to it")
                        continue
                else:
                    info = entry.stat(follow_symlinks=False)
            except OSError:  # a loop, a dangling link, or no permission
                refuse("is a link that leads nowhere (it is broken or loops)", "remove the link")
                continue
            if stat.S_ISDIR(info.st_mode):
                pending.append((below + "/", entry.path))
            elif not stat.S_ISREG(info.st_mode):
                refuse("is not a regular file (a device, pipe or socket)", "remove it from the content folder")
            elif not entry.name.lower().endswith(suffixes) and not hidden(below):
                suffix = Path(entry.name).suffix or "without an extension"
                refuse(f"is a file of a kind the site does not publish from content/ ({suffix}): it could run "
                       "script in readers' browsers, or feed Material's script data it trusts",
                       "put pages (.md), records (.yml) and media (images, PDF, audio, video, CSV) here; scripts "
                       "and styles belong in the theme folder; for data files, name the suffix in the plugin's "
                       "published_suffixes in mkdocs.yml")
            elif info.st_nlink > 1:
                # A hard link looks like a plain file but is also a file elsewhere, outside content/ perhaps.
                refuse("is a hard link to a file that is also somewhere else, which the build does not publish",
                       "copy the file into content/ instead of linking it")
            elif entry.name.endswith(READ_SUFFIXES) and info.st_size > max_bytes:
                refuse(f"is {info.st_size // 1024:,} KB; content files may be at most {max_bytes // 1024:,} KB",
                       "split it up, or raise the plugin's max_file_kb in mkdocs.yml if it really is one record")
            else:
                tree.files.append((below, entry.path))  # a string: a Path per file is most of a scan's time
                tree.stamps[below] = (info.st_size, info.st_mtime_ns, info.st_ino)
    tree.files.sort()
    return tree


def hidden(below: str) -> bool:
    """Whether a part of the path starts with a dot (a string search: it is asked of every file)."""
    return below.startswith(".") or "/." in below
