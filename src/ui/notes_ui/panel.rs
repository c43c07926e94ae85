//! The notes panel: search and filters, the list of notes and links, and the passages to
//! check or re-attach.

use std::sync::Arc;

use egui::{Align, Id, Layout, RichText, Sense, Ui};

use crate::analysis::codebook::CompiledCodebook;
use crate::corpus::Corpus;
use crate::notes::desk::StudyDesk;
use crate::notes::model::{NoteKind, Target, local_time};
use crate::notes::session::PlacesVersion;
use crate::ui::commands::{Command, Side, StudyCommand};
use crate::ui::shortcuts::Shortcut;
use crate::ui::study::{
    KindFilter, NoteQuery, NoteSort, PanelLists, code_color, code_name, link_color, note_color,
    preview, preview_end,
};

use super::*;

/// One row of the notes list (fixed height, so long lists scroll by rows).
pub(super) const ROW_HEIGHT: f32 = 108.0;

/// The notes panel and what it keeps between frames: the search and filters, the row last
/// clicked, and the lists made for them.
#[derive(Default)]
pub struct NotesPanel {
    filter: NoteQuery,
    selected: Option<u64>,
    lists: Option<(ListKey, Arc<PanelLists>)>,
}

/// What the lists depend on: the notes (their generation), their places (redone as a
/// whole: a new epoch), and the filters.
type ListKey = (u64, PlacesVersion, NoteQuery);

/// Above this many changed notes, the lists are made anew rather than patched.
const MAX_PATCHED: usize = 64;

/// What the panel reads from the rest of the window.
pub struct Reads<'a> {
    pub desk: &'a StudyDesk,
    pub corpus: Option<&'a Corpus>,
    pub book: &'a CompiledCodebook,
    /// Article titles by path.
    pub titles: &'a std::collections::BTreeMap<String, String>,
    /// Whether each pane shows an article.
    pub shown: [bool; 2],
    /// Whether the focused pane has a selection or a caret (to re-attach a passage to).
    pub has_selection: bool,
}

impl NotesPanel {
    /// Highlight a note's row (None: none).
    pub fn select(&mut self, id: Option<u64>) {
        self.selected = id;
    }

    /// The lists, computed again only when the notes, their places or the filters change
    /// (a study may hold thousands of notes; a frame must not walk them all).
    /// After a change to a few notes, only theirs are looked at again.
    fn lists(&mut self, r: &Reads<'_>) -> Arc<PanelLists> {
        let session = &r.desk.session;
        let key: ListKey = (
            session.generation,
            session.placements_epoch(),
            self.filter.clone(),
        );
        if let Some((k, lists)) = &self.lists
            && *k == key
        {
            return lists.clone();
        }
        if !session.placements_current() {
            // The notes changed and their places are not worked out yet (no folder is
            // open): a list made now is not kept, as the places will change.
            return Arc::new(PanelLists::of(session, &self.filter));
        }
        let patched = self
            .lists
            .as_ref()
            .and_then(|((generation, epoch, filter), lists)| {
                if *epoch != key.1 || *filter != key.2 {
                    return None;
                }
                let changed = session
                    .changed_since(*generation)
                    .filter(|c| c.len() <= MAX_PATCHED)?;
                Some(lists.patched(session, &self.filter, &changed))
            });
        let lists = Arc::new(patched.unwrap_or_else(|| PanelLists::of(session, &self.filter)));
        self.lists = Some((key, lists.clone()));
        lists
    }

    /// Search, filters, orphans, notes to check, and the list.
    pub fn ui(&mut self, ui: &mut Ui, r: Reads<'_>, queue: &mut Vec<Command>) {
        let titles = r.titles;
        let title_of = |rel: &str| titles.get(rel).cloned().unwrap_or_else(|| rel.to_owned());
        let book = r.book;
        let dark = ui.visuals().dark_mode;
        let read_only = r.desk.session.read_only;
        let mut cmds = Vec::new();
        ui.horizontal(|ui| {
            let n = r.desk.session.study.notes.len() + r.desk.session.study.links.len();
            ui.label(RichText::new(format!("{n} note{}", if n == 1 { "" } else { "s" })).strong());
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                ui.menu_button("Export", |ui| super::export_menu(ui, &mut cmds));
                let h = &r.desk.session.history;
                if ui
                    .add_enabled(
                        h.can_redo() && !read_only,
                        egui::Button::new("Redo").small(),
                    )
                    .on_hover_text(Shortcut::Redo.name())
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::Redo));
                }
                if ui
                    .add_enabled(
                        h.can_undo() && !read_only,
                        egui::Button::new("Undo").small(),
                    )
                    .on_hover_text(Shortcut::Undo.name())
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::Undo));
                }
            });
        });
        ui.horizontal_wrapped(|ui| {
            ui.add_enabled_ui(!read_only, |ui| {
                if ui.button("Note on the study").clicked() {
                    cmds.push(Command::Study(StudyCommand::AddStudyNote));
                }
                for pane in Side::BOTH {
                    if r.shown[pane]
                        && ui
                            .button(format!("Note on the {} article", pane.name()))
                            .clicked()
                    {
                        cmds.push(Command::Study(StudyCommand::AddArticleNote(pane)));
                    }
                }
            });
        });
        let search = ui.add(
            egui::TextEdit::singleline(&mut self.filter.text)
                .hint_text("Search notes, quotes, codes")
                .desired_width(f32::INFINITY),
        );
        search.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Search notes")
        });
        filters_ui(&mut self.filter, book, ui, titles);
        ui.separator();

        let lists = self.lists(&r);
        let (orphans, review) = (&lists.orphans, &lists.review);
        let has_selection = r.has_selection;
        if !orphans.is_empty() {
            let id = ui.make_persistent_id("orphans");
            egui::CollapsingHeader::new(
                RichText::new(format!("Orphans ({}): passage not found", orphans.len()))
                    .color(ui.visuals().warn_fg_color),
            )
            .id_salt(id)
            .default_open(true)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(
                        "The article changed and these passages could not be found. Select the passage in a pane and re-attach, or delete.",
                    )
                    .small()
                    .weak(),
                );
                egui::ScrollArea::vertical()
                    .id_salt("orphan-list")
                    .max_height(220.0)
                    .show(ui, |ui| {
                        for id in orphans {
                            orphan_row(&r, ui, *id, &title_of, has_selection, read_only, &mut cmds);
                        }
                    });
            });
        }
        if !review.is_empty() {
            let id = ui.make_persistent_id("review");
            egui::CollapsingHeader::new(RichText::new(format!("To check ({})", review.len())))
                .id_salt(id)
                .default_open(true)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("review-list")
                        .max_height(220.0)
                        .show(ui, |ui| {
                            for id in review {
                                review_row(&r, ui, *id, has_selection, read_only, &mut cmds);
                            }
                        });
                });
        }
        let ids = &lists.rows;
        if ids.is_empty() {
            ui.add_space(12.0);
            let text = if r.desk.session.study.notes.is_empty()
                && r.desk.session.study.links.is_empty()
            {
                format!(
                    "No notes yet. Select a passage and press {} to write one, {} to code it, or {} to link it with a passage selected in the other pane.",
                    Shortcut::AddNote.name(),
                    Shortcut::range_name(Shortcut::Code(0)),
                    Shortcut::LinkSelections.name()
                )
            } else {
                "No note matches the search and filters.".to_owned()
            };
            ui.label(RichText::new(text).weak());
        }
        egui::ScrollArea::vertical()
            .id_salt("notes-list")
            .auto_shrink(false)
            .show_rows(ui, ROW_HEIGHT, ids.len(), |ui, range| {
                for &id in &ids[range] {
                    note_row(
                        &r,
                        ui,
                        id,
                        self.selected == Some(id),
                        &title_of,
                        dark,
                        &mut cmds,
                    );
                }
            });
        queue.extend(cmds);
    }
}

fn filters_ui(
    p: &mut NoteQuery,
    book: &CompiledCodebook,
    ui: &mut Ui,
    titles: &std::collections::BTreeMap<String, String>,
) {
    ui.horizontal_wrapped(|ui| {
        let code_text = p
            .code
            .as_deref()
            .map_or_else(|| "All codes".to_owned(), |c| code_name(book, c));
        let combo = egui::ComboBox::from_id_salt("note-code-filter")
            .selected_text(code_text)
            .width(120.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut p.code, None, "All codes");
                for f in book.frames() {
                    ui.selectable_value(&mut p.code, Some(f.id.clone()), &f.name);
                }
            });
        ui.ctx().accesskit_node_builder(combo.response.id, |node| {
            node.set_label("Filter notes by code")
        });
        let kind_text = match p.kind {
            None => "All kinds",
            Some(KindFilter::Link) => "Contrast links",
            Some(KindFilter::Kind(k)) => kind_label(k),
        };
        let combo = egui::ComboBox::from_id_salt("note-kind-filter")
            .selected_text(kind_text)
            .width(110.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut p.kind, None, "All kinds");
                for k in NoteKind::WRITTEN.into_iter().chain([NoteKind::Coding]) {
                    ui.selectable_value(&mut p.kind, Some(KindFilter::Kind(k)), kind_label(k));
                }
                ui.selectable_value(&mut p.kind, Some(KindFilter::Link), "Contrast links");
            });
        ui.ctx().accesskit_node_builder(combo.response.id, |node| {
            node.set_label("Filter notes by kind")
        });
        let article_text = p.article.as_ref().map_or_else(
            || "All articles".to_owned(),
            |a| preview(titles.get(a).unwrap_or(a), 24),
        );
        let combo = egui::ComboBox::from_id_salt("note-article-filter")
            .selected_text(article_text)
            .width(130.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut p.article, None, "All articles");
                for (rel, title) in titles {
                    ui.selectable_value(&mut p.article, Some(rel.clone()), title);
                }
            });
        ui.ctx().accesskit_node_builder(combo.response.id, |node| {
            node.set_label("Filter notes by article")
        });
        ui.label(RichText::new("Sort").weak());
        ui.selectable_value(&mut p.sort, NoteSort::Position, "Position");
        ui.selectable_value(&mut p.sort, NoteSort::Newest, "Newest");
    });
}

fn orphan_row(
    r: &Reads<'_>,
    ui: &mut Ui,
    id: u64,
    title_of: &dyn Fn(&str) -> String,
    has_selection: bool,
    read_only: bool,
    cmds: &mut Vec<Command>,
) {
    let s = &r.desk.session.study;
    let (anchor, text) = if let Some(n) = s.note(id) {
        let Some(a) = n.anchor() else { return };
        (a.clone(), n.text.clone())
    } else if let Some(l) = s.link(id) {
        let lost = r
            .desk
            .session
            .link_placements
            .get(&id)
            .map(|p| p[0].is_orphan());
        let a = if lost == Some(false) {
            &l.right
        } else {
            &l.left
        };
        (a.clone(), l.comment.clone())
    } else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(format!("“{}”", preview(&anchor.exact, 200))).italics());
        ui.label(RichText::new(title_of(&anchor.article)).small().weak());
        if !text.trim().is_empty() {
            ui.label(preview(&text, 160));
        }
        ui.horizontal(|ui| {
            ui.add_enabled_ui(!read_only, |ui| {
                if ui
                    .add_enabled(has_selection, egui::Button::new("Re-attach to selection"))
                    .on_hover_text("Select the passage in a pane first")
                    .on_disabled_hover_text("Select the passage in a pane first")
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::Reattach(id)));
                }
                if ui.button("Delete").clicked() {
                    cmds.push(Command::Study(StudyCommand::DeleteNote(id)));
                }
            });
        });
    });
}

fn review_row(
    r: &Reads<'_>,
    ui: &mut Ui,
    id: u64,
    has_selection: bool,
    read_only: bool,
    cmds: &mut Vec<Command>,
) {
    let desk = r.desk;
    let s = &desk.session.study;
    let Some(corpus) = r.corpus else {
        return;
    };
    let Some(check) = desk.session.check(id, corpus) else {
        return;
    };
    let what = if let Some(n) = s.note(id) {
        let mut what = kind_label(n.kind).to_owned();
        if !n.text.trim().is_empty() {
            what.push_str(&format!(": {}", preview(&n.text, 80)));
        }
        what
    } else if let Some(l) = s.link(id) {
        let side = check
            .side
            .map(|side| format!(" (its {} passage moved)", side.name()))
            .unwrap_or_default();
        let mut what = format!("Link · {}{side}", relation_label(l.relation));
        if !l.comment.trim().is_empty() {
            what.push_str(&format!(": {}", preview(&l.comment, 80)));
        }
        what
    } else {
        return;
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(what).strong());
        ui.label(
            RichText::new(format!(
                "Placed by a guess after the article changed ({:.0}% match); the note keeps its old place until you confirm",
                check.score * 100.0
            ))
            .small()
            .weak(),
        );
        ui.label(RichText::new(format!("Was: “{}”", preview(&check.was, 160))).weak());
        ui.label(RichText::new(format!("Now: “{}”", preview(&check.now, 160))).italics());
        ui.horizontal(|ui| {
            if ui.button("Show").clicked() {
                cmds.push(Command::Study(StudyCommand::GoToNote(id)));
            }
            ui.add_enabled_ui(!read_only, |ui| {
                if ui
                    .button("Looks right")
                    .on_hover_text("Move the note to this place")
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::ConfirmNote(id)));
                }
                if ui
                    .add_enabled(has_selection, egui::Button::new("Re-attach to selection"))
                    .on_disabled_hover_text("Select the right passage in a pane first")
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::Reattach(id)));
                }
            });
        });
    });
}

fn note_row(
    r: &Reads<'_>,
    ui: &mut Ui,
    id: u64,
    selected: bool,
    title_of: &dyn Fn(&str) -> String,
    dark: bool,
    cmds: &mut Vec<Command>,
) {
    let s = &r.desk.session;
    let book = r.book;
    // What the row shows: badge, colour, codes, quote, text, where, when.
    let (badge, color, codes, quote, text, place, when) = if let Some(n) = s.study.note(id) {
        let place = match &n.target {
            Target::Passage(a) => title_of(&a.article),
            Target::Article(r) => format!("Whole article: {}", title_of(r)),
            Target::Study => "Whole study".to_owned(),
        };
        let quote = n.anchor().map(|a| {
            if a.exact.is_empty() {
                format!(
                    "{} | {}",
                    preview_end(&a.prefix, 30),
                    preview(&a.suffix, 30)
                )
            } else {
                format!("“{}”", preview(&a.exact, 140))
            }
        });
        let orphan = s.placements.get(&id).is_some_and(|p| p.is_orphan());
        let mut badge = kind_label(n.kind).to_owned();
        if !n.author.trim().is_empty() {
            badge.push_str(" · ");
            badge.push_str(n.author.trim());
        }
        if orphan {
            badge.push_str(" · passage not found");
        } else if n.review.is_some()
            || s.placements
                .get(&id)
                .is_some_and(|p| matches!(p.resolved, crate::notes::anchor::Resolved::Fuzzy { .. }))
        {
            badge.push_str(" · check");
        }
        (
            badge,
            note_color(dark),
            n.codes.clone(),
            quote,
            n.text.clone(),
            place,
            n.updated,
        )
    } else if let Some(l) = s.study.link(id) {
        (
            if l.author.trim().is_empty() {
                format!("Link · {}", relation_label(l.relation))
            } else {
                format!(
                    "Link · {} · {}",
                    relation_label(l.relation),
                    l.author.trim()
                )
            },
            link_color(dark),
            Vec::new(),
            Some(format!(
                "“{}” ↔ “{}”",
                preview(&l.left.exact, 60),
                preview(&l.right.exact, 60)
            )),
            l.comment.clone(),
            format!(
                "{} ↔ {}",
                title_of(&l.left.article),
                title_of(&l.right.article)
            ),
            l.updated,
        )
    } else {
        return;
    };
    let fill = if selected {
        ui.visuals().selection.bg_fill.gamma_multiply(0.35)
    } else {
        ui.visuals().faint_bg_color
    };
    let frame = egui::Frame::new()
        .fill(fill)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 4));
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.set_height(ROW_HEIGHT - 14.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new(&badge).small().strong().color(color));
            for c in &codes {
                ui.spacing_mut().item_spacing.x = 3.0;
                swatch(ui, code_color(book, c));
                ui.label(RichText::new(code_name(book, c)).small());
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                ui.label(RichText::new(local_time(when)).small().weak());
            });
        });
        if let Some(q) = &quote {
            ui.add(egui::Label::new(RichText::new(q).italics().weak()).truncate());
        }
        if !text.trim().is_empty() {
            // Up to two lines of the note (its own line breaks kept), then an ellipsis.
            let mut job = egui::text::LayoutJob::single_section(
                preview(&text, 300),
                egui::TextFormat::simple(
                    egui::TextStyle::Body.resolve(ui.style()),
                    ui.visuals().text_color(),
                ),
            );
            job.wrap = egui::text::TextWrapping {
                max_width: ui.available_width(),
                max_rows: 2,
                break_anywhere: false,
                overflow_character: Some('…'),
            };
            ui.label(job);
        }
        ui.horizontal(|ui| {
            ui.add(egui::Label::new(RichText::new(&place).small().weak()).truncate());
        });
    });
    let rect = inner.response.rect;
    ui.add_space(4.0);
    let resp = ui.interact(rect, Id::unique(("note-row", id)), Sense::click());
    resp.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::ListItem,
            true,
            format!(
                "{badge}: {}",
                preview(
                    if text.trim().is_empty() {
                        quote.as_deref().unwrap_or("")
                    } else {
                        &text
                    },
                    80
                )
            ),
        )
    });
    // Edit and delete, on the row's right edge, when hovered or selected.
    if resp.hovered() || selected {
        let read_only = s.read_only;
        let bar = egui::Rect::from_min_size(
            egui::pos2(rect.max.x - 112.0, rect.max.y - 24.0),
            egui::vec2(108.0, 20.0),
        );
        let mut child = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(bar)
                .layout(Layout::right_to_left(Align::Center)),
        );
        if child
            .add_enabled(!read_only, egui::Button::new("Delete").small())
            .clicked()
        {
            cmds.push(Command::Study(StudyCommand::DeleteNote(id)));
        }
        if child
            .add_enabled(!read_only, egui::Button::new("Edit").small())
            .clicked()
        {
            cmds.push(Command::Study(StudyCommand::EditNote(id)));
        }
    }
    if resp.double_clicked() && !s.read_only {
        cmds.push(Command::Study(StudyCommand::EditNote(id)));
    } else if resp.clicked() {
        cmds.push(Command::Study(StudyCommand::GoToNote(id)));
    }
    resp.on_hover_text("Click: show the passage. Double-click: edit.");
}
