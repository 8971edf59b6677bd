//! Why an edit is refused, as data; [`EditError::message`] words it in the user's language.

use chrono::NaiveDate;

use super::MAX_TEXT_CHARS;
use crate::i18n::{self, Lang};
use crate::text::S;

/// What an edit adds, removes or refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Participant,
    Consent,
    Goal,
    Rating,
    Evaluation,
    Action,
    Contact,
    Meeting,
    AgendaItem,
    FormEntry,
}

impl EntityKind {
    /// The one an error is about ("deltakeren"), or a list of them ("deltakere").
    fn name(self, many: bool) -> S {
        use EntityKind as K;
        let [one, list] = match self {
            K::Participant => [S::EditTheParticipant, S::EditParticipants],
            K::Consent => [S::EditTheConsent, S::EditConsents],
            K::Goal => [S::EditTheGoal, S::EditGoals],
            K::Rating => [S::EditTheRating, S::EditRatings],
            K::Evaluation => [S::EditTheEvaluation, S::EditEvaluations],
            K::Action => [S::EditTheAction, S::EditActions],
            K::Contact => [S::EditTheContact, S::EditContacts],
            K::Meeting => [S::EditTheMeeting, S::EditMeetings],
            K::AgendaItem => [S::EditTheAgendaItem, S::EditAgendaItems],
            K::FormEntry => [S::EditTheFormEntry, S::EditFormEntries],
        };
        if many { list } else { one }
    }
}

/// A date that must fall after another, or inside the plan period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateKind {
    PlanStart,
    PlanEnd,
    ActiveFrom,
    ActiveTo,
    ConsentGiven,
    ConsentWithdrawn,
    TargetDate,
    DueDate,
}

impl DateKind {
    fn name(self) -> S {
        use DateKind as D;
        match self {
            D::PlanStart => S::EditDatePlanStart,
            D::PlanEnd => S::EditDatePlanEnd,
            D::ActiveFrom => S::EditDateActiveFrom,
            D::ActiveTo => S::EditDateActiveTo,
            D::ConsentGiven => S::EditDateConsentGiven,
            D::ConsentWithdrawn => S::EditDateConsentWithdrawn,
            D::TargetDate => S::EditDateTarget,
            D::DueDate => S::EditDateDue,
        }
    }
}

/// What still refers to an entity that is to be removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Referrer {
    /// The plan names the participant as its coordinator.
    CoordinatorRole,
    /// Entities of this kind refer to it.
    Entities(EntityKind),
}

/// A value no case takes, whatever else it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InvalidReason {
    ImplausibleBirthDate,
    AgendaItemOverADay,
    NationalIdCheckDigits,
    /// A meeting's reviews are kept in their subjects' order; a file that says otherwise is damaged.
    ReviewsOutOfOrder,
    /// Approved minutes change only together with a correction that says what and why.
    MinutesApproved,
    /// A correction, once made, stays.
    CorrectionsOnlyAdded,
}

impl InvalidReason {
    fn text(self) -> S {
        match self {
            InvalidReason::ImplausibleBirthDate => S::EditImplausibleBirthDate,
            InvalidReason::AgendaItemOverADay => S::EditAgendaItemOverADay,
            InvalidReason::NationalIdCheckDigits => S::EditNationalIdCheckDigits,
            InvalidReason::ReviewsOutOfOrder => S::EditReviewsOutOfOrder,
            InvalidReason::MinutesApproved => S::EditMinutesApproved,
            InvalidReason::CorrectionsOnlyAdded => S::EditCorrectionsOnlyAdded,
        }
    }
}

/// What is wrong with an edit that does not fit the case. The case is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    Unknown {
        kind: EntityKind,
        id: String,
    },
    Duplicate {
        kind: EntityKind,
        id: String,
    },
    BadIndex {
        kind: EntityKind,
        index: usize,
        len: usize,
    },
    BeforePlanStart {
        what: DateKind,
        date: NaiveDate,
        plan_start: NaiveDate,
    },
    DateOrder {
        later: DateKind,
        date: NaiveDate,
        earlier: DateKind,
        other: NaiveDate,
    },
    RatingOutOfRange(u8),
    TextTooLong(usize),
    StillReferenced {
        kind: EntityKind,
        by: Referrer,
    },
    Invalid(InvalidReason),
}

impl EditError {
    /// The message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        use EditError as E;
        let one = |kind: &EntityKind| kind.name(false).get(lang);
        let many = |kind: &EntityKind| kind.name(true).get(lang);
        // Norwegian dates the Norwegian way; English ones as ISO 8601.
        let date = |d: &NaiveDate| match lang {
            Lang::Nb => i18n::date(*d),
            Lang::En => d.to_string(),
        };
        let sentence = |s: S, args: &[&str]| s.fill(lang, args);
        match self {
            E::Unknown { kind, .. } => sentence(S::EditNotFound, &[one(kind)]),
            E::Duplicate { kind, .. } => sentence(S::EditAlreadyExists, &[one(kind)]),
            E::BadIndex { kind, index, len } => sentence(
                S::EditBadIndex,
                &[&index.to_string(), &len.to_string(), many(kind)],
            ),
            E::BeforePlanStart {
                what,
                date: day,
                plan_start,
            } => sentence(
                S::EditBeforePlanStart,
                &[what.name().get(lang), &date(day), &date(plan_start)],
            ),
            E::DateOrder {
                later,
                date: day,
                earlier,
                other,
            } => sentence(
                S::EditDateOrder,
                &[
                    later.name().get(lang),
                    &date(day),
                    earlier.name().get(lang),
                    &date(other),
                ],
            ),
            E::RatingOutOfRange(v) => sentence(S::EditRatingOutOfRange, &[&v.to_string()]),
            E::TextTooLong(n) => sentence(
                S::EditTextTooLong,
                &[&n.to_string(), &MAX_TEXT_CHARS.to_string()],
            ),
            E::StillReferenced { kind, by } => {
                let by = match by {
                    Referrer::CoordinatorRole => S::EditByCoordinatorRole.get(lang),
                    Referrer::Entities(k) => many(k),
                };
                sentence(S::EditStillReferenced, &[one(kind), by])
            }
            E::Invalid(reason) => reason.text().get(lang).to_string(),
        }
    }
}

/// In English, for logs and developers (with the id the message leaves out); the user
/// interface asks [`EditError::message`].
impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))?;
        match self {
            EditError::Unknown { id, .. } | EditError::Duplicate { id, .. } => write!(f, " ({id})"),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for EditError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
    }

    /// The wording users see, from the catalogue.
    #[test]
    fn messages_keep_their_wording() {
        let cases = [
            (
                EditError::Unknown {
                    kind: EntityKind::Goal,
                    id: "g1".into(),
                },
                "Fant ikke målet i denne saken",
                "goal does not exist in this case",
            ),
            (
                EditError::Duplicate {
                    kind: EntityKind::AgendaItem,
                    id: "i1".into(),
                },
                "saken finnes allerede i denne saken",
                "agenda item already exists in this case",
            ),
            (
                EditError::BadIndex {
                    kind: EntityKind::Action,
                    index: 4,
                    len: 2,
                },
                "Plass 4 er utenfor listen over 2 tiltak",
                "position 4 is outside the list of 2 actions",
            ),
            (
                EditError::BeforePlanStart {
                    what: DateKind::DueDate,
                    date: day(1, 10),
                    plan_start: day(2, 1),
                },
                "fristen (10.01.2026) er før planperioden starter (01.02.2026)",
                "due date (2026-01-10) is before the plan period starts (2026-02-01)",
            ),
            (
                EditError::DateOrder {
                    later: DateKind::ActiveTo,
                    date: day(1, 10),
                    earlier: DateKind::ActiveFrom,
                    other: day(2, 1),
                },
                "aktiv til (10.01.2026) er før aktiv fra (01.02.2026)",
                "active to (2026-01-10) is before active from (2026-02-01)",
            ),
            (
                EditError::RatingOutOfRange(11),
                "Vurderingen må være fra 1 til 10, ikke 11",
                "a rating is from 1 to 10, not 11",
            ),
            (
                EditError::TextTooLong(100_001),
                "Teksten er for lang (100001 tegn; høyst 100000)",
                "the text is too long (100001 characters; at most 100000)",
            ),
            (
                EditError::StillReferenced {
                    kind: EntityKind::Participant,
                    by: Referrer::CoordinatorRole,
                },
                "deltakeren brukes fortsatt av koordinatorrollen; fjern de koblingene først",
                "participant is still referred to by the coordinator role; remove those \
                 references first",
            ),
            (
                EditError::StillReferenced {
                    kind: EntityKind::Meeting,
                    by: Referrer::Entities(EntityKind::Evaluation),
                },
                "møtet brukes fortsatt av evalueringer; fjern de koblingene først",
                "meeting is still referred to by evaluations; remove those references first",
            ),
            (
                EditError::Invalid(InvalidReason::AgendaItemOverADay),
                "tiden brukt på en møtesak er over ett døgn",
                "time spent over a day",
            ),
        ];
        for (error, nb, en) in cases {
            assert_eq!(error.message(Lang::Nb), nb);
            assert_eq!(error.message(Lang::En), en);
            assert!(error.to_string().starts_with(en), "{error}");
        }
    }
}
