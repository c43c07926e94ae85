//! The framing worksheet: for each article, Entman's four framing functions as open answers
//! and every frame's indicator questions answered yes / partly / no / not sure, each answer
//! with its cited passages and a comment.
//!
//! The questions come from the codebook in use (a frame's `questions`); answers are kept by
//! a stable key (`function:problem`, `FRAME#N`) in the article's entry of the study, with the
//! question's text as it was asked, so an answer outlives a codebook edit. Citations are
//! [`Anchor`]s, made and found again exactly like a note's passage.
//!
//! From the answers comes a *coded* frame profile: for each frame, the share of its
//! questions answered "yes" among those answered yes, partly or no ("partly" counts half;
//! "not sure" and unanswered questions are left out, so an unfinished worksheet does not
//! read as "no").

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::Anchor;
use crate::analysis::codebook::Codebook;

/// An answer to a yes/no indicator question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    Yes,
    Partly,
    No,
    NotSure,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [Self::Yes, Self::Partly, Self::No, Self::NotSure];

    pub fn label(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Partly => "partly",
            Self::No => "no",
            Self::NotSure => "not sure",
        }
    }

    /// What the answer counts for in the coded profile (None: it does not count).
    pub fn score(self) -> Option<f64> {
        match self {
            Self::Yes => Some(1.0),
            Self::Partly => Some(0.5),
            Self::No => Some(0.0),
            Self::NotSure => None,
        }
    }
}

/// One question's answer for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answer {
    /// The question as it was asked (shown when the codebook no longer has it).
    pub question: String,
    /// For an indicator question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// For an open question (a framing function).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// The passages the answer rests on, in the article they answer for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<Anchor>,
    /// Who answered (see [`super::model::Note::author`]).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub author: String,
}

impl Answer {
    /// Nothing answered, said or cited.
    pub fn is_blank(&self) -> bool {
        self.verdict.is_none()
            && self.text.trim().is_empty()
            && self.comment.trim().is_empty()
            && self.citations.is_empty()
    }
}

/// One article's answers, by question key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Worksheet {
    pub answers: BTreeMap<String, Answer>,
}

impl Worksheet {
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Answer> {
        self.answers.get(key)
    }

    /// Put an answer (a blank one removes the question's entry).
    pub fn set(&mut self, key: &str, answer: Answer) {
        if answer.is_blank() {
            self.answers.remove(key);
        } else {
            self.answers.insert(key.to_owned(), answer);
        }
    }

    /// Every citation, mutably (re-anchoring).
    pub fn citations_mut(&mut self) -> impl Iterator<Item = &mut Anchor> {
        self.answers
            .values_mut()
            .flat_map(|a| a.citations.iter_mut())
    }
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Written out (Entman's framing functions).
    Open,
    /// Yes / partly / no / not sure (a frame's indicator question).
    Indicator,
}

/// One question of the worksheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub key: String,
    pub kind: Kind,
    /// The frame (index into the codebook's frames) an indicator question belongs to.
    pub frame: Option<usize>,
    /// The heading it is listed under: "Framing functions (Entman)" or the frame's name.
    pub heading: String,
    pub text: String,
}

/// The heading of the four framing functions.
pub const FUNCTIONS_HEADING: &str = "Framing functions (Entman, 1993)";

/// Entman's four framing functions: key, and the question put to the article.
pub const FUNCTIONS: [(&str, &str); 4] = [
    (
        "function:problem",
        "Problem definition: what does the article say the problem is, and for whom?",
    ),
    (
        "function:cause",
        "Causal interpretation: what or who does it say caused the problem?",
    ),
    (
        "function:moral",
        "Moral evaluation: whom or what does it judge, and how?",
    ),
    (
        "function:remedy",
        "Treatment recommendation: what does it say should be done?",
    ),
];

/// The key of indicator question `n` (from 0) of frame `frame_id`.
pub fn indicator_key(frame_id: &str, n: usize) -> String {
    format!("{frame_id}#{}", n + 1)
}

/// The worksheet's questions for a codebook: the four framing functions, then each frame's
/// indicator questions in codebook order.
pub fn questions(book: &Codebook) -> Vec<Question> {
    let open = FUNCTIONS.iter().map(|(key, text)| Question {
        key: (*key).to_owned(),
        kind: Kind::Open,
        frame: None,
        heading: FUNCTIONS_HEADING.to_owned(),
        text: (*text).to_owned(),
    });
    let indicators = book.frames.iter().enumerate().flat_map(|(fi, f)| {
        f.questions
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.trim().is_empty())
            .map(move |(qi, q)| Question {
                key: indicator_key(&f.id, qi),
                kind: Kind::Indicator,
                frame: Some(fi),
                heading: f.name.clone(),
                text: q.clone(),
            })
    });
    open.chain(indicators).collect()
}

/// One frame's coded score.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct FrameScore {
    /// Share of the answered questions answered yes (partly counting half), 0–1; None when
    /// none is answered yes, partly or no.
    pub share: Option<f64>,
    /// Questions answered yes, partly or no.
    pub answered: usize,
    /// The frame's questions.
    pub questions: usize,
}

/// The coded frame profile of one worksheet: one score per codebook frame, in codebook order.
pub fn coded_profile(book: &Codebook, sheet: &Worksheet) -> Vec<FrameScore> {
    book.frames
        .iter()
        .map(|f| {
            let asked = f.questions.iter().filter(|q| !q.trim().is_empty()).count();
            let scores: Vec<f64> = (0..f.questions.len())
                .filter_map(|qi| sheet.get(&indicator_key(&f.id, qi)))
                .filter_map(|a| a.verdict.and_then(Verdict::score))
                .collect();
            FrameScore {
                share: (!scores.is_empty())
                    .then(|| scores.iter().sum::<f64>() / scores.len() as f64),
                answered: scores.len(),
                questions: asked,
            }
        })
        .collect()
}

/// Whether two articles' answers to a question differ worth marking: indicator answers
/// given on both sides that are not the same, or an open question one article answers and
/// the other leaves blank.
pub fn differ(kind: Kind, a: Option<&Answer>, b: Option<&Answer>) -> bool {
    match kind {
        Kind::Indicator => match (a.and_then(|a| a.verdict), b.and_then(|b| b.verdict)) {
            (Some(x), Some(y)) => x != y,
            _ => false,
        },
        Kind::Open => {
            let said = |a: Option<&Answer>| {
                a.is_some_and(|a| !a.text.trim().is_empty() || !a.citations.is_empty())
            };
            said(a) != said(b)
        }
    }
}

/// A worksheet as Markdown lines (questions with their answers, comments and quotes), in
/// the order of the codebook's questions, then answers to questions it no longer has.
pub fn to_markdown(book: Option<&Codebook>, sheet: &Worksheet) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let asked = book.map(questions).unwrap_or_else(|| {
        questions(&Codebook {
            frames: Vec::new(),
            ..Default::default()
        })
    });
    let mut heading = String::new();
    let mut write = |out: &mut String, h: &str, text: &str, a: &Answer| {
        if heading != h {
            let _ = writeln!(out, "#### {h}\n");
            heading = h.to_owned();
        }
        let _ = writeln!(out, "- **{}**", text.trim());
        if let Some(v) = a.verdict {
            let _ = writeln!(out, "  Answer: {}", v.label());
        }
        if !a.text.trim().is_empty() {
            let _ = writeln!(out, "  Answer: {}", one_line(&a.text));
        }
        if !a.comment.trim().is_empty() {
            let _ = writeln!(out, "  Comment: {}", one_line(&a.comment));
        }
        for c in &a.citations {
            let _ = writeln!(out, "  > “{}”", one_line(&c.exact));
        }
        if !a.author.trim().is_empty() {
            let _ = writeln!(out, "  *By {}*", a.author.trim());
        }
        out.push('\n');
    };
    for q in &asked {
        if let Some(a) = sheet.get(&q.key) {
            write(&mut out, &q.heading, &q.text, a);
        }
    }
    for (key, a) in &sheet.answers {
        if !asked.iter().any(|q| &q.key == key) {
            let text = if a.question.is_empty() {
                key
            } else {
                &a.question
            };
            write(&mut out, "Questions the codebook no longer asks", text, a);
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::codebook::Frame;

    fn book() -> Codebook {
        Codebook {
            frames: vec![
                Frame {
                    id: "conflict".into(),
                    name: "Conflict".into(),
                    questions: vec!["Q1?".into(), "Q2?".into(), "Q3?".into(), "Q4?".into()],
                    ..Default::default()
                },
                Frame {
                    id: "economic".into(),
                    name: "Economic".into(),
                    questions: vec!["E1?".into()],
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    fn verdict(v: Verdict) -> Answer {
        Answer {
            verdict: Some(v),
            ..Default::default()
        }
    }

    #[test]
    fn questions_are_the_four_functions_then_each_frames_indicators() {
        let qs = questions(&book());
        assert_eq!(qs.len(), 4 + 5);
        assert!(qs[..4].iter().all(|q| q.kind == Kind::Open));
        assert_eq!(qs[4].key, "conflict#1");
        assert_eq!(qs[8].key, "economic#1");
        assert_eq!(qs[8].frame, Some(1));
        assert_eq!(qs[8].heading, "Economic");
    }

    #[test]
    fn the_coded_share_counts_partly_half_and_leaves_out_not_sure() {
        let mut sheet = Worksheet::default();
        sheet.set("conflict#1", verdict(Verdict::Yes));
        sheet.set("conflict#2", verdict(Verdict::Partly));
        sheet.set("conflict#3", verdict(Verdict::No));
        sheet.set("conflict#4", verdict(Verdict::NotSure));
        let p = coded_profile(&book(), &sheet);
        assert_eq!(p[0].answered, 3);
        assert_eq!(p[0].questions, 4);
        assert!((p[0].share.unwrap() - 0.5).abs() < 1e-9, "{:?}", p[0]);
        assert_eq!(p[1].share, None, "nothing answered is not a zero");
        sheet.set("economic#1", verdict(Verdict::No));
        assert_eq!(coded_profile(&book(), &sheet)[1].share, Some(0.0));
    }

    #[test]
    fn a_blank_answer_removes_the_entry() {
        let mut sheet = Worksheet::default();
        sheet.set("conflict#1", verdict(Verdict::Yes));
        sheet.set("conflict#1", Answer::default());
        assert!(sheet.is_empty());
    }

    #[test]
    fn differences_are_opposite_verdicts_or_one_side_silent() {
        let (yes, no) = (verdict(Verdict::Yes), verdict(Verdict::No));
        assert!(differ(Kind::Indicator, Some(&yes), Some(&no)));
        assert!(!differ(Kind::Indicator, Some(&yes), Some(&yes)));
        assert!(
            !differ(Kind::Indicator, Some(&yes), None),
            "not answered yet"
        );
        let said = Answer {
            text: "Iran is the threat".into(),
            ..Default::default()
        };
        assert!(differ(Kind::Open, Some(&said), None));
        assert!(!differ(Kind::Open, Some(&said), Some(&said)));
    }

    #[test]
    fn markdown_lists_answers_under_their_headings_and_keeps_orphaned_ones() {
        let mut sheet = Worksheet::default();
        sheet.set(
            "function:remedy",
            Answer {
                text: "Talk to\nTehran.".into(),
                ..Default::default()
            },
        );
        sheet.set(
            "gone#1",
            Answer {
                question: "An old question?".into(),
                verdict: Some(Verdict::Partly),
                comment: "see para 3".into(),
                ..Default::default()
            },
        );
        let md = to_markdown(Some(&book()), &sheet);
        assert!(md.contains(FUNCTIONS_HEADING), "{md}");
        assert!(md.contains("Answer: Talk to Tehran."), "{md}");
        assert!(md.contains("An old question?"), "{md}");
        assert!(md.contains("Answer: partly"), "{md}");
        assert!(md.contains("Comment: see para 3"), "{md}");
    }
}
