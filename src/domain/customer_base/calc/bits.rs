//! A fast hasher for the valuation's maps keyed by the bits of f64 values.

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
