//! Form rules in plain Rust, without the WIT types: the one implementation that both the
//! guest SDK (the checks in [`crate::check`]) and the Ansvar host (its form renderer) use, so a
//! field is shown, required and read the same way on both sides of the boundary.

use std::fmt;

use serde_json::{Map, Value};

/// What a `show-when` condition compares the other field's value with (the WIT
/// `match-value`, borrowed).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Match<'a> {
    /// A single choice is one of these; a multiple choice has at least one of them selected;
    /// a text equals one of them.
    OneOf(&'a [String]),
    /// A yes/no field is answered this.
    YesNo(bool),
    /// The field has any non-empty value.
    Answered,
}

/// Whether "show when `field` matches `is`" holds for `record` (the whole form, or the row a
/// sub-field belongs to). A missing record holds nothing.
pub fn holds(field: &str, is: Match<'_>, record: Option<&Map<String, Value>>) -> bool {
    let value = record.and_then(|r| r.get(field)).filter(|v| !v.is_null());
    match is {
        Match::YesNo(expected) => value.and_then(Value::as_bool) == Some(expected),
        Match::Answered => value.is_some_and(is_answered),
        Match::OneOf(values) => match value {
            Some(Value::String(s)) => values.iter().any(|v| v == s),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .any(|s| values.iter().any(|v| v == s)),
            _ => false,
        },
    }
}

/// Whether a raw value counts as an answer: not null, not an empty or whitespace-only string,
/// not an empty array.
pub fn is_answered(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => true,
    }
}

/// A time of day on the 24-hour clock, as the form data holds it: "HH:MM". Ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
}

impl TimeOfDay {
    pub fn new(hour: u8, minute: u8) -> Option<TimeOfDay> {
        (hour < 24 && minute < 60).then_some(TimeOfDay { hour, minute })
    }

    /// Parses exactly "HH:MM" ("09:30"; not "9:30", "24:00" or "09:30:00").
    pub fn parse(text: &str) -> Option<TimeOfDay> {
        let b = text.as_bytes();
        if b.len() != 5 || b[2] != b':' {
            return None;
        }
        let two = |i: usize| -> Option<u8> {
            let (t, o) = (b[i], b[i + 1]);
            (t.is_ascii_digit() && o.is_ascii_digit()).then(|| (t - b'0') * 10 + (o - b'0'))
        };
        TimeOfDay::new(two(0)?, two(3)?)
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.hour) * 60 + u32::from(self.minute)
    }
}

/// "HH:MM", as stored; Norwegian text writes the same ("kl. 09:30").
impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Map<String, Value> {
        match serde_json::from_str(json) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn conditions() {
        let r = record(r#"{"yes":true,"c":"a","m":["x","b"],"t":"  ","n":null,"e":[]}"#);
        let ab = ["a".to_string(), "b".to_string()];
        assert!(holds("yes", Match::YesNo(true), Some(&r)));
        assert!(!holds("yes", Match::YesNo(false), Some(&r)));
        assert!(!holds("missing", Match::YesNo(false), Some(&r)));
        assert!(holds("c", Match::OneOf(&ab), Some(&r)));
        assert!(holds("m", Match::OneOf(&ab), Some(&r)));
        assert!(!holds("yes", Match::OneOf(&ab), Some(&r)));
        assert!(holds("c", Match::Answered, Some(&r)));
        for empty in ["t", "n", "e", "missing"] {
            assert!(!holds(empty, Match::Answered, Some(&r)), "{empty}");
        }
        assert!(!holds("c", Match::Answered, None));
    }

    #[test]
    fn times_of_day() {
        let t = TimeOfDay::parse("09:05").unwrap();
        assert_eq!((t.hour(), t.minute(), t.minutes()), (9, 5, 545));
        assert_eq!(t.to_string(), "09:05");
        assert_eq!(TimeOfDay::parse("23:59"), TimeOfDay::new(23, 59));
        for bad in [
            "9:05", "24:00", "12:60", "12.30", "12:30:00", "ab:cd", "", "+1:00",
        ] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
        assert!(TimeOfDay::parse("08:00") < TimeOfDay::parse("16:30"));
    }
}
