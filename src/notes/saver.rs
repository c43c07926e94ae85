//! Saving off the UI thread: the window hands over a snapshot of the study and goes on
//! painting; the saver writes it (atomically, with backups) and reports back.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use super::model::Study;
use super::store::{self, DiskState, SaveError};

/// Told the content hash of the new study file just before it replaces the old one; returns
/// once that is recorded (false: it could not be).
pub type Announce = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// A snapshot to save.
#[derive(Clone)]
pub struct Request {
    pub path: PathBuf,
    pub study: Study,
    /// The file as we last knew it (None: there should be no file).
    pub expected: Option<DiskState>,
    /// The session generation the snapshot is of.
    pub generation: u64,
    /// Who must know of the new file before it takes the old one's place (the journal).
    pub announce: Option<Announce>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("path", &self.path)
            .field("expected", &self.expected)
            .field("generation", &self.generation)
            .field("announce", &self.announce.is_some())
            .finish_non_exhaustive()
    }
}

/// What became of a save.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub path: PathBuf,
    /// The session generation that was (or was not) saved.
    pub generation: u64,
    pub kind: OutcomeKind,
}

#[derive(Debug, Clone)]
pub enum OutcomeKind {
    Saved(DiskState),
    /// The file changed on disk since it was read: not written.
    Conflict,
    Failed {
        message: String,
        unwritable: bool,
    },
}

/// The saving thread. Requests queue up; only the newest pending one is written.
#[derive(Debug)]
pub struct Saver {
    tx: Option<mpsc::Sender<Request>>,
    rx: mpsc::Receiver<Outcome>,
    worker: Option<std::thread::JoinHandle<()>>,
}

/// Save one request now (the worker's job; also used on quit).
pub fn save_now(r: &Request) -> Outcome {
    let announce = |hash: &str| {
        if let Some(a) = &r.announce {
            // When the journal cannot take the mark, the save still goes ahead: the journal
            // has failed already, and the file is the better copy.
            let _ = a(hash);
        }
    };
    let saved = store::save_text(&r.path, &r.study.to_ron(), r.expected.as_ref(), &announce);
    let kind = match saved {
        Ok(disk) => OutcomeKind::Saved(disk),
        Err(SaveError::Conflict { .. }) => OutcomeKind::Conflict,
        Err(e) => OutcomeKind::Failed {
            unwritable: e.is_unwritable(),
            message: e.to_string(),
        },
    };
    Outcome {
        path: r.path.clone(),
        generation: r.generation,
        kind,
    }
}

impl Saver {
    pub fn spawn(wake: impl Fn() + Send + 'static) -> Self {
        let (tx, requests) = mpsc::channel::<Request>();
        let (outcomes, rx) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("parallax-save".into())
            .spawn(move || {
                while let Ok(mut r) = requests.recv() {
                    // Only the newest snapshot matters.
                    while let Ok(newer) = requests.try_recv() {
                        r = newer;
                    }
                    let outcome = save_now(&r);
                    if outcomes.send(outcome).is_err() {
                        break;
                    }
                    wake();
                }
            })
            .ok();
        Self {
            tx: Some(tx),
            rx,
            worker,
        }
    }

    /// Queue a save. Returns false when the saving thread is gone (the caller saves itself).
    pub fn request(&self, r: Request) -> bool {
        self.worker.is_some() && self.tx.as_ref().is_some_and(|tx| tx.send(r).is_ok())
    }

    pub fn poll(&self) -> Vec<Outcome> {
        self.rx.try_iter().collect()
    }

    /// Wait up to `timeout` for the next outcome (quitting, switching studies).
    pub fn wait(&self, timeout: std::time::Duration) -> Option<Outcome> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// Wait for every queued save to finish (quitting), returning their outcomes.
    pub fn finish(mut self) -> Vec<Outcome> {
        self.tx = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
        self.rx.try_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_the_newest_snapshot_off_the_calling_thread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let saver = Saver::spawn(|| {});
        for g in 1..=5u64 {
            let study = Study {
                title: format!("v{g}"),
                ..Default::default()
            };
            assert!(saver.request(Request {
                path: path.clone(),
                study,
                expected: None,
                generation: g,
                announce: None,
            }));
        }
        let outcomes = saver.finish();
        // The first save creates the file; later ones expecting "no file" conflict unless they
        // were merged into one: either way the file holds a complete study and is never empty.
        assert!(
            outcomes
                .iter()
                .any(|o| matches!(o.kind, OutcomeKind::Saved(_)))
        );
        let study = store::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(study.title.starts_with('v'));
    }
}
