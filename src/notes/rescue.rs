//! Rescued copies: the notes written somewhere else when the study could not be saved (on
//! quit, or edits from an interrupted session that no longer fit the file), found again and
//! offered the next time the study opens — to restore, to compare, or to put away.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::history::Edit;
use super::model::{NoteKind, Study};
use super::session::differences;
use super::store;

/// The folder in Parallax's data folder where rescued copies go.
pub const RESCUE_DIR: &str = "rescued";
/// What rescued copies are called: `STEM.unsaved-TIME.ron`.
pub const SUFFIX: &str = "unsaved";

/// A short key for a study path, so copies in the data folder can be told apart by study.
fn key(study: Option<&Path>) -> String {
    match study {
        Some(p) => {
            let p = fs::canonicalize(p)
                .or_else(|_| {
                    p.parent()
                        .map(|d| {
                            fs::canonicalize(d).map(|d| d.join(p.file_name().unwrap_or_default()))
                        })
                        .unwrap_or_else(|| Ok(p.to_owned()))
                })
                .unwrap_or_else(|_| p.to_owned());
            blake3::hash(p.as_os_str().as_encoded_bytes()).to_hex()[..12].to_owned()
        }
        None => "in-memory".to_owned(),
    }
}

fn stem(study: Option<&Path>) -> String {
    study
        .and_then(|p| p.file_stem())
        .map_or_else(|| "study".to_owned(), |n| n.to_string_lossy().into_owned())
}

/// Where a rescued copy of `study` goes in the data folder.
pub fn data_copy_path(data_dir: &Path, study: Option<&Path>) -> PathBuf {
    let name = Path::new(&format!("{}-{}.ron", key(study), stem(study))).to_owned();
    store::copy_path(&data_dir.join(RESCUE_DIR).join(name), SUFFIX)
}

/// Write a rescued copy: in the data folder first (where the next launch looks, and which
/// is writable when the study's own folder is not), else next to the study, else in the
/// temporary folder. Returns where it went.
pub fn write(
    study: &Study,
    study_path: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<PathBuf, super::session::FileError> {
    let mut places: Vec<PathBuf> = Vec::new();
    if let Some(d) = data_dir {
        places.push(data_copy_path(d, study_path));
    }
    if let Some(p) = study_path {
        places.push(store::copy_path(p, SUFFIX));
    }
    places.push(data_copy_path(
        &std::env::temp_dir().join("parallax"),
        study_path,
    ));
    let text = study.to_ron();
    let mut errors = Vec::new();
    for path in places {
        if let Some(dir) = path.parent() {
            let _ = fs::create_dir_all(dir);
        }
        match crate::fsutil::atomic_write(&path, text.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    Err(super::session::FileError::NowhereToRescue(
        errors.join("; "),
    ))
}

/// A rescued copy found for the study being opened.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub path: PathBuf,
    pub study: Study,
    pub written: Option<SystemTime>,
}

impl Offer {
    /// Notes and links in the copy.
    pub fn count(&self) -> usize {
        self.study.notes.len() + self.study.links.len()
    }
}

/// Rescued copies of `study_path` (next to it, in the data folder and in the temporary
/// folder), newest first. Copies that do not parse are left where they are, unoffered.
pub fn find(study_path: Option<&Path>, data_dir: Option<&Path>) -> Vec<Offer> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut scan = |dir: &Path, prefix: &str| {
        if let Ok(entries) = fs::read_dir(dir) {
            for e in entries.filter_map(Result::ok) {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with(prefix) && name.ends_with(".ron") && !name.starts_with('.') {
                    files.push(e.path());
                }
            }
        }
    };
    if let Some(p) = study_path
        && let Some(dir) = p.parent()
    {
        scan(dir, &format!("{}.{SUFFIX}-", stem(study_path)));
    }
    let in_data = format!("{}-{}.{SUFFIX}-", key(study_path), stem(study_path));
    if let Some(d) = data_dir {
        scan(&d.join(RESCUE_DIR), &in_data);
    }
    scan(
        &std::env::temp_dir().join("parallax").join(RESCUE_DIR),
        &in_data,
    );
    let mut offers: Vec<Offer> = files
        .into_iter()
        .filter_map(|path| {
            let text = fs::read_to_string(&path).ok()?;
            let study = store::parse(&text).ok()?;
            let written = fs::metadata(&path).and_then(|m| m.modified()).ok();
            Some(Offer {
                path,
                study,
                written,
            })
        })
        .collect();
    offers.sort_by(|a, b| b.written.cmp(&a.written).then(b.path.cmp(&a.path)));
    offers
}

/// Put a copy away once the reader has dealt with it: into the study's backup folder (so
/// it is kept like a backup and thinned with them), never deleted outright.
pub fn put_away(offer: &Offer, study_path: Option<&Path>) -> io::Result<PathBuf> {
    let dir = match study_path {
        Some(p) => store::backup_dir(p),
        None => offer
            .path
            .parent()
            .unwrap_or(Path::new("."))
            .join("dealt-with"),
    };
    fs::create_dir_all(&dir)?;
    let name = study_path
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "study".into());
    // Named like a backup made now, so it sorts among them by time.
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let target = dir.join(format!("{name}.{stamp}-{nanos:09}.rescued"));
    if fs::rename(&offer.path, &target).is_err() {
        fs::copy(&offer.path, &target)?;
        fs::remove_file(&offer.path)?;
    }
    Ok(target)
}

/// How a rescued copy differs from the study: one line per note or link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// In the copy only: restoring adds it.
    OnlyInCopy(String),
    /// In the study only: restoring removes it.
    OnlyInStudy(String),
    /// In both, changed: restoring brings back the copy's version.
    Changed { study: String, copy: String },
}

fn describe_note(n: &super::model::Note) -> String {
    let what = if n.kind == NoteKind::Coding {
        format!("code {}", n.codes.join(", "))
    } else {
        n.text.clone()
    };
    match n.anchor() {
        Some(a) => format!(
            "“{}” — {what}",
            crate::document::text::preview(&a.exact, 60)
        ),
        None => what,
    }
}

fn describe_link(l: &super::model::ContrastLink) -> String {
    format!(
        "link “{}” ↔ “{}” ({})",
        crate::document::text::preview(&l.left.exact, 40),
        crate::document::text::preview(&l.right.exact, 40),
        l.relation.as_str()
    )
}

/// What restoring `copy` over `study` would change.
pub fn compare(study: &Study, copy: &Study) -> Vec<Difference> {
    differences(study, copy)
        .into_iter()
        .filter_map(|e| match e {
            Edit::AddNote(n) => Some(Difference::OnlyInCopy(describe_note(&n))),
            Edit::RemoveNote(n) => Some(Difference::OnlyInStudy(describe_note(&n))),
            Edit::UpdateNote { before, after } => Some(Difference::Changed {
                study: describe_note(&before),
                copy: describe_note(&after),
            }),
            Edit::AddLink(l) => Some(Difference::OnlyInCopy(describe_link(&l))),
            Edit::RemoveLink(l) => Some(Difference::OnlyInStudy(describe_link(&l))),
            Edit::UpdateLink { before, after } => Some(Difference::Changed {
                study: describe_link(&before),
                copy: describe_link(&after),
            }),
            // Articles' recorded versions differ all the time; corrections are shown.
            Edit::SetArticle {
                path,
                before,
                after,
            } => {
                let c = |e: &Option<super::model::ArticleEntry>| {
                    e.as_ref()
                        .map(|e| e.corrections.clone())
                        .unwrap_or_default()
                };
                (c(&before) != c(&after)).then(|| Difference::Changed {
                    study: format!("details of {path}"),
                    copy: format!("details of {path} as corrected in the copy"),
                })
            }
            // `differences` never sets the codebook: a copy's codebook is not restored.
            Edit::SetCodebook { .. } => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::{Note, Target};
    use std::sync::Arc;

    fn study(texts: &[&str]) -> Study {
        Study {
            notes: texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    Arc::new(Note::new(
                        i as u64 + 1,
                        NoteKind::Observation,
                        Target::Study,
                        *t,
                        jiff::Timestamp::UNIX_EPOCH,
                    ))
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_copy_goes_to_the_data_folder_and_is_found_for_its_study_only() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let articles = dir.path().join("articles");
        fs::create_dir(&articles).unwrap();
        let path = articles.join(store::DEFAULT_NAME);
        let copy = write(&study(&["kept"]), Some(&path), Some(&data)).unwrap();
        assert!(copy.starts_with(&data), "{}", copy.display());
        let offers = find(Some(&path), Some(&data));
        assert_eq!(offers.len(), 1);
        assert_eq!(offers[0].study.notes[0].text, "kept");
        // Another study's copies are not offered here.
        let other = dir.path().join("other/parallax-study.ron");
        assert!(find(Some(&other), Some(&data)).is_empty());
        // Put away: no longer offered, and kept in the backup folder.
        let away = put_away(&offers[0], Some(&path)).unwrap();
        assert!(away.starts_with(articles.join(store::BACKUP_DIR)));
        assert!(away.exists());
        assert!(find(Some(&path), Some(&data)).is_empty());
    }

    #[test]
    fn without_a_data_folder_the_copy_goes_next_to_the_study() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(store::DEFAULT_NAME);
        let copy = write(&study(&["a"]), Some(&path), None).unwrap();
        assert_eq!(copy.parent(), Some(dir.path()));
        assert_eq!(find(Some(&path), None).len(), 1);
    }

    #[test]
    fn comparing_names_what_restoring_would_change() {
        let now = study(&["same", "mine only"]);
        let mut copy = study(&["same", "changed in the copy", "copy only"]);
        Arc::make_mut(&mut copy.notes[1]).id = 2;
        let d = compare(&now, &copy);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.contains(&Difference::OnlyInCopy("copy only".into())));
        assert!(d.iter().any(
            |x| matches!(x, Difference::Changed { copy, .. } if copy == "changed in the copy")
        ));
    }
}
