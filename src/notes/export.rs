//! Notes as Markdown: quote, article, codes and text, grouped by code or by article.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::model::{Note, Study, Target};
use crate::analysis::codebook::{Codebook, code_name};

/// How exported notes are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    ByCode,
    ByArticle,
}

/// Article titles by relative path (titles as shown, with corrections).
pub type Titles = BTreeMap<String, String>;

fn quote_block(out: &mut String, text: &str) {
    for line in text.trim().lines() {
        let _ = writeln!(out, "> {line}");
    }
}

fn note_md(out: &mut String, n: &Note, titles: &Titles, book: Option<&Codebook>) {
    let kind = n.kind.as_str();
    match &n.target {
        Target::Passage(a) => {
            let title = titles
                .get(&a.article)
                .map_or(a.article.as_str(), String::as_str);
            if a.exact.is_empty() {
                let _ = writeln!(
                    out,
                    "**{kind}** — *{title}*, at “…{}⸱{}…”\n",
                    a.prefix.trim_start(),
                    a.suffix.trim_end()
                );
            } else {
                quote_block(out, &a.exact);
                let _ = writeln!(out, ">\n> — *{title}*\n");
                let _ = writeln!(out, "**{kind}**\n");
            }
        }
        Target::Article(path) => {
            let title = titles.get(path).map_or(path.as_str(), String::as_str);
            let _ = writeln!(out, "**{kind}** on the article *{title}*\n");
        }
        Target::Study => {
            let _ = writeln!(out, "**{kind}** on the study\n");
        }
    }
    if !n.codes.is_empty() {
        let codes: Vec<String> = n.codes.iter().map(|c| code_name(book, c)).collect();
        let _ = writeln!(out, "Codes: {}\n", codes.join(", "));
    }
    if !n.text.trim().is_empty() {
        let _ = writeln!(out, "{}\n", n.text.trim());
    }
    if !n.author.trim().is_empty() {
        let _ = writeln!(out, "*By {}*\n", n.author.trim());
    }
    if n.review.is_some() {
        let _ = writeln!(
            out,
            "*(Re-attached after the article changed: check it.)*\n"
        );
    }
    out.push_str("---\n\n");
}

/// The study's notes and contrast links as Markdown.
pub fn to_markdown(study: &Study, titles: &Titles, grouping: Grouping) -> String {
    let book = study.codebook.as_ref();
    let mut out = crate::corpus::own::generated_header("study notes exported from Parallax");
    let title = if study.title.is_empty() {
        "Study notes"
    } else {
        study.title.as_str()
    };
    let _ = writeln!(out, "# {title}\n");
    let mut notes: Vec<&Note> = study.notes.iter().map(|n| &**n).collect();
    notes.sort_by_key(|n| (n.anchor().map(|a| (a.article.clone(), a.start)), n.id));
    match grouping {
        Grouping::ByCode => {
            let mut groups: BTreeMap<String, Vec<&Note>> = BTreeMap::new();
            for n in &notes {
                if n.codes.is_empty() {
                    groups.entry("~ Uncoded".into()).or_default().push(n);
                }
                for c in &n.codes {
                    groups.entry(code_name(book, c)).or_default().push(n);
                }
            }
            for (code, list) in groups {
                let _ = writeln!(out, "## {}\n", code.trim_start_matches("~ "));
                for n in list {
                    note_md(&mut out, n, titles, book);
                }
            }
        }
        Grouping::ByArticle => {
            let mut groups: BTreeMap<String, Vec<&Note>> = BTreeMap::new();
            for n in &notes {
                let key = match &n.target {
                    Target::Passage(a) => a.article.clone(),
                    Target::Article(p) => p.clone(),
                    Target::Study => "~ The study".into(),
                };
                groups.entry(key).or_default().push(n);
            }
            for (article, list) in groups {
                let heading = titles
                    .get(&article)
                    .cloned()
                    .unwrap_or_else(|| article.trim_start_matches("~ ").to_owned());
                let _ = writeln!(out, "## {heading}\n");
                for n in list {
                    note_md(&mut out, n, titles, book);
                }
            }
        }
    }
    if !study.links.is_empty() {
        let _ = writeln!(out, "## Contrasts\n");
        for l in &study.links {
            let lt = titles
                .get(&l.left.article)
                .map_or(l.left.article.as_str(), String::as_str);
            let rt = titles
                .get(&l.right.article)
                .map_or(l.right.article.as_str(), String::as_str);
            quote_block(&mut out, &l.left.exact);
            let _ = writeln!(out, ">\n> — *{lt}*\n");
            let _ = writeln!(out, "**{}**\n", l.relation.as_str());
            quote_block(&mut out, &l.right.exact);
            let _ = writeln!(out, ">\n> — *{rt}*\n");
            if !l.comment.trim().is_empty() {
                let _ = writeln!(out, "{}\n", l.comment.trim());
            }
            out.push_str("---\n\n");
        }
    }
    let sheets: Vec<(&String, &super::worksheet::Worksheet)> = study
        .articles
        .iter()
        .filter(|(_, e)| !e.worksheet.is_empty())
        .map(|(p, e)| (p, &e.worksheet))
        .collect();
    if !sheets.is_empty() {
        let _ = writeln!(out, "## Framing worksheets\n");
        for (path, sheet) in sheets {
            let title = titles.get(path).map_or(path.as_str(), String::as_str);
            let _ = writeln!(out, "### {title}\n");
            out.push_str(&super::worksheet::to_markdown(book, sheet));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::{Anchor, ContrastLink, NoteKind, Relation};

    fn anchor(article: &str, exact: &str) -> Anchor {
        Anchor {
            article: article.into(),
            content_hash: "h".into(),
            start: 0,
            end: exact.chars().count(),
            exact: exact.into(),
            prefix: String::new(),
            suffix: String::new(),
        }
    }

    #[test]
    fn worksheets_are_exported_under_their_article() {
        use crate::notes::worksheet::{Answer, Verdict};
        let mut study = Study::default();
        let entry = study.articles.entry("b.txt".into()).or_default();
        entry.worksheet.set(
            "function:problem",
            Answer {
                text: "ISIS as a shared threat".into(),
                citations: vec![anchor("b.txt", "a common enemy")],
                ..Default::default()
            },
        );
        entry.worksheet.set(
            "x#1",
            Answer {
                question: "Is there a mention of costs?".into(),
                verdict: Some(Verdict::No),
                ..Default::default()
            },
        );
        let titles: Titles = [("b.txt".to_owned(), "Analysis".to_owned())].into();
        let md = to_markdown(&study, &titles, Grouping::ByArticle);
        let at = md
            .find("## Framing worksheets")
            .expect("a worksheet section");
        let rest = &md[at..];
        assert!(rest.contains("### Analysis"), "{rest}");
        assert!(rest.contains("Answer: ISIS as a shared threat"), "{rest}");
        assert!(rest.contains("“a common enemy”"), "{rest}");
        assert!(
            rest.contains("Is there a mention of costs?") && rest.contains("Answer: no"),
            "{rest}"
        );
    }

    fn note(id: u64, target: Target, text: &str, codes: &[&str]) -> Note {
        Note {
            id,
            created: jiff::Timestamp::UNIX_EPOCH,
            updated: jiff::Timestamp::UNIX_EPOCH,
            kind: NoteKind::Observation,
            target,
            text: text.into(),
            codes: codes.iter().map(|c| c.to_string()).collect(),
            review: None,
            author: String::new(),
        }
    }

    #[test]
    fn grouped_by_code_and_by_article() {
        let mut s = Study {
            codebook: Some(Codebook {
                frames: vec![crate::analysis::codebook::Frame {
                    id: "eng".into(),
                    name: "Degree of engagement".into(),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            ..Default::default()
        };
        s.notes.push(
            note(
                1,
                Target::Passage(anchor("a.txt", "only communicating")),
                "Kerry's word.",
                &["eng"],
            )
            .into(),
        );
        s.notes
            .push(note(2, Target::Article("b.txt".into()), "A short analysis.", &[]).into());
        s.notes
            .push(note(3, Target::Study, "Compare the verbs.", &[]).into());
        s.links.push(
            ContrastLink {
                id: 4,
                created: jiff::Timestamp::UNIX_EPOCH,
                updated: jiff::Timestamp::UNIX_EPOCH,
                left: anchor("a.txt", "only communicating"),
                right: anchor("b.txt", "coordination"),
                relation: Relation::Softens,
                comment: "Softer word.".into(),
                review: None,
                author: String::new(),
            }
            .into(),
        );
        let titles: Titles = [
            ("a.txt".to_owned(), "Article A".to_owned()),
            ("b.txt".to_owned(), "Article B".to_owned()),
        ]
        .into();
        let by_code = to_markdown(&s, &titles, Grouping::ByCode);
        assert!(by_code.contains("## Degree of engagement"), "{by_code}");
        assert!(by_code.contains("> only communicating\n>\n> — *Article A*"));
        assert!(by_code.contains("Codes: Degree of engagement"));
        assert!(by_code.contains("## Uncoded"));
        assert!(by_code.contains("**softens**"));
        let by_article = to_markdown(&s, &titles, Grouping::ByArticle);
        assert!(
            by_article.contains("## Article A")
                && by_article.contains("## Article B")
                && by_article.contains("## The study")
        );
        assert!(
            by_article.find("## Article A").unwrap() < by_article.find("Kerry's word.").unwrap()
        );
    }
}
