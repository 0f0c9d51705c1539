"""`helpdesk sandbox` started as a newcomer would (`python -m bot sandbox`), on a free port."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bot.config import Settings
from tests.e2e.conftest import STARTUP_TIMEOUT, free_port


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without any of the desk's settings (a developer's BOT_TOKEN...)."""
    settings = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in settings}
    env.update(extra)
    return env


class Sandbox:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/sandbox"
        self.log_path = folder / "sandbox.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.first_line = ""

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "bot", "sandbox", "--dir", str(self.folder / "demo")),
                *("--port", str(self.port), "--log-level", "INFO"),
            ],
            env=clean_env(),
            cwd=self.folder,
            stdout=subprocess.PIPE,
            stderr=log,
        )
        log.close()
        assert self.proc.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(self.proc.stdout, selectors.EVENT_READ)
        if not selector.select(STARTUP_TIMEOUT):
            self.stop()
            raise AssertionError(f"no URL line in time: {self.logs()}")
        self.first_line = self.proc.stdout.readline().decode().strip()
        if not self.first_line:
            raise AssertionError(f"the sandbox exited: {self.logs()}")

    def stop(self) -> int | None:
        if self.proc is None:
            return None
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        return self.proc.returncode

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def call(
        self, method: str, path: str, body: Any = None, *, raw: bytes | None = None, **headers: str
    ) -> tuple[int, Any]:
        """A request to /sandbox/api/PATH: the status and the decoded JSON."""
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        sent = {"Content-Type": "application/json", "X-Sandbox": "1"} | headers
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/sandbox/api/{path}",
            data=data,
            method=method,
            headers={k: v for k, v in sent.items() if v},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def fetch(self, path: str) -> tuple[int, Any, bytes]:
        """GET a path of the server: the status, the headers and the body."""
        url = f"http://127.0.0.1:{self.port}{path}"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def state(self) -> dict[str, Any]:
        status, body = self.call("GET", "state")
        assert status == 200, body
        return body

    def settled(self, quiet: float = 0.6, timeout: float = 30.0) -> dict[str, Any]:
        """The state once the chats stopped changing (the bot answered what it had)."""
        deadline = time.monotonic() + timeout
        last = self.state()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.state()
            if (now["customers"], now["group"]) == (last["customers"], last["group"]):
                return now
            last = now
        raise AssertionError("the chats kept changing")

    def wait(self, predicate: Any, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if predicate(state):
                return state
            if time.monotonic() > deadline:
                raise AssertionError(f"not reached in {timeout}s: {json.dumps(state)[:3000]}")
            time.sleep(0.2)
