#!/usr/bin/env python3
"""Writes the golden case table (one JSON file per case) from the hand-written list below.

Every expectation here is written by hand from docs/domain.md and the seeds — never computed by the
library. A case is the docs/domain.md §2 example form with a patch applied; a clean case also states the
canonical output it must normalise to (the example's canonical form with a canonical patch).

Run `python3 tests/cases/make_cases.py` after editing; the runners in every language read the
JSON files, not this script.
"""
import copy
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
DELETE = object()

# docs/domain.md §2 "Canonical JSON (interchange format v1)", verbatim.
BASE = {
    "masking_requested": True,
    "facility": {"id": "GM13-004217", "name": "千代田中央病院", "type": "hospital", "prefecture": "13"},
    "occupation": "nurse",
    "openings": 2,
    "workplace": {"postal_code": "101-0062", "prefecture": "13", "municipality": "千代田区",
                  "street_address": "神田駿河台4-6", "facility_name": "北館1階 発熱外来"},
    "employment_period": {"start": "2020-06-01", "end": "2020-09-30"},
    "trial_period_weeks": None,
    "duties": {"kinds": ["returnee_contact_outpatient", "other"], "other_detail": "PCR検体採取",
               "specifics": "内科"},
    "salary": {"basis": "hourly", "amount_yen": 2500, "trial_amount_yen": None},
    "working_hours": {"start": "16:30", "end": "09:00", "break_minutes": 120,
                      "holidays": "シフト制（週2日）", "overtime": False},
    "insurance": {"employment": True, "workers_accident": True, "health": True, "pension": True,
                  "other": None},
    "passive_smoking": "premises_no_smoking", "passive_smoking_detail": None,
    "notes": None,
    "contact": {"name": "山田 花子", "address": None, "phone": "03-3292-0000", "extension": "215",
                "application_phone": None, "fax": None, "email": "jinji@example.jp"},
    "existing_listings": {"hello_work": True, "women_doctors_bank": False, "nurse_center": True,
                          "other": None},
}

CASES = []


def merge(base, patch):
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if value is DELETE:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def case(name, description, spec, patch=None, findings=(), canonical=None, clean=False, input=None):
    """findings: (path, code, severity) triples. clean=True: no errors, canonical = BASE + canonical patch."""
    form = input if input is not None else merge(BASE, patch or {})
    expected_canonical = None
    if clean:
        expected_canonical = merge(BASE, canonical or {}) if input is None else canonical
    CASES.append({
        "name": name,
        "description": description,
        "spec": spec,
        "input": form,
        "expect": {
            "error": None,
            "findings": [{"path": p, "code": c, "severity": s} for p, c, s in findings],
            "canonical": expected_canonical,
        },
    })


def raw_case(name, description, spec, text, error):
    CASES.append({"name": name, "description": description, "spec": spec, "input_json": text,
                  "expect": {"error": error, "findings": [], "canonical": None}})


E, W = "error", "warning"

# --- the example and the occupations --------------------------------------------------------
case("domain_example", "The docs/domain.md §2 example validates clean and normalises to itself.", "§2", clean=True)
for code in ["physician", "public_health_nurse", "midwife", "nurse", "assistant_nurse",
             "radiological_technologist", "clinical_laboratory_technologist", "clinical_engineer",
             "pharmacist", "paramedic", "clerical"]:
    case(f"occupation_{code}", f"Every occupation of §3 is accepted: {code}.", "§3",
         {"occupation": code}, clean=True, canonical={"occupation": code})
case("occupation_japanese_label", "The Japanese name of an occupation is read as its code.", "§3",
     {"occupation": "臨床検査技師"}, clean=True, canonical={"occupation": "clinical_laboratory_technologist"})
case("occupation_unknown", "An occupation outside the 11 is refused.", "§3",
     {"occupation": "caregiver"}, [("occupation", "unknown_value", E)])
case("occupation_list_refused", "One form is one occupation: a list is refused.", "§2 ①",
     {"occupation": ["nurse", "midwife"]}, [("occupation", "format", E)])
case("occupation_missing", "The occupation is required.", "§2 ①",
     {"occupation": DELETE}, [("occupation", "required", E)])

# --- openings ----------------------------------------------------------------------------------
case("openings_zero", "Openings must be at least 1.", "§2 ②", {"openings": 0}, [("openings", "range", E)])
case("openings_over_999", "Openings are at most 999.", "§2 ②", {"openings": 1000}, [("openings", "range", E)])
case("openings_fullwidth_text", "Openings typed as full-width text are read as a number.", "§2 ② §5",
     {"openings": "２"}, clean=True)
case("openings_fraction", "Openings must be a whole number.", "§2 ②", {"openings": 2.5}, [("openings", "format", E)])
case("openings_boolean", "A boolean is not a number of openings.", "§2 ②", {"openings": True}, [("openings", "format", E)])
case("openings_missing", "Openings are required.", "§2 ②", {"openings": DELETE}, [("openings", "required", E)])

# --- prefectures -------------------------------------------------------------------------------
case("prefecture_name_with_suffix", "A prefecture's Japanese name is read as its JIS code.", "§2 §4",
     {"facility": {"prefecture": "東京都"}, "workplace": {"prefecture": "東京都"}}, clean=True)
case("prefecture_short_name", "The name without 都 is read too.", "§2",
     {"facility": {"prefecture": "東京"}, "workplace": {"prefecture": "東京"}}, clean=True)
case("prefecture_romaji", "The romaji name is read too.", "§2",
     {"facility": {"prefecture": "Tokyo"}, "workplace": {"prefecture": "tokyo"}}, clean=True)
case("prefecture_kyoto_short", "京都 is 京都府 (26), not 東京都.", "§2",
     {"facility": {"prefecture": "京都"}, "workplace": {"prefecture": "京都", "municipality": "京都市中京区",
                                                       "postal_code": "604-8006", "street_address": "河原町通二条下る"}},
     clean=True, canonical={"facility": {"prefecture": "26"},
                            "workplace": {"prefecture": "26", "municipality": "京都市中京区",
                                          "postal_code": "604-8006", "street_address": "河原町通二条下る"}})
case("prefecture_unknown", "A prefecture that does not exist is refused.", "§4",
     {"facility": {"prefecture": "東京府"}}, [("facility.prefecture", "unknown_value", E)])
case("prefecture_code_48", "Codes stop at 47.", "§4",
     {"workplace": {"prefecture": "48"}}, [("workplace.prefecture", "unknown_value", E)])
case("workplace_prefecture_missing", "The workplace prefecture is always required.", "§2 ③",
     {"workplace": {"prefecture": None}}, [("workplace.prefecture", "required", E)])
case("workplace_in_other_prefecture", "A workplace outside the facility's prefecture is a warning.", "§4",
     {"workplace": {"prefecture": "14", "municipality": "横浜市中区", "postal_code": "231-0021",
                    "street_address": "日本大通1"}},
     [("workplace.prefecture", "inconsistent", W)], clean=True,
     canonical={"workplace": {"prefecture": "14", "municipality": "横浜市中区", "postal_code": "231-0021",
                              "street_address": "日本大通1"}})

# --- municipalities ----------------------------------------------------------------------------
case("municipality_designated_city", "A designated city is a municipality (札幌市).", "§4",
     {"facility": {"prefecture": "01"}, "workplace": {"prefecture": "01", "municipality": "札幌市",
                                                      "postal_code": "060-0001", "street_address": "北1条西2丁目"}},
     clean=True, canonical={"facility": {"prefecture": "01"},
                            "workplace": {"prefecture": "01", "municipality": "札幌市",
                                          "postal_code": "060-0001", "street_address": "北1条西2丁目"}})
case("municipality_ward_of_designated_city", "A ward of a designated city is accepted (札幌市中央区).", "§4",
     {"facility": {"prefecture": "01"}, "workplace": {"prefecture": "01", "municipality": "札幌市中央区",
                                                      "postal_code": "060-0001", "street_address": "北1条西2丁目"}},
     clean=True, canonical={"facility": {"prefecture": "01"},
                            "workplace": {"prefecture": "01", "municipality": "札幌市中央区",
                                          "postal_code": "060-0001", "street_address": "北1条西2丁目"}})
case("municipality_with_county", "A town typed with its 郡 is the town.", "§4",
     {"workplace": {"municipality": "西多摩郡瑞穂町", "postal_code": "190-1221", "street_address": "箱根ケ崎2335"}},
     clean=True, canonical={"workplace": {"municipality": "瑞穂町", "postal_code": "190-1221",
                                          "street_address": "箱根ケ崎2335"}})
case("municipality_with_prefecture_prefix", "東京都千代田区 in the municipality field is 千代田区.", "§4",
     {"workplace": {"municipality": "東京都千代田区"}}, clean=True)
case("municipality_small_ke_variant", "鎌ヶ谷市 is the official 鎌ケ谷市.", "§4",
     {"facility": {"prefecture": "12"}, "workplace": {"prefecture": "12", "municipality": "鎌ヶ谷市",
                                                      "postal_code": "273-0195", "street_address": "新鎌ケ谷2-6-1"}},
     clean=True, canonical={"facility": {"prefecture": "12"},
                            "workplace": {"prefecture": "12", "municipality": "鎌ケ谷市",
                                          "postal_code": "273-0195", "street_address": "新鎌ケ谷2-6-1"}})
case("municipality_of_other_prefecture", "A municipality must belong to the workplace prefecture.", "§4",
     {"facility": {"prefecture": "14"}, "workplace": {"prefecture": "14"}},
     [("workplace.municipality", "unknown_value", E)])
case("municipality_unknown", "A name that is no municipality is refused.", "§4",
     {"workplace": {"municipality": "どこでも市"}}, [("workplace.municipality", "unknown_value", E)])
case("municipality_with_street", "Municipality and street in one string must be split.", "§6",
     {"workplace": {"municipality": "千代田区神田駿河台4-6"}}, [("workplace.municipality", "format", E)])
case("municipality_missing", "The municipality is always required.", "§2 ③",
     {"workplace": {"municipality": "  "}}, [("workplace.municipality", "required", E)])

# --- postal codes and the public-health-centre rule --------------------------------------------
case("postal_code_fullwidth_with_mark", "〒 and full-width digits and dash are normalised.", "§5",
     {"workplace": {"postal_code": "〒１０１－００６２"}}, clean=True)
case("postal_code_without_hyphen", "Seven digits get their hyphen.", "§5",
     {"workplace": {"postal_code": "1010062"}}, clean=True)
case("postal_code_long_vowel_dash", "The IME's ー between digits is a hyphen.", "§5",
     {"workplace": {"postal_code": "101ー0062"}}, clean=True)
case("postal_code_six_digits", "A postal code must have 7 digits.", "§2 ③",
     {"workplace": {"postal_code": "101-006"}}, [("workplace.postal_code", "format", E)])
case("hospital_without_fine_address", "Hospitals and clinics may omit postal code, street and facility name.", "§2 ③ seed 002",
     {"workplace": {"postal_code": None, "street_address": None, "facility_name": None}}, clean=True,
     canonical={"workplace": {"postal_code": None, "street_address": None, "facility_name": None}})
case("public_health_center_needs_fine_address", "A public health centre must give postal code, street and facility name.", "§2 ③ seed 002",
     {"facility": {"type": "public_health_center", "name": "千代田保健所"},
      "workplace": {"postal_code": None, "street_address": "", "facility_name": None},
      "duties": {"kinds": ["public_health_center"], "other_detail": None}},
     [("workplace.postal_code", "required", E), ("workplace.street_address", "required", E),
      ("workplace.facility_name", "required", E)])
case("public_health_center_complete", "A public health centre with the full address is clean.", "§2 ③",
     {"facility": {"type": "保健所", "name": "千代田保健所"},
      "duties": {"kinds": ["public_health_center"], "other_detail": None}},
     clean=True, canonical={"facility": {"type": "public_health_center", "name": "千代田保健所"},
                            "duties": {"kinds": ["public_health_center"], "other_detail": None}})
case("facility_type_unknown", "Facility type is one of hospital, clinic, public health centre.", "§2",
     {"facility": {"type": "pharmacy"}}, [("facility.type", "unknown_value", E)])

# --- phones ------------------------------------------------------------------------------------
case("phone_fullwidth", "Full-width digits and dashes.", "§5",
     {"contact": {"phone": "０３－３２９２－００００"}}, clean=True)
case("phone_parentheses", "03(3292)0000 as people write it.", "§5",
     {"contact": {"phone": "03（3292）0000"}}, clean=True)
case("phone_international", "+81 form.", "§5", {"contact": {"phone": "+81 3 3292 0000"}}, clean=True)
case("phone_mobile_digits", "A mobile number gets 3-4-4.", "§5",
     {"contact": {"phone": "09012345678"}}, clean=True, canonical={"contact": {"phone": "090-1234-5678"}})
case("phone_free_dial", "0120 numbers have 10 digits, 4-3-3.", "§5",
     {"contact": {"phone": "0120123456"}}, clean=True, canonical={"contact": {"phone": "0120-123-456"}})
case("phone_navi_dial", "The seeds' navi dial 0570-783-872.", "§5",
     {"contact": {"phone": "0570783872"}}, clean=True, canonical={"contact": {"phone": "0570-783-872"}})
case("phone_0800", "0800 numbers have 11 digits.", "§5",
     {"contact": {"phone": "0800 123 4567"}}, clean=True, canonical={"contact": {"phone": "0800-123-4567"}})
case("phone_osaka", "06 numbers are 2-4-4.", "§5",
     {"contact": {"phone": "0661234567"}}, clean=True, canonical={"contact": {"phone": "06-6123-4567"}})
case("phone_other_area_libphonenumber_grouping",
     "Other area codes are grouped as libphonenumber groups them, over the writer's grouping.", "§5",
     {"contact": {"phone": "0422-12-3456"}}, clean=True, canonical={"contact": {"phone": "042-212-3456"}})
case("phone_other_area_digits", "Bare digits of other area codes are hyphenated as libphonenumber does.", "§5",
     {"contact": {"phone": "0123050354"}}, clean=True, canonical={"contact": {"phone": "0123-05-0354"}})
case("phone_060_personal", "060 numbers have 11 digits, or 10 (personal numbers, libphonenumber).", "§5",
     {"contact": {"phone": "0601234567"}}, clean=True, canonical={"contact": {"phone": "060-123-4567"}})
case("phone_too_short", "03 numbers have 10 digits.", "§5",
     {"contact": {"phone": "03-3292-000"}}, [("contact.phone", "format", E)])
case("phone_mobile_too_short", "090 numbers have 11 digits.", "§5",
     {"contact": {"phone": "090-1234-567"}}, [("contact.phone", "format", E)])
case("phone_letters", "Letters are not part of a phone number.", "§5",
     {"contact": {"phone": "03-3292-OOOO"}}, [("contact.phone", "format", E)])
case("phone_foreign", "A foreign number is refused.", "§5",
     {"contact": {"phone": "+1 212 555 0100"}}, [("contact.phone", "format", E)])
case("phone_missing", "A phone number is required.", "§2 ⑫", {"contact": {"phone": None}}, [("contact.phone", "required", E)])
case("application_phone_and_fax", "Optional phones are normalised too.", "§2 ⑫",
     {"contact": {"application_phone": "０９０（１２３４）５６７８", "fax": "03-3292-0001"}}, clean=True,
     canonical={"contact": {"application_phone": "090-1234-5678", "fax": "03-3292-0001"}})
case("application_phone_invalid", "An optional phone, when given, must be valid.", "§2 ⑫",
     {"contact": {"application_phone": "12345"}}, [("contact.application_phone", "format", E)])
case("fax_invalid", "A fax number, when given, must be valid.", "§2 ⑫",
     {"contact": {"fax": "03-3292"}}, [("contact.fax", "format", E)])
case("extension_fullwidth", "Extensions: digits only, full-width accepted, 内線 dropped.", "§2 ⑫",
     {"contact": {"extension": "内線２１５"}}, clean=True)
case("extension_letters", "An extension is digits only (its label aside).", "§2 ⑫",
     {"contact": {"extension": "ext 21a"}}, [("contact.extension", "format", E)])

# --- e-mail ------------------------------------------------------------------------------------
case("email_fullwidth", "A full-width e-mail is folded to half-width.", "§5",
     {"contact": {"email": "ｊｉｎｊｉ＠ｅｘａｍｐｌｅ．ｊｐ"}}, clean=True)
case("email_domain_case", "The domain is written in lower case.", "§5",
     {"contact": {"email": "jinji@EXAMPLE.JP"}}, clean=True)
case("email_without_at", "An e-mail needs an @.", "§2 ⑫",
     {"contact": {"email": "jinji.example.jp"}}, [("contact.email", "format", E)])
case("email_missing", "An e-mail is required.", "§2 ⑫", {"contact": {"email": ""}}, [("contact.email", "required", E)])
case("contact_name_missing", "The contact name is required.", "§2 ⑫",
     {"contact": {"name": None}}, [("contact.name", "required", E)])
case("contact_name_ideographic_space", "An ideographic space becomes a plain space.", "§5",
     {"contact": {"name": "山田　花子"}}, clean=True)

# --- dates -------------------------------------------------------------------------------------
case("dates_wareki_kanji", "令和 dates are read and written as ISO.", "§5",
     {"employment_period": {"start": "令和2年6月1日", "end": "令和2年9月30日"}}, clean=True)
case("dates_wareki_abbreviated", "R2.6.1 and R02/09/30.", "§5",
     {"employment_period": {"start": "R2.6.1", "end": "R02/09/30"}}, clean=True)
case("dates_wareki_gannen", "令和元年 is 2019.", "§5",
     {"employment_period": {"start": "令和元年5月1日", "end": "令和2年9月30日"}}, clean=True,
     canonical={"employment_period": {"start": "2019-05-01", "end": "2020-09-30"}})
case("dates_fullwidth_digits", "Full-width digits in dates.", "§5",
     {"employment_period": {"start": "２０２０－０６－０１", "end": "令和２年９月３０日"}}, clean=True)
case("dates_with_weekday", "A date with its weekday, as notices write it.", "§5",
     {"employment_period": {"start": "2020/6/1(月)", "end": "令和2年9月30日（水）"}}, clean=True)
case("dates_heisei_last_day", "H31.4.30 is the last day of 平成.", "§5",
     {"employment_period": {"start": "H31.4.30", "end": "令和元年5月1日"}}, clean=True,
     canonical={"employment_period": {"start": "2019-04-30", "end": "2019-05-01"}})
case("date_heisei_after_era", "平成31年5月1日 does not exist: 平成 ended on 4月30日.", "§5",
     {"employment_period": {"start": "平成31年5月1日"}}, [("employment_period.start", "range", E)])
case("date_reiwa_before_era", "令和1年4月30日 does not exist: 令和 began on 5月1日.", "§5",
     {"employment_period": {"start": "令和1年4月30日"}}, [("employment_period.start", "range", E)])
case("date_no_such_day", "2020-02-30 is no day.", "§5",
     {"employment_period": {"end": "2020-02-30"}}, [("employment_period.end", "format", E)])
case("date_unreadable", "Text that is no date.", "§5",
     {"employment_period": {"start": "来月から"}}, [("employment_period.start", "format", E)])
case("employment_period_reversed", "The period must not end before it starts.", "§2 ④",
     {"employment_period": {"start": "2020-09-30", "end": "2020-06-01"}}, [("employment_period", "inconsistent", E)])
case("employment_period_one_day", "A one-day period is allowed (start = end).", "§2 ④",
     {"employment_period": {"start": "2020-06-01", "end": "2020-06-01"}}, clean=True,
     canonical={"employment_period": {"start": "2020-06-01", "end": "2020-06-01"}})
case("employment_start_missing", "Start and end are required.", "§2 ④",
     {"employment_period": {"start": DELETE}}, [("employment_period.start", "required", E)])

# --- trial period ------------------------------------------------------------------------------
case("trial_period_with_pay", "A trial period with its own pay.", "§2 ⑤ ⑦",
     {"trial_period_weeks": 4, "salary": {"trial_amount_yen": 2300}}, clean=True,
     canonical={"trial_period_weeks": 4, "salary": {"trial_amount_yen": 2300}})
case("trial_period_zero", "A trial period is at least one week (null = none).", "§2 ⑤",
     {"trial_period_weeks": 0}, [("trial_period_weeks", "range", E)])
case("trial_period_longer_than_employment", "A trial longer than the employment is refused.", "§2 ⑤",
     {"employment_period": {"start": "2020-06-01", "end": "2020-06-14"}, "trial_period_weeks": 3},
     [("trial_period_weeks", "inconsistent", E)])
case("trial_period_equal_to_employment", "A trial exactly as long as the employment is allowed.", "§2 ⑤",
     {"employment_period": {"start": "2020-06-01", "end": "2020-06-14"}, "trial_period_weeks": 2}, clean=True,
     canonical={"employment_period": {"start": "2020-06-01", "end": "2020-06-14"}, "trial_period_weeks": 2})
case("trial_pay_without_trial", "Trial pay is only allowed with a trial period.", "§2 ⑦",
     {"salary": {"trial_amount_yen": 2000}}, [("salary.trial_amount_yen", "inconsistent", E)])
case("trial_period_text", "Weeks must be a number.", "§2 ⑤",
     {"trial_period_weeks": "一か月"}, [("trial_period_weeks", "format", E)])

# --- duties ------------------------------------------------------------------------------------
case("duties_empty", "At least one kind of duty.", "§2 ⑥",
     {"duties": {"kinds": [], "other_detail": None}}, [("duties.kinds", "required", E)])
case("duties_unknown_kind", "Duty kinds are a closed list.", "§2 ⑥",
     {"duties": {"kinds": ["icu"], "other_detail": None}}, [("duties.kinds", "unknown_value", E)])
case("duties_not_a_list", "Duty kinds are a list.", "§2 ⑥",
     {"duties": {"kinds": "other"}}, [("duties.kinds", "format", E)])
case("duties_other_without_detail", "Choosing other needs its detail.", "§2 ⑥",
     {"duties": {"other_detail": None}}, [("duties.other_detail", "required", E)])
case("duties_detail_without_other", "A detail without other is inconsistent.", "§2 ⑥",
     {"duties": {"kinds": ["general_internal_medicine_outpatient"]}}, [("duties.other_detail", "inconsistent", E)])
case("duties_japanese_labels_and_order", "Japanese labels are read; kinds come out in §2 order without repeats.", "§2 ⑥",
     {"duties": {"kinds": ["その他", "帰国者・接触者外来業務", "other"]}}, clean=True)

# --- salary ------------------------------------------------------------------------------------
case("salary_basis_unknown", "Pay is hourly, daily or monthly.", "§2 ⑦",
     {"salary": {"basis": "weekly"}}, [("salary.basis", "unknown_value", E)])
case("salary_basis_japanese", "時給 is hourly.", "§2 ⑦", {"salary": {"basis": "時給"}}, clean=True)
case("salary_amount_zero", "The amount must be positive.", "§2 ⑦",
     {"salary": {"amount_yen": 0}}, [("salary.amount_yen", "range", E)])
case("salary_amount_with_commas", "２,５００ typed with a thousands separator.", "§2 ⑦ §5",
     {"salary": {"amount_yen": "2,500"}}, clean=True)
case("salary_amount_missing", "The amount is required.", "§2 ⑦",
     {"salary": {"amount_yen": None}}, [("salary.amount_yen", "required", E)])

# --- working hours -----------------------------------------------------------------------------
DAY = {"start": "9:00", "end": "17:00", "break_minutes": 60}
case("hours_day_shift", "A day shift 9:00–17:00 with an hour's break.", "§2 ⑧",
     {"working_hours": DAY}, clean=True, canonical={"working_hours": {"start": "09:00", "end": "17:00", "break_minutes": 60}})
case("hours_fullwidth_and_kanji", "９：００ and 17時30分.", "§5",
     {"working_hours": {"start": "９：００", "end": "17時30分", "break_minutes": 60}}, clean=True,
     canonical={"working_hours": {"start": "09:00", "end": "17:30", "break_minutes": 60}})
case("hours_with_zero_seconds", "9:00:00 and 17:30:00, as Excel writes a time cell.", "§5",
     {"working_hours": {"start": "9:00:00", "end": "17:30:00", "break_minutes": 60}}, clean=True,
     canonical={"working_hours": {"start": "09:00", "end": "17:30", "break_minutes": 60}})
case("hours_with_seconds_refused", "9:00:30 is no time of the form (minutes only).", "§5",
     {"working_hours": {"start": "9:00:30"}}, [("working_hours.start", "format", E)])
case("hours_night_shift_next_day_mark", "翌9:00 as the end of a night shift.", "§2 ⑧ §5",
     {"working_hours": {"end": "翌9:00"}}, clean=True)
case("hours_end_midnight", "24:00 as an end time.", "§5",
     {"working_hours": {"start": "15:00", "end": "24:00", "break_minutes": 60}}, clean=True,
     canonical={"working_hours": {"start": "15:00", "end": "24:00", "break_minutes": 60}})
case("hours_start_midnight_refused", "24:00 is an end time only.", "§5",
     {"working_hours": {"start": "24:00"}}, [("working_hours.start", "range", E)])
case("hours_24_hour_duty", "Equal start and end: a 24-hour duty, accepted with a warning.", "§2 ⑧",
     {"working_hours": {"start": "9:00", "end": "9:00", "break_minutes": 120}},
     [("working_hours", "inconsistent", W)], clean=True,
     canonical={"working_hours": {"start": "09:00", "end": "09:00", "break_minutes": 120}})
case("hours_next_day_longer_than_24h", "翌17:00 after a 9:00 start would exceed 24 hours.", "§2 ⑧",
     {"working_hours": {"start": "9:00", "end": "翌17:00", "break_minutes": 60}}, [("working_hours.end", "inconsistent", E)])
case("hours_unreadable", "25:00 is no time.", "§5",
     {"working_hours": {"end": "25:00"}}, [("working_hours.end", "format", E)])
case("hours_break_longer_than_shift", "The break must be shorter than the shift.", "§2 ⑧",
     {"working_hours": {"start": "9:00", "end": "12:00", "break_minutes": 180}},
     [("working_hours.break_minutes", "inconsistent", E)])
case("hours_break_negative", "A break is not negative.", "§2 ⑧",
     {"working_hours": {"break_minutes": -10}}, [("working_hours.break_minutes", "range", E)])
case("labor_law_over_6h_short_break", "Over 6 h of work needs 45 min of break (Art. 34).", "§2 Findings",
     {"working_hours": {"start": "9:00", "end": "17:00", "break_minutes": 30}},
     [("working_hours.break_minutes", "labor_law", W)], clean=True,
     canonical={"working_hours": {"start": "09:00", "end": "17:00", "break_minutes": 30}})
case("labor_law_over_8h_45min", "Over 8 h of work needs 60 min.", "§2 Findings",
     {"working_hours": {"start": "9:00", "end": "18:00", "break_minutes": 45}},
     [("working_hours.break_minutes", "labor_law", W)], clean=True,
     canonical={"working_hours": {"start": "09:00", "end": "18:00", "break_minutes": 45}})
case("labor_law_exactly_6h_no_break", "Exactly 6 h of work needs no break.", "§2 Findings",
     {"working_hours": {"start": "9:00", "end": "15:00", "break_minutes": 0}}, clean=True,
     canonical={"working_hours": {"start": "09:00", "end": "15:00", "break_minutes": 0}})
case("labor_law_just_over_6h", "6 h 1 min of work without a break is a warning.", "§2 Findings",
     {"working_hours": {"start": "9:00", "end": "15:01", "break_minutes": 0}},
     [("working_hours.break_minutes", "labor_law", W)], clean=True,
     canonical={"working_hours": {"start": "09:00", "end": "15:01", "break_minutes": 0}})
case("labor_law_exactly_8h_45min", "Exactly 8 h of work with 45 min is enough.", "§2 Findings",
     {"working_hours": {"start": "9:00", "end": "17:45", "break_minutes": 45}}, clean=True,
     canonical={"working_hours": {"start": "09:00", "end": "17:45", "break_minutes": 45}})

# --- passive smoking ---------------------------------------------------------------------------
case("health_law_indoor_only", "Indoor-only no smoking at a hospital: Health Promotion Act warning.", "§2 Findings",
     {"passive_smoking": "indoor_no_smoking"}, [("passive_smoking", "health_law", W)], clean=True,
     canonical={"passive_smoking": "indoor_no_smoking"})
case("health_law_hotel_only_duty", "Only mild-case hotel duty: a type-2 facility, no warning.", "§2 Findings",
     {"passive_smoking": "smoking_room", "duties": {"kinds": ["mild_case_accommodation"], "other_detail": None}},
     clean=True, canonical={"passive_smoking": "smoking_room",
                            "duties": {"kinds": ["mild_case_accommodation"], "other_detail": None}})
case("health_law_hotel_and_outpatient", "Hotel duty plus outpatient duty: the warning stands.", "§2 Findings",
     {"passive_smoking": "none", "duties": {"kinds": ["mild_case_accommodation", "general_internal_medicine_outpatient"],
                                            "other_detail": None}},
     [("passive_smoking", "health_law", W)], clean=True,
     canonical={"passive_smoking": "none", "duties": {"kinds": ["general_internal_medicine_outpatient",
                                                               "mild_case_accommodation"], "other_detail": None}})
case("smoking_other_without_detail", "Other measures need their detail.", "§2 ⑩",
     {"passive_smoking": "other"}, [("passive_smoking_detail", "required", E), ("passive_smoking", "health_law", W)])
case("smoking_detail_without_other", "A detail without other is inconsistent.", "§2 ⑩",
     {"passive_smoking_detail": "屋外に喫煙所"}, [("passive_smoking_detail", "inconsistent", E)])
case("smoking_japanese_label", "敷地内禁煙 is premises_no_smoking.", "§2 ⑩",
     {"passive_smoking": "敷地内禁煙"}, clean=True)
case("smoking_unknown", "Smoking measures are a closed list.", "§2 ⑩",
     {"passive_smoking": "ok"}, [("passive_smoking", "unknown_value", E)])

# --- structure: unknown keys, wrong types, missing everything -----------------------------------
case("unknown_top_level_key", "A mistyped field must not pass.", "§2",
     {"remarks": "x"}, [("remarks", "unknown_value", E)])
case("unknown_nested_key", "Unknown keys are found inside objects too.", "§2",
     {"contact": {"mail": "jinji@example.jp"}}, [("contact.mail", "unknown_value", E)])
case("facility_not_an_object", "A part of the wrong JSON type is a format finding.", "§2",
     {"facility": "千代田中央病院"}, [("facility", "format", E)])
case("masking_flag_text", "masking_requested is a boolean.", "§2 ⓪",
     {"masking_requested": "yes"}, [("masking_requested", "format", E)])
case("insurance_flag_text", "Insurance flags are booleans.", "§2 ⑨",
     {"insurance": {"health": "true"}}, [("insurance.health", "format", E)])
case("booleans_default_false", "Absent checkboxes are false; masking defaults to false.", "§2 ⓪ ⑨ ⑬",
     {"masking_requested": DELETE, "insurance": {"employment": DELETE, "pension": None},
      "existing_listings": DELETE, "working_hours": {"overtime": DELETE}},
     clean=True, canonical={"masking_requested": False, "insurance": {"employment": False, "pension": False},
                            "existing_listings": {"hello_work": False, "women_doctors_bank": False,
                                                  "nurse_center": False, "other": None}})
case("empty_form", "An empty object: every required field is reported at once.", "§2", input={},
     findings=[(p, "required", E) for p in [
         "facility.id", "facility.name", "facility.type", "facility.prefecture", "occupation", "openings",
         "workplace.prefecture", "workplace.municipality", "employment_period.start",
         "duties.kinds", "salary.basis", "salary.amount_yen", "working_hours.start", "working_hours.end",
         "contact.name", "contact.phone", "contact.email"]] + [("passive_smoking", "health_law", W)])
case("many_findings_at_once", "Several independent errors are all reported.", "§2 Findings",
     {"openings": 0, "workplace": {"postal_code": "12"}, "contact": {"email": "x"}, "salary": {"basis": "weekly"}},
     [("openings", "range", E), ("workplace.postal_code", "format", E), ("salary.basis", "unknown_value", E),
      ("contact.email", "format", E)])
case("facility_id_missing", "The G-MIS ID is required.", "§2", {"facility": {"id": ""}}, [("facility.id", "required", E)])
case("facility_id_insurance_code", "Ten digits look like the insurance code, not the G-MIS ID.", "§2",
     {"facility": {"id": "1312345678"}}, [("facility.id", "format", W)], clean=True,
     canonical={"facility": {"id": "1312345678"}})

# --- text normalisation and lengths -------------------------------------------------------------
case("halfwidth_katakana_name", "Half-width katakana in a name becomes full-width (NFKC).", "§5",
     {"facility": {"name": "ﾁﾖﾀﾞ中央ｸﾘﾆｯｸ"}, "workplace": {"street_address": "神田駿河台４ー６"}}, clean=True,
     canonical={"facility": {"name": "チヨダ中央クリニック"}})
case("free_text_keeps_fullwidth_brackets", "Free text keeps what the writer chose; CRLF becomes LF; trimmed.", "§2",
     {"notes": "  ①土日は応相談\r\n②（詳細は面接時に）  "}, clean=True,
     canonical={"notes": "①土日は応相談\n②（詳細は面接時に）"})
case("facility_name_too_long", "Names are at most 100 characters.", "§2",
     {"facility": {"name": "病" * 101}}, [("facility.name", "too_long", E)])
case("notes_too_long", "Notes are at most 4,000 characters.", "§2",
     {"notes": "あ" * 4001}, [("notes", "too_long", E)])
case("notes_at_limit", "Exactly 4,000 characters of notes are fine.", "§2",
     {"notes": "あ" * 4000}, clean=True, canonical={"notes": "あ" * 4000})

# --- masking leaks (§6) -------------------------------------------------------------------------
case("leak_facility_name_in_notes", "The masked facility name repeated in notes.", "§6",
     {"notes": "千代田中央病院の発熱外来です"}, [("notes", "masking_leak", E)])
case("leak_facility_name_spaced_fullwidth", "Spaced and full-width disguises are caught.", "§6",
     {"notes": "勤務先：千代田　中央 病院"}, [("notes", "masking_leak", E)])
case("leak_email_in_capitals", "The e-mail in full-width capitals.", "§6",
     {"duties": {"specifics": "問合せ ＪＩＮＪＩ＠ＥＸＡＭＰＬＥ．ＪＰ"}}, [("duties.specifics", "masking_leak", E)])
case("leak_phone_fullwidth_parentheses", "０３（３２９２）００００ in the holidays text.", "§6",
     {"working_hours": {"holidays": "シフト制 連絡は０３（３２９２）００００"}}, [("working_hours.holidays", "masking_leak", E)])
case("leak_phone_international", "+81 form of the phone in notes.", "§6",
     {"notes": "TEL +81-3-3292-0000"}, [("notes", "masking_leak", E)])
case("leak_postal_code_in_other_detail", "The postal code's digits in public text.", "§6",
     {"duties": {"other_detail": "〒1010062の施設でPCR検体採取"}}, [("duties.other_detail", "masking_leak", E)])
case("leak_street_address", "The street address in insurance.other.", "§6",
     {"insurance": {"other": "神田駿河台4-6共済"}}, [("insurance.other", "masking_leak", E)])
case("leak_contact_name", "The contact's name in existing_listings.other.", "§6",
     {"existing_listings": {"other": "山田花子経由で登録済"}}, [("existing_listings.other", "masking_leak", E)])
case("leak_fax_in_smoking_detail", "The fax number in passive_smoking_detail.", "§6",
     {"contact": {"fax": "03-3292-0001"}, "passive_smoking": "other",
      "passive_smoking_detail": "屋外喫煙所あり 問合せFAX 03-3292-0001"},
     [("passive_smoking_detail", "masking_leak", E), ("passive_smoking", "health_law", W)])
case("leak_two_fields", "Every leaking field is reported.", "§6",
     {"notes": "jinji@example.jp まで", "duties": {"specifics": "千代田中央病院 内科"}},
     [("duties.specifics", "masking_leak", E), ("notes", "masking_leak", E)])
case("no_leak_without_masking", "Without masking, naming the facility in notes is fine.", "§6",
     {"masking_requested": False, "notes": "千代田中央病院の発熱外来です"}, clean=True,
     canonical={"masking_requested": False, "notes": "千代田中央病院の発熱外来です"})
case("facility_id_leaks_even_without_masking", "The facility ID is never public.", "§6",
     {"masking_requested": False, "notes": "ID: gm13-004217"}, [("notes", "masking_leak", E)])
case("leak_long_extension", "An extension long enough to identify (6+ digits) is searched for.", "§6",
     {"contact": {"extension": "1234567"}, "notes": "内線1234567まで"}, [("notes", "masking_leak", E)])
case("leak_facility_id_without_separator", "The facility ID is caught with its separator dropped.", "§6",
     {"masking_requested": False, "notes": "ID GM13004217"}, [("notes", "masking_leak", E)])
case("leak_facility_id_in_email", "The facility ID is searched for in every other text field too.", "§6",
     {"masking_requested": False, "contact": {"email": "gm13-004217@example.jp"}},
     [("contact.email", "masking_leak", E)])
case("leak_facility_id_rehyphenated_with_long_vowel", "ー between the ID's parts is a dash.", "§6",
     {"notes": "医療機関ID GM13ー004217"}, [("notes", "masking_leak", E)])
case("date_beside_postal_digits_is_no_leak", "Numbers are compared one by one: a date is not the postal code.", "§6",
     {"workplace": {"postal_code": "101-0062"}, "notes": "2010/10/06 2開設"}, clean=True,
     canonical={"notes": "2010/10/06 2開設"})
case("short_values_not_searched", "An extension (215) is too short to identify: not a leak.", "§6",
     {"notes": "内線215へ"}, clean=True, canonical={"notes": "内線215へ"})
# Disguises beyond width, case and dashes (docs/choices.md — Masking leaks: where the line is drawn).
case("leak_facility_name_with_zero_width_space", "Invisible characters inside a value are ignored.", "§6",
     {"notes": "千代\u200b田中央\u2060病院の外来です"}, [("notes", "masking_leak", E)])
case("leak_email_with_soft_hyphen_and_bidi", "Soft hyphens and bidi controls inside the e-mail.", "§6",
     {"notes": "連絡先 jin\u00adji@exam\u202eple.jp"}, [("notes", "masking_leak", E)])
case("leak_masked_value_with_invisible_characters", "An invisible character in the masked value itself.", "§6",
     {"facility": {"name": "千代田\u200d中央病院"}, "notes": "千代田中央病院の外来です"},
     [("notes", "masking_leak", E)])
case("leak_phone_in_kanji_numerals", "The phone in kanji numerals.", "§6",
     {"notes": "電話は〇三‐三二九二‐〇〇〇〇まで"}, [("notes", "masking_leak", E)])
case("leak_phone_with_middle_dots", "Digit groups separated by ・.", "§6",
     {"notes": "TEL 03・3292・0000"}, [("notes", "masking_leak", E)])
case("leak_phone_in_lenticular_brackets", "Brackets other than ( ) join digit groups.", "§6",
     {"notes": "電話【03】3292「0000」"}, [("notes", "masking_leak", E)])
case("leak_phone_in_arabic_indic_digits", "Digits of another script (Unicode Nd).", "§6",
     {"notes": "هاتف ٠٣-٣٢٩٢-٠٠٠٠"}, [("notes", "masking_leak", E)])
case("leak_postal_code_with_slash", "A postal code typed 3 + 4 across a slash.", "§6",
     {"notes": "〒101/0062"}, [("notes", "masking_leak", E)])
case("leak_street_in_kanji_chome_ban", "四丁目六番 is 4-6.", "§6",
     {"notes": "神田駿河台四丁目六番地です"}, [("notes", "masking_leak", E)])
case("leak_street_banchi_no", "4番地の6 is 4-6.", "§6",
     {"notes": "神田駿河台4番地の6"}, [("notes", "masking_leak", E)])
case("leak_street_no", "4の6 is 4-6.", "§6",
     {"notes": "神田駿河台4の6"}, [("notes", "masking_leak", E)])
case("leak_contact_name_reversed", "The name with its parts in the other order.", "§6",
     {"notes": "担当 花子 山田"}, [("notes", "masking_leak", E)])
case("leak_contact_name_reversed_without_space", "The name typed without a space, in the other order.", "§6",
     {"contact": {"name": "山田花子"}, "notes": "担当は花子山田です"}, [("notes", "masking_leak", E)])
case("leak_contact_name_with_variant_kanji", "髙 for 高: variant kanji (Unihan variants).", "§6",
     {"contact": {"name": "高橋 花子"}, "notes": "担当 髙橋花子"}, [("notes", "masking_leak", E)])
case("leak_facility_name_with_variant_kanji", "﨑 for 崎.", "§6",
     {"facility": {"name": "山崎中央病院"}, "notes": "山﨑中央病院です"}, [("notes", "masking_leak", E)])
case("leak_email_with_cyrillic_a", "A Cyrillic а in the e-mail (Unicode confusables).", "§6",
     {"notes": "jinji@ex\u0430mple.jp"}, [("notes", "masking_leak", E)])
case("leak_facility_id_with_cyrillic_em", "A Cyrillic М in the facility ID.", "§6",
     {"masking_requested": False, "notes": "ID G\u041c13-004217"}, [("notes", "masking_leak", E)])
case("leak_email_at_dot_words", "jinji (at) example (dot) jp.", "§6",
     {"notes": "jinji (at) example (dot) jp"}, [("notes", "masking_leak", E)])
case("leak_email_percent_40", "%40 for @.", "§6",
     {"notes": "jinji%40example.jp"}, [("notes", "masking_leak", E)])
case("leak_email_star_and_dotto", "★ for @ and ドット for .", "§6",
     {"notes": "jinji★exampleドットjp"}, [("notes", "masking_leak", E)])
case("leak_email_atmark_katakana", "＠マーク for @.", "§6",
     {"notes": "jinji＠マークexample.jp"}, [("notes", "masking_leak", E)])
case("no_leak_surname_alone", "A surname alone identifies nobody: not a leak.", "§6",
     {"notes": "山田と申します"}, clean=True, canonical={"notes": "山田と申します"})
case("no_leak_given_name_alone", "A given name alone is not a leak.", "§6",
     {"notes": "花子さん歓迎"}, clean=True, canonical={"notes": "花子さん歓迎"})
case("no_leak_town_alone", "The town without its numbers is not a leak.", "§6",
     {"notes": "神田駿河台周辺にお住まいの方"}, clean=True, canonical={"notes": "神田駿河台周辺にお住まいの方"})
case("no_leak_town_and_chome_alone", "The town and 丁目 without the block number is not a leak.", "§6",
     {"notes": "神田駿河台四丁目周辺"}, clean=True, canonical={"notes": "神田駿河台四丁目周辺"})
case("no_leak_email_domain_alone", "The e-mail's domain alone is not a leak.", "§6",
     {"notes": "example.jp のアドレスから連絡します"}, clean=True,
     canonical={"notes": "example.jp のアドレスから連絡します"})
case("no_leak_date_with_slashes_near_postal", "A date with slashes never makes a postal code.", "§6",
     {"workplace": {"postal_code": "201-0011"}, "notes": "2020/1/1 2020/11/1開設"}, clean=True,
     canonical={"workplace": {"postal_code": "201-0011"}, "notes": "2020/1/1 2020/11/1開設"})
case("no_leak_kanji_numerals_in_text", "Kanji numerals in ordinary text are not a phone.", "§6",
     {"notes": "一日三回、週二日、十分な研修"}, clean=True, canonical={"notes": "一日三回、週二日、十分な研修"})
case("no_leak_at_in_english", "The word 'at' in English is not an e-mail.", "§6",
     {"notes": "Meet at the station at 9"}, clean=True, canonical={"notes": "Meet at the station at 9"})

# --- the second reading: forms as clerks fill them in (docs/domain.md §12) -----------------------
# Numbers with the units the paper form prints beside its boxes.
case("openings_with_unit_mei", "2名 as the paper form prints it is 2 openings.", "§12",
     {"openings": "2名"}, clean=True)
case("openings_with_unit_nin_fullwidth", "２人 is 2 openings.", "§12", {"openings": "２人"}, clean=True)
case("openings_zero_with_unit", "0名 is out of range, not 'no number'.", "§12",
     {"openings": "0名"}, [("openings", "range", E)])
case("openings_negative_text", "-1 typed as text is out of range.", "§12",
     {"openings": "-1"}, [("openings", "range", E)])
case("openings_negative_number", "-1 as a JSON number is out of range.", "§12",
     {"openings": -1}, [("openings", "range", E)])
case("openings_twenty_digits_text", "20 digits are out of range, not 'not a whole number'.", "§12",
     {"openings": "12345678901234567890"}, [("openings", "range", E)])
case("openings_twenty_digits_number", "A 20-digit JSON number is out of range.", "§12",
     input=None, patch={"openings": 12345678901234567890}, findings=[("openings", "range", E)])
case("openings_no_number", "若干名 is no number: an error quoting it.", "§12",
     {"openings": "若干名"}, [("openings", "format", E)])
case("openings_wrong_unit", "円 is not the unit of openings.", "§12",
     {"openings": "2円"}, [("openings", "format", E)])
case("openings_zero_fraction_text", "2.0, as spreadsheets write it, is 2.", "§12",
     {"openings": "2.0"}, clean=True)
case("openings_fraction_text", "2.5 openings is not a whole number.", "§12",
     {"openings": "2.5"}, [("openings", "format", E)])
case("salary_amount_yen_suffix", "2,500円.", "§12", {"salary": {"amount_yen": "2,500円"}}, clean=True)
case("salary_amount_fullwidth_yen_mark", "￥2,500 (full-width yen mark).", "§12",
     {"salary": {"amount_yen": "￥2,500"}}, clean=True)
case("salary_amount_yen_mark", "¥2500.", "§12", {"salary": {"amount_yen": "¥2500"}}, clean=True)
case("salary_amount_zero_fraction_number", "2500.0 as a JSON number is 2500.", "§12",
     {"salary": {"amount_yen": 2500.0}}, clean=True)
case("salary_amount_man_yen", "25万円 for a monthly salary is 250,000 yen.", "§12",
     {"salary": {"basis": "monthly", "amount_yen": "25万円"}}, clean=True,
     canonical={"salary": {"basis": "monthly", "amount_yen": 250000}})
case("salary_amount_negotiable", "応相談 is no amount: an error quoting it.", "§12",
     {"salary": {"amount_yen": "応相談"}}, [("salary.amount_yen", "format", E)])
case("break_in_hours", "A break of 1時間 is 60 minutes.", "§12",
     {"working_hours": {"start": "9:00", "end": "17:00", "break_minutes": "1時間"}}, clean=True,
     canonical={"working_hours": {"start": "09:00", "end": "17:00", "break_minutes": 60}})
case("break_in_hours_and_minutes", "A break of 1時間30分 is 90 minutes.", "§12",
     {"working_hours": {"break_minutes": "1時間30分"}}, clean=True,
     canonical={"working_hours": {"break_minutes": 90}})
case("break_in_minutes_fullwidth", "１２０分.", "§12",
     {"working_hours": {"break_minutes": "１２０分"}}, clean=True)
case("trial_period_in_weeks", "4週間 is 4 weeks.", "§12",
     {"trial_period_weeks": "4週間"}, clean=True, canonical={"trial_period_weeks": 4})

# Boxes the paper form lets a clerk leave empty.
case("employment_end_empty", "An empty end: an open-ended period (no warning: null is canonical).", "§12",
     {"employment_period": {"end": ""}}, clean=True,
     canonical={"employment_period": {"end": None}})
case("employment_end_missing", "No end at all reads the same as an empty one.", "§12",
     {"employment_period": {"end": DELETE}}, clean=True,
     canonical={"employment_period": {"end": None}})
case("employment_end_no_fixed_term", "期間の定めなし: open-ended, as stated — no warning.", "§12",
     {"employment_period": {"end": "期間の定めなし"}}, clean=True,
     canonical={"employment_period": {"end": None}})
case("employment_end_no_fixed_term_short", "定めなし says the same.", "§12",
     {"employment_period": {"end": "定めなし"}}, clean=True,
     canonical={"employment_period": {"end": None}})
case("trial_period_with_open_ended_employment", "A trial period within an open-ended employment.", "§12",
     {"employment_period": {"end": "期間の定めなし"}, "trial_period_weeks": 12}, clean=True,
     canonical={"employment_period": {"end": None}, "trial_period_weeks": 12})
case("smoking_unticked", "The 敷地内禁煙 checkbox left unticked: no error, the Health Promotion Act warning.", "§12",
     {"passive_smoking": None}, [("passive_smoking", "health_law", W)], clean=True,
     canonical={"passive_smoking": None})
case("smoking_unticked_hotel_only", "Unticked at a hotel-only duty (type-2 facility): nothing to say.", "§12",
     {"passive_smoking": DELETE, "duties": {"kinds": ["mild_case_accommodation"], "other_detail": None}},
     clean=True, canonical={"passive_smoking": None,
                            "duties": {"kinds": ["mild_case_accommodation"], "other_detail": None}})
case("break_not_stated_long_shift", "Break not stated on a 16.5-hour night shift: the labour-law warning.", "§12",
     {"working_hours": {"break_minutes": None}}, [("working_hours.break_minutes", "labor_law", W)], clean=True,
     canonical={"working_hours": {"break_minutes": None}})
case("break_not_stated_short_shift", "Break not stated on a 6-hour shift: nothing to say.", "§12",
     {"working_hours": {"start": "9:00", "end": "15:00", "break_minutes": DELETE}}, clean=True,
     canonical={"working_hours": {"start": "09:00", "end": "15:00", "break_minutes": None}})

# Addresses in one box, municipalities as they were.
case("municipality_and_street_in_one_box", "G-MIS's one address box: split at the municipality.", "§12",
     {"workplace": {"municipality": "千代田区神田駿河台4-6", "street_address": None}}, clean=True)
case("municipality_and_street_with_prefecture", "With the prefecture in front too.", "§12",
     {"workplace": {"municipality": "東京都千代田区 神田駿河台4-6", "street_address": ""}}, clean=True)
case("municipality_and_street_designated_city", "A ward of a designated city, then the street.", "§12",
     {"facility": {"prefecture": "01"},
      "workplace": {"prefecture": "01", "municipality": "札幌市中央区北1条西2丁目", "street_address": None,
                    "postal_code": "060-0001"}},
     clean=True, canonical={"facility": {"prefecture": "01"},
                            "workplace": {"prefecture": "01", "municipality": "札幌市中央区",
                                          "postal_code": "060-0001", "street_address": "北1条西2丁目"}})
HAMAMATSU = {"facility": {"prefecture": "22"},
             "workplace": {"prefecture": "22", "municipality": "浜松市中区", "postal_code": "430-0929",
                           "street_address": "中央1-12-1", "facility_name": None}}
case("municipality_abolished_ward_in_its_time", "浜松市中区 (abolished 2024-01-01) on a 2023 form.", "§12",
     merge(HAMAMATSU, {"employment_period": {"start": "2023-06-01", "end": "2023-12-31"}}), clean=True,
     canonical=merge(HAMAMATSU, {"employment_period": {"start": "2023-06-01", "end": "2023-12-31"}}))
case("municipality_abolished_ward_after_its_end", "浜松市中区 on a 2024 form is refused, naming the new wards.", "§12",
     merge(HAMAMATSU, {"employment_period": {"start": "2024-01-01", "end": "2024-03-31"}}),
     [("workplace.municipality", "unknown_value", E)])
case("municipality_new_ward_before_it_existed", "浜松市中央区 did not exist in 2023.", "§12",
     merge(HAMAMATSU, {"workplace": {"municipality": "浜松市中央区"},
                       "employment_period": {"start": "2023-06-01", "end": "2023-09-30"}}),
     [("workplace.municipality", "unknown_value", E)])
case("municipality_new_ward_in_its_time", "浜松市中央区 on a 2024 form.", "§12",
     merge(HAMAMATSU, {"workplace": {"municipality": "浜松市中央区"},
                       "employment_period": {"start": "2024-04-01", "end": "2024-09-30"}}), clean=True,
     canonical=merge(HAMAMATSU, {"workplace": {"municipality": "浜松市中央区"},
                                 "employment_period": {"start": "2024-04-01", "end": "2024-09-30"}}))

# The phone box 電話番号（内線番号）.
case("phone_box_with_extension", "03-3292-0000（内線215）: the extension moves to its field.", "§12",
     {"contact": {"phone": "03-3292-0000（内線215）", "extension": None}}, clean=True)
case("phone_box_with_labelled_extension", "TEL 03-3292-0000 内線：215.", "§12",
     {"contact": {"phone": "TEL 03-3292-0000 内線：215", "extension": DELETE}}, clean=True)
case("phone_box_extension_ext", "03-3292-0000 ext. 215, the same extension in its field too.", "§12",
     {"contact": {"phone": "03-3292-0000 ext. 215"}}, clean=True)
case("phone_box_extension_conflicts", "内線216 in the box, 215 in the field: which one?", "§12",
     {"contact": {"phone": "03-3292-0000 内線216"}}, [("contact.extension", "inconsistent", E)])
case("phone_labels_dropped", "代表 and 電話 labels are dropped.", "§12",
     {"contact": {"phone": "代表電話：03-3292-0000"}}, clean=True)
case("extension_labelled", "内線：215 in the extension field.", "§12",
     {"contact": {"extension": "内線：215"}}, clean=True)
case("postal_code_split_by_space", "101 0062 is a postal code.", "§12",
     {"workplace": {"postal_code": "101 0062"}}, clean=True)

# What a user trial of clerk-typed forms found.
case("municipality_one_box_with_county", "西多摩郡瑞穂町箱根ケ崎2335 in one box: the county, the town, the street.", "§12",
     {"workplace": {"municipality": "西多摩郡瑞穂町箱根ケ崎2335", "street_address": None, "postal_code": "190-1221"}},
     clean=True, canonical={"workplace": {"municipality": "瑞穂町", "street_address": "箱根ケ崎2335",
                                          "postal_code": "190-1221"}})
case("municipality_one_box_abolished_ward", "浜松市中区… in one box on a 2024 form: the ward is refused, not moved into the street.", "§12",
     merge(HAMAMATSU, {"workplace": {"municipality": "浜松市中区中央1-12-1", "street_address": None},
                       "employment_period": {"start": "2024-04-01", "end": "2024-09-30"}}),
     [("workplace.municipality", "unknown_value", E)])
case("municipality_one_box_unknown_ward", "横浜市港区… : 港区 is no ward of 横浜市; refused, not moved into the street.", "§12",
     {"facility": {"prefecture": "14"},
      "workplace": {"prefecture": "14", "municipality": "横浜市港区菊名1-1", "street_address": None,
                    "postal_code": "222-0011"}},
     [("workplace.municipality", "unknown_value", E)])
case("overtime_paper_yes", "時間外労働 □有: 有 is true.", "§12",
     {"working_hours": {"overtime": "有"}}, clean=True, canonical={"working_hours": {"overtime": True}})
case("masking_paper_wish", "マスキング 希望する is true.", "§12",
     {"masking_requested": "希望する"}, clean=True)
case("smoking_label_spaced", "敷地内 禁煙, spaced as printed.", "§12",
     {"passive_smoking": "敷地内 禁煙"}, clean=True)
case("smoking_label_synonym", "敷地内全面禁煙 is premises_no_smoking.", "§12",
     {"passive_smoking": "敷地内全面禁煙"}, clean=True)
case("salary_basis_synonym", "時間給 is hourly.", "§12", {"salary": {"basis": "時間給"}}, clean=True)
case("facility_type_clinic_synonym", "クリニック is a clinic (診療所).", "§12",
     {"facility": {"type": "クリニック"}}, clean=True, canonical={"facility": {"type": "clinic"}})
case("date_start_with_tilde", "令和2年6月1日～ as the paper's period box writes it.", "§12",
     {"employment_period": {"start": "令和2年6月1日～"}}, clean=True)
case("break_hour_and_a_half", "1時間半 is 90 minutes.", "§12",
     {"working_hours": {"break_minutes": "1時間半"}}, clean=True, canonical={"working_hours": {"break_minutes": 90}})
case("break_none", "休憩 なし: 0 minutes, and the 16.5-hour shift gets the labour-law warning.", "§12",
     {"working_hours": {"break_minutes": "なし"}}, [("working_hours.break_minutes", "labor_law", W)], clean=True,
     canonical={"working_hours": {"break_minutes": 0}})
case("trial_period_none", "試用期間 □無: no trial period.", "§12",
     {"trial_period_weeks": "無"}, clean=True)
case("postal_code_as_a_number", "1010062 as a spreadsheet number.", "§12",
     {"workplace": {"postal_code": 1010062}}, clean=True)
case("fax_labelled", "FAX:03-3292-0001: the label is dropped.", "§12",
     {"contact": {"fax": "FAX:03-3292-0001"}}, clean=True, canonical={"contact": {"fax": "03-3292-0001"}})

# Dates.
case("date_weekday_contradicts", "2020/6/1 was a Monday: (火) contradicts it.", "§12",
     {"employment_period": {"start": "2020/6/1(火)"}}, [("employment_period.start", "inconsistent", E)])
case("dates_wareki_kanji_numerals", "令和二年六月一日 and 令和二年九月三十日.", "§12",
     {"employment_period": {"start": "令和二年六月一日", "end": "令和二年九月三十日"}}, clean=True)
case("dates_compact_digits", "20200601 is a date.", "§12",
     {"employment_period": {"start": "20200601", "end": "20200930"}}, clean=True)
case("dates_with_midnight_from_a_spreadsheet", "2020/6/1 0:00, as Excel writes a date cell: the date.", "§12",
     {"employment_period": {"start": "2020/6/1 0:00", "end": "2020-09-30 00:00:00"}}, clean=True,
     canonical={"employment_period": {"start": "2020-06-01", "end": "2020-09-30"}})
case("date_with_a_time_of_day_refused", "A date cell with a time other than midnight is no date.", "§12",
     {"employment_period": {"start": "2020/6/1 9:30"}}, [("employment_period.start", "format", E)])
case("date_compact_no_such_day", "20200230 is no day.", "§12",
     {"employment_period": {"start": "20200230"}}, [("employment_period.start", "format", E)])

# --- input that is not a form -------------------------------------------------------------------
raw_case("input_not_json", "Text that is not JSON is an input error.", "§2", "{\"facility\": ", "syntax")
raw_case("input_array", "A JSON array is not a form.", "§2", "[1, 2, 3]", "not_an_object")
raw_case("input_string", "A JSON string is not a form.", "§2", "\"nurse\"", "not_an_object")
raw_case("input_too_deep", "Nesting beyond the limit is refused before parsing.", "§2", "[" * 200 + "]" * 200, "too_deep")


# ==============================================================================================
# Operations beyond validation (issue 3): views, distribution, explanations, training, lifecycle.
# One shape for all: {"kind": <façade function>, "args": {...}, "expect": {"output": …} or
# {"error": {"kind", "detail"?, "at"?, "findings"?}}}. Written to tests/cases/<folder>/.
# Runners drop every "message"/"message_ja" key of an output (after checking it is non-empty
# text) before comparing, so expectations state structure, not wording.
OPS = []


# The recipients' Japanese names (core/data/scopes.json label_ja), written out by hand.
LABELS_JA = {"prefecture": "都道府県（都道府県調整本部を含む）",
             "prefecture_own_email": "都道府県（当該都道府県内の募集情報の電子メール送付）",
             "mhlw": "厚生労働本省（関係課室）", "labour_bureau": "都道府県労働局（ハローワーク）",
             "women_doctors_bank": "日本医師会 女性医師バンク", "central_nurse_center": "日本看護協会 中央ナースセンター",
             "jart": "日本診療放射線技師会", "jace": "日本臨床工学技士会", "jamt": "日本臨床衛生検査技師会",
             "prefectural_nurse_center": "都道府県ナースセンター", "private_agency": "民間職業紹介事業者",
             "public_site": "医療のお仕事 Key-Net（公開サイト）",
             "prefectural_medical_association": "都道府県医師会（日本医師会より）"}


def with_labels(args, deliveries):
    """Each delivery gets its recipient's label_ja, right after the recipient (§12)."""
    custom = {r["kind"]: r["label_ja"] for r in (args.get("rules") or {}).get("rules", [])}
    out = []
    for d in deliveries:
        kind = d["recipient"]["kind"]
        label = custom.get(kind, LABELS_JA.get(kind))
        out.append({"recipient": d["recipient"], "label_ja": label,
                    **{k: v for k, v in d.items() if k != "recipient"}})
    return out


def op(folder, name, description, spec, kind, args, output=None, error=None):
    if error is None and kind in ("distribute", "new_since") and isinstance(output, list):
        output = with_labels(args, output)
    expect = {"output": output} if error is None else {"error": error}
    OPS.append((folder, {"name": name, "description": description, "spec": spec, "kind": kind,
                         "args": args, "expect": expect}))


def canonical(patch=None):
    return merge(BASE, patch or {})


def without_id(form):
    out = copy.deepcopy(form)
    del out["facility"]["id"]
    return out


def masked(form):
    out = without_id(form)
    out["facility"]["name"] = None
    for k in ["postal_code", "street_address", "facility_name"]:
        out["workplace"][k] = None
    for k in out["contact"]:
        out["contact"][k] = None
    return out


# --- views (§6, §11) ----------------------------------------------------------------------------
op("views", "public_view_masked", "Masked: name, finer address and every contact field are null; no facility ID.",
   "§6", "public_view", {"form": BASE}, output=masked(BASE))
op("views", "public_view_unmasked", "Not masked: everything but the facility ID is public.", "§6",
   "public_view", {"form": canonical({"masking_requested": False})},
   output=without_id(canonical({"masking_requested": False})))
op("views", "registered_view", "Registered view: every field but the facility ID, masking or not.", "§11",
   "registered_view", {"form": BASE}, output=without_id(BASE))
op("views", "internal_view", "Internal view: every field, the facility ID included.", "§11",
   "view", {"form": BASE, "view": "internal"}, output=BASE)
op("views", "public_view_normalises_first", "Views are of the normalised form (full-width phone in, canonical out).",
   "§6", "public_view", {"form": canonical({"masking_requested": False, "contact": {"phone": "０３（３２９２）００００"}})},
   output=without_id(canonical({"masking_requested": False})))
op("views", "public_view_refuses_a_leaking_form", "No public view of a form with errors (here a leak).", "§6",
   "public_view", {"form": canonical({"notes": "千代田中央病院です"})},
   error={"kind": "invalid", "findings": [{"path": "notes", "code": "masking_leak", "severity": "error"}]})


def posting(pid, patch=None, status="open", registered_on="2020-06-01", **extra):
    out = {"posting_id": pid, "registered_on": registered_on, "status": status, "form": canonical(patch)}
    out.update(extra)
    return out


KANAGAWA = {"facility": {"prefecture": "14", "id": "GM14-000001", "name": "横浜みなと病院"},
            "workplace": {"prefecture": "14", "municipality": "横浜市中区", "postal_code": "231-0021",
                          "street_address": "日本大通1"}}
OSAKA = {"facility": {"prefecture": "27", "id": "GM27-000002", "name": "大阪北病院"},
         "workplace": {"prefecture": "27", "municipality": "大阪市北区", "postal_code": "530-0001",
                       "street_address": "梅田1-1"}}
P1 = posting("P-1")
P2 = posting("P-2", merge(KANAGAWA, {"occupation": "physician", "openings": 1}))
P3 = posting("P-3", {"occupation": "pharmacist", "openings": 3, "facility": {"id": "GM13-000003"}})
P4 = posting("P-4", {"facility": {"id": "GM13-000004"}}, status="closed", closed_reason="filled", closed_on="2020-07-01")
P5 = posting("P-5", merge(OSAKA, {"occupation": "midwife", "openings": 1}))
P6 = posting("P-6", merge(KANAGAWA, {"occupation": "nurse", "openings": 4, "facility": {"id": "GM14-000006"}}))
SIX = [P1, P2, P3, P4, P5, P6]


def rcp(kind, prefecture=None, name=None):
    out = {"kind": kind}
    if prefecture:
        out["prefecture"] = prefecture
    if name:
        out["name"] = name
    return out


OPEN_IDS = ["P-1", "P-2", "P-3", "P-5", "P-6"]
op("distribution", "standard_recipients", "Every standard kind of §7 receives its scope; closed P-4 goes nowhere.",
   "§7 §11", "distribute",
   {"postings": SIX, "recipients": [rcp("prefecture", "13"), rcp("mhlw"), rcp("labour_bureau", "27"),
                                     rcp("women_doctors_bank"), rcp("central_nurse_center"), rcp("jart"), rcp("jace"),
                                     rcp("jamt"), rcp("prefectural_nurse_center", "13"),
                                     rcp("prefectural_nurse_center", "14"), rcp("private_agency", name="A社"),
                                     rcp("public_site"), rcp("prefectural_medical_association", "14"),
                                     rcp("prefectural_medical_association", "13")]},
   output=[
       {"recipient": rcp("prefecture", "13"), "view": "internal", "posting_ids": OPEN_IDS},
       {"recipient": rcp("mhlw"), "view": "internal", "posting_ids": OPEN_IDS},
       {"recipient": rcp("labour_bureau", "27"), "view": "internal", "posting_ids": OPEN_IDS},
       {"recipient": rcp("women_doctors_bank"), "view": "registered", "posting_ids": ["P-2"]},
       {"recipient": rcp("central_nurse_center"), "view": "registered", "posting_ids": ["P-1", "P-5", "P-6"]},
       {"recipient": rcp("jart"), "view": "registered", "posting_ids": []},
       {"recipient": rcp("jace"), "view": "registered", "posting_ids": []},
       {"recipient": rcp("jamt"), "view": "registered", "posting_ids": []},
       {"recipient": rcp("prefectural_nurse_center", "13"), "view": "registered", "posting_ids": ["P-1"]},
       {"recipient": rcp("prefectural_nurse_center", "14"), "view": "registered", "posting_ids": ["P-6"]},
       {"recipient": rcp("private_agency", name="A社"), "view": "counts", "counts": [
           {"occupation": "physician", "prefecture": "14", "postings": 1, "openings": 1},
           {"occupation": "midwife", "prefecture": "27", "postings": 1, "openings": 1},
           {"occupation": "nurse", "prefecture": "13", "postings": 1, "openings": 2},
           {"occupation": "nurse", "prefecture": "14", "postings": 1, "openings": 4},
           {"occupation": "pharmacist", "prefecture": "13", "postings": 1, "openings": 3}]},
       {"recipient": rcp("public_site"), "view": "public", "posting_ids": OPEN_IDS},
       {"recipient": rcp("prefectural_medical_association", "14"), "view": "public", "posting_ids": ["P-2"]},
       {"recipient": rcp("prefectural_medical_association", "13"), "view": "public", "posting_ids": []},
   ])
# Partitions (issue 16): results of consecutive partitions combine to the whole's, written by
# hand from the standard_recipients case above (P-1..P-3, then P-4..P-6).
THREE = [rcp("central_nurse_center"), rcp("private_agency", name="A社"), rcp("public_site")]
PART_A = with_labels({}, [
    {"recipient": THREE[0], "view": "registered", "posting_ids": ["P-1"]},
    {"recipient": THREE[1], "view": "counts", "counts": [
        {"occupation": "physician", "prefecture": "14", "postings": 1, "openings": 1},
        {"occupation": "nurse", "prefecture": "13", "postings": 1, "openings": 2},
        {"occupation": "pharmacist", "prefecture": "13", "postings": 1, "openings": 3}]},
    {"recipient": THREE[2], "view": "public", "posting_ids": ["P-1", "P-2", "P-3"]}])
PART_B = with_labels({}, [
    {"recipient": THREE[0], "view": "registered", "posting_ids": ["P-5", "P-6"]},
    {"recipient": THREE[1], "view": "counts", "counts": [
        {"occupation": "midwife", "prefecture": "27", "postings": 1, "openings": 1},
        {"occupation": "nurse", "prefecture": "14", "postings": 1, "openings": 4}]},
    {"recipient": THREE[2], "view": "public", "posting_ids": ["P-5", "P-6"]}])
WHOLE = with_labels({}, [
    {"recipient": THREE[0], "view": "registered", "posting_ids": ["P-1", "P-5", "P-6"]},
    {"recipient": THREE[1], "view": "counts", "counts": [
        {"occupation": "physician", "prefecture": "14", "postings": 1, "openings": 1},
        {"occupation": "midwife", "prefecture": "27", "postings": 1, "openings": 1},
        {"occupation": "nurse", "prefecture": "13", "postings": 1, "openings": 2},
        {"occupation": "nurse", "prefecture": "14", "postings": 1, "openings": 4},
        {"occupation": "pharmacist", "prefecture": "13", "postings": 1, "openings": 3}]},
    {"recipient": THREE[2], "view": "public", "posting_ids": OPEN_IDS}])
op("distribution", "partitions_distribute_alike", "The whole's distribution, to three recipients, for checking "
   "the partitions' below.", "§11", "distribute", {"postings": SIX, "recipients": THREE}, output=WHOLE)
op("distribution", "partition_distributions_combine", "Distributions of P-1..P-3 and P-4..P-6 combine to the "
   "whole's: ids concatenated in partition order, counts added.", "§11", "combine_distributions",
   {"parts": [PART_A, PART_B]}, output=WHOLE)
op("distribution", "partition_distributions_must_match", "Parts distributed to other recipients do not combine.",
   "§11", "combine_distributions", {"parts": [PART_A, list(reversed(PART_B))]},
   error={"kind": "invalid", "findings": [{"path": "parts.1.0", "code": "inconsistent", "severity": "error"},
                                          {"path": "parts.1.2", "code": "inconsistent", "severity": "error"}]})
op("distribution", "partition_count_tables_add", "Count tables of partitions add up, in the count table's order.",
   "§7", "add_count_tables", {"tables": [PART_A[1]["counts"], PART_B[1]["counts"]]}, output=WHOLE[1]["counts"])
op("distribution", "count_table_rows_must_read", "A count row that does not read is refused at its place.",
   "§7", "add_count_tables", {"tables": [[{"occupation": "nurse", "prefecture": "13", "postings": -1, "openings": 0}]]},
   error={"kind": "invalid", "findings": [{"path": "tables.0.0", "code": "format", "severity": "error"}]})
op("distribution", "ids_keep_input_order", "Posting ids come in input order, not sorted.", "§11", "distribute",
   {"postings": [P6, P1, P5], "recipients": [rcp("central_nurse_center")]},
   output=[{"recipient": rcp("central_nurse_center"), "view": "registered", "posting_ids": ["P-6", "P-1", "P-5"]}])
op("distribution", "counts_add_up_per_cell", "Two postings in one cell: postings 2, openings summed.", "§7 §11",
   "distribute", {"postings": [P1, posting("P-7", {"openings": 5, "facility": {"id": "GM13-000007"}})],
                  "recipients": [rcp("private_agency", name="B社")]},
   output=[{"recipient": rcp("private_agency", name="B社"), "view": "counts",
            "counts": [{"occupation": "nurse", "prefecture": "13", "postings": 2, "openings": 7}]}])
TOKYO_DESK = {"rules": [{"kind": "tokyo_matching_desk", "label_ja": "東京都医療人材マッチング窓口",
                         "view": "registered", "occupations": ["nurse", "assistant_nurse"],
                         "occupations_label": "nurses", "occupation_noun": "a nurse",
                         "region": "own_prefecture", "tied_to_prefecture": True}]}
op("distribution", "custom_recipient_from_data", "An integrator's own recipient, added as data.", "§7",
   "distribute", {"postings": SIX, "recipients": [rcp("tokyo_matching_desk", "13")], "rules": TOKYO_DESK},
   output=[{"recipient": rcp("tokyo_matching_desk", "13"), "view": "registered", "posting_ids": ["P-1"]}])
op("distribution", "medical_association_region_setting", "The medical associations' region is a setting: nationwide here.",
   "§7", "distribute",
   {"postings": SIX, "recipients": [rcp("prefectural_medical_association", "13")],
    "rules": {"rules": [{"kind": "prefectural_medical_association", "label_ja": "都道府県医師会", "view": "public",
                         "occupations": ["physician"], "occupations_label": "physicians", "occupation_noun": "physician",
                         "region": "nationwide", "tied_to_prefecture": True}]}},
   output=[{"recipient": rcp("prefectural_medical_association", "13"), "view": "public", "posting_ids": ["P-2"]}])
op("distribution", "unknown_recipient_kind", "A recipient kind without a rule is refused.", "§7", "distribute",
   {"postings": SIX, "recipients": [rcp("mhlw"), rcp("newspaper")]},
   error={"kind": "invalid", "findings": [{"path": "recipients.1", "code": "unknown_value", "severity": "error"}]})
op("distribution", "nurse_center_needs_prefecture", "A prefectural nurse centre without its prefecture is refused.",
   "§7", "distribute", {"postings": SIX, "recipients": [rcp("prefectural_nurse_center")]},
   error={"kind": "invalid", "findings": [{"path": "recipients.0", "code": "required", "severity": "error"}]})
op("distribution", "invalid_posting_refused", "A posting whose form has errors is refused, with paths into it.",
   "§11", "distribute",
   {"postings": [P1, posting("P-9", {"openings": 0})], "recipients": [rcp("mhlw")]},
   error={"kind": "invalid", "findings": [{"path": "postings.1.form.openings", "code": "range", "severity": "error"}]})
op("distribution", "count_table", "The count table alone, of open postings.", "§7", "count_table",
   {"postings": SIX},
   output=[{"occupation": "physician", "prefecture": "14", "postings": 1, "openings": 1},
           {"occupation": "midwife", "prefecture": "27", "postings": 1, "openings": 1},
           {"occupation": "nurse", "prefecture": "13", "postings": 1, "openings": 2},
           {"occupation": "nurse", "prefecture": "14", "postings": 1, "openings": 4},
           {"occupation": "pharmacist", "prefecture": "13", "postings": 1, "openings": 3}])
P2_CLOSED = dict(P2, status="closed", closed_reason="filled", closed_on="2020-07-01")
op("distribution", "new_since_last_distribution", "Only what is new to each recipient; agencies get counts of the new.",
   "§7", "new_since",
   {"previous": [P1, P2], "current": [P1, P2_CLOSED, P3, P6],
    "recipients": [rcp("central_nurse_center"), rcp("private_agency", name="B社"), rcp("public_site")]},
   output=[{"recipient": rcp("central_nurse_center"), "view": "registered", "posting_ids": ["P-6"]},
           {"recipient": rcp("private_agency", name="B社"), "view": "counts", "counts": [
               {"occupation": "nurse", "prefecture": "14", "postings": 1, "openings": 4},
               {"occupation": "pharmacist", "prefecture": "13", "postings": 1, "openings": 3}]},
           {"recipient": rcp("public_site"), "view": "public", "posting_ids": ["P-3", "P-6"]}])

op("distribution", "prefecture_own_email_beside_nationwide",
   "Beside (ア)'s nationwide scope, each prefecture is e-mailed its own prefecture's postings (seed 001 2(2)): "
   "a second rule, counted separately.", "§7 §12 seed 001 2(2)", "distribute",
   {"postings": SIX, "recipients": [rcp("prefecture", "14"), rcp("prefecture_own_email", "14"),
                                     rcp("prefecture_own_email", "13"), rcp("prefecture_own_email", "01")]},
   output=[{"recipient": rcp("prefecture", "14"), "view": "internal", "posting_ids": OPEN_IDS},
           {"recipient": rcp("prefecture_own_email", "14"), "view": "internal", "posting_ids": ["P-2", "P-6"]},
           {"recipient": rcp("prefecture_own_email", "13"), "view": "internal", "posting_ids": ["P-1", "P-3"]},
           {"recipient": rcp("prefecture_own_email", "01"), "view": "internal", "posting_ids": []}])
op("distribution", "prefecture_own_email_needs_prefecture", "The e-mail rule is per prefecture: one is required.",
   "§7 §12", "distribute", {"postings": SIX, "recipients": [rcp("prefecture_own_email")]},
   error={"kind": "invalid", "findings": [{"path": "recipients.0", "code": "required", "severity": "error"}]})
op("distribution", "prefecture_own_email_new_since", "Only a prefecture's new postings go in its e-mail.",
   "§7 §12 seed 001 2(2)", "new_since",
   {"previous": [P1, P2], "current": [P1, P2, P3, P6], "recipients": [rcp("prefecture_own_email", "13"),
                                                                      rcp("prefecture_own_email", "14")]},
   output=[{"recipient": rcp("prefecture_own_email", "13"), "view": "internal", "posting_ids": ["P-3"]},
           {"recipient": rcp("prefecture_own_email", "14"), "view": "internal", "posting_ids": ["P-6"]}])

# --- the agencies' new-posting notice (seed 001 1(3), seed 000; §7 §12) ------------------------
NOTICE_DATA = json.loads((HERE.parent.parent / "core" / "data" / "agency_notice.json").read_text(encoding="utf-8"))
KEY_NET_URL = "https://www.example.jp/keynet/"
CONTACTS = [{"kind": "hello_work", "prefecture": "14", "name": "ハローワーク横浜", "phone": "045-663-8609"},
            {"kind": "nurse_center", "prefecture": "14", "name": "神奈川県ナースセンター", "url": "https://example.jp/kanagawa-nc"},
            {"kind": "prefecture_desk", "prefecture": "13", "name": "東京都医療人材確保窓口", "email": "desk@example.jp"},
            {"kind": "hello_work", "prefecture": "27", "name": "ハローワーク大阪東"}]


def desks(prefecture, given):
    return [{"prefecture": prefecture, "kind": d["kind"], "label_ja": d["label_ja"],
             "contacts": [c for c in given if c["prefecture"] == prefecture and c["kind"] == d["kind"]]}
            for d in NOTICE_DATA["desks"]]


op("distribution", "agency_notice_new_postings",
   "An agency told of new postings gets their counts, the Key-Net URL and, for each prefecture concerned, the "
   "prefecture's desk, Hello Work and the nurse centre (contacts as given; none given: an empty list).",
   "§7 §12 seed 001 1(3)", "agency_notice",
   {"previous": [P1, P2], "current": [P1, P2_CLOSED, P3, P6], "agencies": [rcp("private_agency", name="B社")],
    "key_net_url": KEY_NET_URL, "contacts": CONTACTS},
   output=[{"recipient": rcp("private_agency", name="B社"), "label_ja": "民間職業紹介事業者",
            "key_net_name_ja": "医療のお仕事 Key-Net", "key_net_url": KEY_NET_URL,
            "counts": [{"occupation": "nurse", "prefecture": "14", "postings": 1, "openings": 4},
                       {"occupation": "pharmacist", "prefecture": "13", "postings": 1, "openings": 3}],
            "desks": desks("13", CONTACTS) + desks("14", CONTACTS),
            "conditions_ja": NOTICE_DATA["conditions_ja"], "source": NOTICE_DATA["source"]}])
op("distribution", "agency_notice_nothing_new", "Nothing new: an empty notice (the caller need not send it).",
   "§7 §12", "agency_notice",
   {"previous": [P1], "current": [P1], "agencies": [rcp("private_agency", name="B社")], "key_net_url": KEY_NET_URL},
   output=[{"recipient": rcp("private_agency", name="B社"), "label_ja": "民間職業紹介事業者",
            "key_net_name_ja": "医療のお仕事 Key-Net", "key_net_url": KEY_NET_URL, "counts": [], "desks": [],
            "conditions_ja": NOTICE_DATA["conditions_ja"], "source": NOTICE_DATA["source"]}])
op("distribution", "agency_notice_only_for_agencies", "Only a counts recipient gets the agencies' notice.",
   "§7 §12", "agency_notice",
   {"previous": [], "current": [P1], "agencies": [rcp("central_nurse_center")], "key_net_url": KEY_NET_URL},
   error={"kind": "invalid", "findings": [{"path": "agencies.0", "code": "inconsistent", "severity": "error"}]})
op("distribution", "agency_notice_needs_the_url", "Every notice carries the Key-Net URL: it is required.",
   "§7 §12", "agency_notice",
   {"previous": [], "current": [P1], "agencies": [rcp("private_agency", name="B社")], "key_net_url": " "},
   error={"kind": "invalid", "findings": [{"path": "key_net_url", "code": "required", "severity": "error"}]})
op("distribution", "agency_notice_unknown_desk", "A contact of an unknown desk kind is refused.", "§7 §12",
   "agency_notice",
   {"previous": [], "current": [P1], "agencies": [rcp("private_agency", name="B社")], "key_net_url": KEY_NET_URL,
    "contacts": [{"kind": "newspaper", "prefecture": "13", "name": "新聞社"}]},
   error={"kind": "invalid", "findings": [{"path": "contacts.0.kind", "code": "unknown_value", "severity": "error"}]})

# --- explain: every recipient kind, and the reasons for not receiving ------------------------------
NURSING_JA = "保健師・助産師・看護師・准看護師"
EXPLAIN_YES = {
    "prefecture": (rcp("prefecture", "47"), "internal", "prefecture: all occupations nationwide",
                   "occupation nurse is an occupation of the plan nationwide; sent in the internal view",
                   "全職種（全国）", "職種「看護師」は全国の提供対象です（全項目（医療機関IDを含む）を提供します）"),
    "prefecture_own_email": (rcp("prefecture_own_email", "13"), "internal",
                             "prefecture_own_email: all occupations in its own prefecture",
                             "occupation nurse is an occupation of the plan in its own prefecture 13 Tokyo; sent in the internal view",
                             "全職種（自都道府県内）",
                             "職種「看護師」は自都道府県（東京都）の提供対象です（全項目（医療機関IDを含む）を提供します）"),
    "mhlw": (rcp("mhlw"), "internal", "mhlw: all occupations nationwide",
             "occupation nurse is an occupation of the plan nationwide; sent in the internal view",
             "全職種（全国）", "職種「看護師」は全国の提供対象です（全項目（医療機関IDを含む）を提供します）"),
    "labour_bureau": (rcp("labour_bureau", "01"), "internal", "labour_bureau: all occupations nationwide",
                      "occupation nurse is an occupation of the plan nationwide; sent in the internal view",
                      "全職種（全国）", "職種「看護師」は全国の提供対象です（全項目（医療機関IDを含む）を提供します）"),
    "central_nurse_center": (rcp("central_nurse_center"), "registered", "central_nurse_center: nursing occupations nationwide",
                             "occupation nurse is a nursing occupation nationwide; sent in the registered view",
                             NURSING_JA + "（全国）", "職種「看護師」は全国の提供対象です（医療機関IDを除く全項目を提供します）"),
    "prefectural_nurse_center": (rcp("prefectural_nurse_center", "13"), "registered",
                                 "prefectural_nurse_center: nursing occupations in its own prefecture",
                                 "occupation nurse is a nursing occupation in its own prefecture 13 Tokyo; sent in the registered view",
                                 NURSING_JA + "（自都道府県内）",
                                 "職種「看護師」は自都道府県（東京都）の提供対象です（医療機関IDを除く全項目を提供します）"),
    "private_agency": (rcp("private_agency", name="A社"), "counts", "private_agency: all occupations nationwide",
                       "occupation nurse is counted nationwide: only the count table per occupation × prefecture is sent, no posting",
                       "全職種（全国）",
                       "職種「看護師」は全国の件数に数えられます（職種別・地域別の件数の一覧表のみを提供し、募集情報そのものは提供しません）"),
    "public_site": (rcp("public_site"), "public", "public_site: all occupations nationwide",
                    "occupation nurse is an occupation of the plan nationwide; sent in the public view",
                    "全職種（全国）", "職種「看護師」は全国の提供対象です（公開用の表示（マスキング処理後）を提供します）"),
}
for kind, (recipient, view, rule, reason, rule_ja, reason_ja) in EXPLAIN_YES.items():
    op("explain", f"explain_{kind}_receives", f"{kind} receives a Tokyo nurse posting.", "§7 §11 §12", "explain",
       {"posting": P1, "recipient": recipient},
       output={"received": True, "view": view, "label_ja": LABELS_JA[kind], "rule": rule,
               "rule_ja": f"{LABELS_JA[kind]}：{rule_ja}", "reason": reason, "reason_ja": reason_ja})
EXPLAIN_NO = {
    "women_doctors_bank": (rcp("women_doctors_bank"), "women_doctors_bank: physicians nationwide", "occupation nurse is not physician",
                           "医師（全国）", "医師"),
    "jart": (rcp("jart"), "jart: radiological technologists nationwide", "occupation nurse is not radiological_technologist",
             "診療放射線技師（全国）", "診療放射線技師"),
    "jace": (rcp("jace"), "jace: clinical engineers nationwide", "occupation nurse is not clinical_engineer",
             "臨床工学技士（全国）", "臨床工学技士"),
    "jamt": (rcp("jamt"), "jamt: clinical laboratory technologists nationwide", "occupation nurse is not clinical_laboratory_technologist",
             "臨床検査技師（全国）", "臨床検査技師"),
    "prefectural_medical_association": (rcp("prefectural_medical_association", "13"),
                                        "prefectural_medical_association: physicians in its own prefecture",
                                        "occupation nurse is not physician", "医師（自都道府県内）", "医師"),
}
for kind, (recipient, rule, reason, rule_ja, occupations_ja) in EXPLAIN_NO.items():
    op("explain", f"explain_{kind}_does_not_receive", f"{kind} does not receive a nurse posting.", "§7 §11 §12", "explain",
       {"posting": P1, "recipient": recipient},
       output={"received": False, "view": None, "label_ja": LABELS_JA[kind], "rule": rule,
               "rule_ja": f"{LABELS_JA[kind]}：{rule_ja}", "reason": reason,
               "reason_ja": f"職種「看護師」は提供対象の職種（{occupations_ja}）ではありません"})
op("explain", "explain_spec_example", "The §11 example: a pharmacist posting and a prefectural nurse centre.", "§11",
   "explain", {"posting": P3, "recipient": rcp("prefectural_nurse_center", "13")},
   output={"received": False, "view": None, "label_ja": "都道府県ナースセンター",
           "rule": "prefectural_nurse_center: nursing occupations in its own prefecture",
           "rule_ja": "都道府県ナースセンター：" + NURSING_JA + "（自都道府県内）",
           "reason": "occupation pharmacist is not a nursing occupation",
           "reason_ja": "職種「薬剤師」は提供対象の職種（" + NURSING_JA + "）ではありません"})
op("explain", "explain_other_prefecture", "A Kanagawa nurse posting is not for Tokyo's nurse centre.", "§7",
   "explain", {"posting": P6, "recipient": rcp("prefectural_nurse_center", "13")},
   output={"received": False, "view": None, "label_ja": "都道府県ナースセンター",
           "rule": "prefectural_nurse_center: nursing occupations in its own prefecture",
           "rule_ja": "都道府県ナースセンター：" + NURSING_JA + "（自都道府県内）",
           "reason": "the workplace is in 14 Kanagawa, not in the recipient's prefecture 13 Tokyo",
           "reason_ja": "勤務地は神奈川県で、提供先の都道府県（東京都）ではありません"})
op("explain", "explain_prefecture_own_email_other_prefecture",
   "Tokyo's own e-mail does not carry a Kanagawa posting (seed 001 2(2)); (ア)'s nationwide scope still does.",
   "§7 §12 seed 001 2(2)", "explain", {"posting": P6, "recipient": rcp("prefecture_own_email", "13")},
   output={"received": False, "view": None, "label_ja": LABELS_JA["prefecture_own_email"],
           "rule": "prefecture_own_email: all occupations in its own prefecture",
           "rule_ja": LABELS_JA["prefecture_own_email"] + "：全職種（自都道府県内）",
           "reason": "the workplace is in 14 Kanagawa, not in the recipient's prefecture 13 Tokyo",
           "reason_ja": "勤務地は神奈川県で、提供先の都道府県（東京都）ではありません"})
op("explain", "explain_closed_posting", "A closed posting is distributed to no one.", "§7", "explain",
   {"posting": P4, "recipient": rcp("public_site")},
   output={"received": False, "view": None, "label_ja": LABELS_JA["public_site"],
           "rule": "public_site: all occupations nationwide",
           "rule_ja": LABELS_JA["public_site"] + "：全職種（全国）",
           "reason": "posting P-4 is closed: only open postings are distributed",
           "reason_ja": "募集情報P-4は終了しています（提供するのは公開中の募集情報のみです）"})

# --- training (§8, §11) --------------------------------------------------------------------------
SPEC_PLAN = {"sessions": [{"module": "infection_control_lecture", "minutes": 40, "delivery": "video"},
                          {"module": "infection_control_practical", "minutes": 45, "delivery": "in_person"},
                          {"module": "medical_safety_lecture", "minutes": 30, "delivery": "external"},
                          {"module": "other", "title": "PCR検体採取", "minutes": 25, "delivery": "video"}]}
op("training", "spec_example", "The §11 example plan is reportable and meets 120 minutes.", "§8 §11",
   "assess_training", {"plan": SPEC_PLAN},
   output={"missing_required": [], "total_minutes": 140, "meets_recommended_minutes": True, "reportable": True,
           "warnings": []})
op("training", "missing_practical", "Without the practical the plan is not reportable.", "§8", "assess_training",
   {"plan": {"sessions": [{"module": "infection_control_lecture", "minutes": 60, "delivery": "video"},
                          {"module": "medical_safety_lecture", "minutes": 60, "delivery": "video"}]}},
   output={"missing_required": ["infection_control_practical"], "total_minutes": 120,
           "meets_recommended_minutes": True, "reportable": False, "warnings": []})
op("training", "short_but_reportable", "Under 120 minutes: reportable, recommendation not met.", "§8 §11",
   "assess_training",
   {"plan": {"sessions": [{"module": "infection_control_lecture", "minutes": 30, "delivery": "video"},
                          {"module": "infection_control_practical", "minutes": 30, "delivery": "in_person"},
                          {"module": "medical_safety_lecture", "minutes": 30, "delivery": "in_person"}]}},
   output={"missing_required": [], "total_minutes": 90, "meets_recommended_minutes": False, "reportable": True,
           "warnings": []})
op("training", "practical_by_video", "A practical by video does not satisfy the required practical (§8 stands, §12): "
   "missing, not reportable, with a warning saying why.", "§8 §12 seed 000 JMA cover letter 【４．研修】", "assess_training",
   {"plan": {"sessions": [{"module": "infection_control_lecture", "minutes": 40, "delivery": "video"},
                          {"module": "infection_control_practical", "minutes": 40, "delivery": "video"},
                          {"module": "medical_safety_lecture", "minutes": 40, "delivery": "video"}]}},
   output={"missing_required": ["infection_control_practical"], "total_minutes": 120,
           "meets_recommended_minutes": True, "reportable": False,
           "warnings": [{"path": "sessions.1.delivery", "code": "inconsistent", "severity": "warning"}]})
op("training", "practical_by_video_and_hands_on", "A video practical beside a hands-on one: the hands-on one counts.",
   "§8 §12", "assess_training",
   {"plan": {"sessions": [{"module": "infection_control_lecture", "minutes": 40, "delivery": "video"},
                          {"module": "infection_control_practical", "minutes": 20, "delivery": "video"},
                          {"module": "infection_control_practical", "minutes": 30, "delivery": "external"},
                          {"module": "medical_safety_lecture", "minutes": 40, "delivery": "video"}]}},
   output={"missing_required": [], "total_minutes": 130, "meets_recommended_minutes": True, "reportable": True,
           "warnings": [{"path": "sessions.1.delivery", "code": "inconsistent", "severity": "warning"}]})
op("training", "delivery_not_stated", "No delivery stated: read as in person; on the practical, a warning asks to "
   "confirm it was hands-on; on a lecture, nothing to say.", "§12", "assess_training",
   {"plan": {"sessions": [{"module": "infection_control_lecture", "minutes": 60},
                          {"module": "infection_control_practical", "minutes": 45, "delivery": None},
                          {"module": "medical_safety_lecture", "minutes": 30, "delivery": "in_person"}]}},
   output={"missing_required": [], "total_minutes": 135, "meets_recommended_minutes": True, "reportable": True,
           "warnings": [{"path": "sessions.1.delivery", "code": "required", "severity": "warning"}]})
op("training", "bad_delivery_still_refused", "A delivery that is no option is still an error.", "§11", "assess_training",
   {"plan": {"sessions": [{"module": "infection_control_practical", "minutes": 45, "delivery": "tv"}]}},
   error={"kind": "invalid", "findings": [{"path": "sessions.0.delivery", "code": "unknown_value", "severity": "error"}]})
op("training", "example_programme", "The example programme of seed 000, as data with its source.",
   "§8 §12 seed 000 別添1 (7)", "training_example_programme", {},
   output=json.loads((HERE.parent.parent / "core" / "data" / "training_programme.json").read_text(encoding="utf-8")))
op("training", "materials_lengths_as_ranges", "Materials for radiological technologists: lengths as ranges "
   "(the nursing association's 5 videos of 4–10 min each), never a bare null for a video.", "§8 §12 seed 000",
   "training_materials", {"occupation": "radiological_technologist"},
   output=[m for m in json.loads((HERE.parent.parent / "core" / "data" / "training_materials.json")
                                 .read_text(encoding="utf-8"))["materials"]
           if "all" in m["audience"] or "radiological_technologist" in m["audience"]])
op("training", "nothing_at_all", "An empty plan misses all three required modules.", "§8", "assess_training",
   {"plan": {"sessions": []}},
   output={"missing_required": ["infection_control_lecture", "infection_control_practical", "medical_safety_lecture"],
           "total_minutes": 0, "meets_recommended_minutes": False, "reportable": False, "warnings": []})
op("training", "bad_plan", "Unknown module, bad minutes, other without title: every finding.", "§11",
   "assess_training",
   {"plan": {"sessions": [{"module": "yoga", "minutes": 30, "delivery": "video"},
                          {"module": "other", "minutes": -1, "delivery": "video"}]}},
   error={"kind": "invalid", "findings": [
       {"path": "sessions.0.module", "code": "unknown_value", "severity": "error"},
       {"path": "sessions.1.minutes", "code": "range", "severity": "error"},
       {"path": "sessions.1.title", "code": "required", "severity": "error"}]})

# --- lifecycle (§9) ---------------------------------------------------------------------------
def ev(kind, on, seeker=None, **extra):
    out = {"type": kind, "on": on}
    if seeker:
        out["seeker_id"] = seeker
    out.update(extra)
    return out


HAPPY = [ev("inquiry", "2020-06-02", "S-1"), ev("application", "2020-06-05", "S-1"), ev("hire", "2020-06-10", "S-1"),
         ev("training_completed", "2020-06-12", "S-1", plan=SPEC_PLAN), ev("completion_reported", "2020-06-15", "S-1"),
         ev("close", "2020-06-20", reason="filled")]
op("lifecycle", "hire_train_report_close", "Inquiry, application, hire, training, report, closed as filled.", "§9",
   "apply_events", {"posting": P1, "events": HAPPY},
   output=dict(P1, status="closed", closed_reason="filled", closed_on="2020-06-20",
               inquiries=[{"seeker_id": "S-1", "kind": "inquiry", "on": "2020-06-02"},
                          {"seeker_id": "S-1", "kind": "application", "on": "2020-06-05"}],
               hires=[{"seeker_id": "S-1", "route": "key_net", "hired_on": "2020-06-10",
                       "training_completed_on": "2020-06-12", "completion_reported_on": "2020-06-15"}]))
# Views of a posting (issue 16): the posting keeps its id, dates and status; its form is shown as
# the view shows a form; who inquired and who was hired only in the internal view.
P1_PEOPLE = dict(P1, status="closed", closed_reason="filled", closed_on="2020-06-20",
                 inquiries=[{"seeker_id": "S-1", "kind": "inquiry", "on": "2020-06-02"},
                            {"seeker_id": "S-1", "kind": "application", "on": "2020-06-05"}],
                 hires=[{"seeker_id": "S-1", "route": "key_net", "hired_on": "2020-06-10",
                         "training_completed_on": "2020-06-12", "completion_reported_on": "2020-06-15"}])
P1_SHOWN = {"posting_id": "P-1", "registered_on": "2020-06-01", "status": "closed",
            "closed_reason": "filled", "closed_on": "2020-06-20"}
op("views", "public_view_of_a_posting", "A posting's public view keeps its id, dates and status; its form "
   "masked as a form's; no inquiries, no hires.", "§6 §11", "public_view", {"form": P1_PEOPLE},
   output=dict(P1_SHOWN, form=masked(BASE)))
op("views", "registered_view_of_a_posting", "A posting's registered view: no facility ID, no inquiries or hires.",
   "§11", "registered_view", {"form": P1_PEOPLE}, output=dict(P1_SHOWN, form=without_id(BASE)))
op("views", "internal_view_of_a_posting", "A posting's internal view is the whole posting.", "§11",
   "view", {"form": P1_PEOPLE, "view": "internal"}, output=P1_PEOPLE)
op("views", "counts_view_of_a_posting", "The counts view shows no posting, not even one posting.", "§11",
   "view", {"form": P1, "view": "counts"},
   error={"kind": "invalid", "findings": [{"path": "view", "code": "unknown_value", "severity": "error"}]})
op("views", "public_view_of_an_unreadable_posting", "A posting that does not read is refused with findings "
   "under posting.", "§11", "public_view", {"form": dict(P1, registered_on="someday")},
   error={"kind": "invalid", "findings": [{"path": "posting.registered_on", "code": "format", "severity": "error"}]})
op("lifecycle", "hire_without_application", "Only an applicant can be hired.", "§9", "apply_events",
   {"posting": P1, "events": [ev("inquiry", "2020-06-02", "S-1"), ev("hire", "2020-06-03", "S-1")]},
   error={"kind": "lifecycle", "detail": "not_an_applicant", "at": 1})
op("lifecycle", "event_on_closed_posting", "A closed posting takes no more events.", "§9", "apply_events",
   {"posting": P4, "events": [ev("inquiry", "2020-07-02", "S-1")]},
   error={"kind": "lifecycle", "detail": "closed", "at": 0})
op("lifecycle", "training_missing_module", "Training completion needs a reportable plan.", "§8 §9", "apply_events",
   {"posting": P1, "events": [ev("application", "2020-06-05", "S-1"), ev("hire", "2020-06-10", "S-1"),
                              ev("training_completed", "2020-06-12", "S-1",
                                 plan={"sessions": [{"module": "infection_control_lecture", "minutes": 60, "delivery": "video"}]})]},
   error={"kind": "lifecycle", "detail": "training_incomplete", "at": 2})
op("lifecycle", "training_with_video_practical_refused",
   "Training completion with the practical by video only is refused: not reportable.", "§8 §12", "apply_events",
   {"posting": P1, "events": [ev("application", "2020-06-05", "S-1"), ev("hire", "2020-06-10", "S-1"),
                              ev("training_completed", "2020-06-12", "S-1", plan={"sessions": [
                                  {"module": "infection_control_lecture", "minutes": 60, "delivery": "video"},
                                  {"module": "infection_control_practical", "minutes": 60, "delivery": "video"},
                                  {"module": "medical_safety_lecture", "minutes": 60, "delivery": "video"}]})]},
   error={"kind": "lifecycle", "detail": "training_incomplete", "at": 2})
op("lifecycle", "report_before_training", "Completion cannot be reported before the training.", "§9", "apply_events",
   {"posting": P1, "events": [ev("application", "2020-06-05", "S-1"), ev("hire", "2020-06-10", "S-1"),
                              ev("completion_reported", "2020-06-15", "S-1")]},
   error={"kind": "lifecycle", "detail": "training_not_completed", "at": 2})
op("lifecycle", "inquiry_before_registration", "Nothing happens before the posting is registered.", "§9",
   "apply_events", {"posting": P1, "events": [ev("inquiry", "2020-05-31", "S-1")]},
   error={"kind": "lifecycle", "detail": "before_its_time", "at": 0})
op("lifecycle", "applying_twice", "One application per seeker.", "§9", "apply_events",
   {"posting": P1, "events": [ev("application", "2020-06-05", "S-1"), ev("application", "2020-06-06", "S-1")]},
   error={"kind": "lifecycle", "detail": "already_applied", "at": 1})
op("lifecycle", "unknown_event", "An unknown event type is a finding, not a crash.", "§9", "apply_events",
   {"posting": P1, "events": [ev("promote", "2020-06-05", "S-1")]},
   error={"kind": "invalid", "at": 0, "findings": [{"path": "event.type", "code": "unknown_value", "severity": "error"}]})
op("lifecycle", "disclose_after_inquiry", "A seeker who inquired gets every detail but the facility ID.", "§6",
   "disclose", {"posting": dict(P1, inquiries=[{"seeker_id": "S-1", "kind": "inquiry", "on": "2020-06-02"}]),
                "seeker_id": "S-1"}, output=without_id(BASE))
op("lifecycle", "disclose_without_inquiry", "No inquiry, no disclosure.", "§6", "disclose",
   {"posting": dict(P1, inquiries=[{"seeker_id": "S-1", "kind": "inquiry", "on": "2020-06-02"}]), "seeker_id": "S-2"},
   error={"kind": "disclosure"})
FAC = {"facility": {"id": "GM13-777777"}}
ACCOUNT = [posting("A-1", FAC, status="closed", registered_on="2020-06-01", closed_reason="filled", closed_on="2020-07-10"),
           posting("A-2", FAC, registered_on="2020-09-03")]
for (year, month, status, why) in [(2020, 5, "no_account", "before the first registration"),
                                   (2020, 6, "active", "a posting registered and open"),
                                   (2020, 7, "suspended", "filled in July, nothing new that month"),
                                   (2020, 8, "suspended", "still nothing open or new"),
                                   (2020, 9, "active", "a new registration reactivates it")]:
    op("lifecycle", f"account_{year}_{month:02d}", f"Account in {year}-{month:02d}: {status} ({why}).", "§9",
       "account_status", {"postings": ACCOUNT, "facility_id": "GM13-777777", "year": year, "month": month},
       output=status)
# §12 / seed 000 別添1 (6): the filled posting is no "new registration in the same month".
SAME_MONTH = [posting("A-3", FAC, status="closed", registered_on="2020-06-01", closed_reason="filled",
                      closed_on="2020-06-20")]
op("lifecycle", "account_registered_and_filled_same_month",
   "Registered and filled in June, nothing else: the filled posting does not count as a new registration; "
   "June ends suspended (the old reading said active).", "§9 §12 seed 000 別添1 (6)", "account_status",
   {"postings": SAME_MONTH, "facility_id": "GM13-777777", "year": 2020, "month": 6}, output="suspended")
op("lifecycle", "account_new_registration_same_month_keeps_it",
   "Filled on 6/20, a new posting registered 6/25 and open: active.", "§9 §12 seed 000 別添1 (6)", "account_status",
   {"postings": SAME_MONTH + [posting("A-4", FAC, registered_on="2020-06-25")], "facility_id": "GM13-777777",
    "year": 2020, "month": 6}, output="active")
op("lifecycle", "account_new_posting_filled_too",
   "Filled on 6/20; a new posting of 6/25 filled on 6/28 as well: no open posting, June ends suspended.",
   "§9 §12 seed 000 別添1 (6)", "account_status",
   {"postings": SAME_MONTH + [posting("A-4", FAC, registered_on="2020-06-25", status="closed",
                                      closed_reason="filled", closed_on="2020-06-28")],
    "facility_id": "GM13-777777", "year": 2020, "month": 6}, output="suspended")
for (on, status, why) in [("2020-05-31", "no_account", "before the first registration"),
                          ("2020-07-09", "active", "the posting is open"),
                          ("2020-07-10", "active", "filled today: the month of the filling is not over"),
                          ("2020-07-31", "active", "the last day of the month of the filling"),
                          ("2020-08-01", "suspended", "the month ended without a new registration"),
                          ("2020-09-02", "suspended", "still nothing new"),
                          ("2020-09-03", "active", "a new registration reactivates it that day")]:
    op("lifecycle", f"account_on_{on.replace('-', '_')}", f"Account on {on}: {status} ({why}).",
       "§9 §12 seed 000 別添1 (6)", "account_status_on",
       {"postings": ACCOUNT, "facility_id": "GM13-777777", "on": on}, output=status)
op("lifecycle", "account_on_bad_date", "A day that is no date is refused.", "§9", "account_status_on",
   {"postings": ACCOUNT, "facility_id": "GM13-777777", "on": "2020-02-30"},
   error={"kind": "invalid", "findings": [{"path": "on", "code": "format", "severity": "error"}]})
op("lifecycle", "duplicate_open_postings", "Two open nurse postings of one facility and workplace: the sync caveat warning.",
   "§9 seed 002", "duplicate_open_postings",
   {"postings": [P1, posting("P-1b", registered_on="2020-06-20"), P3, dict(P4, form=canonical())]},
   output=[{"facility_id": "GM13-004217", "occupation": "nurse", "municipality": "千代田区",
            "facility_name": "北館1階 発熱外来", "posting_ids": ["P-1", "P-1b"]}])
# One municipal G-MIS ID (保健所設置自治体) for several health centres (seed 000 別添3/4).
HC = {"facility": {"id": "GM13-HC0001", "name": "千代田区", "type": "public_health_center"},
      "occupation": "public_health_nurse", "masking_requested": False}
op("lifecycle", "duplicate_needs_same_workplace",
   "One municipal ID, two health centres recruiting public health nurses: not duplicates; a third posting of "
   "the first centre (written with full-width letters and spaces) is.", "§9 §12 seed 000 別添3/4",
   "duplicate_open_postings",
   {"postings": [posting("H-1", merge(HC, {"workplace": {"facility_name": "千代田保健所"}})),
                 posting("H-2", merge(HC, {"workplace": {"facility_name": "神田保健所 分室"}})),
                 posting("H-3", merge(HC, {"workplace": {"facility_name": "千代田保健所"}}), registered_on="2020-06-05"),
                 posting("H-4", merge(HC, {"workplace": {"facility_name": "神田保健所分室"}}), status="closed",
                         closed_reason="unpublished", closed_on="2020-06-03")]},
   output=[{"facility_id": "GM13-HC0001", "occupation": "public_health_nurse", "municipality": "千代田区",
            "facility_name": "千代田保健所", "posting_ids": ["H-1", "H-3"]}])
op("lifecycle", "duplicate_other_municipality_is_not",
   "Same ID and occupation in two municipalities: no warning.", "§9 §12", "duplicate_open_postings",
   {"postings": [P1, posting("P-1c", {"workplace": {"municipality": "中央区", "postal_code": "104-0061",
                                                    "street_address": "銀座1-1"}})]},
   output=[])
# Hires through other routes (seed 001, 1(4)); §12.
for route in ["hello_work", "prefecture_desk", "nurse_center", "other"]:
    op("lifecycle", f"hire_through_{route}", f"A hire through {route} needs no application on the posting; "
       "training and its report follow as for any hire.", "§9 §12 seed 001 1(4)", "apply_events",
       {"posting": P1, "events": [ev("hire", "2020-06-10", "S-9", route=route),
                                  ev("training_completed", "2020-06-12", "S-9", plan=SPEC_PLAN),
                                  ev("completion_reported", "2020-06-15", "S-9")]},
       output=dict(P1, hires=[{"seeker_id": "S-9", "route": route, "hired_on": "2020-06-10",
                               "training_completed_on": "2020-06-12", "completion_reported_on": "2020-06-15"}]))
op("lifecycle", "hire_key_net_route_needs_application", "A hire naming route key_net still needs an application.",
   "§9 §12", "apply_events", {"posting": P1, "events": [ev("hire", "2020-06-10", "S-1", route="key_net")]},
   error={"kind": "lifecycle", "detail": "not_an_applicant", "at": 0})
op("lifecycle", "hire_other_route_training_still_required",
   "A Hello Work hire's training must still be reportable.", "§8 §12", "apply_events",
   {"posting": P1, "events": [ev("hire", "2020-06-10", "S-9", route="hello_work"),
                              ev("training_completed", "2020-06-12", "S-9",
                                 plan={"sessions": [{"module": "infection_control_lecture", "minutes": 60,
                                                     "delivery": "video"}]})]},
   error={"kind": "lifecycle", "detail": "training_incomplete", "at": 1})
op("lifecycle", "hire_other_route_before_registration", "Even without an application, no hire before the posting.",
   "§9 §12", "apply_events", {"posting": P1, "events": [ev("hire", "2020-05-30", "S-9", route="nurse_center")]},
   error={"kind": "lifecycle", "detail": "before_its_time", "at": 0})
op("lifecycle", "hire_other_route_twice", "One hire per seeker, whatever the route.", "§9 §12", "apply_events",
   {"posting": P1, "events": [ev("hire", "2020-06-10", "S-9", route="hello_work"),
                              ev("hire", "2020-06-11", "S-9", route="other")]},
   error={"kind": "lifecycle", "detail": "already_hired", "at": 1})
op("lifecycle", "hire_unknown_route", "An unknown route is a finding.", "§12", "apply_events",
   {"posting": P1, "events": [ev("hire", "2020-06-10", "S-9", route="newspaper")]},
   error={"kind": "invalid", "at": 0, "findings": [{"path": "event.route", "code": "unknown_value", "severity": "error"}]})
op("lifecycle", "posting_with_routed_hire_reads_back", "A posting's hire keeps its route when read and written.",
   "§11 §12", "apply_events",
   {"posting": dict(P1, hires=[{"seeker_id": "S-9", "route": "prefecture_desk", "hired_on": "2020-06-10"}]),
    "events": [ev("training_completed", "2020-06-12", "S-9", plan=SPEC_PLAN)]},
   output=dict(P1, hires=[{"seeker_id": "S-9", "route": "prefecture_desk", "hired_on": "2020-06-10",
                           "training_completed_on": "2020-06-12", "completion_reported_on": None}]))


# --- kintone adapter (issue 5) ------------------------------------------------------------------
# A kintone REST record of the default mapping (core/data/kintone_mapping.json), written by hand
# for the docs/domain.md §2 example: Japanese field codes, the app's option labels, NUMBER values as text.
def kf(kind, value):
    return {"type": kind, "value": value}


K_BASE = {
    "マスキング希望": kf("RADIO_BUTTON", "希望する"),
    "医療機関ID": kf("SINGLE_LINE_TEXT", "GM13-004217"),
    "医療機関名": kf("SINGLE_LINE_TEXT", "千代田中央病院"),
    "施設類型": kf("RADIO_BUTTON", "病院"),
    "医療機関都道府県": kf("DROP_DOWN", "東京都"),
    "募集職種": kf("DROP_DOWN", "看護師"),
    "募集人数": kf("NUMBER", "2"),
    "郵便番号": kf("SINGLE_LINE_TEXT", "101-0062"),
    "勤務地都道府県": kf("DROP_DOWN", "東京都"),
    "市区町村": kf("SINGLE_LINE_TEXT", "千代田区"),
    "町名番地": kf("SINGLE_LINE_TEXT", "神田駿河台4-6"),
    "具体的な施設名": kf("SINGLE_LINE_TEXT", "北館1階 発熱外来"),
    "雇用期間開始": kf("DATE", "2020-06-01"),
    "雇用期間終了": kf("DATE", "2020-09-30"),
    "試用期間_週": kf("NUMBER", ""),
    "業務内容": kf("CHECK_BOX", ["帰国者・接触者外来業務", "その他"]),
    "業務内容_その他": kf("SINGLE_LINE_TEXT", "PCR検体採取"),
    "具体的な内容": kf("SINGLE_LINE_TEXT", "内科"),
    "給与形態": kf("RADIO_BUTTON", "時給"),
    "総支給額": kf("NUMBER", "2500"),
    "試用期間中の給与": kf("NUMBER", ""),
    "勤務開始時刻": kf("TIME", "16:30"),
    "勤務終了時刻": kf("TIME", "09:00"),
    "休憩時間": kf("NUMBER", "120"),
    "休日": kf("SINGLE_LINE_TEXT", "シフト制（週2日）"),
    "時間外労働": kf("RADIO_BUTTON", "なし"),
    "加入保険": kf("CHECK_BOX", ["雇用保険", "労災保険", "健康保険", "厚生年金"]),
    "他の保険": kf("SINGLE_LINE_TEXT", ""),
    "受動喫煙防止の取組": kf("RADIO_BUTTON", "敷地内禁煙"),
    "受動喫煙防止の取組_その他": kf("SINGLE_LINE_TEXT", ""),
    "補足内容": kf("MULTI_LINE_TEXT", ""),
    "担当者氏名": kf("SINGLE_LINE_TEXT", "山田 花子"),
    "担当者所在地": kf("SINGLE_LINE_TEXT", ""),
    "電話番号": kf("SINGLE_LINE_TEXT", "03-3292-0000"),
    "内線番号": kf("SINGLE_LINE_TEXT", "215"),
    "応募担当電話番号": kf("SINGLE_LINE_TEXT", ""),
    "FAX番号": kf("SINGLE_LINE_TEXT", ""),
    "メールアドレス": kf("LINK", "jinji@example.jp"),
    "求人登録済みの機関": kf("CHECK_BOX", ["ハローワーク", "ナースセンター"]),
    "求人登録済みの機関_その他": kf("SINGLE_LINE_TEXT", ""),
}
# What to_kintone_record writes for the example: the default field types of the mapping.
K_WRITTEN = merge(K_BASE, {
    "マスキング希望": kf("RADIO_BUTTON", "希望する"), "施設類型": kf("DROP_DOWN", "病院"),
    "医療機関都道府県": kf("SINGLE_LINE_TEXT", "13"), "勤務地都道府県": kf("SINGLE_LINE_TEXT", "13"),
    "募集職種": kf("DROP_DOWN", "看護師"), "給与形態": kf("DROP_DOWN", "時給"),
    "受動喫煙防止の取組": kf("DROP_DOWN", "敷地内禁煙"), "補足内容": kf("SINGLE_LINE_TEXT", ""),
    "メールアドレス": kf("SINGLE_LINE_TEXT", "jinji@example.jp"),
})


def krec(patch=None, drop=()):
    out = merge(K_BASE, patch or {})
    for code in drop:
        out.pop(code)
    return out


def kread(findings=(), canonical_form=None):
    """The output of from_kintone_record: findings as (path, code, severity) in form order."""
    errors = any(sev == E for _, _, sev in findings)
    return {"registrable": not errors,
            "findings": [{"path": p, "code": c, "severity": sev} for p, c, sev in findings],
            "canonical": None if errors else canonical_form}


op("kintone", "record_domain_example", "The §2 example as a kintone record reads to the canonical example.",
   "§2 issue 5", "from_kintone_record", {"record": K_BASE}, output=kread(canonical_form=BASE))
op("kintone", "record_rest_response", "A REST GET response {record: …} with system fields ($id, レコード番号, 作成者) reads alike.",
   "issue 5", "from_kintone_record",
   {"record": {"record": krec({"$id": kf("__ID__", "12"), "$revision": kf("__REVISION__", "3"),
                               "レコード番号": kf("RECORD_NUMBER", "12"),
                               "作成者": kf("CREATOR", {"code": "sato", "name": "佐藤"}),
                               "社内メモ": kf("MULTI_LINE_TEXT", "アプリ独自の項目は読まない")})}},
   output=kread(canonical_form=BASE))
op("kintone", "record_typed_text", "Text fields carry what people type: full-width digits, wareki, 時分, 翌, a prefecture without suffix.",
   "§5 issue 5", "from_kintone_record",
   {"record": krec({"募集人数": kf("SINGLE_LINE_TEXT", "２"), "雇用期間開始": kf("SINGLE_LINE_TEXT", "令和2年6月1日"),
                    "雇用期間終了": kf("SINGLE_LINE_TEXT", "R2.9.30"), "勤務開始時刻": kf("SINGLE_LINE_TEXT", "１６時３０分"),
                    "勤務終了時刻": kf("DROP_DOWN", "翌9:00"), "電話番号": kf("SINGLE_LINE_TEXT", "０３（３２９２）００００"),
                    "郵便番号": kf("SINGLE_LINE_TEXT", "〒１０１－００６２"), "勤務地都道府県": kf("SINGLE_LINE_TEXT", "東京"),
                    "総支給額": kf("NUMBER", "2,500")})},
   output=kread(canonical_form=BASE))
op("kintone", "record_options", "Option labels map to canonical values: 医師, 日給, 屋内禁煙, 保健所; checkboxes to booleans.",
   "§2 §3 issue 5", "from_kintone_record",
   {"record": krec({"募集職種": kf("DROP_DOWN", "医師"), "給与形態": kf("RADIO_BUTTON", "日給"),
                    "受動喫煙防止の取組": kf("RADIO_BUTTON", "屋内禁煙"), "マスキング希望": kf("RADIO_BUTTON", "希望しない"),
                    "加入保険": kf("CHECK_BOX", ["労災保険"]), "求人登録済みの機関": kf("CHECK_BOX", []),
                    "時間外労働": kf("RADIO_BUTTON", "あり")})},
   output=kread([("passive_smoking", "health_law", W)],
                canonical({"occupation": "physician", "salary": {"basis": "daily"}, "passive_smoking": "indoor_no_smoking",
                           "masking_requested": False,
                           "insurance": {"employment": False, "workers_accident": True, "health": False, "pension": False},
                           "existing_listings": {"hello_work": False, "nurse_center": False},
                           "working_hours": {"overtime": True}})))
op("kintone", "record_wrong_field_type", "A field of the wrong kintone type is a format finding on its path, not a crash.",
   "issue 5", "from_kintone_record",
   {"record": krec({"募集職種": kf("CHECK_BOX", ["看護師"]), "雇用期間開始": kf("NUMBER", "20200601")})},
   output=kread([("occupation", "format", E), ("employment_period.start", "format", E)]))
op("kintone", "record_unknown_options", "Options the mapping does not know are unknown_value findings on their fields.",
   "issue 5", "from_kintone_record",
   {"record": krec({"給与形態": kf("RADIO_BUTTON", "年俸"), "加入保険": kf("CHECK_BOX", ["雇用保険", "介護保険"]),
                    "業務内容": kf("CHECK_BOX", ["発熱外来"]), "マスキング希望": kf("RADIO_BUTTON", "たぶん")})},
   output=kread([("masking_requested", "unknown_value", E), ("duties.kinds", "unknown_value", E),
                 ("salary.basis", "unknown_value", E), ("insurance", "unknown_value", E)]))
op("kintone", "record_wrong_value_shapes", "Values of the wrong shape: a list for a number, text for a checkbox, a bare value.",
   "issue 5", "from_kintone_record",
   {"record": krec({"募集人数": kf("NUMBER", ["2"]), "加入保険": kf("CHECK_BOX", "雇用保険"), "担当者氏名": "山田 花子"})},
   output=kread([("openings", "format", E), ("insurance", "format", E), ("contact.name", "format", E)]))
# A mapping checked against the app (issue 13): from a record (codes and types) or the app's form
# fields (GET /k/v1/app/form/fields.json: also the option labels).
K_PROPERTIES = {code: {"type": f["type"], "code": code, "label": code} for code, f in K_BASE.items()}
K_PROPERTIES["施設類型"]["options"] = {"病院": {"label": "病院", "index": "0"}, "診療所": {"label": "診療所", "index": "1"},
                                     "介護施設": {"label": "介護施設", "index": "2"}}
op("kintone", "mapping_fits_the_app", "The standard mapping against a record of an app made for it: nothing to say.",
   "issue 13", "check_kintone_mapping", {"fields": K_BASE}, output=[])
op("kintone", "mapping_against_an_app_with_a_field_missing_and_one_retyped",
   "A code the app lacks and a NUMBER made a DATE are errors on the field.", "issue 13", "check_kintone_mapping",
   {"fields": krec({"募集人数": kf("DATE", "")}, drop=["医療機関名"])},
   output=[{"path": "fields.医療機関名", "code": "unknown_value", "severity": "error"},
           {"path": "fields.募集人数", "code": "inconsistent", "severity": "error"}])
op("kintone", "mapping_options_against_the_apps_form_fields",
   "From the form fields: an option of the mapping the app lacks (保健所) and one of the app the mapping lacks (介護施設) "
   "are warnings.", "issue 13", "check_kintone_mapping", {"fields": {"properties": K_PROPERTIES, "revision": "5"}},
   output=[{"path": "fields.施設類型", "code": "unknown_value", "severity": "warning"},
           {"path": "fields.施設類型", "code": "inconsistent", "severity": "warning"}])
op("kintone", "mapping_against_something_that_is_no_app", "fields that are neither form fields nor a record are refused.",
   "issue 13", "check_kintone_mapping", {"fields": {"records": []}},
   error={"kind": "invalid", "findings": [{"path": "fields", "code": "format", "severity": "error"}]})
op("kintone", "record_missing_fields", "Fields the app lacks are absent: the form's required findings.", "§2 issue 5",
   "from_kintone_record", {"record": krec(drop=["医療機関ID", "電話番号", "休憩時間"])},
   output=kread([("facility.id", "required", E), ("working_hours.break_minutes", "labor_law", W),
                 ("contact.phone", "required", E)]))
op("kintone", "record_form_rules_apply", "Every rule of the form applies: range, Art. 34 break, masking leak.", "§2 §6 issue 5",
   "from_kintone_record",
   {"record": krec({"募集人数": kf("NUMBER", "0"), "休憩時間": kf("NUMBER", "30"),
                    "補足内容": kf("MULTI_LINE_TEXT", "千代田中央病院の発熱外来です")})},
   output=kread([("openings", "range", E), ("working_hours.break_minutes", "labor_law", W), ("notes", "masking_leak", E)]))
op("kintone", "record_numbers_with_units", "NUMBER-as-text fields with the paper form's units read as numbers.", "§12",
   "from_kintone_record",
   {"record": krec({"募集人数": kf("SINGLE_LINE_TEXT", "2名"), "総支給額": kf("SINGLE_LINE_TEXT", "￥2,500"),
                    "休憩時間": kf("SINGLE_LINE_TEXT", "2時間")})},
   output=kread(canonical_form=BASE))
op("kintone", "record_number_out_of_range", "-1 in a NUMBER field says range, quoting it.", "§12",
   "from_kintone_record", {"record": krec({"募集人数": kf("NUMBER", "-1")})},
   output=kread([("openings", "range", E)]))
op("kintone", "record_not_an_object", "A record that is not an object is no record: invalid_input, as a form that is not an object.", "issue 13",
   "from_kintone_record", {"record": [K_BASE]},
   error={"kind": "invalid_input", "detail": "not_an_object"})
op("kintone", "record_mapping_override", "An app with its own codes: 職種 with the label ナース, no FAX field.", "issue 5",
   "from_kintone_record",
   {"record": krec({"職種": kf("DROP_DOWN", "ナース"), "FAX番号": kf("SINGLE_LINE_TEXT", "ではない")}, drop=["募集職種"]),
    "mapping": {"fields": {"職種": {"path": "occupation", "read": "choice", "options": {"ナース": "nurse"}},
                           "FAX番号": None}}},
   output={**kread(canonical_form=BASE),
           # The read remembers the overrides, for to_kintone_errors (issue 13).
           "mapping": {"fields": {"職種": {"path": "occupation", "read": "choice", "options": {"ナース": "nurse"}},
                                  "FAX番号": None}}})
op("kintone", "record_bad_mapping", "A mapping naming no field of the form is refused with findings at mapping.…", "issue 5",
   "from_kintone_record",
   {"record": K_BASE, "mapping": {"fields": {"備考": {"path": "remarks", "read": "text"},
                                             "人数": {"path": "openings", "read": "count"}}}},
   error={"kind": "invalid", "findings": [{"path": "mapping.fields.人数", "code": "format", "severity": "error"},
                                          {"path": "mapping.fields.備考.path", "code": "unknown_value", "severity": "error"}]})


def kfinding(path, code, severity, ja, en):
    return {"path": path, "code": code, "severity": severity, "message": en, "message_ja": ja}


F_POSTAL = kfinding("workplace.postal_code", "format", E, "郵便番号は7桁で入力してください", "postal code must have 7 digits")
F_PERIOD = kfinding("employment_period", "inconsistent", E, "雇用期間の開始日が終了日より後です", "the employment period ends before it starts")
F_BREAK = kfinding("working_hours.break_minutes", "labor_law", W, "休憩時間が労働基準法第34条の基準に足りません",
                   "the break is shorter than Art. 34 requires")
F_INSURANCE = kfinding("insurance", "unknown_value", E, "「介護保険」は加入保険の選択肢にありません", "\"介護保険\" is not an option")
F_DAY = kfinding("working_hours", "inconsistent", W, "24時間勤務です。確認してください", "a 24-hour duty: please confirm")
F_FORM = kfinding("", "format", E, "登録票の形式が正しくありません", "the form is not an object")
op("kintone", "errors_ja", "Findings go on their field codes in Japanese (the default); object paths on their field.",
   "issue 5", "to_kintone_errors", {"findings": [F_POSTAL, F_PERIOD, F_INSURANCE, dict(F_POSTAL, message_ja="郵便番号：〒を除いて7桁")]},
   output={"errors": {"record.郵便番号.value": {"messages": ["郵便番号は7桁で入力してください", "郵便番号：〒を除いて7桁"]},
                      "record.雇用期間終了.value": {"messages": ["雇用期間の開始日が終了日より後です"]},
                      "record.加入保険.value": {"messages": ["「介護保険」は加入保険の選択肢にありません"]}},
           "record_errors": [], "warnings": {}, "record_warnings": []})
op("kintone", "errors_en_and_warnings", "English on request; warnings apart from errors (they do not block saving).",
   "issue 5", "to_kintone_errors", {"findings": [F_POSTAL, F_BREAK, F_DAY], "lang": "en"},
   output={"errors": {"record.郵便番号.value": {"messages": ["postal code must have 7 digits"]}},
           "record_errors": [],
           "warnings": {"record.休憩時間.value": {"messages": ["the break is shorter than Art. 34 requires"]},
                        "record.勤務終了時刻.value": {"messages": ["a 24-hour duty: please confirm"]}},
           "record_warnings": []})
op("kintone", "errors_record_level", "A path without a field code, or a code the record lacks, is a record-level message.",
   "issue 5", "to_kintone_errors",
   {"findings": {"registrable": False, "findings": [F_FORM, F_POSTAL, F_PERIOD, F_BREAK], "canonical": None},
    "record": krec(drop=["郵便番号", "休憩時間"])},
   output={"errors": {"record.雇用期間終了.value": {"messages": ["雇用期間の開始日が終了日より後です"]}},
           "record_errors": ["登録票の形式が正しくありません", "郵便番号は7桁で入力してください"],
           "warnings": {}, "record_warnings": ["休憩時間が労働基準法第34条の基準に足りません"]})
# A subtable of postings (issue 13): each row one form with the record's other fields; its
# findings keyed inside its row as kintone keys a subtable's fields.
K_ROWS = krec(drop=["募集職種", "募集人数"])
K_ROWS["募集枠"] = {"type": "SUBTABLE", "value": [
    {"id": "41", "value": {"募集職種": kf("DROP_DOWN", "看護師"), "募集人数": kf("NUMBER", "2")}},
    {"id": "42", "value": {"募集職種": kf("DROP_DOWN", "看護師"), "募集人数": kf("NUMBER", "0")}}]}
op("kintone", "subtable_rows_are_forms", "Each row of the subtable 募集枠 is a form with the record's fields; "
   "the second row's 0 openings refuse it alone.", "issue 13", "from_kintone_rows",
   {"record": K_ROWS, "table": "募集枠"},
   output={"table": "募集枠", "rows": [
       dict(kread(canonical_form=BASE), row=0, id="41"),
       dict(kread([("openings", "range", E)]), row=1, id="42")]})
op("kintone", "subtable_absent", "A record without the named subtable is refused at table.", "issue 13",
   "from_kintone_rows", {"record": K_BASE, "table": "募集枠"},
   error={"kind": "invalid", "findings": [{"path": "table", "code": "unknown_value", "severity": "error"}]})
F_OPENINGS = kfinding("openings", "range", E, "募集人数は1人以上です", "openings must be at least 1")
op("kintone", "subtable_errors_keyed_by_row", "A row's own field is keyed inside its row; a field of the record once "
   "at the top.", "issue 13", "to_kintone_errors",
   {"findings": {"table": "募集枠", "rows": [{"row": 0, "findings": [F_POSTAL]},
                                            {"row": 1, "findings": [F_POSTAL, F_OPENINGS]}]},
    "record": K_ROWS},
   output={"errors": {"record.郵便番号.value": {"messages": ["郵便番号は7桁で入力してください"]},
                      "record.募集枠.value[1].value.募集人数.value": {"messages": ["募集人数は1人以上です"]}},
           "record_errors": [], "warnings": {}, "record_warnings": []})
op("kintone", "errors_unknown_lang", "Only ja and en are offered.", "issue 5", "to_kintone_errors",
   {"findings": [F_POSTAL], "lang": "fr"},
   error={"kind": "invalid", "findings": [{"path": "lang", "code": "unknown_value", "severity": "error"}]})
op("kintone", "errors_not_findings", "Something that is not a finding is refused, with its index.", "issue 5",
   "to_kintone_errors", {"findings": [F_POSTAL, {"path": "notes"}]},
   error={"kind": "invalid", "findings": [{"path": "findings.1", "code": "format", "severity": "error"}]})
op("kintone", "write_record", "A canonical form written as a kintone record: the app's labels, numbers as text.",
   "issue 5", "to_kintone_record", {"form": BASE}, output=K_WRITTEN)
# Bulk (issue 13): PUT /k/v1/records.json bodies, and refusals keyed records[<i>].<code>.value.
K_BODY = {code: {"value": f["value"]} for code, f in K_WRITTEN.items()}
op("kintone", "bulk_update_body", "Several forms into their records: {app, records: [{id, revision?, record}]}, "
   "values only.", "issue 13", "kintone_bulk_update_body",
   {"app": 7, "records": [{"form": BASE, "id": 1, "revision": 3}, {"form": BASE, "id": "2"}]},
   output={"app": 7, "records": [{"id": 1, "revision": 3, "record": K_BODY}, {"id": "2", "record": K_BODY}]})
op("kintone", "bulk_update_body_refuses_at_the_record", "A form with errors, or a bad id, is refused at its place in "
   "records.", "issue 13", "kintone_bulk_update_body",
   {"app": 7, "records": [{"form": BASE, "id": 1}, {"form": canonical({"openings": 0}), "id": 2},
                          {"form": BASE, "id": "x"}]},
   error={"kind": "invalid", "findings": [{"path": "records.1.openings", "code": "range", "severity": "error"},
                                          {"path": "records.2.id", "code": "format", "severity": "error"}]})
op("kintone", "bulk_errors_keyed_by_record", "Findings of several records keyed as kintone's bulk answer keys them.",
   "issue 13", "to_kintone_errors",
   {"findings": {"records": [{"registrable": True, "findings": [], "canonical": None},
                             {"registrable": False, "findings": [F_POSTAL, F_FORM], "canonical": None}]}},
   output={"errors": {"records[1].郵便番号.value": {"messages": ["郵便番号は7桁で入力してください"]}},
           "record_errors": ["2件目：登録票の形式が正しくありません"], "warnings": {}, "record_warnings": []})
op("kintone", "write_refuses_errors", "Only a form without errors is written.", "issue 5", "to_kintone_record",
   {"form": canonical({"openings": 0})},
   error={"kind": "invalid", "findings": [{"path": "openings", "code": "range", "severity": "error"}]})


# --- bed view and accounts (issue 7, docs/domain.md §10) ---------------------------------------------
SEED_BED = {"prefecture": "東京都", "local_government_code": "131016", "municipality": "千代田区",
            "secondary_area_number": "1301", "secondary_area_name": "区中央部", "institution_code": "1310170018",
            "institution_name": "東京都 病院1", "record_date": "2022/01/05", "reported_at": "2022/02/01 11:32",
            "secured_beds": 2, "ready_beds": None, "inpatients": None}
SEED_BED_OUT = {"prefecture": "13", "local_government_code": "131016", "municipality": "千代田区",
                "secondary_area_number": "1301", "secondary_area_name": "区中央部", "institution_code": "1310170018",
                "institution_name": "東京都 病院1", "record_date": "2022-01-05", "reported_at": "2022-02-01T11:32",
                "secured_beds": 2, "ready_beds": None, "inpatients": None}
op("beds", "seed_row", "The seed's sample row reads clean; ready beds may be blank.", "§10 seed 003", "read_bed_row",
   {"row": SEED_BED}, output={"row": SEED_BED_OUT, "findings": []})
op("beds", "wrong_check_digit", "A local government code with a wrong check digit is refused.", "§4 §10", "read_bed_row",
   {"row": dict(SEED_BED, local_government_code="131017")},
   output={"row": None, "findings": [{"path": "local_government_code", "code": "format", "severity": "error"}]})
op("beds", "code_of_other_prefecture", "A Kanagawa code on a Tokyo row is inconsistent.", "§4 §10", "read_bed_row",
   {"row": dict(SEED_BED, local_government_code="141003", municipality="横浜市")},
   output={"row": None, "findings": [{"path": "local_government_code", "code": "inconsistent", "severity": "error"}]})
op("beds", "area_number_of_other_prefecture", "A secondary medical area number starts with the prefecture.", "§4",
   "read_bed_row", {"row": dict(SEED_BED, secondary_area_number="1401")},
   output={"row": None, "findings": [{"path": "secondary_area_number", "code": "inconsistent", "severity": "error"}]})
op("beds", "negative_count", "Counts are not negative.", "§10", "read_bed_row", {"row": dict(SEED_BED, secured_beds=-2)},
   output={"row": None, "findings": [{"path": "secured_beds", "code": "range", "severity": "error"}]})
op("beds", "ready_above_secured", "More ready than secured beds: a warning.", "§10", "read_bed_row",
   {"row": dict(SEED_BED, ready_beds=3)},
   output={"row": dict(SEED_BED_OUT, ready_beds=3),
           "findings": [{"path": "ready_beds", "code": "inconsistent", "severity": "warning"}]})
op("beds", "record_date_lags_report", "The record date may lag the report time.", "§10", "read_bed_row",
   {"row": dict(SEED_BED, record_date="2021/11/11")},
   output={"row": dict(SEED_BED_OUT, record_date="2021-11-11"), "findings": []})
KANAGAWA_BED = dict(SEED_BED, prefecture="14", local_government_code="141003", municipality="横浜市",
                    secondary_area_number="1401", secondary_area_name="横浜", institution_code="1410170001",
                    institution_name="横浜 病院A", secured_beds=5)
CHUO_BED = dict(SEED_BED, local_government_code="131024", municipality="中央区", institution_code="1310170019",
                institution_name="東京都 病院2", secured_beds=4, ready_beds=3, inpatients=1)
op("beds", "blank_institution_code", "A blank institution code is allowed (the G-MIS master shows some blank).",
   "§10 §12 seed 003", "read_bed_row", {"row": dict(SEED_BED, institution_code="")},
   output={"row": dict(SEED_BED_OUT, institution_code=None), "findings": []})
op("beds", "institution_code_still_checked", "A code that is given must still be ten digits of the prefecture.",
   "§10 §12", "read_bed_row", {"row": dict(SEED_BED, institution_code="131017")},
   output={"row": None, "findings": [{"path": "institution_code", "code": "format", "severity": "error"}]})
op("beds", "prefecture_number_agrees", "The prefecture number column agrees with the prefecture.", "§10 §12 seed 003",
   "read_bed_row", {"row": dict(SEED_BED, prefecture_number="13")}, output={"row": SEED_BED_OUT, "findings": []})
op("beds", "prefecture_number_disagrees", "Prefecture number 14 on a Tokyo row is refused.", "§10 §12 seed 003",
   "read_bed_row", {"row": dict(SEED_BED, prefecture_number="14")},
   output={"row": None, "findings": [{"path": "prefecture_number", "code": "inconsistent", "severity": "error"}]})
op("beds", "prefecture_number_not_a_number", "A prefecture number that is no number is refused.", "§10 §12",
   "read_bed_row", {"row": dict(SEED_BED, prefecture_number="東京")},
   output={"row": None, "findings": [{"path": "prefecture_number", "code": "format", "severity": "error"}]})
FIRE_TOKYO = {"id": "FD13-001", "kind": "fire_department_hq", "prefecture": "13"}
op("beds", "fire_hq_sees_own_prefecture_only", "A Tokyo fire HQ sees Tokyo's institutions, never Kanagawa's.",
   "§10 seed 003", "bed_view", {"rows": [SEED_BED, KANAGAWA_BED, CHUO_BED], "account": FIRE_TOKYO},
   output={"prefecture": "13", "pages": 1, "page": 0,
           "rows": [SEED_BED_OUT, dict(SEED_BED_OUT, local_government_code="131024", municipality="中央区",
                                       institution_code="1310170019", institution_name="東京都 病院2",
                                       secured_beds=4, ready_beds=3, inpatients=1)],
           "totals": {"all": {"records": 2, "secured_beds": 6, "ready_beds": 3, "inpatients": 1},
                      "groups": [{"prefecture": "13", "label": "東京都 (2)",
                                  "sums": {"records": 2, "secured_beds": 6, "ready_beds": 3, "inpatients": 1}}]}})
op("beds", "search_by_institution", "Search by institution name stays within the prefecture.", "§10", "bed_view",
   {"rows": [SEED_BED, KANAGAWA_BED, CHUO_BED], "account": FIRE_TOKYO, "search": "病院2"},
   output={"prefecture": "13", "pages": 1, "page": 0,
           "rows": [dict(SEED_BED_OUT, local_government_code="131024", municipality="中央区",
                         institution_code="1310170019", institution_name="東京都 病院2",
                         secured_beds=4, ready_beds=3, inpatients=1)],
           "totals": {"all": {"records": 1, "secured_beds": 4, "ready_beds": 3, "inpatients": 1},
                      "groups": [{"prefecture": "13", "label": "東京都 (1)",
                                  "sums": {"records": 1, "secured_beds": 4, "ready_beds": 3, "inpatients": 1}}]}})
op("beds", "medical_institution_has_no_bed_view", "A medical institution's ID does not read the bed view.", "§10",
   "bed_view", {"rows": [SEED_BED], "account": {"id": "GM13-004217", "kind": "medical_institution", "prefecture": "13"}},
   error={"kind": "invalid", "findings": [{"path": "account", "code": "inconsistent", "severity": "error"}]})
for name, password, policy, findings in [
        ("gmis_ok", "Keynet2020", "gmis", []),
        ("gmis_symbols_allowed", "Key-net#2020", "gmis", []),
        ("gmis_too_short", "Kn2020a", "gmis", [("password", "range", "error")]),
        ("gmis_no_upper_case", "keynet2020", "gmis", [("password", "format", "error")]),
        ("gmis_full_width", "Ｋｅｙｎｅｔ２０２０", "gmis", [("password", "format", "error"), ("password", "format", "error")]),
        ("gmis_space", "Keynet 2020", "gmis", [("password", "format", "error")]),
        ("kintone2020_ok", "keynet2020", "kintone2020", []),
        ("kintone2020_letters_only", "keynetkeynet", "kintone2020", [("password", "format", "error")]),
        ("kintone2020_symbol", "keynet-2020", "kintone2020", []),
        ("kintone2020_digits_only", "20202020", "kintone2020", [("password", "format", "error")])]:
    op("accounts", f"password_{name}", f"Password policy {policy}: {password!r}.", "§10 seeds 000 002 003",
       "check_password", {"password": password, "policy": policy},
       output=[{"path": p, "code": c, "severity": s} for p, c, s in findings])
op("accounts", "medical_institution_registers_own_hospital", "A medical institution registers its own hospital's postings.",
   "§10", "may_register", {"account": {"id": "GM13-004217", "kind": "medical_institution", "prefecture": "13"}, "form": BASE},
   output={"allowed": True, "reason": None, "reason_ja": None})
op("accounts", "aggregating_body_registers_nothing", "An aggregating body's ID does not register postings.", "§10 seed 002",
   "may_register", {"account": {"id": "GM13-004217", "kind": "aggregating_body", "prefecture": "13"}, "form": BASE},
   output={"allowed": False, "reason": "an ID of kind aggregating_body does not register postings",
           "reason_ja": "とりまとめ団体のIDでは募集情報を登録できません"})
op("accounts", "health_centre_registers_health_centre_forms", "A health-centre recruitment ID registers 保健所 forms only.",
   "§10", "may_register",
   {"account": {"id": "GM13-004217", "kind": "health_center_recruitment", "prefecture": "13"}, "form": BASE},
   output={"allowed": False, "reason": "an ID of kind health_center_recruitment registers public_health_center postings, not hospital",
           "reason_ja": "保健所（人材募集登録用）のIDで登録できるのは保健所の募集情報です（施設の種類：病院）"})
# §12 / seed 001, 2(1)ii: a prefecture is itself a 保健所設置自治体.
PREF_HC = canonical({"facility": {"id": "GM13-PREF01", "name": "東京都", "type": "public_health_center"},
                     "occupation": "public_health_nurse", "masking_requested": False,
                     "workplace": {"facility_name": "東京都多摩立川保健所"}})
PREF_ACCOUNT = {"id": "GM13-PREF01", "kind": "prefecture", "prefecture": "13"}
op("accounts", "prefecture_registers_its_health_centres",
   "A prefecture's account registers postings for its prefectural health centres.", "§10 §12 seed 001 2(1)ii",
   "may_register", {"account": PREF_ACCOUNT, "form": PREF_HC}, output={"allowed": True, "reason": None, "reason_ja": None})
op("accounts", "prefecture_does_not_register_hospitals", "A prefecture's account registers health-centre postings only.",
   "§10 §12", "may_register", {"account": dict(PREF_ACCOUNT, id="GM13-004217"), "form": BASE},
   output={"allowed": False, "reason": "an ID of kind prefecture registers public_health_center postings, not hospital",
           "reason_ja": "都道府県のIDで登録できるのは保健所の募集情報です（施設の種類：病院）"})
op("accounts", "prefecture_registers_in_its_own_prefecture_only",
   "Kanagawa's account cannot register a Tokyo health centre's posting.", "§10 §12", "may_register",
   {"account": dict(PREF_ACCOUNT, prefecture="14"), "form": PREF_HC},
   output={"allowed": False, "reason": "the form's facility is in prefecture 13, the account in 14",
           "reason_ja": "登録票の施設の都道府県（東京都）がアカウントの都道府県（神奈川県）と異なります"})

# --- fire HQ ID applications (seed 003 別添1「消防ユーザ登録情報」; §10 §12) ---------------------------
FIRE_APP = {"prefecture": "東京都", "hq_name": "東京消防庁", "department": "救急部救急管理課",
            "contact_name": "消防 太郎", "email": "Kyukyu@Example.JP", "phone": "０３（３２１２）２１１１",
            "reason": "救急搬送時の受入れ医療機関の確認のため"}
FIRE_APP_OUT = dict(FIRE_APP, prefecture="13", email="Kyukyu@example.jp", phone="03-3212-2111")
HACHIOJI = dict(FIRE_APP, hq_name="八王子市消防本部", department="警防課", contact_name="消防 花子",
                email="keibo@example.jp", phone="042-620-7100", reason="病床情報の確認")
HACHIOJI_OUT = dict(HACHIOJI, prefecture="13")
op("fire_hq", "fire_hq_application_ok", "A complete application reads clean: phone and e-mail as the form writes them.",
   "§10 §12 seed 003", "fire_hq_application", {"application": FIRE_APP},
   output={"application": FIRE_APP_OUT, "findings": []})
op("fire_hq", "fire_hq_application_station_refused", "IDs go to HQs only: a fire station is refused.",
   "§10 seed 003 「当面、付与対象は、消防本部のみ」", "fire_hq_application",
   {"application": dict(FIRE_APP, hq_name="丸の内消防署")},
   output={"application": None, "findings": [{"path": "hq_name", "code": "inconsistent", "severity": "error"}]})
op("fire_hq", "fire_hq_application_name_without_fire", "A name without 消防: registrable, with a warning to confirm.",
   "§10 seed 003", "fire_hq_application", {"application": dict(FIRE_APP, hq_name="東部広域行政組合")},
   output={"application": dict(FIRE_APP_OUT, hq_name="東部広域行政組合"),
           "findings": [{"path": "hq_name", "code": "inconsistent", "severity": "warning"}]})
op("fire_hq", "fire_hq_application_every_finding", "Missing, malformed and unknown fields: every finding.",
   "§10 seed 003", "fire_hq_application",
   {"application": {"prefecture": "東京", "hq_name": "東京消防庁", "department": " ", "email": "kyukyu@",
                    "phone": "3212-2111", "reason": 7, "fax": "03-0000-0000"}},
   output={"application": None, "findings": [
       {"path": "fax", "code": "unknown_value", "severity": "error"},
       {"path": "department", "code": "required", "severity": "error"},
       {"path": "contact_name", "code": "required", "severity": "error"},
       {"path": "email", "code": "format", "severity": "error"},
       {"path": "phone", "code": "format", "severity": "error"},
       {"path": "reason", "code": "format", "severity": "error"}]})
op("fire_hq", "fire_hq_list_for_the_ministry", "Tokyo collects its HQs' applications into one numbered list.",
   "§10 §12 seed 003", "fire_hq_list", {"prefecture": "13", "applications": [FIRE_APP, HACHIOJI]},
   output={"prefecture": "13", "headers_ja": ["#", "都道府県", "消防本部名", "担当部署名", "担当者氏名", "メールアドレス",
                                              "電話番号", "申請理由"],
           "rows": [dict(FIRE_APP_OUT, number=1), dict(HACHIOJI_OUT, number=2)], "warnings": []})
op("fire_hq", "fire_hq_list_refuses_other_prefecture", "A Kanagawa HQ is not in Tokyo's list; a repeated HQ neither.",
   "§10 §12 seed 003", "fire_hq_list",
   {"prefecture": "13", "applications": [FIRE_APP, dict(HACHIOJI, prefecture="神奈川県", hq_name="横浜市消防局"),
                                         dict(FIRE_APP, contact_name="別人")]},
   error={"kind": "invalid", "findings": [
       {"path": "applications.1.prefecture", "code": "inconsistent", "severity": "error"},
       {"path": "applications.2.hq_name", "code": "inconsistent", "severity": "error"}]})
op("fire_hq", "fire_hq_list_refuses_a_bad_entry", "One bad entry refuses the list, with its path.",
   "§10 seed 003", "fire_hq_list", {"prefecture": "13", "applications": [dict(FIRE_APP, email="x")]},
   error={"kind": "invalid", "findings": [{"path": "applications.0.email", "code": "format", "severity": "error"}]})


def main():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    for old in list(HERE.glob("*.json")) + list(HERE.glob("*/*.json")):
        old.unlink()
    for c in CASES:
        (HERE / f"{c['name']}.json").write_text(json.dumps(c, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    op_names = [f"{folder}/{c['name']}" for folder, c in OPS]
    assert len(op_names) == len(set(op_names)), "duplicate operation case names"
    for folder, c in OPS:
        (HERE / folder).mkdir(exist_ok=True)
        (HERE / folder / f"{c['name']}.json").write_text(json.dumps(c, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(CASES)} form cases and {len(OPS)} operation cases written to {HERE}")


if __name__ == "__main__":
    main()
