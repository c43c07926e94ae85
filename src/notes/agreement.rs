//! Intercoder agreement: how far two coders of the same articles applied the same codes to
//! the same text units.
//!
//! The text is cut into units (sentences or paragraphs of the article and its comments; page
//! furniture is not counted). For each code both coders used, each coder either applied it
//! to a unit (a passage of theirs with that code overlaps the unit) or did not, which gives
//! per code a 2 × 2 table over the units: both, only the first, only the second, neither.
//! From it:
//!
//! - **percent agreement** `p_o = (both + neither) / N`;
//! - **Cohen's kappa** `κ = (p_o − p_e) / (1 − p_e)` with chance agreement
//!   `p_e = p₁(A)·p₁(B) + p₀(A)·p₀(B)` from each coder's own shares;
//! - **Krippendorff's alpha** (nominal, two coders, no missing values)
//!   `α = 1 − (n − 1) · D / (n₀ · n₁)`, where `n = 2N` values were given, `n₀` and `n₁` of
//!   them "not applied" and "applied", and `D` units were disagreed on (the coincidence
//!   form `α = 1 − D_o / D_e` worked out for two values).
//!
//! Overall figures pool every (unit, code) decision of the codes both used. Kappa and alpha
//! are undefined (None) where a code's values never vary (both coders applied it to no unit,
//! or to every unit). The articles counted are those either coder coded something in.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::model::{Note, Study, Target};
use crate::corpus::Corpus;
use crate::document::{BlockKind, Document, Span};

/// What the text is cut into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Sentence,
    Paragraph,
}

impl Unit {
    pub const ALL: [Unit; 2] = [Unit::Sentence, Unit::Paragraph];

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Sentence => "sentence",
            Unit::Paragraph => "paragraph",
        }
    }

    pub fn parse(s: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.as_str() == s.trim())
    }
}

/// How a coder with no name is shown.
pub const UNNAMED: &str = "(no name)";

/// A coder's name as shown.
pub fn coder_name(name: &str) -> &str {
    if name.trim().is_empty() {
        UNNAMED
    } else {
        name
    }
}

/// The coders of a study: the authors of its coded passages, most codings first (an
/// unnamed author is the empty name).
pub fn coders(study: &Study) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for n in &study.notes {
        if matches!(n.target, Target::Passage(_)) && !n.codes.is_empty() {
            *count.entry(n.author.trim()).or_default() += n.codes.len();
        }
    }
    let mut out: Vec<(&str, usize)> = count.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    out.into_iter().map(|(n, _)| n.to_owned()).collect()
}

/// One code's 2 × 2 table over the units, and the measures drawn from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measures {
    pub units: usize,
    pub both: usize,
    pub only_first: usize,
    pub only_second: usize,
    pub neither: usize,
    pub percent: f64,
    pub kappa: Option<f64>,
    pub alpha: Option<f64>,
}

impl Measures {
    /// The measures of a table: both, only the first coder, only the second, neither.
    pub fn from_table(both: usize, only_first: usize, only_second: usize, neither: usize) -> Self {
        let units = both + only_first + only_second + neither;
        let n = units as f64;
        let disagreed = (only_first + only_second) as f64;
        let (percent, kappa, alpha) = if units == 0 {
            (0.0, None, None)
        } else {
            let po = (both + neither) as f64 / n;
            let a1 = (both + only_first) as f64 / n;
            let b1 = (both + only_second) as f64 / n;
            let pe = a1 * b1 + (1.0 - a1) * (1.0 - b1);
            let kappa = (1.0 - pe > 1e-12).then(|| (po - pe) / (1.0 - pe));
            let values = 2.0 * n;
            let ones = (2 * both + only_first + only_second) as f64;
            let zeros = values - ones;
            let alpha =
                (ones * zeros > 0.0).then(|| 1.0 - (values - 1.0) * disagreed / (zeros * ones));
            (po, kappa, alpha)
        };
        Self {
            units,
            both,
            only_first,
            only_second,
            neither,
            percent,
            kappa,
            alpha,
        }
    }
}

/// A code's agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeAgreement {
    /// The code (frame id) and its name in the codebook.
    pub code: String,
    pub name: String,
    #[serde(flatten)]
    pub measures: Measures,
}

/// A unit one coder gave a code and the other did not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub article: String,
    /// Byte offsets of the unit in the article's text.
    #[serde(skip)]
    pub span: Span,
    /// Its start and end in code points.
    pub start: usize,
    pub end: usize,
    pub code: String,
    /// Who applied the code (the other did not).
    pub coded_by: String,
    pub text: String,
}

/// Two coders' agreement over a folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub coders: [String; 2],
    pub unit: Unit,
    /// The articles counted.
    pub articles: Vec<String>,
    pub codes: Vec<CodeAgreement>,
    /// Every decision of the codes both used, pooled.
    pub overall: Measures,
    /// Codes only one of them used (not measured), with who used it.
    pub used_by_one: Vec<(String, String)>,
    pub disagreements: Vec<Disagreement>,
}

impl Agreement {
    /// The name of a code both coders used (its id for any other).
    pub fn code_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.codes
            .iter()
            .find(|c| c.code == code)
            .map_or(code, |c| c.name.as_str())
    }
}

/// The units of an article: its sentences or paragraphs, page furniture left out.
pub fn units(doc: &Document, unit: Unit) -> Vec<Span> {
    let mut out = Vec::new();
    for b in doc.blocks() {
        if b.kind == BlockKind::Boilerplate || b.span.is_empty() {
            continue;
        }
        match unit {
            Unit::Paragraph => out.push(b.span.clone()),
            Unit::Sentence => out.extend(
                crate::document::text::sentence_spans(doc.slice(&b.span))
                    .into_iter()
                    .map(|s| s.start + b.span.start..s.end + b.span.start),
            ),
        }
    }
    out
}

/// Whether a coded passage touches a unit (a point in the text touches the unit it is in).
fn touches(passage: &Span, unit: &Span) -> bool {
    if passage.is_empty() {
        unit.start <= passage.start && passage.start < unit.end
    } else {
        passage.start < unit.end && unit.start < passage.end
    }
}

/// Measure the agreement of the two `coders` (authors' names as the notes hold them) over
/// the folder's articles as the study reads them, placing each note's passage anew.
pub fn measure(study: &Study, corpus: &Corpus, coders: [&str; 2], unit: Unit) -> Agreement {
    measure_placed(study, corpus, coders, unit, |n| {
        let Target::Passage(a) = &n.target else {
            return None;
        };
        let doc = corpus.find(&a.article)?;
        let span = super::anchor::resolve(a, &corpus.documents[doc]).span()?;
        Some((doc, span))
    })
}

/// [`measure`], with each note's passage where `place` says it is (the article's index in
/// `corpus` and the span): the window passes the placements it keeps.
pub fn measure_placed(
    study: &Study,
    corpus: &Corpus,
    coders: [&str; 2],
    unit: Unit,
    place: impl Fn(&Note) -> Option<(usize, Span)>,
) -> Agreement {
    // (coder, code) → article → passages.
    let mut coded: [BTreeMap<&str, BTreeMap<usize, Vec<Span>>>; 2] = Default::default();
    for n in &study.notes {
        let Some(who) = coders.iter().position(|c| c.trim() == n.author.trim()) else {
            continue;
        };
        if n.codes.is_empty() {
            continue;
        }
        let Some((doc, span)) = place(n).filter(|(d, _)| *d < corpus.documents.len()) else {
            continue;
        };
        for c in &n.codes {
            coded[who]
                .entry(c.as_str())
                .or_default()
                .entry(doc)
                .or_default()
                .push(span.clone());
        }
    }
    let used = |who: usize| coded[who].keys().copied().collect::<BTreeSet<&str>>();
    let (first, second) = (used(0), used(1));
    let shared: Vec<&str> = first.intersection(&second).copied().collect();
    let mut used_by_one: Vec<(String, String)> = first
        .difference(&second)
        .map(|c| (c.to_string(), coders[0].to_owned()))
        .chain(
            second
                .difference(&first)
                .map(|c| (c.to_string(), coders[1].to_owned())),
        )
        .collect();
    used_by_one.sort();
    let docs: BTreeSet<usize> = coded
        .iter()
        .flat_map(|m| m.values().flat_map(|d| d.keys().copied()))
        .collect();
    let cut: Vec<(usize, Vec<Span>)> = docs
        .iter()
        .map(|&d| (d, units(&corpus.documents[d], unit)))
        .collect();
    let empty = Vec::new();
    let mut codes = Vec::new();
    let mut disagreements = Vec::new();
    let mut total = [0usize; 4];
    for code in &shared {
        let mut table = [0usize; 4];
        for (d, spans) in &cut {
            let doc = &corpus.documents[*d];
            let mine = |who: usize| {
                coded[who]
                    .get(code)
                    .and_then(|m| m.get(d))
                    .unwrap_or(&empty)
            };
            let (a, b) = (mine(0), mine(1));
            for u in spans {
                let x = a.iter().any(|p| touches(p, u));
                let y = b.iter().any(|p| touches(p, u));
                let cell = match (x, y) {
                    (true, true) => 0,
                    (true, false) => 1,
                    (false, true) => 2,
                    (false, false) => 3,
                };
                table[cell] += 1;
                if x != y {
                    disagreements.push(Disagreement {
                        article: doc.source.rel_path.clone(),
                        span: u.clone(),
                        start: doc.char_offset(u.start),
                        end: doc.char_offset(u.end),
                        code: code.to_string(),
                        coded_by: coders[usize::from(y)].to_owned(),
                        text: doc.slice(u).to_owned(),
                    });
                }
            }
        }
        for (t, v) in total.iter_mut().zip(table) {
            *t += v;
        }
        codes.push(CodeAgreement {
            code: code.to_string(),
            name: crate::analysis::codebook::code_name(study.codebook.as_ref(), code),
            measures: Measures::from_table(table[0], table[1], table[2], table[3]),
        });
    }
    disagreements
        .sort_by(|a, b| (&a.article, a.start, &a.code).cmp(&(&b.article, b.start, &b.code)));
    Agreement {
        coders: coders.map(str::to_owned),
        unit,
        articles: docs
            .iter()
            .map(|&d| corpus.documents[d].source.rel_path.clone())
            .collect(),
        codes,
        overall: Measures::from_table(total[0], total[1], total[2], total[3]),
        used_by_one,
        disagreements,
    }
}

#[cfg(test)]
mod tests;
