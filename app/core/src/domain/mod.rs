//! The plan model and its edits. Plain Rust and serde: no UI, no storage.

pub mod agenda;
pub mod edit;
pub mod model;

pub use edit::{
    AT_END, DateField, DateKind, Edit, EditError, EntityKind, InvalidReason,
    MAX_AGENDA_ITEM_SECONDS, Referrer, TextField, apply, apply_new, check_new,
};
pub use model::*;

use serde::{Deserialize, Serialize};

/// Who made an edit: a staff member using the app, or the person writing their own plan.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Author {
    Staff {
        name: String,
        organisation: String,
    },
    /// The person the plan is for, editing in their own mode.
    Person {
        name: String,
    },
}

impl Author {
    pub fn name(&self) -> &str {
        match self {
            Author::Staff { name, .. } | Author::Person { name } => name,
        }
    }
}
