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

/// A stored UTC time on this computer's clock. Never panics: a time at the very edge of
/// chrono's range (only a damaged or hostile file holds one) is shown as UTC instead.
pub fn local(t: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    use chrono::{Offset, TimeZone};
    let utc = t.naive_utc();
    let offset = chrono::Local.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset).unwrap_or(utc)
}

/// The local date of a stored time.
pub fn local_date(t: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    local(t).date()
}

/// A stored time as date and clock time: 24.11.2026 09:00.
pub fn date_time(t: chrono::DateTime<chrono::Utc>) -> String {
    let l = local(t);
    format!("{} {}", date(l.date()), l.format("%H:%M"))
}

/// A date the Norwegian way: 24.11.2026.
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_at_the_ends_of_chronos_range_are_shown_not_panicked_on() {
        // A damaged or hostile file may hold them; the case list formats every next meeting.
        for t in [
            chrono::DateTime::<chrono::Utc>::MAX_UTC,
            chrono::DateTime::<chrono::Utc>::MIN_UTC,
        ] {
            assert!(!date_time(t).is_empty());
        }
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-24T08:00:00Z")
            .map(|t| t.to_utc())
            .ok();
        assert_eq!(
            t.map(local_date)
                .map(|d| d.to_string())
                .as_deref()
                .map(|d| &d[..4]),
            Some("2026")
        );
    }
}
