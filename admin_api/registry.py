"""Routes declared once with their pydantic models: validation and OpenAPI from one source.

A view is registered with the models of its query string, body and response; the
registry parses and validates input before the view runs (bad input never reaches
a service), checks the caller's role, serialises the result, and writes the same
models into the OpenAPI document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, get_args

from aiohttp import web
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from admin_api.auth import PRINCIPAL
from bot.services.errors import DomainError, Forbidden, Invalid, NotFound
from bot.services.tokens import Principal
from models.enums import TokenRole

READ_ROLES = (TokenRole.ADMIN, TokenRole.AGENT, TokenRole.READONLY)
ADMIN_ONLY = (TokenRole.ADMIN,)
ACT_ROLES = (TokenRole.ADMIN, TokenRole.AGENT)
MAX_BODY_BYTES = 1024 * 1024


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorBody(BaseModel):
    error: ErrorDetail


MAX_JSON_DEPTH = 32  # the deepest body the API takes is 3 levels (an alert's files)


class MalformedJSON(DomainError):
    code = "malformed_json"
    status = 400


class JSONTooDeep(DomainError):
    code = "json_too_deep"
    status = 400


class UnsupportedMediaType(DomainError):
    code = "unsupported_media_type"
    status = 415


@dataclass
class Call:
    """What a view receives."""

    request: web.Request
    principal: Principal
    path: dict[str, int]
    query: Any = None
    body: Any = None


View = Callable[[Call], Awaitable[Any]]


@dataclass
class Endpoint:
    method: str
    path: str
    view: View
    summary: str
    tag: str
    roles: tuple[TokenRole, ...]
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    response: Any = None
    status: int = 200
    errors: tuple[int, ...] = ()
    raw_response: dict[str, Any] | None = None  # OpenAPI content for non-JSON answers
    max_body: int = MAX_BODY_BYTES
    path_params: list[str] = field(default_factory=list)
    scope: str | None = None  # what an agent token sees here, when less than everything

    def description(self) -> str:
        text = f"Roles: {', '.join(r.value for r in self.roles)}."
        return f"{text} Agent tokens: {self.scope}" if self.scope else text


def holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(holds_nul(k) or holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(holds_nul(v) for v in value)
    return False


def validation_details(exc: ValidationError) -> list[dict[str, Any]]:
    """pydantic's errors without the offending input: nothing sent is echoed back."""
    return [
        {"loc": [str(part) for part in err["loc"]], "msg": err["msg"], "type": err["type"]}
        for err in exc.errors(include_url=False, include_input=False, include_context=False)
    ]


def _serialize(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_serialize(v) for v in value]
    return value


class Registry:
    def __init__(self, prefix: str = "/v1") -> None:
        self.prefix = prefix
        self.endpoints: list[Endpoint] = []

    def route(
        self,
        method: str,
        path: str,
        *,
        summary: str,
        tag: str,
        roles: tuple[TokenRole, ...] = READ_ROLES,
        query: type[BaseModel] | None = None,
        body: type[BaseModel] | None = None,
        response: Any = None,
        status: int = 200,
        errors: tuple[int, ...] = (),
        raw_response: dict[str, Any] | None = None,
        max_body: int = MAX_BODY_BYTES,
        scope: str | None = None,
    ) -> Callable[[View], View]:
        def decorator(view: View) -> View:
            self.endpoints.append(
                Endpoint(
                    method=method.upper(),
                    path=path,
                    view=view,
                    summary=summary,
                    tag=tag,
                    roles=roles,
                    query=query,
                    body=body,
                    response=response,
                    status=status,
                    errors=errors,
                    raw_response=raw_response,
                    max_body=max_body,
                    path_params=re.findall(r"{(\w+)}", path),
                    scope=scope,
                )
            )
            return view

        return decorator

    def install(self, app: web.Application) -> None:
        for endpoint in self.endpoints:
            app.router.add_route(endpoint.method, self.prefix + endpoint.path, _handler(endpoint))

    # -- OpenAPI ---------------------------------------------------------------------

    def openapi(self, *, title: str, version: str, server_prefix: str) -> dict[str, Any]:
        models: set[type[BaseModel]] = {ErrorBody}
        for endpoint in self.endpoints:
            for model in (endpoint.body, _response_model(endpoint.response)):
                if model is not None:
                    models.add(model)
        ref = "#/components/schemas/{model}"
        keyed, defs = models_json_schema(
            [
                (m, "validation" if _used_as_body(m, self.endpoints) else "serialization")
                for m in sorted(models, key=lambda m: m.__name__)
            ],
            ref_template=ref,
        )
        schemas = dict(defs.get("$defs", {}))
        paths: dict[str, dict[str, Any]] = {}
        for endpoint in self.endpoints:
            operation: dict[str, Any] = {
                "summary": endpoint.summary,
                "tags": [endpoint.tag],
                "operationId": f"{endpoint.method.lower()}_{_op_name(endpoint.path)}",
                "description": endpoint.description(),
                "parameters": _path_parameters(endpoint) + _query_parameters(endpoint.query),
                "responses": _responses(endpoint, keyed),
            }
            if endpoint.body is not None:
                mode: JsonSchemaMode = "validation"
                operation["requestBody"] = {
                    "required": True,
                    "content": {"application/json": {"schema": keyed[(endpoint.body, mode)]}},
                }
            paths.setdefault(server_prefix + self.prefix + endpoint.path, {})[
                endpoint.method.lower()
            ] = operation
        return {
            "openapi": "3.1.0",
            "info": {"title": title, "version": version},
            "paths": paths,
            "components": {
                "schemas": schemas,
                "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            },
            "security": [{"bearer": []}],
        }


def _used_as_body(model: type[BaseModel], endpoints: list[Endpoint]) -> bool:
    return any(e.body is model for e in endpoints)


def _response_model(response: Any) -> type[BaseModel] | None:
    if isinstance(response, type) and issubclass(response, BaseModel):
        return response
    args = get_args(response)
    if args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
        return args[0]
    return None


def _op_name(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", path.lower()).strip("_") or "root"


def _path_parameters(endpoint: Endpoint) -> list[dict[str, Any]]:
    return [
        {"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}
        for name in endpoint.path_params
    ]


def _query_parameters(model: type[BaseModel] | None) -> list[dict[str, Any]]:
    if model is None:
        return []
    schema = model.model_json_schema(mode="validation")
    required = set(schema.get("required", []))
    params = []
    for name, prop in schema.get("properties", {}).items():
        prop = dict(prop)
        description = prop.pop("description", None)
        prop.pop("title", None)
        param: dict[str, Any] = {
            "name": name,
            "in": "query",
            "required": name in required,
            "schema": prop,
        }
        if description:
            param["description"] = description
        params.append(param)
    return params


_ERROR_TEXT = {
    400: (
        "Malformed request: no body, invalid JSON, or JSON nested more than "
        f"{MAX_JSON_DEPTH} levels deep"
    ),
    401: "Missing or invalid token",
    403: "The token's role may not do this",
    404: "Not found",
    409: "Conflicts with the current state",
    413: "Request body too large",
    415: "The body is not sent with Content-Type: application/json",
    422: "Validation failed",
    429: (
        "Too many failed authentications from this client address: retry after "
        "Retry-After seconds (a request with a valid token is never refused)"
    ),
    503: "A service it needs is unavailable; nothing was changed",
    507: "The server could not store a file",
}
_HEADERS = {
    429: {
        "Retry-After": {
            "description": "Seconds until this address may try a token again",
            "required": True,
            "schema": {"type": "integer", "minimum": 1},
        }
    }
}


def _responses(endpoint: Endpoint, keyed: dict) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    model = _response_model(endpoint.response)
    if endpoint.raw_response is not None:
        responses[str(endpoint.status)] = endpoint.raw_response
    elif model is None:
        responses[str(endpoint.status)] = {"description": "Done"}
    else:
        schema = keyed[(model, "serialization")]
        if get_args(endpoint.response):
            schema = {"type": "array", "items": schema}
        responses[str(endpoint.status)] = {
            "description": "OK",
            "content": {"application/json": {"schema": schema}},
        }
    codes = {401, 403, 422, 429} | set(endpoint.errors)
    if endpoint.body is not None:
        codes |= {400, 413, 415}
    if endpoint.path_params:
        codes.add(404)
    error_schema = {"$ref": "#/components/schemas/ErrorBody"}
    for code in sorted(codes):
        responses[str(code)] = {
            "description": _ERROR_TEXT[code],
            "content": {"application/json": {"schema": error_schema}},
        }
        if code in _HEADERS:
            responses[str(code)]["headers"] = _HEADERS[code]
    return responses


# -- request handling ------------------------------------------------------------------


def roles_needed(roles: tuple[TokenRole, ...]) -> str:
    if len(roles) == 1:
        return f"this needs the {roles[0].value} role"
    names = [r.value for r in roles]
    return f"this needs one of the roles {', '.join(names[:-1])} and {names[-1]}"


def _handler(endpoint: Endpoint) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def handle(request: web.Request) -> web.StreamResponse:
        principal: Principal = request[PRINCIPAL]
        if principal.role not in endpoint.roles:
            raise Forbidden(roles_needed(endpoint.roles))
        path = {}
        for name in endpoint.path_params:
            raw = request.match_info[name]
            # isdigit() alone admits '²' and '١', which int() refuses or misreads.
            if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) < 2**31:
                raise NotFound(f"no such {name.removesuffix('_id')}")
            path[name] = int(raw)
        call = Call(request=request, principal=principal, path=path)
        if endpoint.query is not None:
            call.query = _validate(endpoint.query, _query_dict(request, endpoint.query), "query")
        elif request.query:
            raise Invalid(
                "this endpoint takes no query parameters", {"fields": sorted(request.query)}
            )
        if endpoint.body is not None:
            call.body = _validate_body(endpoint.body, await _json_body(request, endpoint.max_body))
        result = await endpoint.view(call)
        if isinstance(result, web.StreamResponse):
            return result
        if result is None:
            return web.Response(status=204 if endpoint.status == 204 else endpoint.status)
        return web.json_response(_serialize(result), status=endpoint.status)

    return handle


def _query_dict(request: web.Request, model: type[BaseModel]) -> dict[str, Any]:
    _refuse_nul(dict(request.query), "query")
    data: dict[str, Any] = {}
    for key in request.query:
        values = request.query.getall(key)
        field_info = model.model_fields.get(key)
        is_list = field_info is not None and "list" in str(field_info.annotation).lower()
        data[key] = values if is_list else values[-1]
    return data


async def _json_body(request: web.Request, limit: int) -> bytes:
    if not request.body_exists:
        raise MalformedJSON("a JSON body is required")
    # A form or text/plain body is not read as JSON: a browser may send those to
    # another site without asking first.
    if request.content_type != "application/json":
        raise UnsupportedMediaType("send the body as JSON with Content-Type: application/json")
    if request.content_length is not None and request.content_length > limit:
        raise web.HTTPRequestEntityTooLarge(max_size=limit, actual_size=request.content_length)
    raw = await request.read()
    if len(raw) > limit:
        raise web.HTTPRequestEntityTooLarge(max_size=limit, actual_size=len(raw))
    if not raw:
        raise MalformedJSON("a JSON body is required")
    # Every reader (json's parser, the NUL check, pydantic) recurses into nesting: depth
    # is refused before any of them runs. (Letting json.loads hit its RecursionError
    # and catching it is no way out: CPython 3.11's recursion bookkeeping is left
    # unbalanced, and a later compile() in the process fails.)
    if _nested_deeper(raw, MAX_JSON_DEPTH):
        raise JSONTooDeep(f"the JSON body is nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        decoded = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise MalformedJSON("the body is not valid JSON") from None
    _refuse_nul(decoded, "body")
    return raw


# A JSON string (with its escapes), and the brackets that open and close nesting.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


def _nested_deeper(raw: bytes, limit: int) -> bool:
    """Whether arrays and objects in the JSON text nest more than `limit` levels: the
    brackets outside strings, counted in one pass (regular expressions do the scanning,
    so a 24 MB body of base64 costs milliseconds). Malformed text is the parser's job."""
    depth = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub(b"", raw)):
        depth += 1 if bracket in (b"[", b"{") else -1
        if depth > limit:
            return True
    return False


def _refuse_nul(value: Any, where: str) -> None:
    # PostgreSQL text cannot hold NUL: refused here, it would be a 500 at the INSERT.
    if not holds_nul(value):
        return
    fields = (
        [k for k, v in value.items() if holds_nul(k) or holds_nul(v)]
        if isinstance(value, dict)
        else [where]
    )
    raise Invalid(
        f"invalid {where}",
        [
            {"loc": [str(f)], "msg": "must not contain NUL characters", "type": "nul_character"}
            for f in fields
        ],
    )


def _validate_body(model: type[BaseModel], raw: bytes) -> Any:
    # JSON in strict mode: `false` is not the integer 0 and 1.5 is not a string, as the
    # schema says; dates, enums and the like still come as JSON strings.
    try:
        return TypeAdapter(model).validate_json(raw, strict=True)
    except ValidationError as exc:
        raise Invalid("invalid body", validation_details(exc)) from None


def _validate(model: type[BaseModel], data: Any, where: str) -> Any:
    try:
        return TypeAdapter(model).validate_python(data)
    except ValidationError as exc:
        raise Invalid(f"invalid {where}", validation_details(exc)) from None
