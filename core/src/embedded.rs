//! Reference data embedded in the library (`core/data/`), read once per process. The files are
//! part of the build, and `every_embedded_file_reads` below reads each: a file that did not read
//! fails the test command, never gives an empty list (no recipient, no material, no column) at
//! run time.

use serde::de::DeserializeOwned;

/// Reads an embedded JSON file. Only for `include_str!` data, which the test below reads.
pub(crate) fn json<T: DeserializeOwned>(name: &str, text: &str) -> T {
    // A panic here would be a broken build, caught by `every_embedded_file_reads`; each host's
    // panic guard turns it into an internal error rather than an answer made of nothing.
    #[allow(clippy::expect_used)]
    serde_json::from_str(text)
        .map_err(|e| format!("core/data/{name} does not read: {e}"))
        .expect("embedded data reads (checked by a test)")
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_embedded_file_reads() {
        assert!(crate::training::example_programme().parts.len() >= 2);
        assert!(crate::training::materials().len() >= 5);
        assert!(crate::csv::ColumnMapping::standard().columns.len() >= 20);
        assert!(!crate::distribution::notice::notice_data().desks.is_empty());
        assert!(crate::kintone::Mapping::standard().fields().len() >= 20);
        assert!(crate::RuleSet::standard_ref().rules.len() >= 10);
    }
}
