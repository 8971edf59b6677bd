//! The Extensions screen's catalogues: the municipality's sources, checked in the background at
//! start and on demand, the updates and new plugins they offer (with their changelog and what
//! they ask to read), and the versions they withdrew.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{RichText, Ui};

use super::{AppState, Command, PluginCommand, S};
use crate::plugins::catalog::{self, Fetcher, Offer, Withdrawn};
use crate::plugins::context::Capability;
use crate::plugins::package::PublicKey;
use crate::plugins::registry;

/// What the last check of one source found, in the user's language.
#[derive(Clone, Debug)]
pub struct SourceState {
    pub publisher: String,
    pub sequence: u64,
    pub expires: chrono::DateTime<chrono::Utc>,
    pub expired: bool,
    /// Why the last good catalogue is in use.
    pub problem: Option<String>,
    pub rotated_to: Option<String>,
    pub offers: Vec<Offer>,
    pub withdrawn: Vec<Withdrawn>,
}

#[derive(Default)]
pub struct CatalogUi {
    pub sources: Vec<catalog::Source>,
    /// By location: the last check's result, or why it failed.
    pub checked: BTreeMap<String, Result<SourceState, String>>,
    pub checking: bool,
    /// An offer waiting for the user to approve what it asks to read.
    pub pending: Option<Offer>,
    events: Option<Receiver<(String, Result<SourceState, String>)>>,
    /// To wake the window when a result arrives (set when the plugins start).
    pub repaint: Option<egui::Context>,
}

/// Checks every source on a thread of its own: the network never holds up the window or the
/// plugin service. A database without sources never touches the network.
pub fn check_all(state: &mut AppState) {
    let sources = catalog::sources(&state.store).unwrap_or_default();
    state.plugins.catalog.sources = sources.clone();
    if sources.is_empty() || state.plugins.catalog.checking {
        return;
    }
    let (tx, rx) = channel();
    let store = state.store.clone();
    let now = state.clock.now();
    let lang = state.lang;
    let ctx = state.plugins.catalog.repaint.clone();
    let spawned = std::thread::Builder::new()
        .name("catalogues".into())
        .spawn(move || {
            let fetcher = Fetcher::default();
            for s in sources {
                let result = catalog::check_source(&store, &fetcher, &s.location, now)
                    .map(|r| SourceState {
                        publisher: r.publisher,
                        sequence: r.sequence,
                        expires: r.expires,
                        expired: r.expired,
                        problem: r.problem.map(|e| e.message(lang)),
                        rotated_to: r.rotated_to.map(|k| k.fingerprint()),
                        offers: r.offers,
                        withdrawn: r.withdrawn,
                    })
                    .map_err(|e| e.message(lang));
                if tx.send((s.location, result)).is_err() {
                    return;
                }
                if let Some(ctx) = &ctx {
                    ctx.request_repaint();
                }
            }
        });
    match spawned {
        Ok(_) => {
            state.plugins.catalog.events = Some(rx);
            state.plugins.catalog.checking = true;
        }
        Err(e) => state.message = Some(e.to_string()),
    }
}

/// Takes the checks' results; a withdrawn plugin is dropped from the service at once.
pub fn poll(state: &mut AppState) {
    let mut withdrawn = Vec::new();
    while let Some(rx) = &state.plugins.catalog.events {
        match rx.try_recv() {
            Ok((location, result)) => {
                if let Ok(s) = &result {
                    withdrawn.extend(s.withdrawn.iter().map(|w| w.plugin.clone()));
                }
                state.plugins.catalog.checked.insert(location, result);
            }
            Err(TryRecvError::Empty) => break,
            Err(TryRecvError::Disconnected) => {
                state.plugins.catalog.events = None;
                state.plugins.catalog.checking = false;
                state.plugins.catalog.sources = catalog::sources(&state.store).unwrap_or_default();
                break;
            }
        }
    }
    if !withdrawn.is_empty() {
        if let Some(service) = &state.plugins.service {
            for id in &withdrawn {
                service.forget(id);
            }
            service.load_installed();
            state.plugins.busy = Some("load");
        }
        state.plugins.installed = registry::installed(&state.store).unwrap_or_default();
    }
}

pub fn add_source(state: &mut AppState, location: &str, key: &str, name: &str) {
    let lang = state.lang;
    let key = match PublicKey::parse(key) {
        Ok(k) => k,
        Err(e) => {
            state.message = Some(e.message(lang));
            return;
        }
    };
    match catalog::add_source(&state.store, location, key, name, state.clock.now()) {
        Ok(_) => {
            state.message = None;
            check_all(state);
        }
        Err(e) => state.message = Some(e.message(lang)),
    }
}

pub fn remove_source(state: &mut AppState, location: &str) {
    if let Err(e) = catalog::remove_source(&state.store, location) {
        state.message = Some(e.message(state.lang));
    }
    state.plugins.catalog.checked.remove(location);
    state.plugins.catalog.sources = catalog::sources(&state.store).unwrap_or_default();
}

/// Installs an offer, or first asks for approval when it asks to read something new.
pub fn get(state: &mut AppState, offer: Offer, approved: Option<bool>) {
    let Some(approve) = approved.or(offer.new_capabilities.is_empty().then_some(false)) else {
        state.plugins.catalog.pending = Some(offer);
        return;
    };
    state.plugins.catalog.pending = None;
    let Some(service) = &state.plugins.service else {
        state.message = Some(S::PluginsNotReady.get(state.lang).into());
        return;
    };
    service.install_offer(&offer.source, &offer.package.id, approve, state.clock.now());
    state.plugins.busy = Some("install");
}

/// After an install: the plugin is no longer offered at that version.
pub fn installed(state: &mut AppState, id: &str) {
    for s in state.plugins.catalog.checked.values_mut().flatten() {
        s.offers.retain(|o| o.package.id != id);
    }
}

/// The editable fields of "add a source": the window's own, not the app's state.
#[derive(Clone, Default)]
struct NewSource {
    location: String,
    key: String,
    name: String,
}

pub fn show(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let lang = state.lang;
    let c = &state.plugins.catalog;
    ui.separator();
    ui.horizontal(|ui| {
        ui.heading(S::CatalogSources.get(lang));
        if c.checking {
            ui.spinner();
            ui.label(S::CatalogChecking.get(lang));
        } else if !c.sources.is_empty() && ui.button(S::CatalogCheckNow.get(lang)).clicked() {
            out.push(Command::Plugin(PluginCommand::CheckSources));
        }
    });
    if c.sources.is_empty() {
        ui.label(S::CatalogNoSources.get(lang));
    }
    for s in &c.sources {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let key = PublicKey::parse(&s.key)
                .map(|k| k.fingerprint())
                .unwrap_or_default();
            ui.label(RichText::new(&s.name).strong());
            ui.label(&s.location);
            ui.label(S::CatalogKeyFingerprint.fill(lang, &[&group(&key)]));
            match c.checked.get(&s.location) {
                None => {}
                Some(Err(e)) => {
                    ui.colored_label(super::theme::warn_color(), e);
                }
                Some(Ok(st)) => show_state(ui, state, st, out),
            }
            if ui
                .button(format!("{} {}", S::Remove.get(lang), s.name))
                .clicked()
            {
                out.push(Command::Plugin(PluginCommand::RemoveSource(
                    s.location.clone(),
                )));
            }
        });
    }
    if let Some(offer) = &c.pending {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    offer.package.name.get(lang),
                    offer.package.version
                ))
                .strong(),
            );
            ui.label(if offer.installed.is_some() {
                S::CatalogAsksMore.get(lang)
            } else {
                S::AsksToRead.get(lang)
            });
            for cap in &offer.new_capabilities {
                ui.label(format!("  • {}", Capability::from_api(cap).describe(lang)));
            }
            ui.horizontal(|ui| {
                if ui.button(S::ApproveAndInstall.get(lang)).clicked() {
                    out.push(Command::Plugin(PluginCommand::GetOffer(
                        Box::new(offer.clone()),
                        Some(true),
                    )));
                }
                if offer.installed.is_none()
                    && ui.button(S::InstallWithoutAccess.get(lang)).clicked()
                {
                    out.push(Command::Plugin(PluginCommand::GetOffer(
                        Box::new(offer.clone()),
                        Some(false),
                    )));
                }
                if ui.button(S::Cancel.get(lang)).clicked() {
                    out.push(Command::Plugin(PluginCommand::CancelOffer));
                }
            });
        });
    }
    add_source_form(ui, state, out);
}

fn show_state(ui: &mut Ui, state: &AppState, st: &SourceState, out: &mut Vec<Command>) {
    let lang = state.lang;
    ui.label(
        S::CatalogState.fill(
            lang,
            &[
                &st.publisher,
                &st.sequence.to_string(),
                &state
                    .clock
                    .local_date(st.expires)
                    .format("%d.%m.%Y")
                    .to_string(),
            ],
        ),
    );
    let warn = super::theme::warn_color();
    if st.expired {
        ui.colored_label(warn, S::CatalogExpired.get(lang));
    }
    if let Some(p) = &st.problem {
        ui.colored_label(warn, S::CatalogUsingLastGood.fill(lang, &[p]));
    }
    if let Some(k) = &st.rotated_to {
        ui.label(S::CatalogRotated.fill(lang, &[&group(k)]));
    }
    for w in &st.withdrawn {
        ui.colored_label(
            warn,
            S::CatalogWithdrawn.fill(lang, &[&w.plugin, &w.version, w.reason.get(lang)]),
        );
    }
    if st.offers.is_empty() {
        ui.label(S::CatalogNothingNew.get(lang));
    }
    for o in &st.offers {
        ui.separator();
        let line = match &o.installed {
            Some(v) => {
                S::CatalogUpdate.fill(lang, &[o.package.name.get(lang), v, &o.package.version])
            }
            None => S::CatalogNew.fill(lang, &[o.package.name.get(lang), &o.package.version]),
        };
        ui.label(RichText::new(line).strong());
        let changelog = o.package.changelog.get(lang);
        if !changelog.is_empty() {
            ui.label(changelog);
        }
        if !o.new_capabilities.is_empty() {
            let caps: Vec<String> = o
                .new_capabilities
                .iter()
                .map(|c| Capability::from_api(c).describe(lang))
                .collect();
            ui.label(format!("{} {}", S::AsksToRead.get(lang), caps.join(", ")));
        }
        if let Some(v) = &o.needs_ansvar {
            ui.colored_label(
                super::theme::warn_color(),
                S::CatalogNeedsAnsvar.fill(lang, &[v]),
            );
            continue;
        }
        let label = if o.installed.is_some() {
            S::CatalogUpdateButton
        } else {
            S::CatalogInstallButton
        };
        if ui
            .add_enabled(
                state.plugins.busy.is_none(),
                egui::Button::new(format!("{} {}", label.get(lang), o.package.name.get(lang))),
            )
            .clicked()
        {
            out.push(Command::Plugin(PluginCommand::GetOffer(
                Box::new(o.clone()),
                None,
            )));
        }
    }
}

/// A fingerprint in groups of four, easier to read out on the phone.
fn group(hex: &str) -> String {
    hex.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn add_source_form(ui: &mut Ui, state: &AppState, out: &mut Vec<Command>) {
    let lang = state.lang;
    let id = ui.make_persistent_id("new-catalog-source");
    let mut new: NewSource = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
    ui.collapsing(S::CatalogAddSource.get(lang), |ui| {
        egui::Grid::new("new-source").num_columns(2).show(ui, |ui| {
            let l = ui.label(S::CatalogLocation.get(lang));
            ui.add(
                egui::TextEdit::singleline(&mut new.location)
                    .hint_text("https://kommune.example/ansvar/katalog"),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(S::CatalogPublisherKey.get(lang));
            ui.add(egui::TextEdit::singleline(&mut new.key).hint_text("ansvar-ed25519-public:…"))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(S::CatalogPublisherName.get(lang));
            ui.text_edit_singleline(&mut new.name).labelled_by(l.id);
            ui.end_row();
        });
        let key = PublicKey::parse(&new.key);
        if let Ok(k) = &key {
            ui.label(S::CatalogCompareFingerprint.fill(lang, &[&group(&k.fingerprint())]));
        } else if !new.key.trim().is_empty() {
            ui.colored_label(super::theme::warn_color(), S::PluginBadKey.get(lang));
        }
        let ready = key.is_ok() && !new.location.trim().is_empty() && !new.name.trim().is_empty();
        if ui
            .add_enabled(
                ready,
                egui::Button::new(S::CatalogAddSourceButton.get(lang)),
            )
            .clicked()
        {
            out.push(Command::Plugin(PluginCommand::AddSource {
                location: new.location.trim().to_string(),
                key: new.key.trim().to_string(),
                name: new.name.trim().to_string(),
            }));
            new = NewSource::default();
        }
    });
    ui.data_mut(|d| d.insert_temp(id, new));
}
