//! A study session as pure logic over plain data: which card to ask next ([`queue`]) and
//! what an answer, an override or an undo does ([`answer`]). No terminal, no database, no
//! clock: the study loop applies what these decide.

pub(crate) mod answer;
pub(crate) mod queue;
