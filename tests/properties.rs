//! Arbitrary input never panics the decoder or the parser, and every range it reports lies
//! inside the text on character boundaries.

use parallax::document::{Document, Format, Source};
use proptest::prelude::*;

fn check(doc: &Document) {
    let text = &doc.text;
    let ok = |s: &std::ops::Range<usize>| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for b in doc.blocks() {
        assert!(ok(&b.span), "block {:?}", b.span);
        assert!(!b.span.is_empty());
        if let Some(q) = &b.quote
            && let Some(i) = &q.intro
        {
            assert!(ok(i));
        }
    }
    for w in doc.blocks().windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "blocks overlap or are out of order"
        );
    }
    for (i, c) in doc.comments().iter().enumerate() {
        assert!(ok(&c.span) && ok(&c.body));
        assert!(c.blocks.end <= doc.blocks().len());
        for r in &c.replies_to {
            assert!(r.to < i, "a reply must point to an earlier comment");
        }
    }
    for (span, block) in &doc.article.repeats {
        assert!(ok(span) && *block < doc.blocks().len());
    }
    if let Some(t) = &doc.article.meta.title
        && let Some(s) = &t.span
    {
        assert!(ok(s));
    }
}

fn from_bytes(bytes: &[u8], format: Format) {
    if let Ok(decoded) = parallax::corpus::decode::decode(bytes) {
        let doc = Document::from_decoded(
            Source {
                path: Default::default(),
                rel_path: "x".into(),
                format,
                encoding: decoded.encoding,
                replaced: decoded.replaced,
                file_size: bytes.len() as u64,
                modified: None,
            },
            decoded.text,
        );
        check(&doc);
    }
}

/// Lines that exercise the parser's rules.
fn article_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(String::new()),
        "[A-Za-z ,.\u{201c}\u{201d}\u{2019}\u{e9}\u{1F642}]{0,80}",
        Just("By the Blouin News World staff".to_owned()),
        Just("FILED UNDER: Middle East, , ,".to_owned()),
        Just("About Jane Roe".to_owned()),
        Just("Jane Roe".to_owned()),
        Just("Reply".to_owned()),
        Just("    indented quote line".to_owned()),
        Just("Jack Goldstone argues that:".to_owned()),
        Just("\u{201c}Quoted words.\u{201d}".to_owned()),
        Just("> quoted".to_owned()),
        Just("# Heading".to_owned()),
        (1u32..60).prop_map(|n| format!("  {n}. Ann Lee says:")),
        (1u32..60).prop_map(|n| format!("  {n}. @Ann Lee: hi")),
        Just("@Bob: what about it".to_owned()),
        Just("@ Ann".to_owned()),
        Just("Ann on September 15, 2014 at 10:23 am said:".to_owned()),
        Just("September 15, 2014 at 10:23 am".to_owned()),
        Just("Source: CNN".to_owned()),
        Just("3 Comments".to_owned()),
        Just("Once we got there. \u{2014} Cheney, ABC, 1991".to_owned()),
    ]
}

fn check_analysis(a: &Document, b: &Document) {
    use parallax::analysis::codebook::{CompiledCodebook, built_in};
    let ok = |d: &Document, s: &std::ops::Range<usize>| {
        s.start <= s.end
            && s.end <= d.text.len()
            && d.text.is_char_boundary(s.start)
            && d.text.is_char_boundary(s.end)
    };
    for (_, book) in built_in() {
        let book = CompiledCodebook::new(book);
        for d in [a, b] {
            let an = parallax::analysis::analyze_document(d, &book);
            assert!(an.frames.hits.iter().all(|h| ok(d, &h.span)));
            assert!(an.actors.mentions.iter().all(|m| ok(d, &m.span)));
            assert!(
                an.quotes
                    .iter()
                    .all(|q| ok(d, &q.span) && q.attribution.as_ref().is_none_or(|s| ok(d, s)))
            );
            assert!(an.stance.marks.iter().all(|m| ok(d, &m.span)));
        }
    }
    let c = parallax::analysis::compare(a, b);
    assert!(
        c.links
            .iter()
            .all(|l| ok(a, &l.left) && ok(b, &l.right) && l.score.is_finite())
    );
    assert!(
        c.distinctive
            .left
            .iter()
            .chain(&c.distinctive.right)
            .all(|t| t.z.is_finite())
    );
}

/// Sentences that exercise the quote and stance rules.
fn quote_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z ,.\u{201c}\u{201d}\u{2019}]{0,60}",
        Just("\u{201c}We will talk,\u{201d} Kerry told NBC News.".to_owned()),
        Just("One senior official warned that \u{201c}it will cost.\u{201d}".to_owned()),
        Just("She said that it may perhaps be clear.".to_owned()),
        Just("According to".to_owned()),
        Just("\u{201c}".to_owned()),
        Just("said".to_owned()),
        Just("A spokesman for".to_owned()),
        Just("Jack Goldstone argues that:".to_owned()),
        Just("  1. Ann says:".to_owned()),
        Just("ISIS ISIL Tehran Washington Iran\u{2019}s".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            from_bytes(&bytes, format);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,600}") {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            check(&Document::from_text("x", format, &text));
        }
    }

    #[test]
    fn analyses_never_panic_and_stay_inside_the_text(a in proptest::collection::vec(quote_line(), 0..30), b in "\\PC{0,300}") {
        let a = Document::from_text("a", Format::Text, &a.join("\n\n"));
        let b = Document::from_text("b", Format::Text, &b);
        check_analysis(&a, &b);
        check_analysis(&b, &a);
    }

    #[test]
    fn article_shaped_text_keeps_its_invariants(lines in proptest::collection::vec(article_line(), 0..60), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        from_bytes(text.as_bytes(), Format::Text);
        from_bytes(text.as_bytes(), Format::Markdown);
    }
}

/// Long paragraphs (16–64 KB, over the block limit) mixing ASCII runs and multi-byte
/// characters, so that every split point can fall inside a character: what took a whole
/// folder down once (`start byte index 8192 is not a char boundary`).
fn long_paragraph() -> impl Strategy<Value = String> {
    let run = prop_oneof![
        (1usize..3000).prop_map(|n| "a".repeat(n)),
        (1usize..400).prop_map(|n| "é".repeat(n)),
        (1usize..300).prop_map(|n| "\u{201c}".repeat(n)),
        (1usize..200).prop_map(|n| "🙂".repeat(n)),
        (1usize..300).prop_map(|n| "日本".repeat(n)),
        Just(" ".to_owned()),
        Just(". ".to_owned()),
        Just("\n".to_owned()),
    ];
    proptest::collection::vec(run, 10..200).prop_map(|runs| {
        let mut s: String = runs.concat();
        while s.len() < 16 * 1024 {
            s.push_str(&"ü".repeat(1000));
        }
        s.truncate(parallax::document::text::floor_char_boundary(&s, 64 * 1024));
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn long_multibyte_paragraphs_never_panic_in_any_format(para in long_paragraph()) {
        from_bytes(format!("Title\n\n{para}\n").as_bytes(), Format::Text);
        from_bytes(format!("# Title\n\n{para}\n").as_bytes(), Format::Markdown);
        from_bytes(format!("<h1>Title</h1><p>{para}</p>").as_bytes(), Format::Html);
    }
}

/// The inputs that once crashed Parallax, kept in `tests/regressions/`: each loads as an
/// article (not skipped), and the headless report over the folder succeeds.
#[test]
fn every_regression_input_loads() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let corpus =
        parallax::corpus::load_folder(&dir, &Default::default(), |_| {}, &Default::default())
            .unwrap();
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    assert!(corpus.documents.len() >= 3);
    for d in &corpus.documents {
        check(d);
    }
}

/// Read `bytes` as `format` the way the folder loader does, on another thread, failing if
/// it takes longer than a few seconds (a reader must never hang on any input).
fn read_container(bytes: Vec<u8>, format: Format) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        if let Ok(p) = parallax::document::read::read(format, &bytes) {
            let doc = Document::from_prepared(
                Source {
                    path: Default::default(),
                    rel_path: "x".into(),
                    format,
                    encoding: "UTF-8",
                    replaced: 0,
                    file_size: bytes.len() as u64,
                    modified: None,
                },
                p,
            );
            check(&doc);
        }
        let _ = tx.send(());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(20)) {
        Ok(()) => {}
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("reading {format:?} took more than 20 s")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            panic!("reading {format:?} panicked")
        }
    }
}

/// A valid file of each container format, to mutate.
fn seeds() -> Vec<(Format, Vec<u8>)> {
    use parallax::document::fixtures;
    let runs = vec![
        (72.0, 80.0, 20.0, "Talks in Paris".to_owned()),
        (
            72.0,
            120.0,
            11.0,
            "The ministers met on Monday. They talked about the mili-".to_owned(),
        ),
        (
            72.0,
            134.0,
            11.0,
            "tants late into the night, and agreed on nothing.".to_owned(),
        ),
    ];
    vec![
        (Format::Pdf, fixtures::pdf(&[runs.clone(), runs], "T", "A")),
        (Format::Docx, fixtures::docx_fixture()),
        (Format::Odt, fixtures::odt_fixture()),
        (
            Format::Mhtml,
            fixtures::archive(
                "<html><body><h1>T</h1><p>Some text of the page, long enough to read.</p></body></html>",
            ),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic_or_hang_in_container_formats(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        for format in [Format::Pdf, Format::Docx, Format::Odt, Format::Mhtml] {
            read_container(bytes.clone(), format);
        }
    }

    #[test]
    fn damaged_files_never_panic_or_hang(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12), cut in any::<prop::sample::Index>()) {
        for (format, mut bytes) in seeds() {
            for (at, b) in &flips {
                let i = at.index(bytes.len());
                bytes[i] = *b;
            }
            read_container(bytes.clone(), format);
            // Cut short, as a download can be.
            let end = cut.index(bytes.len());
            read_container(bytes[..end].to_vec(), format);
        }
    }
}
