//! Reading real formats: a 1 MB saved web page (main content, metadata, comment thread)
//! ≤ 40 ms; a 50-page PDF ≤ 300 ms.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::document::{Format, fixtures};

fn web_page(c: &mut Criterion) {
    let page = common::web_page(1024 * 1024);
    let doc = parallax::document::Document::from_text("page.html", Format::Html, &page);
    assert!(doc.comments().len() > 50, "{}", doc.comments().len());
    assert!(doc.blocks().iter().any(|b| b.cut));
    let mut group = c.benchmark_group("formats");
    group.sample_size(20);
    group.bench_function("read a 1 MB saved web page", |b| {
        b.iter(|| parallax::document::Document::from_text("page.html", Format::Html, &page))
    });
    group.finish();
}

fn pdf(c: &mut Criterion) {
    let para = "The ministers met in Paris on Monday to discuss the threat posed by the militants in Iraq and Syria, and the talks went on late into the night while their aides waited outside in the corridors of the building.";
    let pages: Vec<Vec<fixtures::Run>> = (1..=50)
        .map(|n| {
            let mut runs = vec![(
                72.0,
                40.0,
                9.0,
                "The Daily Ledger — Foreign Desk".to_owned(),
            )];
            let mut y = 80.0;
            for _ in 0..6 {
                for line in fixtures::wrap(para, 80) {
                    runs.push((72.0, y, 11.0, line));
                    y += 14.0;
                }
                y += 14.0;
            }
            runs.push((300.0, 760.0, 9.0, n.to_string()));
            runs
        })
        .collect();
    let bytes = fixtures::pdf(&pages, "Talks", "Jane Roe");
    let prepared = parallax::document::read::read(Format::Pdf, &bytes).expect("the PDF reads");
    assert!(prepared.text.contains("late into the night"));
    let mut group = c.benchmark_group("formats");
    group.sample_size(10);
    group.bench_function("read a 50-page PDF", |b| {
        b.iter(|| parallax::document::read::read(Format::Pdf, &bytes))
    });
    group.finish();
}

criterion_group!(benches, web_page, pdf);
criterion_main!(benches);
