//! Importing web annotations: a W3C Web Annotation collection (Parallax's own export, or
//! any tool's), a page or list of annotations, and Hypothesis's exports (its JSON export and
//! its API's search results).
//!
//! Each annotation becomes a note anchored by its quote, as the study anchors any note: the
//! `TextQuoteSelector`'s exact text with its prefix and suffix, the `TextPositionSelector`
//! (when there is one) as the place to look first. The article is the folder's article with
//! the annotation's content hash, else the one its source's file name names, else, for a web
//! address, the article holding most of that page's quotes. Where the text differs, the
//! study finds the passage by its words: a close match goes to "To check", a miss to the
//! orphans. Annotations on pages that are not in the folder are listed in the report.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use serde_json::Value;

use super::import::{ImportError, Imported};
use super::w3c::NS;
use crate::corpus::Corpus;
use crate::notes::model::{Anchor, ContrastLink, Note, NoteKind, Relation, Study, Target};

/// One target of an annotation as read.
#[derive(Debug, Clone, Default, PartialEq)]
struct Place {
    source: String,
    hash: Option<String>,
    exact: Option<String>,
    prefix: String,
    suffix: String,
    position: Option<(usize, usize)>,
    /// The target is the folder itself (a note on the study).
    dataset: bool,
}

/// One annotation as read.
#[derive(Debug, Clone, Default, PartialEq)]
struct Annotation {
    text: String,
    tags: Vec<String>,
    /// Parallax's own code ids, when it wrote them.
    codes: Vec<String>,
    author: String,
    created: Option<Timestamp>,
    kind: Option<NoteKind>,
    linking: bool,
    targets: Vec<Place>,
}

/// Annotations read from a file.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    items: Vec<Annotation>,
    /// Items that were not annotations (or had no target), skipped.
    pub skipped: usize,
}

impl Annotations {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

fn as_list(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        v => vec![v],
    }
}

fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn types(v: &Value) -> Vec<&str> {
    as_list(&v["type"])
        .into_iter()
        .chain(as_list(&v["@type"]))
        .filter_map(Value::as_str)
        .collect()
}

/// Read annotations from JSON text.
pub fn read(bytes: &[u8]) -> Result<Annotations, ImportError> {
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|e| ImportError::NotAProject(format!("it is not JSON: {e}")))?;
    // Hypothesis: {"annotations": [...]} (its export) or {"rows": [...]} (its API).
    let items: Vec<&Value> = if let Some(a) = v.get("annotations").or_else(|| v.get("rows")) {
        as_list(a)
    } else if types(&v).contains(&"AnnotationCollection") {
        let first = &v["first"];
        if first.is_string() {
            return Err(ImportError::NotAProject(
                "the collection's annotations are on the web, not in the file: save its pages first"
                    .into(),
            ));
        }
        as_list(&first["items"])
    } else if types(&v).contains(&"AnnotationPage") {
        as_list(&v["items"])
    } else {
        as_list(&v)
    };
    let mut out = Annotations::default();
    for item in items {
        match annotation(item) {
            Some(a) => out.items.push(a),
            None => out.skipped += 1,
        }
    }
    if out.items.is_empty() {
        return Err(ImportError::NotAProject(
            "it holds no W3C or Hypothesis annotations with a target Parallax can read".into(),
        ));
    }
    Ok(out)
}

fn annotation(v: &Value) -> Option<Annotation> {
    if !v.is_object() {
        return None;
    }
    let hypothesis = v.get("uri").is_some() || v.get("user").is_some_and(Value::is_string);
    let w3c = types(v).contains(&"Annotation");
    if !hypothesis && !w3c {
        return None;
    }
    let mut a = Annotation {
        created: v["created"].as_str().and_then(|t| t.parse().ok()),
        ..Annotation::default()
    };
    // Who: a W3C creator (a name, or a person with a name), or Hypothesis's account.
    a.author = match &v["creator"] {
        Value::String(s) => s.clone(),
        c @ Value::Object(_) => string(&c["name"])
            .or_else(|| string(&c["nickname"]))
            .unwrap_or_default(),
        _ => v["user_info"]["display_name"]
            .as_str()
            .map(str::to_owned)
            .or_else(|| {
                // "acct:ana@hypothes.is" → "ana".
                v["user"].as_str().map(|u| {
                    let u = u.strip_prefix("acct:").unwrap_or(u);
                    u.split('@').next().unwrap_or(u).to_owned()
                })
            })
            .unwrap_or_default(),
    };
    a.author = super::author_named(&a.author);
    // What it says: Hypothesis's text and tags, or the W3C bodies.
    if let Some(t) = v["text"].as_str() {
        a.text = t.trim().to_owned();
    }
    a.tags
        .extend(as_list(&v["tags"]).into_iter().filter_map(string));
    if let Some(t) = v["bodyValue"].as_str() {
        a.text = t.trim().to_owned();
    }
    let motivation = v["motivation"].as_str().unwrap_or_default();
    a.linking = motivation == "linking";
    for b in as_list(&v["body"]) {
        let value = match b {
            Value::String(s) => s.clone(),
            b => string(&b["value"]).unwrap_or_default(),
        };
        let purpose = b["purpose"].as_str().unwrap_or_default();
        if purpose == "tagging" || purpose == "classifying" {
            if let Some(code) = b[format!("{NS}code")].as_str() {
                a.codes.push(code.to_owned());
            } else if !value.trim().is_empty() {
                a.tags.push(value.trim().to_owned());
            }
        } else if !value.trim().is_empty() {
            if !a.text.is_empty() {
                a.text.push_str("\n\n");
            }
            a.text.push_str(value.trim());
        }
    }
    a.kind = v[format!("{NS}kind")]
        .as_str()
        .and_then(NoteKind::parse)
        .or(match motivation {
            "questioning" => Some(NoteKind::Question),
            _ => None,
        });
    let page = v["uri"].as_str().unwrap_or_default();
    for t in as_list(&v["target"]) {
        let mut p = Place::default();
        match t {
            Value::String(s) => p.source = s.clone(),
            t => {
                p.dataset = types(t).contains(&"Dataset");
                p.source = match &t["source"] {
                    Value::String(s) => s.clone(),
                    s @ Value::Object(_) => {
                        p.hash = string(&s[format!("{NS}contentHash")]);
                        string(&s["id"]).unwrap_or_default()
                    }
                    // A W3C target without a source is the resource itself.
                    _ => string(&t["id"]).unwrap_or_else(|| page.to_owned()),
                };
                for s in as_list(&t["selector"]) {
                    let kinds = types(s);
                    if kinds.contains(&"TextQuoteSelector") {
                        p.exact = string(&s["exact"]);
                        p.prefix = string(&s["prefix"]).unwrap_or_default();
                        p.suffix = string(&s["suffix"]).unwrap_or_default();
                    } else if kinds.contains(&"TextPositionSelector")
                        && let (Some(st), Some(en)) = (s["start"].as_u64(), s["end"].as_u64())
                    {
                        p.position = Some((st.min(en) as usize, st.max(en) as usize));
                    }
                }
            }
        }
        if p.source.is_empty() {
            p.source = page.to_owned();
        }
        a.targets.push(p);
    }
    if a.targets.is_empty() && !page.is_empty() {
        a.targets.push(Place {
            source: page.to_owned(),
            ..Place::default()
        });
    }
    (!a.targets.is_empty()).then_some(a)
}

/// The file name a source names (`file:///…/a.txt` → `a.txt`), percent-decoded.
fn file_name(source: &str) -> Option<String> {
    let url = url::Url::parse(source).ok()?;
    if url.scheme() == "file" {
        let path = url.to_file_path().ok()?;
        return path.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    None
}

/// Which article each source is: by content hash, by file path or name, or by the quotes
/// its annotations make (the article holding most of them).
fn articles(items: &[Annotation], corpus: &Corpus) -> HashMap<String, usize> {
    let docs = &corpus.documents;
    let mut out = HashMap::new();
    let mut quotes: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in items.iter().flat_map(|a| &a.targets) {
        if out.contains_key(&p.source) {
            continue;
        }
        let by_hash = p
            .hash
            .as_ref()
            .and_then(|h| docs.iter().position(|d| &d.hash.0 == h));
        let by_path = || {
            let root = std::path::absolute(&corpus.root).unwrap_or_else(|_| corpus.root.clone());
            let path = url::Url::parse(&p.source).ok()?.to_file_path().ok()?;
            let rel = path
                .strip_prefix(&root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            corpus.find(&rel)
        };
        let by_name = || {
            let name = file_name(&p.source)?;
            let mut same = docs
                .iter()
                .enumerate()
                .filter(|(_, d)| d.source.rel_path.rsplit('/').next() == Some(name.as_str()));
            let first = same.next()?;
            same.next().is_none().then_some(first.0)
        };
        if let Some(i) = by_hash.or_else(by_path).or_else(by_name) {
            out.insert(p.source.clone(), i);
        } else if let Some(q) = &p.exact
            && !q.trim().is_empty()
        {
            quotes.entry(&p.source).or_default().push(q);
        }
    }
    for (source, qs) in quotes {
        if out.contains_key(source) {
            continue;
        }
        let best = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (i, qs.iter().filter(|q| d.text.contains(**q)).count()))
            .filter(|(_, n)| *n > 0)
            .max_by_key(|(i, n)| (*n, std::cmp::Reverse(*i)));
        if let Some((i, _)) = best {
            out.insert(source.to_owned(), i);
        }
    }
    out
}

/// The anchor of a target in article `doc`: its quote and context, and where to look first
/// (its position, else where the quote is in the text as it is).
fn anchor(p: &Place, doc: &crate::document::Document) -> Anchor {
    let same_text = p.hash.as_deref() == Some(doc.hash.0.as_str());
    let chars = || doc.text.chars().count();
    let exact = match (&p.exact, p.position) {
        (Some(e), _) => e.clone(),
        (None, Some((s, e))) if e <= chars() => {
            doc.text[doc.byte_offset(s)..doc.byte_offset(e)].to_owned()
        }
        _ => String::new(),
    };
    let (start, end) = match p.position {
        Some(pos) => pos,
        None => match (!exact.is_empty()).then(|| doc.text.find(&exact)).flatten() {
            Some(b) => {
                let s = doc.char_offset(b);
                (s, s + exact.chars().count())
            }
            None => (0, 0),
        },
    };
    Anchor {
        article: doc.source.rel_path.clone(),
        // Only a hash that is this text's lets the position stand without its quote.
        content_hash: if same_text {
            doc.hash.0.clone()
        } else {
            String::new()
        },
        start,
        end,
        exact,
        prefix: p.prefix.clone(),
        suffix: p.suffix.clone(),
    }
}

/// Turn annotations into notes and links of `study` over the folder's `corpus`. Tags become
/// codes (frames of the same name, or new frames in the group "Imported tags").
pub fn into_study(a: &Annotations, study: &Study, corpus: &Corpus, now: Timestamp) -> Imported {
    let mut out = Imported::default();
    let where_ = articles(&a.items, corpus);
    let mut book = study.codebook.clone().unwrap_or_default();
    let mut code = |tag: &str, out: &mut Imported| -> String {
        if let Some(f) = book
            .frames
            .iter()
            .find(|f| f.id == tag || f.name.eq_ignore_ascii_case(tag))
        {
            return f.id.clone();
        }
        let mut f = book.new_frame();
        f.id = book.fresh_id(tag);
        f.name = tag.to_owned();
        f.group = "Imported tags".into();
        f.questions.clear();
        out.add_frame(&mut book, f)
    };
    let mut elsewhere: BTreeMap<&str, usize> = BTreeMap::new();
    for item in &a.items {
        let created = item.created.unwrap_or(now);
        if item.targets.iter().all(|t| t.dataset) {
            let mut n = Note::new(
                0,
                item.kind.unwrap_or(NoteKind::Observation),
                Target::Study,
                item.text.clone(),
                created,
            );
            n.author = item.author.clone();
            out.notes.push(n);
            continue;
        }
        let placed: Vec<Option<usize>> = item
            .targets
            .iter()
            .map(|t| where_.get(&t.source).copied())
            .collect();
        if placed.iter().any(Option::is_none) {
            for (t, p) in item.targets.iter().zip(&placed) {
                if p.is_none() {
                    *elsewhere.entry(&t.source).or_default() += 1;
                }
            }
            continue;
        }
        let placed: Vec<usize> = placed.into_iter().flatten().collect();
        let mut codes: Vec<String> = item.codes.clone();
        for t in &item.tags {
            if item.linking && Relation::parse(t).is_some() {
                continue;
            }
            let c = code(t, &mut out);
            if !codes.contains(&c) {
                codes.push(c);
            }
        }
        let docs = &corpus.documents;
        if item.linking && item.targets.len() == 2 {
            let left = anchor(&item.targets[0], &docs[placed[0]]);
            let right = anchor(&item.targets[1], &docs[placed[1]]);
            let relation = item
                .tags
                .iter()
                .find_map(|t| Relation::parse(t))
                .unwrap_or(Relation::SameClaim);
            out.links.push(ContrastLink {
                id: 0,
                created,
                updated: created,
                left,
                right,
                relation,
                comment: item.text.clone(),
                review: None,
                author: item.author.clone(),
            });
            continue;
        }
        let t = &item.targets[0];
        let doc = &docs[placed[0]];
        let target = if t.exact.is_some() || t.position.is_some() {
            Target::Passage(anchor(t, doc))
        } else {
            Target::Article(doc.source.rel_path.clone())
        };
        let kind = item.kind.unwrap_or(if item.text.is_empty() {
            NoteKind::Coding
        } else {
            NoteKind::Observation
        });
        let mut n = Note::new(0, kind, target, item.text.clone(), created);
        n.codes = codes;
        n.author = item.author.clone();
        out.notes.push(n);
    }
    let mut matched: Vec<(usize, &str)> = where_.iter().map(|(s, i)| (*i, s.as_str())).collect();
    matched.sort_unstable();
    for (i, s) in matched {
        out.matched.push((
            s.to_owned(),
            corpus.documents[i].source.rel_path.clone(),
            "the same page",
        ));
    }
    if a.skipped > 0 {
        out.report.push(format!(
            "{} item{} that {} not an annotation with a target",
            a.skipped,
            if a.skipped == 1 { "" } else { "s" },
            if a.skipped == 1 { "is" } else { "are" }
        ));
    }
    for (source, n) in elsewhere {
        out.report.push(format!(
            "{n} annotation{} on {source}: a page that is not among the folder's articles (save it into the folder, then import again)",
            if n == 1 { "" } else { "s" }
        ));
    }
    super::drop_known(&mut out, study, false);
    out
}

#[cfg(test)]
mod tests;
