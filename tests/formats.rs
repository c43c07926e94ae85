//! Articles in each supported format and encoding, read through the folder loader and the CLI.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;

use parallax::corpus::{LoadOptions, load_folder};
use parallax::document::{BlockKind, Format};

fn load(root: &Path) -> parallax::corpus::Corpus {
    load_folder(
        root,
        &LoadOptions::default(),
        |_| {},
        &AtomicBool::new(false),
    )
    .unwrap()
}

#[test]
fn html_article_with_byline_quote_and_caption() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("story.html"),
        r#"<html><head><title>Ignored | Site</title><meta property="og:site_name" content="The Ledger"></head>
        <body><article><h1>Talks &amp; denials</h1><p>By Jane Roe</p>
        <figure><img src=x><figcaption>Kerry in Paris (AP Photo/Jacquelyn Martin)</figcaption></figure>
        <p>Kerry denied it on Thursday. He said more later.</p>
        <blockquote><p>We are only communicating.</p></blockquote>
        <p>The end of the story. Truly.</p></article></body></html>"#,
    )
    .unwrap();
    let c = load(dir.path());
    let d = &c.documents[0];
    assert_eq!(d.source.format, Format::Html);
    assert_eq!(d.title(), "Talks & denials");
    assert_eq!(d.article.meta.author.as_ref().unwrap().value, "Jane Roe");
    assert_eq!(d.article.meta.outlet.as_ref().unwrap().value, "The Ledger");
    let kinds: Vec<_> = d
        .blocks()
        .iter()
        .map(|b| (b.kind, d.slice(&b.span)))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Title, "Talks & denials"),
            (BlockKind::Byline, "By Jane Roe"),
            (
                BlockKind::Caption,
                "Kerry in Paris (AP Photo/Jacquelyn Martin)"
            ),
            (
                BlockKind::Paragraph,
                "Kerry denied it on Thursday. He said more later."
            ),
            (BlockKind::Quote, "We are only communicating."),
            (BlockKind::Paragraph, "The end of the story. Truly."),
        ]
    );
}

#[test]
fn markdown_article_with_front_matter_heading_and_quote() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("post.md"),
        "---\nauthor: Jane Roe\ndate: 2014-09-16\n---\n\n# Iran and the U.S.\n\nFirst paragraph of the post. It has two sentences.\n\n> It's no secret that we have had\n> discussions with Iran.\n\n## What next\n\nLast paragraph. The end.\n",
    )
    .unwrap();
    let c = load(dir.path());
    let d = &c.documents[0];
    assert_eq!(d.title(), "Iran and the U.S.");
    assert_eq!(d.article.meta.author.as_ref().unwrap().value, "Jane Roe");
    assert_eq!(
        d.article.meta.date.as_ref().unwrap().value.to_string(),
        "2014-09-16"
    );
    let quote = d
        .blocks()
        .iter()
        .find(|b| b.kind == BlockKind::Quote)
        .unwrap();
    assert_eq!(
        d.slice(&quote.span),
        "It's no secret that we have had\n> discussions with Iran."
    );
    let shown = parallax::document::display::DisplayText::of_block(&d.text, quote);
    assert_eq!(
        shown.text,
        "It's no secret that we have had\ndiscussions with Iran."
    );
    assert!(
        d.blocks()
            .iter()
            .any(|b| b.kind == BlockKind::Heading && d.slice(&b.span) == "What next")
    );
}

#[test]
fn encodings_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Caf\u{e9} talks\n\nThe minister\u{2019}s \u{201c}quiet\u{201d} diplomacy \u{2014} na\u{ef}ve?";
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    fs::write(dir.path().join("a-1252.txt"), &cp1252).unwrap();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    fs::write(dir.path().join("b-utf16le.txt"), &le).unwrap();
    fs::write(dir.path().join("c-utf16be.txt"), &be).unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.replace('\n', "\r\n").as_bytes());
    fs::write(dir.path().join("d-utf8bom-crlf.txt"), &bom).unwrap();
    let c = load(dir.path());
    let encodings: Vec<_> = c.documents.iter().map(|d| d.source.encoding).collect();
    assert_eq!(encodings, ["windows-1252", "UTF-16LE", "UTF-16BE", "UTF-8"]);
    for d in &c.documents {
        assert_eq!(&*d.text, text, "{}", d.source.rel_path);
        assert_eq!(d.title(), "Caf\u{e9} talks");
    }
    // Same canonical text, same content hash, whatever the bytes on disk.
    assert!(c.documents.windows(2).all(|w| w[0].hash == w[1].hash));
}

fn parallax() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

#[test]
fn report_json_on_the_seeds() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let out = parallax()
        .args(["report"])
        .arg(&seeds)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let blog = &docs[0];
    assert_eq!(blog["file"], "000_06102e417f63830d.txt");
    assert_eq!(blog["author"], "Doug Mataconis");
    assert_eq!(blog["date"], serde_json::Value::Null);
    assert_eq!(blog["encoding"], "UTF-8");
    assert!(blog["words"].as_u64().unwrap() > 1500);
    let comments = blog["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 43);
    assert_eq!(comments[22]["author"], "Timothy Watson");
    assert_eq!(comments[23]["replies_to"], serde_json::json!([21, 22]));
    // Offsets are code points: slicing the text by chars gives the comment.
    let text: Vec<char> = fs::read_to_string(seeds.join("000_06102e417f63830d.txt"))
        .unwrap()
        .chars()
        .collect();
    let c3 = &comments[2];
    let slice: String = text
        [c3["start"].as_u64().unwrap() as usize..c3["end"].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert!(slice.starts_with("3. Tillman says:"), "{slice}");
    assert!(slice.ends_with('\u{1F642}'), "{slice}");
    for b in blog["blocks"].as_array().unwrap() {
        let kind = b["kind"].as_str().unwrap();
        assert!(
            [
                "title",
                "byline",
                "paragraph",
                "quote",
                "caption",
                "heading",
                "boilerplate"
            ]
            .contains(&kind)
        );
        assert!(b["start"].as_u64() < b["end"].as_u64());
    }
    let news = &docs[1];
    assert_eq!(news["outlet"], "Blouin News World");
    assert_eq!(news["comments"].as_array().unwrap().len(), 0);
    assert_eq!(v["skipped"].as_array().unwrap().len(), 0);
}

#[test]
fn report_markdown_lists_skipped_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "A title\n\nBody.").unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = parallax().arg("report").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## A title"));
    assert!(md.contains("`empty.txt`: the file is empty"));
}

#[test]
fn report_fails_clearly_on_a_missing_or_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = parallax()
        .arg("report")
        .arg(dir.path().join("nope"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("does not exist"), "{err}");
    let out = parallax().arg("report").arg(dir.path()).output().unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("no articles")
    );
}

#[test]
fn report_json_has_the_framing_lens() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let out = parallax()
        .args(["report"])
        .arg(&seeds)
        .args([
            "--format",
            "json",
            "--left",
            "003_1288c30bbdd75fa2.txt",
            "--right",
            "000_06102e417f63830d.txt",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let news = &v["documents"][1];
    let frames = news["frames"].as_array().unwrap();
    assert!(
        frames
            .iter()
            .all(|f| f["frame"].is_string() && f["hits"].is_u64() && f["per_1000_words"].is_f64())
    );
    assert!(
        news["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "John Kerry" && a["mentions"].as_u64().unwrap() >= 4)
    );
    let quotes = news["quotes"].as_array().unwrap();
    let told = quotes.iter().find(|q| q["verb"] == "told").unwrap();
    assert_eq!(told["speaker"], "John Kerry");
    assert_eq!(told["verb_class"], "neutral");
    // Quote offsets are code points into the canonical text.
    let text: Vec<char> = fs::read_to_string(seeds.join("003_1288c30bbdd75fa2.txt"))
        .unwrap()
        .chars()
        .collect();
    let slice: String = text
        [told["start"].as_u64().unwrap() as usize..told["end"].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert_eq!(slice, told["text"].as_str().unwrap());
    // The attribution model's fields: the cue and the speaker's mention, in code points too,
    // and the speaker entity with its mentions.
    assert_eq!(told["kind"], "direct");
    let at = |span: &serde_json::Value| -> String {
        text[span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize]
            .iter()
            .collect()
    };
    assert_eq!(told["cue"]["text"], "told");
    assert_eq!(at(&told["cue"]), "told");
    assert_eq!(told["speaker_mention"]["text"], "Kerry");
    assert_eq!(at(&told["speaker_mention"]), "Kerry");
    assert_eq!(told["resolution"], "surname");
    let e = told["entity"].as_u64().unwrap() as usize;
    let kerry = &news["speakers"][e];
    assert_eq!(kerry["name"], "John Kerry");
    assert_eq!(kerry["kind"], "person");
    assert_eq!(kerry["speaker_type"], "officials");
    assert!(kerry["direct"].as_u64().unwrap() >= 1 && kerry["indirect"].as_u64().unwrap() >= 2);
    let mentions = kerry["mentions"].as_array().unwrap();
    assert!(mentions.len() >= 3, "{mentions:?}");
    assert!(
        mentions
            .iter()
            .all(|m| at(m) == m["text"].as_str().unwrap())
    );
    assert!(news["stance"]["hedges_per_1000"].as_f64().unwrap() > 0.0);
    assert!(news["stance"]["boosters_per_1000"].is_f64());
    let c = &v["comparison"];
    assert_eq!(c["left"], "003_1288c30bbdd75fa2.txt");
    assert_eq!(c["right"], "000_06102e417f63830d.txt");
    for side in ["left", "right"] {
        let terms = c["distinctive_terms"][side].as_array().unwrap();
        assert!(!terms.is_empty());
        assert!(terms.iter().all(|t| t["term"].is_string()
            && t["z"].is_f64()
            && t["left_count"].is_u64()
            && t["right_count"].is_u64()));
    }
    let links = c["linked_passages"].as_array().unwrap();
    assert!(!links.is_empty());
    assert!(
        links
            .iter()
            .all(|l| l["left_start"].is_u64() && l["right_end"].is_u64() && l["score"].is_f64())
    );
}

#[test]
fn report_with_a_codebook_file_and_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book.ron");
    fs::write(&book, r#"(version: 1, name: "Tiny", frames: [(id: "talks", name: "Talks", cues: ["talk*"], questions: ["Talks?"])])"#).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let out = parallax()
        .arg("report")
        .arg(&seeds)
        .args(["--format", "json", "--codebook"])
        .arg(&book)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["codebook"], "Tiny");
    assert_eq!(v["documents"][0]["frames"].as_array().unwrap().len(), 1);
    fs::write(&book, "(version: 1, frames: [(id: \"a\", name: 3)])").unwrap();
    let out = parallax()
        .arg("report")
        .arg(&seeds)
        .args(["--codebook"])
        .arg(&book)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("book.ron") && err.contains("line 1, column"),
        "{err}"
    );
}

#[test]
fn bylines_in_the_forms_news_and_blogs_print() {
    let cases: &[(&str, &[&str], Option<&str>)] = &[
        ("By Jane Roe", &["Jane Roe"], None),
        ("By Jane Roe and Sam Poe", &["Jane Roe", "Sam Poe"], None),
        (
            "By Ann Lee, Bo Chan and Cy Dee",
            &["Ann Lee", "Bo Chan", "Cy Dee"],
            None,
        ),
        (
            "By Jane Roe, The Daily Ledger",
            &["Jane Roe"],
            Some("The Daily Ledger"),
        ),
        (
            "By Jane Roe | The Daily Ledger",
            &["Jane Roe"],
            Some("The Daily Ledger"),
        ),
        ("By Jane Roe, Senior Correspondent", &["Jane Roe"], None),
        ("Jane Roe, Staff Writer", &["Jane Roe"], None),
        (
            "Posted by Jane Roe on September 15, 2014",
            &["Jane Roe"],
            None,
        ),
        (
            "Posted on September 15, 2014 by Jane Roe",
            &["Jane Roe"],
            None,
        ),
        (
            "Von Anna Müller und Jan Peters",
            &["Anna Müller", "Jan Peters"],
            None,
        ),
    ];
    for (line, authors, outlet) in cases {
        let text = format!(
            "Talks in Paris\n\n{line}\n\nThe ministers met on Monday to talk about the threat. They talked late.\n"
        );
        let d = parallax::document::Document::from_text("a.txt", Format::Text, &text);
        assert_eq!(d.article.meta.authors, *authors, "{line}");
        assert_eq!(
            d.article.meta.outlet.as_ref().map(|o| o.value.as_str()),
            *outlet,
            "{line}"
        );
        assert_eq!(d.blocks()[1].kind, BlockKind::Byline, "{line}");
    }
    let d = parallax::document::Document::from_text(
        "a.txt",
        Format::Text,
        "Talks in Paris\n\nBy Jane Roe\n\nBEIRUT — The ministers met on Monday to talk about the threat. They talked late.\n",
    );
    assert_eq!(d.article.meta.dateline.as_ref().unwrap().value, "BEIRUT");
    assert!(d.article.meta.date.is_none());
}

#[test]
fn web_archives_pdfs_and_word_processor_files_are_read_and_saved_page_folders_are_one_line() {
    use parallax::document::fixtures;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let para = "The foreign ministers met in Paris on Monday to discuss the threat posed by the militants in Iraq and Syria, and the talks went on late into the night.";
    let page = format!(
        "<html><head><title>Talks | The Daily</title><meta name=\"author\" content=\"Jane Roe\"></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Kerry’s talks</h1><p>{para}</p><p>{para} Again.</p></article></body></html>"
    );
    fs::write(root.join("saved.mhtml"), fixtures::archive(&page)).unwrap();
    fs::write(root.join("report.docx"), fixtures::docx_fixture()).unwrap();
    fs::write(root.join("notes.odt"), fixtures::odt_fixture()).unwrap();
    let lines: Vec<fixtures::Run> = fixtures::wrap(para, 70)
        .into_iter()
        .enumerate()
        .map(|(i, l)| (72.0, 120.0 + 14.0 * i as f64, 11.0, l))
        .collect();
    let mut runs = vec![(72.0, 80.0, 20.0, "Talks in Paris".to_owned())];
    runs.extend(lines);
    fs::write(
        root.join("paper.pdf"),
        fixtures::pdf(&[runs], "Talks in Paris", "Jane Roe"),
    )
    .unwrap();
    fs::write(
        root.join("scan.pdf"),
        fixtures::pdf(&[vec![]], "Scan", "Nobody"),
    )
    .unwrap();
    // "Web page, complete": the page and its folder of 30 files.
    fs::write(root.join("story.html"), &page).unwrap();
    fs::create_dir_all(root.join("story_files/sub")).unwrap();
    for i in 0..30 {
        let sub = if i % 2 == 0 { "" } else { "sub/" };
        fs::write(root.join(format!("story_files/{sub}f{i}.js")), "var x;").unwrap();
    }
    fs::write(root.join("story_files/frame.html"), "<p>an inner frame</p>").unwrap();
    let c = load(root);
    let by = |rel: &str| {
        c.documents
            .iter()
            .find(|d| d.source.rel_path == rel)
            .unwrap_or_else(|| panic!("{rel} not read: {:?}", c.skipped))
    };
    let m = by("saved.mhtml");
    assert_eq!(m.source.format, Format::Mhtml);
    assert_eq!(m.title(), "Kerry’s talks");
    assert!(m.text.contains(para));
    let w = by("report.docx");
    assert_eq!(w.title(), "Talks in Paris");
    assert_eq!(w.article.meta.author.as_ref().unwrap().value, "Jane Roe");
    assert!(w.blocks().iter().any(|b| b.kind == BlockKind::Quote));
    let o = by("notes.odt");
    assert!(o.blocks().iter().any(|b| b.kind == BlockKind::Heading));
    let p = by("paper.pdf");
    assert_eq!(p.title(), "Talks in Paris");
    assert!(p.text.contains(para), "{}", p.text);
    assert_eq!(p.article.meta.author.as_ref().unwrap().value, "Jane Roe");
    // The scan is refused with what to do; the page folder is one line, not 31.
    let scan = c.skipped.iter().find(|s| s.rel_path == "scan.pdf").unwrap();
    assert!(scan.reason.to_string().contains("OCR"), "{}", scan.reason);
    let folder: Vec<_> = c
        .skipped
        .iter()
        .filter(|s| s.rel_path.starts_with("story_files"))
        .collect();
    assert_eq!(folder.len(), 1, "{folder:?}");
    assert!(folder[0].reason.to_string().contains("story.html"));
    assert!(folder[0].reason.to_string().contains("31 files"));
    assert!(
        !c.documents
            .iter()
            .any(|d| d.source.rel_path.starts_with("story_files"))
    );
}

#[test]
fn report_markdown_says_who_speaks() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "Bridge vote delayed\n\nDaniel Ortiz, a spokesman for the mayor, said the vote would wait until May. “We need more time,” Ortiz said.\n",
    )
    .unwrap();
    let out = parallax().arg("report").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("Who speaks in the article:"), "{md}");
    assert!(
        md.contains("- Daniel Ortiz (officials): 1 direct, 0 partial, 1 reported, 0 excerpts;"),
        "{md}"
    );
    assert!(
        md.contains("introduced as “Daniel Ortiz, a spokesman for the mayor”"),
        "{md}"
    );
}
