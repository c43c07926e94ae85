//! When the window has settled: nothing loading or analysing, and two frames in a row
//! painted alike (compared pixel for pixel). Screenshot mode saves that frame and exits;
//! the start-up profile (`--timings`) marks the moment. Both also mark the first frame that
//! was painted with both articles in it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::{ColorImage, Context, ViewportCommand};

use crate::timings;

/// Frames captured without two alike before the window counts as settled anyway (a view
/// that animates for ever must not keep the screenshot from being taken).
const MAX_CAPTURES: u32 = 40;

/// What the frame captures share with the UI thread.
#[derive(Default)]
struct Captures {
    /// A digest of the frame captured last, while the window was idle (the frames are
    /// compared by digest, so no earlier frame is kept in memory).
    last: Option<u64>,
    /// A capture was asked for and has not come back.
    in_flight: bool,
    taken: u32,
    /// The settled frame (and, in screenshot mode, whether it was saved).
    settled: Option<Result<(), String>>,
}

pub struct Settle {
    /// Screenshot mode: where to save the settled frame.
    path: Option<PathBuf>,
    captures: Arc<Mutex<Captures>>,
    /// The first frame with both articles was asked to be captured.
    both_marked: bool,
    /// The settled moment was acted on (screenshot saved, profile marked).
    done: bool,
    /// Screenshot mode: the result the binary reports once the window closed.
    pub result: Arc<Mutex<Option<Result<(), String>>>>,
}

impl Settle {
    /// Watch for settling when taking a screenshot (`path`) or printing the start-up
    /// profile; None when neither is wanted.
    pub fn new(path: Option<PathBuf>) -> Option<Self> {
        (path.is_some() || timings::on()).then(|| Self {
            path,
            captures: Arc::default(),
            both_marked: false,
            done: false,
            result: Arc::default(),
        })
    }

    /// Called at the end of every frame. `busy`: something is loading or being analysed.
    /// `both`: both panes show an article.
    pub fn step(&mut self, ctx: &Context, busy: bool, both: bool) {
        if both && !self.both_marked {
            self.both_marked = true;
            timings::mark("first frame with both articles built");
            ctx.send_viewport_cmd(ViewportCommand::Screenshot(egui::ScreenshotCallback::new(
                |_| {
                    timings::mark("first frame with both articles shown");
                },
            )));
        }
        if self.done {
            return;
        }
        let Ok(mut c) = self.captures.lock() else {
            return;
        };
        if let Some(settled) = c.settled.clone() {
            drop(c);
            self.done = true;
            timings::mark("settled");
            if let Some(f) = timings::frames() {
                eprintln!(
                    "parallax: timings: {} frames after the first: slowest {:.1} ms (at {:.0} ms), {} over 16 ms",
                    f.count,
                    f.slowest.as_secs_f64() * 1000.0,
                    f.slowest_at.as_secs_f64() * 1000.0,
                    f.over_16ms
                );
            }
            if let Some(kb) = timings::peak_memory_kb().filter(|_| timings::on()) {
                eprintln!(
                    "parallax: timings: peak memory {:.1} MB",
                    kb as f64 / 1024.0
                );
            }
            if self.path.is_some() {
                if let Err(e) = &settled {
                    eprintln!("parallax: cannot save the screenshot: {e}");
                }
                if let Ok(mut r) = self.result.lock() {
                    *r = Some(settled);
                }
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            return;
        }
        if busy {
            // Whatever is busy wakes the window when it has news; painting meanwhile
            // would only take time from it.
            c.last = None;
            return;
        }
        ctx.request_repaint();
        if c.in_flight {
            return;
        }
        c.in_flight = true;
        drop(c);
        let (captures, path, wake) = (self.captures.clone(), self.path.clone(), ctx.clone());
        ctx.send_viewport_cmd(ViewportCommand::Screenshot(egui::ScreenshotCallback::new(
            move |image| {
                if let Ok(mut c) = captures.lock() {
                    c.in_flight = false;
                    c.taken += 1;
                    let digest = digest(&image);
                    let alike = c.last == Some(digest);
                    if alike || c.taken >= MAX_CAPTURES {
                        c.settled = Some(path.as_deref().map_or(Ok(()), |p| save_png(p, &image)));
                    } else {
                        c.last = Some(digest);
                    }
                }
                wake.request_repaint();
            },
        )));
    }
}

/// A digest of a frame's size and pixels.
fn digest(image: &ColorImage) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    image.size.hash(&mut h);
    h.write(image.as_raw());
    h.finish()
}

fn save_png(path: &Path, image: &ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let (w, h) = (
        u32::try_from(w).map_err(|_| "the screenshot is too wide")?,
        u32::try_from(h).map_err(|_| "the screenshot is too tall")?,
    );
    // Encoded from the captured pixels as they are: a copy would be one more frame's worth
    // of memory at the moment the profile's peak is taken.
    image::save_buffer(path, image.as_raw(), w, h, image::ColorType::Rgba8)
        .map_err(|e| format!("{}: {e}", path.display()))
}
