# Rule findings: what a rule found, with its figures, and what to do next. A refusal cites its
# rule's code and source (rule-cited); a list of them reads as clauses.

sep-enumeration = {", "}
sep-clauses = {"; "}
rule-cited = { $text } ({ $code }, { $source })

## 采购计划备案 (planning/filing)
finding-plan-budget_within = the plan's { $total } is within the { $available } available
finding-plan-budget_exceeded = the plan's { $total } exceeds the { $available } available on the budget line; reduce it or choose another line
finding-plan-budget_short_at_submit = when submitting, only { $available } was left on the budget line, not enough to freeze { $total }
finding-plan-budget_year_mismatch = The procurement start { $start } is outside the budget line's fiscal year ({ $year }). Move the start into { $year } or choose a budget line of the year of { $start }.
finding-plan-intention_missing = this plan needs a published procurement intention (within the centralized catalog or at/above the limit), at least { $lead } days ahead; publish one first
finding-plan-intention_met = intention published { $published }; procurement may start from { $earliest }
finding-plan-intention_too_recent = the intention was published { $published }: procurement may start on { $earliest } at the earliest ({ $lead } days); move the start to { $earliest } or later
finding-plan-centralized_entrusted = centralized items ({ $codes }) are entrusted to the central agency
finding-plan-centralized_not_entrusted = { $codes } are in the centralized catalog and must be entrusted to the central procurement agency
finding-plan-emall_works = works cannot be bought on the e-mall; choose another method
finding-plan-emall_over_limit = { $total } reaches the decentralized procurement limit { $limit }: the e-mall is not allowed; choose open tender or another method
finding-plan-emall_within = below the limit { $limit }: the e-mall may be used
finding-plan-threshold_reached = { $total } reaches the open-tender threshold { $threshold }: { $method } needs the supervisor's approval; sent for approval
finding-plan-threshold_below = below the open-tender threshold { $threshold }: { $method } may be used
finding-plan-splitting = this year's non-open plans for category { $category } under this budget line add up to { $sum }, reaching the threshold { $threshold }: possible splitting; sent for approval. Earlier plans: { $plans }
finding-plan-ss_ground_missing = single source needs a lawful ground (only source, emergency, or add-on)
finding-plan-ss_add_on_within = the add-on is within 10% of the original contract
finding-plan-ss_add_on_exceeded = an add-on may not exceed 10% of the original contract; give the original amount or reduce the add-on
finding-plan-ss_ground = ground: { $ground }
finding-plan-ss_publicity = single source at/above the threshold { $threshold }: a public notice of at least { $days } working days, then the supervisor's approval

## 申购风险提示 (planning/request)
warning-request-near_threshold = { $amount } is within 10% under the open-tender threshold { $threshold }; check it does not avoid open tender
warning-request-splitting = requests of this category in the last 30 days add up to { $sum }, reaching the open-tender threshold: possible splitting (Implementing Regulations art. 28)
warning-request-over_budget = { $amount } exceeds the { $available } available on the budget line

## 招标文件与期限 (tender)
rule-all = { $findings }
finding-tender-lowest_price_required = { $method } ranks by final price: use lowest evaluated price
finding-tender-comprehensive_required = competitive consultation uses comprehensive scoring
finding-tender-lowest_price_scores = lowest evaluated price has no technical or commercial scores ("{ $criterion }"): make them pass/fail requirements
finding-tender-criterion_incomplete = every criterion needs a name and points above zero
finding-tender-criterion_guidance = criterion "{ $criterion }" needs quantified scoring guidance
finding-tender-one_price_criterion = comprehensive scoring needs exactly one price criterion ({ $given } given)
finding-tender-total_points = the criteria must total 100 points ({ $given } given)
finding-tender-price_weight_at_least = { $method } for { $object }: the price weight must be at least { $min }% ({ $given } given)
finding-tender-price_weight_between = { $method } for { $object }: the price weight must be between { $min }% and { $max }% ({ $given } given)
finding-tender-documents_window = the documents must stay available until { $until } at least
finding-tender-period_tender = at least 20 days from the documents' issue to the bid deadline
finding-tender-period_consultation = at least 10 days from the documents to the first response
finding-tender-period_negotiation = at least 3 working days from the documents to the response
finding-tender-deadline_too_early = { $period }: documents issued on { $issued }, so the deadline can be { $earliest } at the earliest
finding-tender-window_after_deadline = the documents cannot stay available after the deadline
finding-tender-lot_budget_zero = a lot's budget must be above zero
finding-tender-max_price = the price ceiling must be above zero and within the lot's budget { $budget }
finding-tender-sme_rate = the price deduction must be the region's rate, { $rate }
finding-tender-no_lots = a project needs at least one lot
finding-tender-lots_over_plans = the lots' budgets ({ $sum }) exceed the plans' amount ({ $plans })
finding-tender-deposit_non_cash = a bid deposit is paid in a non-cash form: transfer, cheque, draft, promissory note or a guarantee
finding-tender-deposit_cap = the bid deposit must be above zero and at most { $share } of the lot's budget, { $max }
finding-tender-deposit_short = the amount recorded, { $paid }, is below the lot's required deposit, { $required }

## 中小企业政策 (SmePolicy)
sme-none = no SME reservation or price deduction
sme-reserved = reserved for small and medium-sized enterprises
sme-price_deduction = small and micro enterprise bids are evaluated at a { $rate } price deduction

## Rule titles
rule-title-PLAN-BUDGET = Budget available
rule-title-PLAN-BUDGET-YEAR = Starts within the budget year
rule-title-PLAN-INTENTION = Procurement intention published
rule-title-PLAN-OPEN-TENDER = Open-tender threshold
rule-title-PLAN-CENTRALIZED = Centralized procurement catalog
rule-title-PLAN-EMALL = E-mall scope
rule-title-PLAN-SPLITTING = Splitting to avoid open tender
rule-title-PLAN-SS-GROUND = Single-source grounds
rule-title-PLAN-SS-PUBLICITY = Single-source publicity and approval
rule-title-TEND-BID-PERIOD = At least 20 days from documents to bid deadline
rule-title-TEND-CONSULTATION-PERIOD = At least 10 days from documents to first response
rule-title-TEND-NEGOTIATION-PERIOD = At least 3 working days from documents to response
rule-title-TEND-DOC-WINDOW = Documents available at least 5 working days
rule-title-TEND-WINDOW-DEADLINE = Document window and deadline
rule-title-TEND-CLARIFICATION = Clarifications and deadline extension
rule-title-TEND-EVAL-METHOD = Evaluation method
rule-title-TEND-LOWEST-PRICE = Lowest evaluated price has no scored criteria
rule-title-TEND-CRITERIA = Comprehensive scoring criteria
rule-title-TEND-PRICE-WEIGHT = Price weight
rule-title-TEND-SME = SME policy
rule-title-TEND-BUDGET = Budget and price ceiling
rule-title-TEND-DEPOSIT = Bid deposit
finding-evaluation-committee_even = an evaluation committee has an odd number of members; { $members } are proposed
finding-evaluation-committee_small = this project's evaluation committee has at least { $min } members; { $members } are proposed
finding-evaluation-committee_experts = experts are at least two thirds of the members; { $experts } of the { $members } proposed are experts
rule-title-EVAL-COMMITTEE-ODD = Odd number of members
rule-title-EVAL-COMMITTEE-SIZE = Committee size
rule-title-EVAL-COMMITTEE-EXPERTS = Share of experts
exclusion-employed = employed by { $org }, a supplier taking part, within the three years before the evaluation ({ $source })
exclusion-officer = a director or supervisor of { $org }, a supplier taking part, within the three years before the evaluation ({ $source })
exclusion-controller = a controlling shareholder or controller of { $org }, a supplier taking part, within the three years before the evaluation ({ $source })
exclusion-relative = a close relative of the legal representative of { $org }, a supplier taking part ({ $source })
exclusion-declared = declared a conflict of interest with { $org }, a supplier taking part ({ $source })
exclusion-own_staff = on the staff of { $org }, and not drawn as an expert for its own projects
exclusion-suspended = suspended or removed from the expert pool
exclusion-unavailable = declared unavailable on the evaluation day
exclusion-busy = already confirmed for another evaluation at the same time
exclusion-too_frequent = evaluated for the same purchaser { $count } times lately, the most allowed being { $max }
