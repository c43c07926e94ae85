//! Attribution budgets: a 1 MB news article ≤ 150 ms, with ¼, ½ and 1 MB showing the cost
//! growing linearly (the seeds pair's full analysis, ≤ 10 ms, is in `analysis`).

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::analysis::attribution::{Words, analyze};
use parallax::document::{Document, Format};

fn sizes(c: &mut Criterion) {
    let mut group = c.benchmark_group("attribution: generated news article");
    group.sample_size(10);
    for kb in [256usize, 512, 1024] {
        let doc = Document::from_text("n.txt", Format::Text, &common::news_article(kb * 1024, 11));
        group.bench_function(format!("{kb} KB"), |b| {
            b.iter(|| std::hint::black_box(analyze(&doc, Words::built_in())))
        });
    }
    group.finish();
}

criterion_group!(benches, sizes);
criterion_main!(benches);
