//! Codebooks: the frames a study looks for, with the cues that signal them.
//!
//! A codebook is a RON file (see `assets/codebooks/`): a name, and frames each with an id,
//! a name, a colour, a description, cue terms and regular-expression patterns, Semetko &
//! Valkenburg-style yes/no indicator questions, and examples. Cue terms match
//! case-insensitively on word boundaries, curly and straight apostrophes alike; a trailing
//! `*` matches any word ending ("cooperat*" finds "cooperation" and "cooperating").
//! Automatic hits are *cue-based*: they show where a frame's vocabulary occurs, with the
//! evidence, for the student to judge.

use std::sync::Arc;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use super::lexicon::{Actor, Gazetteer};
use super::phrases::{Case, PhraseMatcher};
use crate::document::Span;

/// The current codebook file format version.
pub const CODEBOOK_VERSION: u32 = 1;

/// One frame of a codebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Frame {
    /// Stable key (notes and settings refer to frames by id).
    pub id: String,
    pub name: String,
    /// A set the frame belongs to ("Issue frames", "Generic news frames", "Entman").
    pub group: String,
    /// `#rrggbb`.
    pub color: String,
    pub description: String,
    /// Cue terms and phrases; a trailing `*` is a word-ending wildcard.
    pub cues: Vec<String>,
    /// Regular expressions (case-insensitive).
    pub patterns: Vec<String>,
    /// Yes/no indicator questions for manual coding.
    pub questions: Vec<String>,
    pub examples: Vec<String>,
}

impl Default for Frame {
    fn default() -> Self {
        Self {
            id: String::new(),
            name: String::new(),
            group: String::new(),
            color: "#808080".into(),
            description: String::new(),
            cues: Vec::new(),
            patterns: Vec::new(),
            questions: Vec::new(),
            examples: Vec::new(),
        }
    }
}

impl Frame {
    /// The colour as RGB (grey when the text is not `#rrggbb`).
    pub fn rgb(&self) -> [u8; 3] {
        parse_hex_color(&self.color).unwrap_or([128, 128, 128])
    }
}

/// The name of code `id` in `book` (its id where the book has no such frame, or there is
/// no book).
pub fn code_name(book: Option<&Codebook>, id: &str) -> String {
    book.and_then(|b| b.frames.iter().find(|f| f.id == id))
        .map_or_else(|| id.to_owned(), |f| f.name.clone())
}

/// Parse `#rrggbb`.
pub fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.trim().strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// What a frame added in the editor is called until it is named.
pub const NEW_FRAME_NAME: &str = "New frame";

/// Colours for new frames: saturated enough to read as a mark on a dark and on a light
/// background, and far enough apart to tell apart (no greys: grey reads as "no frame").
const NEW_FRAME_COLOURS: &[&str] = &[
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#8cd17d", "#b6992d", "#499894", "#d37295", "#a0cbe8", "#ffbe7d", "#6a5acd",
    "#2ca02c", "#17becf", "#bcbd22", "#e377c2",
];

/// A codebook file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Codebook {
    pub version: u32,
    pub name: String,
    pub description: String,
    pub frames: Vec<Frame>,
    /// The actors of the topic and the names texts give them (the gazetteer): aliases of one
    /// actor are counted as that actor, and a known person's quotes go under their full name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
}

impl Default for Codebook {
    fn default() -> Self {
        Self {
            version: CODEBOOK_VERSION,
            name: "Untitled codebook".into(),
            description: String::new(),
            frames: Vec::new(),
            actors: Vec::new(),
        }
    }
}

/// What is wrong with a codebook file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodebookError {
    #[error("line {line}, column {col}: {message}")]
    Syntax {
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "this codebook was written by a newer Parallax (format {found}; this one reads up to {CODEBOOK_VERSION})"
    )]
    TooNew { found: u32 },
    #[error(
        "frame “{frame}”: the pattern {pattern:?} is not a valid regular expression: {message}"
    )]
    BadPattern {
        frame: String,
        pattern: String,
        message: String,
    },
    #[error("two frames share the id {0:?}; every frame needs its own id")]
    DuplicateId(String),
}

impl Codebook {
    /// Read a codebook from RON text, with the fields in it this version does not know
    /// (a codebook file holding such fields must not be saved over: they would be lost).
    pub fn read(text: &str) -> Result<crate::persist::Strict<Self>, CodebookError> {
        let strict =
            crate::persist::from_ron::<Codebook>(text).map_err(|e| CodebookError::Syntax {
                line: e.line,
                col: e.col,
                message: e.message,
            })?;
        if strict.value.version > CODEBOOK_VERSION {
            return Err(CodebookError::TooNew {
                found: strict.value.version,
            });
        }
        Ok(strict)
    }

    /// Parse a codebook from RON text. A pattern that is not a valid regular expression or a
    /// doubled frame id does not refuse the codebook: see [`Codebook::problems`].
    pub fn from_ron(text: &str) -> Result<Self, CodebookError> {
        Self::read(text).map(|s| s.value)
    }

    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(4)
            .struct_names(false);
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }

    /// What is wrong inside the codebook: patterns that do not compile (they are left out
    /// of matching, the rest of the codebook works) and frame ids used twice (codes with
    /// that id refer to the first such frame).
    pub fn problems(&self) -> Vec<CodebookError> {
        let mut problems = Vec::new();
        let mut ids = std::collections::BTreeSet::new();
        for f in &self.frames {
            if !ids.insert(f.id.as_str()) {
                problems.push(CodebookError::DuplicateId(f.id.clone()));
            }
            for p in &f.patterns {
                if let Err(e) = RegexBuilder::new(p).case_insensitive(true).build() {
                    problems.push(CodebookError::BadPattern {
                        frame: f.name.clone(),
                        pattern: p.clone(),
                        message: e.to_string(),
                    });
                }
            }
        }
        problems
    }

    /// A content key: analyses cached under one codebook are stale under another.
    pub fn key(&self) -> String {
        blake3::hash(self.to_ron().as_bytes()).to_hex()[..16].to_owned()
    }

    /// The groups the frames are in (frames with no group left out), in the order they
    /// first appear.
    pub fn groups(&self) -> Vec<&str> {
        let mut groups: Vec<&str> = Vec::new();
        for f in &self.frames {
            if !f.group.is_empty() && !groups.contains(&f.group.as_str()) {
                groups.push(&f.group);
            }
        }
        groups
    }

    /// A frame to add: a fresh placeholder id (see [`Self::derive_id`]), a colour no frame
    /// has, and the last frame's group.
    pub fn new_frame(&self) -> Frame {
        Frame {
            id: self.fresh_id(NEW_FRAME_NAME),
            name: NEW_FRAME_NAME.into(),
            group: self
                .frames
                .last()
                .map(|f| f.group.clone())
                .unwrap_or_default(),
            color: self.unused_color(),
            questions: vec!["Does the text …?".into()],
            ..Default::default()
        }
    }

    /// Give frame `i` the id its name makes (unique among the others). For a frame being
    /// named right after it was added: an id made from a real name must not change later,
    /// as codes in notes refer to it.
    pub fn derive_id(&mut self, i: usize) {
        let Some(f) = self.frames.get(i) else { return };
        if f.name.trim().is_empty() {
            return;
        }
        let name = f.name.clone();
        let mut others = self.clone();
        others.frames.remove(i);
        self.frames[i].id = others.fresh_id(&name);
    }

    /// The colour, from a palette readable on light and dark backgrounds, farthest from
    /// every colour the frames already have.
    pub fn unused_color(&self) -> String {
        self.farthest_color(NEW_FRAME_COLOURS).to_owned()
    }

    /// The colour of `palette` (hex `#rrggbb`) farthest from every frame's colour (the
    /// first of the palette when there are no frames): for marks that must not be taken
    /// for a frame's, like find hits.
    pub fn farthest_color<'a>(&self, palette: &[&'a str]) -> &'a str {
        let used: Vec<[u8; 3]> = self
            .frames
            .iter()
            .filter_map(|f| parse_hex_color(&f.color))
            .collect();
        let distance = |a: [u8; 3], b: [u8; 3]| {
            a.iter()
                .zip(b)
                .map(|(x, y)| (i32::from(*x) - i32::from(y)).pow(2))
                .sum::<i32>()
        };
        let mut best: (&str, i32) = (palette.first().copied().unwrap_or("#808080"), -1);
        for c in palette {
            let Some(rgb) = parse_hex_color(c) else {
                continue;
            };
            let nearest = used
                .iter()
                .map(|u| distance(rgb, *u))
                .min()
                .unwrap_or(i32::MAX);
            if nearest > best.1 {
                best = (c, nearest);
            }
        }
        best.0
    }

    /// An id not used by any frame yet, derived from `name`.
    pub fn fresh_id(&self, name: &str) -> String {
        let base: String = name
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let base = if base.is_empty() {
            "frame".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.frames.iter().any(|f| f.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// The codebooks built into the binary: (file name, RON text).
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "us-iran-isis.ron",
        include_str!("../../assets/codebooks/us-iran-isis.ron"),
    ),
    (
        "generic-news-frames.ron",
        include_str!("../../assets/codebooks/generic-news-frames.ron"),
    ),
];

/// Parse the built-in codebooks (they are tested to parse).
pub fn built_in() -> Vec<(String, Codebook)> {
    BUILT_IN
        .iter()
        .filter_map(|(name, text)| Codebook::from_ron(text).ok().map(|c| (name.to_string(), c)))
        .collect()
}

/// One cue match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueMatch {
    pub frame: usize,
    pub span: Span,
    /// The cue as written in the codebook (or the pattern).
    pub cue: Arc<str>,
}

/// A codebook ready to match: every cue of every frame in one phrase matcher, plus the
/// regular-expression patterns.
#[derive(Debug, Clone)]
pub struct CompiledCodebook {
    pub book: Codebook,
    /// The codebook's actors, compiled to match.
    pub gazetteer: Gazetteer,
    cues: PhraseMatcher<(usize, Arc<str>)>,
    patterns: Vec<(usize, Arc<str>, Regex)>,
    /// What is wrong inside the codebook (a bad pattern is left out, nothing else).
    problems: Vec<CodebookError>,
}

impl CompiledCodebook {
    /// Compile a codebook. Never refuses one: a pattern that does not compile is left out
    /// (and listed in [`CompiledCodebook::problems`]), so one typo cannot cost the study
    /// its codebook.
    pub fn new(book: Codebook) -> Self {
        let problems = book.problems();
        let cues = PhraseMatcher::new(
            book.frames.iter().enumerate().flat_map(|(fi, f)| {
                f.cues
                    .iter()
                    .map(move |c| (c.clone(), (fi, Arc::<str>::from(c.trim()))))
            }),
            Case::Insensitive,
        );
        let mut patterns = Vec::new();
        for (fi, f) in book.frames.iter().enumerate() {
            for p in &f.patterns {
                if let Ok(re) = RegexBuilder::new(p).case_insensitive(true).build() {
                    patterns.push((fi, Arc::<str>::from(p.as_str()), re));
                }
            }
        }
        Self {
            gazetteer: Gazetteer::new(book.actors.clone()),
            book,
            cues,
            patterns,
            problems,
        }
    }

    /// Patterns left out and ids used twice, with the regex error for each pattern.
    pub fn problems(&self) -> &[CodebookError] {
        &self.problems
    }

    pub fn frames(&self) -> &[Frame] {
        &self.book.frames
    }

    /// Every cue and pattern match in `text[range]`, as spans into `text`, sorted. A phrase
    /// can cue two frames ("military coordination" is both military and engagement); within
    /// one frame, matches are leftmost-longest and do not overlap.
    pub fn matches(&self, text: &str, range: Span) -> Vec<CueMatch> {
        let mut raw: Vec<CueMatch> = self
            .cues
            .find_all(text, range.clone())
            .into_iter()
            .map(|m| CueMatch {
                frame: m.tag.0,
                span: m.span,
                cue: m.tag.1.clone(),
            })
            .collect();
        let slice = &text[range.clone()];
        for (frame, p, re) in &self.patterns {
            for m in re.find_iter(slice) {
                if m.start() < m.end() {
                    raw.push(CueMatch {
                        frame: *frame,
                        span: range.start + m.start()..range.start + m.end(),
                        cue: p.clone(),
                    });
                }
            }
        }
        raw.sort_by_key(|m| (m.frame, m.span.start, std::cmp::Reverse(m.span.end)));
        let mut out: Vec<CueMatch> = Vec::with_capacity(raw.len());
        let mut last: Option<(usize, usize)> = None;
        for m in raw {
            if last.is_some_and(|(frame, end)| frame == m.frame && m.span.start < end) {
                continue;
            }
            last = Some((m.frame, m.span.end));
            out.push(m);
        }
        out.sort_by_key(|m| (m.span.start, m.span.end, m.frame));
        out
    }
}

/// How much article text per document `best_fit` reads: enough to tell what it is about (a
/// long article), and little enough that choosing, on the window's thread when a folder
/// opens, costs a few milliseconds (200 KB of a 10 MB article took 8 ms of its first frame).
const FIT_SAMPLE_BYTES: usize = 50_000;

/// The codebook whose cues are densest in these documents' articles (the first one wins a
/// tie, so list the general-purpose codebook first). Reads up to 20 documents, and the
/// first [`FIT_SAMPLE_BYTES`] of each article, so choosing is quick on long texts.
pub fn best_fit(books: &[&CompiledCodebook], docs: &[&crate::document::Document]) -> usize {
    let mut best = (0, f64::MIN);
    for (i, book) in books.iter().enumerate() {
        let (mut hits, mut words) = (0usize, 0usize);
        for doc in docs.iter().take(20) {
            let mut read = 0;
            for (_, block, scope) in super::scoped_blocks(doc) {
                if scope != super::Scope::Article || read > FIT_SAMPLE_BYTES {
                    continue;
                }
                read += block.span.len();
                hits += book.matches(&doc.text, block.span.clone()).len();
                words += crate::document::text::word_count(&doc.text[block.span.clone()]);
            }
        }
        // Density per frame, so a codebook does not win by having more frames.
        let density = hits as f64 / words.max(1) as f64 / book.frames().len().max(1) as f64;
        if density > best.1 {
            best = (i, density);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(cues: &[&str], patterns: &[&str]) -> CompiledCodebook {
        CompiledCodebook::new(Codebook {
            frames: vec![Frame {
                id: "f".into(),
                name: "F".into(),
                cues: cues.iter().map(|s| s.to_string()).collect(),
                patterns: patterns.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            }],
            ..Default::default()
        })
    }

    fn found(b: &CompiledCodebook, text: &str) -> Vec<String> {
        b.matches(text, 0..text.len())
            .into_iter()
            .map(|m| text[m.span].to_owned())
            .collect()
    }

    #[test]
    fn cues_match_words_case_insensitively_with_wildcards() {
        let b = book(&["same side", "cooperat*", "Iran"], &[]);
        let text = "On the Same Side, Iran’s cooperation; Iranian cooperating. Cooperative.";
        assert_eq!(
            found(&b, text),
            [
                "Same Side",
                "Iran",
                "cooperation",
                "cooperating",
                "Cooperative"
            ]
        );
        // "Iran" does not match inside "Iranian".
        assert!(!found(&b, "Iranians").iter().any(|s| s == "Iran"));
    }

    #[test]
    fn one_phrase_can_cue_two_frames() {
        let b = CompiledCodebook::new(Codebook {
            frames: vec![
                Frame {
                    id: "m".into(),
                    cues: vec!["military coordination".into()],
                    ..Default::default()
                },
                Frame {
                    id: "e".into(),
                    cues: vec!["coordinat*".into()],
                    ..Default::default()
                },
            ],
            ..Default::default()
        });
        let text = "no military coordination at all";
        let ms = b.matches(text, 0..text.len());
        assert_eq!(ms.len(), 2);
        assert_eq!(&text[ms[0].span.clone()], "military coordination");
        assert_eq!(&text[ms[1].span.clone()], "coordination");
    }

    #[test]
    fn curly_apostrophes_match_straight_cues() {
        let b = book(&["don't trust"], &[]);
        assert_eq!(
            found(&b, "We don\u{2019}t trust them"),
            ["don\u{2019}t trust"]
        );
    }

    #[test]
    fn patterns_are_regexes() {
        let b = book(&[], &[r"\bboots on the ground\b"]);
        assert_eq!(
            found(&b, "American Boots on the Ground"),
            ["Boots on the Ground"]
        );
    }

    #[test]
    fn bad_files_say_where_and_what() {
        let err = Codebook::from_ron("(version: 1, frames: [ (id: \"a\", name: 3) ])").unwrap_err();
        assert!(
            matches!(err, CodebookError::Syntax { line: 1, .. }),
            "{err}"
        );
        let err = Codebook::from_ron("(version: 99)").unwrap_err();
        assert_eq!(err, CodebookError::TooNew { found: 99 });
        let b = Codebook::from_ron("(frames: [(id: \"a\"), (id: \"a\")])").unwrap();
        assert_eq!(b.problems(), [CodebookError::DuplicateId("a".into())]);
    }

    #[test]
    fn one_bad_pattern_disables_that_pattern_alone() {
        let b = Codebook::from_ron(
            "(name: \"Mine\", frames: [(id: \"a\", name: \"Talks\", cues: [\"talk*\"], patterns: [\"(unclosed\", \"\\\\bboots\\\\b\"])])",
        )
        .unwrap();
        let c = CompiledCodebook::new(b);
        assert_eq!(c.book.name, "Mine", "the codebook is kept");
        match c.problems() {
            [
                CodebookError::BadPattern {
                    frame,
                    pattern,
                    message,
                },
            ] => {
                assert_eq!(frame, "Talks");
                assert_eq!(pattern, "(unclosed");
                assert!(message.contains("unclosed"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(found(&c, "They talked of boots."), ["talked", "boots"]);
    }

    #[test]
    fn unknown_fields_in_a_codebook_are_named() {
        let r =
            Codebook::read("(name: \"x\", frames: [(id: \"a\", colour: \"#ff0000\")])").unwrap();
        assert_eq!(r.unknown, ["frames.0.colour"]);
    }

    #[test]
    fn built_in_codebooks_parse_and_round_trip() {
        assert_eq!(built_in().len(), BUILT_IN.len());
        for (name, b) in built_in() {
            assert!(!b.frames.is_empty(), "{name}");
            for f in &b.frames {
                assert!(
                    parse_hex_color(&f.color).is_some(),
                    "{name}: {} colour",
                    f.id
                );
                assert!(
                    !f.cues.is_empty() || !f.patterns.is_empty(),
                    "{name}: {} has no cues",
                    f.id
                );
                assert!(
                    !f.questions.is_empty(),
                    "{name}: {} has no indicator questions",
                    f.id
                );
            }
            let again = Codebook::from_ron(&b.to_ron()).unwrap();
            assert_eq!(again, b);
        }
    }

    #[test]
    fn the_best_fitting_codebook_is_chosen_by_cue_density() {
        let books: Vec<CompiledCodebook> = built_in()
            .into_iter()
            .map(|(_, b)| CompiledCodebook::new(b))
            .collect();
        let generic = books
            .iter()
            .position(|b| b.book.name == "Generic news frames")
            .unwrap();
        let issue = books
            .iter()
            .position(|b| b.book.name.starts_with("US–Iran"))
            .unwrap();
        let seeds = crate::corpus::Corpus::bundled();
        let docs: Vec<&crate::document::Document> =
            seeds.documents.iter().map(|d| d.as_ref()).collect();
        let books: Vec<&CompiledCodebook> = books.iter().collect();
        assert_eq!(
            best_fit(&books, &docs),
            issue,
            "the seeds are about US–Iran cooperation"
        );
        let other = crate::document::Document::from_text(
            "o.txt",
            crate::document::Format::Text,
            "Budget row\n\nThe council blamed the mayor for the budget crisis. Families fear the cost of rents; critics accuse the government of failure and say it must act.",
        );
        assert_eq!(
            best_fit(&books, &[&other]),
            generic,
            "a city budget story gets the generic frames"
        );
    }

    #[test]
    fn a_new_frame_gets_a_colour_no_frame_has_and_its_id_follows_its_first_name() {
        let mut b = Codebook::default();
        for i in 0..6 {
            let f = b.new_frame();
            assert!(
                b.frames.iter().all(|g| g.color != f.color),
                "frame {i}: {} is taken",
                f.color
            );
            assert_ne!(parse_hex_color(&f.color), Some([128, 128, 128]));
            b.frames.push(f);
        }
        assert_eq!(b.frames[0].id, "new-frame");
        assert_eq!(b.frames[1].id, "new-frame-2");
        b.frames[1].name = "Refugees and aid".into();
        b.derive_id(1);
        assert_eq!(b.frames[1].id, "refugees-and-aid");
        // Its own id does not count as taken; another frame's does.
        b.derive_id(1);
        assert_eq!(b.frames[1].id, "refugees-and-aid");
        b.frames[2].name = "Refugees and aid".into();
        b.derive_id(2);
        assert_eq!(b.frames[2].id, "refugees-and-aid-2");
        let book = built_in().remove(0).1;
        // Its new frames avoid the colours it has.
        let f = book.new_frame();
        assert!(book.frames.iter().all(|g| g.color != f.color));
    }

    #[test]
    fn groups_are_listed_once_in_the_order_they_first_appear() {
        let mut b = Codebook::default();
        for g in ["Entman", "", "Generic", "Entman", "Generic", ""] {
            b.frames.push(Frame {
                group: g.into(),
                ..Default::default()
            });
        }
        assert_eq!(b.groups(), ["Entman", "Generic"]);
    }

    #[test]
    fn the_farthest_colour_avoids_the_frames_colours() {
        let mut b = Codebook::default();
        let palette = ["#ffff00", "#00ffff", "#ff00ff"];
        assert_eq!(
            b.farthest_color(&palette),
            "#ffff00",
            "no frames: the first"
        );
        for c in ["#eeee11", "#11eeee"] {
            b.frames.push(Frame {
                color: c.into(),
                ..Default::default()
            });
        }
        assert_eq!(b.farthest_color(&palette), "#ff00ff");
    }

    #[test]
    fn fresh_ids_are_unique() {
        let mut b = Codebook::default();
        let id = b.fresh_id("Domestic risk!");
        assert_eq!(id, "domestic-risk");
        b.frames.push(Frame {
            id,
            ..Default::default()
        });
        assert_eq!(b.fresh_id("Domestic risk"), "domestic-risk-2");
    }
}
