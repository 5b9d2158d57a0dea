//! Byte checks many at a time, shared by the hot text paths (HTML and JSON escaping, the
//! search folding, the Markdown and YAML fast paths, iCalendar escaping): most text has
//! none of the bytes they look for, and these let a whole block be passed over at once.

/// `0x01` in every byte of a word.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `chunk` (exactly eight) as one little-endian word.
#[inline]
pub fn word(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(chunk.try_into().unwrap_or_default())
}

/// Whether any byte of `x` is `b` (exact as to whether any is; not which).
#[inline]
pub fn has_byte(x: u64, b: u8) -> bool {
    let y = x ^ (ONES * b as u64);
    y.wrapping_sub(ONES) & !y & HIGH != 0
}

/// Whether any byte of `x` is below `n` (`n` at most 0x80; exact as to whether any is).
#[inline]
pub fn has_byte_below(x: u64, n: u8) -> bool {
    x.wrapping_sub(ONES * n as u64) & !x & HIGH != 0
}

/// Whether any byte of `bytes` passes `suspect`, checked 32 bytes at a time with no early
/// exit inside a block (so that the compiler checks each block with vector instructions).
#[inline]
pub fn any_byte(bytes: &[u8], suspect: impl Fn(u8) -> bool) -> bool {
    bytes.chunks(32).any(|block| block.iter().fold(false, |found, &b| found | suspect(b)))
}

/// Call `each` with the index of every byte that may need a look: each byte of every
/// eight-byte block that `suspect` flags (given the block as a [`word`]), and each byte
/// after the last whole block when the last eight bytes are flagged (a text shorter than
/// eight bytes: its bytes, with its first byte repeated to make eight). A byte that
/// `suspect` would flag alone is always given. Stops at the first error `each` returns.
#[inline]
pub fn try_each_candidate<E>(
    bytes: &[u8],
    suspect: impl Fn(u64) -> bool,
    mut each: impl FnMut(usize) -> Result<(), E>,
) -> Result<(), E> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        if suspect(word(chunk)) {
            for k in at..at + 8 {
                each(k)?;
            }
        }
        at += 8;
    }
    if at == bytes.len() {
        return Ok(());
    }
    // The tail, as one block: short texts (names, dates, labels) are most of those checked.
    let last = match bytes.len().checked_sub(8) {
        Some(from) => word(&bytes[from..]),
        None => {
            let mut padded = [bytes[0]; 8];
            padded[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(padded)
        }
    };
    if suspect(last) {
        for k in at..bytes.len() {
            each(k)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn word_checks_agree_with_bytes(bytes in proptest::array::uniform8(proptest::num::u8::ANY), b in proptest::num::u8::ANY, n in 0u8..=0x80) {
            let x = word(&bytes);
            proptest::prop_assert_eq!(has_byte(x, b), bytes.contains(&b));
            proptest::prop_assert_eq!(has_byte_below(x, n), bytes.iter().any(|&c| c < n));
            proptest::prop_assert_eq!(any_byte(&bytes, |c| c == b), bytes.contains(&b));
        }
    }

    /// The indexes `try_each_candidate` gives for `bytes` when looking for byte `b`.
    fn candidates(bytes: &[u8], b: u8) -> Vec<usize> {
        let mut seen = Vec::new();
        let _ = try_each_candidate(
            bytes,
            |x| has_byte(x, b),
            |k| -> Result<(), ()> {
                seen.push(k);
                Ok(())
            },
        );
        seen
    }

    #[test]
    fn candidates_cover_every_flagged_block_and_the_tail() {
        let mut bytes: Vec<u8> = (0..21u8).map(|i| if i == 3 || i == 12 { b'"' } else { b'a' }).collect();
        // The tail (16..21) is given only when the last eight bytes (13..21) are flagged.
        assert_eq!(candidates(&bytes, b'"'), (0..16).collect::<Vec<usize>>());
        bytes[14] = b'"';
        assert_eq!(candidates(&bytes, b'"'), (0..21).collect::<Vec<usize>>());
    }

    proptest::proptest! {
        /// Every byte `suspect` would flag alone is given, whatever the length.
        #[test]
        fn no_flagged_byte_is_passed_over(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40), b in proptest::num::u8::ANY) {
            let seen = candidates(&bytes, b);
            let flagged: Vec<usize> = (0..bytes.len()).filter(|&k| bytes[k] == b).collect();
            proptest::prop_assert!(flagged.iter().all(|k| seen.contains(k)), "{flagged:?} not all in {seen:?}");
            proptest::prop_assert!(seen.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn every_byte_of_every_position() {
        for at in 0..8 {
            for b in 0..=255u8 {
                let mut bytes = [b'a'; 8];
                bytes[at] = b;
                let x = word(&bytes);
                assert_eq!(has_byte(x, b'"'), b == b'"' || b'a' == b'"');
                assert_eq!(has_byte_below(x, 0x20), b < 0x20);
            }
        }
    }
}
