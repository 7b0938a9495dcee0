//! The story list without reading the stories: every article's date, group and id come
//! from fast fields, so a million-article list is a few bytes an entry, and only the rows
//! on screen are read from the store.
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, SegmentReader};

use super::{Library, Result, Summary};
use crate::text::fnv1a;

/// One row of the story list before it is read: where the newest copy of a story is,
/// and how many other copies were folded into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListEntry {
    pub address: DocAddress,
    pub copies: u32,
}

impl Library {
    /// Every story, newest first (undated last), one entry per same-story group.
    pub fn story_entries(&self) -> Result<Vec<ListEntry>> {
        let searcher = self.reader.searcher();
        let mut rows: Vec<Row> = Vec::with_capacity(searcher.num_docs() as usize);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let dates = segment.fast_fields().date("date")?;
            let stories = StoryKeys::of(segment)?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                rows.push(Row {
                    date: dates
                        .first(doc)
                        .map_or(i64::MIN, |d| d.into_timestamp_secs()),
                    group: stories.key(doc),
                    address: DocAddress::new(ord as u32, doc),
                });
            }
        }
        fold_copies_in_place(&mut rows);
        rows.sort_unstable_by(Row::newest_first);
        Ok(rows
            .into_iter()
            .map(|row| ListEntry {
                address: row.address,
                copies: row.group as u32,
            })
            .collect())
    }

    /// The list rows of these entries, read from the store.
    pub fn summaries(&self, entries: &[ListEntry]) -> Result<Vec<Summary>> {
        let addresses: Vec<_> = entries.iter().map(|entry| entry.address).collect();
        let documents = super::stored::documents(&self.reader.searcher(), &addresses)?;
        let summaries = entries.iter().zip(&documents).map(|(entry, doc)| {
            let mut summary = self.summary_of(doc);
            summary.copies = entry.copies as usize;
            summary
        });
        Ok(summaries.collect())
    }

    /// The ids of these entries, from the id fast field (no story is read).
    pub fn ids_of(&self, entries: &[ListEntry]) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let mut ids = vec![String::new(); entries.len()];
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(column) = segment.fast_fields().str("id")? else {
                continue;
            };
            // (term ordinal, entry) for this segment's entries, in dictionary order.
            let mut wanted: Vec<(u64, usize)> = entries
                .iter()
                .enumerate()
                .filter(|(_, entry)| entry.address.segment_ord as usize == ord)
                .filter_map(|(i, entry)| Some((column.term_ords(entry.address.doc_id).next()?, i)))
                .collect();
            wanted.sort_unstable();
            let mut wanted = wanted.into_iter().peekable();
            each_term(&column, |term_ord, term| {
                while let Some((_, i)) = wanted.next_if(|&(o, _)| o == term_ord) {
                    ids[i] = String::from_utf8_lossy(term).into_owned();
                }
            })?;
        }
        Ok(ids)
    }
}

/// Calls `each` with every term of a string fast field and its ordinal, in order. Each
/// block of the dictionary is decompressed once: looking ordinals up one by one
/// decompresses a block for each, 15 s for a million terms.
fn each_term(column: &StrColumn, mut each: impl FnMut(u64, &[u8])) -> Result<()> {
    let mut terms = column.dictionary().stream()?;
    while terms.advance() {
        each(terms.term_ord(), terms.key());
    }
    Ok(())
}

/// An article in the list: its date in seconds (`i64::MIN` when it has none) and where
/// it is.
struct Row {
    date: i64,
    /// Its story's key (0 for none) until [`fold_copies_in_place`], then how many copies were
    /// folded into it: 24 bytes a row, at a million rows the largest thing the reader
    /// holds while it makes its list.
    group: u64,
    address: DocAddress,
}

/// Keeps one row of each story, its newest, with the number of the others in `group`.
/// In place: a map of every story to its row took more memory than the rows (a library
/// of a million stories: 159–178 MB not mapped → 77–97 MB).
fn fold_copies_in_place(rows: &mut Vec<Row>) {
    rows.sort_unstable_by(|a, b| a.group.cmp(&b.group).then(a.newest_first(b)));
    let (mut kept, mut next) = (0, 0);
    while next < rows.len() {
        let story = rows[next].group;
        let run = match story {
            0 => 1,
            _ => rows[next..].iter().take_while(|r| r.group == story).count(),
        };
        rows[kept] = Row {
            group: run as u64 - 1,
            ..rows[next]
        };
        kept += 1;
        next += run;
    }
    rows.truncate(kept);
}

impl Row {
    /// Newest first, then in index order.
    fn newest_first(&self, other: &Row) -> std::cmp::Ordering {
        other
            .date
            .cmp(&self.date)
            .then(self.address.cmp(&other.address))
    }
}

/// A segment's story groups as numbers: the hash of each group's id, 0 for none.
struct StoryKeys {
    column: Option<StrColumn>,
    by_ord: Vec<u64>,
}

impl StoryKeys {
    fn of(segment: &SegmentReader) -> Result<StoryKeys> {
        let column = segment.fast_fields().str(super::schema::STORY)?;
        let mut by_ord = Vec::new();
        if let Some(column) = &column {
            by_ord.reserve(column.num_terms());
            each_term(column, |_, story| {
                by_ord.push(fnv1a(story.iter().copied()).max(1))
            })?;
        }
        Ok(StoryKeys { column, by_ord })
    }

    fn key(&self, doc: u32) -> u64 {
        self.column
            .as_ref()
            .and_then(|c| c.term_ords(doc).next())
            .map_or(0, |ord| self.by_ord[ord as usize])
    }
}
