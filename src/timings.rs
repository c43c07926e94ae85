//! A start-up profile: `parallax --timings` (or `PARALLAX_TIMINGS=1`) prints, to stderr,
//! how long after the process started each step of opening the window was reached (window
//! created, fonts ready, folder loaded, first frame, first frame with both articles, lens
//! ready, settled), so anyone can see where launch time goes; on Linux each step also
//! shows the memory resident at that moment, so one can see where memory goes too.
//!
//! Each step is printed once, the first time it is reached; with the profile off, marking a
//! step costs one atomic load.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

static ON: AtomicBool = AtomicBool::new(false);
static START: OnceLock<Instant> = OnceLock::new();
static SEEN: Mutex<Vec<(&'static str, Duration)>> = Mutex::new(Vec::new());

/// The environment variable that turns the profile on, like `--timings`.
pub const ENV: &str = "PARALLAX_TIMINGS";

/// Call first thing in `main`: the clock starts here.
pub fn start_clock() {
    START.get_or_init(Instant::now);
}

/// Turn the profile on when `asked` (the command-line flag) or when [`ENV`] is set to
/// anything but `0` or empty, and mark the process start (the clock's start).
pub fn start(asked: bool) {
    start_clock();
    let env = std::env::var(ENV).is_ok_and(|v| !v.is_empty() && v != "0");
    ON.store(asked || env, Ordering::Relaxed);
    if on()
        && let Ok(mut seen) = SEEN.lock()
        && seen.is_empty()
    {
        seen.push(("process start", Duration::ZERO));
        eprintln!("parallax: timings: {:8.1} ms  process start", 0.0);
    }
}

/// Whether the profile is being printed.
pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Time since [`start`] (zero if it was never called).
pub fn since_start() -> Duration {
    START.get().map_or(Duration::ZERO, Instant::elapsed)
}

/// Record `step` the first time it is reached: printed as `parallax: timings: 123.4 ms
/// STEP` when the profile is on. Returns whether this was the first time.
pub fn mark(step: &'static str) -> bool {
    if !on() {
        return false;
    }
    let at = since_start();
    let first = SEEN.lock().is_ok_and(|mut seen| {
        if seen.iter().any(|(s, _)| *s == step) {
            false
        } else {
            seen.push((step, at));
            true
        }
    });
    if first {
        let ms = at.as_secs_f64() * 1000.0;
        match memory_kb("VmRSS:") {
            Some(kb) => eprintln!(
                "parallax: timings: {ms:8.1} ms  {step}  ({:.0} MB resident)",
                kb as f64 / 1024.0
            ),
            None => eprintln!("parallax: timings: {ms:8.1} ms  {step}"),
        }
    }
    first
}

/// The frames' own work (the UI pass, before tessellation and painting), from the second
/// frame on: how many, the slowest and when it was, and how many took over 16 ms.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Frames {
    pub count: u32,
    pub slowest: Duration,
    pub slowest_at: Duration,
    pub over_16ms: u32,
}

static FRAMES: Mutex<Option<Frames>> = Mutex::new(None);

/// Record how long a frame's UI pass took (when the profile is on). The first frame, which
/// waits for the fonts and the folder, is left out of the figures.
pub fn frame_took(took: Duration) {
    if !on() {
        return;
    }
    let Ok(mut frames) = FRAMES.lock() else {
        return;
    };
    let Some(f) = frames.as_mut() else {
        *frames = Some(Frames::default());
        return;
    };
    f.count += 1;
    if took > f.slowest {
        f.slowest = took;
        f.slowest_at = since_start();
    }
    if took > Duration::from_millis(16) {
        f.over_16ms += 1;
        eprintln!(
            "parallax: timings: a frame took {:.1} ms (at {:.0} ms)",
            took.as_secs_f64() * 1000.0,
            since_start().as_secs_f64() * 1000.0
        );
    }
}

/// The frame figures so far (None before the second frame or with the profile off).
pub fn frames() -> Option<Frames> {
    FRAMES.lock().ok().and_then(|f| *f).filter(|f| f.count > 0)
}

/// The steps reached so far, in order, with their times since [`start`].
pub fn steps() -> Vec<(&'static str, Duration)> {
    SEEN.lock().map(|s| s.clone()).unwrap_or_default()
}

/// Peak resident memory of this process so far, in kilobytes (Linux; None elsewhere).
pub fn peak_memory_kb() -> Option<u64> {
    memory_kb("VmHWM:")
}

/// One memory figure of this process's status (Linux), in kilobytes.
fn memory_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_is_kept_once_in_the_order_reached_with_its_time() {
        start(true);
        assert!(on());
        assert!(mark("test step one"));
        std::thread::sleep(Duration::from_millis(2));
        assert!(mark("test step two"));
        assert!(!mark("test step one"), "a step is marked once");
        let steps = steps();
        assert_eq!(steps[0].0, "process start");
        let at = |name: &str| steps.iter().position(|(s, _)| *s == name).unwrap();
        let (one, two) = (at("test step one"), at("test step two"));
        assert!(one < two);
        assert!(steps[two].1 >= steps[one].1 + Duration::from_millis(2));
        assert_eq!(
            steps.iter().filter(|(s, _)| *s == "test step one").count(),
            1
        );
        assert!(peak_memory_kb().is_none_or(|kb| kb > 0));
    }
}
