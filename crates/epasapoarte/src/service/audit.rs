//! The audit trail's lines in the making (SPEC §3): who, when, what, to what,
//! before/after. Built here, below both the service and the staff layer, so every caller
//! names actors and masks personal data the same way, and so an operation can carry its
//! line down to the store, which writes it in the operation's own transaction: a change
//! and its line commit together, or neither does.

use serde_json::Value;

use crate::ids::OfficeId;
use crate::store::NewAuditEntry;

/// Who did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Staff {
        user_id: i64,
        username: String,
    },
    /// The operator at the command line (`epasapoarte user add`, …).
    System,
    /// Another system, through an API token of that name.
    Token(String),
    /// Nobody signed in (a failed login, a forged form).
    Anonymous,
}

impl Actor {
    /// The label stored in `audit_log.actor` (and filtered on).
    pub fn label(&self) -> String {
        match self {
            Actor::Staff { username, .. } => username.clone(),
            Actor::System => "system".to_owned(),
            Actor::Token(name) => format!("token:{name}"),
            Actor::Anonymous => "anonymous".to_owned(),
        }
    }

    pub fn user_id(&self) -> Option<i64> {
        match self {
            Actor::Staff { user_id, .. } => Some(*user_id),
            _ => None,
        }
    }
}

/// One audit line in the making: `AuditEvent::new(actor, "user.created").target(…)`.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub actor: Actor,
    pub action: &'static str,
    pub office_id: Option<OfficeId>,
    pub target: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl AuditEvent {
    pub fn new(actor: Actor, action: &'static str) -> AuditEvent {
        AuditEvent {
            actor,
            action,
            office_id: None,
            target: None,
            before: None,
            after: None,
        }
    }

    #[must_use]
    pub fn office(mut self, office_id: Option<OfficeId>) -> Self {
        self.office_id = office_id;
        self
    }

    #[must_use]
    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    #[must_use]
    pub fn before(mut self, value: Value) -> Self {
        self.before = Some(value);
        self
    }

    #[must_use]
    pub fn after(mut self, value: Value) -> Self {
        self.after = Some(value);
        self
    }

    /// Records a status change: `before` becomes `{"status": from}`, and `"status": to`
    /// joins what `after` already says (or becomes it).
    #[must_use]
    pub fn status_change(mut self, from: &str, to: &str) -> Self {
        self.before = Some(serde_json::json!({ "status": from }));
        let mut after = match self.after.take() {
            Some(Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        after.insert("status".to_owned(), Value::from(to));
        self.after = Some(Value::Object(after));
        self
    }

    /// The row to append, stamped `at`.
    pub fn entry(&self, at: chrono::DateTime<chrono::Utc>) -> NewAuditEntry {
        NewAuditEntry {
            at,
            actor: self.actor.label(),
            actor_user_id: self.actor.user_id(),
            action: self.action.to_owned(),
            office_id: self.office_id,
            target: self.target.clone(),
            before: self.before.as_ref().map(Value::to_string),
            after: self.after.as_ref().map(Value::to_string),
        }
    }
}

/// How a CNP appears in the audit trail: its last 4 digits only ("…1144"), enough for
/// a person reading the trail beside the case file, useless to anyone else.
pub fn cnp_tail(cnp: &str) -> String {
    let digits: Vec<char> = cnp.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cnp_is_reduced_to_its_last_four_digits() {
        assert_eq!(cnp_tail("1800101221144"), "…1144");
        assert_eq!(cnp_tail("12"), "…12");
    }

    #[test]
    fn a_status_change_keeps_the_other_after_fields() {
        let event = AuditEvent::new(Actor::System, "booking.cancelled")
            .after(serde_json::json!({"reason": "other", "explained": true}))
            .status_change("confirmed", "cancelled");
        let entry = event.entry(chrono::DateTime::UNIX_EPOCH);
        assert_eq!(entry.before.as_deref(), Some(r#"{"status":"confirmed"}"#));
        let after: Value = serde_json::from_str(entry.after.as_deref().unwrap()).unwrap();
        assert_eq!(after["status"], "cancelled");
        assert_eq!(after["reason"], "other");
        assert_eq!(after["explained"], true);
    }

    #[test]
    fn actors_have_stable_labels() {
        let staff = Actor::Staff {
            user_id: 4,
            username: "ana".to_owned(),
        };
        assert_eq!(staff.label(), "ana");
        assert_eq!(staff.user_id(), Some(4));
        assert_eq!(Actor::System.label(), "system");
        assert_eq!(Actor::Token("centru".to_owned()).label(), "token:centru");
        assert_eq!(Actor::Anonymous.user_id(), None);
    }

    #[test]
    fn an_event_becomes_a_row_with_json_texts() {
        let entry = AuditEvent::new(Actor::System, "user.created")
            .office(Some(OfficeId(3)))
            .target("user:9")
            .after(serde_json::json!({"role": "clerk"}))
            .entry(chrono::DateTime::UNIX_EPOCH);
        assert_eq!(entry.actor, "system");
        assert_eq!(entry.after.as_deref(), Some(r#"{"role":"clerk"}"#));
        assert_eq!(entry.before, None);
    }
}
