use std::sync::Arc;

use super::*;
use crate::analysis::codebook::{Codebook, Frame};
use crate::notes::anchor::anchor_for;
use crate::notes::model::{ContrastLink, Relation};

const LEFT: &str = "Iran’s “participation” in the talks — Kerry said — would not be appropriate. \
                    Both sides consider ISIS a threat.";
const RIGHT: &str = "Kerry denied having suggested cooperation with Tehran.";

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + second).unwrap()
}

fn frame(id: &str, group: &str, color: &str) -> Frame {
    Frame {
        id: id.into(),
        name: format!("Frame {id}"),
        group: group.into(),
        color: color.into(),
        description: format!("What {id} is about & why."),
        ..Frame::default()
    }
}

fn corpus() -> Corpus {
    Corpus::from_memory(
        "/study",
        &[("a.txt", LEFT.as_bytes()), ("b.txt", RIGHT.as_bytes())],
    )
}

/// The anchor of the first occurrence of `quote` in the article `i`.
fn anchor(c: &Corpus, i: usize, quote: &str) -> Anchor {
    let doc = &c.documents[i];
    let start = doc.text.find(quote).unwrap();
    anchor_for(doc, start..start + quote.len())
}

fn note(id: u64, kind: NoteKind, target: Target, text: &str, codes: &[&str]) -> Arc<Note> {
    let mut n = Note::new(id, kind, target, text, at(id as i64));
    n.updated = at(id as i64 + 100);
    n.codes = codes.iter().map(|c| (*c).to_owned()).collect();
    Arc::new(n)
}

fn study(c: &Corpus) -> Study {
    let threat = anchor(c, 0, "consider ISIS a threat");
    let point = {
        let doc = &c.documents[1];
        let i = doc.text.find("cooperation").unwrap();
        anchor_for(doc, i..i)
    };
    let mut gone = anchor(c, 0, "Both sides");
    gone.article = "deleted.txt".into();
    Study {
        title: "Two articles".into(),
        codebook: Some(Codebook {
            name: "Test".into(),
            frames: vec![
                frame("threat", "Issue frames", "#d62728"),
                frame("engagement", "Issue frames", "#1f77b4"),
                frame("conflict", "", "not a colour"),
            ],
            ..Codebook::default()
        }),
        notes: vec![
            note(
                1,
                NoteKind::Observation,
                Target::Passage(anchor(c, 0, "“participation”")),
                "Scare quotes <distance> the writer & Kerry.",
                &["engagement", "threat"],
            ),
            note(
                2,
                NoteKind::Coding,
                Target::Passage(threat),
                "",
                &["threat", "deleted-frame"],
            ),
            note(
                3,
                NoteKind::Omission,
                Target::Passage(point),
                "Never says who asked.",
                &[],
            ),
            note(
                4,
                NoteKind::Question,
                Target::Article("b.txt".into()),
                "Who is the source?",
                &[],
            ),
            note(
                5,
                NoteKind::Observation,
                Target::Study,
                "Overall: two frames.",
                &[],
            ),
            note(
                6,
                NoteKind::Observation,
                Target::Passage(gone),
                "Lost article.",
                &[],
            ),
        ],
        links: vec![Arc::new(ContrastLink {
            id: 7,
            created: at(7),
            updated: at(8),
            left: anchor(c, 0, "would not be appropriate"),
            right: anchor(c, 1, "Kerry denied"),
            relation: Relation::Contradicts,
            comment: "Same event, opposite verbs.".into(),
            review: None,
            author: String::new(),
        })],
        ..Study::default()
    }
}

fn export(c: &Corpus, s: &Study) -> Project {
    project(s, c, &Titles::new(), "Ada Coder", "Two articles").unwrap()
}

/// The value of attribute `attr` of every `<tag …>` in the XML, in order.
fn attrs(xml: &str, tag: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == tag.as_bytes() => {
                if let Some(a) = e.try_get_attribute(attr).unwrap() {
                    out.push(
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    );
                }
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

#[test]
fn passages_are_selections_in_code_points_with_their_codes_and_notes() {
    let c = corpus();
    let p = export(&c, &study(&c));
    let starts = attrs(&p.qde, "PlainTextSelection", "startPosition");
    let ends = attrs(&p.qde, "PlainTextSelection", "endPosition");
    let names = attrs(&p.qde, "PlainTextSelection", "name");
    // Left: the scare-quoted word, the link's left side, the coded threat; right: the link's
    // right side (at 0), the omission point.
    assert_eq!(starts.len(), 5, "{}", p.qde);
    let left: Vec<char> = LEFT.chars().collect();
    let right: Vec<char> = RIGHT.chars().collect();
    let quote = |chars: &[char], i: usize| -> String {
        let (s, e): (usize, usize) = (starts[i].parse().unwrap(), ends[i].parse().unwrap());
        chars[s..e].iter().collect()
    };
    assert_eq!(quote(&left, 0), "“participation”");
    assert_eq!(quote(&left, 1), "would not be appropriate");
    assert_eq!(quote(&left, 2), "consider ISIS a threat");
    assert_eq!(quote(&right, 3), "Kerry denied");
    assert_eq!(starts[4], ends[4], "the omission is a point");
    assert_eq!(quote(&right, 4), "");
    assert_eq!(names[4], "(a point in the text)");
    // Code points, not bytes: the curly quotes and the dash come before.
    let threat_chars = LEFT[..LEFT.find("consider").unwrap()].chars().count();
    assert_eq!(starts[2], threat_chars.to_string());
    assert_ne!(threat_chars, LEFT.find("consider").unwrap());
    // The source files hold exactly the canonical texts the positions count in.
    assert_eq!(p.sources.len(), 2);
    assert_eq!(p.sources[0].1, LEFT);
    assert_eq!(p.sources[1].1, RIGHT);
    let paths = attrs(&p.qde, "TextSource", "plainTextPath");
    assert_eq!(paths[0], format!("internal://{}", p.sources[0].0));

    // Codings: two on note 1, two on note 2 (one a code the codebook lost).
    assert_eq!(p.counts.codings, 4);
    let code_refs = attrs(&p.qde, "CodeRef", "targetGUID");
    assert_eq!(
        code_refs,
        [
            code_guid("engagement"),
            code_guid("threat"),
            code_guid("threat"),
            code_guid("deleted-frame")
        ]
    );
    // Notes: 1, 3 (the coding alone has none), 4 and 5, and the link's comment; the note
    // on a missing article is listed as left out.
    assert_eq!(
        attrs(&p.qde, "Note", "name"),
        [
            "Observation",
            "Omission",
            "Question",
            "Observation",
            "Contrast link: contradicts"
        ]
    );
    assert!(
        p.qde
            .contains("Scare quotes &lt;distance&gt; the writer &amp; Kerry.")
    );
    assert_eq!(p.left_out.len(), 1, "{:?}", p.left_out);
    assert!(p.left_out[0].contains("Note 6") && p.left_out[0].contains("deleted.txt"));
    // Every NoteRef points at a written note; the study note hangs on the project.
    let notes = attrs(&p.qde, "Note", "guid");
    let refs = attrs(&p.qde, "NoteRef", "targetGUID");
    assert_eq!(refs.len(), notes.len());
    assert!(refs.iter().all(|r| notes.contains(r)));
    assert!(p.qde.trim_end().ends_with(&format!(
        "<NoteRef targetGUID=\"{}\"/>\n</Project>",
        notes[3]
    )));
}

#[test]
fn the_codebook_is_grouped_and_links_join_the_two_selections() {
    let c = corpus();
    let p = export(&c, &study(&c));
    let names = attrs(&p.qde, "Code", "name");
    assert_eq!(
        names,
        [
            "Issue frames",
            "Frame threat",
            "Frame engagement",
            "Frame conflict",
            "deleted-frame"
        ]
    );
    let codable = attrs(&p.qde, "Code", "isCodable");
    assert_eq!(codable, ["false", "true", "true", "true", "true"]);
    // A colour the schema would refuse is left out, the others kept.
    assert_eq!(attrs(&p.qde, "Code", "color"), ["#d62728", "#1f77b4"]);
    assert_eq!(p.counts.codes, 4);

    let sel = attrs(&p.qde, "PlainTextSelection", "guid");
    assert_eq!(attrs(&p.qde, "Link", "originGUID"), [sel[1].clone()]);
    assert_eq!(attrs(&p.qde, "Link", "targetGUID"), [sel[3].clone()]);
    assert_eq!(attrs(&p.qde, "Link", "name"), ["contradicts"]);
    assert_eq!(attrs(&p.qde, "User", "name"), ["Ada Coder"]);
}

#[test]
fn the_same_study_gives_the_same_ids_and_bytes() {
    let c = corpus();
    let s = study(&c);
    let (a, b) = (export(&c, &s), export(&c, &s));
    assert_eq!(a.qde, b.qde);
    assert_eq!(to_qdpx(&a).unwrap(), to_qdpx(&b).unwrap());
    // Editing one note changes its own lines, not the others' ids.
    let mut edited = s.clone();
    Arc::make_mut(&mut edited.notes[0]).text = "Rewritten.".into();
    let e = export(&c, &edited);
    assert_eq!(attrs(&a.qde, "Note", "guid"), attrs(&e.qde, "Note", "guid"));
    assert_ne!(a.qde, e.qde);
}

#[test]
fn the_zip_holds_the_project_and_every_source() {
    let c = corpus();
    let p = export(&c, &study(&c));
    let bytes = to_qdpx(&p).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    let mut expected = vec!["project.qde".to_owned()];
    expected.extend(p.sources.iter().map(|(n, _)| format!("sources/{n}")));
    expected.sort();
    assert_eq!(names, expected);
    let mut qde = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("project.qde").unwrap(), &mut qde).unwrap();
    assert_eq!(qde, p.qde);
}

#[test]
fn an_empty_folder_is_refused_and_control_characters_never_reach_the_xml() {
    let empty = Corpus::from_memory("/none", &[]);
    assert!(matches!(
        project(&Study::default(), &empty, &Titles::new(), "A", "B"),
        Err(ExchangeError::NoArticles)
    ));
    let c = Corpus::from_memory("/study", &[("p.txt", "Page one.\u{c}Page two.".as_bytes())]);
    let mut s = Study::default();
    s.notes.push(note(
        1,
        NoteKind::Observation,
        Target::Study,
        "a\u{1}b",
        &[],
    ));
    let p = project(&s, &c, &Titles::new(), "A", "B").unwrap();
    assert!(!p.qde.chars().any(|ch| ch.is_control() && ch != '\n'));
    assert!(p.qde.contains("<PlainTextContent>a b</PlainTextContent>"));
    // The source keeps every character: positions count in it as it is.
    assert!(p.sources[0].1.contains('\u{c}'));
}

/// The export validates against the official schema (checked with `xmllint`, which
/// `.ci/run` installs; without it, outside CI, the check says so and is skipped).
#[test]
fn the_project_validates_against_the_refi_qda_schema() {
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/refi-qda/Project-mrt2019.xsd"
    );
    let have_xmllint = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok();
    if !have_xmllint {
        assert!(
            std::env::var_os("CI").is_none(),
            "xmllint is needed in CI (libxml2-utils)"
        );
        eprintln!("xmllint not found: schema validation skipped");
        return;
    }
    let c = corpus();
    let mut st = study(&c);
    with_worksheet(&c, &mut st);
    let p = export(&c, &st);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project.qde");
    std::fs::write(&file, &p.qde).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema", schema])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        p.qde
    );
}

fn with_worksheet(c: &Corpus, study: &mut Study) {
    use crate::notes::worksheet::{Answer, Verdict};
    let entry = study.articles.entry("b.txt".into()).or_default();
    entry.worksheet.set(
        "function:cause",
        Answer {
            text: "Kerry's denial & its <context>".into(),
            citations: vec![anchor(c, 1, "Kerry denied")],
            author: "Ana".into(),
            ..Default::default()
        },
    );
    entry.worksheet.set(
        "a#1",
        Answer {
            question: "Any conflict?".into(),
            verdict: Some(Verdict::Partly),
            ..Default::default()
        },
    );
}

#[test]
fn a_worksheet_is_a_note_on_its_article_by_its_author() {
    let c = corpus();
    let mut st = study(&c);
    with_worksheet(&c, &mut st);
    let p = export(&c, &st);
    let names = attrs(&p.qde, "Note", "name");
    assert!(names.iter().any(|n| n == "Framing worksheet"), "{names:?}");
    assert!(
        p.qde
            .contains("Kerry&apos;s denial &amp; its &lt;context&gt;")
            || p.qde.contains("Kerry's denial &amp; its &lt;context&gt;"),
        "{}",
        p.qde
    );
    assert!(p.qde.contains("“Kerry denied”"), "the citation's quote");
    assert!(p.qde.contains("Answer: partly"));
    let ws = guid("worksheet/b.txt");
    let source_b = guid("source/b.txt");
    let at_b = p.qde.find(&format!("guid=\"{source_b}\"")).unwrap();
    let tail = &p.qde[at_b..];
    let end = tail.find("</TextSource>").unwrap();
    assert!(
        tail[..end].contains(&format!("targetGUID=\"{ws}\"")),
        "{}",
        &tail[..end]
    );
    assert!(attrs(&p.qde, "User", "name").iter().any(|n| n == "Ana"));
}
