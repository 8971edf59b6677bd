//! The individual plan and meeting minutes as A4 PDF, in Norwegian bokmål.
//!
//! [`plan_pdf`] prints every point of § 19 that the reader may see; [`minutes_pdf`] prints one
//! meeting. Both read the case through a [`CaseView`]: for a reader ([`Audience::Reader`]) the
//! document holds only what the person has consented to share with them (see
//! [`crate::consent`]) and says so on the first page.

pub mod layout;
pub mod notice;

use chrono::{DateTime, NaiveDate, Utc};

use self::layout::{Block, Cell, Doc, NOTICE, Row, Style, Table};
use super::{ExportError, PluginSections};
use crate::clock::Clock;
use crate::consent::{self, Audience, CaseView, Visibility};
use crate::domain::{
    ActionStatus, Attendance, Case, ConsentRecipient, Goal, LifeDomain, Meeting, MeetingId,
    Outcome, Participant, ParticipantId, Role, Section, Subject, Zone,
};
use crate::i18n::{self, Lang};
use crate::text::S;
use crate::text::labels;

/// Who the document is for and its date.
#[derive(Clone, Debug)]
pub struct PdfOptions {
    /// The document's date, in the header; consents are judged on this day.
    pub date: NaiveDate,
    /// Shows stored times on the reader's wall clock.
    pub clock: Clock,
    /// The document's language.
    pub lang: Lang,
}

impl PdfOptions {
    /// The complete document, dated today by `clock`.
    pub fn complete(clock: &Clock) -> Self {
        PdfOptions {
            date: clock.today(),
            clock: clock.clone(),
            lang: Lang::Nb,
        }
    }

    /// The same document in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    fn date_time(&self, t: DateTime<Utc>) -> String {
        let local = self.clock.local(t);
        S::PdfDateTime.fill(
            self.lang,
            &[
                &i18n::date(local.date()),
                &local.format("%H:%M").to_string(),
            ],
        )
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

fn who(p: &Participant, lang: Lang) -> String {
    if p.organisation.is_empty() {
        format!("{} ({})", p.name, labels::role_in_text(p.role).get(lang))
    } else {
        format!(
            "{} ({}, {})",
            p.name,
            labels::role_in_text(p.role).get(lang),
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

/// The one reader the document is for; `None` for the complete plan.
fn reader_of<'c>(case: &'c CaseView) -> Result<Option<&'c Participant>, ExportError> {
    match case.audience() {
        Audience::Reader(id) => case
            .participant(*id)
            .map(Some)
            .ok_or(ExportError::UnknownParticipant(*id)),
        Audience::Everything | Audience::Room(_) => Ok(None),
    }
}

/// The first-page sentence about what the document holds.
fn consent_notice(case: &Case, reader: &Participant, v: &Visibility, lang: Lang) -> String {
    let person = if case.person.name.is_empty() {
        S::PdfThePerson.get(lang).to_string()
    } else {
        case.person.name.clone()
    };
    if v.full {
        return S::PdfForFull.fill(lang, &[&who(reader, lang), &reader.name]);
    }
    let shown: Vec<String> = consent::all_sections()
        .into_iter()
        .filter(|s| v.shows(*s) && *s != Section::Minutes)
        .map(|s| labels::section_in_text(s, lang))
        .collect();
    let hidden: Vec<String> = v
        .hidden()
        .into_iter()
        .filter(|s| *s != Section::Minutes)
        .map(|s| labels::section_in_text(s, lang))
        .chain([S::PdfPlanTexts.get(lang).to_string()])
        .collect();
    let shared = if shown.is_empty() {
        S::PdfSharesNothing.fill(lang, &[&person, &reader.name])
    } else {
        S::PdfSharesSome.fill(
            lang,
            &[&person, &reader.name, &labels::join_and(&shown, lang)],
        )
    };
    S::PdfExtractFor.fill(
        lang,
        &[
            &who(reader, lang),
            &shared,
            &labels::join_and(&hidden, lang),
        ],
    )
}

fn goal_block(goal: &Goal, lang: Lang) -> Block {
    let mut inner = Vec::new();
    let words = if goal.own_words.is_empty() {
        goal.professional_wording.clone()
    } else {
        format!("«{}»", goal.own_words)
    };
    inner.push(Block::Para(words, Style::BODY.bold().size(11.0)));
    let mut meta = vec![S::PdfStatus.fill(lang, &[labels::goal_status(goal.status).get(lang)])];
    if let Some(t) = goal.target_date {
        meta.push(S::PdfTargetDate.fill(lang, &[&i18n::date(t)]));
    }
    if let Some(r) = goal.ratings.last() {
        meta.push(S::PdfOwnRating.fill(lang, &[&r.value.to_string(), &i18n::date(r.date)]));
    }
    if goal.expressed_by_person {
        meta.push(S::PdfWrittenByPerson.get(lang).into());
    }
    inner.push(small(meta.join("  ·  ")));
    if !goal.professional_wording.is_empty() && !goal.own_words.is_empty() {
        inner.push(Block::Para(
            S::PdfProfessional.fill(lang, &[&goal.professional_wording]),
            Style::BODY.colour(layout::GREY),
        ));
    }
    if let Some(e) = goal.evaluations.iter().max_by_key(|e| e.date) {
        inner.push(Block::Para(
            S::PdfLastEvaluation.fill(lang, &[&i18n::date(e.date), &e.text]),
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
    lang: Lang,
) -> Vec<Row> {
    actions
        .map(|a| {
            let status = if a.is_overdue(today) {
                S::PdfOverdue.get(lang).to_string()
            } else {
                labels::action_status(a.status).get(lang).to_string()
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

fn actions_table(rows: Vec<Row>, lang: Lang) -> Block {
    Block::Table(Table {
        widths: vec![0.45, 0.22, 0.15, 0.18],
        header: Some(vec![
            S::PdfActionWhat.get(lang).into(),
            S::PdfActionWho.get(lang).into(),
            S::PdfDue.get(lang).into(),
            S::Status.get(lang).into(),
        ]),
        rows,
        grid: true,
    })
}

fn crisis_blocks(case: &Case, blocks: &mut Vec<Block>, lang: Lang) {
    let cp = &case.crisis_plan;
    blocks.push(h2(S::TabCrisisPlan.get(lang)));
    if let Some(r) = cp.reviewed_on {
        let by = if cp.reviewed_by.is_empty() {
            String::new()
        } else {
            S::PdfReviewedBy.fill(lang, &[&cp.reviewed_by])
        };
        blocks.push(small(S::PdfReviewedOn.fill(lang, &[&i18n::date(r), &by])));
    }
    let zone_row = |zone: Zone| {
        let (title, fill) = match zone {
            Zone::Green => (S::PdfZoneGreen.get(lang), layout::GREEN),
            Zone::Yellow => (S::PdfZoneYellow.get(lang), layout::YELLOW),
            Zone::Red => (S::PdfZoneRed.get(lang), layout::RED),
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
            S::PdfZone.get(lang).into(),
            S::PdfSigns.get(lang).into(),
            S::PdfWhatIDo.get(lang).into(),
            S::PdfWhatOthersDo.get(lang).into(),
        ]),
        rows: Zone::ALL.iter().map(|z| zone_row(*z)).collect(),
        grid: true,
    }));
    text_section(blocks, S::PdfTriggers.get(lang), &cp.triggers);
    text_section(
        blocks,
        S::PdfHowToMeetMe.get(lang),
        &cp.how_i_want_to_be_met,
    );
    text_section(
        blocks,
        S::PdfWhatDoesNotHelp.get(lang),
        &cp.what_does_not_help,
    );
    text_section(
        blocks,
        S::PdfTreatmentWishes.get(lang),
        &cp.treatment_wishes,
    );
    text_section(
        blocks,
        S::PdfPracticalMatters.get(lang),
        &cp.practical_matters,
    );
    if !cp.contacts.is_empty() {
        blocks.push(h3(S::PdfCrisisContacts.get(lang)));
        blocks.push(Block::Table(Table {
            widths: vec![0.27, 0.23, 0.18, 0.32],
            header: Some(vec![
                S::Name.get(lang).into(),
                S::Role.get(lang).into(),
                S::Phone.get(lang).into(),
                S::PdfNote.get(lang).into(),
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

fn forms_blocks(
    case: &Case,
    forms: &PluginSections,
    clock: &Clock,
    blocks: &mut Vec<Block>,
    lang: Lang,
) {
    if case.forms.is_empty() {
        return;
    }
    blocks.push(h2(S::PdfLocalForms.get(lang)));
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
                    inner.push(small(S::PdfFormNoSummary.get(lang)));
                } else {
                    inner.extend(f.summary.iter().map(|l| para(l.clone())));
                }
                inner.push(small(
                    S::PdfFormChanged.fill(lang, &[&i18n::date(clock.local_date(entry.updated))]),
                ));
                blocks.push(Block::Keep(inner));
            }
            None => {
                blocks.push(h3(entry.plugin_id.clone()));
                blocks.push(Block::Notice(
                    super::not_installed(&entry.plugin_id, lang),
                    NOTICE,
                ));
            }
        }
    }
}

fn header_left(case: &Case, lang: Lang) -> String {
    let mut s = case.person.name.clone();
    if let Some(b) = case.person.birth_date {
        s.push_str(&S::PdfBorn.fill(lang, &[&i18n::date(b)]));
    }
    s
}

/// The individual plan as a PDF.
pub fn plan_pdf(
    case: &CaseView,
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
    case: &CaseView,
    forms: &PluginSections,
    opts: &PdfOptions,
) -> Result<Doc, ExportError> {
    let reader = reader_of(case)?;
    let v = case.visibility();
    let today = opts.date;
    let lang = opts.lang;
    let mut b = Vec::new();

    b.push(h1(S::PdfPlanTitle.get(lang)));
    b.push(Block::Para(
        case.person.name.clone(),
        Style::BODY.bold().size(14.0),
    ));
    match reader {
        Some(r) => b.push(Block::Notice(consent_notice(case, r, v, lang), NOTICE)),
        None => b.push(small(S::PdfCompleteNotice.get(lang))),
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
                who(c, lang)
            } else {
                format!("{}, {contact}", who(c, lang))
            }
        })
        .unwrap_or_else(|| S::PdfNotAppointed.get(lang).into());
    let mut rows = vec![
        (
            S::PdfPlanPeriod.get(lang),
            format!(
                "{} – {}",
                date(case.plan.period_start),
                date(case.plan.period_end)
            ),
        ),
        (S::PdfRevision.get(lang), date(case.plan.revision_date)),
        (S::RoleCoordinator.get(lang), coordinator),
    ];
    if v.full {
        if let Some(bd) = case.person.birth_date {
            rows.push((S::PdfBirthDate.get(lang), i18n::date(bd)));
        }
        let contact = [case.person.phone.as_str(), case.person.email.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        if !contact.is_empty() {
            rows.push((S::PdfContact.get(lang), contact));
        }
        if !case.person.address.is_empty() {
            rows.push((S::Address.get(lang), case.person.address.clone()));
        }
    }
    if let Some(next) = case.next_meeting() {
        rows.push((S::NextMeeting.get(lang), opts.date_time(next)));
    }
    rows.push((S::PdfDocumentDate.get(lang), i18n::date(today)));
    b.push(facts(rows));

    // § 19 point 1: goals, resources and needs.
    if v.full {
        b.push(h2(S::PdfGoalsResourcesNeeds.get(lang)));
        text_section(&mut b, S::PdfMainGoal.get(lang), &case.plan.main_goal);
        text_section(&mut b, S::PdfResources.get(lang), &case.plan.resources);
        text_section(&mut b, S::PdfNeeds.get(lang), &case.plan.needs);
    }
    let visible_goals: Vec<&Goal> = case.goals.iter().filter(|g| v.shows_goal(g)).collect();
    if !visible_goals.is_empty() || v.full {
        b.push(h2(S::TabGoals.get(lang)));
        if visible_goals.is_empty() {
            b.push(para(S::PdfNoGoals.get(lang)));
        }
        for d in LifeDomain::ALL {
            let goals: Vec<&&Goal> = visible_goals.iter().filter(|g| g.domain == d).collect();
            if goals.is_empty() {
                continue;
            }
            b.push(h3(labels::domain(d).get(lang)));
            for g in goals {
                b.push(goal_block(g, lang));
            }
        }
    }

    // § 19 points 5 and 6: actions, who is responsible, how they are carried out.
    if v.shows(Section::Actions) {
        b.push(h2(S::TabActions.get(lang)));
        let shown: Vec<_> = case
            .actions
            .iter()
            .filter(|a| v.shows_action(case, a))
            .collect();
        if shown.is_empty() {
            b.push(para(S::PdfNoActions.get(lang)));
        } else {
            b.push(actions_table(
                action_rows(case, shown.into_iter(), today, lang),
                lang,
            ));
        }
        if v.full {
            text_section(
                &mut b,
                S::PdfImplementation.get(lang),
                &case.plan.implementation,
            );
        }
    }

    // § 19 points 2, 3, 4 and 8: participants, their contribution, consent.
    b.push(h2(S::TabParticipants.get(lang)));
    let participant_rows = case
        .participants
        .iter()
        .map(|p| {
            let mut role = labels::role(p.role).get(lang).to_string();
            if case.plan.coordinator == Some(p.id) && p.role != Role::Coordinator {
                role.push_str(S::PdfAlsoCoordinator.get(lang));
            }
            if !p.organisation.is_empty() {
                role.push_str(&format!("\n{}", p.organisation));
            }
            let mut name = p.name.clone();
            if !p.phone.is_empty() {
                name.push_str(&format!("\n{}", S::PdfPhone.fill(lang, &[&p.phone])));
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
                S::Name.get(lang).into(),
                S::PdfRoleAndService.get(lang).into(),
                S::PdfContributes.get(lang).into(),
            ]),
            rows: participant_rows,
            grid: true,
        }
    } else {
        Table {
            widths: vec![0.40, 0.60],
            header: Some(vec![
                S::Name.get(lang).into(),
                S::PdfRoleAndService.get(lang).into(),
            ]),
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
        b.push(h3(S::PdfConsents.get(lang)));
        b.push(Block::Table(Table {
            widths: vec![0.25, 0.39, 0.18, 0.18],
            header: Some(vec![
                S::PdfTo.get(lang).into(),
                S::PdfCovers.get(lang).into(),
                S::PdfGiven.get(lang).into(),
                S::PdfWithdrawn.get(lang).into(),
            ]),
            rows: consents
                .iter()
                .map(|c| {
                    let to = match &c.recipient {
                        ConsentRecipient::Participant(id) => name_of(case, Some(*id)),
                        ConsentRecipient::Organisation(org) => {
                            S::PdfOrganisationAll.fill(lang, &[org])
                        }
                    };
                    let mut what = labels::join_and(
                        &c.sections
                            .iter()
                            .map(|s| labels::section_in_text(*s, lang))
                            .collect::<Vec<_>>(),
                        lang,
                    );
                    if !c.note.is_empty() {
                        what.push_str(&format!("\n{}", c.note));
                    }
                    let given = match c.given {
                        Some(g) => {
                            format!(
                                "{} ({})",
                                i18n::date(g),
                                labels::consent_method(c.method).get(lang)
                            )
                        }
                        None => S::PdfNotGiven.get(lang).into(),
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
        b.push(h2(S::PdfCooperation.get(lang)));
        b.push(para(case.plan.cooperation.clone()));
    }

    if v.shows(Section::CrisisPlan) {
        crisis_blocks(case, &mut b, lang);
    }
    if v.shows(Section::Forms) {
        forms_blocks(case, forms, &opts.clock, &mut b, lang);
    }

    Ok(Doc {
        header_left: header_left(case, lang),
        header_right: if reader.is_some() && !v.full {
            S::PdfPlanHeaderExtract.fill(lang, &[&i18n::date(today)])
        } else {
            S::PdfPlanHeader.fill(lang, &[&i18n::date(today)])
        },
        title: S::PdfPlanDocTitle.fill(lang, &[&case.person.name]),
        lang,
        blocks: b,
    })
}

/// What the meeting did with each goal and action it was about (on its agenda or in its
/// review), as far as the reader may see: gone through (with the rating given that day), put
/// off and why, or not gone through.
fn review_blocks(case: &CaseView, m: &Meeting, opts: &PdfOptions, b: &mut Vec<Block>) {
    let lang = opts.lang;
    let mut subjects: Vec<Subject> = m.reviews.iter().map(|r| r.subject).collect();
    for item in &m.agenda {
        subjects.extend(item.goals.iter().map(|g| Subject::Goal(*g)));
        subjects.extend(item.actions.iter().map(|a| Subject::Action(*a)));
    }
    let mut seen = std::collections::BTreeSet::new();
    subjects.retain(|s| seen.insert(*s));
    let day = opts.clock.local_date(m.starts_at);
    let lines: Vec<String> = subjects
        .iter()
        .filter_map(|s| {
            let outcome = match m.outcome(*s) {
                Some(Outcome::Reviewed) => {
                    let rated = match s {
                        Subject::Goal(g) => case
                            .goal(*g)
                            .and_then(|g| g.ratings.iter().rev().find(|r| r.date == day)),
                        Subject::Action(_) => None,
                    };
                    match rated {
                        Some(r) => S::PdfRatedOutcome.fill(lang, &[&r.value.to_string()]),
                        None => S::PdfReviewedOutcome.get(lang).to_string(),
                    }
                }
                Some(Outcome::Deferred { reason }) => S::PdfDeferredOutcome.fill(lang, &[reason]),
                Some(Outcome::Untouched) | None => S::PdfUntouchedOutcome.get(lang).to_string(),
            };
            // Only what the reader's view holds: a hidden goal or action is not named.
            match s {
                Subject::Goal(g) => case.goal(*g).map(|g| {
                    let words = if g.own_words.is_empty() {
                        &g.professional_wording
                    } else {
                        &g.own_words
                    };
                    S::PdfReviewGoal.fill(lang, &[&format!("«{words}»"), &outcome])
                }),
                Subject::Action(a) => case
                    .action(*a)
                    .map(|a| S::PdfReviewAction.fill(lang, &[&format!("«{}»", a.what), &outcome])),
            }
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    b.push(h2(S::PdfReview.get(lang)));
    b.push(para(lines.join("\n")));
}

/// The minutes of one meeting as a PDF.
pub fn minutes_pdf(
    case: &CaseView,
    meeting: MeetingId,
    forms: &PluginSections,
    opts: &PdfOptions,
) -> Result<Vec<u8>, ExportError> {
    let doc = minutes_document(case, meeting, forms, opts)?;
    layout::render(&doc)
        .map(|(bytes, _)| bytes)
        .map_err(ExportError::Pdf)
}

fn names(case: &Case, m: &Meeting, which: Attendance, lang: Lang) -> Vec<String> {
    case.participants
        .iter()
        .filter(|p| m.attendance.get(&p.id) == Some(&which))
        .map(|p| who(p, lang))
        .collect()
}

/// The minutes laid out as blocks, before rendering.
pub fn minutes_document(
    case: &CaseView,
    meeting: MeetingId,
    forms: &PluginSections,
    opts: &PdfOptions,
) -> Result<Doc, ExportError> {
    let m = case
        .meeting(meeting)
        .ok_or(ExportError::UnknownMeeting(meeting))?;
    let reader = reader_of(case)?;
    let v = case.visibility();
    let lang = opts.lang;
    if let Some(r) = reader
        && !v.shows(Section::Minutes)
    {
        return Err(ExportError::MinutesNotShared {
            person: case.person.name.clone(),
            reader: r.name.clone(),
        });
    }
    let mut b = Vec::new();
    b.push(h1(S::PdfMinutesTitle.get(lang)));
    b.push(Block::Para(
        S::PdfPlanFor.fill(lang, &[&case.person.name]),
        Style::BODY.bold().size(12.0),
    ));
    if let Some(r) = reader {
        let mut notice = S::PdfMinutesCopy.fill(lang, &[&who(r, lang), &case.person.name, &r.name]);
        // What the copy leaves out, as an extract of the plan says it.
        let hidden: Vec<String> = v
            .hidden()
            .into_iter()
            .map(|s| labels::section_in_text(s, lang))
            .collect();
        if !hidden.is_empty() {
            notice.push(' ');
            notice
                .push_str(&S::MinutesCopyLeavesOut.fill(lang, &[&labels::join_and(&hidden, lang)]));
        }
        b.push(Block::Notice(notice, NOTICE));
    }
    let approved = match &m.approved {
        Some(a) => S::PdfApproved.fill(lang, &[&i18n::date(a.on), &a.by]),
        None if m.ended => S::PdfNotApproved.get(lang).into(),
        None => S::PdfNotHeld.get(lang).into(),
    };
    b.push(facts(vec![
        (S::Time.get(lang), opts.date_time(m.starts_at)),
        (
            S::PdfPlace.get(lang),
            if m.place.is_empty() {
                "–".into()
            } else {
                m.place.clone()
            },
        ),
        (S::PdfChair.get(lang), name_of(case, m.chair)),
        (S::PdfNoteTaker.get(lang), name_of(case, m.note_taker)),
        (S::PdfTheMinutes.get(lang), approved),
    ]));

    // Approved minutes change only by a correction: this meeting's own, and those made to the
    // last meeting's minutes, which these minutes mention.
    let corrections = |cs: &[crate::domain::Correction]| {
        cs.iter()
            .map(|c| S::CorrectionLine.fill(lang, &[&i18n::date(c.on), &c.by, &c.what]))
            .collect::<Vec<_>>()
            .join("\n")
    };
    if !m.corrections.is_empty() {
        b.push(h2(S::PdfCorrections.get(lang)));
        b.push(para(corrections(&m.corrections)));
    }
    let previous = case
        .meetings
        .iter()
        .filter(|p| p.ended && p.starts_at < m.starts_at)
        .max_by_key(|p| p.starts_at);
    if let Some(p) = previous.filter(|p| !p.corrections.is_empty()) {
        let day = i18n::date(opts.clock.local_date(p.starts_at));
        b.push(h2(&S::PdfPreviousCorrections.fill(lang, &[&day])));
        b.push(para(corrections(&p.corrections)));
    }

    b.push(h2(S::Present.get(lang)));
    let present = names(case, m, Attendance::Present, lang);
    b.push(para(if present.is_empty() {
        S::PdfNotRecorded.get(lang).to_string()
    } else {
        present.join("\n")
    }));
    let apologies = names(case, m, Attendance::SentApologies, lang);
    b.push(h2(S::SentApologies.get(lang)));
    b.push(para(if apologies.is_empty() {
        S::PdfNone.get(lang).to_string()
    } else {
        apologies.join("\n")
    }));
    let absent = names(case, m, Attendance::Absent, lang);
    if !absent.is_empty() {
        b.push(h2(S::Absent.get(lang)));
        b.push(para(absent.join("\n")));
    }

    b.push(h2(S::PdfItems.get(lang)));
    if m.agenda.is_empty() {
        b.push(para(S::PdfNoItems.get(lang)));
    }
    for (n, item) in m.agenda.iter().enumerate() {
        b.push(h3(format!("{}. {}", n + 1, item.title)));
        b.push(para(if item.minutes.trim().is_empty() {
            "–".to_string()
        } else {
            item.minutes.clone()
        }));
    }

    review_blocks(case, m, opts, &mut b);

    b.push(h2(S::PdfAgreements.get(lang)));
    let agreed: Vec<_> = case
        .actions
        .iter()
        .filter(|a| a.agreed_in == Some(m.id))
        .collect();
    if !agreed.is_empty() {
        b.push(actions_table(
            action_rows(case, agreed.into_iter(), opts.date, lang),
            lang,
        ));
    }
    if !m.agreements.trim().is_empty() {
        b.push(para(m.agreements.clone()));
    } else if case.actions.iter().all(|a| a.agreed_in != Some(m.id)) {
        b.push(para(S::PdfNoAgreements.get(lang)));
    }

    if v.shows(Section::Forms) && !case.forms.is_empty() {
        forms_blocks(case, forms, &opts.clock, &mut b, lang);
    }

    b.push(h2(S::NextMeeting.get(lang)));
    b.push(para(
        m.next_meeting
            .map(|t| opts.date_time(t))
            .unwrap_or_else(|| S::PdfNotAgreed.get(lang).into()),
    ));
    b.push(h2(S::PdfRecipients.get(lang)));
    let recipients: Vec<String> = m
        .minutes_recipients
        .iter()
        .filter_map(|id| case.participant(*id))
        .map(|p| who(p, lang))
        .collect();
    b.push(para(if recipients.is_empty() {
        S::PdfNoRecipients.get(lang).to_string()
    } else {
        recipients.join("\n")
    }));

    let day = opts.clock.local_date(m.starts_at);
    Ok(Doc {
        header_left: header_left(case, lang),
        header_right: S::PdfMinutesHeader.fill(lang, &[&i18n::date(day), &i18n::date(opts.date)]),
        title: S::PdfMinutesDocTitle.fill(lang, &[&i18n::date(day), &case.person.name]),
        lang,
        blocks: b,
    })
}
