"""The sandbox process and the JSON endpoints the page uses: one URL line at start, the
actions work, and bad input gets a clear JSON 4xx and changes nothing."""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Iterator

import pytest

from sandbox.demo import AGENTS, CUSTOMERS, REPLY_GROUP_ID
from sandbox.web import MAX_UPLOAD_BYTES
from tests.sandbox.support import Sandbox

ALEX = CUSTOMERS[0].telegram_id
ANNA = AGENTS[0].telegram_id


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    server = Sandbox(tmp_path_factory.mktemp("sandbox"))
    server.start()
    try:
        yield server
    finally:
        assert server.stop() == 0, server.logs()


def _chats(state: dict) -> object:
    return [c["messages"] for c in state["customers"]], state["group"]["messages"]


def _multipart(
    fields: dict[str, str], content: bytes, mime: str = "image/png", name: str = "shot.png"
) -> tuple:
    boundary = "sandboxtestboundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: {mime}\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_prints_one_line_with_the_url_and_listens_on_loopback(sandbox):
    assert sandbox.first_line == f"sandbox: {sandbox.url}"
    assert (sandbox.folder / "demo" / "sandbox.sqlite3").exists()
    state = sandbox.state()
    assert [a["name"] for a in state["agents"]] == ["Anna", "Boris", "Vera"]
    assert state["group"]["id"] == REPLY_GROUP_ID and not state["forum"]
    # Not on another address of this machine (only 127.0.0.1).
    for address in _own_addresses():
        with pytest.raises(OSError), socket.create_connection((address, sandbox.port), 2):
            pass


def _own_addresses() -> set[str]:
    """This machine's IPv4 addresses other than loopback (none where the name resolves
    to nothing)."""
    addresses = set()
    try:
        found = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        addresses |= {str(info[4][0]) for info in found}
    except OSError:
        pass
    # The address outgoing traffic would leave from (connecting a UDP socket sends nothing).
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.255.255.255", 9))
        addresses.add(probe.getsockname()[0])
    return {a for a in addresses if not a.startswith("127.") and a != "0.0.0.0"}


def test_the_customer_writes_uploads_and_the_bot_answers(sandbox):
    status, _ = sandbox.call("POST", "send", {"user_id": ALEX, "chat_id": ALEX, "text": "/start"})
    assert status == 200
    state = sandbox.wait(lambda s: any("Hello" in m["html"] for m in s["customers"][0]["messages"]))
    greeting = next(m for m in state["customers"][0]["messages"] if "Hello" in m["html"])
    assert greeting["is_bot"] and "<b>Alex</b>" in greeting["html"]
    assert [b["text"] for b in greeting["keyboard"][0]] == ["🆕 New ticket", "📋 My tickets"]
    body, content_type = _multipart(
        {"user_id": str(ALEX), "chat_id": str(ALEX)}, b"\x89PNG\r\n\x1a\n tiny"
    )
    status, sent = sandbox.call("POST", "upload", raw=body, **{"Content-Type": content_type})
    assert status == 200, sent
    photo = next(
        m for m in sandbox.state()["customers"][0]["messages"] if m["id"] == sent["message_id"]
    )
    assert photo["photo"].startswith("/sandbox/api/files/")
    status, headers, content = sandbox.fetch(photo["photo"])
    assert (status, headers["Content-Type"], content) == (
        200,
        "image/png",
        b"\x89PNG\r\n\x1a\n tiny",
    )
    # An SVG (scripts inside) goes as a document and comes back as a download, never inline.
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    body, content_type = _multipart(
        {"user_id": str(ALEX), "chat_id": str(ALEX), "caption": "the logo"},
        svg,
        "image/svg+xml",
        "логотип.svg",
    )
    status, sent = sandbox.call("POST", "upload", raw=body, **{"Content-Type": content_type})
    assert status == 200, sent
    document = next(
        m for m in sandbox.state()["customers"][0]["messages"] if m["id"] == sent["message_id"]
    )
    assert document["document"]["name"] == "логотип.svg" and "the logo" in document["html"]
    status, headers, content = sandbox.fetch(document["document"]["url"])
    assert (status, content) == (200, svg)
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"].startswith('attachment; filename=".svg"')
    status, added = sandbox.call("POST", "customers", {"first_name": "Мария", "language": "ru"})
    assert status == 201 and added["name"] == "Мария"
    assert [c["language"] for c in sandbox.state()["customers"]] == ["en", "ru"]


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("send", b"{not json", 400, "malformed"),
        ("send", b"[1, 2]", 400, "malformed"),
        ("send", {"user_id": 999, "chat_id": 999, "text": "hi"}, 404, "unknown_actor"),
        ("send", {"user_id": ALEX, "chat_id": REPLY_GROUP_ID, "text": "hi"}, 404, "unknown_actor"),
        ("send", {"user_id": ANNA, "chat_id": ALEX, "text": "hi"}, 404, "unknown_actor"),
        ("send", {"user_id": ALEX, "chat_id": ALEX, "text": ""}, 422, "invalid"),
        ("send", {"user_id": ALEX, "chat_id": ALEX, "text": "x" * 4097}, 422, "invalid"),
        ("send", {"user_id": ALEX, "chat_id": ALEX, "text": "  "}, 409, "refused"),
        (
            "send",
            {"user_id": ALEX, "chat_id": ALEX, "text": "a", "reply_to": 99999},
            409,
            "refused",
        ),
        ("press", {"user_id": ALEX, "chat_id": ALEX, "message_id": 1, "data": "x"}, 409, "refused"),
        ("press", {"user_id": ALEX, "chat_id": ALEX, "message_id": 1}, 422, "invalid"),
        ("time", {"minutes": 0}, 422, "invalid"),
        ("time", {"minutes": "soon"}, 422, "invalid"),
        ("forum", {}, 422, "invalid"),
        ("customers", {"first_name": "Zed", "language": "de"}, 422, "invalid"),
        ("language", {"user_id": ANNA, "language": "ru"}, 404, "unknown_actor"),
        ("upload", {"user_id": ALEX}, 415, "unsupported"),
        ("nothing-here", {}, 404, "not_found"),
    ],
)
def test_bad_input_gets_a_json_4xx_and_changes_nothing(sandbox, path, body, status, code):
    before = sandbox.settled()
    raw = body if isinstance(body, bytes) else None
    answered, error = sandbox.call("POST", path, None if raw else body, raw=raw)
    assert answered == status, error
    assert error["error"]["code"] == code and error["error"]["message"]
    after = sandbox.state()
    assert _chats(after) == _chats(before)
    assert (after["clock"]["offset_minutes"], after["forum"], len(after["customers"])) == (
        before["clock"]["offset_minutes"],
        before["forum"],
        len(before["customers"]),
    )


def test_an_upload_too_large_and_an_action_without_the_header_are_refused(sandbox):
    before = _chats(sandbox.settled())
    body, content_type = _multipart(
        {"user_id": str(ALEX), "chat_id": str(ALEX)}, b"\x89PNG" + b"0" * (MAX_UPLOAD_BYTES + 1)
    )
    status, error = sandbox.call("POST", "upload", raw=body, **{"Content-Type": content_type})
    assert status == 413 and error["error"]["code"] == "too_large"
    status, error = sandbox.call(
        "POST", "send", {"user_id": ALEX, "chat_id": ALEX, "text": "hi"}, **{"X-Sandbox": ""}
    )
    assert status == 403 and "X-Sandbox" in error["error"]["message"]
    assert _chats(sandbox.state()) == before
    status, error = sandbox.call("GET", "files/NOPE")
    assert status == 404 and json.dumps(error).startswith('{"error"')
