//! Where each note's passage is in the current articles: re-anchoring after an article
//! changed, the notes to check and the orphans, re-attaching and confirming a move.

use super::*;

/// A note (or one side of a link) placed by a guess after its article changed: shown where
/// it probably is, its stored anchor unchanged until the reader confirms the new place.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// How well the new place matches the stored quote, 0–1.
    pub score: f64,
    /// The quote as stored.
    pub was: String,
    /// The text at the new place.
    pub now: String,
    /// For a link: which side moved.
    pub side: Option<Side>,
}

/// Where a note's passage is now.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The article (index into the corpus); None when the article is not in the folder.
    pub doc: Option<usize>,
    pub resolved: Resolved,
    /// The anchor this was resolved from (a placement is redone when the anchor changes).
    pub anchor: Anchor,
}

impl Placement {
    /// Find an anchor in the corpus.
    pub fn of(anchor: &Anchor, corpus: &Corpus) -> Self {
        let doc = corpus.find(&anchor.article);
        let resolved = doc.map_or(Resolved::Orphan, |i| resolve(anchor, &corpus.documents[i]));
        Self {
            doc,
            resolved,
            anchor: anchor.clone(),
        }
    }

    /// The article and span, when the passage was found.
    pub fn span(&self) -> Option<(usize, Span)> {
        Some((self.doc?, self.resolved.span()?))
    }

    pub fn is_orphan(&self) -> bool {
        self.span().is_none()
    }

    /// Placed by a guess after the article changed.
    pub fn is_guess(&self) -> bool {
        matches!(self.resolved, Resolved::Fuzzy { .. })
    }
}

impl Session {
    /// Find every note and link in the current articles. Where an article changed, a
    /// passage found again with its context (same words, same surroundings) keeps its quote
    /// and has only its position brought up to date; one placed by a guess (a similar
    /// passage, or the same words in other surroundings) is shown there but its stored
    /// anchor stays as it was until the reader confirms the move ([`Session::confirm`]); one
    /// not found is an orphan. Articles' content hashes are recorded.
    pub fn reanchor(&mut self, corpus: &Corpus) {
        self.reanchor_with_progress(corpus, |_, _| {});
    }

    /// [`Session::reanchor`], calling `progress(done, total)` as it goes (a big study on a
    /// worker thread shows how far it is).
    pub fn reanchor_with_progress(
        &mut self,
        corpus: &Corpus,
        mut progress: impl FnMut(usize, usize),
    ) {
        self.placements.clear();
        self.link_placements.clear();
        let writable = !self.read_only;
        let mut ops = Vec::new();
        let total = self.study.notes.len() + self.study.links.len();
        let mut done = 0;
        let place = |anchor: &mut Anchor| -> Placement {
            let mut p = Placement::of(anchor, corpus);
            if writable && let Some(doc) = p.doc {
                follow(anchor, &p.resolved, &corpus.documents[doc]);
                p.anchor = anchor.clone();
            }
            p
        };
        // Notes are shared with the last autosave snapshot: one is copied only when its
        // anchor really changes.
        for note in &mut self.study.notes {
            done += 1;
            if done % 1024 == 0 {
                progress(done, total);
            }
            let Target::Passage(anchor) = &note.target else {
                continue;
            };
            let mut anchor = anchor.clone();
            let p = place(&mut anchor);
            if note.anchor() != Some(&anchor) {
                let n = Arc::make_mut(note);
                n.target = Target::Passage(anchor);
                ops.push(Op::Note {
                    id: n.id,
                    note: Some(n.clone()),
                });
            }
            self.placements.insert(note.id, p);
        }
        for link in &mut self.study.links {
            done += 1;
            if done % 1024 == 0 {
                progress(done, total);
            }
            let (mut left, mut right) = (link.left.clone(), link.right.clone());
            let lp = place(&mut left);
            let rp = place(&mut right);
            if link.left != left || link.right != right {
                let l = Arc::make_mut(link);
                (l.left, l.right) = (left, right);
                ops.push(Op::Link {
                    id: l.id,
                    link: Some(l.clone()),
                });
            }
            self.link_placements.insert(link.id, [lp, rp]);
        }
        progress(total, total);
        if writable {
            // Worksheet citations are found again like notes' passages.
            for (path, entry) in &mut self.study.articles {
                let before = entry.worksheet.clone();
                for anchor in entry.worksheet.citations_mut() {
                    place(anchor);
                }
                if entry.worksheet != before {
                    ops.push(Op::Article {
                        path: path.clone(),
                        entry: Some(entry.clone()),
                    });
                }
            }
            // The study records each article's current version.
            for d in &corpus.documents {
                let entry = self
                    .study
                    .articles
                    .entry(d.source.rel_path.clone())
                    .or_default();
                if entry.content_hash != d.hash.0 {
                    entry.content_hash = d.hash.0.clone();
                    ops.push(Op::Article {
                        path: d.source.rel_path.clone(),
                        entry: Some(entry.clone()),
                    });
                }
            }
        }
        self.record(ops);
        self.placed();
    }

    /// What to check about a note or link placed by a guess (None when it needs no look).
    pub fn check(&self, id: u64, corpus: &Corpus) -> Option<Check> {
        let text_at = |p: &Placement| {
            p.span()
                .map(|(d, s)| corpus.documents[d].text[s].to_owned())
                .unwrap_or_default()
        };
        if let Some(n) = self.study.note(id) {
            let p = self.placements.get(&id)?;
            return match (&p.resolved, &n.review) {
                (Resolved::Fuzzy { score, .. }, _) => Some(Check {
                    score: *score,
                    was: p.anchor.exact.clone(),
                    now: text_at(p),
                    side: None,
                }),
                // Re-attached by an earlier version, which rewrote the anchor and kept
                // the old quote in `review`.
                (_, Some(r)) => Some(Check {
                    score: r.score,
                    was: r.was.clone(),
                    now: text_at(p),
                    side: None,
                }),
                _ => None,
            };
        }
        let l = self.study.link(id)?;
        let places = self.link_placements.get(&id)?;
        for side in Side::BOTH {
            let p = &places[side.index()];
            if let Resolved::Fuzzy { score, .. } = p.resolved {
                return Some(Check {
                    score,
                    was: p.anchor.exact.clone(),
                    now: text_at(p),
                    side: Some(side),
                });
            }
        }
        let side = l.moved_side()?;
        l.review.as_ref().map(|r| Check {
            score: r.score,
            was: r.was.clone(),
            now: text_at(&places[side.index()]),
            side: Some(side),
        })
    }

    /// Notes and links placed by a guess, for the reader to check.
    pub fn to_check(&self) -> Vec<u64> {
        let notes = self.study.notes.iter().filter(|n| self.note_to_check(n));
        let links = self.study.links.iter().filter(|l| self.link_to_check(l));
        notes.map(|n| n.id).chain(links.map(|l| l.id)).collect()
    }

    /// Whether note or link `id` was placed by a guess (or is marked to review).
    pub fn needs_check(&self, id: u64) -> bool {
        match self.study.note(id) {
            Some(n) => self.note_to_check(n),
            None => self.study.link(id).is_some_and(|l| self.link_to_check(l)),
        }
    }

    fn note_to_check(&self, n: &Note) -> bool {
        n.review.is_some() || self.placements.get(&n.id).is_some_and(Placement::is_guess)
    }

    fn link_to_check(&self, l: &ContrastLink) -> bool {
        l.review.is_some()
            || self
                .link_placements
                .get(&l.id)
                .is_some_and(|p| p.iter().any(Placement::is_guess))
    }

    /// Bring placements up to date after notes changed (added, edited, undone): only anchors
    /// that are new or different are resolved; nothing is re-attached or rewritten. The
    /// articles whose notes changed get a new [`Session::marks_version`].
    pub fn refresh_placements(&mut self, corpus: &Corpus) {
        // In place: after one edit, one entry changes; the rest are the same shared copies.
        // (article, the notes and links on it that changed)
        let mut touched: rustc_hash::FxHashMap<usize, Vec<u64>> = Default::default();
        let mut touch = |p: &Placement, id: u64| {
            let Some(d) = p.doc else { return };
            let ids = touched.entry(d).or_default();
            // One note's (or link's) touches come one after another.
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        };
        let mut passages = 0;
        for (i, note) in self.study.notes.iter().enumerate() {
            let Target::Passage(anchor) = &note.target else {
                continue;
            };
            passages += 1;
            let placed = &self.placed_order;
            if placed.get(i).is_some_and(|n| Arc::ptr_eq(n, note)) {
                continue;
            }
            // Moved in the order (notes before it came or went): found by id.
            let same = placed
                .binary_search_by_key(&note.id, |n| n.id)
                .is_ok_and(|j| Arc::ptr_eq(&placed[j], note));
            match self.placements.get_mut(&note.id) {
                Some(_) if same => continue,
                Some(p) if p.anchor == *anchor => touch(p, note.id),
                Some(p) => {
                    touch(p, note.id);
                    *p = Placement::of(anchor, corpus);
                    touch(p, note.id);
                }
                None => {
                    let p = Placement::of(anchor, corpus);
                    touch(&p, note.id);
                    self.placements.insert(note.id, p);
                }
            }
        }
        if self.placements.len() != passages
            && let Some(changed) = self
                .placed_for
                .and_then(|g| self.changes.since(g, self.generation))
        {
            // Notes went: the change log names them, so the others need not be looked up.
            for id in changed {
                if self.study.note(id).is_none_or(|n| n.anchor().is_none())
                    && let Some(p) = self.placements.remove(&id)
                {
                    touch(&p, id);
                }
            }
        }
        if self.placements.len() != passages {
            let study = &self.study;
            self.placements.retain(|id, p| {
                let keep = study.note(*id).is_some_and(|n| n.anchor().is_some());
                if !keep {
                    touch(p, *id);
                }
                keep
            });
        }
        self.placed_order.clone_from(&self.study.notes);
        for link in &self.study.links {
            let same = self
                .placed_links
                .get(&link.id)
                .is_some_and(|l| Arc::ptr_eq(l, link));
            match self.link_placements.get_mut(&link.id) {
                Some(_) if same => continue,
                Some([l, r]) if l.anchor == link.left && r.anchor == link.right => {
                    touch(l, link.id);
                    touch(r, link.id);
                }
                Some(p) => {
                    p.iter().for_each(|p| touch(p, link.id));
                    *p = [
                        Placement::of(&link.left, corpus),
                        Placement::of(&link.right, corpus),
                    ];
                    p.iter().for_each(|p| touch(p, link.id));
                }
                None => {
                    let p = [
                        Placement::of(&link.left, corpus),
                        Placement::of(&link.right, corpus),
                    ];
                    p.iter().for_each(|p| touch(p, link.id));
                    self.link_placements.insert(link.id, p);
                }
            }
            self.placed_links.insert(link.id, link.clone());
        }
        if self.link_placements.len() != self.study.links.len() {
            let study = &self.study;
            self.link_placements.retain(|id, p| {
                let keep = study.link(*id).is_some();
                if !keep {
                    p.iter().for_each(|p| touch(p, *id));
                }
                keep
            });
            let placements = &self.link_placements;
            self.placed_links
                .retain(|id, _| placements.contains_key(id));
        }
        self.placed_in(touched);
    }

    /// Notes (and links) whose passage was not found.
    pub fn orphans(&self) -> Vec<u64> {
        let notes = self.study.notes.iter().map(|n| n.id);
        let links = self.study.links.iter().map(|l| l.id);
        notes
            .chain(links)
            .filter(|&id| self.is_orphan(id))
            .collect()
    }

    /// Whether the passage of note `id` (or a side of link `id`) was not found.
    pub fn is_orphan(&self, id: u64) -> bool {
        match self.placements.get(&id) {
            Some(p) => p.is_orphan(),
            None => self
                .link_placements
                .get(&id)
                .is_some_and(|p| p.iter().any(Placement::is_orphan)),
        }
    }

    /// Re-attach an orphan (or a note to review) to a new passage of article `doc_index`.
    pub fn reattach(
        &mut self,
        id: u64,
        doc: &Document,
        doc_index: usize,
        span: Span,
    ) -> Result<(), EditError> {
        let anchor = anchor_for(doc, span.clone());
        let placed = |anchor: &Anchor| Placement {
            doc: Some(doc_index),
            resolved: Resolved::Exact(span.clone()),
            anchor: anchor.clone(),
        };
        if self.study.note(id).is_some() {
            let p = placed(&anchor);
            self.update_note(id, |n| {
                n.target = Target::Passage(anchor);
                n.review = None;
            })?;
            self.placements.insert(id, p);
            self.placed();
            return Ok(());
        }
        let Some(link) = self.study.link(id).cloned() else {
            return Ok(());
        };
        // Re-attach the side that is lost; if both are (or neither), the side in this article.
        let lost = self
            .link_placements
            .get(&id)
            .map(|p| [p[0].is_orphan(), p[1].is_orphan()]);
        let left = match lost {
            Some([true, false]) => true,
            Some([false, true]) => false,
            _ => {
                link.left.article == doc.source.rel_path
                    || link.right.article != doc.source.rel_path
            }
        };
        let p = placed(&anchor);
        self.update_link(id, |l| {
            if left {
                l.left = anchor;
            } else {
                l.right = anchor;
            }
            l.review = None;
        })?;
        if let Some(both) = self.link_placements.get_mut(&id) {
            both[usize::from(!left)] = p;
        }
        self.placed();
        Ok(())
    }

    /// Accept a guessed place as right: the stored anchor moves there (undoable).
    pub fn confirm(&mut self, id: u64, corpus: &Corpus) -> Result<(), EditError> {
        let anchored = |p: &Placement| -> Option<Anchor> {
            let (d, span) = p.span()?;
            Some(anchor_for(&corpus.documents[d], span))
        };
        if self.study.note(id).is_some() {
            let moved = self.placements.get(&id).and_then(anchored);
            self.update_note(id, |n| {
                if let Some(a) = moved {
                    n.target = Target::Passage(a);
                }
                n.review = None;
            })?;
        } else {
            let moved = self
                .link_placements
                .get(&id)
                .map(|[l, r]| [anchored(l), anchored(r)]);
            self.update_link(id, |l| {
                if let Some([left, right]) = moved {
                    if let Some(a) = left {
                        l.left = a;
                    }
                    if let Some(a) = right {
                        l.right = a;
                    }
                }
                l.review = None;
            })?;
        }
        self.refresh_placements(corpus);
        Ok(())
    }
}

/// Follow a passage found again with its context: only its position and the article
/// version change; its quote and context stay as the reader anchored them. A guess changes
/// nothing (the reader confirms it), nor does an orphan.
fn follow(anchor: &mut Anchor, resolved: &Resolved, doc: &Document) {
    match resolved {
        Resolved::Exact(span) | Resolved::Moved(span) => {
            if anchor.content_hash == doc.hash.0 && resolved == &Resolved::Exact(span.clone()) {
                return;
            }
            anchor.start = doc.char_offset(span.start);
            anchor.end = doc.char_offset(span.end);
            anchor.content_hash = doc.hash.0.clone();
        }
        Resolved::Fuzzy { .. } | Resolved::Orphan => {}
    }
}
