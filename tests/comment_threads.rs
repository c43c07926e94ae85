//! Comment threads as blogs in several languages print them, in plain text: one fixture per
//! form, each with its author names, dates and "@Name" replies.

use parallax::document::{Document, Format, ReplyEvidence};

const BODY: &str = "Talks in Paris\n\nBy Jane Roe\n\nThe ministers met in Paris on Monday to talk about the threat posed by the militants. They talked late into the night.\n\nNo agreement was reached, officials said afterwards.\n\n";

fn thread(comments: &str) -> Document {
    Document::from_text("a.txt", Format::Text, &format!("{BODY}{comments}"))
}

fn authors(d: &Document) -> Vec<&str> {
    d.comments()
        .iter()
        .map(|c| c.author.as_deref().unwrap_or("?"))
        .collect()
}

fn body(d: &Document, i: usize) -> &str {
    &d.text[d.comments()[i].body.clone()]
}

#[test]
fn english_forms() {
    for (a, b) in [
        ("Ann Lee says:", "Bob Chan says:"),
        ("Ann Lee said:", "Bob Chan said:"),
        ("Ann Lee wrote:", "Bob Chan wrote:"),
        (
            "Ann Lee on September 15, 2014 at 10:23 am said:",
            "Bob Chan on September 16, 2014 at 8:05 pm said:",
        ),
    ] {
        let d = thread(&format!(
            "{a}\n\nI think the talks matter.\n\n{b}\n\n@Ann Lee: They do not.\n"
        ));
        assert_eq!(authors(&d), ["Ann Lee", "Bob Chan"], "{a}");
        assert_eq!(body(&d, 0), "I think the talks matter.");
        assert_eq!(d.comments()[1].replies_to[0].to, 0, "{a}");
    }
    let d = thread(
        "Ann Lee on September 15, 2014 at 10:23 am said:\n\nFirst.\n\nBob Chan on September 16, 2014 at 8:05 pm said:\n\nSecond.\n",
    );
    assert!(
        d.comments()[0]
            .date
            .as_deref()
            .is_some_and(|x| x.contains("September 15, 2014"))
    );
}

#[test]
fn german_french_spanish_portuguese_italian_and_dutch_forms() {
    let cases = [
        (
            "Anna Müller sagt:",
            "Jan Peters schreibt:",
            "Ich finde das richtig.",
            "@Anna Müller: Nein.",
        ),
        (
            "Anna Müller meint:",
            "Jan Peters am 15. September 2014 um 10:23 schrieb:",
            "Ich finde das richtig.",
            "@Anna Müller Nein, gar nicht.",
        ),
        (
            "Marie Dubois dit :",
            "Jean Martin a écrit :",
            "Je suis d’accord.",
            "@Marie Dubois : pas moi.",
        ),
        (
            "Marie Dubois le 15 septembre 2014 à 10 h 23 dit :",
            "Jean Martin dit :",
            "Je suis d’accord.",
            "@ Marie : pas moi.",
        ),
        (
            "Lucía Gómez dice:",
            "Pedro Ruiz escribió:",
            "Estoy de acuerdo.",
            "@Lucía Gómez no lo creo.",
        ),
        (
            "Ana Souza disse:",
            "João Lima diz:",
            "Concordo.",
            "@Ana Souza: discordo.",
        ),
        (
            "Giulia Rossi ha scritto:",
            "Marco Bianchi ha scritto:",
            "Sono d’accordo.",
            "@Giulia Rossi: no.",
        ),
        (
            "Eva de Vries zegt:",
            "Tom Bakker zegt:",
            "Daar ben ik het mee eens.",
            "@Eva de Vries: niet.",
        ),
    ];
    for (a, b, text_a, text_b) in cases {
        let d = thread(&format!("{a}\n\n{text_a}\n\n{b}\n\n{text_b}\n"));
        assert_eq!(d.comments().len(), 2, "{a} / {b}: {:?}", authors(&d));
        assert_eq!(body(&d, 0), text_a, "{a}");
        assert!(
            d.comments()[1]
                .replies_to
                .iter()
                .any(|r| r.to == 0 && matches!(r.evidence, ReplyEvidence::Mention { .. })),
            "{b}: {text_b} answers the first: {:?}",
            d.comments()[1].replies_to
        );
    }
    let d = thread(
        "Marie Dubois le 15 septembre 2014 à 10 h 23 dit :\n\nOui.\n\nJean Martin dit :\n\nNon.\n",
    );
    assert_eq!(authors(&d), ["Marie Dubois", "Jean Martin"]);
}

#[test]
fn a_reply_that_starts_by_quoting_the_comment_it_answers() {
    let d = thread(
        "Ann Lee says:\n\nEvery agency in the world agrees on this one point about the talks.\n\nBob Chan says:\n\n“Every agency in the world agrees on this one point about the talks.”\n\nNot one I know of.\n",
    );
    assert_eq!(d.comments()[1].replies_to[0].to, 0);
}

#[test]
fn a_mention_without_a_colon_that_names_nobody_is_no_reply() {
    let d = thread(
        "Ann Lee says:\n\nFirst.\n\nBob Chan says:\n\n@everyone please read the article first.\n",
    );
    assert!(d.comments()[1].replies_to.is_empty());
}
