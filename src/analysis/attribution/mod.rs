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

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::lexicon::{Lexicons, VerbClass};
use super::{Scope, scoped_blocks};
use crate::document::text::{is_close_quote, is_open_quote, sentence_spans, word_count};
use crate::document::{Document, Span};

mod analyze;
mod entities;
mod phrases;
mod quotations;
mod tokens;

pub use analyze::analyze;
use entities::*;
use phrases::*;
use quotations::*;
use tokens::*;

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

impl Resolution {
    /// Why the mention stands for its speaker, in a reader's words.
    pub fn explain(self) -> &'static str {
        match self {
            Self::Name => "the name",
            Self::Surname => "a surname of a person named before",
            Self::Role => "a role of a person named before",
            Self::Organisation => "a description of an organisation named before",
            Self::Pronoun => "a pronoun for the last compatible person or group",
            Self::Description => "a description, not resolved to a name",
            Self::Continuation => "the same speaker as the quotation it continues",
        }
    }
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

    /// One speaker of the type ("official", "anonymous source").
    pub fn singular(self) -> &'static str {
        match self {
            Self::Official => "official",
            Self::Expert => "expert",
            Self::Citizen => "citizen",
            Self::Anonymous => "anonymous source",
            Self::Organisation => "organisation",
            Self::Media => "media",
        }
    }

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
    /// Last words of place names ("street", "county", "valley").
    pub place_words: Vec<String>,
    /// Given names, mostly women's and mostly men's (`given-names.ron`).
    pub given: GivenNames,
    /// The lists as sets, for lookups (built by [`Words::from_ron`] and [`Words::reindex`]).
    #[serde(skip)]
    index: Index,
}

/// The lists as hash sets: attribution asks them several times per word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Index {
    titles: HashSet<String>,
    /// Last words of titles ("state" of "secretary of state").
    title_last: HashSet<String>,
    roles: HashSet<String>,
    organisations: HashMap<String, OrgWord>,
    nationalities: HashSet<String>,
    official: HashSet<String>,
    expert: HashSet<String>,
    place_openers: HashSet<String>,
    place_words: HashSet<String>,
    female: HashSet<String>,
    male: HashSet<String>,
}

impl Index {
    fn of(w: &Words) -> Self {
        let set = |v: &[String]| v.iter().map(|x| x.to_lowercase()).collect::<HashSet<_>>();
        let mut titles = HashSet::new();
        for t in &w.titles {
            let t = t.to_lowercase();
            if let Some(bare) = t.strip_suffix('.') {
                titles.insert(bare.to_owned());
            }
            titles.insert(t);
        }
        let title_last = titles
            .iter()
            .filter_map(|t| t.split_whitespace().last().map(str::to_owned))
            .collect();
        Self {
            titles,
            title_last,
            roles: set(&w.roles),
            organisations: w
                .organisations
                .iter()
                .map(|o| (o.word.to_lowercase(), o.clone()))
                .collect(),
            nationalities: set(&w.nationalities),
            official: set(&w.official),
            expert: set(&w.expert),
            place_openers: set(&w.place_openers),
            place_words: set(&w.place_words),
            female: set(&w.given.female),
            male: set(&w.given.male),
        }
    }
}

/// Common given names by the gender they are mostly given to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GivenNames {
    pub female: Vec<String>,
    pub male: Vec<String>,
}

const WORDS_RON: &str = include_str!("../../../assets/lexicons/attribution.ron");
const GIVEN_NAMES_RON: &str = include_str!("../../../assets/lexicons/given-names.ron");

impl Words {
    /// The built-in lists (`assets/lexicons/attribution.ron`, `given-names.ron`).
    pub fn built_in() -> &'static Words {
        static WORDS: LazyLock<Words> =
            LazyLock::new(|| Words::from_ron(WORDS_RON, GIVEN_NAMES_RON).unwrap_or_default());
        &WORDS
    }

    /// Read the lists from their RON files' text.
    pub fn from_ron(words: &str, given_names: &str) -> Result<Words, ron::error::SpannedError> {
        let mut w: Words = ron::from_str(words)?;
        w.given = ron::from_str(given_names)?;
        w.reindex();
        Ok(w)
    }

    /// Build the lookup sets again after the lists were changed.
    pub fn reindex(&mut self) {
        self.index = Index::of(self);
    }

    /// A noun that heads a description of people who speak: a role or a title.
    fn is_role(&self, w: &str) -> bool {
        self.index.roles.contains(w) || self.is_title(w)
    }

    /// What a given name says of gender: `Some(true)` for a woman's name.
    fn given_gender(&self, first: &str) -> Option<bool> {
        let first = first.to_lowercase();
        if self.index.female.contains(&first) {
            Some(true)
        } else if self.index.male.contains(&first) {
            Some(false)
        } else {
            None
        }
    }

    fn org(&self, w: &str) -> Option<&OrgWord> {
        self.index.organisations.get(w)
    }

    fn is_nationality(&self, w: &str) -> bool {
        self.index.nationalities.contains(w)
    }

    /// A title word, with or without its full stop ("Mr", "Mr.").
    fn is_title(&self, w: &str) -> bool {
        self.index.titles.contains(w)
    }

    /// A capitalised name that is a place rather than a person ("South Sudan", "New
    /// Jersey", "Tunisian Islamists"): its first word opens place names or is a
    /// nationality.
    fn looks_like_a_place(&self, name: &str) -> bool {
        let Some(first) = name.split_whitespace().next().map(str::to_lowercase) else {
            return false;
        };
        let last = name
            .split_whitespace()
            .last()
            .map(str::to_lowercase)
            .unwrap_or_default();
        name.split_whitespace().count() > 1
            && (self.index.place_openers.contains(&first)
                || self.index.nationalities.contains(&first)
                || self.index.place_words.contains(&last))
    }

    /// Where the last title in `toks` ends (one word, "Sen.", or several: "secretary of
    /// state", "prime minister"), if one does.
    fn title_end(&self, toks: &[Tok<'_>]) -> Option<usize> {
        (1..=toks.len()).rev().find(|&j| {
            if !self.index.title_last.contains(toks[j - 1].lower.as_str()) {
                return false;
            }
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
        let has = |set: &HashSet<String>| {
            roles.iter().any(|r| {
                let r = r.to_lowercase();
                set.contains(&r) || r.split_whitespace().any(|w| set.contains(w))
            })
        };
        if has(&self.index.expert) {
            SpeakerType::Expert
        } else if kind == EntityKind::Unnamed {
            SpeakerType::Anonymous
        } else if has(&self.index.official) {
            SpeakerType::Official
        } else {
            SpeakerType::Citizen
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lists_parse() {
        let w = Words::from_ron(WORDS_RON, GIVEN_NAMES_RON).unwrap();
        assert!(w.titles.len() > 50 && w.roles.len() > 50);
        assert!(!w.place_openers.is_empty() && !w.place_words.is_empty());
        assert_eq!(w.given_gender("Maria"), Some(true));
        assert_eq!(w.given_gender("Tom"), Some(false));
        assert_eq!(w.given_gender("Zzyzx"), None);
    }
}
