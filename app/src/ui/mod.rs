//! The egui app. State lives in [`AppState`]; panels (one module each) read it and push
//! [`Command`]s; [`AppState::execute`] carries them out, every change to a case through the
//! session's one edit path.

mod actions;
mod case_list;
mod catalog;
pub mod command;
mod crisis_plan;
mod cycle;
mod export;
mod forms;
pub mod gate;
mod goals;
mod history;
mod meeting;
mod overview;
pub mod panel;
mod participants;
mod person_mode;
mod plugins;
mod review;
mod room;
mod settings;
mod theme;
mod top_bar;
mod week;
mod widgets;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::clock::Clock;
use crate::consent::{Audience, CaseView, History, ViewCache};
use crate::domain::{AgendaItemId, Author, CaseId, Edit, Section};
use crate::i18n::Lang;
use crate::session::Session;
use crate::store::{Access, CaseSummary, LogEntry, Store};
pub use crate::text::S;
pub use command::{AppCommand, CaseCommand, Command, PluginCommand, ViewCommand};
use panel::Panel;

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
    /// The open case's tabs ([`panel::case_panels`]), and the one shown.
    pub panels: Vec<Box<dyn Panel>>,
    pub tab: S,
    /// The open case's edit log as last read, for panels that show it: (case, the session's
    /// revision then, log).
    log: Option<(CaseId, u64, Vec<LogEntry>)>,
    /// The open case's access log as last read, for the History tab at the desk.
    access: Option<(CaseId, Vec<crate::store::AccessEntry>)>,
    /// The open case as the room may see it, kept between frames ([`crate::consent`]).
    views: ViewCache,
    pub presentation: bool,
    pub high_contrast: bool,
    /// Type size at the desk and on the shared screen; Ctrl +/− changes the one in use.
    pub zoom: f32,
    pub presentation_zoom: f32,
    pub curtain: bool,
    /// What is typed into the locked curtain's passphrase field, and why it did not open.
    pub curtain_passphrase: zeroize::Zeroizing<String>,
    pub curtain_error: Option<String>,
    pub person_mode: bool,
    pub show_help: bool,
    pub show_plugins: bool,
    pub idle_lock: Duration,
    pub settings: settings::SettingsUi,
    pub last_activity: Instant,
    pub message: Option<String>,
    pub case_list: case_list::CaseListUi,
    pub plugins: plugins::PluginsUi,
    pub export: export::ExportUi,
    /// The agenda item in focus at the running meeting, for both windows.
    pub agenda_focus: Option<AgendaItemId>,
    /// The room's own window while presenting.
    pub room: room::RoomUi,
}

/// What a panel sees: the open case as its audience may see it, and how to present it.
pub struct View<'a> {
    /// The case filtered for who is looking ([`crate::consent`]): on the shared screen, what
    /// everyone in the room may see; at the coordinator's desk, all of it. A panel never gets
    /// the whole case otherwise.
    pub case: &'a CaseView<'a>,
    pub lang: Lang,
    pub clock: &'a Clock,
    /// The clock's date, read once per frame.
    pub today: NaiveDate,
    pub presentation: bool,
    /// The staff member using the app.
    pub user: String,
    /// The case's edit log as the audience may see it, for a panel that asked for it
    /// ([`Panel::needs_log`]).
    pub log: Option<History<'a>>,
    /// The case's access log, at the coordinator's desk only (`None` on the shared screen).
    pub access: Option<&'a [crate::store::AccessEntry]>,
    /// Installed plugins and their forms' results.
    pub plugins: &'a plugins::PluginsUi,
}

impl View<'_> {
    pub fn t(&self, s: S) -> &'static str {
        s.get(self.lang)
    }

    /// Whether the audience may see a section.
    pub fn shows(&self, section: Section) -> bool {
        self.case.shows(section)
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
                name: S::Coordinator.get(lang).to_string(),
                organisation: String::new(),
            });
        let idle_lock_minutes: u64 = store
            .setting(IDLE_LOCK_SETTING)
            .ok()
            .flatten()
            .filter(|m| settings::IDLE_LOCK_CHOICES.contains(m))
            .unwrap_or(10);
        let one_screen: bool = store
            .setting(room::ONE_SCREEN_SETTING)
            .ok()
            .flatten()
            .unwrap_or(false);
        let mut state = AppState {
            store,
            lang,
            user,
            clock,
            cases: Vec::new(),
            cases_generation: 0,
            session: None,
            panels: Vec::new(),
            tab: S::TabOverview,
            log: None,
            access: None,
            views: ViewCache::default(),
            presentation: false,
            high_contrast: false,
            zoom: zoom.clamp(0.5, 3.0),
            presentation_zoom: presentation_zoom.clamp(0.5, 3.0),
            curtain: false,
            curtain_passphrase: Default::default(),
            curtain_error: None,
            person_mode: false,
            show_help: false,
            show_plugins: false,
            idle_lock: Duration::from_secs(idle_lock_minutes * 60),
            settings: Default::default(),
            last_activity: Instant::now(),
            message: None,
            case_list: Default::default(),
            plugins: Default::default(),
            export: Default::default(),
            agenda_focus: None,
            room: room::RoomUi {
                one_screen,
                ..Default::default()
            },
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

    /// Whether the coordinator's window is the shared screen: presenting with one screen.
    fn presentation_here(&self) -> bool {
        self.presentation && !self.room.open
    }

    /// Who sees the open case in the coordinator's window now: while it is the shared screen,
    /// everyone who may be in the room (from the meeting's attendance in the case); otherwise
    /// the coordinator at their desk (also while the room has its own window).
    fn audience(&self) -> Audience {
        match (&self.session, self.presentation_here()) {
            (Some(s), true) => Audience::room(s.case(), self.today()),
            _ => Audience::Everything,
        }
    }

    /// Reads the open case's log when the panel shown needs it and it has grown.
    fn refresh_log(&mut self) {
        if self.session.is_none() {
            self.log = None;
        }
        let wanted = self
            .panels
            .iter()
            .any(|p| p.title() == self.tab && p.needs_log());
        history::refresh_access(self, wanted);
        let Some(session) = &self.session else {
            return;
        };
        let (id, revision) = (session.case().id, session.revision());
        if !wanted || matches!(&self.log, Some((c, r, _)) if *c == id && *r == revision) {
            return;
        }
        // The log only grows; its last entry may have grown too (typing coalesces into it), so
        // read again from that entry on rather than the whole log.
        let (from, mut kept) = match self.log.take() {
            Some((c, _, mut log)) if c == id => match log.pop() {
                Some(last) => (last.seq, log),
                None => (0, log),
            },
            _ => (0, Vec::new()),
        };
        match self.store.log_range(id, from) {
            Ok(newer) => {
                kept.extend(newer);
                self.log = Some((id, revision, kept));
            }
            Err(e) => {
                self.log = None;
                self.message = Some(e.message(self.lang));
            }
        }
    }

    /// Carries out one command.
    pub fn execute(&mut self, command: Command) {
        match command {
            Command::Case(c) => self.execute_case(c),
            Command::View(c) => self.execute_view(c),
            Command::Plugin(c) => self.execute_plugin(c),
            Command::App(c) => self.execute_app(c),
        }
    }

    fn execute_case(&mut self, command: CaseCommand) {
        let lang = self.lang;
        match command {
            CaseCommand::Edit(edit) => {
                let author = self.user.clone();
                self.apply(edit, &author);
            }
            CaseCommand::EditAsPerson(edit) => {
                let author = self.person_author();
                self.apply(edit, &author);
            }
            CaseCommand::EditInRoom(edit) => {
                let author = self.person_author();
                self.apply_on(edit, &author, true);
            }
            CaseCommand::Undo | CaseCommand::Redo => {
                let undo = matches!(command, CaseCommand::Undo);
                let author = self.user.clone();
                if let Some(s) = self.session.as_mut() {
                    let result = if undo {
                        s.undo(&author)
                    } else {
                        s.redo(&author)
                    };
                    match result {
                        Ok(true) => self.message = None,
                        Ok(false) => {
                            let nothing = if undo {
                                S::NothingToUndo
                            } else {
                                S::NothingToRedo
                            };
                            self.message = Some(nothing.get(lang).into());
                        }
                        Err(e) => self.message = Some(e.message(lang)),
                    }
                    self.update_open_summary();
                }
            }
            CaseCommand::ExportPdf(meeting) => export::start(self, meeting),
            CaseCommand::SendNotice => cycle::send_notice(self),
            CaseCommand::ApproveAndSendMinutes(m) => cycle::approve_and_send(self, m),
        }
    }

    fn execute_view(&mut self, command: ViewCommand) {
        match command {
            ViewCommand::OpenCase(id) => {
                match Session::open(self.store.clone(), id, self.clock.clone()) {
                    Ok(s) => {
                        if let Err(m) = history::record_access(self, id, Access::Opened) {
                            self.message = Some(m);
                            return;
                        }
                        self.panels = panel::case_panels(s.case());
                        self.room.panels = panel::case_panels(s.case());
                        // A new session counts its revisions from zero.
                        self.log = None;
                        self.session = Some(s);
                        self.tab = S::TabOverview;
                        self.agenda_focus = None;
                        self.message = None;
                    }
                    Err(e) => self.message = Some(e.message(self.lang)),
                }
            }
            ViewCommand::OpenCaseAt(id, tab) => {
                self.execute_view(ViewCommand::OpenCase(id));
                if self.session.as_ref().is_some_and(|s| s.case().id == id) {
                    self.tab = tab;
                }
            }
            ViewCommand::CloseCase => {
                self.session = None;
                self.panels.clear();
                self.room.panels.clear();
                self.log = None;
                self.person_mode = false;
                self.agenda_focus = None;
                self.refresh_cases();
            }
            ViewCommand::SetTab(tab) => self.tab = tab,
            ViewCommand::TogglePresentation => {
                self.execute_view(ViewCommand::SetPresentation(!self.presentation))
            }
            ViewCommand::SetPresentation(on) => {
                self.presentation = on;
                self.high_contrast = on;
                if !on {
                    self.room.fullscreen = false;
                }
            }
            ViewCommand::FocusAgendaItem(item) => self.agenda_focus = item,
            ViewCommand::SetOneScreen(on) => {
                self.room.one_screen = on;
                if let Err(e) = self.store.set_setting(room::ONE_SCREEN_SETTING, &on) {
                    self.message = Some(e.message(self.lang));
                }
            }
            ViewCommand::SetRoomFullscreen(on) => self.room.fullscreen = on && self.presentation,
            ViewCommand::ToggleRoomFullscreen => {
                self.execute_view(ViewCommand::SetRoomFullscreen(!self.room.fullscreen))
            }
            ViewCommand::SetHighContrast(on) => self.high_contrast = on,
            ViewCommand::SetCurtain(on) => {
                // The curtain locks the file: its key is wiped, and only the passphrase lifts
                // it again ([`AppCommand::Unlock`]).
                if on {
                    self.store.lock();
                    self.curtain_passphrase = Default::default();
                    self.curtain_error = None;
                }
                self.curtain = on || self.store.is_locked();
                self.last_activity = Instant::now();
            }
            ViewCommand::ToggleCurtain => self.execute_view(ViewCommand::SetCurtain(!self.curtain)),
            ViewCommand::TogglePersonMode => self.person_mode = !self.person_mode,
            ViewCommand::ShowHelp(on) => self.show_help = on,
            ViewCommand::ToggleHelp => self.show_help = !self.show_help,
            ViewCommand::ZoomBy(factor) => self.zoom_by(factor, self.presentation_here()),
            ViewCommand::ZoomRoomBy(factor) => self.zoom_by(factor, true),
            ViewCommand::ShowPlugins(on) => self.show_plugins = on,
        }
    }

    /// Changes the type size at the desk or on the shared screen, and remembers it.
    fn zoom_by(&mut self, factor: f32, shared_screen: bool) {
        let (zoom, key) = if shared_screen {
            (&mut self.presentation_zoom, PRESENTATION_ZOOM_SETTING)
        } else {
            (&mut self.zoom, ZOOM_SETTING)
        };
        *zoom = (*zoom * factor).clamp(0.5, 3.0);
        let _ = self.store.set_setting(key, &*zoom);
    }

    fn execute_plugin(&mut self, command: PluginCommand) {
        match command {
            PluginCommand::Install => plugins::pick_and_install(self),
            PluginCommand::ApprovePending(grant) => plugins::install_pending(self, grant),
            PluginCommand::CancelPending => self.plugins.pending = None,
            PluginCommand::Remove(id) => plugins::remove(self, &id),
            PluginCommand::Ask(ask) => plugins::ask(self, *ask),
            PluginCommand::CheckSources => catalog::check_all(self),
            PluginCommand::AddSource {
                location,
                key,
                name,
            } => catalog::add_source(self, &location, &key, &name),
            PluginCommand::RemoveSource(location) => catalog::remove_source(self, &location),
            PluginCommand::GetOffer(offer, approved) => catalog::get(self, *offer, approved),
            PluginCommand::CancelOffer => self.plugins.catalog.pending = None,
            PluginCommand::Failed(id, message) => {
                let _ =
                    crate::plugins::registry::set_failing(&self.store, &id, Some(message.clone()));
                self.plugins.installed =
                    crate::plugins::registry::installed(&self.store).unwrap_or_default();
                self.message = Some(message);
            }
        }
    }

    fn execute_app(&mut self, command: AppCommand) {
        let lang = self.lang;
        match command {
            AppCommand::NewCase => match self.store.create_case() {
                Ok(case) => {
                    self.refresh_cases();
                    self.execute_view(ViewCommand::OpenCase(case.id));
                }
                Err(e) => self.message = Some(e.message(lang)),
            },
            AppCommand::WriteDemo => {
                match crate::demo::write_demo(&self.store, self.today()) {
                    Ok(_) => self.message = None,
                    Err(e) => self.message = Some(e.message(lang)),
                }
                self.refresh_cases();
            }
            AppCommand::SetUser(user) => match self.store.set_setting(USER_SETTING, &user) {
                Ok(()) => {
                    self.user = user;
                    self.settings = Default::default();
                }
                Err(e) => self.message = Some(e.message(lang)),
            },
            AppCommand::SetIdleLock(minutes) => {
                self.idle_lock = Duration::from_secs(minutes * 60);
                if let Err(e) = self.store.set_setting(IDLE_LOCK_SETTING, &minutes) {
                    self.message = Some(e.message(lang));
                }
            }
            AppCommand::SetLang(l) => {
                self.lang = l;
                let _ = self.store.set_setting(LANG_SETTING, &l);
            }
            AppCommand::Notify(m) => self.message = (!m.is_empty()).then_some(m),
            AppCommand::Unlock(passphrase) => {
                match self
                    .store
                    .unlock(&crate::store::Secret::Passphrase(passphrase))
                {
                    Ok(()) => {
                        self.curtain = false;
                        self.curtain_error = None;
                        self.last_activity = Instant::now();
                    }
                    Err(e) => self.curtain_error = Some(e.message(lang)),
                }
                self.curtain_passphrase = Default::default();
            }
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

    /// Writes the next meeting's notices into `dir`, as "Send innkalling" does after its folder
    /// dialog.
    pub fn send_notice_to(&mut self, dir: std::path::PathBuf) {
        cycle::send_notice_to(self, dir);
    }

    /// Approves the minutes and writes them for each recipient into `dir`, as "Godkjenn og send
    /// referat" does after its folder dialog.
    pub fn approve_and_send_minutes_to(
        &mut self,
        meeting: crate::domain::MeetingId,
        dir: std::path::PathBuf,
    ) {
        cycle::approve_and_send_to(self, meeting, dir);
    }

    fn apply(&mut self, edit: Edit, author: &Author) {
        self.apply_on(edit, author, false);
    }

    /// Applies an edit made in the coordinator's window or (`in_room`) the room's own.
    fn apply_on(&mut self, edit: Edit, author: &Author, in_room: bool) {
        let lang = self.lang;
        let today = self.today();
        let desk = self.audience();
        let Some(s) = self.session.as_mut() else {
            return;
        };
        let (views, audience) = if in_room {
            (&mut self.room.views, Audience::room(s.case(), today))
        } else {
            (&mut self.views, desk)
        };
        // The panel saw the case through the audience's view: complete the edit for the whole
        // case, and refuse one about something the view hides.
        let view = views.view(s.case(), s.revision(), audience, today);
        let Some(edit) = view.complete(s.case(), edit) else {
            self.message = Some(S::HiddenOnSharedScreen.get(lang).into());
            return;
        };
        // Approved minutes change only through a correction that says what and why.
        if let Err(e) = crate::domain::edit::check_approved_minutes(s.case(), &edit) {
            self.message = Some(e.message(lang));
            return;
        }
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

    /// Draws one frame and returns what the user asked for.
    pub fn draw(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let ctx = ui.ctx().clone();
        let mut out = command::from_keys(&ctx);
        let s = &mut self.state;
        // Locked, the file is not read at all: nothing but the curtain is drawn.
        if s.store.is_locked() {
            if s.room.open {
                room::show_window(&ctx, s, true, &mut out);
            }
            theme::apply(&ctx, false, s.zoom);
            widgets::locked_curtain(ui, s, &mut out);
            return out;
        }
        s.refresh_log();
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
            out.push(Command::View(ViewCommand::SetCurtain(true)));
        }
        ctx.request_repaint_after(Duration::from_secs(1));

        // The room's window first, so that a curtain asked for this frame blanks it now.
        s.room.open = room::separate(s, &ctx);
        let curtain = room::curtain_after(s.curtain, &out);
        if s.room.open {
            room::show_window(&ctx, s, curtain, &mut out);
        }

        let zoom = if s.presentation_here() {
            s.presentation_zoom
        } else {
            s.zoom
        };
        theme::apply(&ctx, s.high_contrast && !s.room.open, zoom);

        if curtain {
            // An encrypted file locks as the curtain falls (when this frame's commands run).
            match s.store.is_encrypted() {
                true => widgets::locked_curtain(ui, s, &mut out),
                false => widgets::curtain(ui, s.lang, &mut out),
            }
            return out;
        }

        egui::Panel::top("top_bar").show(ui, |ui| top_bar::show(ui, s, &mut out));
        // Where a second window could open, the coordinator chooses between one and two.
        if s.presentation && !ctx.embed_viewports() {
            egui::Panel::bottom("room_bar").show(ui, |ui| room::bar(ui, s, &mut out));
        }
        if let Some(message) = &s.message {
            let message = message.clone();
            egui::Panel::bottom("message").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, message);
                    if ui.button(s.t(S::Dismiss)).clicked() {
                        out.push(Command::notify(""));
                    }
                });
            });
        }

        egui::CentralPanel::default().show(ui, |ui| {
            if s.show_plugins {
                plugins::show(ui, s, &mut out);
                return;
            }
            let audience = s.audience();
            let presentation = s.presentation_here();
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
            let today = s.clock.today();
            let case = s
                .views
                .view(session.case(), session.revision(), audience, today);
            let view = View {
                case: &case,
                lang: s.lang,
                clock: &s.clock,
                today,
                presentation,
                user: s.user.name().to_string(),
                log: s.log.as_ref().map(|(_, _, log)| case.with_log(log)),
                access: s
                    .access
                    .as_ref()
                    .filter(|_| case.is_full())
                    .map(|(_, a)| a.as_slice()),
                plugins: &s.plugins,
            };
            // With its own window the room shows the person's mode; this window keeps the case.
            if s.person_mode && !s.room.open {
                person_mode::show(ui, &view, &mut out);
                return;
            }
            ui.horizontal_wrapped(|ui| {
                for p in &s.panels {
                    if ui
                        .selectable_label(s.tab == p.title(), view.t(p.title()))
                        .clicked()
                    {
                        out.push(Command::View(ViewCommand::SetTab(p.title())));
                    }
                }
            });
            ui.separator();
            let tab = s.tab;
            if let Some(panel) = s.panels.iter_mut().find(|p| p.title() == tab) {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| panel.show(ui, &view, &mut out));
            }
        });

        if s.show_help {
            widgets::help(&ctx, s.lang, &mut out);
        }
        out
    }
}

/// Draws `panel` (one of [`panel::case_panels`]) for the case as `case` shows it to its
/// audience, as a frame of the app would, and returns how many commands it produced. For the
/// frame-time benchmarks.
pub fn draw_panel(
    ui: &mut egui::Ui,
    case: &CaseView,
    panel: &mut dyn Panel,
    clock: &Clock,
    log: Option<&[LogEntry]>,
) -> usize {
    let plugins = plugins::PluginsUi::default();
    let view = View {
        case,
        lang: Lang::Nb,
        clock,
        today: clock.today(),
        presentation: !case.is_full(),
        user: String::new(),
        log: log.map(|l| case.with_log(l)),
        access: None,
        plugins: &plugins,
    };
    let mut out = Vec::new();
    egui::ScrollArea::vertical().show(ui, |ui| panel.show(ui, &view, &mut out));
    out.len()
}

impl eframe::App for AnsvarApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let commands = self.draw(ui);
        for c in commands {
            self.state.execute(c);
        }
    }
}

/// The window's app: the passphrase's gate ([`gate`]) until the database is open, then the
/// app on it.
pub struct Start {
    pub gate: gate::Gate,
    clock: Clock,
    pub app: Option<AnsvarApp>,
}

impl Start {
    /// The gate for the database at `path`; a new passphrase costs `cost` to derive
    /// ([`KdfCost::STANDARD`](crate::store::KdfCost::STANDARD) in the app).
    pub fn new(
        path: &std::path::Path,
        clock: Clock,
        cost: crate::store::KdfCost,
    ) -> Result<Start, crate::store::StoreError> {
        Ok(Start {
            gate: gate::Gate::new(path, cost)?,
            clock,
            app: None,
        })
    }

    /// Draws one frame and carries out what was asked.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        if let Some(app) = &mut self.app {
            let commands = app.draw(ui);
            for c in commands {
                app.state.execute(c);
            }
            return;
        }
        theme::apply(ui.ctx(), false, 1.2);
        if let Some(store) = self.gate.show(ui) {
            let chosen = store.setting::<Lang>(LANG_SETTING).ok().flatten().is_none();
            let mut app = AnsvarApp::new(store, self.clock.clone());
            if chosen {
                app.state.lang = self.gate.lang;
            }
            self.app = Some(app);
            ui.ctx().request_repaint();
        }
    }
}

impl eframe::App for Start {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }
}

/// Opens the window on the database at `path`, starting at its passphrase.
pub fn run_at(path: std::path::PathBuf, clock: Clock) -> Result<(), String> {
    let start = Start::new(&path, clock, crate::store::KdfCost::STANDARD)
        .map_err(|e| e.message(Lang::Nb))?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Ansvar")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native("Ansvar", options, Box::new(move |_cc| Ok(Box::new(start))))
        .map_err(|e| e.to_string())
}
