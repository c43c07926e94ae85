//! Distinctive words, stance, actors, linked passages and the summary card.

use egui::{RichText, Ui};

use crate::analysis::stance::{StanceAnalysis, StanceCounts};
use crate::analysis::summary::summarize;
use crate::ui::commands::{Command, LensCommand, Side, ViewCommand};
use crate::ui::widgets::{Col, table};

use super::*;

pub(super) fn words_ui(cx: &mut Cx<'_>, ui: &mut Ui, s: &Sides) {
    let dark = ui.visuals().dark_mode;
    ui.label(RichText::new("Weighted log-odds with an informative prior (Monroe et al. 2008): z and counts left/right. Click a word to find it in both panes.").small().weak());
    if cx.lens.term.is_some() && ui.small_button("Clear the outlined word").clicked() {
        cx.queue
            .push(Command::Lens(LensCommand::HighlightTerm(None)));
    }
    found_ui(cx, ui, s);
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
            let headers = [
                (Col::Text, "Word"),
                (Col::Fit(28.0), "z"),
                (Col::Fit(36.0), "L/R"),
            ];
            table(ui, ("terms", p), &headers, list.len(), |ui, r, c| {
                let t = &list[r];
                match c {
                    0 => {
                        let selected = cx.lens.term.as_deref() == Some(t.term.as_str());
                        let word = ui
                            .selectable_label(selected, &t.term)
                            .on_hover_text(format!(
                                "{}: click to list and mark it in both panes",
                                t.term
                            ));
                        if word.clicked() {
                            cx.panel.listed = (!selected).then(|| t.term.clone());
                            cx.queue
                                .push(Command::Lens(LensCommand::HighlightTerm(if selected {
                                    None
                                } else {
                                    Some(t.term.clone())
                                })));
                        }
                    }
                    1 => {
                        ui.label(format!("{:.1}", t.z.abs()));
                    }
                    _ => {
                        ui.label(
                            RichText::new(format!("{}/{}", t.left_count, t.right_count)).weak(),
                        );
                    }
                }
            });
        }
    });
}

/// The passages of the word or actor the reader clicked in this tab: how many in each
/// article (its text and its comments apart, as the tables count them), each a link to its
/// place. The same passages are the find bar's hits, marked in the panes and on their strips.
fn found_ui(cx: &mut Cx<'_>, ui: &mut Ui, s: &Sides) {
    let Some((query, hits)) = cx.found.clone() else {
        return;
    };
    if cx.panel.listed.as_deref() != Some(query) {
        return;
    }
    const SHOWN: usize = 40;
    let dark = ui.visuals().dark_mode;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("“{query}”")).strong());
            let step = format!(
                "{} and {} step through them in the panes",
                crate::ui::shortcuts::Shortcut::FindNext.name(),
                crate::ui::shortcuts::Shortcut::FindPrev.name()
            );
            ui.label(RichText::new(step).weak());
            if ui.small_button("Close").clicked() {
                cx.panel.listed = None;
            }
        });
        for p in Side::BOTH {
            let doc = &s.docs[p];
            let in_comments = hits[p]
                .iter()
                .filter(|h| {
                    doc.block_at(h.start)
                        .is_some_and(|b| doc.blocks()[b].comment.is_some())
                })
                .count();
            let article = hits[p].len() - in_comments;
            let mut count = format!("{} article: {article} in its text", p.title());
            if in_comments > 0 {
                count.push_str(&format!(", {in_comments} in its comments"));
            }
            ui.add_space(4.0);
            ui.add(egui::Label::new(RichText::new(count).color(side_color(p, dark))).wrap());
            for span in hits[p].iter().take(SHOWN) {
                if let Some(block) = doc.block_at(span.start) {
                    passage_link(cx, ui, doc, p, block, span);
                }
            }
            if hits[p].len() > SHOWN {
                ui.label(RichText::new(format!("and {} more", hits[p].len() - SHOWN)).weak());
            }
        }
    });
    ui.add_space(6.0);
}

/// Which table of people a stance analysis gives (quoted speakers, commenters).
type PeopleOf = fn(&StanceAnalysis) -> &[(String, StanceCounts)];

pub(super) fn stance_ui(ui: &mut Ui, s: &Sides) {
    let dark = ui.visuals().dark_mode;
    ui.label(RichText::new("Hedges (may, perhaps, likely…) and boosters (clearly, in fact, must…) per 1,000 words.").small().weak());
    let parts = [
        ("Article", 0),
        ("The writer's own words", 1),
        ("Comments", 2),
    ];
    for (measure, boosters) in [
        ("Hedges per 1,000 words", false),
        ("Boosters per 1,000 words", true),
    ] {
        let headers = [
            (Col::Text, measure),
            (Col::Fit(44.0), "Left"),
            (Col::Fit(44.0), "Right"),
        ];
        table(
            ui,
            ("stance", boosters),
            &headers,
            parts.len(),
            |ui, r, c| {
                let (name, part) = parts[r];
                if c == 0 {
                    ui.label(name);
                    return;
                }
                let p = Side::BOTH[c - 1];
                let st = &s.analyses[p].stance;
                let counts = match part {
                    0 => st.article,
                    1 => st.writer,
                    _ => st.thread,
                };
                // No words (an article without comments): nothing to rate.
                let text = if counts.words == 0 {
                    "—".to_owned()
                } else if boosters {
                    format!("{:.1}", counts.boosters_per_1000())
                } else {
                    format!("{:.1}", counts.hedges_per_1000())
                };
                ui.label(RichText::new(text).color(side_color(p, dark)))
                    .on_hover_text(format!("{} words", counts.words));
            },
        );
        ui.add_space(6.0);
    }
    let tables: [(&str, &str, PeopleOf); 2] = [
        ("Quoted speakers", "stance-speakers", |st| &st.by_speaker),
        ("Commenters", "stance-commenters", |st| &st.by_commenter),
    ];
    for (title, id, rows) in tables {
        for p in Side::BOTH {
            let rows: Vec<_> = rows(&s.analyses[p].stance)
                .iter()
                .filter(|(_, c)| c.words >= 20)
                .take(8)
                .collect();
            if rows.is_empty() {
                continue;
            }
            ui.add_space(8.0);
            ui.label(
                RichText::new(format!("{title} — {}", p.name()))
                    .strong()
                    .color(side_color(p, dark)),
            );
            let headers = [
                (Col::Text, "Name"),
                (Col::Fit(40.0), "Words"),
                (Col::Fit(40.0), "Hedges"),
                (Col::Fit(40.0), "Boosters"),
            ];
            table(ui, (id, p), &headers, rows.len(), |ui, r, c| {
                let (speaker, counts) = rows[r];
                match c {
                    0 => ui.label(speaker).on_hover_text(speaker),
                    1 => ui.label(counts.words.to_string()),
                    2 => ui.label(format!("{:.1}", counts.hedges_per_1000())),
                    _ => ui.label(format!("{:.1}", counts.boosters_per_1000())),
                };
            });
        }
    }
}

/// `known`: how many actors the codebook lists (their aliases are counted as one actor).
pub(super) fn actors_ui(cx: &mut Cx<'_>, ui: &mut Ui, s: &Sides, known: usize) {
    let dark = ui.visuals().dark_mode;
    let how = if known == 0 {
        "This codebook lists no actors, so names are counted as the text writes them.".to_owned()
    } else {
        format!(
            "The codebook's {known} actors are counted under one name whatever alias the text uses."
        )
    };
    ui.label(
        RichText::new(format!(
            "Mentions in each article (comments apart). {how} Click a name to find its mentions."
        ))
        .small()
        .weak(),
    );
    found_ui(cx, ui, s);
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
    let names: Vec<Row> = names.into_iter().take(40).collect();
    let headers = [
        (Col::Text, "Actor"),
        (Col::Fit(64.0), "Left"),
        (Col::Fit(64.0), "Right"),
    ];
    table(ui, "actors", &headers, names.len(), |ui, r, c| {
        let (name, kind, article, _) = &names[r];
        if c == 0 {
            let label = ui.link(name).on_hover_text(format!(
                "{name}: {}. Click to list and mark its mentions in both articles.",
                kind.unwrap_or("a name found in the text (not among the codebook's actors)")
            ));
            if label.clicked() {
                cx.panel.listed = Some(name.clone());
                cx.queue
                    .push(Command::Lens(LensCommand::ShowActor(name.clone())));
            }
            return;
        }
        let p = Side::BOTH[c - 1];
        let bar = 36.0;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(bar, 10.0), egui::Sense::hover());
        ui.painter().rect_filled(
            egui::Rect::from_min_size(rect.min, egui::vec2(bar * article[p] as f32 / max, 10.0)),
            2.0,
            side_color(p, dark),
        );
        ui.label(article[p].to_string());
    });
}

pub(super) fn links_ui(cx: &mut Cx<'_>, ui: &mut Ui, s: &Sides) {
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
                    cx.queue.push(Command::View(ViewCommand::ScrollTo {
                        pane: Side::Left,
                        offset: l.left.start,
                    }));
                    cx.queue.push(Command::View(ViewCommand::ScrollTo {
                        pane: Side::Right,
                        offset: l.right.start,
                    }));
                }
            });
            ui.columns(2, |cols| {
                passage_link(
                    cx,
                    &mut cols[0],
                    &s.docs[Side::Left],
                    Side::Left,
                    l.left_block,
                    &(l.left.start..l.left.start),
                );
                passage_link(
                    cx,
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

pub(super) fn summary_ui(cx: &mut Cx<'_>, ui: &mut Ui, s: &Sides) {
    let dark = ui.visuals().dark_mode;
    let book = cx.lens.book().book.book.clone();
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
