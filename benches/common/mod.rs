//! What the benchmarks share: generated test articles (never committed as files), loading a
//! folder, and the app run headless, frame by frame.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use parallax::corpus::{Corpus, LoadOptions, load_folder};
use parallax::ui::dialogs::{DialogKind, Dialogs};
use parallax::ui::{App, Launch};

/// Load and parse a folder of articles.
pub fn load(root: &Path) -> Corpus {
    load_folder(
        root,
        &LoadOptions::default(),
        |_| {},
        &AtomicBool::new(false),
    )
    .expect("folder loads")
}

/// No dialogs: the benchmarks never ask.
pub struct NoDialogs;
impl Dialogs for NoDialogs {
    fn run(&self, _: DialogKind, _: Option<&Path>, _: Option<&str>) -> Option<PathBuf> {
        None
    }
}

/// Wide enough for the article list and the comparison panel to show.
pub const WIDTH: f32 = 1600.0;

/// One whole frame as eframe runs it on the CPU: the UI pass, then tessellation (no window,
/// no GPU upload).
pub fn frame(ctx: &egui::Context, app: &mut App, width: f32) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(width, 1000.0),
        )),
        ..Default::default()
    };
    let mut out = ctx.run_ui(input, |ui| app.frame(ui));
    out.textures_delta.clear();
    std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
}

/// The app on a headless context, showing `corpus`.
pub fn app_with(corpus: Corpus) -> (egui::Context, App) {
    let ctx = egui::Context::default();
    let mut app = App::new(
        &ctx,
        None,
        Launch {
            welcome: true,
            ..Default::default()
        },
        Arc::new(NoDialogs),
    );
    // Fonts exist only after the first pass.
    frame(&ctx, &mut app, WIDTH);
    app.show_corpus(&ctx, corpus);
    (ctx, app)
}

/// Run frames until the lens has analysed both panes, so its marks are in every frame.
pub fn until_analysed(ctx: &egui::Context, app: &mut App) {
    for _ in 0..4000 {
        frame(ctx, app, WIDTH);
        if !app.analysing() && app.study().opening.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    for _ in 0..5 {
        frame(ctx, app, WIDTH);
    }
    assert!(
        app.pane_marks(parallax::side::Side::Left, true)
            .is_some_and(|m| !m.is_empty()),
        "the lens is drawn"
    );
}

/// A deterministic pseudo-random sequence (enough for varied text; not for anything else).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
}

const WORDS: &[&str] = &[
    "Iran",
    "Washington",
    "Tehran",
    "ISIS",
    "cooperation",
    "officials",
    "said",
    "might",
    "clearly",
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "for",
    "on",
    "with",
    "talks",
    "nuclear",
    "Kerry",
    "threat",
    "alliance",
    "coordination",
    "Saudi",
    "Israel",
    "Maliki",
    "Sunni",
    "Shia",
    "military",
    "advisers",
    "perhaps",
    "certainly",
    "regime",
    "coalition",
    "policy",
    "political",
    "risk",
    "would",
    "could",
    "enemy",
    "interest",
    "region",
    "Syria",
    "Iraq",
    "Assad",
    "ground",
    "forces",
    "air",
    "strikes",
    "diplomats",
    "sharing",
    "information",
    "communicating",
    "caf\u{e9}",
    "\u{201c}quoted\u{201d}",
    "\u{2014}",
    "long-term",
    "stability",
];

const NAMES: &[&str] = &[
    "Ann Lee",
    "bob42",
    "C. Clavin",
    "Jenos Idanian #13",
    "anjin-san",
    "Eric Florack",
    "Tyrell",
    "michael reynolds",
    "Just 'nutha' ig'rant cracker",
    "Ron Beasley",
];

fn sentence(rng: &mut Lcg, out: &mut String) {
    let n = 8 + rng.next() % 20;
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push_str(". ");
}

fn paragraph(rng: &mut Lcg, out: &mut String, indent: &str) {
    out.push_str(indent);
    let n = 2 + rng.next() % 6;
    for _ in 0..n {
        sentence(rng, out);
    }
    out.truncate(out.trim_end().len());
    out.push_str("\n\n");
}

/// An article of about `bytes` bytes whose last part is a numbered thread of `comments`
/// comments in the seed's form, with replies.
pub fn article(bytes: usize, comments: usize) -> String {
    article_seeded(bytes, comments, 42)
}

/// Like [`article`], with another random sequence (a different text of the same kind).
pub fn article_seeded(bytes: usize, comments: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("Iran And The U.S. On The Same Side Against ISIS?\n\nBy Jane Roe\n\n");
    let thread_share = if comments == 0 { 0 } else { bytes / 3 };
    while out.len() < bytes - thread_share {
        paragraph(&mut rng, &mut out, "");
    }
    out.push_str("FILED UNDER: Middle East, Military Affairs\nJane Roe\nAbout Jane Roe\nJane Roe writes about foreign policy.\n\n");
    let thread_start = out.len();
    let thread_len = bytes.saturating_sub(thread_start);
    for i in 1..=comments {
        out.push_str(&format!("  {i}. {} says:\n\n", rng.pick(NAMES)));
        if i > 1 && rng.next().is_multiple_of(3) {
            out.push_str(&format!("    @{}: ", rng.pick(NAMES)));
        }
        // Keep the running total on target so the article ends close to `bytes`.
        let target = thread_start + thread_len * i / comments;
        loop {
            paragraph(&mut rng, &mut out, "    ");
            if out.len() >= target {
                break;
            }
        }
    }
    out
}

/// A saved news page of about `bytes` bytes, shaped like the real ones: most of it inline
/// script and state (a tenth of a saved page is rarely the article), SVG icons, a long menu,
/// an article of about 40 KB with links and emphasis, a WordPress comment thread, related
/// links and a footer.
pub fn web_page(bytes: usize) -> String {
    let mut rng = Lcg(7);
    let mut out = String::with_capacity(bytes + 8192);
    out.push_str("<!DOCTYPE html><html><head><title>Iran and the U.S. on the same side? | The Daily Ledger</title><meta property=\"og:site_name\" content=\"The Daily Ledger\">");
    out.push_str("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Iran and the U.S. on the same side?\",\"author\":{\"@type\":\"Person\",\"name\":\"Jane Roe\"},\"datePublished\":\"2014-09-16T08:00:00Z\"}</script>");
    // Script and serialized state: about 45 % of the page.
    out.push_str("<script>window.__STATE__={\"items\":[");
    while out.len() < bytes * 45 / 100 {
        out.push_str("{\"id\":123456,\"kind\":\"teaser\",\"url\":\"/2014/09/16/world/some-story.html\",\"headline\":\"A story\"},");
    }
    out.push_str(
        "{}]};</script><style>body{font-family:serif}.nav li{display:inline}</style></head><body>",
    );
    out.push_str("<header><nav class=\"nav\"><ul>");
    while out.len() < bytes * 55 / 100 {
        out.push_str("<li><a href=\"/section\"><svg viewBox=\"0 0 24 24\" width=\"16\" height=\"16\"><path d=\"M12 2L2 7l10 5 10-5-10-5zm0 7.5L4.5 6 12 2.5 19.5 6 12 9.5z\"/></svg>Section</a></li>");
    }
    out.push_str("</ul></nav></header><main><article><h1>Iran and the U.S. on the same side?</h1><p class=\"byline\">By <a rel=\"author\" href=\"/jane\">Jane Roe</a></p>");
    let article_end = out.len() + 40 * 1024;
    while out.len() < article_end {
        let mut p = String::new();
        paragraph(&mut rng, &mut p, "");
        let p = p
            .trim()
            .replacen(' ', " <a href=\"/x\">", 1)
            .replacen(". ", "</a>. <em>", 1)
            + "</em>";
        out.push_str(&format!("<p>{p}</p>\n"));
    }
    out.push_str("</article><div id=\"comments\"><h2>Comments</h2><ol class=\"comment-list\">");
    let mut i = 0;
    while out.len() < bytes * 92 / 100 {
        i += 1;
        let mut p = String::new();
        paragraph(&mut rng, &mut p, "");
        out.push_str(&format!("<li class=\"comment\" id=\"comment-{i}\"><article class=\"comment-body\"><footer class=\"comment-meta\"><img class=\"avatar\" src=\"a.png\"><b class=\"fn\">{}</b> <span class=\"says\">says:</span><time datetime=\"2014-09-16T10:00:00\">September 16, 2014</time></footer><div class=\"comment-content\"><p>{}</p></div><div class=\"reply\"><a href=\"#\">Reply</a></div></article></li>", rng.pick(NAMES), p.trim()));
    }
    out.push_str("</ol></div><aside class=\"related\"><h3>Related</h3><ul>");
    while out.len() < bytes {
        out.push_str("<li><a href=\"/r\">Ten things you never knew about the talks</a></li>");
    }
    out.push_str(
        "</ul></aside></main><footer>Copyright 2014 The Daily Ledger</footer></body></html>",
    );
    out
}

const FIRST: &[&str] = &[
    "Maria", "Tom", "Aisha", "Daniel", "Grace", "Omar", "Lena", "Paul", "Nadia", "Luis", "Ruth",
    "Kenji",
];
const LAST: &[&str] = &[
    "Alvarez",
    "Becker",
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Moreno",
    "Park",
    "Grant",
    "Ortiz",
    "Feld",
    "Natarajan",
    "Rourke",
    "Singh",
    "Weber",
];
const TITLES: &[&str] = &[
    "Senator",
    "Mayor",
    "Dr.",
    "Professor",
    "Governor",
    "Judge",
    "economist",
    "union leader",
];
const CLAUSES: &[&str] = &[
    "the plan would cost more than the council had said",
    "talks with the neighbouring states had stalled again",
    "the bridge was safe for now but needed repairs",
    "nobody had been told about the leak for weeks",
    "the vote was a victory for common sense",
];

/// A news article of about `bytes` bytes written the way news is: named speakers with
/// titles, quotations before and after their attribution, split quotations, reports with
/// "that" and "according to", pronouns and descriptions pointing back, and the writer's own
/// sentences between them.
pub fn news_article(bytes: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("Council Votes On The Bridge Plan\n\nBy Jane Roe\n\n");
    while out.len() < bytes {
        let first = rng.pick(FIRST);
        let last = rng.pick(LAST);
        let title = rng.pick(TITLES);
        let clause = rng.pick(CLAUSES);
        let other = rng.pick(CLAUSES);
        match rng.next() % 5 {
            0 => out.push_str(&format!(
                "“{},” {title} {first} {last} said on Tuesday. “We have waited long enough.”\n\n",
                capitalise(clause)
            )),
            1 => out.push_str(&format!(
                "{first} {last}, a spokesman for the council, said that {clause}. He added that {other}.\n\n"
            )),
            2 => out.push_str(&format!(
                "According to {title} {last}, {clause}. “It is not over,” {last} told reporters, “and it will not be for months.”\n\n"
            )),
            3 => out.push_str(&format!(
                "The Morning Ledger reported the story first. The newspaper said {clause}, and officials said {other}.\n\n"
            )),
            _ => paragraph(&mut rng, &mut out, ""),
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A folder of `n` news-length articles (about 5 KB, some 800 words each), parsed as
/// the loader would, without files on disk.
pub fn news_folder(n: usize) -> Corpus {
    let documents = (0..n)
        .map(|i| {
            let text = news_article(5 * 1024, 1000 + i as u64);
            Arc::new(parallax::document::Document::from_text(
                &format!("news-{i:04}.txt"),
                parallax::document::Format::Text,
                &text,
            ))
        })
        .collect();
    Corpus {
        root: PathBuf::from("news"),
        documents,
        skipped: Vec::new(),
        notices: Vec::new(),
    }
}
