"""Time in the curated data: the committee's line-ups year by year and around every change,
successors, and that what is ours (translations, provenance) says so or stays out of sight."""

from __future__ import annotations

import itertools
import re

import pytest

from conftest import ROOT

DATA = str(ROOT / "data" / "facts.yaml")

# (chair or head, standing vice-chair, vice-chair, working-group leader) as the sources give them
L2018_AUG = ("ubqg.2018", "person.nguyen-xuan-phuc", None)  # working group reported 11/9/2018
L2018 = ("ubqg.2018", "person.nguyen-xuan-phuc", "person.mai-tien-dung")
L2019 = ("ubqg.2019", "person.nguyen-xuan-phuc", "org.mic")
L2019_12 = ("ubqg.2019-12", "person.nguyen-xuan-phuc", "person.nguyen-manh-hung")
L2020 = ("ubqg.2020", "person.nguyen-xuan-phuc", "person.nguyen-manh-hung")
L2021 = ("ubqg.2021", "person.pham-minh-chinh", None)
B2025 = ("bcd.2025", "person.pham-minh-chinh", None)
B2025_09 = ("bcd.2025-09", "person.pham-minh-chinh", None)

YEARS = {
    2018: [L2018],
    2019: [L2018, L2019, L2019_12],
    2020: [L2019_12, L2020],
    2021: [L2020, L2021],
    2022: [L2021],
    2023: [L2021],
    2024: [L2021],
    2025: [L2021, B2025, B2025_09],
    2026: [B2025_09],
}

# each change date: the day before, the day, the day after
DAYS = {
    "2018-08-28": L2018_AUG, "2018-08-29": L2018_AUG, "2018-09-10": L2018_AUG,
    "2018-09-11": L2018,
    "2019-09-17": L2018, "2019-09-18": L2019, "2019-09-19": L2019,
    "2019-12-02": L2019, "2019-12-03": L2019_12, "2019-12-04": L2019_12,
    "2020-05-25": L2019_12, "2020-05-26": L2020, "2020-05-27": L2020,
    "2021-09-23": L2020, "2021-09-24": L2021, "2021-09-25": L2021,
    "2025-03-12": L2021, "2025-03-13": B2025, "2025-03-14": B2025,
    "2025-09-23": B2025, "2025-09-24": B2025_09, "2025-09-25": B2025_09,
}  # fmt: skip


def _lineup(result: dict) -> tuple[str, str | None, str | None]:
    members = result["members"]
    top = next(m for m in members if m["position"] in ("chair", "head"))
    wg = next((m for m in members if m["position"] == "wg-leader"), None)
    wg_who = None
    if wg is not None:
        wg_who = wg["person"]["id"] if wg["person"] else wg["org"]["id"]
    return result["id"], top["person"]["id"] if top["person"] else None, wg_who


@pytest.mark.parametrize("year", range(2015, 2027))
def test_committee_year_by_year(cpdt, year: int) -> None:
    r = cpdt("--data", DATA, "committee", "--year", str(year), "--json")
    doc = r.json()
    if year < 2018:
        assert r.code == 1 and doc["count"] == 0 and doc["results"] == []
        assert "chưa có Ủy ban vào năm" in r.err
        assert any("chưa có Ủy ban" in n for n in doc["notices"])
        return
    assert r.code == 0
    assert [_lineup(x) for x in doc["results"]] == YEARS[year]


@pytest.mark.parametrize(("day", "expected"), sorted(DAYS.items()))
def test_committee_around_every_change(cpdt, day: str, expected: tuple) -> None:
    r = cpdt("--data", DATA, "committee", "--on", day, "--json")
    assert r.code == 0
    assert [_lineup(x) for x in r.json()["results"]] == [expected]


def test_before_the_committee_there_was_none(cpdt) -> None:
    r = cpdt("--data", DATA, "committee", "--on", "2018-08-27", "--json")
    assert r.code == 1 and r.json()["count"] == 0
    assert "chưa có Ủy ban vào ngày 27/8/2018" in r.err


def test_after_the_end_the_successor_answers_and_says_so(cpdt) -> None:
    r = cpdt("--data", DATA, "committee", "--year", "2026", "--json")
    doc = r.json()
    (state,) = doc["results"]
    assert state["body"]["id"] == "body.bcd" and state["successor_of"]["id"] == "body.ubqg"
    ended = "Ủy ban Quốc gia về chuyển đổi số đã chấm dứt hoạt động từ ngày 13/3/2025"
    assert any(n.startswith(ended) and "cơ quan kế tục" in n for n in doc["notices"])
    assert ended in r.err
    plain = cpdt("--data", DATA, "committee", "--year", "2026", "--format", "plain").out
    assert "Cơ quan kế tục của: Ủy ban Quốc gia" in plain


def test_default_is_today_bounded_by_the_data(cpdt, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPDT_TODAY", "2020-01-15")
    assert cpdt("--data", DATA, "committee", "--json").json()["results"][0]["id"] == "ubqg.2019-12"
    monkeypatch.setenv("CPDT_TODAY", "2099-01-01")
    r = cpdt("--data", DATA, "committee", "--json")
    assert r.json()["query"]["as_of"] == "2026-11-23"
    assert "dữ liệu cập nhật đến ngày 23/11/2026: trả lời theo ngày đó" in r.json()["notices"]


def test_a_reported_change_date_says_so(cpdt) -> None:
    r = cpdt("--data", DATA, "committee", "--on", "2019-09-05", "--json")
    assert [x["id"] for x in r.json()["results"]] == ["ubqg.2018"]
    assert "mốc ngày 18/9/2019 là ngày đưa tin" in r.err


def test_the_party_steering_committee_is_a_separate_body(cpdt) -> None:
    for y in ("2025", "2026"):
        for state in cpdt("--data", DATA, "committee", "--year", y, "--json").json()["results"]:
            assert state["body"]["id"] != "body.bcdtw"
            assert all(m["person"] is None or m["person"]["id"] != "person.to-lam"
                       for m in state["members"] if m["position"] == "head")  # fmt: skip


def test_ended_ministry_names_its_successor(cpdt) -> None:
    r = cpdt("--data", DATA, "agency", "tttt", "--json")
    assert r.code == 1 and r.json()["count"] == 0
    assert "Bộ Thông tin và Truyền thông đã chấm dứt hoạt động từ ngày 1/3/2025" in r.err
    assert "cơ quan kế tục: Bộ Khoa học và Công nghệ" in r.err
    r = cpdt("--data", DATA, "agency", "most", "--json")
    assert r.code == 0 and r.json()["results"][0]["id"] == "org.most"
    assert r.json()["results"][0]["predecessors"][0]["id"] == "org.mic"
    r = cpdt("--data", DATA, "agency", "tttt", "--year", "2020", "--json")
    assert r.code == 0 and r.json()["results"][0]["successor"]["id"] == "org.most"


def _provenance_texts() -> list[str]:
    from cpdt_cli.data import facts

    model = facts.load([ROOT / "data" / "facts.yaml"])
    texts = []
    for group in (
        model.sources,
        model.entities,
        model.instruments,
        model.committee_states,
        model.statements,
    ):
        texts += [i.provenance for i in group.values() if getattr(i, "provenance", None)]
    for s in model.sources.values():
        texts += list(s.inferred.values())
    return [t for t in texts if t]


HUMAN = ("table", "plain", "md", "csv")
COMMANDS = (
    ["define"], ["agency"], ["agency", "--year", "2020"], ["committee", "--year", "2018"],
    ["committee", "--year", "2019"], ["committee", "--year", "2020"],
    ["committee", "--year", "2025"], ["models"], ["timeline"], ["law"], ["sources"],
    ["search", "uy ban"],
)  # fmt: skip


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_human_output_shows_provenance(cpdt, lang: str) -> None:
    texts = _provenance_texts()
    assert len(texts) > 20
    for command in COMMANDS:
        formats = HUMAN + (("bibtex",) if command[0] in ("sources", "define", "law") else ())
        for fmt in formats:
            r = cpdt("--data", DATA, *command, "--format", fmt, "--lang", lang)
            out = " ".join(r.out.split())
            leaked = [t for t in texts if " ".join(t.split()) in out]
            assert not leaked, (command, fmt, leaked[:1])
    assert "provenance" in cpdt("--data", DATA, "committee", "--year", "2019", "--json").out


def test_check_lists_provenance_on_request(cpdt) -> None:
    out = cpdt("check", DATA, "--provenance").out
    assert "ubqg.2019-12: khoahocdoisong gives 'Ngày 3/12' without a year" in out
    assert "khoahocdoisong" not in cpdt("check", DATA).out


def test_every_translation_is_flagged_and_never_quoted() -> None:
    import yaml

    doc = yaml.safe_load((ROOT / "data" / "facts.yaml").read_text(encoding="utf-8"))
    langs = {s["id"]: s.get("language", "vi") for s in doc["sources"]}
    for st in doc["statements"]:
        flagged = st.get("translations", [])
        if "text_en" in st:
            assert "text_en" in flagged, st["id"]
            # a term may be named in quotation marks; a sentence may not
            assert not re.search(r"[“\"](\S+\s+){3,}[^”\"]*[”\"]", st["text_en"]), st["id"]
        if st.get("text") and all(langs[c["source"]] == "en" for c in st["citations"]):
            assert "text" in flagged, st["id"]


def test_translations_are_marked_and_vietnamese_mode_has_no_english(cpdt) -> None:
    out = cpdt("--data", DATA, "define", "--source", "unesco", "--format", "plain").out
    assert "English" not in out and "UNESCO’s definition" not in out
    en = cpdt("--data", DATA, "define", "--source", "unesco", "--format", "plain", "--lang", "en")
    assert "(cpdt's translation)" in en.out
    assert "“E-government is the use of" not in en.out
    vi = cpdt("--data", DATA, "define", "--source", "wb", "--format", "plain").out
    assert "(bản dịch của cpdt)" in vi  # the Vietnamese of the Bank's English is ours


def test_periods_of_one_body_and_of_ended_entities(cpdt) -> None:
    from cpdt_cli.data import facts

    model = facts.load([ROOT / "data" / "facts.yaml"])
    for e in model.entities.values():
        if e.valid_until:
            assert e.successor, e.id
    by_body: dict[str, list] = {}
    for s in model.committee_states.values():
        by_body.setdefault(s.body, []).append(s)
    for states in by_body.values():
        states.sort(key=lambda s: s.valid_from)
        for a, b in itertools.pairwise(states):
            assert a.valid_until == b.valid_from, (a.id, b.id)


def test_csv_and_md_mark_our_translations(cpdt) -> None:
    csv = cpdt("--data", DATA, "define", "--source", "gbde", "--format", "csv", "--lang", "en").out
    assert "(cpdt's translation)" in csv
    md = cpdt("--data", DATA, "law", "598", "--format", "md", "--lang", "en").out
    assert "(cpdt's translation)" in md


@pytest.mark.parametrize("kind", ["decision", "decree", "instrument", "event", "ranking", "law"])
def test_a_timeline_of_one_kind_is_the_whole_timeline_filtered(
    cpdt, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """`--kind` reads fewer statements from the register; what it shows must not change."""
    monkeypatch.setenv("CPDT_DATA", DATA)
    whole = cpdt("timeline", "--json").json()["results"]
    expected = [e for e in whole
                if kind in (e["kind"], e["instrument"] and e["instrument"]["type"])]  # fmt: skip
    got = cpdt("timeline", "--kind", kind, "--json")
    assert expected, kind
    assert got.json()["results"] == expected
    in_2019 = [e for e in expected if e["date"].startswith("2019")]
    if in_2019:
        assert (
            cpdt("timeline", "--kind", kind, "--year", "2019", "--json").json()["results"]
            == in_2019
        )
