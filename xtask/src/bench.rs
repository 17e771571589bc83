use crate::util::Result;
pub fn run() -> Result<()> {
    Err("bench: not yet".into())
}
