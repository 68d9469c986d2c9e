### Sign-in and sign-out

nav-logout = Đăng xuất

login-title = Đăng nhập
login-intro = Đăng nhập bằng địa chỉ email và mật khẩu của bạn.
login-email = Địa chỉ email
login-password = Mật khẩu
login-submit = Đăng nhập
login-failed = Địa chỉ email hoặc mật khẩu không đúng.
login-throttled = Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau { $minutes } phút.
logged-out = Bạn đã đăng xuất.
