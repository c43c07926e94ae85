//! The frame profile and the matrix: frame cues per 1,000 words in each article, and the
//! passages behind each number.

use egui::{Color32, RichText, Ui};

use crate::document::display::DisplayText;
use crate::document::{Document, Span};
use crate::ui::chart;
use crate::ui::commands::{Command, LensCommand, Side, ViewCommand};
use crate::ui::lens::frame_solid;

use super::*;

/// Grouped bars per frame, left vs right, hits per 1,000 words of the article; diamonds for
/// the passages the reader coded by hand.
pub(super) fn profile_ui(cx: &mut Cx<'_>, ui: &mut Ui, s: &Sides) {
    let book = cx.lens.book().book.clone();
    let frames = book.frames();
    let n = frames.len();
    let dark = ui.visuals().dark_mode;
    let coded = cx.coded_by_frame();
    let any_coded = coded.iter().any(|side| side.iter().any(|c| !c.is_empty()));
    let caption = if any_coded {
        "Bars: cue hits per 1,000 words of each article (comments not counted). Diamonds: passages you coded, per 1,000 words. Click a bar to list its passages.".to_owned()
    } else {
        format!(
            "Cue hits per 1,000 words of each article (comments not counted). Click a bar to list its passages. Code passages (keys {}) to see your own coding here.",
            crate::ui::shortcuts::Shortcut::range_name(crate::ui::shortcuts::Shortcut::Code(0))
        )
    };
    ui.label(RichText::new(caption).small().weak());
    let rows: Vec<chart::Row<'_>> = frames
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let stat = |p: Side| s.analyses[p].frames.stats.get(i);
            let values = Side::BOTH.map(|p| stat(p).map_or(0.0, |st| st.article_per_1000));
            let markers = Side::BOTH.map(|p| {
                let words = s.docs[p].words.article.max(1) as f64;
                let c = &coded[p][i];
                (!c.is_empty()).then(|| c.len() as f64 * 1000.0 / words)
            });
            let hover = Side::BOTH.map(|p| {
                let (hits, passages) =
                    stat(p).map_or((0, 0), |st| (st.article_hits, st.article_passages.len()));
                let mut text = format!(
                    "{}\n{}: {:.1} cue hits per 1,000 words ({hits} hits in {passages} passages)",
                    f.name,
                    s.docs[p].title(),
                    values[p.index()]
                );
                if let Some(m) = markers[p.index()] {
                    text.push_str(&format!("\nyou coded {:.1} per 1,000 words", m));
                }
                text.push_str("\nClick to list the passages");
                text
            });
            chart::Row {
                label: &f.name,
                swatch: frame_solid(f.rgb()),
                values,
                markers,
                selected: cx.lens.selected_frame == Some(i),
                hover,
            }
        })
        .collect();
    let series = Side::BOTH.map(|p| chart::Series {
        color: side_color(p, dark),
        marker: ui_strong_side(p, dark),
    });
    let unit = if any_coded {
        "cue hits (bars) and your codes (diamonds) per 1,000 words"
    } else {
        "cue hits per 1,000 words"
    };
    let out = chart::bar_rows(ui, series, &rows, unit);
    // Where each bar is on screen (tests click them).
    cx.panel.profile_bars = out
        .bars
        .iter()
        .map(|&(i, k, at)| (i, Side::BOTH[k], at))
        .collect();
    if let Some(i) = out.clicked {
        let pick = (cx.lens.selected_frame != Some(i)).then_some(i);
        cx.queue.push(Command::Lens(LensCommand::SelectFrame(pick)));
    }
    if let Some(i) = cx.lens.selected_frame.filter(|&i| i < n) {
        ui.separator();
        frame_passages_ui(cx, ui, s, i, true);
    }
}

/// A darker shade of a side's colour, for markers drawn over its bars.
pub(super) fn ui_strong_side(pane: Side, dark: bool) -> Color32 {
    let c = side_color(pane, dark);
    if dark {
        Color32::from_rgb(
            c.r().saturating_add(50),
            c.g().saturating_add(50),
            c.b().saturating_add(50),
        )
    } else {
        Color32::from_rgb(c.r() / 2, c.g() / 2, c.b() / 2)
    }
}

/// A passage: the text around `span`, clickable to jump its pane there.
pub(super) fn passage_link(
    cx: &mut Cx<'_>,
    ui: &mut Ui,
    doc: &Document,
    pane: Side,
    block: usize,
    span: &Span,
) {
    let b = &doc.blocks()[block];
    let display = DisplayText::of_block(&doc.text, b);
    let at = display.to_display(span.start);
    let end = display.to_display(span.end);
    let snippet = crate::document::text::around(&display.text, at..end, 60, 80);
    let where_ = if b.comment.is_some() {
        "comment"
    } else {
        "article"
    };
    if ui
        .add(
            egui::Button::new(RichText::new(snippet).small())
                .wrap()
                .frame(false),
        )
        .on_hover_text(format!(
            "Show this {where_} passage in the {} pane",
            pane.name()
        ))
        .clicked()
    {
        cx.queue.push(Command::View(ViewCommand::ScrollTo {
            pane,
            offset: span.start,
        }));
    }
}

/// All passages of one frame in both articles.
pub(super) fn frame_passages_ui(
    cx: &mut Cx<'_>,
    ui: &mut Ui,
    s: &Sides,
    frame: usize,
    with_title: bool,
) {
    let book = cx.lens.book().book.clone();
    let Some(f) = book.frames().get(frame) else {
        return;
    };
    if with_title {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, frame_solid(f.rgb()));
            ui.label(RichText::new(&f.name).strong());
        });
        if !f.description.is_empty() {
            ui.label(RichText::new(&f.description).small().weak());
        }
        for q in &f.questions {
            ui.label(RichText::new(format!("• {q}")).small().italics());
        }
    }
    let coded = cx.coded_by_frame();
    ui.columns(2, |cols| {
        for p in Side::BOTH {
            let ui = &mut cols[p.index()];
            let a = &s.analyses[p];
            let st = &a.frames.stats[frame];
            let mine = &coded[p][frame];
            if !mine.is_empty() {
                ui.label(
                    RichText::new(format!("{} passage(s) you coded", mine.len()))
                        .small()
                        .strong()
                        .color(side_color(p, ui.visuals().dark_mode)),
                );
                for (_, span) in mine {
                    if let Some(block) = s.docs[p].block_at(span.start) {
                        ui.horizontal(|ui| {
                            let (rect, _) =
                                ui.allocate_exact_size(egui::vec2(3.0, 14.0), egui::Sense::hover());
                            ui.painter().rect_filled(rect, 1.0, frame_solid(f.rgb()));
                            passage_link(cx, ui, &s.docs[p], p, block, span);
                        });
                        ui.add_space(2.0);
                    }
                }
                ui.separator();
            }
            ui.label(
                RichText::new(format!(
                    "{} passage(s), {} hits",
                    st.article_passages.len(),
                    st.article_hits
                ))
                .small()
                .color(side_color(p, ui.visuals().dark_mode)),
            );
            for &block in &st.article_passages {
                if let Some(h) = a
                    .frames
                    .hits
                    .iter()
                    .find(|h| h.block == block && h.frame == frame)
                {
                    passage_link(cx, ui, &s.docs[p], p, block, &h.span);
                    ui.add_space(2.0);
                }
            }
            if st.thread_hits > 0 {
                ui.label(
                    RichText::new(format!(
                        "and {} hits in {} comment passages",
                        st.thread_hits,
                        st.thread_passages.len()
                    ))
                    .small()
                    .weak(),
                );
            }
        }
    });
}

/// Rows are frames; the two columns hold each article's passages for that frame.
pub(super) fn matrix_ui(cx: &mut Cx<'_>, ui: &mut Ui, s: &Sides) {
    let book = cx.lens.book().book.clone();
    let coded = cx.coded_by_frame();
    for (i, f) in book.frames().iter().enumerate() {
        let counts = Side::BOTH.map(|p| s.analyses[p].frames.stats[i].article_passages.len());
        let mine = [coded[Side::Left][i].len(), coded[Side::Right][i].len()];
        let id = ui.make_persistent_id(("matrix-row", &f.id));
        let mut open = cx.panel.matrix_open.contains(&f.id)
            || cx.lens.selected_frame == Some(i) && !cx.panel.matrix_closed.contains(&f.id);
        let was_open = open;
        let header = |ui: &mut Ui| {
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 2.0, frame_solid(f.rgb()));
                let r = ui.add(
                    egui::Label::new(RichText::new(&f.name).strong()).sense(egui::Sense::click()),
                );
                ui.label(RichText::new(format!("{} | {}", counts[0], counts[1])).weak());
                if mine != [0, 0] {
                    ui.label(
                        RichText::new(format!("yours {} | {}", mine[0], mine[1]))
                            .strong()
                            .small(),
                    )
                    .on_hover_text("Passages you coded with this frame, left | right");
                }
                r
            })
            .inner
            .on_hover_text(if was_open {
                "Hide the passages"
            } else {
                "Show every passage of this frame in both articles"
            })
        };
        crate::ui::widgets::section(ui, id, &mut open, header, |ui| {
            frame_passages_ui(cx, ui, s, i, false)
        });
        if open {
            cx.panel.matrix_open.insert(f.id.clone());
            cx.panel.matrix_closed.remove(&f.id);
        } else {
            cx.panel.matrix_open.remove(&f.id);
            if was_open {
                cx.panel.matrix_closed.insert(f.id.clone());
            }
        }
    }
}
