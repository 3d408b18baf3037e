# Page texts (en): 采购计划 and what precedes it: budget lines, 申购, intentions, plans, approvals, calendar, catalog, regions.
# A key `a.b_c` used in code is the message `a-b_c` here.

catalog-title = Procurement catalog (2022)
catalog-search = Search by code or name
catalog-code = Code
catalog-name = Name
catalog-none = No matching items
catalog-up = Up

regions-title = Regions and policies
regions-policy_at = Policy in force today
regions-versions = Versions
regions-add_version = Add a policy version
regions-effective_from = Effective from
regions-note = Note
regions-inherit_hint = Leave empty to inherit from the parent region
regions-open_tender = Open-tender threshold (yuan)
regions-decentralized = Decentralized procurement limit (yuan)
regions-central_catalog = Centralized catalog (catalogue codes, comma-separated)
regions-emall_limit = E-mall direct-purchase limit (yuan)
regions-sme = SME price deduction (small & micro % / consortium %)
regions-goods = Goods
regions-works = Works
regions-services = Services
regions-saved = Policy version saved and recorded in the audit trail
regions-no_policy = No policy in force
regions-inherited = (inherited)

calendar-title = Working-day calendar
calendar-years = Years loaded
calendar-load = Load a year (holiday-cn JSON format)
calendar-load_button = Load
calendar-loaded = Loaded
calendar-check = Compute a period
calendar-start = Start date
calendar-days = Working days
calendar-compute = Compute
calendar-result = Result
calendar-is_working = working day
calendar-is_off = day off

budget-title = Budget lines
budget-unit = Purchasing unit
budget-year = Year
budget-code = Code
budget-name = Name
budget-source = Funding source
budget-amount = Amount
budget-frozen = Frozen
budget-consumed = Consumed
budget-available = Available
budget-empty = No budget lines
budget-import = Import budget lines (CSV: fiscal_year,code,name,funding_source,amount in yuan)
budget-imported = Budget lines imported
budget-choose_unit = Choose a unit

intentions-title = Procurement intentions
intentions-publish = Publish an intention
intentions-project = Project name
intentions-summary = Summary of needs
intentions-budget = Budget (yuan)
intentions-month = Expected month
intentions-published_on = Published
intentions-earliest = Procurement may start
intentions-empty = No intentions yet
intentions-hint = Under Caiku [2020] No. 10 an intention is published at least 30 days before procurement starts.

plans-title = Procurement plans
plans-new = New plan
plans-name = Plan name
plans-method = Method
plans-start = Procurement starts
plans-budget_line = Budget line
plans-intention = Intention
plans-none = (none)
plans-entrust = Entrust to the central procurement agency
plans-ss_ground = Single-source ground
plans-ss_supplier = Proposed supplier
plans-original_contract = Original contract (yuan, for add-ons)
plans-items = Items
plans-item_code = Catalogue code
plans-item_desc = Description
plans-item_qty = Quantity
plans-item_amount = Budget (yuan)
plans-check = Check the rules
plans-submit = Submit for filing
plans-findings = Rule checks
plans-source = Source
plans-empty = No plans yet
plans-cancel = Cancel the plan
plans-fail = Mark procurement failed
plans-reprocure = Re-procure
plans-reason = Reason
plans-approval = Approval
plans-publicity_ends = Notice ends
plans-objections = Objections
plans-object = File an objection
plans-object_name = Your name or organization
plans-object_text = Objection
plans-object_sent = Objection filed; the approver will review it
plans-approve = Approve
plans-reject = Reject
plans-comment = Reasons
plans-previous = Previous plan
plans-decision-filed = Check: it would be filed on submitting
plans-decision-needs_approval = Check: it would need approval on submitting
plans-decision-refused = Check: it cannot be filed; change what is shown below

status-filed = Filed
status-awaiting_approval = Awaiting approval
status-publicity = Public notice
status-refused = Refused
status-rejected = Rejected
status-cancelled = Cancelled
status-failed = Failed

verdict-pass = Pass
verdict-needs_approval = Needs approval
verdict-refused = Refused

approvals-title = Plans awaiting approval
approvals-empty = Nothing awaits your approval

request-title = My requests
request-waiting = Requests waiting for me
request-new = New purchase request
request-empty = No requests yet
request-what = What is needed
request-amount = Estimated amount (yuan)
request-reason = Reason
request-submit = Submit for approval
request-progress = Approval progress
request-skipped_below = Not needed: this step only approves requests of { $min } or more
request-make_plan = Make a procurement plan
request-make_plan_hint = the plan form brings this request's item, quantity, amount and budget line
request-in_plan = In procurement plan
request-here = Current step
request-return = Return for changes
request-modify = Modify and resubmit
request-history = History
request-state-draft = Draft
request-state-in_review = In review
request-state-returned = Returned
request-state-approved = Approved
request-state-rejected = Rejected
request-event-drafted = Saved as draft
request-event-submitted = Submitted
request-event-modified = Modified
request-event-approved = Approved
request-event-returned = Returned
request-event-rejected = Rejected

plans-requests = Requests covered

request-returned_because = Returned because

plans-lawful = Methods that file at once

budget-add = Add a budget line

request-attachments = Attachments

status-amended = Changed

plans-amend = Change the plan

regions-intention_days = Days an intention is published ahead (Caiku [2020] No. 10)

chain-title = Request approval chain
chain-hint = Steps run in order; a step is skipped for requests below its minimum. Nobody approves their own request.
chain-step = Step
chain-name_zh = Step name (Chinese)
chain-name_en = Step name (English)
chain-role = Role
chain-min = From amount (yuan)
chain-saved = Chain saved; new requests follow it

plans-code = Catalog code
plans-quantity = Quantity
plans-emall_next_title = Next: order in the e-mall
plans-emall_next = An e-mall purchase is not entrusted to an agency: your unit orders directly in the e-mall (direct purchase, online quotation or reverse auction).
plans-decided_approved = Approved; the handler who submitted it has been notified
plans-decided_rejected = Rejected; the handler who submitted it has been notified
plans-next_approval = Next waiting for approval
plans-no_more_approvals = No more plans waiting for approval
plans-findings_details = See details
plans-entrust_title = Entrust procurement
plans-entrusted_to = Entrusted to
plans-project = View the project
plans-runner = Agency
plans-self_procure = procure on our own
pinmu-placeholder = Type a catalogue name or code, e.g. A02021000
plans-requests_bring_items = A ticked purchase request brings its item, quantity and amount into the items below.
