//! The reading window, driven like a user would: kittest on the CPU, no GPU.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::{FakeDialogs, settle};

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::ui::commands::Side;
use parallax::ui::dialogs::{DialogKind, Dialogs};
use parallax::ui::{App, Launch};

const ARTICLE_A: &str = "Kerry denies coordination\n\nBy Jane Roe\n\nSecretary of State John Kerry denied that Washington would coordinate with Tehran. Iran was not invited.\n\nOfficials said talks with Iran happen only on the margins.\n\n  1. Ann Lee says:\n\n    I think Iran will help anyway.\n\n  2. Bob Roe says:\n\n    @Ann Lee: Iran helps itself.\n";
const ARTICLE_B: &str = "Iran and the U.S. on the same side\n\nBy Sam Poe\n\nThe United States and Iran share an enemy. Iran has advisers in Iraq.\n\nA senior official warned against cooperation.\n";
const ARTICLE_C: &str = "A third article\n\nIt mentions nothing relevant.\n";

fn fixture() -> tempfile::TempDir {
    common::folder(&[
        ("a-kerry.txt", ARTICLE_A),
        ("b-same-side.txt", ARTICLE_B),
        ("c-third.md", ARTICLE_C),
    ])
}

fn harness(launch: Launch, dialogs: Arc<FakeDialogs>) -> Harness<'static, App> {
    common::harness(launch, dialogs, [1280.0, 800.0])
}

fn open(folder: &Path) -> Harness<'static, App> {
    common::open_folder(folder, Arc::new(FakeDialogs::slow()), [1280.0, 800.0])
}

fn pane_title(h: &Harness<'_, App>, pane: Side) -> String {
    h.state().panes()[pane]
        .view
        .as_ref()
        .map(|v| v.doc().title().to_owned())
        .unwrap_or_default()
}

#[test]
fn open_a_folder_through_the_folder_dialog() {
    let dir = fixture();
    let dialogs = Arc::new(FakeDialogs::slow());
    *dialogs.answer.lock().unwrap() = Some(dir.path().to_owned());
    // No folder on the command line and no seeds next to the binary: the welcome screen.
    let mut h = harness(
        Launch {
            welcome: true,
            ..Default::default()
        },
        dialogs.clone(),
    );
    h.run_steps(2);
    h.get_by_label("Open folder…").click();
    h.run_steps(2);
    assert!(
        h.state().dialog().is_some(),
        "the dialog runs off the UI thread"
    );
    settle(&mut h);
    assert_eq!(
        dialogs.asked.lock().unwrap().as_slice(),
        [DialogKind::OpenFolder]
    );
    let corpus = h.state().corpus().cloned().unwrap();
    assert_eq!(corpus.documents.len(), 3);
    assert_eq!(pane_title(&h, Side::Left), "Kerry denies coordination");
    assert_eq!(
        pane_title(&h, Side::Right),
        "Iran and the U.S. on the same side"
    );
    assert!(
        h.state()
            .settings()
            .recent_folders
            .contains(&std::fs::canonicalize(dir.path()).unwrap())
    );
}

#[test]
fn the_shortcut_opens_the_dialog_and_a_missing_dialog_offers_the_path_field() {
    let dir = fixture();
    let dialogs = Arc::new(FakeDialogs::slow());
    let mut h = open(dir.path());
    // Replace the dialogs with one that has no desktop service: it answers None at once.
    struct NoDialog;
    impl Dialogs for NoDialog {
        fn run(&self, _: DialogKind, _: Option<&Path>, _: Option<&str>) -> Option<PathBuf> {
            None
        }
    }
    *h.state_mut().dialogs_mut() = Arc::new(NoDialog);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut h);
    assert!(
        h.state().windows().open_path,
        "the path field is offered instead"
    );
    let _ = dialogs;
    // The field has the keyboard as soon as it shows: typing goes into it.
    assert!(h.get_by_label("Folder path").is_focused());
    h.state_mut().path_input_mut().clear();
    h.run_steps(2);
    let root = dir.path().display().to_string();
    std::fs::create_dir(dir.path().join("sub-folder")).unwrap();
    h.event(egui::Event::Text(format!("{root}/su")));
    h.run_steps(2);
    assert_eq!(h.state().path_input(), format!("{root}/su"));
    // Tab completes the one folder there (and keeps the keyboard in the field); typing
    // goes on after it.
    h.key_press(Key::Tab);
    h.run_steps(2);
    assert_eq!(h.state().path_input(), format!("{root}/sub-folder/"));
    assert!(h.get_by_label("Folder path").is_focused());
    for _ in 0.."sub-folder/".len() {
        h.key_press(Key::Backspace);
        h.run_steps(1);
    }
    assert_eq!(h.state().path_input(), format!("{root}/"));
    // Enter opens the folder.
    h.key_press(Key::Enter);
    h.run_steps(2);
    settle(&mut h);
    assert!(!h.state().windows().open_path);
    assert_eq!(h.state().corpus().as_ref().unwrap().documents.len(), 3);
}

#[test]
fn pick_a_document_per_pane_and_swap() {
    let dir = fixture();
    let mut h = open(dir.path());
    // The right pane's picker lists every article by title.
    h.get_by_label("Right article picker").click();
    h.run_steps(2);
    h.get_all_by_label("A third article")
        .last()
        .unwrap()
        .click();
    h.run_steps(4);
    assert_eq!(pane_title(&h, Side::Right), "A third article");
    // The article list's L button puts an article in the left pane.
    h.get_all_by_label("L").nth(1).unwrap().click();
    h.run_steps(4);
    assert_eq!(
        pane_title(&h, Side::Left),
        "Iran and the U.S. on the same side"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(4);
    assert_eq!(pane_title(&h, Side::Left), "A third article");
    assert_eq!(
        pane_title(&h, Side::Right),
        "Iran and the U.S. on the same side"
    );
}

#[test]
fn find_counts_hits_in_both_panes_and_steps_through_them() {
    let dir = fixture();
    let mut h = open(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label("Find:").type_text("iran");
    h.run_steps(4);
    let left_hits = h.state().find().hits[Side::Left].len();
    let right_hits = h.state().find().hits[Side::Right].len();
    assert_eq!(left_hits, 4, "body 2 (not 'Tehran'), comments 2");
    assert_eq!(right_hits, 3, "title 1, body 2");
    h.get_by_label(&format!("Left: {left_hits} hits"));
    h.get_by_label(&format!("Right: {right_hits} hits"));
    h.key_press(Key::Enter);
    h.run_steps(4);
    h.get_by_label(&format!("Left: 1 of {left_hits}"));
    h.key_press(Key::Enter);
    h.run_steps(4);
    h.get_by_label(&format!("Left: 2 of {left_hits}"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run_steps(4);
    h.get_by_label(&format!("Left: 1 of {left_hits}"));
    // Shift released before the frame that handles the key still counts as held.
    for _ in 0..2 {
        h.key_press(Key::Enter);
        h.run_steps(4);
    }
    h.get_by_label(&format!("Left: 3 of {left_hits}"));
    h.event(egui::Event::Key {
        key: Key::Enter,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::SHIFT,
    });
    h.run_steps(4);
    h.get_by_label(&format!("Left: 2 of {left_hits}"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run_steps(4);
    h.get_by_label(&format!("Left: 1 of {left_hits}"));
    // F3 and Shift+F3 step too.
    h.key_press(Key::F3);
    h.run_steps(4);
    h.get_by_label(&format!("Left: 2 of {left_hits}"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run_steps(4);
    h.get_by_label(&format!("Left: 1 of {left_hits}"));
    // Whole word and case.
    h.get_by_label("Aa").click();
    h.run_steps(4);
    assert_eq!(
        h.state().find().hits[Side::Left].len(),
        0,
        "'iran' in lower case is not in the text"
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().find().open);
}

#[test]
fn select_text_by_dragging_and_read_offsets_back() {
    let dir = fixture();
    let mut h = open(dir.path());
    let node = h.get_by_role_and_label(
        egui::accesskit::Role::Document,
        "Left article: Kerry denies coordination",
    );
    let rect = node.rect();
    // Drag across the first lines of the article (title to the first paragraph).
    let from = Pos2::new(rect.min.x + 40.0, rect.min.y + 14.0);
    let to = Pos2::new(rect.min.x + 260.0, rect.min.y + 110.0);
    common::drag_select(&mut h, from, to);
    let view = h.state().panes()[Side::Left].view.as_ref().unwrap();
    let sel = view.selection().expect("a selection");
    let text = &view.doc().text;
    assert!(sel.start < sel.end && sel.end <= text.len());
    assert!(text.is_char_boundary(sel.start) && text.is_char_boundary(sel.end));
    let copied = view.selected_text();
    assert!(!copied.is_empty());
    // The selection spans blocks: the copied text joins them with blank lines, and every
    // character comes from the canonical text between the offsets.
    assert!(copied.contains("\n\n"), "{copied:?}");
    for part in copied.split("\n\n") {
        assert!(
            text[sel.clone()].contains(part),
            "{part:?} not in {:?}",
            &text[sel.clone()]
        );
    }
    // The selection is kept as offsets: scrolling away does not lose it.
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -300.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
    assert_eq!(
        h.state().panes()[Side::Left]
            .view
            .as_ref()
            .unwrap()
            .selection(),
        Some(sel)
    );
}

#[test]
fn double_click_selects_a_word_and_ctrl_a_everything() {
    let dir = fixture();
    let mut h = open(dir.path());
    let rect = h
        .get_by_role_and_label(
            egui::accesskit::Role::Document,
            "Left article: Kerry denies coordination",
        )
        .rect();
    let p = Pos2::new(rect.min.x + 60.0, rect.min.y + 16.0);
    for _ in 0..2 {
        h.hover_at(p);
        h.run_steps(1);
        h.drag_at(p);
        h.run_steps(1);
        h.event(egui::Event::PointerButton {
            pos: p,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(2);
    let view = h.state().panes()[Side::Left].view.as_ref().unwrap();
    let word = view.selected_text();
    assert!(
        ["Kerry", "denies", "coordination"].contains(&word.as_str()),
        "{word:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(2);
    let view = h.state().panes()[Side::Left].view.as_ref().unwrap();
    let all = view.selection().unwrap();
    assert_eq!(all.start, 0);
    assert_eq!(all.end, view.doc().text.trim_end().len());
}

#[test]
fn a_reply_link_jumps_to_the_replied_comment() {
    // A long thread: comment 1 is far above the reply that names it.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "A long thread\n\nThe article body is short. It has two sentences.\n\n  1. Ann Lee says:\n\n    The first comment, far above.\n\n",
    );
    for i in 2..40 {
        text.push_str(&format!(
            "  {i}. Filler {i} says:\n\n    {}\n\n",
            "Words that fill the thread. ".repeat(12)
        ));
    }
    text.push_str("  40. Bob Roe says:\n\n    @Ann Lee: I answer the first comment.\n");
    std::fs::write(dir.path().join("thread.txt"), &text).unwrap();
    let mut h = open(dir.path());
    let last = h.state().panes()[Side::Left]
        .view
        .as_ref()
        .unwrap()
        .doc()
        .comments()
        .len()
        - 1;
    h.state_mut().panes_mut()[Side::Left]
        .view
        .as_mut()
        .unwrap()
        .scroll_to_comment(last, 0.0);
    h.run_steps(10);
    let first_body = h.state().panes()[Side::Left]
        .view
        .as_ref()
        .unwrap()
        .doc()
        .comments()[0]
        .body
        .start;
    let visible = h.state_mut().panes_mut()[Side::Left]
        .view
        .as_mut()
        .unwrap()
        .visible_span()
        .unwrap();
    assert!(
        first_body < visible.start,
        "comment 1 is off screen before the click"
    );
    h.get_by_label_contains("#1 Ann Lee").click();
    h.run_steps(10);
    let visible = h.state_mut().panes_mut()[Side::Left]
        .view
        .as_mut()
        .unwrap()
        .visible_span()
        .unwrap();
    assert!(
        visible.start <= first_body && first_body < visible.end,
        "comment 1 is on screen after the click"
    );
}

#[test]
fn the_comment_thread_collapses_and_the_overview_strip_jumps() {
    let dir = fixture();
    let mut h = open(dir.path());
    let blocks_before = h.state().panes()[Side::Left]
        .view
        .as_ref()
        .unwrap()
        .doc()
        .blocks()
        .len();
    assert!(blocks_before > 0);
    h.get_by_label_contains("Reader comments (2)").click();
    h.run_steps(3);
    assert!(
        h.state().panes()[Side::Left]
            .view
            .as_ref()
            .unwrap()
            .thread_collapsed
    );
    assert!(
        h.query_by_label_contains("#1 Ann Lee").is_none(),
        "comment headers are hidden"
    );
    h.get_by_label_contains("Reader comments (2)").click();
    h.run_steps(3);
    assert!(
        !h.state().panes()[Side::Left]
            .view
            .as_ref()
            .unwrap()
            .thread_collapsed
    );
    // A long article: clicking the bottom of the overview strip scrolls to the end.
    let dir = tempfile::tempdir().unwrap();
    let body = "A paragraph of text that goes on for a while. ".repeat(8);
    let text = format!("Long\n\n{}", vec![body.as_str(); 80].join("\n\n"));
    std::fs::write(dir.path().join("long.txt"), text).unwrap();
    let mut h = open(dir.path());
    let strip = h.get_by_label("Left overview").rect();
    h.hover_at(strip.center_bottom() - egui::vec2(0.0, 3.0));
    h.run_steps(1);
    h.get_by_label("Left overview").hover();
    common::click_at(&mut h, strip.center_bottom() - egui::vec2(0.0, 3.0));
    h.run_steps(6);
    let view = h.state_mut().panes_mut()[Side::Left].view.as_mut().unwrap();
    let (_, bottom) = view.viewport_fractions();
    assert!(bottom > 0.95, "scrolled to the end: {bottom}");
}

#[test]
fn synchronised_scrolling_moves_the_other_pane() {
    let dir = tempfile::tempdir().unwrap();
    let body = "A paragraph of text that goes on for a while. ".repeat(8);
    for name in ["a.txt", "b.txt"] {
        std::fs::write(
            dir.path().join(name),
            format!("Long {name}\n\n{}", vec![body.as_str(); 60].join("\n\n")),
        )
        .unwrap();
    }
    let mut h = open(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_steps(2);
    assert!(h.state().settings().sync_scroll);
    let center = h
        .get_by_role_and_label(egui::accesskit::Role::Document, "Left article: Long a.txt")
        .rect()
        .center();
    h.hover_at(center);
    h.run_steps(1);
    for _ in 0..5 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(2);
    }
    h.run_steps(3);
    let left = h.state().panes()[Side::Left]
        .view
        .as_ref()
        .unwrap()
        .scroll_fraction();
    let right = h.state().panes()[Side::Right]
        .view
        .as_ref()
        .unwrap()
        .scroll_fraction();
    assert!(left > 0.05, "the left pane scrolled: {left}");
    assert!((left - right).abs() < 0.02, "left {left} right {right}");
}

#[test]
fn an_empty_folder_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.pdf"), b"%PDF-1.4").unwrap();
    let mut h = open(dir.path());
    h.get_by_label("No articles in this folder");
    assert!(h.get_all_by_label_contains("notes.pdf").count() >= 1);
    h.get_by_label("Open the bundled example").click();
    h.run_steps(4);
    assert!(h.state().corpus().as_ref().unwrap().is_bundled());
    assert!(pane_title(&h, Side::Left).contains("Iran"));
}

#[test]
fn the_load_report_lists_skipped_files() {
    let dir = fixture();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("photo.jpg"), b"\xFF\xD8\xFF").unwrap();
    let mut h = open(dir.path());
    h.get_by_label("2 skipped").click();
    h.run_steps(3);
    h.get_by_label("Load report");
    assert!(
        h.get_all_by_label("the file is empty").count() >= 2,
        "in the list and the report"
    );
    assert!(
        h.get_all_by_label_contains("not an article file (.jpg)")
            .count()
            >= 2
    );
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_folder_opens_it_and_dropping_files_shows_them() {
    let dir = fixture();
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("only.txt"), "The only article\n\nText.").unwrap();
    let mut h = open(dir.path());
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(other.path().to_owned())));
    settle(&mut h);
    assert_eq!(pane_title(&h, Side::Left), "The only article");
    // Dropping two files opens their folder with them in the panes.
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(dir.path().join("c-third.md"))));
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(dir.path().join("b-same-side.txt"))));
    settle(&mut h);
    assert_eq!(pane_title(&h, Side::Left), "A third article");
    assert_eq!(
        pane_title(&h, Side::Right),
        "Iran and the U.S. on the same side"
    );
}

#[test]
fn metadata_can_be_corrected_in_place() {
    let dir = fixture();
    let mut h = open(dir.path());
    h.get_by_label_contains("Jane Roe · ").click();
    h.run_steps(3);
    h.get_by_label("Outlet").focus();
    h.run_steps(1);
    // Replace the parsed value (empty here) with a correction.
    h.get_by_label("Outlet").type_text("The Ledger");
    h.run_steps(3);
    let c = h.state().corrections("a-kerry.txt").cloned().unwrap();
    assert_eq!(c.outlet.as_deref(), Some("The Ledger"));
    // Close the card (the field lets go of the keyboard) and undo: the whole typed
    // correction goes in one step, like any other study edit, and comes back on redo.
    h.get_by_label_contains("The Ledger · ").click();
    h.run_steps(3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    let outlet = |h: &Harness<'_, App>| {
        h.state()
            .corrections("a-kerry.txt")
            .and_then(|c| c.outlet.clone())
    };
    assert_eq!(outlet(&h), None);
    assert!(h.query_by_label_contains("The Ledger · ").is_none());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(3);
    assert_eq!(outlet(&h).as_deref(), Some("The Ledger"));
}

#[test]
fn text_size_and_theme_change() {
    let dir = fixture();
    let mut h = open(dir.path());
    let before = h.state().settings().text_size;
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run_steps(2);
    assert_eq!(h.state().settings().text_size, before + 1.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run_steps(2);
    assert_eq!(h.state().settings().text_size, before);
    h.state_mut().push(parallax::ui::commands::Command::from(
        parallax::ui::commands::AppCommand::SetTheme(parallax::ui::settings::ThemeChoice::Dark),
    ));
    h.run_steps(3);
    assert!(h.ctx.global_style().visuals.dark_mode);
}

#[test]
fn page_furniture_is_one_collapsed_row_that_opens() {
    let para = "The foreign ministers met in Paris on Monday to discuss the threat posed by the militants in Iraq and Syria, and the talks went on late into the night.";
    let page = format!(
        "<html><head><title>Talks</title></head><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World news today</a></li><li><a href=\"/s\">Sport and more</a></li></ul></nav><article><h1>Talks in Paris</h1><p>{para}</p><p>{para} More.</p><p>{para} Again.</p></article></body></html>"
    );
    let dir = common::folder(&[("a-page.html", &page), ("b.txt", ARTICLE_B)]);
    let mut h = open(dir.path());
    assert_eq!(pane_title(&h, Side::Left), "Talks in Paris");
    let furniture: Vec<usize> = {
        let doc = h.state().panes()[Side::Left]
            .view
            .as_ref()
            .unwrap()
            .doc()
            .clone();
        (0..doc.blocks().len())
            .filter(|&i| doc.blocks()[i].cut)
            .collect()
    };
    assert_eq!(furniture.len(), 3, "the three menu items");
    let shown = |h: &Harness<'_, App>| {
        let v = h.state().panes()[Side::Left].view.as_ref().unwrap();
        furniture.iter().filter(|&&i| v.is_block_shown(i)).count()
    };
    assert_eq!(shown(&h), 0, "collapsed into one row");
    h.get_by_label_contains("Page furniture · 3 blocks").click();
    h.run_steps(3);
    assert_eq!(shown(&h), 3, "opened");
    h.get_by_label_contains("Page furniture · 3 blocks").click();
    h.run_steps(3);
    assert_eq!(shown(&h), 0, "closed again");
}

#[test]
fn dragging_a_selection_takes_the_keyboard_from_the_find_field() {
    let dir = fixture();
    let mut h = open(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_label("Find:").type_text("iran");
    h.run_steps(4);
    let rect = h
        .get_by_role_and_label(
            egui::accesskit::Role::Document,
            "Left article: Kerry denies coordination",
        )
        .rect();
    // A press and a drag (never a click) selects text in the article.
    let from = Pos2::new(rect.min.x + 40.0, rect.min.y + 14.0);
    let to = Pos2::new(rect.min.x + 260.0, rect.min.y + 60.0);
    common::drag_select(&mut h, from, to);
    h.key_press(Key::N);
    h.run_steps(4);
    assert_eq!(
        h.state().find().query,
        "iran",
        "N did not go to the find field"
    );
    assert!(
        h.state().study().draft.is_some(),
        "N opens a note on the selection"
    );
}

#[test]
fn first_steps_show_until_dismissed_or_a_note_is_written() {
    let dir = fixture();
    let mut h = open(dir.path());
    h.get_by_label_contains("press N to write a note");
    h.get_by_label("Got it").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("press N to write a note")
            .is_none()
    );
    assert!(h.state().settings().first_steps_done, "remembered");
}

#[test]
fn the_whole_interface_zooms_apart_from_the_text_size() {
    let dir = fixture();
    let mut h = open(dir.path());
    let text = h.state().settings().text_size;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Equals);
    h.run_steps(2);
    assert!((h.state().settings().ui_zoom - 1.1).abs() < 1e-4);
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-4);
    assert_eq!(
        h.state().settings().text_size,
        text,
        "the text size is its own"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::Num0);
    h.run_steps(2);
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-4);
    // Ctrl+= is still the article text size.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run_steps(2);
    assert!(h.state().settings().text_size > text);
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-4);
}

/// View → Folder view on a folder of 200 articles: the cues are counted in the background,
/// the table has a row per article, a heading sorts it, a row opens its article in the
/// focused pane, and two ticked rows are compared side by side.
#[test]
fn the_folder_view_tables_200_articles_sorts_and_opens_them() {
    let dir = tempfile::tempdir().unwrap();
    let topics = [
        "talks with Tehran",
        "military strikes",
        "the nuclear deal",
        "Iraq's government",
    ];
    for i in 0..200 {
        let text = format!(
            "Article {i:03} on {t}\n\nBy Writer {w}\n\n{body}\n",
            t = topics[i % 4],
            w = i % 7,
            body = "Officials said the United States and Iran discussed cooperation against ISIS. "
                .repeat(1 + i % 5)
        );
        std::fs::write(dir.path().join(format!("a{i:03}.txt")), text).unwrap();
    }
    let mut h = common::open_folder(
        dir.path(),
        Arc::new(FakeDialogs::default()),
        [1500.0, 900.0],
    );
    h.get_by_label("View").click();
    h.run_steps(3);
    h.get_by_label("Folder view").click();
    assert!(
        common::step_until(&mut h, 600, |app| {
            app.folder_view().table().is_some() && !app.folder_view().counting()
        }),
        "the folder is counted"
    );
    h.run_steps(3);
    let table = h.state().folder_view().table().unwrap().clone();
    assert_eq!(table.rows.len(), 200);
    assert!(
        table
            .rows
            .iter()
            .all(|r| r.per_1000.len() == table.frames.len())
    );
    // The rows in the order shown: their titles are "Open TITLE" links.
    let shown = |h: &Harness<'_, App>| -> Vec<String> {
        use egui_kittest::kittest::NodeT as _;
        h.get_all_by_label_contains("Open Article ")
            .filter_map(|n| n.accesskit_node().label())
            .map(|l| l.trim_start_matches("Open ").to_owned())
            // The title links, not the heat map's cells ("Open TITLE at FRAME").
            .filter(|t| table.rows.iter().any(|r| r.title == *t))
            .collect()
    };
    let words = |title: &str| table.rows.iter().find(|r| r.title == title).unwrap().words;
    assert!(shown(&h).len() >= 5, "the rows show: {:?}", shown(&h));
    // Sort by words, highest first: the longest articles lead.
    h.get_by_label("Sort by Words").click();
    h.run_steps(3);
    let longest = table.rows.iter().map(|r| r.words).max().unwrap();
    let rows = shown(&h);
    assert_eq!(words(&rows[0]), longest, "{rows:?}");
    assert!(
        rows.windows(2).all(|w| words(&w[0]) >= words(&w[1])),
        "{rows:?}"
    );
    // Again: lowest first.
    h.get_by_label("Sort by Words").click();
    h.run_steps(3);
    let rows = shown(&h);
    let shortest = table.rows.iter().map(|r| r.words).min().unwrap();
    assert_eq!(words(&rows[0]), shortest, "{rows:?}");
    // A click on a row's title opens it in the focused pane.
    let doc = table.rows.iter().find(|r| r.title == rows[0]).unwrap().doc;
    h.get_by_label(&format!("Open {}", rows[0])).click();
    h.run_steps(4);
    let focus = h.state().focus();
    assert_eq!(h.state().panes()[focus].doc, Some(doc));
    // A click on a cell of the heat map opens its article too.
    let cell_doc = table.rows.iter().find(|r| r.title == rows[3]).unwrap().doc;
    assert_ne!(cell_doc, doc);
    // (Near its left edge: in this window the columns further right are scrolled out of view.)
    let at = {
        use egui_kittest::kittest::NodeT as _;
        let label = format!("Open {} at {}", rows[3], table.frames[0]);
        let r = h
            .get_by_label(&label)
            .accesskit_node()
            .bounding_box()
            .unwrap();
        Pos2::new(r.x0 as f32 + 12.0, ((r.y0 + r.y1) / 2.0) as f32)
    };
    common::click_at(&mut h, at);
    h.run_steps(4);
    assert_eq!(h.state().panes()[focus].doc, Some(cell_doc));
    // Tick two rows and compare them.
    h.get_by_label(&format!("Tick {}", rows[1])).click();
    h.run_steps(2);
    h.get_by_label(&format!("Tick {}", rows[2])).click();
    h.run_steps(3);
    h.get_by_label("Compare the two ticked").click();
    h.run_steps(6);
    let panes = h.state().panes().iter().map(|p| p.doc).collect::<Vec<_>>();
    let doc_of = |t: &str| table.rows.iter().find(|r| r.title == t).map(|r| r.doc);
    assert_eq!(panes, [doc_of(&rows[1]), doc_of(&rows[2])]);
}

#[test]
fn the_folder_views_counts_are_kept_for_the_next_session() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    for i in 0..6 {
        let text = format!(
            "Article {i}\n\n{}\n",
            "Officials said the talks with Iran on the nuclear deal went on. ".repeat(i + 1)
        );
        std::fs::write(dir.path().join(format!("a{i}.txt")), text).unwrap();
    }
    let file = data
        .path()
        .join(parallax::ui::app::folder_view::COUNTS_FILE);
    let session = |h: &mut Harness<'_, App>| {
        h.get_by_label("View").click();
        h.run_steps(3);
        h.get_by_label("Folder view").click();
        assert!(common::step_until(h, 600, |app| {
            app.folder_view().table().is_some() && !app.folder_view().counting()
        }));
        h.state().folder_view().table().unwrap().clone()
    };
    let mut first = common::open_folder(
        dir.path(),
        Arc::new(FakeDialogs::default()),
        [1200.0, 800.0],
    );
    *first.state_mut().data_dir_mut() = Some(data.path().to_owned());
    let counted = session(&mut first);
    // The count thread writes the file after it hands the table over.
    for _ in 0..200 {
        if file.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let written = std::fs::metadata(&file)
        .expect("the counts are kept")
        .modified()
        .unwrap();
    drop(first);

    let mut second = common::open_folder(
        dir.path(),
        Arc::new(FakeDialogs::default()),
        [1200.0, 800.0],
    );
    *second.state_mut().data_dir_mut() = Some(data.path().to_owned());
    let again = session(&mut second);
    assert_eq!(
        again.rows, counted.rows,
        "the same table from the kept counts"
    );
    std::thread::sleep(std::time::Duration::from_millis(100));
    let after = std::fs::metadata(&file).unwrap().modified().unwrap();
    assert_eq!(
        written, after,
        "nothing was counted again, so nothing new was written"
    );
}

#[test]
fn the_article_list_of_a_big_folder_shows_the_rows_in_view_and_scrolls_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        let text = format!(
            "Listed article {i:03}\n\n{}\n",
            "Officials said the talks with Iran went on. ".repeat(1 + i % 4)
        );
        std::fs::write(dir.path().join(format!("a{i:03}.txt")), text).unwrap();
    }
    std::fs::write(dir.path().join("zzz-empty.txt"), "").unwrap();
    let mut h = common::open_folder(
        dir.path(),
        Arc::new(FakeDialogs::default()),
        [1400.0, 900.0],
    );
    let listed = |h: &Harness<'_, App>| -> Vec<String> {
        (0..300)
            .map(|i| format!("Listed article {i:03}"))
            .filter(|t| h.query_all_by_label(t).next().is_some())
            .collect()
    };
    let first = listed(&h);
    assert!(
        first.iter().any(|l| l == "Listed article 005"),
        "the first row shows: {first:?}"
    );
    // Only the rows in view (and a margin) are laid out, not all 300.
    let titles_laid_out = first.len();
    assert!(
        (5..60).contains(&titles_laid_out),
        "{titles_laid_out} rows laid out"
    );
    assert!(h.query_by_label("Not loaded").is_none());
    // Scroll the list to its end: the last article and the files not loaded follow.
    h.hover_at(Pos2::new(100.0, 500.0));
    let mut reached = false;
    for _ in 0..400 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(2);
        if h.query_by_label("Not loaded").is_some() {
            reached = true;
            break;
        }
    }
    assert!(reached, "the end of the list is reachable");
    h.run_steps(3);
    let last = listed(&h);
    assert!(
        last.iter().any(|l| l == "Listed article 299"),
        "the last row shows above the skipped files: {last:?}"
    );
    // The rows at the top are no longer laid out (the panes show articles 000 and 001).
    assert!(!last.iter().any(|l| l == "Listed article 005"), "{last:?}");
    assert!(h.query_by_label("the file is empty").is_some());
    // A row far down the list still opens its article.
    h.get_by_label("Listed article 299").click();
    h.run_steps(4);
    let focus = h.state().focus();
    assert_eq!(
        h.state().panes()[focus].doc,
        h.state().corpus().and_then(|c| c
            .documents
            .iter()
            .position(|d| d.source.rel_path == "a299.txt"))
    );
}

/// The app opened on `folder` as `parallax FOLDER` opens it, taking up `early`, settled.
fn open_after(folder: &Path, early: parallax::ui::app::EarlyRead) -> Harness<'static, App> {
    let launch = Launch {
        folder: Some(folder.to_owned()),
        ..Default::default()
    };
    let dialogs = Arc::new(FakeDialogs::slow());
    let mut h = common::harness_after(launch, dialogs, [1280.0, 800.0], Some(early));
    settle(&mut h);
    h
}

#[test]
fn the_folder_named_at_launch_is_read_before_the_window_and_that_reading_is_the_one_shown() {
    let dir = common::folder(&[("a-kerry.txt", ARTICLE_A), ("b-same-side.txt", ARTICLE_B)]);
    let early = parallax::ui::app::EarlyRead::start(dir.path(), vec![]);
    // Reading two short files takes milliseconds; the window is built well after.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    std::fs::write(dir.path().join("c-third.md"), ARTICLE_C).unwrap();
    let h = open_after(dir.path(), early);
    let corpus = h.state().corpus().expect("the folder is open");
    assert_eq!(
        corpus.documents.len(),
        2,
        "the app shows the reading begun before it, not a second one"
    );
    assert_eq!(pane_title(&h, Side::Left), "Kerry denies coordination");
    assert_eq!(
        pane_title(&h, Side::Right),
        "Iran and the U.S. on the same side"
    );
}

#[test]
fn a_reading_begun_for_another_folder_is_not_taken_for_the_one_opened() {
    let other = common::folder(&[("only.txt", ARTICLE_C)]);
    let dir = fixture();
    let early = parallax::ui::app::EarlyRead::start(other.path(), vec![]);
    let h = open_after(dir.path(), early);
    let corpus = h.state().corpus().expect("the folder is open");
    assert_eq!(
        corpus.documents.len(),
        3,
        "the folder opened is read itself"
    );
    assert_eq!(pane_title(&h, Side::Left), "Kerry denies coordination");
}

#[test]
fn a_document_is_painted_before_its_analysis_starts_and_the_analysis_follows_unasked() {
    let dir = fixture();
    let dialogs = Arc::new(FakeDialogs::slow());
    *dialogs.answer.lock().unwrap() = Some(dir.path().to_owned());
    let launch = Launch {
        welcome: true,
        ..Default::default()
    };
    let mut h = harness(launch, dialogs);
    h.get_by_label("Open folder…").click();
    // Frame by frame, so the first one to show the articles is seen.
    for _ in 0..600 {
        h.step();
        if h.state().panes().iter().all(|p| p.view.is_some()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        h.state().panes().iter().all(|p| p.view.is_some()),
        "the folder opened"
    );
    assert!(
        h.state().lens().job.is_none(),
        "the frame that first paints the articles starts no analysis"
    );
    let mut frames = 0;
    while h.state().lens().job.is_none() {
        assert!(h.state().analysing(), "an analysis is due, and said to be");
        assert!(
            h.ctx.has_requested_repaint(),
            "the frame that starts it comes by itself"
        );
        frames += 1;
        assert!(frames < 5, "the analysis starts in the frames that follow");
        h.step();
    }
    assert!(common::step_until(&mut h, 600, |s| !s.analysing()));
    let docs = h
        .state()
        .panes()
        .each_ref()
        .map(|p| p.view.as_ref().map(|v| v.doc().analysis_key()));
    assert!(
        h.state()
            .lens()
            .results
            .is_for(&docs, &h.state().lens().book().key),
        "the analyses of the articles shown arrived"
    );
}
