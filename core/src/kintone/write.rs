//! Writing a canonical form as a kintone record through the mapping ([`to_record`]): the
//! reverse of reading, so a written record reads back to the same form.

use serde_json::{Map, Value, json};

use super::mapping::{Mapping, ReadAs};
use crate::csv::path::get_path;

/// Writes a canonical form as a kintone record (`{"<code>": {"type", "value"}}`) through the
/// mapping: option values become the app's labels, numbers become text as kintone sends them,
/// absent values `""` (or `[]`). Fields the mapping does not name are not written.
pub fn to_record(canonical: &Value, mapping: &Mapping) -> Value {
    let mut out = Map::new();
    for (code, f) in &mapping.fields {
        let v = get_path(canonical, &f.path).unwrap_or(&Value::Null);
        let value = match f.read {
            ReadAs::Text | ReadAs::Date | ReadAs::Time => match v {
                Value::String(s) => Value::String(s.clone()),
                Value::Number(n) => Value::String(n.to_string()),
                _ => Value::String(String::new()),
            },
            ReadAs::Number => match v {
                Value::Number(n) => Value::String(n.to_string()),
                Value::String(s) => Value::String(s.clone()),
                _ => Value::String(String::new()),
            },
            ReadAs::Choice => match v {
                Value::Null => Value::String(String::new()),
                other => Value::String(
                    f.label_of(other)
                        .map(str::to_owned)
                        .or_else(|| other.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                ),
            },
            ReadAs::Choices => Value::Array(
                v.as_array()
                    .into_iter()
                    .flatten()
                    .map(|item| {
                        Value::String(
                            f.label_of(item)
                                .or_else(|| item.as_str())
                                .unwrap_or_default()
                                .to_owned(),
                        )
                    })
                    .collect(),
            ),
            ReadAs::Flag => {
                let b = Value::Bool(v.as_bool().unwrap_or(false));
                let label = f.label_of(&b).map(str::to_owned);
                match f.field_type.as_deref() {
                    Some("CHECK_BOX") => Value::Array(
                        label
                            .filter(|_| b == Value::Bool(true))
                            .map(Value::String)
                            .into_iter()
                            .collect(),
                    ),
                    _ => Value::String(label.unwrap_or_default()),
                }
            }
            ReadAs::Flags => Value::Array(
                f.options
                    .iter()
                    .filter(|(_, p)| {
                        p.as_str()
                            .and_then(|p| get_path(canonical, p))
                            .and_then(Value::as_bool)
                            == Some(true)
                    })
                    .map(|(label, _)| Value::String(label.clone()))
                    .collect(),
            ),
        };
        let field_type = f
            .field_type
            .clone()
            .unwrap_or_else(|| f.read.default_type().to_owned());
        out.insert(code.clone(), json!({"type": field_type, "value": value}));
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kintone::fixtures::record;
    use crate::kintone::from_record;

    #[test]
    fn a_canonical_form_round_trips_through_a_record() {
        let first = from_record(&record(), Mapping::standard()).unwrap();
        let canonical = first.canonical().unwrap();
        let written = to_record(canonical, Mapping::standard());
        assert_eq!(
            written["募集職種"],
            json!({"type": "DROP_DOWN", "value": "看護師"})
        );
        assert_eq!(
            written["加入保険"]["value"],
            json!(["雇用保険", "労災保険", "健康保険", "厚生年金"])
        );
        let again = from_record(&written, Mapping::standard()).unwrap();
        assert_eq!(again.canonical(), Some(canonical));
    }
}
