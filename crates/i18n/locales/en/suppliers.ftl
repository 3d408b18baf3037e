# Page texts (en): supplier admission (供应商入驻).
# A key `a.b_c` used in code is the message `a-b_c` here.

supplier-register_title = Supplier registration
supplier-register_hint = Register, upload your licences and submit for review; once approved you can obtain documents and bid anywhere on the platform.
supplier-organization = Organization
supplier-name = Registered name
supplier-uscc = Unified social credit code
supplier-region = Region
supplier-account = Account
supplier-display_name = Display name
supplier-register_submit = Register
supplier-legal_rep = Legal representative
supplier-address = Address
supplier-contact = Contact
supplier-phone = Phone
supplier-email = Email
supplier-size = Enterprise size
supplier-disabled_welfare = Welfare unit for the disabled
supplier-prison = Prison enterprise
supplier-scope = Business scope
supplier-review_comment = Reviewer's comment
supplier-qualifications = Qualifications and licences
supplier-valid_until = Valid until
supplier-valid = Valid
supplier-expiring = Expiring
supplier-expired = Expired
supplier-qualification_name = Name
supplier-qualification_no = Number
supplier-file = File
supplier-upload = Upload
supplier-submit_hint = Submit when complete; the profile is locked during review.
supplier-submit = Submit for review
supplier-submitted_at = Submitted
supplier-approve = Approve
supplier-return = Return for changes
supplier-status-draft = Draft
supplier-status-submitted = Awaiting review
supplier-status-returned = Returned
supplier-status-approved = Approved

suppliers-title = Supplier admissions
suppliers-status = Status
suppliers-all = All
suppliers-expiring = Qualifications expired or expiring
supplier-password_rule = The password must be 10 to 128 characters long.
supplier-register_have_account = Already registered?
