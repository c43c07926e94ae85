//! What a web page declares about itself, outside its visible text: JSON-LD (`headline`,
//! `author`, `publisher`, `datePublished`, `articleBody`), Open Graph and `<meta>` tags,
//! `rel=author` links, `<time datetime>`, and the `<title>`.
//!
//! Each is a *candidate*: the reader of the page ([`super::html`]) weighs them against what
//! the main-content extractors found.

use scraper::{Html, Selector};
use serde_json::Value;

/// What the page declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declared {
    pub headline: Option<String>,
    pub og_title: Option<String>,
    /// `<title>`, whitespace collapsed.
    pub title_tag: Option<String>,
    pub authors: Vec<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    /// The names in the page's byline element (`.byline`, `[itemprop=author]`, `rel=author`).
    pub byline: Vec<String>,
    /// The article text the page states in JSON-LD (`articleBody`).
    pub article_body: Option<String>,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// Read what a parsed page declares.
pub fn read(doc: &Html) -> Declared {
    let mut d = Declared::default();
    if let Some(s) = sel("script[type='application/ld+json']") {
        for e in doc.select(&s) {
            let raw: String = e.text().collect();
            // Some sites wrap it for old XHTML parsers: `<![CDATA[ … ]]>`, `//<![CDATA[`.
            let raw = raw
                .trim()
                .trim_start_matches("//")
                .trim_start()
                .trim_start_matches("<![CDATA[")
                .trim_start_matches("<!--")
                .trim_end()
                .trim_end_matches("]]>")
                .trim_end_matches("//")
                .trim_end_matches("-->")
                .trim();
            if let Ok(v) = serde_json::from_str::<Value>(raw) {
                json_ld(&v, &mut d, 0);
            }
        }
    }
    let attr = |selector: &str, name: &str| -> Option<String> {
        let s = sel(selector)?;
        doc.select(&s)
            .filter_map(|e| e.value().attr(name))
            .map(collapse)
            .find(|v| !v.is_empty())
    };
    // Titles keep their spacing as written (a non-breaking space is typography).
    let raw_attr = |selector: &str, name: &str| -> Option<String> {
        let s = sel(selector)?;
        doc.select(&s)
            .filter_map(|e| e.value().attr(name))
            .map(|v| v.trim().to_owned())
            .find(|v| !v.is_empty())
    };
    d.og_title = raw_attr("meta[property='og:title']", "content")
        .or_else(|| raw_attr("meta[name='twitter:title']", "content"));
    d.title_tag = sel("title").and_then(|s| {
        doc.select(&s)
            .next()
            .map(|e| collapse(&e.text().collect::<String>()))
            .filter(|t| !t.is_empty())
    });
    if d.site_name.is_none() {
        d.site_name = attr("meta[property='og:site_name']", "content")
            .or_else(|| attr("meta[name='application-name']", "content"));
    }
    if d.published.is_none() {
        d.published = attr("meta[property='article:published_time']", "content")
            .or_else(|| attr("meta[name='date']", "content"))
            .or_else(|| attr("meta[itemprop='datePublished']", "content"))
            .or_else(|| attr("meta[name='pubdate']", "content"))
            .or_else(|| attr("time[datetime]", "datetime"));
    }
    if d.authors.is_empty() {
        let meta_author = attr("meta[name='author']", "content")
            .or_else(|| attr("meta[property='article:author']", "content"))
            .or_else(|| attr("meta[name='byl']", "content"))
            .or_else(|| attr("meta[name='parsely-author']", "content"));
        if let Some(a) = meta_author {
            d.authors = split_authors(&a);
        }
    }
    // The byline as printed: the first element marked as one that names people (comments
    // have authors too, so not inside a comment).
    if let Some(s) = sel(
        "[itemprop~='author'] [itemprop~='name'], [itemprop~='author'], a[rel~='author'], .byline .author, .byline, .author-name, .authorname, .article-author, .post-author, .entry-author, .author",
    ) {
        let in_comment = |e: &scraper::ElementRef<'_>| {
            e.ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|a| {
                    a.value()
                        .attr("class")
                        .unwrap_or("")
                        .split_whitespace()
                        .any(|c| {
                            let c = c.to_ascii_lowercase();
                            c.starts_with("comment") || c == "pingback"
                        })
                        || a.value()
                            .attr("id")
                            .is_some_and(|i| i.to_ascii_lowercase().starts_with("comment"))
                })
        };
        d.byline = doc
            .select(&s)
            .filter(|e| !in_comment(e))
            .map(|e| split_authors(&collapse(&e.text().collect::<String>())))
            .find(|names| {
                !names.is_empty() && names.iter().all(|n| n.split_whitespace().count() <= 4)
            })
            .unwrap_or_default();
    }
    d
}

/// JSON-LD types that describe the article itself.
fn is_article_type(v: &Value) -> bool {
    let t = |s: &str| {
        matches!(
            s,
            "Article"
                | "NewsArticle"
                | "BlogPosting"
                | "ReportageNewsArticle"
                | "AnalysisNewsArticle"
                | "OpinionNewsArticle"
                | "Report"
                | "ScholarlyArticle"
                | "TechArticle"
                | "SocialMediaPosting"
                | "LiveBlogPosting"
                | "WebPage"
        )
    };
    match v.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
        _ => false,
    }
}

fn json_ld(v: &Value, d: &mut Declared, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(items) => {
            for i in items {
                json_ld(i, d, depth + 1);
            }
        }
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                json_ld(g, d, depth + 1);
            }
            if !is_article_type(v) {
                return;
            }
            let webpage = v.get("@type").and_then(Value::as_str) == Some("WebPage");
            let text = |key: &str| {
                o.get(key)
                    .and_then(Value::as_str)
                    .map(|s| decode_entities(s).trim().to_owned())
                    .filter(|s| !s.is_empty())
            };
            // An article's own headline wins over a WebPage's name.
            let headline = text("headline").or_else(|| text("name"));
            if headline.is_some() && (d.headline.is_none() || !webpage) {
                d.headline = headline;
            }
            if d.published.is_none() {
                d.published = text("datePublished").or_else(|| text("dateCreated"));
            }
            if d.article_body.is_none() {
                d.article_body = o
                    .get("articleBody")
                    .and_then(Value::as_str)
                    .map(decode_entities)
                    .filter(|s| s.split_whitespace().count() > 20);
            }
            if d.authors.is_empty()
                && let Some(a) = o.get("author").or_else(|| o.get("creator"))
            {
                d.authors = people(a);
            }
            if d.site_name.is_none()
                && let Some(p) = o.get("publisher")
            {
                d.site_name = match p {
                    Value::String(s) => Some(collapse(s)),
                    Value::Object(po) => po.get("name").and_then(Value::as_str).map(collapse),
                    Value::Array(a) => a
                        .iter()
                        .find_map(|x| x.get("name").and_then(Value::as_str))
                        .map(collapse),
                    _ => None,
                };
            }
        }
        _ => {}
    }
}

/// Names in a JSON-LD `author`: a string, a Person or Organization, or a list of them.
fn people(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: &str| {
        for name in split_authors(&decode_entities(s)) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    };
    match v {
        Value::String(s) => push(s),
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(Value::as_str) {
                push(n);
            }
        }
        Value::Array(a) => {
            for x in a {
                match x {
                    Value::String(s) => push(s),
                    Value::Object(o) => {
                        if let Some(n) = o.get("name").and_then(Value::as_str) {
                            push(n);
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    out
}

/// A few entities JSON-LD text still carries when a site double-escapes it.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
}

/// Split a byline value into people: "Jane Roe and Sam Poe", "Jane Roe, Sam Poe", "By Jane
/// Roe | The Daily" (the outlet after a bar is dropped). A URL is no name.
pub fn split_authors(s: &str) -> Vec<String> {
    // Parentheses hold a URL, a handle or a middle name a byline can do without:
    // "Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Bruno (Henrique Zecchin) Rodrigues".
    static PARENS: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\s*\([^)]*\)").expect("valid regex"));
    let s = collapse(&PARENS.replace_all(s, ""));
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric()).trim();
    static BY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(?:written\s+by|posted\s+by|by|von|par|por|di|door|av|af)\b\s*:?\s*",
        )
        .expect("valid regex")
    });
    let s = BY.find(s).map_or(s, |m| s[m.end()..].trim());
    let s = s.split(['|', '•', '·']).next().unwrap_or(s).trim();
    if s.is_empty() || s.contains("://") || s.starts_with("www.") {
        return Vec::new();
    }
    let mut out = Vec::new();
    // " & " joins two names, unless a word beside it is a lone letter: then it is part of
    // one name ("Mac & i"), as an ampersand without spaces is ("AT&T").
    let lone =
        |w: Option<&str>| w.is_some_and(|w| w.chars().filter(|c| c.is_alphabetic()).count() < 2);
    let parts = s.split([',', ';']).flat_map(|part| {
        let pieces: Vec<&str> = part.split(" & ").collect();
        let joined_in_a_name = pieces.windows(2).any(|w| {
            lone(w[0].split_whitespace().next_back()) || lone(w[1].split_whitespace().next())
        });
        if joined_in_a_name { vec![part] } else { pieces }
    });
    for part in parts {
        for name in part
            .split(" and ")
            .flat_map(|p| p.split(" und "))
            .flat_map(|p| p.split(" et "))
            .flat_map(|p| p.split(" y "))
            .flat_map(|p| p.split(" e "))
        {
            let name = name.trim().trim_end_matches('.').trim();
            let words = name.split_whitespace().count();
            if words == 0 || words > 5 || !name.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            if !out.iter().any(|n: &String| n == name) {
                out.push(name.to_owned());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_article_fields_win() {
        let html = r#"<html><head>
            <title>Kerry in Paris | The Daily | Since 1901</title>
            <meta property="og:title" content="Kerry in Paris">
            <meta property="og:site_name" content="The Daily">
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"The Daily"},
              {"@type":"NewsArticle","headline":"Kerry rules out &amp; coordination",
               "author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"Sam Poe"}],
               "publisher":{"@type":"Organization","name":"The Daily Ledger"},
               "datePublished":"2014-09-16T08:00:00Z"}]}
            </script></head><body></body></html>"#;
        let d = read(&Html::parse_document(html));
        assert_eq!(
            d.headline.as_deref(),
            Some("Kerry rules out & coordination")
        );
        assert_eq!(d.authors, ["Jane Roe", "Sam Poe"]);
        assert_eq!(d.site_name.as_deref(), Some("The Daily Ledger"));
        assert_eq!(d.published.as_deref(), Some("2014-09-16T08:00:00Z"));
        assert_eq!(d.og_title.as_deref(), Some("Kerry in Paris"));
        assert_eq!(
            d.title_tag.as_deref(),
            Some("Kerry in Paris | The Daily | Since 1901")
        );
    }

    #[test]
    fn bylines_split_into_people() {
        assert_eq!(
            split_authors("By Jane Roe and Sam Poe"),
            ["Jane Roe", "Sam Poe"]
        );
        assert_eq!(split_authors("Jane Roe | The Daily"), ["Jane Roe"]);
        assert_eq!(
            split_authors("Ann Lee, Bo Chan & Cy Dee"),
            ["Ann Lee", "Bo Chan", "Cy Dee"]
        );
        assert!(split_authors("https://example.com/jane").is_empty());
        // An ampersand inside a name does not split it.
        assert_eq!(split_authors("Mac & i"), ["Mac & i"]);
        assert_eq!(split_authors("By AT&T Staff"), ["AT&T Staff"]);
        assert_eq!(
            split_authors("Von Anna Müller und Jan Peters"),
            ["Anna Müller", "Jan Peters"]
        );
    }

    #[test]
    fn meta_tags_and_rel_author_fill_in() {
        let html = r#"<html><head><meta name="author" content="Jane Roe">
            <meta property="article:published_time" content="2019-04-28"></head>
            <body><time datetime="2001-01-01">old</time></body></html>"#;
        let d = read(&Html::parse_document(html));
        assert_eq!(d.authors, ["Jane Roe"]);
        assert_eq!(d.published.as_deref(), Some("2019-04-28"));
        let html = r#"<html><body><p>By <a rel="author" href="/u/sam">Sam Poe</a></p>
            <div class="comment"><span class="author">Ann Commenter</span></div></body></html>"#;
        assert_eq!(read(&Html::parse_document(html)).byline, ["Sam Poe"]);
        assert_eq!(
            split_authors("Bradley M. Kuhn (http://ebb.org/bkuhn/)"),
            ["Bradley M. Kuhn"]
        );
    }
}
