//! The test card numbers the spec documents; every tenant starts with all
//! of them issued.

/// Cards for merchants without third-party responses.
pub(crate) const GENERIC: [&str; 14] = [
    "4242424242424242",
    "4012888888881881",
    "4000056655665556",
    "5555555555554444",
    "5200828282828210",
    "5105105105105100",
    "378282246310005",
    "371449635398431",
    "6011111111111117",
    "6011000990139424",
    "30569309025904",
    "38520000023237",
    "3530111333300000",
    "3566002020360505",
];

/// The card for processor SVS.
pub(crate) const SVS: [&str; 1] = ["6006493880499919454"];

/// Cards for processor TCC.
pub(crate) const TCC: [&str; 9] = [
    "2063025100129939",
    "2063025100208604",
    "2063025100319447",
    "2063025100489025",
    "2063025100553531",
    "2063025100624857",
    "2063025100793656",
    "2063025100806258",
    "2063025100999300",
];

/// Every documented test card.
pub(crate) fn all() -> impl Iterator<Item = &'static str> {
    GENERIC.into_iter().chain(SVS).chain(TCC)
}

/// Balance each test card starts with, in cents ($100.00).
pub(crate) const START_BALANCE_CENTS: i64 = 10_000;
