//! Never lose a note: a child process saves studies in a loop and is killed with SIGKILL at
//! random moments, 200 times. After each kill the study file parses and equals either the
//! last save the child reported as done, or the one after it — never empty, never partial.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use parallax::notes::store;

/// A small deterministic sequence for kill delays.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// A running child that prints numbers, read on another thread (so a blocked read cannot
/// stall the test).
struct Child {
    process: std::process::Child,
    numbers: std::sync::mpsc::Receiver<u64>,
    reader: std::thread::JoinHandle<()>,
}

impl Child {
    fn spawn(subcommand: &str, path: &std::path::Path) -> Self {
        let mut process = Command::new(env!("CARGO_BIN_EXE_parallax"))
            .arg(subcommand)
            .arg(path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = process.stdout.take().unwrap();
        let (tx, numbers) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(n) = line.trim().parse::<u64>()
                    && tx.send(n).is_err()
                {
                    break;
                }
            }
        });
        Self {
            process,
            numbers,
            reader,
        }
    }

    /// SIGKILL it; returns every number it printed.
    fn kill(mut self) -> Vec<u64> {
        self.process.kill().unwrap();
        self.process.wait().unwrap();
        self.reader.join().unwrap();
        self.numbers.try_iter().collect()
    }
}

#[test]
fn kill_during_saves_200_times_never_leaves_a_broken_study() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(store::DEFAULT_NAME);
    let mut rng = Lcg(0x5eed);
    let mut mid_write_kills = 0;
    for round in 0..200 {
        let before = std::fs::read_to_string(&path)
            .ok()
            .map(|t| store::parse(&t).expect("parses before the round").title);
        let child = Child::spawn("internal-save-loop", &path);
        // Kill after a random 1–40 ms of saving (some rounds before the first save finishes).
        let deadline = Instant::now() + Duration::from_millis(1 + rng.next() % 40);
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_micros(200));
        }
        let last_done: Option<u64> = child.kill().last().copied();
        let Ok(text) = std::fs::read_to_string(&path) else {
            // No file yet: only possible if no save had finished and none existed before.
            assert!(
                last_done.is_none() && before.is_none(),
                "round {round}: the study file disappeared"
            );
            continue;
        };
        let study = store::parse(&text)
            .unwrap_or_else(|e| panic!("round {round}: the study does not parse: {e:?}"));
        let title: u64 = study.title.parse().unwrap();
        match last_done {
            Some(done) => {
                assert!(
                    title == done || title == done + 1,
                    "round {round}: file holds save {title}, child finished {done}"
                );
                if title == done + 1 {
                    mid_write_kills += 1;
                }
            }
            // Killed before the first save of this round was reported: the file is the one
            // from before, or this round's first save.
            None => assert!(
                Some(study.title.clone()) == before || title == 1,
                "round {round}: unexpected save {title}"
            ),
        }
        assert_eq!(study.notes.len(), 300, "round {round}: partial study");
    }
    // The test is only meaningful if some kills hit between a save and its report.
    eprintln!("kills after a write but before its report: {mid_write_kills} of 200");
}

/// Never lose a confirmed note: a child adds notes through the study desk (journal and
/// autosave running as in the window) and prints each note's id when the desk confirms it;
/// it is killed at random. After every kill, opening the study (replaying its journal)
/// shows every note that was confirmed, whole.
#[test]
fn every_confirmed_note_survives_a_kill() {
    use parallax::corpus::Corpus;
    use parallax::notes::desk::StudyDesk;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(store::DEFAULT_NAME);
    let corpus = Corpus::from_memory("none", &[]);
    let mut rng = Lcg(0xfeed);
    let mut confirmed: Vec<u64> = Vec::new();
    let mut after_last_save = 0;
    for round in 0..63 {
        let child = Child::spawn("internal-note-loop", &path);
        // 5–1,300 ms: some rounds end before the first autosave (a second after the first
        // change), some during or after one.
        let wait = if round % 6 == 0 {
            900 + rng.next() % 400
        } else {
            5 + rng.next() % 100
        };
        std::thread::sleep(Duration::from_millis(wait));
        confirmed.extend(child.kill());
        // Open the study as the window would (the journal is replayed).
        let mut desk = StudyDesk::new(|| {});
        desk.open(Some(&path), &corpus, None);
        assert!(
            !desk.session.read_only,
            "round {round}: {:?}",
            desk.session.problem
        );
        let study = &desk.session.study;
        for id in &confirmed {
            let note = study
                .note(*id)
                .unwrap_or_else(|| panic!("round {round}: confirmed note {id} is gone"));
            assert_eq!(note.text, format!("note {id}"), "round {round}");
        }
        let on_disk = std::fs::read_to_string(&path)
            .ok()
            .map(|t| store::parse(&t).expect("the study parses").notes.len());
        if on_disk.is_some_and(|n| n < study.notes.len()) {
            // Notes only the journal held: the case the journal is for.
            after_last_save += 1;
        }
        desk.finish();
    }
    assert!(
        confirmed.len() > 63,
        "the child confirmed {} notes",
        confirmed.len()
    );
    assert!(
        after_last_save > 0,
        "no kill fell between a confirmation and the next save"
    );
    eprintln!(
        "{} confirmed notes over 63 kills; {after_last_save} rounds held notes only in the journal",
        confirmed.len()
    );
}
