//! At-rest encryption: the file's data key, how a passphrase or the recovery key reaches it,
//! and the sealing of one value.
//!
//! - Every value is sealed with XChaCha20-Poly1305 under the file's random 256-bit data key,
//!   with a fresh random 24-byte nonce, and bound to its place (table and key) as associated
//!   data: a value copied to another row or table fails to open, as does a changed byte.
//! - The data key is stored twice in the key envelope (`meta` row `key_envelope`, readable,
//!   since opening needs it): wrapped by a key derived from the passphrase with Argon2id (its
//!   parameters and salt beside it), and wrapped by the recovery key. Changing the passphrase
//!   re-wraps the data key and nothing else.
//! - A wrong passphrase is told apart from nothing else: the wrap fails to open, and the
//!   Argon2id cost (about half a second) is the rate limit.
//! - Keys live in [`Zeroizing`] buffers and are wiped when dropped: when the file is locked
//!   ([`super::Store::lock`]) or closed.

use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::StoreError;

pub(crate) const KEY_LEN: usize = 32;
pub(crate) const NONCE_LEN: usize = 24;
pub(crate) const TAG_LEN: usize = 16;

/// The file's data key: every value is sealed with it.
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl DataKey {
    fn random() -> Result<DataKey, StoreError> {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        random(&mut key[..])?;
        Ok(DataKey(key))
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&*self.0).into())
    }

    /// `plaintext` sealed for `place`: nonce, then ciphertext with its tag.
    pub(crate) fn seal(&self, place: &[u8], plaintext: &[u8], out: &mut Vec<u8>) -> bool {
        let mut nonce = [0u8; NONCE_LEN];
        if random(&mut nonce).is_err() {
            return false;
        }
        let start = out.len();
        out.extend_from_slice(&nonce);
        let mut body = Vec::with_capacity(plaintext.len() + TAG_LEN);
        body.extend_from_slice(plaintext);
        let sealed = self
            .cipher()
            .encrypt_in_place(XNonce::from_slice(&nonce), place, &mut body);
        if sealed.is_err() {
            out.truncate(start);
            return false;
        }
        out.extend_from_slice(&body);
        true
    }

    /// The plaintext of a value sealed for `place`; `None` when it fails (changed, moved, or
    /// sealed with another key).
    pub(crate) fn open(&self, place: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
        if sealed.len() < NONCE_LEN + TAG_LEN {
            return None;
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let mut plain = body.to_vec();
        self.cipher()
            .decrypt_in_place(XNonce::from_slice(nonce), place, &mut plain)
            .ok()?;
        Some(plain)
    }
}

fn random(buf: &mut [u8]) -> Result<(), StoreError> {
    getrandom::fill(buf).map_err(|e| StoreError::Crypto(format!("no random numbers: {e}")))
}

/// A passphrase as a person typed it; wiped from memory when dropped.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(text: impl Into<String>) -> Passphrase {
        Passphrase(Zeroizing::new(text.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

/// How a person unlocks a file: the passphrase, or the recovery key written down at set-up.
#[derive(Clone, Debug)]
pub enum Secret {
    Passphrase(Passphrase),
    Recovery(RecoveryKey),
}

impl Secret {
    pub fn passphrase(text: impl Into<String>) -> Secret {
        Secret::Passphrase(Passphrase::new(text))
    }

    /// For tests only: the passphrase of the files [`super::Store::open_test`] makes.
    #[doc(hidden)]
    pub fn test() -> Secret {
        Secret::passphrase(super::TEST_PASSPHRASE)
    }
}

/// How hard the passphrase's key is to derive (Argon2id). Stored with the envelope, so a file
/// keeps the cost it was made with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfCost {
    /// Memory in KiB.
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl KdfCost {
    /// About half a second on a laptop, 64 MiB (RFC 9106's second recommendation, one lane).
    pub const STANDARD: KdfCost = KdfCost {
        memory_kib: 64 * 1024,
        passes: 3,
        lanes: 1,
    };
    /// For tests that open many files: the same algorithm at a cost that protects nothing.
    pub const FAST_FOR_TESTS: KdfCost = KdfCost {
        memory_kib: 64,
        passes: 1,
        lanes: 1,
    };

    /// The least a file may ask for: an envelope asking for less was not written by Ansvar.
    fn is_plausible(&self) -> bool {
        (8..=4 * 1024 * 1024).contains(&self.memory_kib)
            && (1..=64).contains(&self.passes)
            && (1..=16).contains(&self.lanes)
    }
}

/// The recovery key: 160 random bits written as 32 letters and digits in groups of four, from
/// an alphabet without look-alikes (Crockford's base 32: no I, L, O or U).
#[derive(Clone)]
pub struct RecoveryKey(Zeroizing<[u8; RECOVERY_LEN]>);

const RECOVERY_LEN: usize = 20;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl RecoveryKey {
    fn random() -> Result<RecoveryKey, StoreError> {
        let mut k = Zeroizing::new([0u8; RECOVERY_LEN]);
        random(&mut k[..])?;
        Ok(RecoveryKey(k))
    }

    /// As written down: eight groups of four, `XXXX-XXXX-…`.
    pub fn display(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(40));
        let mut acc: u64 = 0;
        let mut bits = 0;
        let mut n = 0;
        for &b in self.0.iter() {
            acc = (acc << 8) | u64::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                if n > 0 && n % 4 == 0 {
                    out.push('-');
                }
                out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
                n += 1;
            }
        }
        out
    }

    /// Reads a key as a person types it back: case, spaces and dashes do not matter, and the
    /// look-alikes O, I and L are read as 0, 1 and 1. `None` when it is not 32 such letters.
    pub fn parse(text: &str) -> Option<RecoveryKey> {
        let mut k = Zeroizing::new([0u8; RECOVERY_LEN]);
        let mut acc: u64 = 0;
        let mut bits = 0;
        let mut at = 0;
        for c in text.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' | '\n' | '\r' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            let v = ALPHABET.iter().position(|&a| char::from(a) == c)? as u64;
            acc = (acc << 5) | v;
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                *k.get_mut(at)? = (acc >> bits) as u8;
                at += 1;
            }
        }
        (at == RECOVERY_LEN && bits == 0).then_some(RecoveryKey(k))
    }

    fn wrapping_key(&self) -> DataKey {
        DataKey(Zeroizing::new(blake3::derive_key(
            "ansvar 2026 recovery key wraps the data key",
            &self.0[..],
        )))
    }
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(..)")
    }
}

/// The readable row that says how to reach the data key.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct KeyEnvelope {
    /// This layout; a newer one is refused by an older Ansvar.
    pub version: u32,
    pub kdf: String,
    pub cost: KdfCost,
    /// Hex.
    pub salt: String,
    /// The data key wrapped by the passphrase's key (hex: nonce, ciphertext, tag).
    pub by_passphrase: String,
    /// The data key wrapped by the recovery key.
    pub by_recovery: String,
}

const ENVELOPE_VERSION: u32 = 1;
const KDF: &str = "argon2id-v19";
const SALT_LEN: usize = 16;
const WRAP_BY_PASSPHRASE: &[u8] = b"ansvar key envelope: by passphrase";
const WRAP_BY_RECOVERY: &[u8] = b"ansvar key envelope: by recovery key";

impl KeyEnvelope {
    /// A new data key, wrapped by `passphrase` and by a new recovery key.
    pub fn create(
        passphrase: &Passphrase,
        cost: KdfCost,
    ) -> Result<(KeyEnvelope, DataKey, RecoveryKey), StoreError> {
        let data = DataKey::random()?;
        let recovery = RecoveryKey::random()?;
        let mut envelope = KeyEnvelope {
            version: ENVELOPE_VERSION,
            kdf: KDF.into(),
            cost,
            salt: String::new(),
            by_passphrase: String::new(),
            by_recovery: wrap(&recovery.wrapping_key(), WRAP_BY_RECOVERY, &data)?,
        };
        envelope.rewrap(passphrase, &data)?;
        Ok((envelope, data, recovery))
    }

    /// Wraps `data` by a new passphrase (a new salt); the recovery wrap stays.
    pub fn rewrap(&mut self, passphrase: &Passphrase, data: &DataKey) -> Result<(), StoreError> {
        let mut salt = [0u8; SALT_LEN];
        random(&mut salt)?;
        self.salt = hex::encode(salt);
        let key = derive(passphrase, &salt, self.cost)?;
        self.by_passphrase = wrap(&key, WRAP_BY_PASSPHRASE, data)?;
        Ok(())
    }

    /// The data key, or [`StoreError::WrongSecret`].
    pub fn unlock(&self, secret: &Secret) -> Result<DataKey, StoreError> {
        if self.version != ENVELOPE_VERSION || self.kdf != KDF || !self.cost.is_plausible() {
            return Err(StoreError::Crypto(format!(
                "unknown key envelope (version {}, {})",
                self.version, self.kdf
            )));
        }
        match secret {
            Secret::Passphrase(p) => {
                let salt = hex::decode(&self.salt)
                    .map_err(|_| StoreError::Crypto("damaged key envelope (salt)".into()))?;
                let key = derive(p, &salt, self.cost)?;
                unwrap(&key, WRAP_BY_PASSPHRASE, &self.by_passphrase)
            }
            Secret::Recovery(r) => unwrap(&r.wrapping_key(), WRAP_BY_RECOVERY, &self.by_recovery),
        }
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>, StoreError> {
        serde_json::to_vec(self).map_err(|e| StoreError::Encoding(e.to_string()))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<KeyEnvelope, StoreError> {
        serde_json::from_slice(bytes)
            .map_err(|e| StoreError::Crypto(format!("damaged key envelope: {e}")))
    }
}

fn derive(passphrase: &Passphrase, salt: &[u8], cost: KdfCost) -> Result<DataKey, StoreError> {
    let params = argon2::Params::new(cost.memory_kib, cost.passes, cost.lanes, Some(KEY_LEN))
        .map_err(|e| StoreError::Crypto(format!("key derivation: {e}")))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(passphrase.as_str().as_bytes(), salt, &mut key[..])
        .map_err(|e| StoreError::Crypto(format!("key derivation: {e}")))?;
    Ok(DataKey(key))
}

fn wrap(by: &DataKey, purpose: &[u8], data: &DataKey) -> Result<String, StoreError> {
    let mut out = Vec::new();
    match by.seal(purpose, &data.0[..], &mut out) {
        true => Ok(hex::encode(out)),
        false => Err(StoreError::Crypto("could not wrap the data key".into())),
    }
}

fn unwrap(by: &DataKey, purpose: &[u8], wrapped: &str) -> Result<DataKey, StoreError> {
    let bytes = hex::decode(wrapped).map_err(|_| StoreError::WrongSecret)?;
    let plain = Zeroizing::new(by.open(purpose, &bytes).ok_or(StoreError::WrongSecret)?);
    let key: [u8; KEY_LEN] = plain
        .as_slice()
        .try_into()
        .map_err(|_| StoreError::WrongSecret)?;
    Ok(DataKey(Zeroizing::new(key)))
}

/// How strong a new passphrase looks, for the hint beside the field: a rough estimate from
/// its length and the kinds of characters in it, not a promise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Refused: shorter than [`MIN_PASSPHRASE_CHARS`].
    TooShort,
    Weak,
    Fair,
    Strong,
}

/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

pub fn strength(passphrase: &str) -> Strength {
    let chars: Vec<char> = passphrase.chars().collect();
    if chars.len() < MIN_PASSPHRASE_CHARS {
        return Strength::TooShort;
    }
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let kinds = [
        chars.iter().any(|c| c.is_lowercase()),
        chars.iter().any(|c| c.is_uppercase()),
        chars.iter().any(|c| c.is_numeric()),
        chars.iter().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    // Several words (spaces) or many kinds of character on a long enough phrase.
    let score = chars.len().min(distinct.len() * 2) + kinds * 3;
    match score {
        s if s >= 24 => Strength::Strong,
        s if s >= 16 => Strength::Fair,
        _ => Strength::Weak,
    }
}

#[cfg(test)]
pub(crate) fn tests_key() -> DataKey {
    DataKey::random().expect("random")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_opens_only_in_its_place_and_unchanged() {
        let key = DataKey::random().unwrap();
        let mut sealed = Vec::new();
        assert!(key.seal(b"cases\x001", b"Kari Fiktiv", &mut sealed));
        assert_eq!(
            key.open(b"cases\x001", &sealed).as_deref(),
            Some(&b"Kari Fiktiv"[..])
        );
        assert_eq!(key.open(b"cases\x002", &sealed), None);
        for i in 0..sealed.len() {
            let mut d = sealed.clone();
            d[i] ^= 0x10;
            assert_eq!(key.open(b"cases\x001", &d), None, "byte {i}");
        }
        assert_eq!(
            DataKey::random().unwrap().open(b"cases\x001", &sealed),
            None
        );
    }

    #[test]
    fn the_recovery_key_reads_back_as_a_person_types_it() {
        let key = RecoveryKey::random().unwrap();
        let shown = key.display();
        assert_eq!(shown.len(), 39);
        assert_eq!(shown.split('-').count(), 8);
        let typed = shown.to_lowercase().replace('-', " ").replace('0', "o");
        let back = RecoveryKey::parse(&typed).expect("parses");
        assert_eq!(&back.0[..], &key.0[..]);
        assert!(RecoveryKey::parse(&shown[..30]).is_none());
        assert!(RecoveryKey::parse(&format!("{}U", &*shown)).is_none());
    }

    #[test]
    fn the_envelope_opens_with_the_passphrase_or_the_recovery_key_only() {
        let pass = Passphrase::new("korrekt hest batteri");
        let (mut envelope, data, recovery) =
            KeyEnvelope::create(&pass, KdfCost::FAST_FOR_TESTS).unwrap();
        let same = |k: DataKey| assert_eq!(&k.0[..], &data.0[..]);
        same(envelope.unlock(&Secret::Passphrase(pass.clone())).unwrap());
        same(
            envelope
                .unlock(&Secret::Recovery(recovery.clone()))
                .unwrap(),
        );
        assert!(matches!(
            envelope.unlock(&Secret::passphrase("korrekt hest batteri!")),
            Err(StoreError::WrongSecret)
        ));
        let other = RecoveryKey::random().unwrap();
        assert!(matches!(
            envelope.unlock(&Secret::Recovery(other)),
            Err(StoreError::WrongSecret)
        ));
        // A new passphrase: the old one no longer opens, the recovery key still does.
        envelope
            .rewrap(&Passphrase::new("ny og lengre passfrase"), &data)
            .unwrap();
        assert!(envelope.unlock(&Secret::Passphrase(pass)).is_err());
        same(
            envelope
                .unlock(&Secret::passphrase("ny og lengre passfrase"))
                .unwrap(),
        );
        same(envelope.unlock(&Secret::Recovery(recovery)).unwrap());
    }

    #[test]
    fn strength_grows_with_length_and_kinds() {
        assert_eq!(strength("kort"), Strength::TooShort);
        assert_eq!(strength("aaaaaaaaaaaa"), Strength::Weak);
        assert!(strength("sommer i nordvik") >= Strength::Fair);
        assert_eq!(strength("Sommer i Nordvik 2026!"), Strength::Strong);
    }
}
