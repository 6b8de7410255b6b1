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
    "từ": "from",
    "Văn bản": "Instrument",
    "Thành lập theo": "Founded by",
    "Sửa đổi theo": "Amended by",
    "Đổi tên theo": "Renamed by",
    "Chấm dứt": "Ended by",
    "Suy ra": "Inferred",
    "Cơ quan ban hành": "Issued by",
    "thành lập theo": "founded by",
    "Dữ kiện dựa trên văn bản này": "Facts resting on this instrument",
    "Số mục trích dẫn": "Times cited",
    "Tiếng Việt": "Vietnamese",
    # titles built by the queries
    "Định nghĩa trong bài viết": "The article's own definition",
    "Lưu ý": "Note",
    "Mục tiêu": "Goal",
    "Mục đích": "Purpose",
    "Chỉ tiêu": "Target",
    "Giai đoạn": "Phase",
    "Bối cảnh": "Context",
    "Sự kiện": "Event",
    "Xếp hạng": "Ranking",
    "Phỏng vấn": "Interview",
    "Chuyển giao nhiệm vụ": "Task transfer",
    "Nhiệm vụ": "Task",
    "Mô tả": "Description",
    "Chức năng": "Functions",
    "Hạ tầng chung": "Shared infrastructure",
    "Nhóm giao dịch": "Transaction groups",
    # positions in the committee
    "Chủ tịch": "Chair",
    "Phó Chủ tịch thường trực": "Standing Vice-Chair",
    "Phó Chủ tịch": "Vice-Chair",
    "Ủy viên thường trực": "Standing member",
    "Tổng thư ký": "Secretary-General",
    "Ủy viên": "Member",
    "Tổ trưởng Tổ công tác": "Head of the working group",
    "Tổ phó thường trực Tổ công tác": "Standing deputy head of the working group",
    "Tổ phó Tổ công tác": "Deputy head of the working group",
    "Cơ quan thường trực Tổ công tác": "Standing body of the working group",
    # instrument types
    "Nghị quyết": "Resolution",
    "Nghị định": "Decree",
    "Quyết định": "Decision",
    "Thông báo": "Notice",
    "Quy chế": "Regulation",
    "Luật": "Law",
    "Thông tư": "Circular",
    "Kế hoạch": "Plan",
    # relations between instruments
    "sửa đổi": "amends",
    "được sửa đổi bởi": "amended by",
    "thay thế": "replaces",
    "bị thay thế bởi": "replaced by",
    "đổi tên": "renames",
    "được đổi tên bởi": "renamed by",
    "thành lập": "establishes",
    "được thành lập bởi": "established by",
    "thực hiện": "implements",
    "được thực hiện bởi": "implemented by",
    "ban hành kèm theo": "issued with",
    "kèm theo nó là": "comes with",
    "hợp nhất": "merges",
    "được hợp nhất bởi": "merged by",
    "quy định hoạt động của": "regulates",
    "được quy định bởi": "regulated by",
    "là kế hoạch của": "is the plan of",
    "có kế hoạch": "has the plan",
    "yêu cầu sửa đổi": "requests amendment of",
    "được yêu cầu sửa đổi bởi": "amendment requested by",
    "dẫn chiếu": "cites",
    "được dẫn chiếu bởi": "cited by",
}

# Messages from the core, Vietnamese pattern -> English. Checked in order; the first match wins.
_MESSAGES = (
    (r"không có định nghĩa nào khớp với '(.*)'", r"no definition matches '\1'"),
    (r"không biết nguồn '(.*)'", r"unknown source '\1'"),
    (r"không có cơ quan hay nhiệm vụ nào khớp với '(.*)'", r"no agency or task matches '\1'"),
    (r"không có mô hình nào khớp với '(.*)'", r"no model matches '\1'"),
    (r"không có văn bản nào khớp với '(.*)'", r"no legal instrument matches '\1'"),
    (r"không có mốc nào khớp", "nothing on the timeline matches"),
    (r"không có kết quả nào khớp với '(.*)'", r"nothing matches '\1'"),
    (r"chưa có Ủy ban vào (.*?): (.*) được thành lập (.*) theo (.*)",
     r"no committee in \1: \2 was founded \3 by \4"),
    (r"dữ liệu không có thông tin về Ủy ban Quốc gia", "the data says nothing of the committee"),
    (r"sau thay đổi cuối cùng đã biết \((.*)\): dữ liệu cập nhật đến (.*), sau đó có thể đã khác",
     r"after the last known change (\1): the data is current to \2 and may have changed since"),
    (r"(.*) đã chấm dứt từ (.*?)( theo .*)?$", r"\1 ended on \2\3"),
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
    """A message from the core in the chosen language (unchanged when no pattern knows it)."""
    if lang != "en":
        return text
    for pattern, english in _compiled():
        m = pattern.fullmatch(text)
        if m:
            out = m.expand(english)
            for when, iso in _WHEN:
                out = re.sub(when, iso, out)
            return out
    return text
