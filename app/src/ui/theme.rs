//! Normal and high-contrast looks, and the zoom (type size) that presentation mode uses.

use egui::{Color32, Stroke, Visuals};

pub fn apply(ctx: &egui::Context, high_contrast: bool, zoom: f32) {
    if (ctx.zoom_factor() - zoom).abs() > f32::EPSILON {
        ctx.set_zoom_factor(zoom);
    }
    let visuals = if high_contrast {
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
    };
    if ctx.global_style().visuals != visuals {
        ctx.set_visuals(visuals);
    }
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
