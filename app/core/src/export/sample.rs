//! A synthetic large case for the export benchmarks and the pagination tests: many goals,
//! actions and meetings with Norwegian text, built directly (not through the edit log).

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, TimeZone, Utc};

use crate::domain::{
    Action, ActionId, ActionStatus, AgendaItem, AgendaItemId, Attendance, Case, Consent, ConsentId,
    ConsentMethod, ConsentRecipient, Contact, ContactId, CrisisPlan, Evaluation, EvaluationId,
    Goal, GoalId, GoalStatus, Level, LifeDomain, Meeting, MeetingId, Participant, ParticipantId,
    Person, Plan, Rating, Role, Section, ZonePlan,
};

/// The text of action `i`: unique, and long enough to wrap in the actions table.
pub fn action_text(i: usize) -> String {
    format!(
        "Tiltak nr. {i}: følge opp søknaden om bostøtte, avklare økonomien med NAV-veilederen og \
         gi beskjed til koordinator når svaret er kommet (løpenummer {i})"
    )
}

/// The own words of goal `i`.
pub fn goal_text(i: usize) -> String {
    format!(
        "Mål nr. {i}: jeg vil klare hverdagen min selv, med litt hjelp når det trengs, og få det bedre på {i}. måte"
    )
}

/// A case with `goals` goals, `actions` actions and `meetings` meetings.
pub fn large_case(goals: usize, actions: usize, meetings: usize, today: NaiveDate) -> Case {
    let day = |offset: i64| {
        if offset >= 0 {
            today + Days::new(offset as u64)
        } else {
            today - Days::new(offset.unsigned_abs())
        }
    };
    let roles = [
        (Role::Person, "", Level::Other),
        (
            Role::Coordinator,
            "Storvik kommune, psykisk helse og rus",
            Level::Municipality,
        ),
        (Role::NavAdvisor, "NAV Storvik", Level::Nav),
        (Role::DpsTherapist, "DPS Storvik", Level::SpecialistHealth),
        (
            Role::GeneralPractitioner,
            "Storvik legesenter",
            Level::Municipality,
        ),
        (
            Role::HousingOffice,
            "Storvik boligkontor",
            Level::Municipality,
        ),
        (
            Role::IpsJobSpecialist,
            "Storvik kommune, IPS-teamet",
            Level::Municipality,
        ),
        (Role::Relative, "", Level::Other),
    ];
    let names = [
        "Åse Kjærstad Øvrebø",
        "Bjørn Ødegård",
        "Siri Ås",
        "Per Ørnes",
        "Kåre Lie",
        "Mette Bø",
        "Jørgen Haug",
        "Grete Kjærstad",
    ];
    let participants: Vec<Participant> = roles
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, ((role, org, level), name))| Participant {
            id: ParticipantId::new(),
            name: name.into(),
            role: *role,
            organisation: (*org).into(),
            level: *level,
            phone: format!("9{i}0 00 {i}00"),
            email: format!("deltaker{i}@storvik.example"),
            contributes: format!(
                "Bidrar med oppfølging innen sitt område, del {i}, og møter i ansvarsgruppen."
            ),
            active_from: Some(day(-400)),
            active_to: None,
        })
        .collect();
    let pid = |i: usize| participants[i % participants.len()].id;

    let meeting_list: Vec<Meeting> = (0..meetings)
        .map(|i| {
            let start = day(-(7 * (meetings - i) as i64));
            let mut attendance = BTreeMap::new();
            for (k, p) in participants.iter().enumerate() {
                attendance.insert(
                    p.id,
                    if (i + k) % 5 == 0 {
                        Attendance::SentApologies
                    } else {
                        Attendance::Present
                    },
                );
            }
            Meeting {
                id: MeetingId::new(),
                starts_at: Utc.from_utc_datetime(&start.and_hms_opt(9, 0, 0).unwrap_or_default()),
                place: "Storvik rådhus, møterom «Fjæra»".into(),
                chair: Some(pid(1)),
                note_taker: Some(pid(2 + i % 3)),
                attendance,
                agenda: (0..9)
                    .map(|k| AgendaItem {
                        id: AgendaItemId::new(),
                        title: format!("Sak {k}: gjennomgang av mål og tiltak"),
                        minutes: format!(
                            "Møte {i}, sak {k}: Åse fortalte om uka. Gruppen gikk gjennom målene, \
                             og det ble avtalt å følge opp søknaden om bostøtte før neste møte."
                        ),
                        seconds_spent: 300,
                        goals: Vec::new(),
                        actions: Vec::new(),
                    })
                    .collect(),
                agreements: "Avtalt: koordinator sender referatet innen en uke.".into(),
                next_meeting: None,
                minutes_recipients: participants.iter().map(|p| p.id).collect(),
                ended: true,
                approved: None,
                reviews: Vec::new(),
                corrections: Vec::new(),
            }
        })
        .collect();

    let goal_list: Vec<Goal> = (0..goals)
        .map(|i| Goal {
            id: GoalId::new(),
            domain: LifeDomain::ALL[i % LifeDomain::ALL.len()],
            own_words: goal_text(i),
            expressed_by_person: i % 2 == 0,
            professional_wording: format!(
                "Faglig formulering av mål {i}: økt mestring i dagliglivet."
            ),
            status: [
                GoalStatus::InProgress,
                GoalStatus::NotStarted,
                GoalStatus::Achieved,
            ][i % 3],
            target_date: Some(day(90 + i as i64)),
            ratings: (0..4)
                .map(|k| Rating {
                    date: day(-(30 * (4 - k) as i64)),
                    value: (3 + (i + k) % 7) as u8,
                })
                .collect(),
            evaluations: vec![Evaluation {
                id: EvaluationId::new(),
                date: day(-7),
                meeting: meeting_list.last().map(|m| m.id),
                text: format!("Evaluering av mål {i}: går framover, små skritt."),
            }],
        })
        .collect();

    let action_list: Vec<Action> = (0..actions)
        .map(|i| Action {
            id: ActionId::new(),
            what: action_text(i),
            responsible: Some(pid(1 + i % (participants.len() - 1))),
            due: Some(day(i as i64 % 120 - 30)),
            status: [
                ActionStatus::Open,
                ActionStatus::Done,
                ActionStatus::Open,
                ActionStatus::Cancelled,
            ][i % 4],
            goals: goal_list
                .get(i % goals.max(1))
                .map(|g| vec![g.id])
                .unwrap_or_default(),
            agreed_in: meeting_list.get(i % meetings.max(1)).map(|m| m.id),
            followed_up_in: None,
        })
        .collect();

    let zone = |what: &str| ZonePlan {
        signs: format!(
            "{what}: søvnen blir dårligere, trekker meg unna, svarer ikke på telefonen."
        ),
        what_i_do: format!("{what}: ringer søsteren min, går tur, holder avtalene."),
        what_others_do: format!(
            "{what}: koordinator tar kontakt samme dag; fastlegen vurderer time."
        ),
    };
    Case {
        id: Default::default(),
        person: Person {
            name: "Åse Kjærstad Øvrebø".into(),
            birth_date: NaiveDate::from_ymd_opt(1988, 5, 17),
            phone: "400 00 999".into(),
            email: "ase@storvik.example".into(),
            address: "Bakkegata 3, 9999 Storvik".into(),
            national_id: String::new(),
        },
        plan: Plan {
            period_start: Some(day(-400)),
            period_end: Some(day(330)),
            revision_date: Some(day(60)),
            coordinator: Some(pid(1)),
            main_goal: "Jeg vil bo trygt, ha noe å gå til og ha folk rundt meg.".into(),
            resources: "Åse er omsorgsfull, flink med dyr og har god kontakt med søsteren sin."
                .into(),
            needs: "Hjelp med økonomi, bolig, behandling og arbeid.".into(),
            implementation: "Tiltakene avtales i ansvarsgruppemøtene og følges opp av koordinator."
                .into(),
            cooperation: "Kommunen, NAV, DPS og fastlegen samarbeider i ansvarsgruppen.".into(),
        },
        consents: vec![Consent {
            id: ConsentId::new(),
            recipient: ConsentRecipient::Organisation("NAV Storvik".into()),
            sections: vec![
                Section::Goals(LifeDomain::WorkAndActivity),
                Section::Goals(LifeDomain::Finances),
                Section::Actions,
            ],
            given: Some(day(-390)),
            withdrawn: None,
            method: ConsentMethod::Signed,
            note: "Bare arbeid og økonomi.".into(),
        }],
        participants,
        goals: goal_list,
        actions: action_list,
        crisis_plan: CrisisPlan {
            green: zone("Grønn"),
            yellow: zone("Gul"),
            red: zone("Rød"),
            triggers: "Brev fra inkasso, krangel.".into(),
            how_i_want_to_be_met: "Rolig og direkte.".into(),
            what_does_not_help: "Lange samtaler på telefon.".into(),
            treatment_wishes: "Samtale på DPS først.".into(),
            practical_matters: "Katten må få mat.".into(),
            contacts: vec![
                Contact {
                    id: ContactId::new(),
                    name: "Legevakten i Storvik".into(),
                    role: "Legevakt".into(),
                    phone: "116 117".into(),
                    note: "Hele døgnet".into(),
                },
                Contact {
                    id: ContactId::new(),
                    name: "Kari Øvrebø".into(),
                    role: "Søster".into(),
                    phone: "400 12 345".into(),
                    note: String::new(),
                },
            ],
            reviewed_on: Some(day(-20)),
            reviewed_by: "Bjørn Ødegård".into(),
        },
        meetings: meeting_list,
        forms: Vec::new(),
    }
}

/// Case `i` of a synthetic caseload, for the week's benchmark and the memory measurement: a
/// person, a coordinator and a NAV advisor, five goals, four actions, two meetings held and
/// the next agreed, a crisis plan and a consent, their dates spread over `i` so that about a
/// fifth to a third of the cases have something due in each group of the week.
pub fn caseload_case(i: usize, today: NaiveDate) -> Case {
    let n = i as u64;
    let day = |offset: i64| {
        if offset >= 0 {
            today.checked_add_days(Days::new(offset as u64))
        } else {
            today.checked_sub_days(Days::new(offset.unsigned_abs()))
        }
        .unwrap_or(today)
    };
    let at = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(9, 0, 0).unwrap_or_default());
    let who = |name: String, role| Participant {
        id: ParticipantId::new(),
        name,
        role,
        ..Participant::default()
    };
    let coordinator = who(format!("Koordinator {}", i % 40), Role::Coordinator);
    let nav = who(format!("NAV-veileder {}", i % 25), Role::NavAdvisor);
    let held = [day(-70 - (n % 20) as i64), day(-14 - (n % 20) as i64)].map(|d| Meeting {
        id: MeetingId::new(),
        starts_at: at(d),
        ended: true,
        ..Meeting::default()
    });
    let goals: Vec<Goal> = (0..5)
        .map(|g| Goal {
            id: GoalId::new(),
            domain: LifeDomain::ALL[g % LifeDomain::ALL.len()],
            own_words: format!("Mål nummer {g} med egne ord, litt tekst her"),
            status: GoalStatus::InProgress,
            // Most goals were evaluated at the last meeting; in every seventh case one was not.
            evaluations: if g == 4 && i.is_multiple_of(7) {
                Vec::new()
            } else {
                vec![Evaluation {
                    id: EvaluationId::new(),
                    date: held[1].starts_at.date_naive(),
                    meeting: Some(held[1].id),
                    text: "Går framover".into(),
                }]
            },
            ..Goal::default()
        })
        .collect();
    let actions = (0..4)
        .map(|a| Action {
            id: ActionId::new(),
            what: format!("Tiltak {a} i sak {i}: ringe, søke eller følge opp"),
            responsible: Some(if a % 2 == 0 { nav.id } else { coordinator.id }),
            due: Some(day(((n * 7 + a * 13) % 90) as i64 - 20)),
            goals: vec![goals[(a as usize) % goals.len()].id],
            agreed_in: Some(held[1].id),
            ..Action::default()
        })
        .collect();
    let mut meetings = held.to_vec();
    if let Some(last) = meetings.last_mut() {
        last.next_meeting = Some(at(day((n % 60) as i64)));
    }
    Case {
        person: Person {
            name: format!("Person Nummer {i}"),
            ..Person::default()
        },
        plan: Plan {
            period_start: Some(day(-300)),
            period_end: Some(day((n % 400) as i64)),
            revision_date: Some(day((n % 365) as i64 - 60)),
            coordinator: Some(coordinator.id),
            main_goal: "Bo i egen leilighet og ha noe meningsfullt å gjøre".into(),
            ..Plan::default()
        },
        consents: vec![Consent {
            id: ConsentId::new(),
            recipient: ConsentRecipient::Participant(nav.id),
            sections: vec![
                Section::Goals(LifeDomain::WorkAndActivity),
                Section::Actions,
            ],
            given: Some(day(-((n % 420) as i64))),
            method: ConsentMethod::Signed,
            ..Consent::default()
        }],
        participants: vec![coordinator, nav],
        goals,
        actions,
        crisis_plan: CrisisPlan {
            triggers: "Søvnmangel, konflikter hjemme".into(),
            reviewed_on: Some(day(-((n % 300) as i64))),
            ..CrisisPlan::default()
        },
        meetings,
        ..Case::default()
    }
}
