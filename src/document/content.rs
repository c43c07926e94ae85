//! Which blocks of a web page are the article: the reader's eye, approximated by two
//! well-kept extractors and by what the page declares.
//!
//! - [`dom_smoothie`] (a port of Mozilla's Readability.js) and [`rs_trafilatura`] (a port of
//!   trafilatura) each extract the main content of the page. Both favour recall: each keeps
//!   some page furniture the other drops.
//! - The page may declare its article: JSON-LD `articleBody`, an element with
//!   `itemprop=articleBody`, or a single `<article>`.
//!
//! A block of the page's text is article when the voters agree: both extractors, or two of
//! the three when the page declares its article. When the extractors disagree about nearly
//! everything (one of them went wrong), the one the declaration backs wins, else
//! Readability's. When neither extractor produced anything, nothing is cut. Membership is
//! measured on word pairs, so it does not depend on how each tool lays the text out.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashSet, FxHasher};

/// A block is taken to be in a text when this share of its word pairs is.
const IN_TEXT: f64 = 0.8;
/// Below this overlap between the two extractors, they are not describing the same text.
const DISAGREE: f64 = 0.3;

/// What the extractors made of a page.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub readability: Option<Readable>,
    pub trafilatura: Option<Readable>,
}

/// One extractor's result.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Readable {
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    /// The text's word pairs when it is long enough to vote, made on the extractor's own
    /// thread (None: made when voting, or too short).
    pub(crate) shingles: Option<Shingles>,
}

impl Readable {
    /// With its word pairs made now (on the calling thread).
    fn with_shingles(mut self) -> Self {
        self.shingles = voter(&self.text);
        self
    }
}

/// The word pairs of an extractor's text that is long enough to vote.
fn voter(text: &str) -> Option<Shingles> {
    (word_count(text) >= 10).then(|| Shingles::of(text))
}

/// Run both extractors on `html`, side by side on two threads. A failure (or a panic) of
/// either is an absent result, never an error of the page.
pub fn extract(html: &str) -> Extracted {
    let guard = |f: &dyn Fn() -> Option<Readable>| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or(None)
    };
    let readability = || {
        let mut r = dom_smoothie::Readability::new(html, None, None).ok()?;
        let a = r.parse().ok()?;
        Some(
            Readable {
                text: separated_text(&a.content),
                title: Some(a.title.clone()).filter(|t| !t.trim().is_empty()),
                byline: a.byline.clone(),
                site_name: a.site_name.clone(),
                published: a.published_time.clone(),
                shingles: None,
            }
            .with_shingles(),
        )
    };
    let trafilatura = || {
        // A folder of articles holds articles: trafilatura's page-type classifier (a
        // third of its time on a long page) would only pick another page's profile.
        let options = rs_trafilatura::Options {
            page_type: Some(rs_trafilatura::page_type::PageType::Article),
            ..rs_trafilatura::Options::default()
        };
        let r = rs_trafilatura::extract_with_options(html, &options).ok()?;
        Some(
            Readable {
                text: r
                    .content_html
                    .as_deref()
                    .map(separated_text)
                    .unwrap_or(r.content_text),
                title: r.metadata.title,
                byline: r.metadata.author,
                site_name: r.metadata.sitename,
                published: r.metadata.date.map(|d| d.format("%Y-%m-%d").to_string()),
                shingles: None,
            }
            .with_shingles(),
        )
    };
    std::thread::scope(|s| {
        let t = s.spawn(|| guard(&trafilatura));
        let readability = guard(&readability);
        let trafilatura = t.join().unwrap_or(None);
        Extracted {
            readability,
            trafilatura,
        }
    })
}

/// Where one text node of an extractor's output ends and the next begins.
const NODE: char = '\u{1F}';

/// The text of an HTML fragment with a marker between any two text nodes: an extractor's
/// plain text runs `One</li><li>Two` together into "OneTwo", which would match nothing, and
/// the marker lets a block of one word ("More", "World") count as kept only when the
/// extractor kept it as a text of its own, not as a word inside a sentence.
fn separated_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len() / 2);
    for t in fragment.root_element().text() {
        out.push_str(t);
        out.push(NODE);
    }
    out
}

/// The words of each text node, lowercased.
fn nodes(s: &str) -> Vec<Vec<String>> {
    s.split(NODE)
        .map(|node| {
            node.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The boundary of a text: its start or end.
const EDGE: &str = "\u{1F}";

fn word_count(s: &str) -> usize {
    nodes(s).iter().map(Vec::len).sum()
}

fn hash<T: Hash>(t: T) -> u64 {
    let mut h = FxHasher::default();
    t.hash(&mut h);
    h.finish()
}

/// Blocks of this many words or fewer count as kept only as whole texts of their own.
const SHORT: usize = 3;

/// Word pairs of a block of the page; for a short block, with its start and its end (a
/// menu item "World" is not kept because the article says "world").
pub(crate) fn pairs(s: &str) -> Vec<u64> {
    let words: Vec<String> = nodes(s).into_iter().flatten().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Vec::new();
    };
    let mut out: Vec<u64> = words
        .windows(2)
        .map(|w| hash((w[0].as_str(), w[1].as_str())))
        .collect();
    if words.len() <= SHORT {
        out.push(hash((EDGE, first.as_str())));
        out.push(hash((last.as_str(), EDGE)));
    }
    out
}

/// The word pairs of a text, as a set (and its single words, for one-word blocks).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Shingles(FxHashSet<u64>);

impl Shingles {
    /// Word pairs within and across text nodes, and each node's start and end (so a block
    /// of one word is in the text only where the text has it as a node of its own).
    fn of(s: &str) -> Self {
        let mut set = FxHashSet::default();
        let mut prev: Option<String> = None;
        for words in nodes(s) {
            if let (Some(p), Some(first)) = (&prev, words.first()) {
                set.insert(hash((p.as_str(), first.as_str())));
            }
            set.insert(hash((EDGE, words[0].as_str())));
            for w in words.windows(2) {
                set.insert(hash((w[0].as_str(), w[1].as_str())));
            }
            let last = words[words.len() - 1].clone();
            set.insert(hash((last.as_str(), EDGE)));
            prev = Some(last);
        }
        Self(set)
    }

    /// The share of `block`'s word pairs in this text.
    fn covers(&self, block: &[u64]) -> f64 {
        if block.is_empty() {
            return 0.0;
        }
        block.iter().filter(|h| self.0.contains(h)).count() as f64 / block.len() as f64
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn overlap(&self, other: &Shingles) -> f64 {
        let (small, big) = if self.len() <= other.len() {
            (self, other)
        } else {
            (other, self)
        };
        if small.len() == 0 {
            return 0.0;
        }
        small.0.iter().filter(|h| big.0.contains(h)).count() as f64 / small.len() as f64
    }
}

/// For each block (its word pairs, from [`pairs`]), whether it is the article. `declared`
/// is the article text the page states, when it states one. None when no extractor gave a
/// usable result (then nothing can be judged, and nothing is cut).
///
/// `furniture` marks blocks the markup itself sets apart (`nav`, `footer`, `aside`): those
/// are article only when every voter, and at least two, keep them.
pub(crate) fn article_blocks(
    blocks: &[Vec<u64>],
    furniture: &[bool],
    ex: &Extracted,
    declared: Option<&str>,
) -> Option<Vec<bool>> {
    use std::borrow::Cow;
    fn usable(r: &Option<Readable>) -> Option<Cow<'_, Shingles>> {
        let r = r.as_ref()?;
        match &r.shingles {
            Some(made) => Some(Cow::Borrowed(made)),
            None => voter(&r.text).map(Cow::Owned),
        }
    }
    let (s, t) = (usable(&ex.readability), usable(&ex.trafilatura));
    let d = declared.filter(|d| word_count(d) >= 20).map(Shingles::of);
    let voters: Vec<&Shingles> = match (s.as_deref(), t.as_deref()) {
        (None, None) => return None,
        (Some(one), None) | (None, Some(one)) => vec![one],
        (Some(s), Some(t)) if s.overlap(t) < DISAGREE => {
            // One of them went wrong: the one the page's declaration backs, else Readability.
            match &d {
                Some(d) if t.overlap(d) > s.overlap(d) => vec![t],
                _ => vec![s],
            }
        }
        (Some(s), Some(t)) => match &d {
            Some(d) => vec![s, t, d],
            None => vec![s, t],
        },
    };
    let needed = if voters.len() == 3 { 2 } else { voters.len() };
    Some(
        blocks
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if p.is_empty() {
                    return false;
                }
                let votes = voters.iter().filter(|v| v.covers(p) >= IN_TEXT).count();
                if furniture.get(i).copied().unwrap_or(false) {
                    votes == voters.len() && votes >= 2
                } else {
                    votes >= needed
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article_blocks_of_texts(
        blocks: &[&str],
        furniture: &[bool],
        ex: &Extracted,
        declared: Option<&str>,
    ) -> Option<Vec<bool>> {
        let pairs: Vec<Vec<u64>> = blocks.iter().map(|b| pairs(b)).collect();
        article_blocks(&pairs, furniture, ex, declared)
    }

    fn r(text: &str) -> Option<Readable> {
        Some(Readable {
            text: text.into(),
            ..Default::default()
        })
    }

    const ARTICLE: &str = "The foreign ministers met in Paris on Monday to discuss the threat posed by the militants in Iraq and Syria, and the talks went on late into the night.";
    const MORE: &str = "Officials said afterwards that no agreement had been reached on military coordination, though both sides described the meeting as useful and frank.";

    #[test]
    fn blocks_both_extractors_keep_are_the_article() {
        let blocks = [
            "Home News World Sport",
            ARTICLE,
            "Share on Facebook Twitter",
            MORE,
            "Related: Ten things about cats you never knew about",
        ];
        let ex = Extracted {
            readability: r(&format!("{ARTICLE}\n{MORE}\nShare on Facebook Twitter")),
            trafilatura: r(&format!(
                "{ARTICLE}\n{MORE}\nRelated: Ten things about cats you never knew about"
            )),
        };
        assert_eq!(
            article_blocks_of_texts(&blocks, &[], &ex, None).unwrap(),
            [false, true, false, true, false]
        );
        // A declaration breaks the tie: two of three.
        let declared =
            format!("{ARTICLE} {MORE} Related: Ten things about cats you never knew about");
        assert_eq!(
            article_blocks_of_texts(&blocks, &[], &ex, Some(&declared)).unwrap(),
            [false, true, false, true, true]
        );
    }

    #[test]
    fn without_results_nothing_is_cut_and_a_wrong_extractor_is_outvoted() {
        let blocks = ["Menu", ARTICLE];
        assert_eq!(
            article_blocks_of_texts(&blocks, &[], &Extracted::default(), None),
            None
        );
        let ex = Extracted {
            readability: r(ARTICLE),
            trafilatura: r(
                "Subscribe to our newsletter for the best deals every single week of the year now",
            ),
        };
        assert_eq!(
            article_blocks_of_texts(&blocks, &[], &ex, None).unwrap(),
            [false, true]
        );
    }

    #[test]
    fn the_extractors_run_on_a_real_page_shape() {
        let html = format!(
            "<html><head><title>T</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article><h1>Talks in Paris</h1><p>{ARTICLE}</p><p>{MORE}</p></article><footer>Copyright 2014 The Daily. All rights reserved.</footer></body></html>"
        );
        let ex = extract(&html);
        assert!(
            ex.readability
                .as_ref()
                .is_some_and(|r| r.text.contains("foreign ministers"))
        );
        assert!(
            ex.trafilatura
                .as_ref()
                .is_some_and(|r| r.text.contains("foreign ministers"))
        );
    }
}
