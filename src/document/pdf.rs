//! PDFs with a text layer, read with the pure-Rust `pdf-extract` (on `lopdf`): every glyph
//! with its position, then lines, columns and paragraphs rebuilt the way a reader sees them.
//!
//! - Glyphs on one baseline make a line; lines are read in column order (a page whose lines
//!   sit either left or right of the middle is read left column first).
//! - Running headers and footers — the top or bottom line of a page that recurs, digits
//!   aside, on many pages — and page numbers are dropped.
//! - A paragraph ends at a wider gap, a change of type size, or a short line that ends a
//!   sentence; a word hyphenated at a line end is joined again.
//! - Lines in larger type are headings (the largest on the first page is the title); the
//!   PDF's own title and author fill the metadata where the text gives none.
//!
//! A scanned PDF (no text), an encrypted one and a broken one are refused with a reason that
//! says what to do.

use std::collections::HashMap;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::parse::{Hint, SourceMeta};
use super::read::ReadError;
use super::{BlockKind, LinePrefix, Prepared, dates};

/// One glyph, in page coordinates with y growing downwards.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    size: f64,
    /// Advance width in page units.
    width: f64,
    text: String,
}

#[derive(Debug, Default)]
struct Page {
    width: f64,
    height: f64,
    glyphs: Vec<Glyph>,
}

/// Collects every glyph `pdf-extract` reports.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    flip: Option<Transform>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        let height = media_box.ury - media_box.lly;
        self.flip = Some(Transform::row_major(1., 0., 0., -1., 0., height));
        self.pages.push(Page {
            width: media_box.urx - media_box.llx,
            height,
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let (Some(flip), Some(page)) = (self.flip, self.pages.last_mut()) else {
            return Ok(());
        };
        let p = trm.post_transform(&flip);
        // The side of the square with the area of the transformed (size × size) box.
        let vx = font_size * trm.m11 + font_size * trm.m21;
        let vy = font_size * trm.m12 + font_size * trm.m22;
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size <= 0.0 || char.is_empty() {
            return Ok(());
        }
        page.glyphs.push(Glyph {
            x: p.m31,
            y: p.m32,
            size,
            width: width * size,
            text: char.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A line of text on a page.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    page: usize,
    /// Column: 0 left (or the whole width), 1 right.
    column: u8,
}

fn lines_of(page: &Page, index: usize) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    // Top to bottom, then left to right; glyphs on one baseline group together.
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (row[0].y - g.y).abs() <= row[0].size.min(g.size) * 0.45 => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        // A wide gap on one baseline separates two columns (or two lines side by side).
        let mut start = 0;
        for i in 1..=row.len() {
            let split = i == row.len() || {
                let prev = row[i - 1];
                row[i].x - (prev.x + prev.width) > prev.size * 2.5
            };
            if !split {
                continue;
            }
            let part = &row[start..i];
            start = i;
            let mut text = String::new();
            let mut end = f64::MIN;
            for g in part {
                if end > f64::MIN && g.x > end + g.size * 0.15 && !text.ends_with(' ') {
                    text.push(' ');
                }
                text.push_str(&g.text);
                end = g.x + g.width;
            }
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            let mut sizes: Vec<f64> = part.iter().map(|g| g.size).collect();
            sizes.sort_by(f64::total_cmp);
            out.push(Line {
                text,
                x0: part[0].x,
                x1: end,
                y: part[0].y,
                size: sizes[sizes.len() / 2],
                page: index,
                column: 0,
            });
        }
    }
    // Two columns: lines sit either left or right of the middle, few cross it.
    let mid = page.width / 2.0;
    let margin = page.width * 0.02;
    let left = out.iter().filter(|l| l.x1 <= mid + margin).count();
    let right = out.iter().filter(|l| l.x0 >= mid - margin).count();
    let across = out.len() - left.min(out.len()) - right.min(out.len() - left.min(out.len()));
    if out.len() >= 6
        && left * 10 >= out.len() * 3
        && right * 10 >= out.len() * 3
        && across * 5 <= out.len()
    {
        for l in &mut out {
            if l.x0 >= mid - margin {
                l.column = 1;
            }
        }
        out.sort_by(|a, b| a.column.cmp(&b.column).then(a.y.total_cmp(&b.y)));
    }
    out
}

/// "Page 3 of 12", "- 3 -", "iv": a page number alone on its line.
fn is_page_number(s: &str) -> bool {
    static PAGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^[\s\-–—]*(?:page\s+|seite\s+|p\.\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/|von|de|sur)\s*\d{1,4})?[\s\-–—]*$")
            .expect("valid regex")
    });
    PAGE.is_match(s)
}

/// A line as it recurs from page to page: digits aside, case aside.
fn recurring_key(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// Drop running headers, footers and page numbers.
fn drop_running(lines: Vec<Line>, pages: &[Page]) -> Vec<Line> {
    let zone = |l: &Line| {
        let h = pages[l.page].height.max(1.0);
        l.y < h * 0.1 || l.y > h * 0.9
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in lines.iter().filter(|l| zone(l)) {
        *counts.entry(recurring_key(&l.text)).or_default() += 1;
    }
    let n = pages.len();
    lines
        .into_iter()
        .filter(|l| {
            if !zone(l) {
                return true;
            }
            if is_page_number(&l.text) {
                return false;
            }
            let c = counts.get(&recurring_key(&l.text)).copied().unwrap_or(0);
            !(n >= 2 && c >= 2 && c * 10 >= n * 4)
        })
        .collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Lines → paragraphs (text, size), in reading order.
fn paragraphs(lines: &[Line]) -> Vec<(String, f64)> {
    let body_size = median(lines.iter().map(|l| l.size).collect());
    // Typical distance from one line to the next within a column.
    let spacing = median(
        lines
            .windows(2)
            .filter(|w| w[0].page == w[1].page && w[0].column == w[1].column)
            .map(|w| w[1].y - w[0].y)
            .filter(|d| *d > 0.0 && *d < body_size * 3.0)
            .collect(),
    )
    .max(body_size);
    let mut out: Vec<(String, f64)> = Vec::new();
    let mut current = String::new();
    let mut size = 0.0;
    let mut prev: Option<&Line> = None;
    // Right edge of the column each line is in, to tell a short last line.
    let mut right: HashMap<(usize, u8), f64> = HashMap::new();
    for l in lines {
        let r = right.entry((l.page, l.column)).or_insert(l.x1);
        *r = r.max(l.x1);
    }
    let mut left: HashMap<(usize, u8), f64> = HashMap::new();
    for l in lines {
        let x = left.entry((l.page, l.column)).or_insert(l.x0);
        *x = x.min(l.x0);
    }
    for l in lines {
        let new = match prev {
            None => true,
            Some(p) => {
                let same_place = p.page == l.page && p.column == l.column;
                let gap = if same_place { l.y - p.y } else { 0.0 };
                let size_change = (l.size - p.size).abs() > p.size.max(l.size) * 0.15;
                let short = p.x1 < right[&(p.page, p.column)] - p.size * 4.0;
                let sentence_end = p.text.ends_with(['.', '!', '?', ':', '”', '"', '’']);
                let indented = l.x0 > left[&(l.page, l.column)] + l.size * 1.2;
                size_change
                    || (same_place && gap > spacing * 1.45)
                    || (short && sentence_end)
                    || (indented && sentence_end)
            }
        };
        if new && !current.is_empty() {
            out.push((std::mem::take(&mut current), size));
        }
        if current.is_empty() {
            current.push_str(&l.text);
            size = l.size;
        } else if current.ends_with('-')
            && current[..current.len() - 1].ends_with(char::is_alphabetic)
            && l.text.starts_with(char::is_lowercase)
        {
            // "coordi-" + "nation": one word broken at the line's end.
            current.pop();
            current.push_str(&l.text);
        } else {
            current.push(' ');
            current.push_str(&l.text);
        }
        prev = Some(l);
    }
    if !current.is_empty() {
        out.push((current, size));
    }
    out
}

/// A PDF text string: UTF-16 with a byte-order mark, else PDFDocEncoding (Latin-1 for
/// what metadata uses).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    bytes.iter().map(|&b| b as char).collect()
}

fn info(doc: &pdf_extract::Document) -> SourceMeta {
    let mut meta = SourceMeta::default();
    let dict = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        pdf_extract::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        pdf_extract::Object::Dictionary(d) => Some(d),
        _ => None,
    });
    let Some(dict) = dict else { return meta };
    let get = |key: &[u8]| -> Option<String> {
        match dict.get(key).ok()? {
            pdf_extract::Object::String(b, _) => Some(text_string(b).trim().to_owned()),
            _ => None,
        }
        .filter(|s| !s.is_empty())
    };
    meta.title = get(b"Title");
    meta.author = get(b"Author");
    meta.date = get(b"CreationDate").and_then(|d| {
        // D:20140916080000Z
        let digits: String = d.chars().filter(char::is_ascii_digit).take(8).collect();
        (digits.len() == 8)
            .then(|| format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]))
            .and_then(|iso| dates::find_date(&iso).map(|(_, d)| d))
    });
    meta
}

/// Read a PDF.
pub fn read(bytes: &[u8]) -> Result<Prepared, ReadError> {
    // `pdf-extract` stops with a panic on some damaged files (a missing object): that is a
    // broken file to report as such, not a fault of Parallax.
    match std::panic::catch_unwind(|| read_unguarded(bytes)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "it is damaged".to_owned());
            Err(ReadError::Broken("PDF", what))
        }
    }
}

fn read_unguarded(bytes: &[u8]) -> Result<Prepared, ReadError> {
    const WHAT: &str = "PDF";
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| {
        let msg = e.to_string();
        if msg.to_lowercase().contains("encrypt") {
            ReadError::Encrypted
        } else {
            ReadError::Broken(WHAT, msg)
        }
    })?;
    if doc.is_encrypted() {
        return Err(ReadError::Encrypted);
    }
    let mut collector = Collector::default();
    pdf_extract::output_doc(&doc, &mut collector)
        .map_err(|e| ReadError::Broken(WHAT, e.to_string()))?;
    let pages = collector.pages;
    let lines: Vec<Line> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| lines_of(p, i))
        .collect();
    let lines = drop_running(lines, &pages);
    let letters: usize = lines
        .iter()
        .map(|l| l.text.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters < 20 {
        return Err(ReadError::Scanned);
    }
    let paras = paragraphs(&lines);
    let body_size = median(paras.iter().map(|(_, s)| *s).collect());
    let mut text = String::new();
    let mut hints = Vec::new();
    let title_size = paras
        .iter()
        .take(6)
        .filter(|(t, _)| t.split_whitespace().count() <= 25)
        .map(|(_, s)| *s)
        .fold(0.0, f64::max);
    let mut title_done = false;
    for (p, size) in &paras {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        let words = p.split_whitespace().count();
        let kind = if *size >= body_size * 1.2 && words <= 25 {
            if !title_done && *size >= title_size && title_size > body_size * 1.2 {
                title_done = true;
                Some(BlockKind::Title)
            } else {
                Some(BlockKind::Heading)
            }
        } else {
            None
        };
        if let Some(kind) = kind {
            hints.push(Hint {
                span: start..text.len(),
                kind: Some(kind),
                prefix: LinePrefix::Indent,
                cut: false,
            });
        }
    }
    Ok(Prepared {
        text,
        hints,
        meta: info(&doc),
        ..Prepared::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{Run, pdf, wrap};
    use super::*;

    #[test]
    fn lines_paragraphs_headers_and_hyphens() {
        let mut pages = Vec::new();
        for n in 1..=3 {
            let mut runs: Vec<Run> =
                vec![(72.0, 40.0, 9.0, "The Daily Ledger — Foreign Desk".into())];
            let mut y = 100.0;
            if n == 1 {
                runs.push((72.0, y, 20.0, "Talks in Paris".into()));
                y += 40.0;
            }
            for (k, para) in [
                "The ministers met in Paris on Monday to discuss the threat posed by the mili-",
                "tants in Iraq and Syria. The talks went on late into the night.",
            ]
            .iter()
            .enumerate()
            {
                runs.push((72.0, y, 11.0, (*para).into()));
                y += 14.0;
                if k == 1 {
                    y += 14.0;
                }
            }
            runs.push((
                72.0,
                y,
                11.0,
                format!("A second paragraph on page {n} that ends here."),
            ));
            runs.push((300.0, 760.0, 9.0, format!("{n}")));
            pages.push(runs);
        }
        let p = read(&pdf(&pages, "Talks", "Jane Roe")).unwrap();
        let paras: Vec<&str> = p.text.split("\n\n").collect();
        assert_eq!(paras[0], "Talks in Paris");
        assert_eq!(
            paras[1],
            "The ministers met in Paris on Monday to discuss the threat posed by the militants in Iraq and Syria. The talks went on late into the night."
        );
        assert_eq!(paras[2], "A second paragraph on page 1 that ends here.");
        assert!(!p.text.contains("Foreign Desk"), "running header dropped");
        assert!(
            !paras.iter().any(|x| x.trim() == "2"),
            "page numbers dropped"
        );
        assert_eq!(p.hints[0].kind, Some(BlockKind::Title));
        assert_eq!(p.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(
            p.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2014-09-16")
        );
    }

    #[test]
    fn two_columns_are_read_left_column_first() {
        let left = "The left column begins the story of the talks, which went on for a long time and covered many subjects of interest to both governments.";
        let right = "The right column continues it after the left one ends, and tells what the ministers said to the press once the talks were over.";
        let mut runs: Vec<Run> = Vec::new();
        for (i, l) in wrap(left, 40).iter().enumerate() {
            runs.push((50.0, 100.0 + 14.0 * i as f64, 10.0, l.clone()));
        }
        for (i, l) in wrap(right, 40).iter().enumerate() {
            runs.push((320.0, 100.0 + 14.0 * i as f64, 10.0, l.clone()));
        }
        let p = read(&pdf(&[runs], "T", "A")).unwrap();
        let left_at = p.text.find("The left column").unwrap();
        let right_at = p.text.find("The right column").unwrap();
        assert!(left_at < right_at);
        assert!(
            p.text
                .contains("many subjects of interest to both governments.")
        );
    }

    #[test]
    fn a_pdf_without_text_and_a_broken_one_are_refused_with_a_reason() {
        let empty = pdf(&[vec![]], "Scan", "Nobody");
        assert_eq!(read(&empty).unwrap_err(), ReadError::Scanned);
        assert!(
            read(b"%PDF-1.4 garbage")
                .unwrap_err()
                .to_string()
                .contains("save it again")
        );
    }
}
