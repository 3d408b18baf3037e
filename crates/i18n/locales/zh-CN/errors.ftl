# Errors a user can see, by their stable code: `error.<code>` is the message of the code, and
# `error.<code>.<variant>` a more specific one under the same code.

error-not_found = 未找到{ $what ->
        [announcement] 公告
        [attachment] 附件
        [bid] 投标文件
        [budget_line] 预算指标
        [calendar_year] 工作日历年度
        [demo_user] 演示账号
        [deposit] 投标保证金记录
        [documents] 采购文件
        [file] 文件
        [intention] 采购意向
        [key] 密钥
        [lot] 标项
        [notification] 通知
        [opening_record] 开标记录
        [organization] 单位
        [plan] 采购计划
        [project] 项目
        [publicity] 公示
        [purchase_request] 申购单
        [purchaser] 采购人账号
        [qualification] 资质文件
        [region] 区域
        [supervisor] 监管账号
        [supplier] 供应商
        [template] 文件模板
        [token] API令牌
        [user] 用户
       *[other] 对象
    }

error-file-empty = 文件为空
error-request-bad_transition-not_in_review = 申购单不在审批中
error-demo-no_calendar = 工作日历没有可供演示使用的年份，请先导入国务院公布的节假日安排
error-plan-no_approval = 该计划无需审批
error-plan-already_decided = 该计划已审批
error-plan-comment_required = 请填写审批意见
error-objection-invalid = 请填写异议人名称和异议内容（不超过5000字）
error-backup-use_pg_dump = PostgreSQL 数据库请使用 pg_dump 备份（见 README）
error-catalog-bad_file = 品目文件第1行应为表头 code,name,level,parent
error-catalog-bad_file-catalog_file_has = 品目文件没有任何条目
error-deposit-not_required = 本标项不要求投标保证金
error-deposit-closed = 只能在项目发布后、投标截止前登记投标保证金
error-deposit-closed-deposits_cannot_voided = 投标截止后不能作废投标保证金登记
error-deposit-reference = 请填写银行流水号或保函编号（200字以内）
error-deposit-reason = 请说明作废原因
error-documents-published = 采购文件已发布，不能再修改；如需变更请发布澄清或修改
error-documents-published-project_already_published = 项目已发布
error-documents-published-project_published_lots = 项目已发布，标项不能再修改
error-documents-template_mismatch = 所选模板不适用于本项目的采购方式
error-documents-missing = 请先编制采购文件（模板、评审标准和时间安排）
error-custody-no_key = 已指定开标密钥保管人，请先由保管人生成开标密钥（caigou custodian ceremony）
error-documents-changed = 发布期间采购文件或标项被修改，请核对后重新发布
error-intention-invalid = 请填写项目名称、采购需求概况、预算金额（大于零）和预计采购月份（YYYY-MM）
error-plan-not_a_unit = 只有采购人可以编制采购计划
error-plan-not_open = 原计划已结束或已变更，不能再变更
error-plan-not_open-plan_closed_already = 该计划已结束，不能再取消或标记失败
error-plan-not_open-plan_changed_meanwhile = 该计划状态已变化，请刷新
error-plan-not_open-open_plan_changed = 只有未结束的计划可以变更
error-plan-not_filed = 只有已备案的计划可以标记采购失败
error-plan-not_failed = 只有采购失败的计划可以重新采购
error-project-bad_state = 项目已终止
error-project-bad_state-lot_already_terminated = 该标项已终止
error-project-plan_not_filed = 只有已备案的采购计划可以委托
error-project-emall_not_entrusted = 电子卖场采购由采购单位在电子卖场直接下单，不委托代理机构
error-project-plan_in_project = 该计划已立项，不能再变更委托
error-project-plan_in_project-plan_already_project = 该计划已立项
error-project-bad_runner = 只能委托给采购代理机构或集中采购机构
error-PLAN-CENTRALIZED = 集中采购目录内的项目须委托集中采购机构（政府采购法第7、18条）
error-request-not_applicant = 只有申请人可以修改申购单
error-request-locked = 审批中或已办结的申购单不能修改
error-request-comment_required = 退回或驳回时须填写意见
error-request-changed = 申购单状态已变化，请刷新后再试
error-statutory-note = 请注明修改依据（1至500字）
error-supplier-uscc_taken = 该统一社会信用代码已在平台注册，请联系本单位已注册的用户
error-supplier-qualification_expired = 该资质已过有效期，请上传有效的证照
error-supplier-no_qualification = 请至少上传一份营业执照或资质证明后再提交审核
error-template-invalid = 请填写模板名称、采购方式和至少一个章节
error-log-bad_range = 日志索引超出范围
error-log-bad_range-bad_log_range = 日志范围有误
error-auth-weak_password = 新密码长度应为10到128个字符
error-auth-wrong_password = 当前密码不正确
error-auth-bad_credentials = 用户名或密码错误
error-auth-throttled = 登录失败次数过多，请15分钟后再试
error-token-bad_name = 令牌名称应为1到64个字符
error-token-bad_days = 有效期应为1到365天
error-calendar-too_many_days = 工作日数不能超过1000
error-request-content_type = 请求须为 JSON（Content-Type: application/json）
error-request-content_type-form_sent_application = 表单格式不对（须为 application/x-www-form-urlencoded）
error-request-too_large = 请求内容过大
error-request-unreadable = 无法读取请求内容
error-request-invalid_query = 查询参数有误
error-request-invalid_query-date_out_range = 日期超出范围
error-request-invalid_query-unknown_announcement_type = 公告类型有误
error-request-invalid_query-unknown_status = 状态参数有误
error-request-invalid_query-unknown_region = 地区参数有误
error-request-invalid_query-unknown_method = 采购方式参数有误
error-opening-not_closed = 开标结束后才能比对投标文件
error-file-missing = 请选择要上传的文件（字段 file）
error-file-missing-choose_qualification_s = 请选择资质文件
error-sandbox-invalid = 请给出拨动的分钟数、天数或目标时间（YYYY-MM-DDTHH:MM）
error-supplier-invalid = 企业规模应为大型、中型、小型或微型
error-supplier-invalid-valid_until_date = 有效期应为日期（YYYY-MM-DD）
error-supplier-invalid-choose_region = 请选择所在区域
error-supplier-invalid-valid_until_date2 = 有效期应为日期（YYYY-MM-DD）
error-auth-bad_token = API 令牌无效或已过期
error-csrf-invalid = 表单已过期或来源不明，请刷新页面后重试
error-internal = 系统内部错误，请稍后再试
error-conflict = 记录已存在
error-db-busy = 系统繁忙，本次操作未生效，请稍后重试
error-request-malformed_form = 表单内容无法解析
error-calendar-no_file = 请选择要导入的文件
error-auth-forbidden-custody = 无权查看本项目的开标密钥保管
error-tender-not_obtained = 请先获取本标项的采购文件
error-tender-not_obtained-obtain_documents_from = 请先在公告页面获取采购文件
error-request-invalid_fields = 请选择受托机构
error-rate-limited = 来自您所在地址的请求过于频繁，请稍后再试
error-request-timeout = 请求处理超时，请重试

error-auth-required = 请先登录
error-auth-forbidden = 您无权执行此操作
error-policy-below_statutory = 政策参数 { $field } 超出法定底线（应 { $limit }，依据{ $source }）
error-policy-incomplete = { $date } 无生效的政策参数：根区域未设置 { $field }
error-policy-invalid = 政策参数 { $field } 无效：{ $reason ->
        [positive] 必须大于零
        [limit_above_threshold] 分散采购限额不能高于公开招标数额标准
        [rate_range] 比例必须在0%到100%之间
        [days_range] 天数应在1到365之间
       *[other] 不符合规则
    }
error-calendar-no_data = 工作日历缺少{ $year }年的数据（国务院尚未公布或未导入），无法计算期限
error-calendar-no_data-out_of_range = 期限超出工作日历覆盖的年份
error-calendar-bad_file = 日历文件格式错误：{ $detail }
error-name-empty = 名称不能为空
error-name-too_long = 名称过长：最多 { $max } 个字符
error-name-too_short = 用户名至少 { $min } 个字符
error-name-hidden_characters = 名称含有不可见字符或文字方向控制字符
error-username-characters = 用户名只能包含英文字母、数字和 . _ -
error-catalog-bad_code = “{ $value }”不是有效的品目编码（A/B/C 加8位数字，如 A02010105）
error-money-invalid = “{ $value }”不是有效的金额（元，最多两位小数）
error-money-overflow = 金额超出范围
error-uscc-invalid-length = 统一社会信用代码应为18位，实际为{ $n }位（GB 32100-2015）
error-uscc-invalid-character = 第{ $position }位字符“{ $ch }”不允许（不使用I、O、S、V、Z）
error-uscc-invalid-division = 第3至8位应为6位行政区划码
error-uscc-invalid-check = 校验码错误：应为“{ $expected }”，实为“{ $got }”（GB 32100-2015）
error-chain-invalid = 审批流程应有1到10个环节
error-chain-invalid-role = 第{ $step }个环节：只能由采购人审核或审批岗位办理
error-chain-invalid-name = 第{ $step }个环节：须填写中英文名称
error-request-bad_transition = 申购单当前状态为“{ $state ->
        [draft] 草稿
        [in_review] 审批中
        [returned] 已退回
        [approved] 已批准
       *[rejected] 已驳回
    }”，不能执行此操作
error-documents-unknown_variable = 模板变量 {"{{"}{ $name }{"}}"} 不存在
error-documents-fixed_section = 章节“{ $section }”由项目数据生成，不能修改
error-request-too_long = 字段 { $field } 过长：最多 { $max } 个字符
error-request-too_many = 字段 { $field } 条目过多：最多 { $max } 项
error-supplier-bad_state = 供应商当前状态为“{ $state }”，不能执行此操作

error-bid-not_encrypted = 投标文件未加密：平台只接受在本地加密的投标文件（电子招标投标办法第27条）
error-bid-bad_signature = 投标文件签名验证失败
error-bid-hash_mismatch = 投标文件摘要与密文不符
error-bid-bad_key = 公钥格式错误（应为P-256公钥）
error-tender-supplier_not_approved = 贵单位尚未通过入驻审核
error-bid-key_exists = 该公钥已登记
error-tender-not_obtained-suppliers_who_obtained = 只有获取了本标项采购文件的供应商可以投标
error-tender-lot_terminated = 该标项已终止
error-bid-unknown_key = 签名所用密钥未在平台登记
error-bid-key_revoked = 签名所用密钥已吊销或过期
error-bid-opening_key_missing = 本项目设有开标密钥保管人：投标文件的密钥须同时加密给开标公钥（GET /api/v1/lots/{"{"}id{"}"}/opening-key）
error-bid-none = 没有可撤回的投标
error-bid-bad_key-p_256_sm2 = 公钥格式错误（应为P-256或SM2公钥）
error-bid-bad_key-p_256_sm22 = 公钥格式错误
error-custody-locked = 开标密钥已生成或项目已发布，保管人不能再变更
error-custody-threshold = 门限应至少为2且不超过保管人人数（最多9人）
error-custody-not_custodian = 只有本项目的保管人可以生成开标密钥
error-custody-locked-opening_key_exists = 开标密钥已生成或项目已发布
error-custody-shares = 每位保管人须有一份以其公钥加密的份额
error-bid-bad_key-p_256_public = 开标公钥格式错误
error-custody-opening_key_suite = 开标公钥须为P-256密钥（浏览器投标只能使用P-256加密）
error-custody-locked-opening_key_exists2 = 开标密钥已生成、项目已发布或保管人门限已变更，请刷新后重试
error-custody-not_custodian-you_hold_no = 您不是本项目的保管人或份额尚未生成
error-custody-bad_share = 份额格式错误（base64）
error-custody-not_now = 只有在解密时间结束后的补救阶段才能提交份额
error-custody-not_custodian-you_custodian_project = 您不是本项目的保管人
error-bid-none-you_have_no = 本标项没有有效投标
error-opening-not_started = 尚未开标
error-opening-already_opened = 投标文件已解密
error-opening-bad_key = 解密密钥格式错误（应为32字节，base64）
error-opening-platform_failure = 平台保存的投标文件密文已损坏，无法解密；依电子招标投标办法第31条视为撤回投标，已记录原因
error-opening-decrypt_failed = 解密失败：密钥与投标文件不符或文件已被篡改，请使用投标时的密钥重试
error-opening-not_bidder = 只有本标项的投标人可以提出开标异议
error-opening-invalid = 请写明异议内容
error-plan-invalid = 计划至少需要一个品目
error-plan-invalid-give_plan_name = 请填写计划名称
error-plan-invalid-every_item_needs = 每个品目的数量和预算金额都须大于零
error-project-invalid = 请填写项目名称
error-project-invalid-choose_at_least = 请选择至少一个采购计划
error-project-invalid-e_mall_framework = 电子卖场和框架协议采购不在此立项
error-project-invalid-plans_combined_one = 合并立项的计划须采用同一采购方式、属于同一品目类别
error-request-invalid = 附件最多10个
error-request-invalid-give_what_requested = 请填写申购内容和申购理由
error-request-invalid-quantity_estimated_amount = 数量和估算金额须大于零
error-supplier-invalid-give_legal_representative = 请填写法定代表人、地址、联系人、联系电话和电子邮箱
error-supplier-invalid-email_address_valid = 电子邮箱格式不正确
error-supplier-invalid-give_supplier_s = 请填写供应商名称
error-supplier-invalid-give_qualification_s = 请填写资质名称
error-supplier-invalid-say_what_needs = 退回时请写明需要修改的内容
error-tender-supplier_not_approved-organization_s_admission = 贵单位尚未通过入驻审核，不能获取采购文件
error-tender-not_obtained-suppliers_who_obtained2 = 只有已获取采购文件的供应商可以提出问题
error-tender-invalid = 请写明问题
error-tender-closed = 项目已截止或终止，不能再提问
error-tender-closed-published_projects_before = 只有已发布且未截止的项目可以澄清或修改
error-tender-invalid-write_clarification = 请写明澄清或修改的内容
error-org-name_taken = 已有名称相同或极为相似的供应商在平台注册
error-user-username_taken = 该用户名已被使用，或与已有用户名极为相似
error-budget-invalid_line = 没有预算指标
error-plan-invalid_fields = 采购计划有字段需要修改
error-request-invalid_fields-choose_agency = 请选择受托机构
error-request-invalid_fields-evaluation_method_lowest = 评审方法应为 lowest_price 或 comprehensive
error-request-invalid_fields-documents_until_yyyy = 文件提供截止日期应为 YYYY-MM-DD
error-request-invalid_fields-deadline_yyyy_mm = 截止时间应为 YYYY-MM-DDTHH:MM（北京时间）

error-plan-publicity_running = 单一来源公示至 { $ends } 结束，公示期满前不能批准（实施条例第38条）
error-publicity-closed = 公示已于 { $ends } 结束，不再受理异议
error-backup-target_exists = 目标文件已存在：{ $target }
error-bid-suite = 不支持的密码套件 { $s }
error-bid-malformed = 投标文件格式错误：{ $other }
error-tender-deadline_passed = 投标截止时间 { $deadline } 已过（服务器时间 { $server_time }，{ $now } 毫秒），不再接受投标、修改或撤回
error-budget-duplicate_code = 第{ $i }条：{ $fiscal_year }年度已有编码为 { $code } 的预算指标
error-budget-duplicate_code-file_year_s = 文件中{ $year }年度编码 { $code } 出现了不止一次
error-budget-duplicate_code-line_seq_year = 第{ $seq }条：{ $year }年度已有编码为 { $code } 的预算指标
error-catalog-bad_file-catalog_file_line = 品目文件第{ $line }行有误：{ $msg }
error-sandbox-clock_backwards = 沙箱时钟只能向前拨动（当前平台时间 { $now }）
error-csv-encoding = 文件编码无法识别：请保存为 UTF-8 或 GBK（Excel“CSV（逗号分隔）”）编码的 CSV
error-csv-bad_line = 第{ $line }行不是有效的 CSV：{ $e }
error-csv-too_many_rows = 文件超过{ $max_rows }行，请分多个文件导入
error-custody-not_concerned = { $display_name } 与本项目无关，不能担任保管人
error-custody-no_key-display_name_no = { $display_name } 尚未登记保管密钥
error-deposit-unknown_supplier = 没有统一社会信用代码为 { $payer } 的入驻供应商
error-deposit-exists = { $name } 在本标项的投标保证金已登记
error-bid-deposit_missing = 本标项要求投标保证金 { $required }，尚未登记到账：请按采购文件以非现金形式缴纳，由采购代理机构登记后再投标（政府采购法实施条例第33条）
error-documents-no_font = 服务器缺少中文字体，无法生成PDF：{ $e }
error-opening-closed = 解密时间已于 { $until } 结束
error-plan-request_not_approved = 申购单 { $no } 尚未批准，不能编入计划
error-plan-request_linked = 申购单 { $no } 已编入其他计划
error-project-plan_not_filed-plan_plan_no = 计划 { $plan_no } 未备案
error-policy-version_exists = 该区域已有 { $effective_from } 生效的版本；请选择其他生效日期
error-supplier-locked = 资料当前为“{ $state }”状态，不能修改
error-tender-window_closed = 采购文件获取期限已于 { $closed_at } 届满（当前平台时间 { $server_time }）
error-request-invalid_fields-invalid_fields_text = 请求字段有误：{ $text }
error-request-malformed_json = JSON 格式错误：{ $body_text }
error-request-invalid_query-invalid_query_parameters = 查询参数有误：{ $body_text }
error-request-invalid_query-field_date_yyyy = { $field } 应为日期 YYYY-MM-DD
error-request-bad_date = 日期格式应为 YYYY-MM-DD：{ $s }
error-request-invalid_fields-invalid_form_fields = 表单字段有误：{ $e }
error-request-invalid_fields-points_name_number = “{ $name }”的分值应为数字
error-budget-bad_file-header = 第1行应为表头 fiscal_year,code,name,funding_source,amount
error-budget-bad_file-columns = 第{ $n }行应有5列，实有{ $got }列
error-budget-bad_file-year = 第{ $n }行：年度“{ $value }”无效
error-budget-bad_file-required = 第{ $n }行：编码、名称和资金来源不能为空
error-budget-bad_file-amount = 第{ $n }行：金额“{ $value }”应为正数（元，最多两位小数）
error-budget-bad_file-empty = 文件中没有预算指标
error-budget-bad_file-rows = 文件有{ $count }行错误，未导入任何数据：{ $rows }
error-experts-bad_file = 专家导入文件有误
error-experts-bad_file-rows = 文件有{ $count }行错误，未导入任何专家：{ $rows }
error-experts-bad_file-header = 第1行须为列名：{ $header }
error-experts-bad_file-columns = 第{ $n }行有{ $got }列，应为{ $want }列
error-experts-bad_file-required = 第{ $n }行缺少姓名、手机、工作单位、职称或地区代码
error-experts-bad_file-id_card = 第{ $n }行的身份证号码“{ $value }”无效（18位，末位校验码）
error-experts-bad_file-twice = 第{ $n }行的身份证号码与第{ $first }行重复
error-experts-bad_file-uscc = 第{ $n }行的统一社会信用代码“{ $value }”无效
error-experts-bad_file-date = 第{ $n }行的入职日期“{ $value }”须为YYYY-MM-DD
error-experts-bad_file-specialty = 第{ $n }行的专业“{ $value }”须为“品目代码:高级”或“品目代码:中级”，多个以分号分隔
error-experts-bad_file-region = 第{ $n }行的地区代码“{ $value }”不存在或不在您管理的范围内
error-experts-bad_file-in_pool = 第{ $n }行的专家（身份证 { $value }）已在专家库中
error-experts-bad_file-empty = 文件中没有专家
error-project-invalid-termination_reason = 请写明终止的原因
error-project-invalid-lot = 第{ $n }个标项须有名称，并至少有一个数量大于零的品目
error-budget-invalid_line-n = 第{ $n }条预算指标不完整或金额不大于零
error-plan-invalid_fields-method = 未知的采购方式“{ $value }”
error-plan-invalid_fields-ground = 未知的单一来源情形“{ $value }”
error-request-invalid_fields-sme = 中小企业政策应为 none、reserved 或 price_deduction
error-request-invalid_fields-criterion_kind = 评审因素类型应为 price、technical 或 commercial
error-request-invalid_fields-points = 分值应在0到100之间，最多两位小数

# Form fields of pages (the API names the same problems by field).
error-form-field = { $field }：{ $problem }
error-form-all_three = 货物、工程、服务三项须同时填写或同时留空
error-form-rate = 扣除比例“{ $value }”应为0到100之间的百分数
error-form-both_rates = 中小企业扣除比例两项须同时填写
error-form-lead_days = 采购意向提前天数“{ $value }”应为整数
error-form-effective_date = 生效日期格式应为 YYYY-MM-DD
error-form-note = 请填写说明（依据的文件或原因）
error-form-row_amount = 第{ $n }行预算：{ $problem }
error-form-row_quantity = 第{ $n }行数量应为整数
error-budget-invalid_line-form = 请完整填写年度、编码、名称、资金来源和金额（元，大于零）
error-form-quantity = 数量应为整数
error-form-step_role = 请为每个环节选择办理岗位
error-documents-awaiting_purchaser = 采购人尚未确认当前的采购文件：{ $units }。请等待确认后再发布
error-request-invalid_fields-decision = 决定只能是 confirmed（确认）或 returned（退回修改）
error-confirmation-invalid = 确认意见不完整
error-confirmation-invalid-reason_required = 退回修改时请写明原因
error-confirmation-stale = 采购文件已被修改或已发布，请刷新后按最新文件确认
error-confirmation-not_required = 本单位未设置采购文件确认
error-documents-not_confirmed = 请先勾选确认，再发布
