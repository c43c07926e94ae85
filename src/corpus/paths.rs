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
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()) || e.path().is_dir())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_lowercase();
            name.starts_with(&lower) && (!name.starts_with('.') || lower.starts_with('.'))
        })
        .map(|e| dir.join(e.file_name()))
        .collect();
    out.sort();
    out.truncate(limit);
    out
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
    fn home_is_expanded() {
        if let Some(home) = std::env::var_os("HOME") {
            assert_eq!(expand_home("~/x"), PathBuf::from(home).join("x"));
        }
        assert_eq!(expand_home("/a/b"), PathBuf::from("/a/b"));
    }
}
