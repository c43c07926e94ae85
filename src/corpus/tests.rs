use super::testing::load;
use super::*;
use crate::document::read::ReadError;
use std::fs;

fn reason<'a>(c: &'a Corpus, rel: &str) -> &'a SkipReason {
    &c.skipped
        .iter()
        .find(|s| s.rel_path == rel)
        .unwrap_or_else(|| panic!("{rel} not skipped: {:?}", c.skipped))
        .reason
}

#[test]
fn reads_supported_formats_recursively_and_skips_hidden_and_own_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.txt"), "Title A\n\nBody text. More.").unwrap();
    fs::create_dir_all(root.join("sub/deeper")).unwrap();
    fs::write(root.join("sub/b.md"), "# Title B\n\nBody.").unwrap();
    fs::write(
        root.join("sub/deeper/c.html"),
        "<h1>Title C</h1><p>Body.</p>",
    )
    .unwrap();
    fs::write(root.join(".hidden.txt"), "secret").unwrap();
    fs::create_dir(root.join(".git")).unwrap();
    fs::write(root.join(".git/x.txt"), "git internals").unwrap();
    fs::write(root.join("parallax-study.ron"), "(version: 1)").unwrap();
    fs::write(root.join("notes.ron"), "()").unwrap();
    let c = load(root);
    let files: Vec<_> = c
        .documents
        .iter()
        .map(|d| d.source.rel_path.as_str())
        .collect();
    assert_eq!(files, ["a.txt", "sub/b.md", "sub/deeper/c.html"]);
    let titles: Vec<_> = c.documents.iter().map(|d| d.title()).collect();
    assert_eq!(titles, ["Title A", "Title B", "Title C"]);
    assert!(c.skipped.is_empty(), "{:?}", c.skipped);
}

#[test]
fn refusals_are_reported_and_loading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("good.txt"), "Title\n\nBody.").unwrap();
    fs::write(root.join("empty.txt"), "").unwrap();
    fs::write(root.join("blank.txt"), "\n  \n").unwrap();
    fs::write(root.join("binary.txt"), b"abc\0\x01\x02def").unwrap();
    fs::write(root.join("report.pdf"), b"%PDF-1.4").unwrap();
    fs::write(root.join("image.png"), b"\x89PNG").unwrap();
    fs::write(root.join("big.txt"), "x".repeat(2000)).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("broken.txt")).unwrap();
    let opts = LoadOptions {
        max_file_size: 1000,
        ..LoadOptions::default()
    };
    let c = load_folder(root, &opts, |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(c.documents.len(), 1);
    assert_eq!(
        reason(&c, "empty.txt"),
        &SkipReason::Decode(decode::DecodeError::Empty)
    );
    assert_eq!(
        reason(&c, "blank.txt"),
        &SkipReason::Decode(decode::DecodeError::Blank)
    );
    assert!(matches!(
        reason(&c, "binary.txt"),
        SkipReason::Decode(decode::DecodeError::Binary(_))
    ));
    assert!(
        matches!(
            reason(&c, "report.pdf"),
            SkipReason::Read(ReadError::Broken("PDF", _))
        ),
        "{:?}",
        reason(&c, "report.pdf")
    );
    assert_eq!(
        reason(&c, "image.png"),
        &SkipReason::Unsupported("png".into())
    );
    assert_eq!(
        reason(&c, "big.txt"),
        &SkipReason::TooLarge {
            size: 2000,
            limit: 1000
        }
    );
    assert!(
        reason(&c, "big.txt")
            .to_string()
            .contains("the limit is 1000 bytes")
    );
    #[cfg(unix)]
    assert!(
        matches!(reason(&c, "broken.txt"), SkipReason::BrokenLink(t) if t.ends_with("nowhere.txt"))
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_refused_with_the_system_reason() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.txt");
    fs::write(&path, "Title\n\nBody.").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let c = load(dir.path());
    if fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading, so the file must load.
        assert_eq!(c.documents.len(), 1);
    } else {
        assert!(
            matches!(reason(&c, "locked.txt"), SkipReason::Unreadable(m) if m.contains("ermission"))
        );
    }
    // A directory named like an article cannot be read as one either way.
    let c = load_candidate(
        &Candidate {
            path: dir.path().to_owned(),
            rel_path: "dir.txt".into(),
            format: Format::Text,
        },
        &LoadOptions::default(),
    );
    assert!(matches!(c, Err(SkipReason::Unreadable(_))));
}

#[cfg(unix)]
#[test]
fn non_utf8_file_name_is_loaded_and_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(dir.path().join(name), "Title\n\nBody.").unwrap();
    // A second name that differs only in its invalid byte stays a second article.
    let other = std::ffi::OsStr::from_bytes(b"caf\xe8.txt");
    fs::write(dir.path().join(other), "Other\n\nBody.").unwrap();
    let c = load(dir.path());
    assert_eq!(c.documents.len(), 2);
    assert_eq!(c.documents[0].source.rel_path, "caf%E8.txt");
    assert_eq!(c.documents[1].source.rel_path, "caf%E9.txt");
    assert!(c.documents.iter().all(|d| d.source.path.exists()));
    assert_eq!(
        name_text(std::ffi::OsStr::from_bytes(b"50%\xff")),
        "50%25%FF"
    );
    assert_eq!(name_text(std::ffi::OsStr::new("50% off")), "50% off");
}

#[cfg(unix)]
#[test]
fn link_loops_and_links_out_of_the_folder_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("a.txt"), "Title\n\nBody.").unwrap();
    fs::create_dir(dir.path().join("sibling")).unwrap();
    fs::write(dir.path().join("sibling/private.txt"), "Not\n\nmine.").unwrap();
    std::os::unix::fs::symlink("self.txt", root.join("self.txt")).unwrap();
    std::os::unix::fs::symlink("b.txt", root.join("c.txt")).unwrap();
    std::os::unix::fs::symlink("c.txt", root.join("b.txt")).unwrap();
    std::os::unix::fs::symlink("..", root.join("up")).unwrap();
    let c = load(&root);
    let files: Vec<_> = c
        .documents
        .iter()
        .map(|d| d.source.rel_path.as_str())
        .collect();
    assert_eq!(files, ["a.txt"], "nothing outside the folder is read");
    assert!(matches!(reason(&c, "self.txt"), SkipReason::LinkLoop(_)));
    assert!(matches!(reason(&c, "b.txt"), SkipReason::LinkLoop(_)));
    assert!(matches!(reason(&c, "up"), SkipReason::LinkOutside(_)));
    assert!(reason(&c, "up").to_string().contains("not followed"));
}

#[test]
fn sizes_that_round_alike_are_told_apart() {
    let limit = 64 * 1024 * 1024;
    let r = SkipReason::TooLarge {
        size: limit + 1,
        limit,
    };
    assert_eq!(
        r.to_string(),
        "too large (67,108,865 bytes; the limit is 67,108,864 bytes)"
    );
    let r = SkipReason::TooLarge {
        size: 2 * limit,
        limit,
    };
    assert_eq!(r.to_string(), "too large (128.0 MB; the limit is 64.0 MB)");
}

#[test]
fn a_file_that_makes_the_parser_panic_is_skipped_and_the_rest_loads() {
    let r = guarded(|| panic!("start byte index 8192 is not a char boundary"));
    match r {
        Err(SkipReason::Crashed(what)) => assert!(what.contains("8192")),
        other => panic!("{other:?}"),
    }
    assert!(
        SkipReason::Crashed("x".into())
            .to_string()
            .contains("please report it")
    );
}

#[test]
fn a_loader_that_dies_ends_the_load_with_an_error() {
    let (tx, rx) = mpsc::channel::<LoadEvent>();
    let job = LoadJob {
        root: PathBuf::from("/somewhere"),
        rx,
        cancel: Arc::new(AtomicBool::new(false)),
    };
    tx.send(LoadEvent::Progress(Progress { done: 1, total: 6 }))
        .unwrap();
    drop(tx); // the thread is gone without a result
    let events = job.poll();
    assert!(matches!(
        events.last(),
        Some(LoadEvent::Done(Err(CorpusError::LoaderStopped(_))))
    ));
}

#[test]
fn bundled_example_is_embedded() {
    let c = Corpus::bundled();
    assert!(c.is_bundled());
    assert!(c.documents.len() >= 2);
    assert!(c.skipped.is_empty());
    assert!(c.documents.iter().all(|d| !d.blocks().is_empty()));
}

#[test]
fn missing_path_file_path_and_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let never = AtomicBool::new(false);
    let missing = dir.path().join("missing");
    let err = load_folder(&missing, &LoadOptions::default(), |_| {}, &never).unwrap_err();
    assert!(matches!(err, CorpusError::NotFound(_)));
    assert!(err.to_string().contains("does not exist"));
    let file = dir.path().join("a.txt");
    fs::write(&file, "x").unwrap();
    let err = load_folder(&file, &LoadOptions::default(), |_| {}, &never).unwrap_err();
    assert!(matches!(err, CorpusError::NotADirectory(_)));
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let c = load(&empty);
    assert!(c.documents.is_empty() && c.skipped.is_empty());
}

#[test]
fn depth_and_file_limits_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("1/2/3")).unwrap();
    fs::write(root.join("top.txt"), "T\n\nB.").unwrap();
    fs::write(root.join("1/2/3/deep.txt"), "T\n\nB.").unwrap();
    for i in 0..5 {
        fs::write(root.join(format!("f{i}.txt")), "T\n\nB.").unwrap();
    }
    let opts = LoadOptions {
        max_depth: 2,
        max_files: 3,
        ..LoadOptions::default()
    };
    let c = load_folder(root, &opts, |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(c.documents.len(), 3);
    assert!(
        c.notices
            .iter()
            .any(|n| matches!(n, Notice::DepthLimit { limit: 2, .. }))
    );
    assert!(c.notices.contains(&Notice::FileLimit {
        limit: 3,
        ignored: 3
    }));
}

#[test]
fn background_load_reports_progress_then_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        fs::write(
            dir.path().join(format!("{i:02}.txt")),
            format!("Title {i}\n\nBody."),
        )
        .unwrap();
    }
    let woken = Arc::new(AtomicUsize::new(0));
    let w = woken.clone();
    let job = LoadJob::spawn(dir.path().to_owned(), LoadOptions::default(), move || {
        w.fetch_add(1, Ordering::Relaxed);
    });
    let mut progress = Vec::new();
    let corpus = loop {
        match job.rx.recv().unwrap() {
            LoadEvent::Progress(p) => progress.push(p),
            LoadEvent::Partial(c) => panic!("a plain load came in pieces: {c:?}"),
            LoadEvent::Done(r) => break r.unwrap(),
        }
    };
    assert_eq!(corpus.documents.len(), 20);
    assert_eq!(progress.first(), Some(&Progress { done: 0, total: 20 }));
    assert_eq!(
        progress.last(),
        Some(&Progress {
            done: 20,
            total: 20
        })
    );
    assert!(progress.windows(2).all(|w| w[0].done < w[1].done));
    // The window is woken for the first progress (and the result, maybe after this
    // line), at most ten times a second in between: not once per file.
    let woken = woken.load(Ordering::Relaxed);
    assert!((1..21).contains(&woken), "woken {woken} times");
}

#[test]
fn a_streaming_load_shows_the_wanted_articles_first_then_what_it_read_then_everything() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        fs::write(
            dir.path().join(format!("{i:03}.txt")),
            format!("Title {i}\n\n{}", "Body text of some length. ".repeat(40)),
        )
        .unwrap();
    }
    let wanted = vec!["250.txt".to_owned(), "017.txt".to_owned()];
    let streaming = Streaming {
        first: wanted.clone(),
        every: std::time::Duration::ZERO,
    };
    let job = LoadJob::streaming(
        dir.path().to_owned(),
        LoadOptions::default(),
        streaming,
        || {},
    );
    let mut partials = Vec::new();
    let corpus = loop {
        match job.rx.recv().unwrap() {
            LoadEvent::Progress(_) => {}
            LoadEvent::Partial(c) => partials.push(c),
            LoadEvent::Done(r) => break r.unwrap(),
        }
    };
    assert_eq!(corpus.documents.len(), 300);
    let first = partials
        .first()
        .expect("a partial corpus before the whole one");
    for rel in &wanted {
        assert!(first.find(rel).is_some(), "{rel} was read first");
    }
    assert!(first.documents.len() < 300);
    for p in &partials {
        // In file-name order, sharing the documents the whole corpus holds.
        assert!(
            p.documents
                .windows(2)
                .all(|w| w[0].source.rel_path < w[1].source.rel_path)
        );
        for d in &p.documents {
            let i = corpus.find(&d.source.rel_path).unwrap();
            assert!(Arc::ptr_eq(d, &corpus.documents[i]));
        }
    }
    assert!(
        partials
            .windows(2)
            .all(|w| w[0].documents.len() < w[1].documents.len()),
        "each partial holds more than the one before"
    );
}

#[test]
fn a_plain_load_and_a_small_folder_send_no_partial_corpus() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "A\n\nOne.").unwrap();
    fs::write(dir.path().join("b.txt"), "B\n\nTwo.").unwrap();
    let streaming = Streaming::first(Vec::new());
    let job = LoadJob::streaming(
        dir.path().to_owned(),
        LoadOptions::default(),
        streaming,
        || {},
    );
    loop {
        match job.rx.recv().unwrap() {
            LoadEvent::Progress(_) => {}
            LoadEvent::Partial(c) => panic!("a two-file folder came in pieces: {c:?}"),
            LoadEvent::Done(r) => break assert_eq!(r.unwrap().documents.len(), 2),
        }
    }
}

#[test]
fn a_few_small_files_are_read_on_one_thread_and_big_or_many_on_every_core() {
    let dir = tempfile::tempdir().unwrap();
    let candidate = |name: &str, bytes: u64| {
        let path = dir.path().join(name);
        fs::File::create(&path).unwrap().set_len(bytes).unwrap();
        Candidate {
            path,
            rel_path: name.into(),
            format: Format::Text,
        }
    };
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let few = [candidate("a.txt", 30_000), candidate("b.txt", 3_000)];
    assert_eq!(readers_for(&few), 1);
    let big = [candidate("c.txt", 30_000), candidate("d.txt", 2 << 20)];
    assert_eq!(readers_for(&big), cores.min(2));
    let many: Vec<Candidate> = (0..FEW_FILES + 1)
        .map(|i| candidate(&format!("{i}.txt"), 100))
        .collect();
    assert_eq!(readers_for(&many), cores.min(FEW_FILES + 1));
    // A file that cannot be weighed counts as big.
    let gone = Candidate {
        path: dir.path().join("gone.txt"),
        rel_path: "gone.txt".into(),
        format: Format::Text,
    };
    assert_eq!(readers_for(&[gone, candidate("e.txt", 10)]), cores.min(2));
}

#[test]
fn waiting_for_a_load_keeps_how_far_it_got() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        fs::write(dir.path().join(format!("{i:02}.txt")), "Title\n\nBody.").unwrap();
    }
    let job = LoadJob::spawn(dir.path().to_owned(), LoadOptions::default(), || {});
    let (progress, event) = job.wait_for(std::time::Duration::from_secs(30));
    assert!(matches!(event, Some(LoadEvent::Done(Ok(_)))), "{event:?}");
    let progress = progress.expect("the progress that came before the end");
    assert_eq!((progress.done, progress.total), (12, 12));
}
