//! The comparison panel: how the two articles frame the question, side by side. Every number
//! leads back to its passages: click a bar, a passage, a word or a link.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use egui::{Color32, Pos2, RichText, Ui};

use super::commands::{Command, Side};
use super::lens::Lens;
use super::study::{CodedByFrame, StudyUi};
use crate::analysis::{Comparison, DocAnalysis};
use crate::document::Document;

mod agreement;
mod frames;
mod voices;
mod words;
mod worksheet;
use frames::*;
use voices::*;
use words::*;

/// The panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Profile,
    Matrix,
    Voices,
    Words,
    Stance,
    Actors,
    Links,
    Summary,
    Worksheet,
    Agreement,
}

impl Tab {
    const ALL: [Tab; 10] = [
        Tab::Profile,
        Tab::Matrix,
        Tab::Voices,
        Tab::Words,
        Tab::Stance,
        Tab::Actors,
        Tab::Links,
        Tab::Summary,
        Tab::Worksheet,
        Tab::Agreement,
    ];
    fn label(self) -> &'static str {
        match self {
            Tab::Profile => "Profile",
            Tab::Matrix => "Frame matrix",
            Tab::Voices => "Who speaks",
            Tab::Words => "Words",
            Tab::Stance => "Stance",
            Tab::Actors => "Actors",
            Tab::Links => "Links",
            Tab::Summary => "Summary",
            Tab::Worksheet => "Worksheet",
            Tab::Agreement => "Agreement",
        }
    }
}

/// The colours of the two sides in charts.
pub fn side_color(pane: Side, dark: bool) -> Color32 {
    match (pane, dark) {
        (Side::Left, false) => Color32::from_rgb(0x2f, 0x6f, 0xb8),
        (Side::Left, true) => Color32::from_rgb(0x5e, 0x9c, 0xe6),
        (_, false) => Color32::from_rgb(0xd9, 0x7a, 0x1c),
        (_, true) => Color32::from_rgb(0xf2, 0xa1, 0x4e),
    }
}

struct Sides {
    docs: [Arc<Document>; 2],
    analyses: [Arc<DocAnalysis>; 2],
    comparison: Arc<Comparison>,
}

/// The comparison panel and what it keeps between frames: the open tab and which lists the
/// reader unfolded.
#[derive(Default)]
pub struct ComparisonPanel {
    tab: Tab,
    /// Speakers (side, entity; `usize::MAX` for unattributed quotes) whose quotes are listed.
    voices_open: HashSet<(Side, usize)>,
    /// Matrix rows the reader opened, and those closed although their frame is selected.
    matrix_open: BTreeSet<String>,
    matrix_closed: BTreeSet<String>,
    /// Where each profile bar was drawn in the last frame: (frame, side, centre).
    profile_bars: Vec<(usize, Side, Pos2)>,
    /// The word or actor the reader clicked here, whose passages the tab lists.
    listed: Option<String>,
    agreement: agreement::AgreementTab,
    worksheet: worksheet::WorksheetTab,
}

/// What the panel reads from the rest of the window.
pub struct Reads<'a> {
    pub lens: &'a Lens,
    /// The panes' documents are being analysed, or are about to be ([`crate::ui::app::App::analysing`]).
    pub analysing: bool,
    pub study: &'a StudyUi,
    /// The article (corpus index) in each pane.
    pub docs: [Option<usize>; 2],
    /// The document each pane shows.
    pub shown: [Option<Arc<Document>>; 2],
    /// What the find bar shows now: its query and hits per pane (a word or actor the reader
    /// clicked here becomes that).
    pub found: Option<(&'a str, [Arc<Vec<crate::document::Span>>; 2])>,
    /// The folder's articles as the panes show them.
    pub corpus: Option<&'a Arc<crate::corpus::Corpus>>,
}

/// One frame's context for the tabs: the panel's state, what it reads and where its
/// commands go.
struct Cx<'a> {
    panel: &'a mut ComparisonPanel,
    lens: &'a Lens,
    study: &'a StudyUi,
    docs: [Option<usize>; 2],
    found: Option<(&'a str, [Arc<Vec<crate::document::Span>>; 2])>,
    corpus: Option<&'a Arc<crate::corpus::Corpus>>,
    queue: &'a mut Vec<Command>,
}

impl<'a> Cx<'a> {
    fn new(panel: &'a mut ComparisonPanel, reads: Reads<'a>, queue: &'a mut Vec<Command>) -> Self {
        Cx {
            panel,
            lens: reads.lens,
            study: reads.study,
            docs: reads.docs,
            found: reads.found,
            corpus: reads.corpus,
            queue,
        }
    }

    /// Passages the reader coded with each frame, per pane.
    fn coded_by_frame(&self) -> Arc<CodedByFrame> {
        let lens = self.lens.book();
        self.study.coded_by_frame(self.docs, &lens.book, &lens.key)
    }
}

impl ComparisonPanel {
    /// Where each bar of the frame profile was drawn in the last frame: (frame, side, centre).
    pub fn profile_bars(&self) -> &[(usize, Side, Pos2)] {
        &self.profile_bars
    }

    /// Marks for a pane showing `doc`: the coders' disagreements while the Agreement tab is
    /// open and marking is on.
    pub fn pane_marks(&self, doc: &Document, dark: bool) -> Option<crate::ui::doc_view::MarkSet> {
        (self.tab == Tab::Agreement)
            .then(|| self.agreement.marks(doc, dark))
            .flatten()
    }

    /// The worksheet question the cite key puts the selection into.
    pub fn worksheet_current(&self) -> Option<String> {
        self.worksheet.current.clone()
    }

    /// Whether the worksheet is on screen (drawn this pass or the last), so a passage
    /// dragged out of a pane has somewhere to go.
    pub fn takes_passages(&self, pass: u64) -> bool {
        self.worksheet
            .drawn_pass
            .is_some_and(|p| pass.saturating_sub(p) <= 1)
    }

    /// The reader answered or cited question `key`: the cite key goes there next.
    pub fn worksheet_picked(&mut self, key: &str) {
        self.worksheet.current = Some(key.to_owned());
    }

    pub fn ui(&mut self, ui: &mut Ui, reads: Reads<'_>, queue: &mut Vec<Command>) {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            for t in Tab::ALL {
                if ui.selectable_label(self.tab == t, t.label()).clicked() {
                    self.tab = t;
                }
            }
        });
        ui.separator();
        if self.tab == Tab::Agreement {
            let mut cx = Cx::new(self, reads, queue);
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| agreement::agreement_ui(&mut cx, ui));
            return;
        }
        let Some(s) = sides(&reads) else {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                if reads.analysing {
                    crate::ui::busy::spinner(ui);
                    ui.label("Analysing…");
                } else {
                    ui.label(RichText::new("Open an article in each pane to compare them.").weak());
                }
            });
            return;
        };
        let dark = ui.visuals().dark_mode;
        super::chart::legend(
            ui,
            Side::BOTH.map(|p| (s.docs[p].title(), side_color(p, dark))),
        );
        ui.add_space(4.0);
        let tab = self.tab;
        let actors = reads.lens.book().book.book.actors.len();
        let mut cx = Cx::new(self, reads, queue);
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| match tab {
                Tab::Profile => profile_ui(&mut cx, ui, &s),
                Tab::Matrix => matrix_ui(&mut cx, ui, &s),
                Tab::Voices => voices_ui(&mut cx, ui, &s),
                Tab::Words => words_ui(&mut cx, ui, &s),
                Tab::Stance => stance_ui(ui, &s),
                Tab::Actors => actors_ui(&mut cx, ui, &s, actors),
                Tab::Links => links_ui(&mut cx, ui, &s),
                Tab::Summary => summary_ui(&mut cx, ui, &s),
                Tab::Worksheet => worksheet::worksheet_ui(&mut cx, ui, &s),
                Tab::Agreement => {}
            });
    }
}

fn sides(reads: &Reads<'_>) -> Option<Sides> {
    let [Some(l), Some(r)] = reads.shown.clone() else {
        return None;
    };
    let la = reads.lens.analysis(Side::Left, &l)?.clone();
    let ra = reads.lens.analysis(Side::Right, &r)?.clone();
    let c = reads.lens.comparison([Some(&l), Some(&r)])?.clone();
    Some(Sides {
        docs: [l, r],
        analyses: [la, ra],
        comparison: c,
    })
}
