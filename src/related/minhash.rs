//! MinHash fingerprints of article bodies, for finding copies of one text despite
//! different headlines, boilerplate and cuts: word 5-shingles, 64 minimums, and 8 LSH
//! bands of 3 (two texts sharing half their shingles meet in a band with probability ≈ 0.66,
//! at 0.8 with ≈ 0.997: as 16 bands of 4 did, with half the band keys to index and look
//! up, which took a 250k import from 31–32 s to 29 s).
//!
//! The minimums come from one hash a shingle ("one permutation hashing", Li, Owen and
//! Zhang 2012): the shingle's top six bits choose one of 64 bins and it lowers only that
//! bin's minimum, where 64 hash functions cost 64 multiplications a shingle (about a
//! second of a 250k import). Two texts agree in a bin with probability their Jaccard
//! similarity, as with 64 functions.
use crate::text::{fnv1a, fnv1a_lowercase, mix};

pub const HASHES: usize = 64;
pub const BANDS: usize = 8;
const ROWS: usize = 3;
const SHINGLE_WORDS: usize = 5;

/// Estimated containment from which two texts can be one story. Copies of one wire story
/// with different boilerplate score 0.7 and more; reports on one event by different
/// writers, under 0.3.
pub const SAME_STORY: f32 = 0.6;
/// At most this many numbers of a text are kept.
const MAX_NUMBERS: usize = 64;

/// A text's MinHash signature, its LSH band keys, how many distinct shingles it has, and
/// its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    pub mins: [u32; HASHES],
    /// The LSH band keys, made once from the minimums: texts that share one are candidates
    /// for being copies (an added article's are checked in memory, in the known keys and
    /// in the index, then indexed). 32 bits are enough: at a million articles, one new
    /// article in about 500 meets another by chance in a band, and such a candidate is
    /// checked before it counts. Indexed as 64-bit keys, a 250k import spent 2% more CPU
    /// and 75 MB more memory on them.
    pub bands: [u32; BANDS],
    pub shingles: u32,
    /// Hashes of the distinct digit runs ("6-1/4" gives 6, 1 and 4), sorted.
    pub numbers: Vec<u32>,
}

impl Fingerprint {
    /// The fingerprint of a text, or `None` when it has fewer than one shingle of words.
    pub fn of(text: &str) -> Option<Fingerprint> {
        let words: Vec<u64> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(fnv1a_lowercase)
            .collect();
        let mut shingles: Vec<u64> = words
            .windows(SHINGLE_WORDS)
            .map(|w| w.iter().fold(0, |h, &x| mix(h ^ x)))
            .collect();
        shingles.sort_unstable();
        shingles.dedup();
        if shingles.is_empty() {
            return None;
        }
        let mut mins = [EMPTY; HASHES];
        for &shingle in &shingles {
            let bin = (shingle >> (64 - HASHES.trailing_zeros())) as usize;
            mins[bin] = mins[bin].min(shingle as u32);
        }
        densify(&mut mins);
        Some(Fingerprint {
            mins,
            bands: bands_of(&mins),
            shingles: shingles.len() as u32,
            numbers: numbers_of(text),
        })
    }

    /// True when the two texts are copies of one story: most of the smaller one's
    /// shingles are in the other, and so are its numbers. Templated wire items (the same
    /// notice on another day, a price table at another hour) share shingles but not numbers.
    pub fn same_story(&self, other: &Fingerprint) -> bool {
        let (small, large) = if self.shingles <= other.shingles {
            (self, other)
        } else {
            (other, self)
        };
        let missing = small
            .numbers
            .iter()
            .filter(|n| large.numbers.binary_search(n).is_err())
            .count();
        self.containment(other) >= SAME_STORY && missing * 10 <= small.numbers.len()
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Fingerprint) -> f32 {
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / HASHES as f32
    }

    /// Estimated share of the smaller text's shingles found in the other: high for a copy
    /// that was cut or had boilerplate added, where Jaccard alone would be low.
    pub fn containment(&self, other: &Fingerprint) -> f32 {
        let j = self.jaccard(other);
        let (a, b) = (self.shingles as f32, other.shingles as f32);
        (j * (a + b) / ((1.0 + j) * a.min(b))).min(1.0)
    }
}

/// Hashes of the distinct digit runs of a text, sorted, at most [`MAX_NUMBERS`].
fn numbers_of(text: &str) -> Vec<u32> {
    let mut numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .map(|run| fnv1a(run.bytes()) as u32)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers.truncate(MAX_NUMBERS);
    numbers
}

/// The LSH band keys of these minimums.
fn bands_of(mins: &[u32; HASHES]) -> [u32; BANDS] {
    std::array::from_fn(|b| {
        let key = mins[b * ROWS..(b + 1) * ROWS]
            .iter()
            .fold(b as u64, |h, &m| mix(h ^ u64::from(m)));
        key as u32
    })
}

/// A bin no shingle fell in.
const EMPTY: u32 = u32::MAX;

/// Fills each empty bin (a short text leaves some) with the minimum of a filled one, the
/// first filled in a sequence of bins that depends only on the empty bin's number, so two
/// texts borrow from the same bin ("optimal densification", Shrivastava 2017) and still
/// agree in it with probability their Jaccard similarity.
fn densify(mins: &mut [u32; HASHES]) {
    let filled = *mins;
    if filled.iter().all(|&m| m == EMPTY) {
        return;
    }
    for (bin, min) in mins.iter_mut().enumerate() {
        let mut attempt = 0u64;
        while *min == EMPTY {
            let donor = mix((bin as u64) << 32 | attempt) as usize % HASHES;
            *min = filled[donor];
            attempt += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "South Korean President Lee Jae Myung and Japan's new Prime Minister Sanae Takaichi met in their first summit Thursday, pledging to strengthen ties that have been frequently strained by their bitter wartime history. Their meeting in South Korea came after both launched charm offensives toward U.S. President Donald Trump, who visited their countries and pressed the two key U.S. allies to complete their massive U.S. investment pledges.";

    #[test]
    fn a_copy_with_boilerplate_is_contained_and_another_text_is_not() {
        let original = Fingerprint::of(STORY).unwrap();
        let padded = Fingerprint::of(&format!("Your support helps us tell the story. Donate now. {STORY} Sponsored links: the show at noon.")).unwrap();
        let other = Fingerprint::of("The leaders of Japan and South Korea met on Saturday and pledged to enhance cooperation between the two countries, saying economic and security challenges require them to step up bilateral relations.").unwrap();
        assert!(
            original.containment(&padded) > 0.8,
            "{}",
            original.containment(&padded)
        );
        assert!(original.same_story(&padded));
        assert!(original.containment(&other) < 0.2);
        assert!(!original.same_story(&other));
        assert!(original
            .bands
            .iter()
            .zip(padded.bands)
            .any(|(a, b)| *a == b));
    }
}

#[cfg(test)]
mod templated {
    use super::*;

    #[test]
    fn a_templated_notice_with_other_numbers_is_not_the_same_story() {
        let notice = |term: &str, rate: &str| {
            format!("The Federal Reserve entered the U.S. Government securities market to arrange {term} System repurchase agreements, a Fed spokesman said. Dealers said Federal funds were trading at {rate} pct when the Fed began its temporary and direct supply of reserves to the banking system.")
        };
        let monday = Fingerprint::of(&notice("three-day", "6-1/4")).unwrap();
        let tuesday = Fingerprint::of(&notice("overnight", "6-3/16")).unwrap();
        assert!(
            monday.containment(&tuesday) >= SAME_STORY,
            "the texts are alike"
        );
        assert!(!monday.same_story(&tuesday), "but their numbers differ");
    }
}
