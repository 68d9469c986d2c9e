### Dashboard, and the cards of modules that have no pages yet

dashboard-title = Tổng quan
dashboard-welcome = Xin chào, { $name }
dashboard-role = Vai trò: { $role } · Tổ chức: { $organisation }
card-open = Mở

## Help (`/help`): one paragraph per line
help-dashboard-title = Trang tổng quan
help-dashboard-text =
    Sau khi đăng nhập, bạn thấy trang tổng quan theo vai trò của mình: các thẻ với những con số quan trọng cho công việc, ví dụ các bước quá hạn, ứng viên, vị trí tuyển dụng hoặc hàng tồn kho. Mỗi thẻ dẫn đến danh sách tương ứng.
    Ở góc trên bên phải, bạn chọn ngôn ngữ giao diện (tiếng Đức, tiếng Anh, tiếng Việt); lựa chọn được lưu vào tài khoản. Liên kết „Trợ giúp“ trên mọi trang giải thích khu vực bạn đang làm việc.
    Bạn chỉ thấy dữ liệu mà vai trò và tổ chức của bạn được phép xem. Trang không dành cho bạn sẽ báo „không tìm thấy“.
