//! A spinner for work in progress that repaints the window ten times a second, not at the
//! display's rate as egui's does: on a machine that paints on the CPU (llvmpipe), a window
//! repainted sixty times a second takes a core from the very work the spinner waits for.

use std::time::Duration;

use egui::{Pos2, Response, Sense, Shape, Stroke, Ui, emath::lerp, vec2};

/// How often the spinner moves.
const STEP: Duration = Duration::from_millis(100);

/// A spinning arc the size of a line of text.
pub fn spinner(ui: &mut Ui) -> Response {
    let size = ui.style().spacing.interact_size.y;
    let (rect, response) = ui.allocate_exact_size(vec2(size, size), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::new(egui::Role::ProgressIndicator));
    if ui.is_rect_visible(rect) {
        ui.ctx().request_repaint_after(STEP);
        let color = ui.visuals().strong_text_color();
        let radius = rect.height().min(rect.width()) * 0.5 - 2.0;
        let n = (radius.round() as u32).clamp(8, 128);
        // The angle moves in steps, so frames painted for other reasons do not speed it up.
        let time = (ui.input(|i| i.time) / STEP.as_secs_f64()).floor() * STEP.as_secs_f64();
        let start = time * std::f64::consts::TAU;
        let end = start + 240f64.to_radians() * time.sin();
        let points: Vec<Pos2> = (0..n)
            .map(|i| {
                let angle = lerp(start..=end, f64::from(i) / f64::from(n));
                let (sin, cos) = angle.sin_cos();
                rect.center() + radius * vec2(cos as f32, sin as f32)
            })
            .collect();
        ui.painter()
            .add(Shape::line(points, Stroke::new(3.0, color)));
    }
    response
}
