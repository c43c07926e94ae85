use std::sync::Arc;

use super::*;
use crate::notes::anchor::anchor_for;
use crate::notes::session::Session;

const TEXT: &str = "Kerry denied any coordination with Tehran. Officials in Baghdad welcomed \
the strikes, while analysts warned that the militias would gain ground.";

fn corpus() -> Corpus {
    Corpus::from_memory(
        "/study",
        &[
            ("a.txt", TEXT.as_bytes()),
            ("b.txt", b"Another article entirely."),
        ],
    )
}

fn at() -> Timestamp {
    Timestamp::from_second(1_800_000_000).unwrap()
}

#[test]
fn a_w3c_export_comes_back_as_the_same_notes_and_links() {
    let c = corpus();
    let d = &c.documents[0];
    let span = |q: &str| {
        let i = d.text.find(q).unwrap();
        i..i + q.len()
    };
    let mut coded = Note::new(
        1,
        NoteKind::Question,
        Target::Passage(anchor_for(d, span("Kerry denied"))),
        "Why deny it?",
        at(),
    );
    coded.codes = vec!["conflict".into()];
    coded.author = "Ana".into();
    let on_article = Note::new(
        2,
        NoteKind::Observation,
        Target::Article("b.txt".into()),
        "Short.",
        at(),
    );
    let on_study = Note::new(
        3,
        NoteKind::Observation,
        Target::Study,
        "Both avoid Iran.",
        at(),
    );
    let link = ContrastLink {
        id: 4,
        created: at(),
        updated: at(),
        left: anchor_for(d, span("Officials in Baghdad")),
        right: anchor_for(&c.documents[1], 0..7),
        relation: Relation::Contradicts,
        comment: "Not the same.".into(),
        review: None,
        author: "Ben".into(),
    };
    let study = Study {
        notes: vec![
            Arc::new(coded.clone()),
            Arc::new(on_article),
            Arc::new(on_study),
        ],
        links: vec![Arc::new(link.clone())],
        ..Study::default()
    };
    let titles = crate::exchange::titles(&study, &c);
    let json = crate::exchange::w3c::collection(&study, &c, &titles, "").json;
    let bytes = serde_json::to_vec(&json).unwrap();
    let a = read(&bytes).unwrap();
    assert_eq!(a.len(), 4);
    let got = into_study(&a, &Study::default(), &c, at());
    assert!(got.report.is_empty(), "{:?}", got.report);
    let notes: Vec<(NoteKind, &Target, &str, &str)> = got
        .notes
        .iter()
        .map(|n| (n.kind, &n.target, n.text.as_str(), n.author.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (NoteKind::Question, &coded.target, "Why deny it?", "Ana"),
            (
                NoteKind::Observation,
                &Target::Article("b.txt".into()),
                "Short.",
                ""
            ),
            (
                NoteKind::Observation,
                &Target::Study,
                "Both avoid Iran.",
                ""
            ),
        ]
    );
    // The code came back by its id, not as a new frame named after it.
    assert_eq!(got.notes[0].codes, ["conflict"]);
    assert_eq!(got.links.len(), 1);
    let l = &got.links[0];
    assert_eq!(
        (&l.left, &l.right, l.relation),
        (&link.left, &link.right, link.relation)
    );
    assert_eq!(
        (l.comment.as_str(), l.author.as_str()),
        ("Not the same.", "Ben")
    );
    // Importing it again adds nothing.
    let s = Study {
        notes: got.notes.iter().cloned().map(Arc::new).collect(),
        links: got.links.iter().cloned().map(Arc::new).collect(),
        ..Study::default()
    };
    let again = into_study(&a, &s, &c, at());
    assert!(
        again.notes.is_empty() && again.links.is_empty(),
        "{:?}",
        again.report
    );
}

/// The shape of Hypothesis's JSON export (client "Export annotations", 2024): positions in
/// the page's DOM text, which is not the folder's text, and tags.
const HYPOTHESIS: &str = r#"{
  "export_date": "2024-05-01T10:00:00.000Z",
  "export_userid": "acct:ana@hypothes.is",
  "client_version": "1.1400.0",
  "annotations": [
    {"id": "a1", "created": "2024-04-30T09:00:00.000000+00:00", "user": "acct:ana@hypothes.is",
     "uri": "https://news.example.com/2014/kerry-iran", "text": "The denial comes first.",
     "tags": ["Conflict", "denial"],
     "target": [{"source": "https://news.example.com/2014/kerry-iran", "selector": [
       {"type": "RangeSelector", "endContainer": "/div[1]/p[1]", "startOffset": 0, "endOffset": 12, "startContainer": "/div[1]/p[1]"},
       {"type": "TextPositionSelector", "start": 830, "end": 842},
       {"type": "TextQuoteSelector", "exact": "Kerry denied", "prefix": "Menu Home World ", "suffix": " any coordination"}]}],
     "document": {"title": ["Kerry denies coordination"]}},
    {"id": "a2", "created": "2024-04-30T09:05:00.000000+00:00", "user": "acct:ana@hypothes.is",
     "user_info": {"display_name": "Ana Lima"},
     "uri": "https://news.example.com/2014/kerry-iran", "text": "Who are the analysts?", "tags": [],
     "target": [{"source": "https://news.example.com/2014/kerry-iran", "selector": [
       {"type": "TextQuoteSelector", "exact": "while the analysts warned that the militias", "prefix": "strikes, ", "suffix": " would gain"}]}]},
    {"id": "a3", "created": "2024-04-30T09:06:00.000000+00:00", "user": "acct:ana@hypothes.is",
     "uri": "https://news.example.com/2014/kerry-iran", "text": "Gone from the saved copy.", "tags": [],
     "target": [{"source": "https://news.example.com/2014/kerry-iran", "selector": [
       {"type": "TextQuoteSelector", "exact": "a paragraph the saved page does not have at all", "prefix": "", "suffix": ""}]}]},
    {"id": "a4", "created": "2024-04-30T09:07:00.000000+00:00", "user": "acct:ana@hypothes.is",
     "uri": "https://elsewhere.example.org/story", "text": "On another page.", "tags": [],
     "target": [{"source": "https://elsewhere.example.org/story", "selector": [
       {"type": "TextQuoteSelector", "exact": "words of another story", "prefix": "", "suffix": ""}]}]}
  ]
}"#;

#[test]
fn a_hypothesis_export_is_anchored_by_quote_with_near_misses_to_check_and_misses_orphaned() {
    let c = corpus();
    let a = read(HYPOTHESIS.as_bytes()).unwrap();
    let mut book = crate::analysis::codebook::Codebook::default();
    book.frames.push(crate::analysis::codebook::Frame {
        id: "conflict".into(),
        name: "Conflict".into(),
        ..Default::default()
    });
    let study = Study {
        codebook: Some(book),
        ..Study::default()
    };
    let got = into_study(&a, &study, &c, at());
    // The page is the article holding its quotes; the other page is reported, not dropped.
    assert_eq!(got.notes.len(), 3);
    assert!(
        got.notes
            .iter()
            .all(|n| n.anchor().unwrap().article == "a.txt")
    );
    assert_eq!(got.report.len(), 1, "{:?}", got.report);
    assert!(got.report[0].contains("https://elsewhere.example.org/story"));
    // Authors from the account (or its display name), tags as codes: the codebook's
    // "Conflict" and a new frame for "denial".
    assert_eq!(got.notes[0].author, "ana");
    assert_eq!(got.notes[1].author, "Ana Lima");
    assert_eq!(got.notes[0].codes, ["conflict", "denial"]);
    assert_eq!(got.frames.len(), 1);
    assert_eq!(got.frames[0].name, "denial");

    // Placed as the study places any note: the exact quote found, the reworded one to
    // check, the missing one an orphan.
    let mut s = Session::in_memory();
    s.study = study;
    s.add_all(got.notes, got.links, &got.frames).unwrap();
    s.reanchor(&c);
    let ids: Vec<u64> = s.study.notes.iter().map(|n| n.id).collect();
    let found = s.placements[&ids[0]].span().unwrap().1;
    assert_eq!(&TEXT[found], "Kerry denied");
    assert_eq!(s.to_check(), [ids[1]]);
    assert_eq!(s.orphans(), [ids[2]]);
}

#[test]
fn other_json_is_refused_with_a_reason() {
    let e = read(br#"{"title": "not annotations"}"#).unwrap_err();
    assert!(e.to_string().contains("Hypothesis"), "{e}");
    assert!(read(b"{not json").is_err());
    let e =
        read(br#"{"type": "AnnotationCollection", "first": "https://x.org/page1"}"#).unwrap_err();
    assert!(e.to_string().contains("on the web"), "{e}");
}

#[test]
fn two_coders_alike_codings_are_both_kept_and_one_coders_twice_is_not() {
    let c = corpus();
    let one = |user: &str| {
        format!(
            r#"{{"rows": [{{"uri": "https://news.example.com/k", "user": "acct:{user}@hypothes.is",
               "text": "", "tags": ["conflict"],
               "target": [{{"source": "https://news.example.com/k", "selector": [
                 {{"type": "TextQuoteSelector", "exact": "Kerry denied", "prefix": "", "suffix": ""}}]}}]}}]}}"#
        )
    };
    let ana = read(one("ana").as_bytes()).unwrap();
    let got = into_study(&ana, &Study::default(), &c, at());
    let study = Study {
        notes: got.notes.into_iter().map(Arc::new).collect(),
        ..Study::default()
    };
    let ben = into_study(&read(one("ben").as_bytes()).unwrap(), &study, &c, at());
    assert_eq!(ben.notes.len(), 1, "Ben's own coding: {:?}", ben.report);
    let again = into_study(&ana, &study, &c, at());
    assert!(again.notes.is_empty(), "Ana's, imported twice");
}
