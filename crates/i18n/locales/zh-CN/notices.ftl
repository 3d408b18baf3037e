# 站内消息 (notifications). The value is the title, `.body` the text; both are rendered in the
# reader's language when the notification is read, from the key and arguments stored with it.

notice-opening-failed = 投标不足3家，标项流标
    .body = 项目 { $no }（{ $name }）第{ $lot_no }包（{ $lot_name }）截止时有效投标 { $valid } 家，不足3家，不予开标（政府采购法第36条）。采购人可依法重新采购或报批变更采购方式。
notice-opening-started = 开标：请解密投标文件
    .body = 项目 { $no } 第{ $lot_no }包已开标，请在 { $until } 前进入开标大厅签到并解密投标文件；逾期未解密的视为撤销投标（电子招标投标办法第31条）。
notice-opening-remedy = 请提交开标密钥份额
    .body = { $pending } 份投标文件未由投标人解密。请保管人在 { $until } 前提交开标密钥份额（caigou custodian release）。
notice-opening-recorded = 开标记录已生成
    .body = 开标记录已生成并签入透明日志，可在开标大厅查看。

notice-plan-entrusted = 新的委托项目
    .body = 采购计划 { $plan_no }（{ $name }）已委托贵机构组织采购，请立项。
notice-plan-approval_waiting = 采购计划待审批
    .body = { $unit }提交的采购计划 { $plan_no }（{ $name }，{ $total }）需要审批：{ $rules }
notice-plan-approved = 采购计划已批准并备案
    .body = 计划 { $plan_no }：采购计划已批准并备案。审批意见：{ $comment }
notice-plan-rejected = 采购计划未获批准
    .body = 计划 { $plan_no }：采购计划未获批准。审批意见：{ $comment }
notice-publicity-objection = 单一来源公示收到异议
    .body = 计划 { $plan_no } 的单一来源公示收到异议，审批时请一并审查。

notice-project-published = 采购项目已发布
    .body = 项目 { $no }（{ $name }）已发布{ $kind }，截止时间 { $deadline }。
notice-project-bidding_closed = 投标截止
    .body = 项目 { $no }（{ $name }）已到提交截止时间，等待开标。
notice-documents-to_confirm = { $no } { $name }：采购文件待采购人确认
notice-documents-confirmed = { $no } { $name }：采购人已确认采购文件
notice-documents-returned = { $no } { $name }：采购人退回采购文件修改：{ $comment }
notice-project-terminated = 采购项目终止
    .body = 项目 { $no }（{ $name }）{ $scope ->
        [lot] 部分标项
       *[all] {""}
    }已终止：{ $reason }
notice-project-clarified = 澄清或修改公告
    .body = 项目 { $no }（{ $name }）发布澄清或修改{ $deadline ->
        [none] 。
       *[other] ，截止时间顺延至 { $deadline }。
    }
notice-question-asked = 供应商提问
    .body = 项目 { $no }（{ $name }）收到供应商提问，请在本平台答复（答复以澄清公告发布）。

notice-request-waiting = 申购单待审批
    .body = 申购单 { $no }（{ $title }，{ $amount }）待您办理：{ $step }
notice-request-returned = 申购单被退回，请修改后重新提交
    .body = { $no }：申购单被退回，请修改后重新提交。意见：{ $comment }
notice-request-approved = 申购单已批准
    .body = { $no }：申购单已批准。意见：{ $comment }
notice-request-rejected = 申购单未获批准
    .body = { $no }：申购单未获批准。意见：{ $comment }

notice-reminder-publicity_ends = 单一来源公示今日结束
    .body = 计划 { $plan_no }（{ $name }）的公示今日（{ $ends }）结束，明日起可审批。
notice-reminder-publicity_ended = 公示期满，计划待审批
    .body = 计划 { $plan_no }（{ $name }）的公示已于 { $ends } 结束，请审查异议后审批。
notice-reminder-intention = 请及时公开采购意向
    .body = 申购单 { $no }（{ $title }，{ $amount }）已批准，须在采购开始前至少30日公开采购意向，再编制采购计划。
notice-reminder-calendar_ends = 工作日历即将用尽
    .body = 已公布的工作日历只覆盖到 { $last }，请导入国务院公布的{ $year }年节假日安排，否则跨入{ $year }年的期限将无法计算。
notice-reminder-calendar_missing = 工作日历即将用尽
    .body = 工作日历缺少{ $year }年的数据，平台无法计算期限，请立即导入。

notice-supplier-submitted = 供应商入驻待审核
    .body = { $name }提交了入驻申请，请审核。
notice-supplier-approved = 入驻审核通过
    .body = 贵单位已通过入驻审核，可以获取采购文件并参与投标。
notice-supplier-returned = 入驻申请被退回
    .body = 审核意见：{ $comment }。请修改后重新提交。

notice-welcome = 欢迎使用采购云演示平台
    .body = 这是演示环境，所有数据均为虚构。您的工作台会列出待办事项与最新动态。

# An email carries the notification in every language, Chinese first.
email-subject = [采购平台] { $title }
