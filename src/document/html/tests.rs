use super::*;

#[test]
fn paragraphs_quotes_captions_and_meta() {
    let html = r#"<!doctype html><html><head>
        <title>Talks | The Daily</title>
        <meta name="author" content="Jane Roe">
        <meta property="og:site_name" content="The Daily">
        <meta property="article:published_time" content="2014-09-16T08:00:00Z">
        <script>var x = "<p>not text</p>";</script>
        </head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <h1>Iran and the   U.S.</h1>
        <figure><img src="a.jpg"><figcaption>Kerry in Paris (AP Photo)</figcaption></figure>
        <p>First <em>paragraph</em>,
           with a line<br>break.</p>
        <blockquote><p>Quoted words.</p></blockquote>
        <h2>Section</h2>
        <ul><li>One</li><li>Two</li></ul>
        </body></html>"#;
    let r = reduce(html);
    assert_eq!(
        r.text,
        "Home World\n\nIran and the U.S.\n\nKerry in Paris (AP Photo)\n\nFirst paragraph, with a line\nbreak.\n\nQuoted words.\n\nSection\n\n\u{2022} One\n\n\u{2022} Two"
    );
    let kinds: Vec<_> = r
        .hints
        .iter()
        .map(|h| (h.kind, &r.text[h.span.clone()]))
        .collect();
    assert!(kinds.contains(&(Some(BlockKind::Boilerplate), "Home World")));
    assert!(kinds.contains(&(Some(BlockKind::Title), "Iran and the U.S.")));
    assert!(kinds.contains(&(Some(BlockKind::Caption), "Kerry in Paris (AP Photo)")));
    assert!(kinds.contains(&(Some(BlockKind::Quote), "Quoted words.")));
    assert!(kinds.contains(&(Some(BlockKind::Heading), "Section")));
    assert_eq!(r.meta.author.as_deref(), Some("Jane Roe"));
    assert_eq!(r.meta.outlet.as_deref(), Some("The Daily"));
    assert_eq!(
        r.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2014-09-16")
    );
}

#[test]
fn title_element_used_when_there_is_no_h1() {
    let r =
        reduce("<html><head><title>Only a title</title></head><body><p>Body.</p></body></html>");
    assert_eq!(r.text, "Only a title\n\nBody.");
    assert_eq!(r.hints[0].kind, Some(BlockKind::Title));
}

#[test]
fn broken_html_still_reduces() {
    let r = reduce("<p>Unclosed <b>bold <p>next</div></span>");
    assert_eq!(r.text, "Unclosed bold\n\nnext");
}
