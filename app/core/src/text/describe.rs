//! The edit log in words, for the History panel: "Kari Nordmann (NAV) flyttet fristen for
//! «Søke bostøtte» fra 01.12.2026 til 15.12.2026".

use chrono::NaiveDate;

use crate::domain::*;
use crate::i18n::Lang;

fn date(d: &Option<NaiveDate>) -> String {
    d.map(crate::i18n::date).unwrap_or_else(|| "–".into())
}

/// Shortens a text for a one-line description.
fn short(text: &str) -> String {
    let t = text.trim().replace('\n', " ");
    if t.chars().count() > 60 {
        format!("{}…", t.chars().take(57).collect::<String>())
    } else {
        t
    }
}

pub fn author(a: &Author, lang: Lang) -> String {
    match a {
        Author::Staff { name, organisation } if !organisation.is_empty() => {
            format!("{name} ({organisation})")
        }
        Author::Staff { name, .. } => name.clone(),
        Author::Person { name } => format!("{name} ({})", lang.pick("selv", "themself")),
    }
}

fn goal_name(case: &Case, id: GoalId) -> String {
    case.goal(id)
        .map(|g| format!("«{}»", short(&g.own_words)))
        .unwrap_or_else(|| "et mål".into())
}

fn action_name(case: &Case, id: ActionId) -> String {
    case.action(id)
        .map(|a| format!("«{}»", short(&a.what)))
        .unwrap_or_else(|| "et tiltak".into())
}

fn participant_name(case: &Case, id: Option<ParticipantId>, lang: Lang) -> String {
    id.and_then(|id| case.participant(id))
        .map(|p| p.name.clone())
        .unwrap_or_else(|| lang.pick("ingen", "nobody").into())
}

fn text_field_name(case: &Case, field: &TextField, lang: Lang) -> String {
    use TextField as F;
    let l = |nb: &str, en: &str| lang.pick(nb, en).to_string();
    match field {
        F::PersonName => l("navnet", "the name"),
        F::PersonPhone => l("telefonnummeret", "the phone number"),
        F::PersonEmail => l("e-postadressen", "the email address"),
        F::PersonAddress => l("adressen", "the address"),
        F::PersonNationalId => l("fødselsnummeret", "the national ID"),
        F::PlanMainGoal => l("hovedmålet", "the main goal"),
        F::PlanResources => l("ressursene", "the resources"),
        F::PlanNeeds => l("behovene", "the needs"),
        F::PlanImplementation => l("gjennomføringen", "how actions are carried out"),
        F::PlanCooperation => l("samarbeidet med andre", "cooperation with others"),
        F::ParticipantName(_)
        | F::ParticipantOrganisation(_)
        | F::ParticipantPhone(_)
        | F::ParticipantEmail(_)
        | F::ParticipantContributes(_) => l("en deltaker", "a participant"),
        F::ConsentNote(_) => l("et samtykke", "a consent"),
        F::GoalOwnWords(id) => format!(
            "{} {}",
            l("ordene i målet", "the words of goal"),
            goal_name(case, *id)
        ),
        F::GoalProfessionalWording(id) => format!(
            "{} {}",
            l("fagformuleringen av", "the professional wording of"),
            goal_name(case, *id)
        ),
        F::EvaluationText(id, _) => format!(
            "{} {}",
            l("en evaluering av", "an evaluation of"),
            goal_name(case, *id)
        ),
        F::ActionWhat(id) => format!("{} {}", l("tiltaket", "the action"), action_name(case, *id)),
        F::ZoneSigns(_) | F::ZoneWhatIDo(_) | F::ZoneWhatOthersDo(_) => {
            l("kriseplanens soner", "the crisis plan's zones")
        }
        F::CrisisTriggers
        | F::CrisisHowIWantToBeMet
        | F::CrisisWhatDoesNotHelp
        | F::CrisisTreatmentWishes
        | F::CrisisPracticalMatters
        | F::CrisisReviewedBy => l("kriseplanen", "the crisis plan"),
        F::ContactName(_) | F::ContactRole(_) | F::ContactPhone(_) | F::ContactNote(_) => {
            l("en kontakt i kriseplanen", "a crisis-plan contact")
        }
        F::MeetingPlace(_) => l("møtestedet", "the meeting place"),
        F::MeetingAgreements(_) => l("avtalene i møtet", "the meeting's agreements"),
        F::AgendaItemTitle(_, _) => l("en sak på dagsordenen", "an agenda item"),
        F::AgendaItemMinutes(_, _) => l("referatet", "the minutes"),
    }
}

fn date_field_name(case: &Case, field: &DateField, lang: Lang) -> String {
    use DateField as F;
    let l = |nb: &str, en: &str| lang.pick(nb, en).to_string();
    match field {
        F::PersonBirthDate => l("fødselsdatoen", "the birth date"),
        F::PlanStart => l("planperiodens start", "the plan start"),
        F::PlanEnd => l("planperiodens slutt", "the plan end"),
        F::PlanRevision => l("revisjonsdatoen", "the revision date"),
        F::ParticipantFrom(_) | F::ParticipantTo(_) => {
            l("en deltakers periode", "a participant's period")
        }
        F::ConsentGiven(_) | F::ConsentWithdrawn(_) => l("et samtykkes dato", "a consent's date"),
        F::GoalTarget(id) => format!(
            "{} {}",
            l("måldatoen for", "the target date of"),
            goal_name(case, *id)
        ),
        F::ActionDue(id) => format!(
            "{} {}",
            l("fristen for", "the due date of"),
            action_name(case, *id)
        ),
        F::CrisisPlanReviewed => l(
            "kriseplanens gjennomgangsdato",
            "the crisis plan's review date",
        ),
    }
}

/// What an applied edit did, in words, as read against `case` (the case as it is now; removed
/// things are named from the edit itself). `before` is the inverse recorded with the edit.
pub fn edit(e: &Edit, before: &Edit, case: &Case, lang: Lang) -> String {
    use Edit as E;
    let l = |nb: &str, en: &str| lang.pick(nb, en).to_string();
    match (e, before) {
        (E::SetText { field, value }, E::SetText { value: old, .. }) => {
            let what = text_field_name(case, field, lang);
            // The history is shown on screen: the national ID only ever masked.
            let (value, old) = if *field == TextField::PersonNationalId {
                (&mask_national_id(value), &mask_national_id(old))
            } else {
                (value, old)
            };
            if old.is_empty() {
                format!("{} {what}: «{}»", l("skrev", "wrote"), short(value))
            } else {
                format!(
                    "{} {what} {} «{}» {} «{}»",
                    l("endret", "changed"),
                    l("fra", "from"),
                    short(old),
                    l("til", "to"),
                    short(value)
                )
            }
        }
        (E::SetDate { field, value }, E::SetDate { value: old, .. }) => {
            let what = date_field_name(case, field, lang);
            let verb = if matches!(field, DateField::ActionDue(_)) {
                l("flyttet", "moved")
            } else {
                l("endret", "changed")
            };
            format!(
                "{verb} {what} {} {} {} {}",
                l("fra", "from"),
                date(old),
                l("til", "to"),
                date(value)
            )
        }
        (E::SetCoordinator { participant }, _) => {
            format!(
                "{} {}",
                l("satte koordinator til", "set the coordinator to"),
                participant_name(case, *participant, lang)
            )
        }
        (E::InsertParticipant { participant, .. }, _) => {
            format!(
                "{} {}",
                l("la til deltaker", "added participant"),
                participant.name
            )
        }
        (E::RemoveParticipant { .. }, E::InsertParticipant { participant, .. }) => {
            format!(
                "{} {}",
                l("fjernet deltaker", "removed participant"),
                participant.name
            )
        }
        (E::SetParticipantRole { id, .. }, _) | (E::SetParticipantLevel { id, .. }, _) => {
            format!(
                "{} {}",
                l("endret rollen til", "changed the role of"),
                participant_name(case, Some(*id), lang)
            )
        }
        (E::InsertConsent { .. }, _) => l("registrerte et samtykke", "recorded a consent"),
        (E::RemoveConsent { .. }, _) => l("fjernet et samtykke", "removed a consent"),
        (E::SetConsentSections { .. }, _) | (E::SetConsentMethod { .. }, _) => l(
            "endret hva som deles i et samtykke",
            "changed what a consent shares",
        ),
        (E::InsertGoal { goal, .. }, _) => format!(
            "{} «{}»",
            l("la til målet", "added the goal"),
            short(&goal.own_words)
        ),
        (E::RemoveGoal { .. }, E::InsertGoal { goal, .. }) => {
            format!(
                "{} «{}»",
                l("fjernet målet", "removed the goal"),
                short(&goal.own_words)
            )
        }
        (E::SetGoalDomain { id, .. }, _) => format!(
            "{} {}",
            l("flyttet livsområdet for", "moved the life domain of"),
            goal_name(case, *id)
        ),
        (E::SetGoalStatus { id, status }, _) => format!(
            "{} {} {} {}",
            l("satte status for", "set the status of"),
            goal_name(case, *id),
            l("til", "to"),
            super::labels::goal_status(*status).get(lang).to_lowercase()
        ),
        (E::InsertRating { goal, rating, .. }, _) => format!(
            "{} {} {} {}",
            l("vurderte", "rated"),
            goal_name(case, *goal),
            l("til", "at"),
            rating.value
        ),
        (E::RemoveRating { goal, .. }, _) => format!(
            "{} {}",
            l("fjernet en vurdering av", "removed a rating of"),
            goal_name(case, *goal)
        ),
        (E::InsertEvaluation { goal, .. }, _) => {
            format!("{} {}", l("evaluerte", "evaluated"), goal_name(case, *goal))
        }
        (E::RemoveEvaluation { goal, .. }, _) => format!(
            "{} {}",
            l("fjernet en evaluering av", "removed an evaluation of"),
            goal_name(case, *goal)
        ),
        (E::InsertAction { action, .. }, _) => format!(
            "{} «{}» ({}, {})",
            l("la til tiltaket", "added the action"),
            short(&action.what),
            participant_name(case, action.responsible, lang),
            date(&action.due)
        ),
        (E::RemoveAction { .. }, E::InsertAction { action, .. }) => {
            format!(
                "{} «{}»",
                l("fjernet tiltaket", "removed the action"),
                short(&action.what)
            )
        }
        (E::SetActionStatus { id, status }, _) => format!(
            "{} {} {} {}",
            l("satte", "set"),
            action_name(case, *id),
            l("til", "to"),
            match status {
                ActionStatus::Open => l("åpent", "open"),
                ActionStatus::Done => l("utført", "done"),
                ActionStatus::Cancelled => l("avlyst", "cancelled"),
            }
        ),
        (E::SetActionResponsible { id, responsible }, _) => format!(
            "{} {} {} {}",
            l("ga", "gave"),
            action_name(case, *id),
            l("til", "to"),
            participant_name(case, *responsible, lang)
        ),
        (E::SetActionGoals { id, .. }, _) => format!(
            "{} {}",
            l("koblet mål til", "linked goals to"),
            action_name(case, *id)
        ),
        (E::SetActionFollowedUp { id, .. }, _) => format!(
            "{} {}",
            l("fulgte opp", "followed up"),
            action_name(case, *id)
        ),
        (E::InsertContact { contact, .. }, _) => format!(
            "{} {}",
            l("la til kontakten", "added the contact"),
            contact.name
        ),
        (E::RemoveContact { .. }, E::InsertContact { contact, .. }) => {
            format!(
                "{} {}",
                l("fjernet kontakten", "removed the contact"),
                contact.name
            )
        }
        (E::InsertMeeting { meeting, .. }, _) => format!(
            "{} {}",
            l("opprettet møtet", "created the meeting of"),
            crate::i18n::date(meeting.starts_at.date_naive())
        ),
        (E::RemoveMeeting { .. }, _) => l("slettet et møte", "deleted a meeting"),
        (E::SetMeetingStart { .. }, _) | (E::SetNextMeeting { .. }, _) => {
            l("endret et møtetidspunkt", "changed a meeting time")
        }
        (E::SetMeetingChair { chair, .. }, _) => {
            format!(
                "{} {}",
                l("satte møteleder til", "set the chair to"),
                participant_name(case, *chair, lang)
            )
        }
        (E::SetMeetingNoteTaker { note_taker, .. }, _) => {
            format!(
                "{} {}",
                l("satte referent til", "set the note-taker to"),
                participant_name(case, *note_taker, lang)
            )
        }
        (
            E::SetAttendance {
                participant,
                attendance,
                ..
            },
            _,
        ) => format!(
            "{} {} {}",
            l("registrerte", "marked"),
            participant_name(case, Some(*participant), lang),
            match attendance {
                Some(Attendance::Present) => l("til stede", "present"),
                Some(Attendance::SentApologies) => l("med forfall", "as sent apologies"),
                Some(Attendance::Absent) => l("fraværende", "absent"),
                None => l("uten oppmøte", "with no attendance"),
            }
        ),
        (E::InsertAgendaItem { item, .. }, _) => format!(
            "{} «{}»",
            l("la til saken", "added the agenda item"),
            short(&item.title)
        ),
        (E::RemoveAgendaItem { .. }, _) => l("fjernet en sak", "removed an agenda item"),
        (E::SetAgendaItemTime { .. }, _) => l(
            "registrerte tid brukt på en sak",
            "recorded time on an agenda item",
        ),
        (E::SetAgendaItemLinks { .. }, _) => l(
            "koblet mål og tiltak til en sak",
            "linked goals and actions to an agenda item",
        ),
        (E::SetMinutesRecipients { .. }, _) => l(
            "valgte hvem som får referatet",
            "chose who receives the minutes",
        ),
        (E::SetMeetingEnded { ended: true, .. }, _) => l("avsluttet møtet", "ended the meeting"),
        (E::SetMeetingEnded { ended: false, .. }, _) => {
            l("åpnet møtet igjen", "reopened the meeting")
        }
        (
            E::SetMeetingApproval {
                approval: Some(_), ..
            },
            _,
        ) => l("godkjente referatet", "approved the minutes"),
        (E::SetMeetingApproval { approval: None, .. }, _) => l(
            "trakk godkjenningen av referatet",
            "withdrew approval of the minutes",
        ),
        (E::InsertFormEntry { .. }, _) => l("opprettet et skjema", "created a form"),
        (E::RemoveFormEntry { .. }, _) => l("fjernet et skjema", "removed a form"),
        (E::SetFormData { .. }, _) => l("fylte ut et skjema", "filled in a form"),
        (E::Batch { edits }, E::Batch { edits: inverses }) => {
            let parts: Vec<String> = edits
                .iter()
                .zip(inverses.iter().rev())
                .map(|(e, b)| edit(e, b, case, lang))
                .collect();
            parts.join("; ")
        }
        _ => l("gjorde en endring", "made a change"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_due_date_reads_naturally() {
        let mut case = Case::default();
        let a = Action {
            id: ActionId::new(),
            what: "Søke bostøtte".into(),
            ..Action::default()
        };
        let id = a.id;
        case.actions.push(a);
        let e = Edit::SetDate {
            field: DateField::ActionDue(id),
            value: NaiveDate::from_ymd_opt(2026, 12, 15),
        };
        let before = crate::domain::apply(&mut case, &e).unwrap();
        let who = author(
            &Author::Staff {
                name: "Kari Nordmann".into(),
                organisation: "NAV".into(),
            },
            Lang::Nb,
        );
        assert_eq!(
            format!("{who} {}", edit(&e, &before, &case, Lang::Nb)),
            "Kari Nordmann (NAV) flyttet fristen for «Søke bostøtte» fra – til 15.12.2026"
        );
        assert_eq!(
            edit(&e, &before, &case, Lang::En),
            "moved the due date of «Søke bostøtte» from – to 15.12.2026"
        );
    }
}
