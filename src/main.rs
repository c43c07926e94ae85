//! The `parallax` command: open the reading window on a folder, or print a report headless.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use parallax::corpus::{LoadJob, LoadOptions};
use parallax::report::Report;

/// Read two articles side by side, see how each frames the question, keep anchored notes.
#[derive(Debug, Parser)]
#[command(name = "parallax", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folder of articles to open (default: the bundled example study).
    folder: Option<PathBuf>,
    /// Article for the left pane (path relative to the folder).
    #[arg(long)]
    left: Option<String>,
    /// Article for the right pane (path relative to the folder).
    #[arg(long)]
    right: Option<String>,
    /// Render the window until the view settles, save it as a PNG, and exit.
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
    /// Open the example study built into the program.
    #[arg(long, conflicts_with = "folder")]
    example: bool,
    /// Initial window size, e.g. 1024x700.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    size: Option<[f32; 2]>,
    /// Print a start-up profile to stderr (also PARALLAX_TIMINGS=1): when the window, the
    /// fonts, the folder, the first frame, the lens and the settled view were ready.
    #[arg(long)]
    timings: bool,
}

fn parse_size(s: &str) -> Result<[f32; 2], String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or("write the size as WIDTHxHEIGHT, e.g. 1024x700")?;
    let w: f32 = w
        .trim()
        .parse()
        .map_err(|_| format!("{w:?} is not a width"))?;
    let h: f32 = h
        .trim()
        .parse()
        .map_err(|_| format!("{h:?} is not a height"))?;
    Ok([w, h])
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print what Parallax reads in a folder, without opening a window.
    Report {
        /// Folder of articles.
        folder: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Left article of the comparison (path relative to the folder; default: the first).
        #[arg(long)]
        left: Option<String>,
        /// Right article of the comparison (default: the second by file name).
        #[arg(long)]
        right: Option<String>,
        /// Codebook file (RON); default: the built-in codebook that fits the folder best.
        #[arg(long)]
        codebook: Option<PathBuf>,
        /// The study whose coders' agreement is reported (default: the folder's
        /// parallax-study.ron, when it has two or more coders).
        #[arg(long)]
        study: Option<PathBuf>,
        /// The text unit intercoder agreement is measured over.
        #[arg(long, value_enum, default_value_t = UnitArg::Sentence)]
        unit: UnitArg,
    },
    /// Write a folder's study in a format other programs read, without opening a window.
    Export {
        /// Folder of articles.
        folder: PathBuf,
        /// What to write: a REFI-QDA project (QualCoder, MAXQDA, ATLAS.ti, NVivo), W3C Web
        /// Annotations (JSON-LD) or Markdown notes.
        #[arg(long, value_enum)]
        to: ExportFormat,
        /// The file to write.
        out: PathBuf,
        /// The study file (default: the folder's parallax-study.ron).
        #[arg(long)]
        study: Option<PathBuf>,
    },
    /// Merge into a folder's study a REFI-QDA project (.qdpx, or its project.qde), a W3C or
    /// Hypothesis annotation file (JSON), or another coder's Parallax study (.ron): codes,
    /// coded passages, notes and links (the study is saved as usual, with a backup).
    Import {
        /// Folder of articles.
        folder: PathBuf,
        /// The project, annotations or study to merge in.
        file: PathBuf,
        /// The study file (default: the folder's parallax-study.ron).
        #[arg(long)]
        study: Option<PathBuf>,
        /// Write the project's sources that the folder lacks into it as articles, and
        /// import their notes too.
        #[arg(long)]
        add_articles: bool,
    },
    /// Save a study over and over (the crash-safety test kills this process at random).
    #[command(hide = true)]
    InternalSaveLoop {
        /// The study file to write.
        file: PathBuf,
        /// Notes per save.
        #[arg(long, default_value_t = 300)]
        notes: u64,
        /// Stop after this many saves (default: until killed).
        #[arg(long)]
        saves: Option<u64>,
    },
    /// Add notes one by one through the study desk, printing each note's id once the
    /// window would confirm it (the crash-safety test kills this process at random).
    #[command(hide = true)]
    InternalNoteLoop {
        /// The study file.
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// Markdown, for people.
    Md,
    /// JSON, for scripts.
    Json,
    /// The study report to hand in: one self-contained HTML file (the two articles, both
    /// frame profiles, the worksheet, notes and links with their quotes, who speaks, the
    /// distinctive words, the method).
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum UnitArg {
    Sentence,
    Paragraph,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// A REFI-QDA project (.qdpx).
    Qdpx,
    /// W3C Web Annotations (JSON-LD AnnotationCollection).
    W3c,
    /// The notes as Markdown, grouped by code.
    Md,
}

fn main() -> ExitCode {
    parallax::timings::start_clock();
    let cli = Cli::parse();
    parallax::timings::start(cli.timings);
    let result = match cli.command {
        Some(Command::Report {
            folder,
            format,
            left,
            right,
            codebook,
            study,
            unit,
        }) => report(folder, format, left, right, codebook, study, unit),
        Some(Command::Export {
            folder,
            to,
            out,
            study,
        }) => export(&folder, to, &out, study),
        Some(Command::Import {
            folder,
            file,
            study,
            add_articles,
        }) => import(&folder, &file, study, add_articles),
        Some(Command::InternalSaveLoop { file, notes, saves }) => save_loop(&file, notes, saves),
        Some(Command::InternalNoteLoop { file }) => note_loop(&file),
        None => parallax::ui::run(parallax::ui::Launch {
            folder: cli.folder,
            bundled: cli.example,
            left: cli.left,
            right: cli.right,
            screenshot: cli.screenshot,
            size: cli.size,
            welcome: false,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("parallax: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Write studies whose title is the save number, printing each number once it is durable.
fn save_loop(path: &std::path::Path, notes: u64, saves: Option<u64>) -> anyhow::Result<()> {
    use parallax::notes::model::{Note, NoteKind, Study, Target};
    use parallax::notes::store;
    use std::io::Write as _;
    let mut disk = store::DiskState::of(path)?;
    let mut out = std::io::stdout().lock();
    for n in 1u64.. {
        if saves.is_some_and(|max| n > max) {
            break;
        }
        let study = Study {
            title: n.to_string(),
            notes: (1..=notes)
                .map(|id| Note {
                    id,
                    created: jiff::Timestamp::UNIX_EPOCH,
                    updated: jiff::Timestamp::UNIX_EPOCH,
                    kind: NoteKind::Observation,
                    target: Target::Study,
                    text: format!(
                        "save {n}, note {id}: {}",
                        "words ".repeat((id % 7) as usize)
                    ),
                    codes: vec![],
                    review: None,
                    author: String::new(),
                })
                .map(Into::into)
                .collect(),
            ..Default::default()
        };
        disk = Some(store::save(path, &study, disk.as_ref())?);
        writeln!(out, "{n}")?;
        out.flush()?;
    }
    Ok(())
}

/// Add a note, wait for the desk to confirm it (its journal line is on disk), print its id;
/// again and again, with the autosave running on its own clock meanwhile.
fn note_loop(path: &std::path::Path) -> anyhow::Result<()> {
    use parallax::notes::desk::StudyDesk;
    use parallax::notes::model::{NoteKind, Target};
    use parallax::notes::session::NewNote;
    use std::io::Write as _;
    let corpus = parallax::corpus::Corpus::from_memory("none", &[]);
    let mut desk = StudyDesk::new(|| {});
    desk.open(Some(path), &corpus, None);
    if desk.session.read_only {
        anyhow::bail!("the study {} opened read-only", path.display());
    }
    let start = std::time::Instant::now();
    let mut out = std::io::stdout().lock();
    loop {
        let id = desk
            .session
            .add_note(NewNote {
                kind: NoteKind::Observation,
                target: Target::Study,
                text: String::new(),
                codes: vec![],
            })
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        // The text names the note, so the test can check it survived whole.
        desk.session
            .update_note(id, |n| n.text = format!("note {id}"))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        desk.say(id.to_string(), false);
        loop {
            desk.tick(start.elapsed().as_secs_f64());
            let said = desk.take_said();
            if !said.is_empty() {
                for s in said {
                    writeln!(out, "{}", s.text)?;
                }
                out.flush()?;
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
    }
}

/// Read the folder and its study, write the export, say what was written on stderr.
fn export(
    folder: &std::path::Path,
    to: ExportFormat,
    out: &std::path::Path,
    study: Option<PathBuf>,
) -> anyhow::Result<()> {
    use parallax::notes::{desk, export as md};
    let corpus = LoadJob::spawn(folder.to_owned(), LoadOptions::default(), || {})
        .wait()
        .with_context(|| format!("cannot export {}", folder.display()))?;
    let path = study.unwrap_or_else(|| desk::default_path(folder));
    if !path.is_file() {
        anyhow::bail!(
            "no study at {}: make notes in the window first, or name the study with --study",
            path.display()
        );
    }
    let study = read_study(&path)?;
    let study = &study;
    let corpus = parallax::exchange::as_read(study, &corpus);
    let titles = parallax::exchange::titles(study, &corpus);
    let bytes = match to {
        ExportFormat::Md => md::to_markdown(study, &titles, md::Grouping::ByCode).into_bytes(),
        ExportFormat::Qdpx => {
            let name = parallax::exchange::project_name(study, &corpus);
            let project = parallax::exchange::qdpx::project(
                study,
                &corpus,
                &titles,
                parallax::exchange::DEFAULT_USER,
                &name,
            )?;
            for line in &project.left_out {
                eprintln!("parallax: not exported: {line}");
            }
            let c = project.counts;
            eprintln!(
                "parallax: {} articles, {} codes, {} coded passages ({} codings), {} notes, {} links",
                c.sources, c.codes, c.selections, c.codings, c.notes, c.links
            );
            parallax::exchange::qdpx::to_qdpx(&project)?
        }
        ExportFormat::W3c => {
            let c = parallax::exchange::w3c::collection(
                study,
                &corpus,
                &titles,
                parallax::exchange::DEFAULT_USER,
            );
            for line in &c.left_out {
                eprintln!("parallax: not exported: {line}");
            }
            eprintln!("parallax: {} annotations", c.json["total"]);
            serde_json::to_vec_pretty(&c.json)?
        }
    };
    parallax::fsutil::atomic_write(out, &bytes)
        .with_context(|| format!("cannot write {}", out.display()))?;
    Ok(())
}

/// Read a study as another program would: nothing on disk changes, even for a damaged
/// file.
fn read_study(path: &std::path::Path) -> anyhow::Result<parallax::notes::model::Study> {
    use parallax::notes::store;
    Ok(match store::open_untouched(path)? {
        store::Opened::New(_) => anyhow::bail!("no study at {}", path.display()),
        store::Opened::Read { study, .. }
        | store::Opened::Newer { study, .. }
        | store::Opened::Foreign { study, .. } => study,
        store::Opened::Corrupt(d) => anyhow::bail!(
            "the study {} does not parse (line {}, column {}: {}); open the folder in the \
             window to restore it from a backup",
            path.display(),
            d.line,
            d.col,
            d.message
        ),
    })
}

/// Merge a project into the folder's study, saying what came in and what did not.
fn import(
    folder: &std::path::Path,
    file: &std::path::Path,
    study: Option<PathBuf>,
    add_articles: bool,
) -> anyhow::Result<()> {
    use parallax::exchange::{Incoming, import};
    use parallax::notes::desk::{self, StudyDesk};
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let incoming =
        Incoming::read(&bytes).with_context(|| format!("cannot import {}", file.display()))?;
    let signed = parallax::exchange::merge::signed_name(file);
    let load = || {
        LoadJob::spawn(folder.to_owned(), LoadOptions::default(), || {})
            .wait()
            .with_context(|| format!("cannot read the folder {}", folder.display()))
    };
    let mut corpus = load()?;
    let path = study.unwrap_or_else(|| desk::default_path(folder));
    let mut desk = StudyDesk::new(|| {});
    desk.open(Some(&path), &corpus, None);
    if desk.session.read_only {
        anyhow::bail!(
            "the study {} is open in Parallax or cannot be written: import there (File → Import) or close it first",
            path.display()
        );
    }
    // A study with no codebook yet takes the built-in one that fits the folder best, as the
    // window would, so the project's codes meet its frames.
    if desk.session.study.codebook.is_none() {
        let docs: Vec<&parallax::document::Document> =
            corpus.documents.iter().map(|d| d.as_ref()).collect();
        let book = parallax::analysis::shelf::for_report(None, &docs)?
            .0
            .book
            .clone();
        desk.session.set_codebook(&book);
    }
    let now = jiff::Timestamp::now();
    let mut got = incoming.into_study(&desk.session.study, &corpus, now, &signed);
    if add_articles && !got.unmatched.is_empty() {
        let written = import::write_articles(folder, &got.unmatched)
            .with_context(|| format!("cannot write articles into {}", folder.display()))?;
        for w in &written {
            eprintln!("parallax: wrote the article {w}");
        }
        corpus = load()?;
        desk.session.reanchor(&corpus);
        got = incoming.into_study(&desk.session.study, &corpus, now, &signed);
    }
    let (notes, links) = (got.notes.len(), got.links.len());
    desk.session
        .add_all(got.notes, got.links, &got.frames)
        .map_err(|e| anyhow::anyhow!("cannot add to the study {}: {e}", path.display()))?;
    desk.flush()
        .map_err(|e| anyhow::anyhow!("cannot save the study {}: {e}", path.display()))?;
    for (source, article, how) in &got.matched {
        eprintln!("parallax: “{source}” is {article} ({how})");
    }
    for line in &got.report {
        eprintln!("parallax: {line}");
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    eprintln!(
        "parallax: imported {}, {} and {} into {}",
        plural(notes, "note", "notes"),
        plural(links, "link", "links"),
        plural(got.frames.len(), "new code", "new codes"),
        path.display()
    );
    Ok(())
}

fn report(
    folder: PathBuf,
    format: ReportFormat,
    left: Option<String>,
    right: Option<String>,
    codebook: Option<PathBuf>,
    study: Option<PathBuf>,
    unit: UnitArg,
) -> anyhow::Result<()> {
    let corpus = LoadJob::spawn(folder.clone(), LoadOptions::default(), || {})
        .wait()
        .with_context(|| format!("cannot report on {}", folder.display()))?;
    if corpus.documents.is_empty() {
        anyhow::bail!(
            "no articles in {}: it holds no readable .txt, .md or .html files ({} skipped)",
            folder.display(),
            corpus.skipped.len()
        );
    }
    let docs: Vec<&parallax::document::Document> =
        corpus.documents.iter().map(|d| d.as_ref()).collect();
    let (book, notes) = parallax::analysis::shelf::for_report(codebook.as_deref(), &docs)?;
    for note in notes {
        eprintln!("parallax: {note}");
    }
    let find = |name: &Option<String>, default: usize| -> anyhow::Result<usize> {
        match name {
            Some(n) => corpus
                .find(n)
                .with_context(|| format!("no article {n:?} in {}", folder.display())),
            None => Ok(default),
        }
    };
    let pair = if corpus.documents.len() >= 2 || left.is_some() || right.is_some() {
        let l = find(&left, 0)?;
        let r = find(&right, if l == 1 { 0 } else { 1 })?;
        Some((l, r))
    } else {
        None
    };
    let named = study.is_some();
    let path = study.unwrap_or_else(|| parallax::notes::desk::default_path(&folder));
    // The study, when there is one: its notes, worksheets and corrections.
    let study = if path.is_file() || named {
        Some(read_study(&path)?)
    } else {
        None
    };
    let out = match format {
        ReportFormat::Html => {
            let study = study.unwrap_or_default();
            let corpus = parallax::exchange::as_read(&study, &corpus);
            parallax::study_report::to_html(&parallax::study_report::Input {
                study: &study,
                corpus: &corpus,
                book: &book,
                pair: pair.unwrap_or((0, 0)),
            })
        }
        ReportFormat::Md | ReportFormat::Json => {
            let mut report = Report::new(&corpus)
                .with_analysis(&corpus, &book, pair)
                .with_corpus(&corpus, &book, study.as_ref());
            // The coders' agreement, when the study has two or more.
            if let Some(study) = &study {
                let unit = match unit {
                    UnitArg::Sentence => parallax::notes::agreement::Unit::Sentence,
                    UnitArg::Paragraph => parallax::notes::agreement::Unit::Paragraph,
                };
                let corpus = parallax::exchange::as_read(study, &corpus);
                report = report.with_agreement(study, &corpus, unit);
            }
            if let ReportFormat::Json = format {
                report.to_json()
            } else {
                report.to_markdown()
            }
        }
    };
    println!("{out}");
    Ok(())
}
