//! Load + parse budgets: the seeds folder ≤ 5 ms; a 10 MB article with 5,000 comments ≤ 400 ms.

mod common;

use std::path::Path;

use common::load;
use criterion::{Criterion, criterion_group, criterion_main};

fn seeds(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    c.bench_function("load+parse seeds folder", |b| b.iter(|| load(&root)));
}

fn big(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = common::article(10 * 1024 * 1024, 5000);
    std::fs::write(dir.path().join("big.txt"), &text).expect("write article");
    let corpus = load(dir.path());
    assert_eq!(corpus.documents[0].comments().len(), 5000);
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("load+parse 10 MB article, 5000 comments", |b| {
        b.iter(|| load(dir.path()))
    });
    group.finish();
}

criterion_group!(benches, seeds, big);
criterion_main!(benches);
