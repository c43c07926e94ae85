//! Web pages as people save them: page furniture kept apart from the article, metadata the
//! page declares, and comment threads in the markup of common blog engines.

use parallax::document::{BlockKind, Document, Format, ReplyEvidence, Section};

fn html(page: &str) -> Document {
    Document::from_text("page.html", Format::Html, page)
}

const PARA: &str = "The foreign ministers met in Paris on Monday to discuss the threat posed by the militants in Iraq and Syria, and the talks went on late into the night while aides waited outside.";
const PARA2: &str = "Officials said afterwards that no agreement had been reached on military coordination, though both sides described the meeting as useful, frank and long overdue.";
const PARA3: &str = "Analysts in Washington were divided over what the meeting meant for the wider region, with some calling it a turning point and others a photo opportunity.";

/// A WordPress post with `n` comments: every third a reply (nested in `ul.children`), two
/// pingbacks, avatars, "Reply" links and a comment form.
fn wordpress(n: usize) -> String {
    let mut comments = String::new();
    let mut open_children = false;
    for i in 1..=n {
        let reply = i % 3 == 0;
        if reply && !open_children {
            // Nest under the previous comment: reopen its <li>.
            comments.truncate(comments.len() - "</li>\n".len());
            comments.push_str("<ul class=\"children\">\n");
            open_children = true;
        } else if !reply && open_children {
            comments.push_str("</ul></li>\n");
            open_children = false;
        }
        comments.push_str(&format!(
            r##"<li class="comment even thread-even depth-1" id="comment-{i}">
<article id="div-comment-{i}" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><img alt='' src='a.png' class='avatar' height='32' width='32' /><b class="fn">Reader {i}</b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="#comment-{i}"><time datetime="2014-09-1{d}T10:0{d}:00+00:00">September 1{d}, 2014 at 10:0{d} am</time></a></div></footer>
<div class="comment-content"><p>This is comment number {i}, with a thought about the talks in Paris.</p><p>A second paragraph of comment {i}.</p></div>
<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#">Reply</a></div>
</article>
</li>
"##,
            d = i % 9
        ));
    }
    if open_children {
        comments.push_str("</ul></li>\n");
    }
    comments.push_str(r##"<li class="pingback even" id="comment-901"><div class="comment-body">Pingback: <a href="http://other.example/post" rel="external nofollow" class="url">Another blog on the talks</a> <span class="edit-link"></span></div></li>
<li class="trackback odd" id="comment-902"><div class="comment-body">Trackback: <a href="http://third.example/">A third site</a></div></li>
"##);
    format!(
        r##"<!DOCTYPE html><html><head><title>Talks in Paris | A Blog</title>
<meta property="og:site_name" content="A Blog"><meta name="author" content="Jane Roe"></head>
<body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li><li><a href="/archive">Archive</a></li></ul></nav></header>
<main><article class="post"><h1 class="entry-title">Talks in Paris</h1><div class="byline">By <a rel="author" href="/jane">Jane Roe</a></div>
<div class="entry-content"><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p></div>
<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div></article>
<div id="comments" class="comments-area"><h2 class="comments-title">{n} thoughts on &ldquo;Talks in Paris&rdquo;</h2>
<ol class="comment-list">
{comments}</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form><p>Your email address will not be published.</p></form></div></div></main>
<footer><p>Proudly powered by WordPress. Copyright 2014 A Blog.</p></footer></body></html>"##
    )
}

#[test]
fn a_wordpress_thread_is_one_comment_per_comment_with_its_replies() {
    let d = html(&wordpress(80));
    let reader: Vec<_> = d.comments().iter().filter(|c| !c.pingback).collect();
    assert_eq!(reader.len(), 80, "one comment per <li>, not per bullet");
    assert_eq!(d.comments().iter().filter(|c| c.pingback).count(), 2);
    for (i, c) in reader.iter().enumerate() {
        assert_eq!(
            c.author.as_deref(),
            Some(format!("Reader {}", i + 1).as_str())
        );
        assert!(
            c.date
                .as_deref()
                .is_some_and(|d| d.starts_with("2014-09-1"))
        );
        let body = &d.text[c.body.clone()];
        assert!(
            body.starts_with(&format!("This is comment number {}", i + 1)),
            "{body:?}"
        );
        assert!(
            !body.contains("Reply") && !body.contains("says:"),
            "{body:?}"
        );
    }
    // Every third comment answers the one before it, as the nesting says.
    for (k, c) in d.comments().iter().enumerate().filter(|(_, c)| !c.pingback) {
        let n = k + 1;
        if n % 3 == 0 {
            assert!(
                c.replies_to
                    .iter()
                    .any(|r| r.to == k - 1 && r.evidence == ReplyEvidence::Nesting),
                "comment {n}: {:?}",
                c.replies_to
            );
        } else {
            assert!(c.replies_to.is_empty(), "comment {n}");
        }
    }
    // No bullet of the list is text; pingbacks are not counted as readers' words.
    assert!(!d.text[d.comments()[0].span.clone()].contains('\u{2022}'));
    let pingback = d.comments().iter().find(|c| c.pingback).unwrap();
    for b in &d.blocks()[pingback.blocks.clone()] {
        assert_eq!(b.kind, BlockKind::Boilerplate);
    }
    // The article: title, byline, three paragraphs; the rest is page furniture.
    assert_eq!(d.title(), "Talks in Paris");
    assert_eq!(d.article.meta.author.as_ref().unwrap().value, "Jane Roe");
    let body: Vec<&str> = d
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph && b.section != Section::Thread)
        .map(|b| &d.text[b.span.clone()])
        .collect();
    assert_eq!(body, [PARA, PARA2, PARA3]);
    let furniture: Vec<&str> = d
        .blocks()
        .iter()
        .filter(|b| b.cut)
        .map(|b| &d.text[b.span.clone()])
        .collect();
    for f in ["Share this:", "Leave a Reply"] {
        assert!(
            furniture.iter().any(|x| x.contains(f)),
            "{f} is furniture: {furniture:?}"
        );
    }
    assert!(
        d.blocks()
            .iter()
            .filter(|b| b.cut)
            .all(|b| b.kind == BlockKind::Boilerplate)
    );
}

#[test]
fn schema_org_comments_and_other_engines() {
    let page = format!(
        r##"<html><head><title>Post</title></head><body><article><h1>Post</h1><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p></article>
<section id="comments" class="comments">
<div itemprop="comment" itemscope itemtype="https://schema.org/Comment"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann Lee</span></span>
<time itemprop="dateCreated" datetime="2019-04-28T10:00">April 28</time><div itemprop="text"><p>First, I think this is right.</p></div>
<div itemprop="comment" itemscope itemtype="https://schema.org/Comment"><span itemprop="author"><span itemprop="name">Bob Chan</span></span><div itemprop="text"><p>Ann, I disagree with you.</p></div></div>
</div>
<div itemprop="comment" itemscope itemtype="https://schema.org/Comment"><span itemprop="author"><span itemprop="name">Cy Dee</span></span><div itemprop="text"><p>A third view entirely.</p></div></div>
</section></body></html>"##
    );
    let d = html(&page);
    let authors: Vec<_> = d.comments().iter().map(|c| c.author.as_deref()).collect();
    assert_eq!(authors, [Some("Ann Lee"), Some("Bob Chan"), Some("Cy Dee")]);
    assert_eq!(d.comments()[1].replies_to[0].to, 0);
    assert!(d.comments()[2].replies_to.is_empty());
    assert_eq!(
        &d.text[d.comments()[1].body.clone()],
        "Ann, I disagree with you."
    );
    assert_eq!(d.comments()[0].date.as_deref(), Some("2019-04-28T10:00"));
}

#[test]
fn the_title_is_the_headline_not_the_first_h1_and_metadata_comes_from_the_page() {
    let page = format!(
        r##"<html><head><title>Kerry rules out coordination - The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Kerry rules out coordination","author":[{{"@type":"Person","name":"Jane Roe"}},{{"@type":"Person","name":"Sam Poe"}}],"datePublished":"2014-09-16T08:00:00Z"}}</script></head>
<body><h1 class="skip"><a href="#main">Skip navigation</a></h1><nav><a href="/">World</a> <a href="/">Politics</a></nav>
<main id="main"><article><h1>Kerry rules out coordination</h1><p class="byline">By Jane Roe and Sam Poe</p><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p></article></main></body></html>"##
    );
    let d = html(&page);
    assert_eq!(d.title(), "Kerry rules out coordination");
    assert_eq!(d.article.meta.authors, ["Jane Roe", "Sam Poe"]);
    assert_eq!(
        d.article.meta.outlet.as_ref().unwrap().value,
        "The Daily Ledger"
    );
    assert_eq!(
        d.article.meta.date.as_ref().unwrap().value.to_string(),
        "2014-09-16"
    );
    let skip = d
        .blocks()
        .iter()
        .find(|b| d.text[b.span.clone()].contains("Skip navigation"))
        .unwrap();
    assert_ne!(skip.kind, BlockKind::Title);
    let e = d.extraction.unwrap();
    assert!(e.cut_chars > 0 && e.kept_chars > e.cut_chars);
    // Keeping the whole page brings the furniture back as text; the text is the same.
    let whole = d.keep_whole_page();
    assert_eq!(whole.text, d.text);
    assert!(whole.blocks().iter().all(|b| !b.cut));
    assert!(whole.words.article > d.words.article);
    assert_ne!(whole.analysis_key(), d.analysis_key());
}

#[test]
fn the_text_is_the_same_whether_or_not_the_furniture_is_cut() {
    // No heading on the page: its title becomes the first block, from what the page
    // declares, so the text (and every note's anchor) never depends on the extractors.
    let page = format!(
        r##"<html><head><title>Talks in Paris | The Daily</title><meta property="og:title" content="Talks in Paris"></head><body><div class="menu"><a href="/">Home</a> <a href="/w">World</a></div><div class="story"><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p></div></body></html>"##
    );
    let cut = parallax::document::html::reduce(&page);
    let whole = parallax::document::html::reduce_with(
        &page,
        parallax::document::html::Options { whole_page: true },
    );
    assert_eq!(cut.text, whole.text);
    assert!(cut.text.starts_with("Talks in Paris\n\n"));
    assert!(cut.hints.iter().any(|h| h.cut));
    assert!(!whole.hints.iter().any(|h| h.cut));
}
