//! Distinctive words: Monroe, Colaresi & Quinn (2008), "Fightin' Words", the weighted
//! log-odds ratio with an informative Dirichlet prior.
//!
//! For a word w with counts y_i, y_j in the two texts of n_i, n_j words, and prior α_w
//! (α_0 = Σ α_w):
//!
//! ```text
//! δ_w = ln((y_i + α_w) / (n_i + α_0 − y_i − α_w)) − ln((y_j + α_w) / (n_j + α_0 − y_j − α_w))
//! σ²_w ≈ 1/(y_i + α_w) + 1/(y_j + α_w)
//! z_w = δ_w / √σ²_w
//! ```
//!
//! With two short texts a flat prior lets the longer text's function words dominate; the
//! prior here is informative: α_w = α_0 · (pooled frequency of w in both texts), with α_0 =
//! [`PRIOR_STRENGTH`]. Unigrams and bigrams (two adjacent words in one sentence) are scored
//! in one model; function words and pairs of them are left out of the lists shown.

use std::collections::HashMap;

use serde::Serialize;

use super::lexicon::Lexicons;
use super::{Scope, scoped_blocks};
use crate::document::Document;
use crate::document::text::{sentence_spans, words};

/// α_0: how many words' worth of evidence the pooled prior is worth.
pub const PRIOR_STRENGTH: f64 = 500.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermScore {
    pub term: String,
    /// Positive: distinctive of the left text.
    pub z: f64,
    pub delta: f64,
    pub left_count: usize,
    pub right_count: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Distinctive {
    /// Most distinctive of the left text first.
    pub left: Vec<TermScore>,
    pub right: Vec<TermScore>,
}

/// Term counts of a text: unigrams and bigrams, lower-cased.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermCounts {
    pub counts: HashMap<String, usize>,
    pub total: usize,
}

/// Count the article's words (not the thread's). Words are interned while counting, so a
/// long article allocates per distinct word, not per occurrence.
pub fn count(doc: &Document) -> TermCounts {
    let text = &doc.text;
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut unigrams: Vec<usize> = Vec::new();
    let mut bigrams: HashMap<(u32, u32), usize> = HashMap::new();
    let mut total = 0;
    let mut buf = String::new();
    for (_, block, scope) in scoped_blocks(doc) {
        if scope != Scope::Article {
            continue;
        }
        let s = &text[block.span.clone()];
        for sent in sentence_spans(s) {
            let mut prev: Option<u32> = None;
            for (_, w) in words(&s[sent]) {
                buf.clear();
                buf.extend(
                    w.chars()
                        .flat_map(char::to_lowercase)
                        .map(|c| if c == '\u{2019}' { '\'' } else { c }),
                );
                let id = match ids.get(buf.as_str()) {
                    Some(id) => *id,
                    None => {
                        let id = ids.len() as u32;
                        ids.insert(buf.clone(), id);
                        unigrams.push(0);
                        id
                    }
                };
                unigrams[id as usize] += 1;
                total += 1;
                if let Some(p) = prev {
                    *bigrams.entry((p, id)).or_default() += 1;
                }
                prev = Some(id);
            }
        }
    }
    let mut names = vec![""; ids.len()];
    for (w, id) in &ids {
        names[*id as usize] = w;
    }
    let mut counts: HashMap<String, usize> = HashMap::with_capacity(ids.len() + bigrams.len());
    for (id, n) in unigrams.iter().enumerate() {
        counts.insert(names[id].to_owned(), *n);
    }
    for ((a, b), n) in bigrams {
        counts.insert(format!("{} {}", names[a as usize], names[b as usize]), n);
    }
    TermCounts { counts, total }
}

/// Score every term seen in either text, with the prior α_w = strength · pooled frequency.
pub fn log_odds(left: &TermCounts, right: &TermCounts, strength: f64) -> Vec<TermScore> {
    let pooled_total = (left.total + right.total).max(1) as f64;
    let mut terms: Vec<&String> = left.counts.keys().chain(right.counts.keys()).collect();
    terms.sort();
    terms.dedup();
    terms
        .into_iter()
        .map(|t| {
            let yi = left.counts.get(t).copied().unwrap_or(0);
            let yj = right.counts.get(t).copied().unwrap_or(0);
            let alpha = strength * (yi + yj) as f64 / pooled_total;
            score(t, yi, yj, left.total, right.total, alpha, strength)
        })
        .collect()
}

/// The weighted log-odds z-score of one term.
pub fn score(
    term: &str,
    yi: usize,
    yj: usize,
    ni: usize,
    nj: usize,
    alpha: f64,
    alpha0: f64,
) -> TermScore {
    let (yi_f, yj_f) = (yi as f64, yj as f64);
    let odds_i = (yi_f + alpha) / (ni as f64 + alpha0 - yi_f - alpha);
    let odds_j = (yj_f + alpha) / (nj as f64 + alpha0 - yj_f - alpha);
    let delta = odds_i.ln() - odds_j.ln();
    let var = 1.0 / (yi_f + alpha) + 1.0 / (yj_f + alpha);
    TermScore {
        term: term.to_owned(),
        z: delta / var.sqrt(),
        delta,
        left_count: yi,
        right_count: yj,
    }
}

/// The `top` most distinctive content words and word pairs of each side.
pub fn distinctive(left: &Document, right: &Document, lx: &Lexicons, top: usize) -> Distinctive {
    let l = count(left);
    let r = count(right);
    let shown = |t: &TermScore| {
        let parts: Vec<&str> = t.term.split(' ').collect();
        let content = |w: &str| {
            !lx.is_stopword(w) && w.chars().any(char::is_alphabetic) && w.chars().count() > 1
        };
        parts.iter().all(|w| content(w))
    };
    let mut scores: Vec<TermScore> = log_odds(&l, &r, PRIOR_STRENGTH)
        .into_iter()
        .filter(shown)
        .collect();
    scores.sort_by(|a, b| b.z.total_cmp(&a.z));
    let left_side: Vec<TermScore> = scores
        .iter()
        .filter(|s| s.z > 0.0 && s.left_count >= 2)
        .take(top)
        .cloned()
        .collect();
    let right_side: Vec<TermScore> = scores
        .iter()
        .rev()
        .filter(|s| s.z < 0.0 && s.right_count >= 2)
        .take(top)
        .cloned()
        .collect();
    Distinctive {
        left: left_side,
        right: right_side,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formula_against_a_hand_computed_case() {
        // y_i = 10 of n_i = 100, y_j = 2 of n_j = 200, α_w = 1, α_0 = 10:
        // δ = ln(11 / (100+10−10−1)) − ln(3 / (200+10−2−1)) = ln(11/99) − ln(3/207)
        //   = −2.197225 − (−4.234107) = 2.036882
        // σ² = 1/11 + 1/3 = 0.424242; z = 2.036882 / 0.651339 = 3.127223
        let s = score("iran", 10, 2, 100, 200, 1.0, 10.0);
        assert!((s.delta - 2.036882).abs() < 1e-5, "{}", s.delta);
        assert!((s.z - 3.127223).abs() < 1e-5, "{}", s.z);
        // Symmetry: swapping the texts flips the sign.
        let t = score("iran", 2, 10, 200, 100, 1.0, 10.0);
        assert!((s.z + t.z).abs() < 1e-12);
    }

    #[test]
    fn a_word_only_one_text_uses_is_distinctive_of_it() {
        let mut l = TermCounts::default();
        let mut r = TermCounts::default();
        l.counts.insert("coordination".into(), 8);
        l.counts.insert("the".into(), 50);
        l.total = 200;
        r.counts.insert("coordination".into(), 0);
        r.counts.insert("the".into(), 100);
        r.total = 400;
        let scores = log_odds(&l, &r, PRIOR_STRENGTH);
        let coord = scores.iter().find(|s| s.term == "coordination").unwrap();
        let the = scores.iter().find(|s| s.term == "the").unwrap();
        assert!(coord.z > 2.0, "{coord:?}");
        assert!(the.z.abs() < 0.5, "same relative frequency: {the:?}");
    }
}
