# Notifications. The value is the title, `.body` the text; both are rendered in the reader's
# language when the notification is read, from the key and arguments stored with it.

notice-opening-failed = Fewer than 3 bids: lot failed
    .body = Project { $no } ({ $name }) lot { $lot_no } ({ $lot_name }): { $valid } valid bids at the deadline, fewer than 3; no opening (Government Procurement Law art. 36). Re-procure or apply for another method.
notice-opening-started = Opening: decrypt your bid
    .body = Project { $no } lot { $lot_no } is opening: sign in and decrypt your bid before { $until }; a bid not decrypted in time counts as revoked.
notice-opening-remedy = Release your opening key share
    .body = { $pending } bids were not decrypted by their bidders. Custodians: release your share before { $until } (caigou custodian release).
notice-opening-recorded = Opening record published
    .body = The opening record is signed into the transparency log; see the opening hall.

notice-plan-entrusted = New entrusted plan
    .body = Plan { $plan_no } ({ $name }) was entrusted to you: create the project.
notice-plan-approval_waiting = A plan waits for approval
    .body = Plan { $plan_no } of { $unit } ({ $name }, { $total }) needs your approval: { $rules }
notice-plan-approved = Plan approved and filed
    .body = Plan { $plan_no }: approved and filed. Reasons: { $comment }
notice-plan-rejected = Plan rejected
    .body = Plan { $plan_no }: rejected. Reasons: { $comment }
notice-publicity-objection = Objection to a single-source notice
    .body = The single-source notice of plan { $plan_no } received an objection; review it when deciding.

notice-project-published = Project published
    .body = Project { $no } ({ $name }) was published ({ $kind }); deadline { $deadline }.
notice-project-bidding_closed = Bidding closed
    .body = Project { $no } ({ $name }) has reached its deadline and awaits opening.
notice-documents-to_confirm = { $no } { $name }: documents awaiting the purchaser's confirmation
notice-documents-confirmed = { $no } { $name }: the purchaser confirmed the documents
notice-documents-returned = { $no } { $name }: the purchaser returned the documents for changes: { $comment }
notice-project-terminated = Procurement terminated
    .body = Project { $no } ({ $name }): { $scope ->
        [lot] a lot was
       *[all] all lots were
    } terminated. Reason: { $reason }
notice-project-clarified = Clarification issued
    .body = Project { $no } ({ $name }) issued a clarification{ $deadline ->
        [none] .
       *[other] ; the deadline moves to { $deadline }.
    }
notice-question-asked = Supplier question
    .body = Project { $no } ({ $name }) has a new question: answer with a clarification.

notice-request-waiting = A request waits for you
    .body = Request { $no } ({ $title }, { $amount }) waits for you: { $step }
notice-request-returned = Request returned: change it and resubmit
    .body = { $no }: returned. Comment: { $comment }
notice-request-approved = Request approved
    .body = { $no }: approved. Comment: { $comment }
notice-request-rejected = Request rejected
    .body = { $no }: rejected. Comment: { $comment }

notice-reminder-publicity_ends = A single-source notice ends today
    .body = The notice of plan { $plan_no } ({ $name }) ends today ({ $ends }); it can be decided from tomorrow.
notice-reminder-publicity_ended = Notice over: the plan awaits your decision
    .body = The notice of plan { $plan_no } ({ $name }) ended on { $ends }; review the objections and decide.
notice-reminder-intention = Publish the procurement intention
    .body = Request { $no } ({ $title }, { $amount }) is approved: publish the procurement intention at least 30 days before procurement, then make the plan.
notice-reminder-calendar_ends = The working-day calendar runs out soon
    .body = The published working-day calendar ends on { $last }: load the State Council's { $year } holiday arrangement, or periods reaching into { $year } cannot be computed.
notice-reminder-calendar_missing = The working-day calendar runs out soon
    .body = The working-day calendar has no data for { $year }: the platform cannot compute periods; load it now.

notice-supplier-submitted = Supplier awaiting review
    .body = { $name } applied for admission: please review.
notice-supplier-approved = Admission approved
    .body = You may now obtain procurement documents and bid.
notice-supplier-returned = Admission returned
    .body = Reviewer's comment: { $comment }. Edit and resubmit.

notice-welcome = Welcome to the Caigou demo
    .body = This is a demo: all data is fictitious. Your workbench lists what to do and what happened lately.

# An email carries the notification in every language, Chinese first.
email-subject = [Caigou] { $title }
