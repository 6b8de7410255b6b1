"""The intermediate document every human format renders: items with footnote numbers, plus the
sources block, in the chosen language. Built from an Answer's typed results (results.py), with
labels looked up by code (labels.py), so the plain, Rich, Markdown and CSV renderers all say
the same thing.
"""

from __future__ import annotations

import re

import msgspec

from ..answers import results as r
from ..answers.results import Answer
from ..i18n import tr
from ..labels import (
    CHANGES,
    EVENTS,
    FACETS,
    KINDS,
    POSITIONS,
    STATUS,
    instrument_name,
    label,
    relation,
)

# Structs, not dataclasses: every human format builds these, and defining three dataclasses
# cost ~1.5 ms of each start (empty-list defaults are copied per instance, as with a factory).


class Item(msgspec.Struct):
    title: str
    text: str = ""
    marks: list[int] = []  # footnote numbers backing the text
    quotes: list[tuple[str, int]] = []  # shown when not the text
    meta: list[tuple[str, str]] = []
    children: list[Item] = []
    row: list[str] = []  # a committee member as a table row: position, holder, period
    urls: list[str] = []  # shown on lines of their own


class Footnote(msgspec.Struct):
    number: int
    source: r.SourceRef
    locator: str | None

    @property
    def label(self) -> str:
        """Unique per source and locator, the same in every answer (Markdown's [^…])."""
        return _slug(self.source.id) + (f"-{_slug(self.locator)}" if self.locator else "")


class Document(msgspec.Struct):
    heading: str
    items: list[Item]
    footnotes: list[Footnote]
    sources_heading: str = "Nguồn"
    command: str = ""


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
}
MEMBER_COLUMNS = ("Chức vụ", "Người giữ", "Thời kỳ")

_INSTRUMENT_DATES = {
    "date": "Ngày ban hành",
    "signer": "Người ký",
    "proposed_by": "Đề nghị",
    "gazetted": "Đăng Công báo",
    "effective_from": "Có hiệu lực từ",
    "effective_until": "Hết hiệu lực từ",
}


def is_url(text: str) -> bool:
    return bool(re.fullmatch(r"https?://\S+", text))


def instrument_heading(type_: str, number: str, text: str, lang: str) -> str:
    """'Quyết định 1072/QĐ-TTg'; an instrument the sources give no number is named by its
    title ('Quy chế phối hợp …'), not by the placeholder."""
    if number.startswith("("):
        return text
    return instrument_name(type_, number, lang)


def _named(item: Item, name: str, name_en: str | None, lang: str) -> Item:
    """In English, a body known by its English name is shown with its Vietnamese one once."""
    if lang == "en" and name_en and name_en != name:
        item.meta.insert(0, ("Vietnamese", name))
    return item


def _name(ref: r.EntityRef, lang: str) -> str:
    return ref.name_en or ref.name if lang == "en" else ref.name


def _slug(text: str) -> str:
    """ASCII words joined by '-': 'Điều 11, khoản 3' -> 'dieu-11-khoan-3'."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_ = plain.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "x"


class _Notes:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.by_key: dict[tuple[str, str | None], Footnote] = {}

    def mark(self, citation: r.Citation) -> int:
        key = (citation.source.id, citation.locator)
        if key not in self.by_key:
            self.by_key[key] = Footnote(len(self.by_key) + 1, citation.source, key[1])
        return self.by_key[key].number

    def t(self, text: str) -> str:
        return tr(text, self.lang)


def build_document(answer: Answer, lang: str = "vi") -> Document:
    from ..messages import text

    notes = _Notes(lang)
    first = answer.interpretation  # search: the reference answer a question maps onto
    read = [_interpretation(first, notes)] if first else []
    items = [describe(x, notes) for x in answer.results]
    heading = tr(HEADINGS.get(answer.command, answer.command), lang)
    return Document(
        f"{heading} — {text('results', lang, n=len(items))}",
        read + items,
        list(notes.by_key.values()),
        tr("Nguồn", lang),
        answer.command,
    )


def _interpretation(first: r.Interpretation, notes: _Notes) -> Item:
    """'Hiểu là: cpdt committee --year 2020', with that command's answer under it."""
    children = [describe(x, notes) for x in first.answer.results]
    return Item(title=f"{notes.t('Hiểu là')}: {first.cli}", children=children)


def describe(result: r.Result, notes: _Notes) -> Item:
    if isinstance(result, r.Membership):
        return _membership(result, notes)
    if isinstance(result, r.Statement):
        return _statement(result, notes)
    if isinstance(result, r.Agency):
        return _agency(result, notes)
    if isinstance(result, r.Model):
        title = result.name_en or result.title if notes.lang == "en" else result.title
        item = Item(title=title, children=[describe(f, notes) for f in result.facets])
        return _named(item, result.title, result.name_en, notes.lang)
    if isinstance(result, r.CommitteeState):
        return _committee(result, notes)
    if isinstance(result, r.Instrument):
        return _instrument(result, notes)
    if isinstance(result, r.TimelineEntry):
        return _timeline(result, notes)
    if isinstance(result, r.Source):
        return _source(result, notes)
    return _entity(result, notes)


def _cite(item: Item, cites: list[r.Citation], notes: _Notes) -> None:
    for citation in cites:
        n = notes.mark(citation)
        item.marks.append(n)
        if _squash(citation.quote) not in _squash(item.text):
            item.quotes.append((citation.quote, n))


def _texts(text: str, text_en: str | None, translated: list[str], lang: str) -> tuple[str, str]:
    """The text to show in `lang` (with a mark when it is cpdt's own translation), and the
    Vietnamese it replaces in English (shown once, under it)."""
    if lang == "en" and text_en:
        ours = "text_en" in translated or "title_en" in translated
        mine = f" ({tr('bản dịch của cpdt', lang)})" if ours else ""
        return text_en + mine, text
    mine = f" ({tr('bản dịch của cpdt', lang)})" if "text" in translated and text else ""
    return text + mine, ""


def _statement_title(st: r.Statement, lang: str) -> str:
    if isinstance(st, r.Facet):
        return label(FACETS, st.facet, lang)
    if isinstance(st, r.Role) and not st.role:
        return label(KINDS, st.kind, lang)
    if st.title == st.text:  # no title of its own: name it by its kind
        return label(KINDS, st.kind, lang)
    if st.subject and st.title == st.subject.name:
        return _name(st.subject, lang)
    if isinstance(st, r.Definition) and st.subject is None:
        return f"{tr('Định nghĩa trong bài viết', lang)}: {st.title}"
    return st.title


def _statement(st: r.Statement, notes: _Notes) -> Item:
    lang = notes.lang
    text, original = _texts(st.text, st.text_en, st.translations, lang)
    item = Item(title=_statement_title(st, lang), text=text)
    if isinstance(st, r.Role):
        _role(st, item, notes)
    _cite(item, st.citations, notes)
    for key, name in META_LABELS.items():
        value = getattr(st, key, None)
        if value in (None, "") or (key == "language" and value == "vi"):
            continue
        shown = _day(value, getattr(st, f"{key}_precision", None), notes)
        if str(value) not in item.title:
            item.meta.append((notes.t(name), shown))
    if original and _squash(original) != _squash(st.text_en or ""):
        item.meta.append(("Vietnamese", original))
    note = (st.notes_en if lang == "en" else None) or st.notes
    if note:
        item.meta.append((notes.t("Ghi chú"), note))
    return item


def _role(st: r.Role, item: Item, notes: _Notes) -> None:
    if st.scope:
        item.meta.append((notes.t("Phạm vi"), _name(st.scope, notes.lang)))
    if st.basis:
        where = f", {st.locator}" if st.locator else ""
        item.meta.append((notes.t("Căn cứ"), f"{st.basis.number}{where}"))
    if st.from_ and st.to:
        moved = f"{_name(st.from_, notes.lang)} → {_name(st.to, notes.lang)}"
        item.meta.append((notes.t("Chuyển"), moved))


def _agency(a: r.Agency, notes: _Notes) -> Item:
    title = a.name_en or a.title if notes.lang == "en" else a.title
    item = Item(title=title, children=[describe(role, notes) for role in a.roles])
    if a.valid_until:
        item.meta.append((notes.t("Chấm dứt từ"), a.valid_until))
    if a.successor:
        item.meta.append((notes.t("Cơ quan kế tục"), _name(a.successor, notes.lang)))
    for before in a.predecessors:
        item.meta.append((notes.t("Trước đó là"), _name(before, notes.lang)))
    note = (a.notes_en if notes.lang == "en" else None) or a.notes
    if note:
        item.meta.append((notes.t("Ghi chú"), note))
    return _named(item, a.title, a.name_en, notes.lang)


def _day(value: object, precision: str | None, notes: _Notes) -> str:
    """A validity date, with "(reported on)" where the change is known only from a report."""
    shown = str(value)
    if precision == "reported":
        shown += f" ({notes.t('ngày đưa tin')})"
    return shown


def _period(start: str | None, until: str | None, notes: _Notes) -> str:
    if start and until:
        return f"{start} → {until}"
    if until:
        return f"→ {until}"
    return f"{notes.t('từ')} {start}" if start else ""


def _committee(s: r.CommitteeState, notes: _Notes) -> Item:
    lang = notes.lang
    item = Item(title=s.name_en or s.title if lang == "en" else s.title)
    start = _day(s.valid_from, s.valid_from_precision, notes)
    until = _day(s.valid_until, s.valid_until_precision, notes) if s.valid_until else None
    if s.successor_of:
        item.meta.append((notes.t("Cơ quan kế tục của"), _name(s.successor_of, lang)))
    item.meta.append((notes.t("Thời kỳ"), _period(start, until, notes)))
    change = label(CHANGES, s.change, lang)
    if s.instrument:
        item.meta.append((change, s.instrument.number))
    else:
        item.meta.append((change, notes.t("văn bản không nêu số hiệu trong nguồn")))
    if s.ended_by:
        ended = s.ended_by
        dated = f" ({ended.date})" if ended.date else ""  # a date the data lacks: none
        title = ended.title_en or ended.title if lang == "en" else ended.title
        item.meta.append((notes.t("Chấm dứt theo"), f"{ended.number}{dated}: {title}"))
    note = (s.notes_en if lang == "en" else None) or s.notes
    if note:
        item.meta.append((notes.t("Ghi chú"), note))
    for citation in s.citations:
        item.marks.append(notes.mark(citation))
    item.children = [_membership(m, notes, s) for m in s.members]
    return _named(item, s.title, s.name_en, lang)


def _membership(m: r.Membership, notes: _Notes, state: r.CommitteeState | None = None) -> Item:
    """One line a member: the full statement and its quote are in --json and the footnote."""
    lang = notes.lang
    position = label(POSITIONS, m.position, lang)
    holder = m.holder
    if m.person and m.person.name not in holder:
        holder += f" — {_name(m.person, lang)}"
    title = f"{position}: {holder}"
    if state is None and m.committee is not None:  # a search hit: say which committee
        committee = m.committee.name_en or m.committee.name if lang == "en" else m.committee.name
        title += f" ({committee}, {m.committee.valid_from[:4]})"
    start, until = m.valid_from, m.valid_until
    if state is not None and not (start or until):  # the member stood as long as the line-up
        start, until = state.valid_from, state.valid_until
    period = _period(start, until, notes)
    marks = [notes.mark(c) for c in m.citations]
    return Item(title=title, marks=marks, row=[position, holder, period])


def _instrument(ins: r.Instrument, notes: _Notes) -> Item:
    lang, t = notes.lang, notes.t
    title = instrument_heading(ins.type, ins.number, ins.text, lang)
    text, original = _texts(ins.text, ins.title_en, ins.translations, lang)
    if title == ins.text:
        text = original = ""
    item = Item(title=title, text=text)
    _cite(item, ins.citations, notes)
    if original:
        item.meta.append(("Vietnamese", original))
    if ins.issuer:
        item.meta.append((t("Cơ quan ban hành"), _name(ins.issuer, lang)))
    for rel, inverse in [
        *((x, False) for x in ins.relations),
        *((x, True) for x in ins.related_by),
    ]:
        target = rel.target
        if isinstance(target, r.InstrumentRef):
            shown = instrument_heading(target.type, target.number, target.title, lang)
        else:
            shown = _name(target, lang)
        if rel.established_by:
            by = ", ".join(f.number for f in rel.established_by)
            shown += f" ({t('thành lập theo')} {by})"
        name = relation(rel.type, inverse, lang)
        item.meta.append((name[:1].upper() + name[1:], shown))
    derived = ins.inferred or {}
    for key, name in _INSTRUMENT_DATES.items():
        value = getattr(ins, key)
        if value:
            if key in derived:  # how it was derived is in --json ("inferred"), for maintainers
                value = f"{value} ({t('suy ra')})"
            item.meta.append((t(name), str(value)))
    if ins.chain:
        links = [f"{link.number} ({_span(link, notes)})" for link in ins.chain]
        item.meta.append((t("Chuỗi thay thế"), " → ".join(links)))
    note = (ins.notes_en if lang == "en" else None) or ins.notes
    if note:
        item.meta.append((t("Ghi chú"), note))
    status = ins.status
    line = Item(
        title=f"{t('Tình trạng')} {t('vào ngày')} {status.on}: {label(STATUS, status.code, lang)}"
    )
    for claim in status.words:
        for citation in claim.citations:
            line.quotes.append((citation.quote, notes.mark(citation)))
        if not claim.as_of:
            line.meta.append((t("nguồn ghi"), t("ngày nguồn ghi không rõ")))
        if claim.note:
            line.meta.append((t("Ghi chú"), claim.note))
    if status.note:
        line.meta.append((t("Ghi chú"), status.note))
    item.children.append(line)
    if ins.cited_by:
        facts = [Item(title=f"{fact.id}: {fact.text}") for fact in ins.cited_by]
        item.children.append(Item(title=t("Dữ kiện dựa trên văn bản này"), children=facts))
    return item


def _span(link: r.InstrumentRef, notes: _Notes) -> str:
    start, end = link.effective_from, link.effective_until
    if start and end:
        return f"{start} → {end}"
    if end:
        return f"→ {end}"
    return f"{notes.t('từ')} {start}" if start else str(link.date or "?")


def _timeline(e: r.TimelineEntry, notes: _Notes) -> Item:
    """Date first; an instrument's entry says which event it is (issued, took effect,
    ended); a statement's entry is titled by what happened."""
    lang = notes.lang
    text, original = _texts(e.text, e.text_en, e.translations, lang)
    if e.instrument is not None and e.kind == "instrument":
        ins = e.instrument
        name = instrument_heading(ins.type, ins.number, text, lang)
        title = f"{e.date} {name} — {label(EVENTS, e.event or '', lang)}"
        if name == text:
            text = ""
    elif e.title != e.text:  # a title of its own, and the text under it
        title = f"{e.date} {e.title}"
    else:
        title, text = f"{e.date} {text}", ""
    item = Item(title=title, text=text)
    _cite(item, e.citations, notes)
    if original and lang == "en" and e.kind == "instrument":
        item.meta.append(("Vietnamese", original))
    return item


def _source(s: r.Source, notes: _Notes) -> Item:
    item = Item(title=s.title)
    for key, name in (("publisher", "Nơi đăng"), ("author", "Tác giả"),
                      ("reviewed_by", "Người kiểm duyệt"), ("date", "Ngày")):  # fmt: skip
        value = getattr(s, key)
        if value:
            item.meta.append((notes.t(name), value))
    if s.language != "vi":
        item.meta.append((notes.t("Ngôn ngữ"), s.language))
    note = (s.notes_en if notes.lang == "en" else None) or s.notes
    if note:
        item.meta.append((notes.t("Ghi chú"), note))
    item.meta.append((notes.t("Số mục trích dẫn"), str(s.cited_by)))
    if s.url:
        item.urls.append(s.url)
    return item


def _entity(e: r.Entity, notes: _Notes) -> Item:
    title = e.name_en or e.title if notes.lang == "en" else e.title
    item = Item(title=title, text=e.text)
    _cite(item, e.citations, notes)
    return _named(item, e.title, e.name_en, notes.lang)


def _squash(text: str) -> str:
    return " ".join(text.split()).strip(" .…").replace("“", '"').replace("”", '"')


def footnote_text(note: Footnote) -> str:
    """The source of a footnote, without its URL (shown on a line of its own)."""
    src = note.source
    parts = [f"“{src.title}”"]
    parts += [p for p in (src.publisher, src.date) if p]
    line = ", ".join(parts)
    if note.locator:
        line += f" — {note.locator}"
    return line
