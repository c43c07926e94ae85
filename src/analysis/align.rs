//! Linked passages: which passages of one article speak to which of the other.
//!
//! Each passage (a body paragraph or quote) is a TF-IDF vector over its content words,
//! stemmed with the Snowball English stemmer, with idf over all passages of both texts.
//! Passages are linked when they are each other's best match (cosine) and the score clears
//! [`THRESHOLD`]. No order is assumed: framing reorders material. Candidates come from an
//! inverted index over each passage's strongest terms, so the cost grows with the number of
//! passages, not with their product; terms found in more than [`COMMON_SHARE`] of passages
//! are too common to suggest a link and are not indexed (they still count in the cosine).

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use super::lexicon::Lexicons;
use super::{Scope, scoped_blocks};
use crate::document::text::words;
use crate::document::{BlockKind, Document, Span};

/// Minimum cosine similarity for a link.
pub const THRESHOLD: f64 = 0.10;
/// Terms in more than this share of passages are not used to find candidates.
pub const COMMON_SHARE: f64 = 0.05;
/// Passages with fewer content words than this are not linked.
const MIN_TERMS: usize = 4;
/// Query terms per passage, strongest first.
const QUERY_TERMS: usize = 12;
/// Candidates rescored exactly per passage.
const CANDIDATES: usize = 8;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub left_block: usize,
    pub right_block: usize,
    pub left: Span,
    pub right: Span,
    pub score: f64,
    /// The shared terms that weigh most, for the tooltip.
    pub shared: Vec<String>,
}

/// A passage as a sparse, L2-normalised vector of term ids.
struct Passage {
    block: usize,
    span: Span,
    /// (term id, weight), sorted by term id.
    vector: Vec<(u32, f64)>,
}

/// Stems and the first word seen for each (to show "politics", not "polit"), and the term
/// of every word already seen (stemming is the expensive part; words repeat).
#[derive(Default)]
struct Vocab {
    ids: HashMap<String, u32>,
    surface: Vec<String>,
    /// Lower-cased word → term id, or None for a stop word.
    words: HashMap<String, Option<u32>>,
}

fn terms_of(
    text: &str,
    lx: &Lexicons,
    stemmer: &Stemmer,
    vocab: &mut Vocab,
) -> HashMap<u32, usize> {
    let mut tf: HashMap<u32, usize> = HashMap::new();
    let mut lower = String::new();
    for (_, w) in words(text) {
        lower.clear();
        lower.extend(
            w.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == '\u{2019}' { '\'' } else { c }),
        );
        let id = match vocab.words.get(lower.as_str()) {
            Some(id) => *id,
            None => {
                let id = if lx.is_stopword(&lower)
                    || !lower.chars().any(char::is_alphabetic)
                    || lower.chars().count() < 2
                {
                    None
                } else {
                    let stem = stemmer.stem(&lower).into_owned();
                    let n = vocab.ids.len() as u32;
                    let surface = &mut vocab.surface;
                    Some(*vocab.ids.entry(stem).or_insert_with(|| {
                        surface.push(lower.clone());
                        n
                    }))
                };
                vocab.words.insert(lower.clone(), id);
                id
            }
        };
        if let Some(id) = id {
            *tf.entry(id).or_default() += 1;
        }
    }
    tf
}

fn passages(
    doc: &Document,
    lx: &Lexicons,
    stemmer: &Stemmer,
    vocab: &mut Vocab,
) -> Vec<(usize, Span, HashMap<u32, usize>)> {
    scoped_blocks(doc)
        .filter(|(_, b, scope)| {
            *scope == Scope::Article
                && matches!(
                    b.kind,
                    BlockKind::Paragraph | BlockKind::Quote | BlockKind::Title
                )
        })
        .map(|(i, b, _)| {
            (
                i,
                b.span.clone(),
                terms_of(&doc.text[b.span.clone()], lx, stemmer, vocab),
            )
        })
        .filter(|(_, _, tf)| tf.values().sum::<usize>() >= MIN_TERMS)
        .collect()
}

fn vectorise(raw: Vec<(usize, Span, HashMap<u32, usize>)>, idf: &[f64]) -> Vec<Passage> {
    raw.into_iter()
        .map(|(block, span, tf)| {
            let mut vector: Vec<(u32, f64)> = tf
                .into_iter()
                .map(|(t, n)| (t, (1.0 + (n as f64).ln()) * idf[t as usize]))
                .collect();
            // In term order before summing: the map's order changes from run to run, and
            // with it the last bits of the sum (and of every score).
            vector.sort_by_key(|(t, _)| *t);
            let norm = vector
                .iter()
                .map(|(_, w)| w * w)
                .sum::<f64>()
                .sqrt()
                .max(1e-12);
            for (_, w) in &mut vector {
                *w /= norm;
            }
            Passage {
                block,
                span,
                vector,
            }
        })
        .collect()
}

fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// For each passage of `from`, its best match in `to` (index into `to`, score).
fn best_matches(
    from: &[Passage],
    to: &[Passage],
    df: &[usize],
    cap: usize,
) -> Vec<Option<(usize, f64)>> {
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (pi, p) in to.iter().enumerate() {
        for (t, _) in strongest(&p.vector) {
            if df[t as usize] <= cap {
                postings.entry(t).or_default().push(pi);
            }
        }
    }
    from.iter()
        .map(|p| {
            let mut acc: HashMap<usize, f64> = HashMap::new();
            for (t, w) in strongest(&p.vector) {
                if let Some(list) = postings.get(&t) {
                    for &pi in list {
                        *acc.entry(pi).or_default() += w;
                    }
                }
            }
            let mut candidates: Vec<(usize, f64)> = acc.into_iter().collect();
            candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            candidates
                .into_iter()
                .take(CANDIDATES)
                .map(|(pi, _)| (pi, cosine(&p.vector, &to[pi].vector)))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        })
        .collect()
}

fn strongest(v: &[(u32, f64)]) -> Vec<(u32, f64)> {
    let mut s = v.to_vec();
    s.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    s.truncate(QUERY_TERMS);
    s
}

/// Mutual best matches between the two articles' passages, best first.
pub fn link(left: &Document, right: &Document, lx: &Lexicons) -> Vec<Link> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut vocab = Vocab::default();
    let raw_l = passages(left, lx, &stemmer, &mut vocab);
    let raw_r = passages(right, lx, &stemmer, &mut vocab);
    let n = raw_l.len() + raw_r.len();
    if raw_l.is_empty() || raw_r.is_empty() {
        return Vec::new();
    }
    let mut df = vec![0usize; vocab.ids.len()];
    for (_, _, tf) in raw_l.iter().chain(raw_r.iter()) {
        for t in tf.keys() {
            df[*t as usize] += 1;
        }
    }
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| ((n as f64 + 1.0) / (d as f64 + 1.0)).ln() + 1.0)
        .collect();
    let cap = ((n as f64 * COMMON_SHARE).ceil() as usize).max(20);
    let l = vectorise(raw_l, &idf);
    let r = vectorise(raw_r, &idf);
    let l_best = best_matches(&l, &r, &df, cap);
    let r_best = best_matches(&r, &l, &df, cap);
    let mut links = Vec::new();
    for (li, best) in l_best.iter().enumerate() {
        let Some((ri, score)) = *best else { continue };
        if score < THRESHOLD || r_best[ri].map(|(back, _)| back) != Some(li) {
            continue;
        }
        let mut shared: Vec<(f64, &str)> = l[li]
            .vector
            .iter()
            .filter_map(|(t, w)| {
                r[ri]
                    .vector
                    .iter()
                    .find(|(u, _)| u == t)
                    .map(|(_, v)| (w * v, vocab.surface[*t as usize].as_str()))
            })
            .collect();
        shared.sort_by(|a, b| b.0.total_cmp(&a.0));
        links.push(Link {
            left_block: l[li].block,
            right_block: r[ri].block,
            left: l[li].span.clone(),
            right: r[ri].span.clone(),
            score,
            shared: shared
                .into_iter()
                .take(5)
                .map(|(_, s)| s.to_owned())
                .collect(),
        });
    }
    links.sort_by(|a, b| b.score.total_cmp(&a.score));
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn doc(text: &str) -> Document {
        Document::from_text("t.txt", Format::Text, text)
    }

    #[test]
    fn mutual_best_matches_without_order() {
        let left = doc(
            "Left\n\nKerry denied coordinating with Tehran on the Iraq crisis and insisted on communication only.\n\nThe nuclear negotiations in Vienna continue with sanctions relief under discussion.\n\nA paragraph about football matches and weather forecasts for the weekend.",
        );
        let right = doc(
            "Right\n\nNuclear negotiations and sanctions relief were discussed in Vienna this week.\n\nThe secretary denied coordination with Tehran over Iraq, insisting on communication.\n\nCooking recipes with tomatoes and basil for summer evenings.",
        );
        let links = link(&left, &right, Lexicons::built_in());
        assert_eq!(links.len(), 2, "{links:#?}");
        let pairs: Vec<(usize, usize)> = links
            .iter()
            .map(|l| (l.left_block, l.right_block))
            .collect();
        // Left paragraph 1 (Kerry) ↔ right paragraph 2; left 2 (nuclear) ↔ right 1: crossed order.
        assert!(
            pairs.contains(&(1, 2)) && pairs.contains(&(2, 1)),
            "{pairs:?}"
        );
        assert!(
            links
                .iter()
                .all(|l| l.score >= THRESHOLD && l.score <= 1.0 + 1e-9)
        );
        assert!(links.iter().any(|l| l.shared.iter().any(|s| s == "tehran")));
    }

    #[test]
    fn unrelated_texts_do_not_link() {
        let left = doc("Left\n\nKerry denied coordinating with Tehran on the Iraq crisis.");
        let right = doc("Right\n\nCooking recipes with tomatoes and basil for summer evenings.");
        assert!(link(&left, &right, Lexicons::built_in()).is_empty());
    }

    #[test]
    fn cosine_of_identical_vectors_is_one() {
        let v = vec![(1, 0.6), (3, 0.8)];
        assert!((cosine(&v, &v) - 1.0).abs() < 1e-12);
        assert_eq!(cosine(&v, &[(2, 1.0)]), 0.0);
    }
}
