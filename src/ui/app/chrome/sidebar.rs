//! The article list on the left: one row per document, then the files that were not
//! loaded. A folder of 1,000 articles lays out only the rows in view: the rows' heights
//! (titles wrap) are measured as they show and remembered by a virtual list.

use egui::{Align, Layout, RichText, Ui};
use egui_virtual_list::VirtualList;

use crate::corpus::{Corpus, human_size};
use crate::document::Document;
use crate::ui::app::App;
use crate::ui::commands::{Command, Side, ViewCommand};
use crate::ui::shortcuts::Shortcut;

/// The list's remembered row heights, valid for one shown corpus at one text style.
pub(crate) struct ArticleList {
    list: VirtualList,
    /// The corpus and style generation the heights were measured for.
    measured: Option<(usize, u64)>,
}

impl Default for ArticleList {
    fn default() -> Self {
        let mut list = VirtualList::new();
        // Hiding the list while the panel is resized would blank it (and screenshots).
        list.hide_on_resize(None);
        Self {
            list,
            measured: None,
        }
    }
}

impl ArticleList {
    /// Forget the heights when the rows may have changed: another corpus (a reload, a
    /// "keep the whole page", a correction) or another text style.
    fn refresh(&mut self, corpus: &std::sync::Arc<Corpus>, style_gen: u64) {
        let key = (std::sync::Arc::as_ptr(corpus) as usize, style_gen);
        if self.measured != Some(key) {
            self.list.reset();
            self.measured = Some(key);
        }
    }
}

pub(super) fn sidebar(app: &mut App, ui: &mut Ui) {
    let Some(corpus) = app.corpus.clone() else {
        return;
    };
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Articles");
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .small_button("Swap")
                .on_hover_text(format!("Swap left and right ({})", Shortcut::Swap.name()))
                .clicked()
            {
                app.queue.push(Command::View(ViewCommand::Swap));
            }
        });
    });
    ui.label(RichText::new(app.corpus_title()).small().weak());
    ui.separator();
    let mut list = std::mem::take(&mut app.article_list);
    list.refresh(&corpus, app.style_gen);
    let docs = corpus.documents.len();
    // The skipped files are the list's last item, so the space the list keeps for the rows
    // below the view stays under them.
    let items = docs + usize::from(!corpus.skipped.is_empty());
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            list.list.ui_custom_layout(ui, items, |ui, i| {
                match corpus.documents.get(i) {
                    Some(d) => document_row(app, ui, i, d),
                    None => skipped_files(ui, &corpus),
                }
                1
            });
        });
    app.article_list = list;
}

fn document_row(app: &mut App, ui: &mut Ui, i: usize, d: &Document) {
    let in_left = app.panes[Side::Left].doc == Some(i);
    let in_right = app.panes[Side::Right].doc == Some(i);
    let meta = app.meta(d);
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(4, 4))
        .fill(if in_left || in_right {
            ui.visuals().faint_bg_color
        } else {
            egui::Color32::TRANSPARENT
        })
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = ui.add(
                egui::Label::new(RichText::new(&meta.title).strong())
                    .wrap()
                    .sense(egui::Sense::click()),
            );
            let focus = app.focus;
            if title
                .on_hover_ui(|ui| {
                    ui.label(format!("Show in the {} pane", focus.name()));
                })
                .clicked()
            {
                app.queue.push(Command::View(ViewCommand::ShowDoc {
                    pane: app.focus,
                    doc: i,
                }));
            }
            let comments = d.comments().len();
            let mut info = format!(
                "{} · {} words",
                human_size(d.source.file_size),
                d.words.article
            );
            if comments > 0 {
                info.push_str(&format!(" · {comments} comments"));
            }
            ui.label(RichText::new(info).small().weak());
            ui.horizontal(|ui| {
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    for (pane, shown, name) in
                        [(Side::Right, in_right, "R"), (Side::Left, in_left, "L")]
                    {
                        if ui
                            .selectable_label(shown, name)
                            .on_hover_ui(|ui| {
                                ui.label(format!("Show in the {} pane", pane.name()));
                            })
                            .clicked()
                        {
                            app.queue
                                .push(Command::View(ViewCommand::ShowDoc { pane, doc: i }));
                        }
                    }
                    ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(&d.source.rel_path).small().weak().monospace(),
                            )
                            .truncate(),
                        );
                    });
                })
            });
        });
    ui.add_space(2.0);
}

fn skipped_files(ui: &mut Ui, corpus: &Corpus) {
    ui.separator();
    ui.label(RichText::new("Not loaded").strong());
    for s in &corpus.skipped {
        ui.label(RichText::new(&s.rel_path).small().monospace().weak())
            .on_hover_text(s.reason.to_string());
        ui.label(RichText::new(s.reason.to_string()).small().weak());
    }
}
