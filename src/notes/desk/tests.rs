use super::*;
use crate::notes::model::{NoteKind, Target};
use crate::notes::session::NewNote;

fn corpus(dir: &Path) -> Corpus {
    std::fs::write(dir.join("a.txt"), "Title\n\nKerry denied it.").unwrap();
    crate::corpus::testing::load(dir)
}

fn note(text: &str) -> NewNote {
    NewNote {
        kind: NoteKind::Observation,
        target: Target::Study,
        text: text.into(),
        codes: vec![],
    }
}

/// Tick with a clock until `done`.
fn run_until(desk: &mut StudyDesk, mut now: f64, done: impl Fn(&StudyDesk) -> bool) -> f64 {
    for _ in 0..2000 {
        desk.tick(now);
        if done(desk) {
            return now;
        }
        std::thread::sleep(Duration::from_millis(2));
        now += 0.05;
    }
    panic!("not done: {desk:?}");
}

#[test]
fn a_study_changed_on_disk_is_read_again_unless_there_is_unsaved_work_here() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let path = default_path(dir.path());
    let mut desk = StudyDesk::new(|| {});
    desk.open(Some(&path), &c, None);
    desk.session.add_note(note("mine")).unwrap();
    run_until(&mut desk, 0.0, |d| d.is_saved() && !d.saving());
    assert_eq!(desk.on_file_changed(Some(&c)), DiskChange::Ignored);

    // Another program adds a note: nothing here is unsaved, so it is read again.
    let mut theirs = store::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut other = (*theirs.notes[0]).clone();
    other.id = 99;
    other.text = "theirs".into();
    theirs.notes.push(Arc::new(other));
    std::fs::write(&path, theirs.to_ron()).unwrap();
    assert_eq!(desk.on_file_changed(Some(&c)), DiskChange::Reloaded);
    assert_eq!(desk.session.study.notes.len(), 2);

    // Changed there and here: nothing is read over the unsaved note; the reader chooses.
    desk.session.add_note(note("unsaved")).unwrap();
    theirs.notes.pop();
    std::fs::write(&path, theirs.to_ron()).unwrap();
    assert_eq!(desk.on_file_changed(Some(&c)), DiskChange::Conflict);
    assert_eq!(desk.session.problem, Some(Problem::Conflict));
    assert_eq!(desk.session.study.notes.len(), 3);
    assert!(
        !desk.dismiss_damaged(),
        "a conflict is not dismissed unresolved"
    );
    assert_eq!(desk.session.problem, Some(Problem::Conflict));
    desk.finish();
}

#[test]
fn a_confirmed_note_is_in_the_journal_before_any_save_and_replayed_on_opening() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let path = default_path(dir.path());
    {
        let mut desk = StudyDesk::new(|| {});
        desk.open(Some(&path), &c, None);
        desk.session
            .add_note(note("typed just before the crash"))
            .unwrap();
        desk.say("Added the note.", false);
        run_until(&mut desk, 0.0, |d| !d.released.is_empty() || d.journaled());
        run_until(&mut desk, 0.0, |d| {
            d.released.iter().any(|s| s.text == "Added the note.")
        });
        // A crash now: no save has run (the clock did not move past the autosave delay).
        assert!(!path.exists(), "nothing saved yet");
        drop(desk); // closing does not save; only the journal holds the note
        assert!(!path.exists());
    }
    let mut again = StudyDesk::new(|| {});
    again.open(Some(&path), &c, None);
    assert_eq!(again.session.study.notes.len(), 1);
    assert_eq!(
        again.session.study.notes[0].text,
        "typed just before the crash"
    );
    assert!(again.session.dirty(), "to be saved into the study file");
    // Folded into the file by the autosave; the journal is then emptied.
    run_until(&mut again, 10.0, |d| d.is_saved() && !d.saving());
    run_until(&mut again, 20.0, |d| d.journaled());
    again.finish();
    let saved = store::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved.notes.len(), 1);
    let lines = journal::read_lines(&journal::journal_path(&path)).unwrap();
    assert!(
        !lines.iter().any(|l| matches!(l, journal::Line::Op { .. })),
        "{lines:?}"
    );
}

#[test]
fn a_journal_that_does_not_fit_the_file_is_offered_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let path = default_path(dir.path());
    {
        let mut desk = StudyDesk::new(|| {});
        desk.open(Some(&path), &c, None);
        desk.session
            .add_note(note("from the crashed session"))
            .unwrap();
        desk.say("Added.", false);
        run_until(&mut desk, 0.0, |d| !d.released.is_empty());
        drop(desk);
    }
    // Meanwhile a sync tool put another version in place.
    std::fs::write(&path, "(version: 1, title: \"theirs\")").unwrap();
    let mut again = StudyDesk::new(|| {});
    again.open(Some(&path), &c, None);
    assert_eq!(again.session.study.title, "theirs");
    assert!(
        again.session.study.notes.is_empty(),
        "not applied on its own"
    );
    assert_eq!(again.offers.len(), 1);
    assert_eq!(
        again.offers[0].study.notes[0].text,
        "from the crashed session"
    );
    assert_eq!(again.restore_offer(0).unwrap(), 1);
    assert_eq!(again.session.study.notes.len(), 1);
    assert!(again.session.undo().is_some(), "restoring is undoable");
    again.finish();
}

#[test]
fn a_failed_save_is_retried_and_quitting_rescues_to_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let data = dir.path().join("data");
    // A study path whose folder does not exist: every save fails.
    let path = dir.path().join("gone/parallax-study.ron");
    let mut desk = StudyDesk::new(|| {});
    desk.open(Some(&path), &c, Some(&data));
    desk.session.add_note(note("keep me")).unwrap();
    run_until(&mut desk, 0.0, |d| {
        d.session.problem.is_some() || d.save_error.is_some()
    });
    assert!(desk.flush().is_err());
    let copy = desk.rescue(Some(&data)).unwrap();
    assert!(copy.starts_with(&data));
    desk.finish();
    // Offered the next time the study opens.
    let mut again = StudyDesk::new(|| {});
    again.open(Some(&path), &c, Some(&data));
    assert_eq!(again.offers.len(), 1);
    assert_eq!(again.offers[0].study.notes[0].text, "keep me");
    let away = again.discard_offer(0).unwrap();
    assert!(!away.starts_with(&data));
    again.finish();
}

#[test]
fn an_earlier_version_is_listed_compared_and_restored_as_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let path = default_path(dir.path());
    let mut desk = StudyDesk::new(|| {});
    desk.open(Some(&path), &c, None);
    let mut now = 0.0;
    for text in ["first", "second", "third"] {
        desk.session.add_note(note(text)).unwrap();
        now = run_until(&mut desk, now, |d| d.is_saved() && !d.saving()) + 10.0;
    }
    // Each save kept the version before it: newest first, with what they hold.
    let versions = desk.versions();
    assert_eq!(versions.len(), 2, "{versions:?}");
    assert_eq!(versions[0].summary(), "2 notes, 0 links");
    assert_eq!(versions[1].summary(), "1 note, 0 links");
    assert!(versions.iter().all(|v| v.saved.is_some()));
    let diff = versions[1].differences(&desk.session.study);
    assert_eq!(diff.len(), 2, "two notes are not in the oldest: {diff:?}");
    // Restoring it is one step, and Undo takes it back.
    let changed = desk.restore_version(&versions[1].path).unwrap();
    assert_eq!(changed, 2);
    let texts = |d: &StudyDesk| {
        d.session
            .study
            .notes
            .iter()
            .map(|n| n.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&desk), ["first"]);
    desk.session.undo().unwrap();
    assert_eq!(texts(&desk), ["first", "second", "third"]);
    // A damaged version is listed as such and not restored.
    std::fs::write(&versions[0].path, "not a study").unwrap();
    let versions = desk.versions();
    assert!(versions[0].study.is_none());
    assert!(versions[0].summary().contains("damaged"));
    assert!(desk.restore_version(&versions[0].path).is_err());
    assert_eq!(texts(&desk).len(), 3, "nothing was lost");
}

#[test]
fn a_kill_right_after_a_save_replaced_the_file_replays_nothing_and_offers_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path());
    let path = default_path(dir.path());
    {
        let mut desk = StudyDesk::new(|| {});
        desk.open(Some(&path), &c, None);
        desk.session.add_note(note("saved, then killed")).unwrap();
        run_until(&mut desk, 0.0, |d| d.saving());
        // The saving thread replaces the file; the desk never hears of it (killed first),
        // so the journal gets no word of the save from the desk.
        let mut held = None;
        for _ in 0..2500 {
            held = std::fs::read_to_string(&path)
                .ok()
                .and_then(|t| store::parse(&t).ok());
            if held.is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        assert_eq!(held.map(|s| s.notes.len()), Some(1), "the save ran");
        let bytes = std::fs::read(&path).unwrap();
        let lines = journal::read_lines(&journal::journal_path(&path)).unwrap();
        let found = journal::recover(lines, Some(&store::content_hash(&bytes)));
        assert!(
            matches!(found, Recovery::Clean { .. }),
            "the journal knows the new file holds the note: {found:?}"
        );
        drop(desk);
    }
    let mut again = StudyDesk::new(|| {});
    again.open(Some(&path), &c, None);
    assert_eq!(again.session.study.notes.len(), 1);
    assert!(
        again.offers.is_empty(),
        "nothing to offer: {:?}",
        again.offers
    );
    again.finish();
}
