//! The demo's staff accounts — `serve --demo` only, never otherwise: an admin, and a
//! manager and a clerk of the first Cluj office, so that a newcomer can open `/admin`
//! at once. Their passwords are public (README, and the demo login page says so); a real
//! deployment creates its accounts with `epasapoarte user add`.

use chrono::{DateTime, Utc};

use crate::staff::password::NewPassword;
use crate::staff::{Actor, NewUser, Role, StaffError, Username, create_user};
use crate::store::DynStore;

/// (username, role, password). The county code picks the office of office roles.
pub const DEMO_STAFF: [(&str, Role, &str); 3] = [
    ("admin", Role::Admin, "demo-admin-parola"),
    ("manager.cj", Role::Manager, "demo-manager-parola"),
    ("ghiseu.cj", Role::Clerk, "demo-ghiseu-parola"),
];

/// The county whose first office the demo manager and clerk work at.
pub const DEMO_COUNTY: &str = "CJ";

/// Creates the demo accounts that do not exist yet; returns how many it created.
pub async fn seed_demo_staff(store: &DynStore, now: DateTime<Utc>) -> anyhow::Result<u32> {
    let office = store
        .offices()
        .await?
        .into_iter()
        .filter(|office| office.county_code == DEMO_COUNTY)
        .map(|office| office.id)
        .min()
        .ok_or_else(|| anyhow::anyhow!("no {DEMO_COUNTY} office to attach the demo staff to"))?;
    let mut created = 0;
    for (username, role, password) in DEMO_STAFF {
        let user = NewUser {
            username: Username::parse(username).expect("a well-formed demo username"),
            role,
            office_id: role.has_office().then_some(office),
            password: NewPassword::parse(password).expect("a demo password that meets the policy"),
        };
        match create_user(store, now, user, Actor::System).await {
            Ok(_) => created += 1,
            Err(StaffError::UsernameTaken) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(created)
}
