use std::io::Write as _;
use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::analysis::codebook::{Codebook, Frame};
use crate::exchange::qdpx;
use crate::notes::anchor::{Resolved, anchor_for, resolve};
use crate::notes::export::Titles;

const LEFT: &str = "Iran’s “participation” in the talks — Kerry said — would not be appropriate. \
                    Both sides consider ISIS a threat, and both talk behind the scenes.";
const RIGHT: &str = "Kerry denied having suggested cooperation with Tehran. Officials warned.";

fn corpus() -> Corpus {
    Corpus::from_memory(
        "/study",
        &[("a.txt", LEFT.as_bytes()), ("b.txt", RIGHT.as_bytes())],
    )
}

fn at(s: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + s).unwrap()
}

fn book() -> Codebook {
    let frame = |id: &str, group: &str| Frame {
        id: id.into(),
        name: format!("Frame {id}"),
        group: group.into(),
        color: "#336699".into(),
        ..Frame::default()
    };
    Codebook {
        frames: vec![
            frame("threat", "Issue frames"),
            frame("engagement", "Issue frames"),
            frame("conflict", ""),
        ],
        ..Codebook::default()
    }
}

fn span_anchor(c: &Corpus, doc: usize, quote: &str) -> Anchor {
    let d = &c.documents[doc];
    let i = d.text.find(quote).unwrap();
    anchor_for(d, i..i + quote.len())
}

/// What a note is, without its id and its updated time (not carried by the format).
fn gist(n: &Note) -> (String, NoteKind, String, Vec<String>, Timestamp) {
    let place = match &n.target {
        Target::Passage(a) => format!("{} {}..{} {:?}", a.article, a.start, a.end, a.exact),
        Target::Article(p) => format!("article {p}"),
        Target::Study => "study".into(),
    };
    (place, n.kind, n.text.clone(), n.codes.clone(), n.created)
}

fn round_trip(study: &Study, c: &Corpus) -> Imported {
    let p = qdpx::project(study, c, &Titles::new(), "Ada", "P").unwrap();
    let bytes = qdpx::to_qdpx(&p).unwrap();
    let read = read(&bytes).unwrap();
    let empty = Study {
        codebook: study.codebook.clone(),
        ..Study::default()
    };
    into_study(&read, &empty, c, at(999))
}

#[test]
fn an_exported_study_comes_back_with_the_same_notes_codes_anchors_and_links() {
    let c = corpus();
    let mut coded = Note::new(
        1,
        NoteKind::Observation,
        Target::Passage(span_anchor(&c, 0, "“participation”")),
        "Scare quotes.\n\nSecond paragraph & more.",
        at(1),
    );
    coded.codes = vec!["engagement".into(), "threat".into()];
    coded.author = "Ben".into();
    let mut only_code = Note::new(
        2,
        NoteKind::Coding,
        Target::Passage(span_anchor(&c, 0, "a threat")),
        "",
        at(2),
    );
    only_code.codes = vec!["threat".into()];
    let point = {
        let d = &c.documents[1];
        let i = d.text.find("cooperation").unwrap();
        anchor_for(d, i..i)
    };
    let study = Study {
        codebook: Some(book()),
        notes: vec![
            Arc::new(coded),
            Arc::new(only_code),
            Arc::new(Note::new(
                3,
                NoteKind::Omission,
                Target::Passage(point),
                "Who asked?",
                at(3),
            )),
            Arc::new(Note::new(
                4,
                NoteKind::Question,
                Target::Article("b.txt".into()),
                "Source?",
                at(4),
            )),
            Arc::new(Note::new(
                5,
                NoteKind::Observation,
                Target::Study,
                "Overall.",
                at(5),
            )),
        ],
        links: vec![Arc::new(ContrastLink {
            id: 6,
            created: at(6),
            updated: at(6),
            left: span_anchor(&c, 0, "would not be appropriate"),
            right: span_anchor(&c, 1, "Kerry denied"),
            relation: Relation::Softens,
            comment: "Denial against refusal.".into(),
            review: None,
            author: "Cleo".into(),
        })],
        ..Study::default()
    };
    let back = round_trip(&study, &c);
    assert!(
        back.frames.is_empty(),
        "every code is a frame of the codebook"
    );
    assert!(back.unmatched.is_empty());
    assert!(back.report.is_empty(), "{:?}", back.report);
    let mut want: Vec<_> = study.notes.iter().map(|n| gist(n)).collect();
    let mut got: Vec<_> = back.notes.iter().map(gist).collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    // Passages come back on the same text: the anchors carry its hash.
    for n in &back.notes {
        if let Some(a) = n.anchor() {
            assert!(a.content_hash.starts_with("blake3:"));
            let d = &c.documents[c.find(&a.article).unwrap()];
            assert!(matches!(resolve(a, d), Resolved::Exact(_)));
        }
    }
    assert_eq!(back.links.len(), 1);
    let l = &back.links[0];
    assert_eq!(
        (l.left.exact.as_str(), l.right.exact.as_str()),
        ("would not be appropriate", "Kerry denied")
    );
    assert_eq!(l.relation, Relation::Softens);
    assert_eq!(l.comment, "Denial against refusal.");
    // Authors travel as users: each note's own, and the exporting reader's for notes that
    // named none.
    let by = |text: &str| {
        back.notes
            .iter()
            .find(|n| n.text.starts_with(text))
            .map(|n| n.author.clone())
    };
    assert_eq!(by("Scare quotes").as_deref(), Some("Ben"));
    assert_eq!(by("Overall").as_deref(), Some("Ada"));
    assert_eq!(l.author, "Cleo");
    assert_eq!(l.created, at(6));

    // Imported into the study it came from, nothing is doubled.
    let p = qdpx::project(&study, &c, &Titles::new(), "Ada", "P").unwrap();
    let again = into_study(
        &read(&qdpx::to_qdpx(&p).unwrap()).unwrap(),
        &study,
        &c,
        at(999),
    );
    assert!(again.notes.is_empty(), "{:?}", again.notes);
    assert!(
        again
            .report
            .iter()
            .any(|r| r.contains("5 notes the study has already"))
    );
}

/// A project written the way other programs write them: nested codes, a group that is not
/// codable, a selection with only a code, a QualCoder annotation (a description), notes
/// with no selection, a source by `plainTextPath` and one inline, a source not in the
/// folder, a picture, variables and cases, times without an offset.
const FOREIGN: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Class project" origin="QualCoder 3.5">
  <Users><User guid="11111111-1111-1111-1111-111111111111" name="teacher"/></Users>
  <CodeBook><Codes>
    <Code guid="20000000-0000-0000-0000-000000000001" name="Framing" isCodable="false">
      <Code guid="20000000-0000-0000-0000-000000000002" name="Threat talk" isCodable="true" color="#FF0000">
        <Description>Talk of a shared threat.</Description>
        <Code guid="20000000-0000-0000-0000-000000000003" name="ISIS as threat" isCodable="true"/>
      </Code>
    </Code>
    <Code guid="20000000-0000-0000-0000-000000000004" name="frame CONFLICT" isCodable="true"/>
  </Codes></CodeBook>
  <Variables><Variable guid="30000000-0000-0000-0000-000000000001" name="Outlet" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="30000000-0000-0000-0000-000000000002" name="Case A"/></Cases>
  <Sources>
    <TextSource guid="40000000-0000-0000-0000-000000000001" name="Left article" plainTextPath="sources/left article.txt">
      <PlainTextSelection guid="50000000-0000-0000-0000-000000000001" startPosition="STARTA" endPosition="ENDA" creationDateTime="2021-05-04T10:00:00">
        <Coding guid="60000000-0000-0000-0000-000000000001"><CodeRef targetGUID="20000000-0000-0000-0000-000000000003"/></Coding>
        <Coding guid="60000000-0000-0000-0000-000000000002"><CodeRef targetGUID="20000000-0000-0000-0000-000000000004"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="50000000-0000-0000-0000-000000000002" startPosition="STARTB" endPosition="ENDB">
        <Description>An annotation, as QualCoder writes one.</Description>
      </PlainTextSelection>
      <PlainTextSelection guid="50000000-0000-0000-0000-000000000003" startPosition="0" endPosition="4"/>
    </TextSource>
    <TextSource guid="40000000-0000-0000-0000-000000000002" name="Right, inline">
      <PlainTextContent>RIGHTTEXT</PlainTextContent>
      <NoteRef targetGUID="70000000-0000-0000-0000-000000000002"/>
    </TextSource>
    <TextSource guid="40000000-0000-0000-0000-000000000003" name="Not in the folder">
      <PlainTextContent>Something else entirely, about elections in another country.</PlainTextContent>
      <PlainTextSelection guid="50000000-0000-0000-0000-000000000009" startPosition="0" endPosition="9">
        <Coding guid="60000000-0000-0000-0000-000000000009"><CodeRef targetGUID="20000000-0000-0000-0000-000000000004"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <PictureSource guid="40000000-0000-0000-0000-000000000004" name="A photo" path="internal://photo.jpg">
      <PictureSelection guid="50000000-0000-0000-0000-000000000004" firstX="0" firstY="0" secondX="5" secondY="5"/>
    </PictureSource>
  </Sources>
  <Notes>
    <Note guid="70000000-0000-0000-0000-000000000001" name="Memo" creationDateTime="2021-05-04T09:00:00Z">
      <PlainTextContent>A memo on no passage.</PlainTextContent>
    </Note>
    <Note guid="70000000-0000-0000-0000-000000000002" name="Source memo">
      <PlainTextContent>Written by hand &amp; checked.</PlainTextContent>
    </Note>
  </Notes>
</Project>"##;

fn foreign_qdpx(c: &Corpus) -> Vec<u8> {
    let pos = |text: &str, quote: &str| {
        let i = text[..text.find(quote).unwrap()].chars().count();
        (i, i + quote.chars().count())
    };
    // The left source's text differs from the folder's in its spacing.
    let left = LEFT.replace(" — ", "  —  ");
    let (sa, ea) = pos(&left, "consider ISIS a threat");
    let (sb, eb) = pos(&left, "behind the scenes");
    let xml = FOREIGN
        .replace("STARTA", &sa.to_string())
        .replace("ENDA", &ea.to_string())
        .replace("STARTB", &sb.to_string())
        .replace("ENDB", &eb.to_string())
        .replace("RIGHTTEXT", &c.documents[1].text);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    zip.start_file("project.qde", o).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.start_file("sources/left article.txt", o).unwrap();
    zip.write_all(left.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_project_from_another_program_is_read_with_nothing_dropped_silently() {
    let c = corpus();
    let p = read(&foreign_qdpx(&c)).unwrap();
    assert_eq!(p.name, "Class project");
    let study = Study {
        codebook: Some(book()),
        ..Study::default()
    };
    let got = into_study(&p, &study, &c, at(0));
    // Codes: the group is not a frame; nested codes are, under their parent's name; a code
    // named like a frame of the codebook (any case) is that frame.
    let names: Vec<(&str, &str)> = got
        .frames
        .iter()
        .map(|f| (f.name.as_str(), f.group.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Threat talk", "Framing"),
            ("ISIS as threat", "Threat talk")
        ]
    );
    assert_eq!(got.frames[0].color, "#FF0000");
    assert_eq!(got.frames[0].description, "Talk of a shared threat.");
    assert!(
        got.frames
            .iter()
            .all(|f| !book().frames.iter().any(|b| b.id == f.id))
    );

    assert_eq!(
        got.matched,
        [
            (
                "Left article".to_owned(),
                "a.txt".to_owned(),
                "same text but for spacing"
            ),
            ("Right, inline".to_owned(), "b.txt".to_owned(), "same text"),
        ]
    );
    // The coded passage: two codes, no text, found by its words in the folder's text.
    let coded = got
        .notes
        .iter()
        .find(|n| n.kind == NoteKind::Coding)
        .unwrap();
    assert_eq!(
        coded.codes,
        [got.frames[1].id.clone(), "conflict".to_owned()]
    );
    let a = coded.anchor().unwrap();
    assert_eq!(a.exact, "consider ISIS a threat");
    assert!(
        a.content_hash.is_empty(),
        "another text: placed by its quote"
    );
    let d = &c.documents[0];
    let span = resolve(a, d).span().unwrap();
    assert_eq!(&d.text[span], "consider ISIS a threat");
    assert_eq!(
        coded.created,
        "2021-05-04T10:00:00Z".parse::<Timestamp>().unwrap()
    );
    // The annotation is a note with its text.
    let annotation = got
        .notes
        .iter()
        .find(|n| n.text == "An annotation, as QualCoder writes one.")
        .unwrap();
    assert_eq!(annotation.kind, NoteKind::Observation);
    assert_eq!(annotation.anchor().unwrap().exact, "behind the scenes");
    // A note on a source is a note on the article; a note on nothing, on the study.
    assert!(
        got.notes
            .iter()
            .any(|n| n.target == Target::Article("b.txt".into())
                && n.text == "Written by hand & checked.")
    );
    assert!(
        got.notes
            .iter()
            .any(|n| n.target == Target::Study && n.text == "A memo on no passage.")
    );
    assert_eq!(got.notes.len(), 4);

    // What was not carried is said.
    assert_eq!(got.unmatched.len(), 1);
    assert_eq!(got.unmatched[0].name, "Not in the folder");
    assert_eq!(got.unmatched[0].passages, 1);
    let report = got.report.join("\n");
    for said in [
        "1 × pictures",
        "1 × variables",
        "1 × cases",
        "1 selection with neither a code nor a note",
        "“Not in the folder” is not among the folder's articles",
    ] {
        assert!(report.contains(said), "{said} in:\n{report}");
    }
}

#[test]
fn what_is_not_a_project_is_refused_with_a_reason() {
    assert!(matches!(
        read(b"just text"),
        Err(ImportError::NotAProject(_))
    ));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"<w/>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let err = read(&bytes).unwrap_err().to_string();
    assert!(err.contains("no project.qde"), "{err}");
    let broken = "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"x\"><Sources></Project>";
    assert!(matches!(read(broken.as_bytes()), Err(ImportError::Xml(_))));
}

fn arb_note(len: usize) -> impl Strategy<Value = (usize, usize, usize, String, Vec<usize>, u8)> {
    (
        0..2usize,
        0..len,
        0..40usize,
        "[a-zA-Z &<>\"'é—\n]{0,30}",
        prop::collection::vec(0..3usize, 0..3),
        0..4u8,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Export then import gives back every note: its place, kind, text, codes and time.
    #[test]
    fn random_studies_survive_the_round_trip(notes in prop::collection::vec(arb_note(60), 0..12)) {
        let c = corpus();
        let ids = ["threat", "engagement", "conflict"];
        let mut study = Study { codebook: Some(book()), ..Study::default() };
        for (i, (doc, start, len, text, codes, kind)) in notes.into_iter().enumerate() {
            let d = &c.documents[doc];
            let chars = d.text.chars().count();
            let s = start.min(chars);
            let e = (s + len).min(chars);
            let span = d.byte_offset(s)..d.byte_offset(e);
            let kind = [NoteKind::Observation, NoteKind::Question, NoteKind::Contrast, NoteKind::Omission][kind as usize];
            let mut codes: Vec<String> = codes.into_iter().map(|k| ids[k].to_owned()).collect();
            codes.sort();
            codes.dedup();
            let target = match i % 5 {
                3 => Target::Article(d.source.rel_path.clone()),
                4 => Target::Study,
                _ => Target::Passage(anchor_for(d, span)),
            };
            let codes = if matches!(target, Target::Passage(_)) { codes } else { Vec::new() };
            let mut n = Note::new(i as u64 + 1, kind, target, text.trim().to_owned(), at(i as i64));
            n.codes = codes;
            study.notes.push(Arc::new(n));
        }
        let back = round_trip(&study, &c);
        let mut want: Vec<_> = study.notes.iter().map(|n| gist(n)).collect();
        let mut got: Vec<_> = back.notes.iter().map(gist).collect();
        want.sort();
        got.sort();
        prop_assert_eq!(got, want);
    }
}
