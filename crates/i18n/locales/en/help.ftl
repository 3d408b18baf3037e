# Page texts (en): the help centre (guides by role, in steps, and common questions) and the policy
# library. Guides and questions are listed in crates/web/src/platform/help_guides.rs.
# A key `a.b_c` used in code is the message `a-b_c` here.


## The help page, header and footer
help-title = Help centre
help-intro = Step-by-step guides for each role, with screenshots of this platform, and answers to common questions.
help-guides = Guides
help-faq = Common questions
help-policies_link = The laws and regulations each rule applies are in the policy library.
help-screenshot = Screenshot
nav-help = Help
footer-help = Help centre
footer-policies = Policy library

## The policy library page
policies-title = Policy library
policies-intro = The laws, regulations, ministerial orders and normative documents the platform's rules apply: for each article, what the platform takes it to require, and the platform rules that apply it.
policies-not_official = The summaries are the platform's plain-language reading, not the official text; the official text published by the issuing authority prevails.
policies-applied_by = Applied by

## Role names (the help page groups by them, in this order)
help-role-supplier = Suppliers
help-role-purchaser = Purchasing units
help-role-agency = Procurement agencies
help-role-supervisor = Supervising finance departments
help-role-admin = Platform administrators

## Guide supplier_register: title, when it is needed, steps
help-supplier_register-title = Register and get admitted as a supplier
help-supplier_register-intro = Do this once, before your first bid on the platform. One approved admission lets you obtain documents and bid on every tender on the platform, without registering again in each region.
help-supplier_register-step1 = Click "Register" at the top right and fill in the organization (registered name, the 18-character unified social credit code, region, legal representative, address, contact, phone, email, enterprise size) and the account (username, display name and a password of at least 10 characters), then click "Register". You are taken to the sign-in page, which lists the next three steps.
help-supplier_register-step2 = Sign in with the username and password you chose. The "Supplier admission" card on the workbench lists the four steps of admission: complete the company profile, upload the business licence and other qualifications, submit for admission review, and review by the finance department of your region; the step you are at is marked "Next step". Click "Continue admission".
help-supplier_register-step3 = On the "Supplier profile" page upload each licence (name, number and valid-until date, then choose the file and click "Upload"), then click "Submit for review": the status becomes "Awaiting review" and the profile is locked while it is reviewed. Once you are admitted you get a notification and the status becomes "Approved"; if the application is returned, the workbench and the profile show the reviewer's comment, so make the changes and submit again.

## Guide supplier_obtain: title, when it is needed, steps
help-supplier_obtain-title = Find a tender and obtain its documents
help-supplier_obtain-intro = When you want to take part in a tender: find its announcement on the home page, then obtain the documents. Only suppliers who obtained a lot's documents can ask questions about it and bid on it.
help-supplier_obtain-step1 = The home page lists every announcement under "Procurement announcements". Search by keyword, or filter by type, region, method, catalog code and dates, and click "Search"; each announcement shows where its project stands, such as "Open for bids · closes" with the deadline.
help-supplier_obtain-step2 = Open the tender announcement and read about the project, when and how to obtain the documents, and the deadline, then click "View the project and obtain documents". If you are not signed in, the button is "Sign in to obtain the documents" and brings you back to the project once you have signed in.
help-supplier_obtain-step3 = Under the lot on the project page click "Obtain documents" (you must be admitted, and it must be before "Documents available until"); the page then says "You obtained this lot's documents" and you can "Download documents (PDF)" or "View online". The page lists the issue date, the date documents are available until, the deadline and opening, and the documents' SHA-256; ask about the documents under "Questions and clarifications", and the answers are published as clarifications.

## Guide supplier_bid: title, when it is needed, steps
help-supplier_bid-title = Back up your bid key and submit a sealed bid
help-supplier_bid-intro = When you bid, after obtaining the documents and before the deadline. Your bid is encrypted in your browser before it is uploaded, and before the deadline nobody, platform administrators included, can read it.
help-supplier_bid-step1 = In "My bids" (or on the project page) click "Sealed bid (encrypted on your device)" under the lot. The top of the page shows the deadline; if the lot requires a bid deposit, it also shows whether your deposit has been recorded.
help-supplier_bid-step2 = Under "Bidding key" click "Generate and register a key". The key is made in this browser and the platform registers only its public key; the private key is never uploaded and never leaves this device. The page then shows the key as "registered".
help-supplier_bid-step3 = Before your first bid you must back up the key: enter a key file passphrase (8 characters or more), click "Export the key file" and keep the file on a computer, a USB stick or cloud storage; then pick that file under "Key file" and click "Verify backup / import the key from a file". The page says "Key backup verified; you can bid."
help-supplier_bid-step4 = Under "Submit a bid" enter the total price in yuan, choose the small or micro enterprise declaration if it applies, pick your response documents and click "Encrypt, sign and submit". Once the bid is accepted the page shows the receipt with its log index, ready to download, and "My submissions" lists each version with its ciphertext SHA-256 and log index; submitting again before the deadline replaces the previous version.

## Guide supplier_receipts: title, when it is needed, steps
help-supplier_receipts-title = Check your bid receipts
help-supplier_receipts-intro = When you want to be sure that the platform received your bid and that nobody has changed it since.
help-supplier_receipts-step1 = Open "My bids": each lot whose documents you obtained shows when you obtained them, the deadline and where your bid stands (such as "Submitted" or "Submitted; deadline passed"), and "Receipts" lists each submission with its version, status, time and log index.
help-supplier_receipts-step2 = Expand "Receipts" and click "Check receipt" beside a submission. The page checks each point in turn: the file digest, lot and submission number in the receipt match the submission, the platform's signature on the log head is valid, the submission is in the transparency log, and the log has only grown since; when all pass it says "The receipt is valid".
help-supplier_receipts-step3 = The receipt records the log index, the SHA-256 of the ciphertext and a signed log head: proof that the file was in before the deadline and has not changed since. You may also click "Download receipt" and check it on your own against the tree heads published in the "Transparency log" with the command-line tool caigou receipt verify (optional); if a check fails, download the receipt and contact the supervisor.

## Guide supplier_opening: title, when it is needed, steps
help-supplier_opening-title = Decrypt your bid at the opening
help-supplier_opening-intro = After the deadline: the opening is online, and each bidder decrypts its own bid with the key it bid with before the decryption window closes; a bid not decrypted in time counts as revoked.
help-supplier_opening-step1 = At the deadline bidding closes and the opening starts by itself; nobody needs to be present. You get the notification "Opening: decrypt your bid" with the time by which to decrypt, and in "My bids" the lot shows "Submitted; deadline passed" and an "Opening hall" button.
help-supplier_opening-step2 = In the browser that holds your bid key, open the "Opening hall" and click "Decrypt my bid" (the lot's bid page has the same button). The platform signs you in, your browser unwraps this bid's content key with your private key and hands it over to open the bid, and the page shows "Opened; total price (yuan)" with your price.
help-supplier_opening-step3 = On another device, first pick your backed-up key file under "Bidding key" on the bid page, enter its passphrase and click "Verify backup / import the key from a file", then decrypt; you may also use the command-line tool caigou bidder decrypt. Finish before "Decrypt until": a bid not decrypted in time shows "Not decrypted: revoked", and a bid that cannot be opened for reasons not the bidder's counts as withdrawn, with the reason recorded.
help-supplier_opening-step4 = In the "Opening hall" (from "My bids") watch each bidder's sign-in, status, total price, time opened and time submitted as they happen. Prices are shown together only once every valid bid is opened or the decryption window has closed; when the opening closes, the opening record is signed into the transparency log and the page shows its SHA-256 and log index.

## Guide purchaser_request: title, when it is needed, steps
help-purchaser_request-title = Raise a purchase request and take it through your unit's approvals
help-purchaser_request-intro = When your unit needs to buy something: raise a purchase request and take it through the approval chain your unit has set; once approved it becomes a procurement plan in one click.
help-purchaser_request-step1 = Click "Requests" in the menu, then "New purchase request" on the "My requests" page. Your unit's approval steps are under "Approval chain" on the same page.
help-purchaser_request-step2 = Say what is needed; in the catalog code field type an item name or code and pick the item from the list; then enter the quantity and the estimated amount in yuan, choose the budget line (its available amount is shown in brackets), give the reason and attach files if you like. Click "Submit for approval".
help-purchaser_request-step3 = The request's "Approval progress" lists the steps in order with who handles each, and marks the "Current step"; a step whose minimum amount the request is below is marked as not needed. Each approver gets a to-do and may approve, return for changes or reject; if it is returned, click "Modify and resubmit", and once it is approved click "Make a procurement plan".

## Guide purchaser_plan: title, when it is needed, steps
help-purchaser_plan-title = Make a procurement plan and submit it for filing
help-purchaser_plan-intro = After a request is approved and before procurement starts. The platform checks the plan against the rules: a plan that passes them all is filed automatically, and exceptions (such as a non-open method at or above the open-tender threshold) go to the finance department for approval.
help-purchaser_plan-step1 = Open an approved request and click "Make a procurement plan": the plan form brings in its item, quantity, amount and budget line. You can also click "New plan" on the "Procurement plans" page and tick approved requests under "Requests covered".
help-purchaser_plan-step2 = Name the plan, check the budget line, and choose the published procurement intention, the method and the start date; items in the centralized catalog need "Entrust to the central procurement agency" ticked. For a single source, also choose the ground and name the proposed supplier.
help-purchaser_plan-step3 = Click "Check the rules". "Rule checks" lists each rule (budget available, procurement intention, open-tender threshold, centralized catalog and others) as Pass, Needs approval or Refused, with its source, and the line at the top says whether the plan would be filed, would need approval or cannot be filed. The check runs again as you change the form.
help-purchaser_plan-step4 = Click "Submit for filing". A plan that passes every rule is "Filed" at once and its amount is frozen on the budget line; one that needs approval shows "Awaiting approval" (a single source at or above the threshold is first in "Public notice" for at least 5 working days). Once it is filed, choose the agency under "Entrust procurement" and click "Entrust procurement"; the agency is notified.

## Guide purchaser_intention: title, when it is needed, steps
help-purchaser_intention-title = Publish a procurement intention
help-purchaser_intention-intro = Before you make the procurement plan. For items in the centralized catalog or above the procurement limit, the intention is published at least 30 days before procurement starts (Caiku [2020] No. 10).
help-purchaser_intention-step1 = Click "Intentions" in the menu to open "Procurement intentions". It lists the intentions your unit has published, each with its publication date and the date procurement may start.
help-purchaser_intention-step2 = Under "Publish an intention" enter the project name, a summary of needs, the budget in yuan and the expected month, and click "Publish an intention".
help-purchaser_intention-step3 = The intention is published on the portal at once as a procurement intention announcement and appears in the list with the date procurement may start (30 days after publication, or longer where your region says so). Choose it under "Intention" when you make the plan; the plan's start date may not be earlier than that date.

## Guide purchaser_confirm: title, when it is needed, steps
help-purchaser_confirm-title = Confirm the documents before they are published (purchaser's confirmation)
help-purchaser_confirm-intro = When your unit wants to check the procurement documents before the agency publishes them. Once this is on, the agency can publish only after your unit has confirmed the current version of the documents.
help-purchaser_confirm-step1 = One of your unit's approvers opens "Approval chain" from "Requests" and, under "Confirming documents" below the chain, ticks "Documents of our unit's projects are confirmed by our unit before they are published (purchaser's confirmation)", then clicks "Save".
help-purchaser_confirm-step2 = Each time the agency saves the documents, your unit's handlers and approvers get a notification and the to-do "Documents awaiting your unit's confirmation". Click it, or "Review and confirm the documents" on the project page.
help-purchaser_confirm-step3 = The page shows the announcement and the documents exactly as they will go out. If they are right, click "Confirm"; if not, write what to change under "Comment" and click "Return for changes". The agency is notified either way; documents changed again need a new confirmation.

## Guide agency_project: title, when it is needed, steps
help-agency_project-title = Create a project from an entrusted plan
help-agency_project-intro = When a purchasing unit has entrusted a filed plan to your agency: create the project first, then prepare its documents.
help-agency_project-step1 = When a plan is entrusted to you, you get the notification "New entrusted plan" and the to-do "Entrusted plan to make a project of". Click it, or click "New project" on the "Procurement projects" page.
help-agency_project-step2 = "New project" lists the filed plans entrusted to your agency. Enter the project name (the first plan's name by default) and tick the plans: plans with the same method and the same kind of item may be combined, and each plan becomes one lot with its items and budget.
help-agency_project-step3 = Click "Create project". The platform numbers the project and its status is "Draft"; "Progress" and "Next" on the project page point you to preparing and publishing the documents.

## Guide agency_documents: title, when it is needed, steps
help-agency_documents-title = Prepare, preview and publish the documents
help-agency_documents-intro = After the project is created and before its announcement goes out. The platform computes the earliest lawful dates on the working-day calendar and will not publish earlier ones; once published, the documents are fixed and change only by a clarification.
help-agency_documents-step1 = Open the project (from the to-do "Project whose documents are being prepared" or the "Procurement projects" list). Under each lot set the price ceiling, the bid deposit (at most 2% of the budget; leave it empty for none) and the SME policy, and click "Save".
help-agency_documents-step2 = At the top of "Procurement documents", "Earliest lawful dates if published today" gives the earliest date documents may be available until and the earliest deadline, computed on the working-day calendar (documents available for at least 5 working days, and at least 20 days from issue to the deadline for a tender). Then choose the template and the evaluation method, and fill in the criteria (100 points in all for comprehensive scoring, each with quantified scoring guidance).
help-agency_documents-step3 = Edit the "Editable sections" if needed (the bracketed variables are filled in from the project on publishing), fill in the specific qualification requirements, the date documents are available until, the deadline, and the project contact and telephone, and click "Save". Anything against the rules is shown below the form with its source; if the purchaser confirms documents, each save asks it again.
help-agency_documents-step4 = Click "Preview and publish". "Preview before publishing" shows the announcement and the documents exactly as they will be published and, where the purchaser confirms documents, where each unit stands.
help-agency_documents-step5 = Tick "I have checked the announcement and the documents, and confirm publishing them." and click "Publish": the announcement appears on the portal at once, the documents are fixed as a PDF with its SHA-256, and the status becomes "Published". Publishing cannot be undone; later changes are clarifications under "Questions and clarifications" on the project page, and one that affects bids with less than the legal period left before the deadline (15 days for a tender) extends the deadline automatically.

## Guide agency_opening: title, when it is needed, steps
help-agency_opening-title = The opening, and failed lots
help-agency_opening-intro = At the deadline. The platform starts the opening on time by itself: you watch sign-ins, decryption and prices in the opening hall, and see the collusion signals once it closes. A lot with fewer than three valid bids fails.
help-agency_opening-step1 = At the deadline bidding closes and the opening starts by itself, with nothing for you to do: the project's status becomes "Bidding closed", each lot on the project page gets an "Opening hall" button, and the bidders are told to decrypt.
help-agency_opening-step2 = The bidders decrypt their bids with their own keys before the decryption deadline. The opening hall shows live the number of valid bids, the decryption deadline and each bidder's sign-in and status (awaiting decryption, opened); nobody sees any price until every valid bid is opened or the decryption window has closed.
help-agency_opening-step3 = When the opening closes, the hall shows each bidder's total price, bids not decrypted in time as "Not decrypted: revoked", and the opening record signed into the transparency log. A lot with fewer than three valid bids at the deadline is not opened and fails (Government Procurement Law Art. 36): the to-do "Failed lot: publish the failure notice" appears; on the project page click "Publish the failure notice", give the reason and click "Publish the termination or failure notice".
help-agency_opening-step4 = Once the opening closes, "Collusion signals" below the hall lists what different bidders' valid bids have in common: the same submitting address, document author, editor or company, or identical files (MOF Order No. 87, Art. 37). They are signals for the evaluation committee and the supervisor to check, not verdicts, and bidders do not see them.

## Guide supervisor_suppliers: title, when it is needed, steps
help-supervisor_suppliers-title = Review supplier admissions
help-supervisor_suppliers-intro = When a supplier of your region, or of a region under it, applies for admission. An admitted supplier may obtain documents and bid anywhere on the platform.
help-supervisor_suppliers-step1 = Click the to-do "Admission to review", or "Supplier review" in the menu, choose "Awaiting review" as the status and click "Search". The list shows each supplier's unified social credit code, region and time of submission; click a name to open it.
help-supervisor_suppliers-step2 = Check the legal representative, address, contact, enterprise size and business scope, open each qualification and look at its validity (valid, expiring, expired), and write your comment under "Reasons".
help-supervisor_suppliers-step3 = Click "Approve": the status becomes "Approved" and the supplier is notified. If something is missing, say what to change and click "Return for changes"; the supplier sees your comment. Admitted suppliers whose qualifications have expired or are about to are listed at the bottom of "Supplier admissions".

## Guide supervisor_approvals: title, when it is needed, steps
help-supervisor_approvals-title = Approve procurement plans
help-supervisor_approvals-intro = When a plan needs approval: for instance a non-open method at or above the open-tender threshold, possible splitting of a purchase, or a single source at or above the threshold. Plans that pass the rules are filed automatically and never come to you.
help-supervisor_approvals-step1 = Click the to-do "Plan to approve", or "Approvals" in the menu. The list shows each plan's method and amount and, for a single source, when its public notice ends.
help-supervisor_approvals-step2 = Open the plan and read its items and "Rule checks": the rule that needs approval says why and cites its source. For a single source also review the objections; it cannot be approved before its public notice ends (Implementing Regulation Art. 38).
help-supervisor_approvals-step3 = Write your reasons under "Reasons" (required) and click "Approve" or "Reject". The handler who submitted the plan is notified, and an approved plan is filed; "Next waiting for approval" in the message opens the next plan.

## Guide supervisor_audit: title, when it is needed, steps
help-supervisor_audit-title = Read the audit trail
help-supervisor_audit-intro = When you need to check who did what, and when. Every change of state on the platform is appended to the audit trail, whose entries are chained by hashes and never rewritten.
help-supervisor_audit-step1 = Click "Audit trail" in the menu. The top of the page says "Hash chain intact" (or "Hash chain broken"); choose an action under "Action", such as "Plan submitted", and click "Filter".
help-supervisor_audit-step2 = Each entry shows its number, time, actor, action, object (a link) and hash; events the platform fires on time, such as a bid deadline, have "System (scheduled)" as their actor. Click "Older entries" to page back.
help-supervisor_audit-step3 = To protect competition, entries for obtaining documents and for submitting or withdrawing bids are hidden until the bid deadline, and questions never show who asked. Every audit entry is also written into the public "Transparency log", where anyone can check against its signed tree heads that the log has not been rewritten.

## Guide admin_regions: title, when it is needed, steps
help-admin_regions-title = Set a region's policies
help-admin_regions-intro = When you change a region's open-tender threshold, decentralized procurement limit, centralized catalog or other policies, or want to see the policy in force. Policies are kept in versions by effective date, and a region inherits whatever it does not set from the region above it.
help-admin_regions-step1 = Click "Regions & policies" in the menu. "Regions and policies" lists the regions as a tree (province, city, county) with their codes; click a region to open it.
help-admin_regions-step2 = The region page shows the "Policy in force today": the open-tender threshold and the decentralized procurement limit for goods, works and services, the e-mall direct-purchase limit, the SME price deduction, the days an intention is published ahead, and the centralized catalog; "Versions" lists each version's effective date and note.
help-admin_regions-step3 = Under "Add a policy version" enter the effective date and a note (the document or reason behind it), fill in only what changes (leave a field empty to inherit from the parent region), and click "Submit". A value beyond the legal limits is refused with its source, and a saved version is recorded in the audit trail. The working-day calendar is loaded on the "Calendar" page, and items can be looked up on the "Catalog" page.

## Guide admin_sandbox: title, when it is needed, steps
help-admin_sandbox-title = Move the sandbox clock on a training platform
help-admin_sandbox-intro = On a training or demo platform, when you do not want to wait for the document window, the bid deadline and other periods to run out. The sandbox clock exists only on a training sandbox, whose data has no legal effect.
help-admin_sandbox-step1 = On a sandbox every page starts with "Training sandbox: nothing here has legal effect · Platform time"; click "Sandbox clock" there. The page shows the platform time and the "Scheduled transitions", such as the end of a document window, a bid deadline and the end of a decryption window.
help-admin_sandbox-step2 = Enter the days or minutes to advance, or pick a time under "Or move to (China time)", and click "Move the clock". The clock only moves forward.
help-admin_sandbox-step3 = Platform time moves on at once and the scheduled events that fell due fire in order; the page says "Platform time moved." and how many events fired, so that, for instance, a project past its deadline becomes "Bidding closed" and its opening starts. Nobody is signed out.

## Common questions: supplier
help-faq-supplier-1-q = Once admitted in one region, do I have to register again to bid in another?
help-faq-supplier-1-a = No. Your admission is reviewed once, by the finance department of the region you registered in; once it is approved you can obtain the documents of, and bid on, tenders of every region on the platform.
help-faq-supplier-2-q = Can the platform or the agency see my price before the opening?
help-faq-supplier-2-a = No. Your bid is encrypted in your browser with your bid key before it is uploaded, and the platform keeps only the ciphertext; before the deadline nobody, platform administrators included, can read it, and the names of the suppliers who obtained the documents or bid are not disclosed. At the opening, prices are shown together only once every valid bid is opened or the decryption window has closed.
help-faq-supplier-3-q = I changed computers or cleared my browser. Can I still decrypt at the opening?
help-faq-supplier-3-a = Yes, if you backed up your key: on the new device open the bid page, pick the key file under "Bidding key", enter its passphrase and click "Verify backup / import the key from a file". The private key exists only on your device and in your key file, and the platform has no copy; without it your bid cannot be decrypted and counts as revoked, which is why the backup must be made and verified before your first bid. Keep the file and its passphrase safe.
help-faq-supplier-4-q = I made a mistake in my bid. Can I change or withdraw it?
help-faq-supplier-4-a = Yes, before the deadline. In "My bids" click "Change or withdraw the bid": submitting again makes a new version, the previous one shows "Superseded", and only the latest valid version is opened; to withdraw, tick the confirmation on the bid page and click "Withdraw the bid"; it then shows "Withdrawn", and you may still submit again before the deadline. After the deadline a bid can no longer be changed or withdrawn.
help-faq-supplier-5-q = The bid page says the lot requires a bid deposit that has not been recorded. What do I do?
help-faq-supplier-5-a = Pay the deposit as the documents say, in a non-cash form (bank transfer, guarantee, cheque, draft or promissory note); it is at most 2% of the lot's budget. The agency records it on the project page once the payment is confirmed, and you can then submit your bid; until it is recorded the platform does not accept your bid.

## Common questions: purchaser
help-faq-purchaser-1-q = Why does my plan need approval instead of being filed automatically?
help-faq-purchaser-1-a = A plan that passes every rule is filed automatically when it is submitted, with nobody in the loop. Only exceptions go to the finance department: a method other than open tender at or above the open-tender threshold, purchases of the same kind under one budget item adding up to the threshold (possible splitting), or a single source at or above the threshold (after a public notice of at least 5 working days). "Rule checks" names the rule and its source.
help-faq-purchaser-2-q = How far ahead must the procurement intention be published?
help-faq-purchaser-2-a = At least 30 days before procurement starts (Caiku [2020] No. 10), or longer where your region says so. A plan's start date may not be before the intention's "Procurement may start" date; if it is, the rule check gives the earliest date you can start.
help-faq-purchaser-3-q = Why did my request skip an approval step?
help-faq-purchaser-3-a = Your unit's approvers set the approval chain under "Approval chain", and its steps run in order; a request below a step's minimum amount skips that step, and "Approval progress" says why. Nobody can approve a request they submitted.
help-faq-purchaser-4-q = Can our unit check the documents before the agency publishes them?
help-faq-purchaser-4-a = Yes. Once your unit's approvers turn on the purchaser's confirmation on the "Approval chain" page, your unit gets a to-do each time the agency saves the documents, and the agency cannot publish until the current version is confirmed. Without it the agency publishes directly; once published, the documents can be changed only by a clarification.

## Common questions: agency
help-faq-agency-1-q = Why can't I set an earlier deadline?
help-faq-agency-1-a = The legal periods are counted on the working-day calendar from the day after the event, and a period that ends on a day off runs to the next working day: documents available for at least 5 working days (Implementing Regulation Art. 31), at least 20 days from issue to the deadline for a tender (Government Procurement Law Art. 35), 10 days for competitive consultation, and 3 working days for competitive negotiation and requests for quotation. Dates before the "Earliest lawful dates if published today" cannot be published.
help-faq-agency-2-q = The published documents contain an error, or a supplier has asked a question. What now?
help-faq-agency-2-a = Published documents cannot be edited. Under "Questions and clarifications" on the project page, write the clarification or modification, tick the questions it answers and click "Publish clarification"; suppliers who obtained the documents are notified, and askers are never named. If it may affect how bids are prepared, tick that box: when less than the legal period is left (15 days for a tender), the deadline is extended automatically.
help-faq-agency-3-q = Publishing says the purchaser has not confirmed the documents. What do I do?
help-faq-agency-3-a = The project's purchaser confirms documents before they are published. Each save asks it again, and "Purchaser's confirmation" on the project page shows where each unit stands; you can publish once every unit shows "confirmed". If the documents were returned, change them as the comment says, save, and wait for the new confirmation.
help-faq-agency-4-q = How do I record a supplier's bid deposit?
help-faq-agency-4-a = After publishing and before the deadline, open "Bid deposits recorded" under the lot on the project page, enter the supplier's unified social credit code, the amount, the form (bank transfer, guarantee, cheque, draft or promissory note) and the bank transaction or guarantee number, and click "Record the payment". A wrong entry can be voided with a reason; a bid deposit is at most 2% of the budget and never paid in cash.

## Common questions: supervisor
help-faq-supervisor-1-q = Which plans come to me for approval?
help-faq-supervisor-1-a = Only the plans the rules send for approval: a non-open method at or above the open-tender threshold, possible splitting of a purchase, and a single source at or above the threshold (once its public notice has ended). Every other plan is filed automatically when it passes the rule checks. You see the plans of your region and the regions under it.
help-faq-supervisor-2-q = The workbench says some admitted suppliers' qualifications are expiring. What should I do?
help-faq-supervisor-2-a = They are listed under "Qualifications expired or expiring" at the bottom of "Supplier admissions"; click a name to see its licences and their validity. Remind the supplier to renew them; an expired licence cannot be uploaded as a valid qualification.
help-faq-supervisor-3-q = Can the audit trail or the bid records be altered?
help-faq-supervisor-3-a = Not without it showing. Audit entries are only ever appended and are chained by hashes, and the "Audit trail" page says whether the chain is intact; every accepted bid and every audit entry is also written into the public transparency log (a Merkle tree) whose signed heads are published, so anyone holding a receipt can check that the log has not been rewritten since.

## Common questions: admin
help-faq-admin-1-q = The workbench says the working-day calendar runs out soon. What do I do?
help-faq-admin-1-a = On the "Calendar" page choose the file of next year's public holidays as published by the State Council (holiday-cn JSON format) and click "Load". Without a year's data the platform does not guess: no period reaching into that year can be computed. Once it is loaded, check the result with "Compute a period" on the same page.
help-faq-admin-2-q = Can a region's policy be looser than the law?
help-faq-admin-2-a = No. The legal floors and caps (the bid and document periods, the days an intention is published ahead, the 2% cap on bid deposits, the range of the SME price deduction and others) are kept at platform level, and a policy version outside them is refused with the rule it breaks. A region may be stricter, for instance giving bidders 25 days instead of 20.
