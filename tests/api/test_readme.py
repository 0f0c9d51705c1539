"""The README's quick start, run as written: every curl in its shell blocks is sent, the
way curl would send it, to the real admin API on a fresh database."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp.test_utils import TestClient

from bot.__main__ import _parser
from models import Agent, Department, Setting, Template
from models.enums import AgentRole
from tests.api.conftest import ADMIN_TOKEN

README = Path(__file__).resolve().parents[2] / "README.md"
# What the quick start's own lines set: API=..., and ADMIN_TOKEN from .env.
SHELL = {"API": "http://127.0.0.1:8080/api/v1", "ADMIN_TOKEN": ADMIN_TOKEN}
CURL_FLAGS = {"-s", "-S", "-sS", "--silent", "--show-error", "-f", "--fail"}


def quick_start_lines() -> list[list[str]]:
    """The commands of the shell blocks under "## Quick start", continuations joined."""
    section = README.read_text().split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words:
                commands.append(words)
    return commands


def expand(word: str) -> str:
    return re.sub(r"\$(\w+)", lambda m: SHELL[m.group(1)], word)


def as_curl_sends(words: list[str]) -> tuple[str, str, list[tuple[str, str]], bytes | None]:
    """(method, path, headers, body) of a curl command line."""
    method, url, headers, data = None, None, [], None
    args = iter(expand(word) for word in words[1:])
    for arg in args:
        if arg in ("-X", "--request"):
            method = next(args)
        elif arg in ("-H", "--header"):
            name, _, value = next(args).partition(":")
            headers.append((name.strip(), value.strip()))
        elif arg in ("-d", "--data", "--data-raw"):
            data = next(args).encode()
        elif arg in CURL_FLAGS:
            continue
        else:
            assert not arg.startswith("-"), f"the test does not know curl's {arg}"
            url = arg
    assert url is not None, words
    if data is not None and not any(name.lower() == "content-type" for name, _ in headers):
        headers.append(("Content-Type", "application/x-www-form-urlencoded"))  # curl's -d
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == "http://127.0.0.1:8080", url
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return method or ("POST" if data is not None else "GET"), path, headers, data


async def test_the_quick_start_turns_a_fresh_install_into_a_desk(client):
    http: TestClient = client.client
    lines = quick_start_lines()
    curls = [words for words in lines if words[0] == "curl"]
    assert len(curls) >= 5
    for words in lines:
        if words[0] == "curl":
            method, path, headers, data = as_curl_sends(words)
            response = await http.request(method, path, headers=headers, data=data)
            assert 200 <= response.status < 300, (shlex.join(words), await response.text())
            assert response.content_type == "application/json"
        elif words[0].endswith("helpdesk"):
            # The CLI's own parser accepts the line as written.
            _parser().parse_args(words[1:])
        else:
            assert words[0] in {"cp", "make", "set", ".", "API=" + SHELL["API"]}, words

    department = await Department.get(name="Support")
    ann = await Agent.get(name="Ann").prefetch_related("departments")
    assert [d.id for d in ann.departments] == [department.id]
    assert (await Agent.get(name="Lead")).role == AgentRole.ADMIN
    template = await Template.get(shortcut="hi")
    assert template.department_id is None and "{customer_name}" in template.text
    assert (await Setting.get(key="staff_chat_id")).value == -1001234567890


def test_the_readme_links_nothing_outside_the_repository():
    text = README.read_text()
    assert "../" not in text and "SPEC.md" not in text


def test_the_readme_says_what_unit_stats_durations_are_in():
    statistics = README.read_text().split("- Statistics:", 1)[1].split("\n- ", 1)[0]
    assert re.search(r"Durations \(.*\) are in seconds", statistics, flags=re.S)
