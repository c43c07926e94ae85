//! The two reading panes: article picker, metadata card, the document view and its overview
//! strip.

use crate::ui::doc_view::DocView;
use std::sync::Arc;

use egui::{Color32, Rect, RichText, Sense, Stroke, Ui, UiBuilder, pos2, vec2};

use super::App;
use crate::document::Span;
use crate::notes::{MetaView, date_problem};
use crate::ui::commands::{Command, DraggedPassage, Side, StudyCommand, ViewCommand};
use crate::ui::doc_view::{Mark, MarkSet, MarkStyle, Ticks, ViewConfig, ViewOutput};
use crate::ui::style::find_colors;
use crate::ui::widgets::short_quote;

/// One of the two reading panes.
#[derive(Default)]
pub struct Pane {
    /// Index into the corpus documents.
    pub doc: Option<usize>,
    pub view: Option<DocView>,
    pub card_open: bool,
    /// Overview-strip ticks, reduced to one per pixel row and colour, with what they were
    /// computed for (marks, strip height, content height in coarse steps).
    pub strip: Option<(StripKey, StripTicks)>,
}

/// What cached overview ticks were drawn from: the lens and note ticks and the find hits
/// (shared sets, held here, so the same allocation is the same set), the current hit, the
/// strip's height and the content height in 1% steps.
#[derive(Clone)]
pub struct StripKey {
    lens: Ticks,
    notes: Ticks,
    hits: Arc<Vec<Span>>,
    current: Option<usize>,
    height: i32,
    content: i64,
}

impl PartialEq for StripKey {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.lens, &other.lens)
            && Arc::ptr_eq(&self.notes, &other.notes)
            && Arc::ptr_eq(&self.hits, &other.hits)
            && (self.current, self.height, self.content)
                == (other.current, other.height, other.content)
    }
}
/// Overview ticks: (fraction of the content height, colour, line width).
pub type StripTicks = std::sync::Arc<Vec<(f32, egui::Color32, f32)>>;

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
    for pane in Side::BOTH {
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
        pos2(rects[Side::Left].max.x, full.min.y),
        pos2(rects[Side::Right].min.x, full.max.y),
    );
    ui.painter().line_segment(
        [gutter.center_top(), gutter.center_bottom()],
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
    );
    if app.settings.lens.links {
        connectors_ui(app, ui, gutter);
    }
    study_links_ui(app, ui, gutter);
    dragged_passage_ui(ui.ctx());
    for pane in Side::BOTH {
        if outputs[pane].as_ref().is_some_and(|o| o.interacted) {
            app.focus = pane;
        }
    }
    // Synchronised scrolling: the other pane follows the one the user scrolled.
    if app.settings.sync_scroll {
        for (from, to) in [(Side::Left, Side::Right), (Side::Right, Side::Left)] {
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

/// The passage being dragged to the worksheet, shown beside the pointer with what to do.
fn dragged_passage_ui(ctx: &egui::Context) {
    let (Some(dragged), Some(at)) = (
        egui::DragAndDrop::payload::<DraggedPassage>(ctx),
        ctx.pointer_latest_pos(),
    ) else {
        return;
    };
    egui::Area::new(egui::Id::unique("dragged-passage"))
        .order(egui::Order::Tooltip)
        .fixed_pos(at + vec2(16.0, 16.0))
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(320.0);
                ui.label(
                    RichText::new(format!(
                        "\u{201c}{}\u{201d}",
                        short_quote(&dragged.quote, 80)
                    ))
                    .italics(),
                );
                ui.label(
                    RichText::new(format!(
                        "Drop it on a worksheet answer in the {} column to cite it (Esc cancels)",
                        dragged.pane.name()
                    ))
                    .small()
                    .weak(),
                );
            });
        });
}

/// Connectors between linked passages across the gutter, shaded by similarity; a marker at
/// each linked passage on screen scrolls the other pane to its counterpart.
fn connectors_ui(app: &mut App, ui: &mut Ui, gutter: Rect) {
    let docs = Side::BOTH.map(|p| app.panes[p].view.as_ref().map(|v| v.doc().clone()));
    let Some(comparison) = app
        .lens
        .comparison([docs[0].as_deref(), docs[1].as_deref()])
        .cloned()
    else {
        return;
    };
    let (Some(lv), Some(rv)) = (
        app.panes[Side::Left].view.as_ref(),
        app.panes[Side::Right].view.as_ref(),
    ) else {
        return;
    };
    let dark = ui.visuals().dark_mode;
    let base = if dark {
        Color32::from_rgb(0x8a, 0xb4, 0xf8)
    } else {
        Color32::from_rgb(0x3b, 0x6e, 0xc4)
    };
    let lx = lv.column_screen_x().1 + 4.0;
    let rx = rv.column_screen_x().0 - 4.0;
    let painter = ui
        .painter()
        .with_clip_rect(lv.screen_rect().union(rv.screen_rect()).union(gutter));
    let mut clicked = None;
    for (i, link) in comparison.links.iter().enumerate() {
        let ly = lv.block_screen_y(link.left_block);
        let ry = rv.block_screen_y(link.right_block);
        let alpha = (80.0 + 175.0 * (link.score / 0.4).min(1.0)) as u8;
        let color = Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha);
        let tip = format!(
            "Linked passages (similarity {:.2}): {}. Click to show the counterpart.",
            link.score,
            link.shared.join(", ")
        );
        if let (Some(l), Some(r)) = (ly, ry) {
            let a = pos2(lx, (l.0 + l.1) / 2.0);
            let b = pos2(rx, (r.0 + r.1) / 2.0);
            let mid = (a.x + b.x) / 2.0;
            let curve = egui::epaint::CubicBezierShape::from_points_stroke(
                [a, pos2(mid, a.y), pos2(mid, b.y), b],
                false,
                Color32::TRANSPARENT,
                Stroke::new(1.0 + 2.5 * (link.score as f32 / 0.4).min(1.0), color),
            );
            painter.add(curve);
            // Brackets on the passages' edges.
            painter.line_segment(
                [pos2(lx, l.0 + 2.0), pos2(lx, l.1 - 2.0)],
                Stroke::new(2.0, color),
            );
            painter.line_segment(
                [pos2(rx, r.0 + 2.0), pos2(rx, r.1 - 2.0)],
                Stroke::new(2.0, color),
            );
        }
        // Markers in the gutter, one per side, for passages on screen.
        for (from, yr, x) in [
            (Side::Left, ly, gutter.min.x + 7.0),
            (Side::Right, ry, gutter.max.x - 7.0),
        ] {
            let Some((y0, y1)) = yr else { continue };
            let c = pos2(
                x,
                ((y0 + y1) / 2.0).clamp(gutter.min.y + 8.0, gutter.max.y - 8.0),
            );
            let r = egui::Rect::from_center_size(c, egui::vec2(12.0, 12.0));
            let resp = ui.interact(r, ui.scope_id().with(("link", i, from)), Sense::click());
            let fill = if resp.hovered() { base } else { color };
            painter.circle_filled(c, if resp.hovered() { 5.5 } else { 4.5 }, fill);
            resp.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Link,
                    true,
                    format!("Linked passage {} ({})", i + 1, from.name()),
                )
            });
            if resp.on_hover_text(&tip).clicked() {
                clicked = Some((from, i));
            }
        }
    }
    if let Some((from, link)) = clicked {
        app.queue
            .push(Command::View(ViewCommand::FollowLink { from, link }));
    }
}

/// The reader's contrast links between the two panes: a connector per link whose passages are
/// both on screen, and a marker at each end (hover: relation and comment; click: edit).
fn study_links_ui(app: &mut App, ui: &mut Ui, gutter: Rect) {
    let (Some(lv), Some(rv)) = (
        app.panes[Side::Left].view.as_ref(),
        app.panes[Side::Right].view.as_ref(),
    ) else {
        return;
    };
    let docs = [app.panes[Side::Left].doc, app.panes[Side::Right].doc];
    let color = crate::ui::study::link_color(ui.visuals().dark_mode);
    let lx = lv.column_screen_x().1 + 4.0;
    let rx = rv.column_screen_x().0 - 4.0;
    let painter = ui
        .painter()
        .with_clip_rect(lv.screen_rect().union(rv.screen_rect()).union(gutter));
    let views = [lv, rv];
    // Where a passage is on screen: its first line if drawn, else its block.
    let y_of = |pane: Side, span: &crate::document::Span| -> Option<f32> {
        let v = views[pane];
        let first = span.start..(span.start + 1).min(span.end.max(span.start + 1));
        v.span_end_screen_rect(&first)
            .map(|r| r.center().y)
            .or_else(|| {
                let (a, b) = v.block_screen_y(v.doc().block_at(span.start)?)?;
                Some((a + b) / 2.0)
            })
    };
    let mut clicked = None;
    let s = &app.study.desk.session;
    for l in &s.study.links {
        let Some(places) = s.link_placements.get(&l.id) else {
            continue;
        };
        let (Some((d0, s0)), Some((d1, s1))) = (places[0].span(), places[1].span()) else {
            continue;
        };
        // The link's left passage may be in either pane.
        let (left, right) = if docs == [Some(d0), Some(d1)] {
            (s0, s1)
        } else if docs == [Some(d1), Some(d0)] {
            (s1, s0)
        } else {
            continue;
        };
        let (ly, ry) = (y_of(Side::Left, &left), y_of(Side::Right, &right));
        if let (Some(a), Some(b)) = (ly, ry) {
            let (a, b) = (pos2(lx, a), pos2(rx, b));
            let mid = (a.x + b.x) / 2.0;
            painter.add(egui::epaint::CubicBezierShape::from_points_stroke(
                [a, pos2(mid, a.y), pos2(mid, b.y), b],
                false,
                Color32::TRANSPARENT,
                Stroke::new(2.5, color),
            ));
        }
        let tip = format!(
            "Your link: the right passage {}{}\nClick to edit.",
            l.relation.as_str(),
            if l.comment.trim().is_empty() {
                String::new()
            } else {
                format!("\n{}", crate::ui::study::preview(&l.comment, 200))
            }
        );
        for (pane, y, x) in [
            (Side::Left, ly, gutter.min.x + 7.0),
            (Side::Right, ry, gutter.max.x - 7.0),
        ] {
            let Some(y) = y else { continue };
            let c = pos2(x, y.clamp(gutter.min.y + 8.0, gutter.max.y - 8.0));
            let r = Rect::from_center_size(c, vec2(12.0, 12.0));
            let resp = ui.interact(
                r,
                ui.scope_id().with(("study-link", l.id, pane)),
                Sense::click(),
            );
            let size = if resp.hovered() { 6.5 } else { 5.0 };
            painter.add(egui::Shape::convex_polygon(
                vec![
                    c + vec2(0.0, -size),
                    c + vec2(size, 0.0),
                    c + vec2(0.0, size),
                    c + vec2(-size, 0.0),
                ],
                color,
                Stroke::NONE,
            ));
            resp.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Link, true, format!("Your link {}", l.id))
            });
            if resp.on_hover_text(&tip).clicked() {
                clicked = Some(l.id);
            }
        }
    }
    if let Some(id) = clicked {
        app.queue.push(Command::Study(StudyCommand::EditNote(id)));
    }
}

fn pane_ui(app: &mut App, ui: &mut Ui, pane: Side) -> Option<ViewOutput> {
    let corpus = app.corpus.clone()?;
    let side = pane.title();
    ui.add_space(4.0);
    // Article picker.
    let current = app.panes[pane].doc;
    let selected = current
        .and_then(|i| corpus.documents.get(i))
        .map_or_else(|| "Choose an article".into(), |d| app.meta(d).title);
    ui.horizontal(|ui| {
        ui.label(RichText::new(side).weak());
        let picker = egui::ComboBox::from_id_salt(("picker", pane))
            .width(ui.available_width() - 8.0)
            .truncate()
            .selected_text(selected)
            .show_ui(ui, |ui| {
                // Titles are made only while the list is open.
                for (i, d) in corpus.documents.iter().enumerate() {
                    let t = app.meta(d).title;
                    if ui.selectable_label(current == Some(i), t).clicked() {
                        app.queue
                            .push(Command::View(ViewCommand::ShowDoc { pane, doc: i }));
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

    // Marks: the lens (cached) and find hits.
    let dark = ui.visuals().dark_mode;
    let (lens_marks, lens_ticks) = app.lens.marks(pane, &doc, &app.settings.lens, dark);
    let doc_index = app.panes[pane].doc?;
    let book = app.lens.book().book.clone();
    let book_key = app.lens.book().key.clone();
    let (note_marks, note_ticks) = app
        .study
        .marks(pane, doc_index, &doc, &book, &book_key, dark);
    let find = find_colors(ui.visuals(), &book.book);
    let mut find_marks: Vec<Mark> = Vec::new();
    for (i, h) in app.find.hits[pane].iter().enumerate() {
        let fill = if app.find.current[pane] == Some(i) {
            find.current_fill
        } else {
            find.hit_fill
        };
        find_marks.push(Mark::fill(h.clone(), fill));
        find_marks.push(Mark::fill(h.clone(), fill).styled(MarkStyle::Outline(find.line)));
    }
    let find_marks = MarkSet::new(find_marks);
    let agreement_marks = app.comparison.pane_marks(&doc, dark).unwrap_or_default();
    let focus_fade = (app.settings.lens.focus && app.settings.lens.frames)
        .then(|| ui.visuals().panel_fill.gamma_multiply(0.72));

    let rect = ui.available_rect_before_wrap();
    let view_rect = Rect::from_min_max(rect.min, pos2(rect.max.x - STRIP - 2.0, rect.max.y));
    let strip_rect = Rect::from_min_max(pos2(rect.max.x - STRIP, rect.min.y), rect.max);
    let label = format!("{side} article: {}", doc.title());
    let text_size = app.settings.text_size;
    let style_gen = app.style_gen;
    let drag_out = !app.study.desk.session.read_only
        && app.comparison.takes_passages(ui.ctx().cumulative_pass_nr());
    let view = app.panes[pane].view.as_mut()?;
    let out = ui
        .scope_builder(UiBuilder::new().max_rect(view_rect), |ui| {
            view.show(
                ui,
                &ViewConfig {
                    label: &label,
                    text_size,
                    style_gen,
                    marks: &[&lens_marks, &note_marks, &agreement_marks, &find_marks],
                    focus_fade,
                    drag_out,
                },
            )
        })
        .inner;
    // Overview ticks: recomputed only when the marks, the strip or the content height (in
    // 1% steps) change; a long article has tens of thousands of marks.
    let total = view.content_height();
    let key = StripKey {
        lens: lens_ticks.clone(),
        notes: note_ticks.clone(),
        hits: app.find.hits[pane].clone(),
        current: app.find.current[pane],
        height: strip_rect.height() as i32,
        content: (total.max(1.0).ln() * 100.0) as i64,
    };
    let ticks = match &app.panes[pane].strip {
        Some((k, t)) if *k == key => t.clone(),
        _ => {
            let view = app.panes[pane].view.as_mut()?;
            let rows = strip_rect.height().max(1.0);
            let mut seen = std::collections::HashSet::new();
            let mut ticks: Vec<(f32, Color32, f32)> = Vec::new();
            let mut add = |f: f32, c: Color32, w: f32| {
                if seen.insert(((f * rows) as i32, c.to_array())) {
                    ticks.push((f, c, w));
                }
            };
            for (block, color) in lens_ticks.iter() {
                if let Some(f) = view.block_fraction(*block) {
                    add(f, *color, 1.0);
                }
            }
            for (block, color) in note_ticks.iter() {
                if let Some(f) = view.block_fraction(*block) {
                    add(f, *color, 2.0);
                }
            }
            for h in app.find.hits[pane].iter() {
                add(view.offset_fraction(h.start), find.line, 2.0);
            }
            let ticks = Arc::new(ticks);
            app.panes[pane].strip = Some((key, ticks.clone()));
            ticks
        }
    };
    if let Some(span) = out.passage_drag.clone() {
        egui::DragAndDrop::set_payload(
            ui.ctx(),
            DraggedPassage {
                pane,
                quote: doc.text.get(span).unwrap_or_default().to_owned(),
            },
        );
    }
    if let Some(view) = app.panes[pane].view.as_ref() {
        let other = app.panes[pane.other()].view.as_ref();
        let reads = crate::ui::notes_ui::TextReads {
            pane,
            view,
            other_selection: other.is_some_and(|v| v.selection().is_some()),
            other_caret: other.is_some_and(|v| v.selection().is_some() || v.caret().is_some()),
            book: &app.lens.book().book,
            read_only: app.study.desk.session.read_only,
            drafting: app.study.draft.is_some(),
            focused: pane == app.focus,
        };
        if let Some(resp) = &out.response {
            crate::ui::notes_ui::text_context_menu(resp, &reads, &mut app.queue);
        }
        crate::ui::notes_ui::selection_adder(ui, &reads, view_rect, &mut app.queue);
    }
    let view = app.panes[pane].view.as_mut()?;
    if let Some(f) = overview_strip(ui, strip_rect, pane, view, &ticks) {
        view.scroll_to_content_fraction(f);
        ui.ctx().request_repaint();
    }
    Some(out)
}

/// The metadata card: title, author, outlet and date can be corrected in place.
fn metadata_card(app: &mut App, ui: &mut Ui, pane: Side, doc: &crate::document::Document) {
    let rel = doc.source.rel_path.clone();
    let shown = app.meta(doc);
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
    let mut open = app.panes[pane].card_open;
    let was_open = open;
    let header = |ui: &mut Ui| {
        let label = egui::Label::new(RichText::new(summary.join(" · ")).weak())
            .truncate()
            .sense(Sense::click());
        let hint = if was_open {
            "Hide the details"
        } else {
            "Show and correct the details"
        };
        ui.add(label).on_hover_text(hint)
    };
    crate::ui::widgets::section(ui, id, &mut open, header, |ui| {
        let parsed = MetaView::of(doc, None);
        let before = app.corrections(&rel).cloned().unwrap_or_default();
        let mut entry = before.clone();
        let entry = &mut entry;
        let mut page_choice = None;
        let read_only = app.study.desk.session.read_only;
        ui.add_enabled_ui(!read_only, |ui| {
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
                    if let Some(e) = doc.extraction {
                        ui.label(RichText::new("Page").weak());
                        let mut whole = e.whole_page;
                        let text = if whole {
                            "The whole page is the article".to_owned()
                        } else {
                            format!(
                                "{} characters of page furniture cut (menus, share buttons, related links)",
                                e.cut_chars
                            )
                        };
                        ui.vertical(|ui| {
                            ui.label(RichText::new(text).small());
                            if ui
                                .checkbox(&mut whole, "Keep the whole page")
                                .on_hover_text("Count everything on the page as the article's text (remembered in the study)")
                                .changed()
                            {
                                page_choice = Some(whole);
                            }
                        });
                        ui.end_row();
                    }
                })
        });
        if *entry != before {
            app.queue
                .push(Command::Study(StudyCommand::CorrectMetadata {
                    article: rel.clone(),
                    corrections: entry.clone(),
                }));
        }
        if let Some(whole) = page_choice {
            app.queue
                .push(Command::Study(StudyCommand::KeepWholePage(pane, whole)));
        }
    });
    app.panes[pane].card_open = open;
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
    pane: Side,
    view: &mut crate::ui::doc_view::DocView,
    ticks: &[(f32, Color32, f32)],
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
    for (f, color, width) in ticks {
        let ty = y(*f).round();
        painter.line_segment(
            [pos2(rect.min.x + 1.0, ty), pos2(rect.max.x - 1.0, ty)],
            Stroke::new(*width, *color),
        );
    }
    resp.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::ScrollBar,
            true,
            format!("{} overview", pane.title()),
        )
    });
    if resp.clicked() || resp.dragged() {
        let p = resp.interact_pointer_pos()?;
        return Some(((p.y - rect.min.y) / rect.height()).clamp(0.0, 1.0));
    }
    None
}
