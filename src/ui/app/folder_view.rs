//! View → Folder view: every article of the folder in one table (title, outlet, author,
//! date, words, comments, notes) with a heat map of frames × articles (cue hits per 1,000
//! words, the reader's own codes beside them). Any column sorts; clicking a row opens that
//! article in the focused pane; ticking two rows and "Compare" puts them side by side.
//!
//! The cues are counted on worker threads with progress, and cached by content and
//! codebook, in memory and in the app's data folder, so reopening the view, the folder or
//! the app counts nothing again.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, mpsc};

use egui::{Color32, RichText, Sense, Ui};

use crate::analysis::folder::{CountCache, Counted, SortBy, Table};
use crate::corpus::Corpus;
use crate::side::Side;
use crate::ui::app::App;
use crate::ui::commands::{Command, ViewCommand};

/// A count of the folder's cues running on worker threads.
struct Counting {
    key: Key,
    done: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    rx: mpsc::Receiver<Option<Vec<Arc<Counted>>>>,
}

/// What the counts were made for: the folder as read (by its allocation) and the codebook.
#[derive(Clone, PartialEq)]
struct Key {
    corpus: usize,
    book: String,
}

#[derive(Default)]
pub struct FolderView {
    pub open: bool,
    /// Read from the data folder's cache file by the first count.
    cache: Arc<OnceLock<CountCache>>,
    counting: Option<Counting>,
    counted: Option<(Key, Vec<Arc<Counted>>)>,
    /// The table, and the study generation it was built at.
    table: Option<(u64, Table)>,
    sort: Option<(SortBy, bool)>,
    order: Vec<usize>,
    /// Rows ticked for comparing (corpus indexes, at most two).
    picked: Vec<usize>,
    /// Where the window drew its content last frame.
    rect: Option<egui::Rect>,
}

impl FolderView {
    /// The table as last built, if the folder is counted.
    pub fn table(&self) -> Option<&Table> {
        self.table.as_ref().map(|(_, t)| t)
    }

    /// Where the window drew its content last frame (none while closed).
    pub fn rect(&self) -> Option<egui::Rect> {
        self.rect.filter(|_| self.open)
    }

    /// Whether the cues are being counted.
    pub fn counting(&self) -> bool {
        self.counting.is_some()
    }

    /// Start counting `corpus` under the lens's codebook, or take up finished counts, and
    /// rebuild the table when the study changed.
    fn update(&mut self, app_corpus: &Arc<Corpus>, app: &AppParts<'_>, ctx: &egui::Context) {
        let key = Key {
            corpus: Arc::as_ptr(app_corpus) as usize,
            book: app.key.to_owned(),
        };
        if let Some(c) = &self.counting {
            if c.key != key {
                c.cancel.store(true, Ordering::Relaxed);
                self.counting = None;
            } else if let Ok(result) = c.rx.try_recv() {
                if let Some(counted) = result {
                    self.counted = Some((key.clone(), counted));
                    self.table = None;
                }
                self.counting = None;
            }
        }
        let fresh = self.counted.as_ref().is_some_and(|(k, _)| *k == key);
        if !fresh && self.counting.is_none() {
            let done = Arc::new(AtomicUsize::new(0));
            let cancel = Arc::new(AtomicBool::new(false));
            let (tx, rx) = mpsc::channel();
            let (cache, corpus, book) = (self.cache.clone(), app_corpus.clone(), app.book.clone());
            let file = app.cache_file.clone();
            let book_key = key.book.clone();
            let (d, c, wake) = (done.clone(), cancel.clone(), ctx.clone());
            let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
            let spawned = crate::background::spawn("folder-view", move || {
                let every = (corpus.documents.len() / 50).max(1);
                let cache =
                    cache.get_or_init(|| file.as_deref().map(CountCache::load).unwrap_or_default());
                let out = cache.count_all(&corpus, &book, &book_key, workers, &c, &|n| {
                    d.store(n, Ordering::Relaxed);
                    if n % every == 0 {
                        wake.request_repaint();
                    }
                });
                let _ = tx.send(out);
                wake.request_repaint();
                // Only a cache: when it cannot be written, the next session counts again.
                if let Some(f) = &file
                    && let Err(e) = cache.save(f)
                {
                    eprintln!(
                        "parallax: could not keep the folder counts in {}: {e}",
                        f.display()
                    );
                }
            });
            if spawned.is_ok() {
                self.counting = Some(Counting {
                    key: key.clone(),
                    done,
                    cancel,
                    rx,
                });
            }
        }
        if let Some((k, counted)) = &self.counted
            && *k == key
            && self
                .table
                .as_ref()
                .is_none_or(|(g, _)| *g != app.generation)
        {
            let table = Table::new(app_corpus, app.book, counted, app.study);
            self.table = Some((app.generation, table));
            self.order.clear();
        }
        if let Some((_, t)) = &self.table
            && self.order.len() != t.rows.len()
        {
            self.order = match self.sort {
                Some((by, asc)) => t.order(by, asc),
                None => (0..t.rows.len()).collect(),
            };
        }
        self.picked.retain(|&i| i < app_corpus.documents.len());
    }

    fn sort_by(&mut self, by: SortBy) {
        // Text starts A to Z, numbers highest first; the same column again turns it round.
        let first = matches!(
            by,
            SortBy::Title | SortBy::Outlet | SortBy::Author | SortBy::Date
        );
        let asc = match self.sort {
            Some((b, a)) if b == by => !a,
            _ => first,
        };
        self.sort = Some((by, asc));
        if let Some((_, t)) = &self.table {
            self.order = t.order(by, asc);
        }
    }
}

/// The cache file of counted articles, in the app's data folder.
pub const COUNTS_FILE: &str = "folder-counts.json";

/// What the view reads from the app.
struct AppParts<'a> {
    book: &'a Arc<crate::analysis::codebook::CompiledCodebook>,
    /// The codebook's content key (computed once by the shelf, not every frame).
    key: &'a str,
    study: &'a crate::notes::model::Study,
    generation: u64,
    /// Where counts are kept between sessions (none when the app has no data folder).
    cache_file: Option<PathBuf>,
}

/// The window, while open.
pub(crate) fn folder_window(app: &mut App, ctx: &egui::Context) {
    if !app.folder_view.open {
        return;
    }
    let Some(corpus) = app.corpus.clone() else {
        app.folder_view.open = false;
        return;
    };
    let entry = app.lens.book();
    let (book, book_key) = (entry.book.clone(), entry.key.clone());
    let parts = AppParts {
        book: &book,
        key: &book_key,
        study: &app.study.desk.session.study,
        generation: app.study.desk.session.generation,
        cache_file: app.data_dir.as_ref().map(|d| d.join(COUNTS_FILE)),
    };
    app.folder_view.update(&corpus, &parts, ctx);
    let mut open = true;
    let mut queue = Vec::new();
    let focus = app.focus;
    let shown = egui::Window::new("Folder view")
        .open(&mut open)
        // Wide: the heat map has a column per frame.
        .default_size([
            (ctx.content_rect().width() - 64.0).clamp(420.0, 1600.0),
            (ctx.content_rect().height() * 0.75).clamp(300.0, 900.0),
        ])
        .default_pos(ctx.content_rect().center())
        .pivot(egui::Align2::CENTER_CENTER)
        .max_width(ctx.content_rect().width() - 32.0)
        .min_width(420.0)
        .vscroll(false)
        .show(ctx, |ui| {
            view_ui(&mut app.folder_view, ui, &corpus, focus, &mut queue);
        });
    app.folder_view.rect = shown.map(|r| r.response.rect);
    app.folder_view.open = open;
    app.queue.extend(queue);
}

fn view_ui(v: &mut FolderView, ui: &mut Ui, corpus: &Corpus, focus: Side, q: &mut Vec<Command>) {
    let n = corpus.documents.len();
    if let Some(c) = &v.counting {
        let done = c.done.load(Ordering::Relaxed);
        ui.add(
            egui::ProgressBar::new(done as f32 / n.max(1) as f32)
                .text(format!("Counting the frames' cues: {done} of {n} articles"))
                .animate(true),
        );
    }
    let Some((_, table)) = &v.table else {
        if v.counting.is_none() {
            ui.label("Counting the frames' cues…");
        }
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{n} article{} · codebook {} · cells: cue hits per 1,000 words (your coded notes in brackets)",
            if n == 1 { "" } else { "s" },
            table.codebook
        ));
        ui.label(
            RichText::new("Click a heading to sort, a row to open it in the focused pane; tick two to compare.")
                .small()
                .weak(),
        );
    });
    ui.horizontal(|ui| {
        let two = v.picked.len() == 2;
        if ui
            .add_enabled(two, egui::Button::new("Compare the two ticked"))
            .on_disabled_hover_text("Tick two rows first")
            .clicked()
        {
            q.push(Command::View(ViewCommand::ShowDoc {
                pane: Side::Left,
                doc: v.picked[0],
            }));
            q.push(Command::View(ViewCommand::ShowDoc {
                pane: Side::Right,
                doc: v.picked[1],
            }));
        }
        if !v.picked.is_empty() && ui.button("Untick").clicked() {
            v.picked.clear();
        }
    });
    ui.separator();
    let max = table.max_per_1000().max(1e-9);
    let dark = ui.visuals().dark_mode;
    let heading: Vec<(SortBy, String)> = [
        (SortBy::Title, "Title".to_owned()),
        (SortBy::Outlet, "Outlet".into()),
        (SortBy::Author, "Author".into()),
        (SortBy::Date, "Date".into()),
        (SortBy::Words, "Words".into()),
        (SortBy::Comments, "Comments".into()),
        (SortBy::Notes, "Notes".into()),
    ]
    .into_iter()
    .chain(
        table
            .frames
            .iter()
            .enumerate()
            .map(|(i, f)| (SortBy::Frame(i), f.clone())),
    )
    .collect();
    let mut sort = None;
    let mut open_doc = None;
    let mut tick = None;
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    // Many frames make the table wider than the window: it scrolls sideways.
    egui::ScrollArea::horizontal()
        .id_salt("folder-view-x")
        .show(ui, |ui| {
            let mut builder = egui_extras::TableBuilder::new(ui)
                .id_salt("folder-view")
                .striped(true)
                .sense(Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(egui_extras::Column::exact(22.0))
                .column(
                    egui_extras::Column::initial(240.0)
                        .at_least(80.0)
                        .clip(true)
                        .resizable(true),
                )
                .column(
                    egui_extras::Column::initial(110.0)
                        .at_least(40.0)
                        .clip(true)
                        .resizable(true),
                )
                .column(
                    egui_extras::Column::initial(110.0)
                        .at_least(40.0)
                        .clip(true)
                        .resizable(true),
                )
                .column(egui_extras::Column::initial(82.0).at_least(40.0).clip(true))
                .columns(egui_extras::Column::initial(58.0).at_least(36.0), 3);
            builder = builder.columns(
                egui_extras::Column::initial(84.0)
                    .at_least(34.0)
                    .clip(true)
                    .resizable(true),
                table.frames.len(),
            );
            builder
                .header(row_h * 2.0, |mut header| {
                    header.col(|_| {});
                    for (by, name) in &heading {
                        header.col(|ui| {
                            let r = ui
                                .add(
                                    egui::Label::new(RichText::new(name).strong().small())
                                        .wrap()
                                        .sense(Sense::click()),
                                )
                                .on_hover_ui(|ui| {
                                    ui.label(format!("Sort by {name}"));
                                });
                            r.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Button,
                                    true,
                                    format!("Sort by {name}"),
                                )
                            });
                            if r.clicked() {
                                sort = Some(*by);
                            }
                            // The sorted column's direction, as a small triangle.
                            if let Some((b, asc)) = v.sort
                                && b == *by
                            {
                                let (rect, _) =
                                    ui.allocate_exact_size(egui::vec2(8.0, 8.0), Sense::hover());
                                let c = rect.center();
                                let (tip, base) = if asc { (-3.5, 3.0) } else { (3.5, -3.0) };
                                ui.painter().add(egui::Shape::convex_polygon(
                                    vec![
                                        egui::pos2(c.x, c.y + tip),
                                        egui::pos2(c.x + 4.0, c.y + base),
                                        egui::pos2(c.x - 4.0, c.y + base),
                                    ],
                                    ui.visuals().strong_text_color(),
                                    egui::Stroke::NONE,
                                ));
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_h, v.order.len(), |mut row| {
                        let i = v.order[row.index()];
                        let Some(r) = table.rows.get(i) else { return };
                        let picked = v.picked.contains(&r.doc);
                        row.set_selected(picked);
                        row.col(|ui| {
                            let mut on = picked;
                            let r2 = ui
                                .checkbox(&mut on, "")
                                .on_hover_text("Tick two to compare");
                            r2.widget_info(|| {
                                egui::WidgetInfo::selected(
                                    egui::Role::CheckBox,
                                    true,
                                    on,
                                    format!("Tick {}", r.title),
                                )
                            });
                            if r2.changed() {
                                tick = Some(r.doc);
                            }
                        });
                        let text = |row: &mut egui_extras::TableRow<'_, '_>, s: &str| {
                            row.col(|ui| {
                                ui.add(egui::Label::new(s).truncate().selectable(false));
                            });
                        };
                        row.col(|ui| {
                            let t = ui.add(
                                egui::Label::new(&r.title)
                                    .truncate()
                                    .selectable(false)
                                    .sense(Sense::click()),
                            );
                            t.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Link,
                                    true,
                                    format!("Open {}", r.title),
                                )
                            });
                            if t.clicked() {
                                open_doc = Some(r.doc);
                            }
                        });
                        text(&mut row, r.outlet.as_deref().unwrap_or("\u{2014}"));
                        text(&mut row, r.author.as_deref().unwrap_or("\u{2014}"));
                        text(&mut row, r.date.as_deref().unwrap_or("\u{2014}"));
                        for n in [r.words, r.comments, r.notes] {
                            row.col(|ui| {
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::Center),
                                    |ui| {
                                        ui.add(egui::Label::new(n.to_string()).selectable(false));
                                    },
                                );
                            });
                        }
                        for (f, (&value, &coded)) in r.per_1000.iter().zip(&r.coded).enumerate() {
                            let (_, cell) = row.col(|ui| {
                                let rect = ui.max_rect();
                                ui.painter().rect_filled(
                                    rect.shrink(1.0),
                                    2.0,
                                    heat(value / max, dark),
                                );
                                let label = if coded > 0 {
                                    format!("{value:.1} ({coded})")
                                } else {
                                    format!("{value:.1}")
                                };
                                let ink = if value / max > 0.55 {
                                    Color32::WHITE
                                } else {
                                    ui.visuals().text_color()
                                };
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::Center),
                                    |ui| {
                                        ui.add(
                                            egui::Label::new(
                                                RichText::new(label).color(ink).small(),
                                            )
                                            .selectable(false),
                                        );
                                    },
                                );
                            });
                            // Built only while the pointer is over the cell.
                            let cell = cell.on_hover_ui(|ui| {
                                ui.label(format!(
                                    "{}\n{}: {value:.1} cue hits per 1,000 words{}",
                                    r.title,
                                    table.frames[f],
                                    if coded > 0 {
                                        format!(", {coded} of your notes coded with it")
                                    } else {
                                        String::new()
                                    }
                                ));
                            });
                            cell.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Button,
                                    true,
                                    format!("Open {} at {}", r.title, table.frames[f]),
                                )
                            });
                            if cell.clicked() {
                                open_doc = Some(r.doc);
                            }
                        }
                        if row.response().clicked() {
                            open_doc = Some(r.doc);
                        }
                    });
                });
        });
    if let Some(by) = sort {
        v.sort_by(by);
    }
    if let Some(d) = tick {
        if let Some(at) = v.picked.iter().position(|&p| p == d) {
            v.picked.remove(at);
        } else {
            if v.picked.len() == 2 {
                v.picked.remove(0);
            }
            v.picked.push(d);
        }
    }
    if let Some(doc) = open_doc {
        q.push(Command::View(ViewCommand::ShowDoc { pane: focus, doc }));
    }
}

/// A heat-map colour for a share of the table's highest density (0 to 1): from the
/// background to a deep blue, readable in both themes.
fn heat(share: f64, dark: bool) -> Color32 {
    let t = share.clamp(0.0, 1.0) as f32;
    let (from, to) = if dark {
        ([40.0, 44.0, 52.0], [70.0, 130.0, 230.0])
    } else {
        ([246.0, 248.0, 252.0], [30.0, 90.0, 180.0])
    };
    let mix = |k: usize| (from[k] + (to[k] - from[k]) * t.sqrt()) as u8;
    Color32::from_rgb(mix(0), mix(1), mix(2))
}
