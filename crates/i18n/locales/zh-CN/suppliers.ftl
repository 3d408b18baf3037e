# Page texts (zh-CN): supplier admission (供应商入驻).
# A key `a.b_c` used in code is the message `a-b_c` here.

supplier-register_title = 供应商注册入驻
supplier-register_hint = 注册后上传营业执照等资质并提交审核；审核通过即可在全平台获取采购文件、参与投标，无需重复注册。
supplier-organization = 单位信息
supplier-name = 供应商名称
supplier-uscc = 统一社会信用代码
supplier-region = 注册所在区域
supplier-account = 登录账号
supplier-display_name = 联系人姓名（显示名）
supplier-register_submit = 注册
supplier-legal_rep = 法定代表人
supplier-address = 地址
supplier-contact = 联系人
supplier-phone = 联系电话
supplier-email = 电子邮箱
supplier-size = 企业规模
supplier-disabled_welfare = 残疾人福利性单位
supplier-prison = 监狱企业
supplier-scope = 经营范围
supplier-review_comment = 审核意见
supplier-qualifications = 资质证照
supplier-valid_until = 有效期至
supplier-valid = 有效
supplier-expiring = 即将到期
supplier-expired = 已过期
supplier-qualification_name = 资质名称
supplier-qualification_no = 证书编号
supplier-file = 文件
supplier-upload = 上传
supplier-submit_hint = 资料齐全后提交审核。审核期间不能修改。
supplier-submit = 提交审核
supplier-submitted_at = 提交于
supplier-approve = 审核通过
supplier-return = 退回修改
supplier-status-draft = 待提交
supplier-status-submitted = 待审核
supplier-status-returned = 已退回
supplier-status-approved = 已入驻

suppliers-title = 供应商入驻审核
suppliers-status = 状态
suppliers-all = 全部
suppliers-expiring = 资质已过期或即将到期
supplier-password_rule = 密码长度10到128个字符。
supplier-register_have_account = 已有账号？
