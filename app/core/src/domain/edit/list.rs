//! The entities a case keeps in lists, and the one way each enters, changes and leaves its
//! list. An entity is checked by its own [`ListEntity::check`] whenever it enters the case or one
//! of its values changes, so every kind is held to its rules the same way: the references it
//! holds resolve, its texts fit, its id is new.

use super::{Edit, EditError, EntityKind, MAX_TEXT_CHARS, Referrer};
use crate::domain::model::*;

/// An entity kept in a list: participants, goals, a goal's ratings, a meeting's agenda, …
pub(super) trait ListEntity: Clone {
    const KIND: EntityKind;
    /// What holds the list: `()` for the case's own lists, a goal or a meeting for nested ones.
    type Owner: Copy;
    type Id: Copy + PartialEq + std::fmt::Display;

    /// `None` for an entity that is addressed by its position (a rating).
    fn id(&self) -> Option<Self::Id>;

    fn list(case: &mut Case, owner: Self::Owner) -> Result<&mut Vec<Self>, EditError>;

    /// What the entity must agree with to be in `case`: the references it holds resolve, its
    /// texts fit ([`check_texts`], every text field), its dates are in order.
    fn check(&self, case: &Case) -> Result<(), EditError>;

    /// Refuses to remove entity `id` while something else in `case` refers to it.
    fn check_unreferenced(case: &Case, id: Self::Id) -> Result<(), EditError> {
        let _ = (case, id);
        Ok(())
    }

    /// The edit that inserts `entity` at `index`.
    fn insertion(owner: Self::Owner, index: usize, entity: Self) -> Edit;

    /// The edit that removes `entity`, which is at `index`.
    fn removal(owner: Self::Owner, index: usize, entity: &Self) -> Edit;
}

/// The bookkeeping of a [`ListEntity`] with an `id`, inside its `impl`: its kind (named like
/// the type), its list, and its insert and remove edits. First form: a list of the case, e.g.
/// `list_entity! { Goal: GoalId in goals, InsertGoal { goal } / RemoveGoal }`. Second form: a list
/// of an owner, whose id the edits carry in a field named like the owner's parameter, e.g.
/// `list_entity! { AgendaItem: AgendaItemId in Meeting(meeting).agenda, … }`. It names `Case`,
/// `Edit`, `EditError`, `EntityKind` and `find` as the module that uses it imports them.
macro_rules! list_entity {
    ($kind:ident: $id:ident in $($list:ident).+, $insert:ident { $field:ident } / $remove:ident) => {
        const KIND: EntityKind = EntityKind::$kind;
        type Owner = ();
        type Id = $id;

        fn id(&self) -> Option<$id> {
            Some(self.id)
        }

        fn list(case: &mut Case, (): ()) -> Result<&mut Vec<Self>, EditError> {
            Ok(&mut case.$($list).+)
        }

        fn insertion((): (), index: usize, $field: Self) -> Edit {
            Edit::$insert { index, $field }
        }

        fn removal((): (), _: usize, entity: &Self) -> Edit {
            Edit::$remove { id: entity.id }
        }
    };
    (
        $kind:ident: $id:ident in $owner_kind:ident($owner:ident).$list:ident,
        $insert:ident { $field:ident } / $remove:ident
    ) => {
        const KIND: EntityKind = EntityKind::$kind;
        type Owner = <$owner_kind as ListEntity>::Id;
        type Id = $id;

        fn id(&self) -> Option<$id> {
            Some(self.id)
        }

        fn list(case: &mut Case, $owner: Self::Owner) -> Result<&mut Vec<Self>, EditError> {
            Ok(&mut find(case, $owner)?.$list)
        }

        fn insertion($owner: Self::Owner, index: usize, $field: Self) -> Edit {
            Edit::$insert {
                $owner,
                index,
                $field,
            }
        }

        fn removal($owner: Self::Owner, _: usize, entity: &Self) -> Edit {
            Edit::$remove {
                $owner,
                id: entity.id,
            }
        }
    };
}
pub(super) use list_entity;

/// Where an entity is: its id, or for one in a list of a goal or a meeting, the owner's id and
/// its id.
pub(super) trait Address: Copy {
    type Entity: ListEntity;

    fn owner(self) -> <Self::Entity as ListEntity>::Owner;

    fn id(self) -> <Self::Entity as ListEntity>::Id;
}

macro_rules! addresses {
    ($($id:ident => $entity:ident),*; $(($owner:ident, $nested_id:ident) => $nested:ident),*) => {
        $(impl Address for $id {
            type Entity = $entity;
            fn owner(self) {}
            fn id(self) -> $id {
                self
            }
        })*
        $(impl Address for ($owner, $nested_id) {
            type Entity = $nested;
            fn owner(self) -> $owner {
                self.0
            }
            fn id(self) -> $nested_id {
                self.1
            }
        })*
    };
}

addresses!(
    ParticipantId => Participant, ConsentId => Consent, GoalId => Goal, ActionId => Action,
    ContactId => Contact, MeetingId => Meeting, FormEntryId => FormEntry;
    (GoalId, EvaluationId) => Evaluation, (MeetingId, AgendaItemId) => AgendaItem
);

/// Inserts `entity` at `index` in its list and returns the edit that removes it again.
pub(super) fn insert<T: ListEntity>(
    case: &mut Case,
    owner: T::Owner,
    index: usize,
    entity: T,
) -> Result<Edit, EditError> {
    entity.check(case)?;
    let list = T::list(case, owner)?;
    if index > list.len() {
        return Err(bad_index::<T>(index, list.len()));
    }
    check_new_id(list, &entity)?;
    let inverse = T::removal(owner, index, &entity);
    list.insert(index, entity);
    Ok(inverse)
}

/// Removes the entity at `at`, once nothing refers to it, and returns the edit that puts it
/// back.
pub(super) fn remove<A: Address>(case: &mut Case, at: A) -> Result<Edit, EditError> {
    let index = position(A::Entity::list(case, at.owner())?, at.id())?;
    A::Entity::check_unreferenced(case, at.id())?;
    remove_at::<A::Entity>(case, at.owner(), index)
}

/// Removes the entity at `index` and returns the edit that puts it back.
pub(super) fn remove_at<T: ListEntity>(
    case: &mut Case,
    owner: T::Owner,
    index: usize,
) -> Result<Edit, EditError> {
    let list = T::list(case, owner)?;
    if index >= list.len() {
        return Err(bad_index::<T>(index, list.len()));
    }
    let entity = list.remove(index);
    Ok(T::insertion(owner, index, entity))
}

/// The entity at `at`.
pub(super) fn find<A: Address>(case: &mut Case, at: A) -> Result<&mut A::Entity, EditError> {
    let list = A::Entity::list(case, at.owner())?;
    let index = position(list, at.id())?;
    Ok(&mut list[index])
}

/// Changes the entity at `at` with `change` and checks it as if it were inserted so. On success
/// the change stays and what `change` returned comes back; on error the case is unchanged.
pub(super) fn modify<A: Address, R>(
    case: &mut Case,
    at: A,
    change: impl FnOnce(&mut A::Entity) -> R,
) -> Result<R, EditError> {
    let mut entity = find(case, at)?.clone();
    let out = change(&mut entity);
    entity.check(case)?;
    *find(case, at)? = entity;
    Ok(out)
}

/// Swaps `value` with the one in `slot` of the entity at `at`, which is then checked: the new
/// value goes in, the old one into `value`.
pub(super) fn set<A: Address, V>(
    case: &mut Case,
    at: A,
    slot: impl FnOnce(&mut A::Entity) -> &mut V,
    value: &mut V,
) -> Result<(), EditError> {
    modify(case, at, |e| std::mem::swap(slot(e), value))
}

/// Checks the entities an inserted one brings along (a goal's evaluations, a meeting's agenda)
/// as if each were inserted alone.
pub(super) fn check_all<T: ListEntity>(case: &Case, items: &[T]) -> Result<(), EditError> {
    for (n, item) in items.iter().enumerate() {
        item.check(case)?;
        check_new_id(&items[..n], item)?;
    }
    Ok(())
}

/// Every id in `ids` names an entity in `list`.
pub(super) fn check_refs<'a, T: ListEntity>(
    list: &[T],
    ids: impl IntoIterator<Item = &'a T::Id>,
) -> Result<(), EditError>
where
    T::Id: 'a,
{
    ids.into_iter()
        .try_for_each(|id| position(list, *id).map(drop))
}

/// Refuses to remove a `T` while one of `referrers` is true of it: the first names what holds
/// the reference.
pub(super) fn check_referrers<T: ListEntity>(
    referrers: impl IntoIterator<Item = (Referrer, bool)>,
) -> Result<(), EditError> {
    match referrers.into_iter().find(|(_, refers)| *refers) {
        Some((by, _)) => Err(EditError::StillReferenced { kind: T::KIND, by }),
        None => Ok(()),
    }
}

/// Refuses a text longer than [`MAX_TEXT_CHARS`], rather than cutting it.
pub(super) fn check_text(value: &str) -> Result<(), EditError> {
    let n = value.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(EditError::TextTooLong(n));
    }
    Ok(())
}

pub(super) fn check_texts<'a>(
    values: impl IntoIterator<Item = &'a String>,
) -> Result<(), EditError> {
    values.into_iter().try_for_each(|v| check_text(v))
}

fn position<T: ListEntity>(list: &[T], id: T::Id) -> Result<usize, EditError> {
    list.iter()
        .position(|e| e.id() == Some(id))
        .ok_or_else(|| EditError::Unknown {
            kind: T::KIND,
            id: id.to_string(),
        })
}

fn check_new_id<T: ListEntity>(list: &[T], entity: &T) -> Result<(), EditError> {
    match entity.id() {
        Some(id) if list.iter().any(|e| e.id() == Some(id)) => Err(EditError::Duplicate {
            kind: T::KIND,
            id: id.to_string(),
        }),
        _ => Ok(()),
    }
}

fn bad_index<T: ListEntity>(index: usize, len: usize) -> EditError {
    EditError::BadIndex {
        kind: T::KIND,
        index,
        len,
    }
}
