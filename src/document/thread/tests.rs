use super::super::{Article, parse_article};
use super::*;

fn parse(text: &str) -> Article {
    parse_article(text, &[])
}

fn authors(a: &Article) -> Vec<Option<&str>> {
    a.comments.iter().map(|c| c.author.as_deref()).collect()
}

fn comment_text<'a>(text: &'a str, a: &Article, i: usize) -> &'a str {
    &text[a.comments[i].body.clone()]
}

const BODY: &str = "A Title\n\nThe article body has a paragraph. It has two sentences.\n\n";

#[test]
fn numbered_says_form() {
    let text = format!(
        "{BODY}  1. Ann Lee says:\n\n    First comment.\n\n  2. bob42 says:\n\n    @Ann Lee: Second, replying.\n"
    );
    let a = parse(&text);
    assert_eq!(authors(&a), [Some("Ann Lee"), Some("bob42")]);
    assert_eq!(a.comments[0].number, Some(1));
    assert_eq!(comment_text(&text, &a, 1), "@Ann Lee: Second, replying.");
    assert_eq!(a.comments[1].replies_to[0].to, 0);
    // The body stays article text.
    assert!(
        a.blocks.iter().any(|b| b.section != Section::Thread
            && text[b.span.clone()].starts_with("The article body"))
    );
}

#[test]
fn plain_says_form_with_reply_lines_and_dates() {
    let text = format!(
        "{BODY}Ann Lee says:\nSeptember 15, 2014 at 10:23 am\nFirst comment.\nReply\nBob Roe says:\nSeptember 15, 2014 at 11:00 am\n@Ann: I disagree.\nReply\nAn orphan comment with no author line.\nReply\n"
    );
    let a = parse(&text);
    assert_eq!(authors(&a), [Some("Ann Lee"), Some("Bob Roe"), None]);
    assert_eq!(
        a.comments[0].date.as_deref(),
        Some("September 15, 2014 at 10:23 am")
    );
    assert_eq!(comment_text(&text, &a, 0), "First comment.");
    assert_eq!(
        comment_text(&text, &a, 2),
        "An orphan comment with no author line."
    );
    assert_eq!(a.comments[1].replies_to[0].to, 0);
}

#[test]
fn on_date_said_form() {
    let text = format!(
        "{BODY}Ann Lee on September 15, 2014 at 10:23 am said:\n\nFirst comment.\n\nBob Roe on September 16, 2014 at 9:00 am said:\n\nSecond comment.\n"
    );
    let a = parse(&text);
    assert_eq!(authors(&a), [Some("Ann Lee"), Some("Bob Roe")]);
    assert_eq!(
        a.comments[1].date.as_deref(),
        Some("September 16, 2014 at 9:00 am")
    );
}

#[test]
fn wrote_form_after_a_comments_heading() {
    let text = format!("{BODY}3 Comments\n\nAnn Lee wrote:\n\nOnly one comment here.\n");
    let a = parse(&text);
    assert_eq!(authors(&a), [Some("Ann Lee")]);
    let heading = a
        .blocks
        .iter()
        .find(|b| b.section == Section::Thread && b.kind == BlockKind::Heading)
        .unwrap();
    assert_eq!(&text[heading.span.clone()], "3 Comments");
}

#[test]
fn numbered_comment_without_author_line_is_kept_apart() {
    let text = format!(
        "{BODY}  1. Ann Lee says:\n\n    First.\n\n  2. @Ann Lee: a comment whose author line is missing.\n\n  3. Bob Roe says:\n\n    @Tim Watson: you said it.\n"
    );
    let a = parse(&text);
    assert_eq!(a.comments.len(), 3);
    assert_eq!(
        comment_text(&text, &a, 1),
        "@Ann Lee: a comment whose author line is missing."
    );
    // Bob addresses "Tim Watson", who never commented under that name: comment 2 is his.
    assert_eq!(a.comments[1].author.as_deref(), Some("Tim Watson"));
    assert_eq!(
        a.comments[1].author_source,
        AuthorSource::InferredFromReply { reply: 2 }
    );
    assert_eq!(a.comments[2].replies_to[0].to, 1);
    assert_eq!(a.comments[1].replies_to[0].to, 0);
}

#[test]
fn a_sentence_with_says_in_the_body_is_not_a_thread() {
    let text = "Title\n\nThe minister says:\n\n“We will talk.”\n\nMore body text. Indeed.";
    let a = parse(text);
    assert!(a.comments.is_empty());
}

#[test]
fn quoting_an_earlier_comment_is_a_reply_to_it() {
    let text = format!(
        "{BODY}  1. Ann says:\n\n    Iran wants more influence on Syria and Iraq.\n\n  2. Bob says:\n\n    Something else entirely here.\n\n  3. Cy says:\n\n    Iran wants more influence on Syria and Iraq.\n\n    Of course it does.\n"
    );
    let a = parse(&text);
    let c = &a.comments[2];
    assert_eq!(c.replies_to.len(), 1);
    assert_eq!(c.replies_to[0].to, 0);
    assert!(matches!(
        c.replies_to[0].evidence,
        ReplyEvidence::Quote { .. }
    ));
    let first = &a.blocks[c.blocks.start];
    assert_eq!(first.kind, BlockKind::Quote);
    assert_eq!(first.quote.as_ref().unwrap().from_comment, Some(0));
}

#[test]
fn mention_prefers_the_quoted_comment_of_that_author() {
    let text = format!(
        "{BODY}  1. Ann says:\n\n    Every agency in the world says blah blah blah.\n\n  2. Ann says:\n\n    My bad. Sorry.\n\n  3. Bob says:\n\n    @Ann:\n\n    Every agency in the world says blah blah blah.\n\n    Indeed.\n"
    );
    let a = parse(&text);
    assert_eq!(
        a.comments[2]
            .replies_to
            .iter()
            .map(|r| r.to)
            .collect::<Vec<_>>(),
        [0]
    );
}

#[test]
fn mention_by_first_name_or_surname() {
    let text = format!(
        "{BODY}  1. Jenos Idanian #13 says:\n\n    One.\n\n  2. Eric Florack says:\n\n    Two.\n\n  3. Cy says:\n\n    @ Jenos\n\n    Three.\n\n  4. Di says:\n\n    @ Florack\n\n    Four.\n"
    );
    let a = parse(&text);
    assert_eq!(a.comments[2].replies_to[0].to, 0);
    assert_eq!(a.comments[3].replies_to[0].to, 1);
}

#[test]
fn header_patterns() {
    assert_eq!(
        parse_header("12. anjin-san says:").unwrap().name,
        "anjin-san"
    );
    assert_eq!(
        parse_header("Just 'nutha' ig'rant cracker says:")
            .unwrap()
            .name,
        "Just 'nutha' ig'rant cracker"
    );
    assert_eq!(parse_header("Ann said...").unwrap().name, "Ann");
    assert!(parse_header("Kerry also says:").is_none());
    assert!(parse_header("What he said:").is_none());
    assert!(parse_header("The minister says:").is_none());
}

/// The header pattern, compiled without its counts, finds exactly what the counted pattern
/// found: on names and dates under, at and past their 60 characters, with and without a
/// number, and on lines that are no header.
#[test]
fn header_pattern_finds_what_the_counted_pattern_found() {
    let bounded = Regex::new(&(HEADER.source)(true)).unwrap();
    let long = |n: usize| "x".repeat(n);
    let lines = [
        "12. anjin-san says:".to_owned(),
        "Jane Roe on June 3, 2014 at 9:12 pm said:".to_owned(),
        "Jane Roe, on June 3, 2014 at 9:12 pm said...".to_owned(),
        "Hans Müller am 3. Juni 2014 um 21:12 schrieb:".to_owned(),
        "Ann said...".to_owned(),
        format!("J{} says:", long(59)),
        format!("J{} says:", long(60)),
        format!("J{} on June 3 says:", long(59)),
        format!("J{} on June 3 says:", long(75)),
        format!("Jane on {} said:", long(60)),
        format!("Jane on {} said:", long(61)),
        format!("Jane on {} on June 3 said:", long(50)),
        format!("Jane on May {} on June 3, 2014 said:", long(55)),
        "Jane on May said:".to_owned(),
        "12) Jane Roe wrote".to_owned(),
        "123456. Jane Roe wrote:".to_owned(),
        "The minister said: nothing".to_owned(),
        "@ann says:".to_owned(),
        String::new(),
    ];
    for line in &lines {
        let spans = |c: Option<regex::Captures<'_>>| {
            c.map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
        };
        assert_eq!(
            spans(bounded.captures(line)),
            spans(HEADER.captures(line)),
            "{line:?}"
        );
    }
    // Matches past the counts were met, and the counted pattern was asked about them.
    assert!(HEADER.bounded.get().is_some());
}
