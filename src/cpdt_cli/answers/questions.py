"""Questions in, readings out: which reference command answers a question typed into search.

`read(facts, text)` turns "ai là chủ tịch ủy ban năm 2020?" into the reading
`committee --year 2020`, or returns None. The rules are transparent: question forms (the
words of forms.py, Vietnamese with or without diacritics, and English), time expressions, and the
things a question names, which are looked up in the data (entity names, aliases, English
names, committee states, the glossary, instrument numbers). No answer is written here: a
reading names a command and its arguments, and `answer` runs that command's own function.

Everything works on folded text (normalize.fold: lower-case ASCII words), so "Ủy ban", "uy ban"
and "UỶ BAN" read alike. A query with neither a question word nor a year is a name ("chu tich
uy ban"): it is left to the ranking, before anything is looked up.
"""

from typing import Any

import msgspec

from ..data.model import Facts
from ..errors import CpdtError
from ..text import normalize
from .forms import (
    AMENDED,
    BODY,
    CUES,
    DEFINE,
    DOES,
    ENDED,
    EXISTS,
    FILLER,
    FOUNDED,
    IN_FORCE,
    LEAD,
    MEMBERS,
    MONTHS,
    NOW,
    RENAMED,
    REPLACED,
    TIMELINE,
    WHAT,
    WHEN,
    WHO,
    is_question,
    is_year,
)
from .forms import has as _has
from .results import Answer, Interpretation, InterpretedAnswer


class Reading(msgspec.Struct, frozen=True):  # not a NamedTuple: defining one costs ~0.2 ms
    """A command and its arguments: Reading('committee', (('--year', 2020),))."""

    command: str
    args: tuple[tuple[str, Any], ...] = ()

    def argv(self) -> list[str]:
        out = [self.command]
        for option, value in self.args:
            out += [str(value)] if option == "" else [option, str(value)]
        return out

    def cli(self) -> str:
        return "cpdt " + " ".join(_quoted(a) for a in self.argv())


def _quoted(arg: str) -> str:
    plain = arg and all(ch.isalnum() or ch in "./&:-_" for ch in arg)
    return arg if plain else '"' + arg.replace('"', '\\"') + '"'


# --- folded text helpers ---------------------------------------------------------------------


def _cut(padded: str, phrases: tuple[str, ...]) -> str:
    for p in sorted(phrases, key=len, reverse=True):
        padded = padded.replace(f" {p} ", " ")
    return padded


class _Question:
    """A question as folded words. What it names is replaced, as it is found, by a token
    "#n" (n: the entity's place in `ids`), so the words left are those not yet understood."""

    def __init__(self, text: str) -> None:
        self.folded = normalize.fold(text)
        self.padded = f" {self.folded} "
        self.rest = self.padded
        self.ids: list[str] = []

    def has(self, *groups: tuple[str, ...]) -> bool:
        return any(_has(self.padded, g) for g in groups)

    def take(self, phrase: str, token: str = " ") -> None:
        self.rest = self.rest.replace(f" {phrase} ", f" {token} ")

    def words(self, *cut: tuple[str, ...]) -> list[str]:
        """The words left, without the phrases `cut`, the filler words and named things."""
        rest = self.rest
        for group in cut:
            rest = _cut(rest, group)
        return [w for w in rest.split() if w not in FILLER and not w.startswith("#")]


# --- what the data names -------------------------------------------------------------------


class Lexicon(msgspec.Struct, array_like=True):
    """What questions are matched against, folded from the data once per fact file and kept
    in the cache beside the search index (folding it all costs ~15 ms; decoding it ~0.1 ms)."""

    names: list[tuple[str, str]]  # (folded name, entity id), longest first
    folded: dict[str, str]  # entity id -> its folded name
    positions: list[str]  # offices: "chu tich", "chair", "chairman" …, longest first
    bodies: list[str]  # bodies with committee line-ups or members
    committee: dict[str, str]  # words for them ("uy ban", "committee") -> body, longest first
    terms: list[str]  # what the definitions define: "chinh phu dien tu", "e government" …
    definers: list[str]
    agencies: list[str]  # the bodies `cpdt agency` lists
    roles: list[str]  # the words of each role and task transfer (decoding one string is cheap)
    glossary: list[tuple[str, list[str]]]  # folded term, folded expansions (and English name)
    suffixes: list[str]  # words of instrument numbers ("qd", "ttg", "qh15")
    types: list[str]  # words that name an instrument type (law._TYPE_WORDS), longest first


def lexicon(facts: Facts) -> Lexicon:
    """The lexicon of these facts: from the cache when it has it, else built (and kept)."""
    from ..data import cache

    key = facts.cache_key
    # The key is the fact files' contents, cpdt's version and the model's shape, and the file
    # names the lexicon's own fields: a stored lexicon is of these facts, without reading every
    # entity again to compare (at 100k statements, 2,000 decoded on each question).
    stored = cache.read_lexicon(key, Lexicon) if key else None
    if stored is not None:
        return stored
    built = build_lexicon(facts)
    if key:
        cache.write_lexicon(key, built)
    return built


def build_lexicon(facts: Facts) -> Lexicon:
    from ..labels import POSITIONS
    from .agency import AGENCY_KINDS
    from .law import _TYPE_WORDS
    from .refs import statement_text

    fold = normalize.fold
    pairs: dict[str, str] = {}
    for e in facts.entities.values():
        for n in (e.name, e.short, e.name_en, *e.aliases):
            if n:
                pairs.setdefault(fold(n), e.id)
    for s in facts.committee_states.values():
        for n in (s.name, s.name_en):
            if n and s.body in facts.entities:
                pairs.setdefault(fold(n), s.body)
    names = sorted(((n, i) for n, i in pairs.items() if n), key=lambda p: -len(p[0]))
    glossary = [
        (fold(g.term), [fold(x) for x in (*g.expansions, g.name_en or "") if fold(x)])
        for g in facts.glossary.values()
    ]
    positions = {fold(label) for pair in POSITIONS.values() for label in pair}
    positions |= {x for term, xs in glossary if term in positions for x in xs}
    # bodies with line-ups, and the words that name them: the first words of their names
    # ("ủy ban", "national committee"), and the glossary's translations of those
    states = sorted(facts.committee_states.values(), key=lambda s: s.valid_from)
    order = list(dict.fromkeys(s.body for s in reversed(states)))  # the latest body first
    members = {
        str(st.subject) for st in facts.statements.of_kind("membership")
        if st.subject in facts.entities
    }  # fmt: skip
    bodies = [*order, *sorted(members - set(order))]
    committee: dict[str, str] = {}
    for body in bodies:
        ent = facts.entities.get(body)
        spelt = [ent.name, ent.name_en, *ent.aliases] if ent else []
        spelt += [n for s in reversed(states) if s.body == body for n in (s.name, s.name_en)]
        for n in spelt:
            parts = fold(n or "").split()
            for k in range(2, len(parts) + 1):
                committee.setdefault(" ".join(parts[:k]), body)
    for term, xs in glossary:
        for x in xs if term in committee else ():
            committee.setdefault(x, committee[term])
    # what the definitions define: the glossary entry most of them contain
    texts = [
        f" {fold(st.wording + ' ' + (st.text_en or ''))} "
        for st in facts.statements.of_kind("definition")
    ]
    best: tuple[int, list[str]] = (0, [])
    for term, xs in glossary:
        hits = sum(any(f" {n} " in t for n in (term, *xs)) for t in texts)
        if hits > best[0]:
            best = (hits, [term, *xs])
    terms = best[1] if 2 * best[0] >= len(texts) else []
    definers = {e.id for e in facts.entities.values() if e.kind == "definer"}
    definers |= {
        str(st.subject) for st in facts.statements.of_kind("definition")
        if st.subject in facts.entities
    }  # fmt: skip
    roles = facts.statements.of_kind("role", "task-transfer")
    owners = {
        str(st.fields.get("to") if st.kind == "task-transfer" else st.subject) for st in roles
    }
    return Lexicon(
        names=names,
        folded={e.id: fold(e.name) for e in facts.entities.values()},
        positions=sorted((p for p in positions if p), key=len, reverse=True),
        bodies=bodies,
        committee={w: committee[w] for w in sorted(committee, key=len, reverse=True) if w},
        terms=sorted(set(terms), key=len, reverse=True),
        definers=sorted(definers),
        agencies=[
            e.id for e in facts.entities.values() if e.id in owners and e.kind in AGENCY_KINDS
        ],
        roles=[" ".join(sorted(set(fold(statement_text(st), None).split()))) for st in roles],
        glossary=glossary,
        suffixes=sorted({w for i in facts.instruments.values() for w in fold(i.number).split()}),
        types=sorted(_TYPE_WORDS, key=len, reverse=True),
    )


def _named(lex: Lexicon, q: _Question) -> list[str]:
    """Entity ids the question names, in the order of the question."""
    for name, entity_id in lex.names:
        while f" {name} " in q.rest:
            if entity_id not in q.ids:
                q.ids.append(entity_id)
            q.take(name, f"#{q.ids.index(entity_id)}")
    order = {f"#{n}": i for n, i in enumerate(q.ids)}
    return list(dict.fromkeys(order[w] for w in q.rest.split() if w in order))


def _expanded(lex: Lexicon, q: _Question, words: list[str]) -> list[str]:
    """Words with each named thing put back under its data name (Vietnamese)."""
    out: list[str] = []
    for w in words:
        if w.startswith("#") and w[1:].isdigit():
            out += lex.folded[q.ids[int(w[1:])]].split()
        else:
            out.append(w)
    return out


def _instrument(facts: Facts, lex: Lexicon, q: _Question) -> tuple[Any, str] | None:
    """The one instrument the question names by type and number (or type and title), and
    the words that name it."""
    words = q.folded.split()
    firsts = {t.split()[0] for t in lex.types}
    if not firsts & set(words):
        return None  # no type word: the register (and its module) need not be looked at
    from . import law

    types = lex.types
    suffixes = set(lex.suffixes)
    years = {w for w in words if is_year(w)}
    for start in range(len(words)):
        if words[start] not in firsts:
            continue
        for t in types:
            n = len(t.split())
            if " ".join(words[start : start + n]) != t:
                continue
            tail: list[str] = []
            for w in words[start + n : start + n + 5]:
                if any(ch.isdigit() for ch in w) or (tail and w in suffixes):
                    tail.append(w)
                else:
                    break
            numbered = bool(tail)
            if not numbered:  # a title after the type word: "luật giao dịch điện tử 2023"
                for j in range(start + n, min(start + n + 8, len(words))):
                    pair = " ".join(words[j : j + 2])
                    if _has(f" {pair} ", CUES) or _has(f" {words[j]} ", CUES):
                        break
                    if tail or words[j] not in ("on", "of", "about", "ve"):  # "law on …"
                        tail.append(words[j])
            # the longest run of those words that names one instrument ("luật an ninh mạng"
            # from "luật an ninh mạng có hiệu lực không")
            for k in range(len(tail), 0, -1):
                phrase = " ".join([t, *tail[:k]])
                found = law.find(facts, phrase)
                if len(found) > 1 and years:
                    found = [i for i in found if (i.date or "")[:4] in years] or found
                if len(found) == 1:
                    for w in (*t.split(), *tail[:k]):  # the first of each, in order
                        q.rest = q.rest.replace(f" {w} ", " ", 1)
                    return found[0], phrase
                if numbered:
                    break
    return None


def _time(q: _Question) -> tuple[str, Any] | None:
    """('--year', 2020), ('--on', '2019-12-31') for a month (its last day), or None.

    Read from the words (no patterns: compiling them would cost more than the reading)."""
    from ..text.dates import days_in_month

    words = [w for w in q.rest.split() if w not in ("ngay", "nam", "of", "in")]
    for i, w in enumerate(words):
        if not is_year(w) or i == 0:
            continue
        year = int(w)
        before = words[i - 1]
        if before.isdigit() and 1 <= int(before) <= 12:  # "9/2019", "tháng 9/2019", "24/9/2019"
            month = int(before)
            day = words[i - 2] if i >= 2 else ""
            if day.isdigit() and 1 <= int(day) <= days_in_month(year, month):
                return "--on", f"{year}-{month:02d}-{int(day):02d}"
            return "--on", f"{year}-{month:02d}-{days_in_month(year, month):02d}"
        if before in MONTHS:  # "September 2021"
            month = MONTHS[before]
            return "--on", f"{year}-{month:02d}-{days_in_month(year, month):02d}"
    year_words = [w for w in words if is_year(w)]
    return ("--year", int(year_words[0])) if year_words else None


# --- reading -------------------------------------------------------------------------------


def read(facts: Facts, text: str) -> Reading | None:
    """The reference command a question maps onto, or None."""
    q = _Question(text)
    # a question has a question form or a time; "chu tich uy ban" is a name, left to ranking
    if not is_question(q.folded):
        return None
    lex = lexicon(facts)
    positions = tuple(lex.positions)
    ins, phrase = _instrument(facts, lex, q) or (None, "")
    term = None
    if q.has(WHAT, DEFINE, DOES, BODY, WHO):  # the defined term is the domain, not a name
        term = next((t for t in lex.terms if f" {t} " in q.rest), None)
        if term:
            q.take(term, "#term")
    named = _named(lex, q)
    when = _time(q)
    said = [w for w in lex.committee if f" {w} " in q.rest]  # longest first
    body = next((i for i in named if facts.entities[i].kind in ("body", "working-group")), None)
    body = body or (lex.committee[said[0]] if said else None)
    names_committee = any(i in lex.bodies for i in named) or bool(said)
    office = q.has(positions, LEAD)
    asks_members = q.has(MEMBERS) or (
        office and not q.has(BODY) and (q.has(WHO, NOW) or (names_committee and when))
    )
    if ins is not None:
        if asks_members and ins.date and len(ins.date) == 10:
            return Reading("committee", (("--on", ins.date),))
        if q.has(WHEN, IN_FORCE, EXISTS, REPLACED, ENDED, AMENDED, FOUNDED, RENAMED, WHAT, WHO):
            return Reading("law", (("", _instrument_arg(ins, phrase)),))
    if body is not None and not asks_members:
        related = _related_instrument(facts, q, body)
        if related is not None:
            return Reading("law", (("", _instrument_arg(related)),))
    # offices no other body has ("phó chủ tịch thường trực"): no need to name the committee
    specific = tuple(p for p in positions if len(p.split()) >= 4 and p not in lex.committee)
    bare = not [w for w in _cut(q.rest, (*said, *WHAT)).split() if w not in FILLER and w[0] != "#"]
    if (
        names_committee and (asks_members or q.has(EXISTS, NOW, WHO) or (q.has(WHAT) and bare))
    ) or (q.has(specific) and asks_members):
        if not q.has(NOW, EXISTS):  # "hiện nay", "còn không": today, whoever holds it
            when = when or _last_day_named(facts, q, body)
        return Reading("committee", (when,) if when else ())
    reading = _what(facts, lex, q, named, term) or _agency(lex, q)
    if reading is not None:
        return reading
    if q.has(TIMELINE) and when is not None and when[0] == "--year":
        return Reading("timeline", (when,))
    return None


def _last_day_named(facts: Facts, q: _Question, body: str | None) -> tuple[str, str] | None:
    """An undated question about a committee under a name it no longer has, or about one that
    has ended, is read on the last day of that name: "ủy ban quốc gia về chuyển đổi số" asks
    about the committee of 2021-2025, not about the steering committee that succeeded it."""
    import datetime

    from ..text.dates import date_bounds
    from .days import today

    if body is None:
        return None
    states = sorted(
        (s for s in facts.committee_states.values() if s.body == body), key=lambda s: s.valid_from
    )
    names = [(s, normalize.fold(n)) for s in states for n in (s.name, s.name_en) if n]
    said = [s for s, name in names if name and f" {name} " in q.padded]
    chosen = said[-1] if said else (states[-1] if states else None)
    if chosen is None or not chosen.valid_until or chosen.valid_until > today(facts)[0]:
        return None  # still so called, still in office: today's answer is its answer
    last = datetime.date.fromisoformat(date_bounds(chosen.valid_until)[0])
    return ("--on", (last - datetime.timedelta(days=1)).isoformat())


def _instrument_arg(ins: Any, phrase: str = "") -> str:
    """Its number; else the words that found it, else its title ("Luật An ninh mạng")."""
    if any(ch.isdigit() for ch in ins.number):
        return str(ins.number)
    return phrase or str(ins.title)


def _related_instrument(facts: Facts, q: _Question, body: str) -> Any:
    """The instrument that founded, renamed or ended a body, when the question asks so."""
    kinds: tuple[str, ...]
    if q.has(REPLACED, ENDED):
        kinds = ("merges", "replaces")
    elif q.has(RENAMED):
        kinds = ("renames",)
    elif q.has(FOUNDED) or q.has(WHEN):
        kinds = ("establishes",)
    else:
        return None
    for ins in facts.instruments.values():
        if any(r.type in kinds and r.target == body for r in ins.relations):
            return ins
    states = sorted(
        (s for s in facts.committee_states.values() if s.body == body), key=lambda s: s.valid_from
    )
    if states and kinds[0] == "merges" and states[-1].ended_by:
        return facts.instruments.get(states[-1].ended_by)
    change = {"renames": "renamed", "establishes": "founded"}.get(kinds[0])
    for s in states:
        if s.change == change and s.instrument:
            return facts.instruments.get(s.instrument)
    return None


def _what(
    facts: Facts, lex: Lexicon, q: _Question, named: list[str], term: str | None
) -> Reading | None:
    """'X là gì', 'what is X', 'how does D define X', 'X làm gì': define, models or agency."""
    asks_what = q.has(WHAT, DEFINE)
    if not asks_what and not q.has(DOES):
        return None
    source = next((i for i in named if i in lex.definers), None)
    left = q.words(WHAT, DEFINE)
    if left:  # a misspelt term: "chinh phu dien tuu" (its "chinh phu" named as the Government)
        words = " ".join(lex.terms).split()
        near = [w for w in left if any(_near(w, t) for t in words)]
        left = [w for w in left if w not in near]
        inside = all(set(lex.folded[i].split()) <= set(words) for i in named)
        if term is None and near and not left and inside:
            term = " ".join(near)
    defines = q.has(DEFINE) and (source is not None or not named)  # "định nghĩa" alone
    if asks_what and (term or defines) and not left:
        if source is not None:
            e = facts.entities[source]
            name = e.short if len(e.name) > 40 and e.short else e.name  # "GBDe"
            return Reading("define", (("--source", name),))
        return Reading("define")
    if asks_what and len(named) == 1 and term is None:
        e = facts.entities[named[0]]
        kind_words = {
            w for t, xs in lex.glossary if e.kind in xs for w in " ".join([t, *xs]).split()
        }
        if e.kind == "model" and not [w for w in left if w not in kind_words]:
            return Reading("models", (("", e.short or e.name),))
    if not q.words(DOES, WHAT):
        from ..data.model import entity_names

        agencies = [
            normalize.Named(i, facts.entities[i].name, entity_names(facts.entities[i]))
            for i in lex.agencies
        ]
        for i in named:
            if normalize.match_names(facts.entities[i].name, agencies):
                return Reading("agency", (("", facts.entities[i].name),))
    return None


def _near(word: str, term: str) -> bool:
    """One letter added, dropped or changed ("tuu" for "tu"); a change only in 3+ letters."""
    if word == term or min(len(word), len(term)) < 2 or abs(len(word) - len(term)) > 1:
        return word == term
    if len(word) == len(term):
        return sum(a != b for a, b in zip(word, term, strict=True)) == 1 and len(word) >= 3
    short, long = sorted((word, term), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _agency(lex: Lexicon, q: _Question) -> Reading | None:
    """'cơ quan nào làm X', 'ai xây dựng X', 'which body is X': `agency` with the words of X
    that a role statement holds, X's names put into the data's Vietnamese where the question
    gave them in English."""
    if not q.has(BODY) and not q.has(WHO):
        return None
    words = _expanded(lex, q, [w for w in _cut(q.rest, BODY + WHO).split()
                               if w not in FILLER and w != "#term"])  # fmt: skip
    texts = [set(role.split()) for role in lex.roles]
    vocabulary = set().union(*texts)
    text = f" {' '.join(words)} "
    for term, xs in lex.glossary:  # a term the roles do not use, in its data form
        for x in xs:
            if len(x.split()) >= 2 and f" {x} " in text and not set(x.split()) <= vocabulary:
                text = text.replace(f" {x} ", f" {term} ")
    words = text.split()
    # a window of three words or more, at least half the question's: "ứng dụng" alone is
    # in many roles and says nothing of which
    for size in range(len(words), max(3, (len(words) + 1) // 2) - 1, -1):
        for start in range(len(words) - size + 1):
            window = words[start : start + size]
            if any(set(window) <= t for t in texts):
                return Reading("agency", (("", " ".join(window)),))
    return None


# --- answering -----------------------------------------------------------------------------


def answer(facts: Facts, reading: Reading) -> Answer | None:
    """The reading's answer, from the same function its command calls; a command that finds
    nothing raises its own error (NotFound: "chưa có Ủy ban vào năm 1990 …")."""
    args = dict(reading.args)
    text = args.get("")
    if reading.command == "committee":
        from .committee import committee

        return committee(facts, args.get("--year"), args.get("--on"))
    if reading.command == "timeline":
        from .timeline import timeline

        return timeline(facts, None, args.get("--year"))
    if reading.command == "law":
        from . import law

        return law.law(facts, text)
    if reading.command == "define":
        from .define import define

        return define(facts, None, args.get("--source"))
    if reading.command == "models":
        from .models import models

        return models(facts, text)
    if reading.command == "agency":
        from .agency import agency

        return agency(facts, text)
    return None


def answer_first(
    facts: Facts, text: str, notices: list[str] | None = None
) -> Interpretation | None:
    """The interpretation of a search query and its answer, as --json carries them. When the
    command a question was read as finds nothing, that is said in `notices` (for stderr)."""
    reading = read(facts, text)
    if reading is None:
        return None
    try:
        found = answer(facts, reading)
    except CpdtError as error:
        if notices is not None:
            from ..messages import say

            notices += [say("question_read_as", command=reading.cli()), error.message]
        return None
    if found is None or not found.results:
        return None
    return Interpretation(
        command=reading.command,
        args={(k.lstrip("-") or "query"): v for k, v in reading.args},
        cli=reading.cli(),
        answer=InterpretedAnswer(
            command=found.command,
            query=found.query,
            count=len(found.results),
            results=found.results,
            notices=found.notices,
        ),
    )
