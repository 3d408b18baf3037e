# Page texts (en): the frame of every page: navigation, sign-in, account, workbench, inbox, flash notices.
# A key `a.b_c` used in code is the message `a-b_c` here.

app-name = Caigou · e-Procurement Platform
app-short = Caigou

nav-home = Home
nav-workbench = Workbench
nav-inbox = Inbox
nav-account = Account
nav-login = Sign in
nav-logout = Sign out
nav-catalog = Catalog
nav-regions = Regions & policies
nav-calendar = Calendar
nav-audit = Audit trail
nav-api = API docs
nav-lang_switch = 中文

login-title = Sign in
login-username = Username
login-password = Password
login-submit = Sign in
login-demo_hint = All demo accounts use the password caigou-demo

wb-title = Workbench
wb-greeting = Hello
wb-todo = To do
wb-todo_empty = Nothing to do right now
wb-recent = Recent activity
wb-recent_empty = No recent activity
wb-notifications = Latest notifications
wb-shortcuts = Shortcuts
wb-org = Organization
wb-roles = Roles
wb-todo-calendar_missing = The working-day calendar runs out soon: load the next year
wb-todo-calendar_ends = · last day covered
wb-todo-unread = unread notifications
wb-todo-no_policy = region has no policy set

inbox-title = Inbox
inbox-empty = No notifications
inbox-mark_read = Mark read

account-title = Account
account-token_created_at = created
account-token_expires = expires
account-token_revoke = Revoke
account-token_revoked = The token is revoked and no longer works
account-change_password = Change password
account-current_password = Current password
account-new_password = New password (at least 10 characters)
account-save = Save
account-password_changed = Password changed; your other sessions were signed out
account-tokens = API tokens
account-token_name = Token name
account-token_create = Create token
account-token_created = New token (shown once; keep it safe)

errpage-title = Something went wrong
errpage-not_found = Page not found
errpage-forbidden = You are not allowed to see this page
errpage-back_home = Back to home

common-submit = Submit
common-view = View
common-none = None

footer-text = Open-source e-procurement · every record verifiable

nav-budget = Budget
nav-plans = Plans
nav-intentions = Intentions
nav-approvals = Approvals

wb-todo-approvals = plans await your approval
wb-todo-publicity = plans are in public notice or awaiting approval

nav-requests = Requests

wb-todo-requests = requests wait for your approval
wb-todo-returned = of your requests were returned for changes

nav-chain = Approval chain

common-save = Save

nav-projects = Projects
nav-supplier = Supplier profile
nav-suppliers = Supplier review
nav-templates = Templates

notice-saved = Saved
notice-submitted = Submitted for review
notice-approved = Approved
notice-returned = Returned
notice-entrusted = Entrusted; the agency has been notified
notice-published = Published; the announcement is on the portal
notice-clarified = Clarification published; suppliers who obtained the documents were notified
notice-clarified_extended = Clarification published; the deadline was extended as the law requires
notice-terminated = Termination published
notice-asked = Question sent; the answer will be published as a clarification
notice-obtained = Documents obtained
notice-clock_moved = Platform time moved; due transitions fired

sandbox-title = Sandbox clock
sandbox-banner = Training sandbox: nothing here has legal effect
sandbox-now = Platform time
sandbox-demo_clock = Demo clock: the published calendar does not reach far enough past today, so the demo started on
sandbox-days = Advance days
sandbox-minutes = Advance minutes
sandbox-to = Or move to (China time)
sandbox-advance = Move the clock
sandbox-pending = Scheduled transitions

wb-todo-suppliers = supplier admissions waiting for review
wb-todo-suppliers_expiring = approved suppliers with qualifications expired or expiring
wb-todo-entrusted = entrusted plans waiting for a project
wb-todo-project_drafts = projects with documents in preparation
wb-todo-admission = Admission status

nav-transparency = Transparency log

log-title = Transparency log
log-hint = Every accepted bid and every audit entry is a leaf of an append-only Merkle tree (RFC 6962); tree heads are signed with the platform's log key and published here. Anyone holding a receipt can check with caigou receipt verify --log that the log was not rewritten.
log-origin = Origin
log-size = Size
log-root = Root hash
log-key = Log public key
log-checkpoints = Published tree heads

list-separator = ;{" "}
