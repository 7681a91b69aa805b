//! The catalogue of the errors a call can end in — input that is no form, a lifecycle event the
//! posting refuses — as data, the way pydantic-core lists its error types: each with its kind
//! and detail (what hosts switch on), the names of its context values, and its English and
//! Japanese templates. The errors' messages are rendered from these templates (one statement of
//! each message), their context values travel with them (`ApiError::to_json`'s `context`), and
//! hosts can export the whole list for translators and UIs. Findings about a form have their own
//! catalogue ([`crate::catalogue`]).

use serde::Serialize;
use serde_json::{Map, Value};

/// One kind of error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ErrorType {
    /// The façade's error kind (`invalid_input`, `lifecycle`).
    pub kind: &'static str,
    /// The error's own kind within it (`too_large`, `closed`).
    pub detail: &'static str,
    /// The names of the values the templates use, in the order they are given.
    pub context: &'static [&'static str],
    /// The English message, `{name}` standing for a context value.
    pub template: &'static str,
    /// The Japanese message.
    pub template_ja: &'static str,
}

const fn input(
    detail: &'static str,
    context: &'static [&'static str],
    template: &'static str,
    template_ja: &'static str,
) -> ErrorType {
    ErrorType {
        kind: "invalid_input",
        detail,
        context,
        template,
        template_ja,
    }
}

const fn lifecycle(
    detail: &'static str,
    context: &'static [&'static str],
    template: &'static str,
    template_ja: &'static str,
) -> ErrorType {
    ErrorType {
        kind: "lifecycle",
        detail,
        context,
        template,
        template_ja,
    }
}

/// Every error type, in the order of the errors' variants.
pub const ERROR_TYPES: &[ErrorType] = &[
    input(
        "too_large",
        &["len", "max"],
        "input is {len} bytes; the limit is {max} bytes",
        "入力が{len}バイトあります（上限{max}バイト）",
    ),
    input(
        "invalid_utf8",
        &["offset"],
        "input is not valid UTF-8 (first bad byte at offset {offset})",
        "入力がUTF-8として正しくありません（{offset}バイト目）",
    ),
    input(
        "syntax",
        &["line", "column", "message"],
        "input is not valid JSON: {message} at line {line}, column {column}",
        "JSONの構文が正しくありません（{line}行{column}列）",
    ),
    input(
        "too_deep",
        &["max"],
        "JSON nests deeper than {max} levels",
        "JSONの入れ子が{max}段を超えています",
    ),
    input(
        "too_many_items",
        &["max"],
        "a list or object inside the document has more than {max} entries",
        "文書の中の配列またはオブジェクトの要素が{max}個を超えています",
    ),
    input(
        "not_json",
        &["reason"],
        "the value cannot be read as JSON: {reason}",
        "JSONとして読めない値です（undefined・関数・循環参照など）",
    ),
    input(
        "not_an_object",
        &["found"],
        "a form must be a JSON object, not {found}",
        "登録票はJSONオブジェクトで入力してください",
    ),
    input(
        "wrong_encoding",
        &["named", "found"],
        "the file is {found}, not {named}: read it with encoding=\"{found}\" (or \"auto\")",
        "ファイルの文字コードが{named}ではなく{found}です。encoding=\"{found}\"（または\"auto\"）を指定して読み込んでください",
    ),
    lifecycle(
        "closed",
        &[],
        "the posting is closed",
        "募集は終了しています",
    ),
    lifecycle(
        "before_its_time",
        &["earliest"],
        "the event is dated before {earliest}, when what it follows happened",
        "{earliest}より前の日付です",
    ),
    lifecycle(
        "not_an_applicant",
        &["seeker_id"],
        "seeker \"{seeker_id}\" has not applied to this posting",
        "求職者「{seeker_id}」はこの募集に応募していません",
    ),
    lifecycle(
        "already_applied",
        &["seeker_id"],
        "seeker \"{seeker_id}\" has applied already",
        "求職者「{seeker_id}」は既に応募しています",
    ),
    lifecycle(
        "already_hired",
        &["seeker_id"],
        "seeker \"{seeker_id}\" is hired already",
        "求職者「{seeker_id}」は既に採用されています",
    ),
    lifecycle(
        "not_hired",
        &["seeker_id"],
        "seeker \"{seeker_id}\" was not hired through this posting",
        "求職者「{seeker_id}」はこの募集で採用されていません",
    ),
    lifecycle(
        "training_incomplete",
        &["missing", "missing_ja"],
        "the training plan misses required modules: {missing}",
        "研修の必須項目が不足しています（{missing_ja}）",
    ),
    lifecycle(
        "training_already_completed",
        &["seeker_id"],
        "training of seeker \"{seeker_id}\" is already recorded as completed",
        "求職者「{seeker_id}」の研修は既に修了しています",
    ),
    lifecycle(
        "training_not_completed",
        &["seeker_id"],
        "training of seeker \"{seeker_id}\" is not completed yet",
        "求職者「{seeker_id}」の研修はまだ修了していません",
    ),
    lifecycle(
        "already_reported",
        &["seeker_id"],
        "completion for seeker \"{seeker_id}\" is already reported",
        "求職者「{seeker_id}」の研修修了は既に報告済みです",
    ),
];

/// The error type of a kind and detail.
pub fn error_type(kind: &str, detail: &str) -> Option<&'static ErrorType> {
    ERROR_TYPES
        .iter()
        .find(|t| t.kind == kind && t.detail == detail)
}

/// A template with `{name}` replaced by the context value of that name (text as it is, other
/// values as JSON); a name without a value stays as written.
pub fn render(template: &str, context: &Map<String, Value>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        let name = after.get(1..close).unwrap_or("");
        match context.get(name) {
            Some(Value::String(s)) => out.push_str(s),
            Some(other) => out.push_str(&other.to_string()),
            None => out.push_str(after.get(..=close).unwrap_or("")),
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// An error that the catalogue describes: its type and its context values.
pub trait Catalogued {
    /// The error's own kind (the catalogue's `detail`).
    fn detail(&self) -> &'static str;
    /// The façade's error kind (the catalogue's `kind`).
    fn kind_in_catalogue(&self) -> &'static str;
    /// The values the templates use, by name.
    fn context(&self) -> Map<String, Value>;

    /// The English message and the Japanese one, rendered from the catalogue.
    fn messages(&self) -> (String, String) {
        let context = self.context();
        match error_type(self.kind_in_catalogue(), self.detail()) {
            Some(t) => (
                render(t.template, &context),
                render(t.template_ja, &context),
            ),
            // Every variant has its row (`every_error_has_its_row`); a missing one still says
            // what it is rather than nothing.
            None => (self.detail().to_owned(), self.detail().to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InputError;
    use crate::lifecycle::LifecycleError;

    #[test]
    fn templates_name_only_their_context() {
        for t in ERROR_TYPES {
            for template in [t.template, t.template_ja] {
                let mut rest = template;
                while let Some(open) = rest.find('{') {
                    let close = rest[open..].find('}').unwrap() + open;
                    let name = &rest[open + 1..close];
                    assert!(
                        t.context.contains(&name),
                        "{}: {name} not in context",
                        t.detail
                    );
                    rest = &rest[close + 1..];
                }
            }
        }
        let mut keys: Vec<(&str, &str)> = ERROR_TYPES.iter().map(|t| (t.kind, t.detail)).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ERROR_TYPES.len(), "two rows for one error");
    }

    #[test]
    fn every_error_has_its_row() {
        let inputs = [
            InputError::TooLarge { len: 2, max: 1 },
            InputError::InvalidUtf8 { offset: 3 },
            InputError::Syntax {
                line: 1,
                column: 2,
                message: "EOF".into(),
            },
            InputError::TooDeep { max: 32 },
            InputError::TooManyItems { max: 10 },
            InputError::NotJson {
                reason: "a cycle".into(),
            },
            InputError::NotAnObject { found: "an array" },
            InputError::WrongEncoding {
                named: "shift_jis",
                found: "utf8",
            },
        ];
        assert_eq!(
            inputs.each_ref().map(Catalogued::detail),
            InputError::KINDS,
            "one case per kind, in order"
        );
        for e in &inputs {
            let t = error_type("invalid_input", e.detail()).unwrap();
            let mut got: Vec<String> = e.context().keys().cloned().collect();
            let mut want: Vec<String> = t.context.iter().map(|s| (*s).to_owned()).collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "{}", e.detail());
        }
        assert_eq!(
            InputError::TooLarge { len: 2, max: 1 }.to_string(),
            "input is 2 bytes; the limit is 1 bytes"
        );
        assert_eq!(
            InputError::TooDeep { max: 32 }.message_ja(),
            "JSONの入れ子が32段を超えています"
        );
        let lifecycle = [
            LifecycleError::Closed,
            LifecycleError::BeforeItsTime {
                earliest: "2020-06-01".into(),
            },
            LifecycleError::NotAnApplicant {
                seeker_id: "S-1".into(),
            },
            LifecycleError::AlreadyApplied {
                seeker_id: "S-1".into(),
            },
            LifecycleError::AlreadyHired {
                seeker_id: "S-1".into(),
            },
            LifecycleError::NotHired {
                seeker_id: "S-1".into(),
            },
            LifecycleError::TrainingIncomplete {
                missing: "infection_control".into(),
            },
            LifecycleError::TrainingAlreadyCompleted {
                seeker_id: "S-1".into(),
            },
            LifecycleError::TrainingNotCompleted {
                seeker_id: "S-1".into(),
            },
            LifecycleError::AlreadyReported {
                seeker_id: "S-1".into(),
            },
        ];
        assert_eq!(
            lifecycle.each_ref().map(Catalogued::detail),
            LifecycleError::KINDS
        );
        for e in &lifecycle {
            let t = error_type("lifecycle", e.detail()).unwrap();
            let mut got: Vec<String> = e.context().keys().cloned().collect();
            let mut want: Vec<String> = t.context.iter().map(|s| (*s).to_owned()).collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "{}", e.detail());
            assert!(!e.to_string().contains('{') && !e.message_ja().contains('{'));
        }
        assert_eq!(
            LifecycleError::AlreadyApplied {
                seeker_id: "S-1".into()
            }
            .to_string(),
            "seeker \"S-1\" has applied already"
        );
        assert_eq!(ERROR_TYPES.len(), inputs.len() + lifecycle.len());
    }

    #[test]
    fn render_leaves_unknown_names_and_stray_braces() {
        let mut c = Map::new();
        c.insert("a".into(), Value::from("x"));
        c.insert("n".into(), Value::from(3));
        assert_eq!(render("{a}-{n}-{b}-{", &c), "x-3-{b}-{");
    }
}
