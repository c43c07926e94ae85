//! Analyses run off the UI thread and are cached by content hash (and codebook), so
//! switching articles back and forth, or reopening the folder, costs nothing.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::codebook::CompiledCodebook;
use super::{Comparison, DocAnalysis, analyze_document_until, compare_until};
use crate::document::{ContentHash, Document};

/// Entries kept before the cache is cleared (analyses of a 10 MB article are tens of MB).
const MAX_ENTRIES: usize = 32;

#[derive(Debug, Default)]
pub struct AnalysisCache {
    docs: Mutex<HashMap<(ContentHash, String), Arc<DocAnalysis>>>,
    pairs: Mutex<HashMap<(ContentHash, ContentHash), Arc<Comparison>>>,
}

impl AnalysisCache {
    /// The analysis of `doc` under `book` (whose key is `key`), computed if not cached;
    /// None when cancelled.
    pub fn document(
        &self,
        doc: &Document,
        book: &CompiledCodebook,
        key: &str,
        cancel: &AtomicBool,
    ) -> Option<Arc<DocAnalysis>> {
        let k = (doc.analysis_key(), key.to_owned());
        if let Some(a) = self.docs.lock().ok().and_then(|m| m.get(&k).cloned()) {
            return Some(a);
        }
        let a = Arc::new(analyze_document_until(doc, book, cancel)?);
        if let Ok(mut m) = self.docs.lock() {
            if m.len() >= MAX_ENTRIES {
                m.clear();
            }
            m.insert(k, a.clone());
        }
        Some(a)
    }

    /// The comparison of two documents, computed if not cached; None when cancelled.
    pub fn comparison(
        &self,
        left: &Document,
        right: &Document,
        cancel: &AtomicBool,
    ) -> Option<Arc<Comparison>> {
        let k = (left.analysis_key(), right.analysis_key());
        if let Some(c) = self.pairs.lock().ok().and_then(|m| m.get(&k).cloned()) {
            return Some(c);
        }
        let c = Arc::new(compare_until(left, right, cancel)?);
        if let Ok(mut m) = self.pairs.lock() {
            if m.len() >= MAX_ENTRIES {
                m.clear();
            }
            m.insert(k, c.clone());
        }
        Some(c)
    }
}

/// The analyses of what the two panes show.
#[derive(Debug, Clone, Default)]
pub struct PaneAnalyses {
    pub hashes: [Option<ContentHash>; 2],
    pub codebook_key: String,
    pub docs: [Option<Arc<DocAnalysis>>; 2],
    pub comparison: Option<Arc<Comparison>>,
}

impl PaneAnalyses {
    /// Whether these results are for these documents and this codebook.
    pub fn is_for(&self, hashes: &[Option<ContentHash>; 2], codebook_key: &str) -> bool {
        self.hashes == *hashes && self.codebook_key == codebook_key
    }
}

/// Analyses being computed on a background thread. Dropping the job cancels it (the work
/// stops at the next stage).
#[derive(Debug)]
pub struct AnalysisJob {
    pub hashes: [Option<ContentHash>; 2],
    pub codebook_key: String,
    rx: mpsc::Receiver<PaneAnalyses>,
    cancel: Arc<AtomicBool>,
}

/// What polling a job found.
#[derive(Debug)]
pub enum JobState {
    Running,
    Done(PaneAnalyses),
    /// The job ended without results (it could not start, or it failed).
    Failed,
}

impl Drop for AnalysisJob {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl AnalysisJob {
    /// Analyse the two documents and compare them ([`analyse_pair`]).
    pub fn spawn(
        docs: [Option<Arc<Document>>; 2],
        book: Arc<CompiledCodebook>,
        codebook_key: String,
        cache: Arc<AnalysisCache>,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let hashes = docs.clone().map(|d| d.map(|d| d.analysis_key()));
        let (tx, rx) = mpsc::channel();
        let key = codebook_key.clone();
        let job_hashes = hashes.clone();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = cancel.clone();
        let spawned = crate::background::spawn("parallax-analysis", move || {
            let stop = &*stop;
            let (la, ra, comparison) =
                analyse_pair(&docs, &book, &key, &cache, stop, needs_threads(&docs));
            if stop.load(Ordering::Relaxed) {
                return;
            }
            let _ = tx.send(PaneAnalyses {
                hashes: job_hashes,
                codebook_key: key,
                docs: [la, ra],
                comparison,
            });
            wake();
        });
        // If no thread could start, the sender is gone and `poll` reports the job failed.
        drop(spawned);
        Self {
            hashes,
            codebook_key,
            rx,
            cancel,
        }
    }

    pub fn poll(&self) -> JobState {
        match self.rx.try_recv() {
            Ok(r) => JobState::Done(r),
            Err(mpsc::TryRecvError::Empty) => JobState::Running,
            Err(mpsc::TryRecvError::Disconnected) => JobState::Failed,
        }
    }

    /// Block until done (headless report, tests).
    pub fn wait(self) -> Option<PaneAnalyses> {
        self.rx.recv().ok()
    }
}

/// The analyses of two documents and their comparison.
type PairResults = (
    Option<Arc<DocAnalysis>>,
    Option<Arc<DocAnalysis>>,
    Option<Arc<Comparison>>,
);

/// Whether the documents hold enough text to analyse them on three threads
/// ([`crate::background::ONE_THREAD_BELOW`]).
fn needs_threads(docs: &[Option<Arc<Document>>; 2]) -> bool {
    let bytes: usize = docs.iter().flatten().map(|d| d.text.len()).sum();
    bytes as u64 >= crate::background::ONE_THREAD_BELOW
}

/// Analyse both documents and compare them (the comparison reads only the texts): all three
/// at once when `threads`, else one after the other.
fn analyse_pair(
    [l, r]: &[Option<Arc<Document>>; 2],
    book: &CompiledCodebook,
    key: &str,
    cache: &AnalysisCache,
    stop: &AtomicBool,
    threads: bool,
) -> PairResults {
    let left = || l.as_ref().and_then(|d| cache.document(d, book, key, stop));
    let right = || r.as_ref().and_then(|d| cache.document(d, book, key, stop));
    let compare = || match (l, r) {
        (Some(l), Some(r)) => cache.comparison(l, r, stop),
        _ => None,
    };
    if !threads {
        return (left(), right(), compare());
    }
    std::thread::scope(|s| {
        let left = s.spawn(left);
        let comparison = s.spawn(compare);
        let right = right();
        (
            left.join().ok().flatten(),
            right,
            comparison.join().ok().flatten(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::codebook::built_in;

    fn book() -> Arc<CompiledCodebook> {
        let (_, b) = built_in().into_iter().next().unwrap();
        Arc::new(CompiledCodebook::new(b))
    }

    #[test]
    fn a_job_analyses_both_panes_and_caches_by_content() {
        let c = crate::corpus::Corpus::bundled();
        let docs = [Some(c.documents[0].clone()), Some(c.documents[1].clone())];
        let cache = Arc::new(AnalysisCache::default());
        let book = book();
        let job = AnalysisJob::spawn(docs.clone(), book.clone(), "k".into(), cache.clone(), || {});
        let first = job.wait().unwrap();
        assert!(first.docs.iter().all(Option::is_some) && first.comparison.is_some());
        assert!(first.is_for(&docs.clone().map(|d| d.map(|d| d.analysis_key())), "k"));
        // The second time comes from the cache: the very same analyses.
        let again = AnalysisJob::spawn(docs, book, "k".into(), cache, || {})
            .wait()
            .unwrap();
        assert!(Arc::ptr_eq(
            first.docs[0].as_ref().unwrap(),
            again.docs[0].as_ref().unwrap()
        ));
    }

    #[test]
    fn cancelled_work_stops_and_is_not_cached() {
        let c = crate::corpus::Corpus::bundled();
        let cache = AnalysisCache::default();
        let stop = AtomicBool::new(true);
        assert!(
            cache
                .document(&c.documents[0], &book(), "k", &stop)
                .is_none()
        );
        assert!(
            cache
                .comparison(&c.documents[0], &c.documents[1], &stop)
                .is_none()
        );
        let go = AtomicBool::new(false);
        assert!(cache.document(&c.documents[0], &book(), "k", &go).is_some());
    }

    #[test]
    fn the_pair_is_analysed_alike_on_one_thread_and_on_three() {
        let c = crate::corpus::Corpus::bundled();
        let docs = [Some(c.documents[0].clone()), Some(c.documents[1].clone())];
        let book = book();
        let stop = AtomicBool::new(false);
        let [one, three] = [false, true].map(|threads| {
            analyse_pair(&docs, &book, "k", &AnalysisCache::default(), &stop, threads)
        });
        assert!(one.0.is_some() && one.1.is_some() && one.2.is_some());
        assert_eq!(one, three);
        // The seeds are small: the window analyses them on one thread.
        assert!(!needs_threads(&docs));
        assert!(!needs_threads(&[None, None]));
        let long = "Word after word. ".repeat(64 * 1024);
        let long = Arc::new(Document::from_text(
            "long.txt",
            crate::document::Format::Text,
            &long,
        ));
        assert!(needs_threads(&[Some(long), None]));
    }
}
