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

/// Where a row sorts: (position (group, article, offset), last change, id).
type RowKey<'a> = ((u8, &'a str, usize), jiff::Timestamp, u64);

impl NoteQuery {
    /// The sort key of note or link `id` when it passes the search and filters.
    /// `q`: the search words as [`NoteQuery::words`] gives them.
    fn row<'a>(&self, q: &str, study: &'a Study, id: u64) -> Option<RowKey<'a>> {
        match study.note(id) {
            Some(n) => self.note_row(q, n),
            None => self.link_row(q, study.link(id)?),
        }
    }

    /// The search words in lower case (made once per list, not once per note).
    fn words(&self) -> String {
        self.text.trim().to_lowercase()
    }

    fn matches_text(q: &str, parts: &[&str]) -> bool {
        q.is_empty() || parts.iter().any(|t| t.to_lowercase().contains(q))
    }

    fn note_row<'a>(&self, q: &str, n: &'a super::model::Note) -> Option<RowKey<'a>> {
        if self.kind.is_some_and(|k| k != KindFilter::Kind(n.kind))
            || self.code.as_ref().is_some_and(|c| !n.codes.contains(c))
        {
            return None;
        }
        let article = match &n.target {
            Target::Passage(a) => Some(a.article.as_str()),
            Target::Article(r) => Some(r.as_str()),
            Target::Study => None,
        };
        if self.article.as_deref().is_some_and(|a| Some(a) != article) {
            return None;
        }
        if !q.is_empty() {
            let exact = n.anchor().map_or("", |a| a.exact.as_str());
            if !Self::matches_text(q, &[&n.text, exact, &n.codes.join(" ")]) {
                return None;
            }
        }
        let pos = match &n.target {
            Target::Study => (0, "", 0),
            Target::Article(r) => (1, r.as_str(), 0),
            Target::Passage(a) => (2, a.article.as_str(), a.start),
        };
        Some((pos, n.updated, n.id))
    }

    fn link_row<'a>(&self, q: &str, l: &'a super::model::ContrastLink) -> Option<RowKey<'a>> {
        if self.kind.is_some_and(|k| k != KindFilter::Link) || self.code.is_some() {
            return None;
        }
        if self
            .article
            .as_deref()
            .is_some_and(|a| a != l.left.article && a != l.right.article)
        {
            return None;
        }
        if !Self::matches_text(
            q,
            &[
                &l.comment,
                &l.left.exact,
                &l.right.exact,
                l.relation.as_str(),
            ],
        ) {
            return None;
        }
        Some(((2, l.left.article.as_str(), l.left.start), l.updated, l.id))
    }

    /// The order of two rows.
    fn order(&self, a: &RowKey<'_>, b: &RowKey<'_>) -> std::cmp::Ordering {
        match self.sort {
            NoteSort::Position => a.0.cmp(&b.0).then(a.2.cmp(&b.2)),
            NoteSort::Newest => b.1.cmp(&a.1).then(b.2.cmp(&a.2)),
        }
    }

    /// Ids of the notes and links that pass, in order.
    pub fn rows(&self, study: &Study) -> Vec<u64> {
        let q = self.words();
        let mut rows: Vec<RowKey<'_>> = study
            .notes
            .iter()
            .filter_map(|n| self.note_row(&q, n))
            .chain(study.links.iter().filter_map(|l| self.link_row(&q, l)))
            .collect();
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
                rows.sort_unstable_by(|a, b| self.order(a, b));
                rows.into_iter().map(|r| r.2).collect()
            }
        }
    }

    /// `rows` as they were before the notes and links `changed` changed, brought up to
    /// date: theirs are taken out and put back where they now belong.
    pub fn patch_rows(&self, study: &Study, rows: &[u64], changed: &[u64]) -> Vec<u64> {
        let q = self.words();
        let mut out: Vec<u64> = rows
            .iter()
            .copied()
            .filter(|id| changed.binary_search(id).is_err())
            .collect();
        for &id in changed {
            let Some(key) = self.row(&q, study, id) else {
                continue;
            };
            let at = out.partition_point(|&other| {
                self.row(&q, study, other)
                    .is_some_and(|k| self.order(&k, &key).is_lt())
            });
            out.insert(at, id);
        }
        out
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

    /// These lists brought up to date after the notes and links `changed` (sorted ids)
    /// changed, without walking the others; the same as [`NoteLists::of`] the study now.
    pub fn patched(&self, session: &Session, query: &NoteQuery, changed: &[u64]) -> Self {
        let keep = |list: &[u64], now: &dyn Fn(u64) -> bool| -> Vec<u64> {
            let mut out: Vec<u64> = list
                .iter()
                .copied()
                .filter(|id| changed.binary_search(id).is_err())
                .collect();
            out.extend(changed.iter().copied().filter(|&id| now(id)));
            // Notes first, then links, each in the study's order (by id).
            out.sort_by_key(|&id| (session.study.note(id).is_none(), id));
            out
        };
        Self {
            rows: query.patch_rows(&session.study, &self.rows, changed),
            orphans: keep(&self.orphans, &|id| session.is_orphan(id)),
            review: keep(&self.review, &|id| session.needs_check(id)),
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

    #[test]
    fn lists_patched_after_each_change_are_the_lists_made_anew() {
        let (_dir, corpus) = crate::corpus::testing::folder(&[(
            "a.txt",
            "Title\n\nKerry denied coordinating with Tehran on the talks.",
        )]);
        let doc = &corpus.documents[0];
        let at = |w: &str| {
            let i = doc.text.find(w).unwrap();
            crate::notes::anchor::anchor_for(doc, i..i + w.len())
        };
        let mut s = Session::in_memory();
        s.reanchor(&corpus);
        let queries = [
            NoteQuery::default(),
            NoteQuery {
                sort: NoteSort::Newest,
                ..Default::default()
            },
            NoteQuery {
                code: Some("engagement".into()),
                ..Default::default()
            },
            NoteQuery {
                text: "tehran".into(),
                ..Default::default()
            },
        ];
        let mut lists: Vec<NoteLists> = queries.iter().map(|q| NoteLists::of(&s, q)).collect();
        let mut generation = s.generation;
        // After each change: patched from the lists before it, the same as made anew.
        let mut check = |s: &mut Session, what: &str| {
            s.refresh_placements(&corpus);
            let changed = s.changed_since(generation).expect("single notes changed");
            assert!(!changed.is_empty(), "{what}: the change is logged");
            for (q, before) in queries.iter().zip(lists.iter_mut()) {
                let patched = before.patched(s, q, &changed);
                assert_eq!(patched, NoteLists::of(s, q), "{what}, {q:?}");
                *before = patched;
            }
            generation = s.generation;
            lists[0].orphans.clone()
        };
        let add = |s: &mut Session, target: Target, text: &str, codes: &[&str]| {
            s.add_note(NewNote {
                kind: NoteKind::Observation,
                target,
                text: text.into(),
                codes: codes.iter().map(|c| (*c).to_owned()).collect(),
            })
            .unwrap()
        };
        let late = add(
            &mut s,
            Target::Passage(at("talks")),
            "On talks",
            &["engagement"],
        );
        check(&mut s, "a note added");
        let early = add(
            &mut s,
            Target::Passage(at("Kerry")),
            "Kerry and Tehran",
            &[],
        );
        check(&mut s, "a note added before it");
        let lost = add(
            &mut s,
            Target::Passage(anchor("gone.txt", 3, "gone")),
            "Lost",
            &["engagement"],
        );
        let orphans = check(&mut s, "a note on an article not in the folder");
        assert_eq!(orphans, [lost]);
        add(&mut s, Target::Study, "Overall", &[]);
        check(&mut s, "a note on the study");
        s.update_note(late, |n| {
            n.target = Target::Passage(at("Kerry"));
            n.codes.clear();
        })
        .unwrap();
        check(&mut s, "a note moved and its code taken off");
        s.add_link(
            at("denied"),
            at("Tehran"),
            Relation::Contradicts,
            "Tehran?".into(),
        )
        .unwrap();
        check(&mut s, "a link added");
        s.delete_note(early).unwrap();
        check(&mut s, "a note deleted");
        s.undo();
        check(&mut s, "the deletion undone");
        s.delete_note(lost).unwrap();
        assert!(check(&mut s, "the lost note deleted").is_empty());
        // Placing everything anew is a new epoch: what was listed is made anew.
        let epoch = s.placements_epoch();
        s.reanchor(&corpus);
        assert_ne!(s.placements_epoch(), epoch);
    }
}
