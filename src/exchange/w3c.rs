//! Notes as a W3C Web Annotation `AnnotationCollection` (JSON-LD, the model Hypothesis and
//! other annotation tools speak).
//!
//! Each note is an `Annotation`: its text a `TextualBody` (purpose `commenting`), each code a
//! `TextualBody` with purpose `tagging` (the frame's name), and a target naming the article
//! by its file URI with both a `TextQuoteSelector` (exact, prefix, suffix) and a
//! `TextPositionSelector` (code points of the canonical text). A note on an article targets
//! the article; a note on the study targets the folder. A contrast link is an annotation
//! with motivation `linking` and two targets, its relation a tag and its comment the text.
//! The article's content hash and the note's Parallax kind travel as properties in
//! Parallax's own namespace, which other tools ignore.

use serde_json::{Value, json};

use super::{DEFAULT_USER, guid, not_placed, place};
use crate::analysis::codebook::code_name;
use crate::corpus::Corpus;
use crate::notes::anchor::anchor_for;
use crate::notes::export::Titles;
use crate::notes::model::{Anchor, NoteKind, Study, Target};

/// The namespace of Parallax's own properties.
pub const NS: &str = "https://parallax.study/ns#";

/// The collection, and one line per note or link that could not be exported.
#[derive(Debug, Clone)]
pub struct Collection {
    pub json: Value,
    pub left_out: Vec<String>,
}

fn file_uri(corpus: &Corpus, rel: &str) -> String {
    let path = corpus.root.join(rel);
    let abs = std::path::absolute(&path).unwrap_or(path);
    url::Url::from_file_path(&abs)
        .map_or_else(|()| format!("file://{}", abs.display()), |u| u.to_string())
}

fn motivation(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Question => "questioning",
        NoteKind::Coding => "tagging",
        NoteKind::Observation | NoteKind::Contrast | NoteKind::Omission => "commenting",
    }
}

/// The target of a passage: the article and both selectors (None when it is gone).
fn passage_target(a: &Anchor, corpus: &Corpus, titles: &Titles) -> Option<Value> {
    let (doc, start, end) = place(a, corpus)?;
    let d = &corpus.documents[doc];
    // The quote as the text has it now, with its context.
    let now = anchor_for(d, d.byte_offset(start)..d.byte_offset(end));
    Some(json!({
        "source": source(corpus, doc, titles),
        "selector": [
            {"type": "TextQuoteSelector", "exact": now.exact, "prefix": now.prefix, "suffix": now.suffix},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }))
}

fn source(corpus: &Corpus, doc: usize, titles: &Titles) -> Value {
    let d = &corpus.documents[doc];
    let path = &d.source.rel_path;
    json!({
        "id": file_uri(corpus, path),
        "type": "Text",
        "format": "text/plain",
        "title": titles.get(path).map_or(d.title(), String::as_str),
        format!("{NS}contentHash"): d.hash.0,
    })
}

/// The study's notes and links as one `AnnotationCollection`.
pub fn collection(study: &Study, corpus: &Corpus, titles: &Titles, user: &str) -> Collection {
    let fallback = if user.is_empty() { DEFAULT_USER } else { user };
    let creator = |author: &str| json!({"type": "Person", "name": if author.is_empty() { fallback } else { author }});
    let mut items = Vec::new();
    let mut left_out = Vec::new();
    for n in &study.notes {
        let target = match &n.target {
            Target::Passage(a) => match passage_target(a, corpus, titles) {
                Some(t) => t,
                None => {
                    left_out.push(not_placed(&format!("Note {}", n.id), a));
                    continue;
                }
            },
            Target::Article(path) => match corpus.find(path) {
                Some(doc) => source(corpus, doc, titles),
                None => {
                    left_out.push(format!(
                        "Note {} on the article {path}: the article is not in the folder",
                        n.id
                    ));
                    continue;
                }
            },
            Target::Study => json!({"id": file_uri(corpus, ""), "type": "Dataset"}),
        };
        let mut body: Vec<Value> = Vec::new();
        if !n.text.trim().is_empty() {
            body.push(json!({
                "type": "TextualBody", "value": n.text, "format": "text/plain",
                "purpose": "commenting",
            }));
        }
        for c in &n.codes {
            body.push(json!({
                "type": "TextualBody", "value": code_name(study.codebook.as_ref(), c), "purpose": "tagging",
                format!("{NS}code"): c,
            }));
        }
        items.push(json!({
            "id": format!("urn:uuid:{}", guid(&format!("note/{}/{}", n.id, n.created))),
            "type": "Annotation",
            "motivation": motivation(n.kind),
            "created": n.created.to_string(),
            "modified": n.updated.to_string(),
            "creator": creator(&n.author),
            "body": body,
            "target": target,
            format!("{NS}kind"): n.kind.as_str(),
        }));
    }
    for l in &study.links {
        let left = passage_target(&l.left, corpus, titles);
        let right = passage_target(&l.right, corpus, titles);
        let gone = if left.is_none() { &l.left } else { &l.right };
        let (Some(left), Some(right)) = (left, right) else {
            left_out.push(not_placed(&format!("Contrast link {}", l.id), gone));
            continue;
        };
        let mut body = vec![json!({
            "type": "TextualBody", "value": l.relation.as_str(), "purpose": "tagging",
        })];
        if !l.comment.trim().is_empty() {
            body.push(json!({
                "type": "TextualBody", "value": l.comment, "format": "text/plain",
                "purpose": "commenting",
            }));
        }
        items.push(json!({
            "id": format!("urn:uuid:{}", guid(&format!("link/{}/{}", l.id, l.created))),
            "type": "Annotation",
            "motivation": "linking",
            "created": l.created.to_string(),
            "modified": l.updated.to_string(),
            "creator": creator(&l.author),
            "body": body,
            "target": [left, right],
        }));
    }
    let label = if study.title.trim().is_empty() {
        "Parallax study notes"
    } else {
        study.title.as_str()
    };
    let json = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:uuid:{}", guid(&format!("collection/{}", file_uri(corpus, "")))),
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    Collection { json, left_out }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::notes::model::{ContrastLink, Note, Relation};

    const TEXT: &str = "“Quoted” words — then Kerry denied coordination with Tehran.";

    #[test]
    fn a_note_is_an_annotation_with_both_selectors_in_code_points() {
        let c = Corpus::from_memory(
            "/study",
            &[("a.txt", TEXT.as_bytes()), ("b.txt", b"Other.")],
        );
        let d = &c.documents[0];
        let i = d.text.find("Kerry denied").unwrap();
        let anchor = anchor_for(d, i..i + "Kerry denied".len());
        let at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let mut note = Note::new(
            1,
            NoteKind::Question,
            Target::Passage(anchor.clone()),
            "Why?",
            at,
        );
        note.codes = vec!["engagement".into()];
        let other = anchor_for(&c.documents[1], 0..5);
        let study = Study {
            notes: vec![
                Arc::new(note),
                Arc::new(Note::new(
                    2,
                    NoteKind::Observation,
                    Target::Study,
                    "All.",
                    at,
                )),
            ],
            links: vec![Arc::new(ContrastLink {
                id: 3,
                created: at,
                updated: at,
                left: anchor,
                right: other,
                relation: Relation::Softens,
                comment: String::new(),
                review: None,
                author: String::new(),
            })],
            ..Study::default()
        };
        let out = collection(&study, &c, &Titles::new(), "Ada");
        assert!(out.left_out.is_empty());
        let v = &out.json;
        assert_eq!(v["type"], "AnnotationCollection");
        assert_eq!(v["total"], 3);
        let a = &v["first"]["items"][0];
        assert_eq!(a["type"], "Annotation");
        assert_eq!(a["motivation"], "questioning");
        assert_eq!(a["creator"]["name"], "Ada");
        assert_eq!(a["body"][0]["value"], "Why?");
        assert_eq!(a["body"][1]["purpose"], "tagging");
        assert_eq!(
            a["body"][1]["value"], "engagement",
            "a code the codebook lacks: its id"
        );
        let sel = &a["target"]["selector"];
        assert_eq!(sel[0]["exact"], "Kerry denied");
        assert_eq!(sel[0]["prefix"], "“Quoted” words — then ");
        let start = TEXT[..i].chars().count();
        assert_eq!(sel[1]["start"], start);
        assert_eq!(sel[1]["end"], start + 12);
        assert_ne!(start, i, "code points, not bytes");
        let source = &a["target"]["source"];
        assert!(source["id"].as_str().unwrap().starts_with("file:///"));
        assert!(source["id"].as_str().unwrap().ends_with("/study/a.txt"));
        assert_eq!(source[format!("{NS}contentHash")], c.documents[0].hash.0);
        assert_eq!(a[format!("{NS}kind")], "question");
        // The study note targets the folder; the link has both passages.
        assert_eq!(v["first"]["items"][1]["target"]["type"], "Dataset");
        let link = &v["first"]["items"][2];
        assert_eq!(link["motivation"], "linking");
        assert_eq!(link["target"].as_array().unwrap().len(), 2);
        assert_eq!(link["body"][0]["value"], "softens");
        // The same study gives the same ids.
        let again = collection(&study, &c, &Titles::new(), "Ada");
        assert_eq!(again.json, out.json);
    }
}
