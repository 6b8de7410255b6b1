"""`cpdt schema [COMMAND]`: the JSON Schema of `--json` output, from the checked-in file.

A thin layer on purpose: the file is the contract, and this only reads it and, for one
command, pins `command` to that command's name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import UsageError

PATH = Path(__file__).resolve().parent / "schema" / "output.schema.json"


def output_schema(command: str | None = None) -> dict[str, Any]:
    import msgspec

    schema: dict[str, Any] = msgspec.json.decode(PATH.read_bytes())
    if command is None:
        return schema
    commands = schema["properties"]["command"]["enum"]
    if command not in commands:
        from .messages import say

        raise UsageError(say("no_command", command=command, commands=", ".join(commands)))
    properties = {**schema["properties"], "command": {"const": command}}
    own_id = schema["$id"].removesuffix(".json") + f"/{command}.json"  # another schema, another id
    return {**schema, "$id": own_id, "title": f"cpdt {command} --json", "properties": properties}
