//! Earlier versions of a study: the backups kept next to it (thinned by age, see
//! [`store::retain`]), listed with when they were saved and what they hold, to compare with
//! the study and restore one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

use super::model::Study;
use super::rescue::{self, Difference};
use super::store;

/// One earlier version.
#[derive(Debug, Clone)]
pub struct Version {
    pub path: PathBuf,
    /// When it was written (the backup file's time).
    pub saved: Option<Timestamp>,
    /// The study it holds; `None` when the file does not parse (it is listed, not offered).
    pub study: Option<Arc<Study>>,
}

impl Version {
    /// "12 notes, 3 links", or why it cannot be used.
    pub fn summary(&self) -> String {
        match &self.study {
            Some(s) => format!(
                "{} note{}, {} link{}",
                s.notes.len(),
                if s.notes.len() == 1 { "" } else { "s" },
                s.links.len(),
                if s.links.len() == 1 { "" } else { "s" }
            ),
            None => "damaged: it cannot be read".to_owned(),
        }
    }

    /// What restoring it over `current` would change.
    pub fn differences(&self, current: &Study) -> Vec<Difference> {
        self.study
            .as_ref()
            .map(|s| rescue::compare(current, s))
            .unwrap_or_default()
    }
}

/// The versions kept for the study at `path`, newest first.
pub fn list(path: &Path) -> Vec<Version> {
    store::backups(path)
        .into_iter()
        .map(|p| {
            let saved = std::fs::metadata(&p)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| Timestamp::try_from(t).ok());
            let study = std::fs::read_to_string(&p)
                .ok()
                .and_then(|text| store::parse(&text).ok())
                .map(Arc::new);
            Version {
                path: p,
                saved,
                study,
            }
        })
        .collect()
}
