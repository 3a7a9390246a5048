//! "Did you mean": the known word closest to a misspelt one, and words that
//! look alike (Unicode's confusables, UTS #39, from `unicode-security`). A
//! leaf: it imports nothing of the crate.

use unicode_script::{Script, UnicodeScript};
use unicode_security::MixedScript;

/// Words longer than this (in bytes) are neither given nor offered a
/// "did you mean".
const MAX_SUGGESTED: usize = 256;

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo: at most a third of the word's length in edits (at least one).
pub fn nearest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    // The edit distance costs the product of the two lengths: an id of a
    // megabyte is nobody's typo.
    if word.len() > MAX_SUGGESTED {
        return None;
    }
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    let len = word.chars().count();
    for c in candidates {
        // Cheap bounds first: lengths that differ by more than the limit
        // cannot be within it.
        if c == word
            || c.len() > MAX_SUGGESTED
            || c.len().abs_diff(word.len()) > limit * 4
            || c.chars().count().abs_diff(len) > limit
        {
            continue;
        }
        let d = strsim::damerau_levenshtein(word, c);
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The skeleton of a word (UTS #39): two words that look alike have the
/// same skeleton (`irаn` with a Cyrillic `а` and `iran`; `rnodern` and
/// `modern`; `aptl` and `apt1`). An ASCII word's is read from a table of
/// the 128 characters' own.
pub fn skeleton(word: &str) -> String {
    use std::sync::OnceLock;
    static ASCII: OnceLock<Vec<String>> = OnceLock::new();
    if !word.is_ascii() {
        return unicode_security::confusable_detection::skeleton(word).collect();
    }
    let table = ASCII.get_or_init(|| {
        (0u8..128)
            .map(|b| {
                let c = [b];
                let one = std::str::from_utf8(&c).expect("ASCII");
                unicode_security::confusable_detection::skeleton(one).collect()
            })
            .collect()
    });
    word.bytes().map(|b| table[b as usize].as_str()).collect()
}

/// The scripts of a word's letters, in words: "Latin and Cyrillic".
pub fn scripts(word: &str) -> String {
    let mut names: Vec<&str> = Vec::new();
    for c in word.chars() {
        let script = c.script();
        if matches!(script, Script::Common | Script::Inherited) {
            continue;
        }
        let name = script.full_name();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    match names.as_slice() {
        [] => "several scripts".into(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The scripts a word mixes ("Latin and Cyrillic"), if it mixes some.
pub fn mixed_scripts(word: &str) -> Option<String> {
    (!word.is_ascii() && !word.is_single_script()).then(|| scripts(word))
}

/// One character, for a sentence: "a Cyrillic `а` (U+0430)", or "`1`
/// (U+0031)" for a character of no script of its own.
fn character(c: char) -> String {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => {
            format!("`{c}` (U+{:04X})", c as u32)
        }
        script => format!("a {} `{c}` (U+{:04X})", script.full_name(), c as u32),
    }
}

/// How many items two sequences share at their start, and how many at their
/// end after those.
pub fn common_ends<T: PartialEq>(a: &[T], b: &[T]) -> (usize, usize) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
}

/// Where `word` differs from `other`, which it looks like: "a Cyrillic `а`
/// (U+0430) where `iran` has a Latin `a` (U+0061)", "`rn` where `modern`
/// has `m`".
pub fn difference(word: &str, other: &str) -> String {
    let (w, o): (Vec<char>, Vec<char>) = (word.chars().collect(), other.chars().collect());
    let (prefix, suffix) = common_ends(&w, &o);
    let (w, o) = (&w[prefix..w.len() - suffix], &o[prefix..o.len() - suffix]);
    let part = |p: &[char]| -> String {
        match p {
            [] => "nothing".into(),
            [c] => character(*c),
            more => format!("`{}`", more.iter().collect::<String>()),
        }
    };
    format!("{} where `{other}` has {}", part(w), part(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalikes_and_their_difference() {
        assert_eq!(skeleton("irаn"), skeleton("iran"));
        assert_eq!(skeleton("rnodern"), skeleton("modern"));
        assert_eq!(skeleton("apt1"), skeleton("aptl"));
        assert_ne!(skeleton("iran"), skeleton("iraq"));
        for c in 0u8..128 {
            let s = (c as char).to_string();
            assert_eq!(
                skeleton(&s),
                unicode_security::confusable_detection::skeleton(&s).collect::<String>()
            );
        }
        assert_eq!(
            difference("irаn", "iran"),
            "a Cyrillic `а` (U+0430) where `iran` has a Latin `a` (U+0061)"
        );
        assert_eq!(
            difference("rnodern", "modern"),
            "`rn` where `modern` has a Latin `m` (U+006D)"
        );
        assert_eq!(
            difference("apt1", "aptl"),
            "`1` (U+0031) where `aptl` has a Latin `l` (U+006C)"
        );
        assert_eq!(mixed_scripts("irаn").as_deref(), Some("Latin and Cyrillic"));
        assert_eq!(mixed_scripts("ایران"), None);
    }

    #[test]
    fn nearest_finds_typos_only() {
        let ids = ["july-attack", "iran", "albania"];
        assert_eq!(
            nearest("juli-attack", ids.iter().copied()),
            Some("july-attack")
        );
        assert_eq!(nearest("iram", ids.iter().copied()), Some("iran"));
        assert_eq!(nearest("nato", ids.iter().copied()), None);
        // Bounded: a megabyte id is compared with nothing.
        let long = "x".repeat(1 << 20);
        let longer = format!("{long}y");
        assert_eq!(nearest(&longer, [long.as_str()].into_iter()), None);
    }
}
