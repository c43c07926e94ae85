//! REFI-QDA project import: a `.qdpx` (or a bare `project.qde`) written by Parallax or by
//! another program becomes codes, notes and links of a Parallax study.
//!
//! Sources are matched to the folder's articles by content: the same text, then the same
//! text with whitespace normalised, then the closest by shared words (at least
//! [`MIN_SIMILARITY`]). A selection becomes an anchor carrying the source's quote and
//! context, so the study places it exactly as it places any note: where the texts are the
//! same, at its position; where they differ, by its quote (a fuzzy match goes to "To
//! check", a miss to the orphans). Nothing is dropped silently: what cannot be carried
//! (pictures, PDFs, audio, video, variables, cases, sets, graphs; sources not in the
//! folder) is listed in the import's report.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read as _;

use jiff::Timestamp;
use quick_xml::events::Event;

use crate::analysis::codebook::Frame;
use crate::corpus::Corpus;
use crate::document::office::{attr, entity, local};
use crate::notes::anchor::CONTEXT;
use crate::notes::model::{Anchor, ContrastLink, Note, NoteKind, Relation, Study, Target};

/// Below this share of shared words a source is not taken for an article of the folder.
pub const MIN_SIMILARITY: f64 = 0.6;

/// Why a project could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("it is neither a REFI-QDA project (.qdpx) nor its project.qde: {0}")]
    NotAProject(String),
    #[error("its project.qde is not well-formed XML: {0}")]
    Xml(String),
}

#[derive(Debug, Clone, Default)]
struct QCode {
    guid: String,
    name: String,
    color: Option<String>,
    description: String,
    codable: bool,
    parent: Option<usize>,
}

#[derive(Debug, Clone, Default)]
struct QSelection {
    guid: String,
    start: usize,
    end: usize,
    codes: Vec<String>,
    notes: Vec<String>,
    description: String,
    created: Option<Timestamp>,
    /// The creating user's guid.
    user: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct QSource {
    name: String,
    text: Option<String>,
    path: Option<String>,
    selections: Vec<QSelection>,
    notes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
struct QNote {
    name: String,
    text: String,
    created: Option<Timestamp>,
    user: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct QLink {
    name: String,
    origin: String,
    target: String,
    notes: Vec<String>,
}

/// A REFI-QDA project as read.
#[derive(Debug, Clone, Default)]
pub struct Project {
    pub name: String,
    codes: Vec<QCode>,
    sources: Vec<QSource>,
    notes: HashMap<String, QNote>,
    links: Vec<QLink>,
    project_notes: Vec<String>,
    /// User guid → name.
    users: HashMap<String, String>,
    /// Elements Parallax cannot carry over, by kind, with how many there were.
    pub not_carried: BTreeMap<String, usize>,
}

/// The element's creation time (or its modification time); a time without an offset is
/// read as UTC.
fn time(e: &quick_xml::events::BytesStart<'_>) -> Option<Timestamp> {
    let t = attr(e, "creationDateTime").or_else(|| attr(e, "modifiedDateTime"))?;
    let t = t.trim();
    t.parse::<Timestamp>().ok().or_else(|| {
        t.parse::<jiff::civil::DateTime>()
            .ok()?
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    })
}

/// Read a `.qdpx` (a zip holding `project.qde` and `sources/`) or a bare `project.qde`.
pub fn read(bytes: &[u8]) -> Result<Project, ImportError> {
    if bytes.starts_with(b"PK") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| ImportError::NotAProject(e.to_string()))?;
        let names: Vec<String> = zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect();
        let qde = names
            .iter()
            .find(|n| n.to_ascii_lowercase().ends_with(".qde"))
            .ok_or_else(|| ImportError::NotAProject("the zip holds no project.qde".into()))?
            .clone();
        let mut xml = String::new();
        zip.by_name(&qde)
            .map_err(|e| ImportError::NotAProject(e.to_string()))?
            .read_to_string(&mut xml)
            .map_err(|e| ImportError::NotAProject(format!("{qde}: {e}")))?;
        let mut project = parse(&xml)?;
        for s in &mut project.sources {
            if s.text.is_some() {
                continue;
            }
            let Some(path) = &s.path else { continue };
            // `internal://GUID.txt` is `sources/GUID.txt`; other paths are looked for in the
            // zip by their file name.
            let file = path
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(path)
                .to_ascii_lowercase();
            let entry = names.iter().find(|n| {
                let lower = n.to_ascii_lowercase();
                lower.rsplit('/').next() == Some(file.as_str())
            });
            if let Some(entry) = entry
                && let Ok(mut f) = zip.by_name(entry)
            {
                let mut raw = Vec::new();
                if f.read_to_end(&mut raw).is_ok() {
                    s.text = Some(String::from_utf8_lossy(&raw).into_owned());
                }
            }
        }
        Ok(project)
    } else {
        let xml = std::str::from_utf8(bytes)
            .map_err(|_| ImportError::NotAProject("it is not UTF-8 text".into()))?;
        if !xml.contains("urn:QDA-XML:project") {
            return Err(ImportError::NotAProject(
                "it does not name the QDA-XML namespace".into(),
            ));
        }
        parse(xml)
    }
}

/// Where the parser is: the text being collected goes to whatever is innermost.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Collect {
    CodeDescription(usize),
    SourceText,
    SelectionDescription,
    NoteText,
    Nothing,
}

/// The parser's state: the project so far and what is open.
struct Parser {
    p: Project,
    stack: Vec<String>,
    codes: Vec<usize>,
    source: Option<QSource>,
    selection: Option<QSelection>,
    note: Option<(String, QNote)>,
    link: Option<QLink>,
    collect: Collect,
    text: String,
    /// The depth of a subtree of a kind Parallax cannot carry, skipped whole.
    skip_depth: Option<usize>,
}

fn not_carried(name: &str) -> Option<&'static str> {
    Some(match name {
        "PictureSource" => "pictures",
        "PDFSource" => "PDF sources",
        "AudioSource" => "audio sources",
        "VideoSource" => "video sources",
        "Variables" => "variables",
        "Cases" => "cases",
        "Sets" => "sets",
        "Graphs" => "graphs",
        _ => return None,
    })
}

impl Parser {
    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>, empty: bool) {
        let name = local(e);
        if self.skip_depth.is_none() {
            self.open(e, &name, empty);
        }
        if empty {
            // An element written empty opens and closes at once.
            if self.skip_depth.is_none() {
                self.close(&name);
            }
        } else {
            self.stack.push(name);
        }
    }

    fn open(&mut self, e: &quick_xml::events::BytesStart<'_>, name: &str, empty: bool) {
        let parent = self.stack.last().map(String::as_str).unwrap_or("");
        match name {
            "Project" => self.p.name = attr(e, "name").unwrap_or_default(),
            "User" if parent == "Users" => {
                if let Some(g) = attr(e, "guid") {
                    let name = attr(e, "name")
                        .or_else(|| attr(e, "id"))
                        .unwrap_or_default();
                    self.p.users.insert(g, name);
                }
            }
            _ if not_carried(name).is_some() => {
                let what = not_carried(name).unwrap_or_default();
                *self.p.not_carried.entry(what.into()).or_default() += 1;
                if !empty {
                    self.skip_depth = Some(self.stack.len());
                }
            }
            "Code" => {
                self.p.codes.push(QCode {
                    guid: attr(e, "guid").unwrap_or_default(),
                    name: attr(e, "name").unwrap_or_default(),
                    color: attr(e, "color"),
                    description: String::new(),
                    codable: attr(e, "isCodable").is_none_or(|v| v.trim() != "false"),
                    parent: self.codes.last().copied(),
                });
                self.codes.push(self.p.codes.len() - 1);
            }
            "TextSource" if parent == "Sources" => {
                self.source = Some(QSource {
                    name: attr(e, "name").unwrap_or_default(),
                    path: attr(e, "plainTextPath"),
                    ..QSource::default()
                });
            }
            "Note" if parent == "Notes" => {
                self.note = Some((
                    attr(e, "guid").unwrap_or_default(),
                    QNote {
                        name: attr(e, "name").unwrap_or_default(),
                        created: time(e),
                        user: attr(e, "creatingUser"),
                        ..QNote::default()
                    },
                ));
            }
            "PlainTextSelection" if self.source.is_some() => {
                let pos = |a| attr(e, a).and_then(|v| v.trim().parse::<usize>().ok());
                let (s, t) = (pos("startPosition").unwrap_or(0), pos("endPosition"));
                let t = t.unwrap_or(s);
                self.selection = Some(QSelection {
                    guid: attr(e, "guid").unwrap_or_default(),
                    start: s.min(t),
                    end: t.max(s),
                    created: time(e),
                    user: attr(e, "creatingUser"),
                    ..QSelection::default()
                });
            }
            "Link" if parent == "Links" => {
                self.link = Some(QLink {
                    name: attr(e, "name").unwrap_or_default(),
                    origin: attr(e, "originGUID").unwrap_or_default(),
                    target: attr(e, "targetGUID").unwrap_or_default(),
                    notes: Vec::new(),
                });
            }
            "CodeRef" if parent == "Coding" => {
                if let (Some(sel), Some(g)) = (self.selection.as_mut(), attr(e, "targetGUID")) {
                    sel.codes.push(g);
                }
            }
            "NoteRef" => {
                let g = attr(e, "targetGUID").unwrap_or_default();
                match parent {
                    "PlainTextSelection" => {
                        if let Some(s) = self.selection.as_mut() {
                            s.notes.push(g);
                        }
                    }
                    "TextSource" => {
                        if let Some(s) = self.source.as_mut() {
                            s.notes.push(g);
                        }
                    }
                    "Link" => {
                        if let Some(l) = self.link.as_mut() {
                            l.notes.push(g);
                        }
                    }
                    "Project" => self.p.project_notes.push(g),
                    _ => {}
                }
            }
            "Description" => {
                self.collect = match parent {
                    "Code" => self
                        .codes
                        .last()
                        .map_or(Collect::Nothing, |&c| Collect::CodeDescription(c)),
                    "PlainTextSelection" => Collect::SelectionDescription,
                    _ => Collect::Nothing,
                };
                self.text.clear();
            }
            "PlainTextContent" => {
                self.collect = match parent {
                    "TextSource" if self.note.is_none() => Collect::SourceText,
                    "Note" => Collect::NoteText,
                    _ => Collect::Nothing,
                };
                self.text.clear();
            }
            _ => {}
        }
    }

    fn end(&mut self) {
        let Some(name) = self.stack.pop() else { return };
        if let Some(d) = self.skip_depth {
            if self.stack.len() == d {
                self.skip_depth = None;
            }
            return;
        }
        self.close(&name);
    }

    fn close(&mut self, name: &str) {
        match name {
            "Code" => {
                self.codes.pop();
            }
            "Description" | "PlainTextContent" => {
                let t = std::mem::take(&mut self.text);
                match self.collect {
                    Collect::CodeDescription(c) => self.p.codes[c].description = t.trim().into(),
                    Collect::SelectionDescription => {
                        if let Some(s) = self.selection.as_mut() {
                            s.description = t.trim().into();
                        }
                    }
                    Collect::SourceText => {
                        if let Some(s) = self.source.as_mut() {
                            s.text = Some(t);
                        }
                    }
                    Collect::NoteText => {
                        if let Some((_, n)) = self.note.as_mut() {
                            n.text = t.trim().into();
                        }
                    }
                    Collect::Nothing => {}
                }
                self.collect = Collect::Nothing;
            }
            "PlainTextSelection" => {
                if let (Some(src), Some(sel)) = (self.source.as_mut(), self.selection.take()) {
                    src.selections.push(sel);
                }
            }
            "TextSource" if self.note.is_none() => {
                if let Some(s) = self.source.take() {
                    self.p.sources.push(s);
                }
            }
            "Note" => {
                if let Some((g, n)) = self.note.take() {
                    self.p.notes.insert(g, n);
                }
            }
            "Link" => {
                if let Some(l) = self.link.take() {
                    self.p.links.push(l);
                }
            }
            _ => {}
        }
    }
}

fn parse(xml: &str) -> Result<Project, ImportError> {
    let mut state = Parser {
        p: Project::default(),
        stack: Vec::new(),
        codes: Vec::new(),
        source: None,
        selection: None,
        note: None,
        link: None,
        collect: Collect::Nothing,
        text: String::new(),
        skip_depth: None,
    };
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ImportError::Xml(format!("at byte {}: {e}", reader.buffer_position())))?;
        let collecting = state.collect != Collect::Nothing && state.skip_depth.is_none();
        match event {
            Event::Start(e) => state.start(&e, false),
            Event::Empty(e) => state.start(&e, true),
            Event::End(_) => state.end(),
            Event::Text(t) if collecting => {
                state.text.push_str(&t.xml10_content().unwrap_or_default());
            }
            Event::CData(t) if collecting => state.text.push_str(&String::from_utf8_lossy(&t)),
            Event::GeneralRef(r) if collecting => state.text.push_str(&entity(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(state.p)
}

/// A source of the project that is not among the folder's articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    pub name: String,
    pub text: String,
    /// Coded passages and notes on it that were not imported.
    pub passages: usize,
}

/// What an import adds to a study.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// New notes and links (ids to be given by the study).
    pub notes: Vec<Note>,
    pub links: Vec<ContrastLink>,
    /// Codes of the project the codebook did not have, as new frames.
    pub frames: Vec<Frame>,
    /// Sources matched to articles, `(source name, article path, how)`.
    pub matched: Vec<(String, String, &'static str)>,
    pub unmatched: Vec<Unmatched>,
    /// Everything the reader should know: what was not carried and why.
    pub report: Vec<String>,
}

impl Imported {
    /// Add `frame` to the working codebook `book` and to the new frames; returns its id.
    pub fn add_frame(
        &mut self,
        book: &mut crate::analysis::codebook::Codebook,
        frame: Frame,
    ) -> String {
        let id = frame.id.clone();
        book.frames.push(frame.clone());
        self.frames.push(frame);
        id
    }
}

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds the article a source is. What it needs of each article (its text with spacing
/// normalised, its words) is made once per import, and only when some source is not one of
/// the articles' texts as they stand.
struct Matcher<'a> {
    corpus: &'a Corpus,
    normalised: std::cell::OnceCell<Vec<String>>,
    words: std::cell::OnceCell<Vec<HashSet<String>>>,
}

impl<'a> Matcher<'a> {
    fn new(corpus: &'a Corpus) -> Self {
        Self {
            corpus,
            normalised: Default::default(),
            words: Default::default(),
        }
    }

    /// The article `text` is, and how it was found.
    fn find(&self, text: &str) -> Option<(usize, &'static str)> {
        let docs = &self.corpus.documents;
        if let Some(i) = docs.iter().position(|d| &*d.text == text) {
            return Some((i, "same text"));
        }
        let norm = normalised(text);
        let all = self
            .normalised
            .get_or_init(|| docs.iter().map(|d| normalised(&d.text)).collect());
        if let Some(i) = all.iter().position(|n| *n == norm) {
            return Some((i, "same text but for spacing"));
        }
        let mine = words(text);
        self.words
            .get_or_init(|| docs.iter().map(|d| words(&d.text)).collect())
            .iter()
            .enumerate()
            .map(|(i, theirs)| {
                let shared = mine.intersection(theirs).count() as f64;
                let union = mine.union(theirs).count().max(1) as f64;
                (i, shared / union)
            })
            .filter(|(_, s)| *s >= MIN_SIMILARITY)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| (i, "similar text"))
    }
}

/// An anchor into the article `doc` for code points `start..end` of the source's text: the
/// quote and its context come from the source, so the study finds the passage by its words
/// where the texts differ.
fn anchor(text: &[char], start: usize, end: usize, article: &str, hash: &str) -> Anchor {
    let end = end.min(text.len());
    let start = start.min(end);
    Anchor {
        article: article.to_owned(),
        content_hash: hash.to_owned(),
        start,
        end,
        exact: text[start..end].iter().collect(),
        prefix: text[start.saturating_sub(CONTEXT)..start].iter().collect(),
        suffix: text[end..(end + CONTEXT).min(text.len())].iter().collect(),
    }
}

fn relation_of(name: &str) -> Relation {
    Relation::parse(name).unwrap_or(Relation::SameClaim)
}

/// Turn a project into notes, links and frames for `study` over the folder's `corpus`.
/// Notes the study has already (same passage, kind, text and codes) are not added again.
pub fn into_study(p: &Project, study: &Study, corpus: &Corpus, now: Timestamp) -> Imported {
    let mut out = Imported::default();
    for (what, n) in &p.not_carried {
        out.report
            .push(format!("{n} × {what}: Parallax reads text sources only"));
    }
    // Codes → frame ids, adding frames the codebook lacks.
    let mut book = study.codebook.clone().unwrap_or_default();
    let mut code_ids: HashMap<&str, String> = HashMap::new();
    for c in &p.codes {
        if !c.codable {
            continue;
        }
        let existing = book.frames.iter().find(|f| {
            super::guid(&format!("code/{}", f.id)) == c.guid || f.name.eq_ignore_ascii_case(&c.name)
        });
        let id = match existing {
            Some(f) => f.id.clone(),
            None => {
                let mut f = book.new_frame();
                f.id = book.fresh_id(&c.name);
                f.name = c.name.clone();
                f.description = c.description.clone();
                if let Some(col) = &c.color
                    && crate::analysis::codebook::parse_hex_color(col).is_some()
                {
                    f.color = col.clone();
                }
                f.group = c
                    .parent
                    .map(|i| p.codes[i].name.clone())
                    .unwrap_or_else(|| "Imported codes".into());
                out.add_frame(&mut book, f)
            }
        };
        code_ids.insert(&c.guid, id);
    }

    let note_text = |refs: &[String]| -> (String, Option<&QNote>) {
        let found: Vec<&QNote> = refs.iter().filter_map(|r| p.notes.get(r)).collect();
        let text = found
            .iter()
            .map(|n| n.text.as_str())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        (text, found.first().copied())
    };
    // Who made what: a user's name, the exporting Parallax's stand-in name read as nobody.
    let author = |user: Option<&String>| -> String {
        user.and_then(|g| p.users.get(g))
            .map_or_else(String::new, |n| super::author_named(n))
    };
    let mut used_notes: HashSet<&str> = HashSet::new();
    // Selection guid → its anchor and its creating user, for links.
    let mut anchors: HashMap<&str, (Anchor, Option<&String>)> = HashMap::new();
    let link_ends: HashSet<&str> = p
        .links
        .iter()
        .flat_map(|l| [l.origin.as_str(), l.target.as_str()])
        .collect();
    let mut empty = 0;
    let matcher = Matcher::new(corpus);
    // Notes on sources not in the folder.
    let mut held: HashSet<&str> = HashSet::new();
    for s in &p.sources {
        let Some(text) = &s.text else {
            out.report.push(format!(
                "The source “{}” has no text in the project (its file {} is missing)",
                s.name,
                s.path.as_deref().unwrap_or("(none named)")
            ));
            continue;
        };
        let Some((doc, how)) = matcher.find(text) else {
            // Its notes stay with it, to come in once it is an article of the folder.
            held.extend(s.notes.iter().map(String::as_str));
            held.extend(
                s.selections
                    .iter()
                    .flat_map(|x| x.notes.iter().map(String::as_str)),
            );
            out.unmatched.push(Unmatched {
                name: s.name.clone(),
                text: text.clone(),
                passages: s.selections.len() + s.notes.len(),
            });
            continue;
        };
        let d = &corpus.documents[doc];
        let article = d.source.rel_path.clone();
        out.matched.push((s.name.clone(), article.clone(), how));
        let hash = if &*d.text == text.as_str() {
            d.hash.0.clone()
        } else {
            String::new()
        };
        let chars: Vec<char> = text.chars().collect();
        for sel in &s.selections {
            let a = anchor(&chars, sel.start, sel.end, &article, &hash);
            anchors.insert(&sel.guid, (a.clone(), sel.user.as_ref()));
            let codes: Vec<String> = sel
                .codes
                .iter()
                .filter_map(|g| code_ids.get(g.as_str()).cloned())
                .collect();
            let (mut body, first) = note_text(&sel.notes);
            used_notes.extend(sel.notes.iter().map(String::as_str));
            if !sel.description.is_empty() {
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                body.push_str(&sel.description);
            }
            if codes.is_empty() && body.is_empty() && first.is_none() {
                if !link_ends.contains(sel.guid.as_str()) {
                    empty += 1;
                }
                continue;
            }
            let kind = first
                .and_then(|n| NoteKind::parse(&n.name))
                .unwrap_or(if body.is_empty() {
                    NoteKind::Coding
                } else {
                    NoteKind::Observation
                });
            let created = sel.created.or(first.and_then(|n| n.created)).unwrap_or(now);
            let mut n = Note::new(0, kind, Target::Passage(a), body, created);
            n.codes = codes;
            n.author = author(sel.user.as_ref().or(first.and_then(|n| n.user.as_ref())));
            out.notes.push(n);
        }
        for r in &s.notes {
            if let Some(q) = p.notes.get(r) {
                used_notes.insert(r);
                let kind = NoteKind::parse(&q.name).unwrap_or(NoteKind::Observation);
                let mut n = Note::new(
                    0,
                    kind,
                    Target::Article(article.clone()),
                    q.text.clone(),
                    q.created.unwrap_or(now),
                );
                n.author = author(q.user.as_ref());
                out.notes.push(n);
            }
        }
    }
    if empty > 0 {
        out.report.push(format!(
            "{empty} selection{} with neither a code nor a note",
            if empty == 1 { "" } else { "s" }
        ));
    }
    for l in &p.links {
        let (Some((left, by)), Some((right, _))) = (
            anchors.get(l.origin.as_str()),
            anchors.get(l.target.as_str()),
        ) else {
            out.report.push(format!(
                "The link “{}” joins passages of sources not in the folder",
                l.name
            ));
            continue;
        };
        let (comment, first) = note_text(&l.notes);
        used_notes.extend(l.notes.iter().map(String::as_str));
        let created = first.and_then(|n| n.created).unwrap_or(now);
        out.links.push(ContrastLink {
            id: 0,
            created,
            updated: created,
            left: left.clone(),
            right: right.clone(),
            relation: relation_of(&l.name),
            comment,
            review: None,
            author: author(*by),
        });
    }
    // Notes on the project, and notes nothing refers to, are notes on the study.
    let mut rest: Vec<(&String, &QNote)> = p
        .notes
        .iter()
        .filter(|(g, _)| !used_notes.contains(g.as_str()) && !held.contains(g.as_str()))
        .collect();
    rest.sort_by_key(|(g, n)| (n.created, g.as_str()));
    for (_, q) in rest {
        let kind = NoteKind::parse(&q.name).unwrap_or(NoteKind::Observation);
        let mut n = Note::new(
            0,
            kind,
            Target::Study,
            q.text.clone(),
            q.created.unwrap_or(now),
        );
        n.author = author(q.user.as_ref());
        out.notes.push(n);
    }
    // Notes the study has already are not added again (the project's own notes are all
    // kept, even two alike: they are two notes there). A note that names no author is
    // taken for anybody's: one exported unsigned comes back signed by whoever exported it.
    super::drop_known(&mut out, study, false);
    for u in &out.unmatched {
        out.report.push(format!(
            "The source “{}” is not among the folder's articles ({} passage{} and notes on it not imported)",
            u.name,
            u.passages,
            if u.passages == 1 { "" } else { "s" }
        ));
    }
    out
}

/// Write sources the folder lacks into it as plain-text articles (`NAME.txt`, never over
/// an existing file). Returns the paths written, relative to the folder.
pub fn write_articles(
    folder: &std::path::Path,
    sources: &[Unmatched],
) -> std::io::Result<Vec<String>> {
    let mut written = Vec::new();
    for u in sources {
        let stem: String = u
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || " -_.,()".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect::<String>()
            .trim()
            .trim_matches('.')
            .chars()
            .take(80)
            .collect();
        let stem = if stem.is_empty() {
            "Imported article".to_owned()
        } else {
            stem
        };
        let mut name = format!("{stem}.txt");
        let mut n = 2;
        while folder.join(&name).exists() {
            name = format!("{stem} ({n}).txt");
            n += 1;
        }
        crate::fsutil::atomic_write(&folder.join(&name), u.text.as_bytes())?;
        written.push(name);
    }
    Ok(written)
}

#[cfg(test)]
mod tests;
