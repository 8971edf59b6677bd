//! The tabs of an open case. Each is a module with a type that implements [`Panel`]; the list
//! in [`case_panels`] is the only place that names them all. A panel reads the case through a
//! [`View`] and pushes commands: it never reads the store, installs plugins or changes state.

use egui::Ui;

use super::{Command, S, View};
use super::{actions, crisis_plan, forms, goals, history, meeting, overview, participants};
use crate::domain::Case;

pub trait Panel {
    /// The tab's name; also how a command names the tab.
    fn title(&self) -> S;

    /// Whether the panel shows the edit log: the app then reads it into the view.
    fn needs_log(&self) -> bool {
        false
    }

    fn show(&mut self, ui: &mut Ui, view: &View, out: &mut Vec<Command>);
}

/// The tabs of `case`, in the order the tab bar shows them, each with fresh state.
pub fn case_panels(case: &Case) -> Vec<Box<dyn Panel>> {
    vec![
        Box::new(overview::OverviewUi::default()),
        Box::new(meeting::MeetingUi::for_case(case)),
        Box::new(goals::GoalsUi::default()),
        Box::new(crisis_plan::CrisisUi::default()),
        Box::new(actions::ActionsUi::default()),
        Box::new(forms::FormsUi::default()),
        Box::new(participants::ParticipantsUi::default()),
        Box::new(history::HistoryUi::default()),
    ]
}
