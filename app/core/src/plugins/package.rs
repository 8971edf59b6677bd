//! The `.ansvarplugin` package: one file holding a plugin's component, its manifest, and the
//! publisher's ed25519 signature over both.
//!
//! Layout (all lengths little-endian):
//! `ANSVARPK` | format u16 | manifest length u32 | manifest JSON | component length u32 |
//! component | public key (32 bytes) | signature (64 bytes).
//! The signature covers `ansvar-plugin-v1\0`, the sha256 of the manifest JSON and the sha256 of
//! the component, so neither can be swapped or altered without breaking it.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use super::PluginError;

const MAGIC: &[u8; 8] = b"ANSVARPK";
const FORMAT: u16 = 1;
const SIGNING_CONTEXT: &[u8] = b"ansvar-plugin-v1\0";
/// No plugin comes near this; a larger file is refused before it is read into memory twice.
pub const MAX_PACKAGE_BYTES: usize = 64 * 1024 * 1024;

const PUBLIC_PREFIX: &str = "ansvar-ed25519-public:";
const SECRET_PREFIX: &str = "ansvar-ed25519-secret:";

/// A publisher's public key, as a municipality hands it to its staff: `ansvar-ed25519-public:<hex>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PublicKey(pub [u8; 32]);

impl PublicKey {
    pub fn parse(text: &str) -> Result<PublicKey, PluginError> {
        let hex_part = text
            .trim()
            .strip_prefix(PUBLIC_PREFIX)
            .unwrap_or(text.trim());
        let bytes = hex::decode(hex_part).map_err(|_| PluginError::BadKey)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| PluginError::BadKey)?;
        let key = VerifyingKey::from_bytes(&bytes).map_err(|_| PluginError::BadKey)?;
        if key.is_weak() {
            return Err(PluginError::WeakKey);
        }
        Ok(PublicKey(bytes))
    }

    /// Whether this is a degenerate key (all zeros or another point of small order), for
    /// which a signature can be made without any secret.
    pub fn is_weak(&self) -> bool {
        VerifyingKey::from_bytes(&self.0).is_ok_and(|k| k.is_weak())
    }

    /// Short form for lists: the first 16 hex digits.
    pub fn fingerprint(&self) -> String {
        hex::encode(&self.0[..8])
    }
}

impl std::fmt::Display for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{PUBLIC_PREFIX}{}", hex::encode(self.0))
    }
}

/// A publisher's signing key. Kept by the municipality; never in the database.
pub struct SecretKey(SigningKey);

impl SecretKey {
    pub fn generate() -> Result<SecretKey, PluginError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| PluginError::Io(e.to_string()))?;
        Ok(SecretKey(SigningKey::from_bytes(&seed)))
    }

    pub fn parse(text: &str) -> Result<SecretKey, PluginError> {
        let hex_part = text
            .trim()
            .strip_prefix(SECRET_PREFIX)
            .ok_or(PluginError::BadKey)?;
        let bytes = hex::decode(hex_part).map_err(|_| PluginError::BadKey)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| PluginError::BadKey)?;
        Ok(SecretKey(SigningKey::from_bytes(&bytes)))
    }

    pub fn to_text(&self) -> String {
        format!("{SECRET_PREFIX}{}\n", hex::encode(self.0.to_bytes()))
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key().to_bytes())
    }

    /// A signature over `message` (the catalogue's, in its own signing context).
    pub(crate) fn sign_message(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }
}

/// A parsed package. The signature is checked by [`Package::verify`], not by parsing.
#[derive(Clone, Debug)]
pub struct Package {
    pub manifest_json: Vec<u8>,
    pub component: Vec<u8>,
    pub public_key: PublicKey,
    signature: [u8; 64],
}

fn signed_message(manifest_json: &[u8], component: &[u8]) -> Vec<u8> {
    let mut msg = SIGNING_CONTEXT.to_vec();
    msg.extend_from_slice(&Sha256::digest(manifest_json));
    msg.extend_from_slice(&Sha256::digest(component));
    msg
}

/// The sha256 of a component, hex: names it in caches and in the database.
pub fn component_hash(component: &[u8]) -> String {
    hex::encode(Sha256::digest(component))
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], PluginError> {
        let end = self.at.checked_add(n).ok_or(PluginError::NotAPackage)?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(PluginError::NotAPackage)?;
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<usize, PluginError> {
        let b: [u8; 4] = self
            .take(4)?
            .try_into()
            .map_err(|_| PluginError::NotAPackage)?;
        Ok(u32::from_le_bytes(b) as usize)
    }
}

impl Package {
    /// Signs a component and its manifest JSON.
    pub fn sign(manifest_json: Vec<u8>, component: Vec<u8>, key: &SecretKey) -> Package {
        let signature = key.0.sign(&signed_message(&manifest_json, &component));
        Package {
            manifest_json,
            component,
            public_key: key.public(),
            signature: signature.to_bytes(),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.manifest_json.len() + self.component.len() + 128);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&(self.manifest_json.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.manifest_json);
        out.extend_from_slice(&(self.component.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.component);
        out.extend_from_slice(&self.public_key.0);
        out.extend_from_slice(&self.signature);
        out
    }

    pub fn parse(bytes: &[u8]) -> Result<Package, PluginError> {
        if bytes.len() > MAX_PACKAGE_BYTES {
            return Err(PluginError::TooLarge {
                limit: MAX_PACKAGE_BYTES,
            });
        }
        if !bytes.starts_with(MAGIC) {
            // A bare component or core module given where a package belongs.
            if bytes.starts_with(b"\0asm") {
                return Err(PluginError::Unsigned);
            }
            return Err(PluginError::NotAPackage);
        }
        let mut r = Reader { bytes, at: 0 };
        r.take(MAGIC.len())?;
        let format = u16::from_le_bytes(
            r.take(2)?
                .try_into()
                .map_err(|_| PluginError::NotAPackage)?,
        );
        if format != FORMAT {
            return Err(PluginError::UnknownPackageFormat(format));
        }
        let n = r.u32()?;
        let manifest_json = r.take(n)?.to_vec();
        let n = r.u32()?;
        let component = r.take(n)?.to_vec();
        let public_key = PublicKey(
            r.take(32)?
                .try_into()
                .map_err(|_| PluginError::NotAPackage)?,
        );
        let signature: [u8; 64] = r
            .take(64)?
            .try_into()
            .map_err(|_| PluginError::NotAPackage)?;
        if r.at != bytes.len() {
            return Err(PluginError::NotAPackage);
        }
        Ok(Package {
            manifest_json,
            component,
            public_key,
            signature,
        })
    }

    /// Checks the signature against the key the package names. Whether that key is trusted
    /// is the caller's question.
    pub fn verify(&self) -> Result<(), PluginError> {
        let key =
            VerifyingKey::from_bytes(&self.public_key.0).map_err(|_| PluginError::Tampered)?;
        // A weak key could have come into the trust list before it was refused there.
        if key.is_weak() {
            return Err(PluginError::WeakPackageKey);
        }
        let signature = Signature::from_bytes(&self.signature);
        // Strict: no small-order R, no non-canonical encodings.
        key.verify_strict(
            &signed_message(&self.manifest_json, &self.component),
            &signature,
        )
        .map_err(|_| PluginError::Tampered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_round_trips_and_verifies() {
        let key = SecretKey::generate().unwrap();
        let p = Package::sign(b"{\"id\":\"x\"}".to_vec(), b"\0asm....".to_vec(), &key);
        let parsed = Package::parse(&p.to_bytes()).unwrap();
        parsed.verify().unwrap();
        assert_eq!(parsed.public_key, key.public());
        assert_eq!(
            PublicKey::parse(&key.public().to_string()).unwrap(),
            key.public()
        );
        assert_eq!(
            SecretKey::parse(&key.to_text()).unwrap().public(),
            key.public()
        );
    }

    #[test]
    fn every_flipped_byte_is_caught() {
        let key = SecretKey::generate().unwrap();
        let bytes =
            Package::sign(b"{\"id\":\"x\"}".to_vec(), b"\0asm1234".to_vec(), &key).to_bytes();
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x40;
            let ok = Package::parse(&bad).and_then(|p| p.verify()).is_ok();
            assert!(!ok, "flipping byte {i} went unnoticed");
        }
    }

    #[test]
    fn cut_packages_are_not_packages() {
        let key = SecretKey::generate().unwrap();
        let bytes = Package::sign(b"{}".to_vec(), b"\0asm".to_vec(), &key).to_bytes();
        for cut in 0..bytes.len() {
            assert!(Package::parse(&bytes[..cut]).is_err());
        }
    }
}
