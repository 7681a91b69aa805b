//! A borrowed JSON value for reading forms: strings point into the input unless escaped, objects
//! are small vectors of pairs (a form's objects have at most 16 keys, so a scan beats hashing).
//! It keeps what `serde_json::Value` would lose for us — every key, in order — at a fraction of
//! the allocations.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Key equality with a first-byte check before the byte compare: a form's keys often share a
/// length, and this keeps the lookups off `memcmp`.
pub fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// Any JSON value, borrowing from the input where it can.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw<'a> {
    Null,
    Bool(bool),
    Int(i64),
    /// Integers above `i64::MAX`.
    UInt(u64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Raw<'a>>),
    Object(Vec<(Cow<'a, str>, Raw<'a>)>),
}

impl<'a> Raw<'a> {
    /// The value of `key` in an object (the last one, as JSON parsers keep the last duplicate).
    pub fn get(pairs: &'a [(Cow<'a, str>, Raw<'a>)], key: &str) -> Option<&'a Raw<'a>> {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, v)| v)
    }

    /// Borrows a `serde_json::Value` (for hosts that hand over parsed JSON).
    pub fn from_value(value: &'a serde_json::Value) -> Raw<'a> {
        use serde_json::Value;
        match value {
            Value::Null => Raw::Null,
            Value::Bool(b) => Raw::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => Raw::Int(i),
                (None, Some(u), _) => Raw::UInt(u),
                (_, _, Some(f)) => Raw::Float(f),
                _ => Raw::Null,
            },
            Value::String(s) => Raw::Str(Cow::Borrowed(s)),
            Value::Array(items) => Raw::Array(items.iter().map(Raw::from_value).collect()),
            Value::Object(map) => Raw::Object(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Raw::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// The value with every borrowed string copied: for hosts that build a value of their own.
    pub fn into_owned(self) -> Raw<'static> {
        match self {
            Raw::Null => Raw::Null,
            Raw::Bool(b) => Raw::Bool(b),
            Raw::Int(i) => Raw::Int(i),
            Raw::UInt(u) => Raw::UInt(u),
            Raw::Float(f) => Raw::Float(f),
            Raw::Str(s) => Raw::Str(Cow::Owned(s.into_owned())),
            Raw::Array(items) => Raw::Array(items.into_iter().map(Raw::into_owned).collect()),
            Raw::Object(pairs) => Raw::Object(
                pairs
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
        }
    }

    /// The number as text, for messages.
    pub fn number_text(&self) -> String {
        match self {
            Raw::Int(i) => i.to_string(),
            Raw::UInt(u) => u.to_string(),
            Raw::Float(f) => f.to_string(),
            _ => String::new(),
        }
    }
}

impl<'de> Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Raw<'de>, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Raw<'de>, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw<'de>, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Raw<'de>, E> {
        Ok(Raw::Bool(b))
    }
    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Raw<'de>, E> {
        Ok(Raw::Int(i))
    }
    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Raw<'de>, E> {
        Ok(i64::try_from(u).map_or(Raw::UInt(u), Raw::Int))
    }
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Raw<'de>, E> {
        Ok(Raw::Float(f))
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Raw<'de>, E> {
        Ok(Raw::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Raw<'de>, E> {
        Ok(Raw::Str(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Raw<'de>, E> {
        Ok(Raw::Str(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw<'de>, A::Error> {
        let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(8).min(32));
        while let Some(key) = map.next_key::<Key<'de>>()? {
            pairs.push((key.0, map.next_value()?));
        }
        Ok(Raw::Object(pairs))
    }
}

/// An object key, borrowed where possible.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}
