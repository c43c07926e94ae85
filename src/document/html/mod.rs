//! HTML → canonical text with paragraphs, using a real HTML5 parser (`scraper`/html5ever).
//!
//! Block elements become paragraphs separated by a blank line; inline whitespace collapses as a
//! browser would; `<br>` becomes a line break. The *whole* page goes into the canonical text,
//! so offsets never depend on a judgement: which blocks are the article is decided afterwards
//! ([`super::content`]), and the rest is marked as page furniture (kind `boilerplate`, shown
//! collapsed, counted by no analysis, and brought back by "keep the whole page").
//!
//! Elements that carry meaning the text parser cannot see (headings, block quotes, figure
//! captions) are passed on as [`Hint`]s; comment threads in markup (WordPress and other blog
//! engines, schema.org `Comment`) as a [`MarkupThread`]; what the page declares about itself
//! (JSON-LD, Open Graph, `<meta>`), weighed against the extractors, as [`SourceMeta`].

use rustc_hash::FxHashMap;
use scraper::{ElementRef, Html, Node, Selector};

use super::content::{self, Extracted};
use super::page_meta::{self, Declared};
use super::parse::{Hint, SourceMeta};
use super::text::{Span, name_key};
use super::{BlockKind, LinePrefix, dates};

mod meta;
use meta::*;
mod comments;
use comments::*;

/// The result of reducing an HTML page to text.
#[derive(Debug, Clone, Default)]
pub struct Reduced {
    pub text: String,
    pub hints: Vec<Hint>,
    pub meta: SourceMeta,
    /// Every author the page names (the first is `meta.author`'s first).
    pub authors: Vec<String>,
    /// The reader comments the markup holds.
    pub thread: Option<MarkupThread>,
    /// Characters of the canonical text in article blocks, and in page furniture.
    pub kept_chars: usize,
    pub cut_chars: usize,
}

/// A comment thread as the page's markup gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkupThread {
    pub comments: Vec<MarkupComment>,
}

/// One comment element of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupComment {
    /// From the comment's first text to its last (its replies excluded).
    pub span: Span,
    /// The author and date line, when the markup sets one apart.
    pub header: Option<Span>,
    /// The comment's own text.
    pub body: Span,
    pub author: Option<String>,
    pub date: Option<String>,
    /// The comment this one answers (from the nesting).
    pub parent: Option<usize>,
    /// A pingback or trackback: another site linking here, not a reader.
    pub pingback: bool,
}

/// How to read a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Keep every block as text of the article (no page furniture is cut).
    pub whole_page: bool,
}

/// Nesting deeper than this is flattened (protects the walk from pathological pages).
const MAX_DEPTH: usize = 200;

/// Reduce an HTML document to canonical text, hints and metadata.
pub fn reduce(html: &str) -> Reduced {
    reduce_with(html, Options::default())
}

/// [`reduce`], with options.
pub fn reduce_with(html: &str, options: Options) -> Reduced {
    let doc = Html::parse_document(html);
    let declared = page_meta::read(&doc);
    let roots = comment_roots(&doc);
    // The extractors read the page without what is known not to be the article — scripts,
    // styles, pictures drawn in SVG, and the comment thread (eighty comments outweigh three
    // paragraphs) —, on other threads while this one reads the comments and walks the page.
    let cleaned = (!options.whole_page).then(|| {
        let mut without = doc.clone();
        let mut drop: Vec<ego_tree::NodeId> = roots.iter().map(|e| e.id()).collect();
        if let Ok(s) = Selector::parse("script:not([type='application/ld+json']), style, noscript, svg, template, iframe, canvas, nav, form, select, button") {
            drop.extend(doc.select(&s).map(|e| e.id()));
        }
        for id in drop {
            if let Some(mut node) = without.tree.get_mut(id) {
                node.detach();
            }
        }
        without.html()
    });
    std::thread::scope(|scope| {
        let extraction = cleaned
            .as_deref()
            .map(|page| scope.spawn(move || content::extract(page)));
        let (comment_info, marks) = comment_details(&doc, &roots);
        let mut out = Builder {
            marks,
            ..Builder::default()
        };
        let root = Selector::parse("body")
            .ok()
            .and_then(|s| doc.select(&s).next())
            .unwrap_or_else(|| doc.root_element());
        let has_h1 = Selector::parse("body h1")
            .ok()
            .is_some_and(|s| doc.select(&s).next().is_some());
        // A page without a heading gets its title as the first block: what the page
        // declares, never what the extractors found (the text must not depend on them).
        if !has_h1
            && let Some(t) = choose_title(&doc, &declared, &Extracted::default())
                .or_else(|| declared.title_tag.clone())
        {
            out.text_node(&t);
            out.flush(Some(BlockKind::Title));
        }
        out.walk(root, None, 0);
        out.flush(None);
        // The blocks' word pairs, while the extractors may still be at work.
        let pairs: Vec<Vec<u64>> = if options.whole_page {
            Vec::new()
        } else {
            out.blocks
                .iter()
                .filter(|b| b.comment.is_none())
                .map(|b| content::pairs(&out.text[b.span.clone()]))
                .collect()
        };
        let extracted = extraction
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default();
        let title = choose_title(&doc, &declared, &extracted);
        finish(
            out,
            comment_info,
            &declared,
            &extracted,
            &pairs,
            title,
            options,
        )
    })
}

/// Decide the article blocks, the title, the bylines and the thread.
fn finish(
    out: Builder,
    comments: Vec<CommentInfo>,
    declared: &Declared,
    extracted: &Extracted,
    pairs: &[Vec<u64>],
    title: Option<String>,
    options: Options,
) -> Reduced {
    let text = out.text;
    let mut blocks = out.blocks;
    // The article: blocks outside comments that the voters keep.
    let outside: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].comment.is_none())
        .collect();
    // None: nothing to judge by (the whole page is kept, as the markup marks it).
    let keep = if options.whole_page {
        None
    } else {
        let furniture: Vec<bool> = outside
            .iter()
            .map(|&i| blocks[i].kind == Some(BlockKind::Boilerplate))
            .collect();
        content::article_blocks(
            pairs,
            &furniture,
            extracted,
            declared.article_body.as_deref(),
        )
    };
    let authors = choose_authors(declared, extracted);
    let title_key = title.as_deref().map(normalized);
    let mut title_block = None;
    // The title is the first block that reads as the chosen title (else the first h1).
    if let Some(key) = &title_key {
        title_block = outside
            .iter()
            .copied()
            .find(|&i| normalized(&text[blocks[i].span.clone()]) == *key);
    }
    if title_block.is_none() {
        title_block = outside
            .iter()
            .copied()
            .find(|&i| blocks[i].kind == Some(BlockKind::Title));
    }
    let mut kept_chars = 0;
    let mut cut_chars = 0;
    for (k, &i) in outside.iter().enumerate() {
        let b = &mut blocks[i];
        let s = &text[b.span.clone()];
        if Some(i) == title_block {
            b.kind = Some(BlockKind::Title);
            kept_chars += s.len();
            continue;
        }
        if b.kind == Some(BlockKind::Title) {
            b.kind = Some(BlockKind::Heading);
        }
        let Some(keep) = &keep else {
            kept_chars += s.len();
            continue;
        };
        if keep[k] {
            kept_chars += s.len();
            if b.kind == Some(BlockKind::Boilerplate) {
                b.kind = None;
            }
            continue;
        }
        // Cut, unless it is the byline (extractors drop bylines; the parser wants them): a
        // block naming an author, or one reading as a byline just after the title.
        if is_byline_block(s, &authors) {
            b.kind = Some(BlockKind::Byline);
            continue;
        }
        let near_title = title_block.is_some_and(|t| i > t && i <= t + 3);
        if near_title && super::parse::looks_like_byline(s) {
            b.kind = None;
            continue;
        }
        cut_chars += s.len();
        b.kind = Some(BlockKind::Boilerplate);
        b.cut = true;
    }
    let thread = markup_thread(&text, &blocks, comments);
    let hints = blocks
        .iter()
        .filter(|b| b.kind.is_some())
        .map(|b| Hint {
            span: b.span.clone(),
            kind: b.kind,
            prefix: LinePrefix::Indent,
            cut: b.cut,
        })
        .collect();
    let meta = SourceMeta {
        title,
        author: (!authors.is_empty()).then(|| authors.join(", ")),
        outlet: choose_outlet(declared, extracted),
        date: [
            declared.published.clone(),
            extracted
                .readability
                .as_ref()
                .and_then(|r| r.published.clone()),
            extracted
                .trafilatura
                .as_ref()
                .and_then(|r| r.published.clone()),
        ]
        .into_iter()
        .flatten()
        .find_map(|d| dates::find_date(&d).map(|(_, date)| date)),
        authoritative: true,
    };
    Reduced {
        text,
        hints,
        meta,
        authors,
        thread,
        kept_chars,
        cut_chars,
    }
}

/// One block as the walk made it.
#[derive(Debug, Clone)]
struct BlockRec {
    span: Span,
    kind: Option<BlockKind>,
    /// The comment it belongs to, and its part there.
    comment: Option<(usize, Role)>,
    /// Cut from the article as page furniture.
    cut: bool,
}

#[derive(Default)]
struct Builder {
    text: String,
    blocks: Vec<BlockRec>,
    /// Inline text of the block being built.
    line: String,
    seen_h1: bool,
    /// Depth of `<pre>` elements we are inside.
    pre: usize,
    marks: FxHashMap<ego_tree::NodeId, Mark>,
    /// The comment (and part of it) the walk is in.
    comment: Option<(usize, Role)>,
}

impl Builder {
    fn text_node(&mut self, s: &str) {
        if self.pre > 0 {
            self.line.push_str(s);
            return;
        }
        for (i, word) in s.split_whitespace().enumerate() {
            let starts_with_space = i > 0 || s.starts_with(char::is_whitespace);
            if starts_with_space && !self.line.is_empty() && !self.line.ends_with([' ', '\n']) {
                self.line.push(' ');
            }
            self.line.push_str(word);
        }
        if s.ends_with(char::is_whitespace)
            && !self.line.is_empty()
            && !self.line.ends_with([' ', '\n'])
        {
            self.line.push(' ');
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.line.trim_end_matches(' ').len();
        self.line.truncate(trimmed);
        self.line.push('\n');
    }

    /// End the current block; `kind` is the hint for it, if any.
    fn flush(&mut self, kind: Option<BlockKind>) {
        let block = std::mem::take(&mut self.line);
        let block = if self.pre > 0 {
            block.trim_matches('\n').to_owned()
        } else {
            block
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        if block.is_empty() || block == "\u{2022}" {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(&block);
        self.blocks.push(BlockRec {
            span: start..self.text.len(),
            kind,
            comment: self.comment,
            cut: false,
        });
    }

    fn walk(&mut self, element: ElementRef<'_>, inherited: Option<BlockKind>, depth: usize) {
        for child in element.children() {
            match child.value() {
                Node::Text(t) => self.text_node(t),
                Node::Element(e) => {
                    let Some(child_ref) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = e.name();
                    if matches!(
                        name,
                        "script"
                            | "style"
                            | "noscript"
                            | "template"
                            | "svg"
                            | "head"
                            | "iframe"
                            | "button"
                            | "select"
                            | "textarea"
                            | "input"
                            | "canvas"
                            | "math"
                    ) {
                        continue;
                    }
                    if name == "br" {
                        self.line_break();
                        continue;
                    }
                    let mark = self.marks.get(&child.id()).copied();
                    if let Some(m) = mark {
                        // Entering a comment, or a part of one: its text is its own block.
                        self.flush(inherited);
                        let saved = self.comment;
                        self.comment = Some(match m {
                            Mark::Root(i) => (i, Role::Other),
                            Mark::Header(i) => (i, Role::Header),
                            Mark::Body(i) => (i, Role::Body),
                        });
                        self.walk(child_ref, None, depth + 1);
                        self.flush(None);
                        self.comment = saved;
                        continue;
                    }
                    if depth >= MAX_DEPTH || !is_block(name) {
                        self.walk(child_ref, inherited, depth + 1);
                        continue;
                    }
                    // A block element: close the text before it, walk it, close it.
                    self.flush(inherited);
                    let kind = self.kind_of(name).or(inherited);
                    if name == "li" && self.comment.is_none() {
                        self.line.push_str("\u{2022} ");
                    }
                    if name == "pre" {
                        self.pre += 1;
                    }
                    self.walk(child_ref, kind, depth + 1);
                    self.flush(kind);
                    if name == "pre" {
                        self.pre -= 1;
                    }
                }
                _ => {}
            }
        }
    }

    fn kind_of(&mut self, name: &str) -> Option<BlockKind> {
        match name {
            "h1" if !self.seen_h1 => {
                self.seen_h1 = true;
                Some(BlockKind::Title)
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
            "blockquote" => Some(BlockKind::Quote),
            "figcaption" | "caption" => Some(BlockKind::Caption),
            "footer" | "nav" | "aside" => Some(BlockKind::Boilerplate),
            _ => None,
        }
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "figure"
            | "figcaption"
            | "pre"
            | "table"
            | "tr"
            | "caption"
            | "hr"
            | "address"
            | "body"
            | "html"
            | "form"
            | "fieldset"
    )
}

#[cfg(test)]
mod tests;
