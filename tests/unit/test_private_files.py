"""Files holding customers' data are private to the service user (issue 12, point 20):
the SQLite database (and its journals) 0600 in a 0700 directory it creates, the
attachments tree 0700 with files 0600, whatever the umask; looser ones are tightened."""

from __future__ import annotations

from tortoise import Tortoise, connections

from bot import private_files
from bot.db import migrate, tortoise_config
from bot.services import attachments
from models import Department
from tests.support import file_mode


async def test_the_sqlite_file_and_the_directories_made_for_it_are_private(tmp_path, umask_022):
    tmp_path.chmod(0o755)
    path = tmp_path / "data" / "db" / "helpdesk.sqlite3"
    url = f"sqlite://{path}"
    await migrate(url)
    assert file_mode(path) == 0o600
    assert file_mode(path.parent) == 0o700 and file_mode(path.parent.parent) == 0o700
    assert file_mode(tmp_path) == 0o755  # a directory that was there is not the app's to change

    await Tortoise.init(config=tortoise_config(url))
    try:
        # Tortoise runs SQLite in WAL mode: -wal and -shm exist while it is connected.
        await Department.create(name="Billing")
        companions = {p.name: file_mode(p) for p in path.parent.iterdir() if p != path}
        assert companions == {"helpdesk.sqlite3-wal": 0o600, "helpdesk.sqlite3-shm": 0o600}
    finally:
        await connections.close_all()


async def test_a_loose_database_file_is_tightened_when_the_app_opens_it(tmp_path, umask_022):
    path = tmp_path / "helpdesk.sqlite3"
    url = f"sqlite://{path}"
    await migrate(url)
    path.chmod(0o644)
    leftover = path.with_name(path.name + "-wal")
    leftover.write_bytes(b"")
    leftover.chmod(0o666)
    await Tortoise.init(config=tortoise_config(url))
    try:
        assert file_mode(path) == 0o600
        assert not leftover.exists() or file_mode(leftover) == 0o600
        assert await Department.all().count() == 0  # still a working database
    finally:
        await connections.close_all()


async def test_stored_files_and_their_directories_are_private(tmp_path, umask_022):
    root = tmp_path / "files"
    stored = await attachments.store(root, "invoice.pdf", "application/pdf", b"%PDF secret")
    target = root / stored.path
    assert target.read_bytes() == b"%PDF secret"
    assert file_mode(target) == 0o600
    for directory in (target.parent, target.parent.parent, root):
        assert file_mode(directory) == 0o700, directory
    # Nothing half-written is left behind.
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_an_existing_attachments_tree_is_tightened(tmp_path, umask_022):
    root = tmp_path / "files"
    month = root / "2025" / "01"
    month.mkdir(parents=True)
    old = month / "old.pdf"
    old.write_bytes(b"old")
    old.chmod(0o644)
    script = month / "tool.sh"
    script.write_bytes(b"#!/bin/sh")
    script.chmod(0o755)
    assert file_mode(root) == 0o755

    changed = private_files.make_tree_private(root)
    assert changed == 5
    assert file_mode(root) == file_mode(root / "2025") == file_mode(month) == 0o700
    assert file_mode(old) == 0o600 and file_mode(script) == 0o700  # the owner's own bits are kept
    assert private_files.make_tree_private(root) == 0
    # A directory that does not exist yet is created private.
    fresh = tmp_path / "new" / "files"
    assert private_files.make_tree_private(fresh) == 0
    assert file_mode(fresh) == file_mode(fresh.parent) == 0o700
