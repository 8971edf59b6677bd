//! Plugin forms' data on a case.

use chrono::{DateTime, Utc};

use super::list::{ListEntity, check_texts, list_entity, modify};
use super::{Edit, EditError, EntityKind};
use crate::domain::model::*;

impl ListEntity for FormEntry {
    list_entity! {
        FormEntry: FormEntryId in forms,
        InsertFormEntry { entry } / RemoveFormEntry
    }

    fn check(&self, _: &Case) -> Result<(), EditError> {
        check_texts([&self.plugin_id, &self.plugin_version, &self.data])
    }
}

/// New data from the plugin, with the plugin version that wrote it; the arguments get the old.
pub(super) fn set_data(
    case: &mut Case,
    id: FormEntryId,
    data: &mut String,
    plugin_version: &mut String,
    updated: &mut DateTime<Utc>,
) -> Result<(), EditError> {
    modify(case, id, |f| {
        std::mem::swap(&mut f.data, data);
        std::mem::swap(&mut f.plugin_version, plugin_version);
        std::mem::swap(&mut f.updated, updated);
    })
}
