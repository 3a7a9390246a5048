//! A declaration as the JSON outputs name it: its id, kind and name
//! (shared by `chains_json` and `ach`).

use crate::model::{Model, Node};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NodeOutput {
    pub id: String,
    /// `event`, or the actor's kind (`state`, `threat-group` …).
    pub kind: String,
    pub name: String,
}

pub fn node(m: &Model, node: impl Into<Node>) -> NodeOutput {
    let node = node.into();
    let kind = match node {
        Node::Actor(a) => m.actors[a].kind.map_or("actor", |k| k.word()),
        other => other.kind().keyword(),
    };
    NodeOutput {
        id: m.name(node).to_string(),
        kind: kind.to_string(),
        name: m.display_name(node).to_string(),
    }
}
