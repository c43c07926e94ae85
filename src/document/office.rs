//! Word processor files: `.docx` (Office Open XML) and `.odt` (OpenDocument). Both are zip
//! archives of XML, read with `zip` and `quick-xml`: paragraphs become paragraphs, headings
//! and the title keep their role, block quotes (Word's "Quote" styles, OpenDocument's
//! "Quotations") become quotes, and the document's own title, author and date fill the
//! metadata.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};

use super::parse::{Hint, SourceMeta};
use super::read::ReadError;
use super::{BlockKind, LinePrefix, Prepared, dates};

/// No part of a document is unpacked past this size (a zip bomb is refused, not followed).
const MAX_PART: u64 = 64 * 1024 * 1024;

fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    what: &'static str,
) -> Result<Option<String>, ReadError> {
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ReadError::Broken(what, e.to_string())),
    };
    if file.size() > MAX_PART {
        return Err(ReadError::TooLarge(what));
    }
    let mut bytes = Vec::new();
    file.by_ref()
        .take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Broken(what, e.to_string()))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(ReadError::TooLarge(what));
    }
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

fn open<'b>(
    bytes: &'b [u8],
    what: &'static str,
) -> Result<zip::ZipArchive<std::io::Cursor<&'b [u8]>>, ReadError> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::Broken(what, e.to_string()))
}

/// The local name of an element (`w:p` → `p`).
pub(crate) fn local(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

pub(crate) fn attr(e: &BytesStart<'_>, local_name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local_name.as_bytes())
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// Text of an entity reference (`&amp;`, `&#x2019;`).
pub(crate) fn entity(r: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.decode().unwrap_or_default();
    quick_xml::escape::resolve_predefined_entity(&name)
        .unwrap_or_default()
        .to_owned()
}

/// Paragraphs being collected, with what each one is.
#[derive(Default)]
struct Paragraphs {
    text: String,
    hints: Vec<Hint>,
    line: String,
}

impl Paragraphs {
    fn push_text(&mut self, s: &str) {
        self.line.push_str(s);
    }

    fn end(&mut self, kind: Option<BlockKind>) {
        let block: String = std::mem::take(&mut self.line)
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
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
                cut: false,
            });
        }
    }
}

/// A paragraph style's role, from its name ("heading 2", "Title", "Intense Quote",
/// "Quotations").
fn role(style_name: &str) -> Option<BlockKind> {
    let n = style_name.to_lowercase();
    if n == "title" {
        Some(BlockKind::Title)
    } else if n.starts_with("heading") || n.starts_with("überschrift") || n.starts_with("titre") {
        Some(BlockKind::Heading)
    } else if n.contains("quot")
        || n.contains("zitat")
        || n.contains("citation")
        || n.contains("block text")
    {
        Some(BlockKind::Quote)
    } else {
        None
    }
}

/// Title, author and date of a document's properties (`docProps/core.xml`, `meta.xml`).
fn properties(xml: &str) -> SourceMeta {
    let mut meta = SourceMeta::default();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut current: Option<String> = None;
    let mut value = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                current = Some(local(&e));
                value.clear();
            }
            Ok(Event::Text(t)) => value.push_str(&t.xml10_content().unwrap_or_default()),
            Ok(Event::GeneralRef(r)) => value.push_str(&entity(&r)),
            Ok(Event::End(_)) => {
                let v = value.trim().to_owned();
                if !v.is_empty() {
                    match current.as_deref() {
                        Some("title") if meta.title.is_none() => meta.title = Some(v),
                        Some("creator" | "initial-creator") if meta.author.is_none() => {
                            meta.author = Some(v)
                        }
                        Some("created" | "creation-date" | "date") if meta.date.is_none() => {
                            meta.date = dates::find_date(&v).map(|(_, d)| d)
                        }
                        _ => {}
                    }
                }
                current = None;
                value.clear();
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    meta
}

/// Read a `.docx`.
pub fn docx(bytes: &[u8]) -> Result<Prepared, ReadError> {
    const WHAT: &str = "Word (.docx)";
    let mut archive = open(bytes, WHAT)?;
    let document = part(&mut archive, "word/document.xml", WHAT)?
        .ok_or_else(|| ReadError::Broken(WHAT, "it holds no word/document.xml".into()))?;
    // Style ids are the language of the Word that wrote the file; their names are not.
    let mut styles: HashMap<String, String> = HashMap::new();
    if let Some(xml) = part(&mut archive, "word/styles.xml", WHAT)? {
        let mut reader = quick_xml::Reader::from_str(&xml);
        let mut id: Option<String> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(&e).as_str() {
                    "style" => id = attr(&e, "styleId"),
                    "name" => {
                        if let (Some(i), Some(n)) = (id.clone(), attr(&e, "val")) {
                            styles.insert(i, n);
                        }
                    }
                    _ => {}
                },
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
    let mut out = Paragraphs::default();
    let mut reader = quick_xml::Reader::from_str(&document);
    let mut style: Option<BlockKind> = None;
    let mut in_text = false;
    // Footnote references, deleted text and field codes are not the text.
    let mut skip = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(&e).as_str() {
                "p" => style = None,
                "t" => in_text = true,
                "delText" | "instrText" => skip += 1,
                _ => {}
            },
            Ok(Event::Empty(e)) => match local(&e).as_str() {
                "pStyle" => {
                    style = attr(&e, "val")
                        .and_then(|id| role(styles.get(&id).map_or(id.as_str(), |n| n.as_str())));
                }
                "tab" => out.push_text(" "),
                "br" | "cr" => out.push_text("\n"),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text && skip == 0 => {
                out.push_text(&t.xml10_content().unwrap_or_default())
            }
            Ok(Event::GeneralRef(r)) if in_text && skip == 0 => out.push_text(&entity(&r)),
            Ok(Event::End(e)) => match String::from_utf8_lossy(e.local_name().as_ref()).as_ref() {
                "p" => out.end(style.take()),
                "t" => in_text = false,
                "delText" | "instrText" => skip = skip.saturating_sub(1),
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => return Err(ReadError::Broken(WHAT, e.to_string())),
            _ => {}
        }
    }
    let meta = part(&mut archive, "docProps/core.xml", WHAT)?
        .map(|x| properties(&x))
        .unwrap_or_default();
    Ok(Prepared {
        text: out.text,
        hints: out.hints,
        meta,
        ..Prepared::default()
    })
}

/// Read an `.odt`.
pub fn odt(bytes: &[u8]) -> Result<Prepared, ReadError> {
    const WHAT: &str = "OpenDocument (.odt)";
    let mut archive = open(bytes, WHAT)?;
    let content = part(&mut archive, "content.xml", WHAT)?
        .ok_or_else(|| ReadError::Broken(WHAT, "it holds no content.xml".into()))?;
    // Automatic styles ("P3") stand for a named style ("Quotations") they derive from.
    let mut parents: HashMap<String, String> = HashMap::new();
    for xml in [
        Some(content.clone()),
        part(&mut archive, "styles.xml", WHAT)?,
    ]
    .into_iter()
    .flatten()
    {
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(&e) == "style" => {
                    if let (Some(n), Some(p)) = (attr(&e, "name"), attr(&e, "parent-style-name")) {
                        parents.insert(n, p);
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
    let named = |mut s: String| {
        for _ in 0..8 {
            if role(&s).is_some() {
                break;
            }
            match parents.get(&s) {
                Some(p) => s = p.clone(),
                None => break,
            }
        }
        s
    };
    let mut out = Paragraphs::default();
    let mut reader = quick_xml::Reader::from_str(&content);
    let mut kinds: Vec<Option<BlockKind>> = Vec::new();
    let mut in_body = false;
    let mut skip = 0usize; // notes, annotations
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(&e).as_str() {
                "text" => in_body = true,
                "p" | "h" if in_body && skip == 0 => {
                    let kind = if local(&e) == "h" {
                        Some(BlockKind::Heading)
                    } else {
                        attr(&e, "style-name").and_then(|s| role(&named(s)))
                    };
                    kinds.push(kind);
                }
                "note" | "annotation" => skip += 1,
                _ => {}
            },
            Ok(Event::Empty(e)) => match local(&e).as_str() {
                "s" if skip == 0 => {
                    let n: usize = attr(&e, "c").and_then(|c| c.parse().ok()).unwrap_or(1);
                    out.push_text(&" ".repeat(n.min(16)));
                }
                "tab" if skip == 0 => out.push_text(" "),
                "line-break" if skip == 0 => out.push_text("\n"),
                _ => {}
            },
            Ok(Event::Text(t)) if in_body && skip == 0 && !kinds.is_empty() => {
                out.push_text(&t.xml10_content().unwrap_or_default())
            }
            Ok(Event::GeneralRef(r)) if in_body && skip == 0 && !kinds.is_empty() => {
                out.push_text(&entity(&r))
            }
            Ok(Event::End(e)) => match String::from_utf8_lossy(e.local_name().as_ref()).as_ref() {
                "p" | "h" if in_body && skip == 0 => {
                    let kind = kinds.pop().flatten();
                    out.end(kind);
                }
                "note" | "annotation" => skip = skip.saturating_sub(1),
                "text" => in_body = false,
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => return Err(ReadError::Broken(WHAT, e.to_string())),
            _ => {}
        }
    }
    let meta = part(&mut archive, "meta.xml", WHAT)?
        .map(|x| properties(&x))
        .unwrap_or_default();
    Ok(Prepared {
        text: out.text,
        hints: out.hints,
        meta,
        ..Prepared::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{docx_fixture, odt_fixture, zipped};
    use super::*;

    fn kinds(p: &Prepared) -> Vec<(Option<BlockKind>, &str)> {
        p.text
            .split("\n\n")
            .map(|b| {
                let start = b.as_ptr() as usize - p.text.as_ptr() as usize;
                let kind = p
                    .hints
                    .iter()
                    .find(|h| h.span.start == start)
                    .and_then(|h| h.kind);
                (kind, b)
            })
            .collect()
    }

    #[test]
    fn docx_paragraphs_styles_and_properties() {
        let p = docx(&docx_fixture()).unwrap();
        assert_eq!(
            kinds(&p),
            [
                (Some(BlockKind::Title), "Talks in Paris"),
                (None, "By Jane Roe"),
                (
                    None,
                    "The ministers met on Monday. They talked & talked about the threat."
                ),
                (
                    Some(BlockKind::Quote),
                    "“We are only communicating,” Kerry said."
                ),
                (Some(BlockKind::Heading), "What comes next"),
                (None, "Split across runs\nand lines."),
            ]
        );
        assert_eq!(p.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(
            p.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2014-09-16")
        );
    }

    #[test]
    fn odt_paragraphs_styles_and_properties() {
        let p = odt(&odt_fixture()).unwrap();
        assert_eq!(
            kinds(&p),
            [
                (Some(BlockKind::Title), "Talks in Paris"),
                (None, "By Jane Roe"),
                (None, "The ministers met on Monday. They talked."),
                (
                    Some(BlockKind::Quote),
                    "“We are only communicating,” Kerry said."
                ),
                (Some(BlockKind::Heading), "What comes next"),
                (None, "An item\non two lines."),
            ]
        );
        assert_eq!(p.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(p.meta.title.as_deref(), Some("Talks in Paris"));
    }

    #[test]
    fn broken_archives_say_what_is_wrong() {
        assert!(matches!(
            docx(b"PK\x03\x04 not really"),
            Err(ReadError::Broken(..))
        ));
        let empty = zipped(&[("other.txt", "x")]);
        assert!(
            docx(&empty)
                .unwrap_err()
                .to_string()
                .contains("word/document.xml")
        );
    }
}
