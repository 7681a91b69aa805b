//! The catalogue of form fields: path, labels in both languages, length limit. Data, in one place,
//! so messages, limits and docs agree.

/// One field of the registration form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldInfo {
    /// Dotted path in the canonical JSON.
    pub path: &'static str,
    pub label_ja: &'static str,
    pub label_en: &'static str,
    /// Maximum length in characters (Unicode scalar values, after normalisation), for text.
    pub max_chars: Option<usize>,
}

const fn field(
    path: &'static str,
    label_ja: &'static str,
    label_en: &'static str,
    max_chars: Option<usize>,
) -> FieldInfo {
    FieldInfo {
        path,
        label_ja,
        label_en,
        max_chars,
    }
}

/// Every field of docs/domain.md §2 with its label and length limit (the limits are this library's
/// choice; docs/domain.md §2 leaves them open).
pub const FIELDS: &[FieldInfo] = &[
    field(
        "masking_requested",
        "マスキング希望の有無",
        "masking requested",
        None,
    ),
    field("facility", "医療機関", "facility", None),
    field("facility.id", "医療機関ID", "facility ID", Some(64)),
    field("facility.name", "医療機関名", "facility name", Some(100)),
    field("facility.type", "施設類型", "facility type", None),
    field(
        "facility.prefecture",
        "医療機関の都道府県",
        "facility prefecture",
        None,
    ),
    field("occupation", "募集職種", "occupation", None),
    field("openings", "募集人数", "number of openings", None),
    field("workplace", "勤務地", "workplace", None),
    field("workplace.postal_code", "郵便番号", "postal code", None),
    field(
        "workplace.prefecture",
        "勤務地の都道府県",
        "workplace prefecture",
        None,
    ),
    field(
        "workplace.municipality",
        "市区町村",
        "municipality",
        Some(250),
    ),
    field(
        "workplace.street_address",
        "町名・番地等",
        "street address",
        Some(200),
    ),
    field(
        "workplace.facility_name",
        "具体的な施設名",
        "workplace facility name",
        Some(100),
    ),
    field("employment_period", "雇用期間", "employment period", None),
    field(
        "employment_period.start",
        "雇用期間（開始）",
        "employment start",
        None,
    ),
    field(
        "employment_period.end",
        "雇用期間（終了）",
        "employment end",
        None,
    ),
    field("trial_period_weeks", "試用期間", "trial period", None),
    field("duties", "業務内容", "duties", None),
    field("duties.kinds", "業務内容", "kinds of duty", None),
    field(
        "duties.other_detail",
        "業務内容（その他の詳細）",
        "other duty detail",
        Some(200),
    ),
    field(
        "duties.specifics",
        "具体的な内容（診療科等）",
        "specific duties",
        Some(500),
    ),
    field("salary", "給与", "salary", None),
    field("salary.basis", "給与形態", "salary basis", None),
    field("salary.amount_yen", "総支給額", "salary amount", None),
    field(
        "salary.trial_amount_yen",
        "試用期間中の給与",
        "trial-period salary",
        None,
    ),
    field("working_hours", "勤務時間", "working hours", None),
    field("working_hours.start", "勤務開始時刻", "start time", None),
    field("working_hours.end", "勤務終了時刻", "end time", None),
    field("working_hours.break_minutes", "休憩時間", "break", None),
    field("working_hours.holidays", "休日", "holidays", Some(200)),
    field("working_hours.overtime", "時間外労働", "overtime", None),
    field("insurance", "加入保険", "insurance", None),
    field(
        "insurance.employment",
        "雇用保険",
        "employment insurance",
        None,
    ),
    field(
        "insurance.workers_accident",
        "労災保険",
        "workers' accident insurance",
        None,
    ),
    field("insurance.health", "健康保険", "health insurance", None),
    field("insurance.pension", "厚生年金", "employees' pension", None),
    field("insurance.other", "他の保険", "other insurance", Some(100)),
    field(
        "passive_smoking",
        "受動喫煙防止の取組",
        "passive smoking measures",
        None,
    ),
    field(
        "passive_smoking_detail",
        "受動喫煙防止の取組（その他の詳細）",
        "passive smoking detail",
        Some(200),
    ),
    field("notes", "補足内容・その他特記事項", "notes", Some(4000)),
    field("contact", "担当者", "contact", None),
    field("contact.name", "担当者氏名", "contact name", Some(100)),
    field(
        "contact.address",
        "担当者の所在地",
        "contact address",
        Some(200),
    ),
    field("contact.phone", "電話番号", "phone number", None),
    field("contact.extension", "内線番号", "extension", Some(10)),
    field(
        "contact.application_phone",
        "応募担当電話番号",
        "application phone number",
        None,
    ),
    field("contact.fax", "Fax番号", "fax number", None),
    field("contact.email", "E-mail", "e-mail address", Some(254)),
    field(
        "existing_listings",
        "求人登録の有無",
        "existing listings",
        None,
    ),
    field(
        "existing_listings.hello_work",
        "ハローワークへの求人登録",
        "listed at Hello Work",
        None,
    ),
    field(
        "existing_listings.women_doctors_bank",
        "女性医師バンクへの求人登録",
        "listed at the Women Doctors Bank",
        None,
    ),
    field(
        "existing_listings.nurse_center",
        "ナースセンターへの求人登録",
        "listed at a nurse centre",
        None,
    ),
    field(
        "existing_listings.other",
        "他の機関への求人登録",
        "listed elsewhere",
        Some(100),
    ),
];

/// The catalogue entry of a path.
pub fn field_info(path: &str) -> Option<&'static FieldInfo> {
    FIELDS.iter().find(|f| f.path == path)
}

/// Japanese label of a path (the path itself when unknown).
pub fn label_ja(path: &str) -> &str {
    field_info(path).map_or(path, |f| f.label_ja)
}

/// English label of a path (the path itself when unknown).
pub fn label_en(path: &str) -> &str {
    field_info(path).map_or(path, |f| f.label_en)
}

/// The length limit of a text field.
pub fn max_chars(path: &str) -> Option<usize> {
    field_info(path).and_then(|f| f.max_chars)
}

/// The keys an object of the form may have, by the object's path (`""` = the form itself).
pub fn known_keys(object_path: &str) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter_map(|f| match object_path {
            "" => (!f.path.contains('.')).then_some(f.path),
            parent => f
                .path
                .strip_prefix(parent)
                .and_then(|rest| rest.strip_prefix('.')),
        })
        .collect()
}

/// Orders findings by the position of their path in the form (unknown paths last, by name),
/// keeping the order of findings on the same path.
pub fn sort_findings(findings: &mut [crate::Finding]) {
    findings.sort_by_cached_key(|f| {
        let position = FIELDS
            .iter()
            .position(|info| info.path == f.path)
            .unwrap_or(FIELDS.len());
        (
            position,
            if position == FIELDS.len() {
                f.path.clone()
            } else {
                String::new()
            },
        )
    });
}
