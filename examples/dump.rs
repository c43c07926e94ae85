fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let doc =
        parallax::document::Document::from_text(&path, parallax::document::Format::Text, &text);
    for (i, b) in doc.blocks().iter().enumerate() {
        println!(
            "{i:3} {:?} {:?} c={:?} q={:?} {:?}",
            b.kind,
            b.section,
            b.comment,
            b.quote
                .as_ref()
                .map(|q| (&q.source, q.from_comment, q.from_article)),
            &text[b.span.clone()].chars().take(70).collect::<String>()
        );
    }
}
