//! Why an edit is refused, as data; [`EditError::message`] words it in the user's language.

use chrono::NaiveDate;

use super::MAX_TEXT_CHARS;
use crate::i18n::{self, Lang};

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
    fn name(self, lang: Lang, many: bool) -> &'static str {
        use EntityKind as K;
        let [nb_one, nb_many, en_one, en_many] = match self {
            K::Participant => ["deltakeren", "deltakere", "participant", "participants"],
            K::Consent => ["samtykket", "samtykker", "consent", "consents"],
            K::Goal => ["målet", "mål", "goal", "goals"],
            K::Rating => ["vurderingen", "vurderinger", "rating", "ratings"],
            K::Evaluation => ["evalueringen", "evalueringer", "evaluation", "evaluations"],
            K::Action => ["tiltaket", "tiltak", "action", "actions"],
            K::Contact => ["kontakten", "kontakter", "contact", "contacts"],
            K::Meeting => ["møtet", "møter", "meeting", "meetings"],
            K::AgendaItem => ["saken", "møtesaker", "agenda item", "agenda items"],
            K::FormEntry => ["skjemaet", "skjemaer", "form entry", "form entries"],
        };
        match many {
            false => lang.pick(nb_one, en_one),
            true => lang.pick(nb_many, en_many),
        }
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
    fn name(self, lang: Lang) -> &'static str {
        use DateKind as D;
        match self {
            D::PlanStart => lang.pick("planperiodens start", "plan start"),
            D::PlanEnd => lang.pick("planperiodens slutt", "plan end"),
            D::ActiveFrom => lang.pick("aktiv fra", "active from"),
            D::ActiveTo => lang.pick("aktiv til", "active to"),
            D::ConsentGiven => lang.pick("gitt", "given"),
            D::ConsentWithdrawn => lang.pick("trukket tilbake", "withdrawn"),
            D::TargetDate => lang.pick("måldatoen", "target date"),
            D::DueDate => lang.pick("fristen", "due date"),
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
}

impl InvalidReason {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            InvalidReason::ImplausibleBirthDate => {
                lang.pick("fødselsdatoen er ikke mulig", "birth date is implausible")
            }
            InvalidReason::AgendaItemOverADay => lang.pick(
                "tiden brukt på en møtesak er over ett døgn",
                "time spent over a day",
            ),
            InvalidReason::NationalIdCheckDigits => lang.pick(
                "fødselsnummeret har ikke 11 siffer med riktige kontrollsiffer",
                "the national ID is not 11 digits with valid check digits",
            ),
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
        let one = |kind: &EntityKind| kind.name(lang, false);
        let many = |kind: &EntityKind| kind.name(lang, true);
        // Norwegian dates the Norwegian way; English ones as ISO 8601.
        let date = |d: &NaiveDate| match lang {
            Lang::Nb => i18n::date(*d),
            Lang::En => d.to_string(),
        };
        let nb = lang == Lang::Nb;
        match self {
            E::Unknown { kind, .. } if nb => format!("Fant ikke {} i denne saken", one(kind)),
            E::Unknown { kind, id } => format!("{} {id} does not exist in this case", one(kind)),
            E::Duplicate { kind, .. } if nb => {
                format!("{} finnes allerede i denne saken", one(kind))
            }
            E::Duplicate { kind, id } => format!("{} {id} already exists in this case", one(kind)),
            E::BadIndex { kind, .. } if nb => {
                format!("Ugyldig plassering i listen over {}", many(kind))
            }
            E::BadIndex { kind, index, len } => {
                format!(
                    "position {index} is outside the list of {len} {}",
                    many(kind)
                )
            }
            E::BeforePlanStart {
                what,
                date: day,
                plan_start,
            } => format!(
                "{} ({}) {} ({})",
                what.name(lang),
                date(day),
                lang.pick(
                    "er før planperioden starter",
                    "is before the plan period starts"
                ),
                date(plan_start)
            ),
            E::DateOrder {
                later,
                date: day,
                earlier,
                other,
            } => format!(
                "{} ({}) {} {} ({})",
                later.name(lang),
                date(day),
                lang.pick("er før", "is before"),
                earlier.name(lang),
                date(other)
            ),
            E::RatingOutOfRange(v) if nb => format!("Vurderingen må være fra 1 til 10, ikke {v}"),
            E::RatingOutOfRange(v) => format!("a rating is from 1 to 10, not {v}"),
            E::TextTooLong(n) if nb => {
                format!("Teksten er for lang ({n} tegn; høyst {MAX_TEXT_CHARS})")
            }
            E::TextTooLong(n) => {
                format!("the text is too long ({n} characters; at most {MAX_TEXT_CHARS})")
            }
            E::StillReferenced { kind, by } => {
                let by = match by {
                    Referrer::CoordinatorRole => {
                        lang.pick("koordinatorrollen", "the coordinator role")
                    }
                    Referrer::Entities(k) => many(k),
                };
                match lang {
                    Lang::Nb => format!(
                        "{} brukes fortsatt av {by}; fjern de koblingene først",
                        one(kind)
                    ),
                    Lang::En => format!(
                        "{} is still referred to by {by}; remove those references first",
                        one(kind)
                    ),
                }
            }
            E::Invalid(reason) => reason.text(lang).to_string(),
        }
    }
}

/// In English, for logs and developers; the user interface asks [`EditError::message`].
impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for EditError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
    }

    /// The wording users have seen, kept as it was when kinds were English strings.
    #[test]
    fn messages_keep_their_wording() {
        let cases = [
            (
                EditError::Unknown {
                    kind: EntityKind::Goal,
                    id: "g1".into(),
                },
                "Fant ikke målet i denne saken",
                "goal g1 does not exist in this case",
            ),
            (
                EditError::Duplicate {
                    kind: EntityKind::AgendaItem,
                    id: "i1".into(),
                },
                "saken finnes allerede i denne saken",
                "agenda item i1 already exists in this case",
            ),
            (
                EditError::BadIndex {
                    kind: EntityKind::Action,
                    index: 4,
                    len: 2,
                },
                "Ugyldig plassering i listen over tiltak",
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
            assert_eq!(error.to_string(), en);
        }
    }
}
