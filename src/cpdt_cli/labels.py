"""The one table of codes and their labels: positions, instrument types, relations, model
facets, committee changes, legal status, timeline events and statement kinds.

Results and JSON carry the codes; a renderer asks `label(TABLE, code, lang)` for the words.
"""

from __future__ import annotations

Pair = tuple[str, str]  # (Vietnamese, English)

POSITIONS: dict[str, Pair] = {
    "chair": ("Chủ tịch", "Chair"),
    "head": ("Trưởng Ban", "Head"),
    "standing-vice-chair": ("Phó Chủ tịch thường trực", "Standing Vice-Chair"),
    "standing-deputy-head": ("Phó Trưởng Ban thường trực", "Standing deputy head"),
    "vice-chair": ("Phó Chủ tịch", "Vice-Chair"),
    "deputy-head": ("Phó Trưởng Ban", "Deputy head"),
    "standing-member": ("Ủy viên thường trực", "Standing member"),
    "secretary-general": ("Tổng thư ký", "Secretary-General"),
    "member": ("Ủy viên", "Member"),
    "standing-agency": ("Cơ quan thường trực", "Standing agency"),
    "wg-leader": ("Tổ trưởng Tổ công tác", "Head of the working group"),
    "wg-standing-deputy": (
        "Tổ phó thường trực Tổ công tác",
        "Standing deputy head of the working group",
    ),
    "wg-deputy": ("Tổ phó Tổ công tác", "Deputy head of the working group"),
    "wg-standing-body": ("Cơ quan thường trực Tổ công tác", "Standing body of the working group"),
}  # in the order members are listed

INSTRUMENT_TYPES: dict[str, Pair] = {
    "resolution": ("Nghị quyết", "Resolution"),
    "decree": ("Nghị định", "Decree"),
    "decision": ("Quyết định", "Decision"),
    "notice": ("Thông báo", "Notice"),
    "regulation": ("Quy chế", "Regulation"),
    "law": ("Luật", "Law"),
    "circular": ("Thông tư", "Circular"),
    "plan": ("Kế hoạch", "Plan"),
    "directive": ("Chỉ thị", "Directive"),
}

# relation -> (from the instrument's side, from the target's side)
RELATIONS: dict[str, tuple[Pair, Pair]] = {
    "amends": (("sửa đổi", "amends"), ("được sửa đổi bởi", "amended by")),
    "replaces": (("thay thế", "replaces"), ("bị thay thế bởi", "replaced by")),
    "renames": (("đổi tên", "renames"), ("được đổi tên bởi", "renamed by")),
    "establishes": (("thành lập", "establishes"), ("được thành lập bởi", "established by")),
    "implements": (("thực hiện", "implements"), ("được thực hiện bởi", "implemented by")),
    "issued-with": (("ban hành kèm theo", "issued with"), ("có kèm theo", "comes with")),
    "merges": (("hợp nhất", "merges"), ("được hợp nhất bởi", "merged by")),
    "regulates": (("quy định hoạt động của", "regulates"), ("được quy định bởi", "regulated by")),
    "plan-of": (("là kế hoạch của", "is the plan of"), ("có kế hoạch", "has the plan")),
    "requests-amendment-of": (
        ("yêu cầu sửa đổi", "requests amendment of"),
        ("được yêu cầu sửa đổi bởi", "amendment requested by"),
    ),
    "cites": (("dẫn chiếu", "cites"), ("được dẫn chiếu bởi", "cited by")),
    "repeals": (("bãi bỏ", "repeals"), ("bị bãi bỏ bởi", "repealed by")),
}

FACETS: dict[str, Pair] = {
    "description": ("Mô tả", "Description"),
    "function": ("Chức năng", "Functions"),
    "goal": ("Mục tiêu", "Goal"),
    "infrastructure": ("Hạ tầng chung", "Shared infrastructure"),
    "transaction-group": ("Nhóm giao dịch", "Transaction groups"),
}  # in the order a model's facets are listed

CHANGES: dict[str, Pair] = {
    "founded": ("Thành lập theo", "Founded by"),
    "amended": ("Sửa đổi theo", "Amended by"),
    "renamed": ("Đổi tên theo", "Renamed by"),
    "consolidated": ("Kiện toàn theo", "Consolidated by"),
    "members-approved": ("Phê duyệt danh sách thành viên", "Member list approved"),
}

STATUS: dict[str, Pair] = {
    "in-force": ("còn hiệu lực", "in force"),
    "partly": ("còn hiệu lực một phần", "partly in force"),
    "ended": ("hết hiệu lực", "no longer in force"),
    "not-yet": ("chưa có hiệu lực", "not yet in force"),
    "unknown": ("chưa rõ", "unknown"),
}

EVENTS: dict[str, Pair] = {
    "signed": ("ban hành", "issued"),
    "effective": ("có hiệu lực", "takes effect"),
    "ended": ("hết hiệu lực", "no longer in force"),
}  # in the order of one instrument's events

KINDS: dict[str, Pair] = {
    "definition": ("Định nghĩa", "Definition"),
    "note": ("Lưu ý", "Note"),
    "goal": ("Mục tiêu", "Goal"),
    "purpose": ("Mục đích", "Purpose"),
    "target": ("Chỉ tiêu", "Target"),
    "phase": ("Giai đoạn", "Phase"),
    "context": ("Bối cảnh", "Context"),
    "event": ("Sự kiện", "Event"),
    "ranking": ("Xếp hạng", "Ranking"),
    "interview": ("Phỏng vấn", "Interview"),
    "role": ("Nhiệm vụ", "Task"),
    "task-transfer": ("Chuyển giao nhiệm vụ", "Task transfer"),
    "membership": ("Thành viên", "Member"),
    "model": ("Mô hình", "Model"),
}

TABLES: dict[str, dict[str, Pair]] = {
    "position": POSITIONS,
    "type": INSTRUMENT_TYPES,
    "facet": FACETS,
    "change": CHANGES,
    "status": STATUS,
    "event": EVENTS,
    "kind": KINDS,
}


def label(table: dict[str, Pair], code: str, lang: str) -> str:
    """The label of `code` in `lang`; an unknown code is shown as itself."""
    pair = table.get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]


def relation(code: str, inverse: bool, lang: str) -> str:
    pairs = RELATIONS.get(code)
    if pairs is None:
        return code
    pair = pairs[1 if inverse else 0]
    return pair[1] if lang == "en" else pair[0]


def instrument_name(type_: str, number: str, lang: str) -> str:
    """'Quyết định 1072/QĐ-TTg', 'Decision 1072/QĐ-TTg'."""
    return f"{label(INSTRUMENT_TYPES, type_, lang)} {number}"
