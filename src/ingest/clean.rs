//! Boilerplate in plain-text articles: the page chrome an extractor left around the story
//! (menus, player and ad labels, captions, program guides, related-article lists, comment
//! prompts). Decided from general cues (is a line prose, runs of prose, position, page
//! conventions such as rights notices and photo captions' "(L)"), never
//! from a list of known strings. What is removed is kept beside the article: nothing is lost.

use std::sync::LazyLock;

use regex::Regex;

/// Lines of other text allowed inside the article between two prose lines.
const MAX_GAP: usize = 2;
/// A line of prose has at least this many words.
const PROSE_WORDS: usize = 8;

/// The article's lines and the boilerplate lines around them, each in order.
#[derive(Debug, PartialEq)]
pub struct Split {
    pub kept: Vec<String>,
    pub removed: Vec<String>,
}

/// Splits lines into the article and the rest. The first `header` lines are page header
/// (the line that held the page's date, say). The article is the first run of prose lines
/// (gaps of up to [`MAX_GAP`] other lines allowed) holding at least half the words of the
/// largest run: related stories after the article are runs of their own, and come later.
pub fn split_boilerplate(lines: &[String], header: usize) -> Split {
    let runs = prose_runs(lines, header);
    let most = runs.iter().map(|r| r.words).max().unwrap_or(0);
    let Some(article) = runs.iter().find(|r| r.words * 2 >= most) else {
        return Split {
            kept: lines[header.min(lines.len())..].to_vec(),
            removed: lines[..header.min(lines.len())].to_vec(),
        };
    };
    let (mut kept, mut removed) = (Vec::new(), Vec::new());
    for (i, line) in lines.iter().enumerate() {
        if (article.first..=article.last).contains(&i) && !is_furniture(line) {
            kept.push(line.clone())
        } else {
            removed.push(line.clone())
        }
    }
    Split { kept, removed }
}

/// A run of prose: its first and last line and how many words its prose lines hold.
struct Run {
    first: usize,
    last: usize,
    words: usize,
}

fn prose_runs(lines: &[String], header: usize) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (i, line) in lines
        .iter()
        .enumerate()
        .skip(header)
        .filter(|(_, l)| is_prose(l))
    {
        let words = line.split_whitespace().count();
        match runs.last_mut() {
            Some(run) if i - run.last <= MAX_GAP + 1 => {
                run.last = i;
                run.words += words;
            }
            _ => runs.push(Run {
                first: i,
                last: i,
                words,
            }),
        }
    }
    runs
}

/// Lines that belong to the page even inside the story: rules and separators (no word in
/// them), rights notices, and photo captions, which place people in the picture ("(L)",
/// "(2nd R)", "(centre)").
fn is_furniture(line: &str) -> bool {
    static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\((?:\d(?:st|nd|rd|th) )?(?:L|R|C|left|right|cent(?:re|er)|front|rear)\)")
            .expect("valid")
    });
    let trimmed = line.trim_start();
    !line.chars().any(char::is_alphanumeric)
        || ["©", "(c) ", "(C) ", "Copyright "]
            .iter()
            .any(|mark| trimmed.starts_with(mark))
        || CAPTION.is_match(line)
}

/// A sentence or more: enough words, ending like a sentence (closing quotes and
/// brackets aside). Menus, labels, captions ending in a credit, and teasers cut off
/// with ">>" are not.
pub fn is_prose(line: &str) -> bool {
    let end = line
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    line.split_whitespace().count() >= PROSE_WORDS && end.ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(String::from).collect()
    }

    #[test]
    fn chrome_around_the_story_is_removed_and_kept_aside() {
        let page = lines(
            "Audio By Carbonatix\n\
             FILE - The minister speaks at a press conference in Tokyo, Japan, on Oct. 21, 2025.(AP Photo/Pool)\n\
             The two leaders met on Thursday and pledged to strengthen their ties after years of strain.\n\
             They agreed to continue their shuttle diplomacy, the office said in a statement on Friday.\n\
             __\n\
             A writer in Tokyo contributed to this report, which was updated on Friday evening.\n\
             Sponsored Links\n\
             On Air & Up Next\n\
             • The Morning Show\n\
             The host is one of the nation’s leading voices and a genuine media   >>",
        );
        let split = split_boilerplate(&page, 0);
        assert_eq!(split.kept.len(), 3, "{:?}", split.kept);
        assert!(split.kept[0].starts_with("The two leaders"));
        assert!(split.kept[2].starts_with("A writer in Tokyo"));
        assert_eq!(split.removed.len(), 7);
        assert_eq!(
            split.kept.len() + split.removed.len(),
            page.len(),
            "nothing is lost"
        );
    }

    #[test]
    fn a_later_block_of_related_stories_is_not_the_article() {
        let story = "The leaders met on Tuesday and agreed to build on the recent thaw in relations between them.";
        let related = "In other news a much longer story about an airline and its charter flights to several cities ran here with many more words than the main one had.";
        let page = lines(&format!("{story}\n{story} Again.\nComments\nNo comments yet...\nRelated Articles\nSome headline\nSome headline\n{related}\n{related}"));
        let split = split_boilerplate(&page, 0);
        assert_eq!(split.kept.len(), 2);
        assert!(split.removed.iter().any(|l| l == "Related Articles"));
    }

    #[test]
    fn captions_and_rights_notices_inside_the_story_are_removed() {
        let story = "The leaders met on Tuesday and agreed to build on the recent thaw in relations between them.";
        let page = lines(&format!(
            "The prime minister (L) and the president shake hands as they meet for talks in Canada on Tuesday.\n{story}\n{story} Again.\n©2025 Example L.P. Visit example.com. Distributed by an agency."
        ));
        let split = split_boilerplate(&page, 0);
        assert_eq!(split.kept, [story.to_string(), format!("{story} Again.")]);
        assert_eq!(split.removed.len(), 2);
    }

    #[test]
    fn text_without_prose_is_kept_whole() {
        let page = lines("COPPER 875 877\nLEAD 300 301");
        assert_eq!(split_boilerplate(&page, 0).kept, page);
    }
}
