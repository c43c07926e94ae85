//! Study notes in the window, driven like a user would: select, note, code, link, undo; the
//! study file saved and read again; orphans; read-only, damaged, conflicting and unwritable
//! study files.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::{FakeDialogs, settle};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::notes::anchor::Resolved;
use parallax::notes::model::{NoteKind, Target};
use parallax::notes::session::Problem;
use parallax::notes::store::{self, DEFAULT_NAME};
use parallax::ui::App;
use parallax::ui::commands::{Command, Side, StudyCommand, ViewCommand};
use parallax::ui::dialogs::DialogKind;

fn fixture() -> tempfile::TempDir {
    common::two_articles()
}

fn open_with(folder: &Path, dialogs: Arc<FakeDialogs>) -> Harness<'static, App> {
    common::open_folder(folder, dialogs, [1500.0, 900.0])
}

fn open(folder: &Path) -> Harness<'static, App> {
    open_with(folder, Arc::new(FakeDialogs::default()))
}

/// Step (the UI clock runs at 60 frames a second) until the study is on disk.
fn wait_saved(h: &mut Harness<'_, App>) {
    if !common::step_until(h, 400, |app| app.study().is_saved()) {
        panic!(
            "the study was not saved: {:?}",
            h.state().study().state_text()
        );
    }
}

/// Select a phrase in a pane, as a drag would, and make that pane the focused one.
fn select(h: &mut Harness<'_, App>, pane: Side, phrase: &str) -> std::ops::Range<usize> {
    let app = h.state_mut();
    let view = app.panes_mut()[pane].view.as_mut().unwrap();
    let i = view.doc().text.find(phrase).unwrap();
    view.select(i..i + phrase.len());
    app.set_focus(pane);
    i..i + phrase.len()
}

/// Select a phrase, press N, type the note and save it with Ctrl+Enter, as a user would.
fn note_on(h: &mut Harness<'_, App>, pane: Side, phrase: &str, text: &str) {
    select(h, pane, phrase);
    h.key_press(Key::N);
    h.run_steps(3);
    h.get_by_label("Note text").type_text(text);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(3);
}

fn study_path(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap().join(DEFAULT_NAME)
}

#[test]
fn select_add_a_note_with_a_code_and_see_it_in_the_list() {
    let dir = fixture();
    let mut h = open(dir.path());
    select(
        &mut h,
        Side::Left,
        "denied that Washington would coordinate",
    );
    h.key_press(Key::N);
    h.run_steps(4);
    let draft = h
        .state()
        .study()
        .draft
        .clone()
        .expect("N opens the note editor");
    assert!(draft.text.is_empty(), "the N typed is not in the note");
    h.get_by_label_contains("“denied that Washington would coordinate”");
    h.get_by_label("Note text")
        .type_text("A flat denial, before the hedge.");
    h.run_steps(2);
    // Codes are offered by number; the chip toggles the code.
    h.get_by_label_contains("2 Degree of engagement").click();
    h.run_steps(2);
    h.get_by_label("Question").click();
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(4);
    let app = h.state();
    assert!(app.study().draft.is_none());
    let notes = &app.study().desk.session.study.notes;
    assert_eq!(notes.len(), 1);
    let n = &notes[0];
    assert_eq!(n.text, "A flat denial, before the hedge.");
    assert_eq!(n.codes, ["engagement"]);
    assert_eq!(n.kind, NoteKind::Question);
    assert_eq!(
        n.anchor().unwrap().exact,
        "denied that Washington would coordinate"
    );
    // The notes panel lists it.
    h.get_by_label("Notes (1)").click();
    h.run_steps(4);
    h.get_by_label_contains("Question: A flat denial");
    // The passage is marked in the left pane and its code counts in the frame matrix.
    let (marks, ticks) = {
        let app = h.state_mut();
        let doc = app.panes()[Side::Left].view.as_ref().unwrap().doc().clone();
        let book = app.lens().book().book.clone();
        let key = app.lens().book().key.clone();
        let doc_index = app.panes()[Side::Left].doc.unwrap();
        app.study_mut()
            .marks(Side::Left, doc_index, &doc, &book, &key, false)
    };
    assert!(marks.iter().any(|m| {
        m.tip
            .as_deref()
            .is_some_and(|t| t.contains("A flat denial"))
    }));
    assert!(!ticks.is_empty(), "the overview strip shows the note");
    assert_eq!(
        h.state()
            .study()
            .coded(h.state().panes()[Side::Left].doc.unwrap())
            .len(),
        1
    );
    wait_saved(&mut h);
    assert!(
        study_path(dir.path()).is_file(),
        "saved next to the articles"
    );
    // Code 3 in the pane; the editor then lists it first, under the same number.
    select(&mut h, Side::Right, "advisers in Iraq");
    h.key_press(Key::Num3);
    h.run_steps(2);
    let third = h.state().lens().book().book.frames()[2].id.clone();
    assert_eq!(h.state().settings().recent_codes[0], third);
    select(&mut h, Side::Right, "the Revolutionary Guard");
    h.key_press(Key::N);
    h.run_steps(3);
    let chips: Vec<String> = h
        .get_all_by_role(egui::accesskit::Role::Button)
        .filter_map(|n| egui_kittest::kittest::NodeT::accesskit_node(&n).label())
        .filter(|l| l.trim_start().starts_with(char::is_numeric))
        .collect();
    assert!(
        chips[0].trim_start().starts_with("3 "),
        "recently used first: {chips:?}"
    );
    h.key_press_modifiers(Modifiers::ALT, Key::Num3);
    h.run_steps(2);
    assert_eq!(h.state().study().draft.as_ref().unwrap().codes, [third]);
}

#[test]
fn reopening_the_folder_finds_the_notes_anchored() {
    let dir = fixture();
    let span;
    {
        let mut h = open(dir.path());
        span = select(&mut h, Side::Right, "share an enemy, a common threat");
        h.key_press(Key::Num1); // code: the first frame
        h.run_steps(2);
        h.key_press(Key::K); // nothing selected on the left yet: nothing happens
        h.run_steps(2);
        assert!(h.state().study().draft.is_none());
        select(&mut h, Side::Left, "only communicating");
        select(&mut h, Side::Right, "advisers in Iraq");
        h.key_press(Key::K);
        h.run_steps(3);
        h.get_by_label("Note text").type_text("Talk versus boots.");
        h.get_by_label("Reframes").click();
        h.run_steps(2);
        h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
        h.run_steps(3);
        let s = &h.state().study().desk.session.study;
        assert_eq!((s.notes.len(), s.links.len()), (1, 1));
        wait_saved(&mut h);
    }
    // The lock is released with the window; a new window reads the study.
    let h = open(dir.path());
    let s = &h.state().study().desk.session;
    assert!(s.problem.is_none() && !s.read_only);
    let note = &s.study.notes[0];
    assert_eq!(note.kind, NoteKind::Coding);
    assert_eq!(s.placements[&note.id].resolved, Resolved::Exact(span));
    let link = &s.study.links[0];
    assert_eq!(link.comment, "Talk versus boots.");
    assert_eq!(link.left.exact, "only communicating");
    assert!(
        s.link_placements[&link.id]
            .iter()
            .all(|p| matches!(p.resolved, Resolved::Exact(_)))
    );
}

#[test]
fn undo_and_redo_every_note_action() {
    let dir = fixture();
    let mut h = open(dir.path());
    select(&mut h, Side::Left, "The nuclear talks continue.");
    h.key_press(Key::Num4);
    h.run_steps(2);
    h.key_press(Key::Num2);
    h.run_steps(2);
    let codes = |h: &Harness<'_, App>| {
        h.state()
            .study()
            .desk
            .session
            .study
            .notes
            .first()
            .map(|n| n.codes.clone())
            .unwrap_or_default()
    };
    assert_eq!(codes(&h).len(), 2, "two codes on one passage, one note");
    // The same key again removes its code.
    h.key_press(Key::Num2);
    h.run_steps(2);
    assert_eq!(codes(&h).len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(codes(&h).len(), 2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().study().desk.session.study.notes.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(codes(&h).len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(codes(&h).len(), 2);
    // Deleting from the list is undone too.
    let id = h.state().study().desk.session.study.notes[0].id;
    h.state_mut()
        .push(Command::Study(StudyCommand::DeleteNote(id)));
    h.run_steps(2);
    assert!(h.state().study().desk.session.study.notes.is_empty());
    h.get_by_label("Edit").click();
    h.run_steps(3);
    h.get_by_label_contains("Undo delete note").click();
    h.run_steps(2);
    assert_eq!(h.state().study().desk.session.study.notes.len(), 1);
}

#[test]
fn an_omission_note_sits_at_the_caret_between_words() {
    let dir = fixture();
    let mut h = open(dir.path());
    {
        let app = h.state_mut();
        let view = app.panes_mut()[Side::Right].view.as_mut().unwrap();
        let text = view.doc().text.clone();
        // A click inside "Revolutionary": the point moves to the nearer edge of the word.
        let at = text.find("Revolutionary").unwrap() + 3;
        view.select(at..at);
        app.set_focus(Side::Right);
    }
    h.key_press(Key::N);
    h.run_steps(3);
    let d = h.state().study().draft.clone().unwrap();
    assert_eq!(d.kind, NoteKind::Omission);
    h.get_by_label("Note text")
        .type_text("No word on the Guard's record in Iraq.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(3);
    let note = h.state().study().desk.session.study.notes[0].clone();
    let a = note.anchor().unwrap();
    assert_eq!(a.exact, "");
    assert!(a.suffix.starts_with("Revolutionary Guard"), "{a:?}");
}

#[test]
fn orphans_are_listed_and_can_be_reattached_or_deleted() {
    let dir = fixture();
    {
        let mut h = open(dir.path());
        note_on(
            &mut h,
            Side::Left,
            "Israel warned against concessions.",
            "Israel as a brake.",
        );
        select(&mut h, Side::Left, "The nuclear talks continue.");
        h.key_press(Key::Num4);
        h.run_steps(2);
        wait_saved(&mut h);
    }
    // The article is rewritten: the Israel sentence is gone, text is added before the other.
    std::fs::write(
        dir.path().join("a.txt"),
        common::A
            .replace("Israel warned against concessions.", "")
            .replace("The nuclear talks", "Meanwhile, the nuclear talks"),
    )
    .unwrap();
    let mut h = open(dir.path());
    let s = &h.state().study().desk.session;
    let orphans = s.orphans();
    assert_eq!(orphans.len(), 1);
    let orphan = orphans[0];
    assert_eq!(s.study.note(orphan).unwrap().text, "Israel as a brake.");
    h.get_by_label("Notes (2)").click();
    h.run_steps(3);
    h.get_by_label_contains("Orphans (1)");
    assert!(
        h.get_all_by_label_contains("“Israel warned against concessions.”")
            .next()
            .is_some(),
        "the orphan shows its stored quote"
    );
    // Re-attach it to a new selection.
    let span = select(&mut h, Side::Left, "Kerry told NBC News.");
    h.run_steps(2);
    // The orphan's own button (the note being edited has one too, once open).
    h.get_all_by_label("Re-attach to selection")
        .next()
        .unwrap()
        .click();
    h.run_steps(3);
    let s = &h.state().study().desk.session;
    assert!(s.orphans().is_empty());
    assert_eq!(s.placements[&orphan].resolved, Resolved::Exact(span));
    assert_eq!(
        s.study.note(orphan).unwrap().anchor().unwrap().exact,
        "Kerry told NBC News."
    );
    // Undo puts it back among the orphans; deleting it from there removes it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().study().desk.session.orphans(), [orphan]);
    h.get_by_label("Delete").click();
    h.run_steps(3);
    assert!(h.state().study().desk.session.study.note(orphan).is_none());
}

#[test]
fn a_study_open_elsewhere_opens_read_only_and_can_be_opened_again() {
    let dir = fixture();
    let path = study_path(dir.path());
    let other = store::lock(&path).unwrap(); // another Parallax
    let mut h = open(dir.path());
    assert_eq!(
        h.state().study().desk.session.problem,
        Some(Problem::Locked)
    );
    h.get_by_label_contains("is open in another Parallax window");
    select(&mut h, Side::Left, "The nuclear talks continue.");
    h.key_press(Key::N);
    h.key_press(Key::Num1);
    h.run_steps(3);
    assert!(h.state().study().draft.is_none());
    assert!(h.state().study().desk.session.study.notes.is_empty());
    assert!(!path.exists(), "nothing is written");
    drop(other);
    h.get_by_label("Open it again").click();
    h.run_steps(3);
    assert!(!h.state().study().desk.session.read_only);
    h.key_press(Key::Num1);
    h.run_steps(2);
    assert_eq!(h.state().study().desk.session.study.notes.len(), 1);
}

#[test]
fn a_study_from_a_newer_parallax_is_read_only() {
    let dir = fixture();
    let path = study_path(dir.path());
    std::fs::write(&path, "(version: 99, notes: [(id: 1, created: \"2026-01-01T00:00:00Z\", updated: \"2026-01-01T00:00:00Z\", kind: Question, target: Study, text: \"From the future\")])").unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut h = open(dir.path());
    let s = &h.state().study().desk.session;
    assert!(s.read_only);
    assert_eq!(s.problem, Some(Problem::Newer { found: 99 }));
    assert_eq!(
        s.study.notes[0].text, "From the future",
        "its notes still show"
    );
    h.get_by_label_contains("written by a newer Parallax");
    h.state_mut()
        .push(Command::Study(StudyCommand::DeleteNote(1)));
    h.run_steps(30);
    assert_eq!(h.state().study().desk.session.study.notes.len(), 1);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
}

#[test]
fn a_damaged_study_is_moved_aside_and_the_newest_backup_offered() {
    let dir = fixture();
    let path = study_path(dir.path());
    {
        let mut h = open(dir.path());
        select(&mut h, Side::Left, "The nuclear talks continue.");
        h.key_press(Key::Num1);
        h.run_steps(2);
        wait_saved(&mut h);
        select(&mut h, Side::Right, "advisers in Iraq");
        h.key_press(Key::Num2);
        h.run_steps(2);
        wait_saved(&mut h); // the first version is now a backup
    }
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() / 2]).unwrap(); // truncated
    let mut h = open(dir.path());
    let Some(Problem::Corrupt(store::Damaged {
        moved_to,
        line,
        backup,
        ..
    })) = h.state().study().desk.session.problem.clone()
    else {
        panic!("{:?}", h.state().study().desk.session.problem);
    };
    assert!(line > 1);
    assert!(moved_to.to_string_lossy().contains(".corrupt-") && moved_to.is_file());
    assert!(!path.exists(), "moved aside, not overwritten");
    assert!(backup.is_some());
    let (state, warn) = h.state().study().state_text();
    assert!(
        !state.contains("saved") || state.contains("not saved"),
        "the status must not say the study is saved: {state}"
    );
    assert!(warn);
    h.get_by_label_contains(&format!("line {line}, column"));
    h.get_by_label("Restore the newest backup").click();
    h.run_steps(3);
    let s = &h.state().study().desk.session;
    assert!(s.problem.is_none());
    assert_eq!(s.study.notes.len(), 1, "the backup holds the first version");
    wait_saved(&mut h);
    assert!(path.is_file());
}

/// A coded passage saved; another coded but not yet saved when another program rewrites
/// the study file with `theirs`: the app stops and asks.
fn conflict(
    h: &mut Harness<'_, App>,
    path: &Path,
    theirs: impl FnOnce(&mut parallax::notes::model::Study),
) {
    select(h, Side::Left, "The nuclear talks continue.");
    h.key_press(Key::Num1);
    h.run_steps(2);
    wait_saved(h);
    select(h, Side::Right, "advisers in Iraq");
    h.key_press(Key::Num2);
    h.step();
    let mut study = store::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    theirs(&mut study);
    std::fs::write(path, study.to_ron()).unwrap();
    common::step_until(h, 400, |app| app.study().desk.session.problem.is_some());
    assert_eq!(
        h.state().study().desk.session.problem,
        Some(Problem::Conflict)
    );
    h.run_steps(2);
}

/// The copies of the study `path` kept as `kind` (`theirs`, `mine`) beside it.
fn copies_of(path: &Path, kind: &str) -> Vec<PathBuf> {
    std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .contains(&format!(".{kind}-"))
        })
        .map(|e| e.path())
        .collect()
}

#[test]
fn a_change_on_disk_under_unsaved_notes_asks_and_keeps_both() {
    let dir = fixture();
    let path = study_path(dir.path());
    let mut h = open(dir.path());
    // The reader codes another passage; before it is saved, a sync tool writes another version.
    conflict(&mut h, &path, |theirs| {
        theirs.title = "Edited elsewhere".into()
    });
    assert_eq!(
        store::parse(&std::fs::read_to_string(&path).unwrap())
            .unwrap()
            .title,
        "Edited elsewhere",
        "not overwritten"
    );
    h.get_by_label_contains("was changed by another program");
    h.get_by_label("Keep mine").click();
    h.run_steps(2);
    wait_saved(&mut h);
    let saved = store::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved.notes.len(), 2, "mine went on");
    let copies = copies_of(&path, "theirs");
    assert_eq!(copies.len(), 1, "theirs was kept as a copy");
    let copy = store::parse(&std::fs::read_to_string(&copies[0]).unwrap()).unwrap();
    assert_eq!(copy.title, "Edited elsewhere");
}

#[test]
fn reading_the_version_on_disk_keeps_mine_as_a_copy() {
    let dir = fixture();
    let path = study_path(dir.path());
    let mut h = open(dir.path());
    // An unsaved change here, then another program rewrites the file before the autosave.
    conflict(&mut h, &path, |theirs| theirs.notes.clear());
    h.get_by_label("Read the one on disk").click();
    h.run_steps(3);
    assert!(
        h.state().study().desk.session.study.notes.is_empty(),
        "theirs is in use"
    );
    let mine = copies_of(&path, "mine");
    assert_eq!(mine.len(), 1, "mine was kept as a copy");
    let copy = store::parse(&std::fs::read_to_string(&mine[0]).unwrap()).unwrap();
    assert_eq!(copy.notes.len(), 2, "mine was kept as a copy");
}

#[test]
fn an_unwritable_place_keeps_notes_in_memory_and_offers_save_as() {
    let dir = fixture();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut h = open_with(dir.path(), dialogs.clone());
    // A study whose folder cannot exist (its parent is a file).
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    h.state_mut().push(Command::Study(StudyCommand::OpenStudy(
        blocker.join("study.ron"),
    )));
    h.run_steps(2);
    assert!(matches!(
        h.state().study().desk.session.problem,
        Some(Problem::Unwritable { .. })
    ));
    select(&mut h, Side::Left, "The nuclear talks continue.");
    h.key_press(Key::Num1);
    h.run_steps(90);
    assert_eq!(
        h.state().study().desk.session.study.notes.len(),
        1,
        "kept in memory"
    );
    h.get_by_label_contains("Notes cannot be saved to");
    // Quitting now could not save them there: they are rescued to the data folder.
    let data = tempfile::tempdir().unwrap();
    let copy = h.state().study().rescue(Some(data.path())).unwrap();
    assert!(copy.starts_with(data.path()), "{copy:?}");
    assert_eq!(
        store::parse(&std::fs::read_to_string(&copy).unwrap())
            .unwrap()
            .notes
            .len(),
        1
    );
    let target = dir.path().join("elsewhere.ron");
    *dialogs.answer.lock().unwrap() = Some(target.clone());
    h.get_by_label("Save study as…").click();
    common::step_until(&mut h, 100, |app| app.dialog().is_none() && target.exists());
    assert_eq!(
        dialogs.asked.lock().unwrap().as_slice(),
        [DialogKind::SaveStudy]
    );
    assert!(h.state().study().desk.session.problem.is_none());
    let saved = store::parse(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(saved.notes.len(), 1);
    // The folder remembers its study.
    let key = std::fs::canonicalize(dir.path())
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(h.state().settings().studies.get(&key), Some(&target));
}

#[test]
fn open_study_and_export_through_the_dialogs() {
    let dir = fixture();
    let other = dir.path().join("other-study.ron");
    {
        let mut s = parallax::notes::session::Session::open(&other);
        s.add_note(parallax::notes::session::NewNote {
            kind: NoteKind::Question,
            target: Target::Study,
            text: "Who benefits?".into(),
            codes: vec![],
        })
        .unwrap();
        let disk = store::save(&other, &s.study, s.disk.as_ref()).unwrap();
        s.saved(s.generation, disk);
    }
    let dialogs = Arc::new(FakeDialogs::default());
    let mut h = open_with(dir.path(), dialogs.clone());
    *dialogs.answer.lock().unwrap() = Some(other.clone());
    h.state_mut()
        .push(Command::Study(StudyCommand::OpenStudyDialog));
    settle(&mut h);
    assert_eq!(
        h.state().study().desk.session.path.as_deref(),
        Some(other.as_path())
    );
    assert_eq!(
        h.state().study().desk.session.study.notes[0].text,
        "Who benefits?"
    );
    note_on(&mut h, Side::Left, "only communicating", "Minimising verb.");
    let md = dir.path().join("notes.md");
    *dialogs.answer.lock().unwrap() = Some(md.clone());
    h.state_mut()
        .push(Command::Study(StudyCommand::ExportNotesDialog(
            parallax::notes::export::Grouping::ByArticle,
        )));
    settle(&mut h);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("> only communicating"), "{text}");
    assert!(text.contains("Minimising verb."));
    assert!(
        text.contains("Kerry denies coordination"),
        "article titles, not file names"
    );
    assert!(text.contains("Who benefits?"));
    // An export saved into the article folder, under any name, never becomes an article:
    // the folder watcher does not offer it, and reading the folder again skips it.
    let corpus = h.state().corpus().unwrap().clone();
    assert!(corpus.changes(std::slice::from_ref(&md)).is_empty());
    let again = parallax::corpus::load_folder(
        &corpus.root,
        &parallax::corpus::LoadOptions::default(),
        |_| {},
        &std::sync::atomic::AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(again.documents.len(), corpus.documents.len());
    let skipped = again
        .skipped
        .iter()
        .find(|s| s.rel_path == "notes.md")
        .expect("the export is listed as skipped");
    assert!(skipped.reason.to_string().contains("written by Parallax"));
}

#[test]
fn clicking_a_link_in_the_list_scrolls_both_panes_to_its_passages() {
    // Long articles: the linked passages sit far below the first screen.
    let filler = "A paragraph about something else entirely, long enough to wrap. ".repeat(4);
    let long = |title: &str, end: &str| {
        let mut t = format!("{title}\n\n");
        for _ in 0..80 {
            t.push_str(&filler);
            t.push_str("\n\n");
        }
        t.push_str(end);
        t
    };
    let dir = common::folder(&[
        (
            "a.txt",
            &long("Left long", "Kerry denied any coordination with Tehran."),
        ),
        (
            "b.txt",
            &long(
                "Right long",
                "Officials admit the two are working in coordination.",
            ),
        ),
    ]);
    let mut h = open(dir.path());
    let left = select(&mut h, Side::Left, "denied any coordination");
    let right = select(&mut h, Side::Right, "working in coordination");
    h.key_press(Key::K);
    h.run_steps(3);
    h.get_by_label("Note text")
        .type_text("Denial against admission.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(3);
    // Both panes back at the top, the passages off screen.
    for pane in Side::BOTH {
        let v = h.state_mut().panes_mut()[pane].view.as_mut().unwrap();
        v.scroll_to(0, 0.0);
    }
    h.run_steps(20);
    let shown = |h: &mut Harness<'_, App>, pane: Side| {
        h.state_mut().panes_mut()[pane]
            .view
            .as_mut()
            .unwrap()
            .visible_span()
            .unwrap()
    };
    assert!(
        shown(&mut h, Side::Left).end < left.start && shown(&mut h, Side::Right).end < right.start
    );
    h.state_mut().push(Command::View(ViewCommand::ShowNotes));
    h.run_steps(3);
    // The row in the list (the note's text is also a label inside it).
    h.get(
        egui_kittest::kittest::By::new()
            .role(egui::accesskit::Role::ListItem)
            .label_contains("Denial against admission"),
    )
    .click();
    h.run_steps(30);
    let (l, r) = (shown(&mut h, Side::Left), shown(&mut h, Side::Right));
    assert!(
        l.start <= left.start && left.end <= l.end,
        "left passage on screen: {l:?} {left:?}"
    );
    assert!(
        r.start <= right.start && right.end <= r.end,
        "right passage on screen: {r:?} {right:?}"
    );
}

#[test]
fn a_word_double_clicked_in_the_right_pane_takes_a_note() {
    let dir = fixture();
    let mut h = open(dir.path());
    // Start with the left pane in focus, as after working there.
    select(&mut h, Side::Left, "only communicating");
    let rect = h
        .get_by_role_and_label(
            egui::accesskit::Role::Document,
            "Right article: Iran and the U.S. on the same side",
        )
        .rect();
    let p = egui::Pos2::new(rect.min.x + 30.0, rect.min.y + 16.0);
    h.hover_at(p);
    h.run_steps(1);
    // Quick clicks, as a real mouse makes them: each press and release in one frame.
    for _ in 0..2 {
        common::click_at(&mut h, p);
        h.run_steps(1);
    }
    h.run_steps(2);
    let word = h.state().panes()[Side::Right]
        .view
        .as_ref()
        .unwrap()
        .selected_text();
    assert!(!word.is_empty() && !word.contains(' '), "{word:?}");
    assert_eq!(h.state().focus(), Side::Right);
    h.key_press(Key::N);
    h.run_steps(3);
    let draft = h.state().study().draft.clone().expect("the editor opens");
    match draft.target {
        parallax::ui::study::DraftTarget::Passage(a) => assert_eq!(a.exact, word),
        other => panic!("{other:?}"),
    }
}

#[test]
fn text_typed_in_the_frame_that_sees_ctrl_enter_is_in_the_note() {
    let dir = fixture();
    let mut h = open(dir.path());
    for (i, words) in ["k", "kil", "kill note", "the last words typed"]
        .iter()
        .enumerate()
    {
        select(&mut h, Side::Left, "Israel warned against concessions");
        h.key_press(Key::N);
        h.run_steps(3);
        assert!(h.state().study().draft.is_some());
        // Fast typing: the characters and Ctrl+Enter arrive in one frame.
        let input = h.input_mut();
        for c in words.chars() {
            input.events.push(egui::Event::Text(c.to_string()));
        }
        input.events.push(egui::Event::Key {
            key: Key::Enter,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::COMMAND,
        });
        h.step();
        h.run_steps(3);
        assert!(
            h.state().study().draft.is_none(),
            "Ctrl+Enter saved the note"
        );
        let notes = &h.state().study().desk.session.study.notes;
        assert_eq!(notes.len(), i + 1);
        assert_eq!(
            notes[i].text, *words,
            "every character typed is in the note"
        );
    }
}

#[test]
fn notes_that_shared_an_id_are_all_listed_with_their_own_buttons() {
    let dir = fixture();
    let note = |id: u64, text: &str| {
        format!(
            r#"(id: {id}, created: "2026-11-01T10:00:00Z", updated: "2026-11-01T10:00:00Z", kind: Observation, target: Study, text: "{text}"),"#
        )
    };
    let study = format!(
        "(version: 1, notes: [{}{}{}])",
        note(3, "Merged from Ann"),
        note(3, "Merged from Ben"),
        note(3, "Merged from Cleo"),
    );
    std::fs::write(dir.path().join(DEFAULT_NAME), study).unwrap();
    let mut h = open(dir.path());
    // The reader is told, and no note is hidden.
    h.get_by_label_contains("shared an id with another");
    h.get_by_label("Notes (3)").click();
    h.run_steps(4);
    for who in ["Ann", "Ben", "Cleo"] {
        let row = format!("Merged from {who}");
        h.get(
            egui_kittest::kittest::By::new()
                .role(egui::accesskit::Role::ListItem)
                .label_contains(&row),
        )
        .click();
        h.run_steps(3);
        // The row's own Edit button (the other "Edit" is the menu).
        let edits: Vec<_> = h.get_all_by_label("Edit").collect();
        assert_eq!(edits.len(), 2, "the menu and this row's button");
        assert!(h.query_by_label("Delete").is_some());
        edits[1].click();
        h.run_steps(3);
        let draft = h.state().study().draft.clone().expect("the editor opens");
        assert_eq!(draft.text, row, "Edit opens this note, not another");
        h.key_press(Key::Escape);
        h.run_steps(2);
    }
    let ids: std::collections::BTreeSet<u64> = h
        .state()
        .study()
        .desk
        .session
        .study
        .notes
        .iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(ids.len(), 3);
}

#[test]
fn a_big_study_opens_on_a_worker_thread_while_the_window_paints() {
    use parallax::notes::model::{Note, Study};
    let dir = fixture();
    let path = dir.path().join(DEFAULT_NAME);
    let long = "words of a long note ".repeat(40);
    let study = Study {
        notes: (1..=5000)
            .map(|id| {
                Arc::new(Note {
                    id,
                    created: jiff::Timestamp::UNIX_EPOCH,
                    updated: jiff::Timestamp::UNIX_EPOCH,
                    kind: NoteKind::Observation,
                    target: Target::Study,
                    text: format!("{id}: {long}"),
                    codes: vec![],
                    review: None,
                    author: String::new(),
                })
            })
            .collect(),
        ..Default::default()
    };
    std::fs::write(&path, study.to_ron()).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > parallax::notes::desk::OPEN_IN_BACKGROUND);
    let launch = parallax::ui::Launch {
        folder: Some(dir.path().to_owned()),
        ..Default::default()
    };
    let mut h = common::harness(launch, Arc::new(FakeDialogs::default()), [1200.0, 800.0]);
    // Frames go on while it loads: the articles are shown and the status says how far the
    // study is; edits wait until it is in.
    let mut frames_while_opening = 0;
    let mut articles_shown_while_opening = false;
    let mut said = String::new();
    for _ in 0..4000 {
        h.step();
        let app = h.state();
        if app.study().opening.is_some() {
            frames_while_opening += 1;
            articles_shown_while_opening |= app.panes()[Side::Left].view.is_some();
            said = app.study().state_text().0;
        } else if app.study().desk.session.study.notes.len() == 5000 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(frames_while_opening > 0, "it was opened on a worker thread");
    assert!(articles_shown_while_opening);
    assert!(said.starts_with("Opening the study"), "{said}");
    let s = &h.state().study().desk.session;
    assert!(!s.read_only, "writable once it is in: {:?}", s.problem);
    assert_eq!(s.study.note(4321).unwrap().text, format!("4321: {long}"));
}

#[test]
fn keeping_the_whole_page_is_remembered_in_the_study_and_undone() {
    let para = "The foreign ministers met in Paris on Monday to discuss the threat posed by the militants in Iraq and Syria, and the talks went on late into the night.";
    let page = format!(
        "<html><head><title>Talks</title></head><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World news today</a></li></ul></nav><article><h1>Talks in Paris</h1><p>{para}</p><p>{para} More.</p><p>{para} Again.</p></article><div class=\"related\"><h3>Related stories you may like</h3><ul><li><a href=\"/x\">Ten things about cats you never knew</a></li></ul></div></body></html>"
    );
    let dir = common::folder(&[("a.txt", common::A), ("page.html", &page)]);
    let path = study_path(dir.path());
    {
        let mut h = open(dir.path());
        let doc_of = |h: &Harness<'_, App>| {
            h.state().panes()[Side::Right]
                .view
                .as_ref()
                .unwrap()
                .doc()
                .clone()
        };
        let before = doc_of(&h);
        assert_eq!(before.source.rel_path, "page.html");
        let cut = before.blocks().iter().filter(|b| b.cut).count();
        assert!(
            cut >= 2,
            "the menu and the related links are page furniture"
        );
        h.state_mut()
            .push(Command::Study(StudyCommand::KeepWholePage(
                Side::Right,
                true,
            )));
        h.run_steps(3);
        let whole = doc_of(&h);
        assert!(whole.blocks().iter().all(|b| !b.cut));
        assert!(whole.words.article > before.words.article);
        assert_eq!(whole.text, before.text, "the same text: anchors hold");
        wait_saved(&mut h);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("whole_page: true")
        );
        // Undo brings the cut back; redo keeps the whole page again.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(3);
        assert!(doc_of(&h).blocks().iter().any(|b| b.cut));
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run_steps(3);
        assert!(doc_of(&h).blocks().iter().all(|b| !b.cut));
        wait_saved(&mut h);
    }
    // Opened again, the page is shown whole.
    let h = open(dir.path());
    let doc = h.state().panes()[Side::Right]
        .view
        .as_ref()
        .unwrap()
        .doc()
        .clone();
    assert!(doc.extraction.is_some_and(|e| e.whole_page));
}

#[test]
fn study_history_lists_versions_and_restores_one_that_undo_takes_back() {
    let dir = fixture();
    let path = study_path(dir.path());
    {
        let mut s = parallax::notes::session::Session::open(&path);
        for text in ["first", "second", "third"] {
            s.add_note(parallax::notes::session::NewNote {
                kind: NoteKind::Question,
                target: Target::Study,
                text: text.into(),
                codes: vec![],
            })
            .unwrap();
            let disk = store::save(&path, &s.study, s.disk.as_ref()).unwrap();
            s.saved(s.generation, disk);
        }
    }
    let mut h = open(dir.path());
    h.state_mut()
        .push(Command::Study(StudyCommand::ShowHistory));
    h.run_steps(4);
    h.get_by_label_contains("— 2 notes, 0 links");
    h.get_by_label_contains("— 1 note, 0 links").click();
    h.run_steps(3);
    h.get_by_label_contains("only in the study: second");
    h.get_by_label("Restore this version").click();
    h.run_steps(4);
    let texts = |h: &Harness<'_, App>| {
        h.state()
            .study()
            .desk
            .session
            .study
            .notes
            .iter()
            .map(|n| n.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&h), ["first"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(texts(&h), ["first", "second", "third"]);
}

#[test]
fn file_export_writes_a_refi_qda_project_of_the_notes() {
    let dir = fixture();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut h = open_with(dir.path(), dialogs.clone());
    note_on(&mut h, Side::Left, "only communicating", "Minimising verb.");
    let out = dir.path().join("class.qdpx");
    *dialogs.answer.lock().unwrap() = Some(out.clone());
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Export").hover();
    h.run_steps(3);
    h.get_by_label("REFI-QDA project (.qdpx)…").click();
    settle(&mut h);
    assert_eq!(
        dialogs.asked.lock().unwrap().last(),
        Some(&DialogKind::ExportProject)
    );
    let status = h.state().status().unwrap().text.clone();
    assert!(
        status.contains("Exported a REFI-QDA project") && status.contains("1 passage, 1 note"),
        "{status}"
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut qde = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("project.qde").unwrap(), &mut qde).unwrap();
    assert!(qde.contains("<PlainTextContent>Minimising verb.</PlainTextContent>"));
    assert!(
        qde.contains("name=\"Kerry denies coordination\""),
        "titles name the sources"
    );
}

#[test]
fn file_export_study_report_writes_one_web_page_of_the_two_open_articles() {
    let dir = fixture();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut h = open_with(dir.path(), dialogs.clone());
    note_on(&mut h, Side::Left, "only communicating", "Minimising verb.");
    let out = dir.path().join("report.html");
    *dialogs.answer.lock().unwrap() = Some(out.clone());
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Export study report…").click();
    settle(&mut h);
    assert_eq!(
        dialogs.asked.lock().unwrap().last(),
        Some(&DialogKind::ExportReport)
    );
    let status = h.state().status().unwrap().text.clone();
    assert!(status.contains("Wrote the study report"), "{status}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<blockquote>only communicating</blockquote>"));
    assert!(html.contains("<p>Minimising verb.</p>"));
    // Both articles' cards, by their titles.
    for title in [
        "Kerry denies coordination",
        "Iran and the U.S. on the same side",
    ] {
        assert!(html.contains(&format!("<h3>{title}</h3>")), "{title}");
    }
}

#[test]
fn file_import_merges_a_project_offers_the_missing_article_and_undo_takes_it_back() {
    // A project from another copy of the folder that has a third article.
    let from = common::folder(&[
        ("a.txt", common::A),
        ("b.txt", common::B),
        ("c.txt", "Third article\n\nTehran answered at once.\n"),
    ]);
    let corpus = parallax::corpus::LoadJob::spawn(
        from.path().to_owned(),
        parallax::corpus::LoadOptions::default(),
        || {},
    )
    .wait()
    .unwrap();
    // The project's one code is new to the folder's codebook.
    let mut book = parallax::analysis::codebook::Codebook::default();
    book.frames.push(parallax::analysis::codebook::Frame {
        id: "fresh".into(),
        name: "A fresh code".into(),
        ..Default::default()
    });
    let mut study = parallax::notes::model::Study {
        codebook: Some(book),
        ..Default::default()
    };
    for (i, (doc, quote, text)) in [
        (0, "only communicating", "Minimising verb."),
        (2, "answered", "Answered whom?"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut n = common::passage_note(
            &corpus,
            i as u64 + 1,
            doc,
            quote,
            NoteKind::Observation,
            text,
        );
        n.codes = vec!["fresh".into()];
        study.notes.push(Arc::new(n));
    }
    let titles = parallax::exchange::titles(&study, &corpus);
    let project = parallax::exchange::qdpx::project(&study, &corpus, &titles, "Ada", "P").unwrap();
    let qdpx = from.path().join("p.qdpx");
    std::fs::write(&qdpx, parallax::exchange::qdpx::to_qdpx(&project).unwrap()).unwrap();

    let dir = fixture();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut h = open_with(dir.path(), dialogs.clone());
    *dialogs.answer.lock().unwrap() = Some(qdpx.clone());
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Import REFI-QDA project…").click();
    settle(&mut h);
    let notes = &h.state().study().desk.session.study.notes;
    assert_eq!(notes.len(), 1, "the note on the article the folder has");
    let has_fresh = |h: &Harness<'_, App>| {
        h.state()
            .lens()
            .book()
            .book
            .frames()
            .iter()
            .any(|f| f.name == "A fresh code")
    };
    assert!(has_fresh(&h), "the project's code is a frame in use");
    assert_eq!(notes[0].anchor().unwrap().exact, "only communicating");
    h.get_by_label_contains("“Third article” is not among the folder's articles");
    h.get_by_label("Add the 1 source as article of this folder and import its notes")
        .click();
    assert!(common::step_until(&mut h, 600, |app| app
        .study()
        .desk
        .session
        .study
        .notes
        .len()
        == 2));
    let third = h.state().study().desk.session.study.notes[1].clone();
    let a = third.anchor().unwrap();
    assert_eq!(
        (a.exact.as_str(), third.text.as_str()),
        ("answered", "Answered whom?")
    );
    assert!(dir.path().join(&a.article).is_file(), "{}", a.article);
    assert!(h.state().corpus().unwrap().find(&a.article).is_some());
    // Each import is one step that undo takes back whole.
    h.state_mut().push(Command::Study(StudyCommand::Undo));
    h.run_steps(2);
    assert_eq!(h.state().study().desk.session.study.notes.len(), 1);
    h.state_mut().push(Command::Study(StudyCommand::Undo));
    h.run_steps(2);
    assert!(h.state().study().desk.session.study.notes.is_empty());
    h.run_steps(4);
    assert!(!has_fresh(&h), "undoing the import takes its code back");
}

#[test]
fn two_coders_sign_merge_and_see_where_they_disagree() {
    let dir = fixture();
    let dialogs = Arc::new(FakeDialogs::default());
    let mut h = open_with(dir.path(), dialogs.clone());
    // Ana names herself once; her codings are signed with it.
    h.get_by_label("Edit").click();
    h.run_steps(3);
    h.get_by_label("Your name as coder…").click();
    h.run_steps(3);
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text("Ana");
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.query_by_label("Save").is_none(), "Enter saves and closes");
    assert_eq!(h.state().settings().coder, "Ana");
    select(&mut h, Side::Left, "denied that Washington");
    h.key_press(Key::Num1);
    h.run_steps(2);
    select(&mut h, Side::Left, "Israel warned");
    h.key_press(Key::Num1);
    h.run_steps(2);
    let notes = &h.state().study().desk.session.study.notes;
    assert_eq!(notes.len(), 2);
    assert!(notes.iter().all(|n| n.author == "Ana"), "{notes:?}");
    // Ben coded the same articles in his own copy of the folder.
    let ben_dir = tempfile::tempdir().unwrap();
    let corpus = parallax::corpus::LoadJob::spawn(
        dir.path().to_owned(),
        parallax::corpus::LoadOptions::default(),
        || {},
    )
    .wait()
    .unwrap();
    // The code Ana used (key 1: the first frame of the codebook in use).
    let first_frame = notes[0].codes[0].clone();
    let mut ben = parallax::notes::model::Study::default();
    for (i, quote) in ["John Kerry denied", "The nuclear talks continue"]
        .into_iter()
        .enumerate()
    {
        let mut n = common::passage_note(&corpus, i as u64 + 1, 0, quote, NoteKind::Coding, "");
        n.codes = vec![first_frame.clone()];
        n.author = "Ben".into();
        ben.notes.push(Arc::new(n));
    }
    let ben_file = ben_dir.path().join("ben.ron");
    parallax::notes::store::save(&ben_file, &ben, None).unwrap();

    // File → Merge study… brings Ben's codings in, signed with his name, as one step.
    *dialogs.answer.lock().unwrap() = Some(ben_file.clone());
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Merge study…").click();
    settle(&mut h);
    let authors: Vec<String> = h
        .state()
        .study()
        .desk
        .session
        .study
        .notes
        .iter()
        .map(|n| n.author.clone())
        .collect();
    assert_eq!(authors, ["Ana", "Ana", "Ben", "Ben"]);

    // Comparison → Agreement: one code, the Kerry sentence both, one sentence each alone.
    h.get_by_label("Agreement").click();
    h.run_steps(4);
    h.get_by_label("Where they differ (2)");
    h.get_by_label_contains("Ben only");
    let marks = h
        .state()
        .comparison()
        .pane_marks(
            &h.state().panes()[Side::Left]
                .view
                .as_ref()
                .unwrap()
                .doc()
                .clone(),
            false,
        )
        .expect("the disagreements are marked in the pane");
    assert_eq!(marks.iter().count(), 2);
    // A click shows the unit in the pane, selected.
    h.get_by_label("Israel warned against concessions.").click();
    h.run_steps(3);
    let view = h.state().panes()[Side::Left].view.as_ref().unwrap();
    let sel = view.selection().expect("the unit is selected");
    assert_eq!(&view.doc().text[sel], "Israel warned against concessions.");
    // Sentences or paragraphs: the second paragraph is one unit both touched.
    h.get_by_label("Paragraphs").click();
    h.run_steps(3);
    h.get_by_label("Where they differ (0)");

    // The merge is one step: undo takes all of Ben's notes back.
    h.state_mut().push(Command::Study(StudyCommand::Undo));
    h.run_steps(2);
    assert_eq!(h.state().study().desk.session.study.notes.len(), 2);
}

/// The worksheet of the article shown in `pane` (empty when nothing is answered yet).
fn worksheet_in(h: &Harness<'_, App>, pane: Side) -> parallax::notes::worksheet::Worksheet {
    let app = h.state();
    let rel = &app.panes()[pane]
        .view
        .as_ref()
        .unwrap()
        .doc()
        .source
        .rel_path;
    app.study()
        .desk
        .session
        .worksheet(rel)
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_worksheet_answer_cites_a_passage_moves_the_coded_profile_and_undoes() {
    use parallax::notes::worksheet::{self, Verdict};
    let dir = fixture();
    let mut h = open(dir.path());
    h.get_by_label("Worksheet").click();
    h.run_steps(4);
    let book = h.state().lens().book().book.book.clone();
    let questions = worksheet::questions(&book);
    let q = questions
        .iter()
        .find(|q| q.kind == worksheet::Kind::Indicator)
        .expect("the codebook asks indicator questions")
        .clone();
    let frame = q.frame.unwrap();
    let left = |h: &Harness<'_, App>| worksheet_in(h, Side::Left);
    let total = questions.len();
    h.get_by_label(&format!("Kerry denies coordination: 0 of {total} answered"));

    // W before any question is picked says what to do.
    select(
        &mut h,
        Side::Left,
        "denied that Washington would coordinate",
    );
    h.key_press(Key::W);
    h.run_steps(2);
    assert!(left(&h).is_empty());

    // "yes" for the left article on the first indicator question: the first "yes" button.
    h.get_all_by_label("yes").next().unwrap().scroll_to_me();
    h.run_steps(3);
    h.get_all_by_label("yes").next().unwrap().click();
    h.run_steps(3);
    assert_eq!(
        left(&h).get(&q.key).and_then(|a| a.verdict),
        Some(Verdict::Yes)
    );
    assert_eq!(
        worksheet::coded_profile(&book, &left(&h))[frame].share,
        Some(1.0),
        "the coded profile counts the answer"
    );
    h.get_by_label(&format!("Kerry denies coordination: 1 of {total} answered"));

    // W now cites the selection in that question's answer.
    select(
        &mut h,
        Side::Left,
        "denied that Washington would coordinate",
    );
    h.key_press(Key::W);
    h.run_steps(3);
    let cites = left(&h).get(&q.key).unwrap().citations.clone();
    assert_eq!(cites.len(), 1);
    assert_eq!(cites[0].exact, "denied that Washington would coordinate");

    // Clicking the citation shows it in its pane, selected.
    h.state_mut()
        .push(Command::View(ViewCommand::ClearSelection));
    h.run_steps(2);
    h.get_by_label("\u{201c}denied that Washington would coordinate\u{201d}")
        .scroll_to_me();
    h.run_steps(3);
    h.get_by_label("\u{201c}denied that Washington would coordinate\u{201d}")
        .click();
    h.run_steps(3);
    let view = h.state().panes()[Side::Left].view.as_ref().unwrap();
    let sel = view.selection().expect("the cited passage is selected");
    assert_eq!(
        &view.doc().text[sel],
        "denied that Washington would coordinate"
    );

    // The saved study holds it; undo takes the citation, then the answer back.
    wait_saved(&mut h);
    let saved = std::fs::read_to_string(study_path(dir.path())).unwrap();
    assert!(saved.contains("denied that Washington would coordinate") && saved.contains("Yes"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(left(&h).get(&q.key).unwrap().citations.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert!(left(&h).is_empty());
    assert_eq!(
        worksheet::coded_profile(&book, &left(&h))[frame].share,
        None
    );
    h.get_by_label(&format!("Kerry denies coordination: 0 of {total} answered"));
}

#[test]
fn dragging_the_selected_passage_onto_an_answer_cites_it_there_and_only_in_its_own_column() {
    let dir = fixture();
    let mut h = open(dir.path());
    h.get_by_label("Worksheet").click();
    h.run_steps(4);
    let book = h.state().lens().book().book.book.clone();
    let first = parallax::notes::worksheet::questions(&book)[0].key.clone();
    let cites = |h: &Harness<'_, App>, pane: Side| {
        worksheet_in(h, pane)
            .get(&first)
            .map(|a| a.citations.clone())
            .unwrap_or_default()
    };
    let phrase = "denied that Washington would coordinate";
    let grab = |h: &mut Harness<'_, App>| {
        let span = select(h, Side::Left, phrase);
        h.run_steps(2);
        h.state().panes()[Side::Left]
            .view
            .as_ref()
            .unwrap()
            .span_end_screen_rect(&span)
            .expect("the selected passage is on screen")
            .center()
    };
    // The first question's "Cite selection" buttons, left column first: drop targets inside
    // the two answer cells.
    let targets = |h: &mut Harness<'_, App>| {
        h.get_all_by_label("Cite selection")
            .next()
            .unwrap()
            .scroll_to_me();
        h.run_steps(3);
        let mut b: Vec<egui::Rect> = h
            .get_all_by_label("Cite selection")
            .map(|n| n.rect())
            .collect();
        b.sort_by(|a, b| {
            a.min
                .y
                .total_cmp(&b.min.y)
                .then(a.min.x.total_cmp(&b.min.x))
        });
        [b[0].center(), b[1].center()]
    };

    // Dropped on the right article's answer, a passage of the left article is not cited.
    let [left_cell, right_cell] = targets(&mut h);
    let from = grab(&mut h);
    assert!(left_cell.x < right_cell.x);
    common::drag_select(&mut h, from, right_cell);
    assert!(cites(&h, Side::Left).is_empty() && cites(&h, Side::Right).is_empty());
    let view = h.state().panes()[Side::Left].view.as_ref().unwrap();
    assert_eq!(
        view.selection().map(|s| &view.doc().text[s]),
        Some(phrase),
        "dragging the passage out keeps it selected"
    );

    // Dropped on its own article's answer, it is cited there, once.
    let from = grab(&mut h);
    common::drag_select(&mut h, from, left_cell);
    let left = cites(&h, Side::Left);
    assert_eq!(left.len(), 1, "the drop cites the passage");
    assert_eq!(left[0].exact, phrase);
    assert!(cites(&h, Side::Right).is_empty());

    // A click inside the selection (no drag) puts the caret there and cites nothing.
    let from = grab(&mut h);
    common::click_at(&mut h, from);
    h.run_steps(2);
    let view = h.state().panes()[Side::Left].view.as_ref().unwrap();
    assert!(view.selection().is_none() && view.caret().is_some());
    assert_eq!(cites(&h, Side::Left).len(), 1);

    // Undo takes the dropped citation back, like every edit.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(cites(&h, Side::Left).is_empty());

    // With the worksheet out of sight, a drag that starts inside the selection selects anew.
    h.get_by_label("Summary").click();
    h.run_steps(3);
    let from = grab(&mut h);
    common::drag_select(&mut h, from, from + egui::vec2(0.0, 60.0));
    let view = h.state().panes()[Side::Left].view.as_ref().unwrap();
    let sel = view.selection().expect("the drag selected text");
    assert_ne!(
        &view.doc().text[sel],
        phrase,
        "a new selection, from where the drag began"
    );
}
