//! Asks the installed plugins about the case's forms, for the documents: a summary and the
//! form definition per form entry. The one place in [`crate::export`] that runs plugins. The
//! plugins are given the document's [`CaseView`], so a summary can only quote what the
//! document's reader may see.

use chrono::NaiveDate;

use super::{FormSection, PluginSections, not_installed};
use crate::consent::CaseView;
use crate::domain::{Case, FormEntry};
use crate::i18n::Lang;
use crate::plugins::host::{LoadedPlugin, PluginHost};
use crate::plugins::registry::{self, InstalledPlugin};
use crate::plugins::{PluginError, context, default_cache_dir};
use crate::store::Store;
use crate::text::S;

type Loaded = Result<(InstalledPlugin, LoadedPlugin), PluginError>;

/// For a one-off command: starts a host of its own, and only when the case has forms. The app
/// asks its plugin service instead ([`crate::plugins::service::SectionsClient`]).
pub fn plugin_sections(
    store: &Store,
    case: &CaseView,
    today: NaiveDate,
    lang: Lang,
) -> PluginSections {
    if case.forms.is_empty() {
        return PluginSections::none();
    }
    match PluginHost::for_store(default_cache_dir(), store) {
        Ok(host) => sections_with(store, &host, case, today, lang),
        Err(e) => all_failed(case, &e, lang),
    }
}

/// Every form of the case with the same problem (no engine to ask).
pub fn all_failed(case: &Case, e: &PluginError, lang: Lang) -> PluginSections {
    PluginSections {
        forms: case
            .forms
            .iter()
            .map(|f| problem(f, f.plugin_id.clone(), cannot_show(e, lang)))
            .collect(),
    }
}

fn cannot_show(e: &PluginError, lang: Lang) -> String {
    S::FormCannotShow.fill(lang, &[&e.message(lang)])
}

fn problem(f: &FormEntry, title: String, problem: String) -> FormSection {
    FormSection {
        entry: f.id,
        plugin_id: f.plugin_id.clone(),
        title,
        problem: Some(problem),
        ..FormSection::default()
    }
}

/// Loads each plugin the case's forms use (once) in `host` and asks it to summarise each
/// entry, in `lang`. A form whose plugin is missing or fails gets a `problem` instead; nothing
/// here fails the export.
pub fn sections_with(
    store: &Store,
    host: &PluginHost,
    case: &CaseView,
    today: NaiveDate,
    lang: Lang,
) -> PluginSections {
    let mut loaded: Vec<(String, Loaded)> = Vec::new();
    let mut out = PluginSections::none();
    for f in &case.forms {
        if !loaded.iter().any(|(id, _)| *id == f.plugin_id) {
            loaded.push((
                f.plugin_id.clone(),
                registry::load(store, host, &f.plugin_id),
            ));
        }
        let Some((_, plugin)) = loaded.iter().find(|(id, _)| *id == f.plugin_id) else {
            continue;
        };
        let section = match plugin {
            Ok((record, plugin)) => {
                let ctx = context::build(case, &record.granted, today);
                let title = match plugin.form.title.get(lang) {
                    "" => record.manifest.name.get(lang).to_string(),
                    title => title.to_string(),
                };
                match plugin.summarize(&f.data, &ctx) {
                    Ok(lines) => FormSection {
                        entry: f.id,
                        plugin_id: f.plugin_id.clone(),
                        title,
                        summary: lines.iter().map(|l| l.text.get(lang).to_string()).collect(),
                        form: Some(plugin.form.clone()),
                        problem: None,
                    },
                    Err(e) => FormSection {
                        form: Some(plugin.form.clone()),
                        ..problem(f, title, cannot_show(&e, lang))
                    },
                }
            }
            Err(PluginError::NotInstalled(_)) => {
                problem(f, f.plugin_id.clone(), not_installed(&f.plugin_id, lang))
            }
            Err(e) => problem(f, f.plugin_id.clone(), cannot_show(e, lang)),
        };
        out.forms.push(section);
    }
    out
}
