//! The envelope around every stored value: one format byte, the payload, and a check.
//!
//! ```text
//! [format: u8][payload ...][check]
//! format 0x01: check = CRC-32 (IEEE, little-endian, 4 bytes) over format byte and payload
//! ```
//!
//! A changed byte anywhere in a value fails the check, so damage is refused instead of being
//! read as different data. The at-rest encryption can add a format (nonce + ciphertext, with
//! the AEAD tag in the check's place) without changing any caller: they only see
//! [`seal`] and [`open`].

/// Payload in the clear, followed by its CRC-32.
const PLAIN_CRC32: u8 = 0x01;
const CHECK_LEN: usize = 4;

pub(crate) fn seal(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + payload.len() + CHECK_LEN);
    out.push(PLAIN_CRC32);
    out.extend_from_slice(payload);
    let check = crc32fast::hash(&out);
    out.extend_from_slice(&check.to_le_bytes());
    out
}

/// The payload of a sealed value, or `None` when the value fails its check (or has a format
/// this build does not know).
pub(crate) fn open(sealed: &[u8]) -> Option<&[u8]> {
    let (&format, _) = sealed.split_first()?;
    if format != PLAIN_CRC32 || sealed.len() < 1 + CHECK_LEN {
        return None;
    }
    let (body, check) = sealed.split_at(sealed.len() - CHECK_LEN);
    let check = u32::from_le_bytes(check.try_into().ok()?);
    (crc32fast::hash(body) == check).then(|| &body[1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_changed_byte_or_cut_is_refused() {
        let sealed = seal(br#"{"name":"Kari Fiktiv"}"#);
        assert_eq!(open(&sealed), Some(&br#"{"name":"Kari Fiktiv"}"#[..]));
        for i in 0..sealed.len() {
            for bit in 0..8 {
                let mut d = sealed.clone();
                d[i] ^= 1 << bit;
                assert_eq!(open(&d), None, "byte {i} bit {bit}");
            }
            assert_eq!(open(&sealed[..i]), None, "cut at {i}");
        }
    }
}
