//! Everything egui: the window, panes, widgets and dialogs. Nothing outside this module
//! imports egui.

pub mod app;
mod busy;
mod chart;
pub mod codebook_editor;
pub mod commands;
pub mod compare;
pub mod dialogs;
pub mod doc_view;
pub mod find;
pub mod lens;
mod notes_ui;
pub mod path_edit;
pub mod settings;
pub mod shortcuts;
pub mod study;
pub mod style;
mod widgets;

use std::path::PathBuf;
use std::sync::Arc;

pub use app::App;

/// What the command line asks the window to do.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    pub folder: Option<PathBuf>,
    /// Open the bundled example instead of a folder.
    pub bundled: bool,
    pub left: Option<String>,
    pub right: Option<String>,
    pub screenshot: Option<PathBuf>,
    /// Initial window size in points.
    pub size: Option<[f32; 2]>,
    /// Start on the welcome screen whatever was open last time.
    pub welcome: bool,
}

/// Open the window and run until it closes.
pub fn run(launch: Launch) -> anyhow::Result<()> {
    // Creating the window takes a while: meanwhile read the folder named on the command line.
    // (Compiling the analysis rules ahead, as this once did, cost 10-14 MB of peak memory
    // and CPU the window was waiting for; the analysis runs after the first frame anyway.)
    let early = launch.folder.as_deref().map(|folder| {
        let first = [&launch.left, &launch.right]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        app::EarlyRead::start(folder, first)
    });
    let size = launch.size.unwrap_or([1440.0, 900.0]);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Parallax")
        .with_app_id("parallax")
        .with_inner_size(size)
        .with_min_inner_size([800.0, 520.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(Arc::new(icon));
    }
    let screenshot = launch.screenshot.is_some();
    // A screenshot run must not disturb, or be shaped by, the user's saved state: eframe
    // restores the window's size and the panels' widths from its storage whatever
    // `persist_window` says, so that run gets a storage file of its own, removed afterwards.
    let scratch = screenshot.then(|| {
        std::env::temp_dir().join(format!("parallax-screenshot-{}.ron", std::process::id()))
    });
    let options = eframe::NativeOptions {
        viewport,
        persist_window: !screenshot,
        persistence_path: scratch.clone(),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    // A size asked for on the command line wins over the remembered one.
    let asked_size = launch.size.filter(|_| !screenshot);
    let result = Arc::new(std::sync::Mutex::new(None));
    let result_out = result.clone();
    let ran = eframe::run_native(
        "Parallax",
        options,
        Box::new(move |cc| {
            crate::timings::mark("window created");
            if let Some([w, h]) = asked_size {
                cc.egui_ctx
                    .send_viewport_cmd(egui::ViewportCommand::InnerSize(egui::vec2(w, h)));
            }
            let storage = if screenshot { None } else { cc.storage };
            let app = App::new_after(
                &cc.egui_ctx,
                storage,
                launch,
                Arc::new(dialogs::NativeDialogs),
                early,
            );
            crate::timings::mark("app built");
            if let Some(job) = &app.settle
                && screenshot
                && let Ok(mut r) = result_out.lock()
            {
                *r = Some(job.result.clone());
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"));
    if let Some(file) = scratch {
        let _ = std::fs::remove_file(file);
    }
    ran?;
    let shot = result.lock().ok().and_then(|r| r.clone());
    if let Some(shot) = shot {
        match shot.lock().ok().and_then(|r| r.clone()) {
            Some(Ok(())) => {}
            Some(Err(e)) => anyhow::bail!("cannot save the screenshot: {e}"),
            None => anyhow::bail!("the window closed before the screenshot was taken"),
        }
    }
    Ok(())
}
