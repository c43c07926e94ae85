//! The article model every feature points into.
//!
//! A [`Document`] is one file's canonical text plus what the parser found in it: metadata
//! (title, author, outlet, date, each with the span it came from), a flat list of [`Block`]s
//! in reading order (title, bylines, paragraphs, quotes, captions, headings, boilerplate, and
//! the paragraphs of each reader comment), and the comment thread. Blocks are flat so that the
//! reading view can virtualise them and the analyses can walk them without recursion.

mod content;
pub mod dates;
pub mod display;
#[doc(hidden)]
pub mod fixtures;
pub mod html;
pub mod markdown;
pub mod mhtml;
pub mod office;
pub mod page_meta;
mod parse;
mod pattern;
pub mod pdf;
pub mod read;
pub mod search;
pub mod text;
mod thread;

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use parse::{Hint, MAX_BLOCK_BYTES, SourceMeta, parse_article, parse_article_with};
pub use text::{CharIndex, Span};

/// The file format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// A web page saved as a single file (`.mhtml`, `.mht`: MIME, quoted-printable).
    Mhtml,
    Pdf,
    Docx,
    Odt,
}

impl Format {
    /// The format a file extension stands for, if Parallax reads it.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Self::Text),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" | "shtml" => Some(Self::Html),
            "mhtml" | "mht" => Some(Self::Mhtml),
            "pdf" => Some(Self::Pdf),
            "docx" => Some(Self::Docx),
            "odt" => Some(Self::Odt),
            _ => None,
        }
    }

    /// Formats whose bytes are not text to decode but a container to read.
    pub fn is_binary(self) -> bool {
        matches!(self, Self::Pdf | Self::Docx | Self::Odt | Self::Mhtml)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Mhtml => "mhtml",
            Self::Pdf => "pdf",
            Self::Docx => "docx",
            Self::Odt => "odt",
        }
    }
}

/// A format reader's result: the canonical text, what its markup says about spans of it
/// ([`Hint`]s), metadata it declares, and for web pages the comment thread in the markup and
/// how much of the page is the article.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub text: String,
    pub hints: Vec<Hint>,
    pub meta: SourceMeta,
    pub thread: Option<html::MarkupThread>,
    pub authors: Vec<String>,
    pub extraction: Option<Extraction>,
}

impl From<html::Reduced> for Prepared {
    fn from(r: html::Reduced) -> Self {
        Self {
            extraction: Some(Extraction {
                kept_chars: r.kept_chars,
                cut_chars: r.cut_chars,
                whole_page: false,
            }),
            text: r.text,
            hints: r.hints,
            meta: r.meta,
            thread: r.thread,
            authors: r.authors,
        }
    }
}

/// What a block of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Byline,
    Paragraph,
    Quote,
    Caption,
    Heading,
    Boilerplate,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Byline => "byline",
            Self::Paragraph => "paragraph",
            Self::Quote => "quote",
            Self::Caption => "caption",
            Self::Heading => "heading",
            Self::Boilerplate => "boilerplate",
        }
    }
}

/// Where in the article a block sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Title, byline, standfirst and lead photo captions.
    Front,
    /// The article body.
    Body,
    /// Footer: categories, tags, author biography.
    Back,
    /// The reader comment thread.
    Thread,
}

/// Who a quoted block is from, where the text says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteInfo {
    /// The sentence that introduces the quote ("Jack Goldstone argues that …:").
    pub intro: Option<Span>,
    /// The source the text names (from the intro, or a trailing "— Cheney, C-Span, 1994").
    pub source: Option<String>,
    /// The earlier comment this block repeats, when a commenter quotes another comment.
    pub from_comment: Option<usize>,
    /// The block repeats a passage of the article itself.
    pub from_article: bool,
}

/// One block of text, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte span in the canonical text; starts and ends on non-whitespace.
    pub span: Span,
    pub section: Section,
    /// Index into [`Document::comments`] for blocks in the thread.
    pub comment: Option<usize>,
    pub quote: Option<QuoteInfo>,
    /// The block continues the previous one (an oversized paragraph split for display).
    pub continued: bool,
    /// Single newlines inside are hard line wraps, not line breaks.
    pub hard_wrapped: bool,
    /// Leading characters of each line that are markup, not text (Markdown `> `, indentation).
    pub line_prefix: LinePrefix,
    /// Page furniture the main-content extraction cut from the article (kind boilerplate):
    /// shown collapsed, counted by no analysis, brought back by "keep the whole page".
    pub cut: bool,
}

/// Markup at the start of each line of a block that the reading view hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinePrefix {
    /// Only leading whitespace is hidden.
    #[default]
    Indent,
    /// Markdown block quote markers (`>`), then whitespace.
    QuoteMarker,
}

/// How a comment's author was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorSource {
    /// The comment's header line names the author.
    Header,
    /// The header is missing; a later reply addresses this comment by name.
    InferredFromReply { reply: usize },
    /// Nothing in the text says who wrote it.
    Unknown,
}

/// Why a comment is taken to answer an earlier one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyEvidence {
    /// "@Name:" at the start of a paragraph.
    Mention { span: Span },
    /// The comment repeats text from the earlier comment.
    Quote { span: Span },
    /// The page's markup nests it under the earlier comment.
    Nesting,
}

/// A link from a comment to an earlier comment it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    /// Index into [`Document::comments`].
    pub to: usize,
    pub evidence: ReplyEvidence,
}

/// One reader comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub number: Option<u32>,
    pub author: Option<String>,
    pub author_source: AuthorSource,
    /// The date as the thread writes it.
    pub date: Option<String>,
    /// The whole comment, header included.
    pub span: Span,
    /// The header line ("12. anjin-san says:"), when there is one.
    pub header: Option<Span>,
    /// The comment's own text.
    pub body: Span,
    /// The comment's blocks: indexes into [`Document::blocks`].
    pub blocks: std::ops::Range<usize>,
    pub replies_to: Vec<Reply>,
    /// A pingback or trackback (another site linking here), kept apart from reader comments.
    pub pingback: bool,
}

/// A metadata value and the text it was read from (None when it came from elsewhere, e.g.
/// the file name or an HTML `<meta>` tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<T> {
    pub value: T,
    pub span: Option<Span>,
}

impl<T> Field<T> {
    pub fn at(value: T, span: Span) -> Self {
        Self {
            value,
            span: Some(span),
        }
    }
    pub fn detached(value: T) -> Self {
        Self { value, span: None }
    }
}

/// What the parser learned about the article as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Metadata {
    pub title: Option<Field<String>>,
    pub author: Option<Field<String>>,
    pub outlet: Option<Field<String>>,
    pub date: Option<Field<jiff::civil::Date>>,
    /// Section or category labels ("Middle East, U.S.", "FILED UNDER: …").
    pub categories: Vec<String>,
    /// Every author, when there are several (`author` holds them as one line).
    pub authors: Vec<String>,
    /// The place a news story's first paragraph opens with ("BEIRUT — …").
    pub dateline: Option<Field<String>>,
}

/// A parsed article: everything but the file it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    pub meta: Metadata,
    pub blocks: Vec<Block>,
    pub comments: Vec<Comment>,
    /// Text that repeats an earlier block and is therefore not shown again (a caption printed
    /// twice): `(span, index of the block it repeats)`.
    pub repeats: Vec<(Span, usize)>,
}

/// Word counts, so densities can be given per 1,000 words of the article or the thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordCounts {
    /// Title, bylines, body paragraphs, quotes, headings and captions.
    pub article: usize,
    /// All comments.
    pub thread: usize,
}

/// Identifies one version of a document's canonical text (BLAKE3, hex).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContentHash(pub String);

impl ContentHash {
    pub fn of(text: &str) -> Self {
        Self(format!("blake3:{}", blake3::hash(text.as_bytes()).to_hex()))
    }
    /// The first 12 hex digits, for display.
    pub fn short(&self) -> &str {
        let hex = self.0.strip_prefix("blake3:").unwrap_or(&self.0);
        &hex[..hex.len().min(12)]
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Absolute path on disk (empty for embedded documents).
    pub path: PathBuf,
    /// Path relative to the opened folder, `/`-separated, shown lossily if not UTF-8.
    pub rel_path: String,
    pub format: Format,
    /// Encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// Invalid byte sequences replaced by U+FFFD while decoding (0 for a clean file).
    pub replaced: usize,
    /// Size of the file in bytes.
    pub file_size: u64,
    /// Modification time when it was read (to tell real changes on disk from touches).
    pub modified: Option<std::time::SystemTime>,
}

/// One article: its source, canonical text and parsed structure.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Source,
    pub text: Arc<str>,
    pub hash: ContentHash,
    pub article: Article,
    pub words: WordCounts,
    pub chars: CharIndex,
    /// For a web page: how much of it is the article and how much page furniture.
    pub extraction: Option<Extraction>,
}

/// How a web page was read: characters kept as the article and cut as page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Extraction {
    pub kept_chars: usize,
    pub cut_chars: usize,
    /// The reader chose to keep the whole page: nothing is cut.
    pub whole_page: bool,
}

impl Document {
    /// Build a document from decoded text. `raw` is the decoded file content; for HTML it is
    /// reduced to text first, for Markdown the source is kept and markup is recognised.
    pub fn from_decoded(source: Source, raw: String) -> Self {
        let prepared = match source.format {
            Format::Text => Prepared {
                text: raw,
                ..Prepared::default()
            },
            Format::Markdown => Prepared {
                hints: markdown::hints(&raw),
                meta: markdown::front_matter(&raw),
                text: raw,
                ..Prepared::default()
            },
            // Decoded text of the other formats is read as a web page.
            _ => html::reduce(&raw).into(),
        };
        Self::from_prepared(source, prepared)
    }

    /// Build a document from what a format reader prepared.
    pub fn from_prepared(source: Source, prepared: Prepared) -> Self {
        let Prepared {
            text,
            hints,
            meta: extra_meta,
            thread,
            authors,
            extraction,
        } = prepared;
        let mut article = parse_article_with(&text, &hints, thread.as_ref());
        extra_meta.fill(&mut article.meta);
        if authors.len() > 1 {
            article.meta.authors = authors;
        } else if let Some(a) = &article.meta.author {
            article.meta.authors = page_meta::split_authors(&a.value);
        }
        if article.meta.title.is_none() {
            article.meta.title = Some(Field::detached(title_from_path(&source.rel_path)));
        }
        let words = count_words(&text, &article);
        let chars = CharIndex::new(&text);
        let hash = ContentHash::of(&text);
        Self {
            source,
            text: Arc::from(text),
            hash,
            article,
            words,
            chars,
            extraction,
        }
    }

    /// The same page with nothing cut: page furniture becomes text of the article (the
    /// reader's "keep the whole page"). The canonical text, and so every anchor, is the same.
    pub fn keep_whole_page(&self) -> Self {
        let mut d = self.clone();
        for b in &mut d.article.blocks {
            if b.cut {
                b.kind = BlockKind::Paragraph;
                b.section = Section::Body;
                b.cut = false;
            }
        }
        if let Some(e) = &mut d.extraction {
            e.kept_chars += e.cut_chars;
            e.cut_chars = 0;
            e.whole_page = true;
        }
        d.words = count_words(&d.text, &d.article);
        d
    }

    /// What analyses of this document are cached under: its text's version, and whether the
    /// whole page is kept (the same text, other blocks counted).
    pub fn analysis_key(&self) -> ContentHash {
        if self.extraction.is_some_and(|e| e.whole_page) {
            ContentHash(format!("{}+whole-page", self.hash.0))
        } else {
            self.hash.clone()
        }
    }

    /// Parse text that is not on disk (tests, the bundled example, benchmarks).
    pub fn from_text(rel_path: &str, format: Format, text: &str) -> Self {
        Self::from_decoded(
            Source {
                path: PathBuf::new(),
                rel_path: rel_path.to_owned(),
                format,
                encoding: "UTF-8",
                replaced: 0,
                file_size: text.len() as u64,
                modified: None,
            },
            text.to_owned(),
        )
    }

    /// The article's title: parsed, or the file name when the text gives none.
    pub fn title(&self) -> &str {
        self.article
            .meta
            .title
            .as_ref()
            .map_or(self.source.rel_path.as_str(), |f| f.value.as_str())
    }

    pub fn blocks(&self) -> &[Block] {
        &self.article.blocks
    }

    pub fn comments(&self) -> &[Comment] {
        &self.article.comments
    }

    pub fn slice(&self, span: &Span) -> &str {
        &self.text[span.clone()]
    }

    /// Code-point offset of a byte offset (for files other programs read).
    pub fn char_offset(&self, byte: usize) -> usize {
        self.chars.to_char(&self.text, byte)
    }

    /// Byte offset of a code-point offset.
    pub fn byte_offset(&self, chars: usize) -> usize {
        self.chars.to_byte(&self.text, chars)
    }

    /// Index of the block containing (or, in a gap, following) a byte offset.
    pub fn block_at(&self, byte: usize) -> Option<usize> {
        let blocks = &self.article.blocks;
        let i = blocks.partition_point(|b| b.span.end <= byte);
        (i < blocks.len()).then_some(i)
    }
}

fn count_words(text: &str, article: &Article) -> WordCounts {
    let mut words = WordCounts::default();
    for block in &article.blocks {
        let n = text::word_count(&text[block.span.clone()]);
        match (block.section, block.kind) {
            (Section::Thread, _) => words.thread += n,
            (_, BlockKind::Boilerplate) => {}
            _ => words.article += n,
        }
    }
    words
}

/// "reports/iran-talks_2014.md" → "iran talks 2014".
fn title_from_path(rel_path: &str) -> String {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let title: String = stem
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    let title = title.trim();
    if title.is_empty() {
        name.to_owned()
    } else {
        title.to_owned()
    }
}
