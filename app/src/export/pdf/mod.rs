//! The individual plan and meeting minutes as A4 PDF, in Norwegian bokmål.
//!
//! [`plan_pdf`] prints every point of § 19 that the reader may see; [`minutes_pdf`] prints one
//! meeting. With a reader ([`PdfOptions::reader`]) the document holds only what the person has
//! consented to share with them (see [`super::consent`]) and says so on the first page.

pub mod layout;

use chrono::{DateTime, NaiveDate, Utc};

use self::layout::{Block, Cell, Doc, NOTICE, Row, Style, Table};
use super::consent::{self, Visibility};
use super::{ExportError, PluginSections};
use crate::clock::Clock;
use crate::domain::{
    ActionStatus, Attendance, Case, ConsentRecipient, Goal, LifeDomain, Meeting, MeetingId,
    Participant, ParticipantId, Role, Section, Zone,
};
use crate::i18n::{self, Lang};
use crate::text::labels;

/// Who the document is for and its date.
#[derive(Clone, Debug)]
pub struct PdfOptions {
    /// `None`: the complete plan (for the person, the coordinator, the case file).
    pub reader: Option<ParticipantId>,
    /// The document's date, in the header; consents are judged on this day.
    pub date: NaiveDate,
    /// Shows stored times on the reader's wall clock.
    pub clock: Clock,
}

impl PdfOptions {
    /// The complete document, dated today by `clock`.
    pub fn complete(clock: &Clock) -> Self {
        PdfOptions {
            reader: None,
            date: clock.today(),
            clock: clock.clone(),
        }
    }

    /// What `reader` may see, dated today by `clock`.
    pub fn for_reader(reader: ParticipantId, clock: &Clock) -> Self {
        PdfOptions {
            reader: Some(reader),
            ..PdfOptions::complete(clock)
        }
    }

    fn date_time(&self, t: DateTime<Utc>) -> String {
        let local = self.clock.local(t);
        format!("{} kl. {}", i18n::date(local.date()), local.format("%H:%M"))
    }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(i18n::date).unwrap_or_else(|| "–".into())
}

fn name_of(case: &Case, id: Option<ParticipantId>) -> String {
    id.and_then(|id| case.participant(id))
        .map(|p| p.name.clone())
        .unwrap_or_else(|| "–".into())
}

fn who(p: &Participant) -> String {
    if p.organisation.is_empty() {
        format!(
            "{} ({})",
            p.name,
            labels::role_in_text(p.role).get(Lang::Nb)
        )
    } else {
        format!(
            "{} ({}, {})",
            p.name,
            labels::role_in_text(p.role).get(Lang::Nb),
            p.organisation
        )
    }
}

fn h1(t: &str) -> Block {
    Block::Heading(1, t.into())
}

fn h2(t: &str) -> Block {
    Block::Heading(2, t.into())
}

fn h3(t: impl Into<String>) -> Block {
    Block::Heading(3, t.into())
}

fn para(t: impl Into<String>) -> Block {
    Block::Para(t.into(), Style::BODY)
}

fn small(t: impl Into<String>) -> Block {
    Block::Para(t.into(), Style::SMALL)
}

/// A two-column label/value list without lines.
fn facts(rows: Vec<(&str, String)>) -> Block {
    Block::Table(Table {
        widths: vec![0.26, 0.74],
        header: None,
        rows: rows
            .into_iter()
            .map(|(k, v)| Row::new(vec![Cell::styled(k, Style::LABEL), Cell::new(v)]))
            .collect(),
        grid: false,
    })
}

/// A labelled free text, left out when empty.
fn text_section(blocks: &mut Vec<Block>, title: &str, text: &str) {
    if !text.trim().is_empty() {
        blocks.push(h3(title));
        blocks.push(para(text));
    }
}

fn reader_of<'c>(
    case: &'c Case,
    opts: &PdfOptions,
) -> Result<Option<&'c Participant>, ExportError> {
    match opts.reader {
        None => Ok(None),
        Some(id) => case
            .participant(id)
            .map(Some)
            .ok_or(ExportError::UnknownParticipant(id)),
    }
}

/// The first-page sentence about what the document holds.
fn consent_notice(case: &Case, reader: &Participant, v: &Visibility) -> String {
    let person = if case.person.name.is_empty() {
        "Personen".to_string()
    } else {
        case.person.name.clone()
    };
    if v.full {
        return format!(
            "Utskrift for {}. Fullstendig plan: {} har tilgang til hele planen.",
            who(reader),
            reader.name
        );
    }
    let shown: Vec<String> = consent::all_sections()
        .into_iter()
        .filter(|s| v.shows(*s) && *s != Section::Minutes)
        .map(|s| labels::section_in_text(s, Lang::Nb))
        .collect();
    let hidden: Vec<String> = v
        .hidden()
        .into_iter()
        .filter(|s| *s != Section::Minutes)
        .map(|s| labels::section_in_text(s, Lang::Nb))
        .chain(["hovedmål, ressurser, behov og gjennomføring".to_string()])
        .collect();
    let shared = if shown.is_empty() {
        format!(
            "{person} har ikke samtykket til å dele noen deler av planen med {}",
            reader.name
        )
    } else {
        format!(
            "Utdraget inneholder bare det {person} har samtykket til å dele med {}: {}",
            reader.name,
            labels::join_and(&shown, Lang::Nb)
        )
    };
    format!(
        "Utdrag for {}. {shared}. Ikke med (ikke samtykke): {}.",
        who(reader),
        labels::join_and(&hidden, Lang::Nb)
    )
}

fn goal_block(goal: &Goal) -> Block {
    let mut inner = Vec::new();
    let words = if goal.own_words.is_empty() {
        goal.professional_wording.clone()
    } else {
        format!("«{}»", goal.own_words)
    };
    inner.push(Block::Para(words, Style::BODY.bold().size(11.0)));
    let mut meta = vec![format!(
        "Status: {}",
        labels::goal_status(goal.status).get(Lang::Nb)
    )];
    if let Some(t) = goal.target_date {
        meta.push(format!("Mål innen: {}", i18n::date(t)));
    }
    if let Some(r) = goal.ratings.last() {
        meta.push(format!(
            "Egen vurdering: {} av 10 ({})",
            r.value,
            i18n::date(r.date)
        ));
    }
    if goal.expressed_by_person {
        meta.push("Skrevet av personen selv".into());
    }
    inner.push(small(meta.join("  ·  ")));
    if !goal.professional_wording.is_empty() && !goal.own_words.is_empty() {
        inner.push(Block::Para(
            format!("Faglig formulering: {}", goal.professional_wording),
            Style::BODY.colour(layout::GREY),
        ));
    }
    if let Some(e) = goal.evaluations.iter().max_by_key(|e| e.date) {
        inner.push(Block::Para(
            format!("Siste evaluering {}: {}", i18n::date(e.date), e.text),
            Style::BODY,
        ));
    }
    inner.push(Block::Space(4.0));
    Block::Keep(inner)
}

fn action_rows<'a>(
    case: &Case,
    actions: impl Iterator<Item = &'a crate::domain::Action>,
    today: NaiveDate,
) -> Vec<Row> {
    actions
        .map(|a| {
            let status = if a.is_overdue(today) {
                "Åpen, frist passert".to_string()
            } else {
                labels::action_status(a.status).get(Lang::Nb).to_string()
            };
            let mut row = Row::new(vec![
                Cell::new(a.what.clone()),
                Cell::new(name_of(case, a.responsible)),
                Cell::new(date(a.due)),
                Cell::new(status),
            ]);
            if a.status != ActionStatus::Open {
                for c in &mut row.cells {
                    c.style = c.style.colour(layout::GREY);
                }
            }
            row
        })
        .collect()
}

fn actions_table(rows: Vec<Row>) -> Block {
    Block::Table(Table {
        widths: vec![0.45, 0.22, 0.15, 0.18],
        header: Some(vec![
            "Tiltak (hva)".into(),
            "Ansvarlig (hvem)".into(),
            "Frist".into(),
            "Status".into(),
        ]),
        rows,
        grid: true,
    })
}

fn crisis_blocks(case: &Case, blocks: &mut Vec<Block>) {
    let cp = &case.crisis_plan;
    blocks.push(h2("Kriseplan"));
    if let Some(r) = cp.reviewed_on {
        let by = if cp.reviewed_by.is_empty() {
            String::new()
        } else {
            format!(" av {}", cp.reviewed_by)
        };
        blocks.push(small(format!("Sist gjennomgått {}{by}.", i18n::date(r))));
    }
    let zone_row = |zone: Zone| {
        let (title, fill) = match zone {
            Zone::Green => ("Grønn: jeg har det bra", layout::GREEN),
            Zone::Yellow => ("Gul: tidlige varseltegn", layout::YELLOW),
            Zone::Red => ("Rød: krise", layout::RED),
        };
        let z = cp.zone(zone);
        Row::filled(
            vec![
                Cell::styled(title, Style::LABEL),
                Cell::new(z.signs.clone()),
                Cell::new(z.what_i_do.clone()),
                Cell::new(z.what_others_do.clone()),
            ],
            fill,
        )
    };
    blocks.push(Block::Table(Table {
        widths: vec![0.16, 0.28, 0.28, 0.28],
        header: Some(vec![
            "Sone".into(),
            "Tegn".into(),
            "Det gjør jeg selv".into(),
            "Det gjør andre (hvem)".into(),
        ]),
        rows: Zone::ALL.iter().map(|z| zone_row(*z)).collect(),
        grid: true,
    }));
    text_section(blocks, "Dette kan utløse en krise", &cp.triggers);
    text_section(blocks, "Slik vil jeg bli møtt", &cp.how_i_want_to_be_met);
    text_section(blocks, "Dette hjelper ikke", &cp.what_does_not_help);
    text_section(
        blocks,
        "Mine ønsker for behandling i en akutt krise",
        &cp.treatment_wishes,
    );
    text_section(
        blocks,
        "Praktiske ting (barn, dyr, hjem, regninger)",
        &cp.practical_matters,
    );
    if !cp.contacts.is_empty() {
        blocks.push(h3("Kontakter i en krise"));
        blocks.push(Block::Table(Table {
            widths: vec![0.27, 0.23, 0.18, 0.32],
            header: Some(vec![
                "Navn".into(),
                "Rolle".into(),
                "Telefon".into(),
                "Merknad".into(),
            ]),
            rows: cp
                .contacts
                .iter()
                .map(|c| {
                    Row::new(vec![
                        Cell::new(c.name.clone()),
                        Cell::new(c.role.clone()),
                        Cell::styled(c.phone.clone(), Style::LABEL),
                        Cell::new(c.note.clone()),
                    ])
                })
                .collect(),
            grid: true,
        }));
    }
}

fn forms_blocks(case: &Case, forms: &PluginSections, clock: &Clock, blocks: &mut Vec<Block>) {
    if case.forms.is_empty() {
        return;
    }
    blocks.push(h2("Lokale skjema"));
    for entry in &case.forms {
        match forms.get(entry.id) {
            Some(f) => {
                let title = if f.title.is_empty() {
                    f.plugin_id.clone()
                } else {
                    f.title.clone()
                };
                let mut inner = vec![h3(title)];
                if let Some(problem) = &f.problem {
                    inner.push(Block::Notice(problem.clone(), NOTICE));
                } else if f.summary.is_empty() {
                    inner.push(small("Skjemaet har ingen oppsummering."));
                } else {
                    inner.extend(f.summary.iter().map(|l| para(l.clone())));
                }
                inner.push(small(format!(
                    "Sist endret {}.",
                    i18n::date(clock.local_date(entry.updated))
                )));
                blocks.push(Block::Keep(inner));
            }
            None => {
                blocks.push(h3(entry.plugin_id.clone()));
                blocks.push(Block::Notice(
                    super::not_installed(&entry.plugin_id),
                    NOTICE,
                ));
            }
        }
    }
}

fn header_left(case: &Case) -> String {
    let mut s = case.person.name.clone();
    if let Some(b) = case.person.birth_date {
        s.push_str(&format!(" (f. {})", i18n::date(b)));
    }
    s
}

/// The individual plan as a PDF.
pub fn plan_pdf(
    case: &Case,
    forms: &PluginSections,
    opts: &PdfOptions,
) -> Result<Vec<u8>, ExportError> {
    let doc = plan_document(case, forms, opts)?;
    layout::render(&doc)
        .map(|(bytes, _)| bytes)
        .map_err(ExportError::Pdf)
}

/// The plan laid out as blocks, before rendering.
pub fn plan_document(
    case: &Case,
    forms: &PluginSections,
    opts: &PdfOptions,
) -> Result<Doc, ExportError> {
    let reader = reader_of(case, opts)?;
    let v = consent::visible_sections(case, opts.reader, opts.date);
    let today = opts.date;
    let mut b = Vec::new();

    b.push(h1("Individuell plan"));
    b.push(Block::Para(
        case.person.name.clone(),
        Style::BODY.bold().size(14.0),
    ));
    match reader {
        Some(r) => b.push(Block::Notice(consent_notice(case, r, &v), NOTICE)),
        None => b.push(small(
            "Fullstendig plan. Inneholder taushetsbelagte opplysninger: del den bare med dem personen har samtykket til.",
        )),
    }

    // § 19 points 3 and 7: coordinator, plan period, revision.
    let coordinator = case
        .coordinator()
        .map(|c| {
            let contact = [c.phone.as_str(), c.email.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            if contact.is_empty() {
                who(c)
            } else {
                format!("{}, {contact}", who(c))
            }
        })
        .unwrap_or_else(|| "Ikke oppnevnt".into());
    let mut rows = vec![
        (
            "Planperiode",
            format!(
                "{} – {}",
                date(case.plan.period_start),
                date(case.plan.period_end)
            ),
        ),
        ("Revideres", date(case.plan.revision_date)),
        ("Koordinator", coordinator),
    ];
    if v.full {
        if let Some(bd) = case.person.birth_date {
            rows.push(("Fødselsdato", i18n::date(bd)));
        }
        let contact = [case.person.phone.as_str(), case.person.email.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        if !contact.is_empty() {
            rows.push(("Kontakt", contact));
        }
        if !case.person.address.is_empty() {
            rows.push(("Adresse", case.person.address.clone()));
        }
    }
    if let Some(next) = case.next_meeting() {
        rows.push(("Neste møte", opts.date_time(next)));
    }
    rows.push(("Dokumentdato", i18n::date(today)));
    b.push(facts(rows));

    // § 19 point 1: goals, resources and needs.
    if v.full {
        b.push(h2("Hovedmål, ressurser og behov"));
        text_section(&mut b, "Hovedmål (med egne ord)", &case.plan.main_goal);
        text_section(&mut b, "Ressurser", &case.plan.resources);
        text_section(&mut b, "Behov for tjenester", &case.plan.needs);
    }
    let visible_goals: Vec<&Goal> = case.goals.iter().filter(|g| v.shows_goal(g)).collect();
    if !visible_goals.is_empty() || v.full {
        b.push(h2("Mål"));
        if visible_goals.is_empty() {
            b.push(para("Ingen mål er satt ennå."));
        }
        for d in LifeDomain::ALL {
            let goals: Vec<&&Goal> = visible_goals.iter().filter(|g| g.domain == d).collect();
            if goals.is_empty() {
                continue;
            }
            b.push(h3(labels::domain(d).get(Lang::Nb)));
            for g in goals {
                b.push(goal_block(g));
            }
        }
    }

    // § 19 points 5 and 6: actions, who is responsible, how they are carried out.
    if v.shows(Section::Actions) {
        b.push(h2("Tiltak"));
        let shown: Vec<_> = case
            .actions
            .iter()
            .filter(|a| v.shows_action(case, a))
            .collect();
        if shown.is_empty() {
            b.push(para("Ingen tiltak."));
        } else {
            b.push(actions_table(action_rows(case, shown.into_iter(), today)));
        }
        if v.full {
            text_section(
                &mut b,
                "Slik gjennomføres tiltakene",
                &case.plan.implementation,
            );
        }
    }

    // § 19 points 2, 3, 4 and 8: participants, their contribution, consent.
    b.push(h2("Deltakere og samtykke"));
    let participant_rows = case
        .participants
        .iter()
        .map(|p| {
            let mut role = labels::role(p.role).get(Lang::Nb).to_string();
            if case.plan.coordinator == Some(p.id) && p.role != Role::Coordinator {
                role.push_str(", koordinator");
            }
            if !p.organisation.is_empty() {
                role.push_str(&format!("\n{}", p.organisation));
            }
            let mut name = p.name.clone();
            if !p.phone.is_empty() {
                name.push_str(&format!("\nTlf. {}", p.phone));
            }
            let mut cells = vec![Cell::new(name), Cell::new(role)];
            // What each contributes may say what the services are for: only with full access.
            if v.full {
                cells.push(Cell::new(p.contributes.clone()));
            }
            Row::new(cells)
        })
        .collect();
    b.push(Block::Table(if v.full {
        Table {
            widths: vec![0.24, 0.26, 0.50],
            header: Some(vec![
                "Navn".into(),
                "Rolle og tjeneste".into(),
                "Bidrar med".into(),
            ]),
            rows: participant_rows,
            grid: true,
        }
    } else {
        Table {
            widths: vec![0.40, 0.60],
            header: Some(vec!["Navn".into(), "Rolle og tjeneste".into()]),
            rows: participant_rows,
            grid: true,
        }
    }));
    let consents: Vec<_> = case
        .consents
        .iter()
        .filter(|c| v.full || reader.is_some_and(|r| consent::consent_applies_to(c, r)))
        .collect();
    if !consents.is_empty() {
        b.push(h3("Samtykke til å dele opplysninger"));
        b.push(Block::Table(Table {
            widths: vec![0.25, 0.39, 0.18, 0.18],
            header: Some(vec![
                "Til".into(),
                "Gjelder".into(),
                "Gitt".into(),
                "Trukket tilbake".into(),
            ]),
            rows: consents
                .iter()
                .map(|c| {
                    let to = match &c.recipient {
                        ConsentRecipient::Participant(id) => name_of(case, Some(*id)),
                        ConsentRecipient::Organisation(org) => format!("{org} (alle)"),
                    };
                    let mut what = labels::join_and(
                        &c.sections
                            .iter()
                            .map(|s| labels::section_in_text(*s, Lang::Nb))
                            .collect::<Vec<_>>(),
                        Lang::Nb,
                    );
                    if !c.note.is_empty() {
                        what.push_str(&format!("\n{}", c.note));
                    }
                    let given = match c.given {
                        Some(g) => {
                            format!(
                                "{} ({})",
                                i18n::date(g),
                                labels::consent_method(c.method).get(Lang::Nb)
                            )
                        }
                        None => "Ikke gitt".into(),
                    };
                    Row::new(vec![
                        Cell::new(to),
                        Cell::new(what),
                        Cell::new(given),
                        Cell::new(date(c.withdrawn)),
                    ])
                })
                .collect(),
            grid: true,
        }));
    }

    // § 19 point 9.
    if v.full && !case.plan.cooperation.trim().is_empty() {
        b.push(h2("Samarbeid med andre etater"));
        b.push(para(case.plan.cooperation.clone()));
    }

    if v.shows(Section::CrisisPlan) {
        crisis_blocks(case, &mut b);
    }
    if v.shows(Section::Forms) {
        forms_blocks(case, forms, &opts.clock, &mut b);
    }

    Ok(Doc {
        header_left: header_left(case),
        header_right: if reader.is_some() && !v.full {
            format!("Individuell plan (utdrag) · {}", i18n::date(today))
        } else {
            format!("Individuell plan · {}", i18n::date(today))
        },
        title: format!("Individuell plan – {}", case.person.name),
        blocks: b,
    })
}

/// The minutes of one meeting as a PDF.
pub fn minutes_pdf(
    case: &Case,
    meeting: MeetingId,
    forms: &PluginSections,
    opts: &PdfOptions,
) -> Result<Vec<u8>, ExportError> {
    let doc = minutes_document(case, meeting, forms, opts)?;
    layout::render(&doc)
        .map(|(bytes, _)| bytes)
        .map_err(ExportError::Pdf)
}

fn names(case: &Case, m: &Meeting, which: Attendance) -> Vec<String> {
    case.participants
        .iter()
        .filter(|p| m.attendance.get(&p.id) == Some(&which))
        .map(who)
        .collect()
}

/// The minutes laid out as blocks, before rendering.
pub fn minutes_document(
    case: &Case,
    meeting: MeetingId,
    forms: &PluginSections,
    opts: &PdfOptions,
) -> Result<Doc, ExportError> {
    let m = case
        .meeting(meeting)
        .ok_or(ExportError::UnknownMeeting(meeting))?;
    let reader = reader_of(case, opts)?;
    let v = consent::visible_sections(case, opts.reader, opts.date);
    if let Some(r) = reader
        && !v.shows(Section::Minutes)
    {
        return Err(ExportError::MinutesNotShared {
            person: case.person.name.clone(),
            reader: r.name.clone(),
        });
    }
    let mut b = Vec::new();
    b.push(h1("Referat fra ansvarsgruppemøte"));
    b.push(Block::Para(
        format!("Individuell plan for {}", case.person.name),
        Style::BODY.bold().size(12.0),
    ));
    if let Some(r) = reader {
        b.push(Block::Notice(
            format!(
                "Kopi til {}. {} har samtykket til at møtereferatene deles med {}.",
                who(r),
                case.person.name,
                r.name
            ),
            NOTICE,
        ));
    }
    let approved = match &m.approved {
        Some(a) => format!("Godkjent {} av {}", i18n::date(a.on), a.by),
        None if m.ended => "Ikke godkjent ennå".into(),
        None => "Møtet er ikke holdt ennå".into(),
    };
    b.push(facts(vec![
        ("Tid", opts.date_time(m.starts_at)),
        (
            "Sted",
            if m.place.is_empty() {
                "–".into()
            } else {
                m.place.clone()
            },
        ),
        ("Møteleder", name_of(case, m.chair)),
        ("Referent", name_of(case, m.note_taker)),
        ("Referatet", approved),
    ]));

    b.push(h2("Til stede"));
    let present = names(case, m, Attendance::Present);
    b.push(para(if present.is_empty() {
        "Ikke registrert.".to_string()
    } else {
        present.join("\n")
    }));
    let apologies = names(case, m, Attendance::SentApologies);
    b.push(h2("Meldt forfall"));
    b.push(para(if apologies.is_empty() {
        "Ingen.".to_string()
    } else {
        apologies.join("\n")
    }));
    let absent = names(case, m, Attendance::Absent);
    if !absent.is_empty() {
        b.push(h2("Ikke møtt"));
        b.push(para(absent.join("\n")));
    }

    b.push(h2("Saker"));
    if m.agenda.is_empty() {
        b.push(para("Ingen saker."));
    }
    for (n, item) in m.agenda.iter().enumerate() {
        b.push(h3(format!("{}. {}", n + 1, item.title)));
        b.push(para(if item.minutes.trim().is_empty() {
            "–".to_string()
        } else {
            item.minutes.clone()
        }));
    }

    b.push(h2("Avtaler: hvem gjør hva innen når"));
    let agreed: Vec<_> = case
        .actions
        .iter()
        .filter(|a| a.agreed_in == Some(m.id))
        .collect();
    if !agreed.is_empty() {
        b.push(actions_table(action_rows(
            case,
            agreed.into_iter(),
            opts.date,
        )));
    }
    if !m.agreements.trim().is_empty() {
        b.push(para(m.agreements.clone()));
    } else if case.actions.iter().all(|a| a.agreed_in != Some(m.id)) {
        b.push(para("Ingen avtaler."));
    }

    if v.shows(Section::Forms) && !case.forms.is_empty() {
        forms_blocks(case, forms, &opts.clock, &mut b);
    }

    b.push(h2("Neste møte"));
    b.push(para(
        m.next_meeting
            .map(|t| opts.date_time(t))
            .unwrap_or_else(|| "Ikke avtalt.".into()),
    ));
    b.push(h2("Referatet sendes til"));
    let recipients: Vec<String> = m
        .minutes_recipients
        .iter()
        .filter_map(|id| case.participant(*id))
        .map(who)
        .collect();
    b.push(para(if recipients.is_empty() {
        "Ingen mottakere registrert.".to_string()
    } else {
        recipients.join("\n")
    }));

    let day = opts.clock.local_date(m.starts_at);
    Ok(Doc {
        header_left: header_left(case),
        header_right: format!("Referat {} · {}", i18n::date(day), i18n::date(opts.date)),
        title: format!("Referat {} – {}", i18n::date(day), case.person.name),
        blocks: b,
    })
}
