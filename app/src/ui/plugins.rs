//! Plugins: the installed ones with publisher, version and what they may read; install from a
//! file (checked and compiled in the background) and remove.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{RichText, Ui};

use super::{AppState, Command, PluginCommand, S, ViewCommand};
use crate::plugins::context::Capability;
use crate::plugins::default_cache_dir;
use crate::plugins::host::{LoadedPlugin, PluginHost};
use crate::plugins::package::Package;
use crate::plugins::registry::{self, InstalledPlugin};

/// Work done off the UI thread.
enum Job {
    /// All installed plugins, loaded (compiled or from cache).
    Loaded(
        Result<Arc<PluginHost>, String>,
        Vec<(String, Result<LoadedPlugin, String>)>,
    ),
    /// A package checked and ready for the user to approve.
    Checked(Result<Box<PendingInstall>, String>),
}

pub struct PendingInstall {
    pub bytes: Vec<u8>,
    pub plugin: LoadedPlugin,
    pub requested: Vec<Capability>,
}

#[derive(Default)]
pub struct PluginsUi {
    pub host: Option<Arc<PluginHost>>,
    pub installed: Vec<InstalledPlugin>,
    pub loaded: HashMap<String, Result<LoadedPlugin, String>>,
    pub busy: Option<&'static str>,
    pub pending: Option<PendingInstall>,
    jobs: Option<Receiver<Job>>,
    started: bool,
}

impl PluginsUi {
    /// The loaded plugin for an id, if it loaded.
    pub fn plugin(&self, id: &str) -> Option<&LoadedPlugin> {
        self.loaded.get(id).and_then(|r| r.as_ref().ok())
    }
}

/// Starts loading the installed plugins in the background (once).
pub fn start(state: &mut AppState, ctx: &egui::Context) {
    if state.plugins.started {
        return;
    }
    state.plugins.started = true;
    state.plugins.installed = registry::installed(&state.store).unwrap_or_default();
    let store = state.store.clone();
    let (tx, rx) = channel();
    let ctx = ctx.clone();
    state.plugins.busy = Some("load");
    let _ = std::thread::Builder::new()
        .name("plugins".into())
        .spawn(move || {
            let lang = crate::i18n::Lang::Nb;
            let host = PluginHost::new(default_cache_dir())
                .map(Arc::new)
                .map_err(|e| e.message(lang));
            let mut loaded = Vec::new();
            if let Ok(host) = &host {
                for p in registry::installed(&store).unwrap_or_default() {
                    let r = registry::load(&store, host, &p.manifest.id)
                        .map(|(_, l)| l)
                        .map_err(|e| e.message(lang));
                    loaded.push((p.manifest.id.clone(), r));
                }
            }
            let _ = tx.send(Job::Loaded(host, loaded));
            ctx.request_repaint();
        });
    state.plugins.jobs = Some(rx);
}

/// Takes finished background work.
pub fn poll(state: &mut AppState) {
    let Some(rx) = &state.plugins.jobs else {
        return;
    };
    let received = rx.try_recv();
    if matches!(received, Err(TryRecvError::Empty)) {
        return;
    }
    state.plugins.busy = None;
    state.plugins.jobs = None;
    // The worker died without an answer (a panic in a compiler or a plugin's code).
    let Ok(job) = received else {
        state.message = Some(S::BackgroundStopped.get(state.lang).into());
        return;
    };
    match job {
        Job::Loaded(host, loaded) => {
            match host {
                Ok(h) => state.plugins.host = Some(h),
                Err(e) => state.message = Some(e),
            }
            state.plugins.loaded = loaded.into_iter().collect();
        }
        Job::Checked(Ok(p)) => state.plugins.pending = Some(*p),
        Job::Checked(Err(e)) => state.message = Some(e),
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

/// Checks a package (signature, trust, sandbox load) off the UI thread.
pub fn check_file(state: &mut AppState, path: PathBuf) {
    let Some(host) = state.plugins.host.clone() else {
        state.message = Some(S::PluginsNotReady.get(state.lang).into());
        return;
    };
    let store = state.store.clone();
    let lang = state.lang;
    let (tx, rx) = channel();
    state.plugins.busy = Some("check");
    let _ = std::thread::Builder::new()
        .name("plugin-check".into())
        .spawn(move || {
            let result = Package::read_file(&path)
                .map_err(|e| e.message(lang))
                .and_then(|bytes| {
                    let (_, plugin) = registry::check(&host, &bytes, Some(&store))
                        .map_err(|e| e.message(lang))?;
                    let requested = plugin
                        .manifest
                        .capabilities
                        .iter()
                        .map(Capability::from_api)
                        .collect();
                    Ok(PendingInstall {
                        bytes,
                        plugin,
                        requested,
                    })
                });
            let _ = tx.send(Job::Checked(result.map(Box::new)));
        });
    state.plugins.jobs = Some(rx);
}

fn install_pending(state: &mut AppState, grant: bool) {
    let Some(pending) = state.plugins.pending.take() else {
        return;
    };
    let Some(host) = state.plugins.host.clone() else {
        return;
    };
    let grant = if grant {
        pending.requested.clone()
    } else {
        Vec::new()
    };
    match registry::install(
        &state.store,
        &host,
        &pending.bytes,
        &grant,
        state.clock.now(),
    ) {
        Ok(record) => {
            state
                .plugins
                .loaded
                .insert(record.manifest.id.clone(), Ok(pending.plugin));
            state.message = None;
        }
        Err(e) => state.message = Some(e.message(state.lang)),
    }
    state.plugins.installed = registry::installed(&state.store).unwrap_or_default();
}

pub fn remove(state: &mut AppState, id: &str) {
    match registry::remove(&state.store, id) {
        Ok(()) => {
            state.plugins.loaded.remove(id);
        }
        Err(e) => state.message = Some(e.message(state.lang)),
    }
    state.plugins.installed = registry::installed(&state.store).unwrap_or_default();
}

pub fn show(ui: &mut Ui, state: &mut AppState, out: &mut Vec<Command>) {
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
            ui.label(if what == "check" {
                S::CheckingPlugin.get(lang)
            } else {
                S::LoadingPlugins.get(lang)
            });
        });
    }
    if state.plugins.installed.is_empty() {
        ui.label(S::NoPlugins.get(lang));
    }
    let mut remove = None;
    for p in &state.plugins.installed {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let name = lang.pick(&p.manifest.name.nb, &p.manifest.name.en);
            ui.label(
                RichText::new(format!("{name} {}", p.manifest.version))
                    .strong()
                    .size(18.0),
            );
            ui.label(lang.pick(&p.manifest.description.nb, &p.manifest.description.en));
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
            if let Some(Err(e)) = state.plugins.loaded.get(&p.manifest.id) {
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
    // Some(Some(grant)): install; Some(None): cancel.
    let mut decision: Option<Option<bool>> = None;
    if let Some(p) = &state.plugins.pending {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let m = &p.plugin.manifest;
            ui.label(
                RichText::new(format!(
                    "{} {} ({})",
                    lang.pick(&m.name.nb, &m.name.en),
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
                    decision = Some(Some(true));
                }
                if ui.button(S::InstallWithoutAccess.get(lang)).clicked() {
                    decision = Some(Some(false));
                }
                if ui.button(S::Cancel.get(lang)).clicked() {
                    decision = Some(None);
                }
            });
        });
    }
    match decision {
        Some(Some(grant)) => install_pending(state, grant),
        Some(None) => state.plugins.pending = None,
        None => {}
    }
}
