### Layout, navigation, pagination, error pages and the shared validation and conflict messages

app-name = Standort
app-tagline = Nền tảng xúc tiến kinh tế
skip-to-content = Chuyển đến nội dung
nav-main = Điều hướng chính
nav-menu = Menu
nav-dashboard = Tổng quan
language-label = Ngôn ngữ giao diện
language-submit = Đổi ngôn ngữ
footer-text = Standort – phần mềm tự do cho xúc tiến kinh tế và tuyển dụng lao động có tay nghề

pagination = Trang
pagination-prev = Trước
pagination-next = Tiếp
pagination-status = Mục { $from }–{ $to } trên { $total }
pagination-status-more = Mục { $from }–{ $to } trên hơn { $total }
list-download = Tải xuống những gì danh sách hiển thị:
list-download-csv = CSV (Excel)
list-download-xlsx = XLSX
list-filter-submit = Áp dụng
list-filter-reset = Xóa bộ lọc
list-filter-any = tất cả
list-filter-name-hint = Chỉ cần một phần của tên.
list-filter-org-hint = Chỉ cần một phần của tên, không cần dấu.

error-title = Lỗi
error-bad-request = Yêu cầu không hợp lệ: { $detail }
error-forbidden = Bạn không có quyền thực hiện việc này.
error-not-found = Trang hoặc bản ghi này không tồn tại hoặc bạn không được phép xem.
error-csrf = Biểu mẫu đã hết hạn. Vui lòng tải lại trang và gửi lại.
error-internal = Đã xảy ra lỗi nội bộ. Vui lòng thử lại sau.
error-too-large = Dữ liệu gửi đi quá lớn.
error-upload-too-large = Tệp quá lớn: mỗi lần gửi tối đa { $mib } MiB. Vui lòng chia nhỏ tệp hoặc chỉ gửi những dòng cần thiết.
error-conflict = Không thực hiện được: { $detail }
error-back = Về trang tổng quan

validation-required = Vui lòng điền.
validation-too-long = Văn bản quá dài.
validation-invalid-characters = Chứa ký tự không được phép.
validation-invalid-email = Địa chỉ email không hợp lệ.
validation-password-too-short = Mật khẩu phải có ít nhất 10 ký tự.
validation-unknown-role = Vai trò không xác định.
validation-unknown-language = Ngôn ngữ không xác định.
validation-unknown-organisation = Tổ chức không xác định.
validation-unknown-kind = Loại không xác định.
validation-invalid-country = Vui lòng chọn một quốc gia trong danh sách.
iso-choose = Vui lòng chọn
conflict-email-taken = Địa chỉ email này đã được sử dụng.
conflict-name-taken = Tên này đã được sử dụng.
conflict-cannot-disable-self = Bạn không thể khóa tài khoản của chính mình.
conflict-already-exists = Mục này đã tồn tại.
field-label = Trường "{ $field }"
org-pick-label = Tìm tổ chức (tên hoặc một phần tên)
org-pick-search = Tìm tổ chức
org-pick-hint = Tổ chức của bạn đã được chọn sẵn. Hãy dùng ô tìm kiếm phía trên để tìm tổ chức khác.
org-pick-none = Không tìm thấy tổ chức nào có tên này. Hãy thử một phần ngắn hơn của tên.
validation-confirm-required = Vui lòng xác nhận trước: bước này được ghi lại vĩnh viễn. Chưa có gì được lưu.
