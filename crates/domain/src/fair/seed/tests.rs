//! The seed's hex forms and commitment, and the entry order, against vectors computed
//! independently with `xxd` and `sha256sum` (see the recipe in the module's docs).

use proptest::prelude::*;

use crate::fair::seed::{DrawSeed, SeedHexError, entry_order};

const SEED_HEX: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

fn seed() -> DrawSeed {
    let mut bytes = [0_u8; 32];
    for (i, byte) in (0_u8..).zip(bytes.iter_mut()) {
        *byte = i;
    }
    DrawSeed(bytes)
}

#[test]
fn the_commitment_is_the_sha256_of_the_seed_bytes() {
    // printf '%s' "$SEED_HEX" | xxd -r -p | sha256sum
    assert_eq!(
        seed().sha256_hex(),
        "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd"
    );
}

#[test]
fn an_entry_key_is_the_sha256_of_the_seed_then_the_id() {
    // { printf '%s' "$SEED_HEX" | xxd -r -p; printf '%s' 42; } | sha256sum
    let key = seed().entry_key("42");
    assert_eq!(
        DrawSeed(key).to_hex(),
        "5d772254909c0127008b84602372a120054b8a2929e8d4f1638dfffba63f947f"
    );
}

#[test]
fn entries_are_ordered_by_ascending_key() {
    // Keys: 42 → 5d77…, ăî → a117…, 1 → b495…, 2 → b4dd…, b-7f3a → d014…, 3 → d66c….
    let ids = ["1", "2", "3", "42", "b-7f3a", "ăî"].map(String::from);
    let order = entry_order(&seed(), &ids);
    assert_eq!(order, ["42", "ăî", "1", "2", "b-7f3a", "3"]);
}

#[test]
fn the_seed_reads_back_from_its_hex_in_either_case() {
    assert_eq!(seed().to_hex(), SEED_HEX);
    assert_eq!(DrawSeed::from_hex(SEED_HEX), Ok(seed()));
    assert_eq!(DrawSeed::from_hex(&SEED_HEX.to_uppercase()), Ok(seed()));
}

#[test]
fn a_seed_text_that_is_not_64_hex_digits_is_refused() {
    let long = format!("{SEED_HEX}00");
    let non_hex = SEED_HEX.replace('a', "g");
    let non_ascii = format!("{}é", &SEED_HEX[..62]);
    for bad in [
        "",
        &SEED_HEX[..63],
        &long,
        &non_hex,
        &non_ascii,
        &format!(" {}", &SEED_HEX[1..]),
    ] {
        assert_eq!(DrawSeed::from_hex(bad), Err(SeedHexError), "{bad:?}");
    }
}

#[test]
fn a_seed_never_prints_in_debug_output() {
    let printed = format!("{:?}", seed());
    assert!(!printed.contains("0a0b"), "{printed}");
    assert_eq!(printed, "DrawSeed(..)");
}

proptest! {
    #[test]
    fn hex_round_trips(bytes in any::<[u8; 32]>()) {
        let seed = DrawSeed(bytes);
        prop_assert_eq!(DrawSeed::from_hex(&seed.to_hex()), Ok(seed));
        prop_assert_eq!(seed.sha256_hex().len(), 64);
    }

    #[test]
    fn the_order_is_a_permutation_that_ignores_the_order_given(
        bytes in any::<[u8; 32]>(),
        ids in proptest::collection::vec("[a-z0-9-]{1,12}", 0..40),
        rotate in 0_usize..40,
    ) {
        let seed = DrawSeed(bytes);
        let order = entry_order(&seed, &ids);
        let mut rotated = ids.clone();
        rotated.rotate_left(rotate.min(ids.len()));
        rotated.reverse();
        prop_assert_eq!(&entry_order(&seed, &rotated), &order);
        let (mut sorted, mut given) = (order.clone(), ids.clone());
        sorted.sort();
        given.sort();
        prop_assert_eq!(sorted, given);
        let keys: Vec<_> = order.iter().map(|id| seed.entry_key(id)).collect();
        prop_assert!(keys.windows(2).all(|pair| pair[0] <= pair[1]));
    }
}
