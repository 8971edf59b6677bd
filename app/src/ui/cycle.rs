//! The meeting cycle from the app: "Send innkalling" (the next meeting's notice to each
//! participant) and "Godkjenn og send referat" (the approval, then the minutes to each
//! recipient), each written into a folder the user picks, off the UI thread, by the same core
//! functions as `ansvar export notice|minutes` ([`crate::export::cycle`]).

use std::path::PathBuf;
use std::sync::mpsc::channel;

use super::{AppState, CaseCommand, Command, S};
use crate::domain::{Approval, CaseId, Edit, MeetingId};
use crate::export::cycle;
use crate::export::pdf::PdfOptions;
use crate::store::{Access, AccessEntry};

/// The access-log entry for documents of `case` made now by `user` (one per reader).
fn access(clock: &crate::clock::Clock, user: String, case: CaseId, access: Access) -> AccessEntry {
    AccessEntry {
        n: 0,
        at: clock.now(),
        user,
        case,
        access,
        reader: None,
    }
}

fn pick_folder() -> Option<PathBuf> {
    rfd::FileDialog::new().pick_folder()
}

/// Asks for a folder, then writes the notices into it.
pub fn send_notice(state: &mut AppState) {
    if state.session.is_none() {
        return;
    }
    if let Some(dir) = pick_folder() {
        send_notice_to(state, dir);
    }
}

/// Writes the next meeting's notices into `dir` in the background (what tests call, without
/// the dialog).
pub fn send_notice_to(state: &mut AppState, dir: PathBuf) {
    let Some(session) = &state.session else {
        return;
    };
    let case = session.case().clone();
    let store = state.store.clone();
    let clock = state.clock.clone();
    let lang = state.lang;
    let user = state.user.name().to_string();
    run(state, move |db| {
        let log = store.log(case.id).map_err(|e| e.message(lang))?;
        let opts = PdfOptions::complete(&clock).in_lang(lang);
        let files = cycle::notices(&case, &log, &opts).map_err(|e| e.message(lang))?;
        store
            .record_documents(&access(&clock, user, case.id, Access::Notice), &files)
            .map_err(|e| e.message(lang))?;
        let paths = cycle::write_into(&dir, &files, &[db]).map_err(|e| e.message(lang))?;
        Ok(S::CycleFilesWritten.fill(
            lang,
            &[&paths.len().to_string(), &dir.display().to_string()],
        ))
    });
}

/// Asks for a folder, then approves the minutes and writes them into it.
pub fn approve_and_send(state: &mut AppState, meeting: MeetingId) {
    if state.session.is_none() {
        return;
    }
    if let Some(dir) = pick_folder() {
        approve_and_send_to(state, meeting, dir);
    }
}

/// Approves the meeting's minutes (through the one edit path, unless they are approved
/// already), then writes the complete copy and each recipient's copy into `dir` in the
/// background. The message says who got no copy, and why.
pub fn approve_and_send_to(state: &mut AppState, meeting: MeetingId, dir: PathBuf) {
    let Some(session) = &state.session else {
        return;
    };
    let Some(m) = session.case().meeting(meeting) else {
        return;
    };
    if m.approved.is_none() {
        let by = state.user.name().to_string();
        let on = state.today();
        state.execute(Command::Case(CaseCommand::Edit(Edit::SetMeetingApproval {
            meeting,
            approval: Some(Approval { on, by }),
        })));
    }
    let Some(session) = &state.session else {
        return;
    };
    // The edit was refused (its message is shown): nothing is sent unapproved.
    if session
        .case()
        .meeting(meeting)
        .is_none_or(|m| m.approved.is_none())
    {
        return;
    }
    let case = session.case().clone();
    let plugins = state.plugins.service.as_ref().map(|s| s.sections_client());
    let clock = state.clock.clone();
    let lang = state.lang;
    let store = state.store.clone();
    let user = state.user.name().to_string();
    run(state, move |db| {
        let opts = PdfOptions::complete(&clock).in_lang(lang);
        let mut forms = |view: &crate::consent::CaseView| match &plugins {
            Some(client) => client.sections(view, opts.date, lang),
            None => crate::export::gather::all_failed(
                view,
                &crate::plugins::PluginError::Io(S::PluginsNotReady.get(lang).into()),
                lang,
            ),
        };
        let made = cycle::minutes_to_recipients(&case, meeting, &mut forms, &opts)
            .map_err(|e| e.message(lang))?;
        // Logged before a file is written: documents whose export cannot be logged are not.
        store
            .record_documents(
                &access(&clock, user, case.id, Access::MinutesPdf),
                &made.files,
            )
            .map_err(|e| e.message(lang))?;
        let paths = cycle::write_into(&dir, &made.files, &[db]).map_err(|e| e.message(lang))?;
        let mut lines = vec![S::CycleFilesWritten.fill(
            lang,
            &[&paths.len().to_string(), &dir.display().to_string()],
        )];
        lines.extend(made.left_out);
        Ok(lines.join("\n"))
    });
}

/// Runs `job` on a thread of its own; its message is shown when it is done
/// ([`super::export::poll`]).
fn run(
    state: &mut AppState,
    job: impl FnOnce(&std::path::Path) -> Result<String, String> + Send + 'static,
) {
    // Never written over the open database.
    let db = state.store.path().to_path_buf();
    let (tx, rx) = channel();
    let spawned = std::thread::Builder::new()
        .name("cycle".into())
        .spawn(move || {
            let _ = tx.send(job(&db));
        });
    match spawned {
        Ok(_) => state.export.job = Some(rx),
        Err(e) => state.message = Some(e.to_string()),
    }
}
