//! The rules that relate fields to each other, then assembly of the normalised [`Form`].
//! Each rule runs whenever the fields it needs could be read, so every finding is reported.

use super::fields::{HIDDEN_TEXT_FIELDS, PUBLIC_TEXT_FIELDS};
use super::fields::{label_en, label_ja};
use super::leak;
use super::read::{Parts, Slot, required};
use super::*;
use crate::finding::Code;
use crate::places::{self, MunicipalityError};

/// Labour Standards Act Art. 34: over 6 h of work needs 45 min of break; over 8 h, 60 min.
pub const BREAK_RULES: [(u16, u16); 2] = [(8 * 60, 60), (6 * 60, 45)];

pub(super) fn check(mut p: Parts, findings: &mut Vec<Finding>) -> Option<Form> {
    let municipality = resolve_municipality(&mut p, findings);
    public_health_center_address(&p, findings);
    facility_checks(&p, findings);
    employment_period(&p, findings);
    trial_period(&p, findings);
    detail_iff_other(
        findings,
        p.duty_kinds.value().map(|k| k.contains(&DutyKind::Other)),
        &p.other_detail,
        "duties.other_detail",
    );
    detail_iff_other(
        findings,
        p.passive_smoking
            .value()
            .map(|s| *s == PassiveSmoking::Other),
        &p.passive_smoking_detail,
        "passive_smoking_detail",
    );
    working_hours(&p, findings);
    health_promotion_act(&p, findings);
    leaks(&p, findings);

    // Assembly: every required part is present when no error was found on it.
    let (start, end) = (p.start_time.value()?.time, p.end_time.value()?.time);
    let (municipality_name, municipality_code) = municipality?;
    Some(Form {
        masking_requested: p.masking_requested,
        facility: Facility {
            id: p.facility_id.into_value()?,
            name: p.facility_name.into_value()?,
            kind: p.facility_type.into_value()?,
            prefecture: p.facility_prefecture.into_value()?,
        },
        occupation: p.occupation.into_value()?,
        openings: p.openings.into_value()?,
        workplace: Workplace {
            postal_code: std::mem::take(&mut p.postal_code).into_value(),
            prefecture: p.workplace_prefecture.into_value()?,
            municipality: municipality_name,
            street_address: p.street_address.into_value(),
            facility_name: p.workplace_facility_name.into_value(),
            municipality_code,
        },
        employment_period: EmploymentPeriod {
            start: p.start_date.into_value()?,
            end: p.end_date.into_value(),
        },
        trial_period_weeks: p.trial_period_weeks.into_value(),
        duties: Duties {
            kinds: p.duty_kinds.into_value()?,
            other_detail: p.other_detail.into_value(),
            specifics: p.specifics.into_value(),
        },
        salary: Salary {
            basis: p.salary_basis.into_value()?,
            amount_yen: p.amount_yen.into_value()?,
            trial_amount_yen: p.trial_amount_yen.into_value(),
        },
        working_hours: WorkingHours {
            start,
            end,
            break_minutes: p.break_minutes.into_value(),
            holidays: p.holidays.into_value(),
            overtime: p.overtime,
        },
        insurance: Insurance {
            employment: p.insurance_employment,
            workers_accident: p.insurance_workers_accident,
            health: p.insurance_health,
            pension: p.insurance_pension,
            other: p.insurance_other.into_value(),
        },
        passive_smoking: p.passive_smoking.into_value(),
        passive_smoking_detail: p.passive_smoking_detail.into_value(),
        notes: p.notes.into_value(),
        contact: Contact {
            name: p.contact_name.into_value()?,
            address: p.contact_address.into_value(),
            phone: p.phone.into_value()?,
            extension: p.extension.into_value(),
            application_phone: p.application_phone.into_value(),
            fax: p.fax.into_value(),
            email: p.email.into_value()?,
        },
        existing_listings: ExistingListings {
            hello_work: p.listed_hello_work,
            women_doctors_bank: p.listed_women_doctors_bank,
            nurse_center: p.listed_nurse_center,
            other: p.listed_other.into_value(),
        },
    })
}

/// `workplace.municipality` must be a municipality of `workplace.prefecture` in the official list
/// of the form's own date (a posting's registration date, else the employment start); the
/// official name and code are kept. A municipality followed by the street, with the street box
/// empty, is split there (docs/domain.md §12).
fn resolve_municipality(p: &mut Parts, findings: &mut Vec<Finding>) -> Option<(String, String)> {
    const PATH: &str = "workplace.municipality";
    let prefecture = *p.workplace_prefecture.value()?;
    let name = p.municipality.value()?.clone();
    let day = p.as_of.or_else(|| p.start_date.value().copied());
    let found = places::find_municipality(prefecture, &name, day);
    if let Err(MunicipalityError::ContainsMore { .. }) = found
        && p.street_address.is_absent()
        && let Some((m, street)) = places::split_municipality(prefecture, &name, day)
    {
        const STREET: &str = "workplace.street_address";
        let len = street.chars().count();
        match super::fields::max_chars(STREET) {
            Some(max) if len > max => findings.push(Finding::error(
                STREET,
                Code::TooLong,
                format!(
                    "{} is {len} characters long; at most {max} are allowed",
                    label_en(STREET)
                ),
                format!(
                    "{}は{max}文字以内で入力してください（現在{len}文字）",
                    label_ja(STREET)
                ),
            )),
            _ => p.street_address = Slot::Value(street.to_owned()),
        }
        return Some((m.name.clone(), m.code.clone()));
    }
    // An address typed in the box: the error is about its municipality part, which is all a
    // message quotes — the street may be masked (`新宿区西新宿2-8-1` in 大阪府 → 「新宿区」).
    let (found, name) = match (&found, places::municipality_part(&name)) {
        (Err(MunicipalityError::Unknown), Some(part)) if part.len() < name.len() => (
            // The part alone a municipality: what follows it is the unknown ward.
            places::find_municipality(prefecture, part, day).and(Err(MunicipalityError::Unknown)),
            if places::find_municipality(prefecture, part, day).is_ok() {
                with_ward(part, name.get(part.len()..).unwrap_or(""))
            } else {
                part.to_owned()
            },
        ),
        (Err(MunicipalityError::Unknown), None) => (found, shown_before_digits(&name)),
        _ => (found, name.clone()),
    };
    let quoted = crate::finding::shown(&name);
    let name = &*quoted;
    let prefecture = &prefecture;
    match found {
        Ok(m) => Some((m.name.clone(), m.code.clone())),
        Err(e) => {
            let code = if matches!(e, MunicipalityError::ContainsMore { .. }) {
                Code::Format
            } else {
                Code::UnknownValue
            };
            let (en, ja) = match e {
                MunicipalityError::Unknown => (
                    format!("{name:?} is not a municipality of {}", prefecture.romaji()),
                    format!("「{name}」は{}の市区町村ではありません", prefecture.name()),
                ),
                MunicipalityError::InOtherPrefecture(others) => {
                    let en: Vec<&str> = others.iter().map(|o| o.romaji()).collect();
                    let ja: Vec<&str> = others.iter().map(|o| o.name()).collect();
                    (
                        format!(
                            "{name:?} is in {}, not in {}",
                            en.join("/"),
                            prefecture.romaji()
                        ),
                        format!(
                            "「{name}」は{}ではなく{}の市区町村です",
                            prefecture.name(),
                            ja.join("・")
                        ),
                    )
                }
                MunicipalityError::ContainsMore { municipality } => (
                    format!(
                        "municipality holds more than the municipality: put {:?} here and the rest in the street address",
                        municipality.name
                    ),
                    format!(
                        "市区町村の欄には「{}」のみを入力し、以降は町名・番地等の欄に入力してください",
                        municipality.name
                    ),
                ),
                MunicipalityError::NotInForce {
                    municipality,
                    successors,
                } => {
                    let on = day.map(crate::text::iso_date).unwrap_or_default();
                    let (en_when, ja_when) =
                        match (municipality.valid_from, municipality.valid_until) {
                            (_, Some(until)) => (
                                format!("was abolished after {}", crate::text::iso_date(until)),
                                format!(
                                    "{}に廃止されています",
                                    crate::text::to_wareki(until.next_day().unwrap_or(until))
                                ),
                            ),
                            (Some(from), _) => (
                                format!("exists only from {}", crate::text::iso_date(from)),
                                format!(
                                    "{}に設置されたもので、それ以前はありません",
                                    crate::text::to_wareki(from)
                                ),
                            ),
                            _ => (String::new(), String::new()),
                        };
                    let names: Vec<&str> = successors.iter().map(|m| m.name.as_str()).collect();
                    (
                        format!(
                            "{:?} {en_when}: on the form's date {on} the municipalities of that city are {}",
                            municipality.name,
                            names.join(", ")
                        ),
                        format!(
                            "「{}」は{ja_when}（この登録票の日付 {on} 時点の市区町村：{}）",
                            municipality.name,
                            names.join("・")
                        ),
                    )
                }
                MunicipalityError::Ambiguous => (
                    format!(
                        "{name:?} is a ward of several cities of {}: add the city (e.g. 大阪市北区)",
                        prefecture.romaji()
                    ),
                    format!(
                        "「{name}」は{}の複数の市にあります。市名から入力してください",
                        prefecture.name()
                    ),
                ),
            };
            findings.push(Finding::error(PATH, code, en, ja));
            None
        }
    }
}

/// A city and the ward typed after it (`横浜市` + `港区菊名1-1` → `横浜市港区…`), without the
/// street that may follow.
fn with_ward(city: &str, rest: &str) -> String {
    let ward_end = rest
        .char_indices()
        .take(6)
        .take_while(|(_, c)| !c.is_ascii_digit())
        .find(|(_, c)| *c == '区')
        .map(|(i, c)| i + c.len_utf8());
    match ward_end {
        Some(end) if end < rest.len() => format!("{city}{}…", rest.get(..end).unwrap_or("")),
        Some(_) => format!("{city}{rest}"),
        None => format!("{city}…"),
    }
}

/// A municipality box that holds more than a municipality, quoted up to its first digit: the
/// town may be named (`横浜市港区…`), the house number never.
fn shown_before_digits(text: &str) -> String {
    let cut = text
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(text.len());
    let head = text.get(..cut).unwrap_or(text).trim_end();
    if cut < text.len() {
        format!("{head}…")
    } else {
        head.to_owned()
    }
}

/// Seed 002: a public health centre must give the workplace's postal code, street address and
/// facility name too; hospitals and clinics may leave them out.
fn public_health_center_address(p: &Parts, findings: &mut Vec<Finding>) {
    if p.facility_type.value() != Some(&FacilityType::PublicHealthCenter) {
        return;
    }
    let missing = [
        ("workplace.postal_code", p.postal_code.is_absent()),
        ("workplace.street_address", p.street_address.is_absent()),
        (
            "workplace.facility_name",
            p.workplace_facility_name.is_absent(),
        ),
    ];
    for (path, absent) in missing {
        if absent {
            let mut f = required(path);
            f.message = format!("{} is required for a public health centre", label_en(path));
            f.message_ja = format!("保健所の場合、{}は必須です", label_ja(path));
            findings.push(f);
        }
    }
}

fn facility_checks(p: &Parts, findings: &mut Vec<Finding>) {
    if let Some(id) = p.facility_id.value() {
        // G-MIS IDs are opaque, but ten digits is the insurance 医療機関コード, kept elsewhere.
        if id.len() == 10 && id.bytes().all(|b| b.is_ascii_digit()) {
            findings.push(Finding::warning(
                "facility.id",
                Code::Format,
                "facility ID looks like the 10-digit insurance medical institution code; enter the G-MIS ID",
                "医療機関IDが10桁の医療機関コードのようです。G-MISのIDを入力してください",
            ));
        }
    }
    if let (Some(facility), Some(workplace)) = (
        p.facility_prefecture.value(),
        p.workplace_prefecture.value(),
    ) && facility != workplace
    {
        findings.push(Finding::warning(
                "workplace.prefecture",
                Code::Inconsistent,
                format!(
                    "the workplace is in {} but the facility in {}: the posting is distributed as {}'s",
                    workplace.romaji(),
                    facility.romaji(),
                    workplace.romaji()
                ),
                format!(
                    "勤務地（{}）と医療機関（{}）の都道府県が異なります。募集情報は勤務地の{}として提供されます",
                    workplace.name(),
                    facility.name(),
                    workplace.name()
                ),
            ));
    }
}

fn employment_period(p: &Parts, findings: &mut Vec<Finding>) {
    // An empty end is an open-ended period (期間の定めなし), as the paper form allows. No
    // warning: the canonical form writes both as null and must re-validate to the same findings.
    if let (Some(start), Some(end)) = (p.start_date.value(), p.end_date.value())
        && start > end
    {
        findings.push(Finding::error(
            "employment_period",
            Code::Inconsistent,
            "employment period ends before it starts",
            "雇用期間の終了日が開始日より前です",
        ));
    }
}

fn trial_period(p: &Parts, findings: &mut Vec<Finding>) {
    if let (Some(weeks), Some(start), Some(end)) = (
        p.trial_period_weeks.value(),
        p.start_date.value(),
        p.end_date.value(),
    ) {
        let days = (*end - *start).whole_days() + 1;
        if days > 0 && i64::from(*weeks) * 7 > days {
            findings.push(Finding::error(
                "trial_period_weeks",
                Code::Inconsistent,
                format!("a trial period of {weeks} weeks is longer than the employment period ({days} days)"),
                format!("試用期間（{weeks}週）が雇用期間（{days}日）より長くなっています"),
            ));
        }
    }
    if p.trial_amount_yen.value().is_some() && p.trial_period_weeks.is_absent() {
        findings.push(Finding::error(
            "salary.trial_amount_yen",
            Code::Inconsistent,
            "a trial-period salary is given but there is no trial period",
            "試用期間がないのに試用期間中の給与が入力されています",
        ));
    }
}

/// `…_detail` is required exactly when `other` is chosen.
fn detail_iff_other(
    findings: &mut Vec<Finding>,
    other_chosen: Option<bool>,
    detail: &Slot<String>,
    path: &str,
) {
    match (other_chosen, detail) {
        (Some(true), Slot::Absent) => {
            let mut f = required(path);
            f.message = format!("{} is required when \"other\" is chosen", label_en(path));
            f.message_ja = format!(
                "「その他」を選んだ場合は{}を入力してください",
                label_ja(path)
            );
            findings.push(f);
        }
        (Some(false), Slot::Value(_)) => findings.push(Finding::error(
            path,
            Code::Inconsistent,
            format!("{} is given but \"other\" is not chosen", label_en(path)),
            format!(
                "「その他」を選んでいないのに{}が入力されています",
                label_ja(path)
            ),
        )),
        _ => {}
    }
}

fn working_hours(p: &Parts, findings: &mut Vec<Finding>) {
    let (Some(start), Some(end)) = (p.start_time.value(), p.end_time.value()) else {
        return;
    };
    let (s, e) = (start.time.minutes(), end.time.minutes());
    if end.next_day && e > s {
        findings.push(Finding::error(
            "working_hours.end",
            Code::Inconsistent,
            "a shift ending the next day after its start time would be longer than 24 hours",
            "翌日の終了時刻が開始時刻より後のため、勤務が24時間を超えています",
        ));
        return;
    }
    if e == s || (e == 0 && s == 0) {
        // Equal times read as a 24-hour duty (当直 9:00～翌9:00): allowed, but ask (a choice).
        findings.push(Finding::warning(
            "working_hours",
            Code::Inconsistent,
            "start and end are the same time: read as a 24-hour duty; please confirm",
            "開始時刻と終了時刻が同じため24時間勤務（当直）とみなします。ご確認ください",
        ));
    }
    let shift = shift_minutes(start.time, end.time);
    let brk = match &p.break_minutes {
        Slot::Value(brk) => *brk,
        Slot::Invalid => return,
        Slot::Absent => {
            // Not stated: allowed on paper, but a shift over 6 hours needs a break.
            if let Some((over, needed)) = BREAK_RULES.iter().find(|(over, _)| shift > *over) {
                findings.push(Finding::warning(
                    "working_hours.break_minutes",
                    Code::LaborLaw,
                    format!(
                        "Labour Standards Act Art. 34: the break is not stated; a shift of {shift} min (over {} h of work) needs a break of at least {needed} min",
                        over / 60
                    ),
                    format!(
                        "労働基準法第34条：休憩時間が記入されていません。勤務が{shift}分（労働{}時間超）の場合、休憩は{needed}分以上必要です",
                        over / 60
                    ),
                ));
            }
            return;
        }
    };
    if brk >= shift {
        findings.push(Finding::error(
            "working_hours.break_minutes",
            Code::Inconsistent,
            format!("the break ({brk} min) must be shorter than the shift ({shift} min)"),
            format!("休憩時間（{brk}分）が勤務時間（{shift}分）以上です"),
        ));
        return;
    }
    let work = shift - brk;
    if let Some((over, needed)) = BREAK_RULES.iter().find(|(over, _)| work > *over)
        && brk < *needed
    {
        findings.push(Finding::warning(
                "working_hours.break_minutes",
                Code::LaborLaw,
                format!(
                    "Labour Standards Act Art. 34: {work} min of work (over {} h) needs a break of at least {needed} min",
                    over / 60
                ),
                format!("労働基準法第34条：労働時間が{}時間を超える場合（{work}分）、休憩は{needed}分以上必要です", over / 60),
            ));
    }
}

/// Health Promotion Act (Act No. 78 of 2018): hospitals, clinics and administrative bodies are
/// type-1 facilities, smoke-free on the premises in principle — unless the only duty is at a
/// mild-case accommodation hotel (a type-2 facility).
fn health_promotion_act(p: &Parts, findings: &mut Vec<Finding>) {
    // Unticked (absent) is not 敷地内禁煙: the warning applies to it too.
    match &p.passive_smoking {
        Slot::Invalid | Slot::Value(PassiveSmoking::PremisesNoSmoking) => return,
        Slot::Absent | Slot::Value(_) => {}
    }
    if p.duty_kinds
        .value()
        .is_some_and(|k| k.as_slice() == [DutyKind::MildCaseAccommodation])
    {
        return;
    }
    findings.push(Finding::warning(
        "passive_smoking",
        Code::HealthLaw,
        "Health Promotion Act: hospitals, clinics and public health centres are type-1 facilities, smoke-free on the premises in principle",
        "健康増進法：病院・診療所・行政機関は第一種施設であり、原則敷地内禁煙です",
    ));
}

/// §6 leaks: masked values (when masking is requested) and the facility ID (always) must not
/// appear in public free text; the facility ID, which only the internal view shows, not in the
/// hidden text fields either (`gm13-004217@example.jp` as the e-mail). Which fields are which:
/// the catalogue ([`super::fields`]).
fn leaks(p: &Parts, findings: &mut Vec<Finding>) {
    let secrets = leak::secrets(p.masking_requested, |path| p.text_at(path));
    let texts = texts_of(&PUBLIC_TEXT_FIELDS, |path| p.text_at(path));
    if !texts.is_empty() {
        findings.extend(leak::scan_leaks(&secrets, &texts));
    }
    let id_only = leak::secrets(false, |path| p.text_at(path));
    let hidden = texts_of(&HIDDEN_TEXT_FIELDS, |path| p.text_at(path));
    if !id_only.is_empty() && !hidden.is_empty() {
        findings.extend(leak::scan_leaks(&id_only, &hidden));
    }
}

fn texts_of<'a>(
    paths: &[&'static str],
    value_of: impl Fn(&'static str) -> Option<&'a str>,
) -> Vec<(&'static str, &'a str)> {
    paths
        .iter()
        .filter_map(|&path| value_of(path).map(|v| (path, v)))
        .collect()
}

/// Scans text that is published beside a registered form — a posting's id on the public site —
/// for the form's hidden values: the facility ID always, the masked values when masking is
/// requested (docs/domain.md §6).
pub fn scan_published_text(form: &Form, path: &'static str, text: &str) -> Vec<Finding> {
    let secrets = leak::secrets(form.masking_requested, |p| form.text_at(p));
    leak::scan_leaks(&secrets, &[(path, text)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn break_rules_are_ordered_longest_first() {
        assert!(BREAK_RULES.windows(2).all(|w| w[0].0 > w[1].0));
    }
}
