//! What the index may hold, known before looking: a Bloom filter of the id and the
//! same-story band keys of every committed article. An import looks each new article's id
//! and bands up in every segment's term dictionary; nearly always nothing is there, and at
//! 250k articles those lookups were two fifths of grouping's cost. The filter answers "not
//! there" without them.
//!
//! It is built only while this process holds the index writer, so no other process adds
//! articles behind its back, and it is kept up as articles are added.
use tantivy::schema::Field;
use tantivy::Searcher;

use super::bloom::Bloom;
use super::Result;
use crate::text::fnv1a;

pub struct KnownKeys {
    bloom: Bloom,
}

impl KnownKeys {
    /// The keys of every article in the index, read from the id and band term dictionaries.
    pub fn of_index(searcher: &Searcher, id: Field, bands: Field) -> Result<KnownKeys> {
        let mut dictionaries = Vec::new();
        for segment in searcher.segment_readers() {
            dictionaries.push((segment.inverted_index(id)?, id_key as fn(&[u8]) -> u64));
            dictionaries.push((segment.inverted_index(bands)?, band_key));
        }
        let terms: usize = dictionaries
            .iter()
            .map(|(d, _)| d.terms().num_terms())
            .sum();
        // Room for as many again before the filter grows.
        let mut bloom = Bloom::with_capacity(2 * terms);
        for (dictionary, key) in &dictionaries {
            let mut stream = dictionary.terms().stream()?;
            while stream.advance() {
                bloom.insert(key(stream.key()));
            }
        }
        Ok(KnownKeys { bloom })
    }

    pub fn add(&mut self, id: &str, bands: &[u32]) {
        self.bloom.insert(id_key(id.as_bytes()));
        bands
            .iter()
            .for_each(|&band| self.bloom.insert(band.into()));
    }

    /// False only when no article with this id was ever added.
    pub fn may_hold_id(&self, id: &str) -> bool {
        self.bloom.may_contain(id_key(id.as_bytes()))
    }

    /// False only when no article added shares one of these bands.
    pub fn may_hold_a_band(&self, bands: &[u32]) -> bool {
        bands
            .iter()
            .any(|&band| self.bloom.may_contain(band.into()))
    }
}

fn id_key(id: &[u8]) -> u64 {
    fnv1a(id.iter().copied())
}

/// A band key as a u64 term stores it: eight bytes, big-endian.
fn band_key(term: &[u8]) -> u64 {
    u64::from_be_bytes(term.try_into().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::library::Library;
    use crate::related::minhash::Fingerprint;

    #[test]
    fn the_keys_read_from_the_index_are_those_of_its_articles() {
        let text = |place: &str| {
            format!("The leaders met in {place} on Thursday and pledged to deepen ties between their two countries.")
        };
        let mut library = Library::in_memory().unwrap();
        let mut article = Article {
            id: "wire-1".into(),
            title: "Leaders meet".into(),
            body: text("Gyeongju"),
            fingerprint: Fingerprint::of(&text("Gyeongju")),
            ..Article::default()
        };
        library.add(&mut article).unwrap();
        library.commit().unwrap();
        let f = &library.fields;
        let known = KnownKeys::of_index(&library.reader.searcher(), f.id, f.bands).unwrap();
        assert!(known.may_hold_id("wire-1"));
        assert!(!known.may_hold_id("wire-2"));
        let bands = |place| Fingerprint::of(&text(place)).unwrap().bands;
        assert!(known.may_hold_a_band(&bands("Gyeongju")));
        assert!(!known.may_hold_a_band(&bands("Tokyo, Busan and Kananaskis")));
    }

    #[test]
    fn after_a_bulk_commit_ids_are_still_known_and_copies_still_grouped() {
        let article = |id: &str, body: String| Article {
            id: id.into(),
            title: id.into(),
            fingerprint: Fingerprint::of(&body),
            body,
            ..Article::default()
        };
        let story = "South Korean President Lee Jae Myung and Japan's Prime Minister Sanae Takaichi met in Gyeongju on Thursday, pledging to strengthen ties.";
        let mut library = Library::in_memory().unwrap();
        for i in 0..crate::library::KNOWN_AFTER {
            let body = format!("Brief number {i} of the day: nothing {} happened.", i * 7);
            library
                .add(&mut article(&format!("brief-{i}"), body))
                .unwrap();
        }
        library.add(&mut article("wire-1", story.into())).unwrap();
        library.commit().unwrap();
        assert!(
            library.known.is_some(),
            "a bulk commit builds the known keys"
        );

        assert!(library.contains("wire-1") && library.contains("brief-7"));
        assert!(!library.contains("wire-2"));
        let mut copy = article("wire-2", format!("Advertisement. {story} Read more."));
        assert!(library.add(&mut copy).unwrap());
        assert_eq!(copy.story, "wire-1");
        let mut other = article(
            "wire-3",
            "Markets rose in Tokyo and Seoul on Friday as the yen weakened.".into(),
        );
        library.add(&mut other).unwrap();
        assert_eq!(other.story, "wire-3");
    }
}
