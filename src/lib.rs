//! Parallax: read two articles side by side, see how each frames the question, and keep study
//! notes anchored to exact passages.
//!
//! The core (everything but [`ui`]) is plain data in, data out, with no egui.

pub mod analysis;
pub mod background;
pub mod corpus;
pub mod document;
pub mod exchange;
pub mod fsutil;
pub mod notes;
pub mod persist;
pub mod report;
pub mod side;
pub mod study_report;
pub mod timings;
pub mod ui;
