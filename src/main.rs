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
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// Markdown, for people.
    Md,
    /// JSON, for scripts.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Report { folder, format }) => report(folder, format),
        None => parallax::ui::run(parallax::ui::Launch {
            folder: cli.folder,
            left: cli.left,
            right: cli.right,
            screenshot: cli.screenshot,
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

fn report(folder: PathBuf, format: ReportFormat) -> anyhow::Result<()> {
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
    let report = Report::new(&corpus);
    let out = match format {
        ReportFormat::Md => report.to_markdown(),
        ReportFormat::Json => report.to_json(),
    };
    println!("{out}");
    Ok(())
}
