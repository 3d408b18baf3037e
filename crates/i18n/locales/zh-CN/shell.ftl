# Page texts (zh-CN): the frame of every page: navigation, sign-in, account, workbench, inbox, flash notices.
# A key `a.b_c` used in code is the message `a-b_c` here.

app-name = 采购云 · 政府采购电子化平台
app-short = 采购云

nav-home = 首页
nav-workbench = 工作台
nav-inbox = 消息
nav-account = 账户
nav-login = 登录
nav-logout = 退出
nav-catalog = 品目目录
nav-regions = 区域与政策
nav-calendar = 工作日历
nav-audit = 审计日志
nav-api = API 文档
nav-lang_switch = English
nav-menu = 菜单
nav-register = 供应商注册

login-title = 登录
login-username = 用户名
login-password = 密码
login-submit = 登录
login-demo_hint = 演示账号密码均为 caigou-demo

wb-title = 工作台
wb-greeting = 您好
wb-todo = 待办事项
wb-todo_empty = 暂无待办事项
wb-recent = 最近动态
wb-recent_empty = 暂无动态
wb-notifications = 最新消息
wb-shortcuts = 常用功能
wb-org = 单位
wb-roles = 角色
wb-todo-calendar_missing = 工作日历即将用尽，请导入下一年度安排
wb-todo-calendar_ends = · 最后覆盖日
wb-todo-unread = 条未读消息
wb-todo-no_policy = 区域尚未设置政策参数

inbox-title = 消息中心
inbox-empty = 没有消息
inbox-mark_read = 标为已读

account-title = 账户设置
account-token_created_at = 创建于
account-token_expires = 到期
account-token_revoke = 吊销
account-token_revoked = 令牌已吊销，立即失效
account-change_password = 修改密码
account-current_password = 当前密码
account-new_password = 新密码（至少10个字符）
account-save = 保存
account-password_changed = 密码已修改，其他设备上的登录已退出
account-tokens = API 令牌
account-token_name = 令牌名称
account-token_create = 生成令牌
account-token_created = 新令牌（只显示一次，请妥善保存）

errpage-title = 出错了
errpage-not_found = 页面不存在
errpage-forbidden = 您无权访问此页面
errpage-back_home = 返回首页
errpage-reference = 参考编号

common-submit = 提交
common-view = 查看
common-none = 无

footer-text = 开源政府采购电子化平台 · 数据均可验证

nav-budget = 预算指标
nav-plans = 采购计划
nav-intentions = 采购意向
nav-approvals = 计划审批

wb-todo-publicity = 个计划正在公示或待审批

nav-requests = 申购


nav-chain = 审批流程

common-save = 保存

nav-projects = 采购项目
nav-supplier = 供应商信息
nav-suppliers = 供应商审核
nav-experts = 专家库
nav-templates = 文件范本

notice-saved = 已保存
notice-submitted = 已提交审核
notice-approved = 已审核通过
notice-returned = 已退回
notice-entrusted = 已委托，受托机构将收到通知
notice-published = 已发布，公告已在门户公开
notice-clarified = 澄清公告已发布，已通知获取文件的供应商
notice-clarified_extended = 澄清公告已发布，截止时间已依法顺延
notice-terminated = 终止公告已发布
notice-bid_withdrawn = 投标已撤回
notice-asked = 问题已提交，答复将以澄清公告发布
notice-obtained = 已获取采购文件
notice-clock_moved = 平台时间已调整。
notice-clock_fired = 到期的定时事项已触发 { $n } 个；登录状态不受影响。

sandbox-title = 沙箱时钟
sandbox-banner = 培训/沙箱平台，数据不具法律效力
sandbox-now = 平台时间
sandbox-demo_clock = 演示时钟：已公布的工作日历不足以覆盖演示的期限，演示自此日起
sandbox-days = 前进天数
sandbox-minutes = 前进分钟
sandbox-to = 或拨至（北京时间）
sandbox-advance = 拨动时钟
sandbox-pending = 待触发的定时事项

wb-todo-suppliers_expiring = 个已入驻供应商的资质已过期或即将到期

nav-transparency = 透明日志

log-title = 透明日志
log-hint = 每一份被受理的投标和每一条审计记录都写入只增不改的默克尔树（RFC 6962），树头由平台日志密钥签名并在此公布。持有回执的投标人可随时用 caigou receipt verify --log 验证日志未被改写。
log-origin = 日志标识
log-size = 条目数
log-root = 根哈希
log-key = 日志公钥
log-checkpoints = 已公布的树头

list-separator = ；
login-reason = 请先登录。登录后回到您刚才要打开的页面。
login-registered = 注册成功，下一步：
login-registered_step1 = 用刚才设置的用户名和密码在下方登录；
login-registered_step2 = 在“供应商信息”上传营业执照等资质并提交入驻审核；
login-registered_step3 = 审核通过后，即可在全平台获取采购文件、参与投标。
login-no_account = 还没有账号？
login-register_link = 供应商注册入驻
login-staff_accounts = 采购单位、代理机构、监管部门和评审专家的账号由本级管理员开通。
wb-admission-title = 供应商入驻
wb-admission-profile = 完善企业资料（法定代表人、地址、联系人及电话）
wb-admission-qualifications = 上传营业执照等资质证照
wb-admission-submit = 提交入驻审核
wb-admission-review = 等待所在地区财政部门审核
wb-admission-now = 当前步骤
wb-admission-returned = 审核退回，原因：
wb-admission-submitted_at = 提交时间
wb-admission-go = 去完成入驻
wb-admission-why = 入驻审核通过后，即可在全平台获取采购文件、参与投标，无需在各地重复注册。
# Punctuation between a label and its value, in the reader's writing.
p-colon = ：
p-open = （
p-close = ）
wb-todo-approval = 待审批的采购计划
wb-todo-request = 待您审批的申购单
wb-todo-returned_one = 被退回待修改的申购单
wb-todo-supplier = 待审核的入驻申请
wb-todo-entrusted_one = 委托待立项的计划
wb-todo-failure_notice = 流标，待发布废标公告
wb-todo-confirm_documents = 采购文件待本单位确认
wb-todo-project_draft = 采购文件编制中的项目
wb-todo-more = 还有
