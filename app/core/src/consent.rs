//! What the person has consented to share with whom (samtykke), and the one place that decides
//! what an audience may see of a case. Every surface reads a case through a [`CaseView`] built
//! here: the room's screen, the documents, the FHIR export for a recipient and what the plugins
//! are given to summarise. A `CaseView` is a filtered copy; nothing outside this module can make
//! one that holds more than its audience may see.
//!
//! The rules:
//! - The person themself and the coordinator see everything ("full"). Anyone else sees the
//!   sections of the consents in force that name them or their organisation. A room sees what
//!   every one of its audience may see.
//! - An action is shown only when actions are shared and every goal it serves is shared, so a
//!   health action does not leak through a shared action list.
//! - What has no section of its own and may hold anything is shown only with full access: the
//!   plan's free text (main goal, resources, needs, how the actions are carried out,
//!   cooperation), the person's contact details, address, birth date and national ID, the
//!   private contact details of relatives, what each participant contributes, consent notes.
//! - Forms are the section [`Section::Forms`]. A plugin summarising a form for an audience is
//!   given the audience's view of the case, so its summary can only quote what they may see.
//! - Meetings: date, place, attendance and agenda titles are the meeting's frame and always
//!   shown; the minutes and agreements need [`Section::Minutes`]; an agenda item's links only
//!   to goals and actions shown.
//! - The history: an entry is shown only when everything it is about is shown (see
//!   [`CaseView::shows_entry`]).

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Deref;

use chrono::NaiveDate;

use crate::domain::{
    Action, Attendance, Case, CaseId, Consent, ConsentRecipient, DateField, Edit, Goal, GoalId,
    LifeDomain, Participant, ParticipantId, Role, Section, Subject, TextField,
};
use crate::store::LogEntry;

/// Every section there is.
pub fn all_sections() -> BTreeSet<Section> {
    let mut all: BTreeSet<Section> = LifeDomain::ALL.iter().map(|d| Section::Goals(*d)).collect();
    all.extend([
        Section::Actions,
        Section::CrisisPlan,
        Section::Forms,
        Section::Minutes,
    ]);
    all
}

/// In force on `today`: given (on or before today, or with no date) and not withdrawn.
pub fn in_force(c: &Consent, today: NaiveDate) -> bool {
    c.given.is_none_or(|g| g <= today) && c.withdrawn.is_none_or(|w| w > today)
}

/// True when the consent is given to this participant, by name or through their organisation.
pub fn consent_applies_to(consent: &Consent, participant: &Participant) -> bool {
    match &consent.recipient {
        ConsentRecipient::Participant(id) => *id == participant.id,
        ConsentRecipient::Organisation(org) => {
            !org.trim().is_empty()
                && org
                    .trim()
                    .eq_ignore_ascii_case(participant.organisation.trim())
        }
    }
}

/// The person themself and the coordinator see the whole plan.
pub fn has_full_access(case: &Case, participant: &Participant) -> bool {
    participant.role == Role::Person || case.plan.coordinator == Some(participant.id)
}

/// The sections one participant may see on `today`. Someone who is not a participant of the
/// case sees none.
pub fn visible_to(case: &Case, participant: ParticipantId, today: NaiveDate) -> BTreeSet<Section> {
    let Some(p) = case.participant(participant) else {
        return BTreeSet::new();
    };
    if has_full_access(case, p) {
        return all_sections();
    }
    case.consents
        .iter()
        .filter(|c| in_force(c, today) && consent_applies_to(c, p))
        .flat_map(|c| c.sections.iter().copied())
        .collect()
}

/// Who is looking.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The complete, internal copy: the coordinator's own desk, a backup.
    Everything,
    /// One recipient of a document or an export.
    Reader(ParticipantId),
    /// Everyone who may be in the meeting room: see [`Audience::room`].
    Room(Vec<ParticipantId>),
}

impl Audience {
    /// Who may be in the room, from the case itself: at the meeting in progress, everyone in
    /// the group not marked absent or as having sent apologies (someone not yet marked may well
    /// be sitting there); with no meeting in progress, everyone in the group.
    pub fn room(case: &Case, today: NaiveDate) -> Audience {
        let meeting = case.open_meeting();
        let mut who: Vec<ParticipantId> = case
            .participants
            .iter()
            .filter(|p| p.active_to.is_none_or(|to| to >= today))
            .filter(|p| {
                meeting.is_none_or(|m| {
                    !matches!(
                        m.attendance.get(&p.id),
                        Some(Attendance::Absent | Attendance::SentApologies)
                    )
                })
            })
            .map(|p| p.id)
            .collect();
        // Marked present although no longer active: still in the room.
        if let Some(m) = meeting {
            for (p, a) in &m.attendance {
                if *a == Attendance::Present && !who.contains(p) {
                    who.push(*p);
                }
            }
        }
        who.sort();
        Audience::Room(who)
    }
}

/// What an audience may see of a case: the sections, and whether they see everything.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Visibility {
    /// The person or the coordinator (or the internal copy): everything, free text included.
    pub full: bool,
    pub sections: BTreeSet<Section>,
}

impl Visibility {
    /// Everything: for the person, the coordinator, or an internal copy.
    pub fn everything() -> Self {
        Visibility {
            full: true,
            sections: all_sections(),
        }
    }

    fn nothing() -> Self {
        Visibility {
            full: false,
            sections: BTreeSet::new(),
        }
    }

    /// What `audience` may see of `case` on `on`. A room with nobody in it sees only what
    /// anyone may see: nothing of the consent-governed sections.
    pub fn of(case: &Case, audience: &Audience, on: NaiveDate) -> Self {
        match audience {
            Audience::Everything => Visibility::everything(),
            Audience::Reader(id) => Visibility::of_participant(case, *id, on),
            Audience::Room(who) if who.is_empty() => Visibility::nothing(),
            Audience::Room(who) => {
                let mut v = Visibility::everything();
                for p in who {
                    let theirs = Visibility::of_participant(case, *p, on);
                    v.full &= theirs.full;
                    v.sections.retain(|s| theirs.sections.contains(s));
                }
                v
            }
        }
    }

    fn of_participant(case: &Case, id: ParticipantId, on: NaiveDate) -> Self {
        match case.participant(id) {
            Some(p) => Visibility {
                full: has_full_access(case, p),
                sections: visible_to(case, id, on),
            },
            None => Visibility::nothing(),
        }
    }

    pub fn shows(&self, section: Section) -> bool {
        self.full || self.sections.contains(&section)
    }

    pub fn shows_goal(&self, goal: &Goal) -> bool {
        self.shows(Section::Goals(goal.domain))
    }

    /// Actions are shared, and so is every goal the action serves (looked up in `case`).
    pub fn shows_action(&self, case: &Case, action: &Action) -> bool {
        self.shows(Section::Actions)
            && action
                .goals
                .iter()
                .all(|g| case.goal(*g).is_none_or(|g| self.shows_goal(g)))
    }

    /// The sections left out, in a stable order.
    pub fn hidden(&self) -> Vec<Section> {
        all_sections()
            .into_iter()
            .filter(|s| !self.shows(*s))
            .collect()
    }
}

/// A case as one audience may see it: derefs to the filtered [`Case`]. The only way to make one
/// is through this module, so a surface given a `CaseView` cannot show more than its audience
/// may see.
#[derive(Debug)]
pub struct CaseView<'a> {
    case: Cow<'a, Case>,
    audience: Audience,
    visibility: Visibility,
}

impl Deref for CaseView<'_> {
    type Target = Case;

    fn deref(&self) -> &Case {
        &self.case
    }
}

impl<'a> CaseView<'a> {
    /// `case` as `audience` may see it on `on`. Borrows the case when they may see all of it,
    /// copies what they may see otherwise.
    pub fn of(case: &'a Case, audience: Audience, on: NaiveDate) -> CaseView<'a> {
        let visibility = Visibility::of(case, &audience, on);
        let case = if visibility.full {
            Cow::Borrowed(case)
        } else {
            Cow::Owned(filtered(case, &audience, &visibility))
        };
        CaseView {
            case,
            audience,
            visibility,
        }
    }

    /// The whole case: for the coordinator's own desk and internal copies.
    pub fn everything(case: &'a Case) -> CaseView<'a> {
        CaseView::of(case, Audience::Everything, NaiveDate::MIN)
    }

    /// The same view with a copy of its own: to hand to another thread.
    pub fn detached(&self) -> CaseView<'static> {
        CaseView {
            case: Cow::Owned(self.case.as_ref().clone()),
            audience: self.audience.clone(),
            visibility: self.visibility.clone(),
        }
    }

    pub fn audience(&self) -> &Audience {
        &self.audience
    }

    pub fn visibility(&self) -> &Visibility {
        &self.visibility
    }

    pub fn shows(&self, section: Section) -> bool {
        self.visibility.shows(section)
    }

    /// Whether the audience sees the whole case.
    pub fn is_full(&self) -> bool {
        self.visibility.full
    }

    /// An edit made on this view (of `whole`), ready for the whole case: insertions go at the
    /// end of the whole list and a list of links keeps the links this view did not show. An
    /// edit of something the view does not show (a field it left empty, say) is refused, so
    /// that nothing hidden is overwritten from the shared screen.
    pub fn complete(&self, whole: &Case, edit: Edit) -> Option<Edit> {
        if self.visibility.full {
            return Some(edit.placed(whole));
        }
        if !self.shows_edit(&edit) {
            return None;
        }
        Some(keep_hidden_links(
            whole,
            &self.visibility,
            edit.placed(whole),
        ))
    }

    /// The case's edit log as this audience may see it.
    pub fn with_log<'v>(&'v self, log: &'v [LogEntry]) -> History<'v> {
        History { view: self, log }
    }

    /// An entry is shown only when everything it is about is in this view: a goal, action,
    /// contact or form shown; a text or date field the audience may see. Contact details,
    /// the national ID and free text without a section only with full access. Entries about
    /// something no longer in the case are judged by what the entry itself carries.
    pub fn shows_entry(&self, e: &LogEntry) -> bool {
        self.visibility.full || (self.shows_edit(&e.edit) && self.shows_edit(&e.inverse))
    }

    fn has_goal(&self, id: GoalId) -> bool {
        self.case.goal(id).is_some()
    }

    fn shows_edit(&self, e: &Edit) -> bool {
        use Edit as E;
        let v = &self.visibility;
        let c = &*self.case;
        match e {
            E::SetText { field, .. } => self.shows_text(field),
            E::SetDate { field, .. } => self.shows_date(field),
            E::SetCoordinator { .. } => true,
            E::InsertParticipant { participant, .. } => !private_contact(participant),
            E::RemoveParticipant { id }
            | E::SetParticipantRole { id, .. }
            | E::SetParticipantLevel { id, .. } => c.participant(*id).is_some(),
            E::InsertConsent { consent, .. } => c.consents.iter().any(|k| k.id == consent.id),
            E::RemoveConsent { id }
            | E::SetConsentSections { id, .. }
            | E::SetConsentMethod { id, .. } => c.consents.iter().any(|k| k.id == *id),
            E::InsertGoal { goal, .. } => v.shows_goal(goal),
            E::RemoveGoal { id }
            | E::SetGoalStatus { id, .. }
            | E::RemoveRating { goal: id, .. }
            | E::InsertRating { goal: id, .. }
            | E::InsertEvaluation { goal: id, .. }
            | E::RemoveEvaluation { goal: id, .. } => self.has_goal(*id),
            // Moving a goal between domains: both ends must be shown.
            E::SetGoalDomain { id, domain } => {
                self.has_goal(*id) && v.shows(Section::Goals(*domain))
            }
            E::InsertAction { action, .. } => {
                v.shows(Section::Actions) && action.goals.iter().all(|g| self.has_goal(*g))
            }
            E::RemoveAction { id }
            | E::SetActionStatus { id, .. }
            | E::SetActionResponsible { id, .. }
            | E::SetActionFollowedUp { id, .. } => c.action(*id).is_some(),
            E::SetActionGoals { id, goals } => {
                c.action(*id).is_some() && goals.iter().all(|g| self.has_goal(*g))
            }
            E::InsertContact { .. } | E::RemoveContact { .. } => v.shows(Section::CrisisPlan),
            E::SetAgendaItemLinks { goals, actions, .. } => {
                goals.iter().all(|g| self.has_goal(*g))
                    && actions.iter().all(|a| c.action(*a).is_some())
            }
            E::InsertMeeting { meeting, .. } => {
                v.shows(Section::Minutes)
                    || (meeting.agreements.is_empty()
                        && meeting.agenda.iter().all(|i| i.minutes.is_empty()))
            }
            E::InsertAgendaItem { item, .. } => {
                v.shows(Section::Minutes) || item.minutes.is_empty()
            }
            E::RemoveMeeting { .. }
            | E::SetMeetingStart { .. }
            | E::SetNextMeeting { .. }
            | E::SetMeetingChair { .. }
            | E::SetMeetingNoteTaker { .. }
            | E::SetAttendance { .. }
            | E::RemoveAgendaItem { .. }
            | E::SetAgendaItemTime { .. }
            | E::SetMinutesRecipients { .. }
            | E::SetMeetingEnded { .. }
            | E::SetMeetingApproval { .. } => true,
            // What a correction says is about the minutes.
            E::SetCorrections { .. } => v.shows(Section::Minutes),
            E::SetReview { subject, .. } => match subject {
                Subject::Goal(g) => self.has_goal(*g),
                Subject::Action(a) => c.action(*a).is_some(),
            },
            E::InsertFormEntry { .. } | E::RemoveFormEntry { .. } | E::SetFormData { .. } => {
                v.shows(Section::Forms)
            }
            E::Batch { edits } => edits.iter().all(|e| self.shows_edit(e)),
        }
    }

    fn shows_text(&self, field: &TextField) -> bool {
        use TextField as F;
        let v = &self.visibility;
        let c = &*self.case;
        match field {
            F::PersonName => true,
            F::PersonPhone
            | F::PersonEmail
            | F::PersonAddress
            | F::PersonNationalId
            | F::PlanMainGoal
            | F::PlanResources
            | F::PlanNeeds
            | F::PlanImplementation
            | F::PlanCooperation
            | F::ParticipantContributes(_)
            | F::ConsentNote(_) => false,
            F::ParticipantName(id) | F::ParticipantOrganisation(id) => c.participant(*id).is_some(),
            F::ParticipantPhone(id) | F::ParticipantEmail(id) => {
                c.participant(*id).is_some_and(|p| !private_contact(p))
            }
            F::GoalOwnWords(id) | F::GoalProfessionalWording(id) | F::EvaluationText(id, _) => {
                self.has_goal(*id)
            }
            F::ActionWhat(id) => c.action(*id).is_some(),
            F::ZoneSigns(_)
            | F::ZoneWhatIDo(_)
            | F::ZoneWhatOthersDo(_)
            | F::CrisisTriggers
            | F::CrisisHowIWantToBeMet
            | F::CrisisWhatDoesNotHelp
            | F::CrisisTreatmentWishes
            | F::CrisisPracticalMatters
            | F::CrisisReviewedBy
            | F::ContactName(_)
            | F::ContactRole(_)
            | F::ContactPhone(_)
            | F::ContactNote(_) => v.shows(Section::CrisisPlan),
            F::MeetingPlace(_) | F::AgendaItemTitle(..) => true,
            F::MeetingAgreements(_) | F::AgendaItemMinutes(..) => v.shows(Section::Minutes),
        }
    }

    fn shows_date(&self, field: &DateField) -> bool {
        use DateField as F;
        let c = &*self.case;
        match field {
            F::PersonBirthDate => false,
            // The person may withdraw a consent in the meeting, on the room's screen.
            F::ConsentGiven(id) | F::ConsentWithdrawn(id) => c.consents.iter().any(|k| k.id == *id),
            F::PlanStart | F::PlanEnd | F::PlanRevision => true,
            F::ParticipantFrom(id) | F::ParticipantTo(id) => c.participant(*id).is_some(),
            F::GoalTarget(id) => self.has_goal(*id),
            F::ActionDue(id) => c.action(*id).is_some(),
            F::CrisisPlanReviewed => self.visibility.shows(Section::CrisisPlan),
        }
    }
}

fn keep_hidden_links(whole: &Case, v: &Visibility, edit: Edit) -> Edit {
    match edit {
        Edit::SetAgendaItemLinks {
            meeting,
            id,
            mut goals,
            mut actions,
        } => {
            let item = whole
                .meeting(meeting)
                .and_then(|m| m.agenda.iter().find(|i| i.id == id));
            if let Some(item) = item {
                for g in &item.goals {
                    if whole.goal(*g).is_some_and(|k| !v.shows_goal(k)) && !goals.contains(g) {
                        goals.push(*g);
                    }
                }
                for a in &item.actions {
                    let hidden = whole.action(*a).is_some_and(|k| !v.shows_action(whole, k));
                    if hidden && !actions.contains(a) {
                        actions.push(*a);
                    }
                }
            }
            Edit::SetAgendaItemLinks {
                meeting,
                id,
                goals,
                actions,
            }
        }
        Edit::Batch { edits } => Edit::Batch {
            edits: edits
                .into_iter()
                .map(|e| keep_hidden_links(whole, v, e))
                .collect(),
        },
        e => e,
    }
}

/// The edit log as one audience may see it ([`CaseView::with_log`]).
#[derive(Clone, Copy)]
pub struct History<'v> {
    view: &'v CaseView<'v>,
    log: &'v [LogEntry],
}

impl<'v> History<'v> {
    /// The entries the audience may see, oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &'v LogEntry> + 'v {
        let view = self.view;
        self.log.iter().filter(move |e| view.shows_entry(e))
    }

    /// Changes whenever the log does (it grows, or typing rewrites its newest entry) or the
    /// audience does: for a panel's cache.
    pub fn version(&self) -> (usize, Option<u64>, &Visibility) {
        use std::hash::{Hash, Hasher};
        let newest = self.log.last().map(|e| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            serde_json::to_vec(e).unwrap_or_default().hash(&mut h);
            h.finish()
        });
        (self.log.len(), newest, &self.view.visibility)
    }
}

/// Relatives and the person are private people: their phone and e-mail are not the group's.
fn private_contact(p: &Participant) -> bool {
    matches!(p.role, Role::Person | Role::Relative)
}

/// The copy of `case` that `audience` (who do not see everything) may see.
fn filtered(case: &Case, audience: &Audience, v: &Visibility) -> Case {
    let mut out = Case {
        id: case.id,
        ..Case::default()
    };
    out.person.name = case.person.name.clone();
    out.plan = crate::domain::Plan {
        period_start: case.plan.period_start,
        period_end: case.plan.period_end,
        revision_date: case.plan.revision_date,
        coordinator: case.plan.coordinator,
        ..Default::default()
    };
    out.participants = case
        .participants
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.contributes.clear();
            if private_contact(&p) {
                p.phone.clear();
                p.email.clear();
            }
            p
        })
        .collect();
    // A reader sees the consents given to them; a room, every consent (who may see what is
    // what the room must know), without the notes, which may say anything.
    out.consents = case
        .consents
        .iter()
        .filter(|c| match audience {
            Audience::Reader(r) => case
                .participant(*r)
                .is_some_and(|p| consent_applies_to(c, p)),
            Audience::Room(_) => true,
            Audience::Everything => true,
        })
        .map(|c| {
            let mut c = c.clone();
            if !matches!(audience, Audience::Reader(_)) {
                c.note.clear();
            }
            c
        })
        .collect();
    out.goals = case
        .goals
        .iter()
        .filter(|g| v.shows_goal(g))
        .cloned()
        .collect();
    out.actions = case
        .actions
        .iter()
        .filter(|a| v.shows_action(case, a))
        .cloned()
        .collect();
    if v.shows(Section::CrisisPlan) {
        out.crisis_plan = case.crisis_plan.clone();
    }
    if v.shows(Section::Forms) {
        out.forms = case.forms.clone();
    }
    let goal_shown = |g: &GoalId| out.goals.iter().any(|k| k.id == *g);
    let action_shown = |a: &crate::domain::ActionId| out.actions.iter().any(|k| k.id == *a);
    out.meetings = case
        .meetings
        .iter()
        .map(|m| {
            let mut m = m.clone();
            if !v.shows(Section::Minutes) {
                m.agreements.clear();
                m.corrections.clear();
            }
            m.reviews.retain(|r| match r.subject {
                Subject::Goal(g) => goal_shown(&g),
                Subject::Action(a) => action_shown(&a),
            });
            for item in &mut m.agenda {
                if !v.shows(Section::Minutes) {
                    item.minutes.clear();
                }
                item.goals.retain(goal_shown);
                item.actions.retain(action_shown);
            }
            m
        })
        .collect();
    out
}

/// Keeps the filtered copy of the open case for the room between frames: it is made again only
/// when the case, its revision, the audience or the date changes.
#[derive(Default)]
pub struct ViewCache {
    key: Option<(CaseId, u64, Audience, NaiveDate)>,
    copy: Option<(Visibility, Case)>,
}

impl ViewCache {
    /// `case` (at `revision` of its session) as `audience` may see it on `on`.
    pub fn view<'a>(
        &'a mut self,
        case: &'a Case,
        revision: u64,
        audience: Audience,
        on: NaiveDate,
    ) -> CaseView<'a> {
        let key = (case.id, revision, audience.clone(), on);
        if self.key.as_ref() != Some(&key) {
            let visibility = Visibility::of(case, &audience, on);
            let copy = (!visibility.full).then(|| filtered(case, &audience, &visibility));
            self.copy = copy.map(|c| (visibility, c));
            self.key = Some(key);
        }
        match &self.copy {
            Some((visibility, copy)) => CaseView {
                case: Cow::Borrowed(copy),
                audience,
                visibility: visibility.clone(),
            },
            None => CaseView {
                case: Cow::Borrowed(case),
                audience,
                visibility: Visibility::everything(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
    }

    fn participant(role: Role, org: &str) -> Participant {
        Participant {
            id: ParticipantId::new(),
            name: format!("{role:?}"),
            role,
            organisation: org.into(),
            phone: "41234567".into(),
            ..Participant::default()
        }
    }

    struct Fixture {
        case: Case,
        person: ParticipantId,
        coordinator: ParticipantId,
        nav: ParticipantId,
        brother: ParticipantId,
    }

    /// NAV may see work goals, actions and minutes (withdrawn on the 20th); the brother the
    /// crisis plan, withdrawn on the 5th.
    fn fixture() -> Fixture {
        let person = participant(Role::Person, "");
        let coordinator = participant(Role::Coordinator, "Nordvik kommune");
        let nav = participant(Role::NavAdvisor, "NAV Nordvik");
        let brother = participant(Role::Relative, "");
        let mut case = Case::default();
        case.person.phone = "99887766".into();
        case.person.national_id = "01017012345".into();
        case.plan.main_goal = "Et eget sted å bo".into();
        case.plan.coordinator = Some(coordinator.id);
        case.consents = vec![
            Consent {
                id: ConsentId::new(),
                recipient: ConsentRecipient::Organisation("nav nordvik ".into()),
                sections: vec![
                    Section::Goals(LifeDomain::WorkAndActivity),
                    Section::Actions,
                    Section::Minutes,
                ],
                given: Some(day(1)),
                withdrawn: Some(day(20)),
                note: "Muntlig, med forbehold om rus".into(),
                ..Consent::default()
            },
            Consent {
                id: ConsentId::new(),
                recipient: ConsentRecipient::Participant(brother.id),
                sections: vec![Section::CrisisPlan],
                given: None,
                withdrawn: Some(day(5)),
                ..Consent::default()
            },
        ];
        let work = Goal {
            id: GoalId::new(),
            domain: LifeDomain::WorkAndActivity,
            own_words: "Jobbe to dager i uka".into(),
            ..Goal::default()
        };
        let health = Goal {
            id: GoalId::new(),
            domain: LifeDomain::Health,
            own_words: "Sove bedre".into(),
            ..Goal::default()
        };
        case.actions = vec![
            Action {
                id: ActionId::new(),
                what: "Søke praksisplass".into(),
                goals: vec![work.id],
                ..Action::default()
            },
            Action {
                id: ActionId::new(),
                what: "Time hos fastlegen".into(),
                goals: vec![work.id, health.id],
                ..Action::default()
            },
        ];
        case.goals = vec![work, health];
        case.crisis_plan.red.signs = "Slutter å spise".into();
        let ids = (person.id, coordinator.id, nav.id, brother.id);
        case.participants = vec![person, coordinator, nav, brother];
        Fixture {
            case,
            person: ids.0,
            coordinator: ids.1,
            nav: ids.2,
            brother: ids.3,
        }
    }

    #[test]
    fn sharing_follows_consent_per_participant_and_organisation() {
        let f = fixture();
        let c = &f.case;
        assert_eq!(visible_to(c, f.person, day(2)), all_sections());
        assert_eq!(visible_to(c, f.coordinator, day(2)), all_sections());
        let nav = visible_to(c, f.nav, day(2));
        assert!(nav.contains(&Section::Goals(LifeDomain::WorkAndActivity)));
        assert!(!nav.contains(&Section::CrisisPlan));
        assert!(
            visible_to(c, f.nav, day(20)).is_empty(),
            "withdrawn on the 20th"
        );
        assert!(visible_to(c, f.brother, day(4)).contains(&Section::CrisisPlan));
        assert!(visible_to(c, f.brother, day(5)).is_empty());
        assert!(visible_to(c, ParticipantId::new(), day(2)).is_empty());
    }

    #[test]
    fn a_readers_view_holds_only_what_they_may_see() {
        let f = fixture();
        let v = CaseView::of(&f.case, Audience::Reader(f.nav), day(2));
        assert!(!v.is_full());
        let words: Vec<&str> = v.goals.iter().map(|g| g.own_words.as_str()).collect();
        assert_eq!(words, ["Jobbe to dager i uka"]);
        // The action serving the health goal stays out with it.
        let actions: Vec<&str> = v.actions.iter().map(|a| a.what.as_str()).collect();
        assert_eq!(actions, ["Søke praksisplass"]);
        assert_eq!(v.crisis_plan, CrisisPlan::default());
        assert!(v.person.phone.is_empty() && v.person.national_id.is_empty());
        assert!(v.plan.main_goal.is_empty());
        assert_eq!(v.consents.len(), 1, "only the consent given to NAV");
        let person = v.participant(f.person).unwrap();
        assert!(person.phone.is_empty(), "the person's own phone is private");
        assert_eq!(v.participant(f.nav).unwrap().phone, "41234567");
        // The person and the coordinator see the case itself, not a copy.
        let full = CaseView::of(&f.case, Audience::Reader(f.person), day(2));
        assert!(full.is_full());
        assert_eq!(*full, f.case);
    }

    #[test]
    fn the_room_sees_what_everyone_in_it_may_see() {
        let mut f = fixture();
        let meeting = Meeting {
            id: MeetingId::new(),
            ..Meeting::default()
        };
        f.case.meetings.push(meeting.clone());
        // Nobody marked yet: everyone in the group may be in the room.
        let room = Audience::room(&f.case, day(2));
        let v = CaseView::of(&f.case, room, day(2));
        assert!(v.goals.is_empty(), "the brother may see no goals");
        assert_eq!(v.crisis_plan, CrisisPlan::default(), "NAV may not see it");
        // The brother sends apologies and NAV is present: NAV's view.
        let m = &mut f.case.meetings[0];
        m.attendance.insert(f.brother, Attendance::SentApologies);
        m.attendance.insert(f.nav, Attendance::Present);
        let room = Audience::room(&f.case, day(2));
        assert!(matches!(&room, Audience::Room(w) if !w.contains(&f.brother)));
        let v = CaseView::of(&f.case, room, day(2));
        assert_eq!(v.goals.len(), 1);
        assert!(v.consents.iter().all(|c| c.note.is_empty()));
        // NAV leaves: only the person and the coordinator, who see everything.
        f.case.meetings[0]
            .attendance
            .insert(f.nav, Attendance::Absent);
        let v = CaseView::of(&f.case, Audience::room(&f.case, day(2)), day(2));
        assert!(v.is_full());
        assert!(!Visibility::of(&f.case, &Audience::Room(vec![]), day(2)).full);
    }

    #[test]
    fn the_history_shows_only_entries_about_what_is_shown() {
        let f = fixture();
        let v = CaseView::of(&f.case, Audience::Reader(f.nav), day(2));
        let entry = |edit: Edit, inverse: Edit| LogEntry {
            seq: 1,
            at: Default::default(),
            last_at: Default::default(),
            author: Author::Person { name: "Ola".into() },
            edit,
            inverse,
            cause: Default::default(),
            case: None,
            prev: None,
        };
        let text = |field: TextField, value: &str| Edit::SetText {
            field,
            value: value.into(),
        };
        let work = f.case.goals[0].id;
        let health = f.case.goals[1].id;
        let shown =
            |field: TextField| v.shows_entry(&entry(text(field.clone(), "ny"), text(field, "")));
        assert!(shown(TextField::GoalOwnWords(work)));
        assert!(!shown(TextField::GoalOwnWords(health)));
        assert!(!shown(TextField::PersonPhone));
        assert!(!shown(TextField::PersonNationalId));
        assert!(!shown(TextField::PlanMainGoal));
        assert!(!shown(TextField::ZoneSigns(Zone::Red)));
        assert!(!shown(TextField::ActionWhat(f.case.actions[1].id)));
        assert!(shown(TextField::ActionWhat(f.case.actions[0].id)));
        // A removed health goal: judged by the goal the entry carries.
        let gone = Goal {
            id: GoalId::new(),
            domain: LifeDomain::Health,
            ..Goal::default()
        };
        let removed = entry(
            Edit::RemoveGoal { id: gone.id },
            Edit::InsertGoal {
                index: 0,
                goal: gone,
            },
        );
        assert!(!v.shows_entry(&removed));
        let full = CaseView::everything(&f.case);
        assert!(full.shows_entry(&removed));
    }

    #[test]
    fn edits_on_a_filtered_view_never_touch_what_it_hides() {
        let mut f = fixture();
        let item = AgendaItem {
            id: AgendaItemId::new(),
            goals: vec![f.case.goals[1].id],
            ..AgendaItem::default()
        };
        f.case.meetings.push(Meeting {
            id: MeetingId::new(),
            agenda: vec![item.clone()],
            ..Meeting::default()
        });
        let m = f.case.meetings[0].id;
        let v = CaseView::of(&f.case, Audience::Room(vec![f.nav]), day(2));
        assert!(
            v.meetings[0].agenda[0].goals.is_empty(),
            "the health goal is hidden"
        );
        // Linking the work goal keeps the hidden link to the health goal.
        let linked = v.complete(
            &f.case,
            Edit::SetAgendaItemLinks {
                meeting: m,
                id: item.id,
                goals: vec![f.case.goals[0].id],
                actions: vec![],
            },
        );
        assert!(
            matches!(linked, Some(Edit::SetAgendaItemLinks { goals, .. })
            if goals == vec![f.case.goals[0].id, f.case.goals[1].id])
        );
        // A new action goes at the end of the whole list, not of the shorter one shown.
        let added = v.complete(
            &f.case,
            Edit::InsertAction {
                index: crate::domain::AT_END,
                action: Action::default(),
            },
        );
        assert!(matches!(added, Some(Edit::InsertAction { index: 2, .. })));
        // The main goal is not shown, so it cannot be written over from the room.
        let main = Edit::SetText {
            field: TextField::PlanMainGoal,
            value: String::new(),
        };
        assert_eq!(v.complete(&f.case, main.clone()), None);
        assert!(
            CaseView::everything(&f.case)
                .complete(&f.case, main)
                .is_some()
        );
    }

    #[test]
    fn the_cache_makes_the_copy_again_only_when_something_changed() {
        let f = fixture();
        let mut cache = ViewCache::default();
        let room = Audience::Room(vec![f.nav]);
        let first: *const Case = &*cache.view(&f.case, 1, room.clone(), day(2));
        let again: *const Case = &*cache.view(&f.case, 1, room.clone(), day(2));
        assert_eq!(first, again);
        let v = cache.view(&f.case, 1, room, day(20));
        assert!(v.goals.is_empty(), "withdrawn on the 20th");
    }
}
