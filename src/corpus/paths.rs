//! Typing a folder path: `~` expansion, validation and completion of existing folders.

use std::path::{Path, PathBuf};

/// Expand a leading `~` to the home directory.
pub fn expand_home(input: &str) -> PathBuf {
    let input = input.trim();
    if let Some(rest) = input.strip_prefix('~')
        && (rest.is_empty() || rest.starts_with('/'))
        && let Some(home) = std::env::var_os("HOME")
    {
        return PathBuf::from(home).join(rest.trim_start_matches('/'));
    }
    PathBuf::from(input)
}

/// Why a typed path cannot be opened, or None when it is an existing folder.
pub fn folder_problem(input: &str) -> Option<String> {
    if input.trim().is_empty() {
        return Some("Type the path of a folder of articles.".into());
    }
    let path = expand_home(input);
    match std::fs::metadata(&path) {
        Ok(m) if m.is_dir() => None,
        Ok(_) => Some("That is a file; Parallax opens the folder that holds it.".into()),
        Err(_) => Some("No folder at this path.".into()),
    }
}

/// Existing folders whose path starts with what was typed (at most `limit`, sorted, hidden
/// folders only when the typed name starts with a dot).
pub fn complete_folder(input: &str, limit: usize) -> Vec<PathBuf> {
    complete_path(input, limit, None)
}

/// Existing folders, and files ending in `.{ext}` when `ext` is given, whose path starts
/// with what was typed (at most `limit`; folders first, each group sorted; hidden entries
/// only when the typed name starts with a dot).
pub fn complete_path(input: &str, limit: usize, ext: Option<&str>) -> Vec<PathBuf> {
    let typed = expand_home(input);
    let as_text = typed.to_string_lossy();
    let (dir, prefix): (PathBuf, String) = if as_text.ends_with('/') {
        (typed.clone(), String::new())
    } else {
        let prefix = typed
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (
            typed
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            prefix,
        )
    };
    let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &dir
    }) else {
        return Vec::new();
    };
    let lower = prefix.to_lowercase();
    let wanted_file = |p: &Path| {
        ext.is_some_and(|ext| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
        })
    };
    let mut out: Vec<(bool, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_lowercase();
            name.starts_with(&lower) && (!name.starts_with('.') || lower.starts_with('.'))
        })
        .filter_map(|e| {
            let path = dir.join(e.file_name());
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir()) || path.is_dir();
            (is_dir || wanted_file(&path)).then_some((!is_dir, path))
        })
        .collect();
    out.sort();
    out.truncate(limit);
    out.into_iter().map(|(_, p)| p).collect()
}

/// What Tab makes of the typed text: the one candidate in full (a folder with a trailing
/// `/`, so the next Tab goes inside it), or the candidates' longest common prefix when
/// that adds to what was typed.
pub fn tab_complete(input: &str, candidates: &[PathBuf]) -> Option<String> {
    if let [only] = candidates {
        return Some(as_typed(only));
    }
    let prefix = common_prefix(candidates)?;
    (prefix.len() > expand_home(input).to_string_lossy().len()).then_some(prefix)
}

/// A path as it goes into the field when chosen: a folder ends in `/`, ready for the next
/// part.
pub fn as_typed(path: &Path) -> String {
    let text = path.display().to_string();
    if path.is_dir() {
        format!("{text}/")
    } else {
        text
    }
}

/// The longest common prefix of the candidates, for Tab completion.
pub fn common_prefix(candidates: &[PathBuf]) -> Option<String> {
    let first = candidates.first()?.to_string_lossy().into_owned();
    let mut len = first.len();
    for c in &candidates[1..] {
        let c = c.to_string_lossy();
        len = first
            .char_indices()
            .zip(c.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(len);
    }
    Some(first[..len].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_existing_folders() {
        let dir = tempfile::tempdir().unwrap();
        for d in ["articles", "archive", "Other", ".hidden"] {
            std::fs::create_dir(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("arfile.txt"), "x").unwrap();
        let typed = format!("{}/ar", dir.path().display());
        let got = complete_folder(&typed, 10);
        assert_eq!(
            got,
            [dir.path().join("archive"), dir.path().join("articles")]
        );
        assert_eq!(
            common_prefix(&got).unwrap(),
            format!("{}/ar", dir.path().display())
        );
        let all = complete_folder(&format!("{}/", dir.path().display()), 10);
        assert_eq!(all.len(), 3, "hidden folders are not offered: {all:?}");
        assert!(folder_problem(&dir.path().display().to_string()).is_none());
        assert!(folder_problem(&format!("{}/nope", dir.path().display())).is_some());
        assert!(
            folder_problem(&format!("{}/arfile.txt", dir.path().display()))
                .unwrap()
                .contains("file")
        );
    }

    #[test]
    fn tab_completes_folders_and_study_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("studies")).unwrap();
        std::fs::write(dir.path().join("study-a.ron"), "()").unwrap();
        std::fs::write(dir.path().join("study-b.ron"), "()").unwrap();
        std::fs::write(dir.path().join("study.txt"), "x").unwrap();
        let root = dir.path().display().to_string();
        // Study files and folders, folders first; other files are not offered.
        let got = complete_path(&format!("{root}/stud"), 10, Some("ron"));
        assert_eq!(
            got,
            [
                dir.path().join("studies"),
                dir.path().join("study-a.ron"),
                dir.path().join("study-b.ron")
            ]
        );
        // Several candidates: the common prefix, only when it adds something.
        assert_eq!(
            tab_complete(&format!("{root}/stud"), &got).as_deref(),
            None,
            "'stud' is already all they share"
        );
        let ron = complete_path(&format!("{root}/study-"), 10, Some("ron"));
        assert_eq!(tab_complete(&format!("{root}/study-"), &ron), None);
        // One folder: completed with a slash, to go on inside it.
        let one = complete_folder(&format!("{root}/st"), 10);
        assert_eq!(
            tab_complete(&format!("{root}/st"), &one),
            Some(format!("{root}/studies/"))
        );
        // One file: completed in full.
        let file = complete_path(&format!("{root}/study-a"), 10, Some("ron"));
        assert_eq!(
            tab_complete(&format!("{root}/study-a"), &file),
            Some(format!("{root}/study-a.ron"))
        );
    }

    #[test]
    fn home_is_expanded() {
        if let Some(home) = std::env::var_os("HOME") {
            assert_eq!(expand_home("~/x"), PathBuf::from(home).join("x"));
        }
        assert_eq!(expand_home("/a/b"), PathBuf::from("/a/b"));
    }
}
