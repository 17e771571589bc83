//! The status codes of the spec's table that the sandbox answers with.

/// A gift-card status code with its description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    /// `01` Approval.
    Approval,
    /// `05` Insufficient Funds.
    InsufficientFunds,
    /// `07` Invalid Message.
    InvalidMessage,
    /// `12` Invalid Authorization Number.
    InvalidAuthorization,
    /// `14` Maximum Working Balance Exceeded.
    MaxBalanceExceeded,
    /// `20` Invalid PIN Number or PIN Locked.
    InvalidPin,
    /// `21` Card Already Issued.
    CardAlreadyIssued,
    /// `26` Transaction Type Unknown.
    TransactionTypeUnknown,
    /// `31` Invalid currency code.
    InvalidCurrency,
    /// `100` Card number or Track Two required.
    CardRequired,
    /// `103` Gift card not found.
    CardNotFound,
    /// `104` Type required.
    TypeRequired,
    /// `105` Amount required.
    AmountRequired,
    /// `107` Transaction cancelled.
    TransactionCancelled,
    /// `108` Transaction not found.
    TransactionNotFound,
    /// `109` Additional payment required to complete transaction.
    AdditionalPayment,
}

impl Code {
    /// The code as sent in `statusCode` / `status`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Approval => "01",
            Self::InsufficientFunds => "05",
            Self::InvalidMessage => "07",
            Self::InvalidAuthorization => "12",
            Self::MaxBalanceExceeded => "14",
            Self::InvalidPin => "20",
            Self::CardAlreadyIssued => "21",
            Self::TransactionTypeUnknown => "26",
            Self::InvalidCurrency => "31",
            Self::CardRequired => "100",
            Self::CardNotFound => "103",
            Self::TypeRequired => "104",
            Self::AmountRequired => "105",
            Self::TransactionCancelled => "107",
            Self::TransactionNotFound => "108",
            Self::AdditionalPayment => "109",
        }
    }

    /// The description from the spec's status table.
    pub(crate) fn description(self) -> &'static str {
        match self {
            Self::Approval => "Approval",
            Self::InsufficientFunds => "Insufficient Funds",
            Self::InvalidMessage => "Invalid Message",
            Self::InvalidAuthorization => "Invalid Authorization Number",
            Self::MaxBalanceExceeded => "Maximum Working Balance Exceeded",
            Self::InvalidPin => "Invalid PIN Number or PIN Locked",
            Self::CardAlreadyIssued => "Card Already Issued",
            Self::TransactionTypeUnknown => "Transaction Type Unknown",
            Self::InvalidCurrency => "Invalid currency code",
            Self::CardRequired => "Card number or Track Two required",
            Self::CardNotFound => "Gift card not found",
            Self::TypeRequired => "Type required",
            Self::AmountRequired => "Amount required",
            Self::TransactionCancelled => "Transaction cancelled",
            Self::TransactionNotFound => "Transaction not found",
            Self::AdditionalPayment => "Additional payment required to complete transaction",
        }
    }
}
