//! A small flow layouter over printpdf: blocks (headings, paragraphs, tables) in, A4 pages out.
//!
//! Text is measured with the embedded font's own advance widths and wrapped at word
//! boundaries. Blocks are cut into units (a line of a paragraph, a row of a table); a page
//! break falls only between units, so a table row is never split (unless a single row is taller
//! than a page). A table's header row is repeated on every page it continues on, a heading is
//! never left alone at the bottom of a page, and a kept group moves whole to the next page when
//! it fits on one. Every page gets a header (the person's name, the document and its date) and
//! a footer ("Side 2 av 5").
//!
//! The font is DejaVu Sans (regular and bold, `app/core/assets/fonts`, Bitstream Vera licence),
//! measured with its own advance widths (printpdf's `ParsedFont`) and embedded as a subset of
//! the characters the document uses (allsorts, the font library printpdf is built on).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, WindingOrder,
};

const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in points.
pub const PAGE_W: f32 = 595.276;
pub const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.0;
const MARGIN_TOP: f32 = 64.0;
const MARGIN_BOTTOM: f32 = 56.0;
pub const BODY_W: f32 = PAGE_W - 2.0 * MARGIN_X;
const BODY_H: f32 = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM;
const CELL_PAD: f32 = 4.0;

/// An RGB colour, 0–1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Colour(pub f32, pub f32, pub f32);

pub const BLACK: Colour = Colour(0.0, 0.0, 0.0);
pub const GREY: Colour = Colour(0.35, 0.35, 0.35);
pub const RULE: Colour = Colour(0.7, 0.7, 0.7);
pub const ACCENT: Colour = Colour(0.1, 0.3, 0.5);
pub const HEADER_FILL: Colour = Colour(0.88, 0.91, 0.95);
pub const GREEN: Colour = Colour(0.86, 0.95, 0.86);
pub const YELLOW: Colour = Colour(1.0, 0.96, 0.78);
pub const RED: Colour = Colour(0.98, 0.86, 0.86);
pub const NOTICE: Colour = Colour(1.0, 0.95, 0.85);

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub colour: Colour,
}

impl Style {
    pub const BODY: Style = Style {
        size: 10.0,
        bold: false,
        colour: BLACK,
    };
    pub const SMALL: Style = Style {
        size: 8.5,
        bold: false,
        colour: GREY,
    };
    pub const LABEL: Style = Style {
        size: 10.0,
        bold: true,
        colour: BLACK,
    };

    pub fn bold(self) -> Style {
        Style { bold: true, ..self }
    }

    pub fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }

    pub fn colour(self, colour: Colour) -> Style {
        Style { colour, ..self }
    }

    fn line_height(&self) -> f32 {
        self.size * 1.3
    }
}

/// One cell of a table.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: Style::BODY,
        }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub fill: Option<Colour>,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Row {
        Row { cells, fill: None }
    }

    pub fn filled(cells: Vec<Cell>, fill: Colour) -> Row {
        Row {
            cells,
            fill: Some(fill),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Table {
    /// Column widths as fractions of the body width; they should add up to 1.
    pub widths: Vec<f32>,
    /// Repeated at the top of every page the table continues on.
    pub header: Option<Vec<String>>,
    pub rows: Vec<Row>,
    /// Lines around the cells (false: a plain label/value list).
    pub grid: bool,
}

#[derive(Clone, Debug)]
pub enum Block {
    /// Level 1 (document title), 2 (section) or 3 (sub-section).
    Heading(u8, String),
    Para(String, Style),
    /// A paragraph on a tinted background, e.g. the consent notice.
    Notice(String, Colour),
    Table(Table),
    Space(f32),
    /// Blocks that move to the next page together when they do not fit at the bottom of this
    /// one (and do fit on a page of their own).
    Keep(Vec<Block>),
}

/// A document: header text and blocks.
pub struct Doc {
    /// Left of the header: the person's name.
    pub header_left: String,
    /// Right of the header: the document and its date.
    pub header_right: String,
    pub title: String,
    /// The language of the page footers ("Side 2 av 5").
    pub lang: crate::i18n::Lang,
    pub blocks: Vec<Block>,
}

// ---------------------------------------------------------------------------------------------
// Fonts and measuring
// ---------------------------------------------------------------------------------------------

struct Face {
    bytes: &'static [u8],
    font: ParsedFont,
    upem: f32,
    /// Advance widths of U+0000–U+024F in font units, for speed.
    latin: Vec<u16>,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Option<Face> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let upem = f32::from(font.units_per_em.max(1));
        let latin = (0u32..0x250)
            .map(|cp| {
                font.lookup_glyph_index(cp)
                    .and_then(|g| font.get_glyph_width(g))
                    .unwrap_or(0)
            })
            .collect();
        Some(Face {
            bytes,
            font,
            upem,
            latin,
        })
    }

    /// The font cut down to the glyphs of `used` (and .notdef), so that a PDF carries a few
    /// kilobytes of font instead of the whole face. `None` when subsetting fails; the caller
    /// then embeds the whole font.
    fn subset(&self, used: &BTreeSet<char>) -> Option<ParsedFont> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{CmapTarget, SubsetProfile, subset};
        let mut gids: Vec<u16> = used
            .iter()
            .filter_map(|c| self.font.lookup_glyph_index(*c as u32))
            .filter(|g| *g != 0)
            .collect();
        gids.sort_unstable();
        gids.dedup();
        gids.insert(0, 0);
        let data = ReadScope::new(self.bytes).read::<FontData<'_>>().ok()?;
        let provider = data.table_provider(0).ok()?;
        let bytes = subset(&provider, &gids, &SubsetProfile::Pdf, CmapTarget::Unicode).ok()?;
        let font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())?;
        // Every character must still map to a glyph, or the text would be lost.
        used.iter()
            .all(|c| {
                self.font
                    .lookup_glyph_index(*c as u32)
                    .is_none_or(|g| g == 0)
                    || font.lookup_glyph_index(*c as u32).is_some_and(|g| g != 0)
            })
            .then_some(font)
    }

    fn advance(&self, c: char) -> f32 {
        let cp = c as u32;
        let units = match self.latin.get(cp as usize) {
            Some(w) => *w,
            None => self
                .font
                .lookup_glyph_index(cp)
                .or_else(|| self.font.lookup_glyph_index('?' as u32))
                .and_then(|g| self.font.get_glyph_width(g))
                .unwrap_or(0),
        };
        f32::from(units) / self.upem
    }
}

pub struct Fonts {
    regular: Face,
    bold: Face,
}

/// The embedded fonts, parsed once.
pub fn fonts() -> Result<&'static Fonts, String> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: Face::load(REGULAR_TTF)?,
                bold: Face::load(BOLD_TTF)?,
            })
        })
        .as_ref()
        .ok_or_else(|| "the embedded font could not be read".to_string())
}

impl Fonts {
    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    /// Width of `text` in points.
    pub fn width(&self, text: &str, style: Style) -> f32 {
        let face = self.face(style.bold);
        text.chars().map(|c| face.advance(c)).sum::<f32>() * style.size
    }

    /// Breaks `text` into lines no wider than `width`: at spaces, at explicit line breaks, and
    /// inside a word only when the word alone is wider than the line.
    pub fn wrap(&self, text: &str, width: f32, style: Style) -> Vec<String> {
        let face = self.face(style.bold);
        let w = |c: char| face.advance(c) * style.size;
        let space = w(' ');
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in para.split_whitespace() {
                let word_w: f32 = word.chars().map(w).sum();
                let sep = if line.is_empty() { 0.0 } else { space };
                if line_w + sep + word_w <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += sep + word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if word_w <= width {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                // A word longer than the line: break it where it must.
                for c in word.chars() {
                    let cw = w(c);
                    if line_w + cw > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
            lines.push(line);
        }
        // Leading and trailing empty lines say nothing.
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        while lines.first().is_some_and(|l| l.is_empty()) {
            lines.remove(0);
        }
        lines
    }
}

/// Characters the font cannot draw in a line: control characters become spaces.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Units and pagination
// ---------------------------------------------------------------------------------------------

/// Something drawn, relative to the top of its unit (y grows downwards).
#[derive(Clone, Debug)]
enum Draw {
    Text {
        x: f32,
        baseline: f32,
        text: String,
        style: Style,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        colour: Colour,
    },
}

/// A slice of the flow that is never split across pages.
#[derive(Clone, Debug)]
struct Unit {
    height: f32,
    draws: Vec<Draw>,
    /// Must be on the same page as the next unit (headings, kept groups).
    keep_with_next: bool,
    /// The header row to repeat when this unit starts a new page (table rows).
    repeat: Option<Box<Unit>>,
    /// Vertical space that is dropped at the top of a page.
    space: bool,
}

impl Unit {
    fn new(height: f32, draws: Vec<Draw>) -> Unit {
        Unit {
            height,
            draws,
            keep_with_next: false,
            repeat: None,
            space: false,
        }
    }
}

fn text_lines(fonts: &Fonts, text: &str, style: Style, x: f32, width: f32) -> Vec<Unit> {
    let lh = style.line_height();
    fonts
        .wrap(&clean(text), width, style)
        .into_iter()
        .map(|line| {
            Unit::new(
                lh,
                vec![Draw::Text {
                    x,
                    baseline: style.size,
                    text: line,
                    style,
                }],
            )
        })
        .collect()
}

fn space(h: f32) -> Unit {
    Unit {
        space: true,
        ..Unit::new(h, Vec::new())
    }
}

/// Lays out one row of cells as one unit.
fn table_row(fonts: &Fonts, cols: &[(f32, f32)], row: &Row, grid: bool) -> Unit {
    let mut draws = Vec::new();
    let mut height: f32 = 0.0;
    let mut cell_draws = Vec::new();
    for (i, (x, w)) in cols.iter().enumerate() {
        let Some(cell) = row.cells.get(i) else {
            continue;
        };
        let lh = cell.style.line_height();
        let lines = fonts.wrap(&clean(&cell.text), w - 2.0 * CELL_PAD, cell.style);
        let h = lines.len() as f32 * lh + 2.0 * CELL_PAD;
        height = height.max(h);
        for (k, line) in lines.into_iter().enumerate() {
            cell_draws.push(Draw::Text {
                x: x + CELL_PAD,
                baseline: CELL_PAD + k as f32 * lh + cell.style.size,
                text: line,
                style: cell.style,
            });
        }
    }
    height = height.max(Style::BODY.line_height() + 2.0 * CELL_PAD);
    let left = cols.first().map_or(MARGIN_X, |c| c.0);
    let right = cols.last().map_or(MARGIN_X + BODY_W, |c| c.0 + c.1);
    if let Some(fill) = row.fill {
        draws.push(Draw::Fill {
            x: left,
            y: 0.0,
            w: right - left,
            h: height,
            colour: fill,
        });
    }
    draws.extend(cell_draws);
    if grid {
        for y in [0.0, height] {
            draws.push(Draw::Line {
                x1: left,
                y1: y,
                x2: right,
                y2: y,
                colour: RULE,
            });
        }
        for x in cols.iter().map(|c| c.0).chain([right]) {
            draws.push(Draw::Line {
                x1: x,
                y1: 0.0,
                x2: x,
                y2: height,
                colour: RULE,
            });
        }
    }
    Unit::new(height, draws)
}

fn block_units(fonts: &Fonts, block: &Block, out: &mut Vec<Unit>) {
    match block {
        Block::Heading(level, text) => {
            let (style, before, after) = match level {
                1 => (Style::BODY.bold().size(18.0).colour(ACCENT), 0.0, 6.0),
                2 => (Style::BODY.bold().size(13.5).colour(ACCENT), 14.0, 4.0),
                _ => (Style::BODY.bold().size(11.0), 8.0, 2.0),
            };
            if before > 0.0 {
                out.push(space(before));
            }
            let mut lines = text_lines(fonts, text, style, MARGIN_X, BODY_W);
            if *level == 2
                && let Some(last) = lines.last_mut()
            {
                last.height += 3.0;
                last.draws.push(Draw::Line {
                    x1: MARGIN_X,
                    y1: last.height - 1.5,
                    x2: MARGIN_X + BODY_W,
                    y2: last.height - 1.5,
                    colour: ACCENT,
                });
            }
            if let Some(last) = lines.last_mut() {
                last.height += after;
            }
            for mut l in lines {
                l.keep_with_next = true;
                out.push(l);
            }
        }
        Block::Para(text, style) => {
            out.extend(text_lines(fonts, text, *style, MARGIN_X, BODY_W));
            out.push(space(3.0));
        }
        Block::Notice(text, colour) => {
            let style = Style::BODY;
            let mut lines = text_lines(fonts, text, style, MARGIN_X + 6.0, BODY_W - 12.0);
            let n = lines.len();
            for (i, l) in lines.iter_mut().enumerate() {
                let (top, bottom) = (
                    if i == 0 { 5.0 } else { 0.0 },
                    if i + 1 == n { 5.0 } else { 0.0 },
                );
                for d in &mut l.draws {
                    if let Draw::Text { baseline, .. } = d {
                        *baseline += top;
                    }
                }
                l.height += top + bottom;
                l.draws.insert(
                    0,
                    Draw::Fill {
                        x: MARGIN_X,
                        y: 0.0,
                        w: BODY_W,
                        h: l.height,
                        colour: *colour,
                    },
                );
            }
            out.extend(lines);
            out.push(space(6.0));
        }
        Block::Space(h) => out.push(space(*h)),
        Block::Table(table) => {
            let mut x = MARGIN_X;
            let cols: Vec<(f32, f32)> = table
                .widths
                .iter()
                .map(|f| {
                    let w = f * BODY_W;
                    let c = (x, w);
                    x += w;
                    c
                })
                .collect();
            let header = table.header.as_ref().map(|titles| {
                let row = Row::filled(
                    titles
                        .iter()
                        .map(|t| Cell::styled(t.clone(), Style::LABEL.size(9.0)))
                        .collect(),
                    HEADER_FILL,
                );
                table_row(fonts, &cols, &row, table.grid)
            });
            if let Some(h) = &header {
                out.push(Unit {
                    keep_with_next: true,
                    ..h.clone()
                });
            }
            for row in &table.rows {
                let mut unit = table_row(fonts, &cols, row, table.grid);
                unit.repeat = header.clone().map(Box::new);
                out.push(unit);
            }
            out.push(space(6.0));
        }
        Block::Keep(blocks) => {
            let start = out.len();
            for b in blocks {
                block_units(fonts, b, out);
            }
            // Trailing spaces need not hold on to what follows.
            let mut end = out.len();
            while end > start && out[end - 1].space {
                end -= 1;
            }
            let total: f32 = out[start..end].iter().map(|u| u.height).sum();
            if total <= BODY_H * 0.6 && end > start {
                for u in &mut out[start..end - 1] {
                    u.keep_with_next = true;
                }
            }
        }
    }
}

/// A laid-out page: draws with absolute y from the page top.
struct PlacedPage {
    draws: Vec<Draw>,
}

fn place(unit: &Unit, y: f32, page: &mut PlacedPage) {
    for d in &unit.draws {
        page.draws.push(match d.clone() {
            Draw::Text {
                x,
                baseline,
                text,
                style,
            } => Draw::Text {
                x,
                baseline: baseline + y,
                text,
                style,
            },
            Draw::Fill {
                x,
                y: dy,
                w,
                h,
                colour,
            } => Draw::Fill {
                x,
                y: dy + y,
                w,
                h,
                colour,
            },
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                colour,
            } => Draw::Line {
                x1,
                y1: y1 + y,
                x2,
                y2: y2 + y,
                colour,
            },
        });
    }
}

fn paginate(units: &[Unit]) -> Vec<PlacedPage> {
    let mut pages = vec![PlacedPage { draws: Vec::new() }];
    let mut y = MARGIN_TOP;
    let bottom = PAGE_H - MARGIN_BOTTOM;
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        let at_top = (y - MARGIN_TOP).abs() < 0.01;
        if unit.space {
            if !at_top {
                y += unit.height;
            }
            i += 1;
            continue;
        }
        // The height that has to fit together: this unit and what it keeps with.
        let mut need = unit.height;
        let mut k = i;
        while units[k].keep_with_next && k + 1 < units.len() {
            k += 1;
            if !units[k].space {
                need += units[k].height;
            }
        }
        let fits = y + need <= bottom;
        let chain_fits_a_page = need <= BODY_H;
        let must_break = if chain_fits_a_page {
            !fits
        } else {
            y + unit.height > bottom
        };
        if must_break && !at_top {
            pages.push(PlacedPage { draws: Vec::new() });
            y = MARGIN_TOP;
            if let Some(header) = &unit.repeat {
                let page = pages.last_mut().expect("a page was just pushed");
                place(header, y, page);
                y += header.height;
            }
        }
        let page = pages.last_mut().expect("there is always a page");
        place(unit, y, page);
        y += unit.height;
        i += 1;
    }
    pages
}

// ---------------------------------------------------------------------------------------------
// Rendering to PDF
// ---------------------------------------------------------------------------------------------

fn rgb(c: Colour) -> Color {
    Color::Rgb(Rgb::new(c.0, c.1, c.2, None))
}

struct FontIds {
    regular: FontId,
    bold: FontId,
}

fn text_ops(
    ops: &mut Vec<Op>,
    ids: &FontIds,
    x: f32,
    baseline_from_top: f32,
    text: &str,
    style: Style,
) {
    if text.is_empty() {
        return;
    }
    let font = if style.bold { &ids.bold } else { &ids.regular };
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font.clone()),
        size: Pt(style.size),
    });
    ops.push(Op::SetFillColor {
        col: rgb(style.colour),
    });
    ops.push(Op::SetTextCursor {
        pos: Point {
            x: Pt(x),
            y: Pt(PAGE_H - baseline_from_top),
        },
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(text.to_string())],
    });
    ops.push(Op::EndTextSection);
}

fn page_ops(page: &PlacedPage, ids: &FontIds) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.draws.len() * 6);
    // Fills first, so that text and lines are drawn over them.
    for d in &page.draws {
        if let Draw::Fill { x, y, w, h, colour } = d {
            ops.push(Op::SetFillColor { col: rgb(*colour) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(PAGE_H - y - h),
                    width: Pt(*w),
                    height: Pt(*h),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
        }
    }
    let mut stroke_set = false;
    for d in &page.draws {
        match d {
            Draw::Fill { .. } => {}
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                colour,
            } => {
                if !stroke_set {
                    ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
                    stroke_set = true;
                }
                ops.push(Op::SetOutlineColor { col: rgb(*colour) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: Pt(*x1),
                                    y: Pt(PAGE_H - y1),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: Pt(*x2),
                                    y: Pt(PAGE_H - y2),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Draw::Text {
                x,
                baseline,
                text,
                style,
            } => text_ops(&mut ops, ids, *x, *baseline, text, *style),
        }
    }
    ops
}

/// Lays out and writes the document. Returns the PDF bytes and the number of pages.
pub fn render(doc: &Doc) -> Result<(Vec<u8>, usize), String> {
    let fonts = fonts()?;
    let mut units = Vec::new();
    for b in &doc.blocks {
        block_units(fonts, b, &mut units);
    }
    let mut pages = paginate(&units);
    let total = pages.len();

    // Header and footer on every page.
    let small = Style::SMALL;
    let header_y = MARGIN_TOP - 24.0;
    let right_w = fonts.width(&doc.header_right, small);
    let left_max = BODY_W - right_w - 12.0;
    let header_left = fonts
        .wrap(&clean(&doc.header_left), left_max.max(40.0), small)
        .into_iter()
        .next()
        .unwrap_or_default();
    for (n, page) in pages.iter_mut().enumerate() {
        let footer =
            crate::text::S::PdfPageOf.fill(doc.lang, &[&(n + 1).to_string(), &total.to_string()]);
        let footer_w = fonts.width(&footer, small);
        page.draws.extend([
            Draw::Text {
                x: MARGIN_X,
                baseline: header_y,
                text: header_left.clone(),
                style: small,
            },
            Draw::Text {
                x: MARGIN_X + BODY_W - right_w,
                baseline: header_y,
                text: doc.header_right.clone(),
                style: small,
            },
            Draw::Line {
                x1: MARGIN_X,
                y1: header_y + 5.0,
                x2: MARGIN_X + BODY_W,
                y2: header_y + 5.0,
                colour: RULE,
            },
            Draw::Text {
                x: MARGIN_X + BODY_W - footer_w,
                baseline: PAGE_H - MARGIN_BOTTOM + 26.0,
                text: footer,
                style: small,
            },
        ]);
    }

    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.producer = "Ansvar".into();
    pdf.metadata.info.creator = "Ansvar".into();
    let (mut used_regular, mut used_bold) = (BTreeSet::new(), BTreeSet::new());
    for page in &pages {
        for d in &page.draws {
            if let Draw::Text { text, style, .. } = d {
                let set = if style.bold {
                    &mut used_bold
                } else {
                    &mut used_regular
                };
                set.extend(text.chars());
            }
        }
    }
    let regular = fonts.regular.subset(&used_regular);
    let bold = fonts.bold.subset(&used_bold);
    let ids = FontIds {
        regular: pdf.add_font(regular.as_ref().unwrap_or(&fonts.regular.font)),
        bold: pdf.add_font(bold.as_ref().unwrap_or(&fonts.bold.font)),
    };
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .map(|p| PdfPage::new(Mm(210.0), Mm(297.0), page_ops(p, &ids)))
        .collect();
    let mut warnings = Vec::new();
    let bytes = pdf.with_pages(pdf_pages).save(
        &PdfSaveOptions {
            optimize: true,
            subset_fonts: true,
            secure: true,
            image_optimization: None,
        },
        &mut warnings,
    );
    Ok((bytes, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_fits_and_keeps_every_word() {
        let f = fonts().unwrap();
        let text = "Jeg vil ha en jobb der jeg kan være ute, og slippe å grue meg når jeg åpner posten. \
                    Ekstraordinærtlangtordsomikkefårplasspåénlinjeoghelderikkepåto";
        let lines = f.wrap(text, 120.0, Style::BODY);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(f.width(l, Style::BODY) <= 120.0 + 0.01, "{l}");
        }
        let joined: String = lines.concat();
        let words: String = text.split_whitespace().collect();
        assert_eq!(joined.replace(' ', ""), words);
    }

    #[test]
    fn bold_is_wider_and_widths_add_up() {
        let f = fonts().unwrap();
        let s = "Æøå Kriseplan";
        assert!(f.width(s, Style::BODY.bold()) > f.width(s, Style::BODY));
        let sum = f.width("Æøå ", Style::BODY) + f.width("Kriseplan", Style::BODY);
        assert!((sum - f.width(s, Style::BODY)).abs() < 0.01);
    }
}
