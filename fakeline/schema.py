"""Check Messaging API request bodies the way LINE's servers would.

Two layers:

1. The official OpenAPI spec (``spec/messaging-api.yml``) validated with
   jsonschema (Draft 4 over ``components/schemas``).  JSON Schema ignores the
   spec's ``discriminator``s, so a ``Message`` only has to carry ``type``; we
   therefore walk the body ourselves and re-validate every polymorphic object
   (message, action, template, flex container/component, ...) against the
   concrete schema its ``type`` selects.
2. The limits LINE enforces but the spec omits (``limits.py``).

``SpecValidator.validate()`` returns human-readable problems such as
``messages[0].quickReply.items[3].action.label: 23 chars > 20``; an empty list
means LINE would accept the body.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from fakeline import limits
from fakeline.limits import Ctx, join

SPEC_PATH = Path(__file__).resolve().parent / "spec" / "messaging-api.yml"
_SPEC_URI = "urn:line:messaging-api"
_REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class Problem:
    """One reason LINE would reject a body; ``property`` uses LINE's notation."""

    property: str
    message: str

    def __str__(self) -> str:
        return f"{self.property}: {self.message}" if self.property else self.message


@functools.lru_cache(maxsize=1)
def load_spec() -> dict:
    """Parse the bundled OpenAPI document (once per process)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with SPEC_PATH.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


@functools.lru_cache(maxsize=1)
def default_validator() -> SpecValidator:
    """Process-wide validator (schemas and compiled validators are cached on it)."""
    return SpecValidator()


def _ref_name(ref: str) -> str:
    return ref[len(_REF_PREFIX) :] if ref.startswith(_REF_PREFIX) else ref


def _template_regex(template: str) -> re.Pattern:
    parts = re.split(r"(\{[^/}]+\})", template)
    pattern = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^{pattern}$")


class SpecValidator:
    """Validate request bodies against the Messaging API spec plus LINE's extra limits."""

    def __init__(self, spec: dict | None = None):
        self.spec = spec if spec is not None else load_spec()
        self.schemas: dict[str, dict] = self.spec["components"]["schemas"]
        self._registry = Registry().with_resource(_SPEC_URI, DRAFT4.create_resource(self.spec))
        self._routes = self._request_routes()
        self._validators: dict[str, Draft4Validator] = {}
        self._properties: dict[str, dict[str, dict]] = {}
        self._children: dict[str, tuple[tuple[str, str, str], ...]] = {}

    # -- public API -----------------------------------------------------------------

    def request_schema(self, method: str, path: str) -> str | None:
        """Name of the JSON request-body schema for ``method path`` (None if it has none)."""
        method = method.upper()
        for route_method, regex, name in self._routes:
            if route_method == method and regex.match(path):
                return name
        return None

    def validate(self, method: str, path: str, body: Any) -> list[str]:
        """Problems LINE would report for this request body (empty list = accepted)."""
        return [str(p) for p in self.check(method, path, body)]

    def check(self, method: str, path: str, body: Any) -> list[Problem]:
        """Like ``validate`` but returns structured ``Problem``s."""
        name = self.request_schema(method, path)
        if name is None:
            return []
        if body is None:
            return [Problem("", "the request body is required (JSON)")]
        return self.check_schema(body, name)

    def check_schema(self, instance: Any, schema_name: str, path: str = "") -> list[Problem]:
        """Validate any object against a named component schema, e.g. ``check_schema(msg, "Message")``."""
        walk = _Walk(self)
        walk.problems.extend(self.jsonschema_problems(instance, schema_name, path))
        walk.node(instance, schema_name, path, Ctx("", ""))
        return _dedupe(walk.problems)

    def validate_message(self, message: dict) -> list[str]:
        """Problems of a single message object (as it would appear in ``messages``)."""
        return [str(p) for p in self.check_schema(message, "Message")]

    # -- spec plumbing ----------------------------------------------------------------

    def _request_routes(self) -> list[tuple[str, re.Pattern, str]]:
        """(METHOD, path regex, schema) for every operation with a JSON request body."""
        routes = []
        for template, operations in self.spec["paths"].items():
            for method, op in operations.items():
                content = (op.get("requestBody") or {}).get("content", {}) if isinstance(op, dict) else {}
                ref = content.get("application/json", {}).get("schema", {}).get("$ref")
                if ref:
                    routes.append((method.upper(), template, _ref_name(ref)))
        # Literal paths win over templated ones (e.g. /richmenu/validate vs /richmenu/{id}).
        routes.sort(key=lambda r: r[1].count("{"))
        return [(m, _template_regex(t), name) for m, t, name in routes]

    def _compiled(self, schema_name: str) -> Draft4Validator:
        if schema_name not in self._validators:
            ref = {"$ref": f"{_SPEC_URI}{_REF_PREFIX}{schema_name}"}
            self._validators[schema_name] = Draft4Validator(ref, registry=self._registry)
        return self._validators[schema_name]

    def jsonschema_problems(self, instance: Any, schema_name: str, path: str = "") -> Iterator[Problem]:
        """Plain spec validation against one schema (discriminators not followed)."""
        for error in self._compiled(schema_name).iter_errors(instance):
            yield from _describe(error, path)

    def properties(self, schema_name: str) -> dict[str, dict]:
        """Properties of a schema including those inherited through ``allOf``."""
        if schema_name not in self._properties:
            schema = self.schemas[schema_name]
            props: dict[str, dict] = {}
            for part in (schema, *schema.get("allOf", [])):
                if "$ref" in part:
                    props.update(self.properties(_ref_name(part["$ref"])))
                props.update(part.get("properties", {}))
            self._properties[schema_name] = props
        return self._properties[schema_name]

    def children(self, schema_name: str) -> tuple[tuple[str, str, str], ...]:
        """(property, kind, schema) for properties that hold other schema objects.

        kind is ``one`` (a single object), ``each`` (an array of them) or
        ``values`` (a map whose values are them).
        """
        if schema_name in self._children:
            return self._children[schema_name]
        links = []
        for prop, sub in self.properties(schema_name).items():
            if "$ref" in sub:
                links.append((prop, "one", _ref_name(sub["$ref"])))
            elif "$ref" in (sub.get("items") or {}):
                links.append((prop, "each", _ref_name(sub["items"]["$ref"])))
            elif isinstance(sub.get("additionalProperties"), dict) and "$ref" in sub["additionalProperties"]:
                links.append((prop, "values", _ref_name(sub["additionalProperties"]["$ref"])))
        self._children[schema_name] = tuple(links)
        return self._children[schema_name]


class _Walk:
    """Recursive descent over a body, dispatching polymorphic objects on ``type``."""

    def __init__(self, validator: SpecValidator):
        self.v = validator
        self.problems: list[Problem] = []

    def add(self, prop: str, message: str) -> None:
        self.problems.append(Problem(prop, message))

    def node(self, instance: Any, schema_name: str, path: str, ctx: Ctx) -> None:
        if not isinstance(instance, dict) or schema_name not in self.v.schemas:
            return
        if "discriminator" in self.v.schemas[schema_name]:
            schema_name = self._dispatch(instance, schema_name, path)
            if schema_name is None:
                return
            self.problems.extend(self.v.jsonschema_problems(instance, schema_name, path))
        hook = limits.HOOKS.get(schema_name)
        if hook:
            hook(instance, path, ctx, self.add)
        for prop, kind, target in self.v.children(schema_name):
            self._descend(instance.get(prop), kind, target, join(path, prop), Ctx(schema_name, prop))

    def _descend(self, value: Any, kind: str, target: str, path: str, ctx: Ctx) -> None:
        if kind == "one":
            self.node(value, target, path, ctx)
        elif kind == "each" and isinstance(value, list):
            for i, item in enumerate(value):
                self.node(item, target, join(path, i), ctx)
        elif kind == "values" and isinstance(value, dict):
            for key, item in value.items():
                self.node(item, target, join(path, key), ctx)

    def _dispatch(self, instance: dict, base: str, path: str) -> str | None:
        """Concrete schema selected by the discriminator, reporting missing/unknown types."""
        disc = self.v.schemas[base]["discriminator"]
        key, mapping = disc["propertyName"], disc.get("mapping", {})
        value = instance.get(key)
        if value is None:
            self.add(join(path, key), "required property missing")
            return None
        if value not in mapping:
            self.add(join(path, key), f"unknown {base} type {value!r}; expected one of {sorted(mapping)}")
            return None
        return _ref_name(mapping[value])


def _describe(error, prefix: str) -> Iterator[Problem]:
    """Turn a jsonschema error into short LINE-style problems."""
    path = prefix
    for part in error.absolute_path:
        path = join(path, part)
    kind, limit, inst = error.validator, error.validator_value, error.instance
    if kind == "required":
        for name in limit:
            if isinstance(inst, dict) and name not in inst:
                yield Problem(join(path, name), "required property missing")
        return
    if kind in ("maxItems", "minItems"):
        op = ">" if kind == "maxItems" else "<"
        yield Problem(path, f"{len(inst)} items {op} {'max' if op == '>' else 'min'} {limit}")
    elif kind in ("maxLength", "minLength"):
        op = ">" if kind == "maxLength" else "<"
        yield Problem(path, f"{len(inst)} chars {op} {limit}")
    elif kind == "type":
        yield Problem(path, f"expected {limit}, got {type(inst).__name__}")
    elif kind == "enum":
        yield Problem(path, f"{inst!r} is not one of {limit}")
    else:
        message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
        yield Problem(path, message)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """Bases and concrete schemas overlap, so the same error can be found twice."""
    return list(dict.fromkeys(problems))
