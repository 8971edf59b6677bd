//! The room's own window: while presenting, the shared screen is a second OS window (an egui
//! viewport) that can be dragged to the projector and made full-screen. It draws only from the
//! room's filtered view, large and in high contrast, with the agenda item in focus; the
//! coordinator's window keeps every control and the full case. With one screen (a setting, or
//! a platform that cannot open a second viewport) presentation stays in the one window.

use egui::{Color32, Key, Modifiers, RichText, Ui, ViewportBuilder, ViewportId};

use super::{AppState, CaseCommand, Command, S, View, ViewCommand, command, person_mode, theme};
use crate::consent::{Audience, ViewCache};
use crate::domain::{AgendaItem, AgendaItemId, Meeting, Section};

/// The setting that keeps presentation in the coordinator's window.
pub const ONE_SCREEN_SETTING: &str = "ui.one_screen";

/// The room's window, and what it keeps between frames.
#[derive(Default)]
pub struct RoomUi {
    /// Present in the coordinator's window even where a second window could open.
    pub one_screen: bool,
    pub fullscreen: bool,
    /// Whether the room has its own window this frame (set at the start of each frame).
    pub open: bool,
    /// The room's view of the open case, kept between frames apart from the coordinator's.
    pub views: ViewCache,
    /// The room's own copies of the tabs: their state (caches, what is expanded) is the room's,
    /// so the two windows never undo each other's every frame.
    pub panels: Vec<Box<dyn super::panel::Panel>>,
}

/// The room's window among the app's viewports.
pub fn viewport_id() -> ViewportId {
    ViewportId::from_hash_of("ansvar_room")
}

/// Whether the room gets its own window this frame: presenting, not set to one screen, and
/// the platform can open a second viewport (egui embeds them where it cannot).
pub fn separate(s: &AppState, ctx: &egui::Context) -> bool {
    s.presentation && !s.room.one_screen && !ctx.embed_viewports()
}

/// The curtain as it stands once `commands` are carried out: the room blanks in the frame the
/// key is pressed or the idle lock fires, not the frame after.
pub fn curtain_after(mut on: bool, commands: &[Command]) -> bool {
    for c in commands {
        match c {
            Command::View(ViewCommand::SetCurtain(v)) => on = *v,
            Command::View(ViewCommand::ToggleCurtain) => on = !on,
            _ => {}
        }
    }
    on
}

/// Shows the room's window for this frame; its commands join `out`.
pub fn show_window(ctx: &egui::Context, s: &mut AppState, curtain: bool, out: &mut Vec<Command>) {
    let builder = ViewportBuilder::default()
        .with_title(S::RoomWindowTitle.get(s.lang))
        .with_inner_size([1280.0, 720.0])
        .with_fullscreen(s.room.fullscreen);
    let mut room_out = Vec::new();
    ctx.show_viewport_immediate(viewport_id(), builder, |ui, _class| {
        // Inside a real second window the input is that window's own; where it is embedded
        // the coordinator's keys were already taken, so none is read twice.
        room_out.extend(command::from_keys(ui.ctx()).into_iter().map(|c| match c {
            Command::View(ViewCommand::ZoomBy(f)) => Command::View(ViewCommand::ZoomRoomBy(f)),
            c => c,
        }));
        if ui.input(|i| i.viewport().close_requested()) {
            room_out.push(Command::View(ViewCommand::SetPresentation(false)));
        }
        if s.room.fullscreen && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            room_out.push(Command::View(ViewCommand::SetRoomFullscreen(false)));
        }
        if ui.input(|i| !i.events.is_empty() || i.pointer.is_moving()) {
            s.last_activity = std::time::Instant::now();
        }
        let blank = curtain_after(curtain, &room_out);
        draw(ui, s, blank, &mut room_out);
    });
    out.extend(room_out);
}

/// Draws the room's screen into `ui`: black when `blank`, else the room's filtered view.
pub fn draw(ui: &mut Ui, s: &mut AppState, blank: bool, out: &mut Vec<Command>) {
    let rect = ui.max_rect();
    ui.painter().rect_filled(rect, 0.0, Color32::BLACK);
    if blank {
        // Nothing to read and nothing to click: the coordinator lifts the curtain.
        ui.allocate_space(ui.available_size());
        return;
    }
    // The zoom is shared by every window, so the room scales its own type instead.
    let scale = (s.presentation_zoom / s.zoom.max(0.1)).clamp(0.5, 4.0);
    let style = room_style(ui.style(), scale);
    ui.push_id("room", |ui| {
        ui.set_style(style);
        egui::Frame::NONE.inner_margin(16.0).show(ui, |ui| {
            let fullscreen = s.room.fullscreen;
            ui.horizontal(|ui| {
                let label = if fullscreen {
                    S::RoomLeaveFullScreen
                } else {
                    S::RoomFullScreen
                };
                if ui.button(label.get(s.lang)).clicked() {
                    out.push(Command::View(ViewCommand::SetRoomFullscreen(!fullscreen)));
                }
            });
            content(ui, s, scale, out);
        });
    });
}

fn room_style(base: &egui::Style, scale: f32) -> egui::Style {
    let mut style = base.clone();
    style.visuals = theme::visuals(true);
    for font in style.text_styles.values_mut() {
        font.size *= scale;
    }
    style.spacing.item_spacing *= scale;
    style.spacing.button_padding *= scale;
    style.spacing.interact_size *= scale;
    style
}

fn content(ui: &mut Ui, s: &mut AppState, scale: f32, out: &mut Vec<Command>) {
    let Some(session) = s.session.as_ref() else {
        ui.heading("Ansvar");
        return;
    };
    // Only the room's view reaches this window: the case as everyone who may be in the room
    // may see it, kept in the room's own cache (the coordinator's window holds the whole case).
    let today = s.clock.today();
    let whole = session.case();
    let audience = Audience::room(whole, today);
    let case = s
        .room
        .views
        .view(whole, session.revision(), audience, today);
    let view = View {
        case: &case,
        lang: s.lang,
        clock: &s.clock,
        today,
        presentation: true,
        user: s.user.name().to_string(),
        log: s.log.as_ref().map(|(_, _, log)| case.with_log(log)),
        // Who opened and exported the case is for the coordinator's desk only.
        access: None,
        plugins: &s.plugins,
    };
    let (tab, focus) = (s.tab, s.agenda_focus);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if s.person_mode {
                // The person types here: whatever the screen sends is theirs, on the room's view.
                let mut theirs = Vec::new();
                person_mode::show(ui, &view, &mut theirs);
                out.extend(theirs.into_iter().filter_map(in_room));
                return;
            }
            ui.heading(&view.case.person.name);
            let running = view.case.open_meeting();
            if let (S::TabMeeting, Some(m)) = (tab, running) {
                agenda(ui, &view, m, focus, scale);
                return;
            }
            if let Some((n, item)) = running.and_then(|m| focused(m, focus)) {
                let now = format!("{} {}. {}", view.t(S::RoomNow), n + 1, item.title);
                ui.label(RichText::new(now).strong());
            }
            ui.separator();
            // The room sees the coordinator's tab, read only: its clicks change nothing.
            if let Some(panel) = s.room.panels.iter_mut().find(|p| p.title() == tab) {
                let mut ignored = Vec::new();
                panel.show(ui, &view, &mut ignored);
            }
        });
}

/// A command from the room's window in the person's own mode: an edit becomes the person's,
/// made on the room's view; nothing else the screen could send is let through.
fn in_room(c: Command) -> Option<Command> {
    match c {
        Command::Case(CaseCommand::Edit(e) | CaseCommand::EditAsPerson(e)) => {
            Some(Command::Case(CaseCommand::EditInRoom(e)))
        }
        _ => None,
    }
}

/// The open meeting's item in focus, with its place on the agenda.
fn focused(m: &Meeting, focus: Option<AgendaItemId>) -> Option<(usize, &AgendaItem)> {
    let id = focus?;
    m.agenda.iter().enumerate().find(|(_, i)| i.id == id)
}

/// The running meeting as the room sees it: the agenda with the item in focus marked, then
/// that item large with its minutes and what it is about, as far as the room may see.
fn agenda(ui: &mut Ui, view: &View, m: &Meeting, focus: Option<AgendaItemId>, scale: f32) {
    let current = focused(m, focus);
    // The sizes the single-window presentation uses, at the room's own type scale.
    let (title, words) = (
        theme::size::AGENDA_ITEM_PRESENTATION * scale,
        theme::size::GOAL_WORDS_PRESENTATION * scale,
    );
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        ui.strong(view.t(S::Agenda));
        for (n, item) in m.agenda.iter().enumerate() {
            let text = format!("{}. {}", n + 1, item.title);
            if Some(item.id) == focus {
                ui.label(RichText::new(text).strong().color(Color32::YELLOW));
            } else {
                ui.label(text);
            }
        }
        let ui = &mut cols[1];
        let Some((n, item)) = current else {
            return;
        };
        let now = format!("{} {}. {}", view.t(S::RoomNow), n + 1, item.title);
        ui.label(RichText::new(now).size(title).strong());
        if view.shows(Section::Minutes) && !item.minutes.is_empty() {
            ui.label(&item.minutes);
        }
        for goal in item.goals.iter().filter_map(|g| view.case.goal(*g)) {
            if view.shows(Section::Goals(goal.domain)) {
                ui.separator();
                ui.label(RichText::new(&goal.own_words).size(words).strong());
            }
        }
        // The room's view holds only the actions the room may see.
        for a in item.actions.iter().filter_map(|a| view.case.action(*a)) {
            ui.label(&a.what);
        }
    });
}

/// The coordinator's strip while presenting: where the room's screen is, and the one-screen
/// choice.
pub fn bar(ui: &mut Ui, s: &AppState, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        if s.room.open {
            ui.label(S::RoomOwnWindow.get(s.lang));
            let label = if s.room.fullscreen {
                S::RoomLeaveFullScreen
            } else {
                S::RoomFullScreen
            };
            if ui.button(label.get(s.lang)).clicked() {
                out.push(Command::View(ViewCommand::ToggleRoomFullscreen));
            }
        }
        let mut one = s.room.one_screen;
        if ui.checkbox(&mut one, S::OneScreen.get(s.lang)).changed() {
            out.push(Command::View(ViewCommand::SetOneScreen(one)));
        }
    });
}
