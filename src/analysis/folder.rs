//! The folder at a glance: one row per article (title, outlet, author, date, words,
//! comments, notes) with each frame's cue density and the reader's own codes, so a folder
//! of 2 to 1,000 articles can be read as a table and a heat map of frames × articles.
//!
//! Only the cue counting runs per article (no attribution or stance), so a thousand
//! news-length articles are counted in seconds; rows are computed on worker threads with
//! progress and are cached by content hash and codebook.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::codebook::CompiledCodebook;
use crate::corpus::Corpus;
use crate::document::{ContentHash, Document};
use crate::notes::model::{Study, Target};

/// What one article contributes to the folder view, before the study's notes are counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Counted {
    pub words: usize,
    pub comments: usize,
    /// Cue hits of each codebook frame per 1,000 words of the article (comments not counted).
    pub per_1000: Vec<f64>,
    pub hits: Vec<usize>,
}

/// Count one article's cues under `book`.
pub fn count(doc: &Document, book: &CompiledCodebook) -> Counted {
    let a = super::frames::analyze(doc, book);
    Counted {
        words: a.article_words,
        comments: doc.article.comments.len(),
        per_1000: a.stats.iter().map(|s| s.article_per_1000).collect(),
        hits: a.stats.iter().map(|s| s.article_hits).collect(),
    }
}

/// One article's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Index into the corpus.
    #[serde(skip)]
    pub doc: usize,
    pub file: String,
    pub title: String,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub words: usize,
    pub comments: usize,
    pub notes: usize,
    /// Cue hits per 1,000 words, one per frame.
    pub per_1000: Vec<f64>,
    /// The reader's notes coded with each frame.
    pub coded: Vec<usize>,
}

/// The folder's table: the frames (columns of the heat map) and one row per article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    pub codebook: String,
    pub frames: Vec<String>,
    pub rows: Vec<Row>,
}

/// What the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Title,
    Outlet,
    Author,
    Date,
    Words,
    Comments,
    Notes,
    /// A frame's cue density.
    Frame(usize),
    /// The reader's codes of a frame.
    Coded(usize),
}

impl Table {
    /// The table from counted articles (`counted[i]` for `corpus.documents[i]`), with the
    /// study's corrections and notes.
    pub fn new(
        corpus: &Corpus,
        book: &CompiledCodebook,
        counted: &[Arc<Counted>],
        study: &Study,
    ) -> Self {
        let frames = book.frames();
        let index: HashMap<&str, usize> = frames
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), i))
            .collect();
        let by_path: HashMap<&str, usize> = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.source.rel_path.as_str(), i))
            .collect();
        let mut notes = vec![0usize; corpus.documents.len()];
        let mut coded = vec![vec![0usize; frames.len()]; corpus.documents.len()];
        for n in &study.notes {
            let path = match &n.target {
                Target::Passage(a) => a.article.as_str(),
                Target::Article(p) => p.as_str(),
                Target::Study => continue,
            };
            let Some(&d) = by_path.get(path) else {
                continue;
            };
            notes[d] += 1;
            for c in &n.codes {
                if let Some(&f) = index.get(c.as_str()) {
                    coded[d][f] += 1;
                }
            }
        }
        let rows = corpus
            .documents
            .iter()
            .zip(counted)
            .enumerate()
            .map(|(i, (d, c))| {
                // The metadata as the window shows it (the study's corrections applied).
                let shown = crate::notes::MetaView::of(d, study.corrections(&d.source.rel_path));
                Row {
                    doc: i,
                    file: d.source.rel_path.clone(),
                    title: shown.title,
                    author: shown.author,
                    outlet: shown.outlet,
                    date: shown.date,
                    words: c.words,
                    comments: c.comments,
                    notes: notes[i],
                    per_1000: c.per_1000.clone(),
                    coded: std::mem::take(&mut coded[i]),
                }
            })
            .collect();
        Self {
            codebook: book.book.name.clone(),
            frames: frames.iter().map(|f| f.name.clone()).collect(),
            rows,
        }
    }

    /// The rows' order sorted by `by` (ties keep the folder's order). Text sorts A to Z
    /// with missing values last; numbers sort highest first unless `ascending`.
    pub fn order(&self, by: SortBy, ascending: bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        let text = |r: &Row| -> Option<String> {
            match by {
                SortBy::Title => Some(r.title.to_lowercase()),
                SortBy::Outlet => r.outlet.as_ref().map(|s| s.to_lowercase()),
                SortBy::Author => r.author.as_ref().map(|s| s.to_lowercase()),
                SortBy::Date => r.date.clone(),
                _ => None,
            }
        };
        let number = |r: &Row| -> f64 {
            match by {
                SortBy::Words => r.words as f64,
                SortBy::Comments => r.comments as f64,
                SortBy::Notes => r.notes as f64,
                SortBy::Frame(f) => r.per_1000.get(f).copied().unwrap_or(0.0),
                SortBy::Coded(f) => r.coded.get(f).copied().unwrap_or(0) as f64,
                _ => 0.0,
            }
        };
        match by {
            SortBy::Title | SortBy::Outlet | SortBy::Author | SortBy::Date => {
                let keys: Vec<Option<String>> = self.rows.iter().map(text).collect();
                order.sort_by(|&a, &b| match (&keys[a], &keys[b]) {
                    (Some(x), Some(y)) if ascending => x.cmp(y),
                    (Some(x), Some(y)) => y.cmp(x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                });
            }
            _ => {
                let keys: Vec<f64> = self.rows.iter().map(number).collect();
                order.sort_by(|&a, &b| {
                    let o = keys[a].total_cmp(&keys[b]);
                    if ascending { o } else { o.reverse() }
                });
            }
        }
        order
    }

    /// The highest cue density in the table (the heat map's top colour).
    pub fn max_per_1000(&self) -> f64 {
        self.rows
            .iter()
            .flat_map(|r| r.per_1000.iter().copied())
            .fold(0.0, f64::max)
    }

    pub fn to_markdown(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "## The folder\n\nCue hits per 1,000 words of each article ({}); your coded notes in brackets.\n",
            self.codebook
        );
        let _ = write!(
            out,
            "| Article | Outlet | Author | Date | Words | Comments | Notes |"
        );
        for f in &self.frames {
            let _ = write!(out, " {f} |");
        }
        let _ = write!(out, "\n|---|---|---|---|--:|--:|--:|");
        for _ in &self.frames {
            let _ = write!(out, "--:|");
        }
        out.push('\n');
        let cell = |s: &Option<String>| {
            s.clone()
                .unwrap_or_else(|| "\u{2014}".into())
                .replace('|', "\\|")
        };
        for r in &self.rows {
            let _ = write!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                r.title.replace('|', "\\|"),
                cell(&r.outlet),
                cell(&r.author),
                cell(&r.date),
                r.words,
                r.comments,
                r.notes
            );
            for (v, c) in r.per_1000.iter().zip(&r.coded) {
                if *c > 0 {
                    let _ = write!(out, " {v:.1} ({c}) |");
                } else {
                    let _ = write!(out, " {v:.1} |");
                }
            }
            out.push('\n');
        }
        out
    }
}

/// Counted articles kept by content and codebook, so reopening a folder (or switching back
/// to a codebook) counts nothing again. The cache can be kept on disk between sessions
/// ([`CountCache::load`], [`CountCache::save`]); it is only a cache, so a missing, old or
/// damaged file just means counting again.
#[derive(Debug, Default)]
pub struct CountCache {
    map: Mutex<HashMap<(ContentHash, String), Entry>>,
    /// Counts were added since the cache was loaded or saved.
    dirty: AtomicBool,
}

#[derive(Debug, Clone)]
struct Entry {
    counted: Arc<Counted>,
    /// Asked for since this process started (kept first when the file is trimmed).
    used: bool,
}

/// The cache as written to disk.
#[derive(Serialize, Deserialize)]
struct CacheFile {
    /// The Parallax that counted: another version may read or count differently.
    version: String,
    entries: Vec<FileEntry>,
}

#[derive(Serialize, Deserialize)]
struct FileEntry {
    doc: String,
    book: String,
    counted: Counted,
}

/// Entries a cache file keeps (about 150 bytes each): those used this session first.
const MAX_SAVED: usize = 50_000;

impl CountCache {
    /// The cache kept at `path`; empty when there is none or it cannot be read (a cache
    /// written by another version of Parallax, or damaged, is not used).
    pub fn load(path: &Path) -> Self {
        let file: Option<CacheFile> = std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        let map = file
            .filter(|f| f.version == env!("CARGO_PKG_VERSION"))
            .map(|f| {
                f.entries
                    .into_iter()
                    .map(|e| {
                        let entry = Entry {
                            counted: Arc::new(e.counted),
                            used: false,
                        };
                        ((ContentHash(e.doc), e.book), entry)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            map: Mutex::new(map),
            dirty: AtomicBool::new(false),
        }
    }

    /// Write the cache to `path` (atomically) if it gained counts since it was loaded or
    /// last saved; at most [`MAX_SAVED`] entries, those used this session first.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if !self.dirty.swap(false, Ordering::Relaxed) {
            return Ok(());
        }
        let mut entries: Vec<(bool, FileEntry)> = match self.map.lock() {
            Ok(m) => m
                .iter()
                .map(|((doc, book), e)| {
                    let fe = FileEntry {
                        doc: doc.0.clone(),
                        book: book.clone(),
                        counted: (*e.counted).clone(),
                    };
                    (e.used, fe)
                })
                .collect(),
            Err(_) => return Ok(()),
        };
        entries.sort_by_key(|(used, _)| !*used);
        entries.truncate(MAX_SAVED);
        let file = CacheFile {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            entries: entries.into_iter().map(|(_, e)| e).collect(),
        };
        let bytes = serde_json::to_vec(&file).map_err(std::io::Error::other)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let written = crate::fsutil::atomic_write(path, &bytes);
        if written.is_err() {
            self.dirty.store(true, Ordering::Relaxed);
        }
        written
    }

    /// Count every article of `corpus` under `book` (whose key is `key`) on `workers`
    /// threads, reusing cached counts; `progress` is called with the number done so far.
    /// None when cancelled.
    pub fn count_all(
        &self,
        corpus: &Corpus,
        book: &CompiledCodebook,
        key: &str,
        workers: usize,
        cancel: &AtomicBool,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Option<Vec<Arc<Counted>>> {
        let docs = &corpus.documents;
        let slots: Vec<Mutex<Option<Arc<Counted>>>> =
            docs.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..workers.max(1).min(docs.len().max(1)) {
                s.spawn(|| {
                    loop {
                        if cancel.load(Ordering::Relaxed) {
                            return;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(doc) = docs.get(i) else { return };
                        let k = (doc.analysis_key(), key.to_owned());
                        let cached = self.map.lock().ok().and_then(|mut m| {
                            let e = m.get_mut(&k)?;
                            e.used = true;
                            Some(e.counted.clone())
                        });
                        let c = cached.unwrap_or_else(|| {
                            let c = Arc::new(count(doc, book));
                            if let Ok(mut m) = self.map.lock() {
                                let entry = Entry {
                                    counted: c.clone(),
                                    used: true,
                                };
                                m.insert(k, entry);
                                self.dirty.store(true, Ordering::Relaxed);
                            }
                            c
                        });
                        if let Ok(mut slot) = slots[i].lock() {
                            *slot = Some(c);
                        }
                        progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                    }
                });
            }
        });
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        slots
            .into_iter()
            .map(|s| s.into_inner().ok().flatten())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.map.lock().map_or(0, |m| m.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{LoadJob, LoadOptions};

    fn folder(files: &[(&str, &str)]) -> (tempfile::TempDir, Corpus) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let c = LoadJob::spawn(dir.path().to_owned(), LoadOptions::default(), || {})
            .wait()
            .unwrap();
        (dir, c)
    }

    #[test]
    fn rows_count_cues_per_thousand_words_and_the_readers_codes_and_sort() {
        let book = CompiledCodebook::new(crate::analysis::codebook::built_in().remove(0).1);
        let (_dir, corpus) = folder(&[
            (
                "a.txt",
                "Talks\n\nBy Ann Lee\n\nThe talks went on. Nothing else happened here at all today.\n",
            ),
            ("b.txt", "Plain\n\nA quiet day in the city with no news.\n"),
        ]);
        let cache = CountCache::default();
        let seen = AtomicUsize::new(0);
        let counted = cache
            .count_all(
                &corpus,
                &book,
                &book.book.key(),
                2,
                &AtomicBool::new(false),
                &|n| {
                    seen.fetch_max(n, Ordering::Relaxed);
                },
            )
            .unwrap();
        assert_eq!(
            seen.load(Ordering::Relaxed),
            2,
            "progress reaches every article"
        );
        assert_eq!(cache.len(), 2);
        for (d, c) in corpus.documents.iter().zip(&counted) {
            assert_eq!(**c, count(d, &book), "the workers count as one thread does");
        }
        // A note coded with the first frame on b.txt.
        let frame = book.frames()[0].id.clone();
        let b = corpus.find("b.txt").unwrap();
        let mut note = crate::notes::model::Note::new(
            1,
            crate::notes::model::NoteKind::Observation,
            Target::Article("b.txt".into()),
            "",
            jiff::Timestamp::UNIX_EPOCH,
        );
        note.codes = vec![frame];
        let study = Study {
            notes: vec![Arc::new(note)],
            ..Study::default()
        };
        let t = Table::new(&corpus, &book, &counted, &study);
        assert_eq!(t.frames.len(), book.frames().len());
        let rb = &t.rows[b];
        assert_eq!((rb.notes, rb.coded[0]), (1, 1));
        let a = 1 - b;
        assert_eq!(t.rows[a].author.as_deref(), Some("Ann Lee"));
        let per: f64 =
            counted[a].hits.iter().sum::<usize>() as f64 * 1000.0 / counted[a].words as f64;
        assert!((t.rows[a].per_1000.iter().sum::<f64>() - per).abs() < 1e-9);
        assert_eq!(
            t.order(SortBy::Title, true),
            vec![b, a],
            "Plain before Talks"
        );
        assert_eq!(t.order(SortBy::Title, false), vec![a, b]);
        assert_eq!(t.order(SortBy::Notes, false)[0], b);
        assert_eq!(t.order(SortBy::Notes, true)[0], a);
        let md = t.to_markdown();
        assert!(md.contains("| Plain |") && md.contains("(1) |"), "{md}");
        // Counted again: nothing new in the cache.
        cache
            .count_all(
                &corpus,
                &book,
                &book.book.key(),
                1,
                &AtomicBool::new(false),
                &|_| {},
            )
            .unwrap();
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn counts_kept_on_disk_are_used_after_a_restart_and_a_stale_or_damaged_file_is_not() {
        let book = CompiledCodebook::new(crate::analysis::codebook::built_in().remove(0).1);
        let key = book.book.key();
        let (dir, corpus) = folder(&[("a.txt", "Talks\n\nThe talks went on and on.\n")]);
        let path = dir.path().join("cache").join("counts.json");
        let no = AtomicBool::new(false);
        let cache = CountCache::default();
        cache
            .count_all(&corpus, &book, &key, 1, &no, &|_| {})
            .unwrap();
        cache.save(&path).unwrap();

        // A file whose count cannot be the real one shows where the count came from.
        let mut file: CacheFile = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(file.entries.len(), 1);
        file.entries[0].counted.words = 12_345;
        std::fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();
        let reopened = CountCache::load(&path);
        let counted = reopened
            .count_all(&corpus, &book, &key, 1, &no, &|_| {})
            .unwrap();
        assert_eq!(
            counted[0].words, 12_345,
            "read from the file, not counted again"
        );
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        reopened.save(&path).unwrap();
        let after = std::fs::metadata(&path).unwrap().modified().unwrap();
        assert_eq!(before, after, "nothing new: the file is not rewritten");

        // Another codebook counts afresh and the file then holds both.
        let other = CompiledCodebook::new(crate::analysis::codebook::built_in().remove(1).1);
        let o = reopened
            .count_all(&corpus, &other, &other.book.key(), 1, &no, &|_| {})
            .unwrap();
        assert_eq!(*o[0], count(&corpus.documents[0], &other));
        reopened.save(&path).unwrap();
        assert_eq!(CountCache::load(&path).len(), 2);

        // Written by another version, or damaged: not used, and no error.
        file.version = "0.0.0-other".into();
        std::fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();
        assert!(CountCache::load(&path).is_empty());
        std::fs::write(&path, b"{ not json").unwrap();
        let damaged = CountCache::load(&path);
        assert!(damaged.is_empty());
        let c = damaged
            .count_all(&corpus, &book, &key, 1, &no, &|_| {})
            .unwrap();
        assert_eq!(*c[0], count(&corpus.documents[0], &book));
        damaged.save(&path).unwrap();
        assert_eq!(
            CountCache::load(&path).len(),
            1,
            "the damaged file is replaced"
        );
        assert!(CountCache::load(&dir.path().join("missing.json")).is_empty());
    }
}
