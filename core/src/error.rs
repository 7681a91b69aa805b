//! Input that is not a form at all: typed errors, distinct from findings about a form.

use thiserror::Error;

pub use crate::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_ITEMS};

/// Why input could not be read as a form. Problems *inside* a form are [`crate::Finding`]s.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum InputError {
    #[error("input is {len} bytes; the limit is {max} bytes")]
    TooLarge { len: usize, max: usize },
    #[error("input is not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 { offset: usize },
    #[error("input is not valid JSON: {message} at line {line}, column {column}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("JSON nests deeper than {max} levels")]
    TooDeep { max: usize },
    #[error("a list or object inside the document has more than {max} entries")]
    TooManyItems { max: usize },
    /// A host value JSON cannot hold (JavaScript's `undefined`, a function, a cycle, a BigInt).
    #[error("the value cannot be read as JSON: {reason}")]
    NotJson { reason: String },
    #[error("a form must be a JSON object, not {found}")]
    NotAnObject { found: &'static str },
}

impl InputError {
    /// Every [`kind`](Self::kind), in the order of the variants: the vocabulary hosts switch on.
    pub const KINDS: [&'static str; 7] = [
        "too_large",
        "invalid_utf8",
        "syntax",
        "too_deep",
        "too_many_items",
        "not_json",
        "not_an_object",
    ];

    /// A stable snake_case name of the error kind, for hosts that switch on it.
    pub const fn kind(&self) -> &'static str {
        match self {
            InputError::TooLarge { .. } => "too_large",
            InputError::InvalidUtf8 { .. } => "invalid_utf8",
            InputError::Syntax { .. } => "syntax",
            InputError::TooDeep { .. } => "too_deep",
            InputError::TooManyItems { .. } => "too_many_items",
            InputError::NotJson { .. } => "not_json",
            InputError::NotAnObject { .. } => "not_an_object",
        }
    }

    /// The same message in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            InputError::TooLarge { len, max } => {
                format!("入力が{len}バイトあります（上限{max}バイト）")
            }
            InputError::InvalidUtf8 { offset } => {
                format!("入力がUTF-8として正しくありません（{offset}バイト目）")
            }
            InputError::Syntax { line, column, .. } => {
                format!("JSONの構文が正しくありません（{line}行{column}列）")
            }
            InputError::TooDeep { max } => format!("JSONの入れ子が{max}段を超えています"),
            InputError::NotJson { .. } => {
                "JSONとして読めない値です（undefined・関数・循環参照など）".to_owned()
            }
            InputError::TooManyItems { max } => {
                format!("文書の中の配列またはオブジェクトの要素が{max}個を超えています")
            }
            InputError::NotAnObject { .. } => {
                "登録票はJSONオブジェクトで入力してください".to_owned()
            }
        }
    }
}
