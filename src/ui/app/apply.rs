//! Commands applied: each family of the command tree by one exhaustive match.

use super::layout::NARROW_SIDEBAR;
use super::{App, Dock};
use crate::corpus::watch::Changes;
use crate::ui::commands::{AppCommand, Command, Layer, LensCommand, Side, ViewCommand};
use crate::ui::dialogs::DialogKind;
use crate::ui::doc_view::DocView;
use crate::ui::style::DEFAULT_TEXT_SIZE;
use egui::{Context, ViewportCommand};

impl App {
    /// Apply every queued command.
    pub fn apply_queued(&mut self, ctx: &Context) {
        let queue = std::mem::take(&mut self.queue);
        for cmd in queue {
            self.apply(ctx, cmd);
        }
    }

    /// The one place commands are carried out.
    pub fn apply(&mut self, ctx: &Context, cmd: Command) {
        match cmd {
            Command::App(c) => self.apply_app(ctx, c),
            Command::View(c) => self.apply_view(ctx, c),
            Command::Lens(c) => self.apply_lens(ctx, c),
            Command::Study(c) => self.apply_study(ctx, c),
        }
    }

    /// Carry out a command about files, folders and windows.
    fn apply_app(&mut self, ctx: &Context, cmd: AppCommand) {
        match cmd {
            AppCommand::DismissFirstSteps => self.settings.first_steps_done = true,
            AppCommand::OpenFolderDialog => {
                self.spawn_dialog(ctx, DialogKind::OpenFolder, None);
                self.set_status("Choose a folder in the system dialog…", false);
            }
            AppCommand::ShowCoderName => {
                self.windows.coder = Some(self.settings.coder.clone());
            }
            AppCommand::SetCoderName(name) => {
                let name = name.trim().to_owned();
                self.set_status(
                    if name.is_empty() {
                        "New notes will name no coder.".to_owned()
                    } else {
                        format!("New notes and links are signed “{name}”.")
                    },
                    false,
                );
                self.settings.coder = name;
                self.windows.coder = None;
            }
            AppCommand::ShowOpenPath => {
                if self.path_input.is_empty()
                    && let Some(c) = self.corpus.as_ref().filter(|c| !c.is_bundled())
                {
                    self.path_input = format!("{}/", c.root.display());
                }
                self.windows.open_path = true;
            }
            AppCommand::OpenFolder(path) => {
                self.windows.open_path = false;
                self.open_folder(ctx, path);
            }
            AppCommand::OpenBundled => self.open_bundled(),
            AppCommand::Reload => match &self.corpus {
                Some(c) if c.is_bundled() => self.open_bundled(),
                Some(c) => {
                    let root = c.root.clone();
                    self.remember_panes();
                    self.open_folder(ctx, root);
                }
                None => {}
            },
            AppCommand::CancelLoad => self.stop_loading(ctx),
            AppCommand::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            AppCommand::SetTheme(t) => {
                self.settings.theme = t;
                ctx.set_theme(t.preference());
            }
            AppCommand::ShowShortcuts => self.windows.shortcuts = true,
            AppCommand::ShowAbout => self.windows.about = true,
            AppCommand::ShowLoadReport => self.windows.load_report = true,
            AppCommand::ShowFolderView => self.folder_view.open = true,
            AppCommand::DismissChanges => self.changes = Changes::default(),
        }
    }

    /// Carry out a command about the reading panes.
    fn apply_view(&mut self, ctx: &Context, cmd: ViewCommand) {
        let now = ctx.input(|i| i.time);
        match cmd {
            ViewCommand::ShowNotes => {
                self.dock = Dock::Notes;
                if !self.comparison_shown() {
                    self.queue
                        .push(Command::Lens(LensCommand::ToggleLayer(Layer::Comparison)));
                }
            }
            ViewCommand::TextBigger => self.settings.set_text_size(self.settings.text_size + 1.0),
            ViewCommand::TextSmaller => self.settings.set_text_size(self.settings.text_size - 1.0),
            ViewCommand::TextReset => self.settings.set_text_size(DEFAULT_TEXT_SIZE),
            ViewCommand::ZoomIn | ViewCommand::ZoomOut | ViewCommand::ZoomReset => {
                let z = self.settings.ui_zoom;
                self.settings.set_ui_zoom(match cmd {
                    ViewCommand::ZoomIn => z + 0.1,
                    ViewCommand::ZoomOut => z - 0.1,
                    _ => 1.0,
                });
                ctx.set_zoom_factor(self.settings.ui_zoom);
                self.set_status(
                    format!("Interface at {:.0} %.", self.settings.ui_zoom * 100.0),
                    false,
                );
            }
            ViewCommand::ToggleSidebar => {
                if self.window_width < NARROW_SIDEBAR {
                    self.narrow_sidebar = !self.narrow_sidebar;
                } else {
                    self.settings.show_sidebar = !self.settings.show_sidebar;
                }
            }
            ViewCommand::ToggleSyncScroll => {
                self.settings.sync_scroll = !self.settings.sync_scroll;
                let state = if self.settings.sync_scroll {
                    "on"
                } else {
                    "off"
                };
                self.set_status(format!("Synchronised scrolling {state}."), false);
            }
            ViewCommand::Swap => {
                self.panes.swap(0, 1);
                self.find.hits.swap(0, 1);
                self.find.current.swap(0, 1);
            }
            ViewCommand::ShowDoc { pane, doc } => {
                // The reader's choice wins over the panes wished for before the folder
                // was read.
                self.pending_panes = None;
                self.set_pane_doc(pane, Some(doc));
                self.focus = pane;
            }
            ViewCommand::ShowPassage { doc, span } => {
                self.comparison_tab = false;
                self.show_places(vec![(None, doc, span.start)], now);
                if let Some(p) = Side::BOTH
                    .into_iter()
                    .find(|&p| self.panes[p].doc == Some(doc))
                    && let Some(view) = self.panes[p].view.as_mut()
                {
                    view.select(span);
                    self.focus = p;
                }
            }
            ViewCommand::ScrollTo { pane, offset } => {
                // A passage chosen on the comparison tab: the panes come to the front.
                self.comparison_tab = false;
                if let Some(view) = self.panes[pane].view.as_mut() {
                    view.scroll_to(offset, now);
                }
            }
            ViewCommand::OpenFind => {
                self.find.open = true;
                self.find.focus_requested = true;
                if let Some(sel) = self.panes[self.focus]
                    .view
                    .as_ref()
                    .map(DocView::selected_text)
                    && !sel.is_empty()
                    && sel.len() < 100
                    && !sel.contains('\n')
                {
                    self.find.query = sel;
                }
            }
            ViewCommand::ClearSelection => {
                for p in &mut self.panes {
                    if let Some(v) = p.view.as_mut() {
                        v.clear_selection();
                    }
                }
            }
            ViewCommand::CloseFind => {
                self.find.open = false;
                self.find.hits = Default::default();
                self.find.current = [None, None];
            }
            ViewCommand::FindNext | ViewCommand::FindPrev => {
                let from = Side::BOTH.map(|p| {
                    self.panes[p]
                        .view
                        .as_mut()
                        .and_then(|v| v.visible_span())
                        .map(|s| s.start)
                });
                let targets = self.find.step(cmd == ViewCommand::FindNext, from);
                for p in Side::BOTH {
                    if let (Some(off), Some(view)) = (targets[p], self.panes[p].view.as_mut()) {
                        view.scroll_to(off, now);
                    }
                }
            }
            ViewCommand::SelectAll => {
                if let Some(view) = self.panes[self.focus].view.as_mut() {
                    view.select_all();
                }
            }
            ViewCommand::Copy => {
                let text = self.panes[self.focus]
                    .view
                    .as_ref()
                    .map(DocView::selected_text)
                    .unwrap_or_default();
                if !text.is_empty() {
                    let n = text.chars().count();
                    ctx.copy_text(text);
                    self.set_status(format!("Copied {n} characters."), false);
                }
            }
            ViewCommand::FollowLink { from, link } => {
                let docs = Side::BOTH.map(|p| self.panes[p].view.as_ref().map(|v| v.doc().clone()));
                let target = self
                    .lens
                    .comparison([docs[0].as_deref(), docs[1].as_deref()])
                    .and_then(|c| c.links.get(link))
                    .map(|l| {
                        let at = [l.left.start, l.right.start];
                        (from.other(), at[from.other()], from, at[from])
                    });
                if let Some((to, offset, back, back_offset)) = target {
                    if let Some(v) = self.panes[to].view.as_mut() {
                        v.scroll_to(offset, now);
                    }
                    // Bring the passage followed into view too when it is off screen.
                    if let Some(v) = self.panes[back].view.as_mut() {
                        let block = v.doc().block_at(back_offset).unwrap_or(0);
                        if v.block_screen_y(block).is_none() {
                            v.scroll_to(back_offset, now);
                        }
                    }
                }
            }
        }
    }

    /// Show the frames `visible` picks and hide the others.
    fn show_frames(&mut self, visible: impl Fn(&crate::analysis::codebook::Frame) -> bool) {
        let choice: Vec<(String, bool)> = self
            .lens
            .book()
            .book
            .frames()
            .iter()
            .map(|f| (f.id.clone(), visible(f)))
            .collect();
        let hidden = &mut self.settings.lens.hidden_frames;
        for (id, on) in choice {
            if on {
                hidden.remove(&id);
            } else {
                hidden.insert(id);
            }
        }
    }

    /// The documents the panes show.
    fn shown_docs(&self) -> [Option<std::sync::Arc<crate::document::Document>>; 2] {
        Side::BOTH.map(|p| self.panes[p].view.as_ref().map(|v| v.doc().clone()))
    }

    /// Carry out a command about the framing lens.
    fn apply_lens(&mut self, ctx: &Context, cmd: LensCommand) {
        match cmd {
            LensCommand::SelectCodebook(i) => {
                self.lens.select_book(i);
                self.remember_codebook();
                if let Some(ed) = self.editor.as_mut() {
                    ed.reset();
                }
            }
            LensCommand::LoadCodebookDialog => {
                self.spawn_dialog(ctx, DialogKind::OpenCodebook, None)
            }
            LensCommand::LoadCodebook(path) => self.load_codebook(&path),
            LensCommand::SaveCodebook(path) => self.save_codebook(&path),
            LensCommand::SaveCodebookDialog => {
                let book = &self.lens.book().book.book;
                let name = format!("{}.ron", book.fresh_id(&book.name));
                self.spawn_dialog(ctx, DialogKind::SaveCodebook, Some(name));
            }
            LensCommand::OpenCodebookEditor => {
                self.editor.get_or_insert_with(Default::default);
            }
            LensCommand::ToggleLayer(layer) => {
                let docks = self.comparison_docks();
                let l = &mut self.settings.lens;
                let flag = match layer {
                    Layer::Frames => &mut l.frames,
                    Layer::Quotes => &mut l.quotes,
                    Layer::Stance => &mut l.stance,
                    Layer::Links => &mut l.links,
                    Layer::Focus => &mut l.focus,
                    Layer::Comparison if !docks => &mut self.comparison_tab,
                    Layer::Comparison => &mut l.comparison,
                };
                *flag = !*flag;
            }
            LensCommand::ToggleFrame(i) => {
                if let Some(f) = self.lens.book().book.frames().get(i) {
                    let id = f.id.clone();
                    let hidden = &mut self.settings.lens.hidden_frames;
                    if !hidden.remove(&id) {
                        hidden.insert(id);
                    }
                }
            }
            LensCommand::AllFrames(on) => self.show_frames(|_| on),
            LensCommand::OnlyGroup(group) => self.show_frames(|f| f.group == group),
            LensCommand::HighlightTerm(term) => {
                // The word's occurrences become find hits: counted, marked, on the overview
                // strips, and the panes go to the first.
                if let Some(t) = &term {
                    let docs = self.shown_docs();
                    self.find
                        .show_term(t, Side::BOTH.map(|p| docs[p].as_deref()));
                    self.queue.push(Command::View(ViewCommand::FindNext));
                } else if self.lens.term.as_deref() == Some(self.find.query.as_str()) {
                    self.queue.push(Command::View(ViewCommand::CloseFind));
                }
                self.lens.term = term;
            }
            LensCommand::ShowActor(name) => {
                let docs = self.shown_docs();
                let hits = Side::BOTH.map(|p| {
                    docs[p]
                        .as_deref()
                        .and_then(|d| self.lens.analysis(p, d))
                        .map(|a| {
                            let actor = a
                                .actors
                                .counts
                                .iter()
                                .find(|c| c.name == name)
                                .map(|c| &c.actor);
                            a.actors
                                .mentions
                                .iter()
                                .filter(|m| Some(&m.actor) == actor)
                                .map(|m| m.span.clone())
                                .collect()
                        })
                        .unwrap_or_default()
                });
                self.find
                    .show_passages(&name, hits, Side::BOTH.map(|p| docs[p].as_deref()));
                self.queue.push(Command::View(ViewCommand::FindNext));
            }
            LensCommand::SelectFrame(f) => self.lens.selected_frame = f,
            LensCommand::EditCodebook(book) => {
                let problems = self.lens.shelf.edit_current(book);
                let key = self.lens.book().key.clone();
                if let Some(editor) = self.editor.as_mut() {
                    editor.applied(key, problems);
                }
            }
        }
    }
}
