use super::*;
use crate::notes::store::DEFAULT_NAME;

fn folder(text: &str) -> (tempfile::TempDir, Corpus) {
    crate::corpus::testing::folder(&[("a.txt", text)])
}

#[test]
fn notes_are_added_saved_reopened_and_found() {
    let (dir, corpus) = folder("Title\n\nKerry denied coordinating with Tehran.");
    let path = dir.path().join(DEFAULT_NAME);
    let mut s = Session::open(&path);
    assert!(s.problem.is_none() && !s.read_only);
    let doc = &corpus.documents[0];
    let span = doc.text.find("coordinating").unwrap()..doc.text.find(" with").unwrap();
    let id = s
        .add_note(NewNote {
            kind: NoteKind::Observation,
            target: Target::Passage(anchor_for(doc, span.clone())),
            text: "The verb matters.".into(),
            codes: vec!["engagement".into()],
        })
        .unwrap();
    assert!(s.dirty());
    let disk = store::save(&path, &s.study, s.disk.as_ref()).unwrap();
    s.saved(s.generation, disk);
    assert!(!s.dirty());
    drop(s);
    let mut again = Session::open(&path);
    again.reanchor(&corpus);
    assert_eq!(again.placements[&id].resolved, Resolved::Exact(span));
    assert_eq!(again.study.note(id).unwrap().codes, ["engagement"]);
}

#[test]
fn metadata_corrections_undo_and_redo_as_one_edit_per_field_run() {
    let mut s = Session::in_memory();
    let typed = |title: &str| Corrections {
        title: Some(title.into()),
        ..Default::default()
    };
    // Typing a title keystroke by keystroke is one edit, not one per key.
    for t in ["K", "Ke", "Kerry"] {
        s.set_corrections("a.txt", typed(t)).unwrap();
    }
    assert_eq!(s.study.articles["a.txt"].corrections, typed("Kerry"));
    assert!(s.undo().is_some());
    assert!(
        s.study
            .articles
            .get("a.txt")
            .is_none_or(|a| a.corrections.is_empty()),
        "undo takes the whole correction back"
    );
    assert!(s.redo().is_some());
    assert_eq!(s.study.articles["a.txt"].corrections, typed("Kerry"));
    // An edit of another kind in between starts a new undo step.
    s.set_whole_page("a.txt", true).unwrap();
    s.set_corrections("a.txt", typed("Kerry denies")).unwrap();
    s.undo();
    assert_eq!(s.study.articles["a.txt"].corrections, typed("Kerry"));
    assert!(s.study.articles["a.txt"].whole_page);
    // Another field is another step: undoing the author keeps the title.
    let both = Corrections {
        author: Some("Ann".into()),
        ..typed("Kerry")
    };
    s.set_corrections("a.txt", both).unwrap();
    s.undo();
    assert_eq!(s.study.articles["a.txt"].corrections, typed("Kerry"));
}

#[test]
fn a_link_to_check_names_the_side_that_moved() {
    let (_dir, c) = crate::corpus::testing::folder(&[
        ("a.txt", "Talks\n\nKerry denied it."),
        ("b.txt", "Plans\n\nThey will work together."),
    ]);
    let (a, b) = (&c.documents[0], &c.documents[1]);
    let span = |d: &Document, t: &str| {
        let i = d.text.find(t).unwrap();
        i..i + t.len()
    };
    let mut s = Session::in_memory();
    let id = s
        .add_link(
            anchor_for(a, span(a, "denied")),
            anchor_for(b, span(b, "work together")),
            Relation::Contradicts,
            String::new(),
        )
        .unwrap();
    let review = |side| super::super::model::Review {
        score: 0.8,
        was: "work jointly".into(),
        side,
    };
    let set = |s: &mut Session, r| {
        let mut l = (*s.study.links[0]).clone();
        l.review = Some(r);
        s.study.links[0] = Arc::new(l);
        s.reanchor(&c);
    };
    // Recorded: the side it names.
    set(&mut s, review(Some(Side::Left)));
    assert_eq!(s.check(id, &c).unwrap().side, Some(Side::Left));
    // Written before the side was recorded: the side whose quote is the closer to the
    // old one ("work jointly" became "work together").
    set(&mut s, review(None));
    let check = s.check(id, &c).unwrap();
    assert_eq!(check.side, Some(Side::Right));
    assert_eq!(check.now, "work together");
    let mut r = review(None);
    r.was = "denies".into();
    set(&mut s, r);
    assert_eq!(s.check(id, &c).unwrap().side, Some(Side::Left));
}

#[test]
fn a_second_session_is_read_only() {
    let (dir, _) = folder("Title\n\nText.");
    let path = dir.path().join(DEFAULT_NAME);
    let first = Session::open(&path);
    let mut second = Session::open(&path);
    assert_eq!(second.problem, Some(Problem::Locked));
    assert!(second.read_only);
    assert!(
        second
            .add_note(NewNote {
                kind: NoteKind::Question,
                target: Target::Study,
                text: "x".into(),
                codes: vec![]
            })
            .is_err()
    );
    drop(first);
}

#[test]
fn changed_articles_reanchor_mark_review_and_list_orphans() {
    let (dir, corpus) = folder(
        "Title\n\nKerry denied coordinating with Tehran. He insisted that Washington was only communicating. The talks go on.",
    );
    let path = dir.path().join(DEFAULT_NAME);
    let mut s = Session::open(&path);
    let doc = &corpus.documents[0];
    let mut add = |quote: &str| {
        let i = doc.text.find(quote).unwrap();
        s.add_note(NewNote {
            kind: NoteKind::Observation,
            target: Target::Passage(anchor_for(doc, i..i + quote.len())),
            text: quote.into(),
            codes: vec![],
        })
        .unwrap()
    };
    let moved = add("The talks go on.");
    let fuzzy = add("He insisted that Washington was only communicating.");
    let gone = add("Kerry denied coordinating with Tehran.");
    // The article changes: a sentence deleted, one edited, text added before the rest.
    std::fs::write(dir.path().join("a.txt"), "Title\n\nA new opening sentence here. He insisted that Washington is only communicating. The talks go on.").unwrap();
    let corpus = crate::corpus::testing::load(dir.path());
    s.reanchor(&corpus);
    assert!(matches!(s.placements[&moved].resolved, Resolved::Moved(_)));
    assert!(matches!(
        s.placements[&fuzzy].resolved,
        Resolved::Fuzzy { .. }
    ));
    // A guess: listed to check, its stored anchor untouched until confirmed.
    assert_eq!(s.to_check(), [fuzzy]);
    let stored = s.study.note(fuzzy).unwrap().anchor().unwrap().clone();
    assert_eq!(
        stored.exact,
        "He insisted that Washington was only communicating."
    );
    let check = s.check(fuzzy, &corpus).unwrap();
    assert_eq!(check.was, stored.exact);
    assert!(check.now.contains("is only communicating"), "{check:?}");
    // A confident move keeps its quote and context; only the position follows.
    let m = s.study.note(moved).unwrap().anchor().unwrap().clone();
    assert_eq!(m.exact, "The talks go on.");
    assert_eq!(m.content_hash, corpus.documents[0].hash.0);
    assert_eq!(s.orphans(), [gone]);
    // Confirming moves the anchor (undoably) and takes it off the list.
    s.confirm(fuzzy, &corpus).unwrap();
    assert!(s.to_check().is_empty());
    assert!(
        s.study
            .note(fuzzy)
            .unwrap()
            .anchor()
            .unwrap()
            .exact
            .contains("is only communicating")
    );
    assert_eq!(s.undo(), Some("edit note"));
    assert_eq!(s.study.note(fuzzy).unwrap().anchor(), Some(&stored));
    // The orphan keeps its stored quote and can be re-attached to a new selection.
    assert_eq!(
        s.study.note(gone).unwrap().anchor().unwrap().exact,
        "Kerry denied coordinating with Tehran."
    );
    let doc = &corpus.documents[0];
    let i = doc.text.find("A new opening").unwrap();
    s.reattach(gone, doc, 0, i..i + 5).unwrap();
    assert!(s.orphans().is_empty());
    assert!(s.undo().is_some(), "re-attaching can be undone");
}

#[test]
fn undo_redo_and_read_only_undo() {
    let mut s = Session::in_memory();
    let id = s
        .add_note(NewNote {
            kind: NoteKind::Question,
            target: Target::Study,
            text: "Why?".into(),
            codes: vec![],
        })
        .unwrap();
    s.update_note(id, |n| n.text = "Why not?".into()).unwrap();
    assert_eq!(s.undo(), Some("edit note"));
    assert_eq!(s.study.note(id).unwrap().text, "Why?");
    assert_eq!(s.redo(), Some("edit note"));
    assert_eq!(s.study.note(id).unwrap().text, "Why not?");
    s.read_only = true;
    assert_eq!(s.undo(), None);
}

#[test]
fn placements_hand_out_a_new_version_whenever_they_change() {
    let (_dir, corpus) = folder("Title\n\nKerry denied coordinating with Tehran.");
    let doc = &corpus.documents[0];
    let mut s = Session::in_memory();
    let other = Session::in_memory();
    assert_ne!(
        s.places_version(),
        other.places_version(),
        "two sessions never share a version"
    );
    s.reanchor(&corpus);
    assert!(s.placements_current());
    let v0 = s.places_version();
    let span = doc.text.find("Kerry").unwrap()..doc.text.find(" denied").unwrap();
    let id = s
        .add_note(NewNote {
            kind: NoteKind::Observation,
            target: Target::Passage(anchor_for(doc, span.clone())),
            text: String::new(),
            codes: vec![],
        })
        .unwrap();
    assert!(!s.placements_current(), "a new note is not placed yet");
    assert_eq!(s.places_version(), v0);
    s.refresh_placements(&corpus);
    assert!(s.placements_current());
    let v1 = s.places_version();
    assert_ne!(v1, v0);
    assert_eq!(s.placements[&id].resolved, Resolved::Exact(span));
    let moved = doc.text.find("Tehran").unwrap()..doc.text.len() - 1;
    s.reattach(id, doc, 0, moved.clone()).unwrap();
    assert!(
        s.placements_current(),
        "re-attaching places the note itself"
    );
    assert_ne!(s.places_version(), v1);
    assert_eq!(s.placements[&id].resolved, Resolved::Exact(moved));
    let v2 = s.places_version();
    s.reload();
    assert!(!s.placements_current() && s.placements.is_empty());
    assert_ne!(s.places_version(), v2);
}

#[test]
fn an_import_is_one_step_with_its_codes() {
    let mut s = Session::in_memory();
    let book = Codebook::default();
    s.set_codebook(&book);
    let note = Note::new(
        0,
        NoteKind::Observation,
        Target::Study,
        "Imported.",
        Timestamp::UNIX_EPOCH,
    );
    let frame = crate::analysis::codebook::Frame {
        id: "imported".into(),
        name: "Imported".into(),
        ..Default::default()
    };
    assert_eq!(s.add_all(vec![note], vec![], &[frame]).unwrap(), 1);
    let frames = |s: &Session| s.study.codebook.as_ref().map_or(0, |b| b.frames.len());
    assert_eq!((s.study.notes.len(), frames(&s)), (1, 1));
    assert_eq!(s.undo(), Some("import notes and codes"));
    assert_eq!(
        (s.study.notes.len(), frames(&s)),
        (0, 0),
        "undo takes the codes back too"
    );
    s.redo();
    assert_eq!((s.study.notes.len(), frames(&s)), (1, 1));
}

#[test]
fn worksheet_answers_undo_type_as_one_step_and_their_citations_follow_the_article() {
    use crate::notes::worksheet::{Answer, Verdict};
    let (dir, corpus) = folder("Title\n\nKerry denied coordinating with Tehran.");
    let path = dir.path().join(DEFAULT_NAME);
    let mut s = Session::open(&path);
    let doc = &corpus.documents[0];
    let at = doc.text.find("denied").unwrap();
    let cite = anchor_for(doc, at..at + "denied".len());
    let yes = Answer {
        question: "Does one party reproach another?".into(),
        verdict: Some(Verdict::Yes),
        citations: vec![cite.clone()],
        ..Default::default()
    };
    s.set_answer("a.txt", "conflict#2", yes.clone()).unwrap();
    // A comment typed key by key is one more step, not one per key.
    for c in ["K", "Ke", "Kerry rejects"] {
        let mut a = yes.clone();
        a.comment = c.into();
        s.set_answer("a.txt", "conflict#2", a).unwrap();
    }
    let sheet = |s: &Session| s.worksheet("a.txt").cloned().unwrap_or_default();
    assert_eq!(
        sheet(&s).get("conflict#2").unwrap().comment,
        "Kerry rejects"
    );
    assert_eq!(s.undo(), Some("answer a worksheet question"));
    assert_eq!(
        sheet(&s).get("conflict#2"),
        Some(&yes),
        "the comment run undone"
    );
    s.undo();
    assert!(s.worksheet("a.txt").is_none(), "the answer undone");
    s.redo();
    s.redo();
    assert_eq!(
        sheet(&s).get("conflict#2").unwrap().comment,
        "Kerry rejects"
    );

    // Saved and reopened after the article changed: the citation follows its words.
    let disk = store::save(&path, &s.study, s.disk.as_ref()).unwrap();
    s.saved(s.generation, disk);
    drop(s);
    std::fs::write(
        dir.path().join("a.txt"),
        "Title\n\nA new first paragraph.\n\nKerry denied coordinating with Tehran.",
    )
    .unwrap();
    let changed = crate::corpus::testing::load(dir.path());
    let mut again = Session::open(&path);
    again.reanchor(&changed);
    let c = sheet(&again).get("conflict#2").unwrap().citations[0].clone();
    let d = &changed.documents[0];
    assert_eq!(
        &d.text[d.byte_offset(c.start)..d.byte_offset(c.end)],
        "denied"
    );
    assert_eq!(c.content_hash, d.hash.0);
    assert!(
        again
            .take_ops()
            .iter()
            .any(|op| matches!(op, Op::Article { .. }))
    );
}

#[test]
fn an_older_study_without_worksheets_opens_unchanged() {
    let old = r#"(version: 1, title: "Old", articles: {"a.txt": (content_hash: "blake3:00")}, notes: [], links: [])"#;
    let study: crate::notes::model::Study = ron::from_str(old).unwrap();
    assert!(study.articles["a.txt"].worksheet.is_empty());
    assert!(
        !study.to_ron().contains("worksheet"),
        "nothing new is written for it"
    );
}

#[test]
fn an_articles_marks_version_changes_only_with_its_own_notes() {
    let (_dir, corpus) = crate::corpus::testing::folder(&[
        ("a.txt", "Title A\n\nKerry denied coordinating with Tehran."),
        ("b.txt", "Title B\n\nTehran said the talks went well."),
    ]);
    let (a, b) = (&corpus.documents[0], &corpus.documents[1]);
    let mut s = Session::in_memory();
    s.reanchor(&corpus);
    let versions = |s: &Session| [s.marks_version(0), s.marks_version(1)];
    let note_on = |s: &mut Session, doc: &Document, word: &str| {
        let at = doc.text.find(word).unwrap();
        s.add_note(NewNote {
            kind: NoteKind::Observation,
            target: Target::Passage(anchor_for(doc, at..at + word.len())),
            text: "First words.".into(),
            codes: vec![],
        })
        .unwrap()
    };
    let start = versions(&s);
    let on_a = note_on(&mut s, a, "denied");
    s.refresh_placements(&corpus);
    let after_a = versions(&s);
    assert_ne!(after_a[0], start[0], "a note on a changes a's marks");
    assert_eq!(after_a[1], start[1], "b's stay");
    // Refreshing with nothing changed changes nothing.
    s.refresh_placements(&corpus);
    assert_eq!(versions(&s), after_a);

    let on_b = note_on(&mut s, b, "talks");
    s.refresh_placements(&corpus);
    let after_b = versions(&s);
    assert_eq!(after_b[0], after_a[0]);
    assert_ne!(after_b[1], after_a[1]);
    // Editing a note's text (its passage unchanged) changes its article's marks (the hover text).
    s.update_note(on_a, |n| n.text = "Other words.".into())
        .unwrap();
    s.refresh_placements(&corpus);
    let edited = versions(&s);
    assert_ne!(edited[0], after_b[0]);
    assert_eq!(edited[1], after_b[1]);
    // A link touches both; deleting a note, its own article; undo brings it back the same way.
    let at = |d: &Document, w: &str| {
        let i = d.text.find(w).unwrap();
        anchor_for(d, i..i + w.len())
    };
    s.add_link(
        at(a, "Kerry"),
        at(b, "Tehran"),
        Relation::Contradicts,
        String::new(),
    )
    .unwrap();
    s.refresh_placements(&corpus);
    let linked = versions(&s);
    assert!(linked[0] != edited[0] && linked[1] != edited[1]);
    s.delete_note(on_b).unwrap();
    s.refresh_placements(&corpus);
    let deleted = versions(&s);
    assert_eq!(deleted[0], linked[0]);
    assert_ne!(deleted[1], linked[1]);
    assert!(!s.placements.contains_key(&on_b));
    s.undo();
    s.refresh_placements(&corpus);
    let undone = versions(&s);
    assert_eq!(undone[0], deleted[0]);
    assert_ne!(undone[1], deleted[1]);
    assert!(s.placements.contains_key(&on_b));
    // Placing everything anew (the articles were read again) changes every article's.
    s.reanchor(&corpus);
    let again = versions(&s);
    assert!(again[0] != undone[0] && again[1] != undone[1]);
}
