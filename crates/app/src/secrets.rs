//! Random tokens and their stored hashes. Tokens are 256 random bits; the database keeps only
//! a SHA-256 of each, so a leaked database does not hand out live sessions.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A readable one-time password for resets: 4 groups of 4 from an unambiguous alphabet
/// (about 80 bits).
pub(crate) fn temporary_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    let groups: Vec<String> = (0..4)
        .map(|_| {
            (0..4)
                .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
                .collect()
        })
        .collect();
    groups.join("-")
}
