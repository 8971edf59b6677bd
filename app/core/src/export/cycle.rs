//! The documents around a meeting: before it, the notice (innkalling) to each participant, a
//! PDF and a calendar invitation; after it, the minutes to each recipient. Every participant's
//! copy is made from their own [`CaseView`], so it holds only what the person has consented to
//! share with them. The app's buttons and the command line call the same functions here.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Months, NaiveDate, TimeDelta, Utc};

use super::ics::{CalendarPerson, Invitation};
use super::pdf::{self, PdfOptions};
use super::{ExportError, PluginSections};
use crate::consent::{Audience, CaseView};
use crate::domain::agenda::standard_agenda;
use crate::domain::{
    Action, ActionStatus, Case, Edit, Goal, GoalStatus, MeetingId, Participant, Section,
};
use crate::i18n::{self, Lang};
use crate::store::LogEntry;
use crate::text::S;

/// How long a meeting is in the calendar: the meeting has no end time of its own, and a
/// responsibility-group meeting is booked for an hour and a half.
pub const MEETING_LENGTH: TimeDelta = TimeDelta::minutes(90);

/// Days before the plan period's end at which the notice says it is ending.
const PERIOD_ENDING_DAYS: u64 = 30;

/// One document to write: its file name (without a folder) and its bytes.
#[derive(Clone, Debug)]
pub struct OutFile {
    pub name: String,
    pub bytes: Vec<u8>,
    /// The participant it is made for (the access log names them); `None`: the complete copy.
    pub reader: Option<String>,
}

/// The meeting a notice is for.
#[derive(Clone, Debug)]
pub struct NextMeeting {
    /// The calendar's id for it, the same every time the notice is made.
    pub uid: String,
    /// The meeting in the case, when it is planned as one; none when it is only the next time
    /// agreed at the last meeting.
    pub planned: Option<MeetingId>,
    pub starts_at: DateTime<Utc>,
    pub place: String,
    /// The agenda items' titles.
    pub agenda: Vec<String>,
    /// How many times its time has changed since it was first set.
    pub sequence: u32,
    /// When the last meeting held began: goals not evaluated since are due.
    pub last_held: Option<DateTime<Utc>>,
}

/// Every edit in `e`, a batch's parts included.
fn each_edit<'e>(e: &'e Edit, f: &mut impl FnMut(&'e Edit)) {
    match e {
        Edit::Batch { edits } => edits.iter().for_each(|e| each_edit(e, f)),
        e => f(e),
    }
}

fn count_in_log(log: &[LogEntry], matches: impl Fn(&Edit) -> bool) -> u32 {
    let mut n = 0u32;
    for entry in log {
        each_edit(&entry.edit, &mut |e| {
            if matches(e) {
                n = n.saturating_add(1);
            }
        });
    }
    n
}

/// The times a planned meeting's start was changed.
fn start_changes(log: &[LogEntry], id: MeetingId) -> u32 {
    count_in_log(
        log,
        |e| matches!(e, Edit::SetMeetingStart { id: m, .. } if *m == id),
    )
}

fn uid(id: MeetingId, agreed: bool) -> String {
    if agreed {
        format!("{id}-next@ansvar")
    } else {
        format!("{id}@ansvar")
    }
}

/// The next meeting, as [`Case::next_meeting`] finds it: a planned meeting not ended, or the
/// next time agreed at the last meeting held, whichever is earlier. Its time-change count is
/// read from the case's edit log, so the calendar sees an update whenever the time moved.
pub fn next_meeting(case: &Case, log: &[LogEntry], lang: Lang) -> Option<NextMeeting> {
    let at = case.next_meeting()?;
    let last = case
        .meetings
        .iter()
        .filter(|m| m.ended)
        .max_by_key(|m| m.starts_at);
    let last_held = last.map(|m| m.starts_at);
    let planned = case
        .meetings
        .iter()
        .filter(|m| !m.ended && m.starts_at == at)
        .min_by_key(|m| m.id);
    if let Some(m) = planned {
        let agenda = if m.agenda.is_empty() {
            standard_titles(case, lang)
        } else {
            m.agenda.iter().map(|i| i.title.clone()).collect()
        };
        return Some(NextMeeting {
            uid: uid(m.id, false),
            planned: Some(m.id),
            starts_at: m.starts_at,
            place: m.place.clone(),
            agenda,
            sequence: start_changes(log, m.id),
            last_held,
        });
    }
    let last = last?;
    // The first time set is the invitation; each later one is an update.
    let sets = count_in_log(
        log,
        |e| matches!(e, Edit::SetNextMeeting { id, at: Some(_) } if *id == last.id),
    );
    Some(NextMeeting {
        uid: uid(last.id, true),
        planned: None,
        starts_at: at,
        // Not agreed separately: the group meets where it met last.
        place: last.place.clone(),
        agenda: standard_titles(case, lang),
        sequence: sets.saturating_sub(1),
        last_held,
    })
}

fn standard_titles(case: &Case, lang: Lang) -> Vec<String> {
    standard_agenda(case, NaiveDate::MIN, lang)
        .into_iter()
        .map(|i| i.title)
        .collect()
}

/// A planned meeting that was removed before it was held, for a cancellation.
#[derive(Clone, Debug)]
pub struct CancelledMeeting {
    pub uid: String,
    pub starts_at: DateTime<Utc>,
    pub place: String,
    pub sequence: u32,
}

/// Planned meetings removed from the case (the log keeps what was removed) that had not yet
/// been held and would still have been ahead at `now`; and the next time agreed at the last
/// meeting held, when it was cleared while still ahead.
pub fn cancelled_meetings(
    case: &Case,
    log: &[LogEntry],
    now: DateTime<Utc>,
) -> Vec<CancelledMeeting> {
    let mut out: Vec<CancelledMeeting> = Vec::new();
    for entry in log {
        let mut removed = Vec::new();
        each_edit(&entry.edit, &mut |e| {
            if let Edit::RemoveMeeting { id } = e {
                removed.push(*id);
            }
        });
        for id in removed {
            let mut meeting = None;
            each_edit(&entry.inverse, &mut |e| {
                if let Edit::InsertMeeting { meeting: m, .. } = e
                    && m.id == id
                {
                    meeting = Some(m.clone());
                }
            });
            let Some(m) = meeting else { continue };
            if m.ended
                || m.starts_at <= now
                || case.meeting(id).is_some()
                || out.iter().any(|c| c.uid == uid(id, false))
            {
                continue;
            }
            out.push(CancelledMeeting {
                uid: uid(id, false),
                starts_at: m.starts_at,
                place: m.place.clone(),
                // A cancellation must outrank the last invitation sent.
                sequence: start_changes(log, id).saturating_add(1),
            });
        }
    }
    let last = case
        .meetings
        .iter()
        .filter(|m| m.ended)
        .max_by_key(|m| m.starts_at);
    if let Some(last) = last
        && last.next_meeting.is_none()
    {
        let mut agreed = None;
        let mut sets = 0u32;
        for entry in log {
            each_edit(&entry.edit, &mut |e| {
                if let Edit::SetNextMeeting { id, at: Some(t) } = e
                    && *id == last.id
                {
                    agreed = Some(*t);
                    sets = sets.saturating_add(1);
                }
            });
        }
        if let Some(t) = agreed.filter(|t| *t > now) {
            out.push(CancelledMeeting {
                uid: uid(last.id, true),
                starts_at: t,
                place: last.place.clone(),
                // The last invitation had `sets - 1`.
                sequence: sets,
            });
        }
    }
    out
}

/// What is due at a meeting, as one reader may see it.
pub struct Due<'v> {
    /// Open actions falling due before the meeting (or already overdue).
    pub actions: Vec<&'v Action>,
    /// Goals being worked on with no evaluation since the last meeting.
    pub goals: Vec<&'v Goal>,
    /// A sentence about the crisis plan when it is due for review.
    pub crisis_plan: Option<String>,
    /// Sentences about the plan's period and revision.
    pub plan: Vec<String>,
}

impl Due<'_> {
    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
            && self.goals.is_empty()
            && self.crisis_plan.is_none()
            && self.plan.is_empty()
    }
}

/// What is due at `next`, from what `view` shows.
pub fn due<'v>(view: &'v CaseView, next: &NextMeeting, opts: &PdfOptions) -> Due<'v> {
    let lang = opts.lang;
    let day = opts.clock.local_date(next.starts_at);
    let actions = view
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open && a.due.is_some_and(|d| d <= day))
        .collect();
    let last_day = next.last_held.map(|t| opts.clock.local_date(t));
    let goals = view
        .goals
        .iter()
        .filter(|g| matches!(g.status, GoalStatus::NotStarted | GoalStatus::InProgress))
        .filter(|g| match last_day {
            Some(since) => !g.evaluations.iter().any(|e| e.date >= since),
            None => g.evaluations.is_empty(),
        })
        .collect();
    let crisis_plan = if view.shows(Section::CrisisPlan) {
        match view.crisis_plan.reviewed_on {
            None => Some(S::NoticeCrisisNeverReviewed.get(lang).to_string()),
            Some(r)
                if r.checked_add_months(Months::new(6))
                    .is_none_or(|d| d <= day) =>
            {
                Some(S::NoticeCrisisOld.fill(lang, &[&i18n::date(r)]))
            }
            Some(_) => None,
        }
    } else {
        None
    };
    let mut plan = Vec::new();
    if let Some(end) = view.plan.period_end
        && end <= day + chrono::Days::new(PERIOD_ENDING_DAYS)
    {
        plan.push(S::NoticePeriodEnds.fill(lang, &[&i18n::date(end)]));
    }
    if let Some(r) = view.plan.revision_date
        && r <= day
    {
        plan.push(S::NoticeRevisionDue.fill(lang, &[&i18n::date(r)]));
    }
    Due {
        actions,
        goals,
        crisis_plan,
        plan,
    }
}

/// A goal in a line: the person's own words first.
pub fn goal_words(g: &Goal) -> String {
    if g.own_words.trim().is_empty() {
        g.professional_wording.clone()
    } else {
        format!("«{}»", g.own_words)
    }
}

/// A name fit for a file on any system: no path separators or characters Windows refuses.
pub fn file_safe(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_matches('.').trim();
    let mut out: String = trimmed.chars().take(120).collect();
    if out.is_empty() {
        out.push('-');
    }
    out
}

/// Names that tell a person at once whose file it is: "Innkalling 10.12.2026 – Per Navesen".
/// Two participants with the same name get a number each.
fn names_for(prefix: &str, day: NaiveDate, people: &[&Participant], lang: Lang) -> Vec<String> {
    let base: Vec<String> = people
        .iter()
        .map(|p| {
            let who = if p.name.trim().is_empty() {
                crate::text::labels::role(p.role).get(lang).to_string()
            } else {
                p.name.clone()
            };
            file_safe(&format!("{prefix} {} – {who}", i18n::date(day)))
        })
        .collect();
    base.iter()
        .enumerate()
        .map(|(i, b)| {
            let same = base.iter().filter(|o| *o == b).count();
            if same > 1 {
                let n = base[..=i].iter().filter(|o| *o == b).count();
                format!("{b} ({n})")
            } else {
                b.clone()
            }
        })
        .collect()
}

/// The participants who are in the group on `day`: joined by then and not yet left.
fn active_on(case: &Case, day: NaiveDate) -> Vec<&Participant> {
    case.participants
        .iter()
        .filter(|p| p.active_from.is_none_or(|from| from <= day))
        .filter(|p| p.active_to.is_none_or(|to| to >= day))
        .collect()
}

fn person(p: &Participant) -> CalendarPerson {
    CalendarPerson {
        name: p.name.clone(),
        email: p.email.clone(),
    }
}

/// The calendar invitation for one reader, from their view.
pub fn invitation(view: &CaseView, next: &NextMeeting, opts: &PdfOptions) -> Invitation {
    let lang = opts.lang;
    let day = opts.clock.local_date(next.starts_at);
    let mut description: Vec<String> = vec![S::NoticeAgenda.get(lang).to_string()];
    description.extend(
        next.agenda
            .iter()
            .enumerate()
            .map(|(n, t)| format!("{}. {t}", n + 1)),
    );
    let due = due(view, next, opts);
    if !due.is_empty() {
        description.push(String::new());
        description.push(S::NoticeDue.get(lang).to_string());
        description.extend(due.actions.iter().map(|a| format!("– {}", a.what)));
        description.extend(due.goals.iter().map(|g| format!("– {}", goal_words(g))));
        description.extend(due.crisis_plan.iter().map(|c| format!("– {c}")));
        description.extend(due.plan.iter().map(|c| format!("– {c}")));
    }
    description.push(String::new());
    description.push(S::NoticeSeePdf.get(lang).to_string());
    Invitation {
        uid: next.uid.clone(),
        sequence: next.sequence,
        stamp: opts.clock.now(),
        start: next.starts_at,
        end: next.starts_at + MEETING_LENGTH,
        summary: S::NoticeCalendarTitle.fill(lang, &[&view.person.name]),
        location: next.place.clone(),
        description: description.join("\n"),
        organizer: view.coordinator().map(person),
        attendees: active_on(view, day).into_iter().map(person).collect(),
        cancelled: false,
    }
}

/// The notice for the next meeting: a PDF and an `.ics` for each participant in the group on
/// the meeting's day, each made from that participant's view; and a cancellation for each
/// planned meeting removed before it was held. Refused when there is neither.
pub fn notices(
    case: &Case,
    log: &[LogEntry],
    opts: &PdfOptions,
) -> Result<Vec<OutFile>, ExportError> {
    let lang = opts.lang;
    let next = next_meeting(case, log, lang);
    let cancelled = cancelled_meetings(case, log, opts.clock.now());
    if next.is_none() && cancelled.is_empty() {
        return Err(ExportError::NoNextMeeting);
    }
    let mut files = Vec::new();
    if let Some(next) = &next {
        let day = opts.clock.local_date(next.starts_at);
        let people = active_on(case, day);
        let names = names_for(S::NoticeFileName.get(lang), day, &people, lang);
        for (p, name) in people.iter().zip(names) {
            let view = CaseView::of(case, Audience::Reader(p.id), opts.date);
            files.push(OutFile {
                name: format!("{name}.pdf"),
                bytes: pdf::notice::notice_pdf(&view, next, opts)?,
                reader: Some(p.name.clone()),
            });
            files.push(OutFile {
                name: format!("{name}.ics"),
                bytes: invitation(&view, next, opts).to_ics().into_bytes(),
                reader: Some(p.name.clone()),
            });
        }
    }
    for c in &cancelled {
        let day = opts.clock.local_date(c.starts_at);
        let people = active_on(case, day);
        let names = names_for(S::NoticeCancelledFileName.get(lang), day, &people, lang);
        for (p, name) in people.iter().zip(names) {
            let view = CaseView::of(case, Audience::Reader(p.id), opts.date);
            let ics = Invitation {
                uid: c.uid.clone(),
                sequence: c.sequence,
                stamp: opts.clock.now(),
                start: c.starts_at,
                end: c.starts_at + MEETING_LENGTH,
                summary: S::NoticeCalendarTitle.fill(lang, &[&view.person.name]),
                location: c.place.clone(),
                description: S::NoticeCancelled.get(lang).to_string(),
                organizer: view.coordinator().map(person),
                attendees: active_on(&view, day).into_iter().map(person).collect(),
                cancelled: true,
            };
            files.push(OutFile {
                name: format!("{name}.ics"),
                bytes: ics.to_ics().into_bytes(),
                reader: Some(p.name.clone()),
            });
        }
    }
    Ok(files)
}

/// The minutes of one meeting for its recipients.
#[derive(Debug, Default)]
pub struct MinutesOut {
    pub files: Vec<OutFile>,
    /// One sentence per chosen recipient who got no minutes, saying why.
    pub left_out: Vec<String>,
}

/// The complete minutes for the case, and one copy per chosen recipient made from their view;
/// a recipient whose consent does not cover the minutes gets none, and a line saying so.
/// `forms` gives the plugin forms' summaries as a view may see them.
pub fn minutes_to_recipients(
    case: &Case,
    meeting: MeetingId,
    forms: &mut dyn FnMut(&CaseView) -> PluginSections,
    opts: &PdfOptions,
) -> Result<MinutesOut, ExportError> {
    let lang = opts.lang;
    let m = case
        .meeting(meeting)
        .ok_or(ExportError::UnknownMeeting(meeting))?;
    let day = opts.clock.local_date(m.starts_at);
    let prefix = S::MinutesFileName.get(lang);
    let mut out = MinutesOut::default();
    let whole = CaseView::everything(case);
    let sections = forms(&whole);
    out.files.push(OutFile {
        name: file_safe(&format!(
            "{prefix} {} – {}.pdf",
            i18n::date(day),
            S::MinutesComplete.get(lang)
        )),
        bytes: pdf::minutes_pdf(&whole, meeting, &sections, opts)?,
        reader: None,
    });
    let mut people = Vec::new();
    for id in &m.minutes_recipients {
        match case.participant(*id) {
            Some(p) if !people.iter().any(|q: &&Participant| q.id == p.id) => people.push(p),
            Some(_) => {}
            None => out
                .left_out
                .push(ExportError::UnknownParticipant(*id).message(lang)),
        }
    }
    let names = names_for(prefix, day, &people, lang);
    for (p, name) in people.iter().zip(names) {
        let view = CaseView::of(case, Audience::Reader(p.id), opts.date);
        if !view.shows(Section::Minutes) {
            out.left_out
                .push(S::MinutesLeftOut.fill(lang, &[&p.name, &case.person.name]));
            continue;
        }
        let sections = forms(&view);
        out.files.push(OutFile {
            name: format!("{name}.pdf"),
            bytes: pdf::minutes_pdf(&view, meeting, &sections, opts)?,
            reader: Some(p.name.clone()),
        });
    }
    if m.minutes_recipients.is_empty() {
        out.left_out
            .push(S::MinutesNoRecipients.get(lang).to_string());
    }
    Ok(out)
}

/// Writes `files` into `dir` (made when missing), each whole or not at all, never over one of
/// `inputs` (the database). Every target is checked before the first is written.
pub fn write_into(
    dir: &Path,
    files: &[OutFile],
    inputs: &[&Path],
) -> Result<Vec<PathBuf>, ExportError> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(ExportError::NotAFolder(dir.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dir)
            .map_err(|source| crate::fsio::OutputError::Io {
                path: dir.to_path_buf(),
                source,
            })?,
        Err(source) => {
            return Err(crate::fsio::OutputError::Io {
                path: dir.to_path_buf(),
                source,
            }
            .into());
        }
    }
    let paths: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.name)).collect();
    for p in &paths {
        crate::fsio::check_output(p, inputs, crate::fsio::OutputOptions::REPLACE)?;
    }
    for (f, p) in files.iter().zip(&paths) {
        crate::fsio::write_output_atomic(p, &f.bytes, inputs)?;
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_tell_whose() {
        assert_eq!(
            file_safe("Innkalling 10.12.2026 – A/B: C?"),
            "Innkalling 10.12.2026 – A-B- C-"
        );
        assert_eq!(file_safe(".."), "-");
        let a = Participant {
            name: "Per Navesen".into(),
            ..Participant::default()
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let names = names_for("Innkalling", day, &[&a, &a], Lang::Nb);
        assert_eq!(
            names,
            vec![
                "Innkalling 10.12.2026 – Per Navesen (1)".to_string(),
                "Innkalling 10.12.2026 – Per Navesen (2)".to_string()
            ]
        );
    }
}
