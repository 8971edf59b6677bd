//! Domain rules, summary and computed values of the IPS follow-up form. Plain
//! functions over the JSON data: no wasm needed to test them.

use ansvar_plugin_api::prelude::*;

use crate::form::*;

/// How far back "recent" employer contacts are counted.
pub const RECENT_DAYS: i64 = 30;

/// One employer contact, as far as it could be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Contact<'a> {
    pub index: usize,
    pub date: Option<Date>,
    pub employer: Option<&'a str>,
    pub outcome: Option<&'a str>,
}

pub fn contacts<'a>(data: Record<'a>) -> Vec<Contact<'a>> {
    data.rows(CONTACTS)
        .into_iter()
        .enumerate()
        .map(|(index, row)| Contact {
            index,
            date: row.date(CONTACT_DATE),
            employer: row.text(CONTACT_EMPLOYER),
            outcome: row.choice(CONTACT_OUTCOME),
        })
        .collect()
}

/// The date of the earliest employer contact.
pub fn first_contact(data: Record<'_>) -> Option<Date> {
    contacts(data).iter().filter_map(|c| c.date).min()
}

/// Contacts dated within the last [`RECENT_DAYS`] days up to and including today.
pub fn recent_contacts(data: Record<'_>, today: Date) -> usize {
    contacts(data)
        .iter()
        .filter_map(|c| c.date)
        .filter(|d| (0..RECENT_DAYS).contains(&d.days_until(today)))
        .count()
}

pub fn validate(data: Record<'_>, context: &CaseContext) -> Vec<FieldMessage> {
    let mut out = Vec::new();
    let today = context.today_date();

    if let Some(today) = today {
        for contact in contacts(data) {
            if contact.date.is_some_and(|d| d > today) {
                out.push(FieldMessage::error(
                    FieldMessage::row_path(CONTACTS, contact.index, CONTACT_DATE),
                    "Datoen er frem i tid. Loggen gjelder kontakter som har funnet sted.",
                    "The date is in the future. The log is for contacts that have taken place.",
                ));
            }
        }
    }

    if data.is_yes(JOB_STARTED) {
        match (data.date(START_DATE), first_contact(data)) {
            (Some(start), Some(first)) if start < first => out.push(FieldMessage {
                path: START_DATE.to_string(),
                severity: Severity::Error,
                message: loc(
                    format!(
                        "Jobbstart kan ikke være før første arbeidsgiverkontakt ({}).",
                        first.nb_long()
                    ),
                    format!(
                        "The job cannot start before the first employer contact ({}).",
                        first.en_long()
                    ),
                ),
            }),
            _ => {}
        }
        if contacts(data).is_empty() {
            out.push(FieldMessage::warning(
                CONTACTS,
                "Ingen arbeidsgiverkontakter er registrert før jobbstart.",
                "No employer contacts are logged before the job start.",
            ));
        }
        if !data.is_answered(BENEFITS_DATE) {
            out.push(FieldMessage::warning(
                BENEFITS_DATE,
                "IPS anbefaler veiledning om ytelser før eller ved jobbstart.",
                "IPS recommends benefits counselling before or at the job start.",
            ));
        }
    }
    out
}

pub fn summarize(data: Record<'_>, context: &CaseContext) -> Vec<SummaryLine> {
    let mut lines = Vec::new();
    let today = context.today_date();
    let all = contacts(data);

    // "3 arbeidsgiverkontakter siste 30 dager; startet hos X 12.10, 20 t/uke"
    let (mut nb, mut en) = match today {
        Some(today) => {
            let n = recent_contacts(data, today);
            (
                format!(
                    "{n} {} siste {RECENT_DAYS} dager",
                    fmt::plural(n, "arbeidsgiverkontakt", "arbeidsgiverkontakter")
                ),
                format!(
                    "{n} employer {} in the last {RECENT_DAYS} days",
                    fmt::plural(n, "contact", "contacts")
                ),
            )
        }
        None => {
            let n = all.len();
            (
                format!(
                    "{n} {} registrert",
                    fmt::plural(n, "arbeidsgiverkontakt", "arbeidsgiverkontakter")
                ),
                format!(
                    "{n} employer {} logged",
                    fmt::plural(n, "contact", "contacts")
                ),
            )
        }
    };
    if today.is_some() && !all.is_empty() {
        nb.push_str(&format!(" (totalt {})", all.len()));
        en.push_str(&format!(" ({} in total)", all.len()));
    }
    if data.is_yes(JOB_STARTED) {
        let employer = data.text(START_EMPLOYER).unwrap_or("?");
        let future = matches!((data.date(START_DATE), today), (Some(s), Some(t)) if s > t);
        let (verb_nb, verb_en) = if future {
            ("starter", "starts")
        } else {
            ("startet", "started")
        };
        nb.push_str(&format!("; {verb_nb} hos {employer}"));
        en.push_str(&format!("; {verb_en} at {employer}"));
        if let Some(start) = data.date(START_DATE) {
            nb.push_str(&format!(" {}", start.nb_short()));
            en.push_str(&format!(" on {}", start.en_short()));
        }
        if let Some(hours) = data.number(HOURS) {
            nb.push_str(&format!(", {} t/uke", fmt::compact_nb(hours)));
            en.push_str(&format!(", {} h/week", fmt::compact_en(hours)));
        }
        if let Some(wage) = data.number(WAGE) {
            nb.push_str(&format!(", {} kr/t", fmt::compact_nb(wage)));
            en.push_str(&format!(", NOK {}/h", fmt::compact_en(wage)));
        }
    }
    lines.push(SummaryLine::new(nb, en));

    if let Some(goal) = data.text(JOB_GOAL) {
        let goal = fmt::truncate(goal, 140);
        lines.push(SummaryLine::new(
            format!("Jobbmål: {goal}"),
            format!("Job goal: {goal}"),
        ));
    }

    if let Some(label) = data
        .choice(DISCLOSURE)
        .and_then(|v| label_of(&disclosure_options(), v).cloned())
    {
        lines.push(SummaryLine::new(
            format!("Åpenhet: {}", fmt::lower_first(&label.nb)),
            format!("Disclosure: {}", fmt::lower_first(&label.en)),
        ));
    }

    // The latest contact with a known date, and its outcome.
    if let Some((date, last)) = all
        .iter()
        .filter_map(|c| Some((c.date?, c)))
        .max_by_key(|(date, c)| (*date, c.index))
    {
        let employer = last.employer.unwrap_or("?");
        let mut nb = format!("Siste kontakt {} med {employer}", date.nb_short());
        let mut en = format!("Last contact {} with {employer}", date.en_short());
        if let Some(outcome) = last
            .outcome
            .and_then(|v| label_of(&outcome_options(), v).cloned())
        {
            nb.push_str(&format!(": {}", fmt::lower_first(&outcome.nb)));
            en.push_str(&format!(": {}", fmt::lower_first(&outcome.en)));
        }
        lines.push(SummaryLine::new(nb, en));
    }

    if data.is_yes(JOB_STARTED) {
        match data.yes_no(WEEKLY_SUPPORT) {
            Some(true) => lines.push(match data.time_of_day(SUPPORT_TIME) {
                Some(at) => SummaryLine::new(
                    format!("Ukentlig oppfølging første måned: ja, kl. {at}"),
                    format!("Weekly support in the first month: yes, at {at}"),
                ),
                None => SummaryLine::new(
                    "Ukentlig oppfølging første måned: ja",
                    "Weekly support in the first month: yes",
                ),
            }),
            Some(false) => lines.push(SummaryLine::new(
                "Ukentlig oppfølging første måned: nei",
                "Weekly support in the first month: no",
            )),
            None => {}
        }
    }

    match data.date(BENEFITS_DATE) {
        Some(date) => lines.push(SummaryLine::new(
            format!("Veiledning om ytelser med NAV-veileder {}", date.nb_long()),
            format!(
                "Benefits counselling with the NAV advisor on {}",
                date.en_long()
            ),
        )),
        None => lines.push(SummaryLine::new(
            "Veiledning om ytelser: ikke registrert",
            "Benefits counselling: not recorded",
        )),
    }

    // Case data the manifest asked for (only present if the user approved it).
    let work_goals: Vec<&Goal> = context.goals_in(LifeDomain::WorkAndActivity).collect();
    if let Some(goal) = work_goals.first() {
        let text = fmt::truncate(&goal.text, 100);
        let more = work_goals.len() - 1;
        let (more_nb, more_en) = if more > 0 {
            (format!(" (+{more} til)"), format!(" (+{more} more)"))
        } else {
            (String::new(), String::new())
        };
        lines.push(SummaryLine::new(
            format!("Arbeidsmål i planen: «{text}»{more_nb}"),
            format!("Work goal in the plan: \"{text}\"{more_en}"),
        ));
    }
    let specialists: Vec<&str> = context
        .participants
        .iter()
        .flatten()
        .filter(|p| {
            let role = p.role.to_lowercase();
            role.contains("jobbspesialist") || role.contains("ips") || role.contains("employment")
        })
        .map(|p| p.name.as_str())
        .collect();
    if !specialists.is_empty() {
        let names = specialists.join(", ");
        lines.push(SummaryLine::new(
            format!("Jobbspesialist: {names}"),
            format!("Employment specialist: {names}"),
        ));
    }
    lines
}

pub fn computed(data: Record<'_>, context: &CaseContext) -> Vec<ComputedValue> {
    let mut out = Vec::new();
    if let Some(today) = context.today_date() {
        let n = recent_contacts(data, today);
        out.push(
            ComputedValue::new(
                "recent-employer-contacts",
                loc(
                    format!("Arbeidsgiverkontakter siste {RECENT_DAYS} dager"),
                    format!("Employer contacts in the last {RECENT_DAYS} days"),
                ),
                loc(n.to_string(), n.to_string()),
            )
            .number(n as f64),
        );
    }
    if data.is_yes(JOB_STARTED)
        && let (Some(first), Some(start)) = (first_contact(data), data.date(START_DATE))
        && start >= first
    {
        let days = first.days_until(start);
        out.push(
            ComputedValue::new(
                "days-to-job-start",
                loc(
                    "Dager fra første arbeidsgiverkontakt til jobbstart",
                    "Days from the first employer contact to the job start",
                ),
                loc(days.to_string(), days.to_string()),
            )
            .number(days as f64)
            .reason(loc(
                format!(
                    "Første kontakt {}, jobbstart {}",
                    first.nb_long(),
                    start.nb_long()
                ),
                format!(
                    "First contact {}, job start {}",
                    first.en_long(),
                    start.en_long()
                ),
            )),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IpsFollowUp;
    use ansvar_plugin_api::run_validate;

    const TODAY: &str = "2025-10-20";

    fn sample() -> &'static str {
        r#"{
            "job-goal": "Jobbe i butikk, helst med varer og lager",
            "disclosure": "partial",
            "disclosure-details": "Kan si at jeg har hatt en lang pause fra jobb.",
            "employer-contacts": [
                {"date": "2025-08-04", "employer": "Lagerhuset Nord", "contact-type": "visit", "outcome": "no-opening"},
                {"date": "2025-09-25", "employer": "Fjordvik Handel", "contact-type": "phone", "outcome": "follow-up"},
                {"date": "2025-10-01", "employer": "Fjordvik Handel", "contact-type": "visit", "outcome": "interview"},
                {"date": "2025-10-06", "employer": "Fjordvik Handel", "contact-type": "interview", "outcome": "job-offer"}
            ],
            "job-started": true,
            "start-date": "2025-10-12",
            "start-employer": "Fjordvik Handel",
            "hours-per-week": 20,
            "hourly-wage": 195.5,
            "weekly-support": true,
            "benefits-counselling-date": "2025-09-30",
            "benefits-topics": ["aap", "tax"]
        }"#
    }

    fn ctx() -> CaseContext {
        let mut ctx = CaseContext::today_only(TODAY);
        ctx.participants = Some(vec![
            Participant {
                name: "Kari Testesen".into(),
                role: "Jobbspesialist".into(),
                organisation: Some("Fjordvik kommune".into()),
            },
            Participant {
                name: "Ola Eksempel".into(),
                role: "Koordinator".into(),
                organisation: None,
            },
        ]);
        ctx.goals = Some(vec![Goal {
            id: "g1".into(),
            domain: LifeDomain::WorkAndActivity,
            text: "Ha en jobb jeg trives i".into(),
            status: GoalStatus::InProgress,
            target_date: None,
        }]);
        ctx
    }

    fn parse(json: &str) -> FormData {
        FormData::parse(json).expect("test data is valid JSON")
    }

    #[test]
    fn sample_is_valid() {
        assert_eq!(run_validate::<IpsFollowUp>(sample(), &ctx()), vec![]);
    }

    #[test]
    fn summary_first_line_matches_the_issue() {
        let data = parse(sample());
        let lines = summarize(data.record(), &ctx());
        assert_eq!(
            lines[0].text.nb,
            "3 arbeidsgiverkontakter siste 30 dager (totalt 4); startet hos Fjordvik Handel 12.10, \
             20 t/uke, 195,5 kr/t"
        );
        assert_eq!(
            lines[0].text.en,
            "3 employer contacts in the last 30 days (4 in total); started at Fjordvik Handel on \
             12 Oct, 20 h/week, NOK 195.5/h"
        );
        let all: Vec<&str> = lines.iter().map(|l| l.text.nb.as_str()).collect();
        assert!(all.contains(&"Siste kontakt 06.10 med Fjordvik Handel: tilbud om jobb"));
        assert!(all.contains(&"Jobbspesialist: Kari Testesen"));
        assert!(all.contains(&"Arbeidsmål i planen: «Ha en jobb jeg trives i»"));
        assert!(all.contains(&"Veiledning om ytelser med NAV-veileder 30.09.2025"));
    }

    #[test]
    fn job_start_before_first_contact_is_an_error() {
        let json = sample().replace("\"2025-10-12\"", "\"2025-08-01\"");
        let messages = run_validate::<IpsFollowUp>(&json, &ctx());
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].path, START_DATE);
        assert_eq!(messages[0].severity, Severity::Error);
        assert!(messages[0].message.nb.contains("04.08.2025"));
    }

    #[test]
    fn hours_out_of_range_and_future_contacts() {
        let json = sample()
            .replace("\"hours-per-week\": 20", "\"hours-per-week\": 61")
            .replace("\"2025-10-06\"", "\"2025-10-21\"");
        let paths: Vec<String> = run_validate::<IpsFollowUp>(&json, &ctx())
            .into_iter()
            .map(|m| m.path)
            .collect();
        assert_eq!(paths, vec!["hours-per-week", "employer-contacts[3].date"]);
    }

    #[test]
    fn started_without_contacts_or_counselling_warns() {
        let json = r#"{"job-goal":"x","disclosure":"none","job-started":true,
                       "start-date":"2025-10-12","start-employer":"Testbakeriet"}"#;
        let messages = run_validate::<IpsFollowUp>(json, &ctx());
        let paths: Vec<(&str, Severity)> = messages
            .iter()
            .map(|m| (m.path.as_str(), m.severity))
            .collect();
        assert_eq!(
            paths,
            vec![
                (CONTACTS, Severity::Warning),
                (BENEFITS_DATE, Severity::Warning)
            ]
        );
    }

    #[test]
    fn required_fields_and_bad_json() {
        let paths: Vec<String> = run_validate::<IpsFollowUp>("{}", &ctx())
            .into_iter()
            .map(|m| m.path)
            .collect();
        assert_eq!(paths, vec![JOB_GOAL, DISCLOSURE]);
        let messages = run_validate::<IpsFollowUp>("{not json", &ctx());
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].path, "");
        // Wrong types never panic, and the summary still works.
        let odd = r#"{"employer-contacts": 5, "job-started": "ja", "hours-per-week": "20"}"#;
        assert!(!run_validate::<IpsFollowUp>(odd, &ctx()).is_empty());
        let lines = summarize(parse(odd).record(), &CaseContext::today_only("bad"));
        assert_eq!(lines[0].text.en, "0 employer contacts logged");
    }

    #[test]
    fn computed_values() {
        let data = parse(sample());
        let values = computed(data.record(), &ctx());
        assert_eq!(values[0].number, Some(3.0));
        assert_eq!(values[1].id, "days-to-job-start");
        assert_eq!(values[1].number, Some(69.0));
    }

    #[test]
    fn manifest_asks_for_work_goals_and_participants() {
        let m = <IpsFollowUp as Plugin>::manifest();
        assert_eq!(m.id, "no.fjordvik.ips-oppfolging");
        assert_eq!(
            m.capabilities,
            vec![
                Capability::GoalsInDomain(LifeDomain::WorkAndActivity),
                Capability::ParticipantNamesAndRoles
            ]
        );
    }

    #[test]
    fn the_support_time_is_checked_and_summarised() {
        let with_time = sample().replace(
            "\"weekly-support\": true,",
            "\"weekly-support\": true, \"support-time\": \"09:30\",",
        );
        assert_eq!(run_validate::<IpsFollowUp>(&with_time, &ctx()), vec![]);
        let lines = summarize(parse(&with_time).record(), &ctx());
        let nb: Vec<&str> = lines.iter().map(|l| l.text.nb.as_str()).collect();
        assert!(
            nb.contains(&"Ukentlig oppfølging første måned: ja, kl. 09:30"),
            "{nb:?}"
        );
        let bad = with_time.replace("09:30", "9.30");
        let paths: Vec<String> = run_validate::<IpsFollowUp>(&bad, &ctx())
            .into_iter()
            .map(|m| m.path)
            .collect();
        assert_eq!(paths, vec![SUPPORT_TIME]);
    }
}
