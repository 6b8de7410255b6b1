"""The register of 2005-2025 in the curated data (../shared/sources/REGISTER-2005-2025.md):
every instrument found by its number as people type it and by its name, with the dates,
status and relations the register's sources give."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import ROOT
from cpdt_cli.answers import law
from cpdt_cli.data import facts as facts_mod

DATA = ROOT / "data" / "facts.yaml"


@pytest.fixture(autouse=True)
def curated_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPDT_DATA", str(DATA))


# id: (spellings of the number, a name query, signed, in force from, until, status on 2026-11-23,
#      relations it has, relations others have to it)
REGISTER: dict[str, tuple[list[str], str, str, str | None, str | None, str, set, set]] = {
    "luat-51-2005": (
        ["51/2005/QH11", "luat 51 2005", "luật 51/2005"], "luat giao dich dien tu 2005",
        "2005-11-29", "2006-03-01", "2024-07-01", "ended", set(),
        {("replaces", "luat-20-2023")},
    ),
    "luat-20-2023": (
        ["20/2023/QH15", "luat 20 2023", "luật 20/2023/QH15"], "luật giao dịch điện tử 2023",
        "2023-06-22", "2024-07-01", None, "in-force", {("replaces", "luat-51-2005")}, set(),
    ),
    "nd-64-2007": (
        ["64/2007/NĐ-CP", "nd 64 2007", "nghi dinh 64/2007"],
        "ung dung cong nghe thong tin trong hoat dong cua co quan nha nuoc",
        "2007-04-10", "2007-05-18", None, "unknown", set(), set(),
    ),
    "nq-17-2019": (
        ["17/NQ-CP", "nq 17", "nq17"], "giai phap trong tam phat trien chinh phu dien tu",
        "2019-03-07", "2019-03-07", None, "unknown", set(), {("cites", "tb-320-2019")},
    ),
    "qd-749-2020": (
        ["749/QĐ-TTg", "qd 749", "quyết định 749"], "chuong trinh chuyen doi so quoc gia",
        "2020-06-03", "2020-06-03", None, "in-force", set(), set(),
    ),
    "qd-942-2021": (
        ["942/QĐ-TTg", "qd 942", "qd942"],
        "chien luoc phat trien chinh phu dien tu huong toi chinh phu so",
        "2021-06-15", None, None, "unknown", set(), set(),
    ),
    "qd-06-2022": (
        ["06/QĐ-TTg", "de an 06", "qd 06"], "đề án 06",
        "2022-01-06", None, None, "unknown", set(), {("implements", "ct-07-2025")},
    ),
    "nd-45-2020": (
        ["45/2020/NĐ-CP", "nd 45 2020", "nghị định 45/2020"],
        "thu tuc hanh chinh tren moi truong dien tu",
        "2020-04-08", "2020-05-22", None, "unknown", set(), set(),
    ),
    "nd-47-2020": (
        ["47/2020/NĐ-CP", "nd 47 2020", "47/2020/ND-CP"],
        "quan ly ket noi va chia se du lieu so",
        "2020-04-09", "2020-05-25", "2025-10-22", "ended", set(),
        {("replaces", "nd-278-2025")},
    ),
    "nd-278-2025": (
        ["278/2025/NĐ-CP", "nd 278 2025", "nghi dinh 278"],
        "ket noi chia se du lieu bat buoc",
        "2025-10-22", "2025-10-22", None, "in-force", {("replaces", "nd-47-2020")}, set(),
    ),
    "nd-61-2018": (
        ["61/2018/NĐ-CP", "nghị định 61/2018", "nd 61 2018", "61/2018/ND-CP"],
        "co che mot cua mot cua lien thong trong giai quyet thu tuc hanh chinh",
        "2018-04-23", "2018-06-21", "2025-07-01", "ended", set(),
        {("replaces", "nd-118-2025"), ("amends", "nd-107-2021")},
    ),
    "nd-107-2021": (
        ["107/2021/NĐ-CP", "nd 107 2021"], "sua doi bo sung mot so dieu",
        "2021-12-06", None, "2025-07-01", "ended", {("amends", "nd-61-2018")},
        {("repeals", "nd-118-2025")},
    ),
    "nd-118-2025": (
        ["118/2025/NĐ-CP", "nd 118 2025", "nghi dinh 118"],
        "mot cua lien thong tai bo phan mot cua va cong dich vu cong quoc gia",
        "2025-06-09", "2025-07-01", None, "in-force",
        {("replaces", "nd-61-2018"), ("repeals", "nd-107-2021")}, set(),
    ),
    "qd-31-2021": (
        ["31/2021/QĐ-TTg", "qd 31 2021", "31/2021/QD-TTg"],
        "van hanh khai thac cong dich vu cong quoc gia",
        "2021-10-11", None, None, "unknown", {("regulates", "sys.cong-dvcqg")}, set(),
    ),
    "luat-60-2024": (
        ["60/2024/QH15", "luat 60 2024"], "luat du lieu",
        "2024-11-30", "2025-07-01", None, "in-force", set(), set(),
    ),
    "nd-160-2025": (
        ["160/2025/NĐ-CP", "nd 160 2025"], "nghi dinh so 160/2025",
        "2025-06-29", None, None, "unknown", set(), set(),
    ),
    "nq-57-2024": (
        ["57-NQ/TW", "nq57", "nghị quyết 57"], "dot pha phat trien khoa hoc cong nghe",
        "2024-12-22", None, None, "unknown", set(), set(),
    ),
    "qd-204-2024": (
        ["204-QĐ/TW", "qd 204"], "de an chuyen doi so trong cac co quan dang",
        "2024-11-29", None, None, "unknown", set(), set(),
    ),
    "tb-04-2025": (
        ["04-TB/BCĐTW", "thong bao 04"], "phien hop thuong truc ban chi dao",
        "2025", None, None, "unknown", set(), set(),
    ),
    "ct-07-2025": (
        ["07/CT-TTg", "chi thi 07", "ct 07"], "day manh trien khai de an",
        "2025-03-14", None, None, "unknown", {("implements", "qd-06-2022")}, set(),
    ),
}  # fmt: skip


def lookup(cpdt, *args: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    r = cpdt("law", *args, "--on", "2026-11-23", "--json")
    assert r.code == 0, (args, r.err)
    return r.json()["results"]


@pytest.mark.parametrize("ident", sorted(REGISTER))
def test_every_instrument_of_the_register(cpdt, ident: str) -> None:
    numbers, name, signed, start, until, code, relations, related_by = REGISTER[ident]
    for spelling in numbers:
        found = [r["id"] for r in lookup(cpdt, spelling)]
        assert found == [ident], spelling
    assert ident in [r["id"] for r in lookup(cpdt, name)], name
    [result] = [r for r in lookup(cpdt, numbers[0])]
    assert (result["date"], result["effective_from"], result["effective_until"]) == (
        signed,
        start,
        until,
    )
    assert result["status"]["code"] == code
    assert {(r["type"], r["target"]["id"]) for r in result["relations"]} == relations
    assert {(r["type"], r["target"]["id"]) for r in result["related_by"]} == related_by
    assert result["citations"], ident


def test_the_register_answers_the_first_look_ups_of_2026(cpdt) -> None:
    """The look-ups that all ended in exit 1 before, as typed."""
    for number in ("20/2023/QH15", "51/2005/QH11", "64/2007/NĐ-CP", "749/QĐ-TTg", "942/QĐ-TTg",
                   "06/QĐ-TTg", "45/2020/NĐ-CP", "47/2020/NĐ-CP", "61/2018/NĐ-CP",
                   "118/2025/NĐ-CP", "60/2024/QH15", "57-NQ/TW"):  # fmt: skip
        assert cpdt("law", number).code == 0, number


def test_no_instrument_is_in_force_after_its_replacement_took_effect() -> None:
    problems, model = facts_mod.check([DATA])
    assert model is not None, problems
    pairs = [
        (model.instruments[r.target], new)
        for new in model.instruments.values()
        for r in new.relations
        if r.type in ("replaces", "repeals") and r.target in model.instruments
    ]
    assert len(pairs) >= 4
    for old, new in pairs:
        if not new.effective_from:
            continue
        for day in (new.effective_from, model.data_as_of):
            assert law.status_on(model, old, day).code not in law.IN_FORCE, (old.id, day)


def test_in_force_today_and_on_the_day_decree_118_took_effect(cpdt) -> None:
    today = {r["id"] for r in lookup(cpdt, "--in-force")}
    assert {"luat-20-2023", "luat-60-2024", "nd-118-2025", "nd-278-2025"} <= today
    assert not {"luat-51-2005", "nd-61-2018", "nd-47-2020", "nd-107-2021"} & today
    r = cpdt("law", "--in-force", "--on", "2025-06-30", "--type", "decree", "--json")
    before = {x["id"] for x in r.json()["results"]}
    assert "nd-61-2018" in before and "nd-118-2025" not in before


def test_the_portal_launch_and_the_2024_survey(cpdt) -> None:
    r = cpdt("timeline", "--year", "2019", "--kind", "event", "--json")
    launch = [x for x in r.json()["results"] if x["id"] == "event.cong-dvcqg.khai-truong"]
    assert [x["date"] for x in launch] == ["2019-12-09"]
    for query in ("EGDI ranking 2024", "viet nam xep hang egdi nam 2024 thu may"):
        r = cpdt("search", query, "--json")
        assert r.json()["results"][0]["id"] == "rank.egdi.2024", query
    r = cpdt("search", "cong dich vu cong quoc gia khai truong", "--json")
    assert r.json()["results"][0]["id"] == "event.cong-dvcqg.khai-truong"
    r = cpdt("define", "--source", "un", "--json")
    assert {"def.un.egovkb", "def.un.egovkb.truyen-thong"} <= {x["id"] for x in r.json()["results"]}


BODY_KINDS = ("agency", "body", "working-group", "organisation")


def data_row() -> str:
    """The README's data-table row, computed from the curated data."""
    problems, model = facts_mod.check([DATA])
    assert model is not None, problems
    kinds = [e.kind for e in model.entities.values()]
    dates = [
        d
        for group in (model.instruments, model.statements, model.committee_states)
        for item in group.values()
        for d in (
            getattr(item, "date", None),
            getattr(item, "effective_from", None),
            getattr(item, "effective_until", None),
            getattr(item, "valid_from", None),
            getattr(item, "valid_until", None),
        )
        if d
    ]
    cells = [
        len(model.instruments),
        sum(k in BODY_KINDS for k in kinds),
        kinds.count("person"),
        len(model.statements),
        len(model.sources),
        f"{min(dates)} – {max(dates)}",
    ]
    return "| " + " | ".join(map(str, cells)) + " |"


def test_the_readme_data_table_is_what_the_data_holds() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    header = "| văn bản pháp lý | cơ quan, tổ chức | người | dữ kiện | nguồn | khoảng thời gian |"
    lines = readme.splitlines()
    row = lines[lines.index(header) + 2]
    assert row == data_row(), f"README.md's data table should read:\n{header}\n{data_row()}"


def test_a_derived_date_is_marked_and_its_derivation_kept_for_json(cpdt) -> None:
    text = cpdt("law", "64/2007", "--format", "plain").out
    assert "Có hiệu lực từ: 2007-05-18 (suy ra)" in text
    assert "15 ngày sau" not in text
    result = cpdt("law", "64/2007", "--json").json()["results"][0]
    assert result["inferred"]["effective_from"].startswith("15 ngày sau ngày đăng Công báo")
    assert result["status"]["code"] == "unknown" and result["status"]["note"]
