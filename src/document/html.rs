//! HTML → canonical text with paragraphs, using a real HTML5 parser (`scraper`/html5ever).
//!
//! Block elements become paragraphs separated by a blank line; inline whitespace collapses as a
//! browser would; `<br>` becomes a line break. Elements that carry meaning the text parser cannot
//! see (headings, block quotes, figure captions, footers) are passed on as [`Hint`]s, and the
//! `<head>` metadata (author, site name, publication date) as [`SourceMeta`].

use scraper::{ElementRef, Html, Node, Selector};

use super::parse::{Hint, SourceMeta};
use super::{BlockKind, LinePrefix, dates};

/// The result of reducing an HTML page to text.
#[derive(Debug, Clone, Default)]
pub struct Reduced {
    pub text: String,
    pub hints: Vec<Hint>,
    pub meta: SourceMeta,
}

/// Nesting deeper than this is flattened (protects the walk from pathological pages).
const MAX_DEPTH: usize = 200;

/// Reduce an HTML document to canonical text, hints and metadata.
pub fn reduce(html: &str) -> Reduced {
    let doc = Html::parse_document(html);
    let meta = read_meta(&doc);
    let mut out = Builder::default();
    let has_h1 = Selector::parse("body h1")
        .ok()
        .is_some_and(|s| doc.select(&s).next().is_some());
    if !has_h1 && let Some(title) = meta.title.clone() {
        out.text_node(&title);
        out.flush(Some(BlockKind::Title));
    }
    let root = Selector::parse("body")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .unwrap_or_else(|| doc.root_element());
    out.walk(root, None, 0);
    out.flush(None);
    Reduced {
        text: out.text,
        hints: out.hints,
        meta,
    }
}

fn read_meta(doc: &Html) -> SourceMeta {
    let mut meta = SourceMeta::default();
    let attr = |selector: &str, name: &str| -> Option<String> {
        let sel = Selector::parse(selector).ok()?;
        doc.select(&sel)
            .filter_map(|e| e.value().attr(name))
            .map(|v| v.trim().to_owned())
            .find(|v| !v.is_empty())
    };
    let title = Selector::parse("title").ok().and_then(|s| {
        doc.select(&s)
            .next()
            .map(|e| collapse(&e.text().collect::<String>()))
    });
    meta.title = title.filter(|t| !t.is_empty());
    meta.author = attr("meta[name=author]", "content")
        .or_else(|| attr("meta[property='article:author']", "content"))
        .filter(|a| !a.starts_with("http"));
    meta.outlet = attr("meta[property='og:site_name']", "content");
    meta.date = attr("meta[property='article:published_time']", "content")
        .or_else(|| attr("meta[name=date]", "content"))
        .or_else(|| attr("time[datetime]", "datetime"))
        .and_then(|d| dates::find_date(&d).map(|(_, date)| date));
    meta
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Builder {
    text: String,
    hints: Vec<Hint>,
    /// Inline text of the block being built.
    line: String,
    seen_h1: bool,
    /// Depth of `<pre>` elements we are inside.
    pre: usize,
}

impl Builder {
    fn text_node(&mut self, s: &str) {
        if self.pre > 0 {
            self.line.push_str(s);
            return;
        }
        for (i, word) in s.split_whitespace().enumerate() {
            let starts_with_space = i > 0 || s.starts_with(char::is_whitespace);
            if starts_with_space && !self.line.is_empty() && !self.line.ends_with([' ', '\n']) {
                self.line.push(' ');
            }
            self.line.push_str(word);
        }
        if s.ends_with(char::is_whitespace)
            && !self.line.is_empty()
            && !self.line.ends_with([' ', '\n'])
        {
            self.line.push(' ');
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.line.trim_end_matches(' ').len();
        self.line.truncate(trimmed);
        self.line.push('\n');
    }

    /// End the current block; `kind` is the hint for it, if any.
    fn flush(&mut self, kind: Option<BlockKind>) {
        let block = std::mem::take(&mut self.line);
        let block = if self.pre > 0 {
            block.trim_matches('\n').to_owned()
        } else {
            block
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        if block.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(&block);
        if let Some(kind) = kind {
            self.hints.push(Hint {
                span: start..self.text.len(),
                kind: Some(kind),
                prefix: LinePrefix::Indent,
            });
        }
    }

    fn walk(&mut self, element: ElementRef<'_>, inherited: Option<BlockKind>, depth: usize) {
        for child in element.children() {
            match child.value() {
                Node::Text(t) => self.text_node(t),
                Node::Element(e) => {
                    let Some(child_ref) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = e.name();
                    if matches!(
                        name,
                        "script"
                            | "style"
                            | "noscript"
                            | "template"
                            | "svg"
                            | "head"
                            | "iframe"
                            | "button"
                            | "select"
                            | "textarea"
                            | "input"
                            | "canvas"
                            | "math"
                    ) {
                        continue;
                    }
                    if name == "br" {
                        self.line_break();
                        continue;
                    }
                    if depth >= MAX_DEPTH || !is_block(name) {
                        self.walk(child_ref, inherited, depth + 1);
                        continue;
                    }
                    // A block element: close the text before it, walk it, close it.
                    self.flush(inherited);
                    let kind = self.kind_of(name).or(inherited);
                    if name == "li" {
                        self.line.push_str("\u{2022} ");
                    }
                    if name == "pre" {
                        self.pre += 1;
                    }
                    self.walk(child_ref, kind, depth + 1);
                    self.flush(kind);
                    if name == "pre" {
                        self.pre -= 1;
                    }
                }
                _ => {}
            }
        }
    }

    fn kind_of(&mut self, name: &str) -> Option<BlockKind> {
        match name {
            "h1" if !self.seen_h1 => {
                self.seen_h1 = true;
                Some(BlockKind::Title)
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
            "blockquote" => Some(BlockKind::Quote),
            "figcaption" | "caption" => Some(BlockKind::Caption),
            "footer" | "nav" | "aside" => Some(BlockKind::Boilerplate),
            _ => None,
        }
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "figure"
            | "figcaption"
            | "pre"
            | "table"
            | "tr"
            | "caption"
            | "hr"
            | "address"
            | "body"
            | "html"
            | "form"
            | "fieldset"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_quotes_captions_and_meta() {
        let html = r#"<!doctype html><html><head>
            <title>Talks | The Daily</title>
            <meta name="author" content="Jane Roe">
            <meta property="og:site_name" content="The Daily">
            <meta property="article:published_time" content="2014-09-16T08:00:00Z">
            <script>var x = "<p>not text</p>";</script>
            </head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <h1>Iran and the   U.S.</h1>
            <figure><img src="a.jpg"><figcaption>Kerry in Paris (AP Photo)</figcaption></figure>
            <p>First <em>paragraph</em>,
               with a line<br>break.</p>
            <blockquote><p>Quoted words.</p></blockquote>
            <h2>Section</h2>
            <ul><li>One</li><li>Two</li></ul>
            </body></html>"#;
        let r = reduce(html);
        assert_eq!(
            r.text,
            "Home World\n\nIran and the U.S.\n\nKerry in Paris (AP Photo)\n\nFirst paragraph, with a line\nbreak.\n\nQuoted words.\n\nSection\n\n\u{2022} One\n\n\u{2022} Two"
        );
        let kinds: Vec<_> = r
            .hints
            .iter()
            .map(|h| (h.kind, &r.text[h.span.clone()]))
            .collect();
        assert!(kinds.contains(&(Some(BlockKind::Boilerplate), "Home World")));
        assert!(kinds.contains(&(Some(BlockKind::Title), "Iran and the U.S.")));
        assert!(kinds.contains(&(Some(BlockKind::Caption), "Kerry in Paris (AP Photo)")));
        assert!(kinds.contains(&(Some(BlockKind::Quote), "Quoted words.")));
        assert!(kinds.contains(&(Some(BlockKind::Heading), "Section")));
        assert_eq!(r.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(r.meta.outlet.as_deref(), Some("The Daily"));
        assert_eq!(
            r.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2014-09-16")
        );
    }

    #[test]
    fn title_element_used_when_there_is_no_h1() {
        let r = reduce(
            "<html><head><title>Only a title</title></head><body><p>Body.</p></body></html>",
        );
        assert_eq!(r.text, "Only a title\n\nBody.");
        assert_eq!(r.hints[0].kind, Some(BlockKind::Title));
    }

    #[test]
    fn broken_html_still_reduces() {
        let r = reduce("<p>Unclosed <b>bold <p>next</div></span>");
        assert_eq!(r.text, "Unclosed bold\n\nnext");
    }
}
