//! What every binding needs around a call into the library, written once: a panic caught and
//! turned into a message (a panic must never cross into Python, Node, the browser or the JVM).
//! Plain `std`: no binding framework.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs `f`; a panic inside comes back as `Err` with its message. Each binding turns that into
/// its own "internal error" (a bug to report); the host process carries on.
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| panic_message(payload.as_ref()))
}

/// The text of a panic payload (`panic!` gives a `&str` or a `String`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic payload".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(catch_panic(|| 2 + 2), Ok(4));
        assert_eq!(
            catch_panic(|| -> () { panic!("boom {}", 7) }),
            Err("boom 7".to_owned())
        );
        assert_eq!(
            catch_panic(|| -> () { panic!("static") }),
            Err("static".into())
        );
    }
}
