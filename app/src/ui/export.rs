//! Export from the app: the plan or a meeting's minutes as PDF, chosen with a save dialog and
//! written in the background while a spinner shows.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::{AppState, S};
use crate::domain::MeetingId;
use crate::export::pdf::{PdfOptions, minutes_pdf, plan_pdf};

#[derive(Default)]
pub struct ExportUi {
    /// A document being written: the message to show when it is done, or what went wrong.
    pub(super) job: Option<Receiver<Result<String, String>>>,
}

impl ExportUi {
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }
}

/// Asks where to save, then writes the PDF off the UI thread.
pub fn start(state: &mut AppState, meeting: Option<MeetingId>) {
    let Some(session) = &state.session else {
        return;
    };
    let case = session.case().clone();
    let name = case.person.name.replace(['/', '\\'], "-");
    let default = match meeting {
        Some(_) => format!("Referat {name}.pdf"),
        None => format!("Individuell plan {name}.pdf"),
    };
    let Some(path) = rfd::FileDialog::new()
        .add_filter("PDF", &["pdf"])
        .set_file_name(default)
        .save_file()
    else {
        return;
    };
    write_in_background(state, case, meeting, path);
}

/// Writes the PDF to `path` in the background (also what tests call, without the dialog).
pub fn write_in_background(
    state: &mut AppState,
    case: crate::domain::Case,
    meeting: Option<MeetingId>,
    path: PathBuf,
) {
    let access = match meeting {
        Some(_) => crate::store::Access::MinutesPdf,
        None => crate::store::Access::PlanPdf,
    };
    if let Err(m) = super::history::record_access(state, case.id, access) {
        state.message = Some(m);
        return;
    }
    // The forms' summaries come from the app's one plugin service, not a host of the export's.
    let plugins = state.plugins.service.as_ref().map(|s| s.sections_client());
    let clock = state.clock.clone();
    let lang = state.lang;
    // Never written over the open database; whole or not at all.
    let db = state.store.path().to_path_buf();
    let (tx, rx) = channel();
    let spawned = std::thread::Builder::new()
        .name("export".into())
        .spawn(move || {
            // The coordinator's own copy: the complete plan.
            let case = crate::consent::CaseView::everything(&case);
            let opts = PdfOptions::complete(&clock).in_lang(lang);
            let forms = match &plugins {
                Some(client) => client.sections(&case, opts.date, lang),
                None => crate::export::gather::all_failed(
                    &case,
                    &crate::plugins::PluginError::Io(S::PluginsNotReady.get(lang).into()),
                    lang,
                ),
            };
            let result = match meeting {
                Some(m) => minutes_pdf(&case, m, &forms, &opts),
                None => plan_pdf(&case, &forms, &opts),
            }
            .map_err(|e| e.message(lang))
            .and_then(|bytes| {
                crate::fsio::write_output_atomic(&path, &bytes, &[&db]).map_err(|e| e.message(lang))
            })
            .map(|()| format!("{} {}", S::PdfSaved.get(lang), path.display()));
            let _ = tx.send(result);
        });
    match spawned {
        Ok(_) => state.export.job = Some(rx),
        Err(e) => state.message = Some(e.to_string()),
    }
}

/// Takes a finished export.
pub fn poll(state: &mut AppState) {
    let Some(rx) = &state.export.job else {
        return;
    };
    let received = rx.try_recv();
    if matches!(received, Err(TryRecvError::Empty)) {
        return;
    }
    state.export.job = None;
    // A finished job may have added to the access log.
    state.access = None;
    let Ok(result) = received else {
        state.message = Some(S::BackgroundStopped.get(state.lang).into());
        return;
    };
    state.message = Some(match result {
        Ok(done) => done,
        Err(e) => e,
    });
}
