use std::sync::Arc;

use super::*;
use crate::notes::anchor::anchor_for;
use crate::notes::model::{Note, NoteKind};

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn the_measures_are_the_values_worked_by_hand() {
    // Cohen's example: 50 units, both yes 20, only A 5, only B 10, both no 15.
    // p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4.
    // α: n = 100 values, 55 ones, 45 zeros, 15 disagreements: 1 − 99·15/(45·55) = 0.4.
    let m = Measures::from_table(20, 5, 10, 15);
    assert_eq!(m.units, 50);
    assert!((m.percent - 0.7).abs() < 1e-12);
    assert!(close(m.kappa, 0.4), "{m:?}");
    assert!(close(m.alpha, 0.4), "{m:?}");

    // 10 units: both 3, only A 1, only B 1, neither 5.
    // p_o = 0.8; p_e = 0.4·0.4 + 0.6·0.6 = 0.52; κ = 0.28/0.48.
    // α: 20 values, 8 ones, 12 zeros, 2 disagreements: 1 − 19·2/96.
    let m = Measures::from_table(3, 1, 1, 5);
    assert!((m.percent - 0.8).abs() < 1e-12);
    assert!(close(m.kappa, 0.28 / 0.48), "{m:?}");
    assert!(close(m.alpha, 1.0 - 38.0 / 96.0), "{m:?}");

    // Complete disagreement: κ = −1, α = 1 − 19·10/(10·10) = −0.9.
    let m = Measures::from_table(0, 5, 5, 0);
    assert_eq!(m.percent, 0.0);
    assert!(close(m.kappa, -1.0) && close(m.alpha, -0.9), "{m:?}");

    // Perfect agreement is 1; values that never vary leave κ and α undefined.
    let m = Measures::from_table(2, 0, 0, 8);
    assert!(close(m.kappa, 1.0) && close(m.alpha, 1.0));
    let m = Measures::from_table(0, 0, 0, 10);
    assert_eq!((m.percent, m.kappa, m.alpha), (1.0, None, None));
    assert_eq!(Measures::from_table(0, 0, 0, 0).kappa, None);
}

const A: &str =
    "Kerry spoke first. Tehran replied at once.\n\nThe talks failed. Nobody was surprised.";
const B: &str = "Another article. It is not coded.";

fn coded(doc: &crate::document::Document, id: u64, quote: &str, code: &str, by: &str) -> Arc<Note> {
    let i = doc.text.find(quote).expect("the quote is in the text");
    let mut n = Note::new(
        id,
        NoteKind::Coding,
        Target::Passage(anchor_for(doc, i..i + quote.len())),
        "",
        jiff::Timestamp::UNIX_EPOCH,
    );
    n.codes = vec![code.into()];
    n.author = by.into();
    Arc::new(n)
}

fn study() -> (Study, Corpus) {
    let c = Corpus::from_memory(
        "/study",
        &[("a.txt", A.as_bytes()), ("b.txt", B.as_bytes())],
    );
    let d = &c.documents[0];
    let s = Study {
        notes: vec![
            // Both code the first sentence "conflict"; only Ana the third.
            coded(d, 1, "Kerry spoke", "conflict", "Ana"),
            coded(d, 2, "first. Tehran", "conflict", "Ben"),
            coded(d, 3, "talks failed", "conflict", "Ana"),
            // Ben codes the last sentence "blame", which Ana never uses.
            coded(d, 4, "Nobody", "blame", "Ben"),
            // A note by a third coder does not count.
            coded(d, 5, "Nobody", "conflict", "Cleo"),
        ],
        ..Study::default()
    };
    (s, c)
}

#[test]
fn coders_are_the_authors_of_coded_passages_most_first() {
    let (s, _) = study();
    assert_eq!(coders(&s), ["Ana", "Ben", "Cleo"]);
}

#[test]
fn sentences_are_units_and_each_disagreement_is_listed() {
    let (s, c) = study();
    let a = measure(&s, &c, ["Ana", "Ben"], Unit::Sentence);
    // Only the coded article counts: its four sentences.
    assert_eq!(a.articles, ["a.txt"]);
    assert_eq!(a.codes.len(), 1, "{:?}", a.codes);
    let m = &a.codes[0].measures;
    // Ben's "first. Tehran" touches sentences 1 and 2; Ana's passages sentences 1 and 3.
    assert_eq!(
        (m.both, m.only_first, m.only_second, m.neither),
        (1, 1, 1, 1)
    );
    assert_eq!(a.overall, *m);
    assert_eq!(a.used_by_one, [("blame".to_owned(), "Ben".to_owned())]);
    let told: Vec<(&str, &str)> = a
        .disagreements
        .iter()
        .map(|d| (d.text.as_str(), d.coded_by.as_str()))
        .collect();
    assert_eq!(
        told,
        [
            ("Tehran replied at once.", "Ben"),
            ("The talks failed.", "Ana")
        ]
    );
    let d = &a.disagreements[0];
    assert_eq!(&A[d.span.clone()], d.text);
    assert_eq!(
        (d.start, d.end),
        (d.span.start, d.span.end),
        "ASCII: code points are bytes"
    );
}

#[test]
fn paragraphs_are_units_when_chosen() {
    let (s, c) = study();
    let a = measure(&s, &c, ["Ana", "Ben"], Unit::Paragraph);
    let m = &a.codes[0].measures;
    // Paragraph 1: both; paragraph 2: only Ana.
    assert_eq!(
        (m.both, m.only_first, m.only_second, m.neither),
        (1, 1, 0, 0)
    );
    assert_eq!(a.disagreements.len(), 1);
    assert_eq!(
        a.disagreements[0].text,
        "The talks failed. Nobody was surprised."
    );
}
