//! `Backoffice`: the shared `TestApp` with five staff accounts over two offices, and
//! `Browser`s that keep cookies but do not follow redirects (so a test sees every 303).
//! Time is a manual clock: timeouts are tested by moving it, never by sleeping.

use std::ops::Deref;

use epasapoarte::ids::OfficeId;
use epasapoarte::staff::password::NewPassword;
use epasapoarte::staff::{Actor, NewUser, Role, StaffService, Username};
use epasapoarte::store::{AuditFilter, AuditRecord};
use epasapoarte::testing::TestDatabase;

pub use crate::support::app::{TestApp, csrf_in};
use crate::support::backends::Fixture;

pub const PASSWORD: &str = "parolă de test destul de lungă";

/// Who is asking: nobody, or one of the five accounts every `Backoffice` has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persona {
    Anonymous,
    ClerkA,
    ManagerA,
    ClerkB,
    ManagerB,
    Admin,
}

impl Persona {
    pub const ALL: [Persona; 6] = [
        Persona::Anonymous,
        Persona::ClerkA,
        Persona::ManagerA,
        Persona::ClerkB,
        Persona::ManagerB,
        Persona::Admin,
    ];

    pub fn username(self) -> Option<&'static str> {
        match self {
            Persona::Anonymous => None,
            Persona::ClerkA => Some("clerk.a"),
            Persona::ManagerA => Some("manager.a"),
            Persona::ClerkB => Some("clerk.b"),
            Persona::ManagerB => Some("manager.b"),
            Persona::Admin => Some("admin"),
        }
    }
}

/// The shared [`TestApp`] with the five staff accounts over its first two offices.
pub struct Backoffice {
    app: TestApp,
    pub office_a: OfficeId,
    pub office_b: OfficeId,
}

impl Deref for Backoffice {
    type Target = TestApp;

    fn deref(&self) -> &TestApp {
        &self.app
    }
}

impl Fixture for Backoffice {
    async fn start(db: TestDatabase) -> Backoffice {
        let app = TestApp::launch(db)
            .without_slots()
            // The public per-address write limit is not under test here.
            .config(|config| config.rate_limits = false)
            .start()
            .await;
        // By id: the first two test offices (Alba, then Bucharest).
        let offices = app.state.service.store.offices().await.expect("offices");
        let backoffice = Backoffice {
            office_a: offices[0].id,
            office_b: offices[1].id,
            app,
        };
        for persona in Persona::ALL {
            backoffice.create(persona).await;
        }
        backoffice
    }
}

impl Backoffice {
    pub fn staff(&self) -> StaffService {
        StaffService::of(&self.state.service)
    }

    async fn create(&self, persona: Persona) {
        let (role, office) = match persona {
            Persona::Anonymous => return,
            Persona::ClerkA => (Role::Clerk, Some(self.office_a)),
            Persona::ManagerA => (Role::Manager, Some(self.office_a)),
            Persona::ClerkB => (Role::Clerk, Some(self.office_b)),
            Persona::ManagerB => (Role::Manager, Some(self.office_b)),
            Persona::Admin => (Role::Admin, None),
        };
        let user = NewUser {
            username: Username::parse(persona.username().unwrap_or_default()).expect("a username"),
            role,
            office_id: office,
            password: NewPassword::parse(PASSWORD).expect("a good password"),
        };
        self.staff()
            .create_user(user, Actor::System)
            .await
            .expect("creating a user");
    }

    pub fn browser(&self) -> Browser {
        Browser {
            address: self.address.clone(),
            client: reqwest::Client::builder()
                // The server closes a keep-alive connection idle for 10 s (its header-read
                // timeout); reusing one that old would race that close.
                .pool_idle_timeout(std::time::Duration::from_secs(5))
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a client"),
        }
    }

    /// A browser signed in as `persona` (a fresh one for `Anonymous`).
    pub async fn signed_in(&self, persona: Persona) -> Browser {
        let browser = self.browser();
        if let Some(username) = persona.username() {
            let reply = browser.login(username, PASSWORD).await;
            assert_eq!(
                (reply.status, reply.location.as_deref()),
                (303, Some("/admin")),
                "{persona:?} signs in"
            );
        }
        browser
    }

    /// The audit lines matching `filter`, newest first.
    pub async fn audit(&self, filter: AuditFilter) -> Vec<AuditRecord> {
        self.state
            .service
            .store
            .audit_entries(&filter, 1000)
            .await
            .expect("reading the audit log")
    }

    /// The audit lines of one action.
    pub async fn audit_of(&self, action: &str) -> Vec<AuditRecord> {
        self.audit(AuditFilter {
            action: Some(action.to_owned()),
            ..AuditFilter::default()
        })
        .await
    }
}

/// What came back: status, `Location`, `Set-Cookie` lines and the body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub location: Option<String>,
    pub cookies: Vec<String>,
    pub body: String,
}

pub struct Browser {
    pub address: String,
    pub client: reqwest::Client,
}

impl Browser {
    pub async fn get(&self, path: &str) -> Reply {
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("GET");
        reply(response).await
    }

    /// Posts exactly these fields (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let response = self
            .client
            .post(format!("{}{path}", self.address))
            .form(fields)
            .send()
            .await
            .expect("POST");
        reply(response).await
    }

    /// Posts a form as a browser does, with this browser's anti-forgery token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let token = self.csrf().await;
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// This browser's anti-forgery token (any page with a form carries it).
    pub async fn csrf(&self) -> String {
        let page = self.get("/verifica-programare").await;
        csrf_in(&page.body).expect("a csrf field")
    }

    pub async fn login(&self, username: &str, password: &str) -> Reply {
        self.post(
            "/admin/login",
            &[("username", username), ("password", password)],
        )
        .await
    }
}

async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let headers = response.headers();
    let location = headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let cookies = headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect();
    let body = response.text().await.expect("a body");
    Reply {
        status,
        location,
        cookies,
        body,
    }
}

/// The staff session token a successful login set.
pub fn session_token(reply: &Reply) -> Option<String> {
    reply.cookies.iter().find_map(|cookie| {
        let value = cookie.strip_prefix("epas_staff=")?;
        let token: String = value.chars().take_while(|c| *c != ';').collect();
        (!token.is_empty()).then_some(token)
    })
}

/// Catalogue keys that reached a page unresolved (a missing key shows itself as text).
pub fn unresolved_keys(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for prefix in ["admin.", "web.", "field."] {
        for (at, _) in html.match_indices(prefix) {
            let text_start = html[..at].ends_with(['>', ' ', '"']);
            let next = html[at + prefix.len()..].chars().next();
            if text_start && next.is_some_and(|c| c.is_ascii_lowercase()) {
                let key = html[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_'))
                    .collect();
                found.push(key);
            }
        }
    }
    found
}
