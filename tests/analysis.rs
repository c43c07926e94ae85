//! The framing lens on the seeds: what a careful reader sees.

use std::sync::Arc;

use parallax::analysis::codebook::{CompiledCodebook, built_in};
use parallax::analysis::lexicon::VerbClass;
use parallax::analysis::quotes::{QuoteKind, voices};
use parallax::analysis::{Scope, analyze_document, compare};
use parallax::corpus::Corpus;
use parallax::document::Document;

fn seeds() -> (Arc<Document>, Arc<Document>) {
    let c = Corpus::bundled();
    let blog = c
        .documents
        .iter()
        .find(|d| d.source.rel_path.starts_with("000"))
        .unwrap()
        .clone();
    let news = c
        .documents
        .iter()
        .find(|d| d.source.rel_path.starts_with("003"))
        .unwrap()
        .clone();
    (blog, news)
}

fn issue_codebook() -> CompiledCodebook {
    let (_, book) = built_in()
        .into_iter()
        .find(|(n, _)| n.starts_with("us-iran"))
        .unwrap();
    CompiledCodebook::new(book)
}

#[test]
fn news_kerry_told_nbc_and_the_israeli_warning() {
    let (_, news) = seeds();
    let a = analyze_document(&news, &issue_codebook());
    let kerry_nbc = a
        .quotes
        .iter()
        .find(|q| {
            news.text[q.span.clone()]
                .starts_with("What I said is we are interested in communicating")
        })
        .expect("Kerry's NBC quote is found");
    assert_eq!(kerry_nbc.speaker.as_deref(), Some("John Kerry"));
    assert_eq!(kerry_nbc.verb.as_deref(), Some("told"));
    assert_eq!(kerry_nbc.verb_class, Some(VerbClass::Neutral));
    assert_eq!(kerry_nbc.kind, QuoteKind::Direct);
    let warning = a
        .quotes
        .iter()
        .find(|q| news.text[q.span.clone()].starts_with("if Washington needs Tehran"))
        .expect("the senior Israeli official's warning is found");
    assert_eq!(warning.speaker.as_deref(), Some("senior Israeli official"));
    assert!(warning.anonymous);
    assert_eq!(warning.verb.as_deref(), Some("warned"));
    assert_eq!(warning.verb_class, Some(VerbClass::Endorsing));
    // Kerry's denial and insistence are reported speech, classed as such.
    let classes: Vec<_> = a
        .quotes
        .iter()
        .filter(|q| q.speaker.as_deref() == Some("John Kerry"))
        .filter_map(|q| q.verb_class)
        .collect();
    assert!(
        classes.contains(&VerbClass::Rejecting) && classes.contains(&VerbClass::Distancing),
        "{classes:?}"
    );
}

#[test]
fn blog_psaki_tweet_and_remark_and_goldstone_excerpt() {
    let (blog, _) = seeds();
    let a = analyze_document(&blog, &issue_codebook());
    let tweet = a
        .quotes
        .iter()
        .find(|q| blog.text[q.span.clone()].starts_with("It’s no secret"))
        .expect("the tweet");
    assert_eq!(tweet.speaker.as_deref(), Some("Jen Psaki"));
    assert_eq!(tweet.verb.as_deref(), Some("tweeted"));
    let remark = a
        .quotes
        .iter()
        .find(|q| blog.text[q.span.clone()].starts_with("There may be another opportunity"))
        .expect("the later remark");
    assert_eq!(
        remark.speaker.as_deref(),
        Some("Jen Psaki"),
        "“…,” Psaki said → the full name the text gives"
    );
    assert_eq!(remark.verb.as_deref(), Some("said"));
    let goldstone = a
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Excerpt && q.scope == Scope::Article)
        .expect("the excerpt");
    assert_eq!(goldstone.speaker.as_deref(), Some("Jack Goldstone"));
    assert_eq!(goldstone.verb.as_deref(), Some("argues"));
    assert!(blog.text[goldstone.span.clone()].starts_with("Washington loves nothing more"));
    assert!(blog.text[goldstone.span.clone()].ends_with("a peace that lasts."));
    assert!(
        goldstone.words > 500,
        "all eight paragraphs: {}",
        goldstone.words
    );
    // Goldstone has the most quoted words in the article; Psaki the most quotes.
    let v = voices(&a.quotes, Scope::Article);
    assert_eq!(v[0].speaker, "Jack Goldstone");
    let psaki = v.iter().find(|v| v.speaker == "Jen Psaki").unwrap();
    assert!(psaki.quotes >= 3, "{psaki:?}");
    // Commenters speak their comments.
    let thread = voices(&a.quotes, Scope::Thread);
    assert!(
        thread
            .iter()
            .any(|v| v.speaker == "C. Clavin" && v.quotes >= 6),
        "{thread:?}"
    );
}

#[test]
fn frames_are_counted_with_evidence_and_the_thread_apart() {
    let (blog, news) = seeds();
    let book = issue_codebook();
    let frame = |id: &str| book.frames().iter().position(|f| f.id == id).unwrap();
    let b = analyze_document(&blog, &book);
    let n = analyze_document(&news, &book);
    // The news analysis turns on the degree of engagement (communicating vs coordinating).
    let eng = frame("engagement");
    assert!(
        n.frames.stats[eng].article_hits >= 5,
        "{:?}",
        n.frames.stats[eng]
    );
    // Every hit's evidence is the cue it names.
    for h in n.frames.hits.iter().chain(&b.frames.hits) {
        assert!(!h.span.is_empty());
    }
    let nuc = frame("nuclear-linkage");
    assert!(n.frames.stats[nuc].article_hits >= 2);
    // The blog's thread is long: its hits are counted, but apart from the article.
    let total_thread: usize = b.frames.stats.iter().map(|s| s.thread_hits).sum();
    assert!(total_thread > 0);
    assert!(b.frames.thread_words > b.frames.article_words);
    // Sectarian politics is the blog's (Goldstone's) frame, barely the news analysis's.
    let sec = frame("sectarian");
    assert!(b.frames.stats[sec].article_per_1000 > n.frames.stats[sec].article_per_1000);
}

#[test]
fn actors_group_aliases_across_the_seeds() {
    let (blog, news) = seeds();
    let book = issue_codebook();
    let b = analyze_document(&blog, &book);
    let n = analyze_document(&news, &book);
    let count = |a: &parallax::analysis::DocAnalysis, name: &str| {
        a.actors
            .counts
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.article)
            .unwrap_or(0)
    };
    // ISIS and ISIL are one actor.
    assert!(count(&n, "ISIS") >= 3, "ISIL mentions count as ISIS");
    assert!(count(&b, "ISIS") > 20);
    // Khamenei is found under the blog's misspelling "Khameni".
    assert!(count(&b, "Ali Khamenei") >= 1);
    // Kerry: "Secretary of State John Kerry", "Kerry", "the secretary of state".
    assert!(count(&n, "John Kerry") >= 4, "{:?}", n.actors.counts);
}

#[test]
fn stance_per_1000_words_and_per_speaker() {
    let (blog, news) = seeds();
    let book = issue_codebook();
    let b = analyze_document(&blog, &book);
    let n = analyze_document(&news, &book);
    for a in [&b, &n] {
        assert!(a.stance.article.hedges > 0 && a.stance.article.boosters > 0);
        assert!(a.stance.article.hedges_per_1000() > 1.0);
    }
    assert!(
        b.stance
            .by_speaker
            .iter()
            .any(|(s, _)| s == "Jack Goldstone")
    );
    // Commenters are not quoted speakers: they have their own table.
    let authors: std::collections::HashSet<&str> = blog
        .comments()
        .iter()
        .filter_map(|c| c.author.as_deref())
        .collect();
    assert!(
        b.stance
            .by_speaker
            .iter()
            .all(|(s, _)| !authors.contains(s.as_str())),
        "{:?}",
        b.stance.by_speaker
    );
    assert!(
        b.stance
            .by_commenter
            .iter()
            .any(|(s, _)| authors.contains(s.as_str()))
    );
    // The news analysis has no thread: no commenters, and no words counted as comments.
    assert!(n.stance.by_commenter.is_empty());
    assert_eq!(n.stance.thread.words, 0);
}

#[test]
fn comparison_distinctive_words_and_linked_passages() {
    let (blog, news) = seeds();
    let c = compare(&blog, &news);
    assert!(!c.distinctive.left.is_empty() && !c.distinctive.right.is_empty());
    for t in &c.distinctive.left {
        assert!(t.z > 0.0 && t.left_count >= 2);
    }
    for t in &c.distinctive.right {
        assert!(t.z < 0.0 && t.right_count >= 2);
    }
    // The news analysis's vocabulary of the US administration's hesitance.
    assert!(
        c.distinctive
            .right
            .iter()
            .any(|t| t.term.contains("administration")
                || t.term.contains("cooperation")
                || t.term.contains("crisis")),
        "{:?}",
        c.distinctive.right
    );
    assert!(!c.links.is_empty(), "some passages speak to each other");
    for l in &c.links {
        assert!(
            blog.text.is_char_boundary(l.left.start) && news.text.is_char_boundary(l.right.end)
        );
    }
}

/// Every attribution the seeds' articles had before speakers became entities is still
/// there, with its speaker and cue; each named speaker is one entity with all its mentions.
#[test]
fn the_seeds_keep_every_attribution() {
    let (blog, news) = seeds();
    let book = issue_codebook();
    let article = |d: &Document| {
        let a = analyze_document(d, &book);
        let list: Vec<(String, String, QuoteKind)> = a
            .quotes
            .iter()
            .filter(|q| q.scope == Scope::Article)
            .map(|q| {
                (
                    q.speaker.clone().unwrap_or_default(),
                    q.verb.clone().unwrap_or_default(),
                    q.kind,
                )
            })
            .collect();
        (a, list)
    };
    let has = |list: &[(String, String, QuoteKind)], who: &str, verb: &str, kind: QuoteKind| {
        assert!(
            list.iter()
                .any(|(s, v, k)| s == who && v == verb && *k == kind),
            "{who} {verb} {kind:?} in {list:#?}"
        );
    };
    let (a, list) = article(&blog);
    use QuoteKind::{Direct, Excerpt, Indirect};
    for (who, verb, kind) in [
        ("John Kerry", "said", Indirect),
        ("Ali Khamenei", "rejecting", Indirect),
        ("Ali Khamenei", "warning", Indirect),
        ("spokesman for Kerry", "acknowledged", Indirect),
        ("Jen Psaki", "tweeted", Direct),
        ("Jen Psaki", "said", Indirect),
        ("Jen Psaki", "suggested", Indirect),
        ("Jen Psaki", "said", Direct),
        ("Jack Goldstone", "argues", Indirect),
        ("Jack Goldstone", "argues", Excerpt),
    ] {
        has(&list, who, verb, kind);
    }
    // Psaki: one entity for "State Department spokeswoman Jen Psaki", "Psaki" and "she".
    let psaki = a
        .speakers
        .iter()
        .position(|e| e.name == "Jen Psaki")
        .expect("Psaki is a speaker");
    assert!(
        a.speakers[psaki].mentions.len() >= 4,
        "{:?}",
        a.speakers[psaki]
    );
    assert!(a.quotes.iter().filter(|q| q.entity == Some(psaki)).count() >= 4);
    for m in &a.speakers[psaki].mentions {
        let said = &blog.text[m.span.clone()];
        assert!(
            ["Psaki", "she", "She"].iter().any(|w| said.contains(w)),
            "{said}"
        );
    }
    let (_, list) = article(&news);
    for (who, verb, kind) in [
        ("John Kerry", "denied", Indirect),
        ("John Kerry", "insisting", Indirect),
        ("John Kerry", "told", Direct),
        ("senior Israeli official", "warned", Direct),
    ] {
        has(&list, who, verb, kind);
    }
}
