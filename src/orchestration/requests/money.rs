//! Request DTOs of the money half (see `pkg-template/orchestration-money.d.ts`, whose
//! declarations move here).

use crate::core::schema::Decl;

/// The request DTOs declared in the `.d.ts` whether or not an answer names them.
pub const REQUESTS: &[&Decl] = &[];
