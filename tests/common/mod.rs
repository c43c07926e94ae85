//! What the window tests share: dialogs that answer with a prepared path, and stepping the
//! app until background work is done.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use std::sync::Arc;

use egui_kittest::Harness;
use parallax::ui::dialogs::{DialogKind, Dialogs};
use parallax::ui::{App, Launch};

/// Two short articles on the seeds' question, for the lens and notes tests.
pub const A: &str = "Kerry denies coordination\n\nBy Jane Roe\n\nSecretary of State John Kerry denied that Washington would coordinate with Tehran. “We are only communicating,” Kerry told NBC News.\n\nThe nuclear talks continue. Israel warned against concessions.\n";
pub const B: &str = "Iran and the U.S. on the same side\n\nBy Sam Poe\n\nThe United States and Iran share an enemy, a common threat. Iran has advisers in Iraq and the Revolutionary Guard is there.\n\nA senior official warned that “cooperation would be politically loaded.”\n";

/// A folder holding [`A`] as `a.txt` and [`B`] as `b.txt`.
pub fn two_articles() -> tempfile::TempDir {
    folder(&[("a.txt", A), ("b.txt", B)])
}

/// Dialogs that answer with a prepared path after `delay` (a person takes a moment to
/// choose), recording what was asked.
#[derive(Default)]
pub struct FakeDialogs {
    pub answer: Mutex<Option<PathBuf>>,
    pub asked: Mutex<Vec<DialogKind>>,
    pub delay: Duration,
}

impl FakeDialogs {
    pub fn slow() -> Self {
        Self {
            delay: Duration::from_millis(300),
            ..Default::default()
        }
    }
}

impl Dialogs for FakeDialogs {
    fn run(&self, kind: DialogKind, _: Option<&Path>, _: Option<&str>) -> Option<PathBuf> {
        self.asked.lock().unwrap().push(kind);
        std::thread::sleep(self.delay);
        self.answer.lock().unwrap().clone()
    }
}

/// Write `files` (name, text) into a new temporary folder.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The app in a window of `size` (CPU only), the UI clock at 60 frames a second.
pub fn harness(launch: Launch, dialogs: Arc<FakeDialogs>, size: [f32; 2]) -> Harness<'static, App> {
    harness_after(launch, dialogs, size, None)
}

/// [`harness`], the app taking up `early`, a reading of the launch folder begun before it.
pub fn harness_after(
    launch: Launch,
    dialogs: Arc<FakeDialogs>,
    size: [f32; 2],
    early: Option<parallax::ui::app::EarlyRead>,
) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |cc| App::new_after(&cc.egui_ctx, None, launch, dialogs, early))
}

/// The app opened on `folder`, settled.
pub fn open_folder(
    folder: &Path,
    dialogs: Arc<FakeDialogs>,
    size: [f32; 2],
) -> Harness<'static, App> {
    let launch = Launch {
        folder: Some(folder.to_owned()),
        ..Default::default()
    };
    let mut h = harness(launch, dialogs, size);
    settle(&mut h);
    h
}

/// Step, letting background threads run between frames, until `done` holds (true) or
/// `frames` have passed (false).
pub fn step_until(h: &mut Harness<'_, App>, frames: usize, done: impl Fn(&App) -> bool) -> bool {
    for _ in 0..frames {
        h.step();
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

/// Step until loading, dialogs and the framing analyses are done, then let the views
/// settle. Waiting for the analyses matters: the comparison panel fills in when they
/// arrive, and the panes' layout may move with it.
pub fn settle(h: &mut Harness<'_, App>) {
    step_until(h, 600, |s| {
        s.load().is_none() && s.dialog().is_none() && !s.analysing()
    });
    h.run_steps(8);
}

/// A quick click at `pos`, as a real mouse makes one: press and release in one frame.
pub fn click_at(h: &mut Harness<'_, App>, pos: egui::Pos2) {
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
}

/// Press at `from`, move to `to` in a few steps and release there (a drag-selection).
pub fn drag_select(h: &mut Harness<'_, App>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for i in 1..=4 {
        h.hover_at(from + (to - from) * (i as f32 / 4.0));
        h.run_steps(1);
    }
    h.drop_at(to);
    h.run_steps(2);
}

/// Note `id` of `kind` on the first `quote` in article `doc` of `corpus`, made at a fixed
/// time (1,800,000,000 s after the epoch).
pub fn passage_note(
    corpus: &parallax::corpus::Corpus,
    id: u64,
    doc: usize,
    quote: &str,
    kind: parallax::notes::model::NoteKind,
    text: &str,
) -> parallax::notes::model::Note {
    let d = &corpus.documents[doc];
    let at = d.text.find(quote).expect("the quote is in the article");
    parallax::notes::model::Note::new(
        id,
        kind,
        parallax::notes::model::Target::Passage(parallax::notes::anchor::anchor_for(
            d,
            at..at + quote.len(),
        )),
        text,
        jiff::Timestamp::from_second(1_800_000_000).unwrap(),
    )
}
