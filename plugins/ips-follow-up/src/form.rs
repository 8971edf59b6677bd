//! The IPS follow-up form, as data.

use ansvar_plugin_api::prelude::*;

pub const JOB_GOAL: &str = "job-goal";
pub const DISCLOSURE: &str = "disclosure";
pub const DISCLOSURE_DETAILS: &str = "disclosure-details";
pub const CONTACTS: &str = "employer-contacts";
pub const CONTACT_DATE: &str = "date";
pub const CONTACT_EMPLOYER: &str = "employer";
pub const CONTACT_TYPE: &str = "contact-type";
pub const CONTACT_OUTCOME: &str = "outcome";
pub const CONTACT_NOTES: &str = "notes";
pub const JOB_STARTED: &str = "job-started";
pub const START_DATE: &str = "start-date";
pub const START_EMPLOYER: &str = "start-employer";
pub const POSITION: &str = "position";
pub const HOURS: &str = "hours-per-week";
pub const WAGE: &str = "hourly-wage";
pub const WEEKLY_SUPPORT: &str = "weekly-support";
pub const SUPPORT_TIME: &str = "support-time";
pub const SUPPORT_NOTES: &str = "support-notes";
pub const BENEFITS_DATE: &str = "benefits-counselling-date";
pub const BENEFITS_TOPICS: &str = "benefits-topics";
pub const BENEFITS_NOTES: &str = "benefits-notes";

pub fn disclosure_options() -> Vec<ChoiceOption> {
    vec![
        opt(
            "full",
            "Arbeidsgiver kan få vite om helseutfordringene",
            "The employer may know about the health challenges",
        ),
        opt(
            "partial",
            "Arbeidsgiver kan få vite noe (avtalt)",
            "The employer may know some things (agreed)",
        ),
        opt(
            "none",
            "Arbeidsgiver skal ikke få vite noe",
            "The employer is not to be told anything",
        ),
        opt("undecided", "Ikke avklart ennå", "Not decided yet"),
    ]
}

pub fn contact_type_options() -> Vec<ChoiceOption> {
    vec![
        opt("visit", "Besøk hos arbeidsgiver", "Visit to the employer"),
        opt("phone", "Telefon", "Phone"),
        opt("email", "E-post", "Email"),
        opt("interview", "Jobbintervju", "Job interview"),
        opt("work-trial", "Arbeidsutprøving", "Work trial"),
    ]
}

pub fn outcome_options() -> Vec<ChoiceOption> {
    vec![
        opt("no-opening", "Ingen ledig stilling nå", "No opening now"),
        opt("follow-up", "Ny kontakt avtalt", "Follow-up agreed"),
        opt("interview", "Intervju avtalt", "Interview agreed"),
        opt("work-trial", "Arbeidsutprøving avtalt", "Work trial agreed"),
        opt("job-offer", "Tilbud om jobb", "Job offer"),
        opt("declined", "Avslag", "Declined"),
    ]
}

pub fn benefits_topic_options() -> Vec<ChoiceOption> {
    vec![
        opt(
            "aap",
            "Arbeidsavklaringspenger (AAP)",
            "Work assessment allowance (AAP)",
        ),
        opt("disability", "Uføretrygd", "Disability benefit"),
        opt(
            "social-assistance",
            "Økonomisk sosialhjelp",
            "Financial social assistance",
        ),
        opt("housing-allowance", "Bostøtte", "Housing allowance"),
        opt("tax", "Skatt og frikort", "Tax and tax-free card"),
        opt("other", "Annet", "Other"),
    ]
}

pub fn definition() -> FormDefinition {
    let started = || Condition::yes_no(JOB_STARTED, true);
    FormDefinition::new(loc("IPS jobboppfølging", "IPS job follow-up"))
        .section(
            Section::new("goal", loc("Jobbmål", "Job goal")).field(
                Field::new(JOB_GOAL, loc("Jobbmål", "Job goal"), kind::long_text())
                    .required()
                    .help(
                        "Hva slags jobb ønsker personen? Bruk personens egne ord.",
                        "What kind of job does the person want? Use the person's own words.",
                    ),
            ),
        )
        .section(
            Section::new(
                "disclosure",
                loc("Åpenhet overfor arbeidsgiver", "Disclosure to employers"),
            )
            .help(
                "Personen bestemmer hva arbeidsgivere skal få vite.",
                "The person decides what employers are told.",
            )
            .field(
                Field::new(
                    DISCLOSURE,
                    loc(
                        "Hva ønsker personen at arbeidsgiver skal vite?",
                        "What does the person want the employer to know?",
                    ),
                    kind::single_choice(disclosure_options()),
                )
                .required(),
            )
            .field(
                Field::new(
                    DISCLOSURE_DETAILS,
                    loc(
                        "Hva kan deles, og av hvem?",
                        "What may be shared, and by whom?",
                    ),
                    kind::long_text(),
                )
                .show_when(Condition::one_of(DISCLOSURE, &["full", "partial"])),
            ),
        )
        .section(
            Section::new(
                "contacts",
                loc("Arbeidsgiverkontakter", "Employer contacts"),
            )
            .field(
                Field::new(
                    CONTACTS,
                    loc("Kontaktlogg", "Contact log"),
                    kind::group(
                        loc("Ny kontakt", "New contact"),
                        vec![
                            SubField::new(CONTACT_DATE, loc("Dato", "Date"), kind::date())
                                .required(),
                            SubField::new(
                                CONTACT_EMPLOYER,
                                loc("Arbeidsgiver", "Employer"),
                                kind::short_text(),
                            )
                            .required(),
                            SubField::new(
                                CONTACT_TYPE,
                                loc("Type kontakt", "Type of contact"),
                                kind::single_choice(contact_type_options()),
                            )
                            .required(),
                            SubField::new(
                                CONTACT_OUTCOME,
                                loc("Utfall", "Outcome"),
                                kind::single_choice(outcome_options()),
                            ),
                            SubField::new(CONTACT_NOTES, loc("Notat", "Note"), kind::short_text()),
                        ],
                    ),
                )
                .help(
                    "Én rad per kontakt med en arbeidsgiver, også når personen ikke var med.",
                    "One row per contact with an employer, also when the person was not there.",
                ),
            ),
        )
        .section(
            Section::new("job-start", loc("Jobbstart", "Job start"))
                .field(Field::new(
                    JOB_STARTED,
                    loc(
                        "Har personen startet i jobb?",
                        "Has the person started a job?",
                    ),
                    kind::yes_no(),
                ))
                .field(
                    Field::new(START_DATE, loc("Startdato", "Start date"), kind::date())
                        .required()
                        .show_when(started()),
                )
                .field(
                    Field::new(
                        START_EMPLOYER,
                        loc("Arbeidsgiver", "Employer"),
                        kind::short_text(),
                    )
                    .required()
                    .show_when(started()),
                )
                .field(
                    Field::new(
                        POSITION,
                        loc("Stilling og arbeidsoppgaver", "Position and tasks"),
                        kind::short_text(),
                    )
                    .show_when(started()),
                )
                .field(
                    Field::new(
                        HOURS,
                        loc("Timer per uke", "Hours per week"),
                        kind::number(NumberSpec::range(1.0, 60.0).unit("t/uke", "h/week")),
                    )
                    .show_when(started()),
                )
                .field(
                    Field::new(
                        WAGE,
                        loc("Timelønn", "Hourly wage"),
                        kind::number(NumberSpec::at_least(0.0).unit("kr/t", "NOK/h")),
                    )
                    .show_when(started()),
                ),
        )
        .section(
            Section::new(
                "first-month",
                loc("Oppfølging første måned", "Support in the first month"),
            )
            .show_when(started())
            .field(Field::new(
                WEEKLY_SUPPORT,
                loc(
                    "Ukentlig oppfølging av jobbspesialist",
                    "Weekly support from the employment specialist",
                ),
                kind::yes_no(),
            ))
            .field(
                Field::new(
                    SUPPORT_TIME,
                    loc(
                        "Fast tidspunkt for oppfølgingen",
                        "Regular time of the support",
                    ),
                    kind::time_of_day(),
                )
                .help(
                    "For eksempel 09:30, så personen vet når jobbspesialisten kommer.",
                    "For example 09:30, so the person knows when the specialist comes.",
                )
                .show_when(Condition::yes_no(WEEKLY_SUPPORT, true)),
            )
            .field(Field::new(
                SUPPORT_NOTES,
                loc(
                    "Hvordan går det? Hva er avtalt med arbeidsgiver?",
                    "How is it going? What is agreed with the employer?",
                ),
                kind::long_text(),
            )),
        )
        .section(
            Section::new(
                "benefits",
                loc(
                    "Veiledning om ytelser med NAV-veileder",
                    "Benefits counselling with the NAV advisor",
                ),
            )
            .help(
                "Hvordan påvirker lønn ytelsene personen har i dag?",
                "How will wages affect the benefits the person has today?",
            )
            .field(Field::new(
                BENEFITS_DATE,
                loc("Dato for veiledning", "Date of counselling"),
                kind::date(),
            ))
            .field(Field::new(
                BENEFITS_TOPICS,
                loc("Ytelser som ble gjennomgått", "Benefits covered"),
                kind::multiple_choice(benefits_topic_options()),
            ))
            .field(Field::new(
                BENEFITS_NOTES,
                loc("Notat", "Notes"),
                kind::long_text(),
            )),
        )
}
