//! The library's folder as tantivy reads it: memory maps, as tantivy's own
//! [`MmapDirectory`], except that the doc store and the term dictionaries are mapped for
//! random reads.
//!
//! A page fault in a memory map reads the disk around the page as well (as far as the
//! device's read-ahead, 8 MB on this project's machine). That helps a scan, but the doc
//! store is read a block here and a block there, and a term dictionary a term here and
//! there: a cold search's 200 hits read about 100 MB that way, 107 ms at 250,000
//! articles. `MADV_RANDOM` reads the pages asked for. It has a price once the pages are
//! cached: the kernel then maps no cached pages around the one asked for, so each page is
//! a fault of its own. At a million articles a keystroke's p99 went from 150 to 60–70 ms
//! with the page cache dropped, and from 9 to 13–15 ms with the index cached. Postings
//! stay as they were: a related-stories query reads long runs of them, and was slower
//! mapped for random reads.
//!
//! While the library has a writer, files opened then are mapped as tantivy maps them:
//! merging segments reads them whole, which random reads would make a page fault a page.
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Advice, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr,
};

/// Whether the library has a writer, shared by the library and its directory.
#[derive(Clone, Debug, Default)]
pub struct Writing(Arc<AtomicBool>);

impl Writing {
    pub fn set(&self, writing: bool) {
        self.0.store(writing, Ordering::Relaxed);
    }

    fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Memory maps of the library's folder; see the module's documentation.
#[derive(Clone, Debug)]
pub struct LibraryDirectory {
    /// Files mapped as tantivy maps them.
    files: MmapDirectory,
    /// Files mapped for random reads.
    random: MmapDirectory,
    writing: Writing,
}

impl LibraryDirectory {
    pub fn open(path: &Path, writing: Writing) -> Result<LibraryDirectory, OpenDirectoryError> {
        Ok(LibraryDirectory {
            files: MmapDirectory::open(path)?,
            random: MmapDirectory::open_with_madvice(path, Advice::Random)?,
            writing,
        })
    }
}

/// The doc store and the term dictionaries.
fn is_read_at_random(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "store" || e == "term")
}

impl Directory for LibraryDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if is_read_at_random(path) && !self.writing.get() {
            self.random.get_file_handle(path)
        } else {
            self.files.get_file_handle(path)
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.files.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.files.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.files.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.files.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.files.atomic_write(path, data)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.files.acquire_lock(lock)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.files.sync_directory()
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.files.watch(watch_callback)
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The kernel's flags of the mapping of `path` in this process ("rr": random reads).
    fn mapping_flags(path: &Path) -> String {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let mapping = smaps
            .split_inclusive("VmFlags:")
            .skip_while(|part| !part.contains(path.to_str().unwrap()))
            .nth(1)
            .unwrap_or_else(|| panic!("{} is not mapped", path.display()));
        mapping.lines().next().unwrap().to_string()
    }

    #[test]
    fn stores_and_term_dictionaries_are_mapped_for_random_reads_unless_writing() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.store", "a.term", "a.idx", "b.store"] {
            std::fs::write(dir.path().join(name), vec![7u8; 8192]).unwrap();
        }
        let writing = Writing::default();
        let directory = LibraryDirectory::open(dir.path(), writing.clone()).unwrap();
        let open = |name: &str| directory.get_file_handle(Path::new(name)).unwrap();
        let (_store, _terms, _postings) = (open("a.store"), open("a.term"), open("a.idx"));
        writing.set(true);
        let _merged_store = open("b.store");
        let flags = |name: &str| mapping_flags(&dir.path().join(name));
        assert!(flags("a.store").contains(" rr"), "{}", flags("a.store"));
        assert!(flags("a.term").contains(" rr"), "{}", flags("a.term"));
        assert!(!flags("a.idx").contains(" rr"), "{}", flags("a.idx"));
        assert!(!flags("b.store").contains(" rr"), "{}", flags("b.store"));
    }
}
