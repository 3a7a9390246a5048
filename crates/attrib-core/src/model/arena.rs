//! Per-kind arenas and the typed ids that index them (after `la-arena`):
//! a `ClaimId` can only index the claims, so an analysis that mixes up an
//! evidence item and a claim does not compile.
//!
//! An id's number is the declaration's position among those of its kind,
//! in source order. That order is never an output order: whatever is shown
//! is sorted by the declarations' names or dates (ARCHITECTURE.md).

use std::marker::PhantomData;

/// A typed index into an [`Arena`].
pub trait Idx: Copy + Eq + Ord + std::hash::Hash + std::fmt::Debug {
    fn from_index(index: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub struct $name(u32);

            impl Idx for $name {
                fn from_index(index: usize) -> Self {
                    $name(u32::try_from(index).expect("fewer than 2^32 declarations of a kind"))
                }
                fn index(self) -> usize {
                    self.0 as usize
                }
            }
        )+
    };
}

ids! {
    /// A `case` header.
    CaseId,
    /// A `source`.
    SourceId,
    /// An `actor`.
    ActorId,
    /// An `event`.
    EventId,
    /// A `claim`.
    ClaimId,
    /// An `evidence` item.
    EvidenceId,
    /// A `response`.
    ResponseId,
    /// A `hypothesis`.
    HypothesisId,
}

/// The declarations of one kind, in source order.
#[derive(Debug, Clone)]
pub struct Arena<I, T> {
    items: Vec<T>,
    _id: PhantomData<fn() -> I>,
}

impl<I, T> Default for Arena<I, T> {
    fn default() -> Self {
        Arena {
            items: Vec::new(),
            _id: PhantomData,
        }
    }
}

impl<I: Idx, T> Arena<I, T> {
    pub fn push(&mut self, item: T) -> I {
        self.items.push(item);
        I::from_index(self.items.len() - 1)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every id, in source order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + use<I, T> {
        (0..self.items.len()).map(I::from_index)
    }

    /// Every declaration with its id, in source order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator {
        self.items
            .iter()
            .enumerate()
            .map(|(i, t)| (I::from_index(i), t))
    }

    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }
}

impl<I: Idx, T> std::ops::Index<I> for Arena<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

/// One value per declaration of a kind, indexed by its typed id (a bit per
/// claim in view, the grade of each evidence item …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerId<I, T> {
    values: Vec<T>,
    _id: PhantomData<fn() -> I>,
}

impl<I: Idx, T: Clone> PerId<I, T> {
    pub fn filled<U>(arena: &Arena<I, U>, value: T) -> Self {
        PerId {
            values: vec![value; arena.len()],
            _id: PhantomData,
        }
    }
}

impl<I: Idx, T> PerId<I, T> {
    pub fn iter(&self) -> impl Iterator<Item = (I, &T)> {
        self.values
            .iter()
            .enumerate()
            .map(|(i, t)| (I::from_index(i), t))
    }
}

impl<I: Idx, T> std::ops::Index<I> for PerId<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.values[id.index()]
    }
}

impl<I: Idx, T> std::ops::IndexMut<I> for PerId<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.values[id.index()]
    }
}
