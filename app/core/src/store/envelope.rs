//! The envelope around every stored value: one format byte, then the payload under a check.
//!
//! ```text
//! format 0x01 (schema 2): [0x01][payload][CRC-32 of format byte and payload, LE]
//! format 0x02 (schema 3): [0x02][nonce: 24][XChaCha20-Poly1305 ciphertext][tag: 16]
//!                         associated data: "ansvar value\0" table "\0" key
//! ```
//!
//! A changed byte anywhere in a value fails its check, so damage is refused instead of being
//! read as different data. Format 2 also binds a value to its place (table and key): a value
//! copied to another row fails to open. Which format a store reads and writes is its
//! [`Codec`], set for the length of each transaction (see `Store::read` and `Store::write`),
//! so callers only name the value's place.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

use super::crypto::DataKey;

const PLAIN_CRC32: u8 = 0x01;
const ENCRYPTED: u8 = 0x02;
const CHECK_LEN: usize = 4;

/// How a store's values are written and read.
#[derive(Clone)]
pub(crate) enum Codec {
    /// Schema 1: plain JSON (read only, to encrypt a round-1 file).
    Plain,
    /// Schema 2: under a CRC-32 (read only, to encrypt such a file; and the in-memory staging
    /// store, whose values never reach a disk).
    Sealed,
    /// Schema 3 on: encrypted under the file's data key.
    Encrypted(Arc<DataKey>),
}

thread_local! {
    static CODEC: RefCell<Codec> = const { RefCell::new(Codec::Sealed) };
}

/// Runs `f` with values read and written by `codec`.
pub(crate) fn with_codec<T>(codec: Codec, f: impl FnOnce() -> T) -> T {
    let before = CODEC.with(|c| c.replace(codec));
    let out = f();
    // The key leaves the thread-local when the transaction ends (locking wipes it).
    CODEC.with(|c| c.replace(before));
    out
}

/// Where a value is stored: its table and key, the associated data it is sealed for.
pub(crate) struct Place(Vec<u8>);

impl Place {
    pub fn new(table: &str, key: &[u8]) -> Place {
        let mut ad = Vec::with_capacity(14 + table.len() + 1 + key.len());
        ad.extend_from_slice(b"ansvar value\0");
        ad.extend_from_slice(table.as_bytes());
        ad.push(0);
        ad.extend_from_slice(key);
        Place(ad)
    }
}

/// A row key as it goes into a value's [`Place`].
pub(crate) trait PlaceKey {
    fn place_bytes(&self) -> Vec<u8>;
}

impl PlaceKey for u64 {
    fn place_bytes(&self) -> Vec<u8> {
        self.to_le_bytes().to_vec()
    }
}

impl PlaceKey for (u64, u64) {
    fn place_bytes(&self) -> Vec<u8> {
        let mut b = self.0.to_le_bytes().to_vec();
        b.extend_from_slice(&self.1.to_le_bytes());
        b
    }
}

impl PlaceKey for &str {
    fn place_bytes(&self) -> Vec<u8> {
        self.as_bytes().to_vec()
    }
}

/// The place of the value under `key` in `table`.
pub(crate) fn at<K: redb::Key + 'static, V: redb::Value + 'static>(
    table: redb::TableDefinition<K, V>,
    key: impl PlaceKey,
) -> Place {
    Place::new(redb::TableHandle::name(&table), &key.place_bytes())
}

/// `payload` sealed for `place` by the current codec; `None` when no random nonce could be had.
pub(crate) fn seal(place: &Place, payload: &[u8]) -> Option<Vec<u8>> {
    CODEC.with(|c| match &*c.borrow() {
        Codec::Plain => Some(payload.to_vec()),
        Codec::Sealed => Some(seal_crc(payload)),
        Codec::Encrypted(key) => {
            let mut out = Vec::with_capacity(1 + payload.len() + 40);
            out.push(ENCRYPTED);
            let mut ad = place.0.clone();
            ad.push(ENCRYPTED);
            key.seal(&ad, payload, &mut out).then_some(out)
        }
    })
}

fn seal_crc(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + payload.len() + CHECK_LEN);
    out.push(PLAIN_CRC32);
    out.extend_from_slice(payload);
    let check = crc32fast::hash(&out);
    out.extend_from_slice(&check.to_le_bytes());
    out
}

/// The payload of a value sealed for `place`, or `None` when it fails its check (or has a
/// format the current codec does not read).
pub(crate) fn open<'a>(place: &Place, sealed: &'a [u8]) -> Option<Cow<'a, [u8]>> {
    CODEC.with(|c| match &*c.borrow() {
        Codec::Plain => Some(Cow::Borrowed(sealed)),
        Codec::Sealed => open_crc(sealed).map(Cow::Borrowed),
        Codec::Encrypted(key) => {
            let (&format, body) = sealed.split_first()?;
            if format != ENCRYPTED {
                return None;
            }
            let mut ad = place.0.clone();
            ad.push(ENCRYPTED);
            key.open(&ad, body).map(Cow::Owned)
        }
    })
}

fn open_crc(sealed: &[u8]) -> Option<&[u8]> {
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

    fn key() -> Arc<DataKey> {
        Arc::new(super::super::crypto::tests_key())
    }

    #[test]
    fn every_changed_byte_or_cut_is_refused_in_both_formats() {
        let here = Place::new("cases", &1u64.place_bytes());
        let payload = br#"{"name":"Kari Fiktiv"}"#;
        for codec in [Codec::Sealed, Codec::Encrypted(key())] {
            with_codec(codec, || {
                let sealed = seal(&here, payload).unwrap();
                assert_eq!(open(&here, &sealed).as_deref(), Some(&payload[..]));
                for i in 0..sealed.len() {
                    for bit in 0..8 {
                        let mut d = sealed.clone();
                        d[i] ^= 1 << bit;
                        assert_eq!(open(&here, &d), None, "byte {i} bit {bit}");
                    }
                    assert_eq!(open(&here, &sealed[..i]), None, "cut at {i}");
                }
            });
        }
    }

    #[test]
    fn an_encrypted_value_opens_only_in_its_own_place() {
        with_codec(Codec::Encrypted(key()), || {
            let sealed = seal(&at(super::super::CASES, 1u64), b"Kari").unwrap();
            assert!(open(&at(super::super::CASES, 1u64), &sealed).is_some());
            assert!(open(&at(super::super::CASES, 2u64), &sealed).is_none());
            assert!(open(&at(super::super::CASE_INDEX, 1u64), &sealed).is_none());
            assert!(!sealed.windows(4).any(|w| w == b"Kari"));
        });
    }
}
