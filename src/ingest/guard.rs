//! A parser from another crate that panics on a strange file must not take tidings down,
//! nor print a panic message over the reader's screen: the file is reported and skipped.
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread runs a guarded parse: its panics are caught, not reported.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `parse`, turning a panic into an error holding its message.
pub fn catch_panic<T>(parse: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    GUARDED.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(parse));
    GUARDED.set(false);
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string())
    })
}

/// Wraps the panic hook in place (the reader's, which restores the terminal, or the
/// default) so that it is skipped for guarded panics only.
fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.get() {
                previous(info)
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_becomes_an_error() {
        let caught = super::catch_panic(|| -> u8 { panic!("bad byte") });
        assert_eq!(caught, Err("bad byte".to_string()));
        assert_eq!(super::catch_panic(|| 7), Ok(7));
    }
}
