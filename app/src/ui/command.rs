//! What a panel can ask for, in groups by what it acts on. Panels never change state
//! themselves: they push a [`Command`], and [`super::AppState::execute`] carries it out.
//!
//! Keyboard shortcuts are data here ([`SHORTCUTS`]): the key handler and the help screen both
//! read the same table.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::S;
use crate::domain::{AgendaItemId, Author, CaseId, Edit, FormEntryId, MeetingId};
use crate::i18n::Lang;

// A command lives for one frame and a few are made per frame: an edit inline costs nothing
// worth a box on every call site.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Command {
    Case(CaseCommand),
    View(ViewCommand),
    Plugin(PluginCommand),
    App(AppCommand),
}

/// Changes to the open case, all through the session's one edit path.
#[derive(Clone, Debug)]
pub enum CaseCommand {
    /// Apply an edit as the staff member using the app.
    Edit(Edit),
    /// Apply an edit as the person the plan is for (their own mode).
    EditAsPerson(Edit),
    /// An edit the person made on the room's own window (their own mode there): theirs, and
    /// made on the room's view of the case.
    EditInRoom(Edit),
    Undo,
    Redo,
    /// Export the plan (`None`) or a meeting's minutes as PDF.
    ExportPdf(Option<MeetingId>),
    /// Write the next meeting's notice for each participant into a folder the user picks.
    SendNotice,
    /// Approve a meeting's minutes and write them for each recipient into a folder.
    ApproveAndSendMinutes(MeetingId),
}

/// Which case and panel is shown, and how.
#[derive(Clone, Debug)]
pub enum ViewCommand {
    OpenCase(CaseId),
    /// Open a case at this tab (a line of the coordinator's week).
    OpenCaseAt(CaseId, S),
    CloseCase,
    /// Show the panel with this title.
    SetTab(S),
    TogglePresentation,
    SetHighContrast(bool),
    SetCurtain(bool),
    ToggleCurtain,
    TogglePersonMode,
    ShowHelp(bool),
    ToggleHelp,
    ZoomBy(f32),
    ShowPlugins(bool),
    SetPresentation(bool),
    /// The agenda item in focus at the running meeting (both windows show it).
    FocusAgendaItem(Option<AgendaItemId>),
    /// Present in the coordinator's window only (`true`), or give the room its own window.
    SetOneScreen(bool),
    SetRoomFullscreen(bool),
    ToggleRoomFullscreen,
    /// Ctrl +/− pressed in the room's own window: its type size.
    ZoomRoomBy(f32),
}

/// Installed plugins.
#[derive(Clone, Debug)]
pub enum PluginCommand {
    Install,
    /// The user decided on the package checked for installing: install it, granting what it
    /// asks to read (`true`) or nothing (`false`).
    ApprovePending(bool),
    /// The user cancelled installing the package checked.
    CancelPending,
    Remove(String),
    /// A plugin call failed because of the plugin: mark it failing (id, message).
    Failed(String, String),
    /// Ask the plugin service about a form entry's data (the answer comes in a later frame).
    Ask(Box<AskPlugin>),
    /// Check every catalogue source again, in the background.
    CheckSources,
    AddSource {
        location: String,
        key: String,
        name: String,
    },
    RemoveSource(String),
    /// Install or update from a catalogue. `None` asks for approval first when the offer asks
    /// to read something new; `Some(grant)` is the user's answer.
    GetOffer(Box<crate::plugins::catalog::Offer>, Option<bool>),
    CancelOffer,
}

/// What the forms panel asks a plugin: messages, summary and computed values for `data`.
#[derive(Clone, Debug)]
pub struct AskPlugin {
    pub entry: FormEntryId,
    /// Which data the answer will be about.
    pub data_hash: u64,
    pub plugin: String,
    pub data: String,
    pub context: crate::plugins::api::CaseContext,
    /// Asked for the whole case (the desk), not a filtered view (the room).
    pub whole: bool,
}

/// The app and this computer: cases, the user, settings, messages.
#[derive(Clone, Debug)]
pub enum AppCommand {
    NewCase,
    WriteDemo,
    /// Who is using this computer: the author of every edit from now on.
    SetUser(Author),
    /// Minutes without input before the screen hides itself.
    SetIdleLock(u64),
    SetLang(Lang),
    /// Lift the curtain of a locked screen: the passphrase takes the data key again.
    Unlock(crate::store::Passphrase),
    /// Show a message to the user (empty: dismiss it).
    Notify(String),
}

impl Command {
    /// An edit by the staff member using the app: what most panels send.
    pub fn edit(edit: Edit) -> Command {
        Command::Case(CaseCommand::Edit(edit))
    }

    /// An edit by the person the plan is for.
    pub fn edit_as_person(edit: Edit) -> Command {
        Command::Case(CaseCommand::EditAsPerson(edit))
    }

    pub fn notify(message: impl Into<String>) -> Command {
        Command::App(AppCommand::Notify(message.into()))
    }
}

/// A keyboard shortcut: the keys (any of them), what they do, and the help screen's words.
pub struct Shortcut {
    pub keys: &'static [KeyboardShortcut],
    /// `None`: handled by a widget (listed on the help screen only).
    pub command: Option<fn() -> Command>,
    /// How the keys are written on the help screen.
    pub label: &'static str,
    pub help: S,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};
const NONE: Modifiers = Modifiers::NONE;

/// Every keyboard shortcut, in the order the help screen lists them. The first match wins, so
/// Ctrl+Shift+Z comes before Ctrl+Z.
pub const SHORTCUTS: &[Shortcut] = &[
    Shortcut {
        keys: &[key(NONE, Key::F1)],
        command: Some(|| Command::View(ViewCommand::ToggleHelp)),
        label: "F1",
        help: S::HelpF1,
    },
    Shortcut {
        keys: &[key(NONE, Key::F5)],
        command: Some(|| Command::View(ViewCommand::TogglePresentation)),
        label: "F5",
        help: S::HelpF5,
    },
    Shortcut {
        keys: &[key(NONE, Key::F9)],
        command: Some(|| Command::View(ViewCommand::ToggleCurtain)),
        label: "F9",
        help: S::HelpF9,
    },
    Shortcut {
        keys: &[key(NONE, Key::F11)],
        command: Some(|| Command::View(ViewCommand::ToggleRoomFullscreen)),
        label: "F11",
        help: S::HelpF11,
    },
    Shortcut {
        keys: &[],
        command: None,
        label: "Esc",
        help: S::HelpEscRoom,
    },
    Shortcut {
        keys: &[key(CTRL_SHIFT, Key::Z)],
        command: Some(|| Command::Case(CaseCommand::Redo)),
        label: "Ctrl+Shift+Z",
        help: S::HelpRedo,
    },
    Shortcut {
        keys: &[key(CTRL, Key::Z)],
        command: Some(|| Command::Case(CaseCommand::Undo)),
        label: "Ctrl+Z",
        help: S::HelpUndo,
    },
    Shortcut {
        keys: &[key(CTRL, Key::Plus), key(CTRL, Key::Equals)],
        command: Some(|| Command::View(ViewCommand::ZoomBy(1.1))),
        label: "Ctrl +",
        help: S::HelpZoomIn,
    },
    Shortcut {
        keys: &[key(CTRL, Key::Minus)],
        command: Some(|| Command::View(ViewCommand::ZoomBy(1.0 / 1.1))),
        label: "Ctrl −",
        help: S::HelpZoomOut,
    },
    Shortcut {
        keys: &[],
        command: None,
        label: "Tab / Shift+Tab",
        help: S::HelpTab,
    },
    Shortcut {
        keys: &[],
        command: None,
        label: "Enter",
        help: S::HelpEnter,
    },
    Shortcut {
        keys: &[],
        command: None,
        label: "D",
        help: S::HelpDone,
    },
];

/// The commands of the shortcuts pressed this frame. Consumed before any widget sees them, so
/// that Ctrl+Z undoes through the edit log even while a text field has focus.
pub fn from_keys(ctx: &egui::Context) -> Vec<Command> {
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        for s in SHORTCUTS {
            let Some(command) = s.command else { continue };
            if s.keys.iter().any(|k| i.consume_shortcut(k)) {
                out.push(command());
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_shortcuts_share_keys() {
        let keys: Vec<_> = SHORTCUTS.iter().flat_map(|s| s.keys).collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(a), "{a:?} is used twice");
        }
    }
}
