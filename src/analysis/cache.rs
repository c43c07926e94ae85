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
    /// Analyse the two documents and compare them, all three in parallel.
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
            let [l, r] = docs;
            let stop = &*stop;
            // Both analyses and the comparison (which reads only the texts) at once.
            let (la, ra, comparison) = std::thread::scope(|s| {
                let left = s.spawn(|| {
                    l.as_ref()
                        .and_then(|d| cache.document(d, &book, &key, stop))
                });
                let comparison = s.spawn(|| match (&l, &r) {
                    (Some(l), Some(r)) => cache.comparison(l, r, stop),
                    _ => None,
                });
                let right = r
                    .as_ref()
                    .and_then(|d| cache.document(d, &book, &key, stop));
                (
                    left.join().ok().flatten(),
                    right,
                    comparison.join().ok().flatten(),
                )
            });
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
}
