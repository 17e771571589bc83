//! The request DTOs of the Orchestration client (what its methods take), in the table
//! language of the response types, so one renderer writes every DTO of the `.d.ts`
//! (`crate::typescript::dto`). Native only: the client's parameter rules are its own code
//! (`ops/calls.rs`); these tables only declare the shapes.

pub mod identity;
pub mod money;
