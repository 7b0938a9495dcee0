//! Fitting text into a number of terminal columns (wide characters count double).
use unicode_width::UnicodeWidthChar;

/// `text` cut to at most `width` columns, with "…" when it was cut.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            if width > 0 {
                while used + 1 > width {
                    used -= out.pop().and_then(|c| c.width()).unwrap_or(0);
                }
                out.push('…');
            }
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

/// `text` fitted to `width` columns with " +N" after it when N more outlets ran the same
/// story ("AP +1"): the count is never the part cut off.
pub fn fit_with_copies(text: &str, copies: usize, width: usize) -> String {
    if copies == 0 {
        return fit(text, width);
    }
    let more = format!(" +{copies}");
    format!("{}{more}", fit(text, width.saturating_sub(more.len())))
}

/// The first row to show so that `selected` is visible in `height` rows.
pub fn window_start(selected: usize, height: usize) -> usize {
    if height == 0 || selected < height {
        0
    } else {
        selected + 1 - height
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_by_columns() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語です", 5), "日本…");
        assert_eq!(fit("abc", 3), "abc");
    }
}
