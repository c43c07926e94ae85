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
