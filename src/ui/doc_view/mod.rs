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

use egui::text::Galley;
use egui::{Color32, Id, Pos2, Rect, Response, pos2};

use super::style::BlockStyle;
use crate::document::display::DisplayText;
use crate::document::{Document, Span};

mod layout;
mod marks;
mod show;

use marks::char_range_rects;
pub use marks::{Mark, MarkCache, MarkSet, MarkStyle, Ticks};

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
    /// A press inside the selection drags the passage out (somewhere takes it, the
    /// worksheet); otherwise it starts a new selection.
    pub drag_out: bool,
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
    /// The reader began dragging the selected passage out of the text this frame (to drop
    /// it on a worksheet answer): the selection it carries.
    pub passage_drag: Option<Span>,
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
/// How far the pointer moves, pressed inside the selection, before it drags the passage.
const GRAB_SLOP: f32 = 4.0;

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
    /// Where the reader pressed inside the selection: a move from there drags the passage
    /// out, a release there puts the caret at that point.
    grab: Option<(Pos2, usize)>,
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
            grab: None,
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
}
