"""Question forms: the words that make a search query a question (folded words; grammar, not
answers). search.py asks `is_question` before it loads the reading of questions (questions.py)."""

WHO = ("ai", "who", "whom")
MEMBERS = (
    "gom nhung ai", "gom nhung", "gom co", "co nhung ai", "co nhung thanh vien", "co nhung",
    "co ai", "thanh phan", "members", "membership", "line up", "lineup", "composition",
    "who was on", "who were on", "who is on", "who are on", "who sat on",
)  # fmt: skip
WHEN = (
    "khi nao", "bao gio", "nam nao", "ngay nao", "thang nao", "luc nao", "thoi diem nao",
    "when", "what year", "which year", "what date", "since when",
)  # fmt: skip
WHAT = (
    "la gi", "nghia la gi", "la cai gi", "nghia la", "what is", "what are", "what s", "whats",
    "what does", "meaning of", "mean",
)  # fmt: skip
DEFINE = (
    "dinh nghia", "khai niem", "define", "defines", "defined", "definition", "definitions",
    "hieu the nao", "hieu nhu the nao",
)  # fmt: skip
BODY = (
    "co quan nao", "bo nao", "don vi nao", "to chuc nao", "noi nao", "chiu trach nhiem",
    "trach nhiem", "which body", "which agency", "which ministry", "which office",
    "which organisation", "which organization", "what body", "what agency",
    "who is responsible", "responsible for", "in charge of",
)  # fmt: skip
DOES = (
    "lam gi", "nhiem vu gi", "co nhiem vu gi", "nhiem vu cua", "nhiem vu", "chuc nang",
    "vai tro", "what does", "do what", "role of", "tasks of", "duties of", "responsible for",
)  # fmt: skip
IN_FORCE = (
    "con hieu luc", "het hieu luc", "hieu luc", "in force", "still valid", "valid",
    "effective", "con ap dung", "status",
)  # fmt: skip
EXISTS = (
    "con khong", "con ton tai", "con hoat dong", "ton tai", "still exist", "still exists",
    "still active", "still around", "exist", "exists",
)  # fmt: skip
REPLACED = (
    "thay the", "thay cho", "ke nhiem", "ke thua", "replaced", "replace", "replaces",
    "replacing", "successor", "succeeded",
)  # fmt: skip
ENDED = (
    "cham dut", "giai the", "ket thuc", "hop nhat", "sap nhap", "end", "ended", "dissolved",
    "merged", "abolished",
)  # fmt: skip
FOUNDED = ("thanh lap", "ra doi", "created", "formed", "set up", "established", "founded")
RENAMED = ("doi ten", "renamed", "rename")
AMENDED = ("sua doi", "bo sung", "amended", "amends", "amend", "amending")
TIMELINE = (
    "what happened", "co nhung van ban nao", "co van ban nao", "nhung van ban nao",
    "van ban nao", "su kien nao", "nhung su kien", "events", "which instruments", "timeline",
)  # fmt: skip
NOW = ("hien nay", "hien tai", "bay gio", "hom nay", "now", "currently", "current", "today")
# Words for the head of a body, when the question names no position of the data's own.
LEAD = ("dung dau", "lanh dao", "head", "heads", "headed", "lead", "leads", "led", "leader")
# Words that carry no content of their own once the question form is known.
FILLER = frozenset((
    "la", "lam", "cua", "ve", "nao", "gi", "ai", "co", "the", "duoc", "cho", "boi", "bi", "do",
    "thi", "khong", "nhu", "nhung", "cac", "mot", "va", "theo", "hay", "hoac", "tai", "trong",
    "den", "tu", "sau", "truoc", "da", "dang", "se", "nay", "kia", "o", "voi", "ra", "nam",
    "thang", "ngay", "what", "which", "who", "whom", "is", "are", "was", "were", "be", "been",
    "does", "do", "did", "of", "the", "a", "an", "to", "for", "in", "on", "at", "by", "with",
    "from", "about", "and", "or", "how", "s", "its", "it", "this", "that", "there", "as", "into",
    "over",
))  # fmt: skip
MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES.split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())} | {"sept": 9})
CUES = (
    WHO + MEMBERS + WHEN + WHAT + DEFINE + BODY + DOES + IN_FORCE + EXISTS + REPLACED + ENDED
    + AMENDED + TIMELINE
)  # fmt: skip


def has(padded: str, phrases: tuple[str, ...]) -> bool:
    """Whether one of the phrases stands in the padded text (" w1 w2 … ")."""
    return any(f" {p} " in padded for p in phrases)


def is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def is_question(folded: str) -> bool:
    """Whether a folded query has a question form or a year: "chu tich uy ban" has neither,
    it is a name, left to the ranking."""
    padded = f" {folded} "
    return any(has(padded, g) for g in (CUES, FOUNDED, RENAMED, NOW)) or any(
        map(is_year, folded.split())
    )
