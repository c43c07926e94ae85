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
    let (comment_info, marks) = find_comments(&doc);
    // The extractors read the page without what is known not to be the article — scripts,
    // styles, pictures drawn in SVG, and the comment thread (eighty comments outweigh three
    // paragraphs) —, on other threads while this one walks the page.
    let cleaned = (!options.whole_page).then(|| {
        let mut without = doc.clone();
        let mut drop: Vec<ego_tree::NodeId> = marks
            .iter()
            .filter(|(_, m)| matches!(m, Mark::Root(_)))
            .map(|(id, _)| *id)
            .collect();
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
        let extracted = extraction
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default();
        let title = choose_title(&doc, &declared, &extracted);
        finish(out, comment_info, &declared, &extracted, title, options)
    })
}

/// Decide the article blocks, the title, the bylines and the thread.
fn finish(
    out: Builder,
    comments: Vec<CommentInfo>,
    declared: &Declared,
    extracted: &Extracted,
    title: Option<String>,
    options: Options,
) -> Reduced {
    let text = out.text;
    let mut blocks = out.blocks;
    // The article: blocks outside comments that the voters keep.
    let outside: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].comment.is_none())
        .collect();
    let texts: Vec<&str> = outside
        .iter()
        .map(|&i| &text[blocks[i].span.clone()])
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
            &texts,
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

fn normalized(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
}

/// A short block naming one of the authors: "By Jane Roe", "Jane Roe, Staff Writer".
fn is_byline_block(s: &str, authors: &[String]) -> bool {
    let words = s.split_whitespace().count();
    if authors.is_empty() || words > 16 {
        return false;
    }
    let key = name_key(s);
    authors.iter().any(|a| {
        let k = name_key(a);
        !k.is_empty() && key.contains(&k)
    })
}

/// The headline, in the order a page states it: its JSON-LD `headline`, its `og:title`, the
/// article's own `<h1>` (the first inside `<article>` or `<main>` — a page's first `<h1>` is
/// often the site's name or "Skip navigation"), the `<title>` without the site's name; then
/// what the extractors found. A candidate that is only the site's name is passed over.
fn choose_title(doc: &Html, d: &Declared, ex: &Extracted) -> Option<String> {
    let text_of = |e: scraper::ElementRef<'_>| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let own_h1 = Selector::parse("article h1, main h1, [itemprop~='articleBody'] h1")
        .ok()
        .and_then(|s| doc.select(&s).map(text_of).find(|t| !t.is_empty()));
    let stripped = d
        .title_tag
        .as_deref()
        .map(|t| strip_site(t, d.site_name.as_deref()));
    let site = d.site_name.as_deref().map(normalized);
    let declared = |t: &Option<String>| t.as_deref().map(|t| drop_site(t, d.site_name.as_deref()));
    // Kept as the page writes it (a non-breaking space before a French colon is typography).
    [
        declared(&d.headline),
        declared(&d.og_title),
        own_h1,
        stripped,
        ex.readability.as_ref().and_then(|r| r.title.clone()),
        ex.trafilatura.as_ref().and_then(|r| r.title.clone()),
    ]
    .into_iter()
    .flatten()
    .map(|t| t.trim().to_owned())
    .find(|t| {
        !t.is_empty()
            && t.split_whitespace().count() <= 40
            && site.as_deref() != Some(normalized(t).as_str())
    })
}

/// "Kerry in Paris | The Daily" → "Kerry in Paris": the longest part of a title cut at
/// separators, unless that part is the site's name.
fn strip_site(title: &str, site: Option<&str>) -> String {
    static SEPARATOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\s+[|\-\u{2013}\u{2014}\\/>\u{00bb}\u{00b7}]+\s+").expect("valid regex")
    });
    let site_key = site.map(normalized);
    SEPARATOR
        .split(title)
        .map(str::trim)
        .filter(|p| !p.is_empty() && site_key.as_deref() != Some(normalized(p).as_str()))
        .max_by_key(|p| p.chars().count())
        .map_or_else(|| title.to_owned(), str::to_owned)
}

/// "Headline - Site" → "Headline": a title with the site's name before or after a separator
/// loses it; nothing else is cut.
fn drop_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(normalized).filter(|s| !s.is_empty()) else {
        return title.trim().to_owned();
    };
    for sep in [
        " | ",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        " \u{00b7} ",
        " :: ",
        " \u{00bb} ",
    ] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && normalized(tail) == site
        {
            return head.trim().to_owned();
        }
        if let Some((head, tail)) = title.split_once(sep)
            && normalized(head) == site
        {
            return tail.trim().to_owned();
        }
    }
    title.trim().to_owned()
}

/// A plausible name in a byline: letters, one to five words, no digits, not a date, not
/// the site's name.
fn is_name(s: &str, site: Option<&str>) -> bool {
    let words = s.split_whitespace().count();
    (1..=5).contains(&words)
        && s.chars().any(char::is_alphabetic)
        && !s.chars().any(|c| c.is_ascii_digit())
        && dates::find_date(s).is_none()
        && site.is_none_or(|site| normalized(site) != normalized(s))
}

/// A person's name rather than an agency or a role: two to five words, each capitalised
/// (or a particle such as "van", "de", "bin"), not a short all-capitals acronym.
fn is_person(s: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "da", "di", "du", "del", "della", "der", "den", "dos", "das", "le",
        "la", "bin", "ibn", "al", "el", "y", "e", "ter", "ten", "zu",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            PARTICLES.contains(&w.to_lowercase().as_str())
                || w.chars().next().is_some_and(|c| c.is_uppercase())
        })
}

/// Authors: what the page declares (JSON-LD, `<meta name=author>`), its byline element,
/// Readability's byline, trafilatura's; the first source that names plausible people. A
/// declared author may have the site's name (a personal blog); a found one may not.
fn choose_authors(d: &Declared, ex: &Extracted) -> Vec<String> {
    let site = d
        .site_name
        .as_deref()
        .or_else(|| ex.readability.as_ref().and_then(|r| r.site_name.as_deref()));
    let from_byline = |r: &Option<super::content::Readable>| {
        r.as_ref()
            .and_then(|r| r.byline.as_deref())
            .map(page_meta::split_authors)
            .unwrap_or_default()
    };
    let plausible = |names: Vec<String>, site: Option<&str>| -> Vec<String> {
        names.into_iter().filter(|n| is_name(n, site)).collect()
    };
    let sources = [
        plausible(d.authors.clone(), None),
        plausible(d.byline.clone(), site),
        plausible(from_byline(&ex.readability), site),
        plausible(from_byline(&ex.trafilatura), site),
    ];
    // People first ("AFP" is an author, but the reporter the page names is the better one).
    sources
        .iter()
        .find(|names| !names.is_empty() && names.iter().all(|n| is_person(n)))
        .or_else(|| sources.iter().find(|names| !names.is_empty()))
        .cloned()
        .unwrap_or_default()
}

fn choose_outlet(d: &Declared, ex: &Extracted) -> Option<String> {
    d.site_name
        .clone()
        .or_else(|| ex.readability.as_ref().and_then(|r| r.site_name.clone()))
        .or_else(|| ex.trafilatura.as_ref().and_then(|r| r.site_name.clone()))
        .filter(|s| !s.trim().is_empty())
}

/// What a comment element holds, apart from its text.
#[derive(Debug, Clone, Default)]
struct CommentInfo {
    author: Option<String>,
    date: Option<String>,
    parent: Option<usize>,
    pingback: bool,
}

/// The part an element plays in a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// The comment element itself.
    Root(usize),
    /// Its author and date line, its reply button.
    Header(usize),
    /// Its text.
    Body(usize),
}

/// Where a block's text came from inside a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Header,
    Body,
    Other,
}

fn class_tokens<'a>(e: &'a ElementRef<'_>) -> impl Iterator<Item = &'a str> + 'a {
    e.value().attr("class").unwrap_or("").split_whitespace()
}

fn has_class(e: &ElementRef<'_>, names: &[&str]) -> bool {
    class_tokens(e).any(|c| names.iter().any(|n| c.eq_ignore_ascii_case(n)))
}

/// A list (or block) that holds the comments of a blog engine.
fn is_comment_list(e: &ElementRef<'_>) -> bool {
    let id = e.value().attr("id").unwrap_or("");
    has_class(
        e,
        &[
            "commentlist",
            "comment-list",
            "comments-list",
            "comments",
            "comment-thread",
        ],
    ) || id.eq_ignore_ascii_case("comments")
        || id.eq_ignore_ascii_case("commentlist")
        || id.eq_ignore_ascii_case("comment-list")
}

fn is_schema_comment(e: &ElementRef<'_>) -> bool {
    e.value()
        .attr("itemtype")
        .is_some_and(|t| t.trim_end_matches('/').ends_with("/Comment"))
}

/// Comment elements: the items of comment lists (and of the reply lists nested in them),
/// schema.org `Comment` items, and elements of class `comment` in a comments section. One
/// walk over the page finds them; one more gives each its author, date, header and body.
fn find_comments(doc: &Html) -> (Vec<CommentInfo>, FxHashMap<ego_tree::NodeId, Mark>) {
    use ego_tree::iter::Edge;
    let mut roots: Vec<ElementRef<'_>> = Vec::new();
    // Depth of comment lists the walk is inside.
    let mut lists: Vec<ego_tree::NodeId> = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let Some(e) = ElementRef::wrap(node) else {
                    continue;
                };
                let name = e.value().name();
                let in_lists = !lists.is_empty();
                let item = if in_lists {
                    let parent_is_list = e.parent().and_then(ElementRef::wrap).is_some_and(|p| {
                        matches!(p.value().name(), "ol" | "ul")
                            && (is_comment_list(&p)
                                || has_class(
                                    &p,
                                    &["children", "replies", "comment-replies", "sub-comments"],
                                ))
                    });
                    (name == "li" && parent_is_list)
                        || is_schema_comment(&e)
                        || (matches!(name, "li" | "article" | "div")
                            && has_class(&e, &["comment", "pingback", "trackback"]))
                } else {
                    is_schema_comment(&e)
                };
                if item && e.text().any(|t| !t.trim().is_empty()) {
                    roots.push(e);
                }
                if is_comment_list(&e) {
                    lists.push(node.id());
                }
            }
            Edge::Close(node) => {
                if lists.last() == Some(&node.id()) {
                    lists.pop();
                }
            }
        }
    }
    // A wrapper around the same comment (li.comment > div.comment) is one comment: an item
    // whose enclosing item holds no text but it.
    let ids: rustc_hash::FxHashSet<ego_tree::NodeId> = roots.iter().map(|e| e.id()).collect();
    let only_child = |outer: ego_tree::NodeId, inner: ElementRef<'_>| -> bool {
        let mut at = inner;
        while let Some(parent) = at.parent() {
            let others_have_text = parent
                .children()
                .filter(|c| c.id() != at.id())
                .any(|c| match c.value() {
                    Node::Text(t) => !t.trim().is_empty(),
                    Node::Element(_) => {
                        ElementRef::wrap(c).is_some_and(|e| e.text().any(|t| !t.trim().is_empty()))
                    }
                    _ => false,
                });
            if others_have_text {
                return false;
            }
            if parent.id() == outer {
                return true;
            }
            match ElementRef::wrap(parent) {
                Some(p) => at = p,
                None => return false,
            }
        }
        false
    };
    let roots: Vec<ElementRef<'_>> = roots
        .iter()
        .copied()
        .filter(|e| {
            let outer = e.ancestors().find(|a| ids.contains(&a.id()));
            !outer.is_some_and(|o| only_child(o.id(), *e))
        })
        .collect();
    let index: FxHashMap<ego_tree::NodeId, usize> =
        roots.iter().enumerate().map(|(i, e)| (e.id(), i)).collect();
    // Selectors, most telling first.
    let sels = |list: &[&str]| -> Vec<Selector> {
        list.iter()
            .filter_map(|s| Selector::parse(s).ok())
            .collect()
    };
    let author_sel = sels(&[
        ".comment-author .fn",
        "cite.fn",
        ".fn",
        "[itemprop=author] [itemprop=name]",
        "[itemprop=author]",
        ".comment-author-name",
        ".comment-author",
        ".author-name",
        ".comment_author",
        ".author",
        ".username",
        ".user-name",
        ".commenter",
        "cite",
    ]);
    let date_sel = sels(&[
        "time",
        ".comment-metadata",
        ".commentmetadata",
        ".comment-meta",
        ".comment-date",
        ".comment_date",
        "[itemprop=dateCreated]",
        "[itemprop=datePublished]",
        ".date",
    ]);
    let header_sel = sels(&[
        ".comment-meta",
        ".comment-metadata",
        ".commentmetadata",
        ".comment-author",
        ".comment-header",
        ".comment-info",
        ".reply",
        ".comment-reply-link",
        ".comment-actions",
        ".comment-footer",
        "footer",
        "header",
        ".avatar",
    ]);
    let body_sel = sels(&[
        ".comment-content",
        ".comment-text",
        ".comment_text",
        "[itemprop=text]",
        "[itemprop=commentText]",
        ".comment-body-text",
        ".comment-entry",
    ]);
    let text_of = |e: &ElementRef<'_>| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut marks = FxHashMap::default();
    let mut infos: Vec<CommentInfo> = vec![CommentInfo::default(); roots.len()];
    // Best match so far per comment: (selector rank, element).
    let mut author: Vec<Option<(usize, ElementRef<'_>)>> = vec![None; roots.len()];
    let mut date: Vec<Option<(usize, ElementRef<'_>)>> = vec![None; roots.len()];
    let mut body: Vec<Option<(usize, ElementRef<'_>)>> = vec![None; roots.len()];
    fn better<'a>(slot: &mut Option<(usize, ElementRef<'a>)>, rank: usize, e: ElementRef<'a>) {
        if slot.is_none_or(|(r, _)| rank < r) {
            *slot = Some((rank, e));
        }
    }
    let mut owners: Vec<usize> = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if let Some(&i) = index.get(&node.id()) {
                    marks.insert(node.id(), Mark::Root(i));
                    infos[i].parent = owners.last().copied();
                    owners.push(i);
                    continue;
                }
                let (Some(&i), Some(e)) = (owners.last(), ElementRef::wrap(node)) else {
                    continue;
                };
                if let Some(rank) = author_sel.iter().position(|s| s.matches(&e)) {
                    better(&mut author[i], rank, e);
                }
                if let Some(rank) = date_sel.iter().position(|s| s.matches(&e)) {
                    better(&mut date[i], rank, e);
                }
                if let Some(rank) = body_sel.iter().position(|s| s.matches(&e)) {
                    better(&mut body[i], rank, e);
                }
                if header_sel.iter().any(|s| s.matches(&e)) {
                    marks.entry(node.id()).or_insert(Mark::Header(i));
                }
            }
            Edge::Close(node) => {
                if index.contains_key(&node.id()) {
                    owners.pop();
                }
            }
        }
    }
    for (i, e) in roots.iter().enumerate() {
        infos[i].author = author[i]
            .map(|(_, a)| strip_says(&text_of(&a)))
            .filter(|a| !a.is_empty() && a.split_whitespace().count() <= 8);
        infos[i].date = date[i]
            .and_then(|(_, t)| {
                t.value()
                    .attr("datetime")
                    .map(str::to_owned)
                    .or_else(|| Some(text_of(&t)))
            })
            .filter(|d| !d.is_empty());
        if let Some((_, b)) = body[i] {
            marks.insert(b.id(), Mark::Body(i));
        }
        let lead: String = e
            .text()
            .take(3)
            .collect::<String>()
            .trim_start()
            .to_lowercase();
        infos[i].pingback = has_class(e, &["pingback", "trackback"])
            || lead.starts_with("pingback:")
            || lead.starts_with("trackback:");
    }
    (infos, marks)
}

/// "Jane Roe says:" → "Jane Roe" (in the languages threads are written in).
fn strip_says(s: &str) -> String {
    let lower = s.to_lowercase();
    for word in [
        " says:",
        " says",
        " said:",
        " wrote:",
        " sagt:",
        " schreibt:",
        " meint:",
        " dit :",
        " dit:",
        " a écrit :",
        " a écrit:",
        " dice:",
        " escribió:",
        " disse:",
        " diz:",
        " ha scritto:",
    ] {
        if let Some(i) = lower.rfind(word)
            && i + word.len() >= lower.trim_end().len()
        {
            return s[..i].trim().to_owned();
        }
    }
    s.trim().trim_end_matches(':').trim().to_owned()
}

/// The comments, with their spans in the canonical text, from the blocks the walk made.
fn markup_thread(text: &str, blocks: &[BlockRec], infos: Vec<CommentInfo>) -> Option<MarkupThread> {
    if infos.is_empty() {
        return None;
    }
    let mut comments = Vec::with_capacity(infos.len());
    // Comments that end up with no text at all are dropped; parents are renumbered.
    let mut new_index: Vec<Option<usize>> = vec![None; infos.len()];
    for (i, info) in infos.into_iter().enumerate() {
        let own: Vec<&BlockRec> = blocks
            .iter()
            .filter(|b| b.comment.map(|c| c.0) == Some(i))
            .collect();
        let Some(first) = own.first() else { continue };
        let last = own.last().unwrap_or(first);
        let span_of = |role: Role| -> Option<Span> {
            let r: Vec<&&BlockRec> = own
                .iter()
                .filter(|b| b.comment.map(|c| c.1) == Some(role))
                .collect();
            Some(r.first()?.span.start..r.last()?.span.end)
        };
        let header = span_of(Role::Header);
        let body = span_of(Role::Body)
            .or_else(|| {
                // No body element: the text that is not the header or a button.
                let r: Vec<&&BlockRec> = own
                    .iter()
                    .filter(|b| b.comment.map(|c| c.1) == Some(Role::Other))
                    .filter(|b| !is_button(&text[b.span.clone()]))
                    .collect();
                Some(r.first()?.span.start..r.last()?.span.end)
            })
            .unwrap_or(last.span.end..last.span.end);
        new_index[i] = Some(comments.len());
        comments.push(MarkupComment {
            span: first.span.start..last.span.end,
            header,
            body,
            author: info.author,
            date: info.date,
            parent: info
                .parent
                .and_then(|p| new_index.get(p).copied().flatten()),
            pingback: info.pingback,
        });
    }
    (!comments.is_empty()).then_some(MarkupThread { comments })
}

/// "Reply", "Report", "Like" and the other buttons under a comment.
fn is_button(s: &str) -> bool {
    let s = s.trim().to_lowercase();
    s.split_whitespace().count() <= 3
        && [
            "reply",
            "report",
            "like",
            "share",
            "permalink",
            "antworten",
            "répondre",
            "responder",
            "rispondi",
            "responder",
        ]
        .iter()
        .any(|b| s.starts_with(b))
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
mod tests {
    use super::*;

    #[test]
    fn paragraphs_quotes_captions_and_meta() {
        let html = r#"<!doctype html><html><head>
            <title>Talks | The Daily</title>
            <meta name="author" content="Jane Roe">
            <meta property="og:site_name" content="The Daily">
            <meta property="article:published_time" content="2014-09-16T08:00:00Z">
            <script>var x = "<p>not text</p>";</script>
            </head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <h1>Iran and the   U.S.</h1>
            <figure><img src="a.jpg"><figcaption>Kerry in Paris (AP Photo)</figcaption></figure>
            <p>First <em>paragraph</em>,
               with a line<br>break.</p>
            <blockquote><p>Quoted words.</p></blockquote>
            <h2>Section</h2>
            <ul><li>One</li><li>Two</li></ul>
            </body></html>"#;
        let r = reduce(html);
        assert_eq!(
            r.text,
            "Home World\n\nIran and the U.S.\n\nKerry in Paris (AP Photo)\n\nFirst paragraph, with a line\nbreak.\n\nQuoted words.\n\nSection\n\n\u{2022} One\n\n\u{2022} Two"
        );
        let kinds: Vec<_> = r
            .hints
            .iter()
            .map(|h| (h.kind, &r.text[h.span.clone()]))
            .collect();
        assert!(kinds.contains(&(Some(BlockKind::Boilerplate), "Home World")));
        assert!(kinds.contains(&(Some(BlockKind::Title), "Iran and the U.S.")));
        assert!(kinds.contains(&(Some(BlockKind::Caption), "Kerry in Paris (AP Photo)")));
        assert!(kinds.contains(&(Some(BlockKind::Quote), "Quoted words.")));
        assert!(kinds.contains(&(Some(BlockKind::Heading), "Section")));
        assert_eq!(r.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(r.meta.outlet.as_deref(), Some("The Daily"));
        assert_eq!(
            r.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2014-09-16")
        );
    }

    #[test]
    fn title_element_used_when_there_is_no_h1() {
        let r = reduce(
            "<html><head><title>Only a title</title></head><body><p>Body.</p></body></html>",
        );
        assert_eq!(r.text, "Only a title\n\nBody.");
        assert_eq!(r.hints[0].kind, Some(BlockKind::Title));
    }

    #[test]
    fn broken_html_still_reduces() {
        let r = reduce("<p>Unclosed <b>bold <p>next</div></span>");
        assert_eq!(r.text, "Unclosed bold\n\nnext");
    }
}
