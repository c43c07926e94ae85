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
    let text =
        "This starts straight away with body text. It has two sentences and no title.\n\nSecond.";
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
    let text = "Title\n\nThree goals are at stake here, he thinks:\n\n1) Nukes.\n\n2) Influence.";
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
                assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
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
