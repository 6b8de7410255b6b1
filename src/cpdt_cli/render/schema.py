"""`cpdt schema [COMMAND]`: the JSON Schema of `--json` output.

The schema is generated from the result types (results.py) by `generate()`; the checked-in
file is what `cpdt schema` prints, and a test fails when the two differ. Regenerate it with
`python -m cpdt_cli.render.schema`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError

PATH = Path(__file__).resolve().parent.parent / "schema" / "output.schema.json"
SCHEMA_ID = "https://cpdt.invalid/schema/output-1.json"


def output_schema(command: str | None = None) -> dict[str, Any]:
    """The checked-in schema; for one command, `command` pinned to its name and the results
    narrowed to the kinds it returns."""
    import msgspec

    schema: dict[str, Any] = msgspec.json.decode(PATH.read_bytes())
    if command is None:
        return schema
    commands = schema["properties"]["command"]["enum"]
    if command not in commands:
        from ..messages import say

        raise UsageError(say("no_command", command=command, commands=", ".join(commands)))
    kinds = schema["x-result-types"][command]
    items = {"anyOf": [{"$ref": f"#/$defs/{name}"} for name in kinds]}
    results = {**schema["properties"]["results"], "items": items}
    properties = {**schema["properties"], "command": {"const": command}, "results": results}
    own_id = schema["$id"].removesuffix(".json") + f"/{command}.json"  # another schema, another id
    return {**schema, "$id": own_id, "title": f"cpdt {command} --json", "properties": properties}


def generate() -> dict[str, Any]:
    """The schema of `--json` output, from the result types."""
    import msgspec

    from ..answers import results as r
    from .json import SCHEMA_VERSION

    refs, components = msgspec.json.schema_components(r.RESULT_TYPES, ref_template="#/$defs/{name}")
    any_result = {"anyOf": list(refs)}
    commands = list(r.COMMAND_TYPES)
    answer = {
        "type": "object",
        "required": ["command", "query", "count", "results", "notices"],
        "additionalProperties": False,
        "properties": {
            "command": {"type": "string"},
            "query": {"type": "object"},
            "count": {"type": "integer", "minimum": 1},
            "results": {"type": "array", "minItems": 1, "items": any_result},
            "notices": {"type": "array", "items": {"type": "string"}},
        },
    }
    interpretation = {
        "description": "search only: the reference command a question was read as, and its answer",
        "type": ["object", "null"],
        "required": ["command", "args", "cli", "answer"],
        "additionalProperties": False,
        "properties": {
            "command": {"enum": [c for c in commands if c not in ("search", "sources")]},
            "args": {"type": "object"},
            "cli": {"type": "string", "pattern": "^cpdt "},
            "answer": answer,
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"cpdt --json output, schema_version {SCHEMA_VERSION}",
        "type": "object",
        "required": ["schema_version", "command", "query", "count", "results"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "command": {"enum": commands},
            "query": {"type": "object"},
            "count": {"type": "integer", "minimum": 0},
            "results": {"type": "array", "items": any_result},
            "notices": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "interpretation": interpretation,
        },
        "x-result-types": {
            command: [t.__name__ for t in types] for command, types in r.COMMAND_TYPES.items()
        },
        "$defs": _canonical(components),
    }


def _canonical(value: Any) -> Any:
    """The same schema whatever msgspec's version: the alternatives of an anyOf in one order
    (msgspec 0.20 lists null first, later versions last), null last."""
    import inspect

    from .json import dumps

    if isinstance(value, dict):
        out = {k: _canonical(v) for k, v in value.items()}
        if isinstance(out.get("description"), str):  # 0.20 keeps a docstring's indentation
            out["description"] = inspect.cleandoc(out["description"])
        if isinstance(out.get("anyOf"), list):
            out["anyOf"] = sorted(out["anyOf"], key=lambda a: (a == {"type": "null"}, dumps(a)))
        return out
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


def text() -> str:
    from .json import dumps

    return dumps(generate(), indent=2) + "\n"


if __name__ == "__main__":  # python -m cpdt_cli.render.schema: write the checked-in file
    PATH.write_text(text(), encoding="utf-8")
