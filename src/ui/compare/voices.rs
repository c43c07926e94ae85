//! Who speaks: share of voice by speaker type, each speaker with their verbs, and the
//! comment thread's voices.

use egui::{Color32, RichText, Ui};

use crate::analysis::Scope;
use crate::analysis::attribution::SpeakerType;
use crate::analysis::quotes::{share_by_type, speaker_summaries, unattributed, voices};
use crate::ui::commands::Side;
use crate::ui::lens::verb_class_color;
use crate::ui::widgets::{Col, table};

use super::*;

/// The colour of a type of speaker in the share-of-voice chart (None: unattributed).
pub(super) fn speaker_type_color(t: Option<SpeakerType>, dark: bool) -> Color32 {
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

pub(super) fn type_label(t: Option<SpeakerType>) -> &'static str {
    t.map_or("unattributed", SpeakerType::as_str)
}

/// Share of voice by type of speaker: one stacked bar per article, segments by type.
pub(super) fn share_of_voice_ui(ui: &mut Ui, s: &Sides) {
    let dark = ui.visuals().dark_mode;
    ui.label(RichText::new("Share of voice by type of speaker").strong());
    ui.label(
        RichText::new("Words quoted or reported in the article, by who says them.")
            .small()
            .weak(),
    );
    for p in Side::BOTH {
        let a = &s.analyses[p];
        let shares = share_by_type(&a.quotes, &a.speakers);
        let total: usize = shares.iter().map(|(_, n, _)| n).sum();
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 16.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect.shrink2(egui::vec2(0.0, 3.0)), 2.0, side_color(p, dark));
            let width = ui.available_width().min(520.0);
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

pub(super) fn voices_ui(cx: &mut Cx<'_>, ui: &mut Ui, s: &Sides) {
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
            let open = cx.panel.voices_open.contains(&(p, sp.entity));
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
                .horizontal_wrapped(|ui| {
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
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!(
                                "{} · {} · {} words · {:.0}% of voice",
                                sp.speaker_type.singular(),
                                counts.join(", "),
                                sp.words,
                                sp.share * 100.0
                            ))
                            .small()
                            .weak(),
                        )
                        .wrap(),
                    );
                    r
                })
                .inner;
            if row
                .on_hover_text("List what they say; click a passage to jump there")
                .clicked()
            {
                if open {
                    cx.panel.voices_open.remove(&(p, sp.entity));
                } else {
                    cx.panel.voices_open.insert((p, sp.entity));
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
                            passage_link(cx, ui, doc, p, block, &q.span);
                        }
                    }
                }
            });
            ui.add_space(2.0);
        }
        if !nobody.is_empty() {
            let open = cx.panel.voices_open.contains(&(p, usize::MAX));
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
                    cx.panel.voices_open.remove(&(p, usize::MAX));
                } else {
                    cx.panel.voices_open.insert((p, usize::MAX));
                }
            }
            if open {
                ui.indent(("unattributed", p), |ui| {
                    for &qi in &nobody {
                        let q = &a.quotes[qi];
                        if let Some(block) = doc.block_at(q.span.start) {
                            passage_link(cx, ui, doc, p, block, &q.span);
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
pub(super) fn thread_voices_ui(ui: &mut Ui, s: &Sides) {
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
        let rows: Vec<_> = v.iter().take(12).collect();
        let headers = [
            (Col::Text, "Commenter"),
            (Col::Fit(70.0), "Comments"),
            (Col::Fit(150.0), "Share of words"),
        ];
        table(ui, ("voices", p), &headers, rows.len(), |ui, r, c| {
            let voice = rows[r];
            match c {
                0 => {
                    ui.label(&voice.speaker);
                }
                1 => {
                    ui.label(voice.quotes.to_string());
                }
                _ => {
                    let bar = 48.0;
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(bar, 10.0), egui::Sense::hover());
                    let track = ui.visuals().extreme_bg_color;
                    ui.painter().rect_filled(rect, 2.0, track);
                    ui.painter().rect_filled(
                        egui::Rect::from_min_size(
                            rect.min,
                            egui::vec2(bar * voice.share as f32, 10.0),
                        ),
                        2.0,
                        side_color(p, dark),
                    );
                    ui.label(format!(
                        "{:.0}% · {} words",
                        voice.share * 100.0,
                        voice.words
                    ));
                }
            }
        });
        ui.add_space(6.0);
    }
}
