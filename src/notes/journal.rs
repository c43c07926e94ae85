//! The journal: every study edit, on disk before the window says it is done.
//!
//! Autosave writes the whole study a second after a change. That leaves a second in which a
//! crash (a kill, a power cut) would lose a note the window had already confirmed. So each
//! edit is also appended to `.NAME.journal` next to the study and synced to disk — on the
//! journal's own thread, a few milliseconds — before its confirmation shows. When the study
//! is opened, the edits the study file does not hold yet are replayed into it and saved.
//!
//! Each line is `HASH RON`: a line cut short by a crash fails its check and is ignored (it
//! was never confirmed). The operations are *states*, not changes ("note 7 is now …", "note 7
//! is gone"), so replaying one the file already holds is harmless: replaying a suffix of the
//! journal that starts at or before the file's state gives exactly the state after the last
//! edit. Which suffix is known from the `Saved` marks: each save has its new file's hash
//! marked (written and synced) just before the file replaces the old one, so a crash between
//! the rename and the window hearing of the save still finds where the file stands.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::model::{ArticleEntry, ContrastLink, Note, Study};
use crate::analysis::codebook::Codebook;

/// What the study holds after an edit, for one thing in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Op {
    /// The note with this id (None: deleted).
    Note {
        id: u64,
        note: Option<Note>,
    },
    Link {
        id: u64,
        link: Option<ContrastLink>,
    },
    /// What the study records about an article (None: nothing).
    Article {
        path: String,
        entry: Option<ArticleEntry>,
    },
    Codebook(Option<Codebook>),
    Title(String),
    /// The whole study (a backup restored, ids made unique on reading).
    Study(Box<Study>),
}

impl Op {
    /// Whether this is the reader's own work (a note, a link, a correction, a page choice)
    /// rather than bookkeeping (the version of an article last seen, the codebook in use).
    pub fn is_readers_work(&self) -> bool {
        match self {
            Op::Note { .. } | Op::Link { .. } | Op::Title(_) | Op::Study(_) => true,
            Op::Article { entry, .. } => entry.as_ref().is_some_and(|e| {
                !e.corrections.is_empty() || e.whole_page || !e.worksheet.is_empty()
            }),
            Op::Codebook(_) => false,
        }
    }

    /// Make the study hold this state (notes and links stay in id order).
    pub fn apply(&self, study: &mut Study) {
        match self {
            Op::Note { id, note } => put(&mut study.notes, *id, note.as_ref(), |n| n.id),
            Op::Link { id, link } => put(&mut study.links, *id, link.as_ref(), |l| l.id),
            Op::Article { path, entry } => match entry {
                Some(e) => {
                    study.articles.insert(path.clone(), e.clone());
                }
                None => {
                    study.articles.remove(path);
                }
            },
            Op::Codebook(book) => study.codebook = book.clone(),
            Op::Title(t) => study.title = t.clone(),
            Op::Study(s) => *study = (**s).clone(),
        }
    }
}

/// Make the id-ordered list hold `value` under `id` (None: nothing).
fn put<T: Clone>(list: &mut Vec<Arc<T>>, id: u64, value: Option<&T>, id_of: impl Fn(&T) -> u64) {
    let at = list.partition_point(|x| id_of(x) < id);
    let present = list.get(at).is_some_and(|x| id_of(x) == id);
    match (value, present) {
        (Some(v), true) => list[at] = Arc::new(v.clone()),
        (Some(v), false) => list.insert(at, Arc::new(v.clone())),
        (None, true) => {
            list.remove(at);
        }
        (None, false) => {}
    }
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Line {
    /// The first line: the study file (its content hash; None: no file yet) the journal
    /// continues.
    Base(Option<String>),
    /// An edit, numbered in the order it was made.
    Op { seq: u64, op: Box<Op> },
    /// The study file was saved holding every edit up to `upto`, as bytes with this hash.
    Saved { hash: String, upto: u64 },
}

/// Where the journal of a study lives: `.NAME.journal` next to it.
pub fn journal_path(study: &Path) -> PathBuf {
    super::store::sidecar(study, "journal")
}

fn encode(line: &Line) -> String {
    let ron = ron::to_string(line).unwrap_or_default();
    let check = blake3::hash(ron.as_bytes()).to_hex();
    format!("{} {ron}\n", &check[..16])
}

fn decode(text: &str) -> Option<Line> {
    let (check, ron) = text.split_once(' ')?;
    let expected = blake3::hash(ron.as_bytes()).to_hex();
    if check != &expected[..16] {
        return None;
    }
    ron::from_str(ron).ok()
}

/// The lines of a journal file that pass their check, up to the first that does not (a
/// write cut short; nothing after it was confirmed).
pub fn read_lines(path: &Path) -> io::Result<Vec<Line>> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = Vec::new();
    for raw in text.split_inclusive('\n') {
        let Some(body) = raw.strip_suffix('\n') else {
            break; // the last line, never finished
        };
        match decode(body) {
            Some(line) => lines.push(line),
            None => break,
        }
    }
    Ok(lines)
}

/// What the journal holds for the study file as it is on disk now.
#[derive(Debug, Clone, PartialEq)]
pub enum Recovery {
    /// Nothing the file lacks.
    Clean { next_seq: u64 },
    /// Edits the file does not hold yet: apply them in order.
    Replay { ops: Vec<Op>, next_seq: u64 },
    /// The file is not one the journal knows (changed by something else since): the edits
    /// are not applied on their own, but offered to the reader.
    Unmatched { ops: Vec<Op>, next_seq: u64 },
}

impl Recovery {
    pub fn next_seq(&self) -> u64 {
        match self {
            Self::Clean { next_seq }
            | Self::Replay { next_seq, .. }
            | Self::Unmatched { next_seq, .. } => *next_seq,
        }
    }
}

/// Work out what to replay onto the study file whose content hash is `file_hash` (None: no
/// file).
pub fn recover(lines: Vec<Line>, file_hash: Option<&str>) -> Recovery {
    let next_seq = lines
        .iter()
        .filter_map(|l| match l {
            Line::Op { seq, .. } => Some(seq + 1),
            _ => None,
        })
        .max()
        .unwrap_or(1);
    // The newest point at which the file on disk is known to have been written: after it,
    // every edit with a higher number is one the file lacks.
    let mut from: Option<u64> = None;
    for l in &lines {
        match l {
            Line::Base(hash) if hash.as_deref() == file_hash => from = Some(0),
            Line::Saved { hash, upto } if Some(hash.as_str()) == file_hash => from = Some(*upto),
            _ => {}
        }
    }
    let ops_after = |after: u64| -> Vec<Op> {
        lines
            .iter()
            .filter_map(|l| match l {
                Line::Op { seq, op } if *seq > after => Some((**op).clone()),
                _ => None,
            })
            .collect()
    };
    match from {
        Some(after) => {
            let ops = ops_after(after);
            if ops.is_empty() {
                Recovery::Clean { next_seq }
            } else {
                Recovery::Replay { ops, next_seq }
            }
        }
        None => {
            let ops = ops_after(0);
            if ops.is_empty() {
                Recovery::Clean { next_seq }
            } else {
                Recovery::Unmatched { ops, next_seq }
            }
        }
    }
}

/// Start a journal afresh for the study file as it is (`base`: its content hash).
pub fn reset(path: &Path, base: Option<String>) -> io::Result<()> {
    crate::fsutil::atomic_write(path, encode(&Line::Base(base)).as_bytes())
}

/// What the journal thread is asked to do.
#[derive(Debug)]
enum Request {
    Append(Vec<(u64, Op)>),
    Saved {
        hash: String,
        upto: u64,
    },
    /// A save is about to replace the study file with one of this hash holding every edit
    /// up to `upto`: mark it, then answer.
    Saving {
        hash: String,
        upto: u64,
        done: mpsc::Sender<bool>,
    },
    Reset {
        base: Option<String>,
    },
}

/// How long a save waits for the journal to mark it before going ahead anyway.
const ANNOUNCE_WAIT: Duration = Duration::from_secs(10);

/// What the journal thread reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Report {
    /// Every edit up to this number is on disk.
    Synced(u64),
    /// The journal could not be written (the autosave still runs; edits are confirmed
    /// without the journal's guarantee, and the reader is told).
    Failed(String),
}

/// The journal's writing thread. Appends are grouped: whatever arrived while the last sync
/// ran is written and synced together.
#[derive(Debug)]
pub struct JournalWriter {
    /// Shared with the announcers handed to saves; emptied when the journal finishes, so
    /// that its thread ends.
    tx: Arc<Mutex<Option<mpsc::Sender<Request>>>>,
    rx: mpsc::Receiver<Report>,
    worker: Option<std::thread::JoinHandle<()>>,
    pub path: PathBuf,
}

impl JournalWriter {
    /// Continue the journal at `path` (as [`recover`] found it, or as [`reset`] made it).
    pub fn spawn(path: PathBuf, wake: impl Fn() + Send + 'static) -> Self {
        let (tx, requests) = mpsc::channel::<Request>();
        let (reports, rx) = mpsc::channel();
        let thread_path = path.clone();
        let worker = std::thread::Builder::new()
            .name("parallax-journal".into())
            .spawn(move || {
                let mut w = Worker {
                    path: thread_path,
                    file: None,
                    pending: Vec::new(),
                };
                while let Ok(first) = requests.recv() {
                    let mut batch = vec![first];
                    batch.extend(requests.try_iter());
                    let report = w.handle(batch);
                    if let Some(r) = report {
                        if reports.send(r).is_err() {
                            break;
                        }
                        wake();
                    }
                }
            })
            .ok();
        Self {
            tx: Arc::new(Mutex::new(Some(tx))),
            rx,
            worker,
            path,
        }
    }

    fn send(&self, r: Request) -> bool {
        self.worker.is_some() && send_to(&self.tx, r)
    }

    /// For a save holding every edit up to `upto`: marks the new file's hash in the journal
    /// (written and synced) before the file takes the old one's place.
    pub fn announcer(&self, upto: u64) -> crate::notes::saver::Announce {
        let tx = Arc::clone(&self.tx);
        Arc::new(move |hash: &str| {
            let (done, answer) = mpsc::channel();
            let asked = Request::Saving {
                hash: hash.to_owned(),
                upto,
                done,
            };
            send_to(&tx, asked) && answer.recv_timeout(ANNOUNCE_WAIT).unwrap_or(false)
        })
    }

    /// Queue edits to be written; returns false when the thread is gone.
    pub fn append(&self, ops: Vec<(u64, Op)>) -> bool {
        self.send(Request::Append(ops))
    }

    /// The study file was saved with every edit up to `upto`.
    pub fn saved(&self, hash: String, upto: u64) -> bool {
        self.send(Request::Saved { hash, upto })
    }

    /// Start over from this study file (read again from disk).
    pub fn reset(&self, base: Option<String>) -> bool {
        self.send(Request::Reset { base })
    }

    pub fn poll(&self) -> Vec<Report> {
        self.rx.try_iter().collect()
    }

    /// Wait for what is queued to be written (quitting).
    pub fn finish(mut self) -> Vec<Report> {
        if let Ok(mut tx) = self.tx.lock() {
            *tx = None;
        }
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
        self.rx.try_iter().collect()
    }

    /// Wait up to `timeout` for the next report.
    pub fn wait(&self, timeout: std::time::Duration) -> Option<Report> {
        self.rx.recv_timeout(timeout).ok()
    }
}

fn send_to(tx: &Mutex<Option<mpsc::Sender<Request>>>, r: Request) -> bool {
    tx.lock()
        .ok()
        .and_then(|tx| tx.as_ref().map(|tx| tx.send(r).is_ok()))
        .unwrap_or(false)
}

struct Worker {
    path: PathBuf,
    file: Option<File>,
    /// Edits written since the study file last took them (kept to write the journal anew
    /// after a save, without them once the file holds them).
    pending: Vec<(u64, Op)>,
}

impl Worker {
    fn handle(&mut self, batch: Vec<Request>) -> Option<Report> {
        let mut text = String::new();
        let mut last = None;
        let mut compact: Option<(String, u64)> = None;
        let mut answers = Vec::new();
        for r in batch {
            match r {
                Request::Append(ops) => {
                    for (seq, op) in ops {
                        text.push_str(&encode(&Line::Op {
                            seq,
                            op: Box::new(op.clone()),
                        }));
                        last = Some(seq);
                        self.pending.push((seq, op));
                    }
                }
                Request::Saved { hash, upto } => {
                    text.push_str(&encode(&Line::Saved {
                        hash: hash.clone(),
                        upto,
                    }));
                    compact = Some((hash, upto));
                }
                Request::Saving { hash, upto, done } => {
                    text.push_str(&encode(&Line::Saved { hash, upto }));
                    answers.push(done);
                }
                Request::Reset { base } => {
                    self.pending.clear();
                    self.file = None;
                    text.clear();
                    // Marks written before the reset are gone: those saves go unmarked.
                    answers.clear();
                    if let Err(e) = reset(&self.path, base) {
                        return Some(Report::Failed(e.to_string()));
                    }
                }
            }
        }
        let written = self.write(&text);
        for done in answers {
            let _ = done.send(written.is_ok());
        }
        if let Err(e) = written {
            self.file = None;
            return Some(Report::Failed(format!(
                "cannot write the journal {}: {e}",
                self.path.display()
            )));
        }
        if let Some((hash, upto)) = compact {
            // The study file holds everything up to `upto`: write the journal anew with
            // only what came after (atomically, so a crash leaves the old one or the new).
            self.pending.retain(|(seq, _)| *seq > upto);
            let mut fresh = encode(&Line::Base(Some(hash)));
            for (seq, op) in &self.pending {
                fresh.push_str(&encode(&Line::Op {
                    seq: *seq,
                    op: Box::new(op.clone()),
                }));
            }
            // If this fails, the journal as appended (with its Saved mark) is still right.
            self.file = None;
            let _ = crate::fsutil::atomic_write(&self.path, fresh.as_bytes());
        }
        last.map(Report::Synced)
    }

    fn write(&mut self, text: &str) -> io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        if self.file.is_none() {
            self.file = Some(
                OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&self.path)?,
            );
        }
        let Some(f) = self.file.as_mut() else {
            return Ok(());
        };
        f.write_all(text.as_bytes())?;
        // Data only: the file's length is data too for this purpose on Linux.
        f.sync_data()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::{NoteKind, Target};

    fn note(id: u64, text: &str) -> Note {
        Note::new(
            id,
            NoteKind::Observation,
            Target::Study,
            text,
            jiff::Timestamp::UNIX_EPOCH,
        )
    }

    fn put(id: u64, text: &str) -> Op {
        Op::Note {
            id,
            note: Some(note(id, text)),
        }
    }

    #[test]
    fn lines_round_trip_and_a_torn_line_ends_the_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".s.journal");
        let lines = [
            Line::Base(None),
            Line::Op {
                seq: 1,
                op: Box::new(put(1, "two\nlines and “quotes” 🙂")),
            },
            Line::Saved {
                hash: "abc".into(),
                upto: 1,
            },
        ];
        let mut text: String = lines.iter().map(encode).collect();
        assert_eq!(text.lines().count(), 3, "one line each, newlines escaped");
        // A crash in the middle of the next line.
        let torn = encode(&Line::Op {
            seq: 2,
            op: Box::new(put(2, "lost")),
        });
        text.push_str(&torn[..torn.len() / 2]);
        fs::write(&path, &text).unwrap();
        assert_eq!(read_lines(&path).unwrap(), lines);
        // A line whose check fails is not trusted, nor anything after it.
        let flipped = text.replacen("quotes", "quotas", 1);
        fs::write(&path, flipped).unwrap();
        assert_eq!(read_lines(&path).unwrap(), lines[..1]);
    }

    #[test]
    fn recovery_replays_what_the_file_lacks() {
        let op = |seq, id, t: &str| Line::Op {
            seq,
            op: Box::new(put(id, t)),
        };
        let lines = vec![
            Line::Base(Some("h0".into())),
            op(1, 1, "a"),
            op(2, 2, "b"),
            // The save of everything up to 1 finished while 2 was being written.
            Line::Saved {
                hash: "h1".into(),
                upto: 1,
            },
            op(3, 1, "a2"),
        ];
        assert_eq!(
            recover(lines.clone(), Some("h1")),
            Recovery::Replay {
                ops: vec![put(2, "b"), put(1, "a2")],
                next_seq: 4
            }
        );
        assert_eq!(recover(lines.clone(), Some("h0")).next_seq(), 4);
        match recover(lines.clone(), Some("h0")) {
            Recovery::Replay { ops, .. } => assert_eq!(ops.len(), 3),
            other => panic!("{other:?}"),
        }
        match recover(lines.clone(), Some("someone else's")) {
            Recovery::Unmatched { ops, .. } => assert_eq!(ops.len(), 3),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            recover(vec![Line::Base(None)], None),
            Recovery::Clean { next_seq: 1 }
        );
    }

    #[test]
    fn replaying_a_suffix_twice_gives_the_same_study() {
        let ops = [
            put(1, "a"),
            put(2, "b"),
            Op::Note { id: 1, note: None },
            put(3, "c"),
            put(2, "b2"),
        ];
        let mut once = Study::default();
        for o in &ops {
            o.apply(&mut once);
        }
        // The file already held the first three: replaying from the second on top of it.
        let mut file = Study::default();
        for o in &ops[..3] {
            o.apply(&mut file);
        }
        for o in &ops[1..] {
            o.apply(&mut file);
        }
        assert_eq!(file, once);
        assert_eq!(once.notes.iter().map(|n| n.id).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn the_writer_syncs_then_compacts_after_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".s.journal");
        reset(&path, None).unwrap();
        let w = JournalWriter::spawn(path.clone(), || {});
        assert!(w.append(vec![(1, put(1, "a")), (2, put(2, "b"))]));
        assert_eq!(
            w.wait(std::time::Duration::from_secs(5)),
            Some(Report::Synced(2))
        );
        assert_eq!(read_lines(&path).unwrap().len(), 3);
        assert!(w.saved("h1".into(), 1));
        assert!(w.append(vec![(3, put(3, "c"))]));
        let reports = w.finish();
        assert!(reports.contains(&Report::Synced(3)), "{reports:?}");
        let lines = read_lines(&path).unwrap();
        assert_eq!(lines[0], Line::Base(Some("h1".into())));
        let seqs: Vec<u64> = lines
            .iter()
            .filter_map(|l| match l {
                Line::Op { seq, .. } => Some(*seq),
                _ => None,
            })
            .collect();
        assert_eq!(seqs, [2, 3], "what the file lacks, in order");
    }

    #[test]
    fn a_save_is_announced_before_the_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".s.journal");
        reset(&path, Some("h1".into())).unwrap();
        let w = JournalWriter::spawn(path.clone(), || {});
        assert!(w.append(vec![(1, put(1, "a")), (2, put(2, "b")), (3, put(3, "c"))]));
        assert_eq!(
            w.wait(std::time::Duration::from_secs(5)),
            Some(Report::Synced(3))
        );
        // A save holding edits 1 and 2 is about to write a file hashed "h2": once the
        // announcer returns, the mark is on disk, and a kill right after the rename finds
        // exactly the edit the new file lacks.
        assert!(w.announcer(2)("h2"));
        let lines = read_lines(&path).unwrap();
        assert_eq!(
            recover(lines.clone(), Some("h2")),
            Recovery::Replay {
                ops: vec![put(3, "c")],
                next_seq: 4
            }
        );
        // Killed before the rename: the old file gets every edit.
        match recover(lines, Some("h1")) {
            Recovery::Replay { ops, .. } => assert_eq!(ops.len(), 3),
            other => panic!("{other:?}"),
        }
        // An announcer kept by a save does not keep the journal's thread alive.
        let late = w.announcer(3);
        w.finish();
        assert!(!late("h3"), "the journal is closed");
    }
}
