//! Small widgets used in several places.

use egui::collapsing_header::CollapsingState;
use egui::{Id, Response, Ui};

/// A collapsible section whose whole header (not just its arrow) opens and closes it.
/// `open` is the source of truth, so callers can keep it in their own state.
pub fn section<R>(
    ui: &mut Ui,
    id: Id,
    open: &mut bool,
    header: impl FnOnce(&mut Ui) -> Response,
    body: impl FnOnce(&mut Ui) -> R,
) -> Option<R> {
    let mut state = CollapsingState::load_with_default_open(ui.ctx(), id, *open);
    state.set_open(*open);
    let mut clicked = false;
    let (_, _, inner) = state
        .show_header(ui, |ui| {
            clicked = header(ui).clicked();
        })
        .body(body);
    let arrow_open = CollapsingState::load(ui.ctx(), id).map_or(*open, |s| s.is_open());
    *open = if clicked { !*open } else { arrow_open };
    inner.map(|r| r.inner)
}

/// Give `field` the keyboard when it has just appeared (it was not shown on the previous
/// pass: its window opened), so typing goes into it; after that the reader moves focus as
/// they like.
pub fn focus_when_shown(ui: &Ui, field: &Response) {
    let seen = field.id.with("shown on pass");
    let pass = ui.ctx().cumulative_pass_nr();
    let last: Option<u64> = ui.data(|d| d.get_temp(seen));
    ui.data_mut(|d| d.insert_temp(seen, pass));
    if last.is_none_or(|l| l + 1 < pass) {
        field.request_focus();
    }
}

/// How a table column takes its width.
#[derive(Debug, Clone, Copy)]
pub enum Col {
    /// Text: shares what the other columns leave; long text ends in "…" (its hover shows it).
    Text,
    /// A number or a short mark: as wide as its widest cell, at least this wide.
    Fit(f32),
}

/// A table in exactly the width available: a header row over `rows` rows, one line each.
/// `cell(ui, row, column)` fills a cell; cells are clipped to their column, so nothing
/// overlaps and nothing widens the panel.
pub fn table(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    columns: &[(Col, &str)],
    rows: usize,
    mut cell: impl FnMut(&mut Ui, usize, usize),
) {
    use egui_extras::{Column, TableBuilder};
    let height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut builder = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .vscroll(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    for (col, _) in columns {
        builder = builder.column(match col {
            Col::Text => Column::remainder().at_least(60.0).clip(true),
            Col::Fit(min) => Column::auto().at_least(*min),
        });
    }
    builder
        .header(height, |mut header| {
            for (_, name) in columns {
                header.col(|ui| {
                    ui.add(egui::Label::new(egui::RichText::new(*name).strong()).truncate());
                });
            }
        })
        .body(|mut body| {
            for r in 0..rows {
                body.row(height, |mut row| {
                    for (c, (col, _)) in columns.iter().enumerate() {
                        row.col(|ui| {
                            // A text column truncates; a fitted column grows to its widest
                            // cell (truncating there would measure the cut text).
                            ui.style_mut().wrap_mode = Some(match col {
                                Col::Text => egui::TextWrapMode::Truncate,
                                Col::Fit(_) => egui::TextWrapMode::Extend,
                            });
                            cell(ui, r, c);
                        });
                    }
                });
            }
        });
}

/// A quote cut to about `max` characters at a word.
pub fn short_quote(text: &str, max: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        return one;
    }
    let cut: String = one.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}\u{2026}", &cut[..at])
}
