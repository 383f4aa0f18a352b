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

/// A number's sort key: keys in ascending order are the numbers in
/// [`f64::total_cmp`]'s order.
pub fn key_f64(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | 1 << 63
    }
}

/// The positions of `keys` in ascending order of key, ties by position (the
/// order of a stable sort): a least-significant-byte-first radix sort, which
/// skips the bytes all keys share. Integer keys (a number's [`key_f64`] in
/// the high half, a tie-breaker in the low half) sort the page's tables of
/// 25,000 customers in linear time, several times faster than [`order`]
/// with a comparator.
pub fn order_by_key(keys: impl Iterator<Item = u128>) -> Vec<usize> {
    // Two 64-bit halves (wasm has no 128-bit shifts) moved with their
    // position, so that every pass reads in order. Plain loops: the page is
    // built for size, and iterator adapters there cost a call per item.
    let mut items: Vec<(u64, u64, usize)> = keys.enumerate().map(|(i, k)| (k as u64, (k >> 64) as u64, i)).collect();
    let n = items.len();
    // Every pass's byte counts in one reading of the keys; a half that is
    // zero in every key is not counted (its passes would move nothing).
    let used = [items.iter().any(|t| t.0 != 0), items.iter().any(|t| t.1 != 0)];
    let mut counts = vec![[0usize; 256]; 16];
    for t in &items {
        let mut pass = 0;
        while pass < 16 {
            if used[pass / 8] {
                let half = if pass < 8 { t.0 } else { t.1 };
                counts[pass][((half >> (8 * (pass % 8))) & 0xff) as usize] += 1;
            }
            pass += 1;
        }
    }
    let mut next = items.clone();
    let mut pass = 0;
    while pass < 16 {
        let count = &mut counts[pass];
        let shift = 8 * (pass % 8);
        let high = pass >= 8;
        pass += 1;
        if !used[usize::from(high)] || count.contains(&n) {
            continue;
        }
        let mut start = 0;
        let mut b = 0;
        while b < 256 {
            (start, count[b]) = (start + count[b], start);
            b += 1;
        }
        for t in &items {
            let b = (((if high { t.1 } else { t.0 }) >> shift) & 0xff) as usize;
            if let Some(slot) = next.get_mut(count[b]) {
                *slot = *t;
            }
            count[b] += 1;
        }
        std::mem::swap(&mut items, &mut next);
    }
    items.into_iter().map(|t| t.2).collect()
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
        // Keys order numbers as total_cmp does; ties keep their positions.
        let xs = [2.0, f64::NAN, -1.0, 0.5, -0.0, 0.0, -f64::NAN, f64::NEG_INFINITY, 0.5, -1e-300];
        let by_key = order_by_key(xs.iter().map(|&x| u128::from(key_f64(x)) << 64));
        let by_cmp = order(xs.len(), &|a, b| xs[a].total_cmp(&xs[b]));
        assert_eq!(by_key, by_cmp);
        let desc = order_by_key(xs.iter().map(|&x| u128::from(!key_f64(x)) << 64));
        assert_eq!(desc, order(xs.len(), &|a, b| xs[b].total_cmp(&xs[a])));
    }

    #[test]
    fn the_radix_order_is_a_stable_sort_of_the_keys() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for n in [0, 1, 2, 3, 17, 256, 1000, 5000] {
            // Many ties, keys of every width, shared high and low bytes.
            let keys: Vec<u128> = (0..n)
                .map(|_| match next() % 4 {
                    0 => u128::from(next() % 7),
                    1 => u128::from(next()) << 64 | 0xff,
                    2 => u128::from(next() % 3) << 100 | u128::from(next() % 5),
                    _ => u128::from(next()) << 32 ^ u128::from(next()),
                })
                .collect();
            let mut want: Vec<usize> = (0..n).collect();
            want.sort_by_key(|&i| keys[i]);
            assert_eq!(order_by_key(keys.iter().copied()), want, "n = {n}");
        }
    }
}
