"""Questions about time: the committee as it stood, and the timeline. Answered from the
validity dates in the data, never from dates written into code."""

from __future__ import annotations

import re
from typing import Any

from .dates import date_bounds, date_problem
from .errors import NotFound, UsageError
from .model import CommitteeState, Facts
from .queries import Answer, Result, _words_in, citations, entity_ref, statement_result

POSITIONS = {
    "chair": "Chủ tịch",
    "standing-vice-chair": "Phó Chủ tịch thường trực",
    "vice-chair": "Phó Chủ tịch",
    "standing-member": "Ủy viên thường trực",
    "secretary-general": "Tổng thư ký",
    "member": "Ủy viên",
    "wg-leader": "Tổ trưởng Tổ công tác",
    "wg-standing-deputy": "Tổ phó thường trực Tổ công tác",
    "wg-deputy": "Tổ phó Tổ công tác",
    "wg-standing-body": "Cơ quan thường trực Tổ công tác",
}
_POSITION_ORDER = list(POSITIONS)

MIN_YEAR, MAX_YEAR = 1900, 2100


def parse_day(value: str, option: str) -> str:
    """A full date from the command line, YYYY-MM-DD (also D/M/YYYY, as Vietnamese write it)."""
    text = value.strip()
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if m:
        text = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) or date_problem(text):
        raise UsageError(
            f"{option} '{value}' không phải là ngày hợp lệ (dạng YYYY-MM-DD, ví dụ 2021-09-24)"
        )
    return text


def check_year(year: int, option: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(f"{option} {year}: năm phải nằm trong khoảng {MIN_YEAR}–{MAX_YEAR}")


# --- committee -----------------------------------------------------------------------------


def committee(facts: Facts, year: int | None = None, on: str | None = None) -> Answer:
    """The national committee as it stood in a year, on a day, or (by default) at its latest."""
    if year is not None and on is not None:
        raise UsageError("dùng --year hoặc --on, không dùng cả hai")
    states = sorted(facts.committee_states.values(), key=lambda s: date_bounds(s.valid_from)[0])
    if not states:
        raise NotFound("dữ liệu không có thông tin về Ủy ban Quốc gia")
    first, last = states[0], states[-1]
    notices: list[str] = []
    query: dict[str, Any] = {"year": year, "on": on}
    lo: str | None = None
    hi: str | None = None
    if year is not None:
        check_year(year, "--year")
        lo, hi = f"{year}-01-01", f"{year}-12-31"
    elif on is not None:
        lo = hi = parse_day(on, "--on")
    if lo is None or hi is None:
        chosen = [last]
    else:
        if hi < date_bounds(first.valid_from)[0]:
            when = f"năm {year}" if year is not None else on
            raise NotFound(
                f"chưa có Ủy ban vào {when}: {first.name} được thành lập"
                f" {_when(first.valid_from)} theo {_number(facts, first.instrument)}",
                (f"thử: cpdt committee --year {first.valid_from[:4]}",),
            )
        chosen = [s for s in states if _overlaps(s, lo, hi)]
        if not chosen:  # after the last known state
            chosen = [last]
        last_change = last.valid_until or last.valid_from
        if lo > date_bounds(last_change)[1]:
            notices.append(
                f"sau thay đổi cuối cùng đã biết ({last_change}): dữ liệu cập nhật đến"
                f" {facts.data_as_of}, sau đó có thể đã khác"
            )
    if (
        last in chosen
        and last.valid_until
        and (hi is None or hi >= date_bounds(last.valid_until)[0])
    ):
        ended = facts.instruments.get(last.ended_by or "")
        what = f" theo {ended.number}: {ended.title}" if ended else ""
        notices.append(f"{last.name} đã chấm dứt từ {_when(last.valid_until)}{what}")
    results = [_state_result(facts, s) for s in chosen]
    return Answer("committee", query, results, notices)


def _overlaps(state: CommitteeState, lo: str, hi: str) -> bool:
    start = date_bounds(state.valid_from)[0]
    # valid_until is exclusive; a partial end date is a period of doubt, so keep the state
    # for every day it may still have stood.
    end = date_bounds(state.valid_until)[1] if state.valid_until else "9999-12-31"
    exclusive = state.valid_until is not None and len(state.valid_until) == 10
    return start <= hi and (lo < end if exclusive else lo <= end)


def _when(date: str) -> str:
    parts = date.split("-")
    if len(parts) == 3:
        return f"ngày {int(parts[2])}/{int(parts[1])}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {int(parts[1])}/{parts[0]}"
    return f"năm {date}"


def _number(facts: Facts, instrument_id: str) -> str:
    ins = facts.instruments.get(instrument_id)
    return f"{_TYPE_LABELS.get(ins.type, '')} {ins.number}".strip() if ins else instrument_id


def _state_result(facts: Facts, state: CommitteeState) -> Result:
    members = [
        s for s in facts.statements.values()
        if s.kind == "membership" and s.fields.get("state") == state.id
    ]  # fmt: skip
    members.sort(key=lambda s: _POSITION_ORDER.index(s.fields["position"]))
    items = []
    for st in members:
        item = statement_result(facts, st, POSITIONS[st.fields["position"]])
        item["position_label"] = POSITIONS[st.fields["position"]]
        item["person"] = entity_ref(facts, st.fields.get("person"))
        item["org"] = entity_ref(facts, st.fields.get("org"))
        items.append(item)
    ins = facts.instruments[state.instrument]
    ended = facts.instruments.get(state.ended_by) if state.ended_by else None
    return {
        "id": state.id,
        "kind": "committee-state",
        "title": state.name,
        "name": state.name,
        "name_en": state.name_en,
        "body": entity_ref(facts, state.body),
        "valid_from": state.valid_from,
        "valid_until": state.valid_until,
        "change": state.change,
        "instrument": {"id": ins.id, "number": ins.number, "date": ins.date, "title": ins.title},
        "ended_by": (
            {"id": ended.id, "number": ended.number, "date": ended.date, "title": ended.title}
            if ended
            else None
        ),
        "notes": state.notes,
        "members": items,
        "citations": citations(facts, state.citations),
    }


# --- timeline ------------------------------------------------------------------------------

_TYPE_LABELS = {
    "resolution": "Nghị quyết",
    "decree": "Nghị định",
    "decision": "Quyết định",
    "notice": "Thông báo",
    "regulation": "Quy chế",
    "law": "Luật",
    "circular": "Thông tư",
    "plan": "Kế hoạch",
    "directive": "Chỉ thị",
}
TIMELINE_KINDS = (*_TYPE_LABELS, "event", "ranking")


def timeline(
    facts: Facts,
    query: str | None = None,
    year: int | None = None,
    start: int | None = None,
    end: int | None = None,
    kind: str | None = None,
) -> Answer:
    """Dated instruments and events in order, optionally within years, of a kind, or matching."""
    for value, option in ((year, "--year"), (start, "--from"), (end, "--to")):
        if value is not None:
            check_year(value, option)
    if year is not None and (start is not None or end is not None):
        raise UsageError("dùng --year hoặc --from/--to, không dùng cả hai")
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {start} lớn hơn --to {end}")
    if kind is not None and kind not in TIMELINE_KINDS:
        raise UsageError(f"--kind '{kind}' không có; chọn một trong: {', '.join(TIMELINE_KINDS)}")
    lo = f"{year if year is not None else start if start is not None else 0:04d}"
    hi = f"{year if year is not None else end if end is not None else 9999:04d}"
    entries = [*_instrument_entries(facts), *_statement_entries(facts)]
    chosen = [
        e
        for e in entries
        if lo <= e["date"][:4] <= hi
        and (kind is None or e["kind"] == kind)
        and (not query or _words_in(query, e["_haystack"]))
    ]
    chosen.sort(
        key=lambda e: (
            date_bounds(e["date"])[0],
            e["id"],
            _EVENT_ORDER.index(e.get("event", "signed")),
        )
    )
    for e in chosen:
        del e["_haystack"]
    if not chosen:
        raise NotFound(
            "không có mốc nào khớp",
            ("thử bỏ bớt điều kiện, ví dụ: cpdt timeline --from 2018 --to 2019",),
        )
    query_doc = {"text": query, "year": year, "from": start, "to": end, "kind": kind}
    return Answer("timeline", query_doc, chosen)


_EVENT_ORDER = ("signed", "effective", "ended")


def _instrument_entries(facts: Facts) -> list[Result]:
    """One entry per event: signed (or adopted), took effect, ended; each with its words."""
    out = []
    for ins in facts.instruments.values():
        title = f"{_TYPE_LABELS.get(ins.type, ins.type)} {ins.number}"
        events = (
            ("signed", ins.date, ins.citations),
            ("effective", ins.effective_from,
             [c for claim in ins.status if claim.code == "in-force" for c in claim.citations]),
            ("ended", ins.effective_until,
             [c for claim in ins.status if claim.code in ("ended", "partly")
              for c in claim.citations]),
        )  # fmt: skip
        for event, date, cites in events:
            if not date:
                continue
            out.append({
                "id": ins.id,
                "kind": ins.type,
                "event": event,
                "title": title,
                "date": date,
                "text": ins.title,
                "number": ins.number,
                "issuer": entity_ref(facts, ins.issuer),
                "citations": citations(facts, cites or ins.citations),
                "_haystack": " ".join([title, ins.title, ins.title_en or "", *ins.aliases]),
            })  # fmt: skip
    return out


def _statement_entries(facts: Facts) -> list[Result]:
    out = []
    for st in facts.statements.values():
        date = st.date or (
            str(st.fields["year"]) if st.kind == "ranking" and "year" in st.fields else None
        )
        if not date or st.kind == "membership":
            continue
        entry = statement_result(facts, st)
        entry["date"] = date
        entry["kind"] = st.kind if st.kind in TIMELINE_KINDS else "event"
        entry["_haystack"] = " ".join([entry["title"], st.wording, st.text_en or ""])
        out.append(entry)
    return out
