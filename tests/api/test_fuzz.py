"""Every admin API operation, fuzzed from its own OpenAPI document.

The operations are read from GET /api/openapi.json at run time, so endpoints added
later are fuzzed without touching this file. For each operation schemathesis sends,
as the bootstrap admin, to the app served on a real localhost port:

- its coverage cases: the deterministic edge cases the document implies (boundary
  lengths and values, each constraint violated once, wrong types, unknown fields,
  undeclared methods);
- hypothesis-generated cases, valid (positive mode) and schema-violating (negative).

Every response must be:

- never a 5xx;
- a status the document lists for that operation, with the documented content
  type, headers and a body matching the documented schema;
- for schema-violating input, a 4xx rejection;
- for an error, exactly the JSON `{"error": {"code", "message", "details"}}`.

All failures of all operations are collected and reported together (schemathesis'
description with a curl line, plus whatever the server logged as an error, with its
traceback), so one bug does not hide the next. The run is deterministic (hypothesis
derandomized): the same code and document give the same requests, so a failure
reproduces by running the test again. Run with -s to see each operation's statuses.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import pytest
import requests
import schemathesis
from aiohttp import web
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from schemathesis import GenerationMode
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.result import Ok

from admin_api import create_admin_app
from bot.config import Settings
from bot.services.tokens import create_token
from models import Attachment, Message, SlaPolicy, Template, Ticket
from models.enums import AttachmentKind
from tests.api.conftest import ADMIN_TOKEN
from tests.factories import make_desk, open_ticket

MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
SEEDED_IDS = (1, 2)
AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
TIMEOUT = 30  # seconds per request: a hung handler fails its case instead of the run
# The hypothesis cases are bounded by a total, spread over however many operations the
# document has (the coverage cases are as many as the document implies: ~4,000 for 68
# operations). Together ~5,000 requests take about 40 s per database on two cores
# (server and generator share one process). Each operation and mode still gets at
# least MIN_EXAMPLES; hypothesis stops earlier for operations with few inputs.
REQUEST_BUDGET = 1_000
MIN_EXAMPLES, MAX_EXAMPLES = 5, 50
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def error_body_shape(ctx: Any, response: schemathesis.Response, case: schemathesis.Case) -> None:
    """Every 4xx/5xx is the API's one error shape, whatever the document says of it."""
    if response.status_code < 400:
        return
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/json"), (
        f"error {response.status_code} is not JSON (Content-Type {content_type!r})"
    )
    try:
        body = json.loads(response.content)
    except ValueError:
        raise AssertionError(f"error {response.status_code} body is not valid JSON") from None
    assert isinstance(body, dict) and set(body) == {"error"}, (
        f"error body is not {{'error': ...}}: {body!r}"
    )
    assert_error_object(body["error"])


def assert_error_object(error: Any) -> None:
    assert isinstance(error, dict) and set(error) == {"code", "message", "details"}, (
        f"error object must have exactly code, message, details: {error!r}"
    )
    assert isinstance(error["code"], str) and error["code"], f"error code not a string: {error!r}"
    assert isinstance(error["message"], str), f"error message not a string: {error!r}"


# schemathesis' own checks, by their documented configuration names; the others
# (stateful ones that replay requests, auth probes) are off: the run stays bounded, and
# test_every_operation_needs_the_token covers authentication.
BUILTIN_CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
)
# An explicit config, so no schemathesis.toml in the working tree changes the run. The
# token is sent with every request rather than generated (or left out) as a parameter.
CONFIG = {
    "generation": {"with-security-parameters": False},
    "checks": {"enabled": False, **{name: {"enabled": True} for name in BUILTIN_CHECKS}},
}


def examples_per_mode(operations: int) -> int:
    share = REQUEST_BUDGET // max(1, operations * len(MODES))
    return max(MIN_EXAMPLES, min(MAX_EXAMPLES, share))


def _describe(exc: BaseException) -> str:
    """A check failure as schemathesis words it (with its curl line); anything else in full."""
    if isinstance(exc, FailureGroup):
        return exc.message
    if isinstance(exc, Failure):
        return f"{exc.title}\n{exc.message}"
    if isinstance(exc, BaseExceptionGroup):
        return "\n".join(_describe(inner) for inner in exc.exceptions)
    return "".join(traceback.format_exception(exc))


@dataclass
class FuzzReport:
    examples: int = 0
    coverage_cases: int = 0
    fuzz_cases: int = 0
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    failures: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{label}: " + ", ".join(f"{code}x{n}" for code, n in sorted(counts.items()))
            for label, counts in self.statuses.items()
        ]
        return "\n".join(lines)


def _fuzz(schema: Any, base_url: str) -> FuzzReport:
    """Blocking: runs in a worker thread while the test's event loop serves the app."""
    operations, broken = [], []
    for result in schema.get_all_operations():
        if isinstance(result, Ok):
            operations.append(result.ok())
        else:  # schemathesis cannot build requests from this operation's definition
            broken.append(f"unusable operation in the document:\n{_describe(result.err())}")
    # Reads first, on the seeded data; then writes; deletions last.
    operations.sort(key=lambda op: {"GET": 0, "DELETE": 2}.get(op.method.upper(), 1))
    report = FuzzReport(examples=examples_per_mode(len(operations) + len(broken)), broken=broken)
    with requests.Session() as session:
        for operation in operations:
            # Each operation's coverage cases, then its hypothesis cases: both see the seeded
            # rows before the deletions at the end. A failure ends only its own part.
            try:
                _cover_operation(schema, operation, report, session, base_url)
            except (Exception, BaseExceptionGroup) as exc:
                report.failures.append(f"{operation.label} [coverage]\n{_describe(exc)}")
            for mode in _modes(operation):
                try:
                    _fuzz_operation(operation, mode, report, session, base_url)
                except (Exception, BaseExceptionGroup) as exc:
                    report.failures.append(f"{operation.label} [{mode.value}]\n{_describe(exc)}")
    return report


def _cover_operation(
    schema: Any,
    operation: schemathesis.APIOperation,
    report: FuzzReport,
    session: requests.Session,
    base_url: str,
) -> None:
    """schemathesis' coverage phase: the deterministic edge cases the document implies
    (boundary lengths and values, each constraint violated once, wrong types, missing
    required fields, unknown properties, undeclared HTTP methods). The same cases every run.
    """
    statuses = report.statuses[operation.label]
    generation = schema.config.generation_for(operation=operation, phase="coverage")
    failed: dict[tuple[str, ...], int] = {}
    for case in schema.iter_coverage_cases(
        operation, generation_modes=list(MODES), generation_config=generation
    ):
        report.coverage_cases += 1
        response = case.call(base_url=base_url, session=session, headers=AUTH, timeout=TIMEOUT)
        statuses[response.status_code] += 1
        try:
            case.validate_response(response, additional_checks=[error_body_shape])
        except FailureGroup as exc:
            kinds = tuple(sorted({failure.title for failure in exc.exceptions}))
            failed[kinds] = failed.get(kinds, 0) + 1
            if failed[kinds] == 1:  # the first case of each kind, with its curl line
                report.failures.append(f"{operation.label} [coverage]\n{_describe(exc)}")
    report.failures.extend(
        f"{operation.label} [coverage]: {count - 1} more case(s) failing with {', '.join(kinds)}"
        for kinds, count in failed.items()
        if count > 1
    )


def _modes(operation: schemathesis.APIOperation) -> tuple[GenerationMode, ...]:
    # Negative mode needs something to violate; the token is not among them here
    # (test_every_operation_needs_the_token covers it on every operation).
    has_inputs = any(True for _ in operation.iter_parameters()) or bool(operation.body)
    return MODES if has_inputs else (GenerationMode.POSITIVE,)


def _cases(operation: schemathesis.APIOperation, mode: GenerationMode) -> SearchStrategy:
    """schemathesis' cases; valid ones also with the seeded ids in the path, since random
    integers almost never name an existing row (and then only the 404 path is tested)."""
    anything = operation.as_strategy(generation_mode=mode)
    names = [parameter.name for parameter in operation.path_parameters]
    if mode is GenerationMode.NEGATIVE or not names:
        return anything
    seeded = [
        operation.as_strategy(generation_mode=mode, path_parameters=dict.fromkeys(names, row))
        for row in SEEDED_IDS
    ]
    return st.one_of(*seeded, anything)


def _fuzz_operation(
    operation: schemathesis.APIOperation,
    mode: GenerationMode,
    report: FuzzReport,
    session: requests.Session,
    base_url: str,
) -> None:
    statuses = report.statuses[operation.label]

    @settings(
        max_examples=report.examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=(Phase.generate, Phase.shrink),
        # Performance-only health checks: every example is an HTTP round trip, and
        # schemathesis' strategies filter and build large bodies by design.
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(case=_cases(operation, mode))
    def run(case: schemathesis.Case) -> None:
        report.fuzz_cases += 1
        response = case.call(base_url=base_url, session=session, headers=AUTH, timeout=TIMEOUT)
        statuses[response.status_code] += 1
        case.validate_response(response, additional_checks=[error_body_shape])

    run()


async def _seed(attachments_dir: Path) -> None:
    """Rows with ids 1 and 2 (SEEDED_IDS) in every table the API addresses by id."""
    desk = await make_desk()
    tickets = [
        await open_ticket(desk.alice, desk.billing, category=desk.invoices),
        await open_ticket(desk.carl, desk.tech, subject="Login fails", text="Since yesterday"),
    ]
    await create_token("fuzz readonly", "readonly")
    await create_token("fuzz agent", "agent", desk.ann.id)
    await SlaPolicy.create(name="Standard", first_response_minutes=60, resolution_minutes=480)
    await SlaPolicy.create(
        name="Tech", support_level="l2", first_response_minutes=30, resolution_minutes=240
    )
    await Template.create(title="Greeting", shortcut="hi", text="Hello!", department=desk.billing)
    await Template.create(title="Bye", shortcut="bye", text="Goodbye", language="en")
    for ticket, (name, mime) in zip(
        tickets, [("invoice.pdf", "application/pdf"), ("screen.png", "image/png")], strict=True
    ):
        await _stored_attachment(attachments_dir, ticket, name, mime)


async def _stored_attachment(attachments_dir: Path, ticket: Ticket, name: str, mime: str) -> None:
    message = await Message.filter(ticket_id=ticket.id).order_by("id").first()
    assert message is not None
    stored = attachments_dir / str(ticket.id) / name
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(b"fuzz " + name.encode())
    await Attachment.create(
        message=message,
        kind=AttachmentKind.DOCUMENT,
        file_id=f"file-{name}",
        file_unique_id=f"unique-{name}",
        file_name=name,
        mime_type=mime,
        size=stored.stat().st_size,
        stored_path=str(stored.relative_to(attachments_dir)),
    )


@pytest.fixture
async def live_api(api_settings: Settings, aiohttp_server: Any) -> AsyncIterator[str]:
    """The admin app on a real localhost port, served by this test's event loop
    (the loop the ORM was initialised in, through api_settings -> db)."""
    await _seed(api_settings.attachments_dir)
    root = web.Application()
    root.add_subapp("/api", create_admin_app(api_settings, wake_outbox=lambda: None))
    server = await aiohttp_server(root)
    yield f"http://{server.host}:{server.port}"


async def _document(http: aiohttp.ClientSession, base_url: str) -> dict[str, Any]:
    # Public: fetched without a token.
    async with http.get(f"{base_url}/api/openapi.json") as response:
        assert response.status == 200
        return await response.json()


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


def _log_text(record: logging.LogRecord) -> str:
    text = f"{record.name}: {record.getMessage()}"
    if record.exc_info:
        text += "\n" + logging.Formatter().formatException(record.exc_info)
    return text


async def test_every_operation_survives_fuzzing(
    live_api: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with aiohttp.ClientSession() as http:
        document = await _document(http, live_api)
    schema = schemathesis.openapi.from_dict(document, config=schemathesis.Config.from_dict(CONFIG))
    # A misspelt or renamed check would silently not run.
    schemathesis.checks.load_all_checks()
    assert set(BUILTIN_CHECKS) <= {c.__name__ for c in schemathesis.checks.CHECKS.get_all()}
    started = time.monotonic()
    with caplog.at_level(logging.ERROR):
        report = await asyncio.to_thread(_fuzz, schema, live_api)
    elapsed = time.monotonic() - started
    print(
        f"\n{len(report.statuses)} operations: {report.coverage_cases} coverage cases, "
        f"{report.fuzz_cases} hypothesis cases (up to {report.examples} per operation and "
        f"mode) in {elapsed:.1f}s; statuses:\n{report.summary()}"
    )
    assert len(report.statuses) + len(report.broken) == len(_operations(document)) > 0
    # Whatever the server logged as an error (the API's 500 handler, aiohttp's own
    # "Error handling request"), with its traceback: the cause behind a failure above.
    server_errors = sorted(
        {_log_text(record) for record in caplog.records if record.levelno >= logging.ERROR}
    )
    problems = report.broken + report.failures + [f"server log: {t}" for t in server_errors]
    assert not problems, "\n\n".join(problems)


async def test_every_operation_needs_the_token(live_api: str) -> None:
    """No token, a malformed header or an unknown token: 401 in the error shape, on every
    operation the document does not declare public (security: [])."""
    async with aiohttp.ClientSession() as http:
        document = await _document(http, live_api)
        operations = _operations(document)
        guarded = [
            (method, path)
            for method, path, operation in operations
            if operation.get("security", document.get("security")) not in (None, [], [{}])
        ]
        assert guarded
        for method, path in guarded:
            # Seeded ids, so a missing auth check would show as a real answer.
            url = live_api + re.sub(r"{\w+}", "1", path)
            for headers in (
                {},
                {"Authorization": "Bearer "},
                {"Authorization": f"Basic {ADMIN_TOKEN}"},
                {"Authorization": "Bearer not-a-real-token"},
            ):
                async with http.request(method, url, headers=headers, json={}) as response:
                    assert response.status == 401, (method, path, headers, response.status)
                    assert response.content_type == "application/json", (method, path)
                    body = await response.json()
                    assert set(body) == {"error"}, (method, path, body)
                    assert_error_object(body["error"])


# Spellings of a path id that random generation seldom reaches: Unicode characters that
# str.isdigit() accepts (some of which int() refuses), signs, blanks, floats, overflow.
ODD_PATH_IDS = ("²", "١", "𝟙", "½", "0", "-1", "+1", " 1", "1.0", "1e3", "2147483648", "9" * 30)


async def test_odd_path_ids_never_crash(live_api: str) -> None:
    """Every operation with a path id, with each odd spelling: a 4xx in the error shape
    or an ordinary answer, never a 5xx."""
    async with aiohttp.ClientSession(headers=AUTH) as http:
        document = await _document(http, live_api)
        with_ids = [(m, p) for m, p, _ in _operations(document) if re.search(r"{\w+}", p)]
        assert with_ids
        crashes = []
        for method, path in with_ids:
            for raw in ODD_PATH_IDS:
                url = live_api + re.sub(r"{\w+}", quote(raw, safe=""), path)
                async with http.request(method, url, json={}) as response:
                    if response.status >= 500:
                        crashes.append(f"{method} {url} -> {response.status}")
                    elif response.status >= 400:
                        assert response.content_type == "application/json", (method, url)
                        body = await response.json()
                        assert set(body) == {"error"}, (method, url, body)
                        assert_error_object(body["error"])
        assert not crashes, "\n".join(crashes)
