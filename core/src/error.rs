//! Input that is not a form at all: typed errors, distinct from findings about a form.

use serde_json::{Map, Value};

use crate::error_catalogue::Catalogued;

pub use crate::limits::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_ITEMS};

/// Why input could not be read as a form. Problems *inside* a form are [`crate::Finding`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    TooLarge {
        len: usize,
        max: usize,
    },
    InvalidUtf8 {
        offset: usize,
    },
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    TooDeep {
        max: usize,
    },
    TooManyItems {
        max: usize,
    },
    /// A host value JSON cannot hold (JavaScript's `undefined`, a function, a cycle, a BigInt).
    NotJson {
        reason: String,
    },
    NotAnObject {
        found: &'static str,
    },
    /// A CSV file read in an encoding it is not in (a UTF-8 file read as Shift_JIS).
    WrongEncoding {
        named: &'static str,
        found: &'static str,
    },
}

impl InputError {
    /// Every [`kind`](Self::kind), in the order of the variants: the vocabulary hosts switch on.
    pub const KINDS: [&'static str; 8] = [
        "too_large",
        "invalid_utf8",
        "syntax",
        "too_deep",
        "too_many_items",
        "not_json",
        "not_an_object",
        "wrong_encoding",
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
            InputError::WrongEncoding { .. } => "wrong_encoding",
        }
    }

    /// The same message in Japanese (docs: [`crate::error_catalogue`]).
    pub fn message_ja(&self) -> String {
        self.messages().1
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.messages().0)
    }
}

impl std::error::Error for InputError {}

impl Catalogued for InputError {
    fn detail(&self) -> &'static str {
        self.kind()
    }

    fn kind_in_catalogue(&self) -> &'static str {
        "invalid_input"
    }

    fn context(&self) -> Map<String, Value> {
        let pairs: Vec<(&str, Value)> = match self {
            InputError::TooLarge { len, max } => {
                vec![("len", (*len).into()), ("max", (*max).into())]
            }
            InputError::InvalidUtf8 { offset } => vec![("offset", (*offset).into())],
            InputError::Syntax {
                line,
                column,
                message,
            } => vec![
                ("line", (*line).into()),
                ("column", (*column).into()),
                ("message", message.as_str().into()),
            ],
            InputError::TooDeep { max } | InputError::TooManyItems { max } => {
                vec![("max", (*max).into())]
            }
            InputError::NotJson { reason } => vec![("reason", reason.as_str().into())],
            InputError::NotAnObject { found } => vec![("found", (*found).into())],
            InputError::WrongEncoding { named, found } => {
                vec![("named", (*named).into()), ("found", (*found).into())]
            }
        };
        pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }
}
