//! The standard agenda of a responsibility-group meeting, with open actions from last time and
//! goals due for evaluation carried in.

use chrono::NaiveDate;

use super::model::*;
use crate::i18n::Lang;
use crate::text::S;

/// The agenda items of a new meeting. Open actions and goals still being worked on are linked
/// to the items where they are reviewed.
pub fn standard_agenda(case: &Case, today: NaiveDate, lang: Lang) -> Vec<AgendaItem> {
    // What the last meeting put off comes back, whatever its dates say.
    let last = case
        .meetings
        .iter()
        .filter(|m| m.ended)
        .max_by_key(|m| m.starts_at);
    let deferred = |s: Subject| {
        last.and_then(|m| m.outcome(s))
            .is_some_and(|o| matches!(o, Outcome::Deferred { .. }))
    };
    let goals_due: Vec<GoalId> = case
        .goals
        .iter()
        .filter(|g| {
            matches!(g.status, GoalStatus::NotStarted | GoalStatus::InProgress)
                || deferred(Subject::Goal(g.id))
        })
        .filter(|g| {
            g.target_date
                .is_none_or(|d| d <= today + chrono::Days::new(60))
                || g.evaluations.is_empty()
                || deferred(Subject::Goal(g.id))
        })
        .map(|g| g.id)
        .collect();
    let open_actions: Vec<ActionId> = case
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .map(|a| a.id)
        .collect();
    let item = |title: S, goals: Vec<GoalId>, actions: Vec<ActionId>| AgendaItem {
        id: AgendaItemId::new(),
        title: title.get(lang).to_string(),
        goals,
        actions,
        ..AgendaItem::default()
    };
    vec![
        item(S::AgendaWelcome, vec![], vec![]),
        item(S::AgendaSinceLastTime, vec![], vec![]),
        item(S::AgendaReviewGoalsAndActions, goals_due, vec![]),
        item(S::AgendaOpenActions, vec![], open_actions),
        item(S::AgendaCrisisPlan, vec![], vec![]),
        item(S::AgendaLocalForms, vec![], vec![]),
        item(S::AgendaAgreements, vec![], vec![]),
        item(S::AgendaNextMeeting, vec![], vec![]),
        item(S::AgendaWhoGetsTheMinutes, vec![], vec![]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_actions_and_active_goals_are_carried_in() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut case = Case::default();
        let active = Goal {
            id: GoalId::new(),
            status: GoalStatus::InProgress,
            ..Goal::default()
        };
        let done = Goal {
            id: GoalId::new(),
            status: GoalStatus::Achieved,
            ..Goal::default()
        };
        let open = Action {
            id: ActionId::new(),
            ..Action::default()
        };
        let closed = Action {
            id: ActionId::new(),
            status: ActionStatus::Done,
            ..Action::default()
        };
        case.goals = vec![active.clone(), done];
        case.actions = vec![open.clone(), closed];
        let agenda = standard_agenda(&case, today, Lang::Nb);
        assert_eq!(agenda.len(), 9);
        assert_eq!(agenda[2].goals, vec![active.id]);
        assert_eq!(agenda[3].actions, vec![open.id]);
        assert_eq!(agenda[0].title, "Velkommen og hvem som er til stede");
    }

    #[test]
    fn what_the_last_meeting_put_off_comes_back() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let later = Goal {
            id: GoalId::new(),
            status: GoalStatus::Paused,
            target_date: NaiveDate::from_ymd_opt(2027, 11, 1),
            evaluations: vec![Evaluation::default()],
            ..Goal::default()
        };
        let mut case = Case {
            goals: vec![later.clone()],
            ..Case::default()
        };
        assert!(standard_agenda(&case, today, Lang::Nb)[2].goals.is_empty());
        case.meetings.push(Meeting {
            id: MeetingId::new(),
            ended: true,
            reviews: vec![Review {
                subject: Subject::Goal(later.id),
                outcome: Outcome::Deferred {
                    reason: "Tas når fastlegen er med".into(),
                },
            }],
            ..Meeting::default()
        });
        assert_eq!(
            standard_agenda(&case, today, Lang::Nb)[2].goals,
            vec![later.id]
        );
    }
}
