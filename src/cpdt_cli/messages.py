"""Every message cpdt says, by id, in Vietnamese and English: one catalogue.

The core says `say("no_model", query=q)`: a Message, which is the Vietnamese text (a str, so
the core may store, compare and join it as text) and remembers its id and arguments, so the
CLI's edge can say it again in the chosen language (`in_language`). Arguments are echoed as
given (what the user typed, names from the data) unless they are Messages themselves (a date,
an instrument's name), which follow the language too. An English entry may have a singular
and a plural form, chosen by the argument `n`.
"""

from __future__ import annotations

from typing import Any

# id -> (Vietnamese, English) or (Vietnamese, English for n == 1, English otherwise)
CATALOGUE: dict[str, tuple[str, ...]] = {
    # --- answers that found nothing, and what to try ------------------------------------
    "no_definition": ("không có định nghĩa nào khớp với '{query}'",
                      "no definition matches '{query}'"),
    "try_define": ("thử: cpdt define (xem mọi định nghĩa) hoặc cpdt search '{query}'",
                   "try: cpdt define (every definition) or cpdt search '{query}'"),
    "unknown_source": ("không có nguồn '{source}'", "unknown source '{source}'"),
    "known_sources": ("các nguồn hiện có: {names}", "known sources: {names}"),
    "no_agency": ("không có cơ quan hay nhiệm vụ nào khớp với '{query}'",
                  "no agency or task matches '{query}'"),
    "try_agency": ("thử: cpdt agency (xem mọi cơ quan) hoặc cpdt search '{query}'",
                   "try: cpdt agency (every agency) or cpdt search '{query}'"),
    "try_agency_year": ("thử: cpdt agency --year {year} {query}",
                        "try: cpdt agency --year {year} {query}"),
    "no_model": ("không có mô hình nào khớp với '{query}'", "no model matches '{query}'"),
    "the_models": ("các mô hình: {names}", "the models: {names}"),
    "no_law": ("không có văn bản nào khớp với '{query}'",
               "no legal instrument matches '{query}'"),
    "no_law_chosen": ("không có văn bản nào khớp với các điều kiện đã chọn",
                      "no legal instrument meets the conditions chosen"),
    "see_register": ("xem toàn bộ danh mục: {command}", "see the whole register: {command}"),
    "try_fewer": ("thử bỏ bớt điều kiện, ví dụ: {command}", "try fewer conditions, e.g. {command}"),
    "no_timeline": ("không có mốc nào khớp", "nothing on the timeline matches"),
    "no_committee_data": ("dữ liệu không có thông tin về Ủy ban Quốc gia",
                          "the data says nothing of the committee"),
    "no_committee_yet": ("chưa có Ủy ban vào {when}: {name} được thành lập {founded}{by}",
                         "no committee in {when}: {name} was founded {founded}{by}"),
    "no_committee_then": ("không có Ủy ban vào thời điểm đó", "no committee at that time"),
    "try_committee": ("thử: cpdt committee --year {year}", "try: cpdt committee --year {year}"),
    "nothing_found": ("không tìm thấy gì cho '{query}'", "nothing found for '{query}'"),
    "try_without_kind": ("thử bỏ --kind {kind}", "try without --kind {kind}"),
    "try_fewer_words": (
        "thử dùng ít từ hơn, hoặc: cpdt define, cpdt agency, cpdt committee, cpdt law",
        "try fewer words, or: cpdt define, cpdt agency, cpdt committee, cpdt law",
    ),
    "no_kind": ("không có loại '{kind}'", "no kind '{kind}'"),
    "the_kinds": ("các loại: {names}", "the kinds: {names}"),
    "did_you_mean": ("có phải ý bạn là: {names}?", "did you mean: {names}?"),
    # --- notices ------------------------------------------------------------------------
    "read_as": ("hiểu '{typed}' là '{read}'", "reading '{typed}' as '{read}'"),
    "question_read_as": ("hiểu là: {command}", "read as: {command}"),
    "ended": ("{name} đã chấm dứt hoạt động từ {when}{by}{successor}",
              "{name} ended on {when}{by}{successor}"),
    "by": (" theo {instrument}", " by {instrument}"),
    "successor": ("; cơ quan kế tục: {name}", "; successor: {name}"),
    "no_successor": ("; không có cơ quan kế tục", "; no successor"),
    "data_current_to": ("dữ liệu cập nhật đến {when}: trả lời theo ngày đó",
                        "the data is current to {when}: answering as of that day"),
    "past_the_data": ("sau ngày cập nhật dữ liệu ({when}): từ đó có thể đã có thay đổi",
                      "past the data's date ({when}): things may have changed since"),
    "past_the_check": (
        "{day} muộn hơn ngày dữ liệu được kiểm tra lần cuối ({checked}): tình trạng tính theo"
        " các ngày đã biết và có thể đã thay đổi",
        "{day} is after the data was last checked ({checked}): status follows the known dates"
        " and may have changed since",
    ),
    "reported_day": ("mốc {when} là ngày đưa tin: thay đổi có thể đã xảy ra sớm hơn vài ngày",
                     "{when} is the day the change was reported: it may have happened a few days"
                     " earlier"),
    "overrides": ("{where}: '{id}' thay thế {previous}", "{where}: '{id}' overrides {previous}"),
    # dates and instruments inside messages: Vietnamese words, ISO dates in English
    "on_day": ("ngày {d}/{m}/{y}", "{y}-{mm}-{dd}"),
    "in_month": ("tháng {m}/{y}", "{y}-{mm}"),
    "in_year": ("năm {y}", "{y}"),
    "instrument": ("{type} {number}", "{type} {number}"),
    # --- usage errors -------------------------------------------------------------------
    "no_such_value": ("{option} không có giá trị '{value}'; chọn một trong: {choices}",
                      "{option} '{value}' does not exist; choose one of: {choices}"),
    "bad_date": ("{option} '{value}' không phải là ngày hợp lệ (dạng YYYY-MM-DD, ví dụ {example})",
                 "{option} '{value}' is not a valid date (YYYY-MM-DD, e.g. {example})"),
    "bad_year": ("{option} {year}: năm phải nằm trong khoảng {low}–{high}",
                 "{option} {year}: the year must be within {low}–{high}"),
    "not_both": ("dùng {one} hoặc {other}, không dùng cả hai", "use {one} or {other}, not both"),
    "from_after_to": ("--from {start} muộn hơn --to {end}", "--from {start} is after --to {end}"),
    "only_with": ("{what} chỉ dùng được với {where}", "{what} works only with {where}"),
    "no_field": ("--fields: không có trường {names}; các trường: {fields}",
                 "--fields: no field {names}; the fields: {fields}"),
    "no_command": ("không có lệnh '{command}'; chọn một trong: {commands}",
                   "no command '{command}'; choose one of: {commands}"),
    "needs_query": ("cần từ khóa. Ví dụ: {example}", "a query is needed. E.g. {example}"),
    "nul_in_args": ("một đối số có ký tự NUL (\\x00)", "an argument holds a NUL character (\\x00)"),
    "mcp_needed": ("cần cài phần bổ sung mcp: {command}", "the mcp extra is needed: {command}"),
    # Click's usage errors (usage.py), each one `cpdt:` line
    "usage.no_option": ("không có tùy chọn {name}", "no such option {name}"),
    "usage.did_you_mean": ("có phải ý bạn là: {names}?", "did you mean: {names}?"),
    "usage.no_command": ("không có lệnh {name}", "no such command {name}"),
    "usage.commands": ("các lệnh: {names}", "commands: {names}"),
    "usage.needs_value": ("tùy chọn {name} cần một giá trị", "option {name} needs a value"),
    "usage.missing": ("thiếu {name}", "missing {name}"),
    "usage.bad_value": ("giá trị {value} không hợp lệ cho {name}",
                        "invalid value {value} for {name}"),
    "usage.bad_for": ("giá trị không hợp lệ cho {name}", "invalid value for {name}"),
    "usage.extra": ("thừa đối số: {value}", "unexpected argument: {value}"),
    "usage.other": ("cách dùng không hợp lệ", "invalid usage"),
    "usage.help": ("xem: {command} --help", "see: {command} --help"),
    # --- output, input and the process --------------------------------------------------
    "stdout_failed": ("không ghi được ra stdout ({reason})", "cannot write to stdout ({reason})"),
    "wrote": ("đã ghi {path}", "wrote {path}"),
    "exited": ("cpdt kết thúc với mã thoát {code}", "cpdt exited with code {code}"),
    "exists_use_force": ("{path} đã tồn tại; thêm --force để ghi đè",
                         "{path} exists; add --force to overwrite it"),
    "is_a_directory": ("{path} là một thư mục", "{path} is a directory"),
    "output_failed": ("không ghi được ra {where} ({reason})", "cannot write to {where} ({reason})"),
    "interrupted": ("đã dừng", "interrupted"),
    "invalid_fact_file": ("tệp dữ kiện không hợp lệ", "invalid fact file"),
    # batch
    # the reader's own words, in English, are marked as such in Vietnamese
    "batch.not_json": ("dòng này không phải JSON (trình đọc JSON báo: {reason})",
                       "the line is not JSON: {reason}"),
    "batch.unknown_keys": ("khóa lạ: {keys}; một dòng có các khóa: {known}",
                           "unknown keys: {keys}; a line has: {known}"),
    "batch.no_args": ('thiếu "args"', '"args" is missing'),
    "batch.line_shape": (
        'mỗi dòng là một đối tượng {{"id": …, "args": […]}} hoặc một mảng đối số',
        'each line is an object {{"id": …, "args": […]}} or an array of arguments',
    ),
    "batch.args_strings": ('"args" phải là một mảng chuỗi, ví dụ {example}',
                           '"args" must be an array of strings, e.g. {example}'),
    "batch.only": ("batch chỉ chạy các lệnh: {commands}",
                   "batch runs only the commands: {commands}"),
    "batch.refused": ("batch không chạy {option}", "batch does not run {option}"),
    "batch.unreadable": ("không đọc được đầu vào: {reason}", "cannot read the input: {reason}"),
    # --- problems of a fact file (yamlread.py, validate.py, dates.py), each at file:line ---
    "located": ("{where}: {problem}", "{where}: {problem}"),
    "y.directory": ("là một thư mục, không phải tệp dữ kiện", "is a directory, not a fact file"),
    "y.no_file": ("không có tệp này", "no such file"),
    "y.denied": ("không có quyền đọc tệp", "permission denied: cannot read the file"),
    "y.unreadable": ("không đọc được tệp: {reason}", "cannot read the file: {reason}"),
    "y.bytes": ("{n} byte", "{n} bytes"),
    "y.mib": ("{n} MiB", "{n} MiB"),
    "y.too_large": ("lớn hơn {limit}; tệp dữ kiện là tệp văn bản, không phải dữ liệu nhị phân",
                    "larger than {limit}; a fact file is text, not binary data"),
    "y.utf16": ("tệp mã hóa UTF-16: hãy lưu lại dạng UTF-8", "UTF-16 text: save the file as UTF-8"),
    "y.binary": ("nội dung nhị phân (byte NUL): không phải tệp văn bản YAML",
                 "binary content (NUL byte): not a YAML text file"),
    "y.not_utf8": ("không phải UTF-8 hợp lệ (hãy lưu tệp dạng UTF-8)",
                   "not valid UTF-8 (save the file as UTF-8)"),
    "y.empty_file": ("tệp rỗng", "the file is empty"),
    "y.key_not_text": ("khóa của ánh xạ phải là chuỗi thường",
                       "a mapping key must be a plain string"),
    "y.key_control": ("khóa '{key}' có ký tự điều khiển", "key '{key}' has a control character"),
    "y.duplicate_key": ("khóa '{key}' bị lặp (lần đầu ở dòng {first})",
                        "duplicate key '{key}' (first at line {first})"),
    "y.anchor": ("không được dùng neo YAML (&tên)", "YAML anchors (&name) are not allowed"),
    "y.documents": ("có hơn một tài liệu YAML (---)", "more than one YAML document (---)"),
    "y.alias": ("không được dùng bí danh YAML (*tên)", "YAML aliases (*name) are not allowed"),
    "y.tag": ("không được dùng thẻ YAML {tag}", "YAML tag {tag} is not allowed"),
    "y.too_deep": ("lồng sâu hơn {depth} cấp", "nested deeper than {depth} levels"),
    "y.syntax": ("lỗi cú pháp YAML (trình đọc YAML báo: {what})", "YAML syntax error: {what}"),
    "y.syntax_context": ("{what}; khối bắt đầu ở dòng {line}: {context}",
                         "{what} ({context} that starts at line {line})"),
    "y.invalid": ("YAML không hợp lệ", "invalid YAML"),
    "y.control": ("không được dùng ký tự điều khiển U+{code} (hãy viết dạng thoát, ví dụ"
                  ' "\\x{byte}" trong ngoặc kép)',
                  "control character U+{code} is not allowed (write it as an escape, e.g."
                  ' "\\x{byte}" in double quotes)'),
    "y.no_data": ("không có dữ liệu: chỉ có chú thích, hoặc tài liệu rỗng",
                  "no data: only comments, or an empty document"),
    "y.merge": ("không được dùng khóa gộp YAML (<<)", "YAML merge keys (<<) are not allowed"),
    "y.long_number": ("số có {n} chữ số là quá dài", "a number of {n} digits is too long"),
    "y.out_of_range": ("số {value} vượt quá giới hạn", "the number {value} is out of range"),
    "d.not_a_date": ("'{value}' không phải là ngày (YYYY-MM-DD, YYYY-MM hoặc YYYY)",
                     "'{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    "d.no_month": ("'{value}': không có tháng {month}", "'{value}': there is no month {month}"),
    "d.no_day": ("'{value}': tháng đó không có ngày {day}",
                 "'{value}': that month has no day {day}"),
    "v.kind.mapping": ("một ánh xạ", "a mapping"),
    "v.kind.list": ("một danh sách", "a list"),
    "v.kind.empty": ("giá trị rỗng", "empty"),
    "v.kind.other": ("kiểu {name}", "{name}"),
    "v.not_text": ("phải là chuỗi, không phải {kind}", "must be text, not {kind}"),
    "v.empty": ("không được để trống", "must not be empty"),
    "v.not_url": ("'{value}' không phải là URL http(s) đầy đủ",
                  "'{value}' is not a full http(s) URL"),
    "v.url_char": ("'{value}' có ký tự không được phép trong URL (ký tự điều khiển, ngoặc kép,"
                   " < > hay \\)",
                   "'{value}' has a character a URL cannot hold (a control character, quote,"
                   " < > or \\)"),
    "v.not_whole": ("phải là số nguyên", "must be a whole number"),
    "v.not_number": ("phải là số hoặc chuỗi", "must be a number or text"),
    "v.not_bool": ("phải là true hoặc false", "must be true or false"),
    "v.not_one_of": ("'{value}' không phải một trong: {allowed}",
                     "'{value}' is not one of: {allowed}"),
    "v.bad_id": ("'{value}' không phải là id hợp lệ (chữ thường, a-z 0-9 . -)",
                 "'{value}' is not a valid id (lower case, a-z 0-9 . -)"),
    "v.not_list": ("phải là một danh sách", "must be a list"),
    "v.item_not_text": ("mỗi mục phải là chuỗi không rỗng", "every item must be non-empty text"),
    "v.not_text_map": ("phải là một ánh xạ có giá trị là chuỗi", "must be a mapping of text"),
    "v.value_not_text": ("mỗi giá trị phải là chuỗi không rỗng",
                         "every value must be non-empty text"),
    "v.not_field_list": ("phải là một danh sách tên trường", "must be a list of field names"),
    "v.unknown_fields": ("trường lạ: {names} (được phép: {allowed})",
                         "unknown field(s) {names} (allowed: {allowed})"),
    "v.top_not_mapping": ("cấp trên cùng phải là một ánh xạ, không phải {kind}",
                          "the top level must be a mapping, not {kind}"),
    "v.unknown_top_key": ("khóa lạ '{key}' ở cấp trên cùng (được phép: {allowed})",
                          "unknown top-level key '{key}' (allowed: {allowed})"),
    "v.schema_version": ("schema_version phải là 1", "schema_version must be 1"),
    "v.key_problem": ("{key}: {problem}", "{key}: {problem}"),
    "v.field_problem": ("{label}: {key} {problem}", "{label}: {key} {problem}"),
    "v.section_not_list": ("{section} phải là một danh sách, không phải {kind}",
                           "{section} must be a list, not {kind}"),
    "v.item_not_mapping": ("một mục của {section} phải là một ánh xạ",
                           "an item of {section} must be a mapping"),
    "v.item_of": ("mục của {section}", "{section} item"),
    "v.citation_of": ("{label}, trích dẫn", "{label} citation"),
    "v.relation_of": ("{label}, quan hệ", "{label} relation"),
    "v.status_of": ("{label}, tình trạng", "{label} status"),
    "v.event_date": ("{label}: một sự kiện cần có ngày", "{label}: an event needs a date"),
    "v.own_translation": ("{label}: {key} là bản dịch của cpdt: hãy ghi vào translations",
                          "{label}: {key} is cpdt's own translation: list it in translations"),
    "v.title_en": ("{label}: title_en không có trong trích dẫn nào của mục này: hãy ghi vào"
                   " translations (bản dịch của cpdt)",
                   "{label}: title_en is in none of its quotes: list it in translations"
                   " (cpdt's own)"),
    "v.status_words": ("{label}: {key} cần một mục status {words} trích lời nguồn",
                       "{label}: {key} needs a status entry {words} quoting the source"),
    "v.one_word": ("'{a}'", "'{a}'"),
    "v.two_words": ("'{a}' hoặc '{b}'", "'{a}' or '{b}'"),
    "v.unknown_field": ("{label}: trường lạ '{key}' (được phép: {allowed})",
                        "{label}: unknown field '{key}' (allowed: {allowed})"),
    "v.missing_field": ("{label}: thiếu trường bắt buộc '{key}'",
                        "{label}: missing required field '{key}'"),
    "v.no_citation": ("{label}: cần ít nhất một trích dẫn", "{label}: needs at least one citation"),
    "v.list_field": ("{label}: {key} phải là một danh sách", "{label}: {key} must be a list"),
    "v.label_not_mapping": ("{label} phải là một ánh xạ", "{label} must be a mapping"),
    "v.before": ("{label}: {last} {end} trước {first} {start}",
                 "{label}: {last} {end} is before {first} {start}"),
    "v.empty_period": ("{label}: {last} {end} trùng {first}: một khoảng thời gian rỗng ({last} là"
                       " ngày đầu tiên không còn đúng)",
                       "{label}: {last} {end} is {first}: an empty period ({last} is the first"
                       " day it no longer holds)"),
    "v.duplicate_id": ("id '{id}' bị lặp (lần đầu ở dòng {line})",
                       "duplicate id '{id}' (first at line {line})"),
    "v.overlay_kind": ("id '{id}' là {what} trong {where}; một lớp phủ chỉ được thay nó bằng"
                       " mục cùng loại",
                       "id '{id}' is {what} in {where}; an overlay may replace it only in kind"),
    "v.missing_key": ("thiếu khóa bắt buộc '{key}'", "missing required key '{key}'"),
    "v.no_target": ("{key}: không có {what} nào có id '{target}'{hint}",
                    "{key}: no {what} with id '{target}'{hint}"),
    "v.or": ("{a} hoặc {b}", "{a} or {b}"),
    "v.is_a": (" ('{id}' là {what})", " ('{id}' is {what})"),
    "v.did_you_mean": (" (có phải ý bạn là '{id}'?)", " (did you mean '{id}'?)"),
    "v.overlap": ("'{after}' bắt đầu {start}, trước khi '{before}' kết thúc ({end}): các giai"
                  " đoạn của một cơ quan không được chồng nhau",
                  "'{after}' starts {start}, before '{before}' ends ({end}): periods of one body"
                  " must not overlap"),
    "v.open_ended": ("chưa kết thúc", "open-ended"),
    "v.no_successor": ("'{id}' đã chấm dứt ({until}) nhưng không nêu cơ quan kế tục (một id"
                       ' thực thể, hoặc "none")',
                       "'{id}' ended ({until}) but names no successor (an entity id, or"
                       ' "none")'),
    "v.successor_id": ("successor: không có thực thể nào có id '{id}'",
                       "successor: no entity with id '{id}'"),
    "v.successor_alone": ("'{id}' nêu cơ quan kế tục nhưng không có valid_until",
                          "'{id}' names a successor but no valid_until"),
    "v.replaced": ("'{old}' bị {how} bởi '{new}' từ {start}, nhưng effective_until của nó là"
                   " {end}: nó phải hết hiệu lực chậm nhất vào ngày đó",
                   "'{old}' is {how} by '{new}' from {start}, but its effective_until is {end}:"
                   " it must end no later than that"),
    "v.replaced.replaces": ("thay thế", "replaced"),
    "v.replaced.repeals": ("bãi bỏ", "repealed"),
    "v.missing": ("thiếu", "missing"),
    "v.one.sources": ("nguồn", "source"),
    "v.one.entities": ("thực thể", "entity"),
    "v.one.instruments": ("văn bản", "instrument"),
    "v.one.committee_states": ("giai đoạn của Ủy ban", "committee state"),
    "v.one.statements": ("dữ kiện", "statement"),
    "v.one.glossary": ("thuật ngữ", "glossary term"),
    "v.a.sources": ("một nguồn", "a source"),
    "v.a.entities": ("một thực thể", "an entity"),
    "v.a.instruments": ("một văn bản", "an instrument"),
    "v.a.committee_states": ("một giai đoạn của Ủy ban", "a committee state"),
    "v.a.statements": ("một dữ kiện", "a statement"),
    "v.a.glossary": ("một thuật ngữ", "a glossary term"),
    # --- cpdt check and cpdt paths ------------------------------------------------------
    "check.failed": ("{n} lỗi trong {where}", "1 problem in {where}", "{n} problems in {where}"),
    "check.sources": ("{n} nguồn", "1 source", "{n} sources"),
    "check.entities": ("{n} thực thể", "1 entity", "{n} entities"),
    "check.instruments": ("{n} văn bản", "1 instrument", "{n} instruments"),
    "check.states": ("{n} giai đoạn của Ủy ban", "1 committee state", "{n} committee states"),
    "check.statements": ("{n} dữ kiện", "1 statement", "{n} statements"),
    "paths.builtin": ("dữ liệu có sẵn", "built-in data"),
    "paths.used": ("dữ liệu đang dùng", "data in use"),
    "paths.overlays": ("lớp phủ", "overlays"),
    "paths.cache": ("bộ nhớ đệm", "cache"),
    "paths.none": ("(không có)", "(none)"),
    # --- headings -----------------------------------------------------------------------
    "results": ("{n} kết quả", "1 result", "{n} results"),
}  # fmt: skip


class Message(str):
    """A catalogue message: its Vietnamese text, with its id and arguments kept."""

    key: str
    args: dict[str, Any]

    def __new__(cls, key: str, /, **args: Any) -> Message:
        self = super().__new__(cls, _render(key, args, "vi"))
        self.key = key
        self.args = args
        return self

    def in_language(self, lang: str) -> str:
        return _render(self.key, self.args, lang)

    def stored(self) -> str:
        """The message as plain text that can be stored (the compiled data keeps the overlay
        notices) and still be said in either language; its arguments must be text."""
        parts = [self.key, *(f"{k}{_IS}{v}" for k, v in self.args.items())]
        return _STORED + _NEXT.join(parts)

    def __str__(self) -> str:
        return str.__str__(self)  # plain text, for encoders that take only str itself


def say(key: str, /, **args: Any) -> Message:
    return Message(key, **args)


def text(key: str, lang: str, /, **args: Any) -> str:
    """A message said at the edge, straight in the chosen language."""
    return _render(key, args, lang)


def in_language(value: str, lang: str) -> str:
    """Any text in the chosen language: a Message is said again, other text is echoed."""
    if isinstance(value, Message):
        return value.in_language(lang)
    if value.startswith(_STORED):  # a stored message (Message.stored), not text that looks so
        key, *args = value[1:].split(_NEXT)
        if key in CATALOGUE and all(_IS in arg for arg in args):
            try:
                return _render(key, dict(arg.split(_IS, 1) for arg in args), lang)
            except (KeyError, IndexError, ValueError):  # not the arguments its template has
                pass
    return str.__str__(value)


def _render(key: str, args: dict[str, Any], lang: str) -> str:
    forms = CATALOGUE[key]
    if lang == "en":
        template = forms[1] if len(forms) == 2 or args.get("n") == 1 else forms[2]
    else:
        template = forms[0]
    return template.format(**{k: _arg(v, lang) for k, v in args.items()})


def _arg(value: Any, lang: str) -> Any:
    if isinstance(value, Message):
        return value.in_language(lang)
    if isinstance(value, Name):
        return value.english if lang == "en" and value.english else str.__str__(value)
    return value


_STORED, _NEXT, _IS = "\x1e", "\x1f", "\x1d"  # control characters no message holds


class Name(str):
    """A name from the data inside a message: its English name, where the data gives one, is
    said in English."""

    english: str | None

    def __new__(cls, name: str, english: str | None) -> Name:
        self = super().__new__(cls, name)
        self.english = english
        return self


def when(date: str) -> Message:
    """A date of the data (YYYY, YYYY-MM or YYYY-MM-DD) as a message's words."""
    parts = date.split("-")
    if len(parts) == 3:
        y, mm, dd = parts
        return say("on_day", d=int(dd), m=int(mm), y=y, mm=mm, dd=dd)
    if len(parts) == 2:
        return say("in_month", m=int(parts[1]), y=parts[0], mm=parts[1])
    return say("in_year", y=date)
