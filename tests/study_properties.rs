//! Property tests for the study file and anchors: any study round-trips through RON
//! unchanged (and writes the same text again), and re-anchoring an unchanged article finds
//! every note exactly where it was.

use std::collections::BTreeMap;

use jiff::Timestamp;
use parallax::analysis::codebook::{Codebook, Frame};
use parallax::document::{Document, Format};
use parallax::notes::Corrections;
use parallax::notes::anchor::{Resolved, anchor_for, resolve};
use parallax::notes::model::{
    Anchor, ArticleEntry, ContrastLink, Note, NoteKind, Relation, Review, Study, Target,
};
use parallax::notes::store;
use parallax::notes::worksheet::{Answer, Verdict, Worksheet};
use proptest::prelude::*;

/// Any text at all, including quotes, backslashes, control characters, newlines and emoji.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zé\"\\\\\n\t \u{201c}\u{201d}\u{1F642}()#,:]{0,40}",
        Just(String::new()),
    ]
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    (0i64..4_102_444_800, 0i32..1_000_000_000)
        .prop_map(|(s, ns)| Timestamp::new(s, ns).unwrap_or(Timestamp::UNIX_EPOCH))
}

fn anchor() -> impl Strategy<Value = Anchor> {
    (
        text(),
        "[0-9a-f]{16}",
        0usize..100_000,
        0usize..500,
        text(),
        text(),
        text(),
    )
        .prop_map(
            |(article, content_hash, start, len, exact, prefix, suffix)| Anchor {
                article,
                content_hash,
                start,
                end: start + len,
                exact,
                prefix,
                suffix,
            },
        )
}

fn review() -> impl Strategy<Value = Option<Review>> {
    let side = proptest::option::of(prop_oneof![
        Just(parallax::side::Side::Left),
        Just(parallax::side::Side::Right)
    ]);
    proptest::option::of(
        (0.0f64..1.0, text(), side).prop_map(|(score, was, side)| Review { score, was, side }),
    )
}

fn kind() -> impl Strategy<Value = NoteKind> {
    prop_oneof![
        Just(NoteKind::Observation),
        Just(NoteKind::Question),
        Just(NoteKind::Contrast),
        Just(NoteKind::Omission),
        Just(NoteKind::Coding),
    ]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        anchor().prop_map(Target::Passage),
        text().prop_map(Target::Article),
        Just(Target::Study),
    ]
}

fn note() -> impl Strategy<Value = Note> {
    (
        any::<u64>(),
        timestamp(),
        timestamp(),
        kind(),
        target(),
        text(),
        proptest::collection::vec(text(), 0..4),
        review(),
        text(),
    )
        .prop_map(
            |(id, created, updated, kind, target, text, codes, review, author)| Note {
                id,
                created,
                updated,
                kind,
                target,
                text,
                codes,
                review,
                author,
            },
        )
}

fn link() -> impl Strategy<Value = ContrastLink> {
    (
        any::<u64>(),
        timestamp(),
        timestamp(),
        anchor(),
        anchor(),
        proptest::sample::select(Relation::ALL.to_vec()),
        text(),
        review(),
        text(),
    )
        .prop_map(
            |(id, created, updated, left, right, relation, comment, review, author)| ContrastLink {
                id,
                created,
                updated,
                left,
                right,
                relation,
                comment,
                review,
                author,
            },
        )
}

fn corrections() -> impl Strategy<Value = Corrections> {
    (
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    )
        .prop_map(|(title, author, outlet, date)| Corrections {
            title,
            author,
            outlet,
            date,
        })
}

fn frame() -> impl Strategy<Value = Frame> {
    (
        text(),
        text(),
        text(),
        "#[0-9a-f]{6}",
        text(),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(text(), 0..2),
    )
        .prop_map(
            |(id, name, group, color, description, cues, questions)| Frame {
                id,
                name,
                group,
                color,
                description,
                cues,
                patterns: vec!["\\bcoordinat\\w*".into()],
                questions,
                examples: vec![],
            },
        )
}

fn worksheet() -> impl Strategy<Value = Worksheet> {
    let verdict = proptest::option::of(proptest::sample::select(Verdict::ALL.to_vec()));
    let answer = (
        text(),
        verdict,
        text(),
        text(),
        proptest::collection::vec(anchor(), 0..3),
        text(),
    )
        .prop_map(
            |(question, verdict, text, comment, citations, author)| Answer {
                question,
                verdict,
                text,
                comment,
                citations,
                author,
            },
        );
    proptest::collection::btree_map("[a-z-]{1,12}#[1-4]|function:[a-z]{3,7}", answer, 0..4)
        .prop_map(|answers| Worksheet { answers })
}

fn study() -> impl Strategy<Value = Study> {
    (
        text(),
        proptest::collection::btree_map(
            text(),
            ("[0-9a-f]{16}", corrections(), any::<bool>(), worksheet()).prop_map(
                |(content_hash, corrections, whole_page, worksheet)| ArticleEntry {
                    content_hash,
                    corrections,
                    whole_page,
                    worksheet,
                },
            ),
            0..4,
        ),
        proptest::option::of((text(), text(), proptest::collection::vec(frame(), 0..4))),
        proptest::collection::vec(note(), 0..12),
        proptest::collection::vec(link(), 0..4),
    )
        .prop_map(|(title, articles, codebook, mut notes, mut links)| {
            // A study keeps notes and links by id, each id once (as the app makes them).
            notes.sort_by_key(|n| n.id);
            notes.dedup_by_key(|n| n.id);
            links.sort_by_key(|l| l.id);
            links.dedup_by_key(|l| l.id);
            Study {
                title,
                articles: articles.into_iter().collect::<BTreeMap<_, _>>(),
                codebook: codebook.map(|(name, description, frames)| Codebook {
                    name,
                    description,
                    frames,
                    ..Default::default()
                }),
                notes: notes.into_iter().map(Into::into).collect(),
                links: links.into_iter().map(Into::into).collect(),
                ..Default::default()
            }
        })
}

/// Article-like text with repeated phrases, accents, emoji and blank lines.
fn article() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("the talks".to_owned()),
            Just("Iran".to_owned()),
            Just("coopération".to_owned()),
            Just("\u{1F642}".to_owned()),
            Just("\n\n".to_owned()),
            Just("the talks".to_owned()),
            "[a-zA-Z\u{e9}\u{201c}\u{201d}]{1,9}",
        ],
        1..120,
    )
    .prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_study_round_trips_through_ron_unchanged(study in study()) {
        let ron = study.to_ron();
        let back = store::parse(&ron).map_err(|e| TestCaseError::fail(format!("{e:?}\n{ron}")))?;
        prop_assert_eq!(&back, &study);
        // And it writes the same text again: saving an unchanged study changes no line.
        prop_assert_eq!(back.to_ron(), ron);
    }

    #[test]
    fn any_study_round_trips_through_the_file(study in study()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(store::DEFAULT_NAME);
        store::save(&path, &study, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        match store::open(&path) {
            Ok(store::Opened::Read { study: back, .. }) => prop_assert_eq!(back, study),
            other => return Err(TestCaseError::fail(format!("{other:?}"))),
        }
    }

    #[test]
    fn re_anchoring_an_unchanged_article_is_exact_for_every_note(
        text in article(),
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40), 1..30),
    ) {
        let doc = Document::from_text("a.txt", Format::Text, &text);
        let t = &doc.text;
        let boundaries: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
        for (at, len) in cuts {
            let i = at.index(boundaries.len());
            let start = boundaries[i];
            // Spans and points (len 0), always on character boundaries.
            let end = boundaries[(i + len).min(boundaries.len() - 1)];
            let anchor = anchor_for(&doc, start..end);
            prop_assert_eq!(&anchor.exact, &t[start..end]);
            // Through the study file too: what is saved is what is found.
            let anchor: Anchor = ron::from_str(&ron::to_string(&anchor).unwrap()).unwrap();
            prop_assert_eq!(resolve(&anchor, &doc), Resolved::Exact(start..end), "span {}..{} of {:?}", start, end, t);
        }
    }
}
