"""Checks of the curated fact file itself (logic tests use fixtures instead).

The quotes are verified against the source each one cites: the seed article for the five
articles, the row of EXTERNAL.md that names the page for the others. ../shared is beside the
repository in CI; there a missing ../shared fails rather than skips.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from conftest import ROOT
from cpdt_cli.data import facts as facts_mod
from cpdt_cli.data.model import Facts
from cpdt_cli.text.dates import date_bounds, date_problem

DATA = ROOT / "data" / "facts.yaml"
EXCERPTS = ROOT / "data" / "excerpts"


@cache
def curated() -> Facts:
    problems, model = facts_mod.check([DATA])
    assert model is not None, "\n".join(map(str, problems))
    return model


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for a, b in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


def test_check_is_clean() -> None:
    model = curated()
    assert len(model.statements) >= 150
    assert model.data_as_of and not date_problem(model.data_as_of)


def test_every_quote_is_verbatim_in_the_source_it_cites(shared: Path) -> None:
    """A seed's quote is in the seed; another source's is in its own excerpt file
    (data/excerpts/<id>.txt), or in REGISTER-2005-2025.md under the source's address, or in
    the row of EXTERNAL.md that names the source's site."""
    model = curated()
    external = (shared / "sources" / "EXTERNAL.md").read_text(encoding="utf-8")
    external_lines = [norm(line) for line in external.splitlines()]
    register = register_quotes(shared / "sources" / "REGISTER-2005-2025.md")
    missing = []
    for owner, cite in _all_citations(model):
        source = model.sources[cite.source]
        quote = norm(cite.quote).rstrip(" .…")
        if source.seed:
            text = norm((shared / "seeds" / source.seed).read_text(encoding="utf-8"))
            if quote not in text:
                missing.append(f"{owner}: not in seed {source.seed}: {quote[:80]!r}")
            continue
        assert source.external, f"{source.id} is neither a seed nor an external source"
        excerpt = EXCERPTS / f"{source.id}.txt"
        if excerpt.is_file() and quote in norm(excerpt.read_text(encoding="utf-8")):
            continue
        if any(quote in q for q in register.get(source.url or "", ())):
            continue
        host = _host(source.url or source.notes or source.provenance or "")
        rows = [line for line in external_lines if quote in line]
        if not rows:
            missing.append(
                f"{owner}: not in EXTERNAL.md, the register or an excerpt: {quote[:80]!r}"
            )
        elif host and not any(host in row or _host(row.split("|")[2]) is None for row in rows):
            missing.append(f"{owner}: quoted from EXTERNAL.md, but not from the row of {host}")
    assert not missing, "\n".join(missing)


def register_quotes(path: Path) -> dict[str, list[str]]:
    """REGISTER-2005-2025.md's checked quotes, by the address of the page they were checked on:
    each `quote:` line belongs to the `source:` line above it."""
    by_url: dict[str, list[str]] = {}
    url = None
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\s*- source: (\S+)\s*$", line)
        if found:
            url = found[1]
            continue
        found = re.match(r'\s*- quote: "(.*)"\s*$', line)
        if found and url:
            by_url.setdefault(url, []).append(norm(found[1]))
    return by_url


def test_the_register_is_read_whole(shared: Path) -> None:
    quotes = register_quotes(shared / "sources" / "REGISTER-2005-2025.md")
    lines = (shared / "sources" / "REGISTER-2005-2025.md").read_text(encoding="utf-8")
    assert sum(map(len, quotes.values())) == lines.count("quote: ")
    assert (
        "Ngày hiệu lực: 01/03/2006"
        in quotes["https://hethongphapluat.com/luat-giao-dich-dien-tu-2005/dieu-4/khoan-1"]
    )


def _host(text: str) -> str | None:
    match = re.search(r"(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})", text)
    if not match:
        return None
    host = urlparse("//" + match[1]).netloc
    return host.removeprefix("www.")


def _all_citations(model: Facts):  # type: ignore[no-untyped-def]
    for group in (model.statements, model.instruments, model.committee_states):
        for item in group.values():
            for cite in item.citations:
                yield item.id, cite


def test_seed_sources_point_at_real_files(shared: Path) -> None:
    seeds = [s for s in curated().sources.values() if s.seed]
    assert len(seeds) == 5
    for source in seeds:
        assert (shared / "seeds" / source.seed).is_file(), source.id


# Numbers such as 1619/QĐ-TTg, 36a/NQ-CP, 42/2022/NĐ-CP, 320/TB-VPCP, 27/QĐ-UBQGCĐS
_NUMBER = re.compile(r"\b(\d+[a-z]?)/(?:\d{4}/)?(QĐ|NQ|NĐ|TB)-[A-ZĐ]+", re.I)


def test_every_instrument_named_in_a_quote_is_in_the_register() -> None:
    model = curated()
    register = {
        re.match(r"\d+[a-z]?", i.number)[0]
        for i in model.instruments.values()  # type: ignore[index]
        if re.match(r"\d", i.number)
    }
    named = {m[1] for _, c in _all_citations(model) for m in _NUMBER.finditer(c.quote)}
    assert named, "the pattern found no instrument numbers at all"
    assert named <= register, f"named but not registered: {sorted(named - register)}"


def test_references_resolve_and_every_statement_is_cited() -> None:
    model = curated()
    for st in model.statements.values():
        assert st.citations, st.id
        for ref in st.refs:
            assert ref in model.instruments or ref in model.entities, (st.id, ref)
        basis = st.fields.get("basis")
        assert basis is None or basis in model.instruments, (st.id, basis)


def test_dates_are_valid_and_committee_periods_do_not_overlap() -> None:
    model = curated()
    dated = [
        *(s.date for s in model.statements.values()),
        *(i.date for i in model.instruments.values()),
    ]
    for value in filter(None, dated):
        assert date_problem(value) is None, value
    by_body: dict[str, list] = {}
    for state in model.committee_states.values():
        by_body.setdefault(state.body, []).append(state)
    for states in by_body.values():
        states.sort(key=lambda s: date_bounds(s.valid_from)[0])
        for before, after in itertools.pairwise(states):
            assert before.valid_until is not None
            assert date_bounds(before.valid_until)[0] <= date_bounds(after.valid_from)[0]


def test_the_2021_committee_has_every_member_of_dieu_1() -> None:
    model = curated()
    state = next(s for s in model.committee_states.values() if s.instrument == "qd-1619-2021")
    members = [
        s
        for s in model.statements.values()
        if s.kind == "membership" and s.fields["state"] == state.id
    ]
    positions = [m.fields["position"] for m in members]
    assert positions.count("chair") == 1
    assert positions.count("standing-vice-chair") == 1
    assert positions.count("vice-chair") == 1
    assert positions.count("member") == 13
    assert any("Thống đốc Ngân hàng Nhà nước Việt Nam" in m.fields["holder"] for m in members)


def test_every_definer_of_the_articles_is_present() -> None:
    model = curated()
    subjects = {s.subject for s in model.statements.values() if s.kind == "definition"}
    assert {
        "definer.un",
        "definer.unesco",
        "definer.wb",
        "definer.gartner",
        "definer.gbde",
        "definer.working-group",
        "org.mic",
        "person.nguyen-minh-hong",
    } <= subjects
    un = [
        s for s in model.statements.values() if s.kind == "definition" and s.subject == "definer.un"
    ]
    assert len({c.source for s in un for c in s.citations}) >= 2  # two articles, two wordings


def test_a_title_rendered_from_an_english_source_is_flagged_as_ours() -> None:
    """An instrument known only from English pages has a Vietnamese title no quote gives: ours."""
    model = curated()
    unflagged = []
    for ins in model.instruments.values():
        sources = {model.sources[c.source].language for c in ins.citations}
        quotes = norm(" ".join(c.quote for c in ins.citations)).casefold()
        ours = sources == {"en"} and norm(ins.title).casefold() not in quotes
        if ours and "title" not in ins.translations:
            unflagged.append(ins.id)
    assert unflagged == []
