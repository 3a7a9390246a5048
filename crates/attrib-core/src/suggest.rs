//! "Did you mean": the known word closest to a misspelt one. A leaf: it
//! imports nothing of the crate.

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

#[cfg(test)]
mod tests {
    use super::nearest;

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
