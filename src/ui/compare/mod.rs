//! The comparison panel: how the two articles frame the question, side by side. Every number
//! leads back to its passages: click a bar, a passage, a word or a link.

use std::sync::Arc;

use egui::{Color32, RichText, Ui};

use super::app::App;
use super::commands::Side;
use crate::analysis::{Comparison, DocAnalysis};
use crate::document::Document;

mod frames;
mod voices;
mod words;
use frames::*;
use voices::*;
use words::*;

/// The panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Profile,
    Matrix,
    Voices,
    Words,
    Stance,
    Actors,
    Links,
    Summary,
}

impl Tab {
    const ALL: [Tab; 8] = [
        Tab::Profile,
        Tab::Matrix,
        Tab::Voices,
        Tab::Words,
        Tab::Stance,
        Tab::Actors,
        Tab::Links,
        Tab::Summary,
    ];
    fn label(self) -> &'static str {
        match self {
            Tab::Profile => "Profile",
            Tab::Matrix => "Frame matrix",
            Tab::Voices => "Who speaks",
            Tab::Words => "Words",
            Tab::Stance => "Stance",
            Tab::Actors => "Actors",
            Tab::Links => "Links",
            Tab::Summary => "Summary",
        }
    }
}

/// The colours of the two sides in charts.
pub fn side_color(pane: Side, dark: bool) -> Color32 {
    match (pane, dark) {
        (Side::Left, false) => Color32::from_rgb(0x2f, 0x6f, 0xb8),
        (Side::Left, true) => Color32::from_rgb(0x5e, 0x9c, 0xe6),
        (_, false) => Color32::from_rgb(0xd9, 0x7a, 0x1c),
        (_, true) => Color32::from_rgb(0xf2, 0xa1, 0x4e),
    }
}

struct Sides {
    docs: [Arc<Document>; 2],
    analyses: [Arc<DocAnalysis>; 2],
    comparison: Arc<Comparison>,
}

fn sides(app: &App) -> Option<Sides> {
    let docs = Side::BOTH.map(|p| app.panes[p].view.as_ref().map(|v| v.doc().clone()));
    let [Some(l), Some(r)] = docs else {
        return None;
    };
    let la = app.lens.analysis(Side::Left, &l)?.clone();
    let ra = app.lens.analysis(Side::Right, &r)?.clone();
    let c = app.lens.comparison([Some(&l), Some(&r)])?.clone();
    Some(Sides {
        docs: [l, r],
        analyses: [la, ra],
        comparison: c,
    })
}

pub fn panel_ui(app: &mut App, ui: &mut Ui) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        for t in Tab::ALL {
            if ui
                .selectable_label(app.compare_tab == t, t.label())
                .clicked()
            {
                app.compare_tab = t;
            }
        }
    });
    ui.separator();
    let Some(s) = sides(app) else {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| {
            if app.lens.busy() {
                ui.spinner();
                ui.label("Analysing…");
            } else {
                ui.label(RichText::new("Open an article in each pane to compare them.").weak());
            }
        });
        return;
    };
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        for p in Side::BOTH {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, side_color(p, dark));
            ui.add(egui::Label::new(RichText::new(s.docs[p].title()).small()).truncate());
        }
    });
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| match app.compare_tab {
            Tab::Profile => profile_ui(app, ui, &s),
            Tab::Matrix => matrix_ui(app, ui, &s),
            Tab::Voices => voices_ui(app, ui, &s),
            Tab::Words => words_ui(app, ui, &s),
            Tab::Stance => stance_ui(ui, &s),
            Tab::Actors => actors_ui(ui, &s, app.lens.book().book.book.actors.len()),
            Tab::Links => links_ui(app, ui, &s),
            Tab::Summary => summary_ui(app, ui, &s),
        });
}

/// Passages the reader coded with each frame, per pane.
fn coded_by_frame(app: &App) -> Arc<crate::ui::study::CodedByFrame> {
    let lens = app.lens.book();
    app.study.coded_by_frame(
        [app.panes[Side::Left].doc, app.panes[Side::Right].doc],
        &lens.book,
        &lens.key,
    )
}
