//! Dotted paths (`form.contact.phone`, `insurance.health`) into JSON: how the CSV and kintone
//! readers put a cell or a field where its mapping says, and how their writers find it again.
//! One implementation for both, so a path means the same in either.

use serde_json::{Map, Value};

/// Sets `value` at a dotted path, creating the objects on the way.
///
/// A value on the way that is not an object is kept, and `value` is not written: one path never
/// overwrites what another has read. A checked mapping never gets here — its paths are fields
/// that hold a value, never one inside another (docs/choices.md "CSV files: mappings and the
/// masking wish"; docs/kintone.md "Your app's codes: overrides from JSON") — so this only
/// decides which value is lost if a check ever lets such a pair through: the later one, not the
/// value read first.
pub(crate) fn set_path(root: &mut Map<String, Value>, path: &str, value: Value) {
    let mut parts = path.split('.').peekable();
    let mut map = root;
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            map.insert(part.to_owned(), value);
            return;
        }
        let entry = map
            .entry(part.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        match entry {
            Value::Object(next) => map = next,
            _ => return,
        }
    }
}

/// The value at a dotted path, if every step on the way is an object holding the next key.
pub(crate) fn get_path<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(root, |v, part| v.get(part))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn set(mut root: Value, path: &str, value: Value) -> Value {
        if let Value::Object(map) = &mut root {
            set_path(map, path, value);
        }
        root
    }

    #[test]
    fn objects_are_created_on_the_way_and_siblings_kept() {
        let root = set(
            json!({"form": {"notes": "x"}}),
            "form.contact.phone",
            json!("03"),
        );
        assert_eq!(
            root,
            json!({"form": {"notes": "x", "contact": {"phone": "03"}}})
        );
        assert_eq!(get_path(&root, "form.contact.phone"), Some(&json!("03")));
        assert_eq!(get_path(&root, "form.contact.fax"), None);
    }

    #[test]
    fn the_same_path_set_twice_keeps_the_last_value() {
        let root = set(json!({"a": {"b": 1}}), "a.b", json!(2));
        assert_eq!(root, json!({"a": {"b": 2}}));
    }

    #[test]
    fn a_value_on_the_way_is_never_replaced_by_an_object() {
        for on_the_way in [
            json!("text"),
            json!(1),
            json!(true),
            json!(null),
            json!([1]),
        ] {
            let before = json!({"insurance": on_the_way});
            let after = set(before.clone(), "insurance.health", json!(true));
            assert_eq!(after, before);
            assert_eq!(get_path(&after, "insurance.health"), None);
        }
    }
}
