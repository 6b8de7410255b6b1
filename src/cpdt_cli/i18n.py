"""Vietnamese and English labels and messages.

Vietnamese is the source language: code and queries write Vietnamese, and English is looked up
here by the Vietnamese text (as gettext does), only when English was asked for. Nothing is
compiled at import time; the message patterns are compiled on the first English message.
"""

from __future__ import annotations

import os
import re
from functools import cache

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
    "Chấm dứt": "Ended by",
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

# Messages from the core, Vietnamese pattern -> English. Checked in order; the first match wins.
_MESSAGES = (
    (r"không có định nghĩa nào khớp với '(.*)'", r"no definition matches '\1'"),
    (r"không biết nguồn '(.*)'", r"unknown source '\1'"),
    (r"không có cơ quan hay nhiệm vụ nào khớp với '(.*)'", r"no agency or task matches '\1'"),
    (r"không có mô hình nào khớp với '(.*)'", r"no model matches '\1'"),
    (r"không có văn bản nào khớp với '(.*)'", r"no legal instrument matches '\1'"),
    (r"không có mốc nào khớp", "nothing on the timeline matches"),
    (r"không có văn bản nào khớp với các điều kiện đã chọn",
     "no legal instrument meets the conditions chosen"),
    (r"(\S+) sau ngày dữ liệu được kiểm tra \((.*)\): tình trạng tính theo các ngày đã biết,"
     r" sau đó có thể đã khác",
     r"\1 is after the data was last checked (\2): status follows the known dates and may"
     r" have changed since"),
    (r"không có kết quả nào khớp với '(.*)'", r"nothing matches '\1'"),
    (r"chưa có Ủy ban vào (.*?): (.*) được thành lập (.*) theo (.*)",
     r"no committee in \1: \2 was founded \3 by \4"),
    (r"dữ liệu không có thông tin về Ủy ban Quốc gia", "the data says nothing of the committee"),
    (r"sau thay đổi cuối cùng đã biết \((.*)\): dữ liệu cập nhật đến (.*), sau đó có thể đã khác",
     r"after the last known change (\1): the data is current to \2 and may have changed since"),
    (r"(.*) đã chấm dứt từ (.*?) theo (.*?); cơ quan kế tục: (.*)",
     r"\1 ended on \2 by \3; successor: \4"),
    (r"(.*) đã chấm dứt từ (.*?)( theo .*)?$", r"\1 ended on \2\3"),
    (r"dữ liệu cập nhật đến (.*): trả lời theo ngày đó",
     r"the data is current to \1: answering as of that day"),
    (r"sau ngày cập nhật dữ liệu \((.*)\): sau đó có thể đã khác",
     r"past the data's date (\1): things may have changed since"),
    (r"mốc (.*) là ngày đưa tin: thay đổi có thể đã xảy ra sớm hơn ít ngày",
     r"\1 is the day the change was reported: it may have happened a few days earlier"),
    (r"hiểu '(.*)' là '(.*)'", r"reading '\1' as '\2'"),
    (r"có phải ý bạn là: (.*)\?", r"did you mean: \1?"),
    (r"các nguồn đã biết: (.*)", r"known sources: \1"),
    (r"các mô hình: (.*)", r"the models: \1"),
    (r"xem cả danh mục: (.*)", r"see the whole register: \1"),
    (r"thử bỏ bớt điều kiện, ví dụ: (.*)", r"try fewer conditions, e.g. \1"),
    (r"thử: cpdt define \(xem mọi định nghĩa\) hoặc (.*)",
     r"try: cpdt define (every definition) or \1"),
    (r"thử: cpdt agency \(mọi cơ quan\) hoặc (.*)", r"try: cpdt agency (every agency) or \1"),
    (r"thử: (.*)", r"try: \1"),
    (r"hiểu là: (cpdt .*)", r"read as: \1"),
    (r"(\S+) '(.*)' không có; chọn một trong: (.*)", r"\1 '\2' does not exist; choose one of: \3"),
    (r"(\S+) (-?\d+): năm phải nằm trong khoảng (.*)", r"\1 \2: the year must be within \3"),
    (r"(\S+) '(.*)' không phải là ngày hợp lệ \(dạng YYYY-MM-DD, ví dụ (.*)\)",
     r"\1 '\2' is not a valid date (YYYY-MM-DD, e.g. \3)"),
    (r"dùng (.*) hoặc (.*), không dùng cả hai", r"use \1 or \2, not both"),
    (r"--from (\d+) lớn hơn --to (\d+)", r"--from \1 is after --to \2"),
    (r"(.*) chỉ dùng được với (.*)", r"\1 works only with \2"),
    (r"không ghi được ra stdout \((.*)\)", r"cannot write to stdout (\1)"),
    # batch and mcp
    (r"dòng không phải JSON: (.*)", r"the line is not JSON: \1"),
    (r"khóa không biết: (.*); một dòng có: (.*)", r"unknown keys: \1; a line has: \2"),
    (r'thiếu "args"', r'"args" is missing'),
    (r'mỗi dòng là một đối tượng (.*) hoặc một mảng đối số',
     r"each line is an object \1 or an array of arguments"),
    (r'"args" phải là một mảng chuỗi, ví dụ (.*)', r'"args" must be an array of strings, e.g. \1'),
    (r"batch chỉ chạy các lệnh: (.*)", r"batch runs only the commands: \1"),
    (r"batch không chạy (.*)", r"batch does not run \1"),
    (r"đối số có ký tự NUL (.*)", r"an argument holds a NUL character \1"),
    (r"không đọc được đầu vào: (.*)", r"cannot read the input: \1"),
    (r"--fields: không có trường (.*); các trường: (.*)", r"--fields: no field \1; the fields: \2"),
    (r"cần cài phần mở rộng mcp: (.*)", r"the mcp extra is needed: \1"),
    (r"không có lệnh '(.*)'; chọn một trong: (.*)", r"no command '\1'; choose one of: \2"),
)  # fmt: skip

# Vietnamese dates in messages ("ngày 28/8/2018") become ISO dates in English ones.
_WHEN = (
    (r"ngày (\d+)/(\d+)/(\d{4})", lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"),
    (r"tháng (\d+)/(\d{4})", lambda m: f"{m[2]}-{int(m[1]):02d}"),
    (r"năm (\d{4})", lambda m: m[1]),
    (r"Quyết định ", lambda m: "Decision "),
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), r) for p, r in _MESSAGES)


def message(text: str, lang: str) -> str:
    """A message from the core in the chosen language (unchanged when no pattern knows it).

    What the user typed (the parts of a message in quotes) is echoed as typed: only the
    message's own words and dates are put into English."""
    if lang != "en":
        return text
    for pattern, english in _compiled():
        m = pattern.fullmatch(text)
        if m:
            return _expand(m, english)
    return text


def _expand(m: re.Match[str], english: str) -> str:
    if not m.re.groups:
        return _dates_in_english(english)
    parts = [_own_words(m, i) for i in range(1, m.re.groups + 1)]
    return re.sub(r"\\(\d)", lambda k: parts[int(k[1]) - 1], english)


def _own_words(m: re.Match[str], group: int) -> str:
    value = m[group] or ""
    start, end = m.span(group)
    if start > 0 and m.string[start - 1] == "'" and m.string[end : end + 1] == "'":
        return value  # the user's words, as typed
    # a hint may quote them too ("cpdt search '…'"): only what is outside quotes is ours
    parts = re.split(r"('[^']*')", value)
    return "".join(p if i % 2 else _dates_in_english(p) for i, p in enumerate(parts))


def _dates_in_english(text: str) -> str:
    for when, iso in _WHEN:
        text = re.sub(when, iso, text)
    return text
