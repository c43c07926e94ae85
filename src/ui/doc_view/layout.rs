//! The virtualised layout: items, their estimated and measured heights, galleys laid out
//! near the viewport, and offsets to positions and back.

use egui::text::{LayoutJob, TextFormat};
use egui::{Ui, Vec2, vec2};

use crate::document::Section;
use crate::document::display::DisplayText;
use crate::ui::style::block_style;

use super::*;

impl DocView {
    pub(super) fn rebuild_items(&mut self) {
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
    pub(super) fn furniture_run(&self, bi: usize) -> Option<usize> {
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
    pub(super) fn furniture_blocks(&self, first: usize) -> std::ops::Range<usize> {
        let blocks = self.doc.blocks();
        let end = (first..blocks.len())
            .find(|&k| !blocks[k].cut || blocks[k].section == Section::Thread)
            .unwrap_or(blocks.len());
        first..end
    }

    pub(super) fn estimate(&self, item: Item) -> f32 {
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

    pub(super) fn total_height(&mut self) -> f32 {
        self.refresh_tops();
        self.tops.last().copied().unwrap_or(0.0)
    }

    pub(super) fn refresh_tops(&mut self) {
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

    pub(super) fn set_height(&mut self, i: usize, h: f32) -> f32 {
        let delta = h - self.heights[i];
        self.measured[i] = true;
        if delta.abs() > 0.01 {
            self.heights[i] = h;
            self.tops_dirty_from = Some(self.tops_dirty_from.map_or(i, |f| f.min(i)));
        }
        delta
    }

    /// Items intersecting `[y0, y1)`: `(first, end)`.
    pub(super) fn visible_items(&self, y0: f32, y1: f32) -> (usize, usize) {
        let n = self.items.len();
        let first = self.tops[..n]
            .partition_point(|&t| t <= y0)
            .saturating_sub(1);
        let end = self.tops[..n].partition_point(|&t| t < y1);
        (first.min(n), end.max(first).min(n))
    }

    /// The y of a canonical offset in content coordinates (block top, refined by the galley
    /// when it is laid out).
    pub(super) fn offset_y(&mut self, offset: usize) -> f32 {
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

    pub(super) fn on_layout_change(
        &mut self,
        key: (i32, u32, u64),
        column_width: f32,
        text_size: f32,
    ) {
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

    pub(super) fn lay_out(&mut self, ui: &Ui, item: usize) -> Option<f32> {
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

    pub(super) fn header_height(&self, item: Item) -> f32 {
        self.estimate(item)
    }

    /// Measure unmeasured items in `[y0, y1)`, moving the scroll offset by the change in height
    /// of items above the viewport top so the visible text does not jump.
    pub(super) fn measure_range(&mut self, ui: &Ui, y0: f32, y1: f32) {
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
    pub(super) fn evict(&mut self, keep: (usize, usize)) {
        if self.laid.len() <= 400 {
            return;
        }
        let (a, b) = (keep.0.saturating_sub(100), keep.1 + 100);
        self.laid.retain(|&i, _| i >= a && i < b);
    }

    /// Canonical offset at a point of the content (content coordinates relative to the
    /// column's left edge), snapping to the nearest text when the point is not on a block.
    pub(super) fn offset_at(&self, p: Vec2) -> Option<usize> {
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
}
