//! Analyses run off the UI thread and are cached by content hash (and codebook), so
//! switching articles back and forth, or reopening the folder, costs nothing.

use std::collections::HashMap;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::codebook::CompiledCodebook;
use super::{Comparison, DocAnalysis, analyze_document, compare};
use crate::document::{ContentHash, Document};

/// Entries kept before the cache is cleared (analyses of a 10 MB article are tens of MB).
const MAX_ENTRIES: usize = 32;

#[derive(Debug, Default)]
pub struct AnalysisCache {
    docs: Mutex<HashMap<(ContentHash, String), Arc<DocAnalysis>>>,
    pairs: Mutex<HashMap<(ContentHash, ContentHash), Arc<Comparison>>>,
}

impl AnalysisCache {
    /// The analysis of `doc` under `book` (whose key is `key`), computed if not cached.
    pub fn document(&self, doc: &Document, book: &CompiledCodebook, key: &str) -> Arc<DocAnalysis> {
        let k = (doc.hash.clone(), key.to_owned());
        if let Some(a) = self.docs.lock().ok().and_then(|m| m.get(&k).cloned()) {
            return a;
        }
        let a = Arc::new(analyze_document(doc, book));
        if let Ok(mut m) = self.docs.lock() {
            if m.len() >= MAX_ENTRIES {
                m.clear();
            }
            m.insert(k, a.clone());
        }
        a
    }

    /// The comparison of two documents, computed if not cached.
    pub fn comparison(&self, left: &Document, right: &Document) -> Arc<Comparison> {
        let k = (left.hash.clone(), right.hash.clone());
        if let Some(c) = self.pairs.lock().ok().and_then(|m| m.get(&k).cloned()) {
            return c;
        }
        let c = Arc::new(compare(left, right));
        if let Ok(mut m) = self.pairs.lock() {
            if m.len() >= MAX_ENTRIES {
                m.clear();
            }
            m.insert(k, c.clone());
        }
        c
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

/// Analyses being computed on a background thread.
#[derive(Debug)]
pub struct AnalysisJob {
    pub hashes: [Option<ContentHash>; 2],
    pub codebook_key: String,
    rx: mpsc::Receiver<PaneAnalyses>,
}

impl AnalysisJob {
    /// Analyse the two documents (in parallel) and compare them.
    pub fn spawn(
        docs: [Option<Arc<Document>>; 2],
        book: Arc<CompiledCodebook>,
        codebook_key: String,
        cache: Arc<AnalysisCache>,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let hashes = docs.clone().map(|d| d.map(|d| d.hash.clone()));
        let (tx, rx) = mpsc::channel();
        let key = codebook_key.clone();
        let job_hashes = hashes.clone();
        let spawned = std::thread::Builder::new()
            .name("parallax-analysis".into())
            .spawn(move || {
                let [l, r] = docs;
                let (la, ra) = std::thread::scope(|s| {
                    let left = s.spawn(|| l.as_ref().map(|d| cache.document(d, &book, &key)));
                    let right = r.as_ref().map(|d| cache.document(d, &book, &key));
                    (left.join().ok().flatten(), right)
                });
                let comparison = match (&l, &r) {
                    (Some(l), Some(r)) => Some(cache.comparison(l, r)),
                    _ => None,
                };
                let _ = tx.send(PaneAnalyses {
                    hashes: job_hashes,
                    codebook_key: key,
                    docs: [la, ra],
                    comparison,
                });
                wake();
            });
        if spawned.is_err() {
            // No thread: the job never finishes; the UI keeps showing the text without the lens.
        }
        Self {
            hashes,
            codebook_key,
            rx,
        }
    }

    pub fn poll(&self) -> Option<PaneAnalyses> {
        self.rx.try_recv().ok()
    }

    /// Block until done (headless report, tests).
    pub fn wait(self) -> Option<PaneAnalyses> {
        self.rx.recv().ok()
    }
}
