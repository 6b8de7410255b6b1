"""Schema and cross-reference checks of fact files -> problems with file:line.

Each file is checked on its own (shape, types, dates), then the files are layered (a later
file's entry replaces an earlier one with the same id, with a notice), then references,
uniqueness and committee periods are checked over the layered whole.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import labels
from ..messages import say
from ..text.dates import date_bounds, date_problem
from .problems import Problem
from .yamlread import YList, YMap

SECTIONS = ("sources", "entities", "instruments", "committee_states", "statements", "glossary")
TOP_KEYS = {"schema_version", "data_as_of", *SECTIONS}

ENTITY_KINDS = {
    "agency", "body", "working-group", "definer", "model", "person", "place",
    "organisation", "system", "program",
}  # fmt: skip
# The codes a fact file may use are the codes labels.py names (each with its vi/en words).
INSTRUMENT_TYPES = set(labels.INSTRUMENT_TYPES)
RELATION_TYPES = set(labels.RELATIONS)
STATUS_CODES = set(labels.STATUS)
CHANGES = set(labels.CHANGES)
POSITIONS = set(labels.POSITIONS)
# How exact a validity date is: the date's own length says day/month/year; "reported" marks a
# change known only from a report of that day (it happened then or a little before).
PRECISIONS = {"day", "month", "year", "reported"}
TRANSLATABLE = {"text", "text_en", "title", "title_en"}
FACETS = set(labels.FACETS)
LANGS = {"vi", "en"}

_ID = re.compile(r"[a-z0-9][a-z0-9.\-]*")
# --- field specs ---------------------------------------------------------------------------
# A spec maps a field name to (check, required). A check returns an error message or None;
# reference checks are deferred (they need the layered whole).

Check = Callable[[Any], "str | None"]


def _text(v: Any) -> str | None:
    if not isinstance(v, str):
        return say("v.not_text", kind=_kind(v))
    return None if v.strip() else say("v.empty")


def _date(v: Any) -> str | None:
    return _text(v) or date_problem(v)


def _url(v: Any) -> str | None:
    err = _text(v)
    if err:
        return err
    if not re.match(r"https?://[^\s/]+\.[^\s]+$", v):
        return say("v.not_url", value=v)
    if not v.isprintable() or any(c in _NOT_IN_URL for c in v):
        return say("v.url_char", value=v)
    return None


_NOT_IN_URL = frozenset('<>"`{}|\\^')


def _int(v: Any) -> str | None:
    return None if isinstance(v, int) and not isinstance(v, bool) else say("v.not_whole")


def _num_or_text(v: Any) -> str | None:
    ok = isinstance(v, (int, float, str)) and not isinstance(v, bool)
    return None if ok else say("v.not_number")


def _bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else say("v.not_bool")


def _one_of(allowed: set[str]) -> Check:
    def check(v: Any) -> str | None:
        if isinstance(v, str) and v in allowed:
            return None
        return say("v.not_one_of", value=v, allowed=", ".join(sorted(allowed)))

    return check


def _id(v: Any) -> str | None:
    err = _text(v)
    if err:
        return err
    return None if _ID.fullmatch(v) else say("v.bad_id", value=v)


def _text_list(v: Any) -> str | None:
    if not isinstance(v, list):
        return say("v.not_list")
    bad = next((i for i in v if _text(i)), None)
    return None if bad is None else say("v.item_not_text")


def _text_map(v: Any) -> str | None:
    if not isinstance(v, dict):
        return say("v.not_text_map")
    return None if all(not _text(x) for x in v.values()) else say("v.value_not_text")


def _translations(v: Any) -> str | None:
    if not isinstance(v, list) or not all(isinstance(i, str) for i in v):
        return say("v.not_field_list")
    bad = [i for i in v if i not in TRANSLATABLE]
    allowed = ", ".join(sorted(TRANSLATABLE))
    return say("v.unknown_fields", names=", ".join(bad), allowed=allowed) if bad else None


class Ref:
    """A reference to another entry, checked after layering."""

    def __init__(self, *targets: str, many: bool = False) -> None:
        self.targets = targets
        self.many = many


Spec = dict[str, tuple["Check | Ref | str", bool]]

COMMON_TEXT: Spec = {
    "notes": (_text, False), "notes_en": (_text, False), "provenance": (_text, False),
}  # fmt: skip
PERIOD: Spec = {
    "valid_from": (_date, False), "valid_from_precision": (_one_of(PRECISIONS), False),
    "valid_until": (_date, False), "valid_until_precision": (_one_of(PRECISIONS), False),
}  # fmt: skip
CITATION: Spec = {
    "source": (Ref("sources"), True),
    "quote": (_text, True),
    "locator": (_text, False),
}
STATUS: Spec = {
    "code": (_one_of(STATUS_CODES), True),
    "as_of": (_date, False),
    "citations": ("citations", True),
    "note": (_text, False),
}
RELATION: Spec = {
    "type": (_one_of(RELATION_TYPES), True),
    "target": (Ref("instruments", "entities"), True),
    "note": (_text, False),
}
SPECS: dict[str, Spec] = {
    "sources": {
        "id": (_id, True), "title": (_text, True), "publisher": (_text, False),
        "author": (_text, False), "reviewed_by": (_text, False), "date": (_date, False),
        "url": (_url, False), "seed": (_text, False), "external": (_bool, False),
        "language": (_one_of(LANGS), False), "inferred": (_text_map, False), **COMMON_TEXT,
    },
    "entities": {
        "id": (_id, True), "kind": (_one_of(ENTITY_KINDS), True), "name": (_text, True),
        "name_en": (_text, False), "short": (_text, False), "aliases": (_text_list, False),
        "parent": (Ref("entities"), False), **PERIOD, "ended_by": (Ref("instruments"), False),
        "successor": (_text, False), "citations": ("citations", False), **COMMON_TEXT,
    },
    "instruments": {
        "id": (_id, True), "number": (_text, True), "type": (_one_of(INSTRUMENT_TYPES), True),
        "issuer": (Ref("entities"), False), "date": (_date, False), "title": (_text, True),
        "title_en": (_text, False), "relations": ("relations", False),
        "citations": ("citations", True), "aliases": (_text_list, False),
        "signer": (_text, False), "proposed_by": (_text, False), "gazetted": (_date, False),
        "effective_from": (_date, False), "effective_until": (_date, False),
        "status": ("status", False), "status_unverified": (_text, False),
        "inferred": (_text_map, False), "translations": (_translations, False), **COMMON_TEXT,
    },
    "committee_states": {
        "id": (_id, True), "body": (Ref("entities"), True), "name": (_text, True),
        "name_en": (_text, False), **PERIOD, "valid_from": (_date, True),
        "instrument": (Ref("instruments"), False), "change": (_one_of(CHANGES), True),
        "ended_by": (Ref("instruments"), False), "citations": ("citations", True),
        **COMMON_TEXT,
    },
    "statements": {
        "id": (_id, True), "kind": (_text, True), "subject": (Ref("entities"), False),
        "title": (_text, False), "title_en": (_text, False), "text": (_text, False),
        "text_en": (_text, False), "date": (_date, False), **PERIOD,
        "translations": (_translations, False),
        "refs": (Ref("instruments", "entities", many=True), False),
        "citations": ("citations", True), **COMMON_TEXT,
    },
    "glossary": {
        "id": (_id, True), "term": (_text, True),
        "expansions": (lambda v: _text_list(v) or (None if v else say("v.empty")), True),
        "name_en": (_text, False), **COMMON_TEXT,
    },
}  # fmt: skip

# The own fields of each statement kind (docs/FACTS.md).
KIND_FIELDS: dict[str, Spec] = {
    "definition": {"year": (_int, False), "language": (_one_of(LANGS), False),
                   "term": (_text, False)},
    "note": {"about": (_text, False)},
    "role": {"role": (_text, False), "basis": (Ref("instruments"), False),
             "locator": (_text, False), "scope": (Ref("entities"), False)},
    "task-transfer": {"from": (Ref("entities"), True), "to": (Ref("entities"), True),
                      "basis": (Ref("instruments"), False)},
    "membership": {"state": (Ref("committee_states"), True),
                   "position": (_one_of(POSITIONS), True), "holder": (_text, True),
                   "person": (Ref("entities"), False), "org": (Ref("entities"), False)},
    "model": {"facet": (_one_of(FACETS), True)},
    "goal": {}, "purpose": {}, "target": {}, "phase": {}, "context": {},
    "event": {},
    "ranking": {"year": (_int, False), "rank": (_int, False), "of": (_int, False),
                "score": (_num_or_text, False), "group": (_text, False)},
    "interview": {"question": (_text, False)},
}  # fmt: skip


def _kind(v: Any) -> str:
    key = {dict: "v.kind.mapping", list: "v.kind.list", type(None): "v.kind.empty"}.get(type(v))
    return say(key) if key else say("v.kind.other", name=type(v).__name__)


# --- per-file checks -----------------------------------------------------------------------


@dataclass
class Entry:
    section: str
    data: dict[str, Any]
    file: str
    line: int
    refs: list[tuple[str, int, Ref, Any]] = field(default_factory=list)  # (field, line, ref, val)


@dataclass
class FileResult:
    schema_version: Any = None
    data_as_of: Any = None
    entries: list[Entry] = field(default_factory=list)


def check_file(tree: Any, name: str, problems: list[Problem]) -> FileResult:
    result = FileResult()
    if not isinstance(tree, YMap):
        problems.append(Problem(name, 1, say("v.top_not_mapping", kind=_kind(tree))))
        return result
    for key, line in tree.key_lines.items():
        if key not in TOP_KEYS and "\x00" not in key:
            allowed = ", ".join(sorted(TOP_KEYS))
            problems.append(Problem(name, line, say("v.unknown_top_key", key=key, allowed=allowed)))
    result.schema_version = tree.get("schema_version")
    version = tree.get("schema_version")
    if "schema_version" in tree and (type(version) is not int or version != 1):  # not True
        line = tree.key_lines["schema_version"]
        problems.append(Problem(name, line, say("v.schema_version")))
    if "data_as_of" in tree:
        err = _date(tree["data_as_of"])
        if err:
            at = tree.key_lines["data_as_of"]
            problems.append(Problem(name, at, say("v.key_problem", key="data_as_of", problem=err)))
        else:
            result.data_as_of = tree["data_as_of"]
    for section in SECTIONS:
        items = tree.get(section)
        if items is None:
            continue
        if not isinstance(items, YList):
            where = tree.key_lines.get(section)
            why = say("v.section_not_list", section=section, kind=_kind(items))
            problems.append(Problem(name, where, why))
            continue
        for item, line in zip(items, items.item_lines, strict=True):
            entry = _check_item(section, item, name, line, problems)
            if entry:
                result.entries.append(entry)
    return result


def _check_item(
    section: str, item: Any, name: str, line: int, problems: list[Problem]
) -> Entry | None:
    if not isinstance(item, YMap):
        problems.append(Problem(name, line, say("v.item_not_mapping", section=section)))
        return None
    spec = dict(SPECS[section])
    own: Spec = {}
    if section == "statements":
        kind = item.get("kind")
        if isinstance(kind, str) and kind in KIND_FIELDS:
            own = KIND_FIELDS[kind]
        elif "kind" in item:
            kinds = ", ".join(sorted(KIND_FIELDS))
            why = say("v.not_one_of", value=kind, allowed=kinds)
            problems.append(
                Problem(name, item.key_lines["kind"], say("v.key_problem", key="kind", problem=why))
            )
    entry = Entry(section, {}, name, line)
    label: str = say("v.item_of", section=section)
    if isinstance(item.get("id"), str):
        label = f"'{item['id']}'"
    _check_fields(item, {**spec, **own}, entry, label, problems, set(own))
    if section == "statements":
        data = entry.data
        data["fields"] = {k: data.pop(k) for k in list(data) if k in own}
        if data.get("kind") == "event" and "date" not in data:
            problems.append(Problem(name, line, say("v.event_date", label=label)))
        for key in ("text_en", "title_en"):
            if key in data and key not in data.get("translations", []):
                where = item.key_lines.get(key, line)
                why = say("v.own_translation", label=label, key=key)
                problems.append(Problem(name, where, why))
    _check_period(entry, item, label, problems)
    if section == "instruments":
        _check_status_words(entry, item, label, problems)
        _check_title_en(entry, item, label, problems)
    return entry


def _check_title_en(entry: Entry, item: YMap, label: str, problems: list[Problem]) -> None:
    """An English title that none of the instrument's quotes gives is cpdt's translation."""
    data = entry.data
    title_en = data.get("title_en")
    if not isinstance(title_en, str) or "title_en" in data.get("translations", []):
        return
    quotes = " ".join(
        c.get("quote", "") for c in data.get("citations", []) if isinstance(c, dict)
    ).casefold()
    if " ".join(title_en.split()).casefold() not in " ".join(quotes.split()):
        where = item.key_lines.get("title_en", item.line)
        why = say("v.title_en", label=label)
        problems.append(Problem(entry.file, where, why))


def _check_status_words(entry: Entry, item: YMap, label: str, problems: list[Problem]) -> None:
    """A date of entry into force or of ending is shown with the source's own words."""
    codes = {claim.get("code") for claim in entry.data.get("status", [])}
    for key, wanted in (("effective_from", {"in-force"}), ("effective_until", {"ended", "partly"})):
        if key in entry.data and not codes & wanted:
            a, *b = sorted(wanted)
            words = say("v.two_words", a=a, b=b[0]) if b else say("v.one_word", a=a)
            problems.append(Problem(entry.file, item.key_lines.get(key, item.line),
                say("v.status_words", label=label, key=key, words=words)))  # fmt: skip


def _check_fields(
    item: YMap, spec: Spec, entry: Entry, label: str, problems: list[Problem], own: set[str]
) -> None:
    name = entry.file
    for key, line in item.key_lines.items():
        if "\x00" in key:
            continue  # duplicate key, already reported
        if key not in spec:
            allowed = ", ".join(sorted(spec))
            problems.append(
                Problem(name, line, say("v.unknown_field", label=label, key=key, allowed=allowed))
            )
    for key, (check, required) in spec.items():
        line = item.key_lines.get(key, item.line)
        if key not in item or item[key] is None:
            if required:
                problems.append(Problem(name, line, say("v.missing_field", label=label, key=key)))
            continue
        value = item[key]
        if check == "citations":
            of = say("v.citation_of", label=label)
            value = _check_list(value, CITATION, entry, of, line, problems, key)
            if value == []:
                problems.append(Problem(name, line, say("v.no_citation", label=label)))
        elif check == "relations":
            of = say("v.relation_of", label=label)
            value = _check_list(value, RELATION, entry, of, line, problems, key)
        elif check == "status":
            of = say("v.status_of", label=label)
            value = _check_list(value, STATUS, entry, of, line, problems, key)
        elif isinstance(check, Ref):
            err = (_text_list if check.many else _text)(value)
            if err:
                problems.append(
                    Problem(name, line, say("v.field_problem", label=label, key=key, problem=err))
                )
                continue
            entry.refs.append((key, line, check, value))
        else:
            assert callable(check)
            err = check(value)
            if err:
                problems.append(
                    Problem(name, line, say("v.field_problem", label=label, key=key, problem=err))
                )
                continue
        entry.data[key] = value


def _check_list(
    value: Any, spec: Spec, entry: Entry, label: str, line: int, problems: list[Problem], key: str
) -> list[dict[str, Any]]:
    if not isinstance(value, YList):
        problems.append(Problem(entry.file, line, say("v.list_field", label=label, key=key)))
        return []
    out = []
    for sub, sub_line in zip(value, value.item_lines, strict=True):
        if not isinstance(sub, YMap):
            problems.append(Problem(entry.file, sub_line, say("v.label_not_mapping", label=label)))
            continue
        part = Entry(entry.section, {}, entry.file, sub_line)
        _check_fields(sub, spec, part, label, problems, set())
        entry.refs.extend(part.refs)
        out.append(part.data)
    return out


def _check_period(entry: Entry, item: YMap, label: str, problems: list[Problem]) -> None:
    for first, last in (("valid_from", "valid_until"), ("effective_from", "effective_until")):
        start, end = entry.data.get(first), entry.data.get(last)
        if not (start and end):
            continue
        line = item.key_lines.get(last, item.line)
        if date_bounds(start)[0] > date_bounds(end)[1]:
            why = say("v.before", label=label, last=last, end=end, first=first, start=start)
            problems.append(Problem(entry.file, line, why))
        elif start == end and len(end) == 10:  # the end is exclusive: not one day held
            why = say("v.empty_period", label=label, last=last, end=end, first=first)
            problems.append(Problem(entry.file, line, why))


# --- layered checks ------------------------------------------------------------------------


@dataclass
class Layered:
    schema_version: int
    data_as_of: str
    sections: dict[str, dict[str, dict[str, Any]]]
    notices: list[str]


def layer(results: list[tuple[str, FileResult]], problems: list[Problem]) -> Layered:
    sections: dict[str, dict[str, Entry]] = {s: {} for s in SECTIONS}
    owner: dict[str, Entry] = {}
    notices: list[str] = []
    data_as_of = None
    for index, (name, result) in enumerate(results):
        if result.data_as_of:
            data_as_of = max(data_as_of or "", result.data_as_of)
        seen_here: dict[str, Entry] = {}
        for entry in result.entries:
            ident = entry.data.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen_here:
                first = seen_here[ident]
                why = say("v.duplicate_id", id=ident, line=first.line)
                problems.append(Problem(name, entry.line, why))
                continue
            seen_here[ident] = entry
            previous = owner.get(ident)
            if previous is not None and index > 0 and previous.file != name:
                if previous.section != entry.section:
                    where = f"{previous.file}:{previous.line}"
                    what = say(f"v.a.{previous.section}")
                    why = say("v.overlay_kind", id=ident, what=what, where=where)
                    problems.append(Problem(name, entry.line, why))
                    continue
                notices.append(
                    say("overrides", where=f"{name}:{entry.line}", id=ident,
                        previous=f"{previous.file}:{previous.line}").stored()
                )  # fmt: skip
                del sections[previous.section][ident]
            owner[ident] = entry
            sections[entry.section][ident] = entry
    first_name = results[0][0] if results else "?"
    base = results[0][1] if results else FileResult()
    if base.schema_version is None:
        problems.append(Problem(first_name, 1, say("v.missing_key", key="schema_version")))
    if data_as_of is None:
        problems.append(Problem(first_name, 1, say("v.missing_key", key="data_as_of")))
    _check_refs(sections, problems)
    _check_committee_periods(sections["committee_states"], problems)
    _check_successors(sections, problems)
    _check_replacements(sections["instruments"], problems)
    return Layered(
        schema_version=1,
        data_as_of=data_as_of or "",
        sections={s: {i: e.data for i, e in es.items()} for s, es in sections.items()},
        notices=notices,
    )


MAX_CLOSE_HINTS = 5  # "did you mean" by similarity costs a pass over every id: only this often


def _check_refs(sections: dict[str, dict[str, Entry]], problems: list[Problem]) -> None:
    """Every reference resolves. Linear in the data: a dangling reference gets a hint from a
    lookup table; only the first few are compared with every id for a close spelling."""
    hints = _Hints(sections)
    for entries in sections.values():
        for entry in entries.values():
            for key, line, ref, value in entry.refs:
                for target in value if ref.many else [value]:
                    if not any(target in sections[t] for t in ref.targets):
                        what: str = say(f"v.one.{ref.targets[0]}")
                        for other in ref.targets[1:]:
                            what = say("v.or", a=what, b=say(f"v.one.{other}"))
                        hint = hints.near(target, ref.targets)
                        why = say("v.no_target", key=key, what=what, target=target, hint=hint)
                        problems.append(Problem(entry.file, line, why))


class _Hints:
    def __init__(self, sections: dict[str, dict[str, Entry]]) -> None:
        self.sections = sections
        self.close_left = MAX_CLOSE_HINTS
        self.by_tail: dict[tuple[str, str], str] | None = None

    def near(self, target: str, wanted: tuple[str, ...]) -> str:
        for section, entries in self.sections.items():
            if target in entries:  # the right id, the wrong kind of thing
                return say("v.is_a", id=target, what=say(f"v.a.{section}"))
        if self.by_tail is None:  # built once: the last part of every id ("org.mic" -> "mic")
            self.by_tail = {}
            for section, entries in self.sections.items():
                for ident in entries:
                    self.by_tail.setdefault((section, ident.rsplit(".", 1)[-1]), ident)
        tail = target.rsplit(".", 1)[-1]
        for section in wanted:
            same = self.by_tail.get((section, tail))
            if same is not None:
                return say("v.did_you_mean", id=same)
        if self.close_left <= 0:
            return ""
        self.close_left -= 1
        return _near(target, (i for t in wanted for i in self.sections[t]))


def _near(target: str, ids: Iterator[str]) -> str:
    import difflib

    close = difflib.get_close_matches(target, list(ids), n=1)
    return say("v.did_you_mean", id=close[0]) if close else ""


def _check_committee_periods(states: dict[str, Entry], problems: list[Problem]) -> None:
    by_body: dict[str, list[Entry]] = {}
    for entry in states.values():
        if "valid_from" in entry.data and "body" in entry.data:
            by_body.setdefault(entry.data["body"], []).append(entry)
    for entries in by_body.values():
        entries.sort(key=lambda e: date_bounds(e.data["valid_from"])[0])
        for before, after in itertools.pairwise(entries):
            end = before.data.get("valid_until")
            start = after.data["valid_from"]
            if end is None or date_bounds(end)[0] > date_bounds(start)[0]:
                message = say("v.overlap", after=after.data["id"], start=start,
                              before=before.data["id"], end=end or say("v.open_ended"))  # fmt: skip
                problems.append(Problem(after.file, after.line, message))


def _check_successors(sections: dict[str, dict[str, Entry]], problems: list[Problem]) -> None:
    """A body or office that ended names its successor (an entity id) or says "none"."""
    for entry in sections["entities"].values():
        data = entry.data
        successor = data.get("successor")
        if data.get("valid_until") and successor is None:
            why = say("v.no_successor", id=data["id"], until=data["valid_until"])
            problems.append(Problem(entry.file, entry.line, why))
        elif successor not in (None, "none") and successor not in sections["entities"]:
            problems.append(Problem(entry.file, entry.line, say("v.successor_id", id=successor)))
        elif successor is not None and not data.get("valid_until"):
            why = say("v.successor_alone", id=data["id"])
            problems.append(Problem(entry.file, entry.line, why))


def _check_replacements(instruments: dict[str, Entry], problems: list[Problem]) -> None:
    """An instrument replaced or repealed by another is no longer in force once that one took
    effect: its effective_until must say so, no later than the other's effective_from."""
    for entry in instruments.values():
        start = entry.data.get("effective_from")
        for rel in entry.data.get("relations", []):
            old = instruments.get(rel.get("target", ""))
            if rel.get("type") not in ("replaces", "repeals") or old is None or not start:
                continue
            end = old.data.get("effective_until")
            if end is None or date_bounds(end)[0] > date_bounds(start)[1]:
                how = say(f"v.replaced.{rel['type']}")
                message = say("v.replaced", old=old.data["id"], how=how, new=entry.data["id"],
                              start=start, end=end or say("v.missing"))  # fmt: skip
                problems.append(Problem(old.file, old.line, message))
