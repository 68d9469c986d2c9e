### Accounts that reach people: e-mail, invitations, forgotten passwords, the outbox

## E-mail (written in the recipient's language)
mail-greeting = Xin chào { $name },
mail-invitation-subject = Quyền truy cập của bạn vào Standort
mail-invitation-body = Bạn đã được mời tham gia Standort. Hãy đặt mật khẩu qua liên kết dưới đây; sau đó bạn sẽ được đăng nhập.
mail-invitation-body-candidate = Bạn đã được mời vào cổng thông tin ứng viên của mình tại Standort. Tại đó bạn xem thông tin của mình, tải lên các giấy tờ được yêu cầu và quản lý các sự đồng ý. Hãy đặt mật khẩu qua liên kết dưới đây.
mail-invitation-action = Đặt mật khẩu
mail-invitation-ignore = Nếu bạn không mong đợi lời mời này, bạn có thể bỏ qua thư này.
mail-link-expires = Liên kết có hiệu lực đến { $expires } và chỉ dùng được một lần.
mail-reset-subject = Mật khẩu mới cho Standort
mail-reset-body = Có yêu cầu đặt mật khẩu mới cho tài khoản của bạn.
mail-reset-action = Đặt mật khẩu mới
mail-reset-ignore = Nếu không phải bạn yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn không thay đổi.
mail-footer = Standort – thư này được gửi tự động.

## Accepting an invitation
invitation-title = Nhận lời mời
invitation-intro = Chào mừng { $name }! Hãy đặt mật khẩu để mở tài khoản của bạn.
invitation-email = Địa chỉ e-mail để đăng nhập
invitation-email-hint = Bạn sẽ đăng nhập bằng địa chỉ này.
invitation-password = Mật khẩu mới
invitation-expires = Lời mời có hiệu lực đến { $expires }.
invitation-submit = Mở tài khoản

## Forgotten password
login-forgot = Quên mật khẩu?
forgot-title = Quên mật khẩu
forgot-intro = Nhập địa chỉ e-mail của tài khoản. Chúng tôi sẽ gửi cho bạn một liên kết để đặt mật khẩu mới.
forgot-submit = Gửi liên kết
forgot-sent = Nếu có tài khoản với địa chỉ này, một liên kết đang được gửi đến. Liên kết có hiệu lực một giờ.
forgot-throttled = Quá nhiều yêu cầu. Vui lòng thử lại sau { $minutes } phút.
reset-title = Đặt mật khẩu mới
reset-intro = Đặt mật khẩu mới của bạn. Sau đó mọi phiên đăng nhập và khóa API của bạn sẽ kết thúc.
reset-submit = Lưu mật khẩu
password-reset-ok = Mật khẩu của bạn đã được thay đổi. Hãy đăng nhập bằng mật khẩu mới.

## Invitations made by staff and administrators
invited-title = Đã tạo lời mời
invited-link = Liên kết mời
invited-link-hint = Liên kết có hiệu lực đến { $expires } và chỉ dùng được một lần. Bạn cũng có thể trao tận tay.
invited-mail-queued = Lời mời đang được gửi qua e-mail đến { $to }.
invited-mail-held = Chưa cấu hình máy chủ e-mail: thư gửi { $to } vẫn nằm trong hộp thư đi, chưa gửi. Hãy trao liên kết tận tay.
invited-no-email = Không có địa chỉ e-mail: hãy trao liên kết tận tay.
invited-revoked = Các liên kết mời trước đây của người này không còn hiệu lực.
invited-back = Quay lại
portal-access = Quyền truy cập cổng thông tin
portal-access-has-login = Người này đã có tài khoản đăng nhập riêng.
portal-access-none = Người này chưa có quyền truy cập cổng thông tin.
portal-access-invited = Được mời ngày { $created }, hiệu lực đến { $expires }.
portal-access-used = Lời mời đã được nhận ngày { $used }.
portal-invite-email = Địa chỉ e-mail nhận lời mời
portal-invite-email-hint = Để trống nếu không biết địa chỉ: khi đó liên kết chỉ được hiển thị.
portal-invite-language = Ngôn ngữ của lời mời
portal-invite-submit = Mời vào cổng thông tin
portal-invite-again = Gửi liên kết mới (liên kết hiện tại hết hiệu lực)
user-invite-title = Mở tài khoản bằng lời mời
user-invite-hint = Người được mời tự đặt mật khẩu qua liên kết.
user-invite-email-hint = Để trống nếu không biết địa chỉ: người được mời sẽ chọn khi nhận lời mời.
user-invite-submit = Mời
user-edit = Sửa
user-edit-title = Sửa tài khoản
user-edit-submit = Lưu thay đổi

## Outbox (administrators)
nav-mail = Hộp thư đi
mail-title = Hộp thư đi
mail-smtp = E-mail được gửi qua { $server }.
mail-smtp-none = Chưa cấu hình máy chủ e-mail (--smtp-url): thư không được gửi và cho biết lẽ ra sẽ được gửi đến đâu.
mail-count = { $count } thư
mail-state = Trạng thái
mail-all = tất cả
mail-filter = Hiển thị
mail-state-pending = đang chờ
mail-state-sent = đã gửi
mail-state-failed = thất bại
mail-state-not_sent = chưa gửi
mail-kind = Loại
mail-kind-invitation = Lời mời
mail-kind-password_reset = Liên kết mật khẩu
mail-kind-digest = Bản tổng hợp hằng ngày
mail-kind-notification-track_due = Thông báo: bước sắp đến hạn
mail-kind-notification-track_overdue = Thông báo: bước quá hạn
mail-kind-notification-document_request = Thông báo: yêu cầu giấy tờ
mail-kind-notification-erasure_request = Thông báo: yêu cầu xóa dữ liệu
mail-kind-notification-introduction_requested = Thông báo: yêu cầu giới thiệu ứng viên
mail-kind-notification-introduction_answered = Thông báo: trả lời yêu cầu giới thiệu của bạn
mail-kind-notification-network_follow_up_due = Thông báo: bước tiếp theo sau khi tiếp cận
mail-kind-notification-agreement_obligation_due = Thông báo: nghĩa vụ theo thỏa thuận
mail-kind-notification-agreement_term_ending = Thông báo: thỏa thuận sắp hết hạn
mail-kind-notification-stock_low = Thông báo: tồn kho thấp
mail-kind-notification-lot_expiring = Thông báo: lô sắp hết hạn
mail-kind-notification-round_deadline = Thông báo: hạn chót của đơn hàng chung
mail-to = Đến
mail-account = Tài khoản
mail-created = Ngày tạo
mail-attempts = Số lần thử
mail-error = Lỗi gần nhất
mail-empty = Không có thư.
card-mail-failed = E-mail gửi thất bại
card-mail-failed-hint = Thư không gửi được sau mọi lần thử.

conflict-candidate-has-login = Người này đã có tài khoản đăng nhập.
conflict-cannot-change-own-role = Bạn không thể thay đổi vai trò của chính mình.
validation-wrong-password = Mật khẩu không đúng.
validation-unknown-state = Trạng thái không xác định.

## Help (`/help`): one paragraph per line
help-accounts-title = Gửi e-mail
help-accounts-text =
    Standort soạn thư bằng ngôn ngữ của người nhận, đưa vào hộp thư đi và gửi qua máy chủ SMTP đã cấu hình. Nếu chưa có máy chủ, thư vẫn hiển thị là „chưa gửi“ kèm địa chỉ.
    Thư gửi thất bại được thử lại với khoảng cách tăng dần, sau đó được hiển thị là thất bại để bạn xử lý tiếp.
