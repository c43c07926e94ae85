//! Actors: who and what each article names.
//!
//! Known actors come from the gazetteer, where aliases group the names texts use for one actor
//! (ISIS = ISIL = Islamic State; Kerry = John Kerry = the Secretary of State; Khamenei with the
//! misspelling "Khameni"). Capitalised names the gazetteer does not know are collected as
//! *candidates*, so a folder on another question still gets a useful list.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::lexicon::{ActorKind, Gazetteer, Lexicons};
use super::{Scope, scoped_blocks};
use crate::document::{BlockKind, Document, Span};

/// Who a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ActorRef {
    /// Index into the gazetteer.
    Known(usize),
    /// A capitalised name the gazetteer does not know.
    Candidate(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub actor: ActorRef,
    pub span: Span,
    pub scope: Scope,
}

/// Mention counts of one actor in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorCount {
    pub name: String,
    /// None for candidates.
    pub kind: Option<ActorKind>,
    pub actor: ActorRef,
    pub article: usize,
    pub thread: usize,
}

impl ActorCount {
    pub fn total(&self) -> usize {
        self.article + self.thread
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ActorAnalysis {
    pub mentions: Vec<Mention>,
    /// Sorted by mentions in the article, then in the thread.
    pub counts: Vec<ActorCount>,
}

/// Runs of capitalised words (with particles such as "al-"): candidate names, as
/// [`capitalised_runs`] cuts them.
static CAPITALISED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[\p{Lu}][\p{Ll}\p{Lu}'’.]*(?:-[\p{Lu}][\p{Ll}]+)?|al-[\p{Lu}][\p{Ll}]+)(?:\s+(?:[\p{Lu}][\p{Ll}\p{Lu}'’.]*(?:-[\p{Lu}][\p{Ll}]+)?|al-[\p{Lu}][\p{Ll}]+|de|van|von|bin))*")
        .expect("valid regex")
});
/// The most words in a candidate name.
const RUN_WORDS: usize = 5;

/// The capitalised runs of `s`, five words at most, the way the pattern with the bound
/// written in (`{0,4}` more words) finds them: its greedy match at a start is the first five
/// words of the unbounded one, and its next search starts where those end. The bound is
/// kept here because each counted copy of the Unicode classes made the automaton and its
/// search cache three times larger (1.6 MB against 0.6 MB a thread).
fn capitalised_runs(s: &str) -> impl Iterator<Item = Span> + '_ {
    let mut from = Some(0);
    std::iter::from_fn(move || {
        let m = CAPITALISED.find_at(s, from?)?;
        let end = m
            .as_str()
            .split_whitespace()
            .nth(RUN_WORDS - 1)
            .map_or(m.end(), |w| {
                w.as_ptr() as usize - s.as_ptr() as usize + w.len()
            });
        // A run is never empty: it holds a capital letter at least.
        from = (end > m.start()).then_some(end);
        Some(m.start()..end)
    })
}

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "I",
    "I'm",
    "I’m",
    "I've",
    "I’ve",
    "I'd",
    "I’d",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Mr.",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Oh",
    "Yes",
    "No",
    "OK",
    "Reply",
];

/// Words that open sentences but do not start names.
pub(crate) const OPENERS: &[&str] = &[
    "Then",
    "On",
    "In",
    "At",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "If",
    "But",
    "And",
    "So",
    "Later",
    "However",
    "Meanwhile",
    "Then",
    "Now",
    "Still",
    "Yet",
    "Also",
    "Instead",
    "Indeed",
    "Perhaps",
    "Maybe",
    "Even",
    "Only",
    "Just",
    "Today",
    "Yesterday",
    "Last",
    "Next",
    "Like",
    "Unlike",
    "Given",
    "Beyond",
    "Notwithstanding",
    "Despite",
    "Although",
    "Though",
    "Since",
    "Whether",
    "Many",
    "Most",
    "Another",
    "Every",
    "Several",
    "Former",
    "Similarly",
    "Additionally",
    "Actually",
    "Well",
    "Sorry",
    "Thanks",
    "Again",
    "Once",
    "Nobody",
    "Anyone",
    "Everyone",
    "Someone",
];

/// Find actor mentions in a document.
pub fn analyze(doc: &Document, gazetteer: &Gazetteer) -> ActorAnalysis {
    let text = &doc.text;
    let mut mentions = Vec::new();
    // Words the text also writes in lower case are ordinary words when they open a sentence.
    let lower_words: std::collections::HashSet<&str> = crate::document::text::words(text)
        .map(|(_, w)| w)
        .filter(|w| w.starts_with(char::is_lowercase))
        .collect();
    for (_, block, scope) in scoped_blocks(doc) {
        let mut found: Vec<(Span, usize)> = gazetteer
            .exact
            .find_all(text, block.span.clone())
            .into_iter()
            .chain(gazetteer.any_case.find_all(text, block.span.clone()))
            .map(|m| (m.span, *m.tag))
            .collect();
        // Leftmost-longest across both matchers.
        found.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut known: Vec<(Span, usize)> = Vec::new();
        for (span, actor) in found {
            if known.last().is_none_or(|(l, _)| span.start >= l.end) {
                known.push((span, actor));
            }
        }
        // "Secretary of State John Kerry", "Supreme Leader Ayatollah Ali Khameni": adjacent
        // names of one actor, separated only by spaces or capitalised titles, are one mention.
        let mut merged: Vec<(Span, usize)> = Vec::new();
        for (span, actor) in known {
            if let Some((last, last_actor)) = merged.last_mut() {
                let gap = &text[last.end..span.start];
                let only_titles = gap
                    .split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase));
                if *last_actor == actor && gap.len() <= 24 && only_titles {
                    last.end = span.end;
                    continue;
                }
            }
            merged.push((span, actor));
        }
        for (span, actor) in &merged {
            mentions.push(Mention {
                actor: ActorRef::Known(*actor),
                span: span.clone(),
                scope,
            });
        }
        // Candidate names: capitalised runs that no known mention covers (not in headings
        // and captions, whose capitals are typographic).
        if matches!(
            block.kind,
            BlockKind::Heading | BlockKind::Caption | BlockKind::Title
        ) {
            continue;
        }
        let slice = &text[block.span.clone()];
        for m in capitalised_runs(slice) {
            let start = block.span.start + m.start;
            let end = block.span.start + m.end;
            if merged.iter().any(|(s, _)| s.start < end && start < s.end) {
                continue;
            }
            // The run's words with their positions in the block. A run stops at a sentence
            // end ("Middle East. Beyond"), not at an initial ("W.").
            let run = &slice[m.clone()];
            let mut words: Vec<(usize, &str)> = Vec::new();
            for w in run.split_whitespace() {
                let at = w.as_ptr() as usize - run.as_ptr() as usize;
                words.push((m.start + at, w));
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                if w.ends_with('.') && letters > 2 && !w.contains("U.S") {
                    break;
                }
            }
            // Drop sentence-initial function words ("The", "While") and trailing particles.
            let sentence_start = at_sentence_start(slice, m.start);
            let skip = words
                .iter()
                .enumerate()
                .take_while(|(i, (_, w))| {
                    let lower = w.to_lowercase();
                    Lexicons::built_in().is_stopword(&lower)
                        || NOT_NAMES.contains(w)
                        || OPENERS.contains(w)
                        || (*i == 0 && sentence_start && lower_words.contains(lower.as_str()))
                })
                .count();
            let mut name_words: Vec<(usize, &str)> = words[skip..].to_vec();
            while name_words
                .last()
                .is_some_and(|(_, w)| matches!(*w, "of" | "de" | "van" | "von" | "bin"))
            {
                name_words.pop();
            }
            let (Some(&(first_at, _)), Some(&(last_at, last_word))) =
                (name_words.first(), name_words.last())
            else {
                continue;
            };
            if name_words.iter().all(|(_, w)| NOT_NAMES.contains(w)) {
                continue;
            }
            if name_words.len() < 2 && skip == 0 && sentence_start {
                continue;
            }
            let last_trimmed = last_word.trim_end_matches(['.', '’', '\'']);
            let name_end = last_at + last_trimmed.len();
            let name: String = name_words
                .iter()
                .map(|(_, w)| *w)
                .collect::<Vec<_>>()
                .join(" ")
                .trim_end_matches(['.', '’', '\''])
                .to_owned();
            if name.chars().count() < 2
                || name.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && name.len() <= 2
            {
                continue;
            }
            if name_end <= first_at {
                continue;
            }
            mentions.push(Mention {
                actor: ActorRef::Candidate(name),
                span: block.span.start + first_at..block.span.start + name_end,
                scope,
            });
        }
    }
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    let counts = count(&mentions, gazetteer);
    ActorAnalysis { mentions, counts }
}

fn at_sentence_start(s: &str, at: usize) -> bool {
    let before = s[..at].trim_end();
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', '“', '"', '—', '('])
        || s[..at].ends_with('\n')
}

fn count(mentions: &[Mention], gazetteer: &Gazetteer) -> Vec<ActorCount> {
    let mut by: HashMap<&ActorRef, (usize, usize)> = HashMap::new();
    for m in mentions {
        let e = by.entry(&m.actor).or_default();
        match m.scope {
            Scope::Article => e.0 += 1,
            Scope::Thread => e.1 += 1,
        }
    }
    let mut counts: Vec<ActorCount> = by
        .into_iter()
        .filter(|(actor, (a, t))| match actor {
            ActorRef::Known(_) => true,
            // A candidate named once in passing is noise; keep names of two or more words.
            ActorRef::Candidate(name) => a + t >= 2 || name.contains(' '),
        })
        .map(|(actor, (article, thread))| {
            let (name, kind) = match actor {
                ActorRef::Known(i) => (
                    gazetteer.actors[*i].name.clone(),
                    Some(gazetteer.actors[*i].kind),
                ),
                ActorRef::Candidate(n) => (n.clone(), None),
            };
            ActorCount {
                name,
                kind,
                actor: actor.clone(),
                article,
                thread,
            }
        })
        .collect();
    counts.sort_by(|a, b| (b.article, b.thread, &a.name).cmp(&(a.article, a.thread, &b.name)));
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    /// The runs are what the pattern with `{0,4}` more words found, match for match.
    #[test]
    fn capitalised_runs_are_what_the_five_word_pattern_found() {
        let bounded = Regex::new(r"\b(?:[\p{Lu}][\p{Ll}\p{Lu}'’.]*(?:-[\p{Lu}][\p{Ll}]+)?|al-[\p{Lu}][\p{Ll}]+)(?:\s+(?:[\p{Lu}][\p{Ll}\p{Lu}'’.]*(?:-[\p{Lu}][\p{Ll}]+)?|al-[\p{Lu}][\p{Ll}]+|de|van|von|bin)){0,4}").unwrap();
        for text in [
            "Secretary of State John Kerry met Abu Bakr al-Baghdadi in Baghdad.",
            "The Islamic State Of Iraq And The Levant Said Today What Everyone Knew",
            "One Two Three Four Five Six Seven Eight Nine Ten Eleven, and more.",
            "Jean-Luc Picard de la Barre van Dyke Von Trapp bin Laden al-Assad Obama Kerry",
            "İstanbul Ünal Özil Çelik Şahin Ğ Ärger Öl Übel",
            "no capitals here at all",
            "",
        ] {
            let want: Vec<_> = bounded.find_iter(text).map(|m| m.range()).collect();
            let got: Vec<_> = capitalised_runs(text).collect();
            assert_eq!(want, got, "runs of {text:?}");
        }
        assert_eq!(
            capitalised_runs("One Two Three Four Five Six").count(),
            2,
            "six words are two runs"
        );
    }

    fn counts(text: &str) -> Vec<(String, usize)> {
        let doc = Document::from_text("t.txt", Format::Text, text);
        analyze(&doc, &crate::analysis::lexicon::seed_gazetteer())
            .counts
            .into_iter()
            .map(|c| {
                let t = c.total();
                (c.name, t)
            })
            .collect()
    }

    #[test]
    fn aliases_group_one_actor() {
        let c = counts(
            "Title\n\nISIS, ISIL and the Islamic State are one group. Secretary of State John Kerry spoke; Kerry left. The secretary of state returned.",
        );
        assert!(c.contains(&("ISIS".to_owned(), 3)), "{c:?}");
        assert!(c.contains(&("John Kerry".to_owned(), 3)), "{c:?}");
    }

    #[test]
    fn misspellings_and_titles() {
        let c = counts(
            "Title\n\nIran’s Supreme Leader Ayatollah Ali Khameni responded. Khamenei again.",
        );
        assert!(c.contains(&("Ali Khamenei".to_owned(), 2)), "{c:?}");
        assert!(c.contains(&("Iran".to_owned(), 1)), "{c:?}");
    }

    #[test]
    fn unknown_names_are_candidates() {
        let doc = Document::from_text(
            "t.txt",
            Format::Text,
            "Title\n\nThe analyst Maria Lopez spoke. Later Maria Lopez wrote again. While they argued, nothing.",
        );
        let a = analyze(&doc, &crate::analysis::lexicon::seed_gazetteer());
        let lopez = a.counts.iter().find(|c| c.name == "Maria Lopez").unwrap();
        assert_eq!(lopez.kind, None);
        assert_eq!(lopez.total(), 2);
        assert!(
            !a.counts
                .iter()
                .any(|c| c.name == "While" || c.name == "Title"),
            "{:?}",
            a.counts
        );
    }

    #[test]
    fn thread_mentions_are_counted_apart() {
        let text = "Title\n\nIran is named once. It is long enough.\n\n  1. Ann says:\n\n    Iran, Iran, Iran.\n\n  2. Bob says:\n\n    Tehran too.\n";
        let doc = Document::from_text("t.txt", Format::Text, text);
        let a = analyze(&doc, &crate::analysis::lexicon::seed_gazetteer());
        let iran = a.counts.iter().find(|c| c.name == "Iran").unwrap();
        assert_eq!((iran.article, iran.thread), (1, 4));
    }
}
