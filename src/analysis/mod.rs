//! How each article frames the question: frames, actors, quotes, stance, distinctive words,
//! linked passages. Pure data in, data out; no egui.

pub mod actors;
pub mod align;
pub mod attribution;
pub mod codebook;
pub mod folder;
pub mod frames;
pub mod lexicon;
pub mod phrases;
pub mod quotes;
pub mod shelf;
pub mod stance;
pub mod terms;

pub mod cache;
pub mod summary;

use serde::Serialize;

use crate::document::{Block, BlockKind, Document, Section};

/// Everything Parallax finds in one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocAnalysis {
    pub frames: frames::FrameAnalysis,
    pub actors: actors::ActorAnalysis,
    pub quotes: Vec<quotes::Quote>,
    /// The people and organisations that speak in the article, with every mention of each.
    pub speakers: Vec<attribution::Entity>,
    pub stance: stance::StanceAnalysis,
}

/// Analyse one document with a codebook and the built-in lexicons.
pub fn analyze_document(doc: &Document, codebook: &codebook::CompiledCodebook) -> DocAnalysis {
    let never = std::sync::atomic::AtomicBool::new(false);
    analyze_document_until(doc, codebook, &never).unwrap_or_default()
}

/// Like [`analyze_document`], giving up (None) between stages once `cancel` is set: the
/// reader moved on to another article and the work is no longer wanted.
pub fn analyze_document_until(
    doc: &Document,
    codebook: &codebook::CompiledCodebook,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<DocAnalysis> {
    let go_on = || (!cancel.load(std::sync::atomic::Ordering::Relaxed)).then_some(());
    let lx = lexicon::Lexicons::built_in();
    go_on()?;
    // Frames, actors, and quotes with the stance that reads them need nothing from one
    // another: they are found on three threads (a long article beside a short one would
    // otherwise leave a core idle; for 10 MB they take about 0.6, 0.9 and 0.9 s).
    let (frames, actors, quoted) = std::thread::scope(|s| {
        let frames = s.spawn(|| frames::analyze(doc, codebook));
        let actors = s.spawn(|| actors::analyze(doc, &codebook.gazetteer));
        let quoted = (|| {
            let (quotes, speakers) =
                quotes::analyze(doc, lx, &codebook.gazetteer, attribution::Words::built_in());
            go_on()?;
            let stance = stance::analyze(doc, &quotes, lx);
            Some((quotes, speakers, stance))
        })();
        (join(frames), join(actors), quoted)
    });
    let (quotes, speakers, stance) = quoted?;
    go_on()?;
    Some(DocAnalysis {
        frames,
        actors,
        quotes,
        speakers,
        stance,
    })
}

/// A stage's result from its thread; a panic there is the caller's, as if the stage had
/// run on the caller's thread.
fn join<T>(stage: std::thread::ScopedJoinHandle<'_, T>) -> T {
    stage
        .join()
        .unwrap_or_else(|payload| std::panic::resume_unwind(payload))
}

/// What Parallax finds by comparing two documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    pub distinctive: terms::Distinctive,
    pub links: Vec<align::Link>,
}

/// How many distinctive terms each side lists.
pub const DISTINCTIVE_TERMS: usize = 25;

/// Compare two documents: distinctive words and linked passages.
pub fn compare(left: &Document, right: &Document) -> Comparison {
    let never = std::sync::atomic::AtomicBool::new(false);
    compare_until(left, right, &never).unwrap_or_default()
}

/// Like [`compare`], giving up (None) between stages once `cancel` is set.
pub fn compare_until(
    left: &Document,
    right: &Document,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<Comparison> {
    let lx = lexicon::Lexicons::built_in();
    let distinctive = terms::distinctive(left, right, lx, DISTINCTIVE_TERMS);
    if cancel.load(std::sync::atomic::Ordering::Relaxed) {
        return None;
    }
    Some(Comparison {
        distinctive,
        links: align::link(left, right, lx),
    })
}
/// Which part of a document a count belongs to: a long comment thread must not swamp the
/// article, so the two are always counted apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Article,
    Thread,
}

/// The blocks the analyses read, with their scope: the article's title, body, quotes,
/// headings and captions; the comments' own words (a comment repeating an earlier comment or
/// the article is not counted twice). Bylines, footers and boilerplate are left out.
pub fn scoped_blocks(doc: &Document) -> impl Iterator<Item = (usize, &Block, Scope)> {
    doc.blocks().iter().enumerate().filter_map(|(i, b)| {
        let repeat = b
            .quote
            .as_ref()
            .is_some_and(|q| q.from_comment.is_some() || q.from_article);
        match (b.section, b.kind) {
            (Section::Thread, BlockKind::Paragraph | BlockKind::Quote) if !repeat => {
                Some((i, b, Scope::Thread))
            }
            (
                Section::Front | Section::Body,
                BlockKind::Title
                | BlockKind::Paragraph
                | BlockKind::Quote
                | BlockKind::Heading
                | BlockKind::Caption,
            ) => Some((i, b, Scope::Article)),
            _ => None,
        }
    })
}
