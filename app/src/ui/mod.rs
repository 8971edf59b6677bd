//! The egui app. State lives in [`AppState`]; panels (one module each) read it and push
//! [`Command`]s; [`AppState::execute`] carries them out, every change to a case through the
//! session's one edit path.

mod actions;
mod case_list;
mod crisis_plan;
mod export;
mod forms;
mod goals;
mod history;
mod meeting;
mod overview;
mod participants;
mod person_mode;
mod plugins;
mod settings;
pub mod strings;
mod theme;
mod widgets;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui::{Key, KeyboardShortcut, Modifiers};

use crate::clock::Clock;
use crate::consent;
use crate::domain::{Author, Case, CaseId, Edit, Section};
use crate::i18n::Lang;
use crate::session::Session;
use crate::store::{CaseSummary, Store};
pub use strings::S;

/// The tabs of an open case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Meeting,
    Goals,
    CrisisPlan,
    Actions,
    Forms,
    Participants,
    History,
}

impl Tab {
    pub const ALL: [Tab; 8] = [
        Tab::Overview,
        Tab::Meeting,
        Tab::Goals,
        Tab::CrisisPlan,
        Tab::Actions,
        Tab::Forms,
        Tab::Participants,
        Tab::History,
    ];

    pub fn label(self) -> S {
        match self {
            Tab::Overview => S::TabOverview,
            Tab::Meeting => S::TabMeeting,
            Tab::Goals => S::TabGoals,
            Tab::CrisisPlan => S::TabCrisisPlan,
            Tab::Actions => S::TabActions,
            Tab::Forms => S::TabForms,
            Tab::Participants => S::TabParticipants,
            Tab::History => S::TabHistory,
        }
    }
}

/// Everything a panel can ask for. Panels never change state themselves.
#[derive(Clone, Debug)]
pub enum Command {
    /// Apply an edit to the open case as the staff member using the app.
    Edit(Edit),
    /// Apply an edit as the person the plan is for (their own mode).
    EditAsPerson(Edit),
    Undo,
    Redo,
    OpenCase(CaseId),
    CloseCase,
    NewCase,
    WriteDemo,
    SetTab(Tab),
    SetPresentation(bool),
    SetHighContrast(bool),
    SetCurtain(bool),
    /// Who is using this computer: the author of every edit from now on.
    SetUser(Author),
    /// Minutes without input before the screen hides itself.
    SetIdleLock(u64),
    SetPersonMode(bool),
    SetLang(Lang),
    ShowHelp(bool),
    ZoomBy(f32),
    ShowPlugins(bool),
    InstallPlugin,
    RemovePlugin(String),
    /// Export the plan (`None`) or a meeting's minutes as PDF.
    ExportPdf(Option<crate::domain::MeetingId>),
    /// A plugin call failed because of the plugin: mark it failing (id, message).
    PluginFailed(String, String),
    /// Show a message to the user.
    Notify(String),
}

/// The app's state, apart from the UI toolkit. Tests drive it through the real UI.
pub struct AppState {
    pub store: Arc<Store>,
    pub lang: Lang,
    pub user: Author,
    /// The one clock: every "now" and "today" in the app comes from it.
    pub clock: Clock,
    pub cases: Vec<CaseSummary>,
    /// Changes whenever `cases` is read again.
    pub cases_generation: u64,
    pub session: Option<Session>,
    pub tab: Tab,
    pub presentation: bool,
    pub high_contrast: bool,
    /// Type size at the desk and on the shared screen; Ctrl +/− changes the one in use.
    pub zoom: f32,
    pub presentation_zoom: f32,
    pub curtain: bool,
    pub person_mode: bool,
    pub show_help: bool,
    pub show_plugins: bool,
    pub idle_lock: Duration,
    pub settings: settings::SettingsUi,
    pub last_activity: Instant,
    pub message: Option<String>,
    pub case_list: case_list::CaseListUi,
    pub overview: overview::OverviewUi,
    pub meeting: meeting::MeetingUi,
    pub goals: goals::GoalsUi,
    pub actions: actions::ActionsUi,
    pub participants: participants::ParticipantsUi,
    pub crisis: crisis_plan::CrisisUi,
    pub history: history::HistoryUi,
    pub forms: forms::FormsUi,
    pub plugins: plugins::PluginsUi,
    pub export: export::ExportUi,
}

/// What a panel sees: the open case and how to present it.
pub struct View<'a> {
    pub case: &'a Case,
    pub lang: Lang,
    pub clock: &'a Clock,
    /// The clock's date, read once per frame.
    pub today: NaiveDate,
    /// Sections everyone present may see; `None` when no meeting is being shown.
    pub visible: Option<std::collections::BTreeSet<Section>>,
    pub presentation: bool,
    /// The staff member using the app.
    pub user: String,
}

impl View<'_> {
    pub fn t(&self, s: S) -> &'static str {
        s.get(self.lang)
    }

    /// Whether a section may be shown on the shared screen now.
    pub fn shows(&self, section: Section) -> bool {
        self.visible.as_ref().is_none_or(|v| v.contains(&section))
    }
}

const ZOOM_SETTING: &str = "ui.zoom";
const PRESENTATION_ZOOM_SETTING: &str = "ui.presentation_zoom";
const LANG_SETTING: &str = "ui.lang";
const USER_SETTING: &str = "ui.user";
const IDLE_LOCK_SETTING: &str = "ui.idle_lock_minutes";

impl AppState {
    pub fn new(store: Arc<Store>, clock: Clock) -> AppState {
        let lang: Lang = store
            .setting(LANG_SETTING)
            .ok()
            .flatten()
            .unwrap_or_default();
        // A little larger than egui's default: the screen is read across a meeting table.
        let zoom: f32 = store.setting(ZOOM_SETTING).ok().flatten().unwrap_or(1.2);
        let presentation_zoom: f32 = store
            .setting(PRESENTATION_ZOOM_SETTING)
            .ok()
            .flatten()
            .unwrap_or(1.7);
        let user = store
            .setting(USER_SETTING)
            .ok()
            .flatten()
            .unwrap_or(Author::Staff {
                name: lang.pick("Koordinator", "Coordinator").to_string(),
                organisation: String::new(),
            });
        let idle_lock_minutes: u64 = store
            .setting(IDLE_LOCK_SETTING)
            .ok()
            .flatten()
            .filter(|m| settings::IDLE_LOCK_CHOICES.contains(m))
            .unwrap_or(10);
        let mut state = AppState {
            store,
            lang,
            user,
            clock,
            cases: Vec::new(),
            cases_generation: 0,
            session: None,
            tab: Tab::Overview,
            presentation: false,
            high_contrast: false,
            zoom: zoom.clamp(0.5, 3.0),
            presentation_zoom: presentation_zoom.clamp(0.5, 3.0),
            curtain: false,
            person_mode: false,
            show_help: false,
            show_plugins: false,
            idle_lock: Duration::from_secs(idle_lock_minutes * 60),
            settings: Default::default(),
            last_activity: Instant::now(),
            message: None,
            case_list: Default::default(),
            overview: Default::default(),
            meeting: Default::default(),
            goals: Default::default(),
            actions: Default::default(),
            participants: Default::default(),
            crisis: Default::default(),
            history: Default::default(),
            forms: Default::default(),
            plugins: Default::default(),
            export: Default::default(),
        };
        state.refresh_cases();
        state
    }

    pub fn t(&self, s: S) -> &'static str {
        s.get(self.lang)
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    fn refresh_cases(&mut self) {
        match self.store.list_cases() {
            Ok(cases) => {
                self.cases = cases;
                self.cases_generation += 1;
            }
            Err(e) => self.message = Some(e.message(self.lang)),
        }
    }

    fn person_author(&self) -> Author {
        Author::Person {
            name: self
                .session
                .as_ref()
                .map(|s| s.case().person.name.clone())
                .unwrap_or_default(),
        }
    }

    /// Sections that everyone marked present at the running meeting may see.
    fn visible_sections(&self) -> Option<std::collections::BTreeSet<Section>> {
        let session = self.session.as_ref()?;
        let case = session.case();
        let meeting = self.meeting.current.and_then(|id| case.meeting(id))?;
        if meeting.ended || !self.presentation {
            return None;
        }
        let present: Vec<_> = meeting
            .attendance
            .iter()
            .filter(|(_, a)| **a == crate::domain::Attendance::Present)
            .map(|(p, _)| *p)
            .collect();
        Some(consent::visible_to_all(case, &present, self.today()))
    }

    /// Carries out one command.
    pub fn execute(&mut self, command: Command) {
        let lang = self.lang;
        match command {
            Command::Edit(edit) => {
                let author = self.user.clone();
                self.apply(edit, &author);
            }
            Command::EditAsPerson(edit) => {
                let author = self.person_author();
                self.apply(edit, &author);
            }
            Command::Undo | Command::Redo => {
                let author = self.user.clone();
                if let Some(s) = self.session.as_mut() {
                    let result = if matches!(command, Command::Undo) {
                        s.undo(&author)
                    } else {
                        s.redo(&author)
                    };
                    match result {
                        Ok(true) => self.message = None,
                        Ok(false) => {
                            self.message = Some(
                                if matches!(command, Command::Undo) {
                                    S::NothingToUndo
                                } else {
                                    S::NothingToRedo
                                }
                                .get(lang)
                                .into(),
                            )
                        }
                        Err(e) => self.message = Some(e.message(lang)),
                    }
                    self.update_open_summary();
                }
            }
            Command::OpenCase(id) => {
                match Session::open(self.store.clone(), id, self.clock.clone()) {
                    Ok(s) => {
                        self.overview = Default::default();
                        self.meeting = meeting::MeetingUi::for_case(s.case());
                        self.session = Some(s);
                        self.tab = Tab::Overview;
                        self.message = None;
                    }
                    Err(e) => self.message = Some(e.message(lang)),
                }
            }
            Command::CloseCase => {
                self.session = None;
                self.person_mode = false;
                self.refresh_cases();
            }
            Command::NewCase => match self.store.create_case() {
                Ok(case) => {
                    self.refresh_cases();
                    self.execute(Command::OpenCase(case.id));
                    self.tab = Tab::Overview;
                }
                Err(e) => self.message = Some(e.message(lang)),
            },
            Command::WriteDemo => {
                match crate::demo::write_demo(&self.store, self.today()) {
                    Ok(_) => self.message = None,
                    Err(e) => self.message = Some(e.message(lang)),
                }
                self.refresh_cases();
            }
            Command::SetTab(tab) => self.tab = tab,
            Command::SetPresentation(on) => {
                self.presentation = on;
                self.high_contrast = on;
            }
            Command::SetHighContrast(on) => self.high_contrast = on,
            Command::SetCurtain(on) => {
                self.curtain = on;
                self.last_activity = Instant::now();
            }
            Command::SetPersonMode(on) => self.person_mode = on,
            Command::SetUser(user) => match self.store.set_setting(USER_SETTING, &user) {
                Ok(()) => {
                    self.user = user;
                    self.settings = Default::default();
                }
                Err(e) => self.message = Some(e.message(lang)),
            },
            Command::SetIdleLock(minutes) => {
                self.idle_lock = Duration::from_secs(minutes * 60);
                if let Err(e) = self.store.set_setting(IDLE_LOCK_SETTING, &minutes) {
                    self.message = Some(e.message(lang));
                }
            }
            Command::SetLang(l) => {
                self.lang = l;
                let _ = self.store.set_setting(LANG_SETTING, &l);
            }
            Command::ShowHelp(on) => self.show_help = on,
            Command::ZoomBy(factor) => {
                let (zoom, key) = if self.presentation {
                    (&mut self.presentation_zoom, PRESENTATION_ZOOM_SETTING)
                } else {
                    (&mut self.zoom, ZOOM_SETTING)
                };
                *zoom = (*zoom * factor).clamp(0.5, 3.0);
                let _ = self.store.set_setting(key, &*zoom);
            }
            Command::ShowPlugins(on) => self.show_plugins = on,
            Command::InstallPlugin => plugins::pick_and_install(self),
            Command::RemovePlugin(id) => plugins::remove(self, &id),
            Command::ExportPdf(meeting) => export::start(self, meeting),
            Command::PluginFailed(id, message) => {
                let _ =
                    crate::plugins::registry::set_failing(&self.store, &id, Some(message.clone()));
                self.plugins.installed =
                    crate::plugins::registry::installed(&self.store).unwrap_or_default();
                self.message = Some(message);
            }
            Command::Notify(m) => self.message = (!m.is_empty()).then_some(m),
        }
    }

    /// Writes the open case's plan (or a meeting's minutes) to `path` in the background, as the
    /// Export button does after its save dialog.
    pub fn export_pdf_to(
        &mut self,
        meeting: Option<crate::domain::MeetingId>,
        path: std::path::PathBuf,
    ) {
        if let Some(s) = &self.session {
            let case = s.case().clone();
            export::write_in_background(self, case, meeting, path);
        }
    }

    fn apply(&mut self, edit: Edit, author: &Author) {
        let lang = self.lang;
        let Some(s) = self.session.as_mut() else {
            return;
        };
        match s.apply(edit, author) {
            Ok(()) => self.message = None,
            Err(e) => self.message = Some(e.message(lang)),
        }
        self.update_open_summary();
    }

    /// The case list shows names, coordinators and next meetings: keep the open case's row
    /// current without reading the whole list again.
    fn update_open_summary(&mut self) {
        let Some(s) = &self.session else {
            return;
        };
        let summary = CaseSummary::of(s.case());
        if let Some(row) = self.cases.iter_mut().find(|c| c.id == summary.id)
            && *row != summary
        {
            *row = summary;
            self.cases_generation += 1;
        }
    }
}

/// The eframe app: the state plus drawing.
pub struct AnsvarApp {
    pub state: AppState,
}

impl AnsvarApp {
    /// The app on `store`; the real app passes [`Clock::system`], tests a fixed clock.
    pub fn new(store: Arc<Store>, clock: Clock) -> AnsvarApp {
        AnsvarApp {
            state: AppState::new(store, clock),
        }
    }

    /// Keyboard shortcuts that work everywhere. Consumed before any widget sees them, so that
    /// Ctrl+Z undoes through the edit log even while a text field has focus.
    fn shortcuts(&self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let s = &self.state;
        ctx.input_mut(|i| {
            let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
            let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
            if i.consume_shortcut(&redo) {
                out.push(Command::Redo);
            } else if i.consume_shortcut(&undo) {
                out.push(Command::Undo);
            }
            if i.consume_key(Modifiers::NONE, Key::F9) {
                out.push(Command::SetCurtain(!s.curtain));
            }
            if i.consume_key(Modifiers::NONE, Key::F1) {
                out.push(Command::ShowHelp(!s.show_help));
            }
            if i.consume_key(Modifiers::NONE, Key::F5) {
                out.push(Command::SetPresentation(!s.presentation));
            }
            if i.consume_key(Modifiers::COMMAND, Key::Plus)
                || i.consume_key(Modifiers::COMMAND, Key::Equals)
            {
                out.push(Command::ZoomBy(1.1));
            }
            if i.consume_key(Modifiers::COMMAND, Key::Minus) {
                out.push(Command::ZoomBy(1.0 / 1.1));
            }
        });
    }

    /// Draws one frame and returns what the user asked for.
    pub fn draw(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let ctx = ui.ctx().clone();
        let mut out = Vec::new();
        self.shortcuts(&ctx, &mut out);
        let s = &mut self.state;
        plugins::start(s, &ctx);
        plugins::poll(s);
        export::poll(s);
        if s.export.busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }

        // Idle lock: any input counts as activity.
        if ctx.input(|i| !i.events.is_empty() || i.pointer.is_moving()) {
            s.last_activity = Instant::now();
        } else if !s.curtain && s.last_activity.elapsed() >= s.idle_lock {
            out.push(Command::SetCurtain(true));
        }
        ctx.request_repaint_after(Duration::from_secs(1));

        let zoom = if s.presentation {
            s.presentation_zoom
        } else {
            s.zoom
        };
        theme::apply(&ctx, s.high_contrast, zoom);

        if s.curtain {
            widgets::curtain(ui, s.lang, &mut out);
            return out;
        }

        egui::Panel::top("top_bar").show(ui, |ui| top_bar(ui, s, &mut out));
        if let Some(message) = &s.message {
            let message = message.clone();
            egui::Panel::bottom("message").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, message);
                    if ui.button(s.t(S::Dismiss)).clicked() {
                        out.push(Command::Notify(String::new()));
                    }
                });
            });
        }

        egui::CentralPanel::default().show(ui, |ui| {
            if s.show_plugins {
                plugins::show(ui, s, &mut out);
                return;
            }
            let visible = s.visible_sections();
            let Some(session) = s.session.as_ref() else {
                let minutes = s.idle_lock.as_secs() / 60;
                settings::show(ui, s.lang, &s.user, minutes, &mut s.settings, &mut out);
                ui.separator();
                case_list::show(
                    ui,
                    s.lang,
                    &s.clock,
                    &s.cases,
                    s.cases_generation,
                    &mut s.case_list,
                    &mut out,
                );
                return;
            };
            let view = View {
                case: session.case(),
                lang: s.lang,
                clock: &s.clock,
                today: s.clock.today(),
                visible,
                presentation: s.presentation,
                user: s.user.name().to_string(),
            };
            if s.person_mode {
                person_mode::show(ui, &view, &mut out);
                return;
            }
            ui.horizontal_wrapped(|ui| {
                for tab in Tab::ALL {
                    if ui
                        .selectable_label(s.tab == tab, view.t(tab.label()))
                        .clicked()
                    {
                        out.push(Command::SetTab(tab));
                    }
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| match s.tab {
                    Tab::Overview => overview::show(ui, &view, &mut s.overview, &mut out),
                    Tab::Meeting => meeting::show(ui, &view, &mut s.meeting, &mut out),
                    Tab::Goals => goals::show(ui, &view, &mut s.goals, &mut out),
                    Tab::CrisisPlan => crisis_plan::show(ui, &view, &mut s.crisis, &mut out),
                    Tab::Actions => actions::show(ui, &view, &mut s.actions, &mut out),
                    Tab::Forms => forms::show(ui, &view, &mut s.forms, &s.plugins, &mut out),
                    Tab::Participants => {
                        participants::show(ui, &view, &mut s.participants, &mut out)
                    }
                    Tab::History => history::show(ui, &view, &s.store, &mut s.history, &mut out),
                });
        });

        if s.show_help {
            widgets::help(&ctx, s.lang, &mut out);
        }
        out
    }
}

/// The panels' own state, kept from frame to frame as the app keeps it.
#[derive(Default)]
pub struct PanelStates {
    overview: overview::OverviewUi,
    meeting: Option<meeting::MeetingUi>,
    goals: goals::GoalsUi,
    crisis: crisis_plan::CrisisUi,
    actions: actions::ActionsUi,
    forms: forms::FormsUi,
    plugins: plugins::PluginsUi,
    participants: participants::ParticipantsUi,
    history: history::HistoryUi,
}

/// Draws one tab of `case` as a frame of the app would and returns how many commands it
/// produced. For the frame-time benchmark; the History tab needs the store the case's log is in.
pub fn draw_tab(
    ui: &mut egui::Ui,
    case: &Case,
    tab: Tab,
    clock: &Clock,
    store: &Arc<Store>,
    states: &mut PanelStates,
) -> usize {
    let view = View {
        case,
        lang: Lang::Nb,
        clock,
        today: clock.today(),
        visible: None,
        presentation: false,
        user: String::new(),
    };
    let mut out = Vec::new();
    let s = states;
    egui::ScrollArea::vertical().show(ui, |ui| match tab {
        Tab::Overview => overview::show(ui, &view, &mut s.overview, &mut out),
        Tab::Meeting => {
            let state = s.meeting.get_or_insert_with(|| {
                let mut m = meeting::MeetingUi::for_case(case);
                m.current = case.meetings.last().map(|m| m.id);
                m
            });
            meeting::show(ui, &view, state, &mut out)
        }
        Tab::Goals => goals::show(ui, &view, &mut s.goals, &mut out),
        Tab::CrisisPlan => crisis_plan::show(ui, &view, &mut s.crisis, &mut out),
        Tab::Actions => actions::show(ui, &view, &mut s.actions, &mut out),
        Tab::Forms => forms::show(ui, &view, &mut s.forms, &s.plugins, &mut out),
        Tab::Participants => participants::show(ui, &view, &mut s.participants, &mut out),
        Tab::History => history::show(ui, &view, store, &mut s.history, &mut out),
    });
    out.len()
}

fn top_bar(ui: &mut egui::Ui, s: &AppState, out: &mut Vec<Command>) {
    // Two rows, so nothing wraps out of sight at large type: the case, then the room.
    ui.horizontal(|ui| {
        ui.heading("Ansvar");
        let Some(session) = &s.session else {
            return;
        };
        if ui.button(s.t(S::AllCases)).clicked() {
            out.push(Command::CloseCase);
        }
        ui.strong(&session.case().person.name);
        ui.separator();
        if ui
            .add_enabled(session.can_undo(), egui::Button::new(s.t(S::Undo)))
            .clicked()
        {
            out.push(Command::Undo);
        }
        if ui
            .add_enabled(session.can_redo(), egui::Button::new(s.t(S::Redo)))
            .clicked()
        {
            out.push(Command::Redo);
        }
        let person = if s.person_mode {
            S::LeavePersonMode
        } else {
            S::PersonMode
        };
        if ui.button(s.t(person)).clicked() {
            out.push(Command::SetPersonMode(!s.person_mode));
        }
        if s.export.busy() {
            ui.spinner();
            ui.label(s.t(S::Exporting));
        } else if ui.button(s.t(S::ExportPlan)).clicked() {
            out.push(Command::ExportPdf(None));
        }
    });
    ui.horizontal(|ui| {
        let presentation = if s.presentation {
            S::LeavePresentation
        } else {
            S::Presentation
        };
        if ui.button(s.t(presentation)).clicked() {
            out.push(Command::SetPresentation(!s.presentation));
        }
        if ui.button(s.t(S::Curtain)).clicked() {
            out.push(Command::SetCurtain(true));
        }
        if ui.button(s.t(S::Plugins)).clicked() {
            out.push(Command::ShowPlugins(!s.show_plugins));
        }
        let other = match s.lang {
            Lang::Nb => Lang::En,
            Lang::En => Lang::Nb,
        };
        if ui.button(s.t(S::OtherLanguage)).clicked() {
            out.push(Command::SetLang(other));
        }
        if ui.button(s.t(S::Help)).clicked() {
            out.push(Command::ShowHelp(!s.show_help));
        }
    });
}

impl eframe::App for AnsvarApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let commands = self.draw(ui);
        for c in commands {
            self.state.execute(c);
        }
    }
}

/// Opens the window on `store`.
pub fn run(store: Arc<Store>, clock: Clock) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Ansvar")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Ansvar",
        options,
        Box::new(move |_cc| Ok(Box::new(AnsvarApp::new(store, clock)))),
    )
    .map_err(|e| e.to_string())
}
