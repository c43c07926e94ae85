//! Threads for work the user waits on less than the window: analyses, lens marks, the
//! folder view's counts. They run below normal priority
//! (nice 5 on Linux, "below normal" on Windows), so on a busy machine the window's own
//! thread, and the driver threads that draw it, come first: frames stay on time while a
//! long article is analysed, and the first frame is not held up by the analysis it starts.
//!
//! Threads such work starts (scoped helpers) inherit the lower priority. Saving notes and
//! reading the folder stay at normal priority: a save must not wait, and the first frame
//! waits for the folder.

use std::io;
use std::thread::JoinHandle;

/// The priority of background threads: 34 of 0–99 is nice 5 on Linux and "below normal"
/// on Windows (see `thread_priority::ThreadPriority::Crossplatform`). Within the process
/// the window's thread then gets three times their share of a busy core; against other
/// programs the analysis still gets a third of a normal share, not starved as at nice 19.
const BACKGROUND: u8 = 34;

/// Work on less text than this (bytes) runs on one thread: a thread more would save a few
/// milliseconds and cost its own copies of the regex engines' search caches, megabytes each
/// (3–4 MB of the window's peak with the seeds, for reading and for analysing alike).
pub const ONE_THREAD_BELOW: u64 = 1 << 20;

/// Lower the calling thread to background priority. Where the system refuses, the thread
/// goes on at its priority: it is only an ordering.
fn lower_this_thread() {
    if let Ok(value) = thread_priority::ThreadPriorityValue::try_from(BACKGROUND) {
        let _ = thread_priority::set_current_thread_priority(
            thread_priority::ThreadPriority::Crossplatform(value),
        );
    }
}

/// Start `work` on a named thread at background priority.
pub fn spawn<T, F>(name: &str, work: F) -> io::Result<JoinHandle<T>>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            lower_this_thread();
            work()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The niceness of the calling thread (Linux: per thread).
    #[cfg(target_os = "linux")]
    fn nice_of_this_thread() -> i32 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("own stat");
        // Fields after the command (which is in parentheses and may hold spaces).
        let rest = &stat[stat.rfind(')').expect("command") + 2..];
        rest.split(' ')
            .nth(16)
            .expect("nice field")
            .parse()
            .expect("a number")
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn background_threads_and_the_threads_they_start_run_below_normal_priority() {
        let before = nice_of_this_thread();
        let (own, child) = spawn("test-background", || {
            let child = std::thread::spawn(nice_of_this_thread)
                .join()
                .expect("joined");
            (nice_of_this_thread(), child)
        })
        .expect("spawned")
        .join()
        .expect("joined");
        // Raising the niceness needs no privilege; a thread already nicer keeps its own.
        let expected = before.max(5);
        assert_eq!(own, expected, "nice 5 (started at {before})");
        assert_eq!(child, expected, "a thread it starts inherits the priority");
        assert_eq!(nice_of_this_thread(), before, "the caller keeps its own");
    }
}
