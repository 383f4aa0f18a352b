//! Fast hashes: the valuation's maps keyed by the bits of f64 values, and
//! the worker's key of the file it holds.

use std::collections::HashMap;

/// A multiplicative hasher for keys of f64 bits (SipHash showed up in the
/// valuation's profile; the keys come from the user's own data).
#[derive(Default)]
pub(super) struct BitsHasher(u64);

impl std::hash::Hasher for BitsHasher {
    fn write(&mut self, bytes: &[u8]) {
        // `[u64; N]` hashes as one byte slice: eight bytes a step.
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
        for b in chunks.remainder() {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type BitsMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<BitsHasher>>;

/// A fast 64-bit hash of the bytes (FxHash-like): four independent lanes of
/// eight bytes a step, so that the multiplications overlap (about four times
/// faster than one chain on a 3 MB file), folded together at the end.
pub(super) fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let word = |c: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(c.get(..8).unwrap_or(&[0; 8]));
        u64::from_le_bytes(w)
    };
    let mut lanes = [0u64, 1, 2, 3];
    let mut chunks = bytes.chunks_exact(32);
    for c in &mut chunks {
        for (i, lane) in lanes.iter_mut().enumerate() {
            *lane = step(*lane, word(c.get(8 * i..).unwrap_or(&[])));
        }
    }
    let mut h = lanes.iter().fold(0u64, |h, l| step(h, *l));
    for b in chunks.remainder() {
        h = step(h, u64::from(*b));
    }
    h
}
