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
        let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(["internal-save-loop"])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Read what the child reports on another thread, so a blocked read cannot stall us.
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line.trim().parse::<u64>().unwrap_or(0)).is_err() {
                    break;
                }
            }
        });
        // Kill after a random 1–40 ms of saving (some rounds before the first save finishes).
        let deadline = Instant::now() + Duration::from_millis(1 + rng.next() % 40);
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_micros(200));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        let last_done: Option<u64> = rx.try_iter().last();
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
