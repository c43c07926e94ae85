//! The framing lens in the window, driven like a user would (kittest, CPU only).

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{FakeDialogs, settle};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::ui::App;
use parallax::ui::commands::{LEFT, RIGHT};

fn fixture() -> tempfile::TempDir {
    common::two_articles()
}

fn open(folder: &Path, dialogs: Arc<FakeDialogs>) -> Harness<'static, App> {
    common::open_folder(folder, dialogs, [1500.0, 900.0])
}

/// Frame names with highlights in a pane.
fn highlighted_frames(h: &mut Harness<'_, App>, pane: usize) -> Vec<String> {
    let marks = h.state_mut().pane_marks(pane, false).unwrap();
    let mut names: Vec<String> = marks
        .iter()
        .filter_map(|m| m.tip.as_deref())
        .filter_map(|t| t.strip_prefix("Frame: "))
        .map(|t| t.lines().next().unwrap_or_default().to_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_issue_codebook_is_chosen_and_highlights_show() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    assert!(
        h.state().lens.book().book.book.name.starts_with("US–Iran"),
        "cue density picks the issue codebook"
    );
    let left = highlighted_frames(&mut h, LEFT);
    assert!(
        left.contains(&"Degree of engagement".to_owned()),
        "{left:?}"
    );
    assert!(left.contains(&"Linkage to the nuclear talks".to_owned()));
    let right = highlighted_frames(&mut h, RIGHT);
    assert!(
        right.contains(&"Shared threat, common interest".to_owned()),
        "{right:?}"
    );
    // Quotes are underlined with speaker and verb.
    let marks = h.state_mut().pane_marks(LEFT, false).unwrap();
    assert!(marks.iter().any(|m| {
        m.tip
            .as_deref()
            .is_some_and(|t| t.contains("Speaker: John Kerry") && t.contains("“told” — neutral"))
    }));
}

#[test]
fn toggling_a_frame_removes_its_highlights() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    assert!(highlighted_frames(&mut h, LEFT).contains(&"Degree of engagement".to_owned()));
    h.get_by_label_contains("Frames (").click();
    h.run_steps(2);
    h.get_by_label("Degree of engagement").click();
    h.run_steps(3);
    assert!(
        !highlighted_frames(&mut h, LEFT).contains(&"Degree of engagement".to_owned()),
        "its highlights are gone"
    );
    assert!(
        highlighted_frames(&mut h, LEFT).contains(&"Linkage to the nuclear talks".to_owned()),
        "other frames stay"
    );
    // The whole highlight layer off, then on again.
    h.key_press(egui::Key::Escape);
    h.run_steps(1);
    h.get_by_label("Highlights").click();
    h.run_steps(3);
    assert!(highlighted_frames(&mut h, LEFT).is_empty());
    h.get_by_label("Highlights").click();
    h.run_steps(3);
    assert!(!highlighted_frames(&mut h, LEFT).is_empty());
}

#[test]
fn clicking_a_bar_lists_its_passages_and_a_passage_jumps_there() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    h.run_steps(3);
    let frame = h
        .state()
        .lens
        .book()
        .book
        .frames()
        .iter()
        .position(|f| f.id == "nuclear-linkage")
        .unwrap();
    let (_, _, at) = *h
        .state()
        .profile_bars
        .iter()
        .find(|(f, p, _)| *f == frame && *p == LEFT)
        .unwrap();
    h.hover_at(at);
    h.run_steps(1);
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Default::default(),
    });
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Default::default(),
    });
    h.run_steps(3);
    assert_eq!(h.state().lens.selected_frame, Some(frame));
    // The passage list shows the left article's nuclear passage; clicking it scrolls there.
    h.get_by_label_contains("nuclear talks continue").click();
    h.run_steps(8);
    let view = h.state_mut().panes[LEFT].view.as_mut().unwrap();
    let target = view.doc().text.find("The nuclear talks").unwrap();
    let visible = view.visible_span().unwrap();
    assert!(visible.start <= target && target < visible.end);
}

#[test]
fn the_frame_matrix_lists_every_passage_and_jumps() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    h.get_by_label("Frame matrix").click();
    h.run_steps(2);
    h.get_by_label("Military involvement").click();
    h.run_steps(3);
    h.get_by_label_contains("Revolutionary Guard is there")
        .click();
    h.run_steps(8);
    let view = h.state_mut().panes[RIGHT].view.as_mut().unwrap();
    let target = view.doc().text.find("Revolutionary Guard").unwrap();
    let visible = view.visible_span().unwrap();
    assert!(visible.start <= target && target < visible.end);
}

#[test]
fn the_codebook_editor_applies_changes_live() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    h.get_by_label("Edit…").click();
    // A new window is laid out invisibly on its first frame.
    h.run_steps(4);
    h.get_by_label("Add frame").click();
    h.run_steps(2);
    h.get_by_label_contains("Cues (one per line").focus();
    h.run_steps(1);
    h.get_by_label_contains("Cues (one per line")
        .type_text("share an enemy");
    // Changes apply after a short pause in typing.
    for _ in 0..40 {
        h.step();
    }
    settle(&mut h);
    assert!(highlighted_frames(&mut h, RIGHT).contains(&"New frame".to_owned()));
    assert!(h.state().lens.book().modified);
}

#[test]
fn a_codebook_is_loaded_from_a_file_and_remembered_for_the_folder() {
    let dir = fixture();
    let book = dir.path().join("my.ron.codebook");
    std::fs::write(&book, r##"(version: 1, name: "Mine", frames: [(id: "w", name: "Warnings", color: "#ff0000", cues: ["warned"], questions: ["Warned?"])])"##).unwrap();
    let dialogs = Arc::new(FakeDialogs::slow());
    *dialogs.answer.lock().unwrap() = Some(book.clone());
    let mut h = open(dir.path(), dialogs);
    h.state_mut()
        .queue
        .push(parallax::ui::commands::Command::LoadCodebookDialog);
    settle(&mut h);
    assert_eq!(h.state().lens.book().book.book.name, "Mine");
    assert_eq!(highlighted_frames(&mut h, RIGHT), ["Warnings"]);
    let key = std::fs::canonicalize(dir.path())
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        h.state().settings.codebooks.get(&key),
        Some(&book.display().to_string())
    );
}

#[test]
fn a_linked_passage_marker_scrolls_the_other_pane() {
    let dir = tempfile::tempdir().unwrap();
    let filler =
        "Unrelated filler about weather, football and cooking recipes for the weekend. ".repeat(6);
    let mut left = String::from("Left\n\n");
    let mut right = String::from("Right\n\n");
    for i in 0..30 {
        left.push_str(&format!("{filler} number {i}\n\n"));
    }
    left.push_str("Kerry denied coordinating with Tehran on the Iraq crisis and insisted on communication only.\n");
    right.push_str("The secretary denied coordination with Tehran over the Iraq crisis, insisting on communication.\n\n");
    for i in 0..30 {
        right.push_str(&format!(
            "Different material about music festivals and gardening tips {i}. {}\n\n",
            "Songs and flowers. ".repeat(8)
        ));
    }
    std::fs::write(dir.path().join("a.txt"), left).unwrap();
    std::fs::write(dir.path().join("b.txt"), right).unwrap();
    let mut h = open(dir.path(), Arc::default());
    // The right passage is on screen at the top; its marker scrolls the left pane down to it.
    h.get_by_label("Linked passage 1 (right)").click();
    h.run_steps(10);
    let view = h.state_mut().panes[LEFT].view.as_mut().unwrap();
    let target = view.doc().text.find("Kerry denied").unwrap();
    let visible = view.visible_span().unwrap();
    assert!(
        visible.start <= target && target < visible.end,
        "{visible:?} {target}"
    );
}
