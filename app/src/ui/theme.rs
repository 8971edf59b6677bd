//! Normal and high-contrast looks, the zoom (type size) that presentation mode uses, and the
//! one type scale and spacing every panel draws with.

use egui::{Color32, Stroke, Visuals};

/// The type scale, in points before zoom. Panels name a size from here instead of writing
/// a number, so every panel reads alike and one change here changes them all.
pub mod size {
    /// Names and numbers a reader looks for in a list: a participant, a phone number.
    pub const EMPHASIS: f32 = 18.0;
    /// The title of a section inside a panel (a form's section).
    pub const SUBHEADING: f32 = 18.0;
    /// The few large buttons that start something (start a meeting, add my goal).
    pub const ACTION: f32 = 20.0;
    /// The person's own words on a goal card.
    pub const GOAL_WORDS: f32 = 20.0;
    /// The same on the shared screen.
    pub const GOAL_WORDS_PRESENTATION: f32 = 28.0;
    /// The agenda item in focus.
    pub const AGENDA_ITEM: f32 = 20.0;
    /// The same on the shared screen.
    pub const AGENDA_ITEM_PRESENTATION: f32 = 30.0;
    /// The rating buttons 1–10.
    pub const RATING: f32 = 16.0;
    /// The same on the shared screen.
    pub const RATING_PRESENTATION: f32 = 22.0;
    /// A line that introduces a screen to the person (their own mode).
    pub const INTRO: f32 = 24.0;
    /// The attendance control per participant.
    pub const ATTENDANCE: f32 = 16.0;
    /// The same on the shared screen: read from across the room.
    pub const ATTENDANCE_PRESENTATION: f32 = 24.0;
    /// Icons beside the words in the top bar.
    pub const ICON: f32 = 14.0;
}

/// Spacing, in points before zoom.
pub mod space {
    /// Between the widgets of a row and between rows.
    pub const ITEM: [f32; 2] = [8.0, 3.0];
    /// Inside a button, around its text.
    pub const BUTTON_PADDING: [f32; 2] = [8.0, 2.0];
    /// Between groups of controls (the top bar's groups, a panel's blocks).
    pub const GROUP: f32 = 12.0;
    /// The width of one goal card's column before the grid decides how many fit.
    pub const CARD_MIN_WIDTH: f32 = 520.0;
}

pub fn apply(ctx: &egui::Context, high_contrast: bool, zoom: f32) {
    // Adding the icon font is a no-op once it is there (egui checks by name).
    fonts(ctx);
    if (ctx.zoom_factor() - zoom).abs() > f32::EPSILON {
        ctx.set_zoom_factor(zoom);
    }
    let visuals = visuals(high_contrast);
    if ctx.global_style().visuals != visuals {
        ctx.set_visuals(visuals);
    }
    let item = egui::vec2(space::ITEM[0], space::ITEM[1]);
    let padding = egui::vec2(space::BUTTON_PADDING[0], space::BUTTON_PADDING[1]);
    let style = ctx.global_style();
    if style.spacing.item_spacing != item || style.spacing.button_padding != padding {
        ctx.global_style_mut(|s| {
            s.spacing.item_spacing = item;
            s.spacing.button_padding = padding;
        });
    }
}

/// The normal or the high-contrast look; the room's window uses the latter for itself.
pub fn visuals(high_contrast: bool) -> Visuals {
    if high_contrast {
        let mut v = Visuals::dark();
        v.override_text_color = Some(Color32::WHITE);
        v.panel_fill = Color32::BLACK;
        v.window_fill = Color32::BLACK;
        v.extreme_bg_color = Color32::from_gray(20);
        v.widgets.noninteractive.fg_stroke = Stroke::new(1.5, Color32::WHITE);
        v.widgets.inactive.bg_stroke = Stroke::new(1.5, Color32::YELLOW);
        v.selection.bg_fill = Color32::from_rgb(0, 90, 200);
        v
    } else {
        Visuals::light()
    }
}

/// The icon font (Material Symbols), drawn after the text font so icons sit inside labels.
fn fonts(ctx: &egui::Context) {
    let id = egui::Id::unique("ansvar_icon_font");
    if ctx.data(|d| d.get_temp::<bool>(id)).is_none() {
        egui_material_icons::initialize(ctx);
        ctx.data_mut(|d| d.insert_temp(id, true));
    }
}

/// An icon at `size`, no taller than the text beside it (the icon font's own line height
/// would make every button with an icon a third taller than one without).
pub fn icon(icon: egui_material_icons::MaterialIcon, size: f32) -> egui::RichText {
    icon.rich_text().size(size).line_height(Some(size))
}

/// Colours of the crisis plan's zones, readable in both looks.
pub fn zone_color(zone: crate::domain::Zone) -> Color32 {
    match zone {
        crate::domain::Zone::Green => Color32::from_rgb(30, 130, 60),
        crate::domain::Zone::Yellow => Color32::from_rgb(190, 140, 0),
        crate::domain::Zone::Red => Color32::from_rgb(190, 30, 30),
    }
}

pub fn warn_color() -> Color32 {
    Color32::from_rgb(200, 60, 0)
}

/// The colours of attendance, behind white text: present green, apologies amber, absent red
/// (not marked has none: it is drawn in the text colour, outlined).
pub fn attendance_color(a: Option<crate::domain::Attendance>) -> Color32 {
    use crate::domain::Attendance;
    match a {
        Some(Attendance::Present) => Color32::from_rgb(30, 120, 55),
        Some(Attendance::SentApologies) => Color32::from_rgb(170, 100, 0),
        Some(Attendance::Absent) => Color32::from_rgb(180, 30, 30),
        None => Color32::from_gray(100),
    }
}
