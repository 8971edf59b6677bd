//! The notice of a meeting (innkalling) as a PDF: time, place, the agenda and what is due, for
//! one reader, from their [`CaseView`].

use super::layout::{self, Block, Doc, NOTICE, Style};
use super::{
    ExportError, PdfOptions, action_rows, actions_table, consent_notice, facts, h1, h2, h3,
    header_left, para, reader_of, small, who,
};
use crate::consent::CaseView;
use crate::export::cycle::{NextMeeting, due, goal_words};
use crate::i18n;
use crate::text::S;

/// The notice for `view`'s reader as a PDF.
pub fn notice_pdf(
    view: &CaseView,
    next: &NextMeeting,
    opts: &PdfOptions,
) -> Result<Vec<u8>, ExportError> {
    let doc = notice_document(view, next, opts)?;
    layout::render(&doc)
        .map(|(bytes, _)| bytes)
        .map_err(ExportError::Pdf)
}

/// The notice laid out as blocks, before rendering.
pub fn notice_document(
    view: &CaseView,
    next: &NextMeeting,
    opts: &PdfOptions,
) -> Result<Doc, ExportError> {
    let lang = opts.lang;
    let reader = reader_of(view)?;
    let day = opts.clock.local_date(next.starts_at);
    let mut b = Vec::new();
    b.push(h1(S::NoticeTitle.get(lang)));
    b.push(Block::Para(
        S::PdfPlanFor.fill(lang, &[&view.person.name]),
        Style::BODY.bold().size(12.0),
    ));
    if let Some(r) = reader {
        b.push(Block::Notice(
            consent_notice(view, r, view.visibility(), lang),
            NOTICE,
        ));
    }
    let mut rows = vec![
        (S::Time.get(lang), opts.date_time(next.starts_at)),
        (
            S::PdfPlace.get(lang),
            if next.place.trim().is_empty() {
                "–".into()
            } else {
                next.place.clone()
            },
        ),
    ];
    if let Some(c) = view.coordinator() {
        let contact = [c.phone.as_str(), c.email.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        rows.push((
            S::RoleCoordinator.get(lang),
            if contact.is_empty() {
                who(c, lang)
            } else {
                format!("{}, {contact}", who(c, lang))
            },
        ));
    }
    if let Some(r) = reader {
        rows.push((S::NoticeTo.get(lang), who(r, lang)));
    }
    b.push(facts(rows));

    b.push(h2(S::NoticeAgenda.get(lang)));
    for (n, title) in next.agenda.iter().enumerate() {
        b.push(para(format!("{}. {title}", n + 1)));
    }

    b.push(h2(S::NoticeDue.get(lang)));
    let due = due(view, next, opts);
    if due.is_empty() {
        b.push(para(S::NoticeNothingDue.get(lang)));
    }
    if !due.actions.is_empty() {
        b.push(h3(S::NoticeDueActions.get(lang)));
        b.push(actions_table(
            action_rows(view, due.actions.iter().copied(), opts.date, lang),
            lang,
        ));
    }
    if !due.goals.is_empty() {
        b.push(h3(S::NoticeDueGoals.get(lang)));
        for g in &due.goals {
            b.push(para(format!("• {}", goal_words(g))));
        }
    }
    if let Some(c) = &due.crisis_plan {
        b.push(h3(S::TabCrisisPlan.get(lang)));
        b.push(para(c.clone()));
    }
    if !due.plan.is_empty() {
        b.push(h3(S::NoticeThePlan.get(lang)));
        for line in &due.plan {
            b.push(para(line.clone()));
        }
    }
    if let Some(c) = view.coordinator() {
        b.push(Block::Space(8.0));
        b.push(small(S::NoticeApologies.fill(lang, &[&c.name])));
    }

    Ok(Doc {
        header_left: header_left(view, lang),
        header_right: S::NoticeHeader.fill(lang, &[&i18n::date(day)]),
        title: S::NoticeDocTitle.fill(lang, &[&i18n::date(day), &view.person.name]),
        lang,
        blocks: b,
    })
}
