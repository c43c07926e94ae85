//! Drawing the view and answering the pointer: selection, marks, headers, furniture rows.

use std::sync::Arc;

use egui::{CursorIcon, Pos2, Rect, Response, ScrollArea, Sense, Stroke, Ui, pos2, vec2};

use crate::document::text::word_at;
use crate::document::{AuthorSource, Span};
use crate::ui::style::{MAX_COLUMN_EMS, mark_colors};

use super::marks::{Strokes, char_range_rects, paint_fade, paint_mark};
use super::*;

/// How long the pointer must rest on marked text before its explanation shows (seconds).
const TIP_REST: f32 = 0.8;

impl DocView {
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
            self.handle_pointer(
                ui,
                &response,
                cfg.drag_out,
                pos2(col_left, origin.y),
                screen_view,
                &mut out,
            );

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
            let mut strokes = Strokes::default();
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
                                paint_mark(
                                    &painter,
                                    &mut strokes,
                                    laid,
                                    pos,
                                    margin_x,
                                    &m.span,
                                    m.style,
                                );
                            }
                        }
                        strokes.paint(&painter);
                        if let Some(group) = &hover_group {
                            for part in group
                                .iter()
                                .filter(|g| g.start < span.end && span.start < g.end)
                            {
                                paint_mark(
                                    &painter,
                                    &mut strokes,
                                    laid,
                                    pos,
                                    margin_x,
                                    part,
                                    MarkStyle::Fill(colors.selection.gamma_multiply(0.6)),
                                );
                                paint_mark(
                                    &painter,
                                    &mut strokes,
                                    laid,
                                    pos,
                                    margin_x,
                                    part,
                                    MarkStyle::Underline(ui.visuals().strong_text_color()),
                                );
                            }
                            strokes.paint(&painter);
                        }
                        if let Some(sel) = &selection
                            && sel.start < span.end
                            && span.start < sel.end
                        {
                            paint_mark(
                                &painter,
                                &mut strokes,
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
                    self.mark_tip(ui, &response, off, &tips);
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

    /// The explanation of the marks under the pointer: only after the pointer has rested
    /// on the text a moment (reading with the pointer in the text is common), and under the
    /// hovered line, so the line being read stays visible.
    fn mark_tip(&self, ui: &Ui, response: &Response, off: usize, tips: &[&Arc<str>]) {
        let still = ui.input(|i| i.pointer.time_since_last_movement());
        if still < TIP_REST {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f32(TIP_REST - still));
            return;
        }
        let text = tips
            .iter()
            .map(|t| t.as_ref())
            .collect::<Vec<_>>()
            .join("\n");
        let line = self.span_end_screen_rect(&(off..off + 1));
        let mut tip = egui::Tooltip::for_widget(response);
        tip.popup = match line {
            Some(line) => {
                let row = egui::Rect::from_x_y_ranges(response.rect.x_range(), line.y_range());
                tip.popup
                    .anchor(row)
                    .align(egui::RectAlign::BOTTOM_START)
                    .align_alternatives(&[egui::RectAlign::TOP_START])
            }
            None => tip.popup.at_pointer(),
        };
        tip.show(|ui| ui.label(text));
    }

    /// Whether `off` lies strictly inside the selection (not at either end).
    fn within_selection(&self, off: usize) -> bool {
        self.selection()
            .is_some_and(|s| s.start < off && off < s.end)
    }

    pub(super) fn handle_pointer(
        &mut self,
        ui: &Ui,
        response: &Response,
        drag_out: bool,
        // The top-left of the text column on screen: content coordinates start there.
        column_origin: Pos2,
        screen_view: Rect,
        out: &mut ViewOutput,
    ) {
        let to_content = |p: Pos2| p - column_origin;
        if let Some(p) = response.hover_pos() {
            out.hovered_offset = self.offset_at(to_content(p));
            // Over the selection the pointer is an arrow, as it can drag the passage away.
            let over_selection = out
                .hovered_offset
                .is_some_and(|off| self.within_selection(off));
            ui.ctx()
                .set_cursor_icon(if drag_out && over_selection && !self.dragging {
                    CursorIcon::Default
                } else {
                    CursorIcon::Text
                });
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
            let in_selection = drag_out && self.within_selection(off);
            match (shift, self.selection) {
                // A press inside the selection may be the start of dragging the passage out.
                (false, Some(_)) if in_selection => {
                    self.grab = press_pos.or(latest).map(|p| (p, off));
                }
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
            self.dragging = self.grab.is_none();
            out.interacted = true;
        }
        if let Some((at, off)) = self.grab {
            let moved = latest.is_some_and(|p| p.distance(at) > GRAB_SLOP);
            if !down {
                // Pressed and released in place: a click, which puts the caret there.
                self.grab = None;
                self.selection = Some(Selection {
                    anchor: off,
                    head: off,
                });
            } else if moved {
                self.grab = None;
                out.passage_drag = self.selection();
            }
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
    pub(super) fn furniture_row_ui(&self, ui: &mut Ui, rect: Rect, first: usize) -> bool {
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
    pub(super) fn thread_header_ui(&self, ui: &mut Ui, rect: Rect) -> bool {
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
    pub(super) fn comment_header_ui(&self, ui: &mut Ui, rect: Rect, ci: usize) -> Option<usize> {
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
