//! A grouped horizontal bar chart for the side panel: one row per category with its full name
//! wrapped above its two bars, a legend naming both series, a value axis with ticks and its
//! unit, and hover text kept on screen by egui's tooltips. It lays itself out in the width it
//! is given and never asks for more.

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, TextStyle, Ui, vec2};

/// One series of bars (one article).
pub struct Series {
    pub color: Color32,
    /// Colour of this series' markers (drawn over its bars).
    pub marker: Color32,
}

/// One category: its name, colour swatch, the two series' values and optional markers.
pub struct Row<'a> {
    pub label: &'a str,
    pub swatch: Color32,
    /// The two values; NaN where a series has no value (drawn as a dash, no bar).
    pub values: [f64; 2],
    pub markers: [Option<f64>; 2],
    pub selected: bool,
    /// Hover text of each bar.
    pub hover: [String; 2],
}

/// What the reader did, and where each bar was drawn: (row, series, centre).
pub struct ChartOutput {
    pub clicked: Option<usize>,
    pub bars: Vec<(usize, usize, Pos2)>,
}

/// A tick step near a fifth of `max`: 1, 2 or 5 times a power of ten.
pub fn tick_step(max: f64) -> f64 {
    let rough = (max / 5.0).max(1e-9);
    let power = 10f64.powf(rough.log10().floor());
    let unit = rough / power;
    let nice = if unit <= 1.0 {
        1.0
    } else if unit <= 2.0 {
        2.0
    } else if unit <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// The value axis' end: the smallest whole number of steps covering `max`, at least one.
pub fn axis_end(max: f64) -> (f64, f64) {
    let max = if max > 0.0 { max } else { 1.0 };
    let step = tick_step(max);
    ((max / step).ceil().max(1.0) * step, step)
}

/// A legend at body size: each series' swatch and whole name, wrapped.
pub fn legend(ui: &mut Ui, series: [(&str, Color32); 2]) {
    let width = ui.available_width();
    for (name, color) in series {
        ui.horizontal(|ui| {
            ui.set_max_width(width);
            let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color);
            ui.add(egui::Label::new(name).wrap());
        });
    }
}

/// The ticks from 0 to `end`, `step` apart.
fn ticks(end: f64, step: f64) -> impl Iterator<Item = f64> {
    let n = (end / step).round() as usize;
    (0..=n).map(move |k| k as f64 * step)
}

/// Draw the chart in the width available.
pub fn bar_rows(ui: &mut Ui, series: [Series; 2], rows: &[Row<'_>], unit: &str) -> ChartOutput {
    let mut out = ChartOutput {
        clicked: None,
        bars: Vec::new(),
    };
    let width = ui.available_width();
    let body = TextStyle::Body.resolve(ui.style());
    let small = TextStyle::Small.resolve(ui.style());
    let visuals = ui.visuals().clone();
    let max = rows
        .iter()
        .flat_map(|r| r.values.into_iter().chain(r.markers.into_iter().flatten()))
        .fold(0.0, f64::max);
    let (end, step) = axis_end(max);
    // Room at the bar ends for the value.
    let value_room = ui.fonts_mut(|f| {
        f.layout_no_wrap(format!("{end:.1}"), small.clone(), Color32::WHITE)
            .size()
            .x
    }) + 6.0;
    let plot_width = (width - value_room).max(40.0);
    let bar_height = (body.size * 0.95).round();
    let x_of = |left: f32, v: f64| left + (v / end) as f32 * plot_width;
    let grid = visuals
        .widgets
        .noninteractive
        .bg_stroke
        .color
        .gamma_multiply(0.6);
    for (i, row) in rows.iter().enumerate() {
        let galley = ui.fonts_mut(|f| {
            f.layout(
                row.label.to_owned(),
                body.clone(),
                visuals.strong_text_color(),
                width - 18.0,
            )
        });
        let height = galley.size().y + 3.0 + 2.0 * bar_height + 2.0 + 8.0;
        let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, row.label));
        let painter = ui.painter_at(rect.expand(1.0));
        if row.selected || response.hovered() {
            let fill = if row.selected {
                visuals.selection.bg_fill.gamma_multiply(0.35)
            } else {
                visuals.widgets.hovered.weak_bg_fill.gamma_multiply(0.5)
            };
            painter.rect_filled(rect, 3.0, fill);
        }
        let swatch = Rect::from_min_size(rect.min + vec2(0.0, 3.0), vec2(12.0, 12.0));
        painter.rect_filled(swatch, 2.0, row.swatch);
        painter.galley(
            rect.min + vec2(18.0, 0.0),
            galley.clone(),
            visuals.text_color(),
        );
        let left = rect.min.x;
        let top = rect.min.y + galley.size().y + 3.0;
        // Grid lines through the bars at each tick.
        for tick in ticks(end, step) {
            let x = x_of(left, tick);
            painter.line_segment(
                [
                    Pos2::new(x, top),
                    Pos2::new(x, top + 2.0 * bar_height + 2.0),
                ],
                Stroke::new(1.0, grid),
            );
        }
        let pointer = response.hover_pos();
        for (k, s) in series.iter().enumerate() {
            let y = top + k as f32 * (bar_height + 2.0);
            let v = row.values[k];
            let missing = v.is_nan();
            let bar = Rect::from_min_max(
                Pos2::new(left, y),
                Pos2::new(
                    if missing {
                        left + 1.0
                    } else {
                        x_of(left, v).max(left + 1.0)
                    },
                    y + bar_height,
                ),
            );
            if !missing {
                painter.rect_filled(bar, 2.0, s.color.gamma_multiply(0.9));
            }
            if row.selected {
                painter.rect_stroke(
                    bar,
                    2.0,
                    Stroke::new(1.5, visuals.strong_text_color()),
                    egui::StrokeKind::Outside,
                );
            }
            painter.text(
                Pos2::new(bar.max.x + 4.0, bar.center().y),
                Align2::LEFT_CENTER,
                if missing {
                    "\u{2013}".to_owned()
                } else {
                    format!("{v:.1}")
                },
                small.clone(),
                visuals.text_color(),
            );
            if let Some(m) = row.markers[k] {
                let c = Pos2::new(x_of(left, m), bar.center().y);
                let r = bar_height * 0.5;
                painter.add(egui::Shape::convex_polygon(
                    vec![
                        c + vec2(0.0, -r),
                        c + vec2(r, 0.0),
                        c + vec2(0.0, r),
                        c + vec2(-r, 0.0),
                    ],
                    s.marker,
                    Stroke::new(1.0, visuals.extreme_bg_color),
                ));
            }
            let lane = Rect::from_min_max(
                Pos2::new(left, y - 1.0),
                Pos2::new(rect.max.x, y + bar_height + 1.0),
            );
            if pointer.is_some_and(|p| lane.contains(p)) {
                response.clone().on_hover_text_at_pointer(&row.hover[k]);
            }
            out.bars.push((i, k, bar.center()));
        }
        if response.clicked() {
            out.clicked = Some(i);
        }
    }
    // The value axis: ticks, their values and the unit.
    let tick_font = FontId::new(small.size, small.family.clone());
    let (rect, _) = ui.allocate_exact_size(
        vec2(width, small.size * 2.0 + body.size + 8.0),
        Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    let left = rect.min.x;
    let axis = visuals.widgets.noninteractive.fg_stroke.color;
    painter.line_segment(
        [
            Pos2::new(left, rect.min.y + 1.0),
            Pos2::new(x_of(left, end), rect.min.y + 1.0),
        ],
        Stroke::new(1.0, axis),
    );
    let last = ticks(end, step).count() - 1;
    for (k, tick) in ticks(end, step).enumerate() {
        let x = x_of(left, tick);
        painter.line_segment(
            [
                Pos2::new(x, rect.min.y + 1.0),
                Pos2::new(x, rect.min.y + 5.0),
            ],
            Stroke::new(1.0, axis),
        );
        let anchor = if k == 0 {
            Align2::LEFT_TOP
        } else if k == last {
            Align2::RIGHT_TOP
        } else {
            Align2::CENTER_TOP
        };
        let text = if step < 1.0 {
            format!("{tick:.1}")
        } else {
            format!("{tick:.0}")
        };
        painter.text(
            Pos2::new(x, rect.min.y + 6.0),
            anchor,
            text,
            tick_font.clone(),
            visuals.text_color(),
        );
    }
    ui.painter().text(
        Pos2::new(left + plot_width / 2.0, rect.min.y + 8.0 + small.size),
        Align2::CENTER_TOP,
        unit,
        body,
        visuals.weak_text_color(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_largest_value() {
        assert_eq!(axis_end(23.4), (25.0, 5.0));
        assert_eq!(axis_end(0.0), (1.0, 0.2));
        assert_eq!(axis_end(3.0), (3.0, 1.0));
        assert_eq!(axis_end(140.0), (150.0, 50.0));
        for max in [0.3, 1.0, 7.7, 12.0, 99.0, 1234.0] {
            let (end, step) = axis_end(max);
            assert!(end >= max && end - max < step + 1e-9, "{max}: {end} {step}");
            let ticks = end / step;
            assert!((1.0..=10.0).contains(&ticks.round()), "{max}: {ticks}");
        }
    }
}
