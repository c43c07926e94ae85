//! How the window shares its width: one rule at every size.
//!
//! The two reading panes come first. The comparison panel docks on the right while both panes
//! keep at least [`MIN_PANE`] points beside it; in a narrower window it becomes a tab over the
//! panes (the tab strip is always there, so it never vanishes). Its width range scales with the
//! window, so it is not tiny on a large monitor nor crowding the panes on a small one.

use std::ops::RangeInclusive;

/// The narrowest a reading pane may get before the comparison gives way to a tab.
pub const MIN_PANE: f32 = 380.0;
/// Below this window width the article list shows only when opened in this session.
pub const NARROW_SIDEBAR: f32 = 1200.0;

/// The widths the docked comparison panel may take in a window `window` points wide.
pub fn comparison_range(window: f32) -> RangeInclusive<f32> {
    let min = (window * 0.22).clamp(280.0, 560.0);
    let max = (window * 0.5).max(min);
    min..=max
}

/// The comparison panel's width the first time it docks.
pub fn comparison_default(window: f32) -> f32 {
    let range = comparison_range(window);
    (window * 0.3).clamp(*range.start(), *range.end())
}

/// Whether the comparison docks beside the panes (else it is a tab over them), with the
/// article list taking `sidebar` points.
pub fn comparison_docks(window: f32, sidebar: f32) -> bool {
    window - sidebar - comparison_range(window).start() >= 2.0 * MIN_PANE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panel_grows_with_the_window() {
        let small = comparison_range(1200.0);
        let large = comparison_range(2560.0);
        assert!(large.start() > small.start() && large.end() > small.end());
        assert!(
            comparison_default(2560.0) >= 700.0,
            "not tiny on a large monitor"
        );
        for w in [800.0, 1024.0, 1440.0, 2560.0, 4000.0] {
            let r = comparison_range(w);
            assert!(r.contains(&comparison_default(w)), "{w}: {r:?}");
        }
    }

    #[test]
    fn it_docks_only_where_both_panes_keep_their_width() {
        assert!(!comparison_docks(800.0, 0.0));
        assert!(!comparison_docks(1024.0, 0.0));
        assert!(comparison_docks(1200.0, 0.0));
        assert!(comparison_docks(1440.0, 230.0));
        assert!(!comparison_docks(1200.0, 230.0), "the article list counts");
        for w in [1100.0, 1440.0, 1920.0, 2560.0] {
            if comparison_docks(w, 230.0) {
                let left = w - 230.0 - comparison_range(w).start();
                assert!(left / 2.0 >= MIN_PANE);
            }
        }
    }
}
