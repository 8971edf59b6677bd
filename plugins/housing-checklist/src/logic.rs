//! Eviction risk, domain rules and summary of the housing checklist. Plain
//! functions over the JSON data: no wasm needed to test them.

use ansvar_plugin_api::prelude::*;

use crate::form::*;

/// How close a contract's end date counts as "expiring soon".
pub const EXPIRY_WARNING_MONTHS: i32 = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    pub fn label(self) -> Localized {
        match self {
            Level::Low => loc("lav", "low"),
            Level::Medium => loc("middels", "medium"),
            Level::High => loc("høy", "high"),
        }
    }

    pub fn tone(self) -> Tone {
        match self {
            Level::Low => Tone::Good,
            Level::Medium => Tone::Caution,
            Level::High => Tone::Alert,
        }
    }

    fn weight(self) -> u32 {
        match self {
            Level::Low => 0,
            Level::Medium => 1,
            Level::High => 2,
        }
    }

    fn lower(self) -> Level {
        match self {
            Level::High => Level::Medium,
            _ => Level::Low,
        }
    }
}

/// One thing that raises the risk, and how much.
#[derive(Clone, Debug, PartialEq)]
pub struct Factor {
    pub level: Level,
    pub reason: Localized,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Risk {
    pub level: Level,
    /// Sum of the factors' weights (medium 1, high 2).
    pub score: u32,
    pub factors: Vec<Factor>,
}

/// Arrears measured in months of rent, when both are known.
pub fn arrears_months(data: Record<'_>) -> Option<f64> {
    if !data.is_yes(RENT_ARREARS) {
        return None;
    }
    let amount = data.number(ARREARS_AMOUNT)?;
    let rent = data.number(MONTHLY_RENT).filter(|r| *r > 0.0)?;
    Some(amount / rent)
}

/// The eviction risk: high if any factor is high or the factors add up to 3 or
/// more; medium if there is any factor; low otherwise.
pub fn eviction_risk(data: Record<'_>, today: Option<Date>) -> Risk {
    let mut factors = Vec::new();
    let mut add = |level: Level, reason: Localized| {
        if level > Level::Low {
            factors.push(Factor { level, reason });
        }
    };

    // Rent arrears.
    if data.is_yes(RENT_ARREARS) {
        let agreement = data.is_yes(REPAYMENT_AGREEMENT);
        let (suffix_nb, suffix_en) = if agreement {
            (
                "; nedbetalingsavtale inngått",
                "; repayment agreement in place",
            )
        } else {
            ("", "")
        };
        match data.number(ARREARS_AMOUNT).filter(|a| *a > 0.0) {
            None => add(
                Level::Medium,
                loc(
                    "Husleierestanse registrert (beløp ikke oppgitt)",
                    "Rent arrears recorded (amount not given)",
                ),
            ),
            Some(amount) => {
                let (level, nb, en) = match arrears_months(data) {
                    Some(months) if months > 1.0 => (
                        Level::High,
                        format!(
                            "Restanse {} er mer enn én måneds leie (ca. {} måneder)",
                            fmt::nok_nb(amount),
                            fmt::number_nb(months, 1)
                        ),
                        format!(
                            "Arrears of {} exceed one month's rent (about {} months)",
                            fmt::nok_en(amount),
                            fmt::number_en(months, 1)
                        ),
                    ),
                    Some(_) => (
                        Level::Medium,
                        format!("Restanse {} (inntil én måneds leie)", fmt::nok_nb(amount)),
                        format!(
                            "Arrears of {} (up to one month's rent)",
                            fmt::nok_en(amount)
                        ),
                    ),
                    None => (
                        Level::Medium,
                        format!("Restanse {} (månedsleie ikke oppgitt)", fmt::nok_nb(amount)),
                        format!(
                            "Arrears of {} (monthly rent not given)",
                            fmt::nok_en(amount)
                        ),
                    ),
                };
                let level = if agreement { level.lower() } else { level };
                add(level, loc(nb + suffix_nb, en + suffix_en));
            }
        }
    }

    // Neighbour relations.
    let complaints = data.number(COMPLAINTS).filter(|n| *n > 0.0);
    let count_nb = complaints.map_or(String::new(), |n| format!(" ({})", fmt::compact_nb(n)));
    let count_en = complaints.map_or(String::new(), |n| format!(" ({})", fmt::compact_en(n)));
    match data.choice(NEIGHBOURS) {
        Some("written-warning") => add(
            Level::High,
            loc(
                format!("Skriftlig advarsel fra utleier om naboforhold{count_nb}"),
                format!("Written warning from the landlord about neighbour relations{count_en}"),
            ),
        ),
        Some("complaints") => add(
            Level::Medium,
            loc(
                format!("Klager fra naboer{count_nb}"),
                format!("Complaints from neighbours{count_en}"),
            ),
        ),
        _ => {}
    }

    // The contract.
    match data.choice(CONTRACT_TYPE) {
        Some("none") => add(Level::High, loc("Ingen fast bolig", "No permanent home")),
        Some("temporary") => add(
            Level::Medium,
            loc("Midlertidig botilbud", "Temporary accommodation"),
        ),
        Some(kind) if RENTED.contains(&kind) => {
            if let (Some(expires), Some(today)) = (data.date(CONTRACT_EXPIRES), today) {
                if expires < today {
                    add(
                        Level::High,
                        loc(
                            format!("Kontrakten utløp {}", expires.nb_long()),
                            format!("The contract expired on {}", expires.en_long()),
                        ),
                    );
                } else if expires <= today.add_months(EXPIRY_WARNING_MONTHS) {
                    add(
                        Level::Medium,
                        loc(
                            format!(
                                "Kontrakten utløper {} (innen {EXPIRY_WARNING_MONTHS} måneder)",
                                expires.nb_long()
                            ),
                            format!(
                                "The contract expires on {} (within {EXPIRY_WARNING_MONTHS} months)",
                                expires.en_long()
                            ),
                        ),
                    );
                }
            }
        }
        _ => {}
    }

    let score: u32 = factors.iter().map(|f| f.level.weight()).sum();
    let level = if factors.iter().any(|f| f.level == Level::High) || score >= 3 {
        Level::High
    } else if score >= 1 {
        Level::Medium
    } else {
        Level::Low
    };
    Risk {
        level,
        score,
        factors,
    }
}

pub fn validate(data: Record<'_>, context: &CaseContext) -> Vec<FieldMessage> {
    let mut out = Vec::new();
    let rented = data
        .choice(CONTRACT_TYPE)
        .is_some_and(|k| RENTED.contains(&k));
    if rented
        && let (Some(expires), Some(today)) = (data.date(CONTRACT_EXPIRES), context.today_date())
        && expires < today
    {
        out.push(FieldMessage::warning(
            CONTRACT_EXPIRES,
            "Kontrakten er utløpt. Er det inngått en ny?",
            "The contract has expired. Has a new one been signed?",
        ));
    }
    if data.is_yes(RENT_ARREARS) && data.number(ARREARS_AMOUNT) == Some(0.0) {
        out.push(FieldMessage::warning(
            ARREARS_AMOUNT,
            "Beløpet er 0, men det er krysset av for restanse.",
            "The amount is 0, but arrears are ticked.",
        ));
    }
    if data.is_yes(RENT_ARREARS) && data.choice(HOUSING_ALLOWANCE) == Some("not-applied") {
        out.push(FieldMessage::info(
            HOUSING_ALLOWANCE,
            "Vurder å søke bostøtte når det er husleierestanse.",
            "Consider applying for housing allowance when there are rent arrears.",
        ));
    }
    if matches!(
        data.choice(NEIGHBOURS),
        Some("complaints" | "written-warning")
    ) && data.number(COMPLAINTS) == Some(0.0)
    {
        out.push(FieldMessage::warning(
            COMPLAINTS,
            "Antall klager er 0, men det er registrert klager eller advarsel.",
            "The number of complaints is 0, but complaints or a warning are recorded.",
        ));
    }
    if data.number(MONTHLY_RENT).is_some_and(|r| r > 50_000.0) {
        out.push(FieldMessage::warning(
            MONTHLY_RENT,
            "Uvanlig høy månedsleie. Kontroller beløpet.",
            "Unusually high monthly rent. Please check the amount.",
        ));
    }
    out
}

/// The option label for `value`, lower-cased for use mid-sentence.
fn label(options: &[ChoiceOption], value: Option<&str>) -> Option<(String, String)> {
    let label = label_of(options, value?)?;
    Some((fmt::lower_first(&label.nb), fmt::lower_first(&label.en)))
}

pub fn summarize(data: Record<'_>, context: &CaseContext) -> Vec<SummaryLine> {
    let mut lines = Vec::new();
    let today = context.today_date();

    // Contract.
    if let Some(contract) = label_of(
        &contract_type_options(),
        data.choice(CONTRACT_TYPE).unwrap_or(""),
    ) {
        let mut nb = contract.nb.clone();
        let mut en = contract.en.clone();
        if data
            .choice(CONTRACT_TYPE)
            .is_some_and(|k| RENTED.contains(&k))
        {
            match data.date(CONTRACT_EXPIRES) {
                Some(expires) if today.is_some_and(|t| expires < t) => {
                    nb.push_str(&format!("; kontrakten utløp {}", expires.nb_long()));
                    en.push_str(&format!("; contract expired on {}", expires.en_long()));
                }
                Some(expires) => {
                    nb.push_str(&format!("; kontrakten utløper {}", expires.nb_long()));
                    en.push_str(&format!("; contract expires on {}", expires.en_long()));
                }
                None => {
                    nb.push_str("; tidsubestemt kontrakt");
                    en.push_str("; open-ended contract");
                }
            }
        }
        if let Some(rent) = data.number(MONTHLY_RENT) {
            nb.push_str(&format!("; leie {}/mnd", fmt::nok_nb(rent)));
            en.push_str(&format!("; rent {}/month", fmt::nok_en(rent)));
        }
        lines.push(SummaryLine::new(nb, en));
    }

    // Arrears and support schemes.
    match data.yes_no(RENT_ARREARS) {
        Some(true) => {
            let (mut nb, mut en) = match data.number(ARREARS_AMOUNT) {
                Some(amount) => (
                    format!("Husleierestanse {}", fmt::nok_nb(amount)),
                    format!("Rent arrears {}", fmt::nok_en(amount)),
                ),
                None => ("Husleierestanse".to_string(), "Rent arrears".to_string()),
            };
            if let Some(months) = arrears_months(data) {
                nb.push_str(&format!(
                    " (ca. {} måneders leie)",
                    fmt::number_nb(months, 1)
                ));
                en.push_str(&format!(
                    " (about {} months' rent)",
                    fmt::number_en(months, 1)
                ));
            }
            if data.is_yes(REPAYMENT_AGREEMENT) {
                nb.push_str("; nedbetalingsavtale inngått");
                en.push_str("; repayment agreement in place");
            }
            lines.push(SummaryLine::new(nb, en));
        }
        Some(false) => lines.push(SummaryLine::new("Ingen husleierestanse", "No rent arrears")),
        None => {}
    }
    let allowance = label(&allowance_options(), data.choice(HOUSING_ALLOWANCE));
    let loan = label(&start_loan_options(), data.choice(START_LOAN));
    let mut parts_nb = Vec::new();
    let mut parts_en = Vec::new();
    if let Some((nb, en)) = allowance {
        parts_nb.push(format!("bostøtte: {nb}"));
        parts_en.push(format!("housing allowance: {en}"));
    }
    if let Some((nb, en)) = loan {
        parts_nb.push(format!("startlån: {nb}"));
        parts_en.push(format!("start-up loan: {en}"));
    }
    if data.is_yes(RENT_DEDUCTION) {
        parts_nb.push("husleien trekkes direkte".to_string());
        parts_en.push("rent deducted directly".to_string());
    }
    if !parts_nb.is_empty() {
        lines.push(SummaryLine::new(
            fmt_sentence(&parts_nb.join("; ")),
            fmt_sentence(&parts_en.join("; ")),
        ));
    }

    // Home follow-up and training.
    let mut parts_nb = Vec::new();
    let mut parts_en = Vec::new();
    if let Some((nb, en)) = label(&follow_up_options(), data.choice(FOLLOW_UP)) {
        parts_nb.push(format!("Oppfølging i hjemmet: {nb}"));
        parts_en.push(format!("Home follow-up: {en}"));
    }
    let training = training_options();
    let topics: Vec<&Localized> = data
        .choices(TRAINING)
        .into_iter()
        .filter_map(|v| label_of(&training, v))
        .collect();
    if !topics.is_empty() {
        let nb: Vec<String> = topics.iter().map(|l| fmt::lower_first(&l.nb)).collect();
        let en: Vec<String> = topics.iter().map(|l| fmt::lower_first(&l.en)).collect();
        parts_nb.push(format!("praktisk opplæring: {}", nb.join(", ")));
        parts_en.push(format!("practical training: {}", en.join(", ")));
    }
    if !parts_nb.is_empty() {
        lines.push(SummaryLine::new(
            fmt_sentence(&parts_nb.join("; ")),
            fmt_sentence(&parts_en.join("; ")),
        ));
    }

    // Neighbours.
    if let Some((nb, en)) = label(&neighbour_options(), data.choice(NEIGHBOURS)) {
        let count = data.number(COMPLAINTS).filter(|n| *n > 0.0);
        let (cnb, cen) = count.map_or((String::new(), String::new()), |n| {
            (
                format!(" ({} klager)", fmt::compact_nb(n)),
                format!(" ({} complaints)", fmt::compact_en(n)),
            )
        });
        lines.push(SummaryLine::new(
            format!("Naboforhold: {nb}{cnb}"),
            format!("Neighbour relations: {en}{cen}"),
        ));
    }

    // Risk, with its reasons.
    let risk = eviction_risk(data, today);
    let label = risk.level.label();
    let reasons_nb: Vec<String> = risk
        .factors
        .iter()
        .map(|f| fmt::lower_first(&f.reason.nb))
        .collect();
    let reasons_en: Vec<String> = risk
        .factors
        .iter()
        .map(|f| fmt::lower_first(&f.reason.en))
        .collect();
    let (why_nb, why_en) = if reasons_nb.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(" – {}", reasons_nb.join("; ")),
            format!(" – {}", reasons_en.join("; ")),
        )
    };
    lines.push(SummaryLine::new(
        format!("Risiko for utkastelse: {}{why_nb}", label.nb),
        format!("Eviction risk: {}{why_en}", label.en),
    ));

    // Case data the manifest asked for (only present if the user approved it).
    if let Some(goal) = context.goals_in(LifeDomain::Housing).next() {
        let text = fmt::truncate(&goal.text, 100);
        lines.push(SummaryLine::new(
            format!("Boligmål i planen: «{text}»"),
            format!("Housing goal in the plan: \"{text}\""),
        ));
    }
    lines
}

/// Capitalises the first letter of a line assembled from lower-case parts.
fn fmt_sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn computed(data: Record<'_>, context: &CaseContext) -> Vec<ComputedValue> {
    let risk = eviction_risk(data, context.today_date());
    let mut value = ComputedValue::new(
        "eviction-risk",
        loc("Risiko for utkastelse", "Eviction risk"),
        risk.level.label(),
    )
    .number(f64::from(risk.score))
    .tone(risk.level.tone());
    if risk.factors.is_empty() {
        value = value.reason(loc(
            "Ingen kjente risikofaktorer i sjekklisten",
            "No known risk factors in the checklist",
        ));
    }
    for factor in risk.factors {
        value = value.reason(factor.reason);
    }
    let mut out = vec![value];
    if let Some(months) = arrears_months(data) {
        out.push(
            ComputedValue::new(
                "arrears-months",
                loc("Restanse i måneders leie", "Arrears in months of rent"),
                loc(fmt::number_nb(months, 1), fmt::number_en(months, 1)),
            )
            .number(months)
            .tone(if months > 1.0 {
                Tone::Alert
            } else {
                Tone::Caution
            }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HousingChecklist;
    use ansvar_plugin_api::run_validate;

    const TODAY: &str = "2025-10-20";

    fn ctx() -> CaseContext {
        CaseContext::today_only(TODAY)
    }

    fn parse(json: &str) -> FormData {
        FormData::parse(json).expect("test data is valid JSON")
    }

    fn risk(json: &str) -> Risk {
        eviction_risk(parse(json).record(), ctx().today_date())
    }

    const CALM: &str = r#"{
        "contract-type": "municipal",
        "monthly-rent": 9000,
        "rent-arrears": false,
        "housing-allowance": "granted",
        "start-loan": "not-relevant",
        "follow-up-frequency": "weekly",
        "practical-training": ["cooking", "bills"],
        "neighbour-relations": "good"
    }"#;

    const TROUBLED: &str = r#"{
        "contract-type": "private",
        "contract-expires": "2025-12-31",
        "monthly-rent": 9000,
        "rent-arrears": true,
        "arrears-amount": 12500,
        "housing-allowance": "not-applied",
        "neighbour-relations": "complaints",
        "complaints-count": 2
    }"#;

    #[test]
    fn calm_case_is_low_risk_and_valid() {
        let r = risk(CALM);
        assert_eq!(r.level, Level::Low);
        assert!(r.factors.is_empty());
        assert_eq!(run_validate::<HousingChecklist>(CALM, &ctx()), vec![]);
        let lines = summarize(parse(CALM).record(), &ctx());
        let nb: Vec<&str> = lines.iter().map(|l| l.text.nb.as_str()).collect();
        assert_eq!(
            nb,
            vec![
                "Kommunal utleiebolig; tidsubestemt kontrakt; leie 9 000 kr/mnd",
                "Ingen husleierestanse",
                "Bostøtte: innvilget; startlån: ikke aktuelt",
                "Oppfølging i hjemmet: ukentlig; praktisk opplæring: matlaging, økonomi og regninger",
                "Naboforhold: gode",
                "Risiko for utkastelse: lav",
            ]
        );
    }

    #[test]
    fn arrears_over_a_month_complaints_and_expiry_are_high() {
        let r = risk(TROUBLED);
        assert_eq!(r.level, Level::High);
        assert_eq!(r.score, 4);
        let reasons: Vec<&str> = r.factors.iter().map(|f| f.reason.en.as_str()).collect();
        assert_eq!(
            reasons,
            vec![
                "Arrears of NOK 12,500 exceed one month's rent (about 1.4 months)",
                "Complaints from neighbours (2)",
                "The contract expires on 31 Dec 2025 (within 3 months)",
            ]
        );
        let values = computed(parse(TROUBLED).record(), &ctx());
        assert_eq!(values[0].value.nb, "høy");
        assert_eq!(values[0].tone, Tone::Alert);
        assert_eq!(values[0].reasons.len(), 3);
        assert_eq!(values[1].id, "arrears-months");
        let lines = summarize(parse(TROUBLED).record(), &ctx());
        assert_eq!(
            lines[1].text.nb,
            "Husleierestanse 12 500 kr (ca. 1,4 måneders leie)"
        );
        assert!(lines.iter().any(|l| {
            l.text
                .en
                .starts_with("Eviction risk: high – arrears of NOK 12,500 exceed one month's rent")
        }));
    }

    #[test]
    fn medium_levels_and_mitigation() {
        // Small arrears only: medium.
        let r = risk(
            r#"{"contract-type":"municipal","monthly-rent":9000,"rent-arrears":true,
                "arrears-amount":3000,"neighbour-relations":"good"}"#,
        );
        assert_eq!(r.level, Level::Medium);
        // Large arrears with a repayment agreement: medium, and said so.
        let r = risk(
            r#"{"contract-type":"municipal","monthly-rent":9000,"rent-arrears":true,
                "arrears-amount":30000,"repayment-agreement":true,"neighbour-relations":"good"}"#,
        );
        assert_eq!(r.level, Level::Medium);
        assert!(
            r.factors[0]
                .reason
                .nb
                .ends_with("nedbetalingsavtale inngått")
        );
        // Three medium factors add up to high.
        let r = risk(
            r#"{"contract-type":"temporary","rent-arrears":true,"neighbour-relations":"complaints"}"#,
        );
        assert_eq!((r.level, r.score), (Level::High, 3));
        // Expired contract: high.
        let r = risk(
            r#"{"contract-type":"private","contract-expires":"2025-10-01","rent-arrears":false,
                "neighbour-relations":"good"}"#,
        );
        assert_eq!(r.level, Level::High);
        // Expiry beyond three months: low.
        let r = risk(
            r#"{"contract-type":"private","contract-expires":"2026-01-21","rent-arrears":false,
                "neighbour-relations":"good"}"#,
        );
        assert_eq!(r.level, Level::Low);
    }

    #[test]
    fn validation_messages() {
        let paths: Vec<(String, Severity)> = run_validate::<HousingChecklist>(TROUBLED, &ctx())
            .into_iter()
            .map(|m| (m.path, m.severity))
            .collect();
        assert_eq!(paths, vec![(HOUSING_ALLOWANCE.to_string(), Severity::Info)]);

        let json = r#"{"contract-type":"private","contract-expires":"2025-01-01",
                       "rent-arrears":true,"neighbour-relations":"written-warning",
                       "complaints-count":0}"#;
        let paths: Vec<String> = run_validate::<HousingChecklist>(json, &ctx())
            .into_iter()
            .map(|m| m.path)
            .collect();
        assert_eq!(paths, vec![ARREARS_AMOUNT, CONTRACT_EXPIRES, COMPLAINTS]);
    }

    #[test]
    fn garbage_never_panics() {
        for json in [
            "",
            "[]",
            "{",
            r#"{"monthly-rent":"mye","rent-arrears":"ja"}"#,
        ] {
            let _ = run_validate::<HousingChecklist>(json, &ctx());
            if let Ok(data) = FormData::parse(json) {
                let _ = summarize(data.record(), &CaseContext::today_only(""));
                let _ = computed(data.record(), &CaseContext::today_only("x"));
            }
        }
    }
}
