# Page texts (zh-CN): 采购计划 and what precedes it: budget lines, 申购, intentions, plans, approvals, calendar, catalog, regions.
# A key `a.b_c` used in code is the message `a-b_c` here.

catalog-title = 政府采购品目分类目录（2022）
catalog-search = 按编码或名称搜索
catalog-code = 编码
catalog-name = 名称
catalog-none = 没有匹配的品目
catalog-up = 上级

regions-title = 区域与政策参数
regions-policy_at = 当前生效政策
regions-versions = 版本记录
regions-add_version = 新增政策版本
regions-effective_from = 生效日期
regions-note = 说明
regions-inherit_hint = 留空表示继承上级区域
regions-open_tender = 公开招标数额标准（元）
regions-decentralized = 分散采购限额（元）
regions-central_catalog = 集中采购目录（品目编码，逗号分隔）
regions-emall_limit = 电子卖场直购限额（元）
regions-sme = 中小企业价格扣除（小微%/联合体%）
regions-goods = 货物
regions-works = 工程
regions-services = 服务
regions-saved = 政策版本已保存并记入审计日志
regions-no_policy = 尚无生效政策
regions-inherited = （继承）

calendar-title = 工作日历
calendar-years = 已导入年份
calendar-load = 导入年度数据（holiday-cn JSON 格式）
calendar-load_button = 导入
calendar-loaded = 已导入
calendar-check = 期限计算
calendar-start = 起始日
calendar-days = 工作日数
calendar-compute = 计算
calendar-result = 结果
calendar-is_working = 工作日
calendar-is_off = 休息日

budget-title = 预算指标
budget-unit = 采购单位
budget-year = 年度
budget-code = 指标编码
budget-name = 名称
budget-source = 资金来源
budget-amount = 指标金额
budget-frozen = 已冻结
budget-consumed = 已使用
budget-available = 可用额度
budget-empty = 暂无预算指标
budget-import = 导入预算指标（CSV：fiscal_year,code,name,funding_source,amount，金额单位元）
budget-imported = 预算指标已导入
budget-choose_unit = 选择单位

intentions-title = 采购意向公开
intentions-publish = 发布采购意向
intentions-project = 项目名称
intentions-summary = 采购需求概况
intentions-budget = 预算金额（元）
intentions-month = 预计采购月份
intentions-published_on = 公开日期
intentions-earliest = 最早可开展采购
intentions-empty = 暂无采购意向
intentions-hint = 依据财库〔2020〕10号，采购意向应至少在采购活动开始前30日公开。

plans-title = 采购计划
plans-new = 新建采购计划
plans-name = 计划名称
plans-method = 采购方式
plans-start = 采购开始日期
plans-budget_line = 预算指标
plans-intention = 采购意向
plans-none = （无）
plans-entrust = 委托集中采购机构
plans-ss_ground = 单一来源情形
plans-ss_supplier = 拟定供应商
plans-original_contract = 原合同金额（元，添购时填写）
plans-items = 采购品目
plans-item_code = 品目编码
plans-item_desc = 说明
plans-item_qty = 数量
plans-item_amount = 预算（元）
plans-check = 检查规则
plans-submit = 提交备案
plans-findings = 规则检查结果
plans-source = 依据
plans-empty = 暂无采购计划
plans-cancel = 取消计划
plans-fail = 标记采购失败
plans-reprocure = 重新采购
plans-reason = 原因
plans-approval = 审批
plans-publicity_ends = 公示截止
plans-objections = 公示异议
plans-object = 提出异议
plans-object_name = 异议人（单位或个人）
plans-object_text = 异议内容
plans-object_sent = 异议已提交，将由审批人一并审查
plans-approve = 批准
plans-reject = 不批准
plans-comment = 审批意见
plans-previous = 原计划
plans-decision-filed = 预检结果：提交后即可备案
plans-decision-needs_approval = 预检结果：提交后需审批
plans-decision-refused = 预检结果：不能备案，请按下列提示修改

status-filed = 已备案
status-awaiting_approval = 待审批
status-publicity = 公示中
status-refused = 不予备案
status-rejected = 未获批准
status-cancelled = 已取消
status-failed = 采购失败

verdict-pass = 通过
verdict-needs_approval = 需审批
verdict-refused = 不通过

approvals-title = 待审批的采购计划
approvals-empty = 没有待审批的计划

request-title = 我的申购
request-waiting = 待我审批的申购
request-new = 填写申购单
request-empty = 暂无申购单
request-what = 申购内容
request-amount = 估算金额（元）
request-reason = 申购理由
request-submit = 提交审批
request-progress = 审批进度
request-skipped_below = 不需经过本环节：本环节只审批 { $min } 及以上的申购
request-make_plan = 生成采购计划
request-make_plan_hint = 计划表单会带入本申购的品目、数量、金额和预算指标
request-in_plan = 已纳入采购计划
request-here = 当前环节
request-return = 退回修改
request-modify = 修改并重新提交
request-history = 办理记录
request-state-draft = 草稿
request-state-in_review = 审批中
request-state-returned = 已退回
request-state-approved = 已批准
request-state-rejected = 未批准
request-event-drafted = 保存草稿
request-event-submitted = 提交
request-event-modified = 修改
request-event-approved = 同意
request-event-returned = 退回
request-event-rejected = 不同意

plans-requests = 包含的申购单

request-returned_because = 退回意见

plans-lawful = 可直接备案的采购方式

budget-add = 新增预算指标

request-attachments = 附件

status-amended = 已变更

plans-amend = 变更计划

regions-intention_days = 采购意向至少提前公开天数（财库〔2020〕10号）

chain-title = 申购审批流程
chain-hint = 按顺序办理；申购金额低于某环节起始金额时跳过该环节。申请人不能审批自己的申购单。
chain-step = 环节
chain-name_zh = 环节名称（中文）
chain-name_en = 环节名称（英文）
chain-role = 办理岗位
chain-min = 起始金额（元）
chain-saved = 审批流程已保存，新提交的申购单按新流程办理

plans-code = 品目编码
plans-quantity = 数量
plans-emall_next_title = 下一步：在电子卖场下单
plans-emall_next = 电子卖场采购不委托代理机构：由本单位在电子卖场直接下单（直购、在线询价或反向竞价）。
plans-decided_approved = 已批准，已通知提交计划的经办人
plans-decided_rejected = 已驳回，已通知提交计划的经办人
plans-next_approval = 下一张待审批
plans-no_more_approvals = 没有更多待审批的计划
plans-findings_details = 查看详情
plans-entrust_title = 委托采购
plans-entrusted_to = 已委托
plans-project = 查看采购项目
plans-runner = 受托机构
plans-self_procure = 自行采购
pinmu-placeholder = 输入品目名称或编码，如“打印机”
plans-requests_bring_items = 勾选的申购单会把其品目、数量和金额填入下方的采购明细。
