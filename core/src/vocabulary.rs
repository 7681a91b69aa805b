//! The closed lists of names that hosts switch on — finding codes, occupations, error kinds,
//! views … — gathered from their types in one place, as data.
//!
//! The bindings' type declarations are generated from [`vocabularies`] by
//! `core/tests/vocabularies.rs`: the string-literal unions of the Node header
//! (`bindings-node/dts-header.d.ts`) and the `Literal` types of the Python stub
//! (`bindings-python/python/keynet/__init__.pyi`). That test fails when a committed file is stale,
//! so a name added, renamed or dropped here reaches TypeScript and Python users or stops the
//! build. Each list is read from the type that owns it (`Code::ALL`, `OCCUPATIONS`,
//! `InputError::KINDS` …); the tests below check those lists name every variant.

use serde::Serialize;
use serde_json::Value;

use crate::accounts::{PERMISSIONS, PasswordPolicy};
use crate::csv::{ColumnKind, Encoding, Labels, WriteError};
use crate::distribution::{Region, RuleSet};
use crate::error::InputError;
use crate::finding::{Code, Severity};
use crate::form::fields::FIELDS;
use crate::form::{DutyKind, FacilityType, PassiveSmoking, SalaryBasis};
use crate::kintone::ReadAs;
use crate::lifecycle::{AccountStatus, LifecycleError};
use crate::occupation::OCCUPATIONS;
use crate::places::Prefecture;
use crate::posting::{ClosedReason, ContactKind, HireRoute, Status};
use crate::training::{Access, Delivery, Module};
use crate::views::View;

/// The kinds of [`crate::api::ApiError`] ([`ApiError::kind`](crate::api::ApiError::kind)), in
/// the order of its variants; a test below checks every variant's kind is listed.
pub const API_ERROR_KINDS: [&str; 6] = [
    "invalid_input",
    "invalid",
    "lifecycle",
    "rules",
    "disclosure",
    "csv_write",
];

/// One closed list of names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    /// The type's name in the host declarations (`FindingCode`); a host may rename it where the
    /// name is taken (the Python stub's `Occupation` is the occupation table's row).
    pub name: &'static str,
    /// What the names name, for the declaration's doc comment (English; `code` in backticks).
    pub doc: &'static str,
    /// Every name, in the order of the core's list.
    pub values: Vec<String>,
}

fn vocabulary<S: Into<String>>(
    name: &'static str,
    doc: &'static str,
    values: impl IntoIterator<Item = S>,
) -> Vocabulary {
    Vocabulary {
        name,
        doc,
        values: values.into_iter().map(Into::into).collect(),
    }
}

/// The names serde writes for `values`: the names on the wire, for enums that have no table of
/// codes. A value that does not serialise as a string is left out, which the tests below catch.
fn wire_names<T: Serialize>(values: &[T]) -> Vec<String> {
    values
        .iter()
        .filter_map(|v| match serde_json::to_value(v) {
            Ok(Value::String(s)) => Some(s),
            _ => None,
        })
        .collect()
}

/// Every vocabulary, in the order the host declarations list them: the form's, findings, views
/// and distribution, postings and the lifecycle, training, accounts, files, kintone, errors.
pub fn vocabularies() -> Vec<Vocabulary> {
    vec![
        vocabulary(
            "Occupation",
            "The 11 occupations (docs/domain.md §3), in its order.",
            OCCUPATIONS.iter().map(|o| o.code),
        ),
        vocabulary(
            "PrefectureCode",
            "JIS X 0401 prefecture codes, as the canonical form writes them (docs/domain.md §4).",
            Prefecture::all().map(Prefecture::code),
        ),
        vocabulary(
            "FacilityType",
            "施設類型: hospital, clinic or public health centre.",
            FacilityType::ALL.iter().map(|(_, code, _)| *code),
        ),
        vocabulary(
            "DutyKind",
            "業務内容: the kinds of duties a form offers (one or more).",
            DutyKind::ALL.iter().map(|(_, code, _)| *code),
        ),
        vocabulary(
            "SalaryBasis",
            "給与の形態: what the amount is paid for.",
            SalaryBasis::ALL.iter().map(|(_, code, _)| *code),
        ),
        vocabulary(
            "PassiveSmoking",
            "受動喫煙防止の取組: the workplace's measure against passive smoking.",
            PassiveSmoking::ALL.iter().map(|(_, code, _)| *code),
        ),
        vocabulary(
            "FormFieldPath",
            "The dotted path of every field of the form (docs/domain.md §2), in the form's order: \
             where its findings are.",
            FIELDS.iter().map(|f| f.path),
        ),
        vocabulary(
            "FindingCode",
            "The stable, machine-readable kind of a finding (docs/domain.md §2.6).",
            Code::ALL.map(Code::as_str),
        ),
        vocabulary(
            "Severity",
            "`error`: the form cannot be registered; `warning`: registrable, but a person should \
             look.",
            Severity::ALL.map(Severity::as_str),
        ),
        vocabulary(
            "View",
            "The views of a posting (docs/domain.md §6, §11); `counts` shows no posting, only \
             counts per occupation and prefecture.",
            View::ALL.map(View::as_str),
        ),
        vocabulary(
            "FormView",
            "The views that show a posting's form: every view but `counts`.",
            View::FORMS.map(View::as_str),
        ),
        vocabulary(
            "StandardRecipientKind",
            "The recipient kinds of the standard rule set (core/data/scopes.json, docs/domain.md \
             §7); a rule set from JSON may add its own.",
            RuleSet::standard().rules.into_iter().map(|r| r.kind),
        ),
        vocabulary(
            "Region",
            "Where a recipient's postings come from: every prefecture, or only its own.",
            wire_names(&Region::ALL),
        ),
        vocabulary(
            "ContactKind",
            "A job seeker's contact with a posting: an inquiry or an application.",
            wire_names(&ContactKind::ALL),
        ),
        vocabulary(
            "PostingStatus",
            "A posting's status (docs/domain.md §11).",
            wire_names(&Status::ALL),
        ),
        vocabulary(
            "ClosedReason",
            "Why a posting was closed: 充足, 取下げ, 非公開 or 削除 (docs/domain.md §9).",
            ClosedReason::ALL.iter().map(|(_, code, _)| *code),
        ),
        vocabulary(
            "HireRoute",
            "How a hire was matched (docs/domain.md §9.2); only a `key_net` hire needs an \
             application on the posting first.",
            HireRoute::ALL.iter().map(|(_, code)| *code),
        ),
        vocabulary(
            "AccountStatus",
            "A facility's Key-Net account in a month (docs/domain.md §9.4).",
            wire_names(&AccountStatus::ALL),
        ),
        vocabulary(
            "TrainingModule",
            "The modules of a training plan (docs/domain.md §8.2); all but `other` are required.",
            Module::ALL.iter().map(|(_, code)| *code),
        ),
        vocabulary(
            "TrainingDelivery",
            "How a training session is given.",
            Delivery::ALL.iter().map(|(_, code)| *code),
        ),
        vocabulary(
            "MaterialAccess",
            "How a teaching material may be had.",
            wire_names(&Access::ALL),
        ),
        vocabulary(
            "IdKind",
            "The kinds of G-MIS ID (docs/domain.md §10.1).",
            PERMISSIONS.iter().map(|p| p.kind.as_str()),
        ),
        vocabulary(
            "PasswordPolicy",
            "`gmis`: at least 8 half-width characters with an upper-case letter, a lower-case \
             letter and a digit (symbols allowed); `kintone2020`: at least 8 half-width \
             characters with letters and digits both present (docs/domain.md §10.2).",
            wire_names(&PasswordPolicy::ALL),
        ),
        vocabulary(
            "CsvEncoding",
            "A CSV file's encoding: `shift_jis` is Windows-31J (CP932), so 髙, 﨑, ① and ㈱ \
             survive; `utf8` is written with a BOM.",
            wire_names(&Encoding::ALL),
        ),
        vocabulary(
            "CsvLabels",
            "What a written CSV cell holding a code shows: `ja`, its Japanese label (診療所, \
             神奈川県, 准看護師, 時給) — the default for Shift_JIS —, or `codes` (clinic, 14) — the \
             default for UTF-8. Readers take both.",
            wire_names(&Labels::ALL),
        ),
        vocabulary(
            "CsvColumnKind",
            "How a CSV column's text becomes JSON: `bool` reads 有/無, はい/いいえ, ○/×, \
             true/false, 1/0 and writes 有/無; `list` is split on 、 ; ； | or line breaks; \
             `status` is 公開中/終了; `closed_reason` is 充足・取下げ・非公開・削除.",
            wire_names(&ColumnKind::ALL),
        ),
        vocabulary(
            "KintoneReadAs",
            "How the value of a mapped kintone field is read into the form (docs/kintone.md).",
            wire_names(&ReadAs::ALL),
        ),
        vocabulary(
            "InputErrorKind",
            "Why input could not be read as a document at all.",
            InputError::KINDS,
        ),
        vocabulary(
            "LifecycleErrorKind",
            "Which lifecycle rule refused an event (docs/domain.md §9).",
            LifecycleError::KINDS,
        ),
        vocabulary(
            "CsvWriteErrorKind",
            "Why a CSV file could not be written: `unencodable` (a character without a \
             Shift_JIS form), `not_tabular` (a posting with inquiries or hires) or `io`.",
            WriteError::KINDS,
        ),
        vocabulary(
            "ApiErrorKind",
            "Why the JSON façade refused an operation.",
            API_ERROR_KINDS,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
    use crate::distribution::RuleSetError;
    use crate::posting::DisclosureError;

    /// `$list` is exactly the variants named, in order. The `match` has no wildcard, so a new
    /// variant stops the build here until it is named — and then the assertion wants it listed.
    macro_rules! lists_every_variant {
        ($list:expr, $ty:ident { $($variant:ident),+ $(,)? }) => {{
            let _every_variant_named = |v: $ty| match v {
                $($ty::$variant { .. } => ()),+
            };
            assert_eq!($list.to_vec(), vec![$($ty::$variant),+], stringify!($ty));
        }};
    }

    #[test]
    fn the_new_lists_name_every_variant() {
        lists_every_variant!(Severity::ALL, Severity { Error, Warning });
        lists_every_variant!(
            View::ALL,
            View {
                Internal,
                Registered,
                Public,
                Counts
            }
        );
        lists_every_variant!(Status::ALL, Status { Open, Closed });
        lists_every_variant!(
            ContactKind::ALL,
            ContactKind {
                Inquiry,
                Application
            }
        );
        lists_every_variant!(
            AccountStatus::ALL,
            AccountStatus {
                NoAccount,
                Active,
                Suspended
            }
        );
        lists_every_variant!(
            Access::ALL,
            Access {
                Free,
                MembersOnly,
                Paid
            }
        );
        lists_every_variant!(PasswordPolicy::ALL, PasswordPolicy { Gmis, Kintone2020 });
        lists_every_variant!(
            Region::ALL,
            Region {
                Nationwide,
                OwnPrefecture
            }
        );
        lists_every_variant!(Encoding::ALL, Encoding { ShiftJis, Utf8 });
        lists_every_variant!(Labels::ALL, Labels { Japanese, Codes });
        lists_every_variant!(
            ColumnKind::ALL,
            ColumnKind {
                Text,
                Bool,
                List,
                Status,
                ClosedReason
            }
        );
        lists_every_variant!(
            ReadAs::ALL,
            ReadAs {
                Text,
                Number,
                Date,
                Time,
                Choice,
                Choices,
                Flag,
                Flags
            }
        );
    }

    #[test]
    fn form_views_are_the_views_that_show_a_form() {
        let json = crate::sample::generate_postings(1, 1).remove(0);
        let posting = crate::Posting::from_json_value(&json).unwrap();
        for view in View::ALL {
            let shown = crate::FormView::of(posting.form(), view).is_some();
            assert_eq!(shown, View::FORMS.contains(&view), "{view:?}");
        }
    }

    #[test]
    fn error_kinds_are_listed_in_the_order_of_the_variants() {
        let input = [
            InputError::TooLarge { len: 2, max: 1 },
            InputError::InvalidUtf8 { offset: 0 },
            InputError::Syntax {
                line: 1,
                column: 1,
                message: String::new(),
            },
            InputError::TooDeep { max: 1 },
            InputError::TooManyItems { max: 1 },
            InputError::NotJson {
                reason: String::new(),
            },
            InputError::NotAnObject { found: "an array" },
            InputError::WrongEncoding {
                named: "shift_jis",
                found: "utf8",
            },
        ];
        let _every_variant_named = |e: &InputError| match e {
            InputError::TooLarge { .. }
            | InputError::InvalidUtf8 { .. }
            | InputError::Syntax { .. }
            | InputError::TooDeep { .. }
            | InputError::TooManyItems { .. }
            | InputError::NotJson { .. }
            | InputError::NotAnObject { .. }
            | InputError::WrongEncoding { .. } => (),
        };
        assert_eq!(input.each_ref().map(InputError::kind), InputError::KINDS);

        let seeker_id = String::new();
        let lifecycle = [
            LifecycleError::Closed,
            LifecycleError::BeforeItsTime {
                earliest: String::new(),
            },
            LifecycleError::NotAnApplicant {
                seeker_id: seeker_id.clone(),
            },
            LifecycleError::AlreadyApplied {
                seeker_id: seeker_id.clone(),
            },
            LifecycleError::AlreadyHired {
                seeker_id: seeker_id.clone(),
            },
            LifecycleError::NotHired {
                seeker_id: seeker_id.clone(),
            },
            LifecycleError::TrainingIncomplete {
                missing: String::new(),
            },
            LifecycleError::TrainingAlreadyCompleted {
                seeker_id: seeker_id.clone(),
            },
            LifecycleError::TrainingNotCompleted {
                seeker_id: seeker_id.clone(),
            },
            LifecycleError::AlreadyReported { seeker_id },
        ];
        let _every_variant_named = |e: &LifecycleError| match e {
            LifecycleError::Closed
            | LifecycleError::BeforeItsTime { .. }
            | LifecycleError::NotAnApplicant { .. }
            | LifecycleError::AlreadyApplied { .. }
            | LifecycleError::AlreadyHired { .. }
            | LifecycleError::NotHired { .. }
            | LifecycleError::TrainingIncomplete { .. }
            | LifecycleError::TrainingAlreadyCompleted { .. }
            | LifecycleError::TrainingNotCompleted { .. }
            | LifecycleError::AlreadyReported { .. } => (),
        };
        assert_eq!(
            lifecycle.each_ref().map(LifecycleError::kind),
            LifecycleError::KINDS
        );

        let write = [
            WriteError::Unencodable {
                row: 1,
                column: String::new(),
                character: '𠮷',
                codepoint: 0x20BB7,
            },
            WriteError::NotTabular {
                row: 1,
                posting_id: String::new(),
            },
            WriteError::CountsView,
            WriteError::Io(String::new()),
        ];
        let _every_variant_named = |e: &WriteError| match e {
            WriteError::Unencodable { .. }
            | WriteError::NotTabular { .. }
            | WriteError::CountsView
            | WriteError::Io(_) => {}
        };
        assert_eq!(write.each_ref().map(WriteError::kind), WriteError::KINDS);
        // The façade's detail of a CSV write error is this kind.
        for e in write {
            let kind = e.kind();
            assert_eq!(ApiError::CsvWrite(e).detail(), Some(kind));
        }

        let api = [
            ApiError::Input(InputError::TooDeep { max: 1 }),
            ApiError::Invalid {
                findings: Vec::new(),
            },
            ApiError::Lifecycle(LifecycleError::Closed),
            ApiError::Rules(RuleSetError::Json(String::new())),
            ApiError::Disclosure(DisclosureError::NoInquiry),
            ApiError::CsvWrite(WriteError::Io(String::new())),
        ];
        // `AtEvent` has the kind of the error it wraps, so it adds none; `Output` is a bug, of
        // kind `internal` like a caught panic, which each host's error type adds itself.
        let _every_variant_named = |e: &ApiError| match e {
            ApiError::Input(_)
            | ApiError::Invalid { .. }
            | ApiError::Lifecycle(_)
            | ApiError::AtEvent { .. }
            | ApiError::Rules(_)
            | ApiError::Disclosure(_)
            | ApiError::CsvWrite(_)
            | ApiError::Output(_) => (),
        };
        assert_eq!(ApiError::Output(String::new()).kind(), "internal");
        assert_eq!(api.each_ref().map(ApiError::kind), API_ERROR_KINDS);
    }

    #[test]
    fn every_vocabulary_is_a_list_of_distinct_names() {
        let all = vocabularies();
        let mut names: Vec<&str> = all.iter().map(|v| v.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "two vocabularies of one name");
        for v in &all {
            assert!(!v.values.is_empty(), "{}", v.name);
            assert!(!v.doc.is_empty(), "{}", v.name);
            let mut values = v.values.clone();
            values.sort_unstable();
            values.dedup();
            assert_eq!(values.len(), v.values.len(), "{}: a name twice", v.name);
            for value in &v.values {
                // Names go between quotes in TypeScript and Python unescaped.
                assert!(
                    !value.is_empty() && !value.contains(['\'', '"', '\\', '\n']),
                    "{}: {value:?}",
                    v.name
                );
            }
        }
        // The lists read through serde lost nothing.
        let count = |name: &str| all.iter().find(|v| v.name == name).map(|v| v.values.len());
        assert_eq!(count("Region"), Some(Region::ALL.len()));
        assert_eq!(count("ContactKind"), Some(ContactKind::ALL.len()));
        assert_eq!(count("PostingStatus"), Some(Status::ALL.len()));
        assert_eq!(count("AccountStatus"), Some(AccountStatus::ALL.len()));
        assert_eq!(count("MaterialAccess"), Some(Access::ALL.len()));
        assert_eq!(count("PasswordPolicy"), Some(PasswordPolicy::ALL.len()));
        assert_eq!(count("CsvEncoding"), Some(Encoding::ALL.len()));
        assert_eq!(count("CsvColumnKind"), Some(ColumnKind::ALL.len()));
        assert_eq!(count("KintoneReadAs"), Some(ReadAs::ALL.len()));
        assert_eq!(count("Occupation"), Some(11));
        assert_eq!(count("PrefectureCode"), Some(47));
    }

    #[test]
    fn the_tables_codes_are_the_wire_names() {
        // Readers accept the tables' codes and serde writes the variants: one vocabulary.
        assert_eq!(
            wire_names(&FacilityType::ALL.map(|(t, _, _)| t)),
            FacilityType::ALL.map(|(_, c, _)| c)
        );
        assert_eq!(
            wire_names(&DutyKind::ALL.map(|(t, _, _)| t)),
            DutyKind::ALL.map(|(_, c, _)| c)
        );
        assert_eq!(
            wire_names(&SalaryBasis::ALL.map(|(t, _, _)| t)),
            SalaryBasis::ALL.map(|(_, c, _)| c)
        );
        assert_eq!(
            wire_names(&PassiveSmoking::ALL.map(|(t, _, _)| t)),
            PassiveSmoking::ALL.map(|(_, c, _)| c)
        );
        assert_eq!(
            wire_names(&ClosedReason::ALL.map(|(t, _, _)| t)),
            ClosedReason::ALL.map(|(_, c, _)| c)
        );
        assert_eq!(
            wire_names(&HireRoute::ALL.map(|(t, _)| t)),
            HireRoute::ALL.map(|(_, c)| c)
        );
        assert_eq!(
            wire_names(&Module::ALL.map(|(t, _)| t)),
            Module::ALL.map(|(_, c)| c)
        );
        assert_eq!(
            wire_names(&Delivery::ALL.map(|(t, _)| t)),
            Delivery::ALL.map(|(_, c)| c)
        );
        assert_eq!(wire_names(&Code::ALL), Code::ALL.map(Code::as_str));
        assert_eq!(
            wire_names(&Severity::ALL),
            Severity::ALL.map(Severity::as_str)
        );
        assert_eq!(wire_names(&View::ALL), View::ALL.map(View::as_str));
        let kinds: Vec<_> = PERMISSIONS.iter().map(|p| p.kind).collect();
        assert_eq!(
            wire_names(&kinds),
            kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_facade_reads_every_encoding_name_as_its_encoding() {
        let canonical = wire_names(&Encoding::ALL).into_iter().zip(Encoding::ALL);
        let aliases = Encoding::ALIASES.map(|(alias, e)| (alias.to_owned(), e));
        for (name, encoding) in canonical.chain(aliases) {
            let (bytes, _) =
                crate::api::write_count_table_csv(&serde_json::json!([]), Some(&name)).unwrap();
            // Only UTF-8 is written with a BOM.
            let bom = bytes.starts_with("\u{feff}".as_bytes());
            assert_eq!(bom, encoding == Encoding::Utf8, "{name}");
            assert_eq!(Encoding::from_name(&name), Some(encoding), "{name}");
        }
        assert_eq!(crate::api::encoding(None).unwrap(), Encoding::DEFAULT);
        assert!(crate::api::encoding(Some("latin1")).is_err());
    }
}
