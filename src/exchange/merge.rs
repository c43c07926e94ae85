//! Merging another coder's study of the same articles into this one.
//!
//! Every note and link of the other study comes in with its author; a note that had no
//! author is signed with the name given for that study (its file's name, say), so the two
//! coders stay apart. Notes and links this study has already (the same passage, kind, text,
//! codes and author) are not doubled, so merging twice, or merging a copy of this study,
//! adds nothing. The other study's codes this codebook lacks come in as new frames; a code
//! this codebook has under another id but the same name is taken for it. Anchors are kept
//! as they are: the study places them in the articles as they are now, exactly where the
//! texts are the same and by their quotes where they differ.

use std::collections::HashMap;

use super::import::Imported;
use crate::notes::model::Study;

/// Who signs a merged study's notes that name no author: the study file's name, or, for a
/// file of the usual name, its folder's.
pub fn signed_name(file: &std::path::Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let usual = std::path::Path::new(crate::notes::store::DEFAULT_NAME)
        .file_stem()
        .is_some_and(|u| u.to_string_lossy() == stem);
    let name = if usual || stem.is_empty() {
        file.parent()
            .and_then(|p| p.file_name())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        stem
    };
    if name.trim().is_empty() {
        "other coder".into()
    } else {
        name
    }
}

/// What merging `theirs` into `ours` adds; `signed` names the author of their notes that
/// name none.
pub fn study_into(theirs: &Study, ours: &Study, signed: &str) -> Imported {
    let mut out = Imported::default();
    let mut book = ours.codebook.clone().unwrap_or_default();
    // Their code id → ours.
    let mut codes: HashMap<&str, String> = HashMap::new();
    for f in theirs.codebook.iter().flat_map(|b| &b.frames) {
        let same = book.frames.iter().find(|g| g.id == f.id).or_else(|| {
            book.frames
                .iter()
                .find(|g| g.name.eq_ignore_ascii_case(&f.name))
        });
        let id = match same {
            Some(g) => g.id.clone(),
            None => {
                let mut g = f.clone();
                g.id = book.fresh_id(&f.id);
                out.add_frame(&mut book, g)
            }
        };
        codes.insert(&f.id, id);
    }
    let sign = |author: &str| {
        if author.trim().is_empty() {
            signed.to_owned()
        } else {
            author.to_owned()
        }
    };
    for n in &theirs.notes {
        let mut n = (**n).clone();
        for c in &mut n.codes {
            if let Some(ours) = codes.get(c.as_str()) {
                c.clone_from(ours);
            }
        }
        out.notes.push(n);
    }
    out.links.extend(theirs.links.iter().map(|l| (**l).clone()));
    // What this study has already is compared as written (a copy of this very study adds
    // nothing) and as signed (the same study merged twice adds nothing the second time).
    let (n1, l1) = super::drop_known_quietly(&mut out, ours, true);
    for n in &mut out.notes {
        n.author = sign(&n.author);
    }
    for l in &mut out.links {
        l.author = sign(&l.author);
    }
    let (n2, l2) = super::drop_known_quietly(&mut out, ours, true);
    super::tell_known(&mut out, (n1 + n2, l1 + l2));

    let unsigned = theirs
        .notes
        .iter()
        .filter(|n| n.author.trim().is_empty())
        .count();
    if unsigned > 0 {
        out.report.push(format!(
            "{unsigned} note{} of the other study name{} no author: signed “{signed}”",
            if unsigned == 1 { "" } else { "s" },
            if unsigned == 1 { "s" } else { "" }
        ));
    }
    let corrected = theirs
        .articles
        .iter()
        .filter(|(p, e)| ours.articles.get(*p).map(|o| &o.corrections) != Some(&e.corrections))
        .filter(|(_, e)| e.corrections != Default::default())
        .count();
    if corrected > 0 {
        out.report.push(format!(
            "Metadata corrections of {corrected} article{} in the other study: this study's own are kept",
            if corrected == 1 { "" } else { "s" }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analysis::codebook::{Codebook, Frame};
    use crate::notes::model::{Anchor, Note, NoteKind, Target};

    fn anchor(start: usize) -> Anchor {
        Anchor {
            article: "a.txt".into(),
            content_hash: "blake3:00".into(),
            start,
            end: start + 4,
            exact: "word".into(),
            prefix: String::new(),
            suffix: String::new(),
        }
    }

    fn note(id: u64, start: usize, code: &str, author: &str) -> Arc<Note> {
        let mut n = Note::new(
            id,
            NoteKind::Coding,
            Target::Passage(anchor(start)),
            "",
            jiff::Timestamp::UNIX_EPOCH,
        );
        n.codes = vec![code.into()];
        n.author = author.into();
        Arc::new(n)
    }

    fn book(frames: &[(&str, &str)]) -> Codebook {
        Codebook {
            frames: frames
                .iter()
                .map(|(id, name)| Frame {
                    id: (*id).into(),
                    name: (*name).into(),
                    ..Frame::default()
                })
                .collect(),
            ..Codebook::default()
        }
    }

    #[test]
    fn their_notes_come_with_authors_codes_mapped_and_nothing_doubled() {
        let ours = Study {
            codebook: Some(book(&[("conflict", "Conflict")])),
            notes: vec![note(1, 0, "conflict", "Ana")],
            ..Study::default()
        };
        let theirs = Study {
            codebook: Some(book(&[("konflikt", "conflict"), ("blame", "Blame")])),
            notes: vec![
                // The same coding by Ana (a copy of ours): not doubled.
                note(1, 0, "conflict", "Ana"),
                // Ben's coding of the same passage with the same code: his own, kept.
                note(2, 0, "konflikt", "Ben"),
                // An unsigned note: signed with the study's name.
                note(3, 10, "blame", ""),
            ],
            ..Study::default()
        };
        let got = study_into(&theirs, &ours, "ben-study");
        let told: Vec<(&str, &str, usize)> = got
            .notes
            .iter()
            .map(|n| {
                (
                    n.author.as_str(),
                    n.codes[0].as_str(),
                    n.anchor().unwrap().start,
                )
            })
            .collect();
        assert_eq!(told, [("Ben", "conflict", 0), ("ben-study", "blame", 10)]);
        assert_eq!(got.frames.len(), 1, "only Blame is new: {:?}", got.frames);
        assert_eq!(got.frames[0].name, "Blame");
        assert!(
            got.report
                .iter()
                .any(|r| r.contains("1 note the study has already"))
        );
        assert!(got.report.iter().any(|r| r.contains("signed “ben-study”")));

        // Merged a second time, nothing more comes in (the signed notes included).
        let mut merged = ours.clone();
        merged.notes.extend(got.notes.iter().cloned().map(Arc::new));
        let twice = study_into(&theirs, &merged, "ben-study");
        assert!(twice.notes.is_empty(), "{:?}", twice.notes);

        // Merging a study into itself adds nothing.
        let again = study_into(&ours, &ours, "x");
        assert!(again.notes.is_empty() && again.frames.is_empty());
    }
}
