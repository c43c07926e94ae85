//! Noun phrases that may name a speaker, the subject of a reporting verb, and the cue.

use super::*;

/// A noun phrase that may name a speaker.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Np {
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
pub(super) fn classify(toks: &[Tok<'_>], s: &str, w: &Words) -> Option<Np> {
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
    // A line break inside is two lines of a page (a heading and its text), not one name.
    if text.contains('\n') {
        return None;
    }
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
    // "people familiar with the plan", "a source close to the minister": the noun before.
    let head_at = if head_at > 0
        && matches!(
            toks[head_at].lower.as_str(),
            "familiar" | "close" | "knowledgeable" | "briefed" | "involved"
        ) {
        head_at - 1
    } else {
        head_at
    };
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
    if toks.len() >= 2 && w.is_nationality(&toks[0].lower) && org_word.is_none() {
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
            // "Many of them", "Some of the residents": a capitalised function word is a
            // group described, not a name.
            if names.len() == 1 && Lexicons::built_in().is_stopword(&name.to_lowercase()) {
                return Some(Np::Description {
                    head,
                    text: text.clone(),
                    org: false,
                    media: false,
                });
            }
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

pub(super) fn strip_article(s: &str) -> String {
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
pub(super) fn subject_before(
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

/// The subject after an inverted verb ("said Tom Becker, the county engineer", "said the
/// mayor"): (first, last token, np, apposition).
pub(super) fn subject_after(
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

pub(super) fn cue_at(
    toks: &[Tok<'_>],
    i: usize,
    lx: &Lexicons,
) -> Option<(VerbClass, usize, String)> {
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
pub(super) fn skip_after_cue(toks: &[Tok<'_>], mut at: usize) -> usize {
    let lower = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    // Whom it was told to: "told him", "told the BBC", "warning the United States that".
    let takes_object = at > 0
        && Lexicons::built_in()
            .verb(lower(at - 1))
            .is_some_and(|v| v.object);
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
