//! The `tidings` binary: parses the command line and hands over to the library crate.

/// Import and recognition allocate many small strings on every core; mimalloc's per-thread
/// heaps spend a fraction of glibc malloc's time on them. Built without transparent huge
/// pages (`no_thp`): with them the reader's first frame took 4 times as long and twice the
/// memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tidings::cli::main()
}
