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
_OWN_META = {"committee-state": ("valid_from", "valid_until"), "membership": ("text_en",)}
_TYPE_LABELS = {
    "resolution": "Nghị quyết", "decree": "Nghị định", "decision": "Quyết định",
    "notice": "Thông báo", "regulation": "Quy chế", "law": "Luật", "circular": "Thông tư",
    "plan": "Kế hoạch",
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
        return title, text, None
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
    return title, text, original


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
    return Document(
        f"{heading} — {len(items)} {tr('kết quả', lang)}",
        read + items,
        list(notes.by_key.values()),
        tr("Nguồn", lang),
    )


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
        if str(value) not in item.title:
            item.meta.append((notes.t(label), str(value)))
    if notes.lang == "en":
        if original and original != item.text:
            item.meta.append(("Vietnamese", original))
    elif result.get("text_en") and result.get("text_en") != item.text and "text_en" not in skip:
        item.meta.append(("English", str(result["text_en"])))
    if result.get("notes"):
        item.meta.append((notes.t("Ghi chú"), str(result["notes"])))
    return item


def _children(key: str) -> Any:
    """Render result[key] as child items; the parent's citations are its children's."""

    def extra(result: Result, item: Item, notes: _Notes) -> bool:
        item.children = [describe(child, notes) for child in result.get(key, [])]
        if result.get("name_en") and notes.lang != "en":
            item.meta.append(("English", str(result["name_en"])))
        return False

    return extra


def _name(ref: dict[str, Any], lang: str) -> str:
    return str(ref.get("name_en") or ref["name"]) if lang == "en" else str(ref["name"])


def _role(result: Result, item: Item, notes: _Notes) -> bool:
    basis = result.get("basis")
    if basis:
        where = f", {result['locator']}" if result.get("locator") else ""
        item.meta.append((notes.t("Căn cứ"), f"{basis['number']}{where}"))
    if result.get("from") and result.get("to"):
        moved = f"{_name(result['from'], notes.lang)} → {_name(result['to'], notes.lang)}"
        item.meta.append((notes.t("Chuyển"), moved))
    return True


def _committee(result: Result, item: Item, notes: _Notes) -> bool:
    ins = result["instrument"]
    until = result.get("valid_until")
    start = result["valid_from"]
    period = f"{start} → {until}" if until else f"{notes.t('từ')} {start}"
    item.meta.append((notes.t("Thời kỳ"), period))
    item.meta.append((notes.t(_CHANGES.get(result.get("change", ""), "Văn bản")), ins["number"]))
    if result.get("ended_by"):
        ended = result["ended_by"]
        what = f"{ended['number']} ({ended['date']}): {ended['title']}"
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
        item.title += f" ({result['person']['name']})"
    item.text = ""
    item.marks = [notes.mark(c) for c in result.get("citations", [])]
    if result.get("inferred"):
        item.meta.append((notes.t("Suy ra"), str(result["inferred"])))
    return False


_CHANGES = {"founded": "Thành lập theo", "amended": "Sửa đổi theo", "renamed": "Đổi tên theo"}


def _instrument(result: Result, item: Item, notes: _Notes) -> bool:
    if result.get("issuer"):
        item.meta.append((notes.t("Cơ quan ban hành"), _name(result["issuer"], notes.lang)))
    for rel in [*result.get("relations", []), *result.get("related_by", [])]:
        target = rel["target"]
        text = target["title"]
        if notes.lang == "en" and target.get("kind") == "instrument":
            text = " ".join([notes.t(text.split(" ", 1)[0]), *text.split(" ", 1)[1:]])
        founders = [f for f in target.get("established_by") or [] if f["id"] != result["id"]]
        if founders:
            by = ", ".join(f["number"] for f in founders)
            text += f" ({notes.t('thành lập theo')} {by})"
        label = notes.t(rel["label"])
        item.meta.append((label[:1].upper() + label[1:], text))
    if result.get("cited_by"):
        facts = [Item(title=f"{fact['id']}: {fact['text']}") for fact in result["cited_by"]]
        item.children.append(Item(title=notes.t("Dữ kiện dựa trên văn bản này"), children=facts))
    return True


def _source(result: Result, item: Item, notes: _Notes) -> bool:
    item.meta.append((notes.t("Số mục trích dẫn"), str(result.get("cited_by", 0))))
    for name, why in (result.get("inferred") or {}).items():
        item.meta.append((f"{notes.t('Suy ra')} ({name})", why))
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
