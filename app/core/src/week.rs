//! The coordinator's week: what is due across every case, computed from the case index alone
//! (no case is decoded), with the date from the injected [`Clock`].
//!
//! What counts as due (the start screen and `ansvar week` show the same lines):
//! - a meeting in the next [`MEETING_DAYS`] days (the index's next meeting);
//! - an open action past its due date: who, what, how many days late;
//! - a plan whose revision date has passed, or whose period ends within [`PLAN_DAYS`] days
//!   (or has ended);
//! - a crisis plan (one with any content) not reviewed for [`CRISIS_MONTHS`] months, or never;
//! - a consent about to lapse: one in force whose withdrawal date falls within
//!   [`CONSENT_DAYS`] days, or one given more than [`CONSENT_RENEW_MONTHS`] months ago less
//!   [`CONSENT_DAYS`] days (consent is renewed yearly, so it is named a month before a year
//!   has passed, and stays named until it is renewed);
//! - an open goal that neither of the last two ended meetings evaluated (an evaluation
//!   recorded at the meeting, or the review marking it gone through). Needs two ended meetings.
//!
//! An index entry written before these facts were kept has no [`WeekFacts`]. Encrypting such
//! a file fills them in, in one transaction (`Store::encrypt`); until then
//! (a read-only open, e.g. `ansvar week`, or a case that could not be read) the case is
//! counted as unknown, and the week says how many.

use chrono::{DateTime, Months, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::domain::{
    ActionStatus, Case, CaseId, ConsentRecipient, GoalStatus, MeetingId, Outcome, Subject,
};
use crate::i18n::{Lang, date};
use crate::store::CaseSummary;
use crate::text::S;

pub const MEETING_DAYS: i64 = 14;
pub const PLAN_DAYS: i64 = 30;
pub const CRISIS_MONTHS: u32 = 6;
pub const CONSENT_DAYS: i64 = 30;
pub const CONSENT_RENEW_MONTHS: u32 = 12;

/// Longest text kept in the index for an action or a goal: the line names it, the case has
/// the rest, and the index of 10,000 cases stays small.
const TEXT_KEPT: usize = 120;

/// What the week needs from one case, kept in its index entry and written with every edit
/// that changes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WeekFacts {
    /// The open actions that have a due date.
    pub actions: Vec<DueAction>,
    pub revision_date: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    /// Whether the case has a crisis plan (any content), and when it was last reviewed.
    pub crisis_plan: bool,
    pub crisis_reviewed: Option<NaiveDate>,
    /// Every consent: to whom, when given, when withdrawn (also a date still to come).
    pub consents: Vec<ConsentFact>,
    /// Open goals neither of the last two ended meetings evaluated, in the person's words.
    pub unevaluated_goals: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DueAction {
    pub what: String,
    /// The responsible participant's name; empty when nobody is.
    pub who: String,
    pub due: NaiveDate,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentFact {
    /// The participant's name or the organisation.
    pub recipient: String,
    pub given: Option<NaiveDate>,
    pub withdrawn: Option<NaiveDate>,
}

fn kept(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(TEXT_KEPT) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

impl WeekFacts {
    pub fn of(case: &Case) -> WeekFacts {
        let name = |id| {
            case.participant(id)
                .map(|p| p.name.clone())
                .unwrap_or_default()
        };
        let actions = case
            .actions
            .iter()
            .filter(|a| a.status == ActionStatus::Open)
            .filter_map(|a| {
                a.due.map(|due| DueAction {
                    what: kept(&a.what),
                    who: a.responsible.map(name).unwrap_or_default(),
                    due,
                })
            })
            .collect();
        let c = &case.crisis_plan;
        let crisis_plan = !c.contacts.is_empty()
            || [
                &c.green.signs,
                &c.green.what_i_do,
                &c.green.what_others_do,
                &c.yellow.signs,
                &c.yellow.what_i_do,
                &c.yellow.what_others_do,
                &c.red.signs,
                &c.red.what_i_do,
                &c.red.what_others_do,
                &c.triggers,
                &c.how_i_want_to_be_met,
                &c.what_does_not_help,
                &c.treatment_wishes,
                &c.practical_matters,
            ]
            .iter()
            .any(|s| !s.trim().is_empty());
        let consents = case
            .consents
            .iter()
            .map(|c| ConsentFact {
                recipient: match &c.recipient {
                    ConsentRecipient::Participant(id) => name(*id),
                    ConsentRecipient::Organisation(o) => o.clone(),
                },
                given: c.given,
                withdrawn: c.withdrawn,
            })
            .collect();
        WeekFacts {
            actions,
            revision_date: case.plan.revision_date,
            period_end: case.plan.period_end,
            crisis_plan,
            crisis_reviewed: c.reviewed_on,
            consents,
            unevaluated_goals: unevaluated_goals(case),
        }
    }
}

/// The open goals that neither of the last two ended meetings evaluated.
fn unevaluated_goals(case: &Case) -> Vec<String> {
    let mut ended: Vec<_> = case.meetings.iter().filter(|m| m.ended).collect();
    if ended.len() < 2 {
        return Vec::new();
    }
    ended.sort_by_key(|m| m.starts_at);
    let last_two = &ended[ended.len() - 2..];
    case.goals
        .iter()
        .filter(|g| {
            matches!(
                g.status,
                GoalStatus::NotStarted | GoalStatus::InProgress | GoalStatus::Paused
            )
        })
        .filter(|g| {
            !last_two.iter().any(|m| {
                let at: Option<MeetingId> = Some(m.id);
                g.evaluations.iter().any(|e| e.meeting == at)
                    || m.outcome(Subject::Goal(g.id)) == Some(&Outcome::Reviewed)
            })
        })
        .map(|g| kept(&g.own_words))
        .collect()
}

/// One thing due, and where in the case it is dealt with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Due {
    Meeting {
        at: DateTime<Utc>,
    },
    OverdueAction {
        what: String,
        who: String,
        due: NaiveDate,
        days_late: i64,
    },
    RevisionPassed {
        on: NaiveDate,
    },
    PeriodEnds {
        on: NaiveDate,
    },
    PeriodEnded {
        on: NaiveDate,
    },
    CrisisPlanNotReviewed {
        reviewed: Option<NaiveDate>,
    },
    ConsentWithdrawn {
        recipient: String,
        on: NaiveDate,
    },
    ConsentRenewal {
        recipient: String,
        given: NaiveDate,
        renew_by: NaiveDate,
    },
    GoalNotEvaluated {
        goal: String,
    },
}

/// The tab of the case where a line is dealt with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Overview,
    Meeting,
    Goals,
    CrisisPlan,
    Actions,
    Participants,
}

/// The groups the week is shown in, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Meetings,
    OverdueActions,
    Plans,
    CrisisPlans,
    Consents,
    Goals,
}

impl Group {
    pub const ALL: [Group; 6] = [
        Group::Meetings,
        Group::OverdueActions,
        Group::Plans,
        Group::CrisisPlans,
        Group::Consents,
        Group::Goals,
    ];

    pub fn title(self) -> S {
        match self {
            Group::Meetings => S::WeekMeetings,
            Group::OverdueActions => S::WeekOverdueActions,
            Group::Plans => S::WeekPlans,
            Group::CrisisPlans => S::WeekCrisisPlans,
            Group::Consents => S::WeekConsents,
            Group::Goals => S::WeekGoals,
        }
    }
}

impl Due {
    pub fn group(&self) -> Group {
        match self {
            Due::Meeting { .. } => Group::Meetings,
            Due::OverdueAction { .. } => Group::OverdueActions,
            Due::RevisionPassed { .. } | Due::PeriodEnds { .. } | Due::PeriodEnded { .. } => {
                Group::Plans
            }
            Due::CrisisPlanNotReviewed { .. } => Group::CrisisPlans,
            Due::ConsentWithdrawn { .. } | Due::ConsentRenewal { .. } => Group::Consents,
            Due::GoalNotEvaluated { .. } => Group::Goals,
        }
    }

    pub fn place(&self) -> Place {
        match self {
            Due::Meeting { .. } => Place::Meeting,
            Due::OverdueAction { .. } => Place::Actions,
            Due::RevisionPassed { .. } | Due::PeriodEnds { .. } | Due::PeriodEnded { .. } => {
                Place::Overview
            }
            Due::CrisisPlanNotReviewed { .. } => Place::CrisisPlan,
            Due::ConsentWithdrawn { .. } | Due::ConsentRenewal { .. } => Place::Participants,
            Due::GoalNotEvaluated { .. } => Place::Goals,
        }
    }

    /// The date the line is sorted by within its group (soonest or most pressing first).
    fn date(&self, clock: &Clock) -> Option<NaiveDate> {
        match self {
            Due::Meeting { at } => Some(clock.local_date(*at)),
            Due::OverdueAction { due, .. } => Some(*due),
            Due::RevisionPassed { on } | Due::PeriodEnds { on } | Due::PeriodEnded { on } => {
                Some(*on)
            }
            Due::CrisisPlanNotReviewed { reviewed } => *reviewed,
            Due::ConsentWithdrawn { on, .. } => Some(*on),
            Due::ConsentRenewal { renew_by, .. } => Some(*renew_by),
            Due::GoalNotEvaluated { .. } => None,
        }
    }

    /// The line in words, in `lang`.
    pub fn describe(&self, lang: Lang, clock: &Clock) -> String {
        match self {
            Due::Meeting { at } => S::WeekMeetingAt.fill(lang, &[&clock.date_time(*at)]),
            Due::OverdueAction {
                what,
                who,
                due,
                days_late,
            } => {
                let who = if who.is_empty() {
                    S::WeekNobody.get(lang).to_string()
                } else {
                    who.clone()
                };
                if *days_late == 1 {
                    S::WeekActionLateOneDay.fill(lang, &[&who, what, &date(*due)])
                } else {
                    S::WeekActionLate.fill(lang, &[&who, what, &date(*due), &days_late.to_string()])
                }
            }
            Due::RevisionPassed { on } => S::WeekRevisionPassed.fill(lang, &[&date(*on)]),
            Due::PeriodEnds { on } => S::WeekPeriodEnds.fill(lang, &[&date(*on)]),
            Due::PeriodEnded { on } => S::WeekPeriodEnded.fill(lang, &[&date(*on)]),
            Due::CrisisPlanNotReviewed { reviewed: Some(on) } => {
                S::WeekCrisisReviewed.fill(lang, &[&date(*on)])
            }
            Due::CrisisPlanNotReviewed { reviewed: None } => {
                S::WeekCrisisNeverReviewed.get(lang).to_string()
            }
            Due::ConsentWithdrawn { recipient, on } => {
                S::WeekConsentWithdrawn.fill(lang, &[recipient, &date(*on)])
            }
            Due::ConsentRenewal {
                recipient,
                given,
                renew_by,
            } => S::WeekConsentRenewal.fill(lang, &[recipient, &date(*given), &date(*renew_by)]),
            Due::GoalNotEvaluated { goal } => S::WeekGoalNotEvaluated.fill(lang, &[goal]),
        }
    }
}

/// One line of the week: a case and one thing due in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub case: CaseId,
    pub name: String,
    pub place: Place,
    #[serde(flatten)]
    pub due: Due,
}

/// The week: every line, grouped in [`Group::ALL`]'s order, and the cases whose index does
/// not yet say.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Week {
    pub today: NaiveDate,
    pub lines: Vec<Line>,
    /// Cases whose index entry predates the week's facts: not known until a writable open.
    pub unknown: Vec<CaseId>,
}

impl Week {
    /// The lines of one group, in order.
    pub fn group(&self, group: Group) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(move |l| l.due.group() == group)
    }
}

/// Everything due across `cases` as of the clock's now.
pub fn week(cases: &[CaseSummary], clock: &Clock) -> Week {
    let now = clock.now();
    let today = clock.today();
    let days = |n| {
        today
            .checked_add_signed(TimeDelta::days(n))
            .unwrap_or(today)
    };
    let meetings_until = now
        .checked_add_signed(TimeDelta::days(MEETING_DAYS))
        .unwrap_or(now);
    let plan_until = days(PLAN_DAYS);
    let consent_until = days(CONSENT_DAYS);
    let crisis_since = today
        .checked_sub_months(Months::new(CRISIS_MONTHS))
        .unwrap_or(today);
    let mut lines = Vec::new();
    let mut unknown = Vec::new();
    for c in cases {
        let mut add = |due: Due| {
            lines.push(Line {
                case: c.id,
                name: c.name.clone(),
                place: due.place(),
                due,
            })
        };
        if let Some(at) = c.next_meeting
            && at >= now
            && at <= meetings_until
        {
            add(Due::Meeting { at });
        }
        let Some(f) = &c.week else {
            unknown.push(c.id);
            continue;
        };
        for a in f.actions.iter().filter(|a| a.due < today) {
            add(Due::OverdueAction {
                what: a.what.clone(),
                who: a.who.clone(),
                due: a.due,
                days_late: (today - a.due).num_days(),
            });
        }
        if let Some(on) = f.revision_date.filter(|on| *on < today) {
            add(Due::RevisionPassed { on });
        }
        // A period already over needs a new plan (or the case closed) more than one ending.
        match f.period_end {
            Some(on) if on < today => add(Due::PeriodEnded { on }),
            Some(on) if on <= plan_until => add(Due::PeriodEnds { on }),
            _ => {}
        }
        if f.crisis_plan && f.crisis_reviewed.is_none_or(|on| on <= crisis_since) {
            add(Due::CrisisPlanNotReviewed {
                reviewed: f.crisis_reviewed,
            });
        }
        for k in &f.consents {
            // Given later than today, or already withdrawn: not in force, nothing lapses.
            if k.given.is_some_and(|g| g > today) || k.withdrawn.is_some_and(|w| w <= today) {
                continue;
            }
            if let Some(on) = k.withdrawn.filter(|w| *w <= consent_until) {
                add(Due::ConsentWithdrawn {
                    recipient: k.recipient.clone(),
                    on,
                });
            } else if let Some(given) = k.given
                && let Some(renew_by) = given.checked_add_months(Months::new(CONSENT_RENEW_MONTHS))
                && renew_by <= consent_until
            {
                add(Due::ConsentRenewal {
                    recipient: k.recipient.clone(),
                    given,
                    renew_by,
                });
            }
        }
        for goal in &f.unevaluated_goals {
            add(Due::GoalNotEvaluated { goal: goal.clone() });
        }
    }
    // Stable: within a group by date (undated last), then as the index lists the cases.
    lines.sort_by_cached_key(|l| {
        let d = l.due.date(clock);
        (l.due.group(), d.is_none(), d)
    });
    Week {
        today,
        lines,
        unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn a_consent_lapses_by_its_withdrawal_date_or_a_year_after_it_was_given() {
        let clock = Clock::at_noon(day(12, 1));
        let fact = |given, withdrawn| ConsentFact {
            recipient: "NAV Nordvik".into(),
            given,
            withdrawn,
        };
        let summary = CaseSummary {
            id: CaseId(1),
            name: "Kari Testesen".into(),
            coordinator: String::new(),
            next_meeting: None,
            open_action_dues: None,
            week: Some(WeekFacts {
                consents: vec![
                    fact(Some(day(1, 5)), Some(day(12, 20))),
                    fact(Some(NaiveDate::from_ymd_opt(2025, 12, 20).unwrap()), None),
                    fact(Some(day(6, 1)), None),
                    fact(Some(day(1, 5)), Some(day(11, 30))),
                ],
                ..WeekFacts::default()
            }),
        };
        // In force and withdrawn on 20.12 (named); a year old on 20.12 (named); given in June
        // (not yet); withdrawn yesterday (no longer in force, nothing to lapse).
        let w = week(&[summary], &clock);
        let dues: Vec<_> = w.lines.iter().map(|l| l.due.clone()).collect();
        assert_eq!(
            dues,
            vec![
                Due::ConsentWithdrawn {
                    recipient: "NAV Nordvik".into(),
                    on: day(12, 20),
                },
                Due::ConsentRenewal {
                    recipient: "NAV Nordvik".into(),
                    given: NaiveDate::from_ymd_opt(2025, 12, 20).unwrap(),
                    renew_by: day(12, 20),
                },
            ]
        );
    }

    #[test]
    fn a_plan_is_named_for_a_passed_revision_and_for_its_period_ending_or_ended() {
        let clock = Clock::at_noon(day(12, 1));
        let summary = |revision_date, period_end| CaseSummary {
            id: CaseId(1),
            name: "Kari Testesen".into(),
            coordinator: String::new(),
            next_meeting: None,
            open_action_dues: None,
            week: Some(WeekFacts {
                revision_date,
                period_end,
                ..WeekFacts::default()
            }),
        };
        let dues = |r, p| -> Vec<Due> {
            week(&[summary(r, p)], &clock)
                .lines
                .into_iter()
                .map(|l| l.due)
                .collect()
        };
        assert_eq!(
            dues(Some(day(11, 1)), Some(day(12, 20))),
            vec![
                Due::RevisionPassed { on: day(11, 1) },
                Due::PeriodEnds { on: day(12, 20) }
            ]
        );
        assert_eq!(
            dues(Some(day(12, 1)), Some(day(11, 30))),
            vec![Due::PeriodEnded { on: day(11, 30) }]
        );
        // Revision today and the period ending in two months: nothing yet.
        assert!(dues(Some(day(12, 1)), NaiveDate::from_ymd_opt(2027, 2, 1)).is_empty());
    }

    #[test]
    fn a_goal_neither_of_the_last_two_meetings_evaluated_is_named() {
        let (seen, unseen) = (GoalId::new(), GoalId::new());
        let (m1, m2) = (MeetingId::new(), MeetingId::new());
        let goal = |id, words: &str| Goal {
            id,
            own_words: words.into(),
            ..Goal::default()
        };
        let meeting = |id, d| Meeting {
            id,
            starts_at: day(11, d).and_hms_opt(9, 0, 0).unwrap().and_utc(),
            ended: true,
            ..Meeting::default()
        };
        let mut case = Case {
            goals: vec![goal(seen, "Sove godt"), goal(unseen, "Finne en jobb")],
            meetings: vec![meeting(m1, 2), meeting(m2, 16)],
            ..Case::default()
        };
        case.goals[0].evaluations.push(Evaluation {
            meeting: Some(m1),
            ..Evaluation::default()
        });
        assert_eq!(
            WeekFacts::of(&case).unevaluated_goals,
            vec!["Finne en jobb"]
        );
        // One ended meeting is not enough to say.
        case.meetings.pop();
        assert!(WeekFacts::of(&case).unevaluated_goals.is_empty());
    }
}
