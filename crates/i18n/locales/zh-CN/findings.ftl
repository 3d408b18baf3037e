# Rule findings: what a rule found, with its figures, and what to do next. A refusal cites its
# rule's code and source (rule-cited); a list of them reads as clauses.

sep-enumeration = 、
sep-clauses = ；
rule-cited = { $text }（{ $code }，{ $source }）

## 采购计划备案 (planning/filing)
finding-plan-budget_within = 计划金额 { $total } 未超过预算指标可用额度 { $available }
finding-plan-budget_exceeded = 计划金额 { $total } 超过预算指标可用额度 { $available }。请调减金额或选择其他预算指标。
finding-plan-budget_short_at_submit = 提交时预算指标可用额度仅剩 { $available }，不足以冻结计划金额 { $total }。
finding-plan-budget_year_mismatch = 采购开始日期 { $start } 不在所选预算指标的预算年度（{ $year }年）内。请把开始日期改在 { $year }年内，或选择 { $start } 所在年度的预算指标。
finding-plan-intention_missing = 本计划须先公开采购意向（集中采购目录以内或采购限额标准以上），且至少提前{ $lead }日。请先发布采购意向。
finding-plan-intention_met = 采购意向已于 { $published } 公开，{ $earliest } 起可开展采购
finding-plan-intention_too_recent = 采购意向于 { $published } 公开，最早 { $earliest } 才能开展采购（需满{ $lead }日）；请将采购开始日期调整为 { $earliest } 或之后。
finding-plan-centralized_entrusted = 集中采购目录品目（{ $codes }）已委托集中采购机构
finding-plan-centralized_not_entrusted = 品目 { $codes } 属于集中采购目录，必须委托集中采购机构采购。请勾选“委托集中采购机构”。
finding-plan-emall_works = 工程不能通过电子卖场采购，请选择其他采购方式。
finding-plan-emall_over_limit = 计划金额 { $total } 达到分散采购限额 { $limit }，不能通过电子卖场采购；请选择公开招标等方式。
finding-plan-emall_within = 金额低于分散采购限额 { $limit }，可通过电子卖场采购
finding-plan-threshold_reached = 计划金额 { $total } 达到公开招标数额标准 { $threshold }，采用{ $method }须经设区的市级以上财政部门批准；已提交审批。
finding-plan-threshold_below = 金额低于公开招标数额标准 { $threshold }，可采用{ $method }
finding-plan-splitting = 同一预算项目本年度同类品目（{ $category }）以非公开招标方式累计 { $sum }，达到公开招标数额标准 { $threshold }，可能构成化整为零；已提交审批。此前计划：{ $plans }
finding-plan-ss_ground_missing = 采用单一来源方式须说明法定情形（唯一供应商、紧急情况或原项目添购）。
finding-plan-ss_add_on_within = 添购金额未超过原合同金额的10%
finding-plan-ss_add_on_exceeded = 添购资金总额不得超过原合同采购金额的10%；请填写原合同金额或调减添购金额。
finding-plan-ss_ground = 适用情形：{ $ground }
finding-plan-ss_publicity = 单一来源金额达到公开招标数额标准 { $threshold }：先公示不少于{ $days }个工作日，公示期满后由财政部门审批。

## 申购风险提示 (planning/request)
warning-request-near_threshold = 金额 { $amount } 接近公开招标数额标准 { $threshold }（90%以上），请核实是否规避公开招标
warning-request-splitting = 近30日同类品目申购累计 { $sum }，达到公开招标数额标准，可能构成化整为零（实施条例第28条）
warning-request-over_budget = 申购金额 { $amount } 超过预算指标可用额度 { $available }

## 招标文件与期限 (tender)
rule-all = { $findings }
finding-tender-lowest_price_required = { $method }按最后报价由低到高确定成交候选人，应采用最低评标价法
finding-tender-comprehensive_required = 竞争性磋商应采用综合评分法
finding-tender-lowest_price_scores = 最低评标价法不设技术、商务评分项（“{ $criterion }”）：以价格排序，其他要求作为实质性条件
finding-tender-criterion_incomplete = 每个评审因素须有名称和大于零的分值
finding-tender-criterion_guidance = 评审因素“{ $criterion }”须写明量化的评分标准
finding-tender-one_price_criterion = 综合评分法须有且只有一项价格分（现有 { $given } 项）
finding-tender-total_points = 各评审因素分值合计须为100分（现为 { $given } 分）
finding-tender-price_weight_at_least = { $method }{ $object }项目价格分比重不得低于{ $min }%（现为 { $given } 分）
finding-tender-price_weight_between = { $method }{ $object }项目价格分比重应为{ $min }%至{ $max }%（现为 { $given } 分）
finding-tender-documents_window = 采购文件提供期限最早可截至 { $until }，不能早于该日
finding-tender-period_tender = 自招标文件开始发出之日起至投标截止之日止不得少于20日
finding-tender-period_consultation = 磋商文件发出至首次提交响应文件截止不得少于10日
finding-tender-period_negotiation = 采购文件发出至响应截止不得少于3个工作日
finding-tender-deadline_too_early = { $period }：文件于 { $issued } 发出，截止时间最早为 { $earliest }
finding-tender-window_after_deadline = 采购文件提供期限不能晚于截止时间
finding-tender-lot_budget_zero = 标项预算须大于零
finding-tender-max_price = 最高限价须大于零且不得超过标项预算 { $budget }
finding-tender-sme_rate = 价格扣除比例应为本地区规定的{ $rate }
finding-tender-no_lots = 项目至少需要一个标项
finding-tender-lots_over_plans = 各标项预算合计 { $sum } 超过所依据采购计划的金额 { $plans }
finding-tender-deposit_non_cash = 投标保证金应以支票、汇票、本票、转账或金融机构、担保机构出具的保函等非现金形式提交
finding-tender-deposit_cap = 投标保证金须大于零且不得超过标项预算的{ $share }，即 { $max }
finding-tender-deposit_short = 登记金额 { $paid } 低于本标项要求的投标保证金 { $required }

## 中小企业政策 (SmePolicy)
sme-none = 不专门面向中小企业，不适用价格扣除
sme-reserved = 专门面向中小企业采购
sme-price_deduction = 小微企业报价给予{ $rate }的价格扣除，用扣除后的价格参加评审

## Rule titles
rule-title-PLAN-BUDGET = 预算指标可用额度
rule-title-PLAN-BUDGET-YEAR = 预算年度内开始
rule-title-PLAN-INTENTION = 采购意向公开
rule-title-PLAN-OPEN-TENDER = 公开招标数额标准
rule-title-PLAN-CENTRALIZED = 集中采购目录
rule-title-PLAN-EMALL = 电子卖场适用范围
rule-title-PLAN-SPLITTING = 化整为零
rule-title-PLAN-SS-GROUND = 单一来源适用情形
rule-title-PLAN-SS-PUBLICITY = 单一来源公示与审批
rule-title-TEND-BID-PERIOD = 招标文件发出至投标截止不少于20日
rule-title-TEND-CONSULTATION-PERIOD = 磋商文件发出至首次响应不少于10日
rule-title-TEND-NEGOTIATION-PERIOD = 谈判/询价文件发出至响应不少于3个工作日
rule-title-TEND-DOC-WINDOW = 采购文件提供期限不少于5个工作日
rule-title-TEND-WINDOW-DEADLINE = 文件提供期限与截止时间
rule-title-TEND-CLARIFICATION = 澄清或修改与截止时间顺延
rule-title-TEND-EVAL-METHOD = 评审方法
rule-title-TEND-LOWEST-PRICE = 最低评标价法不设评分项
rule-title-TEND-CRITERIA = 综合评分法评审因素
rule-title-TEND-PRICE-WEIGHT = 价格分值比重
rule-title-TEND-SME = 中小企业扶持政策
rule-title-TEND-BUDGET = 预算与最高限价
rule-title-TEND-DEPOSIT = 投标保证金
finding-evaluation-committee_even = 评审委员会（小组）须由单数成员组成，拟定 { $members } 人
finding-evaluation-committee_small = 本项目的评审委员会（小组）至少 { $min } 人，拟定 { $members } 人
finding-evaluation-committee_experts = 评审专家不得少于成员总数的三分之二，拟定 { $members } 人中专家 { $experts } 人
rule-title-EVAL-COMMITTEE-ODD = 评审委员会成员为单数
rule-title-EVAL-COMMITTEE-SIZE = 评审委员会最少人数
rule-title-EVAL-COMMITTEE-EXPERTS = 评审专家占比
exclusion-employed = 评审前三年内曾在参加本项目的供应商{ $org }任职（{ $source }）
exclusion-officer = 评审前三年内曾担任参加本项目的供应商{ $org }的董事、监事（{ $source }）
exclusion-controller = 评审前三年内是参加本项目的供应商{ $org }的控股股东或者实际控制人（{ $source }）
exclusion-relative = 与参加本项目的供应商{ $org }的法定代表人或者负责人有近亲属关系（{ $source }）
exclusion-declared = 本人申报与参加本项目的供应商{ $org }有利害关系（{ $source }）
exclusion-own_staff = 是{ $org }的在职人员，不以评审专家身份参加本单位项目的评审
exclusion-suspended = 已被暂停或取消评审资格
exclusion-unavailable = 本人申报评审当日不能参加
exclusion-busy = 同一时间已确认参加其他项目的评审
exclusion-too_frequent = 近期已为同一采购人评审 { $count } 次，达到上限 { $max } 次
