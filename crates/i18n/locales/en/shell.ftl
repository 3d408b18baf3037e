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
nav-menu = Menu
nav-register = Register

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
errpage-reference = Reference

common-submit = Submit
common-view = View
common-none = None

footer-text = Open-source e-procurement · every record verifiable

nav-budget = Budget
nav-plans = Plans
nav-intentions = Intentions
nav-approvals = Approvals

wb-todo-publicity = plans are in public notice or awaiting approval

nav-requests = Requests


nav-chain = Approval chain

common-save = Save

nav-projects = Projects
nav-supplier = Supplier profile
nav-suppliers = Supplier review
nav-experts = Expert pool
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
notice-bid_withdrawn = Bid withdrawn
notice-asked = Question sent; the answer will be published as a clarification
notice-obtained = Documents obtained
notice-clock_moved = Platform time moved.
notice-clock_fired = { $n } scheduled events that fell due have fired; everyone stays signed in.

sandbox-title = Sandbox clock
sandbox-banner = Training sandbox: nothing here has legal effect
sandbox-now = Platform time
sandbox-demo_clock = Demo clock: the published calendar does not reach far enough past today, so the demo started on
sandbox-days = Advance days
sandbox-minutes = Advance minutes
sandbox-to = Or move to (China time)
sandbox-advance = Move the clock
sandbox-pending = Scheduled transitions

wb-todo-suppliers_expiring = approved suppliers with qualifications expired or expiring

nav-transparency = Transparency log

log-title = Transparency log
log-hint = Every accepted bid and every audit entry is a leaf of an append-only Merkle tree (RFC 6962); tree heads are signed with the platform's log key and published here. Anyone holding a receipt can check with caigou receipt verify --log that the log was not rewritten.
log-origin = Origin
log-size = Size
log-root = Root hash
log-key = Log public key
log-checkpoints = Published tree heads

list-separator = ;{" "}
login-reason = Please sign in. You will be taken back to the page you were opening.
login-registered = Registered. Next:
login-registered_step1 = sign in below with the user name and password you just chose;
login-registered_step2 = under “Supplier profile”, upload your business licence and other qualifications and submit them for admission review;
login-registered_step3 = once approved, obtain procurement documents and bid on any tender on the platform.
login-no_account = No account yet?
login-register_link = Register as a supplier
login-staff_accounts = Accounts for purchasing units, agencies, supervisors and evaluation experts are opened by their administrator.
wb-admission-title = Supplier admission
wb-admission-profile = Complete the company profile (legal representative, address, contact and phone)
wb-admission-qualifications = Upload the business licence and other qualifications
wb-admission-submit = Submit for admission review
wb-admission-review = Review by the finance department of your region
wb-admission-now = Next step
wb-admission-returned = Returned by the reviewer:{" "}
wb-admission-submitted_at = Submitted
wb-admission-go = Continue admission
wb-admission-why = Once admitted, you can obtain documents and bid on every tender on the platform, without registering again in each region.
# Punctuation between a label and its value, in the reader's writing.
p-colon = :{" "}
p-open = {" "}(
p-close = )
wb-todo-approval = Plan to approve
wb-todo-request = Purchase request to approve
wb-todo-returned_one = Purchase request returned to you
wb-todo-supplier = Admission to review
wb-todo-entrusted_one = Entrusted plan to make a project of
wb-todo-failure_notice = Failed lot: publish the failure notice
wb-todo-confirm_documents = Documents awaiting your unit's confirmation
wb-todo-project_draft = Project whose documents are being prepared
wb-todo-more = More:
