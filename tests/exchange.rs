//! Studies in other programs' formats, headless: `parallax export` writes a REFI-QDA
//! project that validates against the official schema, W3C Web Annotations and Markdown.

mod common;

use std::io::Read as _;
use std::path::Path;
use std::process::Command;

use parallax::corpus::{LoadJob, LoadOptions};
use parallax::notes::anchor::anchor_for;
use parallax::notes::model::{Note, NoteKind, Study, Target};
use parallax::notes::store::{self, DEFAULT_NAME};

/// A folder of the two common articles with a study of one coded note on each.
fn studied_folder() -> tempfile::TempDir {
    let dir = common::two_articles();
    let corpus = LoadJob::spawn(dir.path().to_owned(), LoadOptions::default(), || {})
        .wait()
        .unwrap();
    let book = parallax::analysis::codebook::built_in().remove(0).1;
    let (c1, c2) = (book.frames[0].id.clone(), book.frames[1].id.clone());
    let note = |id: u64, doc: usize, quote: &str, text: &str, code: &str| {
        let mut n = common::passage_note(&corpus, id, doc, quote, NoteKind::Observation, text);
        n.codes = vec![code.into()];
        std::sync::Arc::new(n)
    };
    let study = Study {
        title: "Coordination or not".into(),
        notes: vec![
            note(1, 0, "only communicating", "Minimising verb.", &c1),
            note(2, 1, "a common threat", "The frame of the other.", &c2),
        ],
        codebook: Some(book),
        ..Study::default()
    };
    store::save(&dir.path().join(DEFAULT_NAME), &study, None).unwrap();
    dir
}

fn parallax(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .unwrap()
}

/// `parallax export FOLDER --to FORMAT OUT`.
fn export(folder: &Path, to: &str, out: &Path) -> std::process::Output {
    parallax(&[
        "export".as_ref(),
        folder.as_os_str(),
        "--to".as_ref(),
        to.as_ref(),
        out.as_os_str(),
    ])
}

/// `parallax report FOLDER --format FORMAT`: its standard output, the run having succeeded.
fn report(folder: &Path, format: &str) -> Vec<u8> {
    let out = parallax(&[
        "report".as_ref(),
        folder.as_os_str(),
        "--format".as_ref(),
        format.as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn xmllint() -> bool {
    let found = Command::new("xmllint").arg("--version").output().is_ok();
    assert!(
        found || std::env::var_os("CI").is_none(),
        "xmllint is needed in CI (libxml2-utils)"
    );
    found
}

#[test]
fn export_writes_a_project_that_validates_and_holds_every_note() {
    let dir = studied_folder();
    let out = dir.path().join("class.qdpx");
    let run = export(dir.path(), "qdpx", &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("2 articles") && stderr.contains("2 coded passages"),
        "{stderr}"
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut qde = String::new();
    zip.by_name("project.qde")
        .unwrap()
        .read_to_string(&mut qde)
        .unwrap();
    assert!(qde.contains("name=\"Coordination or not\""));
    assert!(qde.contains("Minimising verb.") && qde.contains("The frame of the other."));
    // Each selection's positions pick its quote out of its source file.
    let sources: Vec<String> = (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).ok()?;
            let name = f.name().ok()?.into_owned();
            let mut text = String::new();
            name.starts_with("sources/")
                .then(|| f.read_to_string(&mut text).ok())
                .flatten()
                .map(|_| text)
        })
        .collect();
    assert_eq!(sources.len(), 2);
    for quote in ["only communicating", "a common threat"] {
        let text = sources.iter().find(|t| t.contains(quote)).unwrap();
        let start = text[..text.find(quote).unwrap()].chars().count();
        let end = start + quote.chars().count();
        assert!(
            qde.contains(&format!("startPosition=\"{start}\" endPosition=\"{end}\"")),
            "{quote} at {start}..{end}:\n{qde}"
        );
    }
    // The export in the folder is not an article when the folder is read again.
    let again = LoadJob::spawn(dir.path().to_owned(), LoadOptions::default(), || {})
        .wait()
        .unwrap();
    assert_eq!(again.documents.len(), 2);

    if xmllint() {
        let file = dir.path().join("project.qde");
        std::fs::write(&file, &qde).unwrap();
        let schema =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/refi-qda/Project-mrt2019.xsd");
        let check = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&schema)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

#[test]
fn export_writes_markdown_and_says_plainly_what_is_wrong() {
    let dir = studied_folder();
    let md = dir.path().join("notes.md");
    let run = export(dir.path(), "md", &md);
    assert!(run.status.success());
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("> only communicating") && text.contains("Minimising verb."));

    let w3c = dir.path().join("notes.jsonld");
    let run = export(dir.path(), "w3c", &w3c);
    assert!(run.status.success());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&w3c).unwrap()).unwrap();
    assert_eq!(v["type"], "AnnotationCollection");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let quotes: Vec<&str> = items
        .iter()
        .map(|a| a["target"]["selector"][0]["exact"].as_str().unwrap())
        .collect();
    assert_eq!(quotes, ["only communicating", "a common threat"]);

    // No study in the folder: exit code 1 and one line naming the file.
    let bare = common::two_articles();
    let run = export(bare.path(), "qdpx", &bare.path().join("x.qdpx"));
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("no study at") && stderr.contains(DEFAULT_NAME),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    // A damaged study is reported and left where it is.
    let study = dir.path().join(DEFAULT_NAME);
    std::fs::write(&study, "(version: 1, notes: [").unwrap();
    let run = export(dir.path(), "qdpx", &dir.path().join("y.qdpx"));
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("does not parse"));
    assert_eq!(
        std::fs::read_to_string(&study).unwrap(),
        "(version: 1, notes: ["
    );
    assert!(!dir.path().join("y.qdpx").exists());
}

fn run_ok(args: &[&std::ffi::OsStr]) -> String {
    let run = parallax(args);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    stderr
}

#[test]
fn import_merges_a_project_into_another_copy_of_the_folder_once() {
    let from = studied_folder();
    // A third article with its own coded note, which the other copy lacks.
    std::fs::write(
        from.path().join("c.txt"),
        "Third article\n\nTehran answered at once.\n",
    )
    .unwrap();
    let study_file = from.path().join(DEFAULT_NAME);
    let mut study = store::parse(&std::fs::read_to_string(&study_file).unwrap()).unwrap();
    let corpus = LoadJob::spawn(from.path().to_owned(), LoadOptions::default(), || {})
        .wait()
        .unwrap();
    let c = &corpus.documents[corpus.find("c.txt").unwrap()];
    let i = c.text.find("answered").unwrap();
    study.notes.push(std::sync::Arc::new(Note::new(
        3,
        NoteKind::Question,
        Target::Passage(anchor_for(c, i..i + "answered".len())),
        "Answered whom?",
        jiff::Timestamp::from_second(1_800_000_100).unwrap(),
    )));
    let disk = store::DiskState::of(&study_file).unwrap();
    store::save(&study_file, &study, disk.as_ref()).unwrap();
    let qdpx = from.path().join("class.qdpx");
    let run = export(from.path(), "qdpx", &qdpx);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let to = common::two_articles();
    let said = run_ok(&["import".as_ref(), to.path().as_os_str(), qdpx.as_os_str()]);
    assert!(said.contains("imported 2 notes"), "{said}");
    assert!(
        said.contains("c.txt") || said.contains("Third article"),
        "the missing source is named: {said}"
    );
    let read = |dir: &Path| {
        store::parse(&std::fs::read_to_string(dir.join(DEFAULT_NAME)).unwrap()).unwrap()
    };
    let merged = read(to.path());
    let texts: Vec<&str> = merged.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["Minimising verb.", "The frame of the other."]);
    assert_eq!(
        merged.notes[0].anchor().unwrap().exact,
        "only communicating"
    );

    // Again, with the missing article written into the folder: only its note is new.
    let said = run_ok(&[
        "import".as_ref(),
        to.path().as_os_str(),
        qdpx.as_os_str(),
        "--add-articles".as_ref(),
    ]);
    assert!(said.contains("wrote the article"), "{said}");
    assert!(said.contains("imported 1 note,"), "{said}");
    let merged = read(to.path());
    assert_eq!(merged.notes.len(), 3);
    let third = merged.notes[2].anchor().unwrap();
    assert_eq!(third.exact, "answered");
    assert!(to.path().join(&third.article).is_file());

    // What is not a project is refused in one line, and the study is untouched.
    let before = std::fs::read(to.path().join(DEFAULT_NAME)).unwrap();
    let run = parallax(&[
        "import".as_ref(),
        to.path().as_os_str(),
        to.path().join("a.txt").as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("cannot import") && stderr.contains("REFI-QDA"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(to.path().join(DEFAULT_NAME)).unwrap(), before);
}

/// A study of the folder's articles by `author`: one coded passage per `(article, quote, code)`.
fn coded_study(dir: &Path, author: &str, codings: &[(usize, &str, &str)]) -> Study {
    let corpus = LoadJob::spawn(dir.to_owned(), LoadOptions::default(), || {})
        .wait()
        .unwrap();
    let book = parallax::analysis::codebook::built_in().remove(0).1;
    let notes = codings
        .iter()
        .enumerate()
        .map(|(i, (doc, quote, code))| {
            let mut n =
                common::passage_note(&corpus, i as u64 + 1, *doc, quote, NoteKind::Coding, "");
            n.codes = vec![book.frames[code.parse::<usize>().unwrap()].id.clone()];
            n.author = author.into();
            std::sync::Arc::new(n)
        })
        .collect();
    Study {
        notes,
        codebook: Some(book),
        ..Study::default()
    }
}

#[test]
fn a_second_coders_study_merges_once_and_the_report_measures_agreement() {
    let folder = common::two_articles();
    let ana = coded_study(
        folder.path(),
        "Ana",
        &[
            (0, "denied that Washington", "0"),
            (0, "Israel warned", "0"),
            (1, "common threat", "1"),
        ],
    );
    store::save(&folder.path().join(DEFAULT_NAME), &ana, None).unwrap();
    // Ben's study of the same articles, in his own folder; his notes name nobody, so they
    // are signed with his folder's name.
    let ben_dir = tempfile::tempdir().unwrap();
    let ben_folder = ben_dir.path().join("ben");
    std::fs::create_dir(&ben_folder).unwrap();
    let ben = coded_study(
        folder.path(),
        "",
        &[
            (0, "John Kerry denied", "0"),
            (0, "nuclear talks", "0"),
            (1, "common threat", "1"),
        ],
    );
    let ben_file = ben_folder.join(DEFAULT_NAME);
    store::save(&ben_file, &ben, None).unwrap();

    let said = run_ok(&[
        "import".as_ref(),
        folder.path().as_os_str(),
        ben_file.as_os_str(),
    ]);
    assert!(said.contains("imported 3 notes"), "{said}");
    assert!(said.contains("signed “ben”"), "{said}");
    // Merged twice: nothing doubled.
    let said = run_ok(&[
        "import".as_ref(),
        folder.path().as_os_str(),
        ben_file.as_os_str(),
    ]);
    assert!(said.contains("imported 0 notes"), "{said}");
    let merged =
        store::parse(&std::fs::read_to_string(folder.path().join(DEFAULT_NAME)).unwrap()).unwrap();
    let authors: Vec<&str> = merged.notes.iter().map(|n| n.author.as_str()).collect();
    assert_eq!(authors, ["Ana", "Ana", "Ana", "ben", "ben", "ben"]);

    let stdout = report(folder.path(), "json");
    let json: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let a = &json["agreement"];
    assert_eq!(a["unit"], "sentence");
    let pair = &a["pairs"][0];
    assert_eq!(pair["coders"], serde_json::json!(["Ana", "ben"]));
    // Code 0 on a.txt's sentences: both code the Kerry sentence; Ana alone the Israel
    // sentence, Ben alone the talks sentence. Code 1 on b.txt: both the same sentence.
    let codes = pair["codes"].as_array().unwrap();
    assert_eq!(codes.len(), 2, "{codes:?}");
    let first = codes
        .iter()
        .find(|c| c["both"] == 1 && c["only_first"] == 1)
        .unwrap();
    assert_eq!(first["only_second"], 1);
    let texts: Vec<&str> = pair["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "The nuclear talks continue.",
            "Israel warned against concessions."
        ]
    );
    assert!(pair["overall"]["kappa"].is_number());
}

/// `parallax report FOLDER --format html`: the study report to hand in parses, holds every
/// note's and link's quote, the worksheet with its citation and both frame profiles, and
/// asks for nothing from the network (no `http` in any `src`/`href`, no script, no linked
/// style sheet or font).
#[test]
fn the_html_study_report_holds_the_study_and_needs_no_network() {
    use parallax::notes::model::{ContrastLink, Relation};
    use parallax::notes::worksheet::{Answer, FUNCTIONS, Verdict, indicator_key};
    let dir = studied_folder();
    let path = dir.path().join(DEFAULT_NAME);
    let mut study = match store::open_untouched(&path).unwrap() {
        store::Opened::Read { study, .. } => study,
        _ => panic!("the study reads"),
    };
    let corpus = LoadJob::spawn(dir.path().to_owned(), LoadOptions::default(), || {})
        .wait()
        .unwrap();
    let cite = |doc: usize, quote: &str| {
        let d = &corpus.documents[doc];
        let at = d.text.find(quote).unwrap();
        anchor_for(d, at..at + quote.len())
    };
    let frame = study.codebook.as_ref().unwrap().frames[0].id.clone();
    let entry = study.articles.entry("a.txt".into()).or_default();
    entry.worksheet.set(
        FUNCTIONS[0].0,
        Answer {
            question: FUNCTIONS[0].0.into(),
            text: "Whether talking to Tehran is coordinating.".into(),
            citations: vec![cite(0, "denied that Washington would coordinate")],
            ..Answer::default()
        },
    );
    entry.worksheet.set(
        &indicator_key(&frame, 0),
        Answer {
            question: indicator_key(&frame, 0),
            verdict: Some(Verdict::Yes),
            ..Answer::default()
        },
    );
    let at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    study.links.push(std::sync::Arc::new(ContrastLink {
        id: 3,
        created: at,
        updated: at,
        left: cite(0, "Israel warned against concessions"),
        right: cite(1, "share an enemy"),
        relation: Relation::Reframes,
        comment: "Who is the threat.".into(),
        review: None,
        author: String::new(),
    }));
    std::fs::remove_file(&path).unwrap();
    store::save(&path, &study, None).unwrap();

    let stdout = report(dir.path(), "html");
    let html = String::from_utf8(stdout).unwrap();
    let page = scraper::Html::parse_document(&html);
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    let all = |css: &str| {
        let sel = scraper::Selector::parse(css).unwrap();
        page.select(&sel)
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    let quotes = all("blockquote");
    for q in [
        "only communicating",
        "a common threat",
        "denied that Washington would coordinate",
        "Israel warned against concessions",
        "share an enemy",
    ] {
        assert!(
            quotes.iter().any(|b| b == q),
            "{q:?} not quoted in {quotes:?}"
        );
    }
    assert!(all("p").iter().any(|p| p == "Minimising verb."));
    // Both profiles, as SVG charts with a bar for the answered frame.
    assert_eq!(all("figure#cue-profile svg").len(), 1);
    let coded = all("figure#coded-profile svg rect title");
    assert!(coded.iter().any(|t| t.ends_with("100.0 %")), "{coded:?}");
    // The worksheet: the written answer and the verdict, in the left article's column.
    let sheet = all("table.sheet td");
    assert!(
        sheet
            .iter()
            .any(|t| t.contains("Whether talking to Tehran"))
    );
    assert!(sheet.iter().any(|t| t.starts_with("yes")), "{sheet:?}");
    // Who speaks: Kerry's quote is attributed.
    assert!(all("td").iter().any(|t| t.contains("Kerry")));
    // Nothing from the network.
    let sel = scraper::Selector::parse("[src], [href], script, link, iframe, object").unwrap();
    for e in page.select(&sel) {
        let v = e.value();
        assert!(
            !matches!(v.name(), "script" | "link" | "iframe" | "object"),
            "{}",
            v.name()
        );
        for a in ["src", "href"] {
            assert!(
                !v.attr(a).is_some_and(|u| u.contains("http")),
                "{a}={:?}",
                v.attr(a)
            );
        }
    }
    let css = all("style").concat();
    assert!(!css.contains("url(") && !css.contains("@import"), "{css}");
    assert!(!html.contains("http"), "the page names no URL of its own");
}

/// `parallax report FOLDER` has the folder view's table: one row per article with each
/// frame's cue density and the study's notes and codes on it.
#[test]
fn the_report_has_the_folder_table_with_the_studys_notes_and_codes() {
    let dir = studied_folder();
    let stdout = report(dir.path(), "json");
    let json: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let corpus = &json["corpus"];
    let frames = corpus["frames"].as_array().unwrap().len();
    let rows = corpus["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for (row, doc) in rows.iter().zip(json["documents"].as_array().unwrap()) {
        assert_eq!(row["file"], doc["file"]);
        assert_eq!(row["notes"], 1, "{row}");
        assert_eq!(row["per_1000"].as_array().unwrap().len(), frames);
        // The density is the document's own frame figure.
        for (v, f) in row["per_1000"]
            .as_array()
            .unwrap()
            .iter()
            .zip(doc["frames"].as_array().unwrap())
        {
            assert!(
                (v.as_f64().unwrap() - f["per_1000_words"].as_f64().unwrap()).abs() < 1e-3,
                "{v} {f}"
            );
        }
    }
    // a.txt's note is coded with the first frame, b.txt's with the second.
    let coded = |i: usize| {
        rows[i]["coded"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!((coded(0)[0], coded(1)[1]), (1, 1));
}
