//! The Worksheet tab: the framing worksheet of the two articles side by side, one row per
//! question, with the coded frame profile drawn beside the cue-based one.

use std::collections::HashMap;

use egui::{RichText, Stroke, Ui};

use super::*;
use crate::document::Span;
use crate::notes::model::Anchor;
use crate::notes::worksheet::{self, Answer, Kind, Question, Verdict, Worksheet};
use crate::ui::chart;
use crate::ui::commands::{DraggedPassage, StudyCommand, ViewCommand};
use crate::ui::lens::frame_solid;
use crate::ui::shortcuts::Shortcut;
use crate::ui::widgets::short_quote;

/// What the tab keeps between frames.
#[derive(Default)]
pub(super) struct WorksheetTab {
    /// The question the cite key (W) puts the selection into: the one last answered, cited
    /// or picked.
    pub(super) current: Option<String>,
    /// Only the rows where the two articles' answers differ.
    only_differences: bool,
    /// Where each citation was found, for the folder (by its address) it was looked up in.
    places: HashMap<Anchor, Option<(usize, Span)>>,
    places_for: usize,
    /// The pass the worksheet was last drawn in: while it shows, a passage dragged out of a
    /// pane can be dropped on it.
    pub(super) drawn_pass: Option<u64>,
}

impl WorksheetTab {
    /// Where a citation is in the folder now (looked up once per folder version).
    fn place(
        &mut self,
        anchor: &Anchor,
        corpus: &Arc<crate::corpus::Corpus>,
    ) -> Option<(usize, Span)> {
        let key = Arc::as_ptr(corpus) as usize;
        if self.places_for != key {
            self.places.clear();
            self.places_for = key;
        }
        self.places
            .entry(anchor.clone())
            .or_insert_with(|| crate::notes::session::Placement::of(anchor, corpus).span())
            .clone()
    }
}

pub(super) fn worksheet_ui(cx: &mut Cx<'_>, ui: &mut Ui, s: &Sides) {
    cx.panel.worksheet.drawn_pass = Some(ui.ctx().cumulative_pass_nr());
    let book = cx.lens.book().book.clone();
    let questions = worksheet::questions(&book.book);
    let session = &cx.study.desk.session;
    let read_only = session.read_only;
    let articles = Side::BOTH.map(|p| s.docs[p].source.rel_path.clone());
    let empty = Worksheet::default();
    let sheets: [Worksheet; 2] = Side::BOTH.map(|p| {
        session
            .worksheet(&articles[p.index()])
            .unwrap_or(&empty)
            .clone()
    });
    ui.label(
        RichText::new(format!(
            "Answer each question for each article, and cite the passages the answer rests on: \
             select a passage, then \u{201c}Cite selection\u{201d}, the text\u{2019}s right-click \
             menu, {} for the question marked for citing, or drag the selected passage onto an \
             answer. Rows where the articles differ are marked.",
            Shortcut::Cite.name()
        ))
        .small()
        .weak(),
    );
    ui.add_space(4.0);
    egui::CollapsingHeader::new("Frame profile: the cues and your answers")
        .id_salt("worksheet-profile")
        .default_open(true)
        .show(ui, |ui| profile_pair(ui, s, &book.book, &sheets));
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        for p in Side::BOTH {
            let n = questions
                .iter()
                .filter(|q| sheets[p].get(&q.key).is_some_and(|a| answered(q.kind, a)))
                .count();
            ui.label(
                RichText::new(format!(
                    "{}: {n} of {} answered",
                    short_quote(s.docs[p].title(), 40),
                    questions.len()
                ))
                .small()
                .color(side_color(p, ui.visuals().dark_mode)),
            );
        }
        ui.checkbox(
            &mut cx.panel.worksheet.only_differences,
            "Only rows that differ",
        );
    });
    ui.separator();
    let warn = ui.visuals().warn_fg_color;
    let mut heading = "";
    for q in &questions {
        let answers = Side::BOTH.map(|p| sheets[p].get(&q.key));
        let differs = worksheet::differ(q.kind, answers[0], answers[1]);
        if cx.panel.worksheet.only_differences && !differs {
            continue;
        }
        if heading != q.heading {
            heading = &q.heading;
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if let Some(f) = q.frame.and_then(|i| book.frames().get(i)) {
                    crate::ui::notes_ui::swatch(ui, frame_solid(f.rgb()));
                }
                ui.label(RichText::new(heading).strong());
            });
        }
        let current = cx.panel.worksheet.current.as_deref() == Some(q.key.as_str());
        let stroke = if differs {
            Stroke::new(1.5, warn)
        } else if current {
            Stroke::new(1.5, ui.visuals().selection.stroke.color)
        } else {
            ui.visuals().widgets.noninteractive.bg_stroke
        };
        egui::Frame::group(ui.style()).stroke(stroke).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(&q.text);
                if differs {
                    ui.label(RichText::new("differs").small().color(warn));
                }
                let pick = ui
                    .selectable_label(current, RichText::new(format!("cite with {}", Shortcut::Cite.name())).small())
                    .on_hover_text(format!(
                        "{} cites the passage selected in the focused pane in this question's answer",
                        Shortcut::Cite.name()
                    ));
                if pick.clicked() {
                    cx.panel.worksheet.current = (!current).then(|| q.key.clone());
                }
            });
            ui.columns(2, |cols| {
                for p in Side::BOTH {
                    let ui = &mut cols[p.index()];
                    ui.add_enabled_ui(!read_only, |ui| {
                        drop_to_cite(cx, ui, p, &q.key, |cx, ui| {
                            answer_cell(cx, ui, p, &articles[p.index()], q, answers[p.index()]);
                        });
                    });
                }
            });
        });
    }
}

/// An answer cell that takes a passage dragged out of its article's pane and cites it in
/// the answer to question `key`: lit while a passage of that pane is carried over it.
fn drop_to_cite(
    cx: &mut Cx<'_>,
    ui: &mut Ui,
    pane: Side,
    key: &str,
    cell: impl FnOnce(&mut Cx<'_>, &mut Ui),
) {
    let carried = egui::DragAndDrop::payload::<DraggedPassage>(ui.ctx())
        .is_some_and(|d| d.pane == pane && ui.is_enabled());
    let mut frame = egui::Frame::new()
        .inner_margin(3.0)
        .corner_radius(3.0)
        .begin(ui);
    cell(cx, &mut frame.content_ui);
    let response = frame.allocate_space(ui);
    // A container: its own fields and buttons cover most of it.
    let over = carried && response.container_contains_pointer();
    if carried {
        frame.frame.stroke = if over {
            ui.visuals().widgets.active.bg_stroke
        } else {
            Stroke::new(1.0, ui.visuals().selection.stroke.color.gamma_multiply(0.5))
        };
        if over {
            frame.frame.fill = ui.visuals().selection.bg_fill.gamma_multiply(0.25);
        }
    }
    frame.paint(ui);
    if over
        && ui.input(|i| i.pointer.any_released())
        && egui::DragAndDrop::take_payload::<DraggedPassage>(ui.ctx()).is_some()
    {
        cx.panel.worksheet.current = Some(key.to_owned());
        cx.queue.push(Command::Study(StudyCommand::Cite {
            pane,
            key: key.to_owned(),
        }));
    }
}

/// Whether an answer answers its question (a verdict, or written text or citations).
fn answered(kind: Kind, a: &Answer) -> bool {
    match kind {
        Kind::Indicator => a.verdict.is_some(),
        Kind::Open => !a.text.trim().is_empty() || !a.citations.is_empty(),
    }
}

/// One article's answer to one question: the verdict or the written answer, the comment,
/// the cited passages and the button that cites the pane's selection.
fn answer_cell(
    cx: &mut Cx<'_>,
    ui: &mut Ui,
    pane: Side,
    article: &str,
    q: &Question,
    answer: Option<&Answer>,
) {
    let old = answer.cloned().unwrap_or_else(|| Answer {
        question: q.text.clone(),
        ..Default::default()
    });
    let mut new = old.clone();
    new.question.clone_from(&q.text);
    match q.kind {
        Kind::Indicator => {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 3.0;
                for v in Verdict::ALL {
                    let on = old.verdict == Some(v);
                    if ui
                        .selectable_label(on, v.label())
                        .on_hover_text(if on { "Click again to clear" } else { "" })
                        .clicked()
                    {
                        new.verdict = (!on).then_some(v);
                    }
                }
            });
        }
        Kind::Open => {
            ui.add(
                egui::TextEdit::multiline(&mut new.text)
                    .id_salt((pane, &q.key, "answer"))
                    .hint_text("Your answer…")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            );
        }
    }
    ui.add(
        egui::TextEdit::singleline(&mut new.comment)
            .id_salt((pane, &q.key, "comment"))
            .hint_text("Comment")
            .desired_width(f32::INFINITY),
    );
    let mut remove = None;
    for (i, c) in old.citations.iter().enumerate() {
        let place = cx
            .corpus
            .and_then(|corpus| cx.panel.worksheet.place(c, corpus));
        // Wrapped, so a long quote stays inside its column.
        ui.horizontal_wrapped(|ui| {
            let quote = short_quote(&c.exact, 90);
            match place {
                Some((doc, span)) => {
                    if ui
                        .link(RichText::new(format!("\u{201c}{quote}\u{201d}")).italics())
                        .on_hover_text("Show the passage in its pane")
                        .clicked()
                    {
                        cx.queue
                            .push(Command::View(ViewCommand::ShowPassage { doc, span }));
                    }
                }
                None => {
                    ui.label(
                        RichText::new(format!(
                            "\u{201c}{quote}\u{201d} (not found in the article)"
                        ))
                        .italics()
                        .weak(),
                    );
                }
            }
            if ui
                .small_button("\u{d7}")
                .on_hover_text("Remove this citation")
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        new.citations.remove(i);
    }
    if ui
        .small_button("Cite selection")
        .on_hover_text(format!(
            "Cite the passage selected in the {} pane",
            pane.name()
        ))
        .clicked()
    {
        cx.queue.push(Command::Study(StudyCommand::Cite {
            pane,
            key: q.key.clone(),
        }));
    }
    if new != old {
        cx.queue.push(Command::Study(StudyCommand::SetAnswer {
            article: article.to_owned(),
            key: q.key.clone(),
            answer: new,
        }));
    }
}

/// The cue-based profile (cue hits per 1,000 words) and the coded one (the share of each
/// frame's indicator questions answered yes), side by side when there is room.
fn profile_pair(
    ui: &mut Ui,
    s: &Sides,
    book: &crate::analysis::codebook::Codebook,
    sheets: &[Worksheet; 2],
) {
    let dark = ui.visuals().dark_mode;
    let coded = Side::BOTH.map(|p| worksheet::coded_profile(book, &sheets[p.index()]));
    let frames: Vec<usize> = (0..book.frames.len())
        .filter(|&i| coded[0][i].questions > 0)
        .collect();
    if frames.is_empty() {
        ui.label(RichText::new("The codebook in use asks no indicator questions.").weak());
        return;
    }
    let series = || {
        Side::BOTH.map(|p| chart::Series {
            color: side_color(p, dark),
            marker: ui_strong_side(p, dark),
        })
    };
    let cue_rows: Vec<chart::Row<'_>> = frames
        .iter()
        .map(|&i| {
            let f = &book.frames[i];
            let values = Side::BOTH.map(|p| {
                s.analyses[p]
                    .frames
                    .stats
                    .get(i)
                    .map_or(0.0, |st| st.article_per_1000)
            });
            chart::Row {
                label: &f.name,
                swatch: frame_solid(f.rgb()),
                values,
                markers: [None, None],
                selected: false,
                hover: Side::BOTH.map(|p| {
                    format!(
                        "{}\n{}: {:.1} cue hits per 1,000 words",
                        f.name,
                        s.docs[p].title(),
                        values[p.index()]
                    )
                }),
            }
        })
        .collect();
    let coded_rows: Vec<chart::Row<'_>> = frames
        .iter()
        .map(|&i| {
            let f = &book.frames[i];
            let score = Side::BOTH.map(|p| coded[p.index()][i]);
            chart::Row {
                label: &f.name,
                swatch: frame_solid(f.rgb()),
                // An unanswered frame has no value (a dash), not 0 %.
                values: score.map(|sc| sc.share.map_or(f64::NAN, |v| v * 100.0)),
                markers: [None, None],
                selected: false,
                hover: Side::BOTH.map(|p| {
                    let sc = score[p.index()];
                    match sc.share {
                        Some(v) => format!(
                            "{}\n{}: {:.0} % yes ({} of {} questions answered yes, partly or no)",
                            f.name,
                            s.docs[p].title(),
                            v * 100.0,
                            sc.answered,
                            sc.questions
                        ),
                        None => format!(
                            "{}\n{}: none of its {} questions answered yet",
                            f.name,
                            s.docs[p].title(),
                            sc.questions
                        ),
                    }
                }),
            }
        })
        .collect();
    let draw = |ui: &mut Ui, title: &str, rows: &[chart::Row<'_>], unit: &str| {
        ui.label(RichText::new(title).small().strong());
        chart::bar_rows(ui, series(), rows, unit);
    };
    let cue_title = "Cue-based: where the vocabulary is";
    let coded_title = "Coded: your answers (partly counts half)";
    if ui.available_width() > 760.0 {
        ui.columns(2, |cols| {
            draw(
                &mut cols[0],
                cue_title,
                &cue_rows,
                "cue hits per 1,000 words",
            );
            draw(
                &mut cols[1],
                coded_title,
                &coded_rows,
                "% of answered questions answered yes",
            );
        });
    } else {
        draw(ui, cue_title, &cue_rows, "cue hits per 1,000 words");
        ui.add_space(6.0);
        draw(
            ui,
            coded_title,
            &coded_rows,
            "% of answered questions answered yes",
        );
    }
}
