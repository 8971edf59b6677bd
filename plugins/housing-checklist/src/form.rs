//! The housing-office checklist, as data.

use ansvar_plugin_api::prelude::*;

pub const CONTRACT_TYPE: &str = "contract-type";
pub const CONTRACT_EXPIRES: &str = "contract-expires";
pub const MONTHLY_RENT: &str = "monthly-rent";
pub const RENT_ARREARS: &str = "rent-arrears";
pub const ARREARS_AMOUNT: &str = "arrears-amount";
pub const REPAYMENT_AGREEMENT: &str = "repayment-agreement";
pub const RENT_DEDUCTION: &str = "rent-deduction";
pub const HOUSING_ALLOWANCE: &str = "housing-allowance";
pub const START_LOAN: &str = "start-loan";
pub const FOLLOW_UP: &str = "follow-up-frequency";
pub const TRAINING: &str = "practical-training";
pub const TRAINING_NOTES: &str = "training-notes";
pub const NEIGHBOURS: &str = "neighbour-relations";
pub const COMPLAINTS: &str = "complaints-count";
pub const NOTES: &str = "notes";

/// Contract types with a rent and (possibly) an end date.
pub const RENTED: &[&str] = &["municipal", "private", "supported"];

pub fn contract_type_options() -> Vec<ChoiceOption> {
    vec![
        opt(
            "municipal",
            "Kommunal utleiebolig",
            "Municipal rental housing",
        ),
        opt("private", "Privat leieforhold", "Private rental"),
        opt(
            "supported",
            "Omsorgsbolig / bofellesskap",
            "Supported housing / shared housing",
        ),
        opt(
            "temporary",
            "Midlertidig botilbud",
            "Temporary accommodation",
        ),
        opt("owned", "Eier selv", "Owner-occupied"),
        opt("none", "Ingen fast bolig", "No permanent home"),
    ]
}

pub fn allowance_options() -> Vec<ChoiceOption> {
    vec![
        opt("granted", "Innvilget", "Granted"),
        opt(
            "applied",
            "Søkt, venter på svar",
            "Applied, awaiting decision",
        ),
        opt("not-applied", "Ikke søkt", "Not applied for"),
        opt("rejected", "Avslått", "Rejected"),
        opt("not-relevant", "Ikke aktuelt", "Not relevant"),
    ]
}

pub fn start_loan_options() -> Vec<ChoiceOption> {
    vec![
        opt("granted", "Innvilget", "Granted"),
        opt(
            "applied",
            "Søkt, venter på svar",
            "Applied, awaiting decision",
        ),
        opt("considering", "Vurderes", "Being considered"),
        opt("rejected", "Avslått", "Rejected"),
        opt("not-relevant", "Ikke aktuelt", "Not relevant"),
    ]
}

pub fn follow_up_options() -> Vec<ChoiceOption> {
    vec![
        opt("none", "Ingen", "None"),
        opt("monthly", "Månedlig", "Monthly"),
        opt("biweekly", "Annenhver uke", "Every other week"),
        opt("weekly", "Ukentlig", "Weekly"),
        opt(
            "several-weekly",
            "Flere ganger i uken",
            "Several times a week",
        ),
    ]
}

pub fn training_options() -> Vec<ChoiceOption> {
    vec![
        opt("cleaning", "Renhold", "Cleaning"),
        opt("cooking", "Matlaging", "Cooking"),
        opt("bills", "Økonomi og regninger", "Money and bills"),
        opt("laundry", "Klesvask", "Laundry"),
        opt("waste", "Avfall og kildesortering", "Waste and recycling"),
        opt("shopping", "Innkjøp", "Shopping"),
        opt("maintenance", "Enkelt vedlikehold", "Simple maintenance"),
    ]
}

pub fn neighbour_options() -> Vec<ChoiceOption> {
    vec![
        opt("good", "Gode", "Good"),
        opt("minor-issues", "Noen små utfordringer", "Some minor issues"),
        opt(
            "complaints",
            "Klager fra naboer",
            "Complaints from neighbours",
        ),
        opt(
            "written-warning",
            "Skriftlig advarsel fra utleier",
            "Written warning from the landlord",
        ),
    ]
}

pub fn definition() -> FormDefinition {
    let arrears = || Condition::yes_no(RENT_ARREARS, true);
    FormDefinition::new(loc(
        "Sjekkliste fra boligkontoret",
        "Housing-office checklist",
    ))
    .section(
        Section::new("tenancy", loc("Leieforhold", "Tenancy"))
            .field(
                Field::new(
                    CONTRACT_TYPE,
                    loc("Boform og kontrakt", "Type of home and contract"),
                    kind::single_choice(contract_type_options()),
                )
                .required(),
            )
            .field(
                Field::new(
                    CONTRACT_EXPIRES,
                    loc("Kontrakten utløper", "Contract expires"),
                    kind::date(),
                )
                .help(
                    "La stå tom ved tidsubestemt kontrakt.",
                    "Leave empty for an open-ended contract.",
                )
                .show_when(Condition::one_of(CONTRACT_TYPE, RENTED)),
            )
            .field(
                Field::new(
                    MONTHLY_RENT,
                    loc("Månedsleie", "Monthly rent"),
                    kind::number(NumberSpec::at_least(0.0).unit("kr/mnd", "NOK/month")),
                )
                .show_when(Condition::one_of(
                    CONTRACT_TYPE,
                    &["municipal", "private", "supported", "temporary"],
                )),
            ),
    )
    .section(
        Section::new("finances", loc("Husleie og økonomi", "Rent and finances"))
            .field(
                Field::new(
                    RENT_ARREARS,
                    loc("Husleierestanse", "Rent arrears"),
                    kind::yes_no(),
                )
                .required(),
            )
            .field(
                Field::new(
                    ARREARS_AMOUNT,
                    loc("Restansebeløp", "Amount in arrears"),
                    kind::number(NumberSpec::at_least(0.0).unit("kr", "NOK")),
                )
                .required()
                .show_when(arrears()),
            )
            .field(
                Field::new(
                    REPAYMENT_AGREEMENT,
                    loc("Nedbetalingsavtale inngått", "Repayment agreement in place"),
                    kind::yes_no(),
                )
                .show_when(arrears()),
            )
            .field(Field::new(
                RENT_DEDUCTION,
                loc(
                    "Husleien trekkes direkte fra ytelse eller lønn",
                    "Rent is deducted directly from benefits or wages",
                ),
                kind::yes_no(),
            ))
            .field(Field::new(
                HOUSING_ALLOWANCE,
                loc("Bostøtte", "Housing allowance"),
                kind::single_choice(allowance_options()),
            ))
            .field(Field::new(
                START_LOAN,
                loc("Startlån", "Start-up loan"),
                kind::single_choice(start_loan_options()),
            )),
    )
    .section(
        Section::new("home", loc("Oppfølging i hjemmet", "Follow-up in the home"))
            .field(Field::new(
                FOLLOW_UP,
                loc(
                    "Hvor ofte er det oppfølging i hjemmet?",
                    "How often is there home follow-up?",
                ),
                kind::single_choice(follow_up_options()),
            ))
            .field(Field::new(
                TRAINING,
                loc(
                    "Praktisk opplæring i hjemmet",
                    "Practical training in the home",
                ),
                kind::multiple_choice(training_options()),
            ))
            .field(
                Field::new(
                    TRAINING_NOTES,
                    loc("Om opplæringen", "About the training"),
                    kind::long_text(),
                )
                .show_when(Condition::answered(TRAINING)),
            ),
    )
    .section(
        Section::new("neighbours", loc("Naboforhold", "Neighbour relations"))
            .field(
                Field::new(
                    NEIGHBOURS,
                    loc(
                        "Hvordan er forholdet til naboene?",
                        "How are relations with the neighbours?",
                    ),
                    kind::single_choice(neighbour_options()),
                )
                .required(),
            )
            .field(
                Field::new(
                    COMPLAINTS,
                    loc(
                        "Antall klager siste 12 måneder",
                        "Complaints in the last 12 months",
                    ),
                    kind::number(NumberSpec::range(0.0, 999.0).integer()),
                )
                .show_when(Condition::one_of(
                    NEIGHBOURS,
                    &["complaints", "written-warning"],
                )),
            ),
    )
    .section(
        Section::new("notes", loc("Notater", "Notes")).field(Field::new(
            NOTES,
            loc("Andre forhold", "Other matters"),
            kind::long_text(),
        )),
    )
}
