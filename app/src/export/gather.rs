//! Asks the installed plugins about the case's forms, for the documents: a summary and the
//! form definition per form entry. The one place in [`crate::export`] that runs plugins.

use chrono::NaiveDate;

use super::{FormSection, PluginSections, not_installed};
use crate::domain::Case;
use crate::plugins::host::{LoadedPlugin, PluginHost};
use crate::plugins::registry::{self, InstalledPlugin};
use crate::plugins::{PluginError, context, default_cache_dir};
use crate::store::Store;

type Loaded = Result<(InstalledPlugin, LoadedPlugin), PluginError>;

/// Loads each plugin the case's forms use (once) and asks it to summarise each entry. A form
/// whose plugin is missing or fails gets a `problem` instead; nothing here fails the export.
/// With no form entries, no plugin engine is started.
pub fn plugin_sections(store: &Store, case: &Case, today: NaiveDate) -> PluginSections {
    if case.forms.is_empty() {
        return PluginSections::none();
    }
    let host = match PluginHost::new(default_cache_dir()) {
        Ok(h) => h,
        Err(e) => {
            return PluginSections {
                forms: case
                    .forms
                    .iter()
                    .map(|f| FormSection {
                        entry: f.id,
                        plugin_id: f.plugin_id.clone(),
                        title: f.plugin_id.clone(),
                        problem: Some(format!(
                            "Skjemaet kan ikke vises: {}",
                            e.message(crate::i18n::Lang::Nb)
                        )),
                        ..FormSection::default()
                    })
                    .collect(),
            };
        }
    };
    let mut loaded: Vec<(String, Loaded)> = Vec::new();
    let mut out = PluginSections::none();
    for f in &case.forms {
        if !loaded.iter().any(|(id, _)| *id == f.plugin_id) {
            loaded.push((
                f.plugin_id.clone(),
                registry::load(store, &host, &f.plugin_id),
            ));
        }
        let Some((_, plugin)) = loaded.iter().find(|(id, _)| *id == f.plugin_id) else {
            continue;
        };
        let section = match plugin {
            Ok((record, plugin)) => {
                let ctx = context::build(case, &record.granted, today);
                let title = if plugin.form.title.nb.is_empty() {
                    record.manifest.name.nb.clone()
                } else {
                    plugin.form.title.nb.clone()
                };
                match plugin.summarize(&f.data, &ctx) {
                    Ok(lines) => FormSection {
                        entry: f.id,
                        plugin_id: f.plugin_id.clone(),
                        title,
                        summary: lines.into_iter().map(|l| l.text.nb).collect(),
                        form: Some(plugin.form.clone()),
                        problem: None,
                    },
                    Err(e) => FormSection {
                        entry: f.id,
                        plugin_id: f.plugin_id.clone(),
                        title,
                        form: Some(plugin.form.clone()),
                        problem: Some(format!(
                            "Skjemaet kan ikke vises: {}",
                            e.message(crate::i18n::Lang::Nb)
                        )),
                        ..FormSection::default()
                    },
                }
            }
            Err(PluginError::NotInstalled(_)) => FormSection {
                entry: f.id,
                plugin_id: f.plugin_id.clone(),
                title: f.plugin_id.clone(),
                problem: Some(not_installed(&f.plugin_id)),
                ..FormSection::default()
            },
            Err(e) => FormSection {
                entry: f.id,
                plugin_id: f.plugin_id.clone(),
                title: f.plugin_id.clone(),
                problem: Some(format!(
                    "Skjemaet kan ikke vises: {}",
                    e.message(crate::i18n::Lang::Nb)
                )),
                ..FormSection::default()
            },
        };
        out.forms.push(section);
    }
    out
}
