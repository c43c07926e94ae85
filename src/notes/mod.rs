//! The student's own work: metadata corrections, notes, codes and contrast links, kept in a
//! study file next to the articles.

pub mod agreement;
pub mod anchor;
pub mod desk;
pub mod draft;
pub mod export;
pub mod history;
pub mod journal;
pub mod model;
pub mod query;
pub mod rescue;
pub mod saver;
pub mod session;
pub mod store;
pub mod versions;
pub mod worksheet;

use serde::{Deserialize, Serialize};

use crate::document::Document;

/// The user's corrections to what the parser found; `None` keeps the parsed value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Corrections {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl Corrections {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Which fields differ between two sets of corrections (title, author, outlet, date).
    pub fn changed_fields(&self, other: &Self) -> [bool; 4] {
        [
            self.title != other.title,
            self.author != other.author,
            self.outlet != other.outlet,
            self.date != other.date,
        ]
    }
}

/// A metadata field as shown: the correction if any, else what was parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaView {
    pub title: String,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
}

impl MetaView {
    pub fn of(doc: &Document, corrections: Option<&Corrections>) -> Self {
        let meta = &doc.article.meta;
        let pick = |c: Option<&String>, parsed: Option<String>| match c {
            Some(v) if v.trim().is_empty() => None,
            Some(v) => Some(v.clone()),
            None => parsed,
        };
        let c = corrections.cloned().unwrap_or_default();
        Self {
            title: pick(c.title.as_ref(), Some(doc.title().to_owned()))
                .unwrap_or_else(|| doc.source.rel_path.clone()),
            author: pick(
                c.author.as_ref(),
                meta.author.as_ref().map(|f| f.value.clone()),
            ),
            outlet: pick(
                c.outlet.as_ref(),
                meta.outlet.as_ref().map(|f| f.value.clone()),
            ),
            date: pick(
                c.date.as_ref(),
                meta.date.as_ref().map(|f| f.value.to_string()),
            ),
        }
    }
}

/// Why a corrected date is not accepted, or None when it is a real `YYYY-MM-DD` date.
pub fn date_problem(input: &str) -> Option<&'static str> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    match s.parse::<jiff::civil::Date>() {
        Ok(_) if s.len() == 10 => None,
        _ => Some("Write the date as YYYY-MM-DD, e.g. 2014-09-15."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn corrections_override_parsed_values() {
        let doc = Document::from_text(
            "a.txt",
            Format::Text,
            "A title\n\nBy Jane Roe\n\nBody text. More.",
        );
        let parsed = MetaView::of(&doc, None);
        assert_eq!(parsed.title, "A title");
        assert_eq!(parsed.author.as_deref(), Some("Jane Roe"));
        let c = Corrections {
            author: Some(String::new()),
            outlet: Some("The Ledger".into()),
            date: Some("2014-09-15".into()),
            ..Default::default()
        };
        let shown = MetaView::of(&doc, Some(&c));
        assert_eq!(
            shown.author, None,
            "an emptied field hides the parsed value"
        );
        assert_eq!(shown.outlet.as_deref(), Some("The Ledger"));
        assert_eq!(shown.date.as_deref(), Some("2014-09-15"));
        assert!(date_problem("2014-9-15").is_some());
        assert!(date_problem("2014-02-30").is_some());
        assert!(date_problem("2014-09-15").is_none());
    }
}
