//! The summary card of an article, written from the numbers (never from a model): its
//! leading frames, its most-quoted voices, its most distinctive words.

use serde::Serialize;

use super::codebook::Codebook;
use super::quotes::voices;
use super::terms::TermScore;
use super::{DocAnalysis, Scope};

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// (frame name, hits per 1,000 words), strongest first.
    pub leading_frames: Vec<(String, f64)>,
    /// (speaker, quotes, share of quoted words).
    pub voices: Vec<(String, usize, f64)>,
    pub distinctive: Vec<String>,
    pub hedges_per_1000: f64,
    pub boosters_per_1000: f64,
    /// The card as sentences.
    pub text: String,
}

pub fn summarize(
    analysis: &DocAnalysis,
    codebook: &Codebook,
    distinctive: &[TermScore],
) -> Summary {
    let mut frames: Vec<(String, f64)> = analysis
        .frames
        .stats
        .iter()
        .enumerate()
        .filter(|(_, s)| s.article_hits > 0)
        .filter_map(|(i, s)| {
            codebook
                .frames
                .get(i)
                .map(|f| (f.name.clone(), s.article_per_1000))
        })
        .collect();
    frames.sort_by(|a, b| b.1.total_cmp(&a.1));
    frames.truncate(3);
    let v: Vec<(String, usize, f64)> = voices(&analysis.quotes, Scope::Article)
        .into_iter()
        .filter(|v| v.speaker != "(unattributed)")
        .take(3)
        .map(|v| (v.speaker, v.quotes, v.share))
        .collect();
    let words: Vec<String> = distinctive.iter().take(5).map(|t| t.term.clone()).collect();
    let hedges = analysis.stance.article.hedges_per_1000();
    let boosters = analysis.stance.article.boosters_per_1000();

    let mut text = String::new();
    if frames.is_empty() {
        text.push_str("No frame of this codebook is cued in the article. ");
    } else {
        let list: Vec<String> = frames
            .iter()
            .map(|(n, d)| format!("{n} ({d:.1} per 1,000 words)"))
            .collect();
        text.push_str(&format!("Leans on {}. ", join_and(&list)));
    }
    if v.is_empty() {
        text.push_str("Quotes no one. ");
    } else {
        let list: Vec<String> = v
            .iter()
            .map(|(s, n, share)| {
                format!(
                    "{s} ({n} quote{}, {:.0}% of quoted words)",
                    if *n == 1 { "" } else { "s" },
                    share * 100.0
                )
            })
            .collect();
        text.push_str(&format!("Most quoted: {}. ", join_and(&list)));
        // Whose voice it carries, by type of speaker.
        let mut by_type: Vec<(String, f64)> =
            super::quotes::share_by_type(&analysis.quotes, &analysis.speakers)
                .into_iter()
                .filter(|(_, n, _)| *n > 0)
                .map(|(t, _, share)| (t.map_or("unattributed", |t| t.as_str()).to_owned(), share))
                .collect();
        by_type.sort_by(|a, b| b.1.total_cmp(&a.1));
        let list: Vec<String> = by_type
            .iter()
            .take(3)
            .map(|(t, share)| format!("{t} {:.0}%", share * 100.0))
            .collect();
        text.push_str(&format!("Voice by speaker type: {}. ", join_and(&list)));
    }
    text.push_str(&format!(
        "Hedges {hedges:.1} and boosters {boosters:.1} per 1,000 words."
    ));
    if !words.is_empty() {
        text.push_str(&format!(" Distinctive words: {}.", words.join(", ")));
    }
    Summary {
        leading_frames: frames,
        voices: v,
        distinctive: words,
        hedges_per_1000: hedges,
        boosters_per_1000: boosters,
        text,
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
