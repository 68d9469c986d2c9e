### Administration: user accounts, roles, the audit log

nav-users = Người dùng
nav-audit = Nhật ký

card-users = Tài khoản người dùng
card-users-hint = Tạo tài khoản cho nhân viên, doanh nghiệp và đối tác.
card-audit = Nhật ký
card-audit-hint = Ai đã đọc hoặc thay đổi gì, vào lúc nào – không thể sửa đổi.

role-administrator = Quản trị viên
role-agency_staff = Nhân viên xúc tiến kinh tế
role-employer = Doanh nghiệp
role-job_counsellor = Tư vấn việc làm
role-clinic_buyer = Mua sắm bệnh viện
role-planner = Quy hoạch
role-candidate = Ứng viên
role-producer = Nhà sản xuất
role-partner_agency = Cơ quan đối tác

users-title = Người dùng
users-filter = Lọc tài khoản
users-search = Tên hoặc e-mail chứa
users-filter-role = Lọc theo vai trò
users-filter-org = Lọc theo tổ chức
users-filter-status = Lọc theo trạng thái
users-empty = Không có tài khoản nào cho lựa chọn này.
users-count = { $count } tài khoản
user-name = Họ tên
user-email = Địa chỉ email
user-role = Vai trò
user-organisation = Tổ chức
user-language = Ngôn ngữ của tài khoản
invite-language = Ngôn ngữ của lời mời và tài khoản
user-status = Trạng thái
user-active = đang hoạt động
user-disabled = đã khóa
user-password = Mật khẩu ban đầu
user-password-hint = Ít nhất 10 ký tự.
user-new-title = Tài khoản mới
user-create = Tạo tài khoản
user-created-ok = Đã tạo tài khoản.
user-disable = Khóa
user-enable = Mở khóa
user-reset = Đặt lại mật khẩu
user-reset-done = Mật khẩu mới cho { $email }: { $password } – hãy chuyển giao an toàn; mật khẩu chỉ hiển thị một lần.
user-updated-ok = Đã thay đổi tài khoản.
user-actions = Thao tác

audit-title = Nhật ký
audit-intro = Mọi thay đổi và mọi lần người khác đọc dữ liệu cá nhân đều được ghi lại ở đây. Không thể sửa hoặc xóa các mục.
audit-when = Thời điểm
audit-who = Ai
audit-action = Thao tác
audit-entity = Bản ghi
audit-change = Thay đổi
audit-filter = Lọc
audit-filter-action = Thao tác
audit-filter-entity = Loại bản ghi
audit-filter-from = Từ ngày
audit-filter-to = Đến ngày
audit-empty = Không có mục nào cho lựa chọn này.

## Help (`/help`): one paragraph per line
help-admin-title = Người dùng và nhật ký
help-admin-text =
    Quản trị viên mời người dùng, sửa tên, địa chỉ e-mail, vai trò và tổ chức, và khóa tài khoản. Lời mời là một liên kết dùng một lần và có hạn; nếu không có địa chỉ e-mail, có thể trao tận tay.
    Nhật ký ghi lại ai đã đọc và thay đổi dữ liệu nào, vào lúc nào. Nhật ký chỉ có thể thêm vào; mỗi mục được nối với mục trước, nên mọi sửa đổi về sau đều bị phát hiện.
