//! A browser without JavaScript: a cookie jar, forms posted as `application/x-www-form-
//! urlencoded` with the page's anti-forgery token, and 303 redirects followed by hand so
//! that every URL and every `Location` the journey produced can be inspected afterwards.

use std::sync::Arc;

use epasapoarte::testing::TestDatabase;
use reqwest::Url;
use reqwest::cookie::{CookieStore, Jar};

use crate::api::support::TestApp;
use crate::support::backends::Fixture;

pub struct Browser {
    pub app: TestApp,
    client: reqwest::Client,
    jar: Arc<Jar>,
    csrf: String,
    /// Every path requested and every `Location` received, in order.
    pub trail: Vec<String>,
}

/// A page as the browser ended on it (after redirects).
pub struct Page {
    pub status: u16,
    pub path: String,
    pub html: String,
}

impl Fixture for Browser {
    async fn start(db: TestDatabase) -> Browser {
        Browser::open(db).await
    }
}

impl Browser {
    pub async fn open(db: TestDatabase) -> Browser {
        // Many form posts from one address: the public write limit is not under test here.
        let app = TestApp::launch(db)
            .config(|config| config.rate_limits = false)
            .start()
            .await;
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            // The server closes a keep-alive connection idle for 10 s (its header-read
            // timeout); reusing one that old would race that close.
            .pool_idle_timeout(std::time::Duration::from_secs(5))
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client");
        Browser {
            app,
            client,
            jar,
            csrf: String::new(),
            trail: Vec::new(),
        }
    }

    fn url(&self, path: &str) -> String {
        self.app.url(path)
    }

    /// GETs a page, following redirects.
    pub async fn get(&mut self, path: &str) -> Page {
        let response = self.send_get(path).await;
        self.follow(path, response).await
    }

    /// The first response only (to see a redirect itself).
    pub async fn send_get(&mut self, path: &str) -> reqwest::Response {
        self.trail.push(path.to_owned());
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// Posts a form with this session's anti-forgery token, following the redirect.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut body: Vec<(&str, &str)> = vec![("csrf", &self.csrf)];
        body.extend_from_slice(fields);
        let body = form_body(&body);
        let response = self.send_post(path, body).await;
        self.follow(path, response).await
    }

    /// Posts an encoded body as it is (no token added), without following.
    pub async fn send_post(&mut self, path: &str, body: String) -> reqwest::Response {
        self.trail.push(path.to_owned());
        self.client
            .post(self.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .expect("POST")
    }

    async fn follow(&mut self, path: &str, mut response: reqwest::Response) -> Page {
        let mut path = path.to_owned();
        for _ in 0..10 {
            if !response.status().is_redirection() {
                break;
            }
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .expect("a redirect has a Location")
                .to_owned();
            self.trail.push(location.clone());
            path = location;
            response = self.client.get(self.url(&path)).send().await.expect("GET");
        }
        let status = response.status().as_u16();
        let html = response.text().await.expect("a body");
        if let Some(token) = value_after(&html, "name=\"csrf\" value=\"") {
            self.csrf = token;
        }
        assert_unique_ids(&path, &html);
        Page { status, path, html }
    }

    /// The value of a cookie this browser holds for `path`.
    pub fn cookie(&self, name: &str, path: &str) -> Option<String> {
        let url: Url = self.url(path).parse().expect("a URL");
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_owned())
    }

    pub fn set_cookie(&self, text: &str) {
        let url: Url = self.url("/programare").parse().expect("a URL");
        self.jar.add_cookie_str(text, &url);
    }

    pub fn csrf(&self) -> &str {
        &self.csrf
    }
}

pub fn form_body(fields: &[(&str, &str)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in fields {
        serializer.append_pair(key, value);
    }
    serializer.finish()
}

/// Every `id` on a page is unique (labels, hints and the error summary rely on it).
fn assert_unique_ids(path: &str, html: &str) {
    let mut seen = std::collections::HashSet::new();
    for (at, _) in html.match_indices(" id=\"") {
        if let Some(id) = value_after(&html[at..], " id=\"") {
            assert!(seen.insert(id.clone()), "duplicate id {id} on {path}");
        }
    }
}

fn value_after(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

impl Page {
    /// The values of a radio group (or the options of a select), in page order.
    pub fn values(&self, name: &str) -> Vec<String> {
        let marker = format!("name=\"{name}\" value=\"");
        self.html
            .match_indices(&marker)
            .filter_map(|(at, _)| value_after(&self.html[at..], &marker))
            .collect()
    }

    pub fn first(&self, name: &str) -> String {
        self.values(name)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {name} on {}:\n{}", self.path, self.html))
    }

    /// The `#ids` the error summary links to.
    pub fn summary_links(&self) -> Vec<String> {
        let Some(start) = self.html.find("class=\"error-summary\"") else {
            return Vec::new();
        };
        let end = self.html[start..]
            .find("</div>")
            .map_or(self.html.len(), |e| e + start);
        let summary = &self.html[start..end];
        summary
            .match_indices("href=\"#")
            .filter_map(|(at, _)| value_after(&summary[at..], "href=\"#"))
            .collect()
    }

    /// Asserts the page is the form again: 422 with the error summary linking to `ids`.
    pub fn assert_errors(&self, ids: &[&str]) {
        assert_eq!(self.status, 422, "status on {}:\n{}", self.path, self.html);
        assert_eq!(self.summary_links(), ids, "summary links on {}", self.path);
        for id in ids {
            assert!(
                self.html.contains(&format!("id=\"{id}\"")),
                "the summary links to #{id}, which exists"
            );
        }
    }

    pub fn assert_at(&self, path: &str) {
        assert_eq!(self.path, path, "page {}:\n{}", self.path, self.html);
        assert!(self.status < 500, "status {} on {}", self.status, self.path);
    }
}
