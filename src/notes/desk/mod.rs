//! The study at work: the open [`Session`], its autosave (off the UI thread, retried when a
//! save fails for a reason that may pass), its journal (each edit on disk before it is
//! confirmed), rescued copies to offer, and what to do on quit. No window here: the clock
//! is a parameter (`now`, seconds), and what the reader should be told comes back as
//! [`Said`] messages the window shows.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use super::journal::{self, JournalWriter, Recovery, Report};
use super::rescue::{self, Offer};
use super::saver::{Outcome, OutcomeKind, Request, Saver, save_now};
use super::session::{FileError, Problem, Session};
use super::store;
use crate::corpus::Corpus;

/// Autosave this long (seconds) after the first unsaved change.
pub const AUTOSAVE_DELAY: f64 = 1.0;
/// After a save failed for a reason that may pass, try again after this long.
const RETRY_DELAY: f64 = 5.0;
/// Study files larger than this are opened on a worker thread, with progress.
pub const OPEN_IN_BACKGROUND: u64 = 2 * 1024 * 1024;
/// The study of a folder with more articles than this is opened on a worker thread too:
/// placing its notes and recording each article's version takes tens of milliseconds for
/// 20,000 articles, too long for a frame.
pub const OPEN_IN_BACKGROUND_ARTICLES: usize = 2_000;

/// A message for the reader, released once what it confirms is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub text: String,
    pub error: bool,
}

/// Why quitting or switching studies could not save everything.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlushError {
    #[error("The study has changes that could not be saved.")]
    Blocked,
    #[error("The notes are kept in memory only: no study file was chosen.")]
    NoFile,
    #[error("The study could not be saved: {0}")]
    Failed(String),
}

/// A study read and placed, ready to be put to work ([`StudyDesk::install`]).
#[derive(Debug)]
pub struct Prepared {
    pub session: Session,
    recovery: Option<Recovery>,
    pub offers: Vec<Offer>,
}

/// Read a study, replay what its journal holds that the file lacks, find rescued copies,
/// and place every note in the corpus. Pure work, no threads: run it where it suits (on a
/// worker thread for a big study).
pub fn prepare(
    path: Option<&Path>,
    corpus: &Corpus,
    data_dir: Option<&Path>,
    mut progress: impl FnMut(usize, usize),
) -> Prepared {
    let mut session = match path {
        Some(p) => Session::open(p),
        None => Session::in_memory(),
    };
    // Only the Parallax that holds the lock replays and continues the journal.
    let mut recovery = None;
    if let Some(p) = path
        && !session.read_only
        && session.has_lock()
    {
        let lines = journal::read_lines(&journal::journal_path(p)).unwrap_or_default();
        let hash = session.disk.as_ref().map(|d| d.hash.clone());
        let r = journal::recover(lines, hash.as_deref());
        if let Recovery::Replay { ops, .. } = &r {
            session.replay(ops);
        }
        recovery = Some(r);
    }
    let offers = if path.is_some() || data_dir.is_some() {
        rescue::find(path, data_dir)
    } else {
        Vec::new()
    };
    session.reanchor_with_progress(corpus, &mut progress);
    Prepared {
        session,
        recovery,
        offers,
    }
}

/// An empty, read-only study to stand in while the real one opens on a worker thread.
pub fn placeholder(corpus: &Corpus) -> Prepared {
    // Read-only before it is placed: it records nothing about the articles (20,000 of
    // them took 28 ms when it did).
    let mut session = Session::in_memory();
    session.read_only = true;
    session.reanchor(corpus);
    Prepared {
        session,
        recovery: None,
        offers: Vec::new(),
    }
}

/// What became of a change to the study file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    /// Nothing to do: saving is under way, nothing changed, or the study is read-only.
    Ignored,
    /// Both this Parallax and the file changed: the reader chooses.
    Conflict,
    /// Read again (nothing here was unsaved).
    Reloaded,
}

/// A study being opened on a worker thread.
#[derive(Debug)]
pub struct Opening {
    pub path: PathBuf,
    rx: mpsc::Receiver<OpeningEvent>,
    /// Notes placed so far, of how many.
    pub progress: (usize, usize),
}

#[derive(Debug)]
enum OpeningEvent {
    Progress(usize, usize),
    Done(Box<Prepared>),
}

impl Opening {
    /// Events since the last call: the progress is updated, and the prepared study returned
    /// once it is ready.
    pub fn poll(&mut self) -> Option<Result<Prepared, String>> {
        loop {
            match self.rx.try_recv() {
                Ok(OpeningEvent::Progress(d, t)) => self.progress = (d, t),
                Ok(OpeningEvent::Done(p)) => return Some(Ok(*p)),
                Err(mpsc::TryRecvError::Empty) => return None,
                Err(mpsc::TryRecvError::Disconnected) => {
                    return Some(Err(format!(
                        "Opening the study {} stopped unexpectedly; please report it.",
                        self.path.display()
                    )));
                }
            }
        }
    }
}

/// Open a study on a worker thread (the window keeps painting and shows the progress).
pub fn prepare_in_background(
    path: PathBuf,
    corpus: Arc<Corpus>,
    data_dir: Option<PathBuf>,
    wake: impl Fn() + Send + 'static,
) -> Opening {
    let (tx, rx) = mpsc::channel();
    let job_path = path.clone();
    let spawned = std::thread::Builder::new()
        .name("parallax-open-study".into())
        .spawn(move || {
            let progress_tx = tx.clone();
            let mut last = std::time::Instant::now();
            let prepared = prepare(Some(&job_path), &corpus, data_dir.as_deref(), |d, t| {
                if last.elapsed() > Duration::from_millis(50) || d == t {
                    last = std::time::Instant::now();
                    let _ = progress_tx.send(OpeningEvent::Progress(d, t));
                    wake();
                }
            });
            let _ = tx.send(OpeningEvent::Done(Box::new(prepared)));
            wake();
        });
    if spawned.is_err() {
        // No thread: the receiver reports the job as stopped.
        let (_, rx) = mpsc::channel();
        return Opening {
            path,
            rx,
            progress: (0, 0),
        };
    }
    Opening {
        path,
        rx,
        progress: (0, 0),
    }
}

/// The open study and the machinery that keeps it safe.
pub struct StudyDesk {
    pub session: Session,
    saver: Saver,
    journal: Option<JournalWriter>,
    /// The number the next journaled edit gets.
    next_seq: u64,
    /// Every edit up to this number is on disk in the journal.
    synced: u64,
    /// The journal cannot be written: edits are confirmed with only the autosave behind them.
    pub journal_error: Option<String>,
    dirty_since: Option<f64>,
    /// The (generation, last journaled edit) being saved by the saving thread.
    in_flight: Option<(u64, u64)>,
    retry_at: Option<f64>,
    /// A save failed for a reason that may pass (it is retried).
    pub save_error: Option<String>,
    /// Messages waiting for the journal to have their edits on disk.
    waiting: VecDeque<(u64, Said)>,
    released: Vec<Said>,
    /// Rescued copies found for this study, for the reader to restore, compare or put away.
    pub offers: Vec<Offer>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl std::fmt::Debug for StudyDesk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StudyDesk")
            .field("session", &self.session.path)
            .field("next_seq", &self.next_seq)
            .field("synced", &self.synced)
            .finish_non_exhaustive()
    }
}

impl StudyDesk {
    /// A desk with a study kept in memory; `wake` asks the window for a frame (a save or a
    /// journal sync finished).
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> Self {
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
        let w = wake.clone();
        Self {
            session: Session::in_memory(),
            saver: Saver::spawn(move || w()),
            journal: None,
            next_seq: 1,
            synced: 0,
            journal_error: None,
            dirty_since: None,
            in_flight: None,
            retry_at: None,
            save_error: None,
            waiting: VecDeque::new(),
            released: Vec::new(),
            offers: Vec::new(),
            wake,
        }
    }

    /// Put a prepared study to work (after saving the one open).
    pub fn install(&mut self, prepared: Prepared) {
        let _ = self.flush();
        self.stop_journal();
        self.session = prepared.session;
        self.offers = prepared.offers;
        self.in_flight = None;
        self.dirty_since = None;
        self.retry_at = None;
        self.save_error = None;
        self.journal_error = None;
        self.next_seq = 1;
        self.synced = 0;
        if let (Some(path), Some(recovery)) = (self.session.path.clone(), prepared.recovery) {
            self.start_journal(&path, recovery);
        }
        // Changes made while reading (ids made unique, articles' versions) are journaled
        // like any other.
        self.hand_over();
    }

    /// Open (or start) the study at `path` for `corpus`, here and now.
    pub fn open(&mut self, path: Option<&Path>, corpus: &Corpus, data_dir: Option<&Path>) {
        self.install(prepare(path, corpus, data_dir, |_, _| {}));
    }

    fn start_journal(&mut self, path: &Path, recovery: Recovery) {
        let jpath = journal::journal_path(path);
        let base = self.session.disk.as_ref().map(|d| d.hash.clone());
        self.next_seq = recovery.next_seq();
        self.synced = self.next_seq - 1;
        let fresh = match recovery {
            // Nothing the file lacks: start the journal afresh from the file.
            Recovery::Clean { .. } => journal::reset(&jpath, base),
            // Go on appending: what was replayed stays in the journal until a save holds it.
            Recovery::Replay { .. } => Ok(()),
            // Edits that do not fit the file as it is now: kept as a rescued copy to offer,
            // then the journal starts afresh.
            Recovery::Unmatched { ops, .. } => {
                let mut version = self.session.study.clone();
                for op in &ops {
                    op.apply(&mut version);
                }
                version.normalize();
                match rescue::write(&version, Some(path), None) {
                    Ok(copy) => {
                        self.offers.insert(
                            0,
                            Offer {
                                path: copy,
                                study: version,
                                written: Some(std::time::SystemTime::now()),
                            },
                        );
                        journal::reset(&jpath, base)
                    }
                    // Cannot keep them anywhere else: leave the journal as it is.
                    Err(e) => Err(std::io::Error::other(e)),
                }
            }
        };
        match fresh {
            Ok(()) => {
                let wake = self.wake.clone();
                self.journal = Some(JournalWriter::spawn(jpath, move || wake()));
            }
            Err(e) => {
                self.journal_error =
                    Some(format!("cannot write the journal {}: {e}", jpath.display()));
            }
        }
    }

    fn stop_journal(&mut self) {
        if let Some(j) = self.journal.take() {
            for r in j.finish() {
                self.on_journal(r);
            }
        }
        self.release_all();
    }

    /// Hand the session's new edits to the journal.
    fn hand_over(&mut self) {
        let ops = self.session.take_ops();
        if ops.is_empty() {
            return;
        }
        let numbered: Vec<(u64, journal::Op)> = ops
            .into_iter()
            .map(|op| {
                let seq = self.next_seq;
                self.next_seq += 1;
                (seq, op)
            })
            .collect();
        let sent = match &self.journal {
            Some(j) if !self.session.read_only => j.append(numbered),
            _ => false,
        };
        if !sent {
            // No journal (in memory, read-only, or its thread is gone): nothing to wait for.
            self.synced = self.next_seq - 1;
        }
    }

    /// Tell the reader `text` once the edits made so far are on disk.
    pub fn say(&mut self, text: impl Into<String>, error: bool) {
        self.hand_over();
        let said = Said {
            text: text.into(),
            error,
        };
        let last = self.next_seq - 1;
        if last <= self.synced {
            self.released.push(said);
        } else {
            self.waiting.push_back((last, said));
        }
    }

    fn on_journal(&mut self, r: Report) {
        match r {
            Report::Synced(seq) => self.synced = self.synced.max(seq),
            Report::Failed(e) => {
                self.journal_error = Some(e);
                // The guarantee cannot be kept: say so, and do not hold messages back.
                self.synced = self.next_seq - 1;
            }
        }
        self.release_ready();
    }

    fn release_ready(&mut self) {
        while let Some((seq, _)) = self.waiting.front() {
            if *seq > self.synced {
                break;
            }
            if let Some((_, said)) = self.waiting.pop_front() {
                self.released.push(said);
            }
        }
    }

    fn release_all(&mut self) {
        self.released.extend(self.waiting.drain(..).map(|(_, s)| s));
    }

    /// Messages whose edits are now on disk.
    pub fn take_said(&mut self) -> Vec<Said> {
        std::mem::take(&mut self.released)
    }

    /// Whether every change is on disk (or there is nothing to save).
    pub fn is_saved(&self) -> bool {
        !self.session.dirty() || !self.session.worth_saving()
    }

    /// Whether a save is under way.
    pub fn saving(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Whether every confirmed edit is in the journal (or there is no journal to wait for).
    pub fn journaled(&self) -> bool {
        self.synced + 1 >= self.next_seq && !self.session.has_ops()
    }

    /// Take the outcome of a save.
    fn on_outcome(&mut self, o: Outcome, now: f64) {
        let upto = match self.in_flight {
            Some((g, upto)) if g == o.generation => {
                self.in_flight = None;
                Some(upto)
            }
            _ => None,
        };
        if self.session.path.as_ref() != Some(&o.path) {
            return; // a save of the study open before
        }
        match o.kind {
            OutcomeKind::Saved(disk) => {
                if let (Some(j), Some(upto)) = (&self.journal, upto) {
                    j.saved(disk.hash.clone(), upto);
                }
                self.session.saved(o.generation, disk);
                self.save_error = None;
                self.retry_at = None;
            }
            OutcomeKind::Conflict => self.session.problem = Some(Problem::Conflict),
            OutcomeKind::Failed {
                message,
                unwritable: true,
            } => self.session.problem = Some(Problem::Unwritable { message }),
            OutcomeKind::Failed { message, .. } => {
                self.save_error = Some(message);
                self.retry_at = Some(now + RETRY_DELAY);
            }
        }
    }

    fn request(&self) -> Option<Request> {
        let s = &self.session;
        Some(Request {
            path: s.path.clone()?,
            study: s.study.clone(),
            expected: s.disk.clone(),
            generation: s.generation,
            announce: self
                .journal
                .as_ref()
                .map(|j| j.announcer(self.next_seq - 1)),
        })
    }

    /// Once a frame: journal the edits made, take finished saves, and hand a snapshot to
    /// the saving thread about a second after the first change. Returns how long until it
    /// wants to run again.
    pub fn tick(&mut self, now: f64) -> Option<f64> {
        self.hand_over();
        if let Some(j) = &self.journal {
            let reports = j.poll();
            for r in reports {
                self.on_journal(r);
            }
        }
        for o in self.saver.poll() {
            self.on_outcome(o, now);
        }
        let waiting = (!self.waiting.is_empty()).then_some(0.05);
        let s = &self.session;
        if !s.dirty() || !s.worth_saving() || s.save_blocked() {
            self.dirty_since = None;
            return waiting;
        }
        if self.in_flight.is_some() {
            return Some(0.1);
        }
        if let Some(at) = self.retry_at {
            if now < at {
                return Some(at - now);
            }
            self.retry_at = None;
        }
        let since = *self.dirty_since.get_or_insert(now);
        if now - since < AUTOSAVE_DELAY {
            return Some(AUTOSAVE_DELAY - (now - since));
        }
        let request = self.request()?;
        let generation = request.generation;
        let upto = self.next_seq - 1;
        if self.saver.request(request.clone()) {
            self.in_flight = Some((generation, upto));
        } else {
            // No saving thread: save here rather than not at all.
            self.in_flight = Some((generation, upto));
            self.on_outcome(save_now(&request), now);
        }
        self.dirty_since = None;
        Some(0.1)
    }

    /// Save now and wait (quitting, switching studies).
    pub fn flush(&mut self) -> Result<(), FlushError> {
        self.hand_over();
        while self.in_flight.is_some() {
            match self.saver.wait(Duration::from_secs(10)) {
                Some(o) => self.on_outcome(o, 0.0),
                None => self.in_flight = None,
            }
        }
        // Whatever happens to the save, the journal holds every edit.
        while self.synced + 1 < self.next_seq {
            let Some(r) = self
                .journal
                .as_ref()
                .and_then(|j| j.wait(Duration::from_secs(10)))
            else {
                break;
            };
            self.on_journal(r);
        }
        let s = &self.session;
        if !s.dirty() || !s.worth_saving() {
            return Ok(());
        }
        if s.save_blocked() {
            return Err(FlushError::Blocked);
        }
        let Some(request) = self.request() else {
            return Err(FlushError::NoFile);
        };
        self.in_flight = Some((request.generation, self.next_seq - 1));
        self.on_outcome(save_now(&request), 0.0);
        if self.session.dirty() {
            return Err(FlushError::Failed(
                self.save_error
                    .clone()
                    .unwrap_or_else(|| "the file could not be written".into()),
            ));
        }
        Ok(())
    }

    /// Last resort when the study cannot be saved (on quit): a rescued copy, offered the
    /// next time the study opens. Returns where it went.
    pub fn rescue(&self, data_dir: Option<&Path>) -> Result<PathBuf, FileError> {
        rescue::write(&self.session.study, self.session.path.as_deref(), data_dir)
    }

    /// Read the study file again, dropping what is in memory (the reader chose the version
    /// on disk); the journal starts afresh from it.
    pub fn reload(&mut self, corpus: Option<&Corpus>) {
        self.session.reload();
        if let Some(c) = corpus {
            self.session.reanchor(c);
        }
        let _ = self.session.take_ops();
        self.synced = self.next_seq - 1;
        self.release_all();
        if let Some(j) = &self.journal {
            j.reset(self.session.disk.as_ref().map(|d| d.hash.clone()));
        }
        // Placement changes made while reading are saved and journaled from here on.
        self.session.saved_gen = self.session.generation;
    }

    /// Keep using the study under a new name (Save study as…): the journal moves with it.
    pub fn move_to(&mut self, path: &Path) -> Result<(), FileError> {
        self.hand_over();
        self.session.move_to(path)?;
        self.stop_journal();
        self.journal_error = None;
        self.start_journal(
            path,
            Recovery::Clean {
                next_seq: self.next_seq,
            },
        );
        Ok(())
    }

    /// Restore a rescued copy over the study (one undoable action) and put the copy away.
    pub fn restore_offer(&mut self, i: usize) -> Result<usize, FileError> {
        let offer = self.offers.get(i).cloned().ok_or(FileError::NoSuchCopy)?;
        let n = self.session.restore_version(&offer.study)?;
        self.offers.remove(i);
        let _ = rescue::put_away(&offer, self.session.path.as_deref());
        Ok(n)
    }

    /// The earlier versions kept of this study, newest first.
    pub fn versions(&self) -> Vec<super::versions::Version> {
        self.session
            .path
            .as_deref()
            .map(super::versions::list)
            .unwrap_or_default()
    }

    /// Put an earlier version back (one undoable action: Undo returns to the study as it
    /// was). Returns how many notes, links and article entries changed.
    pub fn restore_version(&mut self, path: &Path) -> Result<usize, FileError> {
        // Read again: what is restored is what the file holds now.
        let text = std::fs::read_to_string(path).map_err(|source| FileError::Read {
            path: path.to_owned(),
            source,
        })?;
        let study = store::parse(&text).map_err(|source| FileError::Syntax {
            path: path.to_owned(),
            source,
        })?;
        Ok(self.session.restore_version(&study)?)
    }

    /// Put a rescued copy away without restoring it (kept in the backup folder).
    pub fn discard_offer(&mut self, i: usize) -> Result<PathBuf, FileError> {
        let offer = self.offers.get(i).cloned().ok_or(FileError::NoSuchCopy)?;
        let away = rescue::put_away(&offer, self.session.path.as_deref()).map_err(|source| {
            FileError::Write {
                path: offer.path.clone(),
                source,
            }
        })?;
        self.offers.remove(i);
        Ok(away)
    }

    /// The study file changed on disk (a watcher saw it): read it again when nothing here
    /// would be lost, or mark the conflict for the reader to resolve.
    pub fn on_file_changed(&mut self, corpus: Option<&Corpus>) -> DiskChange {
        let s = &self.session;
        if self.saving() || !s.changed_on_disk() || s.read_only {
            return DiskChange::Ignored;
        }
        if s.dirty() && s.worth_saving() {
            self.session.problem = Some(Problem::Conflict);
            return DiskChange::Conflict;
        }
        self.reload(corpus);
        DiskChange::Reloaded
    }

    /// Close the notice about a damaged study file (the reader has read it); other problems
    /// stay until they are resolved.
    pub fn dismiss_damaged(&mut self) -> bool {
        let damaged = matches!(self.session.problem, Some(Problem::Corrupt(_)));
        if damaged {
            self.session.problem = None;
        }
        damaged
    }

    /// Wait until the journal and the saving thread are done (quitting, tests).
    pub fn finish(&mut self) {
        let _ = self.flush();
        self.stop_journal();
    }

    /// Correct an article's title, author, outlet or date (undoable; keystrokes in one field
    /// are one step).
    pub fn correct_metadata(
        &mut self,
        article: &str,
        corrections: super::Corrections,
    ) -> Result<(), super::session::EditError> {
        self.session.set_corrections(article, corrections)
    }

    /// Whether the study is open read-only (another Parallax has it, or it is still opening).
    pub fn read_only(&self) -> bool {
        self.session.read_only
    }

    /// The study file the desk works on, if any.
    pub fn path(&self) -> Option<&Path> {
        self.session.path.as_deref()
    }
}

impl Drop for StudyDesk {
    fn drop(&mut self) {
        // Confirmed edits are in the journal already; this only waits for what is queued.
        self.stop_journal();
    }
}

/// The default study file of a folder.
pub fn default_path(folder: &Path) -> PathBuf {
    folder.join(store::DEFAULT_NAME)
}

#[cfg(test)]
mod tests;
