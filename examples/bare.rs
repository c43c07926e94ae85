//! The yardstick for Parallax's launch time: a bare eframe window (same renderer, same
//! size) with two labelled panels. It prints, in the format of `parallax --timings`, when
//! its window was created and when its first frame was on screen (captured, as Parallax's
//! profile captures its first frame with both articles), then closes.
//!
//! `cargo run --release --example bare`; `benches/launch_ratio.sh` runs it against
//! Parallax, alternating, and prints the median ratio.

use std::time::Instant;

fn stamp(start: Instant, step: &str) {
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    eprintln!("bare: timings: {ms:8.1} ms  {step}");
}

fn main() -> eframe::Result {
    let start = Instant::now();
    stamp(start, "process start");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare")
            .with_inner_size([1440.0, 900.0]),
        renderer: eframe::Renderer::Glow,
        persist_window: false,
        ..Default::default()
    };
    eframe::run_native(
        "Bare",
        options,
        Box::new(move |_cc| {
            stamp(start, "window created");
            Ok(Box::new(Bare { start, frames: 0 }))
        }),
    )
}

struct Bare {
    start: Instant,
    frames: u32,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::left("left")
            .default_size(700.0)
            .show(ui, |ui| ui.label("Left article"));
        egui::CentralPanel::default().show(ui, |ui| ui.label("Right article"));
        if self.frames == 0 {
            stamp(self.start, "first frame built");
            let (ctx, start) = (ui.ctx().clone(), self.start);
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Screenshot(
                    egui::ScreenshotCallback::new(move |_| {
                        stamp(start, "first frame shown");
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }),
                ));
        }
        self.frames += 1;
        ui.ctx().request_repaint();
    }
}
