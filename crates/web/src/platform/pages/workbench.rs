//! Each role's 工作台: what to do, what happened lately, the latest notifications.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use caigou_domain::authz::Role;
use caigou_domain::ids::ProjectId;
use caigou_domain::planning::{PlanStatus, RequestStatus};
use caigou_domain::tender::ProjectStatus;
use caigou_i18n::Label;
use caigou_store::{notify, regions};

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::pages::{Chrome, render, when};
use crate::platform::pages::inbox::{NotificationRow, rows};

/// At most this many to-dos of one kind; past it, one more opens their list.
const EACH: usize = 5;

pub struct Todo {
    pub text: String,
    pub href: String,
}

/// 入驻: where a supplier not yet admitted stands, step by step.
pub struct Admission {
    pub status: &'static str,
    /// (step label, `done` | `now` | `later`).
    pub steps: Vec<(&'static str, &'static str)>,
    /// Why the review sent it back.
    pub returned: Option<String>,
    pub submitted_at: Option<String>,
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
    admission: Option<Admission>,
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
    let mut admission = None;
    if chrome.unread > 0 {
        todos.push(Todo { text: format!("{} {}", chrome.unread, t.s("wb.todo.unread")), href: "/inbox".into() });
    }
    // Each to-do is one item and opens it; past a few of a kind, the list they are in.
    let each = |todos: &mut Vec<Todo>, items: Vec<(String, String)>, what: &str, list: &str| {
        let n = items.len();
        for (text, href) in items.into_iter().take(EACH) {
            todos.push(Todo { text: format!("{} · {text}", t.s(what)), href });
        }
        if n > EACH {
            todos.push(Todo { text: format!("{} {} {}", t.s("wb.todo.more"), n - EACH, t.s(what)), href: list.into() });
        }
    };
    if subject.has(Role::Supervisor) {
        let waiting = caigou_app::planning::approvals(store, subject).await?;
        let items = waiting.iter().map(|(p, _)| (format!("{} {}", p.plan_no, p.name), format!("/plans/{}", p.id))).collect();
        each(&mut todos, items, "wb.todo.approval", "/approvals");
    }
    if subject.roles.iter().any(|r| r.is_purchaser()) {
        let waiting = caigou_app::planning::requests::waiting(store, subject).await?;
        let items = waiting.iter().map(|r| (format!("{} {}", r.request_no, r.title), format!("/requests/{}", r.id))).collect();
        each(&mut todos, items, "wb.todo.request", "/requests");
        let mine = caigou_app::planning::requests::list(store, subject).await?;
        let returned = mine
            .iter()
            .filter(|r| r.state == RequestStatus::Returned && r.applicant == subject.user)
            .map(|r| (format!("{} {}", r.request_no, r.title), format!("/requests/{}", r.id)))
            .collect();
        each(&mut todos, returned, "wb.todo.returned_one", "/requests");
        let open = caigou_app::planning::plans(store, subject, subject.org)
            .await?
            .iter()
            .filter(|p| matches!(p.status, PlanStatus::Publicity | PlanStatus::AwaitingApproval))
            .count();
        if open > 0 {
            todos.push(Todo { text: format!("{open} {}", t.s("wb.todo.publicity")), href: "/plans".into() });
        }
        // 采购人确认: draft documents waiting for this unit's decision open its review.
        if subject.has(Role::PurchaserHandler) || subject.has(Role::PurchaserApprover) {
            let mut due = Vec::new();
            for p in caigou_app::tender::projects::list(store, subject).await?.into_iter().filter(|p| p.status == ProjectStatus::Draft) {
                let v = caigou_store::projects::get(store, p.id).await?;
                if v.project.documents.is_none() {
                    continue;
                }
                let units = caigou_app::tender::confirmation::standing(store, &v).await?;
                if units.iter().any(|u| u.unit == subject.org && u.standing == caigou_domain::tender::confirmation::Standing::Waiting) {
                    due.push((format!("{} {}", p.project_no, p.name), format!("/projects/{}/review", p.id)));
                }
            }
            each(&mut todos, due, "wb.todo.confirm_documents", "/projects");
        }
    }
    if subject.has(Role::Admin) || subject.has(Role::Supervisor) {
        let waiting = caigou_app::suppliers::list(store, subject, Some(caigou_domain::supplier::SupplierStatus::Submitted)).await?;
        let items = waiting.iter().map(|r| (r.name.clone(), format!("/suppliers/{}", r.org_id))).collect();
        each(&mut todos, items, "wb.todo.supplier", "/suppliers?status=submitted");
        let expiring = caigou_app::suppliers::expiring(store, subject).await?.len();
        if expiring > 0 {
            todos.push(Todo { text: format!("{expiring} {}", t.s("wb.todo.suppliers_expiring")), href: "/suppliers".into() });
        }
    }
    if subject.has(Role::Agency) || subject.has(Role::PurchaserHandler) {
        let entrusted = caigou_store::projects::entrusted_plans(store, subject.org).await?;
        let items =
            entrusted.iter().map(|p| (format!("{} {} · {}", p.plan_no, p.name, p.unit_name), "/projects/new".to_string())).collect();
        each(&mut todos, items, "wb.todo.entrusted_one", "/projects/new");
        if subject.has(Role::Agency) {
            let drafts: Vec<(String, String)> = caigou_app::tender::projects::list(store, subject)
                .await?
                .into_iter()
                .filter(|p| p.status == ProjectStatus::Draft)
                .map(|p| (format!("{} {}", p.project_no, p.name), format!("/projects/{}", p.id)))
                .collect();
            each(&mut todos, drafts, "wb.todo.project_draft", "/projects");
            // 流标: the 废标公告 is the runner's next step; the to-do opens the project's form.
            let due = caigou_store::projects::failures_due(store, subject.org)
                .await?
                .into_iter()
                .map(|f| {
                    (
                        format!("{} {} · {} {}", f.project_no, f.name, t.s("projects.lot"), f.lot_no),
                        format!("/projects/{}#terminate", f.project),
                    )
                })
                .collect();
            each(&mut todos, due, "wb.todo.failure_notice", "/projects");
        }
    }
    if subject.has(Role::Supplier) {
        let me = caigou_store::suppliers::get(store, subject.org).await?;
        if me.status != caigou_domain::supplier::SupplierStatus::Approved {
            let steps = caigou_domain::supplier::admission_steps(me.status, me.profile_complete(), !me.qualifications.is_empty());
            admission = Some(Admission {
                status: me.status.label(ctx.lang),
                steps: steps.iter().map(|(step, state)| (t.s(&format!("wb.admission.{}", step.key())), state.key())).collect(),
                returned: (me.status == caigou_domain::supplier::SupplierStatus::Returned)
                    .then(|| me.review_comment.clone().unwrap_or_default()),
                submitted_at: me.submitted_at.map(|at| when(&at)),
            });
        }
        for q in me.flagged() {
            let key = if q.validity == caigou_domain::supplier::Validity::Expired { "supplier.expired" } else { "supplier.expiring" };
            todos.push(Todo {
                text: format!("{} {}（{}）", q.name, t.s(key), q.valid_until.clone().unwrap_or_default()),
                href: "/supplier".into(),
            });
        }
        let now = store.clock().now_ms();
        let mut projects: Vec<ProjectId> =
            caigou_app::tender::suppliers::obtained(store, subject).await?.into_iter().map(|o| o.project).collect();
        // A project whose documents it obtained for two lots is one thing to do.
        let mut seen = std::collections::BTreeSet::new();
        projects.retain(|p| seen.insert(*p));
        for project in projects {
            let v = caigou_store::projects::get(store, project).await?;
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
            if regions::effective_policy(store, r.id, today).await.is_err() {
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
        admission,
        notifications,
        recent,
    }))
}
