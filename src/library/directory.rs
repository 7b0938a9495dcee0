//! The library's folder as tantivy reads it: memory maps, as tantivy's own
//! [`MmapDirectory`], except that the doc store and the postings are read with `pread`
//! and the term dictionaries are mapped for random reads.
//!
//! Mapped, every page of the doc store or the postings a search or a related-stories
//! query had read stayed in the reader's resident memory: at a million articles, after
//! typing five searches, 101 MB of doc store and 73 MB of postings (a reader peak of
//! 155–167 MB; read, 79–84 MB). tantivy reads a doc store block, or a term's postings, as
//! one range, so a read is one system call instead of page faults, and what it read is
//! freed when the query is done.
//!
//! A term's postings are read whole, though a query may need a few blocks of a long
//! list: with the page cache dropped, related stories at 250,000 articles then took
//! 15–16 ms at p99 instead of 9 mapped, where each fault read 8 MB around it. So the
//! reader has the kernel read the postings files (after the term dictionaries) into the
//! page cache in the background once its first frame is up
//! ([`super::Library::prefetch_terms_and_postings`]): 8.2–8.9 ms.
//!
//! A term dictionary stays mapped, for random reads: a page fault in a memory map reads
//! the disk around the page as well (as far as the device's read-ahead, 8 MB on this
//! project's machine), and a dictionary is read a term here and there. `MADV_RANDOM`
//! reads the pages asked for. It has a price once the pages are cached: the kernel then
//! maps no cached pages around the one asked for, so each page is a fault of its own.
//!
//! While the library has a writer, files opened then are mapped as tantivy maps them:
//! merging segments reads them whole, which random reads would make a page fault a page.
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Advice, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
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

/// A file read with `pread`, a range at a time, into memory of its own.
#[derive(Debug)]
struct ReadAtFile {
    file: std::fs::File,
    len: usize,
}

impl tantivy::HasLen for ReadAtFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadAtFile {
    fn read_bytes(&self, range: Range<usize>) -> std::io::Result<OwnedBytes> {
        let mut buffer = vec![0; range.len()];
        self.file.read_exact_at(&mut buffer, range.start as u64)?;
        Ok(OwnedBytes::new(buffer))
    }
}

/// Memory maps of the library's folder; see the module's documentation.
#[derive(Clone, Debug)]
pub struct LibraryDirectory {
    /// Files mapped as tantivy maps them.
    files: MmapDirectory,
    /// Files mapped for random reads.
    random: MmapDirectory,
    root: PathBuf,
    writing: Writing,
}

impl LibraryDirectory {
    pub fn open(path: &Path, writing: Writing) -> Result<LibraryDirectory, OpenDirectoryError> {
        Ok(LibraryDirectory {
            files: MmapDirectory::open(path)?,
            random: MmapDirectory::open_with_madvice(path, Advice::Random)?,
            root: path.to_path_buf(),
            writing,
        })
    }

    fn read_at_file(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let full_path = self.root.join(path);
        let error = |io_error: std::io::Error| {
            if io_error.kind() == std::io::ErrorKind::NotFound {
                OpenReadError::FileDoesNotExist(path.to_path_buf())
            } else {
                OpenReadError::wrap_io_error(io_error, path.to_path_buf())
            }
        };
        let file = std::fs::File::open(&full_path).map_err(error)?;
        let len = file.metadata().map_err(error)?.len() as usize;
        Ok(Arc::new(ReadAtFile { file, len }))
    }
}

/// Whether `path` ends in `.{extension}`: tantivy names a segment's files by what they
/// hold.
pub(super) fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension().is_some_and(|e| e == extension)
}

impl Directory for LibraryDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if self.writing.get() {
            self.files.get_file_handle(path)
        } else if has_extension(path, "store") || has_extension(path, "idx") {
            self.read_at_file(path)
        } else if has_extension(path, "term") {
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

    /// The kernel's flags of the mapping of `path` in this process ("rr": random reads),
    /// or `None` if it is not mapped.
    fn mapping_flags(path: &Path) -> Option<String> {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let mapping = smaps
            .split_inclusive("VmFlags:")
            .skip_while(|part| !part.contains(path.to_str().unwrap()))
            .nth(1)?;
        Some(mapping.lines().next().unwrap().to_string())
    }

    #[test]
    fn stores_and_postings_are_read_unmapped_and_terms_mapped_for_random_reads_unless_writing() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.store", "a.term", "a.idx", "b.store"] {
            let bytes: Vec<u8> = (0..8192u32).map(|i| (i % 251) as u8).collect();
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let writing = Writing::default();
        let directory = LibraryDirectory::open(dir.path(), writing.clone()).unwrap();
        let open = |name: &str| directory.get_file_handle(Path::new(name)).unwrap();
        let (store, _terms, postings) = (open("a.store"), open("a.term"), open("a.idx"));
        assert!(matches!(
            directory.get_file_handle(Path::new("missing.store")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
        writing.set(true);
        let _merged_store = open("b.store");
        let flags = |name: &str| mapping_flags(&dir.path().join(name));
        assert_eq!(flags("a.store"), None);
        assert_eq!(store.len(), 8192);
        assert_eq!(store.read_bytes(300..303).unwrap().as_slice(), [49, 50, 51]);
        assert!(store.read_bytes(8000..8193).is_err(), "past the end");
        assert!(flags("a.term").unwrap().contains(" rr"));
        assert_eq!(flags("a.idx"), None);
        assert_eq!(postings.read_bytes(0..2).unwrap().as_slice(), [0, 1]);
        assert!(!flags("b.store").unwrap().contains(" rr"));
    }
}
