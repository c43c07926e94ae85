//! Dates as articles and comment threads write them.
//!
//! Recognises "September 15, 2014", "Sept. 15, 2014", "15 September 2014", "2014-09-15"
//! (also as the start of an ISO timestamp) and US numeric "9/15/2014", and the forms comment
//! threads print in German, French, Spanish, Portuguese and Italian ("15. September 2014",
//! "1er mars 2014", "15 de septiembre de 2014", "15 de setembro de 2014", "15 settembre
//! 2014"), each checked by `jiff` to be a real calendar date.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::text::Span;

const MONTHS: &str = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)";

/// Month names in the other languages threads are written in, by month.
const FOREIGN_MONTHS: [&[&str]; 12] = [
    &["januar", "jänner", "janvier", "enero", "janeiro", "gennaio"],
    &[
        "februar",
        "février",
        "fevrier",
        "febrero",
        "fevereiro",
        "febbraio",
    ],
    &["märz", "maerz", "mars", "marzo", "março", "marco"],
    &["april", "avril", "abril", "aprile"],
    &["mai", "mayo", "maio", "maggio"],
    &["juni", "juin", "junio", "junho", "giugno"],
    &["juli", "juillet", "julio", "julho", "luglio"],
    &["august", "août", "aout", "agosto"],
    &[
        "september",
        "septembre",
        "septiembre",
        "setiembre",
        "setembro",
        "settembre",
    ],
    &["oktober", "octobre", "octubre", "outubro", "ottobre"],
    &["november", "novembre", "noviembre", "novembro"],
    &[
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dezembro",
        "dicembre",
    ],
];

fn foreign_month_pattern() -> String {
    let mut names: Vec<&str> = FOREIGN_MONTHS
        .iter()
        .flat_map(|m| m.iter().copied())
        .collect();
    // Longest first, so "septiembre" is not read as "september" + "…".
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    format!("(?:{})", names.join("|"))
}

fn foreign_month_number(name: &str) -> Option<i8> {
    let lower = name.to_lowercase();
    FOREIGN_MONTHS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .and_then(|i| i8::try_from(i + 1).ok())
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?ix)
        \b(?:
            (?P<m1>{MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})
          | (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTHS}),?\s+(?P<y2>\d{{4}})
          | (?P<y3>\d{{4}})-(?P<mo3>\d{{2}})-(?P<d3>\d{{2}})
          | (?P<mo4>\d{{1,2}})/(?P<d4>\d{{1,2}})/(?P<y4>\d{{4}})
          | (?P<d5>\d{{1,2}})(?:\.|er|º|°)?\s+(?:de\s+)?(?P<m5>{FOREIGN})\.?,?\s+(?:de\s+|del\s+)?(?P<y5>\d{{4}})
        )",
        FOREIGN = foreign_month_pattern()
    );
    Regex::new(&pattern).expect("the date pattern is a valid regex")
});

/// A time of day as threads print it: "10:23 am", "22:05".
pub static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?").expect("valid regex")
});

fn month_number(name: &str) -> Option<i8> {
    let lower = name.to_ascii_lowercase();
    let key = lower.get(..3)?;
    let n = match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// The first real calendar date written in `s`, with its span (relative to `s`).
pub fn find_date(s: &str) -> Option<(Span, Date)> {
    DATE.captures_iter(s).find_map(|caps| {
        let whole = caps.get(0)?;
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
        let (year, month, day) = if let Some(m) = caps.name("m1") {
            (num("y1")?, month_number(m.as_str())?, num("d1")?)
        } else if let Some(m) = caps.name("m2") {
            (num("y2")?, month_number(m.as_str())?, num("d2")?)
        } else if let Some(m) = caps.name("m5") {
            (num("y5")?, foreign_month_number(m.as_str())?, num("d5")?)
        } else if caps.name("y3").is_some() {
            (num("y3")?, i8::try_from(num("mo3")?).ok()?, num("d3")?)
        } else {
            (num("y4")?, i8::try_from(num("mo4")?).ok()?, num("d4")?)
        };
        let day = i8::try_from(day).ok()?;
        let date = Date::new(year, month, day).ok()?;
        Some((whole.start()..whole.end(), date))
    })
}

/// Whether `s` is nothing but a date, optionally with a weekday and a time
/// ("Monday, September 15, 2014 at 10:23 am").
pub fn is_date_line(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 80 {
        return false;
    }
    let Some((span, _)) = find_date(s) else {
        return false;
    };
    let rest = format!("{} {}", &s[..span.start], &s[span.end..]);
    let rest = TIME.replace_all(&rest, " ");
    rest.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '-' | '\u{2014}' | '\u{b7}'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.to_lowercase();
            matches!(
                w.as_str(),
                "at" | "on"
                    | "um"
                    | "am"
                    | "à"
                    | "a"
                    | "las"
                    | "às"
                    | "alle"
                    | "le"
                    | "el"
                    | "em"
                    | "il"
                    | "uhr"
                    | "h"
                    | "montag"
                    | "dienstag"
                    | "mittwoch"
                    | "donnerstag"
                    | "freitag"
                    | "samstag"
                    | "sonntag"
                    | "lundi"
                    | "mardi"
                    | "mercredi"
                    | "jeudi"
                    | "vendredi"
                    | "samedi"
                    | "dimanche"
                    | "lunes"
                    | "martes"
                    | "miércoles"
                    | "jueves"
                    | "viernes"
                    | "sábado"
                    | "domingo"
                    | "posted"
                    | "published"
                    | "updated"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "mon"
                    | "tue"
                    | "wed"
                    | "thu"
                    | "fri"
                    | "sat"
                    | "sun"
                    | "utc"
                    | "gmt"
                    | "et"
                    | "edt"
                    | "est"
                    | "pt"
                    | "pdt"
                    | "pst"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<String> {
        find_date(s).map(|(_, d)| d.to_string())
    }

    #[test]
    fn written_forms() {
        assert_eq!(
            date("Posted on September 15, 2014 by X").as_deref(),
            Some("2014-09-15")
        );
        assert_eq!(date("Sept. 5, 2014").as_deref(), Some("2014-09-05"));
        assert_eq!(
            date("on 17 June 2014 at noon").as_deref(),
            Some("2014-06-17")
        );
        assert_eq!(date("2014-06-19T10:00:00Z").as_deref(), Some("2014-06-19"));
        assert_eq!(date("6/19/2014").as_deref(), Some("2014-06-19"));
        assert_eq!(date("February 30, 2014"), None);
        assert_eq!(
            date("15. September 2014 um 10:23").as_deref(),
            Some("2014-09-15")
        );
        assert_eq!(
            date("le 1er mars 2014 à 10 h").as_deref(),
            Some("2014-03-01")
        );
        assert_eq!(
            date("15 de septiembre de 2014").as_deref(),
            Some("2014-09-15")
        );
        assert_eq!(
            date("15 de setembro de 2014 às 10:23").as_deref(),
            Some("2014-09-15")
        );
        assert_eq!(
            date("15 settembre 2014 alle 10:23").as_deref(),
            Some("2014-09-15")
        );
        assert_eq!(date("3. März 2015").as_deref(), Some("2015-03-03"));
        assert_eq!(date("in May we met"), None);
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("September 15, 2014 at 10:23 am"));
        assert!(is_date_line("Monday, June 16, 2014"));
        assert!(!is_date_line("On June 16, 2014 Kerry said no."));
    }
}
