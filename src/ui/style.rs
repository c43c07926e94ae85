//! How the reading view looks: text sizes and colours per block kind, mark colours.

use egui::{Color32, FontId, Visuals};

use crate::document::BlockKind;

/// Default reading text size, in points.
pub const DEFAULT_TEXT_SIZE: f32 = 16.0;
pub const MIN_TEXT_SIZE: f32 = 11.0;
pub const MAX_TEXT_SIZE: f32 = 30.0;

/// The widest a text column gets, in multiples of the text size (about 75 characters).
pub const MAX_COLUMN_EMS: f32 = 38.0;

/// How one kind of block is drawn.
#[derive(Debug, Clone)]
pub struct BlockStyle {
    pub font: FontId,
    pub color: Color32,
    pub italics: bool,
    /// Extra left indent inside the column.
    pub indent: f32,
    /// A vertical bar left of the text (block quotes).
    pub bar: Option<Color32>,
    /// Space after the block.
    pub space_after: f32,
}

/// Style of a block; `in_comment` blocks are indented under their comment header.
pub fn block_style(kind: BlockKind, in_comment: bool, size: f32, visuals: &Visuals) -> BlockStyle {
    let strong = visuals.strong_text_color();
    let normal = visuals.text_color();
    let weak = visuals.weak_text_color();
    let prop = |s: f32| FontId::proportional(s);
    let base_indent = if in_comment { size * 1.2 } else { 0.0 };
    let mut style = BlockStyle {
        font: prop(size),
        color: normal,
        italics: false,
        indent: base_indent,
        bar: None,
        space_after: size * 0.75,
    };
    match kind {
        BlockKind::Title => {
            style.font = prop(size * 1.55);
            style.color = strong;
            style.space_after = size * 0.6;
        }
        BlockKind::Byline => {
            style.font = prop(size * 0.88);
            style.color = weak;
            style.italics = true;
            style.space_after = size * 0.4;
        }
        BlockKind::Heading => {
            style.font = prop(size * 1.15);
            style.color = strong;
            style.space_after = size * 0.5;
        }
        BlockKind::Caption => {
            style.font = prop(size * 0.88);
            style.color = weak;
            style.italics = true;
        }
        BlockKind::Quote => {
            style.indent = base_indent + size * 1.2;
            style.bar = Some(quote_bar(visuals));
        }
        BlockKind::Boilerplate => {
            style.font = prop(size * 0.82);
            style.color = weak;
        }
        BlockKind::Paragraph => {}
    }
    style
}

fn quote_bar(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x5a, 0x6b, 0x80)
    } else {
        Color32::from_rgb(0xb4, 0xc2, 0xd4)
    }
}

/// Colours of the things drawn over the text.
#[derive(Debug, Clone, Copy)]
pub struct MarkColors {
    pub selection: Color32,
    pub flash: Color32,
}

/// Find hits: a hue no frame of the codebook in use has (frames are fills in their own
/// colours), drawn as a light fill with an outline; the current hit filled strongly.
#[derive(Debug, Clone, Copy)]
pub struct FindColors {
    pub hit_fill: Color32,
    pub current_fill: Color32,
    pub line: Color32,
}

/// Bright hues frame palettes rarely use, for find hits.
const FIND_HUES: &[&str] = &["#00e5ff", "#c6ff00", "#ff2bd6", "#7c4dff"];

pub fn find_colors(visuals: &Visuals, book: &crate::analysis::codebook::Codebook) -> FindColors {
    let [r, g, b] = crate::analysis::codebook::parse_hex_color(book.farthest_color(FIND_HUES))
        .unwrap_or([0, 0xe5, 0xff]);
    let (hit, current) = if visuals.dark_mode {
        (70, 150)
    } else {
        (90, 170)
    };
    FindColors {
        hit_fill: Color32::from_rgba_unmultiplied(r, g, b, hit),
        current_fill: Color32::from_rgba_unmultiplied(r, g, b, current),
        line: Color32::from_rgb(r, g, b),
    }
}

pub fn mark_colors(visuals: &Visuals) -> MarkColors {
    if visuals.dark_mode {
        MarkColors {
            selection: Color32::from_rgba_unmultiplied(0x4a, 0x90, 0xe2, 110),
            flash: Color32::from_rgba_unmultiplied(0x4a, 0x90, 0xe2, 60),
        }
    } else {
        MarkColors {
            selection: Color32::from_rgba_unmultiplied(0x3d, 0x84, 0xe0, 80),
            flash: Color32::from_rgba_unmultiplied(0x3d, 0x84, 0xe0, 40),
        }
    }
}

/// The interface's text sizes: counts, legends and captions readable at 100 % zoom (egui's
/// defaults put small text at 10 px), and how glyphs are drawn. The zoom factor scales all of
/// the sizes together.
pub fn interface_text(style: &mut egui::Style) {
    use egui::TextStyle;
    for (text, size) in [
        (TextStyle::Small, 11.5),
        (TextStyle::Body, 13.5),
        (TextStyle::Button, 13.5),
        (TextStyle::Monospace, 13.0),
        (TextStyle::Heading, 19.0),
    ] {
        if let Some(font) = style.text_styles.get_mut(&text) {
            font.size = size;
        }
    }
    // Glyphs are drawn unhinted, as egui drew them before 0.37: running each font's hinting
    // program for every new glyph, and again for every change of size, took 8 of the first
    // frame's 18 ms (and 6 of a 10 MB article's first 22), for stems a little sharper.
    style.visuals.text_options.font_hinting = false;
}

#[cfg(test)]
mod find_colour_tests {
    use super::*;

    #[test]
    fn find_hits_use_a_hue_no_built_in_frame_has() {
        for (name, book) in crate::analysis::codebook::built_in() {
            for visuals in [Visuals::dark(), Visuals::light()] {
                let line = find_colors(&visuals, &book).line;
                for f in &book.frames {
                    let [r, g, b] = f.rgb();
                    let d = (i32::from(line.r()) - i32::from(r)).pow(2)
                        + (i32::from(line.g()) - i32::from(g)).pow(2)
                        + (i32::from(line.b()) - i32::from(b)).pow(2);
                    assert!(d > 80 * 80, "{name}: find hits look like {}", f.name);
                }
            }
        }
    }
}
