//! Comment threads in markup: WordPress and other blog engines' comment lists, schema.org `Comment`, and the buttons and "says" lines around them.

use super::*;

/// What a comment element holds, apart from its text.
#[derive(Debug, Clone, Default)]
pub(super) struct CommentInfo {
    author: Option<String>,
    date: Option<String>,
    parent: Option<usize>,
    pingback: bool,
}

/// The part an element plays in a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    /// The comment element itself.
    Root(usize),
    /// Its author and date line, its reply button.
    Header(usize),
    /// Its text.
    Body(usize),
}

/// Where a block's text came from inside a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Header,
    Body,
    Other,
}

pub(super) fn class_tokens<'a>(e: &'a ElementRef<'_>) -> impl Iterator<Item = &'a str> + 'a {
    e.value().attr("class").unwrap_or("").split_whitespace()
}

pub(super) fn has_class(e: &ElementRef<'_>, names: &[&str]) -> bool {
    class_tokens(e).any(|c| names.iter().any(|n| c.eq_ignore_ascii_case(n)))
}

/// A list (or block) that holds the comments of a blog engine.
pub(super) fn is_comment_list(e: &ElementRef<'_>) -> bool {
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

pub(super) fn is_schema_comment(e: &ElementRef<'_>) -> bool {
    e.value()
        .attr("itemtype")
        .is_some_and(|t| t.trim_end_matches('/').ends_with("/Comment"))
}

/// Comment elements: the items of comment lists (and of the reply lists nested in them),
/// schema.org `Comment` items, and elements of class `comment` in a comments section. One
/// walk over the page finds them; one more gives each its author, date, header and body.
/// The elements of the page that are one comment each, in document order (a reply after
/// the comment it answers, inside it).
pub(super) fn comment_roots(doc: &Html) -> Vec<ElementRef<'_>> {
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
    roots
        .iter()
        .copied()
        .filter(|e| {
            let outer = e.ancestors().find(|a| ids.contains(&a.id()));
            !outer.is_some_and(|o| only_child(o.id(), *e))
        })
        .collect()
}

/// The parts of a comment, found by selectors, most telling first.
const AUTHOR: &[&str] = &[
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
];
const DATE: &[&str] = &[
    "time",
    ".comment-metadata",
    ".commentmetadata",
    ".comment-meta",
    ".comment-date",
    ".comment_date",
    "[itemprop=dateCreated]",
    "[itemprop=datePublished]",
    ".date",
];
const HEADER: &[&str] = &[
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
];
const BODY: &[&str] = &[
    ".comment-content",
    ".comment-text",
    ".comment_text",
    "[itemprop=text]",
    "[itemprop=commentText]",
    ".comment-body-text",
    ".comment-entry",
];

/// The selectors of a comment's parts, parsed once.
struct Parts {
    author: Vec<Selector>,
    date: Vec<Selector>,
    header: Vec<Selector>,
    body: Vec<Selector>,
    keys: Keys,
}

static PARTS: std::sync::LazyLock<Parts> = std::sync::LazyLock::new(|| {
    let sels = |list: &[&str]| -> Vec<Selector> {
        list.iter()
            .filter_map(|s| Selector::parse(s).ok())
            .collect()
    };
    Parts {
        author: sels(AUTHOR),
        date: sels(DATE),
        header: sels(HEADER),
        body: sels(BODY),
        keys: Keys::of([AUTHOR, DATE, HEADER, BODY].concat().as_slice()),
    }
});

/// What an element must have to match any of a list of selectors, read from the last
/// compound of each (`tag`, `.class`, `tag.class`, `[itemprop=value]`): most elements of a
/// comment (paragraphs, links, emphasis) have none of it and are not matched against
/// forty selectors. A selector the keys cannot read lets every element through.
#[derive(Debug, Default)]
struct Keys {
    tags: Vec<String>,
    classes: Vec<String>,
    itemprops: Vec<String>,
    everything: bool,
}

impl Keys {
    fn of(selectors: &[&str]) -> Self {
        let mut keys = Keys::default();
        for s in selectors {
            let last = s.split_whitespace().last().unwrap_or("");
            if let Some(value) = last
                .strip_prefix("[itemprop=")
                .and_then(|v| v.strip_suffix(']'))
            {
                keys.itemprops.push(value.trim_matches('"').to_owned());
                continue;
            }
            let simple = |w: &str| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            };
            let mut pieces = last.split('.');
            let tag = pieces.next().unwrap_or("");
            let classes: Vec<&str> = pieces.collect();
            if !tag.is_empty() && simple(tag) && classes.iter().all(|c| simple(c)) {
                // A tag with classes needs the tag: keying on it alone lets through more.
                keys.tags.push(tag.to_ascii_lowercase());
            } else if tag.is_empty() && !classes.is_empty() && classes.iter().all(|c| simple(c)) {
                keys.classes.push(classes[0].to_owned());
            } else {
                keys.everything = true;
            }
        }
        keys
    }

    fn may_match(&self, e: &ElementRef<'_>) -> bool {
        let v = e.value();
        self.everything
            || self.tags.iter().any(|t| t == v.name())
            // Without regard to case: a page in quirks mode matches classes so.
            || v.classes()
                .any(|c| self.classes.iter().any(|k| k.eq_ignore_ascii_case(c)))
            || v.attr("itemprop").is_some_and(|p| {
                p.split_whitespace()
                    .any(|p| self.itemprops.iter().any(|k| k.eq_ignore_ascii_case(p)))
            })
    }
}

/// Each comment's author, date, body and header parts, and the reply nesting: what the
/// walk of the page needs to mark (`roots` from [`comment_roots`]).
pub(super) fn comment_details(
    doc: &Html,
    roots: &[ElementRef<'_>],
) -> (Vec<CommentInfo>, FxHashMap<ego_tree::NodeId, Mark>) {
    use ego_tree::iter::Edge;
    let index: FxHashMap<ego_tree::NodeId, usize> =
        roots.iter().enumerate().map(|(i, e)| (e.id(), i)).collect();
    let parts = &*PARTS;
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
                if !parts.keys.may_match(&e) {
                    continue;
                }
                if let Some(rank) = parts.author.iter().position(|s| s.matches(&e)) {
                    better(&mut author[i], rank, e);
                }
                if let Some(rank) = parts.date.iter().position(|s| s.matches(&e)) {
                    better(&mut date[i], rank, e);
                }
                if let Some(rank) = parts.body.iter().position(|s| s.matches(&e)) {
                    better(&mut body[i], rank, e);
                }
                if parts.header.iter().any(|s| s.matches(&e)) {
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
pub(super) fn strip_says(s: &str) -> String {
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
pub(super) fn markup_thread(
    text: &str,
    blocks: &[BlockRec],
    infos: Vec<CommentInfo>,
) -> Option<MarkupThread> {
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
pub(super) fn is_button(s: &str) -> bool {
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

#[cfg(test)]
mod keys_tests {
    use super::*;

    /// Every element any part selector matches gets past the keys, on pages in standards
    /// and in quirks mode (where classes match without regard to case).
    #[test]
    fn the_keys_let_through_every_element_a_selector_matches() {
        let body = r#"<ol class="commentlist"><li class="comment"><div class="Comment-Author vcard">
            <cite class="fn">Ann</cite><span class="FN">Bo</span><cite>Cy</cite></div>
            <div itemprop="author" itemscope><span itemprop="name">Di</span></div>
            <time datetime="2014-09-01">1 Sept</time><span itemprop="dateCreated">x</span>
            <footer><a class="comment-reply-link">Reply</a></footer><header>h</header>
            <img class="avatar photo"><div class="comment-content"><p>Text <em>here</em></p></div>
            <div itemprop="text commentText">t</div><span class="date">d</span></li></ol>"#;
        let parts = &*PARTS;
        for page in [
            format!("<!DOCTYPE html><html><body>{body}</body></html>"),
            format!("<html><body>{body}</body></html>"),
        ] {
            let doc = Html::parse_document(&page);
            let mut matched = 0;
            for node in doc.tree.nodes() {
                let Some(e) = ElementRef::wrap(node) else {
                    continue;
                };
                let any = [&parts.author, &parts.date, &parts.header, &parts.body]
                    .iter()
                    .any(|list| list.iter().any(|s| s.matches(&e)));
                if any {
                    matched += 1;
                    assert!(parts.keys.may_match(&e), "{:?}", e.value());
                }
            }
            assert!(matched >= 12, "{matched}");
            // Most elements are skipped: a paragraph and its emphasis are not parts.
            let p = Selector::parse("p, em").unwrap();
            assert!(doc.select(&p).all(|e| !parts.keys.may_match(&e)));
        }
    }

    #[test]
    fn a_selector_the_keys_cannot_read_lets_everything_through() {
        assert!(Keys::of(&["div > *:first-child"]).everything);
        assert!(Keys::of(&["a[href]"]).everything);
        let k = Keys::of(&["cite.fn", ".reply", "[itemprop=name]"]);
        assert!(!k.everything);
        assert_eq!(k.tags, ["cite"]);
        assert_eq!(k.classes, ["reply"]);
        assert_eq!(k.itemprops, ["name"]);
    }
}
