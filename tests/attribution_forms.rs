//! Every form of attribution the model knows, a few realistic sentences each (written for
//! Parallax), and the properties that hold on any text.

use parallax::analysis::attribution::{
    self, Analysis, AttributionKind, CueForm, EntityKind, Resolution, SpeakerType,
};
use parallax::document::{Document, Format};
use proptest::prelude::*;

fn analyze(passage: &str) -> (Document, Analysis) {
    let doc = Document::from_text("n.txt", Format::Text, &format!("A headline\n\n{passage}\n"));
    let a = attribution::analyze(&doc, attribution::Words::built_in());
    (doc, a)
}

/// The speaker of the attribution whose content holds `words`, and its kind.
fn who(passage: &str, words: &str) -> (Option<String>, AttributionKind) {
    let (doc, a) = analyze(passage);
    let at = a
        .attributions
        .iter()
        .find(|at| doc.text[at.content.clone()].contains(words))
        .unwrap_or_else(|| panic!("no attribution holds {words:?} in {:#?}", a.attributions));
    (at.entity.map(|e| a.entities[e].name.clone()), at.kind)
}

fn speaker(passage: &str, words: &str) -> String {
    who(passage, words).0.unwrap_or_default()
}

fn nothing_in(passage: &str) {
    let (doc, a) = analyze(passage);
    assert!(
        a.attributions.is_empty(),
        "{passage}: {:?}",
        a.attributions
            .iter()
            .map(|at| &doc.text[at.content.clone()])
            .collect::<Vec<_>>()
    );
}

#[test]
fn descriptions_point_back_to_a_name() {
    assert_eq!(
        speaker(
            "The Valley Courier broke the story in May. The newspaper said the council had ignored three warnings.",
            "ignored three warnings"
        ),
        "The Valley Courier"
    );
    assert_eq!(
        speaker(
            "Senator Ruth Adams voted against the bill. The senator said it would raise costs for farmers.",
            "raise costs"
        ),
        "Ruth Adams"
    );
    assert_eq!(
        speaker(
            "Beth Moore, the agency's spokeswoman, was asked about the delay. The spokeswoman said the forms had been lost.",
            "forms had been lost"
        ),
        "Beth Moore"
    );
    assert_eq!(
        speaker(
            "The Walsh campaign spent heavily on television. The campaign said the ads were paid for by small donors.",
            "paid for by small donors"
        ),
        "The Walsh campaign"
    );
    // Plural descriptions are their own unnamed speakers.
    let (s, _) = who(
        "Officials said the bridge would reopen in the spring.",
        "bridge would reopen",
    );
    assert_eq!(s.as_deref(), Some("Officials"));
}

#[test]
fn pronouns_go_to_the_last_compatible_person() {
    assert_eq!(
        speaker(
            "Dr. Nadia Petrov has treated patients in the camp since April. “We have no clean water,” she said.",
            "no clean water"
        ),
        "Nadia Petrov"
    );
    // "he" passes over a woman named in between, and over a place.
    assert_eq!(
        speaker(
            "Coach Mike Dunn watched Sarah Cole score twice in New Mexico. “She carried us,” he said.",
            "She carried us"
        ),
        "Mike Dunn"
    );
    // A sentence-opening word before a name is not part of it.
    assert_eq!(
        speaker(
            "Once Ellen Ward had left the firm, the work changed. “Nobody asked us,” she said.",
            "Nobody asked us"
        ),
        "Ellen Ward"
    );
    // "they" goes to a group.
    assert_eq!(
        speaker(
            "The teachers walked out on Monday. They say classes are too large to teach.",
            "classes are too large"
        ),
        "The teachers"
    );
    // "it" goes to an organisation.
    assert_eq!(
        speaker(
            "Harbor Freight Lines lost two ships this year. It said the losses would not affect deliveries.",
            "losses would not affect"
        ),
        "Harbor Freight Lines"
    );
}

#[test]
fn appositions_before_and_after_the_name() {
    let (doc, a) = analyze(
        "A spokesman for the governor, Luis Vega, said the budget would be balanced by June.",
    );
    let at = &a.attributions[0];
    let e = &a.entities[at.entity.unwrap()];
    assert_eq!(e.name, "Luis Vega");
    assert!(doc.text[at.content.clone()].contains("balanced by June"));
    let (_, a) = analyze(
        "Luis Vega, a spokesman for the governor, said the budget would be balanced by June.",
    );
    let e = &a.entities[a.attributions[0].entity.unwrap()];
    assert_eq!(e.name, "Luis Vega");
    assert_eq!(
        e.introduction.as_deref(),
        Some("Luis Vega, a spokesman for the governor")
    );
    assert_eq!(e.speaker_type, SpeakerType::Official);
    assert_eq!(
        speaker(
            "Amy Tran, a historian at the state university, said the town was founded by miners.",
            "founded by miners"
        ),
        "Amy Tran"
    );
}

#[test]
fn anonymous_sources_with_clauses_in_between() {
    let (_, a) = analyze(
        "A senior official in the department, speaking on condition of anonymity because the talks are private, acknowledged that no deal was close.",
    );
    let at = &a.attributions[0];
    let e = &a.entities[at.entity.unwrap()];
    assert_eq!(e.kind, EntityKind::Unnamed);
    assert_eq!(e.speaker_type, SpeakerType::Anonymous);
    assert!(e.name.contains("senior official"), "{}", e.name);
    assert_eq!(at.cue.as_ref().unwrap().text, "acknowledged");
    let (s, _) = who(
        "Two people familiar with the plan said the company would sell its shipping arm.",
        "sell its shipping arm",
    );
    assert!(s.unwrap().contains("people familiar with the plan"));
}

#[test]
fn split_quotations_and_quotations_over_paragraphs() {
    let (doc, a) =
        analyze("“We will appeal,” said Grace Obi, the union's lawyer, “and we expect to win.”");
    assert_eq!(a.attributions.len(), 2, "{:?}", a.attributions);
    for at in &a.attributions {
        assert_eq!(a.entities[at.entity.unwrap()].name, "Grace Obi");
        assert_eq!(at.kind, AttributionKind::Direct);
    }
    assert!(doc.text[a.attributions[1].content.clone()].contains("expect to win"));
    // The first part before any speaker is named takes the speaker that follows.
    let (_, a) = analyze("“It is over,” he said, “for good.” Mayor Dan Ruiz left the room.");
    assert!(
        a.attributions
            .iter()
            .all(|at| at.entity.map(|e| a.entities[e].name.as_str()) == Some("Dan Ruiz")),
        "{a:#?}"
    );
    // An opening mark with no closing one at a paragraph's end goes on in the next.
    let (_, a) = analyze(
        "Professor Lena Berg spoke first. “The data are clear.\n\n“Warming has not slowed,” Berg said.",
    );
    assert_eq!(a.attributions.len(), 2);
    assert!(
        a.attributions
            .iter()
            .all(|at| at.entity.map(|e| a.entities[e].name.as_str()) == Some("Lena Berg"))
    );
    assert_eq!(a.attributions[0].resolution, Some(Resolution::Continuation));
}

#[test]
fn a_speaker_introduced_in_the_paragraph_before() {
    assert_eq!(
        speaker(
            "Omar Said, who owns the bakery on Main Street, lost power for two days.\n\n“I threw away everything,” he said.",
            "threw away everything"
        ),
        "Omar Said"
    );
}

#[test]
fn other_cues() {
    let cue = |passage: &str| {
        let (_, a) = analyze(passage);
        let at = a.attributions.first().expect("an attribution");
        (
            at.entity.map(|e| a.entities[e].name.clone()),
            at.cue.as_ref().map(|c| (c.text.clone(), c.form)),
        )
    };
    let (s, c) = cue("The hospital said in a statement that the patient was in stable condition.");
    assert_eq!(s.as_deref(), Some("The hospital"));
    assert_eq!(c.unwrap().0, "said");
    let (s, _) = cue(
        "Speaking in an interview with the Evening Star, Rosa Lind said the team “deserved better.”",
    );
    assert_eq!(s.as_deref(), Some("Rosa Lind"));
    let (s, _) =
        cue("Historian Paul Mertz wrote in the Weekly Review that the treaty “changed nothing.”");
    assert_eq!(s.as_deref(), Some("Paul Mertz"));
    let (s, _) = cue("Councilwoman Ida Price posted on X that the vote was “a disgrace.”");
    assert_eq!(s.as_deref(), Some("Ida Price"));
    let (s, c) = cue(
        "The manager was quoted as saying that the club “never wanted him.” Manager Leo Nunez denied it later.",
    );
    assert_eq!(s.as_deref(), Some("Leo Nunez"));
    assert_eq!(c.unwrap().0, "quoted as saying");
    let (s, c) = cue("According to Inspector Hana Ito, the fire began in the basement.");
    assert_eq!(s.as_deref(), Some("Hana Ito"));
    assert_eq!(c.unwrap().1, CueForm::AccordingTo);
    let (s, c) = cue("The mine will close in March, according to documents seen by the Tribune.");
    assert!(s.unwrap().contains("documents"));
    assert_eq!(c.unwrap().1, CueForm::AccordingTo);
    let (s, _) = cue("Sheriff Tom Lake told reporters the driver had fled on foot.");
    assert_eq!(s.as_deref(), Some("Tom Lake"));
    let (s, c) = cue("Councillor Ben Ito: “We were never consulted.”");
    assert_eq!(s.as_deref(), Some("Ben Ito"));
    assert_eq!(c.unwrap().1, CueForm::Colon);
}

#[test]
fn what_is_not_a_quotation() {
    // Scare quotes, titles of shows, books and laws, nicknames.
    nothing_in("The so-called “savings” never appeared in the budget.");
    nothing_in("She appeared on “Good Morning America” last week.");
    nothing_in("His memoir “Cold Water” sold well in the first month.");
    nothing_in("The “Clean Air Act” passed in the spring.");
    nothing_in("Friends call him “Buddy” even now.");
    // Code on a technical page is not a speaker with a colon.
    nothing_in("var h = new Headers({\"Content-Type\": \"text/plain\"});");
    // An editor's note is not anybody's speech.
    nothing_in("Editor's note: An earlier version of this story said the mayor “resigned.”");
}

#[test]
fn headlines_are_not_attributed() {
    let doc = Document::from_text(
        "n.txt",
        Format::Text,
        "“We will not back down,” says the mayor\n\nThe mayor spoke at noon.\n",
    );
    let a = attribution::analyze(&doc, attribution::Words::built_in());
    assert!(a.attributions.is_empty(), "{:?}", a.attributions);
}

#[test]
fn reporting_verbs_keep_their_class() {
    use parallax::analysis::lexicon::VerbClass;
    let class = |p: &str| {
        let (_, a) = analyze(p);
        a.attributions[0].cue.as_ref().unwrap().class
    };
    assert_eq!(
        class("Dr. Mia Hall claimed that the drug cured the disease."),
        VerbClass::Distancing
    );
    assert_eq!(
        class("The minister denied that any money had changed hands."),
        VerbClass::Rejecting
    );
    assert_eq!(
        class("The company admitted that its records were incomplete."),
        VerbClass::Conceding
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Arbitrary text never panics, every span lies inside the text on character
    /// boundaries, and an entity's mentions are all in its article.
    #[test]
    fn any_text_is_safe(body in "(\\PC{0,40}|[“”\"',.:;A-Z a-z]{0,40}|said|told|according to| he | she | the |\n\n){0,30}") {
        let doc = Document::from_text("p.txt", Format::Text, &format!("Title\n\n{body}"));
        let a = attribution::analyze(&doc, attribution::Words::built_in());
        let ok = |s: &std::ops::Range<usize>| {
            s.start <= s.end && s.end <= doc.text.len()
                && doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end)
        };
        for at in &a.attributions {
            prop_assert!(ok(&at.content));
            if let Some(c) = &at.cue { prop_assert!(ok(&c.span)); }
            if let Some(m) = &at.speaker_mention { prop_assert!(ok(m)); }
            if let Some(e) = at.entity { prop_assert!(e < a.entities.len()); }
        }
        for e in &a.entities {
            for m in &e.mentions {
                prop_assert!(ok(&m.span));
            }
        }
    }

    /// News-like sentences built from names, verbs and quotations attribute without panics
    /// and every attributed speaker has a mention in the text.
    #[test]
    fn built_sentences_are_safe(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("“We will not stop,” "),
                Just("said "), Just("Mayor Ann Cole"), Just(", the mayor,"), Just(" she said. "),
                Just("According to officials, "), Just("the plan failed. "), Just("He told reporters "),
                Just("that the vote was “close.” "), Just("The senator"), Just(" denied it. "),
                Just("\n\n"), Just("“"), Just("”"), Just(": "), Just("Dr. "), Just("U.S. "),
            ],
            0..40,
        )
    ) {
        let body: String = parts.concat();
        let doc = Document::from_text("p.txt", Format::Text, &format!("Title\n\n{body}"));
        let a = attribution::analyze(&doc, attribution::Words::built_in());
        for at in &a.attributions {
            prop_assert!(at.content.end <= doc.text.len());
            if let Some(e) = at.entity {
                prop_assert!(!a.entities[e].mentions.is_empty());
            }
        }
    }
}

#[test]
fn a_quotation_paragraph_goes_on_with_the_speaker_before() {
    let (doc, a) = analyze(
        "“The water is rising every hour,” said Chief Rosa Delgado.\n\n“We have moved two hundred families out of the valley already.”\n\nThe river crested at noon.\n\n“Nobody will be allowed back tonight, whatever the forecast.”",
    );
    let speaker_of = |words: &str| {
        a.attributions
            .iter()
            .find(|at| doc.text[at.content.clone()].contains(words))
            .map(|at| (at.entity.map(|e| a.entities[e].name.clone()), at.resolution))
    };
    assert_eq!(
        speaker_of("two hundred families"),
        Some((
            Some("Rosa Delgado".to_owned()),
            Some(Resolution::Continuation)
        ))
    );
    // After a paragraph of the writer's own, a lone quotation has nobody named.
    assert_eq!(
        speaker_of("Nobody will be allowed back"),
        Some((None, None))
    );
}
