//! Comparison → Agreement: how far two coders of these articles agree, code by code, and
//! the units where they differ, listed here and marked in the panes.

use std::sync::Arc;

use egui::{Color32, RichText, Ui};

use super::Cx;
use crate::document::Document;
use crate::notes::agreement::{self, Agreement, Unit, coder_name};
use crate::notes::session::PlacesVersion;
use crate::ui::commands::{Command, ViewCommand};
use crate::ui::doc_view::{Mark, MarkSet, MarkStyle};
use crate::ui::widgets::{Col, table};

/// What the agreement is measured for: the study as it stands, the units, the two coders
/// and the folder.
type Key = (u64, PlacesVersion, Unit, [String; 2], usize);

/// The tab's choices and its last measurement.
#[derive(Default)]
pub struct AgreementTab {
    unit: Unit,
    /// The two coders compared (None: the two with most codings).
    pair: Option<[String; 2]>,
    /// The reader turned the marks in the panes off.
    hide_marks: bool,
    last: Option<(Key, Arc<Agreement>)>,
    /// How many disagreements are listed (more on request).
    listed: usize,
}

/// The colour disagreements are marked in: one no frame uses (a strong magenta).
fn mark_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0x5c, 0xc8)
    } else {
        Color32::from_rgb(0xc0, 0x0d, 0x8a)
    }
}

impl AgreementTab {
    /// The disagreements in `doc`, as marks for its pane (None while marks are off or
    /// nothing was measured).
    pub fn marks(&self, doc: &Document, dark: bool) -> Option<MarkSet> {
        if self.hide_marks {
            return None;
        }
        let (_, a) = self.last.as_ref()?;
        let path = &doc.source.rel_path;
        let color = mark_color(dark);
        let marks: Vec<Mark> = a
            .disagreements
            .iter()
            .filter(|d| &d.article == path && d.span.end <= doc.text.len())
            .map(|d| {
                let other = if d.coded_by == a.coders[0] {
                    &a.coders[1]
                } else {
                    &a.coders[0]
                };
                let code = a.code_name(&d.code);
                Mark::new(
                    d.span.clone(),
                    MarkStyle::Dashed(color),
                    format!(
                        "{} coded “{code}” here; {} did not",
                        coder_name(&d.coded_by),
                        coder_name(other)
                    ),
                )
            })
            .collect();
        (!marks.is_empty()).then(|| MarkSet::new(marks))
    }

    /// Measure again when the study, the placements, the choices or the folder changed.
    fn measured(
        &mut self,
        study: &crate::ui::study::StudyUi,
        corpus: Option<&Arc<crate::corpus::Corpus>>,
        pair: [String; 2],
    ) -> Option<Arc<Agreement>> {
        let corpus = corpus?;
        let s = &study.desk.session;
        let key: Key = (
            s.generation,
            s.places_version(),
            self.unit,
            pair.clone(),
            Arc::as_ptr(corpus) as usize,
        );
        if let Some((k, a)) = &self.last
            && *k == key
        {
            return Some(a.clone());
        }
        let a = Arc::new(agreement::measure_placed(
            &s.study,
            corpus,
            [&pair[0], &pair[1]],
            self.unit,
            |n| s.placements.get(&n.id).and_then(|p| p.span()),
        ));
        self.last = Some((key, a.clone()));
        Some(a)
    }
}

fn number(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_owned(), |x| format!("{x:.2}"))
}

pub(super) fn agreement_ui(cx: &mut Cx<'_>, ui: &mut Ui) {
    let coders = agreement::coders(&cx.study.desk.session.study);
    if coders.len() < 2 {
        ui.label(
            "Agreement compares two coders of the same articles: how often they applied the \
             same codes to the same sentences or paragraphs.",
        );
        ui.add_space(4.0);
        let who = match coders.first() {
            Some(c) => format!("This study has codes by one coder ({}).", coder_name(c)),
            None => "This study has no coded passages yet.".to_owned(),
        };
        ui.label(RichText::new(who).weak());
        ui.label(
            RichText::new(
                "Set your name in Edit > Your name as coder…, then bring in the other coder's \
                 work with File > Merge study… (a Parallax study or a REFI-QDA project).",
            )
            .weak(),
        );
        cx.panel.agreement.last = None;
        return;
    }
    let tab = &mut cx.panel.agreement;
    let mut pair = tab
        .pair
        .clone()
        .filter(|p| p.iter().all(|c| coders.contains(c)) && p[0] != p[1])
        .unwrap_or_else(|| [coders[0].clone(), coders[1].clone()]);
    ui.horizontal_wrapped(|ui| {
        for (i, label) in ["First coder", "Second coder"].into_iter().enumerate() {
            ui.label(label);
            egui::ComboBox::from_id_salt(("agreement-coder", i))
                .selected_text(coder_name(&pair[i]).to_owned())
                .show_ui(ui, |ui| {
                    for c in &coders {
                        if c != &pair[1 - i] {
                            ui.selectable_value(&mut pair[i], c.clone(), coder_name(c));
                        }
                    }
                });
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Units");
        for u in Unit::ALL {
            let label = match u {
                Unit::Sentence => "Sentences",
                Unit::Paragraph => "Paragraphs",
            };
            ui.radio_value(&mut tab.unit, u, label);
        }
        let mut shown = !tab.hide_marks;
        ui.checkbox(&mut shown, "Mark disagreements in the panes");
        tab.hide_marks = !shown;
    });
    tab.pair = Some(pair.clone());
    let (study, corpus) = (cx.study, cx.corpus);
    let Some(a) = cx.panel.agreement.measured(study, corpus, pair.clone()) else {
        return;
    };
    ui.add_space(4.0);
    let (first, second) = (coder_name(&pair[0]), coder_name(&pair[1]));
    if a.codes.is_empty() {
        ui.label(format!(
            "{first} and {second} used no code in common, so there is nothing to compare yet."
        ));
    } else {
        ui.label(
            RichText::new(format!(
                "{} {}s in {} article{}; {} code{} both used.",
                a.overall.units / a.codes.len().max(1),
                a.unit.as_str(),
                a.articles.len(),
                if a.articles.len() == 1 { "" } else { "s" },
                a.codes.len(),
                if a.codes.len() == 1 { "" } else { "s" },
            ))
            .weak(),
        );
        let only_first = format!("Only {first}");
        let only_second = format!("Only {second}");
        let headers = [
            (Col::Text, "Code"),
            (Col::Fit(36.0), "Both"),
            (Col::Fit(36.0), only_first.as_str()),
            (Col::Fit(36.0), only_second.as_str()),
            (Col::Fit(48.0), "Agree"),
            (Col::Fit(36.0), "κ"),
            (Col::Fit(36.0), "α"),
        ];
        let rows = a.codes.len() + 1;
        table(ui, "agreement", &headers, rows, |ui, r, c| {
            let (name, m) = match a.codes.get(r) {
                Some(code) => (code.name.as_str(), &code.measures),
                None => ("All codes", &a.overall),
            };
            let total = r == a.codes.len();
            let text = match c {
                0 => name.to_owned(),
                1 => m.both.to_string(),
                2 => m.only_first.to_string(),
                3 => m.only_second.to_string(),
                // One decimal: 99.7 % is not 100 %.
                4 => format!("{:.1} %", m.percent * 100.0),
                5 => number(m.kappa),
                _ => number(m.alpha),
            };
            let text = if total {
                RichText::new(text).strong()
            } else {
                RichText::new(text)
            };
            let r = ui.label(text);
            if c >= 4 {
                r.on_hover_text(match c {
                    4 => "Share of units both coded alike (applied or not)",
                    5 => "Cohen's kappa: agreement beyond what each coder's own rates give by chance (1 is perfect, 0 chance)",
                    _ => "Krippendorff's alpha (nominal): 1 is perfect, 0 chance; n/a where the code never varies",
                });
            }
        });
        ui.label(
            RichText::new(
                "κ: Cohen's kappa · α: Krippendorff's alpha (nominal) · n/a: the code never varies",
            )
            .small()
            .weak(),
        );
    }
    if !a.used_by_one.is_empty() {
        let names: Vec<String> = a
            .used_by_one
            .iter()
            .map(|(code, who)| {
                let name = crate::ui::study::code_name(&cx.lens.book().book, code);
                format!("{name} ({})", coder_name(who))
            })
            .collect();
        ui.label(
            RichText::new(format!(
                "Used by one coder only, not measured: {}",
                names.join(", ")
            ))
            .small()
            .weak(),
        );
    }
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Where they differ ({})", a.disagreements.len())).strong());
    if a.disagreements.is_empty() && !a.codes.is_empty() {
        ui.label(
            RichText::new("Nowhere: they applied every shared code to the same units.").weak(),
        );
    }
    let color = mark_color(ui.visuals().dark_mode);
    let tab = &mut cx.panel.agreement;
    tab.listed = tab.listed.max(50);
    let corpus = cx.corpus;
    for d in a.disagreements.iter().take(tab.listed) {
        let Some(doc) = corpus.and_then(|c| c.find(&d.article)) else {
            continue;
        };
        let code = a.code_name(&d.code);
        ui.horizontal_wrapped(|ui| {
            let (bar, _) = ui.allocate_exact_size(egui::vec2(4.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(bar, 1.0, color);
            ui.label(
                RichText::new(format!("{code}: {} only", coder_name(&d.coded_by)))
                    .small()
                    .strong(),
            );
            if let Some(c) = corpus {
                ui.label(RichText::new(c.documents[doc].title()).small().weak());
            }
        });
        let excerpt: String = d.text.chars().take(160).collect();
        let more = if d.text.chars().count() > 160 {
            "…"
        } else {
            ""
        };
        if ui
            .link(format!("{excerpt}{more}"))
            .on_hover_text("Show it in a pane")
            .clicked()
        {
            cx.queue.push(Command::View(ViewCommand::ShowPassage {
                doc,
                span: d.span.clone(),
            }));
        }
    }
    if a.disagreements.len() > tab.listed
        && ui
            .button(format!(
                "Show {} more",
                (a.disagreements.len() - tab.listed).min(50)
            ))
            .clicked()
    {
        tab.listed += 50;
    }
}
