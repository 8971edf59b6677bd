//! Reading form data (JSON text from the host) without panicking.

use serde_json::{Map, Value};

use crate::logic::is_answered;
use crate::{Date, FieldMessage, TimeOfDay};

/// Parsed form data: a JSON object keyed by field id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormData {
    root: Map<String, Value>,
}

impl FormData {
    /// Parses the data the host passes. Empty text and `null` mean an empty
    /// form. Anything but a JSON object is an error message for the whole form.
    pub fn parse(json: &str) -> Result<Self, FieldMessage> {
        if json.trim().is_empty() {
            return Ok(Self::default());
        }
        match serde_json::from_str::<Value>(json) {
            Ok(Value::Object(root)) => Ok(Self { root }),
            Ok(Value::Null) => Ok(Self::default()),
            Ok(_) => Err(FieldMessage::error(
                "",
                "Skjemadataene er ikke et JSON-objekt.",
                "The form data is not a JSON object.",
            )),
            Err(_) => Err(FieldMessage::error(
                "",
                "Skjemadataene kan ikke leses (ugyldig JSON).",
                "The form data cannot be read (invalid JSON).",
            )),
        }
    }

    /// The top-level record.
    pub fn record(&self) -> Record<'_> {
        Record {
            map: Some(&self.root),
        }
    }
}

/// A view of one JSON object: the whole form, or one row of a repeating group.
///
/// Every getter returns `None` (or an empty list) when the field is absent,
/// `null`, empty, or of the wrong JSON type.
#[derive(Clone, Copy, Debug, Default)]
pub struct Record<'a> {
    map: Option<&'a Map<String, Value>>,
}

impl<'a> Record<'a> {
    /// A view of a JSON object (e.g. a value obtained with [`Record::raw`]).
    pub fn from_map(map: &'a Map<String, Value>) -> Self {
        Self { map: Some(map) }
    }

    /// The JSON object itself (`None` for a row that is not an object).
    pub fn map(&self) -> Option<&'a Map<String, Value>> {
        self.map
    }

    /// The raw JSON value; `null` counts as absent.
    pub fn raw(&self, id: &str) -> Option<&'a Value> {
        match self.map?.get(id)? {
            Value::Null => None,
            value => Some(value),
        }
    }

    /// True when the field has a non-empty value.
    pub fn is_answered(&self, id: &str) -> bool {
        self.raw(id).is_some_and(is_answered)
    }

    /// Text (short or long), trimmed; `None` if empty.
    pub fn text(&self, id: &str) -> Option<&'a str> {
        let text = self.raw(id)?.as_str()?.trim();
        (!text.is_empty()).then_some(text)
    }

    /// A finite number.
    pub fn number(&self, id: &str) -> Option<f64> {
        self.raw(id)?.as_f64().filter(|n| n.is_finite())
    }

    /// A yes/no answer.
    pub fn yes_no(&self, id: &str) -> Option<bool> {
        self.raw(id)?.as_bool()
    }

    /// True only when the yes/no field is answered "yes".
    pub fn is_yes(&self, id: &str) -> bool {
        self.yes_no(id) == Some(true)
    }

    /// A valid "YYYY-MM-DD" date.
    pub fn date(&self, id: &str) -> Option<Date> {
        Date::parse(self.raw(id)?.as_str()?)
    }

    /// A valid "HH:MM" time of day.
    pub fn time_of_day(&self, id: &str) -> Option<TimeOfDay> {
        TimeOfDay::parse(self.raw(id)?.as_str()?)
    }

    /// The value of a single choice.
    pub fn choice(&self, id: &str) -> Option<&'a str> {
        self.text(id)
    }

    /// The values of a multiple choice (non-string entries are skipped).
    pub fn choices(&self, id: &str) -> Vec<&'a str> {
        match self.raw(id) {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// A 1–5 scale value.
    pub fn scale(&self, id: &str) -> Option<u8> {
        let n = self.raw(id)?.as_u64()?;
        (1..=5).contains(&n).then_some(n as u8)
    }

    /// The rows of a repeating group. Indices match the JSON array, so a row
    /// that is not an object appears as an empty record.
    pub fn rows(&self, id: &str) -> Vec<Record<'a>> {
        match self.raw(id) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| Record {
                    map: item.as_object(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_empty_and_null() {
        assert_eq!(FormData::parse("").ok(), Some(FormData::default()));
        assert_eq!(FormData::parse("null").ok(), Some(FormData::default()));
        assert!(FormData::parse("[1]").is_err());
        assert!(FormData::parse("{").is_err());
    }

    #[test]
    fn getters_tolerate_wrong_types() {
        let data = FormData::parse(
            r#"{"t":" hei ","n":"12","b":1,"d":"2025-13-01","s":7,"c":["a",3,"b"],
                "g":[{"x":"1"},5,{"x":"2"}]}"#,
        )
        .unwrap();
        let r = data.record();
        assert_eq!(r.text("t"), Some("hei"));
        assert_eq!(r.number("n"), None);
        assert_eq!(r.yes_no("b"), None);
        assert_eq!(r.date("d"), None);
        assert_eq!(r.scale("s"), None);
        assert_eq!(r.choices("c"), vec!["a", "b"]);
        let rows = r.rows("g");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].text("x"), None);
        assert_eq!(rows[2].text("x"), Some("2"));
        assert_eq!(r.text("missing"), None);
    }
}
