//! Documents out (and in): the individual plan and meeting minutes as PDF, and the whole case
//! as a FHIR R4 Bundle (export and import).
//!
//! - [`pdf`]: the plan and the minutes as A4 PDF, with an embedded font.
//! - [`fhir`]: FHIR R4 JSON export and import.
//! - [`cycle`]: the notice of the next meeting (PDF and [`ics`] calendar invitation) to each
//!   participant, and the minutes to each recipient, each as their consent allows.
//! - [`gather`]: asks the installed plugins for their forms' summaries (the caller's part).
//!
//! The export functions take what the plugins have to say about their forms as input
//! ([`PluginSections`]), so that this module never runs a plugin itself; the caller (the CLI,
//! the app) loads the installed plugins and asks them.

pub mod cycle;
pub mod fhir;
pub mod gather;
pub mod ics;
pub mod pdf;
pub mod sample;

use crate::domain::{FormEntryId, MeetingId, ParticipantId};
use crate::i18n::Lang;
use crate::plugins::api::FormDefinition;
use crate::text::S;

/// What one plugin form on the case contributes to a document.
#[derive(Clone, Debug, Default)]
pub struct FormSection {
    pub entry: FormEntryId,
    pub plugin_id: String,
    /// The form's title in bokmål, e.g. "IPS-oppfølging".
    pub title: String,
    /// The plugin's summary of the data, one line each.
    pub summary: Vec<String>,
    /// The form as the plugin declares it; gives the FHIR Questionnaire.
    pub form: Option<FormDefinition>,
    /// Why the form cannot be shown (plugin not installed, or it failed), in bokmål.
    pub problem: Option<String>,
}

/// The plugin forms' contributions, one per [`crate::domain::FormEntry`] that has one.
#[derive(Clone, Debug, Default)]
pub struct PluginSections {
    pub forms: Vec<FormSection>,
}

impl PluginSections {
    pub fn none() -> Self {
        PluginSections::default()
    }

    pub fn get(&self, entry: FormEntryId) -> Option<&FormSection> {
        self.forms.iter().find(|f| f.entry == entry)
    }

    /// A form definition for the plugin, from any of its entries.
    pub fn form_of(&self, plugin_id: &str) -> Option<&FormDefinition> {
        self.forms
            .iter()
            .filter(|f| f.plugin_id == plugin_id)
            .find_map(|f| f.form.as_ref())
    }
}

/// The sentence a document shows for a form whose plugin is not installed.
pub fn not_installed(plugin_id: &str, lang: Lang) -> String {
    S::FormNotInstalled.fill(lang, &[plugin_id])
}

/// What can go wrong exporting or importing. The case and the store are unchanged.
/// Display is the English message: each wording lives once, in the text catalogue.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ExportError {
    UnknownMeeting(MeetingId),
    UnknownParticipant(ParticipantId),
    MinutesNotShared {
        person: String,
        reader: String,
    },
    Pdf(String),
    Json(String),
    Import(#[from] fhir::ImportError),
    Store(#[from] crate::store::StoreError),
    /// The case has no next meeting to send a notice for.
    NoNextMeeting,
    /// The folder to write into is a file.
    NotAFolder(std::path::PathBuf),
    Output(#[from] crate::fsio::OutputError),
}

impl ExportError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ExportError::UnknownMeeting(id) => {
                S::ExportUnknownMeeting.fill(lang, &[&id.to_string()])
            }
            ExportError::UnknownParticipant(id) => {
                S::ExportUnknownParticipant.fill(lang, &[&id.to_string()])
            }
            ExportError::MinutesNotShared { person, reader } => {
                S::ExportMinutesNotShared.fill(lang, &[person, reader])
            }
            ExportError::Pdf(d) => S::ExportPdf.fill(lang, &[d]),
            ExportError::Json(d) => S::ExportJson.fill(lang, &[d]),
            ExportError::Import(e) => e.message(lang),
            ExportError::Store(e) => e.message(lang),
            ExportError::NoNextMeeting => S::NoticeNoNextMeeting.get(lang).to_string(),
            ExportError::NotAFolder(p) => {
                S::CycleNotAFolder.fill(lang, &[&p.display().to_string()])
            }
            ExportError::Output(e) => e.message(lang),
        }
    }
}
