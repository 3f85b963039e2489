use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailMessage {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub sent_at: i64,
    pub sent_label: String,
    pub text: String,
    pub links: Vec<String>,
}
