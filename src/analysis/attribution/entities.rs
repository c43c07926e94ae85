//! Speakers as entities: every mention of one person or organisation, resolved by a
//! precision-first sieve (exact name; title and surname; role and organisation nouns to the
//! nearest compatible entity; pronouns to the last compatible person).

use std::collections::{HashMap, HashSet};

use super::*;

/// How far back (in mentions) a description or a pronoun looks for what it stands for, and
/// how far ahead a pronoun before its name looks: antecedents are near, and a bound keeps
/// the work linear on long texts.
const LOOK_BACK: usize = 400;
const LOOK_AHEAD: usize = 40;

/// The three kinds of name an entity is found by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Person,
    Organisation,
    Unnamed,
}

fn key_of(kind: EntityKind) -> Key {
    match kind {
        EntityKind::Person => Key::Person,
        EntityKind::Organisation | EntityKind::Media => Key::Organisation,
        EntityKind::Unnamed => Key::Unnamed,
    }
}

/// An organisation's name to look it up by: lower case, without "the".
fn org_key(name: &str) -> String {
    let key = name.to_lowercase();
    key.strip_prefix("the ").unwrap_or(&key).to_owned()
}

fn surname_of(name: &str) -> Option<String> {
    name.split_whitespace().last().map(str::to_lowercase)
}

pub(super) struct Entities<'w> {
    pub(super) list: Vec<Entity>,
    /// Per entity: known to be referred to as "he" (`Some(false)`) or "she" (`Some(true)`).
    pub(super) female: Vec<Option<bool>>,
    /// (position in the document, entity), sorted by position.
    seen: Vec<(usize, usize)>,
    spans: HashSet<(usize, usize)>,
    by_name: HashMap<(Key, String), usize>,
    /// Per surname: (position, person) of every mention of a person with that surname,
    /// sorted by position.
    surnames: HashMap<String, Vec<(usize, usize)>>,
    pub(super) words: &'w Words,
}

impl<'w> Entities<'w> {
    pub(super) fn new(words: &'w Words) -> Self {
        Self {
            list: Vec::new(),
            female: Vec::new(),
            seen: Vec::new(),
            spans: HashSet::new(),
            by_name: HashMap::new(),
            surnames: HashMap::new(),
            words,
        }
    }

    /// A new entity, or the one already known by this name and kind.
    fn find_or_add(&mut self, name: &str, kind: EntityKind, speaker_type: SpeakerType) -> usize {
        let key = (key_of(kind), self.lookup_key(name, kind));
        if let Some(&e) = self.by_name.get(&key) {
            return e;
        }
        self.list.push(Entity {
            name: name.to_owned(),
            kind,
            roles: Vec::new(),
            introduction: None,
            speaker_type,
            mentions: Vec::new(),
        });
        let e = self.list.len() - 1;
        self.female.resize(self.list.len(), None);
        self.by_name.insert(key, e);
        e
    }

    fn lookup_key(&self, name: &str, kind: EntityKind) -> String {
        match key_of(kind) {
            Key::Organisation => org_key(name),
            _ => name.to_lowercase(),
        }
    }

    /// A person known by a surname gets the full name the text gives later.
    fn rename(&mut self, e: usize, name: &str) {
        let kind = self.list[e].kind;
        let old = (key_of(kind), self.lookup_key(&self.list[e].name, kind));
        self.by_name.remove(&old);
        self.list[e].name = name.to_owned();
        self.by_name
            .insert((key_of(kind), self.lookup_key(name, kind)), e);
    }

    /// A name first taken for a person's turns out to be an organisation's ("It said").
    fn make_organisation(&mut self, e: usize) {
        let old = (Key::Person, self.list[e].name.to_lowercase());
        self.by_name.remove(&old);
        self.list[e].kind = EntityKind::Organisation;
        let key = (Key::Organisation, org_key(&self.list[e].name));
        self.by_name.entry(key).or_insert(e);
        if let Some(list) = surname_of(&self.list[e].name).and_then(|s| self.surnames.get_mut(&s)) {
            list.retain(|&(_, x)| x != e);
        }
        self.refresh_type(e);
    }

    /// Learn a person's gender from a title or role ("Mrs", "spokeswoman").
    pub(super) fn learn_gender(&mut self, e: usize, words: &[String]) {
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

    pub(super) fn gender(&self, e: usize) -> Option<bool> {
        self.female.get(e).copied().flatten()
    }

    pub(super) fn add_mention(&mut self, e: usize, span: Span, form: MentionForm) {
        if self.spans.insert((span.start, span.end)) {
            let at = span.start;
            self.list[e].mentions.push(Mention { span, form });
            let i = self.seen.partition_point(|(p, _)| *p <= at);
            self.seen.insert(i, (at, e));
            if self.list[e].kind == EntityKind::Person
                && let Some(s) = surname_of(&self.list[e].name)
            {
                let list = self.surnames.entry(s).or_default();
                let i = list.partition_point(|(p, _)| *p <= at);
                list.insert(i, (at, e));
            }
        }
    }

    pub(super) fn refresh_type(&mut self, e: usize) {
        let ent = &self.list[e];
        let t = self.words.speaker_type(&ent.roles, ent.kind);
        self.list[e].speaker_type = t;
    }

    pub(super) fn person(&mut self, name: &str, roles: &[String], span: Span) -> usize {
        let e = self.find_or_add(name, EntityKind::Person, SpeakerType::Citizen);
        for r in roles {
            if !r.is_empty() && !self.list[e].roles.contains(r) {
                self.list[e].roles.push(r.clone());
            }
        }
        self.learn_gender(e, roles);
        if self.gender(e).is_none()
            && let Some(g) = name
                .split_whitespace()
                .next()
                .and_then(|f| self.words.given_gender(f))
        {
            self.female[e] = Some(g);
        }
        self.add_mention(e, span, MentionForm::Name);
        self.refresh_type(e);
        e
    }

    pub(super) fn organisation(&mut self, name: &str, media: bool, span: Span) -> usize {
        // "the ACA’s": the organisation, not its possessive.
        let name = name.trim_end_matches("’s").trim_end_matches("'s");
        let (kind, t) = if media {
            (EntityKind::Media, SpeakerType::Media)
        } else {
            (EntityKind::Organisation, SpeakerType::Organisation)
        };
        let e = self.find_or_add(name, kind, t);
        self.add_mention(e, span, MentionForm::Name);
        e
    }

    /// The person whose name ends with `surname`, nearest before `at` (else after it).
    pub(super) fn by_surname(&self, surname: &str, at: usize) -> Option<usize> {
        let seen = self.surnames.get(&surname.to_lowercase())?;
        let i = seen.partition_point(|(p, _)| *p < at);
        seen[..i].last().or_else(|| seen.get(i)).map(|(_, e)| *e)
    }

    /// The entity nearest before `at` that `ok` accepts (else the first after it).
    pub(super) fn nearest(&self, at: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
        let i = self.seen.partition_point(|(p, _)| *p < at);
        self.seen[..i]
            .iter()
            .rev()
            .take(LOOK_BACK)
            .find(|(_, e)| ok(*e))
            .or_else(|| self.seen[i..].iter().take(LOOK_AHEAD).find(|(_, e)| ok(*e)))
            .map(|(_, e)| *e)
    }

    /// The nearest entity before `at` that `ok` accepts, looking back only.
    pub(super) fn last_before(&self, at: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
        let i = self.seen.partition_point(|(p, _)| *p < at);
        self.seen[..i]
            .iter()
            .rev()
            .take(LOOK_BACK)
            .find(|(_, e)| ok(*e))
            .map(|(_, e)| *e)
    }

    pub(super) fn unnamed(&mut self, text: &str, head: &str, span: Span) -> usize {
        let e = self.find_or_add(text, EntityKind::Unnamed, SpeakerType::Anonymous);
        if self.list[e].roles.is_empty() {
            self.list[e].roles.push(head.to_owned());
        }
        self.add_mention(e, span, MentionForm::Description);
        self.refresh_type(e);
        e
    }

    /// Find (or make) the entity a speaker noun phrase stands for.
    pub(super) fn resolve(
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
                // A title and a surname ("Mr. Reeves") are the person with that surname.
                let one_word = !name.contains(' ');
                let mut by_title_and_surname = false;
                let e = match self
                    .by_surname(name.split_whitespace().last().unwrap_or(name), at)
                    .filter(|&e| one_word || self.list[e].name.split_whitespace().count() == 1)
                {
                    Some(e) if one_word => {
                        by_title_and_surname = true;
                        e
                    }
                    Some(e) => {
                        self.rename(e, name);
                        e
                    }
                    None => self.person(name, &roles, span.clone()),
                };
                for r in roles {
                    if !self.list[e].roles.contains(&r) {
                        self.list[e].roles.push(r);
                    }
                }
                if by_title_and_surname {
                    self.add_mention(e, span.clone(), MentionForm::Surname);
                    self.refresh_type(e);
                    (e, Resolution::Surname)
                } else {
                    self.add_mention(e, span.clone(), MentionForm::Name);
                    self.refresh_type(e);
                    (e, Resolution::Name)
                }
            }
            Np::Surname(name) => match self.by_surname(name, at) {
                Some(e) => {
                    self.add_mention(e, span.clone(), MentionForm::Surname);
                    (e, Resolution::Surname)
                }
                None => match self
                    .by_name
                    .get(&(Key::Organisation, org_key(name)))
                    .copied()
                {
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
                let found = if *org {
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
                    the.then(|| self.last_before(at, |e| ok(self, e)))
                        .flatten()
                        .map(|e| (e, Resolution::Organisation))
                } else {
                    (the && (w.is_title(head) || !head.ends_with('s')))
                        .then(|| self.nearest(at, |e| holds(self, e)))
                        .flatten()
                        .map(|e| (e, Resolution::Role))
                };
                match found {
                    Some((e, resolution)) => {
                        self.add_mention(e, span.clone(), MentionForm::Description);
                        (e, resolution)
                    }
                    None => (
                        self.unnamed(text, head, span.clone()),
                        Resolution::Description,
                    ),
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
                // "It said": a capitalised name with no title and no known given name may be
                // a company the text never calls one ("Harbor Freight Lines").
                let maybe_org = |ents: &Entities<'_>, e: usize| {
                    let ent = &ents.list[e];
                    ent.kind == EntityKind::Person
                        && ent.roles.is_empty()
                        && ents.gender(e).is_none()
                        && ent.name.split_whitespace().count() > 1
                        && !w.looks_like_a_place(&ent.name)
                };
                let e = match self.nearest(at, |e| ok(self, e)) {
                    Some(e) => e,
                    None if *group => {
                        let e = self.last_before(at, |e| maybe_org(self, e))?;
                        self.make_organisation(e);
                        e
                    }
                    None => return None,
                };
                if !*group {
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
    pub(super) fn scan(&mut self, toks: &[Tok<'_>], s: &str, base: usize) {
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
                // "in New Mexico", "on Main Street": after such a word a bare name is a place.
                let placed = title_start > 0
                    && matches!(
                        toks[title_start - 1].lower.as_str(),
                        "in" | "on"
                            | "at"
                            | "from"
                            | "near"
                            | "across"
                            | "into"
                            | "outside"
                            | "inside"
                            | "throughout"
                            | "toward"
                            | "towards"
                    );
                match &np {
                    Np::Person { title, .. } if placed && title.is_empty() => {}
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
