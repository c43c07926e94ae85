//! The comparison panel: how the two articles frame the question, side by side. Every number
//! leads back to its passages: click a bar, a passage, a word or a link.

use std::sync::Arc;

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

use super::app::App;
use super::commands::{Command, LensCommand, Side, ViewCommand};
use super::lens::{frame_solid, verb_class_color};
use crate::analysis::attribution::SpeakerType;
use crate::analysis::quotes::{share_by_type, speaker_summaries, unattributed, voices};
use crate::analysis::summary::summarize;
use crate::analysis::{Comparison, DocAnalysis, Scope};
use crate::document::display::DisplayText;
use crate::document::{Document, Span};

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

/// Grouped bars per frame, left vs right, hits per 1,000 words of the article; diamonds for
/// the passages the reader coded by hand.
fn profile_ui(app: &mut App, ui: &mut Ui, s: &Sides) {
    let book = app.lens.book().book.clone();
    let frames = book.frames();
    let n = frames.len();
    let dark = ui.visuals().dark_mode;
    let coded = coded_by_frame(app);
    let any_coded = coded.iter().any(|side| side.iter().any(|c| !c.is_empty()));
    let caption = if any_coded {
        "Bars: cue hits per 1,000 words of each article (comments not counted). Diamonds: passages you coded, per 1,000 words. Click a bar to list its passages."
    } else {
        "Cue hits per 1,000 words of each article (comments not counted). Click a bar to list its passages. Code passages (keys 1–9) to see your own coding here."
    };
    ui.label(RichText::new(caption).small().weak());
    let mut diamonds: [Vec<[f64; 2]>; 2] = [Vec::new(), Vec::new()];
    for p in Side::BOTH {
        let words = s.docs[p].words.article.max(1) as f64;
        for (i, c) in coded[p].iter().enumerate() {
            if !c.is_empty() {
                let y = (n - 1 - i) as f64 + p.pick(0.2, -0.2);
                diamonds[p].push([c.len() as f64 * 1000.0 / words, y]);
            }
        }
    }
    let mut bars: [Vec<Bar>; 2] = [Vec::new(), Vec::new()];
    for (i, f) in frames.iter().enumerate() {
        let y = (n - 1 - i) as f64;
        for p in Side::BOTH {
            let v = s.analyses[p]
                .frames
                .stats
                .get(i)
                .map_or(0.0, |st| st.article_per_1000);
            let offset = p.pick(0.2, -0.2);
            let mut bar = Bar::new(y + offset, v)
                .width(0.38)
                .fill(side_color(p, dark).gamma_multiply(0.85))
                .name(format!("{} — {}", f.name, p.name()));
            if app.lens.selected_frame == Some(i) {
                bar = bar.stroke(egui::Stroke::new(2.0, ui.visuals().strong_text_color()));
            }
            bars[p].push(bar);
        }
    }
    let names: Vec<String> = frames.iter().map(|f| f.name.clone()).collect();
    let height = (n as f32 * 34.0 + 40.0).clamp(160.0, 520.0);
    let response = Plot::new(("frame-profile", n))
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_grid([true, false])
        .include_x(0.0)
        .include_y(-0.6)
        .include_y(n as f64 - 0.4)
        .y_axis_min_width(110.0)
        .y_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() > 1e-6 || i < 0.0 || i as usize >= names.len() {
                return String::new();
            }
            let name = &names[names.len() - 1 - i as usize];
            if name.chars().count() > 18 {
                format!("{}…", name.chars().take(17).collect::<String>())
            } else {
                name.clone()
            }
        })
        .x_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Left", std::mem::take(&mut bars[Side::Left]))
                    .horizontal()
                    .color(side_color(Side::Left, dark)),
            );
            plot.bar_chart(
                BarChart::new("Right", std::mem::take(&mut bars[Side::Right]))
                    .horizontal()
                    .color(side_color(Side::Right, dark)),
            );
            for p in Side::BOTH {
                if diamonds[p].is_empty() {
                    continue;
                }
                let name = format!("{}: your codes", p.title());
                plot.points(
                    egui_plot::Points::new(name, std::mem::take(&mut diamonds[p]))
                        .shape(egui_plot::MarkerShape::Diamond)
                        .radius(6.5)
                        .filled(true)
                        .color(ui_strong_side(p, dark)),
                );
            }
        });
    // Where each bar is on screen (tests click them; screen readers get the chart's name).
    app.profile_bars = (0..n)
        .flat_map(|i| {
            let y = (n - 1 - i) as f64;
            Side::BOTH.map(|p| {
                let v = s.analyses[p]
                    .frames
                    .stats
                    .get(i)
                    .map_or(0.0, |st| st.article_per_1000);
                let at = egui_plot::PlotPoint::new(v / 2.0, y + p.pick(0.2, -0.2));
                (i, p, response.transform.position_from_point(&at))
            })
        })
        .collect();
    response
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Frame profile chart"));
    if response.response.clicked()
        && let Some(pos) = response.response.interact_pointer_pos()
    {
        let value = response.transform.value_from_position(pos);
        let i = (n as f64 - 1.0 - value.y).round();
        if i >= 0.0 && (i as usize) < n && value.x >= 0.0 {
            app.queue
                .push(Command::Lens(LensCommand::SelectFrame(Some(i as usize))));
        }
    }
    if let Some(i) = app.lens.selected_frame.filter(|&i| i < n) {
        ui.separator();
        frame_passages_ui(app, ui, s, i, true);
    }
}

/// A darker shade of a side's colour, for markers drawn over its bars.
fn ui_strong_side(pane: Side, dark: bool) -> Color32 {
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
fn passage_link(app: &mut App, ui: &mut Ui, doc: &Document, pane: Side, block: usize, span: &Span) {
    let b = &doc.blocks()[block];
    let display = DisplayText::of_block(&doc.text, b);
    let at = display.to_display(span.start);
    let end = display.to_display(span.end);
    let start = crate::document::text::floor_char_boundary(&display.text, at.saturating_sub(60));
    let stop = crate::document::text::ceil_char_boundary(
        &display.text,
        (end + 80).min(display.text.len()),
    );
    let mut snippet = String::new();
    if start > 0 {
        snippet.push('…');
    }
    snippet.push_str(display.text[start..stop].trim());
    if stop < display.text.len() {
        snippet.push('…');
    }
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
        app.queue.push(Command::View(ViewCommand::ScrollTo {
            pane,
            offset: span.start,
        }));
    }
}

/// All passages of one frame in both articles.
fn frame_passages_ui(app: &mut App, ui: &mut Ui, s: &Sides, frame: usize, with_title: bool) {
    let book = app.lens.book().book.clone();
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
    let coded = coded_by_frame(app);
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
                            passage_link(app, ui, &s.docs[p], p, block, span);
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
                    passage_link(app, ui, &s.docs[p], p, block, &h.span);
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
fn matrix_ui(app: &mut App, ui: &mut Ui, s: &Sides) {
    let book = app.lens.book().book.clone();
    let coded = coded_by_frame(app);
    for (i, f) in book.frames().iter().enumerate() {
        let counts = Side::BOTH.map(|p| s.analyses[p].frames.stats[i].article_passages.len());
        let mine = [coded[Side::Left][i].len(), coded[Side::Right][i].len()];
        let id = ui.make_persistent_id(("matrix-row", &f.id));
        let mut open = app.matrix_open.contains(&f.id)
            || app.lens.selected_frame == Some(i) && !app.matrix_closed.contains(&f.id);
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
        super::widgets::section(ui, id, &mut open, header, |ui| {
            frame_passages_ui(app, ui, s, i, false)
        });
        if open {
            app.matrix_open.insert(f.id.clone());
            app.matrix_closed.remove(&f.id);
        } else {
            app.matrix_open.remove(&f.id);
            if was_open {
                app.matrix_closed.insert(f.id.clone());
            }
        }
    }
}

/// The colour of a type of speaker in the share-of-voice chart (None: unattributed).
fn speaker_type_color(t: Option<SpeakerType>, dark: bool) -> Color32 {
    let rgb = match t {
        Some(SpeakerType::Official) => [0x3b, 0x6e, 0xc4],
        Some(SpeakerType::Expert) => [0x2e, 0x9e, 0x73],
        Some(SpeakerType::Citizen) => [0xe0, 0x8e, 0x2b],
        Some(SpeakerType::Anonymous) => [0x8e, 0x6b, 0xbf],
        Some(SpeakerType::Organisation) => [0x6b, 0x8a, 0x9e],
        Some(SpeakerType::Media) => [0xc2, 0x4e, 0x6a],
        None => [0x9a, 0x9a, 0x9a],
    };
    let c = Color32::from_rgb(rgb[0], rgb[1], rgb[2]);
    if dark { c } else { c.gamma_multiply(0.95) }
}

fn type_label(t: Option<SpeakerType>) -> &'static str {
    t.map_or("unattributed", SpeakerType::as_str)
}

/// Share of voice by type of speaker: one stacked bar per article, segments by type.
fn share_of_voice_ui(ui: &mut Ui, s: &Sides) {
    let dark = ui.visuals().dark_mode;
    ui.label(RichText::new("Share of voice by type of speaker").strong());
    ui.label(
        RichText::new("Words quoted or reported in the article, by who says them.")
            .small()
            .weak(),
    );
    let width = ui.available_width().min(520.0);
    for p in Side::BOTH {
        let a = &s.analyses[p];
        let shares = share_by_type(&a.quotes, &a.speakers);
        let total: usize = shares.iter().map(|(_, n, _)| n).sum();
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 16.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect.shrink2(egui::vec2(0.0, 3.0)), 2.0, side_color(p, dark));
            let (rect, resp) =
                ui.allocate_exact_size(egui::vec2(width, 16.0), egui::Sense::hover());
            let painter = ui.painter();
            if total == 0 {
                painter.rect_stroke(
                    rect,
                    2.0,
                    egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
                    egui::StrokeKind::Inside,
                );
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    "nobody quoted",
                    egui::FontId::proportional(11.0),
                    ui.visuals().weak_text_color(),
                );
                return;
            }
            let mut x = rect.left();
            let mut hovered = None;
            for (t, n, share) in &shares {
                if *n == 0 {
                    continue;
                }
                let w = rect.width() * *share as f32;
                let seg = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, 16.0));
                painter.rect_filled(seg, 0.0, speaker_type_color(*t, dark));
                if w > 44.0 {
                    painter.text(
                        seg.center(),
                        egui::Align2::CENTER_CENTER,
                        format!("{:.0}%", share * 100.0),
                        egui::FontId::proportional(11.0),
                        Color32::WHITE,
                    );
                }
                if resp.hover_pos().is_some_and(|h| seg.contains(h)) {
                    hovered = Some((*t, *n, *share));
                }
                x += w;
            }
            if let Some((t, n, share)) = hovered {
                resp.on_hover_text(format!(
                    "{}: {:.0}% of the quoted words ({n} words)",
                    type_label(t),
                    share * 100.0
                ));
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        for t in SpeakerType::ALL.map(Some).into_iter().chain([None]) {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, speaker_type_color(t, dark));
            ui.label(RichText::new(type_label(t)).small());
        }
    });
}

fn voices_ui(app: &mut App, ui: &mut Ui, s: &Sides) {
    let dark = ui.visuals().dark_mode;
    share_of_voice_ui(ui, s);
    ui.add_space(8.0);
    for p in Side::BOTH {
        let a = &s.analyses[p];
        let doc = &s.docs[p];
        let speakers = speaker_summaries(&a.quotes, &a.speakers);
        let nobody = unattributed(&a.quotes);
        ui.label(
            RichText::new(format!(
                "Who speaks in the {} article — {} speaker{}",
                p.name(),
                speakers.len(),
                if speakers.len() == 1 { "" } else { "s" }
            ))
            .strong()
            .color(side_color(p, dark)),
        );
        if speakers.is_empty() && nobody.is_empty() {
            ui.label(RichText::new("Nobody is quoted in this article.").weak());
        }
        for sp in &speakers {
            let open = app.voices_open.contains(&(p, sp.entity));
            let mut counts = Vec::new();
            for (n, what) in [
                (sp.direct, "direct"),
                (sp.partial, "partial"),
                (sp.indirect, "reported"),
                (sp.excerpts, "excerpt"),
            ] {
                if n > 0 {
                    counts.push(format!("{n} {what}"));
                }
            }
            let row = ui
                .horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(8.0, 8.0), egui::Sense::hover());
                    ui.painter().rect_filled(
                        rect,
                        2.0,
                        speaker_type_color(Some(sp.speaker_type), dark),
                    );
                    let r = ui.selectable_label(
                        open,
                        RichText::new(format!("{} {}", if open { "−" } else { "+" }, sp.name))
                            .strong(),
                    );
                    ui.label(
                        RichText::new(format!(
                            "{} · {} · {} words · {:.0}% of voice",
                            sp.speaker_type.singular(),
                            counts.join(", "),
                            sp.words,
                            sp.share * 100.0
                        ))
                        .small()
                        .weak(),
                    );
                    r
                })
                .inner;
            if row
                .on_hover_text("List what they say; click a passage to jump there")
                .clicked()
            {
                if open {
                    app.voices_open.remove(&(p, sp.entity));
                } else {
                    app.voices_open.insert((p, sp.entity));
                }
            }
            ui.indent(("speaker", p, sp.entity), |ui| {
                if let Some(intro) = &sp.introduction {
                    ui.label(
                        RichText::new(format!("Introduced as “{intro}”"))
                            .small()
                            .italics(),
                    );
                }
                ui.horizontal_wrapped(|ui| {
                    for (class, verbs) in &sp.verbs {
                        let list: Vec<String> = verbs
                            .iter()
                            .map(|(v, n)| {
                                if *n > 1 {
                                    format!("{v} ×{n}")
                                } else {
                                    v.clone()
                                }
                            })
                            .collect();
                        ui.label(
                            RichText::new(format!("{}: {}", class.as_str(), list.join(", ")))
                                .small()
                                .color(verb_class_color(*class, dark)),
                        );
                    }
                });
                if open {
                    for &qi in &sp.quotes {
                        let q = &a.quotes[qi];
                        if let Some(block) = doc.block_at(q.span.start) {
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(q.kind.label()).small().weak());
                            });
                            passage_link(app, ui, doc, p, block, &q.span);
                        }
                    }
                }
            });
            ui.add_space(2.0);
        }
        if !nobody.is_empty() {
            let open = app.voices_open.contains(&(p, usize::MAX));
            if ui
                .selectable_label(
                    open,
                    RichText::new(format!(
                        "{} Unattributed ({}): quoted, with nobody named",
                        if open { "−" } else { "+" },
                        nobody.len()
                    ))
                    .italics(),
                )
                .clicked()
            {
                if open {
                    app.voices_open.remove(&(p, usize::MAX));
                } else {
                    app.voices_open.insert((p, usize::MAX));
                }
            }
            if open {
                ui.indent(("unattributed", p), |ui| {
                    for &qi in &nobody {
                        let q = &a.quotes[qi];
                        if let Some(block) = doc.block_at(q.span.start) {
                            passage_link(app, ui, doc, p, block, &q.span);
                        }
                    }
                });
            }
        }
        ui.add_space(8.0);
    }
    thread_voices_ui(ui, s);
    ui.label(
        RichText::new("Verb colours: neutral, distancing, rejecting, conceding, endorsing.")
            .small()
            .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        for c in crate::analysis::lexicon::VerbClass::ALL {
            ui.label(
                RichText::new(c.as_str())
                    .small()
                    .color(verb_class_color(c, dark)),
            );
        }
    });
}

/// Reader comments: who writes most in each thread.
fn thread_voices_ui(ui: &mut Ui, s: &Sides) {
    let dark = ui.visuals().dark_mode;
    for p in Side::BOTH {
        let v = voices(&s.analyses[p].quotes, Scope::Thread);
        if v.is_empty() {
            continue;
        }
        ui.label(
            RichText::new(format!("Reader comments — {}", p.name()))
                .strong()
                .color(side_color(p, dark)),
        );
        egui::Grid::new(("voices", p))
            .striped(true)
            .num_columns(3)
            .show(ui, |ui| {
                ui.label(RichText::new("Commenter").small().weak());
                ui.label(RichText::new("Comments").small().weak());
                ui.label(RichText::new("Share of words").small().weak());
                ui.end_row();
                for voice in v.iter().take(12) {
                    ui.label(&voice.speaker);
                    ui.label(format!("{}", voice.quotes));
                    ui.add(
                        egui::ProgressBar::new(voice.share as f32)
                            .desired_width(70.0)
                            .text(format!("{:.0}% · {} w", voice.share * 100.0, voice.words)),
                    );
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
    }
}

fn words_ui(app: &mut App, ui: &mut Ui, s: &Sides) {
    let dark = ui.visuals().dark_mode;
    ui.label(RichText::new("Weighted log-odds with an informative prior (Monroe et al. 2008): z and counts left/right. Click a word to outline it in both panes.").small().weak());
    if app.lens.term.is_some() && ui.small_button("Clear the outlined word").clicked() {
        app.queue
            .push(Command::Lens(LensCommand::HighlightTerm(None)));
    }
    ui.columns(2, |cols| {
        for p in Side::BOTH {
            let ui = &mut cols[p.index()];
            ui.label(
                RichText::new(format!("More in the {}", p.name()))
                    .strong()
                    .color(side_color(p, dark)),
            );
            let list = p.pick(
                &s.comparison.distinctive.left,
                &s.comparison.distinctive.right,
            );
            egui::Grid::new(("terms", p))
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for t in list {
                        let selected = app.lens.term.as_deref() == Some(t.term.as_str());
                        if ui.selectable_label(selected, &t.term).clicked() {
                            app.queue.push(Command::Lens(LensCommand::HighlightTerm(
                                if selected { None } else { Some(t.term.clone()) },
                            )));
                        }
                        ui.label(RichText::new(format!("{:.1}", t.z.abs())).small());
                        ui.label(
                            RichText::new(format!("{}/{}", t.left_count, t.right_count))
                                .small()
                                .weak(),
                        );
                        ui.end_row();
                    }
                });
        }
    });
}

fn stance_ui(ui: &mut Ui, s: &Sides) {
    let dark = ui.visuals().dark_mode;
    ui.label(RichText::new("Hedges (may, perhaps, likely…) and boosters (clearly, in fact, must…) per 1,000 words.").small().weak());
    egui::Grid::new("stance")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            ui.label("");
            for p in Side::BOTH {
                ui.label(RichText::new("Hedges").small().color(side_color(p, dark)));
                ui.label(RichText::new("Boosters").small().color(side_color(p, dark)));
            }
            ui.end_row();
            let rows = [
                ("Article", 0),
                ("The writer's own words", 1),
                ("Comments", 2),
            ];
            for (name, row) in rows {
                ui.label(name);
                for p in Side::BOTH {
                    let st = &s.analyses[p].stance;
                    let c = match row {
                        0 => st.article,
                        1 => st.writer,
                        _ => st.thread,
                    };
                    ui.label(format!("{:.1}", c.hedges_per_1000()));
                    ui.label(format!("{:.1}", c.boosters_per_1000()));
                }
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    for p in Side::BOTH {
        ui.label(
            RichText::new(format!("Quoted speakers — {}", p.name()))
                .strong()
                .color(side_color(p, dark)),
        );
        egui::Grid::new(("stance-speakers", p))
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for (speaker, c) in s.analyses[p]
                    .stance
                    .by_speaker
                    .iter()
                    .filter(|(_, c)| c.words >= 20)
                    .take(8)
                {
                    ui.label(speaker);
                    ui.label(format!("{} words", c.words));
                    ui.label(format!("hedges {:.1}", c.hedges_per_1000()));
                    ui.label(format!("boosters {:.1}", c.boosters_per_1000()));
                    ui.end_row();
                }
            });
    }
}

/// `known`: how many actors the codebook lists (their aliases are counted as one actor).
fn actors_ui(ui: &mut Ui, s: &Sides, known: usize) {
    let dark = ui.visuals().dark_mode;
    let how = if known == 0 {
        "This codebook lists no actors, so names are counted as the text writes them.".to_owned()
    } else {
        format!(
            "The codebook's {known} actors are counted under one name whatever alias the text uses."
        )
    };
    ui.label(
        RichText::new(format!("Mentions in each article (comments apart). {how}"))
            .small()
            .weak(),
    );
    /// (name, kind, article mentions per side, thread mentions per side)
    type Row = (String, Option<&'static str>, [usize; 2], [usize; 2]);
    let mut names: Vec<Row> = Vec::new();
    for p in Side::BOTH {
        for c in &s.analyses[p].actors.counts {
            let i = match names.iter().position(|n| n.0 == c.name) {
                Some(i) => i,
                None => {
                    names.push((c.name.clone(), c.kind.map(|k| k.as_str()), [0; 2], [0; 2]));
                    names.len() - 1
                }
            };
            names[i].2[p] = c.article;
            names[i].3[p] = c.thread;
        }
    }
    names.retain(|n| n.2[0] + n.2[1] > 0);
    names.sort_by(|a, b| {
        (b.2[0] + b.2[1])
            .cmp(&(a.2[0] + a.2[1]))
            .then(a.0.cmp(&b.0))
    });
    let max = names
        .iter()
        .map(|n| n.2[0].max(n.2[1]))
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    egui::Grid::new("actors")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for (name, kind, article, _) in names.iter().take(40) {
                let label = ui.label(name);
                label.on_hover_text(
                    kind.unwrap_or("a name found in the text (not among the codebook's actors)"),
                );
                for p in Side::BOTH {
                    let w = 80.0 * article[p] as f32 / max;
                    ui.horizontal(|ui| {
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(80.0, 10.0), egui::Sense::hover());
                        ui.painter().rect_filled(
                            egui::Rect::from_min_size(rect.min, egui::vec2(w, 10.0)),
                            2.0,
                            side_color(p, dark),
                        );
                        ui.label(RichText::new(article[p].to_string()).small());
                    });
                }
                ui.end_row();
            }
        });
}

fn links_ui(app: &mut App, ui: &mut Ui, s: &Sides) {
    ui.label(
        RichText::new(
            "Passages that are each other's closest match (TF-IDF cosine). Click to show both.",
        )
        .small()
        .weak(),
    );
    if s.comparison.links.is_empty() {
        ui.label("No passages of the two articles are close enough to link.");
    }
    for (i, l) in s.comparison.links.iter().enumerate() {
        ui.group(|ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{:.2}", l.score)).strong());
                ui.label(RichText::new(l.shared.join(", ")).small().weak());
                if ui.small_button("Show both").clicked() {
                    app.queue.push(Command::View(ViewCommand::ScrollTo {
                        pane: Side::Left,
                        offset: l.left.start,
                    }));
                    app.queue.push(Command::View(ViewCommand::ScrollTo {
                        pane: Side::Right,
                        offset: l.right.start,
                    }));
                }
            });
            ui.columns(2, |cols| {
                passage_link(
                    app,
                    &mut cols[0],
                    &s.docs[Side::Left],
                    Side::Left,
                    l.left_block,
                    &(l.left.start..l.left.start),
                );
                passage_link(
                    app,
                    &mut cols[1],
                    &s.docs[Side::Right],
                    Side::Right,
                    l.right_block,
                    &(l.right.start..l.right.start),
                );
            });
            let _ = i;
        });
    }
}

fn summary_ui(app: &mut App, ui: &mut Ui, s: &Sides) {
    let dark = ui.visuals().dark_mode;
    let book = app.lens.book().book.book.clone();
    for p in Side::BOTH {
        let distinctive = p.pick(
            &s.comparison.distinctive.left,
            &s.comparison.distinctive.right,
        );
        let sum = summarize(&s.analyses[p], &book, distinctive);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(s.docs[p].title())
                    .strong()
                    .color(side_color(p, dark)),
            );
            ui.label(sum.text);
        });
        ui.add_space(6.0);
    }
    ui.label(
        RichText::new("Written from the numbers in the other tabs; frame hits are cue-based.")
            .small()
            .weak(),
    );
}
