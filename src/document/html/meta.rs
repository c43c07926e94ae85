//! What the page says about itself, weighed against the extractors: the title, the authors and the outlet.

use super::*;

pub(super) fn normalized(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
}

/// A short block naming one of the authors: "By Jane Roe", "Jane Roe, Staff Writer".
pub(super) fn is_byline_block(s: &str, authors: &[String]) -> bool {
    let words = s.split_whitespace().count();
    if authors.is_empty() || words > 16 {
        return false;
    }
    let key = name_key(s);
    authors.iter().any(|a| contains_words(&key, &name_key(a)))
}

/// Whether `words` occurs in `text` as whole words (not "i" inside "Technology Review").
fn contains_words(text: &str, words: &str) -> bool {
    if words.is_empty() {
        return false;
    }
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The headline, in the order a page states it: its JSON-LD `headline`, its `og:title`, the
/// article's own `<h1>` (the first inside `<article>` or `<main>` — a page's first `<h1>` is
/// often the site's name or "Skip navigation"), the `<title>` without the site's name; then
/// what the extractors found. A candidate that is only the site's name is passed over.
pub(super) fn choose_title(doc: &Html, d: &Declared, ex: &Extracted) -> Option<String> {
    let text_of = |e: scraper::ElementRef<'_>| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let own_h1 = Selector::parse("article h1, main h1, [itemprop~='articleBody'] h1")
        .ok()
        .and_then(|s| doc.select(&s).map(text_of).find(|t| !t.is_empty()));
    let stripped = d
        .title_tag
        .as_deref()
        .map(|t| strip_site(t, d.site_name.as_deref()));
    let site = d.site_name.as_deref().map(normalized);
    let declared = |t: &Option<String>| t.as_deref().map(|t| drop_site(t, d.site_name.as_deref()));
    // Kept as the page writes it (a non-breaking space before a French colon is typography).
    [
        declared(&d.headline),
        declared(&d.og_title),
        own_h1,
        stripped,
        ex.readability.as_ref().and_then(|r| r.title.clone()),
        ex.trafilatura.as_ref().and_then(|r| r.title.clone()),
    ]
    .into_iter()
    .flatten()
    .map(|t| t.trim().to_owned())
    .find(|t| {
        !t.is_empty()
            && t.split_whitespace().count() <= 40
            && site.as_deref() != Some(normalized(t).as_str())
    })
}

/// "Kerry in Paris | The Daily" → "Kerry in Paris": the longest part of a title cut at
/// separators, unless that part is the site's name.
pub(super) fn strip_site(title: &str, site: Option<&str>) -> String {
    static SEPARATOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\s+[|\-\u{2013}\u{2014}\\/>\u{00bb}\u{00b7}]+\s+").expect("valid regex")
    });
    let site_key = site.map(normalized);
    SEPARATOR
        .split(title)
        .map(str::trim)
        .filter(|p| !p.is_empty() && site_key.as_deref() != Some(normalized(p).as_str()))
        .max_by_key(|p| p.chars().count())
        .map_or_else(|| title.to_owned(), str::to_owned)
}

/// "Headline - Site" → "Headline": a title with the site's name before or after a separator
/// loses it; nothing else is cut.
pub(super) fn drop_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(normalized).filter(|s| !s.is_empty()) else {
        return title.trim().to_owned();
    };
    for sep in [
        " | ",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        " \u{00b7} ",
        " :: ",
        " \u{00bb} ",
    ] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && normalized(tail) == site
        {
            return head.trim().to_owned();
        }
        if let Some((head, tail)) = title.split_once(sep)
            && normalized(head) == site
        {
            return tail.trim().to_owned();
        }
    }
    title.trim().to_owned()
}

/// A plausible name in a byline: letters, one to five words, no digits, not a date, not
/// the site's name.
pub(super) fn is_name(s: &str, site: Option<&str>) -> bool {
    let words = s.split_whitespace().count();
    (1..=5).contains(&words)
        && s.chars().any(char::is_alphabetic)
        && !s.chars().any(|c| c.is_ascii_digit())
        && dates::find_date(s).is_none()
        && site.is_none_or(|site| normalized(site) != normalized(s))
}

/// A person's name rather than an agency or a role: two to five words, each capitalised
/// (or a particle such as "van", "de", "bin"), not a short all-capitals acronym.
pub(super) fn is_person(s: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "da", "di", "du", "del", "della", "der", "den", "dos", "das", "le",
        "la", "bin", "ibn", "al", "el", "y", "e", "ter", "ten", "zu",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            PARTICLES.contains(&w.to_lowercase().as_str())
                || w.chars().next().is_some_and(|c| c.is_uppercase())
        })
}

/// Authors: what the page declares (JSON-LD, `<meta name=author>`), its byline element,
/// Readability's byline, trafilatura's; the first source that names plausible people. A
/// declared author may have the site's name (a personal blog); a found one may not.
pub(super) fn choose_authors(d: &Declared, ex: &Extracted) -> Vec<String> {
    let site = d
        .site_name
        .as_deref()
        .or_else(|| ex.readability.as_ref().and_then(|r| r.site_name.as_deref()));
    let from_byline = |r: &Option<super::content::Readable>| {
        r.as_ref()
            .and_then(|r| r.byline.as_deref())
            .map(page_meta::split_authors)
            .unwrap_or_default()
    };
    let plausible = |names: Vec<String>, site: Option<&str>| -> Vec<String> {
        names.into_iter().filter(|n| is_name(n, site)).collect()
    };
    let sources = [
        plausible(d.authors.clone(), None),
        plausible(d.byline.clone(), site),
        plausible(from_byline(&ex.readability), site),
        plausible(from_byline(&ex.trafilatura), site),
    ];
    // People first ("AFP" is an author, but the reporter the page names is the better one).
    sources
        .iter()
        .find(|names| !names.is_empty() && names.iter().all(|n| is_person(n)))
        .or_else(|| sources.iter().find(|names| !names.is_empty()))
        .cloned()
        .unwrap_or_default()
}

pub(super) fn choose_outlet(d: &Declared, ex: &Extracted) -> Option<String> {
    d.site_name
        .clone()
        .or_else(|| ex.readability.as_ref().and_then(|r| r.site_name.clone()))
        .or_else(|| ex.trafilatura.as_ref().and_then(|r| r.site_name.clone()))
        .filter(|s| !s.trim().is_empty())
}

#[cfg(test)]
mod byline_tests {
    use super::*;

    #[test]
    fn a_byline_block_names_an_author_in_whole_words() {
        let authors = ["Jane Roe".to_owned(), "i".to_owned()];
        assert!(is_byline_block("By Jane Roe, Senior Writer", &authors));
        assert!(is_byline_block("Posted by jane roe on May 2", &authors));
        // A menu item holding the letters of a name is not a byline.
        assert!(!is_byline_block("• Technology Review", &authors));
        assert!(!is_byline_block("Janet Roebuck", &["Jane Roe".to_owned()]));
    }
}
