"""`cpdt define`: by source, all side by side, unknown sources, output modes."""

from __future__ import annotations

UNESCO_2005 = "Chính phủ điện tử là việc sử dụng các công nghệ thông tin và truyền thông"


def test_source_unesco_prints_the_2005_definition_with_its_citation(cpdt) -> None:
    r = cpdt("define", "--source", "unesco")
    assert r.code == 0, r.err
    assert "UNESCO (2005)" in r.out
    assert UNESCO_2005 in r.out
    assert "Nguồn\n[1] “Chính phủ điện tử là gì? Cơ quan nào làm đầu mối" in r.out
    assert r.err == ""


def test_source_matching_ignores_case_accents_and_nfd(cpdt) -> None:
    import unicodedata

    expected = cpdt("define", "--source", "Liên Hợp Quốc", "--json").json()["results"]
    assert [x["id"] for x in expected] == ["def.un.hoidap", "def.un.thoidai"]
    for spelling in (
        "lien hop quoc",
        "LIÊN HỢP QUỐC",
        "lhq",
        "UN",
        "united nations",
        unicodedata.normalize("NFD", "Liên Hợp Quốc"),
    ):
        got = cpdt("define", "--source", spelling, "--json").json()["results"]
        assert got == expected, spelling


def test_two_wordings_of_one_source_each_keep_their_own_citation(cpdt) -> None:
    results = cpdt("define", "-s", "un", "--json").json()["results"]
    sources = [r["citations"][0]["source"]["id"] for r in results]
    assert sources == ["hoidap-dau-moi", "thoidai-2020"]
    assert results[0]["text"] != results[1]["text"]


def test_json_is_one_valid_object_with_verbatim_quotes(cpdt, validate_output, shared) -> None:
    r = cpdt("define", "--source", "ngan hang the gioi", "--json")
    assert r.code == 0
    doc = r.json()
    validate_output(doc)
    assert doc["command"] == "define"
    assert doc["query"] == {"text": None, "source": "ngan hang the gioi"}
    assert doc["count"] == len(doc["results"]) == 1
    assert "\\u" not in r.out  # UTF-8, not escaped
    seed = shared / "seeds" / "003_65143041ea6e4370.txt"
    assert doc["results"][0]["citations"][0]["quote"] in seed.read_text(encoding="utf-8")


def test_global_json_flag_before_the_command(cpdt) -> None:
    assert cpdt("--json", "define", "-s", "wb").json()["count"] == 1


def test_all_definitions_side_by_side_with_the_no_legal_definition_note(
    cpdt, validate_output
) -> None:
    doc = cpdt("define", "--json").json()
    validate_output(doc)
    kinds = [r["kind"] for r in doc["results"]]
    assert kinds.count("definition") == 5
    assert kinds[-1] == "note"
    assert "Luật An ninh mạng 2018" in doc["results"][-1]["text"]


def test_unknown_source_exits_1_with_known_sources_and_suggestion(cpdt) -> None:
    r = cpdt("define", "--source", "zzz")
    assert r.code == 1
    assert r.out == ""
    assert "cpdt: không có nguồn 'zzz'" in r.err
    assert "các nguồn hiện có: Liên Hợp Quốc; Ngân hàng Thế giới; UNESCO" in r.err


def test_near_miss_suggests(cpdt) -> None:
    r = cpdt("define", "--source", "ngan hang")
    assert r.code == 0  # whole words of a known name
    r = cpdt("define", "--source", "lien hiep")
    assert r.code == 1
    assert "có phải ý bạn là: 'Liên Hợp Quốc'?" in r.err


def test_typo_is_understood_with_a_notice(cpdt) -> None:
    r = cpdt("define", "--source", "unseco", "--json")
    assert r.code == 0
    assert r.err == "cpdt: hiểu 'unseco' là 'UNESCO'\n"
    assert {x["subject"]["id"] for x in r.json()["results"]} == {"definer.unesco"}


def test_query_filters_by_wording(cpdt) -> None:
    r = cpdt("define", "bo phieu dien tu", "--json")
    assert [x["id"] for x in r.json()["results"]] == ["def.unesco.hoidap"]
    r = cpdt("define", "khong co chu nay")
    assert r.code == 1 and "không có định nghĩa nào khớp" in r.err


def test_original_language_wording_is_kept_beside_the_vietnamese(cpdt) -> None:
    results = cpdt("define", "-s", "unesco", "--json").json()["results"]
    assert [(r["id"], r.get("language")) for r in results] == [
        ("def.unesco.hoidap", None),
        ("def.unesco.en", "en"),
    ]
    assert results[1]["term"] == "e-governance"


def test_plain_output_when_piped_and_no_markup_interpretation(cpdt) -> None:
    r = cpdt("define", "-s", "wb")
    assert "\x1b[" not in r.out
    assert r.out.startswith("Định nghĩa Chính phủ điện tử — 1 kết quả\n\nNgân hàng Thế giới\n")


def test_version(cpdt) -> None:
    from cpdt_cli import __version__

    r = cpdt("--version")
    assert (r.code, r.out) == (0, f"cpdt {__version__}\n")


def test_usage_error_exits_2_without_traceback(cpdt) -> None:
    r = cpdt("define", "--nope")
    assert r.code == 2
    assert "--nope" in r.err and "Traceback" not in r.err  # Click words it; we name the option
