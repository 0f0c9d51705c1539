"""The real process creates the database and the attachments private to the service user
(issue 12, point 20) and tightens what an older version left readable to others."""

from __future__ import annotations

import os
from pathlib import Path

from bot.db import migrate
from tests.e2e.conftest import run_cli
from tests.support import file_mode, wait_until


async def test_migrate_with_the_defaults_makes_a_private_data_directory(tmp_path, umask_022):
    tmp_path.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ATTACHMENTS_DIR")}
    code, _, err = await run_cli(env, "migrate", cwd=tmp_path)
    assert code == 0, err
    database = tmp_path / "data" / "helpdesk.sqlite3"
    assert file_mode(database) == 0o600
    assert file_mode(database.parent) == 0o700
    assert file_mode(tmp_path) == 0o755  # the working directory is not the app's to change
    others = [p for p in database.parent.iterdir() if p != database and file_mode(p) != 0o600]
    assert others == []


async def test_run_tightens_an_older_loose_database_and_attachments(
    api, bot_process, tmp_path, umask_022
):
    url = bot_process.env["DATABASE_URL"]
    await migrate(url)
    database = Path(url.removeprefix("sqlite://"))
    root = Path(bot_process.env["ATTACHMENTS_DIR"])
    month = root / "2025" / "01"
    old = month / "passport.jpg"
    _as_an_older_version_left_them(database, old, root)

    await bot_process.start()
    assert file_mode(database) == 0o600
    await wait_until(lambda: file_mode(old) == 0o600, timeout=30)
    assert file_mode(root) == file_mode(root / "2025") == file_mode(month) == 0o700
    assert await bot_process.terminate() == 0


def _as_an_older_version_left_them(database: Path, upload: Path, root: Path) -> None:
    """The database 0644; an upload 0644 in 0755 directories."""
    database.chmod(0o644)
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"an old upload")
    upload.chmod(0o644)
    directory = upload.parent
    while directory != root.parent:
        directory.chmod(0o755)
        directory = directory.parent
