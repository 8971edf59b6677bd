//! Number and word formatting for bokmål and English summary text.

/// "12 500" / "12 500,5" (space as thousands separator, comma as decimal mark).
pub fn number_nb(value: f64, decimals: usize) -> String {
    grouped(value, decimals, ' ', ',')
}

/// "12,500" / "12,500.5".
pub fn number_en(value: f64, decimals: usize) -> String {
    grouped(value, decimals, ',', '.')
}

/// "12 500 kr".
pub fn nok_nb(amount: f64) -> String {
    format!("{} kr", number_nb(amount, 0))
}

/// "NOK 12,500".
pub fn nok_en(amount: f64) -> String {
    format!("NOK {}", number_en(amount, 0))
}

/// `one` when `n == 1`, else `many`: `plural(3, "kontakt", "kontakter")`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// "Innvilget" → "innvilget", for labels used mid-sentence.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// At most `max` characters, with "…" when cut.
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

/// A number without trailing zeros: 20 → "20", 20.5 → "20,5" (nb).
pub fn compact_nb(value: f64) -> String {
    compact(value, ' ', ',')
}

/// A number without trailing zeros: 20 → "20", 20.5 → "20.5" (en).
pub fn compact_en(value: f64) -> String {
    compact(value, ',', '.')
}

fn compact(value: f64, thousands: char, decimal: char) -> String {
    let text = grouped(value, 2, thousands, decimal);
    match text.split_once(decimal) {
        Some((whole, fraction)) => {
            let fraction = fraction.trim_end_matches('0');
            if fraction.is_empty() {
                whole.to_string()
            } else {
                format!("{whole}{decimal}{fraction}")
            }
        }
        None => text,
    }
}

fn grouped(value: f64, decimals: usize, thousands: char, decimal: char) -> String {
    if !value.is_finite() {
        return String::from("?");
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    let negative = value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    if negative {
        out.push('-');
    }
    let len = whole.len();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if let Some(fraction) = fraction {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(number_nb(12500.0, 0), "12 500");
        assert_eq!(number_en(1234567.891, 2), "1,234,567.89");
        assert_eq!(number_nb(-0.4, 0), "0");
        assert_eq!(number_nb(-1500.0, 0), "-1 500");
        assert_eq!(nok_nb(950.0), "950 kr");
        assert_eq!(nok_en(12500.0), "NOK 12,500");
        assert_eq!(compact_nb(20.0), "20");
        assert_eq!(compact_nb(20.5), "20,5");
        assert_eq!(compact_en(1450.25), "1,450.25");
        assert_eq!(plural(1, "kontakt", "kontakter"), "kontakt");
        assert_eq!(number_nb(f64::NAN, 0), "?");
        assert_eq!(lower_first("Økonomi"), "økonomi");
        assert_eq!(truncate("abcdef", 3), "abc…");
        assert_eq!(truncate("æøå", 3), "æøå");
    }
}
