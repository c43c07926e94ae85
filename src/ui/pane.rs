//! The two reading panes: article picker, metadata card, the document view and its overview
//! strip.

use egui::{Color32, Rect, RichText, Sense, Stroke, Ui, UiBuilder, pos2, vec2};

use super::app::App;
use super::commands::{Command, LEFT, PaneId, RIGHT};
use super::doc_view::{Mark, MarkSet, ViewConfig, ViewOutput};
use super::style::mark_colors;
use crate::notes::{Corrections, MetaView, date_problem};

/// Width of the gutter between the panes (connectors are drawn there).
pub const GUTTER: f32 = 28.0;
/// Width of a pane's overview strip.
const STRIP: f32 = 12.0;

pub fn panes_ui(app: &mut App, ui: &mut Ui) {
    let full = ui.available_rect_before_wrap();
    let half = ((full.width() - GUTTER) / 2.0).floor();
    let rects = [
        Rect::from_min_size(full.min, vec2(half, full.height())),
        Rect::from_min_max(pos2(full.max.x - half, full.min.y), full.max),
    ];
    let mut outputs: [Option<ViewOutput>; 2] = [None, None];
    for pane in [LEFT, RIGHT] {
        let out = ui
            .scope_builder(
                UiBuilder::new()
                    .max_rect(rects[pane])
                    .id_salt(("pane", pane)),
                |ui| pane_ui(app, ui, pane),
            )
            .inner;
        outputs[pane] = out;
    }
    let gutter = Rect::from_min_max(
        pos2(rects[LEFT].max.x, full.min.y),
        pos2(rects[RIGHT].min.x, full.max.y),
    );
    ui.painter().line_segment(
        [gutter.center_top(), gutter.center_bottom()],
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
    );
    for pane in [LEFT, RIGHT] {
        if outputs[pane].as_ref().is_some_and(|o| o.interacted) {
            app.focus = pane;
        }
    }
    // Synchronised scrolling: the other pane follows the one the user scrolled.
    if app.settings.sync_scroll {
        for (from, to) in [(LEFT, RIGHT), (RIGHT, LEFT)] {
            if outputs[from].as_ref().is_some_and(|o| o.scrolled) {
                let f = app.panes[from].view.as_ref().map(|v| v.scroll_fraction());
                if let (Some(f), Some(v)) = (f, app.panes[to].view.as_mut()) {
                    v.set_scroll_fraction(f);
                    ui.ctx().request_repaint();
                }
                break;
            }
        }
    }
}

fn pane_ui(app: &mut App, ui: &mut Ui, pane: PaneId) -> Option<ViewOutput> {
    let corpus = app.corpus.clone()?;
    let side = if pane == LEFT { "Left" } else { "Right" };
    ui.add_space(4.0);
    // Article picker.
    let current = app.panes[pane].doc;
    let titles: Vec<String> = corpus
        .documents
        .iter()
        .map(|d| MetaView::of(d, app.corrections.get(&d.source.rel_path)).title)
        .collect();
    let selected = current
        .and_then(|i| titles.get(i))
        .cloned()
        .unwrap_or_else(|| "Choose an article".into());
    ui.horizontal(|ui| {
        ui.label(RichText::new(side).weak());
        let picker = egui::ComboBox::from_id_salt(("picker", pane))
            .width(ui.available_width() - 8.0)
            .truncate()
            .selected_text(selected)
            .show_ui(ui, |ui| {
                for (i, t) in titles.iter().enumerate() {
                    if ui.selectable_label(current == Some(i), t).clicked() {
                        app.queue.push(Command::ShowDoc { pane, doc: i });
                    }
                }
            });
        let name = format!("{side} article picker");
        ui.ctx()
            .accesskit_node_builder(picker.response.id, |node| node.set_label(name));
    });
    let Some(doc) = app.panes[pane].view.as_ref().map(|v| v.doc().clone()) else {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            let hint = if corpus.documents.len() < 2 {
                "This folder holds one article. Add another to the folder to compare the two side by side."
            } else {
                "Choose an article to read here, from the list above or the article list."
            };
            ui.label(RichText::new(hint).weak());
        });
        return None;
    };
    metadata_card(app, ui, pane, &doc);
    ui.add_space(2.0);

    // Marks: find hits.
    let colors = mark_colors(ui.visuals());
    let mut marks: Vec<Mark> = Vec::new();
    for (i, h) in app.find.hits[pane].iter().enumerate() {
        let color = if app.find.current[pane] == Some(i) {
            colors.find_current
        } else {
            colors.find_hit
        };
        marks.push(Mark::fill(h.clone(), color));
    }
    let marks = MarkSet::new(marks);
    let strip_ticks: Vec<(usize, Color32)> = app.find.hits[pane]
        .iter()
        .map(|h| (h.start, colors.find_current))
        .collect();

    let rect = ui.available_rect_before_wrap();
    let view_rect = Rect::from_min_max(rect.min, pos2(rect.max.x - STRIP - 2.0, rect.max.y));
    let strip_rect = Rect::from_min_max(pos2(rect.max.x - STRIP, rect.min.y), rect.max);
    let label = format!("{side} article: {}", doc.title());
    let text_size = app.settings.text_size;
    let style_gen = app.style_gen;
    let view = app.panes[pane].view.as_mut()?;
    let out = ui
        .scope_builder(UiBuilder::new().max_rect(view_rect), |ui| {
            view.show(
                ui,
                &ViewConfig {
                    label: &label,
                    text_size,
                    style_gen,
                    marks: &marks,
                },
            )
        })
        .inner;
    if let Some(f) = overview_strip(ui, strip_rect, pane, view, &strip_ticks) {
        view.scroll_to_content_fraction(f);
        ui.ctx().request_repaint();
    }
    Some(out)
}

/// The metadata card: title, author, outlet and date can be corrected in place.
fn metadata_card(app: &mut App, ui: &mut Ui, pane: PaneId, doc: &crate::document::Document) {
    let rel = doc.source.rel_path.clone();
    let shown = MetaView::of(doc, app.corrections.get(&rel));
    let mut summary = Vec::new();
    if let Some(a) = &shown.author {
        summary.push(a.clone());
    }
    if let Some(o) = &shown.outlet {
        summary.push(o.clone());
    }
    if let Some(d) = &shown.date {
        summary.push(d.clone());
    }
    summary.push(format!("{} words", doc.words.article));
    if !doc.comments().is_empty() {
        summary.push(format!("{} comments", doc.comments().len()));
    }
    let id = ui.make_persistent_id(("card", pane));
    // The pane's `card_open` is the source of truth; the arrow and the summary both toggle it.
    let open = app.panes[pane].card_open;
    let mut state =
        egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, open);
    state.set_open(open);
    let mut toggled = false;
    state
        .show_header(ui, |ui| {
            let label = egui::Label::new(RichText::new(summary.join(" · ")).weak())
                .truncate()
                .sense(Sense::click());
            let hint = if open {
                "Hide the details"
            } else {
                "Show and correct the details"
            };
            toggled = ui.add(label).on_hover_text(hint).clicked();
        })
        .body(|ui| {
            let parsed = MetaView::of(doc, None);
            let entry = app.corrections.entry(rel.clone()).or_default();
            egui::Grid::new(("card-grid", pane))
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    field(ui, "Title", &mut entry.title, &parsed.title, true);
                    field(
                        ui,
                        "Author",
                        &mut entry.author,
                        parsed.author.as_deref().unwrap_or(""),
                        false,
                    );
                    field(
                        ui,
                        "Outlet",
                        &mut entry.outlet,
                        parsed.outlet.as_deref().unwrap_or(""),
                        false,
                    );
                    field(
                        ui,
                        "Date",
                        &mut entry.date,
                        parsed.date.as_deref().unwrap_or(""),
                        false,
                    );
                    if let Some(p) = entry.date.as_deref().and_then(date_problem) {
                        ui.label("");
                        ui.label(RichText::new(p).color(ui.visuals().warn_fg_color).small());
                        ui.end_row();
                    }
                    ui.label(RichText::new("Words").weak());
                    ui.label(format!(
                        "{} in the article, {} in comments",
                        doc.words.article, doc.words.thread
                    ));
                    ui.end_row();
                    ui.label(RichText::new("File").weak());
                    ui.label(
                        RichText::new(format!("{} ({})", doc.source.rel_path, doc.source.encoding))
                            .small(),
                    );
                    ui.end_row();
                });
            if *entry == Corrections::default() {
                app.corrections.remove(&rel);
            }
        });
    let arrow_open =
        egui::collapsing_header::CollapsingState::load(ui.ctx(), id).map_or(open, |s| s.is_open());
    app.panes[pane].card_open = if toggled { !open } else { arrow_open };
}

/// One correctable field: shows the correction, or the parsed value greyed as a hint.
fn field(ui: &mut Ui, name: &str, value: &mut Option<String>, parsed: &str, wide: bool) {
    let label = ui.label(RichText::new(name).weak());
    ui.horizontal(|ui| {
        let mut text = value.clone().unwrap_or_else(|| parsed.to_owned());
        let edit = egui::TextEdit::singleline(&mut text).desired_width(if wide {
            ui.available_width() - 30.0
        } else {
            220.0
        });
        let resp = ui.add(edit).labelled_by(label.id);
        if resp.changed() {
            *value = if text == parsed { None } else { Some(text) };
        }
        if value.is_some()
            && ui
                .small_button("\u{21BA}")
                .on_hover_text(format!(
                    "Back to what the text says: {}",
                    if parsed.is_empty() {
                        "(nothing)"
                    } else {
                        parsed
                    }
                ))
                .clicked()
        {
            *value = None;
        }
    });
    ui.end_row();
}

/// A slim strip showing where marks sit in the whole document; click or drag to jump.
/// Returns the content fraction to scroll to.
fn overview_strip(
    ui: &mut Ui,
    rect: Rect,
    pane: PaneId,
    view: &mut super::doc_view::DocView,
    ticks: &[(usize, Color32)],
) -> Option<f32> {
    let resp = ui.interact(
        rect,
        ui.scope_id().with(("strip", pane)),
        Sense::click_and_drag(),
    );
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 3.0, visuals.extreme_bg_color);
    let (a, b) = view.viewport_fractions();
    let y = |f: f32| rect.min.y + f * rect.height();
    painter.rect_filled(
        Rect::from_min_max(
            pos2(rect.min.x, y(a)),
            pos2(rect.max.x, y(b).max(y(a) + 3.0)),
        ),
        2.0,
        visuals.widgets.inactive.bg_fill,
    );
    let mut last_y = f32::NEG_INFINITY;
    for (offset, color) in ticks {
        let ty = y(view.offset_fraction(*offset)).round();
        if (ty - last_y).abs() < 1.0 {
            continue;
        }
        last_y = ty;
        painter.line_segment(
            [pos2(rect.min.x + 1.0, ty), pos2(rect.max.x - 1.0, ty)],
            Stroke::new(2.0, *color),
        );
    }
    resp.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::ScrollBar,
            true,
            if pane == LEFT {
                "Left overview"
            } else {
                "Right overview"
            },
        )
    });
    if resp.clicked() || resp.dragged() {
        let p = resp.interact_pointer_pos()?;
        return Some(((p.y - rect.min.y) / rect.height()).clamp(0.0, 1.0));
    }
    None
}
