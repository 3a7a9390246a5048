//! The diff `attrib fmt --check` prints, in time linear in the files.
//!
//! A diff of two whole texts (Myers's algorithm, as `similar` does it)
//! costs the product of their length and the number of lines that differ:
//! a 2.3 MB file none of whose lines was laid out canonically took minutes.
//! The formatter knows which lines correspond (its anchors: each line that
//! starts a declaration, a field or a closing brace on a line of its own),
//! so the texts are compared a stretch between two anchors at a time, each
//! stretch a declaration's header, one field or one brace with the comments
//! before it. Within a stretch, the lines both sides share at its start and
//! its end are matched first; what remains is aligned line by line by Myers
//! when it is at most [`MAX_ALIGNED`] lines, and shown as the old lines
//! removed and the new ones added when it is longer (a field of thousands of
//! lines written on one): the cost of a stretch is then bounded by a
//! constant times its length.

use similar::{Algorithm, ChangeTag, DiffOp};
use std::fmt::Write;

/// The longest changed stretch (old and new lines together) aligned line
/// by line.
const MAX_ALIGNED: usize = 2048;

/// Lines of context around each change.
const CONTEXT: usize = 2;

/// Byte offsets of corresponding lines, as 0-based line numbers (lines end
/// at `\n`). The offsets are in order in both texts.
pub(super) fn lines_of(old: &str, new: &str, anchors: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let old_lines = line_numbers(old, anchors.iter().map(|a| a.0));
    let new_lines = line_numbers(new, anchors.iter().map(|a| a.1));
    old_lines.into_iter().zip(new_lines).collect()
}

fn line_numbers(text: &str, offsets: impl Iterator<Item = usize>) -> Vec<usize> {
    let bytes = text.as_bytes();
    let (mut at, mut line) = (0, 0);
    offsets
        .map(|offset| {
            let offset = offset.clamp(at, bytes.len());
            line += memchr::memchr_iter(b'\n', &bytes[at..offset]).count();
            at = offset;
            line
        })
        .collect()
}

/// The unified diff from `old` to `new`, both files named `name`.
pub(super) fn unified(old: &str, new: &str, anchors: &[(usize, usize)], name: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let mut ops: Vec<DiffOp> = Vec::new();
    let mut from = (0, 0);
    for &(x, y) in anchors.iter().chain(std::iter::once(&(a.len(), b.len()))) {
        let to = (x.clamp(from.0, a.len()), y.clamp(from.1, b.len()));
        stretch(&a, &b, from, to, &mut ops);
        from = to;
    }
    let groups = similar::group_diff_ops(joined(ops), CONTEXT);
    if groups.is_empty() {
        return String::new();
    }
    let mut out = format!("--- {name}\n+++ {name}\n");
    for group in &groups {
        let _ = writeln!(out, "{}", similar::udiff::UnifiedHunkHeader::new(group));
        for op in group {
            for change in op.iter_changes(&a, &b) {
                out.push(match change.tag() {
                    ChangeTag::Equal => ' ',
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                });
                out.push_str(change.value());
                if !change.value().ends_with('\n') {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// The changes in one stretch: old lines `from.0..to.0`, new lines
/// `from.1..to.1`.
fn stretch(
    a: &[&str],
    b: &[&str],
    from: (usize, usize),
    to: (usize, usize),
    ops: &mut Vec<DiffOp>,
) {
    let (old, new) = (&a[from.0..to.0], &b[from.1..to.1]);
    let (prefix, suffix) = crate::suggest::common_ends(old, new);
    if prefix > 0 {
        ops.push(DiffOp::Equal {
            old_index: from.0,
            new_index: from.1,
            len: prefix,
        });
    }
    let (old_mid, new_mid) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let (x, y) = (from.0 + prefix, from.1 + prefix);
    if old_mid.len() + new_mid.len() <= MAX_ALIGNED {
        for op in similar::capture_diff_slices(Algorithm::Myers, old_mid, new_mid) {
            ops.push(shifted(op, x, y));
        }
    } else {
        if !old_mid.is_empty() {
            ops.push(DiffOp::Delete {
                old_index: x,
                old_len: old_mid.len(),
                new_index: y,
            });
        }
        if !new_mid.is_empty() {
            ops.push(DiffOp::Insert {
                old_index: x + old_mid.len(),
                new_index: y,
                new_len: new_mid.len(),
            });
        }
    }
    if suffix > 0 {
        ops.push(DiffOp::Equal {
            old_index: to.0 - suffix,
            new_index: to.1 - suffix,
            len: suffix,
        });
    }
}

/// An operation of a stretch, placed in the whole texts.
fn shifted(op: DiffOp, x: usize, y: usize) -> DiffOp {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + x,
            new_index: new_index + y,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + x,
            old_len,
            new_index: new_index + y,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + x,
            new_index: new_index + y,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + x,
            old_len,
            new_index: new_index + y,
            new_len,
        },
    }
}

/// Runs of equal lines that the stretches cut in pieces, joined again, so
/// that the context around each change is measured on the whole run.
fn joined(ops: Vec<DiffOp>) -> Vec<DiffOp> {
    let mut out: Vec<DiffOp> = Vec::with_capacity(ops.len());
    for op in ops {
        if let (Some(DiffOp::Equal { len, .. }), DiffOp::Equal { len: more, .. }) =
            (out.last_mut(), &op)
        {
            *len += more;
            continue;
        }
        out.push(op);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stretches_make_one_diff() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nB\nc\nd\ne\nf\ng\nH\n";
        // Anchors every line: the equal runs are joined again, so the two
        // changes are two hunks with two lines of context each.
        let anchors: Vec<(usize, usize)> = (1..8).map(|k| (k, k)).collect();
        let diff = unified(old, new, &anchors, "x.case");
        assert_eq!(
            diff,
            "--- x.case\n+++ x.case\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n@@ -6,3 +6,3 @@\n f\n g\n-h\n+H\n"
        );
    }

    #[test]
    fn a_long_stretch_is_replaced_whole() {
        let old = "x\n".repeat(MAX_ALIGNED) + "end";
        let new = "y\n".repeat(MAX_ALIGNED) + "end\n";
        let diff = unified(&old, &new, &[], "x.case");
        assert!(diff.starts_with("--- x.case\n+++ x.case\n@@ -1,2049 +1,2049 @@\n-x\n"));
        assert!(
            diff.contains("-end\n\\ No newline at end of file\n+y\n"),
            "{diff}"
        );
        assert!(diff.ends_with("+y\n+end\n"), "{diff}");
    }
}
