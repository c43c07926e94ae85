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
// Line patterns

const NAME: &str = r"[\p{Lu}][\p{L}'’.\-]*(?:\s+(?:[\p{Lu}][\p{L}'’.\-]*|de|van|von|der|bin|da|la|le|al-\p{L}+)){0,4}";

static BY_STAFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^by\s+(?:the\s+)?(?P<outlet>.{2,60}?)\s+(?:staff|editors|editorial board|newsroom)\.?$")
        .expect("valid regex")
});
static BY_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:by)\s+(?P<name>{NAME})?\s*(?i:in)\s+(?P<cats>.{{2,120}})$"
    ))
    .expect("valid regex")
});
static BY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:by|written by|words by|story by|reporting by|von|par|por|di|door)\s+(?P<name>{NAME}(?:(?:\s*,\s*{NAME})*\s+(?:and|&|und|et|y|e)\s+{NAME})?)\s*(?:(?:,|\||—|–|-|·|for)\s*(?P<rest>.{{2,120}}))?$"
    ))
    .expect("valid regex")
});
static POSTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:posted|published|written|updated)(?:\s+(?i:on))?\s+(?P<date>.{{4,60}}?)(?:\s+(?i:by)\s+(?P<name>{NAME}))?(?:\s+(?i:in)\s+(?P<cats>.{{2,120}}))?\.?$"
    ))
    .expect("valid regex")
});
/// "Posted by NAME on DATE" (the other order).
static POSTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:posted|published|written)\s+(?i:by)\s+(?P<name>{NAME})(?:\s+(?i:on|at)\s+(?P<date>.{{4,60}}?))?(?:\s+(?i:in)\s+(?P<cats>.{{2,120}}))?\.?$"
    ))
    .expect("valid regex")
});
/// What a byline gives as the writer's job rather than an outlet ("Senior Correspondent").
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:correspondent|reporter|writer|editor|columnist|contributor|analyst|producer|journalist|bureau chief|staff|fellow|professor|researcher|director|chief|deputy)s?\b")
        .expect("valid regex")
});
/// "Jane Roe, Senior Correspondent" (a name, then the writer's job).
static NAME_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<name>{NAME})\s*(?:,|\||—|–)\s*(?P<role>[^,|]{{3,60}})$"
    ))
    .expect("valid regex")
});
/// A dateline opening the first paragraph: "BEIRUT — ", "WASHINGTON (AP) — ", "Paris, 15 June —".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>\p{Lu}[\p{Lu}\p{L} .'’\-]{1,40}?)(?:,\s*[\p{L}0-9 .]{2,30})?(?:\s*\([^)]{1,30}\))?\s+(?:—|–|--)\s+\S")
        .expect("valid regex")
});
static NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<name>{NAME})\s*(?:\||·|—|–)\s*(?P<date>.{{6,60}})$"
    ))
    .expect("valid regex")
});
static NAME_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?P<name>{NAME})$")).expect("valid regex"));
static ABOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:about)\s+(?:(?i:the author)|(?P<name>{NAME}))\s*:?$"
    ))
    .expect("valid regex")
});
static BACK_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:filed under|filed in|posted in|tags?|tagged(?: with)?|categories|category|topics|share this( article| story)?|like this|related posts|related articles|more from|about the authors?|copyright|©|all rights reserved|comments are closed)\b\s*:?")
        .expect("valid regex")
});
static STAFF_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:joined|joins|is on|was on|member of) the (?:staff|team|masthead) (?:of|at) (?P<outlet>[\p{Lu}][\p{L}&.'’\- ]{1,40}?)(?:\s+(?:in|as|since)\b|[.,;)]|$)")
        .expect("valid regex")
});
static BOILERPLATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:advertisement|sponsored|subscribe\b.*|sign up\b.*|follow us\b.*|read more\b.*|continue reading\b.*|click here\b.*|related:.*|see also:.*|print|email|share|tweet|skip to (?:main )?content)$")
        .expect("valid regex")
});
static CREDIT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:[^()]{0,80}(?:/|photo|image|getty|\bap\b|reuters|afp|epa|credit|courtesy|via)[^()]{0,80})\)\s*$")
        .expect("valid regex")
});
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:photo|image|video)?\s*(?:source|credit|courtesy)|photo(?:graph)?s?|images?|pictures?|illustration|graphic|video|chart|map)(?:\s+by)?\s*:?\s+\S.{0,80}$")
        .expect("valid regex")
});
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*•‣◦]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s)").expect("valid regex")
});
static TRAILING_ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s*(?P<name>{NAME})(?:\s*,\s*.{{1,100}})?$")).expect("valid regex")
});
static INTRO_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<name>{NAME})\s+(?:(?:also|further|then|now|recently)\s+)?(?:argues|argued|writes|wrote|says|said|notes|noted|explains|explained|observes|observed|puts it|put it|points out|pointed out|contends|contended|suggests|suggested|concludes|concluded|adds|added|warns|warned|claims|claimed|reports|reported|told|tells|describes|described|insists|insisted|offers|offered|makes the case)\b"
    ))
    .expect("valid regex")
});

/// Paragraph openers by which an author resumes after quoting someone else.
const RESUMPTION_OPENERS: &[&str] = &[
    "notwithstanding",
    "that said",
    "that being said",
    "having said that",
    "be that as it may",
    "still,",
    "of course",
    "to be sure",
    "in other words",
    "in short",
    "in any case",
    "in any event",
    "either way",
    "regardless",
    "anyway",
    "needless to say",
    "put simply",
    "all of which",
    "all that said",
    "whatever",
    "so,",
    "now,",
    "this is",
    "that is",
];

/// Phrases by which a paragraph refers back to a quoted passage.
const BACK_REFERENCES: &[&str] = &[
    "noted above",
    "quoted above",
    "cited above",
    "excerpted above",
    "mentioned above",
    "the above",
    "as above",
    "this excerpt",
    "this passage",
    "the excerpt",
];

fn text_of<'a>(text: &'a str, p: &Para) -> &'a str {
    &text[p.span.clone()]
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// Information a byline gives.
#[derive(Debug, Default, PartialEq)]
struct Byline {
    author: Option<(String, Span)>,
    outlet: Option<(String, Span)>,
    date: Option<(jiff::civil::Date, Span)>,
    categories: Vec<String>,
}

/// Whether a line reads as a byline or dateline ("By Jane Roe", "Posted on … by …").
pub(super) fn looks_like_byline(s: &str) -> bool {
    parse_byline(s).is_some()
}

/// Recognise a byline or dateline; spans are relative to `s`.
fn parse_byline(s: &str) -> Option<Byline> {
    if s.contains('\n') || s.len() > 200 {
        return None;
    }
    let s_trim = s.trim();
    let off = s.len() - s.trim_start().len();
    let span_of = |m: regex::Match<'_>| off + m.start()..off + m.end();
    if let Some(c) = BY_STAFF.captures(s_trim) {
        let m = c.name("outlet")?;
        return Some(Byline {
            outlet: Some((m.as_str().to_owned(), span_of(m))),
            ..Byline::default()
        });
    }
    if let Some(c) = POSTED_BY.captures(s_trim) {
        let m = c.name("name")?;
        let mut b = Byline {
            author: Some((m.as_str().to_owned(), span_of(m))),
            ..Byline::default()
        };
        if let Some(date_m) = c.name("date")
            && let Some((dspan, date)) = dates::find_date(date_m.as_str())
        {
            b.date = Some((
                date,
                off + date_m.start() + dspan.start..off + date_m.start() + dspan.end,
            ));
        }
        if let Some(m) = c.name("cats") {
            b.categories = split_categories(m.as_str());
        }
        return Some(b);
    }
    if let Some(c) = POSTED.captures(s_trim) {
        let date_m = c.name("date")?;
        let (dspan, date) = dates::find_date(date_m.as_str())?;
        let mut b = Byline {
            date: Some((
                date,
                off + date_m.start() + dspan.start..off + date_m.start() + dspan.end,
            )),
            ..Byline::default()
        };
        if let Some(m) = c.name("name") {
            b.author = Some((m.as_str().to_owned(), span_of(m)));
        }
        if let Some(m) = c.name("cats") {
            b.categories = split_categories(m.as_str());
        }
        return Some(b);
    }
    if let Some(c) = BY_IN.captures(s_trim) {
        let mut b = Byline::default();
        if let Some(m) = c.name("name") {
            b.author = Some((m.as_str().to_owned(), span_of(m)));
        }
        if let Some(m) = c.name("cats") {
            b.categories = split_categories(m.as_str());
        }
        return Some(b);
    }
    if let Some(c) = BY_NAME.captures(s_trim) {
        let m = c.name("name")?;
        let mut b = Byline {
            author: Some((m.as_str().to_owned(), span_of(m))),
            ..Byline::default()
        };
        if let Some(rest) = c.name("rest") {
            if let Some((dspan, date)) = dates::find_date(rest.as_str()) {
                b.date = Some((
                    date,
                    off + rest.start() + dspan.start..off + rest.start() + dspan.end,
                ));
            } else if rest.as_str().starts_with(char::is_uppercase)
                && word_count(rest.as_str()) <= 6
                && !ROLE.is_match(rest.as_str())
            {
                b.outlet = Some((rest.as_str().trim().to_owned(), span_of(rest)));
            }
        }
        return Some(b);
    }
    if let Some(c) = NAME_ROLE.captures(s_trim)
        && c.name("role")
            .is_some_and(|r| ROLE.is_match(r.as_str()) && word_count(r.as_str()) <= 6)
    {
        let m = c.name("name")?;
        return Some(Byline {
            author: Some((m.as_str().to_owned(), span_of(m))),
            ..Byline::default()
        });
    }
    if let Some(c) = NAME_DATE.captures(s_trim) {
        let date_m = c.name("date")?;
        if dates::is_date_line(date_m.as_str()) {
            let (dspan, date) = dates::find_date(date_m.as_str())?;
            let m = c.name("name")?;
            return Some(Byline {
                author: Some((m.as_str().to_owned(), span_of(m))),
                date: Some((
                    date,
                    off + date_m.start() + dspan.start..off + date_m.start() + dspan.end,
                )),
                ..Byline::default()
            });
        }
    }
    if dates::is_date_line(s_trim) {
        let (dspan, date) = dates::find_date(s_trim)?;
        return Some(Byline {
            date: Some((date, off + dspan.start..off + dspan.end)),
            ..Byline::default()
        });
    }
    None
}

fn split_categories(s: &str) -> Vec<String> {
    // "Middle East, U.S.." ends with an initialism and a full stop: drop only the full stop.
    let s = s.trim();
    let s = if s.ends_with("..") || (s.ends_with('.') && !ends_with_initialism(s)) {
        &s[..s.len() - 1]
    } else {
        s
    };
    s.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// "U.S." or "D.C.": single letters each followed by a period.
fn ends_with_initialism(s: &str) -> bool {
    let last = s.rsplit(char::is_whitespace).next().unwrap_or(s);
    let parts: Vec<&str> = last.trim_end_matches('.').split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// A short line that is not a sentence: no terminal punctuation, few words.
fn is_label_like(s: &str, max_words: usize) -> bool {
    let s = s.trim();
    if s.contains('\n') || s.is_empty() || s.len() > 160 {
        return false;
    }
    let words = word_count(s);
    if words == 0 || words > max_words {
        return false;
    }
    let last = s.chars().last().unwrap_or('.');
    !matches!(last, '.' | ',' | ';' | ':' | '!' | '…')
        && !is_close_quote(last)
        && !LIST_ITEM.is_match(s)
}

fn is_heading_like(s: &str) -> bool {
    let s = s.trim();
    let starts_upper = s
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !starts_upper {
        return false;
    }
    if s.ends_with('?') {
        return is_label_like(s.trim_end_matches('?'), 10) && title_cased(s);
    }
    is_label_like(s, 12) && !s.ends_with('?')
}

/// Most words start with a capital letter.
fn title_cased(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().filter(|w| w.len() > 3).collect();
    !words.is_empty()
        && words
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            * 3
            >= words.len() * 2
}

fn is_title_like(s: &str) -> bool {
    let s = s.trim();
    !s.contains('\n')
        && s.len() <= 250
        && (1..=30).contains(&word_count(s))
        && sentence_count(s) <= 1
        && !s.ends_with([':', ',', ';'])
        && !LIST_ITEM.is_match(s)
}

fn is_caption(s: &str) -> bool {
    s.len() <= 600
        && !s.contains('\n')
        && word_count(s) <= 60
        && (CREDIT_TAIL.is_match(s) || CREDIT_LINE.is_match(s.trim()))
}

/// A paragraph that is clearly body text (several sentences or many words).
fn is_substantial(s: &str) -> bool {
    word_count(s) >= 40 || sentence_count(s) >= 2
}

fn normalized(s: &str) -> String {
    name_key(s)
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
                    if let Some(m) = STAFF_OF.captures(s).and_then(|c| c.name("outlet"))
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
                && let Some(m) = DATELINE.captures(s).and_then(|c| c.name("place"))
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

/// The person an excerpt's introduction names ("Jack Goldstone argues that …:").
fn intro_source(intro: &str) -> Option<String> {
    INTRO_SOURCE
        .captures_iter(intro)
        .filter_map(|c| c.name("name").map(|m| m.as_str().to_owned()))
        .filter(|n| {
            !matches!(
                n.as_str(),
                "He" | "She" | "They" | "It" | "This" | "That" | "I" | "We"
            )
        })
        .last()
}

/// Whether a paragraph after an excerpt is the author speaking again.
fn is_resumption(s: &str, surname: Option<&str>, excerpt_has_first_person: bool) -> bool {
    let lower = s.trim_start().to_lowercase();
    if RESUMPTION_OPENERS.iter().any(|o| {
        lower.starts_with(o) && lower[o.len()..].starts_with(|c: char| !c.is_alphanumeric())
    }) {
        return true;
    }
    if BACK_REFERENCES.iter().any(|r| lower.contains(r)) {
        return true;
    }
    if let Some(surname) = surname {
        let key = surname.to_lowercase();
        let opening: Vec<String> = lower
            .split_whitespace()
            .take(8)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                    .to_owned()
            })
            .collect();
        if opening.iter().any(|w| {
            *w == key || w.strip_suffix("’s").or(w.strip_suffix("'s")) == Some(key.as_str())
        }) {
            return true;
        }
    }
    !excerpt_has_first_person && has_first_person(s)
}

fn has_first_person(s: &str) -> bool {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .any(|w| {
            matches!(
                w,
                "I" | "I’m" | "I'm" | "I’ve" | "I've" | "I’d" | "I'd" | "me" | "my" | "Me" | "My"
            )
        })
}

/// Mark the paragraphs after an introduction ending in a colon as a quoted excerpt.
///
/// The excerpt runs until the author resumes (a paragraph that names the quoted person, refers
/// back to "the above", opens with a discourse marker such as "Notwithstanding", or switches
/// to the first person), until a quotation that opened with a quote mark closes, or until the
/// body ends. A list after the colon is a list, not an excerpt.
pub(super) fn mark_excerpts(text: &str, blocks: &mut [Block], range: std::ops::Range<usize>) {
    let mut i = range.start;
    while i < range.end {
        let b = blocks[i].clone();
        let s = text[b.span.clone()].trim_end();
        // "@Name:" addresses a commenter; it introduces nothing.
        let intro_ok = b.kind == BlockKind::Paragraph
            && s.ends_with(':')
            && !s.starts_with('@')
            && !LIST_ITEM.is_match(s);
        if !intro_ok || i + 1 >= range.end {
            i += 1;
            continue;
        }
        let intro_sentence = sentence_spans(s)
            .last()
            .map(|r| b.span.start + r.start..b.span.start + r.end)
            .unwrap_or(b.span.clone());
        let source = intro_source(&text[intro_sentence.clone()]);
        let surname = source
            .as_deref()
            .and_then(|n| n.split_whitespace().last())
            .map(str::to_owned);
        let first = &blocks[i + 1];
        let first_text = &text[first.span.clone()];
        if !matches!(first.kind, BlockKind::Paragraph | BlockKind::Quote)
            || first.section != b.section
            || LIST_ITEM.is_match(first_text)
        {
            i += 1;
            continue;
        }
        let info = QuoteInfo {
            intro: Some(intro_sentence.clone()),
            source: source.clone(),
            from_comment: None,
            from_article: false,
        };
        let same_run = |blk: &Block| {
            matches!(blk.kind, BlockKind::Paragraph | BlockKind::Quote) && blk.section == b.section
        };
        let mut j = i + 1;
        if first_text.starts_with(is_open_quote) {
            // A quotation in quote marks: up to the paragraph that closes it (within 8), else
            // just the first paragraph.
            let close = (i + 1..range.end.min(i + 9))
                .take_while(|&k| same_run(&blocks[k]))
                .find(|&k| {
                    text[blocks[k].span.clone()]
                        .trim_end()
                        .ends_with(is_close_quote)
                })
                .unwrap_or(i + 1);
            while j <= close || (j < range.end && blocks[j].continued) {
                blocks[j].kind = BlockKind::Quote;
                blocks[j].quote = Some(info.clone());
                j += 1;
            }
        } else {
            let mut first_person = false;
            while j < range.end && same_run(&blocks[j]) {
                let t = &text[blocks[j].span.clone()];
                if j > i + 1
                    && !blocks[j].continued
                    && (t.trim_end().ends_with(':')
                        || is_resumption(t, surname.as_deref(), first_person))
                {
                    break;
                }
                first_person |= has_first_person(t);
                blocks[j].kind = BlockKind::Quote;
                blocks[j].quote = Some(info.clone());
                j += 1;
                if t.trim_end().ends_with(is_close_quote) && unbalanced_close(t) {
                    while j < range.end && blocks[j].continued {
                        j += 1;
                    }
                    break;
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// More closing than opening double quotes: the paragraph ends a quotation opened earlier.
fn unbalanced_close(s: &str) -> bool {
    let opens = s.chars().filter(|&c| c == '\u{201C}').count();
    let closes = s.chars().filter(|&c| c == '\u{201D}').count();
    closes > opens
}

/// The source named by a trailing attribution: "… — Cheney, C-Span, 1994" gives "Cheney".
pub(super) fn trailing_attribution(s: &str) -> Option<String> {
    let dash = s
        .rfind(['\u{2014}', '\u{2013}'])
        .or_else(|| s.rfind("--"))?;
    let after = &s[dash..];
    let after = after.trim_start_matches(['\u{2014}', '\u{2013}', '-']);
    if after.len() > 140 {
        return None;
    }
    TRAILING_ATTRIBUTION
        .captures(after)
        .and_then(|c| c.name("name").map(|m| m.as_str().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, String)> {
        parse_article(text, &[])
            .blocks
            .iter()
            .map(|b| (b.kind, text[b.span.clone()].to_owned()))
            .collect()
    }

    #[test]
    fn bylines() {
        let b = parse_byline("By the Blouin News World staff").unwrap();
        assert_eq!(b.outlet.unwrap().0, "Blouin News World");
        let b = parse_byline("Posted on September 15, 2014 by Doug Mataconis").unwrap();
        assert_eq!(b.author.unwrap().0, "Doug Mataconis");
        assert_eq!(b.date.unwrap().0.to_string(), "2014-09-15");
        let b = parse_byline("by in Middle East, U.S..").unwrap();
        assert_eq!(b.author, None);
        assert_eq!(b.categories, ["Middle East", "U.S."]);
        let b = parse_byline("By Jane Roe, Reuters").unwrap();
        assert_eq!(b.author.unwrap().0, "Jane Roe");
        assert_eq!(b.outlet.unwrap().0, "Reuters");
        let b = parse_byline("By Jane Roe | June 17, 2014").unwrap();
        assert_eq!(b.date.unwrap().0.to_string(), "2014-06-17");
        assert!(parse_byline("By the way, this is a sentence that goes on.").is_none());
        assert!(parse_byline("Kerry spoke on Monday.").is_none());
    }

    #[test]
    fn worst_case_is_title_and_paragraphs() {
        let k = kinds("just some words\n\nand more words here.");
        assert_eq!(k[0].0, BlockKind::Title);
        assert_eq!(k[1].0, BlockKind::Paragraph);
        assert!(parse_article("", &[]).blocks.is_empty());
        assert!(parse_article("\n\n  \n", &[]).blocks.is_empty());
    }

    #[test]
    fn a_long_first_paragraph_is_not_a_title() {
        let text = "This starts straight away with body text. It has two sentences and no title.\n\nSecond.";
        let a = parse_article(text, &[]);
        assert_eq!(a.blocks[0].kind, BlockKind::Paragraph);
        assert!(a.meta.title.is_none());
    }

    #[test]
    fn repeated_caption_is_one_caption() {
        let text = "Title\n\nKerry at the State Department. (Alex Wong/Getty Images)\n\nKerry at the State Department. (Alex Wong/Getty Images)\n\nBody text follows here. It is long enough to be the body.";
        let a = parse_article(text, &[]);
        let captions: Vec<_> = a
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Caption)
            .collect();
        assert_eq!(captions.len(), 1);
        assert_eq!(a.repeats.len(), 1);
        assert_eq!(
            &text[a.repeats[0].0.clone()],
            "Kerry at the State Department. (Alex Wong/Getty Images)"
        );
    }

    #[test]
    fn a_repeated_paragraph_is_not_a_caption() {
        let para = "A paragraph of text that goes on for a while. It is long enough.";
        let text = format!("Title\n\n{para}\n\n{para}\n\n{para}");
        let a = parse_article(&text, &[]);
        assert_eq!(
            a.blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Paragraph)
                .count(),
            3
        );
        assert!(a.repeats.is_empty());
    }

    #[test]
    fn indented_passage_is_a_quote() {
        let text = "Title\n\nThe author writes a paragraph of body text. It has two sentences.\n\n    An indented passage quoted from elsewhere.\n\nBack to the author. Another sentence.";
        let k = kinds(text);
        assert_eq!(k[2].0, BlockKind::Quote);
        assert_eq!(k[3].0, BlockKind::Paragraph);
    }

    #[test]
    fn excerpt_after_colon_runs_until_the_author_resumes() {
        let text = "Title\n\nSome context here. Jane Smith argues that this is the only way:\n\nFirst quoted paragraph. It says things.\n\nSecond quoted paragraph. More things.\n\nSmith’s ideas are interesting, of course.\n\nLast paragraph by the author. The end.";
        let a = parse_article(text, &[]);
        let k: Vec<_> = a.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            k,
            [
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Quote,
                BlockKind::Quote,
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(
            a.blocks[2].quote.as_ref().unwrap().source.as_deref(),
            Some("Jane Smith")
        );
    }

    #[test]
    fn excerpt_without_a_named_source_ends_at_a_resumption_marker() {
        let text = "Title\n\nThere is some indication that they talk behind the scenes:\n\nA spokesman acknowledged the talks.\n\n“It’s no secret,” she tweeted.\n\nNotwithstanding the talks, the rhetoric is expected. It goes on.";
        let k = kinds(text);
        assert_eq!(k[2].0, BlockKind::Quote);
        assert_eq!(k[3].0, BlockKind::Quote);
        assert_eq!(k[4].0, BlockKind::Paragraph);
    }

    #[test]
    fn a_list_after_a_colon_is_not_an_excerpt() {
        let text =
            "Title\n\nThree goals are at stake here, he thinks:\n\n1) Nukes.\n\n2) Influence.";
        let k = kinds(text);
        assert!(k.iter().all(|(kind, _)| *kind != BlockKind::Quote));
    }

    #[test]
    fn quoted_excerpt_ends_at_the_closing_mark() {
        let text = "Title\n\nAs the minister put it:\n\n“We will not talk.\n\nNot now, not ever.”\n\nThat seems final. It is.";
        let k = kinds(text);
        assert_eq!(k[2].0, BlockKind::Quote);
        assert_eq!(k[3].0, BlockKind::Quote);
        assert_eq!(k[4].0, BlockKind::Paragraph);
    }

    #[test]
    fn footer_and_biography() {
        let text = "Title\n\nBody paragraph one. It is a body.\n\nFILED UNDER: Middle East, Military Affairs, , ,\n\nJane Roe\n\nAbout Jane Roe\n\nJane Roe writes about foreign policy. She joined the staff of The Ledger in 2010 and has written for it since then.";
        let a = parse_article(text, &[]);
        let k: Vec<_> = a.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            k,
            [
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Boilerplate,
                BlockKind::Byline,
                BlockKind::Boilerplate,
                BlockKind::Boilerplate
            ]
        );
        assert_eq!(a.meta.author.as_ref().unwrap().value, "Jane Roe");
        assert_eq!(a.meta.categories, ["Middle East", "Military Affairs"]);
        assert_eq!(a.meta.outlet.as_ref().unwrap().value, "The Ledger");
    }

    #[test]
    fn heading_in_body() {
        let k = kinds(
            "Title\n\nBody paragraph. It has sentences.\n\nVISUAL CONTEXT: The onslaught\n\nMore body. Yes.",
        );
        assert_eq!(k[2].0, BlockKind::Heading);
    }

    #[test]
    fn oversized_paragraphs_are_split_on_boundaries() {
        let para = "A sentence of moderate length goes here. ".repeat(2000);
        let text = format!("Title\n\n{para}");
        let a = parse_article(&text, &[]);
        assert!(a.blocks.len() > 3);
        for b in &a.blocks {
            assert!(b.span.len() <= MAX_BLOCK_BYTES);
        }
        assert!(a.blocks[2].continued);
        let joined: usize = a.blocks[1..].iter().map(|b| b.span.len()).sum();
        assert!(joined >= para.trim().len() - a.blocks.len());
    }

    #[test]
    fn oversized_paragraphs_split_where_a_multibyte_character_sits_mid_window() {
        // 8,191 ASCII bytes then "é" (2 bytes): byte 8192 of the paragraph falls inside it.
        for filler in ["é", "“", "🙂", "日本"] {
            for shift in 0..4 {
                let para = format!(
                    "{}{}{}",
                    "x".repeat(8190 + shift),
                    filler.repeat(4000),
                    " y".repeat(4000)
                );
                let text = format!("Title\n\n{para}");
                let a = parse_article(&text, &[]);
                for b in &a.blocks {
                    assert!(
                        text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end)
                    );
                }
            }
        }
    }

    #[test]
    fn hard_wrapped_text_is_marked() {
        let line = "words words words words words words words words words wor";
        let text = format!("Title\n\n{line}\n{line}\n{line}\nend.");
        let a = parse_article(&text, &[]);
        assert!(a.blocks[1].hard_wrapped);
    }

    #[test]
    fn trailing_attribution_names_the_source() {
        assert_eq!(
            trailing_attribution("It’s a quagmire. — Cheney, C-Span, 1994").as_deref(),
            Some("Cheney")
        );
        assert_eq!(trailing_attribution("No dash here, Cheney"), None);
    }
}
