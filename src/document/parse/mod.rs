//! The article parser: canonical text → title, bylines, body blocks, footer and comment thread.
//!
//! It never fails: whatever the text, the worst outcome is a title (or none) and paragraphs.
//! The rules are precision-first heuristics over paragraphs (runs of non-blank lines), each
//! written for a pattern that recurs in exported articles, and each covered by a fixture test.
//! Format parsers (HTML, Markdown) pass what their markup says as [`Hint`]s, which win.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{
    Span, indent_width, is_close_quote, is_open_quote, line_spans, name_key, sentence_count,
    sentence_spans, trim_span, word_count,
};
use super::{
    Article, Block, BlockKind, Field, LinePrefix, Metadata, QuoteInfo, Section, dates, thread,
};

mod excerpt;
mod lines;
pub(super) use excerpt::{mark_excerpts, trailing_attribution};
pub(super) use lines::looks_like_byline;
use lines::*;

/// What a format parser knows about a span of the canonical text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub span: Span,
    /// The block kind the markup gives, or None to let the text rules decide.
    pub kind: Option<BlockKind>,
    pub prefix: LinePrefix,
    /// Page furniture cut from the article by main-content extraction (kind boilerplate,
    /// shown collapsed, brought back by "keep the whole page").
    pub cut: bool,
}

/// Metadata a format carries outside the text (HTML `<meta>`, Markdown front matter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<jiff::civil::Date>,
    /// What the format declares wins over what the text rules guessed (a web page's
    /// structured metadata); otherwise it only fills the gaps.
    pub authoritative: bool,
}

impl SourceMeta {
    /// Fill the fields the text did not give (or, when authoritative, replace them; a field
    /// the text gave with the same value keeps its span).
    pub fn fill(self, meta: &mut Metadata) {
        fn put<T: PartialEq>(slot: &mut Option<Field<T>>, value: Option<T>, over: bool) {
            let Some(v) = value else { return };
            match slot {
                Some(f) if f.value == v => {}
                Some(_) if !over => {}
                _ => *slot = Some(Field::detached(v)),
            }
        }
        let over = self.authoritative;
        put(&mut meta.title, self.title, over);
        put(&mut meta.author, self.author, over);
        put(&mut meta.outlet, self.outlet, over);
        put(&mut meta.date, self.date, over);
    }
}

/// Blocks larger than this are split (at a line, sentence or word break) so that the reading
/// view never lays out one huge paragraph.
pub const MAX_BLOCK_BYTES: usize = 16 * 1024;

/// A run of non-blank lines.
#[derive(Debug, Clone)]
pub(super) struct Para {
    pub span: Span,
    pub indent: usize,
    pub hint: Option<(Option<BlockKind>, LinePrefix)>,
    pub hard_wrapped: bool,
    /// Page furniture cut by main-content extraction (see [`Hint::cut`]).
    pub cut: bool,
}

/// Split `range` of `text` into paragraphs, cutting at hint boundaries.
pub(super) fn split_paragraphs(text: &str, range: Span, hints: &[Hint]) -> Vec<Para> {
    let mut raw: Vec<(Span, usize, Vec<usize>)> = Vec::new(); // span, indent, line lengths
    let mut current: Option<(usize, usize, usize, Vec<usize>)> = None; // start, end, indent, line lengths
    let region = &text[range.clone()];
    for line in line_spans(region) {
        let abs = range.start + line.start..range.start + line.end;
        let s = &text[abs.clone()];
        let blank = s
            .trim_start_matches(|c: char| c.is_whitespace() || c == '>')
            .is_empty();
        if blank {
            if let Some((start, end, indent, lens)) = current.take() {
                raw.push((start..end, indent, lens));
            }
            continue;
        }
        match current.as_mut() {
            Some((_, end, _, lens)) => {
                *end = abs.end;
                lens.push(s.trim().chars().count());
            }
            None => {
                current = Some((
                    abs.start,
                    abs.end,
                    indent_width(s),
                    vec![s.trim().chars().count()],
                ))
            }
        }
    }
    if let Some((start, end, indent, lens)) = current.take() {
        raw.push((start..end, indent, lens));
    }

    let mut out = Vec::with_capacity(raw.len());
    for (span, indent, lens) in raw {
        let hard_wrapped = looks_hard_wrapped(&lens);
        let first = hints.partition_point(|h| h.span.end <= span.start);
        let overlapping = hints[first..]
            .iter()
            .take_while(|h| h.span.start < span.end)
            .filter(|h| h.span.end > span.start)
            .collect::<Vec<_>>();
        let cut_by_hints = !overlapping.is_empty();
        let mut cursor = span.start;
        let mut push = |sp: Span, hint: Option<(Option<BlockKind>, LinePrefix)>, cut: bool| {
            let mut sp = trim_span(text, sp);
            if matches!(hint, Some((_, LinePrefix::QuoteMarker))) {
                let s = &text[sp.clone()];
                let skip = s.len()
                    - s.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
                        .len();
                sp.start += skip;
            }
            // Leftover markup between hints ("# ", a setext underline) is not a paragraph.
            if sp.is_empty()
                || (cut_by_hints
                    && hint.is_none()
                    && !text[sp.clone()].chars().any(char::is_alphanumeric))
            {
                return;
            }
            let indent = if sp.start == trim_span(text, span.clone()).start {
                indent
            } else {
                0
            };
            out.push(Para {
                span: sp,
                indent,
                hint,
                hard_wrapped,
                cut,
            });
        };
        for h in overlapping {
            let hs = h.span.start.max(span.start);
            let he = h.span.end.min(span.end);
            if hs > cursor {
                push(cursor..hs, None, false);
            }
            push(hs..he, Some((h.kind, h.prefix)), h.cut);
            cursor = he;
        }
        if cursor < span.end {
            push(cursor..span.end, None, false);
        }
    }
    out
}

/// A paragraph is hard-wrapped when its lines (all but the last) have similar, moderate lengths.
fn looks_hard_wrapped(line_lengths: &[usize]) -> bool {
    if line_lengths.len() < 3 {
        return false;
    }
    let body = &line_lengths[..line_lengths.len() - 1];
    let (min, max) = body
        .iter()
        .fold((usize::MAX, 0), |(lo, hi), &n| (lo.min(n), hi.max(n)));
    (40..=100).contains(&min) && max <= 100 && max - min <= 30
}

// ---------------------------------------------------------------------------------------------
// The parser

/// Parse canonical text into an article. `hints` must be sorted by start and not overlap.
pub fn parse_article(text: &str, hints: &[Hint]) -> Article {
    parse_article_with(text, hints, None)
}

/// [`parse_article`], with the comment thread a page's markup gives (then the text rules
/// do not look for one).
pub fn parse_article_with(
    text: &str,
    hints: &[Hint],
    markup_thread: Option<&super::html::MarkupThread>,
) -> Article {
    let paras = split_footer_lines(text, split_paragraphs(text, 0..text.len(), hints));
    let mut parser = Parser {
        text,
        article: Article::default(),
    };
    let back_markers: Vec<usize> = paras
        .iter()
        .filter(|p| {
            let s = text_of(text, p);
            BACK_MARKER.is_match(s) || ABOUT.is_match(first_line(s))
        })
        .map(|p| p.span.start)
        .collect();
    let body_start = paras.first().map_or(0, |p| p.span.end);
    let raw_thread = match markup_thread {
        Some(t) => thread::from_markup(text, t),
        None => thread::detect(text, body_start, back_markers.last().copied()),
    };
    let thread_start = raw_thread.as_ref().map_or(text.len(), |t| t.start);
    let thread_end = raw_thread.as_ref().map_or(text.len(), thread::end);
    let (pre, post): (Vec<Para>, Vec<Para>) =
        paras.into_iter().partition(|p| p.span.end <= thread_start);
    parser.article_blocks(&pre);
    if let Some(raw) = raw_thread {
        thread::build(&mut parser, raw);
    }
    // What a page prints after its comments (the comment form, the site's footer).
    for p in post.iter().filter(|p| p.span.start >= thread_end) {
        let kind = match p.hint {
            Some((Some(k), _)) if p.cut => k,
            _ => BlockKind::Boilerplate,
        };
        parser.push(kind, p.span.clone(), Section::Back, Some(p));
    }
    parser.article
}

/// Footers are often exported without blank lines ("FILED UNDER: …\nJane Roe\nAbout Jane
/// Roe\n…"): a paragraph holding a footer line is split into its lines.
fn split_footer_lines(text: &str, paras: Vec<Para>) -> Vec<Para> {
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        let s = text_of(text, &p);
        let footer = p.hint.is_none()
            && s.contains('\n')
            && s.lines()
                .any(|l| BACK_MARKER.is_match(l.trim()) || ABOUT.is_match(l.trim()));
        if !footer {
            out.push(p);
            continue;
        }
        for line in line_spans(s) {
            let abs = p.span.start + line.start..p.span.start + line.end;
            let span = trim_span(text, abs.clone());
            if !span.is_empty() {
                out.push(Para {
                    span,
                    indent: indent_width(&text[abs]),
                    hint: None,
                    cut: false,
                    hard_wrapped: false,
                });
            }
        }
    }
    out
}

pub(super) struct Parser<'t> {
    pub text: &'t str,
    pub article: Article,
}

impl Parser<'_> {
    /// Append a block, splitting it if it is oversized. Returns the index of its first piece.
    pub fn push(
        &mut self,
        kind: BlockKind,
        span: Span,
        section: Section,
        para: Option<&Para>,
    ) -> usize {
        let index = self.article.blocks.len();
        let prefix = para
            .and_then(|p| p.hint.map(|(_, prefix)| prefix))
            .unwrap_or_default();
        let hard_wrapped = para.is_some_and(|p| p.hard_wrapped);
        let cut = para.is_some_and(|p| p.cut);
        let mut start = span.start;
        let mut continued = false;
        while start < span.end {
            let end = split_point(self.text, start, span.end);
            let piece = trim_span(self.text, start..end);
            if !piece.is_empty() {
                self.article.blocks.push(Block {
                    kind,
                    span: piece,
                    section,
                    comment: None,
                    quote: None,
                    continued,
                    hard_wrapped,
                    line_prefix: prefix,
                    cut,
                });
                continued = true;
            }
            start = end;
        }
        index
    }

    fn set_author(&mut self, name: &str, span: Span) {
        if self.article.meta.author.is_none() {
            self.article.meta.author = Some(Field::at(name.trim().to_owned(), span));
        }
    }

    fn apply_byline(&mut self, b: Byline, base: usize) {
        if let Some((name, span)) = b.author {
            self.set_author(&name, base + span.start..base + span.end);
        }
        if let Some((outlet, span)) = b.outlet
            && self.article.meta.outlet.is_none()
        {
            self.article.meta.outlet = Some(Field::at(outlet, base + span.start..base + span.end));
        }
        if let Some((date, span)) = b.date
            && self.article.meta.date.is_none()
        {
            self.article.meta.date = Some(Field::at(date, base + span.start..base + span.end));
        }
        self.article.meta.categories.extend(b.categories);
    }

    /// Classify the paragraphs before the thread: front matter, body, footer.
    fn article_blocks(&mut self, paras: &[Para]) {
        let text = self.text;
        let mut section = Section::Front;
        let mut title_done = false;
        let mut after_about = false;
        let mut about_name: Option<String> = None;
        // Indentation of ordinary body paragraphs (long ones; short lines are often labels).
        let body_indent = baseline_indent(paras.iter().filter(|p| p.span.len() >= 120));
        // Index of the last caption block, to fold repeats into it.
        let mut recent_caption: Option<(usize, String)> = None;

        for (i, p) in paras.iter().enumerate() {
            let s = text_of(text, p);
            let line = first_line(s);

            // 1. What the markup says wins.
            if let Some((Some(kind), _)) = p.hint {
                let kind = if kind == BlockKind::Title && title_done {
                    BlockKind::Heading
                } else {
                    kind
                };
                if kind == BlockKind::Title {
                    title_done = true;
                    self.article.meta.title = Some(Field::at(s.trim().to_owned(), p.span.clone()));
                }
                let sec = match kind {
                    BlockKind::Title => Section::Front,
                    BlockKind::Boilerplate if i <= 1 => Section::Front,
                    BlockKind::Boilerplate => Section::Back,
                    _ if section == Section::Front && kind == BlockKind::Caption => Section::Front,
                    _ => {
                        if kind != BlockKind::Boilerplate {
                            section = Section::Body;
                        }
                        Section::Body
                    }
                };
                let idx = self.push(kind, p.span.clone(), sec, Some(p));
                if kind == BlockKind::Caption {
                    recent_caption = Some((idx, normalized(s)));
                }
                continue;
            }

            // 2. A caption printed twice is one caption.
            if let Some((idx, key)) = &recent_caption
                && key.len().abs_diff(s.len()) <= 8
                && *key == normalized(s)
            {
                self.article.repeats.push((p.span.clone(), *idx));
                continue;
            }
            if let Some(prev) = self.article.blocks.last() {
                let prev_text = &text[prev.span.clone()];
                // Only a short label printed twice is a caption (image alt text and caption);
                // a repeated sentence stays, as written.
                if matches!(prev.kind, BlockKind::Paragraph | BlockKind::Heading)
                    && prev.section != Section::Thread
                    && prev_text.len().abs_diff(s.len()) <= 8
                    && (is_label_like(s, 20) || is_caption(s))
                    && normalized(prev_text) == normalized(s)
                {
                    let idx = self.article.blocks.len() - 1;
                    self.article.blocks[idx].kind = BlockKind::Caption;
                    self.article.repeats.push((p.span.clone(), idx));
                    recent_caption = Some((idx, normalized(s)));
                    continue;
                }
            }

            // 3. Footer: categories, tags, author biography.
            if let Some(c) = ABOUT.captures(line) {
                if let Some(m) = c.name("name") {
                    let name = m.as_str().trim().to_owned();
                    self.set_author(&name, p.span.start + m.start()..p.span.start + m.end());
                    about_name = Some(name);
                }
                section = Section::Back;
                after_about = true;
                self.push(
                    BlockKind::Boilerplate,
                    p.span.clone(),
                    Section::Back,
                    Some(p),
                );
                continue;
            }
            if BACK_MARKER.is_match(s) {
                if let Some((_, rest)) = line.split_once(':')
                    && (line.to_ascii_lowercase().starts_with("filed")
                        || line.to_ascii_lowercase().starts_with("categor"))
                {
                    self.article.meta.categories.extend(split_categories(rest));
                }
                section = Section::Back;
                self.push(
                    BlockKind::Boilerplate,
                    p.span.clone(),
                    Section::Back,
                    Some(p),
                );
                continue;
            }
            if section == Section::Back {
                if s.len() <= 80 && NAME_ONLY.is_match(s) && word_count(s) <= 4 {
                    // The author's name signed at the foot ("Doug Mataconis").
                    let signs_about = about_name
                        .as_deref()
                        .is_some_and(|n| name_key(n) == name_key(s));
                    let next_is_about = paras.get(i + 1).is_some_and(|n| {
                        ABOUT
                            .captures(first_line(text_of(text, n)))
                            .and_then(|c| {
                                c.name("name").map(|m| name_key(m.as_str()) == name_key(s))
                            })
                            .unwrap_or(false)
                    });
                    if signs_about || next_is_about || self.article.meta.author.is_none() {
                        self.set_author(s, p.span.clone());
                        self.push(BlockKind::Byline, p.span.clone(), Section::Back, Some(p));
                        continue;
                    }
                }
                if after_about {
                    // An author biography often names the outlet ("He joined the staff of OTB").
                    if let Some(m) = staff_outlet(s)
                        && self.article.meta.outlet.is_none()
                    {
                        let span = p.span.start + m.start()..p.span.start + m.end();
                        self.article.meta.outlet = Some(Field::at(m.as_str().to_owned(), span));
                    }
                }
                if after_about || word_count(s) < 25 {
                    after_about = false;
                    self.push(
                        BlockKind::Boilerplate,
                        p.span.clone(),
                        Section::Back,
                        Some(p),
                    );
                    continue;
                }
                // A long paragraph after a footer line that is not a biography: body text again.
                section = Section::Body;
            }
            if BOILERPLATE_LINE.is_match(s.trim()) && !s.contains('\n') {
                let sec = if section == Section::Front {
                    Section::Front
                } else {
                    Section::Body
                };
                self.push(BlockKind::Boilerplate, p.span.clone(), sec, Some(p));
                continue;
            }

            // 4. Front matter: bylines, datelines, title, lead captions.
            if section == Section::Front {
                if let Some(b) = parse_byline(s) {
                    self.apply_byline(b, p.span.start);
                    self.push(BlockKind::Byline, p.span.clone(), Section::Front, Some(p));
                    continue;
                }
                if !title_done {
                    title_done = true;
                    if is_title_like(s) {
                        self.article.meta.title =
                            Some(Field::at(s.trim().to_owned(), p.span.clone()));
                        self.push(BlockKind::Title, p.span.clone(), Section::Front, Some(p));
                        continue;
                    }
                }
            }
            if is_caption(s) {
                let idx = self.push(BlockKind::Caption, p.span.clone(), section, Some(p));
                recent_caption = Some((idx, normalized(s)));
                continue;
            }
            if section == Section::Front {
                if is_label_like(s, 15) && self.article.meta.title.is_some() {
                    let idx =
                        self.push(BlockKind::Caption, p.span.clone(), Section::Front, Some(p));
                    recent_caption = Some((idx, normalized(s)));
                    continue;
                }
                if is_substantial(s) || LIST_ITEM.is_match(s) {
                    section = Section::Body;
                }
            }

            // 5. Body: headings, indented quotes, paragraphs.
            let has_next = paras.get(i + 1).is_some();
            if section == Section::Body && has_next && is_heading_like(s) {
                self.push(BlockKind::Heading, p.span.clone(), Section::Body, Some(p));
                continue;
            }
            let indented = p.indent >= body_indent + 2 && p.indent > 0 && !LIST_ITEM.is_match(s);
            let kind = if indented {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            };
            // The first paragraph may open with a dateline: "BEIRUT — …".
            if kind == BlockKind::Paragraph
                && self.article.meta.dateline.is_none()
                && !self
                    .article
                    .blocks
                    .iter()
                    .any(|b| b.kind == BlockKind::Paragraph)
                && let Some(m) = dateline_place(s)
                && word_count(m.as_str()) <= 4
            {
                let at = p.span.start + m.start()..p.span.start + m.end();
                self.article.meta.dateline = Some(Field::at(m.as_str().trim().to_owned(), at));
            }
            self.push(kind, p.span.clone(), section, Some(p));
        }
        let end = self.article.blocks.len();
        mark_excerpts(self.text, &mut self.article.blocks, 0..end);
    }
}

/// The most common indentation of the given paragraphs (0 when there are none).
pub(super) fn baseline_indent<'a>(paras: impl Iterator<Item = &'a Para>) -> usize {
    let mut counts = std::collections::BTreeMap::<usize, usize>::new();
    for p in paras {
        *counts.entry(p.indent).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(indent, n)| (n, std::cmp::Reverse(indent)))
        .map_or(0, |(indent, _)| indent)
}

/// Where to end a block piece that starts at `start`: `end` if small enough, else the last
/// line break, sentence end or space before the size limit.
fn split_point(text: &str, start: usize, end: usize) -> usize {
    if end - start <= MAX_BLOCK_BYTES {
        return end;
    }
    let limit = super::text::floor_char_boundary(text, start + MAX_BLOCK_BYTES);
    let window = &text[start..limit];
    // The middle of the window, on a character boundary (a multi-byte character may sit
    // exactly there).
    let half = super::text::floor_char_boundary(window, window.len() / 2);
    let cut = window[half..]
        .rfind('\n')
        .or_else(|| window[half..].rfind(". ").map(|i| i + 1))
        .or_else(|| window[half..].rfind(char::is_whitespace))
        .map(|i| half + i + 1);
    match cut {
        Some(c) => super::text::ceil_char_boundary(text, start + c),
        None => limit.max(super::text::ceil_char_boundary(text, start + 1)),
    }
}

#[cfg(test)]
mod tests;
