//! Line patterns: bylines, datelines, credit lines, and the shape of a line (label, heading, title, caption).

use super::*;
use crate::document::pattern::{CheckedPattern, group_chars_at_most};

// ---------------------------------------------------------------------------------------------
// Line patterns

/// A person's name of up to five words, as line patterns write it: see [`name_pattern`].
pub(super) const NAME: &str = r"[\p{Lu}][\p{L}'’.\-]*(?:\s+(?:[\p{Lu}][\p{L}'’.\-]*|de|van|von|der|bin|da|la|le|al-\p{L}+)){0,4}";
/// The same names with any number of words, which compiles to a fifth of the automaton.
const NAME_ANY_LENGTH: &str =
    r"[\p{Lu}][\p{L}'’.\-]*(?:\s+(?:[\p{Lu}][\p{L}'’.\-]*|de|van|von|der|bin|da|la|le|al-\p{L}+))*";
/// The most words [`NAME`] takes.
const NAME_WORDS: usize = 5;
/// The words that join names in a group of them ("Jane Roe and John Doe"); no name holds one.
const NAME_JOINERS: &[&str] = &["and", "&", "und", "et", "y", "e"];

/// A [`CheckedPattern`] with names in it: `{name}` in its template, inside its `name` group,
/// is [`NAME`] in the bounded pattern and [`NAME_ANY_LENGTH`] in the one compiled.
///
/// Each of `NAME`'s five word slots is a copy of three Unicode letter classes, so the patterns
/// built on it compiled to 3,000–11,000 states forward and four times that in reverse (7.7 MB
/// with one thread's search caches, the largest part of Parallax's heap).
macro_rules! name_pattern {
    (|$name:ident| $template:expr) => {
        CheckedPattern::new(
            |bounded| {
                let $name = if bounded { NAME } else { NAME_ANY_LENGTH };
                $template
            },
            |c| c.name("name").is_none_or(|m| names_fit(m.as_str())),
        )
    };
}

/// Whether every name in a `name` group (names joined by commas and [`NAME_JOINERS`]) has at
/// most [`NAME_WORDS`] words.
pub(super) fn names_fit(names: &str) -> bool {
    names.split(',').all(|part| {
        let mut words = 0;
        part.split_whitespace().all(|w| {
            words = if NAME_JOINERS.contains(&w) {
                0
            } else {
                words + 1
            };
            words <= NAME_WORDS
        })
    })
}

pub(super) static BY_STAFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^by\s+(?:the\s+)?(?P<outlet>.{2,60}?)\s+(?:staff|editors|editorial board|newsroom)\.?$")
        .expect("valid regex")
});
pub(super) static BY_IN: CheckedPattern = name_pattern!(|name| {
    format!(r"^(?i:by)\s+(?P<name>{name})?\s*(?i:in)\s+(?P<cats>.{{2,120}})$")
});
pub(super) static BY_NAME: CheckedPattern = name_pattern!(|name| {
    format!(
        r"^(?i:by|written by|words by|story by|reporting by|von|par|por|di|door)\s+(?P<name>{name}(?:(?:\s*,\s*{name})*\s+(?:and|&|und|et|y|e)\s+{name})?)\s*(?:(?:,|\||—|–|-|·|for)\s*(?P<rest>.{{2,120}}))?$"
    )
});
pub(super) static POSTED: CheckedPattern = name_pattern!(|name| {
    format!(
        r"^(?i:posted|published|written|updated)(?:\s+(?i:on))?\s+(?P<date>.{{4,60}}?)(?:\s+(?i:by)\s+(?P<name>{name}))?(?:\s+(?i:in)\s+(?P<cats>.{{2,120}}))?\.?$"
    )
});
/// "Posted by NAME on DATE" (the other order).
pub(super) static POSTED_BY: CheckedPattern = name_pattern!(|name| {
    format!(
        r"^(?i:posted|published|written)\s+(?i:by)\s+(?P<name>{name})(?:\s+(?i:on|at)\s+(?P<date>.{{4,60}}?))?(?:\s+(?i:in)\s+(?P<cats>.{{2,120}}))?\.?$"
    )
});
/// What a byline gives as the writer's job rather than an outlet ("Senior Correspondent").
pub(super) static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:correspondent|reporter|writer|editor|columnist|contributor|analyst|producer|journalist|bureau chief|staff|fellow|professor|researcher|director|chief|deputy)s?\b")
        .expect("valid regex")
});
/// "Jane Roe, Senior Correspondent" (a name, then the writer's job).
pub(super) static NAME_ROLE: CheckedPattern = name_pattern!(|name| {
    format!(r"^(?P<name>{name})\s*(?:,|\||—|–)\s*(?P<role>[^,|]{{3,60}})$")
});
/// A dateline opening the first paragraph: "BEIRUT — ", "WASHINGTON (AP) — ", "Paris, 15 June —".
///
/// The place may be 41 characters long and the region after its comma 30; those bounds are
/// checked by [`dateline_place`], not written as `{1,40}` in the pattern, where each counted
/// copy of a Unicode letter class would multiply the automaton (21,000 states and 5 MB with
/// its search cache, against 1,300 states and 0.4 MB).
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>\p{Lu}[\p{L} .'’\-]+?)(?:,\s*(?P<region>[\p{L}0-9 .]{2,}))?(?:\s*\([^)]{1,30}\))?\s+(?:—|–|--)\s+\S")
        .expect("valid regex")
});

/// The place of the dateline `s` opens with, if any.
pub(super) fn dateline_place(s: &str) -> Option<regex::Match<'_>> {
    let c = DATELINE.captures(s)?;
    // The place is the shortest that leads to the dash, so when it is too long every longer
    // one is too: the bounded pattern would have found nothing either.
    (group_chars_at_most(&c, "place", 41) && group_chars_at_most(&c, "region", 30))
        .then(|| c.name("place"))
        .flatten()
}
pub(super) static NAME_DATE: CheckedPattern =
    name_pattern!(|name| format!(r"^(?P<name>{name})\s*(?:\||·|—|–)\s*(?P<date>.{{6,60}})$"));
pub(super) static NAME_ONLY: CheckedPattern = name_pattern!(|name| format!(r"^(?P<name>{name})$"));
pub(super) static ABOUT: CheckedPattern =
    name_pattern!(|name| format!(r"^(?i:about)\s+(?:(?i:the author)|(?P<name>{name}))\s*:?$"));
pub(super) static BACK_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:filed under|filed in|posted in|tags?|tagged(?: with)?|categories|category|topics|share this( article| story)?|like this|related posts|related articles|more from|about the authors?|copyright|©|all rights reserved|comments are closed)\b\s*:?")
        .expect("valid regex")
});
/// "He joined the staff of OTB": the outlet, at most 41 characters, checked by [`staff_outlet`]
/// for the same reason as the dateline's bounds.
static STAFF_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:joined|joins|is on|was on|member of) the (?:staff|team|masthead) (?:of|at) (?P<outlet>[\p{Lu}][\p{L}&.'’\- ]+?)(?:\s+(?:in|as|since)\b|[.,;)]|$)")
        .expect("valid regex")
});

/// The outlet named by the first "joined the staff of …" in `s` whose outlet is short enough.
pub(super) fn staff_outlet(s: &str) -> Option<regex::Match<'_>> {
    let mut from = 0;
    while let Some(c) = STAFF_OF.captures_at(s, from) {
        let outlet = c.name("outlet")?;
        if outlet.as_str().chars().count() <= 41 {
            return Some(outlet);
        }
        // Too long from this start: the bounded pattern would have looked further on.
        from = c.get(0)?.start() + 1;
        while !s.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}
pub(super) static BOILERPLATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:advertisement|sponsored|subscribe\b.*|sign up\b.*|follow us\b.*|read more\b.*|continue reading\b.*|click here\b.*|related:.*|see also:.*|print|email|share|tweet|skip to (?:main )?content)$")
        .expect("valid regex")
});
pub(super) static CREDIT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:[^()]{0,80}(?:/|photo|image|getty|\bap\b|reuters|afp|epa|credit|courtesy|via)[^()]{0,80})\)\s*$")
        .expect("valid regex")
});
pub(super) static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:photo|image|video)?\s*(?:source|credit|courtesy)|photo(?:graph)?s?|images?|pictures?|illustration|graphic|video|chart|map)(?:\s+by)?\s*:?\s+\S.{0,80}$")
        .expect("valid regex")
});
pub(super) static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*•‣◦]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s)").expect("valid regex")
});
pub(super) static TRAILING_ATTRIBUTION: CheckedPattern =
    name_pattern!(|name| format!(r"^\s*(?P<name>{name})(?:\s*,\s*.{{1,100}})?$"));
pub(super) static INTRO_SOURCE: CheckedPattern = name_pattern!(|name| {
    format!(
        r"(?P<name>{name})\s+(?:(?:also|further|then|now|recently)\s+)?(?:argues|argued|writes|wrote|says|said|notes|noted|explains|explained|observes|observed|puts it|put it|points out|pointed out|contends|contended|suggests|suggested|concludes|concluded|adds|added|warns|warned|claims|claimed|reports|reported|told|tells|describes|described|insists|insisted|offers|offered|makes the case)\b"
    )
});

/// Paragraph openers by which an author resumes after quoting someone else.
pub(super) const RESUMPTION_OPENERS: &[&str] = &[
    "notwithstanding",
    "that said",
    "that being said",
    "having said that",
    "be that as it may",
    "still,",
    "of course",
    "to be sure",
    "in other words",
    "in short",
    "in any case",
    "in any event",
    "either way",
    "regardless",
    "anyway",
    "needless to say",
    "put simply",
    "all of which",
    "all that said",
    "whatever",
    "so,",
    "now,",
    "this is",
    "that is",
];

/// Phrases by which a paragraph refers back to a quoted passage.
pub(super) const BACK_REFERENCES: &[&str] = &[
    "noted above",
    "quoted above",
    "cited above",
    "excerpted above",
    "mentioned above",
    "the above",
    "as above",
    "this excerpt",
    "this passage",
    "the excerpt",
];

pub(super) fn text_of<'a>(text: &'a str, p: &Para) -> &'a str {
    &text[p.span.clone()]
}

pub(super) fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// Information a byline gives.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Byline {
    pub(super) author: Option<(String, Span)>,
    pub(super) outlet: Option<(String, Span)>,
    pub(super) date: Option<(jiff::civil::Date, Span)>,
    pub(super) categories: Vec<String>,
}

/// Whether a line reads as a byline or dateline ("By Jane Roe", "Posted on … by …").
pub(in crate::document) fn looks_like_byline(s: &str) -> bool {
    parse_byline(s).is_some()
}

/// Recognise a byline or dateline; spans are relative to `s`.
pub(super) fn parse_byline(s: &str) -> Option<Byline> {
    if s.contains('\n') || s.len() > 200 {
        return None;
    }
    let s_trim = s.trim();
    let off = s.len() - s.trim_start().len();
    let span_of = |m: regex::Match<'_>| off + m.start()..off + m.end();
    if let Some(c) = BY_STAFF.captures(s_trim) {
        let m = c.name("outlet")?;
        return Some(Byline {
            outlet: Some((m.as_str().to_owned(), span_of(m))),
            ..Byline::default()
        });
    }
    if let Some(c) = POSTED_BY.captures(s_trim) {
        let m = c.name("name")?;
        let mut b = Byline {
            author: Some((m.as_str().to_owned(), span_of(m))),
            ..Byline::default()
        };
        if let Some(date_m) = c.name("date")
            && let Some((dspan, date)) = dates::find_date(date_m.as_str())
        {
            b.date = Some((
                date,
                off + date_m.start() + dspan.start..off + date_m.start() + dspan.end,
            ));
        }
        if let Some(m) = c.name("cats") {
            b.categories = split_categories(m.as_str());
        }
        return Some(b);
    }
    if let Some(c) = POSTED.captures(s_trim) {
        let date_m = c.name("date")?;
        let (dspan, date) = dates::find_date(date_m.as_str())?;
        let mut b = Byline {
            date: Some((
                date,
                off + date_m.start() + dspan.start..off + date_m.start() + dspan.end,
            )),
            ..Byline::default()
        };
        if let Some(m) = c.name("name") {
            b.author = Some((m.as_str().to_owned(), span_of(m)));
        }
        if let Some(m) = c.name("cats") {
            b.categories = split_categories(m.as_str());
        }
        return Some(b);
    }
    if let Some(c) = BY_IN.captures(s_trim) {
        let mut b = Byline::default();
        if let Some(m) = c.name("name") {
            b.author = Some((m.as_str().to_owned(), span_of(m)));
        }
        if let Some(m) = c.name("cats") {
            b.categories = split_categories(m.as_str());
        }
        return Some(b);
    }
    if let Some(c) = BY_NAME.captures(s_trim) {
        let m = c.name("name")?;
        let mut b = Byline {
            author: Some((m.as_str().to_owned(), span_of(m))),
            ..Byline::default()
        };
        if let Some(rest) = c.name("rest") {
            if let Some((dspan, date)) = dates::find_date(rest.as_str()) {
                b.date = Some((
                    date,
                    off + rest.start() + dspan.start..off + rest.start() + dspan.end,
                ));
            } else if rest.as_str().starts_with(char::is_uppercase)
                && word_count(rest.as_str()) <= 6
                && !ROLE.is_match(rest.as_str())
            {
                b.outlet = Some((rest.as_str().trim().to_owned(), span_of(rest)));
            }
        }
        return Some(b);
    }
    if let Some(c) = NAME_ROLE.captures(s_trim)
        && c.name("role")
            .is_some_and(|r| ROLE.is_match(r.as_str()) && word_count(r.as_str()) <= 6)
    {
        let m = c.name("name")?;
        return Some(Byline {
            author: Some((m.as_str().to_owned(), span_of(m))),
            ..Byline::default()
        });
    }
    if let Some(c) = NAME_DATE.captures(s_trim) {
        let date_m = c.name("date")?;
        if dates::is_date_line(date_m.as_str()) {
            let (dspan, date) = dates::find_date(date_m.as_str())?;
            let m = c.name("name")?;
            return Some(Byline {
                author: Some((m.as_str().to_owned(), span_of(m))),
                date: Some((
                    date,
                    off + date_m.start() + dspan.start..off + date_m.start() + dspan.end,
                )),
                ..Byline::default()
            });
        }
    }
    if dates::is_date_line(s_trim) {
        let (dspan, date) = dates::find_date(s_trim)?;
        return Some(Byline {
            date: Some((date, off + dspan.start..off + dspan.end)),
            ..Byline::default()
        });
    }
    None
}

pub(super) fn split_categories(s: &str) -> Vec<String> {
    // "Middle East, U.S.." ends with an initialism and a full stop: drop only the full stop.
    let s = s.trim();
    let s = if s.ends_with("..") || (s.ends_with('.') && !ends_with_initialism(s)) {
        &s[..s.len() - 1]
    } else {
        s
    };
    s.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

/// "U.S." or "D.C.": single letters each followed by a period.
pub(super) fn ends_with_initialism(s: &str) -> bool {
    let last = s.rsplit(char::is_whitespace).next().unwrap_or(s);
    let parts: Vec<&str> = last.trim_end_matches('.').split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// A short line that is not a sentence: no terminal punctuation, few words.
pub(super) fn is_label_like(s: &str, max_words: usize) -> bool {
    let s = s.trim();
    if s.contains('\n') || s.is_empty() || s.len() > 160 {
        return false;
    }
    let words = word_count(s);
    if words == 0 || words > max_words {
        return false;
    }
    let last = s.chars().last().unwrap_or('.');
    !matches!(last, '.' | ',' | ';' | ':' | '!' | '…')
        && !is_close_quote(last)
        && !LIST_ITEM.is_match(s)
}

pub(super) fn is_heading_like(s: &str) -> bool {
    let s = s.trim();
    let starts_upper = s
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !starts_upper {
        return false;
    }
    if s.ends_with('?') {
        return is_label_like(s.trim_end_matches('?'), 10) && title_cased(s);
    }
    is_label_like(s, 12) && !s.ends_with('?')
}

/// Most words start with a capital letter.
pub(super) fn title_cased(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().filter(|w| w.len() > 3).collect();
    !words.is_empty()
        && words
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            * 3
            >= words.len() * 2
}

pub(super) fn is_title_like(s: &str) -> bool {
    let s = s.trim();
    !s.contains('\n')
        && s.len() <= 250
        && (1..=30).contains(&word_count(s))
        && sentence_count(s) <= 1
        && !s.ends_with([':', ',', ';'])
        && !LIST_ITEM.is_match(s)
}

pub(super) fn is_caption(s: &str) -> bool {
    s.len() <= 600
        && !s.contains('\n')
        && word_count(s) <= 60
        && (CREDIT_TAIL.is_match(s) || CREDIT_LINE.is_match(s.trim()))
}

/// A paragraph that is clearly body text (several sentences or many words).
pub(super) fn is_substantial(s: &str) -> bool {
    word_count(s) >= 40 || sentence_count(s) >= 2
}

pub(super) fn normalized(s: &str) -> String {
    name_key(s)
}
