//! Quotes and speakers: who the article lets speak, how much, and with which verbs.
//!
//! The article's quotations and reports come from [`super::attribution`]: each carries its
//! kind, its cue (the reporting verb and its class: neutral, distancing, rejecting,
//! conceding, endorsing), the mention that names the speaker and the speaker entity that
//! groups every mention of one person or organisation. Added here: excerpts the parser
//! found after an introduction (`Jack Goldstone argues that …:`), each reader comment as
//! spoken by its author, and the study's gazetteer, which gives a known person's full name
//! ("Kerry" → "John Kerry").

use serde::Serialize;

use super::Scope;
use super::attribution::{self, AttributionKind, Entity, EntityKind, Resolution, SpeakerType};
use super::lexicon::{Gazetteer, Lexicons, VerbClass};
use crate::document::text::word_count;
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

impl QuoteKind {
    /// How a reader would name it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Direct => "direct quote",
            Self::Partial => "partial quote",
            Self::Indirect => "reported speech",
            Self::Excerpt => "excerpt",
            Self::Comment => "comment",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The speaker as resolved (fullest name), a description for anonymous sources, or None
    /// (unattributed).
    pub speaker: Option<String>,
    /// The speaker is not named ("a senior Israeli official").
    pub anonymous: bool,
    /// The reporting verb as written ("told", "warned", "according to").
    pub verb: Option<String>,
    pub verb_class: Option<VerbClass>,
    /// The quoted or reported words.
    pub span: Span,
    /// Where the attribution is (speaker and cue together), when it is in the text.
    pub attribution: Option<Span>,
    pub kind: QuoteKind,
    pub scope: Scope,
    pub words: usize,
    /// For comments: the comment index.
    pub comment: Option<usize>,
    /// The cue: the reporting verb, "according to", or the colon after a speaker.
    pub cue: Option<Span>,
    /// The words that name the speaker here ("the spokeswoman", "she", "Kim").
    pub speaker_mention: Option<Span>,
    /// The speaker entity: an index into [`super::DocAnalysis::speakers`].
    pub entity: Option<usize>,
    /// How the mention was tied to its entity (name, surname, role, pronoun…).
    pub resolution: Option<Resolution>,
}

/// Find the quotes of a document and the speakers they belong to.
pub fn analyze(
    doc: &Document,
    lx: &Lexicons,
    gazetteer: &Gazetteer,
    words: &attribution::Words,
) -> (Vec<Quote>, Vec<Entity>) {
    let text = &doc.text;
    let found = attribution::analyze(doc, words);
    let mut speakers = found.entities;
    for e in &mut speakers {
        if e.kind == EntityKind::Person
            && let Some(name) = gazetteer.person(&e.name)
        {
            e.name = name.to_owned();
        }
    }
    let mut quotes: Vec<Quote> = found
        .attributions
        .iter()
        .map(|a| {
            let entity = a.entity.map(|e| &speakers[e]);
            let attribution = match (&a.speaker_mention, &a.cue) {
                (Some(m), Some(c)) => Some(m.start.min(c.span.start)..m.end.max(c.span.end)),
                (Some(m), None) => Some(m.clone()),
                (None, Some(c)) if !c.span.is_empty() => Some(c.span.clone()),
                _ => None,
            };
            let cue = a.cue.as_ref().filter(|c| !c.span.is_empty());
            Quote {
                speaker: entity.map(|e| e.name.clone()),
                anonymous: entity.is_some_and(|e| e.kind == EntityKind::Unnamed),
                verb: cue.map(|c| c.text.clone()),
                verb_class: a.cue.as_ref().map(|c| c.class),
                span: a.content.clone(),
                attribution,
                kind: match a.kind {
                    AttributionKind::Direct => QuoteKind::Direct,
                    AttributionKind::Mixed => QuoteKind::Partial,
                    AttributionKind::Indirect => QuoteKind::Indirect,
                },
                scope: a.scope,
                words: a.words,
                comment: None,
                cue: cue.map(|c| c.span.clone()),
                speaker_mention: a.speaker_mention.clone(),
                entity: a.entity,
                resolution: a.resolution,
            }
        })
        .collect();

    let by_name: std::collections::HashMap<&str, usize> = speakers
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.as_str(), i))
        .collect();
    // Excerpts with a named source: consecutive blocks under one introduction are one.
    let mut excerpt_open: Option<(Option<Span>, usize)> = None; // (intro, quote index)
    for (_, block, scope) in super::scoped_blocks(doc) {
        let Some(info) = block
            .quote
            .as_ref()
            .filter(|q| q.source.is_some() && block.kind == BlockKind::Quote)
        else {
            excerpt_open = None;
            continue;
        };
        let source = info.source.clone().unwrap_or_default();
        let speaker = gazetteer.person(&source).map_or(source, str::to_owned);
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
        let entity = by_name.get(speaker.as_str()).copied();
        match excerpt_open {
            Some((ref intro, qi)) if *intro == info.intro && info.intro.is_some() => {
                quotes[qi].span.end = block.span.end;
                quotes[qi].words += words;
            }
            _ => {
                quotes.push(Quote {
                    speaker: Some(speaker),
                    anonymous: false,
                    verb: verb.as_ref().map(|v| v.0.clone()),
                    verb_class: Some(verb.as_ref().map_or(VerbClass::Neutral, |v| v.1)),
                    span: block.span.clone(),
                    attribution: info.intro.clone(),
                    kind: QuoteKind::Excerpt,
                    scope,
                    words,
                    comment: block.comment,
                    cue: verb.as_ref().map(|v| v.2.clone()),
                    speaker_mention: None,
                    entity,
                    resolution: entity.map(|_| Resolution::Name),
                });
                excerpt_open = Some((info.intro.clone(), quotes.len() - 1));
            }
        }
    }

    // Comments, spoken by their authors.
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
            cue: None,
            speaker_mention: c.header.clone(),
            entity: None,
            resolution: None,
        });
    }
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    (quotes, speakers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn quotes(body: &str) -> (Document, Vec<Quote>) {
        let doc = Document::from_text("t.txt", Format::Text, &format!("A title\n\n{body}"));
        let lx = Lexicons::built_in();
        let (q, _) = analyze(
            &doc,
            lx,
            &crate::analysis::lexicon::seed_gazetteer(),
            attribution::Words::built_in(),
        );
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

/// One speaker of the article in the "who speaks" panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerSummary {
    /// Index into the analysis's speakers.
    pub entity: usize,
    pub name: String,
    pub kind: EntityKind,
    pub speaker_type: SpeakerType,
    /// How the article introduces them ("Daniel Ortiz, a spokesman for the mayor").
    pub introduction: Option<String>,
    pub direct: usize,
    pub partial: usize,
    pub indirect: usize,
    pub excerpts: usize,
    /// Words quoted or reported.
    pub words: usize,
    /// Share of all the words the article quotes or reports, 0–1.
    pub share: f64,
    /// The reporting verbs used of them, by class, most frequent first.
    pub verbs: Vec<(VerbClass, Vec<(String, usize)>)>,
    /// Their quotes: indices into the analysis's quotes, in reading order.
    pub quotes: Vec<usize>,
}

/// The article's speakers, most words first; quotations nobody is named for are left to
/// [`unattributed`].
pub fn speaker_summaries(quotes: &[Quote], speakers: &[Entity]) -> Vec<SpeakerSummary> {
    let article: Vec<(usize, &Quote)> = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.scope == Scope::Article && q.kind != QuoteKind::Comment)
        .collect();
    let total: usize = article.iter().map(|(_, q)| q.words).sum();
    let mut out: Vec<SpeakerSummary> = Vec::new();
    for (i, q) in &article {
        let Some(e) = q.entity.filter(|&e| e < speakers.len()) else {
            continue;
        };
        let at = match out.iter().position(|s| s.entity == e) {
            Some(at) => at,
            None => {
                let ent = &speakers[e];
                out.push(SpeakerSummary {
                    entity: e,
                    name: ent.name.clone(),
                    kind: ent.kind,
                    speaker_type: ent.speaker_type,
                    introduction: ent.introduction.clone(),
                    direct: 0,
                    partial: 0,
                    indirect: 0,
                    excerpts: 0,
                    words: 0,
                    share: 0.0,
                    verbs: Vec::new(),
                    quotes: Vec::new(),
                });
                out.len() - 1
            }
        };
        let s = &mut out[at];
        match q.kind {
            QuoteKind::Direct => s.direct += 1,
            QuoteKind::Partial => s.partial += 1,
            QuoteKind::Indirect => s.indirect += 1,
            QuoteKind::Excerpt => s.excerpts += 1,
            QuoteKind::Comment => {}
        }
        s.words += q.words;
        s.quotes.push(*i);
        if let (Some(verb), Some(class)) = (&q.verb, q.verb_class) {
            let verb = verb.to_lowercase();
            let k = match s.verbs.iter().position(|(c, _)| *c == class) {
                Some(k) => k,
                None => {
                    s.verbs.push((class, Vec::new()));
                    s.verbs.len() - 1
                }
            };
            let list = &mut s.verbs[k].1;
            match list.iter_mut().find(|(v, _)| *v == verb) {
                Some((_, n)) => *n += 1,
                None => list.push((verb, 1)),
            }
        }
    }
    for s in &mut out {
        s.share = if total == 0 {
            0.0
        } else {
            s.words as f64 / total as f64
        };
        for (_, list) in &mut s.verbs {
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        s.verbs.sort_by_key(|(c, list)| {
            (
                std::cmp::Reverse(list.iter().map(|(_, n)| n).sum::<usize>()),
                c.as_str(),
            )
        });
    }
    out.sort_by(|a, b| b.words.cmp(&a.words).then(a.name.cmp(&b.name)));
    out
}

/// The article's quotations and reports with no speaker: indices into the quotes.
pub fn unattributed(quotes: &[Quote]) -> Vec<usize> {
    quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| {
            q.scope == Scope::Article && q.kind != QuoteKind::Comment && q.entity.is_none()
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whose voice the article carries, by type of speaker: the share of the quoted and reported
/// words per type (None: nobody named), in [`SpeakerType::ALL`] order then None. Shares sum
/// to 1 when anything is quoted.
pub fn share_by_type(
    quotes: &[Quote],
    speakers: &[Entity],
) -> Vec<(Option<SpeakerType>, usize, f64)> {
    let mut words: Vec<(Option<SpeakerType>, usize)> = SpeakerType::ALL
        .iter()
        .map(|t| (Some(*t), 0))
        .chain(std::iter::once((None, 0)))
        .collect();
    for q in quotes
        .iter()
        .filter(|q| q.scope == Scope::Article && q.kind != QuoteKind::Comment)
    {
        let t = q
            .entity
            .and_then(|e| speakers.get(e))
            .map(|e| e.speaker_type);
        if let Some(slot) = words.iter_mut().find(|(k, _)| *k == t) {
            slot.1 += q.words;
        }
    }
    let total: usize = words.iter().map(|(_, n)| n).sum();
    words
        .into_iter()
        .map(|(t, n)| {
            let share = if total == 0 {
                0.0
            } else {
                n as f64 / total as f64
            };
            (t, n, share)
        })
        .collect()
}
