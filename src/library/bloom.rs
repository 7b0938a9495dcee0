//! A Bloom filter of 64-bit keys that grows as keys are added: "certainly not there" in
//! one cache line, where the index would look a key up in every segment.
//!
//! Blocked (every probe of a key falls in one 512-bit block) and scalable (when a layer
//! holds the keys it was sized for, a layer twice as large is added; a lookup asks each).
use crate::text::mix;

/// Bits a key: with [`PROBES`] probes, about one false "maybe" in a thousand lookups.
const BITS_PER_KEY: usize = 16;
const PROBES: u32 = 6;
/// The first layer's size, in keys, however few the filter starts with.
const MIN_KEYS: usize = 1 << 16;

pub struct Bloom {
    layers: Vec<Layer>,
}

struct Layer {
    blocks: Vec<[u64; 8]>,
    capacity: usize,
    len: usize,
}

impl Bloom {
    /// An empty filter sized for `keys` keys before it first grows.
    pub fn with_capacity(keys: usize) -> Bloom {
        Bloom {
            layers: vec![Layer::new(keys.max(MIN_KEYS))],
        }
    }

    pub fn insert(&mut self, key: u64) {
        let last = self.layers.last().expect("a filter has a layer");
        if last.len >= last.capacity {
            let capacity = last.capacity * 2;
            self.layers.push(Layer::new(capacity));
        }
        self.layers.last_mut().expect("just checked").insert(key);
    }

    /// False only when the key was never inserted.
    pub fn may_contain(&self, key: u64) -> bool {
        self.layers.iter().any(|layer| layer.may_contain(key))
    }
}

impl Layer {
    fn new(capacity: usize) -> Layer {
        Layer {
            blocks: vec![[0; 8]; (capacity * BITS_PER_KEY).div_ceil(512)],
            capacity,
            len: 0,
        }
    }

    fn insert(&mut self, key: u64) {
        let (block, bits) = self.probes(key);
        for bit in bits {
            self.blocks[block][bit / 64] |= 1 << (bit % 64);
        }
        self.len += 1;
    }

    fn may_contain(&self, key: u64) -> bool {
        let (block, bits) = self.probes(key);
        bits.into_iter()
            .all(|bit| self.blocks[block][bit / 64] & (1 << (bit % 64)) != 0)
    }

    /// The key's block, and its probes' bits in it: nine bits of a second hash each.
    fn probes(&self, key: u64) -> (usize, [usize; PROBES as usize]) {
        let hash = mix(key);
        let block = ((u128::from(hash) * self.blocks.len() as u128) >> 64) as usize;
        let second = mix(hash ^ 0x9e37_79b9_7f4a_7c15);
        let bits = std::array::from_fn(|i| ((second >> (9 * i)) & 511) as usize);
        (block, bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_inserted_key_is_found_and_few_others_are() {
        // Starts small so the filter has to grow twice.
        let mut bloom = Bloom::with_capacity(0);
        let keys = 4 * MIN_KEYS as u64;
        (0..keys).for_each(|k| bloom.insert(k * 7));
        assert_eq!(bloom.layers.len(), 3);
        assert!((0..keys).all(|k| bloom.may_contain(k * 7)));
        let false_maybes = (0..100_000u64)
            .filter(|k| bloom.may_contain(keys * 7 + 1 + k * 7))
            .count();
        // Three layers each answer "maybe" about once in a thousand.
        assert!(false_maybes < 600, "{false_maybes} false maybes in 100,000");
    }
}
