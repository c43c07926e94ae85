//! The bundled seeds, parsed as a careful reader would read them.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use parallax::corpus::{LoadOptions, load_folder};
use parallax::document::{AuthorSource, BlockKind, Document, Section};

fn seeds() -> Vec<std::sync::Arc<Document>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let corpus = load_folder(
        &root,
        &LoadOptions::default(),
        |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    assert_eq!(corpus.documents.len(), 2);
    corpus.documents
}

fn blog() -> std::sync::Arc<Document> {
    seeds()
        .into_iter()
        .find(|d| d.source.rel_path.starts_with("000"))
        .unwrap()
}

fn news() -> std::sync::Arc<Document> {
    seeds()
        .into_iter()
        .find(|d| d.source.rel_path.starts_with("003"))
        .unwrap()
}

fn text_of(d: &Document, kind: BlockKind) -> Vec<&str> {
    d.blocks()
        .iter()
        .filter(|b| b.kind == kind)
        .map(|b| d.slice(&b.span))
        .collect()
}

#[test]
fn seeds_are_the_shared_originals_byte_for_byte() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !shared.exists() {
        return; // a clone outside the workspace has only its own copy
    }
    for entry in std::fs::read_dir(&shared).unwrap() {
        let entry = entry.unwrap();
        let ours = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(entry.file_name());
        assert_eq!(
            std::fs::read(entry.path()).unwrap(),
            std::fs::read(ours).unwrap()
        );
    }
}

#[test]
fn blog_metadata() {
    let d = blog();
    assert_eq!(
        d.title(),
        "Iran And The U.S. On The Same Side Against ISIS?"
    );
    assert_eq!(
        d.article.meta.author.as_ref().unwrap().value,
        "Doug Mataconis"
    );
    assert_eq!(d.article.meta.outlet.as_ref().unwrap().value, "OTB");
    assert_eq!(
        d.article.meta.date, None,
        "the blog post gives no publication date"
    );
    assert_eq!(d.source.encoding, "UTF-8");
    assert_eq!(
        d.article.meta.categories,
        ["Middle East", "Military Affairs", "National Security"]
    );
    assert_eq!(
        text_of(&d, BlockKind::Caption),
        ["Iranian And American Flags"]
    );
    assert_eq!(text_of(&d, BlockKind::Byline), ["Doug Mataconis"]);
    let boiler = text_of(&d, BlockKind::Boilerplate);
    assert!(boiler[0].starts_with("FILED UNDER:"));
    assert_eq!(boiler[1], "About Doug Mataconis");
    assert!(boiler[2].starts_with("Doug Mataconis held a B.A."));
}

#[test]
fn blog_excerpts_are_quotes() {
    let d = blog();
    let quotes: Vec<_> = d
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::Quote && b.section == Section::Body)
        .collect();
    // The news excerpt about Psaki (4 paragraphs) and Goldstone's excerpt (8 paragraphs).
    assert_eq!(quotes.len(), 12);
    assert!(
        d.slice(&quotes[0].span)
            .starts_with("A spokesman for Kerry acknowledged")
    );
    assert!(
        d.slice(&quotes[3].span)
            .starts_with("\u{201c}There may be another opportunity")
    );
    let goldstone: Vec<_> = quotes[4..].iter().collect();
    assert!(
        d.slice(&goldstone[0].span)
            .starts_with("Washington loves nothing more")
    );
    assert!(
        d.slice(&goldstone[7].span)
            .starts_with("Nobody should underestimate")
    );
    for q in &goldstone {
        let info = q.quote.as_ref().unwrap();
        assert_eq!(info.source.as_deref(), Some("Jack Goldstone"));
        assert!(
            d.slice(info.intro.as_ref().unwrap())
                .starts_with("While the idea of an alliance")
        );
    }
    // The author resumes in his own voice.
    let paras = text_of(&d, BlockKind::Paragraph);
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("Notwithstanding the fact"))
    );
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("Goldstone\u{2019}s ideas are highly theoretical"))
    );
}

const AUTHORS: [&str; 43] = [
    "C. Clavin",
    "gVOR08",
    "Tillman",
    "Scott",
    "JohnMcC",
    "michael reynolds",
    "Scott",
    "Jenos Idanian #13",
    "Rafer Janders",
    "Rafer Janders",
    "anjin-san",
    "anjin-san",
    "Rafer Janders",
    "Rafer Janders",
    "anjin-san",
    "michael reynolds",
    "Grewgills",
    "Ron Beasley",
    "Eric Florack",
    "stonetools",
    "C. Clavin",
    "C. Clavin",
    "Timothy Watson",
    "Eric Florack",
    "anjin-san",
    "michael reynolds",
    "al-Ameda",
    "Neil Hudelson",
    "C. Clavin",
    "C. Clavin",
    "anjin-san",
    "Tyrell",
    "C. Clavin",
    "michael reynolds",
    "Barry",
    "al-Ameda",
    "Tyrell",
    "Just 'nutha' ig'rant cracker",
    "Just 'nutha' ig'rant cracker",
    "Just 'nutha' ig'rant cracker",
    "Tyrell",
    "Ron Beasley",
    "gVOR08",
];

#[test]
fn blog_thread_has_43_comments_each_with_its_author() {
    let d = blog();
    let comments = d.comments();
    assert_eq!(comments.len(), 43);
    for (i, c) in comments.iter().enumerate() {
        assert_eq!(c.number, Some(i as u32 + 1));
        assert_eq!(c.author.as_deref(), Some(AUTHORS[i]), "comment {}", i + 1);
    }
    // Comment 23 has no author line; comment 24 answers "@Timothy Watson".
    assert_eq!(
        comments[22].author_source,
        AuthorSource::InferredFromReply { reply: 23 }
    );
    assert!(comments[22].header.is_none());
    assert!(
        d.slice(&comments[22].body)
            .starts_with("@C. Clavin: I like how the RWNJs")
    );
    // Comments keep their own text: no comment swallows its neighbour.
    assert!(
        d.slice(&comments[0].body)
            .starts_with("Well we basically gave Iraq to Iran")
    );
    assert!(
        d.slice(&comments[0].body)
            .ends_with("like the welfare queen you are.")
    );
    assert!(
        d.slice(&comments[42].body)
            .ends_with("the NYT says blah blah blah.")
    );
    for w in comments.windows(2) {
        assert!(w[0].span.end <= w[1].span.start);
    }
    // Thread words are counted apart from the article.
    assert!(d.words.thread > d.words.article);
}

#[test]
fn blog_replies() {
    let d = blog();
    let replies = |n: usize| -> Vec<usize> {
        d.comments()[n - 1]
            .replies_to
            .iter()
            .map(|r| r.to + 1)
            .collect()
    };
    assert_eq!(replies(1), Vec::<usize>::new());
    assert_eq!(replies(3), [1]); // @C. Clavin
    assert_eq!(replies(7), [6]); // @michael reynolds
    assert_eq!(replies(9), [8]); // @Jenos Idanian #13
    assert_eq!(replies(11), [8]); // "@ Jenos"
    assert_eq!(replies(13), [11]); // quotes "Even you are not this stupid." without naming anyone
    assert_eq!(replies(15), [14]); // "@ Rafer Janders"
    assert_eq!(replies(19), [1, 18]); // two addresses in one comment
    assert_eq!(replies(24), [22, 23]); // @C. Clavin, @Timothy Watson
    assert_eq!(replies(25), [24]); // "@ Florack"
    assert_eq!(replies(35), [19]); // quotes Florack's comment 19
    assert_eq!(replies(36), [19]); // quotes comment 19 after "@Eric Florack:"
    assert_eq!(replies(40), [39]); // curly quotes in the name
    assert_eq!(replies(42), [41]); // quotes 41
    assert_eq!(replies(43), [30]); // "@C. Clavin:" and quotes Clavin's comment 30
}

#[test]
fn quoted_text_inside_comments() {
    let d = blog();
    let c14 = &d.comments()[13];
    let blocks = &d.blocks()[c14.blocks.clone()];
    let cheney: Vec<_> = blocks
        .iter()
        .filter(|b| b.quote.as_ref().and_then(|q| q.source.as_deref()) == Some("Cheney"))
        .collect();
    assert_eq!(cheney.len(), 2);
    let from_8 = blocks
        .iter()
        .find(|b| b.quote.as_ref().and_then(|q| q.from_comment) == Some(7))
        .unwrap();
    assert!(d.slice(&from_8.span).starts_with("My underlying principle"));
    // Churchill's words, introduced by a colon in comment 20, end at the closing quote mark.
    let c20 = &d.blocks()[d.comments()[19].blocks.clone()];
    let kinds: Vec<_> = c20.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [BlockKind::Paragraph, BlockKind::Quote, BlockKind::Paragraph]
    );
    assert!(d.slice(&c20[1].span).ends_with("Hitler.\u{201d}"));
}

#[test]
fn news_metadata_and_blocks() {
    let d = news();
    assert_eq!(
        d.title(),
        "U.S. walks back possibility of Iran cooperation on Iraq"
    );
    assert_eq!(
        d.article.meta.outlet.as_ref().unwrap().value,
        "Blouin News World"
    );
    assert_eq!(d.article.meta.author, None);
    assert_eq!(d.article.meta.categories, ["Middle East", "U.S."]);
    assert_eq!(
        text_of(&d, BlockKind::Byline),
        ["By the Blouin News World staff", "by in Middle East, U.S.."]
    );
    let captions = text_of(&d, BlockKind::Caption);
    assert_eq!(
        captions.len(),
        2,
        "each repeated caption is one caption: {captions:?}"
    );
    assert!(captions[0].ends_with("(Alex Wong/Getty Images)"));
    assert_eq!(captions[1], "Source: CNN");
    assert_eq!(d.article.repeats.len(), 2);
    assert_eq!(
        text_of(&d, BlockKind::Heading),
        ["VISUAL CONTEXT: The ISIL onslaught"]
    );
    assert_eq!(text_of(&d, BlockKind::Paragraph).len(), 5);
    assert!(d.comments().is_empty());
    // The caption's date is the photo's, not the article's.
    assert_eq!(d.article.meta.date, None);
}

#[test]
fn offsets_are_code_points_at_the_edges() {
    let d = blog();
    // The seed holds an emoji (comment 3) and curly quotes: code-point offsets differ from bytes.
    let emoji = d.text.find('\u{1F642}').unwrap();
    let cp = d.char_offset(emoji);
    assert_eq!(d.text.chars().nth(cp), Some('\u{1F642}'));
    assert!(cp < emoji);
    assert_eq!(d.byte_offset(cp), emoji);
}
