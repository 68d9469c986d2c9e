### Dashboard, and the cards of modules that have no pages yet

dashboard-title = Tổng quan
dashboard-welcome = Xin chào, { $name }
dashboard-role = Vai trò: { $role } · Tổ chức: { $organisation }
card-procurement = Mua sắm chung
card-procurement-empty = Chưa có đơn hàng. Tồn kho và đơn hàng của bệnh viện bạn sẽ hiện ở đây.
card-open = Mở
