//! The study file's model: articles, codebook, notes and contrast links.
//!
//! Written as pretty RON with a stable order (notes and links by id, articles by path), so
//! changing one note changes a few lines of the file and a study diffs well under git.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::Corrections;
use crate::analysis::codebook::Codebook;

/// The current study format version. Files from a newer version open read-only.
pub const STUDY_VERSION: u32 = 1;

/// A time as the reader's clock shows it: `2026-11-23 14:05`.
pub fn local_time(ts: Timestamp) -> String {
    ts.to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// What kind of note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NoteKind {
    Observation,
    Question,
    Contrast,
    /// What one article leaves out that the other says (usually anchored at a point).
    Omission,
    /// A code applied to a passage without text.
    Coding,
}

impl NoteKind {
    pub const WRITTEN: [NoteKind; 4] = [
        Self::Observation,
        Self::Question,
        Self::Contrast,
        Self::Omission,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Observation => "observation",
            Self::Question => "question",
            Self::Contrast => "contrast",
            Self::Omission => "omission",
            Self::Coding => "coding",
        }
    }

    /// The kind a name names (as [`NoteKind::as_str`] writes it, in any case).
    pub fn parse(name: &str) -> Option<NoteKind> {
        [Self::Coding]
            .into_iter()
            .chain(Self::WRITTEN)
            .find(|k| name.trim().eq_ignore_ascii_case(k.as_str()))
    }
}

/// Where a passage is: position and quote, after the W3C Web Annotation model (a
/// TextPositionSelector and a TextQuoteSelector) as Hypothesis uses it. Offsets are Unicode
/// code points into the article's canonical text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Anchor {
    /// The article's path relative to the folder.
    pub article: String,
    /// The article's content hash when the anchor was made or last confirmed.
    pub content_hash: String,
    pub start: usize,
    pub end: usize,
    /// The text anchored to (empty for a point).
    pub exact: String,
    /// Up to 32 characters before.
    pub prefix: String,
    /// Up to 32 characters after.
    pub suffix: String,
}

/// What a note is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    /// A passage (or a point, for omissions).
    Passage(Anchor),
    /// A whole article (its relative path).
    Article(String),
    /// The whole study.
    Study,
}

/// Why a note needs a look after an article changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// How well the new place matches the stored quote, 0–1.
    pub score: f64,
    /// The quote as it was.
    pub was: String,
    /// For a link: the side whose passage moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<crate::side::Side>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: u64,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub kind: NoteKind,
    pub target: Target,
    #[serde(default)]
    pub text: String,
    /// Frame ids of the codebook in use.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Set when the note was re-attached by fuzzy matching and should be checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// Who wrote it, and so who applied its codes (empty: a note from before notes had
    /// authors, or nobody named in the preferences).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
}

impl Note {
    /// A note made at `at`, with no codes.
    pub fn new(
        id: u64,
        kind: NoteKind,
        target: Target,
        text: impl Into<String>,
        at: Timestamp,
    ) -> Self {
        Self {
            id,
            created: at,
            updated: at,
            kind,
            target,
            text: text.into(),
            codes: Vec::new(),
            review: None,
            author: String::new(),
        }
    }

    pub fn anchor(&self) -> Option<&Anchor> {
        match &self.target {
            Target::Passage(a) => Some(a),
            _ => None,
        }
    }
}

/// How the right passage stands to the left one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relation {
    SameClaim,
    Contradicts,
    Reframes,
    Softens,
    Hardens,
    OmittedByOther,
}

impl Relation {
    pub const ALL: [Relation; 6] = [
        Self::SameClaim,
        Self::Contradicts,
        Self::Reframes,
        Self::Softens,
        Self::Hardens,
        Self::OmittedByOther,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SameClaim => "same claim",
            Self::Contradicts => "contradicts",
            Self::Reframes => "reframes",
            Self::Softens => "softens",
            Self::Hardens => "hardens",
            Self::OmittedByOther => "omitted by the other",
        }
    }

    /// The relation a name names (as [`Relation::as_str`] writes it, in any case).
    pub fn parse(name: &str) -> Option<Relation> {
        Self::ALL
            .into_iter()
            .find(|r| name.trim().eq_ignore_ascii_case(r.as_str()))
    }
}

/// A passage of one article set against a passage of another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContrastLink {
    pub id: u64,
    pub created: Timestamp,
    pub updated: Timestamp,
    pub left: Anchor,
    pub right: Anchor,
    pub relation: Relation,
    #[serde(default)]
    pub comment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// Who made it (see [`Note::author`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
}

impl ContrastLink {
    /// For a link waiting for a look: the side whose passage moved. A review written before
    /// the side was recorded is read as the side whose quote now is the closer to the old one
    /// (the anchor was rewritten to the new place).
    pub fn moved_side(&self) -> Option<crate::side::Side> {
        let r = self.review.as_ref()?;
        Some(r.side.unwrap_or_else(|| {
            let near = |a: &Anchor| strsim::normalized_levenshtein(&a.exact, &r.was);
            if near(&self.left) > near(&self.right) {
                crate::side::Side::Left
            } else {
                crate::side::Side::Right
            }
        }))
    }
}

/// What the study records about one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleEntry {
    /// The content hash of the version last seen.
    pub content_hash: String,
    #[serde(skip_serializing_if = "Corrections::is_empty")]
    pub corrections: Corrections,
    /// For a web page: the reader chose to keep the whole page (no page furniture is cut).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub whole_page: bool,
    /// The reader's framing worksheet for this article.
    #[serde(skip_serializing_if = "super::worksheet::Worksheet::is_empty")]
    pub worksheet: super::worksheet::Worksheet,
}

impl ArticleEntry {
    /// Whether it holds the reader's own work (corrections, a page choice, a worksheet),
    /// not only the version of the article last seen.
    pub fn holds_readers_work(&self) -> bool {
        !self.corrections.is_empty() || self.whole_page || !self.worksheet.is_empty()
    }
}

/// A study: everything the student wrote about a folder of articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Study {
    pub version: u32,
    pub title: String,
    /// By relative path.
    pub articles: BTreeMap<String, ArticleEntry>,
    /// The codebook in use, so the study is complete on its own.
    pub codebook: Option<Codebook>,
    /// By id. Shared, so the snapshot autosave hands to the saving thread costs the UI
    /// thread a reference count per note, not a copy of every note.
    pub notes: Vec<Arc<Note>>,
    /// By id.
    pub links: Vec<Arc<ContrastLink>>,
}

impl Default for Study {
    fn default() -> Self {
        Self {
            version: STUDY_VERSION,
            title: String::new(),
            articles: BTreeMap::new(),
            codebook: None,
            notes: Vec::new(),
            links: Vec::new(),
        }
    }
}

impl Study {
    /// The next free id (notes and links share one sequence).
    pub fn next_id(&self) -> u64 {
        let n = self.notes.iter().map(|n| n.id).max().unwrap_or(0);
        let l = self.links.iter().map(|l| l.id).max().unwrap_or(0);
        n.max(l) + 1
    }

    /// The note with this id (notes are kept in id order; a study assembled out of order
    /// is still searched right, only slower).
    pub fn note(&self, id: u64) -> Option<&Note> {
        self.note_shared(id).map(|n| &**n)
    }

    /// The note with this id as the study holds it (a shared copy).
    pub fn note_shared(&self, id: u64) -> Option<&Arc<Note>> {
        match self.notes.binary_search_by_key(&id, |n| n.id) {
            Ok(i) => Some(&self.notes[i]),
            Err(_) => self.notes.iter().find(|n| n.id == id),
        }
    }

    pub fn link(&self, id: u64) -> Option<&ContrastLink> {
        match self.links.binary_search_by_key(&id, |l| l.id) {
            Ok(i) => Some(&self.links[i]),
            Err(_) => self.links.iter().find(|l| l.id == id).map(|l| &**l),
        }
    }

    /// Keep notes and links in id order (stable files).
    pub fn normalize(&mut self) {
        self.notes.sort_by_key(|n| n.id);
        self.links.sort_by_key(|l| l.id);
    }

    pub fn corrections(&self, article: &str) -> Option<&Corrections> {
        self.articles
            .get(article)
            .map(|a| &a.corrections)
            .filter(|c| !c.is_empty())
    }

    /// The study as pretty RON.
    pub fn to_ron(&self) -> String {
        let mut s = self.clone();
        s.normalize();
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(6)
            .struct_names(false)
            .separate_tuple_members(false);
        ron::ser::to_string_pretty(&s, config).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn study(n: u64) -> Study {
        Study {
            notes: (1..=n)
                .map(|id| {
                    Arc::new(Note {
                        id,
                        created: Timestamp::UNIX_EPOCH,
                        updated: Timestamp::UNIX_EPOCH,
                        kind: NoteKind::Observation,
                        target: Target::Passage(Anchor {
                            article: "a.txt".into(),
                            content_hash: "blake3:00".into(),
                            start: id as usize * 10,
                            end: id as usize * 10 + 5,
                            exact: format!("quote {id}"),
                            prefix: "before ".into(),
                            suffix: " after".into(),
                        }),
                        text: format!("Note {id}."),
                        codes: vec!["engagement".into()],
                        review: None,
                        author: String::new(),
                    })
                })
                .collect(),
            ..Default::default()
        }
    }

    /// Lines of `b` that are not in the common head or tail shared with `a`.
    fn changed_lines(a: &str, b: &str) -> usize {
        let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
        let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let tail = a[head..]
            .iter()
            .rev()
            .zip(b[head..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        b.len() - head - tail
    }

    #[test]
    fn changing_one_note_changes_a_few_lines_of_the_file() {
        let before = study(50);
        let mut after = before.clone();
        let n = Arc::make_mut(&mut after.notes[24]);
        n.text = "Rewritten.".into();
        n.updated = Timestamp::from_second(1_800_000_000).unwrap();
        let (a, b) = (before.to_ron(), after.to_ron());
        assert!(a.lines().count() > 900);
        assert_eq!(a.lines().count(), b.lines().count());
        let differing: Vec<(&str, &str)> =
            a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
        assert_eq!(
            differing.len(),
            2,
            "the updated time and the text: {differing:?}"
        );
        // Adding a note adds its own lines only; deleting one takes only its own.
        let mut added = before.clone();
        added.notes.extend(study(51).notes.pop());
        let one_note = changed_lines(&a, &added.to_ron());
        assert!(one_note < 25, "{one_note}");
        let mut removed = before.clone();
        removed.notes.remove(10);
        assert_eq!(changed_lines(&removed.to_ron(), &a), one_note);
    }
}
