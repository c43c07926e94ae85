//! The notes panel's question: which notes and links pass the search and filters, in which
//! order; and the two lists beside it (passages not found, passages placed by a guess).

use super::model::{NoteKind, Study, Target};
use super::session::Session;

/// How the notes are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NoteSort {
    /// By article, then by place in the article.
    #[default]
    Position,
    /// Most recently changed first.
    Newest,
}

/// A kind of note, or contrast links (shown as a kind of their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindFilter {
    Kind(NoteKind),
    Link,
}

/// The search and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteQuery {
    /// Words to find in the note, its passage or its codes (any case).
    pub text: String,
    pub code: Option<String>,
    pub kind: Option<KindFilter>,
    /// Notes on this article (a link when either side is on it).
    pub article: Option<String>,
    pub sort: NoteSort,
}

impl NoteQuery {
    /// Ids of the notes and links that pass, in order.
    pub fn rows(&self, study: &Study) -> Vec<u64> {
        let q = self.text.trim().to_lowercase();
        let matches_text = |parts: &[&str]| parts.iter().any(|t| t.to_lowercase().contains(&q));
        // (position key, updated, id)
        let mut rows: Vec<((u8, &str, usize), jiff::Timestamp, u64)> = Vec::new();
        for n in &study.notes {
            if self.kind.is_some_and(|k| k != KindFilter::Kind(n.kind))
                || self.code.as_ref().is_some_and(|c| !n.codes.contains(c))
            {
                continue;
            }
            let article = match &n.target {
                Target::Passage(a) => Some(a.article.as_str()),
                Target::Article(r) => Some(r.as_str()),
                Target::Study => None,
            };
            if self.article.as_deref().is_some_and(|a| Some(a) != article) {
                continue;
            }
            let exact = n.anchor().map_or("", |a| a.exact.as_str());
            if !q.is_empty() && !matches_text(&[&n.text, exact, &n.codes.join(" ")]) {
                continue;
            }
            let pos = match &n.target {
                Target::Study => (0, "", 0),
                Target::Article(r) => (1, r.as_str(), 0),
                Target::Passage(a) => (2, a.article.as_str(), a.start),
            };
            rows.push((pos, n.updated, n.id));
        }
        for l in &study.links {
            if self.kind.is_some_and(|k| k != KindFilter::Link) || self.code.is_some() {
                continue;
            }
            if self
                .article
                .as_deref()
                .is_some_and(|a| a != l.left.article && a != l.right.article)
            {
                continue;
            }
            if !q.is_empty()
                && !matches_text(&[
                    &l.comment,
                    &l.left.exact,
                    &l.right.exact,
                    l.relation.as_str(),
                ])
            {
                continue;
            }
            rows.push(((2, l.left.article.as_str(), l.left.start), l.updated, l.id));
        }
        match self.sort {
            NoteSort::Position => {
                // Articles by name, ranked once: the sort then compares numbers, not names.
                let distinct: rustc_hash::FxHashSet<&str> = rows.iter().map(|r| r.0.1).collect();
                let mut names: Vec<&str> = distinct.into_iter().collect();
                names.sort_unstable();
                let mut keyed: Vec<((u8, usize, usize), u64)> = rows
                    .iter()
                    .map(|&((k, name, at), _, id)| {
                        let rank = names.binary_search(&name).unwrap_or(0);
                        ((k, rank, at), id)
                    })
                    .collect();
                keyed.sort_unstable();
                keyed.into_iter().map(|r| r.1).collect()
            }
            NoteSort::Newest => {
                rows.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)));
                rows.into_iter().map(|r| r.2).collect()
            }
        }
    }
}

/// What the notes panel lists: the notes and links that pass the filters, in order; those
/// whose passage was not found; those re-attached by a fuzzy match, to check.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NoteLists {
    pub rows: Vec<u64>,
    pub orphans: Vec<u64>,
    pub review: Vec<u64>,
}

impl NoteLists {
    pub fn of(session: &Session, query: &NoteQuery) -> Self {
        Self {
            rows: query.rows(&session.study),
            orphans: session.orphans(),
            review: session.to_check(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::{Anchor, Relation};
    use crate::notes::session::NewNote;

    fn anchor(article: &str, start: usize, exact: &str) -> Anchor {
        Anchor {
            article: article.into(),
            start,
            end: start + exact.len(),
            exact: exact.into(),
            content_hash: String::new(),
            prefix: String::new(),
            suffix: String::new(),
        }
    }

    fn session() -> (Session, [u64; 4]) {
        let mut s = Session::in_memory();
        let mut add = |kind, target, text: &str, codes: &[&str]| {
            s.add_note(NewNote {
                kind,
                target,
                text: text.into(),
                codes: codes.iter().map(|c| (*c).to_owned()).collect(),
            })
            .unwrap()
        };
        let late = add(
            NoteKind::Observation,
            Target::Passage(anchor("a.txt", 50, "denied")),
            "A flat denial",
            &["engagement"],
        );
        let early = add(
            NoteKind::Question,
            Target::Passage(anchor("a.txt", 10, "Tehran")),
            "Who said it?",
            &[],
        );
        let study = add(NoteKind::Observation, Target::Study, "Overall", &[]);
        let link = s
            .add_link(
                anchor("a.txt", 20, "talks"),
                anchor("b.txt", 5, "work together"),
                Relation::Contradicts,
                "Opposite claims".into(),
            )
            .unwrap();
        (s, [late, early, study, link])
    }

    #[test]
    fn notes_are_listed_by_place_or_newest_and_filtered() {
        let (s, [late, early, study, link]) = session();
        let all = NoteQuery::default();
        assert_eq!(all.rows(&s.study), [study, early, link, late]);
        let newest = NoteQuery {
            sort: NoteSort::Newest,
            ..Default::default()
        };
        assert_eq!(newest.rows(&s.study)[0], link);
        let by_code = NoteQuery {
            code: Some("engagement".into()),
            ..Default::default()
        };
        assert_eq!(by_code.rows(&s.study), [late], "links have no codes");
        let links = NoteQuery {
            kind: Some(KindFilter::Link),
            ..Default::default()
        };
        assert_eq!(links.rows(&s.study), [link]);
        let on_b = NoteQuery {
            article: Some("b.txt".into()),
            ..Default::default()
        };
        assert_eq!(on_b.rows(&s.study), [link], "either side of a link");
        // Text is found in the note, its passage, its codes or the link's relation, any case.
        let find = |t: &str| {
            NoteQuery {
                text: t.into(),
                ..Default::default()
            }
            .rows(&s.study)
        };
        assert_eq!(find("DENIAL"), [late]);
        assert_eq!(find("tehran"), [early]);
        assert_eq!(find("engage"), [late]);
        assert_eq!(find("work together"), [link]);
        assert!(find("nowhere").is_empty());
    }
}
