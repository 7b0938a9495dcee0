//! The tagger's weights: one row of tag scores per feature key, read from and written to
//! the committed model file.
//!
//! A first-pass key `k` and its second-pass twin `k ^ SECOND_PASS` share one entry, so
//! that the lookup of a token's static features in the first pass also finds their
//! second-pass weights: the second pass then starts from their sum instead of looking
//! the same 25 features up again, about a third of its lookups.
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::io::{Read, Write};

use super::tagger::{KeyHasher, N_TAGS, SECOND_PASS};

const MAGIC: &[u8; 8] = b"TDNER01\n";

/// One feature's scores of each tag.
pub type Row = [f32; N_TAGS];

/// Weights by feature key, as training makes them.
pub type WeightMap = HashMap<u64, Row, BuildHasherDefault<KeyHasher>>;

/// A trained tagger's weights, each key beside its twin of the other pass.
pub struct Weights {
    /// At the smaller key of each pair: `[row of that key, row of its twin]`. A key
    /// without weights of its own has a row of zeros beside its twin's.
    pairs: HashMap<u64, [Row; 2], BuildHasherDefault<KeyHasher>>,
}

/// The entry holding `key`, and which of its two rows is `key`'s.
fn slot(key: u64) -> (u64, usize) {
    let twin = key ^ SECOND_PASS;
    if key < twin {
        (key, 0)
    } else {
        (twin, 1)
    }
}

impl Weights {
    pub fn new(map: &WeightMap) -> Weights {
        let mut weights = Weights::with_capacity(map.len());
        for (&key, row) in map {
            weights.insert(key, *row);
        }
        weights
    }

    fn with_capacity(keys: usize) -> Weights {
        Weights {
            pairs: HashMap::with_capacity_and_hasher(keys, Default::default()),
        }
    }

    fn insert(&mut self, key: u64, row: Row) {
        let (entry, side) = slot(key);
        self.pairs.entry(entry).or_insert([[0.0; N_TAGS]; 2])[side] = row;
    }

    /// The weights of `key`.
    pub fn get(&self, key: u64) -> Option<&Row> {
        self.get_with_twin(key).map(|(row, _)| row)
    }

    /// The weights of `key` and of its twin in the other pass, in one lookup.
    pub fn get_with_twin(&self, key: u64) -> Option<(&Row, &Row)> {
        let (entry, side) = slot(key);
        self.pairs
            .get(&entry)
            .map(|rows| (&rows[side], &rows[1 - side]))
    }

    /// Every key with its row, the zero rows beside a twin included.
    fn rows(&self) -> impl Iterator<Item = (u64, &Row)> {
        self.pairs
            .iter()
            .flat_map(|(&key, [row, twin])| [(key, row), (key ^ SECOND_PASS, twin)])
    }

    /// The model as gzip bytes: weights quantized to i16, rows sorted by key
    /// (deterministic). Rows that quantize to zeros score nothing and are left out.
    pub fn to_gzip(&self) -> Vec<u8> {
        let max = self
            .rows()
            .flat_map(|(_, row)| row)
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(f32::MIN_POSITIVE);
        let scale = max / f32::from(i16::MAX);
        let mut rows: Vec<(u64, [i16; N_TAGS])> = self
            .rows()
            .map(|(key, row)| (key, row.map(|w| (w / scale).round() as i16)))
            .filter(|(_, quantized)| quantized.iter().any(|&q| q != 0))
            .collect();
        rows.sort_unstable_by_key(|&(key, _)| key);
        let mut raw = Vec::with_capacity(16 + rows.len() * ROW_BYTES);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&scale.to_le_bytes());
        raw.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (key, quantized) in rows {
            raw.extend_from_slice(&key.to_le_bytes());
            for q in quantized {
                raw.extend_from_slice(&q.to_le_bytes());
            }
        }
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder
            .write_all(&raw)
            .expect("writing to memory cannot fail");
        encoder.finish().expect("writing to memory cannot fail")
    }

    /// Reads a model written by [`Weights::to_gzip`].
    pub fn from_gzip(bytes: &[u8]) -> std::io::Result<Weights> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut raw)?;
        let invalid =
            || std::io::Error::new(std::io::ErrorKind::InvalidData, "not a tidings NER model");
        if raw.len() < 16 || &raw[..8] != MAGIC {
            return Err(invalid());
        }
        let scale = f32::from_le_bytes(raw[8..12].try_into().map_err(|_| invalid())?);
        let count = u32::from_le_bytes(raw[12..16].try_into().map_err(|_| invalid())?) as usize;
        let rows = raw.get(16..16 + count * ROW_BYTES).ok_or_else(invalid)?;
        let mut weights = Weights::with_capacity(count);
        for row in rows.chunks_exact(ROW_BYTES) {
            let key = u64::from_le_bytes(row[..8].try_into().expect("8 bytes"));
            let values = std::array::from_fn(|t| {
                f32::from(i16::from_le_bytes([row[8 + 2 * t], row[9 + 2 * t]])) * scale
            });
            weights.insert(key, values);
        }
        Ok(weights)
    }
}

/// A row's bytes in the model file: the key, then an i16 a tag.
const ROW_BYTES: usize = 8 + 2 * N_TAGS;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_and_its_twin_are_read_together_and_apart() {
        let mut map = WeightMap::default();
        map.insert(7, [1.0; N_TAGS]);
        map.insert(7 ^ SECOND_PASS, [2.0; N_TAGS]);
        map.insert(9 ^ SECOND_PASS, [3.0; N_TAGS]);
        let weights = Weights::new(&map);
        assert_eq!(
            weights.get_with_twin(7),
            Some((&[1.0; N_TAGS], &[2.0; N_TAGS]))
        );
        assert_eq!(
            weights.get_with_twin(7 ^ SECOND_PASS),
            Some((&[2.0; N_TAGS], &[1.0; N_TAGS]))
        );
        assert_eq!(weights.get(9 ^ SECOND_PASS), Some(&[3.0; N_TAGS]));
        assert_eq!(weights.get(9), Some(&[0.0; N_TAGS]));
        assert_eq!(weights.get(8), None);
    }

    #[test]
    fn the_model_file_keeps_every_row_but_those_of_zeros() {
        let mut map = WeightMap::default();
        map.insert(7, [1.0, -2.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0]);
        map.insert(9 ^ SECOND_PASS, [0.25; N_TAGS]);
        let read = Weights::from_gzip(&Weights::new(&map).to_gzip()).unwrap();
        let mut rows: Vec<(u64, Row)> = read
            .rows()
            .filter(|(_, row)| row.iter().any(|&w| w != 0.0))
            .map(|(key, row)| (key, *row))
            .collect();
        rows.sort_unstable_by_key(|&(key, _)| key);
        let mut expected: Vec<(u64, Row)> = map.into_iter().collect();
        expected.sort_unstable_by_key(|&(key, _)| key);
        assert_eq!(rows.len(), expected.len());
        for ((key, row), (expected_key, expected_row)) in rows.iter().zip(&expected) {
            assert_eq!(key, expected_key);
            for (w, e) in row.iter().zip(expected_row) {
                assert!((w - e).abs() < 1e-3, "{w} against {e}");
            }
        }
    }
}
