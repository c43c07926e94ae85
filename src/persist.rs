//! Reading the files Parallax keeps (the study, codebooks, preferences) under one contract:
//! a field this version does not know was written by something else — a newer Parallax, a
//! merge tool, a hand edit with a typo — and is never silently dropped. The reader returns
//! the names of such fields with the value; whoever owns the file then treats it as not
//! ours to overwrite (read-only, named to the user) rather than saving a version without them.

use serde::de::DeserializeOwned;

/// A value read from RON, with the fields in the text that the value has no place for.
#[derive(Debug, Clone, PartialEq)]
pub struct Strict<T> {
    pub value: T,
    /// Paths of unknown fields, e.g. `notez` or `notes.3.textt` (empty when all is known).
    pub unknown: Vec<String>,
}

impl<T> Strict<T> {
    /// Whether every field in the text was understood.
    pub fn is_complete(&self) -> bool {
        self.unknown.is_empty()
    }
}

/// RON that does not parse: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {col}: {message}")]
pub struct SyntaxError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl From<ron::error::SpannedError> for SyntaxError {
    fn from(e: ron::error::SpannedError) -> Self {
        Self {
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        }
    }
}

/// Parse RON text into `T`, collecting unknown fields instead of ignoring them. A UTF-8
/// byte-order mark (some editors on Windows add one) is not an error.
pub fn from_ron<T: DeserializeOwned>(text: &str) -> Result<Strict<T>, SyntaxError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut de = ron::Deserializer::from_str(text)?;
    let mut unknown = Vec::new();
    let value: T = serde_ignored::deserialize(&mut de, |path| unknown.push(path.to_string()))
        .map_err(|e| SyntaxError::from(de.span_error(e)))?;
    de.end().map_err(|e| SyntaxError::from(de.span_error(e)))?;
    Ok(Strict { value, unknown })
}

/// A short list of unknown fields for a message: "`notez`, `title2` and 3 more".
pub fn describe_unknown(unknown: &[String]) -> String {
    let shown: Vec<String> = unknown.iter().take(3).map(|u| format!("`{u}`")).collect();
    let mut text = match shown.len() {
        0 => String::new(),
        1 => shown[0].clone(),
        n => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
    };
    if unknown.len() > 3 {
        text = format!(
            "{}, {} and {} more",
            shown[..2].join(", "),
            shown[2],
            unknown.len() - 3
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Inner {
        a: u32,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Outer {
        title: String,
        items: Vec<Inner>,
    }

    #[test]
    fn unknown_fields_are_named_not_dropped() {
        let r: Strict<Outer> =
            from_ron("(title: \"x\", itemz: [], items: [(a: 1, b: 2)])").unwrap();
        assert_eq!(r.value.title, "x");
        assert_eq!(r.value.items, [Inner { a: 1 }]);
        assert_eq!(r.unknown, ["itemz", "items.0.b"]);
        assert!(!r.is_complete());
        let clean: Strict<Outer> = from_ron("(title: \"x\")").unwrap();
        assert!(clean.is_complete());
    }

    #[test]
    fn a_byte_order_mark_is_fine_and_errors_say_where() {
        let r: Strict<Outer> = from_ron("\u{FEFF}(title: \"bom\")").unwrap();
        assert_eq!(r.value.title, "bom");
        let e = from_ron::<Outer>("(title: \"x\",\n items: [(a: )])").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(from_ron::<Outer>("(title: \"x\") trailing").is_err());
    }

    #[test]
    fn unknown_lists_read_well() {
        let u = |n: usize| (0..n).map(|i| format!("f{i}")).collect::<Vec<_>>();
        assert_eq!(describe_unknown(&u(1)), "`f0`");
        assert_eq!(describe_unknown(&u(2)), "`f0` and `f1`");
        assert_eq!(describe_unknown(&u(5)), "`f0`, `f1`, `f2` and 2 more");
    }
}
