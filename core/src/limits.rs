//! One set of limits on a document — a form, a posting, a kintone record, a rule set — checked
//! the same way whether it comes as JSON text, a host's dict or object, or a `serde_json::Value`
//! (docs/choices.md "Limits"). Beyond them input is refused at once with an [`InputError`]
//! (`too_large`, `too_deep`), never validated whole.

use serde_json::Value;

use crate::error::InputError;
use crate::form::raw::Raw;

/// The largest document read (1 MiB of JSON): a form is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 1 << 20;
/// The deepest nesting, in levels of arrays and objects (a form nests three, a posting with its
/// hires five).
pub const MAX_DEPTH: usize = 32;
/// The most entries of one array or object inside a document (a posting's inquiries, a
/// record's fields). A list of documents at the top — postings, JSON lines — has no such limit:
/// each of its documents has these.
pub const MAX_ITEMS: usize = 10_000;

/// Checks a parsed value against the limits, with at most `max_bytes` of (approximate) JSON:
/// strings and keys count their bytes and quotes, other scalars a few bytes each. Walks with a
/// stack of its own, so no nesting can overflow the thread's stack.
pub fn check_value(value: &Value, max_bytes: usize) -> Result<(), InputError> {
    let mut bytes: usize = 0;
    let mut stack: Vec<(&Value, usize)> = vec![(value, 1)];
    while let Some((v, depth)) = stack.pop() {
        bytes = bytes.saturating_add(match v {
            Value::Null | Value::Bool(_) => 5,
            Value::Number(_) => 8,
            Value::String(s) => s.len().saturating_add(2),
            Value::Array(items) => items.len().saturating_add(2),
            Value::Object(map) => map
                .keys()
                .fold(2usize, |n, k| n.saturating_add(k.len()).saturating_add(4)),
        });
        if bytes > max_bytes {
            return Err(InputError::TooLarge {
                len: bytes,
                max: max_bytes,
            });
        }
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        container(depth, children.size_hint().0)?;
        stack.extend(children.map(|child| (child, depth + 1)));
    }
    Ok(())
}

/// Checks a value read from JSON text (whose size was checked as bytes) for depth and items.
pub(crate) fn check_raw(value: &Raw<'_>) -> Result<(), InputError> {
    check_raw_within(value, usize::MAX)
}

/// Checks a value a host built (a Python dict, a JS object, read into a [`Raw`]) against every
/// limit, its size counted as [`check_value`] counts it.
pub fn check_host_value(value: &Raw<'_>) -> Result<(), InputError> {
    check_raw_within(value, MAX_INPUT_BYTES)
}

fn check_raw_within(value: &Raw<'_>, max_bytes: usize) -> Result<(), InputError> {
    let mut bytes: usize = 0;
    let mut stack: Vec<(&Raw<'_>, usize)> = vec![(value, 1)];
    while let Some((v, depth)) = stack.pop() {
        bytes = bytes.saturating_add(match v {
            Raw::Null | Raw::Bool(_) => 5,
            Raw::Int(_) | Raw::UInt(_) | Raw::Float(_) => 8,
            Raw::Str(s) => s.len().saturating_add(2),
            Raw::Array(items) => items.len().saturating_add(2),
            Raw::Object(pairs) => pairs.iter().fold(2usize, |n, (k, _)| {
                n.saturating_add(k.len()).saturating_add(4)
            }),
        });
        if bytes > max_bytes {
            return Err(InputError::TooLarge {
                len: bytes,
                max: max_bytes,
            });
        }
        match v {
            Raw::Array(items) => {
                container(depth, items.len())?;
                stack.extend(items.iter().map(|c| (c, depth + 1)));
            }
            Raw::Object(pairs) => {
                container(depth, pairs.len())?;
                stack.extend(pairs.iter().map(|(_, c)| (c, depth + 1)));
            }
            _ => {}
        }
    }
    Ok(())
}

/// A container at `depth` (1 = the document itself) with `len` entries.
fn container(depth: usize, len: usize) -> Result<(), InputError> {
    if depth > MAX_DEPTH {
        return Err(InputError::TooDeep { max: MAX_DEPTH });
    }
    if depth > 1 && len > MAX_ITEMS {
        return Err(InputError::TooManyItems { max: MAX_ITEMS });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn nested(levels: usize) -> Value {
        (1..levels).fold(json!({}), |inner, _| json!({ "a": inner }))
    }

    #[test]
    fn depth_is_counted_from_the_document() {
        assert_eq!(check_value(&nested(MAX_DEPTH), usize::MAX), Ok(()));
        assert_eq!(
            check_value(&nested(MAX_DEPTH + 1), usize::MAX),
            Err(InputError::TooDeep { max: MAX_DEPTH })
        );
        // 100,000 levels: refused, and no stack overflow on the way.
        let deep = (0..100_000).fold(Value::Null, |inner, _| Value::Array(vec![inner]));
        assert!(check_value(&deep, usize::MAX).is_err());
        std::mem::forget(deep); // dropping it recursively is serde_json's matter, not ours
    }

    #[test]
    fn size_and_items() {
        let note = json!({ "notes": "あ".repeat(400_000) });
        assert!(matches!(
            check_value(&note, MAX_INPUT_BYTES),
            Err(InputError::TooLarge { .. })
        ));
        let many = json!({ "hires": vec![json!(1); MAX_ITEMS + 1] });
        assert_eq!(
            check_value(&many, usize::MAX),
            Err(InputError::TooManyItems { max: MAX_ITEMS })
        );
        // A top-level list of documents has no item limit.
        assert_eq!(
            check_value(&json!(vec![json!({}); MAX_ITEMS + 1]), usize::MAX),
            Ok(())
        );
    }
}
