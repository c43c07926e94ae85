//! Line patterns compiled without their counted repetitions.
//!
//! A counted repetition of a Unicode class (`[^:\n]{0,59}`, a name of up to five words) is
//! compiled as that many copies of the class, forward and in reverse, and the lazy DFA's
//! states multiply with it: such patterns were most of the reading rules' memory. A
//! [`CheckedPattern`] is compiled with those repetitions unbounded and checks the counts in
//! code.

use std::sync::OnceLock;

use regex::{Captures, Regex};

/// A pattern that matches exactly what its bounded form matches, compiled unbounded.
///
/// A match of the unbounded pattern that keeps within the counts is the one the bounded
/// pattern finds too: the bounded pattern's paths are the unbounded one's that keep within
/// the counts, tried in the same order, so every path tried before it failed in both. Only
/// when a match runs past a count is the bounded pattern compiled, and asked.
pub(in crate::document) struct CheckedPattern {
    /// The pattern's source: with its counted repetitions (`true`), or with them unbounded.
    pub(in crate::document) source: fn(bool) -> String,
    /// Whether a match of the unbounded pattern keeps within the counts.
    fits: fn(&Captures<'_>) -> bool,
    unbounded: OnceLock<Regex>,
    pub(in crate::document) bounded: OnceLock<Regex>,
}

impl CheckedPattern {
    pub(in crate::document) const fn new(
        source: fn(bool) -> String,
        fits: fn(&Captures<'_>) -> bool,
    ) -> Self {
        Self {
            source,
            fits,
            unbounded: OnceLock::new(),
            bounded: OnceLock::new(),
        }
    }

    fn compiled(&self, bounded: bool) -> &Regex {
        let cell = if bounded {
            &self.bounded
        } else {
            &self.unbounded
        };
        cell.get_or_init(|| Regex::new(&(self.source)(bounded)).expect("valid regex"))
    }

    /// The bounded pattern's captures of `s` at or after `from`.
    pub(in crate::document) fn captures_at<'h>(
        &self,
        s: &'h str,
        from: usize,
    ) -> Option<Captures<'h>> {
        let c = self.compiled(false).captures_at(s, from)?;
        if (self.fits)(&c) {
            return Some(c);
        }
        self.compiled(true).captures_at(s, from)
    }

    pub(in crate::document) fn captures<'h>(&self, s: &'h str) -> Option<Captures<'h>> {
        self.captures_at(s, 0)
    }

    pub(in crate::document) fn is_match(&self, s: &str) -> bool {
        self.captures(s).is_some()
    }

    /// Successive non-overlapping matches, as `Regex::captures_iter` gives them.
    pub(in crate::document) fn captures_iter<'h>(
        &self,
        s: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> {
        let mut from = Some(0);
        std::iter::from_fn(move || {
            let c = self.captures_at(s, from?)?;
            let whole = c.get(0)?;
            from = if whole.is_empty() {
                s[whole.end()..]
                    .chars()
                    .next()
                    .map(|ch| whole.end() + ch.len_utf8())
            } else {
                Some(whole.end())
            };
            Some(c)
        })
    }
}

/// Whether the group `name` of `c`, where it took part, has at most `most` characters.
pub(in crate::document) fn group_chars_at_most(c: &Captures<'_>, name: &str, most: usize) -> bool {
    c.name(name)
        .is_none_or(|m| m.as_str().chars().nth(most).is_none())
}
