//! Studies in the formats other programs read: REFI-QDA projects (`.qdpx`, read by
//! QualCoder, MAXQDA, ATLAS.ti and NVivo) and W3C Web Annotations (JSON-LD).
//!
//! Every id written is derived from what it names (a note's id and creation time, a frame's
//! id, an article's path), so exporting the same study twice gives the same ids and another
//! program sees an updated export as the same project.

pub mod annotations;
pub mod import;
pub mod merge;
pub mod qdpx;
pub mod w3c;

use uuid::Uuid;

use crate::corpus::Corpus;
use crate::notes::MetaView;
use crate::notes::export::Titles;
use crate::notes::model::{Anchor, ContrastLink, Note, Study, Target};

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

/// A file brought into a study: another program's project, annotations, or another
/// Parallax study of the same articles.
#[derive(Debug, Clone)]
pub enum Incoming {
    Project(Box<import::Project>),
    Annotations(annotations::Annotations),
    Study(Box<Study>),
}

impl Incoming {
    /// Read a REFI-QDA project (`.qdpx` or `project.qde`), a W3C or Hypothesis annotation
    /// file (JSON), or a Parallax study (RON), whichever `bytes` are.
    pub fn read(bytes: &[u8]) -> Result<Self, import::ImportError> {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        if bytes.starts_with(b"PK") || head.contains("urn:QDA-XML:project") {
            return import::read(bytes).map(|p| Self::Project(Box::new(p)));
        }
        let first = head.trim_start_matches('\u{feff}').trim_start();
        if first.starts_with('{') || first.starts_with('[') {
            return annotations::read(bytes).map(Self::Annotations);
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|_| import::ImportError::NotAProject("it is not text".into()))?;
        crate::notes::store::parse(text)
            .map(|s| Self::Study(Box::new(s)))
            .map_err(|e| {
                import::ImportError::NotAProject(format!(
                    "it is neither a REFI-QDA project, nor a W3C or Hypothesis annotation file, nor a Parallax study (as a study: {e})"
                ))
            })
    }

    /// What it adds to `study` over the folder's `corpus`; `signed` names the author of a
    /// merged study's notes that name none.
    pub fn into_study(
        &self,
        study: &Study,
        corpus: &Corpus,
        now: jiff::Timestamp,
        signed: &str,
    ) -> import::Imported {
        match self {
            Self::Project(p) => import::into_study(p, study, corpus, now),
            Self::Annotations(a) => annotations::into_study(a, study, corpus, now),
            Self::Study(theirs) => merge::study_into(theirs, study, signed),
        }
    }
}

/// Drop from `got` the notes and links `study` has already: the same passage, kind, text,
/// codes and author, or for a link the same two passages, relation and comment. With
/// `strict` authors must be the same; without it a note that names no author is taken for
/// anybody's (a note exported unsigned comes back signed by whoever exported it), while two
/// named coders' identical codings stay two. What was dropped is told in the report.
pub fn drop_known(got: &mut import::Imported, study: &Study, strict: bool) {
    let dropped = drop_known_quietly(got, study, strict);
    tell_known(got, dropped);
}

/// [`drop_known`] without the report: how many notes and links were dropped.
pub fn drop_known_quietly(
    got: &mut import::Imported,
    study: &Study,
    strict: bool,
) -> (usize, usize) {
    use std::collections::{HashMap, HashSet};
    let place = |a: &Anchor| format!("{} {} {}", a.article, a.start, a.end);
    let key = |n: &Note| {
        let at = match &n.target {
            Target::Passage(a) => format!("P {}", place(a)),
            Target::Article(p) => format!("A {p}"),
            Target::Study => "S".into(),
        };
        let mut codes = n.codes.clone();
        codes.sort();
        (at, n.kind, n.text.trim().to_owned(), codes)
    };
    // What the study has, with who wrote it.
    let mut had: HashMap<_, Vec<&str>> = HashMap::new();
    for n in &study.notes {
        had.entry(key(n)).or_default().push(n.author.trim());
    }
    let known = |n: &Note| {
        let by = n.author.trim();
        had.get(&key(n)).is_some_and(|authors| {
            authors
                .iter()
                .any(|a| *a == by || (!strict && (a.is_empty() || by.is_empty())))
        })
    };
    let before = got.notes.len();
    got.notes.retain(|n| !known(n));
    let doubled = before - got.notes.len();
    let link_key = |l: &ContrastLink| {
        (
            place(&l.left),
            place(&l.right),
            l.relation,
            l.comment.trim().to_owned(),
        )
    };
    let had: HashSet<_> = study.links.iter().map(|l| link_key(l)).collect();
    let before = got.links.len();
    got.links.retain(|l| !had.contains(&link_key(l)));
    let linked = before - got.links.len();
    (doubled, linked)
}

/// Tell in the report how many notes and links were not added again.
pub fn tell_known(got: &mut import::Imported, (doubled, linked): (usize, usize)) {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if doubled > 0 {
        got.report.push(format!(
            "{doubled} note{} the study has already (not added again)",
            plural(doubled)
        ));
    }
    if linked > 0 {
        got.report.push(format!(
            "{linked} contrast link{} the study has already (not added again)",
            plural(linked)
        ));
    }
}

/// Who is named as the coder while the study names nobody.
pub const DEFAULT_USER: &str = "Parallax user";

/// A name read from another file as a note's author: trimmed, and Parallax's stand-in for
/// nobody ([`DEFAULT_USER`]) read as nobody.
pub fn author_named(name: &str) -> String {
    let name = name.trim();
    if name == DEFAULT_USER {
        String::new()
    } else {
        name.to_owned()
    }
}

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
