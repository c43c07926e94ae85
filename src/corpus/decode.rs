//! Bytes on disk → the document's *canonical text*.
//!
//! Every offset Parallax stores (blocks, comments, highlights, note anchors) points into the
//! canonical text, so this step must be deterministic: the same bytes always give the same text.
//! The steps are: sniff a byte-order mark (or the NUL pattern of UTF-16 without one), refuse
//! what is clearly not text, decode (UTF-8 — kept even with a few invalid bytes, which are
//! replaced and counted —, UTF-16, or a legacy 8-bit encoding guessed by `chardetng`), and
//! normalise line endings to `\n`. Nothing else is changed: curly quotes, non-breaking spaces
//! and emoji stay as written.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Why a file's bytes are not an article Parallax can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("the file holds only whitespace")]
    Blank,
    #[error("this looks like {0}, not text; export it as .txt, .md or .html first")]
    KnownBinary(&'static str),
    #[error("this is a binary file, not text (it contains {0})")]
    Binary(&'static str),
}

/// The result of decoding one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Canonical text: decoded, line endings normalised to `\n`, BOM removed.
    pub text: String,
    /// The encoding's WHATWG name, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`.
    pub encoding: &'static str,
    /// Whether the file started with a byte-order mark.
    pub had_bom: bool,
    /// Whether the decoder met byte sequences that are invalid in that encoding (replaced by U+FFFD).
    pub had_errors: bool,
    /// How many invalid byte sequences were replaced by U+FFFD (the load report says so).
    pub replaced: usize,
}

/// Magic numbers of formats users commonly drop into an article folder by mistake.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (
        b"PK\x03\x04",
        "a ZIP archive or an Office document (.docx, .odt)",
    ),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7FELF", "a program (ELF executable)"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old Office document (.doc)",
    ),
    (b"{\\rtf", "an RTF document"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"SQLite format 3\0", "an SQLite database"),
];

/// How much of the file is inspected to decide whether it is binary.
const SNIFF_LEN: usize = 8 * 1024;

/// Decode raw file bytes into canonical text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (decoded, encoding, had_bom, replaced) =
        if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
            let text = decode_counting(encoding, &bytes[bom_len..]);
            (text.0, encoding, true, text.1)
        } else if let Some(encoding) = utf16_without_bom(bytes) {
            let text = decode_counting(encoding, bytes);
            (text.0, encoding, false, text.1)
        } else {
            sniff_binary(bytes)?;
            match std::str::from_utf8(bytes) {
                Ok(text) => (text.to_owned(), UTF_8, false, 0),
                // Mostly UTF-8 with a few bad bytes (a truncated download, one pasted
                // character): keep UTF-8, replace the bad bytes and say so. Reading it as a
                // legacy encoding would turn every real character into mojibake.
                Err(_) if mostly_utf8(bytes) => {
                    let text = decode_counting(UTF_8, bytes);
                    (text.0, UTF_8, false, text.1)
                }
                Err(_) => {
                    let encoding = guess_legacy(bytes);
                    let text = decode_counting(encoding, bytes);
                    (text.0, encoding, false, text.1)
                }
            }
        };
    if (encoding == UTF_16LE || encoding == UTF_16BE) && decoded.contains('\0') {
        return Err(DecodeError::Binary("NUL characters"));
    }
    let text = normalize_newlines(decoded);
    if is_blank(&text) {
        return Err(DecodeError::Blank);
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        had_bom,
        had_errors: replaced > 0,
        replaced,
    })
}

/// Whether a text holds nothing a reader could see: whitespace (non-breaking spaces too),
/// zero-width characters, soft hyphens, byte-order marks and control characters.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
            )
    })
}

/// Decode with `encoding`, counting the invalid sequences that were replaced.
fn decode_counting(encoding: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if !had_errors {
        return (text.into_owned(), 0);
    }
    // Replacement characters the decoder added: those in the output that the input did
    // not already spell out as valid U+FFFD.
    let present = if encoding == UTF_8 {
        bytes
            .utf8_chunks()
            .map(|c| c.valid().matches('\u{FFFD}').count())
            .sum()
    } else {
        0
    };
    let replaced = text.matches('\u{FFFD}').count().saturating_sub(present);
    (text.into_owned(), replaced.max(1))
}

/// Bytes that are UTF-8 but for a few invalid sequences: more valid multi-byte characters
/// than invalid sequences. Text in a legacy 8-bit encoding has almost no valid multi-byte
/// UTF-8 sequences (its accented letters are single bytes), so it does not pass.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    multibyte > 0 && invalid <= multibyte
}

/// UTF-16 without a byte-order mark, recognised by its NUL bytes: text in a Latin script
/// stored as UTF-16 has a zero in every other byte, on the odd positions for little-endian
/// and on the even ones for big-endian, and (almost) nowhere else.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let encoding = if odd_zero * 10 >= pairs * 4 && even_zero * 20 <= pairs {
        UTF_16LE
    } else if even_zero * 10 >= pairs * 4 && odd_zero * 20 <= pairs {
        UTF_16BE
    } else {
        return None;
    };
    // Decoded, it must look like text: few control characters, no NULs.
    let (text, _) = encoding.decode_without_bom_handling(head);
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    (controls * 50 <= text.chars().count()).then_some(encoding)
}

/// Refuse bytes that are clearly not text: known binary formats, NUL bytes, or many control bytes.
fn sniff_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    for (magic, what) in SIGNATURES {
        if bytes.starts_with(magic) {
            return Err(DecodeError::KnownBinary(what));
        }
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if head.contains(&0) {
        return Err(DecodeError::Binary("NUL bytes"));
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B))
        .count();
    // Text has almost no C0 control bytes; 5% is far above anything a real article holds.
    if controls * 20 > head.len() {
        return Err(DecodeError::Binary("many control bytes"));
    }
    Ok(())
}

/// Guess a legacy encoding for bytes that are not valid UTF-8.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// `\r\n` and lone `\r` become `\n`.
fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let bytes = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&bytes);
        }
        out
    }

    #[test]
    fn utf8_without_bom() {
        let d = decode("Caf\u{e9} \u{201c}quoted\u{201d} \u{1F642}".as_bytes()).unwrap();
        assert_eq!(d.text, "Caf\u{e9} \u{201c}quoted\u{201d} \u{1F642}");
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.had_bom);
    }

    #[test]
    fn utf8_with_bom_drops_the_bom() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("Title\n\nBody".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Title\n\nBody");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.had_bom);
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let text = "Kerry told NBC \u{2014} \u{201c}we are communicating\u{201d} \u{1F642}";
        for big_endian in [false, true] {
            let d = decode(&utf16(text, big_endian)).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, if big_endian { "UTF-16BE" } else { "UTF-16LE" });
        }
    }

    #[test]
    fn windows_1252_is_detected_and_decoded() {
        // "The Secretary’s “quiet” talks — café" in Windows-1252.
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("The Secretary\u{2019}s \u{201c}quiet\u{201d} talks \u{2014} caf\u{e9} and na\u{ef}ve r\u{e9}sum\u{e9} of the d\u{e9}bat over Iran\u{2019}s role");
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("Secretary\u{2019}s \u{201c}quiet\u{201d}"));
        assert!(d.text.contains("caf\u{e9}"));
        assert!(!d.had_errors);
    }

    #[test]
    fn line_endings_are_normalised() {
        let d = decode(b"a\r\nb\rc\n\r\nd").unwrap();
        assert_eq!(d.text, "a\nb\nc\n\nd");
    }

    #[test]
    fn refusals() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\r\n\t "), Err(DecodeError::Blank));
        assert!(matches!(
            decode(b"%PDF-1.7\n..."),
            Err(DecodeError::KnownBinary(w)) if w.contains("PDF")
        ));
        assert_eq!(decode(b"abc\0def"), Err(DecodeError::Binary("NUL bytes")));
        let noisy: Vec<u8> = (0..400)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert_eq!(
            decode(&noisy),
            Err(DecodeError::Binary("many control bytes"))
        );
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_stays_utf8() {
        let mut bytes = "We\u{2019}ve said \u{201c}no\u{201d} \u{2014} caf\u{e9}. "
            .repeat(3)
            .into_bytes();
        bytes.insert(10, 0xFF); // one stray byte
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 1);
        assert!(d.text.contains("We\u{2019}ve"), "{}", d.text);
        assert!(!d.text.contains("\u{e2}\u{20ac}"), "no mojibake");
        // A real U+FFFD in the text is not counted as a replacement.
        let mut with_fffd = "a \u{FFFD} b \u{e9}\u{e9}".as_bytes().to_vec();
        with_fffd.push(0xC3);
        assert_eq!(decode(&with_fffd).unwrap().replaced, 1);
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "Kerry told NBC \u{2014} \u{201c}we are communicating\u{201d}.\nSecond line.";
        for big_endian in [false, true] {
            let bytes: Vec<u8> = utf16(text, big_endian)[2..].to_vec();
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, if big_endian { "UTF-16BE" } else { "UTF-16LE" });
            assert!(!d.had_bom);
        }
    }

    #[test]
    fn invisible_only_files_are_blank() {
        for s in [
            "\u{a0}\u{a0}\n\u{a0}",
            "\u{200b}\u{200b}\u{feff}",
            " \u{2060}\u{00ad} \u{200d}\n",
        ] {
            assert_eq!(decode(s.as_bytes()), Err(DecodeError::Blank), "{s:?}");
        }
        assert!(decode("\u{a0}x".as_bytes()).is_ok());
    }

    #[test]
    fn utf16_without_a_readable_payload_is_refused() {
        // A UTF-16 BOM followed by NUL code units is not an article.
        assert!(decode(&[0xFF, 0xFE, 0, 0, 0, 0]).is_err());
    }
}
