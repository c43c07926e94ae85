//! A big folder in the window: its first articles show while the rest is read, its study
//! opens once everything is in, Stop keeps what was read, and a folder read again stays as
//! it was until the new reading is complete.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{FakeDialogs, settle, step_until};
use egui_kittest::Harness;
use parallax::ui::App;
use parallax::ui::Launch;
use parallax::ui::commands::{AppCommand, Command, StudyCommand};

const FILES: usize = 1500;

/// A folder of `FILES` articles of a few kilobytes, big enough that reading it takes many
/// frames, and a study with one note on its last article.
fn big_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..FILES {
        let body = format!(
            "Officials in article {i} said the talks with Iran went on while critics warned of pressure. "
        )
        .repeat(40);
        let text = format!("Article number {i:04}\n\n{body}\n\nThe last word of {i:04}.\n");
        std::fs::write(dir.path().join(format!("a{i:04}.txt")), text).unwrap();
    }
    let last = FILES - 1;
    let corpus = parallax::corpus::LoadJob::spawn(
        dir.path().to_owned(),
        parallax::corpus::LoadOptions::default(),
        || {},
    )
    .wait()
    .unwrap();
    let mut study = parallax::notes::model::Study::default();
    study.notes.push(Arc::new(common::passage_note(
        &corpus,
        1,
        last,
        &format!("The last word of {last:04}"),
        parallax::notes::model::NoteKind::Observation,
        "On the last article.",
    )));
    parallax::notes::store::save(&study_file(dir.path()), &study, None).unwrap();
    dir
}

fn study_file(folder: &Path) -> std::path::PathBuf {
    folder.join(parallax::notes::store::DEFAULT_NAME)
}

fn launch(folder: &Path) -> Harness<'static, App> {
    let launch = Launch {
        folder: Some(folder.to_owned()),
        ..Default::default()
    };
    common::harness(launch, Arc::new(FakeDialogs::default()), [1400.0, 900.0])
}

fn articles(h: &Harness<'_, App>) -> usize {
    h.state().corpus().map_or(0, |c| c.documents.len())
}

/// Step until part of the folder is shown while the rest is still being read.
fn until_part_shown(h: &mut Harness<'_, App>) {
    let shown = step_until(h, 400, |s| {
        s.load().is_some() && s.corpus().is_some_and(|c| !c.documents.is_empty())
    });
    assert!(shown, "part of the folder showed while it was read");
    assert!(articles(h) < FILES, "{} of {FILES} shown", articles(h));
}

#[test]
fn a_big_folder_shows_its_first_articles_at_once_and_its_notes_when_all_are_in() {
    let dir = big_folder();
    let before = std::fs::read(study_file(dir.path())).unwrap();
    let mut h = launch(dir.path());
    until_part_shown(&mut h);
    // Both panes show the first articles by name, readable while the rest comes in.
    let titles: Vec<String> = h
        .state()
        .panes()
        .iter()
        .map(|p| {
            p.view
                .as_ref()
                .map(|v| v.doc().title().to_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(titles, ["Article number 0000", "Article number 0001"]);
    // The study waits for the whole folder: no note is placed on a folder half read, and
    // a note cannot be written into it meanwhile.
    assert!(h.state().study().waiting);
    assert_eq!(
        h.state().study().state_text().0,
        "Notes open once the folder is read"
    );
    h.state_mut()
        .push(Command::Study(StudyCommand::AddStudyNote));
    h.step();
    let status = h
        .state()
        .status()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("once the folder is read"), "{status}");
    assert!(h.state().study().draft.is_none());
    // More articles appear as they are read.
    let first_part = articles(&h);
    let grew = step_until(&mut h, 2000, |s| {
        s.load().is_none() || s.corpus().is_some_and(|c| c.documents.len() > first_part)
    });
    assert!(grew);
    settle(&mut h);
    assert_eq!(articles(&h), FILES);
    let session = &h.state().study().desk.session;
    assert!(!h.state().study().waiting);
    assert_eq!(session.study.notes.len(), 1);
    assert!(
        !session.is_orphan(1),
        "the note on the last article is placed"
    );
    assert!(!session.read_only);
    assert_eq!(
        std::fs::read(study_file(dir.path())).unwrap(),
        before,
        "the study file was not touched while the folder was read"
    );
}

#[test]
fn stop_keeps_the_articles_read_so_far_and_opens_the_study_on_them() {
    let dir = big_folder();
    let mut h = launch(dir.path());
    until_part_shown(&mut h);
    h.state_mut().push(Command::App(AppCommand::CancelLoad));
    h.step();
    assert!(h.state().load().is_none());
    let read = articles(&h);
    assert!((2..FILES).contains(&read), "{read} articles kept");
    assert!(!h.state().study().waiting);
    let notices = &h.state().corpus().unwrap().notices;
    assert!(
        notices
            .iter()
            .any(|n| matches!(n, parallax::corpus::Notice::Stopped { read: r, total } if *r == read && *total == FILES)),
        "{notices:?}"
    );
    let status = h.state().status().unwrap();
    assert!(
        status.text.contains("reading was stopped after"),
        "{}",
        status.text
    );
    assert!(!status.error, "a stop asked for is not an error");
    // The note on the unread last article is kept, only not placed.
    let session = &h.state().study().desk.session;
    assert_eq!(session.study.notes.len(), 1);
    assert!(session.is_orphan(1));
}

#[test]
fn a_folder_read_again_stays_shown_whole_until_the_new_reading_is_complete() {
    let dir = big_folder();
    let mut h = launch(dir.path());
    settle(&mut h);
    assert_eq!(articles(&h), FILES);
    let corpus = h.state().corpus().unwrap().clone();
    h.state_mut().push(Command::App(AppCommand::Reload));
    h.step();
    assert!(h.state().load().is_some());
    let mut frames = 0;
    while h.state().load().is_some() && frames < 3000 {
        assert!(
            Arc::ptr_eq(h.state().corpus().unwrap(), &corpus),
            "the folder shown stays the one read before"
        );
        assert!(!h.state().study().waiting);
        assert_eq!(h.state().study().desk.session.study.notes.len(), 1);
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
        frames += 1;
    }
    assert!(frames > 0);
    settle(&mut h);
    assert_eq!(articles(&h), FILES);
    assert!(!h.state().study().desk.session.is_orphan(1));
}
