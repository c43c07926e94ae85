//! Study-file budgets: saving a study of 10,000 notes (atomic replace with fsync, backups
//! kept) ≤ 100 ms; loading it ≤ 100 ms. And adding a note costs the frame nothing extra:
//! the frame in which a note is added (and its autosave requested) against a plain frame,
//! both with the seeds open and the lens on. Saving happens on the saver thread.

mod common;

use std::path::Path;

use common::{WIDTH, app_with, frame, load, until_analysed};
use criterion::{Criterion, criterion_group, criterion_main};
use parallax::document::{Document, Format};
use parallax::notes::anchor::anchor_for;
use parallax::notes::model::{Note, NoteKind, Study, Target};
use parallax::notes::store;
use parallax::ui::commands::{Command, StudyCommand, ViewCommand};

const CODES: &[&str] = &[
    "shared_threat",
    "engagement",
    "domestic_risk",
    "nuclear_linkage",
    "allies",
];

/// A study of `n` notes on passages of a long generated article: written text, codes,
/// anchors with their context, as the app makes them.
fn big_study(n: usize) -> Study {
    let text = common::article(2 * 1024 * 1024, 400);
    let doc = Document::from_text("big.txt", Format::Text, &text);
    let len = doc.text.len();
    let kinds = [
        NoteKind::Observation,
        NoteKind::Question,
        NoteKind::Contrast,
        NoteKind::Coding,
    ];
    let mut study = Study {
        title: "Ten thousand notes".into(),
        ..Default::default()
    };
    for i in 0..n {
        let start = parallax::document::text::floor_char_boundary(&doc.text, i * 997 % (len - 200));
        let end = parallax::document::text::floor_char_boundary(&doc.text, start + 40 + i % 120);
        let kind = kinds[i % kinds.len()];
        study.notes.push(
            Note {
                id: i as u64 + 1,
                created: jiff::Timestamp::now(),
                updated: jiff::Timestamp::now(),
                kind,
                target: Target::Passage(anchor_for(&doc, start..end)),
                text: if kind == NoteKind::Coding {
                    String::new()
                } else {
                    format!(
                        "Note {i}: the article leans on this passage to make the threat shared, \
                     and hedges the step from talking to cooperating."
                    )
                },
                codes: vec![
                    CODES[i % CODES.len()].into(),
                    CODES[(i / 3) % CODES.len()].into(),
                ],
                review: None,
                author: String::new(),
            }
            .into(),
        );
    }
    study
}

fn study_file(c: &mut Criterion) {
    let study = big_study(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(store::DEFAULT_NAME);
    let mut disk = store::save(&path, &study, None).expect("first save");
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "a study of {} notes is {:.1} MB on disk",
        study.notes.len(),
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("study of 10,000 notes");
    group.sample_size(20);
    // Each save replaces the last one, as autosave does: temp file, fsync, rename, fsync the
    // folder, the previous version kept among the 5 backups.
    group.bench_function("save (atomic, fsync, backups)", |b| {
        b.iter(|| {
            disk = store::save(&path, &study, Some(&disk)).expect("save");
        })
    });
    // What the UI thread pays when autosave hands the study to the saver thread.
    group.bench_function("autosave snapshot (clone on the UI thread)", |b| {
        b.iter(|| std::hint::black_box(study.clone()))
    });
    group.bench_function("load (read and parse)", |b| {
        b.iter(|| match store::open(&path).expect("open") {
            store::Opened::Read { study, .. } => {
                assert_eq!(study.notes.len(), 10_000);
                std::hint::black_box(study);
            }
            other => panic!("{other:?}"),
        })
    });
    group.finish();
}

/// The seeds in a temporary folder (the study file is written next to the articles), with a
/// study of `notes` notes on passages of both, spread through the texts.
fn seeds_with_notes(notes: usize) -> (tempfile::TempDir, parallax::corpus::Corpus) {
    let dir = tempfile::tempdir().expect("temp dir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for e in std::fs::read_dir(&seeds).expect("seeds").flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("copy");
        }
    }
    if notes > 0 {
        let corpus = load(dir.path());
        let mut study = Study::default();
        for i in 0..notes {
            let doc = &corpus.documents[i % corpus.documents.len()];
            let len = doc.text.len();
            let start =
                parallax::document::text::floor_char_boundary(&doc.text, i * 397 % (len - 100));
            let end = parallax::document::text::floor_char_boundary(&doc.text, start + 20 + i % 60);
            study.notes.push(
                Note {
                    id: i as u64 + 1,
                    created: jiff::Timestamp::now(),
                    updated: jiff::Timestamp::now(),
                    kind: if i % 3 == 0 {
                        NoteKind::Coding
                    } else {
                        NoteKind::Observation
                    },
                    target: Target::Passage(anchor_for(doc, start..end)),
                    text: if i % 3 == 0 {
                        String::new()
                    } else {
                        format!("Note {i} on this passage.")
                    },
                    codes: vec![CODES[i % CODES.len()].into()],
                    review: None,
                    author: String::new(),
                }
                .into(),
            );
        }
        store::save(&dir.path().join(store::DEFAULT_NAME), &study, None).expect("save");
    }
    let corpus = load(dir.path());
    (dir, corpus)
}

fn adding_a_note(c: &mut Criterion) {
    for notes in [0, 10_000] {
        let (_dir, corpus) = seeds_with_notes(notes);
        let (ctx, mut app) = app_with(corpus);
        until_analysed(&ctx, &mut app);
        app.push(Command::View(ViewCommand::ShowNotes));
        for _ in 0..5 {
            frame(&ctx, &mut app, WIDTH);
        }
        assert_eq!(
            app.study().desk.session.study.notes.len(),
            notes,
            "the study is open"
        );
        // A passage on screen in the left pane.
        let span = {
            let view = app.panes_mut()[0].view.as_mut().expect("a view");
            let shown = view.visible_span().expect("text on screen");
            let start = parallax::document::text::floor_char_boundary(
                &view.doc().text,
                shown.start + (shown.end - shown.start) / 3,
            );
            start..parallax::document::text::floor_char_boundary(&view.doc().text, start + 30)
        };

        let mut group = c.benchmark_group(format!("seeds, lens on, notes panel, {notes} notes"));
        group.bench_function("frame", |b| b.iter(|| frame(&ctx, &mut app, WIDTH)));
        // Every measured frame adds a code note to the passage or (the next time) takes it
        // off again: the note action, its undo entry, new marks and the autosave request
        // (whose snapshot is taken on this thread about a second later).
        group.bench_function("frame in which a note is added or removed", |b| {
            b.iter(|| {
                if let Some(view) = app.panes_mut()[0].view.as_mut() {
                    view.select(span.clone());
                }
                app.set_focus(parallax::side::Side::Left);
                app.push(Command::Study(StudyCommand::ApplyCode(0)));
                frame(&ctx, &mut app, WIDTH);
            })
        });
        if notes > 0 {
            // Every measured frame saves an edit of one note's text (its editor opened in
            // the frame before, not measured): the edit, its undo entry, its marks and
            // list rows made again, the autosave request.
            let id = 2;
            let mut n = 0u64;
            group.bench_function("frame in which a note's text is edited", |b| {
                b.iter_custom(|iters| {
                    let mut took = std::time::Duration::ZERO;
                    for _ in 0..iters {
                        app.push(Command::Study(StudyCommand::EditNote(id)));
                        frame(&ctx, &mut app, WIDTH);
                        n += 1;
                        if let Some(d) = app.study_mut().draft.as_mut() {
                            d.text = format!("Edited note, version {n}.");
                        }
                        app.push(Command::Study(StudyCommand::CommitDraft));
                        let t = std::time::Instant::now();
                        frame(&ctx, &mut app, WIDTH);
                        took += t.elapsed();
                    }
                    took
                })
            });
            let edited = app
                .study()
                .desk
                .session
                .study
                .note(id)
                .map(|n| n.text.clone());
            assert_eq!(
                edited,
                Some(format!("Edited note, version {n}.")),
                "the edit was saved"
            );
        }
        group.finish();
        let now = app.study().desk.session.study.notes.len();
        assert!(now <= notes + 1, "the toggle adds and removes: {now}");
        app.study_mut().flush();
    }
}

criterion_group!(benches, study_file, adding_a_note);
criterion_main!(benches);
