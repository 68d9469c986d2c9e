### The user's own account: personal access tokens (API)

nav-account = Tài khoản của tôi

card-tokens = Truy cập API
card-tokens-hint = Khóa truy cập cá nhân cho script và các chương trình khác.

account-title = Tài khoản của tôi
account-tokens = Khóa truy cập cá nhân (API)
account-tokens-intro = Khóa hoạt động với quyền của bạn. Gửi khóa dưới dạng "Authorization: Bearer …" đến /api/v1.
account-token-name = Tên mã truy cập
account-token-create = Tạo khóa
account-token-created = Khóa mới của bạn (chỉ hiển thị lần này): { $secret }
account-token-revoke = Thu hồi
account-token-revoked = đã thu hồi
account-tokens-empty = Bạn chưa có khóa nào.
account-token-revoked-ok = Đã thu hồi khóa.

account-profile = Tên và ngôn ngữ
account-name = Họ và tên
account-language = Ngôn ngữ
account-profile-save = Lưu
account-profile-ok = Thông tin của bạn đã được lưu.
account-password = Đổi mật khẩu
account-current-password = Mật khẩu hiện tại
account-new-password = Mật khẩu mới
account-end-others = Kết thúc mọi phiên đăng nhập khác và khóa API
account-password-submit = Đổi mật khẩu
account-password-ok = Mật khẩu của bạn đã được thay đổi.

account-notifications = Thông báo qua e-mail
account-notifications-link = Chọn nhận ngay, trong bản tổng hợp hằng ngày hoặc chỉ trong Standort

## Help (`/help`): one paragraph per line
help-account-title = Tài khoản của tôi
help-account-text =
    Trong „Tài khoản của tôi“, bạn đổi tên, ngôn ngữ và mật khẩu (cần mật khẩu hiện tại) và có thể kết thúc mọi phiên đăng nhập khác.
    Với các chương trình dùng giao diện lập trình, bạn tạo mã truy cập; mỗi mã chỉ hiện một lần và có thể thu hồi bất cứ lúc nào. Quên mật khẩu? Trang đăng nhập sẽ gửi cho bạn một liên kết.
    Chuông ở trên cùng hiển thị các thông báo chưa đọc, ví dụ các bước sắp đến hạn và quá hạn. Trong „Tài khoản của tôi“, bạn chọn cho từng loại: nhận ngay qua e-mail, nhận tổng hợp mỗi ngày một lần hoặc chỉ xem trong Standort, và tạo một địa chỉ lịch bí mật chứa các thời hạn của bạn cho ứng dụng lịch (có thể thu hồi bất cứ lúc nào).
