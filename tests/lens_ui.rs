//! The framing lens in the window, driven like a user would (kittest, CPU only).

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{FakeDialogs, settle};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::ui::App;
use parallax::ui::commands::Side;

fn fixture() -> tempfile::TempDir {
    common::two_articles()
}

fn open(folder: &Path, dialogs: Arc<FakeDialogs>) -> Harness<'static, App> {
    common::open_folder(folder, dialogs, [1500.0, 900.0])
}

/// Frame names with highlights in a pane.
fn highlighted_frames(h: &mut Harness<'_, App>, pane: Side) -> Vec<String> {
    let marks = h.state_mut().pane_marks(pane, false).unwrap();
    let mut names: Vec<String> = marks
        .iter()
        .filter_map(|m| m.tip.as_deref())
        .filter_map(|t| t.strip_prefix("Frame: "))
        .map(|t| t.lines().next().unwrap_or_default().to_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_issue_codebook_is_chosen_and_highlights_show() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    assert!(
        h.state()
            .lens()
            .book()
            .book
            .book
            .name
            .starts_with("US–Iran"),
        "cue density picks the issue codebook"
    );
    let left = highlighted_frames(&mut h, Side::Left);
    assert!(
        left.contains(&"Degree of engagement".to_owned()),
        "{left:?}"
    );
    assert!(left.contains(&"Linkage to the nuclear talks".to_owned()));
    let right = highlighted_frames(&mut h, Side::Right);
    assert!(
        right.contains(&"Shared threat, common interest".to_owned()),
        "{right:?}"
    );
    // Quotes are underlined with speaker and verb.
    let marks = h.state_mut().pane_marks(Side::Left, false).unwrap();
    assert!(marks.iter().any(|m| {
        m.tip
            .as_deref()
            .is_some_and(|t| t.contains("Speaker: John Kerry") && t.contains("“told” — neutral"))
    }));
}

#[test]
fn toggling_a_frame_removes_its_highlights() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    assert!(highlighted_frames(&mut h, Side::Left).contains(&"Degree of engagement".to_owned()));
    h.get_by_label_contains("Frames (").click();
    h.run_steps(2);
    // The menu's checkbox (the profile chart has a row of the same name).
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Degree of engagement")
        .click();
    h.run_steps(3);
    assert!(
        !highlighted_frames(&mut h, Side::Left).contains(&"Degree of engagement".to_owned()),
        "its highlights are gone"
    );
    assert!(
        highlighted_frames(&mut h, Side::Left).contains(&"Linkage to the nuclear talks".to_owned()),
        "other frames stay"
    );
    // The whole highlight layer off, then on again.
    h.key_press(egui::Key::Escape);
    h.run_steps(1);
    h.get_by_label("Highlights").click();
    h.run_steps(3);
    assert!(highlighted_frames(&mut h, Side::Left).is_empty());
    h.get_by_label("Highlights").click();
    h.run_steps(3);
    assert!(!highlighted_frames(&mut h, Side::Left).is_empty());
}

#[test]
fn clicking_a_bar_lists_its_passages_and_a_passage_jumps_there() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    h.run_steps(3);
    let frame = h
        .state()
        .lens()
        .book()
        .book
        .frames()
        .iter()
        .position(|f| f.id == "nuclear-linkage")
        .unwrap();
    let (_, _, at) = *h
        .state()
        .comparison()
        .profile_bars()
        .iter()
        .find(|(f, p, _)| *f == frame && *p == Side::Left)
        .unwrap();
    h.hover_at(at);
    h.run_steps(1);
    common::click_at(&mut h, at);
    h.run_steps(3);
    assert_eq!(h.state().lens().selected_frame, Some(frame));
    // The passage list shows the left article's nuclear passage; clicking it scrolls there.
    h.get_by_label_contains("nuclear talks continue").click();
    h.run_steps(8);
    let view = h.state_mut().panes_mut()[Side::Left].view.as_mut().unwrap();
    let target = view.doc().text.find("The nuclear talks").unwrap();
    let visible = view.visible_span().unwrap();
    assert!(visible.start <= target && target < visible.end);
}

#[test]
fn the_frame_matrix_lists_every_passage_and_jumps() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    h.get_by_label("Frame matrix").click();
    h.run_steps(2);
    h.get_by_label("Military involvement").click();
    h.run_steps(3);
    h.get_by_label_contains("Revolutionary Guard is there")
        .click();
    h.run_steps(8);
    let view = h.state_mut().panes_mut()[Side::Right]
        .view
        .as_mut()
        .unwrap();
    let target = view.doc().text.find("Revolutionary Guard").unwrap();
    let visible = view.visible_span().unwrap();
    assert!(visible.start <= target && target < visible.end);
}

#[test]
fn the_codebook_editor_applies_changes_live() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    h.get_by_label("Edit…").click();
    // A new window is laid out invisibly on its first frame.
    h.run_steps(4);
    h.get_by_label("Add frame").click();
    h.run_steps(2);
    // The new frame's name field has the keyboard, its placeholder selected: typing names it,
    // and while it is being named its id follows.
    assert!(h.get_by_label("Frame name").is_focused());
    h.event(egui::Event::Text("Shared enemy".into()));
    h.run_steps(2);
    h.get_by_label_contains("Cues (one per line").focus();
    h.run_steps(1);
    h.get_by_label_contains("Cues (one per line")
        .type_text("share an enemy");
    // Changes apply after a short pause in typing.
    for _ in 0..40 {
        h.step();
    }
    settle(&mut h);
    assert!(highlighted_frames(&mut h, Side::Right).contains(&"Shared enemy".to_owned()));
    assert!(h.state().lens().book().modified);
    let book = &h.state().lens().book().book.book;
    let added = book.frames.last().unwrap();
    assert_eq!(added.id, "shared-enemy");
    // Its colour is one no other frame has (and not grey).
    assert!(
        book.frames[..book.frames.len() - 1]
            .iter()
            .all(|f| f.color != added.color)
    );
    assert_ne!(added.color, "#808080");
}

#[test]
fn a_codebook_is_loaded_from_a_file_and_remembered_for_the_folder() {
    let dir = fixture();
    let book = dir.path().join("my.ron.codebook");
    std::fs::write(&book, r##"(version: 1, name: "Mine", frames: [(id: "w", name: "Warnings", color: "#ff0000", cues: ["warned"], questions: ["Warned?"])])"##).unwrap();
    let dialogs = Arc::new(FakeDialogs::slow());
    *dialogs.answer.lock().unwrap() = Some(book.clone());
    let mut h = open(dir.path(), dialogs);
    h.state_mut()
        .push(parallax::ui::commands::LensCommand::LoadCodebookDialog.into());
    settle(&mut h);
    assert_eq!(h.state().lens().book().book.book.name, "Mine");
    assert_eq!(highlighted_frames(&mut h, Side::Right), ["Warnings"]);
    let key = std::fs::canonicalize(dir.path())
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(
        h.state().settings().codebooks.get(&key),
        Some(&book.display().to_string())
    );
}

#[test]
fn a_linked_passage_marker_scrolls_the_other_pane() {
    let dir = tempfile::tempdir().unwrap();
    let filler =
        "Unrelated filler about weather, football and cooking recipes for the weekend. ".repeat(6);
    let mut left = String::from("Left\n\n");
    let mut right = String::from("Right\n\n");
    for i in 0..30 {
        left.push_str(&format!("{filler} number {i}\n\n"));
    }
    left.push_str("Kerry denied coordinating with Tehran on the Iraq crisis and insisted on communication only.\n");
    right.push_str("The secretary denied coordination with Tehran over the Iraq crisis, insisting on communication.\n\n");
    for i in 0..30 {
        right.push_str(&format!(
            "Different material about music festivals and gardening tips {i}. {}\n\n",
            "Songs and flowers. ".repeat(8)
        ));
    }
    std::fs::write(dir.path().join("a.txt"), left).unwrap();
    std::fs::write(dir.path().join("b.txt"), right).unwrap();
    let mut h = open(dir.path(), Arc::default());
    // The right passage is on screen at the top; its marker scrolls the left pane down to it.
    h.get_by_label("Linked passage 1 (right)").click();
    h.run_steps(10);
    let view = h.state_mut().panes_mut()[Side::Left].view.as_mut().unwrap();
    let target = view.doc().text.find("Kerry denied").unwrap();
    let visible = view.visible_span().unwrap();
    assert!(
        visible.start <= target && target < visible.end,
        "{visible:?} {target}"
    );
}

const NEWS_LEFT: &str = "Council delays the bridge vote\n\nBy Jane Roe\n\nMayor Lisa Grant opened the meeting on Tuesday.\n\n“We will not rush a decision this large,” Grant said. The mayor added that the council would vote in May.\n\nDaniel Ortiz, a spokesman for the builder, said the delay would cost the city money.\n\n“Nobody asked the people who live by the river,” one resident wrote on a sign.\n\n“It is a scandal.”\n";
const NEWS_RIGHT: &str = "Bridge vote put off again\n\nBy Sam Poe\n\nOfficials said the vote would wait until May.\n\nProfessor Amy Tran, an engineer at the state university, said the old bridge “has years left in it.”\n";

fn who_speaks() -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = common::folder(&[("a-council.txt", NEWS_LEFT), ("b-vote.txt", NEWS_RIGHT)]);
    let mut h = open(dir.path(), Arc::default());
    h.run_steps(3);
    h.get_by_label("Who speaks").click();
    h.run_steps(3);
    (dir, h)
}

#[test]
fn who_speaks_lists_each_speaker_with_introduction_kinds_and_verbs() {
    let (_dir, mut h) = who_speaks();
    h.get_by_label_contains("Who speaks in the left article — 3 speakers");
    h.get_by_label_contains("Who speaks in the right article — 2 speakers");
    // Lisa Grant: one direct quotation and one report, introduced with her title.
    h.get_by_label("+ Lisa Grant");
    h.get_by_label_contains("official · 1 direct, 1 reported");
    h.get_by_label_contains("a spokesman for the builder”");
    h.get_by_label_contains("Share of voice by type of speaker");
    // The sign's quotation and the lone one after it have no speaker: listed, not dropped.
    h.get_by_label_contains("Unattributed (").click();
    h.run_steps(2);
    h.get_by_label_contains("It is a scandal");
}

#[test]
fn clicking_a_speaker_lists_their_attributions_and_each_jumps_there() {
    let (_dir, mut h) = who_speaks();
    h.get_by_label("+ Lisa Grant").click();
    h.run_steps(2);
    h.get_by_label("− Lisa Grant");
    // The report (the second of her two passages, both shown with their context).
    h.query_all(
        egui_kittest::kittest::By::new()
            .label_contains("council would vote in May")
            .role(egui::accesskit::Role::Button),
    )
    .last()
    .expect("her report is listed")
    .click();
    h.run_steps(8);
    let view = h.state_mut().panes_mut()[Side::Left].view.as_mut().unwrap();
    let target = view.doc().text.find("the council would vote").unwrap();
    let visible = view.visible_span().unwrap();
    assert!(visible.start <= target && target < visible.end);
}

#[test]
fn hovering_a_quotation_lights_up_its_cue_and_speaker() {
    let (_dir, mut h) = who_speaks();
    // Find where the quotation is drawn (once the layout has settled) and hover its words.
    settle(&mut h);
    let text = h.state().panes()[Side::Left]
        .view
        .as_ref()
        .unwrap()
        .doc()
        .text
        .clone();
    let at = text.find("rush a decision").unwrap();
    for _ in 0..2 {
        let rect = {
            let view = h.state().panes()[Side::Left].view.as_ref().unwrap();
            view.span_end_screen_rect(&(at..at + 4)).expect("on screen")
        };
        h.hover_at(rect.center());
        h.run_steps(2);
    }
    let parts: Vec<String> = h.state().panes()[Side::Left]
        .view
        .as_ref()
        .unwrap()
        .hovered_parts()
        .expect("the quotation's parts are lit")
        .iter()
        .map(|s| text[s.clone()].to_owned())
        .collect();
    assert!(parts[0].starts_with("We will not rush"), "{parts:?}");
    assert!(parts.contains(&"said".to_owned()), "{parts:?}");
    assert!(parts.contains(&"Grant".to_owned()), "{parts:?}");
}

#[test]
fn escape_closes_the_frames_menu() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    h.get_by_label_contains("Frames (").click();
    h.run_steps(2);
    assert!(h.query_by_label("None").is_some(), "the menu is open");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("None").is_none(), "Escape closed it");
}

#[test]
fn stance_rates_no_comments_as_none_and_keeps_commenters_apart() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    h.get_by_label("Stance").click();
    h.run_steps(3);
    // Neither article has comments: their rates read "—", not "0.0".
    assert_eq!(h.query_all_by_label("—").count(), 4);
    assert!(h.query_by_label_contains("Commenters").is_none());
}

#[test]
fn a_mark_explains_itself_after_a_rest_under_the_line_not_over_it() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    let (span, frame) = {
        let marks = h.state_mut().pane_marks(Side::Right, false).unwrap();
        let m = marks
            .iter()
            .find(|m| m.tip.as_deref().is_some_and(|t| t.starts_with("Frame: ")))
            .expect("a frame cue in the right pane");
        let frame = m.tip.as_deref().unwrap().lines().next().unwrap().to_owned();
        (m.span.clone(), frame)
    };
    let rect = h.state().panes()[Side::Right]
        .view
        .as_ref()
        .unwrap()
        .span_end_screen_rect(&span)
        .unwrap();
    h.hover_at(rect.center());
    // Steps are 1/60 s here: after 0.6 s of rest, still nothing over the text being read.
    h.run_steps(36);
    assert!(
        h.query_by_label_contains(&frame).is_none(),
        "no tip while the pointer rests only briefly"
    );
    h.run_steps(30);
    let tip = h.get_by_label_contains(&frame).rect();
    assert!(
        tip.top() >= rect.bottom() - 1.0,
        "the tip ({tip:?}) sits under the hovered line ({rect:?})"
    );
    assert!(
        tip.left() < rect.center().x,
        "the tip lines up with the text, not with the pointer"
    );
}

#[test]
fn a_distinctive_word_and_an_actor_lead_to_their_passages() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    h.get_by_label("Words").click();
    h.run_steps(3);
    // The first distinctive word of the left article.
    let term = {
        let app = h.state();
        let docs = parallax::side::Side::BOTH
            .map(|p| app.panes()[p].view.as_ref().map(|v| v.doc().clone()));
        let c = app
            .lens()
            .comparison([docs[0].as_deref(), docs[1].as_deref()])
            .expect("compared")
            .clone();
        c.distinctive.left[0].term.clone()
    };
    h.get_all_by_label(&term).next().unwrap().click();
    h.run_steps(4);
    let find = h.state().find();
    assert!(find.open, "the word's occurrences are find hits");
    assert_eq!(find.query, term);
    assert!(!find.hits[Side::Left].is_empty());
    assert_eq!(
        find.current[Side::Left],
        Some(0),
        "the pane went to the first"
    );
    // The panel lists its passages, counted as the table counts them, each leading there.
    let hits = find.hits[Side::Left].len();
    h.get_by_label(&format!("Left article: {hits} in its text"));
    let last = find.hits[Side::Left].last().unwrap().clone();
    let dock = h.state().dock_rect().unwrap();
    let passages: Vec<String> = h
        .query_all_by_role(egui::accesskit::Role::Button)
        .filter(|n| dock.contains(n.rect().center()))
        .filter_map(|n| egui_kittest::kittest::NodeT::accesskit_node(&n).label())
        .filter(|l| l.len() > term.len() + 10 && l.to_lowercase().contains(&term))
        .collect();
    assert_eq!(passages.len(), hits, "{passages:?}");
    h.get_all_by_label(passages.last().unwrap())
        .next()
        .unwrap()
        .click();
    h.run_steps(8);
    let view = h.state_mut().panes_mut()[Side::Left].view.as_mut().unwrap();
    let visible = view.visible_span().unwrap();
    assert!(
        visible.start <= last.start && last.start < visible.end,
        "went to the last"
    );
    // Clicking it again lets it go.
    h.get_all_by_label(&term).next().unwrap().click();
    h.run_steps(4);
    assert!(!h.state().find().open);

    // An actor: every mention, whatever name the text uses for it.
    h.get_by_label("Actors").click();
    h.run_steps(3);
    h.get_by_label("John Kerry").click();
    h.run_steps(4);
    let find = h.state().find();
    assert!(find.open);
    assert_eq!(find.query, "John Kerry");
    let left = &h.state().panes()[Side::Left]
        .view
        .as_ref()
        .unwrap()
        .doc()
        .text;
    let named: Vec<&str> = find.hits[Side::Left]
        .iter()
        .map(|s| &left[s.clone()])
        .collect();
    assert!(named.len() >= 2, "{named:?}");
    assert!(named.contains(&"Kerry"), "a short alias counts: {named:?}");
    h.get_by_label(&format!("Left article: {} in its text", named.len()));
}

#[test]
fn frames_can_be_shown_one_group_at_a_time() {
    let dir = fixture();
    let mut h = open(dir.path(), Arc::default());
    let generic = h
        .state()
        .lens()
        .shelf
        .books
        .iter()
        .position(|b| {
            b.book
                .book
                .frames
                .iter()
                .any(|f| f.group.contains("Entman"))
        })
        .expect("the generic codebook is on the shelf");
    h.state_mut()
        .push(parallax::ui::commands::LensCommand::SelectCodebook(generic).into());
    h.run_steps(3);
    h.get_by_label_contains("Frames (").click();
    h.run_steps(2);
    h.get_by_label("Framing functions (Entman)").click();
    h.run_steps(2);
    let app = h.state();
    let frames = &app.lens().book().book.book.frames;
    let hidden = &app.settings().lens.hidden_frames;
    for f in frames {
        assert_eq!(
            hidden.contains(&f.id),
            !f.group.contains("Entman"),
            "{} ({})",
            f.name,
            f.group
        );
    }
}

/// The text painted inside the dock this frame: its visible rectangle, its clip and its text.
fn dock_texts(h: &Harness<'_, App>) -> Vec<(egui::Rect, egui::Rect, String)> {
    fn walk(
        shape: &egui::Shape,
        clip: egui::Rect,
        dock: egui::Rect,
        out: &mut Vec<(egui::Rect, egui::Rect, String)>,
    ) {
        match shape {
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, clip, dock, out)),
            // Row by row: a label wrapped in a flowing layout starts its first row after
            // what precedes it on the line.
            egui::Shape::Text(t) if dock.expand(1.0).contains_rect(clip) => {
                for row in &t.galley.rows {
                    let r = row.rect_without_leading_space().translate(t.pos.to_vec2());
                    let text = row.text().trim().to_owned();
                    if r.intersects(clip) && !text.is_empty() && r.width() > 0.0 {
                        out.push((r, clip, text));
                    }
                }
            }
            _ => {}
        }
    }
    let dock = h.state().dock_rect().expect("the dock is shown");
    let mut out = Vec::new();
    for c in &h.output().shapes {
        walk(&c.shape, c.clip_rect, dock, &mut out);
    }
    out
}

/// No two texts of the dock overlap, and none runs past the dock's (or its clip's) sides.
fn assert_dock_reads_well(h: &Harness<'_, App>, what: &str) {
    let dock = h.state().dock_rect().unwrap();
    let texts = dock_texts(h);
    assert!(
        texts.len() > 3,
        "{what}: the tab shows something: {texts:?}"
    );
    for (r, clip, text) in &texts {
        let right = dock.max.x.min(clip.max.x) + 0.5;
        let left = dock.min.x.max(clip.min.x) - 0.5;
        assert!(
            r.min.x >= left && r.max.x <= right,
            "{what}: “{text}” at {r:?} is cut by the edge ({left}–{right})"
        );
    }
    for (i, (a, ca, ta)) in texts.iter().enumerate() {
        for (b, cb, tb) in &texts[i + 1..] {
            let visible = |r: &egui::Rect, c: &egui::Rect| r.intersect(*c);
            let o = visible(a, ca).intersect(visible(b, cb));
            assert!(
                !(o.width() > 1.0 && o.height() > 1.0),
                "{what}: “{ta}” {a:?} overlaps “{tb}” {b:?}"
            );
        }
    }
}

/// Every tab of the comparison reads cleanly at the smallest window (where it is a tab over
/// the panes), at the narrowest docked panel (1100 pt: about 330 wide) and at the default
/// size.
#[test]
fn every_comparison_tab_lays_out_without_overlap_at_the_smallest_and_default_sizes() {
    let tabs = [
        "Profile",
        "Frame matrix",
        "Who speaks",
        "Words",
        "Stance",
        "Actors",
        "Links",
        "Summary",
    ];
    let dir = fixture();
    for size in [[800.0, 520.0], [1100.0, 700.0], [1440.0, 900.0]] {
        let mut h = common::open_folder(dir.path(), Arc::default(), size);
        if !h.state().comparison_docked() {
            assert!(size[0] < 1000.0, "docks at the default size");
            // The comparison is a tab over the panes, never hidden: the tab and the lens
            // bar's toggle both bring it to the front.
            assert_eq!(h.get_all_by_label("Comparison").count(), 2);
            h.get_all_by_label("Comparison").next().unwrap().click();
            h.run_steps(3);
        }
        for tab in tabs {
            let dock = h.state().dock_rect().expect("the comparison shows");
            let node = h
                .get_all_by_label(tab)
                .find(|n| dock.contains(n.rect().center()))
                .unwrap_or_else(|| panic!("{tab} tab in the dock"));
            node.click();
            h.run_steps(3);
            h.hover_at(egui::pos2(2.0, size[1] - 2.0));
            h.run_steps(2);
            assert_dock_reads_well(&h, &format!("{tab} at {}×{}", size[0], size[1]));
        }
    }
}
