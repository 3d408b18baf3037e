# Errors a user can see, by their stable code: `error.<code>` is the message of the code, and
# `error.<code>.<variant>` a more specific one under the same code.

error-not_found = not found: { $what ->
        [budget_line] budget line
        [calendar_year] calendar year
        [demo_user] demo user
        [opening_record] opening record
        [purchase_request] purchase request
       *[other] { $what }
    }

error-file-empty = the file is empty
error-request-bad_transition-not_in_review = the request is not in review
error-demo-no_calendar = the working-day calendar has no year the demo can run in: load the State Council's holiday arrangement first
error-plan-no_approval = this plan does not need approval
error-plan-already_decided = this plan has been decided already
error-plan-comment_required = give the reasons for the decision
error-objection-invalid = give your name and the objection (at most 5000 characters)
error-backup-use_pg_dump = back up PostgreSQL with pg_dump (see the README)
error-catalog-bad_file = catalog file, line 1: the header must be code,name,level,parent
error-catalog-bad_file-catalog_file_has = the catalog file has no entries
error-deposit-not_required = this lot requires no bid deposit
error-deposit-closed = deposits are recorded after publication and before the bid deadline
error-deposit-closed-deposits_cannot_voided = deposits cannot be voided after the bid deadline
error-deposit-reference = enter the bank transaction number or the guarantee's number (up to 200 characters)
error-deposit-reason = give the reason for voiding
error-documents-published = the documents are published: issue a clarification instead
error-documents-published-project_already_published = the project is already published
error-documents-published-project_published_lots = the project is published: lots can no longer change
error-documents-template_mismatch = the template does not fit this project's method
error-documents-missing = prepare the documents first (template, criteria, dates)
error-custody-no_key = custodians are named: one of them must make the opening key first (caigou custodian ceremony)
error-documents-changed = the documents or a lot changed while publishing: check them and publish again
error-intention-invalid = give the project name, a summary of needs, a budget above zero and the expected month (YYYY-MM)
error-plan-not_a_unit = only purchasing units make procurement plans
error-plan-not_open = the plan is closed or was changed already
error-plan-not_open-plan_closed_already = this plan is closed already
error-plan-not_open-plan_changed_meanwhile = the plan changed meanwhile; reload
error-plan-not_open-open_plan_changed = only an open plan can be changed
error-plan-not_filed = only a filed plan can fail
error-plan-not_failed = only a failed plan can be re-procured
error-project-bad_state = the project is already terminated
error-project-bad_state-lot_already_terminated = this lot is already terminated
error-project-plan_not_filed = only filed plans can be entrusted
error-project-emall_not_entrusted = an e-mall purchase is ordered by the unit in the e-mall; it is not entrusted to an agency
error-project-plan_in_project = this plan is already in a project
error-project-plan_in_project-plan_already_project = this plan is already in a project
error-project-bad_runner = entrust plans to a procurement agency or the central agency
error-PLAN-CENTRALIZED = items in the centralized catalog go to the central procurement agency (Government Procurement Law art. 7, 18)
error-request-not_applicant = only the applicant changes a request
error-request-locked = a request in review or finished cannot be changed
error-request-comment_required = returning or rejecting needs a comment
error-request-changed = the request changed meanwhile; reload and try again
error-statutory-note = say what the correction rests on (1 to 500 characters)
error-supplier-uscc_taken = an organization with this unified social credit code is already registered
error-supplier-qualification_expired = this qualification has expired: upload a valid one
error-supplier-no_qualification = upload at least a business licence or qualification before submitting
error-template-invalid = give the template a name, a method and at least one section
error-log-bad_range = index outside the log
error-log-bad_range-bad_log_range = bad log range
error-auth-weak_password = the new password must have 10 to 128 characters
error-auth-wrong_password = the current password is wrong
error-auth-bad_credentials = wrong username or password
error-auth-throttled = too many failed sign-ins; try again in 15 minutes
error-token-bad_name = the token name must have 1 to 64 characters
error-token-bad_days = validity must be 1 to 365 days
error-calendar-too_many_days = at most 1000 working days
error-request-content_type = the request must be JSON (Content-Type: application/json)
error-request-content_type-form_sent_application = the form must be sent as application/x-www-form-urlencoded
error-request-too_large = the request body is too large
error-request-unreadable = the request body could not be read
error-request-invalid_query = invalid query parameters
error-request-invalid_query-date_out_range = date out of range
error-request-invalid_query-unknown_announcement_type = unknown announcement type
error-request-invalid_query-unknown_status = unknown status
error-request-invalid_query-unknown_region = unknown region
error-request-invalid_query-unknown_method = unknown procurement method
error-opening-not_closed = bids are compared once the opening has closed
error-file-missing = choose a file to upload (field `file`)
error-file-missing-choose_qualification_s = choose the qualification's file
error-sandbox-invalid = give minutes, days or a target time (YYYY-MM-DDTHH:MM)
error-supplier-invalid = size must be large, medium, small or micro
error-supplier-invalid-valid_until_date = valid_until must be a date (YYYY-MM-DD)
error-supplier-invalid-choose_region = choose your region
error-supplier-invalid-valid_until_date2 = valid until must be a date
error-auth-bad_token = the API token is invalid or expired
error-csrf-invalid = the form expired or came from elsewhere; reload the page and try again
error-internal = internal error; please try again later
error-conflict = the record already exists
error-db-busy = the platform is busy: nothing was changed; please retry in a moment
error-request-malformed_form = the form could not be parsed
error-calendar-no_file = choose a file to load
error-auth-forbidden-custody = not allowed to see this project's custody
error-tender-not_obtained = obtain this lot's documents first
error-tender-not_obtained-obtain_documents_from = obtain the documents from the announcement first
error-request-invalid_fields = choose the agency
error-rate-limited = too many requests from your address; try again later
error-request-timeout = the request took too long; try again

error-auth-required = please sign in first
error-auth-forbidden = you are not allowed to do this
error-policy-below_statutory = policy value { $field } is outside the law's limit (must be { $limit }; { $source })
error-policy-incomplete = no policy in force at { $date }: the root region sets no value for { $field }
error-policy-invalid = { $field }: { $reason ->
        [positive] must be positive
        [limit_above_threshold] decentralized limit above open-tender threshold
        [rate_range] rate must be between 0% and 100%
        [days_range] days must be between 1 and 365
       *[other] not allowed
    }
error-calendar-no_data = the working-day calendar has no data for { $year } (not yet published or not loaded); the period cannot be computed
error-calendar-no_data-out_of_range = the period runs past the years the calendar covers
error-calendar-bad_file = calendar file is not valid: { $detail }
error-name-empty = the name is empty
error-name-too_long = the name is too long: at most { $max } characters
error-name-too_short = the username needs at least { $min } characters
error-name-hidden_characters = the name contains invisible or text-direction control characters
error-username-characters = a username may contain only letters a–z, digits and . _ -
error-catalog-bad_code = “{ $value }” is not a valid catalogue (pinmu) code (A, B or C plus 8 digits, e.g. A02010105)
error-money-invalid = “{ $value }” is not a valid amount (yuan, at most two decimals)
error-money-overflow = amount out of range
error-uscc-invalid-length = invalid unified social credit code: a unified social credit code has 18 characters, got { $n } (GB 32100-2015)
error-uscc-invalid-character = invalid unified social credit code: character '{ $ch }' at position { $position } is not allowed (GB 32100-2015)
error-uscc-invalid-division = invalid unified social credit code: positions 3-8 must be a 6-digit administrative division code (GB 32100-2015)
error-uscc-invalid-check = invalid unified social credit code: check character should be { $expected }, got { $got } (GB 32100-2015)
error-chain-invalid = a chain needs 1 to 10 steps
error-chain-invalid-role = step { $step }: only reviewer or approver roles act on steps
error-chain-invalid-name = step { $step }: a name in both languages is required
error-request-bad_transition = this action is not possible on a request that is { $state ->
        [draft] a draft
        [in_review] in review
        [returned] returned
        [approved] approved
       *[rejected] rejected
    }
error-documents-unknown_variable = unknown template variable {"{{"}{ $name }{"}}"}
error-documents-fixed_section = section "{ $section }" is generated from the project and cannot be edited
error-request-too_long = { $field } is too long: at most { $max } characters
error-request-too_many = { $field } has too many entries: at most { $max }
error-supplier-bad_state = the supplier is "{ $state }": this step is not possible now

error-bid-not_encrypted = the bid is not encrypted: only bids encrypted on your machine are accepted
error-bid-bad_signature = the bid's signature does not verify
error-bid-hash_mismatch = the ciphertext does not match its SHA-256
error-bid-bad_key = not a P-256 public key
error-tender-supplier_not_approved = your organization's admission is not approved yet
error-bid-key_exists = this key is already registered
error-tender-not_obtained-suppliers_who_obtained = only suppliers who obtained this lot's documents may bid
error-tender-lot_terminated = this lot has been terminated
error-bid-unknown_key = the signing key is not registered for your organization
error-bid-key_revoked = the signing key is revoked or expired
error-bid-opening_key_missing = this project has opening custodians: wrap the content key to the opening key too (GET /api/v1/lots/{"{"}id{"}"}/opening-key)
error-bid-none = there is no bid to withdraw
error-bid-bad_key-p_256_sm2 = not a P-256 or SM2 public key
error-bid-bad_key-p_256_sm22 = not a P-256 or SM2 public key
error-custody-locked = the opening key exists or the project is published: custodians are fixed
error-custody-threshold = the threshold must be at least 2 and at most the number of custodians (up to 9)
error-custody-not_custodian = only this project's custodians hold the key ceremony
error-custody-locked-opening_key_exists = the opening key exists or the project is published
error-custody-shares = every custodian needs one share sealed to their key
error-bid-bad_key-p_256_public = not a P-256 public key
error-custody-opening_key_suite = the opening key must be a P-256 key (browsers can only wrap to P-256)
error-custody-locked-opening_key_exists2 = the opening key exists, the project is published or the custodians' threshold changed: reload and retry
error-custody-not_custodian-you_hold_no = you hold no share of this project
error-custody-bad_share = the share must be base64
error-custody-not_now = shares are released only in the remedy stage after the decryption window
error-custody-not_custodian-you_custodian_project = you are not a custodian of this project
error-bid-none-you_have_no = you have no valid bid on this lot
error-opening-not_started = the opening has not started
error-opening-already_opened = the bid is already open
error-opening-bad_key = the content key must be 32 bytes, base64
error-opening-platform_failure = the ciphertext stored by the platform is damaged; under Art. 31 the bid counts as withdrawn, and the cause is recorded
error-opening-decrypt_failed = decryption failed: wrong key or tampered ciphertext; retry with the key you bid with
error-opening-not_bidder = only bidders on this lot may object
error-opening-invalid = write the objection
error-plan-invalid = a plan needs at least one item
error-plan-invalid-give_plan_name = give the plan a name
error-plan-invalid-every_item_needs = every item needs a quantity and an amount above zero
error-project-invalid = give the project a name
error-project-invalid-choose_at_least = choose at least one plan
error-project-invalid-e_mall_framework = e-mall and framework purchases are not run as projects here
error-project-invalid-plans_combined_one = plans combined in one project must share the method and object type
error-request-invalid = at most 10 attachments
error-request-invalid-give_what_requested = give what is requested and why
error-request-invalid-quantity_estimated_amount = quantity and estimated amount must be above zero
error-supplier-invalid-give_legal_representative = give the legal representative, address, contact, phone and email
error-supplier-invalid-email_address_valid = the email address is not valid
error-supplier-invalid-give_supplier_s = give the supplier's name
error-supplier-invalid-give_qualification_s = give the qualification's name
error-supplier-invalid-say_what_needs = say what needs to change when returning
error-tender-supplier_not_approved-organization_s_admission = your organization's admission is not approved yet
error-tender-not_obtained-suppliers_who_obtained2 = only suppliers who obtained the documents may ask
error-tender-invalid = write your question
error-tender-closed = the project is closed or terminated
error-tender-closed-published_projects_before = only published projects before the deadline can be clarified
error-tender-invalid-write_clarification = write the clarification
error-org-name_taken = a supplier with the same or a confusingly similar name is already registered
error-user-username_taken = this username is taken, or looks too much like one that is
error-budget-invalid_line = no budget lines given
error-plan-invalid_fields = some fields of the plan need changes
error-request-invalid_fields-choose_agency = choose the agency
error-request-invalid_fields-evaluation_method_lowest = evaluation_method must be lowest_price or comprehensive
error-request-invalid_fields-documents_until_yyyy = documents_until must be YYYY-MM-DD
error-request-invalid_fields-deadline_yyyy_mm = deadline must be YYYY-MM-DDTHH:MM (China time)

error-plan-publicity_running = the single-source notice runs until { $ends }; it cannot be approved before it ends (Implementing Regulations art. 38)
error-publicity-closed = the notice ended on { $ends }; objections are closed
error-backup-target_exists = the target file exists: { $target }
error-bid-suite = unsupported suite { $s }
error-bid-malformed = malformed bid: { $other }
error-tender-deadline_passed = the deadline { $deadline } has passed (server time { $server_time }, { $now } ms): no submission, change or withdrawal
error-budget-duplicate_code = line { $i }: { $fiscal_year } already has a budget line coded { $code }
error-budget-duplicate_code-file_year_s = the file has { $year }'s code { $code } more than once
error-budget-duplicate_code-line_seq_year = line { $seq }: { $year } already has a budget line coded { $code }
error-catalog-bad_file-catalog_file_line = catalog file, line { $line }: { $msg }
error-sandbox-clock_backwards = the sandbox clock only moves forward (platform time is now { $now })
error-csv-encoding = the file's encoding is not recognised: save it as CSV in UTF-8 or GBK (Excel's "CSV (comma delimited)")
error-csv-bad_line = line { $line } is not valid CSV: { $e }
error-csv-too_many_rows = the file has more than { $max_rows } rows: import it in several files
error-custody-not_concerned = { $display_name } is not concerned by this project
error-custody-no_key-display_name_no = { $display_name } has no registered key
error-deposit-unknown_supplier = no supplier on the platform has the code { $payer }
error-deposit-exists = { $name }'s deposit for this lot is already recorded
error-bid-deposit_missing = this lot requires a bid deposit of { $required }, not yet recorded: pay it in a non-cash form as the documents say; the agency records it, then bid
error-documents-no_font = the server has no CJK font for the PDF: { $e }
error-opening-closed = the decryption window closed at { $until }
error-plan-request_not_approved = request { $no } is not approved and cannot be planned
error-plan-request_linked = request { $no } is already in another plan
error-project-plan_not_filed-plan_plan_no = plan { $plan_no } is not filed
error-policy-version_exists = this region already has a version effective { $effective_from }; choose another date
error-supplier-locked = the profile is "{ $state }" and cannot be changed now
error-tender-window_closed = the documents window closed at { $closed_at } (platform time { $server_time })
error-request-invalid_fields-invalid_fields_text = invalid fields: { $text }
error-request-malformed_json = malformed JSON: { $body_text }
error-request-invalid_query-invalid_query_parameters = invalid query parameters: { $body_text }
error-request-invalid_query-field_date_yyyy = { $field } must be a date YYYY-MM-DD
error-request-bad_date = dates are YYYY-MM-DD: { $s }
error-request-invalid_fields-invalid_form_fields = invalid form fields: { $e }
error-request-invalid_fields-points_name_number = points of "{ $name }" must be a number
error-budget-bad_file-header = line 1 must be the header fiscal_year,code,name,funding_source,amount
error-budget-bad_file-columns = line { $n }: expected 5 columns, got { $got }
error-budget-bad_file-year = line { $n }: bad fiscal year "{ $value }"
error-budget-bad_file-required = line { $n }: code, name and funding source are required
error-budget-bad_file-amount = line { $n }: amount "{ $value }" must be positive yuan with at most two decimals
error-budget-bad_file-empty = the file has no budget lines
error-budget-bad_file-rows = { $count } bad rows; nothing was imported: { $rows }
error-project-invalid-termination_reason = give the reasons for termination
error-project-invalid-lot = lot { $n } needs a name and items with quantities above zero
error-budget-invalid_line-n = budget line { $n } is incomplete or not positive
error-plan-invalid_fields-method = unknown method "{ $value }"
error-plan-invalid_fields-ground = unknown ground "{ $value }"
error-request-invalid_fields-sme = sme must be none, reserved or price_deduction
error-request-invalid_fields-criterion_kind = kind must be price, technical or commercial
error-request-invalid_fields-points = points must be 0–100 with at most two decimals

# Form fields of pages (the API names the same problems by field).
error-form-field = { $field }: { $problem }
error-form-all_three = fill goods, works and services together, or leave all empty
error-form-rate = deduction rate “{ $value }” must be a percentage from 0 to 100
error-form-both_rates = fill both SME deduction rates
error-form-lead_days = intention lead days "{ $value }" must be a whole number
error-form-effective_date = the effective date must be YYYY-MM-DD
error-form-note = add a note (the source document or reason)
error-form-row_amount = row { $n }: { $problem }
error-form-row_quantity = row { $n }: the quantity must be a whole number
error-budget-invalid_line-form = fill in year, code, name, funding source and a positive amount (yuan)
error-form-quantity = the quantity must be a whole number
error-form-step_role = choose a role for every step
error-documents-awaiting_purchaser = the purchaser has not yet confirmed the current documents: { $units }. Publish once they have
error-request-invalid_fields-decision = the decision is confirmed or returned
error-confirmation-invalid = the decision is incomplete
error-confirmation-invalid-reason_required = give the reason when returning the documents
error-confirmation-stale = the documents were changed or published meanwhile; reload and decide on the current ones
error-confirmation-not_required = your unit does not confirm documents before publishing
error-documents-not_confirmed = Tick the confirmation before publishing
