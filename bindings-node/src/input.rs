//! JavaScript arguments as the core reads them. A plain object becomes JSON text through the
//! engine's own `JSON.stringify`, so an object and its JSON string read exactly alike, then a
//! JSON value under the core's limits (docs/choices.md, "Limits"). [`Args`] builds the `args`
//! object of the façade's `call`; [`options_of`] reads an options object.

use keynet::api;
use napi::bindgen_prelude::*;
use serde_json::{Map, Value};

use crate::error::Failure;

pub(crate) type Input<'a> = Either<String, Unknown<'a>>;

/// The engine's `JSON.stringify`, made to keep what plain JSON would lose or refuse: NaN and the
/// infinities become their names (so the form says "not a number" naming them, instead of a
/// silent `null` that reads as "required"), and a string with a lone surrogate becomes
/// well-formed (U+FFFD, as napi converts a string argument) — an object and its JSON text read
/// alike (docs/choices.md, "Limits"). A replacer does that, but calls back into JS for every
/// key: so `form` first walks the value (JIT-compiled, no callback) and leaves the replacer to
/// values that need it, to values with a `toJSON` and BigInts (what `toJSON` gives is what the
/// replacer sees), and to values larger or deeper than a form (the walk visits at most 4,096
/// values, so shared sub-objects cannot make it exponential; cycles: `JSON.stringify` names them).
///
/// `record` is the same for a kintone record, where a container nested deeper than
/// `keynet::kintone::RECORD_DEPTH` (31) levels is written as null instead of overflowing the
/// engine's stack, as the core reads a record's text (`keynet::kintone::record_from_json`;
/// docs/kintone.md, "Reading a record").
///
/// Compiled once per engine instance (docs/benchmarks.md, "Node binding against zod 4").
const STRINGIFY_SCRIPTS: &str = "(function () {
  function keep(key, v) {
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (typeof v === 'string' && typeof v.toWellFormed === 'function') return v.toWellFormed();
    return v;
  }
  var left = 0;
  function plain(v, depth) {
    if (--left < 0) return false;
    if (typeof v === 'number') return Number.isFinite(v);
    if (typeof v === 'string') return typeof v.isWellFormed !== 'function' || v.isWellFormed();
    if (typeof v === 'bigint') return false;
    if (v === null || typeof v !== 'object') return true;
    if (depth > 40 || typeof v.toJSON === 'function') return false;
    if (Array.isArray(v)) {
      for (var i = 0; i < v.length; i++) if (!plain(v[i], depth + 1)) return false;
      return true;
    }
    for (var k in v) if (Object.prototype.hasOwnProperty.call(v, k) && !plain(v[k], depth + 1)) return false;
    return true;
  }
  return {
    form: function (value) {
      left = 4096;
      return plain(value, 0) ? JSON.stringify(value) : JSON.stringify(value, keep);
    },
    record: function (value) {
      var depth = new WeakMap();
      return JSON.stringify(value, function (key, v) {
        v = keep(key, v);
        if (v !== null && typeof v === 'object') {
          var level = (depth.get(this) || 0) + 1;
          if (level > 31) return null;
          depth.set(v, level);
        }
        return v;
      });
    }
  };
})()";

/// Which of [`STRINGIFY_SCRIPTS`]' functions.
#[derive(Debug, Clone, Copy)]
enum Stringify {
    Form,
    Record,
}

/// The engine instance's [`STRINGIFY_SCRIPTS`], compiled on first use and kept in its instance
/// data (the addon keeps nothing else there).
struct Scripts(ObjectRef<false>);

fn stringify_function<'env, 'a>(
    env: &'env Env,
    which: Stringify,
) -> Result<Function<'env, Unknown<'a>, Option<String>>> {
    let name = match which {
        Stringify::Form => "form",
        Stringify::Record => "record",
    };
    if let Some(scripts) = env.get_instance_data::<Scripts>()? {
        return scripts.0.get_value(env)?.get_named_property(name);
    }
    let scripts: Object<'env> = env.run_script(STRINGIFY_SCRIPTS)?;
    env.set_instance_data(Scripts(scripts.create_ref()?), (), |_| {})?;
    scripts.get_named_property(name)
}

/// JSON text of the input: a string is taken as JSON text, anything else goes through
/// [`STRINGIFY_SCRIPTS`]. What JSON cannot hold — `undefined`, a function, a cycle, a BigInt,
/// nesting deeper than the engine's stack — is a `KeynetError` of kind `invalid_input`, never a
/// `TypeError` or `RangeError`.
fn json_text(env: &Env, input: Input<'_>) -> std::result::Result<String, Failure> {
    json_text_by(env, input, Stringify::Form)
}

fn json_text_by(
    env: &Env,
    input: Input<'_>,
    which: Stringify,
) -> std::result::Result<String, Failure> {
    match input {
        Either::A(text) => Ok(text),
        Either::B(value) => {
            let stringify = stringify_function(env, which)?;
            // `call` clears a pending exception (BigInt, cycle, stack) into the Err's reason.
            match stringify.call(value) {
                Ok(Some(text)) => Ok(text),
                Ok(None) => Err(Failure::from(keynet::InputError::NotJson {
                    reason: "got undefined, a function or a symbol".to_owned(),
                })),
                Err(e) if e.reason.contains("call stack") => {
                    Err(Failure::from(keynet::InputError::TooDeep {
                        max: keynet::MAX_DEPTH,
                    }))
                }
                Err(e) => Err(Failure::from(keynet::InputError::NotJson {
                    reason: e.reason.chars().take(200).collect(),
                })),
            }
        }
    }
}

/// The input as a JSON value (lists of postings may be large: no size limit but the nesting's).
pub(crate) fn value_of(env: &Env, input: Input<'_>) -> std::result::Result<Value, Failure> {
    let text = json_text(env, input)?;
    Ok(api::parse_json(text.as_bytes(), usize::MAX)?)
}

/// Builds the façade's `args` object from named values (optional ones left out when absent).
pub(crate) struct Args<'e> {
    env: &'e Env,
    map: Map<String, Value>,
}

impl<'e> Args<'e> {
    pub(crate) fn new(env: &'e Env) -> Self {
        Args {
            env,
            map: Map::new(),
        }
    }
    pub(crate) fn json(
        mut self,
        name: &str,
        input: Input<'_>,
    ) -> std::result::Result<Self, Failure> {
        let v = value_of(self.env, input)?;
        self.map.insert(name.to_owned(), v);
        Ok(self)
    }
    /// An argument of `operation` read as the core reads it there (`keynet::host::argument`: a
    /// kintone record as the adapter reads one).
    pub(crate) fn argument(
        mut self,
        operation: &str,
        name: &str,
        input: Input<'_>,
    ) -> std::result::Result<Self, Failure> {
        let which = match (operation, name) {
            ("from_kintone_record", "record") => Stringify::Record,
            _ => Stringify::Form,
        };
        let text = json_text_by(self.env, input, which)?;
        let v = keynet::host::argument(operation, name, text.as_bytes())?;
        self.map.insert(name.to_owned(), v);
        Ok(self)
    }
    pub(crate) fn opt_json(
        self,
        name: &str,
        input: Option<Input<'_>>,
    ) -> std::result::Result<Self, Failure> {
        match input {
            Some(i) => self.json(name, i),
            None => Ok(self),
        }
    }
    pub(crate) fn value(mut self, name: &str, v: impl Into<Value>) -> Self {
        self.map.insert(name.to_owned(), v.into());
        self
    }
    pub(crate) fn call(self, operation: &str) -> std::result::Result<Value, Failure> {
        Ok(api::call(operation, &Value::Object(self.map))?)
    }
}

/// The input validated as one form, under the limits of one form (`keynet::validate_json`).
pub(crate) fn validation_of(
    env: &Env,
    form: Input<'_>,
) -> std::result::Result<keynet::Validation, Failure> {
    let text = json_text(env, form)?;
    Ok(keynet::validate_json(text.as_bytes())?)
}

/// What [`validation_of`] does before validating: the form's JSON text, read under its limits.
pub(crate) fn read_only(env: &Env, form: Input<'_>) -> std::result::Result<(), Failure> {
    let text = json_text(env, form)?;
    keynet::read_form_json(text.as_bytes())?;
    Ok(())
}

/// An options object (or its JSON text) as a map; absent or `null` is an empty one. A key not in
/// `known` is refused (`keynet::host::options`).
pub(crate) fn options_of(
    env: &Env,
    options: Option<Input<'_>>,
    known: &[&str],
) -> std::result::Result<Map<String, Value>, Failure> {
    let value = options.map(|o| value_of(env, o)).transpose()?;
    Ok(keynet::host::options(value, known)?)
}

/// A JS number as JSON: whole numbers as integers (the façade refuses the rest with a finding).
pub(crate) fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        #[allow(clippy::cast_possible_truncation)] // whole and below 2^53 in magnitude: exact
        let whole = n as i64;
        Value::from(whole)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_record_is_cut_at_the_cores_depth() {
        assert!(
            super::STRINGIFY_SCRIPTS
                .contains(&format!("level > {})", keynet::kintone::RECORD_DEPTH))
        );
    }
}
