//! Which of the two encodings a CSV file is in, from its first bytes: a file read in the wrong
//! one must not read as "0 postings and a finding per cell" (docs/choices.md, "CSV files").
//!
//! UTF-8 is recognised by its BOM, or by being valid UTF-8 with text beyond ASCII: Japanese in
//! Shift_JIS is not valid UTF-8 (its lead bytes 0x81–0x9F are UTF-8 continuation bytes, and a
//! header row of Japanese column names has many). A file of ASCII alone reads the same either way.

use super::encoding::Encoding;
use crate::error::InputError;

/// How much of a file is looked at: the header row and the first rows, whatever their size.
const SAMPLE_BYTES: usize = 64 * 1024;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether the file's start says it is UTF-8: a BOM, or valid UTF-8 (a character cut at the
/// sample's end aside) with at least one character beyond ASCII.
pub fn looks_utf8(data: &[u8]) -> bool {
    if data.starts_with(UTF8_BOM) {
        return true;
    }
    let sample = data.get(..SAMPLE_BYTES).unwrap_or(data);
    let valid = match std::str::from_utf8(sample) {
        Ok(_) => sample,
        // Valid up to a character the sample cut in two.
        Err(e) if e.error_len().is_none() && data.len() > SAMPLE_BYTES => {
            sample.get(..e.valid_up_to()).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !valid.is_ascii()
}

/// The encoding of a file, for `encoding="auto"`: UTF-8 when its start says so, else Shift_JIS.
pub fn detect(data: &[u8]) -> Encoding {
    if looks_utf8(data) {
        Encoding::Utf8
    } else {
        Encoding::ShiftJis
    }
}

/// Refuses to read as Shift_JIS a file that is UTF-8: every cell would be mojibake. (A UTF-8
/// read of a Shift_JIS file already reports each undecodable cell at its row.)
pub fn check(data: &[u8], named: Encoding) -> Result<(), InputError> {
    if named == Encoding::ShiftJis && looks_utf8(data) {
        return Err(InputError::WrongEncoding {
            named: named.name(),
            found: Encoding::Utf8.name(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use encoding_rs::SHIFT_JIS;

    use super::*;

    const HEADER: &str =
        "募集ID,医療機関名,職種,マスキング希望\r\nP-1,千代田中央病院,看護師,有\r\n";

    fn sjis(text: &str) -> Vec<u8> {
        SHIFT_JIS.encode(text).0.into_owned()
    }

    #[test]
    fn utf8_is_told_from_shift_jis() {
        assert!(looks_utf8(HEADER.as_bytes()));
        assert!(
            looks_utf8(&[UTF8_BOM, b"a,b\r\n"].concat()),
            "a BOM says UTF-8 even for ASCII"
        );
        assert!(!looks_utf8(&sjis(HEADER)));
        assert!(
            !looks_utf8(b"id,name\r\n1,x\r\n"),
            "ASCII reads the same in both"
        );
        // Half-width katakana and 髙 in Shift_JIS are no UTF-8 either.
        assert!(!looks_utf8(&sjis("ｶﾀｶﾅ,髙﨑①㈱\r\n")));
        assert_eq!(detect(HEADER.as_bytes()), Encoding::Utf8);
        assert_eq!(detect(&sjis(HEADER)), Encoding::ShiftJis);
        assert_eq!(detect(b""), Encoding::ShiftJis);
    }

    #[test]
    fn a_character_cut_at_the_end_of_the_sample_is_no_reason_to_doubt() {
        // ASCII, then あ (3 bytes) just inside the sample and い across its end.
        let mut data = vec![b'a'; SAMPLE_BYTES - 4];
        data.extend_from_slice("あいう\r\n".as_bytes());
        assert!(looks_utf8(&data));
        // The same cut inside a file of Shift_JIS after it is still Shift_JIS.
        let mut sj = vec![b'a'; SAMPLE_BYTES - 4];
        sj.extend_from_slice(&sjis("あいう"));
        assert!(!looks_utf8(&sj));
    }

    #[test]
    fn utf8_named_shift_jis_is_refused_with_the_encoding_to_ask_for() {
        let err = check(HEADER.as_bytes(), Encoding::ShiftJis).unwrap_err();
        assert_eq!(err.kind(), "wrong_encoding");
        assert!(err.to_string().contains("utf8"), "{err}");
        assert!(err.to_string().contains("auto"), "{err}");
        assert!(
            err.message_ja().contains("encoding=\"utf8\""),
            "{}",
            err.message_ja()
        );
        assert_eq!(check(&sjis(HEADER), Encoding::ShiftJis), Ok(()));
        assert_eq!(check(HEADER.as_bytes(), Encoding::Utf8), Ok(()));
        assert_eq!(
            check(&sjis(HEADER), Encoding::Utf8),
            Ok(()),
            "reported per cell instead"
        );
    }
}
