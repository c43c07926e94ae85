//! The word lists the analyses rest on (`assets/lexicons/`, embedded in the binary), parsed
//! once and compiled into matchers.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::phrases::{Case, PhraseMatcher};

/// How a reporting verb presents what was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum VerbClass {
    Neutral,
    Distancing,
    Rejecting,
    Conceding,
    Endorsing,
}

impl VerbClass {
    pub const ALL: [VerbClass; 5] = [
        Self::Neutral,
        Self::Distancing,
        Self::Rejecting,
        Self::Conceding,
        Self::Endorsing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Neutral => "neutral",
            Self::Distancing => "distancing",
            Self::Rejecting => "rejecting",
            Self::Conceding => "conceding",
            Self::Endorsing => "endorsing",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingVerb {
    pub lemma: String,
    pub class: VerbClass,
    pub forms: Vec<String>,
    /// The verb also describes things ("the chart shows a rise"): only "VERB that …"
    /// reports speech.
    #[serde(default)]
    pub needs_that: bool,
    /// Whom it is said to may follow the verb ("told the BBC …", "warned Iran that …").
    #[serde(default)]
    pub object: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct VerbFile {
    verbs: Vec<ReportingVerb>,
}

/// Hedge or booster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stance {
    Hedge,
    Booster,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct StanceFile {
    hedges: Vec<String>,
    boosters: Vec<String>,
}

/// What kind of actor a name denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ActorKind {
    Person,
    Country,
    Organization,
    Group,
    Media,
    Place,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Country => "country",
            Self::Organization => "organization",
            Self::Group => "group",
            Self::Media => "media",
            Self::Place => "place",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
}

/// Known actors and the names texts give them, compiled to match. An alias with a capital
/// letter matches exactly as written ("Kerry"); an all-lower-case alias matches in any case
/// ("secretary of state"). The actors are topic knowledge, so they travel with the codebook
/// (its `actors`), not with Parallax.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub actors: Vec<Actor>,
    /// Aliases written with a capital letter (match exactly); tag: actor index.
    pub exact: PhraseMatcher<usize>,
    /// All-lower-case aliases (match in any case); tag: actor index.
    pub any_case: PhraseMatcher<usize>,
}

impl Gazetteer {
    pub fn new(actors: Vec<Actor>) -> Self {
        let aliases = |capital: bool| {
            actors
                .iter()
                .enumerate()
                .flat_map(move |(i, a)| {
                    a.aliases
                        .iter()
                        .filter(move |al| al.chars().any(char::is_uppercase) == capital)
                        .map(move |al| (al.clone(), i))
                })
                .collect::<Vec<_>>()
        };
        Self {
            exact: PhraseMatcher::new(aliases(true), Case::Sensitive),
            any_case: PhraseMatcher::new(aliases(false), Case::Insensitive),
            actors,
        }
    }

    /// The gazetteer's name for a person the text names ("Kerry", "Ali Khameni").
    pub fn person(&self, name: &str) -> Option<&str> {
        self.actors
            .iter()
            .find(|a| a.kind == ActorKind::Person && a.aliases.iter().any(|x| x == name))
            .map(|a| a.name.as_str())
    }
}

const STANCE_RON: &str = include_str!("../../assets/lexicons/stance.ron");
const VERBS_RON: &str = include_str!("../../assets/lexicons/reporting-verbs.ron");
const STOPWORDS_RON: &str = include_str!("../../assets/lexicons/stopwords.ron");

/// Compiled lexicons.
#[derive(Debug)]
pub struct Lexicons {
    pub verbs: Vec<ReportingVerb>,
    /// Tag: index into `verbs`.
    pub verb_matcher: PhraseMatcher<usize>,
    pub stance: PhraseMatcher<Stance>,
    pub stopwords: HashSet<String>,
    /// Each verb form (lower case) and its verb: an index into `verbs`.
    verb_forms: std::collections::HashMap<String, usize>,
}

impl Lexicons {
    /// The built-in lexicons (parsed once; a test checks every file parses).
    pub fn built_in() -> &'static Lexicons {
        static LEXICONS: LazyLock<Lexicons> = LazyLock::new(|| {
            let verbs: VerbFile = ron::from_str(VERBS_RON).unwrap_or_default();
            let stance: StanceFile = ron::from_str(STANCE_RON).unwrap_or_default();
            let stopwords: Vec<String> = ron::from_str(STOPWORDS_RON).unwrap_or_default();
            Lexicons::new(verbs.verbs, stance.hedges, stance.boosters, stopwords)
        });
        &LEXICONS
    }

    pub fn new(
        verbs: Vec<ReportingVerb>,
        hedges: Vec<String>,
        boosters: Vec<String>,
        stopwords: Vec<String>,
    ) -> Self {
        // Verbs match in lower case only, so "States" in "United States" is not "states".
        let verb_matcher = PhraseMatcher::new(
            verbs
                .iter()
                .enumerate()
                .flat_map(|(i, v)| v.forms.iter().map(move |f| (f.clone(), i))),
            Case::Sensitive,
        );
        let stance = PhraseMatcher::new(
            hedges
                .into_iter()
                .map(|h| (h, Stance::Hedge))
                .chain(boosters.into_iter().map(|b| (b, Stance::Booster))),
            Case::Insensitive,
        );
        // A form listed under two verbs belongs to the first.
        let mut verb_forms = std::collections::HashMap::new();
        for (i, v) in verbs.iter().enumerate() {
            for f in &v.forms {
                verb_forms.entry(f.to_lowercase()).or_insert(i);
            }
        }
        Self {
            verb_forms,
            verb_matcher,
            verbs,
            stance,
            stopwords: stopwords.into_iter().collect(),
        }
    }

    /// The reporting verb a word form belongs to.
    pub fn verb(&self, form: &str) -> Option<&ReportingVerb> {
        let i = match self.verb_forms.get(form) {
            Some(i) => *i,
            None if form.chars().any(char::is_uppercase) => {
                *self.verb_forms.get(&form.to_lowercase())?
            }
            None => return None,
        };
        self.verbs.get(i)
    }

    pub fn is_stopword(&self, word_lower: &str) -> bool {
        self.stopwords.contains(word_lower)
    }
}

/// The actors of the bundled US–Iran codebook, for tests.
#[cfg(test)]
pub(crate) fn seed_gazetteer() -> Gazetteer {
    let book = crate::analysis::codebook::built_in()
        .into_iter()
        .find(|(name, _)| name == "us-iran-isis.ron")
        .map(|(_, b)| b)
        .unwrap_or_default();
    Gazetteer::new(book.actors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_files_parse() {
        let verbs: VerbFile = ron::from_str(VERBS_RON).unwrap();
        assert!(verbs.verbs.len() > 30);
        let stance: StanceFile = ron::from_str(STANCE_RON).unwrap();
        assert!(stance.hedges.len() > 30 && stance.boosters.len() > 30);
        let s: Vec<String> = ron::from_str(STOPWORDS_RON).unwrap();
        assert!(s.contains(&"the".to_owned()));
        let lx = Lexicons::built_in();
        assert_eq!(lx.verb("told").unwrap().class, VerbClass::Neutral);
        assert_eq!(lx.verb("denied").unwrap().class, VerbClass::Rejecting);
        assert_eq!(lx.verb("insisting").unwrap().class, VerbClass::Distancing);
        assert_eq!(lx.verb("acknowledged").unwrap().class, VerbClass::Conceding);
        assert_eq!(lx.verb("warned").unwrap().class, VerbClass::Endorsing);
    }
}
