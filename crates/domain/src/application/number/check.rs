//! The check letter: a weighted sum modulo the prime 23, mapped onto 23 letters.

/// The check letters, indexed by the weighted sum modulo 23. No I, O or Q: they read
/// as 1, 0 and O on a printed slip.
const CHECK_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

/// The check letter of a number's body (ASCII upper-case letters and digits): the sum of
/// each character's value (0–9 for digits, 10–35 for A–Z) times its 1-based position,
/// modulo 23. Positions stay below 23 and 23 is prime, so changing one digit, or swapping
/// two different adjacent digits, always changes the letter.
#[must_use]
pub fn check_letter(body: &str) -> char {
    let sum = body
        .bytes()
        .zip(1_u32..)
        .map(|(b, weight)| {
            let value = match b {
                b'0'..=b'9' => u32::from(b - b'0'),
                b'A'..=b'Z' => u32::from(b - b'A') + 10,
                _ => 0,
            };
            value * weight
        })
        .fold(0_u32, |sum, term| (sum + term) % 23);
    char::from(CHECK_LETTERS[sum as usize])
}
