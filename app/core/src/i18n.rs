//! The languages the user interface and user-facing messages speak.

use serde::{Deserialize, Serialize};

/// A user-facing language. Norwegian bokmål is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Nb,
    En,
}

impl Lang {
    /// Picks the bokmål or English text.
    pub fn pick<'a>(self, nb: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nb => nb,
            Lang::En => en,
        }
    }
}

/// A date the Norwegian way: 24.11.2026.
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}
