//! Who says what: attributions and the speakers they point to, as a careful reader finds
//! them in news writing.
//!
//! An [`Attribution`] is words a text gives to someone: *direct* (a quotation in quote
//! marks, attributed before or after it, split by its attribution, or running over several
//! paragraphs), *mixed* (a reported clause with quoted words in it: the company said it
//! “deeply regrets” the outage) or *indirect* (reported speech: "X argues that …",
//! "according to X, …"). Each has its content, its cue (a reporting verb with its class, or
//! "according to", "in a statement", a colon after the speaker), the mention of the speaker
//! in the text, and the speaker's [`Entity`].
//!
//! Entities group every mention of one person or organisation: the full name, title and
//! surname ("Senator Kim", "Kim"), descriptions ("the senator", "the spokeswoman", "the
//! newspaper", "the influential daily") and pronouns. They are resolved by a precision-first
//! sieve, each step recorded in [`Resolution`]: the exact name, then the surname, then a role
//! noun to the nearest person who holds that role, an organisation noun to the nearest
//! organisation of that kind, then a pronoun to the last person (or group) named. A speaker
//! that cannot be resolved is left unattributed — shown as such, never guessed.
//!
//! What is in quote marks but is nobody's speech is passed over: scare quotes, titles of
//! shows, books and laws, nicknames, an "Editor's note:".
//!
//! The word lists are in `assets/lexicons/attribution.ron` and `reporting-verbs.ron`.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::lexicon::{Lexicons, VerbClass};
use super::{Scope, scoped_blocks};
use crate::document::text::{is_close_quote, is_open_quote, sentence_spans, word_count};
use crate::document::{Document, Span};

/// How words reach the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionKind {
    /// A quotation in quote marks.
    Direct,
    /// A reported clause with quoted words in it.
    Mixed,
    /// Reported speech, no quote marks.
    Indirect,
}

impl AttributionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Direct => "direct",
            Self::Mixed => "mixed",
            Self::Indirect => "indirect",
        }
    }
}

/// What marks the words as someone's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueForm {
    /// A reporting verb ("said", "warned", "denied").
    Verb,
    /// "according to".
    AccordingTo,
    /// A colon after the speaker ("Councillor Ben Ito: “I will vote no.”").
    Colon,
    /// No cue of its own: it continues the quotation before it.
    Continuation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cue {
    pub span: Span,
    pub text: String,
    pub class: VerbClass,
    pub form: CueForm,
}

/// How the speaker's entity was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The mention is the entity's name.
    Name,
    /// A surname, or title and surname, of a person named earlier (or later).
    Surname,
    /// A role noun ("the senator") for the nearest person who holds the role.
    Role,
    /// An organisation noun ("the newspaper") for the nearest organisation of that kind.
    Organisation,
    /// A pronoun for the last person (or group) named.
    Pronoun,
    /// A description nobody in the text holds: the description is the speaker.
    Description,
    /// The quotation continues one whose speaker is known.
    Continuation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribution {
    pub kind: AttributionKind,
    pub content: Span,
    pub cue: Option<Cue>,
    /// Where the text names the speaker for these words.
    pub speaker_mention: Option<Span>,
    /// Index into [`Analysis::entities`]; None: unattributed.
    pub entity: Option<usize>,
    pub resolution: Option<Resolution>,
    pub scope: Scope,
    pub words: usize,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organisation,
    Media,
    /// People described but not named ("a senior official", "critics", "the nurses").
    Unnamed,
}

/// The kind of voice, for share of voice by speaker type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerType {
    Official,
    Expert,
    Citizen,
    Anonymous,
    Organisation,
    Media,
}

impl SpeakerType {
    pub const ALL: [SpeakerType; 6] = [
        Self::Official,
        Self::Expert,
        Self::Citizen,
        Self::Anonymous,
        Self::Organisation,
        Self::Media,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Official => "officials",
            Self::Expert => "experts",
            Self::Citizen => "citizens",
            Self::Anonymous => "anonymous",
            Self::Organisation => "organisations",
            Self::Media => "media",
        }
    }
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    Name,
    Surname,
    Description,
    Pronoun,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub form: MentionForm,
}

/// One person or organisation, with every mention of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// The fullest name the text gives, or the description ("senior official in the
    /// department").
    pub name: String,
    pub kind: EntityKind,
    /// Titles and roles the text gives ("senator", "spokeswoman for the ministry").
    pub roles: Vec<String>,
    /// How the text introduces the entity ("Daniel Ortiz, a spokesman for the mayor").
    pub introduction: Option<String>,
    pub speaker_type: SpeakerType,
    pub mentions: Vec<Mention>,
}

/// Everything attribution finds in a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Analysis {
    pub attributions: Vec<Attribution>,
    pub entities: Vec<Entity>,
}

/// An organisation word and whether it names a news outlet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgWord {
    pub word: String,
    pub media: bool,
}

/// The word lists attribution rests on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Words {
    pub titles: Vec<String>,
    pub roles: Vec<String>,
    pub organisations: Vec<OrgWord>,
    pub nationalities: Vec<String>,
    pub official: Vec<String>,
    pub expert: Vec<String>,
    /// First words of place names ("north", "new", "saint").
    pub place_openers: Vec<String>,
}

const WORDS_RON: &str = include_str!("../../assets/lexicons/attribution.ron");

impl Words {
    /// The built-in lists (`assets/lexicons/attribution.ron`).
    pub fn built_in() -> &'static Words {
        static WORDS: LazyLock<Words> =
            LazyLock::new(|| ron::from_str(WORDS_RON).unwrap_or_default());
        &WORDS
    }

    fn is_role(&self, w: &str) -> bool {
        self.roles.iter().any(|r| r == w)
    }

    fn org(&self, w: &str) -> Option<&OrgWord> {
        self.organisations.iter().find(|o| o.word == w)
    }

    /// A title word, with or without its full stop ("Mr", "Mr.").
    fn is_title(&self, w: &str) -> bool {
        self.titles
            .iter()
            .any(|t| t == w || t.strip_suffix('.') == Some(w))
    }

    /// A capitalised name that is a place rather than a person ("South Sudan", "New
    /// Jersey", "Tunisian Islamists"): its first word opens place names or is a
    /// nationality.
    fn looks_like_a_place(&self, name: &str) -> bool {
        let Some(first) = name.split_whitespace().next().map(str::to_lowercase) else {
            return false;
        };
        name.split_whitespace().count() > 1
            && (self.place_openers.contains(&first) || self.nationalities.contains(&first))
    }

    /// Where the last title in `toks` ends (one word, "Sen.", or several: "secretary of
    /// state", "prime minister"), if one does.
    fn title_end(&self, toks: &[Tok<'_>]) -> Option<usize> {
        (1..=toks.len()).rev().find(|&j| {
            (1..=4.min(j)).any(|m| {
                let words: Vec<&str> = toks[j - m..j].iter().map(|t| t.lower.as_str()).collect();
                let phrase = words.join(" ");
                self.is_title(&phrase)
                    // a one-word title after the name would be an apposition, not a title
                    && (m > 1 || !toks[j - 1].after.contains(','))
            })
        })
    }

    fn speaker_type(&self, roles: &[String], kind: EntityKind) -> SpeakerType {
        match kind {
            EntityKind::Organisation => return SpeakerType::Organisation,
            EntityKind::Media => return SpeakerType::Media,
            _ => {}
        }
        let has = |list: &[String]| {
            roles.iter().any(|r| {
                r.split_whitespace()
                    .any(|w| list.iter().any(|l| l == w || l == &r.to_lowercase()))
            })
        };
        if has(&self.expert) {
            SpeakerType::Expert
        } else if kind == EntityKind::Unnamed {
            SpeakerType::Anonymous
        } else if has(&self.official) {
            SpeakerType::Official
        } else {
            SpeakerType::Citizen
        }
    }
}

impl Default for &Words {
    fn default() -> Self {
        Words::built_in()
    }
}

// ---------------------------------------------------------------------------------------
// Tokens

/// A word of a block, with where it is (byte offsets in the block's text).
#[derive(Debug, Clone)]
struct Tok<'a> {
    start: usize,
    end: usize,
    /// The word without the punctuation around it.
    word: &'a str,
    lower: String,
    /// The punctuation right after the word (",", ".", ":", a closing quote…).
    after: &'a str,
    /// Punctuation right before it (an opening quote, a parenthesis).
    before: &'a str,
}

impl Tok<'_> {
    fn cap(&self) -> bool {
        self.word.chars().next().is_some_and(char::is_uppercase)
    }
    fn comma(&self) -> bool {
        self.after.contains(',')
    }
    fn stops(&self) -> bool {
        self.after.contains([',', ';', ':', '.', '!', '?'])
            || self.after.chars().any(is_close_quote)
    }
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    for (start, raw) in crate::document::text::split_words_with_offsets(s) {
        let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let inner = &raw[lead..];
        // Keep the full stop of an abbreviation or initial ("Dr.", "U.S.", "J.").
        let mut trail_at = inner.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
        if inner[trail_at..].starts_with('.') {
            let w = &inner[..trail_at];
            // An initial ("J."), letters with stops ("U.S."), a known short form ("Dr.").
            let abbrev = w.chars().count() == 1 && w.chars().next().is_some_and(char::is_uppercase)
                || w.contains('.')
                || matches!(
                    w.to_lowercase().as_str(),
                    "dr" | "mr"
                        | "mrs"
                        | "ms"
                        | "sen"
                        | "rep"
                        | "gov"
                        | "gen"
                        | "lt"
                        | "col"
                        | "sgt"
                        | "capt"
                        | "prof"
                        | "rev"
                        | "st"
                        | "jr"
                        | "inc"
                        | "corp"
                        | "co"
                );
            if abbrev {
                trail_at += 1;
            }
        }
        let word = &inner[..trail_at];
        if word.is_empty() {
            continue;
        }
        out.push(Tok {
            start: start + lead,
            end: start + lead + trail_at,
            word,
            lower: word.to_lowercase(),
            after: &inner[trail_at..],
            before: &raw[..lead],
        });
    }
    out
}

const PRONOUNS_PERSON: &[&str] = &["he", "she"];
const PRONOUNS_GROUP: &[&str] = &["they", "it", "we"];
/// Words between a subject and its verb ("Kerry also said", "has warned", "on Monday").
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
    "are",
    "will",
    "would",
    "could",
    "recently",
    "reportedly",
    "publicly",
    "privately",
    "already",
    "once",
    "earlier",
    "further",
    "even",
    "flatly",
    "quickly",
    "just",
    "firmly",
    "strongly",
    "simply",
    "still",
    "often",
    "never",
    "sharply",
    "openly",
    "long",
];
/// Function words that are capitalised only because they start a sentence.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "there",
    "here",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "asked",
    "speaking",
    "according",
    "however",
    "meanwhile",
    "still",
    "later",
    "earlier",
    "now",
    "then",
    "editor's",
    "editor’s",
    "last",
    "next",
    "on",
    "by",
    "with",
    "from",
    "of",
    "to",
    "critics",
    "officials",
    "experts",
    "analysts",
    "residents",
];

// ---------------------------------------------------------------------------------------
// Noun phrases

/// A noun phrase that may name a speaker.
#[derive(Debug, Clone, PartialEq)]
enum Np {
    /// A person's name, with the title before it.
    Person { name: String, title: Vec<String> },
    /// One capitalised word: a surname, or an organisation's one-word name.
    Surname(String),
    /// An organisation's name ("The Morning Post", "Westfield Homes", "The Rivera campaign").
    Organisation { name: String, media: bool },
    /// A description: the head noun and the whole phrase ("a senior official in the
    /// department", "the newspaper").
    Description {
        head: String,
        text: String,
        org: bool,
        media: bool,
    },
    Pronoun {
        group: bool,
        /// "she" (for "he" and the group pronouns: false).
        female: bool,
    },
}

/// Read a noun phrase from tokens `toks` (its whole extent).
fn classify(toks: &[Tok<'_>], s: &str, w: &Words) -> Option<Np> {
    if toks.is_empty() || toks.len() > 14 {
        return None;
    }
    if toks.len() == 1 {
        let l = toks[0].lower.as_str();
        if PRONOUNS_PERSON.contains(&l) {
            return Some(Np::Pronoun {
                group: false,
                female: l == "she",
            });
        }
        if PRONOUNS_GROUP.contains(&l) {
            return Some(Np::Pronoun {
                group: true,
                female: false,
            });
        }
        // A capitalised function word or contraction is not a name ("Few", "We’re").
        if Lexicons::built_in().is_stopword(l)
            || l.contains(['\'', '’'])
                && !l.ends_with("’s")
                && !l.ends_with("'s")
                && !l.starts_with("o'")
                && !l.starts_with("o’")
        {
            return None;
        }
    }
    // The writer ("Like I said", "we said") is not a quoted speaker.
    if toks
        .iter()
        .any(|t| matches!(t.word, "I" | "we" | "We" | "you" | "You"))
    {
        return None;
    }
    let text = s[toks[0].start..toks[toks.len() - 1].end].to_owned();
    // A name after a title of one or more words, with whatever qualifies the title before
    // it: "Secretary of State Kerry", "State Department spokeswoman Jen Psaki", "White
    // House press secretary Josh Earnest".
    if let Some(j) = w.title_end(toks)
        && j < toks.len()
        && toks.len() - j <= 3
        && toks[j..].iter().all(|t| t.cap() && !w.is_title(&t.lower))
    {
        let name: Vec<&str> = toks[j..].iter().map(|t| t.word).collect();
        let title: Vec<&str> = toks[..j].iter().map(|t| t.lower.as_str()).collect();
        let title = vec![title.join(" ")];
        return Some(Np::Person {
            name: name.join(" "),
            title,
        });
    }
    // The head: the last word before a preposition phrase ("official in the department").
    let head_at = toks
        .iter()
        .position(|t| {
            matches!(
                t.lower.as_str(),
                "in" | "for" | "of" | "at" | "from" | "with" | "who" | "seen" | "close"
            )
        })
        .filter(|&p| p > 0)
        .map_or(toks.len() - 1, |p| p - 1);
    let head = toks[head_at]
        .lower
        .trim_end_matches(['’', '\''])
        .trim_end_matches("’s")
        .to_owned();
    // Capitalised words, apart from a sentence-opening function word.
    let caps: Vec<usize> = (0..=head_at)
        .filter(|&i| toks[i].cap() && !(i == 0 && OPENERS.contains(&toks[i].lower.as_str())))
        .collect();
    let org_word = w.org(&head);
    // "Tunisian Islamists", "American officials": a described group, not a name.
    if toks.len() >= 2 && w.nationalities.iter().any(|n| *n == toks[0].lower) && org_word.is_none()
    {
        return Some(Np::Description {
            head,
            text: strip_article(&text),
            org: false,
            media: false,
        });
    }
    if !caps.is_empty() && caps.iter().all(|&i| i <= head_at) {
        // An organisation: ends in an organisation word, or is "The Name" / "The Name noun".
        let ends_org = org_word.is_some();
        let with_the = toks[0].lower == "the";
        if ends_org || (with_the && caps.len() == head_at + 1 - 1) {
            let media = org_word.is_some_and(|o| o.media)
                || caps
                    .iter()
                    .any(|&i| w.org(&toks[i].lower).is_some_and(|o| o.media));
            return Some(Np::Organisation {
                name: s[toks[0].start..toks[head_at].end].to_owned(),
                media,
            });
        }
        // A person: title words, then the name (its last two or three capitalised words).
        if caps.len()
            == head_at + 1
                - usize::from(!toks[0].cap() || OPENERS.contains(&toks[0].lower.as_str()))
            || caps.last() == Some(&head_at)
        {
            let mut name_start = head_at + 1;
            while name_start > 0 {
                let t = &toks[name_start - 1];
                if !t.cap()
                    || w.is_title(&t.lower)
                    || (name_start - 1 == 0 && OPENERS.contains(&t.lower.as_str()))
                {
                    break;
                }
                name_start -= 1;
            }
            let mut names: Vec<&str> = toks[name_start..=head_at].iter().map(|t| t.word).collect();
            if names.is_empty() {
                // Only a title: a description ("Mayor" alone does not occur; "the Mayor").
                return Some(Np::Description {
                    head: head.clone(),
                    text: strip_article(&text),
                    org: false,
                    media: false,
                });
            }
            if names.len() > 3 {
                names.drain(..names.len() - 2);
            }
            let title: Vec<String> = toks[..name_start].iter().map(|t| t.lower.clone()).collect();
            let name = names.join(" ");
            if names.len() == 1 && title.is_empty() {
                return Some(Np::Surname(name));
            }
            return Some(if names.len() == 1 {
                Np::Surname(name)
            } else {
                Np::Person { name, title }
            });
        }
    }
    if w.is_role(&head) {
        return Some(Np::Description {
            head,
            text: strip_article(&text),
            org: false,
            media: false,
        });
    }
    if let Some(o) = org_word {
        return Some(Np::Description {
            head,
            text: strip_article(&text),
            org: true,
            media: o.media,
        });
    }
    None
}

fn strip_article(s: &str) -> String {
    let lower = s.to_lowercase();
    for a in ["a ", "an ", "one ", "some "] {
        if lower.starts_with(a) {
            return s[a.len()..].to_owned();
        }
    }
    s.to_owned()
}

/// The subject right before token `verb` in `toks[from..verb]`: `(first token, last token)`
/// of the noun phrase, and the apposition that introduces it.
fn subject_before(
    toks: &[Tok<'_>],
    from: usize,
    verb: usize,
    s: &str,
    w: &Words,
) -> Option<(usize, usize, Np, Option<String>)> {
    let mut end = verb;
    while end > from && BETWEEN.contains(&toks[end - 1].lower.as_str()) && !toks[end - 1].comma() {
        end -= 1;
    }
    // "in a statement," / "on Monday" between subject and verb.
    if end > from + 3
        && toks[end - 3].lower == "in"
        && matches!(
            toks[end - 1].lower.as_str(),
            "statement" | "interview" | "email" | "letter" | "post"
        )
    {
        end -= 3;
    }
    if end > from + 2 && toks[end - 2].lower == "on" && is_day_word(&toks[end - 1].lower) {
        end -= 2;
    }
    if end <= from {
        return None;
    }
    // A comma right before the verb closes an apposition or an aside.
    let mut intro = None;
    if toks[end - 1].comma() {
        // The aside: back to the comma before it.
        let mut k = end - 1;
        while k > from && !toks[k - 1].comma() {
            k -= 1;
        }
        if k == from {
            return None;
        }
        let aside = &toks[k..end];
        let first = aside[0].lower.as_str();
        let participle =
            first.ends_with("ing") || matches!(first, "who" | "which" | "whose" | "whom");
        let before = {
            let mut j = k - 1;
            while j > from && !toks[j - 1].comma() && !is_boundary(&toks[j - 1]) {
                j -= 1;
            }
            (j, k)
        };
        let np_before = classify(&toks[before.0..before.1], s, w);
        let np_aside = classify(aside, s, w);
        let aside_text = s[aside[0].start..aside[aside.len() - 1].end].to_owned();
        return match (np_before, np_aside) {
            // "A senior official, speaking on condition of anonymity because …,"
            (Some(np), _) if participle => Some((before.0, before.1 - 1, np, None)),
            // "Daniel Ortiz, a spokesman for the mayor,"
            (
                Some(np @ (Np::Person { .. } | Np::Surname(_) | Np::Organisation { .. })),
                Some(Np::Description { .. }),
            ) => {
                intro = Some(aside_text);
                Some((before.0, before.1 - 1, np, intro))
            }
            // "A spokesman for the mayor, Daniel Ortiz," / "the company's chief executive, Ruth Adler,"
            (
                Some(Np::Description { text, .. }),
                Some(np @ (Np::Person { .. } | Np::Surname(_))),
            ) => Some((k, end - 1, np, Some(text))),
            (_, Some(np @ (Np::Person { .. } | Np::Organisation { .. }))) => {
                Some((k, end - 1, np, intro))
            }
            _ => None,
        };
    }
    let mut start = end - 1;
    while start > from
        && !toks[start - 1].stops()
        && !is_boundary(&toks[start - 1])
        && end - start < 10
        // "… by the U.S. One senior official said": a sentence after an abbreviation.
        && !(toks[start - 1].word.ends_with('.')
            && !w.is_title(&toks[start - 1].lower)
            && toks[start].cap()
            && (OPENERS.contains(&toks[start].lower.as_str()) || toks[start].lower == "one"))
    {
        start -= 1;
    }
    // "But", "And" open the clause, not the subject.
    while start < end - 1
        && matches!(
            toks[start].lower.as_str(),
            "but" | "and" | "yet" | "so" | "still" | "then" | "later" | "meanwhile"
        )
    {
        start += 1;
    }
    let np = classify(&toks[start..end], s, w)?;
    Some((start, end - 1, np, intro))
}

fn is_day_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "sunday,"
            | "wednesday,"
    )
}

/// Words that end a clause before a subject ("that", "and", "because").
fn is_boundary(t: &Tok<'_>) -> bool {
    matches!(
        t.lower.as_str(),
        "that"
            | "and"
            | "but"
            | "because"
            | "while"
            | "although"
            | "though"
            | "when"
            | "after"
            | "before"
            | "if"
            | "as"
            | "since"
            | "where"
            | "whether"
    ) || t.after.contains([';', ':'])
}

/// The subject after an inverted verb ("said Tom Becker, the county engineer", "said the
/// mayor"): (first, last token, np, apposition).
fn subject_after(
    toks: &[Tok<'_>],
    at: usize,
    s: &str,
    w: &Words,
) -> Option<(usize, usize, Np, Option<String>)> {
    if at >= toks.len() {
        return None;
    }
    let mut end = at;
    while end < toks.len() && end - at < 9 {
        let t = &toks[end];
        end += 1;
        if t.stops() || t.after.chars().any(is_open_quote) {
            break;
        }
        if end < toks.len()
            && (toks[end].before.chars().any(is_open_quote)
                || matches!(
                    toks[end].lower.as_str(),
                    "that" | "on" | "in" | "who" | "after" | "before" | "as" | "when"
                ))
        {
            break;
        }
    }
    let np = classify(&toks[at..end], s, w)?;
    // An apposition after the name: "Tom Becker, the county engineer."
    let mut intro = None;
    if toks[end - 1].comma() && end < toks.len() {
        let mut k = end;
        while k < toks.len() && k - end < 10 {
            let t = &toks[k];
            k += 1;
            if t.stops() {
                break;
            }
        }
        if let Some(Np::Description { .. }) = classify(&toks[end..k], s, w) {
            intro = Some(s[toks[end].start..toks[k - 1].end].to_owned());
        }
    }
    Some((at, end - 1, np, intro))
}

// ---------------------------------------------------------------------------------------
// Entities

struct Entities<'w> {
    list: Vec<Entity>,
    /// Per entity: known to be referred to as "he" (`Some(false)`) or "she" (`Some(true)`).
    female: Vec<Option<bool>>,
    /// (position in the document, entity), in the order found.
    seen: Vec<(usize, usize)>,
    words: &'w Words,
}

impl<'w> Entities<'w> {
    fn new(words: &'w Words) -> Self {
        Self {
            list: Vec::new(),
            female: Vec::new(),
            seen: Vec::new(),
            words,
        }
    }

    /// Learn a person's gender from a title or role ("Mrs", "spokeswoman").
    fn learn_gender(&mut self, e: usize, words: &[String]) {
        self.female.resize(self.list.len(), None);
        for w in words.iter().flat_map(|r| r.split_whitespace()) {
            let w = w.trim_end_matches(['.', ',']);
            let g = match w {
                "mr" | "he" | "his" | "him" | "king" | "prince" | "sir" | "lord" | "father" => {
                    Some(false)
                }
                "mrs" | "ms" | "miss" | "she" | "her" | "queen" | "princess" | "lady" | "dame"
                | "mother" => Some(true),
                _ if w.ends_with("woman") => Some(true),
                _ if w.ends_with("man") && w.len() > 5 => Some(false),
                _ => None,
            };
            if g.is_some() {
                self.female[e] = g;
            }
        }
    }

    fn gender(&self, e: usize) -> Option<bool> {
        self.female.get(e).copied().flatten()
    }

    fn add_mention(&mut self, e: usize, span: Span, form: MentionForm) {
        if !self.list[e].mentions.iter().any(|m| m.span == span) {
            self.list[e].mentions.push(Mention {
                span: span.clone(),
                form,
            });
            self.seen.push((span.start, e));
        }
    }

    fn refresh_type(&mut self, e: usize) {
        let ent = &self.list[e];
        let t = self.words.speaker_type(&ent.roles, ent.kind);
        self.list[e].speaker_type = t;
    }

    fn person(&mut self, name: &str, roles: &[String], span: Span) -> usize {
        let key = name.to_lowercase();
        let e = match self
            .list
            .iter()
            .position(|x| x.kind == EntityKind::Person && x.name.to_lowercase() == key)
        {
            Some(e) => e,
            None => {
                self.list.push(Entity {
                    name: name.to_owned(),
                    kind: EntityKind::Person,
                    roles: Vec::new(),
                    introduction: None,
                    speaker_type: SpeakerType::Citizen,
                    mentions: Vec::new(),
                });
                self.list.len() - 1
            }
        };
        for r in roles {
            if !r.is_empty() && !self.list[e].roles.contains(r) {
                self.list[e].roles.push(r.clone());
            }
        }
        self.learn_gender(e, roles);
        self.add_mention(e, span, MentionForm::Name);
        self.refresh_type(e);
        e
    }

    fn organisation(&mut self, name: &str, media: bool, span: Span) -> usize {
        let key = name.to_lowercase();
        let key = key.strip_prefix("the ").unwrap_or(&key).to_owned();
        let e = match self.list.iter().position(|x| {
            matches!(x.kind, EntityKind::Organisation | EntityKind::Media)
                && x.name
                    .to_lowercase()
                    .strip_prefix("the ")
                    .unwrap_or(&x.name.to_lowercase())
                    == key
        }) {
            Some(e) => e,
            None => {
                self.list.push(Entity {
                    name: name.to_owned(),
                    kind: if media {
                        EntityKind::Media
                    } else {
                        EntityKind::Organisation
                    },
                    roles: Vec::new(),
                    introduction: None,
                    speaker_type: if media {
                        SpeakerType::Media
                    } else {
                        SpeakerType::Organisation
                    },
                    mentions: Vec::new(),
                });
                self.list.len() - 1
            }
        };
        self.add_mention(e, span, MentionForm::Name);
        e
    }

    /// The person whose name ends with `surname`, nearest before `at` (else after it).
    fn by_surname(&self, surname: &str, at: usize) -> Option<usize> {
        let key = surname.to_lowercase();
        let matches = |e: usize| {
            let ent = &self.list[e];
            ent.kind == EntityKind::Person
                && ent
                    .name
                    .split_whitespace()
                    .last()
                    .is_some_and(|l| l.to_lowercase() == key)
        };
        self.nearest(at, matches)
    }

    /// The entity nearest before `at` that `ok` accepts (else the first after it).
    fn nearest(&self, at: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
        self.seen
            .iter()
            .filter(|(p, e)| *p < at && ok(*e))
            .max_by_key(|(p, _)| *p)
            .or_else(|| {
                self.seen
                    .iter()
                    .filter(|(p, e)| *p >= at && ok(*e))
                    .min_by_key(|(p, _)| *p)
            })
            .map(|(_, e)| *e)
    }

    /// The nearest entity before `at` that `ok` accepts, looking back only.
    fn last_before(&self, at: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
        self.seen
            .iter()
            .filter(|(p, e)| *p < at && ok(*e))
            .max_by_key(|(p, _)| *p)
            .map(|(_, e)| *e)
    }

    fn unnamed(&mut self, text: &str, head: &str, span: Span) -> usize {
        let key = text.to_lowercase();
        let e = match self
            .list
            .iter()
            .position(|x| x.kind == EntityKind::Unnamed && x.name.to_lowercase() == key)
        {
            Some(e) => e,
            None => {
                self.list.push(Entity {
                    name: text.to_owned(),
                    kind: EntityKind::Unnamed,
                    roles: vec![head.to_owned()],
                    introduction: None,
                    speaker_type: SpeakerType::Anonymous,
                    mentions: Vec::new(),
                });
                self.list.len() - 1
            }
        };
        self.add_mention(e, span, MentionForm::Description);
        self.refresh_type(e);
        e
    }

    /// Find (or make) the entity a speaker noun phrase stands for.
    fn resolve(
        &mut self,
        np: &Np,
        span: Span,
        intro: Option<String>,
        at: usize,
    ) -> Option<(usize, Resolution)> {
        let w = self.words;
        let found = match np {
            Np::Person { name, title } => {
                let mut roles = title.clone();
                if let Some(i) = &intro {
                    roles.push(i.to_lowercase());
                }
                // A known surname with a first name added later stays one person.
                let e = match self
                    .by_surname(name.split_whitespace().last().unwrap_or(name), at)
                    .filter(|&e| self.list[e].name.split_whitespace().count() == 1)
                {
                    Some(e) => {
                        self.list[e].name = name.clone();
                        e
                    }
                    None => self.person(name, &roles, span.clone()),
                };
                for r in roles {
                    if !self.list[e].roles.contains(&r) {
                        self.list[e].roles.push(r);
                    }
                }
                self.add_mention(e, span.clone(), MentionForm::Name);
                self.refresh_type(e);
                (e, Resolution::Name)
            }
            Np::Surname(name) => match self.by_surname(name, at) {
                Some(e) => {
                    self.add_mention(e, span.clone(), MentionForm::Surname);
                    (e, Resolution::Surname)
                }
                None => match self.list.iter().position(|x| {
                    matches!(x.kind, EntityKind::Organisation | EntityKind::Media)
                        && x.name.to_lowercase().trim_start_matches("the ") == name.to_lowercase()
                }) {
                    Some(e) => {
                        self.add_mention(e, span.clone(), MentionForm::Name);
                        (e, Resolution::Name)
                    }
                    None => (self.person(name, &[], span.clone()), Resolution::Name),
                },
            },
            Np::Organisation { name, media } => (
                self.organisation(name, *media, span.clone()),
                Resolution::Name,
            ),
            Np::Description {
                head,
                text,
                org,
                media,
            } => {
                let the = text.to_lowercase().starts_with("the ");
                let singular = head.trim_end_matches('s');
                let holds = |ents: &Entities<'_>, e: usize| {
                    let ent = &ents.list[e];
                    ent.kind == EntityKind::Person
                        && ent.roles.iter().any(|r| {
                            r.split_whitespace().any(|x| {
                                x == head || x == singular || x.trim_end_matches('s') == singular
                            })
                        })
                };
                if *org {
                    let ok = |ents: &Entities<'_>, e: usize| {
                        let ent = &ents.list[e];
                        match ent.kind {
                            EntityKind::Media => *media,
                            EntityKind::Organisation => {
                                !*media
                                    && (ent.name.to_lowercase().contains(head.as_str())
                                        || matches!(
                                            head.as_str(),
                                            "company"
                                                | "firm"
                                                | "developer"
                                                | "group"
                                                | "organization"
                                                | "organisation"
                                        ))
                            }
                            _ => false,
                        }
                    };
                    let found = if the {
                        self.last_before(at, |e| ok(self, e))
                    } else {
                        None
                    };
                    match found {
                        Some(e) => {
                            self.add_mention(e, span.clone(), MentionForm::Description);
                            (e, Resolution::Organisation)
                        }
                        None => (
                            self.unnamed(text, head, span.clone()),
                            Resolution::Description,
                        ),
                    }
                } else {
                    let found = if the && w.is_title(head) || the && !head.ends_with('s') {
                        self.nearest(at, |e| holds(self, e))
                    } else {
                        None
                    };
                    match found {
                        Some(e) => {
                            self.add_mention(e, span.clone(), MentionForm::Description);
                            (e, Resolution::Role)
                        }
                        None => (
                            self.unnamed(text, head, span.clone()),
                            Resolution::Description,
                        ),
                    }
                }
            }
            Np::Pronoun { group, female } => {
                let ok = |ents: &Entities<'_>, e: usize| {
                    let k = ents.list[e].kind;
                    if *group {
                        k == EntityKind::Unnamed && ents.list[e].name.ends_with('s')
                            || matches!(k, EntityKind::Organisation | EntityKind::Media)
                    } else {
                        k == EntityKind::Person
                            && ents.gender(e).is_none_or(|g| g == *female)
                            && !w.looks_like_a_place(&ents.list[e].name)
                    }
                };
                let e = self.nearest(at, |e| ok(self, e))?;
                if !*group {
                    self.female.resize(self.list.len(), None);
                    self.female[e] = Some(*female);
                }
                self.add_mention(e, span.clone(), MentionForm::Pronoun);
                (e, Resolution::Pronoun)
            }
        };
        if let (Some(i), e) = (intro, found.0)
            && self.list[e].introduction.is_none()
        {
            let name = self.list[e].name.clone();
            self.list[e].introduction = Some(format!("{name}, {i}"));
        }
        Some(found)
    }

    /// Record the names in a sentence that nobody quotes (for pronouns and roles later):
    /// people with their titles and appositions, organisations.
    fn scan(&mut self, toks: &[Tok<'_>], s: &str, base: usize) {
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].cap()
                || (i == 0
                    && OPENERS.contains(&toks[i].lower.as_str())
                    && toks.len() > 1
                    && !toks[1].cap())
            {
                i += 1;
                continue;
            }
            let start = if i > 0 && toks[i - 1].lower == "the" {
                i - 1
            } else {
                i
            };
            // Title words in lower case before the name ("union leader Paula Greene").
            let mut j = i;
            while j < toks.len()
                && (toks[j].cap()
                    || (j > i
                        && matches!(toks[j].lower.as_str(), "of" | "de" | "van" | "von" | "al")))
            {
                if toks[j].stops() {
                    j += 1;
                    break;
                }
                j += 1;
            }
            let mut end = j;
            // "The Rivera campaign": a lower-case organisation word after the name.
            if end < toks.len()
                && (start < i || toks[start].lower == "the")
                && self.words.org(&toks[end].lower).is_some()
                && !toks[end - 1].stops()
            {
                end += 1;
            }
            let mut title_start = start;
            while title_start > 0
                && self.words.is_title(&toks[title_start - 1].lower)
                && !toks[title_start - 1].stops()
            {
                title_start -= 1;
            }
            if let Some(np) = classify(&toks[title_start..end], s, self.words) {
                let span = base + toks[title_start].start..base + toks[end - 1].end;
                // An apposition right after: "Karen Liu, the ministry's spokeswoman,".
                let intro = if toks[end - 1].comma() && end < toks.len() {
                    let mut k = end;
                    while k < toks.len() && k - end < 8 && !toks[k].stops() {
                        k += 1;
                    }
                    let k = (k + 1).min(toks.len());
                    match classify(&toks[end..k], s, self.words) {
                        Some(Np::Description { .. }) => {
                            Some(s[toks[end].start..toks[k - 1].end].to_owned())
                        }
                        _ => None,
                    }
                } else {
                    None
                };
                match &np {
                    Np::Person { .. } | Np::Organisation { .. } => {
                        let _ = self.resolve(&np, span, intro, base + toks[title_start].start);
                    }
                    Np::Surname(name) if self.by_surname(name, usize::MAX).is_some() => {
                        let _ = self.resolve(&np, span, None, base + toks[title_start].start);
                    }
                    _ => {}
                }
            }
            i = end.max(i + 1);
        }
        // Plural groups as subjects ("The nurses have been on strike"): for "they" later.
        if toks.len() > 2
            && toks[0].lower == "the"
            && self.words.is_role(&toks[1].lower)
            && toks[1].lower.ends_with('s')
        {
            let text = s[toks[0].start..toks[1].end].to_owned();
            let _ = self.unnamed(
                &text,
                &toks[1].lower,
                base + toks[0].start..base + toks[1].end,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Quotations

/// A stretch in quote marks in a block: (open mark, close mark end, inner span), relative
/// to the block; `open_end` when it runs to the block's end without a closing mark.
#[derive(Debug, Clone)]
struct Quoted {
    open: usize,
    close: usize,
    inner: Span,
    open_end: bool,
}

fn quotations(s: &str) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut straight: Option<(usize, usize)> = None;
    for (i, c) in s.char_indices() {
        match c {
            '\u{201C}' | '\u{00AB}' | '\u{201E}' if open.is_none() => {
                open = Some((i, i + c.len_utf8()))
            }
            '\u{201D}' | '\u{00BB}' => {
                if let Some((o, inner)) = open.take() {
                    out.push(Quoted {
                        open: o,
                        close: i + c.len_utf8(),
                        inner: inner..i,
                        open_end: false,
                    });
                }
            }
            '"' => match straight.take() {
                Some((o, inner)) => out.push(Quoted {
                    open: o,
                    close: i + 1,
                    inner: inner..i,
                    open_end: false,
                }),
                None => straight = Some((i, i + 1)),
            },
            _ => {}
        }
    }
    if let Some((o, inner)) = open {
        out.push(Quoted {
            open: o,
            close: s.len(),
            inner: inner..s.trim_end().len(),
            open_end: true,
        });
    }
    out.sort_by_key(|q| q.open);
    out
}

/// In quote marks as the name of something, said to be one: a title introduced as such
/// ("the book “The Quiet Years”", "on “Meet the Press”"), a nickname ("call her “Lolo”"),
/// a term held at arm's length ("the so-called “reform”").
fn names_a_work(s: &str, q: &Quoted) -> bool {
    let inner = s[q.inner.clone()].trim().trim_end_matches([',', '.']);
    let before: String = s[..q.open].to_lowercase();
    let before = before.trim_end();
    let intro_words = [
        "book",
        "novel",
        "film",
        "movie",
        "show",
        "program",
        "programme",
        "album",
        "song",
        "play",
        "series",
        "column",
        "essay",
        "article",
        "titled",
        "entitled",
        "called",
        "dubbed",
        "nicknamed",
        "known as",
        "so-called",
        "act",
        "law",
        "bill",
        "report",
        "podcast",
        "on",
        "named",
        "call him",
        "call her",
        "call them",
        "calls him",
        "calls her",
    ];
    intro_words.iter().any(|w| {
        before.ends_with(w)
            && !before[..before.len() - w.len()].ends_with(|c: char| c.is_alphanumeric())
    }) && inner.split_whitespace().count() <= 8
}

/// In quote marks with nobody said to speak it, and shaped like a title: title case
/// throughout, no sentence inside ("“Meet the Press”").
fn is_not_speech(s: &str, q: &Quoted) -> bool {
    let inner = s[q.inner.clone()].trim().trim_end_matches([',', '.']);
    let words: Vec<&str> = inner.split_whitespace().collect();
    // Title case throughout, no sentence inside: a title.
    let title_case = words.len() >= 2
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                || matches!(
                    *w,
                    "the" | "of" | "a" | "an" | "and" | "in" | "on" | "to" | "for" | "at"
                )
        })
        && !inner.contains(['.', '!', '?']);
    title_case && words.len() <= 8
}

// ---------------------------------------------------------------------------------------
// The analysis

/// A verb (or other cue) in a block: token index, class, how many tokens it takes.
fn cue_at(toks: &[Tok<'_>], i: usize, lx: &Lexicons) -> Option<(VerbClass, usize, String)> {
    let t = &toks[i];
    // "according to"
    if t.lower == "according" && toks.get(i + 1).is_some_and(|n| n.lower == "to") {
        return Some((VerbClass::Neutral, 2, "according to".to_owned()));
    }
    // "was quoted as saying"
    if t.lower == "quoted"
        && toks.get(i + 1).is_some_and(|n| n.lower == "as")
        && toks.get(i + 2).is_some_and(|n| n.lower == "saying")
    {
        return Some((VerbClass::Neutral, 3, "quoted as saying".to_owned()));
    }
    // "posted on X", "wrote in the Financial Review": the verb; the rest is skipped later.
    let v = lx.verb(&t.lower)?;
    // After a possessive or a determiner it is a noun ("Uber’s tweet", "the report").
    if i > 0 && toks[i - 1].after.is_empty() {
        let p = toks[i - 1].lower.as_str();
        if p.ends_with("'s")
            || p.ends_with("’s")
            || matches!(
                p,
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "our"
                    | "my"
                    | "your"
                    | "this"
            )
        {
            return None;
        }
    }
    // Two-word verbs ("pointed out").
    if v.lemma.contains(' ') {
        return None;
    }
    if t.word != t.lower && i > 0 {
        return None; // "States" in "United States"
    }
    Some((v.class, 1, t.word.to_owned()))
}

/// Tokens after a cue that are not yet the content: "told reporters", "said in a
/// statement", "wrote in the Financial Review", "posted on X", "said on Tuesday".
fn skip_after_cue(toks: &[Tok<'_>], mut at: usize) -> usize {
    let lower = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    // Whom it was told to: "told him", "told the BBC", "warning the United States that".
    let takes_object = at > 0
        && Lexicons::built_in().verb(lower(at - 1)).is_some_and(|v| {
            matches!(
                v.lemma.as_str(),
                "tell" | "warn" | "assure" | "remind" | "inform" | "urge" | "caution" | "advise"
            )
        });
    if takes_object {
        if matches!(lower(at), "him" | "her" | "them" | "us" | "me" | "you") {
            at += 1;
        } else {
            let mut k = at + usize::from(lower(at) == "the");
            let from = k;
            while k < toks.len() && toks[k].cap() && k - from < 4 {
                k += 1;
                if toks[k - 1].stops() {
                    break;
                }
            }
            if k > from {
                at = k;
            }
        }
    }
    loop {
        if matches!(
            lower(at),
            "reporters" | "journalists" | "lawmakers" | "supporters" | "congress"
        ) {
            at += 1;
        } else if lower(at) == "in"
            && matches!(lower(at + 1), "a" | "an")
            && matches!(
                lower(at + 2),
                "statement" | "interview" | "email" | "letter" | "post" | "speech"
            )
        {
            at += 3;
        } else if matches!(lower(at), "in" | "on" | "to")
            && toks
                .get(at + 1)
                .is_some_and(|t| t.cap() || t.lower == "the")
        {
            // "in the Financial Review", "on X", "to the Daily Ledger"
            let mut k = at + 1;
            while k < toks.len() && (toks[k].cap() || toks[k].lower == "the") && k - at < 6 {
                k += 1;
                if toks[k - 1].stops() {
                    break;
                }
            }
            at = k;
        } else if lower(at) == "on" && is_day_word(lower(at + 1)) {
            at += 2;
        } else if is_day_word(lower(at)) {
            at += 1;
        } else if lower(at) == "that" {
            return at + 1;
        } else {
            return at;
        }
    }
}

/// Find the attributions of a document (the comment thread is left to the thread model:
/// each comment is its author's).
pub fn analyze(doc: &Document, words: &Words) -> Analysis {
    let lx = Lexicons::built_in();
    let text = &doc.text;
    let mut ents = Entities::new(words);
    let mut out: Vec<Attribution> = Vec::new();
    // The attribution a quotation left open at the end of the last paragraph.
    let mut running: Option<usize> = None;
    for (_, block, scope) in scoped_blocks(doc) {
        // The thread is the thread model's (each comment is its author's); an excerpt with
        // its source is the source's whole.
        let excerpt = block.kind == crate::document::BlockKind::Quote
            && block.quote.as_ref().is_some_and(|q| q.source.is_some());
        if scope == Scope::Thread || block.kind == crate::document::BlockKind::Title || excerpt {
            running = None;
            continue;
        }
        let base = block.span.start;
        let s = &text[block.span.clone()];
        if s.to_lowercase().starts_with("editor's note")
            || s.to_lowercase().starts_with("editor’s note")
        {
            continue;
        }
        let toks = tokens(s);
        // Names for later pronouns and roles, sentence by sentence.
        let sentences = sentence_spans(s);
        for sent in &sentences {
            let st: Vec<Tok<'_>> = toks
                .iter()
                .filter(|t| t.start >= sent.start && t.end <= sent.end)
                .cloned()
                .collect();
            ents.scan(&st, s, base);
        }
        let quotes: Vec<Quoted> = quotations(s);
        let tok_at = |byte: usize| {
            toks.iter()
                .position(|t| t.start >= byte)
                .unwrap_or(toks.len())
        };
        let tok_before = |byte: usize| toks.iter().rposition(|t| t.end <= byte);
        let mut consumed: Vec<Span> = Vec::new();
        let mut last_in_block: Option<usize> = None;
        let continues_running = running.is_some()
            && quotes
                .first()
                .is_some_and(|q| s[..q.open].trim().is_empty());
        for (qi, q) in quotes.iter().enumerate() {
            let inner_words = word_count(&s[q.inner.clone()]);
            let sentence = sentences
                .iter()
                .find(|r| r.start <= q.open && q.open < r.end.max(r.start + 1))
                .cloned()
                .unwrap_or(0..s.len());
            // Inside a reported clause already taken whole (a second quotation in it).
            if names_a_work(s, q)
                || consumed
                    .iter()
                    .any(|c| c.start <= q.open && q.close <= c.end)
            {
                continue;
            }
            let mut found: Option<(Cue, Span, Np, Option<String>, bool)> = None; // cue, mention, np, intro, mixed
            // a. After the closing mark: ",” Kim told reporters" / ",” said Tom Becker".
            if !q.open_end {
                let i0 = tok_at(q.close);
                let limit = (i0 + 12).min(toks.len());
                let next_quote = quotes.get(qi + 1).map_or(usize::MAX, |n| n.open);
                for i in i0..limit {
                    // Not past the next quotation, nor into the next sentence.
                    if toks[i].start > next_quote
                        || (i > i0 && toks[i - 1].after.contains(['.', '!', '?']))
                    {
                        break;
                    }
                    if let Some((class, n, cue_text)) = cue_at(&toks, i, lx) {
                        let cue = Cue {
                            span: base + toks[i].start..base + toks[i + n - 1].end,
                            text: cue_text,
                            class,
                            form: CueForm::Verb,
                        };
                        let subject = if i == i0 {
                            subject_after(&toks, i + n, s, words)
                        } else {
                            subject_before(&toks, i0, i, s, words)
                                .map(|(a, b, np, intro)| (a, b, np, intro))
                        };
                        if let Some((a, b, np, intro)) = subject {
                            found = Some((
                                cue,
                                base + toks[a].start..base + toks[b].end,
                                np,
                                intro,
                                false,
                            ));
                        }
                        break;
                    }
                    if toks[i].stops() && i > i0 + 8 {
                        break;
                    }
                }
            }
            // b. Before the opening mark: "Linda Cho said: “…”", "said the city “has no plans”",
            // "Councillor Ben Ito: “…”", "According to X, “…”".
            if found.is_none() {
                let i1 = tok_before(q.open).map_or(0, |i| i + 1);
                let i0 = toks
                    .iter()
                    .position(|t| t.start >= sentence.start)
                    .unwrap_or(0)
                    .min(i1);
                // The last cue before the quotation in its sentence.
                let mut hit = None;
                let mut i = i0;
                while i < i1 {
                    if let Some((class, n, cue_text)) = cue_at(&toks, i, lx) {
                        hit = Some((i, class, n, cue_text));
                        i += n;
                    } else {
                        i += 1;
                    }
                }
                if let Some((i, class, n, cue_text)) = hit {
                    let cue = Cue {
                        span: base + toks[i].start..base + toks[i + n - 1].end,
                        text: cue_text.clone(),
                        class,
                        form: if cue_text == "according to" {
                            CueForm::AccordingTo
                        } else {
                            CueForm::Verb
                        },
                    };
                    let subject = if cue_text == "according to" {
                        subject_after(&toks, i + n, s, words)
                    } else {
                        subject_before(&toks, i0, i, s, words).or_else(|| {
                            // "“…,” asked …" handled above; "Asked whether …, Mayor Tim Shaw replied:"
                            None
                        })
                    };
                    if let Some((a, b, np, intro)) = subject {
                        // Words between the cue and the mark make it a reported clause.
                        let gap = skip_after_cue(&toks, i + n);
                        let mixed = gap < i1
                            && !toks[i + n - 1].after.contains(':')
                            && !toks[i + n - 1].comma();
                        found = Some((
                            cue,
                            base + toks[a].start..base + toks[b].end,
                            np,
                            intro,
                            mixed,
                        ));
                    }
                } else if i1 > i0 && toks[i1 - 1].after.contains(':') {
                    // "Councillor Ben Ito: “…”"
                    if let Some(np) = classify(&toks[i0..i1], s, words)
                        && matches!(
                            np,
                            Np::Person { .. } | Np::Surname(_) | Np::Organisation { .. }
                        )
                    {
                        let cue = Cue {
                            span: base + toks[i1 - 1].end..base + toks[i1 - 1].end + 1,
                            text: ":".to_owned(),
                            class: VerbClass::Neutral,
                            form: CueForm::Colon,
                        };
                        found = Some((
                            cue,
                            base + toks[i0].start..base + toks[i1 - 1].end,
                            np,
                            None,
                            false,
                        ));
                    }
                }
            }
            if found.is_none() && is_not_speech(s, q) {
                continue;
            }
            match found {
                Some((cue, mention, np, intro, mixed)) => {
                    let resolved = ents.resolve(&np, mention.clone(), intro, mention.start);
                    let (kind, content) = if mixed {
                        // The reported clause: from after the cue to the end of the sentence.
                        let i = tok_at(cue.span.end - base);
                        let from = toks
                            .get(skip_after_cue(&toks, i))
                            .map_or(q.open, |t| t.start.min(q.open));
                        let from = if from > q.open { q.open } else { from };
                        let end = s[..sentence.end.max(q.close).min(s.len())]
                            .trim_end_matches(['.', ' '])
                            .len();
                        (AttributionKind::Mixed, base + from..base + end.max(q.close))
                    } else {
                        (
                            AttributionKind::Direct,
                            base + q.inner.start..base + q.inner.end,
                        )
                    };
                    if mixed {
                        consumed.push(sentence.clone());
                    }
                    consumed.push(q.open..q.close);
                    out.push(Attribution {
                        kind,
                        words: word_count(&text[content.clone()]),
                        content,
                        cue: Some(cue),
                        speaker_mention: Some(mention),
                        entity: resolved.map(|r| r.0),
                        resolution: resolved.map(|r| r.1),
                        scope,
                    });
                    // A split quotation's first part, and a quotation from the paragraph
                    // before, share this speaker.
                    let me = out.len() - 1;
                    for earlier in [last_in_block, running].into_iter().flatten() {
                        if out[earlier].entity.is_none()
                            && out[earlier]
                                .cue
                                .as_ref()
                                .is_some_and(|c| c.form == CueForm::Continuation)
                        {
                            out[earlier].entity = out[me].entity;
                            out[earlier].resolution = Some(Resolution::Continuation);
                        }
                    }
                    last_in_block = Some(me);
                }
                None => {
                    // No attribution of its own: it continues the one before (a split
                    // quotation, a second quotation, a quotation over paragraphs) or waits
                    // for one after it; else it is nobody's — unless it is a scare quote.
                    let before = if qi == 0 && continues_running {
                        running
                    } else {
                        last_in_block
                    };
                    if inner_words <= 3 && before.is_none() {
                        continue;
                    }
                    let entity = before.and_then(|b| out[b].entity);
                    consumed.push(q.open..q.close);
                    out.push(Attribution {
                        kind: AttributionKind::Direct,
                        content: base + q.inner.start..base + q.inner.end,
                        cue: Some(Cue {
                            span: base + q.open..base + q.open,
                            text: String::new(),
                            class: before
                                .and_then(|b| out[b].cue.as_ref().map(|c| c.class))
                                .unwrap_or(VerbClass::Neutral),
                            form: CueForm::Continuation,
                        }),
                        speaker_mention: None,
                        entity,
                        resolution: entity.map(|_| Resolution::Continuation),
                        scope,
                        words: inner_words,
                    });
                    last_in_block = Some(out.len() - 1);
                }
            }
        }
        running = quotes.last().filter(|q| q.open_end).and(last_in_block);

        // Reported speech in the sentences left.
        for sent in &sentences {
            if consumed
                .iter()
                .any(|c| c.start < sent.end && sent.start < c.end)
            {
                continue;
            }
            let i0 = toks
                .iter()
                .position(|t| t.start >= sent.start)
                .unwrap_or(toks.len());
            let i_end = toks
                .iter()
                .rposition(|t| t.end <= sent.end)
                .map_or(i0, |i| i + 1);
            let mut i = i0;
            let mut speaker: Option<(Option<usize>, Option<Resolution>, Span)> = None;
            while i < i_end {
                let Some((class, n, cue_text)) = cue_at(&toks, i, lx) else {
                    i += 1;
                    continue;
                };
                let according = cue_text == "according to";
                // ", insisting that …", ", and warning that …": the last speaker goes on.
                let gerund = !according && toks[i].lower.ends_with("ing") && i > i0;
                let participle = gerund
                    && (toks[i - 1].comma()
                        || (toks[i - 1].lower == "and" && i > i0 + 1 && toks[i - 2].comma()));
                // "X responded by rejecting …": the subject of the verb before "by".
                let by_gerund = gerund
                    && !participle
                    && toks[i - 1].lower == "by"
                    && i > i0 + 2
                    && matches!(
                        toks[i - 2].lower.as_str(),
                        "responded" | "reacted" | "replied" | "answered" | "retorted"
                    );
                let subject = if according {
                    subject_after(&toks, i + n, s, words)
                } else if by_gerund {
                    subject_before(&toks, i0, i - 2, s, words)
                } else if participle {
                    None
                } else {
                    subject_before(&toks, i0, i, s, words)
                };
                // The clause must start at the subject: nothing but an opener before it.
                let starts_clause = |a: usize| {
                    a == i0
                        || toks[a - 1].comma()
                        || (a == i0 + 1
                            && matches!(
                                toks[i0].lower.as_str(),
                                "but"
                                    | "and"
                                    | "yet"
                                    | "so"
                                    | "later"
                                    | "still"
                                    | "meanwhile"
                                    | "however"
                            ))
                };
                let content = if according {
                    // "According to X, CONTENT." or "CONTENT, according to X."
                    match &subject {
                        Some((_, b, _, _)) if i == i0 || (i == i0 + 1 && toks[i0].cap()) => {
                            let from = b + 1;
                            (from < i_end).then(|| toks[from].start..sent_end(s, sent))
                        }
                        Some(_) if i > i0 && toks[i - 1].comma() => {
                            Some(toks[i0].start..toks[i - 1].end)
                        }
                        _ => None,
                    }
                } else {
                    let from = skip_after_cue(&toks, i + n);
                    // Verbs that also describe things (shows, reports, writes, adds) need "that".
                    let lemma = lx
                        .verb(&toks[i].lower)
                        .map(|v| v.lemma.clone())
                        .unwrap_or_default();
                    let needs_that = matches!(
                        lemma.as_str(),
                        "show"
                            | "report"
                            | "describe"
                            | "write"
                            | "post"
                            | "state"
                            | "announce"
                            | "add"
                            | "reply"
                            | "comment"
                            | "ask"
                            | "refuse"
                            | "explain"
                            | "note"
                            | "confirm"
                            | "reveal"
                            | "stress"
                    );
                    let has_that = from > i + n && toks[from - 1].lower == "that";
                    // "argue against", "spoke about", "said yes": not a clause that is reported.
                    let no_clause = toks.get(from).is_some_and(|t| {
                        matches!(
                            t.lower.as_str(),
                            "against"
                                | "for"
                                | "about"
                                | "with"
                                | "to"
                                | "of"
                                | "over"
                                | "at"
                                | "by"
                                | "into"
                                | "from"
                                | "up"
                                | "out"
                                | "off"
                                | "back"
                                | "yes"
                                | "no"
                                | "so"
                                | "goodbye"
                                | "nothing"
                                | "something"
                                | "little"
                                | "much"
                        )
                    });
                    if needs_that && !has_that || no_clause || from >= i_end {
                        None
                    } else {
                        Some(toks[from].start..sent_end(s, sent))
                    }
                };
                let resolved = match (&subject, participle, &speaker) {
                    (Some((a, b, np, intro)), false, _) if according || starts_clause(*a) => {
                        let mention = base + toks[*a].start..base + toks[*b].end;
                        let r = ents.resolve(np, mention.clone(), intro.clone(), mention.start);
                        Some((r.map(|r| r.0), r.map(|r| r.1), mention))
                    }
                    (_, true, Some(sp)) => Some(sp.clone()),
                    _ => None,
                };
                if let (Some((entity, resolution, mention)), Some(content)) = (resolved, content) {
                    let content = trim_content(s, content);
                    if word_count(&s[content.clone()]) >= 3 {
                        // The previous report ends where a participle starts (", insisting …").
                        let comma = match participle {
                            true if toks[i - 1].comma() => i - 1,
                            true => i - 2,
                            false => 0,
                        };
                        if participle
                            && let Some(last) = out.last_mut()
                            && last.content.end > base + toks[comma].start
                        {
                            last.content.end =
                                base + s[..toks[comma].end].trim_end_matches(',').len();
                            last.words = word_count(&text[last.content.clone()]);
                        }
                        let has_quote = s[content.clone()].chars().any(is_open_quote);
                        out.push(Attribution {
                            kind: if has_quote {
                                AttributionKind::Mixed
                            } else {
                                AttributionKind::Indirect
                            },
                            words: word_count(&s[content.clone()]),
                            content: base + content.start..base + content.end,
                            cue: Some(Cue {
                                span: base + toks[i].start..base + toks[i + n - 1].end,
                                text: cue_text,
                                class,
                                form: if according {
                                    CueForm::AccordingTo
                                } else {
                                    CueForm::Verb
                                },
                            }),
                            speaker_mention: Some(mention.clone()),
                            entity,
                            resolution,
                            scope,
                        });
                        speaker = Some((entity, resolution, mention));
                        if !according {
                            // Verbs inside what is reported are not new reports.
                            let next_participle = (i + n..i_end).find(|&k| {
                                toks[k].lower.ends_with("ing")
                                    && (toks[k - 1].comma()
                                        || toks[k - 1].lower == "and" && toks[k - 2].comma())
                                    && cue_at(&toks, k, lx).is_some()
                            });
                            i = next_participle.unwrap_or(i_end);
                            continue;
                        }
                        i = i_end;
                        continue;
                    }
                }
                i += n;
            }
        }
    }
    out.sort_by_key(|a| a.content.start);
    Analysis {
        attributions: out,
        entities: ents.list,
    }
}

/// The end of a sentence's words (its full stop left out).
fn sent_end(s: &str, sent: &Span) -> usize {
    s[..sent.end].trim_end_matches(['.', ' ', '!', '?']).len()
}

fn trim_content(s: &str, c: Span) -> Span {
    let t = &s[c.clone()];
    let lead = t.len() - t.trim_start().len();
    let end = c.start + t.trim_end_matches([' ', ',', '.']).len();
    c.start + lead..end.max(c.start + lead)
}
