//! Image snapshots of the real window, rendered on the CPU by lavapipe (Vulkan) through
//! egui_kittest's wgpu renderer. Behind the `snapshots` feature (run by `.ci/run`):
//! `cargo test --features snapshots --test snapshots`; refresh with `UPDATE_SNAPSHOTS=1`.
#![cfg(feature = "snapshots")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::ui::commands::Side;
use parallax::ui::dialogs::{DialogKind, Dialogs};
use parallax::ui::{App, Launch};

struct NoDialogs;
impl Dialogs for NoDialogs {
    fn run(&self, _: DialogKind, _: Option<&Path>, _: Option<&str>) -> Option<PathBuf> {
        None
    }
}

fn harness(launch: Launch, size: [f32; 2], theme: egui::Theme) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .with_theme(theme)
        // The seeds hold an emoji our bundled fonts lack; the real app finds a system font.
        .allow_missing_glyphs()
        .wgpu()
        .build_eframe(move |cc| App::new(&cc.egui_ctx, None, launch, Arc::new(NoDialogs)));
    for _ in 0..400 {
        h.step();
        if h.state().load().is_none() && !h.state().analysing() && h.state().corpus().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_steps(10);
    h
}

/// The bundled copy of the seeds: no machine-specific folder path shows in the picture.
fn seeds() -> Launch {
    Launch {
        bundled: true,
        ..Default::default()
    }
}

#[test]
fn seeds_side_by_side_light_1024x700() {
    let mut h = harness(seeds(), [1024.0, 700.0], egui::Theme::Light);
    h.snapshot("seeds_light_1024x700");
}

#[test]
fn the_lens_and_comparison_panel_1600x1000() {
    let mut h = harness(seeds(), [1600.0, 1000.0], egui::Theme::Light);
    h.snapshot("lens_light_1600x1000");
}

#[test]
fn seeds_with_find_hits_dark() {
    let mut h = harness(seeds(), [1280.0, 800.0], egui::Theme::Dark);
    h.state_mut()
        .push(parallax::ui::commands::ViewCommand::OpenFind.into());
    h.run_steps(2);
    h.get_by_label("Find:").type_text("cooperat");
    h.run_steps(4);
    h.key_press(egui::Key::Enter);
    h.run_steps(10);
    h.snapshot("seeds_find_dark_1280x800");
}

#[test]
fn welcome_screen() {
    let mut h = harness(
        Launch {
            welcome: true,
            ..Default::default()
        },
        [1024.0, 700.0],
        egui::Theme::Light,
    );
    h.snapshot("welcome_1024x700");
}

/// Select a phrase in a pane, as a drag would, and focus that pane.
fn select(h: &mut Harness<'_, App>, pane: Side, phrase: &str) {
    let app = h.state_mut();
    let Some(view) = app.panes_mut()[pane].view.as_mut() else {
        panic!("the {} pane has no article", pane.name());
    };
    let i = view.doc().text.find(phrase).unwrap();
    view.select(i..i + phrase.len());
    app.set_focus(pane);
}

#[test]
fn notes_marked_and_listed_1600x1000() {
    use egui::{Key, Modifiers};
    let mut h = harness(seeds(), [1600.0, 1000.0], egui::Theme::Light);
    // A coded passage, a written note with a code, and a contrast link.
    select(&mut h, Side::Left, "the idea of an alliance of any kind");
    h.key_press(Key::Num2);
    h.run_steps(2);
    select(&mut h, Side::Right, "working in coordination with Iran");
    h.key_press(Key::N);
    h.run_steps(3);
    h.get_by_label("Note text")
        .type_text("Kerry denies the very word the blog post takes for granted.");
    h.key_press_modifiers(Modifiers::ALT, Key::Num2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(3);
    select(&mut h, Side::Left, "talking behind the scenes");
    h.state_mut().panes_mut()[1]
        .view
        .as_mut()
        .unwrap()
        .select(0..0);
    // The list shows when each note was written: a fixed time keeps the picture stable.
    let fixed = jiff::Timestamp::from_second(1_416_700_000).unwrap();
    for n in &mut h.state_mut().study_mut().desk.session.study.notes {
        let n = std::sync::Arc::make_mut(n);
        (n.created, n.updated) = (fixed, fixed);
    }
    h.state_mut().study_mut().desk.session.generation += 1;
    h.state_mut()
        .push(parallax::ui::commands::ViewCommand::ShowNotes.into());
    h.run_steps(10);
    h.snapshot("notes_light_1600x1000");
}

/// Each tab of the comparison, docked beside the panes (light) and as a tab over them in the
/// smallest window (dark).
#[test]
fn every_comparison_tab_at_two_sizes() {
    let tabs = [
        ("Profile", "profile"),
        ("Frame matrix", "matrix"),
        ("Who speaks", "voices"),
        ("Words", "words"),
        ("Stance", "stance"),
        ("Actors", "actors"),
        ("Links", "links"),
        ("Summary", "summary"),
        ("Worksheet", "worksheet"),
        ("Agreement", "agreement"),
    ];
    for (size, theme, name) in [
        ([1320.0, 820.0], egui::Theme::Light, "docked_light_1320x820"),
        ([800.0, 520.0], egui::Theme::Dark, "tabbed_dark_800x520"),
    ] {
        let mut h = harness(seeds(), size, theme);
        if !h.state().comparison_docked() {
            h.get_all_by_label("Comparison").next().unwrap().click();
            h.run_steps(3);
        }
        let mut failed = Vec::new();
        for (label, file) in tabs {
            let dock = h.state().dock_rect().expect("the comparison shows");
            h.get_all_by_label(label)
                .find(|n| dock.contains(n.rect().center()))
                .unwrap_or_else(|| panic!("{label} tab"))
                .click();
            h.run_steps(4);
            h.hover_at(egui::pos2(2.0, size[1] - 2.0));
            h.run_steps(2);
            if let Err(e) = h.try_snapshot(format!("tab_{file}_{name}")) {
                failed.push(e.to_string());
            }
        }
        assert!(failed.is_empty(), "{failed:#?}");
    }
}
