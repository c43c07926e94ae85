//! The dev set of real web pages (`../shared/realworld/readability`: 58 pages with their
//! expected article text, title and authors), scored as its `score.py` scores the report:
//! article text by 4-word-shingle F1 of the mean precision and recall (the method of
//! scrapinghub's article-extraction-benchmark), the title, and the first author. The test
//! fails below the goals: F1 ≥ 0.95, the title right on ≥ 90 % of pages, the first author
//! on ≥ 90 % of the pages that name one, and no page below 0.5.

use std::collections::HashMap;
use std::path::Path;

use parallax::document::{BlockKind, Document};

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingles(s: &str) -> HashMap<Vec<String>, usize> {
    let t = tokens(s);
    let mut out = HashMap::new();
    if t.len() < 4 {
        *out.entry(t).or_default() += 1;
        return out;
    }
    for w in t.windows(4) {
        *out.entry(w.to_vec()).or_default() += 1;
    }
    out
}

fn precision_recall(got: &str, want: &str) -> (f64, f64) {
    let (g, w) = (shingles(got), shingles(want));
    let tp: usize = g
        .iter()
        .map(|(k, n)| (*n).min(*w.get(k).unwrap_or(&0)))
        .sum();
    let (gn, wn): (usize, usize) = (g.values().sum(), w.values().sum());
    (tp as f64 / gn.max(1) as f64, tp as f64 / wn.max(1) as f64)
}

/// The article text as the score takes it: paragraphs, quotes and headings outside the
/// comment thread.
fn article_text(d: &Document) -> String {
    d.blocks()
        .iter()
        .filter(|b| b.comment.is_none())
        .filter(|b| {
            matches!(
                b.kind,
                BlockKind::Paragraph | BlockKind::Quote | BlockKind::Heading
            )
        })
        .map(|b| &d.text[b.span.clone()])
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// "Headline | Site" → "headline": the longest part, as `score.py` accepts it.
fn headline(t: &str) -> String {
    let re = regex::Regex::new(r"\s+[|\-–—:»·]+\s+").unwrap();
    re.split(t.trim())
        .max_by_key(|p| p.len())
        .unwrap_or("")
        .trim()
        .to_lowercase()
}

#[test]
fn the_dev_set_of_real_pages_reads_as_people_read_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realworld/readability");
    let truth_text = std::fs::read_to_string(root.join("truth.json")).unwrap_or_else(|e| {
        panic!(
            "the dev set is not at {} ({e}); CI has ../shared beside the clone",
            root.display()
        )
    });
    let truth: serde_json::Value = serde_json::from_str(&truth_text).unwrap();
    let corpus = parallax::corpus::load_folder(
        &root.join("pages"),
        &Default::default(),
        |_| {},
        &Default::default(),
    )
    .unwrap();
    let docs = truth["documents"].as_object().unwrap();
    let (mut ps, mut rs) = (Vec::new(), Vec::new());
    let (mut title_ok, mut author_ok, mut author_n) = (0, 0, 0);
    let mut low = Vec::new();
    for (name, t) in docs {
        let d = corpus
            .documents
            .iter()
            .find(|d| d.source.rel_path == *name)
            .unwrap_or_else(|| panic!("{name} was not loaded: {:?}", corpus.skipped));
        let (p, r) = precision_recall(&article_text(d), t["expected_text"].as_str().unwrap());
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        if f < 0.5 {
            low.push(format!("{name}: F1 {f:.2}"));
        }
        ps.push(p);
        rs.push(r);
        let want = t["title"].as_str().unwrap_or("");
        let got = d.title().trim().to_lowercase();
        if !got.is_empty() && (got == want.trim().to_lowercase() || got == headline(want)) {
            title_ok += 1;
        }
        let authors: Vec<String> = match &t["authors"] {
            serde_json::Value::String(s) if s.starts_with('[') => {
                serde_json::from_str(&s.replace('\'', "\"")).unwrap_or_default()
            }
            serde_json::Value::String(s) => vec![s.clone()],
            serde_json::Value::Array(a) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        if let Some(first) = authors.first() {
            author_n += 1;
            let got = d
                .article
                .meta
                .author
                .as_ref()
                .map(|a| a.value.to_lowercase());
            if got.is_some_and(|g| g.contains(&first.to_lowercase())) {
                author_ok += 1;
            }
        }
    }
    let n = ps.len() as f64;
    let (mp, mr) = (ps.iter().sum::<f64>() / n, rs.iter().sum::<f64>() / n);
    let f1 = 2.0 * mp * mr / (mp + mr);
    let pages = docs.len();
    eprintln!(
        "dev set, {pages} pages: article text F1 {f1:.3} (P {mp:.3} R {mr:.3}); title {title_ok}/{pages}; first author {author_ok}/{author_n}"
    );
    assert!(f1 >= 0.95, "article text F1 {f1:.3} < 0.95");
    assert!(low.is_empty(), "pages below 0.5: {low:?}");
    assert!(
        title_ok * 10 >= pages * 9,
        "title right on {title_ok} of {pages} pages (< 90 %)"
    );
    assert!(
        author_ok * 10 >= author_n * 9,
        "first author right on {author_ok} of {author_n} pages (< 90 %)"
    );
}
