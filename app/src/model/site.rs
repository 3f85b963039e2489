use super::Viewer;
use serde::{Deserialize, Serialize};

/// What every page's header needs: who is signed in and which local tools exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteContext {
    pub viewer: Option<Viewer>,
    pub local_mailbox: bool,
}

/// Someone's own account page: who they are and which organisations they speak for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub viewer: Viewer,
    pub organisations: Vec<String>,
    pub easy_read: bool,
    pub email_opt_out: bool,
}
