//! Each role's 工作台: what to do, what happened lately, the latest notifications.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use caigou_domain::authz::Role;
use caigou_domain::planning::{PlanStatus, RequestStatus};
use caigou_domain::tender::ProjectStatus;
use caigou_i18n::Label;
use caigou_store::{notify, regions};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render, when};
use crate::platform::pages::inbox::{NotificationRow, rows};

pub struct Todo {
    pub text: String,
    pub href: String,
}

pub struct RecentRow {
    pub action: String,
    pub object: String,
    pub when: String,
}

#[derive(Template)]
#[template(path = "workbench.html")]
struct Workbench {
    chrome: Chrome,
    name: String,
    org: String,
    roles: String,
    todos: Vec<Todo>,
    notifications: Vec<NotificationRow>,
    recent: Vec<RecentRow>,
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let identity = ctx.identity.clone().ok_or_else(AppError::internal)?;
    let subject = &identity.subject;
    let store = &state.store;
    let chrome = Chrome::load(&state, &ctx).await?;
    let t = chrome.t;

    let mut todos = Vec::new();
    if chrome.unread > 0 {
        todos.push(Todo { text: format!("{} {}", chrome.unread, t.s("wb.todo.unread")), href: "/inbox".into() });
    }
    if subject.has(Role::Supervisor) {
        let waiting = caigou_app::planning::approvals(store, subject).await?.len();
        if waiting > 0 {
            todos.push(Todo { text: format!("{waiting} {}", t.s("wb.todo.approvals")), href: "/approvals".into() });
        }
    }
    if subject.roles.iter().any(|r| r.is_purchaser()) {
        let waiting = caigou_app::planning::requests::waiting(store, subject).await?.len();
        if waiting > 0 {
            todos.push(Todo { text: format!("{waiting} {}", t.s("wb.todo.requests")), href: "/requests".into() });
        }
        let mine = caigou_app::planning::requests::list(store, subject).await?;
        let returned = mine.iter().filter(|r| r.state == RequestStatus::Returned && r.applicant == subject.user.to_string()).count();
        if returned > 0 {
            todos.push(Todo { text: format!("{returned} {}", t.s("wb.todo.returned")), href: "/requests".into() });
        }
        let open = caigou_app::planning::plans(store, subject, subject.org)
            .await?
            .iter()
            .filter(|p| matches!(p.status, PlanStatus::Publicity | PlanStatus::AwaitingApproval))
            .count();
        if open > 0 {
            todos.push(Todo { text: format!("{open} {}", t.s("wb.todo.publicity")), href: "/plans".into() });
        }
    }
    if subject.has(Role::Admin) || subject.has(Role::Supervisor) {
        let waiting = caigou_app::suppliers::list(store, subject, Some(caigou_domain::supplier::SupplierStatus::Submitted)).await?.len();
        if waiting > 0 {
            todos.push(Todo { text: format!("{waiting} {}", t.s("wb.todo.suppliers")), href: "/suppliers?status=submitted".into() });
        }
        let expiring = caigou_app::suppliers::expiring(store, subject).await?.len();
        if expiring > 0 {
            todos.push(Todo { text: format!("{expiring} {}", t.s("wb.todo.suppliers_expiring")), href: "/suppliers".into() });
        }
    }
    if subject.has(Role::Agency) || subject.has(Role::PurchaserHandler) {
        let entrusted = caigou_store::projects::entrusted_plans(store, subject.org).await?.len();
        if entrusted > 0 {
            todos.push(Todo { text: format!("{entrusted} {}", t.s("wb.todo.entrusted")), href: "/projects/new".into() });
        }
        let drafts =
            caigou_app::tender::projects::list(store, subject).await?.into_iter().filter(|p| p.status == ProjectStatus::Draft).count();
        if drafts > 0 && subject.has(Role::Agency) {
            todos.push(Todo { text: format!("{drafts} {}", t.s("wb.todo.project_drafts")), href: "/projects".into() });
        }
    }
    if subject.has(Role::Supplier) {
        let me = caigou_store::suppliers::get(store, &subject.org.to_string()).await?;
        if me.status != caigou_domain::supplier::SupplierStatus::Approved {
            todos.push(Todo { text: format!("{}：{}", t.s("wb.todo.admission"), me.status.label(ctx.lang)), href: "/supplier".into() });
        }
        for q in me.flagged() {
            let key = if q.validity == caigou_domain::supplier::Validity::Expired { "supplier.expired" } else { "supplier.expiring" };
            todos.push(Todo {
                text: format!("{} {}（{}）", q.name, t.s(key), q.valid_until.clone().unwrap_or_default()),
                href: "/supplier".into(),
            });
        }
        let now = store.clock().now_ms();
        let mut projects: Vec<String> =
            caigou_app::tender::suppliers::obtained(store, subject).await?.into_iter().map(|o| o.project).collect();
        // A project whose documents it obtained for two lots is one thing to do.
        let mut seen = std::collections::BTreeSet::new();
        projects.retain(|p| seen.insert(p.clone()));
        for project in projects {
            let v = caigou_store::projects::get(store, &project).await?;
            if v.project.status.tendering() && v.project.deadline_at.is_some_and(|d| d > now) {
                todos.push(Todo {
                    text: format!(
                        "{} {} · {} {}",
                        v.project.project_no,
                        v.project.name,
                        t.s("projects.deadline"),
                        crate::tender::pages::projects::dt(&v.project.deadline_at)
                    ),
                    href: format!("/projects/{project}"),
                });
            }
        }
    }
    if subject.has(Role::Admin) {
        let today = store.clock().today();
        let cal = caigou_store::calendar::load(store).await?;
        if let Some(out) = cal.runs_out_within(today, caigou_domain::calendar::CALENDAR_WARN_DAYS) {
            let last = out.last_day.map(|d| format!("{} {d}", t.s("wb.todo.calendar_ends"))).unwrap_or_default();
            todos.push(Todo {
                text: format!("{} ({}) {last}", t.s("wb.todo.calendar_missing"), out.missing_year).trim_end().to_string(),
                href: "/calendar".into(),
            });
        }
        for r in regions::list(store).await? {
            if regions::effective_policy(store, &r.id, today).await.is_err() {
                let name = if t.is_en() { r.name_en.clone() } else { r.name_zh.clone() };
                todos.push(Todo { text: format!("{name}: {}", t.s("wb.todo.no_policy")), href: format!("/regions/{}", r.id) });
            }
        }
    }

    // Recent activity: admins see the platform, supervisors their region subtree, everyone
    // else their own actions.
    let recent = caigou_app::audit::recent(store, subject, 8)
        .await?
        .into_iter()
        .map(|e| RecentRow {
            action: t.audit_label("action", &e.action),
            object: t.audit_label("object", &e.object_type),
            when: when(&e.at),
        })
        .collect();

    let notifications = rows(notify::inbox(store, subject.user, 5).await?, ctx.lang);
    Ok(render(&Workbench {
        name: identity.view.display_name.clone(),
        org: identity.view.organization.name.clone(),
        roles: chrome.user.as_ref().map(|u| u.roles.clone()).unwrap_or_default(),
        chrome,
        todos,
        notifications,
        recent,
    }))
}
