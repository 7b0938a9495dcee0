//! Stored documents read on several threads at once. Each one is a block of the doc
//! store to decompress; on a cold page cache (after a reboot, or once other files pushed
//! the library out) it is also a random read of the disk, and the disk serves many reads
//! at once. The first search of a cold start at 250,000 articles took 190 ms, most of it
//! reading its 200 hits one after the other.
use tantivy::{DocAddress, Searcher, TantivyDocument};

/// Documents read at the same time.
const READERS: usize = 8;
/// Fewer documents than this are read on the calling thread: starting threads costs more
/// than it saves. A search's ten hits took 0.32 ms on eight threads and 0.03 ms on one at
/// 250,000 articles in the page cache, and a cold one-off search was no slower (51–53 ms
/// against 54–62).
const FEW: usize = 16;

/// The stored documents at `addresses`, in their order.
pub fn documents(
    searcher: &Searcher,
    addresses: &[DocAddress],
) -> tantivy::Result<Vec<TantivyDocument>> {
    let read = map_documents(searcher, addresses, &|| false, |_, doc| doc)?;
    // Reads that are never told to stop read everything.
    Ok(read.unwrap_or_default())
}

/// What `each` makes of the stored documents at `addresses` and their positions, in their
/// order: made on the threads that read them, so work on each document (a hit's snippet)
/// runs on every core. `stop()` is asked before each read: once it says to stop, no more
/// are read and the answer is `None`.
pub fn map_documents<R: Send>(
    searcher: &Searcher,
    addresses: &[DocAddress],
    stop: &(dyn Fn() -> bool + Sync),
    each: impl Fn(usize, TantivyDocument) -> R + Sync,
) -> tantivy::Result<Option<Vec<R>>> {
    let read = |&(position, address): &(usize, DocAddress)| {
        if stop() {
            return Ok(None);
        }
        searcher.doc(address).map(|doc| Some(each(position, doc)))
    };
    let positioned: Vec<(usize, DocAddress)> = addresses.iter().copied().enumerate().collect();
    if addresses.len() < FEW {
        return positioned.iter().map(read).collect();
    }
    let parts = super::on_threads(&positioned, READERS, |part| {
        part.iter()
            .map(read)
            .collect::<tantivy::Result<Option<Vec<R>>>>()
    });
    let mut made = Vec::with_capacity(addresses.len());
    for part in parts {
        let Some(part) = part? else {
            return Ok(None);
        };
        made.extend(part);
    }
    Ok(Some(made))
}
