//! The edit log in words, for the History panel: "Kari Nordmann (NAV) flyttet fristen for
//! «Søke bostøtte» fra 01.12.2026 til 15.12.2026".

use chrono::NaiveDate;

use super::S;
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
        Author::Person { name } => format!("{name} ({})", S::HistoryThemself.get(lang)),
    }
}

fn goal_name(case: &Case, lang: Lang, id: GoalId) -> String {
    case.goal(id)
        .map(|g| format!("«{}»", short(&g.own_words)))
        .unwrap_or_else(|| S::HistoryAGoal.get(lang).into())
}

fn action_name(case: &Case, lang: Lang, id: ActionId) -> String {
    case.action(id)
        .map(|a| format!("«{}»", short(&a.what)))
        .unwrap_or_else(|| S::HistoryAnAction.get(lang).into())
}

fn participant_name(case: &Case, id: Option<ParticipantId>, lang: Lang) -> String {
    id.and_then(|id| case.participant(id))
        .map(|p| p.name.clone())
        .unwrap_or_else(|| S::HistoryNobody.get(lang).into())
}

fn text_field_name(case: &Case, field: &TextField, lang: Lang) -> String {
    use TextField as F;
    let l = |s: S| s.get(lang).to_string();
    match field {
        F::PersonName => l(S::HistoryTheName),
        F::PersonPhone => l(S::HistoryThePhoneNumber),
        F::PersonEmail => l(S::HistoryTheEmailAddress),
        F::PersonAddress => l(S::HistoryTheAddress),
        F::PersonNationalId => l(S::HistoryTheNationalId),
        F::PlanMainGoal => l(S::HistoryTheMainGoal),
        F::PlanResources => l(S::HistoryTheResources),
        F::PlanNeeds => l(S::HistoryTheNeeds),
        F::PlanImplementation => l(S::HistoryHowActionsAreCarriedOut),
        F::PlanCooperation => l(S::HistoryCooperationWithOthers),
        F::ParticipantName(_)
        | F::ParticipantOrganisation(_)
        | F::ParticipantPhone(_)
        | F::ParticipantEmail(_)
        | F::ParticipantContributes(_) => l(S::HistoryAParticipant),
        F::ConsentNote(_) => l(S::HistoryAConsent),
        F::GoalOwnWords(id) => format!(
            "{} {}",
            l(S::HistoryTheWordsOfGoal),
            goal_name(case, lang, *id)
        ),
        F::GoalProfessionalWording(id) => format!(
            "{} {}",
            l(S::HistoryTheProfessionalWordingOf),
            goal_name(case, lang, *id)
        ),
        F::EvaluationText(id, _) => format!(
            "{} {}",
            l(S::HistoryAnEvaluationOf),
            goal_name(case, lang, *id)
        ),
        F::ActionWhat(id) => format!(
            "{} {}",
            l(S::HistoryTheAction),
            action_name(case, lang, *id)
        ),
        F::ZoneSigns(_) | F::ZoneWhatIDo(_) | F::ZoneWhatOthersDo(_) => {
            l(S::HistoryCrisisPlanZones)
        }
        F::CrisisTriggers
        | F::CrisisHowIWantToBeMet
        | F::CrisisWhatDoesNotHelp
        | F::CrisisTreatmentWishes
        | F::CrisisPracticalMatters
        | F::CrisisReviewedBy => l(S::HistoryTheCrisisPlan),
        F::ContactName(_) | F::ContactRole(_) | F::ContactPhone(_) | F::ContactNote(_) => {
            l(S::HistoryACrisisPlanContact)
        }
        F::MeetingPlace(_) => l(S::HistoryTheMeetingPlace),
        F::MeetingAgreements(_) => l(S::HistoryMeetingAgreements),
        F::AgendaItemTitle(_, _) => l(S::HistoryAnAgendaItem),
        F::AgendaItemMinutes(_, _) => l(S::HistoryTheMinutes),
    }
}

fn date_field_name(case: &Case, field: &DateField, lang: Lang) -> String {
    use DateField as F;
    let l = |s: S| s.get(lang).to_string();
    match field {
        F::PersonBirthDate => l(S::HistoryTheBirthDate),
        F::PlanStart => l(S::HistoryThePlanStart),
        F::PlanEnd => l(S::HistoryThePlanEnd),
        F::PlanRevision => l(S::HistoryTheRevisionDate),
        F::ParticipantFrom(_) | F::ParticipantTo(_) => l(S::HistoryParticipantPeriod),
        F::ConsentGiven(_) | F::ConsentWithdrawn(_) => l(S::HistoryConsentDate),
        F::GoalTarget(id) => format!(
            "{} {}",
            l(S::HistoryTheTargetDateOf),
            goal_name(case, lang, *id)
        ),
        F::ActionDue(id) => format!(
            "{} {}",
            l(S::HistoryTheDueDateOf),
            action_name(case, lang, *id)
        ),
        F::CrisisPlanReviewed => l(S::HistoryCrisisPlanReviewDate),
    }
}

/// What an applied edit did, in words, as read against `case` (the case as it is now; removed
/// things are named from the edit itself). `before` is the inverse recorded with the edit.
pub fn edit(e: &Edit, before: &Edit, case: &Case, lang: Lang) -> String {
    use Edit as E;
    let l = |s: S| s.get(lang).to_string();
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
                format!("{} {what}: «{}»", l(S::HistoryWrote), short(value))
            } else {
                format!(
                    "{} {what} {} «{}» {} «{}»",
                    l(S::HistoryChanged),
                    l(S::HistoryFrom),
                    short(old),
                    l(S::HistoryTo),
                    short(value)
                )
            }
        }
        (E::SetDate { field, value }, E::SetDate { value: old, .. }) => {
            let what = date_field_name(case, field, lang);
            let verb = if matches!(field, DateField::ActionDue(_)) {
                l(S::HistoryMoved)
            } else {
                l(S::HistoryChanged)
            };
            format!(
                "{verb} {what} {} {} {} {}",
                l(S::HistoryFrom),
                date(old),
                l(S::HistoryTo),
                date(value)
            )
        }
        (E::SetCoordinator { participant }, _) => {
            format!(
                "{} {}",
                l(S::HistorySetTheCoordinatorTo),
                participant_name(case, *participant, lang)
            )
        }
        (E::InsertParticipant { participant, .. }, _) => {
            format!("{} {}", l(S::HistoryAddedParticipant), participant.name)
        }
        (E::RemoveParticipant { .. }, E::InsertParticipant { participant, .. }) => {
            format!("{} {}", l(S::HistoryRemovedParticipant), participant.name)
        }
        (E::SetParticipantRole { id, .. }, _) | (E::SetParticipantLevel { id, .. }, _) => {
            format!(
                "{} {}",
                l(S::HistoryChangedTheRoleOf),
                participant_name(case, Some(*id), lang)
            )
        }
        (E::InsertConsent { .. }, _) => l(S::HistoryRecordedAConsent),
        (E::RemoveConsent { .. }, _) => l(S::HistoryRemovedAConsent),
        (E::SetConsentSections { .. }, _) | (E::SetConsentMethod { .. }, _) => {
            l(S::HistoryChangedWhatAConsentShares)
        }
        (E::InsertGoal { goal, .. }, _) => {
            format!("{} «{}»", l(S::HistoryAddedTheGoal), short(&goal.own_words))
        }
        (E::RemoveGoal { .. }, E::InsertGoal { goal, .. }) => {
            format!(
                "{} «{}»",
                l(S::HistoryRemovedTheGoal),
                short(&goal.own_words)
            )
        }
        (E::SetGoalDomain { id, .. }, _) => format!(
            "{} {}",
            l(S::HistoryMovedTheLifeDomainOf),
            goal_name(case, lang, *id)
        ),
        (E::SetGoalStatus { id, status }, _) => format!(
            "{} {} {} {}",
            l(S::HistorySetTheStatusOf),
            goal_name(case, lang, *id),
            l(S::HistoryTo),
            super::labels::goal_status(*status).get(lang).to_lowercase()
        ),
        (E::InsertRating { goal, rating, .. }, _) => format!(
            "{} {} {} {}",
            l(S::HistoryRated),
            goal_name(case, lang, *goal),
            l(S::HistoryAt),
            rating.value
        ),
        (E::RemoveRating { goal, .. }, _) => format!(
            "{} {}",
            l(S::HistoryRemovedARatingOf),
            goal_name(case, lang, *goal)
        ),
        (E::InsertEvaluation { goal, .. }, _) => {
            format!(
                "{} {}",
                l(S::HistoryEvaluated),
                goal_name(case, lang, *goal)
            )
        }
        (E::RemoveEvaluation { goal, .. }, _) => format!(
            "{} {}",
            l(S::HistoryRemovedAnEvaluationOf),
            goal_name(case, lang, *goal)
        ),
        (E::InsertAction { action, .. }, _) => format!(
            "{} «{}» ({}, {})",
            l(S::HistoryAddedTheAction),
            short(&action.what),
            participant_name(case, action.responsible, lang),
            date(&action.due)
        ),
        (E::RemoveAction { .. }, E::InsertAction { action, .. }) => {
            format!(
                "{} «{}»",
                l(S::HistoryRemovedTheAction),
                short(&action.what)
            )
        }
        (E::SetActionStatus { id, status }, _) => format!(
            "{} {} {} {}",
            l(S::HistorySet),
            action_name(case, lang, *id),
            l(S::HistoryTo),
            match status {
                ActionStatus::Open => l(S::HistoryOpen),
                ActionStatus::Done => l(S::HistoryDone),
                ActionStatus::Cancelled => l(S::HistoryCancelled),
            }
        ),
        (E::SetActionResponsible { id, responsible }, _) => format!(
            "{} {} {} {}",
            l(S::HistoryGave),
            action_name(case, lang, *id),
            l(S::HistoryTo),
            participant_name(case, *responsible, lang)
        ),
        (E::SetActionGoals { id, .. }, _) => format!(
            "{} {}",
            l(S::HistoryLinkedGoalsTo),
            action_name(case, lang, *id)
        ),
        (E::SetActionFollowedUp { id, .. }, _) => format!(
            "{} {}",
            l(S::HistoryFollowedUp),
            action_name(case, lang, *id)
        ),
        (E::InsertContact { contact, .. }, _) => {
            format!("{} {}", l(S::HistoryAddedTheContact), contact.name)
        }
        (E::RemoveContact { .. }, E::InsertContact { contact, .. }) => {
            format!("{} {}", l(S::HistoryRemovedTheContact), contact.name)
        }
        (E::InsertMeeting { meeting, .. }, _) => format!(
            "{} {}",
            l(S::HistoryCreatedTheMeetingOf),
            crate::i18n::date(meeting.starts_at.date_naive())
        ),
        (E::RemoveMeeting { .. }, _) => l(S::HistoryDeletedAMeeting),
        (E::SetMeetingStart { .. }, _) | (E::SetNextMeeting { .. }, _) => {
            l(S::HistoryChangedAMeetingTime)
        }
        (E::SetMeetingChair { chair, .. }, _) => {
            format!(
                "{} {}",
                l(S::HistorySetTheChairTo),
                participant_name(case, *chair, lang)
            )
        }
        (E::SetMeetingNoteTaker { note_taker, .. }, _) => {
            format!(
                "{} {}",
                l(S::HistorySetTheNoteTakerTo),
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
            l(S::HistoryMarked),
            participant_name(case, Some(*participant), lang),
            match attendance {
                Some(Attendance::Present) => l(S::HistoryPresent),
                Some(Attendance::SentApologies) => l(S::HistoryAsSentApologies),
                Some(Attendance::Absent) => l(S::HistoryAbsent),
                None => l(S::HistoryWithNoAttendance),
            }
        ),
        (E::InsertAgendaItem { item, .. }, _) => format!(
            "{} «{}»",
            l(S::HistoryAddedTheAgendaItem),
            short(&item.title)
        ),
        (E::RemoveAgendaItem { .. }, _) => l(S::HistoryRemovedAnAgendaItem),
        (E::SetAgendaItemTime { .. }, _) => l(S::HistoryRecordedTimeOnAnAgendaItem),
        (E::SetAgendaItemLinks { .. }, _) => l(S::HistoryLinkedGoalsAndActionsToAnAgendaItem),
        (E::SetMinutesRecipients { .. }, _) => l(S::HistoryChoseWhoReceivesTheMinutes),
        (E::SetMeetingEnded { ended: true, .. }, _) => l(S::HistoryEndedTheMeeting),
        (E::SetMeetingEnded { ended: false, .. }, _) => l(S::HistoryReopenedTheMeeting),
        (
            E::SetMeetingApproval {
                approval: Some(_), ..
            },
            _,
        ) => l(S::HistoryApprovedTheMinutes),
        (E::SetMeetingApproval { approval: None, .. }, _) => {
            l(S::HistoryWithdrewApprovalOfTheMinutes)
        }
        (
            E::SetReview {
                subject, outcome, ..
            },
            _,
        ) => {
            let what = match subject {
                Subject::Goal(g) => goal_name(case, lang, *g),
                Subject::Action(a) => action_name(case, lang, *a),
            };
            match outcome {
                Some(Outcome::Reviewed) => S::HistoryReviewed.fill(lang, &[&what]),
                Some(Outcome::Deferred { reason }) => {
                    S::HistoryDeferred.fill(lang, &[&what, &short(reason)])
                }
                Some(Outcome::Untouched) => S::HistoryLeftUntouched.fill(lang, &[&what]),
                None => S::HistoryUnreviewed.fill(lang, &[&what]),
            }
        }
        (E::SetCorrections { corrections, .. }, _) => S::HistoryCorrectedTheMinutes.fill(
            lang,
            &[&corrections
                .last()
                .map(|c| short(&c.what))
                .unwrap_or_default()],
        ),
        (E::InsertFormEntry { .. }, _) => l(S::HistoryCreatedAForm),
        (E::RemoveFormEntry { .. }, _) => l(S::HistoryRemovedAForm),
        (E::SetFormData { .. }, _) => l(S::HistoryFilledInAForm),
        (E::Batch { edits }, E::Batch { edits: inverses }) => {
            let parts: Vec<String> = edits
                .iter()
                .zip(inverses.iter().rev())
                .map(|(e, b)| edit(e, b, case, lang))
                .collect();
            parts.join("; ")
        }
        _ => l(S::HistoryMadeAChange),
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
