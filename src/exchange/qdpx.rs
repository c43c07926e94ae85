//! REFI-QDA project export (`.qdpx`): a zip of `project.qde` (QDA-XML, namespace
//! `urn:QDA-XML:project:1.0`, valid against `Project-mrt2019.xsd`) and `sources/`, the
//! articles' canonical plain text.
//!
//! What goes where:
//! - each article of the folder is a `TextSource` whose text is `sources/GUID.txt`;
//! - the codebook is the `CodeBook`: frames are codes (colour, description), a frame group
//!   is a parent code that is not itself codable; codes a note uses that the codebook no
//!   longer has are written as codes named by their id;
//! - a note on a passage is a `PlainTextSelection` (positions in code points) with a
//!   `Coding` per code and, when it has text, a `NoteRef` to a `Note` holding that text;
//!   the note's kind (observation, question, contrast, omission) is the note's name;
//! - a note on an article is a `NoteRef` of its `TextSource`, a note on the study one of
//!   the `Project`;
//! - a contrast link is a `Link` from the left passage's selection to the right one's, named
//!   by its relation, with its comment as a note;
//! - every note's author is a `User`, the creator of its selection, codings and note; what
//!   has no author is the exporting reader's (the `user` given).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Write as _};

use jiff::Timestamp;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{ExchangeError, guid, passage_name, xml_safe};
use crate::corpus::Corpus;
use crate::notes::export::Titles;
use crate::notes::model::{Anchor, Note, NoteKind, Study, Target};

/// The QDA-XML namespace.
pub const NAMESPACE: &str = "urn:QDA-XML:project:1.0";

/// A project ready to be packed: the XML, the source files, and what could not be carried.
#[derive(Debug, Clone)]
pub struct Project {
    pub qde: String,
    /// `(file name inside sources/, text)`.
    pub sources: Vec<(String, String)>,
    /// One line per note or link that was not exported, saying why.
    pub left_out: Vec<String>,
    /// Passages written (selections), notes written, links written.
    pub counts: Counts,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub sources: usize,
    pub codes: usize,
    pub selections: usize,
    pub codings: usize,
    pub notes: usize,
    pub links: usize,
}

/// The kind of a note as its name in the project (read back by the import).
pub fn kind_name(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Observation => "Observation",
        NoteKind::Question => "Question",
        NoteKind::Contrast => "Contrast",
        NoteKind::Omission => "Omission",
        NoteKind::Coding => "Coding",
    }
}

struct Selection {
    guid: String,
    name: String,
    start: usize,
    end: usize,
    created: Timestamp,
    modified: Timestamp,
    /// `(coding guid, code guid)`.
    codings: Vec<(String, String)>,
    notes: Vec<String>,
    /// The creating user's guid.
    user: String,
}

struct NoteOut {
    guid: String,
    name: String,
    created: Timestamp,
    modified: Timestamp,
    text: String,
    user: String,
}

struct LinkOut {
    guid: String,
    name: String,
    origin: String,
    target: String,
    note: Option<String>,
}

fn note_guid(n: &Note) -> String {
    guid(&format!("note/{}/{}", n.id, n.created))
}

/// The guid of the user named `name`.
pub fn user_guid(name: &str) -> String {
    guid(&format!("user/{name}"))
}

fn code_guid(id: &str) -> String {
    guid(&format!("code/{id}"))
}

/// Build the project of `study` over the articles of `corpus`. `titles` names the articles
/// (as shown, with corrections); `user` is who made what has no author of its own (the
/// reader exporting); `name` the project's name.
pub fn project(
    study: &Study,
    corpus: &Corpus,
    titles: &Titles,
    user: &str,
    name: &str,
) -> Result<Project, ExchangeError> {
    if corpus.documents.is_empty() {
        return Err(ExchangeError::NoArticles);
    }
    let user = if user.trim().is_empty() {
        super::DEFAULT_USER
    } else {
        user
    };
    let user_guid = user_guid(user);
    // Every author of the study, by guid (the exporting reader first in the file's order).
    let mut users: BTreeMap<String, String> = BTreeMap::new();
    users.insert(user_guid.clone(), user.to_owned());
    let mut author = |name: &str| {
        if name.is_empty() {
            return user_guid.clone();
        }
        let g = self::user_guid(name);
        users.entry(g.clone()).or_insert_with(|| name.to_owned());
        g
    };
    let mut left_out = Vec::new();
    let mut counts = Counts::default();
    let source_guid: Vec<String> = corpus
        .documents
        .iter()
        .map(|d| guid(&format!("source/{}", d.source.rel_path)))
        .collect();
    let mut selections: Vec<Vec<Selection>> = corpus.documents.iter().map(|_| Vec::new()).collect();
    let mut source_notes: Vec<Vec<String>> = corpus.documents.iter().map(|_| Vec::new()).collect();
    let mut project_notes = Vec::new();
    let mut notes: Vec<NoteOut> = Vec::new();
    let mut links: Vec<LinkOut> = Vec::new();
    let mut used_codes: BTreeSet<&str> = BTreeSet::new();

    let place = |a: &Anchor| super::place(a, corpus);
    let missing = |what: String, a: &Anchor| super::not_placed(&what, a);

    for n in &study.notes {
        let has_text = !n.text.trim().is_empty();
        let note_id = note_guid(n);
        let by = author(&n.author);
        let note_out = || NoteOut {
            guid: note_id.clone(),
            name: kind_name(n.kind).to_owned(),
            created: n.created,
            modified: n.updated,
            text: n.text.clone(),
            user: by.clone(),
        };
        match &n.target {
            Target::Passage(a) => {
                let Some((doc, start, end)) = place(a) else {
                    left_out.push(missing(format!("Note {}", n.id), a));
                    continue;
                };
                let codings = n
                    .codes
                    .iter()
                    .map(|c| {
                        used_codes.insert(c);
                        (
                            guid(&format!("coding/{}/{}/{c}", n.id, n.created)),
                            code_guid(c),
                        )
                    })
                    .collect::<Vec<_>>();
                counts.codings += codings.len();
                let mut sel = Selection {
                    guid: guid(&format!("selection/{}/{}", n.id, n.created)),
                    name: passage_name(&a.exact),
                    start,
                    end,
                    created: n.created,
                    modified: n.updated,
                    codings,
                    notes: Vec::new(),
                    user: by.clone(),
                };
                if has_text || n.kind != NoteKind::Coding {
                    sel.notes.push(note_id.clone());
                    notes.push(note_out());
                }
                selections[doc].push(sel);
            }
            Target::Article(path) => match corpus.find(path) {
                Some(doc) => {
                    source_notes[doc].push(note_id.clone());
                    notes.push(note_out());
                }
                None => left_out.push(format!(
                    "Note {} on the article {path}: the article is not in the folder",
                    n.id
                )),
            },
            Target::Study => {
                project_notes.push(note_id.clone());
                notes.push(note_out());
            }
        }
    }

    for l in &study.links {
        let (left, right) = (place(&l.left), place(&l.right));
        let (Some(left), Some(right)) = (left, right) else {
            let gone = if left.is_none() { &l.left } else { &l.right };
            left_out.push(missing(format!("Contrast link {}", l.id), gone));
            continue;
        };
        let base = format!("link/{}/{}", l.id, l.created);
        let by = author(&l.author);
        let mut side = |(doc, start, end): (usize, usize, usize), a: &Anchor, which: &str| {
            let g = guid(&format!("{base}/{which}"));
            selections[doc].push(Selection {
                guid: g.clone(),
                name: passage_name(&a.exact),
                start,
                end,
                created: l.created,
                modified: l.updated,
                codings: Vec::new(),
                notes: Vec::new(),
                user: by.clone(),
            });
            g
        };
        let origin = side(left, &l.left, "left");
        let target = side(right, &l.right, "right");
        let note = (!l.comment.trim().is_empty()).then(|| {
            let g = guid(&format!("{base}/comment"));
            notes.push(NoteOut {
                guid: g.clone(),
                name: format!("Contrast link: {}", l.relation.as_str()),
                created: l.created,
                modified: l.updated,
                text: l.comment.clone(),
                user: by.clone(),
            });
            g
        });
        links.push(LinkOut {
            guid: guid(&base),
            name: l.relation.as_str().to_owned(),
            origin,
            target,
            note,
        });
    }
    for s in &mut selections {
        s.sort_by(|a, b| (a.start, a.end, &a.guid).cmp(&(b.start, b.end, &b.guid)));
    }

    // The codebook: groups as parent codes, then the codes notes use that it lacks.
    let book = study.codebook.as_ref();
    let mut groups: BTreeMap<&str, Vec<&crate::analysis::codebook::Frame>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for f in book.map(|b| b.frames.as_slice()).unwrap_or_default() {
        if !groups.contains_key(f.group.as_str()) {
            order.push(&f.group);
        }
        groups.entry(&f.group).or_default().push(f);
    }
    let known: BTreeSet<&str> = groups.values().flatten().map(|f| f.id.as_str()).collect();
    let unknown: Vec<&str> = used_codes
        .into_iter()
        .filter(|c| !known.contains(c))
        .collect();
    counts.codes = known.len() + unknown.len();

    let earliest = study
        .notes
        .iter()
        .map(|n| n.created)
        .chain(study.links.iter().map(|l| l.created))
        .min();
    let latest = study
        .notes
        .iter()
        .map(|n| n.updated)
        .chain(study.links.iter().map(|l| l.updated))
        .max();

    // Each article's framing worksheet, as a note on the article.
    for (path, entry) in &study.articles {
        if entry.worksheet.is_empty() {
            continue;
        }
        let Some(doc) = corpus.find(path) else {
            left_out.push(format!(
                "The framing worksheet of {path}: the article is not in the folder"
            ));
            continue;
        };
        let g = guid(&format!("worksheet/{path}"));
        let by = entry
            .worksheet
            .answers
            .values()
            .find(|a| !a.author.is_empty())
            .map_or_else(|| user_guid.clone(), |a| author(&a.author));
        let at = latest.unwrap_or_else(Timestamp::now);
        source_notes[doc].push(g.clone());
        notes.push(NoteOut {
            guid: g,
            name: "Framing worksheet".into(),
            created: earliest.unwrap_or(at),
            modified: at,
            text: crate::notes::worksheet::to_markdown(book, &entry.worksheet),
            user: by,
        });
    }

    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let origin = format!("Parallax {}", env!("CARGO_PKG_VERSION"));
    let mut root = w
        .create_element("Project")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("name", &*xml_safe(name)))
        .with_attribute(("origin", origin.as_str()))
        .with_attribute(("creatingUserGUID", user_guid.as_str()));
    let (created, modified) = (
        earliest.map(|t| t.to_string()),
        latest.map(|t| t.to_string()),
    );
    if let (Some(c), Some(m)) = (&created, &modified) {
        root = root
            .with_attribute(("creationDateTime", c.as_str()))
            .with_attribute(("modifyingUserGUID", user_guid.as_str()))
            .with_attribute(("modifiedDateTime", m.as_str()));
    }
    root.write_inner_content(|w| {
        w.create_element("Users").write_inner_content(|w| {
            for (g, name) in &users {
                w.create_element("User")
                    .with_attribute(("guid", g.as_str()))
                    .with_attribute(("name", &*xml_safe(name)))
                    .write_empty()?;
            }
            Ok(())
        })?;
        if !order.is_empty() || !unknown.is_empty() {
            w.create_element("CodeBook").write_inner_content(|w| {
                w.create_element("Codes").write_inner_content(|w| {
                    for g in &order {
                        let frames = &groups[g];
                        if g.is_empty() {
                            for f in frames {
                                write_frame(w, f)?;
                            }
                            continue;
                        }
                        w.create_element("Code")
                            .with_attribute(("guid", guid(&format!("group/{g}")).as_str()))
                            .with_attribute(("name", &*xml_safe(g)))
                            .with_attribute(("isCodable", "false"))
                            .write_inner_content(|w| {
                                for f in frames {
                                    write_frame(w, f)?;
                                }
                                Ok(())
                            })?;
                    }
                    for c in &unknown {
                        w.create_element("Code")
                            .with_attribute(("guid", code_guid(c).as_str()))
                            .with_attribute(("name", &*xml_safe(c)))
                            .with_attribute(("isCodable", "true"))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        }
        w.create_element("Sources").write_inner_content(|w| {
            for (i, doc) in corpus.documents.iter().enumerate() {
                let path = &doc.source.rel_path;
                let title = titles.get(path).map_or(doc.title(), String::as_str);
                let g = &source_guid[i];
                w.create_element("TextSource")
                    .with_attribute(("guid", g.as_str()))
                    .with_attribute(("name", &*xml_safe(title)))
                    .with_attribute(("plainTextPath", format!("internal://{g}.txt").as_str()))
                    .write_inner_content(|w| {
                        w.create_element("Description")
                            .write_text_content(BytesText::new(&xml_safe(&format!(
                                "File: {path}"
                            ))))?;
                        for s in &selections[i] {
                            write_selection(w, s)?;
                        }
                        for n in &source_notes[i] {
                            note_ref(w, n)?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
        if !notes.is_empty() {
            w.create_element("Notes").write_inner_content(|w| {
                for n in &notes {
                    w.create_element("Note")
                        .with_attribute(("guid", n.guid.as_str()))
                        .with_attribute(("name", &*xml_safe(&n.name)))
                        .with_attribute(("creatingUser", n.user.as_str()))
                        .with_attribute(("creationDateTime", n.created.to_string().as_str()))
                        .with_attribute(("modifyingUser", n.user.as_str()))
                        .with_attribute(("modifiedDateTime", n.modified.to_string().as_str()))
                        .write_inner_content(|w| {
                            w.create_element("PlainTextContent")
                                .write_text_content(BytesText::new(&xml_safe(&n.text)))?;
                            Ok(())
                        })?;
                }
                Ok(())
            })?;
        }
        if !links.is_empty() {
            w.create_element("Links").write_inner_content(|w| {
                for l in &links {
                    w.create_element("Link")
                        .with_attribute(("guid", l.guid.as_str()))
                        .with_attribute(("name", l.name.as_str()))
                        .with_attribute(("direction", "OneWay"))
                        .with_attribute(("originGUID", l.origin.as_str()))
                        .with_attribute(("targetGUID", l.target.as_str()))
                        .write_inner_content(|w| {
                            if let Some(n) = &l.note {
                                note_ref(w, n)?;
                            }
                            Ok(())
                        })?;
                }
                Ok(())
            })?;
        }
        for n in &project_notes {
            note_ref(w, n)?;
        }
        Ok(())
    })?;
    let qde = String::from_utf8_lossy(&w.into_inner()).into_owned();

    counts.sources = corpus.documents.len();
    counts.selections = selections.iter().map(Vec::len).sum();
    counts.notes = notes.len();
    counts.links = links.len();
    let sources = corpus
        .documents
        .iter()
        .zip(&source_guid)
        .map(|(d, g)| (format!("{g}.txt"), d.text.to_string()))
        .collect();
    Ok(Project {
        qde,
        sources,
        left_out,
        counts,
    })
}

fn write_frame(
    w: &mut Writer<Vec<u8>>,
    f: &crate::analysis::codebook::Frame,
) -> std::io::Result<()> {
    let mut code = w
        .create_element("Code")
        .with_attribute(("guid", code_guid(&f.id).as_str()))
        .with_attribute(("name", &*xml_safe(&f.name)))
        .with_attribute(("isCodable", "true"));
    if crate::analysis::codebook::parse_hex_color(&f.color).is_some() {
        code = code.with_attribute(("color", f.color.trim()));
    }
    if f.description.trim().is_empty() {
        code.write_empty()?;
    } else {
        code.write_inner_content(|w| {
            w.create_element("Description")
                .write_text_content(BytesText::new(&xml_safe(&f.description)))?;
            Ok(())
        })?;
    }
    Ok(())
}

fn write_selection(w: &mut Writer<Vec<u8>>, s: &Selection) -> std::io::Result<()> {
    let user = s.user.as_str();
    w.create_element("PlainTextSelection")
        .with_attribute(("guid", s.guid.as_str()))
        .with_attribute(("name", &*xml_safe(&s.name)))
        .with_attribute(("startPosition", s.start.to_string().as_str()))
        .with_attribute(("endPosition", s.end.to_string().as_str()))
        .with_attribute(("creatingUser", user))
        .with_attribute(("creationDateTime", s.created.to_string().as_str()))
        .with_attribute(("modifyingUser", user))
        .with_attribute(("modifiedDateTime", s.modified.to_string().as_str()))
        .write_inner_content(|w| {
            for (g, code) in &s.codings {
                w.create_element("Coding")
                    .with_attribute(("guid", g.as_str()))
                    .with_attribute(("creatingUser", user))
                    .with_attribute(("creationDateTime", s.created.to_string().as_str()))
                    .write_inner_content(|w| {
                        w.create_element("CodeRef")
                            .with_attribute(("targetGUID", code.as_str()))
                            .write_empty()?;
                        Ok(())
                    })?;
            }
            for n in &s.notes {
                note_ref(w, n)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn note_ref(w: &mut Writer<Vec<u8>>, target: &str) -> std::io::Result<()> {
    w.create_element("NoteRef")
        .with_attribute(("targetGUID", target))
        .write_empty()?;
    Ok(())
}

/// The project packed as a `.qdpx` zip (entries in a fixed order with a fixed time, so the
/// same study gives the same bytes).
pub fn to_qdpx(p: &Project) -> Result<Vec<u8>, ExchangeError> {
    use zip::write::SimpleFileOptions;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("project.qde", options)?;
    zip.write_all(p.qde.as_bytes())?;
    for (name, text) in &p.sources {
        zip.start_file(format!("sources/{name}"), options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests;
