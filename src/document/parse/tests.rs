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

/// The dateline and staff-of rules check their length bounds in code; they must find exactly
/// what the patterns with the bounds written in (`{1,40}`, `{2,30}`) found.
#[test]
fn length_bounds_checked_in_code_find_what_the_bounded_patterns_found() {
    let dateline = Regex::new(r"^(?P<place>\p{Lu}[\p{Lu}\p{L} .'’\-]{1,40}?)(?:,\s*[\p{L}0-9 .]{2,30})?(?:\s*\([^)]{1,30}\))?\s+(?:—|–|--)\s+\S").unwrap();
    let staff = Regex::new(r"\b(?:joined|joins|is on|was on|member of) the (?:staff|team|masthead) (?:of|at) (?P<outlet>[\p{Lu}][\p{L}&.'’\- ]{1,40}?)(?:\s+(?:in|as|since)\b|[.,;)]|$)").unwrap();
    let long = |n: usize| format!("P{}", "é".repeat(n - 1));
    let mut lines = vec![
        "BEIRUT — The city woke".to_owned(),
        "WASHINGTON (AP) — Officials said".to_owned(),
        "Paris, 15 June — text".to_owned(),
        "São Paulo, Brasil (Reuters) -- Mais".to_owned(),
        "No dateline in this paragraph at all.".to_owned(),
        "lower — case".to_owned(),
    ];
    for n in [39, 40, 41, 42, 60] {
        lines.push(format!("{} — rest", long(n)));
        lines.push(format!("Rome, {} — rest", "a".repeat(n - 10)));
    }
    for l in &lines {
        let old = dateline
            .captures(l)
            .and_then(|c| c.name("place"))
            .map(|m| m.range());
        assert_eq!(
            old,
            dateline_place(l).map(|m| m.range()),
            "dateline of {l:?}"
        );
    }
    let mut bios = vec![
        "She joined the staff of The Ledger in 2010.".to_owned(),
        "He is on the team at Foreign Policy, and writes.".to_owned(),
        "Nobody joined anything here.".to_owned(),
    ];
    for n in [40, 41, 42, 70] {
        bios.push(format!(
            "He joined the staff of {} and later joined the team at OTB.",
            long(n)
        ));
        bios.push(format!("She is on the masthead of {}.", long(n)));
    }
    for b in &bios {
        let old = staff
            .captures(b)
            .and_then(|c| c.name("outlet"))
            .map(|m| m.range());
        assert_eq!(old, staff_outlet(b).map(|m| m.range()), "outlet of {b:?}");
    }
    // The boundaries were reached on both sides.
    assert!(dateline_place(&format!("{} — rest", long(41))).is_some());
    assert!(dateline_place(&format!("{} — rest", long(42))).is_none());
    assert_eq!(
        staff_outlet(&format!(
            "He joined the staff of {} and later joined the team at OTB.",
            long(70)
        ))
        .map(|m| m.as_str()),
        Some("OTB")
    );
}

/// Every pattern with names in it finds, compiled with names of any length, exactly what it
/// found with names of at most five words: on bylines, names that run past five words,
/// capitalised words that could be read as "In"/"On", and excerpt introductions.
#[test]
fn name_patterns_find_what_the_five_word_patterns_found() {
    use crate::document::pattern::CheckedPattern;
    use regex::Captures;
    let patterns: [(&str, &CheckedPattern); 10] = [
        ("BY_IN", &BY_IN),
        ("BY_NAME", &BY_NAME),
        ("POSTED", &POSTED),
        ("POSTED_BY", &POSTED_BY),
        ("NAME_ROLE", &NAME_ROLE),
        ("NAME_DATE", &NAME_DATE),
        ("NAME_ONLY", &NAME_ONLY),
        ("ABOUT", &ABOUT),
        ("TRAILING_ATTRIBUTION", &TRAILING_ATTRIBUTION),
        ("INTRO_SOURCE", &INTRO_SOURCE),
    ];
    let lines = [
        "By Jane Roe",
        "By Jane Roe, Reuters",
        "by Jean-Luc de la Tour | 3 June 2014",
        "By Anna Maria Lopez Garcia Perez",
        "By Anna Maria Lopez Garcia Perez Sanchez",
        "By Anna Maria Lopez Garcia Perez Sanchez, Reuters",
        "By Jane Roe, John Doe and Ann Lee for The Ledger",
        "By Jane Roe, John Ronald Reuel Tolkien Baggins Took and Ann Lee",
        "Von Hans Peter Müller und Eva Schmidt",
        "By Jane Roe In Politics",
        "by in Middle East, U.S..",
        "By Abu Bakr al-Baghdadi In World News",
        "By One Two Three Four Five Six In Politics",
        "Posted on September 15, 2014 by Doug Mataconis",
        "Posted on May 1 by John Smith In Politics",
        "Posted on May 1 by John Smith In Politics Foo Bar",
        "Posted on May 1 by One Two Three Four Five Six In Politics",
        "Posted by Doug Mataconis on September 15, 2014 in Middle East",
        "Posted by One Two Three Four Five Six On Monday At Noon",
        "Jane Roe, Senior Correspondent",
        "One Two Three Four Five Six, Senior Correspondent",
        "Jane Roe | June 17, 2014",
        "Jane Roe",
        "One Two Three Four Five Six",
        "About Jane Roe",
        "About The Author",
        "About One Two Three Four Five Six:",
        "Cheney, C-Span, 1994",
        "One Two Three Four Five Six Seven, 1994",
        "Jack Goldstone argues that the war is lost:",
        "As Jack Goldstone of George Mason University Said Earlier writes:",
        "The New York Times Magazine Editor Jane Roe said, and John Doe added:",
        "McDonald Trump Obama Kerry Rice Powell Clinton says:",
        "He said that She wrote:",
        "Kerry spoke on Monday.",
        "",
    ];
    for (label, pattern) in patterns {
        let bounded = Regex::new(&(pattern.source)(true)).unwrap();
        for line in lines {
            let spans = |c: Option<Captures<'_>>| {
                c.map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
            };
            assert_eq!(
                spans(bounded.captures(line)),
                spans(pattern.captures(line)),
                "{label} on {line:?}"
            );
            let all = |it: &mut dyn Iterator<Item = Captures<'_>>| {
                it.map(|c| c.get(0).map(|m| m.range())).collect::<Vec<_>>()
            };
            assert_eq!(
                all(&mut bounded.captures_iter(line)),
                all(&mut pattern.captures_iter(line)),
                "{label}, every match in {line:?}"
            );
        }
    }
    // Names past five words were met, and the bounded patterns were asked about them.
    assert!(BY_NAME.bounded.get().is_some());
    assert!(!names_fit("One Two Three Four Five Six"));
    assert!(names_fit("Jane Roe, John Doe and Ann Lee"));
}
