//! Opening a folder of articles: discovery, decoding, parsing, and a report of what was skipped.
//!
//! Loading never stops at a bad file: each file is read, decoded and parsed on its own, and a
//! file that cannot be used is listed in [`Corpus::skipped`] with a reason the user can act on.
//! Only a folder that cannot be read at all is an error ([`CorpusError`]).

pub mod decode;
pub mod own;
pub mod paths;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::document::{Document, Format, Source};

/// Limits that keep a mistaken choice (a home folder, a disk root) from hanging the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Folders nested deeper than this below the opened folder are not searched.
    pub max_depth: usize,
    /// At most this many article files are read.
    pub max_files: usize,
    /// Files larger than this are refused.
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_depth: 16,
            max_files: 100_000,
            max_file_size: 64 * 1024 * 1024,
        }
    }
}

/// The folder itself cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{} does not exist; check the path or choose another folder", .0.display())]
    NotFound(PathBuf),
    #[error("{} is a file, not a folder; open the folder that holds it", .0.display())]
    NotADirectory(PathBuf),
    #[error("cannot read the folder {}: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("loading was cancelled")]
    Cancelled,
    #[error("reading the folder {} stopped unexpectedly; please report it (open the folder again to retry)", .0.display())]
    LoaderStopped(PathBuf),
}

/// Why one file was not loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    #[error(transparent)]
    Decode(#[from] decode::DecodeError),
    #[error("too large ({}; the limit is {})", size_pair(*size, *limit).0, size_pair(*size, *limit).1)]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot read it: {0}")]
    Unreadable(String),
    #[error("broken link: it points to {0}, which does not exist")]
    BrokenLink(String),
    #[error("the link points back to itself (through {0}), so it leads to no file")]
    LinkLoop(String),
    #[error(
        "a link to the folder {0}, outside the opened folder: it was not followed (open that folder itself to read it)"
    )]
    LinkOutside(String),
    #[error("not a regular file")]
    NotAFile,
    #[error(
        "not an article file (.{0}); Parallax reads .txt, .md, .html, .mhtml, .pdf, .docx and .odt"
    )]
    Unsupported(String),
    #[error(transparent)]
    Read(#[from] crate::document::read::ReadError),
    #[error("the saved files of the web page {page} (scripts, styles, images: {files} file{}); the page itself is read", if *files == 1 { "" } else { "s" })]
    PageFiles { page: String, files: usize },
    #[error("written by Parallax (an export of a study), so it is not read as an article")]
    Generated,
    #[error("Parallax could not read this file ({0}); please report it")]
    Crashed(String),
}

/// A file that was not loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    /// Relative to the opened folder, `/`-separated, lossy if the name is not UTF-8.
    pub rel_path: String,
    pub reason: SkipReason,
}

/// A limit that was reached while looking through the folder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Notice {
    #[error("folders deeper than {limit} levels were not searched (first one: {first})")]
    DepthLimit { limit: usize, first: String },
    #[error("only the first {limit} article files were read; {ignored} more were left out")]
    FileLimit { limit: usize, ignored: usize },
    #[error(
        "reading was stopped after {read} of {total} files; open the folder again to read the rest"
    )]
    Stopped { read: usize, total: usize },
}

/// Loading progress: `done` of `total` files read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// An opened folder.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub root: PathBuf,
    /// Articles, ordered by relative path.
    pub documents: Vec<Arc<Document>>,
    pub skipped: Vec<Skipped>,
    pub notices: Vec<Notice>,
}

impl Corpus {
    /// Index of the document with this relative path.
    pub fn find(&self, rel_path: &str) -> Option<usize> {
        self.documents
            .iter()
            .position(|d| d.source.rel_path == rel_path)
    }

    /// Build a corpus from files held in memory (the bundled example, tests).
    pub fn from_memory(root: impl Into<PathBuf>, files: &[(&str, &[u8])]) -> Self {
        let root = root.into();
        let mut corpus = Corpus {
            root: root.clone(),
            documents: Vec::new(),
            skipped: Vec::new(),
            notices: Vec::new(),
        };
        for (name, bytes) in files {
            let path = root.join(name);
            let format = Path::new(name)
                .extension()
                .and_then(|e| e.to_str())
                .and_then(Format::from_extension)
                .unwrap_or(Format::Text);
            match guarded(|| document_from_bytes(&path, name, format, bytes)) {
                Ok(doc) => corpus.documents.push(Arc::new(doc)),
                Err(reason) => corpus.skipped.push(Skipped {
                    path,
                    rel_path: (*name).to_owned(),
                    reason,
                }),
            }
        }
        corpus
            .documents
            .sort_by(|a, b| a.source.rel_path.cmp(&b.source.rel_path));
        corpus
    }
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// What the bundled example is called where a folder path would be shown.
pub const BUNDLED_NAME: &str = "Bundled example";

impl Corpus {
    /// The example study embedded in the binary (always available, even when installed).
    pub fn bundled() -> Self {
        Self::from_memory(BUNDLED_NAME, embedded::BUNDLED)
    }

    /// Whether this corpus is the embedded example rather than a folder on disk.
    pub fn is_bundled(&self) -> bool {
        self.root == Path::new(BUNDLED_NAME)
    }
}

/// A file found in the folder that looks like an article.
#[derive(Debug, Clone)]
struct Candidate {
    path: PathBuf,
    rel_path: String,
    format: Format,
}

/// What walking the folder found.
#[derive(Debug, Default)]
struct Scan {
    candidates: Vec<Candidate>,
    skipped: Vec<Skipped>,
    notices: Vec<Notice>,
}

fn rel_path_of(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| name_text(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as text. A name that is not valid UTF-8 keeps its invalid bytes as `%XX`
/// (and its `%` signs as `%25`), so two names that differ only in those bytes stay two
/// articles with two sets of notes instead of collapsing into one `\u{FFFD}` name.
pub fn name_text(name: &std::ffi::OsStr) -> String {
    let bytes = name.as_encoded_bytes();
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(&chunk.valid().replace('%', "%25"));
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether a link (followed link by link) comes back to where it started.
fn link_loops(path: &Path) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut at = path.to_owned();
    for _ in 0..64 {
        if !seen.insert(at.clone()) {
            return true;
        }
        match std::fs::read_link(&at) {
            Ok(target) => {
                at = match at.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                }
            }
            Err(_) => return false,
        }
    }
    true
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn check_root(root: &Path) -> Result<(), CorpusError> {
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(CorpusError::NotADirectory(root.to_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(CorpusError::NotFound(root.to_owned()))
        }
        Err(source) => Err(CorpusError::Unreadable {
            path: root.to_owned(),
            source,
        }),
    }
}

fn scan(root: &Path, opts: &LoadOptions) -> Result<Scan, CorpusError> {
    check_root(root)?;
    std::fs::read_dir(root).map_err(|source| CorpusError::Unreadable {
        path: root.to_owned(),
        source,
    })?;
    let mut out = Scan::default();
    let mut ignored = 0usize;
    // Links to folders are followed only inside the opened folder: a link such as
    // `up -> ..` must not make Parallax read the folders around it.
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    let mut outside: Vec<Skipped> = Vec::new();
    // "Web page, complete" saves NAME.html and a folder NAME_files (NAME-Dateien, …) with
    // its scripts, styles and images: one line in the report, not one per file.
    let page_files_of = |dir: &Path| -> Option<String> {
        let name = name_text(dir.file_name()?);
        const SUFFIXES: [&str; 7] = [
            "_files",
            "-Dateien",
            "_fichiers",
            "_archivos",
            "_arquivos",
            "_file",
            "-filer",
        ];
        let stem = SUFFIXES.iter().find_map(|s| name.strip_suffix(s))?;
        let parent = dir.parent()?;
        ["html", "htm", "xhtml", "shtml"]
            .iter()
            .map(|ext| parent.join(format!("{stem}.{ext}")))
            .find(|p| p.is_file())
            .map(|p| rel_path_of(root, &p))
    };
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .max_depth(opts.max_depth + 1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if is_hidden(e.file_name()) {
                return false;
            }
            if e.file_type().is_dir()
                && let Some(page) = page_files_of(e.path())
            {
                let files = walkdir::WalkDir::new(e.path())
                    .max_depth(8)
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|f| f.file_type().is_file())
                    .count();
                outside.push(Skipped {
                    path: e.path().to_owned(),
                    rel_path: rel_path_of(root, e.path()),
                    reason: SkipReason::PageFiles { page, files },
                });
                return false;
            }
            if e.path_is_symlink() && e.file_type().is_dir() {
                let target = std::fs::canonicalize(e.path()).unwrap_or_default();
                if !target.starts_with(&canonical_root) {
                    outside.push(Skipped {
                        path: e.path().to_owned(),
                        rel_path: rel_path_of(root, e.path()),
                        reason: SkipReason::LinkOutside(target.display().to_string()),
                    });
                    return false;
                }
            }
            true
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let Some(path) = err.path().map(Path::to_owned) else {
                    continue;
                };
                if path.file_name().is_some_and(is_hidden) {
                    continue;
                }
                let reason = match std::fs::read_link(&path) {
                    Ok(target) if link_loops(&path) => {
                        SkipReason::LinkLoop(target.display().to_string())
                    }
                    Ok(target) if !path.exists() => {
                        SkipReason::BrokenLink(target.display().to_string())
                    }
                    _ if err.loop_ancestor().is_some() => {
                        SkipReason::Unreadable("the link loops back to a parent folder".into())
                    }
                    _ => SkipReason::Unreadable(
                        err.io_error()
                            .map_or_else(|| err.to_string(), |e| e.to_string()),
                    ),
                };
                out.skipped.push(Skipped {
                    rel_path: rel_path_of(root, &path),
                    path,
                    reason,
                });
                continue;
            }
        };
        if entry.depth() > opts.max_depth {
            if !out
                .notices
                .iter()
                .any(|n| matches!(n, Notice::DepthLimit { .. }))
            {
                out.notices.push(Notice::DepthLimit {
                    limit: opts.max_depth,
                    first: rel_path_of(root, entry.path().parent().unwrap_or(entry.path())),
                });
            }
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        let name = name_text(entry.file_name());
        if own::is_own_name(&name) {
            continue;
        }
        let rel_path = rel_path_of(root, entry.path());
        if !entry.file_type().is_file() {
            out.skipped.push(Skipped {
                path: entry.path().to_owned(),
                rel_path,
                reason: SkipReason::NotAFile,
            });
            continue;
        }
        let ext = entry
            .path()
            .extension()
            .map(|e| e.to_string_lossy().into_owned());
        let Some(format) = ext.as_deref().and_then(Format::from_extension) else {
            out.skipped.push(Skipped {
                path: entry.path().to_owned(),
                rel_path,
                reason: SkipReason::Unsupported(ext.unwrap_or_default()),
            });
            continue;
        };
        if out.candidates.len() >= opts.max_files {
            ignored += 1;
            continue;
        }
        out.candidates.push(Candidate {
            path: entry.path().to_owned(),
            rel_path,
            format,
        });
    }
    out.skipped.extend(outside);
    if ignored > 0 {
        out.notices.push(Notice::FileLimit {
            limit: opts.max_files,
            ignored,
        });
    }
    Ok(out)
}

fn document_from_bytes(
    path: &Path,
    rel_path: &str,
    format: Format,
    bytes: &[u8],
) -> Result<Document, SkipReason> {
    let source = |encoding: &'static str, replaced: usize| Source {
        path: path.to_owned(),
        rel_path: rel_path.to_owned(),
        format,
        encoding,
        replaced,
        file_size: bytes.len() as u64,
        modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
    };
    if format.is_binary() {
        let prepared = crate::document::read::read(format, bytes)?;
        if decode::is_blank(&prepared.text) {
            return Err(SkipReason::Decode(decode::DecodeError::Blank));
        }
        return Ok(Document::from_prepared(source("UTF-8", 0), prepared));
    }
    let decoded = decode::decode(bytes)?;
    Ok(Document::from_decoded(
        source(decoded.encoding, decoded.replaced),
        decoded.text,
    ))
}

/// Run one file's reading inside a boundary: a bug that panics on some input costs that
/// file (skipped, with the reason), never the folder.
fn guarded(f: impl FnOnce() -> Result<Document, SkipReason>) -> Result<Document, SkipReason> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "an internal error".to_owned());
            Err(SkipReason::Crashed(what))
        }
    }
}

/// Read, decode and parse one file.
fn load_candidate(c: &Candidate, opts: &LoadOptions) -> Result<Document, SkipReason> {
    guarded(|| load_candidate_unguarded(c, opts))
}

fn load_candidate_unguarded(c: &Candidate, opts: &LoadOptions) -> Result<Document, SkipReason> {
    let meta = std::fs::metadata(&c.path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if meta.len() > opts.max_file_size {
        return Err(SkipReason::TooLarge {
            size: meta.len(),
            limit: opts.max_file_size,
        });
    }
    let bytes = read_limited(&c.path, opts.max_file_size)?;
    if own::is_generated(&bytes) {
        return Err(SkipReason::Generated);
    }
    document_from_bytes(&c.path, &c.rel_path, c.format, &bytes)
}

/// Read a file, refusing it if it grew past the limit since we looked at its size.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, SkipReason> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(SkipReason::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Load every article in `root`. `on_progress` is called after each file. Files are read on
/// up to as many threads as the machine has cores.
pub fn load_folder(
    root: &Path,
    opts: &LoadOptions,
    mut on_progress: impl FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<Corpus, CorpusError> {
    read_folder(
        root,
        opts,
        None,
        |step| {
            if let Step::Progress(p) = step {
                on_progress(&p);
            }
        },
        cancel,
    )
}

/// How a load shows the articles read so far before it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streaming {
    /// Relative paths read before the others (the articles the panes will show).
    pub first: Vec<String>,
    /// The articles read so far are reported at most this often after the first ones.
    pub every: std::time::Duration,
}

impl Streaming {
    /// Read `first` before the rest; report what was read about twice a second.
    pub fn first(first: Vec<String>) -> Self {
        Self {
            first,
            every: std::time::Duration::from_millis(500),
        }
    }
}

/// What [`read_folder`] reports as it goes.
enum Step {
    Progress(Progress),
    /// The articles read so far (in file-name order), while more are being read.
    Partial(Corpus),
}

/// The order files are read in: the wanted ones first, then the rest by name; and how many
/// at its start must be in before the first partial corpus is worth showing.
fn reading_order(candidates: &[Candidate], first: &[String]) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = first
        .iter()
        .filter_map(|rel| candidates.iter().position(|c| &c.rel_path == rel))
        .collect();
    order.dedup();
    let wanted = order.len();
    let is_wanted = |i: usize| order[..wanted].contains(&i);
    let rest: Vec<usize> = (0..candidates.len()).filter(|&i| !is_wanted(i)).collect();
    order.extend(rest);
    // Two articles fill the two panes.
    let lead = wanted.max(2).min(candidates.len());
    (order, lead)
}

/// The articles among `results` that were read, in file-name order.
fn read_so_far(results: &[Option<Result<Arc<Document>, SkipReason>>]) -> Vec<Arc<Document>> {
    results
        .iter()
        .filter_map(|r| match r {
            Some(Ok(doc)) => Some(doc.clone()),
            _ => None,
        })
        .collect()
}

/// Files this few are weighed before they are read, to read them on one thread when they
/// are small ([`crate::background::ONE_THREAD_BELOW`]).
const FEW_FILES: usize = 8;

/// How many threads read `candidates`: one per core, or one for a few small files.
fn readers_for(candidates: &[Candidate]) -> usize {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let few_small = candidates.len() <= FEW_FILES
        && candidates
            .iter()
            .map(|c| std::fs::metadata(&c.path).map_or(u64::MAX, |m| m.len()))
            .fold(0_u64, u64::saturating_add)
            < crate::background::ONE_THREAD_BELOW;
    if few_small {
        1
    } else {
        cores.min(candidates.len().max(1))
    }
}

fn read_folder(
    root: &Path,
    opts: &LoadOptions,
    streaming: Option<&Streaming>,
    mut report: impl FnMut(Step),
    cancel: &AtomicBool,
) -> Result<Corpus, CorpusError> {
    let scan = scan(root, opts)?;
    let total = scan.candidates.len();
    report(Step::Progress(Progress { done: 0, total }));
    let first: &[String] = streaming.map_or(&[], |s| &s.first);
    let (order, lead) = reading_order(&scan.candidates, first);
    let next = AtomicUsize::new(0);
    let workers = readers_for(&scan.candidates);
    let mut results: Vec<Option<Result<Arc<Document>, SkipReason>>> =
        (0..total).map(|_| None).collect();
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            let (candidates, order) = (&scan.candidates, &order);
            s.spawn(move || {
                loop {
                    if cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        break;
                    };
                    if tx.send((i, load_candidate(&candidates[i], opts))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut last_partial: Option<std::time::Instant> = None;
        for (n, (i, result)) in rx.into_iter().enumerate() {
            results[i] = Some(result.map(Arc::new));
            let done = n + 1;
            report(Step::Progress(Progress { done, total }));
            let Some(streaming) = streaming else { continue };
            if done == total {
                continue; // the whole corpus follows at once
            }
            let due = match last_partial {
                None => order[..lead].iter().all(|&j| results[j].is_some()),
                Some(t) => t.elapsed() >= streaming.every,
            };
            if due {
                let documents = read_so_far(&results);
                if !documents.is_empty() {
                    last_partial = Some(std::time::Instant::now());
                    report(Step::Partial(Corpus {
                        root: root.to_owned(),
                        documents,
                        skipped: Vec::new(),
                        notices: Vec::new(),
                    }));
                }
            }
        }
    });
    if cancel.load(Ordering::Relaxed) {
        return Err(CorpusError::Cancelled);
    }
    let mut corpus = Corpus {
        root: root.to_owned(),
        documents: Vec::with_capacity(total),
        skipped: scan.skipped,
        notices: scan.notices,
    };
    for (c, result) in scan.candidates.into_iter().zip(results) {
        match result {
            Some(Ok(doc)) => corpus.documents.push(doc),
            Some(Err(reason)) => corpus.skipped.push(Skipped {
                path: c.path,
                rel_path: c.rel_path,
                reason,
            }),
            None => {}
        }
    }
    corpus.skipped.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    Ok(corpus)
}

/// How often a background load's progress wakes the window.
const WAKE_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// What a background load reports.
#[derive(Debug)]
pub enum LoadEvent {
    Progress(Progress),
    /// The articles read so far, in file-name order (a streaming load only).
    Partial(Corpus),
    Done(Result<Corpus, CorpusError>),
}

/// A folder being loaded on a background thread. Dropping it cancels the load.
#[derive(Debug)]
pub struct LoadJob {
    pub root: PathBuf,
    rx: mpsc::Receiver<LoadEvent>,
    cancel: Arc<AtomicBool>,
}

impl LoadJob {
    /// Start loading `root`; `wake` is called whenever an event is ready (the UI uses it to
    /// request a repaint).
    pub fn spawn(root: PathBuf, opts: LoadOptions, wake: impl Fn() + Send + 'static) -> Self {
        Self::start(root, opts, None, wake)
    }

    /// Start loading `root`, reading `streaming.first` before the rest and reporting the
    /// articles read so far ([`LoadEvent::Partial`]) as soon as those are in, then at most
    /// every `streaming.every`, so a big folder can be read from while the rest comes in.
    pub fn streaming(
        root: PathBuf,
        opts: LoadOptions,
        streaming: Streaming,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        Self::start(root, opts, Some(streaming), wake)
    }

    fn start(
        root: PathBuf,
        opts: LoadOptions,
        streaming: Option<Streaming>,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let job_cancel = cancel.clone();
        let job_root = root.clone();
        std::thread::Builder::new()
            .name("parallax-load".into())
            .spawn(move || {
                let mut last_wake: Option<std::time::Instant> = None;
                let result = read_folder(
                    &job_root,
                    &opts,
                    streaming.as_ref(),
                    |step| {
                        // Progress wakes the window at most ten times a second: a repaint
                        // per file would take a core from the readers.
                        let urgent = matches!(step, Step::Partial(_));
                        let _ = tx.send(match step {
                            Step::Progress(p) => LoadEvent::Progress(p),
                            Step::Partial(c) => LoadEvent::Partial(c),
                        });
                        if urgent || last_wake.is_none_or(|t| t.elapsed() >= WAKE_EVERY) {
                            last_wake = Some(std::time::Instant::now());
                            wake();
                        }
                    },
                    &job_cancel,
                );
                let _ = tx.send(LoadEvent::Done(result));
                wake();
            })
            .map_or_else(
                |e| {
                    // Could not start a thread: report it as the load's result.
                    let (tx2, rx2) = mpsc::channel();
                    let _ = tx2.send(LoadEvent::Done(Err(CorpusError::Unreadable {
                        path: root.clone(),
                        source: e,
                    })));
                    Self {
                        root: root.clone(),
                        rx: rx2,
                        cancel: cancel.clone(),
                    }
                },
                |_| Self {
                    root: root.clone(),
                    rx,
                    cancel: cancel.clone(),
                },
            )
    }

    /// Events that arrived since the last call. A loader that died without finishing
    /// (it cannot, short of a bug outside the per-file boundary) ends the load with
    /// [`CorpusError::LoaderStopped`], so nobody waits on it forever.
    pub fn poll(&self) -> Vec<LoadEvent> {
        let mut events = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(e) => {
                    let done = matches!(e, LoadEvent::Done(_));
                    events.push(e);
                    if done {
                        break;
                    }
                }
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    events.push(LoadEvent::Done(Err(CorpusError::LoaderStopped(
                        self.root.clone(),
                    ))));
                    break;
                }
            }
        }
        events
    }

    /// Wait up to `timeout` for the load to finish or show what it read so far: the whole
    /// corpus or a partial one, None if neither came in time; beside it, the last progress
    /// that arrived meanwhile (how many files there are, for a Stop's notice).
    pub fn wait_for(&self, timeout: std::time::Duration) -> (Option<Progress>, Option<LoadEvent>) {
        let deadline = std::time::Instant::now() + timeout;
        let mut progress = None;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let event = match self.rx.recv_timeout(left) {
                Ok(LoadEvent::Progress(p)) => {
                    progress = Some(p);
                    continue;
                }
                Ok(event) => Some(event),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => Some(LoadEvent::Done(Err(
                    CorpusError::LoaderStopped(self.root.clone()),
                ))),
            };
            return (progress, event);
        }
    }

    /// Block until the load finishes (tests, the headless report).
    pub fn wait(self) -> Result<Corpus, CorpusError> {
        loop {
            match self.rx.recv() {
                Ok(LoadEvent::Done(result)) => return result,
                Ok(LoadEvent::Progress(_) | LoadEvent::Partial(_)) => {}
                Err(_) => return Err(CorpusError::LoaderStopped(self.root.clone())),
            }
        }
    }
}

impl Drop for LoadJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Two sizes written so that they differ when the numbers do ("64.0 MB" and "64.0 MB" would
/// say nothing): exact byte counts when the rounded forms are the same.
fn size_pair(size: u64, limit: u64) -> (String, String) {
    let (a, b) = (human_size(size), human_size(limit));
    if a == b && size != limit {
        (
            format!("{} bytes", thousands(size)),
            format!("{} bytes", thousands(limit)),
        )
    } else {
        (a, b)
    }
}

/// `67108865` → `67,108,865`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1.2 MB", "640 KB", "12 bytes".
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB * KB {
        format!("{:.1} GB", b / (KB * KB * KB))
    } else if b >= KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else if b >= KB {
        format!("{:.0} KB", b / KB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Folders of articles for the core's tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Load a folder with the default options.
    pub fn load(root: &Path) -> Corpus {
        load_folder(
            root,
            &LoadOptions::default(),
            |_| {},
            &AtomicBool::new(false),
        )
        .unwrap()
    }

    /// A temporary folder holding these files (name, text), loaded.
    pub fn folder(files: &[(&str, &str)]) -> (tempfile::TempDir, Corpus) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let corpus = load(dir.path());
        (dir, corpus)
    }
}

#[cfg(test)]
mod tests;
