//! Studies in the formats other programs read: REFI-QDA projects (`.qdpx`, read by
//! QualCoder, MAXQDA, ATLAS.ti and NVivo) and W3C Web Annotations (JSON-LD).
//!
//! Every id written is derived from what it names (a note's id and creation time, a frame's
//! id, an article's path), so exporting the same study twice gives the same ids and another
//! program sees an updated export as the same project.

pub mod import;
pub mod qdpx;
pub mod w3c;

use uuid::Uuid;

use crate::corpus::Corpus;
use crate::notes::MetaView;
use crate::notes::export::Titles;
use crate::notes::model::{Anchor, Study};

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("the study has no articles to export: open the folder of its articles first")]
    NoArticles,
    #[error("could not write the project: {0}")]
    Write(#[from] std::io::Error),
    #[error("could not pack the project: {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// The folder's articles as the study reads them: web pages the study keeps whole are
/// whole, so positions count in the same text the study's anchors do.
pub fn as_read(study: &Study, corpus: &Corpus) -> Corpus {
    let mut out = corpus.clone();
    for d in &mut out.documents {
        let whole = study
            .articles
            .get(&d.source.rel_path)
            .is_some_and(|e| e.whole_page);
        if whole && d.extraction.is_some_and(|e| !e.whole_page) {
            *d = std::sync::Arc::new(d.keep_whole_page());
        }
    }
    out
}

/// A project's name: the study's title, else the name of its folder.
pub fn project_name(study: &Study, corpus: &Corpus) -> String {
    if !study.title.trim().is_empty() {
        return study.title.clone();
    }
    // `parallax export .` names the folder by its real name, not ".".
    let root = std::fs::canonicalize(&corpus.root).unwrap_or_else(|_| corpus.root.clone());
    root.file_name()
        .map(crate::corpus::name_text)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Parallax study".into())
}

/// Article titles as the study shows them (its corrections applied).
pub fn titles(study: &Study, corpus: &Corpus) -> Titles {
    corpus
        .documents
        .iter()
        .map(|d| {
            let path = &d.source.rel_path;
            (path.clone(), MetaView::of(d, study.corrections(path)).title)
        })
        .collect()
}

/// Where an anchor is now: its article (index into the corpus) and its start and end in code
/// points of that article's text; None when the article or the passage is gone.
pub fn place(anchor: &Anchor, corpus: &Corpus) -> Option<(usize, usize, usize)> {
    let i = corpus.find(&anchor.article)?;
    let doc = &corpus.documents[i];
    let span = crate::notes::anchor::resolve(anchor, doc).span()?;
    Some((i, doc.char_offset(span.start), doc.char_offset(span.end)))
}

/// What a note or link that could not be exported is told as.
pub fn not_placed(what: &str, anchor: &Anchor) -> String {
    format!(
        "{what} on “{}” in {}: the passage is not in the article as it is now",
        passage_name(&anchor.exact),
        anchor.article
    )
}

/// A short name for a passage: its first words.
pub fn passage_name(exact: &str) -> String {
    let words: Vec<&str> = exact.split_whitespace().collect();
    let mut name = words.iter().take(8).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 8 {
        name.push('…');
    }
    if name.is_empty() {
        name = "(a point in the text)".into();
    }
    name
}

/// Who is named as the coder while the study names nobody.
pub const DEFAULT_USER: &str = "Parallax user";

/// The namespace of every id Parallax writes (a name-based UUID of Parallax's own URL).
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://parallax.study/refi-qda")
}

/// A stable GUID for `name` (a UUID of version 5: the same name always gives the same id).
pub fn guid(name: &str) -> String {
    Uuid::new_v5(&namespace(), name.as_bytes()).to_string()
}

/// Text that XML 1.0 can carry: control characters other than tab, line feed and carriage
/// return (a form feed from a PDF, say) become spaces.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r') && c < '\u{80}';
    if text.chars().any(bad) {
        text.chars()
            .map(|c| if bad(c) { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_distinct_and_well_formed() {
        assert_eq!(guid("note/1"), guid("note/1"));
        assert_ne!(guid("note/1"), guid("note/2"));
        let g = guid("code/engagement");
        let parts: Vec<usize> = g.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12], "{g}");
        assert!(g.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }

    #[test]
    fn control_characters_are_made_spaces() {
        assert_eq!(xml_safe("a\u{c}b\tc\nd"), "a b\tc\nd");
        assert!(matches!(xml_safe("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
