//! Reading index files into the page cache on many threads at once, ahead of a use that
//! would otherwise fault them in one page after the other through the memory maps.
//!
//! - Before the index opens, the ends of every file (their footers, and where the first
//!   fast-field column starts). Opening reads every file's footer, one page fault after
//!   the other; when the library is not in the page cache (after a reboot, or once other
//!   files pushed it out) each is a wait on the disk: at a million articles, 54 of the 63
//!   faults of opening the library, about 140 ms of a 200 ms start.
//! - Once the reader's first frame is up, the term dictionaries and then the postings
//!   whole, in the background (see [`terms_and_postings_in_background`]).
//! - Before a scan of every stored document, the doc stores whole: they are read a block
//!   at a time (see [`super::directory`]), which a scan of a cold library would pay as
//!   one wait on the disk after the other.
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::directory::has_extension;

/// Bytes read from the end of each file: the footer and the metadata tantivy reads
/// before it, in most files.
const TAIL: u64 = 256 * 1024;
/// Bytes read from the start of each file: where the first column of the fast fields,
/// the date the list is sorted by, begins.
const HEAD: u64 = 64 * 1024;
/// Files read at the same time.
const READERS: usize = 16;

/// Reads the first [`HEAD`] and the last [`TAIL`] bytes of every file in `dir`; what cannot
/// be read is left to the index to report when it opens the file.
pub fn file_ends(dir: &Path) {
    read_files(dir, |_| true, read_ends);
}

/// Reads every doc store file in `dir` whole.
pub fn doc_stores(dir: &Path) {
    read_files(dir, |path| has_extension(path, "store"), read_whole);
}

/// Asks the kernel to read every term dictionary in `dir` into the page cache, then every
/// postings file, on a thread of its own, and returns at once: a dictionary is read a
/// page at a time, and the postings a term's list at a time (see [`super::directory`]);
/// a cold page or list is a wait on the disk that this makes once, in the background, for
/// all. Reading the files through this process instead cost the queries that ran
/// meanwhile their CPU time, even when the files were cached.
///
/// The dictionaries come first: with the page cache dropped at a million articles, they
/// were nearly all of the reader's waits on the disk (1,195 major faults in a typing run:
/// the related stories' and the same-story lookups of terms), and read first the
/// keystroke p99 was 20.5–25.0 ms against 21.1–30.1 with the postings alone.
pub fn terms_and_postings_in_background(dir: &Path) {
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        for extension in ["term", "idx"] {
            for path in files(&dir, |path| has_extension(path, extension)) {
                let _ = will_need(&path);
            }
        }
    });
}

/// `posix_fadvise(POSIX_FADV_WILLNEED)` over a whole file: the kernel reads what of it is
/// not cached, without copying it anywhere.
fn will_need(path: &Path) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let file = std::fs::File::open(path)?;
    // SAFETY: the descriptor is open for the whole call, and the advice reads no memory
    // of this process.
    let error = unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) };
    match error {
        0 => Ok(()),
        code => Err(std::io::Error::from_raw_os_error(code)),
    }
}

fn read_whole(path: &Path) -> std::io::Result<()> {
    std::io::copy(&mut std::fs::File::open(path)?, &mut std::io::sink()).map(drop)
}

fn read_files(
    dir: &Path,
    wanted: impl Fn(&Path) -> bool,
    read: impl Fn(&Path) -> std::io::Result<()> + Sync,
) {
    super::on_threads(&files(dir, wanted), READERS, |part| {
        for path in part {
            let _ = read(path);
        }
    });
}

/// The files of `dir` that are `wanted` (none if it cannot be listed).
fn files(dir: &Path, wanted: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.is_file() && wanted(path))
        .collect()
}

fn read_ends(path: &Path) -> std::io::Result<()> {
    let mut file = std::fs::File::open(path)?;
    let length = file.metadata()?.len();
    let mut buffer = Vec::with_capacity(TAIL.max(HEAD) as usize);
    (&mut file).take(HEAD).read_to_end(&mut buffer)?;
    buffer.clear();
    file.seek(SeekFrom::Start(length.saturating_sub(TAIL)))?;
    file.read_to_end(&mut buffer)?;
    Ok(())
}
