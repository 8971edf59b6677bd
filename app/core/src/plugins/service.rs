//! The app's plugin service: the one [`PluginHost`] (one wasmtime engine) of the window, on a
//! worker thread of its own. The window sends requests and takes the answers each frame, so no
//! plugin call ever runs on the UI thread; the PDF export asks the same service.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use chrono::{DateTime, NaiveDate, Utc};

use super::PluginError;
use super::api::{
    CaseContext, ComputedValue, FieldMessage, FormDefinition, PluginManifest, SummaryLine,
};
use super::context::Capability;
use super::host::{ApiVersion, LoadedPlugin, PluginHost};
use super::registry::{self, InstalledPlugin};
use crate::consent::CaseView;
use crate::domain::FormEntryId;
use crate::export::PluginSections;
use crate::i18n::Lang;
use crate::store::Store;

/// What the window needs to know of a loaded plugin: what it declares. Calls go through the
/// service.
#[derive(Clone, Debug, PartialEq)]
pub struct PluginInfo {
    pub api: ApiVersion,
    pub manifest: PluginManifest,
    pub form: FormDefinition,
}

impl PluginInfo {
    fn of(plugin: &LoadedPlugin) -> PluginInfo {
        PluginInfo {
            api: plugin.api,
            manifest: plugin.manifest.clone(),
            form: plugin.form.clone(),
        }
    }
}

/// What a plugin said about one form entry's data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Verdict {
    pub messages: Vec<FieldMessage>,
    pub summary: Vec<SummaryLine>,
    pub computed: Vec<ComputedValue>,
}

/// A package that was checked (signature, trust, sandbox load) and waits for the user to
/// approve what it asks to read.
pub struct PendingInstall {
    pub bytes: Vec<u8>,
    pub plugin: PluginInfo,
    pub requested: Vec<Capability>,
}

/// Each installed plugin's id, and the plugin or why it did not load.
pub type LoadedPlugins = Vec<(String, Result<PluginInfo, String>)>;

/// An answer from the worker.
pub enum Event {
    /// The installed plugins. `Err` when the engine itself could not start.
    Loaded(Result<LoadedPlugins, String>),
    /// The verdict on one entry's data, identified by the hash the request carried.
    Verdict {
        entry: FormEntryId,
        data_hash: u64,
        plugin: String,
        result: Result<Verdict, PluginError>,
    },
    Checked(Result<Box<PendingInstall>, String>),
    Installed(Result<Box<(InstalledPlugin, PluginInfo)>, String>),
}

/// The worker is gone (it panicked), so no answer will come.
#[derive(Debug)]
pub struct Stopped;

enum Request {
    LoadInstalled,
    Verdict {
        entry: FormEntryId,
        data_hash: u64,
        plugin: String,
        data: String,
        context: Box<CaseContext>,
    },
    Check(PathBuf),
    Install {
        bytes: Vec<u8>,
        grant: Vec<Capability>,
        now: DateTime<Utc>,
    },
    InstallOffer {
        source: String,
        id: String,
        approve: bool,
        now: DateTime<Utc>,
    },
    Forget(String),
    Sections {
        case: Box<CaseView<'static>>,
        today: NaiveDate,
        lang: Lang,
        reply: Sender<PluginSections>,
    },
}

/// The window's handle on the worker. Dropping it stops the worker after its current call.
pub struct PluginService {
    requests: Sender<Request>,
    events: Receiver<Event>,
}

/// A handle for another thread (the PDF export) to ask the service for form summaries.
#[derive(Clone)]
pub struct SectionsClient {
    requests: Sender<Request>,
}

impl SectionsClient {
    /// The summaries of the case's forms, from the service's host. Waits for the worker.
    pub fn sections(&self, case: &CaseView, today: NaiveDate, lang: Lang) -> PluginSections {
        if case.forms.is_empty() {
            return PluginSections::none();
        }
        let (reply, answer) = channel();
        let asked = self.requests.send(Request::Sections {
            case: Box::new(case.detached()),
            today,
            lang,
            reply,
        });
        match asked.ok().and_then(|()| answer.recv().ok()) {
            Some(sections) => sections,
            // The worker is gone: every form says so, the export still goes on.
            None => crate::export::gather::all_failed(
                case,
                &PluginError::Engine("the plugin service has stopped".into()),
                lang,
            ),
        }
    }
}

impl PluginService {
    /// Starts the worker, which creates the host (with the compile cache in `cache_dir`).
    /// `notify` is called after each answer, e.g. to repaint the window.
    pub fn start(
        store: Arc<Store>,
        cache_dir: Option<PathBuf>,
        lang: Lang,
        notify: impl Fn() + Send + 'static,
    ) -> Result<PluginService, PluginError> {
        let (requests, inbox) = channel();
        let (outbox, events) = channel();
        std::thread::Builder::new()
            .name("plugins".into())
            .spawn(move || {
                let worker = Worker {
                    host: PluginHost::for_store(cache_dir, &store).map_err(|e| e.message(lang)),
                    store,
                    lang,
                    loaded: HashMap::new(),
                };
                worker.run(inbox, outbox, notify);
            })
            .map_err(|e| PluginError::Engine(e.to_string()))?;
        Ok(PluginService { requests, events })
    }

    fn send(&self, request: Request) {
        // A worker that has stopped shows as "background work stopped" when polled.
        let _ = self.requests.send(request);
    }

    /// Loads every installed plugin (again).
    pub fn load_installed(&self) {
        self.send(Request::LoadInstalled);
    }

    /// Asks the plugin for its messages, summary and computed values on `data`.
    pub fn verdict(
        &self,
        entry: FormEntryId,
        data_hash: u64,
        plugin: &str,
        data: &str,
        context: CaseContext,
    ) {
        self.send(Request::Verdict {
            entry,
            data_hash,
            plugin: plugin.to_string(),
            data: data.to_string(),
            context: Box::new(context),
        });
    }

    /// Reads and checks a package file.
    pub fn check(&self, path: PathBuf) {
        self.send(Request::Check(path));
    }

    /// Installs a checked package with what the user granted.
    pub fn install(&self, bytes: Vec<u8>, grant: Vec<Capability>, now: DateTime<Utc>) {
        self.send(Request::Install { bytes, grant, now });
    }

    /// Downloads and installs a catalogue's offer (see [`super::catalog::install_offer`]); the
    /// answer is an [`Event::Installed`].
    pub fn install_offer(&self, source: &str, id: &str, approve: bool, now: DateTime<Utc>) {
        self.send(Request::InstallOffer {
            source: source.to_string(),
            id: id.to_string(),
            approve,
            now,
        });
    }

    /// Drops a removed plugin from the worker's loaded ones.
    pub fn forget(&self, id: &str) {
        self.send(Request::Forget(id.to_string()));
    }

    pub fn sections_client(&self) -> SectionsClient {
        SectionsClient {
            requests: self.requests.clone(),
        }
    }

    /// The next answer, if one has arrived.
    pub fn try_next(&self) -> Result<Option<Event>, Stopped> {
        match self.events.try_recv() {
            Ok(e) => Ok(Some(e)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(Stopped),
        }
    }
}

struct Worker {
    /// The one host; the message in the user's language when the engine could not start.
    host: Result<PluginHost, String>,
    store: Arc<Store>,
    lang: Lang,
    loaded: HashMap<String, LoadedPlugin>,
}

impl Worker {
    fn run(mut self, inbox: Receiver<Request>, outbox: Sender<Event>, notify: impl Fn()) {
        // Ends when the window drops its handle and every export client is done.
        while let Ok(request) = inbox.recv() {
            if let Some(event) = self.handle(request)
                && outbox.send(event).is_ok()
            {
                notify();
            }
        }
    }

    fn host(&self) -> Result<&PluginHost, PluginError> {
        self.host.as_ref().map_err(|e| PluginError::Io(e.clone()))
    }

    fn handle(&mut self, request: Request) -> Option<Event> {
        let lang = self.lang;
        Some(match request {
            Request::LoadInstalled => Event::Loaded(self.load_installed()),
            Request::Verdict {
                entry,
                data_hash,
                plugin,
                data,
                context,
            } => Event::Verdict {
                entry,
                data_hash,
                result: self.verdict(&plugin, &data, &context),
                plugin,
            },
            Request::Check(path) => {
                Event::Checked(self.check(path).map(Box::new).map_err(|e| e.message(lang)))
            }
            Request::Install { bytes, grant, now } => Event::Installed(
                self.install(&bytes, &grant, now)
                    .map(Box::new)
                    .map_err(|e| e.message(lang)),
            ),
            Request::InstallOffer {
                source,
                id,
                approve,
                now,
            } => Event::Installed(
                self.install_offer(&source, &id, approve, now)
                    .map(Box::new)
                    .map_err(|e| e.message(lang)),
            ),
            Request::Forget(id) => {
                self.loaded.remove(&id);
                return None;
            }
            Request::Sections {
                case,
                today,
                lang,
                reply,
            } => {
                let sections = match &self.host {
                    Ok(host) => {
                        crate::export::gather::sections_with(&self.store, host, &case, today, lang)
                    }
                    Err(e) => {
                        crate::export::gather::all_failed(&case, &PluginError::Io(e.clone()), lang)
                    }
                };
                let _ = reply.send(sections);
                return None;
            }
        })
    }

    fn load_installed(&mut self) -> Result<LoadedPlugins, String> {
        let host = self.host.as_ref().map_err(Clone::clone)?;
        let installed = registry::installed(&self.store).map_err(|e| e.message(self.lang))?;
        self.loaded.clear();
        let mut out = Vec::new();
        for p in installed {
            let id = p.manifest.id.clone();
            match registry::load(&self.store, host, &id) {
                Ok((_, plugin)) => {
                    out.push((id.clone(), Ok(PluginInfo::of(&plugin))));
                    self.loaded.insert(id, plugin);
                }
                Err(e) => out.push((id, Err(e.message(self.lang)))),
            }
        }
        Ok(out)
    }

    fn verdict(
        &self,
        plugin: &str,
        data: &str,
        context: &CaseContext,
    ) -> Result<Verdict, PluginError> {
        let p = self
            .loaded
            .get(plugin)
            .ok_or_else(|| PluginError::NotInstalled(plugin.to_string()))?;
        Ok(Verdict {
            messages: p.validate(data, context)?,
            summary: p.summarize(data, context)?,
            computed: p.computed(data, context)?,
        })
    }

    fn check(&self, path: PathBuf) -> Result<PendingInstall, PluginError> {
        let host = self.host()?;
        // A regular file of package size only: a FIFO picked in the dialog must not block
        // the worker.
        let bytes = crate::fsio::read_input(
            &path,
            super::package::MAX_PACKAGE_BYTES as u64,
            crate::fsio::Input::Package,
        )
        .map_err(|e| PluginError::Io(e.message(self.lang)))?;
        let (_, plugin) = registry::check(host, &bytes, Some(&self.store))?;
        let requested = plugin
            .manifest
            .capabilities
            .iter()
            .map(Capability::from_api)
            .collect();
        Ok(PendingInstall {
            bytes,
            plugin: PluginInfo::of(&plugin),
            requested,
        })
    }

    fn install_offer(
        &mut self,
        source: &str,
        id: &str,
        approve: bool,
        now: DateTime<Utc>,
    ) -> Result<(InstalledPlugin, PluginInfo), super::catalog::CatalogError> {
        let host = self.host()?;
        let fetcher = super::catalog::Fetcher::default();
        let record =
            super::catalog::install_offer(&self.store, host, &fetcher, source, id, approve, now)?;
        let (_, plugin) = registry::load(&self.store, host, &record.manifest.id)?;
        let info = PluginInfo::of(&plugin);
        self.loaded.insert(record.manifest.id.clone(), plugin);
        Ok((record, info))
    }

    fn install(
        &mut self,
        bytes: &[u8],
        grant: &[Capability],
        now: DateTime<Utc>,
    ) -> Result<(InstalledPlugin, PluginInfo), PluginError> {
        let host = self.host()?;
        let record = registry::install(&self.store, host, bytes, grant, now)?;
        let (_, plugin) = registry::load(&self.store, host, &record.manifest.id)?;
        let info = PluginInfo::of(&plugin);
        self.loaded.insert(record.manifest.id.clone(), plugin);
        Ok((record, info))
    }
}
