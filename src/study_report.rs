//! The study report to hand in: one self-contained HTML file (no network: system fonts,
//! inline CSS and SVG charts) that prints well to PDF from a browser. It holds the two
//! articles' cards, both frame profiles (cue-based and coded), the framing worksheet side by
//! side with its quotes, the notes and contrast links with their quotes, who speaks, the
//! distinctive words, and the method.

use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};

use crate::analysis::codebook::{CompiledCodebook, code_name};
use crate::corpus::Corpus;
use crate::document::Document;
use crate::notes::model::{Note, Study, Target};
use crate::notes::worksheet::{self, Kind, Worksheet};
use crate::report::{ComparisonReport, DocumentReport};

/// The two sides' colours (as in the window's charts, light theme).
const COLORS: [&str; 2] = ["#2f6fb8", "#d97a1c"];

/// What the report is made of: the study, the folder as the study reads it, the codebook
/// in use and the two articles compared (indexes into the corpus).
pub struct Input<'a> {
    pub study: &'a Study,
    pub corpus: &'a Corpus,
    pub book: &'a CompiledCodebook,
    pub pair: (usize, usize),
}

/// One article as the report shows it.
struct Side<'a> {
    doc: &'a Document,
    report: DocumentReport,
    sheet: Worksheet,
}

/// The report as one HTML document.
pub fn to_html(input: &Input<'_>) -> String {
    let Input {
        study,
        corpus,
        book,
        pair,
    } = *input;
    let make = |i: usize| -> Option<Side<'_>> {
        let doc = corpus.documents.get(i)?;
        let analysis = crate::analysis::analyze_document(doc, book);
        let mut report = DocumentReport::new(doc);
        report.add_analysis(doc, &analysis, book);
        // The metadata as the window shows it (the study's corrections applied).
        let shown = crate::notes::MetaView::of(doc, study.corrections(&doc.source.rel_path));
        (report.title, report.author, report.outlet, report.date) =
            (shown.title, shown.author, shown.outlet, shown.date);
        let sheet = study
            .articles
            .get(&doc.source.rel_path)
            .map(|e| e.worksheet.clone())
            .unwrap_or_default();
        Some(Side { doc, report, sheet })
    };
    let sides: Vec<Side<'_>> = [pair.0, pair.1].into_iter().filter_map(make).collect();
    let comparison = match sides.as_slice() {
        [l, r] => {
            let c = crate::analysis::compare(l.doc, r.doc);
            Some(ComparisonReport::new(l.doc, r.doc, &c))
        }
        _ => None,
    };
    let title = if study.title.trim().is_empty() {
        "Study report".to_owned()
    } else {
        study.title.trim().to_owned()
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"generator\" content=\"Parallax {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    );
    let _ = writeln!(h, "<header><h1>{}</h1>", esc(&title));
    let _ = writeln!(
        h,
        "<p class=\"meta\">Made with Parallax from the folder {} on {}.</p></header>",
        esc(&corpus.root.display().to_string()),
        esc(&jiff::Zoned::now().strftime("%Y-%m-%d").to_string())
    );

    // The articles.
    let _ = writeln!(h, "<section><h2>The articles</h2><div class=\"cards\">");
    for (i, s) in sides.iter().enumerate() {
        card(&mut h, s, study, i);
    }
    let _ = writeln!(h, "</div></section>");

    // Frame profiles.
    let book_in_use = study.codebook.as_ref().unwrap_or(&book.book);
    let frames = &book.book.frames;
    let _ = writeln!(h, "<section><h2>Frame profiles</h2>");
    let _ = writeln!(
        h,
        "<p class=\"note\">Cue-based: hits of each frame's cue words and patterns per 1,000 words of the article \
         (comments not counted). Coded: the share of the frame's indicator questions you answered \u{201c}yes\u{201d} \
         in the worksheet, \u{201c}partly\u{201d} counting half, among those answered yes, partly or no.</p>"
    );
    legend(&mut h, &sides);
    let cue: Vec<(String, [Option<f64>; 2])> = frames
        .iter()
        .enumerate()
        .map(|(fi, f)| {
            let v = |s: &Side<'_>| {
                s.report
                    .frames
                    .as_ref()
                    .and_then(|fr| fr.get(fi))
                    .map(|r| r.per_1000_words)
            };
            (
                f.name.clone(),
                [sides.first().and_then(v), sides.get(1).and_then(v)],
            )
        })
        .collect();
    let coded_scores: Vec<Vec<worksheet::FrameScore>> = sides
        .iter()
        .map(|s| worksheet::coded_profile(&book.book, &s.sheet))
        .collect();
    let coded: Vec<(String, [Option<f64>; 2])> = frames
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.questions.is_empty())
        .map(|(fi, f)| {
            let v = |k: usize| {
                coded_scores
                    .get(k)
                    .and_then(|c| c[fi].share)
                    .map(|x| x * 100.0)
            };
            (f.name.clone(), [v(0), v(1)])
        })
        .collect();
    let _ = writeln!(h, "<div class=\"charts\">");
    let _ = writeln!(
        h,
        "<figure class=\"profile\" id=\"cue-profile\"><figcaption>Cue-based profile (hits per 1,000 words)</figcaption>{}</figure>",
        bar_chart(&cue, "")
    );
    let none_answered = coded.iter().all(|(_, v)| v.iter().all(Option::is_none));
    let _ = writeln!(
        h,
        "<figure class=\"profile\" id=\"coded-profile\"><figcaption>Coded profile (% of answered questions answered yes)</figcaption>{}{}</figure>",
        if none_answered {
            "<p class=\"note\">No indicator question is answered yet: answer them in the worksheet to fill this chart.</p>"
        } else {
            ""
        },
        bar_chart(&coded, " %")
    );
    let _ = writeln!(h, "</div></section>");

    // The worksheet.
    worksheet_table(&mut h, &sides, book_in_use);

    // Notes and links.
    notes_section(&mut h, study, &sides, book_in_use);
    links_section(&mut h, study, &sides);

    // Who speaks.
    let _ = writeln!(h, "<section><h2>Who speaks</h2><div class=\"cards\">");
    for (i, s) in sides.iter().enumerate() {
        let _ = writeln!(
            h,
            "<div class=\"col\"><h3 style=\"color:{}\">{}</h3>",
            COLORS[i],
            esc(&s.report.title)
        );
        // Those the article quotes (a name only mentioned does not speak).
        let speakers: Vec<_> = s
            .report
            .speakers
            .as_deref()
            .unwrap_or_default()
            .iter()
            .filter(|sp| sp.direct + sp.partial + sp.indirect > 0)
            .collect();
        if speakers.is_empty() {
            let _ = writeln!(h, "<p class=\"note\">No attributed quotes found.</p>");
        } else {
            let _ = writeln!(
                h,
                "<table><tr><th>Speaker</th><th>Type</th><th>Direct</th><th>Indirect</th><th>Words</th></tr>"
            );
            for sp in speakers.iter().take(12) {
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    esc(&sp.name),
                    esc(sp.speaker_type),
                    sp.direct + sp.partial,
                    sp.indirect,
                    sp.words
                );
            }
            let _ = writeln!(h, "</table>");
        }
        let _ = writeln!(h, "</div>");
    }
    let _ = writeln!(h, "</div></section>");

    // Distinctive words.
    if let Some(c) = &comparison {
        let _ = writeln!(
            h,
            "<section><h2>Distinctive words</h2><p class=\"note\">Words one article uses markedly more than the other \
             (log-odds with an informative prior, z-scores; Monroe, Colaresi &amp; Quinn 2008).</p><div class=\"cards\">"
        );
        for (i, terms) in [&c.distinctive_terms.left, &c.distinctive_terms.right]
            .into_iter()
            .enumerate()
        {
            let _ = writeln!(
                h,
                "<div class=\"col\"><h3 style=\"color:{}\">{}</h3><table><tr><th>Word</th><th>z</th><th>Here</th><th>Other</th></tr>",
                COLORS[i],
                esc(sides.get(i).map_or("", |s| s.report.title.as_str()))
            );
            for t in terms.iter().take(15) {
                let (here, other) = if i == 0 {
                    (t.left_count, t.right_count)
                } else {
                    (t.right_count, t.left_count)
                };
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td class=\"n\">{:.1}</td><td class=\"n\">{here}</td><td class=\"n\">{other}</td></tr>",
                    esc(&t.term),
                    t.z.abs()
                );
            }
            let _ = writeln!(h, "</table></div>");
        }
        let _ = writeln!(h, "</div></section>");
    }

    // Method.
    let _ = writeln!(h, "<section><h2>Method</h2>");
    let _ = writeln!(
        h,
        "<p>Codebook: <strong>{}</strong>. {}</p>",
        esc(&book.book.name),
        esc(&book.book.description)
    );
    let _ = writeln!(
        h,
        "<p>Cue-based counts show where a frame's vocabulary occurs; they do not decide whether the article \
         uses the frame. They are evidence for the reader to judge, and the worksheet records that judgement: \
         Entman's (1993) four framing functions as open answers, and each frame's indicator questions (after \
         Semetko &amp; Valkenburg, 2000) answered yes, partly, no or not sure, each answer resting on cited passages.</p>"
    );
    let _ = writeln!(
        h,
        "<table><tr><th>Frame</th><th>Group</th><th>What it is</th><th>Cues</th></tr>"
    );
    for f in frames {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            esc(&f.name),
            esc(&f.group),
            esc(&f.description),
            f.cues.len() + f.patterns.len()
        );
    }
    let _ = writeln!(h, "</table></section>\n</body>\n</html>");
    h
}

fn card(h: &mut String, s: &Side<'_>, study: &Study, i: usize) {
    let r = &s.report;
    let notes = study
        .notes
        .iter()
        .filter(|n| note_article(n) == Some(s.doc.source.rel_path.as_str()))
        .count();
    let _ = writeln!(
        h,
        "<div class=\"card\" style=\"border-top-color:{}\"><h3>{}</h3><dl>",
        COLORS[i],
        esc(&r.title)
    );
    let mut row = |k: &str, v: &str| {
        let _ = writeln!(h, "<dt>{k}</dt><dd>{}</dd>", esc(v));
    };
    row("Author", r.author.as_deref().unwrap_or("not named"));
    row("Outlet", r.outlet.as_deref().unwrap_or("not named"));
    row("Date", r.date.as_deref().unwrap_or("not given"));
    row("Words", &r.words.to_string());
    row("Comments", &r.comments.len().to_string());
    row("Notes", &notes.to_string());
    row("File", &r.file);
    let _ = writeln!(h, "</dl></div>");
}

fn legend(h: &mut String, sides: &[Side<'_>]) {
    let _ = write!(h, "<p class=\"legend\">");
    for (i, s) in sides.iter().enumerate() {
        let _ = write!(
            h,
            "<span><i style=\"background:{}\"></i>{}</span> ",
            COLORS[i],
            esc(&s.report.title)
        );
    }
    let _ = writeln!(h, "</p>");
}

/// A horizontal grouped bar chart as inline SVG: one row per category, a bar per side
/// (a missing value is drawn as "–").
fn bar_chart(rows: &[(String, [Option<f64>; 2])], unit: &str) -> String {
    const LABEL: f64 = 160.0;
    const PLOT: f64 = 190.0;
    const BAR: f64 = 9.0;
    const ROW: f64 = 2.0 * BAR + 10.0;
    let max = rows
        .iter()
        .flat_map(|(_, v)| v.iter().flatten())
        .fold(0.0_f64, |a, &b| a.max(b));
    let end = if max <= 0.0 { 1.0 } else { max };
    let width = LABEL + PLOT + 50.0;
    let height = rows.len() as f64 * ROW + 6.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\">"
    );
    for (i, (label, values)) in rows.iter().enumerate() {
        let y = i as f64 * ROW + 4.0;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" class=\"label\"><title>{}</title>{}</text>",
            LABEL - 8.0,
            y + BAR + 3.0,
            esc(label),
            esc(&fit_label(label))
        );
        for (k, v) in values.iter().enumerate() {
            let by = y + k as f64 * BAR;
            match v {
                Some(v) => {
                    let w = (v / end * PLOT).max(0.5);
                    let _ = write!(
                        s,
                        "<rect x=\"{LABEL}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {v:.1}{unit}</title></rect>\
                         <text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{v:.1}{unit}</text>",
                        BAR - 1.0,
                        COLORS[k],
                        attr(label),
                        LABEL + w + 4.0,
                        by + BAR - 1.5
                    );
                }
                None => {
                    let _ = write!(
                        s,
                        "<text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">\u{2013}</text>",
                        LABEL + 4.0,
                        by + BAR - 1.5
                    );
                }
            }
        }
    }
    let _ = write!(
        s,
        "<line x1=\"{LABEL}\" y1=\"0\" x2=\"{LABEL}\" y2=\"{height}\" stroke=\"#888\" stroke-width=\"1\"/></svg>"
    );
    s
}

/// A chart label cut to what the label column holds (the full name is its tooltip).
fn fit_label(label: &str) -> String {
    const MAX: usize = 28;
    if label.chars().count() <= MAX {
        return label.to_owned();
    }
    let cut: String = label.chars().take(MAX - 1).collect();
    format!("{}\u{2026}", cut.trim_end())
}

fn note_article(n: &Note) -> Option<&str> {
    match &n.target {
        Target::Passage(a) => Some(&a.article),
        Target::Article(p) => Some(p),
        Target::Study => None,
    }
}

fn quote(h: &mut String, text: &str) {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let _ = writeln!(h, "<blockquote>{}</blockquote>", esc(&one));
}

fn worksheet_table(h: &mut String, sides: &[Side<'_>], book: &crate::analysis::codebook::Codebook) {
    let _ = writeln!(h, "<section><h2>Framing worksheet</h2>");
    if sides.iter().all(|s| s.sheet.is_empty()) {
        let _ = writeln!(
            h,
            "<p class=\"note\">No worksheet question is answered yet (Comparison &gt; Worksheet).</p></section>"
        );
        return;
    }
    let _ = write!(h, "<table class=\"sheet\"><tr><th>Question</th>");
    for (i, s) in sides.iter().enumerate() {
        let _ = write!(
            h,
            "<th style=\"color:{}\">{}</th>",
            COLORS[i],
            esc(&s.report.title)
        );
    }
    let _ = writeln!(h, "</tr>");
    let mut heading = String::new();
    for q in worksheet::questions(book) {
        let answers: Vec<_> = sides.iter().map(|s| s.sheet.get(&q.key)).collect();
        if answers.iter().all(Option::is_none) {
            continue;
        }
        if heading != q.heading {
            let _ = writeln!(
                h,
                "<tr class=\"group\"><td colspan=\"{}\">{}</td></tr>",
                sides.len() + 1,
                esc(&q.heading)
            );
            heading.clone_from(&q.heading);
        }
        let differs = answers.len() == 2 && worksheet::differ(q.kind, answers[0], answers[1]);
        let _ = write!(
            h,
            "<tr{}><td>{}{}</td>",
            if differs { " class=\"differs\"" } else { "" },
            esc(&q.text),
            if differs {
                " <span class=\"badge\">differs</span>"
            } else {
                ""
            }
        );
        for a in &answers {
            let _ = write!(h, "<td>");
            if let Some(a) = a {
                match (q.kind, a.verdict) {
                    (Kind::Indicator, Some(v)) => {
                        let _ = write!(h, "<strong>{}</strong>", v.label());
                    }
                    _ if !a.text.trim().is_empty() => {
                        let _ = write!(h, "<p>{}</p>", esc(a.text.trim()));
                    }
                    _ => {}
                }
                if !a.comment.trim().is_empty() {
                    let _ = write!(h, "<p class=\"note\">{}</p>", esc(a.comment.trim()));
                }
                for c in &a.citations {
                    quote(h, &c.exact);
                }
            }
            let _ = write!(h, "</td>");
        }
        let _ = writeln!(h, "</tr>");
    }
    let _ = writeln!(h, "</table></section>");
}

fn notes_section(
    h: &mut String,
    study: &Study,
    sides: &[Side<'_>],
    book: &crate::analysis::codebook::Codebook,
) {
    let _ = writeln!(h, "<section><h2>Notes</h2>");
    if study.notes.is_empty() {
        let _ = writeln!(h, "<p class=\"note\">No notes yet.</p></section>");
        return;
    }
    let mut groups: Vec<(String, Vec<&Note>)> = sides
        .iter()
        .map(|s| (s.doc.source.rel_path.clone(), Vec::new()))
        .collect();
    let mut others: Vec<&Note> = Vec::new();
    for n in &study.notes {
        match note_article(n).and_then(|p| groups.iter_mut().find(|(g, _)| g == p)) {
            Some((_, list)) => list.push(n),
            None => others.push(n),
        }
    }
    for (i, (_, list)) in groups.iter_mut().enumerate() {
        list.sort_by_key(|n| (n.anchor().map(|a| a.start), n.id));
        let _ = writeln!(
            h,
            "<h3 style=\"color:{}\">{}</h3>",
            COLORS[i],
            esc(&sides[i].report.title)
        );
        if list.is_empty() {
            let _ = writeln!(h, "<p class=\"note\">No notes on this article.</p>");
        }
        for n in list.iter() {
            note_html(h, n, book);
        }
    }
    if !others.is_empty() {
        let _ = writeln!(h, "<h3>On the study and other articles</h3>");
        for n in others {
            note_html(h, n, book);
        }
    }
    let _ = writeln!(h, "</section>");
}

fn note_html(h: &mut String, n: &Note, book: &crate::analysis::codebook::Codebook) {
    let _ = writeln!(h, "<div class=\"item\">");
    if let Some(a) = n.anchor() {
        if a.exact.is_empty() {
            let _ = writeln!(
                h,
                "<p class=\"note\">At \u{201c}\u{2026}{}\u{2e31}{}\u{2026}\u{201d}</p>",
                esc(a.prefix.trim_start()),
                esc(a.suffix.trim_end())
            );
        } else {
            quote(h, &a.exact);
        }
    }
    let codes: Vec<String> = n.codes.iter().map(|c| code_name(Some(book), c)).collect();
    let _ = write!(h, "<p><span class=\"kind\">{}</span>", n.kind.as_str());
    if !codes.is_empty() {
        let _ = write!(
            h,
            " <span class=\"codes\">{}</span>",
            esc(&codes.join(", "))
        );
    }
    if !n.author.trim().is_empty() {
        let _ = write!(
            h,
            " <span class=\"note\">by {}</span>",
            esc(n.author.trim())
        );
    }
    let _ = writeln!(h, "</p>");
    if !n.text.trim().is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(n.text.trim()));
    }
    let _ = writeln!(h, "</div>");
}

fn links_section(h: &mut String, study: &Study, sides: &[Side<'_>]) {
    if study.links.is_empty() {
        return;
    }
    let title = |path: &str| {
        sides
            .iter()
            .find(|s| s.doc.source.rel_path == path)
            .map_or(path.to_owned(), |s| s.report.title.clone())
    };
    let _ = writeln!(h, "<section><h2>Contrast links</h2>");
    for l in &study.links {
        let _ = writeln!(h, "<div class=\"item link\"><div class=\"col\">");
        let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(&title(&l.left.article)));
        quote(h, &l.left.exact);
        let _ = writeln!(
            h,
            "</div><div class=\"rel\">{}</div><div class=\"col\">",
            esc(l.relation.as_str())
        );
        let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(&title(&l.right.article)));
        quote(h, &l.right.exact);
        let _ = writeln!(h, "</div></div>");
        if !l.comment.trim().is_empty() {
            let _ = writeln!(h, "<p>{}</p>", esc(l.comment.trim()));
        }
    }
    let _ = writeln!(h, "</section>");
}

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: "Charter", "Iowan Old Style", Georgia, "Noto Serif", "DejaVu Serif", serif;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; color: #1d1d1f; }
h1, h2, h3, th, figcaption, .legend, .badge, .kind, .rel, dt, svg text {
  font-family: "Inter", "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
.meta, .note { color: #666; font-size: 0.9rem; }
.cards { display: flex; gap: 1.2rem; flex-wrap: wrap; }
.cards > * { flex: 1 1 20rem; min-width: 0; }
.card { border: 1px solid #ddd; border-top: 4px solid; border-radius: 4px; padding: 0.6rem 0.9rem; }
.card h3 { margin-top: 0.2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; margin: 0; font-size: 0.92rem; }
dt { color: #666; } dd { margin: 0; overflow-wrap: anywhere; }
.charts { display: flex; gap: 1.5rem; flex-wrap: wrap; }
.charts figure { flex: 1 1 24rem; margin: 0; }
figcaption { font-weight: 600; font-size: 0.9rem; margin-bottom: 0.3rem; }
svg text { font-size: 10px; fill: #333; } svg .value { fill: #555; font-size: 9px; }
svg { max-width: 34rem; }
.legend span { margin-right: 1rem; font-size: 0.9rem; }
.legend i { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; vertical-align: -0.1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.3rem 0.4rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.sheet td:first-child { width: 34%; }
tr.group td { background: #f3f3f3; font-weight: 600; font-family: sans-serif; }
tr.differs td { background: #fff6e5; }
.badge { background: #e8a33d; color: #fff; font-size: 0.75rem; border-radius: 3px; padding: 0 0.3rem; }
blockquote { margin: 0.3rem 0; padding: 0.1rem 0.7rem; border-left: 3px solid #bbb; color: #333; font-style: italic; }
.item { border-bottom: 1px solid #eee; padding: 0.4rem 0; }
.kind { text-transform: uppercase; font-size: 0.75rem; letter-spacing: 0.04em; color: #555; }
.codes { font-size: 0.85rem; background: #eef3fa; border-radius: 3px; padding: 0 0.3rem; }
.link { display: flex; gap: 0.8rem; align-items: center; }
.link .col { flex: 1; } .rel { font-weight: 600; font-size: 0.85rem; white-space: nowrap; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  /* A printed page is too narrow for two tables side by side: one under the other. */
  .cards { display: block; }
  .cards > * { margin-bottom: 0.8rem; }
  .card, .item, tr, figure { break-inside: avoid; }
  h2 { break-after: avoid; }
  tr.differs td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  rect, .legend i, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;
