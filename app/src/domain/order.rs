//! Putting things a person has ordered by hand (themes, values) in a new order.

/// The order after moving the item at `index` one place up (towards the start) or down,
/// or `None` when it is already first (or last) or there is no such item, so there is
/// nothing to change.
pub fn moved_one_place<T: Clone>(items: &[T], index: usize, up: bool) -> Option<Vec<T>> {
    let other = if up { index.checked_sub(1)? } else { index + 1 };
    if index >= items.len() || other >= items.len() {
        return None;
    }
    let mut order = items.to_vec();
    order.swap(index, other);
    Some(order)
}

#[cfg(test)]
mod tests {
    use super::moved_one_place;

    #[test]
    fn moving_up_swaps_with_the_one_above() {
        assert_eq!(moved_one_place(&[1, 2, 3], 2, true), Some(vec![1, 3, 2]));
    }

    #[test]
    fn moving_down_swaps_with_the_one_below() {
        assert_eq!(moved_one_place(&[1, 2, 3], 0, false), Some(vec![2, 1, 3]));
    }

    #[test]
    fn the_first_cannot_go_up_nor_the_last_down() {
        assert_eq!(moved_one_place(&[1, 2, 3], 0, true), None);
        assert_eq!(moved_one_place(&[1, 2, 3], 2, false), None);
        assert_eq!(moved_one_place(&[1, 2, 3], 7, true), None);
    }
}
