//! The contract of every file Parallax keeps (the study, codebooks, preferences): a file
//! with a field this version does not know is never overwritten, and its bytes survive.
//! The preferences' side is tested next to them (`ui::settings`); this holds the study and
//! the codebook, driven as a user would drive them.

mod common;

use std::sync::Arc;

use common::FakeDialogs;
use parallax::corpus::Corpus;
use parallax::notes::desk::StudyDesk;
use parallax::notes::model::{NoteKind, Target};
use parallax::notes::session::{NewNote, Problem};
use parallax::notes::store::{self, DEFAULT_NAME};
use parallax::ui::commands::LensCommand;

/// A study whose `notes` field a hand edit misspelled, and one with a field from the future.
const MISSPELLED: &str = r#"(
    version: 1,
    title: "My study",
    notez: [
        (id: 1, created: "2026-11-01T10:00:00Z", updated: "2026-11-01T10:00:00Z", kind: Observation, target: Study, text: "A note I wrote."),
    ],
)"#;

const FUTURE_FIELD: &str = r#"(
    version: 1,
    notes: [
        (id: 1, created: "2026-11-01T10:00:00Z", updated: "2026-11-01T10:00:00Z", kind: Observation, target: Study, text: "Kept.", colour: "red"),
    ],
    coders: ["Ann", "Ben"],
)"#;

#[test]
fn a_study_with_unknown_fields_opens_read_only_and_is_never_saved_over() {
    for text in [MISSPELLED, FUTURE_FIELD] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DEFAULT_NAME);
        std::fs::write(&path, text).unwrap();
        let corpus = Corpus::from_memory("none", &[]);
        let mut desk = StudyDesk::new(|| {});
        desk.open(Some(&path), &corpus, None);
        let s = &desk.session;
        assert!(s.read_only);
        match &s.problem {
            Some(Problem::Foreign { unknown }) => assert!(!unknown.is_empty()),
            other => panic!("{other:?}"),
        }
        // Edits are refused, saving and quitting write nothing.
        let added = desk.session.add_note(NewNote {
            kind: NoteKind::Question,
            target: Target::Study,
            text: "new".into(),
            codes: vec![],
        });
        assert!(added.is_err());
        for t in 0..40 {
            desk.tick(t as f64 * 0.1);
        }
        let _ = desk.flush();
        desk.finish();
        drop(desk);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "bytes survive"
        );
        assert!(
            store::backups(&path).is_empty(),
            "not even a backup was needed"
        );
    }
}

#[test]
fn a_study_with_a_bom_and_doubled_ids_keeps_every_note() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DEFAULT_NAME);
    // What a git merge of two studies makes: both sides added note 2.
    let note = |id: u64, text: &str| {
        format!(
            r#"(id: {id}, created: "2026-11-01T10:00:00Z", updated: "2026-11-01T10:00:00Z", kind: Observation, target: Study, text: "{text}"),"#
        )
    };
    let text = format!(
        "\u{FEFF}(version: 1, notes: [{}{}{}{}])",
        note(1, "first"),
        note(2, "mine"),
        note(2, "theirs"),
        note(2, "a third"),
    );
    std::fs::write(&path, &text).unwrap();
    let corpus = Corpus::from_memory("none", &[]);
    let mut desk = StudyDesk::new(|| {});
    desk.open(Some(&path), &corpus, None);
    let s = &desk.session;
    assert!(
        s.problem.is_none(),
        "a byte-order mark is no damage: {:?}",
        s.problem
    );
    let texts: Vec<&str> = s.study.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts.len(), 4);
    for t in ["first", "mine", "theirs", "a third"] {
        assert!(texts.contains(&t), "{t} kept: {texts:?}");
    }
    let mut ids: Vec<u64> = s.study.notes.iter().map(|n| n.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 4, "unique ids");
    assert!(matches!(
        s.notices.first(),
        Some(parallax::notes::session::Notice::Renumbered(r)) if r.len() == 2
    ));
    // Saved with the new ids.
    desk.finish();
    let saved = store::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved.notes.len(), 4);
}

#[test]
fn a_codebook_file_with_unknown_fields_is_never_saved_over() {
    let dir = common::two_articles();
    let book = dir.path().join("my-codebook.ron");
    let text = r##"(name: "Mine", frames: [(id: "talks", name: "Talks", color: "#336699", cues: ["talk*"], weight: 2.0)])"##;
    std::fs::write(&book, text).unwrap();
    let mut h = common::open_folder(
        dir.path(),
        Arc::new(FakeDialogs::default()),
        [1200.0, 800.0],
    );
    let i = h.state_mut().load_codebook_file(&book).unwrap();
    assert_eq!(h.state().lens().shelf.books[i].unknown, ["frames.0.weight"]);
    h.state_mut().push(LensCommand::SelectCodebook(i).into());
    h.run_steps(1);
    let app = h.state_mut();
    app.save_codebook(&book);
    assert_eq!(
        std::fs::read_to_string(&book).unwrap(),
        text,
        "bytes survive"
    );
    assert!(
        app.status()
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("weight"))
    );
    // Under another name it saves.
    let other = dir.path().join("mine-copy.ron");
    app.save_codebook(&other);
    assert!(other.exists());
}
