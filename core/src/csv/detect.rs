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

/// Whether the file's start is Shift_JIS and nothing else: not valid UTF-8, and every byte of the
/// sample decodes as Windows-31J (a character the sample cuts in two aside).
pub fn looks_shift_jis(data: &[u8]) -> bool {
    let sample = data.get(..SAMPLE_BYTES).unwrap_or(data);
    if sample.is_ascii() || std::str::from_utf8(sample).is_ok() || looks_utf8(data) {
        return false;
    }
    // UTF-8 with a stray bad byte is damaged UTF-8, not Shift_JIS: Japanese in Shift_JIS makes
    // an invalid sequence of nearly every character, so one in eight non-ASCII bytes at least.
    let invalid = String::from_utf8_lossy(sample).matches('\u{FFFD}').count();
    let non_ascii = sample.iter().filter(|b| !b.is_ascii()).count();
    if invalid * 8 < non_ascii {
        return false;
    }
    let decodes = |bytes: &[u8]| {
        encoding_rs::SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
    };
    decodes(sample)
        || (data.len() > SAMPLE_BYTES
            && decodes(sample.get(..sample.len() - 1).unwrap_or_default()))
}

/// Refuses to read a file in the other encoding than it is in: UTF-8 as Shift_JIS (every cell
/// would be mojibake) or Shift_JIS as UTF-8 (every Japanese cell undecodable) — with the
/// encoding to ask for (docs/choices.md, "CSV and Shift_JIS").
pub fn check(data: &[u8], named: Encoding) -> Result<(), InputError> {
    let found = match named {
        Encoding::ShiftJis if looks_utf8(data) => Encoding::Utf8,
        Encoding::Utf8 if looks_shift_jis(data) => Encoding::ShiftJis,
        _ => return Ok(()),
    };
    Err(InputError::WrongEncoding {
        named: named.name(),
        found: found.name(),
    })
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
    }

    #[test]
    fn shift_jis_named_utf8_is_refused_with_the_encoding_to_ask_for() {
        let err = check(&sjis(HEADER), Encoding::Utf8).unwrap_err();
        assert_eq!(err.kind(), "wrong_encoding");
        assert!(err.to_string().contains("encoding=\"shift_jis\""), "{err}");
        // Bytes that are neither (a stray byte in ASCII): read, and reported per cell.
        assert_eq!(check(b"id,name\r\n1,\xFF\r\n", Encoding::Utf8), Ok(()));
        assert_eq!(check(b"id,name\r\n", Encoding::Utf8), Ok(()));
        let mut damaged = HEADER.repeat(20).into_bytes();
        damaged.insert(40, 0x82); // one bad byte in a UTF-8 file: damaged, not Shift_JIS
        assert_eq!(check(&damaged, Encoding::Utf8), Ok(()));
        // A Shift_JIS character cut at the end of the sample is still Shift_JIS.
        let mut cut = sjis(HEADER);
        cut.resize(SAMPLE_BYTES - 1, b'a');
        cut.extend_from_slice(&sjis("代田"));
        assert!(looks_shift_jis(&cut));
        assert!(
            !looks_shift_jis(&cut[..SAMPLE_BYTES]),
            "a lone lead byte at the end of a file is no Shift_JIS"
        );
    }
}
