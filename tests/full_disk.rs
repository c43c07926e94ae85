//! A full disk never costs a backup: saves that fail for lack of space (simulated with a
//! file-size limit, `ulimit -f`, on the child that saves) leave no empty or partial file,
//! delete no backup, and leave the study as it was; once there is room again, the next save
//! keeps the newest good backup.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use parallax::notes::store;

/// Save `saves` studies of `notes` notes each into `path`, under a file-size limit of
/// `limit_kb` KiB (None: no limit). Returns whether the child succeeded.
fn save(path: &Path, notes: u64, saves: u64, limit_kb: Option<u64>) -> bool {
    let exe = env!("CARGO_BIN_EXE_parallax");
    let limit = limit_kb.map_or_else(|| "unlimited".to_owned(), |k| k.to_string());
    // An ignored SIGXFSZ is inherited: writes past the limit fail with an error (as on a
    // full disk) instead of killing the process.
    let script = format!(
        "trap '' XFSZ; ulimit -f {limit}; exec \"$0\" internal-save-loop \"$1\" --notes {notes} --saves {saves}"
    );
    Command::new("bash")
        .args(["-c", &script, exe])
        .arg(path)
        .output()
        .expect("bash runs")
        .status
        .success()
}

fn backup_sizes(path: &Path) -> Vec<(String, u64)> {
    store::backups(path)
        .into_iter()
        .map(|b| {
            let len = std::fs::metadata(&b).unwrap().len();
            (b.file_name().unwrap().to_string_lossy().into_owned(), len)
        })
        .collect()
}

#[test]
fn failed_saves_on_a_full_disk_keep_every_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(store::DEFAULT_NAME);
    // Three good saves: the file and two backups.
    assert!(save(&path, 200, 3, None));
    let before = backup_sizes(&path);
    assert!(!before.is_empty());
    let study_before = std::fs::read(&path).unwrap();
    // The disk is full: the studies no longer fit. Every save fails.
    for _ in 0..4 {
        assert!(
            !save(&path, 200, 1, Some(16)),
            "a save past the limit must fail"
        );
    }
    assert_eq!(backup_sizes(&path), before, "no backup lost, none added");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        study_before,
        "the study as it was"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join(store::BACKUP_DIR))
        .unwrap()
        .chain(std::fs::read_dir(dir.path()).unwrap())
        .map(|e| e.unwrap())
        .filter(|e| {
            e.metadata().unwrap().len() == 0 || e.file_name().to_string_lossy().contains(".tmp-")
        })
        .map(|e| e.file_name())
        .collect();
    assert!(
        leftovers.is_empty(),
        "empty or partial files: {leftovers:?}"
    );
    // Room again: the save works, and the newest backup is the last good version.
    assert!(save(&path, 200, 1, None));
    let after = store::backups(&path);
    assert!(after.len() >= before.len().min(store::KEEP_NEWEST));
    assert_eq!(std::fs::read(&after[0]).unwrap(), study_before);
    assert!(store::parse(&std::fs::read_to_string(&path).unwrap()).is_ok());
}
