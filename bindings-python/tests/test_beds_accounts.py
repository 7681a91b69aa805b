"""The regional bed view and G-MIS accounts through the Python binding (issue 7).

The scope property — a viewer tied to a prefecture (a Tokyo fire HQ) never sees another
prefecture's institution, not on a page, in a search, in the totals or in the export — is
checked over seeded random row sets (hypothesis is not installed here, so a seeded loop).
"""

import copy
import csv
import io
import json
import os
import random
import warnings
from pathlib import Path

import pytest

import keynet

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = Path(os.environ.get("KEYNET_CASES", REPO / "tests" / "cases"))
SEEDS = int(os.environ.get("KEYNET_SCOPE_SEEDS", "150"))

# Real local government codes (check digit included) per prefecture code.
MUNICIPALITIES = {
    "13": [("131016", "千代田区"), ("131024", "中央区"), ("131032", "港区"), ("131041", "新宿区"), ("132012", "八王子市")],
    "14": [("141003", "横浜市"), ("141305", "川崎市"), ("141500", "相模原市"), ("142018", "横須賀市")],
    "11": [("111007", "さいたま市")],
    "12": [("121002", "千葉市")],
}
PREFECTURE_NAMES = {"13": "東京都", "14": "神奈川県", "11": "埼玉県", "12": "千葉県"}
AREA_NAMES = ["区中央部", "区西部", "横浜", "川崎北部", "中央", "北部"]
INSTITUTION_WORDS = ["病院", "医療センター", "クリニック", "記念病院"]
BED_VIEW_KINDS = ["fire_department_hq", "prefecture", "aggregating_body",
                  "health_center_recruitment", "health_center_municipality"]
EXPORT_HEADERS = ["都道府県", "都道府県番号", "全国地方公共団体コード", "市区町村", "二次医療圏番号", "二次医療圏名",
                  "医療機関コード", "医療機関名", "実績日", "報告日時", "確保病床", "即応病床", "入院中"]


def make_row(rng, prefecture, serial):
    code, name = rng.choice(MUNICIPALITIES[prefecture])
    secured = rng.choice([None, *range(0, 40)])
    ready = None if secured is None or rng.random() < 0.2 else rng.randint(0, secured)
    return {
        # Given as a name or as a code: read alike.
        "prefecture": PREFECTURE_NAMES[prefecture] if rng.random() < 0.5 else prefecture,
        "local_government_code": code,
        "municipality": name,
        "secondary_area_number": f"{prefecture}{rng.randint(1, 9):02d}",
        "secondary_area_name": rng.choice(AREA_NAMES),
        "institution_code": f"{prefecture}{serial:08d}",
        "institution_name": f"{PREFECTURE_NAMES[prefecture]} {rng.choice(INSTITUTION_WORDS)}{serial}",
        "record_date": "2022/01/05",
        "reported_at": "2022/02/01 11:32",
        "secured_beds": secured,
        "ready_beds": ready,
        "inpatients": None if secured is None else rng.randint(0, 30),
    }


def pref_of(row):
    return next(code for code, name in PREFECTURE_NAMES.items() if row["prefecture"] in (code, name))


def tokyo_fire_hq():
    return {"id": "FD13-001", "kind": "fire_department_hq", "prefecture": "13"}


def read_export(data):
    return list(csv.reader(io.StringIO(data.decode("cp932"), newline="")))


# --- the scope property ---------------------------------------------------------------------------

def test_the_fixture_rows_read_clean():
    rng = random.Random(1)
    for prefecture in MUNICIPALITIES:
        for serial in range(20):
            read = keynet.read_bed_row(make_row(rng, prefecture, serial))
            assert read["row"] is not None and read["row"]["prefecture"] == prefecture
            assert all(f["severity"] == "warning" for f in read["findings"])


def test_a_viewer_sees_only_its_own_prefecture_seeded():
    for seed in range(SEEDS):
        rng = random.Random(seed)
        rows = [make_row(rng, rng.choice(list(MUNICIPALITIES)), i) for i in range(rng.randint(0, 60))]
        own = "13" if seed % 2 == 0 else rng.choice(list(MUNICIPALITIES))
        kind = "fire_department_hq" if seed % 3 == 0 else rng.choice(BED_VIEW_KINDS)
        account = {"id": f"X-{seed}", "kind": kind,
                   "prefecture": PREFECTURE_NAMES[own] if rng.random() < 0.3 else own}
        mine = [r for r in rows if pref_of(r) == own]
        others = [r for r in rows if pref_of(r) != own]
        context = f"seed {seed}: {kind} of {own}"

        view = keynet.bed_view(rows, account)
        assert view["prefecture"] == own, context
        assert [r["institution_code"] for r in view["rows"]] == [r["institution_code"] for r in mine], context
        assert {r["prefecture"] for r in view["rows"]} <= {own}, context
        totals = view["totals"]
        assert totals["all"]["records"] == len(mine), context
        assert totals["all"]["secured_beds"] == sum(r["secured_beds"] or 0 for r in mine), context
        assert totals["all"]["inpatients"] == sum(r["inpatients"] or 0 for r in mine), context
        assert [g["prefecture"] for g in totals["groups"]] == ([own] if mine else []), context

        query = rng.choice(["病院", "センター", "1", "区", "横浜", "神奈川", "", str(rng.randint(0, 60))])
        searched = keynet.bed_view(rows, account, search=query)
        assert {r["prefecture"] for r in searched["rows"]} <= {own}, context
        assert {r["institution_code"] for r in searched["rows"]} <= {r["institution_code"] for r in mine}

        data = keynet.export_bed_view_csv(rows, account)
        exported = read_export(data)
        assert exported[0] == EXPORT_HEADERS
        assert [r[6] for r in exported[1:]] == [r["institution_code"] for r in mine], context
        text = data.decode("cp932")
        for other in others:
            assert other["institution_code"] not in text and other["institution_name"] not in text, context
        back = keynet.read_bed_export_csv(data)
        assert [f for f in back["findings"] if f["severity"] == "error"] == []
        assert back["rows"] == view["rows"], context


def test_a_tokyo_fire_hq_never_sees_a_kanagawa_row():
    rng = random.Random(7)
    kanagawa = [make_row(rng, "14", i) for i in range(30)]
    view = keynet.bed_view(kanagawa, tokyo_fire_hq())
    assert view["rows"] == [] and view["pages"] == 1
    assert view["totals"]["all"] == {"records": 0, "secured_beds": 0, "ready_beds": 0, "inpatients": 0}
    assert keynet.bed_view(kanagawa, tokyo_fire_hq(), search="横浜")["rows"] == []
    assert keynet.bed_view(kanagawa, tokyo_fire_hq(), search="14")["rows"] == []
    assert read_export(keynet.export_bed_view_csv(kanagawa, tokyo_fire_hq())) == [EXPORT_HEADERS]
    # Kanagawa's own HQ sees them all.
    kanagawa_hq = {"id": "FD14-001", "kind": "fire_department_hq", "prefecture": "神奈川県"}
    assert len(keynet.bed_view(kanagawa, kanagawa_hq)["rows"]) == 30


def test_pages_of_at_most_2000_rows_and_the_export_holds_them_all():
    rng = random.Random(3)
    rows = [make_row(rng, "13", i) for i in range(4_500)] + [make_row(rng, "14", 10_000 + i) for i in range(100)]
    pages = [keynet.bed_view(rows, tokyo_fire_hq(), page=p) for p in range(4)]
    assert [len(p["rows"]) for p in pages] == [2_000, 2_000, 500, 0]
    assert {p["pages"] for p in pages} == {3}
    assert [p["page"] for p in pages] == [0, 1, 2, 3]
    assert all(r["prefecture"] == "13" for p in pages for r in p["rows"])
    assert pages[0]["totals"]["all"]["records"] == 4_500
    exported = read_export(keynet.export_bed_view_csv(rows, tokyo_fire_hq()))
    assert len(exported) == 4_501 and all(r[1] == "13" for r in exported[1:])


def test_who_may_not_read_the_bed_view():
    rows = [make_row(random.Random(0), "13", 1)]
    account = {"id": "GM13-004217", "kind": "medical_institution", "prefecture": "13"}
    for function in (keynet.bed_view, keynet.export_bed_view_csv):
        with pytest.raises(keynet.InvalidForm) as info:
            function(rows, account)
        assert [(f["path"], f["code"]) for f in info.value.findings] == [("account", "inconsistent")]
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.bed_view(rows, {"id": "X", "kind": "police", "prefecture": "13"})
    assert [f["path"] for f in info.value.findings] == ["account"]


def test_a_row_with_errors_is_refused_with_its_index():
    rng = random.Random(5)
    rows = [make_row(rng, "13", i) for i in range(3)]
    rows[1]["local_government_code"] = "131017"  # wrong check digit
    rows[2]["secured_beds"] = -1
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.bed_view(rows, tokyo_fire_hq())
    assert sorted((f["path"], f["code"]) for f in info.value.findings) == [
        ("rows.1.local_government_code", "format"),
        ("rows.2.secured_beds", "range"),
    ]


def test_rows_as_json_text_and_json_lines():
    rng = random.Random(9)
    rows = [make_row(rng, rng.choice(["13", "14"]), i) for i in range(20)]
    expected = keynet.bed_view(rows, tokyo_fire_hq())
    assert keynet.bed_view(json.dumps(rows, ensure_ascii=False), json.dumps(tokyo_fire_hq())) == expected
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    assert keynet.bed_view(lines.encode("utf-8"), tokyo_fire_hq()) == expected


def test_export_never_loses_a_character_silently():
    rng = random.Random(11)
    rows = [make_row(rng, "13", i) for i in range(3)]
    rows[1]["institution_name"] = "𠮷田病院"
    with pytest.raises(keynet.CsvWriteError) as info:
        keynet.export_bed_view_csv(rows, tokyo_fire_hq())
    assert (info.value.row, info.value.column, info.value.character) == (3, "医療機関名", "𠮷")
    rows[1]["institution_name"] = "さくら〜病院"
    with pytest.warns(keynet.SubstitutionWarning):
        data = keynet.export_bed_view_csv(rows, tokyo_fire_hq())
    assert data.substitutions == [{"row": 3, "column": "医療機関名", "from": "〜", "to": "～"}]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert keynet.export_bed_view_csv(rows, tokyo_fire_hq(), "utf8").substitutions == []


def test_reading_a_bed_export_reports_bad_rows_and_goes_on():
    rng = random.Random(13)
    rows = [make_row(rng, "13", i) for i in range(4)]
    data = keynet.export_bed_view_csv(rows, tokyo_fire_hq())
    lines = data.split(b"\r\n")
    lines[2] = lines[2].replace(b"131", b"139", 1)  # row 3: a local government code with a wrong check digit
    fields = lines[4].split(b",")
    fields[10], fields[11] = b"1", b"5"  # row 5: more ready beds than secured: a warning, the row is kept
    lines[4] = b",".join(fields)
    back = keynet.read_bed_export_csv(b"\r\n".join(lines))
    assert [r["institution_code"] for r in back["rows"]] == [rows[i]["institution_code"] for i in (0, 2, 3)]
    assert back["rows"][2]["ready_beds"] == 5
    errors = [f for f in back["findings"] if f["severity"] == "error"]
    assert errors and {f["row"] for f in errors} == {3}
    assert "全国地方公共団体コード" in {f["column"] for f in errors}
    warned = [(f["row"], f["column"], f["path"]) for f in back["findings"] if f["severity"] == "warning"]
    assert warned == [(5, "即応病床", "ready_beds")]


def test_read_bed_row_warnings_keep_the_row():
    rng = random.Random(17)
    row = make_row(rng, "13", 1)
    row.update(secured_beds=2, ready_beds=5)
    read = keynet.read_bed_row(row)
    assert read["row"] is not None and read["row"]["ready_beds"] == 5
    assert [(f["path"], f["severity"]) for f in read["findings"]] == [("ready_beds", "warning")]
    row["secured_beds"] = -3
    read = keynet.read_bed_row(row)
    assert read["row"] is None
    assert ("secured_beds", "range", "error") in [(f["path"], f["code"], f["severity"]) for f in read["findings"]]
    assert keynet.read_bed_row(json.dumps(row, ensure_ascii=False)) == read


# --- accounts ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "password, policy, codes",
    [
        ("Keynet2020", "gmis", []),
        ("Keynet-2020!", "gmis", []),
        ("Kn2020", "gmis", ["range"]),
        ("keynet2020", "gmis", ["format"]),
        ("Key net2020", "gmis", ["format"]),
        ("Ｋｅｙｎｅｔ２０２０", "gmis", ["format", "format"]),
        ("keynet2020", "kintone2020", []),
        ("keynetkeynet", "kintone2020", ["format"]),
        ("keynet-2020", "kintone2020", []),  # symbols are allowed (docs/domain.md §10)
        ("k1", "kintone2020", ["range"]),
    ],
)
def test_password_policies(password, policy, codes):
    findings = keynet.check_password(password, policy)
    assert sorted(f["code"] for f in findings) == codes
    for f in findings:
        assert f["path"] == "password" and f["severity"] == "error"
        assert f["message"].strip() and f["message_ja"].strip()
        assert password not in f["message"] and password not in f["message_ja"]


def test_password_arguments():
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.check_password("Keynet2020", "strong")
    assert [f["path"] for f in info.value.findings] == ["policy"]
    assert "Keynet2020" not in str(info.value)
    with pytest.raises(TypeError):
        keynet.check_password(None, "gmis")


def test_account_permissions_of_every_kind():
    kinds = ["medical_institution", "health_center_recruitment", "aggregating_body",
             "fire_department_hq", "prefecture", "health_center_municipality"]
    permissions = {kind: keynet.account_permissions(kind) for kind in kinds}
    for kind, p in permissions.items():
        assert set(p) == {"kind", "label_ja", "registers", "reads_postings", "reads_bed_view"}
        assert p["kind"] == kind and p["label_ja"]
    assert permissions["medical_institution"]["registers"] == ["hospital", "clinic"]
    assert permissions["medical_institution"]["reads_bed_view"] is False
    assert permissions["fire_department_hq"] == {
        "kind": "fire_department_hq", "label_ja": "消防本部", "registers": [],
        "reads_postings": None, "reads_bed_view": True,
    }
    assert permissions["prefecture"]["reads_postings"] == "internal"
    assert permissions["aggregating_body"]["registers"] == []
    with pytest.raises(keynet.InvalidForm) as info:
        keynet.account_permissions("hospital")
    assert [f["path"] for f in info.value.findings] == ["kind"]


def test_may_register():
    case = json.loads((CASES_DIR / "accounts" / "medical_institution_registers_own_hospital.json").read_text(encoding="utf-8"))
    form, account = case["args"]["form"], case["args"]["account"]
    assert keynet.may_register(account, form) == {"allowed": True, "reason": None, "reason_ja": None}
    assert keynet.may_register(json.dumps(account), json.dumps(form, ensure_ascii=False)) == {"allowed": True, "reason": None, "reason_ja": None}
    other = dict(account, id="GM13-999999")
    answer = keynet.may_register(other, form)
    assert answer["allowed"] is False and answer["reason"]
    fire = dict(account, kind="fire_department_hq")
    assert keynet.may_register(fire, form)["allowed"] is False
    broken = copy.deepcopy(form)
    broken["openings"] = -1
    with pytest.raises(keynet.InvalidForm):
        keynet.may_register(account, broken)
