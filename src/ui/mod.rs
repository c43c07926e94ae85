//! Everything egui: the window, panes, widgets and dialogs.

use std::path::PathBuf;

/// What the command line asks the window to do.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    pub folder: Option<PathBuf>,
    pub left: Option<String>,
    pub right: Option<String>,
    pub screenshot: Option<PathBuf>,
}

/// Open the window.
pub fn run(_launch: Launch) -> anyhow::Result<()> {
    anyhow::bail!("the window is not built yet")
}
