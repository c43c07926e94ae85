//! Framing-lens budgets: full analysis of the seeds pair ≤ 10 ms; of two generated 10 MB
//! articles ≤ 3 s, with 1, 5 and 10 MB showing the cost growing about linearly; the folder
//! view's counts of 1,000 news-length articles ≤ 10 s on all cores.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::analysis::codebook::{CompiledCodebook, built_in};
use parallax::analysis::{analyze_document, compare};
use parallax::corpus::Corpus;
use parallax::document::{Document, Format};

fn full(l: &Document, r: &Document, book: &CompiledCodebook) {
    std::hint::black_box(analyze_document(l, book));
    std::hint::black_box(analyze_document(r, book));
    std::hint::black_box(compare(l, r));
}

fn codebook() -> CompiledCodebook {
    let (_, book) = built_in().into_iter().next().expect("a built-in codebook");
    CompiledCodebook::new(book)
}

fn seeds(c: &mut Criterion) {
    let corpus = Corpus::bundled();
    let book = codebook();
    let (l, r) = (&corpus.documents[0], &corpus.documents[1]);
    c.bench_function("analysis: seeds pair (both documents + comparison)", |b| {
        b.iter(|| full(l, r, &book))
    });
}

fn sizes(c: &mut Criterion) {
    let book = codebook();
    let mut group = c.benchmark_group("analysis: two generated articles");
    group.sample_size(10);
    for mb in [1usize, 5, 10] {
        let bytes = mb * 1024 * 1024;
        let l = Document::from_text(
            "l.txt",
            Format::Text,
            &common::article_seeded(bytes, bytes / 2000, 42),
        );
        let r = Document::from_text(
            "r.txt",
            Format::Text,
            &common::article_seeded(bytes, bytes / 2000, 7),
        );
        group.bench_function(format!("{mb} MB each"), |b| b.iter(|| full(&l, &r, &book)));
    }
    group.finish();
}

fn folder(c: &mut Criterion) {
    use parallax::analysis::folder::CountCache;
    use std::sync::atomic::AtomicBool;
    let corpus = common::news_folder(1000);
    let book = codebook();
    let key = book.book.key();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut group = c.benchmark_group("folder view");
    group.sample_size(10);
    group.bench_function("counting 1,000 news-length articles, all cores", |b| {
        b.iter(|| {
            // A fresh cache each time: every article is counted.
            let cache = CountCache::default();
            let no = AtomicBool::new(false);
            std::hint::black_box(cache.count_all(&corpus, &book, &key, workers, &no, &|_| {}))
        })
    });
    group.finish();
}

criterion_group!(benches, seeds, sizes, folder);
criterion_main!(benches);
