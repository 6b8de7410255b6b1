"""Vietnamese and English labels and messages.

Labels: Vietnamese is the source language, and English is looked up here by the Vietnamese
text, only when English was asked for. Messages have ids and both languages in messages.py.
"""

from __future__ import annotations

import os

LANGS = ("vi", "en")


def choose(flag: str | None) -> str:
    """--lang, else CPDT_LANG, else the locale (English locales give en), else vi."""
    for value in (flag, os.environ.get("CPDT_LANG")):
        if value:
            return value.strip().lower()
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:  # the first one set decides, as for gettext
            return "en" if value.lower().startswith("en") else "vi"
    return "vi"


def tr(text: str, lang: str) -> str:
    return _EN.get(text, text) if lang == "en" else text


_EN = {
    # headings
    "Định nghĩa Chính phủ điện tử": "Definitions of e-government",
    "Cơ quan và nhiệm vụ": "Agencies and their tasks",
    "Ủy ban Quốc gia": "The National Committee",
    "Các mô hình Chính phủ điện tử": "E-government models",
    "Mốc thời gian": "Timeline",
    "Văn bản pháp lý": "Legal instruments",
    "Tài liệu nguồn": "Sources",
    "Kết quả tìm kiếm": "Search results",
    "Hiểu là": "Read as",
    "kết quả": "results",
    "Nguồn": "Sources",
    # labels of fields
    "Năm": "Year",
    "Ngôn ngữ": "Language",
    "Thuật ngữ": "Term",
    "Ngày": "Date",
    "Hiệu lực từ": "Valid from",
    "đến": "until",
    "Nơi đăng": "Publisher",
    "Tác giả": "Author",
    "Người kiểm duyệt": "Reviewed by",
    "Ghi chú": "Notes",
    "Căn cứ": "Legal basis",
    "Chuyển": "Moved",
    "Thời kỳ": "Period",
    "Chức vụ": "Position",
    "Người giữ": "Held by",
    "từ": "from",
    "Văn bản": "Instrument",
    "Chấm dứt theo": "Ended by",
    "Suy ra": "Inferred",
    "Cơ quan ban hành": "Issued by",
    "thành lập theo": "founded by",
    "Dữ kiện dựa trên văn bản này": "Facts resting on this instrument",
    "Số mục trích dẫn": "Times cited",
    "Tiếng Việt": "Vietnamese",
    "ngày đưa tin": "reported on",
    "Cơ quan kế tục của": "Successor of",
    "văn bản không nêu số hiệu trong nguồn": "document not numbered in the sources",
    "bản dịch của cpdt": "cpdt's translation",
    "Phạm vi": "Scope",
    "Chấm dứt từ": "Ended on",
    "Cơ quan kế tục": "Successor",
    "Trước đó là": "Preceded by",
    "Định nghĩa trong bài viết": "The article's own definition",
    # an instrument's status and dates
    "Tình trạng": "Status",
    "Ngày ban hành": "Issued",
    "Người ký": "Signed by",
    "Đề nghị": "Proposed by",
    "Đăng Công báo": "Official Gazette",
    "Có hiệu lực từ": "In force from",
    "Hết hiệu lực từ": "No longer in force from",
    "Chuỗi thay thế": "Replacement chain",
    "nguồn ghi": "the source says",
    "ngày nguồn ghi không rõ": "the source's date unknown",
    "suy ra": "derived",
    "vào ngày": "on",
}  # the labels of codes (positions, types, relations, …) are labels.py's


def message(text: str, lang: str) -> str:
    """A message of the core's (messages.Message) in the chosen language; other text, such as
    a name from the data, is echoed as it is."""
    from .messages import in_language

    return in_language(text, lang)
