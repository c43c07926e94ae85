//! Marks over the text: what they are, how they are cached and painted.

use std::sync::Arc;

use egui::text::{CharIndex, Galley};
use egui::{Color32, Pos2, Rect, Stroke, StrokeKind, pos2};

use crate::document::Span;

use super::*;

/// How a mark is drawn over the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MarkStyle {
    /// A background fill.
    Fill(Color32),
    /// A line under the text.
    Underline(Color32),
    /// An outline around the text.
    Outline(Color32),
    /// A dashed line under the text (stance markers).
    Dashed(Color32),
    /// A note on the passage: a bar in the left margin and a thin line under the text.
    Note(Color32),
    /// A code the reader applied by hand: a bar in the margin and a thick line under the text
    /// (automatic cue hits are fills, so the two stay apart). The second number stacks the
    /// lines of several codes on one passage (0, 1, 2…).
    Coded(Color32, u8),
    /// A point between two characters (omission notes): a caret before the span's start. The
    /// span itself (one character) is where hovering shows the tip.
    Point(Color32),
}

/// A coloured span drawn over the text, with an optional explanation shown on hover.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub span: Span,
    pub style: MarkStyle,
    pub tip: Option<Arc<str>>,
    /// In focus mode, text outside focus marks fades.
    pub focus: bool,
    /// Parts that belong with this mark and light up while it is hovered (a quotation's
    /// cue and the mention of its speaker).
    pub group: Option<Arc<[Span]>>,
    /// The note or link the mark shows (its marks are replaced when it changes).
    pub owner: Option<u64>,
}

impl Mark {
    pub fn fill(span: Span, color: Color32) -> Self {
        Self {
            span,
            style: MarkStyle::Fill(color),
            tip: None,
            focus: false,
            group: None,
            owner: None,
        }
    }

    /// The same mark drawn another way.
    pub fn styled(self, style: MarkStyle) -> Self {
        Self { style, ..self }
    }

    pub fn new(span: Span, style: MarkStyle, tip: impl Into<Arc<str>>) -> Self {
        Self {
            span,
            style,
            tip: Some(tip.into()),
            focus: false,
            group: None,
            owner: None,
        }
    }
}

/// (block, colour) ticks for a pane's overview strip.
pub type Ticks = Arc<Vec<(usize, Color32)>>;

/// A pane's marks and overview ticks as built for `key`, kept until the key changes.
pub struct MarkCache<K> {
    key: Option<K>,
    marks: Arc<MarkSet>,
    ticks: Ticks,
}

impl<K> Default for MarkCache<K> {
    fn default() -> Self {
        Self {
            key: None,
            marks: Arc::default(),
            ticks: Arc::default(),
        }
    }
}

impl<K: PartialEq> MarkCache<K> {
    /// What was built for `key`, if that is what the cache holds.
    pub fn get(&self, key: &K) -> Option<(Arc<MarkSet>, Ticks)> {
        (self.key.as_ref() == Some(key)).then(|| (self.marks.clone(), self.ticks.clone()))
    }

    /// What was built last, whatever it was built for, when `still_good` accepts its key
    /// (to keep showing marks while newer ones are being computed).
    pub fn last_if(&self, still_good: impl FnOnce(&K) -> bool) -> Option<(Arc<MarkSet>, Ticks)> {
        self.key
            .as_ref()
            .filter(|k| still_good(k))
            .map(|_| (self.marks.clone(), self.ticks.clone()))
    }

    /// Turn what was built for `from` into what `to` needs, in place, when the cache holds
    /// `from`: `change` edits the marks and returns the ticks.
    pub fn update(
        &mut self,
        from: &K,
        to: K,
        change: impl FnOnce(&mut MarkSet) -> Vec<(usize, Color32)>,
    ) -> Option<(Arc<MarkSet>, Ticks)> {
        if self.key.as_ref() != Some(from) {
            return None;
        }
        self.ticks = Arc::new(change(Arc::make_mut(&mut self.marks)));
        self.key = Some(to);
        Some((self.marks.clone(), self.ticks.clone()))
    }

    /// Keep what was built for `key`, and hand it out.
    pub fn put(
        &mut self,
        key: K,
        marks: MarkSet,
        ticks: Vec<(usize, Color32)>,
    ) -> (Arc<MarkSet>, Ticks) {
        self.key = Some(key);
        self.marks = Arc::new(marks);
        self.ticks = Arc::new(ticks);
        (self.marks.clone(), self.ticks.clone())
    }
}

/// Marks sorted by start, with the longest span, for fast lookup of the marks on a block.
#[derive(Debug, Clone, Default)]
pub struct MarkSet {
    marks: Vec<Mark>,
    longest: usize,
}

impl MarkSet {
    pub fn new(mut marks: Vec<Mark>) -> Self {
        marks.sort_by_key(|m| (m.span.start, m.span.end));
        let longest = marks.iter().map(|m| m.span.len()).max().unwrap_or(0);
        Self { marks, longest }
    }

    pub fn push(&mut self, mark: Mark) {
        self.longest = self.longest.max(mark.span.len());
        let at = self
            .marks
            .partition_point(|m| (m.span.start, m.span.end) <= (mark.span.start, mark.span.end));
        self.marks.insert(at, mark);
    }

    /// Keep only the marks `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Mark) -> bool) {
        self.marks.retain(keep);
    }

    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Mark> {
        self.marks.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// Marks overlapping `span` (an empty mark counts when it sits inside `span`).
    pub fn overlapping<'a>(&'a self, span: &Span) -> impl Iterator<Item = &'a Mark> + use<'a> {
        let (start, end) = (span.start, span.end);
        let from = self
            .marks
            .partition_point(|m| m.span.start + self.longest < start);
        let to = self
            .marks
            .partition_point(|m| m.span.start < end.max(start + 1));
        self.marks[from..to.max(from)].iter().filter(move |m| {
            (m.span.end > start && m.span.start < end)
                || (m.span.is_empty() && start <= m.span.start && m.span.start < end)
        })
    }
}

/// The straight lines of one block's marks (underlines, margin bars), gathered so that
/// lines of one colour and width on one spot that touch or overlap are drawn once: a page
/// under thousands of notes draws a few hundred strokes, not a stroke per note and row.
#[derive(Default)]
pub(super) struct Strokes {
    /// Distinct (vertical, position across, width, colour), in the order first seen.
    keys: rustc_hash::FxHashMap<(bool, u32, u32, Color32), usize>,
    /// (key index, from, to) along the line.
    runs: Vec<(usize, f32, f32)>,
    order: Vec<(bool, f32, Stroke)>,
}

impl Strokes {
    fn horizontal(&mut self, y: f32, x0: f32, x1: f32, stroke: Stroke) {
        self.add(false, y, x0, x1, stroke);
    }

    fn vertical(&mut self, x: f32, y0: f32, y1: f32, stroke: Stroke) {
        self.add(true, x, y0, y1, stroke);
    }

    fn add(&mut self, vertical: bool, at: f32, from: f32, to: f32, stroke: Stroke) {
        let key = (vertical, at.to_bits(), stroke.width.to_bits(), stroke.color);
        let next = self.order.len();
        let k = *self.keys.entry(key).or_insert(next);
        if k == next {
            self.order.push((vertical, at, stroke));
        }
        self.runs.push((k, from.min(to), from.max(to)));
    }

    /// Draw what was gathered (merged runs, in the order their lines were first seen) and
    /// start empty.
    pub(super) fn paint(&mut self, painter: &egui::Painter) {
        self.runs
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let draw = |k: usize, from: f32, to: f32| {
            let (vertical, at, stroke) = self.order[k];
            let ends = if vertical {
                [pos2(at, from), pos2(at, to)]
            } else {
                [pos2(from, at), pos2(to, at)]
            };
            painter.line_segment(ends, stroke);
        };
        let mut current: Option<(usize, f32, f32)> = None;
        for &(k, from, to) in &self.runs {
            match &mut current {
                Some((ck, _, cto)) if *ck == k && from <= *cto + 0.5 => *cto = cto.max(to),
                _ => {
                    if let Some((ck, cfrom, cto)) = current {
                        draw(ck, cfrom, cto);
                    }
                    current = Some((k, from, to));
                }
            }
        }
        if let Some((ck, cfrom, cto)) = current {
            draw(ck, cfrom, cto);
        }
        self.runs.clear();
        self.keys.clear();
        self.order.clear();
    }
}

/// Paint a mark over the part of a laid-out block it covers: fills and shapes at once, its
/// straight lines into `strokes` (drawn by [`Strokes::paint`]).
pub(super) fn paint_mark(
    painter: &egui::Painter,
    strokes: &mut Strokes,
    laid: &Laid,
    pos: Pos2,
    margin_x: f32,
    span: &Span,
    style: MarkStyle,
) {
    let span_d = laid.display.to_display(span.start)..laid.display.to_display(span.end);
    let c0 = laid.char_index(span_d.start);
    let c1 = if matches!(style, MarkStyle::Point(_)) {
        c0
    } else {
        laid.char_index(span_d.end)
    };
    let rects = char_range_rects(&laid.galley, c0, c1);
    let margin_bar = |strokes: &mut Strokes, r: Rect, x: f32, color: Color32| {
        strokes.vertical(x, r.top() + 1.0, r.bottom() - 1.0, Stroke::new(4.0, color));
    };
    for r in rects {
        let r = r.translate(pos.to_vec2());
        match style {
            MarkStyle::Fill(color) => {
                painter.rect_filled(r, 2.0, color);
            }
            MarkStyle::Underline(color) => {
                let y = r.bottom() - 1.0;
                strokes.horizontal(y, r.left(), r.right(), Stroke::new(2.0, color));
            }
            MarkStyle::Dashed(color) => {
                let y = r.bottom() - 1.0;
                painter.extend(egui::Shape::dashed_line(
                    &[pos2(r.left(), y), pos2(r.right(), y)],
                    Stroke::new(1.5, color),
                    3.0,
                    2.0,
                ));
            }
            MarkStyle::Outline(color) => {
                painter.rect_stroke(r, 2.0, Stroke::new(1.5, color), StrokeKind::Outside);
            }
            MarkStyle::Note(color) => {
                margin_bar(strokes, r, margin_x, color);
                strokes.horizontal(r.bottom(), r.left(), r.right(), Stroke::new(1.5, color));
            }
            MarkStyle::Coded(color, level) => {
                let level = f32::from(level.min(2));
                margin_bar(strokes, r, margin_x - 5.0 - 4.0 * level, color);
                let y = r.bottom() + 1.0 + 3.0 * level;
                strokes.horizontal(y, r.left(), r.right(), Stroke::new(2.5, color));
            }
            MarkStyle::Point(color) => {
                let x = r.left();
                painter.line_segment(
                    [pos2(x, r.top()), pos2(x, r.bottom())],
                    Stroke::new(2.0, color),
                );
                let b = r.bottom();
                painter.add(egui::Shape::convex_polygon(
                    vec![
                        pos2(x, b - 5.0),
                        pos2(x + 4.5, b + 2.0),
                        pos2(x - 4.5, b + 2.0),
                    ],
                    color,
                    Stroke::NONE,
                ));
                margin_bar(strokes, r, margin_x, color);
            }
        }
    }
}

/// Focus mode: cover the block's text outside focus marks with a translucent fade.
pub(super) fn paint_fade(
    painter: &egui::Painter,
    laid: &Laid,
    pos: Pos2,
    span: &Span,
    marks: &[&MarkSet],
    fade: Color32,
) {
    let mut focus: Vec<(usize, usize)> = marks
        .iter()
        .flat_map(|set| set.overlapping(span))
        .filter(|m| m.focus)
        .map(|m| {
            let a = laid.char_index(laid.display.to_display(m.span.start));
            let b = laid.char_index(laid.display.to_display(m.span.end));
            (a, b)
        })
        .collect();
    focus.sort_unstable();
    let total = laid.char_index(laid.display.text.len());
    let mut at = 0;
    let mut gaps = Vec::new();
    for (a, b) in focus {
        if a > at {
            gaps.push((at, a));
        }
        at = at.max(b);
    }
    if at < total {
        gaps.push((at, total));
    }
    for (a, b) in gaps {
        for r in char_range_rects(&laid.galley, a, b) {
            painter.rect_filled(r.translate(pos.to_vec2()), 0.0, fade);
        }
    }
}

/// Rectangles (galley coordinates) covering chars `[c0, c1)`; an empty range gives a thin
/// caret-like rectangle so point marks stay visible.
pub(super) fn char_range_rects(galley: &Galley, c0: usize, c1: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let end = start + n;
        let a = c0.max(start);
        let b = c1.min(end);
        if a < b || (c0 == c1 && c0 >= start && c0 <= end) {
            let x0 = row.pos.x + row.x_offset(CharIndex(a - start));
            let x1 = if a < b {
                row.pos.x + row.x_offset(CharIndex(b - start))
            } else {
                x0 + 2.0
            };
            out.push(Rect::from_min_max(
                pos2(x0, row.min_y()),
                pos2(x1.max(x0 + 1.0), row.max_y()),
            ));
            if c0 == c1 {
                break;
            }
        }
        start += row.char_count_including_newline().0;
        if start >= c1 && c0 != c1 {
            break;
        }
    }
    out
}
