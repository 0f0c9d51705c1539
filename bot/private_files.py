"""Files that hold customers' data are the service user's alone, whatever the umask.

The SQLite database (with its -journal/-wal/-shm companions, which SQLite creates
with the database file's permissions) and the attachments tree: directories the app
creates are 0700, files 0600. Existing ones with group or other permissions are
tightened when the app opens them (the owner's own bits are kept); directories that
were there before the app (the working directory, /srv, ...) are not the app's to
change, except the attachments root itself.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_OTHERS = 0o077  # group and other permission bits
SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")


def make_private_dirs(path: Path) -> None:
    """Creates `path` and its missing parents, each 0700; existing ones stay as they are."""
    missing: list[Path] = []
    current = path
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # made meanwhile (another worker of ours)
        os.chmod(directory, PRIVATE_DIR)  # exactly, whatever the umask took away


def tighten(path: Path) -> bool:
    """Removes the group and other bits of an existing file or directory (not following
    symlinks); True when it changed something."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    current = stat.S_IMODE(info.st_mode)
    if stat.S_ISLNK(info.st_mode) or not current & _OTHERS:
        return False
    try:
        os.chmod(path, current & ~_OTHERS)
    except PermissionError as exc:
        log.warning("cannot make %s private: %s", path, exc)
        return False
    return True


def write_private(path: Path, content: bytes) -> None:
    """Writes a new file readable by the owner only (created 0600, never wider)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb", closefd=False) as out:
            out.write(content)
    finally:
        os.close(fd)


def private_sqlite_file(path: Path) -> None:
    """Before SQLite opens the database: its directory (when the app makes it) 0700, the
    file created 0600 if missing (SQLite gives its journals the same mode), a looser file
    or journal left from before tightened."""
    make_private_dirs(path.parent)
    if not path.exists():
        # An empty file is an empty database to SQLite.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        if tighten(candidate):
            log.info("made %s private (0600)", candidate)


def make_tree_private(root: Path) -> int:
    """The attachments tree: the root created 0700 if missing; in an existing one every
    directory and file loses its group and other bits. Returns how many changed."""
    if not root.exists():
        make_private_dirs(root)
        return 0
    changed = int(tighten(root))
    for directory, subdirectories, files in os.walk(root):
        base = Path(directory)
        changed += sum(tighten(base / name) for name in subdirectories)
        changed += sum(tighten(base / name) for name in files)
    if changed:
        log.info("made %d files and directories under %s private", changed, root)
    return changed
