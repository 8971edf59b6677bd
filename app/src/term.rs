//! Text for the terminal: names and other case or file text can hold escape sequences, other
//! control characters or bidirectional overrides that would rewrite the screen or disguise
//! the output. Every line the command prints goes through [`safe`] (via `say!`/`tell!`).

use std::borrow::Cow;

/// Whether `c` may not reach a terminal as it is: C0 and C1 controls but newline and tab,
/// DEL, and the characters that reorder or hide text (bidi embeddings, overrides, isolates,
/// marks, line and paragraph separators).
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every unsafe character written as a visible `\u{…}` escape. JSON stays JSON:
/// such characters only occur inside strings there, where the `\uXXXX` form means the same.
pub fn safe(text: &str, json: bool) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            if json {
                out.push_str(&format!("\\u{:04x}", c as u32));
            } else {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Prints a line on stdout, made safe for the terminal.
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", $crate::term::safe(&format!($($arg)*), false))
    };
}

/// Prints JSON on stdout, made safe for the terminal and still the same JSON.
macro_rules! say_json {
    ($($arg:tt)*) => {
        println!("{}", $crate::term::safe(&format!($($arg)*), true))
    };
}

/// Prints a line on stderr, made safe for the terminal.
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::term::safe(&format!($($arg)*), false))
    };
}

pub(crate) use {say, say_json, tell};

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn escapes_and_overrides_are_made_visible() {
        assert_eq!(safe("Kari\u{1b}[2J", false), "Kari\\u{1b}[2J");
        assert_eq!(safe("a\u{202e}b\u{9b}c", false), "a\\u{202e}b\\u{9b}c");
        assert_eq!(safe("linje 1\nlinje 2\tå", false), "linje 1\nlinje 2\tå");
        let json = serde_json::to_string("x\u{202e}y").unwrap();
        let shown = safe(&json, true);
        assert_eq!(
            serde_json::from_str::<String>(&shown).unwrap(),
            "x\u{202e}y"
        );
    }
}
