//! The document widget: one article, virtualised by block, with selection and marks.
//!
//! Why a custom widget (see DESIGN.md): one `Label` or `TextEdit` over a long article lays out
//! the whole text on every width change and offers no character-range selection. Here each
//! block (paragraph, quote, comment paragraph…) gets its own galley, laid out only when it
//! is near the viewport and kept in our own cache keyed by wrap width and style generation.
//! Item heights start as estimates and are replaced by measurements as items come into view;
//! when an item above the viewport changes height the scroll offset moves with it, so the
//! text under the reader's eyes stays put.
//!
//! Selection is kept as canonical byte offsets (never as galley cursors), so it survives
//! scrolling, relayout and collapsing the comment thread. Marks (find hits, later frame
//! highlights and notes) are painted over the laid-out text: changing them never re-lays out.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{CharIndex, Galley, LayoutJob, TextFormat};
use egui::{
    Color32, CursorIcon, Id, Pos2, Rect, Response, ScrollArea, Sense, Stroke, StrokeKind, Ui, Vec2,
    pos2, vec2,
};

use super::style::{BlockStyle, MAX_COLUMN_EMS, block_style, mark_colors};
use crate::document::display::DisplayText;
use crate::document::text::word_at;
use crate::document::{AuthorSource, Document, Section, Span};

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
}

impl Mark {
    pub fn fill(span: Span, color: Color32) -> Self {
        Self {
            span,
            style: MarkStyle::Fill(color),
            tip: None,
            focus: false,
            group: None,
        }
    }

    pub fn new(span: Span, style: MarkStyle, tip: impl Into<Arc<str>>) -> Self {
        Self {
            span,
            style,
            tip: Some(tip.into()),
            focus: false,
            group: None,
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

/// What the view shows and how.
pub struct ViewConfig<'a> {
    /// Accessible name of the view ("Left article: …").
    pub label: &'a str,
    pub text_size: f32,
    /// Bumped when anything that changes layout changes (theme, fonts).
    pub style_gen: u64,
    /// Sets of marks drawn in order (lens marks, then find hits).
    pub marks: &'a [&'a MarkSet],
    /// Fade text outside focus marks with this colour (the background, translucent).
    pub focus_fade: Option<Color32>,
}

/// What happened in the view this frame.
#[derive(Debug, Default)]
pub struct ViewOutput {
    /// The user pressed or dragged in the text (the pane has focus now).
    pub interacted: bool,
    /// The scroll offset changed.
    pub scrolled: bool,
    /// Canonical offset under the pointer.
    pub hovered_offset: Option<usize>,
    /// The text area's response (for context menus).
    pub response: Option<Response>,
}

/// One row of the virtual list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Block(usize),
    ThreadHeader,
    CommentHeader(usize),
    /// A run of page furniture (blocks the main-content extraction cut), shown as one
    /// collapsed row: the first block's index.
    Furniture(usize),
}

/// A laid-out block.
struct Laid {
    galley: Arc<Galley>,
    display: DisplayText,
    style: BlockStyle,
    /// Display byte → char index, for non-ASCII text (empty when the text is ASCII).
    char_of_byte: Vec<u32>,
}

impl Laid {
    fn char_index(&self, display_byte: usize) -> usize {
        if self.char_of_byte.is_empty() {
            display_byte
        } else {
            self.char_of_byte
                .get(display_byte)
                .copied()
                .map_or_else(|| self.display.text.chars().count(), |c| c as usize)
        }
    }

    fn byte_index(&self, char_index: usize) -> usize {
        if self.char_of_byte.is_empty() {
            char_index.min(self.display.text.len())
        } else {
            self.display
                .text
                .char_indices()
                .nth(char_index)
                .map_or(self.display.text.len(), |(b, _)| b)
        }
    }
}

/// Selection as canonical byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    pub fn span(&self) -> Span {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }
}

/// Horizontal page margin of the text column.
const MARGIN: f32 = 18.0;
/// Distance within which the pointer auto-scrolls while dragging a selection.
const AUTOSCROLL_EDGE: f32 = 24.0;

/// The state of one document view.
pub struct DocView {
    doc: Arc<Document>,
    id: Id,
    items: Vec<Item>,
    /// Item index of each block (usize::MAX when hidden in a collapsed thread).
    block_item: Vec<usize>,
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `tops[i]` is the y of item `i`; `tops[len]` the total height.
    tops: Vec<f32>,
    tops_dirty_from: Option<usize>,
    laid: HashMap<usize, Laid>,
    /// (column width, text size, style generation) the galleys were laid out for.
    layout_key: (i32, u32, u64),
    column_width: f32,
    text_size: f32,
    pub thread_collapsed: bool,
    /// Runs of page furniture the reader opened (by their first block).
    furniture_open: std::collections::BTreeSet<usize>,
    selection: Option<Selection>,
    dragging: bool,
    scroll_y: f32,
    viewport_h: f32,
    forced_scroll: Option<f32>,
    /// Keep this canonical offset at a third of the viewport while heights settle.
    pending_target: Option<(usize, u8)>,
    /// A block briefly highlighted after a jump (block index, until time).
    flash: Option<(Span, f64)>,
    /// Where the content's top-left and the visible area were on screen last frame.
    last_origin: Pos2,
    last_view: Rect,
    last_col: (f32, f32),
    /// The parts of the hovered mark's group (see [`Mark::group`]), lit up.
    hover_group: Option<Arc<[Span]>>,
}

impl DocView {
    pub fn new(doc: Arc<Document>, id: Id) -> Self {
        let mut view = Self {
            doc,
            id,
            items: Vec::new(),
            block_item: Vec::new(),
            heights: Vec::new(),
            measured: Vec::new(),
            tops: vec![0.0],
            tops_dirty_from: None,
            laid: HashMap::new(),
            layout_key: (0, 0, 0),
            column_width: 600.0,
            text_size: super::style::DEFAULT_TEXT_SIZE,
            thread_collapsed: false,
            furniture_open: Default::default(),
            selection: None,
            dragging: false,
            scroll_y: 0.0,
            viewport_h: 600.0,
            forced_scroll: None,
            pending_target: None,
            flash: None,
            last_origin: Pos2::ZERO,
            last_view: Rect::NOTHING,
            last_col: (0.0, 0.0),
            hover_group: None,
        };
        view.rebuild_items();
        view
    }

    pub fn doc(&self) -> &Arc<Document> {
        &self.doc
    }

    /// The selected canonical span, if any text is selected.
    pub fn selection(&self) -> Option<Span> {
        self.selection.map(|s| s.span()).filter(|s| !s.is_empty())
    }

    /// Where the caret is when the selection is collapsed (a click without a drag): the
    /// point omission notes are anchored at.
    pub fn caret(&self) -> Option<usize> {
        self.selection
            .filter(|s| s.anchor == s.head)
            .map(|s| s.head)
    }

    /// Whether the reader is dragging out a selection.
    pub fn dragging(&self) -> bool {
        self.dragging
    }

    /// Screen rectangle of the last line of `span` as drawn last frame, when it is on screen.
    pub fn span_end_screen_rect(&self, span: &Span) -> Option<Rect> {
        let at = if span.is_empty() {
            span.start
        } else {
            span.end.saturating_sub(1)
        };
        let bi = self.doc.block_at(at)?;
        let item = *self.block_item.get(bi)?;
        let laid = self.laid.get(&item)?;
        let block = &self.doc.blocks()[bi];
        let from = span.start.max(block.span.start);
        let to = span.end.min(block.span.end);
        let c0 = laid.char_index(laid.display.to_display(from));
        let c1 = laid.char_index(laid.display.to_display(to));
        let pos = pos2(
            self.last_col.0 + laid.style.indent,
            self.last_origin.y + *self.tops.get(item)?,
        );
        let r = char_range_rects(&laid.galley, c0, c1)
            .last()?
            .translate(pos.to_vec2());
        self.last_view.intersects(r).then_some(r)
    }

    /// The parts lit up because the pointer is on a mark of their group (a quotation, its
    /// cue and its speaker's mention).
    pub fn hovered_parts(&self) -> Option<&[Span]> {
        self.hover_group.as_deref()
    }

    pub fn clear_selection(&mut self) {
        self.selection = None;
    }

    /// Select a canonical span (clamped to the text and to char boundaries).
    pub fn select(&mut self, span: Span) {
        let text = &self.doc.text;
        let start = crate::document::text::floor_char_boundary(text, span.start);
        let end = crate::document::text::floor_char_boundary(text, span.end.max(start));
        self.selection = Some(Selection {
            anchor: start,
            head: end,
        });
    }

    /// Select everything the view shows.
    pub fn select_all(&mut self) {
        let blocks = self.doc.blocks();
        if let (Some(first), Some(last)) = (blocks.first(), blocks.last()) {
            self.selection = Some(Selection {
                anchor: first.span.start,
                head: last.span.end,
            });
        }
    }

    /// The selected text as the reader sees it: blocks joined by blank lines, without the
    /// indentation and markup the view hides.
    pub fn selected_text(&self) -> String {
        let Some(sel) = self.selection() else {
            return String::new();
        };
        let mut parts = Vec::new();
        for block in self.doc.blocks() {
            if block.span.end <= sel.start || block.span.start >= sel.end {
                continue;
            }
            let display = DisplayText::of_block(&self.doc.text, block);
            let a = display.to_display(sel.start);
            let b = display.to_display(sel.end);
            if a < b {
                parts.push(display.text[a..b].to_owned());
            }
        }
        parts.join("\n\n")
    }

    /// Scroll so that `offset` sits a third of the way down the view (expanding the comment
    /// thread if it is collapsed), and flash its block.
    pub fn scroll_to(&mut self, offset: usize, now: f64) {
        if let Some(bi) = self.doc.block_at(offset) {
            if self.block_item[bi] == usize::MAX {
                match self.furniture_run(bi) {
                    Some(first) => {
                        self.furniture_open.insert(first);
                    }
                    None => self.thread_collapsed = false,
                }
                self.rebuild_items();
            }
            self.flash = Some((self.doc.blocks()[bi].span.clone(), now + 1.2));
        }
        self.pending_target = Some((offset, 6));
    }

    /// Scroll to a comment's header.
    pub fn scroll_to_comment(&mut self, comment: usize, now: f64) {
        let doc = self.doc.clone();
        if let Some(c) = doc.comments().get(comment) {
            let start = doc
                .blocks()
                .get(c.blocks.start)
                .map_or(c.span.start, |b| b.span.start);
            self.scroll_to(start, now);
            self.flash = Some((c.span.clone(), now + 1.4));
        }
    }

    /// Scroll position as a fraction of the scrollable height.
    pub fn scroll_fraction(&self) -> f32 {
        let total = self.tops.last().copied().unwrap_or(0.0);
        let max = (total - self.viewport_h).max(1.0);
        (self.scroll_y / max).clamp(0.0, 1.0)
    }

    pub fn set_scroll_fraction(&mut self, f: f32) {
        let max = (self.total_height() - self.viewport_h).max(0.0);
        let y = (f.clamp(0.0, 1.0) * max).round();
        if (y - self.scroll_y).abs() >= 1.0 {
            self.forced_scroll = Some(y);
            self.scroll_y = y;
        }
    }

    /// Scroll so that the given fraction of the whole content is at the top.
    pub fn scroll_to_content_fraction(&mut self, f: f32) {
        let y = (f.clamp(0.0, 1.0) * self.total_height() - self.viewport_h / 2.0).max(0.0);
        self.forced_scroll = Some(y);
        self.scroll_y = y;
    }

    /// Where a canonical offset sits, as a fraction of the whole content height.
    pub fn offset_fraction(&mut self, offset: usize) -> f32 {
        let total = self.total_height().max(1.0);
        self.offset_y(offset) / total
    }

    /// The visible part of the content, as fractions of its height.
    pub fn viewport_fractions(&mut self) -> (f32, f32) {
        let total = self.total_height().max(1.0);
        (
            (self.scroll_y / total).clamp(0.0, 1.0),
            ((self.scroll_y + self.viewport_h) / total).clamp(0.0, 1.0),
        )
    }

    /// Screen y range of a block as drawn last frame, clipped to the visible area; None
    /// when it is not on screen.
    pub fn block_screen_y(&self, block: usize) -> Option<(f32, f32)> {
        let item = *self.block_item.get(block)?;
        if item == usize::MAX || item + 1 >= self.tops.len() {
            return None;
        }
        let top = self.last_origin.y + self.tops[item];
        let bottom = self.last_origin.y + self.tops[item + 1];
        let (a, b) = (
            top.max(self.last_view.min.y),
            bottom.min(self.last_view.max.y),
        );
        (a < b).then_some((a, b))
    }

    /// Where a block starts, as a fraction of the whole content height (for overview strips).
    pub fn block_fraction(&self, block: usize) -> Option<f32> {
        let item = *self.block_item.get(block)?;
        let total = *self.tops.last()?;
        (item != usize::MAX && total > 0.0).then(|| self.tops[item] / total)
    }

    /// Height of the whole content as laid out so far (estimates included).
    pub fn content_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// Screen x range of the text column last frame.
    pub fn column_screen_x(&self) -> (f32, f32) {
        self.last_col
    }

    /// The visible screen area last frame.
    pub fn screen_rect(&self) -> Rect {
        self.last_view
    }

    /// The canonical span of the block items currently on screen.
    pub fn visible_span(&mut self) -> Option<Span> {
        self.refresh_tops();
        let (a, b) = self.visible_items(self.scroll_y, self.scroll_y + self.viewport_h);
        let blocks = self.doc.blocks();
        let first = self.items[a..b].iter().find_map(|it| match it {
            Item::Block(bi) => Some(blocks[*bi].span.start),
            _ => None,
        })?;
        let last = self.items[a..b].iter().rev().find_map(|it| match it {
            Item::Block(bi) => Some(blocks[*bi].span.end),
            _ => None,
        })?;
        Some(first..last)
    }

    fn rebuild_items(&mut self) {
        let doc = &self.doc;
        let mut items = Vec::with_capacity(doc.blocks().len() + doc.comments().len() + 1);
        let mut block_item = vec![usize::MAX; doc.blocks().len()];
        let blocks = doc.blocks();
        let mut thread_done = false;
        let mut bi = 0;
        while bi < blocks.len() {
            let b = &blocks[bi];
            if b.section == Section::Thread {
                // The whole thread, at the place it starts.
                if !thread_done {
                    thread_done = true;
                    items.push(Item::ThreadHeader);
                    if !self.thread_collapsed {
                        for (ci, c) in doc.comments().iter().enumerate() {
                            items.push(Item::CommentHeader(ci));
                            for k in c.blocks.clone() {
                                block_item[k] = items.len();
                                items.push(Item::Block(k));
                            }
                        }
                    }
                }
                bi += 1;
                continue;
            }
            if b.cut {
                // A run of page furniture: one row, its blocks shown once opened.
                let run_end = (bi..blocks.len())
                    .find(|&k| !blocks[k].cut || blocks[k].section == Section::Thread)
                    .unwrap_or(blocks.len());
                items.push(Item::Furniture(bi));
                if self.furniture_open.contains(&bi) {
                    for (k, slot) in block_item.iter_mut().enumerate().take(run_end).skip(bi) {
                        *slot = items.len();
                        items.push(Item::Block(k));
                    }
                }
                bi = run_end;
                continue;
            }
            block_item[bi] = items.len();
            items.push(Item::Block(bi));
            bi += 1;
        }
        if !thread_done && !doc.comments().is_empty() {
            items.push(Item::ThreadHeader);
        }
        self.items = items;
        self.block_item = block_item;
        self.heights = self.items.iter().map(|&it| self.estimate(it)).collect();
        self.measured = vec![false; self.items.len()];
        self.laid.clear();
        self.tops_dirty_from = Some(0);
        self.refresh_tops();
    }

    /// Whether block `bi` is shown (not folded into a collapsed thread or furniture row).
    pub fn is_block_shown(&self, bi: usize) -> bool {
        self.block_item.get(bi).is_some_and(|&i| i != usize::MAX)
    }

    /// The run of page furniture block `bi` belongs to (its first block), if it is one.
    fn furniture_run(&self, bi: usize) -> Option<usize> {
        let blocks = self.doc.blocks();
        if !blocks.get(bi)?.cut {
            return None;
        }
        let mut first = bi;
        while first > 0 && blocks[first - 1].cut && blocks[first - 1].section != Section::Thread {
            first -= 1;
        }
        Some(first)
    }

    /// The blocks a furniture row stands for.
    fn furniture_blocks(&self, first: usize) -> std::ops::Range<usize> {
        let blocks = self.doc.blocks();
        let end = (first..blocks.len())
            .find(|&k| !blocks[k].cut || blocks[k].section == Section::Thread)
            .unwrap_or(blocks.len());
        first..end
    }

    fn estimate(&self, item: Item) -> f32 {
        let size = self.text_size;
        let row = size * 1.35;
        match item {
            Item::ThreadHeader => size * 3.2,
            Item::CommentHeader(_) => row + size * 0.9,
            Item::Furniture(_) => row * 0.9 + size * 0.5,
            Item::Block(bi) => {
                let b = &self.doc.blocks()[bi];
                let scale = match b.kind {
                    crate::document::BlockKind::Title => 1.55,
                    crate::document::BlockKind::Caption | crate::document::BlockKind::Byline => {
                        0.88
                    }
                    crate::document::BlockKind::Boilerplate => 0.82,
                    _ => 1.0,
                };
                let chars_per_row = (self.column_width / (size * scale * 0.48)).max(10.0);
                let text = &self.doc.text[b.span.clone()];
                let breaks = text.matches('\n').count() as f32;
                let rows = (text.len() as f32 / chars_per_row).ceil().max(1.0) + breaks;
                rows * row * scale + size * 0.75
            }
        }
    }

    fn total_height(&mut self) -> f32 {
        self.refresh_tops();
        self.tops.last().copied().unwrap_or(0.0)
    }

    fn refresh_tops(&mut self) {
        let Some(from) = self.tops_dirty_from.take() else {
            return;
        };
        self.tops.resize(self.items.len() + 1, 0.0);
        let mut y = if from == 0 { 0.0 } else { self.tops[from] };
        for i in from..self.items.len() {
            self.tops[i] = y;
            y += self.heights[i];
        }
        self.tops[self.items.len()] = y;
    }

    fn set_height(&mut self, i: usize, h: f32) -> f32 {
        let delta = h - self.heights[i];
        self.measured[i] = true;
        if delta.abs() > 0.01 {
            self.heights[i] = h;
            self.tops_dirty_from = Some(self.tops_dirty_from.map_or(i, |f| f.min(i)));
        }
        delta
    }

    /// Items intersecting `[y0, y1)`: `(first, end)`.
    fn visible_items(&self, y0: f32, y1: f32) -> (usize, usize) {
        let n = self.items.len();
        let first = self.tops[..n]
            .partition_point(|&t| t <= y0)
            .saturating_sub(1);
        let end = self.tops[..n].partition_point(|&t| t < y1);
        (first.min(n), end.max(first).min(n))
    }

    /// The y of a canonical offset in content coordinates (block top, refined by the galley
    /// when it is laid out).
    fn offset_y(&mut self, offset: usize) -> f32 {
        self.refresh_tops();
        let Some(bi) = self.doc.block_at(offset) else {
            return self.tops.last().copied().unwrap_or(0.0);
        };
        let item = self.block_item[bi];
        if item == usize::MAX {
            let row = match self.furniture_run(bi) {
                Some(first) => Item::Furniture(first),
                None => Item::ThreadHeader,
            };
            let header = self.items.iter().position(|it| *it == row).unwrap_or(0);
            return self.tops[header];
        }
        let mut y = self.tops[item];
        if let Some(laid) = self.laid.get(&item) {
            let c = laid.char_index(laid.display.to_display(offset));
            y += laid
                .galley
                .pos_from_cursor(egui::text::CCursor::new(c))
                .min
                .y;
        }
        y
    }

    fn on_layout_change(&mut self, key: (i32, u32, u64), column_width: f32, text_size: f32) {
        let ratio = if self.column_width > 0.0 {
            self.column_width / column_width
        } else {
            1.0
        };
        let size_ratio = text_size / self.text_size;
        self.layout_key = key;
        self.column_width = column_width;
        self.text_size = text_size;
        self.laid.clear();
        // Keep measured heights as estimates: text reflows roughly in inverse proportion to width.
        for i in 0..self.items.len() {
            if self.measured[i] {
                self.heights[i] = (self.heights[i] * ratio * size_ratio).max(1.0);
                self.measured[i] = false;
            } else {
                self.heights[i] = self.estimate(self.items[i]);
            }
        }
        self.tops_dirty_from = Some(0);
        self.refresh_tops();
    }

    fn lay_out(&mut self, ui: &Ui, item: usize) -> Option<f32> {
        let Item::Block(bi) = self.items[item] else {
            return None;
        };
        if let Some(laid) = self.laid.get(&item) {
            return Some(laid.galley.size().y + laid.style.space_after);
        }
        let block = &self.doc.blocks()[bi];
        let in_comment = block.comment.is_some();
        let style = block_style(block.kind, in_comment, self.text_size, ui.visuals());
        let display = DisplayText::of_block(&self.doc.text, block);
        let mut format = TextFormat::simple(style.font.clone(), style.color);
        format.italics = style.italics;
        let mut job = LayoutJob::single_section(display.text.clone(), format);
        job.wrap.max_width = (self.column_width - style.indent).max(40.0);
        let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
        let char_of_byte = if display.text.is_ascii() {
            Vec::new()
        } else {
            let mut v = vec![0u32; display.text.len() + 1];
            let mut ci = 0u32;
            for (b, c) in display.text.char_indices() {
                for slot in &mut v[b..b + c.len_utf8()] {
                    *slot = ci;
                }
                ci += 1;
            }
            v[display.text.len()] = ci;
            v
        };
        let h = galley.size().y + style.space_after;
        self.laid.insert(
            item,
            Laid {
                galley,
                display,
                style,
                char_of_byte,
            },
        );
        Some(h)
    }

    fn header_height(&self, item: Item) -> f32 {
        self.estimate(item)
    }

    /// Measure unmeasured items in `[y0, y1)`, moving the scroll offset by the change in height
    /// of items above the viewport top so the visible text does not jump.
    fn measure_range(&mut self, ui: &Ui, y0: f32, y1: f32) {
        self.refresh_tops();
        let (a, b) = self.visible_items(y0.max(0.0), y1);
        let mut anchor_delta = 0.0;
        for i in a..b {
            if self.measured[i] {
                continue;
            }
            let top = self.tops[i];
            let h = match self.items[i] {
                Item::Block(_) => self.lay_out(ui, i).unwrap_or(0.0),
                other => self.header_height(other),
            };
            let d = self.set_height(i, h);
            if top + self.heights[i] - d <= self.scroll_y {
                anchor_delta += d;
            }
        }
        self.refresh_tops();
        if anchor_delta.abs() > 0.01 && self.pending_target.is_none() {
            self.scroll_y = (self.scroll_y + anchor_delta).max(0.0);
            self.forced_scroll = Some(self.scroll_y);
        }
    }

    /// Evict galleys far from the viewport so memory stays bounded on long documents.
    fn evict(&mut self, keep: (usize, usize)) {
        if self.laid.len() <= 400 {
            return;
        }
        let (a, b) = (keep.0.saturating_sub(100), keep.1 + 100);
        self.laid.retain(|&i, _| i >= a && i < b);
    }

    /// Canonical offset at a point of the content (content coordinates relative to the
    /// column's left edge), snapping to the nearest text when the point is not on a block.
    fn offset_at(&self, p: Vec2) -> Option<usize> {
        let n = self.items.len();
        if n == 0 {
            return None;
        }
        let i = self.tops[..n]
            .partition_point(|&t| t <= p.y)
            .saturating_sub(1);
        let blocks = self.doc.blocks();
        match self.items[i] {
            Item::Block(bi) => {
                let Some(laid) = self.laid.get(&i) else {
                    return Some(blocks[bi].span.start);
                };
                let local = vec2(p.x - laid.style.indent, p.y - self.tops[i]);
                if local.y > laid.galley.size().y {
                    return Some(blocks[bi].span.end);
                }
                let c = laid.galley.cursor_from_pos(local).index.0;
                Some(laid.display.to_source(laid.byte_index(c)))
            }
            _ => {
                // A header row: the start of the next block, or the end of the previous.
                let next = self.items[i..].iter().find_map(|it| match it {
                    Item::Block(bi) => Some(blocks[*bi].span.start),
                    _ => None,
                });
                next.or_else(|| {
                    self.items[..i].iter().rev().find_map(|it| match it {
                        Item::Block(bi) => Some(blocks[*bi].span.end),
                        _ => None,
                    })
                })
            }
        }
    }

    /// Show the view in the remaining space of `ui`.
    pub fn show(&mut self, ui: &mut Ui, cfg: &ViewConfig<'_>) -> ViewOutput {
        let mut out = ViewOutput::default();
        let avail = ui.available_rect_before_wrap();
        let scrollbar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin * 2.0;
        let inner_w = (avail.width() - 2.0 * MARGIN - scrollbar).max(120.0);
        let column_width = inner_w.min(cfg.text_size * MAX_COLUMN_EMS).floor();
        let key = (column_width as i32, cfg.text_size.to_bits(), cfg.style_gen);
        if key != self.layout_key {
            self.on_layout_change(key, column_width, cfg.text_size);
        }
        self.viewport_h = avail.height().max(1.0);

        // Jump targets: place the offset a third of the way down, re-measuring around it.
        if let Some((offset, frames)) = self.pending_target {
            for _ in 0..3 {
                let y = self.offset_y(offset);
                self.measure_range(ui, y - self.viewport_h, y + self.viewport_h * 1.5);
            }
            let y = (self.offset_y(offset) - self.viewport_h / 3.0).max(0.0);
            let max = (self.total_height() - self.viewport_h).max(0.0);
            self.scroll_y = y.min(max);
            self.forced_scroll = Some(self.scroll_y);
            self.pending_target = (frames > 1).then_some((offset, frames - 1));
            ui.ctx().request_repaint();
        }
        // Measure what is about to be shown (and a screen either side).
        self.measure_range(
            ui,
            self.scroll_y - self.viewport_h,
            self.scroll_y + 2.0 * self.viewport_h,
        );

        let mut area = ScrollArea::vertical()
            .id_salt(self.id.with("scroll"))
            .auto_shrink(false)
            .animated(false);
        if let Some(y) = self.forced_scroll.take() {
            area = area.vertical_scroll_offset(y);
        }
        let before = self.scroll_y;
        let text_id = self.id.with("text");
        let output = area.show_viewport(ui, |ui, viewport| {
            self.refresh_tops();
            let total = self.tops.last().copied().unwrap_or(0.0);
            ui.set_min_size(vec2(viewport.width(), total));
            let origin = ui.min_rect().min;
            let col_left = origin.x + ((viewport.width() - column_width) / 2.0).max(MARGIN);
            let screen_view = Rect::from_min_size(origin + viewport.min.to_vec2(), viewport.size());

            // Lay out what is visible (measurements may still change during a fast scroll).
            let (a, b) = self.visible_items(viewport.min.y, viewport.max.y);
            for i in a..b {
                if let Item::Block(_) = self.items[i]
                    && let Some(h) = self.lay_out(ui, i)
                {
                    self.set_height(i, h);
                }
            }
            self.refresh_tops();
            let (a, b) = self.visible_items(viewport.min.y, viewport.max.y);

            self.last_origin = origin;
            self.last_view = screen_view;
            self.last_col = (col_left, col_left + column_width);
            let response = ui.interact(screen_view, text_id, Sense::click_and_drag());
            self.handle_pointer(ui, &response, col_left, origin, screen_view, &mut out);

            let painter = ui.painter_at(screen_view);
            let colors = mark_colors(ui.visuals());
            let now = ui.input(|i| i.time);
            let flash = self.flash.clone().filter(|(_, until)| *until > now);
            if flash.is_some() {
                ui.ctx().request_repaint();
            }
            let selection = self.selection();
            let caret = self.caret().filter(|_| !self.dragging);
            let hover_group = self.hover_group.clone();
            for i in a..b {
                let top = origin.y + self.tops[i];
                match self.items[i] {
                    Item::Block(bi) => {
                        let Some(laid) = self.laid.get(&i) else {
                            continue;
                        };
                        let span = self.doc.blocks()[bi].span.clone();
                        let pos = pos2(col_left + laid.style.indent, top);
                        if let Some(bar) = laid.style.bar {
                            let x = pos.x - self.text_size * 0.7;
                            painter.line_segment(
                                [
                                    pos2(x, top + 2.0),
                                    pos2(x, top + laid.galley.size().y - 2.0),
                                ],
                                Stroke::new(3.0, bar),
                            );
                        }
                        if let Some((fspan, _)) = &flash
                            && fspan.start < span.end
                            && span.start < fspan.end
                        {
                            let r = Rect::from_min_size(
                                pos2(col_left - 6.0, top - 2.0),
                                vec2(column_width + 12.0, laid.galley.size().y + 4.0),
                            );
                            painter.rect_filled(r, 4.0, colors.flash);
                        }
                        let margin_x = col_left - 6.0;
                        for set in cfg.marks {
                            for m in set.overlapping(&span) {
                                paint_mark(&painter, laid, pos, margin_x, &m.span, m.style);
                            }
                        }
                        if let Some(group) = &hover_group {
                            for part in group
                                .iter()
                                .filter(|g| g.start < span.end && span.start < g.end)
                            {
                                paint_mark(
                                    &painter,
                                    laid,
                                    pos,
                                    margin_x,
                                    part,
                                    MarkStyle::Fill(colors.selection.gamma_multiply(0.6)),
                                );
                                paint_mark(
                                    &painter,
                                    laid,
                                    pos,
                                    margin_x,
                                    part,
                                    MarkStyle::Underline(ui.visuals().strong_text_color()),
                                );
                            }
                        }
                        if let Some(sel) = &selection
                            && sel.start < span.end
                            && span.start < sel.end
                        {
                            paint_mark(
                                &painter,
                                laid,
                                pos,
                                margin_x,
                                sel,
                                MarkStyle::Fill(colors.selection),
                            );
                        }
                        painter.galley(pos, laid.galley.clone(), laid.style.color);
                        if let Some(at) = caret
                            && span.start <= at
                            && at <= span.end
                        {
                            let c = laid.char_index(laid.display.to_display(at));
                            for r in char_range_rects(&laid.galley, c, c) {
                                let r = r.translate(pos.to_vec2());
                                painter.line_segment(
                                    [r.center_top(), r.center_bottom()],
                                    Stroke::new(1.5, ui.visuals().strong_text_color()),
                                );
                            }
                        }
                        if let Some(fade) = cfg.focus_fade {
                            paint_fade(&painter, laid, pos, &span, cfg.marks, fade);
                        }
                    }
                    Item::ThreadHeader => {
                        let rect = Rect::from_min_size(
                            pos2(col_left, top),
                            vec2(column_width, self.heights[i]),
                        );
                        if self.thread_header_ui(ui, rect) {
                            self.thread_collapsed = !self.thread_collapsed;
                            self.rebuild_items();
                            ui.ctx().request_repaint();
                            break;
                        }
                    }
                    Item::Furniture(first) => {
                        let rect = Rect::from_min_size(
                            pos2(col_left, top),
                            vec2(column_width, self.heights[i]),
                        );
                        if self.furniture_row_ui(ui, rect, first) {
                            if !self.furniture_open.remove(&first) {
                                self.furniture_open.insert(first);
                            }
                            self.rebuild_items();
                            ui.ctx().request_repaint();
                            break;
                        }
                    }
                    Item::CommentHeader(ci) => {
                        let rect = Rect::from_min_size(
                            pos2(col_left, top),
                            vec2(column_width, self.heights[i]),
                        );
                        if let Some(target) = self.comment_header_ui(ui, rect, ci) {
                            self.scroll_to_comment(target, now);
                            ui.ctx().request_repaint();
                        }
                    }
                }
            }

            // Hover explanations of marks.
            if out.hovered_offset.is_none() && self.hover_group.take().is_some() {
                ui.ctx().request_repaint();
            }
            if let Some(off) = out.hovered_offset {
                // Points are thin: they answer within a couple of characters.
                let near = off.saturating_sub(2)..off + 2;
                let mut tips: Vec<&Arc<str>> = Vec::new();
                let mut group: Option<Arc<[Span]>> = None;
                for m in cfg.marks.iter().flat_map(|set| set.overlapping(&near)) {
                    let hit = match m.style {
                        MarkStyle::Point(_) => true,
                        _ => m.span.start <= off && off < m.span.end,
                    };
                    if hit && group.is_none() {
                        group = m.group.clone();
                    }
                    if let Some(tip) = m.tip.as_ref().filter(|_| hit)
                        && !tips.iter().any(|t| Arc::ptr_eq(t, tip))
                    {
                        tips.push(tip);
                    }
                }
                if group.as_ref().map(|g| g.as_ptr())
                    != self.hover_group.as_ref().map(|g| g.as_ptr())
                {
                    self.hover_group = group;
                    ui.ctx().request_repaint();
                }
                if !tips.is_empty() && !self.dragging {
                    let tip_text = tips
                        .iter()
                        .map(|t| t.as_ref())
                        .collect::<Vec<_>>()
                        .join("\n");
                    response.clone().on_hover_text_at_pointer(tip_text);
                }
            }
            self.evict((a, b));
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, cfg.label));
            response
        });
        self.scroll_y = output.state.clamped_offset().y;
        out.scrolled = (self.scroll_y - before).abs() > 0.5;
        out.response = Some(output.inner);
        out
    }

    fn handle_pointer(
        &mut self,
        ui: &Ui,
        response: &Response,
        col_left: f32,
        origin: Pos2,
        screen_view: Rect,
        out: &mut ViewOutput,
    ) {
        let to_content = |p: Pos2| vec2(p.x - col_left, p.y - origin.y);
        if let Some(p) = response.hover_pos() {
            out.hovered_offset = self.offset_at(to_content(p));
            ui.ctx().set_cursor_icon(CursorIcon::Text);
        }
        let (pressed, down, press_pos, latest, shift) = ui.input(|i| {
            (
                i.pointer.primary_pressed(),
                i.pointer.primary_down(),
                i.pointer.press_origin(),
                i.pointer.latest_pos(),
                i.modifiers.shift,
            )
        });
        if pressed
            && (response.hovered() || response.is_pointer_button_down_on())
            // A press and its release in one frame (a quick click) leave no press origin:
            // the pointer is still where it was pressed.
            && let Some(off) = press_pos.or(latest).and_then(|p| self.offset_at(to_content(p)))
        {
            match (shift, self.selection) {
                (true, Some(sel)) => {
                    self.selection = Some(Selection {
                        anchor: sel.anchor,
                        head: off,
                    })
                }
                _ => {
                    self.selection = Some(Selection {
                        anchor: off,
                        head: off,
                    })
                }
            }
            self.dragging = true;
            out.interacted = true;
        }
        if self.dragging {
            if down {
                if let Some(p) = latest {
                    // Auto-scroll when the pointer is near or past the top or bottom edge.
                    let speed = if p.y < screen_view.min.y + AUTOSCROLL_EDGE {
                        -(screen_view.min.y + AUTOSCROLL_EDGE - p.y)
                    } else if p.y > screen_view.max.y - AUTOSCROLL_EDGE {
                        p.y - (screen_view.max.y - AUTOSCROLL_EDGE)
                    } else {
                        0.0
                    };
                    if speed != 0.0 {
                        let max =
                            (self.tops.last().copied().unwrap_or(0.0) - self.viewport_h).max(0.0);
                        self.scroll_y =
                            (self.scroll_y + speed.clamp(-60.0, 60.0) * 0.5).clamp(0.0, max);
                        self.forced_scroll = Some(self.scroll_y);
                        ui.ctx().request_repaint();
                    }
                    let clamped = pos2(
                        p.x,
                        p.y.clamp(screen_view.min.y + 1.0, screen_view.max.y - 1.0),
                    );
                    if let (Some(off), Some(sel)) =
                        (self.offset_at(to_content(clamped)), self.selection)
                    {
                        self.selection = Some(Selection {
                            anchor: sel.anchor,
                            head: off,
                        });
                    }
                }
                out.interacted = true;
            } else {
                self.dragging = false;
            }
        }
        // A right click outside the selection puts the caret there (the context menu then
        // acts on that point); inside the selection it keeps the selection.
        if response.secondary_clicked()
            && let Some(off) = response
                .interact_pointer_pos()
                .and_then(|p| self.offset_at(to_content(p)))
        {
            let inside = self
                .selection()
                .is_some_and(|s| s.start <= off && off <= s.end);
            if !inside {
                self.selection = Some(Selection {
                    anchor: off,
                    head: off,
                });
            }
            out.interacted = true;
        }
        if response.clicked() || response.double_clicked() || response.triple_clicked() {
            out.interacted = true;
        }
        if response.triple_clicked() {
            if let Some(off) = response
                .interact_pointer_pos()
                .and_then(|p| self.offset_at(to_content(p)))
                && let Some(bi) = self.doc.block_at(off)
            {
                self.select(self.doc.blocks()[bi].span.clone());
            }
        } else if response.double_clicked()
            && let Some(off) = response
                .interact_pointer_pos()
                .and_then(|p| self.offset_at(to_content(p)))
        {
            self.select(word_at(&self.doc.text, off));
        }
    }

    /// A collapsed run of page furniture ("Page furniture · 14 blocks: Home, World, …");
    /// returns true when clicked.
    fn furniture_row_ui(&self, ui: &mut Ui, rect: Rect, first: usize) -> bool {
        let blocks = self.furniture_blocks(first);
        let open = self.furniture_open.contains(&first);
        let n = blocks.len();
        let sample: String = self.doc.blocks()[blocks.clone()]
            .iter()
            .map(|b| {
                self.doc.text[b.span.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join(" · ");
        let arrow = if open { "\u{23F7}" } else { "\u{23F5}" };
        let label = format!(
            "{arrow} Page furniture · {n} block{}: {}",
            if n == 1 { "" } else { "s" },
            crate::document::text::preview(&sample, 90)
        );
        let resp = ui
            .put(
                rect.shrink2(vec2(0.0, self.text_size * 0.15)),
                egui::Button::new(
                    egui::RichText::new(label)
                        .size(self.text_size * 0.78)
                        .color(ui.visuals().weak_text_color()),
                )
                .frame(false)
                .truncate(),
            )
            .on_hover_text(if open {
                "Hide this page furniture again"
            } else {
                "Menus, share buttons, related links and the like, kept out of the article and of every count. Click to see it; Lens ▸ Keep the whole page counts it as text."
            });
        resp.clicked()
    }

    /// The "Comments (n)" row; returns true when clicked.
    fn thread_header_ui(&self, ui: &mut Ui, rect: Rect) -> bool {
        let n = self.doc.comments().len();
        let arrow = if self.thread_collapsed {
            "\u{23F5}"
        } else {
            "\u{23F7}"
        };
        let label = format!("{arrow} Reader comments ({n})");
        let row = Rect::from_min_size(
            rect.min + vec2(0.0, self.text_size * 0.9),
            vec2(rect.width(), self.text_size * 1.6),
        );
        let resp = ui
            .put(
                row,
                egui::Button::new(
                    egui::RichText::new(label)
                        .size(self.text_size * 0.95)
                        .strong(),
                )
                .frame(false),
            )
            .on_hover_text(if self.thread_collapsed {
                "Show the comment thread"
            } else {
                "Hide the comment thread"
            });
        ui.painter().line_segment(
            [
                rect.left_top() + vec2(0.0, self.text_size * 0.5),
                rect.right_top() + vec2(0.0, self.text_size * 0.5),
            ],
            ui.visuals().widgets.noninteractive.bg_stroke,
        );
        resp.clicked()
    }

    /// "12 · anjin-san · date · ↩ 8 Jenos Idanian #13"; returns a comment to jump to.
    fn comment_header_ui(&self, ui: &mut Ui, rect: Rect, ci: usize) -> Option<usize> {
        let comments = self.doc.comments();
        let c = &comments[ci];
        let size = self.text_size * 0.86;
        let weak = ui.visuals().weak_text_color();
        let strong = ui.visuals().strong_text_color();
        let mut jump = None;
        let row = Rect::from_min_size(
            rect.min + vec2(0.0, size * 0.6),
            vec2(rect.width(), size * 1.5),
        );
        let mut child = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(row)
                .layout(egui::Layout::left_to_right(egui::Align::Center)),
        );
        child.spacing_mut().item_spacing.x = size * 0.5;
        let number = c
            .number
            .map_or_else(|| format!("{}", ci + 1), |n| n.to_string());
        child.label(
            egui::RichText::new(format!("#{number}"))
                .size(size)
                .color(weak),
        );
        let author = c.author.clone().unwrap_or_else(|| "unknown author".into());
        let author_resp = child.label(egui::RichText::new(author).size(size).color(strong));
        if let AuthorSource::InferredFromReply { reply } = c.author_source {
            let n = comments[reply].number.map_or(reply + 1, |n| n as usize);
            author_resp.on_hover_text(format!(
                "This comment has no author line; comment {n} addresses it by this name."
            ));
            child.label(
                egui::RichText::new("(inferred)")
                    .size(size * 0.9)
                    .color(weak)
                    .italics(),
            );
        }
        if let Some(date) = &c.date {
            child.label(egui::RichText::new(date).size(size).color(weak));
        }
        for r in &c.replies_to {
            let t = &comments[r.to];
            let n = t.number.map_or(r.to + 1, |n| n as usize);
            let who = t.author.as_deref().unwrap_or("unknown");
            let text = format!("\u{21A9} #{n} {who}");
            let link = child
                .link(egui::RichText::new(text).size(size))
                .on_hover_text(format!("Replies to comment {n} by {who}: jump there"));
            if link.clicked() {
                jump = Some(r.to);
            }
        }
        jump
    }
}

/// Paint a mark over the part of a laid-out block it covers.
fn paint_mark(
    painter: &egui::Painter,
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
    let margin_bar = |r: Rect, x: f32, color: Color32| {
        painter.line_segment(
            [pos2(x, r.top() + 1.0), pos2(x, r.bottom() - 1.0)],
            Stroke::new(4.0, color),
        );
    };
    for r in rects {
        let r = r.translate(pos.to_vec2());
        match style {
            MarkStyle::Fill(color) => {
                painter.rect_filled(r, 2.0, color);
            }
            MarkStyle::Underline(color) => {
                painter.line_segment(
                    [
                        r.left_bottom() + vec2(0.0, -1.0),
                        r.right_bottom() + vec2(0.0, -1.0),
                    ],
                    Stroke::new(2.0, color),
                );
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
                margin_bar(r, margin_x, color);
                painter.line_segment([r.left_bottom(), r.right_bottom()], Stroke::new(1.5, color));
            }
            MarkStyle::Coded(color, level) => {
                let level = f32::from(level.min(2));
                margin_bar(r, margin_x - 5.0 - 4.0 * level, color);
                let y = r.bottom() + 1.0 + 3.0 * level;
                painter.line_segment(
                    [pos2(r.left(), y), pos2(r.right(), y)],
                    Stroke::new(2.5, color),
                );
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
                margin_bar(r, margin_x, color);
            }
        }
    }
}

/// Focus mode: cover the block's text outside focus marks with a translucent fade.
fn paint_fade(
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
fn char_range_rects(galley: &Galley, c0: usize, c1: usize) -> Vec<Rect> {
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
