"""The intermediate document every human format renders: items with footnote numbers, plus the
sources block, in the chosen language. Built from an Answer's results (the JSON contract shape),
so the plain, Rich, Markdown and CSV renderers all say the same thing.
"""

from typing import Any

import msgspec

from .i18n import tr
from .queries import Answer, Result

# Structs, not dataclasses: every human format builds these, and defining three dataclasses
# cost ~1.5 ms of each start (empty-list defaults are copied per instance, as with a factory).


class Item(msgspec.Struct):
    title: str
    text: str = ""
    marks: list[int] = []  # footnote numbers backing the text
    quotes: list[tuple[str, int]] = []  # shown when not the text
    meta: list[tuple[str, str]] = []
    children: list["Item"] = []


class Footnote(msgspec.Struct):
    number: int
    source: dict[str, Any]
    locator: str | None


class Document(msgspec.Struct):
    heading: str
    items: list[Item]
    footnotes: list[Footnote]
    sources_heading: str = "Nguồn"


HEADINGS = {
    "define": "Định nghĩa Chính phủ điện tử",
    "agency": "Cơ quan và nhiệm vụ",
    "committee": "Ủy ban Quốc gia",
    "models": "Các mô hình Chính phủ điện tử",
    "timeline": "Mốc thời gian",
    "law": "Văn bản pháp lý",
    "sources": "Tài liệu nguồn",
    "search": "Kết quả tìm kiếm",
}

META_LABELS = {
    "year": "Năm",
    "language": "Ngôn ngữ",
    "term": "Thuật ngữ",
    "date": "Ngày",
    "valid_from": "Hiệu lực từ",
    "valid_until": "đến",
    "publisher": "Nơi đăng",
    "author": "Tác giả",
    "reviewed_by": "Người kiểm duyệt",
    "url": "URL",
}
_OWN_META = {
    "committee-state": ("valid_from", "valid_until"),
    "membership": ("text_en",),
    "agency": ("valid_from", "valid_until"),
    "instrument": ("date",),
}  # fmt: skip
# Maintainers' fields: in --json and `cpdt check --provenance`, never in a human answer.
PROVENANCE_KEYS = ("provenance", "inferred")
_TYPE_LABELS = {
    "resolution": "Nghị quyết", "decree": "Nghị định", "decision": "Quyết định",
    "notice": "Thông báo", "regulation": "Quy chế", "law": "Luật", "circular": "Thông tư",
    "plan": "Kế hoạch", "directive": "Chỉ thị",
}  # fmt: skip
_POSITIONS = {
    "chair": "Chủ tịch", "standing-vice-chair": "Phó Chủ tịch thường trực",
    "vice-chair": "Phó Chủ tịch", "standing-member": "Ủy viên thường trực",
    "secretary-general": "Tổng thư ký", "member": "Ủy viên",
    "wg-leader": "Tổ trưởng Tổ công tác", "wg-standing-deputy": "Tổ phó thường trực Tổ công tác",
    "wg-deputy": "Tổ phó Tổ công tác", "wg-standing-body": "Cơ quan thường trực Tổ công tác",
}  # fmt: skip


def localized(result: Result, lang: str) -> tuple[str, str, str | None]:
    """Title and text in `lang` where the data has them, and the Vietnamese they replace."""
    title = str(result.get("title", ""))
    text = str(result.get("text") or "")
    if lang != "en":
        return _with_event(title, result, lang), text, None
    original = None
    kind = str(result.get("kind"))
    if result.get("name_en"):
        original, title = title, str(result["name_en"])
    elif result.get("number") and (kind == "instrument" or kind in _TYPE_LABELS):
        type_ = str(result.get("type", kind))
        title = f"{tr(_TYPE_LABELS.get(type_, type_), lang)} {result['number']}"
    elif kind == "membership" and result.get("position") in _POSITIONS:
        title = tr(_POSITIONS[result["position"]], lang)
    else:
        title = tr(title, lang)
    english_text = result.get("text_en") or result.get("title_en")
    if english_text and text:
        original, text = original or text, str(english_text)
    return _with_event(title, result, lang), text, original


def _with_event(title: str, result: Result, lang: str) -> str:
    """A timeline entry of an instrument says which event it is (issued, took effect, ended)."""
    event = result.get("event")
    return f"{title} — {tr(EVENT_LABELS[event], lang)}" if event in EVENT_LABELS else title


class _Notes:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.by_key: dict[tuple[str, str | None], Footnote] = {}

    def mark(self, citation: dict[str, Any]) -> int:
        key = (citation["source"]["id"], citation.get("locator"))
        if key not in self.by_key:
            self.by_key[key] = Footnote(len(self.by_key) + 1, citation["source"], key[1])
        return self.by_key[key].number

    def t(self, text: str) -> str:
        return tr(text, self.lang)


def build_document(answer: Answer, lang: str = "vi") -> Document:
    notes = _Notes(lang)
    first = answer.interpretation  # search: the reference answer a question maps onto
    read = [_interpretation(first, notes)] if first else []
    items = [describe(r, notes) for r in answer.results]
    heading = tr(HEADINGS.get(answer.command, answer.command), lang)
    from .messages import text

    return Document(
        f"{heading} — {text('results', lang, n=len(items))}",
        read + items,
        list(notes.by_key.values()),
        tr("Nguồn", lang),
    )


# what happened to an instrument on a timeline entry's date
EVENT_LABELS = {"signed": "ban hành", "effective": "có hiệu lực", "ended": "hết hiệu lực"}


def _interpretation(first: dict[str, Any], notes: _Notes) -> Item:
    """'Hiểu là: cpdt committee --year 2020', with that command's answer under it."""
    children = [describe(r, notes) for r in first["answer"]["results"]]
    return Item(title=f"{notes.t('Hiểu là')}: {first['cli']}", children=children)


def describe(result: Result, notes: _Notes, cite: bool = True) -> Item:
    title, text, original = localized(result, notes.lang)
    item = Item(title=title, text=text)
    extra = _EXTRAS.get(str(result.get("kind")))
    if extra is not None:
        cite = extra(result, item, notes)
    if cite:
        for citation in result.get("citations", []):
            n = notes.mark(citation)
            item.marks.append(n)
            if _squash(citation["quote"]) not in _squash(item.text):
                item.quotes.append((citation["quote"], n))
    skip = _OWN_META.get(str(result.get("kind")), ())
    for key, label in META_LABELS.items():
        value = result.get(key)
        if value in (None, "", [], False) or (key == "language" and value == "vi") or key in skip:
            continue
        shown = _day(result, key, notes) if key in ("valid_from", "valid_until") else str(value)
        if str(value) not in item.title:
            item.meta.append((notes.t(label), shown))
    membership = result.get("kind") == "membership"  # one line: its text is in --json
    if notes.lang == "en" and original and not membership and original != item.text:
        item.meta.append(("Vietnamese", original))
    if item.text and is_translation(result, notes.lang):
        item.text += f" ({notes.t('bản dịch của cpdt')})"
    note = result.get("notes_en") if notes.lang == "en" else None
    note = note or result.get("notes")
    if note:
        item.meta.append((notes.t("Ghi chú"), str(note)))
    return item


def is_translation(result: Result, lang: str) -> bool:
    """Whether the text shown is cpdt's own translation: in en, a flagged text_en or title_en;
    in vi, a text (an instrument's title) flagged as translated from English."""
    flagged = result.get("translations") or []
    if lang == "en":
        if result.get("text_en"):
            return "text_en" in flagged
        return bool(result.get("title_en")) and "title_en" in flagged
    return "text" in flagged


def _children(key: str) -> Any:
    """Render result[key] as child items; the parent's citations are its children's."""

    def extra(result: Result, item: Item, notes: _Notes) -> bool:
        item.children = [describe(child, notes) for child in result.get(key, [])]
        if result.get("valid_until"):
            item.meta.append((notes.t("Chấm dứt từ"), str(result["valid_until"])))
        if result.get("successor"):
            item.meta.append((notes.t("Cơ quan kế tục"), _name(result["successor"], notes.lang)))
        for before in result.get("predecessors") or []:
            item.meta.append((notes.t("Trước đó là"), _name(before, notes.lang)))
        return False

    return extra


def _name(ref: dict[str, Any], lang: str) -> str:
    return str(ref.get("name_en") or ref["name"]) if lang == "en" else str(ref["name"])


def _role(result: Result, item: Item, notes: _Notes) -> bool:
    if result.get("scope"):
        item.meta.append((notes.t("Phạm vi"), _name(result["scope"], notes.lang)))
    basis = result.get("basis")
    if basis:
        where = f", {result['locator']}" if result.get("locator") else ""
        item.meta.append((notes.t("Căn cứ"), f"{basis['number']}{where}"))
    if result.get("from") and result.get("to"):
        moved = f"{_name(result['from'], notes.lang)} → {_name(result['to'], notes.lang)}"
        item.meta.append((notes.t("Chuyển"), moved))
    return True


def _day(result: Result, key: str, notes: _Notes) -> str:
    """A validity date, with "(reported on)" where the change is known only from a report."""
    value = str(result[key])
    if result.get(f"{key}_precision") == "reported":
        value += f" ({notes.t('ngày đưa tin')})"
    return value


def _committee(result: Result, item: Item, notes: _Notes) -> bool:
    ins = result.get("instrument")
    until = result.get("valid_until")
    start = _day(result, "valid_from", notes)
    period = (
        f"{start} → {_day(result, 'valid_until', notes)}" if until else f"{notes.t('từ')} {start}"
    )
    if result.get("successor_of"):
        predecessor = _name(result["successor_of"], notes.lang)
        item.meta.append((notes.t("Cơ quan kế tục của"), predecessor))
    item.meta.append((notes.t("Thời kỳ"), period))
    change = _CHANGES.get(result.get("change", ""), "Văn bản")
    if ins:
        item.meta.append((notes.t(change), ins["number"]))
    else:
        item.meta.append((notes.t(change), notes.t("văn bản không nêu số hiệu trong nguồn")))
    if result.get("ended_by"):
        ended = result["ended_by"]
        dated = f" ({ended['date']})" if ended.get("date") else ""  # a date the data lacks: none
        what = f"{ended['number']}{dated}: {ended['title']}"
        item.meta.append((notes.t("Chấm dứt"), what))
    for citation in result.get("citations", []):
        item.marks.append(notes.mark(citation))
    item.children = [describe(m, notes) for m in result.get("members", [])]
    return False


def _membership(result: Result, item: Item, notes: _Notes) -> bool:
    """One line a member: the full statement and its quote are in --json and the footnote."""
    label = result.get("position_label", item.title)
    if notes.lang == "en":
        label = item.title
    item.title = f"{label}: {result.get('holder', '')}"
    if result.get("person") and result["person"]["name"] not in item.title:
        item.title += f" — {_name(result['person'], notes.lang)}"
    item.text = ""
    item.marks = [notes.mark(c) for c in result.get("citations", [])]
    return False


_CHANGES = {
    "founded": "Thành lập theo", "amended": "Sửa đổi theo", "renamed": "Đổi tên theo",
    "consolidated": "Kiện toàn theo", "members-approved": "Phê duyệt danh sách thành viên",
}  # fmt: skip


def _instrument(result: Result, item: Item, notes: _Notes) -> bool:
    if result.get("issuer"):
        item.meta.append((notes.t("Cơ quan ban hành"), _name(result["issuer"], notes.lang)))
    for rel in [*result.get("relations", []), *result.get("related_by", [])]:
        target = rel["target"]
        text = target["title"]
        if notes.lang == "en" and target.get("kind") == "instrument":
            label = next((t for t in _TYPE_LABELS.values() if text.startswith(f"{t} ")), "")
            text = notes.t(label) + text[len(label) :] if label else text
        founders = [f for f in target.get("established_by") or [] if f["id"] != result["id"]]
        if founders:
            by = ", ".join(f["number"] for f in founders)
            text += f" ({notes.t('thành lập theo')} {by})"
        label = notes.t(rel["label"])
        item.meta.append((label[:1].upper() + label[1:], text))
    t = notes.t
    derived = result.get("inferred") or {}
    for key, label in _INSTRUMENT_DATES.items():
        if result.get(key):
            value = str(result[key])
            if key in derived:  # how it was derived is in --json ("inferred"), for maintainers
                value += f" ({t('suy ra')})"
            item.meta.append((t(label), value))
    if result.get("chain"):
        links = [f"{link['number']} ({_span(link, notes)})" for link in result["chain"]]
        item.meta.append((t("Chuỗi thay thế"), " → ".join(links)))
    status = result.get("status")
    if status:
        label = t(STATUS_LABELS.get(status["code"], status["code"]))
        line = Item(title=f"{t('Tình trạng')} {t('vào ngày')} {status['on']}: {label}")
        for claim in status["words"]:
            for citation in claim["citations"]:
                n = notes.mark(citation)
                line.quotes.append((citation["quote"], n))
            if not claim.get("as_of"):
                line.meta.append((t("nguồn ghi"), t("ngày nguồn ghi không rõ")))
            if claim.get("note"):
                line.meta.append((t("Ghi chú"), str(claim["note"])))
        if status.get("note"):
            line.meta.append((t("Ghi chú"), str(status["note"])))
        item.children.append(line)
    if result.get("cited_by"):
        facts = [Item(title=f"{fact['id']}: {fact['text']}") for fact in result["cited_by"]]
        item.children.append(Item(title=notes.t("Dữ kiện dựa trên văn bản này"), children=facts))
    return True


# an instrument's legal status on a day, by code (law.status_on)
STATUS_LABELS = {
    "in-force": "còn hiệu lực",
    "partly": "còn hiệu lực một phần",
    "ended": "hết hiệu lực",
    "not-yet": "chưa có hiệu lực",
    "unknown": "chưa rõ",
}

_INSTRUMENT_DATES = {
    "date": "Ngày ban hành",
    "signer": "Người ký",
    "proposed_by": "Đề nghị",
    "gazetted": "Đăng Công báo",
    "effective_from": "Có hiệu lực từ",
    "effective_until": "Hết hiệu lực từ",
}


def _span(link: dict[str, Any], notes: _Notes) -> str:
    start, end = link.get("effective_from"), link.get("effective_until")
    if start and end:
        return f"{start} → {end}"
    if end:
        return f"→ {end}"
    return f"{notes.t('từ')} {start}" if start else str(link.get("date") or "?")


def _source(result: Result, item: Item, notes: _Notes) -> bool:
    item.meta.append((notes.t("Số mục trích dẫn"), str(result.get("cited_by", 0))))
    return False


_EXTRAS = {
    "agency": _children("roles"),
    "model": _children("facets"),
    "role": _role,
    "task-transfer": _role,
    "committee-state": _committee,
    "membership": _membership,
    "instrument": _instrument,
    "source": _source,
}


def _squash(text: str) -> str:
    return " ".join(text.split()).strip(" .…").replace("“", '"').replace("”", '"')


def footnote_text(note: Footnote) -> str:
    src = note.source
    parts = [f"“{src['title']}”"]
    parts += [p for p in (src.get("publisher"), src.get("date")) if p]
    line = ", ".join(parts)
    if note.locator:
        line += f" — {note.locator}"
    if src.get("url"):
        line += f". {src['url']}"
    return line
