//! Write a generated long article (the benchmarks' test data) for manual checks:
//! `cargo run --release --example gen_article -- OUT_DIR [MEGABYTES] [COMMENTS]`.

#[path = "../benches/common/mod.rs"]
mod common;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let mb: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let comments: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5000);
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("generated-{mb}mb.txt"));
    std::fs::write(&path, common::article(mb * 1024 * 1024, comments))?;
    println!("{}", path.display());
    Ok(())
}
