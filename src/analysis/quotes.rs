//! Quotes and speakers: who the article lets speak, how much, and with which verbs.
//!
//! Precision first. The rules recognise: direct and partial quotations in quote marks with
//! the attribution before or after them (`“…,” Kerry told NBC News`, `Psaki said: “…”`,
//! `One senior Israeli official warned that “…”`, `“…,” said a spokesman`), reported speech
//! (`Psaki said that …`, `Kerry denied having suggested …, insisting that …`), `according to
//! X`, anonymous sources (`a senior official`, `a spokesman for Kerry`), excerpts the parser
//! found after an introduction (`Jack Goldstone argues that …:`), and reader comments, spoken
//! by their authors. Speakers are resolved to the fullest name the text gives (Psaki → Jen
//! Psaki) and pronouns to the last person named. Each quote carries its reporting verb and
//! the verb's class (neutral, distancing, rejecting, conceding, endorsing). A quotation of
//! four words or fewer with no speaker is a scare quote and is not counted.

use std::collections::HashMap;

use serde::Serialize;

use super::actors::{ActorAnalysis, OPENERS};
use super::lexicon::{ActorKind, Lexicons, VerbClass};
use super::{Scope, scoped_blocks};
use crate::document::text::{sentence_spans, word_count};
use crate::document::{BlockKind, Document, Span};

/// How the words reach the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A whole sentence or more in quote marks.
    Direct,
    /// A phrase in quote marks inside the writer's sentence.
    Partial,
    /// Reported speech without quote marks.
    Indirect,
    /// A passage quoted as a block after an introduction.
    Excerpt,
    /// A reader comment, spoken by its author.
    Comment,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The speaker as resolved (fullest name), a description for anonymous sources, or None.
    pub speaker: Option<String>,
    /// The speaker is not named ("a senior Israeli official").
    pub anonymous: bool,
    /// The reporting verb as written ("told", "warned", "according to").
    pub verb: Option<String>,
    pub verb_class: Option<VerbClass>,
    /// The quoted or reported words.
    pub span: Span,
    /// Where the attribution is (speaker and verb), when it is in the text.
    pub attribution: Option<Span>,
    pub kind: QuoteKind,
    pub scope: Scope,
    pub words: usize,
    /// For comments: the comment index.
    pub comment: Option<usize>,
}

/// Nouns that head an anonymous source.
const ROLES: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokesmen",
    "diplomat",
    "diplomats",
    "source",
    "sources",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "observer",
    "observers",
    "minister",
    "ministers",
    "president",
    "secretary",
    "leader",
    "leaders",
    "commander",
    "commanders",
    "lawmaker",
    "lawmakers",
    "senator",
    "senators",
    "critic",
    "critics",
    "administration",
    "government",
    "ministry",
    "department",
    "military",
    "spokespeople",
];

/// Words that may sit between a subject and its verb ("Kerry also said", "has warned").
const BETWEEN: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "repeatedly",
    "now",
    "previously",
    "has",
    "have",
    "had",
    "was",
    "is",
    "were",
    "will",
    "would",
    "recently",
    "reportedly",
    "publicly",
    "privately",
    "already",
    "once",
    "earlier",
    "responded",
    "by",
    "further",
    "even",
    "flatly",
    "quickly",
    "just",
];

/// Titles that precede names and are not part of them.
const TITLES: &[&str] = &[
    "Secretary",
    "State",
    "of",
    "President",
    "Prime",
    "Minister",
    "Supreme",
    "Leader",
    "Ayatollah",
    "Grand",
    "Prof",
    "Prof.",
    "Professor",
    "Dr",
    "Dr.",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Senator",
    "Sen.",
    "Rep.",
    "General",
    "Gen.",
    "Department",
    "Spokeswoman",
    "Spokesman",
    "Pres",
    "Foreign",
    "Defense",
    "Vice",
    "Chairman",
    "King",
    "Sheikh",
    "Iraqi",
    "Iranian",
    "American",
    "Israeli",
    "Saudi",
    "Syrian",
    "U.S.",
    "US",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "He", "She", "They"];

/// A subject found before a verb.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    Name(String),
    Anonymous(String),
    Pronoun,
}

fn is_name_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| c == ',' || c == '(' || c == ')');
    w.starts_with(|c: char| c.is_uppercase()) || (w.starts_with("al-") && w.len() > 3)
}

fn clean(w: &str) -> &str {
    w.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '“' | '”' | '"'))
}

/// Parse the subject at the end of `before` (the words right before a verb).
fn subject_before(before: &str, lx: &Lexicons) -> Option<(Subject, usize)> {
    let tokens: Vec<(usize, &str)> = before
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - before.as_ptr() as usize, w))
        .collect();
    let mut i = tokens.len();
    // Skip auxiliaries and adverbs between subject and verb.
    while i > 0 && BETWEEN.contains(&tokens[i - 1].1.to_lowercase().as_str()) {
        i -= 1;
    }
    if i == 0 {
        return None;
    }
    let (start_last, last) = tokens[i - 1];
    if last.ends_with([',', ';', ':', '.']) && !last.ends_with("U.S.") {
        return None;
    }
    let last_clean = clean(last);
    if PRONOUNS.contains(&last_clean) {
        return Some((Subject::Pronoun, start_last));
    }
    // A run of capitalised words: a name (possibly after titles).
    // A possessive ("Iran’s Supreme Leader …") belongs to the phrase before the name.
    let possessive = |w: &str| w.ends_with("’s") || w.ends_with("'s");
    let mut j = i;
    while j > 0
        && is_name_word(tokens[j - 1].1)
        && !tokens[j - 1].1.ends_with(',')
        && !(j < i && possessive(tokens[j - 1].1))
    {
        j -= 1;
    }
    if j < i {
        let words: Vec<&str> = tokens[j..i].iter().map(|(_, w)| clean(w)).collect();
        // "a spokesman for Kerry": a role affiliated with a name is an anonymous source.
        if j >= 2
            && matches!(tokens[j - 1].1, "for" | "of" | "from" | "at")
            && tokens[j - 2].1.starts_with(char::is_lowercase)
            && ROLES.contains(&tokens[j - 2].1.to_lowercase().as_str())
        {
            let k = descriptor_start(&tokens, j - 2);
            let phrase = join_from(before, &tokens, k, i);
            return Some((Subject::Anonymous(strip_article(&phrase)), tokens[k].0));
        }
        let name_words: Vec<&str> = words
            .iter()
            .copied()
            .skip_while(|w| {
                TITLES.contains(w) || OPENERS.contains(w) || lx.is_stopword(&w.to_lowercase())
            })
            .collect();
        if name_words.is_empty() {
            return None;
        }
        // A sentence-opening capital on a common word is not a name ("The", "It").
        if name_words.len() == 1 && lx.is_stopword(&name_words[0].to_lowercase()) {
            return None;
        }
        // The subject starts at its titles ("Secretary of State John Kerry").
        let mut k = j;
        while k > 0 && TITLES.contains(&clean(tokens[k - 1].1)) && !tokens[k - 1].1.ends_with(',') {
            k -= 1;
        }
        return Some((Subject::Name(name_words.join(" ")), tokens[k].0));
    }
    // A role noun: an anonymous source ("One senior Israeli official").
    if ROLES.contains(&last_clean.to_lowercase().as_str()) {
        let k = descriptor_start(&tokens, i - 1);
        let phrase = join_from(before, &tokens, k, i);
        return Some((Subject::Anonymous(strip_article(&phrase)), tokens[k].0));
    }
    None
}

/// Walk back from a role noun over its modifiers to the determiner.
fn descriptor_start(tokens: &[(usize, &str)], role: usize) -> usize {
    let mut k = role;
    let mut steps = 0;
    while k > 0 && steps < 4 {
        let w = tokens[k - 1].1;
        if w.ends_with([',', '.', ';', ':']) {
            break;
        }
        let lw = w.to_lowercase();
        if matches!(
            lw.as_str(),
            "a" | "an"
                | "one"
                | "two"
                | "three"
                | "several"
                | "some"
                | "many"
                | "the"
                | "other"
                | "another"
        ) {
            k -= 1;
            break;
        }
        if matches!(
            lw.as_str(),
            "that" | "and" | "but" | "while" | "as" | "which" | "who" | "said" | "told"
        ) {
            break;
        }
        k -= 1;
        steps += 1;
    }
    k
}

fn join_from(s: &str, tokens: &[(usize, &str)], from: usize, to: usize) -> String {
    let start = tokens[from].0;
    let end = tokens[to - 1].0 + tokens[to - 1].1.len();
    s[start..end].trim_end_matches([',', ';']).to_owned()
}

fn strip_article(s: &str) -> String {
    for a in ["a ", "an ", "the ", "one ", "A ", "An ", "The ", "One "] {
        if let Some(rest) = s.strip_prefix(a) {
            return rest.to_owned();
        }
    }
    s.to_owned()
}

/// Parse a subject after an inverted verb (`said Kerry`, `said a senior official`).
fn subject_after(after: &str) -> Option<Subject> {
    let words: Vec<&str> = after.split_whitespace().take(6).collect();
    let mut name = Vec::new();
    for w in &words {
        if is_name_word(w) {
            name.push(clean(w));
            if w.ends_with([',', '.']) {
                break;
            }
        } else {
            break;
        }
    }
    if !name.is_empty() {
        let name: Vec<&str> = name
            .into_iter()
            .skip_while(|w| TITLES.contains(w))
            .collect();
        return (!name.is_empty())
            .then(|| Subject::Name(name.join(" ").trim_end_matches('.').to_owned()));
    }
    // "said a senior official"
    if let Some(pos) = words
        .iter()
        .position(|w| ROLES.contains(&clean(w).to_lowercase().as_str()))
        && pos <= 4
    {
        let phrase = words[..=pos]
            .iter()
            .map(|w| clean(w))
            .collect::<Vec<_>>()
            .join(" ");
        return Some(Subject::Anonymous(strip_article(&phrase)));
    }
    None
}

/// Quoted stretches in `s`: (open mark start, close mark end, inner span), relative to `s`.
/// A quotation that opens and never closes runs to the end of the block.
fn quoted(s: &str) -> Vec<(usize, usize, Span)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (mark start, inner start)
    let mut straight_open: Option<(usize, usize)> = None;
    for (i, c) in s.char_indices() {
        match c {
            '\u{201C}' if open.is_none() => open = Some((i, i + c.len_utf8())),
            '\u{201D}' => {
                if let Some((o, inner)) = open.take() {
                    out.push((o, i + c.len_utf8(), inner..i));
                }
            }
            '"' => match straight_open.take() {
                Some((o, inner)) => out.push((o, i + 1, inner..i)),
                None => straight_open = Some((i, i + 1)),
            },
            _ => {}
        }
    }
    if let Some((o, inner)) = open {
        out.push((o, s.len(), inner..s.len()));
    }
    out.sort_by_key(|q| q.0);
    out
}

/// Resolves short names to the fullest name the text gives.
struct Names {
    /// Full names found in the text (titles stripped), most frequent first.
    full: Vec<(String, usize)>,
    gazetteer_people: Vec<(usize, String)>,
}

impl Names {
    fn new(doc: &Document, actors: &ActorAnalysis, lx: &Lexicons) -> Self {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for m in &actors.mentions {
            let text = &doc.text[m.span.clone()];
            let words: Vec<&str> = text
                .split_whitespace()
                .skip_while(|w| TITLES.contains(w))
                .collect();
            if words.len() >= 2 && words.iter().all(|w| is_name_word(w)) {
                *counts.entry(words.join(" ")).or_default() += 1;
            }
        }
        let mut full: Vec<(String, usize)> = counts.into_iter().collect();
        full.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.len().cmp(&a.0.len())));
        let gazetteer_people = lx
            .gazetteer
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == ActorKind::Person)
            .map(|(i, a)| (i, a.name.clone()))
            .collect();
        Self {
            full,
            gazetteer_people,
        }
    }

    /// "Psaki" → "Jen Psaki" when the text writes "Jen Psaki" somewhere.
    fn resolve(&self, name: &str, lx: &Lexicons) -> String {
        let name = name
            .trim()
            .trim_end_matches(['’', '\''])
            .trim_end_matches("’s");
        let last = name.split_whitespace().last().unwrap_or(name);
        if name.contains(' ') {
            for (i, canonical) in &self.gazetteer_people {
                if lx.gazetteer.actors[*i].aliases.iter().any(|a| a == name) {
                    return canonical.clone();
                }
            }
        }
        if let Some((full, _)) = self.full.iter().find(|(f, _)| {
            f.split_whitespace().last() == Some(last)
                && f.len() > name.len()
                && f.split_whitespace().count() <= 4
        }) {
            return full.clone();
        }
        // The gazetteer knows the person by this alias ("Kerry" → "John Kerry", "Ali
        // Khameni" → "Ali Khamenei").
        for (i, canonical) in &self.gazetteer_people {
            if lx.gazetteer.actors[*i].aliases.iter().any(|a| a == name) {
                return canonical.clone();
            }
        }
        name.to_owned()
    }
}

/// Find the quotes of a document.
pub fn analyze(doc: &Document, actors: &ActorAnalysis, lx: &Lexicons) -> Vec<Quote> {
    let names = Names::new(doc, actors, lx);
    let text = &doc.text;
    let mut quotes: Vec<Quote> = Vec::new();
    // The last person named or quoted, for "she said".
    let mut last_person: Option<(usize, String)> = None;
    let person_mentions: Vec<(usize, String)> = actors
        .mentions
        .iter()
        .filter_map(|m| match &m.actor {
            super::actors::ActorRef::Known(i)
                if lx.gazetteer.actors[*i].kind == ActorKind::Person =>
            {
                Some((m.span.start, lx.gazetteer.actors[*i].name.clone()))
            }
            _ => None,
        })
        .collect();
    let person_before = |at: usize, last_speaker: &Option<(usize, String)>| -> Option<String> {
        let mention = person_mentions.iter().rev().find(|(p, _)| *p < at);
        match (mention, last_speaker) {
            (Some((p, n)), Some((q, s))) => Some(if p > q { n.clone() } else { s.clone() }),
            (Some((_, n)), None) => Some(n.clone()),
            (None, Some((_, s))) => Some(s.clone()),
            (None, None) => None,
        }
    };

    let mut excerpt_open: Option<(Option<Span>, usize)> = None; // (intro, quote index)
    for (_, block, scope) in scoped_blocks(doc) {
        let base = block.span.start;
        // Excerpts with a named source.
        if let Some(info) = block
            .quote
            .as_ref()
            .filter(|q| q.source.is_some() && block.kind == BlockKind::Quote)
        {
            let source = info.source.clone().unwrap_or_default();
            let speaker = names.resolve(&source, lx);
            let verb = info.intro.as_ref().and_then(|intro| {
                lx.verb_matcher
                    .find_longest(text, intro.clone())
                    .into_iter()
                    .last()
                    .map(|m| {
                        (
                            text[m.span.clone()].to_owned(),
                            lx.verbs[*m.tag].class,
                            m.span,
                        )
                    })
            });
            let words = word_count(&text[block.span.clone()]);
            match excerpt_open {
                Some((ref intro, qi)) if *intro == info.intro && info.intro.is_some() => {
                    quotes[qi].span.end = block.span.end;
                    quotes[qi].words += words;
                }
                _ => {
                    quotes.push(Quote {
                        speaker: Some(speaker.clone()),
                        anonymous: false,
                        verb: verb.as_ref().map(|v| v.0.clone()),
                        verb_class: Some(verb.as_ref().map_or(VerbClass::Neutral, |v| v.1)),
                        span: block.span.clone(),
                        attribution: info.intro.clone(),
                        kind: QuoteKind::Excerpt,
                        scope,
                        words,
                        comment: block.comment,
                    });
                    excerpt_open = Some((info.intro.clone(), quotes.len() - 1));
                }
            }
            last_person = Some((block.span.start, speaker));
            continue;
        }
        excerpt_open = None;
        if scope == Scope::Thread {
            continue; // comments are added whole below
        }
        let s = &text[block.span.clone()];
        let marks = quoted(s);
        let sentences = sentence_spans(s);
        let sentence_of = |at: usize| {
            sentences
                .iter()
                .find(|r| r.start <= at && at < r.end.max(r.start + 1))
                .cloned()
                .unwrap_or(0..s.len())
        };

        // 1. Quotations in quote marks.
        let mut covered: Vec<Span> = Vec::new();
        for (open, close, inner) in &marks {
            let inner_text = &s[inner.clone()];
            let words = word_count(inner_text);
            let open_sentence = sentence_of(*open);
            let close_sentence = sentence_of(close.saturating_sub(1));
            let before = &s[open_sentence.start.min(*open)..*open];
            let after_end = close_sentence.end.max(*close).min(s.len());
            let after = &s[*close..after_end];
            let mut found: Option<(Subject, String, VerbClass, Span)> = None;
            // After the closing mark: "…,” Kerry told NBC" or "…,” said Kerry".
            let after_verbs = lx.verb_matcher.find_longest(s, *close..after_end);
            if let Some(v) = after_verbs.first().filter(|v| v.span.start - close <= 80) {
                let subject_text = &s[*close..v.span.start];
                let verb = s[v.span.clone()].to_owned();
                let class = lx.verbs[*v.tag].class;
                let subj = if subject_text
                    .trim_matches(|c: char| c.is_whitespace() || c == ',')
                    .is_empty()
                {
                    subject_after(&s[v.span.end..after_end])
                } else {
                    subject_before(
                        subject_text.trim_start_matches(|c: char| c.is_whitespace() || c == ','),
                        lx,
                    )
                    .map(|(sub, _)| sub)
                };
                if let Some(sub) = subj {
                    found = Some((sub, verb, class, base + *close..base + v.span.end));
                }
            }
            // Before the opening mark: "Psaki said: “…”", "an official warned that “…”".
            if found.is_none() {
                let region = open_sentence.start.min(*open)..*open;
                let verbs = lx.verb_matcher.find_longest(s, region.clone());
                if let Some(v) = verbs.last()
                    && let Some((sub, at)) = subject_before(&s[region.start..v.span.start], lx)
                {
                    let class = lx.verbs[*v.tag].class;
                    found = Some((
                        sub,
                        s[v.span.clone()].to_owned(),
                        class,
                        base + region.start + at..base + v.span.end,
                    ));
                }
            }
            let _ = after;
            // "according to X"
            if found.is_none() {
                let sent = &s[open_sentence.clone()];
                if let Some(p) = sent.find("according to ") {
                    let rest = &sent[p + "according to ".len()..];
                    if let Some(sub) = subject_after(rest) {
                        let at = base + open_sentence.start + p;
                        found = Some((
                            sub,
                            "according to".to_owned(),
                            VerbClass::Neutral,
                            at..at + "according to".len(),
                        ));
                    }
                }
            }
            let direct = before.trim().is_empty()
                || before.trim_end().ends_with([':', ','])
                || before.trim_end().ends_with("that")
                || found.as_ref().is_some_and(|f| f.3.start >= base + *close);
            let kind = if direct && words >= 4 {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            };
            let (speaker, anonymous, verb, class, attribution) = match found {
                Some((sub, verb, class, attr)) => {
                    let (speaker, anonymous) = match sub {
                        Subject::Name(n) => (Some(names.resolve(&n, lx)), false),
                        Subject::Anonymous(d) => (Some(d), true),
                        Subject::Pronoun => (person_before(base + *open, &last_person), false),
                    };
                    (speaker, anonymous, Some(verb), Some(class), Some(attr))
                }
                None if words <= 4 => continue, // a scare quote
                None => (None, false, None, None, None),
            };
            if let (Some(sp), false) = (&speaker, anonymous) {
                last_person = Some((base + *open, sp.clone()));
            }
            covered.push(open_sentence.clone());
            quotes.push(Quote {
                speaker,
                anonymous,
                verb,
                verb_class: class,
                span: base + inner.start..base + inner.end,
                attribution,
                kind,
                scope,
                words,
                comment: None,
            });
        }

        // 2. Reported speech in sentences without quote marks.
        for sent in &sentences {
            if covered
                .iter()
                .any(|c| c.start < sent.end && sent.start < c.end)
            {
                continue;
            }
            let verbs = lx.verb_matcher.find_longest(s, sent.clone());
            let mut speaker_in_sentence: Option<(Option<String>, bool)> = None;
            let mut open_quote: Option<usize> = None;
            for v in verbs {
                let form = &s[v.span.clone()];
                let verb = &lx.verbs[*v.tag];
                let class = verb.class;
                let participle =
                    form.ends_with("ing") && s[sent.start..v.span.start].trim_end().ends_with(',');
                let (speaker, anonymous, attr_start) = if participle {
                    match &speaker_in_sentence {
                        Some((sp, anon)) => (sp.clone(), *anon, v.span.start),
                        None => continue,
                    }
                } else if speaker_in_sentence.is_some() {
                    continue; // a verb inside what is being reported
                } else {
                    let before = &s[sent.start..v.span.start];
                    // "A spokesman for Kerry acknowledged…", "Psaki said that…"
                    let Some((sub, at)) = subject_before(before, lx) else {
                        continue;
                    };
                    // The subject must start the clause: nothing but an opener before it.
                    // A possessive or article before the subject is part of it ("Iran’s
                    // Supreme Leader …", "the U.S. president").
                    let mut lead = before[..at].trim();
                    while let Some(last) = lead.split_whitespace().last() {
                        let det = last.ends_with("’s")
                            || last.ends_with("'s")
                            || matches!(last, "the" | "The" | "a" | "A");
                        if !det {
                            break;
                        }
                        lead = lead[..lead.len() - last.len()].trim_end();
                    }
                    let clause_start = lead.is_empty()
                        || lead.ends_with(',')
                        || matches!(lead, "But" | "And" | "Yet" | "So" | "Still" | "However,")
                        || lead.split_whitespace().count() <= 3 && lead.ends_with(',');
                    if !clause_start {
                        continue;
                    }
                    // Verbs that also describe non-speech ("shows", "reports") need "that".
                    let needs_that = matches!(
                        verb.lemma.as_str(),
                        "show"
                            | "report"
                            | "describe"
                            | "write"
                            | "state"
                            | "announce"
                            | "add"
                            | "reply"
                    );
                    let followed_by_that = s[v.span.end..sent.end].trim_start().starts_with("that");
                    if needs_that && !followed_by_that {
                        continue;
                    }
                    match sub {
                        Subject::Name(n) => {
                            // A named subject must be a person or a known actor, not "The Move".
                            let resolved = names.resolve(&n, lx);
                            (Some(resolved), false, base + sent.start + at)
                        }
                        Subject::Anonymous(d) => (Some(d), true, base + sent.start + at),
                        Subject::Pronoun => (
                            person_before(base + v.span.start, &last_person),
                            false,
                            base + sent.start + at,
                        ),
                    }
                };
                let content_start = {
                    let rest = &s[v.span.end..sent.end];
                    let trimmed = rest.trim_start();
                    let skip = rest.len() - trimmed.len()
                        + if trimmed.starts_with("that ") { 5 } else { 0 };
                    v.span.end + skip
                };
                // A participle ends the previous report at its comma.
                if let Some(qi) = open_quote.take() {
                    let comma = s[..v.span.start].trim_end().trim_end_matches(',').len();
                    quotes[qi].span.end = base + comma;
                    quotes[qi].words = word_count(&text[quotes[qi].span.clone()]);
                }
                let end = s[..sent.end].trim_end_matches(['.', ' ']).len();
                if content_start >= end {
                    continue;
                }
                if let (Some(sp), false) = (&speaker, anonymous) {
                    last_person = Some((base + v.span.start, sp.clone()));
                }
                speaker_in_sentence = Some((speaker.clone(), anonymous));
                quotes.push(Quote {
                    speaker,
                    anonymous,
                    verb: Some(form.to_owned()),
                    verb_class: Some(class),
                    span: base + content_start..base + end,
                    attribution: Some(attr_start..base + v.span.end),
                    kind: QuoteKind::Indirect,
                    scope,
                    words: word_count(&s[content_start..end]),
                    comment: None,
                });
                open_quote = Some(quotes.len() - 1);
            }
        }
    }

    // 3. Comments, spoken by their authors.
    for (ci, c) in doc.comments().iter().enumerate() {
        let own: Vec<&crate::document::Block> = doc.blocks()[c.blocks.clone()]
            .iter()
            .filter(|b| b.quote.is_none() && b.kind == BlockKind::Paragraph)
            .collect();
        let (Some(first), Some(last)) = (own.first(), own.last()) else {
            continue;
        };
        let words = own.iter().map(|b| word_count(&text[b.span.clone()])).sum();
        quotes.push(Quote {
            speaker: c.author.clone(),
            anonymous: false,
            verb: Some("commented".into()),
            verb_class: Some(VerbClass::Neutral),
            span: first.span.start..last.span.end,
            attribution: c.header.clone(),
            kind: QuoteKind::Comment,
            scope: Scope::Thread,
            words,
            comment: Some(ci),
        });
    }
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::actors;
    use crate::document::Format;

    fn quotes(body: &str) -> (Document, Vec<Quote>) {
        let doc = Document::from_text("t.txt", Format::Text, &format!("A title\n\n{body}"));
        let lx = Lexicons::built_in();
        let a = actors::analyze(&doc, lx);
        let q = analyze(&doc, &a, lx);
        (doc, q)
    }

    fn one(
        body: &str,
    ) -> (
        String,
        Option<String>,
        Option<String>,
        Option<VerbClass>,
        QuoteKind,
        bool,
    ) {
        let (doc, q) = quotes(body);
        assert_eq!(q.len(), 1, "{q:#?}");
        let q = &q[0];
        (
            doc.text[q.span.clone()].to_owned(),
            q.speaker.clone(),
            q.verb.clone(),
            q.verb_class,
            q.kind,
            q.anonymous,
        )
    }

    #[test]
    fn quote_then_speaker_and_verb() {
        let (text, speaker, verb, class, kind, _) = one(
            "“We are interested in communicating with Iran,” Kerry told NBC News in an interview.",
        );
        assert_eq!(text, "We are interested in communicating with Iran,");
        assert_eq!(
            speaker.as_deref(),
            Some("John Kerry"),
            "the gazetteer's full name"
        );
        assert_eq!(verb.as_deref(), Some("told"));
        assert_eq!(class, Some(VerbClass::Neutral));
        assert_eq!(kind, QuoteKind::Direct);
    }

    #[test]
    fn inverted_said_x() {
        let (_, speaker, verb, _, _, _) =
            one("“There will be no deal with anyone,” said Maria Lopez, the minister.");
        assert_eq!(speaker.as_deref(), Some("Maria Lopez"));
        assert_eq!(verb.as_deref(), Some("said"));
    }

    #[test]
    fn speaker_colon_quote() {
        let (_, speaker, verb, _, kind, _) =
            one("Then Maria Lopez said: “We will not talk to them at all.”");
        assert_eq!(speaker.as_deref(), Some("Maria Lopez"));
        assert_eq!(verb.as_deref(), Some("said"));
        assert_eq!(kind, QuoteKind::Direct);
    }

    #[test]
    fn anonymous_official_warned_that() {
        let (text, speaker, verb, class, _, anon) = one(
            "One senior Israeli official warned that “if Washington needs Tehran’s help, it will pay.”",
        );
        assert!(text.starts_with("if Washington"));
        assert_eq!(speaker.as_deref(), Some("senior Israeli official"));
        assert!(anon);
        assert_eq!(verb.as_deref(), Some("warned"));
        assert_eq!(class, Some(VerbClass::Endorsing));
    }

    #[test]
    fn tweeted_with_role_before_the_name_resolves_the_full_name() {
        let (doc, q) = quotes(
            "“It’s no secret that we have had discussions,” State Department spokeswoman Jen Psaki tweeted Monday.\n\n“There may be another opportunity in the future,” Psaki said.",
        );
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Jen Psaki"));
        assert_eq!(q[0].verb.as_deref(), Some("tweeted"));
        assert_eq!(q[1].speaker.as_deref(), Some("Jen Psaki"));
        assert!(doc.text[q[1].span.clone()].starts_with("There may be"));
    }

    #[test]
    fn reported_speech_and_pronouns() {
        let (doc, q) = quotes(
            "Maria Lopez said that negotiations would not include coordination. But she suggested that diplomats could continue to talk.",
        );
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(q[0].kind, QuoteKind::Indirect);
        assert_eq!(
            doc.text[q[0].span.clone()].to_owned(),
            "negotiations would not include coordination"
        );
        assert_eq!(q[1].speaker.as_deref(), Some("Maria Lopez"));
        assert_eq!(q[1].verb.as_deref(), Some("suggested"));
    }

    #[test]
    fn denial_then_insisting_participle() {
        let (doc, q) = quotes(
            "On Thursday, Secretary of State John Kerry denied having suggested that the U.S. would coordinate with Iran, insisting that Washington was only interested in communicating.",
        );
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(q[0].speaker.as_deref(), Some("John Kerry"));
        assert_eq!(q[0].verb_class, Some(VerbClass::Rejecting));
        assert!(
            doc.text[q[0].span.clone()].ends_with("with Iran"),
            "{:?}",
            &doc.text[q[0].span.clone()]
        );
        assert_eq!(q[1].speaker.as_deref(), Some("John Kerry"));
        assert_eq!(q[1].verb.as_deref(), Some("insisting"));
        assert_eq!(q[1].verb_class, Some(VerbClass::Distancing));
    }

    #[test]
    fn conceding_and_affiliated_anonymous() {
        let (_, speaker, verb, class, _, anon) = one(
            "A spokesman for Kerry acknowledged the U.S. has held discussions with the Iranian government.",
        );
        assert_eq!(speaker.as_deref(), Some("spokesman for Kerry"));
        assert!(anon);
        assert_eq!(verb.as_deref(), Some("acknowledged"));
        assert_eq!(class, Some(VerbClass::Conceding));
    }

    #[test]
    fn according_to_and_claimed() {
        let (_, speaker, verb, _, _, _) =
            one("“The talks have failed completely,” according to Maria Lopez.");
        assert_eq!(speaker.as_deref(), Some("Maria Lopez"));
        assert_eq!(verb.as_deref(), Some("according to"));
        let (_, speaker, _, class, _, _) = one("Maria Lopez claimed that the talks had failed.");
        assert_eq!(speaker.as_deref(), Some("Maria Lopez"));
        assert_eq!(class, Some(VerbClass::Distancing));
        let (_, _, _, class, _, _) =
            one("Maria Lopez dismissed the report as rumour and nothing more.");
        assert_eq!(class, Some(VerbClass::Rejecting));
    }

    #[test]
    fn scare_quotes_are_not_quotes() {
        let (_, q) =
            quotes("Even assuming that “defeating ISIS” is an achievable goal, it is hard.");
        assert!(q.is_empty(), "{q:#?}");
    }

    #[test]
    fn non_speech_subjects_are_not_speakers() {
        let (_, q) = quotes(
            "As the history of the past decade has shown us, wars are long. The move is a reflection of hesitance.",
        );
        assert!(q.is_empty(), "{q:#?}");
    }

    #[test]
    fn comments_are_spoken_by_their_authors() {
        let (_, q) = quotes(
            "Body text here. Two sentences.\n\n  1. Ann Lee says:\n\n    I think Iran will help.\n\n  2. Bob Roe says:\n\n    @Ann Lee: no.\n",
        );
        let c: Vec<_> = q.iter().filter(|q| q.kind == QuoteKind::Comment).collect();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].speaker.as_deref(), Some("Ann Lee"));
        assert_eq!(c[0].scope, Scope::Thread);
    }
}

/// One voice in the "who speaks" table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Voice {
    pub speaker: String,
    pub anonymous: bool,
    pub quotes: usize,
    pub words: usize,
    /// Share of all quoted words in this scope, 0–1.
    pub share: f64,
    /// Verbs used, most frequent first, with their class.
    pub verbs: Vec<(String, VerbClass, usize)>,
}

/// Who speaks in a scope (article or thread), most words first. Unattributed quotations are
/// grouped as "(unattributed)".
pub fn voices(quotes: &[Quote], scope: Scope) -> Vec<Voice> {
    let mut out: Vec<Voice> = Vec::new();
    let in_scope: Vec<&Quote> = quotes.iter().filter(|q| q.scope == scope).collect();
    let total: usize = in_scope.iter().map(|q| q.words).sum();
    for q in in_scope {
        let speaker = q.speaker.clone().unwrap_or_else(|| "(unattributed)".into());
        let i = match out.iter().position(|v| v.speaker == speaker) {
            Some(i) => i,
            None => {
                out.push(Voice {
                    speaker,
                    anonymous: q.anonymous,
                    quotes: 0,
                    words: 0,
                    share: 0.0,
                    verbs: Vec::new(),
                });
                out.len() - 1
            }
        };
        let v = &mut out[i];
        v.quotes += 1;
        v.words += q.words;
        if let (Some(verb), Some(class)) = (&q.verb, q.verb_class) {
            match v.verbs.iter_mut().find(|(w, _, _)| w == verb) {
                Some((_, _, n)) => *n += 1,
                None => v.verbs.push((verb.clone(), class, 1)),
            }
        }
    }
    for v in &mut out {
        v.share = if total == 0 {
            0.0
        } else {
            v.words as f64 / total as f64
        };
        v.verbs.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    }
    out.sort_by(|a, b| b.words.cmp(&a.words).then(a.speaker.cmp(&b.speaker)));
    out
}
