//! The headless report (`parallax report FOLDER`): what was read, as Markdown or JSON.
//!
//! Offsets in the report are Unicode code points into each document's canonical text, so
//! scripts in any language can slice the text with them.

use serde::Serialize;

use crate::analysis::attribution::{EntityKind, Resolution};
use crate::analysis::codebook::CompiledCodebook;
use crate::analysis::quotes::QuoteKind;
use crate::analysis::{Comparison, DocAnalysis, Scope};
use crate::corpus::Corpus;
use crate::document::{AuthorSource, Document};

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub folder: String,
    pub documents: Vec<DocumentReport>,
    pub skipped: Vec<SkippedReport>,
    /// Limits reached while reading the folder.
    pub notices: Vec<String>,
    /// The codebook the frames were counted with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub codebook: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<ComparisonReport>,
    /// How far the study's coders agree, when it has two or more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement: Option<AgreementReport>,
    /// The folder at a glance: one row per article with each frame's cue density and the
    /// reader's codes (the folder view's table).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corpus: Option<crate::analysis::folder::Table>,
}

/// Intercoder agreement: one entry per pair of coders (most codings first).
#[derive(Debug, Clone, Serialize)]
pub struct AgreementReport {
    pub unit: crate::notes::agreement::Unit,
    pub coders: Vec<String>,
    pub pairs: Vec<crate::notes::agreement::Agreement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FrameReport {
    pub frame: String,
    pub id: String,
    /// Cue hits in the article.
    pub hits: usize,
    pub per_1000_words: f64,
    pub thread_hits: usize,
    pub thread_per_1000_words: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorReport {
    pub name: String,
    /// "person", "country", …; null for a name the gazetteer does not know.
    pub kind: Option<&'static str>,
    /// Mentions in the article.
    pub mentions: usize,
    pub thread_mentions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteReport {
    pub speaker: Option<String>,
    pub anonymous: bool,
    pub verb: Option<String>,
    pub verb_class: Option<&'static str>,
    pub kind: QuoteKind,
    pub scope: Scope,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The reporting verb, "according to" or the colon, where it is in the text.
    pub cue: Option<TextSpan>,
    /// The words naming the speaker here ("the spokeswoman", "she").
    pub speaker_mention: Option<TextSpan>,
    /// The speaker: an index into the document's `speakers`.
    pub entity: Option<usize>,
    /// How the mention was tied to the speaker: "name", "surname", "role",
    /// "organisation", "pronoun", "description", "continuation".
    pub resolution: Option<Resolution>,
}

/// A stretch of the text (offsets in code points, like every offset in the report).
#[derive(Debug, Clone, Serialize)]
pub struct TextSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One person or organisation that speaks in the article.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerReport {
    pub name: String,
    /// "person", "organisation", "media", "unnamed".
    pub kind: EntityKind,
    /// "officials", "experts", "citizens", "anonymous", "organisations", "media".
    pub speaker_type: &'static str,
    /// How the article introduces them ("Daniel Ortiz, a spokesman for the mayor").
    pub introduction: Option<String>,
    pub roles: Vec<String>,
    /// Every mention: name, surname, description or pronoun.
    pub mentions: Vec<TextSpan>,
    pub direct: usize,
    pub partial: usize,
    pub indirect: usize,
    /// Passages quoted as blocks after an introduction.
    pub excerpts: usize,
    /// Words quoted or reported.
    pub words: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StanceReport {
    pub hedges: usize,
    pub boosters: usize,
    pub hedges_per_1000: f64,
    pub boosters_per_1000: f64,
    pub thread_hedges_per_1000: f64,
    pub thread_boosters_per_1000: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermReport {
    pub term: String,
    pub z: f64,
    pub left_count: usize,
    pub right_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DistinctiveReport {
    pub left: Vec<TermReport>,
    pub right: Vec<TermReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkReport {
    pub left_start: usize,
    pub left_end: usize,
    pub right_start: usize,
    pub right_end: usize,
    pub score: f64,
    pub shared_terms: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComparisonReport {
    pub left: String,
    pub right: String,
    pub distinctive_terms: DistinctiveReport,
    pub linked_passages: Vec<LinkReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    pub file: String,
    pub title: String,
    pub author: Option<String>,
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub encoding: String,
    /// Invalid byte sequences replaced while decoding.
    #[serde(skip_serializing_if = "is_zero")]
    pub replaced_bytes: usize,
    pub format: String,
    /// For a web page: characters kept as the article, and cut as page furniture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_chars: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cut_chars: Option<usize>,
    /// Every author, when the page names several.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    pub content_hash: String,
    /// Words in the article (title, bylines, body, quotes, headings, captions).
    pub words: usize,
    /// Words in the comment thread.
    pub comment_words: usize,
    pub categories: Vec<String>,
    pub blocks: Vec<BlockReport>,
    pub comments: Vec<CommentReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frames: Option<Vec<FrameReport>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actors: Option<Vec<ActorReport>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Vec<QuoteReport>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speakers: Option<Vec<SpeakerReport>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<StanceReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockReport {
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    /// The block's text (`text[start..end]` of the canonical text), so scripts need not
    /// rebuild the text.
    pub text: String,
    /// Index into `comments` for blocks of the comment thread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<usize>,
    /// Who a quote is from, where the text says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentReport {
    pub number: Option<u32>,
    pub author: Option<String>,
    /// The author line is missing and the name comes from a later reply.
    pub author_inferred: bool,
    pub date: Option<String>,
    /// Indexes into the same `comments` list.
    pub replies_to: Vec<usize>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedReport {
    pub file: String,
    pub reason: String,
}

impl Report {
    pub fn new(corpus: &Corpus) -> Self {
        Self {
            folder: corpus.root.display().to_string(),
            documents: corpus
                .documents
                .iter()
                .map(|d| DocumentReport::new(d))
                .collect(),
            skipped: corpus
                .skipped
                .iter()
                .map(|s| SkippedReport {
                    file: s.rel_path.clone(),
                    reason: s.reason.to_string(),
                })
                .collect(),
            notices: corpus.notices.iter().map(ToString::to_string).collect(),
            codebook: None,
            comparison: None,
            agreement: None,
            corpus: None,
        }
    }

    /// Add the folder's table: each article's frame densities and, from the study, its
    /// notes and codes.
    pub fn with_corpus(
        mut self,
        corpus: &Corpus,
        codebook: &CompiledCodebook,
        study: Option<&crate::notes::model::Study>,
    ) -> Self {
        use crate::analysis::folder::CountCache;
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let never = std::sync::atomic::AtomicBool::new(false);
        // Not cancelled, so every article is counted.
        let counted = CountCache::default()
            .count_all(
                corpus,
                codebook,
                &codebook.book.key(),
                workers,
                &never,
                &|_| {},
            )
            .unwrap_or_default();
        let empty = crate::notes::model::Study::default();
        self.corpus = Some(crate::analysis::folder::Table::new(
            corpus,
            codebook,
            &counted,
            study.unwrap_or(&empty),
        ));
        self
    }

    /// Add the agreement of every pair of the study's coders over `unit`s of the folder's
    /// articles (nothing when it has fewer than two).
    pub fn with_agreement(
        mut self,
        study: &crate::notes::model::Study,
        corpus: &Corpus,
        unit: crate::notes::agreement::Unit,
    ) -> Self {
        use crate::notes::agreement;
        let coders = agreement::coders(study);
        if coders.len() < 2 {
            return self;
        }
        let mut pairs = Vec::new();
        for (i, a) in coders.iter().enumerate() {
            for b in &coders[i + 1..] {
                pairs.push(agreement::measure(study, corpus, [a, b], unit));
            }
        }
        self.agreement = Some(AgreementReport {
            unit,
            coders,
            pairs,
        });
        self
    }

    /// Add the framing lens: per-document analyses with `codebook`, and the comparison of
    /// documents `left` and `right` (indexes into the corpus).
    pub fn with_analysis(
        mut self,
        corpus: &Corpus,
        codebook: &CompiledCodebook,
        pair: Option<(usize, usize)>,
    ) -> Self {
        self.codebook = Some(codebook.book.name.clone());
        for (d, r) in corpus.documents.iter().zip(self.documents.iter_mut()) {
            let a = crate::analysis::analyze_document(d, codebook);
            r.add_analysis(d, &a, codebook);
        }
        if let Some((l, r)) = pair
            && let (Some(ld), Some(rd)) = (corpus.documents.get(l), corpus.documents.get(r))
        {
            let c = crate::analysis::compare(ld, rd);
            self.comparison = Some(ComparisonReport::new(ld, rd, &c));
        }
        self
    }

    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn to_markdown(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(out, "# Parallax report: {}\n", self.folder);
        let _ = writeln!(
            out,
            "{} article(s) read, {} file(s) skipped.\n",
            self.documents.len(),
            self.skipped.len()
        );
        for d in &self.documents {
            let _ = writeln!(out, "## {}\n", d.title);
            let _ = writeln!(out, "| | |\n|---|---|");
            let _ = writeln!(out, "| File | `{}` |", d.file);
            let _ = writeln!(out, "| Author | {} |", d.author.as_deref().unwrap_or("—"));
            let _ = writeln!(out, "| Outlet | {} |", d.outlet.as_deref().unwrap_or("—"));
            let _ = writeln!(out, "| Date | {} |", d.date.as_deref().unwrap_or("—"));
            let _ = writeln!(out, "| Encoding | {} ({}) |", d.encoding, d.format);
            if d.replaced_bytes > 0 {
                let _ = writeln!(
                    out,
                    "| Invalid bytes | {} replaced by U+FFFD |",
                    d.replaced_bytes
                );
            }
            if let (Some(kept), Some(cut)) = (d.kept_chars, d.cut_chars) {
                let _ = writeln!(
                    out,
                    "| Page furniture | {cut} characters cut, {kept} kept as the article |"
                );
            }
            let _ = writeln!(
                out,
                "| Words | {} in the article, {} in comments |",
                d.words, d.comment_words
            );
            if !d.categories.is_empty() {
                let _ = writeln!(out, "| Filed under | {} |", d.categories.join(", "));
            }
            let mut kinds: Vec<(&str, usize)> = Vec::new();
            for b in d.blocks.iter().filter(|b| b.comment.is_none()) {
                match kinds.iter_mut().find(|(k, _)| *k == b.kind) {
                    Some((_, n)) => *n += 1,
                    None => kinds.push((b.kind, 1)),
                }
            }
            let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
            let _ = writeln!(out, "| Blocks | {} |", kinds.join(", "));
            let _ = writeln!(out, "| Comments | {} |\n", d.comments.len());
            if let Some(frames) = &d.frames {
                let _ = writeln!(out, "Frames (cue hits; per 1,000 words; thread apart):\n");
                let _ = writeln!(
                    out,
                    "| Frame | Article hits | per 1,000 | Thread hits | per 1,000 |\n|---|---|---|---|---|"
                );
                for f in frames {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {:.1} | {} | {:.1} |",
                        f.frame, f.hits, f.per_1000_words, f.thread_hits, f.thread_per_1000_words
                    );
                }
                out.push('\n');
            }
            if let Some(quotes) = &d.quotes {
                let article: Vec<&QuoteReport> = quotes
                    .iter()
                    .filter(|q| q.scope == Scope::Article)
                    .collect();
                if !article.is_empty() {
                    let _ = writeln!(out, "Quotes in the article:\n");
                    for q in article {
                        let text: String = q.text.chars().take(90).collect();
                        let _ = writeln!(
                            out,
                            "- {} — {} ({}): “{}{}”",
                            q.speaker.as_deref().unwrap_or("(unattributed)"),
                            q.verb.as_deref().unwrap_or("—"),
                            q.verb_class.unwrap_or("—"),
                            text,
                            if q.text.chars().count() > 90 {
                                "…"
                            } else {
                                ""
                            }
                        );
                    }
                    out.push('\n');
                }
            }
            if let Some(speakers) = d.speakers.as_ref().filter(|s| !s.is_empty()) {
                let _ = writeln!(out, "Who speaks in the article:\n");
                let mut list: Vec<&SpeakerReport> = speakers
                    .iter()
                    .filter(|s| s.direct + s.partial + s.indirect + s.excerpts > 0)
                    .collect();
                list.sort_by(|a, b| b.words.cmp(&a.words).then(a.name.cmp(&b.name)));
                for sp in list {
                    let intro = sp
                        .introduction
                        .as_deref()
                        .map(|i| format!(" — introduced as “{i}”"))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "- {} ({}): {} direct, {} partial, {} reported, {} excerpts; {} words{intro}",
                        sp.name,
                        sp.speaker_type,
                        sp.direct,
                        sp.partial,
                        sp.indirect,
                        sp.excerpts,
                        sp.words
                    );
                }
                out.push('\n');
            }
            if let Some(s) = &d.stance {
                let _ = writeln!(
                    out,
                    "Stance: {:.1} hedges and {:.1} boosters per 1,000 words.\n",
                    s.hedges_per_1000, s.boosters_per_1000
                );
            }
            if let Some(actors) = &d.actors {
                let top: Vec<String> = actors
                    .iter()
                    .filter(|a| a.mentions > 0)
                    .take(10)
                    .map(|a| format!("{} ({})", a.name, a.mentions))
                    .collect();
                if !top.is_empty() {
                    let _ = writeln!(out, "Actors: {}.\n", top.join(", "));
                }
            }
            if !d.comments.is_empty() {
                let _ = writeln!(out, "| # | Author | Date | Replies to |\n|---|---|---|---|");
                for c in &d.comments {
                    let number = c.number.map_or_else(|| "—".to_owned(), |n| n.to_string());
                    let mut author = c.author.clone().unwrap_or_else(|| "(unknown)".into());
                    if c.author_inferred {
                        author.push_str(" (inferred)");
                    }
                    let replies: Vec<String> = c
                        .replies_to
                        .iter()
                        .map(|&i| {
                            let target = &d.comments[i];
                            let who = target.author.as_deref().unwrap_or("(unknown)");
                            target
                                .number
                                .map_or_else(|| who.to_owned(), |n| format!("{n} ({who})"))
                        })
                        .collect();
                    let _ = writeln!(
                        out,
                        "| {number} | {author} | {} | {} |",
                        c.date.as_deref().unwrap_or(""),
                        replies.join(", ")
                    );
                }
                out.push('\n');
            }
        }
        if let Some(c) = &self.comparison {
            let _ = writeln!(out, "## Comparison: `{}` and `{}`\n", c.left, c.right);
            let _ = writeln!(
                out,
                "Distinctive words (weighted log-odds z, counts left/right):\n"
            );
            let side = |v: &[TermReport]| {
                v.iter()
                    .take(12)
                    .map(|t| {
                        format!(
                            "{} (z {:.2}, {}/{})",
                            t.term, t.z, t.left_count, t.right_count
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = writeln!(out, "- Left: {}", side(&c.distinctive_terms.left));
            let _ = writeln!(out, "- Right: {}\n", side(&c.distinctive_terms.right));
            let _ = writeln!(out, "{} linked passage(s).\n", c.linked_passages.len());
        }
        if let Some(t) = &self.corpus {
            let _ = writeln!(out, "{}", t.to_markdown());
        }
        if let Some(a) = &self.agreement {
            use crate::notes::agreement::coder_name;
            let _ = writeln!(
                out,
                "## Intercoder agreement (units: {}s)\n",
                a.unit.as_str()
            );
            let num = |x: Option<f64>| x.map_or_else(|| "n/a".to_owned(), |x| format!("{x:.3}"));
            for p in &a.pairs {
                let _ = writeln!(
                    out,
                    "### {} and {}\n\n| Code | Units | Both | Only {} | Only {} | Agreement | Cohen's κ | Krippendorff's α |\n|---|---|---|---|---|---|---|---|",
                    coder_name(&p.coders[0]),
                    coder_name(&p.coders[1]),
                    coder_name(&p.coders[0]),
                    coder_name(&p.coders[1]),
                );
                let row = |name: &str, m: &crate::notes::agreement::Measures| {
                    format!(
                        "| {name} | {} | {} | {} | {} | {:.1} % | {} | {} |",
                        m.units,
                        m.both,
                        m.only_first,
                        m.only_second,
                        m.percent * 100.0,
                        num(m.kappa),
                        num(m.alpha)
                    )
                };
                for c in &p.codes {
                    let _ = writeln!(out, "{}", row(&c.name, &c.measures));
                }
                let _ = writeln!(out, "{}\n", row("**All codes**", &p.overall));
                let _ = writeln!(out, "{} unit(s) disagreed on.\n", p.disagreements.len());
            }
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(out, "## Skipped files\n");
            for s in &self.skipped {
                let _ = writeln!(out, "- `{}`: {}", s.file, s.reason);
            }
            out.push('\n');
        }
        for n in &self.notices {
            let _ = writeln!(out, "> Note: {n}\n");
        }
        out
    }
}

impl ComparisonReport {
    pub fn new(left: &Document, right: &Document, c: &Comparison) -> Self {
        let terms = |v: &[crate::analysis::terms::TermScore]| {
            v.iter()
                .map(|t| TermReport {
                    term: t.term.clone(),
                    z: round3(t.z),
                    left_count: t.left_count,
                    right_count: t.right_count,
                })
                .collect()
        };
        Self {
            left: left.source.rel_path.clone(),
            right: right.source.rel_path.clone(),
            distinctive_terms: DistinctiveReport {
                left: terms(&c.distinctive.left),
                right: terms(&c.distinctive.right),
            },
            linked_passages: c
                .links
                .iter()
                .map(|l| LinkReport {
                    left_start: left.char_offset(l.left.start),
                    left_end: left.char_offset(l.left.end),
                    right_start: right.char_offset(l.right.start),
                    right_end: right.char_offset(l.right.end),
                    score: round3(l.score),
                    shared_terms: l.shared.clone(),
                })
                .collect(),
        }
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl DocumentReport {
    pub(crate) fn add_analysis(
        &mut self,
        doc: &Document,
        a: &DocAnalysis,
        codebook: &CompiledCodebook,
    ) {
        let cp = |byte: usize| doc.char_offset(byte);
        let span = |r: &crate::document::Span| TextSpan {
            text: doc.text[r.clone()].to_owned(),
            start: cp(r.start),
            end: cp(r.end),
        };
        self.frames = Some(
            codebook
                .frames()
                .iter()
                .zip(&a.frames.stats)
                .map(|(f, s)| FrameReport {
                    frame: f.name.clone(),
                    id: f.id.clone(),
                    hits: s.article_hits,
                    per_1000_words: round3(s.article_per_1000),
                    thread_hits: s.thread_hits,
                    thread_per_1000_words: round3(s.thread_per_1000),
                })
                .collect(),
        );
        self.actors = Some(
            a.actors
                .counts
                .iter()
                .map(|c| ActorReport {
                    name: c.name.clone(),
                    kind: c.kind.map(|k| k.as_str()),
                    mentions: c.article,
                    thread_mentions: c.thread,
                })
                .collect(),
        );
        self.quotes = Some(
            a.quotes
                .iter()
                .map(|q| QuoteReport {
                    speaker: q.speaker.clone(),
                    anonymous: q.anonymous,
                    verb: q.verb.clone(),
                    verb_class: q.verb_class.map(|c| c.as_str()),
                    kind: q.kind,
                    scope: q.scope,
                    text: doc.text[q.span.clone()].to_owned(),
                    start: cp(q.span.start),
                    end: cp(q.span.end),
                    cue: q.cue.as_ref().map(&span),
                    speaker_mention: q.speaker_mention.as_ref().map(&span),
                    entity: q.entity,
                    resolution: q.resolution,
                })
                .collect(),
        );
        // Per speaker: (direct, partial, indirect, excerpts, words), in one pass over the quotes.
        let mut counts = vec![[0usize; 5]; a.speakers.len()];
        for q in &a.quotes {
            if let Some(c) = q.entity.and_then(|e| counts.get_mut(e)) {
                match q.kind {
                    QuoteKind::Direct => c[0] += 1,
                    QuoteKind::Partial => c[1] += 1,
                    QuoteKind::Indirect => c[2] += 1,
                    QuoteKind::Excerpt => c[3] += 1,
                    QuoteKind::Comment => {}
                }
                c[4] += q.words;
            }
        }
        self.speakers = Some(
            a.speakers
                .iter()
                .zip(&counts)
                .map(
                    |(e, &[direct, partial, indirect, excerpts, words])| SpeakerReport {
                        name: e.name.clone(),
                        kind: e.kind,
                        speaker_type: e.speaker_type.as_str(),
                        introduction: e.introduction.clone(),
                        roles: e.roles.clone(),
                        mentions: e.mentions.iter().map(|m| span(&m.span)).collect(),
                        direct,
                        partial,
                        indirect,
                        excerpts,
                        words,
                    },
                )
                .collect(),
        );
        let st = &a.stance;
        self.stance = Some(StanceReport {
            hedges: st.article.hedges,
            boosters: st.article.boosters,
            hedges_per_1000: round3(st.article.hedges_per_1000()),
            boosters_per_1000: round3(st.article.boosters_per_1000()),
            thread_hedges_per_1000: round3(st.thread.hedges_per_1000()),
            thread_boosters_per_1000: round3(st.thread.boosters_per_1000()),
        });
    }

    pub fn new(doc: &Document) -> Self {
        let a = &doc.article;
        let cp = |byte: usize| doc.char_offset(byte);
        Self {
            file: doc.source.rel_path.clone(),
            title: doc.title().to_owned(),
            author: a.meta.author.as_ref().map(|f| f.value.clone()),
            outlet: a.meta.outlet.as_ref().map(|f| f.value.clone()),
            date: a.meta.date.as_ref().map(|f| f.value.to_string()),
            encoding: doc.source.encoding.to_owned(),
            replaced_bytes: doc.source.replaced,
            format: doc.source.format.as_str().to_owned(),
            kept_chars: doc.extraction.map(|e| e.kept_chars),
            cut_chars: doc.extraction.map(|e| e.cut_chars),
            authors: if a.meta.authors.len() > 1 {
                a.meta.authors.clone()
            } else {
                Vec::new()
            },
            content_hash: doc.hash.0.clone(),
            words: doc.words.article,
            comment_words: doc.words.thread,
            categories: a.meta.categories.clone(),
            blocks: a
                .blocks
                .iter()
                .map(|b| BlockReport {
                    kind: b.kind.as_str(),
                    start: cp(b.span.start),
                    end: cp(b.span.end),
                    text: doc.text[b.span.clone()].to_owned(),
                    comment: b.comment,
                    quote_source: b.quote.as_ref().and_then(|q| q.source.clone()),
                })
                .collect(),
            comments: a
                .comments
                .iter()
                .map(|c| CommentReport {
                    number: c.number,
                    author: c.author.clone(),
                    author_inferred: matches!(
                        c.author_source,
                        AuthorSource::InferredFromReply { .. }
                    ),
                    date: c.date.clone(),
                    replies_to: c.replies_to.iter().map(|r| r.to).collect(),
                    start: cp(c.span.start),
                    end: cp(c.span.end),
                })
                .collect(),
            frames: None,
            actors: None,
            quotes: None,
            speakers: None,
            stance: None,
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
