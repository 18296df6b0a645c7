//! Every `/admin` route, in one table: its method, path, access rule, dashboard link and
//! handler. The router is built from this table and every handler is wrapped by the
//! guard with its own row's rule, so a route cannot exist without a rule — and the access
//! matrix test walks this same table.

use axum::routing::{MethodFilter, MethodRouter};

use super::guard::guarded;
use super::setup::{activities, exceptions, hours, replan, settings};
use super::{
    agenda, applications, audit, dashboard, declarations, login, logout, offices, password,
    personal, reports, restrictions, users,
};
use crate::ids::OfficeId;
use crate::staff::{Require, Role};
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
}

impl Verb {
    pub fn filter(self) -> MethodFilter {
        match self {
            Verb::Get => MethodFilter::GET,
            Verb::Post => MethodFilter::POST,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
        }
    }
}

/// One route of the back office.
pub struct AdminRoute {
    pub verb: Verb,
    /// The axum path template; an office-scoped route names its office `{office}`.
    pub path: &'static str,
    pub require: Require,
    /// The dashboard link's catalogue key, for pages worth a link (GET only).
    pub nav: Option<&'static str>,
    handler: fn(&'static AdminRoute) -> MethodRouter<AppState>,
}

impl AdminRoute {
    pub fn method_router(&'static self) -> MethodRouter<AppState> {
        (self.handler)(self)
    }

    /// The path with `{office}` filled in (for links).
    pub fn path_for(&self, office: Option<OfficeId>) -> String {
        match office {
            Some(office) => self.path.replace("{office}", &office.to_string()),
            None => self.path.to_owned(),
        }
    }
}

/// The back office. Order matters only for the dashboard's links.
pub static ROUTES: &[AdminRoute] = &[
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/login",
        require: Require::Public,
        nav: None,
        handler: |route| guarded(route, login::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/login",
        require: Require::Public,
        nav: None,
        handler: |route| guarded(route, login::submit),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/iesire",
        require: Require::SignedIn,
        nav: None,
        handler: |route| guarded(route, logout::submit),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin",
        require: Require::SignedIn,
        nav: None,
        handler: |route| guarded(route, dashboard::show),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}",
        require: Require::Office(Role::Manager),
        nav: Some("admin.nav.my_office"),
        handler: |route| guarded(route, offices::show),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/program-activitati",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, activities::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/program-activitati",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, activities::save),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/declaratii",
        require: Require::Office(Role::Clerk),
        nav: Some("admin.declarations.nav"),
        handler: |route| guarded(route, declarations::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/declaratii",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, declarations::record),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/adeverinta",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, declarations::certificate),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/personal",
        require: Require::Office(Role::Manager),
        nav: Some("admin.personal.nav"),
        handler: |route| guarded(route, personal::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/personal",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, personal::create),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/personal/stare",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, personal::set_state),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/personal/parola",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, personal::reset),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/agenda",
        require: Require::Office(Role::Clerk),
        nav: Some("admin.agenda.nav"),
        handler: |route| guarded(route, agenda::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/agenda/cauta",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, agenda::search),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/agenda/prezenta",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, agenda::check_in),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/agenda/absent",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, agenda::no_show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/agenda/absent-anulare",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, agenda::undo_no_show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/agenda/finalizare",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, agenda::complete),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/agenda/anulare",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, agenda::cancel),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/agenda/cnp",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, agenda::reveal),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri",
        require: Require::Role(Role::Admin),
        nav: Some("admin.nav.offices"),
        handler: |route| guarded(route, offices::list),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/utilizatori",
        require: Require::Role(Role::Admin),
        nav: Some("admin.nav.users"),
        handler: |route| guarded(route, users::list),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/utilizatori/stare",
        require: Require::Role(Role::Admin),
        nav: None,
        handler: |route| guarded(route, users::set_state),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/utilizatori/parola",
        require: Require::Role(Role::Admin),
        nav: None,
        handler: |route| guarded(route, users::reset),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/audit",
        require: Require::Role(Role::Admin),
        nav: Some("admin.nav.audit"),
        handler: |route| guarded(route, audit::show),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/rapoarte",
        require: Require::Role(Role::Admin),
        nav: Some("admin.reports.nav"),
        handler: |route| guarded(route, reports::all),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/rapoarte",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, reports::office),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/rapoarte.csv",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, reports::office_csv),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/cereri",
        require: Require::Office(Role::Clerk),
        nav: Some("admin.applications.nav"),
        handler: |route| guarded(route, applications::search::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/cereri/cautare",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, applications::search::by_cnp),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/cereri/noua",
        require: Require::Office(Role::Clerk),
        nav: Some("admin.applications.nav_new"),
        handler: |route| guarded(route, applications::new::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/cereri/noua",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, applications::new::submit),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/cerere",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, applications::detail::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/cerere/status",
        require: Require::Office(Role::Clerk),
        nav: None,
        handler: |route| guarded(route, applications::detail::move_status),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/restrictii",
        require: Require::Role(Role::Admin),
        nav: Some("admin.restrictions.nav"),
        handler: |route| guarded(route, restrictions::list),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/restrictii",
        require: Require::Role(Role::Admin),
        nav: None,
        handler: |route| guarded(route, restrictions::add),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/restrictii/ridicare",
        require: Require::Role(Role::Admin),
        nav: None,
        handler: |route| guarded(route, restrictions::lift),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/parola",
        require: Require::SignedIn,
        nav: Some("admin.nav.password"),
        handler: |route| guarded(route, password::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/parola",
        require: Require::SignedIn,
        nav: None,
        handler: |route| guarded(route, password::submit),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/program",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, hours::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/program",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, hours::submit),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/replanificare",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, replan::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/replanificare",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, replan::submit),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/exceptii",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, exceptions::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/exceptii",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, exceptions::add),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/exceptii/stergere",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, exceptions::remove),
    },
    AdminRoute {
        verb: Verb::Get,
        path: "/admin/birouri/{office}/setari",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, settings::show),
    },
    AdminRoute {
        verb: Verb::Post,
        path: "/admin/birouri/{office}/setari",
        require: Require::Office(Role::Manager),
        nav: None,
        handler: |route| guarded(route, settings::submit),
    },
];
