//! Find in both panes at once (Ctrl+F): one query, hit counts per pane, next/previous.

use std::sync::Arc;

use egui::Ui;

use super::commands::{Command, Side, ViewCommand};
use super::shortcuts::Shortcut;
use crate::document::search::{FindOptions, find_all};
use crate::document::{ContentHash, Document, Span};

/// Documents this large wait for typing to pause before searching.
const DEBOUNCE_BYTES: usize = 1 << 20;
const DEBOUNCE_SECS: f64 = 0.2;

#[derive(Default)]
pub struct FindBar {
    pub open: bool,
    pub query: String,
    pub options: FindOptions,
    /// Hits per pane, in document order.
    pub hits: [Arc<Vec<Span>>; 2],
    /// The current hit per pane.
    pub current: [Option<usize>; 2],
    searched: Option<(String, FindOptions, [Option<ContentHash>; 2])>,
    edited_at: f64,
    pub focus_requested: bool,
}

impl FindBar {
    /// Recompute hits when the query, options or documents changed. Returns true when the
    /// hits changed.
    pub fn refresh(&mut self, docs: [Option<&Document>; 2], now: f64) -> bool {
        let hashes = docs.map(|d| d.map(|d| d.hash.clone()));
        let key = (self.query.clone(), self.options, hashes);
        if !self.open || self.searched.as_ref() == Some(&key) {
            return false;
        }
        let size: usize = docs.iter().flatten().map(|d| d.text.len()).sum();
        if size > DEBOUNCE_BYTES && now - self.edited_at < DEBOUNCE_SECS {
            return false;
        }
        for (i, d) in docs.iter().enumerate() {
            self.hits[i] = Arc::new(
                d.map(|d| find_all(d, &self.query, self.options))
                    .unwrap_or_default(),
            );
            self.current[i] = None;
        }
        self.searched = Some(key);
        true
    }

    /// Find `term` as a whole word in both panes at once (a word chosen in the comparison
    /// panel): counts, marks, overview ticks and next/previous come with it.
    pub fn show_term(&mut self, term: &str, docs: [Option<&Document>; 2]) {
        self.open = true;
        self.query = term.to_owned();
        self.options = FindOptions {
            case_sensitive: false,
            whole_word: true,
        };
        self.edited_at = f64::NEG_INFINITY;
        self.searched = None;
        self.refresh(docs, 0.0);
    }

    /// Show given passages as the hits, under `query` (an actor's mentions, whatever name
    /// each one uses). Editing the query or an option searches the text again.
    pub fn show_passages(
        &mut self,
        query: &str,
        mut hits: [Vec<Span>; 2],
        docs: [Option<&Document>; 2],
    ) {
        self.open = true;
        self.query = query.to_owned();
        for (i, h) in hits.iter_mut().enumerate() {
            h.sort_by_key(|s| (s.start, s.end));
            self.hits[i] = Arc::new(std::mem::take(h));
            self.current[i] = None;
        }
        let hashes = docs.map(|d| d.map(|d| d.hash.clone()));
        self.searched = Some((self.query.clone(), self.options, hashes));
    }

    /// Whether a search is waiting for typing to pause.
    pub fn pending(&self) -> bool {
        self.open
            && !self.query.trim().is_empty()
            && self
                .searched
                .as_ref()
                .is_none_or(|(q, o, _)| *q != self.query || *o != self.options)
    }

    /// Move each pane's current hit forward (or back), wrapping. Returns the offsets to show.
    pub fn step(&mut self, forward: bool, from: [Option<usize>; 2]) -> [Option<usize>; 2] {
        let mut out = [None, None];
        for pane in Side::BOTH {
            let hits = &self.hits[pane];
            if hits.is_empty() {
                continue;
            }
            let n = hits.len();
            let next = match self.current[pane] {
                Some(i) if forward => (i + 1) % n,
                Some(i) => (i + n - 1) % n,
                // First step: the first hit after (or before) where the reader is.
                None => {
                    let at = from[pane].unwrap_or(0);
                    let i = hits.partition_point(|h| h.start < at);
                    if forward { i % n } else { (i + n - 1) % n }
                }
            };
            self.current[pane] = Some(next);
            out[pane] = Some(hits[next].start);
        }
        out
    }

    /// "3 of 12" for a pane.
    pub fn count_label(&self, pane: Side) -> String {
        let n = self.hits[pane].len();
        match self.current[pane] {
            _ if self.query.trim().is_empty() => String::new(),
            _ if n == 0 => "no hits".to_owned(),
            Some(i) => format!("{} of {n}", i + 1),
            None => format!("{n} hit{}", if n == 1 { "" } else { "s" }),
        }
    }

    /// The find bar; pushes commands for next/previous/close.
    pub fn ui(&mut self, ui: &mut Ui, titles: [Option<&str>; 2], cmds: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let edit = egui::TextEdit::singleline(&mut self.query)
                .hint_text("in both articles")
                .desired_width(240.0);
            let resp = ui.add(edit).labelled_by(label.id);
            if self.focus_requested {
                resp.request_focus();
                self.focus_requested = false;
            }
            if resp.changed() {
                self.edited_at = ui.input(|i| i.time);
            }
            // Enter keeps focus in the field and moves to the next hit.
            // The Shift that counts is the one held when Enter went down (read from the key
            // event itself: the modifiers of the frame can be newer than the key).
            let enter = Shortcut::FindNext.keys().logical_key;
            let pressed = ui.input(|i| {
                i.events.iter().find_map(|e| match e {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } if *key == enter => Some(modifiers.shift),
                    _ => None,
                })
            });
            if resp.lost_focus()
                && let Some(shift) = pressed
            {
                cmds.push(if shift {
                    Command::View(ViewCommand::FindPrev)
                } else {
                    Command::View(ViewCommand::FindNext)
                });
                resp.request_focus();
            }
            ui.toggle_value(&mut self.options.case_sensitive, "Aa")
                .on_hover_text("Match case");
            ui.toggle_value(&mut self.options.whole_word, "Whole word")
                .on_hover_text("Match whole words only");
            if ui
                .button("\u{23F6}")
                .on_hover_text("Previous hit (Shift+Enter)")
                .clicked()
            {
                cmds.push(Command::View(ViewCommand::FindPrev));
            }
            if ui
                .button("\u{23F7}")
                .on_hover_text("Next hit (Enter)")
                .clicked()
            {
                cmds.push(Command::View(ViewCommand::FindNext));
            }
            ui.separator();
            for pane in Side::BOTH {
                if titles[pane].is_some() {
                    let text = format!("{}: {}", pane.title(), self.count_label(pane));
                    ui.label(text)
                        .on_hover_text(titles[pane].unwrap_or_default());
                }
            }
            if self.pending() {
                crate::ui::busy::spinner(ui);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("\u{D7}")
                    .on_hover_text("Close (Escape)")
                    .clicked()
                {
                    cmds.push(Command::View(ViewCommand::CloseFind));
                }
            });
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn next_and_previous_wrap_in_each_pane() {
        let a = Document::from_text(
            "a.txt",
            Format::Text,
            "T\n\nIran one. Iran two. Iran three.",
        );
        let b = Document::from_text("b.txt", Format::Text, "T\n\nIran only.");
        let mut f = FindBar {
            open: true,
            query: "iran".into(),
            ..Default::default()
        };
        assert!(f.refresh([Some(&a), Some(&b)], 0.0));
        assert_eq!(f.hits[0].len(), 3);
        assert_eq!(f.hits[1].len(), 1);
        assert_eq!(f.count_label(Side::Left), "3 hits");
        let first = f.step(true, [None, None]);
        assert_eq!(first[0], Some(f.hits[0][0].start));
        assert_eq!(f.count_label(Side::Left), "1 of 3");
        f.step(true, [None, None]);
        f.step(true, [None, None]);
        assert_eq!(f.count_label(Side::Left), "3 of 3");
        f.step(true, [None, None]);
        assert_eq!(f.count_label(Side::Left), "1 of 3", "wraps to the first");
        f.step(false, [None, None]);
        assert_eq!(f.count_label(Side::Left), "3 of 3", "and back");
        assert_eq!(f.count_label(Side::Right), "1 of 1");
        assert!(!f.refresh([Some(&a), Some(&b)], 1.0), "nothing changed");
    }
}
