//! The two sides of a comparison: the left and the right article, pane, or end of a link.

use std::ops::{Index, IndexMut};

/// The left or the right side.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    #[default]
    Left,
    Right,
}

impl Side {
    /// Both sides, left first.
    pub const BOTH: [Side; 2] = [Side::Left, Side::Right];

    /// The side across.
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }

    /// "left" or "right", for sentences.
    pub fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }

    /// "Left" or "Right", for labels.
    pub fn title(self) -> &'static str {
        match self {
            Side::Left => "Left",
            Side::Right => "Right",
        }
    }

    /// Position in a pair: 0 for left, 1 for right.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Pick the value for this side.
    pub fn pick<T>(self, left: T, right: T) -> T {
        match self {
            Side::Left => left,
            Side::Right => right,
        }
    }
}

impl<T> Index<Side> for [T; 2] {
    type Output = T;
    fn index(&self, side: Side) -> &T {
        &self[side.index()]
    }
}

impl<T> IndexMut<Side> for [T; 2] {
    fn index_mut(&mut self, side: Side) -> &mut T {
        &mut self[side.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::Side;

    #[test]
    fn sides_pair_up() {
        for s in Side::BOTH {
            assert_eq!(s.other().other(), s);
            assert_ne!(s.other(), s);
        }
        let mut pair = ["a", "b"];
        assert_eq!(pair[Side::Right], "b");
        pair[Side::Left] = "c";
        assert_eq!(pair, ["c", "b"]);
        assert_eq!(Side::Left.name(), "left");
        assert_eq!(Side::Right.pick(1, 2), 2);
    }
}
