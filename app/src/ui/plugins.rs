//! Plugins: the installed ones with publisher, version and what they may read; install from a
//! file (checked and compiled in the background) and remove.

use std::collections::HashMap;
use std::path::PathBuf;

use egui::{RichText, Ui};

use super::command::AskPlugin;
use super::{AppState, Command, PluginCommand, S, ViewCommand};
use crate::domain::FormEntryId;
use crate::plugins::default_cache_dir;
use crate::plugins::registry::{self, InstalledPlugin};
use crate::plugins::service::{Event, PendingInstall, PluginInfo, PluginService, Verdict};

/// What a plugin last said about one form entry, and about which data.
#[derive(Default)]
pub struct Answer {
    pub data_hash: u64,
    pub verdict: Verdict,
    pub error: Option<String>,
}

#[derive(Default)]
pub struct PluginsUi {
    /// The app's one plugin service; `None` until the first frame, or if it could not start.
    pub service: Option<PluginService>,
    pub installed: Vec<InstalledPlugin>,
    pub loaded: HashMap<String, Result<PluginInfo, String>>,
    pub busy: Option<&'static str>,
    pub pending: Option<PendingInstall>,
    /// The plugins' answers about the form entries, for the forms panel: one for the whole
    /// case (`true`) and one for the room's view, so that a summary made from the whole case
    /// is never shown to the room.
    pub answers: HashMap<(FormEntryId, bool), Answer>,
    /// Which of the two each question in flight (by its hash) was for.
    asked_for: HashMap<u64, bool>,
    started: bool,
    /// The catalogue sources and what they offer.
    pub catalog: super::catalog::CatalogUi,
}

impl PluginsUi {
    /// The loaded plugin for an id, if it loaded.
    pub fn plugin(&self, id: &str) -> Option<&PluginInfo> {
        self.loaded.get(id).and_then(|r| r.as_ref().ok())
    }
}

/// Starts the plugin service and has it load the installed plugins (once).
pub fn start(state: &mut AppState, ctx: &egui::Context) {
    if state.plugins.started {
        return;
    }
    state.plugins.started = true;
    state.plugins.installed = registry::installed(&state.store).unwrap_or_default();
    let repaint = ctx.clone();
    match PluginService::start(
        state.store.clone(),
        default_cache_dir(),
        state.lang,
        move || repaint.request_repaint(),
    ) {
        Ok(service) => {
            service.load_installed();
            state.plugins.service = Some(service);
            state.plugins.busy = Some("load");
        }
        Err(e) => state.message = Some(e.message(state.lang)),
    }
    state.plugins.catalog.repaint = Some(ctx.clone());
    super::catalog::check_all(state);
}

/// Takes the answers that have arrived from the plugin service and the catalogue checks.
pub fn poll(state: &mut AppState) {
    super::catalog::poll(state);
    loop {
        let Some(service) = &state.plugins.service else {
            return;
        };
        let event = match service.try_next() {
            Ok(Some(event)) => event,
            Ok(None) => return,
            // The worker died (a panic in a compiler or in the engine).
            Err(_stopped) => {
                state.plugins.service = None;
                state.plugins.busy = None;
                state.message = Some(S::BackgroundStopped.get(state.lang).into());
                return;
            }
        };
        match event {
            Event::Loaded(Ok(loaded)) => {
                state.plugins.busy = None;
                state.plugins.loaded = loaded.into_iter().collect();
            }
            Event::Loaded(Err(e)) => {
                state.plugins.busy = None;
                state.message = Some(e);
            }
            Event::Verdict {
                entry,
                data_hash,
                plugin,
                result,
            } => {
                let (verdict, error) = match result {
                    Ok(v) => (v, None),
                    Err(e) => {
                        let message = e.message(state.lang);
                        if e.is_plugin_fault() {
                            state.execute(Command::Plugin(PluginCommand::Failed(
                                plugin,
                                message.clone(),
                            )));
                        }
                        (Verdict::default(), Some(message))
                    }
                };
                let answer = Answer {
                    data_hash,
                    verdict,
                    error,
                };
                if let Some(whole) = state.plugins.asked_for.remove(&data_hash) {
                    state.plugins.answers.insert((entry, whole), answer);
                }
            }
            Event::Checked(result) => {
                state.plugins.busy = None;
                match result {
                    Ok(p) => state.plugins.pending = Some(*p),
                    Err(e) => state.message = Some(e),
                }
            }
            Event::Installed(result) => {
                state.plugins.busy = None;
                match result {
                    Ok(installed) => {
                        let (record, info) = *installed;
                        super::catalog::installed(state, &record.manifest.id);
                        state
                            .plugins
                            .loaded
                            .insert(record.manifest.id.clone(), Ok(info));
                        state.message = None;
                    }
                    Err(e) => state.message = Some(e),
                }
                state.plugins.installed = registry::installed(&state.store).unwrap_or_default();
            }
        }
    }
}

/// Passes the forms panel's question to the plugin service.
pub fn ask(state: &mut AppState, ask: AskPlugin) {
    if let Some(service) = &state.plugins.service {
        state.plugins.asked_for.insert(ask.data_hash, ask.whole);
        service.verdict(
            ask.entry,
            ask.data_hash,
            &ask.plugin,
            &ask.data,
            ask.context,
        );
    }
}

/// Asks for a package file, then checks it in the background.
pub fn pick_and_install(state: &mut AppState) {
    let Some(path) = rfd::FileDialog::new()
        .add_filter("Ansvar", &["ansvarplugin"])
        .pick_file()
    else {
        return;
    };
    check_file(state, path);
}

/// Checks a package (signature, trust, sandbox load) in the plugin service.
pub fn check_file(state: &mut AppState, path: PathBuf) {
    let Some(service) = &state.plugins.service else {
        state.message = Some(S::PluginsNotReady.get(state.lang).into());
        return;
    };
    service.check(path);
    state.plugins.busy = Some("check");
}

pub fn install_pending(state: &mut AppState, grant: bool) {
    let Some(pending) = state.plugins.pending.take() else {
        return;
    };
    let Some(service) = &state.plugins.service else {
        state.message = Some(S::PluginsNotReady.get(state.lang).into());
        return;
    };
    let grant = if grant {
        pending.requested.clone()
    } else {
        Vec::new()
    };
    service.install(pending.bytes, grant, state.clock.now());
    state.plugins.busy = Some("install");
}

pub fn remove(state: &mut AppState, id: &str) {
    match registry::remove(&state.store, id) {
        Ok(()) => {
            state.plugins.loaded.remove(id);
            if let Some(service) = &state.plugins.service {
                service.forget(id);
            }
        }
        Err(e) => state.message = Some(e.message(state.lang)),
    }
    state.plugins.installed = registry::installed(&state.store).unwrap_or_default();
}

/// The Extensions screen. Like a panel it only reads the state; installing, approving and
/// removing are commands.
pub fn show(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let lang = state.lang;
    ui.horizontal(|ui| {
        ui.heading(S::Plugins.get(lang));
        if ui.button(S::Close.get(lang)).clicked() {
            out.push(Command::View(ViewCommand::ShowPlugins(false)));
        }
    });
    if let Some(what) = state.plugins.busy {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(match what {
                "check" => S::CheckingPlugin.get(lang),
                "install" => S::InstallingPlugin.get(lang),
                _ => S::LoadingPlugins.get(lang),
            });
        });
    }
    if state.plugins.installed.is_empty() {
        ui.label(S::NoPlugins.get(lang));
    }
    let mut remove = None;
    for p in &state.plugins.installed {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let name = p.manifest.name.get(lang);
            ui.label(
                RichText::new(format!("{name} {}", p.manifest.version))
                    .strong()
                    .size(super::theme::size::SUBHEADING),
            );
            ui.label(p.manifest.description.get(lang));
            ui.label(format!(
                "{}: {}",
                S::Publisher.get(lang),
                p.manifest.publisher
            ));
            let reads: Vec<String> = p.granted.iter().map(|c| c.describe(lang)).collect();
            ui.label(format!(
                "{}: {}",
                S::MayRead.get(lang),
                if reads.is_empty() {
                    S::Nothing.get(lang).to_string()
                } else {
                    reads.join(", ")
                }
            ));
            if let Some(f) = &p.failing {
                ui.colored_label(
                    super::theme::warn_color(),
                    format!("{}: {f}", S::PluginFailing.get(lang)),
                );
            }
            if let Some(r) = &p.revoked {
                ui.colored_label(
                    super::theme::warn_color(),
                    S::PluginWithdrawn.fill(lang, &[r.reason.get(lang)]),
                );
            } else if let Some(Err(e)) = state.plugins.loaded.get(&p.manifest.id) {
                ui.colored_label(super::theme::warn_color(), e);
            }
            if ui
                .button(format!("{} {name}", S::Remove.get(lang)))
                .clicked()
            {
                remove = Some(p.manifest.id.clone());
            }
        });
    }
    if let Some(id) = remove {
        out.push(Command::Plugin(PluginCommand::Remove(id)));
    }
    ui.separator();
    if ui
        .add_enabled(
            state.plugins.busy.is_none(),
            egui::Button::new(S::InstallPlugin.get(lang)),
        )
        .clicked()
    {
        out.push(Command::Plugin(PluginCommand::Install));
    }
    if let Some(p) = &state.plugins.pending {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let m = &p.plugin.manifest;
            ui.label(
                RichText::new(format!(
                    "{} {} ({})",
                    m.name.get(lang),
                    m.version,
                    m.publisher
                ))
                .strong(),
            );
            ui.label(S::AsksToRead.get(lang));
            if p.requested.is_empty() {
                ui.label(format!("  {}", S::Nothing.get(lang)));
            }
            for c in &p.requested {
                ui.label(format!("  • {}", c.describe(lang)));
            }
            ui.horizontal(|ui| {
                if ui.button(S::ApproveAndInstall.get(lang)).clicked() {
                    out.push(Command::Plugin(PluginCommand::ApprovePending(true)));
                }
                if ui.button(S::InstallWithoutAccess.get(lang)).clicked() {
                    out.push(Command::Plugin(PluginCommand::ApprovePending(false)));
                }
                if ui.button(S::Cancel.get(lang)).clicked() {
                    out.push(Command::Plugin(PluginCommand::CancelPending));
                }
            });
        });
    }
    super::catalog::show(ui, state, out);
}
