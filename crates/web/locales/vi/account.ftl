### The user's own account: personal access tokens (API)

nav-account = Tài khoản của tôi

card-tokens = Truy cập API
card-tokens-hint = Khóa truy cập cá nhân cho script và các chương trình khác.

account-title = Tài khoản của tôi
account-tokens = Khóa truy cập cá nhân (API)
account-tokens-intro = Khóa hoạt động với quyền của bạn. Gửi khóa dưới dạng "Authorization: Bearer …" đến /api/v1.
account-token-name = Tên
account-token-create = Tạo khóa
account-token-created = Khóa mới của bạn (chỉ hiển thị lần này): { $secret }
account-token-revoke = Thu hồi
account-token-revoked = đã thu hồi
account-tokens-empty = Bạn chưa có khóa nào.
account-token-revoked-ok = Đã thu hồi khóa.
