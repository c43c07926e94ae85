//! What the window tests share: dialogs that answer with a prepared path, and stepping the
//! app until background work is done.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use egui_kittest::Harness;
use parallax::ui::App;
use parallax::ui::dialogs::{DialogKind, Dialogs};

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

/// Step until loading, dialogs and the framing analyses are done, then let the views
/// settle. Waiting for the analyses matters: the comparison panel fills in when they
/// arrive, and the panes' layout may move with it.
pub fn settle(h: &mut Harness<'_, App>) {
    for _ in 0..600 {
        h.step();
        let s = h.state();
        if s.load.is_none() && s.dialog.is_none() && !s.lens.busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run_steps(8);
}
