//! Notes on screen: the editor, the notes panel, the study file's banners, the buttons by a
//! selection and the text's context menu.

use egui::{Align, Color32, Context, Id, Layout, RichText, Sense, Ui};

use super::app::App;
use super::commands::{Command, Side, StudyCommand, ViewCommand};
use super::shortcuts::Shortcut;
use super::study::{
    DraftTarget, KindFilter, NoteSort, StudyUi, code_color, code_name, link_color, note_color,
    preview, preview_end,
};
use crate::notes::export::Grouping;
use crate::notes::model::{Anchor, NoteKind, Relation, STUDY_VERSION, Target, local_time};
use crate::notes::rescue;
use crate::notes::session::{Notice, Problem};
use crate::notes::store::Damaged;

fn kind_label(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Observation => "Observation",
        NoteKind::Question => "Question",
        NoteKind::Contrast => "Contrast",
        NoteKind::Omission => "Omission",
        NoteKind::Coding => "Code only",
    }
}

fn relation_label(r: Relation) -> &'static str {
    match r {
        Relation::SameClaim => "Same claim",
        Relation::Contradicts => "Contradicts",
        Relation::Reframes => "Reframes",
        Relation::Softens => "Softens",
        Relation::Hardens => "Hardens",
        Relation::OmittedByOther => "Omitted by the other",
    }
}

/// A small coloured square.
fn swatch(ui: &mut Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}

/// A code as a toggle: a selectable label with its colour as a square on the left.
fn code_chip(ui: &mut Ui, on: bool, label: &str, color: Color32) -> egui::Response {
    // Room for the square, drawn over the button's padding.
    let resp = ui.add(egui::Button::selectable(on, format!("     {label}")));
    let r = resp.rect;
    let square = egui::Rect::from_center_size(
        egui::pos2(r.min.x + 11.0, r.center().y),
        egui::vec2(10.0, 10.0),
    );
    ui.painter().rect_filled(square, 2.0, color);
    resp
}

/// A quoted passage in a box.
fn quote_box(ui: &mut Ui, anchor: &Anchor, title: &str, max_height: f32) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        egui::ScrollArea::vertical()
            .max_height(max_height)
            .id_salt(("quote", anchor.article.as_str(), anchor.start))
            .show(ui, |ui| {
                if anchor.exact.is_empty() {
                    ui.horizontal_wrapped(|ui| {
                        ui.spacing_mut().item_spacing.x = 0.0;
                        ui.label(
                            RichText::new(format!("…{}", anchor.prefix.trim_start())).italics(),
                        );
                        ui.label(
                            RichText::new(" [here] ")
                                .strong()
                                .color(note_color(ui.visuals().dark_mode)),
                        );
                        ui.label(RichText::new(format!("{}…", anchor.suffix.trim_end())).italics());
                    });
                } else {
                    ui.label(RichText::new(format!("“{}”", anchor.exact.trim())).italics());
                }
            });
        ui.label(RichText::new(title).small().weak());
    });
}

/// The note editor: quote, text, codes and kind (or, for a link, the relation and a comment).
pub fn editor_window(app: &mut App, ctx: &Context) {
    let Some(mut d) = app.study.draft.clone() else {
        return;
    };
    let titles = app.titles();
    let title_of = |rel: &str| titles.get(rel).cloned().unwrap_or_else(|| rel.to_owned());
    let book = app.lens.book().book.clone();
    let order = StudyUi::code_order(&book, &app.settings.recent_codes);
    let read_only = app.study.desk.session.read_only;
    let heading = match (d.editing.is_some(), d.is_link()) {
        (false, false) => "New note",
        (true, false) => "Edit note",
        (false, true) => "Link passages",
        (true, true) => "Edit link",
    };
    let mut open = true;
    let mut cmds = Vec::new();
    let screen = ctx.content_rect();
    egui::Window::new(heading)
        // One window per shape: a link editor is wider, and a window keeps its size.
        .id(Id::unique(("note-editor", d.is_link())))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_pos(egui::pos2(screen.center().x - 260.0, screen.min.y + 120.0))
        .show(ctx, |ui| {
            ui.set_width(if d.is_link() { 620.0 } else { 500.0 });
            match &d.target {
                DraftTarget::Passage(a) => {
                    let what = if a.exact.is_empty() {
                        "A point in"
                    } else {
                        "From"
                    };
                    quote_box(ui, a, &format!("{what} {}", title_of(&a.article)), 140.0);
                }
                DraftTarget::Article(rel) => {
                    ui.label(format!("On the whole article: {}", title_of(rel)));
                }
                DraftTarget::Study => {
                    ui.label("On the whole study");
                }
                DraftTarget::Link { left, right } => {
                    ui.columns(2, |cols| {
                        quote_box(&mut cols[0], left, &title_of(&left.article), 120.0);
                        quote_box(&mut cols[1], right, &title_of(&right.article), 120.0);
                    });
                }
            }
            ui.add_space(6.0);
            if d.is_link() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("The right passage").weak());
                    for r in Relation::ALL {
                        if ui
                            .selectable_label(d.relation == r, relation_label(r))
                            .clicked()
                        {
                            d.relation = r;
                        }
                    }
                });
            } else {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("Kind").weak());
                    let mut kinds = NoteKind::WRITTEN.to_vec();
                    if d.kind == NoteKind::Coding {
                        kinds.push(NoteKind::Coding);
                    }
                    for k in kinds {
                        if ui.selectable_label(d.kind == k, kind_label(k)).clicked() {
                            d.kind = k;
                        }
                    }
                });
            }
            ui.add_space(4.0);
            let hint = if d.is_link() {
                format!(
                    "How do the two passages differ? ({} saves)",
                    Shortcut::SaveNote.name()
                )
            } else {
                format!("Your note… ({} saves)", Shortcut::SaveNote.name())
            };
            let edit = egui::TextEdit::multiline(&mut d.text)
                .hint_text(hint)
                .desired_rows(5)
                .desired_width(f32::INFINITY);
            let resp = ui.add(edit);
            resp.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Note text")
            });
            if d.focus_text {
                resp.request_focus();
                d.focus_text = false;
            }
            // The one place a note is committed from the keyboard: here, after the text field
            // has taken this frame's typing, so characters typed in the same frame as
            // Ctrl+Enter are in the note.
            if ui.input_mut(|i| i.consume_shortcut(&Shortcut::SaveNote.keys())) {
                cmds.push(Command::Study(StudyCommand::CommitDraft));
            }
            if !d.is_link() {
                ui.add_space(4.0);
                ui.label(
                    RichText::new(format!(
                        "Codes, recently used first ({} toggles one)",
                        Shortcut::range_name(Shortcut::EditorCode(0))
                    ))
                    .small()
                    .weak(),
                );
                ui.horizontal_wrapped(|ui| {
                    // Shown recently used first, each with its fixed number (codebook order),
                    // so a number means the same code here as in the panes.
                    for code in &order {
                        let Some(i) = book.frames().iter().position(|f| &f.id == code) else {
                            continue;
                        };
                        let on = d.codes.contains(code);
                        let label = if i < 9 {
                            format!("{} {}", i + 1, code_name(&book, code))
                        } else {
                            code_name(&book, code)
                        };
                        if code_chip(ui, on, &label, code_color(&book, code)).clicked() {
                            cmds.push(Command::Study(StudyCommand::DraftToggleCode(i)));
                        }
                    }
                    // Codes the codebook in use does not have (kept, shown by id).
                    for code in d.codes.iter().filter(|c| !order.contains(c)) {
                        ui.label(RichText::new(format!("{code} (not in this codebook)")).weak());
                    }
                });
            }
            ui.add_space(8.0);
            if read_only {
                ui.label(
                    RichText::new("The study is open read-only: this note cannot be saved.")
                        .color(ui.visuals().warn_fg_color),
                );
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(d.can_save() && !read_only, egui::Button::new("Save"))
                    .on_hover_text(Shortcut::SaveNote.name())
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::CommitDraft));
                }
                if ui
                    .button("Cancel")
                    .on_hover_text(Shortcut::Escape.name())
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::CancelDraft));
                }
                if let Some(id) = d.editing {
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        if ui
                            .add_enabled(!read_only, egui::Button::new("Delete"))
                            .clicked()
                        {
                            cmds.push(Command::Study(StudyCommand::DeleteNote(id)));
                        }
                    });
                }
            });
        });
    if !open {
        cmds.push(Command::Study(StudyCommand::CancelDraft));
    }
    // Write the edits back before the queued commands run.
    if app.study.draft.is_some() {
        app.study.draft = Some(d);
    }
    app.queue.extend(cmds);
}

/// One row of the notes list (fixed height, so long lists scroll by rows).
const ROW_HEIGHT: f32 = 92.0;

/// The notes panel: search, filters, orphans, notes to check, and the list.
pub fn panel_ui(app: &mut App, ui: &mut Ui) {
    let titles = app.titles();
    let title_of = |rel: &str| titles.get(rel).cloned().unwrap_or_else(|| rel.to_owned());
    let book = app.lens.book().book.clone();
    let dark = ui.visuals().dark_mode;
    let read_only = app.study.desk.session.read_only;
    let mut cmds = Vec::new();
    ui.horizontal(|ui| {
        let n = app.study.desk.session.study.notes.len() + app.study.desk.session.study.links.len();
        ui.label(RichText::new(format!("{n} note{}", if n == 1 { "" } else { "s" })).strong());
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.menu_button("Export", |ui| {
                if ui.button("Markdown, grouped by code…").clicked() {
                    cmds.push(Command::Study(StudyCommand::ExportNotesDialog(
                        Grouping::ByCode,
                    )));
                }
                if ui.button("Markdown, grouped by article…").clicked() {
                    cmds.push(Command::Study(StudyCommand::ExportNotesDialog(
                        Grouping::ByArticle,
                    )));
                }
            });
            let h = &app.study.desk.session.history;
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
                if app.panes[pane].view.is_some()
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
        egui::TextEdit::singleline(&mut app.study.panel.filter.text)
            .hint_text("Search notes, quotes, codes")
            .desired_width(f32::INFINITY),
    );
    search.widget_info(|| egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Search notes"));
    filters_ui(app, ui, &titles);
    ui.separator();

    let lists = app.study.lists();
    let (orphans, review) = (&lists.orphans, &lists.review);
    let has_selection = app.panes[app.focus]
        .view
        .as_ref()
        .is_some_and(|v| v.selection().is_some() || v.caret().is_some());
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
                        orphan_row(app, ui, *id, &title_of, has_selection, read_only, &mut cmds);
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
                            review_row(app, ui, *id, has_selection, read_only, &mut cmds);
                        }
                    });
            });
    }
    let ids = &lists.rows;
    if ids.is_empty() {
        ui.add_space(12.0);
        let text = if app.study.desk.session.study.notes.is_empty()
            && app.study.desk.session.study.links.is_empty()
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
                note_row(app, ui, id, &title_of, &book, dark, &mut cmds);
            }
        });
    app.queue.extend(cmds);
}

fn filters_ui(app: &mut App, ui: &mut Ui, titles: &std::collections::BTreeMap<String, String>) {
    let book = app.lens.book().book.clone();
    let p = &mut app.study.panel.filter;
    ui.horizontal_wrapped(|ui| {
        let code_text = p
            .code
            .as_deref()
            .map_or_else(|| "All codes".to_owned(), |c| code_name(&book, c));
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
    app: &App,
    ui: &mut Ui,
    id: u64,
    title_of: &dyn Fn(&str) -> String,
    has_selection: bool,
    read_only: bool,
    cmds: &mut Vec<Command>,
) {
    let s = &app.study.desk.session.study;
    let (anchor, text) = if let Some(n) = s.note(id) {
        let Some(a) = n.anchor() else { return };
        (a.clone(), n.text.clone())
    } else if let Some(l) = s.link(id) {
        let lost = app
            .study
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
    app: &App,
    ui: &mut Ui,
    id: u64,
    has_selection: bool,
    read_only: bool,
    cmds: &mut Vec<Command>,
) {
    let desk = &app.study.desk;
    let s = &desk.session.study;
    let Some(corpus) = app.corpus.as_ref() else {
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
    app: &App,
    ui: &mut Ui,
    id: u64,
    title_of: &dyn Fn(&str) -> String,
    book: &crate::analysis::codebook::CompiledCodebook,
    dark: bool,
    cmds: &mut Vec<Command>,
) {
    let s = &app.study.desk.session;
    let selected = app.study.panel.selected == Some(id);
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
            format!("Link · {}", relation_label(l.relation)),
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
            ui.add(egui::Label::new(preview(&text, 200).replace('\n', " ")).truncate());
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

/// Banners for a study file that needs the reader's attention.
pub fn banner_ui(app: &mut App, ui: &mut Ui) {
    let s = &app.study.desk.session;
    let path = s
        .path
        .as_ref()
        .map_or_else(|| "the study".to_owned(), |p| p.display().to_string());
    let warn = ui.visuals().warn_fg_color;
    let err = ui.visuals().error_fg_color;
    let mut cmds = Vec::new();
    ui.horizontal_wrapped(|ui| match &s.problem {
        Some(Problem::Locked) => {
            ui.label(RichText::new("Read-only").strong().color(warn));
            ui.label(format!(
                "The study {path} is open in another Parallax window, so it is read-only here. Close it there, then open it again."
            ));
            if ui.button("Open it again").clicked() {
                cmds.push(Command::Study(StudyCommand::ReopenStudy));
            }
        }
        Some(Problem::Foreign { unknown }) => {
            ui.label(RichText::new("Read-only").strong().color(warn));
            ui.label(format!(
                "The study {path} holds {} that this Parallax does not know ({}): it was written by another program or version, or edited by hand. It is open read-only so nothing in it is lost. If a name is misspelled, correct it in the file, then open it again.",
                if unknown.len() == 1 { "a field" } else { "fields" },
                crate::persist::describe_unknown(unknown)
            ));
            if ui.button("Open it again").clicked() {
                cmds.push(Command::Study(StudyCommand::ReopenStudy));
            }
        }
        Some(Problem::Newer { found }) => {
            ui.label(RichText::new("Read-only").strong().color(warn));
            ui.label(format!(
                "The study {path} was written by a newer Parallax (format {found}; this one reads up to {STUDY_VERSION}). It is open read-only so nothing in it is lost; update Parallax to change it."
            ));
        }
        Some(Problem::Corrupt(Damaged { moved_to, line, col, message, backup })) => {
            ui.label(RichText::new("Damaged study file").strong().color(err));
            let moved = if moved_to.as_os_str() == path.as_str() {
                "It was left where it is.".to_owned()
            } else {
                format!("It was moved aside to {}; nothing was overwritten.", moved_to.display())
            };
            ui.label(format!("{path} could not be read: line {line}, column {col}: {message}. {moved}"));
            if let Some(b) = backup {
                let name = b.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if ui
                    .button("Restore the newest backup")
                    .on_hover_text(format!("{name}, the newest backup that reads correctly"))
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::RestoreBackup));
                }
            } else {
                ui.label(RichText::new("There is no backup that reads correctly.").weak());
            }
            if ui.button("Start an empty study").clicked() {
                cmds.push(Command::Study(StudyCommand::DismissStudyProblem));
            }
        }
        Some(Problem::Conflict) => {
            ui.label(RichText::new("Changed on disk").strong().color(warn));
            ui.label(format!(
                "{path} was changed by another program (a sync tool, git) while you had unsaved changes. Nothing was overwritten. Which version goes on?"
            ));
            if ui
                .button("Keep mine")
                .on_hover_text("The version on disk is saved as a copy next to it")
                .clicked()
            {
                cmds.push(Command::Study(StudyCommand::ResolveConflict { keep_mine: true }));
            }
            if ui
                .button("Read the one on disk")
                .on_hover_text("Your version is saved as a copy next to it")
                .clicked()
            {
                cmds.push(Command::Study(StudyCommand::ResolveConflict { keep_mine: false }));
            }
        }
        Some(Problem::Unwritable { message }) => {
            ui.label(RichText::new("Cannot save").strong().color(err));
            ui.label(format!(
                "Notes cannot be saved to {path}: {message}. They are kept in memory meanwhile; choose a folder you can write to."
            ));
            if ui.button("Save study as…").clicked() {
                cmds.push(Command::Study(StudyCommand::SaveStudyAsDialog));
            }
        }
        Some(Problem::Unreadable { message }) => {
            ui.label(RichText::new("Cannot read the study").strong().color(err));
            ui.label(format!("{message}. It is open read-only; nothing was changed."));
            if ui.button("Try again").clicked() {
                cmds.push(Command::Study(StudyCommand::ReopenStudy));
            }
        }
        None => {
            if let Some(e) = &app.study.desk.save_error {
                ui.label(RichText::new("Not saved yet").strong().color(warn));
                ui.label(format!("{e}. Parallax tries again in a few seconds; your notes are kept in memory."));
            } else if s.path.is_none() && s.worth_saving() {
                ui.label(RichText::new("In memory").strong().color(warn));
                ui.label("These notes are not saved to a file yet.");
                if ui.button("Save study as…").clicked() {
                    cmds.push(Command::Study(StudyCommand::SaveStudyAsDialog));
                }
            }
        }
    });
    notices_ui(app, ui, &mut cmds);
    app.queue.extend(cmds);
}

/// What the reader should know about the study as read, and rescued copies to deal with.
fn notices_ui(app: &App, ui: &mut Ui, cmds: &mut Vec<Command>) {
    let desk = &app.study.desk;
    let warn = ui.visuals().warn_fg_color;
    for (i, notice) in desk.session.notices.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            match notice {
                Notice::Renumbered(r) => {
                    ui.label(RichText::new("Notes kept").strong().color(warn));
                    let ids: Vec<String> = r.iter().take(5).map(|r| format!("{} became {}", r.was, r.now)).collect();
                    ui.label(format!(
                        "{} note{} shared an id with another (a merge of two study files does that). Every note is kept: the later ones got new ids ({}{}).",
                        r.len(),
                        if r.len() == 1 { "" } else { "s" },
                        ids.join(", "),
                        if r.len() > 5 { ", …" } else { "" }
                    ));
                }
                Notice::Replayed { edits } => {
                    ui.label(RichText::new("Recovered").strong().color(warn));
                    ui.label(format!(
                        "{edits} edit{} from the last session had not reached the study file (Parallax was stopped before it saved); they were put back from the journal.",
                        if *edits == 1 { "" } else { "s" }
                    ));
                }
            }
            if ui.button("OK").clicked() {
                cmds.push(Command::Study(StudyCommand::DismissStudyNotice(i)));
            }
        });
    }
    for (i, offer) in desk.offers.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Rescued notes").strong().color(warn));
            let when = offer
                .written
                .map(|t| crate::notes::model::local_time(jiff::Timestamp::try_from(t).unwrap_or_default()))
                .unwrap_or_else(|| "earlier".to_owned());
            let differences = rescue::compare(&desk.session.study, &offer.study).len();
            ui.label(format!(
                "A copy of this study was kept on {when} when it could not be saved: {} note{}, {differences} difference{} from the study. ({})",
                offer.count(),
                if offer.count() == 1 { "" } else { "s" },
                if differences == 1 { "" } else { "s" },
                offer.path.display()
            ));
            ui.add_enabled_ui(!desk.session.read_only, |ui| {
                if ui
                    .button("Restore")
                    .on_hover_text(format!("Make the study what the copy holds ({} undoes it)", Shortcut::Undo.name()))
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::RestoreRescued(i)));
                }
            });
            if ui.button("Compare…").clicked() {
                cmds.push(Command::Study(StudyCommand::CompareRescued(Some(i))));
            }
            if ui
                .button("Put away")
                .on_hover_text("Keep the copy in the backup folder and stop offering it")
                .clicked()
            {
                cmds.push(Command::Study(StudyCommand::PutAwayRescued(i)));
            }
        });
    }
    if let Some(e) = &desk.journal_error {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("No journal").strong().color(warn));
            ui.label(format!(
                "{e}. Notes are still saved about a second after each change, but a crash in that second could lose the last one."
            ));
        });
    }
}

/// How a rescued copy differs from the study (Compare…).
pub fn compare_window(app: &mut App, ctx: &Context) {
    let Some(i) = app.study.compare_offer else {
        return;
    };
    let Some(offer) = app.study.desk.offers.get(i) else {
        app.study.compare_offer = None;
        return;
    };
    let diffs = rescue::compare(&app.study.desk.session.study, &offer.study);
    let mut open = true;
    let mut cmds = Vec::new();
    egui::Window::new("Rescued copy and study")
        .open(&mut open)
        .default_width(560.0)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(egui::pos2(
            ctx.content_rect().center().x,
            ctx.content_rect().min.y + 120.0,
        ))
        .show(ctx, |ui| {
            ui.label(format!("{}", offer.path.display()));
            if diffs.is_empty() {
                ui.label("The copy holds nothing the study does not: it can be put away.");
            }
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    for d in &diffs {
                        match d {
                            rescue::Difference::OnlyInCopy(t) => {
                                ui.label(RichText::new(format!("+ only in the copy: {t}")));
                            }
                            rescue::Difference::OnlyInStudy(t) => {
                                ui.label(RichText::new(format!("− only in the study: {t}")).weak());
                            }
                            rescue::Difference::Changed { study, copy } => {
                                ui.label(format!("~ changed: {study}"));
                                ui.label(
                                    RichText::new(format!("   in the copy: {copy}")).italics(),
                                );
                            }
                        }
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Restore the copy").clicked() {
                    cmds.push(Command::Study(StudyCommand::RestoreRescued(i)));
                }
                if ui.button("Put it away").clicked() {
                    cmds.push(Command::Study(StudyCommand::PutAwayRescued(i)));
                }
            });
        });
    if !open {
        cmds.push(Command::Study(StudyCommand::CompareRescued(None)));
    }
    app.queue.extend(cmds);
}

/// Whether the study needs a banner.
pub fn needs_banner(app: &App) -> bool {
    let d = &app.study.desk;
    let s = &d.session;
    s.problem.is_some()
        || d.save_error.is_some()
        || (s.path.is_none() && s.worth_saving())
        || !s.notices.is_empty()
        || !d.offers.is_empty()
        || d.journal_error.is_some()
}

/// Small buttons next to the end of a selection: note, code, link.
pub fn selection_adder(app: &mut App, ui: &mut Ui, pane: Side, clip: egui::Rect) {
    if app.study.draft.is_some() || app.study.desk.session.read_only {
        return;
    }
    let Some(view) = app.panes[pane].view.as_ref() else {
        return;
    };
    if view.dragging() || pane != app.focus {
        return;
    }
    let Some(sel) = view.selection() else { return };
    let Some(end) = view.span_end_screen_rect(&sel) else {
        return;
    };
    let other = pane.other();
    let other_sel = app.panes[other]
        .view
        .as_ref()
        .is_some_and(|v| v.selection().is_some());
    let size = egui::vec2(if other_sel { 158.0 } else { 112.0 }, 24.0);
    let mut pos = egui::pos2(end.max.x + 6.0, end.max.y + 2.0);
    pos.x = pos.x.min(clip.max.x - size.x - 4.0).max(clip.min.x);
    if pos.y + size.y > clip.max.y {
        pos.y = end.min.y - size.y - 2.0;
    }
    let book = app.lens.book().book.clone();
    let mut cmds = Vec::new();
    egui::Area::new(Id::unique(("adder", pane)))
        .order(egui::Order::Foreground)
        .fixed_pos(pos)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(egui::Margin::same(2))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing.x = 2.0;
                        if ui
                            .button("Note")
                            .on_hover_text("Add a note on the selection (N)")
                            .clicked()
                        {
                            cmds.push(Command::Study(StudyCommand::AddNote));
                        }
                        ui.menu_button("Code", |ui| {
                            code_menu(ui, &book, &mut cmds);
                        })
                        .response
                        .on_hover_text("Code the selection (keys 1–9)");
                        if other_sel
                            && ui
                                .button("Link")
                                .on_hover_text(
                                    "Link with the passage selected in the other pane (K)",
                                )
                                .clicked()
                        {
                            cmds.push(Command::Study(StudyCommand::LinkSelections));
                        }
                    });
                });
        });
    app.queue.extend(cmds);
}

fn code_menu(
    ui: &mut Ui,
    book: &crate::analysis::codebook::CompiledCodebook,
    cmds: &mut Vec<Command>,
) {
    for (i, f) in book.frames().iter().enumerate() {
        let label = if i < 9 {
            format!("{}  {}", i + 1, f.name)
        } else {
            f.name.clone()
        };
        ui.horizontal(|ui| {
            swatch(ui, super::lens::frame_solid(f.rgb()));
            if ui.button(label).clicked() {
                cmds.push(Command::Study(StudyCommand::ApplyCode(i)));
                ui.close();
            }
        });
    }
}

/// The text's context menu: note, code, link, omission, article note, copy.
pub fn text_context_menu(app: &mut App, response: &egui::Response, pane: Side) {
    let has_sel = app.panes[pane]
        .view
        .as_ref()
        .is_some_and(|v| v.selection().is_some());
    let other = pane.other();
    let other_sel = app.panes[other]
        .view
        .as_ref()
        .is_some_and(|v| v.selection().is_some() || v.caret().is_some());
    let read_only = app.study.desk.session.read_only;
    let book = app.lens.book().book.clone();
    let mut cmds = Vec::new();
    response.context_menu(|ui| {
        ui.add_enabled_ui(!read_only, |ui| {
            if has_sel {
                if ui
                    .add(egui::Button::new("Add note…").shortcut_text(Shortcut::AddNote.name()))
                    .clicked()
                {
                    cmds.push(Command::Study(StudyCommand::AddNote));
                    ui.close();
                }
                ui.menu_button("Code as", |ui| code_menu(ui, &book, &mut cmds));
            } else if ui
                .add(
                    egui::Button::new("Omission note here…")
                        .shortcut_text(Shortcut::AddNote.name()),
                )
                .on_hover_text("Note what this article leaves out, anchored at this point")
                .clicked()
            {
                cmds.push(Command::Study(StudyCommand::AddNote));
                ui.close();
            }
            if ui
                .add_enabled(
                    other_sel,
                    egui::Button::new("Link with the other pane…").shortcut_text("K"),
                )
                .on_disabled_hover_text("Select a passage in the other pane too")
                .clicked()
            {
                cmds.push(Command::Study(StudyCommand::LinkSelections));
                ui.close();
            }
            ui.separator();
            if ui.button("Note on this article…").clicked() {
                cmds.push(Command::Study(StudyCommand::AddArticleNote(pane)));
                ui.close();
            }
        });
        if has_sel
            && ui
                .add(egui::Button::new("Copy").shortcut_text(Shortcut::Copy.name()))
                .clicked()
        {
            cmds.push(Command::View(ViewCommand::Copy));
            ui.close();
        }
    });
    app.queue.extend(cmds);
}

/// The study-file window: a path field for opening a study or saving it elsewhere.
pub fn path_window(app: &mut App, ctx: &Context) {
    let mut open = app.study.path_window;
    let mut cmds = Vec::new();
    egui::Window::new("Study file")
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            let current = app
                .study
                .desk
                .session
                .path
                .as_ref()
                .map_or_else(|| "not saved to a file".to_owned(), |p| p.display().to_string());
            ui.label(RichText::new(format!("In use: {current}")).weak());
            let label = ui.label(RichText::new("Study file path").small().weak());
            ui.add(
                egui::TextEdit::singleline(&mut app.study.path_input)
                    .hint_text("/home/me/articles/parallax-study.ron")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            let path = crate::corpus::paths::expand_home(app.study.path_input.trim());
            let exists = path.is_file();
            let folder_ok = path.parent().is_some_and(|p| p.as_os_str().is_empty() || p.is_dir());
            let named = path.extension().is_some_and(|e| e == "ron");
            let problem = if app.study.path_input.trim().is_empty() {
                Some("Type the path of a study file (.ron).")
            } else if !named {
                Some("A study file's name ends in .ron.")
            } else if !folder_ok {
                Some("That folder does not exist.")
            } else {
                None
            };
            if let Some(p) = problem {
                ui.label(RichText::new(p).color(ui.visuals().warn_fg_color));
            } else if exists {
                ui.label(RichText::new("A study file is there: Open reads it; Save as would replace it (a backup is kept).").weak());
            } else {
                ui.label(RichText::new("No file there yet: Save as creates it.").weak());
            }
            ui.horizontal(|ui| {
                if ui.add_enabled(problem.is_none() && exists, egui::Button::new("Open")).clicked() {
                    cmds.push(Command::Study(StudyCommand::OpenStudy(path.clone())));
                }
                if ui.add_enabled(problem.is_none(), egui::Button::new("Save as")).clicked() {
                    cmds.push(Command::Study(StudyCommand::SaveStudyAs(path.clone())));
                }
            });
        });
    app.study.path_window = open && app.study.path_window;
    app.queue.extend(cmds);
}
