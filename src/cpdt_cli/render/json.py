"""JSON and JSON Lines: the --json envelope and the writer every machine output goes through."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from ..answers.results import HOLDERS, Answer, parts_of
from .output import as_text, stdout_is_unicode

if TYPE_CHECKING:
    from .formats import Options

SCHEMA_VERSION = 1


def envelope(answer: Answer, lang: str, plain: bool = True) -> dict[str, Any]:
    """The --json object, as plain data (the results as their JSON shapes); with `plain`
    False, the results stay the typed objects they are, for msgspec to write as it writes
    their shapes (at 1,000 sources, making the shapes first cost 9 M instructions)."""
    from ..i18n import message

    def shape(value: Any) -> Any:
        return msgspec.to_builtins(value, enc_hook=text_of) if plain else value

    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "command": answer.command,
        "query": answer.query,
        "count": len(answer.results),
        "results": shape(answer.results),
    }
    if answer.notices:
        doc["notices"] = [message(n, lang) for n in answer.notices]
    if answer.command == "search":  # how the question was read, and that command's answer
        reading = answer.interpretation
        if reading is not None:  # its answer's notices in the chosen language, as the answer's
            said = [message(n, lang) for n in reading.answer.notices]
            answer_said = msgspec.structs.replace(reading.answer, notices=said)
            reading = msgspec.structs.replace(reading, answer=answer_said)
        doc["interpretation"] = shape(reading)
    return doc


def to_json(answer: Answer, options: Options) -> str | bytes:
    """The --json text; as the UTF-8 bytes msgspec wrote where it wrote them (see `written`)."""
    doc = envelope(answer, options.lang, plain=False)
    floats = holds_floats(answer)
    text = written(doc, indent=2, ascii_only=not stdout_is_unicode(), floats=floats)
    if isinstance(text, bytes):
        return text + b"\n"
    return text + "\n"


def to_jsonl(answer: Answer, options: Options) -> str | bytes:
    """One line of JSON a result; as UTF-8 bytes where msgspec wrote every line."""
    ascii_only = not stdout_is_unicode()
    rows = msgspec.to_builtins(answer.results, enc_hook=text_of)
    floats = holds_floats(answer)
    lines = [written(row, ascii_only=ascii_only, floats=floats) for row in rows]
    encoded = [line for line in lines if isinstance(line, bytes)]
    if len(encoded) == len(lines):
        return b"".join(line + b"\n" for line in encoded)
    return "".join(as_text(line) + "\n" for line in lines)


# The only fields of the results typed to hold a float (tests/test_formats.py holds this).
FLOAT_FIELDS = ("score", "score_value")


def holds_floats(answer: Answer) -> bool:
    """Whether the answer's JSON may hold a float: one of its results, or of the results they
    hold (a committee's members, an agency's roles, a model's facets), or of the question's
    answer, has one in a FLOAT_FIELDS field, or the query echoes one."""
    answers = [answer.results]
    if answer.interpretation is not None:
        answers.append(answer.interpretation.answer.results)
    if any(any(map(_has_float, results)) for results in answers):
        return True
    echoed = [answer.query]
    if answer.interpretation is not None:
        echoed += [answer.interpretation.args, answer.interpretation.answer.query]
    return any(isinstance(v, float) for query in echoed for v in query.values())


def _has_float(result: Any) -> bool:
    """Whether the result, or a result it holds, has a float in one of FLOAT_FIELDS."""
    fields, holder = _KINDS.get(type(result)) or _kind(type(result))
    for name in fields:
        if isinstance(getattr(result, name), float):
            return True
    return holder and any(map(_has_float, parts_of(result)))


def _kind(kind: type) -> tuple[tuple[str, ...], bool]:
    """The FLOAT_FIELDS a result type has, and whether it holds other results: worked out
    once a type. Asked of each result, they cost 5 M instructions at 1,000 sources (getattr
    with a default raises and catches an AttributeError where the field is missing, and
    isinstance of a Struct type calls its metaclass's check)."""
    fields = getattr(kind, "__struct_fields__", ())
    known = _KINDS[kind] = (
        tuple(n for n in FLOAT_FIELDS if n in fields),
        issubclass(kind, HOLDERS),
    )
    return known


_KINDS: dict[type, tuple[tuple[str, ...], bool]] = {}


def dumps(
    value: Any, indent: int | None = None, ascii_only: bool = False, floats: bool = True
) -> str:
    """`json.dumps(value, ensure_ascii=ascii_only, indent=indent)`, written by msgspec whenever
    its text is the same: msgspec is loaded anyway, while importing json costs ~1.5 ms and json
    indents in pure Python. One difference, on purpose: a non-finite float (the loader refuses
    them) is written null, valid JSON, where json writes NaN or Infinity. `floats=False` says
    the value holds none, so that the text need not be read again to compare how each float
    is written (at 1,000 sources that reading cost 25 M instructions)."""
    return as_text(written(value, indent, ascii_only, floats))


def written(
    value: Any, indent: int | None = None, ascii_only: bool = False, floats: bool = True
) -> str | bytes:
    """`dumps`' text, as the UTF-8 bytes msgspec writes where it writes it: stdout takes them
    as they are (output.write), where decoding them, and encoding them again for stdout, cost
    14 M instructions for the 833 kB of JSON of 1,000 sources."""
    if not ascii_only:
        try:
            encoded = msgspec.json.encode(value, enc_hook=text_of)
        except (TypeError, ValueError, OverflowError, UnicodeEncodeError):
            encoded = None  # keys json writes and msgspec refuses (true, null), huge integers
        if encoded is not None and (not floats or _floats_read_alike(encoded)):
            return msgspec.json.format(encoded, indent=indent or 0)
    import json

    return json.dumps(value, ensure_ascii=ascii_only, indent=indent, default=_shape)


def _shape(value: Any) -> Any:
    """What json writes for a typed result (a msgspec Struct): its JSON shape."""
    if isinstance(value, msgspec.Struct):
        return msgspec.to_builtins(value, enc_hook=text_of)
    raise TypeError(type(value).__name__)


def _floats_read_alike(encoded: bytes) -> bool:
    """Whether json would write every float of this text as msgspec did. json uses repr(), with
    an exponent below 1e-4 ('1e-05', msgspec '0.00001') and from 1e16 on ('1e+16', msgspec
    '1e16'). Decoding hands each float's text to the hook and nothing else: a few times faster
    than a pattern over the whole text, which is mostly quotes."""
    global _FLOAT_CHECK
    if _FLOAT_CHECK is None:
        _FLOAT_CHECK = msgspec.json.Decoder(float_hook=_float_alike)
    try:
        _FLOAT_CHECK.decode(encoded)
    except (ValueError, msgspec.DecodeError):  # ValidationError: the hook refused one
        return False
    return True


def _float_alike(text: str) -> float:
    if "e" in text or "E" in text or text.lstrip("-").startswith("0.0000"):
        raise ValueError(text)
    return float(text)


_FLOAT_CHECK: msgspec.json.Decoder[Any] | None = None


def text_of(value: Any) -> str:
    """A catalogue Message (a str subclass, which msgspec leaves to this hook) is its text."""
    if isinstance(value, str):
        return str.__str__(value)
    raise TypeError(type(value).__name__)
