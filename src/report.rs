//! The headless report (`parallax report FOLDER`): what was read, as Markdown or JSON.
//!
//! Offsets in the report are Unicode code points into each document's canonical text, so
//! scripts in any language can slice the text with them.

use serde::Serialize;

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
    pub format: String,
    pub content_hash: String,
    /// Words in the article (title, bylines, body, quotes, headings, captions).
    pub words: usize,
    /// Words in the comment thread.
    pub comment_words: usize,
    pub categories: Vec<String>,
    pub blocks: Vec<BlockReport>,
    pub comments: Vec<CommentReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockReport {
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
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
        }
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

impl DocumentReport {
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
            format: format!("{:?}", doc.source.format).to_lowercase(),
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
        }
    }
}
