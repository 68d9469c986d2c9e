### Notifications: the bell, the list, each person's delivery per kind, and the letters

notifications-bell = Thông báo ({ $count } chưa đọc)
notifications-title = Thông báo
notifications-count = { $count } thông báo
notifications-empty = Không có thông báo.
notifications-filter = Lọc thông báo
notifications-kind = Loại
notifications-kind-all = Tất cả các loại
notifications-show = Hiển thị
notifications-show-all = Đã đọc và chưa đọc
notifications-show-unread = Chỉ chưa đọc
notifications-read-all = Đánh dấu tất cả là đã đọc
notifications-mark-read = Đánh dấu là đã đọc
notifications-unread = Chưa đọc
notifications-read = Đã đọc
notifications-col-created = Nhận lúc
notifications-col-text = Nội dung
notifications-col-state = Trạng thái
notifications-read-ok = Thông báo đã được đánh dấu là đã đọc.
notifications-read-all-ok = Tất cả thông báo đã được đánh dấu là đã đọc.
notifications-preferences-link = Bạn muốn nhận thông báo như thế nào?

notification-kind-track_due = Các bước sắp đến hạn
notification-kind-track_overdue = Các bước quá hạn
notification-kind-document_request = Giấy tờ được yêu cầu
notification-kind-erasure_request = Yêu cầu xóa dữ liệu
notification-text-track_due = { $step } – đến hạn ngày { $date }
notification-text-track_overdue = Quá hạn: { $step } – hạn là ngày { $date }
notification-text-document_request = Vui lòng tải lên: { $document }
notification-text-document_request-due = Vui lòng tải lên trước ngày { $date }: { $document }
notification-text-erasure_request = Một ứng viên đã yêu cầu xóa dữ liệu của mình.
notification-kind-network_follow_up_due = Bước tiếp theo sau khi tiếp cận
notification-kind-agreement_obligation_due = Nghĩa vụ theo thỏa thuận
notification-kind-agreement_term_ending = Thỏa thuận sắp hết hạn
notification-kind-stock_low = Tồn kho thấp
notification-kind-lot_expiring = Lô sắp hết hạn
notification-kind-round_deadline = Hạn chót của đơn hàng chung
notification-text-network_follow_up_due = Bước tiếp theo sau khi tiếp cận { $org } – đến hạn ngày { $date }
notification-text-network_follow_up_due-overdue = Quá hạn: bước tiếp theo sau khi tiếp cận { $org } – đã đến hạn ngày { $date }
notification-text-agreement_obligation_due = Nghĩa vụ theo “{ $agreement }” – đến hạn ngày { $date }
notification-text-agreement_obligation_due-overdue = Quá hạn: nghĩa vụ theo “{ $agreement }” – đã đến hạn ngày { $date }
notification-text-agreement_term_ending = Thời hạn của “{ $agreement }” kết thúc vào ngày { $date }.
notification-text-stock_low = { $item }: chỉ còn đủ dùng { $days } (dưới { $threshold }) – hết vào khoảng ngày { $date }
notification-text-lot_expiring = { $item }, lô { $lot }: hết hạn ngày { $date }
notification-text-round_deadline = Đơn hàng chung “{ $order }”: nhập số lượng trước ngày { $date }
notification-kind-introduction_requested = Yêu cầu giới thiệu ứng viên
notification-kind-introduction_answered = Trả lời yêu cầu giới thiệu
notification-text-introduction_requested = { $org } đề nghị được giới thiệu một ứng viên.
notification-text-introduction_answered-accepted = Cơ quan đã chấp nhận yêu cầu giới thiệu của bạn.
notification-text-introduction_answered-declined = Cơ quan đã từ chối yêu cầu giới thiệu của bạn.
notification-days = { $count } ngày

notification-preferences-title = Cài đặt thông báo
notification-preferences-intro = Với mỗi loại, hãy chọn nhận e-mail ngay, nhận bản tổng hợp hằng ngày vào buổi sáng, hoặc chỉ xem trong Standort (biểu tượng chuông ở trên cùng).
notification-preferences-none = Vai trò của bạn không có thông báo nào.
notification-preferences-save = Lưu lựa chọn cho “{ $kind }”
notification-preferences-ok = Lựa chọn của bạn đã được lưu.
notification-preferences-back = Đến danh sách thông báo
notification-delivery-immediate = Ngay lập tức qua e-mail
notification-delivery-digest = Trong bản tổng hợp hằng ngày qua e-mail
notification-delivery-none = Chỉ trong Standort

## E-mail
mail-notification-subject = Standort: { $kind }
mail-digest-subject = Standort: bản tổng hợp hằng ngày của bạn
mail-digest-intro = Đây là những điều mới dành cho bạn trong Standort:
mail-digest-more = … và { $count } thông báo khác.
mail-notification-open = Mở
mail-notification-list = Tất cả thông báo
mail-notification-settings = Thay đổi những gì bạn nhận qua e-mail tại đây:

## Calendar feed
calendar-title = Các thời hạn trong lịch của bạn
calendar-intro = Một địa chỉ bí mật để đăng ký trong Thunderbird, Outlook hoặc lịch trên điện thoại: các thời hạn của bạn hiện ra dưới dạng sự kiện cả ngày, kèm liên kết trở lại Standort. Ai biết địa chỉ này sẽ thấy các thời hạn của bạn – đừng chia sẻ nó.
calendar-none = Bạn chưa có địa chỉ lịch.
calendar-active = Địa chỉ lịch của bạn có hiệu lực từ { $since }.
calendar-create = Tạo địa chỉ lịch
calendar-renew = Tạo địa chỉ lịch mới (địa chỉ hiện tại sẽ hết hiệu lực)
calendar-revoke = Thu hồi địa chỉ lịch
calendar-created = Địa chỉ lịch mới của bạn. Địa chỉ chỉ hiện lúc này: hãy sao chép vào lịch của bạn.
calendar-url = Địa chỉ để đăng ký
calendar-revoked-ok = Địa chỉ lịch không còn hiệu lực.
calendar-name = Standort – các thời hạn của { $name }
calendar-follow-up = Bước tiếp theo: { $org }
calendar-obligation = { $obligation } (“{ $agreement }”)
calendar-round = Hạn chót của đơn hàng chung “{ $order }”
