//! The pest parser generated from `grammar/attrib.pest`.

#[derive(pest_derive::Parser)]
#[grammar = "../../../grammar/attrib.pest"]
pub struct AttribParser;
