//! Parallax's own files. What Parallax writes into a folder (study files and their copies,
//! backups, locks, exports) must never come back as an article: by name for the files it
//! names itself, and by a mark in the first lines for exports saved under any name.

/// The mark every text export starts with (inside a comment, so Markdown and HTML
/// viewers do not show it).
const MARK: &str = "parallax:generated";

/// How far into a file the mark is looked for.
const HEAD: usize = 1024;

/// The first line of a Markdown or HTML file Parallax writes: `what` says what it is.
pub fn generated_header(what: &str) -> String {
    format!("<!-- {MARK}: {what}. Parallax does not read this file as an article. -->\n")
}

/// Whether the file's first bytes carry Parallax's mark.
pub fn is_generated(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEAD)];
    head.windows(MARK.len()).any(|w| w == MARK.as_bytes())
}

/// Parallax's own file names (study files, their backups, conflict and rescue copies,
/// locks, the names it proposes for exports), REFI-QDA projects (read only by File →
/// Import) and editors' backup files.
pub fn is_own_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".ron")
        || lower.contains(".ron.")
        || lower.ends_with(".rescued")
        || lower.starts_with("parallax-study")
        || lower.starts_with("parallax-notes")
        || lower.ends_with('~')
        || lower.ends_with(".bak")
        || lower.ends_with(".qdpx")
        || lower.ends_with(".qde")
        || lower.ends_with(".jsonld")
        || lower.ends_with(".swp")
}

/// Whether the file at `path` is one Parallax wrote (its name or its mark).
pub fn is_own_file(path: &std::path::Path) -> bool {
    use std::io::Read;
    if path
        .file_name()
        .is_some_and(|n| is_own_name(&n.to_string_lossy()))
    {
        return true;
    }
    let mut head = Vec::with_capacity(HEAD);
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD as u64).read_to_end(&mut head))
        .is_ok_and(|_| is_generated(&head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_carry_the_mark_and_articles_do_not() {
        let export = format!(
            "{}# Study notes\n\nA note.",
            generated_header("study notes")
        );
        assert!(is_generated(export.as_bytes()));
        assert!(!is_generated(
            b"# Iran and the US\n\nAn article about Parallax, the app."
        ));
        // Only the head is looked at: an article quoting the mark far down is still read.
        let late = format!("{}{MARK}", "word ".repeat(400));
        assert!(!is_generated(late.as_bytes()));
    }

    #[test]
    fn own_names_are_recognised() {
        for name in [
            "parallax-study.ron",
            "parallax-study.theirs-20260101-120000.ron",
            "parallax-notes.md",
            "Parallax-Notes (2).md",
            "study.ron.tmp",
            "x.ron.20260101.rescued",
            "draft.md~",
            "Class project.QDPX",
            "project.qde",
        ] {
            assert!(is_own_name(name), "{name}");
        }
        for name in ["article.md", "notes-on-iran.html", "parallax-effect.txt"] {
            assert!(!is_own_name(name), "{name}");
        }
    }
}
