//! Reading-view frame budgets with a headless egui context (no window, no GPU):
//! both seeds open ≤ 2 ms; a 10 MB article scrolled to the middle ≤ 4 ms; the frame after
//! the pane width changes ≤ 16 ms; start-up on the seeds until both articles are in a frame; opening the 10 MB article until its first frame ≤ 500 ms;
//! the folder view of 1,000 counted articles: its first frame ≤ 8 ms.
//! Frames are measured with the framing lens on (highlights, quotes, overview ticks).

mod common;

use std::path::Path;

use common::{WIDTH, app_with, frame, load, until_analysed};
use criterion::{Criterion, criterion_group, criterion_main};
use parallax::corpus::Corpus;

fn seeds(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let (ctx, mut app) = app_with(load(&root));
    until_analysed(&ctx, &mut app);
    c.bench_function("frame: both seeds open, lens on", |b| {
        b.iter(|| frame(&ctx, &mut app, WIDTH))
    });
}

/// Start-up as the binary does it (without the window): build the app on the bundled seeds
/// folder, then run frames until both panes show their article. The first iteration pays for
/// compiling the codebook's rules; later ones find them compiled, as the binary does once
/// its warm-up thread has run while the window is being created.
fn start_up(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut group = c.benchmark_group("start-up");
    group.sample_size(20);
    group.bench_function(
        "build the app on the seeds until both articles are in a frame",
        |b| {
            b.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iters {
                    let start = std::time::Instant::now();
                    let ctx = egui::Context::default();
                    let mut app = parallax::ui::App::new(
                        &ctx,
                        None,
                        parallax::ui::Launch {
                            folder: Some(root.clone()),
                            ..Default::default()
                        },
                        std::sync::Arc::new(common::NoDialogs),
                    );
                    let mut frames = 0;
                    while !app.panes_mut().iter().all(|p| p.view.is_some()) {
                        frame(&ctx, &mut app, WIDTH);
                        frames += 1;
                        assert!(frames < 10_000, "both seeds open");
                    }
                    total += start.elapsed();
                    until_analysed(&ctx, &mut app);
                }
                total
            })
        },
    );
    group.finish();
}

fn big(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("big.txt"),
        common::article(10 * 1024 * 1024, 5000),
    )
    .expect("write");
    let mut group = c.benchmark_group("10 MB article");
    group.sample_size(20);

    let (ctx, mut app) = app_with(load(dir.path()));
    until_analysed(&ctx, &mut app);
    let view = app.panes_mut()[0].view.as_mut().expect("a view");
    let middle = view.doc().text.len() / 2;
    view.scroll_to(middle, 0.0);
    for _ in 0..10 {
        frame(&ctx, &mut app, WIDTH);
    }
    let view = app.panes_mut()[0].view.as_mut().expect("a view");
    let shown = view.visible_span().expect("text on screen");
    assert!(
        shown.start <= middle && middle <= shown.end,
        "the middle is on screen"
    );
    group.bench_function("frame: scrolled to the middle, lens on", |b| {
        b.iter(|| frame(&ctx, &mut app, WIDTH))
    });

    // The frame the analysis arrives in builds the lens marks of the whole article.
    // Alternating the theme changes the marks' key, so every call builds them anew.
    let mut dark = false;
    group.bench_function("building the lens marks of the article", |b| {
        b.iter(|| {
            dark = !dark;
            std::hint::black_box(app.pane_marks(parallax::side::Side::Left, dark));
        })
    });

    // Alternate between two widths: every measured frame follows a width change.
    let mut wide = false;
    group.bench_function("frame after the pane width changes", |b| {
        b.iter(|| {
            wide = !wide;
            frame(&ctx, &mut app, if wide { WIDTH } else { WIDTH - 140.0 });
        })
    });

    group.sample_size(10);
    // Timed: reading the file and the first frame. Not timed: letting the analysis the first
    // frame starts in the background finish, so it does not slow the next iteration.
    group.bench_function("open until the first frame", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let start = std::time::Instant::now();
                let (ctx, mut app) = app_with(load(dir.path()));
                frame(&ctx, &mut app, WIDTH);
                total += start.elapsed();
                until_analysed(&ctx, &mut app);
            }
            total
        })
    });
    group.finish();
}

/// View → Folder view on 1,000 articles whose counts were kept by an earlier session: the
/// frame that shows the table (reading the counts happens off the UI thread before it),
/// and a plain frame with the view open.
fn folder_view(c: &mut Criterion) {
    use parallax::analysis::folder::CountCache;
    use parallax::ui::commands::{AppCommand, Command};
    use std::time::{Duration, Instant};
    let corpus = common::news_folder(1000);
    let data = tempfile::tempdir().expect("temp dir");
    {
        // The earlier session: count under the codebook the lens starts with, and keep it.
        let (ctx, app) = app_with(corpus.clone());
        drop(ctx);
        let entry = app.lens().book();
        let cache = CountCache::default();
        let no = std::sync::atomic::AtomicBool::new(false);
        cache.count_all(&corpus, &entry.book, &entry.key, 2, &no, &|_| {});
        let file = data
            .path()
            .join(parallax::ui::app::folder_view::COUNTS_FILE);
        cache.save(&file).expect("cache written");
    }
    let open = |with: &Corpus| {
        let (ctx, mut app) = app_with(with.clone());
        *app.data_dir_mut() = Some(data.path().to_owned());
        until_analysed(&ctx, &mut app);
        app.push(Command::App(AppCommand::ShowFolderView));
        (ctx, app)
    };
    let mut group = c.benchmark_group("folder view, 1,000 articles");
    group.sample_size(10);
    group.bench_function("first frame with the table", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (ctx, mut app) = open(&corpus);
                for _ in 0..2000 {
                    let start = Instant::now();
                    frame(&ctx, &mut app, WIDTH);
                    let took = start.elapsed();
                    if app.folder_view().table().is_some() {
                        total += took;
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
                assert!(app.folder_view().table().is_some(), "the table shows");
            }
            total
        })
    });
    let (ctx, mut app) = open(&corpus);
    for _ in 0..2000 {
        frame(&ctx, &mut app, WIDTH);
        if app.folder_view().table().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(app.folder_view().table().map(|t| t.rows.len()), Some(1000));
    group.bench_function("frame with the view open", |b| {
        b.iter(|| frame(&ctx, &mut app, WIDTH))
    });
    group.finish();
}

criterion_group!(benches, seeds, start_up, big, folder_view);
criterion_main!(benches);
