### Dashboard, and the cards of modules that have no pages yet

dashboard-title = Tổng quan
dashboard-welcome = Xin chào, { $name }
dashboard-role = Vai trò: { $role } · Tổ chức: { $organisation }
card-open = Mở
