//! The page's sorts. The standard library's sorts are compiled anew for each
//! element type and comparator (about 5 KB of wasm each: a stable sort is a
//! quicksort, a merge and small-sort networks); the page's dozen sorts share
//! these two instead, which keeps them out of the first load's bytes. Code
//! only the worker runs (imports, fits) keeps the standard sorts.

use std::cmp::Ordering;

/// The positions `0..n` in the order `cmp` gives them; a stable sort (ties
/// keep the order of their positions). `cmp` must be a total order.
pub fn order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Sorts `v` stably by `cmp` (a total order), through [`order`].
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let idx = order(v.len(), &|a, b| match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => cmp(x, y),
        _ => Ordering::Equal,
    });
    let mut old: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(idx.into_iter().filter_map(|i| old.get_mut(i).and_then(Option::take)));
}

/// Sorts numbers ascending by [`f64::total_cmp`].
pub fn sort_f64(v: &mut [f64]) {
    v.sort_unstable_by(f64::total_cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut v: Vec<(u8, usize)> = [3u8, 1, 2, 1, 3, 0, 2].iter().enumerate().map(|(i, &k)| (k, i)).collect();
        let mut want = v.clone();
        want.sort_by_key(|p| p.0);
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, want);
        let mut x = vec![2.0, f64::NAN, -1.0, 0.5, -0.0, 0.0];
        sort_f64(&mut x);
        assert_eq!(format!("{x:?}"), "[-1.0, -0.0, 0.0, 0.5, 2.0, NaN]");
        assert_eq!(order(0, &|_, _| Ordering::Equal), Vec::<usize>::new());
    }
}
