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
    "ngày đưa tin": "reported on",
    "Cơ quan kế tục của": "Successor of",
    "văn bản không nêu số hiệu trong nguồn": "document not numbered in the sources",
    "Kiện toàn theo": "Consolidated by",
    "Phê duyệt danh sách thành viên": "Member list approved",
    "bản dịch của cpdt": "cpdt's translation",
    "Phạm vi": "Scope",
    "Chấm dứt từ": "Ended on",
    "Cơ quan kế tục": "Successor",
    "Trước đó là": "Preceded by",
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
    "Trưởng Ban": "Head",
    "Phó Trưởng Ban thường trực": "Standing deputy head",
    "Phó Trưởng Ban": "Deputy head",
    "Cơ quan thường trực": "Standing agency",
    # instrument types
    "Nghị quyết": "Resolution",
    "Nghị định": "Decree",
    "Quyết định": "Decision",
    "Thông báo": "Notice",
    "Quy chế": "Regulation",
    "Luật": "Law",
    "Thông tư": "Circular",
    "Kế hoạch": "Plan",
    "Chỉ thị": "Directive",
    # legal status and dates of instruments
    "còn hiệu lực": "in force",
    "còn hiệu lực một phần": "partly in force",
    "hết hiệu lực": "no longer in force",
    "chưa có hiệu lực": "not yet in force",
    "chưa rõ": "unknown",
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
    "ban hành": "issued",
    "có hiệu lực": "takes effect",
    "vào ngày": "on",
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
    "bãi bỏ": "repeals",
    "bị bãi bỏ bởi": "repealed by",
}


def message(text: str, lang: str) -> str:
    """A message of the core's (messages.Message) in the chosen language; other text, such as
    a name from the data, is echoed as it is."""
    from .messages import in_language

    return in_language(text, lang)
