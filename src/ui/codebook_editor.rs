//! The codebook editor: add, rename, recolour and delete frames, edit their cues; changes
//! apply live (after a short pause in typing) and the codebook can be saved as a RON file.

use egui::{Color32, RichText, Ui};

use super::commands::{Command, LensCommand};
use super::lens::{Lens, frame_solid};
use crate::analysis::codebook::{Codebook, parse_hex_color};

/// How long typing must pause before an edit is applied (re-analysing a long article).
const APPLY_AFTER: f64 = 0.4;

/// The editor's own state: a working copy of the codebook and text buffers.
#[derive(Default)]
pub struct EditorState {
    pub selected: usize,
    draft: Option<Codebook>,
    /// The codebook key the draft was taken from.
    from_key: String,
    dirty_since: Option<f64>,
    pub path_input: String,
    pub error: Option<String>,
    /// The frame just added and being named: its id follows its name until the name
    /// field is left (then the id is fixed, as codes in notes refer to it).
    naming: Option<usize>,
}

impl EditorState {
    /// The edited codebook is now the one in use under `key`, with these problems.
    pub fn applied(&mut self, key: String, problems: Option<String>) {
        self.from_key = key;
        self.error = problems;
    }

    /// Drop the working copy (another codebook was chosen).
    pub fn reset(&mut self) {
        self.draft = None;
        self.selected = 0;
        self.error = None;
        self.dirty_since = None;
    }
}

/// Select all of a text field's text (so typing replaces it).
fn select_all(ui: &Ui, field: &egui::Response, chars: usize) {
    let mut state = egui::TextEdit::load_state(ui.ctx(), field.id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(chars),
        )));
    state.store(ui.ctx(), field.id);
}

fn lines(v: &[String]) -> String {
    v.join("\n")
}

fn from_lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A multi-line list field (one entry per line).
fn list_field(ui: &mut Ui, label: &str, hint: &str, values: &mut Vec<String>, rows: usize) -> bool {
    let l = ui.label(RichText::new(label).strong());
    let mut text = lines(values);
    let resp = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .hint_text(hint)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    if resp.changed() {
        *values = from_lines(&text);
        return true;
    }
    false
}

/// The codebook editor window, if open (closing it drops `editor`). It reads the codebook
/// in use from `lens` and pushes its changes as commands.
pub fn editor_window(
    ctx: &egui::Context,
    editor: &mut Option<EditorState>,
    lens: &Lens,
    queue: &mut Vec<Command>,
) {
    let Some(state) = editor.as_mut() else {
        return;
    };
    let now = ctx.input(|i| i.time);
    let current_key = lens.book().key.clone();
    if state.draft.is_none() || (state.dirty_since.is_none() && state.from_key != current_key) {
        state.draft = Some(lens.book().book.book.clone());
        state.from_key = current_key;
    }
    let mut open = true;
    let mut changed = false;
    egui::Window::new("Codebook")
        .open(&mut open)
        .default_width(720.0)
        .default_height(560.0)
        .show(ctx, |ui| {
            let Some(book) = state.draft.as_mut() else {
                return;
            };
            ui.horizontal(|ui| {
                ui.label("In use:");
                egui::ComboBox::from_id_salt("editor-book")
                    .selected_text(lens.book().label())
                    .show_ui(ui, |ui| {
                        for (i, b) in lens.shelf.books.iter().enumerate() {
                            if ui
                                .selectable_label(i == lens.shelf.current, b.label())
                                .clicked()
                            {
                                queue.push(Command::Lens(LensCommand::SelectCodebook(i)));
                            }
                        }
                    });
                if ui.button("Load…").clicked() {
                    queue.push(Command::Lens(LensCommand::LoadCodebookDialog));
                }
                if ui.button("Save as…").clicked() {
                    queue.push(Command::Lens(LensCommand::SaveCodebookDialog));
                }
            });
            ui.horizontal(|ui| {
                let l = ui.label("Name");
                changed |= ui
                    .add(egui::TextEdit::singleline(&mut book.name).desired_width(320.0))
                    .labelled_by(l.id)
                    .changed();
            });
            ui.separator();
            let mut delete = None;
            let mut renamed = false;
            let mut name_focus = false;
            ui.columns(2, |cols| {
                let ui = &mut cols[0];
                ui.label(RichText::new("Frames").strong());
                egui::ScrollArea::vertical()
                    .id_salt("frame-list")
                    .max_height(360.0)
                    .show(ui, |ui| {
                        for (i, f) in book.frames.iter().enumerate() {
                            ui.horizontal(|ui| {
                                let (rect, _) = ui.allocate_exact_size(
                                    egui::vec2(12.0, 12.0),
                                    egui::Sense::hover(),
                                );
                                ui.painter().rect_filled(rect, 2.0, frame_solid(f.rgb()));
                                let name = if f.name.is_empty() {
                                    "(unnamed)"
                                } else {
                                    f.name.as_str()
                                };
                                if ui.selectable_label(state.selected == i, name).clicked() {
                                    state.selected = i;
                                    state.naming = None;
                                }
                            });
                        }
                    });
                ui.horizontal(|ui| {
                    if ui.button("Add frame").clicked() {
                        book.frames.push(book.new_frame());
                        state.selected = book.frames.len() - 1;
                        state.naming = Some(state.selected);
                        name_focus = true;
                        changed = true;
                    }
                    if !book.frames.is_empty() && ui.button("Delete frame").clicked() {
                        delete = Some(state.selected);
                    }
                });
                let ui = &mut cols[1];
                if let Some(f) = book.frames.get_mut(state.selected) {
                    egui::ScrollArea::vertical()
                        .id_salt("frame-edit")
                        .max_height(420.0)
                        .show(ui, |ui| {
                            egui::Grid::new("frame-fields")
                                .num_columns(2)
                                .show(ui, |ui| {
                                    let l = ui.label("Frame name");
                                    let name = ui
                                        .add(egui::TextEdit::singleline(&mut f.name))
                                        .labelled_by(l.id);
                                    if name_focus {
                                        name.request_focus();
                                        // The placeholder name is selected, so typing replaces it.
                                        select_all(ui, &name, f.name.chars().count());
                                    }
                                    if name.changed() && state.naming == Some(state.selected) {
                                        renamed = true;
                                    }
                                    if name.lost_focus() {
                                        state.naming = None;
                                    }
                                    changed |= name.changed();
                                    ui.end_row();
                                    let l = ui.label("Group");
                                    changed |= ui
                                        .add(egui::TextEdit::singleline(&mut f.group))
                                        .labelled_by(l.id)
                                        .changed();
                                    ui.end_row();
                                    ui.label("Colour");
                                    let mut rgb =
                                        parse_hex_color(&f.color).unwrap_or([128, 128, 128]);
                                    if ui.color_edit_button_srgb(&mut rgb).changed() {
                                        f.color =
                                            format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
                                        changed = true;
                                    }
                                    ui.end_row();
                                    ui.label("Id");
                                    ui.label(RichText::new(&f.id).monospace().weak());
                                    ui.end_row();
                                });
                            let l = ui.label(RichText::new("Description").strong());
                            changed |= ui
                                .add(
                                    egui::TextEdit::multiline(&mut f.description)
                                        .desired_rows(2)
                                        .desired_width(f32::INFINITY),
                                )
                                .labelled_by(l.id)
                                .changed();
                            changed |= list_field(
                                ui,
                                "Cues (one per line; a trailing * matches any ending)",
                                "cooperat*\nsame side",
                                &mut f.cues,
                                5,
                            );
                            changed |= list_field(
                                ui,
                                "Patterns (regular expressions, one per line)",
                                r"\bboots on the ground\b",
                                &mut f.patterns,
                                2,
                            );
                            for p in &f.patterns {
                                if let Err(e) =
                                    regex::RegexBuilder::new(p).case_insensitive(true).build()
                                {
                                    ui.label(
                                        RichText::new(format!("Not a valid pattern: {p} — {e}"))
                                            .color(ui.visuals().error_fg_color)
                                            .small(),
                                    );
                                }
                            }
                            changed |= list_field(
                                ui,
                                "Indicator questions",
                                "Does the text …?",
                                &mut f.questions,
                                3,
                            );
                            changed |= list_field(ui, "Examples", "", &mut f.examples, 2);
                        });
                }
            });
            if let Some(i) = delete
                && i < book.frames.len()
            {
                book.frames.remove(i);
                state.selected = state.selected.min(book.frames.len().saturating_sub(1));
                state.naming = None;
                changed = true;
            }
            if renamed {
                book.derive_id(state.selected);
            }
            ui.separator();
            ui.horizontal(|ui| {
                let l = ui.label("File");
                ui.add(
                    egui::TextEdit::singleline(&mut state.path_input)
                        .hint_text("/path/to/codebook.ron")
                        .desired_width(340.0),
                )
                .labelled_by(l.id);
                if ui.button("Load file").clicked() {
                    let path = crate::corpus::paths::expand_home(&state.path_input);
                    queue.push(LensCommand::LoadCodebook(path).into());
                }
                if ui.button("Save to file").clicked() && !state.path_input.trim().is_empty() {
                    let path = crate::corpus::paths::expand_home(&state.path_input);
                    queue.push(LensCommand::SaveCodebook(path).into());
                }
            });
            if let Some(e) = &state.error {
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
            } else if state.dirty_since.is_some() {
                ui.label(RichText::new("Applying…").weak());
            } else {
                ui.label(
                    RichText::new("Changes apply to the highlights as you type.")
                        .weak()
                        .color(Color32::GRAY),
                );
            }
        });
    if changed {
        state.dirty_since = Some(now);
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(APPLY_AFTER));
    }
    if let Some(t) = state.dirty_since {
        if now - t >= APPLY_AFTER {
            if let Some(book) = state.draft.clone() {
                queue.push(LensCommand::EditCodebook(book).into());
            }
            state.dirty_since = None;
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(APPLY_AFTER));
        }
    }
    if !open {
        *editor = None;
    }
}
