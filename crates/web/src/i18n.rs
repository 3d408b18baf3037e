//! The translation layer: every text a page shows comes from this table, in Simplified Chinese
//! (the default) and English. A test checks that no key is defined twice.

use caigou_domain::Lang;

/// (key, 简体中文, English)
const TEXTS: &[(&str, &str, &str)] = &[
    ("app.name", "采购云 · 政府采购电子化平台", "Caigou · e-Procurement Platform"),
    ("app.short", "采购云", "Caigou"),
    ("nav.home", "首页", "Home"),
    ("nav.workbench", "工作台", "Workbench"),
    ("nav.inbox", "消息", "Inbox"),
    ("nav.account", "账户", "Account"),
    ("nav.login", "登录", "Sign in"),
    ("nav.logout", "退出", "Sign out"),
    ("nav.catalog", "品目目录", "Catalog"),
    ("nav.regions", "区域与政策", "Regions & policies"),
    ("nav.calendar", "工作日历", "Calendar"),
    ("nav.audit", "审计日志", "Audit trail"),
    ("nav.api", "API 文档", "API docs"),
    ("nav.lang_switch", "English", "中文"),
    ("portal.title", "政府采购公告", "Procurement announcements"),
    ("portal.search", "搜索公告", "Search announcements"),
    ("portal.search_button", "搜索", "Search"),
    ("portal.empty", "暂无公告", "No announcements yet"),
    (
        "portal.intro",
        "从预算到付款全流程网上办理：密封电子投标、法定期限自动计算、全程留痕可验证。",
        "From budget to payment online: sealed electronic bids, legal periods computed for you, every step on a verifiable record.",
    ),
    ("portal.published", "发布时间", "Published"),
    ("portal.region", "区域", "Region"),
    ("portal.kind", "类型", "Type"),
    ("portal.back", "返回公告列表", "Back to announcements"),
    ("login.title", "登录", "Sign in"),
    ("login.username", "用户名", "Username"),
    ("login.password", "密码", "Password"),
    ("login.submit", "登录", "Sign in"),
    ("login.bad_credentials", "用户名或密码错误", "wrong username or password"),
    ("login.throttled", "登录失败次数过多，请15分钟后再试", "too many failed sign-ins; try again in 15 minutes"),
    ("login.demo_hint", "演示账号密码均为 caigou-demo", "All demo accounts use the password caigou-demo"),
    ("wb.title", "工作台", "Workbench"),
    ("wb.greeting", "您好", "Hello"),
    ("wb.todo", "待办事项", "To do"),
    ("wb.todo_empty", "暂无待办事项", "Nothing to do right now"),
    ("wb.recent", "最近动态", "Recent activity"),
    ("wb.recent_empty", "暂无动态", "No recent activity"),
    ("wb.notifications", "最新消息", "Latest notifications"),
    ("wb.shortcuts", "常用功能", "Shortcuts"),
    ("wb.org", "单位", "Organization"),
    ("wb.roles", "角色", "Roles"),
    ("wb.todo.calendar_missing", "下一年度工作日历尚未导入", "Next year's working-day calendar is not loaded yet"),
    ("wb.todo.unread", "条未读消息", "unread notifications"),
    ("wb.todo.no_policy", "区域尚未设置政策参数", "region has no policy set"),
    ("inbox.title", "消息中心", "Inbox"),
    ("inbox.empty", "没有消息", "No notifications"),
    ("inbox.mark_read", "标为已读", "Mark read"),
    ("inbox.unread", "未读", "Unread"),
    ("account.title", "账户设置", "Account"),
    ("account.change_password", "修改密码", "Change password"),
    ("account.current_password", "当前密码", "Current password"),
    ("account.new_password", "新密码（至少10个字符）", "New password (at least 10 characters)"),
    ("account.save", "保存", "Save"),
    ("account.password_changed", "密码已修改，其他设备上的登录已退出", "Password changed; your other sessions were signed out"),
    ("account.tokens", "API 令牌", "API tokens"),
    ("account.token_name", "令牌名称", "Token name"),
    ("account.token_create", "生成令牌", "Create token"),
    ("account.token_created", "新令牌（只显示一次，请妥善保存）", "New token (shown once; keep it safe)"),
    ("catalog.title", "政府采购品目分类目录（2022）", "Procurement catalog (2022)"),
    ("catalog.search", "按编码或名称搜索", "Search by code or name"),
    ("catalog.code", "编码", "Code"),
    ("catalog.name", "名称", "Name"),
    ("catalog.level", "层级", "Level"),
    ("catalog.children", "下级品目", "Sub-items"),
    ("catalog.none", "没有匹配的品目", "No matching items"),
    ("catalog.up", "上级", "Up"),
    ("regions.title", "区域与政策参数", "Regions and policies"),
    ("regions.policy_at", "当前生效政策", "Policy in force today"),
    ("regions.versions", "版本记录", "Versions"),
    ("regions.add_version", "新增政策版本", "Add a policy version"),
    ("regions.effective_from", "生效日期", "Effective from"),
    ("regions.note", "说明", "Note"),
    ("regions.inherit_hint", "留空表示继承上级区域", "Leave empty to inherit from the parent region"),
    ("regions.open_tender", "公开招标数额标准（元）", "Open-tender threshold (yuan)"),
    ("regions.decentralized", "分散采购限额（元）", "Decentralized procurement limit (yuan)"),
    ("regions.central_catalog", "集中采购目录（品目编码，逗号分隔）", "Centralized catalog (品目 codes, comma-separated)"),
    ("regions.emall_limit", "电子卖场直购限额（元）", "E-mall direct-purchase limit (yuan)"),
    ("regions.sme", "中小企业价格扣除（小微%/联合体%）", "SME price deduction (small & micro % / consortium %)"),
    ("regions.goods", "货物", "Goods"),
    ("regions.works", "工程", "Works"),
    ("regions.services", "服务", "Services"),
    ("regions.saved", "政策版本已保存并记入审计日志", "Policy version saved and recorded in the audit trail"),
    ("regions.no_policy", "尚无生效政策", "No policy in force"),
    ("regions.inherited", "（继承）", "(inherited)"),
    ("calendar.title", "工作日历", "Working-day calendar"),
    ("calendar.years", "已导入年份", "Years loaded"),
    ("calendar.load", "导入年度数据（holiday-cn JSON 格式）", "Load a year (holiday-cn JSON format)"),
    ("calendar.load_button", "导入", "Load"),
    ("calendar.loaded", "已导入", "Loaded"),
    ("calendar.check", "期限计算", "Compute a period"),
    ("calendar.start", "起始日", "Start date"),
    ("calendar.days", "工作日数", "Working days"),
    ("calendar.compute", "计算", "Compute"),
    ("calendar.result", "结果", "Result"),
    ("calendar.is_working", "工作日", "working day"),
    ("calendar.is_off", "休息日", "day off"),
    ("audit.title", "审计日志", "Audit trail"),
    ("audit.seq", "序号", "No."),
    ("audit.at", "时间", "Time"),
    ("audit.actor", "操作人", "Actor"),
    ("audit.action", "操作", "Action"),
    ("audit.object", "对象", "Object"),
    ("audit.hash", "哈希", "Hash"),
    ("audit.filter", "筛选", "Filter"),
    ("audit.older", "更早的记录", "Older entries"),
    ("audit.empty", "没有记录", "No entries"),
    ("audit.chain_ok", "哈希链完整", "Hash chain intact"),
    ("audit.chain_broken", "哈希链已损坏", "Hash chain broken"),
    ("error.title", "出错了", "Something went wrong"),
    ("error.not_found", "页面不存在", "Page not found"),
    ("error.forbidden", "您无权访问此页面", "You are not allowed to see this page"),
    ("error.back_home", "返回首页", "Back to home"),
    ("common.submit", "提交", "Submit"),
    ("common.yes", "是", "Yes"),
    ("common.no", "否", "No"),
    ("common.view", "查看", "View"),
    ("common.none", "无", "None"),
    ("audit.action.auth.login", "登录", "Signed in"),
    ("audit.action.auth.logout", "退出登录", "Signed out"),
    ("audit.action.auth.token_issued", "生成 API 令牌", "API token issued"),
    ("audit.action.auth.password_changed", "修改密码", "Password changed"),
    ("audit.action.policy.version_added", "新增政策版本", "Policy version added"),
    ("audit.action.region.created", "新建区域", "Region created"),
    ("audit.action.org.created", "新建单位", "Organization created"),
    ("audit.action.user.created", "新建用户", "User created"),
    ("audit.action.calendar.year_loaded", "导入工作日历", "Calendar year loaded"),
    ("audit.action.catalog.imported", "导入品目目录", "Catalog imported"),
    ("audit.action.announcement.published", "发布公告", "Announcement published"),
    ("audit.object.user", "用户", "user"),
    ("audit.object.region", "区域", "region"),
    ("audit.object.organization", "单位", "organization"),
    ("audit.object.calendar_year", "日历年度", "calendar year"),
    ("audit.object.catalog", "品目目录", "catalog"),
    ("audit.object.announcement", "公告", "announcement"),
    ("footer.text", "开源政府采购电子化平台 · 数据均可验证", "Open-source e-procurement · every record verifiable"),
    ("nav.budget", "预算指标", "Budget"),
    ("nav.plans", "采购计划", "Plans"),
    ("nav.intentions", "采购意向", "Intentions"),
    ("nav.approvals", "计划审批", "Approvals"),
    ("budget.title", "预算指标", "Budget lines"),
    ("budget.unit", "采购单位", "Purchasing unit"),
    ("budget.year", "年度", "Year"),
    ("budget.code", "指标编码", "Code"),
    ("budget.name", "名称", "Name"),
    ("budget.source", "资金来源", "Funding source"),
    ("budget.amount", "指标金额", "Amount"),
    ("budget.frozen", "已冻结", "Frozen"),
    ("budget.consumed", "已使用", "Consumed"),
    ("budget.paid", "已支付", "Paid"),
    ("budget.available", "可用额度", "Available"),
    ("budget.empty", "暂无预算指标", "No budget lines"),
    (
        "budget.import",
        "导入预算指标（CSV：fiscal_year,code,name,funding_source,amount，金额单位元）",
        "Import budget lines (CSV: fiscal_year,code,name,funding_source,amount in yuan)",
    ),
    ("budget.imported", "预算指标已导入", "Budget lines imported"),
    ("budget.choose_unit", "选择单位", "Choose a unit"),
    ("intentions.title", "采购意向公开", "Procurement intentions"),
    ("intentions.publish", "发布采购意向", "Publish an intention"),
    ("intentions.project", "项目名称", "Project name"),
    ("intentions.summary", "采购需求概况", "Summary of needs"),
    ("intentions.budget", "预算金额（元）", "Budget (yuan)"),
    ("intentions.month", "预计采购月份", "Expected month"),
    ("intentions.published_on", "公开日期", "Published"),
    ("intentions.earliest", "最早可开展采购", "Procurement may start"),
    ("intentions.empty", "暂无采购意向", "No intentions yet"),
    (
        "intentions.hint",
        "依据财库〔2020〕10号，采购意向应至少在采购活动开始前30日公开。",
        "Under 财库〔2020〕10号 an intention is published at least 30 days before procurement starts.",
    ),
    ("plans.title", "采购计划", "Procurement plans"),
    ("plans.new", "新建采购计划", "New plan"),
    ("plans.no", "计划编号", "Plan no."),
    ("plans.name", "计划名称", "Plan name"),
    ("plans.method", "采购方式", "Method"),
    ("plans.total", "金额", "Total"),
    ("plans.status", "状态", "Status"),
    ("plans.start", "采购开始日期", "Procurement starts"),
    ("plans.budget_line", "预算指标", "Budget line"),
    ("plans.intention", "采购意向", "Intention"),
    ("plans.none", "（无）", "(none)"),
    ("plans.entrust", "委托集中采购机构", "Entrust to the central procurement agency"),
    ("plans.ss_ground", "单一来源情形", "Single-source ground"),
    ("plans.ss_supplier", "拟定供应商", "Proposed supplier"),
    ("plans.original_contract", "原合同金额（元，添购时填写）", "Original contract (yuan, for add-ons)"),
    ("plans.items", "采购品目", "Items"),
    ("plans.item_code", "品目编码", "品目 code"),
    ("plans.item_desc", "说明", "Description"),
    ("plans.item_qty", "数量", "Quantity"),
    ("plans.item_amount", "预算（元）", "Budget (yuan)"),
    ("plans.check", "检查规则", "Check the rules"),
    ("plans.submit", "提交备案", "Submit for filing"),
    ("plans.findings", "规则检查结果", "Rule checks"),
    ("plans.rule", "规则", "Rule"),
    ("plans.source", "依据", "Source"),
    ("plans.empty", "暂无采购计划", "No plans yet"),
    ("plans.cancel", "取消计划", "Cancel the plan"),
    ("plans.fail", "标记采购失败", "Mark procurement failed"),
    ("plans.reprocure", "重新采购", "Re-procure"),
    ("plans.reason", "原因", "Reason"),
    ("plans.approval", "审批", "Approval"),
    ("plans.publicity_ends", "公示截止", "Notice ends"),
    ("plans.objections", "公示异议", "Objections"),
    ("plans.object", "提出异议", "File an objection"),
    ("plans.object_name", "异议人（单位或个人）", "Your name or organization"),
    ("plans.object_text", "异议内容", "Objection"),
    ("plans.object_sent", "异议已提交，将由审批人一并审查", "Objection filed; the approver will review it"),
    ("plans.approve", "批准", "Approve"),
    ("plans.reject", "不批准", "Reject"),
    ("plans.comment", "审批意见", "Reasons"),
    ("plans.previous", "原计划", "Previous plan"),
    ("plans.decision.filed", "已备案", "Filed"),
    ("plans.decision.needs_approval", "需审批", "Needs approval"),
    ("plans.decision.refused", "不予备案", "Refused"),
    ("status.filed", "已备案", "Filed"),
    ("status.awaiting_approval", "待审批", "Awaiting approval"),
    ("status.publicity", "公示中", "Public notice"),
    ("status.refused", "不予备案", "Refused"),
    ("status.rejected", "未获批准", "Rejected"),
    ("status.cancelled", "已取消", "Cancelled"),
    ("status.failed", "采购失败", "Failed"),
    ("verdict.pass", "通过", "Pass"),
    ("verdict.needs_approval", "需审批", "Needs approval"),
    ("verdict.refused", "不通过", "Refused"),
    ("approvals.title", "待审批的采购计划", "Plans awaiting approval"),
    ("approvals.empty", "没有待审批的计划", "Nothing awaits your approval"),
    ("wb.todo.approvals", "个采购计划待审批", "plans await your approval"),
    ("wb.todo.publicity", "个计划正在公示或待审批", "plans are in public notice or awaiting approval"),
    ("nav.requests", "申购", "Requests"),
    ("request.title", "我的申购", "My requests"),
    ("request.waiting", "待我审批的申购", "Requests waiting for me"),
    ("request.new", "填写申购单", "New purchase request"),
    ("request.empty", "暂无申购单", "No requests yet"),
    ("request.what", "申购内容", "What is needed"),
    ("request.amount", "估算金额（元）", "Estimated amount (yuan)"),
    ("request.reason", "申购理由", "Reason"),
    ("request.submit", "提交审批", "Submit for approval"),
    ("request.progress", "审批进度", "Approval progress"),
    ("request.here", "当前环节", "Current step"),
    ("request.return", "退回修改", "Return for changes"),
    ("request.modify", "修改并重新提交", "Modify and resubmit"),
    ("request.history", "办理记录", "History"),
    ("request.state.draft", "草稿", "Draft"),
    ("request.state.in_review", "审批中", "In review"),
    ("request.state.returned", "已退回", "Returned"),
    ("request.state.approved", "已批准", "Approved"),
    ("request.state.rejected", "未批准", "Rejected"),
    ("request.event.drafted", "保存草稿", "Saved as draft"),
    ("request.event.submitted", "提交", "Submitted"),
    ("request.event.modified", "修改", "Modified"),
    ("request.event.approved", "同意", "Approved"),
    ("request.event.returned", "退回", "Returned"),
    ("request.event.rejected", "不同意", "Rejected"),
    ("wb.todo.requests", "张申购单待您审批", "requests wait for your approval"),
    ("wb.todo.returned", "张申购单被退回待修改", "of your requests were returned for changes"),
    ("plans.requests", "包含的申购单", "Requests covered"),
    ("request.returned_because", "退回意见", "Returned because"),
    ("plans.lawful", "可直接备案的采购方式", "Methods that file at once"),
    ("budget.add", "新增预算指标", "Add a budget line"),
    ("request.attachments", "附件", "Attachments"),
    ("status.amended", "已变更", "Changed"),
    ("plans.amend", "变更计划", "Change the plan"),
    ("regions.intention_days", "采购意向至少提前公开天数（财库〔2020〕10号）", "Days an intention is published ahead (财库〔2020〕10号)"),
    ("chain.title", "申购审批流程", "Request approval chain"),
    (
        "chain.hint",
        "按顺序办理；申购金额低于某环节起始金额时跳过该环节。申请人不能审批自己的申购单。",
        "Steps run in order; a step is skipped for requests below its minimum. Nobody approves their own request.",
    ),
    ("chain.step", "环节", "Step"),
    ("chain.name_zh", "环节名称（中文）", "Step name (Chinese)"),
    ("chain.name_en", "环节名称（英文）", "Step name (English)"),
    ("chain.role", "办理岗位", "Role"),
    ("chain.min", "起始金额（元）", "From amount (yuan)"),
    ("chain.saved", "审批流程已保存，新提交的申购单按新流程办理", "Chain saved; new requests follow it"),
    ("nav.chain", "审批流程", "Approval chain"),
    ("audit.action.budget.line_added", "新增预算指标", "Budget line added"),
    ("audit.action.chain.updated", "修改审批流程", "Approval chain changed"),
    ("audit.action.intention.published", "公开采购意向", "Intention published"),
    ("audit.action.plan.submitted", "提交采购计划", "Plan submitted"),
    ("audit.action.plan.approved", "批准采购计划", "Plan approved"),
    ("audit.action.plan.rejected", "不批准采购计划", "Plan rejected"),
    ("audit.action.plan.cancelled", "取消采购计划", "Plan cancelled"),
    ("audit.action.plan.failed", "采购失败", "Procurement failed"),
    ("audit.action.publicity.objection", "公示异议", "Objection to a notice"),
    ("audit.action.request.drafted", "申购草稿", "Request drafted"),
    ("audit.action.request.submitted", "提交申购", "Request submitted"),
    ("audit.action.request.modified", "修改申购", "Request modified"),
    ("audit.action.request.approved", "同意申购", "Request step approved"),
    ("audit.action.request.returned", "退回申购", "Request returned"),
    ("audit.action.request.rejected", "驳回申购", "Request rejected"),
    ("audit.object.budget_line", "预算指标", "budget line"),
    ("audit.object.intention", "采购意向", "intention"),
    ("audit.object.plan", "采购计划", "plan"),
    ("audit.object.purchase_request", "申购单", "purchase request"),
    ("common.save", "保存", "Save"),
    ("plans.code", "品目编码", "Catalog code"),
    ("plans.quantity", "数量", "Quantity"),
    ("nav.projects", "采购项目", "Projects"),
    ("nav.supplier", "供应商信息", "Supplier profile"),
    ("nav.suppliers", "供应商审核", "Supplier review"),
    ("nav.templates", "文件范本", "Templates"),
    ("notice.saved", "已保存", "Saved"),
    ("notice.submitted", "已提交审核", "Submitted for review"),
    ("notice.approved", "已审核通过", "Approved"),
    ("notice.returned", "已退回", "Returned"),
    ("notice.entrusted", "已委托，受托机构将收到通知", "Entrusted; the agency has been notified"),
    ("notice.published", "已发布，公告已在门户公开", "Published; the announcement is on the portal"),
    (
        "notice.clarified",
        "澄清公告已发布，已通知获取文件的供应商",
        "Clarification published; suppliers who obtained the documents were notified",
    ),
    (
        "notice.clarified_extended",
        "澄清公告已发布，截止时间已依法顺延",
        "Clarification published; the deadline was extended as the law requires",
    ),
    ("notice.terminated", "终止公告已发布", "Termination published"),
    ("notice.asked", "问题已提交，答复将以澄清公告发布", "Question sent; the answer will be published as a clarification"),
    ("notice.obtained", "已获取采购文件", "Documents obtained"),
    ("notice.clock_moved", "平台时间已调整，到期事项已处理", "Platform time moved; due transitions fired"),
    ("portal.all_kinds", "全部类型", "All types"),
    ("portal.all_methods", "全部方式", "All methods"),
    ("portal.all_regions", "全部区域", "All regions"),
    ("portal.method", "采购方式", "Method"),
    ("portal.pinmu", "品目编码", "Catalog code"),
    ("portal.from", "起始日期", "From"),
    ("portal.to", "截止日期", "To"),
    ("portal.corrects", "本公告更正/涉及", "This notice concerns"),
    ("portal.corrected_by", "本公告已有更正", "Corrections to this notice"),
    ("portal.project", "查看项目、获取采购文件", "View the project and obtain documents"),
    ("project.status.draft", "编制中", "Draft"),
    ("project.status.published", "已发布", "Published"),
    ("project.status.bidding_closed", "已截止", "Bidding closed"),
    ("project.status.terminated", "已终止", "Terminated"),
    ("projects.title", "采购项目", "Procurement projects"),
    ("projects.new", "新建项目", "New project"),
    (
        "projects.new_hint",
        "选择委托给本机构且已备案的采购计划立项；可合并同一采购方式的多个计划。",
        "Create a project from filed plans entrusted to you; plans with the same method may be combined.",
    ),
    ("projects.no_entrusted", "暂无待立项的委托计划", "No entrusted plans waiting"),
    ("projects.name", "项目名称", "Project name"),
    ("projects.plans", "采购计划", "Plans"),
    ("projects.lots_hint", "每个计划生成一个标项（包），品目与预算取自计划。", "Each plan becomes one lot, with its items and budget."),
    ("projects.create", "立项", "Create project"),
    ("projects.purchasers", "采购人", "Purchasers"),
    ("projects.budget", "预算", "Budget"),
    ("projects.view_announcement", "查看公告", "View announcement"),
    ("projects.issued_on", "文件发出日期", "Documents issued"),
    ("projects.documents_until", "文件提供截止", "Documents available until"),
    ("projects.deadline", "提交截止及开启时间", "Deadline and opening"),
    ("projects.download_pdf", "下载采购文件（PDF）", "Download documents (PDF)"),
    ("projects.view_html", "在线查看", "View online"),
    (
        "projects.obtained_count",
        "已获取文件的供应商数量（截止前不公开名称）",
        "Suppliers who obtained the documents (names withheld until the deadline)",
    ),
    ("projects.lots", "标项", "Lots"),
    ("projects.lot", "标项", "Lot"),
    ("projects.max_price", "最高限价", "Price ceiling"),
    ("projects.item", "内容", "Item"),
    ("projects.obtained", "已获取本标项采购文件", "You obtained this lot's documents"),
    ("projects.obtain", "获取采购文件", "Obtain documents"),
    ("projects.documents", "采购文件", "Procurement documents"),
    ("projects.earliest", "按今天发布的最早合法日期", "Earliest lawful dates if published today"),
    (
        "projects.earliest_hint",
        "依据政府采购法第35条、实施条例第31条、财库〔2014〕214号及74号令，按工作日历自动计算；早于此日期的安排无法发布。",
        "Computed on the working-day calendar from the law (GPL art. 35, Regulation art. 31, 214号, 74号令); earlier dates cannot be published.",
    ),
    ("projects.template", "文件范本", "Template"),
    ("projects.evaluation_method", "评审方法", "Evaluation method"),
    ("projects.criteria", "评审因素（综合评分法合计100分）", "Criteria (100 points in all for comprehensive scoring)"),
    ("projects.criterion", "评审因素", "Criterion"),
    ("projects.criterion_kind", "类型", "Type"),
    ("projects.points", "分值", "Points"),
    ("projects.guidance", "评分标准", "Scoring guidance"),
    ("projects.qualification", "特定资格要求", "Specific qualification requirements"),
    (
        "projects.publish_hint",
        "发布后采购文件固定（生成PDF及SHA-256），之后的变更只能以澄清或修改公告发布。",
        "Publishing fixes the documents (PDF with SHA-256); later changes are clarifications.",
    ),
    ("projects.publish", "发布", "Publish"),
    ("projects.questions", "提问与澄清", "Questions and clarifications"),
    ("projects.answered", "已答复", "Answered"),
    ("projects.clarifications", "澄清或修改", "Clarifications"),
    ("projects.extended_to", "截止时间顺延至", "Deadline extended to"),
    ("projects.ask", "对采购文件的疑问（答复公开，不显示提问人）", "Question on the documents (answered publicly, anonymously)"),
    ("projects.ask_submit", "提交问题", "Ask"),
    ("projects.clarification", "澄清或修改内容", "Clarification or modification"),
    (
        "projects.affects_bids",
        "可能影响投标（响应）文件编制（不足法定期限时自动顺延截止时间）",
        "May affect how bids are prepared (the deadline is extended if too close)",
    ),
    ("projects.clarify", "发布澄清公告", "Publish clarification"),
    ("projects.terminate", "终止", "Terminate"),
    ("projects.all_lots", "全部标项", "All lots"),
    ("projects.reason", "终止原因", "Reasons"),
    ("sandbox.title", "沙箱时钟", "Sandbox clock"),
    ("sandbox.banner", "培训/沙箱平台，数据不具法律效力", "Training sandbox: nothing here has legal effect"),
    ("sandbox.now", "平台时间", "Platform time"),
    ("sandbox.days", "前进天数", "Advance days"),
    ("sandbox.minutes", "前进分钟", "Advance minutes"),
    ("sandbox.to", "或拨至（北京时间）", "Or move to (China time)"),
    ("sandbox.advance", "拨动时钟", "Move the clock"),
    ("sandbox.pending", "待触发的定时事项", "Scheduled transitions"),
    ("supplier.register_title", "供应商注册入驻", "Supplier registration"),
    (
        "supplier.register_hint",
        "注册后上传营业执照等资质并提交审核；审核通过即可在全平台获取采购文件、参与投标，无需重复注册。",
        "Register, upload your licences and submit for review; once approved you can obtain documents and bid anywhere on the platform.",
    ),
    ("supplier.organization", "单位信息", "Organization"),
    ("supplier.name", "供应商名称", "Registered name"),
    ("supplier.uscc", "统一社会信用代码", "Unified social credit code"),
    ("supplier.region", "注册所在区域", "Region"),
    ("supplier.account", "登录账号", "Account"),
    ("supplier.display_name", "联系人姓名（显示名）", "Display name"),
    ("supplier.register_submit", "注册", "Register"),
    ("supplier.legal_rep", "法定代表人", "Legal representative"),
    ("supplier.address", "地址", "Address"),
    ("supplier.contact", "联系人", "Contact"),
    ("supplier.phone", "联系电话", "Phone"),
    ("supplier.email", "电子邮箱", "Email"),
    ("supplier.size", "企业规模", "Enterprise size"),
    ("supplier.disabled_welfare", "残疾人福利性单位", "Welfare unit for the disabled"),
    ("supplier.prison", "监狱企业", "Prison enterprise"),
    ("supplier.scope", "经营范围", "Business scope"),
    ("supplier.review_comment", "审核意见", "Reviewer's comment"),
    ("supplier.qualifications", "资质证照", "Qualifications and licences"),
    ("supplier.valid_until", "有效期至", "Valid until"),
    ("supplier.valid", "有效", "Valid"),
    ("supplier.expiring", "即将到期", "Expiring"),
    ("supplier.expired", "已过期", "Expired"),
    ("supplier.qualification_name", "资质名称", "Name"),
    ("supplier.qualification_no", "证书编号", "Number"),
    ("supplier.file", "文件", "File"),
    ("supplier.upload", "上传", "Upload"),
    ("supplier.submit_hint", "资料齐全后提交审核。审核期间不能修改。", "Submit when complete; the profile is locked during review."),
    ("supplier.submit", "提交审核", "Submit for review"),
    ("supplier.submitted_at", "提交于", "Submitted"),
    ("supplier.approve", "审核通过", "Approve"),
    ("supplier.return", "退回修改", "Return for changes"),
    ("supplier.status.draft", "待提交", "Draft"),
    ("supplier.status.submitted", "待审核", "Awaiting review"),
    ("supplier.status.returned", "已退回", "Returned"),
    ("supplier.status.approved", "已入驻", "Approved"),
    ("suppliers.title", "供应商入驻审核", "Supplier admissions"),
    ("suppliers.status", "状态", "Status"),
    ("suppliers.all", "全部", "All"),
    ("suppliers.expiring", "资质已过期或即将到期", "Qualifications expired or expiring"),
    ("templates.title", "采购文件范本", "Document templates"),
    (
        "templates.hint",
        "范本中的 {{变量}} 由项目数据自动填写；标注“可编辑”的章节可由代理机构按项目修改。",
        "{{Variables}} are filled from the project; sections marked editable may be rewritten per project.",
    ),
    ("templates.platform", "平台范本", "Platform template"),
    ("templates.editable", "可编辑", "Editable"),
    ("audit.action.documents.obtained", "获取采购文件", "Documents obtained"),
    ("audit.action.plan.entrusted", "委托采购", "Plan entrusted"),
    ("audit.action.project.clarified", "发布澄清或修改", "Clarification issued"),
    ("audit.action.project.created", "项目立项", "Project created"),
    ("audit.action.project.documents_saved", "保存采购文件", "Documents saved"),
    ("audit.action.project.published", "发布采购文件与公告", "Project published"),
    ("audit.action.project.documents_closed", "文件获取期届满", "Documents window closed"),
    ("audit.action.project.bidding_closed", "投标截止", "Bidding closed"),
    ("audit.action.project.terminated", "项目终止", "Project terminated"),
    ("audit.action.question.asked", "供应商提问", "Question asked"),
    ("audit.action.sandbox.clock_moved", "沙箱时钟拨动", "Sandbox clock moved"),
    ("audit.action.template.saved", "保存文件范本", "Template saved"),
    ("audit.action.supplier.updated", "修改供应商资料", "Supplier profile changed"),
    ("audit.action.supplier.qualification_added", "上传资质", "Qualification added"),
    ("audit.action.supplier.submitted", "提交入驻审核", "Admission submitted"),
    ("audit.action.supplier.approved", "入驻审核通过", "Admission approved"),
    ("audit.action.supplier.returned", "入驻申请退回", "Admission returned"),
    ("audit.object.project", "采购项目", "Project"),
    ("audit.object.platform", "平台", "Platform"),
    ("audit.object.supplier", "供应商", "Supplier"),
    ("audit.object.template", "文件范本", "Template"),
    ("wb.todo.suppliers", "个供应商入驻申请待审核", "supplier admissions waiting for review"),
    ("wb.todo.suppliers_expiring", "个已入驻供应商的资质已过期或即将到期", "approved suppliers with qualifications expired or expiring"),
    ("wb.todo.entrusted", "个委托计划待立项", "entrusted plans waiting for a project"),
    ("wb.todo.project_drafts", "个项目的采购文件编制中", "projects with documents in preparation"),
    ("wb.todo.admission", "入驻审核状态", "Admission status"),
    ("plans.entrust_title", "委托采购", "Entrust procurement"),
    ("audit.action.project.lot_updated", "修改标项", "Lot changed"),
    ("projects.lot_settings", "标项设置", "Lot settings"),
    ("projects.sme_none", "不专门面向中小企业", "No SME reservation"),
    ("projects.sme_reserved", "专门面向中小企业", "Reserved for SMEs"),
    ("projects.sme_deduction", "小微企业价格扣除（本地区比例）", "Small/micro price deduction (region rate)"),
    ("projects.sections", "可编辑章节", "Editable sections"),
    ("plans.entrusted_to", "已委托", "Entrusted to"),
    ("plans.project", "查看采购项目", "View the project"),
    ("plans.runner", "受托机构", "Agency"),
    ("plans.self_procure", "自行采购", "procure on our own"),
    ("projects.criterion_new", "新增评审因素（可留空）", "Another criterion (optional)"),
    ("projects.guidance_hint", "量化的评分标准，例如：每项负偏离扣2分", "Quantified guidance, e.g. minus 2 points per deviation"),
    ("templates.name", "范本名称", "Template name"),
    ("templates.copy", "另存为新范本", "Save as a new template"),
    ("templates.save", "修改本范本（新版本）", "Revise this template (new version)"),
    ("audit.action.key.registered", "登记投标密钥", "Bidding key registered"),
    ("audit.action.key.revoked", "吊销投标密钥", "Bidding key revoked"),
    ("audit.action.bid.submitted", "提交投标文件（密文）", "Sealed bid submitted"),
    ("audit.action.bid.withdrawn", "撤回投标", "Bid withdrawn"),
    ("audit.action.opening.started", "开标（截止后）", "Opening started"),
    ("audit.action.opening.recorded", "开标记录签入日志", "Opening record logged"),
    ("audit.action.bid.opened", "投标文件解密", "Bid opened"),
];

/// A translator for one request's language. Templates call `t.s("key")`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The text for `key`; an unknown key shows itself, so a missing entry is visible, not blank.
    pub fn s(&self, key: &str) -> &'static str {
        match TEXTS.iter().find(|(k, _, _)| *k == key) {
            Some((_, zh, en)) => match self.lang {
                Lang::Zh => zh,
                Lang::En => en,
            },
            None => {
                tracing::warn!(key, "missing translation");
                "??"
            }
        }
    }

    /// A label for an audit action or object type (`audit.action.*`, `audit.object.*`); an
    /// action without a label shows its stable code.
    pub fn audit_label(&self, kind: &str, code: &str) -> String {
        let key = format!("audit.{kind}.{code}");
        match TEXTS.iter().find(|(k, _, _)| *k == key) {
            Some((_, zh, en)) => (if self.lang == Lang::En { en } else { zh }).to_string(),
            None => code.to_string(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn is_en(&self) -> bool {
        self.lang == Lang::En
    }

    pub fn tag(&self) -> &'static str {
        self.lang.tag()
    }

    /// The other language's tag, for the switch link.
    pub fn other_tag(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "en",
            Lang::En => "zh-CN",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_are_filled() {
        let mut seen = std::collections::HashSet::new();
        for (k, zh, en) in TEXTS {
            assert!(seen.insert(*k), "duplicate key {k}");
            assert!(!zh.is_empty() && !en.is_empty(), "empty text for {k}");
        }
    }

    #[test]
    fn every_key_used_in_templates_and_pages_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let keys: std::collections::HashSet<&str> = TEXTS.iter().map(|(k, _, _)| *k).collect();
        let mut files = Vec::new();
        for dir in ["templates", "src", "src/pages", "src/api"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() && path.file_name() != Some(std::ffi::OsStr::new("i18n.rs")) {
                    files.push(path);
                }
            }
        }
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for part in text.split(".s(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                assert!(keys.contains(key), "{} uses unknown key {key}", path.display());
            }
        }
        // Every audit action and object type the shells write has a label.
        let workspace = root.parent().unwrap();
        for dir in ["store/src", "caigou/src"] {
            for entry in std::fs::read_dir(workspace.join(dir)).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                for (marker, kind) in [("action: \"", "action"), ("object_type: \"", "object")] {
                    for part in text.split(marker).skip(1) {
                        let code = part.split('"').next().unwrap();
                        assert!(keys.contains(format!("audit.{kind}.{code}").as_str()), "no label for audit.{kind}.{code}");
                    }
                }
            }
        }
        for event in ["drafted", "submitted", "modified", "approved", "returned", "rejected"] {
            assert!(keys.contains(format!("audit.action.request.{event}").as_str()), "audit.action.request.{event}");
        }
        // Keys built at run time.
        for status in ["filed", "awaiting_approval", "publicity", "refused", "rejected", "cancelled", "failed", "amended"] {
            assert!(keys.contains(format!("status.{status}").as_str()), "status.{status}");
        }
        for state in ["draft", "in_review", "returned", "approved", "rejected"] {
            assert!(keys.contains(format!("request.state.{state}").as_str()), "request.state.{state}");
        }
        for event in ["drafted", "submitted", "modified", "approved", "returned", "rejected"] {
            assert!(keys.contains(format!("request.event.{event}").as_str()), "request.event.{event}");
        }
        for verdict in ["pass", "needs_approval", "refused"] {
            assert!(keys.contains(format!("verdict.{verdict}").as_str()), "verdict.{verdict}");
        }
    }
}
